//! The rules of version history that need no database: when an automatic
//! version is due, what kinds of version there are, and restoring one part.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use ts_rs::TS;

use crate::{BriefContent, BriefDiff};

/// Why a version was recorded.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum VersionKind {
    /// By the automatic policy, while editing.
    Auto,
    /// "Save version", with an optional label.
    Named,
    /// A status change; labelled with the new status.
    Milestone,
    /// The brief as it was imported.
    Import,
    /// The brief as it was just before a restore, so the restore can be undone.
    Restore,
}

impl VersionKind {
    pub const ALL: [VersionKind; 5] = [
        VersionKind::Auto,
        VersionKind::Named,
        VersionKind::Milestone,
        VersionKind::Import,
        VersionKind::Restore,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            VersionKind::Auto => "auto",
            VersionKind::Named => "named",
            VersionKind::Milestone => "milestone",
            VersionKind::Import => "import",
            VersionKind::Restore => "restore",
        }
    }

    pub fn parse(s: &str) -> Option<VersionKind> {
        VersionKind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// Retention may prune these; named versions and milestones are kept.
    pub fn prunable(self) -> bool {
        matches!(self, VersionKind::Auto | VersionKind::Import | VersionKind::Restore)
    }
}

/// When editing records an automatic version.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct VersionPolicy {
    /// Record when the latest version is at least this old (seconds).
    pub interval_secs: u32,
    /// Record when this many words were added or removed since it.
    pub words: u32,
}

impl Default for VersionPolicy {
    fn default() -> Self {
        VersionPolicy { interval_secs: 5 * 60, words: 50 }
    }
}

impl VersionPolicy {
    /// Whether a save that changed the brief by `diff` since the latest
    /// version, recorded at `latest_at`, should record an automatic version.
    /// A save that changed nothing records nothing.
    pub fn due(&self, diff: &BriefDiff, latest_at: OffsetDateTime, now: OffsetDateTime) -> bool {
        if diff.is_empty() {
            return false;
        }
        (now - latest_at).whole_seconds() >= i64::from(self.interval_secs)
            || diff.words_added + diff.words_removed > self.words
    }

    /// Whether `diff` removes more words than a version's threshold: words
    /// that may be in no version yet, since the policy records after the
    /// fact, so the state before it is kept first.
    pub fn large_removal(&self, diff: &BriefDiff) -> bool {
        diff.words_removed > self.words
    }
}

/// One part of a brief, as restore and the CLI name it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "part", content = "heading", rename_all = "snake_case")]
pub enum PartRef {
    Headline,
    Summary,
    WhyItMatters,
    KeyDevelopments,
    Context,
    /// A Full Report section, by its heading.
    Report(String),
}

impl std::str::FromStr for PartRef {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(match s {
            "headline" => PartRef::Headline,
            "summary" => PartRef::Summary,
            "why_it_matters" => PartRef::WhyItMatters,
            "key_developments" => PartRef::KeyDevelopments,
            "context" => PartRef::Context,
            _ => match s.strip_prefix("report:") {
                Some(heading) => PartRef::Report(heading.to_string()),
                None => {
                    return Err(format!(
                        "{s:?} is not a part: use headline, summary, why_it_matters, key_developments, context or report:<heading>"
                    ))
                }
            },
        })
    }
}

/// `current` with `part` taken from `from`. A report section replaces the
/// section with the same heading, or goes back where it stood if the current
/// brief no longer has it.
pub fn restore_part(
    current: &BriefContent,
    from: &BriefContent,
    part: &PartRef,
) -> Result<BriefContent, String> {
    let mut restored = current.clone();
    match part {
        PartRef::Headline => restored.headline = from.headline.clone(),
        PartRef::Summary => restored.summary = from.summary.clone(),
        PartRef::WhyItMatters => restored.why_it_matters = from.why_it_matters.clone(),
        PartRef::KeyDevelopments => restored.key_developments = from.key_developments.clone(),
        PartRef::Context => restored.context = from.context.clone(),
        PartRef::Report(heading) => {
            let (index, section) = from
                .report
                .iter()
                .enumerate()
                .find(|(_, s)| &s.heading == heading)
                .ok_or_else(|| format!("that version has no report section headed {heading:?}"))?;
            match restored.report.iter_mut().find(|s| &s.heading == heading) {
                Some(existing) => *existing = section.clone(),
                None => restored.report.insert(index.min(restored.report.len()), section.clone()),
            }
        }
    }
    Ok(restored)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{diff_briefs, ReportSection};
    use time::macros::datetime;

    fn content(summary: &str) -> BriefContent {
        BriefContent { summary: summary.into(), ..Default::default() }
    }

    #[test]
    fn an_automatic_version_is_due_after_the_interval_or_many_words() {
        let policy = VersionPolicy::default();
        let at = datetime!(2026-11-29 09:00 UTC);
        let few = content("A few words.");
        let more = content("A few more words.");
        let due = |old: &BriefContent, new: &BriefContent, after| {
            policy.due(&diff_briefs(old, new), at, at + after)
        };
        assert!(!due(&few, &few, time::Duration::hours(3)), "equal content records nothing");
        assert!(!due(&few, &more, time::Duration::minutes(4)));
        assert!(due(&few, &more, time::Duration::minutes(5)));
        let long = content(&"word ".repeat(51));
        assert!(due(&few, &long, time::Duration::seconds(1)));
    }

    #[test]
    fn a_large_removal_is_past_the_words_threshold() {
        let policy = VersionPolicy::default();
        let long = content(&"word ".repeat(51));
        assert!(policy.large_removal(&diff_briefs(&long, &content(""))), "51 words removed");
        assert!(!policy.large_removal(&diff_briefs(&content(&"word ".repeat(50)), &content(""))));
        assert!(!policy.large_removal(&diff_briefs(&content("word"), &long)), "additions are not removals");
    }

    #[test]
    fn parts_are_named_as_the_cli_names_them() {
        assert_eq!("why_it_matters".parse(), Ok(PartRef::WhyItMatters));
        assert_eq!("report:Maritime Tensions".parse(), Ok(PartRef::Report("Maritime Tensions".into())));
        assert!("bullets".parse::<PartRef>().is_err());
    }

    #[test]
    fn restoring_a_section_replaces_it_or_puts_it_back_in_place() {
        let s = |h: &str, b: &str| ReportSection { heading: h.into(), body: b.into() };
        let old = BriefContent {
            report: vec![s("A", "old a"), s("B", "old b"), s("C", "old c")],
            ..Default::default()
        };
        let now = BriefContent {
            report: vec![s("A", "new a"), s("C", "new c")],
            summary: "kept".into(),
            ..Default::default()
        };
        let restored = restore_part(&now, &old, &PartRef::Report("A".into())).unwrap();
        assert_eq!(restored.report, [s("A", "old a"), s("C", "new c")]);
        assert_eq!(restored.summary, "kept");
        let restored = restore_part(&now, &old, &PartRef::Report("B".into())).unwrap();
        assert_eq!(restored.report, [s("A", "new a"), s("B", "old b"), s("C", "new c")]);
        assert!(restore_part(&now, &old, &PartRef::Report("Z".into())).unwrap_err().contains("\"Z\""));
    }
}
