//! The plain-text form of a brief: the layout of
//! `testdata/korea-china-visit.txt`. A line for the headline, a paragraph
//! per line, the section labels on lines of their own, `- ` bullets, and
//! each report section as a short heading line followed by its paragraphs.
//! Inline Markdown is reduced to its text, so the result pastes cleanly
//! into mail.

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use crate::outline::{self, Style, CONTEXT, FULL_REPORT, KEY_DEVELOPMENTS, WHY_IT_MATTERS};
use crate::BriefContent;

/// Reads plain text, tolerating a BOM, CRLF, label synonyms, missing
/// sections and trailing blank lines.
pub fn parse_text(text: &str) -> BriefContent {
    outline::read(text.strip_prefix('\u{feff}').unwrap_or(text), Style::PlainText, true)
}

/// Renders `content` as plain text. Empty sections are omitted.
pub fn to_text(content: &BriefContent) -> String {
    let mut out = String::new();
    let mut line = |text: &str| {
        out.push_str(text);
        out.push('\n');
    };
    if !content.headline.is_empty() {
        line(&content.headline);
    }
    for paragraph in plain_paragraphs(&content.summary) {
        line(&paragraph);
    }
    if !content.why_it_matters.is_empty() {
        line(WHY_IT_MATTERS);
        for paragraph in plain_paragraphs(&content.why_it_matters) {
            line(&paragraph);
        }
    }
    if !content.key_developments.is_empty() {
        line(KEY_DEVELOPMENTS);
        for bullet in &content.key_developments {
            line(&format!("- {}", plain_paragraphs(bullet).join(" ")));
        }
    }
    if !content.report.is_empty() {
        line(FULL_REPORT);
        for section in &content.report {
            if !section.heading.is_empty() {
                line(&section.heading);
            }
            for paragraph in plain_paragraphs(&section.body) {
                line(&paragraph);
            }
        }
    }
    if !content.context.is_empty() {
        line(CONTEXT);
        for paragraph in plain_paragraphs(&content.context) {
            line(&paragraph);
        }
    }
    out
}

/// The text of Markdown, one string per paragraph or list item: emphasis
/// markers and HTML tags dropped, links as `text (url)`.
pub(crate) fn plain_paragraphs(markdown: &str) -> Vec<String> {
    paragraphs(markdown, true)
}

/// What a reader sees of Markdown: the text, without link targets.
pub(crate) fn visible_text(markdown: &str) -> String {
    paragraphs(markdown, false).join("\n")
}

fn paragraphs(markdown: &str, with_urls: bool) -> Vec<String> {
    let mut paragraphs = Vec::new();
    let mut current = String::new();
    let mut link_urls: Vec<String> = Vec::new();
    let mut link_text_start: Vec<usize> = Vec::new();
    let finish = |current: &mut String, paragraphs: &mut Vec<String>| {
        let text = current.split_whitespace().collect::<Vec<_>>().join(" ");
        if !text.is_empty() {
            paragraphs.push(text);
        }
        current.clear();
    };
    for event in Parser::new(markdown) {
        match event {
            Event::Text(text) | Event::Code(text) => current.push_str(&text),
            Event::SoftBreak | Event::HardBreak => current.push(' '),
            Event::Start(Tag::Item) => {
                finish(&mut current, &mut paragraphs);
                current.push_str("- ");
            }
            Event::Start(Tag::Link { dest_url, .. }) => {
                link_urls.push(dest_url.to_string());
                link_text_start.push(current.len());
            }
            Event::End(TagEnd::Link) => {
                let (url, start) = (link_urls.pop().unwrap_or_default(), link_text_start.pop().unwrap_or(0));
                if with_urls && !url.is_empty() && current.get(start..) != Some(url.as_str()) {
                    current.push_str(&format!(" ({url})"));
                }
            }
            Event::End(TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item | TagEnd::CodeBlock) => {
                finish(&mut current, &mut paragraphs);
            }
            Event::Start(Tag::Paragraph | Tag::Heading { .. } | Tag::CodeBlock(_)) => {
                finish(&mut current, &mut paragraphs);
            }
            _ => {}
        }
    }
    finish(&mut current, &mut paragraphs);
    paragraphs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_is_reduced_to_its_text() {
        assert_eq!(
            plain_paragraphs(
                "**Lee** met *Xi* in [Beijing](https://example.com/b) `today`.\n\nSecond <b>para</b>."
            ),
            ["Lee met Xi in Beijing (https://example.com/b) today.", "Second para."]
        );
        assert_eq!(plain_paragraphs("<https://example.com>"), ["https://example.com"]);
        assert_eq!(plain_paragraphs("- one\n- two"), ["- one", "- two"]);
        assert_eq!(plain_paragraphs("AT&amp;T and “quotes” — dashes"), ["AT&T and “quotes” — dashes"]);
    }
}
