//! What the desk's tests share: one cluster per test binary, one database
//! per test, people with their own logins and their own laptops (SQLite
//! files on disk).

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

pub mod cluster;

use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::OnceLock;

use briefdesk_core::{BriefContent, BriefId};
use briefdesk_desk::{
    add_member, connect, create_desk, init, sync_once, DeskSession, LocalDesk, Role, ServerUrl, SyncReport,
};
use briefdesk_store::Store;
use cluster::Cluster;
use tokio_postgres::Client;

pub const DESK: &str = "news";

pub fn cluster() -> &'static Cluster {
    static CLUSTER: OnceLock<Cluster> = OnceLock::new();
    CLUSTER.get_or_init(Cluster::start)
}

/// A database of its own with the desk schema and a desk named [`DESK`].
pub struct TestDesk {
    pub database: String,
    pub admin: Client,
    people: AtomicU32,
}

impl TestDesk {
    pub async fn new() -> TestDesk {
        static NEXT: AtomicU32 = AtomicU32::new(0);
        let cluster = cluster();
        let database = format!("t{}_{}", std::process::id(), NEXT.fetch_add(1, Ordering::SeqCst));
        let postgres = connect(&ServerUrl::parse(&cluster.admin_url("postgres")).unwrap()).await.unwrap();
        postgres.batch_execute(&format!("CREATE DATABASE {database}")).await.unwrap();
        let mut admin = connect(&ServerUrl::parse(&cluster.admin_url(&database)).unwrap()).await.unwrap();
        init(&mut admin).await.unwrap();
        create_desk(&admin, DESK).await.unwrap();
        TestDesk { database, admin, people: AtomicU32::new(0) }
    }

    pub fn admin_url(&self) -> String {
        cluster().admin_url(&self.database)
    }

    /// A new PostgreSQL login with its own password, a member of `desk` as `role`.
    pub async fn person(&self, name: &str, role: Role) -> Person {
        self.person_on(DESK, name, role).await
    }

    pub async fn person_on(&self, desk: &str, name: &str, role: Role) -> Person {
        let login = self.login(name).await;
        add_member(&self.admin, desk, &login, role).await.unwrap();
        Person::new(self.url_for(&login), desk)
    }

    /// A login that is on no desk.
    pub async fn login(&self, name: &str) -> String {
        let n = self.people.fetch_add(1, Ordering::SeqCst);
        let login = format!("{}_{name}{n}", self.database);
        self.admin
            .batch_execute(&format!("CREATE ROLE {login} LOGIN PASSWORD '{}'", password(&login)))
            .await
            .unwrap();
        login
    }

    pub fn url_for(&self, login: &str) -> String {
        format!("postgresql://{login}:{}@127.0.0.1:{}/{}", password(login), cluster().port, self.database)
    }
}

pub fn password(login: &str) -> String {
    format!("pw-{login}")
}

/// One person's laptop: a library on disk, linked to the desk.
pub struct Person {
    pub url: ServerUrl,
    pub desk: String,
    pub local: LocalDesk,
    pub path: std::path::PathBuf,
    _dir: tempfile::TempDir,
}

impl Person {
    pub fn new(url: String, desk: &str) -> Person {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("briefdesk.sqlite3");
        let url = ServerUrl::parse(&url).unwrap();
        let mut store = Store::open(&path).unwrap();
        store.link_desk(url.shown(), desk).unwrap();
        Person { url, desk: desk.to_owned(), local: LocalDesk::new(store), path, _dir: dir }
    }

    /// A second laptop for the same login.
    pub fn new_laptop(&self) -> Person {
        Person::new(url_with_password(&self.url), &self.desk)
    }

    pub async fn session(&self) -> DeskSession {
        DeskSession::open(&self.url, &self.desk).await.unwrap()
    }

    pub async fn sync(&self) -> SyncReport {
        let session = self.session().await;
        sync_once(&self.local, &session).await.unwrap()
    }

    /// Creates a brief (it joins the desk by itself) with `content`.
    pub async fn write(&self, content: BriefContent) -> BriefId {
        self.local
            .run(move |store| {
                let brief = store.create()?;
                store.save_draft(brief.id, brief.revision, &content)?;
                Ok(brief.id)
            })
            .await
            .unwrap()
    }

    /// Saves `edit` applied to the current draft, as a keystroke save does.
    pub async fn edit(&self, id: BriefId, edit: impl FnOnce(&mut BriefContent) + Send + 'static) {
        self.local
            .run(move |store| {
                let brief = store.get(id)?;
                let mut content = brief.content.clone();
                edit(&mut content);
                store.save_draft(id, brief.revision, &content)?;
                Ok(())
            })
            .await
            .unwrap()
    }

    pub async fn content(&self, id: BriefId) -> BriefContent {
        self.local.run(move |store| Ok(store.get(id)?.content)).await.unwrap()
    }
}

fn url_with_password(url: &ServerUrl) -> String {
    let login = url.login().to_owned();
    url.shown().replacen(&format!("{login}@"), &format!("{login}:{}@", password(&login)), 1)
}

pub fn brief(headline: &str, summary: &str) -> BriefContent {
    BriefContent {
        headline: headline.into(),
        summary: summary.into(),
        why_it_matters: "It matters because the talks set the tone for the year.".into(),
        key_developments: vec!["Talks began on Monday.".into(), "A statement is due on Friday.".into()],
        context: "The two sides last met in March.".into(),
        ..Default::default()
    }
}
