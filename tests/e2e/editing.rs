//! End-to-end: the real app binary in a real WebKitGTK window under Xvfb,
//! driven through tauri-driver, on a fresh SQLite file.

use crate::support::webdriver::{Session, ALT, ARROW_UP, RELEASE_MODIFIERS};
use crate::support::{screenshot, Harness};

const HEADLINE: &str = "South Korea’s President Lee to Reset Relations with China";
const SUMMARY: &str = "Lee Jae Myung is in Beijing to meet Xi Jinping — the first such visit since 2019.";
const WHY: &str = "China is South Korea’s largest trading partner: 中韩关系 needs a reset.";
const BULLETS: [&str; 3] = ["Lee meets Xi", "Tensions over Taiwan", "K-pop ban on the agenda"];
const SECTIONS: [(&str, &str); 2] = [
    ("Diplomatic Engagement", "Lee hopes the visit will “serve as a new starting point”."),
    ("Maritime Tensions", "Seoul sees the structures as a potential threat."),
];
const CONTEXT: &str = "Relations soured under former President Yoon Suk Yeol.";

fn bullets(app: &Session) -> Vec<String> {
    app.find_all("[data-testid=bullet] textarea").iter().map(|input| app.value(input)).collect()
}

fn sections(app: &Session) -> Vec<(String, String)> {
    app.find_all("[data-testid=report-section]")
        .iter()
        .map(|section| {
            let heading = app.find_in(section, "textarea.heading");
            let body = app.find_in(section, "textarea:not(.heading)");
            (app.value(&heading), app.value(&body))
        })
        .collect()
}

#[test]
fn a_brief_typed_into_every_part_survives_a_restart() {
    let harness = Harness::start();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("e2e.sqlite3");

    // First run: an empty library.
    let app = harness.launch(&db);
    app.find("[data-testid=library-empty]");
    screenshot(&app, "library-empty.png");

    app.click(&app.find("[data-testid=new-brief]"));
    app.send_keys(&app.find("#headline"), HEADLINE);
    app.send_keys(&app.find("#summary"), SUMMARY);
    app.send_keys(&app.find("#why-it-matters"), WHY);

    for bullet in BULLETS {
        app.click(&app.find("[data-testid=add-bullet]"));
        let inputs = app.find_all("[data-testid=bullet] textarea");
        app.send_keys(inputs.last().unwrap(), bullet);
    }
    // Alt+Up on the third bullet makes it the second.
    let inputs = app.find_all("[data-testid=bullet] textarea");
    app.send_keys(&inputs[2], &format!("{ALT}{ARROW_UP}{RELEASE_MODIFIERS}"));
    assert_eq!(bullets(&app), [BULLETS[0], BULLETS[2], BULLETS[1]]);

    for (heading, body) in SECTIONS {
        app.click(&app.find("[data-testid=add-section]"));
        let all = app.find_all("[data-testid=report-section]");
        let section = all.last().unwrap();
        app.send_keys(&app.find_in(section, "textarea.heading"), heading);
        app.send_keys(&app.find_in(section, "textarea:not(.heading)"), body);
    }
    app.send_keys(&app.find("#context"), CONTEXT);

    app.wait_for_text("[data-testid=save-state]", "Saved");
    screenshot(&app, "editor-filled.png");
    let listed = app.text_content(&app.find("[data-testid=library-entry]"));
    assert!(listed.contains(HEADLINE) && listed.contains("edited just now"), "library shows {listed:?}");
    app.close();

    // Second run on the same database: every part is there.
    let app = harness.launch(&db);
    assert_eq!(app.value(&app.find("#headline")), HEADLINE);
    assert_eq!(app.value(&app.find("#summary")), SUMMARY);
    assert_eq!(app.value(&app.find("#why-it-matters")), WHY);
    assert_eq!(bullets(&app), [BULLETS[0], BULLETS[2], BULLETS[1]]);
    let expected: Vec<(String, String)> =
        SECTIONS.iter().map(|(h, b)| (h.to_string(), b.to_string())).collect();
    assert_eq!(sections(&app), expected);
    assert_eq!(app.value(&app.find("#context")), CONTEXT);

    let listed = app.text_content(&app.find("[data-testid=library-entry]"));
    assert!(listed.contains(HEADLINE) && listed.contains("edited just now"), "library shows {listed:?}");
    screenshot(&app, "editor-reopened.png");
    app.close();
}

#[test]
fn closing_the_window_in_the_middle_of_typing_keeps_every_word() {
    let harness = Harness::start();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("close.sqlite3");
    let words = "Typed a moment before the window closed";

    let app = harness.launch(&db);
    app.click(&app.find("[data-testid=new-brief]"));
    app.send_keys(&app.find("#headline"), words);
    // Well inside the autosave debounce: only the save-before-close hook can
    // store these words.
    // Under Xvfb, with no window manager, GTK sometimes drops the first
    // WM_DELETE_WINDOW (the app never sees a close request at all), so ask
    // again, as a user would click the close button again.
    let closed = (0..60).any(|_| {
        harness.close_window_titled(|title| title.ends_with("Briefdesk"));
        app.wait_until_gone_within(std::time::Duration::from_millis(250))
    });
    if !closed {
        screenshot(&app, "close-refused.png");
        panic!("the app did not close; see target/e2e/close-refused.png");
    }
    app.close();

    let app = harness.launch(&db);
    assert_eq!(app.value(&app.find("#headline")), words);
    app.close();
}

#[test]
fn briefs_are_listed_opened_and_deleted_only_after_confirmation() {
    let harness = Harness::start();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("library.sqlite3");
    let entries = |app: &Session| -> Vec<String> {
        app.find_all("[data-testid=library-entry]").iter().map(|e| app.text_content(e)).collect()
    };

    let app = harness.launch(&db);
    for headline in ["First brief", "Second brief"] {
        app.click(&app.find("[data-testid=new-brief]"));
        app.wait_for_value("#headline", "");
        app.send_keys(&app.find("#headline"), headline);
    }
    app.wait_for_text("[data-testid=save-state]", "Saved");
    let listed = entries(&app);
    assert_eq!(listed.len(), 2, "{listed:?}");
    assert!(listed[0].contains("Second brief") && listed[1].contains("First brief"), "{listed:?}");

    // Selecting a brief in the library opens it.
    app.click(&app.find_all("[data-testid=library-entry]")[1]);
    app.wait_for_value("#headline", "First brief");

    // Cancelling the confirmation keeps it; confirming deletes it.
    app.click(&app.find("[data-testid=delete-brief]"));
    app.click(&app.find("[data-testid=confirm-cancel]"));
    assert_eq!(entries(&app).len(), 2);
    app.click(&app.find("[data-testid=delete-brief]"));
    screenshot(&app, "delete-confirmation.png");
    app.click(&app.find("[data-testid=confirm]"));
    app.find("[data-testid=no-brief]");
    let listed = entries(&app);
    assert!(listed.len() == 1 && listed[0].contains("Second brief"), "{listed:?}");
    screenshot(&app, "library.png");
    app.close();

    let app = harness.launch(&db);
    app.find("[data-testid=library-entry]");
    let listed = entries(&app);
    assert!(listed.len() == 1 && listed[0].contains("Second brief"), "{listed:?}");
    app.close();
}
