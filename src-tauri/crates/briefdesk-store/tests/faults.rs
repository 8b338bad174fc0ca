//! Faults a journalist's machine really has: a read-only file, a database
//! another process holds locked, a full disk, a damaged file, a folder that
//! cannot be written. Each gets a clear error with a stable code, and the
//! file on disk is left exactly as it was.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::{BufRead, BufReader};
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use briefdesk_core::BriefContent;
use briefdesk_store::Store;

fn sample() -> BriefContent {
    serde_json::from_str(include_str!("../../briefdesk-core/testdata/korea-china-visit.content.json"))
        .unwrap()
}

/// A database holding the sample, closed again.
fn saved_library(dir: &Path) -> PathBuf {
    let path = dir.join("briefs.sqlite3");
    let mut store = Store::open(&path).unwrap();
    store.import(&[(sample(), briefdesk_core::Status::Draft)]).unwrap();
    path
}

/// Makes `path` impossible to write, even for root (who ignores
/// permission bits, as CI runs): `chattr +i`. Undone on drop.
struct Unwritable(PathBuf);

impl Unwritable {
    fn new(path: &Path) -> Unwritable {
        let mode = if path.is_dir() { 0o555 } else { 0o444 };
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
        let probe = if path.is_dir() {
            std::fs::write(path.join(".probe"), b"").is_ok()
        } else {
            std::fs::OpenOptions::new().append(true).open(path).is_ok()
        };
        if probe {
            let _ = std::fs::remove_file(path.join(".probe"));
            let status = Command::new("chattr").arg("+i").arg(path).status().unwrap();
            assert!(
                status.success(),
                "chattr +i {} failed: root needs it to make a file read-only",
                path.display()
            );
        }
        Unwritable(path.to_owned())
    }
}

impl Drop for Unwritable {
    fn drop(&mut self) {
        let _ = Command::new("chattr").arg("-i").arg(&self.0).status();
        let mode = if self.0.is_dir() { 0o755 } else { 0o644 };
        let _ = std::fs::set_permissions(&self.0, std::fs::Permissions::from_mode(mode));
    }
}

#[test]
fn a_read_only_database_is_refused_with_its_path_and_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let path = saved_library(dir.path());
    let before = std::fs::read(&path).unwrap();
    let guard = Unwritable::new(&path);
    let err = Store::open(&path).unwrap_err();
    assert_eq!(err.code(), "read_only", "{err}");
    let message = err.to_string();
    assert!(message.contains(&path.display().to_string()) && message.contains("read-only"), "{message}");
    drop(guard);
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn a_database_locked_by_another_process_is_reported_and_nothing_is_lost() {
    let dir = tempfile::tempdir().unwrap();
    let path = saved_library(dir.path());
    let mut store = Store::open(&path).unwrap();
    let brief = store.list().unwrap()[0].clone();

    let mut peer = Command::new(env!("CARGO_BIN_EXE_briefdesk-store-peer"))
        .arg("locks")
        .arg(&path)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(peer.stdout.take().unwrap()).read_line(&mut line).unwrap();
    assert_eq!(line.trim(), "locked");

    let edited = BriefContent { headline: "Edited while locked".into(), ..sample() };
    let err = store.save_draft(brief.id, brief.revision, &edited).unwrap_err();
    assert_eq!(err.code(), "locked", "{err}");
    assert!(err.to_string().contains("in use by another program"), "{err}");

    drop(peer.stdin.take()); // the other process lets go
    peer.wait().unwrap();
    assert_eq!(store.get(brief.id).unwrap().content, sample(), "the failed save changed nothing");
    let saved = store.save_draft(brief.id, brief.revision, &edited).unwrap();
    assert_eq!(saved.revision, brief.revision + 1, "the same save works once the lock is gone");
}

#[test]
fn a_full_disk_fails_the_save_and_keeps_what_was_saved() {
    let dir = tempfile::tempdir().unwrap();
    let path = saved_library(dir.path());
    let mut store = Store::open(&path).unwrap();
    let brief = store.list().unwrap()[0].clone();
    let pages: u32 =
        rusqlite::Connection::open(&path).unwrap().query_row("PRAGMA page_count", [], |r| r.get(0)).unwrap();
    store.limit_pages(pages).unwrap();

    let huge = BriefContent { summary: "word ".repeat(200_000), ..sample() };
    let err = store.save_draft(brief.id, brief.revision, &huge).unwrap_err();
    assert_eq!(err.code(), "disk_full", "{err}");
    assert!(err.to_string().contains("everything saved before it is safe"), "{err}");
    let kept = store.get(brief.id).unwrap();
    assert_eq!((kept.revision, kept.content), (brief.revision, sample()));

    store.limit_pages(u32::MAX).unwrap();
    store.save_draft(brief.id, brief.revision, &huge).unwrap();
}

#[test]
fn a_truncated_database_is_reported_as_damaged_and_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.sqlite3");
    let mut store = Store::open(&path).unwrap();
    let many: Vec<_> = (0..200)
        .map(|i| (BriefContent { headline: format!("Brief {i}"), ..sample() }, briefdesk_core::Status::Draft))
        .collect();
    store.import(&many).unwrap();
    drop(store);
    let whole = std::fs::read(&path).unwrap();
    let truncated = &whole[..whole.len() / 2];
    std::fs::write(&path, truncated).unwrap();

    let err = Store::open(&path).and_then(|store| {
        store.list()?;
        for summary in store.list()? {
            store.get(summary.id)?;
        }
        Ok(())
    });
    let err = err.expect_err("half a database must not read as whole");
    assert_eq!(err.code(), "damaged", "{err}");
    assert!(err.to_string().contains("damaged"), "{err}");
    assert_eq!(std::fs::read(&path).unwrap(), truncated);
}

#[test]
fn random_bytes_are_reported_as_damaged_and_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("r.sqlite3");
    let mut noise = Vec::with_capacity(64 * 1024);
    let mut x: u32 = 0x1234_5678;
    for _ in 0..64 * 1024 {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        noise.push(x as u8);
    }
    std::fs::write(&path, &noise).unwrap();
    let err = Store::open(&path).unwrap_err();
    assert_eq!(err.code(), "damaged", "{err}");
    assert!(err.to_string().contains(&path.display().to_string()), "{err}");
    assert_eq!(std::fs::read(&path).unwrap(), noise);
}

#[test]
fn a_missing_data_folder_is_created_and_an_unwritable_one_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let nested = dir.path().join("not/yet/there/briefs.sqlite3");
    Store::open(&nested).unwrap();
    assert!(nested.is_file());

    let locked_dir = dir.path().join("locked");
    std::fs::create_dir(&locked_dir).unwrap();
    let guard = Unwritable::new(&locked_dir);
    for path in [locked_dir.join("briefs.sqlite3"), locked_dir.join("sub/briefs.sqlite3")] {
        let err = Store::open(&path).unwrap_err();
        assert_eq!(err.code(), "cannot_open", "{err}");
        assert!(err.to_string().contains(&locked_dir.display().to_string()), "{err}");
    }
    drop(guard);
    assert_eq!(std::fs::read_dir(&locked_dir).unwrap().count(), 0, "nothing was left behind");
}
