use std::path::{Path, PathBuf};

use briefdesk_core::{
    conflicted_copy_headline, validate, Brief, BriefContent, BriefId, BriefSummary, Limits, Status,
    VersionKind, VersionPolicy,
};
use rusqlite::{params, Connection, OptionalExtension, TransactionBehavior};
use serde::Serialize;
use time::OffsetDateTime;
use ts_rs::TS;
use uuid::{NoContext, Timestamp, Uuid};

use crate::history::{self, LatestCache};
use crate::search::{self, LibraryFilter};
use crate::{schema, settings, StoreError};

/// The outcome of a draft save: what the caller must send as
/// `expected_revision` next time, and the time the save was recorded.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, TS)]
pub struct SavedDraft {
    pub revision: u32,
    #[serde(with = "time::serde::rfc3339")]
    #[ts(type = "string")]
    pub updated_at: OffsetDateTime,
}

/// An open Briefdesk database.
pub struct Store {
    pub(crate) conn: Connection,
    path: PathBuf,
    pub(crate) clock: fn() -> OffsetDateTime,
    pub(crate) limits: Limits,
    pub(crate) policy: VersionPolicy,
    /// Automatic versions kept per brief; `None` keeps all.
    pub(crate) retention: Option<u32>,
    /// Each brief's latest version, so draft saves need not read history.
    pub(crate) latest: LatestCache,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").field("path", &self.path).finish_non_exhaustive()
    }
}

impl Store {
    /// Opens (creating if needed) the database at `path` and brings its
    /// schema up to date. A database from a newer Briefdesk, or from another
    /// program, is refused without being changed.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent)
                .map_err(|source| StoreError::CreateDir { path: parent.to_owned(), source })?;
        }
        let open_err = |source: rusqlite::Error| StoreError::Open {
            path: path.to_owned(),
            source: Box::new(source.into()),
        };
        let mut conn = Connection::open(path).map_err(open_err)?;
        conn.busy_timeout(std::time::Duration::from_secs(5)).map_err(open_err)?;
        // SQLite quietly opens a file it may not write read-only; saying so
        // now beats failing at the first keystroke's save.
        if conn.is_readonly(rusqlite::MAIN_DB).map_err(open_err)? {
            return Err(StoreError::Open { path: path.to_owned(), source: Box::new(StoreError::ReadOnly) });
        }
        // Reading the header is the first thing that touches the file, so a
        // file that is not SQLite at all fails here, before anything is written.
        conn.pragma_query_value(None, "schema_version", |row| row.get::<_, i64>(0)).map_err(open_err)?;
        schema::migrate(&mut conn, path)?;
        // WAL lets readers and the writer proceed together. NORMAL: a save
        // that returned survives the app crashing or being killed, and the
        // file is never corrupted; only a power cut or OS crash can take the
        // last moments of saves back (the WAL is synced at checkpoints). FULL
        // would sync on every keystroke's save, for 3-4× the latency.
        conn.pragma_update_and_check(None, "journal_mode", "WAL", |row| row.get::<_, String>(0))?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.pragma_update(None, "foreign_keys", true)?;
        // Room for every statement a save runs beside the search's several
        // shapes (one per filter combination), so searching never evicts them.
        conn.set_prepared_statement_cache_capacity(64);
        let policy = settings::load_policy(&conn)?;
        let retention = settings::read_setting::<Option<u32>>(&conn, history::RETENTION)?.flatten();
        Ok(Store {
            conn,
            path: path.to_owned(),
            clock: now_millis,
            limits: Limits::DEFAULT,
            policy,
            retention,
            latest: LatestCache::new(),
        })
    }

    /// Opens the database at `path` only if the file exists: for readers
    /// (such as the CLI's `list`) that must not create an empty one.
    pub fn open_existing(path: &Path) -> Result<Store, StoreError> {
        if !path.is_file() {
            return Err(StoreError::MissingDatabase { path: path.to_owned() });
        }
        Store::open(path)
    }

    /// Replaces the clock, so tests can control `created_at`/`updated_at`.
    pub fn with_clock(mut self, clock: fn() -> OffsetDateTime) -> Store {
        self.clock = clock;
        self
    }

    /// Caps the file at `pages` pages (SQLite's `max_page_count`): how the
    /// tests simulate a full disk. A write past it fails with
    /// [`StoreError::DiskFull`] and changes nothing.
    pub fn limit_pages(&self, pages: u32) -> Result<(), StoreError> {
        self.conn.pragma_update(None, "max_page_count", pages)?;
        Ok(())
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Creates an empty draft and returns it.
    pub fn create(&mut self) -> Result<Brief, StoreError> {
        let now = (self.clock)();
        let brief = Brief::new(new_id(now), now);
        self.insert(&brief)?;
        Ok(brief)
    }

    /// Creates one brief per entry, all in one transaction: either every
    /// brief is stored or none is. Returns them in the order given.
    pub fn import(&mut self, briefs: &[(BriefContent, Status)]) -> Result<Vec<Brief>, StoreError> {
        for (content, _) in briefs {
            validate(content, &self.limits)?;
        }
        let now = (self.clock)();
        let tx = self.conn.transaction()?;
        let mut created = Vec::with_capacity(briefs.len());
        let mut heads = Vec::with_capacity(briefs.len());
        for (content, status) in briefs {
            let brief = Brief { status: *status, content: content.clone(), ..Brief::new(new_id(now), now) };
            insert(&tx, &brief)?;
            let (_, head) =
                history::record(&tx, brief.id, None, VersionKind::Import, None, brief.status, content, now)?;
            heads.push((brief.id, head));
            created.push(brief);
        }
        tx.commit()?;
        self.latest.extend(heads);
        Ok(created)
    }

    /// Replaces the draft of brief `id` with `content`, based on whatever
    /// revision is stored now (for one-shot tools such as the CLI).
    pub fn replace_draft(&mut self, id: BriefId, content: &BriefContent) -> Result<SavedDraft, StoreError> {
        let current = self.get(id)?.revision;
        self.save_draft(id, current, content)
    }

    /// Stores `content` as a new brief, in one transaction, when the brief
    /// it was typed into cannot take it (a conflict, a brief deleted
    /// elsewhere). With `conflicted`, the headline says it is a conflicted
    /// copy, shortened so the mark always fits the headline's limit.
    pub fn save_as_new(&mut self, content: &BriefContent, conflicted: bool) -> Result<Brief, StoreError> {
        let mut content = content.clone();
        if conflicted {
            content.headline = conflicted_copy_headline(&content.headline, self.limits.line_chars);
        }
        let mut created = self.import(&[(content, Status::Draft)])?;
        created
            .pop()
            .ok_or_else(|| StoreError::Corrupt { id: "new brief".into(), detail: "not created".into() })
    }

    /// Deletes brief `id` for good if nobody ever wrote in it: never saved
    /// after it was made, still empty, with no history. So "New brief"
    /// pressed twice, or pressed and left, leaves no "Untitled brief"
    /// behind. Answers whether it was deleted.
    pub fn discard_if_untouched(&mut self, id: BriefId) -> Result<bool, StoreError> {
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let brief = read_brief(&tx, id)?;
        let versions: u32 =
            tx.query_row("SELECT count(*) FROM version WHERE brief_id = ?1", [id.to_string()], |row| {
                row.get(0)
            })?;
        let untouched = brief.revision == 1 && versions == 0 && brief.content == BriefContent::default();
        if untouched {
            tx.execute(
                "DELETE FROM brief_search WHERE rowid = (SELECT rowid FROM brief WHERE id = ?1)",
                [id.to_string()],
            )?;
            tx.execute("DELETE FROM brief WHERE id = ?1", [id.to_string()])?;
        }
        tx.commit()?;
        if untouched {
            self.latest.remove(&id);
        }
        Ok(untouched)
    }

    /// A number that changes whenever another connection (the CLI, a second
    /// window) commits to the database; the app's own writes leave it as it
    /// is. The library polls it to notice changes made elsewhere.
    pub fn outside_changes(&self) -> Result<i64, StoreError> {
        Ok(self.conn.query_row("PRAGMA data_version", [], |row| row.get(0))?)
    }

    fn insert(&mut self, brief: &Brief) -> Result<(), StoreError> {
        validate(&brief.content, &self.limits)?;
        insert(&self.conn, brief)
    }
}

fn insert(conn: &Connection, brief: &Brief) -> Result<(), StoreError> {
    conn.execute(
        "INSERT INTO brief (id, status, created_at, updated_at, revision, headline, tags, content)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            brief.id.to_string(),
            brief.status.as_str(),
            to_millis(brief.created_at),
            to_millis(brief.updated_at),
            brief.revision,
            brief.content.headline,
            to_json(&brief.content.tags)?,
            to_json(&brief.content)?,
        ],
    )?;
    search::index(conn, brief.id, &brief.content)?;
    Ok(())
}

impl Store {
    pub fn get(&self, id: BriefId) -> Result<Brief, StoreError> {
        read_brief(&self.conn, id)
    }

    /// Every brief outside the Trash, most recently edited first.
    pub fn list(&self) -> Result<Vec<BriefSummary>, StoreError> {
        self.library(&LibraryFilter::default())
    }

    /// Saves `content` as the draft of brief `id`, provided the stored brief
    /// is still at `expected_revision`. Otherwise nothing is written and the
    /// caller gets [`StoreError::Conflict`]: a save never silently overwrites
    /// work it has not seen.
    pub fn save_draft(
        &mut self,
        id: BriefId,
        expected_revision: u32,
        content: &BriefContent,
    ) -> Result<SavedDraft, StoreError> {
        validate(content, &self.limits)?;
        let now = (self.clock)();
        // IMMEDIATE takes the write lock before the revision is read, so no
        // other writer can slip in between the check and the update.
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        // Cached statements: a save runs on every pause in typing, and
        // preparing its SQL each time was a fifth of it.
        let (actual, status, created_at): (u32, String, i64) = tx
            // A brief in the Trash is gone to the editor: its save must say
            // so, not write into the Trash unseen.
            .prepare_cached(
                "SELECT revision, status, created_at FROM brief WHERE id = ?1 AND deleted_at IS NULL",
            )?
            .query_row([id.to_string()], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)))
            .optional()?
            .ok_or(StoreError::NotFound(id))?;
        if actual != expected_revision {
            return Err(StoreError::Conflict { id, expected: expected_revision, actual });
        }
        let corrupt = |detail: String| StoreError::Corrupt { id: id.to_string(), detail };
        let status = parse_status(&status).map_err(corrupt)?;
        let revision = actual + 1;
        write_content(&tx, id, revision, now, content)?;
        // The search index catches up before the next search (search.rs),
        // so typing does not pay for it.
        // The automatic version policy, against the latest version (or, for
        // a brief with none yet, the empty brief it started as).
        let latest = history::latest(&tx, &self.latest, id)?;
        let empty = BriefContent::default();
        let (since, since_at) = match &latest {
            Some(latest) => (&latest.content, latest.created_at),
            None => (&empty, from_millis(created_at).map_err(corrupt)?),
        };
        let head = if self.policy.due(since, since_at, content, now) {
            Some(history::record(&tx, id, latest.as_ref(), VersionKind::Auto, None, status, content, now)?.1)
        } else {
            None
        };
        tx.commit()?;
        if let Some(head) = head {
            self.latest.insert(id, head);
            if self.retention.is_some() {
                self.prune(id)?;
            }
        }
        Ok(SavedDraft { revision, updated_at: now })
    }
}

/// The system clock, truncated to the milliseconds the database keeps, so a
/// brief read back equals the brief that was written.
fn now_millis() -> OffsetDateTime {
    let now = OffsetDateTime::now_utc();
    now.replace_nanosecond(now.nanosecond() / 1_000_000 * 1_000_000).unwrap_or(now)
}

fn new_id(now: OffsetDateTime) -> BriefId {
    let secs = now.unix_timestamp().max(0) as u64;
    BriefId(Uuid::new_v7(Timestamp::from_unix(NoContext, secs, now.nanosecond())))
}

/// Reads brief `id` inside whatever transaction `conn` is in.
pub(crate) fn read_brief(conn: &Connection, id: BriefId) -> Result<Brief, StoreError> {
    let row = conn
        .query_row(
            "SELECT status, created_at, updated_at, revision, content FROM brief WHERE id = ?1",
            [id.to_string()],
            |row| {
                Ok((
                    row.get::<_, String>(0)?,
                    row.get::<_, i64>(1)?,
                    row.get::<_, i64>(2)?,
                    row.get::<_, u32>(3)?,
                    row.get::<_, String>(4)?,
                ))
            },
        )
        .optional()?;
    let (status, created_at, updated_at, revision, content) = row.ok_or(StoreError::NotFound(id))?;
    let corrupt = |detail: String| StoreError::Corrupt { id: id.to_string(), detail };
    Ok(Brief {
        id,
        status: parse_status(&status).map_err(corrupt)?,
        created_at: from_millis(created_at).map_err(corrupt)?,
        updated_at: from_millis(updated_at).map_err(corrupt)?,
        revision,
        content: serde_json::from_str(&content).map_err(|e| corrupt(e.to_string()))?,
    })
}

/// Writes new content over brief `id`, with its revision and time. The
/// caller has validated `content`.
pub(crate) fn write_content(
    conn: &Connection,
    id: BriefId,
    revision: u32,
    updated_at: OffsetDateTime,
    content: &BriefContent,
) -> Result<(), StoreError> {
    conn.prepare_cached(
        "UPDATE brief SET revision = ?2, updated_at = ?3, headline = ?4, tags = ?5, content = ?6 WHERE id = ?1",
    )?
    .execute(params![
        id.to_string(),
        revision,
        to_millis(updated_at),
        content.headline,
        to_json(&content.tags)?,
        to_json(content)?,
    ])?;
    Ok(())
}

pub(crate) fn to_millis(t: OffsetDateTime) -> i64 {
    (t.unix_timestamp_nanos() / 1_000_000) as i64
}

pub(crate) fn from_millis(ms: i64) -> Result<OffsetDateTime, String> {
    OffsetDateTime::from_unix_timestamp_nanos(i128::from(ms) * 1_000_000)
        .map_err(|e| format!("timestamp {ms} is out of range: {e}"))
}

pub(crate) fn parse_status(s: &str) -> Result<Status, String> {
    Status::parse(s).ok_or_else(|| format!("unknown status {s:?}"))
}

fn to_json<T: Serialize + ?Sized>(value: &T) -> Result<String, StoreError> {
    Ok(serde_json::to_string(value)?)
}
