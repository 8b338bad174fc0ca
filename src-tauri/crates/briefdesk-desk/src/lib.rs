//! Briefdesk's desk: reporters and editors share briefs through the
//! newsroom's PostgreSQL server (DESIGN §7).
//!
//! The server is the desk's append-only record: a versioned schema and a
//! few SQL functions (`migrations/`), called with tokio-postgres. The
//! laptop's SQLite file stays the source of truth for the page; its outbox,
//! cursor and pulled revisions are the store's (`briefdesk-store`'s
//! desk.rs). This crate connects the two: [`sync_once`] pushes the outbox
//! and pulls what others pushed; merging is the core's (`merge_briefs`).
//! Nothing here knows about Tauri.

mod admin;
mod connect;
mod error;
mod protocol;
mod schema;
mod sync;

pub use admin::{add_member, create_desk, remove_member, Role};
pub use connect::{connect, password_for, ServerUrl};
pub use error::{DeskError, DeskErrorCode};
pub use protocol::{desks_of, DeskSession, PushAnswer, WakeUps};
pub use schema::{init, DESK_SCHEMA_VERSION};
pub use sync::{sync_holding, sync_once, LocalDesk, MergedFrom, SyncReport};
