//! The native menu. Items that act on the page's state (the open brief,
//! unsaved words) are forwarded to the page as a `menu` event carrying the
//! item's id; the page runs the same code as its buttons.

use tauri::menu::{Menu, MenuEvent, MenuItemBuilder, SubmenuBuilder};
use tauri::{AppHandle, Emitter, Manager, Runtime};

const MENU_EVENT: &str = "menu";
const QUIT: &str = "quit";

pub fn build<R: Runtime>(app: &AppHandle<R>) -> tauri::Result<Menu<R>> {
    let item = |id: &str, label: &str| MenuItemBuilder::with_id(id, label).build(app);
    let file = SubmenuBuilder::new(app, "File")
        .item(&item("new", "New brief")?)
        .item(&item("import", "Import…")?)
        .separator()
        .item(&item("export-markdown", "Export as Markdown…")?)
        .item(&item("export-html", "Export as web page…")?)
        .item(&item("export-text", "Export as plain text…")?)
        .item(&item("export-json", "Export as JSON…")?)
        .item(&item("copy-rich-text", "Copy as rich text")?)
        .separator()
        .item(&item(QUIT, "Quit")?)
        .build()?;
    Menu::with_items(app, &[&file])
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
