//! The YAML front matter of a Markdown brief: written and read by hand.
//!
//! `serde_yaml` is unmaintained, and the front matter is a handful of flat
//! keys, so a small reader suffices. Strings are written as JSON strings,
//! which YAML reads as double-quoted scalars; the reader also accepts the
//! plain and single-quoted scalars, flow lists and block lists people write.

use std::fmt::Write;

use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

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

/// A problem in the front matter, with its 1-based line in the file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct FrontMatterError {
    pub line: usize,
    pub message: String,
}

/// Splits `text` into its front matter and the rest. `text` must start with
/// a `---` line for front matter to be recognised; otherwise `None` and the
/// whole text is returned. The returned offset is where the body starts.
pub(crate) fn split(text: &str) -> Result<Option<(FrontMatter, usize)>, FrontMatterError> {
    let Some(first_end) = text.find('\n') else { return Ok(None) };
    if text[..first_end].trim_end() != "---" {
        return Ok(None);
    }
    let mut fm = FrontMatter::default();
    let mut offset = first_end + 1;
    let mut line_no = 1;
    let mut pending_list: Option<Vec<String>> = None;
    while offset < text.len() {
        line_no += 1;
        let end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
        let line = text[offset..end].trim_end_matches('\r');
        let next = (end + 1).min(text.len());
        if line.trim_end() == "---" || line.trim_end() == "..." {
            if let Some(tags) = pending_list.take() {
                fm.tags = Some(tags);
            }
            return Ok(Some((fm, next)));
        }
        let err = |message: String| FrontMatterError { line: line_no, message };
        if let (Some(list), Some(item)) = (pending_list.as_mut(), line.trim_start().strip_prefix("- ")) {
            list.push(scalar(item).map_err(err)?);
        } else if line.trim().is_empty() || line.trim_start().starts_with('#') {
            // Blank lines and comments carry nothing.
        } else if let Some((key, value)) = line.split_once(':') {
            if let Some(tags) = pending_list.take() {
                fm.tags = Some(tags);
            }
            let value = value.trim();
            match key.trim() {
                "id" => {
                    let v = scalar(value).map_err(err)?;
                    fm.id = Some(v.parse().map_err(|e| err(format!("id {v:?} is not a UUID: {e}")))?);
                }
                "status" => {
                    let v = scalar(value).map_err(err)?;
                    let status = Status::parse(&v).ok_or_else(|| {
                        err(format!("status {v:?} is not one of draft, in_review, ready, filed"))
                    })?;
                    fm.status = Some(status);
                }
                "byline" | "author" => fm.byline = Some(scalar(value).map_err(err)?),
                "tags" if value.is_empty() => pending_list = Some(Vec::new()),
                "tags" => fm.tags = Some(list(value).map_err(err)?),
                "created_at" | "updated_at" => {
                    let v = scalar(value).map_err(err)?;
                    let t = OffsetDateTime::parse(&v, &Rfc3339)
                        .map_err(|e| err(format!("{} {v:?} is not an RFC 3339 time: {e}", key.trim())))?;
                    if key.trim() == "created_at" {
                        fm.created_at = Some(t);
                    } else {
                        fm.updated_at = Some(t);
                    }
                }
                "revision" => {
                    let v = scalar(value).map_err(err)?;
                    fm.revision =
                        Some(v.parse().map_err(|_| err(format!("revision {v:?} is not a whole number")))?);
                }
                // Other keys (title, date, layout, …) belong to other tools.
                _ => {}
            }
        } else {
            return Err(err(format!("expected `key: value`, found {line:?}")));
        }
        offset = next;
    }
    Err(FrontMatterError { line: 1, message: "the front matter opened with `---` is never closed".into() })
}

/// One scalar: a double-quoted (JSON) string, a single-quoted string, or plain text.
fn scalar(value: &str) -> Result<String, String> {
    let value = value.trim();
    if value.starts_with('"') {
        serde_json::from_str::<String>(value).map_err(|e| format!("bad quoted string {value}: {e}"))
    } else if let Some(inner) = value.strip_prefix('\'').and_then(|v| v.strip_suffix('\'')) {
        Ok(inner.replace("''", "'"))
    } else {
        Ok(value.to_string())
    }
}

/// A flow list `[a, "b", 'c']`, or a single scalar taken as a one-item list.
fn list(value: &str) -> Result<Vec<String>, String> {
    let Some(inner) = value.strip_prefix('[').and_then(|v| v.strip_suffix(']')) else {
        return Ok(vec![scalar(value)?]);
    };
    if let Ok(items) = serde_json::from_str::<Vec<String>>(value) {
        return Ok(items);
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
        let (read, offset) = split(&text).unwrap().unwrap();
        assert_eq!(read, fm);
        assert_eq!(&text[offset..], "body");
    }

    #[test]
    fn reads_the_yaml_people_write() {
        let text = "---\r\ntitle: Ignored\r\nauthor: 'O''Brien'\r\ntags:\r\n  - asia\r\n  - \"trade\"\r\nstatus: ready\r\n---\r\n# H\r\n";
        let (fm, offset) = split(text).unwrap().unwrap();
        assert_eq!(fm.byline.as_deref(), Some("O'Brien"));
        assert_eq!(fm.tags, Some(vec!["asia".to_string(), "trade".to_string()]));
        assert_eq!(fm.status, Some(Status::Ready));
        assert_eq!(&text[offset..], "# H\r\n");
        let (fm, _) = split("---\ntags: [a, 'b c', \"d\"]\n---\n").unwrap().unwrap();
        assert_eq!(fm.tags, Some(vec!["a".into(), "b c".into(), "d".into()]));
    }

    #[test]
    fn no_front_matter_is_not_an_error() {
        assert_eq!(split("# Headline\n"), Ok(None));
        assert_eq!(split(""), Ok(None));
        assert_eq!(split("--- not a fence\n"), Ok(None));
    }

    #[test]
    fn bad_values_name_their_line() {
        let err = split("---\nid: 12\nstatus: published\n---\n").unwrap_err();
        assert_eq!(err.line, 2);
        assert!(err.message.contains("is not a UUID"), "{}", err.message);
        let err = split("---\nstatus: published\n---\n").unwrap_err();
        assert_eq!((err.line, err.message.contains("not one of")), (2, true));
        let err = split("---\nrevision: 1\nnonsense line\n---\n").unwrap_err();
        assert_eq!(err.line, 3);
        let err = split("---\nrevision: 1\n").unwrap_err();
        assert!(err.message.contains("never closed"));
    }
}
