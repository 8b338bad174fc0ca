//! A damaged version row never blocks the brief: saves go on, history
//! lists the damage, every other version reads, and nothing panics.
//! Also: the state before a large change is always in history, and the
//! store syncs every commit.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;

use briefdesk_core::{BriefContent, BriefId, Status};
use briefdesk_store::{Store, BEFORE_LARGE_CHANGE};
use rusqlite::Connection;

fn content(summary: &str) -> BriefContent {
    BriefContent { headline: "Lee meets Xi".into(), summary: summary.into(), ..Default::default() }
}

/// A brief with five named versions (1 whole, 2-5 deltas on it).
fn brief_with_history(path: &Path) -> (Store, BriefId, u32) {
    let mut store = Store::open(path).unwrap();
    let id = store.create().unwrap().id;
    let mut revision = 1;
    for n in 1..=5 {
        revision = store
            .save_draft(id, revision, &content(&format!("Version {n} of the summary.")))
            .unwrap()
            .revision;
        store.save_version(id, Some(&format!("v{n}"))).unwrap();
    }
    (store, id, revision)
}

/// Each way a row can be damaged, as SQL run against the raw file.
const DAMAGE: &[(&str, &str)] = &[
    ("a bad zstd frame", "UPDATE version SET data = x'28b52ffd0000deadbeef' WHERE number = 3"),
    ("a missing base", "UPDATE version SET base = 99 WHERE number = 3"),
    ("a delta cycle", "UPDATE version SET base = 4 WHERE number = 3"),
    ("an impossible size", "UPDATE version SET size = 4611686018427387904 WHERE number = 3"),
    ("a negative size", "UPDATE version SET size = -1 WHERE number = 3"),
    ("a wrong size", "UPDATE version SET size = size + 7 WHERE number = 3"),
    ("a bad time", "UPDATE version SET created_at = 9223372036854775807 WHERE number = 3"),
    ("a bad status", "UPDATE version SET status = 'lost' WHERE number = 3"),
];

#[test]
fn a_damaged_version_is_listed_as_damaged_and_never_blocks_a_save() {
    assert!(DAMAGE.len() >= 8);
    for (what, sql) in DAMAGE {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("d.sqlite3");
        let (store, id, revision) = brief_with_history(&path);
        drop(store);
        Connection::open(&path).unwrap().execute_batch(sql).unwrap();

        // A new process: nothing cached.
        let mut store = Store::open(&path).unwrap();
        let history = store.history(id).unwrap();
        assert_eq!(history.len(), 5, "{what}: every version is listed");
        let damaged: Vec<u32> = history.iter().filter(|v| v.damaged.is_some()).map(|v| v.version).collect();
        // Versions 4 and 5 are deltas on 3 when its text is what is broken.
        assert!(damaged.contains(&3), "{what}: {history:?}");
        assert!(!damaged.contains(&1) && !damaged.contains(&2), "{what}: {damaged:?}");
        assert_eq!(store.version(id, 1).unwrap().content, content("Version 1 of the summary."), "{what}");
        let error = store.version(id, 3).unwrap_err();
        assert_eq!(error.code(), "damaged_version", "{what}: {error}");
        assert!(error.to_string().contains("version 3"), "{what}: {error}");
        assert_eq!(store.compare(id, Some(3), None).unwrap_err().code(), "damaged_version", "{what}");
        assert_eq!(store.restore(id, 3, None).unwrap_err().code(), "damaged_version", "{what}");

        // Saves go on, and record versions that read back.
        let mut revision = revision;
        for n in 0..3 {
            let words = format!("A new summary {n} {}", "with many more words ".repeat(20));
            revision = store.save_draft(id, revision, &content(&words)).unwrap().revision;
        }
        let version = store.save_version(id, Some("after")).unwrap();
        assert_eq!(
            store.version(id, version.version).unwrap().info.label.as_deref(),
            Some("after"),
            "{what}"
        );
        let latest = store.history(id).unwrap();
        assert!(latest.last().unwrap().damaged.is_none(), "{what}: {latest:?}");
        assert_eq!(store.get(id).unwrap().revision, revision);
        store.set_status(id, revision, Status::Ready).unwrap();
    }
}

#[test]
fn a_save_after_a_large_removal_keeps_the_state_before_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("l.sqlite3")).unwrap();
    let long = content(&"Seoul and Beijing agreed on fisheries. ".repeat(20));
    let id = store.import(&[(long.clone(), Status::Draft)]).unwrap()[0].id;
    // A few words typed since the import version: in no version yet.
    let typed = BriefContent { context: "A late paragraph nobody versioned.".into(), ..long.clone() };
    let revision = store.replace_draft(id, &typed).unwrap().revision;
    assert_eq!(store.history(id).unwrap().len(), 1);

    // New wire copy replaces it all.
    let wire = content("Short new copy.");
    store.save_draft(id, revision, &wire).unwrap();
    let history = store.history(id).unwrap();
    let labels: Vec<Option<&str>> = history.iter().map(|v| v.label.as_deref()).collect();
    assert_eq!(labels, [None, Some(BEFORE_LARGE_CHANGE), None], "{history:?}");
    assert_eq!(store.version(id, 2).unwrap().content, typed, "the words before the change are kept");
    assert_eq!(store.version(id, 3).unwrap().content, wire);

    // A small removal records no such version.
    let revision = store.get(id).unwrap().revision;
    store.save_draft(id, revision, &content("Short copy.")).unwrap();
    assert_eq!(store.history(id).unwrap().len(), 3);
}

#[test]
fn every_commit_is_synced_to_disk() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.sqlite3");
    let store = Store::open(&path).unwrap();
    // 2 = FULL: the WAL is synced at each commit, so "Saved" survives a power cut.
    assert_eq!(store.synchronous().unwrap(), 2);
    assert_eq!(store.journal_mode().unwrap(), "wal");
}
