//! `briefdesk-cli desk …` against a real PostgreSQL server this binary
//! starts: an admin sets up a desk, a reporter and an editor connect their
//! libraries, sync, see each other's words, conflict, resolve and approve;
//! the exit codes say what is left.

#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "../../briefdesk-desk/tests/support/cluster.rs"]
mod cluster;

use std::path::Path;
use std::process::{Command, Output};

fn desk_cli(db: &Path, password: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_briefdesk-cli"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env("PGPASSWORD", password)
        .env("HOME", db.parent().unwrap())
        .output()
        .unwrap()
}

fn ok(out: &Output) -> String {
    assert!(
        out.status.success(),
        "exit {:?}: {}{}",
        out.status.code(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn psql(cluster: &cluster::Cluster, sql: &str) {
    let out = Command::new("psql")
        .arg(cluster.admin_url("postgres"))
        .args(["-v", "ON_ERROR_STOP=1", "-q", "-c", sql])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn a_desk_set_up_and_used_from_the_command_line() {
    let cluster = cluster::Cluster::start();
    let dir = tempfile::tempdir().unwrap();
    psql(&cluster, "CREATE DATABASE newsroom");
    psql(&cluster, "CREATE ROLE ana LOGIN PASSWORD 'ana-pw'");
    psql(&cluster, "CREATE ROLE ed LOGIN PASSWORD 'ed-pw'");
    let admin = cluster.admin_url("newsroom");
    let scratch = dir.path().join("admin.sqlite3");
    let version = format!("version {}", briefdesk_desk::DESK_SCHEMA_VERSION);
    assert!(ok(&desk_cli(&scratch, "", &["desk", "init", &admin])).contains(&version));
    ok(&desk_cli(&scratch, "", &["desk", "init", &admin]));
    ok(&desk_cli(&scratch, "", &["desk", "create", &admin, "politics"]));
    ok(&desk_cli(&scratch, "", &["desk", "add-member", &admin, "politics", "ana", "--role", "reporter"]));
    ok(&desk_cli(&scratch, "", &["desk", "add-member", &admin, "politics", "ed", "--role", "editor"]));
    let nobody =
        desk_cli(&scratch, "", &["desk", "add-member", &admin, "politics", "nobody", "--role", "editor"]);
    assert_eq!(nobody.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&nobody.stderr).contains("no PostgreSQL login named \"nobody\""));

    let ana = dir.path().join("ana").join("briefdesk.sqlite3");
    let ed = dir.path().join("ed").join("briefdesk.sqlite3");
    std::fs::create_dir_all(ana.parent().unwrap()).unwrap();
    std::fs::create_dir_all(ed.parent().unwrap()).unwrap();
    let server = |login: &str| format!("postgresql://{login}@127.0.0.1:{}/newsroom", cluster.port);

    // A wrong password is said at connect, and the library is not linked.
    let wrong = desk_cli(&ana, "not-it", &["desk", "connect", &server("ana"), "--desk", "politics"]);
    assert_eq!(wrong.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&wrong.stderr).contains("refused the login \"ana\""), "{wrong:?}");

    assert!(ok(&desk_cli(&ana, "ana-pw", &["desk", "connect", &server("ana"), "--desk", "politics"]))
        .contains("reporter"));
    assert!(ok(&desk_cli(&ed, "ed-pw", &["desk", "connect", &server("ed"), "--desk", "politics"]))
        .contains("editor"));

    let file = dir.path().join("brief.md");
    std::fs::write(&file, "# Talks resume\n\nNegotiators met in Geneva.\n").unwrap();
    let id = ok(&desk_cli(&ana, "ana-pw", &["import", file.to_str().unwrap()])).trim().to_owned();
    assert!(ok(&desk_cli(&ana, "ana-pw", &["desk", "sync"])).contains("pushed 1"));
    assert!(ok(&desk_cli(&ed, "ed-pw", &["desk", "sync"])).contains("1 new from the desk"));
    let listed = ok(&desk_cli(&ed, "ed-pw", &["list"]));
    assert!(listed.contains("Talks resume"), "{listed}");

    // Both change the same words: the editor's sync says so with exit 3.
    std::fs::write(&file, "# Talks resume\n\nNegotiators met in Vienna.\n").unwrap();
    ok(&desk_cli(&ana, "ana-pw", &["update", &id, file.to_str().unwrap()]));
    ok(&desk_cli(&ana, "ana-pw", &["desk", "sync"]));
    std::fs::write(&file, "# Talks resume\n\nNegotiators met in Bern.\n").unwrap();
    ok(&desk_cli(&ed, "ed-pw", &["update", &id, file.to_str().unwrap()]));
    let conflicted = desk_cli(&ed, "ed-pw", &["desk", "sync"]);
    assert_eq!(conflicted.status.code(), Some(3), "{conflicted:?}");
    let status = ok(&desk_cli(&ed, "ed-pw", &["desk", "status"]));
    assert!(
        status.contains("Negotiators met in Bern.") && status.contains("Negotiators met in Vienna."),
        "{status}"
    );
    let log: serde_json::Value =
        serde_json::from_str(&ok(&desk_cli(&ed, "ed-pw", &["desk", "log", &id, "--json"]))).unwrap();
    let kinds: Vec<&str> = log.as_array().unwrap().iter().map(|r| r["kind"].as_str().unwrap()).collect();
    assert!(kinds.contains(&"conflict"), "{kinds:?}");
    let authors: Vec<&str> = log.as_array().unwrap().iter().map(|r| r["author"].as_str().unwrap()).collect();
    assert!(authors.contains(&"ana") && authors.contains(&"ed"), "{authors:?}");

    let bad_part = desk_cli(&ed, "ed-pw", &["desk", "resolve", &id, "--part", "nonsense", "--take", "ours"]);
    assert_eq!(bad_part.status.code(), Some(2));
    ok(&desk_cli(&ed, "ed-pw", &["desk", "resolve", &id, "--part", "summary", "--take", "theirs"]));
    ok(&desk_cli(&ed, "ed-pw", &["desk", "sync"]));
    // Approval, pinned to what the editor's library read.
    assert!(ok(&desk_cli(&ed, "ed-pw", &["desk", "approve", &id])).contains("ready"));
    ok(&desk_cli(&ana, "ana-pw", &["desk", "sync"]));
    let json: serde_json::Value =
        serde_json::from_str(&ok(&desk_cli(&ana, "ana-pw", &["desk", "status", "--json"]))).unwrap();
    assert_eq!(json[0]["server_state"], "ready");
    assert_eq!(json[0]["waiting"], 0);
    let exported = ok(&desk_cli(&ana, "ana-pw", &["export", &id, "--to", "text"]));
    assert!(
        exported.contains("Negotiators met in Vienna."),
        "the resolution reached the reporter: {exported}"
    );

    // The reporter leaves the desk with nothing waiting: her briefs stay.
    let left = ok(&desk_cli(&ana, "ana-pw", &["desk", "disconnect"]));
    assert!(left.starts_with("disconnected from politics"), "{left}");
    assert!(ok(&desk_cli(&ana, "ana-pw", &["list"])).contains("Talks resume"));
    let again = desk_cli(&ana, "ana-pw", &["desk", "sync"]);
    assert_eq!(again.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&again.stderr).contains("not connected to a desk"), "{again:?}");
    // The editor, with a change the desk has not got, is told and keeps the link.
    std::fs::write(&file, "# Talks resume\n\nNegotiators met in Oslo.\n").unwrap();
    ok(&desk_cli(&ed, "ed-pw", &["update", &id, file.to_str().unwrap()]));
    let refused = desk_cli(&ed, "ed-pw", &["desk", "disconnect"]);
    assert_eq!(refused.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&refused.stderr).contains("1 change has not reached the desk yet"),
        "{refused:?}"
    );
    assert!(ok(&desk_cli(&ed, "ed-pw", &["desk", "status"])).contains("Talks resume"));
    ok(&desk_cli(&ed, "ed-pw", &["desk", "disconnect", "--anyway"]));
    assert!(
        ok(&desk_cli(&ed, "ed-pw", &["export", &id, "--to", "text"])).contains("Negotiators met in Oslo.")
    );
}

#[test]
fn sync_without_a_server_fails_with_the_reason_and_keeps_the_save() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("b.sqlite3");
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let none = desk_cli(&db, "pw", &["desk", "sync"]);
    assert_eq!(none.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&none.stderr).contains("no Briefdesk database")
            || String::from_utf8_lossy(&none.stderr).contains("not connected"),
        "{none:?}"
    );
    let bad = desk_cli(&db, "pw", &["desk", "connect", "not a url ::", "--desk", "x"]);
    assert_eq!(bad.status.code(), Some(2), "{bad:?}");
    let gone = desk_cli(
        &db,
        "pw",
        &["desk", "connect", &format!("postgresql://ana@127.0.0.1:{port}/news"), "--desk", "news"],
    );
    assert_eq!(gone.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&gone.stderr).contains("cannot reach"), "{gone:?}");
}
