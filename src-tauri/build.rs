//! Generates the app's permission set: each command listed here becomes an
//! `allow-<name>` permission that the capability files may grant.

/// Must list exactly the commands registered in `lib.rs`.
const COMMANDS: &[&str] = &[
    "create_brief",
    "get_brief",
    "list_briefs",
    "search_briefs",
    "list_tags",
    "list_trash",
    "restore_from_trash",
    "empty_trash",
    "save_draft",
    "delete_brief",
    "import_files",
    "import_example",
    "export_brief",
    "copy_rich_text",
    "list_versions",
    "get_version",
    "compare_versions",
    "save_version",
    "set_status",
    "restore_version",
    "render_html",
    "check_brief",
    "get_budgets",
    "set_budgets",
    "open_link",
    "set_edit_state",
    "show_brief_title",
    "outside_changes",
    "discard_if_untouched",
    "save_as_new",
    "get_library_view",
    "set_library_view",
    "spelling_languages",
    "set_spelling_language",
    "brief_conflicts",
    "desk_conflict",
    "resolve_conflict",
    "desk_briefs",
    "desk_connection",
    "find_desks",
    "connect_desk",
    "disconnect_desk",
    "desk_versions",
    "desk_version",
    "compare_desk_version",
    "hold_open_brief",
    "follow_open_brief",
];

fn main() {
    // tauri-build compiles the capabilities into the binary but does not
    // say it read them: without these a changed capability kept the old one.
    println!("cargo:rerun-if-changed=src-tauri/capabilities");
    println!("cargo:rerun-if-changed=permissions");
    let attributes = tauri_build::Attributes::new()
        .capabilities_path_pattern("./src-tauri/capabilities/*.json")
        .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS));
    if let Err(error) = tauri_build::try_build(attributes) {
        panic!("tauri-build failed: {error:#}");
    }
}
