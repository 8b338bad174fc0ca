//! `briefdesk-bench`: measures Briefdesk against peers on this machine, in
//! one run, and prints each figure beside its target. Targets are reported,
//! never asserted: these machines are noisy, so a ratio against a peer timed
//! moments apart is the honest figure.
//!
//! Usage: briefdesk-bench --cli target/release/briefdesk-cli

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

mod desk;
mod desk_screen;
mod history;
mod latency;
mod search;
mod startup;

use briefdesk_core::{parse_markdown, to_html_document};

const RUNS: usize = 15;

/// What a run found: one row per figure, kept for the summary table, and
/// the sections that explain how each was measured.
#[derive(Default)]
pub(crate) struct Report {
    details: String,
    section: String,
    figures: Vec<[String; 6]>,
}

impl Report {
    /// Starts a detail section: its name in the summary, and what it measured.
    fn section(&mut self, name: &str, setup: &str) {
        self.section = name.to_string();
        self.details.push_str(&format!(
            "\n## {name}: {setup}\n\n| what | briefdesk | target | peer (same run) | ratio |\n|---|---|---|---|---|\n"
        ));
    }

    fn row(&mut self, what: &str, ours: String, target: &str, peer: String, ratio: String) {
        self.details.push_str(&format!("| {what} | {ours} | {target} | {peer} | {ratio} |\n"));
        self.figures.push([self.section.clone(), what.to_string(), ours, target.to_string(), peer, ratio]);
    }

    fn print(&self) {
        println!("## Summary\n");
        println!("| area | what | briefdesk | target | peer (same run) | ratio |");
        println!("|---|---|---|---|---|---|");
        for figure in &self.figures {
            println!("| {} |", figure.join(" | "));
        }
        println!("{}", self.details);
    }
}

fn main() {
    let mut args = std::env::args().skip(1);
    let mut cli = PathBuf::from("target/release/briefdesk-cli");
    let mut app = PathBuf::from("target/release/briefdesk");
    // `--only library` runs one part, for working on it; `make bench` runs all.
    let mut only: Option<String> = None;
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--cli" => cli = args.next().map(PathBuf::from).unwrap_or(cli),
            "--app" => app = args.next().map(PathBuf::from).unwrap_or(app),
            "--only" => only = args.next(),
            _ => {}
        }
    }
    let wanted = |part: &str| only.as_deref().is_none_or(|o| o == part);
    let dir = match tempfile::tempdir() {
        Ok(dir) => dir,
        Err(e) => return eprintln!("briefdesk-bench: cannot make a temporary folder: {e}"),
    };
    let mut report = Report::default();
    if wanted("formats") {
        formats(&cli, dir.path(), &mut report);
    }
    if wanted("history") {
        if let Err(e) = history::run(dir.path(), &mut report) {
            eprintln!("briefdesk-bench: the history benchmark failed: {e}");
        }
    }
    if wanted("worst") {
        if let Err(e) = history::worst_cases(dir.path(), &mut report) {
            eprintln!("briefdesk-bench: the worst-case benchmark failed: {e}");
        }
    }
    if wanted("desk") {
        if let Err(e) = desk::run(dir.path(), &app, &mut report) {
            eprintln!("briefdesk-bench: the desk benchmark failed: {e}");
        }
    }
    if wanted("library") {
        if let Err(e) = search::run(dir.path(), &mut report) {
            eprintln!("briefdesk-bench: the library benchmark failed: {e}");
        }
    }
    if wanted("startup") {
        startup_rows(dir.path(), &app, &mut report);
    }
    if wanted("typing") {
        typing_rows(dir.path(), &app, &mut report);
    }
    println!("# Briefdesk benchmarks\n");
    println!("Machine: {}. Measured by `make bench`; every peer is timed in the same run.\n", machine());
    report.print();
}

fn startup_rows(dir: &Path, app: &Path, report: &mut Report) {
    let sample = briefdesk_core::to_markdown_parts(
        &briefdesk_core::parse_text(include_str!("../../briefdesk-core/testdata/korea-china-visit.txt")),
        &briefdesk_core::FrontMatter::default(),
    );
    report.section(
        "Start and memory",
        "the sample brief opened by Briefdesk (from its database) and by Apostrophe 2.6 (from the same brief as Markdown), by default and with its preview shown; a blank WebKitGTK page for reference; each launched 5 times in turn on one Xvfb display after a warm-up round, with the WebKit switches Briefdesk sets for itself; medians",
    );
    let found = match startup::run(dir, app, &sample) {
        Ok(found) => found,
        Err(e) => return eprintln!("briefdesk-bench: the start-up benchmark failed: {e}"),
    };
    let (apostrophe, preview, blank) = (&found.apostrophe, &found.apostrophe_preview, &found.blank_page);
    let rows = [
        Comparison {
            what: "launch to an interactive window (visually complete)",
            figure: Figure::Time,
            target: "≤ 1.0× Apostrophe's",
            peer: ("Apostrophe", apostrophe),
            ratio_of: "Apostrophe's time",
        },
        Comparison {
            what: "the same, against Apostrophe showing its preview",
            figure: Figure::Time,
            target: "(reported)",
            peer: ("Apostrophe with preview", preview),
            ratio_of: "its time",
        },
        Comparison {
            what: "steady memory (PSS over all the app's processes)",
            figure: Figure::Memory,
            target: "≤ Apostrophe's",
            peer: ("Apostrophe (no web view until its preview is shown)", apostrophe),
            ratio_of: "Apostrophe's",
        },
        Comparison {
            what: "the same, against Apostrophe showing its preview (a WebKitGTK page, like Briefdesk's)",
            figure: Figure::Memory,
            target: "≤ Apostrophe's",
            peer: ("Apostrophe with preview", preview),
            ratio_of: "its memory",
        },
        Comparison {
            what:
                "the least any WebKitGTK window costs here: a blank page (Python GObject, Apostrophe's stack)",
            figure: Figure::Memory,
            target: "(reported)",
            peer: ("blank page", blank),
            ratio_of: "the blank page's",
        },
    ];
    for row in rows {
        let (figure, (name, peer)) = (row.figure, row.peer);
        report.row(
            row.what,
            figure.show(&found.ours),
            row.target,
            peer.as_ref()
                .map(|l| format!("{name} {}", figure.show(l)))
                .unwrap_or_else(|| format!("{name}: not installed")),
            peer.as_ref()
                .map(|l| format!("{:.2}× {}", figure.of(&found.ours) / figure.of(l), row.ratio_of))
                .unwrap_or_default(),
        );
    }
}

fn typing_rows(dir: &Path, app: &Path, report: &mut Report) {
    report.section(
        "Typing",
        &format!(
            "{} keys typed one at a time as X key events (XTest) at the end of the headline of a 5,000-word brief, in Briefdesk and in Apostrophe 2.6 (the same brief as Markdown, preview closed); each key sent once the screen has been still for a moment; the time from the key to the first changed pixels on the Xvfb screen (DAMAGE)",
            latency::KEYS
        ),
    );
    let found = match latency::run(dir, app) {
        Ok(found) => found,
        Err(e) => return eprintln!("briefdesk-bench: the typing benchmark failed: {e}"),
    };
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    let shown = |l: &latency::Latencies| format!("p50 {:.1} ms · p95 {:.1} ms", ms(l.p50), ms(l.p95));
    let peer = found.apostrophe.as_ref();
    report.row(
        "keystroke to screen",
        shown(&found.ours),
        "p95 within 16.7 ms (one 60 Hz frame) of Apostrophe's p95",
        peer.map(|l| format!("Apostrophe: {}", shown(l)))
            .unwrap_or_else(|| "Apostrophe: not installed".into()),
        peer.map(|l| {
            format!(
                "p50 {:.2}× Apostrophe's; p95 {:+.1} ms from Apostrophe's",
                ms(found.ours.p50) / ms(l.p50),
                ms(found.ours.p95) - ms(l.p95)
            )
        })
        .unwrap_or_default(),
    );
    report.row(
        "the same in a bare WebKitGTK textarea holding the brief's words (Python GObject, spelling on): the least any WebKitGTK page costs here",
        shown(&found.ours),
        "(reported)",
        found
            .bare_textarea
            .as_ref()
            .map(|l| format!("bare textarea: {}", shown(l)))
            .unwrap_or_else(|| "bare textarea: python3-gi not installed".into()),
        found
            .bare_textarea
            .as_ref()
            .map(|l| format!("p50 {:.2}× the bare textarea's", ms(found.ours.p50) / ms(l.p50)))
            .unwrap_or_default(),
    );
}

/// One start-up row: Briefdesk's figure against one peer's.
struct Comparison<'a> {
    what: &'a str,
    figure: Figure,
    target: &'a str,
    /// The peer's name, and its launch (`None` where it is not installed).
    peer: (&'a str, &'a Option<startup::Launch>),
    ratio_of: &'a str,
}

#[derive(Clone, Copy)]
enum Figure {
    Time,
    Memory,
}

impl Figure {
    fn of(self, launch: &startup::Launch) -> f64 {
        match self {
            Figure::Time => launch.interactive.as_secs_f64(),
            Figure::Memory => launch.pss_kb as f64 / 1024.0,
        }
    }

    fn show(self, launch: &startup::Launch) -> String {
        match self {
            Figure::Time => format!("{:.2} s", self.of(launch)),
            Figure::Memory => format!("{:.0} MB", self.of(launch)),
        }
    }
}

fn formats(cli: &Path, dir: &Path, report: &mut Report) {
    let markdown = large_brief(1_000_000);
    let input = dir.join("large-brief.md");
    if let Err(e) = std::fs::write(&input, &markdown) {
        return eprintln!("briefdesk-bench: cannot write {}: {e}", input.display());
    }
    let mb = markdown.len() as f64 / 1e6;

    // In-process: what the app pays when it renders (read structure + safe HTML).
    let in_process = median(|| {
        let start = Instant::now();
        let parsed = parse_markdown(&markdown).map(|p| to_html_document(&p.content));
        std::hint::black_box(parsed.map(|html| html.len()).unwrap_or(0));
        Some(start.elapsed())
    });

    let out = dir.join("out.html");
    let ours = time_command(cli, &["convert", path_str(&input), "--to", "html", "-o", path_str(&out)]);
    let pandoc = time_command(
        Path::new("pandoc"),
        &[
            "-f",
            "markdown",
            "-t",
            "html5",
            "-s",
            "--metadata",
            "title=Brief",
            "-o",
            path_str(&out),
            path_str(&input),
        ],
    );
    let cmark = time_command_to_null(Path::new("cmark"), &[path_str(&input)]);

    report.section(
        "Formats",
        &format!(
            "a {mb:.2} MB Markdown brief to standalone HTML (median of {RUNS} runs; throughput in MB/s)"
        ),
    );
    let timed = |t: Option<Duration>| match t {
        Some(t) => format!("{:.2} ms ({:.1} MB/s)", t.as_secs_f64() * 1e3, mb / t.as_secs_f64()),
        None => "not measured (missing?)".to_string(),
    };
    report.row(
        "in process: parse + sanitized HTML",
        timed(in_process),
        "(reported)",
        String::new(),
        String::new(),
    );
    report.row(
        "briefdesk-cli convert --to html, whole process",
        timed(ours),
        "≥ 50× faster than pandoc",
        format!("pandoc -s: {}", timed(pandoc)),
        ours.zip(pandoc)
            .map(|(o, p)| format!("{:.0}× faster", p.as_secs_f64() / o.as_secs_f64()))
            .unwrap_or_default(),
    );
    report.row(
        "the same, against cmark (no sanitizing, no document)",
        timed(ours),
        "≤ 1.5× cmark's time",
        format!("cmark: {}", timed(cmark)),
        ours.zip(cmark)
            .map(|(o, c)| format!("{:.2}× cmark's time", o.as_secs_f64() / c.as_secs_f64()))
            .unwrap_or_default(),
    );
}

pub(crate) fn path_str(path: &Path) -> &str {
    path.to_str().unwrap_or_default()
}

fn median(mut run: impl FnMut() -> Option<Duration>) -> Option<Duration> {
    let _ = run(); // warm-up: caches, page faults
    let mut times: Vec<Duration> = (0..RUNS).map(|_| run()).collect::<Option<_>>()?;
    times.sort();
    times.get(RUNS / 2).copied()
}

fn time_command(program: &Path, args: &[&str]) -> Option<Duration> {
    median(|| {
        let start = Instant::now();
        let status =
            Command::new(program).args(args).stdout(Stdio::null()).stderr(Stdio::null()).status().ok()?;
        status.success().then(|| start.elapsed())
    })
}

fn time_command_to_null(program: &Path, args: &[&str]) -> Option<Duration> {
    time_command(program, args)
}

/// A realistic brief of about `size` bytes: the anatomy, with report
/// sections of several paragraphs carrying emphasis, links and quotes.
fn large_brief(size: usize) -> String {
    let mut md = String::from(
        "# South Korea’s President Lee Jae Myung to Reset Relations with China\n\n\
         South Korean President **Lee Jae Myung** is in Beijing for a pivotal meeting with Chinese leader Xi Jinping.\n\n\
         ## Why It Matters\n\nThis visit marks the first by a South Korean leader to China since 2019.\n\n\
         ## Key Developments\n\n- Lee meets *Xi Jinping*.\n- Tensions over Taiwan.\n- North Korea’s missile tests.\n- The K-pop ban.\n\n\
         ## Full Report\n\n",
    );
    let paragraphs = [
        "Lee’s trip signals a significant diplomatic engagement with China, a country he seeks to reassure about South Korea’s commitment to *balanced relations*. He hopes the visit will “serve as a new starting point” ([statement](https://example.com/statement)).",
        "Amid existing tensions in the region, security on the Korean Peninsula will feature prominently. Reports indicate that North Korea has recently tested **ballistic missiles**, raising alarms for Seoul and its allies.",
        "Another pressing issue is China’s informal ban on South Korean pop culture, affecting K-pop and K-dramas. Beijing hasn’t acknowledged any prohibition; many link it to the 2016 `THAAD` deployment.",
        "> “We will keep talking,” an official said.\n\n1. Trade\n2. Security\n3. Culture",
    ];
    let mut i = 0;
    while md.len() < size {
        // Long sections, as a report has: the brief must stay within the
        // 200-section limit.
        md.push_str(&format!("### Section {i}: Maritime Tensions and Trade\n\n"));
        for _ in 0..10 {
            for p in &paragraphs {
                md.push_str(p);
                md.push_str("\n\n");
            }
        }
        i += 1;
    }
    md.push_str("## Context & Previous Events\n\nRelations soured under former President Yoon Suk Yeol.\n");
    md
}

/// CPU model and core count, from /proc/cpuinfo where there is one.
fn machine() -> String {
    let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let model = cpuinfo
        .lines()
        .find_map(|l| {
            l.strip_prefix("model name").and_then(|rest| rest.split_once(':')).map(|(_, m)| m.trim())
        })
        .unwrap_or("unknown CPU");
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    format!("{model}, {cores} cores, {} {}", std::env::consts::OS, std::env::consts::ARCH)
}
