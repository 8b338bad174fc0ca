//! Which dictionary WebKitGTK's spell checker uses. WebKit checks through
//! enchant, which reads the hunspell dictionaries Debian installs under
//! `/usr/share/hunspell` (`make run` installs en_US and en_GB); words a
//! person adds go to enchant's personal word list, which persists.

use std::path::Path;

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

#[cfg(test)]
mod tests {
    use super::*;

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
