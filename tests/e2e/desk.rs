//! The desk in the real app: an editor's window on a library connected to a
//! desk on a real PostgreSQL server (a throwaway cluster), with a reporter
//! on a second laptop (a library of its own, synced as the reporter's app
//! does). The reporter's words reach the editor's window by themselves; the
//! server stopped, both change the same words; back, the editor's window
//! says there is a conflict, shows both texts side by side, and the choice
//! closes it on the server. An approval made while cut off, after which the
//! reporter saved, is refused and the window says so.

use std::time::{Duration, Instant};

use briefdesk_core::BriefContent;
use briefdesk_desk::{
    add_member, connect, create_desk, init, sync_once, DeskSession, LocalDesk, Role, ServerUrl,
};
use briefdesk_store::Store;

use crate::support::keyring::SessionKeyring;
use crate::support::person::{Person, FAST_TYPIST_MS};
use crate::support::webdriver::Session;
use crate::support::{screenshot, Harness};

#[path = "../../src-tauri/crates/briefdesk-desk/tests/support/cluster.rs"]
mod cluster;

fn shot(app: &Session, name: &str) {
    screenshot(app, &format!("desk/{name}.png"));
}

struct Reporter {
    url: ServerUrl,
    local: LocalDesk,
}

impl Reporter {
    async fn sync(&self) {
        let session = DeskSession::open(&self.url, "news").await.unwrap();
        sync_once(&self.local, &session).await.unwrap();
    }
}

#[test]
fn the_reporters_words_reach_the_editors_window_and_a_conflict_is_shown() {
    let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(1).enable_all().build().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let cluster = cluster::Cluster::start_in(&dir.path().join("server"));
    let (reporter, editor_db) = runtime.block_on(async {
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
        let server = |login: &str| format!("postgresql://{login}@127.0.0.1:{}/newsroom", cluster.port);
        let ana_db = dir.path().join("ana.sqlite3");
        let mut ana = Store::open(&ana_db).unwrap();
        ana.link_desk(&server("ana"), "news").unwrap();
        let editor_db = dir.path().join("ed.sqlite3");
        Store::open(&editor_db).unwrap().link_desk(&server("ed"), "news").unwrap();
        let url =
            ServerUrl::parse(&format!("postgresql://ana:pw@127.0.0.1:{}/newsroom", cluster.port)).unwrap();
        (Reporter { url, local: LocalDesk::new(ana) }, editor_db)
    });

    let harness = Harness::start_for_a_person(&[("PGPASSWORD", "pw")]);
    let app = harness.launch(&editor_db);
    app.find("[data-testid=library-empty]");
    // The reporter writes and syncs; the editor does nothing.
    let id = runtime.block_on(async {
        let id = reporter
            .local
            .run(|store| {
                let brief = store.create()?;
                let content = BriefContent {
                    headline: "Talks resume in Geneva".into(),
                    summary: "Negotiators met on Monday.".into(),
                    ..Default::default()
                };
                store.save_draft(brief.id, brief.revision, &content)?;
                Ok(brief.id)
            })
            .await
            .unwrap();
        reporter.sync().await;
        id
    });
    let arrived = Instant::now();
    (0..150)
        .find(|_| {
            let found = !app.find_all("[data-testid=library-entry]").is_empty();
            if !found {
                std::thread::sleep(Duration::from_millis(100));
            }
            found
        })
        .expect("the reporter's brief reaches the editor's library");
    eprintln!("the reporter's brief reached the editor's library in {:?}", arrived.elapsed());
    let person = Person::at(harness.display(), &app);
    person.clicks("[data-testid=library-entry]");
    app.wait_for_value("#headline", "Talks resume in Geneva");
    app.wait_for_text("[data-testid=desk-state]", "Synced");
    wait_for_mark(&app, "by ana");
    shot(&app, "1-arrived");

    // The reporter types on; the editor's open brief follows.
    runtime.block_on(async {
        reporter
            .local
            .run(move |store| {
                let brief = store.get(id)?;
                let mut content = brief.content.clone();
                content.summary = "Negotiators met on Monday. Talks go on today.".into();
                store.save_draft(id, brief.revision, &content).map(|_| ())
            })
            .await
            .unwrap();
        reporter.sync().await;
    });
    app.wait_for_value("#summary", "Negotiators met on Monday. Talks go on today.");
    shot(&app, "2-followed");

    // The editor's caret sits after "Negotiators" when the reporter changes
    // a later word: it stays there, and the editor's words go in there.
    person.clicks("#summary");
    person.presses("ctrl+Home");
    for _ in 0.."Negotiators".len() {
        person.presses("Right");
    }
    runtime.block_on(async {
        reporter
            .local
            .run(move |store| {
                let brief = store.get(id)?;
                let mut content = brief.content.clone();
                content.summary = content.summary.replace("Monday", "Sunday");
                store.save_draft(id, brief.revision, &content).map(|_| ())
            })
            .await
            .unwrap();
        reporter.sync().await;
    });
    app.wait_for_value("#summary", "Negotiators met on Sunday. Talks go on today.");
    person.types(" from both sides", FAST_TYPIST_MS);
    app.wait_for_value("#summary", "Negotiators from both sides met on Sunday. Talks go on today.");
    // The reporter's laptop has it before the server goes away.
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        runtime.block_on(reporter.sync());
        let summary = runtime.block_on(reporter.local.run(move |s| Ok(s.get(id)?.content.summary))).unwrap();
        if summary.contains("from both sides") {
            break;
        }
        assert!(Instant::now() < deadline, "the editor's words never reached the reporter: {summary:?}");
        std::thread::sleep(Duration::from_millis(200));
    }

    // The server goes away; both change the same words.
    cluster.stop();
    runtime.block_on(async {
        reporter
            .local
            .run(move |store| {
                let brief = store.get(id)?;
                let mut content = brief.content.clone();
                content.summary = "Negotiators met on Monday. Talks go on in Vienna.".into();
                store.save_draft(id, brief.revision, &content).map(|_| ())
            })
            .await
            .unwrap();
    });
    person.clicks("#summary");
    person.presses("ctrl+End");
    person.types(" Bern next.", FAST_TYPIST_MS);
    app.wait_for_value(
        "#summary",
        "Negotiators from both sides met on Sunday. Talks go on today. Bern next.",
    );
    wait_for_indicator(&app, Duration::from_secs(40), |text| {
        // Once the typing is saved, it waits in the outbox, and says so.
        text.starts_with("Offline") && text.contains("waiting")
    });
    shot(&app, "3-offline");

    cluster.start_again();
    runtime.block_on(reporter.sync());
    wait_for_indicator(&app, Duration::from_secs(60), |text| text == "Conflict in 1 brief");
    app.wait_for_text(
        "[data-testid=conflict-bar] span",
        "1 part of this brief was changed both here and by ana on the desk. Both texts are kept until you choose.",
    );
    wait_for_mark(&app, "Conflict");
    shot(&app, "4-conflict");
    // Both texts are kept: the editor's on screen and in their library, the
    // reporter's beside it, and both on the server.
    assert!(app.value(&app.find("#summary")).contains("Bern next."));
    {
        let editor = Store::open(&editor_db).unwrap();
        let status = editor.desk_status().unwrap();
        let conflict = &status[0].conflicts[0];
        assert!(conflict.ours.contains("Bern next."), "{conflict:?}");
        assert!(conflict.theirs.contains("Vienna"), "{conflict:?}");
    }

    // Side by side, each text marked against the one both started from.
    person.clicks("[data-testid=compare-conflicts]");
    app.find("[data-testid=conflict-view]");
    let ours = app.text_content(&app.find("[data-testid=conflict-ours]"));
    let theirs = app.text_content(&app.find("[data-testid=conflict-theirs]"));
    assert!(ours.contains("Bern next.") && ours.contains("Yours"), "{ours:?}");
    assert!(theirs.contains("in Vienna") && theirs.contains("ana’s, on the desk"), "{theirs:?}");
    shot(&app, "5-compare");
    person.clicks("[data-testid=take-theirs]");
    app.wait_for_text(
        "[data-testid=notice]",
        "Conflict resolved. The brief goes to the desk with the texts you chose.",
    );
    app.wait_for_value("#summary", "Negotiators met on Monday. Talks go on in Vienna.");
    wait_for_indicator(&app, Duration::from_secs(20), |text| text == "Synced");
    // History names who wrote each of the desk's versions, by the server's numbers.
    person.clicks("[data-testid=desk-versions] summary");
    app.wait_until(
        || {
            let text = app.text_content(&app.find("[data-testid=desk-versions]"));
            text.contains("Desk v1") && text.contains("by ana") && text.contains("by ed")
        },
        "the desk's versions with their authors in History",
    );
    shot(&app, "6-resolved");
    {
        let editor = Store::open(&editor_db).unwrap();
        assert!(editor.conflicts_of(id).unwrap().is_none(), "the conflict is closed here");
    }
    runtime.block_on(async {
        reporter.sync().await;
        let status = reporter.local.run(|store| store.desk_status()).await.unwrap();
        assert_eq!(status[0].open_conflicts, 0, "the conflict is closed on the server: {status:?}");
    });

    // Approval is pinned to what the editor read. The editor is cut off;
    // meanwhile the reporter saves; the editor's "Ready" arrives after it.
    let admin = runtime.block_on(async {
        let admin = connect(&ServerUrl::parse(&cluster.admin_url("newsroom")).unwrap()).await.unwrap();
        admin
            .batch_execute(
                "ALTER ROLE ed NOLOGIN;
                 SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = 'ed';",
            )
            .await
            .unwrap();
        admin
    });
    wait_for_indicator(&app, Duration::from_secs(20), |text| text.starts_with("Offline"));
    app.select_option(&app.find("[data-testid=status]"), "ready");
    wait_for_indicator(&app, Duration::from_secs(20), |text| text == "Offline — 1 change waiting");
    runtime.block_on(async {
        reporter
            .local
            .run(move |store| {
                let brief = store.get(id)?;
                let mut content = brief.content.clone();
                content.summary.push_str(" The talks end on Friday.");
                store.save_draft(id, brief.revision, &content).map(|_| ())
            })
            .await
            .unwrap();
        reporter.sync().await;
        admin.batch_execute("ALTER ROLE ed LOGIN").await.unwrap();
    });
    app.wait_for_text(
        "[data-testid=notice]",
        "The desk did not take the change of status: someone saved this brief after you read it. Read their changes, then set the status again.",
    );
    app.wait_for_value(
        "#summary",
        "Negotiators met on Monday. Talks go on in Vienna. The talks end on Friday.",
    );
    app.wait_until(
        || app.try_value("[data-testid=status]").as_deref() == Some("draft"),
        "the status back to the desk's",
    );
    shot(&app, "7-approval-refused");
    runtime.block_on(async {
        let state: String =
            admin.query_one("SELECT state::text FROM briefdesk.brief", &[]).await.unwrap().get(0);
        assert_eq!(state, "draft", "the server did not take the stale approval");
    });
    app.close();
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

/// A reporter joins the desk from the app as a person would: File's Desk…,
/// the server, login and password typed in; a wrong password is named; the
/// password goes to the desktop's keyring, never to the library; the app
/// relaunched syncs with it, with no PGPASSWORD or ~/.pgpass anywhere.
#[test]
fn a_reporter_joins_the_desk_from_the_desk_dialog_and_the_password_stays_in_the_keyring() {
    let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(1).enable_all().build().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let cluster = cluster::Cluster::start_in(&dir.path().join("server"));
    let admin = runtime.block_on(async {
        let postgres = connect(&ServerUrl::parse(&cluster.admin_url("postgres")).unwrap()).await.unwrap();
        postgres.batch_execute("CREATE DATABASE newsroom").await.unwrap();
        let mut admin = connect(&ServerUrl::parse(&cluster.admin_url("newsroom")).unwrap()).await.unwrap();
        init(&mut admin).await.unwrap();
        create_desk(&admin, "news").await.unwrap();
        admin.batch_execute("CREATE ROLE ana LOGIN PASSWORD 'ana-secret'").await.unwrap();
        add_member(&admin, "news", "ana", Role::Reporter).await.unwrap();
        admin
    });
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
    app.close();
}
