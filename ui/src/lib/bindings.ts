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

export type ExportFormat = "markdown" | "html" | "text" | "json";

export type FileImport = { file: string, brief: BriefSummary | null, error: string | null, };

export type IpcError = { code: string, message: string, };

export type ReportSection = { heading: string, body: string, };

export type SavedDraft = { revision: number, updated_at: string, };

export type Status = "draft" | "in_review" | "ready" | "filed";
