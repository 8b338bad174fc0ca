//! The desk's sync engine in the app: a background task on the app's tokio
//! runtime that pushes and pulls whenever the library is linked to a desk.
//! A keystroke's save never waits on it: saves only poke it (`AppState`),
//! and it does its store work on its own connection, on the blocking pool.
//! The page hears two events: `desk-status` (the indicator) and
//! `desk-changed` (others' words arrived: the open brief follows them).

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use briefdesk_core::{Brief, BriefId, BriefPart};
use briefdesk_desk::{
    sync_holding, DeskError, DeskSession, LocalDesk, MergedFrom, ServerUrl, SyncReport, WakeUps,
};
use briefdesk_store::Followed;
use briefdesk_store::Store;
use serde::Serialize;
use tauri::{AppHandle, Emitter};
use tokio::sync::Notify;
use ts_rs::TS;

/// What the indicator says.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum DeskStatus {
    /// The library syncs with no desk.
    NotConnected,
    Syncing {
        desk: String,
    },
    Synced {
        desk: String,
    },
    /// The server cannot be reached (or refuses): saves wait in the outbox.
    Offline {
        desk: String,
        waiting: u32,
        /// Why, in full (the network's own words included).
        reason: String,
        /// Why, in a few words for the indicator.
        why: String,
    },
    /// Parts changed on both sides in `briefs` briefs: both texts kept.
    Conflict {
        desk: String,
        briefs: u32,
        waiting: u32,
    },
}

/// Others' changes that reached this library, for the page's notice.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct DeskChanged {
    /// Briefs whose words changed here (new, followed or merged).
    pub briefs: Vec<String>,
    /// What merged cleanly into each brief, as a journalist would say it.
    pub merged: Vec<DeskNotice>,
    /// Briefs with parts changed both here and on the desk.
    pub conflicted: Vec<String>,
    /// Changes the desk refused, and what became of them.
    pub refused: Vec<DeskNotice>,
    /// Of those, briefs whose change of status was refused: their status is the desk's again.
    pub refused_states: Vec<String>,
    /// Briefs someone on the desk moved to the Trash: in the Trash here too.
    pub trashed: Vec<String>,
    /// Briefs someone on the desk took out of the Trash: back in the library here too.
    pub restored: Vec<String>,
    /// The brief open in the page is behind the desk: the page follows it
    /// (`follow_open_brief`) once nothing typed there waits.
    pub behind: Vec<String>,
}

/// The brief open in the page, shared with the sync task.
#[derive(Clone, Default)]
pub struct OpenBrief(Arc<std::sync::Mutex<Option<BriefId>>>);

impl OpenBrief {
    pub fn set(&self, id: Option<BriefId>) {
        *self.0.lock().unwrap_or_else(std::sync::PoisonError::into_inner) = id;
    }

    fn get(&self) -> Option<BriefId> {
        *self.0.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

/// What following the desk did to the open brief, for the page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct FollowedBrief {
    /// The brief as it is now (unchanged when there was nothing to follow).
    pub brief: Brief,
    /// What to tell the journalist, if anything.
    pub notice: Option<String>,
    /// Parts are in conflict: both texts kept, to compare.
    pub conflicted: bool,
}

impl FollowedBrief {
    pub fn new(followed: Followed, brief: Brief) -> FollowedBrief {
        let (notice, conflicted) = match followed {
            Followed::Nothing => (None, false),
            Followed::FastForward => (None, false),
            Followed::Merged { from_theirs, by } => {
                (Some(merged_sentence(&MergedFrom { brief: brief.id, by, parts: from_theirs })), false)
            }
            Followed::Conflicted { .. } => (None, true),
        };
        FollowedBrief { brief, notice, conflicted }
    }
}

/// A sentence about one brief.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct DeskNotice {
    pub brief: String,
    pub text: String,
}

const STATUS_EVENT: &str = "desk-status";
const CHANGED_EVENT: &str = "desk-changed";

/// How often to sync with no wake-up at all: NOTIFY can be missed.
const QUIET_SYNC: Duration = Duration::from_secs(10);

/// Starts the sync task for the library at `path`. `poke` is notified by
/// every local write.
pub fn start(app: AppHandle, path: PathBuf, poke: Arc<Notify>, open: OpenBrief) {
    tauri::async_runtime::spawn(async move {
        let local = match tauri::async_runtime::spawn_blocking(move || Store::open(&path)).await {
            Ok(Ok(store)) => LocalDesk::new(store),
            Ok(Err(error)) => {
                return eprintln!("briefdesk: the desk's sync cannot open the library: {error}")
            }
            Err(error) => return eprintln!("briefdesk: the desk's sync did not start: {error}"),
        };
        let mut backoff = Duration::from_secs(1);
        loop {
            let link = local.run(|store| store.desk_link()).await.ok().flatten();
            let Some(link) = link else {
                emit(&app, STATUS_EVENT, DeskStatus::NotConnected);
                poke.notified().await;
                continue;
            };
            match connected(&app, &local, &link.server, &link.desk, &poke, &open).await {
                // A change of desk (or none): look again at once.
                Ok(()) => backoff = Duration::from_secs(1),
                Err(error) => {
                    let waiting = waiting(&local).await;
                    emit(
                        &app,
                        STATUS_EVENT,
                        DeskStatus::Offline {
                            desk: link.desk.clone(),
                            waiting,
                            reason: error.to_string(),
                            why: error.in_brief(),
                        },
                    );
                    let _ = tokio::time::timeout(backoff, poke.notified()).await;
                    backoff = (backoff * 2).min(Duration::from_secs(30));
                }
            }
        }
    });
}

/// How long a sync runs before the indicator says "Syncing…".
const SHOW_SYNCING_AFTER: Duration = Duration::from_millis(500);

/// Syncs until the connection fails: at each local save, each wake-up from
/// the server, and every few seconds.
async fn connected(
    app: &AppHandle,
    local: &LocalDesk,
    server: &str,
    desk: &str,
    poke: &Notify,
    open: &OpenBrief,
) -> Result<(), DeskError> {
    let url = ServerUrl::parse(server)?;
    // The keyring first (the Desk… dialog kept it there), then libpq's places.
    let url = tokio::task::spawn_blocking(move || crate::desk_login::with_kept_password(url))
        .await
        .map_err(|e| DeskError::Server(format!("the keyring could not be asked: {e}")))?;
    let session = DeskSession::open(&url, desk).await?;
    let mut wakeups = WakeUps::listen(&url).await?;
    loop {
        let held = open.get();
        // Most syncs take milliseconds: "Syncing…" flashing over "Synced"
        // or a conflict at each one would only flicker. Shown if it lasts.
        let sync = sync_holding(local, &session, held);
        tokio::pin!(sync);
        let report = tokio::select! {
            report = &mut sync => report?,
            () = tokio::time::sleep(SHOW_SYNCING_AFTER) => {
                emit(app, STATUS_EVENT, DeskStatus::Syncing { desk: desk.to_owned() });
                sync.await?
            }
        };
        announce(app, &report, held);
        let status = if report.conflicted.is_empty() {
            DeskStatus::Synced { desk: desk.to_owned() }
        } else {
            DeskStatus::Conflict {
                desk: desk.to_owned(),
                briefs: report.conflicted.len() as u32,
                waiting: report.waiting as u32,
            }
        };
        emit(app, STATUS_EVENT, status);
        tokio::select! {
            woke = wakeups.next() => if woke.is_none() {
                return Err(DeskError::Lost("the server closed the connection".into()));
            },
            () = poke.notified() => {},
            () = tokio::time::sleep(QUIET_SYNC) => {},
        }
        if session.is_closed() {
            return Err(DeskError::Lost("the server closed the connection".into()));
        }
        // Disconnected (or, after that, linked to another desk): this
        // session is no longer the library's.
        let link = local.run(|store| store.desk_link()).await?;
        if link.is_none_or(|link| link.server != server || link.desk != desk) {
            return Ok(());
        }
    }
}

async fn waiting(local: &LocalDesk) -> u32 {
    local.run(|store| Ok(store.desk_status()?.iter().map(|b| b.waiting).sum())).await.unwrap_or(0)
}

fn announce(app: &AppHandle, report: &SyncReport, held: Option<BriefId>) {
    let behind = held.filter(|_| report.held_behind);
    let briefs: Vec<String> = report
        .arrived
        .iter()
        .chain(&report.followed)
        .chain(report.merged.iter().map(|merged| &merged.brief))
        .chain(&report.conflicted)
        .chain(&report.refused)
        .chain(&report.trashed)
        .chain(&report.restored)
        .chain(&behind)
        .map(ToString::to_string)
        .collect();
    if briefs.is_empty() {
        return;
    }
    emit(app, CHANGED_EVENT, changed(report, briefs, behind));
}

fn changed(report: &SyncReport, briefs: Vec<String>, behind: Option<BriefId>) -> DeskChanged {
    let merged = report
        .merged
        .iter()
        .map(|merged| DeskNotice { brief: merged.brief.to_string(), text: merged_sentence(merged) })
        .collect();
    let refused = report
        .refused
        .iter()
        .map(|id| DeskNotice {
            brief: id.to_string(),
            text: if report.refused_states.contains(id) {
                "The desk did not take the change of status: someone saved this brief after you read it. \
                 Read their changes, then set the status again."
                    .to_owned()
            } else if report.refused_trash.contains(id) {
                "The desk kept this brief where it was: someone saved it after you read it, or it is \
                 approved. It is back in your library as the desk has it."
                    .to_owned()
            } else {
                "This brief was approved before your last changes reached the desk, so the desk kept the \
                 approved text. Your changes are kept in a “(conflicted copy)” brief in your library."
                    .to_owned()
            },
        })
        .collect();
    let conflicted = report.conflicted.iter().map(ToString::to_string).collect();
    let refused_states = report.refused_states.iter().map(ToString::to_string).collect();
    let trashed = report.trashed.iter().map(ToString::to_string).collect();
    let restored = report.restored.iter().map(ToString::to_string).collect();
    let behind = behind.iter().map(ToString::to_string).collect();
    DeskChanged { briefs, merged, conflicted, refused, refused_states, trashed, restored, behind }
}

/// "Merged ana's changes to the summary, Why It Matters and key development 2."
fn merged_sentence(merged: &MergedFrom) -> String {
    let parts: Vec<String> = merged.parts.iter().map(|part| part_named(*part)).collect();
    let parts = match parts.as_slice() {
        [] => return format!("Merged {}’s changes.", merged.by),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    };
    format!("Merged {}’s changes to {parts}.", merged.by)
}

/// A part as a sentence names it: the form's own title for Why It Matters
/// ("the why it matters" reads as a slip), "the" before the others.
fn part_named(part: BriefPart) -> String {
    match part {
        BriefPart::WhyItMatters => "Why It Matters".to_owned(),
        BriefPart::Bullet(_) | BriefPart::Section(_) | BriefPart::SectionHeading(_) | BriefPart::Tag(_) => {
            part.to_string()
        }
        _ => format!("the {part}"),
    }
}

fn emit<T: Serialize + Clone>(app: &AppHandle, event: &str, payload: T) {
    if let Err(error) = app.emit(event, payload) {
        eprintln!("briefdesk: could not tell the page about the desk: {error}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use briefdesk_core::{BriefId, BriefPart};

    #[test]
    fn the_page_is_told_who_merged_what_and_what_the_desk_refused() {
        let id = |n: u8| format!("0190c0de-0000-7000-8000-0000000000{n:02}").parse::<BriefId>().unwrap();
        let (a, b, c, d) = (id(1), id(2), id(3), id(4));
        let report = SyncReport {
            merged: vec![
                MergedFrom {
                    brief: a,
                    by: "ana".into(),
                    parts: vec![BriefPart::Summary, BriefPart::Bullet(1)],
                },
                MergedFrom {
                    brief: b,
                    by: "ed".into(),
                    parts: vec![BriefPart::Headline, BriefPart::Context, BriefPart::Tags],
                },
                MergedFrom { brief: c, by: "ana".into(), parts: vec![BriefPart::WhyItMatters] },
            ],
            refused: vec![b, c, d],
            refused_states: vec![c],
            refused_trash: vec![d],
            trashed: vec![a],
            restored: vec![b],
            ..SyncReport::default()
        };
        let changed = changed(&report, vec![], Some(a));
        let texts: Vec<&str> = changed.merged.iter().map(|n| n.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "Merged ana’s changes to the summary and key development 2.",
                "Merged ed’s changes to the headline, the context and the tags.",
                "Merged ana’s changes to Why It Matters."
            ]
        );
        assert_eq!(changed.refused[0].brief, b.to_string());
        assert!(changed.refused[0].text.contains("conflicted copy"), "{changed:?}");
        assert!(changed.refused[1].text.contains("change of status"), "{changed:?}");
        assert!(changed.refused[2].text.contains("kept this brief where it was"), "{changed:?}");
        assert_eq!(changed.refused_states, [c.to_string()]);
        assert_eq!(changed.trashed, [a.to_string()]);
        assert_eq!(changed.restored, [b.to_string()]);
        assert_eq!(changed.behind, [a.to_string()]);
    }
}
