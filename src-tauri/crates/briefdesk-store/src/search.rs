//! The library: full-text search (SQLite FTS5, bm25-ranked, highlighted
//! snippets, prefix matching, diacritics folded), filters by status and
//! tag, sorting, and the Trash.

use briefdesk_core::{BriefContent, BriefId, BriefSummary, Status};
use rusqlite::{params, Connection, ToSql};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::store::{from_millis, parse_status, to_millis};
use crate::{Store, StoreError};

/// How the library is ordered.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum LibrarySort {
    #[default]
    LastEdited,
    Headline,
}

/// Which briefs the library shows.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct LibraryFilter {
    pub status: Option<Status>,
    pub tag: Option<String>,
    pub sort: LibrarySort,
    /// At most this many briefs (a page); `None` for all.
    pub limit: Option<u32>,
}

/// A piece of a search snippet; `hit` marks the words that matched.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct SnippetPart {
    pub text: String,
    pub hit: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct SearchHit {
    pub brief: BriefSummary,
    pub snippet: Vec<SnippetPart>,
}

/// Markers FTS5 puts around matches; control characters never typed in a
/// brief, so splitting on them is safe and no markup crosses to the UI.
const HIT_START: char = '\u{2}';
const HIT_END: char = '\u{3}';

/// The text a brief is found by, part by part.
fn searchable_body(content: &BriefContent) -> String {
    let mut parts: Vec<&str> = vec![&content.summary, &content.why_it_matters];
    parts.extend(content.key_developments.iter().map(String::as_str));
    for section in &content.report {
        parts.push(&section.heading);
        parts.push(&section.body);
    }
    parts.push(&content.context);
    parts.join("\n")
}

/// Puts `content` into the search index for `id`, replacing what was
/// there, and records which revision the index now holds. Index rows share
/// the brief's rowid, so replacing one is a lookup, not a scan.
pub(crate) fn index(conn: &Connection, id: BriefId, content: &BriefContent) -> Result<(), StoreError> {
    let rowid: i64 =
        conn.query_row("SELECT rowid FROM brief WHERE id = ?1", [id.to_string()], |row| row.get(0))?;
    conn.execute("DELETE FROM brief_search WHERE rowid = ?1", [rowid])?;
    conn.execute(
        "INSERT INTO brief_search (rowid, headline, body, tags) VALUES (?1, ?2, ?3, ?4)",
        params![rowid, content.headline, searchable_body(content), content.tags.join(" ")],
    )?;
    conn.execute("UPDATE brief SET indexed_revision = revision WHERE rowid = ?1", [rowid])?;
    Ok(())
}

/// Indexes every brief saved since it was last indexed (usually the one
/// being edited), in one transaction.
fn catch_up(conn: &mut Connection) -> Result<(), StoreError> {
    let pending: Vec<(String, String)> = {
        let mut stmt =
            conn.prepare_cached("SELECT id, content FROM brief WHERE indexed_revision IS NOT revision")?;
        let rows = stmt.query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?;
        rows.collect::<Result<_, _>>()?
    };
    if pending.is_empty() {
        return Ok(());
    }
    let tx = conn.transaction()?;
    for (id, content) in pending {
        let corrupt = |detail: String| StoreError::Corrupt { id: id.clone(), detail };
        let brief_id: BriefId = id.parse().map_err(|e: uuid::Error| corrupt(e.to_string()))?;
        let content: BriefContent = serde_json::from_str(&content).map_err(|e| corrupt(e.to_string()))?;
        index(&tx, brief_id, &content)?;
    }
    tx.commit()?;
    Ok(())
}

/// Turns what a person typed into an FTS5 query that cannot be a syntax
/// error: every word quoted (so `-`, `NEAR(`, `"` are just text), all words
/// required, and the last one a prefix while it is still being typed.
pub fn fts_query(typed: &str) -> Option<String> {
    let words: Vec<&str> = typed.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
    let last = words.len().checked_sub(1)?;
    let still_typing = !typed.ends_with(|c: char| c.is_whitespace());
    let quoted: Vec<String> = words
        .iter()
        .enumerate()
        .map(|(i, w)| if i == last && still_typing { format!("\"{w}\"*") } else { format!("\"{w}\"") })
        .collect();
    Some(quoted.join(" "))
}

fn snippet_parts(snippet: &str) -> Vec<SnippetPart> {
    let mut parts = Vec::new();
    let mut rest = snippet;
    while let Some(start) = rest.find(HIT_START) {
        if start > 0 {
            parts.push(SnippetPart { text: rest[..start].to_string(), hit: false });
        }
        let after = &rest[start + HIT_START.len_utf8()..];
        let end = after.find(HIT_END).unwrap_or(after.len());
        parts.push(SnippetPart { text: after[..end].to_string(), hit: true });
        rest = after.get(end + HIT_END.len_utf8()..).unwrap_or("");
    }
    if !rest.is_empty() {
        parts.push(SnippetPart { text: rest.to_string(), hit: false });
    }
    parts
}

/// `AND`-clauses and their parameters for a filter over `brief`.
fn filter_sql(filter: &LibraryFilter) -> (String, Vec<Box<dyn ToSql>>) {
    let mut sql = String::new();
    let mut args: Vec<Box<dyn ToSql>> = Vec::new();
    if let Some(status) = filter.status {
        sql.push_str(" AND brief.status = ?");
        args.push(Box::new(status.as_str()));
    }
    if let Some(tag) = &filter.tag {
        sql.push_str(" AND EXISTS (SELECT 1 FROM json_each(brief.tags) WHERE json_each.value = ?)");
        args.push(Box::new(tag.clone()));
    }
    (sql, args)
}

type SummaryRow = (String, String, String, String, i64, u32);

fn summary_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<SummaryRow> {
    Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?, row.get(4)?, row.get(5)?))
}

pub(crate) fn to_summary(
    (id, headline, status, tags, updated_at, revision): SummaryRow,
) -> Result<BriefSummary, StoreError> {
    let corrupt = |detail: String| StoreError::Corrupt { id: id.clone(), detail };
    Ok(BriefSummary {
        id: id.parse().map_err(|e: uuid::Error| corrupt(e.to_string()))?,
        headline,
        status: parse_status(&status).map_err(corrupt)?,
        tags: serde_json::from_str(&tags).map_err(|e| corrupt(e.to_string()))?,
        updated_at: from_millis(updated_at).map_err(corrupt)?,
        revision,
    })
}

const SUMMARY_COLUMNS: &str =
    "brief.id, brief.headline, brief.status, brief.tags, brief.updated_at, brief.revision";

impl Store {
    /// The library: briefs not in the Trash, filtered and sorted.
    pub fn library(&self, filter: &LibraryFilter) -> Result<Vec<BriefSummary>, StoreError> {
        let (where_sql, args) = filter_sql(filter);
        let order = match filter.sort {
            LibrarySort::LastEdited => "brief.updated_at DESC, brief.id DESC",
            LibrarySort::Headline => "brief.headline COLLATE NOCASE, brief.updated_at DESC",
        };
        // SQLite reads a negative LIMIT as "no limit".
        let limit = filter.limit.map_or(-1, i64::from);
        let sql = format!(
            "SELECT {SUMMARY_COLUMNS} FROM brief WHERE brief.deleted_at IS NULL{where_sql} ORDER BY {order} LIMIT {limit}"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(rusqlite::params_from_iter(args.iter()), summary_row)?;
        rows.map(|row| to_summary(row?)).collect()
    }

    /// Briefs matching `typed`, best first (bm25; a hit in the headline
    /// counts most, then tags, then the text), with a highlighted snippet.
    /// Whatever was typed, this never fails on query syntax, and every save
    /// so far is searchable.
    pub fn search(
        &mut self,
        typed: &str,
        filter: &LibraryFilter,
        limit: u32,
    ) -> Result<Vec<SearchHit>, StoreError> {
        let Some(query) = fts_query(typed) else { return Ok(Vec::new()) };
        catch_up(&mut self.conn)?;
        let (where_sql, filter_args) = filter_sql(filter);
        let sql = format!(
            "SELECT {SUMMARY_COLUMNS}, snippet(brief_search, -1, char(2), char(3), '…', 12)
             FROM brief_search JOIN brief ON brief.rowid = brief_search.rowid
             WHERE brief_search MATCH ? AND brief.deleted_at IS NULL{where_sql}
             ORDER BY bm25(brief_search, 10.0, 1.0, 5.0)
             LIMIT ?"
        );
        let mut args: Vec<Box<dyn ToSql>> = vec![Box::new(query)];
        args.extend(filter_args);
        args.push(Box::new(limit));
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(rusqlite::params_from_iter(args.iter()), |row| {
            Ok((summary_row(row)?, row.get::<_, String>(6)?))
        })?;
        rows.map(|row| {
            let (summary, snippet) = row?;
            Ok(SearchHit { brief: to_summary(summary)?, snippet: snippet_parts(&snippet) })
        })
        .collect()
    }

    /// Every tag in use, for the library's filter.
    pub fn tags(&self) -> Result<Vec<String>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT DISTINCT json_each.value FROM brief, json_each(brief.tags)
             WHERE brief.deleted_at IS NULL ORDER BY 1 COLLATE NOCASE",
        )?;
        let rows = stmt.query_map([], |row| row.get(0))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The briefs in the Trash, most recently deleted first.
    pub fn trash(&self) -> Result<Vec<BriefSummary>, StoreError> {
        let sql = format!("SELECT {SUMMARY_COLUMNS} FROM brief WHERE brief.deleted_at IS NOT NULL ORDER BY brief.deleted_at DESC");
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map([], summary_row)?;
        rows.map(|row| to_summary(row?)).collect()
    }

    /// Takes brief `id` out of the Trash.
    pub fn restore_from_trash(&mut self, id: BriefId) -> Result<(), StoreError> {
        let changed = self.conn.execute(
            "UPDATE brief SET deleted_at = NULL WHERE id = ?1 AND deleted_at IS NOT NULL",
            [id.to_string()],
        )?;
        if changed == 0 {
            return Err(StoreError::NotFound(id));
        }
        Ok(())
    }

    /// Deletes every brief in the Trash for good, with its history.
    pub fn empty_trash(&mut self) -> Result<usize, StoreError> {
        let tx = self.conn.transaction()?;
        tx.execute(
            "DELETE FROM brief_search WHERE rowid IN (SELECT rowid FROM brief WHERE deleted_at IS NOT NULL)",
            [],
        )?;
        let deleted = tx.execute("DELETE FROM brief WHERE deleted_at IS NOT NULL", [])?;
        tx.commit()?;
        self.latest.clear();
        Ok(deleted)
    }

    /// Moves brief `id` to the Trash.
    pub fn delete(&mut self, id: BriefId) -> Result<(), StoreError> {
        let now = (self.clock)();
        let changed = self.conn.execute(
            "UPDATE brief SET deleted_at = ?2 WHERE id = ?1 AND deleted_at IS NULL",
            params![id.to_string(), to_millis(now)],
        )?;
        if changed == 0 {
            return Err(StoreError::NotFound(id));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_text_becomes_a_safe_query() {
        assert_eq!(fts_query("lee beij").as_deref(), Some("\"lee\" \"beij\"*"));
        assert_eq!(fts_query("lee beijing ").as_deref(), Some("\"lee\" \"beijing\""));
        assert_eq!(fts_query("\"unbalanced NEAR( - -x").as_deref(), Some("\"unbalanced\" \"NEAR\" \"x\"*"));
        assert_eq!(fts_query(" - \" ( "), None);
        assert_eq!(fts_query("Séoul"), Some("\"Séoul\"*".into()));
    }

    #[test]
    fn snippets_split_into_hits() {
        let parts = snippet_parts("…met \u{2}Xi\u{3} in \u{2}Beijing\u{3}");
        let shown: Vec<(&str, bool)> = parts.iter().map(|p| (p.text.as_str(), p.hit)).collect();
        assert_eq!(shown, [("…met ", false), ("Xi", true), (" in ", false), ("Beijing", true)]);
    }
}
