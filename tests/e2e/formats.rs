//! End-to-end: the example brief, import with per-file errors, export to
//! every format and copy as rich text, in the real app.

use std::time::{Duration, Instant};

use crate::support::webdriver::Session;
use crate::support::{screenshot, Harness};

const SAMPLE_HEADLINE: &str =
    "South Korea’s President Lee Jae Myung to Reset Relations with China During Beijing Visit";
const FILE_STEM: &str = "south-korea-s-president-lee-jae-myung-to-reset-relations";

fn wait_for_notice(app: &Session, expected: &str) {
    let deadline = Instant::now() + Duration::from_secs(15);
    let mut last = String::new();
    while Instant::now() < deadline {
        // The notice is drawn anew when the open brief changes (an import
        // opens the new brief): a node found may be gone when it is read.
        if let Some(text) =
            app.try_find("[data-testid=notice]").and_then(|notice| app.try_text_content(&notice))
        {
            last = text;
            if last == expected {
                return;
            }
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    panic!("the notice says {last:?}, expected {expected:?}");
}

#[test]
fn example_import_export_and_copy() {
    let dialogs = tempfile::tempdir().unwrap();
    let harness = Harness::start_with_env(&[("BRIEFDESK_E2E_DIALOG_DIR", dialogs.path().to_str().unwrap())]);
    let db_dir = tempfile::tempdir().unwrap();
    let app = harness.launch(&db_dir.path().join("formats.sqlite3"));

    // The empty library offers the example; it opens complete.
    app.click(&app.find("[data-testid=open-example]"));
    app.wait_for_value("#headline", SAMPLE_HEADLINE);
    assert_eq!(app.find_all("[data-testid=bullet]").len(), 4);
    let headings: Vec<String> =
        app.find_all("[data-testid=report-section] textarea.heading").iter().map(|h| app.value(h)).collect();
    assert_eq!(
        headings,
        ["Diplomatic Engagement", "Security Concerns", "Cultural Trade Issues", "Maritime Tensions"]
    );
    screenshot(&app, "example-brief.png");

    // Export to every format through the export menu.
    for (format, extension, marker) in [
        ("markdown", "md", "## Key Developments\n\n- Lee is set to meet Xi Jinping"),
        ("html", "html", "<h3>Maritime Tensions</h3>"),
        ("text", "txt", "Full Report\nDiplomatic Engagement\n"),
        ("json", "json", "\"heading\": \"Cultural Trade Issues\""),
    ] {
        app.click(&app.find("[data-testid=export]"));
        app.click(&app.find(&format!("[data-testid=export-{format}]")));
        let path = dialogs.path().join(format!("{FILE_STEM}.{extension}"));
        wait_for_notice(&app, &format!("Exported to {}", path.display()));
        let written = std::fs::read_to_string(&path).unwrap();
        assert!(written.contains(marker), "{format} export lacks {marker:?}:\n{written}");
    }
    let text = std::fs::read_to_string(dialogs.path().join(format!("{FILE_STEM}.txt"))).unwrap();
    let sample = include_str!("../../src-tauri/crates/briefdesk-core/testdata/korea-china-visit.txt");
    assert_eq!(text, sample.trim_end().to_string() + "\n", "the text export is the sample itself");

    // Copy as rich text (in the Export menu): HTML with headings and bullets, and plain text.
    app.click(&app.find("[data-testid=export]"));
    app.click(&app.find("[data-testid=copy-rich-text]"));
    wait_for_notice(&app, "Copied as rich text.");
    let html = harness.clipboard("text/html");
    assert!(
        html.contains(&format!("<h1>{SAMPLE_HEADLINE}</h1>")) && html.contains("<li>"),
        "clipboard HTML: {html}"
    );
    let plain = harness.clipboard("UTF8_STRING");
    assert!(
        plain.starts_with(SAMPLE_HEADLINE) && plain.contains("\n- Lee is set"),
        "clipboard text: {plain}"
    );

    // Import: one good file, one binary; the good one arrives, the bad one is named.
    let inbox = dialogs.path().join("import");
    std::fs::create_dir_all(&inbox).unwrap();
    std::fs::write(
        inbox.join("a-lee-lands.md"),
        "# Lee lands in Beijing\n\n**Why it matters:** First visit since 2019.\n",
    )
    .unwrap();
    std::fs::write(inbox.join("b-photo.txt"), b"\x89PNG\r\n\x1a\n\0\0\0").unwrap();
    app.click(&app.find("[data-testid=import]"));
    wait_for_notice(&app, "Imported 1 brief.");
    app.wait_for_value("#headline", "Lee lands in Beijing");
    assert_eq!(app.value(&app.find("#why-it-matters")), "First visit since 2019.");
    let failures = app.text_content(&app.find("[data-testid=import-failures]"));
    assert!(failures.contains("b-photo.txt: line 3: is binary data"), "{failures}");
    assert_eq!(app.find_all("[data-testid=library-entry]").len(), 2);
    screenshot(&app, "import-failures.png");
    app.close();
}
