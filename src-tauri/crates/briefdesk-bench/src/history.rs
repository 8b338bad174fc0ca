//! The history benchmark: a recorded editing trace, stored by Briefdesk
//! and, for comparison, as one git commit per version.
//!
//! Trace: the sample brief typed word by word, a draft save after every
//! word (1.5 s of simulated typing each), versions recorded by the default
//! policy; then 1,000 small edits, five minutes apart, each recording a
//! version.

use std::path::Path;
use std::process::Command;
use std::sync::atomic::{AtomicI64, Ordering};
use std::time::{Duration, Instant};

use briefdesk_core::{to_markdown_parts, BriefContent, FrontMatter, ReportSection};
use briefdesk_store::Store;

use crate::Report;
use time::OffsetDateTime;

static NOW_MS: AtomicI64 = AtomicI64::new(1_790_000_000_000);

fn clock() -> OffsetDateTime {
    let ms = NOW_MS.load(Ordering::Relaxed);
    OffsetDateTime::from_unix_timestamp_nanos(i128::from(ms) * 1_000_000)
        .unwrap_or(OffsetDateTime::UNIX_EPOCH)
}

fn advance(ms: i64) {
    NOW_MS.fetch_add(ms, Ordering::Relaxed);
}

const SAMPLE: &str = include_str!("../../briefdesk-core/testdata/korea-china-visit.txt");

pub fn run(dir: &Path, report: &mut Report) -> Result<(), String> {
    let target = briefdesk_core::parse_text(SAMPLE);
    let db = dir.join("history.sqlite3");
    let mut store = Store::open(&db).map_err(|e| e.to_string())?.with_clock(clock);
    let id = store.create().map_err(|e| e.to_string())?.id;
    let mut revision = 1;
    let mut save_times = Vec::new();
    let mut save = |store: &mut Store, content: &BriefContent| -> Result<(), String> {
        let start = Instant::now();
        revision = store.save_draft(id, revision, content).map_err(|e| e.to_string())?.revision;
        save_times.push(start.elapsed());
        Ok(())
    };

    // Phase 1: typed word by word.
    let mut typed = BriefContent::default();
    for step in typing_steps(&target) {
        advance(1_500);
        typed = step;
        save(&mut store, &typed)?;
    }
    let typed_versions = store.history(id).map_err(|e| e.to_string())?.len();

    // Phase 2: 1,000 small edits, five minutes apart.
    let mut edited = typed.clone();
    for i in 0..1_000 {
        advance(5 * 60 * 1_000);
        small_edit(&mut edited, i);
        save(&mut store, &edited)?;
    }
    let history = store.history(id).map_err(|e| e.to_string())?;
    let history_bytes = store.history_bytes().map_err(|e| e.to_string())?;
    drop(store);
    let db_bytes = std::fs::metadata(&db).map(|m| m.len()).unwrap_or(0);

    // Reading any version, from a freshly opened store (no cache).
    let reader = Store::open(&db).map_err(|e| e.to_string())?;
    let mut read_times = Vec::new();
    let mut contents = Vec::with_capacity(history.len());
    for v in &history {
        let start = Instant::now();
        let version = reader.version(id, v.version).map_err(|e| e.to_string())?;
        read_times.push(start.elapsed());
        contents.push(version.content);
    }

    // The same versions as git commits of a Markdown file.
    let (commit_times, git_bytes) = git_history(&dir.join("git"), &contents)?;

    save_times.sort();
    read_times.sort();
    let commit_p50 = percentile(&commit_times, 50);
    let save_p50 = percentile(&save_times, 50);
    let save_p99 = percentile(&save_times, 99);
    report.section(
        "History",
        &format!(
            "the sample typed word by word ({} draft saves, {} versions by the default policy), then 1,000 small edits ({} versions in all)",
            save_times.len() - 1_000,
            typed_versions,
            history.len()
        ),
    );
    report.row(
        "history size",
        format!("{history_bytes} bytes of version data ({db_bytes} bytes for the whole database file)"),
        "≤ git's packed repository",
        format!("`git gc --aggressive` pack: {git_bytes} bytes"),
        format!("{:.2}× git", history_bytes as f64 / git_bytes.max(1) as f64),
    );
    report.row(
        "draft save incl. version decision",
        format!("p50 {} · p99 {}", ms(save_p50), ms(save_p99)),
        "p99 ≤ 2 ms (synchronous=FULL); ≥ 10× faster than a git commit",
        format!("git commit p50 {}", ms(commit_p50)),
        format!("{:.0}× faster", commit_p50.as_secs_f64() / save_p50.as_secs_f64().max(1e-9)),
    );
    report.row(
        "read any version (fresh store)",
        format!(
            "p50 {} · p95 {} · max {}",
            ms(percentile(&read_times, 50)),
            ms(percentile(&read_times, 95)),
            ms(read_times.last().copied().unwrap_or_default())
        ),
        "p95 ≤ 5 ms",
        String::new(),
        String::new(),
    );
    Ok(())
}

/// The worst cases for the diff inside saves and Compare: a brief rewritten
/// whole, 200 bullets and 60 sections of 500 words, against `git diff
/// --word-diff` of the same two versions as Markdown files.
pub fn worst_cases(dir: &Path, report: &mut Report) -> Result<(), String> {
    let words = |seed: usize, n: usize| -> String {
        (0..n).map(|i| format!("w{}", (seed * 7919 + i * 104_729) % 1_000_003)).collect::<Vec<_>>().join(" ")
    };
    let bullets = |seed: usize| BriefContent {
        headline: format!("Bullets {seed}"),
        key_developments: (0..200).map(|i| words(seed * 1_000 + i, 25)).collect(),
        ..Default::default()
    };
    let sections = |seed: usize| BriefContent {
        headline: format!("Sections {seed}"),
        report: (0..60)
            .map(|i| briefdesk_core::ReportSection {
                heading: format!("Part {i}"),
                body: words(seed * 1_000 + i, 500),
            })
            .collect(),
        ..Default::default()
    };
    report.section(
        "Worst cases",
        "a brief rewritten whole at every save (every save records a version): 200 bullets of 25 words, 60 sections of 500 words",
    );
    for (name, make) in
        [("200 bullets", &bullets as &dyn Fn(usize) -> BriefContent), ("60 sections", &sections)]
    {
        let db = dir.join(format!("worst-{}.sqlite3", name.replace(' ', "-")));
        let mut store = Store::open(&db).map_err(|e| e.to_string())?.with_clock(clock);
        let id = store.create().map_err(|e| e.to_string())?.id;
        let mut revision = 1;
        let mut save_times = Vec::new();
        for round in 0..40 {
            let content = make(round);
            let start = Instant::now();
            revision = store.save_draft(id, revision, &content).map_err(|e| e.to_string())?.revision;
            save_times.push(start.elapsed());
        }
        let history = store.history(id).map_err(|e| e.to_string())?;
        let mut compare_times = Vec::new();
        for pair in history.windows(2).take(20) {
            let start = Instant::now();
            store.compare(id, Some(pair[0].version), Some(pair[1].version)).map_err(|e| e.to_string())?;
            compare_times.push(start.elapsed());
        }
        // The peer: git's word diff of the same two versions as files.
        let (old, new) = (dir.join("worst-old.md"), dir.join("worst-new.md"));
        let mut git_times = Vec::new();
        for round in 0..5 {
            std::fs::write(&old, briefdesk_core::to_markdown_parts(&make(round), &Default::default()))
                .map_err(|e| e.to_string())?;
            std::fs::write(&new, briefdesk_core::to_markdown_parts(&make(round + 1), &Default::default()))
                .map_err(|e| e.to_string())?;
            let start = Instant::now();
            let status = std::process::Command::new("git")
                .args(["diff", "--no-index", "--word-diff", "--no-color"])
                .arg(&old)
                .arg(&new)
                .stdout(std::process::Stdio::null())
                .status()
                .map_err(|e| format!("git diff: {e}"))?;
            git_times.push(start.elapsed());
            if status.code() != Some(1) {
                return Err(format!("git diff --no-index answered {status}, not 1 (differences)"));
            }
        }
        save_times.sort();
        compare_times.sort();
        git_times.sort();
        let git_p50 = percentile(&git_times, 50);
        report.row(
            &format!("rewrite of {name}: save"),
            format!(
                "p50 {} · p99 {} ({} versions)",
                ms(percentile(&save_times, 50)),
                ms(percentile(&save_times, 99)),
                history.len()
            ),
            "p99 ≤ 50 ms",
            format!("git diff --word-diff p50 {}", ms(git_p50)),
            format!(
                "{:.1}× git's time",
                percentile(&save_times, 99).as_secs_f64() / git_p50.as_secs_f64().max(1e-9)
            ),
        );
        report.row(
            &format!("rewrite of {name}: compare"),
            format!(
                "p50 {} · max {}",
                ms(percentile(&compare_times, 50)),
                ms(compare_times.last().copied().unwrap_or_default())
            ),
            "≤ 100 ms",
            format!("git diff --word-diff p50 {}", ms(git_p50)),
            format!(
                "{:.1}× git's time",
                compare_times.last().copied().unwrap_or_default().as_secs_f64()
                    / git_p50.as_secs_f64().max(1e-9)
            ),
        );
    }
    Ok(())
}

pub(crate) fn ms(d: Duration) -> String {
    format!("{:.3} ms", d.as_secs_f64() * 1e3)
}

pub(crate) fn percentile(sorted: &[Duration], p: usize) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let mut v = sorted.to_vec();
    v.sort();
    v[((v.len() - 1) * p) / 100]
}

/// The brief after each word typed, in reading order.
fn typing_steps(target: &BriefContent) -> Vec<BriefContent> {
    fn type_into(text: &str, steps: &mut Vec<BriefContent>, set: impl Fn(&mut BriefContent, String)) {
        let mut typed = String::new();
        for word in text.split(' ') {
            if !typed.is_empty() {
                typed.push(' ');
            }
            typed.push_str(word);
            let mut next = steps.last().cloned().unwrap_or_default();
            set(&mut next, typed.clone());
            steps.push(next);
        }
    }
    let mut steps: Vec<BriefContent> = Vec::new();
    type_into(&target.headline, &mut steps, |c, t| c.headline = t);
    type_into(&target.summary, &mut steps, |c, t| c.summary = t);
    type_into(&target.why_it_matters, &mut steps, |c, t| c.why_it_matters = t);
    for (i, bullet) in target.key_developments.iter().enumerate() {
        type_into(bullet, &mut steps, |c, t| match c.key_developments.get_mut(i) {
            Some(b) => *b = t,
            None => c.key_developments.push(t),
        });
    }
    for (i, section) in target.report.iter().enumerate() {
        let heading = section.heading.clone();
        type_into(&section.body, &mut steps, |c, t| match c.report.get_mut(i) {
            Some(s) => s.body = t,
            None => c.report.push(ReportSection { heading: heading.clone(), body: t }),
        });
    }
    type_into(&target.context, &mut steps, |c, t| c.context = t);
    steps
}

/// A small, realistic edit: a word changed somewhere in the brief.
fn small_edit(content: &mut BriefContent, i: usize) {
    const WORDS: [&str; 5] = ["significant", "important", "notable", "major", "key"];
    let sections = content.report.len().max(1);
    let text = match (i % 4, content.report.get_mut((i / 4) % sections)) {
        (0, _) => &mut content.summary,
        (1, _) => &mut content.why_it_matters,
        (2, Some(section)) => &mut section.body,
        _ => &mut content.context,
    };
    let mut words: Vec<String> = text.split(' ').map(String::from).collect();
    let at = (i * 7) % words.len();
    // Always a real change: never the word already there.
    let replacement =
        (0..WORDS.len()).map(|k| WORDS[(i + k) % WORDS.len()]).find(|w| *w != words[at]).unwrap_or("new");
    words[at] = replacement.to_string();
    *text = words.join(" ");
}

fn git(repo: &Path, args: &[&str]) -> Result<(), String> {
    let status = Command::new("git")
        .arg("-C")
        .arg(repo)
        .args(["-c", "user.name=Bench", "-c", "user.email=bench@example.com", "-c", "commit.gpgsign=false"])
        .args(args)
        .output()
        .map_err(|e| format!("git: {e}"))?;
    if status.status.success() {
        Ok(())
    } else {
        Err(format!("git {args:?}: {}", String::from_utf8_lossy(&status.stderr)))
    }
}

/// Commits each version's Markdown, timing each commit; then packs the
/// repository as tightly as git can and measures it.
fn git_history(repo: &Path, versions: &[BriefContent]) -> Result<(Vec<Duration>, u64), String> {
    std::fs::create_dir_all(repo).map_err(|e| e.to_string())?;
    git(repo, &["init", "-q"])?;
    let file = repo.join("brief.md");
    let mut times = Vec::with_capacity(versions.len());
    for (i, content) in versions.iter().enumerate() {
        std::fs::write(&file, to_markdown_parts(content, &FrontMatter::default()))
            .map_err(|e| e.to_string())?;
        let start = Instant::now();
        git(repo, &["add", "brief.md"])?;
        git(repo, &["commit", "-q", "-m", &format!("version {}", i + 1)])?;
        times.push(start.elapsed());
    }
    git(repo, &["gc", "--aggressive", "--prune=now", "-q"])?;
    let pack = repo.join(".git/objects/pack");
    let bytes = std::fs::read_dir(&pack)
        .map_err(|e| format!("{}: {e}", pack.display()))?
        .filter_map(|e| e.ok().and_then(|e| e.metadata().ok()))
        .map(|m| m.len())
        .sum();
    times.sort();
    Ok((times, bytes))
}
