//! The Briefdesk domain: the [`Brief`] model, its validation and its formats.
//!
//! This crate does no IO. Clocks and ids come in as arguments, so every
//! function here is deterministic and tested without a file system.

mod checks;
mod diff;
mod export;
mod front_matter;
mod history;
mod html;
mod import;
mod json;
mod links;
mod markdown;
mod merge;
mod model;
mod outline;
mod part;
mod snippet;
mod stats;
mod terminal;
mod text;
mod validate;

pub use checks::{check, Budgets, Checks, Warning};
pub use diff::{
    diff_briefs, diff_text, BriefDiff, BulletChange, ItemChange, SectionChange, Span, SpanKind, TextChange,
};
pub use export::ExportFormat;
pub use front_matter::FrontMatter;
pub use history::{restore_part, PartRef, VersionKind, VersionPolicy};
pub use html::{to_html_document, to_html_fragment, DOCUMENT_CSP};
pub use import::{import, ImportError, Imported, InputFormat, MAX_IMPORT_BYTES};
pub use json::{to_json, to_json_parts};
pub use links::{conflicted_copy_headline, openable_link};
pub use markdown::{parse_markdown, to_markdown, to_markdown_parts, MarkdownError, ParsedBrief};
pub use merge::{merge_briefs, merge_text, ConflictHunk, ConflictView, Merged, PartConflict, TextConflict};
pub use model::{Brief, BriefContent, BriefId, BriefSummary, ReportSection, Status};
pub use part::BriefPart;
pub use snippet::{fold, snippet, SearchTerms, SnippetPart};
pub use stats::{brief_words, count_markdown_words, count_words};
pub use terminal::{for_terminal, TerminalLayout};
pub use text::{parse_text, to_text};
pub use validate::{validate, Limits, ValidationError};
