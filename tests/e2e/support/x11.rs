//! Closing a window the way a window manager does: a WM_DELETE_WINDOW
//! client message. (Ending a WebDriver session kills the app instead, which
//! would not exercise the app's save-before-close path.)

use x11rb::connection::Connection;
use x11rb::protocol::xproto::{AtomEnum, ClientMessageEvent, ConnectionExt, EventMask, Window};

/// Asks every top-level window whose title `matches` to close.
pub fn request_close_matching(
    display: &str,
    matches: impl Fn(&[u8]) -> bool,
) -> Result<(), Box<dyn std::error::Error>> {
    let (conn, screen) = x11rb::connect(Some(display))?;
    let root = conn.setup().roots[screen].root;
    let atom = |name: &[u8]| conn.intern_atom(false, name).map(|cookie| cookie.reply().map(|r| r.atom));
    let wm_protocols = atom(b"WM_PROTOCOLS")??;
    let wm_delete_window = atom(b"WM_DELETE_WINDOW")??;
    let utf8_string = atom(b"UTF8_STRING")??;
    let net_wm_name = atom(b"_NET_WM_NAME")??;

    let mut targets: Vec<Window> = Vec::new();
    for window in top_levels(&conn, root)? {
        let name = conn.get_property(false, window, net_wm_name, utf8_string, 0, 1024)?.reply()?.value;
        let legacy =
            conn.get_property(false, window, AtomEnum::WM_NAME, AtomEnum::STRING, 0, 1024)?.reply()?.value;
        if matches(&name) || matches(&legacy) {
            targets.push(window);
        }
    }
    if targets.is_empty() {
        return Err("no top-level window has that title".into());
    }
    for window in targets {
        let event = ClientMessageEvent::new(32, window, wm_protocols, [wm_delete_window, 0, 0, 0, 0]);
        conn.send_event(false, window, EventMask::NO_EVENT, event)?;
    }
    conn.flush()?;
    Ok(())
}

/// The root's children and, under a window manager that wraps each
/// window in a frame (openbox), the frames' children.
fn top_levels(conn: &impl Connection, root: Window) -> Result<Vec<Window>, Box<dyn std::error::Error>> {
    let mut windows = Vec::new();
    for window in conn.query_tree(root)?.reply()?.children {
        windows.push(window);
        windows.extend(conn.query_tree(window)?.reply()?.children);
    }
    Ok(windows)
}

/// The titles of the top-level windows (their UTF-8 `_NET_WM_NAME`).
pub fn window_titles(display: &str) -> Result<Vec<String>, Box<dyn std::error::Error>> {
    let (conn, screen) = x11rb::connect(Some(display))?;
    let root = conn.setup().roots[screen].root;
    let atom = |name: &[u8]| conn.intern_atom(false, name).map(|cookie| cookie.reply().map(|r| r.atom));
    let (utf8_string, net_wm_name) = (atom(b"UTF8_STRING")??, atom(b"_NET_WM_NAME")??);
    let mut titles = Vec::new();
    for window in top_levels(&conn, root)? {
        let name = conn.get_property(false, window, net_wm_name, utf8_string, 0, 1024)?.reply()?.value;
        titles.push(String::from_utf8_lossy(&name).into_owned());
    }
    Ok(titles)
}

/// The whole screen of `display` as a PNG, read from the X server. WebKit's
/// own snapshot (WebDriver's Take Screenshot) waits for a composited frame
/// that never comes once the app turns the DMABUF renderer off, and the X
/// server's pixels are what a person would see anyway.
pub fn screen_png(display: &str) -> Result<Vec<u8>, Box<dyn std::error::Error>> {
    use x11rb::protocol::xproto::ImageFormat;
    let (conn, screen) = x11rb::connect(Some(display))?;
    let root_screen = &conn.setup().roots[screen];
    let (root, width, height) = (root_screen.root, root_screen.width_in_pixels, root_screen.height_in_pixels);
    let image = conn.get_image(ImageFormat::Z_PIXMAP, root, 0, 0, width, height, !0)?.reply()?;
    // 24-bit depth arrives as BGRX, four bytes a pixel.
    let rgb: Vec<u8> = image.data.chunks_exact(4).flat_map(|px| [px[2], px[1], px[0]]).collect();
    let mut png = Vec::new();
    let mut encoder = png::Encoder::new(&mut png, u32::from(width), u32::from(height));
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    encoder.write_header()?.write_image_data(&rgb)?;
    Ok(png)
}
