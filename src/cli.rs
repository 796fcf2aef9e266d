//! Command-line definitions (clap derive), nothing else.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "loopdrill",
    version,
    about = "Rehearse Amazon / AWS PM, Program and TPM interview loops in your terminal",
    long_about = "Rehearse Amazon / AWS Project, Program and Technical Program Manager interview loops: \
timed mock Loops with simulated interviewers and a Bar Raiser, timed drills per Leadership Principle, \
STAR answers and self-scores kept in a local JSON store, and offline review.\n\n\
Run without a command to open the home screen."
)]
pub struct Cli {
    #[command(flatten)]
    pub global: Global,
    #[command(flatten)]
    pub config: ConfigArgs,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Args, Clone)]
pub struct Global {
    /// Where answers, stories and drafts are kept [default: the platform data dir]
    #[arg(long, global = true, env = "LOOPDRILL_DATA_DIR", value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    /// Make the --data-dir folder a data dir even though it holds other files
    /// (they are left alone); without it such a folder is refused
    #[arg(long, global = true)]
    pub init: bool,
    /// A content pack to layer over the built-in one (repeatable; later packs win)
    #[arg(
        long = "content",
        global = true,
        env = "LOOPDRILL_CONTENT",
        value_name = "DIR",
        value_delimiter = ':'
    )]
    pub content: Vec<PathBuf>,
}

/// The config file and the AI, for this run (see `loopdrill config show`).
#[derive(Debug, Args, Clone, Default)]
pub struct ConfigArgs {
    /// The config file to read [default: config.toml in the platform config
    /// dir; env LOOPDRILL_CONFIG] (see `loopdrill config path`)
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Read no config file: start on the built-in defaults
    #[arg(long, global = true, conflicts_with = "config")]
    pub no_config: bool,
    /// Turn the AI on for this run with the model server at URL, e.g.
    /// http://127.0.0.1:11434 (Ollama) or http://127.0.0.1:8080/v1 (OpenAI-compatible)
    /// [env LOOPDRILL_AI_URL]
    #[arg(long, global = true, value_name = "URL")]
    pub ai_url: Option<String>,
    /// The protocol the model server speaks: ollama or openai [env LOOPDRILL_AI_API]
    #[arg(long, global = true, value_name = "API")]
    pub ai_api: Option<String>,
    /// The model to ask [env LOOPDRILL_AI_MODEL]
    #[arg(long, global = true, value_name = "NAME")]
    pub ai_model: Option<String>,
    /// Turn the AI off for this run, whatever the config says
    #[arg(long, global = true)]
    pub no_ai: bool,
}

impl ConfigArgs {
    /// What the command line says about the config.
    pub fn config_flags(&self) -> crate::config::Flags {
        crate::config::Flags {
            config: self.config.clone(),
            no_config: self.no_config,
            ai_url: self.ai_url.clone(),
            ai_api: self.ai_api.clone(),
            ai_model: self.ai_model.clone(),
            no_ai: self.no_ai,
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Start a timed mock Loop
    Loop(LoopArgs),
    /// A timed drill on chosen Leadership Principles (default: weakest or most overdue first)
    Drill(DrillArgs),
    /// Browse, search and compare past answers
    Review,
    /// The story bank and its coverage of the Leadership Principles
    Stories,
    /// Practice counts, scores and trends per Leadership Principle
    Stats {
        /// Print JSON instead of a table
        #[arg(long)]
        json: bool,
    },
    /// Export every session and story
    Export {
        #[arg(long, value_enum, default_value_t = ExportFormat::Json)]
        format: ExportFormat,
        /// Write to FILE instead of standard output
        #[arg(long, short, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Restore an `export --format json` file, merging by id (newer data is never overwritten)
    ///
    /// The file may hold at most 256 MiB (set LOOPDRILL_MAX_INPUT_BYTES, a
    /// number of bytes, to change that); a larger one is refused unread.
    Import {
        /// The export file (at most 256 MiB, or LOOPDRILL_MAX_INPUT_BYTES)
        file: PathBuf,
    },
    /// Judge one answer written in your own editor, as the question's interviewer would
    #[command(
        after_help = "Input: JSON {\"situation\",\"task\",\"action\",\"result\",\"follow_ups\":[{\"probe\",\"response\"}]}\nor Markdown with '## Situation', '## Task', '## Action', '## Result' and optional\n'## Follow-up: <probe>' sections. Question ids: `loopdrill content list questions`."
    )]
    Assess {
        /// The question answered
        #[arg(long, value_name = "ID")]
        question: String,
        /// The answer file; `-` or nothing reads standard input
        #[arg(value_name = "FILE|-")]
        file: Option<PathBuf>,
        /// Feedback as text, or JSON for scripts
        #[arg(long, value_enum, default_value_t = AssessFormat::Text)]
        format: AssessFormat,
        /// The interviewer persona choosing the next probe (`content list interviewers`);
        /// a neutral interviewer without it
        #[arg(long, value_name = "ID")]
        interviewer: Option<String>,
        /// Also ask the configured local model for a second opinion (the
        /// JSON gains an `ai` object; see `loopdrill config show`)
        #[arg(long)]
        ai: bool,
    },
    /// Validate, list, initialise or import content packs
    #[command(subcommand)]
    Content(ContentCommand),
    /// Where the config file is, and what it and the environment set
    #[command(subcommand)]
    Config(ConfigCommand),
    /// The optional local AI interviewer: test the connection to its model
    #[command(subcommand)]
    Ai(AiCommand),
    /// Print shell completions
    Completions {
        /// The shell
        shell: clap_complete::Shell,
    },
}

#[derive(Debug, Args, Clone, Default)]
pub struct LoopArgs {
    /// The loop template (see `loopdrill content list templates`)
    #[arg(long, value_name = "ID")]
    pub template: Option<String>,
    /// Seed for a reproducible plan (interviewers, questions, probes)
    #[arg(long, value_name = "N")]
    pub seed: Option<u64>,
    /// Only the first N interviews (a mini-loop)
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    pub interviewers: Option<u32>,
    /// Questions per interview
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    pub questions: Option<u32>,
    /// Minutes per answer
    #[arg(long, value_name = "M", value_parser = clap::value_parser!(u32).range(1..=120))]
    pub answer_minutes: Option<u32>,
    /// No pausing and no hints, as in a real loop
    #[arg(long)]
    pub strict: bool,
    /// The role the loop asks for, where a template serves several (pm, tpm, data-center, proserve, applied-ai)
    #[arg(long, value_name = "ROLE")]
    pub role: Option<String>,
    /// Print the plan (interviews, interviewers, focus, questions) and exit
    #[arg(long)]
    pub plan: bool,
    /// With --plan: print it as JSON
    #[arg(long, requires = "plan")]
    pub json: bool,
}

#[derive(Debug, Args, Clone, Default)]
pub struct DrillArgs {
    /// A Leadership Principle id (repeatable)
    #[arg(long = "principle", value_name = "ID", conflicts_with = "track")]
    pub principles: Vec<String>,
    /// Drill a track instead: program-execution, operational-excellence, technical, system-design, product-sense, motivation, imported (questions `content import` placed with low confidence)
    #[arg(long, value_name = "TRACK")]
    pub track: Option<String>,
    /// Only questions tagged with this role (pm, tpm, data-center, proserve, applied-ai)
    #[arg(long, value_name = "ROLE")]
    pub role: Option<String>,
    /// How many questions
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=50))]
    pub questions: Option<u32>,
    /// Minutes per answer [default: 5 for a story, 7 for a scenario, 12 for a system design]
    #[arg(long, value_name = "M", value_parser = clap::value_parser!(u32).range(1..=120))]
    pub answer_minutes: Option<u32>,
    /// The same questions again for the same LPs or track (and the same
    /// follow-up choices): questions answered lately are not skipped
    #[arg(long, value_name = "N")]
    pub seed: Option<u64>,
    /// Answer aloud against the timer, then type short notes and self-score
    #[arg(long)]
    pub spoken: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum AssessFormat {
    Text,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Json,
    Markdown,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ImportFormat {
    Markdown,
    Csv,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListKind {
    Principles,
    Questions,
    Interviewers,
    Templates,
    Writing,
}

#[derive(Debug, Subcommand)]
pub enum ContentCommand {
    /// Validate the built-in pack layered with the given packs
    Validate {
        /// Pack folders to layer, in order
        dirs: Vec<PathBuf>,
    },
    /// List what the loaded content holds
    List {
        #[arg(value_enum)]
        kind: ListKind,
        /// Print a JSON array
        #[arg(long)]
        json: bool,
    },
    /// Write the built-in pack into DIR as a starting point for your own
    Init { dir: PathBuf },
    /// Turn a third-party list of questions into a pack
    ///
    /// Every entry skipped or altered is reported on stderr with its line.
    /// The file may hold at most 256 MiB (set LOOPDRILL_MAX_INPUT_BYTES, a
    /// number of bytes, to change that); a larger one is refused unread.
    Import {
        /// The list to import (at most 256 MiB, or LOOPDRILL_MAX_INPUT_BYTES)
        file: PathBuf,
        #[arg(long, value_enum)]
        format: ImportFormat,
        /// The pack file to write
        #[arg(long, value_name = "PACK.toml")]
        output: PathBuf,
    },
}

#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    /// Print the path of the config file that is read
    Path,
    /// Print every setting, merged from defaults, file, environment and flags, with where each came from
    Show,
}

#[derive(Debug, Subcommand)]
pub enum AiCommand {
    /// Connect to the configured model server, list its models and time one short probe
    Check,
}
