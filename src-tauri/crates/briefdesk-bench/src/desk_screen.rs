//! A reporter's save to the editor's screen, live: the editor's real app
//! window (release build, on Xvfb) has the reporter's brief open; the
//! reporter's laptop saves and syncs; the time runs until the X server
//! reports changed pixels in the editor's column (DAMAGE, rectangles: the
//! desk indicator at the foot of the library and the History pane are
//! outside it). The peer: the same change through git, committed and
//! pushed on one clone and pulled on another.

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use briefdesk_core::BriefId;
use briefdesk_desk::{sync_once, DeskSession, LocalDesk};
use x11rb::connection::Connection;
use x11rb::protocol::damage::{self, ConnectionExt as _, ReportLevel};
use x11rb::protocol::xproto::ConnectionExt as _;
use x11rb::protocol::Event;
use x11rb::rust_connection::RustConnection;

use crate::startup::{self, Subject};

/// Saves measured, after one that is not.
pub const SAVES: usize = 20;
/// The editor's column of a 1280×800 window at the screen's corner (no
/// window manager): right of the library, left of the side pane.
const COLUMN: (i16, i16, i16, i16) = (300, 110, 850, 800);
const QUIET: Duration = Duration::from_millis(600);
const NO_CHANGE: Duration = Duration::from_secs(10);

fn x11(e: impl std::fmt::Display) -> String {
    format!("X11: {e}")
}

/// Whether a damage event touched the editor's column.
fn in_column(event: &Event) -> bool {
    let Event::DamageNotify(notify) = event else { return false };
    let a = notify.area;
    let (x0, y0, x1, y1) = COLUMN;
    a.x < x1 && a.x + a.width as i16 > x0 && a.y < y1 && a.y + a.height as i16 > y0
}

fn wait_until_still(conn: &RustConnection, watch: u32, child: &mut Child) -> Result<(), String> {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        conn.damage_subtract(watch, x11rb::NONE, x11rb::NONE).map_err(x11)?;
        conn.get_input_focus().map_err(x11)?.reply().map_err(x11)?;
        while conn.poll_for_event().map_err(x11)?.is_some() {}
        let quiet_since = Instant::now();
        let mut changed = false;
        while quiet_since.elapsed() < QUIET {
            if conn.poll_for_event().map_err(x11)?.is_some_and(|e| in_column(&e)) {
                changed = true;
                break;
            }
            std::thread::sleep(Duration::from_millis(2));
        }
        if !changed {
            return Ok(());
        }
        if Instant::now() > deadline {
            return Err("the editor's window never stood still".into());
        }
        if let Ok(Some(status)) = child.try_wait() {
            return Err(format!("the app exited: {status}"));
        }
    }
}

fn first_change(conn: &RustConnection, since: Instant, child: &mut Child) -> Result<Duration, String> {
    loop {
        while let Some(event) = conn.poll_for_event().map_err(x11)? {
            if in_column(&event) {
                return Ok(since.elapsed());
            }
        }
        if since.elapsed() > NO_CHANGE {
            return Err("the reporter's save never reached the editor's screen".into());
        }
        if let Ok(Some(status)) = child.try_wait() {
            return Err(format!("the app exited: {status}"));
        }
        std::thread::sleep(Duration::from_micros(200));
    }
}

pub struct SaveToScreen {
    pub ours: Vec<Duration>,
    pub git: Vec<Duration>,
}

/// `editor_db` is linked to the desk and has `brief` (the reporter's) as
/// its latest brief, so the app opens it; `reporter` pushes through `session`.
pub async fn measure(
    dir: &Path,
    app: &Path,
    editor_db: &Path,
    password: &'static str,
    reporter: &LocalDesk,
    session: &DeskSession,
    brief: BriefId,
) -> Result<SaveToScreen, String> {
    let settings = startup::settings_folder(dir, false)?;
    let display = startup::start_xvfb()?;
    let (conn, screen) = startup::connect(&display.name)?;
    let s = &conn.setup().roots[screen];
    let (root, width, height) = (s.root, s.width_in_pixels, s.height_in_pixels);
    let blank = startup::screen_hash(&conn, root, width, height)?;
    let db = crate::path_str(editor_db);
    let subject = Subject {
        program: app.to_path_buf(),
        args: vec!["--db", db],
        settings: &settings,
        env: vec![("PGPASSWORD", password)],
    };
    let start = Instant::now();
    let mut child = startup::spawn(&display.name, &subject)?;
    let measured = async {
        startup::visually_complete(&conn, screen, blank, start, &mut child, app)?;
        damage::query_version(&conn, 1, 1).map_err(x11)?.reply().map_err(x11)?;
        let watch = conn.generate_id().map_err(x11)?;
        conn.damage_create(watch, root, ReportLevel::RAW_RECTANGLES).map_err(x11)?;
        let mut times = Vec::with_capacity(SAVES);
        for n in 0..=SAVES {
            wait_until_still(&conn, watch, &mut child)?;
            let saved = Instant::now();
            reporter
                .run(move |s| {
                    let current = s.get(brief)?;
                    let mut content = current.content.clone();
                    content.summary.push_str(&format!(" Update {n}."));
                    s.save_draft(brief, current.revision, &content).map(|_| ())
                })
                .await
                .map_err(|e| format!("the reporter's save: {e}"))?;
            sync_once(reporter, session).await.map_err(|e| format!("the reporter's sync: {e}"))?;
            let took = first_change(&conn, saved, &mut child)?;
            if n > 0 {
                times.push(took);
            }
        }
        Ok::<_, String>(times)
    }
    .await;
    startup::kill(child);
    drop(display);
    let ours = measured?;
    Ok(SaveToScreen { ours, git: git_peer(dir)? })
}

fn git(args: &[&str], dir: &Path) -> Result<(), String> {
    let status = Command::new("git")
        .args(args)
        .current_dir(dir)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .map_err(|e| format!("git: {e}"))?;
    status.success().then_some(()).ok_or_else(|| format!("git {args:?} answered {status}"))
}

/// The same save through git: committed and pushed by the reporter's clone,
/// pulled by the editor's.
fn git_peer(dir: &Path) -> Result<Vec<Duration>, String> {
    let origin = dir.join("screen-origin.git");
    git(&["init", "--quiet", "--bare", "--initial-branch=main", &origin.to_string_lossy()], dir)?;
    let (reporter, editor) = (dir.join("screen-reporter"), dir.join("screen-editor"));
    git(&["clone", "--quiet", &origin.to_string_lossy(), &reporter.to_string_lossy()], dir)?;
    let file = reporter.join("brief.md");
    let mut text = String::from("# Talks resume\n\nNegotiators met.\n");
    std::fs::write(&file, &text).map_err(|e| e.to_string())?;
    let commit =
        ["-c", "user.name=Ana", "-c", "user.email=ana@example.org", "commit", "--quiet", "-am", "save"];
    git(&["add", "brief.md"], &reporter)?;
    git(&commit, &reporter)?;
    git(&["push", "--quiet", "origin", "main"], &reporter)?;
    git(&["clone", "--quiet", &origin.to_string_lossy(), &editor.to_string_lossy()], dir)?;
    let mut times = Vec::with_capacity(SAVES);
    for n in 0..SAVES {
        text.push_str(&format!("Update {n}.\n"));
        let saved = Instant::now();
        std::fs::write(&file, &text).map_err(|e| e.to_string())?;
        git(&commit, &reporter)?;
        git(&["push", "--quiet", "origin", "main"], &reporter)?;
        git(&["pull", "--quiet", "--ff-only"], &editor)?;
        times.push(saved.elapsed());
    }
    Ok(times)
}
