//! `briefdesk-cli`: Briefdesk's briefs from the command line (DESIGN.md §6).
//!
//! Exit codes: 0 success; 2 unusable input (a file that cannot be read as a
//! brief, a malformed id, a bad flag); 1 any other failure. On failure
//! nothing is written: imports are one transaction, output files are
//! replaced atomically.
//!
//! Brief text can hold anything an import carried, and a terminal obeys
//! escape sequences: tables and reports (`list`, `search`, `history`,
//! `diff`) always show control characters as visible symbols; a document
//! (`export`, `show`, `convert`) is neutralised only when it goes straight
//! to a terminal, and is byte-exact into a pipe or a file. JSON is always
//! exact (serde escapes C0 controls itself).

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use briefdesk_core::{
    for_terminal, import, to_html_document, to_json_parts, to_markdown_parts, to_text, Brief, BriefContent,
    BriefDiff, BriefId, BriefSummary, ExportFormat, FrontMatter, ImportError, Imported, InputFormat,
    ItemChange, PartRef, SpanKind, Status, TerminalLayout, TextChange,
};
use briefdesk_store::{
    read_limited, resolve_db_path, status_label, write_atomically, LibraryFilter, SearchHit, Store,
    StoreError, VersionInfo,
};
use clap::{Parser, Subcommand, ValueEnum};
use serde::Serialize;

mod desk;

#[derive(Parser)]
#[command(name = "briefdesk-cli", version, about = "Briefdesk's briefs from the command line")]
struct Cli {
    /// The database file [default: $BRIEFDESK_DB, else the app's data folder]
    #[arg(long, global = true, value_name = "PATH")]
    db: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Convert a brief file from one format to another (no database needed)
    Convert {
        /// The input file, or - for standard input
        input: String,
        #[arg(long, value_enum)]
        to: OutputFormat,
        #[arg(long, value_enum, default_value = "auto")]
        from: FromFormat,
        /// Write to this file instead of standard output
        #[arg(short, long, value_name = "OUT")]
        output: Option<PathBuf>,
    },
    /// Import files as new briefs; prints one id per line, in the order given
    Import {
        #[arg(required = true, value_name = "FILE")]
        files: Vec<String>,
    },
    /// Write one brief in another format
    Export {
        /// The brief's id (as printed by `list`)
        id: String,
        #[arg(long, value_enum)]
        to: OutputFormat,
        /// Write to this file instead of standard output
        #[arg(short, long, value_name = "OUT")]
        output: Option<PathBuf>,
    },
    /// Replace a brief's content with a file's, as a draft save
    Update {
        id: String,
        /// The file, or - for standard input
        file: String,
        /// Also record the result as a named version with this label
        #[arg(long)]
        label: Option<String>,
    },
    /// List a brief's versions, oldest first
    History {
        id: String,
        /// Print a JSON array instead of a table
        #[arg(long)]
        json: bool,
    },
    /// Print one version of a brief
    Show {
        id: String,
        #[arg(long, value_name = "N")]
        version: u32,
        #[arg(long, value_enum, default_value = "markdown")]
        to: OutputFormat,
    },
    /// Compare two versions, part by part (A, B: version numbers or `current`)
    Diff {
        id: String,
        a: String,
        b: String,
        /// Print the comparison as JSON
        #[arg(long)]
        json: bool,
    },
    /// Restore a brief to a version, wholly or one part; the current state is versioned first
    Restore {
        id: String,
        #[arg(long, value_name = "N")]
        version: u32,
        /// headline, summary, why_it_matters, key_developments, context, or report:<heading>
        #[arg(long)]
        part: Option<PartRef>,
    },
    /// List briefs, most recently edited first
    List {
        /// Only briefs with this status (draft, in_review, ready, filed)
        #[arg(long, value_parser = parse_status)]
        status: Option<Status>,
        /// Only briefs with this tag
        #[arg(long)]
        tag: Option<String>,
        /// Print a JSON array instead of a table
        #[arg(long)]
        json: bool,
    },
    /// Full-text search: headline, every part and tags, best matches first
    Search {
        query: String,
        /// Print a JSON array instead of a table
        #[arg(long)]
        json: bool,
    },
    /// Share briefs with a newsroom desk on PostgreSQL
    #[command(subcommand)]
    Desk(desk::DeskCommand),
}

#[derive(Clone, Copy, ValueEnum)]
enum OutputFormat {
    Markdown,
    Html,
    Text,
    Json,
}

impl From<OutputFormat> for ExportFormat {
    fn from(format: OutputFormat) -> Self {
        match format {
            OutputFormat::Markdown => ExportFormat::Markdown,
            OutputFormat::Html => ExportFormat::Html,
            OutputFormat::Text => ExportFormat::Text,
            OutputFormat::Json => ExportFormat::Json,
        }
    }
}

#[derive(Clone, Copy, ValueEnum)]
enum FromFormat {
    Auto,
    Markdown,
    Text,
    Json,
}

impl From<FromFormat> for InputFormat {
    fn from(format: FromFormat) -> Self {
        match format {
            FromFormat::Auto => InputFormat::Auto,
            FromFormat::Markdown => InputFormat::Markdown,
            FromFormat::Text => InputFormat::Text,
            FromFormat::Json => InputFormat::Json,
        }
    }
}

#[derive(Debug, thiserror::Error)]
enum CliError {
    #[error("{name}: {error}")]
    Input { name: String, error: ImportError },
    #[error("cannot read {name}: {error}")]
    Read { name: String, error: std::io::Error },
    #[error("{0:?} is not a brief id: {1}")]
    BadId(String, uuid_error::Error),
    #[error("{0}")]
    Usage(String),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("cannot write to standard output: {0}")]
    Stdout(std::io::Error),
    #[error("cannot encode the list as JSON: {0}")]
    Encode(#[from] serde_json::Error),
    #[error(transparent)]
    Desk(#[from] briefdesk_desk::DeskError),
    #[error(
        "{0} brief(s) have parts changed on both sides: see `briefdesk-cli desk status`, then `desk resolve`"
    )]
    Conflicted(usize),
}

/// The id parser's error, named without depending on `uuid` directly.
mod uuid_error {
    pub type Error = <briefdesk_core::BriefId as std::str::FromStr>::Err;
}

impl CliError {
    fn exit_code(&self) -> u8 {
        match self {
            CliError::Input { .. } | CliError::Read { .. } | CliError::BadId(..) | CliError::Usage(_) => 2,
            CliError::Desk(briefdesk_desk::DeskError::BadUrl(..)) => 2,
            CliError::Store(_) | CliError::Stdout(_) | CliError::Encode(_) | CliError::Desk(_) => 1,
            CliError::Conflicted(_) => 3,
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            // A message can quote what was typed or imported (a part's
            // heading, a path, a line of JSON), and is never exact data.
            eprintln!("briefdesk-cli: {}", for_terminal(&error.to_string(), TerminalLayout::MultiLine));
            ExitCode::from(error.exit_code())
        }
    }
}

fn run(cli: Cli) -> Result<(), CliError> {
    let db = cli.db;
    let open_existing =
        || -> Result<Store, CliError> { Ok(Store::open_existing(&resolve_db_path(db.clone())?)?) };
    match cli.command {
        Command::Convert { input, to, from, output } => {
            let imported = read_brief(&input, from.into())?;
            emit(&render_parts(&imported.content, &imported.front_matter, to), to, output.as_deref())
        }
        Command::Import { files } => {
            // Read and check every file before touching the database, so one
            // bad file imports nothing.
            let mut briefs = Vec::with_capacity(files.len());
            for file in &files {
                let imported = read_brief(file, InputFormat::Auto)?;
                let status = imported.front_matter.status.unwrap_or(Status::Draft);
                briefs.push((imported.content, status));
            }
            let mut store = Store::open(&resolve_db_path(db)?)?;
            let ids: String = store.import(&briefs)?.iter().map(|b| format!("{}\n", b.id)).collect();
            print(&ids)
        }
        Command::Export { id, to, output } => {
            let brief = open_existing()?.get(parse_id(&id)?)?;
            emit(&ExportFormat::from(to).render(&brief), to, output.as_deref())
        }
        Command::Update { id, file, label } => {
            let id = parse_id(&id)?;
            let imported = read_brief(&file, InputFormat::Auto)?;
            let mut store = open_existing()?;
            let current = store.get(id)?;
            let content = keep_unstated_metadata(imported, &current);
            let saved = store.replace_draft(id, &content)?;
            let mut report = format!("{id} revision {}\n", saved.revision);
            if let Some(label) = label {
                let version = store.save_version(id, Some(&label))?;
                report.push_str(&format!("{id} version {}\n", version.version));
            }
            print(&report)
        }
        Command::Search { query, json } => {
            let hits = open_existing()?.search(&query, &LibraryFilter::default(), 50)?;
            if json {
                // One object per brief, with its `id`, as `list --json` gives,
                // plus the snippet.
                let rows: Vec<serde_json::Value> = hits
                    .iter()
                    .map(|hit| {
                        let mut row = serde_json::to_value(&hit.brief).unwrap_or_default();
                        row["snippet"] = serde_json::to_value(&hit.snippet).unwrap_or_default();
                        row
                    })
                    .collect();
                print(&to_json_lines(&rows)?)
            } else {
                print(&search_table(&hits))
            }
        }
        Command::History { id, json } => {
            let history = open_existing()?.history(parse_id(&id)?)?;
            print(&if json { to_json_lines(&history)? } else { history_table(&history) })
        }
        Command::Show { id, version, to } => {
            let id = parse_id(&id)?;
            let version = open_existing()?.version(id, version)?;
            let front =
                FrontMatter { id: Some(id), status: Some(version.info.status), ..FrontMatter::default() };
            emit(&render_parts(&version.content, &front, to), to, None)
        }
        Command::Diff { id, a, b, json } => {
            let id = parse_id(&id)?;
            let diff = open_existing()?.compare(id, side(&a)?, side(&b)?)?;
            // A report for people, neutralised even into a pipe: it is
            // no file format, and `--json` is there for exact text.
            print(&if json {
                to_json_lines(&diff)?
            } else {
                for_terminal(&diff_text_report(&diff), TerminalLayout::MultiLine).into_owned()
            })
        }
        Command::Restore { id, version, part } => {
            let id = parse_id(&id)?;
            let brief = open_existing()?.restore(id, version, part.as_ref())?;
            print(&format!("{id} revision {}\n", brief.revision))
        }
        Command::Desk(command) => desk::run(command, db.clone()),
        Command::List { status, tag, json } => {
            let briefs =
                open_existing()?.library(&LibraryFilter { status, tag, ..LibraryFilter::default() })?;
            let text = if json { to_json_lines(&briefs)? } else { list_table(&briefs) };
            print(&text)
        }
    }
}

/// A file that says nothing about byline or tags (plain text, Markdown
/// without front matter) leaves the stored ones as they were.
fn keep_unstated_metadata(imported: Imported, current: &Brief) -> BriefContent {
    let mut content = imported.content;
    if imported.front_matter.byline.is_none() && content.byline.is_none() {
        content.byline = current.content.byline.clone();
    }
    if imported.front_matter.tags.is_none() {
        content.tags = current.content.tags.clone();
    }
    content
}

fn parse_status(s: &str) -> Result<Status, String> {
    Status::parse(s).ok_or_else(|| format!("{s:?} is not a status: use draft, in_review, ready or filed"))
}

fn search_table(hits: &[SearchHit]) -> String {
    let mut out = String::new();
    for hit in hits {
        let snippet: String = hit
            .snippet
            .iter()
            .map(|p| if p.hit { format!("[{}]", p.text) } else { p.text.replace('\n', " ") })
            .collect();
        out.push_str(&format!(
            "{}  {}\n    {}\n",
            hit.brief.id,
            one_line(&hit.brief.headline),
            one_line(&snippet)
        ));
    }
    out
}

fn parse_id(id: &str) -> Result<BriefId, CliError> {
    id.parse().map_err(|e| CliError::BadId(id.to_string(), e))
}

/// Reads `name` (or standard input for `-`) as a brief.
fn read_brief(name: &str, format: InputFormat) -> Result<Imported, CliError> {
    let read_err = |error| CliError::Read { name: name.to_string(), error };
    let bytes = if name == "-" {
        read_limited(std::io::stdin().lock()).map_err(read_err)?
    } else {
        std::fs::File::open(name).and_then(read_limited).map_err(read_err)?
    };
    let file_name = Path::new(name).file_name().and_then(|n| n.to_str());
    import(&bytes, format, file_name).map_err(|error| CliError::Input { name: name.to_string(), error })
}

fn render_parts(content: &BriefContent, front: &FrontMatter, format: OutputFormat) -> String {
    match format {
        OutputFormat::Markdown => to_markdown_parts(content, front),
        OutputFormat::Json => to_json_parts(content, front),
        OutputFormat::Html => to_html_document(content),
        OutputFormat::Text => to_text(content),
    }
}

/// Writes a document to `output`, or to standard output. A file or a pipe
/// gets it byte-exact (it is a file format, and `| less -R` is the
/// reader's choice); a terminal gets it neutralised, line breaks kept.
/// JSON is exact everywhere: it has its own escapes for C0 controls.
fn emit(text: &str, format: OutputFormat, output: Option<&Path>) -> Result<(), CliError> {
    match output {
        Some(path) => Ok(write_atomically(path, text.as_bytes())?),
        None if !matches!(format, OutputFormat::Json) && std::io::stdout().is_terminal() => {
            print(&for_terminal(text, TerminalLayout::MultiLine))
        }
        None => print(text),
    }
}

/// Brief text for one cell of a table: nothing a terminal would act on,
/// and no newline to start a forged row.
fn one_line(text: &str) -> std::borrow::Cow<'_, str> {
    for_terminal(text, TerminalLayout::OneLine)
}

fn to_json_lines<T: Serialize + ?Sized>(value: &T) -> Result<String, CliError> {
    let mut text = serde_json::to_string_pretty(value)?;
    text.push('\n');
    Ok(text)
}

/// One side of a comparison: a version number, or `current` (`None`) for the draft.
fn side(which: &str) -> Result<Option<u32>, CliError> {
    if which == "current" {
        return Ok(None);
    }
    which
        .parse()
        .map(Some)
        .map_err(|_| CliError::Usage(format!("{which:?} is not a version number or `current`")))
}

fn history_table(history: &[VersionInfo]) -> String {
    let mut out = String::new();
    for v in history {
        let created = v.created_at.format(&time::format_description::well_known::Rfc3339).unwrap_or_default();
        out.push_str(&format!(
            "{:>4}  {}  {:<9}  {:>5} words  +{:<4} -{:<4}  {}\n",
            v.version,
            created,
            v.kind.as_str(),
            v.words,
            v.added,
            v.removed,
            one_line(v.label.as_deref().unwrap_or(""))
        ));
        if let Some(why) = &v.damaged {
            out.push_str(&format!("      damaged: this version cannot be read ({})\n", one_line(why)));
        }
    }
    out
}

/// The changed parts, with removed words in `[-…-]` and added in `{+…+}`.
fn diff_text_report(diff: &BriefDiff) -> String {
    fn inline(change: &TextChange) -> String {
        change
            .spans
            .iter()
            .map(|span| match span.kind {
                SpanKind::Same => span.text.clone(),
                SpanKind::Added => format!("{{+{}+}}", span.text),
                SpanKind::Removed => format!("[-{}-]", span.text),
            })
            .collect()
    }
    let mut out = String::new();
    if let Some(status) = diff.status {
        out.push_str(&format!("## Status\n{} → {}\n\n", status_label(status.old), status_label(status.new)));
    }
    for (name, change) in
        [("Headline", &diff.headline), ("Summary", &diff.summary), ("Why It Matters", &diff.why_it_matters)]
    {
        if change.changed {
            out.push_str(&format!("## {name}\n{}\n\n", inline(change)));
        }
    }
    if diff.key_developments.iter().any(|b| b.change != ItemChange::Same || b.moved) {
        out.push_str("## Key Developments\n");
        for b in &diff.key_developments {
            let mark = match (b.change, b.moved) {
                (ItemChange::Added, _) => "added",
                (ItemChange::Removed, _) => "removed",
                (ItemChange::Changed, true) => "changed, moved",
                (ItemChange::Changed, false) => "changed",
                (ItemChange::Same, true) => "moved",
                (ItemChange::Same, false) => "same",
            };
            out.push_str(&format!("- ({mark}) {}\n", inline(&b.text)));
        }
        out.push('\n');
    }
    for s in diff.report.iter().filter(|s| s.change != ItemChange::Same || s.moved) {
        let mark = match s.change {
            ItemChange::Added => "added",
            ItemChange::Removed => "removed",
            _ if s.moved && !s.heading.changed && !s.body.changed => "moved",
            _ => "changed",
        };
        out.push_str(&format!("## Full Report: {} ({mark})\n{}\n\n", inline(&s.heading), inline(&s.body)));
    }
    if diff.context.changed {
        out.push_str(&format!("## Context & Previous Events\n{}\n\n", inline(&diff.context)));
    }
    if diff.byline.changed {
        out.push_str(&format!("## Byline\n{}\n\n", inline(&diff.byline)));
    }
    if diff.tags.changed {
        // Each tag is kept, added or removed whole, so each is marked whole.
        let tags = &diff.tags;
        let marked: Vec<String> = tags
            .kept
            .iter()
            .cloned()
            .chain(tags.added.iter().map(|t| format!("{{+{t}+}}")))
            .chain(tags.removed.iter().map(|t| format!("[-{t}-]")))
            .collect();
        out.push_str(&format!("## Tags\n{}\n\n", marked.join(", ")));
    }
    out.push_str(&format!("{} words added, {} removed\n", diff.words_added, diff.words_removed));
    out
}

fn list_table(briefs: &[BriefSummary]) -> String {
    let mut out = String::new();
    for brief in briefs {
        let updated =
            brief.updated_at.format(&time::format_description::well_known::Rfc3339).unwrap_or_default();
        let headline =
            if brief.headline.is_empty() { "(untitled)".into() } else { one_line(&brief.headline) };
        out.push_str(&format!("{}  {:<9}  {}  {}\n", brief.id, brief.status.as_str(), updated, headline));
    }
    out
}

fn print(text: &str) -> Result<(), CliError> {
    let mut stdout = std::io::stdout().lock();
    stdout.write_all(text.as_bytes()).and_then(|()| stdout.flush()).map_err(CliError::Stdout)
}
