//! `content import`: turns a third-party list of questions into a pack.
//!
//! Three input shapes are understood:
//!
//! - **markdown**: blog-style lists. Headings (`#`…`######`, setext, `<hN>`,
//!   whole-bold lines such as `**Ownership**`, lines such as
//!   `Ownership Interview Questions:`) set the Leadership Principle for the
//!   questions below them; numbered or bulleted items and question-like lines
//!   are questions; intro paragraphs, tips and notes are skipped. An item may
//!   name its LP inline (`[Ownership] Tell me …`, `Tell me … (Dive Deep)`).
//!   Items nested under a question that are questions themselves become its
//!   follow-up probes.
//! - **csv**: a header row; columns are found by name (question/text/prompt,
//!   principle/lp/leadership principle/category, optional track, difficulty,
//!   role(s), probe(s)). Quoted fields follow RFC 4180.
//! - **json**: an array of strings, an array of objects
//!   (`question`/`text` plus `principle`/`lp`/`principles`/`category`, optional
//!   `track`, `difficulty`, `roles`, `probes`), or an object whose keys are LP
//!   names mapping to arrays of questions.
//!
//! LP names are matched after normalisation (case, punctuation, `&`,
//! apostrophes, filler words), against the loaded principles' ids and names
//! plus an alias table of short forms, with a small edit distance for
//! misspellings (`lp_names.rs`). A question under no LP (company headings,
//! unknown names) gets LPs inferred from its words (`infer.rs`): written
//! with them above the confidence threshold, else with its best guess on the
//! `imported` track; never commented out. Fragments ("You took a risk…")
//! become "Tell me about a time you…" questions. Near-duplicates of loaded
//! questions are reported but still imported. Every change is reported.
//!
//! Files: `markdown.rs`, `csv.rs`, `json.rs` (one per input format),
//! `text.rs` (cleaning one question), `lp_names.rs`, `infer.rs`, `tests.rs`.

use super::Content;
use serde::Serialize;
use std::collections::HashSet;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Markdown,
    Csv,
    Json,
}

/// The outcome of an import.
#[derive(Debug, Clone, Default)]
pub struct Imported {
    /// The pack to write: mapped questions as `[[question]]` items, unmapped
    /// ones commented out at the end.
    pub toml: String,
    /// How many questions were written (every one is an active
    /// `[[question]]` item; those on the `imported` track included).
    pub mapped: usize,
    /// Diagnostics (`SOURCE:LINE: …`) and the summary line, for stderr.
    pub report: Vec<String>,
}

/// Follow-ups every imported question gets (after any the source supplied),
/// so each has at least three drill-down probes.
pub const GENERIC_PROBES: [&str; 3] = [
    "What did you personally do, as opposed to the team?",
    "What data told you it worked?",
    "What would you do differently next time?",
];

/// Jaccard similarity (over normalised tokens) from which a question is
/// flagged as a near-duplicate of an existing one.
pub const NEAR_DUPLICATE: f64 = 0.6;

const DEFAULT_ROLES: [&str; 2] = ["pm", "tpm"];

pub fn import_questions(
    content: &Content,
    text: &str,
    format: Format,
    source: &str,
) -> Result<Imported, String> {
    let source = one_line(source);
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut ctx = Ctx {
        matcher: LpMatcher::new(content),
        source: source.clone(),
        report: Vec::new(),
    };
    let raw = match format {
        Format::Markdown => parse_markdown(&mut ctx, text),
        Format::Csv => csv_items(&mut ctx, text)?,
        Format::Json => json_items(&mut ctx, text)?,
    };
    build(content, ctx, raw, format)
}

mod csv;
pub mod infer;
mod json;
mod lp_names;
mod markdown;
#[cfg(test)]
mod tests;
mod text;
pub(crate) use text::tokens_in_order;

use csv::*;
use json::*;
use lp_names::*;
use markdown::*;
use text::*;

// ------------------------------------------------------------------ model

/// One question found in the source, before mapping.
#[derive(Debug, Default, Clone)]
struct RawItem {
    line: usize,
    text: String,
    /// LP ids from the heading (or JSON key) the item sits under.
    heading: Vec<String>,
    /// LP ids named by the item itself (CSV column, JSON field).
    explicit: Vec<String>,
    track: Option<String>,
    difficulty: Option<String>,
    roles: Vec<String>,
    probes: Vec<String>,
}

struct Ctx {
    matcher: LpMatcher,
    source: String,
    report: Vec<String>,
}

impl Ctx {
    fn note(&mut self, line: usize, msg: impl AsRef<str>) {
        self.report
            .push(format!("{}:{line}: {}", self.source, msg.as_ref()));
    }
    /// Maps an explicit list of LP names (a CSV cell, a JSON field or key),
    /// reporting the names it does not know.
    fn explicit_lps(&mut self, line: usize, names: &[String]) -> Vec<String> {
        let mut out = Vec::new();
        for n in names {
            let n = clean_inline(n);
            if n.is_empty() {
                continue;
            }
            let (ids, unknown) = self.matcher.list(&n);
            for u in unknown {
                self.note(line, format!("unknown Leadership Principle \"{u}\""));
            }
            push_unique(&mut out, ids);
        }
        out
    }
}

#[derive(Serialize)]
struct QuestionOut {
    id: String,
    text: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    principles: Vec<String>,
    track: String,
    difficulty: String,
    roles: Vec<String>,
    probes: Vec<String>,
}

#[derive(Serialize)]
struct Doc<'a> {
    question: [&'a QuestionOut; 1],
}
// ------------------------------------------------------------------ build

fn build(
    content: &Content,
    mut ctx: Ctx,
    raw: Vec<RawItem>,
    format: Format,
) -> Result<Imported, String> {
    let existing: Vec<(&str, HashSet<String>)> = content
        .questions
        .iter()
        .map(|q| (q.id.as_str(), tokens(&q.text)))
        .collect();
    let mut used_ids: HashSet<String> = HashSet::new();
    let mut seen_texts: Vec<(String, usize)> = Vec::new();
    let mut mapped: Vec<(usize, QuestionOut, String)> = Vec::new();
    let mut unmapped: Vec<(usize, QuestionOut, String)> = Vec::new();
    let (mut by_heading, mut inline, mut near) = (0usize, 0usize, 0usize);
    let (mut inferred, mut fragments) = (0usize, 0usize);
    let inferrer = infer::Inferrer::new(content);

    for item in raw {
        let line = item.line;
        // backslashes are markdown escapes only; elsewhere they are literal
        let literal = |t: &str| match format {
            Format::Markdown => t.to_string(),
            Format::Csv | Format::Json => t.replace('\\', "\\\\"),
        };
        let (text, text_lps, cut) = clean_question_cut(&ctx.matcher, &literal(&item.text));
        if text.is_empty() {
            ctx.note(line, "empty question skipped");
            continue;
        }
        let text = match fragment_to_question(&text) {
            Some(q) => {
                fragments += 1;
                ctx.note(
                    line,
                    format!(
                        "\"{}\" is a fragment, not a question: imported as \"{}\"",
                        one_line(&text),
                        one_line(&q)
                    ),
                );
                q
            }
            None => text,
        };
        for tail in &cut {
            ctx.note(
                line,
                format!(
                    "\"{}\" was cut from the end of the question \"{}\" (a note, not part of it); add it back by hand if it belongs",
                    one_line(tail),
                    one_line(&text)
                ),
            );
        }
        let key = tokens_in_order(&text).join(" ");
        if let Some((_, first)) = seen_texts.iter().find(|(k, _)| *k == key) {
            let first = *first;
            ctx.note(
                line,
                format!("\"{text}\" repeats the question at line {first}; skipped"),
            );
            continue;
        }
        seen_texts.push((key, line));

        let mut principles = Vec::new();
        push_unique(&mut principles, item.explicit.iter().cloned());
        push_unique(&mut principles, text_lps);
        // an LP named on the item itself overrides the heading it sits under
        let named_inline = !principles.is_empty();
        if !named_inline {
            push_unique(&mut principles, item.heading.iter().cloned());
        }

        // near-duplicates of what is already loaded
        let toks = tokens(&text);
        let best = existing
            .iter()
            .map(|(id, t)| (*id, jaccard(&toks, t)))
            .fold(None::<(&str, f64)>, |acc, x| match acc {
                Some(a) if a.1 >= x.1 => Some(a),
                _ => Some(x),
            });
        if let Some((id, sim)) = best.filter(|b| b.1 >= NEAR_DUPLICATE) {
            near += 1;
            ctx.note(
                line,
                format!("\"{text}\" is a near-duplicate of existing question \"{id}\" (similarity {sim:.2}); imported anyway"),
            );
        }

        let mut track = item
            .track
            .as_deref()
            .and_then(|t| track_id(&mut ctx, line, t))
            .unwrap_or("leadership");
        // No LP named anywhere: inferred from the question's own words.
        let mut why = String::new();
        if principles.is_empty()
            && let Some(inf) = inferrer.infer(&text)
        {
            let nearest = inf
                .nearest
                .as_ref()
                .map(|(id, sim)| {
                    format!("; nearest built-in question \"{id}\" (similarity {sim:.2})")
                })
                .unwrap_or_default();
            let names = inf.principles.join(", ");
            if inf.confident() {
                why = format!(
                    "LPs inferred: {names} (confidence {:.2}{nearest})",
                    inf.confidence
                );
            } else {
                why = format!(
                    "LPs guessed with low confidence: {names} (confidence {:.2}{nearest}); on the \"imported\" track until you check them",
                    inf.confidence
                );
                track = crate::content::Track::Imported.id();
            }
            principles = inf.principles;
        }
        if principles.is_empty() {
            // Not one word in common with any labelled question, no cue:
            // a placeholder LP (validation wants one), on the imported track.
            if let Some(p) = content.principles.first() {
                why = format!(
                    "no LP could be inferred (no word in common with any built-in question); \"{}\" is a placeholder, on the \"imported\" track until you set it",
                    p.id
                );
                principles.push(p.id.clone());
            }
            track = crate::content::Track::Imported.id();
        }
        let difficulty = item
            .difficulty
            .as_deref()
            .and_then(|d| difficulty_id(&mut ctx, line, d))
            .unwrap_or("standard");
        let mut roles = Vec::new();
        for r in &item.roles {
            let s = slug_words(r, usize::MAX);
            if s.is_empty() {
                ctx.note(line, format!("role \"{}\" ignored", one_line(r)));
            } else {
                push_unique(&mut roles, [s]);
            }
        }
        if roles.is_empty() {
            roles = DEFAULT_ROLES.iter().map(|s| s.to_string()).collect();
        }
        let mut probes = Vec::new();
        for p in &item.probes {
            let (p, _) = clean_question(&ctx.matcher, &literal(p));
            if !p.is_empty() && !probes.contains(&p) {
                probes.push(p);
            }
        }
        for g in GENERIC_PROBES {
            if probes.len() >= 3 {
                break;
            }
            if !probes.iter().any(|p| p == g) {
                probes.push(g.to_string());
            }
        }

        let id = unique_id(content, &mut used_ids, &text);
        let q = QuestionOut {
            id,
            text: text.clone(),
            principles,
            track: track.to_string(),
            difficulty: difficulty.to_string(),
            roles,
            probes,
        };
        if q.track == crate::content::Track::Imported.id() {
            ctx.note(line, format!("\"{text}\": {why}"));
            unmapped.push((line, q, why));
        } else if !why.is_empty() {
            ctx.note(line, format!("\"{text}\": {why}"));
            inferred += 1;
            mapped.push((line, q, why));
        } else {
            if named_inline {
                inline += 1;
            } else {
                by_heading += 1;
            }
            mapped.push((line, q, String::new()));
        }
    }

    if mapped.is_empty() && unmapped.is_empty() {
        let hint = match format {
            Format::Markdown => "expected numbered or bulleted items, or lines ending with \"?\"",
            Format::Csv => "expected a header row and one question per row",
            Format::Json => {
                "expected an array of questions or an object keyed by Leadership Principle"
            }
        };
        return Err(format!("{}: no questions found ({hint})", ctx.source));
    }

    let summary = format!(
        "{} questions imported ({by_heading} mapped by heading, {inline} inline, {inferred} inferred), {} on the \"imported\" track, {fragments} fragments made questions, {near} near-duplicates",
        mapped.len(),
        unmapped.len()
    );
    let mut out = String::new();
    out.push_str(&format!(
        "# Imported by `loopdrill content import` from {}\n# {summary}\n\
         # Use it with `loopdrill --content DIR` (DIR holding this file); check it with\n\
         # `loopdrill content validate DIR`.\n",
        ctx.source
    ));
    let comment = |out: &mut String, line: usize, why: &str| {
        out.push_str(&format!("\n# {}:{line}\n", ctx.source));
        if !why.is_empty() {
            out.push_str(&format!("# {}\n", one_line(why)));
        }
    };
    for (line, q, why) in &mapped {
        comment(&mut out, *line, why);
        out.push_str(&to_toml(q)?);
    }
    if !unmapped.is_empty() {
        out.push_str(
            "\n# Track \"imported\": no LP was named for these and none could be inferred\n",
        );
        out.push_str("# with confidence; each carries its best guess. Drill them with\n");
        out.push_str("# `loopdrill drill --track imported`; once `principles` is right, set\n");
        out.push_str("# track = \"leadership\" to use them in loops and LP drills too.\n");
        for (line, q, why) in &unmapped {
            comment(&mut out, *line, why);
            out.push_str(&to_toml(q)?);
        }
        let n = unmapped.len();
        ctx.report.push(format!(
            "{n} question{} no named LP and no confident guess: written with {} best guess on the \"imported\" track (`loopdrill drill --track imported`)",
            if n == 1 { " had" } else { "s had" },
            if n == 1 { "its" } else { "their" },
        ));
    }
    ctx.report.push(summary);
    Ok(Imported {
        toml: out,
        mapped: mapped.len() + unmapped.len(),
        report: ctx.report,
    })
}

fn to_toml(q: &QuestionOut) -> Result<String, String> {
    toml::to_string(&Doc { question: [q] }).map_err(|e| format!("cannot write the pack: {e}"))
}

fn track_id(ctx: &mut Ctx, line: usize, t: &str) -> Option<&'static str> {
    let s = slug_words(t, usize::MAX);
    if s.is_empty() {
        return None;
    }
    let found = crate::content::Track::ALL
        .iter()
        .map(|t| t.id())
        .find(|id| *id == s);
    if found.is_none() {
        ctx.note(
            line,
            format!("unknown track \"{}\"; using \"leadership\"", one_line(t)),
        );
    }
    found
}

fn difficulty_id(ctx: &mut Ctx, line: usize, d: &str) -> Option<&'static str> {
    let s = slug_words(d, usize::MAX);
    let found = match s.as_str() {
        "" => return None,
        "warm-up" | "warmup" | "easy" | "basic" => Some("warm-up"),
        "standard" | "medium" | "normal" | "moderate" | "intermediate" => Some("standard"),
        "hard" | "difficult" | "advanced" | "tough" => Some("hard"),
        _ => None,
    };
    if found.is_none() {
        ctx.note(
            line,
            format!("unknown difficulty \"{}\"; using \"standard\"", one_line(d)),
        );
    }
    found
}

fn unique_id(content: &Content, used: &mut HashSet<String>, text: &str) -> String {
    let base = format!("imp-{}", question_slug(text));
    let mut id = base.clone();
    let mut n = 2;
    while used.contains(&id) || content.question(&id).is_some() {
        id = format!("{base}-{n}");
        n += 1;
    }
    used.insert(id.clone());
    id
}

const SLUG_SKIP: &[&str] = &[
    "a",
    "an",
    "the",
    "me",
    "us",
    "about",
    "time",
    "tell",
    "you",
    "your",
    "give",
    "example",
    "of",
    "describe",
    "when",
    "where",
    "did",
    "do",
    "does",
    "what",
    "how",
    "why",
    "i",
    "to",
    "in",
    "on",
    "for",
    "with",
    "that",
    "was",
    "were",
    "is",
    "are",
    "and",
    "or",
    "it",
    "this",
    "have",
    "had",
    "has",
    "walk",
    "through",
    "share",
    "can",
    "could",
    "would",
    "we",
    "our",
    "my",
    "be",
    "been",
    "situation",
    "which",
    "who",
    "there",
    "so",
    "some",
    "one",
];

/// The slug part of an imported question's id: its first significant words.
fn question_slug(text: &str) -> String {
    let words = ascii_words(text);
    let mut picked: Vec<&str> = words
        .iter()
        .map(String::as_str)
        .filter(|w| !SLUG_SKIP.contains(w))
        .take(6)
        .collect();
    if picked.is_empty() {
        picked = words.iter().map(String::as_str).take(6).collect();
    }
    let mut s = String::new();
    for w in picked {
        if !s.is_empty() && s.len() + 1 + w.len() > 48 {
            break;
        }
        if !s.is_empty() {
            s.push('-');
        }
        s.push_str(&w[..w.len().min(48)]);
    }
    if s.is_empty() {
        "question".to_string()
    } else {
        s
    }
}

/// Lower-case ASCII words (apostrophes dropped, other symbols separate).
fn ascii_words(text: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut cur = String::new();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            cur.push(c.to_ascii_lowercase());
        } else if is_apostrophe(c) {
            continue;
        } else if !cur.is_empty() {
            words.push(std::mem::take(&mut cur));
        }
    }
    if !cur.is_empty() {
        words.push(cur);
    }
    words
}

/// A kebab-case slug of at most `max` words.
fn slug_words(s: &str, max: usize) -> String {
    ascii_words(s)
        .into_iter()
        .take(max)
        .collect::<Vec<_>>()
        .join("-")
}

fn push_unique(v: &mut Vec<String>, items: impl IntoIterator<Item = String>) {
    for i in items {
        if !v.contains(&i) {
            v.push(i);
        }
    }
}

/// Text for a single report or comment line: control characters and line
/// breaks become spaces.
fn one_line(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}
