//! Cold start and memory against Apostrophe (Debian's GTK/WebKitGTK
//! Markdown editor), both launched the same way on one Xvfb display with
//! the same brief.
//!
//! "Interactive" is measured from outside, the same for both: the moment
//! the screen last changed before it stayed still for a second (visually
//! complete), caret blinking turned off for both through GTK's settings.
//! Memory is PSS summed over the app's processes, two seconds after that.

use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::io::{BufRead, BufReader};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use x11rb::connection::Connection;
use x11rb::protocol::xproto::{ConnectionExt, ImageFormat};

const RUNS: usize = 5;
const STILL: Duration = Duration::from_secs(1);
const TIMEOUT: Duration = Duration::from_secs(40);

pub struct Launch {
    pub interactive: Duration,
    pub pss_kb: u64,
}

pub struct Startup {
    pub ours: Launch,
    pub apostrophe: Option<Launch>,
}

struct Display {
    xvfb: Child,
    name: String,
}

impl Drop for Display {
    fn drop(&mut self) {
        let _ = self.xvfb.kill();
        let _ = self.xvfb.wait();
    }
}

fn start_xvfb() -> Result<Display, String> {
    let mut xvfb = Command::new("Xvfb")
        .args(["-displayfd", "1", "-screen", "0", "1280x800x24", "-nolisten", "tcp"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("Xvfb: {e}"))?;
    let mut line = String::new();
    let stdout = xvfb.stdout.take().ok_or("Xvfb: no output")?;
    BufReader::new(stdout).read_line(&mut line).map_err(|e| e.to_string())?;
    Ok(Display { xvfb, name: format!(":{}", line.trim()) })
}

/// Connects to `display`, waiting briefly while the server comes up.
fn connect(display: &str) -> Result<(x11rb::rust_connection::RustConnection, usize), String> {
    let mut tries = 0;
    loop {
        match x11rb::connect(Some(display)) {
            Ok(connected) => return Ok(connected),
            Err(e) if tries >= 50 => return Err(format!("X11 connect to {display}: {e}")),
            Err(_) => {
                tries += 1;
                std::thread::sleep(Duration::from_millis(100));
            }
        }
    }
}

/// A hash of everything on the screen.
fn screen_hash(conn: &impl Connection, root: u32, width: u16, height: u16) -> Result<u64, String> {
    let image = conn
        .get_image(ImageFormat::Z_PIXMAP, root, 0, 0, width, height, !0)
        .map_err(|e| format!("X11 GetImage: {e}"))?
        .reply()
        .map_err(|e| format!("X11 GetImage reply: {e}"))?;
    let mut hasher = DefaultHasher::new();
    image.data.hash(&mut hasher);
    Ok(hasher.finish())
}

/// Every process in the tree rooted at `pid` (WebKit's web and network
/// processes are the app's children).
fn process_tree(pid: u32) -> Vec<u32> {
    let mut parents: Vec<(u32, u32)> = Vec::new();
    if let Ok(entries) = std::fs::read_dir("/proc") {
        for entry in entries.flatten() {
            let Some(child) = entry.file_name().to_str().and_then(|s| s.parse::<u32>().ok()) else {
                continue;
            };
            let Ok(stat) = std::fs::read_to_string(format!("/proc/{child}/stat")) else { continue };
            // The parent is the second field after the parenthesised name.
            let after_name = stat.rsplit_once(')').map(|(_, rest)| rest).unwrap_or_default();
            if let Some(parent) = after_name.split_whitespace().nth(1).and_then(|s| s.parse().ok()) {
                parents.push((child, parent));
            }
        }
    }
    let mut tree = vec![pid];
    let mut i = 0;
    while i < tree.len() {
        let parent = tree[i];
        tree.extend(parents.iter().filter(|(_, p)| *p == parent).map(|(c, _)| *c));
        i += 1;
    }
    tree
}

fn pss_kb(pid: u32) -> u64 {
    let Ok(rollup) = std::fs::read_to_string(format!("/proc/{pid}/smaps_rollup")) else { return 0 };
    rollup
        .lines()
        .find_map(|line| line.strip_prefix("Pss:"))
        .and_then(|rest| rest.split_whitespace().next())
        .and_then(|kb| kb.parse().ok())
        .unwrap_or(0)
}

/// Launches `program` on `display` and measures it until visually
/// complete, then its memory; kills it.
fn launch(display: &str, settings: &Path, program: &Path, args: &[&str]) -> Result<Launch, String> {
    let (conn, screen) = connect(display)?;
    let root = conn.setup().roots[screen].root;
    let (width, height) = {
        let s = &conn.setup().roots[screen];
        (s.width_in_pixels, s.height_in_pixels)
    };
    let blank = screen_hash(&conn, root, width, height)?;
    let start = Instant::now();
    let mut child = Command::new(program)
        .args(args)
        .env("DISPLAY", display)
        .env("XDG_CONFIG_HOME", settings)
        .env("NO_AT_BRIDGE", "1")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .process_group(0)
        .spawn()
        .map_err(|e| format!("{}: {e}", program.display()))?;
    let pid = child.id();
    let outcome = (|| {
        let (mut last, mut changed_at) = (blank, start.elapsed());
        loop {
            std::thread::sleep(Duration::from_millis(10));
            let now = screen_hash(&conn, root, width, height)?;
            let at = start.elapsed();
            if now != last {
                last = now;
                changed_at = at;
            } else if now != blank && at - changed_at >= STILL {
                break Ok(changed_at);
            }
            if at > TIMEOUT {
                break Err(format!("{} did not settle within {TIMEOUT:?}", program.display()));
            }
            if let Ok(Some(status)) = child.try_wait() {
                break Err(format!("{} exited: {status}", program.display()));
            }
        }
    })();
    let result = outcome.map(|interactive| {
        std::thread::sleep(Duration::from_secs(2));
        let pss_kb = process_tree(pid).into_iter().map(pss_kb).sum();
        Launch { interactive, pss_kb }
    });
    let _ = Command::new("kill").args(["-KILL", "--", &format!("-{pid}")]).status();
    let _ = child.kill();
    let _ = child.wait();
    // Let the display clear before the next launch.
    std::thread::sleep(Duration::from_millis(300));
    result
}

fn median(mut launches: Vec<Launch>) -> Option<Launch> {
    launches.sort_by_key(|l| l.interactive);
    let interactive = launches.get(launches.len() / 2)?.interactive;
    let mut pss: Vec<u64> = launches.iter().map(|l| l.pss_kb).collect();
    pss.sort();
    Some(Launch { interactive, pss_kb: pss[pss.len() / 2] })
}

/// Runs both apps `RUNS` times each (after one warm-up each), alternating.
pub fn run(dir: &Path, app: &Path, sample_md: &str) -> Result<Startup, String> {
    let settings = dir.join("xdg-config");
    for gtk in ["gtk-3.0", "gtk-4.0"] {
        std::fs::create_dir_all(settings.join(gtk)).map_err(|e| e.to_string())?;
        std::fs::write(settings.join(gtk).join("settings.ini"), "[Settings]\ngtk-cursor-blink = false\n")
            .map_err(|e| e.to_string())?;
    }
    // The same brief for both: a database holding it, and the Markdown file.
    let md = dir.join("brief.md");
    std::fs::write(&md, sample_md).map_err(|e| e.to_string())?;
    let db = dir.join("startup.sqlite3");
    let imported = briefdesk_core::import(sample_md.as_bytes(), briefdesk_core::InputFormat::Markdown, None)
        .map_err(|e| e.to_string())?;
    briefdesk_store::Store::open(&db)
        .and_then(|mut s| s.import(&[(imported.content, briefdesk_core::Status::Draft)]))
        .map_err(|e| e.to_string())?;

    let display = start_xvfb()?;
    let apostrophe = which("apostrophe");
    let ours_args = ["--db", crate::path_str(&db)];
    let md_arg = [crate::path_str(&md)];
    let _ = launch(&display.name, &settings, app, &ours_args)?;
    if let Some(apostrophe) = &apostrophe {
        let _ = launch(&display.name, &settings, apostrophe, &md_arg)?;
    }
    let (mut ours, mut theirs) = (Vec::new(), Vec::new());
    for _ in 0..RUNS {
        ours.push(launch(&display.name, &settings, app, &ours_args)?);
        if let Some(apostrophe) = &apostrophe {
            theirs.push(launch(&display.name, &settings, apostrophe, &md_arg)?);
        }
    }
    Ok(Startup { ours: median(ours).ok_or("no launches")?, apostrophe: median(theirs) })
}

fn which(program: &str) -> Option<PathBuf> {
    std::env::var_os("PATH")
        .map(|paths| std::env::split_paths(&paths).map(|dir| dir.join(program)).find(|p| p.is_file()))
        .unwrap_or_default()
}
