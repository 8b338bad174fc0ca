//! Version history: immutable snapshots of a brief, stored compactly.
//!
//! Each version's content is stored as zstd-compressed JSON. Most versions
//! are deltas: compressed with the previous version's text as the
//! dictionary, so an edit of a few words costs a few dozen bytes. Every
//! `KEYFRAME_EVERY`th version is stored whole, so reading any version
//! decompresses at most that many small frames, however long the history.

use std::collections::HashMap;
use std::sync::Arc;

use briefdesk_core::{
    brief_words, diff_briefs, restore_part, validate, Brief, BriefContent, BriefId, PartRef, Status,
    VersionKind, VersionPolicy,
};
use rusqlite::{params, Connection, OptionalExtension, TransactionBehavior};
use serde::Serialize;
use time::OffsetDateTime;
use ts_rs::TS;

use crate::row::{from_millis, parse_status, read_brief, to_millis, write_content, DraftRow};
use crate::settings::write_setting;
use crate::{Store, StoreError};

/// The setting that holds the retention (`Option<u32>`).
pub(crate) const RETENTION: &str = "keep_versions";

/// A delta chain never grows longer than this.
const KEYFRAME_EVERY: u32 = 64;
const ZSTD_LEVEL: i32 = 6;

/// One entry of a brief's history, as the History pane and the CLI list it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct VersionInfo {
    /// Counts from 1 within the brief.
    pub version: u32,
    #[serde(with = "time::serde::rfc3339")]
    #[ts(type = "string")]
    pub created_at: OffsetDateTime,
    pub kind: VersionKind,
    pub label: Option<String>,
    pub status: Status,
    /// Total words in this version.
    pub words: u32,
    /// Words added and removed since the previous version.
    pub added: u32,
    pub removed: u32,
    /// Why this version cannot be read, if it cannot; the others can.
    pub damaged: Option<String>,
}

/// A version's content, with its place in the history.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct Version {
    pub info: VersionInfo,
    pub content: BriefContent,
}

/// What the store remembers of a brief's latest version, so a draft save
/// can decide and encode the next version without reading the history.
#[derive(Clone, Debug)]
pub(crate) struct Head {
    number: u32,
    created_at: OffsetDateTime,
    depth: u32,
    text: String,
    content: BriefContent,
}

/// A brief's latest version as a save finds it.
#[derive(Clone, Debug)]
pub(crate) enum Tip {
    /// No version yet.
    None,
    // Shared with the cache: every draft save asks for the tip, and a copy
    // would be the whole brief twice (its text and its content).
    Readable(Arc<Head>),
    /// The latest version (or one its delta chain needs) cannot be read.
    /// The next version is stored whole and starts a new chain, so one
    /// damaged row never blocks the brief's saves.
    Damaged {
        number: u32,
    },
}

impl Tip {
    pub(crate) fn number(&self) -> Option<u32> {
        match self {
            Tip::None => None,
            Tip::Readable(head) => Some(head.number),
            Tip::Damaged { number } => Some(*number),
        }
    }

    fn head(&self) -> Option<&Head> {
        match self {
            Tip::Readable(head) => Some(head),
            _ => None,
        }
    }
}

/// Each brief's latest version, owned here because only history writes
/// versions; the store keeps one and hands it to the functions below.
#[derive(Debug, Default)]
pub(crate) struct Heads(HashMap<BriefId, Arc<Head>>);

impl Heads {
    /// The latest version of `id`, from the cache when it is still current.
    pub(crate) fn tip(&self, conn: &Connection, id: BriefId) -> Result<Tip, StoreError> {
        // Cached: every draft save asks.
        let row: Option<(u32, i64, u32)> = conn
            .prepare_cached(
                "SELECT number, created_at, depth FROM version WHERE brief_id = ?1 ORDER BY number DESC LIMIT 1",
            )?
            .query_row([id.to_string()], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)))
            .optional()?;
        let Some((number, created_at, depth)) = row else { return Ok(Tip::None) };
        if let Some(cached) = self.0.get(&id).filter(|c| c.number == number) {
            return Ok(Tip::Readable(Arc::clone(cached)));
        }
        let read = || -> Result<Head, StoreError> {
            let text = read_text(conn, id, number)?;
            let content = decode(id, number, &text)?;
            let created_at = from_millis(created_at).map_err(|detail| damaged(id, number, detail))?;
            Ok(Head { number, created_at, depth, text, content })
        };
        match read() {
            Ok(head) => Ok(Tip::Readable(Arc::new(head))),
            Err(error) if error.is_damaged_version() => Ok(Tip::Damaged { number }),
            Err(error) => Err(error),
        }
    }

    /// The number of the latest version of `id`, reading nothing else: what
    /// a save checks under the write lock against the tip it planned on.
    pub(crate) fn tip_number(conn: &Connection, id: BriefId) -> Result<Option<u32>, StoreError> {
        Ok(conn
            .prepare_cached("SELECT max(number) FROM version WHERE brief_id = ?1")?
            .query_row([id.to_string()], |row| row.get(0))?)
    }

    /// Remembers what a committed transaction wrote.
    pub(crate) fn committed(&mut self, id: BriefId, versions: impl IntoIterator<Item = NewVersion>) {
        if let Some(last) = versions.into_iter().last() {
            self.0.insert(id, last.head);
        }
    }

    pub(crate) fn forget(&mut self, id: &BriefId) {
        self.0.remove(id);
    }
}

fn damaged(id: BriefId, version: u32, detail: impl Into<String>) -> StoreError {
    StoreError::DamagedVersion { id, version, detail: detail.into() }
}

fn decode(id: BriefId, number: u32, text: &str) -> Result<BriefContent, StoreError> {
    serde_json::from_str(text).map_err(|e| damaged(id, number, e.to_string()))
}

/// A version encoded and ready to insert: the diff and the compression,
/// the expensive parts, are done before the write transaction opens.
#[derive(Clone, Debug)]
pub(crate) struct NewVersion {
    info: VersionInfo,
    base: Option<u32>,
    depth: u32,
    data: Vec<u8>,
    head: Arc<Head>,
}

/// Encodes `content` as the version after `tip`. `changes`: the words added
/// and removed since the tip, when the caller has diffed them already.
#[allow(clippy::too_many_arguments)]
pub(crate) fn prepare(
    tip: &Tip,
    kind: VersionKind,
    label: Option<&str>,
    status: Status,
    content: &BriefContent,
    now: OffsetDateTime,
    changes: Option<(u32, u32)>,
) -> Result<NewVersion, StoreError> {
    let text = serde_json::to_string(content)?;
    let words = brief_words(content) as u32;
    let (added, removed) = match (changes, tip.head()) {
        (Some(changes), _) => changes,
        (None, Some(head)) => {
            let diff = diff_briefs(&head.content, content);
            (diff.words_added, diff.words_removed)
        }
        // After a damaged version nobody can say what changed: count the
        // words as new rather than claim a difference.
        (None, None) => (words, 0),
    };
    let (base, depth, data) = match tip.head().filter(|head| head.depth + 1 < KEYFRAME_EVERY) {
        Some(head) => {
            (Some(head.number), head.depth + 1, compress(text.as_bytes(), Some(head.text.as_bytes()))?)
        }
        None => (None, 0, compress(text.as_bytes(), None)?),
    };
    let number = tip.number().map_or(1, |n| n + 1);
    let info = VersionInfo {
        version: number,
        created_at: now,
        kind,
        label: label.map(String::from),
        status,
        words,
        added,
        removed,
        damaged: None,
    };
    let head = Arc::new(Head { number, created_at: now, depth, text, content: content.clone() });
    Ok(NewVersion { info, base, depth, data, head })
}

impl NewVersion {
    /// The tip once this version is written.
    fn tip(&self) -> Tip {
        Tip::Readable(Arc::clone(&self.head))
    }

    /// Inserts the version inside the caller's transaction.
    pub(crate) fn write(&self, conn: &Connection, id: BriefId) -> Result<VersionInfo, StoreError> {
        let info = &self.info;
        conn.prepare_cached(
            "INSERT INTO version (brief_id, number, created_at, kind, label, status, words, added, removed, base, depth, size, data)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
        )?
        .execute(params![
            id.to_string(),
            info.version,
            to_millis(info.created_at),
            info.kind.as_str(),
            info.label,
            info.status.as_str(),
            info.words,
            info.added,
            info.removed,
            self.base,
            self.depth,
            self.head.text.len() as i64,
            self.data
        ])?;
        Ok(info.clone())
    }
}

/// Records a version of `content` after the brief's latest, inside the
/// caller's transaction. Returns what to cache once the transaction commits.
#[allow(clippy::too_many_arguments)]
pub(crate) fn record(
    conn: &Connection,
    heads: &Heads,
    id: BriefId,
    kind: VersionKind,
    label: Option<&str>,
    status: Status,
    content: &BriefContent,
    now: OffsetDateTime,
) -> Result<NewVersion, StoreError> {
    let version = prepare(&heads.tip(conn, id)?, kind, label, status, content, now, None)?;
    version.write(conn, id)?;
    Ok(version)
}

/// The label of the version kept before a save removes many words.
pub const BEFORE_LARGE_CHANGE: &str = "Before a large change";

/// The versions a draft save will write, and the latest version they follow.
pub(crate) struct DraftPlan {
    pub(crate) tip: Option<u32>,
    pub(crate) versions: Vec<NewVersion>,
}

/// The versions a draft save of `content` records, decided and encoded
/// against the latest version and `draft`, the row as stored. Outside the
/// write transaction: this is where a save's time goes.
pub(crate) fn plan_draft_save(
    conn: &Connection,
    heads: &Heads,
    policy: &VersionPolicy,
    id: BriefId,
    draft: &DraftRow,
    content: &BriefContent,
    now: OffsetDateTime,
) -> Result<DraftPlan, StoreError> {
    let tip = heads.tip(conn, id)?;
    let versions = versions_for_draft(conn, &tip, policy, id, draft, content, now)?;
    Ok(DraftPlan { tip: tip.number(), versions })
}

fn versions_for_draft(
    conn: &Connection,
    tip: &Tip,
    policy: &VersionPolicy,
    id: BriefId,
    draft: &DraftRow,
    content: &BriefContent,
    now: OffsetDateTime,
) -> Result<Vec<NewVersion>, StoreError> {
    let empty = BriefContent::default();
    let (since, since_at) = match tip {
        Tip::Readable(head) => (&head.content, head.created_at),
        Tip::None => (&empty, draft.created_at),
        // Store a readable whole version now, so the next save has a chain.
        Tip::Damaged { .. } => {
            return Ok(vec![prepare(tip, VersionKind::Auto, None, draft.status, content, now, None)?]);
        }
    };
    if since == content {
        return Ok(vec![]);
    }
    let diff = diff_briefs(since, content);
    let changes = (diff.words_added, diff.words_removed);
    let mut versions = Vec::new();
    let mut tip = tip.clone();
    if policy.large_removal(&diff) {
        let stored = read_brief(conn, id)?.content;
        if &stored != since && &stored != content {
            let before = prepare(
                &tip,
                VersionKind::Auto,
                Some(BEFORE_LARGE_CHANGE),
                draft.status,
                &stored,
                now,
                None,
            )?;
            tip = before.tip();
            versions.push(before);
        }
    }
    if policy.due(&diff, since_at, now) || !versions.is_empty() {
        let changes = if versions.is_empty() { Some(changes) } else { None };
        versions.push(prepare(&tip, VersionKind::Auto, None, draft.status, content, now, changes)?);
    }
    Ok(versions)
}

fn compress(text: &[u8], dictionary: Option<&[u8]>) -> Result<Vec<u8>, StoreError> {
    let compressed = match dictionary {
        Some(dict) => {
            zstd::bulk::Compressor::with_dictionary(ZSTD_LEVEL, dict).and_then(|mut c| c.compress(text))
        }
        None => zstd::bulk::compress(text, ZSTD_LEVEL),
    };
    compressed.map_err(|e| StoreError::Compression(e.to_string()))
}

/// No version's text is larger: a brief is at most `Limits::total_bytes`
/// (8 MB), and JSON's escapes at most double that. A stored size past it is
/// damage, refused before anything is allocated for it.
const MAX_VERSION_TEXT: i64 = 32 * 1024 * 1024;

/// The JSON text of version `number`: the chain back to a whole version,
/// then forward through the deltas.
fn read_text(conn: &Connection, id: BriefId, number: u32) -> Result<String, StoreError> {
    let mut stmt =
        conn.prepare_cached("SELECT base, size, data FROM version WHERE brief_id = ?1 AND number = ?2")?;
    let mut chain: Vec<(u32, i64, Vec<u8>)> = Vec::new();
    let mut next = Some(number);
    while let Some(n) = next {
        let (base, size, data): (Option<u32>, i64, Vec<u8>) = stmt
            .query_row(params![id.to_string(), n], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)))
            .optional()?
            .ok_or_else(|| {
                if n == number {
                    StoreError::NoSuchVersion { id, version: n }
                } else {
                    damaged(id, number, format!("it is stored as a change to version {n}, which is missing"))
                }
            })?;
        chain.push((n, size, data));
        // Bases are earlier versions; anything else is a loop.
        if base.is_some_and(|base| base >= n) || chain.len() > KEYFRAME_EVERY as usize * 4 {
            return Err(damaged(id, number, "its chain of changes loops or is too long"));
        }
        next = base;
    }
    // One context for the whole chain: making one per frame (a large,
    // zeroed allocation) took most of a read's time.
    let mut decompressor =
        zstd::bulk::Decompressor::new().map_err(|e| StoreError::Compression(e.to_string()))?;
    let mut text: Vec<u8> = Vec::new();
    for (n, size, data) in chain.iter().rev() {
        // Each delta's dictionary is the version before it; the whole
        // version at the chain's start has none (`text` is still empty).
        text = decompress(&mut decompressor, data, *size, &text).map_err(|detail| {
            if *n == number {
                damaged(id, number, detail)
            } else {
                damaged(id, number, format!("it is stored as a change to version {n}, which cannot be read"))
            }
        })?;
    }
    String::from_utf8(text).map_err(|e| damaged(id, number, e.to_string()))
}

/// One frame of a version, checked against its stored size.
fn decompress(
    decompressor: &mut zstd::bulk::Decompressor<'_>,
    data: &[u8],
    size: i64,
    dictionary: &[u8],
) -> Result<Vec<u8>, String> {
    let size = usize::try_from(size)
        .ok()
        .filter(|&size| size as i64 <= MAX_VERSION_TEXT)
        .ok_or_else(|| format!("it records an impossible size ({size} bytes)"))?;
    decompressor.set_dictionary(dictionary).map_err(|e| e.to_string())?;
    let text = decompressor.decompress(data, size).map_err(|e| format!("it cannot be decompressed: {e}"))?;
    if text.len() != size {
        return Err(format!("it decompresses to {} bytes, not {size}", text.len()));
    }
    Ok(text)
}

/// Reads version `number` and its content for the fuzz tests: whatever the
/// row holds, an answer or an error, never a panic or an abort.
#[doc(hidden)]
pub fn read_version_content(conn: &Connection, id: BriefId, number: u32) -> Result<BriefContent, StoreError> {
    let text = read_text(conn, id, number)?;
    decode(id, number, &text)
}

/// A `version` row's listing columns, as stored.
type InfoRow = (u32, i64, String, Option<String>, String, u32, u32, u32);

fn info_from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<InfoRow> {
    Ok((
        row.get(0)?,
        row.get(1)?,
        row.get(2)?,
        row.get(3)?,
        row.get(4)?,
        row.get(5)?,
        row.get(6)?,
        row.get(7)?,
    ))
}

/// A row's listing, or what can be said of it when a column is damaged:
/// the history still lists it, marked, and lists every other version.
fn to_info((version, created_at, kind, label, status, words, added, removed): InfoRow) -> VersionInfo {
    let mut problems = Vec::new();
    let created_at = from_millis(created_at).unwrap_or_else(|detail| {
        problems.push(detail);
        OffsetDateTime::UNIX_EPOCH
    });
    let kind = VersionKind::parse(&kind).unwrap_or_else(|| {
        problems.push(format!("unknown version kind {kind:?}"));
        VersionKind::Auto
    });
    let status = parse_status(&status).unwrap_or_else(|detail| {
        problems.push(detail);
        Status::Draft
    });
    let damaged = (!problems.is_empty()).then(|| problems.join("; "));
    VersionInfo { version, created_at, kind, label, status, words, added, removed, damaged }
}

const INFO_COLUMNS: &str = "number, created_at, kind, label, status, words, added, removed";

impl Store {
    /// Every version of brief `id`, oldest first. A version that cannot be
    /// read is listed with `damaged` saying why.
    pub fn history(&self, id: BriefId) -> Result<Vec<VersionInfo>, StoreError> {
        self.get(id)?;
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {INFO_COLUMNS}, base, size, data FROM version WHERE brief_id = ?1 ORDER BY number"
        ))?;
        let mut rows = stmt.query([id.to_string()])?;
        let mut listed = Vec::new();
        // Versions are read in order, each delta against the text before it,
        // so checking every one costs one decompression each.
        let mut previous: Option<(u32, Vec<u8>)> = None;
        let mut unreadable = std::collections::HashSet::new();
        let mut decompressor =
            zstd::bulk::Decompressor::new().map_err(|e| StoreError::Compression(e.to_string()))?;
        while let Some(row) = rows.next()? {
            let mut info = to_info(info_from_row(row)?);
            let (base, size, data): (Option<u32>, i64, Vec<u8>) = (row.get(8)?, row.get(9)?, row.get(10)?);
            let number = info.version;
            let text = match (&previous, base) {
                (_, None) => decompress(&mut decompressor, &data, size, &[]),
                (Some((n, text)), Some(base)) if *n == base => {
                    decompress(&mut decompressor, &data, size, text)
                }
                // Said plainly: the version it rests on was listed damaged.
                (_, Some(base)) if unreadable.contains(&base) => {
                    Err(format!("it is stored as a change to version {base}, which cannot be read"))
                }
                _ => read_text(&self.conn, id, number).map(String::into_bytes).map_err(|e| match e {
                    StoreError::DamagedVersion { detail, .. } => detail,
                    other => other.to_string(),
                }),
            };
            let readable = text.and_then(|text| {
                let content = std::str::from_utf8(&text).map_err(|e| e.to_string())?;
                serde_json::from_str::<BriefContent>(content).map_err(|e| e.to_string())?;
                Ok(text)
            });
            match readable {
                Ok(text) => previous = Some((number, text)),
                Err(detail) => {
                    previous = None;
                    unreadable.insert(number);
                    let reason = info.damaged.take().map_or(detail.clone(), |d| format!("{d}; {detail}"));
                    info.damaged = Some(reason);
                }
            }
            listed.push(info);
        }
        Ok(listed)
    }

    /// Version `number` of brief `id`.
    pub fn version(&self, id: BriefId, number: u32) -> Result<Version, StoreError> {
        let row = self
            .conn
            .query_row(
                &format!("SELECT {INFO_COLUMNS} FROM version WHERE brief_id = ?1 AND number = ?2"),
                params![id.to_string(), number],
                info_from_row,
            )
            .optional()?
            .ok_or(StoreError::NoSuchVersion { id, version: number })?;
        let info = to_info(row);
        if let Some(detail) = &info.damaged {
            return Err(damaged(id, number, detail.clone()));
        }
        let content = read_version_content(&self.conn, id, number)?;
        Ok(Version { info, content })
    }

    /// "Save version": records the current draft as a named version, with
    /// an optional label.
    pub fn save_version(&mut self, id: BriefId, label: Option<&str>) -> Result<VersionInfo, StoreError> {
        let label = label.map(str::trim).filter(|l| !l.is_empty());
        let brief = self.get(id)?;
        let now = (self.clock)();
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let version =
            record(&tx, &self.heads, id, VersionKind::Named, label, brief.status, &brief.content, now)?;
        crate::desk::publish(&tx, id, crate::desk::OutboxKind::Version, label, &brief.content, now)?;
        tx.commit()?;
        let info = version.info.clone();
        self.heads.committed(id, [version]);
        Ok(info)
    }

    /// Changes the status and records the change as a milestone version.
    pub fn set_status(
        &mut self,
        id: BriefId,
        expected_revision: u32,
        status: Status,
    ) -> Result<Brief, StoreError> {
        self.set_status_noted(id, expected_revision, status, None)
    }

    /// [`set_status`](Store::set_status) with a note for the desk (an
    /// editor sending a brief back says why).
    pub fn set_status_noted(
        &mut self,
        id: BriefId,
        expected_revision: u32,
        status: Status,
        note: Option<&str>,
    ) -> Result<Brief, StoreError> {
        let now = (self.clock)();
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let mut brief = read_brief(&tx, id)?;
        if brief.revision != expected_revision {
            return Err(StoreError::Conflict { id, expected: expected_revision, actual: brief.revision });
        }
        brief.status = status;
        brief.revision += 1;
        brief.updated_at = now;
        tx.execute(
            "UPDATE brief SET status = ?2, revision = ?3, updated_at = ?4 WHERE id = ?1",
            params![id.to_string(), status.as_str(), brief.revision, to_millis(now)],
        )?;
        let label = status_label(status);
        let version =
            record(&tx, &self.heads, id, VersionKind::Milestone, Some(label), status, &brief.content, now)?;
        crate::desk::publish_state(&tx, id, status, note, now)?;
        tx.commit()?;
        self.heads.committed(id, [version]);
        Ok(brief)
    }

    /// Restores brief `id` to version `number`, wholly or one `part` of it.
    /// The current state is recorded first (unless it is already the latest
    /// version), so the restore itself can be undone.
    pub fn restore(&mut self, id: BriefId, number: u32, part: Option<&PartRef>) -> Result<Brief, StoreError> {
        let target = self.version(id, number)?;
        let now = (self.clock)();
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let mut brief = read_brief(&tx, id)?;
        let content = match part {
            None => target.content,
            Some(part) => restore_part(&brief.content, &target.content, part).map_err(StoreError::Restore)?,
        };
        validate(&content, &self.limits)?;
        let tip = self.heads.tip(&tx, id)?;
        let mut recorded = Vec::new();
        if tip.head().is_none_or(|head| head.content != brief.content) {
            let label = format!("Before restoring version {number}");
            let before =
                prepare(&tip, VersionKind::Restore, Some(&label), brief.status, &brief.content, now, None)?;
            before.write(&tx, id)?;
            recorded.push(before);
        }
        brief.content = content;
        brief.revision += 1;
        brief.updated_at = now;
        write_content(&tx, id, brief.revision, now, &brief.content)?;
        crate::desk::publish(&tx, id, crate::desk::OutboxKind::Save, None, &brief.content, now)?;
        tx.commit()?;
        self.heads.committed(id, recorded);
        Ok(brief)
    }

    /// Compares two states of brief `id`: version numbers, or `None` for the
    /// current draft.
    pub fn compare(
        &self,
        id: BriefId,
        old: Option<u32>,
        new: Option<u32>,
    ) -> Result<briefdesk_core::BriefDiff, StoreError> {
        // The status is not part of the content: a version row keeps the one
        // it was recorded with, the draft's is the brief row's.
        let side = |which: Option<u32>| -> Result<(BriefContent, Status), StoreError> {
            match which {
                Some(number) => {
                    let version = self.version(id, number)?;
                    Ok((version.content, version.info.status))
                }
                None => {
                    let brief = self.get(id)?;
                    Ok((brief.content, brief.status))
                }
            }
        };
        let ((old, old_status), (new, new_status)) = (side(old)?, side(new)?);
        Ok(diff_briefs(&old, &new).with_status(old_status, new_status))
    }

    pub fn version_policy(&self) -> VersionPolicy {
        self.policy
    }

    pub fn set_version_policy(&mut self, policy: VersionPolicy) -> Result<(), StoreError> {
        write_setting(&self.conn, "version_policy", &policy)?;
        self.policy = policy;
        Ok(())
    }

    /// How many automatic (and import/restore) versions to keep per brief;
    /// `None`, the default, keeps everything. Named versions and milestones
    /// are never pruned. Applied whenever an automatic version is recorded.
    pub fn set_retention(&mut self, keep: Option<u32>) -> Result<(), StoreError> {
        write_setting(&self.conn, RETENTION, &keep)?;
        self.retention = keep;
        Ok(())
    }

    /// Applies the retention setting to brief `id`. Versions that were deltas
    /// against a pruned version are rewritten whole first, so every kept
    /// version still reads back exactly.
    pub fn prune(&mut self, id: BriefId) -> Result<usize, StoreError> {
        let Some(keep) = self.retention else {
            return Ok(0);
        };
        // The listing alone: pruning needs kinds and numbers, not the
        // check of every version's text that `history` makes.
        let history: Vec<VersionInfo> = {
            let mut stmt = self.conn.prepare_cached(&format!(
                "SELECT {INFO_COLUMNS} FROM version WHERE brief_id = ?1 ORDER BY number"
            ))?;
            let rows = stmt.query_map([id.to_string()], info_from_row)?;
            rows.map(|row| row.map(to_info)).collect::<Result<_, _>>()?
        };
        let prunable: Vec<u32> = history.iter().filter(|v| v.kind.prunable()).map(|v| v.version).collect();
        let latest_number = history.last().map(|v| v.version);
        let victims: Vec<u32> = prunable
            .iter()
            .rev()
            .skip(keep as usize)
            .copied()
            .filter(|n| Some(*n) != latest_number)
            .collect();
        if victims.is_empty() {
            return Ok(0);
        }
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        for &victim in victims.iter().rev() {
            let dependents: Vec<u32> = {
                let mut stmt =
                    tx.prepare_cached("SELECT number FROM version WHERE brief_id = ?1 AND base = ?2")?;
                let rows = stmt.query_map(params![id.to_string(), victim], |row| row.get(0))?;
                rows.collect::<Result<_, _>>()?
            };
            for dependent in dependents {
                let text = read_text(&tx, id, dependent)?;
                tx.execute(
                    "UPDATE version SET base = NULL, depth = 0, data = ?3 WHERE brief_id = ?1 AND number = ?2",
                    params![id.to_string(), dependent, compress(text.as_bytes(), None)?],
                )?;
            }
            tx.execute(
                "DELETE FROM version WHERE brief_id = ?1 AND number = ?2",
                params![id.to_string(), victim],
            )?;
        }
        tx.commit()?;
        self.heads.forget(&id);
        Ok(victims.len())
    }

    /// Compressed bytes of history, over all briefs (for benchmarks).
    pub fn history_bytes(&self) -> Result<u64, StoreError> {
        let bytes: i64 =
            self.conn
                .query_row("SELECT coalesce(sum(length(data)), 0) FROM version", [], |row| row.get(0))?;
        Ok(bytes.max(0) as u64)
    }
}

/// How a milestone is labelled.
pub fn status_label(status: Status) -> &'static str {
    match status {
        Status::Draft => "Draft",
        Status::InReview => "In review",
        Status::Ready => "Ready",
        Status::Filed => "Filed",
    }
}
