//! The library benchmark: 50,000 generated briefs (a few hundred words
//! each, Zipf-distributed vocabulary), searched by Briefdesk and, written
//! out as Markdown files, by ripgrep in the same run.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use briefdesk_core::{to_markdown_parts, BriefContent, FrontMatter, ReportSection, Status};
use briefdesk_store::{LibraryFilter, Store};

use crate::Report;

const BRIEFS: usize = 50_000;
const SYLLABLES: [&str; 24] = [
    "ka", "lo", "mi", "sen", "tor", "va", "ri", "dun", "pel", "ash", "or", "quin", "bel", "zu", "ne", "tam",
    "gor", "li", "fa", "mer", "sho", "ut", "ben", "cra",
];

/// A small deterministic generator (xorshift), so every run sees the same library.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

fn vocabulary() -> Vec<String> {
    let mut words = Vec::new();
    for a in SYLLABLES {
        for b in SYLLABLES {
            for c in ["", "n", "s", "ra", "te"] {
                words.push(format!("{a}{b}{c}"));
            }
        }
    }
    words
}

/// Word `i` of the vocabulary with Zipf-like frequency: low indices common.
fn zipf(rng: &mut Rng, n: usize) -> usize {
    let u = (rng.next() % 1_000_000) as f64 / 1_000_000.0;
    (((n as f64).powf(u)) as usize).saturating_sub(1).min(n - 1)
}

fn sentence(rng: &mut Rng, vocab: &[String], words: usize) -> String {
    let s: Vec<&str> = (0..words).map(|_| vocab[zipf(rng, vocab.len())].as_str()).collect();
    let mut text = s.join(" ");
    text.push('.');
    text
}

fn brief(rng: &mut Rng, vocab: &[String]) -> BriefContent {
    let sections = 2 + rng.below(3);
    let headline_words = 8 + rng.below(6);
    BriefContent {
        headline: sentence(rng, vocab, headline_words).trim_end_matches('.').to_string(),
        summary: sentence(rng, vocab, 35),
        why_it_matters: sentence(rng, vocab, 45),
        key_developments: (0..4).map(|_| sentence(rng, vocab, 14)).collect(),
        report: (0..sections)
            .map(|_| ReportSection {
                heading: sentence(rng, vocab, 3).trim_end_matches('.').into(),
                body: sentence(rng, vocab, 70),
            })
            .collect(),
        context: sentence(rng, vocab, 50),
        byline: None,
        tags: vec![vocab[rng.below(40)].clone()],
    }
}

fn percentile(times: &mut [Duration], p: usize) -> Duration {
    times.sort();
    times.get((times.len().saturating_sub(1) * p) / 100).copied().unwrap_or_default()
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1e3)
}

pub fn run(dir: &Path, report: &mut Report) -> Result<(), String> {
    let vocab = vocabulary();
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let db = dir.join("library.sqlite3");
    let files = dir.join("library-md");
    std::fs::create_dir_all(&files).map_err(|e| e.to_string())?;
    let mut store = Store::open(&db).map_err(|e| e.to_string())?;
    let started = Instant::now();
    let mut all_words = 0usize;
    for chunk in 0..BRIEFS / 1_000 {
        let batch: Vec<(BriefContent, Status)> =
            (0..1_000).map(|_| (brief(&mut rng, &vocab), Status::Draft)).collect();
        for (i, (content, _)) in batch.iter().enumerate() {
            all_words += briefdesk_core::brief_words(content);
            let path = files.join(format!("{:05}.md", chunk * 1_000 + i));
            std::fs::write(&path, to_markdown_parts(content, &FrontMatter::default()))
                .map_err(|e| e.to_string())?;
        }
        store.import(&batch).map_err(|e| e.to_string())?;
    }
    let load = started.elapsed();

    // A mix: common, mid-frequency and rare words, two-word queries, and
    // prefixes as typed.
    let queries: Vec<String> = {
        let mut q = Vec::new();
        for i in [3usize, 40, 400, 2_000, 2_800] {
            q.push(vocab[i].clone());
        }
        q.push(format!("{} {}", vocab[10], vocab[500]));
        q.push(format!("{} {}", vocab[100], vocab[1_500]));
        // As typed: the first letter, a few letters, and a long word's
        // first seven (longer than the prefix index; spelled out).
        q.push(vocab[7][..1].to_string());
        for i in [7usize, 900] {
            q.push(vocab[i][..4.min(vocab[i].len())].to_string());
        }
        if let Some(long) = vocab.iter().find(|w| w.len() >= 8 && w.starts_with("ka")) {
            q.push(long[..7].to_string());
        }
        q
    };
    let mut ours = Vec::new();
    for _round in 0..5 {
        for q in &queries {
            let start = Instant::now();
            let hits = store.search(q, &LibraryFilter::default(), 50).map_err(|e| e.to_string())?;
            ours.push(start.elapsed());
            std::hint::black_box(hits.len());
        }
    }
    // ripgrep: files containing the word, case-insensitive, whole process.
    let mut theirs = Vec::new();
    let single: Vec<&String> = queries.iter().filter(|q| !q.contains(' ')).collect();
    for q in &single {
        let start = Instant::now();
        let status = Command::new("rg")
            .args(["-l", "-i", "-F", "--", q.as_str()])
            .arg(&files)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .map_err(|e| format!("ripgrep: {e}"))?;
        if status.code().is_some_and(|c| c > 1) {
            return Err(format!("ripgrep failed on {q}"));
        }
        theirs.push(start.elapsed());
    }
    let mut first_page = Vec::new();
    for _ in 0..20 {
        let start = Instant::now();
        let page = store
            .library(&LibraryFilter { limit: Some(50), ..Default::default() })
            .map_err(|e| e.to_string())?;
        first_page.push(start.elapsed());
        std::hint::black_box(page.len());
    }
    drop(store);

    // The index's share: the database with and without the search table.
    let index_size = index_share(&db, &dir.join("library-without-index.sqlite3"))?;

    let (our_p50, our_p95) = (percentile(&mut ours, 50), percentile(&mut ours, 95));
    let (rg_p50, rg_p95) = (percentile(&mut theirs, 50), percentile(&mut theirs, 95));
    report.section(
        "Library",
        &format!(
            "{BRIEFS} generated briefs ({:.0} words each on average; loaded in {:.0} s)",
            all_words as f64 / BRIEFS as f64,
            load.as_secs_f64()
        ),
    );
    report.row(
        &format!(
            "search, {} queries × 5 (words, pairs, prefixes as typed; top 50 with snippets)",
            queries.len()
        ),
        format!("p50 {} · p95 {}", ms(our_p50), ms(our_p95)),
        "p95 ≤ 10 ms",
        format!(
            "ripgrep -l -i over the same briefs as Markdown files: p50 {} · p95 {}",
            ms(rg_p50),
            ms(rg_p95)
        ),
        format!("{:.0}× faster at p50", rg_p50.as_secs_f64() / our_p50.as_secs_f64().max(1e-9)),
    );
    report.row(
        "library, first page of 50",
        format!("p50 {} · max {}", ms(percentile(&mut first_page, 50)), ms(percentile(&mut first_page, 100))),
        "≤ 20 ms",
        String::new(),
        String::new(),
    );
    report.row("search index size", index_size, "(reported)", String::new(), String::new());
    Ok(())
}

/// "N MB of a M MB database (x%)": the search table's share, measured by
/// dropping it from a copy and compacting.
fn index_share(db: &Path, scratch: &Path) -> Result<String, String> {
    let total = std::fs::metadata(db).map_err(|e| e.to_string())?.len();
    std::fs::copy(db, scratch).map_err(|e| e.to_string())?;
    let conn = rusqlite::Connection::open(scratch).map_err(|e| e.to_string())?;
    conn.execute_batch("PRAGMA journal_mode = DELETE; DROP TABLE brief_search; VACUUM;")
        .map_err(|e| e.to_string())?;
    drop(conn);
    let without = std::fs::metadata(scratch).map_err(|e| e.to_string())?.len();
    let index = total.saturating_sub(without);
    Ok(format!(
        "{:.1} MB of a {:.1} MB database ({:.0}%)",
        index as f64 / 1e6,
        total as f64 / 1e6,
        index as f64 * 100.0 / total as f64
    ))
}
