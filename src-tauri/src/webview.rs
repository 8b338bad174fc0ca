//! WebKitGTK settings that the page does not control.

/// Turns WebKitGTK's DMABUF renderer off, before any web view exists (it is
/// read from the environment), so call this first in `main`, while the
/// process has one thread. An editor showing one local page gains nothing
/// from it, and it cost about 80 MB (PSS over the app's processes, `make
/// bench` under Xvfb); it is also where WebKitGTK's blank-window bugs on
/// some GPU drivers live. (WebKit's own snapshots, which WebDriver's Take
/// Screenshot uses, then wait forever under Xvfb, so the end-to-end tests
/// read the screen from the X server instead.)
pub fn prepare_environment() {
    #[cfg(target_os = "linux")]
    if std::env::var_os("WEBKIT_DISABLE_DMABUF_RENDERER").is_none() {
        std::env::set_var("WEBKIT_DISABLE_DMABUF_RENDERER", "1");
    }
}

/// Keeps WebKit's memory caches small (the "document viewer" model): an
/// editor showing one local page gains nothing from a browser's caches.
#[cfg(target_os = "linux")]
pub fn configure(window: &tauri::WebviewWindow) -> tauri::Result<()> {
    use webkit2gtk::{CacheModel, WebContextExt, WebViewExt};
    window.with_webview(|webview| {
        if let Some(context) = webview.inner().context() {
            context.set_cache_model(CacheModel::DocumentViewer);
        }
    })
}

#[cfg(not(target_os = "linux"))]
pub fn configure(_window: &tauri::WebviewWindow) -> tauri::Result<()> {
    Ok(())
}
