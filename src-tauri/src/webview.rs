//! WebKitGTK settings that the page does not control.

/// Sets WebKitGTK's and JavaScriptCore's environment switches before any
/// web view exists (both read them from the environment, and the web
/// process inherits it), so call this first in `main`, while the process has
/// one thread. A value the user has set is left as it is.
///
/// - The DMABUF renderer is off: an editor showing one local page gains
///   nothing from it, and it cost about 80 MB (PSS over the app's processes,
///   `make bench` under Xvfb); it is also where WebKitGTK's blank-window
///   bugs on some GPU drivers live. (WebKit's own snapshots, which
///   WebDriver's Take Screenshot uses, then wait forever under Xvfb, so the
///   end-to-end tests read the screen from the X server instead.)
/// - JavaScriptCore's JIT compilers are off, as in Safari's Lockdown Mode:
///   the page renders text an attacker may have written (imported files,
///   pasted text), and without a JIT a JavaScriptCore bug is much harder to
///   turn into running code (no writable and executable memory). The page's
///   script is small and mostly waits on the DOM and the store, so the
///   interpreter keeps up; it also saves about 8 MB.
pub fn prepare_environment() {
    #[cfg(target_os = "linux")]
    for (name, value) in [("WEBKIT_DISABLE_DMABUF_RENDERER", "1"), ("JSC_useJIT", "false")] {
        if std::env::var_os(name).is_none() {
            std::env::set_var(name, value);
        }
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
