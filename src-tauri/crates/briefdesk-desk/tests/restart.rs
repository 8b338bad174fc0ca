//! A server that crashes and restarts (`pg_ctl restart -m immediate`)
//! during a save-and-sync loop: its own cluster, since it takes the server
//! away from under everything else connected.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use briefdesk_desk::{sync_once, DeskSession, Role, ServerUrl};
use support::{brief, cluster, TestDesk, DESK};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_server_restarted_by_a_crash_mid_loop_loses_no_save() {
    let desk = TestDesk::new().await;
    let ana = desk.person("ana", Role::Reporter).await;
    let id = ana.write(brief("Live", "Save 0.")).await;
    let mut saved = Vec::new();
    let mut restarted = false;
    for n in 1..=30 {
        let text = format!("Save {n}.");
        saved.push(text.clone());
        ana.edit(id, move |c| c.summary = text).await;
        if n == 12 {
            cluster().restart_immediate();
            restarted = true;
        }
        // A sync may fail while the server is down: the save waits.
        if let Ok(session) = DeskSession::open(&ana.url, DESK).await {
            let _ = sync_once(&ana.local, &session).await;
        }
    }
    assert!(restarted);
    let report = ana.sync().await;
    assert_eq!(report.waiting, 0);
    let admin = briefdesk_desk::connect(&ServerUrl::parse(&desk.admin_url()).unwrap()).await.unwrap();
    let last: String = admin
        .query_one(
            "SELECT b.body->>'summary' FROM briefdesk.brief r JOIN briefdesk.revision b ON b.id = r.head",
            &[],
        )
        .await
        .unwrap()
        .get(0);
    assert_eq!(last, "Save 30.");
    let duplicates: i64 = admin
        .query_one("SELECT count(*) - count(DISTINCT id) FROM briefdesk.revision", &[])
        .await
        .unwrap()
        .get(0);
    assert_eq!(duplicates, 0);
    let open: i32 = admin.query_one("SELECT open_conflicts FROM briefdesk.brief", &[]).await.unwrap().get(0);
    assert_eq!(open, 0);
}
