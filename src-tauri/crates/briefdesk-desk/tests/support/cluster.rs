//! A throwaway PostgreSQL cluster on 127.0.0.1 and a free port, for tests,
//! the benchmark and `make desk`: never the system's own cluster.
//!
//! `initdb` refuses to run as root (CI runs as root), so as root the
//! cluster is made and run by the `postgres` user, in a directory handed
//! to it. A watcher ends the server when the process that started it ends,
//! since a test binary's statics are never dropped.

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::Command;

pub struct Cluster {
    pub dir: PathBuf,
    pub port: u16,
    /// The superuser's password (scram-sha-256 on TCP, as a real desk).
    pub password: String,
    bindir: PathBuf,
    as_postgres: bool,
}

fn bindir() -> PathBuf {
    let out = Command::new("pg_config").arg("--bindir").output();
    match out {
        Ok(out) if out.status.success() => PathBuf::from(String::from_utf8_lossy(&out.stdout).trim()),
        _ => PathBuf::from("/usr/lib/postgresql/15/bin"),
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false)
}

impl Cluster {
    /// Makes and starts a new cluster under `dir` (which must not exist).
    pub fn start_in(dir: &Path) -> Cluster {
        let bindir = bindir();
        assert!(
            bindir.join("initdb").exists(),
            "PostgreSQL's server is not installed ({} has no initdb): `make test` installs it",
            bindir.display()
        );
        let as_postgres = is_root();
        std::fs::create_dir_all(dir).unwrap();
        let password = format!("admin-{}", std::process::id());
        std::fs::write(dir.join("pwfile"), &password).unwrap();
        if as_postgres {
            let status = Command::new("chown").args(["-R", "postgres:postgres"]).arg(dir).status().unwrap();
            assert!(status.success(), "chown {} to postgres failed", dir.display());
        }
        let cluster = Cluster { dir: dir.to_owned(), port: free_port(), password, bindir, as_postgres };
        let data = cluster.data();
        cluster.run(
            "initdb",
            &[
                "-D",
                &data,
                "-U",
                "postgres",
                "--pwfile",
                &cluster.dir.join("pwfile").to_string_lossy(),
                "--auth-host=scram-sha-256",
                "--auth-local=trust",
                "-E",
                "UTF8",
                "--locale=C",
                "--no-sync",
            ],
        );
        // fsync off: the tests never crash the machine, only the server,
        // and the OS keeps what it was handed. synchronous_commit stays on:
        // the protocol relies on the server keeping what it acknowledged.
        let options = format!(
            "-p {} -c listen_addresses=127.0.0.1 -k {} -c fsync=off \
             -c full_page_writes=off -c max_connections=200 -c shared_buffers=64MB",
            cluster.port,
            cluster.dir.display()
        );
        cluster.start_with(&options);
        std::fs::write(cluster.dir.join("options"), &options).unwrap();
        cluster.watch(std::process::id());
        cluster
    }

    /// A cluster in a new temporary directory.
    pub fn start() -> Cluster {
        let dir = std::env::temp_dir().join(format!("briefdesk-pg-{}-{}", std::process::id(), free_port()));
        Cluster::start_in(&dir)
    }

    fn data(&self) -> String {
        self.dir.join("data").to_string_lossy().into_owned()
    }

    fn run(&self, tool: &str, args: &[&str]) {
        let program = self.bindir.join(tool);
        let output = if self.as_postgres {
            Command::new("runuser").args(["-u", "postgres", "--"]).arg(&program).args(args).output()
        } else {
            Command::new(&program).args(args).output()
        }
        .unwrap_or_else(|e| panic!("cannot run {}: {e}", program.display()));
        assert!(
            output.status.success(),
            "{tool} {args:?} failed: {}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
    }

    fn start_with(&self, options: &str) {
        let log = self.dir.join("server.log").to_string_lossy().into_owned();
        self.run("pg_ctl", &["-D", &self.data(), "-l", &log, "-o", options, "-w", "-t", "60", "start"]);
    }

    /// Stops the server at once, as a crash would (`-m immediate`), and starts it again.
    pub fn restart_immediate(&self) {
        let options = std::fs::read_to_string(self.dir.join("options")).unwrap();
        self.run("pg_ctl", &["-D", &self.data(), "-m", "immediate", "-w", "stop"]);
        self.start_with(&options);
    }

    pub fn stop(&self) {
        self.run("pg_ctl", &["-D", &self.data(), "-m", "fast", "-w", "stop"]);
    }

    pub fn start_again(&self) {
        let options = std::fs::read_to_string(self.dir.join("options")).unwrap();
        self.start_with(&options);
    }

    /// Ends the server and removes its files once process `pid` has ended.
    fn watch(&self, pid: u32) {
        let pg_ctl = self.bindir.join("pg_ctl");
        let stop = if self.as_postgres {
            format!("runuser -u postgres -- {} -D {} -m immediate stop", pg_ctl.display(), self.data())
        } else {
            format!("{} -D {} -m immediate stop", pg_ctl.display(), self.data())
        };
        let script = format!(
            "while kill -0 {pid} 2>/dev/null; do sleep 0.5; done; {stop} >/dev/null 2>&1; rm -rf {}",
            self.dir.display()
        );
        Command::new("sh")
            .args(["-c", &format!("({script}) </dev/null >/dev/null 2>&1 &")])
            .status()
            .unwrap();
    }

    /// The superuser's URL for `database`.
    pub fn admin_url(&self, database: &str) -> String {
        format!("postgresql://postgres:{}@127.0.0.1:{}/{database}", self.password, self.port)
    }
}
