//! A brief's row: reading and writing the `brief` table, and the encodings
//! of its columns (times as Unix milliseconds, statuses as names, content
//! as JSON). The draft store, history and search all use this module; it
//! uses none of them, so the store's modules point one way.

use briefdesk_core::{Brief, BriefContent, BriefId, Status};
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;
use time::OffsetDateTime;
use uuid::{NoContext, Timestamp, Uuid};

use crate::StoreError;

/// What a draft save checks and a new version records, without the content.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct DraftRow {
    pub(crate) revision: u32,
    pub(crate) status: Status,
    pub(crate) created_at: OffsetDateTime,
}

/// The row of brief `id` outside the Trash (a brief in the Trash is gone
/// to the editor: its save must say so, not write into the Trash unseen).
pub(crate) fn draft_row(conn: &Connection, id: BriefId) -> Result<DraftRow, StoreError> {
    // Cached: a save runs on every pause in typing, and preparing its SQL
    // each time was a fifth of it.
    let (revision, status, created_at): (u32, String, i64) = conn
        .prepare_cached(
            "SELECT revision, status, created_at FROM brief WHERE id = ?1 AND deleted_at IS NULL",
        )?
        .query_row([id.to_string()], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)))
        .optional()?
        .ok_or(StoreError::NotFound(id))?;
    let corrupt = |detail: String| StoreError::Corrupt { id: id.to_string(), detail };
    Ok(DraftRow {
        revision,
        status: parse_status(&status).map_err(corrupt)?,
        created_at: from_millis(created_at).map_err(corrupt)?,
    })
}

/// Reads brief `id` inside whatever transaction `conn` is in.
pub(crate) fn read_brief(conn: &Connection, id: BriefId) -> Result<Brief, StoreError> {
    let row = conn
        .prepare_cached("SELECT status, created_at, updated_at, revision, content FROM brief WHERE id = ?1")?
        .query_row([id.to_string()], |row| {
            Ok((
                row.get::<_, String>(0)?,
                row.get::<_, i64>(1)?,
                row.get::<_, i64>(2)?,
                row.get::<_, u32>(3)?,
                row.get::<_, String>(4)?,
            ))
        })
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

/// Adds `brief` as a new row. The caller has validated its content and
/// indexes it for search.
pub(crate) fn insert(conn: &Connection, brief: &Brief) -> Result<(), StoreError> {
    conn.prepare_cached(
        "INSERT INTO brief (id, status, created_at, updated_at, revision, headline, tags, content)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![
        brief.id.to_string(),
        brief.status.as_str(),
        to_millis(brief.created_at),
        to_millis(brief.updated_at),
        brief.revision,
        brief.content.headline,
        to_json(&brief.content.tags)?,
        to_json(&brief.content)?,
    ])?;
    Ok(())
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

/// The system clock, truncated to the milliseconds the database keeps, so a
/// brief read back equals the brief that was written.
pub(crate) fn now_millis() -> OffsetDateTime {
    let now = OffsetDateTime::now_utc();
    now.replace_nanosecond(now.nanosecond() / 1_000_000 * 1_000_000).unwrap_or(now)
}

pub(crate) fn new_id(now: OffsetDateTime) -> BriefId {
    let secs = now.unix_timestamp().max(0) as u64;
    BriefId(Uuid::new_v7(Timestamp::from_unix(NoContext, secs, now.nanosecond())))
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

pub(crate) fn to_json<T: Serialize + ?Sized>(value: &T) -> Result<String, StoreError> {
    Ok(serde_json::to_string(value)?)
}
