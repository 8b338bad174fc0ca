//! Version history: immutable snapshots of a brief, stored compactly.
//!
//! Each version's content is stored as zstd-compressed JSON. Most versions
//! are deltas: compressed with the previous version's text as the
//! dictionary, so an edit of a few words costs a few dozen bytes. Every
//! `KEYFRAME_EVERY`th version is stored whole, so reading any version
//! decompresses at most that many small frames, however long the history.

use std::collections::HashMap;

use briefdesk_core::{
    brief_words, diff_briefs, restore_part, validate, Brief, BriefContent, BriefId, PartRef, Status,
    VersionKind, VersionPolicy,
};
use rusqlite::{params, Connection, OptionalExtension, TransactionBehavior};
use serde::Serialize;
use time::OffsetDateTime;
use ts_rs::TS;

use crate::settings::write_setting;
use crate::store::{from_millis, parse_status, to_millis};
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
}

/// A version's content, with its place in the history.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct Version {
    pub info: VersionInfo,
    pub content: BriefContent,
}

/// What the store remembers of each brief's latest version, so a draft save
/// can decide and encode a new version without reading the history.
#[derive(Clone, Debug)]
pub(crate) struct Latest {
    number: u32,
    pub(crate) created_at: OffsetDateTime,
    depth: u32,
    text: String,
    pub(crate) content: BriefContent,
}

pub(crate) type LatestCache = HashMap<BriefId, Latest>;

/// The latest version of `id`, from the cache when it is still current.
pub(crate) fn latest(
    conn: &Connection,
    cache: &LatestCache,
    id: BriefId,
) -> Result<Option<Latest>, StoreError> {
    // Cached: every draft save asks.
    let head: Option<(u32, i64, u32)> = conn
        .prepare_cached(
            "SELECT number, created_at, depth FROM version WHERE brief_id = ?1 ORDER BY number DESC LIMIT 1",
        )?
        .query_row([id.to_string()], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)))
        .optional()?;
    let Some((number, created_at, depth)) = head else { return Ok(None) };
    if let Some(cached) = cache.get(&id).filter(|c| c.number == number) {
        return Ok(Some(cached.clone()));
    }
    let text = read_text(conn, id, number)?;
    let content = decode(id, &text)?;
    let created_at =
        from_millis(created_at).map_err(|detail| StoreError::Corrupt { id: id.to_string(), detail })?;
    Ok(Some(Latest { number, created_at, depth, text, content }))
}

fn decode(id: BriefId, text: &str) -> Result<BriefContent, StoreError> {
    serde_json::from_str(text).map_err(|e| StoreError::Corrupt { id: id.to_string(), detail: e.to_string() })
}

/// Records a version of `content` after `latest`, inside the caller's
/// transaction. Returns what to cache once the transaction commits.
#[allow(clippy::too_many_arguments)]
pub(crate) fn record(
    conn: &Connection,
    id: BriefId,
    latest: Option<&Latest>,
    kind: VersionKind,
    label: Option<&str>,
    status: Status,
    content: &BriefContent,
    now: OffsetDateTime,
) -> Result<(VersionInfo, Latest), StoreError> {
    let text = serde_json::to_string(content)?;
    let words = brief_words(content) as u32;
    let (added, removed) = match latest {
        Some(latest) => {
            let diff = diff_briefs(&latest.content, content);
            (diff.words_added, diff.words_removed)
        }
        None => (words, 0),
    };
    let (base, depth, data) = match latest.filter(|l| l.depth + 1 < KEYFRAME_EVERY) {
        Some(latest) => {
            (Some(latest.number), latest.depth + 1, compress(text.as_bytes(), Some(latest.text.as_bytes()))?)
        }
        None => (None, 0, compress(text.as_bytes(), None)?),
    };
    let number = latest.map_or(1, |l| l.number + 1);
    conn.prepare_cached(
        "INSERT INTO version (brief_id, number, created_at, kind, label, status, words, added, removed, base, depth, size, data)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
    )?
    .execute(params![
        id.to_string(),
        number,
        to_millis(now),
        kind.as_str(),
        label,
        status.as_str(),
        words,
        added,
        removed,
        base,
        depth,
        text.len() as i64,
        data
    ])?;
    let info = VersionInfo {
        version: number,
        created_at: now,
        kind,
        label: label.map(String::from),
        status,
        words,
        added,
        removed,
    };
    Ok((info, Latest { number, created_at: now, depth, text, content: content.clone() }))
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

/// The JSON text of version `number`: the chain back to a whole version,
/// then forward through the deltas.
fn read_text(conn: &Connection, id: BriefId, number: u32) -> Result<String, StoreError> {
    let mut stmt =
        conn.prepare_cached("SELECT base, size, data FROM version WHERE brief_id = ?1 AND number = ?2")?;
    let mut chain: Vec<(usize, Vec<u8>)> = Vec::new();
    let mut next = Some(number);
    while let Some(n) = next {
        let (base, size, data): (Option<u32>, i64, Vec<u8>) = stmt
            .query_row(params![id.to_string(), n], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)))
            .optional()?
            .ok_or(StoreError::NoSuchVersion { id, version: n })?;
        chain.push((size as usize, data));
        if chain.len() > KEYFRAME_EVERY as usize * 4 {
            return Err(StoreError::Corrupt {
                id: id.to_string(),
                detail: format!("version {number} has a broken delta chain"),
            });
        }
        next = base;
    }
    // One context for the whole chain: making one per frame (a large,
    // zeroed allocation) took most of a read's time.
    let compression = |e: std::io::Error| StoreError::Compression(e.to_string());
    let mut decompressor = zstd::bulk::Decompressor::new().map_err(compression)?;
    let mut text: Vec<u8> = Vec::new();
    for (size, data) in chain.iter().rev() {
        // Each delta's dictionary is the version before it; the whole
        // version at the chain's start has none (`text` is still empty).
        decompressor.set_dictionary(&text).map_err(compression)?;
        text = decompressor.decompress(data, *size).map_err(compression)?;
    }
    String::from_utf8(text).map_err(|e| StoreError::Corrupt { id: id.to_string(), detail: e.to_string() })
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

fn to_info(
    id: BriefId,
    (version, created_at, kind, label, status, words, added, removed): InfoRow,
) -> Result<VersionInfo, StoreError> {
    let corrupt = |detail: String| StoreError::Corrupt { id: id.to_string(), detail };
    Ok(VersionInfo {
        version,
        created_at: from_millis(created_at).map_err(corrupt)?,
        kind: VersionKind::parse(&kind).ok_or_else(|| corrupt(format!("unknown version kind {kind:?}")))?,
        label,
        status: parse_status(&status).map_err(corrupt)?,
        words,
        added,
        removed,
    })
}

const INFO_COLUMNS: &str = "number, created_at, kind, label, status, words, added, removed";

impl Store {
    /// Every version of brief `id`, oldest first.
    pub fn history(&self, id: BriefId) -> Result<Vec<VersionInfo>, StoreError> {
        self.get(id)?;
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {INFO_COLUMNS} FROM version WHERE brief_id = ?1 ORDER BY number"
        ))?;
        let rows = stmt.query_map([id.to_string()], info_from_row)?;
        rows.map(|row| to_info(id, row?)).collect()
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
        let info = to_info(id, row)?;
        let content = decode(id, &read_text(&self.conn, id, number)?)?;
        Ok(Version { info, content })
    }

    /// "Save version": records the current draft as a named version, with
    /// an optional label.
    pub fn save_version(&mut self, id: BriefId, label: Option<&str>) -> Result<VersionInfo, StoreError> {
        let label = label.map(str::trim).filter(|l| !l.is_empty());
        let brief = self.get(id)?;
        let now = (self.clock)();
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let latest = latest(&tx, &self.latest, id)?;
        let (info, head) =
            record(&tx, id, latest.as_ref(), VersionKind::Named, label, brief.status, &brief.content, now)?;
        tx.commit()?;
        self.latest.insert(id, head);
        Ok(info)
    }

    /// Changes the status and records the change as a milestone version.
    pub fn set_status(
        &mut self,
        id: BriefId,
        expected_revision: u32,
        status: Status,
    ) -> Result<Brief, StoreError> {
        let now = (self.clock)();
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let mut brief = crate::store::read_brief(&tx, id)?;
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
        let latest = latest(&tx, &self.latest, id)?;
        let label = status_label(status);
        let (_, head) = record(
            &tx,
            id,
            latest.as_ref(),
            VersionKind::Milestone,
            Some(label),
            status,
            &brief.content,
            now,
        )?;
        tx.commit()?;
        self.latest.insert(id, head);
        Ok(brief)
    }

    /// Restores brief `id` to version `number`, wholly or one `part` of it.
    /// The current state is recorded first (unless it is already the latest
    /// version), so the restore itself can be undone.
    pub fn restore(&mut self, id: BriefId, number: u32, part: Option<&PartRef>) -> Result<Brief, StoreError> {
        let target = self.version(id, number)?;
        let now = (self.clock)();
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let mut brief = crate::store::read_brief(&tx, id)?;
        let content = match part {
            None => target.content,
            Some(part) => restore_part(&brief.content, &target.content, part).map_err(StoreError::Restore)?,
        };
        let mut latest = latest(&tx, &self.latest, id)?;
        if latest.as_ref().is_none_or(|l| l.content != brief.content) {
            let label = format!("Before restoring version {number}");
            let (_, head) = record(
                &tx,
                id,
                latest.as_ref(),
                VersionKind::Restore,
                Some(&label),
                brief.status,
                &brief.content,
                now,
            )?;
            latest = Some(head);
        }
        validate(&content, &self.limits)?;
        brief.content = content;
        brief.revision += 1;
        brief.updated_at = now;
        crate::store::write_content(&tx, id, brief.revision, now, &brief.content)?;
        tx.commit()?;
        if let Some(head) = latest {
            self.latest.insert(id, head);
        }
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
        let history = self.history(id)?;
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
        self.latest.remove(&id);
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
