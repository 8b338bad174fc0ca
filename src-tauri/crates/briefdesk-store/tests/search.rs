//! Library search and filters on a real database.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use briefdesk_core::{BriefContent, ReportSection, Status};
use briefdesk_store::{LibraryFilter, LibrarySort, Store};

fn sample() -> BriefContent {
    serde_json::from_str(include_str!("../../briefdesk-core/testdata/korea-china-visit.content.json"))
        .unwrap()
}

fn headlines(hits: &[briefdesk_store::SearchHit]) -> Vec<&str> {
    hits.iter().map(|h| h.brief.headline.as_str()).collect()
}

fn library() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("s.sqlite3")).unwrap();
    let briefs = vec![
        (sample(), Status::Draft),
        (
            BriefContent {
                headline: "Maritime structures alarm Seoul".into(),
                summary: "China says the platforms are for fish farming.".into(),
                tags: vec!["asia".into(), "security".into()],
                ..Default::default()
            },
            Status::Ready,
        ),
        (
            BriefContent {
                headline: "Café owners in Séoul protest rents".into(),
                report: vec![ReportSection {
                    heading: "Rents".into(),
                    body: "Landlords cite the zeitgeist of gentrification.".into(),
                }],
                tags: vec!["business".into()],
                ..Default::default()
            },
            Status::InReview,
        ),
    ];
    store.import(&briefs).unwrap();
    (dir, store)
}

#[test]
fn a_word_only_in_a_report_body_finds_its_brief_with_a_snippet() {
    let (_dir, mut store) = library();
    let hits = store.search("zeitgeist", &LibraryFilter::default(), 10).unwrap();
    assert_eq!(headlines(&hits), ["Café owners in Séoul protest rents"]);
    let snippet: Vec<(&str, bool)> = hits[0].snippet.iter().map(|p| (p.text.as_str(), p.hit)).collect();
    assert!(snippet.contains(&("zeitgeist", true)), "{snippet:?}");
}

#[test]
fn headline_hits_rank_above_body_hits() {
    let (_dir, mut store) = library();
    let hits = store.search("maritime", &LibraryFilter::default(), 10).unwrap();
    assert_eq!(headlines(&hits)[0], "Maritime structures alarm Seoul");
    assert_eq!(hits.len(), 2, "the sample mentions maritime structures in its report");
}

#[test]
fn prefixes_match_as_you_type_and_diacritics_do_not_matter() {
    let (_dir, mut store) = library();
    assert_eq!(
        headlines(&store.search("gentri", &LibraryFilter::default(), 10).unwrap()),
        ["Café owners in Séoul protest rents"]
    );
    assert_eq!(store.search("cafe", &LibraryFilter::default(), 10).unwrap().len(), 1);
    assert_eq!(store.search("seoul café", &LibraryFilter::default(), 10).unwrap().len(), 1);
    assert_eq!(
        store.search("gentri ", &LibraryFilter::default(), 10).unwrap().len(),
        0,
        "a finished word is not a prefix"
    );
}

#[test]
fn hostile_queries_are_plain_words_never_errors() {
    let (_dir, mut store) = library();
    for typed in [
        "\"unbalanced",
        "-",
        "NEAR(",
        "a OR",
        "*",
        "\"\"",
        "headline:x",
        "(((",
        "AND",
        "^ ~ +",
        "'; DROP TABLE brief; --",
    ] {
        let result = store.search(typed, &LibraryFilter::default(), 10);
        assert!(result.is_ok(), "{typed:?} gave {result:?}");
    }
    assert_eq!(store.search("NEAR( fish", &LibraryFilter::default(), 10).unwrap().len(), 0);
    assert_eq!(
        store.search("fish -", &LibraryFilter::default(), 10).unwrap().len(),
        2,
        "fish, and the sample's fish-farming"
    );
}

#[test]
fn filters_by_status_and_tag_and_sorts() {
    let (_dir, mut store) = library();
    let ready = LibraryFilter { status: Some(Status::Ready), ..Default::default() };
    assert_eq!(store.library(&ready).unwrap().len(), 1);
    let asia = LibraryFilter { tag: Some("asia".into()), ..Default::default() };
    assert_eq!(store.library(&asia).unwrap()[0].headline, "Maritime structures alarm Seoul");
    assert_eq!(store.search("china", &asia, 10).unwrap().len(), 1);
    let by_headline = LibraryFilter { sort: LibrarySort::Headline, ..Default::default() };
    let order: Vec<String> = store.library(&by_headline).unwrap().into_iter().map(|b| b.headline).collect();
    assert_eq!(order[0], "Café owners in Séoul protest rents");
    assert_eq!(store.tags().unwrap(), ["asia", "business", "security"]);
    let first_two = LibraryFilter { limit: Some(2), ..Default::default() };
    assert_eq!(store.library(&first_two).unwrap().len(), 2);
}

#[test]
fn the_index_follows_every_save() {
    let (_dir, mut store) = library();
    let id = store.search("zeitgeist", &LibraryFilter::default(), 1).unwrap()[0].brief.id;
    let revision = store.get(id).unwrap().revision;
    store
        .save_draft(id, revision, &BriefContent { headline: "Renamed entirely".into(), ..Default::default() })
        .unwrap();
    assert!(store.search("zeitgeist", &LibraryFilter::default(), 10).unwrap().is_empty());
    assert_eq!(store.search("renamed", &LibraryFilter::default(), 10).unwrap().len(), 1);
    store.restore(id, 1, None).unwrap();
    assert_eq!(store.search("zeitgeist", &LibraryFilter::default(), 10).unwrap().len(), 1);
}

/// `count` briefs that all mention "common"; brief `i` is headlined "Brief i".
fn many(store: &mut Store, count: usize, status: impl Fn(usize) -> Status) {
    let briefs: Vec<(BriefContent, Status)> = (0..count)
        .map(|i| {
            let content = BriefContent {
                headline: format!("Brief {i}"),
                summary: format!("A common story, number {i}."),
                ..Default::default()
            };
            (content, status(i))
        })
        .collect();
    store.import(&briefs).unwrap();
}

#[test]
fn a_word_in_more_briefs_than_the_rank_window_still_finds_filtered_old_ones() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("s.sqlite3")).unwrap();
    let count = briefdesk_store::RANK_WINDOW as usize * 5;
    // Only the two oldest briefs are filed: outside the first window.
    many(&mut store, count, |i| if i < 2 { Status::Filed } else { Status::Draft });
    let filed = LibraryFilter { status: Some(Status::Filed), ..Default::default() };
    let mut found = headlines(&store.search("common ", &filed, 10).unwrap())
        .into_iter()
        .map(String::from)
        .collect::<Vec<_>>();
    found.sort();
    assert_eq!(found, ["Brief 0", "Brief 1"]);
    assert_eq!(store.search("common ", &LibraryFilter::default(), 50).unwrap().len(), 50);
    // A first letter alone lists the newest matches.
    let newest = store.search("c", &LibraryFilter::default(), 2).unwrap();
    assert_eq!(headlines(&newest), [format!("Brief {}", count - 1), format!("Brief {}", count - 2)]);
    // A headline hit outranks the rest even when the word is everywhere.
    let top = store.search("common 7 ", &LibraryFilter::default(), 1).unwrap();
    assert_eq!(headlines(&top), ["Brief 7"]);
}

#[test]
fn long_prefixes_are_spelled_out_and_still_match_like_fts5() {
    let (_dir, mut store) = library();
    let mut extra = vec![(
        BriefContent {
            headline: "Gentrifying districts".into(),
            summary: "Gentrification's critics".into(),
            ..Default::default()
        },
        Status::Draft,
    )];
    // More words sharing a prefix than are spelled out: FTS5 expands them.
    let crowd: Vec<String> = (0..70).map(|i| format!("zeitgeistly{i:02}")).collect();
    extra.push((
        BriefContent { headline: "Crowd".into(), summary: crowd.join(" "), ..Default::default() },
        Status::Draft,
    ));
    store.import(&extra).unwrap();
    let any = LibraryFilter::default();
    let mut found = headlines(&store.search("gentrific", &any, 10).unwrap()).join(" | ");
    assert_eq!(found, "Gentrifying districts | Café owners in Séoul protest rents", "headline first");
    found = headlines(&store.search("zeitgeist", &any, 10).unwrap()).join(" | ");
    assert_eq!(found, "Crowd | Café owners in Séoul protest rents", "seventy matches rank first");
    assert_eq!(headlines(&store.search("zeitgeistly6", &any, 10).unwrap()), ["Crowd"]);
    assert_eq!(store.search("zeitgeistless", &any, 10).unwrap().len(), 0);
    let snippet = &store.search("gentrif", &any, 10).unwrap()[0].snippet;
    assert!(snippet.iter().any(|p| p.hit && p.text.to_lowercase().starts_with("gentrif")), "{snippet:?}");
}

#[test]
fn budgets_are_kept_in_the_database() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("b.sqlite3");
    let tight = briefdesk_core::Budgets { total_words: 400, ..Default::default() };
    {
        let mut store = Store::open(&path).unwrap();
        assert_eq!(store.budgets().unwrap(), briefdesk_core::Budgets::default());
        store.set_budgets(&tight).unwrap();
    }
    assert_eq!(Store::open(&path).unwrap().budgets().unwrap(), tight);
}
