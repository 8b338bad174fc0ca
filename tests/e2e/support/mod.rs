//! Starts what an end-to-end test needs: a private X display (Xvfb), and
//! tauri-driver, which launches the real app binary in WebKitGTK for each
//! WebDriver session. Everything is stopped when the harness is dropped.

use std::io::{BufRead, BufReader};
use std::net::TcpListener;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, Instant};

use serde_json::json;

pub mod keyring;
pub mod person;
pub mod webdriver;
pub mod x11;
use webdriver::Session;

pub const APP: &str = env!("CARGO_BIN_EXE_briefdesk");

/// One app at a time: parallel WebKit processes on two cores make the
/// timing-sensitive steps flaky, and the whole file runs in seconds anyway.
static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

pub struct Harness {
    _turn: MutexGuard<'static, ()>,
    xvfb: Child,
    /// A window manager (openbox), for tests that type and click as a person does.
    wm: Option<Child>,
    driver: Driver,
    display: String,
}

/// One tauri-driver, in its own process group so that dropping it stops it
/// together with the WebKitWebDriver and app processes it started. A
/// WebKitWebDriver serves one session, so a test with two app windows on one
/// display starts a second driver with [`Harness::second_driver`].
pub struct Driver {
    child: Child,
    port: u16,
}

impl Harness {
    pub fn start() -> Harness {
        Harness::start_with_env(&[])
    }

    /// Starts with extra environment variables for the app.
    pub fn start_with_env(env: &[(&str, &str)]) -> Harness {
        Harness::start_with(env, None)
    }

    /// Starts with a private 1 MB filesystem mounted over `folder`, which
    /// only the app sees (tauri-driver, and so the app, runs in its own
    /// mount namespace: `unshare --mount --map-root-user`). The test reaches
    /// it through [`Harness::inside`].
    pub fn start_with_small_filesystem(folder: &Path) -> Harness {
        Harness::start_with(&[], Some(folder))
    }

    /// Starts a 1920×1080 display with a window manager (openbox), for
    /// tests that drive the window with real X key and pointer events.
    pub fn start_for_a_person(env: &[(&str, &str)]) -> Harness {
        let mut harness = Harness::start_sized(env, None, "1920x1080x24");
        let wm = Command::new("openbox")
            .env("DISPLAY", &harness.display)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start openbox (install it with `make bootstrap`)");
        harness.wm = Some(wm);
        std::thread::sleep(Duration::from_millis(300));
        harness
    }

    pub fn display(&self) -> &str {
        &self.display
    }

    /// `path` as the app sees it, for this test outside its mount namespace.
    pub fn inside(&self, path: &Path) -> PathBuf {
        let root = PathBuf::from(format!("/proc/{}/root", self.driver.child.id()));
        root.join(path.strip_prefix("/").unwrap_or(path))
    }

    fn start_with(env: &[(&str, &str)], small_filesystem: Option<&Path>) -> Harness {
        Harness::start_sized(env, small_filesystem, "1280x800x24")
    }

    fn start_sized(env: &[(&str, &str)], small_filesystem: Option<&Path>, screen: &str) -> Harness {
        // A test that failed while holding the lock leaves nothing behind
        // (its processes die with its Harness), so a poisoned lock is fine.
        let turn = ONE_AT_A_TIME.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let (xvfb, display) = start_xvfb(screen);
        let driver = Driver::start(&display, env, small_filesystem);
        Harness { _turn: turn, xvfb, wm: None, driver, display }
    }

    /// Another tauri-driver on this display, for a second app window (a
    /// second person's laptop) beside the first.
    pub fn second_driver(&self, env: &[(&str, &str)]) -> Driver {
        Driver::start(&self.display, env, None)
    }

    /// The clipboard's content as `mime` (e.g. `text/html`), read with xclip.
    pub fn clipboard(&self, mime: &str) -> String {
        let out = Command::new("xclip")
            .args(["-o", "-selection", "clipboard", "-t", mime])
            .env("DISPLAY", &self.display)
            .output()
            .expect("run xclip (install it with `make bootstrap`)");
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Asks the window whose title `matches` to close, as its close button does.
    pub fn close_window_titled(&self, matches: impl Fn(&str) -> bool) {
        x11::request_close_matching(&self.display, |t| matches(&String::from_utf8_lossy(t)))
            .unwrap_or_else(|e| panic!("close the window: {e}"));
    }

    /// The memory maps (`/proc/PID/maps`) of every WebKit web process the
    /// app under test has started.
    pub fn web_process_maps(&self) -> Vec<String> {
        let group = self.driver.child.id().to_string();
        let Ok(entries) = std::fs::read_dir("/proc") else { return Vec::new() };
        entries
            .flatten()
            .filter_map(|entry| {
                let stat = std::fs::read_to_string(entry.path().join("stat")).ok()?;
                let (name, rest) = stat.split_once(" (")?.1.rsplit_once(')')?;
                // After the name: state, parent, process group.
                let in_group = rest.split_whitespace().nth(2) == Some(group.as_str());
                (in_group && name.starts_with("WebKitWebProces"))
                    .then(|| std::fs::read_to_string(entry.path().join("maps")).ok())?
            })
            .collect()
    }

    /// Launches the app on the database at `db` with no WebDriver session:
    /// WebDriver's automation slows WebKit's key handling, so a test of key
    /// order against clicks runs the app as a person does. The child is
    /// killed when dropped.
    pub fn launch_unwatched(&self, db: &Path, env: &[(&str, &str)]) -> Unwatched {
        let child = Command::new(APP)
            .arg("--db")
            .arg(db)
            .env("DISPLAY", &self.display)
            .envs(env.iter().map(|(k, v)| (*k, *v)))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start the app");
        Unwatched(child)
    }

    /// Launches the app on the database at `db` and connects to it.
    pub fn launch(&self, db: &Path) -> Session {
        self.driver.launch(db, &self.display)
    }
}

impl Driver {
    fn start(display: &str, env: &[(&str, &str)], small_filesystem: Option<&Path>) -> Driver {
        let port = free_port();
        let native_port = free_port();
        let driver_bin = which("tauri-driver").unwrap_or_else(|| {
            panic!(
                "tauri-driver is not installed: run `make bootstrap` (cargo install tauri-driver --locked)"
            )
        });
        let mut driver = match small_filesystem {
            None => Command::new(driver_bin),
            Some(folder) => {
                // `unshare` and `sh` exec, so the child is tauri-driver itself.
                let mut unshare = Command::new("unshare");
                unshare.args(["--mount", "--map-root-user", "sh", "-c"]);
                unshare.arg("mount -t tmpfs -o size=1m tmpfs \"$0\" && exec \"$@\"");
                unshare.arg(folder).arg(driver_bin);
                unshare
            }
        };
        let child = driver
            .process_group(0)
            .args(["--port", &port.to_string(), "--native-port", &native_port.to_string()])
            .env("DISPLAY", display)
            .envs(env.iter().map(|(k, v)| (*k, *v)))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start tauri-driver");
        let driver = Driver { child, port };
        driver.wait_until_ready();
        driver
    }

    /// Waits until tauri-driver answers `GET /status`: an open port alone
    /// is not enough, it may still drop the first session request.
    fn wait_until_ready(&self) {
        let deadline = Instant::now() + Duration::from_secs(20);
        let url = format!("http://127.0.0.1:{}/status", self.port);
        while Instant::now() < deadline {
            if ureq::get(&url).call().is_ok_and(|r| r.status().is_success()) {
                return;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        panic!("tauri-driver did not answer {url}");
    }

    /// Launches the app on the database at `db` on `display` and connects to it.
    pub fn launch(&self, db: &Path, display: &str) -> Session {
        let db = db.to_str().expect("utf-8 temp path");
        Session::start(
            &format!("http://127.0.0.1:{}", self.port),
            json!({ "tauri:options": { "application": APP, "args": ["--db", db] } }),
            display,
        )
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        let group = format!("-{}", self.child.id());
        let _ = Command::new("kill").args(["-KILL", "--", &group]).status();
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Harness {
    fn drop(&mut self) {
        // The driver (a field) is dropped after this, but the display must
        // outlive its app: stop it first.
        let group = format!("-{}", self.driver.child.id());
        let _ = Command::new("kill").args(["-KILL", "--", &group]).status();
        if let Some(wm) = &mut self.wm {
            let _ = wm.kill();
            let _ = wm.wait();
        }
        let _ = self.xvfb.kill();
        let _ = self.xvfb.wait();
    }
}

pub struct Unwatched(pub Child);

impl Drop for Unwatched {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Starts Xvfb on a display it picks itself (-displayfd), so parallel runs
/// never collide.
fn start_xvfb(screen: &str) -> (Child, String) {
    let mut xvfb = Command::new("Xvfb")
        .args(["-displayfd", "1", "-screen", "0", screen, "-nolisten", "tcp"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start Xvfb (install it with `make bootstrap`)");
    let stdout = xvfb.stdout.take().expect("Xvfb stdout");
    let mut line = String::new();
    BufReader::new(stdout).read_line(&mut line).expect("read the display number from Xvfb");
    let number = line.trim();
    assert!(!number.is_empty(), "Xvfb did not report a display");
    (xvfb, format!(":{number}"))
}

fn free_port() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind a free port");
    listener.local_addr().expect("local address").port()
}

fn which(program: &str) -> Option<PathBuf> {
    let home_bin = std::env::var_os("HOME").map(|home| PathBuf::from(home).join(".cargo/bin"));
    std::env::var_os("PATH")
        .map(|paths| std::env::split_paths(&paths).collect::<Vec<_>>())
        .unwrap_or_default()
        .into_iter()
        .chain(home_bin)
        .map(|dir| dir.join(program))
        .find(|path| path.is_file())
}

/// Saves a PNG of the window under `target/e2e/` (`name` may name a folder in it).
pub fn screenshot(app: &Session, name: &str) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/e2e").join(name);
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).expect("create the screenshot folder");
    }
    std::fs::write(path, app.screenshot_png()).expect("write the screenshot");
}
