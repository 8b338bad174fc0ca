//! Finds a brief's anatomy in text: the one reader behind canonical
//! Markdown, the Markdown people write, and plain text.
//!
//! The text is read line by line. Structural lines (headings, labels) pick
//! the part that the following lines belong to; everything else is kept, in
//! order, in the current part. Nothing is dropped: a section the reader does
//! not know becomes a Full Report section under its own heading.

use crate::{BriefContent, ReportSection};

/// How strictly to read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Style {
    /// Our own `to_markdown` output: ATX headings only, blocks taken
    /// byte-exact, escaped lines unescaped.
    Canonical,
    /// Markdown written by people: any heading level, setext headings,
    /// Axios/Semafor labels, any bullet marker.
    Markdown,
    /// The plain-text form: label lines, `- ` bullets, short lines as report
    /// headings, one paragraph per line.
    PlainText,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Slot {
    Summary,
    WhyItMatters,
    KeyDevelopments,
    Report,
    Context,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Target {
    /// Before any label: the headline, then the summary.
    Preamble,
    Slot(Slot),
    Section(usize),
}

/// The canonical section headings, in the order `to_markdown` writes them.
pub(crate) const WHY_IT_MATTERS: &str = "Why It Matters";
pub(crate) const KEY_DEVELOPMENTS: &str = "Key Developments";
pub(crate) const FULL_REPORT: &str = "Full Report";
pub(crate) const CONTEXT: &str = "Context & Previous Events";

/// The part a label names, in any of the ways newsrooms write it.
fn classify(label: &str) -> Option<Slot> {
    let normal = normalise_label(label);
    let slot = match normal.as_str() {
        "summary" | "the news" | "tl;dr" | "tldr" | "lede" | "the lede" | "bottom line"
        | "the bottom line" => Slot::Summary,
        "why it matters" | "why this matters" | "why it's important" | "why its important"
        | "big picture" | "the big picture" | "why we care" | "the stakes" => Slot::WhyItMatters,
        "key developments" | "key points" | "what's happening" | "whats happening" | "what happened"
        | "highlights" | "key takeaways" | "takeaways" | "the latest" | "driving the news" | "key facts" => {
            Slot::KeyDevelopments
        }
        "full report" | "the full report" | "report" | "details" | "the details" | "go deeper"
        | "full story" | "the story" | "know more" => Slot::Report,
        "context and previous events"
        | "context"
        | "previous events"
        | "background"
        | "the backstory"
        | "backstory"
        | "catch up quick"
        | "flashback"
        | "context and background" => Slot::Context,
        _ => return None,
    };
    Some(slot)
}

/// Lowercase, `&` as `and`, curly apostrophes straight, emphasis markers,
/// tags and a trailing colon gone, spaces collapsed.
fn normalise_label(label: &str) -> String {
    let without_tags = strip_tags(label);
    let mut out = String::with_capacity(without_tags.len());
    for word in without_tags
        .trim()
        .trim_matches(|c| matches!(c, '*' | '_'))
        .trim()
        .trim_end_matches([':', '.'])
        .split_whitespace()
    {
        if !out.is_empty() {
            out.push(' ');
        }
        let word = word.trim_matches(|c| matches!(c, '*' | '_'));
        out.push_str(&if word == "&" { "and".to_string() } else { word.to_lowercase().replace('’', "'") });
    }
    out
}

fn strip_tags(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut in_tag = false;
    for c in s.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

/// `Why it matters: rest`, bold or not, at a paragraph's start: the slot and
/// the rest of the line.
fn inline_label(line: &str) -> Option<(Slot, &str)> {
    let colon = line.find(':')?;
    if colon > 60 {
        return None;
    }
    let (label, after) = (&line[..colon], &line[colon + 1..]);
    // The closing emphasis may come after the colon: `**Why it matters:** text`.
    let rest = after.trim_start_matches(['*', '_']);
    let rest = ["</b>", "</strong>"].iter().fold(rest, |r, tag| r.strip_prefix(tag).unwrap_or(r));
    let slot = classify(label)?;
    Some((slot, rest.trim_start()))
}

/// A label alone on its line (`Why It Matters`, `WHY IT MATTERS`, `**Background:**`).
fn bare_label(line: &str) -> Option<Slot> {
    let trimmed = line.trim();
    if trimmed.is_empty() || trimmed.len() > 60 {
        return None;
    }
    classify(trimmed)
}

/// An ATX heading: level and text.
fn atx_heading(line: &str, style: Style) -> Option<(usize, &str)> {
    if style == Style::Canonical {
        // Exactly what `to_markdown` writes: `#`, `##` or `###`, one space,
        // and the text verbatim.
        let level = line.bytes().take_while(|&b| b == b'#').count();
        if !(1..=3).contains(&level) {
            return None;
        }
        let rest = &line[level..];
        return match rest.strip_prefix(' ') {
            Some(text) => Some((level, text)),
            None if rest.is_empty() => Some((level, "")),
            None => None,
        };
    }
    let indent = line.len() - line.trim_start_matches(' ').len();
    if indent > 3 {
        return None;
    }
    let rest = &line[indent..];
    let level = rest.bytes().take_while(|&b| b == b'#').count();
    if !(1..=6).contains(&level) {
        return None;
    }
    let rest = &rest[level..];
    if !(rest.is_empty() || rest.starts_with([' ', '\t'])) {
        return None;
    }
    // An optional closing sequence of #s, preceded by a space, is not text.
    let text = rest.trim();
    let text = match text.trim_end_matches('#') {
        t if t.len() < text.len() && (t.is_empty() || t.ends_with([' ', '\t'])) => t.trim_end(),
        _ => text,
    };
    Some((level, text))
}

/// The underline of a setext heading: its level.
fn setext_underline(line: &str) -> Option<usize> {
    let t = line.trim();
    if line.len() - line.trim_start_matches(' ').len() > 3 || t.is_empty() {
        return None;
    }
    if t.bytes().all(|b| b == b'=') {
        Some(1)
    } else if t.bytes().all(|b| b == b'-') {
        Some(2)
    } else {
        None
    }
}

/// A bullet: the text after its marker (`-`, `*`, `+`, `•`, `1.`, `1)`).
fn bullet(line: &str, style: Style) -> Option<&str> {
    if style == Style::Canonical {
        return line.strip_prefix("- ").or(if line == "-" { Some("") } else { None });
    }
    let t = line.trim_start();
    for marker in ["- ", "* ", "+ ", "• ", "· ", "– "] {
        if let Some(rest) = t.strip_prefix(marker) {
            return Some(rest.trim());
        }
    }
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    if (1..=3).contains(&digits) {
        let rest = &t[digits..];
        if let Some(text) = rest.strip_prefix(". ").or_else(|| rest.strip_prefix(") ")) {
            return Some(text.trim());
        }
    }
    None
}

/// In plain text, a report sub-heading is a short line that does not end a
/// sentence (`Diplomatic Engagement`).
fn looks_like_subheading(line: &str) -> bool {
    let t = line.trim();
    !t.is_empty()
        && t.chars().count() <= 100
        && t.split_whitespace().count() <= 14
        && !t.ends_with(['.', '!', '?', ':', ';', ',', '"', '”', '’', '\'', ')', '…'])
        && bullet(t, Style::PlainText).is_none()
}

#[derive(Default)]
struct Outline {
    headline: Option<String>,
    summary: Vec<String>,
    why_it_matters: Vec<String>,
    key_developments: Vec<String>,
    /// Lines under Key Developments that are not bullets: kept, never dropped.
    report: Vec<(String, Vec<String>)>,
    context: Vec<String>,
}

/// A thematic break (`---`, `***`, `_ _ _`): a divider, never words.
fn thematic_break(line: &str) -> bool {
    let t: Vec<char> = line.chars().filter(|c| !c.is_whitespace()).collect();
    t.len() >= 3 && ['-', '*', '_'].iter().any(|m| t.iter().all(|c| c == m))
}

/// Reads `text` (BOM already removed) in `style`. Without
/// `implicit_headline` (the front matter named the headline), only an H1
/// is the headline, never the first line of text.
pub(crate) fn read(text: &str, style: Style, implicit_headline: bool) -> BriefContent {
    let normalised;
    let text = if style == Style::Canonical {
        text
    } else {
        normalised = text.replace("\r\n", "\n").replace('\r', "\n");
        &normalised
    };
    // `split('\n')` on "a\n" gives ["a", ""]; the empty tail is the end of
    // the file, not a line.
    let mut lines: Vec<&str> = text.split('\n').collect();
    let ends_with_newline = lines.last() == Some(&"");
    if ends_with_newline {
        lines.pop();
    }
    let has_h1 = style != Style::PlainText
        && lines.iter().enumerate().any(|(i, line)| {
            matches!(atx_heading(line, style), Some((1, _)))
                || (style == Style::Markdown
                    && !line.trim().is_empty()
                    && lines.get(i + 1).and_then(|l| setext_underline(l)) == Some(1))
        });
    // Plain text written one paragraph per line has no blank lines.
    let one_line_paragraphs = style == Style::PlainText;

    let mut outline = Outline::default();
    let mut target = Target::Preamble;
    let mut paragraph_start = true;
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        i += 1;

        let heading = match style {
            Style::PlainText => None,
            _ => atx_heading(line, style).or_else(|| {
                let setext = style == Style::Markdown && paragraph_start && !line.trim().is_empty();
                let level = if setext { lines.get(i).and_then(|l| setext_underline(l)) } else { None };
                level.map(|level| {
                    i += 1;
                    (level, line.trim())
                })
            }),
        };
        if let Some((level, text)) = heading {
            target = outline.heading(level, text, style, target);
            paragraph_start = true;
            continue;
        }

        let mut content = line;
        if style != Style::Canonical && (paragraph_start || one_line_paragraphs) {
            if let Some(slot) = bare_label(line) {
                target = Target::Slot(slot);
                paragraph_start = true;
                continue;
            }
            if let Some((slot, rest)) = inline_label(line) {
                target = Target::Slot(slot);
                if rest.is_empty() {
                    paragraph_start = true;
                    continue;
                }
                content = rest;
            }
            if style == Style::PlainText
                && matches!(target, Target::Slot(Slot::Report) | Target::Section(_))
                && looks_like_subheading(content)
            {
                outline.report.push((content.trim().to_string(), Vec::new()));
                target = Target::Section(outline.report.len() - 1);
                continue;
            }
        }
        // A divider above the headline (a file that opens with `---` but has
        // no front matter) is not the headline.
        if target == Target::Preamble
            && outline.headline.is_none()
            && style != Style::Canonical
            && thematic_break(content)
        {
            continue;
        }
        if target == Target::Preamble
            && outline.headline.is_none()
            && implicit_headline
            && !has_h1
            && style != Style::Canonical
            && !content.trim().is_empty()
        {
            outline.headline = Some(content.trim().to_string());
            paragraph_start = true;
            continue;
        }
        paragraph_start = content.trim().is_empty();
        outline.push(target, content);
    }
    outline.finish(style, ends_with_newline)
}

impl Outline {
    fn heading(&mut self, level: usize, text: &str, style: Style, current: Target) -> Target {
        if style == Style::Canonical {
            match (level, text) {
                (1, _) if self.headline.is_none() && current == Target::Preamble => {
                    // The blank line written before the headline is not summary.
                    if self.summary.iter().all(|l| l.is_empty()) {
                        self.summary.clear();
                    }
                    self.headline = Some(text.to_string());
                    return Target::Preamble;
                }
                (2, WHY_IT_MATTERS) => return Target::Slot(Slot::WhyItMatters),
                (2, KEY_DEVELOPMENTS) => return Target::Slot(Slot::KeyDevelopments),
                (2, FULL_REPORT) => return Target::Slot(Slot::Report),
                (2, CONTEXT) => return Target::Slot(Slot::Context),
                _ => {}
            }
        } else {
            if let Some(slot) = classify(text) {
                return Target::Slot(slot);
            }
            if self.headline.is_none() && (level == 1 || current == Target::Preamble) {
                self.headline = Some(text.to_string());
                return Target::Preamble;
            }
        }
        self.report.push((text.to_string(), Vec::new()));
        Target::Section(self.report.len() - 1)
    }

    fn push(&mut self, target: Target, line: &str) {
        let lines = match target {
            Target::Preamble | Target::Slot(Slot::Summary) => &mut self.summary,
            Target::Slot(Slot::WhyItMatters) => &mut self.why_it_matters,
            Target::Slot(Slot::KeyDevelopments) => &mut self.key_developments,
            Target::Slot(Slot::Context) => &mut self.context,
            Target::Section(i) => match self.report.get_mut(i) {
                Some((_, body)) => body,
                None => return,
            },
            Target::Slot(Slot::Report) => {
                // Text under Full Report before any sub-heading: a section of
                // its own with no heading, so it is not lost.
                if line.trim().is_empty() && self.report.is_empty() {
                    return;
                }
                if self.report.is_empty() {
                    self.report.push((String::new(), Vec::new()));
                }
                match self.report.last_mut() {
                    Some((_, body)) => body,
                    None => return,
                }
            }
        };
        lines.push(line.to_string());
    }

    fn finish(self, style: Style, ends_with_newline: bool) -> BriefContent {
        // Only the very last block of the file lacks the blank line that
        // separates blocks; which one that is depends on what was present.
        let last = self.last_slot();
        let block = |lines: Vec<String>, is_last: bool| -> String {
            match style {
                Style::Canonical => canonical_block(lines, is_last && ends_with_newline),
                Style::Markdown => trimmed_block(&unescaped(lines), "\n"),
                Style::PlainText => trimmed_block(&lines, "\n\n"),
            }
        };
        let key_developments = self.key_developments_bullets(style);
        let report_count = self.report.len();
        BriefContent {
            headline: self.headline.unwrap_or_default(),
            summary: block(self.summary, last == LastBlock::Summary),
            why_it_matters: block(self.why_it_matters, last == LastBlock::WhyItMatters),
            key_developments,
            report: self
                .report
                .into_iter()
                .enumerate()
                .map(|(i, (heading, body))| ReportSection {
                    heading,
                    body: block(body, last == LastBlock::Section && i + 1 == report_count),
                })
                .collect(),
            context: block(self.context, last == LastBlock::Context),
            byline: None,
            tags: Vec::new(),
        }
    }

    fn last_slot(&self) -> LastBlock {
        if !self.context.is_empty() {
            LastBlock::Context
        } else if !self.report.is_empty() {
            LastBlock::Section
        } else if !self.key_developments.is_empty() {
            LastBlock::KeyDevelopments
        } else if !self.why_it_matters.is_empty() {
            LastBlock::WhyItMatters
        } else {
            LastBlock::Summary
        }
    }

    fn key_developments_bullets(&self, style: Style) -> Vec<String> {
        let mut bullets: Vec<String> = Vec::new();
        // Only a bullet that had a marker wraps: lines without markers are
        // bullets of their own (indented lists written without any), else a
        // whole list became one bullet past the length limit.
        let mut continuing = false;
        for line in &self.key_developments {
            if line.trim().is_empty() {
                continuing = false;
                continue;
            }
            match bullet(line, style) {
                Some(text) => {
                    bullets.push(text.to_string());
                    continuing = true;
                }
                // A wrapped bullet's next line joins it; bullets are one line.
                None if continuing && style != Style::Canonical => {
                    if let Some(last) = bullets.last_mut() {
                        last.push(' ');
                        last.push_str(line.trim());
                    }
                }
                None => bullets.push(line.trim().to_string()),
            }
        }
        bullets
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum LastBlock {
    Summary,
    WhyItMatters,
    KeyDevelopments,
    Section,
    Context,
}

/// A block exactly as `to_markdown` wrote it: a blank line, the text, and a
/// blank line (none at the end of the file), with escaped lines restored.
/// Anything else is read as people's Markdown.
fn canonical_block(mut lines: Vec<String>, at_end: bool) -> String {
    let framed = match lines.first() {
        None => return String::new(),
        Some(first) => {
            first.is_empty() && (at_end || (lines.len() > 1 && lines.last().is_some_and(String::is_empty)))
        }
    };
    if !framed {
        return trimmed_block(&lines, "\n");
    }
    lines.remove(0);
    if !at_end {
        lines.pop();
    }
    let unescaped: Vec<&str> = lines.iter().map(|l| l.strip_prefix('\\').unwrap_or(l)).collect();
    unescaped.join("\n")
}

/// People's Markdown with our escapes undone: `to_markdown` writes a `\`
/// before a line that would otherwise read as structure (see markdown.rs),
/// and a brief without an id is read back this way, so each round trip
/// would otherwise add a backslash. CommonMark reads these escapes the same.
fn unescaped(lines: Vec<String>) -> Vec<String> {
    lines
        .into_iter()
        .map(|line| match line.strip_prefix('\\') {
            Some(rest) if crate::markdown::needs_escape(rest) => rest.to_string(),
            _ => line,
        })
        .collect()
}

/// Lines joined by `separator`, without blank lines at either end or
/// trailing whitespace. Inside a paragraph (plain text), blank lines go.
fn trimmed_block(lines: &[String], separator: &str) -> String {
    let start = lines.iter().position(|l| !l.trim().is_empty()).unwrap_or(lines.len());
    let end = lines.iter().rposition(|l| !l.trim().is_empty()).map_or(start, |i| i + 1);
    let kept = &lines[start..end];
    let joined = if separator == "\n" {
        kept.iter().map(String::as_str).collect::<Vec<_>>().join("\n")
    } else {
        kept.iter().map(|l| l.trim()).filter(|l| !l.is_empty()).collect::<Vec<_>>().join(separator)
    };
    joined.trim_end().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_recognised_however_they_are_written() {
        for label in [
            "Why It Matters",
            "WHY IT MATTERS",
            "why it matters:",
            "**The big picture:**",
            "<b>Why it matters</b>",
        ] {
            assert_eq!(classify(label), Some(Slot::WhyItMatters), "{label}");
        }
        for label in ["Key points", "What’s happening", "HIGHLIGHTS"] {
            assert_eq!(classify(label), Some(Slot::KeyDevelopments), "{label}");
        }
        for label in ["Context & Previous Events", "Background", "CONTEXT"] {
            assert_eq!(classify(label), Some(Slot::Context), "{label}");
        }
        assert_eq!(classify("Diplomatic Engagement"), None);
    }

    #[test]
    fn inline_labels_keep_the_rest_of_the_line() {
        assert_eq!(
            inline_label("**Why it matters:** Trade is at stake."),
            Some((Slot::WhyItMatters, "Trade is at stake."))
        );
        assert_eq!(inline_label("Why it matters: Trade."), Some((Slot::WhyItMatters, "Trade.")));
        assert_eq!(inline_label("**Why it matters**: Trade."), Some((Slot::WhyItMatters, "Trade.")));
        assert_eq!(
            inline_label("<b>Background:</b> Years of strain."),
            Some((Slot::Context, "Years of strain."))
        );
        assert_eq!(inline_label("Lee said: hello"), None);
    }

    #[test]
    fn atx_headings_in_every_form() {
        assert_eq!(atx_heading("## Why It Matters ##", Style::Markdown), Some((2, "Why It Matters")));
        assert_eq!(atx_heading("   # Title", Style::Markdown), Some((1, "Title")));
        assert_eq!(atx_heading("#hashtag", Style::Markdown), None);
        assert_eq!(atx_heading("####### seven", Style::Markdown), None);
        assert_eq!(atx_heading("# C# is #1 #", Style::Markdown), Some((1, "C# is #1")));
        assert_eq!(atx_heading("#  spaced  ", Style::Canonical), Some((1, " spaced  ")));
        assert_eq!(atx_heading("#### four", Style::Canonical), None);
    }

    #[test]
    fn bullets_with_any_marker() {
        for line in ["- a", "* a", "+ a", "• a", "1. a", "12) a", "  - a"] {
            assert_eq!(bullet(line, Style::Markdown), Some("a"), "{line}");
        }
        assert_eq!(bullet("-a", Style::Markdown), None);
        assert_eq!(bullet("2026. A year", Style::Markdown), None);
    }
}
