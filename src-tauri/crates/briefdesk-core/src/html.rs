//! HTML: a standalone, self-contained document and a fragment for pasting
//! into a CMS. The live preview in the app uses the same renderer.
//!
//! Safety is an allow-list applied to the Markdown parser's events, so the
//! cost is one pass (no HTML re-parse):
//! - raw HTML is shown as text, except a fixed set of attribute-free inline
//!   tags (`<b>`, `<em>`, `<sup>`, …) matched exactly, and those are
//!   balanced: each paragraph, heading, cell or emphasis closes the tags
//!   opened in it (a browser would carry an unclosed `<s>` on into every
//!   later part), and a closer with nothing open to close is dropped;
//! - table alignment is an `align` attribute, never a `style`;
//! - a link keeps its target only if the scheme is http, https, mailto or
//!   tel, or it has none (relative); otherwise only its text remains;
//! - images become their alt text (a standalone file loads nothing).
//!
//! Plain-text parts (headline, headings, byline) are escaped.

use pulldown_cmark::{Alignment, CowStr, Event, Options, Parser, Tag, TagEnd};

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

/// An inline tag that may pass through as written, without attributes.
#[derive(PartialEq, Eq)]
struct InlineTag {
    open: &'static str,
    close: &'static str,
}

const INLINE_TAGS: &[InlineTag] = &[
    InlineTag { open: "<b>", close: "</b>" },
    InlineTag { open: "<i>", close: "</i>" },
    InlineTag { open: "<em>", close: "</em>" },
    InlineTag { open: "<strong>", close: "</strong>" },
    InlineTag { open: "<u>", close: "</u>" },
    InlineTag { open: "<s>", close: "</s>" },
    InlineTag { open: "<sup>", close: "</sup>" },
    InlineTag { open: "<sub>", close: "</sub>" },
    InlineTag { open: "<mark>", close: "</mark>" },
    InlineTag { open: "<small>", close: "</small>" },
];

const LINE_BREAKS: &[&str] = &["<br>", "<br/>", "<br />"];

/// What an allowed piece of raw HTML is.
enum RawTag {
    Open(&'static InlineTag),
    Close(&'static InlineTag),
    Break(&'static str),
}

fn allowed_inline_tag(html: &str) -> Option<RawTag> {
    let lower = html.trim().to_ascii_lowercase();
    if let Some(br) = LINE_BREAKS.iter().copied().find(|br| *br == lower) {
        return Some(RawTag::Break(br));
    }
    INLINE_TAGS.iter().find_map(|tag| {
        if tag.open == lower {
            Some(RawTag::Open(tag))
        } else if tag.close == lower {
            Some(RawTag::Close(tag))
        } else {
            None
        }
    })
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
    let mut sanitizer = Sanitizer { heading_shift, inline, ..Sanitizer::default() };
    for event in Parser::new_ext(markdown, options) {
        sanitizer.push(event);
    }
    sanitizer.close_inline_tags(0);
    pulldown_cmark::html::push_html(out, sanitizer.events.into_iter());
}

/// The allow-list as a pass over the parser's events, keeping the state
/// that single events do not carry.
#[derive(Default)]
struct Sanitizer<'a> {
    heading_shift: usize,
    inline: bool,
    events: Vec<Event<'a>>,
    /// What is open, innermost last: an allowed inline tag, or (`None`) a
    /// container of the Markdown's own (paragraph, emphasis, cell…). A
    /// browser carries an unclosed `<s>` on into every later paragraph and
    /// heading, so each container closes the tags opened inside it, and a
    /// closer may only close a tag opened in its own container.
    open: Vec<Option<&'static InlineTag>>,
    /// For each open link: whether it was kept, so its end tag matches.
    links: Vec<bool>,
    /// The open table's column alignments; the cell being written.
    table: Vec<Alignment>,
    in_table_head: bool,
    cell: usize,
}

impl<'a> Sanitizer<'a> {
    fn push(&mut self, event: Event<'a>) {
        match event {
            Event::Html(html) | Event::InlineHtml(html) => match allowed_inline_tag(&html) {
                Some(RawTag::Open(tag)) => {
                    self.open.push(Some(tag));
                    self.raw(tag.open);
                }
                Some(RawTag::Close(tag)) => {
                    let container = self.open.iter().rposition(Option::is_none).map_or(0, |i| i + 1);
                    // A closer with nothing to close is dropped: shown as
                    // text it would be noise, passed on it could close an
                    // element of ours.
                    if let Some(at) = self.open[container..].iter().rposition(|t| *t == Some(tag)) {
                        self.close_inline_tags(container + at);
                    }
                }
                Some(RawTag::Break(br)) => self.raw(br),
                None => self.events.push(Event::Text(html)),
            },
            Event::Start(tag) => {
                self.open.push(None);
                if let Some(event) = self.start(tag) {
                    self.events.push(event);
                }
            }
            Event::End(tag) => {
                let container = self.open.iter().rposition(Option::is_none).unwrap_or(0);
                self.close_inline_tags(container + 1);
                self.open.truncate(container);
                if let Some(event) = self.end(tag) {
                    self.events.push(event);
                }
            }
            other => self.events.push(other),
        }
    }

    fn raw(&mut self, html: &'static str) {
        self.events.push(Event::InlineHtml(CowStr::Borrowed(html)));
    }

    /// Closes the inline tags open from `from` on, innermost first.
    fn close_inline_tags(&mut self, from: usize) {
        let from = from.min(self.open.len());
        let closers: Vec<&'static str> = self.open.drain(from..).rev().flatten().map(|t| t.close).collect();
        for close in closers {
            self.raw(close);
        }
    }

    fn start(&mut self, tag: Tag<'a>) -> Option<Event<'a>> {
        Some(Event::Start(match tag {
            Tag::HtmlBlock => Tag::Paragraph,
            Tag::Link { link_type, dest_url, title, id } => {
                let keep = is_safe_url(&dest_url);
                self.links.push(keep);
                if !keep {
                    return None;
                }
                Tag::Link { link_type, dest_url, title, id }
            }
            Tag::Image { .. } => return None,
            Tag::Heading { level, id, classes, attrs } => {
                Tag::Heading { level: shift(level, self.heading_shift), id, classes, attrs }
            }
            Tag::Paragraph if self.inline => return None,
            Tag::Table(alignments) => {
                self.table.clone_from(&alignments);
                Tag::Table(alignments)
            }
            Tag::TableHead => {
                self.in_table_head = true;
                self.cell = 0;
                Tag::TableHead
            }
            Tag::TableRow => {
                self.cell = 0;
                Tag::TableRow
            }
            // pulldown-cmark aligns a cell with a `style` attribute, which
            // the page's CSP blocks and the allow-list forbids; `align`
            // is plain HTML, and works wherever the fragment is pasted,
            // with no stylesheet of ours.
            Tag::TableCell => {
                let alignment = self.table.get(self.cell).copied().unwrap_or(Alignment::None);
                return Some(Event::InlineHtml(CowStr::Borrowed(cell_start(self.in_table_head, alignment))));
            }
            other => other,
        }))
    }

    fn end(&mut self, tag: TagEnd) -> Option<Event<'a>> {
        Some(Event::End(match tag {
            TagEnd::HtmlBlock => TagEnd::Paragraph,
            TagEnd::Link => {
                if !self.links.pop().unwrap_or(false) {
                    return None;
                }
                TagEnd::Link
            }
            TagEnd::Image => return None,
            TagEnd::Heading(level) => TagEnd::Heading(shift(level, self.heading_shift)),
            TagEnd::Paragraph if self.inline => return None,
            TagEnd::TableHead => {
                self.in_table_head = false;
                TagEnd::TableHead
            }
            TagEnd::TableCell => {
                self.cell += 1;
                let close = if self.in_table_head { "</th>" } else { "</td>" };
                return Some(Event::InlineHtml(CowStr::Borrowed(close)));
            }
            other => other,
        }))
    }
}

fn cell_start(head: bool, alignment: Alignment) -> &'static str {
    match (head, alignment) {
        (true, Alignment::None) => "<th>",
        (true, Alignment::Left) => "<th align=\"left\">",
        (true, Alignment::Center) => "<th align=\"center\">",
        (true, Alignment::Right) => "<th align=\"right\">",
        (false, Alignment::None) => "<td>",
        (false, Alignment::Left) => "<td align=\"left\">",
        (false, Alignment::Center) => "<td align=\"center\">",
        (false, Alignment::Right) => "<td align=\"right\">",
    }
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
            "<p>A <b>bold</b> <b>claim</b> &lt;b onclick=\"x()\"&gt;no &lt;script&gt;alert(1)&lt;/script&gt;</p>\n"
        );
    }

    #[test]
    fn inline_tags_close_with_their_container_and_stray_closers_go() {
        let cases: &[(&str, &str)] = &[
            ("<s>unclosed\n\nnext", "<p><s>unclosed</s></p>\n<p>next</p>\n"),
            ("<b><i>two", "<p><b><i>two</i></b></p>\n"),
            ("<b><i>x</b> y</i>", "<p><b><i>x</i></b> y</p>\n"),
            ("*a <b>b* c</b>", "<p><em>a <b>b</b></em> c</p>\n"),
            ("<b>a *b</b> c*", "<p><b>a <em>b c</em></b></p>\n"),
            ("- <small>one\n- two", "<ul>\n<li><small>one</small></li>\n<li>two</li>\n</ul>\n"),
            ("x </s> y <br> z", "<p>x  y <br> z</p>\n"),
            ("<s>\n", "<p><s></s></p>\n"),
        ];
        assert!(!cases.is_empty());
        for (markdown, expected) in cases {
            let mut out = String::new();
            markdown_into(&mut out, markdown, 3, false);
            assert_eq!(&out, expected, "{markdown:?}");
        }
        let mut out = String::new();
        markdown_into(&mut out, "a <sup>b", 3, true);
        assert_eq!(out, "a <sup>b</sup>");
    }

    #[test]
    fn table_cells_are_aligned_without_style() {
        let mut out = String::new();
        markdown_into(&mut out, "| a | b |\n|:-:|--:|\n| <s>1 | 2 |", 3, false);
        assert_eq!(
            out,
            "<table><thead><tr><th align=\"center\">a</th><th align=\"right\">b</th></tr></thead><tbody>\n\
             <tr><td align=\"center\"><s>1</s></td><td align=\"right\">2</td></tr>\n</tbody></table>\n"
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
