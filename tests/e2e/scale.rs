//! End-to-end at scale: 10,000 briefs of 20 versions each. The app must
//! start and show its library; the time from launch to an interactive
//! library is measured and written to target/e2e/scale.txt.

use std::sync::atomic::{AtomicI64, Ordering};
use std::time::{Duration, Instant};

use briefdesk_core::{BriefContent, ReportSection, Status};
use briefdesk_store::{LibraryFilter, Store};
use time::OffsetDateTime;

use crate::support::{screenshot, Harness};

const BRIEFS: usize = 10_000;
const VERSIONS: u32 = 20;

/// The store's clock, moved on by hand so every round of edits is a new
/// version by the automatic policy (five minutes since the last one).
static NOW: AtomicI64 = AtomicI64::new(1_767_225_600); // 2026-01-01

fn clock() -> OffsetDateTime {
    OffsetDateTime::from_unix_timestamp(NOW.load(Ordering::Relaxed)).unwrap_or(OffsetDateTime::UNIX_EPOCH)
}

fn words(seed: usize, count: usize) -> String {
    const WORDS: [&str; 16] = [
        "minister",
        "talks",
        "border",
        "trade",
        "tariff",
        "election",
        "vote",
        "coalition",
        "budget",
        "inflation",
        "court",
        "ruling",
        "summit",
        "sanctions",
        "ceasefire",
        "protest",
    ];
    (0..count).map(|i| WORDS[(seed * 7 + i * 13) % WORDS.len()]).collect::<Vec<_>>().join(" ")
}

fn brief(i: usize, round: u32) -> BriefContent {
    BriefContent {
        headline: format!("Brief {i}: {}", words(i, 6)),
        summary: format!("{} (edit {round})", words(i + 1, 40)),
        why_it_matters: words(i + 2, 30),
        key_developments: (0..4).map(|k| words(i + k, 12)).collect(),
        report: (0..2)
            .map(|k| ReportSection {
                heading: words(i + k, 3),
                body: format!("{} {round}", words(i + k + 5, 70)),
            })
            .collect(),
        context: words(i + 9, 30),
        byline: None,
        tags: vec![words(i % 20, 1)],
    }
}

/// 10,000 briefs, each then edited 19 times with the clock moved on between
/// rounds: 20 versions each (the import is the first).
fn populate(db: &std::path::Path) -> Duration {
    let started = Instant::now();
    let mut store = Store::open(db).unwrap().with_clock(clock);
    let mut ids = Vec::with_capacity(BRIEFS);
    for chunk in 0..BRIEFS / 1_000 {
        let batch: Vec<(BriefContent, Status)> =
            (chunk * 1_000..(chunk + 1) * 1_000).map(|i| (brief(i, 0), Status::Draft)).collect();
        ids.extend(store.import(&batch).unwrap().into_iter().map(|b| (b.id, b.revision)));
    }
    for round in 1..VERSIONS {
        NOW.fetch_add(6 * 60, Ordering::Relaxed);
        for (i, (id, revision)) in ids.iter_mut().enumerate() {
            *revision = store.save_draft(*id, *revision, &brief(i, round)).unwrap().revision;
        }
    }
    let sample = ids[BRIEFS / 2].0;
    assert_eq!(store.history(sample).unwrap().len(), VERSIONS as usize);
    assert_eq!(store.library(&LibraryFilter::default()).unwrap().len(), BRIEFS);
    started.elapsed()
}

#[test]
fn ten_thousand_briefs_of_twenty_versions_open_to_an_interactive_library() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("scale.sqlite3");
    let made = populate(&db);
    let size = std::fs::metadata(&db).unwrap().len();

    let harness = Harness::start();
    // The same launch on an empty library, for scale.
    let launched = Instant::now();
    let app = harness.launch(&dir.path().join("empty.sqlite3"));
    app.find("[data-testid=library-empty]");
    let empty = launched.elapsed();
    app.close();

    let launched = Instant::now();
    let app = harness.launch(&db);
    app.find("[data-testid=library-entry]");
    let interactive = launched.elapsed();
    // Interactive: the newest brief opens from the library.
    let entries = app.find_all("[data-testid=library-entry]");
    app.click(&entries[0]);
    app.wait_until(|| app.try_value("#headline").is_some_and(|h| h.starts_with("Brief ")), "a brief to open");
    let opened = launched.elapsed();
    assert!(app.try_find("[data-testid=show-more]").is_some(), "the rest is a click away");
    screenshot(&app, "library-10k.png");
    app.close();

    // Named, so that no figure can land in another's place.
    let megabytes = size as f64 / 1e6;
    let [made, empty, interactive, opened] = [made, empty, interactive, opened].map(|d| d.as_secs_f64());
    let drawn = entries.len();
    let report = format!(
        "scale: {BRIEFS} briefs × {VERSIONS} versions ({megabytes:.0} MB database, made in {made:.0} s): \
         launch to library shown {interactive:.2} s (an empty library: {empty:.2} s), \
         to the first brief open {opened:.2} s; {drawn} entries drawn\n"
    );
    print!("{report}");
    let out = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/e2e");
    std::fs::create_dir_all(&out).unwrap();
    std::fs::write(out.join("scale.txt"), report).unwrap();
}
