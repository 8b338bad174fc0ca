//! The protocol, as the laptop speaks it: push one revision, pull by the
//! desk's sequence, and wake-ups by LISTEN/NOTIFY.

use briefdesk_core::{BriefContent, BriefId, Status};
use briefdesk_store::{OutboxRevision, RemoteRevision};
use time::OffsetDateTime;
use tokio_postgres::{Client, Row};
use uuid::Uuid;

use crate::connect::{connect_with, ServerUrl};
use crate::{schema, DeskError};

/// A connection to one desk, as one member.
pub struct DeskSession {
    client: Client,
    url: ServerUrl,
    desk: String,
    role: String,
}

/// The server's answer to one push.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PushAnswer {
    /// It is the head, with the server's version number.
    Accepted { version: Option<i32> },
    /// Its parent was not the head: stored beside it as a conflict.
    Conflict { head: Option<Uuid> },
    /// Approved, or a state change that came too late: kept on the laptop.
    Refused { head: Option<Uuid> },
}

/// The desks the login of `url` is a member of, by name, for the person to
/// pick one: row-level security shows each login only its own.
pub async fn desks_of(url: &ServerUrl) -> Result<Vec<String>, DeskError> {
    let (client, _driver) = connect_with(url, None).await?;
    match schema::check(&client, url.shown(), url.login(), "").await {
        // A login on no desk may not even look into the schema.
        Err(DeskError::NotMember { .. }) => return Ok(Vec::new()),
        checked => checked?,
    }
    let rows = client
        .query("SELECT name FROM briefdesk.desk ORDER BY name", &[])
        .await
        .map_err(|e| DeskError::from_pg(e, url.login(), ""))?;
    Ok(rows.iter().map(|row| row.get(0)).collect())
}

impl DeskSession {
    /// Connects to `desk` on `url`, refusing a server schema this build does
    /// not know and a login that is not on the desk, before anything moves.
    pub async fn open(url: &ServerUrl, desk: &str) -> Result<DeskSession, DeskError> {
        let (client, _driver) = connect_with(url, None).await?;
        schema::check(&client, url.shown(), url.login(), desk).await?;
        let role: String = client
            .query_one("SELECT briefdesk.join_desk($1)", &[&desk])
            .await
            .map_err(|e| DeskError::from_pg(e, url.login(), desk))?
            .get(0);
        Ok(DeskSession { client, url: url.clone(), desk: desk.to_owned(), role })
    }

    /// `reporter` or `editor`.
    pub fn role(&self) -> &str {
        &self.role
    }

    pub fn login(&self) -> &str {
        self.url.login()
    }

    pub fn desk(&self) -> &str {
        &self.desk
    }

    fn error(&self, e: tokio_postgres::Error) -> DeskError {
        DeskError::from_pg(e, self.url.login(), &self.desk)
    }

    /// Pushes one revision. Pushing the same revision again is safe: the
    /// server recognises its id and answers as it did the first time.
    pub async fn push(&self, revision: &OutboxRevision) -> Result<PushAnswer, DeskError> {
        let body = revision
            .body
            .as_ref()
            .map(serde_json::to_value)
            .transpose()
            .map_err(briefdesk_store::StoreError::from)?;
        let state = revision.state.map(Status::as_str);
        let row = self
            .client
            .query_one(
                "SELECT outcome, stored, head, version FROM briefdesk.push($1, $2, $3, $4, $5, $6, $7, $8, $9)",
                &[
                    &self.desk,
                    &revision.id,
                    &revision.brief_id.0,
                    &revision.parent,
                    &revision.kind.as_str(),
                    &revision.label,
                    &body,
                    &revision.merged,
                    &state,
                ],
            )
            .await
            .map_err(|e| self.error(e))?;
        let outcome: String = row.get(0);
        let stored: Option<String> = row.get(1);
        let head: Option<Uuid> = row.get(2);
        let version: Option<i32> = row.get(3);
        Ok(match (outcome.as_str(), stored.as_deref()) {
            ("refused", _) => PushAnswer::Refused { head },
            ("conflict", _) | ("duplicate", Some("conflict")) => PushAnswer::Conflict { head },
            _ => PushAnswer::Accepted { version },
        })
    }

    /// Revisions after desk sequence number `after`, at most `limit`, in order.
    pub async fn pull(&self, after: i64, limit: i32) -> Result<Vec<RemoteRevision>, DeskError> {
        let rows = self
            .client
            .query(
                "SELECT id, brief_id, seq, parent, merged, kind, label, version, author::text, state, body, created_at
                 FROM briefdesk.pull($1, $2, $3)",
                &[&self.desk, &after, &limit],
            )
            .await
            .map_err(|e| self.error(e))?;
        rows.iter().map(remote_revision).collect()
    }

    /// Every revision of one brief on the server, in desk order (for `desk log`).
    pub async fn log(&self, brief: BriefId) -> Result<Vec<RemoteRevision>, DeskError> {
        let rows = self
            .client
            .query(
                "SELECT r.id, r.brief_id, r.seq, r.parent, r.merged, r.kind, r.label, r.version, r.author::text,
                        r.state, r.body, r.created_at
                 FROM briefdesk.revision r JOIN briefdesk.desk d ON d.id = r.desk_id
                 WHERE d.name = $1 AND r.brief_id = $2 ORDER BY r.seq",
                &[&self.desk, &brief.0],
            )
            .await
            .map_err(|e| self.error(e))?;
        rows.iter().map(remote_revision).collect()
    }

    /// The server's process id for this connection (tests end it with
    /// `pg_terminate_backend` to lose a push mid-way).
    pub async fn backend_pid(&self) -> Result<i32, DeskError> {
        Ok(self.client.query_one("SELECT pg_backend_pid()", &[]).await.map_err(|e| self.error(e))?.get(0))
    }

    /// Whether the connection has closed (the server went away).
    pub fn is_closed(&self) -> bool {
        self.client.is_closed()
    }
}

fn remote_revision(row: &Row) -> Result<RemoteRevision, DeskError> {
    let id: Uuid = row.get(0);
    let body: Option<serde_json::Value> = row.get(10);
    let body: Option<BriefContent> = body.map(serde_json::from_value).transpose().map_err(|e| {
        DeskError::Server(format!("revision {id} has a body this Briefdesk cannot read: {e}"))
    })?;
    let state: Option<String> = row.get(9);
    let created_at: OffsetDateTime = row.get(11);
    let kind: String = row.get(5);
    let label: Option<String> = row.get(6);
    // A state revision's label is the note that came with it.
    let (label, note) = if kind == "state" { (None, label) } else { (label, None) };
    Ok(RemoteRevision {
        id,
        brief_id: BriefId(row.get(1)),
        seq: row.get(2),
        parent: row.get(3),
        merged: row.get(4),
        kind,
        label,
        version: row.get(7),
        author: row.get(8),
        state: state.as_deref().and_then(Status::parse),
        note,
        body,
        created_at,
    })
}

/// Wake-ups from the server: a dedicated connection LISTENs; each
/// notification (a push committed on the desk) is a reason to pull. A
/// missed one costs nothing: the next pull reads by sequence.
pub struct WakeUps {
    _client: Client,
    notices: tokio::sync::mpsc::UnboundedReceiver<String>,
}

impl WakeUps {
    pub async fn listen(url: &ServerUrl) -> Result<WakeUps, DeskError> {
        let (tx, notices) = tokio::sync::mpsc::unbounded_channel();
        let (client, _driver) = connect_with(url, Some(tx)).await?;
        client
            .batch_execute("LISTEN briefdesk_desk")
            .await
            .map_err(|e| DeskError::from_pg(e, url.login(), ""))?;
        Ok(WakeUps { _client: client, notices })
    }

    /// Waits for the next wake-up; `None` when the connection closed.
    pub async fn next(&mut self) -> Option<()> {
        self.notices.recv().await.map(|_| ())
    }
}
