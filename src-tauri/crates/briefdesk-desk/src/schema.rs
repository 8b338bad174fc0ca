//! The server's schema: forward-only migrations, recorded in
//! `briefdesk.schema_migration`, run by an administrator's connection.

use tokio_postgres::Client;

use crate::DeskError;

/// Entry `i` produces version `i + 1`. Never edited once released.
const MIGRATIONS: &[&str] = &[
    include_str!("../migrations/0001_desk.sql"),
    include_str!("../migrations/0002_trash.sql"),
    include_str!("../migrations/0003_pull_by_index.sql"),
];

/// The server schema version this build speaks.
pub const DESK_SCHEMA_VERSION: i32 = MIGRATIONS.len() as i32;

/// Creates the desk schema on the server `admin` is connected to, or
/// migrates it forward; running it again changes nothing. Answers the
/// version the server is at. `admin` must be able to create roles.
pub async fn init(admin: &mut Client) -> Result<i32, DeskError> {
    migrate(admin, MIGRATIONS).await
}

fn server(e: tokio_postgres::Error) -> DeskError {
    match e.as_db_error() {
        Some(db) => DeskError::Server(format!(
            "{}{}",
            db.message(),
            db.detail().map(|d| format!(" ({d})")).unwrap_or_default()
        )),
        None => DeskError::Lost(e.to_string()),
    }
}

pub(crate) async fn migrate(admin: &mut Client, migrations: &[&str]) -> Result<i32, DeskError> {
    // Roles belong to the whole cluster, not one database: created once,
    // and two databases initialised at once must not trip over each other.
    admin
        .batch_execute(
            "DO $$ BEGIN
                 IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'briefdesk_owner') THEN
                     CREATE ROLE briefdesk_owner NOLOGIN;
                 END IF;
             EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
             END $$;
             DO $$ BEGIN
                 IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'briefdesk_member') THEN
                     CREATE ROLE briefdesk_member NOLOGIN;
                 END IF;
             EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
             END $$;
             DO $$ BEGIN
                 IF NOT pg_has_role(current_user, 'briefdesk_owner', 'MEMBER') THEN
                     GRANT briefdesk_owner TO CURRENT_USER;
                 END IF;
             EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
             END $$;",
        )
        .await
        .map_err(server)?;
    let tx = admin.transaction().await.map_err(server)?;
    tx.batch_execute(
        "SELECT pg_advisory_xact_lock(hashtext('briefdesk schema'));
         CREATE SCHEMA IF NOT EXISTS briefdesk AUTHORIZATION briefdesk_owner;
         SET LOCAL ROLE briefdesk_owner;
         CREATE TABLE IF NOT EXISTS briefdesk.schema_migration (
             version    integer PRIMARY KEY,
             applied_at timestamptz NOT NULL DEFAULT now()
         );",
    )
    .await
    .map_err(server)?;
    let found: i32 = tx
        .query_one("SELECT coalesce(max(version), 0) FROM briefdesk.schema_migration", &[])
        .await
        .map_err(server)?
        .get(0);
    let supported = migrations.len() as i32;
    if found > supported {
        return Err(DeskError::SchemaNewer { found, supported });
    }
    for (index, sql) in migrations.iter().enumerate().skip(found as usize) {
        tx.batch_execute(sql).await.map_err(server)?;
        tx.execute("INSERT INTO briefdesk.schema_migration (version) VALUES ($1)", &[&(index as i32 + 1)])
            .await
            .map_err(server)?;
    }
    tx.commit().await.map_err(server)?;
    Ok(supported)
}

/// Refuses a server whose schema this build does not understand, before
/// anything is read or written.
pub(crate) async fn check(client: &Client, shown: &str, login: &str, desk: &str) -> Result<(), DeskError> {
    // A login on no desk has no right even to look into the schema.
    let not_member = |e: tokio_postgres::Error| match e.as_db_error() {
        Some(db) if db.code() == &tokio_postgres::error::SqlState::INSUFFICIENT_PRIVILEGE => {
            DeskError::NotMember { login: login.to_owned(), desk: desk.to_owned() }
        }
        _ => server(e),
    };
    let exists: bool = client
        .query_one("SELECT to_regclass('briefdesk.schema_migration') IS NOT NULL", &[])
        .await
        .map_err(not_member)?
        .get(0);
    if !exists {
        return Err(DeskError::NoSchema(shown.to_owned()));
    }
    let found: i32 = client
        .query_one("SELECT coalesce(max(version), 0) FROM briefdesk.schema_migration", &[])
        .await
        .map_err(not_member)?
        .get(0);
    if found > DESK_SCHEMA_VERSION {
        return Err(DeskError::SchemaNewer { found, supported: DESK_SCHEMA_VERSION });
    }
    if found < DESK_SCHEMA_VERSION {
        return Err(DeskError::Server(format!(
            "the desk's schema is at version {found}, older than this Briefdesk's {DESK_SCHEMA_VERSION}: \
             an admin runs `briefdesk-cli desk init URL` to migrate it"
        )));
    }
    Ok(())
}
