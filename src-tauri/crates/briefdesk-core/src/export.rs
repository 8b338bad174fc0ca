//! The formats a brief is exported to, and what its file is called.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{to_html_document, to_json, to_markdown, to_text, Brief};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ExportFormat {
    Markdown,
    Html,
    Text,
    Json,
}

impl ExportFormat {
    pub const ALL: [ExportFormat; 4] =
        [ExportFormat::Markdown, ExportFormat::Html, ExportFormat::Text, ExportFormat::Json];

    pub fn render(self, brief: &Brief) -> String {
        match self {
            ExportFormat::Markdown => to_markdown(brief),
            ExportFormat::Html => to_html_document(&brief.content),
            ExportFormat::Text => to_text(&brief.content),
            ExportFormat::Json => to_json(brief),
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            ExportFormat::Markdown => "md",
            ExportFormat::Html => "html",
            ExportFormat::Text => "txt",
            ExportFormat::Json => "json",
        }
    }

    /// The name a save dialog shows for files of this format.
    pub fn label(self) -> &'static str {
        match self {
            ExportFormat::Markdown => "Markdown",
            ExportFormat::Html => "HTML",
            ExportFormat::Text => "Plain text",
            ExportFormat::Json => "JSON",
        }
    }

    /// A file name for `brief` in this format, made from its headline:
    /// `lee-heads-to-beijing.md`.
    pub fn file_name(self, brief: &Brief) -> String {
        format!("{}.{}", file_stem(&brief.content.headline), self.extension())
    }
}

/// Words of the headline joined by `-`: letters and digits of any script
/// kept, everything else (slashes, quotes, dots) dropped, at most 60 characters.
fn file_stem(headline: &str) -> String {
    let mut stem = String::new();
    for word in headline.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
        let word = word.to_lowercase();
        if stem.chars().count() + word.chars().count() + 1 > 60 {
            break;
        }
        if !stem.is_empty() {
            stem.push('-');
        }
        stem.push_str(&word);
    }
    if stem.is_empty() {
        "brief".into()
    } else {
        stem
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_come_from_the_headline() {
        assert_eq!(
            file_stem("South Korea’s President Lee to Reset Relations"),
            "south-korea-s-president-lee-to-reset-relations"
        );
        assert_eq!(file_stem("../../etc/passwd"), "etc-passwd");
        assert_eq!(file_stem("이재명, 베이징 방문"), "이재명-베이징-방문");
        assert_eq!(file_stem("  "), "brief");
        assert!(file_stem(&"word ".repeat(40)).chars().count() <= 60);
    }
}
