//! The JSON form of a brief: the serde model, pretty-printed.

use crate::Brief;

/// `brief` as indented JSON with the documented field names, ending in a newline.
pub fn to_json(brief: &Brief) -> String {
    // A Brief holds only strings, numbers and lists: serialising it cannot fail.
    let mut out = serde_json::to_string_pretty(brief).unwrap_or_default();
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Brief, BriefId};
    use time::macros::datetime;

    #[test]
    fn json_reads_back_to_the_same_brief() {
        let now = datetime!(2026-11-29 04:00 UTC);
        let mut brief = Brief::new(BriefId::from_parts(now, [3; 10]), now);
        brief.content.headline = "“Quoted” — 한국".into();
        let json = to_json(&brief);
        assert!(json.ends_with("}\n"));
        assert_eq!(serde_json::from_str::<Brief>(&json).unwrap(), brief);
    }
}
