//! The IPC surface: each command is a one-line adapter over the store.
//!
//! Commands are `async` so Tauri runs them off the main thread: a save that
//! waits on the disk never freezes the window.

use briefdesk_core::{
    check, parse_text, to_html_fragment, Brief, BriefContent, BriefDiff, BriefId, BriefSummary, Budgets,
    Checks, ExportFormat, PartRef, Status,
};
use briefdesk_store::{
    write_atomically, FileImport, LibraryFilter, SavedDraft, SearchHit, Version, VersionInfo,
};
use tauri::{AppHandle, State, WebviewWindow};
use tauri_plugin_clipboard_manager::ClipboardExt;

use crate::menu::EditItems;
use crate::spelling::SpellingLanguages;
use crate::{dialogs, opener, webview, window_title, AppState, IpcError};

/// The brief a first-time user can open from the empty library.
const EXAMPLE_BRIEF: &str = include_str!("../crates/briefdesk-core/testdata/korea-china-visit.txt");

#[tauri::command(rename_all = "snake_case")]
pub async fn create_brief(state: State<'_, AppState>) -> Result<Brief, IpcError> {
    state.with_store(|store| store.create())
}

#[tauri::command(rename_all = "snake_case")]
pub async fn get_brief(state: State<'_, AppState>, id: BriefId) -> Result<Brief, IpcError> {
    state.with_store(|store| store.get(id))
}

#[tauri::command(rename_all = "snake_case")]
pub async fn list_briefs(
    state: State<'_, AppState>,
    filter: LibraryFilter,
) -> Result<Vec<BriefSummary>, IpcError> {
    state.with_store(|store| store.library(&filter))
}

#[tauri::command(rename_all = "snake_case")]
pub async fn search_briefs(
    state: State<'_, AppState>,
    query: String,
    filter: LibraryFilter,
) -> Result<Vec<SearchHit>, IpcError> {
    state.with_store(|store| store.search(&query, &filter, 100))
}

#[tauri::command(rename_all = "snake_case")]
pub async fn list_tags(state: State<'_, AppState>) -> Result<Vec<String>, IpcError> {
    state.with_store(|store| store.tags())
}

#[tauri::command(rename_all = "snake_case")]
pub async fn list_trash(state: State<'_, AppState>) -> Result<Vec<BriefSummary>, IpcError> {
    state.with_store(|store| store.trash())
}

#[tauri::command(rename_all = "snake_case")]
pub async fn restore_from_trash(state: State<'_, AppState>, id: BriefId) -> Result<(), IpcError> {
    state.with_store(|store| store.restore_from_trash(id))
}

#[tauri::command(rename_all = "snake_case")]
pub async fn empty_trash(state: State<'_, AppState>) -> Result<usize, IpcError> {
    state.with_store(|store| store.empty_trash())
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

/// Asks for files to import; each becomes a brief or reports why not.
#[tauri::command(rename_all = "snake_case")]
pub async fn import_files(app: AppHandle, state: State<'_, AppState>) -> Result<Vec<FileImport>, IpcError> {
    let paths = dialogs::pick_import_files(&app);
    state.with_store(|store| Ok(store.import_files(&paths)))
}

#[tauri::command(rename_all = "snake_case")]
pub async fn import_example(state: State<'_, AppState>) -> Result<Brief, IpcError> {
    let example = (parse_text(EXAMPLE_BRIEF), Status::Draft);
    state
        .with_store(|store| store.import(&[example]))
        .and_then(|mut briefs| briefs.pop().ok_or_else(IpcError::nothing_imported))
}

/// Asks where to save, then writes the brief there atomically. Answers the
/// path written, or nothing if the user cancelled.
#[tauri::command(rename_all = "snake_case")]
pub async fn export_brief(
    app: AppHandle,
    state: State<'_, AppState>,
    id: BriefId,
    format: ExportFormat,
) -> Result<Option<String>, IpcError> {
    let (brief, folder) = state.with_store(|store| Ok((store.get(id)?, store.export_folder()?)))?;
    let Some(path) = dialogs::pick_export_path(&app, &format.file_name(&brief), format, folder) else {
        return Ok(None);
    };
    write_atomically(&path, format.render(&brief).as_bytes())?;
    if let Some(folder) = path.parent() {
        state.with_store(|store| store.set_export_folder(folder))?;
    }
    Ok(Some(path.display().to_string()))
}

/// Puts the brief on the clipboard as HTML, with plain text for programs
/// that take no HTML, so headings and bullets survive a paste.
#[tauri::command(rename_all = "snake_case")]
pub async fn copy_rich_text(app: AppHandle, state: State<'_, AppState>, id: BriefId) -> Result<(), IpcError> {
    let brief = state.with_store(|store| store.get(id))?;
    let (html, text) =
        (briefdesk_core::to_html_fragment(&brief.content), briefdesk_core::to_text(&brief.content));
    app.clipboard().write_html(html, Some(text)).map_err(IpcError::clipboard)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn list_versions(state: State<'_, AppState>, id: BriefId) -> Result<Vec<VersionInfo>, IpcError> {
    state.with_store(|store| store.history(id))
}

#[tauri::command(rename_all = "snake_case")]
pub async fn get_version(state: State<'_, AppState>, id: BriefId, version: u32) -> Result<Version, IpcError> {
    state.with_store(|store| store.version(id, version))
}

/// `old`/`new`: version numbers, or null for the current draft.
#[tauri::command(rename_all = "snake_case")]
pub async fn compare_versions(
    state: State<'_, AppState>,
    id: BriefId,
    old: Option<u32>,
    new: Option<u32>,
) -> Result<BriefDiff, IpcError> {
    state.with_store(|store| store.compare(id, old, new))
}

#[tauri::command(rename_all = "snake_case")]
pub async fn save_version(
    state: State<'_, AppState>,
    id: BriefId,
    label: Option<String>,
) -> Result<VersionInfo, IpcError> {
    state.with_store(|store| store.save_version(id, label.as_deref()))
}

#[tauri::command(rename_all = "snake_case")]
pub async fn set_status(
    state: State<'_, AppState>,
    id: BriefId,
    expected_revision: u32,
    status: Status,
) -> Result<Brief, IpcError> {
    state.with_store(|store| store.set_status(id, expected_revision, status))
}

#[tauri::command(rename_all = "snake_case")]
pub async fn restore_version(
    state: State<'_, AppState>,
    id: BriefId,
    version: u32,
    part: Option<PartRef>,
) -> Result<Brief, IpcError> {
    state.with_store(|store| store.restore(id, version, part.as_ref()))
}

/// The brief's content as the sanitized HTML the exports use.
#[tauri::command(rename_all = "snake_case")]
pub async fn render_html(content: BriefContent) -> String {
    to_html_fragment(&content)
}

/// Word counts, reading time and budget warnings, counted by the core.
#[tauri::command(rename_all = "snake_case")]
pub async fn check_brief(state: State<'_, AppState>, content: BriefContent) -> Result<Checks, IpcError> {
    state.with_store(|store| Ok(check(&content, &store.budgets()?)))
}

#[tauri::command(rename_all = "snake_case")]
pub async fn get_budgets(state: State<'_, AppState>) -> Result<Budgets, IpcError> {
    state.with_store(|store| store.budgets())
}

#[tauri::command(rename_all = "snake_case")]
pub async fn set_budgets(state: State<'_, AppState>, budgets: Budgets) -> Result<(), IpcError> {
    state.with_store(|store| store.set_budgets(&budgets))
}

/// Opens a link from a brief in the desktop's browser or mail client:
/// http, https and mailto only.
#[tauri::command(rename_all = "snake_case")]
pub async fn open_link(href: String) -> Result<(), IpcError> {
    opener::open_link(&href)
}

/// Enables the Edit menu's Undo and Redo as the page's undo history says.
#[tauri::command(rename_all = "snake_case")]
pub async fn set_edit_state(
    items: State<'_, EditItems>,
    can_undo: bool,
    can_redo: bool,
) -> Result<(), IpcError> {
    items.set(can_undo, can_redo).map_err(IpcError::window)
}

/// Names the open brief in the window's title (`None`: no brief open).
#[tauri::command(rename_all = "snake_case")]
pub async fn show_brief_title(window: WebviewWindow, headline: Option<String>) -> Result<(), IpcError> {
    window.set_title(&window_title(headline.as_deref())).map_err(IpcError::window)
}

/// Changes from another program or window since the last call: a number
/// that changes when they commit.
#[tauri::command(rename_all = "snake_case")]
pub async fn outside_changes(state: State<'_, AppState>) -> Result<i64, IpcError> {
    state.with_store(|store| store.outside_changes())
}

#[tauri::command(rename_all = "snake_case")]
pub async fn discard_if_untouched(state: State<'_, AppState>, id: BriefId) -> Result<bool, IpcError> {
    state.with_store(|store| store.discard_if_untouched(id))
}

/// Keeps words that could not go into their own brief as a new one.
#[tauri::command(rename_all = "snake_case")]
pub async fn save_as_new(
    state: State<'_, AppState>,
    content: BriefContent,
    conflicted: bool,
) -> Result<Brief, IpcError> {
    state.with_store(|store| store.save_as_new(&content, conflicted))
}

#[tauri::command(rename_all = "snake_case")]
pub async fn get_library_view(state: State<'_, AppState>) -> Result<LibraryFilter, IpcError> {
    state.with_store(|store| store.library_view())
}

#[tauri::command(rename_all = "snake_case")]
pub async fn set_library_view(state: State<'_, AppState>, view: LibraryFilter) -> Result<(), IpcError> {
    state.with_store(|store| store.set_library_view(&view))
}

#[tauri::command(rename_all = "snake_case")]
pub async fn spelling_languages(state: State<'_, AppState>) -> Result<SpellingLanguages, IpcError> {
    state.spelling()
}

/// Chooses the spelling language (`None`: follow the system) and applies it.
#[tauri::command(rename_all = "snake_case")]
pub async fn set_spelling_language(
    window: WebviewWindow,
    state: State<'_, AppState>,
    language: Option<String>,
) -> Result<SpellingLanguages, IpcError> {
    state.with_store(|store| store.set_spelling_language(language.as_deref()))?;
    let languages = state.spelling()?;
    webview::set_spelling_language(&window, languages.active.clone()).map_err(IpcError::window)?;
    Ok(languages)
}
