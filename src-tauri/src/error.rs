use briefdesk_store::{ErrorCode, StoreError};
use serde::Serialize;
use ts_rs::TS;

/// An error as it crosses IPC: the UI branches on `code`, and shows `message`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct IpcError {
    pub code: ErrorCode,
    pub message: String,
}

impl From<StoreError> for IpcError {
    fn from(error: StoreError) -> Self {
        IpcError { code: error.code(), message: error.to_string() }
    }
}

impl IpcError {
    pub(crate) fn clipboard(error: tauri_plugin_clipboard_manager::Error) -> IpcError {
        IpcError { code: ErrorCode::Clipboard, message: format!("cannot use the clipboard: {error}") }
    }

    pub(crate) fn window(error: tauri::Error) -> IpcError {
        IpcError { code: ErrorCode::Window, message: format!("the window could not be updated: {error}") }
    }

    /// The blocking thread a store call ran on panicked or was cancelled.
    pub(crate) fn task(error: tauri::Error) -> IpcError {
        IpcError { code: ErrorCode::Storage, message: format!("the change could not be completed: {error}") }
    }

    pub(crate) fn nothing_imported() -> IpcError {
        IpcError {
            code: ErrorCode::NothingImported,
            message: "the example brief could not be imported".into(),
        }
    }
}
