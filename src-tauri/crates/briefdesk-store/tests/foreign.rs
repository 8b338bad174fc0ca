//! Another program's SQLite file is never touched: refused before anything
//! is written to it or beside it, whatever its `user_version` says.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeSet;
use std::path::Path;

use briefdesk_store::Store;
use rusqlite::Connection;

fn listing(dir: &Path) -> BTreeSet<String> {
    std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect()
}

fn sha256(path: &Path) -> String {
    let out = std::process::Command::new("sha256sum").arg(path).output().unwrap();
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap().split_whitespace().next().unwrap().to_owned()
}

#[test]
fn another_programs_database_is_refused_unchanged_whatever_its_version() {
    // (what, application_id, user_version, tables)
    let cases: [(&str, i64, i64, &str); 8] = [
        ("an app's table at version 1", 0, 1, "CREATE TABLE accounts (id INTEGER)"),
        ("an app's table at version 2", 0, 2, "CREATE TABLE notes (body TEXT)"),
        ("an app's table at version 3", 0, 3, "CREATE TABLE brief (x)"),
        ("an app's table at version 4, our current one", 0, 4, "CREATE TABLE cache (k, v)"),
        ("version 5, as if newer than us", 0, 5, "CREATE TABLE t (x)"),
        ("a table named like ours at version 0", 0, 0, "CREATE TABLE brief (id TEXT)"),
        ("another application's id", 0x1234, 4, "CREATE TABLE t (x)"),
        ("another application's id and no tables", 0x1234, 0, ""),
    ];
    for (what, application_id, user_version, tables) in cases {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("other.sqlite3");
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch(tables).unwrap();
        conn.pragma_update(None, "application_id", application_id).unwrap();
        conn.pragma_update(None, "user_version", user_version).unwrap();
        drop(conn);
        let (before, files) = (sha256(&path), listing(dir.path()));

        let error = Store::open(&path).unwrap_err();
        assert_eq!(error.code(), "not_a_briefdesk_database", "{what}: {error}");
        assert!(!error.to_string().contains("newer version"), "{what}: {error}");
        assert_eq!(sha256(&path), before, "{what}: the file changed");
        assert_eq!(listing(dir.path()), files, "{what}: something was written beside it");
    }
}

#[test]
fn a_new_empty_file_and_a_briefdesk_file_are_accepted() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.sqlite3");
    std::fs::write(&empty, b"").unwrap();
    Store::open(&empty).unwrap().create().unwrap();
    let mut store = Store::open(&empty).unwrap();
    assert_eq!(store.list().unwrap().len(), 1);
    store.create().unwrap();
}
