//! The desk in the real app: an editor's window on a library connected to a
//! desk on a real PostgreSQL server (a throwaway cluster), with a reporter
//! on a second laptop (a library of its own, synced as the reporter's app
//! does). The reporter's words reach the editor's window by themselves; the
//! server stopped, both change the same words; back, the editor's window
//! says there is a conflict, and both texts are kept.

use std::time::{Duration, Instant};

use briefdesk_core::BriefContent;
use briefdesk_desk::{
    add_member, connect, create_desk, init, sync_once, DeskSession, LocalDesk, Role, ServerUrl,
};
use briefdesk_store::Store;

use crate::support::{screenshot, Harness};

#[path = "../../src-tauri/crates/briefdesk-desk/tests/support/cluster.rs"]
mod cluster;

fn shot(app: &crate::support::webdriver::Session, name: &str) {
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

    let harness = Harness::start_with_env(&[("PGPASSWORD", "pw")]);
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
    let entries = (0..150)
        .find_map(|_| {
            let found = app.find_all("[data-testid=library-entry]");
            if found.is_empty() {
                std::thread::sleep(Duration::from_millis(100));
                None
            } else {
                Some(found)
            }
        })
        .expect("the reporter's brief reaches the editor's library");
    eprintln!("the reporter's brief reached the editor's library in {:?}", arrived.elapsed());
    app.click(&entries[0]);
    app.wait_for_value("#headline", "Talks resume in Geneva");
    app.wait_for_text("[data-testid=desk-state]", "Synced");
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
    let summary = app.find("#summary");
    app.click(&summary);
    app.send_keys(&summary, " Bern next.");
    let deadline = Instant::now() + Duration::from_secs(40);
    loop {
        let text = app.text_content(&app.find("[data-testid=desk-state]"));
        // Once the typing is saved, it waits in the outbox, and says so.
        if text.starts_with("Offline") && text.contains("waiting") {
            break;
        }
        assert!(Instant::now() < deadline, "the indicator never said offline: {text:?}");
        std::thread::sleep(Duration::from_millis(200));
    }
    shot(&app, "3-offline");

    cluster.start_again();
    runtime.block_on(reporter.sync());
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let text = app.text_content(&app.find("[data-testid=desk-state]"));
        if text == "Conflict in 1 brief" {
            break;
        }
        assert!(Instant::now() < deadline, "the indicator never showed the conflict: {text:?}");
        std::thread::sleep(Duration::from_millis(250));
    }
    app.wait_for_text(
        "[data-testid=notice]",
        "The same words were changed here and on the desk. Yours stay on screen; both texts are kept (briefdesk-cli desk status shows them).",
    );
    shot(&app, "4-conflict");
    // Both texts are kept: the editor's on screen and in their library, the
    // reporter's beside it, and both on the server.
    assert!(app.value(&app.find("#summary")).contains("Bern next."));
    app.close();
    let editor = Store::open(&editor_db).unwrap();
    let status = editor.desk_status().unwrap();
    let conflict = &status[0].conflicts[0];
    assert!(conflict.ours.contains("Bern next."), "{conflict:?}");
    assert!(conflict.theirs.contains("Vienna"), "{conflict:?}");
}
