//! Three-way merge of two briefs grown from one base, for the desk's sync:
//! this laptop's words ("ours") with a colleague's ("theirs"). Per part: a
//! part changed on one side takes that side; changed on both, its texts are
//! merged word by word (diff3); where both changed the same words
//! differently the part is a conflict that keeps our text and records both.
//! Bullets and report sections merge as lists keyed by what they say (and
//! sections by heading), so an edit on one side survives a delete on the
//! other and neither side's new items are lost.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::diff::{diff_text, match_items, TextChange};
use crate::part::index;
use crate::{BriefContent, BriefPart, ReportSection};

/// What [`merge_briefs`] made of two briefs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Merged {
    /// The merged brief. Where a part conflicts it holds OUR text for that
    /// part: the local words are never replaced silently.
    pub content: BriefContent,
    /// Parts changed on both sides in overlapping ways: both texts kept.
    pub conflicts: Vec<PartConflict>,
    /// Parts taken from, or merged with, their side, in reading order (for a
    /// notice such as "merged the summary and key development 2 from Ana").
    /// `KeyDevelopments` or `Report` as a whole when their side only removed
    /// or reordered items.
    pub from_theirs: Vec<BriefPart>,
}

/// One part both sides changed in overlapping ways.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PartConflict {
    /// Where the conflicting part is in [`Merged::content`], which holds
    /// `ours` there.
    pub part: BriefPart,
    pub base: String,
    pub ours: String,
    pub theirs: String,
}

/// A part in conflict as the page shows it, side by side: each side's
/// words marked against the text both sides started from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, TS)]
pub struct ConflictView {
    pub part: BriefPart,
    pub ours: TextChange,
    pub theirs: TextChange,
}

impl PartConflict {
    /// Both sides compared with the base.
    pub fn view(&self) -> ConflictView {
        ConflictView {
            part: self.part,
            ours: diff_text(&self.base, &self.ours),
            theirs: diff_text(&self.base, &self.theirs),
        }
    }
}

/// Words both sides changed differently.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{}", match hunks.len() {
    0 => "both sides changed the text, too much to merge word by word".to_owned(),
    n => format!("both sides changed the same words, in {n} places"),
})]
pub struct TextConflict {
    /// In reading order; empty when the texts were not compared word by
    /// word because a merge's budget of work was spent (see `Work`).
    pub hunks: Vec<ConflictHunk>,
}

/// One run of words: as it was, and as each side has it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConflictHunk {
    pub base: String,
    pub ours: String,
    pub theirs: String,
}

/// A word-level three-way merge of one text: `Err` when both sides changed
/// the same words (or inserted different words at the same place).
pub fn merge_text(base: &str, ours: &str, theirs: &str) -> Result<String, TextConflict> {
    merge_text_within(base, ours, theirs, &mut Work::new())
}

/// Merges `ours` and `theirs`, both edited from `base`, part by part.
pub fn merge_briefs(base: &BriefContent, ours: &BriefContent, theirs: &BriefContent) -> Merged {
    let mut merger = Merger { work: Work::new(), conflicts: Vec::new(), from_theirs: Vec::new() };
    let m = &mut merger;
    // In the model's reading order, so `from_theirs` and `conflicts` are too.
    let headline = m.text(BriefPart::Headline, &base.headline, &ours.headline, &theirs.headline);
    let summary = m.text(BriefPart::Summary, &base.summary, &ours.summary, &theirs.summary);
    let why_it_matters =
        m.text(BriefPart::WhyItMatters, &base.why_it_matters, &ours.why_it_matters, &theirs.why_it_matters);
    let key_developments =
        m.bullets(&base.key_developments, &ours.key_developments, &theirs.key_developments);
    let report = m.sections(&base.report, &ours.report, &theirs.report);
    let context = m.text(BriefPart::Context, &base.context, &ours.context, &theirs.context);
    let byline = m.byline(&base.byline, &ours.byline, &theirs.byline);
    let tags = merge_tags(&base.tags, &ours.tags, &theirs.tags);
    if tags != ours.tags {
        m.from_theirs.push(BriefPart::Tags);
    }
    Merged {
        content: BriefContent {
            headline,
            summary,
            why_it_matters,
            key_developments,
            report,
            context,
            byline,
            tags,
        },
        conflicts: merger.conflicts,
        from_theirs: merger.from_theirs,
    }
}

/// How much diffing one merge may do, in Myers steps (a diagonal tried or a
/// token compared). Unbounded, two sides' rewrites of 60 long sections
/// would cost billions. A text past its share is diffed coarsely (what
/// lies between the common start and end counts as replaced), and once the
/// whole budget is spent, every further text changed on both sides is a
/// conflict as a whole: either can only turn a clean merge into a
/// conflict, never lose or invent words.
struct Work {
    left: u64,
}

/// One text may take this much, split evenly between its two diffs, so that
/// swapping the sides spends the same and conflicts the same; a whole merge
/// three times it, 10–20 ms of diffing at 5–12 ns a step. A 500-word text
/// with one word in five changed on each side takes about 50,000 steps; one
/// with a few words changed, about its length in tokens (1,000).
const TEXT_WORK: u64 = 500_000;
const MERGE_WORK: u64 = 3 * TEXT_WORK;
/// Below this a merge's work is spent: enough for a few short texts.
const SPENT: u64 = 1_000;

impl Work {
    fn new() -> Work {
        Work { left: MERGE_WORK }
    }
}

/// Past this many base × side items a list is not paired at all (no valid
/// brief comes near it: 200 bullets or sections at most): it keeps our
/// items and conflicts as a whole.
const MAX_LIST_PAIRS: usize = 250_000;

struct Merger {
    work: Work,
    conflicts: Vec<PartConflict>,
    from_theirs: Vec<BriefPart>,
}

impl Merger {
    fn text(&mut self, part: BriefPart, base: &str, ours: &str, theirs: &str) -> String {
        match merge_text_within(base, ours, theirs, &mut self.work) {
            Ok(text) => {
                if text != ours {
                    self.from_theirs.push(part);
                }
                text
            }
            Err(_) => {
                self.conflict(part, base, ours, theirs);
                ours.to_owned()
            }
        }
    }

    fn conflict(&mut self, part: BriefPart, base: &str, ours: &str, theirs: &str) {
        self.conflicts.push(PartConflict {
            part,
            base: base.to_owned(),
            ours: ours.to_owned(),
            theirs: theirs.to_owned(),
        });
    }

    /// No byline and an empty one are the same text; the side that changed
    /// nothing keeps its exact value so an unchanged side changes nothing.
    fn byline(
        &mut self,
        base: &Option<String>,
        ours: &Option<String>,
        theirs: &Option<String>,
    ) -> Option<String> {
        if theirs == base || ours == theirs {
            return ours.clone();
        }
        if ours == base {
            self.from_theirs.push(BriefPart::Byline);
            return theirs.clone();
        }
        let text = |byline: &Option<String>| byline.clone().unwrap_or_default();
        let merged = self.text(BriefPart::Byline, &text(base), &text(ours), &text(theirs));
        if merged == text(ours) {
            ours.clone()
        } else {
            Some(merged).filter(|b| !b.is_empty())
        }
    }

    fn bullets(&mut self, base: &[String], ours: &[String], theirs: &[String]) -> Vec<String> {
        if theirs == base || ours == theirs {
            return ours.to_vec();
        }
        if ours == base {
            self.from_theirs.push(BriefPart::KeyDevelopments);
            return theirs.to_vec();
        }
        let Some(entries) = align(base, ours, theirs, |b| b.as_str(), |b| b.as_str(), 0.5) else {
            let lines = |list: &[String]| list.join("\n");
            self.conflict(BriefPart::KeyDevelopments, &lines(base), &lines(ours), &lines(theirs));
            return ours.to_vec();
        };
        let marked = self.from_theirs.len();
        let mut merged = Vec::with_capacity(entries.len());
        for entry in entries {
            let part = BriefPart::Bullet(index(merged.len()));
            let text = match entry {
                Entry::Both { base, ours, theirs } => self.text(part, base, ours, theirs),
                Entry::Ours(ours) => ours.clone(),
                Entry::Theirs(theirs) => {
                    self.from_theirs.push(part);
                    theirs.clone()
                }
            };
            merged.push(text);
        }
        if self.from_theirs.len() == marked && merged != ours {
            self.from_theirs.push(BriefPart::KeyDevelopments);
        }
        merged
    }

    fn sections(
        &mut self,
        base: &[ReportSection],
        ours: &[ReportSection],
        theirs: &[ReportSection],
    ) -> Vec<ReportSection> {
        if theirs == base || ours == theirs {
            return ours.to_vec();
        }
        if ours == base {
            self.from_theirs.push(BriefPart::Report);
            return theirs.to_vec();
        }
        // A renamed heading still pairs when the body is much the same,
        // as the compare view pairs them.
        let Some(entries) = align(base, ours, theirs, |s| s.heading.as_str(), |s| s.body.as_str(), 0.6)
        else {
            let text = |list: &[ReportSection]| {
                list.iter()
                    .map(|s| format!("## {}\n\n{}", s.heading, s.body))
                    .collect::<Vec<_>>()
                    .join("\n\n")
            };
            self.conflict(BriefPart::Report, &text(base), &text(ours), &text(theirs));
            return ours.to_vec();
        };
        let marked = self.from_theirs.len();
        let mut merged: Vec<ReportSection> = Vec::with_capacity(entries.len());
        for entry in entries {
            let i = index(merged.len());
            let section = match entry {
                Entry::Both { base, ours, theirs } => {
                    // A heading is a name, not prose: two different renames
                    // are a conflict rather than a blend of both.
                    let heading = if ours.heading == base.heading {
                        theirs.heading.clone()
                    } else if theirs.heading == base.heading || ours.heading == theirs.heading {
                        ours.heading.clone()
                    } else {
                        self.conflict(
                            BriefPart::SectionHeading(i),
                            &base.heading,
                            &ours.heading,
                            &theirs.heading,
                        );
                        ours.heading.clone()
                    };
                    let body = match merge_text_within(&base.body, &ours.body, &theirs.body, &mut self.work) {
                        Ok(body) => body,
                        Err(_) => {
                            self.conflict(BriefPart::Section(i), &base.body, &ours.body, &theirs.body);
                            ours.body.clone()
                        }
                    };
                    let section = ReportSection { heading, body };
                    if section != *ours {
                        self.from_theirs.push(BriefPart::Section(i));
                    }
                    section
                }
                Entry::Ours(ours) => ours.clone(),
                Entry::Theirs(theirs) => {
                    self.from_theirs.push(BriefPart::Section(i));
                    theirs.clone()
                }
            };
            merged.push(section);
        }
        if self.from_theirs.len() == marked && merged != ours {
            self.from_theirs.push(BriefPart::Report);
        }
        merged
    }
}

/// Tags are labels: one added on either side stays, one removed on either
/// side goes. Our order, then their additions in theirs.
fn merge_tags(base: &[String], ours: &[String], theirs: &[String]) -> Vec<String> {
    if theirs == base || ours == theirs {
        return ours.to_vec();
    }
    if ours == base {
        return theirs.to_vec();
    }
    let removed_by_theirs = |tag: &String| base.contains(tag) && !theirs.contains(tag);
    let mut merged: Vec<String> = ours.iter().filter(|t| !removed_by_theirs(t)).cloned().collect();
    for tag in theirs {
        if !base.contains(tag) && !merged.contains(tag) {
            merged.push(tag.clone());
        }
    }
    merged
}

/// One item of a merged list, with where its text comes from.
#[derive(Debug)]
enum Entry<'a, T> {
    /// Present on both sides: its texts are merged.
    Both { base: &'a T, ours: &'a T, theirs: &'a T },
    /// Added by us, or edited by us and deleted by them.
    Ours(&'a T),
    /// Added by them, or edited by them and deleted by us.
    Theirs(&'a T),
}

/// Lines up two edited lists with their base, in the merged order: items
/// paired with base items as the compare view pairs them (same `key`
/// first, then alike `text`). An item deleted on one side goes when the
/// other left it alone and stays when the other edited it. The order is
/// one side's (ours, unless only theirs reordered); the other side's new
/// items go after the item that precedes them there, ours before theirs at
/// the same place, and an item both sides added alike is kept once.
/// `None` when the lists are too long to pair.
fn align<'a, T: PartialEq>(
    base: &'a [T],
    ours: &'a [T],
    theirs: &'a [T],
    key: impl Fn(&T) -> &str + Copy,
    text: impl Fn(&T) -> &str + Copy,
    threshold: f32,
) -> Option<Vec<Entry<'a, T>>> {
    if base.len().saturating_mul(ours.len().max(theirs.len())) > MAX_LIST_PAIRS {
        return None;
    }
    let ours_to_base = match_items(base, ours, key, text, threshold);
    let theirs_to_base = match_items(base, theirs, key, text, threshold);
    let reordered = |to_base: &[Option<usize>]| !to_base.iter().flatten().is_sorted();
    let ours_lead = !reordered(&theirs_to_base) || reordered(&ours_to_base);
    // The lead side gives the order; the other side's items it lacks are
    // slotted in after the last item both sides have before them.
    let (lead, lead_to_base, other, other_to_base) = if ours_lead {
        (ours, &ours_to_base, theirs, &theirs_to_base)
    } else {
        (theirs, &theirs_to_base, ours, &ours_to_base)
    };
    let lead_of_base = invert(lead_to_base, base.len());
    let other_of_base = invert(other_to_base, base.len());
    // Slot 0 is the start; slot j + 1 is after base item j.
    let mut slots: Vec<Vec<usize>> = vec![Vec::new(); base.len() + 1];
    let mut slot = 0;
    for (oi, item) in other.iter().enumerate() {
        match other_to_base[oi] {
            Some(j) if lead_of_base[j].is_some() => slot = j + 1,
            // Deleted by the lead side and left alone here: gone.
            Some(j) if *item == base[j] => {}
            _ => slots[slot].push(oi),
        }
    }
    let side = |item: &'a T, is_ours: bool| if is_ours { Entry::Ours(item) } else { Entry::Theirs(item) };
    let mut entries: Vec<Entry<'a, T>> = Vec::with_capacity(lead.len() + other.len());
    // Where the items at the current place begin, for keeping one of two
    // alike additions (theirs goes; ours stays where we put it).
    let mut place = 0;
    let push_single = |entries: &mut Vec<Entry<'a, T>>, place: usize, item: &'a T, is_ours: bool| {
        let twin = !is_ours && entries[place..].iter().any(|e| matches!(e, Entry::Ours(o) if *o == item));
        if !twin {
            entries.push(side(item, is_ours));
        }
    };
    let place_other = |entries: &mut Vec<Entry<'a, T>>, place: usize, slot: usize| {
        for &oi in &slots[slot] {
            push_single(entries, place, &other[oi], !ours_lead);
        }
    };
    // Ours come first at a place: with ours leading, theirs wait until our
    // additions there are in; with theirs leading, ours go in at once.
    let mut waiting = None;
    if ours_lead {
        waiting = Some(0);
    } else {
        place_other(&mut entries, place, 0);
    }
    for (li, item) in lead.iter().enumerate() {
        let Some(j) = lead_to_base[li] else {
            push_single(&mut entries, place, item, ours_lead);
            continue;
        };
        if let Some(slot) = waiting.take() {
            place_other(&mut entries, place, slot);
        }
        match other_of_base[j] {
            Some(oi) => {
                let (o, t) = if ours_lead { (item, &other[oi]) } else { (&other[oi], item) };
                entries.push(Entry::Both { base: &base[j], ours: o, theirs: t });
            }
            // Edit versus delete keeps the edit.
            None if *item != base[j] => entries.push(side(item, ours_lead)),
            None => {}
        }
        place = entries.len();
        if ours_lead {
            waiting = Some(j + 1);
        } else {
            place_other(&mut entries, place, j + 1);
        }
    }
    if let Some(slot) = waiting {
        place_other(&mut entries, place, slot);
    }
    Some(entries)
}

fn invert(to_base: &[Option<usize>], base_len: usize) -> Vec<Option<usize>> {
    let mut of_base = vec![None; base_len];
    for (i, j) in to_base.iter().enumerate() {
        if let Some(j) = j {
            of_base[*j] = Some(i);
        }
    }
    of_base
}

fn merge_text_within(base: &str, ours: &str, theirs: &str, work: &mut Work) -> Result<String, TextConflict> {
    if ours == base {
        return Ok(theirs.to_owned());
    }
    if theirs == base || ours == theirs {
        return Ok(ours.to_owned());
    }
    // Spent: the part conflicts as a whole without being read, so the parts
    // past the budget cost nothing; a coarse diff of each would still cost
    // splitting three texts into tokens, for hundreds of long texts.
    if work.left < SPENT {
        return Err(TextConflict { hunks: Vec::new() });
    }
    let (base, ours, theirs) = (tokens(base), tokens(ours), tokens(theirs));
    let share = TEXT_WORK.min(work.left) / 2;
    let (ours_kept, ours_steps) = kept_tokens(&base, &ours, share);
    let (theirs_kept, theirs_steps) = kept_tokens(&base, &theirs, share);
    work.left = work.left.saturating_sub(ours_steps + theirs_steps);
    diff3(&base, &ours, &theirs, &ours_kept, &theirs_kept)
}

/// A word, or the whitespace between two, with a hash of it: Myers
/// compares tokens millions of times, and two different ones then differ
/// at the first integer compared, without a call to compare strings.
#[derive(Clone, Copy, Debug)]
struct Token<'a> {
    hash: u64,
    text: &'a str,
}

impl PartialEq for Token<'_> {
    fn eq(&self, other: &Self) -> bool {
        // One byte's hash is that byte's alone (each FNV step is a
        // bijection), so the spaces Myers meets on every diagonal compare
        // without a call to compare strings.
        self.hash == other.hash
            && self.text.len() == other.text.len()
            && (self.text.len() == 1 || self.text == other.text)
    }
}

/// Words and the whitespace between them, each a token, so a merge keeps
/// every space and line break exactly and two edits a space apart merge.
fn tokens(text: &str) -> Vec<Token<'_>> {
    let bytes = text.as_bytes();
    // Whether the character at `at` is whitespace, and its length. ASCII
    // without decoding: nearly every byte of a brief.
    let class = |at: usize| match bytes[at] {
        byte if byte.is_ascii() => (byte.is_ascii_whitespace() || byte == 0x0b, 1),
        _ => text[at..].chars().next().map_or((false, 1), |c| (c.is_whitespace(), c.len_utf8())),
    };
    let mut tokens = Vec::with_capacity(bytes.len() / 3);
    let mut at = 0;
    while at < bytes.len() {
        let start = at;
        let (space, width) = class(at);
        at += width;
        while at < bytes.len() {
            let (next, width) = class(at);
            if next != space {
                break;
            }
            at += width;
        }
        tokens.push(token(&text[start..at]));
    }
    tokens
}

/// FNV-1a: equal tokens need equal hashes and different ones rarely share
/// one; a shared hash only costs a string compare.
fn token(text: &str) -> Token<'_> {
    let hash = text
        .bytes()
        .fold(0xcbf2_9ce4_8422_2325, |hash, byte| (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3));
    Token { hash, text }
}

fn concat(tokens: &[Token]) -> String {
    tokens.iter().map(|t| t.text).collect()
}

/// diff3 over each side's kept base tokens: runs all three share are kept;
/// between them, a run changed on one side takes that side, changed alike on
/// both takes it once, and changed differently is a conflict.
fn diff3(
    base: &[Token],
    ours: &[Token],
    theirs: &[Token],
    ours_kept: &[Option<usize>],
    theirs_kept: &[Option<usize>],
) -> Result<String, TextConflict> {
    let (mut b, mut o, mut t) = (0, 0, 0);
    let mut merged = String::new();
    let mut hunks = Vec::new();
    loop {
        while b < base.len() && ours_kept[b] == Some(o) && theirs_kept[b] == Some(t) {
            merged.push_str(base[b].text);
            (b, o, t) = (b + 1, o + 1, t + 1);
        }
        // The next base token both sides kept ends the unstable run.
        let end = (b..base.len()).find_map(|i| Some((i, ours_kept[i]?, theirs_kept[i]?))).unwrap_or((
            base.len(),
            ours.len(),
            theirs.len(),
        ));
        if end == (b, o, t) {
            break;
        }
        let (be, oe, te) = end;
        let (base_run, ours_run, theirs_run) = (&base[b..be], &ours[o..oe], &theirs[t..te]);
        if ours_run == base_run {
            merged.extend(theirs_run.iter().map(|t| t.text));
        } else if theirs_run == base_run || ours_run == theirs_run {
            merged.extend(ours_run.iter().map(|t| t.text));
        } else {
            hunks.push(ConflictHunk {
                base: concat(base_run),
                ours: concat(ours_run),
                theirs: concat(theirs_run),
            });
        }
        (b, o, t) = end;
    }
    if hunks.is_empty() {
        Ok(merged)
    } else {
        Err(TextConflict { hunks })
    }
}

/// For each `old` token, the `new` token it is kept as in a shortest edit
/// script, found in about `allowance` steps; past that, what lies between
/// the common start and end counts as replaced. Returns the steps spent.
///
/// Myers' greedy algorithm with its trace kept, rather than the
/// linear-space divide and conquer: that one walks the long unchanged runs
/// between sparse edits again at every level, which cost a 500-word text
/// with ten words changed 5,000 steps instead of 1,500. The trace is one
/// entry a diagonal tried, so the allowance bounds its memory too.
fn kept_tokens(old: &[Token], new: &[Token], allowance: u64) -> (Vec<Option<usize>>, u64) {
    let mut kept = vec![None; old.len()];
    let prefix = old.iter().zip(new).take_while(|(a, b)| a == b).count();
    let suffix =
        old[prefix..].iter().rev().zip(new[prefix..].iter().rev()).take_while(|(a, b)| a == b).count();
    for (i, kept) in kept.iter_mut().enumerate().take(prefix) {
        *kept = Some(i);
    }
    let (old_end, new_end) = (old.len() - suffix, new.len() - suffix);
    for (i, kept) in kept[old_end..].iter_mut().enumerate() {
        *kept = Some(new_end + i);
    }
    let (a, b) = (&old[prefix..old_end], &new[prefix..new_end]);
    let (pairs, steps) = myers(a, b, allowance);
    for (i, j) in pairs {
        kept[prefix + i] = Some(prefix + j);
    }
    (kept, steps)
}

/// The pairs of equal tokens on a shortest edit script from `a` to `b`;
/// none when the allowance runs out first.
fn myers(a: &[Token], b: &[Token], allowance: u64) -> (Vec<(usize, usize)>, u64) {
    let (n, m) = (a.len() as isize, b.len() as isize);
    if n == 0 || m == 0 {
        return (Vec::new(), 0);
    }
    // Each d tried costs d + 1 steps or more, so the allowance caps d, and
    // with it the size of `v`.
    let max_d = (n + m).min(allowance.saturating_mul(2).isqrt().min(1 << 20) as isize + 2);
    // v[k + zero]: the furthest x reached on diagonal k = x - y.
    let zero = max_d + 1;
    let mut v = vec![0isize; 2 * max_d as usize + 3];
    // After each d, the reach of diagonals -d, -d + 2, …, d.
    let mut trace: Vec<isize> = Vec::new();
    let mut steps = 0u64;
    let at = |k: isize| (k + zero) as usize;
    let mut end = None;
    'search: for d in 0..=max_d {
        if steps > allowance {
            return (Vec::new(), steps);
        }
        steps += d as u64 + 1;
        for k in (-d..=d).step_by(2) {
            let mut x = if k == -d || (k != d && v[at(k - 1)] < v[at(k + 1)]) {
                v[at(k + 1)]
            } else {
                v[at(k - 1)] + 1
            };
            let mut y = x - k;
            let x0 = x;
            while x < n && y < m && a[x as usize] == b[y as usize] {
                x += 1;
                y += 1;
            }
            steps += (x - x0) as u64;
            v[at(k)] = x;
            if x >= n && y >= m {
                trace.extend((-d..=d).step_by(2).map(|k| v[at(k)]));
                end = Some(d);
                break 'search;
            }
        }
        trace.extend((-d..=d).step_by(2).map(|k| v[at(k)]));
    }
    let Some(total) = end else { return (Vec::new(), steps) };
    // Row d of the trace starts at d(d + 1) / 2; diagonal k is at (k + d) / 2.
    let reach = |d: isize, k: isize| trace[(d * (d + 1) / 2 + (k + d) / 2) as usize];
    let mut pairs = Vec::new();
    let (mut x, mut y) = (n, m);
    for d in (1..=total).rev() {
        let k = x - y;
        let down = k == -d || (k != d && reach(d - 1, k - 1) < reach(d - 1, k + 1));
        let previous = if down { k + 1 } else { k - 1 };
        let px = reach(d - 1, previous);
        let py = px - previous;
        // The move itself, then the snake up to (x, y).
        let (sx, sy) = if down { (px, py + 1) } else { (px + 1, py) };
        while x > sx && y > sy {
            x -= 1;
            y -= 1;
            pairs.push((x as usize, y as usize));
        }
        (x, y) = (px, py);
    }
    while x > 0 && y > 0 {
        x -= 1;
        y -= 1;
        pairs.push((x as usize, y as usize));
    }
    pairs.reverse();
    // A merge must never take one word for another: should the walk back
    // ever go wrong, the range counts as replaced instead.
    let sound = pairs.iter().all(|&(i, j)| a[i] == b[j])
        && pairs.windows(2).all(|w| w[0].0 < w[1].0 && w[0].1 < w[1].1);
    if !sound {
        return (Vec::new(), steps);
    }
    (pairs, steps)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn brief() -> BriefContent {
        BriefContent {
            headline: "Lee meets Xi in Beijing".into(),
            summary: "South Korea's president met China's leader on Monday.".into(),
            key_developments: ["Talks on trade", "A K-pop ban eased", "Japan visit next"]
                .map(String::from)
                .to_vec(),
            report: vec![
                ReportSection { heading: "Security".into(), body: "North Korea tested missiles.".into() },
                ReportSection { heading: "Trade".into(), body: "Exports fell by a tenth.".into() },
            ],
            tags: ["asia", "trade"].map(String::from).to_vec(),
            ..Default::default()
        }
    }

    fn strings(items: &[&str]) -> Vec<String> {
        items.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn texts_merge_word_by_word_and_conflict_where_both_changed_the_same_words() {
        // (base, ours, theirs, Some(merged) or None for a conflict)
        let cases: &[(&str, &str, &str, Option<&str>)] = &[
            // One side changed: that side.
            ("a b c", "a b c", "a x c", Some("a x c")),
            ("a b c", "a x c", "a b c", Some("a x c")),
            ("a b c", "a x c", "a x c", Some("a x c")),
            // A word at the start by one side, at the end by the other.
            (
                "Lee meets Xi in Beijing today.",
                "Moon meets Xi in Beijing today.",
                "Lee meets Xi in Beijing tomorrow.",
                Some("Moon meets Xi in Beijing tomorrow."),
            ),
            // Neighbouring words, a space apart.
            ("Lee meets Xi", "Moon meets Xi", "Lee met Xi", Some("Moon met Xi")),
            // Insertions in different places, and one deletion.
            ("a b c d", "a X b c d", "a b c", Some("a X b c")),
            // The same word changed differently.
            ("on Monday.", "on Tuesday.", "on Wednesday.", None),
            // Different words inserted at the same place.
            ("Lee meets Xi", "Lee meets Xi Jinping", "Lee meets Xi today", None),
            // The same words inserted at the same place.
            ("Lee meets Xi", "Lee meets Xi today", "Lee meets Xi today", Some("Lee meets Xi today")),
            // A word edited on one side, deleted on the other.
            ("a b c", "a x c", "a c", None),
            // Paragraphs and line breaks are kept exactly.
            (
                "p one\n\np two",
                "p ONE\n\np two",
                "p one\n\np two\n\np three",
                Some("p ONE\n\np two\n\np three"),
            ),
            ("", "added", "", Some("added")),
            ("", "ours", "theirs", None),
        ];
        for &(base, ours, theirs, expected) in cases {
            let case = format!("{base:?} / {ours:?} / {theirs:?}");
            let merged = merge_text(base, ours, theirs);
            assert_eq!(merged.as_deref().ok(), expected, "{case}");
            // Which side is which never decides whether it conflicts, nor
            // what a clean merge says.
            assert_eq!(merge_text(base, theirs, ours).ok(), merged.clone().ok(), "{case} swapped");
        }
        let conflict =
            merge_text("Lee meets Xi on Monday", "Lee meets Xi on Tuesday", "Lee meets Xi on Friday");
        assert_eq!(
            conflict,
            Err(TextConflict {
                hunks: vec![ConflictHunk {
                    base: "Monday".into(),
                    ours: "Tuesday".into(),
                    theirs: "Friday".into()
                }]
            })
        );
    }

    #[test]
    fn the_same_sentence_edited_differently_conflicts_with_both_texts_kept() {
        let base = brief();
        let mut ours = base.clone();
        ours.summary = "South Korea's president met China's leader on Tuesday.".into();
        let mut theirs = base.clone();
        theirs.summary = "South Korea's president met China's premier on Monday evening.".into();
        theirs.headline = "Lee meets Xi in Beijing for trade talks".into();
        let merged = merge_briefs(&base, &ours, &theirs);
        assert_eq!(
            merged.conflicts,
            [PartConflict {
                part: BriefPart::Summary,
                base: base.summary.clone(),
                ours: ours.summary.clone(),
                theirs: theirs.summary.clone(),
            }]
        );
        assert_eq!(merged.content.summary, ours.summary, "our words stay in the brief");
        assert_eq!(merged.content.headline, theirs.headline, "the other part merges");
        assert_eq!(merged.from_theirs, [BriefPart::Headline]);
    }

    #[test]
    fn a_word_at_the_start_and_one_at_the_end_of_a_paragraph_merge_cleanly() {
        let base = BriefContent {
            context: "Relations froze in 2016 over a missile shield. They thawed slowly.".into(),
            ..brief()
        };
        let mut ours = base.clone();
        ours.context = "Ties froze in 2016 over a missile shield. They thawed slowly.".into();
        let mut theirs = base.clone();
        theirs.context = "Relations froze in 2016 over a missile shield. They thawed in 2023.".into();
        let merged = merge_briefs(&base, &ours, &theirs);
        assert_eq!(merged.conflicts, []);
        assert_eq!(merged.content.context, "Ties froze in 2016 over a missile shield. They thawed in 2023.");
        assert_eq!(merged.from_theirs, [BriefPart::Context]);
    }

    #[test]
    fn bullets_merge_as_a_keyed_list() {
        let base = ["Talks on trade", "A K-pop ban eased", "Japan visit next"];
        // (case, ours, theirs, merged, conflicting bullets)
        type Case<'a> = (&'a str, &'a [&'a str], &'a [&'a str], &'a [&'a str], &'a [u32]);
        let cases: &[Case] = &[
            (
                "edit versus delete keeps the edit",
                &["Talks on trade and chips", "A K-pop ban eased", "Japan visit next"],
                &["A K-pop ban eased", "Japan visit next"],
                &["Talks on trade and chips", "A K-pop ban eased", "Japan visit next"],
                &[],
            ),
            (
                "delete versus edit keeps the edit",
                &["A K-pop ban eased", "Japan visit next"],
                &["Talks on trade and chips", "A K-pop ban eased", "Japan visit next"],
                &["Talks on trade and chips", "A K-pop ban eased", "Japan visit next"],
                &[],
            ),
            (
                "two reporters adding different bullets keep both, ours first",
                &["Talks on trade", "Ours: a summit date", "A K-pop ban eased", "Japan visit next"],
                &["Talks on trade", "Theirs: tariffs cut", "A K-pop ban eased", "Japan visit next"],
                &[
                    "Talks on trade",
                    "Ours: a summit date",
                    "Theirs: tariffs cut",
                    "A K-pop ban eased",
                    "Japan visit next",
                ],
                &[],
            ),
            (
                "additions at the start and the end",
                &["New first", "Talks on trade", "A K-pop ban eased", "Japan visit next"],
                &["Talks on trade", "A K-pop ban eased", "Japan visit next", "New last"],
                &["New first", "Talks on trade", "A K-pop ban eased", "Japan visit next", "New last"],
                &[],
            ),
            (
                "the same bullet added on both sides is kept once",
                &["Talks on trade", "Same addition", "A K-pop ban eased", "Japan visit next"],
                &["Talks on trade", "Same addition", "A K-pop ban eased", "Japan visit next", "More"],
                &["Talks on trade", "Same addition", "A K-pop ban eased", "Japan visit next", "More"],
                &[],
            ),
            (
                "deleted on both sides is gone",
                &["Talks on trade", "Japan visit next"],
                &["Talks on trade", "Japan visit next", "Added"],
                &["Talks on trade", "Japan visit next", "Added"],
                &[],
            ),
            (
                "a reorder on their side only is taken, with our edit",
                &["Talks on trade", "A K-pop ban eased", "Japan visit next week"],
                &["Japan visit next", "Talks on trade", "A K-pop ban eased"],
                &["Japan visit next week", "Talks on trade", "A K-pop ban eased"],
                &[],
            ),
            (
                "a reorder on our side only is kept; their addition follows what precedes it there",
                &["Japan visit next", "Talks on trade", "A K-pop ban eased"],
                &["Talks on trade", "A K-pop ban eased", "Japan visit next", "Added"],
                &["Japan visit next", "Added", "Talks on trade", "A K-pop ban eased"],
                &[],
            ),
            (
                "the same bullet edited differently conflicts",
                &["Talks on trade and chips", "A K-pop ban eased", "Japan visit next"],
                &["Talks on trade and steel", "A K-pop ban eased", "Japan visit next"],
                &["Talks on trade and chips", "A K-pop ban eased", "Japan visit next"],
                &[0],
            ),
        ];
        for &(case, ours, theirs, expected, conflicts) in cases {
            let side = |bullets: &[&str]| BriefContent { key_developments: strings(bullets), ..brief() };
            let merged = merge_briefs(&side(&base), &side(ours), &side(theirs));
            assert_eq!(merged.content.key_developments, strings(expected), "{case}");
            let conflicting: Vec<BriefPart> = conflicts.iter().map(|&i| BriefPart::Bullet(i)).collect();
            assert_eq!(merged.conflicts.iter().map(|c| c.part).collect::<Vec<_>>(), conflicting, "{case}");
        }
    }

    #[test]
    fn from_theirs_names_the_bullets_taken_from_them() {
        let base = brief();
        let mut ours = base.clone();
        ours.key_developments[0] = "Talks on trade and chips".into();
        let mut theirs = base.clone();
        theirs.key_developments[1] = "A K-pop ban lifted".into();
        theirs.key_developments.push("Tariffs cut".into());
        let merged = merge_briefs(&base, &ours, &theirs);
        assert_eq!(merged.from_theirs, [BriefPart::Bullet(1), BriefPart::Bullet(3)]);
        // Their deletion alone names the list.
        let mut theirs = base.clone();
        theirs.key_developments.remove(2);
        let merged = merge_briefs(&base, &ours, &theirs);
        assert_eq!(merged.content.key_developments, ["Talks on trade and chips", "A K-pop ban eased"]);
        assert_eq!(merged.from_theirs, [BriefPart::KeyDevelopments]);
    }

    #[test]
    fn sections_merge_by_heading() {
        let s = |heading: &str, body: &str| ReportSection { heading: heading.into(), body: body.into() };
        let base = brief();
        let side = |report: Vec<ReportSection>| BriefContent { report, ..brief() };

        // A rename on one side, a body edit on the other.
        let ours = side(vec![s("Security Concerns", "North Korea tested missiles."), base.report[1].clone()]);
        let theirs = side(vec![s("Security", "North Korea tested two missiles."), base.report[1].clone()]);
        let merged = merge_briefs(&base, &ours, &theirs);
        assert_eq!(merged.content.report[0], s("Security Concerns", "North Korea tested two missiles."));
        assert_eq!((merged.conflicts.len(), &merged.from_theirs[..]), (0, &[BriefPart::Section(0)][..]));

        // Two different renames conflict; the bodies still merge.
        let ours = side(vec![s("Security Concerns", "North Korea tested missiles."), base.report[1].clone()]);
        let theirs =
            side(vec![s("Defence", "North Korea tested missiles."), s("Trade", "Exports fell by a fifth.")]);
        let merged = merge_briefs(&base, &ours, &theirs);
        assert_eq!(
            merged.conflicts.iter().map(|c| c.part).collect::<Vec<_>>(),
            [BriefPart::SectionHeading(0)]
        );
        assert_eq!(
            merged.content.report,
            [s("Security Concerns", "North Korea tested missiles."), s("Trade", "Exports fell by a fifth.")]
        );

        // Edit versus delete keeps the edit; their new section goes after the
        // one that precedes it on their side.
        let ours = side(vec![s("Security", "North Korea tested missiles again.")]);
        let theirs = side(vec![
            base.report[0].clone(),
            s("Diplomacy", "Envoys met."),
            s("Trade", "Exports fell by a fifth."),
        ]);
        let merged = merge_briefs(&base, &ours, &theirs);
        assert_eq!(
            merged.content.report,
            [
                s("Security", "North Korea tested missiles again."),
                s("Diplomacy", "Envoys met."),
                s("Trade", "Exports fell by a fifth.")
            ]
        );
        assert_eq!(merged.from_theirs, [BriefPart::Section(1), BriefPart::Section(2)]);

        // The same body edited differently conflicts at that section.
        let ours = side(vec![s("Security", "North Korea tested rockets."), base.report[1].clone()]);
        let theirs = side(vec![s("Security", "North Korea tested drones."), base.report[1].clone()]);
        let merged = merge_briefs(&base, &ours, &theirs);
        assert_eq!(merged.conflicts.iter().map(|c| c.part).collect::<Vec<_>>(), [BriefPart::Section(0)]);
        assert_eq!(merged.conflicts[0].theirs, "North Korea tested drones.");
    }

    #[test]
    fn tags_merge_as_a_set_in_our_order() {
        // (ours, theirs, merged)
        type Case<'a> = (&'a [&'a str], &'a [&'a str], &'a [&'a str]);
        let cases: &[Case] = &[
            (&["asia", "trade", "china"], &["asia", "trade", "japan"], &["asia", "trade", "china", "japan"]),
            (&["trade", "asia"], &["asia"], &["asia"]),
            (&["asia", "china"], &["asia", "trade", "china"], &["asia", "china"]),
            (
                &["china", "asia", "trade"],
                &["security", "asia", "trade"],
                &["china", "asia", "trade", "security"],
            ),
            (&[], &["asia", "trade", "x"], &["x"]),
        ];
        for &(ours, theirs, expected) in cases {
            let merged = merge_tags(&strings(&["asia", "trade"]), &strings(ours), &strings(theirs));
            assert_eq!(merged, strings(expected), "{ours:?} / {theirs:?}");
        }
    }

    #[test]
    fn bylines_treat_none_as_empty_and_keep_an_unchanged_side_exact() {
        let side = |byline: Option<&str>| BriefContent { byline: byline.map(String::from), ..brief() };
        let merged = merge_briefs(&side(None), &side(Some("")), &side(None));
        assert_eq!(merged.content.byline.as_deref(), Some(""));
        let merged = merge_briefs(&side(Some("Ana Núñez")), &side(Some("Ana Núñez, Seoul")), &side(None));
        assert_eq!(merged.content.byline.as_deref(), Some("Ana Núñez, Seoul"), "edit versus delete");
        let merged = merge_briefs(
            &side(Some("Ana, Seoul")),
            &side(Some("Ana Núñez, Seoul")),
            &side(Some("Ana, Beijing")),
        );
        assert_eq!(merged.content.byline.as_deref(), Some("Ana Núñez, Beijing"));
        assert_eq!(merged.from_theirs, [BriefPart::Byline]);
    }

    /// Distinct words, so no two generated texts share one by chance.
    fn prose(seed: usize, words: usize) -> String {
        (0..words).map(|i| format!("w{seed}x{i}")).collect::<Vec<_>>().join(" ")
    }

    /// Every `every`th word of `text` from the `offset`th changed, by a
    /// side named `side`.
    fn edited(text: &str, every: usize, offset: usize, side: &str) -> String {
        let words: Vec<String> = text
            .split(' ')
            .enumerate()
            .map(|(i, w)| if i % every == offset { format!("{w}{side}") } else { w.to_owned() })
            .collect();
        words.join(" ")
    }

    fn long_brief(bullets: usize, sections: usize, words: usize) -> BriefContent {
        BriefContent {
            key_developments: (0..bullets).map(|i| prose(i, words)).collect(),
            report: (0..sections)
                .map(|i| ReportSection { heading: format!("Part {i}"), body: prose(10_000 + i, words) })
                .collect(),
            context: prose(99_999, words),
            ..Default::default()
        }
    }

    fn edit_all(brief: &BriefContent, every: usize, offset: usize, side: &str) -> BriefContent {
        let edit = |text: &str| edited(text, every, offset, side);
        BriefContent {
            key_developments: brief.key_developments.iter().map(|b| edit(b)).collect(),
            report: brief
                .report
                .iter()
                .map(|s| ReportSection { heading: s.heading.clone(), body: edit(&s.body) })
                .collect(),
            context: edit(&brief.context),
            ..brief.clone()
        }
    }

    #[test]
    fn work_is_bounded_and_past_the_budget_parts_conflict_rather_than_merge_slowly() {
        // 200 bullets and 60 sections of 500 words, every one edited on
        // both sides: every 5th word by us, every 5th word one further on
        // by them, so each text needs a real diff to merge.
        let base = long_brief(200, 60, 500);
        let ours = edit_all(&base, 5, 0, "o");
        let theirs = edit_all(&base, 5, 1, "t");
        let merged = merge_briefs(&base, &ours, &theirs);
        assert_eq!(merged.content.key_developments.len(), 200);
        assert_eq!(merged.content.report.len(), 60);
        // Some texts merged within the budget, and the rest conflicted whole,
        // keeping our words.
        assert!(merged.conflicts.len() < 261, "{}", merged.conflicts.len());
        assert!(!merged.conflicts.is_empty());
        for conflict in &merged.conflicts {
            let text = match conflict.part {
                BriefPart::Bullet(i) => &merged.content.key_developments[i as usize],
                BriefPart::Section(i) => &merged.content.report[i as usize].body,
                BriefPart::Context => &merged.content.context,
                part => panic!("{part:?}"),
            };
            assert_eq!(text, &conflict.ours);
        }
        // Rewritten on both sides, with nothing in common: all conflicts.
        let ours = long_brief(0, 60, 500);
        let theirs = BriefContent {
            report: (0..60)
                .map(|i| ReportSection { heading: format!("Part {i}"), body: prose(20_000 + i, 500) })
                .collect(),
            ..Default::default()
        };
        let base = BriefContent {
            report: (0..60)
                .map(|i| ReportSection { heading: format!("Part {i}"), body: prose(30_000 + i, 500) })
                .collect(),
            ..Default::default()
        };
        let merged = merge_briefs(&base, &ours, &theirs);
        assert_eq!(merged.conflicts.len(), 60);
    }

    #[test]
    fn a_spent_budget_makes_a_text_changed_on_both_sides_a_conflict_unread() {
        let spent = &mut Work { left: SPENT - 1 };
        assert_eq!(merge_text_within("a b", "x b", "a y", spent), Err(TextConflict { hunks: vec![] }));
        // A side that changed nothing still costs nothing.
        assert_eq!(merge_text_within("a b", "x b", "a b", spent).as_deref(), Ok("x b"));
        assert_eq!(merge_text_within("a b", "x b", "a y", &mut Work::new()).as_deref(), Ok("x y"));
    }

    #[test]
    fn a_coarse_diff_still_merges_edits_at_the_start_and_the_end() {
        // No allowance at all: only the common start and end are kept.
        let base = tokens("a b c d e");
        let (kept, _) = kept_tokens(&base, &tokens("a X c d e"), 0);
        let (kept_t, _) = kept_tokens(&base, &tokens("a b c d Y"), 0);
        assert_eq!(
            diff3(&base, &tokens("a X c d e"), &tokens("a b c d Y"), &kept, &kept_t).as_deref(),
            Ok("a X c d Y")
        );
    }

    #[test]
    fn myers_finds_a_shortest_script() {
        let cases = [
            ("a b c a b b a", "c b a b a c"),
            ("x", "y"),
            ("a b c", ""),
            ("", "a"),
            ("one two three four", "zero one two four five"),
        ];
        for (old, new) in cases {
            let (old, new) = (tokens(old), tokens(new));
            let (kept, _) = kept_tokens(&old, &new, u64::MAX / 4);
            let pairs: Vec<(usize, usize)> =
                kept.iter().enumerate().filter_map(|(i, j)| Some((i, (*j)?))).collect();
            assert!(pairs.windows(2).all(|w| w[0].0 < w[1].0 && w[0].1 < w[1].1), "{old:?} {new:?}");
            assert!(pairs.iter().all(|&(i, j)| old[i] == new[j]));
            assert_eq!(pairs.len(), lcs(&old, &new), "{old:?} {new:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn myers_finds_a_longest_common_subsequence(
            old in proptest::collection::vec(0u8..3, 0..40),
            new in proptest::collection::vec(0u8..3, 0..40),
        ) {
            let text = |t: &[u8]| t.iter().map(|c| ["a", "b", " "][*c as usize]).collect::<String>();
            let (old, new) = (text(&old), text(&new));
            let (old, new) = (tokens(&old), tokens(&new));
            let (kept, _) = kept_tokens(&old, &new, u64::MAX);
            let pairs: Vec<(usize, usize)> =
                kept.iter().enumerate().filter_map(|(i, j)| Some((i, (*j)?))).collect();
            proptest::prop_assert!(pairs.windows(2).all(|w| w[0].0 < w[1].0 && w[0].1 < w[1].1));
            proptest::prop_assert!(pairs.iter().all(|&(i, j)| old[i] == new[j]));
            proptest::prop_assert_eq!(pairs.len(), lcs(&old, &new));
        }
    }

    fn lcs(a: &[Token], b: &[Token]) -> usize {
        let mut row = vec![0; b.len() + 1];
        for x in a {
            let mut previous = 0;
            for (j, y) in b.iter().enumerate() {
                let here = row[j + 1];
                row[j + 1] = if x == y { previous + 1 } else { row[j + 1].max(row[j]) };
                previous = here;
            }
        }
        row[b.len()]
    }
}
