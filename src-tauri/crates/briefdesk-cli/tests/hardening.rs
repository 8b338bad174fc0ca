//! Through the real binary: the state before a large change is kept as a
//! version, and a damaged version row never panics or aborts a command.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;
use std::process::{Command, Output};

const SAMPLE_TXT: &str =
    concat!(env!("CARGO_MANIFEST_DIR"), "/../briefdesk-core/testdata/korea-china-visit.txt");

fn cli(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_briefdesk-cli"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("BRIEFDESK_DB")
        .output()
        .unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn new_wire_copy_over_unversioned_words_keeps_them_as_a_version() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("w.sqlite3");
    let id = text(&cli(&db, &["import", SAMPLE_TXT]).stdout).trim().to_string();
    // A late sentence, in no version yet (a few words, within minutes).
    let sample = std::fs::read_to_string(SAMPLE_TXT).unwrap();
    let edited = dir.path().join("edited.txt");
    std::fs::write(&edited, format!("{}\nA late sentence from the desk.\n", sample.trim_end())).unwrap();
    assert!(cli(&db, &["update", &id, edited.to_str().unwrap()]).status.success());
    let wire = dir.path().join("wire.md");
    std::fs::write(&wire, "# Lee lands in Beijing\n\nShort new wire copy.\n").unwrap();
    let out = cli(&db, &["update", &id, wire.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out.stderr));

    let history: serde_json::Value =
        serde_json::from_str(&text(&cli(&db, &["history", &id, "--json"]).stdout)).unwrap();
    let labels: Vec<Option<&str>> = history.as_array().unwrap().iter().map(|v| v["label"].as_str()).collect();
    assert_eq!(labels, [None, Some("Before a large change"), None], "{history}");
    let before = text(&cli(&db, &["show", &id, "--version", "2", "--to", "text"]).stdout);
    assert!(before.contains("A late sentence from the desk."), "{before}");
}

#[test]
fn a_damaged_version_never_panics_or_aborts_a_command() {
    // Each damage once reached a panic (exit 101: "capacity overflow") or an
    // abort (134: "memory allocation of 2^62 bytes failed").
    let damage = [
        "UPDATE version SET size = 4611686018427387904 WHERE number = 1",
        "UPDATE version SET size = -5 WHERE number = 1",
        "UPDATE version SET data = x'28b52ffd00' WHERE number = 1",
    ];
    for sql in damage {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("d.sqlite3");
        let id = text(&cli(&db, &["import", SAMPLE_TXT]).stdout).trim().to_string();
        rusqlite::Connection::open(&db).unwrap().execute_batch(sql).unwrap();
        let wire = dir.path().join("wire.md");
        std::fs::write(&wire, "# Lee lands in Beijing\n\nShort new wire copy.\n").unwrap();
        for args in [
            vec!["history", id.as_str()],
            vec!["show", &id, "--version", "1"],
            vec!["diff", &id, "1", "current"],
            vec!["restore", &id, "--version", "1"],
            vec!["update", &id, wire.to_str().unwrap()],
            vec!["show", &id, "--version", "2"],
        ] {
            let out = cli(&db, &args);
            let code = out.status.code();
            assert!(matches!(code, Some(0 | 1)), "{sql}: {args:?} exited {code:?}: {}", text(&out.stderr));
            if code == Some(1) {
                assert!(text(&out.stderr).contains("damaged"), "{sql}: {args:?}: {}", text(&out.stderr));
            }
        }
        // The update went through, and the version it recorded reads.
        let shown = text(&cli(&db, &["export", &id, "--to", "text"]).stdout);
        assert!(shown.contains("Short new wire copy."), "{sql}: {shown}");
        let history = text(&cli(&db, &["history", &id]).stdout);
        assert!(history.to_lowercase().contains("damaged"), "{sql}: history says which: {history}");
    }
}
