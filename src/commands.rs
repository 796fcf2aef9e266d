//! The non-interactive commands, and the shared start-up (content + store).

use crate::cli::{ContentCommand, ExportFormat, Global, ListKind};
use crate::content::{self, Content};
use crate::store::{self, Store, export::Export};
use serde_json::json;
use std::io::Write;
use std::path::{Path, PathBuf};

/// A user-facing failure: one clear line, exit status 1.
#[derive(Debug)]
pub struct Failure(pub String);

impl<E: std::fmt::Display> From<E> for Failure {
    fn from(e: E) -> Self {
        Failure(e.to_string())
    }
}

pub type CmdResult = Result<(), Failure>;

/// The data dir: `--data-dir`, `LOOPDRILL_DATA_DIR`, or the platform's.
pub fn data_dir(global: &Global) -> Result<PathBuf, Failure> {
    if let Some(d) = &global.data_dir {
        return Ok(d.clone());
    }
    directories::ProjectDirs::from("dev", "loopdrill", "loopdrill")
        .map(|p| p.data_dir().to_path_buf())
        .ok_or_else(|| {
            Failure("cannot find a home directory for the data dir; pass --data-dir DIR".into())
        })
}

/// Loads the layered content or reports every error.
pub fn load_content(global: &Global) -> Result<Content, Failure> {
    content::load_layered(&global.content).map_err(|e| Failure(e.to_string()))
}

/// Opens the store for writing, or read-only when another instance holds it.
pub fn open_store(global: &Global) -> Result<Store, Failure> {
    let dir = data_dir(global)?;
    match Store::open(&dir) {
        Ok(s) => Ok(s),
        Err(store::StoreError::Locked { .. }) => Ok(Store::open_read_only(&dir)),
        Err(e) => Err(e.into()),
    }
}

/// Opens the store and refuses if another instance is writing.
pub fn open_store_for_writing(global: &Global) -> Result<Store, Failure> {
    let dir = data_dir(global)?;
    Ok(Store::open(&dir)?)
}

pub fn content_cmd(global: &Global, cmd: &ContentCommand) -> CmdResult {
    match cmd {
        ContentCommand::Validate { dirs } => {
            let mut all = global.content.clone();
            all.extend(dirs.iter().cloned());
            match content::load_layered(&all) {
                Ok(c) => {
                    println!(
                        "ok: {} principles, {} questions, {} probes, {} rubrics, {} interviewers, {} templates, {} writing prompts",
                        c.principles.len(),
                        c.questions.len(),
                        c.probes.len(),
                        c.rubrics.len(),
                        c.interviewers.len(),
                        c.templates.len(),
                        c.writing.len()
                    );
                    Ok(())
                }
                Err(e) => {
                    eprintln!("{e}");
                    Err(Failure(format!("{} content error(s)", e.0.len())))
                }
            }
        }
        ContentCommand::List { kind, json } => {
            let c = load_content(global)?;
            list(&c, *kind, *json);
            Ok(())
        }
        ContentCommand::Init { dir } => {
            let written = content::write_builtin(dir)?;
            println!("wrote {} files into {}", written.len() + 1, dir.display());
            Ok(())
        }
        ContentCommand::Import {
            file,
            format,
            output,
        } => {
            let c = load_content(global)?;
            import_pack(&c, file, *format, output)
        }
    }
}

fn list(c: &Content, kind: ListKind, as_json: bool) {
    let value =
        match kind {
            ListKind::Principles => json!(
                c.principles
                    .iter()
                    .map(|p| json!({
                        "id": p.id, "name": p.name, "description": p.description,
                        "signals": p.signals, "pitfalls": p.pitfalls,
                        "questions": c.questions_for(&p.id).count(),
                    }))
                    .collect::<Vec<_>>()
            ),
            ListKind::Questions => {
                json!(c.questions.iter().map(|q| json!({
            "id": q.id, "text": q.text, "principles": q.principles, "track": q.track,
            "difficulty": q.difficulty, "roles": q.roles, "probes": q.probes,
            "probe_refs": q.probe_refs,
        })).collect::<Vec<_>>())
            }
            ListKind::Interviewers => {
                json!(c.interviewers.iter().map(|i| json!({
            "id": i.id, "name": i.name, "role": i.role, "organisation": i.organisation,
            "style": i.style, "bar_raiser": i.bar_raiser,
        })).collect::<Vec<_>>())
            }
            ListKind::Templates => {
                json!(c.templates.iter().map(|t| json!({
            "id": t.id, "name": t.name, "kind": t.kind, "description": t.description,
            "requires_bar_raiser": t.requires_bar_raiser, "writing": t.writing,
            "interviews": t.interviews.iter().map(|i| json!({
                "interviewer": i.interviewer, "principles": i.principles,
                "questions": i.questions, "answer_minutes": i.answer_minutes,
            })).collect::<Vec<_>>(),
        })).collect::<Vec<_>>())
            }
        };
    if as_json {
        println!(
            "{}",
            serde_json::to_string_pretty(&value).unwrap_or_default()
        );
        return;
    }
    let out = std::io::stdout();
    let mut out = out.lock();
    match kind {
        ListKind::Principles => {
            for p in &c.principles {
                let _ = writeln!(
                    out,
                    "{:<46} {:<40} {:>3} questions",
                    p.id,
                    p.name,
                    c.questions_for(&p.id).count()
                );
            }
        }
        ListKind::Questions => {
            for q in &c.questions {
                let _ = writeln!(out, "{:<34} {:<24} {}", q.id, q.track.id(), q.text);
            }
        }
        ListKind::Interviewers => {
            for i in &c.interviewers {
                let br = if i.bar_raiser { " (Bar Raiser)" } else { "" };
                let _ = writeln!(
                    out,
                    "{:<20} {} — {}, {}{br}",
                    i.id, i.name, i.role, i.organisation
                );
            }
        }
        ListKind::Templates => {
            for t in &c.templates {
                let _ = writeln!(
                    out,
                    "{:<14} {} — {} interviews, about {} min",
                    t.id,
                    t.name,
                    t.interviews.len(),
                    t.planned_minutes()
                );
            }
        }
    }
}

pub fn export_cmd(
    global: &Global,
    c: &Content,
    format: ExportFormat,
    output: Option<&Path>,
) -> CmdResult {
    let dir = data_dir(global)?;
    let store = Store::open_read_only(&dir);
    let history = store.load_history();
    for p in &history.problems {
        eprintln!("warning: {p}");
    }
    let stories = store.load_stories()?.stories;
    let export = Export::new(history.sessions, stories);
    let text = match format {
        ExportFormat::Json => export.to_json(),
        ExportFormat::Markdown => export.to_markdown(&|id| c.principle_name(id).to_string()),
    };
    match output {
        Some(path) => {
            store::write_bytes(path, text.as_bytes())?;
            eprintln!(
                "exported {} sessions and {} stories to {}",
                export.sessions.len(),
                export.stories.len(),
                path.display()
            );
        }
        None => {
            let mut out = std::io::stdout().lock();
            out.write_all(text.as_bytes())?;
        }
    }
    Ok(())
}

pub fn import_cmd(global: &Global, file: &Path) -> CmdResult {
    let text =
        std::fs::read_to_string(file).map_err(|e| Failure(format!("{}: {e}", file.display())))?;
    let export = store::export::parse_export(&text, &file.display().to_string())?;
    let store = open_store_for_writing(global)?;
    let report = store::export::import(&store, &export)?;
    println!("imported {}: {report}", file.display());
    Ok(())
}

pub fn completions(shell: clap_complete::Shell) {
    use clap::CommandFactory;
    let mut cmd = crate::cli::Cli::command();
    clap_complete::generate(shell, &mut cmd, "loopdrill", &mut std::io::stdout());
}

fn import_pack(
    c: &Content,
    file: &Path,
    format: crate::cli::ImportFormat,
    output: &Path,
) -> CmdResult {
    use crate::content::import::{Format, import_questions};
    let text =
        std::fs::read_to_string(file).map_err(|e| Failure(format!("{}: {e}", file.display())))?;
    let format = match format {
        crate::cli::ImportFormat::Markdown => Format::Markdown,
        crate::cli::ImportFormat::Csv => Format::Csv,
        crate::cli::ImportFormat::Json => Format::Json,
    };
    let imported =
        import_questions(c, &text, format, &file.display().to_string()).map_err(Failure)?;
    for line in &imported.report {
        eprintln!("{line}");
    }
    store::write_bytes(output, imported.toml.as_bytes())?;
    println!(
        "wrote {} questions to {}",
        imported.mapped,
        output.display()
    );
    Ok(())
}

pub fn stats_cmd(_global: &Global, _c: &Content, _json: bool) -> CmdResult {
    Err(Failure("stats are being built".into()))
}
