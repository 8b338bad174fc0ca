//! The desk against the peers a newsroom would otherwise use, on a
//! throwaway PostgreSQL cluster of its own (the tests' cluster, fsync off
//! as there): a push of one save against a plain INSERT of the same body;
//! a new laptop's first sync of a desk of 10,000 briefs × 20 versions, and
//! an incremental pull of 100 changes, against `pg_dump` of the same desk
//! and `git clone`/`git pull` of the same briefs as files; and the
//! three-way merge at its worst against `git merge-file`.

#[path = "../../briefdesk-desk/tests/support/cluster.rs"]
mod cluster;

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use briefdesk_core::{merge_briefs, to_markdown_parts, BriefContent, FrontMatter, ReportSection};
use briefdesk_desk::{
    add_member, connect, create_desk, init, sync_once, DeskSession, LocalDesk, Role, ServerUrl,
};
use briefdesk_store::{Acknowledged, Store};

use crate::history::{ms, percentile};
use crate::Report;

const DESK: &str = "news";

/// The desk's size for the first sync (`BRIEFDESK_BENCH_DESK_BRIEFS` to change it).
fn desk_briefs() -> usize {
    std::env::var("BRIEFDESK_BENCH_DESK_BRIEFS").ok().and_then(|v| v.parse().ok()).unwrap_or(10_000)
}

const VERSIONS: usize = 20;

pub fn run(dir: &Path, app: &Path, report: &mut Report) -> Result<(), String> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| format!("no runtime: {e}"))?;
    runtime.block_on(measure(dir, app, report))
}

fn text<E: std::fmt::Display>(what: &'static str) -> impl Fn(E) -> String {
    move |e| format!("{what}: {e}")
}

async fn measure(dir: &Path, app: &Path, report: &mut Report) -> Result<(), String> {
    let cluster = cluster::Cluster::start_in(&dir.join("desk-server"));
    let admin_url = |db: &str| ServerUrl::parse(&cluster.admin_url(db)).map_err(text("admin url"));
    let postgres = connect(&admin_url("postgres")?).await.map_err(text("connect"))?;
    postgres.batch_execute("CREATE DATABASE newsroom").await.map_err(text("create database"))?;
    let mut admin = connect(&admin_url("newsroom")?).await.map_err(text("connect"))?;
    init(&mut admin).await.map_err(text("desk init"))?;
    create_desk(&admin, DESK).await.map_err(text("desk create"))?;
    for (login, role) in [("ana", Role::Reporter), ("ed", Role::Editor)] {
        admin
            .batch_execute(&format!("CREATE ROLE {login} LOGIN PASSWORD 'pw'"))
            .await
            .map_err(text("create role"))?;
        add_member(&admin, DESK, login, role).await.map_err(text("add member"))?;
    }
    let url = |login: &str| {
        ServerUrl::parse(&format!("postgresql://{login}:pw@127.0.0.1:{}/newsroom", cluster.port))
            .map_err(text("member url"))
    };
    let server = |login: &str| format!("postgresql://{login}@127.0.0.1:{}/newsroom", cluster.port);

    report.section(
        "Desk",
        "a throwaway PostgreSQL 15 cluster on 127.0.0.1 (fsync off), one desk, a reporter and an editor; the sample brief's size for saves",
    );
    // First, while the desk holds only the brief the editor's window opens.
    if app.is_file() {
        screen_rows(dir, app, &url, &server, report).await?;
    } else {
        eprintln!("briefdesk-bench: no app at {}: the save-to-screen row is left out", app.display());
    }
    push_rows(dir, &url("ana")?, &server("ana"), &admin, report).await?;
    sync_rows(dir, &cluster, &url, &server, app.is_file(), report).await?;
    merge_rows(dir, report)?;
    Ok(())
}

fn sample() -> BriefContent {
    briefdesk_core::parse_text(include_str!("../../briefdesk-core/testdata/korea-china-visit.txt"))
}

/// A push of one save, alone (the pull and follow after it are the sync's),
/// against the same body INSERTed into a plain table on the same server.
async fn push_rows(
    dir: &Path,
    url: &ServerUrl,
    server: &str,
    admin: &tokio_postgres::Client,
    report: &mut Report,
) -> Result<(), String> {
    let mut store = Store::open(&dir.join("desk-push.sqlite3")).map_err(text("open"))?;
    store.link_desk(server, DESK).map_err(text("link"))?;
    let local = LocalDesk::new(store);
    let session = DeskSession::open(url, DESK).await.map_err(text("open session"))?;
    let content = sample();
    let id = local
        .run(move |s| {
            let brief = s.create()?;
            s.save_draft(brief.id, brief.revision, &content)?;
            Ok(brief.id)
        })
        .await
        .map_err(text("first save"))?;
    let (mut pushes, mut saves) = (Vec::new(), Vec::new());
    for n in 0..300 {
        let saved = local
            .run(move |s| {
                let brief = s.get(id)?;
                let mut content = brief.content.clone();
                content.summary.push_str(&format!(" Word{n}"));
                let start = Instant::now();
                s.save_draft(id, brief.revision, &content)?;
                Ok(start.elapsed())
            })
            .await
            .map_err(text("save"))?;
        saves.push(saved);
        for revision in local.run(|s| s.outbox()).await.map_err(text("outbox"))? {
            let seq = revision.seq;
            local.run(move |s| s.mark_attempted(seq)).await.map_err(text("mark"))?;
            let start = Instant::now();
            session.push(&revision).await.map_err(text("push"))?;
            pushes.push(start.elapsed());
            local
                .run(move |s| s.acknowledge(&revision, Acknowledged::Accepted))
                .await
                .map_err(text("acknowledge"))?;
        }
    }
    // The peer: the same body, as one INSERT over a connection of the same kind.
    admin
        .batch_execute("CREATE TABLE public.peer_save (id bigserial PRIMARY KEY, body jsonb NOT NULL)")
        .await
        .map_err(text("peer table"))?;
    let body = serde_json::to_value(sample()).map_err(text("body"))?;
    let insert = admin
        .prepare("INSERT INTO public.peer_save (body) VALUES ($1)")
        .await
        .map_err(text("peer insert"))?;
    let mut inserts = Vec::new();
    for _ in 0..300 {
        let start = Instant::now();
        admin.execute(&insert, &[&body]).await.map_err(text("peer insert"))?;
        inserts.push(start.elapsed());
    }
    // The typing path's own cost, with no desk: the same saves unlinked.
    let mut plain = Store::open(&dir.join("desk-plain.sqlite3")).map_err(text("open"))?;
    let brief = plain.create().map_err(text("create"))?;
    let mut revision = plain.save_draft(brief.id, brief.revision, &sample()).map_err(text("save"))?.revision;
    let mut unlinked = Vec::new();
    let mut content = sample();
    for n in 0..300 {
        content.summary.push_str(&format!(" Word{n}"));
        let start = Instant::now();
        revision = plain.save_draft(brief.id, revision, &content).map_err(text("save"))?.revision;
        unlinked.push(start.elapsed());
    }
    let peer = percentile(&inserts, 50);
    report.row(
        "push of one save to a local server",
        format!("p50 {} · p99 {}", ms(percentile(&pushes, 50)), ms(percentile(&pushes, 99))),
        "reported",
        format!("INSERT of the same body p50 {} · p99 {}", ms(peer), ms(percentile(&inserts, 99))),
        format!("{:.1}× the INSERT", percentile(&pushes, 50).as_secs_f64() / peer.as_secs_f64().max(1e-9)),
    );
    report.row(
        "draft save with the brief shared (the outbox row in the same transaction)",
        format!("p50 {} · p99 {}", ms(percentile(&saves, 50)), ms(percentile(&saves, 99))),
        "p99 ≤ 2 ms",
        format!("the same saves, no desk: p99 {}", ms(percentile(&unlinked, 99))),
        format!(
            "{:.2}× unshared",
            percentile(&saves, 99).as_secs_f64() / percentile(&unlinked, 99).as_secs_f64().max(1e-9)
        ),
    );
    Ok(())
}

/// A reporter's save to the editor's open brief on screen, live.
async fn screen_rows(
    dir: &Path,
    app: &Path,
    url: &impl Fn(&str) -> Result<ServerUrl, String>,
    server: &impl Fn(&str) -> String,
    report: &mut Report,
) -> Result<(), String> {
    let mut store = Store::open(&dir.join("screen-reporter.sqlite3")).map_err(text("open"))?;
    store.link_desk(&server("ana"), DESK).map_err(text("link"))?;
    let reporter = LocalDesk::new(store);
    let session = DeskSession::open(&url("ana")?, DESK).await.map_err(text("open session"))?;
    let id = reporter
        .run(|s| {
            let brief = s.create()?;
            s.save_draft(brief.id, brief.revision, &sample())?;
            Ok(brief.id)
        })
        .await
        .map_err(text("the reporter's brief"))?;
    sync_once(&reporter, &session).await.map_err(text("sync"))?;
    // The editor's library has it (the latest brief: the app opens it).
    let editor_db = dir.join("screen-editor.sqlite3");
    let mut store = Store::open(&editor_db).map_err(text("open"))?;
    store.link_desk(&server("ed"), DESK).map_err(text("link"))?;
    let editor = LocalDesk::new(store);
    sync_once(&editor, &DeskSession::open(&url("ed")?, DESK).await.map_err(text("open session"))?)
        .await
        .map_err(text("the editor's sync"))?;
    drop(editor);
    let measured = crate::desk_screen::measure(dir, app, &editor_db, "pw", &reporter, &session, id).await?;
    let (mut ours, mut git) = (measured.ours, measured.git);
    ours.sort();
    git.sort();
    report.row(
        "a reporter's save to the editor's screen (live, the app's window)",
        format!("p50 {} · p95 {}", ms(percentile(&ours, 50)), ms(percentile(&ours, 95))),
        "p95 ≤ 1 s",
        format!(
            "git commit + push + pull p50 {} · p95 {}",
            ms(percentile(&git, 50)),
            ms(percentile(&git, 95))
        ),
        format!(
            "{:.1}× git's p95",
            percentile(&ours, 95).as_secs_f64() / percentile(&git, 95).as_secs_f64().max(1e-9)
        ),
    );
    Ok(())
}

/// The body of version `v` of brief `n`: the server builds the same one
/// in SQL (`SEED_VERSION`), git gets it as Markdown.
fn body(n: usize, v: usize) -> BriefContent {
    BriefContent {
        headline: format!("Brief {n}: talks resume in round {v}"),
        summary: format!("Version {v} of brief {n}. Negotiators met again and agreed to meet once more."),
        key_developments: vec![
            format!("Round {v} ended with a statement."),
            format!("Brief {n} is one of many."),
        ],
        context: "Earlier rounds failed over the same question. ".repeat(4),
        ..Default::default()
    }
}

/// One version of every brief in `seed` (from `$1`, for `$2` briefs), through
/// the protocol's own push, on the server: 200,000 round trips from here
/// would time the loopback, not the desk.
const SEED_VERSION: &str = "
DO $$
DECLARE r record; next uuid; v int := current_setting('bench.version')::int;
BEGIN
  FOR r IN SELECT * FROM seed WHERE n < current_setting('bench.briefs')::int ORDER BY n LOOP
    next := gen_random_uuid();
    PERFORM briefdesk.push('news', next, r.brief, r.head, 'save', NULL, jsonb_build_object(
      'headline', format('Brief %s: talks resume in round %s', r.n, v),
      'summary', format('Version %s of brief %s. Negotiators met again and agreed to meet once more.', v, r.n),
      'key_developments', jsonb_build_array(format('Round %s ended with a statement.', v), format('Brief %s is one of many.', r.n)),
      'context', repeat('Earlier rounds failed over the same question. ', 4)
    ), '{}', NULL);
    UPDATE seed SET head = next WHERE n = r.n;
  END LOOP;
END $$";

async fn seed_version(client: &tokio_postgres::Client, version: usize, briefs: usize) -> Result<(), String> {
    client
        .batch_execute(&format!(
            "SET bench.version = '{version}'; SET bench.briefs = '{briefs}'; {SEED_VERSION}"
        ))
        .await
        .map_err(text("seed the desk"))
}

/// A git repository of the same briefs as files, one commit per version.
fn git_commit(
    import: &mut impl Write,
    v: usize,
    briefs: usize,
    version_of: impl Fn(usize) -> usize,
    restart: bool,
) -> Result<(), String> {
    let message = format!("version {v}\n");
    let mut out = format!(
        "commit refs/heads/main\ncommitter Ana <ana@example.org> {} +0000\ndata {}\n{message}",
        1_700_000_000 + v,
        message.len()
    );
    // Within one import a commit follows the branch by itself; the first of
    // a later import must say so.
    if restart {
        out.push_str("from refs/heads/main^0\n");
    }
    for n in 0..briefs {
        let file = to_markdown_parts(&body(n, version_of(n)), &FrontMatter::default());
        out.push_str(&format!("M 100644 inline briefs/{n}.md\ndata {}\n{file}\n", file.len()));
    }
    import.write_all(out.as_bytes()).map_err(text("git fast-import"))
}

fn git(args: &[&str], dir: &Path) -> Result<Duration, String> {
    let start = Instant::now();
    let status = Command::new("git")
        .args(args)
        .current_dir(dir)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .map_err(text("git"))?;
    if !status.success() {
        return Err(format!("git {args:?} answered {status}"));
    }
    Ok(start.elapsed())
}

async fn sync_rows(
    dir: &Path,
    cluster: &cluster::Cluster,
    url: &impl Fn(&str) -> Result<ServerUrl, String>,
    server: &impl Fn(&str) -> String,
    screen_brief: bool,
    report: &mut Report,
) -> Result<(), String> {
    let briefs = desk_briefs();
    let ana = connect(&url("ana")?).await.map_err(text("connect"))?;
    ana.batch_execute(&format!(
        "CREATE TEMP TABLE seed AS SELECT n, gen_random_uuid() AS brief, NULL::uuid AS head
         FROM generate_series(0, {briefs} - 1) AS n"
    ))
    .await
    .map_err(text("seed table"))?;
    let origin = dir.join("desk-origin");
    std::fs::create_dir_all(&origin).map_err(text("git folder"))?;
    git(&["init", "--quiet", "--initial-branch=main"], &origin)?;
    let mut import = Command::new("git")
        .args(["fast-import", "--quiet"])
        .current_dir(&origin)
        .stdin(Stdio::piped())
        .spawn()
        .map_err(text("git fast-import"))?;
    let started = Instant::now();
    for v in 0..VERSIONS {
        seed_version(&ana, v, briefs).await?;
        let stdin = import.stdin.as_mut().ok_or("git fast-import has no input")?;
        git_commit(stdin, v, briefs, |_| v, false)?;
    }
    drop(import.stdin.take());
    import.wait().map_err(text("git fast-import"))?;
    git(&["checkout", "--quiet", "main"], &origin)?;
    eprintln!(
        "briefdesk-bench: a desk of {briefs} briefs × {VERSIONS} versions filled in {:?}",
        started.elapsed()
    );

    // A new laptop's first sync.
    let mut store = Store::open(&dir.join("desk-laptop.sqlite3")).map_err(text("open"))?;
    store.link_desk(&server("ed"), DESK).map_err(text("link"))?;
    let laptop = LocalDesk::new(store);
    let session = DeskSession::open(&url("ed")?, DESK).await.map_err(text("open session"))?;
    let start = Instant::now();
    let first = sync_once(&laptop, &session).await.map_err(text("first sync"))?;
    let first_sync = start.elapsed();
    let arrived = laptop.run(|s| Ok(s.list()?.len())).await.map_err(text("list"))?;
    // The desk also holds the briefs the push and screen rows saved.
    let others = 1 + usize::from(screen_brief);
    if arrived != briefs + others {
        return Err(format!("the first sync brought {arrived} briefs of {}", briefs + others));
    }
    // The peers: the same desk dumped, the same briefs cloned.
    let dump = dir.join("desk.dump");
    let start = Instant::now();
    let status = Command::new(pg_bindir().join("pg_dump"))
        .args(["-h", "127.0.0.1", "-p", &cluster.port.to_string(), "-U", "postgres", "-d", "newsroom", "-f"])
        .arg(&dump)
        .env("PGPASSWORD", &cluster.password)
        .status()
        .map_err(text("pg_dump"))?;
    let pg_dump = start.elapsed();
    if !status.success() {
        return Err(format!("pg_dump answered {status}"));
    }
    let clone = dir.join("desk-clone");
    let git_clone =
        git(&["clone", "--quiet", "--no-local", &origin.to_string_lossy(), &clone.to_string_lossy()], dir)?;
    report.row(
        &format!("a new laptop's first sync: {briefs} briefs × {VERSIONS} versions"),
        format!("{:.1} s ({} revisions)", first_sync.as_secs_f64(), first.pulled),
        "reported",
        format!("pg_dump {:.1} s · git clone {:.1} s", pg_dump.as_secs_f64(), git_clone.as_secs_f64()),
        format!(
            "{:.1}× pg_dump · {:.1}× git clone",
            first_sync.as_secs_f64() / pg_dump.as_secs_f64().max(1e-9),
            first_sync.as_secs_f64() / git_clone.as_secs_f64().max(1e-9)
        ),
    );

    // 100 changes on the desk, pulled.
    let changed = 100.min(briefs);
    seed_version(&ana, VERSIONS, changed).await?;
    let mut import = Command::new("git")
        .args(["fast-import", "--quiet"])
        .current_dir(&origin)
        .stdin(Stdio::piped())
        .spawn()
        .map_err(text("git fast-import"))?;
    {
        let stdin = import.stdin.as_mut().ok_or("git fast-import has no input")?;
        // The commit names every file; only the first `changed` differ.
        git_commit(stdin, VERSIONS, briefs, |n| if n < changed { VERSIONS } else { VERSIONS - 1 }, true)?;
    }
    drop(import.stdin.take());
    import.wait().map_err(text("git fast-import"))?;
    let start = Instant::now();
    let pulled = sync_once(&laptop, &session).await.map_err(text("incremental sync"))?;
    let incremental = start.elapsed();
    if pulled.pulled != changed || pulled.followed.len() != changed {
        return Err(format!(
            "the incremental sync pulled {} and followed {}",
            pulled.pulled,
            pulled.followed.len()
        ));
    }
    let git_pull = git(&["pull", "--quiet", "--ff-only"], &clone)?;
    report.row(
        &format!("an incremental pull of {changed} changes"),
        ms(incremental),
        "reported",
        format!("git pull {}", ms(git_pull)),
        format!("{:.1}× git pull", incremental.as_secs_f64() / git_pull.as_secs_f64().max(1e-9)),
    );
    Ok(())
}

fn pg_bindir() -> std::path::PathBuf {
    match Command::new("pg_config").arg("--bindir").output() {
        Ok(out) if out.status.success() => String::from_utf8_lossy(&out.stdout).trim().into(),
        _ => "/usr/lib/postgresql/15/bin".into(),
    }
}

/// The three-way merge at its worst (the largest briefs, changed on both
/// sides in the ways that cost it most), against `git merge-file` of the
/// same briefs as Markdown.
fn merge_rows(dir: &Path, report: &mut Report) -> Result<(), String> {
    let prose = |seed: usize, words: usize| -> String {
        (0..words).map(|i| format!("w{seed}x{i}")).collect::<Vec<_>>().join(" ")
    };
    let every = |text: &str, n: usize, offset: usize, mark: &str| -> String {
        let words: Vec<String> = text
            .split(' ')
            .enumerate()
            .map(|(i, w)| if i % n == offset { format!("{w}{mark}") } else { w.to_owned() })
            .collect();
        words.join(" ")
    };
    let long = |bullets: usize, sections: usize, seed: usize| BriefContent {
        headline: "The largest brief".into(),
        key_developments: (0..bullets).map(|i| prose(seed + i, 25)).collect(),
        report: (0..sections)
            .map(|i| ReportSection { heading: format!("Part {i}"), body: prose(seed + 500 + i, 500) })
            .collect(),
        context: prose(seed + 999, 500),
        ..Default::default()
    };
    let edit = |b: &BriefContent, n: usize, offset: usize, mark: &str| BriefContent {
        key_developments: b.key_developments.iter().map(|t| every(t, n, offset, mark)).collect(),
        report: b
            .report
            .iter()
            .map(|s| ReportSection { heading: s.heading.clone(), body: every(&s.body, n, offset, mark) })
            .collect(),
        context: every(&b.context, n, offset, mark),
        ..b.clone()
    };
    let base = long(200, 60, 0);
    let cases: Vec<(&str, BriefContent, BriefContent)> = vec![
        ("a word in 5 changed by each side, everywhere", edit(&base, 5, 0, "o"), edit(&base, 5, 1, "t")),
        ("a word in 50 changed by each side, everywhere", edit(&base, 50, 0, "o"), edit(&base, 50, 25, "t")),
        ("both sides rewrote everything", long(200, 60, 10_000), long(200, 60, 20_000)),
    ];
    let file = |name: &str, content: &BriefContent| -> Result<std::path::PathBuf, String> {
        let path = dir.join(name);
        std::fs::write(&path, to_markdown_parts(content, &FrontMatter::default()))
            .map_err(text("merge file"))?;
        Ok(path)
    };
    for (name, ours, theirs) in cases {
        let mut times = Vec::new();
        let mut conflicts = 0;
        for _ in 0..5 {
            let start = Instant::now();
            conflicts = merge_briefs(&base, &ours, &theirs).conflicts.len();
            times.push(start.elapsed());
        }
        let (o, b, t) =
            (file("merge-ours.md", &ours)?, file("merge-base.md", &base)?, file("merge-theirs.md", &theirs)?);
        let mut git_times = Vec::new();
        for _ in 0..5 {
            let start = Instant::now();
            // Exit status: the number of conflicts (or an error past 127).
            let status = Command::new("git")
                .args(["merge-file", "-p"])
                .args([&o, &b, &t])
                .stdout(Stdio::null())
                .status()
                .map_err(text("git merge-file"))?;
            git_times.push(start.elapsed());
            if status.code().is_none_or(|c| c > 127) {
                return Err(format!("git merge-file answered {status}"));
            }
        }
        let peer = percentile(&git_times, 50);
        report.row(
            &format!("merge of a 200-bullet, 60-section brief: {name}"),
            format!("max {} ({conflicts} parts in conflict)", ms(percentile(&times, 100))),
            "≤ 100 ms",
            format!("git merge-file p50 {}", ms(peer)),
            format!(
                "{:.1}× git's time",
                percentile(&times, 100).as_secs_f64() / peer.as_secs_f64().max(1e-9)
            ),
        );
    }
    Ok(())
}
