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

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases(64)))]

    /// The version decoder against any bytes, sizes and bases a damaged
    /// file could hold: every read answers (a version or an error naming
    /// the damage) and the next save succeeds; nothing panics or aborts.
    #[test]
    fn any_damaged_version_row_reads_as_an_answer(
        data in prop::collection::vec(any::<u8>(), 0..200),
        keep_frame in any::<bool>(),
        size in prop_oneof![Just(-1i64), Just(0i64), 0i64..5_000, Just(i64::MAX), Just(1i64 << 62)],
        base in prop::option::of(0u32..8),
        number in 1u32..=4,
    ) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("v.sqlite3");
        let mut store = Store::open(&path).unwrap();
        let id = store.create().unwrap().id;
        let mut revision = 1;
        for n in 0..4 {
            let content = BriefContent { summary: format!("Summary number {n}"), ..Default::default() };
            revision = store.save_draft(id, revision, &content).unwrap().revision;
            store.save_version(id, None).unwrap();
        }
        drop(store);
        let raw = rusqlite::Connection::open(&path).unwrap();
        let sql = if keep_frame {
            "UPDATE version SET size = ?1, base = ?2 WHERE number = ?4 AND ?3 IS NOT NULL"
        } else {
            "UPDATE version SET size = ?1, base = ?2, data = ?3 WHERE number = ?4"
        };
        raw.execute(sql, rusqlite::params![size, base, data, number]).unwrap();
        drop(raw);

        let mut store = Store::open(&path).unwrap();
        let history = store.history(id).unwrap();
        prop_assert_eq!(history.len(), 4);
        for v in &history {
            let read = store.version(id, v.version);
            prop_assert_eq!(read.is_ok(), v.damaged.is_none(), "version {}: {:?} / {:?}", v.version, read, v.damaged);
        }
        let _ = store.compare(id, Some(number), None);
        let content = BriefContent { summary: "After the damage".into(), ..Default::default() };
        store.save_draft(id, revision, &content).unwrap();
        let saved = store.save_version(id, None).unwrap();
        prop_assert!(store.version(id, saved.version).is_ok());
    }
}
