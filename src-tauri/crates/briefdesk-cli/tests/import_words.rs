//! "Importers keep every word", through the real binary: files people
//! write in layouts the reader does not know are read, not refused, and
//! their words land in the brief; JSON it cannot read is refused naming the
//! field (exit 2); Markdown without an id survives round trips unchanged.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;
use std::process::{Command, Output};

fn convert(file: &Path, to: &str) -> Output {
    Command::new(env!("CARGO_BIN_EXE_briefdesk-cli"))
        .args(["convert", file.to_str().unwrap(), "--to", to])
        .env_remove("BRIEFDESK_DB")
        .output()
        .unwrap()
}

fn json_of(dir: &Path, name: &str, text: &str) -> serde_json::Value {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    let out = convert(&path, "json");
    assert!(out.status.success(), "{name}: {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

fn testdata(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../briefdesk-core/testdata/import").join(name)
}

#[test]
fn a_file_opening_with_a_divider_keeps_its_headline_and_text() {
    let dir = tempfile::tempdir().unwrap();
    let brief = json_of(
        dir.path(),
        "notes.md",
        "---\nSeoul: the talks resume on Monday.\n# Lee flies to Beijing\n\nThe president leaves tonight.\n",
    );
    assert_eq!(brief["headline"], "Lee flies to Beijing");
    assert_eq!(brief["summary"], "Seoul: the talks resume on Monday.\n\nThe president leaves tonight.");
}

#[test]
fn front_matter_of_other_tools_fills_the_brief() {
    let dir = tempfile::tempdir().unwrap();
    let brief = json_of(
        dir.path(),
        "post.md",
        "---\ntitle: Lee flies to Beijing\ndescription: Three days of talks.\nauthor: Kim Ji-woo\ntags: [korea]\ndate: 2026-01-05\nlayout: post\n---\n\nAides say the agenda is long.\n",
    );
    assert_eq!(brief["headline"], "Lee flies to Beijing");
    assert_eq!(brief["summary"], "Three days of talks.\n\nAides say the agenda is long.");
    assert_eq!(brief["byline"], "Kim Ji-woo");
    assert_eq!(brief["tags"], serde_json::json!(["korea"]));
    assert_eq!(brief["created_at"], "2026-01-05T00:00:00Z");
    assert_eq!(brief["context"], "layout: post");
}

#[test]
fn json_with_a_field_of_another_schema_is_refused_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("feed.json");
    std::fs::write(&path, "{\"title\": \"Lee flies to Beijing\", \"body\": \"Text.\"}\n").unwrap();
    let out = convert(&path, "markdown");
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("feed.json: line 1") && err.contains("unknown field `title`"), "{err}");
}

#[test]
fn briefs_past_the_limits_are_read_with_their_parts_demoted() {
    let flat = convert(&testdata("flattened-article.txt"), "json");
    assert!(flat.status.success(), "{}", String::from_utf8_lossy(&flat.stderr));
    let brief: serde_json::Value = serde_json::from_slice(&flat.stdout).unwrap();
    assert!(brief["summary"].as_str().unwrap().starts_with("South Korea’s President Lee"), "{brief}");

    let indented = convert(&testdata("indented-bullets.txt"), "json");
    assert!(indented.status.success(), "{}", String::from_utf8_lossy(&indented.stderr));
    let brief: serde_json::Value = serde_json::from_slice(&indented.stdout).unwrap();
    assert_eq!(brief["key_developments"].as_array().unwrap().len(), 7, "{brief}");
}

#[test]
fn markdown_without_an_id_reads_back_exactly() {
    let dir = tempfile::tempdir().unwrap();
    let first = dir.path().join("a.md");
    std::fs::write(
        &first,
        "# Lee flies to Beijing\n\nThe president leaves tonight.\n\n---\n\n# not a heading\n",
    )
    .unwrap();
    let once = convert(&first, "markdown");
    assert!(once.status.success());
    let second = dir.path().join("b.md");
    std::fs::write(&second, &once.stdout).unwrap();
    let twice = convert(&second, "markdown");
    assert_eq!(String::from_utf8(twice.stdout).unwrap(), String::from_utf8(once.stdout).unwrap());
    let brief = json_of(dir.path(), "c.md", &String::from_utf8(convert(&second, "markdown").stdout).unwrap());
    assert_eq!(brief["summary"], "The president leaves tonight.\n\n---");
}
