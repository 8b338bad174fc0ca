//! The laptop's side of the desk, without a server: the outbox is written
//! in the same transaction as the save it publishes, coalesces keystroke
//! saves until a push is tried, and holds nothing a failed save did not store.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use briefdesk_core::{BriefContent, Status};
use briefdesk_store::{Acknowledged, OutboxKind, Store, StoreError};

fn content(summary: &str) -> BriefContent {
    BriefContent { headline: "Talks".into(), summary: summary.into(), ..Default::default() }
}

fn linked() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("b.sqlite3")).unwrap();
    store.link_desk("postgresql://ana@127.0.0.1:5432/news", "news").unwrap();
    (dir, store)
}

#[test]
fn a_shared_briefs_saves_coalesce_into_one_revision_until_a_push_is_tried() {
    let (_dir, mut store) = linked();
    let brief = store.create().unwrap();
    assert!(store.outbox().unwrap().is_empty(), "an empty new brief sends nothing yet");
    let r = store.save_draft(brief.id, brief.revision, &content("One.")).unwrap();
    let r = store.save_draft(brief.id, r.revision, &content("One. Two.")).unwrap();
    let outbox = store.outbox().unwrap();
    assert_eq!(outbox.len(), 1);
    assert_eq!(outbox[0].body.as_ref().unwrap().summary, "One. Two.");
    assert_eq!(outbox[0].parent, None, "the brief's first revision");

    // Once tried, the body is fixed: the next save is a revision of its own, after it.
    store.mark_attempted(outbox[0].seq).unwrap();
    store.save_draft(brief.id, r.revision, &content("One. Two. Three.")).unwrap();
    let outbox = store.outbox().unwrap();
    assert_eq!(outbox.len(), 2);
    assert_eq!(outbox[0].body.as_ref().unwrap().summary, "One. Two.");
    assert_eq!(outbox[1].parent, Some(outbox[0].id));

    store.acknowledge(&outbox[0], Acknowledged::Accepted).unwrap();
    assert_eq!(store.desk_base(brief.id).unwrap(), Some(outbox[0].id));
    assert_eq!(store.outbox().unwrap().len(), 1);
}

#[test]
fn a_save_that_fails_puts_nothing_in_the_outbox() {
    let (_dir, mut store) = linked();
    let brief = store.create().unwrap();
    let saved = store.save_draft(brief.id, brief.revision, &content("Stored.")).unwrap();
    let before = store.outbox().unwrap();
    // A stale revision: a conflict, nothing written.
    let error = store.save_draft(brief.id, brief.revision, &content("Stale.")).unwrap_err();
    assert!(matches!(error, StoreError::Conflict { .. }));
    // Too long a headline: refused, nothing written.
    let long = BriefContent { headline: "x".repeat(5000), ..content("Long.") };
    assert!(store.save_draft(brief.id, saved.revision, &long).is_err());
    assert_eq!(store.outbox().unwrap(), before);
}

#[test]
fn briefs_join_by_themselves_unless_the_library_says_otherwise() {
    let (_dir, mut store) = linked();
    let shared = store.import(&[(content("Imported."), Status::Draft)]).unwrap();
    assert_eq!(store.outbox().unwrap().len(), 1, "an import joins with its content");
    store.set_share_new(false).unwrap();
    let private = store.create().unwrap();
    store.save_draft(private.id, private.revision, &content("Mine alone.")).unwrap();
    assert_eq!(store.outbox().unwrap().len(), 1, "a brief not shared sends nothing");
    store.share(private.id).unwrap();
    let outbox = store.outbox().unwrap();
    assert_eq!(outbox.len(), 2);
    assert_eq!(outbox[1].body.as_ref().unwrap().summary, "Mine alone.");
    assert_eq!(store.desk_status().unwrap().len(), 2);
    let _ = shared;
    // A conflicted copy stays on this laptop even when new briefs are shared.
    store.set_share_new(true).unwrap();
    let copy = store.save_as_new(&content("Words that did not go in."), true).unwrap();
    assert!(copy.content.headline.contains("conflicted copy"));
    assert!(store.desk_status().unwrap().iter().all(|b| b.id != copy.id), "the copy was shared");
    assert_eq!(store.outbox().unwrap().len(), 2);
    let kept = store.save_as_new(&content("Kept as a new brief."), false).unwrap();
    assert!(store.desk_status().unwrap().iter().any(|b| b.id == kept.id), "a new brief is shared");
}

#[test]
fn a_named_version_and_a_status_travel_individually() {
    let (_dir, mut store) = linked();
    let brief = store.create().unwrap();
    let saved = store.save_draft(brief.id, brief.revision, &content("Words.")).unwrap();
    store.save_version(brief.id, Some("Sent to the desk")).unwrap();
    store.set_status_noted(brief.id, saved.revision, Status::InReview, Some("Please read")).unwrap();
    let kinds: Vec<_> = store.outbox().unwrap().iter().map(|r| (r.kind, r.label.clone())).collect();
    assert_eq!(
        kinds,
        [
            (OutboxKind::Save, None),
            (OutboxKind::Version, Some("Sent to the desk".into())),
            (OutboxKind::State, Some("Please read".into())),
        ]
    );
}

#[test]
fn a_library_linked_to_one_desk_refuses_another_and_unlinked_sharing_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("b.sqlite3")).unwrap();
    let brief = store.create().unwrap();
    assert_eq!(store.share(brief.id).unwrap_err().code(), "not_linked");
    store.link_desk("postgresql://ana@h/db", "news").unwrap();
    store.link_desk("postgresql://ana@h/db", "news").unwrap();
    let error = store.link_desk("postgresql://ana@h/db", "sport").unwrap_err();
    assert_eq!(error.code(), "desk_linked");
    assert!(error.to_string().contains("news"), "{error}");
}

#[test]
fn disconnecting_keeps_every_brief_and_refuses_while_changes_wait_unless_asked_again() {
    let (dir, mut store) = linked();
    let brief = store.create().unwrap();
    store.save_draft(brief.id, brief.revision, &content("Not on the desk yet.")).unwrap();

    let error = store.unlink_desk(false).unwrap_err();
    assert_eq!(error.code(), "desk_unsent");
    assert!(error.to_string().starts_with("1 change has not reached the desk yet: sync first"), "{error}");
    assert!(store.desk_link().unwrap().is_some(), "a refused disconnect changed the link");
    assert_eq!(store.outbox().unwrap().len(), 1, "a refused disconnect dropped the outbox");

    let gone = store.unlink_desk(true).unwrap();
    assert_eq!(gone.desk, "news");
    assert_eq!(store.desk_link().unwrap(), None);
    assert!(store.outbox().unwrap().is_empty());
    assert!(store.desk_status().unwrap().is_empty());
    assert_eq!(store.unlink_desk(true).unwrap_err().code(), "not_linked");
    // The words stay, in the file, and the next save publishes nothing.
    drop(store);
    let mut store = Store::open(&dir.path().join("b.sqlite3")).unwrap();
    let kept = store.get(brief.id).unwrap();
    assert_eq!(kept.content.summary, "Not on the desk yet.");
    store.save_draft(brief.id, kept.revision, &content("Mine alone now.")).unwrap();
    assert!(store.outbox().unwrap().is_empty());

    // Another desk can be joined now, and nothing from the first follows.
    store.link_desk("postgresql://ana@h/db", "sport").unwrap();
    assert!(store.desk_status().unwrap().is_empty());
    assert_eq!(store.apply_pulled(&[], 0).unwrap(), Default::default());
    store.unlink_desk(false).unwrap();
    assert_eq!(
        store.apply_pulled(&[], 9).unwrap_err().code(),
        "not_linked",
        "a batch pulled before a disconnect"
    );
}

#[test]
fn a_desk_version_opens_and_compares_with_the_draft_here() {
    let (_dir, mut store) = linked();
    let id = briefdesk_core::BriefId(uuid::Uuid::now_v7());
    let pulled = |seq: i64, version: i32, summary: &str| briefdesk_store::RemoteRevision {
        id: uuid::Uuid::now_v7(),
        brief_id: id,
        seq,
        parent: None,
        merged: vec![],
        kind: "save".into(),
        label: None,
        version: Some(version),
        author: "ana".into(),
        state: None,
        note: None,
        body: Some(content(summary)),
        created_at: time::OffsetDateTime::UNIX_EPOCH,
    };
    store.apply_pulled(&[pulled(1, 1, "Talks began."), pulled(2, 2, "Talks began in Geneva.")], 2).unwrap();
    assert_eq!(store.desk_version(id, 1).unwrap().summary, "Talks began.");
    assert_eq!(store.desk_version(id, 2).unwrap().summary, "Talks began in Geneva.");

    let draft = store.get(id).unwrap();
    store.save_draft(id, draft.revision, &content("Talks ended.")).unwrap();
    let diff = store.compare_desk_version(id, 1).unwrap();
    let spans: Vec<(String, String)> =
        diff.summary.spans.iter().map(|s| (format!("{:?}", s.kind), s.text.clone())).collect();
    assert!(spans.iter().any(|(kind, text)| kind == "Removed" && text.contains("began")), "{spans:?}");
    assert!(spans.iter().any(|(kind, text)| kind == "Added" && text.contains("ended")), "{spans:?}");

    let missing = store.desk_version(id, 9).unwrap_err();
    assert_eq!(missing.code(), "no_such_version");
    assert!(missing.to_string().contains("no version 9 on the desk"), "{missing}");
}

#[test]
fn a_library_never_synced_marks_its_shared_briefs_without_a_role_or_a_state() {
    // Linked, then offline from the start: the server never said her role,
    // nor any brief's state. The library still lists them (this once failed
    // on a NULL and filled the window with a database error).
    let (_dir, mut store) = linked();
    let brief = store.create().unwrap();
    store.save_draft(brief.id, brief.revision, &content("Written offline.")).unwrap();
    let marks = store.desk_briefs().unwrap();
    assert_eq!(marks.len(), 1);
    assert!(!marks[0].locked);
    assert_eq!(marks[0].waiting, 1);
}
