//! Turning a file's bytes into a brief: format detection, limits, and errors
//! that say what is wrong and where. The caller (CLI, app) adds the file name.
//!
//! Every word of an accepted input is somewhere in the brief. An input is
//! refused only when it is not text (binary, not UTF-8), too large, or empty,
//! or when it is JSON that is not a brief (a field that is not one of the
//! brief's is named). A part that would break a limit is demoted (see
//! [`fit`]), never a reason to refuse.

use crate::json::JsonBrief;
use crate::{
    parse_markdown, parse_text, validate, BriefContent, FrontMatter, Limits, ReportSection, ValidationError,
};

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
        InputFormat::Markdown | InputFormat::Auto => match parse_markdown(text) {
            Ok(parsed) => (parsed.content, parsed.front_matter),
            // The reader keeps whatever it does not understand as text; should
            // it ever refuse, the file is still kept, as plain text.
            Err(_) => (parse_text(text), FrontMatter::default()),
        },
    };
    let content = fit(content, &Limits::DEFAULT);
    // Only the total size can still be over: that input is too large.
    validate(&content, &Limits::DEFAULT)?;
    Ok(Imported { content, front_matter, format })
}

/// Moves what would break `limits` to where it fits, keeping every word:
/// a one-line part with line breaks is joined with spaces; an overlong
/// headline becomes the summary's first paragraph; an overlong bullet, and
/// bullets past the count, become a paragraph (a list) of a report section
/// without a heading, first in the Full Report; an overlong report heading
/// becomes its section's first paragraph; sections past the count join the
/// last one allowed; an overlong byline, and tags that are too long or too
/// many, become paragraphs of the context. Blank tags hold no words and go.
pub(crate) fn fit(mut content: BriefContent, limits: &Limits) -> BriefContent {
    let too_long = |text: &str, limit: usize| text.chars().count() > limit;
    let one_line = |text: &mut String| {
        if text.contains(['\n', '\r']) {
            *text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        }
    };

    one_line(&mut content.headline);
    if too_long(&content.headline, limits.line_chars) {
        let headline = std::mem::take(&mut content.headline);
        content.summary = join_paragraphs(headline, &content.summary);
    }

    let mut demoted: Vec<String> = Vec::new();
    let mut bullets = Vec::with_capacity(content.key_developments.len());
    for mut bullet in std::mem::take(&mut content.key_developments) {
        one_line(&mut bullet);
        if too_long(&bullet, limits.line_chars) {
            demoted.push(bullet);
        } else {
            bullets.push(bullet);
        }
    }
    if bullets.len() > limits.bullets {
        let extra: Vec<String> = bullets.split_off(limits.bullets).iter().map(|b| format!("- {b}")).collect();
        demoted.push(extra.join("\n"));
    }
    content.key_developments = bullets;
    if !demoted.is_empty() {
        let body = demoted.join("\n\n");
        match content.report.first_mut() {
            Some(first) if first.heading.is_empty() => first.body = join_paragraphs(body, &first.body),
            _ => content.report.insert(0, ReportSection { heading: String::new(), body }),
        }
    }

    for section in &mut content.report {
        one_line(&mut section.heading);
        if too_long(&section.heading, limits.line_chars) {
            let heading = std::mem::take(&mut section.heading);
            section.body = join_paragraphs(heading, &section.body);
        }
    }
    if content.report.len() > limits.report_sections && limits.report_sections > 0 {
        let rest = content.report.split_off(limits.report_sections);
        if let Some(last) = content.report.last_mut() {
            for section in rest {
                last.body = join_paragraphs(std::mem::take(&mut last.body), &section.heading);
                last.body = join_paragraphs(std::mem::take(&mut last.body), &section.body);
            }
        }
    }

    let mut to_context: Vec<String> = Vec::new();
    if let Some(byline) = content.byline.as_mut() {
        one_line(byline);
    }
    if content.byline.as_deref().is_some_and(|b| too_long(b, limits.line_chars)) {
        to_context.extend(content.byline.take());
    }
    let mut tags = Vec::with_capacity(content.tags.len());
    let mut extra_tags = Vec::new();
    for mut tag in std::mem::take(&mut content.tags) {
        one_line(&mut tag);
        if tag.trim().is_empty() {
            continue;
        }
        if too_long(&tag, limits.tag_chars) || tags.len() >= limits.tags {
            extra_tags.push(tag);
        } else {
            tags.push(tag);
        }
    }
    content.tags = tags;
    if !extra_tags.is_empty() {
        to_context.push(format!("tags: {}", extra_tags.join(", ")));
    }
    for paragraph in to_context {
        let context = std::mem::take(&mut content.context);
        content.context = join_paragraphs(context, &paragraph);
    }
    content
}

/// `first`, a blank line, then `rest`; either may be empty.
fn join_paragraphs(mut first: String, rest: &str) -> String {
    if first.is_empty() {
        return rest.to_string();
    }
    if !rest.is_empty() {
        first.push_str("\n\n");
        first.push_str(rest);
    }
    first
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
        let err = import(b"{\"headline\": \"H\", \"title\": \"T\"}", InputFormat::Auto, None).unwrap_err();
        assert!(err.to_string().contains("unknown field `title`"), "{err}");
        let huge = format!("# H\n\n{}", "word ".repeat(1_700_000));
        let err = import(huge.as_bytes(), InputFormat::Auto, None).unwrap_err();
        assert!(err.to_string().starts_with("cannot be imported: brief is"), "{err}");
    }

    #[test]
    fn a_status_of_another_tool_is_kept_as_text() {
        let imported = import(b"---\nstatus: published\n---\n# H\n", InputFormat::Auto, None).unwrap();
        assert_eq!(imported.front_matter.status, None);
        assert_eq!(imported.content.context, "status: published");
    }

    #[test]
    fn parts_over_the_limits_are_demoted_not_refused() {
        let limits = Limits::DEFAULT;
        let long = "word ".repeat(500);
        let content = BriefContent {
            headline: long.clone(),
            summary: "Lede.".into(),
            key_developments: vec!["short".into(), long.clone(), "two\nlines".into()],
            report: vec![ReportSection { heading: long.clone(), body: "Body.".into() }],
            byline: Some(long.clone()),
            tags: vec![" ".into(), "t".into(), "x".repeat(101)],
            ..BriefContent::default()
        };
        let fitted = fit(content, &limits);
        assert_eq!(validate(&fitted, &limits), Ok(()));
        assert_eq!(fitted.headline, "");
        assert_eq!(fitted.summary, format!("{long}\n\nLede."));
        assert_eq!(fitted.key_developments, ["short", "two lines"]);
        assert_eq!(fitted.report[0], ReportSection { heading: String::new(), body: long.clone() });
        assert_eq!(
            fitted.report[1],
            ReportSection { heading: String::new(), body: format!("{long}\n\nBody.") }
        );
        assert_eq!(fitted.byline, None);
        assert_eq!(fitted.tags, ["t"]);
        assert_eq!(fitted.context, format!("{long}\n\ntags: {}", "x".repeat(101)));

        let bullets: String = (0..300).map(|i| format!("- point {i}\n")).collect();
        let imported =
            import(format!("# H\n\n## Key points\n\n{bullets}").as_bytes(), InputFormat::Auto, None).unwrap();
        assert_eq!(imported.content.key_developments.len(), 200);
        assert!(imported.content.report[0].body.starts_with("- point 200\n- point 201\n"));

        let sections: Vec<ReportSection> =
            (0..202).map(|i| ReportSection { heading: format!("h{i}"), body: format!("b{i}") }).collect();
        let fitted = fit(BriefContent { report: sections, ..BriefContent::default() }, &limits);
        assert_eq!(fitted.report.len(), 200);
        assert_eq!(fitted.report[199].body, "b199\n\nh200\n\nb200\n\nh201\n\nb201");
    }
}
