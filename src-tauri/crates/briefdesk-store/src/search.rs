//! The library: full-text search (SQLite FTS5, bm25-ranked, highlighted
//! snippets, prefix matching, diacritics folded), filters by status and
//! tag, sorting, and the Trash.

use std::collections::HashMap;

use briefdesk_core::{snippet, BriefContent, BriefId, BriefSummary, SearchTerms, SnippetPart, Status};
use rusqlite::{params, Connection, OptionalExtension, ToSql};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::row::{from_millis, parse_status, to_millis};
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

#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct SearchHit {
    pub brief: BriefSummary,
    pub snippet: Vec<SnippetPart>,
}

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

/// What a person typed, split into whole words and the word still being
/// typed (if the text does not end in a space).
struct TypedQuery<'a> {
    words: Vec<&'a str>,
    prefix: Option<&'a str>,
}

impl<'a> TypedQuery<'a> {
    fn parse(typed: &'a str) -> Option<Self> {
        let mut words: Vec<&str> =
            typed.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
        let still_typing = !typed.ends_with(|c: char| c.is_whitespace());
        let prefix = if still_typing { Some(words.pop()?) } else { None };
        if words.is_empty() && prefix.is_none() {
            return None;
        }
        Some(TypedQuery { words, prefix })
    }

    /// An FTS5 query that cannot be a syntax error: every word quoted (so
    /// `-`, `NEAR(`, `"` are just text), all words required, and the word
    /// still being typed a prefix that FTS5 expands itself.
    fn query(&self) -> String {
        self.with_prefix(self.prefix.map(|w| format!("\"{w}\"*")))
    }

    /// The query: the whole words quoted, then `prefix` (already FTS5 syntax).
    fn with_prefix(&self, prefix: Option<String>) -> String {
        let mut parts: Vec<String> = self.words.iter().map(|w| format!("\"{w}\"")).collect();
        parts.extend(prefix);
        // Explicit: FTS5 does not read `a (b OR c)` as an implicit AND.
        parts.join(" AND ")
    }
}

/// The longest prefix with its own index (`prefix = '1 2 3 4 5 6'` in
/// the schema). FTS5 answers a longer `word*` by copying out every matching
/// word's whole doclist, once per statement; naming the words instead
/// lets it stream them.
const INDEXED_PREFIX: usize = 6;

/// A longer prefix matching more words than this is left to FTS5.
const MAX_EXPANSION: u32 = 64;

/// The FTS5 query for `typed`: [`TypedQuery::query`], with a long last word
/// spelled out as the indexed words it can become (`("kapel" OR "kapels")`).
fn expanded_query(conn: &Connection, typed: &TypedQuery<'_>) -> Result<String, StoreError> {
    // Only ASCII is expanded: its folding is plain lowercasing, so the
    // range below finds exactly the words FTS5 would.
    let Some(prefix) = typed.prefix.filter(|p| p.len() > INDEXED_PREFIX && p.is_ascii()) else {
        return Ok(typed.query());
    };
    let low = prefix.to_ascii_lowercase();
    let mut high = low.clone().into_bytes();
    if let Some(last) = high.last_mut() {
        *last += 1;
    }
    let high = String::from_utf8(high).unwrap_or_default();
    let mut stmt =
        conn.prepare_cached("SELECT term FROM brief_search_terms WHERE term >= ?1 AND term < ?2 LIMIT ?3")?;
    let words: Vec<String> =
        stmt.query_map(params![low, high, MAX_EXPANSION + 1], |row| row.get(0))?.collect::<Result<_, _>>()?;
    match words.len() {
        0 => Ok(String::new()),
        n if n > MAX_EXPANSION as usize => Ok(typed.query()),
        _ => {
            let spelled = words.iter().map(|w| format!("\"{w}\"")).collect::<Vec<_>>().join(" OR ");
            Ok(typed.with_prefix(Some(format!("({spelled})"))))
        }
    }
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

/// How many of the newest matches a search ranks before widening; see
/// [`Store::search`].
pub const RANK_WINDOW: u32 = 300;

/// How search results are ordered.
#[derive(Clone, Copy)]
enum Order {
    /// bm25: a hit in the headline counts most, then tags, then the text.
    Bm25,
    /// Newest first (by when the brief was created or imported).
    Newest,
}

/// How many words a snippet shows.
const SNIPPET_WORDS: usize = 14;

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
    ///
    /// bm25 has to read every match, so a word found in most of a large
    /// library would cost tens of milliseconds. Ranking therefore covers
    /// the newest [`RANK_WINDOW`] matches (every match when there are fewer,
    /// which is exact), widening until the page is full after filters.
    pub fn search(
        &mut self,
        typed: &str,
        filter: &LibraryFilter,
        limit: u32,
    ) -> Result<Vec<SearchHit>, StoreError> {
        let Some(typed) = TypedQuery::parse(typed) else { return Ok(Vec::new()) };
        catch_up(&mut self.conn)?;
        let query = expanded_query(&self.conn, &typed)?;
        if query.is_empty() {
            return Ok(Vec::new());
        }
        // A first letter alone matches most of a library and means little
        // yet; bm25 would first count every brief it matches (its IDF), so
        // the newest matches are listed instead until a second letter.
        let first_letter = typed.words.is_empty() && typed.prefix.is_some_and(|p| p.chars().count() == 1);
        let ranked = if first_letter {
            self.matches(&query, Order::Newest, None, filter, limit)?
        } else {
            let mut window = RANK_WINDOW;
            loop {
                let floor = self.window_floor(&query, window)?;
                let ranked = self.matches(&query, Order::Bm25, floor, filter, limit)?;
                match floor {
                    Some(_) if ranked.len() < limit as usize => window = window.saturating_mul(4),
                    _ => break ranked,
                }
            }
        };
        let terms = SearchTerms::new(typed.words.iter().copied(), typed.prefix);
        let mut snippets = self.snippets(&terms, ranked.iter().map(|(rowid, _)| *rowid))?;
        ranked
            .into_iter()
            .map(|(rowid, summary)| {
                let snippet = snippets.remove(&rowid).unwrap_or_default();
                Ok(SearchHit { brief: to_summary(summary)?, snippet })
            })
            .collect()
    }

    /// Snippets for the given rows: their searchable text read in one
    /// statement, cut and marked in Rust (see `briefdesk_core::snippet`).
    fn snippets(
        &self,
        terms: &SearchTerms,
        rowids: impl ExactSizeIterator<Item = i64>,
    ) -> Result<HashMap<i64, Vec<SnippetPart>>, StoreError> {
        if rowids.len() == 0 {
            return Ok(HashMap::new());
        }
        let placeholders = vec!["?"; rowids.len()].join(", ");
        let sql = format!("SELECT rowid, body FROM brief_search WHERE rowid IN ({placeholders})");
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(rusqlite::params_from_iter(rowids), |row| {
            Ok((row.get(0)?, row.get::<_, String>(1)?))
        })?;
        rows.map(|row| {
            let (rowid, body) = row?;
            Ok((rowid, snippet(&body, terms, SNIPPET_WORDS)))
        })
        .collect()
    }

    /// The rowid of the `window`-th newest match, or `None` when there are
    /// no more matches than that (then every match is ranked). Walking a
    /// doclist in rowid order reads no positions, so this is cheap.
    fn window_floor(&self, query: &str, window: u32) -> Result<Option<i64>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT rowid FROM brief_search WHERE brief_search MATCH ?1
             ORDER BY rowid DESC LIMIT 1 OFFSET ?2",
        )?;
        Ok(stmt.query_row(params![query, window.saturating_sub(1)], |row| row.get(0)).optional()?)
    }

    /// The first `limit` matches at or above rowid `floor` in `order`,
    /// after filters.
    fn matches(
        &self,
        query: &str,
        order: Order,
        floor: Option<i64>,
        filter: &LibraryFilter,
        limit: u32,
    ) -> Result<Vec<(i64, SummaryRow)>, StoreError> {
        let (where_sql, filter_args) = filter_sql(filter);
        let order = match order {
            Order::Bm25 => "bm25(brief_search, 10.0, 1.0, 5.0)",
            Order::Newest => "brief_search.rowid DESC",
        };
        let sql = format!(
            "SELECT {SUMMARY_COLUMNS}, brief.rowid
             FROM brief_search JOIN brief ON brief.rowid = brief_search.rowid
             WHERE brief_search MATCH ? AND brief_search.rowid >= ? AND brief.deleted_at IS NULL{where_sql}
             ORDER BY {order}
             LIMIT ?"
        );
        let mut args: Vec<Box<dyn ToSql>> =
            vec![Box::new(query.to_string()), Box::new(floor.unwrap_or(i64::MIN))];
        args.extend(filter_args);
        args.push(Box::new(limit));
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt
            .query_map(rusqlite::params_from_iter(args.iter()), |row| Ok((row.get(6)?, summary_row(row)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
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
        let now = (self.clock)();
        let tx = self.conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let changed = tx.execute(
            "UPDATE brief SET deleted_at = NULL WHERE id = ?1 AND deleted_at IS NOT NULL",
            [id.to_string()],
        )?;
        if changed == 0 {
            return Err(StoreError::NotFound(id));
        }
        crate::desk::publish_trash(&tx, id, false, now)?;
        tx.commit()?;
        Ok(())
    }

    /// Deletes the briefs `ids` for good, with their history: the ones the
    /// person was shown and agreed to lose. Any of them taken out of the
    /// Trash since, and anything put in it since, stays. Answers how many
    /// went.
    pub fn empty_trash(&mut self, ids: &[BriefId]) -> Result<usize, StoreError> {
        let tx = self.conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let mut deleted = 0;
        for id in ids {
            tx.execute(
                "DELETE FROM brief_search WHERE rowid = (SELECT rowid FROM brief WHERE id = ?1 AND deleted_at IS NOT NULL)",
                [id.to_string()],
            )?;
            deleted +=
                tx.execute("DELETE FROM brief WHERE id = ?1 AND deleted_at IS NOT NULL", [id.to_string()])?;
        }
        tx.commit()?;
        for id in ids {
            self.heads.forget(id);
        }
        Ok(deleted)
    }

    /// Moves brief `id` to the Trash.
    pub fn delete(&mut self, id: BriefId) -> Result<(), StoreError> {
        let now = (self.clock)();
        let tx = self.conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let changed = tx.execute(
            "UPDATE brief SET deleted_at = ?2 WHERE id = ?1 AND deleted_at IS NULL",
            params![id.to_string(), to_millis(now)],
        )?;
        if changed == 0 {
            return Err(StoreError::NotFound(id));
        }
        crate::desk::publish_trash(&tx, id, true, now)?;
        tx.commit()?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fts_query(typed: &str) -> Option<String> {
        TypedQuery::parse(typed).map(|q| q.query())
    }

    #[test]
    fn typed_text_becomes_a_safe_query() {
        assert_eq!(fts_query("lee beij").as_deref(), Some("\"lee\" AND \"beij\"*"));
        assert_eq!(fts_query("lee beijing ").as_deref(), Some("\"lee\" AND \"beijing\""));
        assert_eq!(
            fts_query("\"unbalanced NEAR( - -x").as_deref(),
            Some("\"unbalanced\" AND \"NEAR\" AND \"x\"*")
        );
        assert_eq!(fts_query(" - \" ( "), None);
        assert_eq!(fts_query("Séoul"), Some("\"Séoul\"*".into()));
    }
}
