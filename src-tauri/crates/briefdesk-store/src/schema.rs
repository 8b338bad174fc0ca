//! Forward-only migrations keyed by SQLite's `user_version`.

use std::path::{Path, PathBuf};

use rusqlite::Connection;

use crate::StoreError;

/// Marks the file as Briefdesk's ("BRFD"), so a database belonging to another
/// program is refused instead of being migrated into ours.
const APPLICATION_ID: i64 = 0x4252_4644;

/// Each entry moves the schema one version forward; entry `i` produces
/// version `i + 1`. Entries are never edited once released: add a new one.
const MIGRATIONS: &[&str] = &[
    // 1: briefs. `content` is the JSON of `BriefContent`; `headline` and
    // `tags` are copied out of it so the library list never parses JSON.
    // Times are Unix milliseconds, so ordering by them is numeric.
    "CREATE TABLE brief (
        id         TEXT PRIMARY KEY NOT NULL,
        status     TEXT NOT NULL CHECK (status IN ('draft', 'in_review', 'ready', 'filed')),
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        revision   INTEGER NOT NULL CHECK (revision >= 1),
        headline   TEXT NOT NULL,
        tags       TEXT NOT NULL,
        content    TEXT NOT NULL
    ) STRICT;
    CREATE INDEX brief_by_updated_at ON brief (updated_at DESC);",
    // 2: version history and settings. A version's `data` is its content's
    // JSON, zstd-compressed: whole when `base` is NULL, otherwise with the
    // text of version `base` as the dictionary (a delta). `depth` counts the
    // deltas to the nearest whole version, so reads stay bounded.
    "CREATE TABLE version (
        brief_id   TEXT NOT NULL REFERENCES brief (id) ON DELETE CASCADE,
        number     INTEGER NOT NULL CHECK (number >= 1),
        created_at INTEGER NOT NULL,
        kind       TEXT NOT NULL CHECK (kind IN ('auto', 'named', 'milestone', 'import', 'restore')),
        label      TEXT,
        status     TEXT NOT NULL,
        words      INTEGER NOT NULL,
        added      INTEGER NOT NULL,
        removed    INTEGER NOT NULL,
        base       INTEGER,
        depth      INTEGER NOT NULL,
        size       INTEGER NOT NULL,
        data       BLOB NOT NULL,
        PRIMARY KEY (brief_id, number)
    ) STRICT, WITHOUT ROWID;
    CREATE TABLE setting (
        key   TEXT PRIMARY KEY NOT NULL,
        value TEXT NOT NULL
    ) STRICT;",
    // 3: Trash and full-text search. `brief_search` holds each brief's
    // searchable text under the brief's rowid, folded for case and
    // diacritics. `indexed_revision` says which revision it holds; a brief
    // saved since is caught up before the next search, so typing never
    // pays for indexing and a search never misses a save.
    "ALTER TABLE brief ADD COLUMN deleted_at INTEGER;
    ALTER TABLE brief ADD COLUMN indexed_revision INTEGER;
    UPDATE brief SET indexed_revision = revision;
    CREATE INDEX brief_unindexed ON brief (id) WHERE indexed_revision IS NOT revision;
    CREATE VIRTUAL TABLE brief_search USING fts5(
        headline, body, tags,
        tokenize = 'unicode61 remove_diacritics 2'
    );
    INSERT INTO brief_search (rowid, headline, body, tags)
    SELECT rowid, headline,
        concat_ws(char(10),
            json_extract(content, '$.summary'),
            json_extract(content, '$.why_it_matters'),
            (SELECT group_concat(value, char(10)) FROM json_each(content, '$.key_developments')),
            (SELECT group_concat(json_extract(value, '$.heading') || char(10) || json_extract(value, '$.body'), char(10))
               FROM json_each(content, '$.report')),
            json_extract(content, '$.context')),
        (SELECT group_concat(value, ' ') FROM json_each(tags))
    FROM brief;",
    // 4: prefix indexes for one to six characters, so a word being typed
    // reads one doclist instead of merging every word it could become
    // (`k*` merged thousands: 0.6 s on 25,000 briefs; now a few ms).
    // `brief_search_terms` lists the indexed words, to spell out longer
    // prefixes (see `search::expanded_query`).
    "CREATE VIRTUAL TABLE brief_search_v4 USING fts5(
        headline, body, tags,
        tokenize = 'unicode61 remove_diacritics 2',
        prefix = '1 2 3 4 5 6'
    );
    INSERT INTO brief_search_v4 (rowid, headline, body, tags)
    SELECT rowid, headline, body, tags FROM brief_search;
    DROP TABLE brief_search;
    ALTER TABLE brief_search_v4 RENAME TO brief_search;
    CREATE VIRTUAL TABLE brief_search_terms USING fts5vocab(brief_search, 'row');",
    // 5: the desk (desk.rs). `desk_link` names the one desk this library
    // syncs with and how far its revisions have been pulled (`cursor`, the
    // desk's sequence number). `desk_brief` is a shared brief's standing
    // with the server: the revision its draft was last in step with (the
    // merge base, with its body), the parent of this laptop's next
    // revision, its own revisions the server holds as conflicts, and the
    // server's state as pulled. `desk_outbox` holds revisions not yet
    // acknowledged, written in the same transaction as the save they
    // publish. `desk_revision` keeps every revision pulled.
    "CREATE TABLE desk_link (
        singleton  INTEGER PRIMARY KEY NOT NULL CHECK (singleton = 1),
        server     TEXT NOT NULL,
        desk       TEXT NOT NULL,
        cursor     INTEGER NOT NULL DEFAULT 0,
        share_new  INTEGER NOT NULL DEFAULT 1
    ) STRICT;
    CREATE TABLE desk_brief (
        brief_id       TEXT PRIMARY KEY NOT NULL REFERENCES brief (id) ON DELETE CASCADE,
        base_id        TEXT,
        base_body      TEXT,
        last_pushed    TEXT,
        pending        TEXT NOT NULL DEFAULT '[]',
        head_id        TEXT,
        head_version   INTEGER,
        author         TEXT,
        state          TEXT,
        note           TEXT,
        open_conflicts INTEGER NOT NULL DEFAULT 0,
        conflicts      TEXT,
        conflict_head  TEXT,
        refused        INTEGER NOT NULL DEFAULT 0
    ) STRICT;
    CREATE TABLE desk_outbox (
        seq         INTEGER PRIMARY KEY AUTOINCREMENT,
        brief_id    TEXT NOT NULL REFERENCES brief (id) ON DELETE CASCADE,
        revision_id TEXT NOT NULL UNIQUE,
        parent_id   TEXT,
        kind        TEXT NOT NULL CHECK (kind IN ('save', 'version', 'merge', 'state')),
        label       TEXT,
        merged      TEXT NOT NULL DEFAULT '[]',
        body        TEXT,
        state       TEXT,
        created_at  INTEGER NOT NULL,
        attempted   INTEGER NOT NULL DEFAULT 0
    ) STRICT;
    CREATE INDEX desk_outbox_by_brief ON desk_outbox (brief_id, seq);
    CREATE TABLE desk_revision (
        id         TEXT PRIMARY KEY NOT NULL,
        brief_id   TEXT NOT NULL,
        seq        INTEGER NOT NULL UNIQUE,
        parent_id  TEXT,
        merged     TEXT NOT NULL,
        kind       TEXT NOT NULL,
        label      TEXT,
        version    INTEGER,
        author     TEXT NOT NULL,
        state      TEXT,
        note       TEXT,
        body       TEXT,
        created_at INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX desk_revision_by_brief ON desk_revision (brief_id, seq);",
    // 6: the Trash travels with the desk: the outbox takes `delete` and
    // `restore` revisions. (SQLite cannot widen a CHECK in place, so the
    // table is copied; its rows keep their order.) `desk_link.role` is the
    // person's role on the desk as the server last said it, so a brief an
    // editor approved is shown locked to a reporter.
    "ALTER TABLE desk_link ADD COLUMN role TEXT;
    CREATE TABLE desk_outbox_v6 (
        seq         INTEGER PRIMARY KEY AUTOINCREMENT,
        brief_id    TEXT NOT NULL REFERENCES brief (id) ON DELETE CASCADE,
        revision_id TEXT NOT NULL UNIQUE,
        parent_id   TEXT,
        kind        TEXT NOT NULL CHECK (kind IN ('save', 'version', 'merge', 'state', 'delete', 'restore')),
        label       TEXT,
        merged      TEXT NOT NULL DEFAULT '[]',
        body        TEXT,
        state       TEXT,
        created_at  INTEGER NOT NULL,
        attempted   INTEGER NOT NULL DEFAULT 0
    ) STRICT;
    INSERT INTO desk_outbox_v6 SELECT * FROM desk_outbox;
    DROP TABLE desk_outbox;
    ALTER TABLE desk_outbox_v6 RENAME TO desk_outbox;
    CREATE INDEX desk_outbox_by_brief ON desk_outbox (brief_id, seq);",
];

/// The schema version this build writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// Brings the database at `path` up to [`SCHEMA_VERSION`].
pub(crate) fn migrate(conn: &mut Connection, path: &Path) -> Result<(), StoreError> {
    migrate_with(conn, path, MIGRATIONS)
}

fn migrate_with(conn: &mut Connection, path: &Path, migrations: &[&str]) -> Result<(), StoreError> {
    let supported = migrations.len() as i64;
    let found: i64 = conn.pragma_query_value(None, "user_version", |row| row.get(0))?;
    let application_id: i64 = conn.pragma_query_value(None, "application_id", |row| row.get(0))?;
    // Before anything is written, even a backup beside it: a file is ours
    // if it says so, or if it is new and empty, or (without the mark, as
    // no released Briefdesk wrote) if its tables are exactly a schema
    // Briefdesk wrote at the version it claims.
    let ours = match application_id {
        APPLICATION_ID => true,
        0 if found == 0 => !has_tables(conn)?,
        0 => found <= supported && tables(conn)? == schema_at(migrations, found)?,
        _ => false,
    };
    if !ours {
        return Err(StoreError::ForeignDatabase { path: path.to_owned() });
    }
    if found > supported {
        return Err(StoreError::NewerSchema { path: path.to_owned(), found, supported });
    }
    if found == supported {
        return Ok(());
    }
    if found > 0 {
        backup(conn, &backup_path(path, found))?;
    }
    let tx = conn.transaction()?;
    for (index, sql) in migrations.iter().enumerate().skip(found as usize) {
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", index as i64 + 1)?;
    }
    tx.pragma_update(None, "application_id", APPLICATION_ID)?;
    tx.commit()?;
    Ok(())
}

/// The schema's objects (type and name), SQLite's own aside.
fn tables(conn: &Connection) -> Result<Vec<(String, String)>, StoreError> {
    let mut stmt = conn
        .prepare("SELECT type, name FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name")?;
    let rows = stmt.query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The objects Briefdesk's schema had at `version`: the migrations up to it,
/// run on an empty database in memory.
fn schema_at(migrations: &[&str], version: i64) -> Result<Vec<(String, String)>, StoreError> {
    let conn = Connection::open_in_memory()?;
    for sql in migrations.iter().take(version.max(0) as usize) {
        conn.execute_batch(sql)?;
    }
    tables(&conn)
}

fn has_tables(conn: &Connection) -> Result<bool, StoreError> {
    let count: i64 = conn.query_row("SELECT count(*) FROM sqlite_schema", [], |row| row.get(0))?;
    Ok(count > 0)
}

/// `briefdesk.sqlite3` → `briefdesk.sqlite3.v1.bak`: the copy taken before
/// migrating away from schema version 1.
fn backup_path(path: &Path, version: i64) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(format!(".v{version}.bak"));
    PathBuf::from(name)
}

fn backup(conn: &Connection, to: &Path) -> Result<(), StoreError> {
    // VACUUM INTO refuses to overwrite; an older backup of the same version
    // is already the copy we want, if it is whole.
    if to.exists() && verified(to).is_ok() {
        return Ok(());
    }
    if to.exists() {
        std::fs::remove_file(to).map_err(|source| StoreError::Write { path: to.to_owned(), source })?;
    }
    conn.execute("VACUUM INTO ?1", [to.to_string_lossy()])?;
    // A migration starts only from a backup that reads back whole.
    verified(to)
}

/// Whether the database at `path` passes SQLite's integrity check.
fn verified(path: &Path) -> Result<(), StoreError> {
    let conn = Connection::open_with_flags(path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    let answer: String = conn.query_row("PRAGMA integrity_check", [], |row| row.get(0))?;
    if answer != "ok" {
        return Err(StoreError::Damaged(format!("the backup {} failed its check: {answer}", path.display())));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn version(conn: &Connection) -> i64 {
        conn.pragma_query_value(None, "user_version", |row| row.get(0)).unwrap()
    }

    #[test]
    fn an_empty_file_is_migrated_to_the_latest_version() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("new.sqlite3");
        let mut conn = Connection::open(&path).unwrap();
        migrate(&mut conn, &path).unwrap();
        assert_eq!(version(&conn), SCHEMA_VERSION);
        let count: i64 = conn.query_row("SELECT count(*) FROM brief", [], |r| r.get(0)).unwrap();
        assert_eq!(count, 0);
        // Running again is a no-op.
        migrate(&mut conn, &path).unwrap();
        assert_eq!(version(&conn), SCHEMA_VERSION);
    }

    #[test]
    fn an_older_file_is_backed_up_then_migrated_forward() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("old.sqlite3");
        let mut conn = Connection::open(&path).unwrap();
        let v1 = ["CREATE TABLE note (body TEXT NOT NULL)"];
        migrate_with(&mut conn, &path, &v1).unwrap();
        conn.execute("INSERT INTO note VALUES ('kept')", []).unwrap();

        let v2 = [v1[0], "ALTER TABLE note ADD COLUMN pinned INTEGER NOT NULL DEFAULT 0"];
        migrate_with(&mut conn, &path, &v2).unwrap();
        assert_eq!(version(&conn), 2);
        let row: (String, i64) =
            conn.query_row("SELECT body, pinned FROM note", [], |r| Ok((r.get(0)?, r.get(1)?))).unwrap();
        assert_eq!(row, ("kept".to_string(), 0));

        let backup = Connection::open(backup_path(&path, 1)).unwrap();
        assert_eq!(version(&backup), 1);
        let body: String = backup.query_row("SELECT body FROM note", [], |r| r.get(0)).unwrap();
        assert_eq!(body, "kept");
    }

    #[test]
    fn a_version_1_database_with_briefs_gains_history_and_keeps_its_briefs() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("v1.sqlite3");
        let mut conn = Connection::open(&path).unwrap();
        migrate_with(&mut conn, &path, &MIGRATIONS[..1]).unwrap();
        conn.execute(
            "INSERT INTO brief VALUES ('019b8d7d-f1c0-7a2a-aa2a-2a2a2a2a2a2a', 'draft', 1, 2, 3, 'Kept', '[]', '{\"headline\":\"Kept\"}')",
            [],
        )
        .unwrap();
        migrate(&mut conn, &path).unwrap();
        assert_eq!(version(&conn), SCHEMA_VERSION);
        let headline: String = conn.query_row("SELECT headline FROM brief", [], |r| r.get(0)).unwrap();
        assert_eq!(headline, "Kept");
        let versions: i64 = conn.query_row("SELECT count(*) FROM version", [], |r| r.get(0)).unwrap();
        assert_eq!(versions, 0);
        assert_eq!(version(&Connection::open(backup_path(&path, 1)).unwrap()), 1);
    }

    #[test]
    fn a_version_5_outbox_keeps_its_waiting_revisions_in_order_and_takes_a_delete() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("v5.sqlite3");
        let mut conn = Connection::open(&path).unwrap();
        migrate_with(&mut conn, &path, &MIGRATIONS[..5]).unwrap();
        conn.execute_batch(
            "INSERT INTO brief (id, status, revision, created_at, updated_at, headline, tags, content)
             VALUES ('019b8d7d-f1c0-7a2a-aa2a-2a2a2a2a2a2a', 'draft', 1, 2, 3, 'Kept', '[]', '{}');
             INSERT INTO desk_outbox (brief_id, revision_id, kind, body, created_at) VALUES
               ('019b8d7d-f1c0-7a2a-aa2a-2a2a2a2a2a2a', 'r1', 'save', '{}', 1),
               ('019b8d7d-f1c0-7a2a-aa2a-2a2a2a2a2a2a', 'r2', 'state', NULL, 2);",
        )
        .unwrap();
        migrate(&mut conn, &path).unwrap();
        let waiting: Vec<(i64, String)> = conn
            .prepare("SELECT seq, revision_id FROM desk_outbox ORDER BY seq")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(waiting, [(1, "r1".to_owned()), (2, "r2".to_owned())]);
        conn.execute(
            "INSERT INTO desk_outbox (brief_id, revision_id, kind, created_at)
             VALUES ('019b8d7d-f1c0-7a2a-aa2a-2a2a2a2a2a2a', 'r3', 'delete', 3)",
            [],
        )
        .unwrap();
        let last: i64 = conn.query_row("SELECT max(seq) FROM desk_outbox", [], |r| r.get(0)).unwrap();
        assert_eq!(last, 3, "a new revision goes after the waiting ones");
    }

    #[test]
    fn a_version_2_database_gets_its_briefs_indexed_for_search() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("v2.sqlite3");
        let mut conn = Connection::open(&path).unwrap();
        migrate_with(&mut conn, &path, &MIGRATIONS[..2]).unwrap();
        let content = r#"{"headline":"Kept","summary":"A zeitgeist summary","key_developments":["fish farming"],"report":[{"heading":"Rents","body":"Landlords"}],"context":"","why_it_matters":"","byline":null,"tags":["asia"]}"#;
        conn.execute(
            "INSERT INTO brief VALUES ('019b8d7d-f1c0-7a2a-aa2a-2a2a2a2a2a2a', 'draft', 1, 2, 3, 'Kept', '[\"asia\"]', ?1)",
            [content],
        )
        .unwrap();
        migrate(&mut conn, &path).unwrap();
        let count = |query: &str| -> i64 {
            conn.query_row("SELECT count(*) FROM brief_search WHERE brief_search MATCH ?1", [query], |r| {
                r.get(0)
            })
            .unwrap()
        };
        assert_eq!(
            (count("zeitgeist"), count("farming"), count("landlords"), count("asia"), count("kept")),
            (1, 1, 1, 1, 1)
        );
        let pending: i64 = conn
            .query_row("SELECT count(*) FROM brief WHERE indexed_revision IS NOT revision", [], |r| r.get(0))
            .unwrap();
        assert_eq!(pending, 0);
    }

    #[test]
    fn a_failing_migration_leaves_the_file_as_it_was() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f.sqlite3");
        let mut conn = Connection::open(&path).unwrap();
        migrate_with(&mut conn, &path, &["CREATE TABLE a (x)"]).unwrap();
        let broken = ["CREATE TABLE a (x)", "CREATE TABLE b (y); THIS IS NOT SQL"];
        assert!(migrate_with(&mut conn, &path, &broken).is_err());
        assert_eq!(version(&conn), 1);
        let b: i64 =
            conn.query_row("SELECT count(*) FROM sqlite_schema WHERE name = 'b'", [], |r| r.get(0)).unwrap();
        assert_eq!(b, 0);
    }

    #[test]
    fn an_unmarked_file_with_exactly_an_old_briefdesk_schema_is_migrated() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("unmarked.sqlite3");
        let mut conn = Connection::open(&path).unwrap();
        conn.execute_batch(MIGRATIONS[0]).unwrap();
        conn.pragma_update(None, "user_version", 1).unwrap();
        migrate(&mut conn, &path).unwrap();
        assert_eq!(version(&conn), SCHEMA_VERSION);
        // One table more than Briefdesk's version 1 had: not ours.
        let other = dir.path().join("other.sqlite3");
        let mut conn = Connection::open(&other).unwrap();
        conn.execute_batch(MIGRATIONS[0]).unwrap();
        conn.execute_batch("CREATE TABLE extra (x)").unwrap();
        conn.pragma_update(None, "user_version", 1).unwrap();
        assert_eq!(migrate(&mut conn, &other).unwrap_err().code(), "not_a_briefdesk_database");
    }

    #[test]
    fn a_damaged_backup_is_made_again_and_checked_before_migrating() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("old.sqlite3");
        let mut conn = Connection::open(&path).unwrap();
        migrate_with(&mut conn, &path, &MIGRATIONS[..1]).unwrap();
        std::fs::write(backup_path(&path, 1), b"not a database at all").unwrap();
        migrate(&mut conn, &path).unwrap();
        assert!(verified(&backup_path(&path, 1)).is_ok());
        assert_eq!(version(&Connection::open(backup_path(&path, 1)).unwrap()), 1);
    }

    #[test]
    fn a_newer_file_is_refused_untouched() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("newer.sqlite3");
        let mut conn = Connection::open(&path).unwrap();
        conn.pragma_update(None, "application_id", APPLICATION_ID).unwrap();
        conn.pragma_update(None, "user_version", SCHEMA_VERSION + 1).unwrap();
        let err = migrate(&mut conn, &path).unwrap_err();
        assert_eq!(err.code(), "newer_database");
        assert!(err.to_string().contains("newer version of Briefdesk"), "{err}");
        assert_eq!(version(&conn), SCHEMA_VERSION + 1);
    }

    #[test]
    fn another_programs_database_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("other.sqlite3");
        let mut conn = Connection::open(&path).unwrap();
        conn.execute_batch("CREATE TABLE accounts (id INTEGER)").unwrap();
        let err = migrate(&mut conn, &path).unwrap_err();
        assert_eq!(err.code(), "not_a_briefdesk_database");
        let tables: i64 = conn.query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get(0)).unwrap();
        assert_eq!(tables, 1);
    }
}
