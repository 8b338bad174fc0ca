//! Cold start and memory against Apostrophe (Debian's GTK/WebKitGTK
//! Markdown editor), all launched the same way on one Xvfb display with the
//! same brief.
//!
//! "Interactive" is measured from outside, the same for every program: the
//! moment the screen last changed before it stayed still for a second
//! (visually complete), caret blinking turned off through GTK's settings.
//! Memory is PSS summed over the program's processes, two seconds after that.
//!
//! Apostrophe is measured twice: as it opens by default, an editor that
//! starts no WebKit web process until its preview is shown, and with its
//! preview shown, when it renders the brief in a WebKitGTK page as Briefdesk
//! does. A blank WebKitGTK page, opened from Python (Apostrophe's own
//! stack), shows the least any WebKitGTK window costs on this machine.

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

/// Briefdesk's launch, and each peer's (`None` where it is not installed).
pub struct Startup {
    pub ours: Launch,
    pub apostrophe: Option<Launch>,
    pub apostrophe_preview: Option<Launch>,
    pub blank_page: Option<Launch>,
}

/// One program to launch, and how.
pub(crate) struct Subject<'a> {
    pub program: PathBuf,
    pub args: Vec<&'a str>,
    /// The settings folder (`XDG_CONFIG_HOME`).
    pub settings: &'a Path,
    pub env: Vec<(&'static str, &'static str)>,
}

/// A blank page in WebKitGTK from Python's GObject bindings, at Briefdesk's
/// window size.
const BLANK_PAGE: &str = "
import gi
gi.require_version('Gtk', '3.0')
gi.require_version('WebKit2', '4.1')
from gi.repository import Gtk, WebKit2
window = Gtk.Window(title='blank')
window.set_default_size(1280, 800)
view = WebKit2.WebView()
view.load_html('<p>Blank.</p>', None)
window.add(view)
window.connect('destroy', Gtk.main_quit)
window.show_all()
Gtk.main()
";

pub(crate) struct Display {
    xvfb: Child,
    pub name: String,
}

impl Drop for Display {
    fn drop(&mut self) {
        let _ = self.xvfb.kill();
        let _ = self.xvfb.wait();
    }
}

pub(crate) fn start_xvfb() -> Result<Display, String> {
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
pub(crate) fn connect(display: &str) -> Result<(x11rb::rust_connection::RustConnection, usize), String> {
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
pub(crate) fn screen_hash(conn: &impl Connection, root: u32, width: u16, height: u16) -> Result<u64, String> {
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

/// Launches `subject` on `display` and measures it until visually
/// complete, then its memory; kills it.
fn launch(display: &str, subject: &Subject) -> Result<Launch, String> {
    let program = &subject.program;
    let (conn, screen) = connect(display)?;
    let root = conn.setup().roots[screen].root;
    let (width, height) = {
        let s = &conn.setup().roots[screen];
        (s.width_in_pixels, s.height_in_pixels)
    };
    let blank = screen_hash(&conn, root, width, height)?;
    let start = Instant::now();
    let mut child = spawn(display, subject)?;
    let pid = child.id();
    let outcome = visually_complete(&conn, screen, blank, start, &mut child, program);
    let result = outcome.map(|interactive| {
        std::thread::sleep(Duration::from_secs(2));
        let pss_kb = process_tree(pid).into_iter().map(pss_kb).sum();
        Launch { interactive, pss_kb }
    });
    kill(child);
    result
}

/// Starts `subject` on `display`, in a process group of its own.
pub(crate) fn spawn(display: &str, subject: &Subject) -> Result<Child, String> {
    Command::new(&subject.program)
        .args(&subject.args)
        .env("DISPLAY", display)
        .env("XDG_CONFIG_HOME", subject.settings)
        .env("NO_AT_BRIDGE", "1")
        .envs(subject.env.iter().copied())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .process_group(0)
        .spawn()
        .map_err(|e| format!("{}: {e}", subject.program.display()))
}

/// Kills `child` and every process it started (WebKit's), and lets the
/// display clear before the next launch.
pub(crate) fn kill(mut child: Child) {
    let _ = Command::new("kill").args(["-KILL", "--", &format!("-{}", child.id())]).status();
    let _ = child.kill();
    let _ = child.wait();
    std::thread::sleep(Duration::from_millis(300));
}

/// Waits until the screen, changed from `blank`, has stayed still for a
/// second; returns when it last changed, counted from `start`.
pub(crate) fn visually_complete(
    conn: &impl Connection,
    screen: usize,
    blank: u64,
    start: Instant,
    child: &mut Child,
    program: &Path,
) -> Result<Duration, String> {
    let s = &conn.setup().roots[screen];
    let (root, width, height) = (s.root, s.width_in_pixels, s.height_in_pixels);
    let (mut last, mut changed_at) = (blank, start.elapsed());
    loop {
        std::thread::sleep(Duration::from_millis(10));
        let now = screen_hash(conn, root, width, height)?;
        let at = start.elapsed();
        if now != last {
            last = now;
            changed_at = at;
        } else if now != blank && at - changed_at >= STILL {
            return Ok(changed_at);
        }
        if at > TIMEOUT {
            return Err(format!("{} did not settle within {TIMEOUT:?}", program.display()));
        }
        if let Ok(Some(status)) = child.try_wait() {
            return Err(format!("{} exited: {status}", program.display()));
        }
    }
}

fn median(mut launches: Vec<Launch>) -> Option<Launch> {
    launches.sort_by_key(|l| l.interactive);
    let interactive = launches.get(launches.len() / 2)?.interactive;
    let mut pss: Vec<u64> = launches.iter().map(|l| l.pss_kb).collect();
    pss.sort();
    Some(Launch { interactive, pss_kb: pss[pss.len() / 2] })
}

/// GTK settings (no caret blink) and Apostrophe's, in a new settings
/// folder; the keyfile backend reads Apostrophe's from there.
pub(crate) fn settings_folder(dir: &Path, preview: bool) -> Result<PathBuf, String> {
    let folder = dir.join(if preview { "xdg-config-preview" } else { "xdg-config" });
    let write = |path: PathBuf, text: String| {
        std::fs::create_dir_all(path.parent().unwrap_or(dir))
            .and_then(|()| std::fs::write(&path, text))
            .map_err(|e| format!("{}: {e}", path.display()))
    };
    for gtk in ["gtk-3.0", "gtk-4.0"] {
        write(folder.join(gtk).join("settings.ini"), "[Settings]\ngtk-cursor-blink = false\n".into())?;
    }
    write(
        folder.join("glib-2.0/settings/keyfile"),
        format!("[org/gnome/gitlab/somas/Apostrophe]\npreview-active={preview}\n"),
    )?;
    Ok(folder)
}

/// The WebKit switches Briefdesk sets for itself (webview.rs): the peers
/// get the same, so every WebKit page here is rendered alike.
pub(crate) const WEBKIT_SWITCHES: [(&str, &str); 2] =
    [("WEBKIT_DISABLE_DMABUF_RENDERER", "1"), ("JSC_useJIT", "false")];

/// Apostrophe's environment: the WebKit switches, and its settings read
/// from the settings folder's keyfile.
pub(crate) fn apostrophe_env() -> Vec<(&'static str, &'static str)> {
    vec![WEBKIT_SWITCHES[0], WEBKIT_SWITCHES[1], ("GSETTINGS_BACKEND", "keyfile")]
}

/// Runs every program `RUNS` times (after one warm-up each), in turn.
pub fn run(dir: &Path, app: &Path, sample_md: &str) -> Result<Startup, String> {
    // The same brief for all: a database holding it, and the Markdown file.
    let md = dir.join("brief.md");
    std::fs::write(&md, sample_md).map_err(|e| e.to_string())?;
    let db = dir.join("startup.sqlite3");
    let imported = briefdesk_core::import(sample_md.as_bytes(), briefdesk_core::InputFormat::Markdown, None)
        .map_err(|e| e.to_string())?;
    briefdesk_store::Store::open(&db)
        .and_then(|mut s| s.import(&[(imported.content, briefdesk_core::Status::Draft)]))
        .map_err(|e| e.to_string())?;

    let (plain, preview) = (settings_folder(dir, false)?, settings_folder(dir, true)?);
    let webkit = WEBKIT_SWITCHES;
    let apostrophe_env = apostrophe_env();
    let ours = Subject {
        program: app.to_path_buf(),
        args: vec!["--db", crate::path_str(&db)],
        settings: &plain,
        env: vec![],
    };
    let apostrophe_with = |settings| {
        which("apostrophe").map(|program| Subject {
            program,
            args: vec![crate::path_str(&md)],
            settings,
            env: apostrophe_env.clone(),
        })
    };
    let (apostrophe, apostrophe_preview) = (apostrophe_with(&plain), apostrophe_with(&preview));
    // Debian's Python, which python3-gi is built for (a python3 earlier on
    // PATH, pyenv's say, would lack it).
    let python = Path::new("/usr/bin/python3");
    let blank_page = python.is_file().then(|| Subject {
        program: python.to_path_buf(),
        args: vec!["-c", BLANK_PAGE],
        settings: &plain,
        env: webkit.to_vec(),
    });
    let subjects: Vec<Option<&Subject>> =
        vec![Some(&ours), apostrophe.as_ref(), apostrophe_preview.as_ref(), blank_page.as_ref()];

    let display = start_xvfb()?;
    let mut launches: Vec<Vec<Launch>> = subjects.iter().map(|_| Vec::new()).collect();
    for run in 0..=RUNS {
        for (subject, found) in subjects.iter().zip(&mut launches) {
            let Some(subject) = subject else { continue };
            let launched = launch(&display.name, subject)?;
            // The first round warms the page cache and is not counted.
            if run > 0 {
                found.push(launched);
            }
        }
    }
    let mut medians = launches.into_iter().map(median);
    Ok(Startup {
        ours: medians.next().flatten().ok_or("no launches")?,
        apostrophe: medians.next().flatten(),
        apostrophe_preview: medians.next().flatten(),
        blank_page: medians.next().flatten(),
    })
}

pub(crate) fn which(program: &str) -> Option<PathBuf> {
    std::env::var_os("PATH")
        .map(|paths| std::env::split_paths(&paths).map(|dir| dir.join(program)).find(|p| p.is_file()))
        .unwrap_or_default()
}
