//! The store against real SQLite files in a temporary folder.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use briefdesk_core::{BriefContent, ReportSection, Status};
use briefdesk_store::{LibraryFilter, LibrarySort, Store, StoreError, SCHEMA_VERSION};
use rusqlite::Connection;

fn sample() -> BriefContent {
    serde_json::from_str(include_str!("../../briefdesk-core/testdata/korea-china-visit.content.json"))
        .unwrap()
}

fn db() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("briefs.sqlite3");
    (dir, path)
}

#[test]
fn a_saved_draft_survives_reopening_byte_for_byte() {
    let (_dir, path) = db();
    let (id, saved) = {
        let mut store = Store::open(&path).unwrap();
        let brief = store.create().unwrap();
        assert_eq!(brief.revision, 1);
        let saved = store.save_draft(brief.id, 1, &sample()).unwrap();
        assert_eq!(saved.revision, 2);
        (brief.id, saved)
    };
    let store = Store::open(&path).unwrap();
    let brief = store.get(id).unwrap();
    assert_eq!(brief.content, sample());
    assert_eq!(brief.revision, 2);
    assert_eq!(brief.updated_at, saved.updated_at);
    assert_eq!(brief.status, Status::Draft);
    // Curly quotes and dashes come back as the very same bytes.
    assert!(brief.content.headline.as_bytes().windows(3).any(|w| w == "’".as_bytes()));
    assert_eq!(brief.content.report[0].body.as_bytes(), sample().report[0].body.as_bytes());
}

#[test]
fn non_latin_text_and_markdown_specials_are_kept_exactly() {
    let (_dir, path) = db();
    let mut store = Store::open(&path).unwrap();
    let brief = store.create().unwrap();
    let content = BriefContent {
        headline: "이재명 대통령, 베이징서 시진핑과 회담 — “새 출발점”".into(),
        summary: "Line one  \n\n# not a heading\n*   spaced\t tab".into(),
        key_developments: vec!["中国".into(), "".into(), "عربى".into()],
        report: vec![ReportSection {
            heading: "🇰🇷 / 🇨🇳".into(), body: "\u{feff}zero\u{200b}width".into()
        }],
        byline: Some("Ana Núñez".into()),
        tags: vec!["asia".into(), "diplomacy".into()],
        ..Default::default()
    };
    store.save_draft(brief.id, 1, &content).unwrap();
    drop(store);
    assert_eq!(Store::open(&path).unwrap().get(brief.id).unwrap().content, content);
}

#[test]
fn a_stale_revision_is_a_conflict_and_writes_nothing() {
    let (_dir, path) = db();
    let mut first = Store::open(&path).unwrap();
    let mut second = Store::open(&path).unwrap();
    let id = first.create().unwrap().id;

    let mine = BriefContent { headline: "Mine".into(), ..Default::default() };
    let theirs = BriefContent { headline: "Theirs".into(), ..Default::default() };
    assert_eq!(first.save_draft(id, 1, &mine).unwrap().revision, 2);

    let err = second.save_draft(id, 1, &theirs).unwrap_err();
    assert_eq!(err.code(), "conflict");
    assert!(matches!(err, StoreError::Conflict { expected: 1, actual: 2, .. }), "{err}");
    assert!(err.to_string().contains("changed elsewhere"), "{err}");
    let stored = second.get(id).unwrap();
    assert_eq!((stored.content.headline.as_str(), stored.revision), ("Mine", 2));
}

#[test]
fn invalid_content_is_refused_and_the_draft_is_untouched() {
    let (_dir, path) = db();
    let mut store = Store::open(&path).unwrap();
    let id = store.create().unwrap().id;
    store.save_draft(id, 1, &sample()).unwrap();

    let bad = BriefContent { headline: "two\nlines".into(), ..sample() };
    let err = store.save_draft(id, 2, &bad).unwrap_err();
    assert_eq!(err.code(), "invalid");
    assert_eq!(
        err.to_string(),
        "the brief cannot be saved: headline must be one line, but it contains a line break"
    );
    let stored = store.get(id).unwrap();
    assert_eq!((stored.content, stored.revision), (sample(), 2));
}

#[test]
fn list_shows_the_most_recently_edited_first() {
    let (_dir, path) = db();
    let mut store = Store::open(&path).unwrap();
    let mut ids = Vec::new();
    for headline in ["first", "second", "third"] {
        let brief = store.create().unwrap();
        let content =
            BriefContent { headline: headline.into(), tags: vec![headline.into()], ..Default::default() };
        store.save_draft(brief.id, 1, &content).unwrap();
        ids.push(brief.id);
        std::thread::sleep(std::time::Duration::from_millis(3));
    }
    let order = |store: &Store| store.list().unwrap().into_iter().map(|b| b.headline).collect::<Vec<_>>();
    assert_eq!(order(&store), ["third", "second", "first"]);

    store
        .save_draft(ids[0], 2, &BriefContent { headline: "first, edited".into(), ..Default::default() })
        .unwrap();
    assert_eq!(order(&store), ["first, edited", "third", "second"]);
    let listed = store.list().unwrap();
    assert_eq!(listed[1].tags, ["third"]);
    assert_eq!(listed[0].revision, 3);
}

#[test]
fn delete_moves_to_the_trash_which_restores_and_empties() {
    let (_dir, path) = db();
    let mut store = Store::open(&path).unwrap();
    let keep = store.create().unwrap().id;
    let gone = store.create().unwrap().id;
    store.save_draft(gone, 1, &sample()).unwrap();
    store.delete(gone).unwrap();
    assert_eq!(store.list().unwrap().iter().map(|b| b.id).collect::<Vec<_>>(), [keep]);
    assert_eq!(store.trash().unwrap().iter().map(|b| b.id).collect::<Vec<_>>(), [gone]);
    assert!(
        store.search("Beijing", &Default::default(), 10).unwrap().is_empty(),
        "the Trash is not searched"
    );
    assert_eq!(store.delete(gone).unwrap_err().code(), "not_found", "already in the Trash");

    store.restore_from_trash(gone).unwrap();
    assert_eq!(store.list().unwrap().len(), 2);
    assert_eq!(store.get(gone).unwrap().content, sample());

    store.delete(gone).unwrap();
    // Emptying deletes only what the person was shown: a brief trashed
    // after the list was read, or one still in the library, stays.
    let shown: Vec<_> = store.trash().unwrap().iter().map(|b| b.id).collect();
    let late = store.create().unwrap().id;
    store.save_draft(late, 1, &sample()).unwrap();
    store.delete(late).unwrap();
    assert_eq!(store.empty_trash(&[shown[0], keep]).unwrap(), 1);
    assert_eq!(store.trash().unwrap().iter().map(|b| b.id).collect::<Vec<_>>(), [late]);
    assert!(store.get(keep).is_ok(), "a brief in the library is never emptied away");
    store.restore_from_trash(late).unwrap();
    assert!(store.trash().unwrap().is_empty());
    assert_eq!(store.get(gone).unwrap_err().code(), "not_found");
    assert_eq!(store.save_draft(gone, 2, &sample()).unwrap_err().code(), "not_found");
    assert_eq!(store.restore_from_trash(keep).unwrap_err().code(), "not_found");
}

#[test]
fn the_database_is_created_with_its_folder_in_wal_mode() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nested/deeper/briefs.sqlite3");
    drop(Store::open(&path).unwrap());
    let conn = Connection::open(&path).unwrap();
    let mode: String = conn.pragma_query_value(None, "journal_mode", |r| r.get(0)).unwrap();
    let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0)).unwrap();
    assert_eq!((mode.as_str(), version), ("wal", SCHEMA_VERSION));
}

#[test]
fn a_database_from_a_newer_briefdesk_is_refused_and_left_alone() {
    let (_dir, path) = db();
    let id = {
        let mut store = Store::open(&path).unwrap();
        let id = store.create().unwrap().id;
        store.save_draft(id, 1, &sample()).unwrap();
        id
    };
    Connection::open(&path).unwrap().pragma_update(None, "user_version", SCHEMA_VERSION + 7).unwrap();

    let err = Store::open(&path).unwrap_err();
    assert_eq!(err.code(), "newer_database");
    let message = err.to_string();
    assert!(
        message.contains(&path.display().to_string()) && message.contains("Update Briefdesk"),
        "{message}"
    );

    // The brief is still there, unchanged, for the newer version to read.
    let conn = Connection::open(&path).unwrap();
    let headline: String =
        conn.query_row("SELECT headline FROM brief WHERE id = ?1", [id.to_string()], |r| r.get(0)).unwrap();
    assert_eq!(headline, sample().headline);
}

#[test]
fn a_file_that_is_not_a_database_is_refused_and_left_alone() {
    let (_dir, path) = db();
    let garbage = b"this is a journalist's notes file, not SQLite\n".repeat(200);
    std::fs::write(&path, &garbage).unwrap();
    let err = Store::open(&path).unwrap_err();
    assert_eq!(err.code(), "damaged");
    assert!(err.to_string().contains(&path.display().to_string()), "{err}");
    assert_eq!(std::fs::read(&path).unwrap(), garbage);
}

#[test]
fn import_stores_every_brief_or_none() {
    let (_dir, path) = db();
    let mut store = Store::open(&path).unwrap();
    let first = BriefContent { headline: "First".into(), ..Default::default() };
    let second = BriefContent { headline: "Second".into(), ..Default::default() };
    let created = store.import(&[(first.clone(), Status::Draft), (second, Status::Ready)]).unwrap();
    assert_eq!(created.iter().map(|b| b.content.headline.as_str()).collect::<Vec<_>>(), ["First", "Second"]);
    assert_eq!(store.get(created[1].id).unwrap().status, Status::Ready);

    let bad = BriefContent { headline: "a\nb".into(), ..Default::default() };
    let err = store.import(&[(first, Status::Draft), (bad, Status::Draft)]).unwrap_err();
    assert_eq!(err.code(), "invalid");
    assert_eq!(store.list().unwrap().len(), 2, "nothing from the failed import is stored");
}

#[test]
fn replace_draft_saves_over_whatever_revision_is_stored() {
    let (_dir, path) = db();
    let mut store = Store::open(&path).unwrap();
    let id = store.create().unwrap().id;
    store.save_draft(id, 1, &BriefContent { headline: "v2".into(), ..Default::default() }).unwrap();
    let saved = store.replace_draft(id, &sample()).unwrap();
    assert_eq!(saved.revision, 3);
    assert_eq!(store.get(id).unwrap().content, sample());
}

#[test]
fn an_untouched_new_brief_is_discarded_and_a_written_one_never_is() {
    let (_dir, path) = db();
    let mut store = Store::open(&path).unwrap();
    let empty = store.create().unwrap();
    assert!(store.discard_if_untouched(empty.id).unwrap());
    assert!(matches!(store.get(empty.id), Err(StoreError::NotFound(_))));
    assert!(store.list().unwrap().is_empty());

    // Typed in, even if later emptied again: it has a revision, it stays.
    let typed = store.create().unwrap();
    let saved = store.save_draft(typed.id, typed.revision, &sample()).unwrap();
    store.save_draft(typed.id, saved.revision, &BriefContent::default()).unwrap();
    assert!(!store.discard_if_untouched(typed.id).unwrap());
    // Imported, with history: stays.
    let imported = store.import(&[(BriefContent::default(), Status::Draft)]).unwrap();
    assert!(!store.discard_if_untouched(imported[0].id).unwrap());
    assert_eq!(store.list().unwrap().len(), 2);
}

#[test]
fn a_save_into_a_brief_moved_to_the_trash_is_refused_and_the_words_can_be_kept_as_new() {
    let (_dir, path) = db();
    let mut store = Store::open(&path).unwrap();
    let brief = store.create().unwrap();
    let saved = store.save_draft(brief.id, brief.revision, &sample()).unwrap();
    // Another window (another connection) moves it to the Trash.
    Store::open(&path).unwrap().delete(brief.id).unwrap();
    let mut typed = sample();
    typed.summary.push_str(" One more sentence.");
    let error = store.save_draft(brief.id, saved.revision, &typed).unwrap_err();
    assert_eq!(error.code(), "not_found", "{error}");
    let copy = store.save_as_new(&typed, false).unwrap();
    assert_eq!(store.get(copy.id).unwrap().content, typed);
}

#[test]
fn a_conflicted_copy_fits_even_with_a_headline_at_the_limit() {
    let (_dir, path) = db();
    let mut store = Store::open(&path).unwrap();
    let mut content = sample();
    content.headline = "h".repeat(2_000);
    let copy = store.save_as_new(&content, true).unwrap();
    let stored = store.get(copy.id).unwrap().content;
    assert!(stored.headline.ends_with(" (conflicted copy)"), "{}", stored.headline);
    assert_eq!(stored.headline.chars().count(), 2_000);
    assert_eq!(stored.summary, content.summary);
}

#[test]
fn changes_from_another_connection_are_noticed_and_our_own_are_not() {
    let (_dir, path) = db();
    let mut store = Store::open(&path).unwrap();
    let before = store.outside_changes().unwrap();
    let brief = store.create().unwrap();
    store.save_draft(brief.id, brief.revision, &sample()).unwrap();
    assert_eq!(store.outside_changes().unwrap(), before, "our own writes");
    Store::open(&path).unwrap().create().unwrap();
    assert_ne!(store.outside_changes().unwrap(), before, "another connection's write");
}

#[test]
fn the_library_view_spelling_language_and_export_folder_are_kept() {
    let (_dir, path) = db();
    let mut store = Store::open(&path).unwrap();
    assert_eq!(store.library_view().unwrap(), LibraryFilter::default());
    assert_eq!(store.spelling_language().unwrap(), None);
    assert_eq!(store.export_folder().unwrap(), None);
    store.set_export_folder(std::path::Path::new("/home/jo/Briefs/Seoul desk")).unwrap();
    let view = LibraryFilter {
        status: Some(Status::Ready),
        tag: Some("asia".into()),
        sort: LibrarySort::Headline,
        limit: Some(200),
    };
    store.set_library_view(&view).unwrap();
    store.set_spelling_language(Some("en_GB")).unwrap();
    drop(store);
    let store = Store::open(&path).unwrap();
    assert_eq!(store.library_view().unwrap(), LibraryFilter { limit: None, ..view });
    assert_eq!(store.spelling_language().unwrap().as_deref(), Some("en_GB"));
    assert_eq!(
        store.export_folder().unwrap().as_deref(),
        Some(std::path::Path::new("/home/jo/Briefs/Seoul desk"))
    );
}
