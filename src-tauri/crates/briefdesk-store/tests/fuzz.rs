//! Fuzz target for what a person types into the search box: any text,
//! and soups of FTS5's own syntax, search without an error. Bounded in
//! `make test`; `make fuzz` runs it with BRIEFDESK_FUZZ_CASES=200000.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use briefdesk_core::{BriefContent, Status};
use briefdesk_store::{LibraryFilter, Store};
use proptest::prelude::*;

fn cases(default: u32) -> u32 {
    std::env::var("BRIEFDESK_FUZZ_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

const FTS_SYNTAX: &[&str] = &[
    "\"",
    "*",
    "^",
    "-",
    "+",
    "(",
    ")",
    ":",
    "NEAR",
    "NEAR(",
    "AND",
    "OR",
    "NOT",
    "{",
    "}",
    "headline:",
    "body",
    " ",
    "ka",
    "kapelte",
    "Séoul",
    "中韩",
    "\u{0}",
    "'",
    ";",
    "--",
    "\\",
    "é",
    "x",
    "0",
    "\n",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases(600)))]

    #[test]
    fn any_typed_search_answers_without_error(typed in any::<String>(), soup in prop::collection::vec(prop::sample::select(FTS_SYNTAX), 0..24)) {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("f.sqlite3")).unwrap();
        store
            .import(&[(BriefContent { headline: "Séoul kapelte talks".into(), summary: "中韩 NEAR x".into(), ..Default::default() }, Status::Draft)])
            .unwrap();
        for query in [typed, soup.concat()] {
            let result = store.search(&query, &LibraryFilter::default(), 50);
            prop_assert!(result.is_ok(), "{query:?}: {result:?}");
        }
    }
}
