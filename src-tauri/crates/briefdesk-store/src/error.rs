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
        "version {version} of brief {id} is damaged and cannot be read ({detail}); the draft and \
         the other versions are not affected"
    )]
    DamagedVersion { id: BriefId, version: u32, detail: String },
    #[error("brief {id} has no version {version}")]
    NoSuchVersion { id: BriefId, version: u32 },
    #[error("cannot restore: {0}")]
    Restore(String),
    #[error("stored history cannot be read or written: {0}")]
    Compression(String),
    #[error("cannot encode the brief: {0}")]
    Encode(#[from] serde_json::Error),
    #[error("database error: {0}")]
    Sqlite(rusqlite::Error),
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

impl StoreError {
    /// Whether this is one stored version that cannot be read (as opposed to
    /// the database failing): the brief can go on without it.
    pub(crate) fn is_damaged_version(&self) -> bool {
        matches!(self, StoreError::DamagedVersion { .. })
    }

    /// A stable, machine-readable name for the kind of failure.
    pub fn code(&self) -> &'static str {
        match self {
            StoreError::NotFound(_) => "not_found",
            StoreError::Conflict { .. } => "conflict",
            StoreError::NewerSchema { .. } => "newer_database",
            StoreError::ForeignDatabase { .. } => "not_a_briefdesk_database",
            StoreError::Invalid(_) => "invalid",
            StoreError::Open { source, .. } => match source.code() {
                "storage" => "cannot_open",
                code => code,
            },
            StoreError::CreateDir { .. } | StoreError::NoDataDir => "cannot_open",
            StoreError::Locked => "locked",
            StoreError::DiskFull => "disk_full",
            StoreError::DiskIo(_) => "disk_io",
            StoreError::ReadOnly => "read_only",
            StoreError::Damaged(_) => "damaged",
            StoreError::Corrupt { .. } => "corrupt",
            StoreError::MissingDatabase { .. } => "no_database",
            StoreError::Write { .. } => "write_failed",
            StoreError::Read { .. } => "cannot_read",
            StoreError::Import { .. } => "unusable_input",
            StoreError::NoSuchVersion { .. } => "no_such_version",
            StoreError::DamagedVersion { .. } => "damaged_version",
            StoreError::Restore(_) => "cannot_restore",
            StoreError::Encode(_) | StoreError::Sqlite(_) | StoreError::Compression(_) => "storage",
        }
    }
}
