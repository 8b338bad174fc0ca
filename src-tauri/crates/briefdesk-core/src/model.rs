use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use ts_rs::TS;
use uuid::Uuid;

/// A brief's identity: a UUID v7, so ids sort by creation time.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[ts(type = "string")]
pub struct BriefId(pub Uuid);

impl BriefId {
    /// Builds an id from a creation time and random bits supplied by the
    /// caller, keeping this crate free of clocks and entropy.
    pub fn from_parts(created_at: OffsetDateTime, random: [u8; 10]) -> BriefId {
        let millis = (created_at.unix_timestamp_nanos() / 1_000_000).max(0) as u64;
        BriefId(uuid::Builder::from_unix_timestamp_millis(millis, &random).into_uuid())
    }
}

impl std::fmt::Display for BriefId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

impl std::str::FromStr for BriefId {
    type Err = uuid::Error;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Uuid::parse_str(s).map(BriefId)
    }
}

/// Where a brief is in the newsroom's workflow.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    #[default]
    Draft,
    InReview,
    Ready,
    Filed,
}

impl Status {
    pub const ALL: [Status; 4] = [Status::Draft, Status::InReview, Status::Ready, Status::Filed];

    /// The name used in JSON, front matter, the database and the CLI.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Draft => "draft",
            Status::InReview => "in_review",
            Status::Ready => "ready",
            Status::Filed => "filed",
        }
    }

    pub fn parse(s: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|status| status.as_str() == s)
    }
}

/// One section of the Full Report: a plain-text heading over a Markdown body.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ReportSection {
    pub heading: String,
    pub body: String,
}

/// Everything the journalist writes: the brief's anatomy plus byline and tags.
///
/// This is what a draft save carries; the store owns the rest of [`Brief`].
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct BriefContent {
    /// One line of plain text.
    pub headline: String,
    /// The lede: one to three sentences of inline Markdown.
    pub summary: String,
    /// One paragraph of Markdown.
    pub why_it_matters: String,
    /// One-line bullets of inline Markdown, in order.
    pub key_developments: Vec<String>,
    /// The Full Report's sections, in order.
    pub report: Vec<ReportSection>,
    /// Context & Previous Events: paragraphs of Markdown.
    pub context: String,
    pub byline: Option<String>,
    pub tags: Vec<String>,
}

/// A stored brief: its content and the metadata the store keeps beside it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Brief {
    pub id: BriefId,
    pub status: Status,
    #[serde(with = "time::serde::rfc3339")]
    #[ts(type = "string")]
    pub created_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    #[ts(type = "string")]
    pub updated_at: OffsetDateTime,
    /// Bumped by every save; a save names the revision it was based on.
    pub revision: u32,
    #[serde(flatten)]
    #[ts(flatten)]
    pub content: BriefContent,
}

impl Brief {
    /// A new, empty draft at revision 1.
    pub fn new(id: BriefId, now: OffsetDateTime) -> Brief {
        Brief {
            id,
            status: Status::Draft,
            created_at: now,
            updated_at: now,
            revision: 1,
            content: BriefContent::default(),
        }
    }
}

/// What the library lists for each brief.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct BriefSummary {
    pub id: BriefId,
    pub headline: String,
    pub status: Status,
    pub tags: Vec<String>,
    #[serde(with = "time::serde::rfc3339")]
    #[ts(type = "string")]
    pub updated_at: OffsetDateTime,
    pub revision: u32,
}

impl From<&Brief> for BriefSummary {
    fn from(brief: &Brief) -> Self {
        BriefSummary {
            id: brief.id,
            headline: brief.content.headline.clone(),
            status: brief.status,
            tags: brief.content.tags.clone(),
            updated_at: brief.updated_at,
            revision: brief.revision,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn id_carries_its_creation_time_and_version_7() {
        let id = BriefId::from_parts(datetime!(2026-11-29 04:00 UTC), [7; 10]);
        assert_eq!(id.0.get_version_num(), 7);
        let (secs, _) = id.0.get_timestamp().map(|ts| ts.to_unix()).unwrap_or_default();
        assert_eq!(secs as i64, datetime!(2026-11-29 04:00 UTC).unix_timestamp());
        assert_eq!(id.to_string().parse::<BriefId>().ok(), Some(id));
    }

    #[test]
    fn json_uses_the_documented_flat_field_names() {
        let mut brief = Brief::new(
            BriefId::from_parts(datetime!(2026-11-29 04:00 UTC), [1; 10]),
            datetime!(2026-11-29 04:00 UTC),
        );
        brief.status = Status::InReview;
        brief.content.headline = "Lee’s visit".into();
        brief.content.report.push(ReportSection { heading: "H".into(), body: "B".into() });
        let json = serde_json::to_value(&brief).unwrap();
        let mut keys: Vec<_> = json.as_object().unwrap().keys().cloned().collect();
        keys.sort();
        assert_eq!(
            keys,
            [
                "byline",
                "context",
                "created_at",
                "headline",
                "id",
                "key_developments",
                "report",
                "revision",
                "status",
                "summary",
                "tags",
                "updated_at",
                "why_it_matters"
            ]
        );
        assert_eq!(json["status"], "in_review");
        assert_eq!(json["created_at"], "2026-11-29T04:00:00Z");
        let back: Brief = serde_json::from_value(json).unwrap();
        assert_eq!(back, brief);
    }

    #[test]
    fn status_names_round_trip() {
        for status in Status::ALL {
            assert_eq!(Status::parse(status.as_str()), Some(status));
            let json = serde_json::to_string(&status).unwrap();
            assert_eq!(json, format!("\"{}\"", status.as_str()));
        }
        assert_eq!(Status::parse("published"), None);
    }
}
