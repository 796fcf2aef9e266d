//! The non-interactive commands. The start-up they share with the terminal UI
//! (data dir, store, content, `--track` and `--role` checks) is in
//! [`crate::startup`], re-exported here.

use crate::cli::{ContentCommand, ExportFormat, Global, ListKind};
use crate::content::{self, Content};
use crate::store::{self, Store, export::Export};
use crate::tui::text::printable;
use serde_json::json;
use std::fmt::Write as _;
use std::io::Write;
use std::path::Path;

pub use crate::startup::{
    CmdResult, Failure, check_role, data_dir, known_roles, load_content, open_store,
    open_store_for_writing, parse_track,
};

pub fn content_cmd(global: &Global, cmd: &ContentCommand) -> CmdResult {
    match cmd {
        ContentCommand::Validate { dirs } => {
            let mut all = global.content.clone();
            all.extend(dirs.iter().cloned());
            match content::load_layered_full(&all) {
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
                    warn_similar(&c);
                    Ok(())
                }
                Err(e) => {
                    eprintln!("{}", printable(&e.to_string()));
                    Err(Failure(match e.0.len() {
                        1 => "1 content error".to_string(),
                        n => format!("{n} content errors"),
                    }))
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

/// `content validate`'s warnings: questions that read alike but share no
/// `similar` group (a loop could ask both), and groups of one question.
fn warn_similar(c: &Content) {
    for n in content::similar::near_duplicates(c) {
        eprintln!(
            "warning: questions \"{}\" and \"{}\" read alike (similarity {:.2}): give both the same `similar` group so a loop never asks both, or reword one",
            n.first, n.second, n.similarity
        );
    }
    for (group, id) in content::similar::lone_groups(c) {
        eprintln!(
            "warning: `similar` group \"{group}\" has only one question (\"{id}\"): a group keeps two or more questions apart"
        );
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
            "probe_refs": q.probe_refs, "format": q.format.id(),
            "real_example": q.real_example,
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
            "roles": t.roles,
            "interviews": t.interviews.iter().map(|i| json!({
                "interviewer": i.interviewer, "principles": i.principles,
                "questions": i.questions, "answer_minutes": i.answer_minutes,
                "focus": i.focus.map(|f| f.id()), "focus_questions": i.focus_questions,
            })).collect::<Vec<_>>(),
        })).collect::<Vec<_>>())
            }
            ListKind::Writing => json!(
                c.writing
                    .iter()
                    .map(|w| json!({
                        "id": w.id, "title": w.title, "format": w.format_id(), "kind": w.kind,
                        "minutes": w.minutes, "about_own_work": w.about_own_work,
                        "take_home": w.take_home, "min_words": w.min_words,
                        "max_words": w.max_words, "sections": w.sections,
                        "checks": w.checks,
                    }))
                    .collect::<Vec<_>>()
            ),
        };
    if as_json {
        println!(
            "{}",
            store::export::escape_controls(
                &serde_json::to_string_pretty(&value).unwrap_or_default()
            )
        );
        return;
    }
    let mut out = String::new();
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
                let _ = writeln!(
                    out,
                    "{:<34} {:<24} {:<9} {}",
                    q.id,
                    q.track.id(),
                    q.format.id(),
                    q.text
                );
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
        ListKind::Writing => {
            for w in &c.writing {
                let own = if w.about_own_work {
                    "your own work"
                } else {
                    "a given brief"
                };
                let _ = writeln!(
                    out,
                    "{:<34} {:<9} {:>3} min {:<9}  {own:<13}  {}",
                    w.id,
                    w.format_id(),
                    w.minutes,
                    if w.take_home { "take-home" } else { "timed" },
                    w.title
                );
            }
        }
        ListKind::Templates => {
            for t in &c.templates {
                let _ = writeln!(
                    out,
                    "{:<14} {} — {}, about {} min in all",
                    t.id,
                    t.name,
                    crate::tui::text::plural(t.interviews.len(), "interview"),
                    t.planned_minutes()
                );
            }
        }
    }
    // Content from a user's pack may hold anything: print it harmlessly.
    let _ = std::io::stdout()
        .lock()
        .write_all(printable(&out).as_bytes());
}

pub fn export_cmd(
    global: &Global,
    c: &Content,
    format: ExportFormat,
    output: Option<&Path>,
) -> CmdResult {
    let dir = data_dir(global)?;
    let store = Store::open_read_only(&dir);
    let mut bar: Option<Option<indicatif::ProgressBar>> = None;
    let history = store.load_history_with(&mut |n, of| {
        let b = bar.get_or_insert_with(|| progress_bar(of as u64, "reading sessions"));
        if let Some(b) = b {
            b.set_position(n as u64);
        }
    });
    if let Some(Some(b)) = bar {
        b.finish_and_clear();
    }
    for p in &history.problems {
        eprintln!("warning: {}", printable(&p.to_string()));
    }
    let mut left_out = history.problems.len();
    let stories = match store.load_stories() {
        Ok(bank) => bank.stories,
        Err(e) => {
            eprintln!(
                "warning: {} — exported without stories",
                printable(&e.to_string())
            );
            left_out += 1;
            Vec::new()
        }
    };
    let export = Export::new(history.sessions, stories);
    let text = match format {
        ExportFormat::Json => export.to_json(),
        // Markdown is read in terminals and editors: no raw control characters.
        ExportFormat::Markdown => {
            printable(&export.to_markdown(&|id| c.principle_name(id).to_string()))
        }
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
    // Everything readable was exported; a script must still learn that the
    // export is not complete.
    if left_out > 0 {
        return Err(Failure(format!(
            "the export is incomplete: {} could not be read and {} left out (named above)",
            if left_out == 1 { "1 file" } else { "files" },
            if left_out == 1 { "is" } else { "are" }
        )));
    }
    Ok(())
}

pub fn import_cmd(global: &Global, file: &Path) -> CmdResult {
    let text = content::read_input(file, content::max_input_bytes()?)?;
    let (mut export, notes) =
        store::export::parse_export_noting(&text, &file.display().to_string())?;
    // Content (to judge answers against their questions) only when needed.
    let needs_analysis = export
        .sessions
        .iter()
        .flat_map(|s| &s.answers)
        .any(|a| a.analysis.is_missing() && !a.is_blank());
    let analysed = if needs_analysis {
        recompute_missing_analysis(&load_content(global)?, &mut export)
    } else {
        0
    };
    for n in notes {
        eprintln!("{}: {}", printable(&file.display().to_string()), n);
    }
    if analysed > 0 {
        eprintln!(
            "{}: {} without an analysis: analysed again",
            printable(&file.display().to_string()),
            crate::tui::text::plural(analysed, "answer")
        );
    }
    let store = open_store_for_writing(global)?;
    // Judged once here (on every core), cached with the answers as the app
    // saves them, so `stats`, `export` and home never judge an imported
    // answer again.
    let judging = load_content(global)?;
    cache_judgements(&judging, &mut export.sessions);
    let mut bar: Option<Option<indicatif::ProgressBar>> = None;
    let report = store::export::import_with(&store, &export, &mut |n, of| {
        let b = bar.get_or_insert_with(|| progress_bar(of as u64, "importing sessions"));
        if let Some(b) = b {
            b.set_position(n as u64);
        }
    });
    if let Some(Some(b)) = bar {
        b.finish_and_clear();
    }
    let report = report?;
    // The summary index, as the app writes it, so `stats` and home read
    // the imported history at once.
    rebuild_index(&store, &judging);
    println!("imported {}: {report}", file.display());
    Ok(())
}

/// Brings the summary index of the writer `store` up to date: the session
/// files that changed, came or went since it was written (every file when
/// there is none) are read, what has no current cached judgement is judged
/// (in memory), and the index is written (a cache: a failure to write it
/// costs only speed later).
pub fn rebuild_index(store: &Store, c: &Content) {
    let judge = crate::practice::judge::IndexJudge::new(c);
    let _ = store.read_practice(&judge, &[], || None);
}

/// Fills in the cached judgement of every answer of `sessions` that has none
/// or a stale one, on every core (one judge per thread).
pub fn cache_judgements(c: &Content, sessions: &mut [store::Session]) {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let chunk = sessions.len().div_ceil(threads).max(1);
    std::thread::scope(|scope| {
        for part in sessions.chunks_mut(chunk) {
            scope.spawn(move || {
                let judge = crate::practice::judge::Judge::new(c);
                for s in part {
                    judge.refresh_cache(s);
                }
            });
        }
    });
}

/// From how many items a long import or export shows a progress bar.
pub const PROGRESS_FROM: u64 = 200;

/// A progress bar on stderr for `len` items, or none: for fewer than
/// [`PROGRESS_FROM`] items, and whenever stderr is not a terminal (indicatif
/// then draws nothing).
pub fn progress_bar(len: u64, what: &str) -> Option<indicatif::ProgressBar> {
    use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
    if len < PROGRESS_FROM || !std::io::IsTerminal::is_terminal(&std::io::stderr()) {
        return None;
    }
    let bar = ProgressBar::with_draw_target(Some(len), ProgressDrawTarget::stderr());
    if let Ok(style) = ProgressStyle::with_template("{msg} {wide_bar} {pos}/{len}") {
        bar.set_style(style);
    }
    bar.set_message(what.to_string());
    Some(bar)
}

/// Analyses again every answer whose analysis a hand-written export left
/// out (or gave as `{}`), as the app would have: judged against its
/// question when the loaded content has it. Returns how many.
pub fn recompute_missing_analysis(c: &Content, export: &mut Export) -> usize {
    use crate::practice::analysis;
    let mut n = 0;
    for s in &mut export.sessions {
        for a in &mut s.answers {
            if !a.analysis.is_missing() || a.is_blank() {
                continue;
            }
            let limit = a.time_limit_secs;
            let fresh = match c.question(&a.question_id) {
                Some(q) => {
                    let told = if a.parts.is_empty() {
                        crate::practice::judge::Told::Star(&a.star)
                    } else {
                        crate::practice::judge::Told::Parts(&a.parts)
                    };
                    let j = crate::practice::judge::Judge::new(c).judge_words(
                        q,
                        &told,
                        &[],
                        limit,
                        false,
                    );
                    if a.parts.is_empty() {
                        analysis::from_judgement(&a.star, &j)
                    } else {
                        analysis::from_parts_judgement(&a.parts, &j)
                    }
                }
                None => analysis::analyse(&a.star, limit),
            };
            a.analysis = fresh.record;
            n += 1;
        }
    }
    n
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
    // Check where the pack goes before reporting what was imported.
    if let Some(dir) = output.parent().filter(|d| !d.as_os_str().is_empty())
        && !dir.is_dir()
    {
        return Err(Failure(format!(
            "{}: the folder does not exist; create it or choose another --output",
            dir.display()
        )));
    }
    let text = content::read_input(file, content::max_input_bytes()?)?;
    let format = match format {
        crate::cli::ImportFormat::Markdown => Format::Markdown,
        crate::cli::ImportFormat::Csv => Format::Csv,
        crate::cli::ImportFormat::Json => Format::Json,
    };
    let imported = import_questions(c, &text, format, &file.display().to_string())
        .map_err(|e| Failure(content::shorten_quotes(&e)))?;
    for line in &imported.report {
        eprintln!(
            "{}",
            printable(&content::shorten_quotes_to(
                line,
                content::REPORT_QUOTE_CHARS
            ))
        );
    }
    store::write_bytes(output, imported.toml.as_bytes())?;
    println!(
        "wrote {} questions to {}",
        imported.mapped,
        output.display()
    );
    Ok(())
}

/// `loopdrill stats [--json]`: per-LP practice from the store, read-only.
pub fn stats_cmd(global: &Global, c: &Content, json: bool) -> CmdResult {
    let (text, warnings) = stats_report(&data_dir(global)?, c, json, chrono::Utc::now())?;
    for w in warnings {
        eprintln!("warning: {}", printable(&w));
    }
    std::io::stdout().lock().write_all(text.as_bytes())?;
    Ok(())
}

/// The stats report (JSON or the table) of data dir `dir`, and a warning
/// per file that could not be read. Like the home screen, it reads the
/// summary index when there is a usable one (only the session files changed
/// since are read in full) and takes the interviewer's levels from the
/// judgements cached with the answers, so nothing is judged again unless
/// its words or the judge changed.
pub fn stats_report(
    dir: &Path,
    c: &Content,
    json: bool,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<(String, Vec<String>), Failure> {
    let store = Store::open_read_only(dir);
    let judge = crate::practice::judge::IndexJudge::new(c);
    let ids: Vec<&str> = c.principles.iter().map(|p| p.id.as_str()).collect();
    let (practice, _) = store.read_practice(&judge, &ids, || {
        // No index, or a stale one: when no other loopdrill holds the data
        // dir, it is written afresh, so the next call is fast.
        store::index::is_store(dir)
            .then(|| Store::open_for_cache(dir).ok())
            .flatten()
    });
    let warnings = practice.problems.iter().map(|p| p.to_string()).collect();
    let p = crate::practice::progress::progress_of(&practice.answers, practice.sessions, c, now);
    let text = if json {
        let text = serde_json::to_string_pretty(&p)
            .map_err(|e| Failure(format!("cannot encode the stats: {e}")))?;
        format!("{}\n", store::export::escape_controls(&text))
    } else {
        printable(&stats_table(&p, now))
    };
    Ok((text, warnings))
}

/// The plain-text stats report (no colour codes).
pub fn stats_table(
    p: &crate::practice::progress::Progress,
    now: chrono::DateTime<chrono::Utc>,
) -> String {
    use crate::practice::progress::calendar_weeks;
    use crate::tui::screens::review::clock;
    use crate::tui::screens::stats::{CALENDAR_WEEKS, SHADE_LEGEND, reason, shade};
    use crate::tui::text::one_line;
    use crate::tui::text::{pad, pad_left};
    use std::fmt::Write as _;
    let mut s = String::new();
    let _ = writeln!(
        s,
        "{}, {} (as of {})\n",
        crate::tui::text::plural(p.sessions, "session"),
        crate::tui::text::plural(p.answers, "answer"),
        crate::localtime::local(now).format("%Y-%m-%d")
    );
    let name_w = p
        .principles
        .iter()
        .map(|x| crate::tui::text::width(&one_line(&x.name)))
        .max()
        .unwrap_or(20)
        .max(20);
    let _ = writeln!(
        s,
        "Levels are the interviewer's, judged from your words; you± is how far your\nself-scores sit above them (calibration).\n"
    );
    let _ = writeln!(
        s,
        "{}  {} {} {}  {}  {}  {}  last practised",
        pad("Leadership Principle", name_w),
        pad_left("answers", 7),
        pad_left("avg", 4),
        pad_left("you±", 5),
        pad("trend", 12),
        pad_left("mean time / limit", 17),
        pad_left("answers over", 12),
    );
    for x in &p.principles {
        let avg = x.average.map_or("-".into(), |a| format!("{a:.2}"));
        let time = match (x.mean_secs, x.mean_limit_secs) {
            (Some(m), Some(l)) => {
                format!("{} / {}", clock(m.round() as u64), clock(l.round() as u64))
            }
            _ => "-".into(),
        };
        let last = x.last_practised.map_or("never".into(), |l| {
            crate::localtime::local(l).format("%Y-%m-%d").to_string()
        });
        let cal = x.calibration_gap.map_or("-".into(), |g| format!("{g:+.1}"));
        let _ = writeln!(
            s,
            "{}  {} {} {}  {}  {}  {}  {last}",
            pad(&one_line(&x.name), name_w),
            pad_left(&x.answers.to_string(), 7),
            pad_left(&avg, 4),
            pad_left(&cal, 5),
            pad(&crate::tui::widgets::spark(&x.trend), 12),
            pad_left(&time, 17),
            pad_left(&x.overtime_answers.to_string(), 12),
        );
    }
    let _ = writeln!(s, "\nPractise next:");
    for (k, x) in p.due_order().into_iter().take(3).enumerate() {
        let _ = writeln!(s, "  {}. {} ({})", k + 1, one_line(&x.name), reason(x, now));
    }
    let today = crate::localtime::local_date(now);
    let weeks = calendar_weeks(&p.calendar, today, CALENDAR_WEEKS);
    let _ = writeln!(
        s,
        "\nLast {CALENDAR_WEEKS} weeks, answers per day ({SHADE_LEGEND}):"
    );
    for (d, day) in ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
        .iter()
        .enumerate()
    {
        let mut line = format!("  {day} ");
        for w in &weeks {
            line.push(w[d].map_or(' ', |(_, n)| shade(n)));
            line.push(' ');
        }
        let _ = writeln!(s, "{}", line.trim_end());
    }
    s
}

/// The most `assess` reads: an answer is a few pages, never megabytes.
const ASSESS_MAX_BYTES: u64 = 4 * 1024 * 1024;

/// `loopdrill assess`: judges one answer from FILE or standard input.
pub fn assess_cmd(
    c: &Content,
    question: &str,
    file: Option<&Path>,
    format: crate::cli::AssessFormat,
    interviewer: Option<&str>,
) -> CmdResult {
    assess_cmd_with(c, question, file, format, interviewer, None)
}

/// `loopdrill assess [--ai]`: as [`assess_cmd`], with the model's second
/// opinion beside the rule judge's when `ai` is given.
pub fn assess_cmd_with(
    c: &Content,
    question: &str,
    file: Option<&Path>,
    format: crate::cli::AssessFormat,
    interviewer: Option<&str>,
    ai: Option<&dyn crate::practice::ai::ChatModel>,
) -> CmdResult {
    use std::io::Read as _;
    let q = c.question(question).ok_or_else(|| {
        Failure(format!(
            "unknown question \"{question}\" (see `loopdrill content list questions`)"
        ))
    })?;
    let persona = match interviewer {
        None => None,
        Some(id) => Some(c.interviewer(id).ok_or_else(|| {
            Failure(format!(
                "unknown interviewer \"{id}\" (see `loopdrill content list interviewers`)"
            ))
        })?),
    };
    let (name, mut reader): (String, Box<dyn std::io::Read>) = match file {
        None => ("standard input".into(), Box::new(std::io::stdin())),
        Some(p) if p == Path::new("-") => ("standard input".into(), Box::new(std::io::stdin())),
        Some(p) => (
            p.display().to_string(),
            Box::new(std::fs::File::open(p).map_err(|e| Failure(format!("{}: {e}", p.display())))?),
        ),
    };
    let mut bytes = Vec::new();
    reader
        .by_ref()
        .take(ASSESS_MAX_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Failure(format!("{name}: {e}")))?;
    if bytes.len() as u64 > ASSESS_MAX_BYTES {
        return Err(Failure(format!(
            "{name}: larger than {} MiB; an answer is a few pages",
            ASSESS_MAX_BYTES / 1024 / 1024
        )));
    }
    let text = String::from_utf8(bytes).map_err(|_| Failure(format!("{name}: not UTF-8 text")))?;
    // A scenario or design question is answered in its format's fields.
    let fields: Vec<&content::FormatField> = if q.format.is_star() {
        Vec::new()
    } else {
        c.format(q.format)
            .map(|f| f.fields_for(q))
            .unwrap_or_default()
    };
    let layout = if fields.is_empty() {
        crate::assess::Layout::Star
    } else {
        crate::assess::Layout::Fields(&fields)
    };
    let input = crate::assess::parse(&text, layout).map_err(|e| Failure(format!("{name}: {e}")))?;
    let (j, report) = crate::assess::assess(c, q, &input, persona);
    let opinion = ai.map(|m| {
        let start = std::time::Instant::now();
        let op = crate::ai::opinion::second_opinion(m, c, q, &input, &j);
        (op, start.elapsed())
    });
    // And the follow-up a drill would ask with the model on.
    let follow_up = ai.map(|m| {
        let told = if input.parts.is_empty() {
            crate::practice::judge::Told::Star(&input.star)
        } else {
            crate::practice::judge::Told::Parts(&input.parts)
        };
        let start = std::time::Instant::now();
        let f = crate::ai::opinion::follow_up_on(m, q, &told, &input.follow_ups, persona, &j);
        (f, start.elapsed())
    });
    let mut out = std::io::stdout().lock();
    match format {
        crate::cli::AssessFormat::Json => {
            let mut value = serde_json::to_value(&report)
                .map_err(|e| Failure(format!("cannot encode the assessment: {e}")))?;
            if let (Some((op, took)), Some(obj)) = (&opinion, value.as_object_mut()) {
                let mut ai = serde_json::to_value(op)?;
                ai["ms"] = json!(took.as_millis() as u64);
                if let Some((f, took)) = &follow_up {
                    ai["follow_up"] = match f {
                        Ok(f) => {
                            json!({"text": f.text, "gap": f.gap, "ms": took.as_millis() as u64})
                        }
                        Err(e) => json!({"text": null, "error": e, "ms": took.as_millis() as u64}),
                    };
                }
                obj.insert("ai".into(), ai);
            }
            let text = serde_json::to_string_pretty(&value)
                .map_err(|e| Failure(format!("cannot encode the assessment: {e}")))?;
            writeln!(out, "{}", store::export::escape_controls(&text))?;
        }
        crate::cli::AssessFormat::Text => {
            let mut text = crate::assess::text(c, q, &j, &report);
            if let Some((op, _)) = &opinion {
                text.push_str(&crate::ai::opinion::text(op, &j));
            }
            match &follow_up {
                Some((Ok(f), _)) => text.push_str(&format!("  [AI] follow-up: {}\n", f.text)),
                Some((Err(e), _)) => text.push_str(&format!("  [AI] no follow-up used: {e}\n")),
                None => {}
            }
            out.write_all(printable(&text).as_bytes())?;
        }
    }
    Ok(())
}

/// `loopdrill loop --plan [--json]`: the plan a loop would run, then exit.
pub fn loop_plan_cmd(c: &Content, args: &crate::cli::LoopArgs) -> CmdResult {
    use crate::practice::plan::{PlanOptions, interview_focus, loop_role, plan_loop_for};
    let template = args.template.clone().unwrap_or_else(|| "pm-general".into());
    if let Some(r) = &args.role {
        check_role(c, r)?;
    }
    let seed = args.seed.unwrap_or_else(|| {
        crate::practice::rng::fresh_seed(
            chrono::Utc::now().timestamp_nanos_opt().unwrap_or_default(),
        )
    });
    let opts = PlanOptions {
        interviewers: args.interviewers,
        questions: args.questions,
        answer_minutes: args.answer_minutes,
    };
    let role = loop_role(c, &template, args.role.as_deref())?;
    // Like `loop --seed N`: the plan does not depend on recent answers.
    let plan = plan_loop_for(
        c,
        &template,
        role.as_deref(),
        seed,
        opts,
        &std::collections::HashSet::new(),
    )?;
    let writing = c.template(&template).and_then(|t| t.writing.clone());
    let interviews: Vec<serde_json::Value> = plan
        .interviews
        .iter()
        .map(|i| {
            let who = c.interviewer(&i.interviewer);
            json!({
                "interviewer": {
                    "id": i.interviewer,
                    "name": who.map(|w| w.name.as_str()),
                    "role": who.map(|w| w.role.as_str()),
                    "bar_raiser": i.bar_raiser,
                },
                "focus": interview_focus(c, Some(&template), &i.interviewer).map(|f| f.id()),
                "principles": i.principles,
                "answer_minutes": i.answer_minutes,
                "questions": i.questions.iter().filter_map(|id| c.question(id)).map(|q| json!({
                    "id": q.id, "format": q.format.id(), "track": q.track.id(),
                    "roles": q.roles, "principles": q.principles,
                })).collect::<Vec<_>>(),
            })
        })
        .collect();
    let value = json!({
        "template": template,
        "seed": seed,
        "role": role,
        "interviews": interviews,
        "writing": writing,
    });
    let mut out = std::io::stdout().lock();
    if args.json {
        writeln!(
            out,
            "{}",
            store::export::escape_controls(
                &serde_json::to_string_pretty(&value).unwrap_or_default()
            )
        )?;
        return Ok(());
    }
    let mut s = String::new();
    let _ = writeln!(
        s,
        "{template} (seed {seed}{}): {}",
        role.as_deref()
            .map(|r| format!(", role {r}"))
            .unwrap_or_default(),
        crate::tui::text::plural(plan.interviews.len(), "interview")
    );
    for (k, i) in plan.interviews.iter().enumerate() {
        let who = c.interviewer(&i.interviewer);
        let focus = interview_focus(c, Some(&template), &i.interviewer)
            .map(|f| format!(" [{}]", f.name()))
            .unwrap_or_default();
        let _ = writeln!(
            s,
            "\n{}. {}{}{focus}",
            k + 1,
            who.map_or(i.interviewer.as_str(), |w| w.name.as_str()),
            if i.bar_raiser { " (Bar Raiser)" } else { "" }
        );
        for q in i.questions.iter().filter_map(|id| c.question(id)) {
            let _ = writeln!(s, "   {:<34} {:<9} {}", q.id, q.format.id(), q.text);
        }
    }
    let _ = writeln!(s, "\nwriting: {}", writing.as_deref().unwrap_or("none"));
    out.write_all(printable(&s).as_bytes())?;
    Ok(())
}

/// Reads the config (file, environment, flags): one line on a mistake.
pub fn load_config(args: &crate::cli::ConfigArgs) -> Result<crate::config::Config, Failure> {
    crate::config::load(&args.config_flags(), &crate::config::process_env).map_err(|e| {
        Failure(format!(
            "{e} (fix it, or pass --no-config to start on the defaults)"
        ))
    })
}

/// `loopdrill config path`: the file that is read (whether or not it exists).
pub fn config_path_cmd(args: &crate::cli::ConfigArgs) -> CmdResult {
    let flags = args.config_flags();
    let Some((path, from)) = crate::config::path_in_use(&flags, &crate::config::process_env) else {
        return Err(Failure(
            "cannot find a home directory for the config dir; pass --config FILE".into(),
        ));
    };
    println!("{}", path.display());
    if flags.no_config {
        eprintln!("(--no-config: it is not read)");
    } else if !path.exists() {
        eprintln!("(no file there: the defaults apply; named by {from})");
    }
    Ok(())
}

/// Fills the loop and drill options the command line left out from the config.
pub fn apply_config_defaults(cfg: &crate::config::Config, cmd: &mut Option<crate::cli::Command>) {
    use crate::cli::Command;
    match cmd {
        Some(Command::Loop(a)) => {
            if a.template.is_none() {
                a.template = Some(cfg.loop_.template.value.clone());
            }
            if a.role.is_none() {
                a.role = cfg.loop_.role.value.clone();
            }
            if a.answer_minutes.is_none() {
                a.answer_minutes = cfg.loop_.answer_minutes.value;
            }
            a.strict |= cfg.loop_.strict.value;
        }
        Some(Command::Drill(a)) => {
            if a.role.is_none() {
                a.role = cfg.drill.role.value.clone();
            }
            if a.answer_minutes.is_none() {
                a.answer_minutes = cfg.drill.answer_minutes.value;
            }
            if a.questions.is_none() {
                a.questions = cfg.drill.questions.value;
            }
        }
        _ => {}
    }
}

/// The configured model for `what`, or why there is none.
pub fn ai_model(
    g: &Global,
    cfg: &crate::config::Config,
    what: &str,
) -> Result<crate::ai::HttpModel, Failure> {
    let m = crate::ai::HttpModel::from_config(&cfg.ai)
        .map_err(Failure)?
        .ok_or_else(|| {
            Failure(format!(
                "{what}: the AI is off; set [ai] enabled = true and model in the config file, or LOOPDRILL_AI_URL and LOOPDRILL_AI_MODEL (see `loopdrill config show`)"
            ))
        })?;
    remote_notice(g, cfg);
    Ok(m)
}

/// With `allow_remote` and a server that is not this machine: says on
/// stderr what will be sent where, the first time only. It is remembered
/// in the data dir (`ai-remote.json`); when that cannot be read or written
/// (another loopdrill holds it, a read-only folder) it is said every time
/// rather than never.
fn remote_notice(g: &Global, cfg: &crate::config::Config) {
    let Some(n) = crate::ai::RemoteNotice::for_config(&cfg.ai) else {
        return;
    };
    let store = crate::startup::open_store(g).ok();
    if store.as_ref().is_some_and(|s| s.remote_ai_told(&n.url)) {
        return;
    }
    eprintln!("loopdrill: {}", printable(&n.text));
    let kept = store
        .as_ref()
        .map(|s| s.remember_remote_ai_told(&n.url, &n.model, chrono::Utc::now()));
    if !matches!(kept, Some(Ok(()))) {
        eprintln!(
            "loopdrill: (this could not be remembered in the data dir, so it will be said again)"
        );
    }
}

/// The model for the TUI: `None` when the AI is off.
pub fn tui_ai(cfg: &crate::config::Config) -> Result<Option<crate::tui::AiSetup>, Failure> {
    let Some(m) = crate::ai::HttpModel::from_config(&cfg.ai).map_err(Failure)? else {
        return Ok(None);
    };
    Ok(Some(crate::tui::AiSetup {
        notice: crate::ai::RemoteNotice::for_config(&cfg.ai),
        model: std::sync::Arc::new(m),
        follow_ups: cfg.ai.follow_ups.value,
        second_opinion: cfg.ai.second_opinion.value,
        timeout: std::time::Duration::from_secs(cfg.ai.timeout_secs.value),
    }))
}

/// `loopdrill ai check`.
pub fn ai_check_cmd(g: &Global, cfg: &crate::config::Config) -> CmdResult {
    remote_notice(g, cfg);
    let report = crate::ai::check(&cfg.ai).map_err(Failure)?;
    print!("{}", printable(&report));
    Ok(())
}
