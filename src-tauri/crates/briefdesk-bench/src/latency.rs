//! Keystroke-to-screen latency in a 5,000-word brief, against Apostrophe
//! typed into the same way in the same run.
//!
//! A key goes in as an X event (XTest), as a person's would, and the time
//! runs until the X server reports the first changed pixels anywhere on
//! the screen (the DAMAGE extension on the root window, so nothing is
//! polled). Each key is sent only once the screen has been still for a
//! while, so an app's own redraws after a key (a save indicator, counts)
//! are never taken for the next key's. Caret blinking is off (GTK's
//! settings), so an idle screen stays still.

use std::path::Path;
use std::process::Child;
use std::time::{Duration, Instant};

use x11rb::connection::Connection;
use x11rb::protocol::damage::{self, ConnectionExt as _, ReportLevel};
use x11rb::protocol::xproto::{self, ConnectionExt as _};
use x11rb::protocol::xtest::ConnectionExt as _;
use x11rb::protocol::Event;
use x11rb::rust_connection::RustConnection;

use crate::startup::{self, Subject};

/// Keys measured per program, after `WARM_UP` that are not.
pub const KEYS: usize = 200;
const WARM_UP: usize = 10;
/// The screen must be still this long before the next key.
const QUIET: Duration = Duration::from_millis(450);
/// A key that changes nothing on the screen within this is a failure.
const NO_CHANGE: Duration = Duration::from_secs(3);
/// What is typed: words and spaces, so spelling runs as it does for a person.
const TEXT: &str = " the quick brown fox jumps over the lazy dog";

pub struct Latencies {
    pub p50: Duration,
    pub p95: Duration,
}

pub struct Typing {
    pub ours: Latencies,
    pub apostrophe: Option<Latencies>,
    /// A bare WebKitGTK textarea holding the same words: what any WebKitGTK
    /// page costs here before any script of its own.
    pub bare_textarea: Option<Latencies>,
}

/// One textarea in a WebKitGTK page, from Python's GObject bindings
/// (Apostrophe's stack), at Briefdesk's window size: the brief's words,
/// headline first.
const BARE_TEXTAREA: &str = "
import sys, html, gi
gi.require_version('Gtk', '3.0')
gi.require_version('WebKit2', '4.1')
from gi.repository import Gtk, WebKit2
words = open(sys.argv[1], encoding='utf-8').read()
window = Gtk.Window(title='textarea')
window.set_default_size(1280, 800)
view = WebKit2.WebView()
view.get_context().set_spell_checking_enabled(True)
view.get_context().set_spell_checking_languages(['en_US'])
view.load_html('<textarea spellcheck=true style=\"width: 95%; height: 90vh; font: 16px serif\">' + html.escape(words) + '</textarea>', None)
window.add(view)
window.connect('destroy', Gtk.main_quit)
window.show_all()
Gtk.main()
";

/// About 5,000 words: the anatomy, and 25 report sections of 200.
fn long_brief() -> briefdesk_core::BriefContent {
    let paragraph = "The delegation met for hours in the Great Hall, and officials on both sides said the talks were frank. ".repeat(10);
    briefdesk_core::BriefContent {
        headline: "Lee meets Xi in Beijing".into(),
        summary: "South Korea’s president met China’s leader for the first time.".into(),
        key_developments: (1..=5).map(|i| format!("Development {i} of the visit")).collect(),
        report: (1..=25)
            .map(|i| briefdesk_core::ReportSection {
                heading: format!("Section {i}"),
                body: paragraph.trim_end().to_string(),
            })
            .collect(),
        context: "Relations soured under the previous government.".into(),
        ..Default::default()
    }
}

pub fn run(dir: &Path, app: &Path) -> Result<Typing, String> {
    let brief = long_brief();
    let db = dir.join("typing.sqlite3");
    let mut store = briefdesk_store::Store::open(&db).map_err(|e| e.to_string())?;
    store.import(&[(brief.clone(), briefdesk_core::Status::Draft)]).map_err(|e| e.to_string())?;
    drop(store);
    let md = dir.join("typing.md");
    let markdown = briefdesk_core::to_markdown_parts(&brief, &briefdesk_core::FrontMatter::default());
    std::fs::write(&md, markdown).map_err(|e| e.to_string())?;
    let settings = startup::settings_folder(dir, false)?;

    let display = startup::start_xvfb()?;
    let ours = Subject {
        program: app.to_path_buf(),
        args: vec!["--db", crate::path_str(&db)],
        settings: &settings,
        env: vec![],
    };
    // The headline, at the left of its field: below the header and the
    // toolbar, right of the library (the window at 1280×800, at the
    // screen's corner, as there is no window manager).
    let ours_latencies = measure(&display.name, &ours, (560, 150))?;
    // Every key must have reached the brief, or the figures are of nothing.
    let store = briefdesk_store::Store::open(&db).map_err(|e| e.to_string())?;
    let id = store.list().map_err(|e| e.to_string())?.first().map(|b| b.id).ok_or("the brief is gone")?;
    let headline = store.get(id).map_err(|e| e.to_string())?.content.headline;
    let typed: String = TEXT.chars().cycle().take(WARM_UP + KEYS).collect();
    if !headline.ends_with(&typed) {
        return Err(format!("the typed keys did not all reach Briefdesk's headline: {headline:?}"));
    }

    let apostrophe = match startup::which("apostrophe") {
        None => None,
        Some(program) => {
            let subject = Subject {
                program,
                args: vec![crate::path_str(&md)],
                settings: &settings,
                env: startup::apostrophe_env(),
            };
            // Anywhere in its text: Ctrl+Home and End put the caret at the
            // end of the first line, the headline, as in Briefdesk.
            Some(measure(&display.name, &subject, (400, 300))?)
        }
    };
    let python = Path::new("/usr/bin/python3");
    let bare_textarea = if python.is_file() {
        let words = dir.join("typing.txt");
        std::fs::write(&words, briefdesk_core::to_text(&brief)).map_err(|e| e.to_string())?;
        let subject = Subject {
            program: python.to_path_buf(),
            args: vec!["-c", BARE_TEXTAREA, crate::path_str(&words)],
            settings: &settings,
            env: startup::WEBKIT_SWITCHES.to_vec(),
        };
        Some(measure(&display.name, &subject, (200, 100))?)
    } else {
        None
    };
    Ok(Typing { ours: ours_latencies, apostrophe, bare_textarea })
}

/// Launches `subject`, clicks at `click` (relative to its window), puts
/// the caret at the end of the first line and measures each key.
fn measure(display: &str, subject: &Subject, click: (i16, i16)) -> Result<Latencies, String> {
    let (conn, screen) = startup::connect(display)?;
    let s = &conn.setup().roots[screen];
    let (root, width, height) = (s.root, s.width_in_pixels, s.height_in_pixels);
    let blank = startup::screen_hash(&conn, root, width, height)?;
    let start = Instant::now();
    let mut child = startup::spawn(display, subject)?;
    let measured = (|| {
        startup::visually_complete(&conn, screen, blank, start, &mut child, &subject.program)?;
        let keys = Keys::of(&conn)?;
        let (x, y) = window_origin(&conn, root)?;
        keys.click(&conn, root, x + click.0, y + click.1)?;
        std::thread::sleep(Duration::from_millis(300));
        keys.press(&conn, &["Control_L", "Home"])?;
        keys.press(&conn, &["End"])?;
        damage::query_version(&conn, 1, 1).map_err(x11)?.reply().map_err(x11)?;
        let watch = conn.generate_id().map_err(x11)?;
        conn.damage_create(watch, root, ReportLevel::NON_EMPTY).map_err(x11)?;
        let mut times = Vec::with_capacity(KEYS);
        for (i, c) in TEXT.chars().cycle().take(WARM_UP + KEYS).enumerate() {
            wait_until_still(&conn, watch, &mut child)?;
            let sent = Instant::now();
            keys.type_char(&conn, c)?;
            times.push(first_change(&conn, sent, &mut child, &subject.program)?);
            if i < WARM_UP {
                times.clear();
            }
        }
        // The last key's redraws and the app's save, before it is killed.
        wait_until_still(&conn, watch, &mut child)?;
        std::thread::sleep(Duration::from_secs(1));
        times.sort();
        let at =
            |q: f64| times[((times.len() as f64 * q).ceil() as usize).saturating_sub(1).min(times.len() - 1)];
        Ok(Latencies { p50: at(0.50), p95: at(0.95) })
    })();
    startup::kill(child);
    measured
}

fn x11(e: impl std::fmt::Display) -> String {
    format!("X11: {e}")
}

/// The top-left corner of the program's window: with no window manager,
/// the biggest mapped window on the root.
fn window_origin(conn: &RustConnection, root: u32) -> Result<(i16, i16), String> {
    let tree = conn.query_tree(root).map_err(x11)?.reply().map_err(x11)?;
    let mut best: Option<(u32, (i16, i16))> = None;
    for window in tree.children {
        let attributes = conn.get_window_attributes(window).map_err(x11)?.reply().map_err(x11)?;
        if attributes.map_state != xproto::MapState::VIEWABLE {
            continue;
        }
        let g = conn.get_geometry(window).map_err(x11)?.reply().map_err(x11)?;
        let area = u32::from(g.width) * u32::from(g.height);
        if best.is_none_or(|(a, _)| area > a) {
            best = Some((area, (g.x, g.y)));
        }
    }
    best.map(|(_, origin)| origin).ok_or_else(|| "no window on the screen".to_string())
}

/// Re-arms the damage watch until nothing has changed on the screen for `QUIET`.
fn wait_until_still(conn: &RustConnection, watch: u32, child: &mut Child) -> Result<(), String> {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        conn.damage_subtract(watch, x11rb::NONE, x11rb::NONE).map_err(x11)?;
        conn.flush().map_err(x11)?;
        // A round trip, so that every damage reported before the subtract is in.
        conn.get_input_focus().map_err(x11)?.reply().map_err(x11)?;
        while conn.poll_for_event().map_err(x11)?.is_some() {}
        let quiet_since = Instant::now();
        let mut changed = false;
        while quiet_since.elapsed() < QUIET {
            if matches!(conn.poll_for_event().map_err(x11)?, Some(Event::DamageNotify(_))) {
                changed = true;
                break;
            }
            std::thread::sleep(Duration::from_millis(2));
        }
        if !changed {
            return Ok(());
        }
        if Instant::now() > deadline {
            return Err("the screen never stood still (a blinking caret?)".into());
        }
        if let Ok(Some(status)) = child.try_wait() {
            return Err(format!("the program exited: {status}"));
        }
    }
}

/// Waits for the first change on the screen after `sent`.
fn first_change(
    conn: &RustConnection,
    sent: Instant,
    child: &mut Child,
    program: &Path,
) -> Result<Duration, String> {
    loop {
        if let Some(Event::DamageNotify(_)) = conn.poll_for_event().map_err(x11)? {
            return Ok(sent.elapsed());
        }
        if sent.elapsed() > NO_CHANGE {
            return Err(format!("{}: a key changed nothing on the screen", program.display()));
        }
        if let Ok(Some(status)) = child.try_wait() {
            return Err(format!("{} exited: {status}", program.display()));
        }
        std::thread::sleep(Duration::from_micros(200));
    }
}

/// The server's keyboard: keysyms to keycodes, and XTest to press them.
struct Keys {
    min_keycode: u8,
    per_keycode: u8,
    keysyms: Vec<u32>,
}

impl Keys {
    fn of(conn: &RustConnection) -> Result<Keys, String> {
        let setup = conn.setup();
        let (min, max) = (setup.min_keycode, setup.max_keycode);
        let map = conn.get_keyboard_mapping(min, max - min + 1).map_err(x11)?.reply().map_err(x11)?;
        Ok(Keys { min_keycode: min, per_keycode: map.keysyms_per_keycode, keysyms: map.keysyms })
    }

    fn keycode(&self, keysym: u32) -> Result<u8, String> {
        let per = usize::from(self.per_keycode.max(1));
        self.keysyms
            .chunks(per)
            .position(|syms| syms.first() == Some(&keysym))
            .and_then(|i| u8::try_from(i).ok())
            .map(|i| self.min_keycode + i)
            .ok_or_else(|| format!("no key for keysym {keysym:#x}"))
    }

    /// Presses `names` together (a chord), then lets go in reverse order.
    fn press(&self, conn: &RustConnection, names: &[&str]) -> Result<(), String> {
        let codes: Vec<u8> = names.iter().map(|n| self.keycode(keysym(n)?)).collect::<Result<_, _>>()?;
        for &code in &codes {
            conn.xtest_fake_input(xproto::KEY_PRESS_EVENT, code, 0, x11rb::NONE, 0, 0, 0).map_err(x11)?;
        }
        for &code in codes.iter().rev() {
            conn.xtest_fake_input(xproto::KEY_RELEASE_EVENT, code, 0, x11rb::NONE, 0, 0, 0).map_err(x11)?;
        }
        conn.flush().map_err(x11)?;
        std::thread::sleep(Duration::from_millis(100));
        Ok(())
    }

    /// One character typed: a lowercase letter or a space.
    fn type_char(&self, conn: &RustConnection, c: char) -> Result<(), String> {
        // Latin-1 keysyms are the characters' code points.
        let code = self.keycode(u32::from(c))?;
        conn.xtest_fake_input(xproto::KEY_PRESS_EVENT, code, 0, x11rb::NONE, 0, 0, 0).map_err(x11)?;
        conn.xtest_fake_input(xproto::KEY_RELEASE_EVENT, code, 0, x11rb::NONE, 0, 0, 0).map_err(x11)?;
        conn.flush().map_err(x11)
    }

    fn click(&self, conn: &RustConnection, root: u32, x: i16, y: i16) -> Result<(), String> {
        conn.xtest_fake_input(xproto::MOTION_NOTIFY_EVENT, 0, 0, root, x, y, 0).map_err(x11)?;
        conn.xtest_fake_input(xproto::BUTTON_PRESS_EVENT, 1, 0, x11rb::NONE, 0, 0, 0).map_err(x11)?;
        conn.xtest_fake_input(xproto::BUTTON_RELEASE_EVENT, 1, 0, x11rb::NONE, 0, 0, 0).map_err(x11)?;
        conn.flush().map_err(x11)
    }
}

fn keysym(name: &str) -> Result<u32, String> {
    Ok(match name {
        "Control_L" => 0xffe3,
        "Home" => 0xff50,
        "End" => 0xff57,
        _ => return Err(format!("no keysym named {name}")),
    })
}
