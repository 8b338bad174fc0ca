use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use briefdesk_core::{import, BriefSummary, Imported, InputFormat, Status, MAX_IMPORT_BYTES};
use serde::Serialize;
use ts_rs::TS;

use crate::{Store, StoreError};

/// Reads at most one byte more than an import may hold: enough to tell the
/// input is too large without reading all of it.
pub fn read_limited(reader: impl Read) -> std::io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    reader.take(MAX_IMPORT_BYTES as u64 + 1).read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// Reads the file at `path` as a brief, in the format its name suggests.
/// Only a regular file is read: opening a FIFO would wait for a writer
/// forever, and a device or a folder is no brief.
pub fn read_brief_file(path: &Path) -> Result<Imported, StoreError> {
    let kind = std::fs::metadata(path)
        .map_err(|source| StoreError::Read { path: path.to_owned(), source })?
        .file_type();
    if !kind.is_file() {
        use std::os::unix::fs::FileTypeExt;
        let what = if kind.is_dir() {
            "a folder"
        } else if kind.is_fifo() {
            "a named pipe"
        } else if kind.is_socket() {
            "a socket"
        } else {
            "a device"
        };
        return Err(StoreError::NotAFile { path: path.to_owned(), what });
    }
    let bytes = std::fs::File::open(path)
        .and_then(read_limited)
        .map_err(|source| StoreError::Read { path: path.to_owned(), source })?;
    let name = path.file_name().and_then(|n| n.to_str());
    import(&bytes, InputFormat::Auto, name)
        .map_err(|error| StoreError::Import { path: path.to_owned(), error })
}

/// What became of one file of an import: the new brief, or why not.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct FileImport {
    pub file: String,
    pub brief: Option<BriefSummary>,
    pub error: Option<String>,
}

/// A file read and parsed for import, before anything is stored: reading
/// needs no store, so it happens without the store's lock.
#[derive(Debug)]
pub struct ReadFile {
    file: String,
    read: Result<Imported, StoreError>,
}

/// Reads each of `paths` as a brief (see [`read_brief_file`]).
pub fn read_files(paths: &[PathBuf]) -> Vec<ReadFile> {
    paths
        .iter()
        .map(|path| {
            let file =
                path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into());
            ReadFile { file, read: read_brief_file(path) }
        })
        .collect()
}

impl Store {
    /// Imports each file as a new brief. A file that fails is reported and
    /// does not stop the others.
    pub fn import_files(&mut self, paths: &[PathBuf]) -> Vec<FileImport> {
        self.import_read(read_files(paths))
    }

    /// Stores files already read, each as a new brief, or reports why not.
    pub fn import_read(&mut self, files: Vec<ReadFile>) -> Vec<FileImport> {
        files
            .into_iter()
            .map(|ReadFile { file, read }| {
                let imported = read.and_then(|imported| {
                    let status = imported.front_matter.status.unwrap_or(Status::Draft);
                    self.import(&[(imported.content, status)])
                });
                match imported {
                    Ok(briefs) => {
                        FileImport { file, brief: briefs.first().map(BriefSummary::from), error: None }
                    }
                    Err(error) => FileImport { file, brief: None, error: Some(error.to_string()) },
                }
            })
            .collect()
    }
}

/// Writes `bytes` to `path` so that readers see the old file or the new one,
/// never a torn mix: the bytes go to a temporary file beside `path`, are
/// flushed to disk, and the temporary file is renamed over `path`.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
    let fail = |source: std::io::Error| StoreError::Write { path: path.to_owned(), source };
    let dir = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    // A new file gets what the user's umask gives any new file (0666 less
    // the umask, as the OS applies it at creation), not tempfile's 0600; a
    // file written over keeps its own permissions.
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(path).map_or(0o666, |m| m.permissions().mode() & 0o7777);
    let mut temp = tempfile::Builder::new()
        .permissions(std::fs::Permissions::from_mode(0o666))
        .tempfile_in(dir)
        .map_err(fail)?;
    if path.exists() {
        temp.as_file().set_permissions(std::fs::Permissions::from_mode(mode)).map_err(fail)?;
    }
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
    fn each_file_is_imported_or_reported_on_its_own() {
        let dir = tempfile::tempdir().unwrap();
        let good = dir.path().join("good.md");
        std::fs::write(&good, "# Lee in Beijing\n\nSummary.\n").unwrap();
        let binary = dir.path().join("photo.txt");
        std::fs::write(&binary, b"\x89PNG\r\n\x1a\n\0\0").unwrap();
        let missing = dir.path().join("gone.json");
        let sample = PathBuf::from(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../briefdesk-core/testdata/korea-china-visit.txt"
        ));
        let mut store = Store::open(&dir.path().join("b.sqlite3")).unwrap();

        let outcomes = store.import_files(&[good, binary.clone(), missing.clone(), sample]);
        let summary: Vec<(&str, Option<&str>, Option<&str>)> = outcomes
            .iter()
            .map(|o| (o.file.as_str(), o.brief.as_ref().map(|b| b.headline.as_str()), o.error.as_deref()))
            .collect();
        assert_eq!(summary[0], ("good.md", Some("Lee in Beijing"), None));
        assert_eq!(summary[1].0, "photo.txt");
        assert_eq!(
            summary[1].2,
            Some(
                format!("{}: line 3: is binary data, not text (it contains a NUL byte)", binary.display())
                    .as_str()
            )
        );
        assert!(
            summary[2].2.is_some_and(|e| e.starts_with(&format!("cannot read {}", missing.display()))),
            "{:?}",
            summary[2]
        );
        assert_eq!(summary[3].1.map(|h| h.starts_with("South Korea")), Some(true));
        assert_eq!(store.list().unwrap().len(), 2);
    }

    #[test]
    fn a_new_export_gets_the_umask_permissions_and_an_old_one_keeps_its_own() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        // What the umask gives a new file here, measured the same way.
        let probe = dir.path().join("probe");
        std::fs::OpenOptions::new().write(true).create_new(true).open(&probe).unwrap();
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        let expected = mode(&probe);
        let path = dir.path().join("brief.html");
        write_atomically(&path, b"<p>new</p>").unwrap();
        assert_eq!(mode(&path), expected, "as any new file, not 0600");
        assert_ne!(expected, 0o600, "the umask here would hide the difference");
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
        write_atomically(&path, b"<p>newer</p>").unwrap();
        assert_eq!(mode(&path), 0o640);
    }

    #[test]
    fn only_regular_files_are_read() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("pipe.md");
        assert!(std::process::Command::new("mkfifo").arg(&fifo).status().unwrap().success());
        // Reading the FIFO would wait for a writer forever: it is named instead.
        for (path, what) in
            [(fifo, "a named pipe"), (dir.path().to_owned(), "a folder"), ("/dev/null".into(), "a device")]
        {
            let error = read_brief_file(&path).unwrap_err();
            assert_eq!(error.code(), "not_a_file");
            assert!(error.to_string().contains(what), "{error}");
            assert!(error.to_string().contains(&path.display().to_string()), "{error}");
        }
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
