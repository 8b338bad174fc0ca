//! The canonical Markdown form of a brief (DESIGN.md §2).
//!
//! Metadata travels in YAML front matter. Each string there is written as a
//! JSON string, which is also a valid YAML double-quoted scalar, so any
//! Unicode, quote or line break survives without a YAML emitter.

use std::fmt::Write;

use time::format_description::well_known::Rfc3339;

use crate::Brief;

/// Renders `brief` as canonical Markdown with front matter.
///
/// Empty sections are omitted, headings and all, as the exports require.
pub fn to_markdown(brief: &Brief) -> String {
    let mut out = String::with_capacity(256 + brief.content.summary.len() * 4);
    write_front_matter(&mut out, brief);

    let c = &brief.content;
    let mut blocks: Vec<String> = Vec::new();
    if !c.headline.is_empty() {
        blocks.push(format!("# {}", c.headline));
    }
    if !c.summary.is_empty() {
        blocks.push(c.summary.clone());
    }
    if !c.why_it_matters.is_empty() {
        blocks.push("## Why It Matters".into());
        blocks.push(c.why_it_matters.clone());
    }
    if !c.key_developments.is_empty() {
        blocks.push("## Key Developments".into());
        blocks.push(c.key_developments.iter().map(|b| format!("- {b}")).collect::<Vec<_>>().join("\n"));
    }
    if !c.report.is_empty() {
        blocks.push("## Full Report".into());
        for section in &c.report {
            blocks.push(format!("### {}", section.heading));
            if !section.body.is_empty() {
                blocks.push(section.body.clone());
            }
        }
    }
    if !c.context.is_empty() {
        blocks.push("## Context & Previous Events".into());
        blocks.push(c.context.clone());
    }
    for block in blocks {
        out.push('\n');
        out.push_str(&block);
        out.push('\n');
    }
    out
}

fn write_front_matter(out: &mut String, brief: &Brief) {
    let quoted = |s: &str| serde_json::Value::from(s).to_string();
    let time = |t: time::OffsetDateTime| t.format(&Rfc3339).unwrap_or_else(|_| t.to_string());
    out.push_str("---\n");
    // `write!` into a String cannot fail.
    let _ = writeln!(out, "id: {}", brief.id);
    let _ = writeln!(out, "status: {}", brief.status.as_str());
    if let Some(byline) = &brief.content.byline {
        let _ = writeln!(out, "byline: {}", quoted(byline));
    }
    let tags: Vec<String> = brief.content.tags.iter().map(|t| quoted(t)).collect();
    let _ = writeln!(out, "tags: [{}]", tags.join(", "));
    let _ = writeln!(out, "created_at: {}", time(brief.created_at));
    let _ = writeln!(out, "updated_at: {}", time(brief.updated_at));
    let _ = writeln!(out, "revision: {}", brief.revision);
    out.push_str("---\n");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{BriefContent, BriefId};
    use time::macros::datetime;

    fn sample() -> Brief {
        let content: BriefContent =
            serde_json::from_str(include_str!("../testdata/korea-china-visit.content.json")).unwrap();
        let now = datetime!(2026-01-05 09:30 UTC);
        Brief { content, ..Brief::new(BriefId::from_parts(now, [42; 10]), now) }
    }

    #[test]
    fn the_sample_renders_in_the_canonical_layout() {
        insta::assert_snapshot!(to_markdown(&sample()));
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
    }

    #[test]
    fn front_matter_strings_are_quoted_safely() {
        let mut brief = sample();
        brief.content.byline = Some("Kim \"KJ\" Ji-woo\n— Seoul".into());
        brief.content.tags = vec!["korea".into(), "a: b".into()];
        let md = to_markdown(&brief);
        assert!(md.contains("byline: \"Kim \\\"KJ\\\" Ji-woo\\n— Seoul\"\n"), "{md}");
        assert!(md.contains("tags: [\"korea\", \"a: b\"]\n"), "{md}");
    }

    #[test]
    fn text_is_kept_byte_exact() {
        let brief = sample();
        let md = to_markdown(&brief);
        for bullet in &brief.content.key_developments {
            assert!(md.contains(bullet.as_str()));
        }
        assert!(md.contains("“serve as a new starting point"));
    }
}
