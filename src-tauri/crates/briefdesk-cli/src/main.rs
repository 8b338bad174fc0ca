//! `briefdesk-cli`: Briefdesk's briefs from the command line (DESIGN.md §6).

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use briefdesk_core::{to_json, to_markdown, BriefId};
use briefdesk_store::{resolve_db_path, write_atomically, Store, StoreError};
use clap::{Parser, Subcommand, ValueEnum};

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
    /// List briefs, most recently edited first
    List {
        /// Print a JSON array instead of a table
        #[arg(long)]
        json: bool,
    },
    /// Write one brief in another format
    Export {
        /// The brief's id (as printed by `list`)
        id: String,
        #[arg(long, value_enum)]
        to: Format,
        /// Write to this file instead of standard output
        #[arg(short, long, value_name = "OUT")]
        output: Option<PathBuf>,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Markdown,
    Json,
}

#[derive(Debug, thiserror::Error)]
enum CliError {
    /// The input cannot be used as given: exit code 2.
    #[error("{0}")]
    Unusable(String),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("cannot write to standard output: {0}")]
    Stdout(std::io::Error),
    #[error("cannot encode the list as JSON: {0}")]
    Encode(#[from] serde_json::Error),
}

impl CliError {
    fn exit_code(&self) -> u8 {
        match self {
            CliError::Unusable(_) => 2,
            CliError::Store(_) | CliError::Stdout(_) | CliError::Encode(_) => 1,
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("briefdesk-cli: {error}");
            ExitCode::from(error.exit_code())
        }
    }
}

fn run(cli: Cli) -> Result<(), CliError> {
    let open = || -> Result<Store, CliError> { Ok(Store::open_existing(&resolve_db_path(cli.db.clone())?)?) };
    match cli.command {
        Command::List { json } => {
            let briefs = open()?.list()?;
            let text = if json { list_json(&briefs)? } else { list_table(&briefs) };
            print(&text)
        }
        Command::Export { id, to, output } => {
            let id: BriefId =
                id.parse().map_err(|e| CliError::Unusable(format!("{id:?} is not a brief id: {e}")))?;
            let brief = open()?.get(id)?;
            let text = match to {
                Format::Markdown => to_markdown(&brief),
                Format::Json => to_json(&brief),
            };
            match output {
                Some(path) => Ok(write_atomically(&path, text.as_bytes())?),
                None => print(&text),
            }
        }
    }
}

fn list_json(briefs: &[briefdesk_core::BriefSummary]) -> Result<String, CliError> {
    let mut text = serde_json::to_string_pretty(briefs)?;
    text.push('\n');
    Ok(text)
}

fn list_table(briefs: &[briefdesk_core::BriefSummary]) -> String {
    let mut out = String::new();
    for brief in briefs {
        let updated =
            brief.updated_at.format(&time::format_description::well_known::Rfc3339).unwrap_or_default();
        let headline = if brief.headline.is_empty() { "(untitled)" } else { &brief.headline };
        out.push_str(&format!("{}  {:<9}  {}  {}\n", brief.id, brief.status.as_str(), updated, headline));
    }
    out
}

fn print(text: &str) -> Result<(), CliError> {
    let mut stdout = std::io::stdout().lock();
    stdout.write_all(text.as_bytes()).and_then(|()| stdout.flush()).map_err(CliError::Stdout)
}
