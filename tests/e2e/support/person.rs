//! A person at the keyboard and mouse: real X key and pointer events sent
//! with xdotool (XTest) to the display, with a window manager running, as
//! WebKitGTK receives them from a person. WebDriver only reads the page.

use std::process::{Command, Stdio};
use std::time::Duration;

use serde_json::Value;

use super::webdriver::Session;

pub struct Person<'a> {
    display: String,
    app: Option<&'a Session>,
    /// Screen position of the page's top-left corner.
    origin: (i64, i64),
    /// The X window this person works in, when more than one app window is
    /// on the screen (two laptops side by side); `None` is the only one.
    window: Option<String>,
}

/// How long a fast typist takes between keys.
pub const FAST_TYPIST_MS: u32 = 30;

impl<'a> Person<'a> {
    /// Finds where the page is on the screen: the pointer is moved over the
    /// window and the page reports where it saw it.
    pub fn at(display: &str, app: &'a Session) -> Person<'a> {
        Person::find_origin(Person {
            display: display.to_owned(),
            app: Some(app),
            origin: (0, 0),
            window: None,
        })
    }

    /// At the app window `window` (an X window id from [`app_windows`]),
    /// moved and sized to `(x, y, width, height)` on the screen first.
    pub fn at_window(
        display: &str,
        app: &'a Session,
        window: String,
        place: (u32, u32, u32, u32),
    ) -> Person<'a> {
        let (x, y, width, height) = place;
        let person =
            Person { display: display.to_owned(), app: Some(app), origin: (0, 0), window: Some(window) };
        let id = person.window.clone().unwrap_or_default();
        person.xdotool(&["windowsize", "--sync", &id, &width.to_string(), &height.to_string()]);
        person.xdotool(&["windowmove", "--sync", &id, &x.to_string(), &y.to_string()]);
        // The page lays itself out again at the new size.
        std::thread::sleep(Duration::from_millis(300));
        Person::find_origin(person)
    }

    fn find_origin(mut person: Person<'a>) -> Person<'a> {
        let app = person.app.unwrap_or_else(|| panic!("finding the page needs its WebDriver session"));
        app.execute(
            "window.__origin = null; addEventListener('mousemove', (e) => { window.__origin = [e.screenX - e.clientX, e.screenY - e.clientY]; }, { once: false });",
        );
        person.activate();
        let (x, y) = match &person.window {
            None => (600, 400),
            Some(_) => {
                let (x, y, width, height) = person.window_geometry();
                (x + width / 2, y + height / 2)
            }
        };
        for (x, y) in [(x, y), (x + 10, y + 10)] {
            person.xdotool(&["mousemove", &x.to_string(), &y.to_string()]);
            std::thread::sleep(Duration::from_millis(100));
        }
        let origin = app.execute("return window.__origin");
        let (Some(x), Some(y)) = (origin[0].as_i64(), origin[1].as_i64()) else {
            panic!("the page saw no pointer over the window: {origin}");
        };
        person.origin = (x, y);
        person
    }

    /// At the keyboard and mouse of an app no WebDriver session watches:
    /// positions come from [`Person::centre_of`] measured in an earlier,
    /// watched launch of the same window.
    pub fn unwatched(display: &str) -> Person<'static> {
        let person = Person { display: display.to_owned(), app: None, origin: (0, 0), window: None };
        person.activate();
        person
    }

    /// Where the app's window is on the screen (openbox may place a new
    /// window elsewhere than the last one).
    pub fn window_position(&self) -> (i64, i64) {
        let (x, y, _, _) = self.window_geometry();
        (x, y)
    }

    /// `(x, y, width, height)` of this person's window on the screen.
    fn window_geometry(&self) -> (i64, i64, i64, i64) {
        let args: Vec<&str> = match &self.window {
            Some(id) => vec!["getwindowgeometry", "--shell", id],
            None => vec!["search", "--onlyvisible", "--name", "Briefdesk", "getwindowgeometry", "--shell"],
        };
        let out =
            Command::new("xdotool").args(args).env("DISPLAY", &self.display).output().expect("run xdotool");
        let text = String::from_utf8_lossy(&out.stdout);
        let field = |name: &str| -> i64 {
            text.lines()
                .filter_map(|l| l.strip_prefix(name))
                .filter_map(|v| v.parse().ok())
                .next_back()
                .unwrap_or_else(|| panic!("no window geometry in {text:?}"))
        };
        (field("X="), field("Y="), field("WIDTH="), field("HEIGHT="))
    }

    /// Gives the app's window the keyboard, as a click on it would. A
    /// window that is closing may still match for a moment: retried.
    fn activate(&self) {
        let args: Vec<&str> = match &self.window {
            Some(id) => vec!["windowactivate", "--sync", id],
            None => {
                vec!["search", "--sync", "--onlyvisible", "--name", "Briefdesk", "windowactivate", "--sync"]
            }
        };
        for _ in 0..20 {
            let ok = Command::new("xdotool")
                .args(&args)
                .env("DISPLAY", &self.display)
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status()
                .is_ok_and(|s| s.success());
            if ok {
                return;
            }
            std::thread::sleep(Duration::from_millis(250));
        }
        panic!("the Briefdesk window could not be activated");
    }

    /// With two windows on the screen, keys go to whichever has the focus:
    /// this person's must have it first.
    fn takes_the_keyboard(&self) {
        if self.window.is_some() {
            self.activate();
        }
    }

    fn session(&self) -> &Session {
        self.app.unwrap_or_else(|| panic!("this person's app has no WebDriver session"))
    }

    fn xdotool(&self, args: &[&str]) {
        let status = Command::new("xdotool")
            .args(args)
            .env("DISPLAY", &self.display)
            .stdout(Stdio::null())
            .status()
            .expect("run xdotool (install it with `make bootstrap`)");
        assert!(status.success(), "xdotool {args:?} failed");
    }

    /// Whether a window whose title begins with `title` is on the screen.
    pub fn sees_window(&self, title: &str) -> bool {
        let deadline = std::time::Instant::now() + Duration::from_secs(5);
        while std::time::Instant::now() < deadline {
            if super::x11::window_titles(&self.display).is_ok_and(|t| t.iter().any(|t| t.starts_with(title)))
            {
                return true;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        false
    }

    /// Types `text` key by key, `delay_ms` apart.
    pub fn types(&self, text: &str, delay_ms: u32) {
        self.takes_the_keyboard();
        self.xdotool(&["type", "--delay", &delay_ms.to_string(), "--", text]);
    }

    /// Presses keys, e.g. `ctrl+z`, `Tab`, `shift+Tab`.
    pub fn presses(&self, keys: &str) {
        self.takes_the_keyboard();
        self.xdotool(&["key", "--delay", "40", keys]);
    }

    /// The centre of the first element matching `css`, on the screen.
    pub fn centre_of(&self, css: &str) -> (i64, i64) {
        let rect = self.rect_of(css);
        (self.origin.0 + (rect[0] + rect[2] / 2.0) as i64, self.origin.1 + (rect[1] + rect[3] / 2.0) as i64)
    }

    /// `[x, y, width, height]` of the first element matching `css`, in the page.
    pub fn rect_of(&self, css: &str) -> [f64; 4] {
        let css_json = Value::String(css.to_owned());
        let script = format!(
            "const e = document.querySelector({css_json}); if (!e) return null; e.scrollIntoView({{block: 'nearest'}}); const r = e.getBoundingClientRect(); return [r.x, r.y, r.width, r.height];"
        );
        let value = self.session().execute(&script);
        let get = |i: usize| value[i].as_f64().unwrap_or_else(|| panic!("no element {css} on the page"));
        [get(0), get(1), get(2), get(3)]
    }

    /// Moves the pointer to `css` and clicks it, with `modifiers` held (`ctrl`).
    pub fn clicks(&self, css: &str) {
        self.clicks_with(css, None);
    }

    pub fn clicks_with(&self, css: &str, modifier: Option<&str>) {
        let (x, y) = self.centre_of(css);
        self.clicks_at(x, y, modifier, 1);
    }

    /// Clicks at a screen position with button 1 (3 is the right button).
    pub fn clicks_at(&self, x: i64, y: i64, modifier: Option<&str>, button: u8) {
        self.takes_the_keyboard();
        self.xdotool(&["mousemove", "--sync", &x.to_string(), &y.to_string()]);
        if let Some(m) = modifier {
            self.xdotool(&["keydown", m]);
        }
        self.xdotool(&["click", &button.to_string()]);
        if let Some(m) = modifier {
            self.xdotool(&["keyup", m]);
        }
    }

    /// Right-clicks `offset` pixels into the element (from its left, at its first line).
    pub fn right_clicks_into(&self, css: &str, offset: f64) {
        let rect = self.rect_of(css);
        let x = self.origin.0 + (rect[0] + offset) as i64;
        let y = self.origin.1 + (rect[1] + 18.0_f64.min(rect[3] / 2.0)) as i64;
        self.clicks_at(x, y, None, 3);
    }

    /// Puts `text` on the clipboard as another program would (xclip keeps
    /// serving it until the next copy).
    pub fn copies(&self, text: &str) {
        use std::io::Write;
        let mut xclip = Command::new("xclip")
            .args(["-selection", "clipboard", "-t", "UTF8_STRING"])
            .env("DISPLAY", &self.display)
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("run xclip");
        xclip.stdin.take().expect("xclip stdin").write_all(text.as_bytes()).expect("write to xclip");
        // xclip forks a child that serves the clipboard; the parent exits.
        xclip.wait().expect("xclip");
        std::thread::sleep(Duration::from_millis(200));
    }

    /// Screen pixels that are a spelling marker's red, inside `css`'s box.
    pub fn red_pixels_in(&self, css: &str) -> usize {
        let rect = self.rect_of(css);
        // Scrolled into view: let the screen catch up.
        std::thread::sleep(Duration::from_millis(300));
        let png = self.session().screenshot_png();
        let decoder = png::Decoder::new(std::io::Cursor::new(png));
        let mut reader = decoder.read_info().expect("read the screenshot");
        let mut pixels = vec![0; reader.output_buffer_size().expect("size")];
        let info = reader.next_frame(&mut pixels).expect("decode the screenshot");
        let width = info.width as i64;
        let (x0, y0) = (self.origin.0 + rect[0] as i64, self.origin.1 + rect[1] as i64);
        let mut red = 0;
        for y in y0.max(0)..(y0 + rect[3] as i64) {
            for x in x0.max(0)..(x0 + rect[2] as i64).min(width) {
                let i = ((y * width + x) * 3) as usize;
                if let [r, g, b] = pixels[i..i + 3] {
                    if r > 200 && g < 160 && b < 160 && i32::from(r) - i32::from(g) > 80 {
                        red += 1;
                    }
                }
            }
        }
        red
    }
}

/// The X window ids of the app windows on `display`, for telling apart two
/// windows launched one after the other.
pub fn app_windows(display: &str) -> Vec<String> {
    let out = Command::new("xdotool")
        .args(["search", "--onlyvisible", "--name", "Briefdesk"])
        .env("DISPLAY", display)
        .output()
        .expect("run xdotool (install it with `make bootstrap`)");
    String::from_utf8_lossy(&out.stdout).lines().map(str::to_owned).collect()
}
