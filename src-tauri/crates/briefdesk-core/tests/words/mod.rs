//! Words, as the import invariant counts them: every word of an accepted
//! input is somewhere in the brief, format vocabulary aside.

use std::collections::BTreeMap;

use briefdesk_core::{to_json_parts, Imported};

/// Words the formats themselves use: section labels and their synonyms,
/// front-matter keys that name a part, the inline HTML tags labels are
/// wrapped in. They need not reappear as words.
const VOCABULARY: &str = "summary the news tl dr tldr lede bottom line why it matters this s important its \
    big picture we care stakes key developments points what happening whats happened highlights takeaways \
    latest driving full report details go deeper story know more context and previous events background \
    backstory catch up quick flashback id status byline author authors tags created updated at revision \
    title description date \
    b strong em i u br p span";

pub fn is_vocabulary(word: &str) -> bool {
    let word = word.to_lowercase();
    VOCABULARY.split_whitespace().any(|v| v == word)
}

/// Runs of letters, and runs of digits, apart: a date written `2026-01-05`
/// and kept as `2026-01-05T00:00:00Z` keeps its words.
pub fn words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut digits = false;
    for c in text.chars() {
        if c.is_alphanumeric() {
            let is_digit = c.is_numeric();
            if !current.is_empty() && is_digit != digits {
                out.push(std::mem::take(&mut current));
            }
            digits = is_digit;
            current.push(c);
        } else if !current.is_empty() {
            out.push(std::mem::take(&mut current));
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

pub fn counts(words: impl IntoIterator<Item = String>) -> BTreeMap<String, usize> {
    let mut counts = BTreeMap::new();
    for word in words {
        *counts.entry(word).or_insert(0) += 1;
    }
    counts
}

/// Every string (and number) in a JSON value, one per line.
pub fn json_text(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Number(n) => n.to_string(),
        serde_json::Value::Array(items) => items.iter().map(json_text).collect::<Vec<_>>().join("\n"),
        serde_json::Value::Object(map) => map.values().map(json_text).collect::<Vec<_>>().join("\n"),
        _ => String::new(),
    }
}

/// The text of everything the brief holds: content and metadata.
pub fn brief_text(imported: &Imported) -> String {
    let json = to_json_parts(&imported.content, &imported.front_matter);
    json_text(&serde_json::from_str(&json).unwrap_or_default())
}

/// The words of `input` (not vocabulary) that the brief lacks, each with
/// how many are missing. Empty when the invariant holds.
pub fn missing_words(input: &str, imported: &Imported) -> Vec<(String, usize)> {
    let have = counts(words(&brief_text(imported)));
    counts(words(&without_list_numbers(input)).into_iter().filter(|w| !is_vocabulary(w)))
        .into_iter()
        .filter_map(|(word, n)| {
            let kept = have.get(&word).copied().unwrap_or(0);
            (kept < n).then(|| (word, n - kept))
        })
        .collect()
}

/// The input without the numbers of numbered lists (`1.`, `2)` at a line's
/// start): they are bullet markers, not words.
fn without_list_numbers(input: &str) -> String {
    input
        .lines()
        .map(|line| {
            let t = line.trim_start();
            let digits = t.bytes().take_while(u8::is_ascii_digit).count();
            match t[digits..].strip_prefix(". ").or_else(|| t[digits..].strip_prefix(") ")) {
                Some(rest) if (1..=3).contains(&digits) => rest,
                _ => line,
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}
