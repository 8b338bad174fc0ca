//! `make desk`: a desk to try, on this machine. Starts a PostgreSQL
//! cluster of its own (never the system's), creates the desk `demo` with a
//! reporter and an editor, links two libraries to it, and says how to open
//! two app windows on them. The server stops when this program does.

#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "../../tests/support/cluster.rs"]
mod cluster;

use briefdesk_desk::{add_member, connect, create_desk, init, Role, ServerUrl};
use briefdesk_store::Store;

const DESK: &str = "demo";

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let home = std::env::temp_dir().join(format!("briefdesk-desk-demo-{}", std::process::id()));
    let cluster = cluster::Cluster::start_in(&home.join("server"));
    let postgres = connect(&ServerUrl::parse(&cluster.admin_url("postgres")).unwrap()).await.unwrap();
    postgres.batch_execute("CREATE DATABASE newsroom").await.unwrap();
    let mut admin = connect(&ServerUrl::parse(&cluster.admin_url("newsroom")).unwrap()).await.unwrap();
    init(&mut admin).await.unwrap();
    create_desk(&admin, DESK).await.unwrap();
    let mut lines = Vec::new();
    for (login, role) in [("reporter", Role::Reporter), ("editor", Role::Editor)] {
        admin.batch_execute(&format!("CREATE ROLE {login} LOGIN PASSWORD '{login}'")).await.unwrap();
        add_member(&admin, DESK, login, role).await.unwrap();
        let url = format!("postgresql://{login}@127.0.0.1:{}/newsroom", cluster.port);
        let db = home.join(format!("{login}.sqlite3"));
        Store::open(&db).unwrap().link_desk(&url, DESK).unwrap();
        lines.push(format!(
            "  {role:?}: BRIEFDESK_DB={db} PGPASSWORD={login} ./target/debug/briefdesk\n           \
             (CLI: BRIEFDESK_DB={db} PGPASSWORD={login} ./target/debug/briefdesk-cli desk sync)",
            db = db.display()
        ));
    }
    println!("A demo desk is running on 127.0.0.1:{} (desk {DESK:?}, database newsroom).", cluster.port);
    println!("Two libraries are connected to it; open one window for each:\n{}", lines.join("\n"));
    println!("Briefs written in one appear in the other within a second.");
    println!(
        "To connect a new library from the app instead: Desk… (File menu, or the foot of the library), \
         server 127.0.0.1:{}/newsroom, login reporter or editor, the same word as password.",
        cluster.port
    );
    println!("Ctrl+C stops the server.");
    let _ = tokio::signal::ctrl_c().await;
    cluster.stop();
}
