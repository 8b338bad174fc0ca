//! Load: 50 laptops, each saving at typing pace (a save a second, as the
//! app coalesces keystrokes) and syncing, against one server for a minute
//! (`BRIEFDESK_LOAD_SECS` to change it). Nothing may be lost; the sync
//! latency is printed, never asserted (these machines are noisy: the
//! benchmark compares it against a peer).

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::time::{Duration, Instant};

use briefdesk_desk::{sync_once, DeskSession, Role};
use support::{brief, TestDesk};

const LAPTOPS: usize = 50;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fifty_laptops_saving_every_second_lose_nothing() {
    let seconds: u64 = std::env::var("BRIEFDESK_LOAD_SECS").ok().and_then(|v| v.parse().ok()).unwrap_or(60);
    let desk = TestDesk::new().await;
    let mut tasks = Vec::new();
    for n in 0..LAPTOPS {
        let person = desk.person(&format!("r{n}"), Role::Reporter).await;
        tasks.push(tokio::spawn(async move {
            let id = person.write(brief(&format!("Laptop {n}"), "Save 0.")).await;
            let session = DeskSession::open(&person.url, &person.desk).await.unwrap();
            let start = Instant::now();
            let mut latencies = Vec::new();
            let mut pushes = Vec::new();
            let mut saves = 0u32;
            // Spread the laptops over the second, as people are.
            tokio::time::sleep(Duration::from_millis((n as u64 * 20) % 1000)).await;
            while start.elapsed() < Duration::from_secs(seconds) {
                saves += 1;
                let text = format!("Save {saves}.");
                person.edit(id, move |c| c.summary = text).await;
                let began = Instant::now();
                // The push itself, timed apart from the pull that follows.
                for revision in person.local.run(|s| s.outbox()).await.unwrap() {
                    let seq = revision.seq;
                    person.local.run(move |s| s.mark_attempted(seq)).await.unwrap();
                    let pushed_at = Instant::now();
                    let answer = session.push(&revision).await.unwrap();
                    pushes.push(pushed_at.elapsed());
                    assert_eq!(
                        answer,
                        briefdesk_desk::PushAnswer::Accepted { version: answer_version(&answer) }
                    );
                    person
                        .local
                        .run(move |s| s.acknowledge(&revision, briefdesk_store::Acknowledged::Accepted))
                        .await
                        .unwrap();
                }
                let report = sync_once(&person.local, &session).await.unwrap();
                latencies.push(began.elapsed());
                assert!(report.conflicted.is_empty());
                tokio::time::sleep(Duration::from_secs(1).saturating_sub(began.elapsed())).await;
            }
            (id, saves, latencies, pushes)
        }));
    }
    let mut all = Vec::new();
    let mut all_pushes = Vec::new();
    for task in tasks {
        let (id, saves, latencies, pushes) = task.await.unwrap();
        all_pushes.extend(pushes);
        let last: String = desk
            .admin
            .query_one(
                "SELECT r.body->>'summary' FROM briefdesk.brief b JOIN briefdesk.revision r ON r.id = b.head WHERE b.id = $1",
                &[&id.0],
            )
            .await
            .unwrap()
            .get(0);
        assert_eq!(last, format!("Save {saves}."), "the last save of every laptop is the head");
        let stored: i64 = desk
            .admin
            .query_one("SELECT count(*) FROM briefdesk.revision WHERE brief_id = $1", &[&id.0])
            .await
            .unwrap()
            .get(0);
        // The first save coalesces into the brief's first revision, not yet pushed.
        assert_eq!(stored, i64::from(saves), "one revision per sync point, none lost or doubled");
        all.extend(latencies);
    }
    let ms = |times: &mut Vec<Duration>, q: f64| {
        times.sort();
        times[((times.len() as f64 * q) as usize).min(times.len() - 1)].as_secs_f64() * 1000.0
    };
    assert!(!all_pushes.is_empty());
    println!(
        "load: {LAPTOPS} laptops × {seconds} s on one machine, {} saves pushed: push p50 {:.1} ms, p99 {:.1} ms; \
         whole sync (push, pull the desk's other briefs, follow them) p50 {:.1} ms, p99 {:.1} ms",
        all_pushes.len(),
        ms(&mut all_pushes, 0.5),
        ms(&mut all_pushes, 0.99),
        ms(&mut all, 0.5),
        ms(&mut all, 0.99)
    );
    let conflicts: i64 = desk
        .admin
        .query_one("SELECT count(*) FROM briefdesk.revision WHERE kind = 'conflict'", &[])
        .await
        .unwrap()
        .get(0);
    assert_eq!(conflicts, 0);
}

fn answer_version(answer: &briefdesk_desk::PushAnswer) -> Option<i32> {
    match answer {
        briefdesk_desk::PushAnswer::Accepted { version } => *version,
        _ => None,
    }
}
