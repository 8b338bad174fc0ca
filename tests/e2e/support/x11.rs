//! Closing a window the way a window manager does: a WM_DELETE_WINDOW
//! client message. (Ending a WebDriver session kills the app instead, which
//! would not exercise the app's save-before-close path.)

use x11rb::connection::Connection;
use x11rb::protocol::xproto::{AtomEnum, ClientMessageEvent, ConnectionExt, EventMask, Window};

pub fn request_close(display: &str, title: &str) -> Result<(), Box<dyn std::error::Error>> {
    let (conn, screen) = x11rb::connect(Some(display))?;
    let root = conn.setup().roots[screen].root;
    let atom = |name: &[u8]| conn.intern_atom(false, name).map(|cookie| cookie.reply().map(|r| r.atom));
    let wm_protocols = atom(b"WM_PROTOCOLS")??;
    let wm_delete_window = atom(b"WM_DELETE_WINDOW")??;
    let utf8_string = atom(b"UTF8_STRING")??;
    let net_wm_name = atom(b"_NET_WM_NAME")??;

    let mut targets: Vec<Window> = Vec::new();
    for window in conn.query_tree(root)?.reply()?.children {
        let name = conn.get_property(false, window, net_wm_name, utf8_string, 0, 1024)?.reply()?.value;
        let legacy =
            conn.get_property(false, window, AtomEnum::WM_NAME, AtomEnum::STRING, 0, 1024)?.reply()?.value;
        if name == title.as_bytes() || legacy == title.as_bytes() {
            targets.push(window);
        }
    }
    if targets.is_empty() {
        return Err(format!("no top-level window is titled {title:?}").into());
    }
    for window in targets {
        let event = ClientMessageEvent::new(32, window, wm_protocols, [wm_delete_window, 0, 0, 0, 0]);
        conn.send_event(false, window, EventMask::NO_EVENT, event)?;
    }
    conn.flush()?;
    Ok(())
}
