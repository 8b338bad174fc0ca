//! The shipped security configuration, asserted (see SECURITY.md): the
//! files a release is built from are read as they are and checked against
//! the threat model, so loosening one fails `make test`.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use serde_json::Value;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn json(path: &Path) -> Value {
    serde_json::from_str(&read(path)).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The CSP as directive → sources.
fn csp() -> Vec<(String, String)> {
    let config = json(&root().join("tauri.conf.json"));
    let Some(csp) = config["app"]["security"]["csp"].as_object() else {
        panic!("tauri.conf.json must set app.security.csp as directives");
    };
    csp.iter().map(|(k, v)| (k.clone(), v.as_str().unwrap_or_default().to_string())).collect()
}

fn directive(name: &str) -> String {
    csp().into_iter().find(|(k, _)| k == name).map(|(_, v)| v).unwrap_or_default()
}

#[test]
fn the_csp_allows_no_eval_no_inline_script_and_ipc_only_connections() {
    for (name, sources) in csp() {
        assert!(!sources.contains("unsafe-eval"), "{name} allows unsafe-eval");
        assert!(!sources.contains("unsafe-inline"), "{name} allows unsafe-inline");
        assert!(!sources.contains('*'), "{name} allows a wildcard: {sources}");
        assert!(!sources.contains("http://") || name == "connect-src", "{name} names a host: {sources}");
    }
    assert_eq!(directive("default-src"), "'self'");
    assert_eq!(directive("script-src"), "'self'");
    let connect: BTreeSet<String> = directive("connect-src").split_whitespace().map(String::from).collect();
    let ipc: BTreeSet<String> = ["ipc:", "http://ipc.localhost"].map(String::from).into();
    assert_eq!(connect, ipc, "connect-src must be the IPC channel only");
    for blocked in ["object-src", "base-uri", "form-action", "frame-src"] {
        assert_eq!(directive(blocked), "'none'", "{blocked}");
    }
}

#[test]
fn the_page_gets_no_global_tauri_and_a_frozen_prototype() {
    let config = json(&root().join("tauri.conf.json"));
    assert_eq!(config["app"]["withGlobalTauri"], Value::Bool(false));
    assert_eq!(config["app"]["security"]["freezePrototype"], Value::Bool(true));
    let windows = config["app"]["windows"].as_array().cloned().unwrap_or_default();
    let labels: Vec<&str> = windows.iter().filter_map(|w| w["label"].as_str()).collect();
    assert_eq!(labels, ["main"], "one window, named main");
}

/// Commands the UI calls: every `call<…>('name'` in ui/src.
fn commands_the_ui_calls() -> BTreeSet<String> {
    let api = read(&root().join("ui/src/lib/api.ts"));
    let mut used = BTreeSet::new();
    for piece in api.split("call<").skip(1) {
        let Some(start) = piece.find("('") else { continue };
        let name: String =
            piece[start + 2..].chars().take_while(|c| c.is_ascii_lowercase() || *c == '_').collect();
        used.insert(name);
    }
    used
}

/// Commands the app registers: `commands::name,` in lib.rs's handler.
fn commands_registered() -> BTreeSet<String> {
    let lib = read(&root().join("src-tauri/src/lib.rs"));
    let Some(handler) = lib.split("generate_handler![").nth(1).and_then(|rest| rest.split(']').next()) else {
        panic!("lib.rs has no generate_handler!");
    };
    handler.split(',').filter_map(|c| c.trim().strip_prefix("commands::")).map(String::from).collect()
}

#[test]
fn the_one_capability_is_for_the_main_window_and_grants_only_what_the_ui_uses() {
    let dir = root().join("src-tauri/capabilities");
    let files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .collect();
    assert_eq!(files.len(), 1, "one capability file: {files:?}");
    let capability = json(&files[0]);
    assert_eq!(capability["windows"], serde_json::json!(["main"]));
    assert!(capability.get("remote").is_none(), "no remote URL may reach the IPC");
    let granted: BTreeSet<String> = capability["permissions"]
        .as_array()
        .unwrap_or_else(|| panic!("permissions must be a list of names"))
        .iter()
        .map(|p| p.as_str().unwrap_or_else(|| panic!("permission {p} must be a plain name")).to_string())
        .collect();

    let used = commands_the_ui_calls();
    assert!(used.len() >= 30, "only {} commands found in api.ts", used.len());
    assert_eq!(used, commands_registered(), "the UI calls exactly the registered commands");
    // The window close hook (save before closing) and Ctrl+Q's close are
    // the only core APIs the page uses.
    let core: BTreeSet<String> = [
        "core:event:allow-listen",
        "core:event:allow-unlisten",
        "core:window:allow-destroy",
        "core:window:allow-close",
    ]
    .map(String::from)
    .into();
    let expected: BTreeSet<String> =
        used.iter().map(|c| format!("allow-{}", c.replace('_', "-"))).chain(core).collect();
    assert_eq!(granted, expected);
}

#[test]
fn no_plugin_gives_the_page_a_shell_files_or_the_network() {
    let manifest = read(&root().join("Cargo.toml"));
    for plugin in ["tauri-plugin-shell", "tauri-plugin-fs", "tauri-plugin-http", "tauri-plugin-opener"] {
        assert!(!manifest.contains(plugin), "{plugin} is a dependency");
    }
    let package: Value = json(&root().join("ui/package.json"));
    let deps = [&package["dependencies"], &package["devDependencies"]];
    for name in deps.iter().filter_map(|d| d.as_object()).flat_map(|d| d.keys()) {
        assert!(
            !name.starts_with("@tauri-apps/plugin-"),
            "the page must not carry a Tauri plugin's JS API: {name}"
        );
    }
}

/// Each `#[tauri::command…]` in `source`: the function's name and its
/// signature (up to the body's brace). Attribute arguments such as
/// `(rename_all = "snake_case")` are part of the attribute, not a new one.
fn command_signatures(source: &str) -> Vec<(String, String)> {
    source
        .split("#[tauri::command")
        .skip(1)
        .map(|piece| {
            let head = piece.split('{').next().unwrap_or_default().to_string();
            let name = head
                .split("fn ")
                .nth(1)
                .map(|rest| rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect())
                .unwrap_or_else(|| panic!("a #[tauri::command] without a function: {head}"));
            (name, head)
        })
        .collect()
}

/// The commands among `source`'s whose parameters name a path or file.
fn commands_taking_paths(source: &str) -> Vec<String> {
    command_signatures(source)
        .into_iter()
        .filter(|(_, head)| {
            let params = head.split_once('(').map_or("", |(_, rest)| rest);
            ["PathBuf", "Path", "path:", "file:", "dir:"].iter().any(|forbidden| params.contains(forbidden))
        })
        .map(|(name, _)| name)
        .collect()
}

#[test]
fn no_command_takes_a_path_from_the_page() {
    // Files are read and written only where the user chose in a native
    // dialog opened by Rust, so no command may accept a path or file name.
    let commands = read(&root().join("src-tauri/src/commands.rs"));
    let found: BTreeSet<String> = command_signatures(&commands).into_iter().map(|(name, _)| name).collect();
    // Every command is seen: the same set the handler registers and the UI
    // calls (whose permissions the capability test checks).
    assert_eq!(found, commands_registered(), "commands.rs's commands against generate_handler!");
    assert!(found.len() >= 30, "only {} commands found in commands.rs", found.len());
    assert_eq!(commands_taking_paths(&commands), Vec::<String>::new());
}

#[test]
fn the_path_check_finds_a_command_that_takes_a_path() {
    // The check above once split on `#[tauri::command]` while every command
    // carries arguments, so it saw none; this proves it sees them now.
    let source = r#"
#[tauri::command(rename_all = "snake_case")]
pub async fn get_brief(state: State<'_, AppState>, id: BriefId) -> Result<Brief, IpcError> {
    state.with_store(|store| store.get(id))
}

#[tauri::command(rename_all = "snake_case")]
pub async fn import_from(state: State<'_, AppState>, from: std::path::PathBuf) -> Result<(), IpcError> {
    todo!()
}

#[tauri::command]
pub async fn export_to(target_path: String) -> Result<(), IpcError> {
    todo!()
}
"#;
    let names: Vec<String> = command_signatures(source).into_iter().map(|(name, _)| name).collect();
    assert_eq!(names, ["get_brief", "import_from", "export_to"]);
    assert_eq!(commands_taking_paths(source), ["import_from", "export_to"]);
}
