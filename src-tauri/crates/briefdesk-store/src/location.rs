use std::ffi::OsString;
use std::path::PathBuf;

use crate::StoreError;

/// The app's identifier; also the name of its folder in the OS data dir.
/// Must match `identifier` in tauri.conf.json.
pub const APP_IDENTIFIER: &str = "org.briefdesk.editor";

/// Environment variable naming the database file, overriding the default.
pub const DB_ENV_VAR: &str = "BRIEFDESK_DB";

const DB_FILE_NAME: &str = "briefdesk.sqlite3";

/// `~/.local/share/org.briefdesk.editor/briefdesk.sqlite3` on Linux.
pub fn default_db_path() -> Option<PathBuf> {
    dirs::data_dir().map(|dir| dir.join(APP_IDENTIFIER).join(DB_FILE_NAME))
}

/// The database to open: an explicit `--db` path wins, then `BRIEFDESK_DB`,
/// then the default location.
pub fn resolve_db_path(flag: Option<PathBuf>) -> Result<PathBuf, StoreError> {
    choose_db_path(flag, std::env::var_os(DB_ENV_VAR), default_db_path())
}

fn choose_db_path(
    flag: Option<PathBuf>,
    env: Option<OsString>,
    default: Option<PathBuf>,
) -> Result<PathBuf, StoreError> {
    flag.or_else(|| env.filter(|v| !v.is_empty()).map(PathBuf::from)).or(default).ok_or(StoreError::NoDataDir)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flag_beats_environment_beats_default() {
        let default = Some(PathBuf::from("/default.sqlite3"));
        let env = Some(OsString::from("/env.sqlite3"));
        let flag = Some(PathBuf::from("/flag.sqlite3"));
        let pick = |f: &Option<PathBuf>, e: &Option<OsString>, d: &Option<PathBuf>| {
            choose_db_path(f.clone(), e.clone(), d.clone()).ok()
        };
        assert_eq!(pick(&flag, &env, &default), flag);
        assert_eq!(pick(&None, &env, &default), Some(PathBuf::from("/env.sqlite3")));
        assert_eq!(pick(&None, &Some(OsString::new()), &default), default);
        assert!(matches!(choose_db_path(None, None, None), Err(StoreError::NoDataDir)));
    }

    #[test]
    fn default_lives_in_the_app_folder() {
        if let Some(path) = default_db_path() {
            assert!(path.ends_with("org.briefdesk.editor/briefdesk.sqlite3"), "{}", path.display());
        }
    }
}
