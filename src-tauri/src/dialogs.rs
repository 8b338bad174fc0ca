//! Native file dialogs, opened from Rust: the web page never chooses a path,
//! so a compromised page cannot read or write files the user did not pick.
//!
//! `BRIEFDESK_E2E_DIALOG_DIR`: GTK's file chooser cannot be driven from
//! WebDriver, so the end-to-end tests set this to answer the dialogs
//! instead: a save goes to `<dir>/<suggested name>`, an open picks every
//! file in `<dir>/import/`. Everything after the dialog is the real path.

use std::path::PathBuf;

use briefdesk_core::ExportFormat;
use tauri::{AppHandle, Manager, Runtime};
use tauri_plugin_dialog::DialogExt;

const E2E_DIALOG_DIR: &str = "BRIEFDESK_E2E_DIALOG_DIR";

fn e2e_dir() -> Option<PathBuf> {
    std::env::var_os(E2E_DIALOG_DIR).filter(|v| !v.is_empty()).map(PathBuf::from)
}

/// The files the user picked to import; empty when they cancelled.
pub fn pick_import_files<R: Runtime>(app: &AppHandle<R>) -> Vec<PathBuf> {
    if let Some(dir) = e2e_dir() {
        let mut files: Vec<PathBuf> = std::fs::read_dir(dir.join("import"))
            .map(|entries| entries.filter_map(|e| e.ok().map(|e| e.path())).collect())
            .unwrap_or_default();
        files.sort();
        return files;
    }
    app.dialog()
        .file()
        .set_title("Import briefs")
        .add_filter("Briefs", &["md", "markdown", "txt", "json"])
        .blocking_pick_files()
        .unwrap_or_default()
        .into_iter()
        .filter_map(|file| file.into_path().ok())
        .collect()
}

/// Where to save an export, offered in `folder`; `None` when the user cancelled.
pub fn pick_export_path<R: Runtime>(
    app: &AppHandle<R>,
    suggested: &str,
    format: ExportFormat,
    folder: Option<PathBuf>,
) -> Option<PathBuf> {
    if let Some(dir) = e2e_dir() {
        return Some(dir.join(suggested));
    }
    // With no folder, GTK offers the folder the app was started from.
    let folder = folder
        .filter(|f| f.is_dir())
        .or_else(|| app.path().document_dir().ok().filter(|d| d.is_dir()))
        .or_else(|| app.path().home_dir().ok());
    let dialog = app.dialog().file();
    let dialog = match folder {
        Some(folder) => dialog.set_directory(folder),
        None => dialog,
    };
    dialog
        .set_title("Export brief")
        .set_file_name(suggested)
        .add_filter(format.label(), &[format.extension()])
        .blocking_save_file()
        .and_then(|file| file.into_path().ok())
}
