//! A desktop keyring of the test's own: a private D-Bus session bus with
//! GNOME Keyring's Secret Service on it, its login keyring unlocked, its
//! files in a temporary folder. The app is pointed at the bus by
//! `DBUS_SESSION_BUS_ADDRESS`; `secret-tool` reads what it kept.

use std::io::Write;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub struct SessionKeyring {
    bus: Child,
    pub address: String,
    home: std::path::PathBuf,
}

impl SessionKeyring {
    pub fn start(dir: &Path) -> SessionKeyring {
        let home = dir.join("keyring-home");
        std::fs::create_dir_all(home.join("runtime")).unwrap();
        let socket = dir.join("bus");
        let address = format!("unix:path={}", socket.display());
        let bus = Command::new("dbus-daemon")
            .args(["--session", "--nofork", "--nopidfile", "--address", &address])
            .stdout(Stdio::null())
            .spawn()
            .expect("start dbus-daemon (install it with `make bootstrap`)");
        let deadline = Instant::now() + Duration::from_secs(10);
        while !socket.exists() {
            assert!(Instant::now() < deadline, "the session bus never came up");
            std::thread::sleep(Duration::from_millis(20));
        }
        let keyring = SessionKeyring { bus, address, home };
        // `--unlock` makes the login keyring with the password on standard
        // input, unlocked, and leaves the daemon running on the bus.
        let mut daemon = keyring
            .command("gnome-keyring-daemon")
            .args(["--unlock", "--components=secrets"])
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .spawn()
            .expect("start gnome-keyring-daemon (install it with `make bootstrap`)");
        daemon.stdin.take().unwrap().write_all(b"keyring-password").unwrap();
        assert!(daemon.wait().unwrap().success(), "gnome-keyring-daemon did not start");
        keyring
    }

    /// The variables that put a program on this keyring's bus.
    pub fn env(&self) -> Vec<(&'static str, String)> {
        vec![("DBUS_SESSION_BUS_ADDRESS", self.address.clone())]
    }

    fn command(&self, program: &str) -> Command {
        let mut command = Command::new(program);
        command
            .env("DBUS_SESSION_BUS_ADDRESS", &self.address)
            .env("HOME", &self.home)
            .env("XDG_DATA_HOME", self.home.join("data"))
            .env("XDG_RUNTIME_DIR", self.home.join("runtime"));
        command
    }

    /// The secret kept for `service` and `user`, as any Secret Service client finds it.
    pub fn lookup(&self, service: &str, user: &str) -> Option<String> {
        let out = self
            .command("secret-tool")
            .args(["lookup", "service", service, "username", user])
            .output()
            .expect("run secret-tool (install it with `make bootstrap`)");
        out.status.success().then(|| String::from_utf8_lossy(&out.stdout).into_owned())
    }
}

impl Drop for SessionKeyring {
    fn drop(&mut self) {
        // The keyring daemon leaves with its bus.
        let _ = self.bus.kill();
        let _ = self.bus.wait();
    }
}
