//! A second process for the store's tests.
//!
//! `briefdesk-store-peer saves DB [START]` (tests/crash.rs): saves drafts and
//! versions of a few briefs as fast as it can and prints one line per save
//! *after* the store acknowledged it, until the parent kills it with
//! SIGKILL. Lines: `ready` once the store is open, then
//! `draft <id> <revision> <content JSON>` and `version <id> <number> <revision>`.
//!
//! `briefdesk-store-peer locks DB` (tests/faults.rs): holds an exclusive
//! lock on the database, prints `locked`, and lets go when its standard
//! input closes.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use briefdesk_core::BriefContent;
use briefdesk_store::Store;

const BRIEFS: usize = 3;

fn content(counter: u64) -> BriefContent {
    // The summary grows a word a save and starts over every 120, so the
    // automatic version policy (50 words changed) fires now and then.
    let words: Vec<String> =
        (0..counter % 120).map(|i| format!("w{}", counter.wrapping_mul(31) + i)).collect();
    BriefContent {
        headline: format!("Save {counter}"),
        summary: words.join(" "),
        key_developments: (0..counter % 5).map(|i| format!("Bullet {i} of save {counter}")).collect(),
        ..Default::default()
    }
}

const USAGE: &str = "usage: briefdesk-store-peer (saves DB [START] | locks DB)";

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args_os().skip(1);
    let mode = args.next().ok_or(USAGE)?;
    let db = PathBuf::from(args.next().ok_or(USAGE)?);
    match mode.to_str() {
        Some("saves") => saves(&db, args.next().and_then(|s| s.to_str()?.parse().ok()).unwrap_or(0)),
        Some("locks") => locks(&db),
        _ => Err(USAGE.into()),
    }
}

fn locks(db: &Path) -> Result<(), Box<dyn std::error::Error>> {
    let conn = rusqlite::Connection::open(db)?;
    conn.execute_batch("BEGIN EXCLUSIVE")?;
    println!("locked");
    std::io::stdout().flush()?;
    std::io::stdin().read_to_end(&mut Vec::new())?;
    Ok(())
}

fn saves(db: &Path, start: u64) -> Result<(), Box<dyn std::error::Error>> {
    let mut store = Store::open(db)?;
    while store.list()?.len() < BRIEFS {
        store.create()?;
    }
    let ids: Vec<_> = store.list()?.into_iter().map(|b| b.id).collect();
    let mut out = std::io::stdout().lock();
    writeln!(out, "ready")?;
    out.flush()?;
    for counter in start.. {
        let id = ids[(counter % BRIEFS as u64) as usize];
        let revision = store.get(id)?.revision;
        let next = content(counter);
        let saved = store.save_draft(id, revision, &next)?;
        writeln!(out, "draft {id} {} {}", saved.revision, serde_json::to_string(&next)?)?;
        out.flush()?;
        if counter % 25 == 0 {
            let version = store.save_version(id, Some("checkpoint"))?;
            writeln!(out, "version {id} {} {}", version.version, saved.revision)?;
            out.flush()?;
        }
    }
    Ok(())
}
