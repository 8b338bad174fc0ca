//! Settings kept in the database, so they travel with it: the version
//! policy, retention, the brevity budgets, how the library is filtered and
//! sorted, the spelling language and the folder exports last went to.

use briefdesk_core::{Budgets, VersionPolicy};
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;

use crate::{LibraryFilter, Store, StoreError};

const BUDGETS: &str = "budgets";
const LIBRARY_VIEW: &str = "library_view";
const SPELLING_LANGUAGE: &str = "spelling_language";
const EXPORT_FOLDER: &str = "export_folder";

/// The automatic version policy, or the default.
pub(crate) fn load_policy(conn: &Connection) -> Result<VersionPolicy, StoreError> {
    Ok(read_setting(conn, "version_policy")?.unwrap_or_default())
}

pub(crate) fn read_setting<T: serde::de::DeserializeOwned>(
    conn: &Connection,
    key: &str,
) -> Result<Option<T>, StoreError> {
    let value: Option<String> =
        conn.query_row("SELECT value FROM setting WHERE key = ?1", [key], |row| row.get(0)).optional()?;
    value
        .map(|v| {
            serde_json::from_str(&v)
                .map_err(|e| StoreError::Corrupt { id: format!("setting {key}"), detail: e.to_string() })
        })
        .transpose()
}

pub(crate) fn write_setting<T: Serialize>(conn: &Connection, key: &str, value: &T) -> Result<(), StoreError> {
    conn.execute(
        "INSERT INTO setting (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        params![key, serde_json::to_string(value)?],
    )?;
    Ok(())
}

impl Store {
    /// The brevity budgets (DESIGN.md §4 defaults until changed).
    pub fn budgets(&self) -> Result<Budgets, StoreError> {
        Ok(read_setting(&self.conn, BUDGETS)?.unwrap_or_default())
    }

    pub fn set_budgets(&mut self, budgets: &Budgets) -> Result<(), StoreError> {
        write_setting(&self.conn, BUDGETS, budgets)
    }

    /// The library's filters and sort as last chosen, kept between
    /// launches (without a page limit: that belongs to one listing).
    pub fn library_view(&self) -> Result<LibraryFilter, StoreError> {
        let view: LibraryFilter = read_setting(&self.conn, LIBRARY_VIEW)?.unwrap_or_default();
        Ok(LibraryFilter { limit: None, ..view })
    }

    pub fn set_library_view(&mut self, view: &LibraryFilter) -> Result<(), StoreError> {
        write_setting(&self.conn, LIBRARY_VIEW, &LibraryFilter { limit: None, ..view.clone() })
    }

    /// The spelling language chosen in settings (`en_GB`), or `None` to
    /// follow the system's locale.
    pub fn spelling_language(&self) -> Result<Option<String>, StoreError> {
        read_setting(&self.conn, SPELLING_LANGUAGE)
    }

    pub fn set_spelling_language(&mut self, language: Option<&str>) -> Result<(), StoreError> {
        write_setting(&self.conn, SPELLING_LANGUAGE, &language)
    }

    /// The folder the last export was written to, where the next one is
    /// offered: a journalist exports to the same place over and over.
    pub fn export_folder(&self) -> Result<Option<std::path::PathBuf>, StoreError> {
        read_setting(&self.conn, EXPORT_FOLDER)
    }

    pub fn set_export_folder(&mut self, folder: &std::path::Path) -> Result<(), StoreError> {
        write_setting(&self.conn, EXPORT_FOLDER, &folder)
    }
}
