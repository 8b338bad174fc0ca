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

fn run_cli(args: &[&str], stdin: Option<&[u8]>) -> Output {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_briefdesk-cli"))
        .args(args)
        .env_remove("BRIEFDESK_DB")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    input.write_all(stdin.unwrap_or_default()).unwrap();
    drop(input);
    child.wait_with_output().unwrap()
}

const SAMPLE_TXT: &str =
    concat!(env!("CARGO_MANIFEST_DIR"), "/../briefdesk-core/testdata/korea-china-visit.txt");

#[test]
fn convert_needs_no_database_and_reads_the_sample() {
    let out = run_cli(&["convert", SAMPLE_TXT, "--to", "json"], None);
    assert!(out.status.success(), "{}", stderr(&out));
    let content: BriefContent = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(content, sample());

    let out = run_cli(&["convert", SAMPLE_TXT, "--to", "markdown"], None);
    assert!(stdout(&out).starts_with(&format!("# {}\n\n", sample().headline)), "{}", stdout(&out));

    let out = run_cli(&["convert", SAMPLE_TXT, "--to", "text"], None);
    assert_eq!(stdout(&out), std::fs::read_to_string(SAMPLE_TXT).unwrap().trim_end().to_string() + "\n");
}

#[test]
fn convert_reads_standard_input_and_writes_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("brief.html");
    let text = std::fs::read(SAMPLE_TXT).unwrap();
    let out = run_cli(
        &["convert", "-", "--from", "text", "--to", "html", "-o", file.to_str().unwrap()],
        Some(&text),
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let html = std::fs::read_to_string(&file).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>") && html.contains("<h3>Maritime Tensions</h3>"));
}

#[test]
fn markdown_round_trips_through_the_cli() {
    let dir = tempfile::tempdir().unwrap();
    let (db, id) = seeded(dir.path());
    let md = dir.path().join("brief.md");
    assert!(cli(&db, &["export", &id, "--to", "markdown", "-o", md.to_str().unwrap()]).status.success());
    let from_md = run_cli(&["convert", md.to_str().unwrap(), "--to", "json"], None);
    let exported = cli(&db, &["export", &id, "--to", "json"]);
    assert_eq!(stdout(&from_md), stdout(&exported));
}

#[test]
fn unusable_input_names_the_file_and_line_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let out_file = dir.path().join("out.md");
    std::fs::write(&out_file, "keep me").unwrap();
    let out_arg = out_file.to_str().unwrap();
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("binary.md", b"# H\n\nok\n\x00\x01\x02".to_vec(), "binary.md: line 4: is binary data"),
        ("latin1.txt", b"Headline\nCaf\xe9 society\n".to_vec(), "latin1.txt: line 2: is not UTF-8 text"),
        ("bad.json", b"{\n  \"headline\": [1]\n}".to_vec(), "bad.json: line 2, column"),
        ("big.md", vec![b'a'; 10 * 1024 * 1024 + 1], "big.md: is 10485761 bytes"),
        ("empty.txt", b"\n\n".to_vec(), "empty.txt: is empty"),
    ];
    for (name, bytes, message) in cases {
        let path = dir.path().join(name);
        std::fs::write(&path, &bytes).unwrap();
        let out = run_cli(&["convert", path.to_str().unwrap(), "--to", "markdown", "-o", out_arg], None);
        assert_eq!(out.status.code(), Some(2), "{name}: {}", stderr(&out));
        assert!(stderr(&out).contains(message), "{name}: {}", stderr(&out));
        assert_eq!(stderr(&out).lines().count(), 1, "one line: {}", stderr(&out));
        assert_eq!(std::fs::read_to_string(&out_file).unwrap(), "keep me");
    }
    let out = run_cli(&["convert", "/no/such/file.md", "--to", "json"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("cannot read /no/such/file.md"), "{}", stderr(&out));
}

#[test]
fn import_prints_ids_in_order_and_is_all_or_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("import.sqlite3");
    let md = dir.path().join("second.md");
    std::fs::write(&md, "# Second brief\n\nIts summary.\n").unwrap();
    let bad = dir.path().join("bad.txt");
    std::fs::write(&bad, b"\xff\xfe").unwrap();

    let out = cli(&db, &["import", SAMPLE_TXT, bad.to_str().unwrap(), md.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("bad.txt: line 1"), "{}", stderr(&out));
    assert!(!db.exists(), "a failed import creates nothing");

    let out = cli(&db, &["import", SAMPLE_TXT, md.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let ids: Vec<String> = stdout(&out).lines().map(String::from).collect();
    assert_eq!(ids.len(), 2);
    let first = cli(&db, &["export", &ids[0], "--to", "json"]);
    let brief: briefdesk_core::Brief = serde_json::from_str(&stdout(&first)).unwrap();
    assert_eq!(brief.content, sample());
    let second = cli(&db, &["export", &ids[1], "--to", "text"]);
    assert_eq!(stdout(&second), "Second brief\nIts summary.\n");
}

#[test]
fn export_writes_every_format() {
    let dir = tempfile::tempdir().unwrap();
    let (db, id) = seeded(dir.path());
    for (format, marker) in [
        ("markdown", "## Key Developments\n"),
        ("html", "<section class=\"key-developments\">"),
        ("text", "\nKey Developments\n- "),
        ("json", "\"key_developments\": ["),
    ] {
        let out = cli(&db, &["export", &id, "--to", format]);
        assert!(out.status.success(), "{format}: {}", stderr(&out));
        assert!(stdout(&out).contains(marker), "{format}:\n{}", stdout(&out));
    }
}

#[test]
fn update_replaces_the_content_and_keeps_unstated_tags() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("u.sqlite3");
    let id = {
        let mut store = Store::open(&db).unwrap();
        let id = store.create().unwrap().id;
        let tagged = BriefContent { headline: "Old".into(), tags: vec!["asia".into()], ..Default::default() };
        store.save_draft(id, 1, &tagged).unwrap();
        id.to_string()
    };
    let out = cli(&db, &["update", &id, SAMPLE_TXT]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out), format!("{id} revision 3\n"));
    let brief: briefdesk_core::Brief =
        serde_json::from_str(&stdout(&cli(&db, &["export", &id, "--to", "json"]))).unwrap();
    assert_eq!(brief.content.headline, sample().headline);
    assert_eq!(brief.content.tags, ["asia"]);

    let bad = dir.path().join("bad.md");
    // Not text: refused. (201 bullets are no longer refused; the extra one
    // is demoted, see tests/import_words.rs.)
    std::fs::write(&bad, "# One\n\n## Key points\n\n- x\0\n").unwrap();
    let out = cli(&db, &["update", &id, bad.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("line 5: is binary data"), "{}", stderr(&out));
    let after: briefdesk_core::Brief =
        serde_json::from_str(&stdout(&cli(&db, &["export", &id, "--to", "json"]))).unwrap();
    assert_eq!(after.revision, 3, "nothing written");
}

#[test]
fn history_show_diff_and_restore() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("h.sqlite3");
    let out = cli(&db, &["import", SAMPLE_TXT]);
    let id = stdout(&out).trim().to_string();

    // A named version from a file, as the CLI's "Save version".
    let edited = dir.path().join("edited.txt");
    let text = std::fs::read_to_string(SAMPLE_TXT).unwrap();
    std::fs::write(&edited, text.replace("Maritime Tensions\nIn addition", "Maritime Tensions\nAbove all"))
        .unwrap();
    let out = cli(&db, &["update", &id, edited.to_str().unwrap(), "--label", "Desk edit"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out), format!("{id} revision 2\n{id} version 2\n"));

    let out = cli(&db, &["history", &id, "--json"]);
    let history: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let entries = history.as_array().unwrap();
    assert_eq!(entries.len(), 2);
    assert_eq!((entries[0]["version"].as_u64(), entries[0]["kind"].as_str()), (Some(1), Some("import")));
    assert_eq!(
        (entries[1]["kind"].as_str(), entries[1]["label"].as_str()),
        (Some("named"), Some("Desk edit"))
    );
    assert!(entries[1]["words"].as_u64().unwrap() > 400);
    assert!(entries[1]["created_at"].as_str().unwrap().ends_with('Z'));
    let table = stdout(&cli(&db, &["history", &id]));
    assert!(table.lines().nth(1).unwrap().contains("named") && table.contains("Desk edit"), "{table}");

    let out = cli(&db, &["show", &id, "--version", "1", "--to", "text"]);
    assert_eq!(stdout(&out), text.trim_end().to_string() + "\n");

    let out = cli(&db, &["diff", &id, "1", "current"]);
    let report = stdout(&out);
    assert!(report.contains("## Full Report: Maritime Tensions (changed)"), "{report}");
    assert!(report.contains("[-In addition-]{+Above all+} to these topics"), "{report}");
    assert!(report.ends_with("2 words added, 2 removed\n"), "{report}");
    let out = cli(&db, &["diff", &id, "1", "2", "--json"]);
    let diff: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(diff["report"][3]["change"], "changed");

    let out = cli(&db, &["restore", &id, "--version", "1", "--part", "report:Maritime Tensions"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let current = stdout(&cli(&db, &["export", &id, "--to", "text"]));
    assert_eq!(current, text.trim_end().to_string() + "\n");

    let out = cli(&db, &["restore", &id, "--version", "1", "--part", "bullets"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("is not a part"), "{}", stderr(&out));
    let out = cli(&db, &["diff", &id, "1", "latest"]);
    assert_eq!(out.status.code(), Some(2));
    let out = cli(&db, &["show", &id, "--version", "99"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("has no version 99"), "{}", stderr(&out));
}

#[test]
fn diff_shows_tags_byline_and_status_changes() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("m.sqlite3");
    let id = {
        let mut store = Store::open(&db).unwrap();
        let tagged = BriefContent { tags: vec!["asia".into(), "trade".into()], ..sample() };
        let id = store.import(&[(tagged.clone(), briefdesk_core::Status::Draft)]).unwrap()[0].id;
        let retagged = BriefContent { tags: vec!["asia".into(), "security".into()], ..tagged };
        store.save_draft(id, 1, &retagged).unwrap();
        store.save_version(id, Some("Tags")).unwrap();
        let bylined = BriefContent { byline: Some("Ana Núñez".into()), ..retagged };
        store.save_draft(id, 2, &bylined).unwrap();
        store.save_version(id, Some("Byline")).unwrap();
        store.set_status(id, 3, briefdesk_core::Status::Ready).unwrap();
        id.to_string()
    };

    // (a, b, the report exactly)
    let cases = [
        ("1", "2", "## Tags\nasia, {+security+}, [-trade-]\n\n0 words added, 0 removed\n"),
        ("2", "3", "## Byline\n{+Ana Núñez+}\n\n2 words added, 0 removed\n"),
        ("3", "current", "## Status\nDraft → Ready\n\n0 words added, 0 removed\n"),
        (
            "current",
            "1",
            "## Status\nReady → Draft\n\n## Byline\n[-Ana Núñez-]\n\n## Tags\nasia, {+trade+}, [-security-]\n\n\
             0 words added, 2 removed\n",
        ),
        ("4", "current", "0 words added, 0 removed\n"),
    ];
    for (a, b, expected) in cases {
        let out = cli(&db, &["diff", &id, a, b]);
        assert!(out.status.success(), "{a} → {b}: {}", stderr(&out));
        assert_eq!(stdout(&out), expected, "{a} → {b}");
    }

    let json = |a: &str, b: &str| -> serde_json::Value {
        let out = cli(&db, &["diff", &id, a, b, "--json"]);
        assert!(out.status.success(), "{}", stderr(&out));
        serde_json::from_str(&stdout(&out)).unwrap()
    };
    let tags = json("1", "2");
    assert_eq!(
        tags["tags"],
        serde_json::json!({ "added": ["security"], "removed": ["trade"], "kept": ["asia"], "changed": true })
    );
    assert_eq!((tags["words_added"].as_u64(), tags["words_removed"].as_u64()), (Some(0), Some(0)));
    assert_eq!((tags["byline"]["changed"].as_bool(), tags["status"].is_null()), (Some(false), true));
    let byline = json("2", "3");
    assert_eq!(byline["byline"]["changed"], true);
    assert_eq!(byline["byline"]["spans"], serde_json::json!([{ "kind": "added", "text": "Ana Núñez" }]));
    assert_eq!(byline["tags"]["changed"], false);
    let status = json("3", "4");
    assert_eq!(status["status"], serde_json::json!({ "old": "draft", "new": "ready" }));
    assert_eq!(status["tags"]["changed"], false);
}

#[test]
fn search_and_filtered_lists() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("s.sqlite3");
    let tagged = dir.path().join("tagged.md");
    std::fs::write(
        &tagged,
        "---\nstatus: ready\ntags: [asia]\n---\n# Seoul weighs fish-farm platforms\n\nA zeitgeist story.\n",
    )
    .unwrap();
    let out = cli(&db, &["import", SAMPLE_TXT, tagged.to_str().unwrap()]);
    let ids: Vec<String> = stdout(&out).lines().map(String::from).collect();

    let out = cli(&db, &["search", "zeitg", "--json"]);
    let hits: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(hits.as_array().unwrap().len(), 1);
    assert_eq!(hits[0]["id"], ids[1].as_str());
    assert!(hits[0]["snippet"].as_array().unwrap().iter().any(|p| p["hit"] == true));
    let table = stdout(&cli(&db, &["search", "\"maritime -"]));
    assert!(table.contains(&ids[0]) && table.to_lowercase().contains("[maritime]"), "{table}");
    assert!(
        stdout(&cli(&db, &["search", "NEAR( maritime"])).is_empty(),
        "NEAR is a word to find, not an operator"
    );

    let ready = stdout(&cli(&db, &["list", "--status", "ready", "--json"]));
    let ready: serde_json::Value = serde_json::from_str(&ready).unwrap();
    assert_eq!(ready.as_array().unwrap().len(), 1);
    assert_eq!(ready[0]["id"], ids[1].as_str());
    let asia = stdout(&cli(&db, &["list", "--tag", "asia"]));
    assert_eq!(asia.lines().count(), 1);
    let out = cli(&db, &["list", "--status", "published"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("is not a status"), "{}", stderr(&out));
}

/// Runs `script` in a private mount namespace, as root there
/// (`unshare --mount --map-root-user`), so it can mount a small
/// filesystem that no one else sees.
fn in_mount_namespace(script: &str) -> Output {
    Command::new("unshare").args(["--mount", "--map-root-user", "sh", "-c", script]).output().unwrap()
}

/// Makes `path` impossible to write: permission bits, and for root (who
/// ignores them, as CI runs) the immutable attribute.
fn make_unwritable(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    let dir = path.is_dir();
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(if dir { 0o555 } else { 0o444 })).unwrap();
    let writable = if dir {
        std::fs::write(path.join(".probe"), b"").is_ok() && std::fs::remove_file(path.join(".probe")).is_ok()
    } else {
        std::fs::OpenOptions::new().append(true).open(path).is_ok()
    };
    if writable {
        assert!(Command::new("chattr").arg("+i").arg(path).status().unwrap().success(), "chattr +i");
    }
}

fn make_writable(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    let _ = Command::new("chattr").arg("-i").arg(path).status();
    let mode = if path.is_dir() { 0o755 } else { 0o644 };
    let _ = std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode));
}

#[test]
fn faults_get_a_clear_message_exit_1_and_leave_the_database_alone() {
    let dir = tempfile::tempdir().unwrap();
    let (db, id) = seeded(dir.path());
    let before = std::fs::read(&db).unwrap();
    let cli_path = env!("CARGO_BIN_EXE_briefdesk-cli");
    let big = dir.path().join("big.md");
    std::fs::write(&big, format!("# Big\n\n{}", "word ".repeat(300_000))).unwrap();

    // A full disk: a 256 KB filesystem holding a copy of the database.
    let mnt = dir.path().join("mnt");
    std::fs::create_dir(&mnt).unwrap();
    let script = format!(
        "mount -t tmpfs -o size=256k tmpfs {m} && cp {db} {m}/db && {{ {cli} --db {m}/db import {big}; echo \"exit $?\"; }} && cmp {db} {m}/db && echo unchanged",
        m = mnt.display(),
        db = db.display(),
        cli = cli_path,
        big = big.display()
    );
    let out = in_mount_namespace(&script);
    let (text, errors) = (stdout(&out), stderr(&out));
    assert!(text.contains("exit 1") && text.contains("unchanged"), "{text}{errors}");
    assert!(errors.contains("the disk is full") && errors.contains("not saved"), "{errors}");

    // Locked by another process (this test's): writes wait, then fail.
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute_batch("BEGIN EXCLUSIVE").unwrap();
    let edit = dir.path().join("edit.md");
    std::fs::write(&edit, "# Edited while locked\n").unwrap();
    let out = cli(&db, &["update", &id, edit.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("in use by another program"), "{}", stderr(&out));
    conn.execute_batch("ROLLBACK").unwrap();
    drop(conn);

    // Damaged: the file cut in half.
    let cut = dir.path().join("cut.sqlite3");
    std::fs::write(&cut, &before[..before.len() / 2]).unwrap();
    let out = cli(&cut, &["export", &id, "--to", "json"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("damaged"), "{}", stderr(&out));
    assert_eq!(std::fs::read(&cut).unwrap(), &before[..before.len() / 2]);

    // From a newer Briefdesk.
    let newer = dir.path().join("newer.sqlite3");
    std::fs::copy(&db, &newer).unwrap();
    rusqlite::Connection::open(&newer).unwrap().pragma_update(None, "user_version", 99).unwrap();
    let newer_bytes = std::fs::read(&newer).unwrap();
    let out = cli(&newer, &["list"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("newer version of Briefdesk"), "{}", stderr(&out));
    assert_eq!(std::fs::read(&newer).unwrap(), newer_bytes);

    // Read-only, even for root.
    let ro = dir.path().join("ro.sqlite3");
    std::fs::copy(&db, &ro).unwrap();
    make_unwritable(&ro);
    let out = cli(&ro, &["list"]);
    make_writable(&ro);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("read-only") && stderr(&out).contains("ro.sqlite3"), "{}", stderr(&out));

    // A data folder that cannot be created.
    let blocked = dir.path().join("blocked");
    std::fs::create_dir(&blocked).unwrap();
    make_unwritable(&blocked);
    let out = cli(&blocked.join("sub/briefs.sqlite3"), &["import", big.to_str().unwrap()]);
    make_writable(&blocked);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("cannot create the folder"), "{}", stderr(&out));

    assert_eq!(std::fs::read(&db).unwrap(), before, "the original was never touched");
}

/// Title setting (OSC 0), a clipboard write (OSC 52), a screen clear, an
/// 8-bit CSI and a right-to-left override: all a terminal would obey.
const HOSTILE: &str = "Evil \u{1b}]0;pwned\u{7} \u{1b}]52;c;aGk=\u{7} \u{1b}[2J \u{9b}31m \u{202e}exe.doc";

fn assert_no_terminal_controls(text: &str, what: &str) {
    let obeyed = text.chars().find(|c| {
        matches!(c, '\0'..='\u{8}' | '\u{b}'..='\u{1f}' | '\u{7f}'..='\u{9f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
    });
    assert!(obeyed.is_none(), "{what} printed {obeyed:?}: {text:?}");
    assert!(text.contains("␛]0;pwned␇") && text.contains("\\u{202e}"), "{what} hid the sequences: {text:?}");
}

/// A brief whose headline, summary, tag and version label are hostile, with
/// a later draft to compare against; returns its id.
fn hostile_brief(db: &Path) -> briefdesk_core::BriefId {
    let mut store = Store::open(db).unwrap();
    let content = BriefContent {
        headline: HOSTILE.into(),
        summary: format!("Zeitgeist summary {HOSTILE}\n\nSecond paragraph."),
        tags: vec![format!("tag{HOSTILE}")],
        ..sample()
    };
    let id = store.import(&[(content.clone(), briefdesk_core::Status::Draft)]).unwrap()[0].id;
    store.save_version(id, Some(&format!("label {HOSTILE}\nforged row"))).unwrap();
    let edited = BriefContent { summary: format!("Zeitgeist edited {HOSTILE}"), tags: vec![], ..content };
    store.save_draft(id, 1, &edited).unwrap();
    id
}

#[test]
fn human_output_shows_control_sequences_instead_of_obeying_them() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("evil.sqlite3");
    let id = hostile_brief(&db).to_string();
    for args in
        [vec!["list"], vec!["search", "zeitgeist"], vec!["history", &id], vec!["diff", &id, "1", "current"]]
    {
        let out = cli(&db, &args);
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
        assert_no_terminal_controls(&stdout(&out), &args.join(" "));
    }
    // Errors can quote what was typed: a part's heading here.
    let out = cli(&db, &["restore", &id, "--version", "1", "--part", &format!("report:{HOSTILE}")]);
    assert!(!out.status.success());
    let error = stderr(&out);
    assert!(error.contains("briefdesk-cli: "), "{error}");
    assert!(!error.contains('\u{1b}') && !error.contains('\u{202e}'), "{error:?}");
    // A newline in a label cannot start a row of its own.
    let history = stdout(&cli(&db, &["history", &id]));
    assert_eq!(history.lines().count(), 2, "{history}");
    assert!(history.contains("forged row") && history.contains('␊'), "{history}");
}

#[test]
fn json_and_files_stay_exact_whoever_reads_them() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("evil.sqlite3");
    let id = hostile_brief(&db);
    let store = Store::open_existing(&db).unwrap();
    let pretty = |value: &dyn erased::Json| value.pretty();
    let list = cli(&db, &["list", "--json"]);
    let library = store.library(&briefdesk_store::LibraryFilter::default()).unwrap();
    assert_eq!(stdout(&list), pretty(&library));
    let history = cli(&db, &["history", &id.to_string(), "--json"]);
    assert_eq!(stdout(&history), pretty(&store.history(id).unwrap()));
    let diff = cli(&db, &["diff", &id.to_string(), "1", "current", "--json"]);
    assert_eq!(stdout(&diff), pretty(&store.compare(id, Some(1), None).unwrap()));
    let search = stdout(&cli(&db, &["search", "zeitgeist", "--json"]));
    let hits: serde_json::Value = serde_json::from_str(&search).unwrap();
    assert_eq!(hits[0]["headline"], HOSTILE);

    // Piped or redirected, a document is a file format: byte-exact.
    let brief = store.get(id).unwrap();
    for format in ["markdown", "text", "html", "json"] {
        let out = cli(&db, &["export", &id.to_string(), "--to", format]);
        let expected = briefdesk_core::ExportFormat::ALL
            .into_iter()
            .find(|f| {
                f.extension()
                    == if format == "markdown" {
                        "md"
                    } else if format == "text" {
                        "txt"
                    } else {
                        format
                    }
            })
            .unwrap()
            .render(&brief);
        assert_eq!(stdout(&out), expected, "{format}");
    }
    assert!(stdout(&cli(&db, &["export", &id.to_string(), "--to", "markdown"])).contains(HOSTILE));
}

/// `serde_json::to_string_pretty` plus the newline the CLI ends with.
mod erased {
    pub trait Json {
        fn pretty(&self) -> String;
    }
    impl<T: serde::Serialize> Json for T {
        fn pretty(&self) -> String {
            serde_json::to_string_pretty(self).unwrap() + "\n"
        }
    }
}

/// Runs the CLI with its standard output on a pseudo-terminal, through
/// util-linux's `script`, and returns what the terminal received.
fn on_a_terminal(db: &Path, args: &[&str]) -> String {
    let quote = |s: &str| format!("'{}'", s.replace('\'', "'\\''"));
    let command: Vec<String> = std::iter::once(env!("CARGO_BIN_EXE_briefdesk-cli"))
        .chain(["--db", db.to_str().unwrap()])
        .chain(args.iter().copied())
        .map(quote)
        .collect();
    let out = Command::new("script")
        .args(["--quiet", "--return", "--command", &command.join(" "), "/dev/null"])
        .env_remove("BRIEFDESK_DB")
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    assert!(out.status.success(), "script: {}", stderr(&out));
    // The terminal turns each newline into CR LF.
    stdout(&out).replace("\r\n", "\n")
}

#[test]
fn documents_printed_on_a_terminal_are_neutralised_json_is_not() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("evil.sqlite3");
    let id = hostile_brief(&db).to_string();
    for format in ["markdown", "text", "html"] {
        let shown = on_a_terminal(&db, &["export", &id, "--to", format]);
        assert_no_terminal_controls(&shown, format);
        assert!(shown.contains("Zeitgeist edited"), "{shown}");
    }
    let shown = on_a_terminal(&db, &["show", &id, "--version", "1"]);
    assert_no_terminal_controls(&shown, "show");
    assert!(shown.contains("\n\nSecond paragraph."), "line breaks stay: {shown}");
    let table = on_a_terminal(&db, &["list"]);
    assert_no_terminal_controls(&table, "list on a terminal");

    // JSON is exact even here: serde escapes C0 controls itself.
    let json = on_a_terminal(&db, &["export", &id, "--to", "json"]);
    let brief: briefdesk_core::Brief = serde_json::from_str(&json).unwrap();
    assert_eq!(brief.content.headline, HOSTILE);
    assert!(json.contains("\\u001b]0;pwned\\u0007"), "{json}");
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
