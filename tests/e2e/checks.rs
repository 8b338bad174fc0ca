//! End-to-end: the Checks pane warns about a sixth bullet and takes the
//! writer there; the preview follows the typing; both themes.

use crate::support::webdriver::Session;
use crate::support::{screenshot, Harness};

const SAMPLE_HEADLINE: &str =
    "South Korea’s President Lee Jae Myung to Reset Relations with China During Beijing Visit";

fn warnings(app: &Session) -> Vec<String> {
    app.find_all("[data-testid=check-warning]")
        .iter()
        .map(|w| app.try_text_content(w).unwrap_or_default())
        .collect()
}

#[test]
fn a_sixth_bullet_warns_and_the_warning_focuses_the_bullets() {
    let harness = Harness::start();
    let dir = tempfile::tempdir().unwrap();
    let app = harness.launch(&dir.path().join("checks.sqlite3"));
    app.click(&app.find("[data-testid=open-example]"));
    app.wait_for_value("#headline", SAMPLE_HEADLINE);

    app.click(&app.find("[data-testid=tab-checks]"));
    app.find("[data-testid=checks-ok]");
    assert_eq!(
        app.text_content(&app.find("[data-testid=total-words]")),
        "476",
        "the core's count of the sample"
    );

    for bullet in ["A fifth development", "A sixth development"] {
        app.click(&app.find("[data-testid=add-bullet]"));
        let inputs = app.find_all("[data-testid=bullet] textarea");
        app.send_keys(inputs.last().unwrap(), bullet);
    }
    app.wait_until(
        || warnings(&app).iter().any(|w| w == "Key Developments has 6 bullets; aim for 3–5."),
        "the warning",
    );
    app.click(&app.find("#summary"));
    let warning = app.find_all("[data-testid=check-warning]").into_iter().next().unwrap();
    app.click(&warning);
    app.wait_until(|| app.focused_label().starts_with("Key development"), "a bullet has focus");
    screenshot(&app, "checks.png");

    // The preview shows the headline as it is typed.
    app.click(&app.find("[data-testid=tab-preview]"));
    app.send_keys(&app.find("#headline"), " Today");
    app.wait_until(
        || {
            app.try_find("[data-testid=preview] h1")
                .and_then(|h| app.try_text_content(&h))
                .is_some_and(|t| t.ends_with("Visit Today"))
        },
        "the preview shows the new headline",
    );
    screenshot(&app, "theme-light.png");

    // At the narrowest window, 900 px, nothing in the editor's toolbar
    // spills over the library.
    app.set_window_size(900, 700);
    let overlap = app.execute(
        "const lib = document.querySelector('nav.library').getBoundingClientRect();
         return [...document.querySelectorAll('.toolbar > *')].some(e => e.getBoundingClientRect().left < lib.right - 1);",
    );
    screenshot(&app, "narrow-900.png");
    assert_eq!(overlap, serde_json::Value::Bool(false), "the toolbar overlaps the library at 900 px");
    app.close();
}

#[test]
fn the_dark_theme_follows_the_desktop() {
    let harness = Harness::start_with_env(&[("GTK_THEME", "Adwaita:dark")]);
    let dir = tempfile::tempdir().unwrap();
    let app = harness.launch(&dir.path().join("dark.sqlite3"));
    app.click(&app.find("[data-testid=open-example]"));
    app.wait_for_value("#headline", SAMPLE_HEADLINE);
    app.click(&app.find("[data-testid=tab-preview]"));
    app.find("[data-testid=preview] h1");
    let dark = app.execute("return matchMedia('(prefers-color-scheme: dark)').matches");
    screenshot(&app, "theme-dark.png");
    assert_eq!(dark, serde_json::Value::Bool(true), "WebKit reports the dark preference");
    app.close();
}
