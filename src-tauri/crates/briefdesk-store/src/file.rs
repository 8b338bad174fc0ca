use std::io::Write;
use std::path::Path;

use crate::StoreError;

/// Writes `bytes` to `path` so that readers see the old file or the new one,
/// never a torn mix: the bytes go to a temporary file beside `path`, are
/// flushed to disk, and the temporary file is renamed over `path`.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
    let fail = |source: std::io::Error| StoreError::Write { path: path.to_owned(), source };
    let dir = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let mut temp = tempfile::NamedTempFile::new_in(dir).map_err(fail)?;
    temp.write_all(bytes).map_err(fail)?;
    temp.as_file().sync_all().map_err(fail)?;
    temp.persist(path).map_err(|e| fail(e.error))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_the_whole_file_and_leaves_no_temporary_behind() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("brief.md");
        std::fs::write(&path, "old contents that are longer than the new").unwrap();
        write_atomically(&path, "new “text”".as_bytes()).unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new “text”");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_missing_folder_is_an_error_naming_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("no/such/folder/brief.md");
        let err = write_atomically(&path, b"x").unwrap_err();
        assert_eq!(err.code(), "write_failed");
        assert!(err.to_string().contains("brief.md"), "{err}");
    }
}
