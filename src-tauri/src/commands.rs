//! The IPC surface: each command is a one-line adapter over the store.
//!
//! Store work runs on a blocking thread (`AppState::write`/`read`), never on
//! the async runtime's workers or the main thread: a save that waits on the
//! disk never freezes the window, and reads go through their own connection
//! so they never delay a save.

use briefdesk_core::{
    check, parse_text, to_html_fragment, Brief, BriefContent, BriefDiff, BriefId, BriefPart, BriefSummary,
    Budgets, Checks, ExportFormat, PartRef, Status,
};
use briefdesk_store::{
    write_atomically, BriefConflicts, DeskBrief, DeskVersion, FileImport, LibraryFilter, SavedDraft,
    SearchHit, Take, Version, VersionInfo,
};
use tauri::{AppHandle, State, WebviewWindow};
use tauri_plugin_clipboard_manager::ClipboardExt;

use crate::desk_login::{self, DeskConnection};
use crate::desk_sync::FollowedBrief;
use crate::menu::EditItems;
use crate::spelling::SpellingLanguages;
use crate::state::blocking;
use crate::{dialogs, opener, webview, window_title, AppState, IpcError};

/// The brief a first-time user can open from the empty library.
const EXAMPLE_BRIEF: &str = include_str!("../crates/briefdesk-core/testdata/korea-china-visit.txt");

#[tauri::command(rename_all = "snake_case")]
pub async fn create_brief(state: State<'_, AppState>) -> Result<Brief, IpcError> {
    state.write(move |store| store.create()).await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn get_brief(state: State<'_, AppState>, id: BriefId) -> Result<Brief, IpcError> {
    state.read(move |store| store.get(id)).await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn list_briefs(
    state: State<'_, AppState>,
    filter: LibraryFilter,
) -> Result<Vec<BriefSummary>, IpcError> {
    state.read(move |store| store.library(&filter)).await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn search_briefs(
    state: State<'_, AppState>,
    query: String,
    filter: LibraryFilter,
) -> Result<Vec<SearchHit>, IpcError> {
    state.read(move |store| store.search(&query, &filter, 100)).await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn list_tags(state: State<'_, AppState>) -> Result<Vec<String>, IpcError> {
    state.read(move |store| store.tags()).await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn list_trash(state: State<'_, AppState>) -> Result<Vec<BriefSummary>, IpcError> {
    state.read(move |store| store.trash()).await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn restore_from_trash(state: State<'_, AppState>, id: BriefId) -> Result<(), IpcError> {
    state.write(move |store| store.restore_from_trash(id)).await
}

/// Deletes for good the briefs the page listed and the person agreed to.
#[tauri::command(rename_all = "snake_case")]
pub async fn empty_trash(state: State<'_, AppState>, ids: Vec<BriefId>) -> Result<usize, IpcError> {
    state.write(move |store| store.empty_trash(&ids)).await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn save_draft(
    state: State<'_, AppState>,
    id: BriefId,
    expected_revision: u32,
    content: BriefContent,
) -> Result<SavedDraft, IpcError> {
    state.write(move |store| store.save_draft(id, expected_revision, &content)).await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn delete_brief(state: State<'_, AppState>, id: BriefId) -> Result<(), IpcError> {
    state.write(move |store| store.delete(id)).await
}

/// Asks for files to import; each becomes a brief or reports why not.
#[tauri::command(rename_all = "snake_case")]
pub async fn import_files(app: AppHandle, state: State<'_, AppState>) -> Result<Vec<FileImport>, IpcError> {
    let paths = dialogs::pick_import_files(&app);
    state.import_files(paths).await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn import_example(state: State<'_, AppState>) -> Result<Brief, IpcError> {
    let example = (parse_text(EXAMPLE_BRIEF), Status::Draft);
    state
        .write(move |store| store.import(&[example]))
        .await
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
    let (brief, folder) = state.read(move |store| Ok((store.get(id)?, store.export_folder()?))).await?;
    let Some(path) = dialogs::pick_export_path(&app, &format.file_name(&brief), format, folder) else {
        return Ok(None);
    };
    let written = path.clone();
    blocking(move || Ok(write_atomically(&written, format.render(&brief).as_bytes())?)).await?;
    if let Some(folder) = path.parent().map(std::path::Path::to_owned) {
        state.write(move |store| store.set_export_folder(&folder)).await?;
    }
    Ok(Some(path.display().to_string()))
}

/// Puts the brief on the clipboard as HTML, with plain text for programs
/// that take no HTML, so headings and bullets survive a paste.
#[tauri::command(rename_all = "snake_case")]
pub async fn copy_rich_text(app: AppHandle, state: State<'_, AppState>, id: BriefId) -> Result<(), IpcError> {
    let brief = state.read(move |store| store.get(id)).await?;
    let (html, text) = blocking(move || {
        Ok((briefdesk_core::to_html_fragment(&brief.content), briefdesk_core::to_text(&brief.content)))
    })
    .await?;
    app.clipboard().write_html(html, Some(text)).map_err(IpcError::clipboard)
}

#[tauri::command(rename_all = "snake_case")]
pub async fn list_versions(state: State<'_, AppState>, id: BriefId) -> Result<Vec<VersionInfo>, IpcError> {
    state.read(move |store| store.history(id)).await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn get_version(state: State<'_, AppState>, id: BriefId, version: u32) -> Result<Version, IpcError> {
    state.read(move |store| store.version(id, version)).await
}

/// `old`/`new`: version numbers, or null for the current draft.
#[tauri::command(rename_all = "snake_case")]
pub async fn compare_versions(
    state: State<'_, AppState>,
    id: BriefId,
    old: Option<u32>,
    new: Option<u32>,
) -> Result<BriefDiff, IpcError> {
    state.read(move |store| store.compare(id, old, new)).await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn save_version(
    state: State<'_, AppState>,
    id: BriefId,
    label: Option<String>,
) -> Result<VersionInfo, IpcError> {
    state.write(move |store| store.save_version(id, label.as_deref())).await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn set_status(
    state: State<'_, AppState>,
    id: BriefId,
    expected_revision: u32,
    status: Status,
) -> Result<Brief, IpcError> {
    state.write(move |store| store.set_status(id, expected_revision, status)).await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn restore_version(
    state: State<'_, AppState>,
    id: BriefId,
    version: u32,
    part: Option<PartRef>,
) -> Result<Brief, IpcError> {
    state.write(move |store| store.restore(id, version, part.as_ref())).await
}

/// The brief's content as the sanitized HTML the exports use.
#[tauri::command(rename_all = "snake_case")]
pub async fn render_html(content: BriefContent) -> Result<String, IpcError> {
    check_size(&content)?;
    blocking(move || Ok(to_html_fragment(&content))).await
}

/// The limits a save has, for commands that take a brief but store nothing:
/// a page sending 100 MB to be rendered is refused as a save would be.
fn check_size(content: &BriefContent) -> Result<(), IpcError> {
    briefdesk_core::validate(content, &briefdesk_core::Limits::DEFAULT)
        .map_err(|error| IpcError::from(briefdesk_store::StoreError::Invalid(error)))
}

/// Word counts, reading time and budget warnings, counted by the core.
#[tauri::command(rename_all = "snake_case")]
pub async fn check_brief(state: State<'_, AppState>, content: BriefContent) -> Result<Checks, IpcError> {
    check_size(&content)?;
    state.read(move |store| Ok(check(&content, &store.budgets()?))).await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn get_budgets(state: State<'_, AppState>) -> Result<Budgets, IpcError> {
    state.read(move |store| store.budgets()).await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn set_budgets(state: State<'_, AppState>, budgets: Budgets) -> Result<(), IpcError> {
    state.write(move |store| store.set_budgets(&budgets)).await
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
    state.write(|store| store.outside_changes()).await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn discard_if_untouched(state: State<'_, AppState>, id: BriefId) -> Result<bool, IpcError> {
    state.write(move |store| store.discard_if_untouched(id)).await
}

/// Keeps words that could not go into their own brief as a new one.
#[tauri::command(rename_all = "snake_case")]
pub async fn save_as_new(
    state: State<'_, AppState>,
    content: BriefContent,
    conflicted: bool,
) -> Result<Brief, IpcError> {
    state.write(move |store| store.save_as_new(&content, conflicted)).await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn get_library_view(state: State<'_, AppState>) -> Result<LibraryFilter, IpcError> {
    state.read(move |store| store.library_view()).await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn set_library_view(state: State<'_, AppState>, view: LibraryFilter) -> Result<(), IpcError> {
    state.write(move |store| store.set_library_view(&view)).await
}

#[tauri::command(rename_all = "snake_case")]
pub async fn spelling_languages(state: State<'_, AppState>) -> Result<SpellingLanguages, IpcError> {
    state.spelling().await
}

/// Chooses the spelling language (`None`: follow the system) and applies it.
#[tauri::command(rename_all = "snake_case")]
pub async fn set_spelling_language(
    window: WebviewWindow,
    state: State<'_, AppState>,
    language: Option<String>,
) -> Result<SpellingLanguages, IpcError> {
    let chosen = language.clone();
    state.write(move |store| store.set_spelling_language(chosen.as_deref())).await?;
    let languages = state.spelling().await?;
    webview::set_spelling_language(&window, languages.active.clone()).map_err(IpcError::window)?;
    Ok(languages)
}

/// The open brief's parts in conflict with the desk, side by side; `None`
/// when there are none.
#[tauri::command(rename_all = "snake_case")]
pub async fn brief_conflicts(
    state: State<'_, AppState>,
    id: BriefId,
) -> Result<Option<BriefConflicts>, IpcError> {
    state.read(move |store| store.conflicts_of(id)).await
}

/// The open brief's conflict open on the desk but someone else's to
/// choose: the desk's text and the one kept beside it; `None` when none is.
#[tauri::command(rename_all = "snake_case")]
pub async fn desk_conflict(
    state: State<'_, AppState>,
    id: BriefId,
) -> Result<Option<BriefConflicts>, IpcError> {
    state.read(move |store| store.conflict_on_desk(id)).await
}

/// Keeps one side's text for a part in conflict (`part: None`: for every part).
#[tauri::command(rename_all = "snake_case")]
pub async fn resolve_conflict(
    state: State<'_, AppState>,
    id: BriefId,
    part: Option<BriefPart>,
    take: Take,
) -> Result<Brief, IpcError> {
    state.write(move |store| store.resolve(id, part, take)).await
}

/// Each shared brief's standing on the desk, for the library.
#[tauri::command(rename_all = "snake_case")]
pub async fn desk_briefs(state: State<'_, AppState>) -> Result<Vec<DeskBrief>, IpcError> {
    state.read(move |store| store.desk_briefs()).await
}

/// The desk the library syncs with, for the Desk… dialog; `None` when none.
#[tauri::command(rename_all = "snake_case")]
pub async fn desk_connection(state: State<'_, AppState>) -> Result<Option<DeskConnection>, IpcError> {
    let link = state.read(move |store| store.desk_link()).await?;
    crate::state::blocking(move || Ok(link.map(desk_login::connection))).await
}

/// The desks `login` may pick on `server` (the password is only used, not kept).
#[tauri::command(rename_all = "snake_case")]
pub async fn find_desks(server: String, login: String, password: String) -> Result<Vec<String>, IpcError> {
    desk_login::find_desks(&server, &login, &password).await
}

/// Connects the library to `desk`: checked on the server, the password kept
/// in the desktop's keyring, the link stored; the sync task starts at once.
#[tauri::command(rename_all = "snake_case")]
pub async fn connect_desk(
    state: State<'_, AppState>,
    server: String,
    login: String,
    password: String,
    desk: String,
) -> Result<DeskConnection, IpcError> {
    let shown = desk_login::join(&server, &login, &password, &desk).await?;
    let link = state.write(move |store| store.link_desk(&shown, &desk)).await?;
    crate::state::blocking(move || Ok(desk_login::connection(link))).await
}

/// Disconnects the library from its desk: the briefs stay, the sync stops,
/// the keyring forgets the password. Refused while changes wait or
/// conflicts are open, unless `anyway`.
#[tauri::command(rename_all = "snake_case")]
pub async fn disconnect_desk(state: State<'_, AppState>, anyway: bool) -> Result<(), IpcError> {
    let link = state.write(move |store| store.unlink_desk(anyway)).await?;
    crate::state::blocking(move || {
        desk_login::forget(&link.server);
        Ok(())
    })
    .await
}

/// The brief's versions as the desk numbered them, with who wrote each.
#[tauri::command(rename_all = "snake_case")]
pub async fn desk_versions(state: State<'_, AppState>, id: BriefId) -> Result<Vec<DeskVersion>, IpcError> {
    state.read(move |store| store.desk_versions(id)).await
}

/// Brief `id` as the desk's version `version` had it.
#[tauri::command(rename_all = "snake_case")]
pub async fn desk_version(
    state: State<'_, AppState>,
    id: BriefId,
    version: i32,
) -> Result<BriefContent, IpcError> {
    state.read(move |store| store.desk_version(id, version)).await
}

/// What changed from the desk's version `version` to the draft here.
#[tauri::command(rename_all = "snake_case")]
pub async fn compare_desk_version(
    state: State<'_, AppState>,
    id: BriefId,
    version: i32,
) -> Result<BriefDiff, IpcError> {
    state.read(move |store| store.compare_desk_version(id, version)).await
}

/// The page opened brief `id` (or none): the sync task leaves following it to the page.
#[tauri::command(rename_all = "snake_case")]
pub async fn hold_open_brief(state: State<'_, AppState>, id: Option<BriefId>) -> Result<(), IpcError> {
    state.hold_open_brief(id);
    Ok(())
}

/// Brings the open brief up to the desk's head, if the page still shows
/// `expected_revision` (else a conflict: the page saves, then asks again).
#[tauri::command(rename_all = "snake_case")]
pub async fn follow_open_brief(
    state: State<'_, AppState>,
    id: BriefId,
    expected_revision: u32,
) -> Result<FollowedBrief, IpcError> {
    state
        .write(move |store| store.follow_open_brief(id, expected_revision))
        .await
        .map(|(f, b)| FollowedBrief::new(f, b))
}
