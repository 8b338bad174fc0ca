//! End-to-end: faults and a second writer, in the real app. The app keeps
//! running, says what happened, and never loses or overwrites words.

use briefdesk_core::BriefContent;
use briefdesk_store::Store;

use crate::support::webdriver::Session;
use crate::support::{screenshot, Harness};

#[test]
fn a_damaged_database_is_explained_the_app_keeps_running_and_the_file_is_untouched() {
    let harness = Harness::start();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("damaged.sqlite3");
    let mut store = Store::open(&db).unwrap();
    let many: Vec<_> = (0..100)
        .map(|i| {
            (
                BriefContent { headline: format!("Brief {i}"), ..Default::default() },
                briefdesk_core::Status::Draft,
            )
        })
        .collect();
    store.import(&many).unwrap();
    drop(store);
    let whole = std::fs::read(&db).unwrap();
    let half = whole[..whole.len() / 2].to_vec();
    std::fs::write(&db, &half).unwrap();

    let app = harness.launch(&db);
    let says_damaged = || {
        app.try_find("[data-testid=problem]")
            .and_then(|p| app.try_text_content(&p))
            .is_some_and(|t| t.contains("damaged") && t.contains("damaged.sqlite3"))
    };
    app.wait_until(says_damaged, "the window to say the database is damaged");
    screenshot(&app, "damaged-database.png");
    // Still running: another action answers with the same reason.
    app.click(&app.find("[data-problem-dismiss]"));
    assert!(app.try_find("[data-testid=problem]").is_none());
    app.click(&app.find("[data-testid=new-brief]"));
    app.wait_until(says_damaged, "New brief to answer with the same reason");
    app.close();
    assert_eq!(std::fs::read(&db).unwrap(), half, "nothing was written to the damaged file");
}

#[test]
fn a_locked_database_fails_the_save_visibly_and_the_words_are_saved_once_it_is_free() {
    let harness = Harness::start();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("locked.sqlite3");
    let app = harness.launch(&db);
    app.click(&app.find("[data-testid=new-brief]"));
    let headline = app.find("#headline");
    app.send_keys(&headline, "Before the lock");
    app.wait_for_text("[data-testid=save-state]", "Saved");

    // Another process (this test) takes the write lock.
    let other = rusqlite::Connection::open(&db).unwrap();
    other.execute_batch("BEGIN EXCLUSIVE").unwrap();
    app.send_keys(&headline, ", during it");
    wait_for_failed_save(&app, "in use by another program");
    screenshot(&app, "save-failed-locked.png");
    other.execute_batch("ROLLBACK").unwrap();
    drop(other);

    // Without another keystroke, the words are retried and saved.
    app.wait_for_text("[data-testid=save-state]", "Saved");
    let store = Store::open(&db).unwrap();
    let id = store.list().unwrap()[0].id;
    assert_eq!(store.get(id).unwrap().content.headline, "Before the lock, during it");
    app.send_keys(&headline, ", after it");
    app.wait_for_text("[data-testid=save-state]", "Saved");
    app.close();
    assert_eq!(store.get(id).unwrap().content.headline, "Before the lock, during it, after it");
}

#[test]
fn a_full_disk_fails_the_save_visibly_and_the_words_are_saved_once_there_is_room() {
    let dir = tempfile::tempdir().unwrap();
    let harness = Harness::start_with_small_filesystem(dir.path());
    let db = dir.path().join("full.sqlite3");
    let app = harness.launch(&db);
    app.click(&app.find("[data-testid=new-brief]"));
    let headline = app.find("#headline");
    app.send_keys(&headline, "Before the disk filled");
    app.wait_for_text("[data-testid=save-state]", "Saved");

    // Another program fills the app's disk to the last byte.
    let filler = harness.inside(&dir.path().join("filler"));
    fill_the_disk(&filler);
    app.send_keys(&headline, ", while it was full");
    wait_for_failed_save(&app, "disk is full");
    screenshot(&app, "save-failed-disk-full.png");
    // Still running, the words still on screen.
    assert_eq!(app.try_value("#headline").as_deref(), Some("Before the disk filled, while it was full"));

    // Once there is room, the words are saved without another keystroke.
    std::fs::remove_file(&filler).unwrap();
    app.wait_for_text("[data-testid=save-state]", "Saved");
    app.close();
    // SQLite resolves /proc/PID/root back to this namespace's "/", so the
    // database is read from a copy.
    let copy = tempfile::tempdir().unwrap();
    for suffix in ["", "-wal"] {
        let name = format!("full.sqlite3{suffix}");
        if let Ok(bytes) = std::fs::read(harness.inside(&dir.path().join(&name))) {
            std::fs::write(copy.path().join(&name), bytes).unwrap();
        }
    }
    let store = Store::open(&copy.path().join("full.sqlite3")).unwrap();
    let id = store.list().unwrap()[0].id;
    assert_eq!(store.get(id).unwrap().content.headline, "Before the disk filled, while it was full");
}

/// Waits until the save indicator says the last save failed, and why.
fn wait_for_failed_save(app: &Session, reason: &str) {
    app.wait_until(
        || {
            app.try_text_content(&app.find("[data-testid=save-state]"))
                .is_some_and(|t| t.contains("Not saved"))
                && app
                    .try_find("[data-testid=save-error]")
                    .and_then(|e| app.try_text_content(&e))
                    .is_some_and(|t| t.contains(reason))
        },
        &format!("the save to fail, saying “{reason}”"),
    );
}

/// Writes `path` until its filesystem has no byte left.
fn fill_the_disk(path: &std::path::Path) {
    use std::io::Write;
    let mut file = std::fs::File::create(path).unwrap();
    for chunk in [64 * 1024, 4096, 1] {
        while file.write_all(&vec![0; chunk]).is_ok() {}
    }
    let full = file.write_all(&[0]).unwrap_err();
    assert_eq!(full.raw_os_error(), Some(28), "ENOSPC, not {full}");
}

#[test]
fn a_save_from_another_process_makes_the_next_save_a_conflict_and_reload_keeps_both() {
    let harness = Harness::start();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("shared.sqlite3");
    let app = harness.launch(&db);
    app.click(&app.find("[data-testid=new-brief]"));
    let headline = app.find("#headline");
    app.send_keys(&headline, "Mine");
    app.wait_for_text("[data-testid=save-state]", "Saved");

    // A second writer (as the CLI or a second window would) saves the same brief.
    let mut theirs = Store::open(&db).unwrap();
    let brief = theirs.list().unwrap()[0].clone();
    let their_content = BriefContent { headline: "Theirs, saved elsewhere".into(), ..Default::default() };
    theirs.save_draft(brief.id, brief.revision, &their_content).unwrap();

    app.send_keys(&headline, " and more");
    app.wait_for_text("[data-testid=save-state]", "Conflict — reload?");
    screenshot(&app, "conflict.png");
    assert_eq!(
        theirs.get(brief.id).unwrap().content.headline,
        "Theirs, saved elsewhere",
        "the stale save overwrote nothing"
    );
    app.click(&app.find("[data-testid=save-state] button"));
    app.wait_for_value("#headline", "Theirs, saved elsewhere");
    // The words typed after their save are kept, as a brief of their own.
    app.wait_until(
        || {
            app.find_all("[data-testid=library-entry]").iter().any(|e| {
                app.try_text_content(e).is_some_and(|t| t.contains("Mine and more (conflicted copy)"))
            })
        },
        "the unsaved words to be kept as a conflicted copy",
    );
    // Editing goes on from the reloaded revision.
    app.send_keys(&app.find("#headline"), " (merged)");
    app.wait_for_text("[data-testid=save-state]", "Saved");
    app.close();
    assert_eq!(theirs.get(brief.id).unwrap().content.headline, "Theirs, saved elsewhere (merged)");
}

const PAYLOADS: &[&str] = &[
    "<script>window.__xss = 1</script>",
    "<img src=x onerror=\"window.__xss = 2\">",
    "<svg onload=\"window.__xss = 3\">",
    "<iframe srcdoc=\"<script>parent.__xss = 4</script>\"></iframe>",
    "<details open ontoggle=\"window.__xss = 5\">",
    "<b onmouseover=\"window.__xss = 6\">bold</b>",
    "[link](javascript:window.__xss=7)",
    "![x](x onerror=window.__xss=8)",
    "<style>*{background:url(javascript:window.__xss=9)}</style>",
    "<object data=\"data:text/html,<script>parent.__xss=10</script>\"></object>",
];

#[test]
fn hostile_text_typed_into_a_brief_runs_nothing_in_the_preview() {
    let harness = Harness::start();
    let dir = tempfile::tempdir().unwrap();
    let app = harness.launch(&dir.path().join("xss.sqlite3"));
    app.click(&app.find("[data-testid=new-brief]"));
    app.send_keys(&app.find("#headline"), PAYLOADS[0]);
    app.send_keys(&app.find("#summary"), &PAYLOADS.join("\n\n"));
    app.click(&app.find("[data-testid=tab-preview]"));
    app.wait_until(
        || {
            app.try_find("[data-testid=preview]")
                .and_then(|p| app.try_text_content(&p))
                .is_some_and(|t| t.contains("bold"))
        },
        "the preview to render the summary",
    );
    std::thread::sleep(std::time::Duration::from_millis(500));
    let found = app.execute(
        "const p = document.querySelector('[data-testid=preview]');
         const bad = p.querySelectorAll('script, iframe, object, embed, svg, style, img, [onerror], [onload], [ontoggle], [onmouseover], a[href^=\"javascript\"]');
         return { xss: window.__xss ?? null, bad: bad.length, text: p.textContent };",
    );
    assert_eq!(found["xss"], serde_json::Value::Null, "a payload ran: {found}");
    assert_eq!(found["bad"], 0, "something executable reached the preview: {found}");
    assert!(
        found["text"].as_str().unwrap_or_default().contains("<script>window.__xss = 1</script>"),
        "{found}"
    );
    screenshot(&app, "preview-hostile-text.png");
    // The page runs without JavaScriptCore's JIT (webview.rs): no memory in
    // the web process is writable and executable at once.
    let maps = harness.web_process_maps();
    assert!(!maps.is_empty(), "the app's web process was not found");
    for map in &maps {
        let writable_code: Vec<&str> =
            map.lines().filter(|l| l.split_whitespace().nth(1) == Some("rwxp")).collect();
        assert!(writable_code.is_empty(), "the web process has JIT memory: {writable_code:?}");
    }
    app.close();
}
