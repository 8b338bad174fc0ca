//! Hard limits on a brief's shape. These keep the store and the UI safe from
//! pathological input; brevity *guidance* (word budgets) is a separate,
//! softer concern.

use crate::part::index;
use crate::{BriefContent, BriefPart};

/// The upper bounds a brief must respect to be saved.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    pub line_chars: usize,
    pub bullets: usize,
    pub report_sections: usize,
    pub tags: usize,
    pub tag_chars: usize,
    pub total_bytes: usize,
}

impl Limits {
    pub const DEFAULT: Limits = Limits {
        line_chars: 2_000,
        bullets: 200,
        report_sections: 200,
        tags: 50,
        tag_chars: 100,
        total_bytes: 8 * 1024 * 1024,
    };
}

impl Default for Limits {
    fn default() -> Self {
        Limits::DEFAULT
    }
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ValidationError {
    #[error("{0} must be one line, but it contains a line break")]
    NotOneLine(BriefPart),
    #[error("{part} is {actual} characters long; the limit is {limit}")]
    TooLong { part: BriefPart, actual: usize, limit: usize },
    #[error("{part} has {actual} entries; the limit is {limit}")]
    TooMany { part: BriefPart, actual: usize, limit: usize },
    #[error("{part} is {actual} bytes; the limit is {limit}")]
    TooLarge { part: BriefPart, actual: usize, limit: usize },
    #[error("{0} is empty")]
    Empty(BriefPart),
    #[error("only web (http, https) and mail (mailto) links can be opened; “{0}” is neither")]
    LinkNotOpenable(String),
}

/// Checks `content` against `limits`, reporting the first problem found.
pub fn validate(content: &BriefContent, limits: &Limits) -> Result<(), ValidationError> {
    let line = |part: BriefPart, text: &str, limit: usize| -> Result<(), ValidationError> {
        if text.contains(['\n', '\r']) {
            return Err(ValidationError::NotOneLine(part));
        }
        let actual = text.chars().count();
        if actual > limit {
            return Err(ValidationError::TooLong { part, actual, limit });
        }
        Ok(())
    };
    let count = |part: BriefPart, actual: usize, limit: usize| -> Result<(), ValidationError> {
        if actual > limit {
            return Err(ValidationError::TooMany { part, actual, limit });
        }
        Ok(())
    };

    line(BriefPart::Headline, &content.headline, limits.line_chars)?;
    if let Some(byline) = &content.byline {
        line(BriefPart::Byline, byline, limits.line_chars)?;
    }
    count(BriefPart::KeyDevelopments, content.key_developments.len(), limits.bullets)?;
    for (i, bullet) in content.key_developments.iter().enumerate() {
        line(BriefPart::Bullet(index(i)), bullet, limits.line_chars)?;
    }
    count(BriefPart::Report, content.report.len(), limits.report_sections)?;
    for (i, section) in content.report.iter().enumerate() {
        line(BriefPart::SectionHeading(index(i)), &section.heading, limits.line_chars)?;
    }
    count(BriefPart::Tags, content.tags.len(), limits.tags)?;
    for (i, tag) in content.tags.iter().enumerate() {
        if tag.trim().is_empty() {
            return Err(ValidationError::Empty(BriefPart::Tag(index(i))));
        }
        line(BriefPart::Tag(index(i)), tag, limits.tag_chars)?;
    }

    let total = total_bytes(content);
    if total > limits.total_bytes {
        return Err(ValidationError::TooLarge {
            part: BriefPart::Brief,
            actual: total,
            limit: limits.total_bytes,
        });
    }
    Ok(())
}

fn total_bytes(content: &BriefContent) -> usize {
    let fixed = [&content.headline, &content.summary, &content.why_it_matters, &content.context];
    fixed.iter().map(|s| s.len()).sum::<usize>()
        + content.byline.as_ref().map_or(0, String::len)
        + content.key_developments.iter().map(String::len).sum::<usize>()
        + content.report.iter().map(|s| s.heading.len() + s.body.len()).sum::<usize>()
        + content.tags.iter().map(String::len).sum::<usize>()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ReportSection;

    fn check(content: &BriefContent) -> Result<(), String> {
        validate(content, &Limits::DEFAULT).map_err(|e| e.to_string())
    }

    #[test]
    fn an_empty_draft_is_valid() {
        assert_eq!(check(&BriefContent::default()), Ok(()));
    }

    #[test]
    fn multi_line_parts_accept_paragraphs() {
        let content = BriefContent {
            summary: "One.\n\nTwo.".into(),
            why_it_matters: "a\nb".into(),
            context: "x\r\n\r\ny".into(),
            report: vec![ReportSection { heading: "H".into(), body: "p1\n\np2".into() }],
            ..Default::default()
        };
        assert_eq!(check(&content), Ok(()));
    }

    #[test]
    fn errors_name_the_part_one_based() {
        let headline = BriefContent { headline: "a\nb".into(), ..Default::default() };
        assert_eq!(check(&headline), Err("headline must be one line, but it contains a line break".into()));

        let bullets =
            BriefContent { key_developments: vec!["ok".into(), "two\rlines".into()], ..Default::default() };
        assert_eq!(
            check(&bullets),
            Err("key development 2 must be one line, but it contains a line break".into())
        );

        let heading = BriefContent {
            report: vec![ReportSection { heading: "x".repeat(2_001), body: String::new() }],
            ..Default::default()
        };
        assert_eq!(
            check(&heading),
            Err("heading of report section 1 is 2001 characters long; the limit is 2000".into())
        );

        let tag = BriefContent { tags: vec![" ".into()], ..Default::default() };
        assert_eq!(check(&tag), Err("tag 1 is empty".into()));
    }

    #[test]
    fn length_is_counted_in_characters_not_bytes() {
        // 2,000 Hangul syllables are 6,000 bytes but one acceptable line.
        let content = BriefContent { headline: "한".repeat(2_000), ..Default::default() };
        assert_eq!(check(&content), Ok(()));
    }

    #[test]
    fn counts_and_total_size_are_bounded() {
        let many = BriefContent { key_developments: vec![String::new(); 201], ..Default::default() };
        assert_eq!(check(&many), Err("key developments has 201 entries; the limit is 200".into()));

        let huge = BriefContent { context: "x".repeat(8 * 1024 * 1024 + 1), ..Default::default() };
        assert_eq!(check(&huge), Err("brief is 8388609 bytes; the limit is 8388608".into()));
    }
}
