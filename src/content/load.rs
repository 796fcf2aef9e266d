//! Reading packs, layering them, and validating with `FILE:LINE:COL` errors.

use super::SIGNALS;
use super::model::*;
use serde::Deserialize;
use std::collections::{HashMap, HashSet};
use std::fmt;
use std::path::{Path, PathBuf};
use toml::Spanned;

/// One content problem, positioned in its file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContentError {
    pub file: String,
    pub line: usize,
    pub col: usize,
    pub message: String,
}

impl fmt::Display for ContentError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.file, self.line, self.col, self.message
        )
    }
}

/// Every error found, in file order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContentErrors(pub Vec<ContentError>);

impl fmt::Display for ContentErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{e}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ContentErrors {}

/// One TOML file of a pack.
#[derive(Debug, Clone)]
pub struct PackFile {
    /// How the file is named in messages.
    pub path: String,
    pub text: String,
}

/// A pack: the files of one folder (or the built-in set).
#[derive(Debug, Clone, Default)]
pub struct Pack {
    pub files: Vec<PackFile>,
}

impl Pack {
    /// The pack compiled into the binary.
    pub fn builtin() -> Pack {
        Pack {
            files: super::EMBEDDED
                .iter()
                .map(|(p, t)| PackFile {
                    path: format!("content/{p}"),
                    text: (*t).to_string(),
                })
                .collect(),
        }
    }

    /// Reads every `*.toml` under `dir` (recursively, in path order).
    pub fn from_dir(dir: &Path) -> Result<Pack, ContentErrors> {
        let shown = dir.display().to_string();
        let err = |message: String| {
            ContentErrors(vec![ContentError {
                file: shown.clone(),
                line: 1,
                col: 1,
                message,
            }])
        };
        if !dir.is_dir() {
            return Err(err(if dir.exists() {
                "a content pack must be a folder of .toml files".into()
            } else {
                "content folder not found".into()
            }));
        }
        let mut paths = Vec::new();
        walk(dir, &mut paths).map_err(|e| err(format!("cannot read folder: {e}")))?;
        paths.sort();
        let mut files = Vec::new();
        let mut errors = Vec::new();
        for p in paths {
            // A file over the cap is refused unread.
            if let Ok(m) = std::fs::metadata(&p)
                && m.len() > super::caps::MAX_FILE_BYTES
            {
                errors.push(ContentError {
                    file: p.display().to_string(),
                    line: 1,
                    col: 1,
                    message: format!(
                        "the file holds {} bytes; a content file may hold at most {} (1 MiB): split it",
                        m.len(),
                        super::caps::MAX_FILE_BYTES
                    ),
                });
                continue;
            }
            match std::fs::read(&p) {
                Ok(bytes) => match String::from_utf8(bytes) {
                    Ok(text) => files.push(PackFile {
                        path: p.display().to_string(),
                        text,
                    }),
                    Err(e) => {
                        let off = e.utf8_error().valid_up_to();
                        let text = String::from_utf8_lossy(&e.into_bytes()[..off]).into_owned();
                        let (line, col) = line_col(&text, off);
                        errors.push(ContentError {
                            file: p.display().to_string(),
                            line,
                            col,
                            message: "file is not valid UTF-8".into(),
                        });
                    }
                },
                Err(e) => errors.push(ContentError {
                    file: p.display().to_string(),
                    line: 1,
                    col: 1,
                    message: format!("cannot read file: {e}"),
                }),
            }
        }
        if errors.is_empty() {
            Ok(Pack { files })
        } else {
            Err(ContentErrors(errors))
        }
    }
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            walk(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "toml") {
            out.push(path);
        }
    }
    Ok(())
}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text[..floor_char(text, offset)];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

fn floor_char(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

// ---------------------------------------------------------------- raw model

type S = Spanned<String>;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPrinciple {
    id: S,
    name: S,
    description: S,
    signals: Vec<S>,
    pitfalls: Vec<S>,
    #[serde(default)]
    asked_as: Vec<RawAskedAs>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAskedAs {
    text: S,
    #[serde(default)]
    also: Vec<S>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawQuestion {
    id: S,
    text: S,
    principles: Spanned<Vec<S>>,
    track: Track,
    difficulty: Difficulty,
    roles: Spanned<Vec<S>>,
    probes: Spanned<Vec<Spanned<RawFollow>>>,
    #[serde(default)]
    probe_refs: Vec<S>,
    #[serde(default)]
    format: Option<Spanned<AnswerFormat>>,
    #[serde(default)]
    real_example: Option<Spanned<bool>>,
    #[serde(default)]
    similar: Vec<S>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFormatField {
    id: S,
    name: S,
    hint: S,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFormat {
    id: Spanned<AnswerFormat>,
    name: S,
    rubric: S,
    field: Spanned<Vec<RawFormatField>>,
    #[serde(default)]
    example: Option<RawFormatField>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRedFlag {
    id: S,
    name: S,
    cap: Spanned<u8>,
    reason: S,
    #[serde(default)]
    subject: FlagSubject,
    #[serde(default)]
    formats: Vec<AnswerFormat>,
    cues: Spanned<Vec<S>>,
    #[serde(default)]
    anyone: Vec<S>,
    #[serde(default)]
    unless: Vec<S>,
    #[serde(default)]
    undone_by: Vec<S>,
    #[serde(default)]
    min_hits: Option<Spanned<u8>>,
    examples: Spanned<Vec<S>>,
    #[serde(default)]
    counter_examples: Vec<S>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAsk {
    id: S,
    name: S,
    question: Spanned<Vec<S>>,
    shows: Spanned<Vec<S>>,
    #[serde(default)]
    contrary: Vec<S>,
    #[serde(default)]
    opposite: Vec<S>,
    #[serde(default)]
    failure: bool,
    missing: S,
}

/// A question's or persona's follow-up: a plain string, or
/// `{ text = "…", seeks = ["metric", …] }`.
enum RawFollow {
    Text(String),
    Full(RawFollowFull),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFollowFull {
    text: S,
    #[serde(default)]
    seeks: Vec<S>,
    #[serde(default)]
    formats: Option<Spanned<Vec<AnswerFormat>>>,
    #[serde(default)]
    needs: Vec<S>,
}

/// A follow-up's `needs` (none for one written as a plain string).
fn follow_needs(f: &Spanned<RawFollow>) -> &[S] {
    match f.get_ref() {
        RawFollow::Text(_) => &[],
        RawFollow::Full(full) => &full.needs,
    }
}

impl<'de> Deserialize<'de> for RawFollow {
    fn deserialize<D: serde::Deserializer<'de>>(de: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = RawFollow;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str(
                    "a probe: a string, or { text = \"…\", seeks = [\"metric\", …], formats = [\"design\"] }",
                )
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<RawFollow, E> {
                Ok(RawFollow::Text(v.to_string()))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                map: A,
            ) -> Result<RawFollow, A::Error> {
                RawFollowFull::deserialize(serde::de::value::MapAccessDeserializer::new(map))
                    .map(RawFollow::Full)
            }
        }
        de.deserialize_any(V)
    }
}

/// A follow-up with the span of its text, whichever way it was written,
/// and its `formats` if it names any.
fn follow_parts(f: &Spanned<RawFollow>) -> (S, &[S], Option<&Spanned<Vec<AnswerFormat>>>) {
    match f.get_ref() {
        RawFollow::Text(t) => (Spanned::new(f.span(), t.clone()), &[], None),
        RawFollow::Full(full) => (full.text.clone(), &full.seeks, full.formats.as_ref()),
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawProbe {
    id: S,
    text: S,
    #[serde(default)]
    signal: Option<S>,
    #[serde(default)]
    principles: Vec<S>,
    #[serde(default)]
    seeks: Vec<S>,
    #[serde(default)]
    stretch: Option<Spanned<bool>>,
    #[serde(default)]
    formats: Vec<AnswerFormat>,
    #[serde(default)]
    needs: Vec<S>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCriterion {
    id: S,
    name: S,
    levels: Spanned<Vec<S>>,
    #[serde(default)]
    signals: Vec<S>,
    #[serde(default)]
    seeks: Vec<S>,
    #[serde(default)]
    when: CriterionWhen,
    #[serde(default)]
    fields: Vec<S>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRubric {
    id: S,
    name: S,
    kind: Spanned<RubricKind>,
    #[serde(default)]
    principle: Option<S>,
    criterion: Spanned<Vec<Spanned<RawCriterion>>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawInterviewer {
    id: S,
    name: S,
    role: S,
    organisation: S,
    style: S,
    bar_raiser: bool,
    openings: Spanned<Vec<S>>,
    transitions: Spanned<Vec<S>>,
    time_checks: Spanned<Vec<S>>,
    closings: Spanned<Vec<S>>,
    your_questions: Spanned<Vec<S>>,
    #[serde(default)]
    probing: Option<Spanned<RawProbing>>,
    #[serde(default)]
    answers: Vec<RawPersonaAnswer>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPersonaAnswer {
    #[serde(default)]
    about: Vec<S>,
    text: S,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawProbing {
    #[serde(default)]
    first: Vec<S>,
    #[serde(default)]
    probes: Vec<Spanned<RawFollow>>,
    #[serde(default)]
    after_strong: Vec<S>,
    #[serde(default)]
    after_weak: Vec<S>,
    #[serde(default)]
    presses: Vec<Spanned<RawFollow>>,
    #[serde(default = "one")]
    patience: Spanned<u8>,
}

fn one() -> Spanned<u8> {
    Spanned::new(0..0, 1)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSlot {
    interviewer: S,
    principles: Spanned<Vec<S>>,
    questions: Spanned<u32>,
    answer_minutes: Spanned<u32>,
    #[serde(default)]
    focus: Option<Spanned<Track>>,
    #[serde(default)]
    focus_questions: Option<Spanned<u32>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTemplate {
    id: S,
    name: S,
    description: S,
    kind: TemplateKind,
    #[serde(default)]
    roles: Vec<S>,
    requires_bar_raiser: bool,
    #[serde(default)]
    writing: Option<S>,
    interview: Spanned<Vec<Spanned<RawSlot>>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawWriting {
    id: S,
    title: S,
    kind: WritingKind,
    prompt: S,
    minutes: Spanned<u32>,
    min_words: u32,
    max_words: Spanned<u32>,
    #[serde(default)]
    sections: Vec<S>,
    #[serde(default)]
    checks: Vec<WritingCheck>,
    #[serde(default)]
    about_own_work: bool,
    #[serde(default)]
    take_home: bool,
    #[serde(default)]
    objections: Vec<S>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDebrief {
    strongly_inclined: Spanned<f64>,
    inclined: Spanned<f64>,
    not_inclined: Spanned<f64>,
    bar_raiser_veto_below: Spanned<f64>,
    min_inclined_share: Spanned<f64>,
    max_strongly_not_inclined: u32,
    delivery_rubric: S,
    bar_raiser_rubric: S,
    #[serde(default)]
    key_principle_below: Option<Spanned<f64>>,
    #[serde(default)]
    strong_data_point: Option<Spanned<u8>>,
}

/// An item with the file it came from.
struct At<T> {
    file: usize,
    item: T,
}

#[derive(Default)]
struct Raw {
    principles: Vec<At<RawPrinciple>>,
    questions: Vec<At<RawQuestion>>,
    probes: Vec<At<RawProbe>>,
    rubrics: Vec<At<RawRubric>>,
    interviewers: Vec<At<RawInterviewer>>,
    templates: Vec<At<RawTemplate>>,
    writing: Vec<At<RawWriting>>,
    formats: Vec<At<RawFormat>>,
    red_flags: Vec<At<RawRedFlag>>,
    asks: Vec<At<RawAsk>>,
    debrief: Option<At<Spanned<RawDebrief>>>,
    /// A `[debrief]` key was present (even if it failed to parse).
    debrief_seen: bool,
}

const KINDS: [&str; 11] = [
    "principle",
    "question",
    "probe",
    "rubric",
    "interviewer",
    "template",
    "writing",
    "format",
    "red_flag",
    "ask",
    "debrief",
];

/// Collects errors against the files they belong to.
struct Diag<'a> {
    files: &'a [PackFile],
    errors: Vec<ContentError>,
}

impl Diag<'_> {
    fn at(&mut self, file: usize, offset: usize, message: impl Into<String>) {
        let f = &self.files[file];
        let (line, col) = line_col(&f.text, offset);
        self.errors.push(ContentError {
            file: f.path.clone(),
            line,
            col,
            message: message.into(),
        });
    }
    fn toml(&mut self, file: usize, fallback: usize, e: &toml::de::Error) {
        let offset = e.span().map_or(fallback, |s| s.start);
        let msg = e.message().trim().to_string();
        self.at(file, offset, msg);
    }
    fn text(&mut self, file: usize, s: &S, what: &str) {
        if s.get_ref().trim().is_empty() {
            self.at(file, s.span().start, format!("{what} is empty"));
        }
    }
    fn texts(&mut self, file: usize, list: &[S], what: &str) {
        for s in list {
            self.text(file, s, what);
        }
    }
    fn non_empty_list(&mut self, file: usize, list: &Spanned<Vec<S>>, what: &str) {
        if list.get_ref().is_empty() {
            self.at(
                file,
                list.span().start,
                format!("{what} needs at least one entry"),
            );
        }
        self.texts(file, list.get_ref(), what);
    }
    fn id(&mut self, file: usize, id: &S, kind: &str) {
        let v = id.get_ref();
        let ok = !v.is_empty()
            && v.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            && !v.starts_with('-')
            && !v.ends_with('-');
        if !ok {
            self.at(
                file,
                id.span().start,
                format!("{kind} id \"{v}\" must be kebab-case (a-z, 0-9 and '-')"),
            );
        }
    }
}

fn parse_file(idx: usize, file: &PackFile, pack_of: &[usize], raw: &mut Raw, d: &mut Diag) {
    let (doc, syntax) = toml::de::DeTable::parse_recoverable(&file.text);
    if !syntax.is_empty() {
        for e in &syntax {
            d.toml(idx, 0, e);
        }
        return;
    }
    for (key, value) in doc.into_inner() {
        let kname = key.get_ref().as_ref().to_string();
        let kstart = key.span().start;
        let vstart = value.span().start;
        if !KINDS.contains(&kname.as_str()) {
            d.at(
                idx,
                kstart,
                format!(
                    "unknown key `{kname}`, expected one of {}",
                    KINDS.map(|k| format!("`{k}`")).join(", ")
                ),
            );
            continue;
        }
        if kname == "debrief" {
            raw.debrief_seen = true;
            match Spanned::<RawDebrief>::deserialize(
                serde::de::IntoDeserializer::into_deserializer(value),
            ) {
                Ok(v) => {
                    let _ = (pack_of, kstart);
                    raw.debrief = Some(At { file: idx, item: v });
                }
                Err(e) => d.toml(idx, vstart, &e),
            }
            continue;
        }
        let toml::de::DeValue::Array(items) = value.into_inner() else {
            d.at(
                idx,
                kstart,
                format!("`{kname}` must be an array of tables: write [[{kname}]]"),
            );
            continue;
        };
        for item in items {
            let start = item.span().start;
            let over = super::caps::over_caps(&kname, &item);
            if !over.is_empty() {
                for (offset, message) in over {
                    d.at(idx, offset, message);
                }
                continue;
            }
            let de = serde::de::IntoDeserializer::into_deserializer(item);
            macro_rules! take {
                ($ty:ty, $vec:expr) => {
                    match <$ty>::deserialize(de) {
                        Ok(v) => $vec.push(At { file: idx, item: v }),
                        Err(e) => d.toml(idx, start, &e),
                    }
                };
            }
            match kname.as_str() {
                "principle" => take!(RawPrinciple, raw.principles),
                "question" => take!(RawQuestion, raw.questions),
                "probe" => take!(RawProbe, raw.probes),
                "rubric" => take!(RawRubric, raw.rubrics),
                "interviewer" => take!(RawInterviewer, raw.interviewers),
                "template" => take!(RawTemplate, raw.templates),
                "writing" => take!(RawWriting, raw.writing),
                "format" => take!(RawFormat, raw.formats),
                "red_flag" => take!(RawRedFlag, raw.red_flags),
                "ask" => take!(RawAsk, raw.asks),
                _ => unreachable!("kinds checked above"),
            }
        }
    }
}

/// Parses every file in order and merges the results. (Parsing on several
/// threads was measured slower: each thread's allocator arena costs more page
/// faults than the parse it saves on a pack this size.)
fn parse_all(files: &[PackFile], pack_of: &[usize], d: &mut Diag) -> Raw {
    let per_file: Vec<(usize, Raw, Vec<ContentError>)> = files
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let mut raw = Raw::default();
            let mut diag = Diag {
                files,
                errors: Vec::new(),
            };
            parse_file(i, f, pack_of, &mut raw, &mut diag);
            (i, raw, diag.errors)
        })
        .collect();
    let mut all = Raw::default();
    for (i, raw, errors) in per_file {
        d.errors.extend(errors);
        all.principles.extend(raw.principles);
        all.questions.extend(raw.questions);
        all.probes.extend(raw.probes);
        all.rubrics.extend(raw.rubrics);
        all.interviewers.extend(raw.interviewers);
        all.templates.extend(raw.templates);
        all.writing.extend(raw.writing);
        all.formats.extend(raw.formats);
        all.red_flags.extend(raw.red_flags);
        all.asks.extend(raw.asks);
        all.debrief_seen |= raw.debrief_seen;
        if let Some(db) = raw.debrief {
            if all
                .debrief
                .as_ref()
                .is_some_and(|x| pack_of[x.file] == pack_of[i])
            {
                d.at(
                    i,
                    db.item.span().start,
                    "duplicate [debrief] table in this pack",
                );
            }
            all.debrief = Some(db);
        }
    }
    all
}

/// Layers items by id: a later pack replaces an earlier item with the same
/// id in place; a duplicate within one pack is an error.
fn layer<T>(
    items: Vec<At<T>>,
    id: impl Fn(&T) -> &S,
    kind: &str,
    pack_of: &[usize],
    d: &mut Diag,
) -> Vec<At<T>> {
    let mut out: Vec<At<T>> = Vec::with_capacity(items.len());
    let mut pos: HashMap<String, usize> = HashMap::new();
    for it in items {
        let key = id(&it.item).get_ref().clone();
        d.id(it.file, id(&it.item), kind);
        match pos.get(&key) {
            Some(&i) if pack_of[out[i].file] == pack_of[it.file] => {
                let first = &out[i];
                let (line, col) = line_col(&d.files[first.file].text, id(&first.item).span().start);
                let where_ = format!("{}:{line}:{col}", d.files[first.file].path);
                d.at(
                    it.file,
                    id(&it.item).span().start,
                    format!("duplicate {kind} id \"{key}\" (first defined at {where_})"),
                );
            }
            Some(&i) => out[i] = it,
            None => {
                pos.insert(key, out.len());
                out.push(it);
            }
        }
    }
    out
}

/// Layers `[[format]]` tables by their format id, as [`layer`] does by id.
fn layer_formats(items: Vec<At<RawFormat>>, pack_of: &[usize], d: &mut Diag) -> Vec<At<RawFormat>> {
    let mut out: Vec<At<RawFormat>> = Vec::with_capacity(items.len());
    for it in items {
        let id = *it.item.id.get_ref();
        if id == AnswerFormat::Star {
            d.at(
                it.file,
                it.item.id.span().start,
                "a [[format]] is for \"scenario\" or \"design\" answers; STAR answers keep Situation, Task, Action and Result",
            );
            continue;
        }
        match out.iter().position(|x| *x.item.id.get_ref() == id) {
            Some(i) if pack_of[out[i].file] == pack_of[it.file] => d.at(
                it.file,
                it.item.id.span().start,
                format!("duplicate format \"{}\" in this pack", id.id()),
            ),
            Some(i) => out[i] = it,
            None => out.push(it),
        }
    }
    out
}

fn strings(v: &[S]) -> Vec<String> {
    v.iter().map(|s| s.get_ref().clone()).collect()
}

/// Loads and validates the given packs, later ones layered over earlier ones.
pub fn load(packs: &[Pack]) -> Result<Content, ContentErrors> {
    let mut files = Vec::new();
    let mut pack_of = Vec::new();
    for (pi, p) in packs.iter().enumerate() {
        for f in &p.files {
            files.push(f.clone());
            pack_of.push(pi);
        }
    }
    let mut d = Diag {
        files: &files,
        errors: Vec::new(),
    };
    let raw = parse_all(&files, &pack_of, &mut d);

    let principles = layer(raw.principles, |x| &x.id, "principle", &pack_of, &mut d);
    let questions = layer(raw.questions, |x| &x.id, "question", &pack_of, &mut d);
    let probes = layer(raw.probes, |x| &x.id, "probe", &pack_of, &mut d);
    let rubrics = layer(raw.rubrics, |x| &x.id, "rubric", &pack_of, &mut d);
    let interviewers = layer(raw.interviewers, |x| &x.id, "interviewer", &pack_of, &mut d);
    let templates = layer(raw.templates, |x| &x.id, "template", &pack_of, &mut d);
    let writing = layer(raw.writing, |x| &x.id, "writing", &pack_of, &mut d);
    let formats = layer_formats(raw.formats, &pack_of, &mut d);
    let red_flags = layer(raw.red_flags, |x| &x.id, "red_flag", &pack_of, &mut d);
    let asks = layer(raw.asks, |x| &x.id, "ask", &pack_of, &mut d);

    let lp_ids: HashSet<&str> = principles
        .iter()
        .map(|p| p.item.id.get_ref().as_str())
        .collect();
    let probe_ids: HashSet<&str> = probes
        .iter()
        .map(|p| p.item.id.get_ref().as_str())
        .collect();
    let rubric_ids: HashSet<&str> = rubrics
        .iter()
        .map(|p| p.item.id.get_ref().as_str())
        .collect();
    let writing_ids: HashSet<&str> = writing
        .iter()
        .map(|p| p.item.id.get_ref().as_str())
        .collect();
    let interviewer_by_id: HashMap<&str, &RawInterviewer> = interviewers
        .iter()
        .map(|p| (p.item.id.get_ref().as_str(), &p.item))
        .collect();
    let check_signal = |d: &mut Diag, file: usize, s: &S| {
        if !SIGNALS.iter().any(|(id, _)| id == s.get_ref()) {
            let known: Vec<&str> = SIGNALS.iter().map(|s| s.0).collect();
            d.at(
                file,
                s.span().start,
                format!(
                    "unknown signal \"{}\", expected one of {}",
                    s.get_ref(),
                    known.join(", ")
                ),
            );
        }
    };
    let check_lp = |d: &mut Diag, file: usize, s: &S| {
        if !lp_ids.contains(s.get_ref().as_str()) {
            d.at(
                file,
                s.span().start,
                format!("unknown principle id \"{}\"", s.get_ref()),
            );
        }
    };

    let check_seeks = |d: &mut Diag, file: usize, seeks: &[S]| {
        for s in seeks {
            if !super::SEEKS.contains(&s.get_ref().as_str()) {
                d.at(
                    file,
                    s.span().start,
                    format!(
                        "unknown seek \"{}\" (known: {})",
                        s.get_ref(),
                        super::SEEKS.join(", ")
                    ),
                );
            }
        }
    };
    // A probe's premise: a seek or one of the interviewer's own premises.
    let check_needs = |d: &mut Diag, file: usize, needs: &[S]| {
        for s in needs {
            let id = s.get_ref().as_str();
            if !super::SEEKS.contains(&id) && !super::PREMISES.iter().any(|(p, _)| *p == id) {
                d.at(
                    file,
                    s.span().start,
                    format!(
                        "unknown premise \"{id}\" in `needs` (a seek id, or one of: {})",
                        super::PREMISES
                            .iter()
                            .map(|(p, _)| *p)
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                );
            }
        }
    };
    // A probe's text may hold slots filled from the candidate's words.
    let check_slots = |d: &mut Diag, file: usize, text: &S| {
        for name in super::slot_names(text.get_ref()) {
            if !super::SLOTS.iter().any(|(id, _)| *id == name) {
                let known: Vec<String> = super::SLOTS
                    .iter()
                    .map(|(id, _)| format!("{{{id}}}"))
                    .collect();
                d.at(
                    file,
                    text.span().start,
                    format!(
                        "unknown slot \"{{{name}}}\" in a probe (known: {})",
                        known.join(", ")
                    ),
                );
            }
        }
    };
    let follow = |d: &mut Diag, file: usize, f: &Spanned<RawFollow>| -> FollowProbe {
        let (text, seeks, formats) = follow_parts(f);
        d.text(file, &text, "probe text");
        check_slots(d, file, &text);
        check_seeks(d, file, seeks);
        check_needs(d, file, follow_needs(f));
        FollowProbe {
            text: text.get_ref().clone(),
            seeks: strings(seeks),
            formats: formats.map(|f| f.get_ref().clone()).unwrap_or_default(),
            needs: strings(follow_needs(f)),
        }
    };

    // principles
    let mut content = Content::default();
    for At { file, item: p } in &principles {
        d.text(*file, &p.name, "name");
        d.text(*file, &p.description, "description");
        if p.signals.is_empty() {
            d.at(
                *file,
                p.id.span().start,
                "principle needs at least one entry in `signals`",
            );
        }
        if p.pitfalls.is_empty() {
            d.at(
                *file,
                p.id.span().start,
                "principle needs at least one entry in `pitfalls`",
            );
        }
        d.texts(*file, &p.signals, "signal");
        d.texts(*file, &p.pitfalls, "pitfall");
        content.principles.push(Principle {
            id: p.id.get_ref().clone(),
            name: p.name.get_ref().clone(),
            description: p.description.get_ref().clone(),
            signals: strings(&p.signals),
            pitfalls: strings(&p.pitfalls),
            asked_as: p
                .asked_as
                .iter()
                .map(|a| {
                    d.text(*file, &a.text, "asked_as text");
                    for lp in &a.also {
                        check_lp(&mut d, *file, lp);
                        if lp.get_ref() == p.id.get_ref() {
                            d.at(
                                *file,
                                lp.span().start,
                                "`also` names other principles; this one is already the wording's own",
                            );
                        }
                    }
                    AskedAs {
                        text: a.text.get_ref().clone(),
                        also: strings(&a.also),
                    }
                })
                .collect(),
        });
    }

    // probes
    for At { file, item: p } in &probes {
        d.text(*file, &p.text, "probe text");
        check_slots(&mut d, *file, &p.text);
        check_seeks(&mut d, *file, &p.seeks);
        check_needs(&mut d, *file, &p.needs);
        if let Some(st) = p.stretch.as_ref().filter(|s| *s.get_ref())
            && (p.signal.is_some() || !p.seeks.is_empty())
        {
            d.at(
                *file,
                st.span().start,
                "a stretch probe goes beyond the story: it has no `signal` and no `seeks`",
            );
        }
        if let Some(sig) = &p.signal {
            check_signal(&mut d, *file, sig);
        }
        for lp in &p.principles {
            check_lp(&mut d, *file, lp);
        }
        content.probes.push(Probe {
            id: p.id.get_ref().clone(),
            text: p.text.get_ref().clone(),
            signal: p.signal.as_ref().map(|s| s.get_ref().clone()),
            principles: strings(&p.principles),
            seeks: strings(&p.seeks),
            stretch: p.stretch.as_ref().is_some_and(|s| *s.get_ref()),
            formats: p.formats.clone(),
            needs: strings(&p.needs),
        });
    }

    // questions
    for At { file, item: q } in &questions {
        d.text(*file, &q.text, "question text");
        d.non_empty_list(*file, &q.principles, "principles");
        d.non_empty_list(*file, &q.roles, "roles");
        if q.probes.get_ref().is_empty() {
            d.at(
                *file,
                q.probes.span().start,
                "probe needs at least one entry",
            );
        }
        let probes: Vec<FollowProbe> = q
            .probes
            .get_ref()
            .iter()
            .map(|f| {
                if let (_, _, Some(formats)) = follow_parts(f) {
                    d.at(
                        *file,
                        formats.span().start,
                        "`formats` is for general and persona probes: a question's own probes follow the question's `format`",
                    );
                }
                follow(&mut d, *file, f)
            })
            .collect();
        for lp in q.principles.get_ref() {
            check_lp(&mut d, *file, lp);
        }
        let mut seen = HashSet::new();
        for lp in q.principles.get_ref() {
            if !seen.insert(lp.get_ref()) {
                d.at(
                    *file,
                    lp.span().start,
                    format!("principle \"{}\" is listed twice", lp.get_ref()),
                );
            }
        }
        for r in q.roles.get_ref() {
            d.id(*file, r, "role");
        }
        for g in &q.similar {
            d.id(*file, g, "similar group");
        }
        for r in &q.probe_refs {
            if !probe_ids.contains(r.get_ref().as_str()) {
                d.at(
                    *file,
                    r.span().start,
                    format!("unknown probe id \"{}\"", r.get_ref()),
                );
            }
        }
        content.questions.push(Question {
            id: q.id.get_ref().clone(),
            text: q.text.get_ref().clone(),
            principles: strings(q.principles.get_ref()),
            track: q.track,
            difficulty: q.difficulty,
            roles: strings(q.roles.get_ref()),
            probes,
            probe_refs: strings(&q.probe_refs),
            format: q
                .format
                .as_ref()
                .map_or(AnswerFormat::Star, |f| *f.get_ref()),
            real_example: q.real_example.as_ref().is_some_and(|r| *r.get_ref()),
            similar: strings(&q.similar),
        });
        if let Some(r) = &q.real_example
            && *r.get_ref()
            && q.format.as_ref().map(|f| *f.get_ref()) != Some(AnswerFormat::Scenario)
        {
            d.at(
                *file,
                r.span().start,
                "`real_example` is only for questions with format = \"scenario\" (a STAR question is a real example already)",
            );
        }
    }

    // rubrics
    let mut rubric_for_lp: HashSet<String> = HashSet::new();
    for At { file, item: r } in &rubrics {
        let file = *file;
        d.text(file, &r.name, "rubric name");
        match (r.kind.get_ref(), &r.principle) {
            (RubricKind::Principle, None) => d.at(
                file,
                r.kind.span().start,
                "a rubric with kind = \"principle\" needs `principle = \"<principle id>\"`",
            ),
            (RubricKind::Principle, Some(p)) => {
                check_lp(&mut d, file, p);
                rubric_for_lp.insert(p.get_ref().clone());
            }
            (_, Some(p)) => d.at(
                file,
                p.span().start,
                "`principle` is only allowed on rubrics with kind = \"principle\"",
            ),
            (_, None) => {}
        }
        if r.criterion.get_ref().is_empty() {
            d.at(
                file,
                r.criterion.span().start,
                "rubric needs at least one [[rubric.criterion]]",
            );
        }
        let mut crit_ids = HashSet::new();
        let mut criteria = Vec::new();
        for c in r.criterion.get_ref() {
            let c = c.get_ref();
            d.id(file, &c.id, "criterion");
            if !crit_ids.insert(c.id.get_ref().clone()) {
                d.at(
                    file,
                    c.id.span().start,
                    format!(
                        "duplicate criterion id \"{}\" in rubric \"{}\"",
                        c.id.get_ref(),
                        r.id.get_ref()
                    ),
                );
            }
            d.text(file, &c.name, "criterion name");
            let levels = c.levels.get_ref();
            if levels.len() != 4 {
                d.at(
                    file,
                    c.levels.span().start,
                    format!(
                        "criterion \"{}\" has {} levels; it needs exactly 4 (level 1 to level 4)",
                        c.id.get_ref(),
                        levels.len()
                    ),
                );
                continue;
            }
            d.texts(file, levels, "level text");
            let mut distinct = HashSet::new();
            for l in levels {
                if !distinct.insert(l.get_ref().trim().to_lowercase()) {
                    d.at(
                        file,
                        l.span().start,
                        "two levels of this criterion have the same text",
                    );
                }
            }
            for sig in &c.signals {
                check_signal(&mut d, file, sig);
            }
            check_seeks(&mut d, file, &c.seeks);
            criteria.push(Criterion {
                id: c.id.get_ref().clone(),
                name: c.name.get_ref().clone(),
                levels: [0, 1, 2, 3].map(|i| levels[i].get_ref().clone()),
                signals: strings(&c.signals),
                seeks: strings(&c.seeks),
                when: c.when,
                fields: strings(&c.fields),
            });
        }
        content.rubrics.push(Rubric {
            id: r.id.get_ref().clone(),
            name: r.name.get_ref().clone(),
            kind: *r.kind.get_ref(),
            principle: r.principle.as_ref().map(|p| p.get_ref().clone()),
            criteria,
        });
    }
    for At { file, item: p } in &principles {
        if !rubric_for_lp.contains(p.id.get_ref()) {
            d.at(
                *file,
                p.id.span().start,
                format!(
                    "principle \"{}\" has no rubric (add a [[rubric]] with kind = \"principle\")",
                    p.id.get_ref()
                ),
            );
        }
    }

    // answer formats (scenario, design)
    for At { file, item: f } in &formats {
        let file = *file;
        d.text(file, &f.name, "format name");
        match content
            .rubrics
            .iter()
            .find(|r| &r.id == f.rubric.get_ref())
            .map(|r| r.kind)
        {
            None => d.at(
                file,
                f.rubric.span().start,
                format!("unknown rubric id \"{}\"", f.rubric.get_ref()),
            ),
            Some(k) if k != RubricKind::Format => d.at(
                file,
                f.rubric.span().start,
                format!(
                    "rubric \"{}\" must have kind = \"format\" to judge {} answers",
                    f.rubric.get_ref(),
                    f.id.get_ref().id()
                ),
            ),
            _ => {}
        }
        if f.field.get_ref().is_empty() {
            d.at(
                file,
                f.field.span().start,
                "a format needs at least one [[format.field]]",
            );
        }
        let mut ids = HashSet::new();
        let mut fields = Vec::new();
        for x in f.field.get_ref().iter().chain(f.example.iter()) {
            d.id(file, &x.id, "field");
            if !ids.insert(x.id.get_ref().clone()) {
                d.at(
                    file,
                    x.id.span().start,
                    format!("duplicate field id \"{}\"", x.id.get_ref()),
                );
            }
            d.text(file, &x.name, "field name");
            d.text(file, &x.hint, "field hint");
            fields.push(FormatField {
                id: x.id.get_ref().clone(),
                name: x.name.get_ref().clone(),
                hint: x.hint.get_ref().clone(),
            });
        }
        // A criterion of this format's rubric that names answer fields must
        // name this format's.
        if let Some(r) = content.rubrics.iter().find(|r| &r.id == f.rubric.get_ref()) {
            for c in &r.criteria {
                for name in c.fields.iter().filter(|n| !ids.contains(*n)) {
                    d.at(
                        file,
                        f.rubric.span().start,
                        format!(
                            "criterion \"{}\" of rubric \"{}\" names field \"{name}\", which format \"{}\" does not have",
                            c.id,
                            r.id,
                            f.id.get_ref().id()
                        ),
                    );
                }
            }
        }
        let example = f.example.as_ref().and_then(|_| fields.pop());
        content.formats.push(FormatSpec {
            id: *f.id.get_ref(),
            name: f.name.get_ref().clone(),
            rubric: f.rubric.get_ref().clone(),
            fields,
            example,
        });
    }
    for At { file, item: q } in &questions {
        if let Some(f) = &q.format
            && !f.get_ref().is_star()
            && !content.formats.iter().any(|x| x.id == *f.get_ref())
        {
            d.at(
                *file,
                f.span().start,
                format!(
                    "no [[format]] with id = \"{}\" says how to answer this question",
                    f.get_ref().id()
                ),
            );
        }
        if q.real_example.as_ref().is_some_and(|r| *r.get_ref())
            && let Some(spec) = content
                .formats
                .iter()
                .find(|x| x.id == AnswerFormat::Scenario)
            && spec.example.is_none()
        {
            d.at(
                *file,
                q.id.span().start,
                "`real_example = true` needs the scenario [[format]] to name an `example` field",
            );
        }
    }

    // interviewers
    for At { file, item: i } in &interviewers {
        for (s, what) in [
            (&i.name, "name"),
            (&i.role, "role"),
            (&i.organisation, "organisation"),
            (&i.style, "style"),
        ] {
            d.text(*file, s, what);
        }
        for (l, what) in [
            (&i.openings, "openings"),
            (&i.transitions, "transitions"),
            (&i.time_checks, "time_checks"),
            (&i.closings, "closings"),
            (&i.your_questions, "your_questions"),
        ] {
            d.non_empty_list(*file, l, what);
        }
        let probing = match &i.probing {
            None => Probing::default(),
            Some(p) => {
                let at = p.span().start;
                let p = p.get_ref();
                for f in &p.first {
                    let id = f.get_ref().as_str();
                    if !super::SEEKS.contains(&id) && !SIGNALS.iter().any(|s| s.0 == id) {
                        d.at(
                            *file,
                            f.span().start,
                            format!("`first` names \"{id}\", which is neither a signal nor a seek"),
                        );
                    }
                }
                for (l, what) in [
                    (&p.after_strong, "after_strong"),
                    (&p.after_weak, "after_weak"),
                ] {
                    d.texts(*file, l, what);
                }
                // A press's `seeks` say which dodged probes it presses (a
                // press with none fits any).
                if !(1..=2).contains(p.patience.get_ref()) {
                    let at = if p.patience.span().end > 0 {
                        p.patience.span().start
                    } else {
                        at
                    };
                    d.at(
                        *file,
                        at,
                        "`patience` must be 1 or 2 (how often a dodged reply is pressed)",
                    );
                }
                Probing {
                    first: strings(&p.first),
                    probes: p.probes.iter().map(|f| follow(&mut d, *file, f)).collect(),
                    after_strong: strings(&p.after_strong),
                    after_weak: strings(&p.after_weak),
                    presses: p.presses.iter().map(|f| follow(&mut d, *file, f)).collect(),
                    patience: *p.patience.get_ref(),
                }
            }
        };
        content.interviewers.push(Interviewer {
            id: i.id.get_ref().clone(),
            name: i.name.get_ref().clone(),
            role: i.role.get_ref().clone(),
            organisation: i.organisation.get_ref().clone(),
            style: i.style.get_ref().clone(),
            bar_raiser: i.bar_raiser,
            openings: strings(i.openings.get_ref()),
            transitions: strings(i.transitions.get_ref()),
            time_checks: strings(i.time_checks.get_ref()),
            closings: strings(i.closings.get_ref()),
            your_questions: strings(i.your_questions.get_ref()),
            probing,
            answers: i
                .answers
                .iter()
                .map(|x| {
                    d.text(*file, &x.text, "answer");
                    crate::content::model::PersonaAnswer {
                        about: strings(&x.about),
                        text: x.text.get_ref().clone(),
                    }
                })
                .collect(),
        });
    }

    // which LPs have questions
    let lps_with_questions: HashSet<&str> = content
        .questions
        .iter()
        .flat_map(|q| q.principles.iter().map(String::as_str))
        .collect();

    // templates
    for At { file, item: t } in &templates {
        let file = *file;
        d.text(file, &t.name, "template name");
        d.text(file, &t.description, "description");
        if t.interview.get_ref().is_empty() {
            d.at(
                file,
                t.interview.span().start,
                "template needs at least one [[template.interview]]",
            );
        }
        if let Some(w) = &t.writing
            && !writing_ids.contains(w.get_ref().as_str())
        {
            d.at(
                file,
                w.span().start,
                format!("unknown writing id \"{}\"", w.get_ref()),
            );
        }
        let mut bar_raisers = 0;
        let mut slots = Vec::new();
        for slot in t.interview.get_ref() {
            let s = slot.get_ref();
            match interviewer_by_id.get(s.interviewer.get_ref().as_str()) {
                None => d.at(
                    file,
                    s.interviewer.span().start,
                    format!("unknown interviewer id \"{}\"", s.interviewer.get_ref()),
                ),
                Some(i) if i.bar_raiser => bar_raisers += 1,
                Some(_) => {}
            }
            if s.principles.get_ref().is_empty() {
                d.at(
                    file,
                    s.principles.span().start,
                    "an interview must own at least one principle",
                );
            }
            for lp in s.principles.get_ref() {
                if !lp_ids.contains(lp.get_ref().as_str()) {
                    check_lp(&mut d, file, lp);
                } else if !lps_with_questions.contains(lp.get_ref().as_str()) {
                    d.at(
                        file,
                        lp.span().start,
                        format!("principle \"{}\" has no questions to ask", lp.get_ref()),
                    );
                }
            }
            if *s.questions.get_ref() == 0 {
                d.at(
                    file,
                    s.questions.span().start,
                    "`questions` must be at least 1",
                );
            }
            if *s.answer_minutes.get_ref() == 0 {
                d.at(
                    file,
                    s.answer_minutes.span().start,
                    "`answer_minutes` must be at least 1",
                );
            }
            let focus = s.focus.as_ref().map(|f| *f.get_ref());
            let focus_questions = match (&s.focus, &s.focus_questions) {
                (None, Some(n)) => {
                    d.at(
                        file,
                        n.span().start,
                        "`focus_questions` needs a `focus` (a track such as \"system-design\")",
                    );
                    0
                }
                (None, None) => 0,
                (Some(_), None) => 1.min(*s.questions.get_ref()),
                (Some(_), Some(n)) => {
                    if *n.get_ref() == 0 || *n.get_ref() > *s.questions.get_ref() {
                        d.at(
                            file,
                            n.span().start,
                            format!(
                                "`focus_questions` must be from 1 to `questions` ({})",
                                s.questions.get_ref()
                            ),
                        );
                    }
                    *n.get_ref()
                }
            };
            if let Some(f) = &s.focus {
                let track = *f.get_ref();
                if track == Track::Leadership {
                    d.at(
                        file,
                        f.span().start,
                        "a focus is a functional track (program-execution, operational-excellence, technical, system-design, product-sense, motivation); leadership questions come from `principles`",
                    );
                } else {
                    for role in t.roles.iter().map(|r| r.get_ref().as_str()) {
                        let have = content
                            .questions
                            .iter()
                            .filter(|q| q.track == track && q.roles.iter().any(|r| r == role))
                            .count();
                        if have < focus_questions as usize {
                            d.at(
                                file,
                                f.span().start,
                                format!(
                                    "focus \"{}\" has {have} questions for role \"{role}\"; this interview asks {focus_questions}",
                                    track.id()
                                ),
                            );
                        }
                    }
                }
            }
            // A loop is role-true: every LP an interview owns needs a
            // question for each role the template serves.
            for lp in s.principles.get_ref() {
                for role in &t.roles {
                    let fits = content.questions.iter().any(|q| {
                        q.track != Track::Motivation
                            && q.principles.iter().any(|p| p == lp.get_ref())
                            && q.roles.iter().any(|r| r == role.get_ref())
                    });
                    if lps_with_questions.contains(lp.get_ref().as_str()) && !fits {
                        d.at(
                            file,
                            lp.span().start,
                            format!(
                                "principle \"{}\" has no question for role \"{}\" (a loop asks only questions tagged with its role)",
                                lp.get_ref(),
                                role.get_ref()
                            ),
                        );
                    }
                }
            }
            slots.push(InterviewSlot {
                interviewer: s.interviewer.get_ref().clone(),
                principles: strings(s.principles.get_ref()),
                questions: *s.questions.get_ref(),
                answer_minutes: *s.answer_minutes.get_ref(),
                focus,
                focus_questions,
            });
        }
        if t.requires_bar_raiser && bar_raisers != 1 && !t.interview.get_ref().is_empty() {
            d.at(
                file,
                t.id.span().start,
                format!(
                    "template \"{}\" requires a Bar Raiser but has {bar_raisers} interviews with one (it needs exactly 1)",
                    t.id.get_ref()
                ),
            );
        }
        content.templates.push(Template {
            id: t.id.get_ref().clone(),
            name: t.name.get_ref().clone(),
            description: t.description.get_ref().clone(),
            kind: t.kind,
            roles: strings(&t.roles),
            requires_bar_raiser: t.requires_bar_raiser,
            writing: t.writing.as_ref().map(|w| w.get_ref().clone()),
            interviews: slots,
        });
    }

    // writing
    for At { file, item: w } in &writing {
        d.text(*file, &w.title, "title");
        d.text(*file, &w.prompt, "prompt");
        d.texts(*file, &w.sections, "section");
        if *w.minutes.get_ref() == 0 {
            d.at(
                *file,
                w.minutes.span().start,
                "`minutes` must be at least 1",
            );
        }
        if *w.max_words.get_ref() < w.min_words {
            d.at(
                *file,
                w.max_words.span().start,
                "`max_words` is smaller than `min_words`",
            );
        }
        content.writing.push(WritingPrompt {
            id: w.id.get_ref().clone(),
            title: w.title.get_ref().clone(),
            kind: w.kind,
            prompt: w.prompt.get_ref().clone(),
            minutes: *w.minutes.get_ref(),
            min_words: w.min_words,
            max_words: *w.max_words.get_ref(),
            sections: strings(&w.sections),
            checks: w.checks.clone(),
            about_own_work: w.about_own_work,
            take_home: w.take_home,
            objections: strings(&w.objections),
        });
        d.texts(*file, &w.objections, "objection");
        if w.checks.contains(&WritingCheck::AnswersObjections) && w.objections.is_empty() {
            d.at(
                *file,
                w.id.span().start,
                "the `answers-objections` check needs `objections` (the brief's objections, a few key words each)",
            );
        }
        if w.checks.contains(&WritingCheck::PrFaqParts) && w.kind != WritingKind::PrFaq {
            d.at(
                *file,
                w.id.span().start,
                "the `pr-faq-parts` check is for kind = \"pr-faq\"",
            );
        }
    }

    // debrief
    match &raw.debrief {
        None => {
            if !files.is_empty() && !raw.debrief_seen {
                d.at(
                    0,
                    0,
                    "no [debrief] table in any pack: the debrief needs its vote thresholds",
                );
            }
        }
        Some(At { file, item }) => {
            let r = item.get_ref();
            let (si, inc, ni) = (
                *r.strongly_inclined.get_ref(),
                *r.inclined.get_ref(),
                *r.not_inclined.get_ref(),
            );
            for v in [
                &r.strongly_inclined,
                &r.inclined,
                &r.not_inclined,
                &r.bar_raiser_veto_below,
            ] {
                if !(1.0..=4.0).contains(v.get_ref()) {
                    d.at(
                        *file,
                        v.span().start,
                        format!("threshold {} must be between 1 and 4", v.get_ref()),
                    );
                }
            }
            if !(si > inc && inc > ni) {
                d.at(
                    *file,
                    r.strongly_inclined.span().start,
                    "thresholds must be in order: strongly_inclined > inclined > not_inclined",
                );
            }
            if !(0.0..=1.0).contains(r.min_inclined_share.get_ref()) {
                d.at(
                    *file,
                    r.min_inclined_share.span().start,
                    "min_inclined_share must be between 0 and 1",
                );
            }
            if let Some(k) = &r.key_principle_below
                && !(1.0..=4.0).contains(k.get_ref())
            {
                d.at(
                    *file,
                    k.span().start,
                    format!(
                        "key_principle_below {} must be between 1 and 4",
                        k.get_ref()
                    ),
                );
            }
            if let Some(k) = &r.strong_data_point
                && !(1..=4).contains(k.get_ref())
            {
                d.at(
                    *file,
                    k.span().start,
                    format!(
                        "strong_data_point {} must be a level from 1 to 4",
                        k.get_ref()
                    ),
                );
            }
            for s in [&r.delivery_rubric, &r.bar_raiser_rubric] {
                if !rubric_ids.contains(s.get_ref().as_str()) {
                    d.at(
                        *file,
                        s.span().start,
                        format!("unknown rubric id \"{}\"", s.get_ref()),
                    );
                }
            }
            content.debrief = Some(DebriefRules {
                strongly_inclined: si,
                inclined: inc,
                not_inclined: ni,
                bar_raiser_veto_below: *r.bar_raiser_veto_below.get_ref(),
                min_inclined_share: *r.min_inclined_share.get_ref(),
                max_strongly_not_inclined: r.max_strongly_not_inclined,
                delivery_rubric: r.delivery_rubric.get_ref().clone(),
                bar_raiser_rubric: r.bar_raiser_rubric.get_ref().clone(),
                key_principle_below: r.key_principle_below.as_ref().map_or(2.0, |k| *k.get_ref()),
                strong_data_point: r.strong_data_point.as_ref().map_or(3, |k| *k.get_ref()),
            });
        }
    }

    judging_rules(&mut content, &red_flags, &asks, &mut d);

    if d.errors.is_empty() {
        content.reindex();
        Ok(content)
    } else {
        Err(ContentErrors(d.errors))
    }
}

/// Checks a list of cues: each is words (lower case), `prefix*`, `_` or `#`,
/// with `(a|b)` groups of alternatives (see [`super::families`]).
fn cue_list(d: &mut Diag, file: usize, list: &[S], what: &str) {
    for c in list {
        let v = c.get_ref();
        if let Err(e) = super::families::count(v) {
            d.at(file, c.span().start, format!("{what} cue \"{v}\": {e}"));
            continue;
        }
        // Checked as written: its groups' alternatives are words too.
        let ok = !v.trim().is_empty()
            && v.split(' ').all(|w| {
                !w.is_empty()
                    && w.chars().all(|ch| {
                        ch.is_lowercase() || ch.is_ascii_digit() || "'-*_#%$/~,.()|".contains(ch)
                    })
            });
        if !ok {
            d.at(
                file,
                c.span().start,
                format!(
                    "{what} cue \"{v}\" must be lower-case words separated by single spaces (`prefix*`, `_` for any word, `#` for a number, `~` for any words between, `(a|b)` for alternatives)"
                ),
            );
        }
    }
}

/// A cue list as the judge reads it: every phrasing its families spell.
fn cue_strings(v: &[S]) -> Vec<String> {
    super::families::expand(&strings(v))
}

/// Red flags and asks: what the judge looks for beyond the rubrics.
fn judging_rules(
    content: &mut Content,
    red_flags: &[At<RawRedFlag>],
    asks: &[At<RawAsk>],
    d: &mut Diag,
) {
    for At { file, item: f } in red_flags {
        let file = *file;
        if !super::phrased_signal(f.id.get_ref()) {
            d.at(
                file,
                f.id.span().start,
                format!(
                    "a red flag's id is the signal it raises, one of: {}, {}",
                    super::RED_FLAG_SIGNALS.join(", "),
                    super::PHRASED_THINNESS
                ),
            );
        }
        d.text(file, &f.name, "name");
        d.text(file, &f.reason, "reason");
        if !(1..=3).contains(f.cap.get_ref()) {
            d.at(
                file,
                f.cap.span().start,
                "`cap` must be 1, 2 or 3 (the highest level an answer showing it can get)",
            );
        }
        d.non_empty_list(file, &f.cues, "cues");
        cue_list(d, file, f.cues.get_ref(), "a");
        cue_list(d, file, &f.anyone, "an `anyone`");
        cue_list(d, file, &f.unless, "an `unless`");
        cue_list(d, file, &f.undone_by, "an `undone_by`");
        d.non_empty_list(file, &f.examples, "examples");
        d.texts(file, &f.counter_examples, "counter_examples");
        let min_hits = f.min_hits.as_ref().map_or(1, |m| *m.get_ref());
        if let Some(m) = &f.min_hits
            && min_hits == 0
        {
            d.at(file, m.span().start, "`min_hits` must be 1 or more");
        }
        content.red_flags.push(RedFlag {
            id: f.id.get_ref().clone(),
            name: f.name.get_ref().clone(),
            cap: *f.cap.get_ref(),
            reason: f.reason.get_ref().clone(),
            subject: f.subject,
            formats: f.formats.clone(),
            cues: cue_strings(f.cues.get_ref()),
            anyone: cue_strings(&f.anyone),
            unless: cue_strings(&f.unless),
            undone_by: cue_strings(&f.undone_by),
            min_hits: min_hits.max(1),
            examples: strings(f.examples.get_ref()),
            counter_examples: strings(&f.counter_examples),
        });
    }
    for At { file, item: a } in asks {
        let file = *file;
        d.text(file, &a.name, "name");
        d.text(file, &a.missing, "missing");
        d.non_empty_list(file, &a.question, "question");
        d.non_empty_list(file, &a.shows, "shows");
        cue_list(d, file, a.question.get_ref(), "a `question`");
        cue_list(d, file, a.shows.get_ref(), "a `shows`");
        cue_list(d, file, &a.contrary, "a `contrary`");
        cue_list(d, file, &a.opposite, "an `opposite`");
        content.asks.push(Ask {
            id: a.id.get_ref().clone(),
            name: a.name.get_ref().clone(),
            question: cue_strings(a.question.get_ref()),
            shows: cue_strings(a.shows.get_ref()),
            contrary: cue_strings(&a.contrary),
            opposite: cue_strings(&a.opposite),
            failure: a.failure,
            missing: a.missing.get_ref().clone(),
        });
    }
}
