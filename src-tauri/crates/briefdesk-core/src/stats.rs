//! Counting words the way a journalist does: runs of letters or digits,
//! with apostrophes and hyphens inside a word (`Korea’s`, `K-pop`); in
//! Markdown, only what the reader sees (no markup, no link targets).

use crate::text::visible_text;
use crate::BriefContent;

/// The number of words in plain `text`.
pub fn count_words(text: &str) -> usize {
    words(text).count()
}

/// The number of words a reader sees in `markdown`.
pub fn count_markdown_words(markdown: &str) -> usize {
    if markdown.is_empty() {
        return 0;
    }
    count_words(&visible_text(markdown))
}

/// The words of `text`, in order.
pub fn words(text: &str) -> impl Iterator<Item = &str> {
    // Apostrophes, hyphens, dots and commas join a word only inside it:
    // `Korea’s`, `K-pop`, `U.S.`, `10,000`.
    let joiner = |c: char| matches!(c, '\'' | '’' | '-' | '‐' | '.' | ',');
    text.split(move |c: char| !(c.is_alphanumeric() || joiner(c)))
        .map(move |w| w.trim_matches(joiner))
        .filter(|w| w.chars().any(char::is_alphanumeric))
}

/// The words a reader sees in each part of a brief: what the Checks pane
/// shows, and the total that versions record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartWords {
    pub headline: usize,
    pub summary: usize,
    pub why_it_matters: usize,
    pub bullets: Vec<usize>,
    /// Each report section's heading and body.
    pub sections: Vec<usize>,
    pub context: usize,
}

impl PartWords {
    pub fn of(content: &BriefContent) -> PartWords {
        PartWords {
            headline: count_words(&content.headline),
            summary: count_markdown_words(&content.summary),
            why_it_matters: count_markdown_words(&content.why_it_matters),
            bullets: content.key_developments.iter().map(|b| count_markdown_words(b)).collect(),
            sections: content
                .report
                .iter()
                .map(|s| count_words(&s.heading) + count_markdown_words(&s.body))
                .collect(),
            context: count_markdown_words(&content.context),
        }
    }

    pub fn total(&self) -> usize {
        self.headline
            + self.summary
            + self.why_it_matters
            + self.bullets.iter().sum::<usize>()
            + self.sections.iter().sum::<usize>()
            + self.context
    }
}

/// All the words a reader sees in the brief.
pub fn brief_words(content: &BriefContent) -> usize {
    PartWords::of(content).total()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_counted_as_a_reader_counts_them() {
        assert_eq!(count_words("South Korea’s President Lee — in Beijing."), 6);
        assert_eq!(count_words("K-pop and K-dramas; U.S. anti-missile system in 2016"), 8);
        assert_eq!(count_words("10,000 people, 1.5 million"), 4);
        assert_eq!(count_markdown_words("**Bold** [link](https://example.com) - bullet"), 3);
        assert_eq!(count_markdown_words("- one two\n- three"), 3);
        assert_eq!(count_words("  \n\n "), 0);
        assert_eq!(count_words("이재명 대통령 中国"), 3);
    }

    #[test]
    fn the_sample_has_the_words_it_has() {
        let content: BriefContent =
            serde_json::from_str(include_str!("../testdata/korea-china-visit.content.json")).unwrap();
        assert_eq!(count_words(&content.headline), 14);
        assert!(brief_words(&content) > 400);
    }
}
