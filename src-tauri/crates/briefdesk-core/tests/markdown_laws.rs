//! The Markdown laws, over generated briefs whose text is full of the
//! characters Markdown gives meaning to.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use briefdesk_core::{
    parse_markdown, to_markdown, validate, Brief, BriefContent, BriefId, Limits, ReportSection, Status,
};
use proptest::prelude::*;
use time::OffsetDateTime;

/// Pieces that stress the format: structure at line starts, escapes, blank
/// lines, trailing spaces, line endings, and non-Latin text.
const PIECES: &[&str] = &[
    "#",
    "# ",
    "## ",
    "### ",
    "#### x",
    "*",
    "**",
    "- ",
    "-",
    "+ ",
    "1. ",
    "2) ",
    "[",
    "]",
    "(",
    ")",
    "`",
    "```",
    "<",
    ">",
    "<b>",
    "&amp;",
    "\\",
    "\\#",
    "  ",
    "\t",
    " ",
    "=",
    "===",
    "---",
    "***",
    "___",
    ":",
    "é",
    "한국",
    "“",
    "”",
    "’",
    "—",
    "中国",
    "\u{200b}",
    "\u{feff}",
    "word",
    "Lee",
    "Why It Matters",
    "## Why It Matters",
    "Key Developments",
    "## Full Report",
    "### Heading",
    "Context & Previous Events",
    "---\nid: x\n---",
    "\n",
    "\n\n",
    "\r\n",
    "\r",
    "\n- ",
    "\n# ",
    "\n\\",
    "\n===\n",
    "\n---\n",
    "\n   \n",
];

fn text(multi_line: bool) -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..12).prop_map(move |pieces| {
        let s: String = pieces.concat();
        if multi_line {
            s
        } else {
            s.replace(['\n', '\r'], " ")
        }
    })
}

fn content() -> impl Strategy<Value = BriefContent> {
    (
        text(false),
        text(true),
        text(true),
        prop::collection::vec(text(false), 0..5),
        prop::collection::vec((text(false), text(true)), 0..4),
        text(true),
        prop::option::of(text(false)),
        prop::collection::vec(text(false).prop_map(|t| format!("t{t}")), 0..3),
    )
        .prop_map(
            |(headline, summary, why_it_matters, key_developments, report, context, byline, tags)| {
                BriefContent {
                    headline,
                    summary,
                    why_it_matters,
                    key_developments,
                    report: report
                        .into_iter()
                        .map(|(heading, body)| ReportSection { heading, body })
                        .collect(),
                    context,
                    byline,
                    tags,
                }
            },
        )
}

fn brief() -> impl Strategy<Value = Brief> {
    (content(), any::<[u8; 10]>(), 0usize..4, 0i64..4_000_000_000_000, 0i64..100_000_000, 1u32..10_000)
        .prop_map(|(content, random, status, created_ms, later_ms, revision)| {
            let at = |ms: i64| OffsetDateTime::from_unix_timestamp_nanos(i128::from(ms) * 1_000_000).unwrap();
            Brief {
                id: BriefId::from_parts(at(created_ms), random),
                status: Status::ALL[status],
                created_at: at(created_ms),
                updated_at: at(created_ms + later_ms),
                revision,
                content,
            }
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2_000))]

    #[test]
    fn parse_after_render_gives_back_the_brief(brief in brief()) {
        prop_assume!(validate(&brief.content, &Limits::DEFAULT).is_ok());
        let md = to_markdown(&brief);
        let parsed = parse_markdown(&md).map_err(|e| TestCaseError::fail(format!("{e}\n{md}")))?;
        let back = parsed.into_brief().ok_or_else(|| TestCaseError::fail("metadata lost"))?;
        prop_assert_eq!(&back, &brief, "\n{}", md);
        prop_assert_eq!(to_markdown(&back), md);
    }

    #[test]
    fn reading_any_text_never_panics(input in prop::collection::vec(prop::sample::select(PIECES), 0..40)) {
        let text = input.concat();
        let _ = parse_markdown(&text);
        let _ = parse_markdown(&format!("---\nid: 019b8d7d-f1c0-7a2a-aa2a-2a2a2a2a2a2a\n---\n{text}"));
    }

    #[test]
    fn reading_arbitrary_unicode_never_panics(text in any::<String>()) {
        let _ = parse_markdown(&text);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3_000))]

    #[test]
    fn importing_any_bytes_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..400), format in 0usize..4) {
        use briefdesk_core::{import, InputFormat};
        let format = [InputFormat::Auto, InputFormat::Markdown, InputFormat::Text, InputFormat::Json][format];
        let _ = import(&bytes, format, None);
    }

    #[test]
    fn rendering_any_content_never_panics(content in content()) {
        let _ = briefdesk_core::to_html_document(&content);
        let _ = briefdesk_core::to_text(&content);
        let _ = briefdesk_core::parse_text(&briefdesk_core::to_text(&content));
    }
}
