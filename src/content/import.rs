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
//! misspellings. Questions that map to no LP are reported and written as
//! commented-out `[[question]]` blocks, so the pack validates and nothing is
//! lost. Near-duplicates of loaded questions are reported but still imported.

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
    /// How many questions were written as active `[[question]]` items.
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
    let mut mapped: Vec<(usize, QuestionOut)> = Vec::new();
    let mut unmapped: Vec<(usize, QuestionOut)> = Vec::new();
    let (mut by_heading, mut inline, mut near) = (0usize, 0usize, 0usize);

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

        let track = item
            .track
            .as_deref()
            .and_then(|t| track_id(&mut ctx, line, t))
            .unwrap_or("leadership");
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
        if q.principles.is_empty() {
            ctx.note(line, format!("no Leadership Principle for \"{text}\""));
            unmapped.push((line, q));
        } else {
            if named_inline {
                inline += 1;
            } else {
                by_heading += 1;
            }
            mapped.push((line, q));
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
        "{} questions imported ({by_heading} mapped by heading, {inline} inline), {} unmapped, {near} near-duplicates",
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
    for (line, q) in &mapped {
        out.push_str(&format!("\n# {}:{line}\n", ctx.source));
        out.push_str(&to_toml(q)?);
    }
    if !unmapped.is_empty() {
        out.push_str("\n# Unmapped: add a `principles` line to use these\n");
        out.push_str("# (e.g. principles = [\"ownership\"]), then remove the leading \"# \".\n");
        for (line, q) in &unmapped {
            out.push_str(&format!("\n# {}:{line}\n", ctx.source));
            for l in to_toml(q)?.lines() {
                out.push_str("# ");
                out.push_str(l);
                out.push('\n');
            }
        }
        let n = unmapped.len();
        ctx.report.push(format!(
            "{n} unmapped question{} written commented out under \"# Unmapped\" at the end of the pack: add a `principles` line to use {}",
            if n == 1 { " was" } else { "s were" },
            if n == 1 { "it" } else { "them" },
        ));
    }
    ctx.report.push(summary);
    Ok(Imported {
        toml: out,
        mapped: mapped.len(),
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
    let found = super::Track::ALL.iter().map(|t| t.id()).find(|id| *id == s);
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

// ------------------------------------------------------------------ similarity

const SIM_STOP: &[&str] = &[
    "a", "an", "the", "and", "or", "but", "of", "to", "in", "on", "at", "for", "with", "from",
    "by", "as", "is", "was", "were", "be", "been", "are", "it", "its", "this", "that", "these",
    "those", "you", "your", "i", "me", "my", "we", "our", "us", "they", "them", "their", "he",
    "she", "his", "her", "what", "when", "where", "which", "who", "why", "how", "did", "do",
    "does", "have", "has", "had", "tell", "give", "example", "describe", "walk", "through", "time",
    "about", "can", "could", "would", "should", "will", "share", "there", "if", "so", "then",
    "than", "just", "one", "any", "some", "very", "also", "into", "out", "up", "like", "such",
    "only", "again", "ever",
];

/// Normalised tokens of a question, in order: lower-case, apostrophes
/// dropped, stop words removed, a plural `s` stripped.
fn tokens_in_order(text: &str) -> Vec<String> {
    ascii_words(text)
        .into_iter()
        .filter(|w| !SIM_STOP.contains(&w.as_str()))
        .map(|w| {
            if w.len() > 3 && w.ends_with('s') && !w.ends_with("ss") {
                w[..w.len() - 1].to_string()
            } else {
                w
            }
        })
        .collect()
}

fn tokens(text: &str) -> HashSet<String> {
    tokens_in_order(text).into_iter().collect()
}

fn jaccard(a: &HashSet<String>, b: &HashSet<String>) -> f64 {
    let union = a.union(b).count();
    if union == 0 {
        return 0.0;
    }
    a.intersection(b).count() as f64 / union as f64
}

// ------------------------------------------------------------------ LP names

/// Short forms and common variants, mapped to the stable ids.
const ALIASES: &[(&str, &str)] = &[
    ("customer obsessed", "customer-obsession"),
    ("customer first", "customer-obsession"),
    ("customer focus", "customer-obsession"),
    ("customer centric", "customer-obsession"),
    ("customer centricity", "customer-obsession"),
    ("obsess over customers", "customer-obsession"),
    ("owner", "ownership"),
    ("take ownership", "ownership"),
    ("invent simplify", "invent-and-simplify"),
    ("innovate and simplify", "invent-and-simplify"),
    ("innovation", "invent-and-simplify"),
    ("right a lot", "are-right-a-lot"),
    ("is right a lot", "are-right-a-lot"),
    ("be right a lot", "are-right-a-lot"),
    ("judgment", "are-right-a-lot"),
    ("judgement", "are-right-a-lot"),
    ("learn and be curious", "learn-and-be-curious"),
    ("curiosity", "learn-and-be-curious"),
    ("learn curious", "learn-and-be-curious"),
    ("hire and develop", "hire-and-develop-the-best"),
    ("hire and develop the best", "hire-and-develop-the-best"),
    (
        "hiring and developing the best",
        "hire-and-develop-the-best",
    ),
    ("develop the best", "hire-and-develop-the-best"),
    ("highest standards", "insist-on-the-highest-standards"),
    ("high standards", "insist-on-the-highest-standards"),
    (
        "insist on high standards",
        "insist-on-the-highest-standards",
    ),
    ("thinking big", "think-big"),
    ("bias to action", "bias-for-action"),
    ("bias towards action", "bias-for-action"),
    ("bias toward action", "bias-for-action"),
    ("frugal", "frugality"),
    ("earns trust", "earn-trust"),
    ("earning trust", "earn-trust"),
    ("trust", "earn-trust"),
    ("deep dive", "dive-deep"),
    ("dives deep", "dive-deep"),
    ("diving deep", "dive-deep"),
    ("delivers results", "deliver-results"),
    ("delivering results", "deliver-results"),
    ("deliver result", "deliver-results"),
    ("disagree and commit", "have-backbone-disagree-and-commit"),
    ("have backbone", "have-backbone-disagree-and-commit"),
    ("backbone", "have-backbone-disagree-and-commit"),
    ("earth's best employer", "strive-to-be-earths-best-employer"),
    ("best employer", "strive-to-be-earths-best-employer"),
    (
        "strive to be best employer",
        "strive-to-be-earths-best-employer",
    ),
    (
        "success and scale",
        "success-and-scale-bring-broad-responsibility",
    ),
    (
        "broad responsibility",
        "success-and-scale-bring-broad-responsibility",
    ),
    (
        "success and scale bring broad responsibilities",
        "success-and-scale-bring-broad-responsibility",
    ),
];

/// Single-word names that may be found *inside* a longer heading.
const CONTAINED_SINGLE: &[&str] = &["ownership", "frugality", "frugal", "backbone", "curiosity"];

/// Words dropped from both sides before LP names are compared: they never
/// tell two principles apart.
const LP_FILLER: &[&str] = &[
    "and", "the", "to", "for", "be", "on", "of", "a", "an", "is", "are", "have", "towards",
    "toward", "s",
];

/// Words that decorate headings ("Amazon Leadership Principle #3: … questions").
const LP_NOISE: &[&str] = &[
    "amazon",
    "amazons",
    "aws",
    "leadership",
    "principle",
    "principles",
    "lp",
    "lps",
    "interview",
    "interviews",
    "interviewing",
    "question",
    "questions",
    "sample",
    "samples",
    "example",
    "examples",
    "common",
    "top",
    "most",
    "asked",
    "frequently",
    "behavioral",
    "behavioural",
    "about",
    "with",
    "answer",
    "answers",
    "part",
    "section",
    "category",
    "no",
    "number",
    "tips",
];

/// The comparison key of an LP name: lower-case words, `&` as "and",
/// apostrophes dropped, filler and decoration removed.
fn lp_key(s: &str) -> String {
    let mut norm = String::with_capacity(s.len());
    for c in s.chars() {
        if c == '&' {
            norm.push_str(" and ");
        } else if is_apostrophe(c) {
            continue;
        } else if c.is_alphanumeric() {
            norm.extend(c.to_lowercase());
        } else {
            norm.push(' ');
        }
    }
    norm.split_whitespace()
        .filter(|w| {
            !LP_FILLER.contains(w)
                && !LP_NOISE.contains(w)
                && !w.chars().all(|c| c.is_ascii_digit())
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn is_apostrophe(c: char) -> bool {
    matches!(
        c,
        '\'' | '\u{2019}' | '\u{2018}' | '`' | '\u{b4}' | '\u{2032}'
    )
}

struct LpMatcher {
    /// (key, id), from the loaded principles and the alias table.
    keys: Vec<(String, String)>,
}

impl LpMatcher {
    fn new(content: &Content) -> Self {
        let mut keys: Vec<(String, String)> = Vec::new();
        let mut add = |k: String, id: &str| {
            if !k.is_empty() && !keys.iter().any(|(x, i)| *x == k && i == id) {
                keys.push((k, id.to_string()));
            }
        };
        for p in &content.principles {
            add(lp_key(&p.id), &p.id);
            add(lp_key(&p.name), &p.id);
        }
        for (alias, id) in ALIASES {
            if content.principle(id).is_some() {
                add(lp_key(alias), id);
            }
        }
        LpMatcher { keys }
    }

    /// The LP a whole name stands for: exact key, else the unique closest key
    /// within a small edit distance.
    fn one(&self, name: &str) -> Option<String> {
        let k = lp_key(name);
        if k.is_empty() {
            return None;
        }
        if let Some((_, id)) = self.keys.iter().find(|(key, _)| *key == k) {
            return Some(id.clone());
        }
        let mut best: Option<(usize, &str)> = None;
        let mut tie = false;
        for (key, id) in &self.keys {
            let n = key.chars().count();
            let allowed = match n {
                0..=4 => 0,
                5..=7 => 1,
                _ => 2,
            };
            let d = levenshtein(&k, key);
            if d > allowed {
                continue;
            }
            match best {
                Some((bd, bid)) if d == bd && bid != id => tie = true,
                Some((bd, _)) if d >= bd => {}
                _ => {
                    best = Some((d, id));
                    tie = false;
                }
            }
        }
        if tie {
            None
        } else {
            best.map(|b| b.1.to_string())
        }
    }

    /// A list of LP names ("Ownership; Dive Deep", "Are Right, A Lot"): the
    /// ids found, primary first, and the parts that matched nothing.
    fn list(&self, s: &str) -> (Vec<String>, Vec<String>) {
        if let Some(id) = self.one(s) {
            return (vec![id], Vec::new());
        }
        let parts: Vec<&str> = s
            .split([',', ';', '|', '/', '+', '\n'])
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .collect();
        let (mut ids, mut unknown) = (Vec::new(), Vec::new());
        if parts.len() <= 1 {
            if !s.trim().is_empty() {
                unknown.push(one_line(s.trim()));
            }
            return (ids, unknown);
        }
        let mut i = 0;
        while i < parts.len() {
            let found = (i + 1..=parts.len())
                .rev()
                .find_map(|j| self.one(&parts[i..j].join(" ")).map(|id| (j, id)));
            match found {
                Some((j, id)) => {
                    push_unique(&mut ids, [id]);
                    i = j;
                }
                None => {
                    unknown.push(one_line(parts[i]));
                    i += 1;
                }
            }
        }
        (ids, unknown)
    }

    /// Every part of `s` names an LP: the ids, else nothing.
    fn all(&self, s: &str) -> Vec<String> {
        let (ids, unknown) = self.list(s);
        if unknown.is_empty() { ids } else { Vec::new() }
    }

    /// The LPs a heading names: the whole heading as a list of names, else
    /// the names found inside it ("Customer Obsession & Ownership questions").
    fn heading(&self, s: &str) -> Vec<String> {
        let ids = self.all(s);
        if !ids.is_empty() {
            return ids;
        }
        let words: Vec<String> = lp_key(s).split(' ').map(str::to_string).collect();
        let mut hits: Vec<(usize, usize, &str)> = Vec::new();
        for (key, id) in &self.keys {
            let kw: Vec<&str> = key.split(' ').collect();
            if kw.len() == 1 && !CONTAINED_SINGLE.contains(&kw[0]) {
                continue;
            }
            if kw.len() > words.len() {
                continue;
            }
            for start in 0..=words.len() - kw.len() {
                if words[start..start + kw.len()]
                    .iter()
                    .zip(&kw)
                    .all(|(a, b)| a == b)
                {
                    hits.push((start, kw.len(), id));
                }
            }
        }
        hits.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
        let mut out = Vec::new();
        let mut end = 0;
        for (start, len, id) in hits {
            if start >= end {
                push_unique(&mut out, [id.to_string()]);
                end = start + len;
            }
        }
        out
    }
}

fn levenshtein(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for i in 1..=a.len() {
        cur[0] = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            cur[j] = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

// ------------------------------------------------------------------ text cleaning

/// Inline markup and entities removed, typographic quotes made plain,
/// white space and control characters collapsed to single spaces.
fn clean_inline(s: &str) -> String {
    let s = strip_tags(s);
    let s = strip_links(&s);
    let s = strip_emphasis(&s);
    let s = decode_entities(&s);
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        let c = match c {
            '\u{2019}' | '\u{2018}' | '\u{201b}' => '\'',
            '\u{201c}' | '\u{201d}' | '\u{201e}' => '"',
            '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{feff}' | '\u{ad}' => continue,
            c if c.is_whitespace() || c.is_control() => ' ',
            c => c,
        };
        if c == ' ' && (out.is_empty() || out.ends_with(' ')) {
            continue;
        }
        out.push(c);
    }
    out.trim_end().to_string()
}

const INLINE_TAGS: &[&str] = &[
    "a", "b", "strong", "em", "i", "u", "span", "code", "mark", "small", "sup", "sub", "abbr", "s",
    "del", "ins",
];

/// HTML tags removed: inline ones vanish, block ones become a space.
fn strip_tags(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('<') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        let tagish = after
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '/' || c == '!');
        match (tagish, after.find('>')) {
            (true, Some(end)) => {
                let name: String = after[..end]
                    .trim_start_matches('/')
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric())
                    .collect::<String>()
                    .to_ascii_lowercase();
                if !INLINE_TAGS.contains(&name.as_str()) {
                    out.push(' ');
                }
                rest = &after[end + 1..];
            }
            _ => {
                out.push('<');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// `[text](url)`, `![alt](url)` and `[text][ref]` become their text.
fn strip_links(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(open) = rest.find('[') {
        let Some(close_rel) = rest[open + 1..].find(']') else {
            break;
        };
        let close = open + 1 + close_rel;
        let after = &rest[close + 1..];
        let target_end = match after.chars().next() {
            Some('(') => after.find(')'),
            Some('[') => after.find(']'),
            _ => None,
        };
        let mut prefix = &rest[..open];
        if let Some(te) = target_end {
            prefix = prefix.strip_suffix('!').unwrap_or(prefix);
            out.push_str(prefix);
            out.push_str(&rest[open + 1..close]);
            rest = &after[te + 1..];
        } else {
            out.push_str(&rest[..=open]);
            rest = &rest[open + 1..];
        }
    }
    out.push_str(rest);
    out
}

/// `**bold**`, `__bold__`, `*em*`, `_em_`, `~~struck~~` and `` `code` ``
/// lose their markers; backslash escapes are honoured; intra-word `_` and
/// free-standing `*` stay.
fn strip_emphasis(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '\\' && chars.get(i + 1).is_some_and(|n| n.is_ascii_punctuation()) {
            out.push(chars[i + 1]);
            i += 2;
            continue;
        }
        if c == '`' {
            i += 1;
            continue;
        }
        if matches!(c, '*' | '_' | '~') {
            let mut j = i;
            while j < chars.len() && chars[j] == c {
                j += 1;
            }
            let prev = if i == 0 { None } else { Some(chars[i - 1]) };
            let next = chars.get(j).copied();
            let word = |x: Option<char>| x.is_some_and(|x| x.is_alphanumeric());
            let space = |x: Option<char>| x.is_none_or(char::is_whitespace);
            let run = j - i;
            let marker = match c {
                '~' => run >= 2,
                '_' => !(word(prev) && word(next) || space(prev) && space(next)),
                _ => run >= 2 || !(space(prev) && space(next)),
            };
            if !marker {
                out.extend(&chars[i..j]);
            }
            i = j;
            continue;
        }
        out.push(c);
        i += 1;
    }
    out
}

const ENTITIES: &[(&str, &str)] = &[
    ("amp", "&"),
    ("lt", "<"),
    ("gt", ">"),
    ("quot", "\""),
    ("apos", "'"),
    ("nbsp", " "),
    ("ensp", " "),
    ("emsp", " "),
    ("thinsp", " "),
    ("rsquo", "\u{2019}"),
    ("lsquo", "\u{2018}"),
    ("sbquo", "\u{201a}"),
    ("rdquo", "\u{201d}"),
    ("ldquo", "\u{201c}"),
    ("bdquo", "\u{201e}"),
    ("mdash", "\u{2014}"),
    ("ndash", "\u{2013}"),
    ("hellip", "\u{2026}"),
    ("bull", "\u{2022}"),
    ("middot", "\u{b7}"),
    ("laquo", "\u{ab}"),
    ("raquo", "\u{bb}"),
    ("copy", "\u{a9}"),
    ("reg", "\u{ae}"),
    ("trade", "\u{2122}"),
    ("times", "\u{d7}"),
    ("deg", "\u{b0}"),
    ("euro", "\u{20ac}"),
    ("pound", "\u{a3}"),
    ("cent", "\u{a2}"),
    ("prime", "\u{2032}"),
    ("shy", "\u{ad}"),
    ("eacute", "\u{e9}"),
    ("egrave", "\u{e8}"),
    ("aacute", "\u{e1}"),
    ("agrave", "\u{e0}"),
    ("ccedil", "\u{e7}"),
    ("uuml", "\u{fc}"),
    ("ouml", "\u{f6}"),
    ("auml", "\u{e4}"),
    ("szlig", "\u{df}"),
    ("ntilde", "\u{f1}"),
];

/// Decodes HTML character references once (`&amp;quot;` → `&quot;`).
/// Unknown or malformed references are left as they are.
fn decode_entities(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        let decoded = after.find(';').filter(|&e| e > 0 && e <= 10).and_then(|e| {
            let name = &after[..e];
            let ch = if let Some(num) = name.strip_prefix('#') {
                let v = match num.strip_prefix(['x', 'X']) {
                    Some(hex) => u32::from_str_radix(hex, 16).ok(),
                    None => num.parse::<u32>().ok(),
                };
                v.and_then(char::from_u32).map(String::from)
            } else {
                ENTITIES
                    .iter()
                    .find(|(n, _)| *n == name || n.eq_ignore_ascii_case(name) && name.len() <= 4)
                    .map(|(_, v)| v.to_string())
            };
            ch.map(|c| (c, e))
        });
        match decoded {
            Some((c, e)) => {
                out.push_str(&c);
                rest = &after[e + 1..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Words that mark a parenthetical or tail as an editor's note, not part of
/// the question.
const NOTE_WORDS: &[&str] = &[
    "asked",
    "loop",
    "loops",
    "tip",
    "tips",
    "note",
    "notes",
    "hint",
    "source",
    "popular",
    "common",
    "frequently",
    "favourite",
    "favorite",
    "reported",
    "seen",
    "via",
    "lp",
    "optional",
    "followup",
    "bonus",
    "hard",
    "easy",
    "medium",
];

const NOTE_MARKERS: &[&str] = &[
    "pro tip:",
    "tip:",
    "tips:",
    "note:",
    "hint:",
    "source:",
    "asked at:",
    "asked in:",
];

const STARTERS: &[&str] = &[
    "take me through",
    "take us through",
    "run me through",
    "run us through",
    "tell me",
    "tell us",
    "describe",
    "give me",
    "give us",
    "give an example",
    "walk me",
    "walk us",
    "share ",
    "talk about",
    "talk me",
    "explain",
    "provide an example",
    "discuss",
    "recall a time",
    "think of a time",
    "think about a time",
    "how ",
    "what ",
    "what's",
    "why ",
    "when ",
    "which ",
    "who ",
    "have you",
    "has there",
    "did you",
    "do you",
    "can you",
    "could you",
    "would you",
    "are you",
    "if you",
    "in your",
    "imagine",
];

/// Starters strong enough to make a plain paragraph line a question even
/// without a question mark.
const STRONG_STARTERS: &[&str] = &[
    "take me through",
    "take us through",
    "run me through",
    "run us through",
    "talk me through",
    "talk us through",
    "tell me",
    "tell us",
    "describe",
    "give me",
    "give us",
    "give an example",
    "walk me",
    "walk us",
    "provide an example",
    "recall a time",
    "think of a time",
    "share an example",
    "share a time",
    "talk about a time",
];

fn starts_with_any(s: &str, list: &[&str]) -> bool {
    let lower = s.trim_start_matches(['"', '\'', '(']).to_lowercase();
    list.iter().any(|p| lower.starts_with(p))
}

/// Whether `s` starts with a question starter written with a capital letter
/// (the start of a new sentence).
fn starts_sentence(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_uppercase) && starts_with_any(s, STARTERS)
}

/// Looks like an interview question (list items: ends with "?" or starts
/// like one).
fn question_like(s: &str) -> bool {
    word_count(s) >= 2 && (s.ends_with('?') || starts_with_any(s, STARTERS))
}

/// A plain paragraph line is a question only when it starts like one and
/// either ends with "?" or opens with an imperative ("Tell me…"), or when it
/// is one single sentence ending with "?".
fn paragraph_question(s: &str) -> bool {
    if word_count(s) < 2 {
        return false;
    }
    let mut body = s.chars();
    body.next_back();
    let single_sentence = !body.as_str().contains(['.', '!', '?', ':']);
    (starts_with_any(s, STARTERS) && s.ends_with('?'))
        || starts_with_any(s, STRONG_STARTERS)
        || (single_sentence && s.ends_with('?'))
}

fn word_count(s: &str) -> usize {
    s.split_whitespace().count()
}

/// An editor's note rather than part of the question: it uses a note word
/// ("asked in 3 loops", "tip: …") or holds no real word at all ("2023", "5x").
fn note_ish(s: &str) -> bool {
    let words = ascii_words(s);
    words.iter().any(|w| NOTE_WORDS.contains(&w.as_str()))
        || !words
            .iter()
            .any(|w| w.len() >= 3 && w.chars().all(|c| c.is_ascii_alphabetic()))
}

/// Finds the opening bracket matching the one that closes `s`.
fn trailing_group(s: &str) -> Option<(usize, char)> {
    let close = s.chars().last()?;
    let open = match close {
        ')' => '(',
        ']' => '[',
        _ => return None,
    };
    let mut depth = 0;
    for (i, c) in s.char_indices().rev() {
        if c == close {
            depth += 1;
        } else if c == open {
            depth -= 1;
            if depth == 0 {
                return Some((i, open));
            }
        }
    }
    None
}

/// The LPs a fragment names ("(Dive Deep)", "LP: Ownership", "— Frugality").
fn lps_in_fragment(m: &LpMatcher, frag: &str) -> Vec<String> {
    let f = frag.trim_matches(|c: char| {
        c.is_whitespace()
            || matches!(
                c,
                '-' | '\u{2013}' | '\u{2014}' | ':' | '(' | ')' | '[' | ']' | '*' | '_' | '|' | '.'
            )
    });
    let mut f = f;
    if let Some((label, rest)) = f.split_once(':') {
        let l = label.trim().to_lowercase();
        if [
            "lp",
            "lps",
            "leadership principle",
            "leadership principles",
            "principle",
            "principles",
            "category",
            "tags",
            "tag",
        ]
        .contains(&l.as_str())
        {
            f = rest.trim();
        }
    }
    if f.is_empty() || word_count(f) > 8 {
        return Vec::new();
    }
    let ids = m.all(f);
    if !ids.is_empty() {
        return ids;
    }
    // bracketed groups inside the fragment
    let mut out = Vec::new();
    for (open, close) in [('(', ')'), ('[', ']')] {
        let mut rest = f;
        while let Some(a) = rest.find(open) {
            let Some(b) = rest[a..].find(close) else {
                break;
            };
            push_unique(&mut out, m.all(&rest[a + 1..a + b]));
            rest = &rest[a + b + 1..];
        }
    }
    out
}

/// Cleans one question: markup, numbering labels, inline LP tags and
/// trailing notes removed. Returns the text and the LPs it named inline.
fn clean_question(m: &LpMatcher, raw: &str) -> (String, Vec<String>) {
    let (s, lps, _) = clean_question_cut(m, raw);
    (s, lps)
}

/// [`clean_question`], also returning what was cut off the end of the
/// question (trailing notes, text after its "?"), to be reported.
fn clean_question_cut(m: &LpMatcher, raw: &str) -> (String, Vec<String>, Vec<String>) {
    let mut s = clean_inline(raw);
    let mut lps = Vec::new();

    // "Q3:", "Question 3 -", "Q:" labels
    for label in ["question", "q"] {
        let Some(head) = s.get(..label.len()) else {
            continue;
        };
        if head.eq_ignore_ascii_case(label) {
            let digits = s[label.len()..]
                .trim_start()
                .trim_start_matches(|c: char| c.is_ascii_digit());
            if let Some(r) = digits.trim_start().strip_prefix([':', '.', ')', '-']) {
                s = r.trim().to_string();
                break;
            }
        }
    }
    // leading "[Ownership]" / "(Ownership)" / "Ownership:" / "Ownership -"
    loop {
        let t = s.trim_start();
        let mut taken = None;
        if let Some(close) = match t.chars().next() {
            Some('[') => t.find(']'),
            Some('(') => t.find(')'),
            _ => None,
        } {
            let ids = m.all(&t[1..close]);
            if !ids.is_empty() {
                taken = Some((ids, close + 1));
            }
        }
        if taken.is_none() {
            for sep in [":", " - ", " \u{2013} ", " \u{2014} "] {
                if let Some(i) = t.find(sep)
                    && word_count(&t[..i]) <= 6
                {
                    let ids = m.all(&t[..i]);
                    if !ids.is_empty() {
                        taken = Some((ids, i + sep.len()));
                        break;
                    }
                }
            }
        }
        let Some((ids, cut)) = taken else { break };
        push_unique(&mut lps, ids);
        s = t[cut..]
            .trim_start_matches(|c: char| {
                c.is_whitespace() || matches!(c, ':' | '-' | '\u{2013}' | '\u{2014}')
            })
            .to_string();
    }

    // trailing notes: cut them off, keeping any LP they name
    let mut tails: Vec<String> = Vec::new();
    let lower = s.to_ascii_lowercase();
    if let Some(i) = NOTE_MARKERS
        .iter()
        .filter_map(|mk| {
            lower
                .match_indices(mk)
                .find(|(i, _)| *i == 0 || !lower[..*i].ends_with(|c: char| c.is_alphanumeric()))
                .map(|(i, _)| i)
        })
        .min()
        .filter(|&i| i > 0)
    {
        // "(tip: …)": the note starts at its bracket, which goes with it.
        let before = s[..i].trim_end();
        let i = if before.ends_with(['(', '[']) {
            before.len() - 1
        } else {
            i
        };
        tails.push(s[i..].to_string());
        s.truncate(i);
    }
    loop {
        let t = s.trim_end();
        let dash = [" \u{2014} ", " \u{2013} ", " -- ", " - "]
            .iter()
            .filter_map(|d| t.rfind(d).map(|i| (i, d.len())))
            .max_by_key(|x| x.0);
        let Some((i, len)) = dash else { break };
        let tail = &t[i + len..];
        if tail.contains('?') || word_count(tail) > 8 || i == 0 {
            break;
        }
        // only a tail that names an LP or reads as a note is cut off
        if lps_in_fragment(m, tail).is_empty() && !note_ish(tail) {
            break;
        }
        tails.push(tail.to_string());
        s.truncate(i);
    }
    if let Some(q) = s.rfind('?') {
        let tail = s[q + 1..].trim();
        if !(tail.is_empty() || starts_sentence(tail) || tail.starts_with(['"', '\''])) {
            tails.push(tail.to_string());
            s.truncate(q + 1);
        }
    }
    // trailing "(Dive Deep)", "(asked in 3 loops)", also just before a final "?"
    loop {
        let t = s.trim_end();
        let (body, qmark) = match t.strip_suffix('?') {
            Some(b) if b.trim_end().ends_with([')', ']']) => (b.trim_end(), "?"),
            _ => (t, ""),
        };
        let Some((open, _)) = trailing_group(body) else {
            break;
        };
        let inner = &body[open + 1..body.len() - 1];
        let ids = lps_in_fragment(m, inner);
        if !ids.is_empty() {
            push_unique(&mut lps, ids);
        } else if !note_ish(inner) {
            break;
        }
        s = format!("{}{qmark}", body[..open].trim_end());
    }
    for t in &tails {
        push_unique(&mut lps, lps_in_fragment(m, t));
    }

    let mut s = s
        .trim()
        .trim_end_matches([',', ';', '-', '\u{2013}', '\u{2014}'])
        .trim()
        .to_string();
    // surrounding quotes
    for (a, b) in [('"', '"'), ('\'', '\'')] {
        if s.len() >= 2 && s.starts_with(a) && s.ends_with(b) && s[1..s.len() - 1].find(b).is_none()
        {
            s = s[1..s.len() - 1].trim().to_string();
        }
    }
    if s.ends_with(" ?") {
        s = format!("{}?", s[..s.len() - 2].trim_end());
    }
    // A tail that only named an LP was a tag, not part of the question.
    tails.retain(|t| {
        let t = t.trim();
        !t.is_empty() && lps_in_fragment(m, t).is_empty()
    });
    (s, lps, tails)
}

// ------------------------------------------------------------------ markdown

#[derive(Debug)]
enum Block {
    Heading {
        level: u8,
        text: String,
        line: usize,
    },
    Item {
        indent: usize,
        text: String,
        line: usize,
    },
    /// `continues`: the line directly follows another paragraph line.
    Para {
        text: String,
        line: usize,
        continues: bool,
    },
}

fn indent_of(s: &str) -> usize {
    s.chars()
        .take_while(|c| c.is_whitespace())
        .map(|c| if c == '\t' { 4 } else { 1 })
        .sum()
}

/// The item's text when `t` (trimmed) starts with a list marker.
fn list_body(t: &str) -> Option<&str> {
    for m in ["- ", "* ", "+ ", "\u{2022} ", "\u{2013} ", "\u{2014} "] {
        if let Some(r) = t.strip_prefix(m) {
            return Some(r.trim_start());
        }
    }
    let digits = t.chars().take_while(|c| c.is_ascii_digit()).count();
    let rest = if digits > 0 && digits <= 4 {
        &t[digits..]
    } else if let Some(r) = t.strip_prefix('(') {
        let d = r.chars().take_while(|c| c.is_ascii_digit()).count();
        if d == 0 {
            return None;
        }
        return r[d..].strip_prefix(") ").map(str::trim_start);
    } else {
        let mut cs = t.chars();
        match (cs.next(), cs.next(), cs.next()) {
            (Some(c), Some('.' | ')'), Some(' ')) if c.is_ascii_alphabetic() => {
                return Some(t[3..].trim_start());
            }
            _ => return None,
        }
    };
    for m in [". ", ") ", ".) ", ": ", " - "] {
        if let Some(r) = rest.strip_prefix(m) {
            return Some(r.trim_start());
        }
    }
    None
}

fn is_rule(t: &str) -> bool {
    let s: String = t.chars().filter(|c| !c.is_whitespace()).collect();
    s.len() >= 3
        && ["-", "*", "_", "="]
            .iter()
            .any(|c| s.chars().all(|x| x.to_string() == *c))
}

fn atx_heading(t: &str) -> Option<(u8, String)> {
    let hashes = t.chars().take_while(|&c| c == '#').count();
    if (1..=6).contains(&hashes) && t[hashes..].starts_with([' ', '\t']) {
        let text = t[hashes..].trim().trim_end_matches('#').trim();
        return Some((hashes as u8, text.to_string()));
    }
    let lower = t.to_ascii_lowercase();
    if lower.starts_with("<h") && lower.len() > 3 {
        let b = lower.as_bytes();
        if (b'1'..=b'6').contains(&b[2]) && matches!(b[3], b'>' | b' ') {
            return Some((b[2] - b'0', t.to_string()));
        }
    }
    None
}

/// Splits a markdown document into headings, list items and paragraph
/// lines, joining wrapped lines.
fn md_blocks(text: &str) -> Vec<Block> {
    let lines: Vec<&str> = text.lines().collect();
    let mut blocks: Vec<Block> = Vec::new();
    let mut i = 0;
    if lines.first().is_some_and(|l| l.trim() == "---")
        && let Some(end) = lines
            .iter()
            .skip(1)
            .position(|l| matches!(l.trim(), "---" | "..."))
    {
        i = end + 2;
    }
    let mut fence: Option<&str> = None;
    let mut open = false; // the last block may take a continuation line
    let mut in_comment = false;
    while i < lines.len() {
        let raw = lines[i];
        let line = i + 1;
        i += 1;
        let t = raw.trim();
        if let Some(f) = fence {
            if t.starts_with(f) {
                fence = None;
            }
            continue;
        }
        if in_comment {
            if t.contains("-->") {
                in_comment = false;
            }
            continue;
        }
        if t.starts_with("<!--") && !t.contains("-->") {
            in_comment = true;
            open = false;
            continue;
        }
        if t.starts_with("```") || t.starts_with("~~~") {
            fence = Some(&t[..3]);
            open = false;
            continue;
        }
        let t = t.trim_start_matches('>').trim();
        if t.is_empty() || t.starts_with('|') {
            open = false;
            continue;
        }
        // setext heading: text followed by === or ---
        if !open
            && let Some(next) = lines.get(i).map(|l| l.trim())
            && !next.is_empty()
            && (next.chars().all(|c| c == '=') || next.chars().all(|c| c == '-') && next.len() >= 2)
            && list_body(t).is_none()
        {
            let level = if next.starts_with('=') { 1 } else { 2 };
            blocks.push(Block::Heading {
                level,
                text: t.to_string(),
                line,
            });
            i += 1;
            continue;
        }
        if is_rule(t) {
            open = false;
            continue;
        }
        if let Some((level, text)) = atx_heading(t) {
            blocks.push(Block::Heading { level, text, line });
            open = false;
            continue;
        }
        let html_item = t.get(..3).is_some_and(|p| p.eq_ignore_ascii_case("<li"));
        if let Some(body) = list_body(t).or(html_item.then_some(t)) {
            blocks.push(Block::Item {
                indent: indent_of(raw),
                text: body.to_string(),
                line,
            });
            open = true;
            continue;
        }
        // lines of nothing but markup (`<ul>`, `</div>`) separate blocks
        if clean_inline(t).is_empty() {
            open = false;
            continue;
        }
        // a wrapped line continues the previous item or paragraph line while
        // that one has not ended its sentence
        if open && let Some(Block::Item { text, .. } | Block::Para { text, .. }) = blocks.last_mut()
        {
            let prev = clean_inline(text);
            let bold_line = is_bold_line(text);
            if !prev.ends_with(['?', '.', '!', ':']) && !bold_line && !starts_sentence(t) {
                text.push(' ');
                text.push_str(t);
                continue;
            }
        }
        let continues = open && matches!(blocks.last(), Some(Block::Para { .. }));
        blocks.push(Block::Para {
            text: t.to_string(),
            line,
            continues,
        });
        open = true;
    }
    blocks
}

/// The whole line is bold (`**Ownership**`, `__Ownership:__`, `<strong>…`).
fn is_bold_line(t: &str) -> bool {
    let t = t.trim().trim_end_matches(':').trim();
    let lower = t.to_ascii_lowercase();
    (t.len() > 4 && t.starts_with("**") && t.ends_with("**") && !t[2..t.len() - 2].contains("**"))
        || (t.len() > 4
            && t.starts_with("__")
            && t.ends_with("__")
            && !t[2..t.len() - 2].contains("__"))
        || (lower.starts_with("<strong>") || lower.starts_with("<b>"))
            && (lower.ends_with("</strong>") || lower.ends_with("</b>"))
}

/// A short, non-question line that names only LPs works as a heading
/// ("Ownership Interview Questions:", "Customer Obsession").
fn plain_heading(m: &LpMatcher, text: &str) -> Vec<String> {
    let t = clean_inline(text);
    let t = t.trim_end_matches(':').trim();
    if word_count(t) > 10 || t.ends_with('?') {
        return Vec::new();
    }
    m.all(t)
}

fn parse_markdown(ctx: &mut Ctx, text: &str) -> Vec<RawItem> {
    /// The level given to headings made of bold or plain lines.
    const PSEUDO: u8 = 7;
    let mut items: Vec<RawItem> = Vec::new();
    let mut current: Vec<String> = Vec::new();
    let mut level: u8 = 0;
    // the last question taken from a list item, and its indent: deeper
    // question-like items under it are its follow-up probes
    let mut last_q: Option<(usize, usize)> = None;
    // an earlier line of the current paragraph was prose, not a question
    let mut prose_before = false;

    for block in md_blocks(text) {
        match block {
            Block::Heading {
                level: l,
                text,
                line,
            } => {
                last_q = None;
                let t = clean_inline(&text);
                let t = list_body(&t).unwrap_or(&t).to_string();
                // a heading that is itself a question ("### 3. Why Amazon?")
                let strong = starts_with_any(&t, STRONG_STARTERS);
                if word_count(&t) >= 2
                    && (t.ends_with('?') || strong)
                    && (strong || ctx.matcher.heading(&t).is_empty())
                {
                    items.push(RawItem {
                        line,
                        text: t,
                        heading: current.clone(),
                        ..Default::default()
                    });
                    continue;
                }
                let lps = ctx.matcher.heading(&t);
                if !lps.is_empty() {
                    current = lps;
                    level = l;
                } else if l <= level || current.is_empty() {
                    current.clear();
                    level = l;
                }
            }
            Block::Item { indent, text, line } => {
                if is_bold_line(&text) {
                    let t = clean_inline(&text);
                    if !question_like(&t) {
                        let lps = ctx.matcher.heading(t.trim_end_matches(':'));
                        if !lps.is_empty() {
                            current = lps;
                            level = PSEUDO;
                            last_q = None;
                        } else if !t.trim().is_empty() {
                            ctx.note(
                                line,
                                format!(
                                    "bold list entry \"{}\" is neither a question nor a Leadership Principle; skipped",
                                    one_line(&t)
                                ),
                            );
                        }
                        continue;
                    }
                }
                let (t, _) = clean_question(&ctx.matcher, &text);
                if let Some((qi, qindent)) = last_q
                    && indent > qindent
                {
                    let label = ["follow-up:", "follow up:", "followup:", "probe:"]
                        .iter()
                        .find_map(|l| t.to_ascii_lowercase().starts_with(l).then_some(l.len()));
                    if let Some(n) = label {
                        items[qi].probes.push(t[n..].trim().to_string());
                    } else if question_like(&t) {
                        items[qi].probes.push(text);
                    } else if !t.trim().is_empty() {
                        ctx.note(
                            line,
                            format!(
                                "\"{}\" (nested under the question at line {}) does not read as a follow-up question; skipped",
                                one_line(&t),
                                items[qi].line
                            ),
                        );
                    }
                    continue;
                }
                if question_like(&t) {
                    items.push(RawItem {
                        line,
                        text,
                        heading: current.clone(),
                        ..Default::default()
                    });
                    last_q = Some((items.len() - 1, indent));
                } else {
                    last_q = None;
                    // Every list entry that is not taken is reported, never
                    // dropped silently.
                    if !t.trim().is_empty() {
                        ctx.note(
                            line,
                            format!("\"{}\" does not read as a question; skipped", one_line(&t)),
                        );
                    }
                }
            }
            Block::Para {
                text,
                line,
                continues,
            } => {
                last_q = None;
                if !continues {
                    prose_before = false;
                }
                let bold = is_bold_line(&text);
                let cleaned = clean_inline(&text);
                let lps = if bold {
                    if question_like(&cleaned) && word_count(&cleaned) >= 5 {
                        Vec::new()
                    } else {
                        ctx.matcher.heading(cleaned.trim_end_matches(':'))
                    }
                } else {
                    plain_heading(&ctx.matcher, &text)
                };
                if !lps.is_empty() {
                    current = lps;
                    level = PSEUDO;
                    continue;
                }
                let (t, _) = clean_question(&ctx.matcher, &text);
                if paragraph_question(&t) && !prose_before {
                    items.push(RawItem {
                        line,
                        text,
                        heading: current.clone(),
                        ..Default::default()
                    });
                    continue;
                }
                // a question in the middle of a prose paragraph is rhetorical
                prose_before = true;
                if bold
                    && level >= PSEUDO
                    && !starts_with_any(&cleaned, &["tip", "note", "hint", "pro tip", "example"])
                {
                    // a bold sub-heading that names no LP ends a bold LP section
                    current.clear();
                }
            }
        }
    }
    items
}

// ------------------------------------------------------------------ CSV

/// A CSV record: the line it starts on and its fields.
type CsvRecord = (usize, Vec<String>);

/// Parses CSV (RFC 4180: quoted fields may hold the delimiter, doubled
/// quotes and line breaks). Returns each non-empty record with the line it
/// starts on.
fn parse_csv(text: &str, delim: char) -> Result<Vec<CsvRecord>, (usize, String)> {
    let mut records = Vec::new();
    let mut record: Vec<String> = Vec::new();
    let mut field = String::new();
    let mut line = 1;
    let mut start = 1;
    let mut quote_line = 1;
    let mut in_quotes = false;
    let mut quoted = false; // the current field was quoted
    let mut chars = text.chars().peekable();
    let end_record = |record: &mut Vec<String>, records: &mut Vec<CsvRecord>, start: usize| {
        if record.iter().any(|f| !f.trim().is_empty()) {
            records.push((start, std::mem::take(record)));
        } else {
            record.clear();
        }
    };
    while let Some(c) = chars.next() {
        if in_quotes {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                '"' => in_quotes = false,
                '\r' if chars.peek() == Some(&'\n') => {}
                '\n' => {
                    line += 1;
                    field.push('\n');
                }
                c => field.push(c),
            }
            continue;
        }
        match c {
            '"' if field.trim().is_empty() && !quoted => {
                field.clear();
                in_quotes = true;
                quoted = true;
                quote_line = line;
            }
            c if c == delim => {
                record.push(std::mem::take(&mut field));
                quoted = false;
            }
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\r' => {
                record.push(std::mem::take(&mut field));
                quoted = false;
                end_record(&mut record, &mut records, start);
                line += 1;
                start = line;
            }
            c => field.push(c),
        }
    }
    if in_quotes {
        return Err((
            quote_line,
            "unterminated quoted field (a \" is never closed)".into(),
        ));
    }
    if !field.is_empty() || !record.is_empty() {
        record.push(field);
        end_record(&mut record, &mut records, start);
    }
    Ok(records)
}

/// Guesses the delimiter from the header line: `,`, `;` or tab.
fn csv_delimiter(text: &str) -> char {
    let first = text.lines().next().unwrap_or("");
    let mut in_q = false;
    let mut counts = [0usize; 3];
    for c in first.chars() {
        match c {
            '"' => in_q = !in_q,
            ',' if !in_q => counts[0] += 1,
            ';' if !in_q => counts[1] += 1,
            '\t' if !in_q => counts[2] += 1,
            _ => {}
        }
    }
    let delims = [',', ';', '\t'];
    let best = (0..3).max_by_key(|&i| (counts[i], 3 - i)).unwrap_or(0);
    if counts[best] == 0 { ',' } else { delims[best] }
}

fn header_key(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

const Q_COLUMNS: &[&str] = &[
    "question",
    "questions",
    "text",
    "prompt",
    "questiontext",
    "interviewquestion",
    "q",
];
const LP_COLUMNS: &[&str] = &[
    "principle",
    "principles",
    "lp",
    "lps",
    "leadershipprinciple",
    "leadershipprinciples",
    "category",
    "categories",
    "competency",
];
const PROBE_COLUMNS: &[&str] = &[
    "probe",
    "probes",
    "followup",
    "followups",
    "followupquestions",
];

fn csv_items(ctx: &mut Ctx, text: &str) -> Result<Vec<RawItem>, String> {
    let records = parse_csv(text, csv_delimiter(text))
        .map_err(|(l, m)| format!("{}:{l}: {m}", ctx.source))?;
    let Some(((hline, header), rows)) = records.split_first() else {
        return Err(format!("{}: the CSV file is empty", ctx.source));
    };
    let keys: Vec<String> = header.iter().map(|h| header_key(h)).collect();
    let col = |names: &[&str]| names.iter().find_map(|n| keys.iter().position(|k| k == n));
    let Some(qcol) = col(Q_COLUMNS) else {
        return Err(format!(
            "{}:{hline}: no question column in the header (expected one of: question, text, prompt; found: {})",
            ctx.source,
            header
                .iter()
                .map(|h| format!("\"{}\"", one_line(h.trim())))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    };
    let lpcol = col(LP_COLUMNS);
    let trackcol = col(&["track"]);
    let diffcol = col(&["difficulty", "level"]);
    let rolecol = col(&["role", "roles"]);
    let probecol = col(PROBE_COLUMNS);
    let cell =
        |row: &[String], c: Option<usize>| c.and_then(|c| row.get(c)).map(|s| s.trim().to_string());
    let mut items = Vec::new();
    for (line, row) in rows {
        let text = cell(row, Some(qcol)).unwrap_or_default();
        if text.is_empty() {
            ctx.note(*line, "row without a question skipped");
            continue;
        }
        let explicit = match cell(row, lpcol) {
            Some(lp) if !lp.is_empty() => ctx.explicit_lps(*line, &[lp]),
            _ => Vec::new(),
        };
        let nonempty = |s: Option<String>| s.filter(|s| !s.is_empty());
        items.push(RawItem {
            line: *line,
            text,
            explicit,
            track: nonempty(cell(row, trackcol)),
            difficulty: nonempty(cell(row, diffcol)),
            roles: cell(row, rolecol)
                .map(|r| {
                    r.split([',', ';', '|', '/', ' '])
                        .filter(|s| !s.trim().is_empty())
                        .map(str::to_string)
                        .collect()
                })
                .unwrap_or_default(),
            probes: cell(row, probecol)
                .map(|p| {
                    p.split(['\n', '|'])
                        .map(str::trim)
                        .filter(|s| !s.is_empty())
                        .map(str::to_string)
                        .collect()
                })
                .unwrap_or_default(),
            ..Default::default()
        });
    }
    Ok(items)
}

// ------------------------------------------------------------------ JSON

/// A JSON value with the byte offset where it starts (a tiny parser, so
/// that questions keep their line numbers and objects their key order).
#[derive(Debug, Clone, PartialEq)]
enum Json {
    Null,
    Bool(bool),
    Num(String),
    Str(String),
    Arr(Vec<(usize, Json)>),
    Obj(Vec<(String, usize, Json)>),
}

struct JsonParser<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
    depth: usize,
}

impl JsonParser<'_> {
    fn err<T>(&self, msg: impl Into<String>) -> Result<T, (usize, String)> {
        Err((self.pos, msg.into()))
    }
    fn ws(&mut self) {
        while self.pos < self.bytes.len()
            && matches!(self.bytes[self.pos], b' ' | b'\t' | b'\n' | b'\r')
        {
            self.pos += 1;
        }
    }
    fn value(&mut self) -> Result<(usize, Json), (usize, String)> {
        self.ws();
        let at = self.pos;
        let v = match self.bytes.get(self.pos) {
            None => return self.err("unexpected end of the file"),
            Some(b'{') => {
                self.enter()?;
                self.pos += 1;
                let mut fields = Vec::new();
                self.ws();
                if self.bytes.get(self.pos) == Some(&b'}') {
                    self.pos += 1;
                } else {
                    loop {
                        self.ws();
                        if self.bytes.get(self.pos) != Some(&b'"') {
                            return self.err("expected a \"key\"");
                        }
                        let key = self.string()?;
                        self.ws();
                        if self.bytes.get(self.pos) != Some(&b':') {
                            return self.err("expected ':' after the key");
                        }
                        self.pos += 1;
                        let (vat, v) = self.value()?;
                        fields.push((key, vat, v));
                        self.ws();
                        match self.bytes.get(self.pos) {
                            Some(b',') => self.pos += 1,
                            Some(b'}') => {
                                self.pos += 1;
                                break;
                            }
                            _ => return self.err("expected ',' or '}'"),
                        }
                    }
                }
                self.depth -= 1;
                Json::Obj(fields)
            }
            Some(b'[') => {
                self.enter()?;
                self.pos += 1;
                let mut items = Vec::new();
                self.ws();
                if self.bytes.get(self.pos) == Some(&b']') {
                    self.pos += 1;
                } else {
                    loop {
                        items.push(self.value()?);
                        self.ws();
                        match self.bytes.get(self.pos) {
                            Some(b',') => self.pos += 1,
                            Some(b']') => {
                                self.pos += 1;
                                break;
                            }
                            _ => return self.err("expected ',' or ']'"),
                        }
                    }
                }
                self.depth -= 1;
                Json::Arr(items)
            }
            Some(b'"') => Json::Str(self.string()?),
            Some(b't') if self.text[self.pos..].starts_with("true") => {
                self.pos += 4;
                Json::Bool(true)
            }
            Some(b'f') if self.text[self.pos..].starts_with("false") => {
                self.pos += 5;
                Json::Bool(false)
            }
            Some(b'n') if self.text[self.pos..].starts_with("null") => {
                self.pos += 4;
                Json::Null
            }
            Some(b'-' | b'0'..=b'9') => {
                let start = self.pos;
                while self.pos < self.bytes.len()
                    && matches!(
                        self.bytes[self.pos],
                        b'-' | b'+' | b'.' | b'e' | b'E' | b'0'..=b'9'
                    )
                {
                    self.pos += 1;
                }
                let n = &self.text[start..self.pos];
                if n.parse::<f64>().is_err() {
                    self.pos = start;
                    return self.err(format!("invalid number {n}"));
                }
                Json::Num(n.to_string())
            }
            Some(_) => return self.err("expected a JSON value"),
        };
        Ok((at, v))
    }
    fn enter(&mut self) -> Result<(), (usize, String)> {
        self.depth += 1;
        if self.depth > 64 {
            return self.err("nested too deeply");
        }
        Ok(())
    }
    fn hex4(&mut self) -> Result<u32, (usize, String)> {
        let h = self.text.get(self.pos..self.pos + 4).unwrap_or("");
        match u32::from_str_radix(h, 16) {
            Ok(v) if h.len() == 4 && h.bytes().all(|b| b.is_ascii_hexdigit()) => {
                self.pos += 4;
                Ok(v)
            }
            _ => self.err("invalid \\u escape"),
        }
    }
    fn string(&mut self) -> Result<String, (usize, String)> {
        self.pos += 1; // opening quote
        let mut out = String::new();
        loop {
            let rest = &self.text[self.pos..];
            let Some(c) = rest.chars().next() else {
                return self.err("unterminated string");
            };
            self.pos += c.len_utf8();
            match c {
                '"' => return Ok(out),
                '\\' => {
                    let Some(e) = self.text[self.pos..].chars().next() else {
                        return self.err("unterminated string");
                    };
                    self.pos += 1;
                    match e {
                        '"' => out.push('"'),
                        '\\' => out.push('\\'),
                        '/' => out.push('/'),
                        'b' => out.push('\u{8}'),
                        'f' => out.push('\u{c}'),
                        'n' => out.push('\n'),
                        'r' => out.push('\r'),
                        't' => out.push('\t'),
                        'u' => {
                            let hi = self.hex4()?;
                            let cp = if (0xD800..0xDC00).contains(&hi)
                                && self.text[self.pos..].starts_with("\\u")
                            {
                                self.pos += 2;
                                let lo = self.hex4()?;
                                if !(0xDC00..0xE000).contains(&lo) {
                                    return self.err("invalid surrogate pair");
                                }
                                0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00)
                            } else {
                                hi
                            };
                            out.push(char::from_u32(cp).unwrap_or('\u{fffd}'));
                        }
                        _ => {
                            self.pos -= 1;
                            return self.err(format!("invalid escape \\{e}"));
                        }
                    }
                }
                c if (c as u32) < 0x20 => {
                    self.pos -= 1;
                    return self.err("control character in a string (write it as an escape)");
                }
                c => out.push(c),
            }
        }
    }
}

fn parse_json(text: &str) -> Result<Json, (usize, String)> {
    let mut p = JsonParser {
        text,
        bytes: text.as_bytes(),
        pos: 0,
        depth: 0,
    };
    let (_, v) = p.value()?;
    p.ws();
    if p.pos < text.len() {
        return p.err("unexpected text after the JSON value");
    }
    Ok(v)
}

fn json_strings(v: &Json) -> Vec<String> {
    match v {
        Json::Str(s) => vec![s.clone()],
        Json::Arr(items) => items
            .iter()
            .filter_map(|(_, x)| match x {
                Json::Str(s) => Some(s.clone()),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    }
}

fn json_items(ctx: &mut Ctx, text: &str) -> Result<Vec<RawItem>, String> {
    let v = parse_json(text).map_err(|(at, m)| {
        let (l, c) = super::line_col(text, at);
        format!("{}:{l}:{c}: invalid JSON: {m}", ctx.source)
    })?;
    let line = |at: usize| super::line_col(text, at).0;
    let mut items = Vec::new();
    match &v {
        Json::Arr(list) => json_list(ctx, text, list, &[], &mut items),
        Json::Obj(fields) if json_field(fields, Q_COLUMNS).is_some() => {
            json_list(ctx, text, &[(0, v.clone())], &[], &mut items)
        }
        Json::Obj(fields) => {
            for (key, at, value) in fields {
                let list = match value {
                    Json::Arr(list) => list.clone(),
                    Json::Str(_) | Json::Obj(_) => vec![(*at, value.clone())],
                    _ => {
                        ctx.note(
                            line(*at),
                            format!("\"{}\" is not a list of questions; skipped", one_line(key)),
                        );
                        continue;
                    }
                };
                if ["questions", "items", "data", "list"].contains(&header_key(key).as_str()) {
                    json_list(ctx, text, &list, &[], &mut items);
                    continue;
                }
                // the key names the LPs of the questions under it
                let heading = ctx.explicit_lps(line(*at), std::slice::from_ref(key));
                json_list(ctx, text, &list, &heading, &mut items);
            }
        }
        _ => {
            return Err(format!(
                "{}: expected a JSON array or object of questions",
                ctx.source
            ));
        }
    }
    Ok(items)
}

fn json_field<'a>(
    fields: &'a [(String, usize, Json)],
    names: &[&str],
) -> Option<(usize, &'a Json)> {
    names.iter().find_map(|n| {
        fields
            .iter()
            .find(|(k, _, _)| header_key(k) == *n)
            .map(|(_, at, v)| (*at, v))
    })
}

fn json_list(
    ctx: &mut Ctx,
    text: &str,
    list: &[(usize, Json)],
    heading: &[String],
    items: &mut Vec<RawItem>,
) {
    let line = |at: usize| super::line_col(text, at).0;
    for (at, v) in list {
        match v {
            Json::Str(s) => items.push(RawItem {
                line: line(*at),
                text: s.clone(),
                heading: heading.to_vec(),
                ..Default::default()
            }),
            Json::Obj(fields) => {
                let Some((qat, Json::Str(q))) = json_field(fields, Q_COLUMNS) else {
                    ctx.note(
                        line(*at),
                        "object without a \"question\" or \"text\" string; skipped",
                    );
                    continue;
                };
                let ql = line(qat);
                let explicit = match json_field(fields, LP_COLUMNS) {
                    Some((_, lp)) => ctx.explicit_lps(ql, &json_strings(lp)),
                    None => Vec::new(),
                };
                let first = |names: &[&str]| {
                    json_field(fields, names).and_then(|(_, v)| json_strings(v).into_iter().next())
                };
                items.push(RawItem {
                    line: ql,
                    text: q.clone(),
                    heading: heading.to_vec(),
                    explicit,
                    track: first(&["track"]),
                    difficulty: first(&["difficulty", "level"]),
                    roles: json_field(fields, &["roles", "role"])
                        .map(|(_, v)| json_strings(v))
                        .unwrap_or_default(),
                    probes: json_field(fields, PROBE_COLUMNS)
                        .map(|(_, v)| json_strings(v))
                        .unwrap_or_default(),
                });
            }
            _ => ctx.note(
                line(*at),
                "not a question (expected a string or an object); skipped",
            ),
        }
    }
}

// ------------------------------------------------------------------ tests

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::{Principle, Question};

    const NAMES: [(&str, &str); 16] = [
        ("customer-obsession", "Customer Obsession"),
        ("ownership", "Ownership"),
        ("invent-and-simplify", "Invent and Simplify"),
        ("are-right-a-lot", "Are Right, A Lot"),
        ("learn-and-be-curious", "Learn and Be Curious"),
        ("hire-and-develop-the-best", "Hire and Develop the Best"),
        (
            "insist-on-the-highest-standards",
            "Insist on the Highest Standards",
        ),
        ("think-big", "Think Big"),
        ("bias-for-action", "Bias for Action"),
        ("frugality", "Frugality"),
        ("earn-trust", "Earn Trust"),
        ("dive-deep", "Dive Deep"),
        (
            "have-backbone-disagree-and-commit",
            "Have Backbone; Disagree and Commit",
        ),
        ("deliver-results", "Deliver Results"),
        (
            "strive-to-be-earths-best-employer",
            "Strive to be Earth's Best Employer",
        ),
        (
            "success-and-scale-bring-broad-responsibility",
            "Success and Scale Bring Broad Responsibility",
        ),
    ];

    fn content() -> Content {
        let mut c = Content::default();
        c.principles = NAMES
            .iter()
            .map(|(id, name)| Principle {
                id: id.to_string(),
                name: name.to_string(),
                description: "d".into(),
                signals: vec!["s".into()],
                pitfalls: vec!["p".into()],
            })
            .collect();
        c.questions = vec![Question {
                id: "own-inherited-troubled-program".into(),
                text: "Tell me about a time you inherited a program that was already in trouble. What did you do in your first 30 days?".into(),
                principles: vec!["ownership".into()],
                track: crate::content::Track::Leadership,
                difficulty: crate::content::Difficulty::Standard,
                roles: vec!["pm".into()],
                probes: vec!["p".into()],
                probe_refs: vec![],
                format: Default::default(),
                real_example: false,
            }];
        c.reindex();
        c
    }

    fn one(name: &str) -> Option<String> {
        LpMatcher::new(&content()).one(name)
    }

    #[test]
    fn lp_names_normalise_case_punctuation_misspellings_and_short_forms() {
        let table = [
            ("Customer Obsession", "customer-obsession"),
            ("CUSTOMER OBSESSION", "customer-obsession"),
            ("customer-obsession", "customer-obsession"),
            ("Customer Obssession", "customer-obsession"),
            ("Ownershp", "ownership"),
            ("ownership.", "ownership"),
            ("Dive Deeep", "dive-deep"),
            ("Deep Dive", "dive-deep"),
            ("Bias to Action", "bias-for-action"),
            ("Bias for action!", "bias-for-action"),
            ("Frugalty", "frugality"),
            ("Disagree and Commit", "have-backbone-disagree-and-commit"),
            ("Disagree & Commit", "have-backbone-disagree-and-commit"),
            ("Have Backbone", "have-backbone-disagree-and-commit"),
            (
                "Have Backbone; Disagree and Commit",
                "have-backbone-disagree-and-commit",
            ),
            (
                "Have backbone, disagree & commit",
                "have-backbone-disagree-and-commit",
            ),
            ("Earth's Best Employer", "strive-to-be-earths-best-employer"),
            (
                "Earth\u{2019}s Best Employer",
                "strive-to-be-earths-best-employer",
            ),
            ("Best Employer", "strive-to-be-earths-best-employer"),
            (
                "Strive to be Earth's Best Employer",
                "strive-to-be-earths-best-employer",
            ),
            (
                "Success and Scale",
                "success-and-scale-bring-broad-responsibility",
            ),
            (
                "Success & Scale Bring Broad Responsibility",
                "success-and-scale-bring-broad-responsibility",
            ),
            ("Highest Standards", "insist-on-the-highest-standards"),
            (
                "Insist on Highest Standards",
                "insist-on-the-highest-standards",
            ),
            ("Hire and Develop", "hire-and-develop-the-best"),
            ("Hire & Develop the Best", "hire-and-develop-the-best"),
            ("Are Right A Lot", "are-right-a-lot"),
            ("Are Right, A Lot", "are-right-a-lot"),
            ("Right a lot", "are-right-a-lot"),
            ("Learn & Be Curious", "learn-and-be-curious"),
            ("Learn and be Curios", "learn-and-be-curious"),
            ("Invent & Simplify", "invent-and-simplify"),
            ("Think Bigg", "think-big"),
            ("Earn Trust", "earn-trust"),
            ("Deliver Results", "deliver-results"),
            ("Delivers Results", "deliver-results"),
        ];
        let m = LpMatcher::new(&content());
        for (name, id) in table {
            assert_eq!(m.one(name).as_deref(), Some(id), "{name}");
        }
    }

    #[test]
    fn unrelated_words_map_to_no_principle() {
        for name in [
            "Teamwork",
            "Conflict",
            "Introduction",
            "Truth",
            "Conclusion",
            "",
            "Questions",
            "Why Amazon",
        ] {
            assert_eq!(one(name), None, "{name}");
        }
    }

    #[test]
    fn lists_of_principles_split_on_separators_but_keep_names_with_commas() {
        let m = LpMatcher::new(&content());
        assert_eq!(m.list("Ownership; Dive Deep").0, ["ownership", "dive-deep"]);
        assert_eq!(
            m.list("Ownership, Are Right, A Lot").0,
            ["ownership", "are-right-a-lot"]
        );
        assert_eq!(
            m.list("Have Backbone; Disagree and Commit").0,
            ["have-backbone-disagree-and-commit"]
        );
        let (ids, unknown) = m.list("Frugality | Teamwork");
        assert_eq!(ids, ["frugality"]);
        assert_eq!(unknown, ["Teamwork"]);
    }

    #[test]
    fn headings_name_their_principles() {
        let m = LpMatcher::new(&content());
        assert_eq!(
            m.heading("Customer Obsession questions"),
            ["customer-obsession"]
        );
        assert_eq!(m.heading("Ownership Interview Questions"), ["ownership"]);
        assert_eq!(
            m.heading("Amazon Leadership Principle #12: Dive Deep"),
            ["dive-deep"]
        );
        assert_eq!(
            m.heading("Customer Obsession & Ownership"),
            ["customer-obsession", "ownership"]
        );
        assert_eq!(
            m.heading("Questions about Earth's Best Employer"),
            ["strive-to-be-earths-best-employer"]
        );
        assert!(m.heading("How to prepare").is_empty());
        assert_eq!(
            plain_heading(&m, "Ownership Interview Questions:"),
            ["ownership"]
        );
        assert!(plain_heading(&m, "Amazon interviews are about the principles.").is_empty());
    }

    #[test]
    fn html_entities_are_decoded_once() {
        assert_eq!(
            decode_entities("Learn &amp; Be Curious"),
            "Learn & Be Curious"
        );
        assert_eq!(decode_entities("a &quot;no&quot;"), "a \"no\"");
        assert_eq!(decode_entities("Earth&#39;s"), "Earth's");
        assert_eq!(decode_entities("Earth&#x27;s"), "Earth's");
        assert_eq!(decode_entities("didn&rsquo;t"), "didn\u{2019}t");
        assert_eq!(decode_entities("a&nbsp;b"), "a b");
        assert_eq!(decode_entities("x &mdash; y"), "x \u{2014} y");
        assert_eq!(decode_entities("&amp;quot;"), "&quot;");
        assert_eq!(
            decode_entities("AT&T & co; &bogus; &"),
            "AT&T & co; &bogus; &"
        );
        assert_eq!(
            clean_inline("didn&rsquo;t &ldquo;ship&rdquo;&nbsp;it"),
            "didn't \"ship\" it"
        );
    }

    #[test]
    fn inline_markup_is_removed() {
        assert_eq!(
            clean_inline("**Tell** me _about_ a *time*"),
            "Tell me about a time"
        );
        assert_eq!(
            clean_inline("see [the guide](https://x.y/z) and ![img](a.png)"),
            "see the guide and img"
        );
        assert_eq!(
            clean_inline("a <strong>bold</strong><br/>line"),
            "a bold line"
        );
        assert_eq!(
            clean_inline("snake_case_name and 3 * 4 and \\*literal\\*"),
            "snake_case_name and 3 * 4 and *literal*"
        );
        assert_eq!(clean_inline("`code` ~~old~~"), "code old");
        assert_eq!(clean_inline("[Ownership] Tell me"), "[Ownership] Tell me");
    }

    #[test]
    fn trailing_notes_are_cut_and_inline_principles_found() {
        let m = LpMatcher::new(&content());
        let c = |s: &str| clean_question(&m, s);
        assert_eq!(
            c("Tell me about a time you failed? (asked in 3 loops)"),
            ("Tell me about a time you failed?".into(), vec![])
        );
        assert_eq!(
            c("Tell me about a time you failed. \u{2014} Tip: use a metric"),
            ("Tell me about a time you failed.".into(), vec![])
        );
        assert_eq!(
            c("How do you prioritise? Note: they love data"),
            ("How do you prioritise?".into(), vec![])
        );
        assert_eq!(
            c("[Ownership] Tell me about a gap you closed."),
            (
                "Tell me about a gap you closed.".into(),
                vec!["ownership".to_string()]
            )
        );
        assert_eq!(
            c("Tell me about a time you dug into data (Dive Deep)"),
            (
                "Tell me about a time you dug into data".into(),
                vec!["dive-deep".to_string()]
            )
        );
        assert_eq!(
            c("Tell me about a time you dug into data (Dive Deep)?"),
            (
                "Tell me about a time you dug into data?".into(),
                vec!["dive-deep".to_string()]
            )
        );
        assert_eq!(
            c("Frugality: Tell me about doing more with less."),
            (
                "Tell me about doing more with less.".into(),
                vec!["frugality".to_string()]
            )
        );
        assert_eq!(
            c("What did you cut? \u{2013} LP: Frugality"),
            ("What did you cut?".into(), vec!["frugality".to_string()])
        );
        // parentheses that belong to the question stay
        assert_eq!(
            c("Tell me about a decision you made (or avoided)").0,
            "Tell me about a decision you made (or avoided)"
        );
        // a second sentence that is part of the question stays
        assert_eq!(
            c("Why Amazon? Walk me through it.").0,
            "Why Amazon? Walk me through it."
        );
        assert_eq!(c("Q3: Why this role?").0, "Why this role?");
        assert_eq!(c("Question 12 - Why this role?").0, "Why this role?");
        // dashes and numbers that belong to the question stay
        assert_eq!(
            c("Tell me about a time you ran an A - B test").0,
            "Tell me about a time you ran an A - B test"
        );
        assert_eq!(
            c("Tell me about a budget you managed (over $1M)").0,
            "Tell me about a budget you managed (over $1M)"
        );
        assert_eq!(
            c("Tell me about a time you failed (2023)").0,
            "Tell me about a time you failed"
        );
        assert_eq!(
            c("Tell me about a time you failed - asked at two companies").0,
            "Tell me about a time you failed"
        );
        // case mapping that changes byte lengths must not break slicing
        assert_eq!(
            c("\u{130}stanbul launch tip: ask about it").0,
            "\u{130}stanbul launch"
        );
        assert_eq!(c("q\u{130}: what?").0, "q\u{130}: what?");
    }

    #[test]
    fn markdown_html_lists_tables_and_question_headings() {
        let md = "### Q1. Why do you want to work here?\n\n\
                  <h2>Bias for Action</h2>\n<ul>\n<li>Tell me about a time you acted &amp; decided fast.</li>\n</ul>\n\n| Question | LP |\n|---|---|\n| Tell me a table question? | Ownership |\n\n\
                  ## What is Think Big?\n\nThink Big\nTell me about your most ambitious goal?\n\n\
                  ```\nTell me about code?\n```\n\n## Deliver Results\n\n1. Tell me about a goal you missed (Deliver Results) (asked 5x)\n   \
                  * What would you do differently?\n   * Tip: talk about mechanisms\n";
        let out = run(md, Format::Markdown);
        let v: toml::Value = toml::from_str(&out.toml).unwrap();
        let qs = v["question"].as_array().unwrap();
        let texts: Vec<&str> = qs.iter().map(|q| q["text"].as_str().unwrap()).collect();
        // the table, the code block and "## What is Think Big?" are not questions
        assert_eq!(
            texts,
            [
                "Tell me about a time you acted & decided fast.",
                "Tell me about your most ambitious goal?",
                "Tell me about a goal you missed",
            ],
            "{}",
            out.toml
        );
        assert_eq!(qs[0]["principles"][0].as_str(), Some("bias-for-action"));
        assert_eq!(qs[1]["principles"][0].as_str(), Some("think-big"));
        assert_eq!(
            qs[2]["probes"][0].as_str(),
            Some("What would you do differently?")
        );
        assert!(out.toml.contains("# in.md:5\n"), "{}", out.toml);
        // the question heading names no LP: reported, kept commented out
        assert!(
            out.report.contains(
                &"in.md:1: no Leadership Principle for \"Why do you want to work here?\""
                    .to_string()
            ),
            "{:?}",
            out.report
        );
    }

    #[test]
    fn csv_quoted_fields_hold_commas_quotes_and_newlines() {
        let text = "question,principle\r\n\"Tell me, briefly, about a \"\"no\"\"\",Ownership\r\n\"Line one\nline two\",\"Dive Deep\"\n\nplain,Frugality";
        let rows = parse_csv(text, ',').unwrap();
        assert_eq!(rows.len(), 4);
        assert_eq!(
            rows[1],
            (
                2,
                vec![
                    "Tell me, briefly, about a \"no\"".to_string(),
                    "Ownership".to_string()
                ]
            )
        );
        assert_eq!(
            rows[2],
            (
                3,
                vec!["Line one\nline two".to_string(), "Dive Deep".to_string()]
            )
        );
        assert_eq!(
            rows[3],
            (6, vec!["plain".to_string(), "Frugality".to_string()])
        );
        assert_eq!(parse_csv("a,b\n\"open,x\n", ',').unwrap_err().0, 2);
        assert_eq!(csv_delimiter("question;lp\n"), ';');
        assert_eq!(csv_delimiter("\"a,b\"\tc\n"), '\t');
    }

    #[test]
    fn json_parser_keeps_order_offsets_and_escapes() {
        let text = "{\n  \"Ownership\": [\"a \\\"q\\\" \\u00e9\\ud83d\\ude00\"],\n  \"Dive Deep\": [\"b\"]\n}";
        let Json::Obj(fields) = parse_json(text).unwrap() else {
            panic!()
        };
        assert_eq!(fields[0].0, "Ownership");
        assert_eq!(fields[1].0, "Dive Deep");
        let Json::Arr(a) = &fields[0].2 else { panic!() };
        assert_eq!(a[0].1, Json::Str("a \"q\" \u{e9}\u{1f600}".into()));
        assert_eq!(crate::content::line_col(text, a[0].0).0, 2);
        assert!(parse_json("[\"a\",]").is_err());
        assert!(parse_json("[1] x").is_err());
    }

    fn run(text: &str, format: Format) -> Imported {
        import_questions(&content(), text, format, "in.md").unwrap()
    }

    #[test]
    fn output_escapes_strings_and_parses_back() {
        let text = "question,principle\n\"Tell me about \"\"C:\\\\temp\\\\x\"\" and a tab\there?\",Ownership\n";
        let out = run(text, Format::Csv);
        let v: toml::Value = toml::from_str(&out.toml).unwrap();
        let q = &v["question"][0];
        assert_eq!(
            q["text"].as_str().unwrap(),
            "Tell me about \"C:\\\\temp\\\\x\" and a tab here?"
        );
        assert_eq!(q["principles"][0].as_str().unwrap(), "ownership");
        assert_eq!(q["probes"].as_array().unwrap().len(), 3);
    }

    #[test]
    fn markdown_headings_items_and_unmapped() {
        let md = "# Top Amazon questions\n\nAmazon interviews focus on the LPs. Read on.\n\n\
                  ## Customer Obsession questions\n\n1. Tell me about a customer you surprised?\n\
                  2) What did you learn from a customer complaint? (asked in 3 loops)\n\n\
                  **Frugalty**\n- Tell me about doing more with less.\n\n## Tips\n\n- Why do you want this job?\n";
        let out = run(md, Format::Markdown);
        let v: toml::Value = toml::from_str(&out.toml).unwrap();
        let qs = v["question"].as_array().unwrap();
        assert_eq!(qs.len(), 3, "{}", out.toml);
        assert_eq!(qs[0]["principles"][0].as_str(), Some("customer-obsession"));
        assert_eq!(
            qs[1]["text"].as_str(),
            Some("What did you learn from a customer complaint?")
        );
        assert_eq!(qs[2]["principles"][0].as_str(), Some("frugality"));
        assert!(out.report.iter().any(|l| l == "in.md:15: no Leadership Principle for \"Why do you want this job?\""), "{:?}", out.report);
        assert!(out.toml.contains("# Unmapped: add a `principles` line"));
        assert!(out.toml.contains("# text = \"Why do you want this job?\""));
        assert_eq!(
            out.report.last().unwrap(),
            "3 questions imported (3 mapped by heading, 0 inline), 1 unmapped, 0 near-duplicates"
        );
        assert_eq!(out.mapped, 3);
    }

    #[test]
    fn ids_are_unique_and_avoid_existing_ones() {
        let c = content();
        let mut used = HashSet::new();
        let a = unique_id(
            &c,
            &mut used,
            "Tell me about a time you inherited a troubled program",
        );
        let b = unique_id(
            &c,
            &mut used,
            "Tell me about a time you inherited a troubled program!",
        );
        assert_eq!(a, "imp-inherited-troubled-program");
        assert_eq!(b, "imp-inherited-troubled-program-2");
        let mut c2 = c.clone();
        c2.questions[0].id = "imp-inherited-troubled-program".into();
        c2.reindex();
        let mut used = HashSet::new();
        assert_eq!(
            unique_id(
                &c2,
                &mut used,
                "Tell me about a time you inherited a troubled program"
            ),
            "imp-inherited-troubled-program-2"
        );
        assert_eq!(question_slug("Why?"), "why");
    }

    #[test]
    fn near_duplicates_are_flagged_but_imported() {
        let out = run(
            "- Tell me about a time you inherited a program that was in trouble. What did you do in your first 30 days? (Ownership)\n",
            Format::Markdown,
        );
        assert!(
            out.report
                .iter()
                .any(|l| l.contains("near-duplicate of existing question \"own-inherited-troubled-program\" (similarity 0.86)")),
            "{:?}",
            out.report
        );
        assert_eq!(out.mapped, 1);
        let a = tokens("Tell me about a time you failed.");
        let b = tokens("Tell me about a time you disagreed.");
        assert!(jaccard(&a, &b) < NEAR_DUPLICATE);
    }

    #[test]
    fn nothing_found_is_an_error() {
        assert!(
            import_questions(&content(), "Just an intro.\n", Format::Markdown, "x.md").is_err()
        );
        assert!(
            import_questions(&content(), "name,lp\nx,y\n", Format::Csv, "x.csv")
                .unwrap_err()
                .contains("no question column")
        );
        assert!(
            import_questions(&content(), "{\"a\": ", Format::Json, "x.json")
                .unwrap_err()
                .starts_with("x.json:1:")
        );
    }
}
