//! End-to-end: search finds a brief by a word only in a report body and
//! shows the snippet; filters; the Trash restores.

use crate::support::webdriver::Session;
use crate::support::{screenshot, Harness};

const SAMPLE_HEADLINE: &str =
    "South Korea’s President Lee Jae Myung to Reset Relations with China During Beijing Visit";

fn texts(app: &Session, css: &str) -> Vec<String> {
    app.find_all(css).iter().map(|e| app.try_text_content(e).unwrap_or_default()).collect()
}

#[test]
fn search_filters_and_trash() {
    let harness = Harness::start();
    let dir = tempfile::tempdir().unwrap();
    let app = harness.launch(&dir.path().join("library.sqlite3"));

    app.click(&app.find("[data-testid=open-example]"));
    app.wait_for_value("#headline", SAMPLE_HEADLINE);
    app.click(&app.find("[data-testid=new-brief]"));
    app.wait_for_value("#headline", "");
    app.send_keys(&app.find("#headline"), "Second brief about trade");
    app.wait_for_text("[data-testid=save-state]", "Saved");

    // "farming" appears only in the sample's Maritime Tensions body.
    app.send_keys(&app.find("[data-testid=search]"), "farmin");
    app.wait_until(|| texts(&app, "[data-testid=search-hit]").len() == 1, "one search hit");
    let hit = texts(&app, "[data-testid=search-hit]").remove(0);
    assert!(hit.starts_with(SAMPLE_HEADLINE), "{hit}");
    let marked = texts(&app, "[data-testid=snippet] mark");
    assert!(marked.iter().any(|m| m.to_lowercase().starts_with("farming")), "{marked:?}");
    screenshot(&app, "library-search.png");
    app.click(&app.find("[data-testid=search-hit]"));
    app.wait_for_value("#headline", SAMPLE_HEADLINE);
    app.send_keys(&app.find("#tags"), "asia, diplomacy");
    app.wait_for_text("[data-testid=save-state]", "Saved");

    // A status change shows in the library, and the status filter finds it.
    app.clear(&app.find("[data-testid=search]"));
    app.send_keys(&app.find("[data-testid=search]"), " ");
    app.select_option(&app.find("[data-testid=status]"), "ready");
    app.wait_until(
        || texts(&app, "[data-testid=library-entry]").iter().any(|e| e.contains("Ready")),
        "the chip says Ready",
    );
    app.select_option(&app.find("[data-testid=filter-status]"), "ready");
    app.wait_until(
        || texts(&app, "[data-testid=library-entry]").len() == 1,
        "only the ready brief is listed",
    );
    app.select_first(&app.find("[data-testid=filter-status]"));
    app.wait_until(|| texts(&app, "[data-testid=library-entry]").len() == 2, "both briefs are listed again");
    app.select_option(&app.find("[data-testid=filter-tag]"), "asia");
    app.wait_until(|| texts(&app, "[data-testid=library-entry]").len() == 1, "only the tagged brief");
    app.select_first(&app.find("[data-testid=filter-tag]"));
    app.wait_until(|| texts(&app, "[data-testid=library-entry]").len() == 2, "both again");

    // Delete moves to the Trash, which restores.
    app.click(&app.find("[data-testid=delete-brief]"));
    app.click(&app.find("[data-testid=confirm]"));
    app.wait_until(|| texts(&app, "[data-testid=library-entry]").len() == 1, "one brief left");
    app.click(&app.find("[data-testid=show-trash]"));
    app.wait_until(|| texts(&app, "[data-testid=trash-entry]").len() == 1, "the Trash holds it");
    app.click(&app.find("[data-testid=restore-from-trash]"));
    app.wait_until(|| texts(&app, "[data-testid=trash-entry]").is_empty(), "the Trash is empty");
    app.click(&app.find("[data-testid=show-trash]"));
    app.wait_until(|| texts(&app, "[data-testid=library-entry]").len() == 2, "both briefs again");

    // Emptying the Trash asks first, naming what goes for good; Cancel keeps it.
    app.click(&app.find("[data-testid=library-entry]"));
    app.wait_until(|| !app.find_all("[data-testid=delete-brief]").is_empty(), "a brief is open");
    app.click(&app.find("[data-testid=delete-brief]"));
    app.click(&app.find("[data-testid=confirm]"));
    app.wait_until(|| texts(&app, "[data-testid=library-entry]").len() == 1, "one brief left");
    app.click(&app.find("[data-testid=show-trash]"));
    app.wait_until(|| texts(&app, "[data-testid=trash-entry]").len() == 1, "the Trash holds it");
    app.click(&app.find("[data-testid=empty-trash]"));
    app.wait_until(|| texts(&app, "#confirm-title") == ["Empty the Trash?"], "Empty Trash asks first");
    let message = texts(&app, "#confirm-message").remove(0);
    assert!(message.contains("will be deleted for good") && message.contains("“"), "{message}");
    screenshot(&app, "library-empty-trash.png");
    app.click(&app.find("[data-testid=confirm-cancel]"));
    app.wait_until(|| texts(&app, "#confirm-title").is_empty(), "the question is gone");
    assert_eq!(texts(&app, "[data-testid=trash-entry]").len(), 1, "Cancel deleted nothing");
    app.click(&app.find("[data-testid=empty-trash]"));
    app.click(&app.find("[data-testid=confirm]"));
    app.wait_until(|| texts(&app, "[data-testid=trash-entry]").is_empty(), "the Trash is emptied");
    let db = rusqlite::Connection::open(dir.path().join("library.sqlite3")).unwrap();
    let briefs: i64 = db.query_row("SELECT count(*) FROM brief", [], |row| row.get(0)).unwrap();
    assert_eq!(briefs, 1, "only the brief shown in the Trash went");
    app.close();
}
