//! The Briefdesk desktop app: Tauri wiring around `briefdesk-store`.
//!
//! Nothing here decides anything about briefs; see `commands.rs`.

#[cfg(test)]
mod bindings;
mod commands;
mod desk_login;
mod desk_sync;
mod dialogs;
mod error;
mod menu;
mod navigation;
mod opener;
#[cfg(test)]
mod security_config;
mod spelling;
mod state;
mod webview;

use std::path::PathBuf;
use std::sync::atomic::AtomicBool;

use tauri::webview::NewWindowResponse;
use tauri::{DragDropEvent, Emitter, Manager, WebviewWindowBuilder, WindowEvent};

pub use error::IpcError;
pub use state::AppState;

impl AppState {
    /// The installed dictionaries, the one chosen and the one in use.
    async fn spelling(&self) -> Result<spelling::SpellingLanguages, IpcError> {
        let chosen = self.read(|store| store.spelling_language()).await?;
        Ok(spelling::languages(chosen))
    }
}

/// The window's title: the open brief's headline first, as a person looks
/// for it in the task bar.
fn window_title(headline: Option<&str>) -> String {
    match headline.map(str::trim) {
        None => "Briefdesk".to_owned(),
        Some("") => "Untitled brief — Briefdesk".to_owned(),
        Some(headline) => {
            let short: String = headline.chars().take(120).collect();
            let cut = if short.len() < headline.len() { "…" } else { "" };
            format!("{short}{cut} — Briefdesk")
        }
    }
}

/// Opens the main window (declared in tauri.conf.json with `create: false`)
/// with the navigation guard attached: the page never leaves the app.
fn open_main_window(app: &mut tauri::App) -> Result<(), Box<dyn std::error::Error>> {
    let config = app
        .config()
        .app
        .windows
        .iter()
        .find(|w| w.label == "main")
        .cloned()
        .ok_or("no main window in tauri.conf.json")?;
    let loaded = AtomicBool::new(false);
    let window = WebviewWindowBuilder::from_config(app.handle(), &config)?
        .on_navigation(move |url| {
            let allowed = navigation::allows(url, &loaded);
            if !allowed {
                eprintln!("briefdesk: refused to leave the app for {url}");
            }
            allowed
        })
        .on_new_window(|_, _| NewWindowResponse::Deny)
        .build()?;
    // Start-up, before the window shows: reading here may block.
    let chosen = app.state::<AppState>().read_now(|store| store.spelling_language());
    let language = chosen.ok().and_then(|chosen| spelling::languages(chosen).active);
    webview::configure(&window, language)?;
    Ok(())
}

/// `--db PATH` (or `--db=PATH`) from the command line, if given.
fn db_flag(args: impl IntoIterator<Item = String>) -> Option<PathBuf> {
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        if arg == "--db" {
            return args.next().map(PathBuf::from);
        }
        if let Some(path) = arg.strip_prefix("--db=") {
            return Some(PathBuf::from(path));
        }
    }
    None
}

/// The event that tells the page which dropped files became briefs.
const FILES_IMPORTED_EVENT: &str = "files-imported";

/// Files dropped on the window are imported like files picked in the
/// import dialog, off the main thread (a slow disk or a huge file must not
/// freeze the window); the page hears about it through an event.
fn import_dropped_files(window: &tauri::Window, paths: &[PathBuf]) {
    let (window, paths) = (window.clone(), paths.to_vec());
    tauri::async_runtime::spawn(async move {
        let outcome = window.state::<AppState>().import_files(paths).await;
        if let Err(error) = window.emit(FILES_IMPORTED_EVENT, outcome) {
            eprintln!("briefdesk: could not report dropped files: {error}");
        }
    });
}

pub fn run() {
    webview::prepare_environment();
    let state = AppState::open(db_flag(std::env::args().skip(1)));
    let result = tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_clipboard_manager::init())
        .manage(state)
        .setup(|app| {
            open_main_window(app)?;
            app.state::<AppState>().start_desk_sync(app.handle().clone());
            Ok(())
        })
        .menu(menu::build)
        .on_menu_event(menu::on_event)
        .on_window_event(|window, event| {
            if let WindowEvent::DragDrop(DragDropEvent::Drop { paths, .. }) = event {
                import_dropped_files(window, paths);
            }
        })
        .invoke_handler(tauri::generate_handler![
            commands::create_brief,
            commands::get_brief,
            commands::list_briefs,
            commands::search_briefs,
            commands::list_tags,
            commands::list_trash,
            commands::restore_from_trash,
            commands::empty_trash,
            commands::save_draft,
            commands::delete_brief,
            commands::import_files,
            commands::import_example,
            commands::export_brief,
            commands::copy_rich_text,
            commands::list_versions,
            commands::get_version,
            commands::compare_versions,
            commands::save_version,
            commands::set_status,
            commands::restore_version,
            commands::render_html,
            commands::check_brief,
            commands::get_budgets,
            commands::set_budgets,
            commands::open_link,
            commands::set_edit_state,
            commands::show_brief_title,
            commands::outside_changes,
            commands::discard_if_untouched,
            commands::save_as_new,
            commands::get_library_view,
            commands::set_library_view,
            commands::spelling_languages,
            commands::set_spelling_language,
            commands::brief_conflicts,
            commands::desk_conflict,
            commands::resolve_conflict,
            commands::desk_briefs,
            commands::desk_connection,
            commands::find_desks,
            commands::connect_desk,
            commands::disconnect_desk,
            commands::desk_versions,
            commands::desk_version,
            commands::compare_desk_version,
            commands::hold_open_brief,
            commands::follow_open_brief,
        ])
        .run(tauri::generate_context!());
    if let Err(error) = result {
        eprintln!("briefdesk: the window could not be started: {error}");
        std::process::exit(1);
    }
}

#[cfg(test)]
mod tests {
    use std::os::unix::fs::PermissionsExt;

    use super::*;
    use briefdesk_store::Store;

    fn args(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn the_window_title_names_the_brief() {
        assert_eq!(window_title(None), "Briefdesk");
        assert_eq!(window_title(Some(" ")), "Untitled brief — Briefdesk");
        assert_eq!(window_title(Some("Lee meets Xi")), "Lee meets Xi — Briefdesk");
        let long = "é".repeat(300);
        assert_eq!(window_title(Some(&long)), format!("{}… — Briefdesk", "é".repeat(120)));
    }

    #[test]
    fn db_flag_takes_both_spellings() {
        assert_eq!(db_flag(args(&["--db", "/tmp/a.sqlite3"])), Some(PathBuf::from("/tmp/a.sqlite3")));
        assert_eq!(db_flag(args(&["-x", "--db=/tmp/b.sqlite3"])), Some(PathBuf::from("/tmp/b.sqlite3")));
        assert_eq!(db_flag(args(&["--db"])), None);
        assert_eq!(db_flag(args(&[])), None);
    }

    #[test]
    fn an_unopenable_database_answers_every_command_with_the_reason() {
        let dir = tempfile::tempdir().unwrap();
        let damaged = dir.path().join("notes.sqlite3");
        std::fs::write(&damaged, b"not sqlite at all, just text ".repeat(100)).unwrap();
        let newer = dir.path().join("newer.sqlite3");
        drop(Store::open(&newer).unwrap());
        let raw = rusqlite::Connection::open(&newer).unwrap();
        raw.pragma_update(None, "user_version", 99).unwrap();
        drop(raw);
        let read_only = dir.path().join("ro.sqlite3");
        drop(Store::open(&read_only).unwrap());
        make_unwritable(&read_only);
        let blocked = dir.path().join("blocked");
        std::fs::create_dir(&blocked).unwrap();
        make_unwritable(&blocked);

        for (path, code, says) in [
            (damaged.clone(), "damaged", "damaged"),
            (newer.clone(), "newer_database", "newer version of Briefdesk"),
            (read_only.clone(), "read_only", "read-only"),
            (blocked.join("sub/briefs.sqlite3"), "cannot_open", "cannot create the folder"),
        ] {
            let before = std::fs::read(&path).ok();
            let state = AppState::open(Some(path.clone()));
            for error in [
                crate::state::block_on(state.read(|store| store.list())).unwrap_err(),
                crate::state::block_on(state.write(|store| store.create())).unwrap_err(),
            ] {
                assert_eq!(error.code, code, "{}", error.message);
                assert!(error.message.contains(says), "{}", error.message);
            }
            assert_eq!(std::fs::read(&path).ok(), before, "{} was changed", path.display());
        }
        for path in [&read_only, &blocked] {
            let _ = std::process::Command::new("chattr").arg("-i").arg(path).status();
            let _ = std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755));
        }
    }

    /// Permission bits, and for root (who ignores them, as CI runs) the
    /// immutable attribute.
    fn make_unwritable(path: &std::path::Path) {
        let dir = path.is_dir();
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(if dir { 0o555 } else { 0o444 }))
            .unwrap();
        let writable = if dir {
            std::fs::write(path.join(".probe"), b"").is_ok()
                && std::fs::remove_file(path.join(".probe")).is_ok()
        } else {
            std::fs::OpenOptions::new().append(true).open(path).is_ok()
        };
        if writable {
            assert!(std::process::Command::new("chattr").arg("+i").arg(path).status().unwrap().success());
        }
    }

    #[test]
    fn store_errors_cross_as_code_and_message() {
        let dir = tempfile::tempdir().unwrap();
        let state = AppState::open(Some(dir.path().join("b.sqlite3")));
        let id = crate::state::block_on(state.write(|store| store.create())).unwrap().id;
        let error =
            crate::state::block_on(state.write(move |store| store.save_draft(id, 7, &Default::default())))
                .unwrap_err();
        assert_eq!(error.code, "conflict");
        let json = serde_json::to_value(&error).unwrap();
        assert_eq!(json.as_object().unwrap().len(), 2);
        assert_eq!(json["code"], "conflict");
    }
}
