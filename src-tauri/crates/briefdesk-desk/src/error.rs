use briefdesk_store::StoreError;

/// Everything that can go wrong talking to the desk. Each variant has a
/// stable [`code`](DeskError::code), so the app and the CLI act on the kind
/// of failure, never on message text.
#[derive(Debug, thiserror::Error)]
pub enum DeskError {
    #[error("{0:?} is not a PostgreSQL URL: {1} (expected postgresql://LOGIN@HOST:PORT/DATABASE)")]
    BadUrl(String, String),
    #[error("cannot reach the desk's server {server}: {reason}")]
    Unreachable { server: String, reason: String },
    #[error("the desk's server refused the login {login:?}: wrong password, or no such login")]
    Auth { login: String },
    #[error("{login:?} is not a member of the desk {desk:?}: ask the desk's admin to add you")]
    NotMember { login: String, desk: String },
    #[error("the server has no desk named {0:?}")]
    NoDesk(String),
    #[error("the server {0} has no Briefdesk desk yet: an admin runs `briefdesk-cli desk init URL` first")]
    NoSchema(String),
    #[error(
        "the desk's server uses schema version {found}; this Briefdesk understands up to {supported}. \
         Update Briefdesk to sync with it (nothing was changed)"
    )]
    SchemaNewer { found: i32, supported: i32 },
    #[error("the desk refused this: {0}")]
    Forbidden(String),
    #[error("the desk's server failed: {0}")]
    Server(String),
    #[error("the connection to the desk's server was lost: {0}")]
    Lost(String),
    #[error("secure connection: {0}")]
    Tls(String),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// The kinds of desk failure, as callers match on them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DeskErrorCode {
    BadUrl,
    Unreachable,
    WrongPassword,
    NotMember,
    NoDesk,
    NoSchema,
    ServerNewer,
    Forbidden,
    Server,
    Lost,
    Tls,
    Store,
}

impl DeskError {
    pub fn code(&self) -> DeskErrorCode {
        match self {
            DeskError::BadUrl(..) => DeskErrorCode::BadUrl,
            DeskError::Unreachable { .. } => DeskErrorCode::Unreachable,
            DeskError::Auth { .. } => DeskErrorCode::WrongPassword,
            DeskError::NotMember { .. } => DeskErrorCode::NotMember,
            DeskError::NoDesk(_) => DeskErrorCode::NoDesk,
            DeskError::NoSchema(_) => DeskErrorCode::NoSchema,
            DeskError::SchemaNewer { .. } => DeskErrorCode::ServerNewer,
            DeskError::Forbidden(_) => DeskErrorCode::Forbidden,
            DeskError::Server(_) => DeskErrorCode::Server,
            DeskError::Lost(_) => DeskErrorCode::Lost,
            DeskError::Tls(_) => DeskErrorCode::Tls,
            DeskError::Store(_) => DeskErrorCode::Store,
        }
    }

    /// Why the desk is out of reach, in a few words for the indicator on
    /// screen: the full message (with the network's own words) is for the
    /// tooltip and the CLI.
    pub fn in_brief(&self) -> String {
        match self {
            DeskError::BadUrl(..) => "The desk’s address is not valid".into(),
            DeskError::Unreachable { .. } => "The desk’s server cannot be reached".into(),
            DeskError::Auth { login } => format!("Wrong password for “{login}”"),
            DeskError::NotMember { login, desk } => format!("“{login}” is not on the desk “{desk}”"),
            DeskError::NoDesk(desk) => format!("The server has no desk “{desk}”"),
            DeskError::NoSchema(_) => "The server has no desk set up".into(),
            DeskError::SchemaNewer { .. } => "The desk needs a newer Briefdesk".into(),
            DeskError::Forbidden(_) => "The desk refused a change".into(),
            DeskError::Server(_) => "The desk’s server failed".into(),
            DeskError::Lost(_) => "The connection to the desk was lost".into(),
            DeskError::Tls(_) => "The secure connection failed".into(),
            DeskError::Store(_) => "This computer’s library failed".into(),
        }
    }

    /// Whether trying again later may work (the network, the server
    /// restarting), as opposed to something a person must fix.
    pub fn is_transient(&self) -> bool {
        matches!(self, DeskError::Unreachable { .. } | DeskError::Lost(_))
    }

    /// Reads a server error: the protocol's functions name the rule broken
    /// in the hint (`briefdesk:not_member`); a closed connection is `Lost`.
    pub(crate) fn from_pg(error: tokio_postgres::Error, login: &str, desk: &str) -> DeskError {
        if error.is_closed() {
            return DeskError::Lost(error.to_string());
        }
        let Some(db) = error.as_db_error() else {
            return DeskError::Lost(error.to_string());
        };
        match db.hint() {
            Some("briefdesk:not_member") => {
                DeskError::NotMember { login: login.to_owned(), desk: desk.to_owned() }
            }
            Some("briefdesk:no_desk") => DeskError::NoDesk(desk.to_owned()),
            Some(hint) if hint.starts_with("briefdesk:") => DeskError::Forbidden(db.message().to_owned()),
            _ => {
                use tokio_postgres::error::SqlState;
                let code = db.code();
                if *code == SqlState::ADMIN_SHUTDOWN
                    || *code == SqlState::CRASH_SHUTDOWN
                    || *code == SqlState::CANNOT_CONNECT_NOW
                    || code.code().starts_with("08")
                {
                    DeskError::Lost(db.message().to_owned())
                } else if *code == SqlState::INVALID_PASSWORD
                    || *code == SqlState::INVALID_AUTHORIZATION_SPECIFICATION
                {
                    DeskError::Auth { login: login.to_owned() }
                } else if *code == SqlState::INSUFFICIENT_PRIVILEGE {
                    DeskError::Forbidden(db.message().to_owned())
                } else {
                    DeskError::Server(db.message().to_owned())
                }
            }
        }
    }
}
