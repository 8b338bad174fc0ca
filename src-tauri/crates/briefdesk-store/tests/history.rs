//! Version history against real SQLite files, with a clock the test moves.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::cell::Cell;

use briefdesk_core::{BriefContent, PartRef, ReportSection, Status, VersionKind};
use briefdesk_store::Store;
use time::OffsetDateTime;

thread_local! {
    static NOW_MS: Cell<i64> = const { Cell::new(1_790_000_000_000) };
}

fn clock() -> OffsetDateTime {
    OffsetDateTime::from_unix_timestamp_nanos(i128::from(NOW_MS.with(Cell::get)) * 1_000_000).unwrap()
}

fn advance(seconds: i64) {
    NOW_MS.with(|now| now.set(now.get() + seconds * 1000));
}

fn sample() -> BriefContent {
    serde_json::from_str(include_str!("../../briefdesk-core/testdata/korea-china-visit.content.json"))
        .unwrap()
}

fn store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("h.sqlite3")).unwrap().with_clock(clock);
    (dir, store)
}

fn kinds(store: &Store, id: briefdesk_core::BriefId) -> Vec<(u32, VersionKind, Option<String>)> {
    store.history(id).unwrap().into_iter().map(|v| (v.version, v.kind, v.label)).collect()
}

#[test]
fn drafts_record_versions_by_time_or_by_words_and_never_for_no_change() {
    let (_dir, mut store) = store();
    let id = store.create().unwrap().id;
    let mut revision = 1;
    let mut save = |store: &mut Store, summary: &str| {
        let content = BriefContent { summary: summary.into(), ..Default::default() };
        revision = store.save_draft(id, revision, &content).unwrap().revision;
    };
    save(&mut store, "Lee");
    advance(10);
    save(&mut store, "Lee lands");
    assert!(store.history(id).unwrap().is_empty(), "a few words within minutes record nothing");

    advance(5 * 60);
    save(&mut store, "Lee lands in Beijing");
    assert_eq!(kinds(&store, id), [(1, VersionKind::Auto, None)]);

    advance(1);
    save(&mut store, "Lee lands in Beijing");
    assert_eq!(store.history(id).unwrap().len(), 1, "saving what the latest version holds records nothing");

    save(&mut store, &format!("Lee lands in Beijing {}", "more words here ".repeat(20)));
    let history = store.history(id).unwrap();
    assert_eq!(history.len(), 2, "more than 50 words changed records at once");
    assert_eq!((history[1].added, history[1].removed), (60, 0));
    assert_eq!(history[1].words, 64);
}

#[test]
fn named_milestone_and_import_versions() {
    let (_dir, mut store) = store();
    let brief = store.import(&[(sample(), Status::Draft)]).unwrap().remove(0);
    store.save_draft(brief.id, 1, &BriefContent { headline: "Edited".into(), ..sample() }).unwrap();
    let named = store.save_version(brief.id, Some("  Sent to desk  ")).unwrap();
    assert_eq!((named.version, named.label.as_deref()), (2, Some("Sent to desk")));
    let after = store.set_status(brief.id, 2, Status::InReview).unwrap();
    assert_eq!((after.status, after.revision), (Status::InReview, 3));
    assert_eq!(
        kinds(&store, brief.id),
        [
            (1, VersionKind::Import, None),
            (2, VersionKind::Named, Some("Sent to desk".into())),
            (3, VersionKind::Milestone, Some("In review".into())),
        ]
    );
    assert_eq!(store.history(brief.id).unwrap()[2].status, Status::InReview);
    assert_eq!(store.set_status(brief.id, 2, Status::Ready).unwrap_err().code(), "conflict");
    assert_eq!(store.version(brief.id, 1).unwrap().content, sample());
    assert_eq!(store.version(brief.id, 2).unwrap().content.headline, "Edited");
    assert_eq!(store.version(brief.id, 9).unwrap_err().code(), "no_such_version");
}

#[test]
fn every_version_reads_back_exactly_across_many_keyframes() {
    let (dir, mut store) = store();
    let id = store.import(&[(sample(), Status::Draft)]).unwrap()[0].id;
    let mut expected = vec![sample()];
    let mut content = sample();
    for i in 0..150 {
        content.report[i % 4].body.push_str(&format!(" Update {i}: “quoted” — 한국."));
        if i % 7 == 0 {
            content.key_developments.rotate_left(1);
        }
        store.save_draft(id, store.get(id).unwrap().revision, &content).unwrap();
        store.save_version(id, None).unwrap();
        expected.push(content.clone());
    }
    // A fresh store has no cache: reads go to the stored deltas.
    let reopened = Store::open(&dir.path().join("h.sqlite3")).unwrap();
    for (i, want) in expected.iter().enumerate() {
        assert_eq!(&reopened.version(id, i as u32 + 1).unwrap().content, want, "version {}", i + 1);
    }
    // Small edits cost little: far less than the brief's size per version.
    let per_version = reopened.history_bytes().unwrap() / expected.len() as u64;
    assert!(per_version < 400, "{per_version} bytes per version");
}

#[test]
fn a_restore_records_the_current_state_first_so_it_can_be_undone() {
    let (_dir, mut store) = store();
    let id = store.import(&[(sample(), Status::Draft)]).unwrap()[0].id;
    // A small edit: no automatic version yet.
    let edited = BriefContent { headline: "A worse headline".into(), ..sample() };
    store.save_draft(id, 1, &edited).unwrap();
    assert_eq!(store.history(id).unwrap().len(), 1);

    let restored = store.restore(id, 1, None).unwrap();
    assert_eq!((restored.content.clone(), restored.revision), (sample(), 3));
    assert_eq!(store.get(id).unwrap().content, sample());
    let before = store.history(id).unwrap().pop().unwrap();
    assert_eq!(
        (before.kind, before.label.as_deref()),
        (VersionKind::Restore, Some("Before restoring version 1"))
    );

    let undone = store.restore(id, before.version, None).unwrap();
    assert_eq!(undone.content, edited);
}

#[test]
fn a_restore_of_a_state_already_versioned_adds_no_duplicate() {
    let (_dir, mut store) = store();
    let id = store.import(&[(sample(), Status::Draft)]).unwrap()[0].id;
    let edited = BriefContent { headline: "Edited".into(), ..sample() };
    store.save_draft(id, 1, &edited).unwrap();
    store.save_version(id, Some("Mine")).unwrap();
    store.restore(id, 1, None).unwrap();
    assert_eq!(
        kinds(&store, id),
        [(1, VersionKind::Import, None), (2, VersionKind::Named, Some("Mine".into()))]
    );
    assert_eq!(store.restore(id, 2, None).unwrap().content, edited);
}

#[test]
fn one_part_or_one_section_can_be_restored() {
    let (_dir, mut store) = store();
    let id = store.import(&[(sample(), Status::Draft)]).unwrap()[0].id;
    let mut edited = sample();
    edited.headline = "New headline".into();
    edited.report[3] = ReportSection { heading: "Maritime Tensions".into(), body: "Cut to one line.".into() };
    store.save_draft(id, 1, &edited).unwrap();

    let restored = store.restore(id, 1, Some(&PartRef::Report("Maritime Tensions".into()))).unwrap();
    assert_eq!(restored.content.report[3], sample().report[3]);
    assert_eq!(restored.content.headline, "New headline", "other parts keep the current text");
    let restored = store.restore(id, 1, Some(&PartRef::Headline)).unwrap();
    assert_eq!(restored.content, sample());
    let err = store.restore(id, 1, Some(&PartRef::Report("Nope".into()))).unwrap_err();
    assert_eq!(err.code(), "cannot_restore");
}

#[test]
fn retention_prunes_automatic_versions_only_and_keeps_the_rest_readable() {
    let (_dir, mut store) = store();
    let id = store.import(&[(sample(), Status::Draft)]).unwrap()[0].id;
    let mut content = sample();
    let mut expected = std::collections::HashMap::new();
    for i in 0..12 {
        advance(6 * 60);
        content.context.push_str(&format!(" Note {i}."));
        store.save_draft(id, store.get(id).unwrap().revision, &content).unwrap();
        if i == 3 {
            store.save_version(id, Some("Keep me")).unwrap();
        }
        if i == 5 {
            store.set_status(id, store.get(id).unwrap().revision, Status::Ready).unwrap();
        }
        for v in store.history(id).unwrap() {
            expected.entry(v.version).or_insert_with(|| store.version(id, v.version).unwrap().content);
        }
    }
    assert_eq!(store.prune(id).unwrap(), 0, "keep everything by default");
    store.set_retention(Some(3)).unwrap();
    let pruned = store.prune(id).unwrap();
    let history = store.history(id).unwrap();
    assert!(pruned > 0);
    assert_eq!(history.iter().filter(|v| v.kind.prunable()).count(), 3);
    assert!(history.iter().any(|v| v.label.as_deref() == Some("Keep me")));
    assert!(history.iter().any(|v| v.kind == VersionKind::Milestone));
    for v in &history {
        assert_eq!(
            store.version(id, v.version).unwrap().content,
            expected[&v.version],
            "version {}",
            v.version
        );
    }
}

#[test]
fn history_goes_to_the_trash_with_its_brief_and_away_when_emptied() {
    let (_dir, mut store) = store();
    let id = store.import(&[(sample(), Status::Draft)]).unwrap()[0].id;
    store.delete(id).unwrap();
    assert_eq!(store.history(id).unwrap().len(), 1, "a brief in the Trash keeps its history");
    store.empty_trash(&[id]).unwrap();
    assert_eq!(store.history_bytes().unwrap(), 0);
}

/// What a comparison shows besides the prose: (tags added, removed, kept),
/// whether the byline changed, and the status change.
type Metadata = ((Vec<String>, Vec<String>, Vec<String>), bool, Option<(Status, Status)>);

fn metadata(diff: &briefdesk_core::BriefDiff) -> Metadata {
    let tags = (diff.tags.added.clone(), diff.tags.removed.clone(), diff.tags.kept.clone());
    (tags, diff.byline.changed, diff.status.map(|s| (s.old, s.new)))
}

fn prose_changed(diff: &briefdesk_core::BriefDiff) -> bool {
    [&diff.headline, &diff.summary, &diff.why_it_matters, &diff.context].iter().any(|t| t.changed)
        || diff.key_developments.iter().any(|b| b.change != briefdesk_core::ItemChange::Same || b.moved)
        || diff.report.iter().any(|s| s.change != briefdesk_core::ItemChange::Same || s.moved)
}

#[test]
fn compare_shows_tags_byline_and_status_changes_and_counts_only_prose_words() {
    let (_dir, mut store) = store();
    let tagged = BriefContent { tags: vec!["asia".into(), "trade".into()], ..sample() };
    let id = store.import(&[(tagged.clone(), Status::Draft)]).unwrap()[0].id;
    let retagged = BriefContent { tags: vec!["security".into(), "asia".into()], ..tagged };
    store.save_draft(id, 1, &retagged).unwrap();
    store.save_version(id, Some("Tags")).unwrap();
    let bylined = BriefContent { byline: Some("Ana Núñez, Seoul".into()), ..retagged };
    store.save_draft(id, 2, &bylined).unwrap();
    store.save_version(id, Some("Byline")).unwrap();
    store.set_status(id, 3, Status::Ready).unwrap();
    assert_eq!(store.history(id).unwrap().len(), 4);

    let strings = |tags: &[&str]| tags.iter().map(|t| t.to_string()).collect::<Vec<_>>();
    // (older side, newer side, what is shown besides prose, words added and removed)
    type Case = (Option<u32>, Option<u32>, Metadata, (u32, u32));
    let cases: [Case; 6] = [
        // Tags only: shown tag by tag, and no words, since no prose part changed.
        (
            Some(1),
            Some(2),
            ((strings(&["security"]), strings(&["trade"]), strings(&["asia"])), false, None),
            (0, 0),
        ),
        // Byline only: its words are the only words.
        (Some(2), Some(3), ((vec![], vec![], strings(&["security", "asia"])), true, None), (3, 0)),
        // Status only, from the versions' rows.
        (
            Some(3),
            Some(4),
            ((vec![], vec![], strings(&["security", "asia"])), false, Some((Status::Draft, Status::Ready))),
            (0, 0),
        ),
        // The current draft's status is the brief's.
        (
            Some(3),
            None,
            ((vec![], vec![], strings(&["security", "asia"])), false, Some((Status::Draft, Status::Ready))),
            (0, 0),
        ),
        (
            None,
            Some(1),
            (
                (strings(&["trade"]), strings(&["security"]), strings(&["asia"])),
                true,
                Some((Status::Ready, Status::Draft)),
            ),
            (0, 3),
        ),
        (Some(4), None, ((vec![], vec![], strings(&["security", "asia"])), false, None), (0, 0)),
    ];
    for (old, new, expected, words) in cases {
        let diff = store.compare(id, old, new).unwrap();
        let case = format!("{old:?} → {new:?}");
        assert_eq!(metadata(&diff), expected, "{case}");
        assert_eq!((diff.words_added, diff.words_removed), words, "{case}");
        assert!(!prose_changed(&diff), "{case}: no prose part changed");
        let (tags, byline, status) = &expected;
        let changed = !tags.0.is_empty() || !tags.1.is_empty() || *byline || status.is_some();
        assert_eq!(diff.is_empty(), !changed, "{case}");
    }

    // The version list counts the same way: a tag change wrote no words.
    let counts: Vec<(u32, u32)> = store.history(id).unwrap().iter().map(|v| (v.added, v.removed)).collect();
    assert_eq!(counts[1..], [(0, 0), (3, 0), (0, 0)]);
}
