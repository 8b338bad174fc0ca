//! The real `briefdesk-cli` binary against real database files.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;
use std::process::{Command, Output};

use briefdesk_core::BriefContent;
use briefdesk_store::Store;

fn cli(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_briefdesk-cli"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("BRIEFDESK_DB")
        .output()
        .unwrap()
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).unwrap()
}

fn sample() -> BriefContent {
    serde_json::from_str(include_str!("../../briefdesk-core/testdata/korea-china-visit.content.json"))
        .unwrap()
}

/// A database with the sample brief and an untitled one; returns the sample's id.
fn seeded(dir: &Path) -> (std::path::PathBuf, String) {
    let db = dir.join("briefs.sqlite3");
    let mut store = Store::open(&db).unwrap();
    let id = store.create().unwrap().id;
    store.save_draft(id, 1, &sample()).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(5));
    store.create().unwrap();
    (db, id.to_string())
}

#[test]
fn list_prints_one_line_per_brief_newest_first() {
    let dir = tempfile::tempdir().unwrap();
    let (db, id) = seeded(dir.path());
    let out = cli(&db, &["list"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 2, "{text}");
    assert!(lines[0].ends_with("(untitled)"), "{text}");
    assert!(
        lines[1].starts_with(&id) && lines[1].contains("draft") && lines[1].ends_with(&sample().headline),
        "{text}"
    );
}

#[test]
fn list_json_is_an_array_of_briefs_with_ids() {
    let dir = tempfile::tempdir().unwrap();
    let (db, id) = seeded(dir.path());
    let out = cli(&db, &["list", "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let briefs = json.as_array().unwrap();
    assert_eq!(briefs.len(), 2);
    assert_eq!(briefs[1]["id"], id.as_str());
    assert_eq!(briefs[1]["headline"], sample().headline.as_str());
    assert_eq!(briefs[1]["status"], "draft");
}

#[test]
fn export_markdown_to_stdout_and_to_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let (db, id) = seeded(dir.path());
    let out = cli(&db, &["export", &id, "--to", "markdown"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let markdown = stdout(&out);
    assert!(markdown.starts_with(&format!("---\nid: {id}\n")), "{markdown}");
    assert!(markdown.contains(&format!("# {}\n", sample().headline)));
    assert!(markdown.contains("### Maritime Tensions\n"));

    let file = dir.path().join("brief.md");
    let out = cli(&db, &["export", &id, "--to", "markdown", "-o", file.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), markdown);
    assert!(stdout(&out).is_empty());
}

#[test]
fn export_json_reads_back_as_the_stored_brief() {
    let dir = tempfile::tempdir().unwrap();
    let (db, id) = seeded(dir.path());
    let out = cli(&db, &["export", &id, "--to", "json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let brief: briefdesk_core::Brief = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(brief.content, sample());
}

#[test]
fn a_malformed_id_is_unusable_input_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let (db, _) = seeded(dir.path());
    let out = cli(&db, &["export", "not-an-id", "--to", "markdown"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("\"not-an-id\" is not a brief id"), "{}", stderr(&out));
    assert!(stdout(&out).is_empty());
}

#[test]
fn an_unknown_brief_fails_with_exit_1_and_writes_no_file() {
    let dir = tempfile::tempdir().unwrap();
    let (db, _) = seeded(dir.path());
    let file = dir.path().join("out.md");
    std::fs::write(&file, "keep me").unwrap();
    let missing = "01900000-0000-7000-8000-000000000000";
    let out = cli(&db, &["export", missing, "--to", "markdown", "-o", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains(&format!("no brief with id {missing}")), "{}", stderr(&out));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "keep me");
}

#[test]
fn a_missing_database_is_reported_and_not_created() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("nope.sqlite3");
    let out = cli(&db, &["list"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("there is no Briefdesk database at"), "{}", stderr(&out));
    assert!(!db.exists());
}

#[test]
fn an_unknown_format_is_a_usage_error_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let (db, id) = seeded(dir.path());
    let out = cli(&db, &["export", &id, "--to", "docx"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("docx"), "{}", stderr(&out));
}

#[test]
fn the_database_can_come_from_the_environment() {
    let dir = tempfile::tempdir().unwrap();
    let (db, id) = seeded(dir.path());
    let out = Command::new(env!("CARGO_BIN_EXE_briefdesk-cli"))
        .args(["list", "--json"])
        .env("BRIEFDESK_DB", &db)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains(&id));
}
