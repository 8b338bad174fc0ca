//! WebKitGTK settings that the page does not control.

/// Keeps WebKit's memory caches small (the "document viewer" model): an
/// editor showing one local page gains nothing from a browser's caches.
///
/// Turning accelerated compositing off as well saved about 65 MB (PSS,
/// `make bench` under Xvfb), but then WebKit's snapshots, which WebDriver
/// screenshots use, never completed on the "database damaged" screen, so
/// it stays on until that is understood.
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
