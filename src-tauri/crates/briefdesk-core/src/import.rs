//! Turning a file's bytes into a brief: format detection, limits, and errors
//! that say what is wrong and where. The caller (CLI, app) adds the file name.

use crate::json::JsonBrief;
use crate::{parse_markdown, parse_text, validate, BriefContent, FrontMatter, Limits, ValidationError};

/// Files larger than this are refused before any parsing.
pub const MAX_IMPORT_BYTES: usize = 10 * 1024 * 1024;

/// The formats a brief can be read from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InputFormat {
    /// Decide from the file name's extension, else from the content.
    Auto,
    Markdown,
    Text,
    Json,
}

/// A brief read from a file: its content and whatever metadata it carried.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Imported {
    pub content: BriefContent,
    pub front_matter: FrontMatter,
    pub format: InputFormat,
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ImportError {
    #[error("is {size} bytes; the largest brief Briefdesk imports is 10 MB")]
    TooLarge { size: usize },
    #[error("is empty")]
    Empty,
    #[error("line {line}: is binary data, not text (it contains a NUL byte)")]
    Binary { line: usize },
    #[error("line {line}: is not UTF-8 text (invalid byte sequence at byte {byte})")]
    NotUtf8 { line: usize, byte: usize },
    #[error("line {line}, column {column}: is not a brief in JSON: {message}")]
    Json { line: usize, column: usize, message: String },
    #[error("line {line}: {message}")]
    Markdown { line: usize, message: String },
    #[error("cannot be imported: {0}")]
    Invalid(#[from] ValidationError),
}

/// Reads a brief from `bytes`. `file_name` (for its extension) helps
/// `InputFormat::Auto` decide.
pub fn import(bytes: &[u8], format: InputFormat, file_name: Option<&str>) -> Result<Imported, ImportError> {
    if bytes.len() > MAX_IMPORT_BYTES {
        return Err(ImportError::TooLarge { size: bytes.len() });
    }
    if let Some(at) = bytes.iter().position(|&b| b == 0) {
        return Err(ImportError::Binary { line: line_at(bytes, at) });
    }
    let text = std::str::from_utf8(bytes)
        .map_err(|e| ImportError::NotUtf8 { line: line_at(bytes, e.valid_up_to()), byte: e.valid_up_to() })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(ImportError::Empty);
    }
    let format = match format {
        InputFormat::Auto => detect(text, file_name),
        chosen => chosen,
    };
    let (content, front_matter) = match format {
        InputFormat::Json => {
            let json: JsonBrief = serde_json::from_str(text).map_err(|e| ImportError::Json {
                line: e.line(),
                column: e.column(),
                message: e.to_string().split(" at line").next().unwrap_or_default().to_string(),
            })?;
            json.into_parts()
        }
        InputFormat::Text => (parse_text(text), FrontMatter::default()),
        InputFormat::Markdown | InputFormat::Auto => {
            let parsed = parse_markdown(text)
                .map_err(|e| ImportError::Markdown { line: e.line, message: e.message })?;
            (parsed.content, parsed.front_matter)
        }
    };
    validate(&content, &Limits::DEFAULT)?;
    Ok(Imported { content, front_matter, format })
}

fn line_at(bytes: &[u8], offset: usize) -> usize {
    bytes[..offset.min(bytes.len())].iter().filter(|&&b| b == b'\n').count() + 1
}

fn detect(text: &str, file_name: Option<&str>) -> InputFormat {
    let extension = file_name.and_then(|name| name.rsplit_once('.')).map(|(_, ext)| ext.to_ascii_lowercase());
    match extension.as_deref() {
        Some("md" | "markdown" | "mdown" | "mkd") => return InputFormat::Markdown,
        Some("txt" | "text") => return InputFormat::Text,
        Some("json") => return InputFormat::Json,
        _ => {}
    }
    let trimmed = text.trim_start();
    if trimmed.starts_with('{') {
        InputFormat::Json
    } else if trimmed.starts_with("---") || text.lines().any(|l| l.trim_start().starts_with('#')) {
        InputFormat::Markdown
    } else {
        InputFormat::Text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = include_str!("../testdata/korea-china-visit.txt");

    #[test]
    fn formats_are_detected_by_name_then_by_content() {
        let read = |bytes: &str, name| import(bytes.as_bytes(), InputFormat::Auto, name).unwrap().format;
        assert_eq!(read(SAMPLE, Some("brief.txt")), InputFormat::Text);
        assert_eq!(read(SAMPLE, None), InputFormat::Text);
        assert_eq!(read("# H\n\nS", Some("x.MD")), InputFormat::Markdown);
        assert_eq!(read("# H\n\nS", None), InputFormat::Markdown);
        assert_eq!(read(" {\"headline\": \"H\"}", None), InputFormat::Json);
        assert_eq!(read("{\"headline\": \"H\"}", Some("b.json")), InputFormat::Json);
    }

    #[test]
    fn the_sample_imports_from_text() {
        let imported = import(SAMPLE.as_bytes(), InputFormat::Auto, Some("korea-china-visit.txt")).unwrap();
        assert_eq!(imported.content.report.len(), 4);
    }

    #[test]
    fn bad_input_is_refused_with_its_line() {
        let too_big = vec![b'a'; MAX_IMPORT_BYTES + 1];
        assert_eq!(
            import(&too_big, InputFormat::Auto, None),
            Err(ImportError::TooLarge { size: MAX_IMPORT_BYTES + 1 })
        );
        assert_eq!(
            import(b"line 1\nline 2\0", InputFormat::Auto, None),
            Err(ImportError::Binary { line: 2 })
        );
        assert_eq!(
            import(b"ok\nok\n\xff\xfe bad", InputFormat::Auto, None),
            Err(ImportError::NotUtf8 { line: 3, byte: 6 })
        );
        assert_eq!(import(b"  \n\n", InputFormat::Auto, None), Err(ImportError::Empty));
        let err = import(b"{\n  \"headline\": 7\n}", InputFormat::Auto, None).unwrap_err();
        assert!(matches!(err, ImportError::Json { line: 2, .. }), "{err:?}");
        assert!(err.to_string().starts_with("line 2, column"), "{err}");
        let err = import(b"---\nstatus: published\n---\n# H\n", InputFormat::Auto, None).unwrap_err();
        assert_eq!(
            err.to_string(),
            "line 2: status \"published\" is not one of draft, in_review, ready, filed"
        );
    }

    #[test]
    fn content_over_the_limits_is_refused() {
        let bullets: String = (0..300).map(|i| format!("- point {i}\n")).collect();
        let err = import(format!("# H\n\n## Key points\n\n{bullets}").as_bytes(), InputFormat::Auto, None)
            .unwrap_err();
        assert_eq!(err.to_string(), "cannot be imported: key developments has 300 entries; the limit is 200");
    }
}
