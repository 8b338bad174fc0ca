//! A small blocking W3C WebDriver client: just the commands the end-to-end
//! tests use. (fantoccini hung on Take Screenshot against tauri-driver here;
//! see ARCHITECTURE.md.)

use std::time::{Duration, Instant};

use serde_json::{json, Value};

/// The key under which W3C WebDriver returns an element reference.
const ELEMENT_KEY: &str = "element-6066-11e4-a52e-4f735466cecf";

/// W3C WebDriver key codes.
pub const ALT: char = '\u{E00A}';
pub const ARROW_UP: char = '\u{E013}';
pub const RELEASE_MODIFIERS: char = '\u{E000}';

pub struct Session {
    agent: ureq::Agent,
    base: String,
    /// The X display the app runs on, for screenshots.
    display: String,
}

#[derive(Clone, Debug)]
pub struct Element(String);

impl Session {
    pub fn start(driver: &str, capabilities: Value, display: &str) -> Session {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(Duration::from_secs(60)))
            .build()
            .into();
        let body = json!({ "capabilities": { "alwaysMatch": capabilities } });
        let response = call(&agent, "POST", &format!("{driver}/session"), Some(body))
            .unwrap_or_else(|e| panic!("new WebDriver session: {e}"));
        let id = response["sessionId"].as_str().expect("session id").to_owned();
        Session { agent, base: format!("{driver}/session/{id}"), display: display.to_owned() }
    }

    fn cmd(&self, method: &str, path: &str, body: Option<Value>) -> Result<Value, String> {
        call(&self.agent, method, &format!("{}{path}", self.base), body)
    }

    pub fn try_find(&self, css: &str) -> Option<Element> {
        let found =
            self.cmd("POST", "/element", Some(json!({ "using": "css selector", "value": css }))).ok()?;
        found[ELEMENT_KEY].as_str().map(|id| Element(id.to_owned()))
    }

    /// Waits up to 15 s for an element matching `css`.
    pub fn find(&self, css: &str) -> Element {
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            if let Some(element) = self.try_find(css) {
                return element;
            }
            assert!(Instant::now() < deadline, "no element matches {css}");
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    pub fn find_all(&self, css: &str) -> Vec<Element> {
        self.elements("/elements", css)
    }

    pub fn find_all_in(&self, parent: &Element, css: &str) -> Vec<Element> {
        self.elements(&format!("/element/{}/elements", parent.0), css)
    }

    pub fn find_in(&self, parent: &Element, css: &str) -> Element {
        self.find_all_in(parent, css)
            .into_iter()
            .next()
            .unwrap_or_else(|| panic!("no element matches {css} inside {parent:?}"))
    }

    fn elements(&self, path: &str, css: &str) -> Vec<Element> {
        let found = self
            .cmd("POST", path, Some(json!({ "using": "css selector", "value": css })))
            .unwrap_or_else(|e| panic!("find {css}: {e}"));
        found
            .as_array()
            .map(|list| {
                list.iter().filter_map(|e| e[ELEMENT_KEY].as_str()).map(|id| Element(id.to_owned())).collect()
            })
            .unwrap_or_default()
    }

    pub fn click(&self, element: &Element) {
        if let Err(e) = self.cmd("POST", &format!("/element/{}/click", element.0), Some(json!({}))) {
            // What was in the way is easier to see than to describe.
            let dir = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/e2e");
            let _ = std::fs::create_dir_all(&dir);
            let _ = std::fs::write(dir.join("click-failed.png"), self.screenshot_png());
            let at = self.cmd("POST", "/execute/sync", Some(json!({
                "script": "const r = arguments[0].getBoundingClientRect(); const e = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2); return [r.x, r.y, r.width, r.height, e && e.outerHTML.slice(0, 200)];",
                "args": [{ ELEMENT_KEY: element.0 }]
            })));
            panic!("click {element:?}: {e} (at {at:?}; see target/e2e/click-failed.png)");
        }
    }

    pub fn send_keys(&self, element: &Element, text: &str) {
        self.cmd("POST", &format!("/element/{}/value", element.0), Some(json!({ "text": text })))
            .unwrap_or_else(|e| panic!("type into {element:?}: {e}"));
    }

    /// Empties a text field.
    pub fn clear(&self, element: &Element) {
        self.cmd("POST", &format!("/element/{}/clear", element.0), Some(json!({})))
            .unwrap_or_else(|e| panic!("clear {element:?}: {e}"));
    }

    /// Chooses the option with `value` in a `<select>`, as a user would.
    pub fn select_option(&self, select: &Element, value: &str) {
        self.choose(select, &format!("option[value='{value}']"));
    }

    /// Chooses the first option of a `<select>` (such as "Any status").
    pub fn select_first(&self, select: &Element) {
        self.choose(select, "option:first-child");
    }

    fn choose(&self, select: &Element, option_css: &str) {
        let options = self.find_all_in(select, option_css);
        let option = options.first().unwrap_or_else(|| panic!("no {option_css}"));
        self.click(select);
        self.click(option);
    }

    /// Polls `condition` for up to 15 s.
    pub fn wait_until(&self, mut condition: impl FnMut() -> bool, what: &str) {
        let deadline = Instant::now() + Duration::from_secs(15);
        while !condition() {
            assert!(Instant::now() < deadline, "timed out waiting until {what}");
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    pub fn property(&self, element: &Element, name: &str) -> String {
        let value = self
            .cmd("GET", &format!("/element/{}/property/{name}", element.0), None)
            .unwrap_or_else(|e| panic!("read {name} of {element:?}: {e}"));
        value.as_str().unwrap_or_default().to_owned()
    }

    pub fn value(&self, element: &Element) -> String {
        self.property(element, "value")
    }

    /// The value of the first element matching `css`, if it can be read
    /// (it may be replaced while the page updates).
    pub fn try_value(&self, css: &str) -> Option<String> {
        let element = self.try_find(css)?;
        let value = self.cmd("GET", &format!("/element/{}/property/value", element.0), None).ok()?;
        Some(value.as_str().unwrap_or_default().to_owned())
    }

    /// Like `text_content`, but `None` when the element went away meanwhile.
    pub fn try_text_content(&self, element: &Element) -> Option<String> {
        let value = self.cmd("GET", &format!("/element/{}/property/textContent", element.0), None).ok()?;
        Some(value.as_str().unwrap_or_default().to_owned())
    }

    /// The element's text content, including text WebKit's rendered-text
    /// algorithm skips (such as line-clamped boxes).
    pub fn text_content(&self, element: &Element) -> String {
        self.property(element, "textContent")
    }

    /// Polls until the text of `css` equals `expected`, for up to 15 s.
    pub fn wait_for_text(&self, css: &str, expected: &str) {
        let deadline = Instant::now() + Duration::from_secs(15);
        let mut last = String::new();
        while Instant::now() < deadline {
            let read = self
                .try_find(css)
                .and_then(|element| self.cmd("GET", &format!("/element/{}/text", element.0), None).ok());
            if let Some(text) = read {
                last = text.as_str().unwrap_or_default().to_owned();
                if last.trim() == expected {
                    return;
                }
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        panic!("{css} says {last:?}, expected {expected:?}");
    }

    /// Polls until the value of `css` equals `expected`, for up to 15 s.
    pub fn wait_for_value(&self, css: &str, expected: &str) {
        let deadline = Instant::now() + Duration::from_secs(15);
        let mut last = String::new();
        while Instant::now() < deadline {
            if let Some(value) = self.try_value(css) {
                last = value;
                if last == expected {
                    return;
                }
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        panic!("{css} holds {last:?}, expected {expected:?}");
    }

    pub fn screenshot_png(&self) -> Vec<u8> {
        super::x11::screen_png(&self.display)
            .unwrap_or_else(|e| panic!("screenshot of {}: {e}", self.display))
    }

    pub fn set_window_size(&self, width: u32, height: u32) {
        self.cmd("POST", "/window/rect", Some(json!({ "width": width, "height": height })))
            .unwrap_or_else(|e| panic!("resize the window: {e}"));
    }

    /// Runs `script` in the page and returns its result.
    pub fn execute(&self, script: &str) -> Value {
        self.cmd("POST", "/execute/sync", Some(json!({ "script": script, "args": [] })))
            .unwrap_or_else(|e| panic!("execute {script:?}: {e}"))
    }

    /// The `aria-label` of the focused element.
    pub fn focused_label(&self) -> String {
        let Ok(active) = self.cmd("GET", "/element/active", None) else { return String::new() };
        let Some(id) = active[ELEMENT_KEY].as_str() else { return String::new() };
        self.cmd("GET", &format!("/element/{id}/attribute/aria-label"), None)
            .ok()
            .and_then(|v| v.as_str().map(String::from))
            .unwrap_or_default()
    }

    /// Waits up to `timeout` for the app behind this session to go away;
    /// says whether it did.
    pub fn wait_until_gone_within(&self, timeout: Duration) -> bool {
        let deadline = Instant::now() + timeout;
        while self.cmd("GET", "/title", None).is_ok() {
            if Instant::now() > deadline {
                return false;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        true
    }

    /// Ends the session, which closes the app.
    pub fn close(self) {
        let _ = self.cmd("DELETE", "", None);
    }
}

fn call(agent: &ureq::Agent, method: &str, url: &str, body: Option<Value>) -> Result<Value, String> {
    let response = match (method, body) {
        ("GET", _) => agent.get(url).call(),
        ("DELETE", _) => agent.delete(url).call(),
        (_, Some(body)) => agent.post(url).send_json(body),
        (_, None) => agent.post(url).send_empty(),
    };
    let mut response = response.map_err(|e| format!("{method} {url}: {e}"))?;
    let status = response.status();
    let json: Value = response
        .body_mut()
        .with_config()
        .limit(64 * 1024 * 1024)
        .read_json()
        .map_err(|e| format!("{method} {url}: {e}"))?;
    if !status.is_success() {
        return Err(format!("{method} {url}: {status}: {}", json["value"]));
    }
    Ok(json["value"].clone())
}
