use std::path::PathBuf;

use briefdesk_core::{BriefId, ValidationError};

/// Everything that can go wrong in the store. Each variant has a stable
/// [`code`](StoreError::code) so callers (the UI, the CLI) act on the kind of
/// failure and never on message text.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("no brief with id {0}")]
    NotFound(BriefId),
    #[error(
        "brief {id} was changed elsewhere: this save was based on revision {expected}, \
         but the stored brief is at revision {actual}"
    )]
    Conflict { id: BriefId, expected: u32, actual: u32 },
    #[error(
        "{path} was written by a newer version of Briefdesk (schema version {found}; this \
         version understands up to {supported}). Update Briefdesk to open it; the file was \
         not changed"
    )]
    NewerSchema { path: PathBuf, found: i64, supported: i64 },
    #[error(
        "{path} is not a Briefdesk database (it belongs to another application); the file was not changed"
    )]
    ForeignDatabase { path: PathBuf },
    #[error("the brief cannot be saved: {0}")]
    Invalid(#[from] ValidationError),
    #[error("cannot create the folder {path}: {source}")]
    CreateDir { path: PathBuf, source: std::io::Error },
    #[error("cannot open the database at {path}: {source}")]
    Open { path: PathBuf, source: Box<StoreError> },
    #[error(
        "the database is in use by another program (another Briefdesk window or briefdesk-cli) \
         and stayed locked for 5 seconds; nothing was changed. Try again when it is done"
    )]
    Locked,
    #[error(
        "the disk is full (or the database reached its size limit): this change was not \
         saved, and everything saved before it is safe. Free some space and try again"
    )]
    DiskFull,
    #[error(
        "the disk could not read or write the database ({0}): the change was not saved, and \
         everything saved before it is safe. Check that the disk has space and is still there"
    )]
    DiskIo(String),
    #[error(
        "the database file is read-only, so nothing can be saved to it; nothing was changed. \
         Make it writable, or open a copy with --db"
    )]
    ReadOnly,
    #[error(
        "the database file is damaged ({0}); it was not changed. Restore it from a backup \
         (Briefdesk keeps NAME.vN.bak beside it before each upgrade)"
    )]
    Damaged(String),
    #[error("there is no Briefdesk database at {path}")]
    MissingDatabase { path: PathBuf },
    #[error("{path} is {what}, not a file: only files can be imported")]
    NotAFile { path: PathBuf, what: &'static str },
    #[error("cannot read {path}: {source}")]
    Read { path: PathBuf, source: std::io::Error },
    #[error("{path}: {error}")]
    Import { path: PathBuf, error: briefdesk_core::ImportError },
    #[error("cannot write {path}: {source}")]
    Write { path: PathBuf, source: std::io::Error },
    #[error("no database location: set {var} or pass --db PATH (the OS has no data directory)", var = crate::DB_ENV_VAR)]
    NoDataDir,
    #[error("stored brief {id} cannot be read: {detail}")]
    Corrupt { id: String, detail: String },
    #[error(
        "version {version} of this brief is damaged on disk and cannot be read ({detail}); the \
         draft and the other versions are not affected"
    )]
    DamagedVersion { id: BriefId, version: u32, detail: String },
    #[error("brief {id} has no version {version}")]
    NoSuchVersion { id: BriefId, version: u32 },
    #[error("brief {id} has no version {version} on the desk, or it holds no words")]
    NoSuchDeskVersion { id: BriefId, version: i32 },
    #[error("cannot restore: {0}")]
    Restore(String),
    #[error(
        "this library already syncs with the desk {desk:?} on {server}; its shared briefs belong \
         there. Disconnect it first (Desk… in the app, or briefdesk-cli desk disconnect), or use \
         another database (--db) for another desk"
    )]
    DeskLinked { server: String, desk: String },
    #[error("{}", unsent(*waiting, *conflicted))]
    DeskUnsent { waiting: u32, conflicted: u32 },
    #[error("this library is not connected to a desk: connect it first (briefdesk-cli desk connect URL --desk NAME)")]
    NotLinked,
    #[error("brief {0} is not shared with the desk")]
    NotShared(BriefId),
    #[error("brief {0} has no conflict to resolve")]
    NoConflict(BriefId),
    #[error("stored history cannot be read or written: {0}")]
    Compression(String),
    #[error("cannot encode the brief: {0}")]
    Encode(#[from] serde_json::Error),
    #[error("database error: {0}")]
    Sqlite(rusqlite::Error),
}

/// Why disconnecting now would leave something behind, and what to do.
fn unsent(waiting: u32, conflicted: u32) -> String {
    let changes = match waiting {
        0 => None,
        1 => Some("1 change has not reached the desk yet".to_owned()),
        n => Some(format!("{n} changes have not reached the desk yet")),
    };
    let conflicts = match conflicted {
        0 => None,
        1 => Some("1 brief has a conflict open".to_owned()),
        n => Some(format!("{n} briefs have conflicts open")),
    };
    let what = match (changes, conflicts) {
        (Some(changes), Some(conflicts)) => format!("{changes}, and {conflicts}"),
        (Some(one), None) | (None, Some(one)) => one,
        (None, None) => "nothing is left to send".to_owned(),
    };
    format!(
        "{what}: sync first, or disconnect anyway (your words stay in this library; the desk \
         will not get them, and its side of a conflict stays on the server)"
    )
}

/// SQLite's failures that a person can act on get their own variant, with a
/// message that says what happened and what to do.
impl From<rusqlite::Error> for StoreError {
    fn from(error: rusqlite::Error) -> StoreError {
        use rusqlite::ErrorCode;
        match error.sqlite_error_code() {
            Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => StoreError::Locked,
            Some(ErrorCode::DiskFull) => StoreError::DiskFull,
            Some(ErrorCode::SystemIoFailure) => StoreError::DiskIo(error.to_string()),
            Some(ErrorCode::ReadOnly) => StoreError::ReadOnly,
            Some(ErrorCode::DatabaseCorrupt | ErrorCode::NotADatabase) => {
                StoreError::Damaged(error.to_string())
            }
            _ => StoreError::Sqlite(error),
        }
    }
}

/// The kinds of failure, as every caller matches on them: the CLI, the app,
/// and (exported with the other bindings) the page. The app and the page
/// raise the last few themselves; one vocabulary serves all.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    NotFound,
    Conflict,
    NewerDatabase,
    NotABriefdeskDatabase,
    Invalid,
    CannotOpen,
    Locked,
    DiskFull,
    DiskIo,
    ReadOnly,
    Damaged,
    Corrupt,
    NoDatabase,
    WriteFailed,
    CannotRead,
    NotAFile,
    UnusableInput,
    NoSuchVersion,
    DamagedVersion,
    CannotRestore,
    /// The library syncs with another desk.
    DeskLinked,
    /// The library is not connected to a desk.
    NotLinked,
    /// Disconnecting would leave changes unsent or conflicts open.
    DeskUnsent,
    /// The brief is not shared with the desk.
    NotShared,
    /// The brief has no conflict to resolve.
    NoConflict,
    Storage,
    /// The clipboard could not be used (the app).
    Clipboard,
    /// The window could not be updated (the app).
    Window,
    /// An import stored nothing (the app).
    NothingImported,
    /// The desk's server could not be reached or refused (the app; the message names why).
    Desk,
    /// A link that may not be opened: not http, https or mailto (the app).
    LinkRefused,
    /// No browser or mail client to open a link with (the app).
    NoOpener,
    /// The call itself failed (the page, when IPC does).
    Ipc,
    /// The open brief could not be saved, so it stays open (the page).
    Unsaved,
    /// Anything else (the page).
    Unknown,
}

impl ErrorCode {
    pub const ALL: [ErrorCode; 35] = [
        ErrorCode::NotFound,
        ErrorCode::Conflict,
        ErrorCode::NewerDatabase,
        ErrorCode::NotABriefdeskDatabase,
        ErrorCode::Invalid,
        ErrorCode::CannotOpen,
        ErrorCode::Locked,
        ErrorCode::DiskFull,
        ErrorCode::DiskIo,
        ErrorCode::ReadOnly,
        ErrorCode::Damaged,
        ErrorCode::Corrupt,
        ErrorCode::NoDatabase,
        ErrorCode::WriteFailed,
        ErrorCode::CannotRead,
        ErrorCode::NotAFile,
        ErrorCode::UnusableInput,
        ErrorCode::NoSuchVersion,
        ErrorCode::DamagedVersion,
        ErrorCode::CannotRestore,
        ErrorCode::DeskLinked,
        ErrorCode::NotLinked,
        ErrorCode::DeskUnsent,
        ErrorCode::NotShared,
        ErrorCode::NoConflict,
        ErrorCode::Storage,
        ErrorCode::Clipboard,
        ErrorCode::Window,
        ErrorCode::NothingImported,
        ErrorCode::Desk,
        ErrorCode::LinkRefused,
        ErrorCode::NoOpener,
        ErrorCode::Ipc,
        ErrorCode::Unsaved,
        ErrorCode::Unknown,
    ];

    /// The name the code has in JSON and TypeScript.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::NotFound => "not_found",
            ErrorCode::Conflict => "conflict",
            ErrorCode::NewerDatabase => "newer_database",
            ErrorCode::NotABriefdeskDatabase => "not_a_briefdesk_database",
            ErrorCode::Invalid => "invalid",
            ErrorCode::CannotOpen => "cannot_open",
            ErrorCode::Locked => "locked",
            ErrorCode::DiskFull => "disk_full",
            ErrorCode::DiskIo => "disk_io",
            ErrorCode::ReadOnly => "read_only",
            ErrorCode::Damaged => "damaged",
            ErrorCode::Corrupt => "corrupt",
            ErrorCode::NoDatabase => "no_database",
            ErrorCode::WriteFailed => "write_failed",
            ErrorCode::CannotRead => "cannot_read",
            ErrorCode::NotAFile => "not_a_file",
            ErrorCode::UnusableInput => "unusable_input",
            ErrorCode::NoSuchVersion => "no_such_version",
            ErrorCode::DamagedVersion => "damaged_version",
            ErrorCode::CannotRestore => "cannot_restore",
            ErrorCode::DeskLinked => "desk_linked",
            ErrorCode::NotLinked => "not_linked",
            ErrorCode::DeskUnsent => "desk_unsent",
            ErrorCode::NotShared => "not_shared",
            ErrorCode::NoConflict => "no_conflict",
            ErrorCode::Storage => "storage",
            ErrorCode::Clipboard => "clipboard",
            ErrorCode::Window => "window",
            ErrorCode::NothingImported => "nothing_imported",
            ErrorCode::Desk => "desk",
            ErrorCode::LinkRefused => "link_refused",
            ErrorCode::NoOpener => "no_opener",
            ErrorCode::Ipc => "ipc",
            ErrorCode::Unsaved => "unsaved",
            ErrorCode::Unknown => "unknown",
        }
    }
}

impl std::fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// So tests and callers may write `error.code() == "conflict"`.
impl PartialEq<&str> for ErrorCode {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl StoreError {
    /// Whether this is one stored version that cannot be read (as opposed to
    /// the database failing): the brief can go on without it.
    pub(crate) fn is_damaged_version(&self) -> bool {
        matches!(self, StoreError::DamagedVersion { .. })
    }

    /// A stable, machine-readable name for the kind of failure.
    pub fn code(&self) -> ErrorCode {
        match self {
            StoreError::NotFound(_) => ErrorCode::NotFound,
            StoreError::Conflict { .. } => ErrorCode::Conflict,
            StoreError::NewerSchema { .. } => ErrorCode::NewerDatabase,
            StoreError::ForeignDatabase { .. } => ErrorCode::NotABriefdeskDatabase,
            StoreError::Invalid(_) => ErrorCode::Invalid,
            StoreError::Open { source, .. } => match source.code() {
                ErrorCode::Storage => ErrorCode::CannotOpen,
                code => code,
            },
            StoreError::CreateDir { .. } | StoreError::NoDataDir => ErrorCode::CannotOpen,
            StoreError::Locked => ErrorCode::Locked,
            StoreError::DiskFull => ErrorCode::DiskFull,
            StoreError::DiskIo(_) => ErrorCode::DiskIo,
            StoreError::ReadOnly => ErrorCode::ReadOnly,
            StoreError::Damaged(_) => ErrorCode::Damaged,
            StoreError::Corrupt { .. } => ErrorCode::Corrupt,
            StoreError::MissingDatabase { .. } => ErrorCode::NoDatabase,
            StoreError::Write { .. } => ErrorCode::WriteFailed,
            StoreError::Read { .. } => ErrorCode::CannotRead,
            StoreError::NotAFile { .. } => ErrorCode::NotAFile,
            StoreError::Import { .. } => ErrorCode::UnusableInput,
            StoreError::NoSuchVersion { .. } | StoreError::NoSuchDeskVersion { .. } => {
                ErrorCode::NoSuchVersion
            }
            StoreError::DamagedVersion { .. } => ErrorCode::DamagedVersion,
            StoreError::Restore(_) => ErrorCode::CannotRestore,
            StoreError::DeskLinked { .. } => ErrorCode::DeskLinked,
            StoreError::NotLinked => ErrorCode::NotLinked,
            StoreError::DeskUnsent { .. } => ErrorCode::DeskUnsent,
            StoreError::NotShared(_) => ErrorCode::NotShared,
            StoreError::NoConflict(_) => ErrorCode::NoConflict,
            StoreError::Encode(_) | StoreError::Sqlite(_) | StoreError::Compression(_) => ErrorCode::Storage,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_is_named_as_serde_names_it() {
        assert!(ErrorCode::ALL.len() >= 25);
        for code in ErrorCode::ALL {
            assert_eq!(serde_json::to_value(code).unwrap(), serde_json::json!(code.as_str()));
        }
    }
}
