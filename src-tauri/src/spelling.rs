//! Which dictionary WebKitGTK's spell checker uses. WebKit checks through
//! enchant, which reads the hunspell dictionaries Debian installs under
//! `/usr/share/hunspell` (`make run` installs en_US and en_GB); words a
//! person adds go to enchant's personal word list, which persists.

use std::ffi::OsString;
use std::path::{Path, PathBuf};

use serde::Serialize;
use ts_rs::TS;

/// What the settings dialog offers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct SpellingLanguages {
    /// Installed dictionaries, e.g. `en_GB`, `en_US`, sorted.
    pub available: Vec<String>,
    /// The one chosen in settings; `None` follows the system.
    pub chosen: Option<String>,
    /// The one in use.
    pub active: Option<String>,
}

const DICTIONARY_FOLDERS: [&str; 2] = ["/usr/share/hunspell", "/usr/share/myspell/dicts"];

/// Installed hunspell dictionaries, by language tag.
/// The installed dictionaries, the one `chosen` (if any) and the one in use.
pub fn languages(chosen: Option<String>) -> SpellingLanguages {
    let available = installed();
    let system = system_language(|name| std::env::var(name).ok());
    let active = active(chosen.as_deref(), system.as_deref(), &available);
    SpellingLanguages { available, chosen, active }
}

pub fn installed() -> Vec<String> {
    let mut found: Vec<String> = DICTIONARY_FOLDERS
        .iter()
        .filter_map(|folder| std::fs::read_dir(Path::new(folder)).ok())
        .flatten()
        .flatten()
        .filter_map(|entry| {
            let name = entry.file_name().into_string().ok()?;
            let tag = name.strip_suffix(".dic")?;
            tag.chars().all(|c| c.is_ascii_alphanumeric() || c == '_').then(|| tag.to_owned())
        })
        .collect();
    found.sort();
    found.dedup();
    found
}

/// The system's language as a dictionary tag (`en_GB` from
/// `en_GB.UTF-8@euro`), from the variables a locale is read from, in
/// their order of precedence.
pub fn system_language(var: impl Fn(&str) -> Option<String>) -> Option<String> {
    ["LC_ALL", "LC_MESSAGES", "LANG"].iter().filter_map(|name| var(name)).find(|v| !v.is_empty()).and_then(
        |value| {
            let tag = value.split(['.', '@']).next().unwrap_or_default();
            (tag != "C" && tag != "POSIX" && !tag.is_empty()).then(|| tag.to_owned())
        },
    )
}

/// The dictionary to use: the chosen one if installed; else the system's,
/// or another of its language (`en_US` for `en_IE`); else US English; else
/// whatever is installed.
pub fn active(chosen: Option<&str>, system: Option<&str>, available: &[String]) -> Option<String> {
    let has = |tag: &str| available.iter().any(|a| a == tag);
    if let Some(chosen) = chosen.filter(|c| has(c)) {
        return Some(chosen.to_owned());
    }
    if let Some(system) = system {
        if has(system) {
            return Some(system.to_owned());
        }
        let language = system.split('_').next().unwrap_or(system);
        let prefix = format!("{language}_");
        if let Some(near) = available.iter().find(|a| a.as_str() == language || a.starts_with(&prefix)) {
            return Some(near.clone());
        }
    }
    if has("en_US") {
        return Some("en_US".to_owned());
    }
    available.first().cloned()
}

/// Where Briefdesk's enchant settings and personal word lists live
/// (`ENCHANT_CONFIG_DIR`): the app's config folder, as Tauri names it.
pub fn enchant_folder(var: impl Fn(&str) -> Option<OsString>) -> Option<PathBuf> {
    let config = var("XDG_CONFIG_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| var("HOME").filter(|v| !v.is_empty()).map(|home| PathBuf::from(home).join(".config")))?;
    Some(config.join("org.briefdesk.editor").join("enchant"))
}

/// Enchant's provider order, hunspell first for every installed dictionary.
///
/// Debian's enchant prefers aspell for English where aspell is installed
/// (Apostrophe and others pull it in), and aspell marks every number
/// ("1978", "40,000", "1.2") as misspelled; the dictionaries Briefdesk
/// offers are hunspell's. A language's own line wins over `*`, so each is
/// named.
pub fn enchant_ordering(languages: &[String]) -> String {
    let mut ordering: String = languages.iter().map(|l| format!("{l}:hunspell,nuspell,aspell\n")).collect();
    ordering.push_str("*:hunspell,nuspell,aspell\n");
    ordering
}

/// Makes `folder` enchant's: the provider order, and on first use the
/// words already added to the desktop's own enchant word lists in
/// `previous` (so "Add to Dictionary" in other apps is not forgotten).
pub fn prepare_enchant_folder(
    folder: &Path,
    previous: Option<&Path>,
    languages: &[String],
) -> std::io::Result<()> {
    let new = !folder.is_dir();
    std::fs::create_dir_all(folder)?;
    std::fs::write(folder.join("enchant.ordering"), enchant_ordering(languages))?;
    if let (true, Some(previous)) = (new, previous) {
        for entry in std::fs::read_dir(previous).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.extension().is_some_and(|e| e == "dic") {
                if let Some(name) = path.file_name() {
                    std::fs::copy(&path, folder.join(name))?;
                }
            }
        }
    }
    Ok(())
}

/// Adds `word` to the personal word list of each of `languages` in
/// enchant's folder (`ENCHANT_CONFIG_DIR`, which `webview.rs` sets).
pub fn learn(word: &str, languages: &[String]) -> std::io::Result<()> {
    let folder = std::env::var_os("ENCHANT_CONFIG_DIR")
        .map(PathBuf::from)
        .ok_or_else(|| std::io::Error::other("enchant has no folder of Briefdesk's"))?;
    add_word(&folder, word, languages)
}

/// Appends `word` to `<folder>/<language>.dic` (enchant's personal word
/// lists: one word a line) for each language, unless it is there already.
/// Anything but one word is refused.
pub fn add_word(folder: &Path, word: &str, languages: &[String]) -> std::io::Result<()> {
    use std::io::Write;
    let word = word.trim();
    if word.is_empty()
        || word.chars().count() > 100
        || word.chars().any(|c| c.is_whitespace() || c.is_control())
    {
        return Err(std::io::Error::new(std::io::ErrorKind::InvalidInput, format!("not one word: {word:?}")));
    }
    for language in languages {
        let list = folder.join(format!("{language}.dic"));
        let known = std::fs::read_to_string(&list).unwrap_or_default();
        if known.lines().any(|line| line == word) {
            continue;
        }
        let mut file = std::fs::OpenOptions::new().create(true).append(true).open(&list)?;
        let separator = if known.is_empty() || known.ends_with('\n') { "" } else { "\n" };
        writeln!(file, "{separator}{word}")?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_word_is_added_once_to_each_language_and_nothing_else_is() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("en_US.dic"), "Myung").unwrap();
        add_word(dir.path(), "Jinping", &tags(&["en_US", "en_GB"])).unwrap();
        add_word(dir.path(), "Jinping", &tags(&["en_US"])).unwrap();
        assert_eq!(std::fs::read_to_string(dir.path().join("en_US.dic")).unwrap(), "Myung\nJinping\n");
        assert_eq!(std::fs::read_to_string(dir.path().join("en_GB.dic")).unwrap(), "Jinping\n");
        for bad in ["", "two words", "line\nbreak", &"x".repeat(101)] {
            assert!(add_word(dir.path(), bad, &tags(&["en_US"])).is_err(), "{bad:?}");
        }
        assert_eq!(std::fs::read_to_string(dir.path().join("en_US.dic")).unwrap(), "Myung\nJinping\n");
    }

    #[test]
    fn enchant_is_told_to_use_hunspell_for_every_installed_language() {
        assert_eq!(
            enchant_ordering(&tags(&["en_GB", "en_US"])),
            "en_GB:hunspell,nuspell,aspell\nen_US:hunspell,nuspell,aspell\n*:hunspell,nuspell,aspell\n"
        );
        let env = |name: &str| match name {
            "HOME" => Some(OsString::from("/home/jo")),
            _ => None,
        };
        assert_eq!(enchant_folder(env), Some(PathBuf::from("/home/jo/.config/org.briefdesk.editor/enchant")));
        let xdg = |name: &str| (name == "XDG_CONFIG_HOME").then(|| OsString::from("/cfg"));
        assert_eq!(enchant_folder(xdg), Some(PathBuf::from("/cfg/org.briefdesk.editor/enchant")));
        assert_eq!(enchant_folder(|_| None), None);
    }

    #[test]
    fn the_enchant_folder_keeps_words_added_before() {
        let dir = tempfile::tempdir().unwrap();
        let previous = dir.path().join("enchant");
        std::fs::create_dir_all(&previous).unwrap();
        std::fs::write(previous.join("en_US.dic"), "Myung\n").unwrap();
        let ours = dir.path().join("org.briefdesk.editor/enchant");
        prepare_enchant_folder(&ours, Some(&previous), &tags(&["en_US"])).unwrap();
        assert_eq!(std::fs::read_to_string(ours.join("en_US.dic")).unwrap(), "Myung\n");
        assert!(std::fs::read_to_string(ours.join("enchant.ordering"))
            .unwrap()
            .starts_with("en_US:hunspell"));
        // Words added in Briefdesk since are never overwritten.
        std::fs::write(ours.join("en_US.dic"), "Myung\nJinping\n").unwrap();
        prepare_enchant_folder(&ours, Some(&previous), &tags(&["en_US"])).unwrap();
        assert_eq!(std::fs::read_to_string(ours.join("en_US.dic")).unwrap(), "Myung\nJinping\n");
    }

    fn tags(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn the_system_language_is_read_from_the_locale() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |name: &str| pairs.iter().find(|(k, _)| *k == name).map(|(_, v)| v.to_string())
        };
        assert_eq!(system_language(env(&[("LANG", "en_GB.UTF-8")])).as_deref(), Some("en_GB"));
        assert_eq!(
            system_language(env(&[("LANG", "fr_FR.UTF-8"), ("LC_ALL", "de_DE@euro")])).as_deref(),
            Some("de_DE")
        );
        assert_eq!(
            system_language(env(&[("LC_ALL", ""), ("LANG", "en_IE.UTF-8")])).as_deref(),
            Some("en_IE")
        );
        assert_eq!(system_language(env(&[("LANG", "C.UTF-8")])), None);
        assert_eq!(system_language(env(&[])), None);
    }

    #[test]
    fn the_active_dictionary_follows_the_choice_then_the_system() {
        let available = tags(&["de_DE", "en_GB", "en_US"]);
        assert_eq!(active(Some("en_GB"), Some("de_DE"), &available).as_deref(), Some("en_GB"));
        assert_eq!(
            active(Some("pt_BR"), Some("de_DE"), &available).as_deref(),
            Some("de_DE"),
            "chosen one not installed"
        );
        assert_eq!(active(None, Some("en_IE"), &available).as_deref(), Some("en_GB"), "same language");
        assert_eq!(active(None, Some("ja_JP"), &available).as_deref(), Some("en_US"));
        assert_eq!(active(None, None, &tags(&["fr_FR"])).as_deref(), Some("fr_FR"));
        assert_eq!(active(None, None, &[]), None);
    }
}
