//! Briefdesk's storage: one SQLite file holding every brief.
//!
//! The store is the imperative shell around `briefdesk-core`: it owns the
//! clock, the ids and the database, and nothing here knows about Tauri.

mod desk;
mod error;
mod file;
mod history;
mod location;
mod row;
mod schema;
mod search;
mod settings;
mod store;

pub use briefdesk_core::SnippetPart;
pub use desk::{
    Acknowledged, BriefConflicts, DeskBrief, DeskLink, DeskVersion, Followed, HeldOnDesk, OutboxKind,
    OutboxRevision, Pulled, Refused, RemoteRevision, SharedBrief, Take,
};
pub use error::{ErrorCode, StoreError};
pub use file::{read_brief_file, read_files, read_limited, write_atomically, FileImport, ReadFile};
pub use history::{read_version_content, status_label, Version, VersionInfo, BEFORE_LARGE_CHANGE};
pub use location::{default_db_path, resolve_db_path, APP_IDENTIFIER, DB_ENV_VAR};
pub use schema::SCHEMA_VERSION;
pub use search::{LibraryFilter, LibrarySort, SearchHit, RANK_WINDOW};
pub use store::{SavedDraft, Store};
