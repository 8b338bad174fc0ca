//! Connecting the library to a desk from the app (the Desk… dialog), and
//! the password kept in the desktop's keyring through the Secret Service
//! (GNOME Keyring, KWallet): never in the library file, never in the page
//! once given. The CLI and the tests read `PGPASSWORD` or `~/.pgpass`
//! instead, as every libpq client does; the sync task looks in the keyring
//! first and falls back to those.
//!
//! Every call here blocks (D-Bus, the network): callers run it on the
//! blocking pool or await it on the runtime, never on the main thread.

use briefdesk_desk::{desks_of, DeskError, DeskSession, ServerUrl};
use briefdesk_store::ErrorCode;
use serde::Serialize;
use ts_rs::TS;

use crate::IpcError;

/// The keyring's service name for Briefdesk's entries.
const SERVICE: &str = "org.briefdesk.editor";

/// What the dialog shows of a library already on a desk.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct DeskConnection {
    /// The server as stored (`postgresql://LOGIN@HOST:PORT/DATABASE`, no password).
    pub server: String,
    pub login: String,
    pub desk: String,
    /// `reporter` or `editor`, as the server last said it; `None` before the first sync.
    pub role: Option<String>,
    /// Where the sync task finds the password.
    pub password: PasswordKept,
}

/// Where the password for the desk is found, so the dialog claims no more
/// than is true.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum PasswordKept {
    /// In the desktop's keyring, as the Desk… dialog keeps it.
    Keyring,
    /// Only in this run's memory: the keyring could not keep it, so it is
    /// typed again after Briefdesk restarts.
    ThisSession,
    /// In `PGPASSWORD` or `~/.pgpass`, as for any PostgreSQL program.
    Environment,
    /// Nowhere this app can read: the sync cannot sign in until it is typed.
    Nowhere,
}

/// The dialog's view of `link`: asks the keyring, so it blocks.
pub fn connection(link: briefdesk_store::DeskLink) -> DeskConnection {
    let url = ServerUrl::parse(&link.server).ok();
    let login = url.as_ref().map(|url| url.login().to_owned()).unwrap_or_default();
    let password = match &url {
        Some(url) if recall(url).is_some() => PasswordKept::Keyring,
        Some(url) if in_memory(url).is_some() => PasswordKept::ThisSession,
        Some(url) if briefdesk_desk::password_for(url).is_some() => PasswordKept::Environment,
        _ => PasswordKept::Nowhere,
    };
    DeskConnection { server: link.server, login, desk: link.desk, role: link.role, password }
}

impl From<DeskError> for IpcError {
    fn from(error: DeskError) -> Self {
        IpcError { code: ErrorCode::Desk, message: error.to_string() }
    }
}

fn entry(url: &ServerUrl) -> Result<keyring::Entry, keyring::Error> {
    keyring::Entry::new(SERVICE, url.shown())
}

/// Forgets the password kept for `server` (as stored), in the keyring and in
/// this run's memory: the library left the desk. A keyring that cannot be
/// reached keeps it; that is said, not fatal: the library has already left.
pub fn forget(server: &str) {
    let Ok(url) = ServerUrl::parse(server) else { return };
    unkept().retain(|(shown, _)| shown != url.shown());
    match entry(&url).and_then(|entry| entry.delete_credential()) {
        Ok(()) | Err(keyring::Error::NoEntry) => {}
        Err(error) => {
            eprintln!("briefdesk: the desktop's keyring could not forget the desk's password ({error})")
        }
    }
}

/// Keeps `password` for `url` in the keyring.
pub fn remember(url: &ServerUrl, password: &str) -> Result<(), keyring::Error> {
    entry(url).and_then(|entry| entry.set_password(password))
}

/// The password kept for `url`, if the keyring has one and can be reached.
pub fn recall(url: &ServerUrl) -> Option<String> {
    match entry(url).and_then(|entry| entry.get_password()) {
        Ok(password) => Some(password),
        Err(keyring::Error::NoEntry) => None,
        Err(error) => {
            eprintln!("briefdesk: the desktop's keyring could not be read ({error}); trying PGPASSWORD and ~/.pgpass");
            None
        }
    }
}

/// Passwords given in the Desk… dialog that the keyring could not keep:
/// held for this run only, by server URL (as stored, without a password),
/// so a desktop with no keyring still syncs until Briefdesk closes.
fn unkept() -> std::sync::MutexGuard<'static, Vec<(String, String)>> {
    static UNKEPT: std::sync::Mutex<Vec<(String, String)>> = std::sync::Mutex::new(Vec::new());
    UNKEPT.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

fn in_memory(url: &ServerUrl) -> Option<String> {
    unkept().iter().find(|(shown, _)| shown == url.shown()).map(|(_, password)| password.clone())
}

fn hold_in_memory(url: &ServerUrl, password: &str) {
    let mut held = unkept();
    held.retain(|(shown, _)| shown != url.shown());
    held.push((url.shown().to_owned(), password.to_owned()));
}

/// `url` with the password the keyring keeps for it (or, when the keyring
/// could not keep it, this run's memory), when it names none.
pub fn with_kept_password(url: ServerUrl) -> ServerUrl {
    if url.has_password() {
        return url;
    }
    match recall(&url).or_else(|| in_memory(&url)) {
        Some(password) => url.with_password(&password),
        None => url,
    }
}

/// The server and login as typed in the dialog, with the password.
fn typed(server: &str, login: &str, password: &str) -> Result<ServerUrl, IpcError> {
    let url = ServerUrl::for_login(server, login)?;
    Ok(if password.is_empty() { with_kept_password(url) } else { url.with_password(password) })
}

/// The desks `login` may pick on `server` (a wrong password, an unreachable
/// server, a server schema newer than this app: each named).
pub async fn find_desks(server: &str, login: &str, password: &str) -> Result<Vec<String>, IpcError> {
    let (server, login, password) = (server.to_owned(), login.to_owned(), password.to_owned());
    let url = crate::state::blocking(move || typed(&server, &login, &password)).await?;
    let desks = desks_of(&url).await?;
    if desks.is_empty() {
        return Err(IpcError {
            code: ErrorCode::Desk,
            message: format!(
                "{:?} is on no desk of this server: ask the desk's admin to add you",
                url.login()
            ),
        });
    }
    Ok(desks)
}

/// Checks that `login` can join `desk` on `server`, then keeps the password
/// in the keyring. Answers the URL to store in the library (no password).
pub async fn join(server: &str, login: &str, password: &str, desk: &str) -> Result<String, IpcError> {
    let (typed_server, typed_login, typed_password) =
        (server.to_owned(), login.to_owned(), password.to_owned());
    let url = crate::state::blocking(move || typed(&typed_server, &typed_login, &typed_password)).await?;
    DeskSession::open(&url, desk).await?;
    if !password.is_empty() {
        let (kept, password) = (url.clone(), password.to_owned());
        crate::state::blocking(move || {
            // The password is right (the server just took it): a keyring
            // that cannot keep it must not keep her off the desk. It is
            // held for this run, and the dialog says so.
            if let Err(error) = remember(&kept, &password) {
                eprintln!(
                    "briefdesk: the desktop's keyring could not keep the password ({error}); \
                     it is held until Briefdesk closes"
                );
                hold_in_memory(&kept, &password);
            }
            Ok(())
        })
        .await?;
    }
    Ok(url.shown().to_owned())
}
