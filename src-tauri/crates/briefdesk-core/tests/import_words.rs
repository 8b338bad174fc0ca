//! The import invariant as a property: every word of an accepted input is
//! somewhere in the brief (format vocabulary aside), and text is never
//! refused. Inputs are briefs in generated layouts: front matter closed,
//! unclosed or not `key: value`; labels bare, inline, as headings; bullets
//! with and without markers; dividers; lines past the length limits; CRLF.
//! A brief read without an id, written as Markdown and read again, comes
//! back exactly.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod words;

use briefdesk_core::{import, to_markdown_parts, InputFormat};
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::TestRunner;

const WORDS: &[&str] = &[
    "Seoul",
    "Beijing",
    "tariff",
    "한국",
    "中国",
    "Xi",
    "Lee",
    "ferry",
    "quota",
    "1953",
    "café",
    "Ünal",
    "ballistic",
    "K-pop",
    "Yellow",
    "Sea",
    "O'Brien",
    "rare-earth",
    "12.5",
    "minister",
    "summit",
    "Nara",
];

fn sentence() -> impl Strategy<Value = String> {
    (
        prop::collection::vec(prop::sample::select(WORDS), 1..10),
        prop::sample::select(&[".", "", ":", "!", ","][..]),
    )
        .prop_map(|(words, end)| format!("{}{end}", words.join(" ")))
}

const LABELS: &[&str] = &[
    "Why It Matters",
    "WHY IT MATTERS",
    "Key Developments",
    "Key points",
    "Full Report",
    "Context",
    "Background",
    "Context & Previous Events",
    "The big picture",
    "Details",
    "Summary",
];

fn line() -> impl Strategy<Value = String> {
    let label = prop::sample::select(LABELS);
    prop_oneof![
        4 => sentence(),
        2 => Just(String::new()),
        1 => label.clone().prop_map(str::to_string),
        1 => (1usize..4, label.clone()).prop_map(|(n, l)| format!("{} {l}", "#".repeat(n))),
        1 => (label, sentence()).prop_map(|(l, s)| format!("**{l}:** {s}")),
        1 => (1usize..7, sentence()).prop_map(|(n, s)| format!("{} {s}", "#".repeat(n))),
        2 => (prop::sample::select(&["- ", "* ", "1. ", "• ", "    ", "  - "][..]), sentence())
            .prop_map(|(m, s)| format!("{m}{s}")),
        1 => prop::sample::select(&["---", "***", "===", "\\---", "\\# not a heading"][..]).prop_map(str::to_string),
        // Past the 2,000-character limit of a headline, bullet or heading.
        1 => (sentence(), prop::sample::select(&["", "- ", "    ", "## "][..]))
            .prop_map(|(s, m)| format!("{m}{}", vec![s; 2_100 / 3].join(" "))),
    ]
}

fn entry() -> impl Strategy<Value = String> {
    let key = prop::sample::select(
        &[
            "title",
            "description",
            "summary",
            "author",
            "tags",
            "date",
            "layout",
            "status",
            "id",
            "Created by",
            "draft",
        ][..],
    );
    (key, sentence())
        .prop_map(|(k, v)| if k == "date" { "date: 2026-01-05".to_string() } else { format!("{k}: {v}") })
}

fn front_matter() -> impl Strategy<Value = String> {
    prop_oneof![
        2 => Just(String::new()),
        // Closed, `key: value` lines, maybe with a block list.
        3 => (prop::collection::vec(entry(), 1..6), prop::option::of(prop::collection::vec(sentence(), 1..3)))
            .prop_map(|(entries, list)| {
                let list = list.map(|items| format!("categories:\n{}", items.iter().map(|i| format!("  - {i}\n")).collect::<String>()));
                format!("---\n{}\n{}---\n", entries.join("\n"), list.unwrap_or_default())
            }),
        // Never closed.
        1 => prop::collection::vec(entry(), 1..3).prop_map(|e| format!("---\n{}\n", e.join("\n"))),
        // Closed, but a headline inside: not front matter.
        1 => (entry(), sentence()).prop_map(|(e, s)| format!("---\n{e}\n# {s}\n---\n")),
    ]
}

#[derive(Debug, Clone)]
struct Case {
    input: String,
    format: InputFormat,
    name: Option<&'static str>,
}

fn case() -> impl Strategy<Value = Case> {
    (front_matter(), prop::collection::vec(line(), 3..40), any::<bool>(), 0usize..5).prop_map(
        |(front, lines, crlf, how)| {
            let mut input = front + &lines.join("\n") + "\n";
            if crlf {
                input = input.replace('\n', "\r\n");
            }
            let (format, name) = [
                (InputFormat::Auto, None),
                (InputFormat::Auto, Some("brief.md")),
                (InputFormat::Auto, Some("brief.txt")),
                (InputFormat::Markdown, None),
                (InputFormat::Text, None),
            ][how];
            Case { input, format, name }
        },
    )
}

/// Words of the generated inputs that the check looks for.
fn checked_words(input: &str) -> usize {
    words::words(input).iter().filter(|w| !words::is_vocabulary(w)).count()
}

#[test]
fn the_generated_inputs_are_varied() {
    let mut runner = TestRunner::deterministic();
    let cases: Vec<Case> = (0..256).map(|_| case().new_tree(&mut runner).unwrap().current()).collect();
    let share = |f: &dyn Fn(&Case) -> bool| cases.iter().filter(|c| f(c)).count() * 100 / cases.len();
    assert!(share(&|c| c.input.starts_with("---")) >= 30, "front matter");
    assert!(share(&|c| c.input.lines().any(|l| l.len() > 2_000)) >= 30, "overlong lines");
    assert!(share(&|c| c.input.contains("Key")) >= 30, "labels");
    assert!(share(&|c| c.input.contains("\n    ")) >= 30, "indented lines");
    assert!(share(&|c| c.input.contains("\r\n")) >= 30, "CRLF");
    assert!(share(&|c| c.format == InputFormat::Text) >= 10, "plain text");
    let mean = cases.iter().map(|c| checked_words(&c.input)).sum::<usize>() / cases.len();
    assert!(mean >= 50, "only {mean} words an input");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn every_word_of_an_input_is_in_the_brief(case in case()) {
        // Blank lines and the format's own labels alone are empty input: if
        // refused, it is as empty, the one refusal the invariant allows for text.
        if checked_words(&case.input) == 0 {
            if let Err(error) = import(case.input.as_bytes(), case.format, case.name) {
                prop_assert!(error.to_string().contains("empty"), "{}", error);
            }
            return Ok(());
        }
        let imported = import(case.input.as_bytes(), case.format, case.name)
            .map_err(|e| TestCaseError::fail(format!("refused: {e}\n{}", case.input)))?;
        let missing = words::missing_words(&case.input, &imported);
        prop_assert!(missing.is_empty(), "lost {:?}\n{}", missing, case.input);

        // Written as Markdown without an id and read again: the same brief,
        // and the same bytes when written again.
        prop_assume!(imported.front_matter.id.is_none());
        let md = to_markdown_parts(&imported.content, &imported.front_matter);
        let again = import(md.as_bytes(), InputFormat::Markdown, None)
            .map_err(|e| TestCaseError::fail(format!("refused: {e}\n{md}")))?;
        prop_assert_eq!(&again.content, &imported.content, "\n{}", md);
        prop_assert_eq!(to_markdown_parts(&again.content, &again.front_matter), md);
    }
}
