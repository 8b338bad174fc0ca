//! A property over random interleavings of three laptops going offline and
//! online, saving, pushing and pulling one shared brief:
//! - every body that reached a sync point is on the server, or still in
//!   that laptop's outbox;
//! - the brief has one head, and its open conflicts are exactly the
//!   conflict revisions no merge has named;
//! - after everyone resolves and syncs, every laptop holds the head.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::collections::HashSet;

use briefdesk_core::BriefContent;
use briefdesk_desk::{sync_once, DeskSession, Role};
use briefdesk_store::Take;
use proptest::prelude::*;
use support::{brief, Person, TestDesk};

#[derive(Clone, Debug)]
enum Op {
    Save { who: usize, part: u8 },
    Sync { who: usize },
    Toggle { who: usize },
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        4 => (0..3usize, 0..5u8).prop_map(|(who, part)| Op::Save { who, part }),
        3 => (0..3usize).prop_map(|who| Op::Sync { who }),
        1 => (0..3usize).prop_map(|who| Op::Toggle { who }),
    ]
}

fn edit(content: &mut BriefContent, who: usize, part: u8, n: usize) {
    let words = format!("laptop {who} save {n}");
    match part {
        0 => content.headline = format!("Talks ({words})"),
        1 => content.summary = format!("Negotiators met. Then {words}."),
        2 => content.context = format!("{words}. The sides last met in March."),
        3 => content.key_developments.push(format!("Bullet from {words}.")),
        _ => content.why_it_matters = format!("It matters ({words})."),
    }
}

fn body_key(content: &BriefContent) -> String {
    serde_json::to_string(content).unwrap()
}

async fn server_bodies(desk: &TestDesk) -> HashSet<String> {
    let rows =
        desk.admin.query("SELECT body FROM briefdesk.revision WHERE body IS NOT NULL", &[]).await.unwrap();
    rows.iter()
        .map(|row| {
            let value: serde_json::Value = row.get(0);
            body_key(&serde_json::from_value::<BriefContent>(value).unwrap())
        })
        .collect()
}

async fn run(ops: Vec<Op>) {
    let desk = TestDesk::new().await;
    let people = [
        desk.person("ana", Role::Reporter).await,
        desk.person("ed", Role::Editor).await,
        desk.person("eve", Role::Editor).await,
    ];
    let id = people[0].write(brief("Talks", "Negotiators met.")).await;
    for person in &people {
        person.sync().await;
    }
    let mut online = [true; 3];
    let mut reached_sync_point: Vec<(usize, String)> = Vec::new();
    for (n, op) in ops.into_iter().enumerate() {
        match op {
            Op::Save { who, part } => people[who].edit(id, move |c| edit(c, who, part, n)).await,
            Op::Toggle { who } => online[who] = !online[who],
            Op::Sync { who } => {
                let person: &Person = &people[who];
                if online[who] {
                    // A sync point: what it pushes must never be lost. (Offline,
                    // nothing is tried, and the next save may still coalesce.)
                    for revision in person.local.run(|s| s.outbox()).await.unwrap() {
                        if let Some(body) = &revision.body {
                            reached_sync_point.push((who, body_key(body)));
                        }
                    }
                    let session = DeskSession::open(&person.url, &person.desk).await.unwrap();
                    sync_once(&person.local, &session).await.unwrap();
                }
            }
        }
    }

    let on_server = server_bodies(&desk).await;
    for (who, body) in &reached_sync_point {
        let waiting: HashSet<String> = people[*who]
            .local
            .run(|s| s.outbox())
            .await
            .unwrap()
            .iter()
            .filter_map(|r| r.body.as_ref().map(body_key))
            .collect();
        assert!(on_server.contains(body) || waiting.contains(body), "laptop {who} lost a body: {body}");
    }
    let row = desk
        .admin
        .query_one(
            "SELECT b.open_conflicts::bigint,
                    (SELECT count(*) FROM briefdesk.conflict c WHERE c.brief_id = b.id AND c.merged_by IS NULL),
                    (SELECT count(*) FROM briefdesk.revision r WHERE r.id = b.head AND r.kind IN ('save', 'version', 'merge'))
             FROM briefdesk.brief b",
            &[],
        )
        .await
        .unwrap();
    let (open, unmerged, heads): (i64, i64, i64) = (row.get(0), row.get(1), row.get(2));
    assert_eq!(open, unmerged, "open conflicts are the conflict revisions no merge named");
    assert_eq!(heads, 1, "one head");

    // Everyone online: resolve what is in conflict (keeping one's own
    // words), and sync until nothing moves.
    for _ in 0..6 {
        for person in &people {
            person.sync().await;
            let status = person.local.run(|s| s.desk_status()).await.unwrap();
            if status.iter().any(|b| !b.conflicts.is_empty()) {
                person.local.run(move |s| s.resolve(id, None, Take::Ours).map(|_| ())).await.unwrap();
            }
        }
    }
    for person in &people {
        person.sync().await;
    }
    let head: serde_json::Value = desk
        .admin
        .query_one("SELECT r.body FROM briefdesk.brief b JOIN briefdesk.revision r ON r.id = b.head", &[])
        .await
        .unwrap()
        .get(0);
    let head: BriefContent = serde_json::from_value(head).unwrap();
    for (who, person) in people.iter().enumerate() {
        assert_eq!(person.content(id).await, head, "laptop {who} holds the head after a final sync");
        let status = person.local.run(|s| s.desk_status()).await.unwrap();
        assert_eq!(status[0].waiting, 0, "laptop {who} has nothing waiting");
        assert!(status[0].conflicts.is_empty());
    }
    let open: i32 =
        desk.admin.query_one("SELECT open_conflicts FROM briefdesk.brief", &[]).await.unwrap().get(0);
    assert_eq!(open, 0, "every conflict closed once resolved");
}

fn cases() -> u32 {
    std::env::var("BRIEFDESK_DESK_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(8)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), max_shrink_iters: 20, ..ProptestConfig::default() })]

    #[test]
    fn three_laptops_never_lose_a_body_and_end_on_the_same_head(ops in proptest::collection::vec(op(), 8..40)) {
        let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
        runtime.block_on(run(ops));
    }
}
