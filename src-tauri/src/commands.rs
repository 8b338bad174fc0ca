//! The IPC surface: each command is a one-line adapter over the store.
//!
//! Commands are `async` so Tauri runs them off the main thread: a save that
//! waits on the disk never freezes the window.

use briefdesk_core::{Brief, BriefContent, BriefId, BriefSummary};
use briefdesk_store::SavedDraft;
use tauri::State;

use crate::{AppState, IpcError};

#[tauri::command(rename_all = "snake_case")]
pub async fn create_brief(state: State<'_, AppState>) -> Result<Brief, IpcError> {
    state.with_store(|store| store.create())
}

#[tauri::command(rename_all = "snake_case")]
pub async fn get_brief(state: State<'_, AppState>, id: BriefId) -> Result<Brief, IpcError> {
    state.with_store(|store| store.get(id))
}

#[tauri::command(rename_all = "snake_case")]
pub async fn list_briefs(state: State<'_, AppState>) -> Result<Vec<BriefSummary>, IpcError> {
    state.with_store(|store| store.list())
}

#[tauri::command(rename_all = "snake_case")]
pub async fn save_draft(
    state: State<'_, AppState>,
    id: BriefId,
    expected_revision: u32,
    content: BriefContent,
) -> Result<SavedDraft, IpcError> {
    state.with_store(|store| store.save_draft(id, expected_revision, &content))
}

#[tauri::command(rename_all = "snake_case")]
pub async fn delete_brief(state: State<'_, AppState>, id: BriefId) -> Result<(), IpcError> {
    state.with_store(|store| store.delete(id))
}
