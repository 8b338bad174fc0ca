use std::path::{Path, PathBuf};

use briefdesk_core::{
    conflicted_copy_headline, validate, Brief, BriefContent, BriefId, BriefSummary, Limits, Status,
    VersionKind, VersionPolicy,
};
use rusqlite::{Connection, TransactionBehavior};
use serde::Serialize;
use time::OffsetDateTime;
use ts_rs::TS;

use crate::desk::{self, OutboxKind};
use crate::history::{self, plan_draft_save, Heads};
use crate::row::{self, draft_row, new_id, now_millis, read_brief, write_content};
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
    pub(crate) heads: Heads,
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
        // WAL lets readers and the writer proceed together. FULL: the WAL
        // is synced at every commit, so a save the page calls "Saved"
        // survives a power cut or an OS crash, not only the app's. NORMAL
        // could take the last moments of saves back; a journalist's words
        // matter more than the fraction of a millisecond it saves (saves
        // are debounced and run off the UI thread: typing never waits).
        conn.pragma_update_and_check(None, "journal_mode", "WAL", |row| row.get::<_, String>(0))?;
        conn.pragma_update(None, "synchronous", "FULL")?;
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
            heads: Heads::default(),
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

    /// SQLite's `synchronous` setting as a number (2 = FULL), for tests.
    pub fn synchronous(&self) -> Result<i64, StoreError> {
        Ok(self.conn.pragma_query_value(None, "synchronous", |row| row.get(0))?)
    }

    pub fn journal_mode(&self) -> Result<String, StoreError> {
        Ok(self.conn.pragma_query_value(None, "journal_mode", |row| row.get(0))?)
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
        self.import_sharing(briefs, true)
    }

    /// As [`Store::import`]; `share`: whether the new briefs join the desk
    /// when the library shares new briefs.
    fn import_sharing(
        &mut self,
        briefs: &[(BriefContent, Status)],
        share: bool,
    ) -> Result<Vec<Brief>, StoreError> {
        for (content, _) in briefs {
            validate(content, &self.limits)?;
        }
        let now = (self.clock)();
        // Encoded before the transaction: a large import holds the write
        // lock only for its inserts.
        let mut created = Vec::with_capacity(briefs.len());
        for (content, status) in briefs {
            let brief = Brief { status: *status, content: content.clone(), ..Brief::new(new_id(now), now) };
            let version = history::prepare(
                &history::Tip::None,
                VersionKind::Import,
                None,
                brief.status,
                content,
                now,
                None,
            )?;
            created.push((brief, version));
        }
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        for (brief, version) in &created {
            insert(&tx, brief)?;
            version.write(&tx, brief.id)?;
            if share && desk::join_if_sharing_new(&tx, brief.id)? {
                desk::publish(&tx, brief.id, OutboxKind::Save, None, &brief.content, now)?;
            }
        }
        tx.commit()?;
        Ok(created
            .into_iter()
            .map(|(brief, version)| {
                self.heads.committed(brief.id, [version]);
                brief
            })
            .collect())
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
        // A conflicted copy stays on this laptop, as a refused push's copy
        // does: the words that did not go in, for the journalist to use.
        let mut created = self.import_sharing(&[(content, Status::Draft)], !conflicted)?;
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
            self.heads.forget(&id);
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
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        insert(&tx, brief)?;
        // It joins the desk empty; its first save is its first revision.
        desk::join_if_sharing_new(&tx, brief.id)?;
        tx.commit()?;
        Ok(())
    }
}

/// A new brief's row, indexed for search at once (it is one insert).
fn insert(conn: &Connection, brief: &Brief) -> Result<(), StoreError> {
    row::insert(conn, brief)?;
    search::index(conn, brief.id, &brief.content)
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
        // The version decision (a diff) and the versions' encoding are done
        // before the write lock is taken, against what is stored now; the
        // transaction only checks that nothing changed since.
        let draft = draft_row(&self.conn, id)?;
        let mut plan = plan_draft_save(&self.conn, &self.heads, &self.policy, id, &draft, content, now)?;
        // IMMEDIATE takes the write lock before the revision is read, so no
        // other writer can slip in between the check and the update.
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let actual = draft_row(&tx, id)?;
        if actual.revision != expected_revision {
            return Err(StoreError::Conflict { id, expected: expected_revision, actual: actual.revision });
        }
        if actual != draft || Heads::tip_number(&tx, id)? != plan.tip {
            // Another writer committed between the plan and the lock: plan
            // again under it (rare; correct rather than fast).
            plan = plan_draft_save(&tx, &self.heads, &self.policy, id, &actual, content, now)?;
        }
        let revision = actual.revision + 1;
        write_content(&tx, id, revision, now, content)?;
        // The search index catches up before the next search (search.rs),
        // so typing does not pay for it.
        for version in &plan.versions {
            version.write(&tx, id)?;
        }
        // In the same transaction: a save the page calls "Saved" is, for a
        // shared brief, on its way to the desk too.
        desk::publish(&tx, id, OutboxKind::Save, None, content, now)?;
        tx.commit()?;
        let recorded = !plan.versions.is_empty();
        self.heads.committed(id, plan.versions);
        // The save is committed: from here nothing may turn it into a
        // failure. Pruning that fails is tried again at the next version.
        if recorded && self.retention.is_some() {
            if let Err(error) = self.prune(id) {
                eprintln!("briefdesk: saved, but old versions of {id} could not be pruned: {error}");
            }
        }
        Ok(SavedDraft { revision, updated_at: now })
    }
}
