//! The YAML front matter of a Markdown brief: written and read by hand.
//!
//! `serde_yaml` is unmaintained, and the front matter is a handful of flat
//! keys, so a small reader suffices. Strings are written as JSON strings,
//! which YAML reads as double-quoted scalars; the reader also accepts the
//! plain and single-quoted scalars, flow lists, block lists and block
//! scalars (`|`, `>`) people write.
//!
//! Reading never fails and never loses a word. A block is front matter only
//! when the file's first line is `---`, a later `---` (or `...`) closes it,
//! and every line between is `key: value`, a list item or an indented
//! continuation of the key above; anything else (a `# Headline`, a sentence)
//! means the file simply starts with a thematic break, and all of it is the
//! body. Keys Briefdesk knows (and the common ones of Hugo, Jekyll and
//! Obsidian: `title`, `description`/`summary`, `author`, `date`) fill their
//! parts; a key it does not know, or a value it cannot use (a status of
//! another tool, an id that is no UUID), is kept as a `key: value` line for
//! the brief's context.

use std::fmt::Write;

use time::format_description::well_known::Rfc3339;
use time::{Date, OffsetDateTime};

use crate::{BriefId, Status};

/// The metadata a Markdown file may carry. Every field is optional: files
/// written by people rarely have any.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FrontMatter {
    pub id: Option<BriefId>,
    pub status: Option<Status>,
    pub byline: Option<String>,
    pub tags: Option<Vec<String>>,
    pub created_at: Option<OffsetDateTime>,
    pub updated_at: Option<OffsetDateTime>,
    pub revision: Option<u32>,
}

/// What the front matter says about the content itself, as other tools
/// write it: it goes into the brief's parts rather than its metadata.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Carried {
    /// `title`: the headline.
    pub title: Option<String>,
    /// `description`, `summary`: the start of the summary, in file order.
    pub description: Vec<String>,
    /// Every other key, and every value that could not be used, as
    /// `key: value` lines in file order.
    pub kept: Vec<String>,
}

/// Front matter read from the top of a file.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Split {
    pub front_matter: FrontMatter,
    pub carried: Carried,
    /// Where the body starts.
    pub body: usize,
}

pub(crate) fn quote(s: &str) -> String {
    serde_json::Value::from(s).to_string()
}

pub(crate) fn rfc3339(t: OffsetDateTime) -> String {
    t.format(&Rfc3339).unwrap_or_else(|_| t.to_string())
}

/// Writes `---`, the keys present, `---`, each line ending in `\n`.
pub(crate) fn write(out: &mut String, fm: &FrontMatter) {
    out.push_str("---\n");
    // `write!` into a String cannot fail.
    if let Some(id) = fm.id {
        let _ = writeln!(out, "id: {id}");
    }
    if let Some(status) = fm.status {
        let _ = writeln!(out, "status: {}", status.as_str());
    }
    if let Some(byline) = &fm.byline {
        let _ = writeln!(out, "byline: {}", quote(byline));
    }
    if let Some(tags) = &fm.tags {
        let tags: Vec<String> = tags.iter().map(|t| quote(t)).collect();
        let _ = writeln!(out, "tags: [{}]", tags.join(", "));
    }
    if let Some(t) = fm.created_at {
        let _ = writeln!(out, "created_at: {}", rfc3339(t));
    }
    if let Some(t) = fm.updated_at {
        let _ = writeln!(out, "updated_at: {}", rfc3339(t));
    }
    if let Some(revision) = fm.revision {
        let _ = writeln!(out, "revision: {revision}");
    }
    out.push_str("---\n");
}

/// One key and what was written for it: the text after the colon, and the
/// list items or indented lines below it.
struct Entry<'a> {
    key: &'a str,
    value: &'a str,
    below: Vec<&'a str>,
}

/// Splits `text` into its front matter and the rest, or `None` when `text`
/// does not open with a closed block of `key: value` lines (see the module
/// comment). `None` means the whole text is the body.
pub(crate) fn split(text: &str) -> Option<Split> {
    let (first, mut offset) = next_line(text, 0)?;
    if first.trim_end() != "---" {
        return None;
    }
    let mut entries: Vec<Entry> = Vec::new();
    loop {
        let (line, next) = next_line(text, offset)?;
        offset = next;
        let trimmed = line.trim_end();
        if trimmed == "---" || trimmed == "..." {
            break;
        }
        if trimmed.is_empty() {
            continue;
        }
        if line.starts_with([' ', '\t']) || line.starts_with("- ") || trimmed == "-" {
            // A list item or an indented line belongs to the key above it.
            entries.last_mut()?.below.push(line.trim());
            continue;
        }
        let (key, value) = line.split_once(':')?;
        if !is_key(key) || !(value.is_empty() || value.starts_with([' ', '\t'])) {
            return None;
        }
        entries.push(Entry { key, value: value.trim(), below: Vec::new() });
    }
    let mut split = Split { body: offset, ..Split::default() };
    for entry in entries {
        split.take(entry);
    }
    Some(split)
}

/// The line starting at `offset` without its line ending, and where the
/// next begins; `None` at the end of the text.
fn next_line(text: &str, offset: usize) -> Option<(&str, usize)> {
    if offset >= text.len() {
        return None;
    }
    let end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
    Some((text[offset..end].trim_end_matches('\r'), (end + 1).min(text.len())))
}

/// A YAML key as people write them, Obsidian's spaces included, but not a
/// sentence that happens to hold a colon far along.
fn is_key(key: &str) -> bool {
    let mut chars = key.chars();
    chars.next().is_some_and(|c| c.is_alphanumeric() || c == '_')
        && key.chars().count() <= 40
        && key.chars().all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | ' '))
        && key.split(' ').count() <= 3
        && !key.ends_with(' ')
}

impl Split {
    fn take(&mut self, entry: Entry) {
        let fm = &mut self.front_matter;
        let key = entry.key;
        let text = entry.text();
        let used = match key.to_ascii_lowercase().as_str() {
            "id" => set(&mut fm.id, text.parse().ok()),
            "status" => set(&mut fm.status, Status::parse(&text)),
            "byline" | "author" | "authors" => set(&mut fm.byline, Some(entry.items().join(", "))),
            "tags" => set(&mut fm.tags, Some(entry.items())),
            "created_at" => set(&mut fm.created_at, OffsetDateTime::parse(&text, &Rfc3339).ok()),
            "updated_at" => set(&mut fm.updated_at, OffsetDateTime::parse(&text, &Rfc3339).ok()),
            "date" => set(&mut fm.created_at, date(&text)),
            "revision" => set(&mut fm.revision, text.parse().ok()),
            "title" => text.is_empty() || set(&mut self.carried.title, Some(text.clone())),
            "description" | "summary" => {
                if !text.is_empty() {
                    self.carried.description.push(text.clone());
                }
                true
            }
            _ => false,
        };
        if !used {
            self.carried.kept.push(if text.is_empty() { key.to_string() } else { format!("{key}: {text}") });
        }
    }
}

/// Fills an empty field; `false` when the value is unusable or the field
/// was already filled (a second `author`), so the text is kept instead.
fn set<T>(field: &mut Option<T>, value: Option<T>) -> bool {
    match (field.is_none(), value) {
        (true, Some(value)) => {
            *field = Some(value);
            true
        }
        _ => false,
    }
}

impl Entry<'_> {
    /// The value as one string: a scalar, a flow or block list joined with
    /// ", ", or a block scalar's lines (`|` keeps line breaks, `>` and plain
    /// continuation lines fold them into spaces).
    fn text(&self) -> String {
        if self.value.starts_with('[') || self.below.iter().any(|l| l.starts_with('-')) {
            return self.items().join(", ");
        }
        let literal = self.value.starts_with('|');
        let mut parts: Vec<String> = Vec::new();
        if !self.value.is_empty() && !is_block_indicator(self.value) {
            parts.push(scalar(self.value));
        }
        parts.extend(self.below.iter().map(|l| l.to_string()));
        parts.join(if literal { "\n" } else { " " })
    }

    /// The value as a list: flow (`[a, 'b']`), block (`- a`), or a single
    /// scalar as a one-item list.
    fn items(&self) -> Vec<String> {
        let mut items = if self.value.is_empty() || is_block_indicator(self.value) {
            Vec::new()
        } else {
            list(self.value)
        };
        for line in &self.below {
            match line.strip_prefix('-') {
                Some(item) => items.push(scalar(item)),
                // An indented line under a list item continues it.
                None => match items.last_mut() {
                    Some(last) => {
                        last.push(' ');
                        last.push_str(line);
                    }
                    None => items.push(scalar(line)),
                },
            }
        }
        items.retain(|item| !item.is_empty());
        items
    }
}

fn is_block_indicator(value: &str) -> bool {
    value.starts_with(['|', '>']) && value.len() <= 3
}

/// `2026-01-05T09:30:00Z`, or a plain `2026-01-05` as midnight UTC (Hugo,
/// Jekyll and Obsidian write dates either way).
fn date(value: &str) -> Option<OffsetDateTime> {
    if let Ok(t) = OffsetDateTime::parse(value, &Rfc3339) {
        return Some(t);
    }
    let format = time::macros::format_description!("[year]-[month]-[day]");
    Date::parse(value, &format).ok().map(|d| d.midnight().assume_utc())
}

/// One scalar: a double-quoted (JSON) string, a single-quoted string, or
/// plain text. A quoted string that does not parse is kept as written.
fn scalar(value: &str) -> String {
    let value = value.trim();
    if value.starts_with('"') {
        serde_json::from_str::<String>(value).unwrap_or_else(|_| value.to_string())
    } else if let Some(inner) = value.strip_prefix('\'').and_then(|v| v.strip_suffix('\'')) {
        inner.replace("''", "'")
    } else {
        value.to_string()
    }
}

/// A flow list `[a, "b", 'c']`, or a single scalar taken as a one-item list.
fn list(value: &str) -> Vec<String> {
    let Some(inner) = value.strip_prefix('[').and_then(|v| v.strip_suffix(']')) else {
        return vec![scalar(value)];
    };
    if let Ok(items) = serde_json::from_str::<Vec<String>>(value) {
        return items;
    }
    inner.split(',').map(str::trim).filter(|s| !s.is_empty()).map(scalar).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn what_is_written_reads_back() {
        let fm = FrontMatter {
            id: "019b8d7d-f1c0-7a2a-aa2a-2a2a2a2a2a2a".parse().ok(),
            status: Some(Status::InReview),
            byline: Some("Kim \"KJ\" Ji-woo\n— Seoul: 'desk'".into()),
            tags: Some(vec!["a, b".into(), "[x]".into(), "한국".into()]),
            created_at: Some(datetime!(2026-01-05 09:30:00.123 UTC)),
            updated_at: Some(datetime!(2026-01-05 10:00 UTC)),
            revision: Some(42),
        };
        let mut text = String::new();
        write(&mut text, &fm);
        text.push_str("body");
        let read = split(&text).unwrap();
        assert_eq!(read.front_matter, fm);
        assert_eq!(read.carried, Carried::default());
        assert_eq!(&text[read.body..], "body");
    }

    #[test]
    fn reads_the_yaml_people_write() {
        let text = "---\r\ntitle: Lee in Beijing\r\nauthor: 'O''Brien'\r\ntags:\r\n  - asia\r\n  - \"trade\"\r\nstatus: ready\r\n---\r\n# H\r\n";
        let read = split(text).unwrap();
        assert_eq!(read.front_matter.byline.as_deref(), Some("O'Brien"));
        assert_eq!(read.front_matter.tags, Some(vec!["asia".to_string(), "trade".to_string()]));
        assert_eq!(read.front_matter.status, Some(Status::Ready));
        assert_eq!(read.carried.title.as_deref(), Some("Lee in Beijing"));
        assert_eq!(&text[read.body..], "# H\r\n");
        let read = split("---\ntags: [a, 'b c', \"d\"]\n---\n").unwrap();
        assert_eq!(read.front_matter.tags, Some(vec!["a".into(), "b c".into(), "d".into()]));
    }

    #[test]
    fn hugo_jekyll_and_obsidian_keys_fill_their_parts() {
        let text = "---\ntitle: \"Lee flies to Beijing\"\ndescription: >\n  Three days of talks\n  with Xi.\nsummary: Trade first.\nauthors:\n  - Kim Ji-woo\n  - Lee Min\ndate: 2026-01-05\nlayout: post\ncategories: [politics, asia]\ndraft: true\nCreated by: Obsidian\nparams:\n  subtitle: The first visit since 2019\n---\nBody\n";
        let read = split(text).unwrap();
        assert_eq!(read.carried.title.as_deref(), Some("Lee flies to Beijing"));
        assert_eq!(read.carried.description, ["Three days of talks with Xi.", "Trade first."]);
        assert_eq!(read.front_matter.byline.as_deref(), Some("Kim Ji-woo, Lee Min"));
        assert_eq!(read.front_matter.created_at, Some(datetime!(2026-01-05 00:00 UTC)));
        assert_eq!(
            read.carried.kept,
            [
                "layout: post",
                "categories: politics, asia",
                "draft: true",
                "Created by: Obsidian",
                "params: subtitle: The first visit since 2019"
            ]
        );
        assert_eq!(&text[read.body..], "Body\n");
    }

    #[test]
    fn values_it_cannot_use_are_kept_as_text() {
        let read = split(
            "---\nid: 12\nstatus: published\ndate: last Tuesday\nrevision: two\nauthor: A\nbyline: B\n---\n",
        )
        .unwrap();
        assert_eq!(read.front_matter.id, None);
        assert_eq!(read.front_matter.status, None);
        assert_eq!(read.front_matter.byline.as_deref(), Some("A"));
        assert_eq!(
            read.carried.kept,
            ["id: 12", "status: published", "date: last Tuesday", "revision: two", "byline: B"]
        );
    }

    #[test]
    fn a_block_that_is_not_front_matter_is_the_body() {
        assert_eq!(split("# Headline\n"), None);
        assert_eq!(split(""), None);
        assert_eq!(split("--- not a fence\n"), None);
        // Never closed.
        assert_eq!(split("---\nSeoul: talks resume\n# Lee flies to Beijing\n\nText.\n"), None);
        // Closed, but a headline and a sentence are not `key: value`.
        assert_eq!(split("---\n# Lee flies to Beijing\n\nSeoul: talks resume.\n---\nMore.\n"), None);
        assert_eq!(split("---\nrevision: 1\nnonsense line\n---\n"), None);
        assert_eq!(split("---\nAt 9 a.m. the president said: we go\n---\n"), None);
        // A list item with no key above it.
        assert_eq!(split("---\n- one\n---\n"), None);
    }
}
