//! The laws of the three-way merge (`merge_briefs`, `merge_text`), over
//! briefs and edits drawn from a small vocabulary so that the two sides'
//! edits often touch the same words, bullets and sections. Bounded in
//! `make test`; BRIEFDESK_FUZZ_CASES runs more, as for the other fuzz tests.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeSet;

use briefdesk_core::{merge_briefs, merge_text, BriefContent, BriefPart, Merged, ReportSection};
use proptest::prelude::*;

fn cases(default: u32) -> u32 {
    std::env::var("BRIEFDESK_FUZZ_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

const WORDS: &[&str] = &["Lee", "Xi", "met", "on", "Monday", "trade", "a", "the", "ban", "talks", "."];
const HEADINGS: &[&str] = &["Security", "Trade", "Diplomacy", "Update"];

fn words(max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(WORDS), 0..max).prop_map(|w| w.join(" "))
}

fn brief() -> impl Strategy<Value = BriefContent> {
    let section = (prop::sample::select(HEADINGS), words(8))
        .prop_map(|(heading, body)| ReportSection { heading: heading.to_owned(), body });
    (
        (words(5), words(10), words(10), words(10)),
        prop::collection::vec(words(6), 0..5),
        prop::collection::vec(section, 0..4),
        prop::option::of(words(3)),
        prop::collection::btree_set(prop::sample::select(WORDS), 0..4),
    )
        .prop_map(
            |((headline, summary, why_it_matters, context), key_developments, report, byline, tags)| {
                BriefContent {
                    headline,
                    summary,
                    why_it_matters,
                    key_developments,
                    report,
                    context,
                    byline,
                    tags: tags.into_iter().map(String::from).collect(),
                }
            },
        )
}

/// One edit: which kind, two positions (taken modulo what is there), a word.
type Op = (u8, usize, usize, usize);

fn ops() -> impl Strategy<Value = Vec<Op>> {
    prop::collection::vec((0u8..14, 0usize..16, 0usize..16, 0usize..WORDS.len() + 3), 0..10)
}

/// A word of the vocabulary, or one no base has, so added words can be traced.
fn word(w: usize, side: &str) -> String {
    WORDS.get(w).map_or_else(|| format!("{side}{w}"), |w| w.to_string())
}

fn edit_text(text: &mut String, mode: usize, at: usize, w: String) {
    let mut words: Vec<String> = text.split(' ').filter(|w| !w.is_empty()).map(String::from).collect();
    let at = at % (words.len() + 1);
    match mode % 3 {
        0 if at < words.len() => words[at] = w,
        2 if at < words.len() => {
            words.remove(at);
        }
        _ => words.insert(at, w),
    }
    *text = words.join(" ");
}

fn apply(base: &BriefContent, ops: &[Op], side: &str) -> BriefContent {
    let mut b = base.clone();
    for &(kind, i, j, w) in ops {
        let w = word(w, side);
        match kind {
            0 => edit_text(&mut b.headline, i, j, w),
            1 => edit_text(&mut b.summary, i, j, w),
            2 => edit_text(&mut b.why_it_matters, i, j, w),
            3 => edit_text(&mut b.context, i, j, w),
            4 => match &mut b.byline {
                Some(byline) if i % 4 != 0 => edit_text(byline, i, j, w),
                byline => *byline = if byline.is_some() { None } else { Some(w) },
            },
            5 => {
                let at = i % (b.key_developments.len() + 1);
                b.key_developments.insert(at, format!("{w} {}", word(j, side)));
            }
            6 if !b.key_developments.is_empty() => {
                let at = i % b.key_developments.len();
                b.key_developments.remove(at);
            }
            7 if !b.key_developments.is_empty() => {
                let at = i % b.key_developments.len();
                edit_text(&mut b.key_developments[at], j, j / 3, w);
            }
            8 if !b.key_developments.is_empty() => {
                let n = b.key_developments.len();
                let moved = b.key_developments.remove(i % n);
                b.key_developments.insert(j % n, moved);
            }
            9 => {
                let at = i % (b.report.len() + 1);
                b.report.insert(at, ReportSection { heading: format!("{w} {}", word(j, side)), body: w });
            }
            10 if !b.report.is_empty() => {
                let at = i % b.report.len();
                b.report.remove(at);
            }
            11 if !b.report.is_empty() => {
                let at = i % b.report.len();
                if j % 3 == 0 {
                    b.report[at].heading = w;
                } else {
                    edit_text(&mut b.report[at].body, j, j / 3, w);
                }
            }
            12 if !b.report.is_empty() => {
                let n = b.report.len();
                let moved = b.report.remove(i % n);
                b.report.insert(j % n, moved);
            }
            13 => {
                if let Some(at) = b.tags.iter().position(|t| *t == w) {
                    b.tags.remove(at);
                } else {
                    b.tags.push(w);
                }
            }
            _ => {}
        }
    }
    b
}

/// Every word of the brief's text parts, and its tags whole.
fn all_words(b: &BriefContent) -> BTreeSet<String> {
    let mut texts: Vec<&str> = vec![&b.headline, &b.summary, &b.why_it_matters, &b.context];
    texts.extend(b.byline.as_deref());
    texts.extend(b.key_developments.iter().map(String::as_str));
    texts.extend(b.report.iter().flat_map(|s| [s.heading.as_str(), s.body.as_str()]));
    let mut words: BTreeSet<String> =
        texts.iter().flat_map(|t| t.split_whitespace()).map(String::from).collect();
    words.extend(b.tags.iter().cloned());
    words
}

/// The text at `part`, as a conflict names it.
fn part_text(b: &BriefContent, part: BriefPart) -> Option<String> {
    let at = |i: u32| i as usize;
    Some(match part {
        BriefPart::Headline => b.headline.clone(),
        BriefPart::Summary => b.summary.clone(),
        BriefPart::WhyItMatters => b.why_it_matters.clone(),
        BriefPart::Context => b.context.clone(),
        BriefPart::Byline => b.byline.clone().unwrap_or_default(),
        BriefPart::Bullet(i) => b.key_developments.get(at(i))?.clone(),
        BriefPart::Section(i) => b.report.get(at(i))?.body.clone(),
        BriefPart::SectionHeading(i) => b.report.get(at(i))?.heading.clone(),
        _ => return None,
    })
}

fn assert_clean(merged: &Merged) -> Result<(), TestCaseError> {
    prop_assert!(merged.conflicts.is_empty(), "{:?}", merged.conflicts);
    Ok(())
}

/// The brief's eight parts, each taken from `from` when `take(part)`.
fn with_parts(base: &BriefContent, from: &BriefContent, take: impl Fn(usize) -> bool) -> BriefContent {
    let mut b = base.clone();
    if take(0) {
        b.headline = from.headline.clone();
    }
    if take(1) {
        b.summary = from.summary.clone();
    }
    if take(2) {
        b.why_it_matters = from.why_it_matters.clone();
    }
    if take(3) {
        b.key_developments = from.key_developments.clone();
    }
    if take(4) {
        b.report = from.report.clone();
    }
    if take(5) {
        b.context = from.context.clone();
    }
    if take(6) {
        b.byline = from.byline.clone();
    }
    if take(7) {
        b.tags = from.tags.clone();
    }
    b
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases(1_000)))]

    #[test]
    fn a_side_that_changed_nothing_takes_the_other(base in brief(), x in ops()) {
        let x = apply(&base, &x, "x");
        let merged = merge_briefs(&base, &x, &base);
        assert_clean(&merged)?;
        prop_assert_eq!(&merged.content, &x);
        prop_assert_eq!(merged.from_theirs, vec![]);

        let merged = merge_briefs(&base, &base, &x);
        assert_clean(&merged)?;
        prop_assert_eq!(&merged.content, &x);
        prop_assert_eq!(merged.from_theirs.is_empty(), x == base);
    }

    #[test]
    fn the_same_change_on_both_sides_is_that_change(base in brief(), x in ops()) {
        let x = apply(&base, &x, "x");
        let merged = merge_briefs(&base, &x, &x);
        assert_clean(&merged)?;
        prop_assert_eq!(merged.content, x);
        prop_assert_eq!(merged.from_theirs, vec![]);
    }

    #[test]
    fn which_side_is_ours_never_decides_a_conflict(base in brief(), x in ops(), y in ops()) {
        let (x, y) = (apply(&base, &x, "x"), apply(&base, &y, "y"));
        let xy = merge_briefs(&base, &x, &y);
        let yx = merge_briefs(&base, &y, &x);
        prop_assert_eq!(xy.conflicts.len(), yx.conflicts.len(), "{:?}\n{:?}", xy.conflicts, yx.conflicts);
    }

    #[test]
    fn no_side_loses_a_word_it_added(base in brief(), x in ops(), y in ops()) {
        let (ours, theirs) = (apply(&base, &x, "x"), apply(&base, &y, "y"));
        let merged = merge_briefs(&base, &ours, &theirs);
        let (before, kept) = (all_words(&base), all_words(&merged.content));
        // Ours are in the brief, conflict or not.
        for word in all_words(&ours).difference(&before) {
            prop_assert!(kept.contains(word), "{word:?} of ours lost: {:?}", merged);
        }
        // Theirs are in the brief or in a conflict, waiting to be chosen.
        let waiting: BTreeSet<&str> = merged.conflicts.iter().flat_map(|c| c.theirs.split_whitespace()).collect();
        for word in all_words(&theirs).difference(&before) {
            prop_assert!(kept.contains(word) || waiting.contains(word.as_str()), "{word:?} of theirs lost: {:?}", merged);
        }
        // A conflict's part holds our text, and the two texts differ.
        for conflict in &merged.conflicts {
            let text = part_text(&merged.content, conflict.part);
            prop_assert_eq!(text.as_ref(), Some(&conflict.ours), "{:?}", conflict);
            prop_assert_ne!(&conflict.ours, &conflict.theirs);
        }
    }

    #[test]
    fn edits_to_different_parts_never_conflict_and_both_stay(
        base in brief(),
        x in ops(),
        y in ops(),
        owners in prop::collection::vec(0u8..3, 8),
    ) {
        let (x, y) = (apply(&base, &x, "x"), apply(&base, &y, "y"));
        let ours = with_parts(&base, &x, |p| owners[p] == 1);
        let theirs = with_parts(&base, &y, |p| owners[p] == 2);
        let expected = with_parts(&ours, &theirs, |p| owners[p] == 2);
        let merged = merge_briefs(&base, &ours, &theirs);
        assert_clean(&merged)?;
        prop_assert_eq!(merged.content, expected);
    }

    #[test]
    fn text_merges_are_symmetric_and_keep_unchanged_sides(base in words(12), x in ops(), y in ops()) {
        let side = |ops: &[Op], name: &str| {
            let mut text = base.clone();
            for &(mode, at, _, w) in ops {
                edit_text(&mut text, usize::from(mode), at, word(w, name));
            }
            text
        };
        let (x, y) = (side(&x, "x"), side(&y, "y"));
        prop_assert_eq!(merge_text(&base, &x, &base), Ok(x.clone()));
        prop_assert_eq!(merge_text(&base, &base, &y), Ok(y.clone()));
        prop_assert_eq!(merge_text(&base, &x, &x), Ok(x.clone()));
        let (xy, yx) = (merge_text(&base, &x, &y), merge_text(&base, &y, &x));
        prop_assert_eq!(xy.is_ok(), yx.is_ok());
        if let (Ok(xy), Ok(yx)) = (&xy, &yx) {
            prop_assert_eq!(xy, yx);
        }
    }
}
