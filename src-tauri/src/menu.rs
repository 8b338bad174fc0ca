//! The native menu: File, Edit, View, Help. Items that act on the page's
//! state (the open brief, unsaved words) are forwarded to the page as a
//! `menu` event carrying the item's id; the page runs the same code as its
//! buttons and keys. With an accelerator GTK takes the key before the page
//! sees it, so each shortcut acts once.

use tauri::menu::{Menu, MenuEvent, MenuItemBuilder, PredefinedMenuItem, SubmenuBuilder};
use tauri::{AppHandle, Emitter, Manager, Runtime};

const MENU_EVENT: &str = "menu";
const QUIT: &str = "quit";

pub fn build<R: Runtime>(app: &AppHandle<R>) -> tauri::Result<Menu<R>> {
    let item = |id: &str, label: &str, accelerator: Option<&str>| {
        let builder = MenuItemBuilder::with_id(id, label);
        match accelerator {
            Some(keys) => builder.accelerator(keys).build(app),
            None => builder.build(app),
        }
    };
    let file = SubmenuBuilder::new(app, "File")
        .item(&item("new", "New brief", Some("CmdOrCtrl+N"))?)
        .item(&item("import", "Import…", None)?)
        .separator()
        .item(&item("save-version", "Save version…", Some("CmdOrCtrl+S"))?)
        .item(&item("export", "Export…", Some("CmdOrCtrl+E"))?)
        .item(&item("export-markdown", "Export as Markdown…", None)?)
        .item(&item("export-html", "Export as web page…", None)?)
        .item(&item("export-text", "Export as plain text…", None)?)
        .item(&item("export-json", "Export as JSON…", None)?)
        .item(&item("copy-rich-text", "Copy as rich text", None)?)
        .separator()
        .item(&item(QUIT, "Quit", Some("CmdOrCtrl+Q"))?)
        .build()?;
    let edit = SubmenuBuilder::new(app, "Edit")
        .item(&PredefinedMenuItem::undo(app, None)?)
        .item(&PredefinedMenuItem::redo(app, None)?)
        .separator()
        .item(&PredefinedMenuItem::cut(app, None)?)
        .item(&PredefinedMenuItem::copy(app, None)?)
        .item(&PredefinedMenuItem::paste(app, None)?)
        .item(&PredefinedMenuItem::select_all(app, None)?)
        .build()?;
    let view = SubmenuBuilder::new(app, "View")
        .item(&item("search", "Search", Some("CmdOrCtrl+K"))?)
        .item(&item("preview", "Preview", Some("CmdOrCtrl+P"))?)
        .item(&item("checks", "Checks", None)?)
        .item(&item("history", "History", None)?)
        .build()?;
    let help = SubmenuBuilder::new(app, "Help")
        .item(&item("shortcuts", "Keyboard shortcuts", Some("F1"))?)
        .build()?;
    Menu::with_items(app, &[&file, &edit, &view, &help])
}

pub fn on_event<R: Runtime>(app: &AppHandle<R>, event: MenuEvent) {
    let id = event.id().as_ref();
    if id == QUIT {
        // Closing (not exiting) asks the page first, so unsaved words are
        // stored before the window goes.
        if let Some(window) = app.get_webview_window("main") {
            let _ = window.close();
        }
        return;
    }
    if let Err(error) = app.emit(MENU_EVENT, id) {
        eprintln!("briefdesk: menu item {id} was not delivered: {error}");
    }
}
