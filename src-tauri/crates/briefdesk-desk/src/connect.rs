//! Reaching the server: the URL, the password as libpq clients find it
//! (`PGPASSWORD`, then `~/.pgpass`), and TLS for anything but this machine.

use std::path::PathBuf;
use std::str::FromStr;

use tokio_postgres::config::{Host, SslMode};
use tokio_postgres::{Client, Config, NoTls};

use crate::DeskError;

/// A server as a person names it: `postgresql://LOGIN@HOST:PORT/DATABASE`.
#[derive(Clone)]
pub struct ServerUrl {
    config: Config,
    /// The URL as given, without its password: safe to store and show.
    shown: String,
}

impl std::fmt::Debug for ServerUrl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.shown)
    }
}

impl ServerUrl {
    pub fn parse(url: &str) -> Result<ServerUrl, DeskError> {
        let config = Config::from_str(url).map_err(|e| DeskError::BadUrl(redact(url), e.to_string()))?;
        if config.get_hosts().is_empty() {
            return Err(DeskError::BadUrl(redact(url), "it names no host".into()));
        }
        if config.get_user().is_none() {
            return Err(DeskError::BadUrl(redact(url), "it names no login".into()));
        }
        Ok(ServerUrl { config, shown: redact(url) })
    }

    /// The server as a person types it in the app (`HOST`, `HOST:PORT`,
    /// `HOST/DATABASE`, `HOST:PORT/DATABASE`, or a whole `postgresql://` URL)
    /// with their login. The database defaults to `briefdesk`, the port to 5432.
    pub fn for_login(server: &str, login: &str) -> Result<ServerUrl, DeskError> {
        let server = server.trim();
        let login = login.trim();
        if login.is_empty() {
            return Err(DeskError::BadUrl(server.to_owned(), "no login was given".into()));
        }
        if server.contains("://") {
            let url = ServerUrl::parse(server)?;
            let mut config = url.config.clone();
            config.user(login);
            let shown = format!("postgresql://{login}@{}:{}/{}", url.host(), url.port(), url.database());
            return Ok(ServerUrl { config, shown });
        }
        let (address, database) = server.split_once('/').unwrap_or((server, "briefdesk"));
        let (host, port) = match address.rsplit_once(':') {
            Some((host, port)) if !host.contains(':') || host.ends_with(']') => {
                let port = port.parse::<u16>().map_err(|_| {
                    DeskError::BadUrl(server.to_owned(), format!("{port:?} is not a port number"))
                })?;
                (host.trim_matches(['[', ']']), port)
            }
            _ => (address.trim_matches(['[', ']']), 5432),
        };
        if host.is_empty() || host.contains(char::is_whitespace) {
            return Err(DeskError::BadUrl(server.to_owned(), "it names no host".into()));
        }
        if database.is_empty() {
            return Err(DeskError::BadUrl(server.to_owned(), "it names no database".into()));
        }
        let mut config = Config::new();
        config.host(host).port(port).dbname(database).user(login);
        let shown_host = if host.contains(':') { format!("[{host}]") } else { host.to_owned() };
        Ok(ServerUrl { config, shown: format!("postgresql://{login}@{shown_host}:{port}/{database}") })
    }

    /// The same server and login with `password`, which is never shown.
    pub fn with_password(&self, password: &str) -> ServerUrl {
        let mut config = self.config.clone();
        config.password(password);
        ServerUrl { config, shown: self.shown.clone() }
    }

    /// Whether a password is part of it (else libpq's places are looked in).
    pub fn has_password(&self) -> bool {
        self.config.get_password().is_some()
    }

    /// The URL without a password, as stored in the library.
    pub fn shown(&self) -> &str {
        &self.shown
    }

    pub fn login(&self) -> &str {
        self.config.get_user().unwrap_or_default()
    }

    fn host(&self) -> String {
        match self.config.get_hosts().first() {
            Some(Host::Tcp(host)) => host.clone(),
            #[cfg(unix)]
            Some(Host::Unix(path)) => path.display().to_string(),
            None => String::new(),
        }
    }

    fn port(&self) -> u16 {
        self.config.get_ports().first().copied().unwrap_or(5432)
    }

    fn database(&self) -> String {
        self.config.get_dbname().unwrap_or(self.login()).to_owned()
    }

    /// Whether the server is on this machine, where TLS adds nothing.
    fn is_local(&self) -> bool {
        self.config.get_hosts().iter().all(|host| match host {
            Host::Tcp(name) => {
                name == "localhost" || name.parse::<std::net::IpAddr>().is_ok_and(|ip| ip.is_loopback())
            }
            #[cfg(unix)]
            Host::Unix(_) => true,
        })
    }
}

/// `postgresql://ana:secret@host/db` → `postgresql://ana@host/db`.
fn redact(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else { return url.to_owned() };
    let (authority, tail) = rest.split_at(rest.find(['/', '?']).unwrap_or(rest.len()));
    match authority.rsplit_once('@') {
        Some((userinfo, host)) => {
            let user = userinfo.split(':').next().unwrap_or_default();
            format!("{scheme}://{user}@{host}{tail}")
        }
        None => url.to_owned(),
    }
}

/// The password for `url`, as every libpq client finds it: in the URL,
/// else `PGPASSWORD`, else the first matching line of `PGPASSFILE` or
/// `~/.pgpass` (`host:port:database:login:password`, `*` matching any).
pub fn password_for(url: &ServerUrl) -> Option<String> {
    if let Some(password) = url.config.get_password() {
        return Some(String::from_utf8_lossy(password).into_owned());
    }
    if let Ok(password) = std::env::var("PGPASSWORD") {
        return Some(password);
    }
    let file = std::env::var_os("PGPASSFILE")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|home| PathBuf::from(home).join(".pgpass")))?;
    let text = std::fs::read_to_string(file).ok()?;
    let wanted = [url.host(), url.port().to_string(), url.database(), url.login().to_owned()];
    text.lines().filter(|line| !line.starts_with('#')).find_map(|line| {
        let fields = pgpass_fields(line);
        let [host, port, db, login, password] = fields.as_slice() else { return None };
        let matches = [host, port, db, login]
            .iter()
            .zip(&wanted)
            .all(|(field, want)| field.as_str() == "*" || field == &want);
        matches.then(|| password.clone())
    })
}

/// A `.pgpass` line's fields: `:` separates, `\` escapes `:` and `\`.
fn pgpass_fields(line: &str) -> Vec<String> {
    let mut fields = vec![String::new()];
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                if let (Some(next), Some(field)) = (chars.next(), fields.last_mut()) {
                    field.push(next);
                }
            }
            ':' if fields.len() < 5 => fields.push(String::new()),
            c => {
                if let Some(field) = fields.last_mut() {
                    field.push(c);
                }
            }
        }
    }
    fields
}

/// Connects to `url`, driving the connection on the runtime. Messages the
/// server sends unasked (notifications) go to `notices` when given.
pub async fn connect(url: &ServerUrl) -> Result<Client, DeskError> {
    Ok(connect_with(url, None).await?.0)
}

pub(crate) async fn connect_with(
    url: &ServerUrl,
    notices: Option<tokio::sync::mpsc::UnboundedSender<String>>,
) -> Result<(Client, tokio::task::JoinHandle<()>), DeskError> {
    let mut config = url.config.clone();
    if config.get_password().is_none() {
        if let Some(password) = password_for(url) {
            config.password(password);
        }
    }
    config.application_name("briefdesk");
    config.connect_timeout(std::time::Duration::from_secs(10));
    let unreachable = |e: tokio_postgres::Error| classify_connect(url, e);
    if url.is_local() {
        config.ssl_mode(SslMode::Disable);
        let (client, connection) = config.connect(NoTls).await.map_err(unreachable)?;
        Ok((client, tokio::spawn(drive(connection, notices))))
    } else {
        config.ssl_mode(SslMode::Require);
        let (client, connection) = config.connect(tls()?).await.map_err(unreachable)?;
        Ok((client, tokio::spawn(drive(connection, notices))))
    }
}

fn tls() -> Result<tokio_postgres_rustls::MakeRustlsConnect, DeskError> {
    let mut roots = rustls::RootCertStore::empty();
    let found = rustls_native_certs::load_native_certs();
    for cert in found.certs {
        // One unreadable certificate in the system store is no reason to refuse the rest.
        let _ = roots.add(cert);
    }
    if roots.is_empty() {
        return Err(DeskError::Tls("this machine has no trusted certificates to check the server's".into()));
    }
    let config = rustls::ClientConfig::builder_with_provider(std::sync::Arc::new(
        rustls::crypto::ring::default_provider(),
    ))
    .with_safe_default_protocol_versions()
    .map_err(|e| DeskError::Tls(e.to_string()))?
    .with_root_certificates(roots)
    .with_no_client_auth();
    Ok(tokio_postgres_rustls::MakeRustlsConnect::new(config))
}

async fn drive<S, T>(
    mut connection: tokio_postgres::Connection<S, T>,
    notices: Option<tokio::sync::mpsc::UnboundedSender<String>>,
) where
    S: tokio::io::AsyncRead + tokio::io::AsyncWrite + Unpin,
    T: tokio::io::AsyncRead + tokio::io::AsyncWrite + Unpin,
{
    let messages = futures_util::stream::poll_fn(move |cx| connection.poll_message(cx));
    futures_util::pin_mut!(messages);
    while let Some(message) = futures_util::StreamExt::next(&mut messages).await {
        match message {
            Ok(tokio_postgres::AsyncMessage::Notification(note)) => {
                if let Some(tx) = &notices {
                    let _ = tx.send(note.payload().to_owned());
                }
            }
            Ok(_) => {}
            // The client sees the connection close on its next query.
            Err(_) => break,
        }
    }
}

fn classify_connect(url: &ServerUrl, error: tokio_postgres::Error) -> DeskError {
    use tokio_postgres::error::SqlState;
    if let Some(db) = error.as_db_error() {
        if *db.code() == SqlState::INVALID_PASSWORD
            || *db.code() == SqlState::INVALID_AUTHORIZATION_SPECIFICATION
        {
            return DeskError::Auth { login: url.login().to_owned() };
        }
        if *db.code() == SqlState::INVALID_CATALOG_NAME {
            return DeskError::Unreachable { server: url.shown.clone(), reason: db.message().to_owned() };
        }
    }
    let text = error.to_string();
    // tokio-postgres says "password missing" when none was found anywhere.
    if text.contains("password missing") {
        return DeskError::Auth { login: url.login().to_owned() };
    }
    let reason = std::error::Error::source(&error).map(ToString::to_string).unwrap_or(text);
    DeskError::Unreachable { server: url.shown.clone(), reason }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_url_is_shown_and_stored_without_its_password() {
        assert_eq!(
            redact("postgresql://ana:s3cret@desk.example:5433/news"),
            "postgresql://ana@desk.example:5433/news"
        );
        assert_eq!(redact("postgresql://ana@h/db?sslmode=require"), "postgresql://ana@h/db?sslmode=require");
        let url = ServerUrl::parse("postgresql://ana:pw@127.0.0.1:5999/news").unwrap();
        assert_eq!(url.shown(), "postgresql://ana@127.0.0.1:5999/news");
        assert!(!format!("{url:?}").contains("pw"));
        assert!(url.is_local());
        assert!(!ServerUrl::parse("postgresql://ana@desk.example/news").unwrap().is_local());
    }

    #[test]
    fn a_url_without_a_login_or_a_host_is_refused_by_name() {
        let error = ServerUrl::parse("postgresql:///news").unwrap_err();
        assert_eq!(error.code(), crate::DeskErrorCode::BadUrl);
        assert!(error.to_string().contains("names no"), "{error}");
        assert!(ServerUrl::parse("not a url at all ::").is_err());
    }

    #[test]
    fn a_server_typed_in_the_app_becomes_a_url_with_the_login() {
        let cases = [
            ("desk.example", "postgresql://ana@desk.example:5432/briefdesk"),
            ("desk.example:5433", "postgresql://ana@desk.example:5433/briefdesk"),
            (" desk.example/newsroom ", "postgresql://ana@desk.example:5432/newsroom"),
            ("127.0.0.1:6000/news", "postgresql://ana@127.0.0.1:6000/news"),
            ("[::1]:6000/news", "postgresql://ana@[::1]:6000/news"),
            ("postgresql://someone@desk.example:5433/news", "postgresql://ana@desk.example:5433/news"),
        ];
        for (typed, shown) in cases {
            let url = ServerUrl::for_login(typed, "ana").unwrap();
            assert_eq!(url.shown(), shown, "{typed}");
            assert_eq!(url.login(), "ana");
        }
        let with = ServerUrl::for_login("127.0.0.1", "ana").unwrap().with_password("s3cret");
        assert!(with.has_password() && !format!("{with:?}").contains("s3cret"));
        assert_eq!(with.shown(), "postgresql://ana@127.0.0.1:5432/briefdesk");
        for (typed, login, why) in [
            ("desk.example:port", "ana", "not a port number"),
            ("", "ana", "names no host"),
            ("desk.example/", "ana", "names no database"),
            ("desk.example", " ", "no login"),
        ] {
            let error = ServerUrl::for_login(typed, login).unwrap_err();
            assert!(error.to_string().contains(why), "{typed:?}: {error}");
        }
    }

    #[test]
    fn pgpass_lines_split_on_unescaped_colons() {
        assert_eq!(pgpass_fields(r"h:5432:db:ana:pa\:ss\\w"), ["h", "5432", "db", "ana", r"pa:ss\w"]);
        assert_eq!(pgpass_fields("*:*:*:ana:a:b"), ["*", "*", "*", "ana", "a:b"]);
    }
}
