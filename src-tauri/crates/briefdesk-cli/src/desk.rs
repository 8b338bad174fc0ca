//! `briefdesk-cli desk …`: the newsroom's desk (DESIGN §7). The admin's
//! commands take an administrator's URL; the rest work on the local
//! library (`--db`), which remembers its desk once connected. Passwords are
//! never stored: they come from the URL, `PGPASSWORD` or `~/.pgpass`, as
//! for every libpq client.

use briefdesk_core::{for_terminal, BriefPart, PartConflict, Status, TerminalLayout};
use briefdesk_desk::{
    add_member, connect, create_desk, init, remove_member, sync_once, DeskError, DeskSession, LocalDesk,
    Role, ServerUrl, SyncReport,
};
use std::path::PathBuf;

use briefdesk_store::{resolve_db_path, Refused, SharedBrief, Store, Take};
use clap::{Subcommand, ValueEnum};

use crate::{parse_id, print, to_json_lines, CliError};

#[derive(Subcommand)]
pub(crate) enum DeskCommand {
    /// Create or migrate the desk schema on a server (an administrator's URL; safe to run again)
    Init { url: String },
    /// Create a desk (an administrator's URL)
    Create { url: String, name: String },
    /// Make a PostgreSQL login a member of a desk (an administrator's URL)
    AddMember {
        url: String,
        desk: String,
        login: String,
        #[arg(long, value_enum)]
        role: RoleArg,
    },
    /// Take a login off a desk (an administrator's URL); their revisions stay
    RemoveMember { url: String, desk: String, login: String },
    /// Connect this library to a desk (your login in the URL; the password from PGPASSWORD or ~/.pgpass)
    Connect {
        url: String,
        #[arg(long)]
        desk: String,
        /// New briefs stay on this laptop until shared
        #[arg(long)]
        no_share_new: bool,
    },
    /// Disconnect this library from its desk: every brief stays, the sync stops
    Disconnect {
        /// Even with changes not yet on the desk or conflicts open (they stay in this library only)
        #[arg(long)]
        anyway: bool,
    },
    /// Share a brief with the desk
    Share { id: String },
    /// Push and pull once: exit 0 when nothing is waiting or conflicted, 3 when something is conflicted
    Sync,
    /// Each shared brief: changes waiting, conflicts, the server's state
    Status {
        #[arg(long)]
        json: bool,
    },
    /// Every revision of a brief on the server: author, kind, time, and each conflicting text
    Log {
        id: String,
        #[arg(long)]
        json: bool,
    },
    /// Keep one side's text for a part in conflict (or for every part)
    Resolve {
        id: String,
        /// headline, byline, summary, why_it_matters, context, tags, bullet:N, section:N, heading:N (N from 1)
        #[arg(long)]
        part: Option<String>,
        #[arg(long, value_enum)]
        take: TakeArg,
    },
    /// Approve a brief as read (an editor): refused if anyone saved since this library last synced
    Approve { id: String },
    /// Move a brief to another state on the desk (draft, in_review, ready, filed), with a note
    State {
        id: String,
        #[arg(value_parser = crate::parse_status)]
        state: Status,
        #[arg(long)]
        note: Option<String>,
    },
}

#[derive(Clone, Copy, ValueEnum)]
pub(crate) enum RoleArg {
    Reporter,
    Editor,
}

#[derive(Clone, Copy, ValueEnum)]
pub(crate) enum TakeArg {
    Ours,
    Theirs,
}

fn runtime() -> Result<tokio::runtime::Runtime, CliError> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| CliError::Desk(DeskError::Server(format!("cannot start: {e}"))))
}

pub(crate) fn run(command: DeskCommand, db: Option<PathBuf>) -> Result<(), CliError> {
    let open = || -> Result<Store, CliError> { Ok(Store::open_existing(&resolve_db_path(db.clone())?)?) };
    let rt = runtime()?;
    match command {
        DeskCommand::Init { url } => rt.block_on(async {
            let mut admin = connect(&ServerUrl::parse(&url)?).await?;
            let version = init(&mut admin).await?;
            print(&format!("desk schema at version {version}\n"))
        }),
        DeskCommand::Create { url, name } => rt.block_on(async {
            let admin = connect(&ServerUrl::parse(&url)?).await?;
            create_desk(&admin, &name).await?;
            print(&format!("desk {name}\n"))
        }),
        DeskCommand::AddMember { url, desk, login, role } => rt.block_on(async {
            let admin = connect(&ServerUrl::parse(&url)?).await?;
            let role = match role {
                RoleArg::Reporter => Role::Reporter,
                RoleArg::Editor => Role::Editor,
            };
            add_member(&admin, &desk, &login, role).await?;
            print(&format!("{login} is a {} on {desk}\n", role.as_str()))
        }),
        DeskCommand::RemoveMember { url, desk, login } => rt.block_on(async {
            let admin = connect(&ServerUrl::parse(&url)?).await?;
            remove_member(&admin, &desk, &login).await?;
            print(&format!("{login} is no longer on {desk}\n"))
        }),
        DeskCommand::Connect { url, desk, no_share_new } => {
            let url = ServerUrl::parse(&url)?;
            // Checked before the library remembers it: a wrong password or
            // desk is said now, not at the first sync.
            let role = rt.block_on(async {
                Ok::<_, CliError>(DeskSession::open(&url, &desk).await?.role().to_owned())
            })?;
            // A new laptop's library starts here.
            let mut store = Store::open(&resolve_db_path(db.clone())?)?;
            store.link_desk(url.shown(), &desk)?;
            store.note_desk_role(&role)?;
            if no_share_new {
                store.set_share_new(false)?;
            }
            print(&format!("connected to {desk} on {} as a {role}\n", url.shown()))
        }
        DeskCommand::Disconnect { anyway } => {
            let left = open()?.unlink_desk(anyway)?;
            print(&format!(
                "disconnected from {} on {}; every brief stays in this library\n",
                left.desk, left.server
            ))
        }
        DeskCommand::Share { id } => {
            let id = parse_id(&id)?;
            open()?.share(id)?;
            print(&format!("{id} shared\n"))
        }
        DeskCommand::Sync => {
            let store = open()?;
            let report = rt.block_on(sync(store))?;
            print(&sync_summary(&report))?;
            if report.conflicted.is_empty() {
                Ok(())
            } else {
                Err(CliError::Conflicted(report.conflicted.len()))
            }
        }
        DeskCommand::Status { json } => {
            let status = open()?.desk_status()?;
            print(&if json { to_json_lines(&status)? } else { status_table(&status) })
        }
        DeskCommand::Log { id, json } => {
            let id = parse_id(&id)?;
            let store = open()?;
            let link = store.desk_link()?.ok_or(briefdesk_store::StoreError::NotLinked)?;
            let log = rt.block_on(async {
                let session = DeskSession::open(&ServerUrl::parse(&link.server)?, &link.desk).await?;
                Ok::<_, CliError>(session.log(id).await?)
            })?;
            if json {
                print(&to_json_lines(&log)?)
            } else {
                let mut out = String::new();
                for r in &log {
                    let version = r.version.map(|v| format!("v{v}")).unwrap_or_else(|| "-".into());
                    let what = match (&r.body, r.state) {
                        (Some(body), _) => body.headline.clone(),
                        (None, Some(state)) => format!(
                            "→ {}{}",
                            state.as_str(),
                            r.note.as_deref().map(|n| format!(": {n}")).unwrap_or_default()
                        ),
                        (None, None) => String::new(),
                    };
                    out.push_str(&format!(
                        "{:>6}  {:<8} {:<5} {:<20} {}  {}\n",
                        r.seq,
                        r.kind,
                        version,
                        r.author,
                        r.created_at
                            .format(&time::format_description::well_known::Rfc3339)
                            .unwrap_or_default(),
                        what
                    ));
                }
                print(&for_terminal(&out, TerminalLayout::MultiLine))
            }
        }
        DeskCommand::Resolve { id, part, take } => {
            let id = parse_id(&id)?;
            let part = part.as_deref().map(parse_part).transpose()?;
            let take = match take {
                TakeArg::Ours => Take::Ours,
                TakeArg::Theirs => Take::Theirs,
            };
            let brief = open()?.resolve(id, part, take)?;
            print(&format!("{id} revision {}\n", brief.revision))
        }
        DeskCommand::Approve { id } => change_state(&rt, open()?, &id, Status::Ready, None),
        DeskCommand::State { id, state, note } => change_state(&rt, open()?, &id, state, note.as_deref()),
    }
}

fn change_state(
    rt: &tokio::runtime::Runtime,
    mut store: Store,
    id: &str,
    state: Status,
    note: Option<&str>,
) -> Result<(), CliError> {
    let id = parse_id(id)?;
    let brief = store.get(id)?;
    store.set_status_noted(id, brief.revision, state, note)?;
    let report = rt.block_on(sync(store))?;
    if report.refused.contains(&id) {
        return Err(CliError::Desk(DeskError::Forbidden(format!(
            "the desk refused to move {id} to {}: it changed since this library last synced (or has open \
             conflicts). Sync, read it again, and retry",
            state.as_str()
        ))));
    }
    print(&format!("{id} is {} on the desk\n", state.as_str()))
}

async fn sync(store: Store) -> Result<SyncReport, CliError> {
    let link = store.desk_link()?.ok_or(briefdesk_store::StoreError::NotLinked)?;
    let url = ServerUrl::parse(&link.server)?;
    let session = DeskSession::open(&url, &link.desk).await?;
    let local = LocalDesk::new(store);
    Ok(sync_once(&local, &session).await?)
}

fn sync_summary(report: &SyncReport) -> String {
    let mut out = format!("pushed {}, pulled {}", report.pushed, report.pulled);
    if !report.arrived.is_empty() {
        out.push_str(&format!(", {} new from the desk", report.arrived.len()));
    }
    if !report.merged.is_empty() {
        out.push_str(&format!(", merged {}", report.merged.len()));
    }
    if !report.refused.is_empty() {
        out.push_str(&format!(", refused {} (kept here)", report.refused.len()));
    }
    if report.waiting > 0 {
        out.push_str(&format!(", {} waiting", report.waiting));
    }
    if !report.conflicted.is_empty() {
        out.push_str(&format!(", conflict in {} brief(s)", report.conflicted.len()));
    }
    out.push('\n');
    out
}

fn status_table(status: &[SharedBrief]) -> String {
    let mut out = String::new();
    for brief in status {
        let state = brief.server_state.map_or("not yet on the desk", Status::as_str);
        out.push_str(&format!(
            "{}  {:<10} waiting {:>2}  conflicts {:>2}  {}{}\n",
            brief.id,
            state,
            brief.waiting,
            brief.conflicts.len(),
            for_terminal(&brief.headline, TerminalLayout::OneLine),
            match brief.refused {
                Some(Refused::Words) => "  (refused after approval: your words are in a local copy)",
                Some(Refused::Status) => "  (change of status refused: someone saved after you read it)",
                None => "",
            }
        ));
        for PartConflict { part, ours, theirs, .. } in &brief.conflicts {
            out.push_str(&format!(
                "    {part}:\n      ours:   {}\n      theirs: {}\n",
                for_terminal(ours, TerminalLayout::OneLine),
                for_terminal(theirs, TerminalLayout::OneLine)
            ));
        }
    }
    out
}

fn parse_part(s: &str) -> Result<BriefPart, CliError> {
    let bad = || {
        CliError::Usage(format!(
            "{s:?} is not a part: use headline, byline, summary, why_it_matters, context, tags, bullet:N, section:N or heading:N"
        ))
    };
    let numbered = |n: &str| n.parse::<u32>().ok().filter(|&n| n >= 1).map(|n| n - 1).ok_or_else(bad);
    Ok(match s.split_once(':') {
        None => match s {
            "headline" => BriefPart::Headline,
            "byline" => BriefPart::Byline,
            "summary" => BriefPart::Summary,
            "why_it_matters" => BriefPart::WhyItMatters,
            "context" => BriefPart::Context,
            "tags" => BriefPart::Tags,
            "key_developments" => BriefPart::KeyDevelopments,
            _ => return Err(bad()),
        },
        Some(("bullet", n)) => BriefPart::Bullet(numbered(n)?),
        Some(("section", n)) => BriefPart::Section(numbered(n)?),
        Some(("heading", n)) => BriefPart::SectionHeading(numbered(n)?),
        Some(_) => return Err(bad()),
    })
}
