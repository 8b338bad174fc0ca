//! One round of sync: push the outbox in order, pull what others pushed,
//! and bring each shared brief up to its head (a fast-forward, a merge, or
//! a visible conflict). The store's work runs on tokio's blocking pool,
//! never on the runtime's workers.

use std::sync::{Arc, Mutex};

use briefdesk_core::{BriefId, BriefPart};
use briefdesk_store::{Acknowledged, Followed, OutboxKind, Store, StoreError};
use serde::Serialize;

use crate::protocol::{DeskSession, PushAnswer};
use crate::DeskError;

/// The laptop's library, shared between the sync task and whoever else
/// uses it; every call runs on the blocking pool.
#[derive(Clone)]
pub struct LocalDesk {
    store: Arc<Mutex<Store>>,
}

/// What one sync did, and what is left.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct SyncReport {
    pub pushed: usize,
    pub pulled: usize,
    /// Briefs others shared, new on this laptop.
    pub arrived: Vec<BriefId>,
    /// Briefs whose draft now shows others' changes.
    pub followed: Vec<BriefId>,
    /// Briefs merged cleanly.
    pub merged: Vec<MergedFrom>,
    /// Pushes refused after approval (the words are in a local copy), or
    /// state changes refused (someone saved since it was read).
    pub refused: Vec<BriefId>,
    /// Of those, the briefs whose refused change was one of status.
    pub refused_states: Vec<BriefId>,
    /// Of those, the briefs whose move into or out of the Trash the desk
    /// refused: they are back where they were.
    pub refused_trash: Vec<BriefId>,
    /// Briefs someone moved to the Trash, in the Trash here too.
    pub trashed: Vec<BriefId>,
    /// Briefs someone took out of the Trash (or wrote in), out of it here too.
    pub restored: Vec<BriefId>,
    /// Revisions still in the outbox.
    pub waiting: usize,
    /// Briefs with parts in conflict here.
    pub conflicted: Vec<BriefId>,
    /// The brief held by [`sync_holding`] is behind the desk's head.
    pub held_behind: bool,
}

/// A brief merged cleanly with someone's changes on the desk.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct MergedFrom {
    pub brief: BriefId,
    /// The login whose revision was merged in.
    pub by: String,
    /// The parts taken from, or merged with, their side.
    pub parts: Vec<BriefPart>,
}

/// Batch size of a pull: each batch is applied in one local transaction.
const PULL_BATCH: i32 = 500;

/// Briefs brought up to their heads in one transaction.
const FOLLOW_BATCH: usize = 200;

/// Rounds of push-pull-follow in one sync: a merge pushed in one round is
/// acknowledged in the next; more means someone keeps pushing meanwhile.
const ROUNDS: usize = 4;

impl LocalDesk {
    pub fn new(store: Store) -> LocalDesk {
        LocalDesk { store: Arc::new(Mutex::new(store)) }
    }

    /// Runs `work` on the store, on the blocking pool.
    pub async fn run<T: Send + 'static>(
        &self,
        work: impl FnOnce(&mut Store) -> Result<T, StoreError> + Send + 'static,
    ) -> Result<T, DeskError> {
        let store = Arc::clone(&self.store);
        tokio::task::spawn_blocking(move || {
            // A panic elsewhere while holding the lock leaves the store as
            // SQLite left it: every write is one transaction.
            let mut store = store.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
            work(&mut store)
        })
        .await
        .map_err(|e| DeskError::Server(format!("the sync task stopped: {e}")))?
        .map_err(DeskError::from)
    }
}

/// Pushes, pulls and follows until nothing moves (or a few rounds).
pub async fn sync_once(local: &LocalDesk, session: &DeskSession) -> Result<SyncReport, DeskError> {
    sync_holding(local, session, None).await
}

/// As [`sync_once`], but brief `held` (the one open in the app, where words
/// may be typed and not yet saved) is not followed here: the app follows it
/// when nothing typed there waits (`Store::follow_open_brief`), and the
/// report says when it is behind (`held_behind`).
pub async fn sync_holding(
    local: &LocalDesk,
    session: &DeskSession,
    held: Option<BriefId>,
) -> Result<SyncReport, DeskError> {
    let mut report = SyncReport::default();
    let role = session.role().to_owned();
    local.run(move |store| store.note_desk_role(&role)).await?;
    for _ in 0..ROUNDS {
        let pushed = push_outbox(local, session, &mut report).await?;
        let pulled = pull_all(local, session, &mut report).await?;
        let followed = follow_heads(local, &mut report, held).await?;
        if pushed == 0 && pulled == 0 && !followed {
            break;
        }
    }
    let status = local.run(|store| store.desk_status()).await?;
    report.waiting = status.iter().map(|b| b.waiting as usize).sum();
    report.conflicted = status.iter().filter(|b| !b.conflicts.is_empty()).map(|b| b.id).collect();
    Ok(report)
}

async fn push_outbox(
    local: &LocalDesk,
    session: &DeskSession,
    report: &mut SyncReport,
) -> Result<usize, DeskError> {
    let outbox = local.run(|store| store.outbox()).await?;
    let mut pushed = 0;
    for mut revision in outbox {
        if revision.kind == OutboxKind::State {
            // Pinned to the revision this laptop's draft is in step with now
            // (its own saves just acknowledged count: the editor read them).
            let brief = revision.brief_id;
            revision.parent = local.run(move |store| store.desk_base(brief)).await?;
        }
        let seq = revision.seq;
        // From the first try on, the body is fixed: the server may hold it.
        local.run(move |store| store.mark_attempted(seq)).await?;
        let answer = session.push(&revision).await?;
        let ack = match answer {
            PushAnswer::Accepted { .. } => Acknowledged::Accepted,
            PushAnswer::Conflict { .. } => Acknowledged::Conflict,
            PushAnswer::Refused { .. } => {
                report.refused.push(revision.brief_id);
                match revision.kind {
                    OutboxKind::State => report.refused_states.push(revision.brief_id),
                    OutboxKind::Delete | OutboxKind::Restore => report.refused_trash.push(revision.brief_id),
                    OutboxKind::Save | OutboxKind::Version | OutboxKind::Merge => {}
                }
                Acknowledged::Refused
            }
        };
        local.run(move |store| store.acknowledge(&revision, ack)).await?;
        pushed += 1;
    }
    report.pushed += pushed;
    Ok(pushed)
}

async fn pull_all(
    local: &LocalDesk,
    session: &DeskSession,
    report: &mut SyncReport,
) -> Result<usize, DeskError> {
    let mut pulled = 0;
    loop {
        let cursor = local.run(|store| Ok(store.desk_link()?.map_or(0, |link| link.cursor))).await?;
        let batch = session.pull(cursor, PULL_BATCH).await?;
        let Some(last) = batch.last().map(|r| r.seq) else { break };
        let count = batch.len();
        let applied = local.run(move |store| store.apply_pulled(&batch, last)).await?;
        report.arrived.extend(applied.created);
        report.trashed.extend(applied.trashed);
        report.restored.extend(applied.restored);
        pulled += count;
        if count < PULL_BATCH as usize {
            break;
        }
    }
    report.pulled += pulled;
    Ok(pulled)
}

async fn follow_heads(
    local: &LocalDesk,
    report: &mut SyncReport,
    held: Option<BriefId>,
) -> Result<bool, DeskError> {
    let mut behind = local.run(|store| store.behind_head()).await?;
    if let Some(held) = held.filter(|held| behind.contains(held)) {
        report.held_behind = true;
        behind.retain(|id| *id != held);
    }
    let mut moved = false;
    // In chunks: one transaction each, short enough that a save from the
    // page waits for none of them long.
    for chunk in behind.chunks(FOLLOW_BATCH) {
        let ids = chunk.to_vec();
        let followed = local.run(move |store| store.follow_heads(&ids)).await?;
        for (&id, followed) in chunk.iter().zip(followed) {
            match followed {
                Followed::Nothing => {}
                Followed::FastForward => {
                    report.followed.push(id);
                    moved = true;
                }
                Followed::Merged { from_theirs, by } => {
                    report.merged.push(MergedFrom { brief: id, by, parts: from_theirs });
                    moved = true;
                }
                Followed::Conflicted { .. } => moved = true,
            }
        }
    }
    Ok(moved)
}
