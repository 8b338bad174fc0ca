//! The JSON form of a brief (documented in docs/json-format.md): the model's
//! fields, flat. Metadata is optional on the way in, so pipelines can send
//! content alone.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use crate::{Brief, BriefContent, BriefId, FrontMatter, ReportSection, Status};

/// A brief as JSON: metadata where known, then the content. The content's
/// fields are spelled out rather than `#[serde(flatten)]`ed, so that a bad
/// value is reported at its own line and column.
///
/// A field that is not one of these is refused, naming it: ignoring it
/// turned `{"title": …, "body": …}` into an empty brief, its words gone.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub(crate) struct JsonBrief {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    id: Option<BriefId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    status: Option<Status>,
    #[serde(default, skip_serializing_if = "Option::is_none", with = "time::serde::rfc3339::option")]
    created_at: Option<OffsetDateTime>,
    #[serde(default, skip_serializing_if = "Option::is_none", with = "time::serde::rfc3339::option")]
    updated_at: Option<OffsetDateTime>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    revision: Option<u32>,
    headline: String,
    summary: String,
    why_it_matters: String,
    key_developments: Vec<String>,
    report: Vec<JsonSection>,
    context: String,
    byline: Option<String>,
    tags: Vec<String>,
}

/// A report section as JSON; unknown fields are refused here too.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct JsonSection {
    heading: String,
    body: String,
}

impl JsonBrief {
    pub(crate) fn new(content: &BriefContent, fm: &FrontMatter) -> JsonBrief {
        JsonBrief {
            id: fm.id,
            status: fm.status,
            created_at: fm.created_at,
            updated_at: fm.updated_at,
            revision: fm.revision,
            headline: content.headline.clone(),
            summary: content.summary.clone(),
            why_it_matters: content.why_it_matters.clone(),
            key_developments: content.key_developments.clone(),
            report: content
                .report
                .iter()
                .map(|s| JsonSection { heading: s.heading.clone(), body: s.body.clone() })
                .collect(),
            context: content.context.clone(),
            byline: content.byline.clone(),
            tags: content.tags.clone(),
        }
    }

    pub(crate) fn into_parts(self) -> (BriefContent, FrontMatter) {
        let fm = FrontMatter {
            id: self.id,
            status: self.status,
            byline: self.byline.clone(),
            tags: Some(self.tags.clone()),
            created_at: self.created_at,
            updated_at: self.updated_at,
            revision: self.revision,
        };
        let content = BriefContent {
            headline: self.headline,
            summary: self.summary,
            why_it_matters: self.why_it_matters,
            key_developments: self.key_developments,
            report: self
                .report
                .into_iter()
                .map(|s| ReportSection { heading: s.heading, body: s.body })
                .collect(),
            context: self.context,
            byline: self.byline,
            tags: self.tags,
        };
        (content, fm)
    }
}

/// `brief` as indented JSON with the documented field names, ending in a newline.
pub fn to_json(brief: &Brief) -> String {
    render(&JsonBrief::new(&brief.content, &crate::markdown::front_matter_of(brief)))
}

/// Content and whatever metadata is known, as JSON.
pub fn to_json_parts(content: &BriefContent, fm: &FrontMatter) -> String {
    render(&JsonBrief::new(content, fm))
}

fn render(brief: &JsonBrief) -> String {
    // Strings, numbers and lists only: serialising cannot fail.
    let mut out = serde_json::to_string_pretty(brief).unwrap_or_default();
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn a_brief_in_json_is_the_model_serialised() {
        let now = datetime!(2026-11-29 04:00 UTC);
        let mut brief = Brief::new(BriefId::from_parts(now, [3; 10]), now);
        brief.content.headline = "“Quoted” — 한국".into();
        let json = to_json(&brief);
        assert!(json.ends_with("}\n"));
        assert_eq!(json, serde_json::to_string_pretty(&brief).unwrap() + "\n");
        assert_eq!(serde_json::from_str::<Brief>(&json).unwrap(), brief);
    }

    #[test]
    fn unknown_fields_are_refused_by_name() {
        let err = serde_json::from_str::<JsonBrief>(r#"{"title": "Lee flies to Beijing", "body": "Text."}"#)
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("unknown field `title`"), "{err}");
        let err = serde_json::from_str::<JsonBrief>(r#"{"report": [{"heading": "H", "text": "T"}]}"#)
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("unknown field `text`"), "{err}");
    }

    #[test]
    fn content_alone_is_enough() {
        let brief: JsonBrief =
            serde_json::from_str(r#"{"headline": "H", "key_developments": ["a"]}"#).unwrap();
        let (content, fm) = brief.into_parts();
        assert_eq!(content.headline, "H");
        assert_eq!(content.key_developments, ["a"]);
        assert_eq!(fm.id, None);
        assert_eq!(
            to_json_parts(&content, &FrontMatter::default()).lines().nth(1),
            Some("  \"headline\": \"H\",")
        );
    }
}
