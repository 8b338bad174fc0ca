//! WebKitGTK settings that the page does not control.

#[cfg(target_os = "linux")]
use std::path::Path;

/// Sets WebKitGTK's and JavaScriptCore's environment switches before any
/// web view exists (both read them from the environment, and the web
/// process inherits it), so call this first in `main`, while the process has
/// one thread. A value the user has set is left as it is.
///
/// - The DMABUF renderer is off: an editor showing one local page gains
///   nothing from it, and it cost about 80 MB (PSS over the app's processes,
///   `make bench` under Xvfb); it is also where WebKitGTK's blank-window
///   bugs on some GPU drivers live. (WebKit's own snapshots, which
///   WebDriver's Take Screenshot uses, then wait forever under Xvfb, so the
///   end-to-end tests read the screen from the X server instead.)
/// - JavaScriptCore's JIT compilers are off, as in Safari's Lockdown Mode:
///   the page renders text an attacker may have written (imported files,
///   pasted text), and without a JIT a JavaScriptCore bug is much harder to
///   turn into running code (no writable and executable memory). The page's
///   script is small and mostly waits on the DOM and the store, so the
///   interpreter keeps up; it also saves about 8 MB.
///
/// - Enchant, which the spell checker runs on, gets a folder of the app's
///   own (`ENCHANT_CONFIG_DIR`) that puts hunspell first (`spelling.rs`).
pub fn prepare_environment() {
    #[cfg(target_os = "linux")]
    for (name, value) in [("WEBKIT_DISABLE_DMABUF_RENDERER", "1"), ("JSC_useJIT", "false")] {
        if std::env::var_os(name).is_none() {
            std::env::set_var(name, value);
        }
    }
    #[cfg(target_os = "linux")]
    if std::env::var_os("ENCHANT_CONFIG_DIR").is_none() {
        if let Some(folder) = crate::spelling::enchant_folder(|name| std::env::var_os(name)) {
            let previous = folder.parent().and_then(Path::parent).map(|config| config.join("enchant"));
            match crate::spelling::prepare_enchant_folder(
                &folder,
                previous.as_deref(),
                &crate::spelling::installed(),
            ) {
                Ok(()) => std::env::set_var("ENCHANT_CONFIG_DIR", &folder),
                // Spelling still works, through the desktop's enchant settings.
                Err(error) => eprintln!("briefdesk: cannot prepare {}: {error}", folder.display()),
            }
        }
    }
}

/// Keeps WebKit's memory caches small (the "document viewer" model: an
/// editor showing one local page gains nothing from a browser's caches),
/// turns the spell checker on in `language` (WebKitGTK leaves it off until
/// the embedder asks), and makes the context menu a writing app's.
#[cfg(target_os = "linux")]
pub fn configure(window: &tauri::WebviewWindow, language: Option<String>) -> tauri::Result<()> {
    use webkit2gtk::{CacheModel, WebContextExt, WebViewExt};
    window.with_webview(move |webview| {
        let view = webview.inner();
        if let Some(context) = view.context() {
            context.set_cache_model(CacheModel::DocumentViewer);
            set_spelling(&context, language.as_deref());
        }
        view.connect_context_menu(move |view, menu, _, hit| {
            context_menu::rebuild(view, menu, hit);
            false
        });
    })
}

/// Applies a spelling language chosen in settings.
#[cfg(target_os = "linux")]
pub fn set_spelling_language(window: &tauri::WebviewWindow, language: Option<String>) -> tauri::Result<()> {
    use webkit2gtk::WebViewExt;
    window.with_webview(move |webview| {
        if let Some(context) = webview.inner().context() {
            set_spelling(&context, language.as_deref());
        }
    })
}

#[cfg(target_os = "linux")]
fn set_spelling(context: &webkit2gtk::WebContext, language: Option<&str>) {
    use webkit2gtk::WebContextExt;
    context.set_spell_checking_enabled(language.is_some());
    if let Some(language) = language {
        context.set_spell_checking_languages(&[language]);
    }
}

/// Runs an editing command (`Cut`, `Copy`, `Paste`) on the page, as the
/// Edit menu's items do.
#[cfg(target_os = "linux")]
pub fn edit(window: &tauri::WebviewWindow, command: &'static str) -> tauri::Result<()> {
    use webkit2gtk::WebViewExt;
    window.with_webview(move |webview| webview.inner().execute_editing_command(command))
}

#[cfg(target_os = "linux")]
mod context_menu {
    use webkit2gtk::{
        ContextMenuAction as Action, ContextMenuExt, ContextMenuItem, ContextMenuItemExt, HitTestResultExt,
    };

    /// Keeps what a writing app's context menu offers — spelling
    /// suggestions, "Add to Dictionary", "Ignore", cut, copy, paste, copy
    /// link — and drops a browser's: back, forward, reload, open in a new
    /// window, download, inspect. A link gets "Open Link", which opens it in
    /// the desktop's browser (`opener.rs`), never in this window.
    pub fn rebuild(
        view: &webkit2gtk::WebView,
        menu: &webkit2gtk::ContextMenu,
        hit: &webkit2gtk::HitTestResult,
    ) {
        let kept: Vec<ContextMenuItem> = menu
            .items()
            .into_iter()
            .filter_map(|item| {
                if item.is_separator() {
                    return Some(item);
                }
                match item.stock_action() {
                    Action::SpellingGuess
                    | Action::NoGuessesFound
                    | Action::Cut
                    | Action::Copy
                    | Action::Paste
                    | Action::SelectAll
                    | Action::CopyLinkToClipboard => Some(item),
                    Action::IgnoreSpelling => {
                        Some(ContextMenuItem::from_stock_action_with_label(Action::IgnoreSpelling, "Ignore"))
                    }
                    // WebKitGTK's own "Learn Spelling" is greyed out: ours.
                    Action::LearnSpelling => Some(add_to_dictionary(view)),
                    _ => None,
                }
            })
            .collect();
        menu.remove_all();
        if hit.context_is_link() {
            if let Some(uri) = hit.link_uri() {
                let action = gio::SimpleAction::new("open-link", None);
                let uri = uri.to_string();
                action.connect_activate(move |_, _| {
                    if let Err(error) = crate::opener::open_link(&uri) {
                        eprintln!("briefdesk: {}", error.message);
                    }
                });
                menu.append(&ContextMenuItem::from_gaction(&action, "Open Link", None));
            }
        }
        // No separator at either end or twice in a row.
        let mut last_was_separator = true;
        for item in kept {
            let separator = item.is_separator();
            if !(separator && last_was_separator) {
                menu.append(&item);
            }
            last_was_separator = separator;
        }
        if menu.last().is_some_and(|item| item.is_separator()) {
            if let Some(item) = menu.last() {
                menu.remove(&item);
            }
        }
        log(menu);
    }

    /// "Add to Dictionary": asks the page for the word right-clicked
    /// (`ui/src/lib/spellWord.ts`), adds it to the personal word list of
    /// the languages being checked (enchant reads the list again when it
    /// changes), and lets the page clear its mark.
    fn add_to_dictionary(view: &webkit2gtk::WebView) -> ContextMenuItem {
        use webkit2gtk::{WebContextExt, WebViewExt};
        let action = gio::SimpleAction::new("add-to-dictionary", None);
        let view = view.clone();
        action.connect_activate(move |_, _| {
            let languages: Vec<String> = view
                .context()
                .map(|c| c.spell_checking_languages().iter().map(|l| l.to_string()).collect())
                .unwrap_or_default();
            let page = view.clone();
            view.evaluate_javascript(
                "window.__briefdeskContextWord ?? ''",
                None,
                None,
                None::<&webkit2gtk::gio::Cancellable>,
                move |result| {
                    let Ok(word) = result.map(|value| value.to_string()) else { return };
                    match crate::spelling::learn(&word, &languages) {
                        Ok(()) => page.evaluate_javascript(
                            "window.__briefdeskWordLearnt?.()",
                            None,
                            None,
                            None::<&webkit2gtk::gio::Cancellable>,
                            |_| {},
                        ),
                        Err(error) => eprintln!("briefdesk: cannot add {word:?} to the dictionary: {error}"),
                    }
                },
            );
        });
        ContextMenuItem::from_gaction(&action, "Add to Dictionary", None)
    }

    /// With `BRIEFDESK_CONTEXT_MENU_LOG` set (the end-to-end tests), the
    /// labels of each menu shown, one menu a line: a context menu is a
    /// popup the page cannot see.
    fn log(menu: &webkit2gtk::ContextMenu) {
        let Some(path) = std::env::var_os("BRIEFDESK_CONTEXT_MENU_LOG") else { return };
        let labels: Vec<String> = menu
            .items()
            .iter()
            .map(|item| {
                use gio::prelude::ActionExt;
                // The app's own items, by their action's name.
                let own = item.gaction().map(|a| a.name().to_string());
                match (own.as_deref(), item.stock_action()) {
                    _ if item.is_separator() => "—".to_owned(),
                    (Some("open-link"), _) => "Open Link".to_owned(),
                    (Some("add-to-dictionary"), _) => "AddToDictionary".to_owned(),
                    (_, Action::SpellingGuess) => "guess".to_owned(),
                    (_, other) => format!("{other:?}"),
                }
            })
            .collect();
        use std::io::Write;
        if let Ok(mut file) = std::fs::OpenOptions::new().create(true).append(true).open(path) {
            let _ = writeln!(file, "{}", labels.join("|"));
        }
    }
}

#[cfg(not(target_os = "linux"))]
pub fn configure(_window: &tauri::WebviewWindow, _language: Option<String>) -> tauri::Result<()> {
    Ok(())
}

#[cfg(not(target_os = "linux"))]
pub fn set_spelling_language(_window: &tauri::WebviewWindow, _language: Option<String>) -> tauri::Result<()> {
    Ok(())
}

#[cfg(not(target_os = "linux"))]
pub fn edit(_window: &tauri::WebviewWindow, _command: &'static str) -> tauri::Result<()> {
    Ok(())
}
