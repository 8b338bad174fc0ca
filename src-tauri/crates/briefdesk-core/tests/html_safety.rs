//! Hostile text through the HTML renderer: parsed back with a real HTML
//! parser, nothing executable may survive, and the plain-text parts must
//! still show exactly what was typed.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use briefdesk_core::{to_html_document, to_html_fragment, BriefContent, ReportSection, DOCUMENT_CSP};
use scraper::{Html, Selector};

const PAYLOADS: &[&str] = &[
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<scr<script>ipt>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<IMG SRC=\"javascript:alert('XSS');\">",
    "<body onload=alert(1)>",
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    "<svg><a xlink:href=\"javascript:alert(1)\"><text>x</text></a></svg>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<math href=\"javascript:alert(1)\">click</math>",
    "<iframe src=\"javascript:alert(1)\"></iframe>",
    "<iframe srcdoc=\"<script>alert(1)</script>\"></iframe>",
    "<form action=\"javascript:alert(1)\"><button>go</button></form>",
    "<input autofocus onfocus=alert(1)>",
    "<style>body{background:url(javascript:alert(1))}</style>",
    "<link rel=stylesheet href=//evil.example/x.css>",
    "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
    "<base href=\"javascript:alert(1)//\">",
    "<object data=\"javascript:alert(1)\"></object>",
    "<embed src=\"data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+\">",
    "<a href=\"javascript:alert(1)\">x</a>",
    "<b onclick=alert(1)>bold</b>",
    "<b\tonclick=alert(1)>bold</b>",
    "<details open ontoggle=alert(1)>",
    "<video><source onerror=alert(1)></video>",
    "<template><script>alert(1)</script></template>",
    "<div style=\"background:url(javascript:alert(1))\">x</div>",
    "[link](javascript:alert(1))",
    "[link](JAVASCRIPT:alert(1))",
    "[link]( javascript:alert(1))",
    "[link](java&#x09;script:alert(1))",
    "[link](jav&#x61;script:alert(1))",
    "[link](&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1))",
    "[link](java%0ascript:alert(1))",
    "[link](<javascript:alert(1)>)",
    "[link](vbscript:msgbox(1))",
    "[link](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[link](DATA:text/html,<script>alert(1)</script>)",
    "[x](https://ok.example \"title\\\" onmouseover=alert(1) x=\\\"\")",
    "<javascript:alert(1)>",
    "<JaVaScRiPt:alert(1)>",
    "![alt](javascript:alert(1))",
    "![alt\" onerror=\"alert(1)](x.png)",
    "![x](data:image/svg+xml,<svg onload=alert(1)>)",
    "[ref]\n\n[ref]: javascript:alert(1)",
    "<a href=\"&#x6A;avascript:alert(1)\">x</a>",
    "\"><script>alert(1)</script>",
    "'><img src=x onerror=alert(1)>",
    "</textarea><script>alert(1)</script>",
    "</title><script>alert(1)</script>",
    "</style><script>alert(1)</script>",
    "<!--<img src=\"--><img src=x onerror=alert(1)//\">",
    "<![CDATA[<script>alert(1)</script>]]>",
    "<?xml version=\"1.0\"?><script>alert(1)</script>",
    "```html\n<script>alert(1)</script>\n```",
    "    <script>alert(1)</script>",
    "<a href=\"\u{0001}javascript:alert(1)\">x</a>",
    "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">",
    "<select><template><img src=x onerror=alert(1)></template></select>",
    "<keygen autofocus onfocus=alert(1)>",
    "<marquee onstart=alert(1)>x</marquee>",
    // Tables: cells hold hostile text, and alignment must not become a style.
    "| a | b | c |\n|:--|:-:|--:|\n| <script>alert(1)</script> | [x](javascript:alert(1)) | <img src=x onerror=alert(1)> |",
    "| <b onclick=alert(1)>h</b> |\n|---:|\n| <s>unclosed in a cell |",
    "| x |\n|:-:|\n| <style>td{background:url(javascript:alert(1))}</style> |",
];

/// Elements that execute, load, submit or restyle: none may come from text.
const FORBIDDEN: &[&str] = &[
    "script", "iframe", "frame", "frameset", "object", "embed", "form", "input", "button", "textarea",
    "select", "link", "base", "svg", "math", "img", "video", "audio", "source", "template", "details",
    "noscript", "keygen", "marquee", "applet", "portal",
];

fn content_with(payload: &str) -> BriefContent {
    let one_line = payload.replace(['\n', '\r'], " ");
    BriefContent {
        headline: one_line.clone(),
        summary: payload.into(),
        why_it_matters: payload.into(),
        key_developments: vec![one_line.clone(), format!("before {one_line} after")],
        report: vec![ReportSection { heading: one_line.clone(), body: payload.into() }],
        context: format!("{payload}\n\n{payload}"),
        byline: Some(one_line),
        tags: vec![],
    }
}

fn assert_inert(html: &str, document: bool, payload: &str) {
    let doc = if document { Html::parse_document(html) } else { Html::parse_fragment(html) };
    // The brief's own headings and byline are escaped text: an element in
    // one can only be an inline tag left open in an earlier part, which a
    // browser carries on into everything after it.
    let own = Selector::parse("article > header > h1, section > h2, section > h3, .byline").unwrap();
    for element in doc.select(&own) {
        let child = element.children().find_map(scraper::ElementRef::wrap);
        assert!(
            child.is_none(),
            "<{}> leaked into a heading from {payload:?}:\n{html}",
            child.map_or("", |c| c.value().name())
        );
    }
    let all = Selector::parse("*").unwrap();
    let mut styles = 0;
    let mut metas_with_http_equiv = 0;
    for element in doc.select(&all) {
        let el = element.value();
        let name = el.name();
        assert!(!FORBIDDEN.contains(&name), "<{name}> survived from {payload:?}:\n{html}");
        if name == "style" {
            styles += 1;
            assert!(
                document
                    && element.parent().and_then(scraper::ElementRef::wrap).map(|p| p.value().name())
                        == Some("head")
            );
        }
        if name == "meta" && el.attr("http-equiv").is_some() {
            metas_with_http_equiv += 1;
            assert_eq!(el.attr("content"), Some(DOCUMENT_CSP), "a foreign meta from {payload:?}");
        }
        for (attr, value) in el.attrs() {
            let attr = attr.to_ascii_lowercase();
            assert!(!attr.starts_with("on"), "{attr} on <{name}> survived from {payload:?}:\n{html}");
            assert!(
                attr != "style" && attr != "srcdoc" && attr != "formaction",
                "{attr} survived from {payload:?}"
            );
            if matches!(
                attr.as_str(),
                "href" | "src" | "action" | "data" | "xlink:href" | "poster" | "background"
            ) {
                let cleaned: String =
                    value.chars().filter(|c| !c.is_whitespace() && !c.is_control()).collect();
                let lower = cleaned.to_ascii_lowercase();
                for scheme in ["javascript:", "vbscript:", "data:", "file:"] {
                    assert!(!lower.starts_with(scheme), "{attr}={value:?} survived from {payload:?}");
                }
            }
        }
    }
    if document {
        assert_eq!((styles, metas_with_http_equiv), (1, 1), "only the document's own style and CSP");
    } else {
        assert_eq!(styles + metas_with_http_equiv, 0);
    }
}

/// Inline tags left open or closed out of turn: each part must close what
/// it opened, and a closer with nothing to close is dropped.
const UNBALANCED: &[&str] = &[
    "<s>unclosed",
    "<small>unclosed",
    "<b><i>two unclosed",
    "<S>upper case",
    "<s>\n\nnext paragraph",
    "<s>\n",
    "<em>opened *inside* and </b> closed wrongly",
    "*emphasis <strong>opened inside* and closed outside</strong>",
    "<u>a [link <b>x](https://example.com) after",
    "> <mark>quoted\n\nplain",
    "# <sup>heading\n\ntext",
    "- <small>item one\n- item two",
    "| <s>cell |\n|---|\n| <i>cell |",
    "</s>stray closer",
    "a </small></b> b",
];

#[test]
fn inline_tags_close_where_their_part_ends() {
    assert!(UNBALANCED.len() >= 10);
    for payload in UNBALANCED {
        let content = content_with(payload);
        for html in [to_html_document(&content), to_html_fragment(&content)] {
            assert_inert(&html, html.starts_with("<!DOCTYPE"), payload);
            for tag in ["b", "i", "em", "strong", "u", "s", "sup", "sub", "mark", "small"] {
                let opened = html.matches(&format!("<{tag}>")).count();
                let closed = html.matches(&format!("</{tag}>")).count();
                assert_eq!(opened, closed, "<{tag}> unbalanced from {payload:?}:\n{html}");
            }
        }
    }
    let stray = BriefContent { summary: "a </small></b> b".into(), ..BriefContent::default() };
    let stray = to_html_fragment(&stray);
    assert!(!stray.contains("</small>") && !stray.contains("</b>"), "{stray}");
    assert!(!stray.contains("&lt;/small&gt;"), "a stray closer is dropped, not shown: {stray}");
}

#[test]
fn table_alignment_is_an_attribute_not_a_style() {
    let content = content_with("| l | c | r | n |\n|:--|:-:|--:|---|\n| 1 | 2 | 3 | 4 |");
    let html = to_html_fragment(&content);
    assert!(!html.contains("style="), "{html}");
    for expected in [
        "<th align=\"left\">l</th>",
        "<th align=\"center\">c</th>",
        "<th align=\"right\">r</th>",
        "<th>n</th>",
        "<td align=\"left\">1</td>",
        "<td align=\"center\">2</td>",
        "<td align=\"right\">3</td>",
        "<td>4</td>",
    ] {
        assert!(html.contains(expected), "{expected} missing:\n{html}");
    }
}

#[test]
fn at_least_sixty_payloads_are_tried() {
    assert!(PAYLOADS.len() >= 60, "{}", PAYLOADS.len());
}

#[test]
fn nothing_executable_survives_in_the_document_or_the_fragment() {
    for payload in PAYLOADS {
        let content = content_with(payload);
        assert_inert(&to_html_document(&content), true, payload);
        assert_inert(&to_html_fragment(&content), false, payload);
    }
}

#[test]
fn plain_text_parts_show_exactly_what_was_typed() {
    let h1 = Selector::parse("h1").unwrap();
    let h3 = Selector::parse("h3").unwrap();
    let byline = Selector::parse(".byline").unwrap();
    for payload in PAYLOADS {
        let content = content_with(payload);
        let doc = Html::parse_fragment(&to_html_fragment(&content));
        let text = |sel: &Selector| doc.select(sel).next().map(|e| e.text().collect::<String>());
        assert_eq!(text(&h1).as_deref(), Some(content.headline.as_str()));
        assert_eq!(text(&h3).as_deref(), Some(content.headline.as_str()));
        assert_eq!(text(&byline).as_deref(), Some(content.headline.as_str()));
    }
}

#[test]
fn the_document_loads_nothing_and_runs_nothing() {
    let html = to_html_document(&content_with("[a](https://example.com)"));
    assert!(!html.contains("<script") && !html.contains("<link") && !html.contains("@import"));
    assert!(html.contains("prefers-color-scheme: dark") && html.contains("@media print"));
}

/// Fuzz target: hostile fragments recombined at random (so the sanitizer
/// sees splits and nestings no list has), through both renderers. Bounded
/// in `make test`; `make fuzz` runs it with BRIEFDESK_FUZZ_CASES=200000.
mod fuzz {
    use proptest::prelude::*;

    use super::*;

    const PIECES: &[&str] = &[
        "<",
        ">",
        "</",
        "/>",
        "script",
        "img",
        "svg",
        "iframe",
        "a",
        " href=",
        " src=",
        " onerror=",
        " onload=",
        "javascript:",
        "JaVaScRiPt:",
        "data:text/html,",
        "vbscript:",
        "alert(1)",
        "\"",
        "'",
        "`",
        "=",
        " ",
        "\n",
        "\n\n",
        "\t",
        "\u{0}",
        "\u{1}",
        "&#106;",
        "&#x6A;",
        "&colon;",
        "&",
        ";",
        "[",
        "]",
        "(",
        ")",
        "![",
        "](",
        "<!--",
        "-->",
        "<![CDATA[",
        "]]>",
        "```",
        "    ",
        "* ",
        "# ",
        "<b>",
        "</b>",
        "<em>",
        "<style>",
        "</style>",
        "<template>",
        "<math>",
        "xlink:href=",
        "%0a",
        "\\",
        "\u{202e}",
        "<b ",
        "<s>",
        "</s>",
        "<small>",
        "</small>",
        "<i>",
        "| ",
        "|:-:|",
        "\n|---|\n",
    ];

    fn cases(default: u32) -> u32 {
        std::env::var("BRIEFDESK_FUZZ_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(default)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(cases(1_500)))]

        #[test]
        fn recombined_hostile_text_renders_inert(pieces in prop::collection::vec(prop::sample::select(PIECES), 1..48)) {
            let payload = pieces.concat();
            let content = content_with(&payload);
            assert_inert(&to_html_fragment(&content), false, &payload);
            assert_inert(&to_html_document(&content), true, &payload);
        }
    }
}
