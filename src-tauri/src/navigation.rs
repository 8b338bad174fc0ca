//! The window shows the app's own page and nothing else. WebKit asks before
//! every navigation of the page (a clicked link, a form, a script, a
//! reload); only the first load of the app's page is allowed. A link from a
//! brief opens in the desktop's browser, on a person's explicit action,
//! through `open_link` (see `opener.rs`), never here.

use std::sync::atomic::{AtomicBool, Ordering};

use tauri::Url;

/// Whether the page may go to `url`. `loaded` records that the app's page
/// has been let in once: after that, even the app's own address is refused,
/// since going there again would reload the app over the open brief (a
/// relative link in a brief resolves to it).
pub fn allows(url: &Url, loaded: &AtomicBool) -> bool {
    if !is_app_page(url) {
        return false;
    }
    !loaded.swap(true, Ordering::SeqCst)
}

/// The address Tauri serves the bundled page at: `tauri://localhost` on
/// Linux and macOS, `http://tauri.localhost` on Windows.
fn is_app_page(url: &Url) -> bool {
    let app_origin = matches!(
        (url.scheme(), url.host_str()),
        ("tauri", Some("localhost")) | ("http" | "https", Some("tauri.localhost"))
    );
    app_origin && matches!(url.path(), "" | "/" | "/index.html")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url(s: &str) -> Url {
        Url::parse(s).unwrap_or_else(|e| panic!("{s}: {e}"))
    }

    #[test]
    fn only_the_first_load_of_the_app_page_is_allowed() {
        let loaded = AtomicBool::new(false);
        for refused in
            ["https://www.reuters.com/", "mailto:desk@example.org", "file:///etc/passwd", "about:blank"]
        {
            assert!(!allows(&url(refused), &loaded), "{refused}");
        }
        assert!(allows(&url("tauri://localhost"), &loaded));
        // A relative link in the preview resolves against the app's page.
        for refused in [
            "tauri://localhost/",
            "tauri://localhost/index.html",
            "tauri://localhost/brief.md",
            "tauri://localhost/#section",
            "https://www.reuters.com/",
        ] {
            assert!(!allows(&url(refused), &loaded), "{refused} after the first load");
        }
    }

    #[test]
    fn the_app_page_is_recognised_on_every_platform_and_nothing_near_it() {
        for page in ["tauri://localhost", "tauri://localhost/index.html", "http://tauri.localhost/"] {
            assert!(allows(&url(page), &AtomicBool::new(false)), "{page}");
        }
        for other in [
            "tauri://localhost/assets/x.js",
            "http://localhost/",
            "http://tauri.localhost.evil.org/",
            "tauri://evil/",
        ] {
            assert!(!allows(&url(other), &AtomicBool::new(false)), "{other}");
        }
    }
}
