//! What a newsroom admin does, on an administrator's connection: desks and
//! their members. People's own logins are created as any PostgreSQL role
//! is; adding one to a desk grants it what the desk needs, nothing more.

use tokio_postgres::Client;

use crate::DeskError;

/// A member's role on one desk (one person may be an editor on one desk and
/// a reporter on another).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    Reporter,
    Editor,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Reporter => "reporter",
            Role::Editor => "editor",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        match s {
            "reporter" => Some(Role::Reporter),
            "editor" => Some(Role::Editor),
            _ => None,
        }
    }
}

fn server(e: tokio_postgres::Error) -> DeskError {
    match e.as_db_error() {
        Some(db) => DeskError::Server(db.message().to_owned()),
        None => DeskError::Lost(e.to_string()),
    }
}

/// Creates the desk `name`; creating it again changes nothing.
pub async fn create_desk(admin: &Client, name: &str) -> Result<(), DeskError> {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 100 {
        return Err(DeskError::Forbidden("a desk's name is 1 to 100 characters".into()));
    }
    admin
        .execute("INSERT INTO briefdesk.desk (name) VALUES ($1) ON CONFLICT (name) DO NOTHING", &[&name])
        .await
        .map_err(server)?;
    Ok(())
}

async fn desk_id(admin: &Client, desk: &str) -> Result<i64, DeskError> {
    admin
        .query_opt("SELECT id FROM briefdesk.desk WHERE name = $1", &[&desk])
        .await
        .map_err(server)?
        .map(|row| row.get(0))
        .ok_or_else(|| DeskError::NoDesk(desk.to_owned()))
}

/// Makes the PostgreSQL login `login` a member of `desk` with `role`
/// (changing the role of a member already there).
pub async fn add_member(admin: &Client, desk: &str, login: &str, role: Role) -> Result<(), DeskError> {
    let desk_id = desk_id(admin, desk).await?;
    let exists = admin
        .query_opt("SELECT 1 FROM pg_roles WHERE rolname = $1 AND rolcanlogin", &[&login])
        .await
        .map_err(server)?
        .is_some();
    if !exists {
        return Err(DeskError::Forbidden(format!(
            "there is no PostgreSQL login named {login:?}: create it first (CREATE ROLE \"{login}\" LOGIN PASSWORD '…')"
        )));
    }
    admin
        .execute(
            "INSERT INTO briefdesk.member (desk_id, login, role) VALUES ($1, $2, $3)
             ON CONFLICT (desk_id, login) DO UPDATE SET role = excluded.role",
            &[&desk_id, &login, &role.as_str()],
        )
        .await
        .map_err(server)?;
    admin
        .batch_execute(&format!("GRANT briefdesk_member TO {}", quote_ident(login)))
        .await
        .map_err(server)?;
    Ok(())
}

/// Removes `login` from `desk`. Their revisions stay: the record is append-only.
pub async fn remove_member(admin: &Client, desk: &str, login: &str) -> Result<(), DeskError> {
    let desk_id = desk_id(admin, desk).await?;
    let removed = admin
        .execute("DELETE FROM briefdesk.member WHERE desk_id = $1 AND login = $2", &[&desk_id, &login])
        .await
        .map_err(server)?;
    if removed == 0 {
        return Err(DeskError::Forbidden(format!("{login:?} is not a member of the desk {desk:?}")));
    }
    let elsewhere = admin
        .query_opt("SELECT 1 FROM briefdesk.member WHERE login = $1", &[&login])
        .await
        .map_err(server)?;
    if elsewhere.is_none() {
        admin
            .batch_execute(&format!("REVOKE briefdesk_member FROM {}", quote_ident(login)))
            .await
            .map_err(server)?;
    }
    Ok(())
}

/// `ana` → `"ana"`, with inner quotes doubled, as PostgreSQL's quote_ident.
fn quote_ident(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}
