//! Export (JSON in SPEC's shape, Markdown) and merging import.

use super::{Result, SCHEMA_VERSION, Session, Store, StoreError, Story, StoryBank};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// Whether `c` must not reach a terminal raw: C0 and C1 controls, DEL, and
/// the bidirectional formatting characters (embeddings, overrides, isolates,
/// marks) that can make text read differently from what it is.
pub fn is_unsafe_char(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{1f}' | '\u{7f}'..='\u{9f}'
        | '\u{61c}' | '\u{200e}' | '\u{200f}'
        | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
        | '\u{2028}' | '\u{2029}')
}

/// Escapes, as `\uXXXX`, every [`is_unsafe_char`] left raw in JSON text
/// (serde_json escapes only C0). Such characters can only be inside strings,
/// so the result is valid JSON with the same value.
pub fn escape_controls(json: &str) -> String {
    if !json.chars().any(is_unsafe_char) {
        return json.to_string();
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        // Structural whitespace between tokens (newline, indent) stays.
        if is_unsafe_char(c) && !matches!(c, '\n' | '\t' | '\r') {
            let _ = write!(out, "\\u{:04x}", u32::from(c));
        } else {
            out.push(c);
        }
    }
    out
}

/// The whole history in one document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Export {
    /// A hand-written file may leave it out: it is then read as the current one.
    #[serde(default = "current_schema")]
    pub schema_version: u32,
    pub sessions: Vec<Session>,
    pub stories: Vec<Story>,
}

fn current_schema() -> u32 {
    SCHEMA_VERSION
}

impl Export {
    pub fn new(mut sessions: Vec<Session>, stories: Vec<Story>) -> Export {
        sessions.sort_by(|a, b| a.started_at.cmp(&b.started_at).then(a.id.cmp(&b.id)));
        Export {
            schema_version: SCHEMA_VERSION,
            sessions,
            stories,
        }
    }

    /// Pretty JSON, with every character a terminal could act on escaped
    /// (see [`escape_controls`]); `parse_export` reads it back unchanged.
    pub fn to_json(&self) -> String {
        let mut s =
            escape_controls(&serde_json::to_string_pretty(self).unwrap_or_else(|_| "{}".into()));
        s.push('\n');
        s
    }

    /// One readable document: the stories, then every answer grouped by LP.
    pub fn to_markdown(&self, principle_name: &dyn Fn(&str) -> String) -> String {
        let mut out = String::from("# loopdrill export\n\n");
        let answers = self.sessions.iter().map(|s| s.answers.len()).sum::<usize>();
        let _ = writeln!(
            out,
            "{} sessions, {} answers, {} stories.\n",
            self.sessions.len(),
            answers,
            self.stories.len()
        );
        out.push_str("## Stories\n\n");
        if self.stories.is_empty() {
            out.push_str("No stories yet.\n\n");
        }
        for st in &self.stories {
            let _ = writeln!(out, "### {}\n", one_line(&st.title));
            let lps: Vec<String> = st.principles.iter().map(|p| principle_name(p)).collect();
            // "·", as LP names may hold commas ("Are Right, A Lot").
            let _ = writeln!(out, "*Principles:* {}\n", lps.join(" · "));
            if !st.summary.trim().is_empty() {
                let _ = writeln!(out, "{}\n", st.summary.trim());
            }
            if !st.metric.trim().is_empty() {
                let _ = writeln!(out, "*Metric:* {}\n", st.metric.trim());
            }
            star_md(&mut out, &st.star);
        }
        let writing: Vec<(&Session, &super::WritingRecord)> = self
            .sessions
            .iter()
            .filter_map(|s| s.writing.as_ref().map(|w| (s, w)))
            .collect();
        if !writing.is_empty() {
            out.push_str("## Writing exercises\n\n");
            for (s, w) in writing {
                let _ = writeln!(out, "### {}\n", one_line(&w.title));
                let _ = writeln!(
                    out,
                    "*{} · {} of {}*\n",
                    crate::localtime::local(s.started_at).format("%Y-%m-%d %H:%M"),
                    mmss(w.duration_secs),
                    mmss(w.time_limit_secs)
                );
                for c in &w.checks {
                    let _ = writeln!(out, "- {}", one_line(c));
                }
                // Quoted, so the document's own headings stay inside it.
                let _ = writeln!(out, "\n> {}\n", quote(&w.text));
            }
        }
        // Each loop's debrief: the decision, why, and every interviewer's vote.
        let loops: Vec<(&Session, &super::DebriefRecord)> = self
            .sessions
            .iter()
            .filter_map(|s| s.debrief.as_ref().map(|d| (s, d)))
            .collect();
        if !loops.is_empty() {
            out.push_str(
                "## Loop debriefs

",
            );
            for (s, d) in loops {
                let _ = writeln!(
                    out,
                    "### {} · {}
",
                    crate::localtime::local(s.started_at).format("%Y-%m-%d %H:%M"),
                    s.template.as_deref().unwrap_or("loop")
                );
                let _ = writeln!(
                    out,
                    "**{}**{}
",
                    if d.hire { "Hire" } else { "No hire" },
                    if d.bar_raiser_veto {
                        " (the Bar Raiser vetoed)"
                    } else {
                        ""
                    }
                );
                if !d.summary.trim().is_empty() {
                    let _ = writeln!(
                        out,
                        "{}
",
                        one_line(&d.summary)
                    );
                }
                for iv in s
                    .interviews
                    .iter()
                    .filter(|iv| !iv.interviewer.id.is_empty())
                {
                    let _ = writeln!(
                        out,
                        "- {}{}: {}{}",
                        one_line(&iv.interviewer.name),
                        if iv.interviewer.bar_raiser {
                            " (Bar Raiser)"
                        } else {
                            ""
                        },
                        iv.vote.map_or("no vote", |v| v.label()),
                        iv.average_score
                            .map_or(String::new(), |a| format!(" ({a:.2})"))
                    );
                }
                out.push('\n');
            }
        }
        let mut by_lp: BTreeMap<String, Vec<(&Session, &super::Answer)>> = BTreeMap::new();
        for s in &self.sessions {
            for a in &s.answers {
                let lp = a
                    .principles
                    .first()
                    .cloned()
                    .unwrap_or_else(|| "other".into());
                by_lp.entry(lp).or_default().push((s, a));
            }
        }
        out.push_str("## Answers by Leadership Principle\n\n");
        if by_lp.is_empty() {
            out.push_str("No answers yet.\n");
        }
        for (lp, list) in by_lp {
            let _ = writeln!(out, "### {}\n", principle_name(&lp));
            for (s, a) in list {
                let _ = writeln!(out, "#### {}\n", one_line(&a.question));
                let mut meta = format!(
                    "{} · {} · {} s of {} s",
                    crate::localtime::local(a.submitted_at).format("%Y-%m-%d %H:%M"),
                    s.kind.label(),
                    a.duration_secs,
                    a.time_limit_secs
                );
                if a.overtime_secs > 0 {
                    let _ = write!(meta, " (+{} s over)", a.overtime_secs);
                }
                if let Some(avg) = a.average_score() {
                    let _ = write!(meta, " · self-score {avg:.1}/4");
                }
                let _ = writeln!(out, "*{meta}*\n");
                if let Some(iv) = s
                    .interviews
                    .get(a.interview_index)
                    .filter(|iv| !iv.interviewer.id.is_empty())
                {
                    let _ = writeln!(
                        out,
                        "*Interviewer:* {}{}\n",
                        one_line(&iv.interviewer.name),
                        if iv.interviewer.role.is_empty() {
                            String::new()
                        } else {
                            format!(", {}", one_line(&iv.interviewer.role))
                        }
                    );
                }
                // What the interviewer made of it: the judged level and the
                // flags raised (cached with the answer), else the analysis's.
                let (level, flags) = match &a.judged {
                    Some(j) => (j.average, j.signals.clone()),
                    None => (None, a.analysis.signals.clone()),
                };
                if let Some(l) = level {
                    let _ = writeln!(out, "*Interviewer's level:* {l:.1}/4\n");
                }
                for f in &flags {
                    let why = crate::content::signal_explanation(f).unwrap_or(f.as_str());
                    let _ = writeln!(out, "- ⚑ {why}");
                }
                if !flags.is_empty() {
                    out.push('\n');
                }
                for (label, text) in a.labelled() {
                    if !text.trim().is_empty() {
                        let _ = writeln!(out, "**{label}.** {}\n", text.trim());
                    }
                }
                for f in &a.follow_ups {
                    let _ = writeln!(
                        out,
                        "> **{}**\n>\n> {}\n",
                        one_line(&f.probe),
                        quote(&f.response)
                    );
                }
                if !a.notes.trim().is_empty() {
                    let _ = writeln!(out, "*Notes:* {}\n", a.notes.trim());
                }
            }
        }
        out
    }
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `m:ss`.
fn mmss(secs: u64) -> String {
    format!("{}:{:02}", secs / 60, secs % 60)
}

fn quote(s: &str) -> String {
    s.trim().replace('\n', "\n> ")
}

fn star_md(out: &mut String, star: &super::Star) {
    for (label, text) in super::Star::NAMES.iter().zip(star.fields()) {
        if !text.trim().is_empty() {
            let _ = writeln!(out, "**{label}.** {}\n", text.trim());
        }
    }
}

/// When a session last changed: the latest of its timestamps.
pub fn last_change(s: &Session) -> DateTime<Utc> {
    let mut t = s.started_at;
    if let Some(f) = s.finished_at {
        t = t.max(f);
    }
    for a in &s.answers {
        t = t.max(a.submitted_at);
        for r in &a.score_history {
            t = t.max(r.scored_at);
        }
    }
    t
}

/// What an import did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct ImportReport {
    pub sessions_added: usize,
    pub sessions_updated: usize,
    pub sessions_kept: usize,
    pub stories_added: usize,
    pub stories_updated: usize,
    pub stories_kept: usize,
}

impl std::fmt::Display for ImportReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "sessions: {} added, {} updated, {} unchanged; stories: {} added, {} updated, {} unchanged",
            self.sessions_added,
            self.sessions_updated,
            self.sessions_kept,
            self.stories_added,
            self.stories_updated,
            self.stories_kept
        )
    }
}

/// Parses an export document, refusing a newer schema. A hand-written file
/// may leave out the fields loopdrill derives (see [`derive_missing`]);
/// anything else wrong is one error at its line and column.
pub fn parse_export(text: &str, name: &str) -> Result<Export> {
    parse_export_noting(text, name).map(|(e, _)| e)
}

/// [`parse_export`], also saying what was derived (one line per kind).
pub fn parse_export_noting(text: &str, name: &str) -> Result<(Export, Vec<String>)> {
    let path = std::path::Path::new(name);
    let value: serde_json::Value =
        serde_json::from_str(text).map_err(|e| super::corrupt(path, &e))?;
    let version = value
        .get("schema_version")
        .and_then(|v| v.as_u64())
        .unwrap_or(0);
    if version > u64::from(SCHEMA_VERSION) {
        return Err(StoreError::Newer {
            path: name.into(),
            found: version,
        });
    }
    // Parsed from the text (not the value) so an error keeps its position.
    let mut export: Export = serde_json::from_str(text).map_err(|e| super::corrupt(path, &e))?;
    super::bounds::check(&export).map_err(|message| StoreError::OutOfBounds {
        path: name.into(),
        message,
    })?;
    let notes = derive_missing(&mut export);
    Ok((export, notes))
}

/// Fills in what a hand-written export may leave out, returning a line per
/// kind of thing filled: answer ids (`SESSION-aN`), and a story's missing
/// date from the other one (with neither, the import dates it when it adds
/// it). Sessions without `schema_version` already read as the
/// current one; analyses left out are recomputed by the caller (the store
/// cannot: see [`super::AnalysisRecord::is_missing`]).
pub fn derive_missing(export: &mut Export) -> Vec<String> {
    let mut notes = Vec::new();
    let ids: usize = export
        .sessions
        .iter_mut()
        .map(super::Session::fill_answer_ids)
        .sum();
    if ids > 0 {
        notes.push(format!(
            "{} without an id: ids derived",
            plural(ids, "answer")
        ));
    }
    let epoch = DateTime::<Utc>::default();
    let mut dated = 0;
    for st in &mut export.stories {
        if st.created_at == epoch || st.updated_at == epoch {
            dated += 1;
        }
        match (st.created_at == epoch, st.updated_at == epoch) {
            (true, true) => {}
            (true, false) => st.created_at = st.updated_at,
            (false, true) => st.updated_at = st.created_at,
            (false, false) => {}
        }
    }
    if dated > 0 {
        notes.push(format!(
            "{} without created_at or updated_at: dates derived (a story with neither is dated when added and never replaces one in the bank)",
            plural(dated, "story")
        ));
    }
    notes
}

fn plural(n: usize, what: &str) -> String {
    match (n, what) {
        (1, _) => format!("1 {what}"),
        (_, "story") => format!("{n} stories"),
        _ => format!("{n} {what}s"),
    }
}

/// Merges an export into the store by id; newer data is never overwritten.
pub fn import(store: &Store, export: &Export) -> Result<ImportReport> {
    import_with(store, export, &mut |_, _| {})
}

/// [`import`], calling `progress(written, of)` as the new and newer
/// sessions are written. All of them are written in one batch
/// ([`Store::save_sessions`]): a failure leaves every session file as it was.
pub fn import_with(
    store: &Store,
    export: &Export,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<ImportReport> {
    let history = store.load_history();
    let (write, mut report) = plan_sessions(store, &history, export)?;
    let of = write.len();
    store.save_sessions(&write, &mut |n| progress(n, of))?;
    let now = Utc::now();
    let epoch = DateTime::<Utc>::default();
    let mut bank: StoryBank = store.load_stories()?;
    let mut changed = false;
    for st in &export.stories {
        match bank.stories.iter_mut().find(|x| x.id == st.id) {
            None => {
                let mut st = st.clone();
                if st.created_at == epoch {
                    st.created_at = now;
                }
                if st.updated_at == epoch {
                    st.updated_at = now;
                }
                bank.stories.push(st);
                report.stories_added += 1;
                changed = true;
            }
            Some(existing) if st.updated_at > existing.updated_at => {
                *existing = st.clone();
                report.stories_updated += 1;
                changed = true;
            }
            Some(_) => report.stories_kept += 1,
        }
    }
    if changed {
        store.save_stories(&bank)?;
    }
    Ok(report)
}

/// The sessions to write (new ones, and newer copies of stored ones; of
/// two with the same id in the export, the later change) and the counts.
fn plan_sessions(
    store: &Store,
    history: &super::History,
    export: &Export,
) -> Result<(Vec<Session>, ImportReport)> {
    let mut report = ImportReport::default();
    for s in &export.sessions {
        super::check_id(&s.id)?;
    }
    let stored: std::collections::HashMap<&str, &Session> = history
        .sessions
        .iter()
        .map(|s| (s.id.as_str(), s))
        .collect();
    let mut write: Vec<Session> = Vec::new();
    let mut at: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for s in &export.sessions {
        if let Some(&k) = at.get(&s.id) {
            // The same id twice in one file: the later change wins.
            if last_change(s) > last_change(&write[k]) {
                write[k] = with_current_schema(s);
            }
            report.sessions_kept += 1;
            continue;
        }
        match stored.get(s.id.as_str()) {
            None if store.session_path(&s.id).exists() => {
                // Present but unreadable: never overwrite it.
                report.sessions_kept += 1;
            }
            None => {
                at.insert(s.id.clone(), write.len());
                write.push(with_current_schema(s));
                report.sessions_added += 1;
            }
            Some(existing) if last_change(s) > last_change(existing) => {
                at.insert(s.id.clone(), write.len());
                write.push(with_current_schema(s));
                report.sessions_updated += 1;
            }
            Some(_) => report.sessions_kept += 1,
        }
    }
    Ok((write, report))
}

fn with_current_schema(s: &Session) -> Session {
    let mut s = s.clone();
    s.schema_version = SCHEMA_VERSION;
    s
}
