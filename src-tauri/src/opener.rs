//! Opens a link from a brief in the desktop's browser or mail client, only
//! when the person asked for it (Ctrl+click, or "Open Link" in the context
//! menu). Which links may be opened is `briefdesk_core::openable_link`.

use std::process::{Command, Stdio};

use briefdesk_store::ErrorCode;

use crate::IpcError;

/// The desktop's opener. `BRIEFDESK_OPENER` replaces it, so the end-to-end
/// tests can see what would have been opened without a browser.
fn opener() -> String {
    std::env::var("BRIEFDESK_OPENER").unwrap_or_else(|_| "xdg-open".to_owned())
}

pub fn open_link(href: &str) -> Result<(), IpcError> {
    let link = briefdesk_core::openable_link(href)
        .map_err(|error| IpcError { code: ErrorCode::LinkRefused, message: error.to_string() })?;
    let mut child = Command::new(opener())
        .arg(link)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|error| IpcError {
            code: ErrorCode::NoOpener,
            message: format!("the link could not be opened: no web browser was found ({error})"),
        })?;
    // Reaped on a thread of its own: xdg-open may wait for the browser.
    std::thread::spawn(move || child.wait());
    Ok(())
}
