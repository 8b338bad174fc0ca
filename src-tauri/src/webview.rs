//! WebKitGTK settings that the page does not control.

/// Turns off accelerated compositing and keeps WebKit's memory caches small
/// (the "document viewer" model). A text editor gains nothing from GPU
/// layers or a browser's caches, and they cost: with them the web process
/// held about 80 MB more (PSS, measured by `make bench` under Xvfb), and
/// compositing is where WebKitGTK's blank-window bugs on some GPU drivers
/// live.
#[cfg(target_os = "linux")]
pub fn configure(window: &tauri::WebviewWindow) -> tauri::Result<()> {
    use webkit2gtk::{CacheModel, HardwareAccelerationPolicy, SettingsExt, WebContextExt, WebViewExt};
    window.with_webview(|webview| {
        let view = webview.inner();
        if let Some(settings) = WebViewExt::settings(&view) {
            settings.set_hardware_acceleration_policy(HardwareAccelerationPolicy::Never);
        }
        if let Some(context) = view.context() {
            context.set_cache_model(CacheModel::DocumentViewer);
        }
    })
}

#[cfg(not(target_os = "linux"))]
pub fn configure(_window: &tauri::WebviewWindow) -> tauri::Result<()> {
    Ok(())
}
