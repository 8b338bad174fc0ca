//! Data-driven format tests: each input in testdata/ beside the brief
//! content it must produce. `UPDATE_EXPECTED=1` rewrites the expectations
//! (review the diff before committing).

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod words;

use std::path::{Path, PathBuf};

use briefdesk_core::{import, parse_text, to_json_parts, to_text, BriefContent, InputFormat};

fn testdata(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata").join(name)
}

fn check_expected(input: &Path, actual: &str) {
    let expected_path = input.with_extension("expected.json");
    if std::env::var_os("UPDATE_EXPECTED").is_some() {
        std::fs::write(&expected_path, actual).unwrap();
    }
    let expected = std::fs::read_to_string(&expected_path)
        .unwrap_or_else(|_| panic!("{} is missing; run with UPDATE_EXPECTED=1", expected_path.display()));
    assert!(actual == expected, "{} read as:\n{actual}\nexpected:\n{expected}", input.display());
}

#[test]
fn the_sample_parses_to_its_expected_content() {
    let text = std::fs::read_to_string(testdata("korea-china-visit.txt")).unwrap();
    let content = parse_text(&text);
    let expected: BriefContent =
        serde_json::from_str(&std::fs::read_to_string(testdata("korea-china-visit.content.json")).unwrap())
            .unwrap();
    assert_eq!(content, expected);
    assert_eq!(content.key_developments.len(), 4);
    let headings: Vec<&str> = content.report.iter().map(|s| s.heading.as_str()).collect();
    assert_eq!(
        headings,
        ["Diplomatic Engagement", "Security Concerns", "Cultural Trade Issues", "Maritime Tensions"]
    );
}

#[test]
fn the_sample_renders_back_to_its_own_text() {
    let text = std::fs::read_to_string(testdata("korea-china-visit.txt")).unwrap();
    assert_eq!(to_text(&parse_text(&text)), text.trim_end().to_string() + "\n");
}

#[test]
fn the_sample_survives_crlf_a_bom_and_no_trailing_lines() {
    let text = std::fs::read_to_string(testdata("korea-china-visit.txt")).unwrap();
    let expected = parse_text(&text);
    let crlf = format!("\u{feff}{}", text.trim_end().replace('\n', "\r\n"));
    assert_eq!(parse_text(&crlf), expected);
}

/// Each example is imported as the CLI and the app import it (format from
/// the file name, limits applied), its brief (content and metadata, as
/// JSON) compared with the expected file beside it, and every word of the
/// input looked for in the brief.
#[test]
fn every_import_example_reads_as_expected_and_keeps_every_word() {
    let mut seen = 0;
    for entry in std::fs::read_dir(testdata("import")).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().and_then(|n| n.to_str()).unwrap().to_string();
        if name.ends_with(".expected.json")
            || !(name.ends_with(".md") || name.ends_with(".txt") || name.ends_with(".json"))
        {
            continue;
        }
        let input = std::fs::read_to_string(&path).unwrap();
        let imported = import(input.as_bytes(), InputFormat::Auto, Some(&name))
            .unwrap_or_else(|e| panic!("{name} was refused: {e}"));
        check_expected(&path, &to_json_parts(&imported.content, &imported.front_matter));
        let input_text = if name.ends_with(".json") {
            words::json_text(&serde_json::from_str(&input).unwrap())
        } else {
            input
        };
        let missing = words::missing_words(&input_text, &imported);
        assert!(missing.is_empty(), "{name} lost words: {missing:?}");
        seen += 1;
    }
    assert!(seen >= 12, "only {seen} import examples");
}

#[test]
fn the_sample_as_a_standalone_html_document() {
    let text = std::fs::read_to_string(testdata("korea-china-visit.txt")).unwrap();
    insta::assert_snapshot!(briefdesk_core::to_html_document(&parse_text(&text)));
}
