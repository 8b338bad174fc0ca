//! Crash torture: a child process saves as fast as it can and reports every
//! save the store acknowledged; it is killed with SIGKILL at random moments,
//! hundreds of times. After every kill the file must pass SQLite's
//! integrity check, open in the store, and hold every acknowledged save.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::HashMap;
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use briefdesk_core::{BriefContent, BriefId};
use briefdesk_store::Store;

const KILLS: usize = 300;

/// xorshift: the kill moments differ every run but are printed, so a
/// failing run can be repeated with BRIEFDESK_CRASH_SEED.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }
}

/// Sends each complete line: a line cut off by the kill was never
/// acknowledged.
fn forward_lines(output: impl std::io::Read, to: mpsc::Sender<String>) {
    let mut reader = BufReader::new(output);
    let mut line = String::new();
    while reader.read_line(&mut line).unwrap_or(0) > 0 {
        if line.ends_with('\n') && to.send(line.trim_end().to_string()).is_err() {
            return;
        }
        line.clear();
    }
}

#[test]
fn no_acknowledged_save_is_lost_when_the_process_is_killed() {
    let seed = std::env::var("BRIEFDESK_CRASH_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or_else(|| {
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos() as u64 | 1
    });
    let mut rng = Rng(seed);
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("crash.sqlite3");
    // The newest acknowledged draft of each brief, and every acknowledged
    // version with the draft it was taken from.
    let mut latest: HashMap<BriefId, (u32, BriefContent)> = HashMap::new();
    let mut versions: Vec<(BriefId, u32, BriefContent)> = Vec::new();
    let (mut saves, mut mid_run_kills, mut counter) = (0usize, 0usize, 0u64);

    for kill in 0..KILLS {
        let mut child = Command::new(env!("CARGO_BIN_EXE_briefdesk-store-peer"))
            .arg("saves")
            .arg(&db)
            .arg(counter.to_string())
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let (send, lines) = mpsc::channel();
        let reader = std::thread::spawn(move || forward_lines(stdout, send));
        // Kill while it is saving: between 0 and 20 ms after the store opened
        // (a test build saves about two thousand times a second).
        let ready = lines.recv_timeout(Duration::from_secs(30));
        assert_eq!(ready.as_deref(), Ok("ready"), "kill {kill}: the child did not start");
        std::thread::sleep(Duration::from_micros(rng.below(20_000)));
        child.kill().unwrap(); // SIGKILL
        let status = child.wait().unwrap();
        assert!(status.code().is_none(), "kill {kill}: the child ended by itself: {status}");
        reader.join().unwrap();
        let lines: Vec<String> = lines.try_iter().collect();
        mid_run_kills += usize::from(!lines.is_empty());

        let mut drafts: HashMap<(BriefId, u32), BriefContent> = HashMap::new();
        for line in &lines {
            let mut fields = line.splitn(4, ' ');
            let (kind, id, n) = (fields.next().unwrap(), fields.next().unwrap(), fields.next().unwrap());
            let (id, n): (BriefId, u32) = (id.parse().unwrap(), n.parse().unwrap());
            match kind {
                "draft" => {
                    let content: BriefContent = serde_json::from_str(fields.next().unwrap()).unwrap();
                    drafts.insert((id, n), content.clone());
                    latest.insert(id, (n, content));
                    saves += 1;
                    counter += 1;
                }
                "version" => {
                    let revision: u32 = fields.next().unwrap().parse().unwrap();
                    versions.push((id, n, drafts[&(id, revision)].clone()));
                }
                other => panic!("unexpected line {other}"),
            }
        }

        let conn = rusqlite::Connection::open(&db).unwrap();
        let check: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
        assert_eq!(check, "ok", "kill {kill} (seed {seed})");
        drop(conn);
        let store = Store::open(&db).unwrap_or_else(|e| panic!("kill {kill} (seed {seed}): {e}"));
        for (id, (revision, content)) in &latest {
            let brief = store.get(*id).unwrap();
            assert!(
                brief.revision >= *revision,
                "kill {kill} (seed {seed}): {id} went back to {}",
                brief.revision
            );
            if brief.revision == *revision {
                assert_eq!(&brief.content, content, "kill {kill} (seed {seed}): {id} revision {revision}");
            }
        }
        for (id, number, content) in &versions {
            let version =
                store.version(*id, *number).unwrap_or_else(|e| panic!("kill {kill}: version {number}: {e}"));
            assert_eq!(&version.content, content, "kill {kill} (seed {seed}): {id} version {number}");
        }
    }
    println!(
        "crash torture (seed {seed}): {KILLS} SIGKILLs ({mid_run_kills} after at least one save), \
         {saves} acknowledged draft saves and {} acknowledged versions, all present; integrity_check ok after every kill",
        versions.len()
    );
}
