// The only module that talks to the Rust side. Every command returns a typed
// promise that rejects with an `IpcError` ({ code, message }).

import { invoke } from '@tauri-apps/api/core';
import { listen } from '@tauri-apps/api/event';
import { getCurrentWindow } from '@tauri-apps/api/window';
import type {
  Brief,
  BriefConflicts,
  BriefContent,
  BriefDiff,
  BriefPart,
  BriefSummary,
  Budgets,
  Checks,
  DeskBrief,
  DeskChanged,
  DeskConnection,
  DeskVersion,
  DeskStatus,
  ExportFormat,
  FileImport,
  FollowedBrief,
  IpcError,
  LibraryFilter,
  PartRef,
  SavedDraft,
  SearchHit,
  SpellingLanguages,
  Status,
  Take,
  Version,
  VersionInfo,
} from './bindings';

export function isIpcError(value: unknown): value is IpcError {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as IpcError).code === 'string' &&
    typeof (value as IpcError).message === 'string'
  );
}

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (caught) {
    throw isIpcError(caught) ? caught : ({ code: 'ipc', message: String(caught) } satisfies IpcError);
  }
}

/** The whole library, most recently edited first. */
export const ALL_BRIEFS: LibraryFilter = { status: null, tag: null, sort: 'last_edited', limit: null };

export const api = {
  createBrief: () => call<Brief>('create_brief'),
  getBrief: (id: string) => call<Brief>('get_brief', { id }),
  listBriefs: (filter: LibraryFilter = ALL_BRIEFS) => call<BriefSummary[]>('list_briefs', { filter }),
  searchBriefs: (query: string, filter: LibraryFilter) => call<SearchHit[]>('search_briefs', { query, filter }),
  listTags: () => call<string[]>('list_tags'),
  listTrash: () => call<BriefSummary[]>('list_trash'),
  restoreFromTrash: (id: string) => call<null>('restore_from_trash', { id }),
  emptyTrash: (ids: string[]) => call<number>('empty_trash', { ids }),
  saveDraft: (id: string, expectedRevision: number, content: BriefContent) =>
    call<SavedDraft>('save_draft', { id, expected_revision: expectedRevision, content }),
  deleteBrief: (id: string) => call<null>('delete_brief', { id }),
  /** Opens the native file dialog; resolves to one outcome per file picked. */
  importFiles: () => call<FileImport[]>('import_files'),
  importExample: () => call<Brief>('import_example'),
  /** Opens the native save dialog; resolves to the path written, or null if cancelled. */
  exportBrief: (id: string, format: ExportFormat) => call<string | null>('export_brief', { id, format }),
  copyRichText: (id: string) => call<null>('copy_rich_text', { id }),
  listVersions: (id: string) => call<VersionInfo[]>('list_versions', { id }),
  getVersion: (id: string, version: number) => call<Version>('get_version', { id, version }),
  /** `older`/`newer`: version numbers, or null for the current draft. */
  compareVersions: (id: string, older: number | null, newer: number | null) =>
    call<BriefDiff>('compare_versions', { id, old: older, new: newer }),
  saveVersion: (id: string, label: string | null) => call<VersionInfo>('save_version', { id, label }),
  setStatus: (id: string, expectedRevision: number, status: Status) =>
    call<Brief>('set_status', { id, expected_revision: expectedRevision, status }),
  restoreVersion: (id: string, version: number, part: PartRef | null) =>
    call<Brief>('restore_version', { id, version, part }),
  renderHtml: (content: BriefContent) => call<string>('render_html', { content }),
  checkBrief: (content: BriefContent) => call<Checks>('check_brief', { content }),
  getBudgets: () => call<Budgets>('get_budgets'),
  setBudgets: (budgets: Budgets) => call<null>('set_budgets', { budgets }),
  /** Opens an http, https or mailto link in the desktop's browser or mail client. */
  openLink: (href: string) => call<null>('open_link', { href }),
  setEditState: (canUndo: boolean, canRedo: boolean) => call<null>('set_edit_state', { can_undo: canUndo, can_redo: canRedo }),
  /** Names the open brief in the window title; null when none is open. */
  showBriefTitle: (headline: string | null) => call<null>('show_brief_title', { headline }),
  /** A number that changes when another program or window writes to the database. */
  outsideChanges: () => call<number>('outside_changes'),
  discardIfUntouched: (id: string) => call<boolean>('discard_if_untouched', { id }),
  saveAsNew: (content: BriefContent, conflicted: boolean) => call<Brief>('save_as_new', { content, conflicted }),
  getLibraryView: () => call<LibraryFilter>('get_library_view'),
  setLibraryView: (view: LibraryFilter) => call<null>('set_library_view', { view }),
  spellingLanguages: () => call<SpellingLanguages>('spelling_languages'),
  setSpellingLanguage: (language: string | null) => call<SpellingLanguages>('set_spelling_language', { language }),
  /** The brief's parts in conflict with the desk, or null when there are none. */
  briefConflicts: (id: string) => call<BriefConflicts | null>('brief_conflicts', { id }),
  deskConflict: (id: string) => call<BriefConflicts | null>('desk_conflict', { id }),
  /** Keeps one side's text for a part in conflict (null: for every part). */
  resolveConflict: (id: string, part: BriefPart | null, take: Take) => call<Brief>('resolve_conflict', { id, part, take }),
  deskBriefs: () => call<DeskBrief[]>('desk_briefs'),
  /** The desk the library syncs with, or null. */
  deskConnection: () => call<DeskConnection | null>('desk_connection'),
  /** The desks `login` may join on `server`; an empty password: the one the keyring keeps. */
  findDesks: (server: string, login: string, password: string) => call<string[]>('find_desks', { server, login, password }),
  /** The brief's versions as the desk numbered them, with who wrote each. */
  deskVersions: (id: string) => call<DeskVersion[]>('desk_versions', { id }),
  /** The brief as the desk's version `version` had it. */
  deskVersion: (id: string, version: number) => call<BriefContent>('desk_version', { id, version }),
  /** What changed from the desk's version `version` to the draft here. */
  compareDeskVersion: (id: string, version: number) => call<BriefDiff>('compare_desk_version', { id, version }),
  /** Tells the sync task which brief the page has open: the page follows that one itself. */
  holdOpenBrief: (id: string | null) => call<null>('hold_open_brief', { id }),
  /** Brings the open brief up to the desk's head, if it still is at `expectedRevision`. */
  followOpenBrief: (id: string, expectedRevision: number) =>
    call<FollowedBrief>('follow_open_brief', { id, expected_revision: expectedRevision }),
  connectDesk: (server: string, login: string, password: string, desk: string) =>
    call<DeskConnection>('connect_desk', { server, login, password, desk }),
  /** Leaves the desk: the briefs stay; refused (`desk_unsent`) while changes wait or conflicts are open, unless `anyway`. */
  disconnectDesk: (anyway: boolean) => call<null>('disconnect_desk', { anyway }),
};

/** The desk indicator's status, from the sync task. */
export function onDeskStatus(handler: (status: DeskStatus) => void): Promise<() => void> {
  return listen<DeskStatus>('desk-status', (event) => handler(event.payload));
}

/** Others' words reached this library (new briefs, followed or merged ones). */
export function onDeskChanged(handler: (changed: DeskChanged) => void): Promise<() => void> {
  return listen<DeskChanged>('desk-changed', (event) => handler(event.payload));
}

/** Files dropped on the window are imported by the Rust side, which reports here. */
export function onFilesImported(handler: (outcome: FileImport[] | IpcError) => void): Promise<() => void> {
  return listen<{ Ok: FileImport[] } | { Err: IpcError }>('files-imported', (event) => {
    const payload = event.payload;
    handler('Ok' in payload ? payload.Ok : payload.Err);
  });
}

/**
 * Runs `beforeClose` (a final save) when the main window is asked to close;
 * the window stays open when it resolves to false.
 */
export function beforeWindowCloses(beforeClose: () => Promise<boolean>): Promise<() => void> {
  return getCurrentWindow().onCloseRequested(async (event) => {
    if (!(await beforeClose())) event.preventDefault();
  });
}

/** Asks the window to close, as its close button does: the page saves first. */
export function closeWindow(): Promise<void> {
  return getCurrentWindow().close();
}

/** Native menu items the page acts on, by id (`import`, `export-html`, …). */
export function onMenu(handler: (item: string) => void): Promise<() => void> {
  return listen<string>('menu', (event) => handler(event.payload));
}
