// Generated from the Rust types by `make bindings`; do not edit by hand.
// A test in src-tauri/src/bindings.rs fails when this file is stale.

export type Brief = { id: BriefId, status: Status, created_at: string, updated_at: string, 
/**
 * Bumped by every save; a save names the revision it was based on.
 */
revision: number, 
/**
 * One line of plain text.
 */
headline: string, 
/**
 * The lede: one to three sentences of inline Markdown.
 */
summary: string, 
/**
 * One paragraph of Markdown.
 */
why_it_matters: string, 
/**
 * One-line bullets of inline Markdown, in order.
 */
key_developments: Array<string>, 
/**
 * The Full Report's sections, in order.
 */
report: Array<ReportSection>, 
/**
 * Context & Previous Events: paragraphs of Markdown.
 */
context: string, byline: string | null, tags: Array<string>, };

export type BriefContent = { 
/**
 * One line of plain text.
 */
headline: string, 
/**
 * The lede: one to three sentences of inline Markdown.
 */
summary: string, 
/**
 * One paragraph of Markdown.
 */
why_it_matters: string, 
/**
 * One-line bullets of inline Markdown, in order.
 */
key_developments: Array<string>, 
/**
 * The Full Report's sections, in order.
 */
report: Array<ReportSection>, 
/**
 * Context & Previous Events: paragraphs of Markdown.
 */
context: string, byline: string | null, tags: Array<string>, };

export type BriefId = string;

export type BriefSummary = { id: BriefId, headline: string, status: Status, tags: Array<string>, updated_at: string, revision: number, };

export type BriefDiff = { headline: TextChange, summary: TextChange, why_it_matters: TextChange, key_developments: Array<BulletChange>, report: Array<SectionChange>, context: TextChange, byline: TextChange, tags: { 
/**
 * In the newer version's order.
 */
added: Array<string>, 
/**
 * In the older version's order.
 */
removed: Array<string>, 
/**
 * In the newer version's order.
 */
kept: Array<string>, 
/**
 * Also true when the same tags were only reordered: the brief differs.
 */
changed: boolean, }, 
/**
 * The status lives beside the content, not in it: `diff_briefs` leaves
 * this empty and the store, which reads both sides' statuses, fills it
 * with `with_status`.
 */
status: { old: Status, new: Status, } | null, 
/**
 * Words added and removed in the prose parts shown above (tags and
 * status are not words written).
 */
words_added: number, words_removed: number, };

export type Budgets = { headline_chars: number, summary_words: number, why_it_matters_words: number, key_developments_min: number, key_developments_max: number, bullet_words: number, section_words: number, total_words: number, };

export type BulletChange = { change: ItemChange, 
/**
 * Kept, but in another place relative to the other bullets.
 */
moved: boolean, old_index: number | null, new_index: number | null, text: TextChange, };

export type BriefPart = { "part": "headline" } | { "part": "byline" } | { "part": "summary" } | { "part": "why_it_matters" } | { "part": "key_developments" } | { "part": "bullet", "index": number } | { "part": "report" } | { "part": "section", "index": number } | { "part": "section_heading", "index": number } | { "part": "context" } | { "part": "tags" } | { "part": "tag", "index": number } | { "part": "brief" };

export type Checks = { headline_chars: number, headline_words: number, summary_words: number, why_it_matters_words: number, bullet_words: Array<number>, section_words: Array<number>, context_words: number, total_words: number, 
/**
 * At 238 words a minute, the average adult silent reading speed.
 */
reading_minutes: number, warnings: Array<Warning>, };

export type Warning = { part: BriefPart, message: string, };

export type ItemChange = "same" | "changed" | "added" | "removed";

export type PartRef = { "part": "headline" } | { "part": "summary" } | { "part": "why_it_matters" } | { "part": "key_developments" } | { "part": "context" } | { "part": "report", "heading": string };

export type SectionChange = { change: ItemChange, moved: boolean, old_index: number | null, new_index: number | null, heading: TextChange, body: TextChange, };

export type Span = { kind: SpanKind, text: string, };

export type SpanKind = "same" | "added" | "removed";

export type TextChange = { changed: boolean, spans: Array<Span>, };

export type Version = { info: VersionInfo, content: BriefContent, };

export type VersionInfo = { 
/**
 * Counts from 1 within the brief.
 */
version: number, created_at: string, kind: VersionKind, label: string | null, status: Status, 
/**
 * Total words in this version.
 */
words: number, 
/**
 * Words added and removed since the previous version.
 */
added: number, removed: number, 
/**
 * Why this version cannot be read, if it cannot; the others can.
 */
damaged: string | null, };

export type VersionKind = "auto" | "named" | "milestone" | "import" | "restore";

export type ExportFormat = "markdown" | "html" | "text" | "json";

export type FileImport = { file: string, brief: BriefSummary | null, error: string | null, };

export type IpcError = { code: ErrorCode, message: string, };

export type ErrorCode = "not_found" | "conflict" | "newer_database" | "not_a_briefdesk_database" | "invalid" | "cannot_open" | "locked" | "disk_full" | "disk_io" | "read_only" | "damaged" | "corrupt" | "no_database" | "write_failed" | "cannot_read" | "not_a_file" | "unusable_input" | "no_such_version" | "damaged_version" | "cannot_restore" | "desk_linked" | "not_linked" | "desk_unsent" | "not_shared" | "no_conflict" | "storage" | "clipboard" | "window" | "nothing_imported" | "desk" | "link_refused" | "no_opener" | "ipc" | "unsaved" | "unknown";

export type LibraryFilter = { status: Status | null, tag: string | null, sort: LibrarySort, 
/**
 * At most this many briefs (a page); `None` for all.
 */
limit: number | null, };

export type LibrarySort = "last_edited" | "headline";

export type SearchHit = { brief: BriefSummary, snippet: Array<SnippetPart>, };

export type SnippetPart = { text: string, hit: boolean, };

export type ReportSection = { heading: string, body: string, };

export type SavedDraft = { revision: number, updated_at: string, };

export type Status = "draft" | "in_review" | "ready" | "filed";

export type SpellingLanguages = { 
/**
 * Installed dictionaries, e.g. `en_GB`, `en_US`, sorted.
 */
available: Array<string>, 
/**
 * The one chosen in settings; `None` follows the system.
 */
chosen: string | null, 
/**
 * The one in use.
 */
active: string | null, };

export type DeskStatus = { "kind": "not_connected" } | { "kind": "syncing", desk: string, } | { "kind": "synced", desk: string, } | { "kind": "offline", desk: string, waiting: number, 
/**
 * Why, in full (the network's own words included).
 */
reason: string, 
/**
 * Why, in a few words for the indicator.
 */
why: string, } | { "kind": "conflict", desk: string, briefs: number, waiting: number, };

export type DeskChanged = { 
/**
 * Briefs whose words changed here (new, followed or merged).
 */
briefs: Array<string>, 
/**
 * What merged cleanly into each brief, as a journalist would say it.
 */
merged: Array<DeskNotice>, 
/**
 * Briefs with parts changed both here and on the desk.
 */
conflicted: Array<string>, 
/**
 * Changes the desk refused, and what became of them.
 */
refused: Array<DeskNotice>, 
/**
 * Of those, briefs whose change of status was refused: their status is the desk's again.
 */
refused_states: Array<string>, 
/**
 * Briefs someone on the desk moved to the Trash: in the Trash here too.
 */
trashed: Array<string>, 
/**
 * Briefs someone on the desk took out of the Trash: back in the library here too.
 */
restored: Array<string>, 
/**
 * The brief open in the page is behind the desk: the page follows it
 * (`follow_open_brief`) once nothing typed there waits.
 */
behind: Array<string>, };

export type DeskNotice = { brief: string, text: string, };

export type DeskConnection = { 
/**
 * The server as stored (`postgresql://LOGIN@HOST:PORT/DATABASE`, no password).
 */
server: string, login: string, desk: string, 
/**
 * `reporter` or `editor`, as the server last said it; `None` before the first sync.
 */
role: string | null, 
/**
 * Where the sync task finds the password.
 */
password: PasswordKept, };

export type PasswordKept = "keyring" | "this_session" | "environment" | "nowhere";

export type FollowedBrief = { 
/**
 * The brief as it is now (unchanged when there was nothing to follow).
 */
brief: Brief, 
/**
 * What to tell the journalist, if anything.
 */
notice: string | null, 
/**
 * Parts are in conflict: both texts kept, to compare.
 */
conflicted: boolean, };

export type BriefConflicts = { 
/**
 * Who wrote the desk's side (the login that pushed the head it conflicts with);
 * for a conflict held by someone else, who wrote the text kept beside the head.
 */
theirs_author: string | null, 
/**
 * `None` when the choice is made here. Else the conflict is open on
 * the desk and `theirs_author` chooses: their push was the one the
 * desk kept beside the head, so their laptop holds both texts.
 */
on_desk: HeldOnDesk | null, parts: Array<ConflictView>, };

export type HeldOnDesk = { 
/**
 * Who wrote the desk's head ("ours" in the parts).
 */
head_author: string, 
/**
 * Whether that is the login this library syncs as.
 */
head_is_yours: boolean, };

export type DeskBrief = { id: BriefId, 
/**
 * Who shared it with the desk.
 */
author: string | null, 
/**
 * Parts in conflict on this laptop.
 */
conflicts: number, 
/**
 * Conflicts open on the desk that this laptop did not push (someone
 * else's to resolve when none is here).
 */
open_on_desk: number, 
/**
 * Who pushed the newest of those: the one who chooses.
 */
on_desk_by: string | null, 
/**
 * Approved (Ready or Filed) and this person a reporter on the desk:
 * the desk would refuse their changes, so the page takes none.
 */
locked: boolean, 
/**
 * Revisions in the outbox.
 */
waiting: number, };

export type DeskVersion = { 
/**
 * The server's version number; `None` for a change of status.
 */
version: number | null, author: string, 
/**
 * `save`, `version`, `merge` or `state`.
 */
kind: string, label: string | null, state: Status | null, created_at: string, };

export type ConflictView = { part: BriefPart, ours: TextChange, theirs: TextChange, };

export type Take = "ours" | "theirs";
