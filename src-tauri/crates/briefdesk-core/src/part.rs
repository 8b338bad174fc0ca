//! The one vocabulary for a brief's parts: validation names them in its
//! errors, checks point their warnings at them, and the page marks and
//! focuses them by it (`partKey` in ui/src/lib/brief.ts). Restore names a
//! report section by its heading instead (`PartRef`): a version's section
//! is found by what it is called, not where it stood.

use std::fmt;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(tag = "part", content = "index", rename_all = "snake_case")]
pub enum BriefPart {
    Headline,
    Byline,
    Summary,
    WhyItMatters,
    /// The list of key developments as a whole.
    KeyDevelopments,
    /// One key development, zero-based (shown one-based).
    Bullet(u32),
    /// The Full Report as a whole.
    Report,
    /// One Full Report section, zero-based.
    Section(u32),
    /// One section's heading, zero-based.
    SectionHeading(u32),
    Context,
    Tags,
    /// One tag, zero-based.
    Tag(u32),
    /// The brief as a whole: its size, its total words.
    Brief,
}

/// As a journalist would name the part in a sentence.
impl fmt::Display for BriefPart {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BriefPart::Headline => write!(f, "headline"),
            BriefPart::Byline => write!(f, "byline"),
            BriefPart::Summary => write!(f, "summary"),
            BriefPart::WhyItMatters => write!(f, "why it matters"),
            BriefPart::KeyDevelopments => write!(f, "key developments"),
            BriefPart::Bullet(i) => write!(f, "key development {}", i + 1),
            BriefPart::Report => write!(f, "full report"),
            BriefPart::Section(i) => write!(f, "report section {}", i + 1),
            BriefPart::SectionHeading(i) => write!(f, "heading of report section {}", i + 1),
            BriefPart::Context => write!(f, "context"),
            BriefPart::Tags => write!(f, "tags"),
            BriefPart::Tag(i) => write!(f, "tag {}", i + 1),
            BriefPart::Brief => write!(f, "brief"),
        }
    }
}

/// A position as a part's index: briefs hold at most a few hundred of each.
pub(crate) fn index(i: usize) -> u32 {
    u32::try_from(i).unwrap_or(u32::MAX)
}
