//! The canonical Markdown form of a brief (DESIGN.md §2), and reading
//! Markdown back: our own exactly, other people's generously.
//!
//! Laws (property-tested in tests/markdown_laws.rs):
//! `parse_markdown(to_markdown(b))` gives back `b`, and rendering that again
//! gives the same bytes.
//!
//! Escaping: inside the multi-line parts (summary, why it matters, report
//! bodies, context) a line that starts with `#` or `\`, or that is a setext
//! underline (`===`, `---`), gets one `\` in front. Reading removes one `\`
//! from every such line, so the escape is exactly reversible, and other
//! Markdown tools render the escaped line as the literal text too.

use crate::front_matter::{self, FrontMatter};
use crate::outline::{self, Style, CONTEXT, FULL_REPORT, KEY_DEVELOPMENTS, WHY_IT_MATTERS};
use crate::{Brief, BriefContent};

/// Renders `brief` as canonical Markdown with front matter.
///
/// Empty sections are omitted, headings and all.
pub fn to_markdown(brief: &Brief) -> String {
    to_markdown_parts(&brief.content, &front_matter_of(brief))
}

/// Content with whatever metadata is known. Without any, there is no front
/// matter, and the file reads back as people's Markdown.
pub fn to_markdown_parts(content: &BriefContent, front: &FrontMatter) -> String {
    let mut out = String::with_capacity(512 + content_len(content) * 11 / 10);
    if *front == FrontMatter::default() {
        write_body(&mut out, content);
        // Blocks are framed by a blank line before them; at the very top of
        // the file that line serves no purpose.
        if out.starts_with('\n') {
            out.remove(0);
        }
    } else {
        front_matter::write(&mut out, front);
        write_body(&mut out, content);
    }
    out
}

pub(crate) fn front_matter_of(brief: &Brief) -> FrontMatter {
    FrontMatter {
        id: Some(brief.id),
        status: Some(brief.status),
        byline: brief.content.byline.clone(),
        tags: Some(brief.content.tags.clone()),
        created_at: Some(brief.created_at),
        updated_at: Some(brief.updated_at),
        revision: Some(brief.revision),
    }
}

fn content_len(c: &BriefContent) -> usize {
    c.summary.len()
        + c.why_it_matters.len()
        + c.context.len()
        + c.key_developments.iter().map(|b| b.len() + 3).sum::<usize>()
        + c.report.iter().map(|s| s.heading.len() + s.body.len() + 8).sum::<usize>()
}

/// Each block is preceded by a blank line and ends with a newline; the
/// reader relies on exactly this framing.
fn write_body(out: &mut String, c: &BriefContent) {
    fn heading(out: &mut String, prefix: &str, text: &str) {
        out.push('\n');
        out.push_str(prefix);
        out.push_str(text);
        out.push('\n');
    }
    fn text(out: &mut String, text: &str) {
        out.push('\n');
        escape_into(out, text);
        out.push('\n');
    }
    if !c.headline.is_empty() {
        heading(out, "# ", &c.headline);
    } else if !c.summary.is_empty() {
        // An empty H1, so that a reader of people's Markdown does not take
        // the summary's first line for the headline.
        heading(out, "#", "");
    }
    if !c.summary.is_empty() {
        text(out, &c.summary);
    }
    if !c.why_it_matters.is_empty() {
        heading(out, "## ", WHY_IT_MATTERS);
        text(out, &c.why_it_matters);
    }
    if !c.key_developments.is_empty() {
        heading(out, "## ", KEY_DEVELOPMENTS);
        out.push('\n');
        for bullet in &c.key_developments {
            out.push_str("- ");
            out.push_str(bullet);
            out.push('\n');
        }
    }
    if !c.report.is_empty() {
        heading(out, "## ", FULL_REPORT);
        for section in &c.report {
            heading(out, "### ", &section.heading);
            if !section.body.is_empty() {
                text(out, &section.body);
            }
        }
    }
    if !c.context.is_empty() {
        heading(out, "## ", CONTEXT);
        text(out, &c.context);
    }
}

pub(crate) fn needs_escape(line: &str) -> bool {
    if line.starts_with(['#', '\\']) {
        return true;
    }
    let t = line.trim_end_matches([' ', '\t', '\r']);
    !t.is_empty() && (t.bytes().all(|b| b == b'=') || t.bytes().all(|b| b == b'-'))
}

fn escape_into(out: &mut String, text: &str) {
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        if needs_escape(line) {
            out.push('\\');
        }
        out.push_str(line);
    }
}

/// A brief read from Markdown: its content, and whatever metadata the front
/// matter carried.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParsedBrief {
    pub content: BriefContent,
    pub front_matter: FrontMatter,
}

impl ParsedBrief {
    /// The whole brief, when the front matter carried all its metadata (as
    /// `to_markdown` writes it).
    pub fn into_brief(self) -> Option<Brief> {
        let fm = self.front_matter;
        Some(Brief {
            id: fm.id?,
            status: fm.status?,
            created_at: fm.created_at?,
            updated_at: fm.updated_at?,
            revision: fm.revision?,
            content: self.content,
        })
    }
}

/// A Markdown file that cannot be read as a brief.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {message}")]
pub struct MarkdownError {
    pub line: usize,
    pub message: String,
}

/// Reads Markdown: our canonical form exactly (recognised by front matter
/// with an `id`), anything else as people write it.
///
/// Every word of the file is kept somewhere in the brief (see
/// front_matter.rs for the keys of other tools). Reading no longer fails;
/// the `Result` stays for the callers written against it.
pub fn parse_markdown(text: &str) -> Result<ParsedBrief, MarkdownError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let split = front_matter::split(text).unwrap_or_default();
    let (front_matter, carried) = (split.front_matter, split.carried);
    let body = &text[split.body..];
    // Only our own files are read byte-exact; a CRLF file has been through
    // another tool, so it is read generously.
    let canonical = front_matter.id.is_some() && text.starts_with("---\n");
    let style = if canonical { Style::Canonical } else { Style::Markdown };
    // With a `title`, the body's first line is the start of the summary.
    let mut content = outline::read(body, style, carried.title.is_none());
    if let Some(byline) = &front_matter.byline {
        content.byline = Some(byline.clone());
    }
    if let Some(tags) = &front_matter.tags {
        content.tags = tags.clone();
    }
    let mut kept = carried.kept;
    match carried.title {
        Some(title) if content.headline.is_empty() => content.headline = title,
        // The body's own H1 is what its readers saw; the title stays as text.
        Some(title) if content.headline.trim() != title.trim() => kept.insert(0, format!("title: {title}")),
        _ => {}
    }
    if !carried.description.is_empty() {
        let mut summary = carried.description.join("\n\n");
        if !content.summary.is_empty() {
            summary.push_str("\n\n");
            summary.push_str(&content.summary);
        }
        content.summary = summary;
    }
    if !kept.is_empty() {
        // One paragraph a key, after the context the body gave.
        if !content.context.is_empty() {
            content.context.push_str("\n\n");
        }
        content.context.push_str(&kept.join("\n\n"));
    }
    Ok(ParsedBrief { content, front_matter })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{BriefId, ReportSection};
    use time::macros::datetime;

    fn sample() -> Brief {
        let content: BriefContent =
            serde_json::from_str(include_str!("../testdata/korea-china-visit.content.json")).unwrap();
        let now = datetime!(2026-01-05 09:30 UTC);
        Brief { content, ..Brief::new(BriefId::from_parts(now, [42; 10]), now) }
    }

    fn round_trip(brief: &Brief) -> Brief {
        let md = to_markdown(brief);
        let parsed = parse_markdown(&md).unwrap().into_brief().unwrap();
        assert_eq!(to_markdown(&parsed), md, "rendering again changed the bytes");
        parsed
    }

    #[test]
    fn the_sample_renders_in_the_canonical_layout() {
        insta::assert_snapshot!(to_markdown(&sample()));
    }

    #[test]
    fn the_sample_reads_back_unchanged() {
        let brief = sample();
        assert_eq!(round_trip(&brief), brief);
    }

    #[test]
    fn empty_sections_lose_their_headings() {
        let mut brief = sample();
        brief.content.why_it_matters.clear();
        brief.content.key_developments.clear();
        brief.content.report.clear();
        let md = to_markdown(&brief);
        for heading in ["## Why It Matters", "## Key Developments", "## Full Report"] {
            assert!(!md.contains(heading), "{heading} should be omitted:\n{md}");
        }
        assert!(md.contains("## Context & Previous Events"));
        assert_eq!(round_trip(&brief), brief);
    }

    #[test]
    fn front_matter_strings_are_quoted_safely() {
        let mut brief = sample();
        brief.content.byline = Some("Kim \"KJ\" Ji-woo — Seoul".into());
        brief.content.tags = vec!["korea".into(), "a: b".into()];
        let md = to_markdown(&brief);
        assert!(md.contains("byline: \"Kim \\\"KJ\\\" Ji-woo — Seoul\"\n"), "{md}");
        assert!(md.contains("tags: [\"korea\", \"a: b\"]\n"), "{md}");
        assert_eq!(round_trip(&brief), brief);
    }

    #[test]
    fn markdown_structure_inside_text_is_escaped_and_restored() {
        let mut brief = sample();
        brief.content.summary = "# Not a heading\n\\ starts with a backslash\nSetext?\n===\n---\n".into();
        brief.content.why_it_matters = "\n\nleading blank lines\n## Key Developments\n  trailing  ".into();
        brief.content.report = vec![
            ReportSection { heading: "".into(), body: "".into() },
            ReportSection { heading: " # odd ".into(), body: "### Full Report\n\n\n".into() },
        ];
        brief.content.key_developments = vec!["".into(), "## not a heading".into(), "- nested".into()];
        brief.content.context = "\r\nCRLF inside\r\n".into();
        let md = to_markdown(&brief);
        assert!(md.contains("\n\\# Not a heading\n\\\\ starts"), "{md}");
        assert!(md.contains("\n\\===\n\\---\n"), "{md}");
        assert_eq!(round_trip(&brief), brief);
    }
}
