//! Search snippets: the few words around the best cluster of matches, with
//! the matching words marked. Made here rather than by FTS5's `snippet()`,
//! which re-reads its index for every row and cost half a millisecond a
//! brief; this is one pass over the text.

use serde::Serialize;
use ts_rs::TS;
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// A piece of a search snippet; `hit` marks the words that matched.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct SnippetPart {
    pub text: String,
    pub hit: bool,
}

/// The words a search looks for, folded as the index folds them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SearchTerms {
    words: Vec<String>,
    prefix: Option<String>,
}

impl SearchTerms {
    /// `words` must match whole; `prefix` matches any word it starts.
    pub fn new<'a>(words: impl IntoIterator<Item = &'a str>, prefix: Option<&str>) -> Self {
        SearchTerms { words: words.into_iter().map(fold).collect(), prefix: prefix.map(fold) }
    }

    /// Which term `word` matches, as an index into the terms, the prefix
    /// last. ASCII words (most) are compared without folding a copy.
    fn matches(&self, word: &str) -> Option<usize> {
        let folded;
        let word = if word.is_ascii() {
            word
        } else {
            folded = fold(word);
            folded.as_str()
        };
        if let Some(i) = self.words.iter().position(|w| w.eq_ignore_ascii_case(word)) {
            return Some(i);
        }
        match &self.prefix {
            Some(prefix)
                if word.get(..prefix.len()).is_some_and(|head| head.eq_ignore_ascii_case(prefix)) =>
            {
                Some(self.words.len())
            }
            _ => None,
        }
    }
}

/// Case and diacritics folded, like FTS5's `unicode61 remove_diacritics 2`
/// (`Séoul` → `seoul`), so a snippet marks the words the index matched.
pub fn fold(word: &str) -> String {
    word.nfd().filter(|c| !is_combining_mark(*c)).flat_map(char::to_lowercase).collect()
}

/// A word of the text: its byte range and which term it matched.
struct Token {
    start: usize,
    end: usize,
    term: Option<usize>,
}

fn tokens(text: &str, terms: &SearchTerms) -> Vec<Token> {
    let mut tokens = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices().chain(std::iter::once((text.len(), ' '))) {
        match (start, c.is_alphanumeric()) {
            (None, true) => start = Some(i),
            (Some(s), false) => {
                tokens.push(Token { start: s, end: i, term: terms.matches(&text[s..i]) });
                start = None;
            }
            _ => {}
        }
    }
    tokens
}

/// The `width` words of `text` holding the most different terms (then the
/// most matches, then the earliest), with "…" where text was cut. Text
/// without a match gives its first `width` words.
pub fn snippet(text: &str, terms: &SearchTerms, width: usize) -> Vec<SnippetPart> {
    let tokens = tokens(text, terms);
    let width = width.max(1);
    let term_count = terms.words.len() + usize::from(terms.prefix.is_some());
    // Slide a window of `width` words along, counting each term's matches
    // in it; keep the first window with the most different terms, then the
    // most matches.
    let mut counts = vec![0usize; term_count];
    let (mut distinct, mut hits) = (0, 0);
    let mut best = (0, 0, 0);
    for (i, token) in tokens.iter().enumerate() {
        if let Some(term) = token.term {
            distinct += usize::from(counts[term] == 0);
            counts[term] += 1;
            hits += 1;
        }
        if let Some(term) = i.checked_sub(width).and_then(|gone| tokens[gone].term) {
            counts[term] -= 1;
            distinct -= usize::from(counts[term] == 0);
            hits -= 1;
        }
        if (distinct, hits) > (best.1, best.2) {
            best = ((i + 1).saturating_sub(width), distinct, hits);
        }
    }
    // Start just before the cluster's first match, not wherever the
    // earliest window with the same score began.
    let first = {
        let window = &tokens[best.0..tokens.len().min(best.0 + width)];
        match (window.iter().position(|t| t.term.is_some()), window.iter().rposition(|t| t.term.is_some())) {
            (Some(a), Some(b)) => {
                let spare = width - (b - a + 1);
                best.0 + a - (spare / 2).min(2).min(a)
            }
            _ => best.0,
        }
    };
    let Some(window) = tokens.get(first..tokens.len().min(first + width)) else { return Vec::new() };
    let (Some(head), Some(tail)) = (window.first(), window.last()) else { return Vec::new() };

    let mut parts: Vec<SnippetPart> = Vec::new();
    let mut push = |text: &str, hit: bool| {
        let text = text.replace(['\n', '\r'], " ");
        match parts.last_mut() {
            Some(last) if last.hit == hit => last.text.push_str(&text),
            _ => parts.push(SnippetPart { text, hit }),
        }
    };
    if first > 0 {
        push("…", false);
    }
    let mut at = head.start;
    for token in window {
        push(&text[at..token.start], false);
        push(&text[token.start..token.end], token.term.is_some());
        at = token.end;
    }
    if first + width < tokens.len() {
        push("…", false);
    } else {
        push(text[tail.end..].trim_end(), false);
    }
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(parts: &[SnippetPart]) -> String {
        parts.iter().map(|p| if p.hit { format!("[{}]", p.text) } else { p.text.clone() }).collect()
    }

    #[test]
    fn marks_whole_words_and_the_prefix_being_typed() {
        let terms = SearchTerms::new(["lee"], Some("beij"));
        let text = "President Lee Jae-myung flew to Beijing on Sunday; Beijingers waited.";
        assert_eq!(
            shown(&snippet(text, &terms, 12)),
            "President [Lee] Jae-myung flew to [Beijing] on Sunday; [Beijingers] waited."
        );
    }

    #[test]
    fn picks_the_window_with_the_most_different_terms() {
        let terms = SearchTerms::new(["xi", "trade"], None);
        let text = "Xi spoke. One two three four five six seven eight. Xi and trade talks resumed.";
        assert_eq!(shown(&snippet(text, &terms, 4)), "…[Xi] and [trade] talks…");
    }

    #[test]
    fn folds_case_and_diacritics_like_the_index() {
        assert_eq!(fold("Séoul"), "seoul");
        assert_eq!(fold("ZÜRICH"), "zurich");
        let terms = SearchTerms::new([], Some("seo"));
        assert_eq!(shown(&snippet("Talks in Séoul.", &terms, 12)), "Talks in [Séoul].");
    }

    #[test]
    fn text_without_a_match_shows_its_start() {
        let terms = SearchTerms::new(["absent"], None);
        assert_eq!(shown(&snippet("One two three four", &terms, 2)), "One two…");
        assert_eq!(snippet("", &terms, 2), Vec::new());
    }
}
