//! The laptop's side of the desk (DESIGN §7): which desk the library syncs
//! with, each shared brief's standing with the server, the outbox of
//! revisions not yet acknowledged, and the revisions pulled.
//!
//! Everything here is SQLite and decisions over it; the network is the
//! `briefdesk-desk` crate's. The outbox row is written in the same
//! transaction as the save it publishes (`publish`, called by every write
//! of a shared brief's draft), so a save the page calls "Saved" is either
//! on the server or in the outbox, whatever happens after.

use briefdesk_core::{
    conflicted_copy_headline, merge_briefs, validate, Brief, BriefContent, BriefId, BriefPart, ConflictView,
    Limits, PartConflict, Status, VersionKind,
};
use rusqlite::{params, Connection, OptionalExtension, TransactionBehavior};
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use ts_rs::TS;
use uuid::Uuid;

use crate::history::{self, plan_draft_save};
use crate::row::{self, draft_row, from_millis, parse_status, read_brief, to_json, to_millis, write_content};
use crate::{search, Store, StoreError};

/// The desk this library syncs with.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct DeskLink {
    /// The server's connection URL, never with a password in it.
    pub server: String,
    pub desk: String,
    /// The desk sequence number of the last revision pulled.
    pub cursor: i64,
    /// Whether new briefs join the desk by themselves.
    pub share_new: bool,
    /// The person's role on the desk (`reporter`, `editor`), as the server
    /// last said it; `None` until the first session.
    pub role: Option<String>,
}

/// What an outbox revision asks the server to do.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum OutboxKind {
    /// The draft at a sync point.
    Save,
    /// A version the journalist named.
    Version,
    /// A merge of the server's head with this laptop's conflicting revisions.
    Merge,
    /// A change of status (approval is one: pinned to the revision read).
    State,
    /// The brief moved to the Trash: every laptop of the desk follows.
    Delete,
    /// The brief taken out of the Trash.
    Restore,
}

impl OutboxKind {
    pub fn as_str(self) -> &'static str {
        match self {
            OutboxKind::Save => "save",
            OutboxKind::Version => "version",
            OutboxKind::Merge => "merge",
            OutboxKind::State => "state",
            OutboxKind::Delete => "delete",
            OutboxKind::Restore => "restore",
        }
    }

    fn parse(s: &str) -> Option<OutboxKind> {
        [
            OutboxKind::Save,
            OutboxKind::Version,
            OutboxKind::Merge,
            OutboxKind::State,
            OutboxKind::Delete,
            OutboxKind::Restore,
        ]
        .into_iter()
        .find(|k| k.as_str() == s)
    }
}

/// What a batch of pulled revisions changed in the library.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Pulled {
    /// Briefs others shared, new on this laptop.
    pub created: Vec<BriefId>,
    /// Briefs someone moved to the Trash, moved to it here.
    pub trashed: Vec<BriefId>,
    /// Briefs taken out of the Trash (restored, or with new words), here too.
    pub restored: Vec<BriefId>,
}

/// The briefs a batch moved into or out of the Trash, by where each was
/// before the batch: a delete and a later save in one batch move nothing.
#[derive(Default)]
struct TrashMoves(Vec<(BriefId, bool)>);

impl TrashMoves {
    fn touch(&mut self, tx: &Connection, id: BriefId) -> Result<(), StoreError> {
        if !self.0.iter().any(|(seen, _)| *seen == id) {
            self.0.push((id, in_trash(tx, id)?));
        }
        Ok(())
    }

    /// `(trashed, restored)`.
    fn net(self, tx: &Connection) -> Result<(Vec<BriefId>, Vec<BriefId>), StoreError> {
        let (mut trashed, mut restored) = (Vec::new(), Vec::new());
        for (id, before) in self.0 {
            match (before, in_trash(tx, id)?) {
                (false, true) => trashed.push(id),
                (true, false) => restored.push(id),
                _ => {}
            }
        }
        Ok((trashed, restored))
    }
}

fn in_trash(tx: &Connection, id: BriefId) -> Result<bool, StoreError> {
    let deleted: Option<i64> =
        tx.query_row("SELECT deleted_at FROM brief WHERE id = ?1", [id.to_string()], |row| row.get(0))?;
    Ok(deleted.is_some())
}

/// A revision waiting to be pushed, in the order it must be pushed.
#[derive(Clone, Debug, PartialEq)]
pub struct OutboxRevision {
    pub seq: i64,
    pub brief_id: BriefId,
    /// Made here (UUIDv7), so pushing it again is recognised as a retry.
    pub id: Uuid,
    pub parent: Option<Uuid>,
    pub kind: OutboxKind,
    pub label: Option<String>,
    pub merged: Vec<Uuid>,
    /// The brief's content; `None` for a change of status.
    pub body: Option<BriefContent>,
    pub state: Option<Status>,
    pub created_at: OffsetDateTime,
}

/// A revision as the server stores it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RemoteRevision {
    pub id: Uuid,
    pub brief_id: BriefId,
    /// Its place in the desk's gap-free sequence.
    pub seq: i64,
    pub parent: Option<Uuid>,
    pub merged: Vec<Uuid>,
    /// `save`, `version`, `merge`, `conflict` or `state`.
    pub kind: String,
    pub label: Option<String>,
    /// The server's version number, for a revision that became the head.
    pub version: Option<i32>,
    /// The login that pushed it.
    pub author: String,
    pub state: Option<Status>,
    pub note: Option<String>,
    pub body: Option<BriefContent>,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
}

impl RemoteRevision {
    /// Whether the server made it the brief's head.
    fn is_head(&self) -> bool {
        matches!(self.kind.as_str(), "save" | "version" | "merge")
    }
}

/// The server's answer to a push, as the outbox records it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Acknowledged {
    /// The revision is the brief's head.
    Accepted,
    /// Stored beside the head as a conflict: to be merged here.
    Conflict,
    /// Refused: the brief was approved, or the change of status came too
    /// late (someone saved since it was read). The words stay here.
    Refused,
}

/// What following the server's head did to a shared brief.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Followed {
    /// Nothing to follow, or this laptop's revisions must be pushed first.
    Nothing,
    /// The draft now shows the head (nothing typed here was waiting).
    FastForward,
    /// The head and the words typed here merged cleanly; the merge waits in
    /// the outbox. `by`: who pushed the head merged with.
    Merged { from_theirs: Vec<BriefPart>, by: String },
    /// The same parts changed on both sides: both texts are kept.
    Conflicted { parts: usize },
}

/// A shared brief's standing, for `desk status` and the library.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SharedBrief {
    pub id: BriefId,
    pub headline: String,
    /// Revisions in the outbox.
    pub waiting: u32,
    /// Parts in conflict here, both texts kept.
    pub conflicts: Vec<PartConflict>,
    /// Open conflicts on the server (anyone's).
    pub open_conflicts: u32,
    pub server_state: Option<Status>,
    pub author: Option<String>,
    pub head_version: Option<i32>,
    pub note: Option<String>,
    /// What the desk last refused of this laptop's, if anything.
    pub refused: Option<Refused>,
}

/// What the desk refused of a shared brief's last push.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Refused {
    /// Words pushed after approval: they are kept in a local copy.
    Words,
    /// A change of status decided on words someone changed since.
    Status,
}

impl Refused {
    /// As `desk_brief.refused` keeps it (0: nothing refused).
    const WORDS: i64 = 1;
    const STATUS: i64 = 2;

    fn from_column(value: i64) -> Option<Refused> {
        match value {
            Refused::WORDS => Some(Refused::Words),
            Refused::STATUS => Some(Refused::Status),
            _ => None,
        }
    }
}

/// A shared brief as the library marks it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct DeskBrief {
    pub id: BriefId,
    /// Who shared it with the desk.
    pub author: Option<String>,
    /// Parts in conflict on this laptop.
    pub conflicts: u32,
    /// Conflicts open on the desk that this laptop did not push (someone
    /// else's to resolve when none is here).
    pub open_on_desk: u32,
    /// Who pushed the newest of those: the one who chooses.
    pub on_desk_by: Option<String>,
    /// Approved (Ready or Filed) and this person a reporter on the desk:
    /// the desk would refuse their changes, so the page takes none.
    pub locked: bool,
    /// Revisions in the outbox.
    pub waiting: u32,
}

/// A version as the desk numbered it, for the History pane: who wrote it,
/// and the server's number (offline laptops cannot collide on it).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct DeskVersion {
    /// The server's version number; `None` for a change of status.
    pub version: Option<i32>,
    pub author: String,
    /// `save`, `version`, `merge` or `state`.
    pub kind: String,
    pub label: Option<String>,
    pub state: Option<Status>,
    #[serde(with = "time::serde::rfc3339")]
    #[ts(type = "string")]
    pub created_at: OffsetDateTime,
}

/// A brief's parts in conflict, as the page shows them side by side.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct BriefConflicts {
    /// Who wrote the desk's side (the login that pushed the head it conflicts with);
    /// for a conflict held by someone else, who wrote the text kept beside the head.
    pub theirs_author: Option<String>,
    /// `None` when the choice is made here. Else the conflict is open on
    /// the desk and `theirs_author` chooses: their push was the one the
    /// desk kept beside the head, so their laptop holds both texts.
    pub on_desk: Option<HeldOnDesk>,
    pub parts: Vec<ConflictView>,
}

/// A conflict someone else chooses, seen from a laptop whose side is the desk's head.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct HeldOnDesk {
    /// Who wrote the desk's head ("ours" in the parts).
    pub head_author: String,
    /// Whether that is the login this library syncs as.
    pub head_is_yours: bool,
}

/// Which text a resolution keeps for a part in conflict.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Take {
    Ours,
    Theirs,
}

const LINK: &str = "SELECT server, desk, cursor, share_new, role FROM desk_link WHERE singleton = 1";

pub(crate) fn link(conn: &Connection) -> Result<Option<DeskLink>, StoreError> {
    Ok(conn
        .prepare_cached(LINK)?
        .query_row([], |row| {
            Ok(DeskLink {
                server: row.get(0)?,
                desk: row.get(1)?,
                cursor: row.get(2)?,
                share_new: row.get(3)?,
                role: row.get(4)?,
            })
        })
        .optional()?)
}

fn is_shared(conn: &Connection, id: BriefId) -> Result<bool, StoreError> {
    Ok(conn
        .prepare_cached("SELECT 1 FROM desk_brief WHERE brief_id = ?1")?
        .query_row([id.to_string()], |_| Ok(()))
        .optional()?
        .is_some())
}

/// Publishes a write of brief `id` to the desk, inside the transaction that
/// writes it: nothing for a brief not shared; otherwise the content goes
/// into the outbox. Keystroke saves coalesce: a save replaces the body of
/// a save not yet tried, so the server gets one revision per sync point.
pub(crate) fn publish(
    conn: &Connection,
    id: BriefId,
    kind: OutboxKind,
    label: Option<&str>,
    content: &BriefContent,
    now: OffsetDateTime,
) -> Result<(), StoreError> {
    if !is_shared(conn, id)? {
        return Ok(());
    }
    let body = to_json(content)?;
    if kind == OutboxKind::Save {
        let coalesced = conn
            .prepare_cached(
                "UPDATE desk_outbox SET body = ?2, created_at = ?3
                 WHERE seq = (SELECT max(seq) FROM desk_outbox WHERE brief_id = ?1)
                   AND kind = 'save' AND attempted = 0",
            )?
            .execute(params![id.to_string(), body, to_millis(now)])?;
        if coalesced > 0 {
            return Ok(());
        }
    }
    enqueue(conn, id, kind, label, &[], Some(&body), None, now)?;
    Ok(())
}

/// Publishes a change of status of brief `id`, if it is shared: the desk
/// decides (an approval is pinned to the revision read here).
pub(crate) fn publish_state(
    conn: &Connection,
    id: BriefId,
    status: Status,
    note: Option<&str>,
    now: OffsetDateTime,
) -> Result<(), StoreError> {
    if is_shared(conn, id)? {
        enqueue(conn, id, OutboxKind::State, note, &[], None, Some(status), now)?;
    }
    Ok(())
}

/// Publishes brief `id` moved to the Trash (`trashed`) or out of it, if it
/// is shared. A delete names the revision this laptop last had, so the desk
/// refuses it if someone saved since: edit versus delete keeps the edit.
pub(crate) fn publish_trash(
    conn: &Connection,
    id: BriefId,
    trashed: bool,
    now: OffsetDateTime,
) -> Result<(), StoreError> {
    if is_shared(conn, id)? {
        let kind = if trashed { OutboxKind::Delete } else { OutboxKind::Restore };
        enqueue(conn, id, kind, None, &[], None, None, now)?;
    }
    Ok(())
}

/// Adds a revision to the outbox, after this laptop's last one for the brief.
#[allow(clippy::too_many_arguments)]
fn enqueue(
    conn: &Connection,
    id: BriefId,
    kind: OutboxKind,
    label: Option<&str>,
    merged: &[Uuid],
    body: Option<&str>,
    state: Option<Status>,
    now: OffsetDateTime,
) -> Result<Uuid, StoreError> {
    let parent: Option<String> = conn
        .prepare_cached("SELECT last_pushed FROM desk_brief WHERE brief_id = ?1")?
        .query_row([id.to_string()], |row| row.get(0))?;
    // A state change names the head it was decided on (the revision read),
    // not this laptop's last revision: that is what approval pins.
    let parent = match kind {
        OutboxKind::State => base_of(conn, id)?.map(|u| u.to_string()),
        _ => parent,
    };
    let revision = new_revision_id(now);
    conn.prepare_cached(
        "INSERT INTO desk_outbox (brief_id, revision_id, parent_id, kind, label, merged, body, state, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?
    .execute(params![
        id.to_string(),
        revision.to_string(),
        parent,
        kind.as_str(),
        label,
        to_json(merged)?,
        body,
        state.map(Status::as_str),
        to_millis(now),
    ])?;
    // Only words move the head: what comes next names the last words.
    if matches!(kind, OutboxKind::Save | OutboxKind::Version | OutboxKind::Merge) {
        conn.prepare_cached("UPDATE desk_brief SET last_pushed = ?2 WHERE brief_id = ?1")?
            .execute(params![id.to_string(), revision.to_string()])?;
    }
    Ok(revision)
}

fn base_of(conn: &Connection, id: BriefId) -> Result<Option<Uuid>, StoreError> {
    let base: Option<String> = conn
        .prepare_cached("SELECT base_id FROM desk_brief WHERE brief_id = ?1")?
        .query_row([id.to_string()], |row| row.get(0))?;
    base.map(|s| parse_uuid(&s)).transpose()
}

fn new_revision_id(now: OffsetDateTime) -> Uuid {
    let secs = now.unix_timestamp().max(0) as u64;
    Uuid::new_v7(uuid::Timestamp::from_unix(uuid::NoContext, secs, now.nanosecond()))
}

fn parse_uuid(s: &str) -> Result<Uuid, StoreError> {
    Uuid::parse_str(s)
        .map_err(|e| StoreError::Corrupt { id: s.to_owned(), detail: format!("revision id: {e}") })
}

fn uuids(json: &str) -> Result<Vec<Uuid>, StoreError> {
    Ok(serde_json::from_str(json)?)
}

/// New briefs join the desk when the library is linked and says so.
pub(crate) fn join_if_sharing_new(conn: &Connection, id: BriefId) -> Result<bool, StoreError> {
    let Some(link) = link(conn)? else { return Ok(false) };
    if !link.share_new {
        return Ok(false);
    }
    conn.prepare_cached("INSERT OR IGNORE INTO desk_brief (brief_id) VALUES (?1)")?
        .execute([id.to_string()])?;
    Ok(true)
}

fn corrupt(id: impl ToString, detail: impl ToString) -> StoreError {
    StoreError::Corrupt { id: id.to_string(), detail: detail.to_string() }
}

fn content_of(id: &str, json: &str) -> Result<BriefContent, StoreError> {
    serde_json::from_str(json).map_err(|e| corrupt(id, e))
}

impl Store {
    /// The desk this library syncs with, if any.
    pub fn desk_link(&self) -> Result<Option<DeskLink>, StoreError> {
        link(&self.conn)
    }

    /// Records the person's role on the linked desk, as the server said it
    /// at the start of a session (an admin may change it between two).
    pub fn note_desk_role(&mut self, role: &str) -> Result<(), StoreError> {
        self.conn.execute("UPDATE desk_link SET role = ?1 WHERE role IS NOT ?1", [role])?;
        Ok(())
    }

    /// Links the library to `desk` on `server` (a URL without a password).
    /// Linking again to the same desk changes nothing; a library linked to
    /// another desk is refused: its shared briefs belong to that desk.
    pub fn link_desk(&mut self, server: &str, desk: &str) -> Result<DeskLink, StoreError> {
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        if let Some(existing) = link(&tx)? {
            if existing.desk != desk || existing.server != server {
                return Err(StoreError::DeskLinked { server: existing.server, desk: existing.desk });
            }
            return Ok(existing);
        }
        tx.execute(
            "INSERT INTO desk_link (singleton, server, desk) VALUES (1, ?1, ?2)",
            params![server, desk],
        )?;
        let linked = link(&tx)?.ok_or_else(|| corrupt("desk_link", "not written"))?;
        tx.commit()?;
        Ok(linked)
    }

    /// Whether new briefs join the desk by themselves.
    pub fn set_share_new(&mut self, share: bool) -> Result<(), StoreError> {
        let changed = self.conn.execute("UPDATE desk_link SET share_new = ?1", [share])?;
        if changed == 0 {
            return Err(StoreError::NotLinked);
        }
        Ok(())
    }

    /// Disconnects the library from its desk: every brief stays as it is,
    /// the library's own from now on; the desk's bookkeeping (outbox,
    /// revisions pulled, standing of shared briefs) goes. Refused while
    /// changes wait or conflicts are open, unless `anyway`: nothing typed
    /// here is lost either way, but the desk would not get it.
    pub fn unlink_desk(&mut self, anyway: bool) -> Result<DeskLink, StoreError> {
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let linked = link(&tx)?.ok_or(StoreError::NotLinked)?;
        let (waiting, conflicted) = tx.query_row(
            "SELECT (SELECT count(*) FROM desk_outbox),
                    (SELECT count(*) FROM desk_brief WHERE coalesce(json_array_length(conflicts), 0) > 0)",
            [],
            |r| Ok((r.get::<_, u32>(0)?, r.get::<_, u32>(1)?)),
        )?;
        if !anyway && (waiting > 0 || conflicted > 0) {
            return Err(StoreError::DeskUnsent { waiting, conflicted });
        }
        tx.execute_batch(
            "DELETE FROM desk_outbox; DELETE FROM desk_revision; DELETE FROM desk_brief; DELETE FROM desk_link;",
        )?;
        tx.commit()?;
        Ok(linked)
    }

    /// Brief `id` joins the desk: its current content goes into the outbox.
    /// Sharing a brief already shared changes nothing.
    pub fn share(&mut self, id: BriefId) -> Result<(), StoreError> {
        let now = (self.clock)();
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        if link(&tx)?.is_none() {
            return Err(StoreError::NotLinked);
        }
        let brief = read_brief(&tx, id)?;
        if is_shared(&tx, id)? {
            let waiting: i64 = tx.query_row(
                "SELECT count(*) FROM desk_outbox WHERE brief_id = ?1",
                [id.to_string()],
                |r| r.get(0),
            )?;
            let known: Option<String> = tx.query_row(
                "SELECT coalesce(base_id, last_pushed) FROM desk_brief WHERE brief_id = ?1",
                [id.to_string()],
                |r| r.get(0),
            )?;
            // Joined by itself when it was created, but never saved since.
            if waiting == 0 && known.is_none() {
                publish(&tx, id, OutboxKind::Save, None, &brief.content, now)?;
            }
        } else {
            tx.execute("INSERT INTO desk_brief (brief_id) VALUES (?1)", [id.to_string()])?;
            publish(&tx, id, OutboxKind::Save, None, &brief.content, now)?;
        }
        tx.commit()?;
        Ok(())
    }

    /// The server revision brief `id`'s draft is in step with.
    pub fn desk_base(&self, id: BriefId) -> Result<Option<Uuid>, StoreError> {
        base_of(&self.conn, id)
    }

    /// Every revision waiting to be pushed, oldest first.
    pub fn outbox(&self) -> Result<Vec<OutboxRevision>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT seq, brief_id, revision_id, parent_id, kind, label, merged, body, state, created_at
             FROM desk_outbox ORDER BY seq",
        )?;
        let rows = stmt.query_map([], |row| {
            Ok((
                row.get::<_, i64>(0)?,
                row.get::<_, String>(1)?,
                row.get::<_, String>(2)?,
                row.get::<_, Option<String>>(3)?,
                row.get::<_, String>(4)?,
                row.get::<_, Option<String>>(5)?,
                row.get::<_, String>(6)?,
                row.get::<_, Option<String>>(7)?,
                row.get::<_, Option<String>>(8)?,
                row.get::<_, i64>(9)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (seq, brief, id, parent, kind, label, merged, body, state, created_at) = row?;
            out.push(OutboxRevision {
                seq,
                brief_id: brief.parse().map_err(|_| corrupt(&brief, "brief id"))?,
                id: parse_uuid(&id)?,
                parent: parent.as_deref().map(parse_uuid).transpose()?,
                kind: OutboxKind::parse(&kind)
                    .ok_or_else(|| corrupt(&id, format!("outbox kind {kind:?}")))?,
                label,
                merged: uuids(&merged)?,
                body: body.as_deref().map(|b| content_of(&id, b)).transpose()?,
                state: state.as_deref().map(parse_status).transpose().map_err(|e| corrupt(&id, e))?,
                created_at: from_millis(created_at).map_err(|e| corrupt(&id, e))?,
            });
        }
        Ok(out)
    }

    /// Marks an outbox revision as tried: from now on its body is fixed,
    /// since the server may hold it under its id whatever the answer was.
    pub fn mark_attempted(&mut self, seq: i64) -> Result<(), StoreError> {
        self.conn.execute("UPDATE desk_outbox SET attempted = 1 WHERE seq = ?1", [seq])?;
        Ok(())
    }

    /// Records the server's answer to the push of `revision`, in one
    /// transaction that also removes it from the outbox.
    pub fn acknowledge(&mut self, revision: &OutboxRevision, answer: Acknowledged) -> Result<(), StoreError> {
        let now = (self.clock)();
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let id = revision.brief_id.to_string();
        let rev = revision.id.to_string();
        let in_outbox = tx
            .query_row("SELECT 1 FROM desk_outbox WHERE seq = ?1", [revision.seq], |_| Ok(()))
            .optional()?
            .is_some();
        if !in_outbox {
            return Ok(());
        }
        match (answer, revision.kind) {
            (Acknowledged::Refused, OutboxKind::Delete | OutboxKind::Restore) => {
                // The desk kept the brief where it was (someone saved it
                // after the delete was decided, or it is approved): so does
                // this laptop, and the page says so. `refused` stays as it
                // is: it means words moved to a local copy, and none did.
                let deleted_at = (revision.kind == OutboxKind::Restore).then(|| to_millis(now));
                tx.execute("UPDATE brief SET deleted_at = ?2 WHERE id = ?1", params![id, deleted_at])?;
            }
            // The desk never keeps one beside the head: nothing to record.
            (_, OutboxKind::Delete | OutboxKind::Restore) => {}
            (Acknowledged::Accepted, OutboxKind::State) => {}
            (Acknowledged::Accepted, _) => {
                let body = revision.body.as_ref().map(to_json).transpose()?;
                tx.execute(
                    "UPDATE desk_brief SET base_id = ?2, base_body = ?3, refused = 0,
                        pending = CASE WHEN ?4 = 'merge' THEN '[]' ELSE pending END
                     WHERE brief_id = ?1",
                    params![id, rev, body, revision.kind.as_str()],
                )?;
            }
            (Acknowledged::Conflict, _) => {
                let mut pending = uuids(&tx.query_row(
                    "SELECT pending FROM desk_brief WHERE brief_id = ?1",
                    [&id],
                    |r| r.get::<_, String>(0),
                )?)?;
                pending.push(revision.id);
                tx.execute(
                    "UPDATE desk_brief SET pending = ?2 WHERE brief_id = ?1",
                    params![id, to_json(&pending)?],
                )?;
            }
            (Acknowledged::Refused, OutboxKind::State) => {
                // The status goes back to what the server says.
                tx.execute(
                    "UPDATE desk_brief SET refused = ?2 WHERE brief_id = ?1",
                    params![id, Refused::STATUS],
                )?;
                tx.execute(
                    "UPDATE brief SET status = coalesce((SELECT state FROM desk_brief WHERE brief_id = ?1), 'draft')
                     WHERE id = ?1",
                    [&id],
                )?;
                // History keeps the change as it was made, but must not say
                // the brief reached a status the desk never gave it.
                if let Some(state) = revision.state {
                    let label = history::status_label(state);
                    tx.execute(
                        "UPDATE version SET label = ?3 WHERE brief_id = ?1 AND number = (
                            SELECT max(number) FROM version
                            WHERE brief_id = ?1 AND kind = 'milestone' AND label = ?2)",
                        params![id, label, format!("{label}, not taken by the desk")],
                    )?;
                }
            }
            (Acknowledged::Refused, _) => keep_refused(&tx, revision.brief_id, now)?,
        }
        tx.execute("DELETE FROM desk_outbox WHERE seq = ?1", [revision.seq])?;
        tx.commit()?;
        Ok(())
    }

    /// Stores a batch of pulled revisions and advances the cursor to
    /// `cursor`, in one transaction: a crash before it commits pulls the
    /// batch again. Briefs new to this laptop are created here, and briefs
    /// moved into or out of the desk's Trash follow here.
    pub fn apply_pulled(&mut self, batch: &[RemoteRevision], cursor: i64) -> Result<Pulled, StoreError> {
        let now = (self.clock)();
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        // Disconnected while the batch was on its way: it is no longer ours.
        if link(&tx)?.is_none() {
            return Err(StoreError::NotLinked);
        }
        let mut created = Vec::new();
        let mut trash_moves = TrashMoves::default();
        for revision in batch {
            let inserted = tx
                .prepare_cached(
                    "INSERT OR IGNORE INTO desk_revision
                     (id, brief_id, seq, parent_id, merged, kind, label, version, author, state, note, body, created_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
                )?
                .execute(params![
                    revision.id.to_string(),
                    revision.brief_id.to_string(),
                    revision.seq,
                    revision.parent.map(|p| p.to_string()),
                    to_json(&revision.merged)?,
                    revision.kind,
                    revision.label,
                    revision.version,
                    revision.author,
                    revision.state.map(Status::as_str),
                    revision.note,
                    revision.body.as_ref().map(to_json).transpose()?,
                    to_millis(revision.created_at),
                ])?;
            if inserted == 0 {
                continue;
            }
            let id = revision.brief_id;
            let known = tx
                .prepare_cached("SELECT 1 FROM brief WHERE id = ?1")?
                .query_row([id.to_string()], |_| Ok(()))
                .optional()?
                .is_some();
            if !known {
                // A brief someone else shared: it arrives with its first revision.
                let Some(body) = revision.body.as_ref().filter(|_| revision.is_head()) else { continue };
                let brief = Brief {
                    content: body.clone(),
                    status: revision.state.unwrap_or(Status::Draft),
                    ..Brief::new(id, now)
                };
                row::insert(&tx, &brief)?;
                search::index(&tx, id, body)?;
                let label = format!("From the desk, by {}", revision.author);
                let version = history::prepare(
                    &history::Tip::None,
                    VersionKind::Import,
                    Some(&label),
                    brief.status,
                    body,
                    now,
                    None,
                )?;
                version.write(&tx, id)?;
                tx.prepare_cached(
                    "INSERT INTO desk_brief (brief_id, base_id, base_body, last_pushed, author)
                     VALUES (?1, ?2, ?3, ?2, ?4)",
                )?
                .execute(params![
                    id.to_string(),
                    revision.id.to_string(),
                    to_json(body)?,
                    revision.author
                ])?;
                created.push(id);
            }
            if !is_shared(&tx, id)? {
                continue;
            }
            let brief = id.to_string();
            // Each UPDATE rewrites the whole row (the base body in it): only when it changes.
            tx.prepare_cached("UPDATE desk_brief SET author = ?2 WHERE brief_id = ?1 AND author IS NULL")?
                .execute(params![brief, revision.author])?;
            match revision.kind.as_str() {
                "save" | "version" | "merge" => {
                    // New words on the desk bring a trashed brief back, there and here.
                    trash_moves.touch(&tx, id)?;
                    tx.prepare_cached(
                        "UPDATE brief SET deleted_at = NULL WHERE id = ?1 AND deleted_at IS NOT NULL",
                    )?
                    .execute([&brief])?;
                    let merged = merged_conflicts(&tx, revision)?;
                    tx.prepare_cached(
                        "UPDATE desk_brief SET head_id = ?2, head_version = ?3, state = coalesce(state, 'draft'),
                            open_conflicts = max(0, open_conflicts - ?4)
                         WHERE brief_id = ?1",
                    )?
                    .execute(params![brief, revision.id.to_string(), revision.version, merged])?;
                }
                "conflict" => {
                    tx.prepare_cached(
                        "UPDATE desk_brief SET open_conflicts = open_conflicts + 1 WHERE brief_id = ?1",
                    )?
                    .execute([&brief])?;
                }
                "delete" => {
                    // Words typed here and not yet on the desk keep the
                    // brief: their push brings it back on the desk too.
                    let words_waiting = tx
                        .prepare_cached(
                            "SELECT 1 FROM desk_outbox
                             WHERE brief_id = ?1 AND kind IN ('save', 'version', 'merge') LIMIT 1",
                        )?
                        .query_row([&brief], |_| Ok(()))
                        .optional()?
                        .is_some();
                    if !words_waiting {
                        trash_moves.touch(&tx, id)?;
                        tx.prepare_cached(
                            "UPDATE brief SET deleted_at = ?2 WHERE id = ?1 AND deleted_at IS NULL",
                        )?
                        .execute(params![brief, to_millis(now)])?;
                    }
                }
                "restore" => {
                    trash_moves.touch(&tx, id)?;
                    tx.prepare_cached(
                        "UPDATE brief SET deleted_at = NULL WHERE id = ?1 AND deleted_at IS NOT NULL",
                    )?
                    .execute([&brief])?;
                }
                "state" => {
                    let state = revision.state.unwrap_or(Status::Draft);
                    tx.prepare_cached(
                        "UPDATE desk_brief SET state = ?2, note = ?3, refused = 0 WHERE brief_id = ?1",
                    )?
                    .execute(params![brief, state.as_str(), revision.note])?;
                    tx.prepare_cached("UPDATE brief SET status = ?2 WHERE id = ?1 AND status <> ?2")?
                        .execute(params![brief, state.as_str()])?;
                }
                _ => {}
            }
        }
        tx.prepare_cached("UPDATE desk_link SET cursor = max(cursor, ?1)")?.execute([cursor])?;
        let (trashed, restored) = trash_moves.net(&tx)?;
        tx.commit()?;
        for id in &created {
            self.heads.forget(id);
        }
        Ok(Pulled { created, trashed, restored })
    }

    /// Shared briefs whose server head is not the revision their draft was
    /// last in step with: to be followed once their outbox is empty.
    pub fn behind_head(&self) -> Result<Vec<BriefId>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT brief_id FROM desk_brief
             WHERE head_id IS NOT NULL AND head_id IS NOT base_id AND conflicts IS NULL",
        )?;
        let ids = stmt.query_map([], |row| row.get::<_, String>(0))?;
        ids.map(|id| {
            let id = id?;
            id.parse().map_err(|_| corrupt(&id, "brief id"))
        })
        .collect()
    }

    /// Follows the head for the brief open in the app, whose page names the
    /// revision it shows: refused as a conflict if the draft moved since
    /// (the page saves first, then asks again). Answers the brief as it is now.
    pub fn follow_open_brief(
        &mut self,
        id: BriefId,
        expected_revision: u32,
    ) -> Result<(Followed, Brief), StoreError> {
        let now = (self.clock)();
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let following = Following { heads: &self.heads, policy: &self.policy, limits: &self.limits, now };
        let followed = following.follow(&tx, id, Some(expected_revision))?;
        tx.commit()?;
        self.heads.forget(&id);
        Ok((followed, self.get(id)?))
    }

    /// Brings each of `ids` up to its server head, in one transaction (a new
    /// laptop's first sync follows thousands, and a commit each, each an
    /// fsync, was most of its time): a fast-forward when nothing typed here
    /// is waiting, else a merge of the head with this laptop's revisions the
    /// server holds as conflicts. A clean merge goes into the outbox; parts
    /// changed on both sides keep both texts here.
    pub fn follow_heads(&mut self, ids: &[BriefId]) -> Result<Vec<Followed>, StoreError> {
        let now = (self.clock)();
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let following = Following { heads: &self.heads, policy: &self.policy, limits: &self.limits, now };
        let followed =
            ids.iter().map(|&id| following.follow(&tx, id, None)).collect::<Result<Vec<_>, _>>()?;
        tx.commit()?;
        for id in ids {
            self.heads.forget(id);
        }
        Ok(followed)
    }

    /// Resolves brief `id`'s conflicts: `take` says, for a part (or for every
    /// part when `part` is `None`), which text stays. When no conflict is
    /// left, the resolution goes into the outbox as a merge naming this
    /// laptop's conflicting revisions, so the server closes them.
    pub fn resolve(&mut self, id: BriefId, part: Option<BriefPart>, take: Take) -> Result<Brief, StoreError> {
        let now = (self.clock)();
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let key = id.to_string();
        let (conflicts, pending): (Option<String>, String) = tx
            .query_row("SELECT conflicts, pending FROM desk_brief WHERE brief_id = ?1", [&key], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .optional()?
            .ok_or(StoreError::NotShared(id))?;
        let mut conflicts: Vec<PartConflict> =
            serde_json::from_str(conflicts.as_deref().ok_or(StoreError::NoConflict(id))?)?;
        let mut brief = read_brief(&tx, id)?;
        let (chosen, left): (Vec<PartConflict>, Vec<PartConflict>) =
            conflicts.drain(..).partition(|c| part.is_none_or(|p| c.part == p));
        if chosen.is_empty() {
            return Err(StoreError::NoConflict(id));
        }
        // The draft holds our text in every part still in conflict: keeping
        // ours changes nothing but the conflict's standing.
        if take == Take::Theirs {
            for conflict in &chosen {
                if conflict.part == BriefPart::Report {
                    // The Full Report in conflict as a whole: their sections, from the head.
                    brief.content.report = conflict_head_body(&tx, id)?.report;
                } else {
                    set_part(&mut brief.content, conflict.part, &conflict.theirs)
                        .map_err(StoreError::Restore)?;
                }
            }
        }
        validate(&brief.content, &self.limits)?;
        write_from_desk(&self.heads, &self.policy, &tx, id, &brief.content, now)?;
        if left.is_empty() {
            tx.execute("UPDATE desk_brief SET conflicts = NULL WHERE brief_id = ?1", [&key])?;
            enqueue(
                &tx,
                id,
                OutboxKind::Merge,
                None,
                &uuids(&pending)?,
                Some(&to_json(&brief.content)?),
                None,
                now,
            )?;
        } else {
            tx.execute(
                "UPDATE desk_brief SET conflicts = ?2 WHERE brief_id = ?1",
                params![key, to_json(&left)?],
            )?;
        }
        let brief = read_brief(&tx, id)?;
        tx.commit()?;
        self.heads.forget(&id);
        Ok(brief)
    }

    /// Brief `id`'s parts in conflict here, with who wrote the other side;
    /// `None` when nothing is in conflict.
    pub fn conflicts_of(&self, id: BriefId) -> Result<Option<BriefConflicts>, StoreError> {
        let row: Option<(Option<String>, Option<String>)> = self
            .conn
            .query_row(
                "SELECT d.conflicts, r.author FROM desk_brief d
                 LEFT JOIN desk_revision r ON r.id = d.conflict_head WHERE d.brief_id = ?1",
                [id.to_string()],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        let Some((Some(conflicts), theirs_author)) = row else { return Ok(None) };
        let parts: Vec<PartConflict> = serde_json::from_str(&conflicts)?;
        let parts: Vec<ConflictView> = parts.iter().map(PartConflict::view).collect();
        Ok((!parts.is_empty()).then_some(BriefConflicts { theirs_author, on_desk: None, parts }))
    }

    /// Brief `id`'s newest conflict open on the desk but held elsewhere
    /// (nothing in conflict here): the desk's head as "ours", the text kept
    /// beside it as "theirs", each marked against the revision the other
    /// side started from. `None` when no such conflict is open.
    pub fn conflict_on_desk(&self, id: BriefId) -> Result<Option<BriefConflicts>, StoreError> {
        let row: Option<(String, String, Option<String>, String, String, String)> = self
            .conn
            .query_row(
                "SELECT c.id, c.body, p.body, h.author, h.body, c.author
                 FROM desk_brief d
                 JOIN desk_revision h ON h.id = d.head_id
                 JOIN desk_revision c ON c.brief_id = d.brief_id AND c.kind = 'conflict' AND c.body IS NOT NULL
                 LEFT JOIN desk_revision p ON p.id = c.parent_id
                 WHERE d.brief_id = ?1 AND d.conflicts IS NULL AND d.open_conflicts > 0 AND h.body IS NOT NULL
                   AND NOT EXISTS (SELECT 1 FROM desk_revision m, json_each(m.merged) j
                                   WHERE m.brief_id = d.brief_id AND j.value = c.id)
                 ORDER BY c.seq DESC LIMIT 1",
                [id.to_string()],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?)),
            )
            .optional()?;
        let Some((conflict_id, conflict_body, parent_body, head_author, head_body, author)) = row else {
            return Ok(None);
        };
        let theirs = content_of(&conflict_id, &conflict_body)?;
        let base = match parent_body {
            Some(body) => content_of(&conflict_id, &body)?,
            None => BriefContent::default(),
        };
        let head = content_of(&id.to_string(), &head_body)?;
        let mut parts = merge_briefs(&base, &head, &theirs).conflicts;
        if parts.is_empty() {
            // It merges cleanly now (the head moved on): the holder's laptop
            // will merge it by itself; until then, show what differs.
            parts = whole_part_conflicts(&base, &head, &theirs);
        }
        let yours = link(&self.conn)?.as_ref().and_then(|l| login_in(&l.server)).map(str::to_owned);
        Ok((!parts.is_empty()).then(|| BriefConflicts {
            theirs_author: Some(author),
            on_desk: Some(HeldOnDesk {
                head_is_yours: yours.as_deref() == Some(head_author.as_str()),
                head_author,
            }),
            parts: parts.iter().map(PartConflict::view).collect(),
        }))
    }

    /// Every shared brief as the library marks it.
    pub fn desk_briefs(&self) -> Result<Vec<DeskBrief>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            // This laptop's own pushes kept as conflicts are its own to
            // resolve: until the merge is here, they are not someone else's.
            "SELECT d.brief_id, d.author, coalesce(json_array_length(d.conflicts), 0),
                max(0, d.open_conflicts - json_array_length(d.pending)),
                (SELECT count(*) FROM desk_outbox o WHERE o.brief_id = d.brief_id),
                (SELECT r.author FROM desk_revision r WHERE r.brief_id = d.brief_id AND r.kind = 'conflict'
                 ORDER BY r.seq DESC LIMIT 1),
                coalesce(d.state IN ('ready', 'filed') AND (SELECT role FROM desk_link) = 'reporter', 0)
             FROM desk_brief d",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, Option<String>>(1)?,
                r.get::<_, u32>(2)?,
                r.get::<_, u32>(3)?,
                r.get::<_, u32>(4)?,
                r.get::<_, Option<String>>(5)?,
                r.get::<_, bool>(6)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (id, author, conflicts, open_on_desk, waiting, on_desk_by, locked) = row?;
            let id = id.parse().map_err(|_| corrupt(&id, "brief id"))?;
            let on_desk_by = on_desk_by.filter(|_| open_on_desk > 0);
            out.push(DeskBrief { id, author, conflicts, open_on_desk, on_desk_by, locked, waiting });
        }
        Ok(out)
    }

    /// Every shared brief's standing.
    pub fn desk_status(&self) -> Result<Vec<SharedBrief>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT d.brief_id, b.headline,
                (SELECT count(*) FROM desk_outbox o WHERE o.brief_id = d.brief_id),
                d.conflicts, d.open_conflicts, d.state, d.author, d.head_version, d.note, d.refused
             FROM desk_brief d JOIN brief b ON b.id = d.brief_id
             WHERE b.deleted_at IS NULL ORDER BY b.updated_at DESC",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, u32>(2)?,
                r.get::<_, Option<String>>(3)?,
                r.get::<_, u32>(4)?,
                r.get::<_, Option<String>>(5)?,
                r.get::<_, Option<String>>(6)?,
                r.get::<_, Option<i32>>(7)?,
                r.get::<_, Option<String>>(8)?,
                r.get::<_, i64>(9)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (
                id,
                headline,
                waiting,
                conflicts,
                open_conflicts,
                state,
                author,
                head_version,
                note,
                refused,
            ) = row?;
            out.push(SharedBrief {
                id: id.parse().map_err(|_| corrupt(&id, "brief id"))?,
                headline,
                waiting,
                conflicts: conflicts.as_deref().map(serde_json::from_str).transpose()?.unwrap_or_default(),
                open_conflicts,
                server_state: state.as_deref().map(parse_status).transpose().map_err(|e| corrupt(&id, e))?,
                author,
                head_version,
                note,
                refused: Refused::from_column(refused),
            });
        }
        Ok(out)
    }

    /// Brief `id`'s versions as the desk numbered them, oldest first: each
    /// revision that became its head, and each change of status.
    pub fn desk_versions(&self, id: BriefId) -> Result<Vec<DeskVersion>, StoreError> {
        Ok(self
            .remote_revisions(id)?
            .into_iter()
            .filter(|r| r.version.is_some() || r.kind == "state")
            .map(|r| DeskVersion {
                version: r.version,
                author: r.author,
                kind: r.kind,
                label: r.label,
                state: r.state,
                created_at: r.created_at,
            })
            .collect())
    }

    /// Brief `id` as the desk's version `version` had it (its words; the
    /// status is the desk's, not part of a version).
    pub fn desk_version(&self, id: BriefId, version: i32) -> Result<BriefContent, StoreError> {
        let body: Option<String> = self
            .conn
            .prepare_cached(
                "SELECT body FROM desk_revision WHERE brief_id = ?1 AND version = ?2 AND body IS NOT NULL
                 ORDER BY seq DESC LIMIT 1",
            )?
            .query_row(params![id.to_string(), version], |r| r.get(0))
            .optional()?;
        let body = body.ok_or(StoreError::NoSuchDeskVersion { id, version })?;
        content_of(&id.to_string(), &body)
    }

    /// What changed from the desk's version `version` of brief `id` to the
    /// draft on this computer.
    pub fn compare_desk_version(
        &self,
        id: BriefId,
        version: i32,
    ) -> Result<briefdesk_core::BriefDiff, StoreError> {
        let old = self.desk_version(id, version)?;
        let draft = read_brief(&self.conn, id)?;
        Ok(briefdesk_core::diff_briefs(&old, &draft.content))
    }

    /// The revisions of brief `id` pulled from the server, in desk order.
    pub fn remote_revisions(&self, id: BriefId) -> Result<Vec<RemoteRevision>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, seq, parent_id, merged, kind, label, version, author, state, note, body, created_at
             FROM desk_revision WHERE brief_id = ?1 ORDER BY seq",
        )?;
        let rows = stmt.query_map([id.to_string()], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, Option<String>>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, Option<String>>(5)?,
                r.get::<_, Option<i32>>(6)?,
                r.get::<_, String>(7)?,
                r.get::<_, Option<String>>(8)?,
                r.get::<_, Option<String>>(9)?,
                r.get::<_, Option<String>>(10)?,
                r.get::<_, i64>(11)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (rev, seq, parent, merged, kind, label, version, author, state, note, body, created_at) =
                row?;
            out.push(RemoteRevision {
                id: parse_uuid(&rev)?,
                brief_id: id,
                seq,
                parent: parent.as_deref().map(parse_uuid).transpose()?,
                merged: uuids(&merged)?,
                kind,
                label,
                version,
                author,
                state: state.as_deref().map(parse_status).transpose().map_err(|e| corrupt(&rev, e))?,
                note,
                body: body.as_deref().map(|b| content_of(&rev, b)).transpose()?,
                created_at: from_millis(created_at).map_err(|e| corrupt(&rev, e))?,
            });
        }
        Ok(out)
    }
}

/// The login in a server's connection string, in either of libpq's forms
/// (`postgresql://LOGIN@HOST/…` or `host=… user=LOGIN`).
fn login_in(server: &str) -> Option<&str> {
    if let Some((_, rest)) = server.split_once("://") {
        let (user_info, _) = rest.split_once('@')?;
        return Some(user_info.split(':').next().unwrap_or(user_info)).filter(|l| !l.is_empty());
    }
    server.split_whitespace().find_map(|pair| pair.strip_prefix("user=")).filter(|l| !l.is_empty())
}

/// Counts the revisions a merge names that the server held as conflicts.
fn merged_conflicts(conn: &Connection, revision: &RemoteRevision) -> Result<i64, StoreError> {
    let mut count = 0;
    for merged in &revision.merged {
        let conflict = conn
            .prepare_cached("SELECT 1 FROM desk_revision WHERE id = ?1 AND kind = 'conflict'")?
            .query_row([merged.to_string()], |_| Ok(()))
            .optional()?
            .is_some();
        count += i64::from(conflict);
    }
    Ok(count)
}

/// What following a head needs of the store, borrowed beside its open transaction.
struct Following<'a> {
    heads: &'a crate::history::Heads,
    policy: &'a briefdesk_core::VersionPolicy,
    limits: &'a Limits,
    now: OffsetDateTime,
}

impl Following<'_> {
    /// Follows brief `id`'s head inside `tx`; see [`Store::follow_heads`].
    fn follow(
        &self,
        tx: &Connection,
        id: BriefId,
        expected_revision: Option<u32>,
    ) -> Result<Followed, StoreError> {
        let now = self.now;
        let key = id.to_string();
        if let Some(expected) = expected_revision {
            let actual = draft_row(tx, id)?.revision;
            if actual != expected {
                return Err(StoreError::Conflict { id, expected, actual });
            }
        }
        let waiting: i64 = tx.query_row(
            // A state change waiting pins the revision read: nothing moves under it.
            "SELECT count(*) FROM desk_outbox WHERE brief_id = ?1",
            [&key],
            |r| r.get(0),
        )?;
        let standing = tx
            .query_row(
                "SELECT base_id, base_body, head_id, pending, conflicts FROM desk_brief WHERE brief_id = ?1",
                [&key],
                |r| {
                    Ok((
                        r.get::<_, Option<String>>(0)?,
                        r.get::<_, Option<String>>(1)?,
                        r.get::<_, Option<String>>(2)?,
                        r.get::<_, String>(3)?,
                        r.get::<_, Option<String>>(4)?,
                    ))
                },
            )
            .optional()?;
        let Some((base_id, base_body, Some(head_id), pending, None)) = standing else {
            return Ok(Followed::Nothing);
        };
        if waiting > 0 || base_id.as_deref() == Some(head_id.as_str()) {
            return Ok(Followed::Nothing);
        }
        let head: Option<(Option<String>, String)> = tx
            .query_row("SELECT body, author FROM desk_revision WHERE id = ?1", [&head_id], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .optional()?;
        let Some((Some(head_body), head_author)) = head else { return Ok(Followed::Nothing) };
        let theirs = content_of(&head_id, &head_body)?;
        let brief = read_brief(tx, id)?;
        let base = match &base_body {
            Some(body) => content_of(&key, body)?,
            None => BriefContent::default(),
        };
        let pending = uuids(&pending)?;
        Ok(if pending.is_empty() && brief.content == base {
            write_from_desk(self.heads, self.policy, tx, id, &theirs, now)?;
            tx.execute(
                "UPDATE desk_brief SET base_id = ?2, base_body = ?3, last_pushed = ?2 WHERE brief_id = ?1",
                params![key, head_id, head_body],
            )?;
            Followed::FastForward
        } else {
            let mut merged = merge_briefs(&base, &brief.content, &theirs);
            // Both sides kept can break a limit (each rewrote every bullet):
            // then the local brief stays as it is, and every part that
            // differs is a conflict to resolve, rather than a sync that
            // fails for good.
            if validate(&merged.content, self.limits).is_err() {
                merged = briefdesk_core::Merged {
                    content: brief.content.clone(),
                    conflicts: whole_part_conflicts(&base, &brief.content, &theirs),
                    from_theirs: Vec::new(),
                };
            }
            write_from_desk(self.heads, self.policy, tx, id, &merged.content, now)?;
            tx.execute(
                "UPDATE desk_brief SET base_id = ?2, base_body = ?3, last_pushed = ?2 WHERE brief_id = ?1",
                params![key, head_id, head_body],
            )?;
            if merged.conflicts.is_empty() {
                enqueue(
                    tx,
                    id,
                    OutboxKind::Merge,
                    None,
                    &pending,
                    Some(&to_json(&merged.content)?),
                    None,
                    now,
                )?;
                Followed::Merged { from_theirs: merged.from_theirs, by: head_author }
            } else {
                tx.execute(
                    "UPDATE desk_brief SET conflicts = ?2, conflict_head = ?3 WHERE brief_id = ?1",
                    params![key, to_json(&merged.conflicts)?, head_id],
                )?;
                Followed::Conflicted { parts: merged.conflicts.len() }
            }
        })
    }
}

/// Writes content that came from the desk into the draft, recording
/// versions as a save does, but publishing nothing: it is the server's
/// already (or, for a merge, the caller enqueues it).
fn write_from_desk(
    heads: &crate::history::Heads,
    policy: &briefdesk_core::VersionPolicy,
    tx: &Connection,
    id: BriefId,
    content: &BriefContent,
    now: OffsetDateTime,
) -> Result<(), StoreError> {
    let draft = draft_row(tx, id)?;
    let plan = plan_draft_save(tx, heads, policy, id, &draft, content, now)?;
    write_content(tx, id, draft.revision + 1, now, content)?;
    for version in &plan.versions {
        version.write(tx, id)?;
    }
    Ok(())
}

/// A push refused after approval: the words refused move to a new brief of
/// this laptop's own ("Local copy: …", not shared), and the shared brief
/// goes back to following the server.
fn keep_refused(tx: &Connection, id: BriefId, now: OffsetDateTime) -> Result<(), StoreError> {
    let brief = read_brief(tx, id)?;
    let mut content = brief.content.clone();
    content.headline = conflicted_copy_headline(&content.headline, Limits::DEFAULT.line_chars);
    let copy = Brief { content, ..Brief::new(crate::row::new_id(now), now) };
    row::insert(tx, &copy)?;
    search::index(tx, copy.id, &copy.content)?;
    let version = history::prepare(
        &history::Tip::None,
        VersionKind::Import,
        None,
        copy.status,
        &copy.content,
        now,
        None,
    )?;
    version.write(tx, copy.id)?;
    tx.execute("DELETE FROM desk_outbox WHERE brief_id = ?1 AND kind <> 'state'", [id.to_string()])?;
    // The refused words are the copy's now: the shared draft follows the
    // head again, from its last agreed revision.
    tx.execute(
        "UPDATE desk_brief SET refused = ?2, pending = '[]', last_pushed = base_id WHERE brief_id = ?1",
        params![id.to_string(), Refused::WORDS],
    )?;
    let base: Option<String> =
        tx.query_row("SELECT base_body FROM desk_brief WHERE brief_id = ?1", [id.to_string()], |r| r.get(0))?;
    let base = match base {
        Some(body) => content_of(&id.to_string(), &body)?,
        None => BriefContent::default(),
    };
    let draft = draft_row(tx, id)?;
    write_content(tx, id, draft.revision + 1, now, &base)?;
    Ok(())
}

/// Puts `text` into one part of `content`, as a conflict names it.
/// The body of the desk's head that brief `id`'s conflicts were found against.
fn conflict_head_body(conn: &Connection, id: BriefId) -> Result<BriefContent, StoreError> {
    let body: Option<String> = conn
        .query_row(
            "SELECT r.body FROM desk_brief d JOIN desk_revision r ON r.id = d.conflict_head
             WHERE d.brief_id = ?1",
            [id.to_string()],
            |r| r.get(0),
        )
        .optional()?
        .flatten();
    let body = body.ok_or_else(|| corrupt(id, "the desk's side of the conflict"))?;
    Ok(serde_json::from_str(&body)?)
}

fn set_part(content: &mut BriefContent, part: BriefPart, text: &str) -> Result<(), String> {
    let missing = || format!("the brief has no {part} any more");
    let at = |i: u32| usize::try_from(i).unwrap_or(usize::MAX);
    match part {
        BriefPart::Headline => content.headline = text.to_owned(),
        BriefPart::Byline => content.byline = Some(text.to_owned()).filter(|b| !b.is_empty()),
        BriefPart::Summary => content.summary = text.to_owned(),
        BriefPart::WhyItMatters => content.why_it_matters = text.to_owned(),
        BriefPart::Context => content.context = text.to_owned(),
        BriefPart::Tags => {
            content.tags =
                text.split(',').map(str::trim).filter(|t| !t.is_empty()).map(str::to_owned).collect()
        }
        BriefPart::Bullet(i) => {
            *content.key_developments.get_mut(at(i)).ok_or_else(missing)? = text.to_owned()
        }
        BriefPart::Section(i) => content.report.get_mut(at(i)).ok_or_else(missing)?.body = text.to_owned(),
        BriefPart::SectionHeading(i) => {
            content.report.get_mut(at(i)).ok_or_else(missing)?.heading = text.to_owned()
        }
        BriefPart::KeyDevelopments => {
            content.key_developments =
                text.lines().map(str::to_owned).filter(|l| !l.trim().is_empty()).collect()
        }
        BriefPart::Tag(_) | BriefPart::Report | BriefPart::Brief => {
            return Err(format!("the {part} cannot be resolved as one text"))
        }
    }
    Ok(())
}

/// Each part in which `ours` and `theirs` differ, whole, as a conflict.
fn whole_part_conflicts(
    base: &BriefContent,
    ours: &BriefContent,
    theirs: &BriefContent,
) -> Vec<PartConflict> {
    let lines = |items: &[String]| items.join("\n");
    let sections = |c: &BriefContent| {
        c.report.iter().map(|s| format!("{}\n{}", s.heading, s.body)).collect::<Vec<_>>().join("\n\n")
    };
    let byline = |c: &BriefContent| c.byline.clone().unwrap_or_default();
    let parts: [(BriefPart, String, String, String); 8] = [
        (BriefPart::Headline, base.headline.clone(), ours.headline.clone(), theirs.headline.clone()),
        (BriefPart::Byline, byline(base), byline(ours), byline(theirs)),
        (BriefPart::Summary, base.summary.clone(), ours.summary.clone(), theirs.summary.clone()),
        (
            BriefPart::WhyItMatters,
            base.why_it_matters.clone(),
            ours.why_it_matters.clone(),
            theirs.why_it_matters.clone(),
        ),
        (
            BriefPart::KeyDevelopments,
            lines(&base.key_developments),
            lines(&ours.key_developments),
            lines(&theirs.key_developments),
        ),
        (BriefPart::Report, sections(base), sections(ours), sections(theirs)),
        (BriefPart::Context, base.context.clone(), ours.context.clone(), theirs.context.clone()),
        (BriefPart::Tags, base.tags.join(", "), ours.tags.join(", "), theirs.tags.join(", ")),
    ];
    parts
        .into_iter()
        .filter(|(_, _, ours, theirs)| ours != theirs)
        .map(|(part, base, ours, theirs)| PartConflict { part, base, ours, theirs })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::login_in;

    #[test]
    fn the_login_is_read_from_either_form_of_connection_string() {
        assert_eq!(login_in("postgresql://ed@127.0.0.1:5432/newsroom"), Some("ed"));
        assert_eq!(login_in("postgres://ana:secret@desk.example/briefdesk"), Some("ana"));
        assert_eq!(login_in("host=desk.example user=ana dbname=news"), Some("ana"));
        assert_eq!(login_in("postgresql://desk.example/newsroom"), None);
        assert_eq!(login_in("host=desk.example"), None);
    }
}
