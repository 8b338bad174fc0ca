//! Brevity guidance: word counts per part, reading time, and the section
//! budgets of DESIGN.md §4. Guidance only: nothing here stops a save.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::stats::PartWords;
use crate::{BriefContent, BriefPart};

/// The limits a brief is checked against; editable in the app's settings.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct Budgets {
    pub headline_chars: u32,
    pub summary_words: u32,
    pub why_it_matters_words: u32,
    pub key_developments_min: u32,
    pub key_developments_max: u32,
    pub bullet_words: u32,
    pub section_words: u32,
    pub total_words: u32,
}

impl Default for Budgets {
    fn default() -> Self {
        Budgets {
            headline_chars: 90,
            summary_words: 60,
            why_it_matters_words: 70,
            key_developments_min: 3,
            key_developments_max: 5,
            bullet_words: 30,
            section_words: 250,
            total_words: 800,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct Warning {
    pub part: BriefPart,
    pub message: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, TS)]
pub struct Checks {
    pub headline_chars: u32,
    pub headline_words: u32,
    pub summary_words: u32,
    pub why_it_matters_words: u32,
    pub bullet_words: Vec<u32>,
    pub section_words: Vec<u32>,
    pub context_words: u32,
    pub total_words: u32,
    /// At 238 words a minute, the average adult silent reading speed.
    pub reading_minutes: f32,
    pub warnings: Vec<Warning>,
}

const WORDS_PER_MINUTE: f32 = 238.0;

/// Counts every part of `content` and compares it with `budgets`.
pub fn check(content: &BriefContent, budgets: &Budgets) -> Checks {
    let headline_chars = content.headline.chars().count() as u32;
    let words = PartWords::of(content);
    let count = |n: usize| n as u32;
    let (headline_words, summary_words, why_it_matters_words, context_words, total_words) = (
        count(words.headline),
        count(words.summary),
        count(words.why_it_matters),
        count(words.context),
        count(words.total()),
    );
    let bullet_words: Vec<u32> = words.bullets.iter().copied().map(count).collect();
    let section_words: Vec<u32> = words.sections.iter().copied().map(count).collect();

    let mut warnings = Vec::new();
    let mut warn = |part: BriefPart, message: String| warnings.push(Warning { part, message });
    if headline_chars > budgets.headline_chars {
        warn(
            BriefPart::Headline,
            format!("Headline is {headline_chars} characters; keep it within {}.", budgets.headline_chars),
        );
    }
    if summary_words > budgets.summary_words {
        warn(
            BriefPart::Summary,
            format!("Summary is {summary_words} words; keep it within {}.", budgets.summary_words),
        );
    }
    if why_it_matters_words > budgets.why_it_matters_words {
        warn(
            BriefPart::WhyItMatters,
            format!(
                "Why It Matters is {why_it_matters_words} words; keep it within {}.",
                budgets.why_it_matters_words
            ),
        );
    }
    let bullets = content.key_developments.len() as u32;
    if bullets > budgets.key_developments_max || (bullets > 0 && bullets < budgets.key_developments_min) {
        warn(
            BriefPart::KeyDevelopments,
            format!(
                "Key Developments has {bullets} bullet{}; aim for {}–{}.",
                if bullets == 1 { "" } else { "s" },
                budgets.key_developments_min,
                budgets.key_developments_max
            ),
        );
    }
    for (i, words) in bullet_words.iter().enumerate().filter(|(_, w)| **w > budgets.bullet_words) {
        warn(
            BriefPart::Bullet(i as u32),
            format!(
                "Key development {} is {words} words; keep bullets within {}.",
                i + 1,
                budgets.bullet_words
            ),
        );
    }
    for (i, words) in section_words.iter().enumerate().filter(|(_, w)| **w > budgets.section_words) {
        let heading = content
            .report
            .get(i)
            .map(|s| s.heading.as_str())
            .filter(|h| !h.is_empty())
            .unwrap_or("Untitled section");
        warn(
            BriefPart::Section(i as u32),
            format!("“{heading}” is {words} words; keep report sections within {}.", budgets.section_words),
        );
    }
    if total_words > budgets.total_words {
        warn(
            BriefPart::Brief,
            format!("The brief is {total_words} words; keep it within {}.", budgets.total_words),
        );
    }
    Checks {
        headline_chars,
        headline_words,
        summary_words,
        why_it_matters_words,
        bullet_words,
        section_words,
        context_words,
        total_words,
        reading_minutes: total_words as f32 / WORDS_PER_MINUTE,
        warnings,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> BriefContent {
        serde_json::from_str(include_str!("../testdata/korea-china-visit.content.json")).unwrap()
    }

    #[test]
    fn the_sample_is_counted_part_by_part() {
        let checks = check(&sample(), &Budgets::default());
        assert_eq!(checks.headline_chars, 88);
        assert_eq!(checks.headline_words, 14);
        // Counted independently (a Python regex with the same rule) to 55,
        // 52, [18, 12, 16, 17], [64, 56, 64, 42], 66: 476 in all.
        assert_eq!(checks.summary_words, 55);
        assert_eq!(checks.why_it_matters_words, 52);
        assert_eq!(checks.bullet_words, [18, 12, 16, 17]);
        assert_eq!(checks.section_words, [64, 56, 64, 42]);
        assert_eq!(checks.context_words, 66);
        assert_eq!(checks.total_words, 476);
        assert!(checks.warnings.is_empty(), "{:?}", checks.warnings);
        assert!((checks.reading_minutes - 2.0).abs() < 0.01);
    }

    #[test]
    fn a_sixth_bullet_and_long_parts_raise_warnings_that_point_at_them() {
        let mut content = sample();
        content.key_developments.extend(["Fifth".into(), "Sixth".into()]);
        content.headline.push_str(" — and more");
        content.key_developments[1] = "word ".repeat(31);
        let checks = check(&content, &Budgets::default());
        let parts: Vec<&BriefPart> = checks.warnings.iter().map(|w| &w.part).collect();
        assert_eq!(parts, [&BriefPart::Headline, &BriefPart::KeyDevelopments, &BriefPart::Bullet(1)]);
        assert_eq!(checks.warnings[1].message, "Key Developments has 6 bullets; aim for 3–5.");
    }

    #[test]
    fn budgets_are_the_reader_s_to_change() {
        let tight = Budgets { total_words: 100, summary_words: 10, ..Budgets::default() };
        let parts: Vec<BriefPart> = check(&sample(), &tight).warnings.into_iter().map(|w| w.part).collect();
        assert_eq!(parts, [BriefPart::Summary, BriefPart::Brief]);
    }
}
