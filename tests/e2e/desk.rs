//! The desk in the real app: two app windows side by side on one screen,
//! each on a library of its own (two laptops), connected to one desk on a
//! real PostgreSQL server (a throwaway cluster). The reporter types in hers;
//! the editor's window shows it. The server stopped, both change the same
//! words; back, both windows show the conflict with both texts, and the
//! editor's choice closes it in both. An approval made while cut off, after
//! which the reporter saved, is refused and the editor's window says so.

use std::time::{Duration, Instant};

use briefdesk_desk::{add_member, connect, create_desk, init, Role, ServerUrl};
use briefdesk_store::Store;

use crate::support::keyring::SessionKeyring;
use crate::support::person::{app_windows, Person, FAST_TYPIST_MS};
use crate::support::webdriver::Session;
use crate::support::{screenshot, Harness};

#[path = "../../src-tauri/crates/briefdesk-desk/tests/support/cluster.rs"]
mod cluster;

fn shot(app: &Session, name: &str) {
    screenshot(app, &format!("desk/{name}.png"));
}

/// The new window among the app's windows, once it is on the screen.
fn new_window(display: &str, before: &[String]) -> String {
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        if let Some(id) = app_windows(display).into_iter().find(|id| !before.contains(id)) {
            return id;
        }
        assert!(Instant::now() < deadline, "the second app window never appeared");
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn two_windows_on_one_desk_see_each_others_words_and_both_see_a_conflict() {
    let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(1).enable_all().build().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let cluster = cluster::Cluster::start_in(&dir.path().join("server"));
    let admin = runtime.block_on(async {
        let postgres = connect(&ServerUrl::parse(&cluster.admin_url("postgres")).unwrap()).await.unwrap();
        postgres.batch_execute("CREATE DATABASE newsroom").await.unwrap();
        let mut admin = connect(&ServerUrl::parse(&cluster.admin_url("newsroom")).unwrap()).await.unwrap();
        init(&mut admin).await.unwrap();
        create_desk(&admin, "news").await.unwrap();
        for login in ["ana", "ed"] {
            admin.batch_execute(&format!("CREATE ROLE {login} LOGIN PASSWORD 'pw'")).await.unwrap();
        }
        add_member(&admin, "news", "ana", Role::Reporter).await.unwrap();
        add_member(&admin, "news", "ed", Role::Editor).await.unwrap();
        admin
    });
    let server = |login: &str| format!("postgresql://{login}@127.0.0.1:{}/newsroom", cluster.port);
    let (ana_db, ed_db) = (dir.path().join("ana.sqlite3"), dir.path().join("ed.sqlite3"));
    Store::open(&ana_db).unwrap().link_desk(&server("ana"), "news").unwrap();
    Store::open(&ed_db).unwrap().link_desk(&server("ed"), "news").unwrap();
    let admin_runs = |sql: &str| runtime.block_on(admin.batch_execute(sql)).unwrap();

    // The reporter's laptop on the left, the editor's on the right.
    let harness = Harness::start_for_a_person(&[("PGPASSWORD", "pw")]);
    let display = harness.display();
    let ana_app = harness.launch(&ana_db);
    ana_app.find("[data-testid=library-empty]");
    let ana_window = new_window(display, &[]);
    let second = harness.second_driver(&[("PGPASSWORD", "pw")]);
    let ed_app = second.launch(&ed_db, display);
    ed_app.find("[data-testid=library-empty]");
    let ed_window = new_window(display, std::slice::from_ref(&ana_window));
    let ana = Person::at_window(display, &ana_app, ana_window, (0, 0, 955, 1000));
    let ed = Person::at_window(display, &ed_app, ed_window, (965, 0, 955, 1000));
    wait_for_indicator(&ana_app, Duration::from_secs(20), |text| text == "Synced");
    wait_for_indicator(&ed_app, Duration::from_secs(20), |text| text == "Synced");

    // The reporter writes a new brief; the editor does nothing.
    ana.presses("ctrl+n");
    ana.types("Talks resume in Geneva", FAST_TYPIST_MS);
    ana.clicks("#summary");
    ana.types("Negotiators met on Monday.", FAST_TYPIST_MS);
    let typed = Instant::now();
    ed_app.wait_until(
        || !ed_app.find_all("[data-testid=library-entry]").is_empty(),
        "the reporter's brief in the editor's library",
    );
    eprintln!("the reporter's new brief reached the editor's library in {:?}", typed.elapsed());
    ed.clicks("[data-testid=library-entry]");
    ed_app.wait_for_value("#headline", "Talks resume in Geneva");
    ed_app.wait_for_value("#summary", "Negotiators met on Monday.");
    wait_for_mark(&ed_app, "by ana");
    shot(&ed_app, "1-arrived");

    // She types on; the brief open in the editor's window follows.
    ana.types(" Talks go on today.", FAST_TYPIST_MS);
    let typed = Instant::now();
    ed_app.wait_for_value("#summary", "Negotiators met on Monday. Talks go on today.");
    eprintln!("the reporter's words reached the editor's open brief in {:?}", typed.elapsed());
    shot(&ed_app, "2-followed");

    // The editor's caret sits after "Negotiators" while her words arrive
    // later in the text: it stays there, and his words go in there.
    ed.clicks("#summary");
    ed.presses("ctrl+Home");
    for _ in 0.."Negotiators".len() {
        ed.presses("Right");
    }
    ana.types(" Both sides spoke.", FAST_TYPIST_MS);
    ed_app.wait_for_value("#summary", "Negotiators met on Monday. Talks go on today. Both sides spoke.");
    ed.types(" of two nations", FAST_TYPIST_MS);
    let both = "Negotiators of two nations met on Monday. Talks go on today. Both sides spoke.";
    ed_app.wait_for_value("#summary", both);
    ana_app.wait_for_value("#summary", both);
    // Her undo takes back her own edits, never the words that came from
    // him: his stay through Ctrl+Z, and Ctrl+Shift+Z brings hers back.
    ana.clicks("#summary");
    ana.presses("ctrl+z");
    std::thread::sleep(Duration::from_millis(500));
    assert!(
        ana_app.value(&ana_app.find("#summary")).contains("of two nations"),
        "her undo took back his words"
    );
    ana.presses("ctrl+shift+z");
    ana_app.wait_for_value("#headline", "Talks resume in Geneva");
    ana_app.wait_for_value("#summary", both);
    ed_app.wait_for_value("#summary", both);
    // Her undo and redo went to the desk too: his window is back where it was.
    ed_app.wait_for_value("#headline", "Talks resume in Geneva");

    // The server goes away; both change the same words. The editor's login
    // is held back when it returns, so that her save reaches it first.
    admin_runs("ALTER ROLE ed NOLOGIN");
    cluster.stop();
    ana.clicks("#summary");
    ana.presses("ctrl+End");
    ana.types(" Vienna next.", FAST_TYPIST_MS);
    ed.clicks("#summary");
    ed.presses("ctrl+End");
    ed.types(" Bern next.", FAST_TYPIST_MS);
    for app in [&ana_app, &ed_app] {
        // Once the typing is saved, it waits in the outbox, and says so.
        wait_for_indicator(app, Duration::from_secs(40), |text| {
            text.starts_with("Offline") && text.contains("1 change waiting")
        });
    }
    // Each says why, in a few words under the indicator.
    ana_app.wait_for_text("[data-testid=desk-why]", "The desk’s server cannot be reached.");
    ed_app.find("[data-testid=desk-why]");
    shot(&ed_app, "3-offline");

    cluster.start_again();
    let admin =
        runtime.block_on(connect(&ServerUrl::parse(&cluster.admin_url("newsroom")).unwrap())).unwrap();
    let on_server = |sql: &str| -> String {
        runtime.block_on(admin.query_one(sql, &[])).unwrap().get::<_, Option<String>>(0).unwrap_or_default()
    };
    wait_for_head(&on_server, "Vienna next.");
    runtime.block_on(admin.batch_execute("ALTER ROLE ed LOGIN")).unwrap();
    wait_for_indicator(&ed_app, Duration::from_secs(60), |text| text == "Conflict in 1 brief");
    ed_app.wait_for_text(
        "[data-testid=conflict-bar] span",
        "1 part of this brief was changed both here and by ana on the desk. Both texts are kept until you choose.",
    );
    wait_for_mark(&ed_app, "Conflict");
    // Her window says so too: the desk has a conflict over her brief, his to choose.
    wait_for_mark(&ana_app, "Conflict on the desk");
    ana_app.find("[data-testid=conflict-on-desk]");
    shot(&ed_app, "4-conflict");
    // Both texts are kept: each on its own screen and in its own library.
    assert!(ed_app.value(&ed_app.find("#summary")).ends_with("Bern next."));
    assert!(ana_app.value(&ana_app.find("#summary")).ends_with("Vienna next."));
    {
        let status = Store::open(&ed_db).unwrap().desk_status().unwrap();
        let conflict = &status[0].conflicts[0];
        assert!(conflict.ours.contains("Bern next."), "{conflict:?}");
        assert!(conflict.theirs.contains("Vienna next."), "{conflict:?}");
    }

    // Side by side in both windows, each text marked against the one both started from.
    ed.clicks("[data-testid=compare-conflicts]");
    ed_app.find("[data-testid=conflict-view]");
    let ours = ed_app.text_content(&ed_app.find("[data-testid=conflict-ours]"));
    let theirs = ed_app.text_content(&ed_app.find("[data-testid=conflict-theirs]"));
    assert!(ours.contains("Bern next.") && ours.contains("Yours, on this computer"), "{ours:?}");
    assert!(theirs.contains("Vienna next.") && theirs.contains("ana’s, on the desk"), "{theirs:?}");
    ana.clicks("[data-testid=see-desk-conflict]");
    ana_app.find("[data-testid=conflict-view]");
    let head = ana_app.text_content(&ana_app.find("[data-testid=conflict-ours]"));
    let beside = ana_app.text_content(&ana_app.find("[data-testid=conflict-theirs]"));
    assert!(head.contains("Vienna next.") && head.contains("Yours, on the desk now"), "{head:?}");
    assert!(beside.contains("Bern next.") && beside.contains("ed’s, kept beside it"), "{beside:?}");
    assert!(ana_app.try_find("[data-testid=take-theirs]").is_none(), "she is offered a choice that is his");
    shot(&ed_app, "5-both-compare");

    ed.clicks("[data-testid=take-theirs]");
    ed_app.wait_for_text(
        "[data-testid=notice]",
        "Conflict resolved. The brief goes to the desk with the texts you chose.",
    );
    let chosen =
        "Negotiators of two nations met on Monday. Talks go on today. Both sides spoke. Vienna next.";
    ed_app.wait_for_value("#summary", chosen);
    wait_for_indicator(&ed_app, Duration::from_secs(20), |text| text == "Synced");
    ana_app.wait_for_text(
        "[data-testid=notice]",
        "The conflict on the desk was resolved: this brief now shows the texts chosen.",
    );
    ana_app.wait_for_value("#summary", chosen);
    wait_for_mark(&ana_app, "by ana");
    // History names who wrote each of the desk's versions, by the server's numbers.
    ed.clicks("[data-testid=desk-versions] summary");
    ed_app.wait_until(
        || {
            let text = ed_app.text_content(&ed_app.find("[data-testid=desk-versions]"));
            text.contains("Desk v1") && text.contains("by ana") && text.contains("by ed")
        },
        "the desk's versions with their authors in History",
    );
    shot(&ed_app, "6-resolved");
    // The desk's first version opens, and compares with the text now.
    ed.clicks("[data-testid=desk-version]:last-child [data-testid=open-desk-version]");
    ed_app.wait_until(
        || {
            ed_app.try_find("[data-testid=desk-version-view]").is_some_and(|view| {
                let text = ed_app.text_content(&view);
                text.contains("Desk version 1, by ana") && text.contains("Talks resume in Geneva")
            })
        },
        "the desk's first version, as she wrote it",
    );
    ed.clicks("[data-testid=compare-desk-current]");
    ed_app.wait_until(
        || {
            ed_app
                .try_find("[data-testid=desk-version-diff]")
                .is_some_and(|diff| ed_app.text_content(&diff).contains("Vienna next."))
        },
        "what changed since the desk's first version",
    );
    shot(&ed_app, "6b-desk-version-compared");
    assert_eq!(on_server("SELECT count(*)::text FROM briefdesk.conflict WHERE merged_by IS NULL"), "0");

    // Approval is pinned to what the editor read. The editor is cut off;
    // meanwhile the reporter saves; his "Ready" arrives after it.
    runtime
        .block_on(admin.batch_execute(
            "ALTER ROLE ed NOLOGIN;
             SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = 'ed';",
        ))
        .unwrap();
    wait_for_indicator(&ed_app, Duration::from_secs(20), |text| text.starts_with("Offline"));
    ed_app.select_option(&ed_app.find("[data-testid=status]"), "ready");
    wait_for_indicator(&ed_app, Duration::from_secs(20), |text| text == "Offline — 1 change waiting");
    ana.clicks("#summary");
    ana.presses("ctrl+End");
    ana.types(" The talks end on Friday.", FAST_TYPIST_MS);
    let latest = format!("{chosen} The talks end on Friday.");
    wait_for_head(&on_server, "end on Friday.");
    runtime.block_on(admin.batch_execute("ALTER ROLE ed LOGIN")).unwrap();
    ed_app.wait_for_text(
        "[data-testid=notice]",
        "The desk did not take the change of status: someone saved this brief after you read it. Read their changes, then set the status again.",
    );
    ed_app.wait_for_value("#summary", &latest);
    ed_app.wait_until(
        || ed_app.try_value("[data-testid=status]").as_deref() == Some("draft"),
        "the status back to the desk's",
    );
    // His History keeps the change he made, and says the desk did not take it.
    ed_app.wait_until(
        || {
            let versions = ed_app.text_content(&ed_app.find("[data-testid=versions]"));
            versions.contains("Ready, not taken by the desk")
        },
        "History saying the desk did not take Ready",
    );
    shot(&ed_app, "7-approval-refused");
    assert_eq!(
        on_server("SELECT state::text FROM briefdesk.brief"),
        "draft",
        "the server took the stale approval"
    );

    // She moves the brief to the Trash: it leaves his window too, into his
    // Trash, and coming out of his Trash, it is back in her library.
    ana.clicks("[data-testid=delete-brief]");
    ana.clicks("[data-testid=confirm]");
    ed_app.wait_for_text(
        "[data-testid=notice]",
        "Someone on the desk moved “Talks resume in Geneva” to the Trash. It is in your Trash too; restore it from there to bring it back for everyone.",
    );
    ed_app.find("[data-testid=no-brief]");
    assert_eq!(on_server("SELECT trashed::text FROM briefdesk.brief"), "true");
    shot(&ed_app, "8-trashed");
    ed.clicks("[data-testid=show-trash]");
    ed.clicks("[data-testid=restore-from-trash]");
    ana_app.wait_until(
        || !ana_app.find_all("[data-testid=library-entry]").is_empty(),
        "the brief back in her library",
    );
    ana_app.wait_for_text(
        "[data-testid=notice]",
        "Someone on the desk took “Talks resume in Geneva” out of the Trash: it is back in your library.",
    );
    assert_eq!(on_server("SELECT trashed::text FROM briefdesk.brief"), "false");
    shot(&ed_app, "9-restored");

    // Approved, it is locked in the reporter's window: her keys change
    // nothing, and no refused words pile up as copies.
    ed.clicks("[data-testid=show-trash]");
    ed.clicks("[data-testid=library-entry]");
    ed_app.wait_for_value("#summary", &latest);
    ed_app.select_option(&ed_app.find("[data-testid=status]"), "ready");
    wait_for_indicator(&ed_app, Duration::from_secs(20), |text| text == "Synced");
    ana.clicks("[data-testid=library-entry]");
    ana_app.wait_for_text(
        "[data-testid=locked]",
        "Ready: an editor approved this brief, so the desk takes no more changes to it from you. Ask an editor to send it back to Draft if it needs one.",
    );
    ana.clicks("#summary");
    ana.presses("ctrl+End");
    ana.types(" Too late.", FAST_TYPIST_MS);
    ana.presses("ctrl+z");
    std::thread::sleep(Duration::from_secs(3));
    assert_eq!(ana_app.value(&ana_app.find("#summary")), latest, "a locked brief took her keys");
    assert_eq!(ana_app.find_all("[data-testid=library-entry]").len(), 1, "a copy of refused words appeared");
    assert_eq!(on_server("SELECT state::text FROM briefdesk.brief"), "ready");
    shot(&ed_app, "10-locked");
    ed_app.close();
    ana_app.close();
}

/// Waits until the brief's head on the server has `words` in it.
fn wait_for_head(on_server: &impl Fn(&str) -> String, words: &str) {
    let deadline = Instant::now() + Duration::from_secs(60);
    let head = "SELECT r.body::text FROM briefdesk.brief b JOIN briefdesk.revision r ON r.id = b.head";
    while !on_server(head).contains(words) {
        assert!(Instant::now() < deadline, "{words:?} never reached the desk: {}", on_server(head));
        std::thread::sleep(Duration::from_millis(200));
    }
}

/// Waits until the desk indicator's words pass `done`.
fn wait_for_indicator(app: &Session, within: Duration, done: impl Fn(&str) -> bool) {
    let deadline = Instant::now() + within;
    loop {
        let text = app.text_content(&app.find("[data-testid=desk-state]"));
        if done(&text) {
            return;
        }
        assert!(Instant::now() < deadline, "the desk indicator stayed at {text:?}");
        std::thread::sleep(Duration::from_millis(200));
    }
}

/// Waits until the library's desk mark on the brief says `text`.
fn wait_for_mark(app: &Session, text: &str) {
    app.wait_until(
        || app.try_find("[data-testid=desk-mark]").is_some_and(|mark| app.text_content(&mark) == text),
        &format!("the library marks the brief {text:?}"),
    );
}

/// A desk "news" in a database "newsroom", with ana (password
/// `ana-secret`) its reporter. Answers the administrator's connection.
fn newsroom_with_ana(
    runtime: &tokio::runtime::Runtime,
    cluster: &cluster::Cluster,
) -> tokio_postgres::Client {
    runtime.block_on(async {
        let postgres = connect(&ServerUrl::parse(&cluster.admin_url("postgres")).unwrap()).await.unwrap();
        postgres.batch_execute("CREATE DATABASE newsroom").await.unwrap();
        let mut admin = connect(&ServerUrl::parse(&cluster.admin_url("newsroom")).unwrap()).await.unwrap();
        init(&mut admin).await.unwrap();
        create_desk(&admin, "news").await.unwrap();
        admin.batch_execute("CREATE ROLE ana LOGIN PASSWORD 'ana-secret'").await.unwrap();
        add_member(&admin, "news", "ana", Role::Reporter).await.unwrap();
        admin
    })
}

/// She types the server, her login and password into the Desk… dialog and
/// joins the desk "news".
fn joins_from_the_dialog(app: &Session, person: &Person, port: u16) {
    person.clicks("[data-testid=open-desk]");
    app.find("[data-testid=desk-dialog]");
    person.types(&format!("127.0.0.1:{port}/newsroom"), FAST_TYPIST_MS);
    person.presses("Tab");
    person.types("ana", FAST_TYPIST_MS);
    person.presses("Tab");
    person.types("ana-secret", FAST_TYPIST_MS);
    person.presses("Return");
    app.wait_until(
        || app.try_value("[data-testid=desk-name]").as_deref() == Some("news"),
        "the desks she may join, hers chosen",
    );
    person.clicks("[data-testid=desk-connect]");
}

/// A desktop with no keyring that answers (no session bus): the server took
/// her password, so she is on the desk all the same; the window says at
/// once that the password lasts until Briefdesk closes, and the desk syncs.
#[test]
fn without_a_keyring_she_still_joins_and_is_told_the_password_lasts_until_briefdesk_closes() {
    let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(1).enable_all().build().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let cluster = cluster::Cluster::start_in(&dir.path().join("server"));
    let admin = newsroom_with_ana(&runtime, &cluster);
    let harness = Harness::start_for_a_person(&[("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/bus")]);
    let db = dir.path().join("ana.sqlite3");
    let app = harness.launch(&db);
    app.find("[data-testid=library-empty]");
    let person = Person::at(harness.display(), &app);
    joins_from_the_dialog(&app, &person, cluster.port);
    app.wait_for_text(
        "[data-testid=notice]",
        "Connected to the desk “news” as ana. Briefs you share sync by themselves; new briefs are shared. \
         The desktop’s keyring could not keep your password: type it again in Desk… after Briefdesk restarts.",
    );
    wait_for_indicator(&app, Duration::from_secs(20), |text| text == "Synced");
    person.presses("ctrl+n");
    person.types("Joined with no keyring", FAST_TYPIST_MS);
    let deadline = Instant::now() + Duration::from_secs(30);
    let on_server = || {
        runtime.block_on(async {
            admin.query_one("SELECT count(*) FROM briefdesk.brief", &[]).await.unwrap().get::<_, i64>(0)
        })
    };
    while on_server() == 0 {
        assert!(Instant::now() < deadline, "her brief never reached the desk");
        std::thread::sleep(Duration::from_millis(200));
    }
    person.clicks("[data-testid=desk-state]");
    let password = app.find("[data-testid=desk-password]");
    assert_eq!(app.property(&password, "placeholder"), "Kept until Briefdesk closes");
    shot(&app, "17-no-keyring");
    app.close();
}

/// A reporter joins the desk from the app as a person would: File's Desk…,
/// the server, login and password typed in; a wrong password is named; the
/// password goes to the desktop's keyring, never to the library; the app
/// relaunched syncs with it, with no PGPASSWORD or ~/.pgpass anywhere.
#[test]
fn a_reporter_joins_the_desk_from_the_desk_dialog_and_the_password_stays_in_the_keyring() {
    let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(1).enable_all().build().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let cluster = cluster::Cluster::start_in(&dir.path().join("server"));
    let admin = newsroom_with_ana(&runtime, &cluster);
    let keyring = SessionKeyring::start(dir.path());
    let env: Vec<(&str, String)> = keyring.env();
    let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let harness = Harness::start_for_a_person(&env);
    let db = dir.path().join("ana.sqlite3");
    let app = harness.launch(&db);
    app.find("[data-testid=library-empty]");
    let person = Person::at(harness.display(), &app);

    person.clicks("[data-testid=open-desk]");
    app.find("[data-testid=desk-dialog]");
    person.types(&format!("127.0.0.1:{}/newsroom", cluster.port), FAST_TYPIST_MS);
    person.presses("Tab");
    person.types("ana", FAST_TYPIST_MS);
    person.presses("Tab");
    person.types("not-her-password", FAST_TYPIST_MS);
    person.presses("Return");
    app.wait_for_text(
        "[data-testid=desk-problem]",
        "Could not sign in: the desk's server refused the login \"ana\": wrong password, or no such login.",
    );
    shot(&app, "10-wrong-password");
    person.clicks("[data-testid=desk-password]");
    person.presses("ctrl+a");
    person.types("ana-secret", FAST_TYPIST_MS);
    person.presses("Return");
    app.wait_until(
        || app.try_value("[data-testid=desk-name]").as_deref() == Some("news"),
        "the desks she may join, hers chosen",
    );
    shot(&app, "11-pick-desk");
    person.clicks("[data-testid=desk-connect]");
    app.wait_for_text(
        "[data-testid=notice]",
        "Connected to the desk “news” as ana. Briefs you share sync by themselves; new briefs are shared.",
    );
    assert!(app.try_find("[data-testid=desk-dialog]").is_none(), "the dialog stays open");
    wait_for_indicator(&app, Duration::from_secs(20), |text| text == "Synced");
    shot(&app, "12-connected");

    let server = format!("postgresql://ana@127.0.0.1:{}/newsroom", cluster.port);
    assert_eq!(keyring.lookup("org.briefdesk.editor", &server).as_deref(), Some("ana-secret"));
    let link = Store::open(&db).unwrap().desk_link().unwrap().expect("the library is on the desk");
    assert_eq!((link.server.as_str(), link.desk.as_str()), (server.as_str(), "news"));
    let file = std::fs::read(&db).unwrap();
    assert!(!file.windows(10).any(|w| w == b"ana-secret"), "the password is in the library file");

    // A new brief is shared by itself, and reaches the server.
    person.presses("ctrl+n");
    person.types("Joined from the dialog", FAST_TYPIST_MS);
    let on_server = || {
        runtime.block_on(async {
            let row = admin.query_one("SELECT count(*) FROM briefdesk.brief", &[]).await.unwrap();
            row.get::<_, i64>(0)
        })
    };
    let deadline = Instant::now() + Duration::from_secs(30);
    while on_server() == 0 {
        assert!(Instant::now() < deadline, "the new brief never reached the desk");
        std::thread::sleep(Duration::from_millis(200));
    }
    app.close();

    // Relaunched: the password comes from the keyring.
    let app = harness.launch(&db);
    wait_for_indicator(&app, Duration::from_secs(30), |text| text == "Synced");
    shot(&app, "13-relaunched");
    let person = Person::at(harness.display(), &app);

    // The dialog says where she is, and claims the keyring only as it is.
    person.clicks("[data-testid=desk-state]");
    app.wait_for_text(
        "[data-testid=desk-connected] .summary",
        "Connected to the desk “news” as ana, a reporter.",
    );
    app.wait_for_text("[data-testid=desk-dialog-state]", "Synced.");
    let password = app.find("[data-testid=desk-password]");
    assert_eq!(app.property(&password, "placeholder"), "Kept in the keyring");
    person.clicks("[data-testid=desk-password]");
    person.types("a-guess", FAST_TYPIST_MS);
    person.presses("Return");
    app.wait_for_text(
        "[data-testid=desk-problem]",
        "The password was not changed: the desk's server refused the login \"ana\": wrong password, or no \
         such login. The library is still on the desk “news”.",
    );
    shot(&app, "14-password-not-changed");
    assert_eq!(keyring.lookup("org.briefdesk.editor", &server).as_deref(), Some("ana-secret"));
    person.presses("Escape");

    // The server is cut off from her; a change waits; she disconnects anyway.
    runtime.block_on(async {
        admin.batch_execute("ALTER ROLE ana NOLOGIN").await.unwrap();
        admin
            .batch_execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = 'ana'")
            .await
            .unwrap();
    });
    wait_for_indicator(&app, Duration::from_secs(30), |text| text.starts_with("Offline"));
    person.clicks("#summary");
    person.types("Written while cut off.", FAST_TYPIST_MS);
    wait_for_indicator(&app, Duration::from_secs(30), |text| text == "Offline — 1 change waiting");
    person.clicks("[data-testid=desk-state]");
    person.clicks("[data-testid=desk-disconnect]");
    app.find("[data-testid=desk-leave-question]");
    person.clicks("[data-testid=desk-disconnect-confirm]");
    app.wait_for_text(
        "[data-testid=desk-problem]",
        "1 change has not reached the desk yet: sync first, or disconnect anyway (your words stay in this \
         library; the desk will not get them, and its side of a conflict stays on the server).",
    );
    shot(&app, "15-disconnect-asked-again");
    assert!(Store::open(&db).unwrap().desk_link().unwrap().is_some(), "asked again, yet disconnected");
    person.clicks("[data-testid=desk-disconnect-confirm]");
    app.wait_for_text(
        "[data-testid=notice]",
        "Disconnected from the desk “news”. Your briefs stay in this library; they no longer sync.",
    );
    assert!(app.try_find("[data-testid=desk-state]").is_none(), "the indicator still shows a desk");
    shot(&app, "16-disconnected");
    let store = Store::open(&db).unwrap();
    assert_eq!(store.desk_link().unwrap(), None);
    assert!(store.outbox().unwrap().is_empty());
    let briefs = store.list().unwrap();
    assert_eq!(briefs.len(), 1, "{briefs:?}");
    assert_eq!(store.get(briefs[0].id).unwrap().content.summary, "Written while cut off.");
    assert_eq!(keyring.lookup("org.briefdesk.editor", &server), None, "the keyring kept the password");
    app.close();
}
