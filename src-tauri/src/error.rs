use briefdesk_store::StoreError;
use serde::Serialize;
use ts_rs::TS;

/// An error as it crosses IPC: the UI branches on `code`, and shows `message`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct IpcError {
    pub code: String,
    pub message: String,
}

impl From<StoreError> for IpcError {
    fn from(error: StoreError) -> Self {
        IpcError { code: error.code().to_owned(), message: error.to_string() }
    }
}

impl IpcError {
    pub(crate) fn clipboard(error: tauri_plugin_clipboard_manager::Error) -> IpcError {
        IpcError { code: "clipboard".into(), message: format!("cannot use the clipboard: {error}") }
    }

    pub(crate) fn window(error: tauri::Error) -> IpcError {
        IpcError { code: "window".into(), message: format!("the window could not be updated: {error}") }
    }

    pub(crate) fn nothing_imported() -> IpcError {
        IpcError {
            code: "nothing_imported".into(),
            message: "the example brief could not be imported".into(),
        }
    }
}
