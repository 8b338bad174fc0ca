//! The native menu: File, Edit, View, Help, built from the one table of
//! actions (`ui/src/lib/actions.json`) that the page's keys and its
//! shortcuts sheet also read. Items that act on the page's state (the open
//! brief, unsaved words, undo) are forwarded to the page as a `menu` event
//! carrying the item's id; the page runs the same code as its buttons and
//! keys.
//!
//! No item has a GTK accelerator: GTK runs an accelerator the moment its key
//! arrives, ahead of keystrokes WebKit has not yet handed to the page, so a
//! fast typist's Ctrl+Z undid half a sentence and Ctrl+N took the last
//! words into the new brief. The page handles every shortcut in key order;
//! the menu shows each item's keys in its label.
//!
//! muda's predefined Undo and Redo do nothing on GTK, and WebKitGTK keeps no
//! undo of its own: the page owns undo, and these items only ask it, their
//! state following what the page says there is to undo (`set_edit_state`).

use serde::Deserialize;
use tauri::menu::{Menu, MenuEvent, MenuItem, MenuItemBuilder, Submenu, SubmenuBuilder};
use tauri::{AppHandle, Emitter, Manager, Wry};

use crate::webview;

const MENU_EVENT: &str = "menu";
const ACTIONS: &str = include_str!("../../ui/src/lib/actions.json");
const MENUS: [&str; 4] = ["File", "Edit", "View", "Help"];

/// One row of `actions.json`.
#[derive(Debug, Deserialize)]
struct Action {
    id: String,
    menu: Option<String>,
    #[serde(default)]
    group: u32,
    label: String,
    #[serde(default)]
    keys: Vec<String>,
}

fn actions() -> Result<Vec<Action>, serde_json::Error> {
    serde_json::from_str(ACTIONS)
}

/// The Undo and Redo items, kept to follow the page's undo state.
pub struct EditItems {
    undo: Option<MenuItem<Wry>>,
    redo: Option<MenuItem<Wry>>,
}

impl EditItems {
    pub fn set(&self, can_undo: bool, can_redo: bool) -> tauri::Result<()> {
        for (item, enabled) in [(&self.undo, can_undo), (&self.redo, can_redo)] {
            if let Some(item) = item {
                item.set_enabled(enabled)?;
            }
        }
        Ok(())
    }
}

pub fn build(app: &AppHandle<Wry>) -> tauri::Result<Menu<Wry>> {
    let actions =
        actions().map_err(|e| tauri::Error::Io(std::io::Error::other(format!("actions.json: {e}"))))?;
    let mut edit = EditItems { undo: None, redo: None };
    let mut submenus: Vec<Submenu<Wry>> = Vec::new();
    for name in MENUS {
        let mut submenu = SubmenuBuilder::new(app, name);
        let mut group = None;
        for action in actions.iter().filter(|a| a.menu.as_deref() == Some(name)) {
            if group.is_some_and(|g| g != action.group) {
                submenu = submenu.separator();
            }
            group = Some(action.group);
            let label = match action.keys.first() {
                Some(keys) => format!("{}    {keys}", action.label),
                None => action.label.clone(),
            };
            let builder = MenuItemBuilder::with_id(action.id.as_str(), label);
            // Nothing to undo yet.
            let item = builder.enabled(!matches!(action.id.as_str(), "undo" | "redo")).build(app)?;
            match action.id.as_str() {
                "undo" => edit.undo = Some(item.clone()),
                "redo" => edit.redo = Some(item.clone()),
                _ => {}
            }
            submenu = submenu.item(&item);
        }
        submenus.push(submenu.build()?);
    }
    app.manage(edit);
    let refs: Vec<&dyn tauri::menu::IsMenuItem<Wry>> =
        submenus.iter().map(|s| s as &dyn tauri::menu::IsMenuItem<Wry>).collect();
    Menu::with_items(app, &refs)
}

pub fn on_event(app: &AppHandle<Wry>, event: MenuEvent) {
    let id = event.id().as_ref();
    let Some(window) = app.get_webview_window("main") else { return };
    let native = match id {
        // Closing (not exiting) asks the page first, so unsaved words are
        // stored before the window goes.
        "quit" => window.close(),
        "cut" => webview::edit(&window, "Cut"),
        "copy" => webview::edit(&window, "Copy"),
        "paste" => webview::edit(&window, "Paste"),
        _ => {
            if let Err(error) = app.emit(MENU_EVENT, id) {
                eprintln!("briefdesk: menu item {id} was not delivered: {error}");
            }
            return;
        }
    };
    if let Err(error) = native {
        eprintln!("briefdesk: menu item {id} failed: {error}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_action_table_reads_and_every_menu_has_items() {
        let actions = actions().unwrap();
        for menu in MENUS {
            assert!(actions.iter().any(|a| a.menu.as_deref() == Some(menu)), "{menu} is empty");
        }
        let mut ids: Vec<&str> = actions.iter().map(|a| a.id.as_str()).collect();
        let count = ids.len();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), count, "ids are unique");
        for needed in ["undo", "redo", "find", "replace", "cut", "copy", "paste", "select-all", "quit"] {
            assert!(ids.contains(&needed), "{needed}");
        }
        assert!(actions.iter().all(|a| !a.label.is_empty()));
    }
}
