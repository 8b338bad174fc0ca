//! HTML: a standalone, self-contained document and a fragment for pasting
//! into a CMS. The live preview in the app uses the same renderer.
//!
//! Safety is an allow-list applied to the Markdown parser's events, so the
//! cost is one pass (no HTML re-parse):
//! - raw HTML is shown as text, except a fixed set of attribute-free inline
//!   tags (`<b>`, `<em>`, `<sup>`, …) matched exactly;
//! - a link keeps its target only if the scheme is http, https, mailto or
//!   tel, or it has none (relative); otherwise only its text remains;
//! - images become their alt text (a standalone file loads nothing).
//!
//! Plain-text parts (headline, headings, byline) are escaped.

use pulldown_cmark::{CowStr, Event, Options, Parser, Tag, TagEnd};

use crate::outline::{CONTEXT, FULL_REPORT, KEY_DEVELOPMENTS, WHY_IT_MATTERS};
use crate::BriefContent;

/// A complete HTML file: embedded CSS that prints well and follows the
/// reader's light or dark preference, no scripts, no external resources.
pub fn to_html_document(content: &BriefContent) -> String {
    let mut out = String::with_capacity(STYLE.len() + 1024 + content_size(content) * 5 / 4);
    out.push_str(concat!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n",
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n",
        "<meta name=\"color-scheme\" content=\"light dark\">\n",
        "<meta http-equiv=\"Content-Security-Policy\" content=\"",
    ));
    out.push_str(DOCUMENT_CSP);
    out.push_str("\">\n<title>");
    escape_into(&mut out, if content.headline.is_empty() { "Brief" } else { &content.headline });
    out.push_str("</title>\n<style>\n");
    out.push_str(STYLE);
    out.push_str("</style>\n</head>\n<body>\n");
    write_article(&mut out, content);
    out.push_str("</body>\n</html>\n");
    out
}

/// Only the `<article>`: for pasting into a CMS or an email.
pub fn to_html_fragment(content: &BriefContent) -> String {
    let mut out = String::with_capacity(1024 + content_size(content) * 5 / 4);
    write_article(&mut out, content);
    out
}

/// The policy the standalone document declares for itself: nothing may
/// load or run, only the embedded style applies.
pub const DOCUMENT_CSP: &str =
    "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";

fn content_size(c: &BriefContent) -> usize {
    c.summary.len()
        + c.why_it_matters.len()
        + c.context.len()
        + c.key_developments.iter().map(String::len).sum::<usize>()
        + c.report.iter().map(|s| s.heading.len() + s.body.len()).sum::<usize>()
}

fn write_article(out: &mut String, c: &BriefContent) {
    out.push_str("<article class=\"brief\">\n");
    let has_header = !c.headline.is_empty() || c.byline.is_some() || !c.summary.is_empty();
    if has_header {
        out.push_str("<header>\n");
        if !c.headline.is_empty() {
            out.push_str("<h1>");
            escape_into(out, &c.headline);
            out.push_str("</h1>\n");
        }
        if let Some(byline) = c.byline.as_deref().filter(|b| !b.is_empty()) {
            out.push_str("<p class=\"byline\">");
            escape_into(out, byline);
            out.push_str("</p>\n");
        }
        if !c.summary.is_empty() {
            out.push_str("<div class=\"summary\">\n");
            markdown_into(out, &c.summary, 3, false);
            out.push_str("</div>\n");
        }
        out.push_str("</header>\n");
    }
    if !c.why_it_matters.is_empty() {
        section_start(out, "why-it-matters", WHY_IT_MATTERS);
        markdown_into(out, &c.why_it_matters, 3, false);
        out.push_str("</section>\n");
    }
    if !c.key_developments.is_empty() {
        section_start(out, "key-developments", KEY_DEVELOPMENTS);
        out.push_str("<ul>\n");
        for bullet in &c.key_developments {
            out.push_str("<li>");
            markdown_into(out, bullet, 3, true);
            out.push_str("</li>\n");
        }
        out.push_str("</ul>\n</section>\n");
    }
    if !c.report.is_empty() {
        section_start(out, "full-report", FULL_REPORT);
        for section in &c.report {
            out.push_str("<section>\n");
            if !section.heading.is_empty() {
                out.push_str("<h3>");
                escape_into(out, &section.heading);
                out.push_str("</h3>\n");
            }
            markdown_into(out, &section.body, 3, false);
            out.push_str("</section>\n");
        }
        out.push_str("</section>\n");
    }
    if !c.context.is_empty() {
        section_start(out, "context", CONTEXT);
        markdown_into(out, &c.context, 3, false);
        out.push_str("</section>\n");
    }
    out.push_str("</article>\n");
}

fn section_start(out: &mut String, class: &str, heading: &str) {
    out.push_str("<section class=\"");
    out.push_str(class);
    out.push_str("\">\n<h2>");
    escape_into(out, heading);
    out.push_str("</h2>\n");
}

/// Escapes text for HTML element content and attribute values.
pub(crate) fn escape_into(out: &mut String, text: &str) {
    let mut last = 0;
    for (i, b) in text.bytes().enumerate() {
        let entity = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        out.push_str(&text[last..i]);
        out.push_str(entity);
        last = i + 1;
    }
    out.push_str(&text[last..]);
}

/// Inline tags that may pass through as written, without attributes.
const ALLOWED_INLINE_TAGS: &[&str] = &[
    "<b>",
    "</b>",
    "<i>",
    "</i>",
    "<em>",
    "</em>",
    "<strong>",
    "</strong>",
    "<u>",
    "</u>",
    "<s>",
    "</s>",
    "<sup>",
    "</sup>",
    "<sub>",
    "</sub>",
    "<mark>",
    "</mark>",
    "<small>",
    "</small>",
    "<br>",
    "<br/>",
    "<br />",
];

fn allowed_inline_tag(html: &str) -> Option<&'static str> {
    let lower = html.trim().to_ascii_lowercase();
    ALLOWED_INLINE_TAGS.iter().copied().find(|tag| *tag == lower)
}

/// Whether a link target is safe to keep. Browsers drop tabs and newlines
/// anywhere in a URL and ignore leading control characters and spaces, so
/// the scheme is judged after doing the same.
pub(crate) fn is_safe_url(url: &str) -> bool {
    let cleaned: String = url.chars().filter(|c| !matches!(c, '\t' | '\n' | '\r')).collect();
    let cleaned = cleaned.trim_matches(|c: char| c <= ' ');
    match cleaned.find([':', '/', '?', '#']) {
        Some(i) if cleaned[i..].starts_with(':') => {
            matches!(cleaned[..i].to_ascii_lowercase().as_str(), "http" | "https" | "mailto" | "tel")
        }
        _ => true,
    }
}

/// Renders user Markdown safely. Headings inside the text are pushed down
/// `heading_shift` levels so they nest under the brief's own; `inline`
/// drops the paragraph wrapper (for one-line bullets).
fn markdown_into(out: &mut String, markdown: &str, heading_shift: usize, inline: bool) {
    let options = Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TABLES;
    // For each open link: whether it was kept, so its end tag matches.
    let mut links: Vec<bool> = Vec::new();
    let events = Parser::new_ext(markdown, options).filter_map(|event| match event {
        Event::Html(html) | Event::InlineHtml(html) => Some(match allowed_inline_tag(&html) {
            Some(tag) => Event::InlineHtml(CowStr::Borrowed(tag)),
            None => Event::Text(html),
        }),
        Event::Start(Tag::HtmlBlock) => Some(Event::Start(Tag::Paragraph)),
        Event::End(TagEnd::HtmlBlock) => Some(Event::End(TagEnd::Paragraph)),
        Event::Start(Tag::Link { link_type, dest_url, title, id }) => {
            let keep = is_safe_url(&dest_url);
            links.push(keep);
            keep.then_some(Event::Start(Tag::Link { link_type, dest_url, title, id }))
        }
        Event::End(TagEnd::Link) => links.pop().unwrap_or(false).then_some(Event::End(TagEnd::Link)),
        Event::Start(Tag::Image { .. }) | Event::End(TagEnd::Image) => None,
        Event::Start(Tag::Heading { level, id, classes, attrs }) => {
            Some(Event::Start(Tag::Heading { level: shift(level, heading_shift), id, classes, attrs }))
        }
        Event::End(TagEnd::Heading(level)) => Some(Event::End(TagEnd::Heading(shift(level, heading_shift)))),
        Event::Start(Tag::Paragraph) | Event::End(TagEnd::Paragraph) if inline => None,
        other => Some(other),
    });
    pulldown_cmark::html::push_html(out, events);
}

fn shift(level: pulldown_cmark::HeadingLevel, by: usize) -> pulldown_cmark::HeadingLevel {
    use pulldown_cmark::HeadingLevel::*;
    match (level as usize + by).min(6) {
        1 => H1,
        2 => H2,
        3 => H3,
        4 => H4,
        5 => H5,
        _ => H6,
    }
}

const STYLE: &str = r#":root { color-scheme: light dark; --fg: #1d1f23; --bg: #ffffff; --muted: #5f6670; --rule: #d9d6cf; --accent: #1c345c; }
@media (prefers-color-scheme: dark) { :root { --fg: #e6e3dd; --bg: #17191c; --muted: #9ba3ad; --rule: #363a40; --accent: #8fb0e6; } }
html { background: var(--bg); color: var(--fg); }
body { margin: 0; font: 17px/1.6 Georgia, "Noto Serif", "DejaVu Serif", serif; }
.brief { max-width: 40rem; margin: 2.5rem auto; padding: 0 1.25rem; }
h1, h2, h3, h4, h5, h6 { font-family: system-ui, "Segoe UI", "Noto Sans", sans-serif; line-height: 1.25; }
h1 { font-size: 2rem; margin: 0 0 0.75rem; }
h2 { font-size: 0.8rem; letter-spacing: 0.08em; text-transform: uppercase; color: var(--accent); border-top: 1px solid var(--rule); padding-top: 1rem; margin: 2rem 0 0.75rem; }
h3 { font-size: 1.1rem; margin: 1.5rem 0 0.5rem; }
.byline { color: var(--muted); font-style: italic; margin: 0 0 1rem; }
.summary { font-size: 1.15rem; }
ul { padding-left: 1.25rem; }
li { margin: 0.35rem 0; }
a { color: var(--accent); }
blockquote { margin: 1rem 0; padding-left: 1rem; border-left: 3px solid var(--rule); color: var(--muted); }
@media print {
  :root { --fg: #000; --bg: #fff; --muted: #333; --rule: #999; --accent: #000; }
  body { font-size: 11pt; }
  .brief { max-width: none; margin: 0; padding: 0; }
  h2, h3 { break-after: avoid; }
  li, p { orphans: 3; widows: 3; }
  a[href^="http"]::after { content: " (" attr(href) ")"; font-size: 0.85em; color: var(--muted); }
}
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unsafe_schemes_are_refused_however_they_are_disguised() {
        for url in [
            "javascript:alert(1)",
            "JavaScript:alert(1)",
            " javascript:alert(1)",
            "\u{1}javascript:alert(1)",
            "java\tscript:alert(1)",
            "java\nscript:alert(1)",
            "vbscript:msgbox(1)",
            "data:text/html,<script>alert(1)</script>",
            "DATA:image/svg+xml;base64,AAAA",
            "file:///etc/passwd",
        ] {
            assert!(!is_safe_url(url), "{url:?} should be refused");
        }
        for url in [
            "https://example.com/a?b=c",
            "http://x",
            "mailto:desk@example.com",
            "tel:+4412345",
            "/relative",
            "#top",
            "page.html",
            "?q=1",
            "//cdn.example.com/x",
        ] {
            assert!(is_safe_url(url), "{url:?} should be kept");
        }
    }

    #[test]
    fn allowed_tags_pass_and_everything_else_is_text() {
        let mut out = String::new();
        markdown_into(
            &mut out,
            "A <b>bold</b> <B>claim</B> <b onclick=\"x()\">no</b> <script>alert(1)</script>",
            3,
            false,
        );
        assert_eq!(
            out,
            "<p>A <b>bold</b> <b>claim</b> &lt;b onclick=\"x()\"&gt;no</b> &lt;script&gt;alert(1)&lt;/script&gt;</p>\n"
        );
    }

    #[test]
    fn headings_in_text_nest_under_the_brief() {
        let mut out = String::new();
        markdown_into(&mut out, "# Inside\n\n#### Deep", 3, false);
        assert_eq!(out, "<h4>Inside</h4>\n<h6>Deep</h6>\n");
    }

    #[test]
    fn bullets_render_inline() {
        let mut out = String::new();
        markdown_into(&mut out, "Lee *meets* [Xi](https://example.com)", 3, true);
        assert_eq!(out, "Lee <em>meets</em> <a href=\"https://example.com\">Xi</a>");
    }
}
