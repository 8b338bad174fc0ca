//! Fuzz targets for every reader: Markdown (with front matter), plain
//! text, JSON and the importer that picks between them. Any input must
//! give a brief or a clear error, never a panic or a hang. Bounded in
//! `make test`; `make fuzz` runs them with BRIEFDESK_FUZZ_CASES=200000.
//! (cargo-fuzz needs a nightly toolchain, which CI does not have.)

#![allow(clippy::unwrap_used, clippy::expect_used)]

use briefdesk_core::{
    import, parse_markdown, parse_text, to_markdown_parts, to_text, InputFormat, MAX_IMPORT_BYTES,
};
use proptest::prelude::*;

fn cases(default: u32) -> u32 {
    std::env::var("BRIEFDESK_FUZZ_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

/// Pieces of the formats' own syntax, so generated input reaches deep
/// into the readers instead of failing at the first byte.
const PIECES: &[&str] = &[
    "---\n",
    "id: ",
    "status: ",
    "tags: [",
    "]",
    "created: ",
    "2026-11-29T07:00:00Z",
    "revision: 3\n",
    "019b8d7d-f1c0-7a2a-aa2a-2a2a2a2a2a2a",
    "# ",
    "## ",
    "### ",
    "Why It Matters",
    "Key Developments",
    "Full Report",
    "Context",
    "**Why it matters:**",
    "- ",
    "* ",
    "• ",
    "1. ",
    "> ",
    "\n",
    "\n\n",
    "\r\n",
    "===\n",
    "---",
    "Headline",
    "text ",
    "By ",
    "Sources:",
    "\u{feff}",
    "\t",
    "    ",
    "`",
    "```\n",
    "[a](b)",
    "<b>",
    "é",
    "中韩",
    "\u{0}",
    "{",
    "}",
    "\"headline\":",
    "\"summary\":",
    "\"report\":[",
    "\"key_developments\":[",
    ",",
    ":",
    "null",
    "\"",
    "\\",
    "\\u0000",
    "1e999",
    "[[[[",
    "]]]]",
];

fn syntax() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..64).prop_map(|p| p.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases(1_500)))]

    #[test]
    fn the_importer_answers_any_bytes_with_a_brief_or_a_clear_error(
        bytes in prop::collection::vec(any::<u8>(), 0..600),
        format in 0usize..4,
    ) {
        let format = [InputFormat::Auto, InputFormat::Markdown, InputFormat::Text, InputFormat::Json][format];
        if let Err(error) = import(&bytes, format, Some("fuzz.md")) {
            prop_assert!(!error.to_string().is_empty());
        }
    }

    #[test]
    fn the_importer_reads_syntax_soup_in_every_format(text in syntax(), format in 0usize..4) {
        let format = [InputFormat::Auto, InputFormat::Markdown, InputFormat::Text, InputFormat::Json][format];
        match import(text.as_bytes(), format, None) {
            // Whatever was read can be written and read again.
            Ok(imported) => {
                let md = to_markdown_parts(&imported.content, &imported.front_matter);
                prop_assert!(parse_markdown(&md).is_ok(), "{md}");
            }
            Err(error) => prop_assert!(!error.to_string().is_empty()),
        }
    }

    #[test]
    fn the_markdown_reader_takes_any_text(text in any::<String>(), soup in syntax()) {
        let _ = parse_markdown(&text);
        let _ = parse_markdown(&soup);
        let _ = parse_markdown(&format!("---\n{soup}\n---\n{text}"));
    }

    #[test]
    fn the_plain_text_reader_takes_any_text(text in any::<String>(), soup in syntax()) {
        for input in [text, soup] {
            let content = parse_text(&input);
            let _ = to_text(&content);
        }
    }
}

#[test]
fn oversized_and_binary_imports_are_refused_clearly() {
    let big = vec![b'a'; MAX_IMPORT_BYTES + 1];
    let error = import(&big, InputFormat::Auto, Some("huge.md")).unwrap_err().to_string();
    assert!(error.contains("MB") || error.contains("too large"), "{error}");
    let binary = b"# Headline\n\nSummary\x00\x01\x02".to_vec();
    let error = import(&binary, InputFormat::Auto, Some("photo.jpg")).unwrap_err().to_string();
    assert!(error.contains("line 3") && error.contains("binary"), "{error}");
}
