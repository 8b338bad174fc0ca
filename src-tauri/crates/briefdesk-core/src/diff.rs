//! Comparing two versions of a brief, part by part: each text part with a
//! word-level inline diff; bullets matched so that a moved bullet shows as
//! moved; report sections matched by heading, or by body when the heading
//! was renamed.

use serde::Serialize;
use similar::{ChangeTag, TextDiff};
use ts_rs::TS;

use crate::stats::count_words;
use crate::{BriefContent, ReportSection, Status};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum SpanKind {
    Same,
    Added,
    Removed,
}

/// A run of text that is the same in both versions, or only in one.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct Span {
    pub kind: SpanKind,
    pub text: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct TextChange {
    pub changed: bool,
    pub spans: Vec<Span>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ItemChange {
    Same,
    Changed,
    Added,
    Removed,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct BulletChange {
    pub change: ItemChange,
    /// Kept, but in another place relative to the other bullets.
    pub moved: bool,
    pub old_index: Option<u32>,
    pub new_index: Option<u32>,
    pub text: TextChange,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct SectionChange {
    pub change: ItemChange,
    pub moved: bool,
    pub old_index: Option<u32>,
    pub new_index: Option<u32>,
    pub heading: TextChange,
    pub body: TextChange,
}

/// Tags are labels, not prose: each one is kept, added or removed whole,
/// and none of them counts as words written.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, TS)]
pub struct TagsChange {
    /// In the newer version's order.
    pub added: Vec<String>,
    /// In the older version's order.
    pub removed: Vec<String>,
    /// In the newer version's order.
    pub kept: Vec<String>,
    /// Also true when the same tags were only reordered: the brief differs.
    pub changed: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, TS)]
pub struct StatusChange {
    pub old: Status,
    pub new: Status,
}

/// Everything that differs between two versions of a brief.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct BriefDiff {
    pub headline: TextChange,
    pub summary: TextChange,
    pub why_it_matters: TextChange,
    pub key_developments: Vec<BulletChange>,
    pub report: Vec<SectionChange>,
    pub context: TextChange,
    pub byline: TextChange,
    // Inlined so the TypeScript bindings need no declaration of their own.
    #[ts(inline)]
    pub tags: TagsChange,
    /// The status lives beside the content, not in it: `diff_briefs` leaves
    /// this empty and the store, which reads both sides' statuses, fills it
    /// with `with_status`.
    #[ts(inline)]
    pub status: Option<StatusChange>,
    /// Words added and removed in the prose parts shown above (tags and
    /// status are not words written).
    pub words_added: u32,
    pub words_removed: u32,
}

impl BriefDiff {
    pub fn is_empty(&self) -> bool {
        self.words_added == 0
            && self.words_removed == 0
            && self.status.is_none()
            && !self.tags.changed
            && self.texts().all(|t| !t.changed)
            && self.key_developments.iter().all(|b| b.change == ItemChange::Same && !b.moved)
            && self.report.iter().all(|s| s.change == ItemChange::Same && !s.moved)
    }

    /// This diff with the statuses of its two sides: a change when they differ.
    pub fn with_status(self, old: Status, new: Status) -> BriefDiff {
        BriefDiff { status: (old != new).then_some(StatusChange { old, new }), ..self }
    }

    /// The prose parts, which alone count towards the words added and removed.
    fn texts(&self) -> impl Iterator<Item = &TextChange> {
        [&self.headline, &self.summary, &self.why_it_matters, &self.context, &self.byline]
            .into_iter()
            .chain(self.key_developments.iter().map(|b| &b.text))
            .chain(self.report.iter().flat_map(|s| [&s.heading, &s.body]))
    }
}

/// A word-level diff of two texts.
pub fn diff_text(old: &str, new: &str) -> TextChange {
    diff_text_within(old, new, &mut Work::new())
}

/// How much diffing one comparison may do, in Myers steps: (old + new
/// tokens) × edits. A rewritten 500-word section costs about 4 million; a
/// brief of sixty of them, each diffed in full, took minutes inside a save.
/// Past its share, a text is compared by paragraphs, then shown replaced:
/// still honest about what changed, only coarser.
#[derive(Clone, Copy, Debug)]
struct Work {
    left: u64,
}

/// One text may take this much of the work; a whole comparison, ten times it.
const TEXT_WORK: u64 = 4_000_000;
const BRIEF_WORK: u64 = 10 * TEXT_WORK;

impl Work {
    fn new() -> Work {
        Work { left: BRIEF_WORK }
    }

    /// Takes `cost` if it fits in one text's share and in what is left.
    fn take(&mut self, cost: u64) -> bool {
        let fits = cost <= TEXT_WORK && cost <= self.left;
        if fits {
            self.left -= cost;
        }
        fits
    }
}

/// Below this likeness two long texts are shown as one replaced by the other.
const UNRELATED: f32 = 0.2;

/// The Myers steps a diff of `old` and `new` tokens will take, estimated
/// from how alike the two are; exact enough to bound it, never to report.
fn diff_cost(old: usize, new: usize, likeness: impl FnOnce() -> f32) -> u64 {
    let tokens = (old + new) as u64;
    // Small diffs are cheap whatever they hold: no need to sketch them.
    if tokens * tokens <= 1_000_000 {
        return tokens * tokens / 4;
    }
    let likeness = likeness();
    // Texts that share few words diff to "all removed, all added" anyway:
    // say so without paying for it.
    if likeness < UNRELATED {
        return u64::MAX;
    }
    let edits = (tokens as f32 * (1.0 - likeness)).max(1.0) as u64;
    tokens.saturating_mul(edits)
}

fn diff_text_within(old: &str, new: &str, work: &mut Work) -> TextChange {
    if old == new {
        let spans =
            if old.is_empty() { vec![] } else { vec![Span { kind: SpanKind::Same, text: old.into() }] };
        return TextChange { changed: false, spans };
    }
    // A part added or removed whole needs no diff, whatever its size.
    let diff = if old.is_empty() || new.is_empty() { None } else { bounded_diff(old, new, work) };
    let tokens: Vec<(SpanKind, &str)> = match diff {
        Some(diff) => diff
            .iter_all_changes()
            .map(|change| {
                let kind = match change.tag() {
                    ChangeTag::Equal => SpanKind::Same,
                    ChangeTag::Insert => SpanKind::Added,
                    ChangeTag::Delete => SpanKind::Removed,
                };
                (kind, change.value())
            })
            .collect(),
        None => vec![(SpanKind::Removed, old), (SpanKind::Added, new)],
    };
    TextChange { changed: true, spans: readable_spans(&tokens) }
}

/// Word diffs align on the spaces between words, which shreds a rewritten
/// sentence into single words. A space kept between two changes is taken
/// into the change, and each run of changes reads as one removed text
/// followed by one added text.
fn readable_spans(tokens: &[(SpanKind, &str)]) -> Vec<Span> {
    let is_change = |i: usize| tokens.get(i).is_some_and(|(kind, _)| *kind != SpanKind::Same);
    let mut spans: Vec<Span> = Vec::new();
    let (mut removed, mut added) = (String::new(), String::new());
    let flush = |spans: &mut Vec<Span>, removed: &mut String, added: &mut String| {
        for (kind, text) in [(SpanKind::Removed, removed), (SpanKind::Added, added)] {
            if !text.is_empty() {
                spans.push(Span { kind, text: std::mem::take(text) });
            }
        }
    };
    for (i, (kind, text)) in tokens.iter().enumerate() {
        let absorbed = *kind == SpanKind::Same
            && text.trim().is_empty()
            && i > 0
            && is_change(i - 1)
            && is_change(i + 1);
        match kind {
            SpanKind::Removed => removed.push_str(text),
            SpanKind::Added => added.push_str(text),
            SpanKind::Same if absorbed => {
                removed.push_str(text);
                added.push_str(text);
            }
            SpanKind::Same => {
                flush(&mut spans, &mut removed, &mut added);
                match spans.last_mut() {
                    Some(last) if last.kind == SpanKind::Same => last.text.push_str(text),
                    _ => spans.push(Span { kind: SpanKind::Same, text: text.to_string() }),
                }
            }
        }
    }
    flush(&mut spans, &mut removed, &mut added);
    spans
}

/// A text's words in a fixed size, whatever its length: the smallest
/// `SKETCH_SIZE` distinct word hashes (a bottom-k sketch). Two sketches
/// estimate how alike their texts' words are in `SKETCH_SIZE` steps, so
/// pairing 200 bullets with 200 others never runs a diff per pair; for
/// texts of fewer distinct words than that the estimate is exact.
#[derive(Clone, Debug)]
struct Sketch {
    /// Ascending, distinct.
    hashes: Vec<u64>,
}

const SKETCH_SIZE: usize = 64;

impl Sketch {
    fn of(text: &str) -> Sketch {
        let mut hashes = word_hashes(text);
        // Sorting every word of a long text was most of a merge's pairing
        // of 200 long bullets: the smallest few are found in linear time,
        // and they hold the smallest distinct ones unless words repeat a
        // lot among them.
        let few = 2 * SKETCH_SIZE;
        if hashes.len() > few {
            hashes.select_nth_unstable(few);
            let mut head = hashes[..=few].to_vec();
            head.sort_unstable();
            head.dedup();
            if head.len() >= SKETCH_SIZE {
                head.truncate(SKETCH_SIZE);
                return Sketch { hashes: head };
            }
        }
        hashes.sort_unstable();
        hashes.dedup();
        hashes.truncate(SKETCH_SIZE);
        Sketch { hashes }
    }

    /// From 0 (no word shared) to 1 (the same words), as a Dice coefficient
    /// (2·shared / (a + b)), the measure a diff's match ratio also is.
    fn likeness(&self, other: &Sketch) -> f32 {
        let (a, b) = (&self.hashes, &other.hashes);
        if a.is_empty() && b.is_empty() {
            return 1.0;
        }
        // The union's smallest hashes are in one sketch or both: count how
        // many of them both texts have.
        // Without branches to mispredict: 40,000 pairs of bullets are
        // compared in a merge.
        let (mut i, mut j, mut union, mut shared) = (0, 0, 0usize, 0usize);
        while union < SKETCH_SIZE && i < a.len() && j < b.len() {
            let (x, y) = (a[i], b[j]);
            shared += usize::from(x == y);
            i += usize::from(x <= y);
            j += usize::from(y <= x);
            union += 1;
        }
        // One sketch has run out: the rest of the union is the other's.
        union = (union + (a.len() - i) + (b.len() - j)).min(SKETCH_SIZE);
        let jaccard = shared as f32 / union.max(1) as f32;
        2.0 * jaccard / (1.0 + jaccard)
    }
}

/// The hash of each word (as `split_whitespace` finds them), hashed as the
/// text is read, ASCII without decoding: `split_whitespace` was a third of
/// a merge's pairing of 200 long bullets.
///
/// FNV-1a, as a word's hash needs to be fast and stable, not secret; then
/// murmur3's finalizer: FNV-1a alone puts a word with a letter added
/// ("missile", "missiles") among the smallest hashes far too often, and a
/// sketch keeps the smallest, so an edited text looked unrelated to its
/// original (a fifth of the words so changed paired a 500-word text with
/// its original one time in four).
fn word_hashes(text: &str) -> Vec<u64> {
    const BASIS: u64 = 0xcbf2_9ce4_8422_2325;
    let finish = |fnv: u64| {
        let mut h = fnv ^ (fnv >> 33);
        h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
        h ^= h >> 33;
        h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
        h ^ (h >> 33)
    };
    let bytes = text.as_bytes();
    let mut hashes = Vec::new();
    let mut word: Option<u64> = None;
    let mut at = 0;
    while at < bytes.len() {
        let (space, width) = match bytes[at] {
            byte if byte.is_ascii() => (byte.is_ascii_whitespace() || byte == 0x0b, 1),
            _ => text[at..].chars().next().map_or((false, 1), |c| (c.is_whitespace(), c.len_utf8())),
        };
        if space {
            hashes.extend(word.take().map(finish));
        } else {
            let fnv = bytes[at..at + width].iter().fold(word.unwrap_or(BASIS), |hash, &byte| {
                (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
            });
            word = Some(fnv);
        }
        at += width;
    }
    hashes.extend(word.map(finish));
    hashes
}

/// Past this many words on either side a diff works by lines, and past
/// this many lines it shows the text as replaced. Myers' algorithm costs
/// (old + new) × changes, so a rewritten 200,000-word paste took minutes
/// and froze the save that measured it.
const MAX_DIFF_TOKENS: usize = 5_000;

/// A word diff of `old` and `new` whose cost stays bounded whatever their
/// size and however much they differ: by words when that fits the `work`
/// left, by lines (paragraphs) when those fit; `None` past that, meaning
/// "replaced".
fn bounded_diff<'a>(old: &'a str, new: &'a str, work: &mut Work) -> Option<TextDiff<'a, 'a, 'a, str>> {
    let words = |s: &str| s.split_whitespace().count();
    let lines = |s: &str| s.lines().count();
    let (old_words, new_words) = (words(old), words(new));
    let mut likeness = None;
    let mut alike = || *likeness.get_or_insert_with(|| Sketch::of(old).likeness(&Sketch::of(new)));
    // A word diff has about two tokens a word: the word and the space after.
    if old_words.max(new_words) <= MAX_DIFF_TOKENS
        && work.take(diff_cost(2 * old_words, 2 * new_words, &mut alike))
    {
        return Some(TextDiff::from_words(old, new));
    }
    let (old_lines, new_lines) = (lines(old), lines(new));
    if old_lines.max(new_lines) <= MAX_DIFF_TOKENS && work.take(diff_cost(old_lines, new_lines, &mut alike)) {
        return Some(TextDiff::from_lines(old, new));
    }
    None
}

/// Pairs old items with new ones: first exact matches (by `key`), then
/// the most alike remaining pairs (by the words of `text`) at or above
/// `threshold`. Returns, for each new item, the old item it continues, if any.
pub(crate) fn match_items<T>(
    old: &[T],
    new: &[T],
    key: impl Fn(&T) -> &str,
    text: impl Fn(&T) -> &str,
    threshold: f32,
) -> Vec<Option<usize>> {
    let mut used = vec![false; old.len()];
    let mut matched: Vec<Option<usize>> = vec![None; new.len()];
    // Exact matches, preferring the same position, then the nearest one.
    for (ni, item) in new.iter().enumerate() {
        let candidates = (0..old.len()).filter(|&oi| !used[oi] && key(&old[oi]) == key(item));
        if let Some(oi) = candidates.min_by_key(|&oi| oi.abs_diff(ni)) {
            used[oi] = true;
            matched[ni] = Some(oi);
        }
    }
    // Past this many pairs (more than a brief's limits allow) the rest
    // count as added and removed rather than be paired at any cost.
    if old.len().saturating_mul(new.len()) > 250_000 {
        return matched;
    }
    let sketches: Vec<Option<Sketch>> =
        old.iter().zip(&used).map(|(item, &used)| (!used).then(|| Sketch::of(text(item)))).collect();
    for (ni, item) in new.iter().enumerate() {
        if matched[ni].is_some() {
            continue;
        }
        let sketch = Sketch::of(text(item));
        let best = (0..old.len())
            .filter(|&oi| !used[oi])
            .filter_map(|oi| Some((oi, sketches[oi].as_ref()?.likeness(&sketch))))
            .filter(|&(_, score)| score >= threshold)
            .max_by(|a, b| a.1.total_cmp(&b.1));
        if let Some((oi, _)) = best {
            used[oi] = true;
            matched[ni] = Some(oi);
        }
    }
    matched
}

/// The matched items that keep their relative order (a longest increasing
/// run of old indices); the others have moved.
fn moved_flags(matched: &[Option<usize>]) -> Vec<bool> {
    let pairs: Vec<(usize, usize)> =
        matched.iter().enumerate().filter_map(|(ni, oi)| oi.map(|oi| (ni, oi))).collect();
    // Longest increasing subsequence of old indices, O(n²): lists are short.
    let n = pairs.len();
    let mut length = vec![1usize; n];
    let mut previous = vec![usize::MAX; n];
    for i in 0..n {
        for j in 0..i {
            if pairs[j].1 < pairs[i].1 && length[j] + 1 > length[i] {
                length[i] = length[j] + 1;
                previous[i] = j;
            }
        }
    }
    let mut in_order = vec![false; n];
    let mut at = (0..n).max_by_key(|&i| length[i]);
    while let Some(i) = at {
        in_order[i] = true;
        at = (previous[i] != usize::MAX).then_some(previous[i]);
    }
    let mut moved = vec![false; matched.len()];
    for (k, &(ni, _)) in pairs.iter().enumerate() {
        moved[ni] = !in_order[k];
    }
    moved
}

/// Orders entries by where they stand in the new version; a removed entry
/// goes right after the entry that preceded it in the old version.
fn in_reading_order<E>(
    entries: &mut [E],
    position: impl Fn(&E) -> (Option<u32>, Option<u32>),
    old_to_new: &[Option<usize>],
) {
    let sort_key = |entry: &E| -> (usize, usize) {
        match position(entry) {
            (_, Some(new)) => (new as usize * 2 + 1, 0),
            (Some(old), None) => {
                let before = old_to_new[..old as usize].iter().rev().find_map(|n| *n);
                (before.map_or(0, |n| n * 2 + 2), old as usize)
            }
            (None, None) => (usize::MAX, 0),
        }
    };
    entries.sort_by_key(sort_key);
}

fn invert(matched: &[Option<usize>], old_len: usize) -> Vec<Option<usize>> {
    let mut old_to_new = vec![None; old_len];
    for (ni, oi) in matched.iter().enumerate() {
        if let Some(oi) = oi {
            old_to_new[*oi] = Some(ni);
        }
    }
    old_to_new
}

fn diff_bullets(old: &[String], new: &[String], work: &mut Work) -> Vec<BulletChange> {
    let matched = match_items(old, new, |s| s.as_str(), |s| s.as_str(), 0.5);
    let moved = moved_flags(&matched);
    let old_to_new = invert(&matched, old.len());
    let mut entries: Vec<BulletChange> = new
        .iter()
        .enumerate()
        .map(|(ni, text)| match matched[ni] {
            Some(oi) => {
                let change = diff_text_within(&old[oi], text, work);
                BulletChange {
                    change: if change.changed { ItemChange::Changed } else { ItemChange::Same },
                    moved: moved[ni],
                    old_index: Some(oi as u32),
                    new_index: Some(ni as u32),
                    text: change,
                }
            }
            None => BulletChange {
                change: ItemChange::Added,
                moved: false,
                old_index: None,
                new_index: Some(ni as u32),
                text: diff_text("", text),
            },
        })
        .collect();
    entries.extend(old.iter().enumerate().filter(|(oi, _)| old_to_new[*oi].is_none()).map(|(oi, text)| {
        BulletChange {
            change: ItemChange::Removed,
            moved: false,
            old_index: Some(oi as u32),
            new_index: None,
            text: diff_text(text, ""),
        }
    }));
    in_reading_order(&mut entries, |e| (e.old_index, e.new_index), &old_to_new);
    entries
}

fn diff_sections(old: &[ReportSection], new: &[ReportSection], work: &mut Work) -> Vec<SectionChange> {
    // A renamed heading still matches when the body is much the same.
    let matched = match_items(old, new, |s| s.heading.as_str(), |s| s.body.as_str(), 0.6);
    let moved = moved_flags(&matched);
    let old_to_new = invert(&matched, old.len());
    let mut section =
        |change, moved, old_index, new_index, o: &ReportSection, n: &ReportSection| SectionChange {
            change,
            moved,
            old_index,
            new_index,
            heading: diff_text_within(&o.heading, &n.heading, work),
            body: diff_text_within(&o.body, &n.body, work),
        };
    let empty = ReportSection::default();
    let mut entries: Vec<SectionChange> = new
        .iter()
        .enumerate()
        .map(|(ni, n)| match matched[ni] {
            Some(oi) => {
                let o = &old[oi];
                let change = if o == n { ItemChange::Same } else { ItemChange::Changed };
                section(change, moved[ni], Some(oi as u32), Some(ni as u32), o, n)
            }
            None => section(ItemChange::Added, false, None, Some(ni as u32), &empty, n),
        })
        .collect();
    entries.extend(
        old.iter()
            .enumerate()
            .filter(|(oi, _)| old_to_new[*oi].is_none())
            .map(|(oi, o)| section(ItemChange::Removed, false, Some(oi as u32), None, o, &empty)),
    );
    in_reading_order(&mut entries, |e| (e.old_index, e.new_index), &old_to_new);
    entries
}

fn diff_tags(old: &[String], new: &[String]) -> TagsChange {
    let (kept, added): (Vec<String>, Vec<String>) = new.iter().cloned().partition(|tag| old.contains(tag));
    let removed = old.iter().filter(|tag| !new.contains(tag)).cloned().collect();
    TagsChange { added, removed, kept, changed: old != new }
}

/// Compares `old` with `new`, part by part. The status is not content:
/// the caller adds it with [`BriefDiff::with_status`].
pub fn diff_briefs(old: &BriefContent, new: &BriefContent) -> BriefDiff {
    let work = &mut Work::new();
    let mut diff = BriefDiff {
        headline: diff_text_within(&old.headline, &new.headline, work),
        summary: diff_text_within(&old.summary, &new.summary, work),
        why_it_matters: diff_text_within(&old.why_it_matters, &new.why_it_matters, work),
        key_developments: diff_bullets(&old.key_developments, &new.key_developments, work),
        report: diff_sections(&old.report, &new.report, work),
        context: diff_text_within(&old.context, &new.context, work),
        byline: diff_text_within(
            old.byline.as_deref().unwrap_or(""),
            new.byline.as_deref().unwrap_or(""),
            work,
        ),
        tags: diff_tags(&old.tags, &new.tags),
        status: None,
        words_added: 0,
        words_removed: 0,
    };
    let (mut added, mut removed) = (0, 0);
    for span in diff.texts().flat_map(|t| &t.spans) {
        match span.kind {
            SpanKind::Added => added += count_words(&span.text),
            SpanKind::Removed => removed += count_words(&span.text),
            SpanKind::Same => {}
        }
    }
    diff.words_added = added as u32;
    diff.words_removed = removed as u32;
    diff
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn huge_texts_are_diffed_by_lines_then_as_replaced() {
        // Unbounded, each of these took minutes (a pasted 100,000 words).
        let kinds = |change: &TextChange| change.spans.iter().map(|s| s.kind).collect::<Vec<_>>();
        let (old, new) = ("a ".repeat(100_000), "b ".repeat(100_000));
        assert_eq!(kinds(&diff_text(&old, &new)), [SpanKind::Removed, SpanKind::Added]);
        let old_lines = "a b c d\n".repeat(1_500) + "tail\n";
        let new_lines = "a b c d\n".repeat(1_500) + "end\n";
        let change = diff_text(&old_lines, &new_lines);
        assert_eq!(kinds(&change), [SpanKind::Same, SpanKind::Removed, SpanKind::Added]);
        assert_eq!(change.spans[2].text, "end\n");
        let huge = "x\n".repeat(6_000);
        assert_eq!(kinds(&diff_text(&huge, &"y\n".repeat(6_000))), [SpanKind::Removed, SpanKind::Added]);
    }

    /// Distinct words, so no two generated texts share one by chance.
    fn prose(seed: usize, words: usize) -> String {
        (0..words).map(|i| format!("w{seed}x{i}")).collect::<Vec<_>>().join(" ")
    }

    #[test]
    fn a_complete_rewrite_is_reported_whole_and_honestly() {
        // Both took minutes when every unmatched pair got a full word diff
        // (200 bullets: 48 s; 60 sections of 500 words: 165 s). The bench
        // (`make bench`, worst-case rows) times them; here, what they say.
        let bullets = |seed: usize| (0..200).map(|i| prose(seed * 1000 + i, 25)).collect::<Vec<_>>();
        let old = BriefContent { key_developments: bullets(1), ..Default::default() };
        let new = BriefContent { key_developments: bullets(2), ..Default::default() };
        let diff = diff_briefs(&old, &new);
        let count = |kind| diff.key_developments.iter().filter(|b| b.change == kind).count();
        assert_eq!((count(ItemChange::Added), count(ItemChange::Removed)), (200, 200));
        assert_eq!((diff.words_added, diff.words_removed), (5_000, 5_000));

        let section = |seed: usize, i: usize| ReportSection {
            heading: format!("Part {i}"),
            body: prose(seed * 1000 + i, 500),
        };
        let old = BriefContent { report: (0..60).map(|i| section(1, i)).collect(), ..Default::default() };
        let new = BriefContent { report: (0..60).map(|i| section(2, i)).collect(), ..Default::default() };
        let diff = diff_briefs(&old, &new);
        assert_eq!(diff.report.len(), 60);
        for (i, change) in diff.report.iter().enumerate() {
            assert_eq!(
                (change.change, change.old_index, change.new_index),
                (ItemChange::Changed, Some(i as u32), Some(i as u32))
            );
            assert_eq!(
                spans(&change.body),
                [
                    (SpanKind::Removed, old.report[i].body.as_str()),
                    (SpanKind::Added, new.report[i].body.as_str())
                ]
            );
        }
        assert_eq!((diff.words_added, diff.words_removed), (30_000, 30_000));
    }

    #[test]
    fn edited_and_moved_parts_of_a_long_brief_are_still_found() {
        // The bound must not cost the ordinary case: a few words changed in
        // each of 60 long sections, two sections swapped, are word-diffed.
        let section = |i: usize| ReportSection { heading: format!("Part {i}"), body: prose(i, 500) };
        let old = BriefContent { report: (0..60).map(section).collect(), ..Default::default() };
        let mut new = old.clone();
        for s in &mut new.report {
            s.body = s.body.replacen("x7 ", "x7 inserted ", 1);
        }
        new.report.swap(10, 20);
        new.report[30].heading = "Renamed".into();
        let diff = diff_briefs(&old, &new);
        // 60 inserted words, and "Part 30" → "Renamed".
        assert_eq!((diff.words_added, diff.words_removed), (61, 2));
        assert!(diff.report.iter().all(|s| s.change == ItemChange::Changed));
        assert_eq!(diff.report.iter().filter(|s| s.moved).count(), 2, "the swapped pair");
        assert_eq!(diff.report[30].old_index, Some(30), "a renamed section matches by its body");
        assert!(diff.report[30].heading.changed);
    }

    #[test]
    fn sketches_measure_likeness_by_words() {
        let sketch = |s: &str| Sketch::of(s);
        assert_eq!(sketch("a b c").likeness(&sketch("c b a")), 1.0);
        assert_eq!(sketch("a b").likeness(&sketch("c d")), 0.0);
        assert_eq!(sketch("").likeness(&sketch("")), 1.0);
        // Lee meets Xi on {Monday|Tuesday}: 4 shared of 6 → Dice 0.8.
        let pair = sketch("Lee meets Xi on Monday").likeness(&sketch("Lee meets Xi on Tuesday"));
        assert!((pair - 0.8).abs() < 1e-6, "{pair}");
        // Long texts are estimated from a fixed number of words, closely.
        let (a, b) = (prose(1, 2_000), prose(1, 2_000).replacen("w1x1", "changed", 100));
        assert!(sketch(&a).likeness(&sketch(&b)) > 0.9);
        assert!(sketch(&a).likeness(&sketch(&prose(2, 2_000))) < 0.05);
    }

    fn spans(change: &TextChange) -> Vec<(SpanKind, &str)> {
        change.spans.iter().map(|s| (s.kind, s.text.as_str())).collect()
    }

    #[test]
    fn text_diffs_mark_words() {
        let change = diff_text("Lee meets Xi in Beijing", "Lee meets Xi Jinping in Beijing today");
        assert!(change.changed);
        assert_eq!(
            spans(&change),
            [
                (SpanKind::Same, "Lee meets Xi "),
                (SpanKind::Added, "Jinping "),
                (SpanKind::Same, "in Beijing"),
                (SpanKind::Added, " today")
            ]
        );
        assert!(!diff_text("same", "same").changed);
    }

    #[test]
    fn a_rewritten_sentence_reads_as_one_removal_and_one_addition() {
        let change = diff_text("North Korea tested missiles this week.", "Seoul fears a new nuclear test.");
        assert_eq!(
            spans(&change),
            [
                (SpanKind::Removed, "North Korea tested missiles this week."),
                (SpanKind::Added, "Seoul fears a new nuclear test.")
            ]
        );
    }

    #[test]
    fn a_moved_bullet_is_moved_not_deleted_and_added() {
        let old: Vec<String> = ["a one", "b two", "c three", "d four"].map(String::from).to_vec();
        let new: Vec<String> = ["a one", "d four", "b two", "c three"].map(String::from).to_vec();
        let diff = diff_bullets(&old, &new, &mut Work::new());
        let summary: Vec<(ItemChange, bool, Option<u32>, Option<u32>)> =
            diff.iter().map(|b| (b.change, b.moved, b.old_index, b.new_index)).collect();
        assert_eq!(
            summary,
            [
                (ItemChange::Same, false, Some(0), Some(0)),
                (ItemChange::Same, true, Some(3), Some(1)),
                (ItemChange::Same, false, Some(1), Some(2)),
                (ItemChange::Same, false, Some(2), Some(3)),
            ]
        );
    }

    #[test]
    fn bullets_are_changed_added_and_removed_in_reading_order() {
        let old: Vec<String> =
            ["Lee meets Xi on Monday", "Talks on trade", "K-pop ban"].map(String::from).to_vec();
        let new: Vec<String> =
            ["Lee meets Xi on Tuesday", "K-pop ban", "A Japan visit follows"].map(String::from).to_vec();
        let diff = diff_bullets(&old, &new, &mut Work::new());
        let summary: Vec<(ItemChange, Option<u32>, Option<u32>)> =
            diff.iter().map(|b| (b.change, b.old_index, b.new_index)).collect();
        assert_eq!(
            summary,
            [
                (ItemChange::Changed, Some(0), Some(0)),
                (ItemChange::Removed, Some(1), None),
                (ItemChange::Same, Some(2), Some(1)),
                (ItemChange::Added, None, Some(2)),
            ]
        );
        assert_eq!(spans(&diff[0].text)[1], (SpanKind::Removed, "Monday"));
    }

    #[test]
    fn sections_match_by_heading_or_by_body_when_renamed() {
        let s = |h: &str, b: &str| ReportSection { heading: h.into(), body: b.into() };
        let old = [s("Security", "North Korea tested missiles this week."), s("Trade", "Exports fell.")];
        let new = [
            s("Trade", "Exports fell sharply."),
            s("Security Concerns", "North Korea tested missiles this week."),
        ];
        let diff = diff_sections(&old, &new, &mut Work::new());
        assert_eq!(diff.len(), 2);
        assert_eq!((diff[0].change, diff[0].old_index, diff[0].moved), (ItemChange::Changed, Some(1), true));
        assert_eq!((diff[1].change, diff[1].old_index), (ItemChange::Changed, Some(0)));
        assert!(diff[1].heading.changed && !diff[1].body.changed);
    }

    #[test]
    fn word_counts_of_a_diff() {
        let old = BriefContent { summary: "Lee met Xi in Beijing today".into(), ..Default::default() };
        let new = BriefContent { summary: "Lee met Xi and Li in Beijing".into(), ..Default::default() };
        let diff = diff_briefs(&old, &new);
        assert_eq!((diff.words_added, diff.words_removed), (2, 1));
        assert!(!diff.is_empty());
        assert!(diff_briefs(&old, &old).is_empty());
    }

    fn tagged(tags: &[&str]) -> BriefContent {
        BriefContent {
            summary: "Lee met Xi".into(),
            tags: tags.iter().map(|t| t.to_string()).collect(),
            ..Default::default()
        }
    }

    #[test]
    fn tags_are_added_removed_and_kept_whole_and_count_no_words() {
        // (old tags, new tags, added, removed, kept, changed)
        type Case<'a> = (&'a [&'a str], &'a [&'a str], &'a [&'a str], &'a [&'a str], &'a [&'a str], bool);
        let cases: [Case; 6] = [
            (&["asia"], &["asia"], &[], &[], &["asia"], false),
            (&["asia"], &["asia", "trade"], &["trade"], &[], &["asia"], true),
            (&["asia", "north korea", "trade"], &["asia"], &[], &["north korea", "trade"], &["asia"], true),
            (&["asia", "trade"], &["south korea", "asia"], &["south korea"], &["trade"], &["asia"], true),
            (&["asia", "trade"], &["trade", "asia"], &[], &[], &["trade", "asia"], true),
            (&[], &[], &[], &[], &[], false),
        ];
        for (old, new, added, removed, kept, changed) in cases {
            let diff = diff_briefs(&tagged(old), &tagged(new));
            let case = format!("{old:?} → {new:?}");
            assert_eq!(diff.tags.added, added, "{case}");
            assert_eq!(diff.tags.removed, removed, "{case}");
            assert_eq!(diff.tags.kept, kept, "{case}");
            assert_eq!(diff.tags.changed, changed, "{case}");
            assert_eq!((diff.words_added, diff.words_removed), (0, 0), "{case}: tags are not prose");
            assert_eq!(diff.is_empty(), !changed, "{case}");
            assert!(diff.texts().all(|t| !t.changed), "{case}: no prose part changed");
        }
    }

    #[test]
    fn bylines_are_word_diffed_with_none_as_empty() {
        // (old byline, new byline, changed, spans, words added, words removed)
        type Case<'a> = (Option<&'a str>, Option<&'a str>, bool, Vec<(SpanKind, &'a str)>, u32, u32);
        let cases: [Case; 5] = [
            (None, None, false, vec![], 0, 0),
            (None, Some(""), false, vec![], 0, 0),
            (None, Some("Ana Núñez"), true, vec![(SpanKind::Added, "Ana Núñez")], 2, 0),
            (Some("Ana Núñez"), None, true, vec![(SpanKind::Removed, "Ana Núñez")], 0, 2),
            (
                Some("Ana Núñez, Seoul"),
                Some("Ana Núñez, Beijing"),
                true,
                vec![
                    (SpanKind::Same, "Ana Núñez, "),
                    (SpanKind::Removed, "Seoul"),
                    (SpanKind::Added, "Beijing"),
                ],
                1,
                1,
            ),
        ];
        for (old, new, changed, expected, added, removed) in cases {
            let side =
                |byline: Option<&str>| BriefContent { byline: byline.map(String::from), ..tagged(&[]) };
            let diff = diff_briefs(&side(old), &side(new));
            let case = format!("{old:?} → {new:?}");
            assert_eq!(diff.byline.changed, changed, "{case}");
            assert_eq!(spans(&diff.byline), expected, "{case}");
            assert_eq!((diff.words_added, diff.words_removed), (added, removed), "{case}");
            assert_eq!(diff.is_empty(), !changed, "{case}");
        }
    }

    #[test]
    fn the_status_is_a_change_only_when_the_two_sides_differ() {
        let content = tagged(&["asia"]);
        let diff = diff_briefs(&content, &content);
        assert_eq!(diff.status, None, "content alone says nothing about status");
        // (old, new, expected change)
        let cases = [
            (Status::Draft, Status::Draft, None),
            (Status::Draft, Status::Ready, Some(StatusChange { old: Status::Draft, new: Status::Ready })),
            (
                Status::Filed,
                Status::InReview,
                Some(StatusChange { old: Status::Filed, new: Status::InReview }),
            ),
        ];
        for (old, new, expected) in cases {
            let diff = diff.clone().with_status(old, new);
            assert_eq!(diff.status, expected, "{old:?} → {new:?}");
            assert_eq!(diff.is_empty(), expected.is_none(), "{old:?} → {new:?}");
            assert_eq!((diff.words_added, diff.words_removed), (0, 0));
        }
    }

    #[test]
    fn tags_and_status_serialize_for_the_ui_and_the_cli() {
        let diff = diff_briefs(&tagged(&["asia", "trade"]), &tagged(&["asia", "security"]))
            .with_status(Status::Draft, Status::Ready);
        let json = serde_json::to_value(&diff).unwrap();
        assert_eq!(
            json["tags"],
            serde_json::json!({ "added": ["security"], "removed": ["trade"], "kept": ["asia"], "changed": true })
        );
        assert_eq!(json["status"], serde_json::json!({ "old": "draft", "new": "ready" }));
        assert_eq!(json["byline"]["changed"], false);
        let unchanged = serde_json::to_value(diff_briefs(&tagged(&[]), &tagged(&[]))).unwrap();
        assert_eq!(unchanged["status"], serde_json::Value::Null);
    }
}
