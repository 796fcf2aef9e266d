//! The optional AI interviewer, as far as `practice` knows it: a small
//! trait a model provider implements ([`ChatModel`]), the prompts for a
//! follow-up and for a second opinion, and the checks every reply must pass
//! before a word of it is shown. Pure: no I/O here (the HTTP providers live
//! in `crate::ai`), so everything below is tested without a model.
//!
//! What the model writes is never trusted: a follow-up must target a gap
//! the rule judge still sees open, may quote only words the candidate wrote,
//! and is length-capped with escape sequences removed; a second opinion's
//! quotes must be real substrings of the answer, and the rule judge's red
//! flags veto its praise. Anything that fails is dropped and named.

use crate::content::{Content, Interviewer, Question};
use crate::practice::judge::{Judgement, Told};
use crate::store::{AiLine, FollowUp};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use std::fmt;

/// Who speaks in a chat message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    System,
    User,
}

impl Role {
    pub fn id(self) -> &'static str {
        match self {
            Role::System => "system",
            Role::User => "user",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Message {
    pub role: Role,
    pub content: String,
}

/// One call to a model: the messages and the JSON schema its reply must
/// follow.
#[derive(Debug, Clone, PartialEq)]
pub struct ChatRequest {
    pub messages: Vec<Message>,
    pub schema: Value,
    /// A cap on the reply's length, in tokens.
    pub max_tokens: u32,
}

impl ChatRequest {
    /// One system prompt, one user message, a JSON schema for the reply.
    fn new(system: String, user: String, schema: Value, max_tokens: u32) -> ChatRequest {
        ChatRequest {
            messages: vec![
                Message {
                    role: Role::System,
                    content: system,
                },
                Message {
                    role: Role::User,
                    content: user,
                },
            ],
            schema,
            max_tokens,
        }
    }
}

/// Why a call to the model gave no usable text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AiError {
    /// No connection (the server is not running, or refused).
    Unreachable(String),
    /// No full reply within the timeout (seconds).
    Timeout(u64),
    /// The server answered with an HTTP error status.
    Status(u16, String),
    /// The reply is not what the protocol promises.
    Malformed(String),
    /// The reply is larger than the cap (bytes).
    TooLarge(u64),
}

impl fmt::Display for AiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AiError::Unreachable(e) => write!(f, "cannot reach the model server: {e}"),
            AiError::Timeout(s) => write!(f, "no reply within {s} s"),
            AiError::Status(code, body) if body.is_empty() => {
                write!(f, "the model server answered HTTP {code}")
            }
            AiError::Status(code, body) => {
                write!(f, "the model server answered HTTP {code}: {body}")
            }
            AiError::Malformed(e) => write!(f, "the reply is not valid: {e}"),
            AiError::TooLarge(n) => write!(f, "the reply is larger than {} KiB", n / 1024),
        }
    }
}

/// A model that answers chat requests (blocking; called on a worker
/// thread). Implemented over HTTP in `crate::ai`, and by fakes in tests.
pub trait ChatModel: Send + Sync {
    /// The model's name, as shown beside everything it wrote.
    fn model(&self) -> &str;
    /// The reply's text (the assistant message's content).
    fn chat(&self, req: &ChatRequest) -> Result<String, AiError>;
}

/// The longest follow-up shown, in characters.
pub const MAX_FOLLOW_UP_CHARS: usize = 300;
/// The longest reason or quote kept from a second opinion, in characters.
pub const MAX_NOTE_CHARS: usize = 400;

// ---- text hygiene ----

/// Removes terminal escape sequences (CSI, OSC and the rest) and every other
/// control character, and folds whitespace runs to one space.
pub fn clean(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut it = text.chars().peekable();
    while let Some(c) = it.next() {
        match c {
            '\u{1b}' => match it.next() {
                // CSI: parameters, then one final byte in @..~.
                Some('[') => {
                    for d in it.by_ref() {
                        if ('@'..='~').contains(&d) {
                            break;
                        }
                    }
                }
                // OSC, DCS, SOS, PM, APC: up to BEL or ESC \.
                Some(']' | 'P' | 'X' | '^' | '_') => {
                    while let Some(d) = it.next() {
                        if d == '\u{7}' {
                            break;
                        }
                        if d == '\u{1b}' {
                            if it.peek() == Some(&'\\') {
                                it.next();
                            }
                            break;
                        }
                    }
                }
                _ => {}
            },
            // C1 CSI and friends.
            '\u{9b}' => {
                for d in it.by_ref() {
                    if ('@'..='~').contains(&d) {
                        break;
                    }
                }
            }
            c if c.is_whitespace() => out.push(' '),
            c if c.is_control() => {}
            // Bidirectional overrides can make text read other than it is.
            '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => {}
            c => out.push(c),
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Text folded for comparing quotes: lower case, one space, straight quotes.
fn fold(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\u{2018}' | '\u{2019}' | '\u{02bc}' => '\'',
            '\u{201c}' | '\u{201d}' => '"',
            c => c,
        })
        .flat_map(char::to_lowercase)
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Everything the candidate wrote in this answer: its fields and replies.
pub fn candidate_text(told: &Told, follow_ups: &[FollowUp]) -> String {
    let mut parts: Vec<&str> = match told {
        Told::Star(s) => s.fields().to_vec(),
        Told::Parts(p) => p.iter().map(String::as_str).collect(),
    };
    parts.extend(follow_ups.iter().map(|f| f.response.as_str()));
    parts.join("\n")
}

/// Whether `quote` is words the candidate wrote (case and spacing aside).
pub fn is_quoted_from(quote: &str, candidate: &str) -> bool {
    let q = fold(
        quote
            .trim()
            .trim_matches(['"', '\'', '“', '”', '‘', '’', '.', ',']),
    );
    !q.is_empty() && fold(candidate).contains(&q)
}

/// The quoted passages in a model's text ("…", “…”).
fn quotes_in(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut open: Option<(char, String)> = None;
    for c in text.chars() {
        match &mut open {
            None if c == '"' || c == '“' => open = Some((c, String::new())),
            Some((o, buf)) if (*o == '"' && c == '"') || (*o == '“' && c == '”') => {
                out.push(std::mem::take(buf));
                open = None;
            }
            Some((_, buf)) => buf.push(c),
            None => {}
        }
    }
    out
}

/// The first JSON object in a reply (models wrap JSON in code fences or
/// prose now and then).
fn json_object(reply: &str) -> Result<Value, String> {
    let start = reply.find('{').ok_or("no JSON object in the reply")?;
    let end = reply.rfind('}').ok_or("no JSON object in the reply")?;
    if end < start {
        return Err("no JSON object in the reply".into());
    }
    serde_json::from_str(&reply[start..=end]).map_err(|e| format!("malformed JSON: {e}"))
}

fn clip(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(n.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}

// ---- follow-ups ----

/// A gap the rule judge still sees in the answer: a red flag it found, or a
/// criterion it cannot score yet or scores low.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OpenGap {
    /// `signal:no-metric` or `criterion:deliver-results/…`.
    pub id: String,
    /// What is missing, in a few words.
    pub what: String,
}

/// The gaps the judge leaves open, most important first.
pub fn open_gaps(judgement: &Judgement) -> Vec<OpenGap> {
    let mut out: Vec<OpenGap> = judgement
        .findings
        .iter()
        .filter(|f| f.signal != "too-long" && f.signal != "non-answer")
        .map(|f| OpenGap {
            id: format!("signal:{}", f.signal),
            what: crate::content::signal_explanation(f.signal)
                .unwrap_or(f.signal)
                .to_string(),
        })
        .collect();
    for c in judgement.criteria.iter().filter(|c| c.principle) {
        let what = match c.level {
            None => format!("{}: nothing in the answer speaks to it yet", c.name),
            Some(l) if l <= 2 => format!("{}: weak so far (level {l} of 4)", c.name),
            _ => continue,
        };
        out.push(OpenGap {
            id: format!("criterion:{}", c.key),
            what,
        });
    }
    out
}

/// What the model is told to follow up on.
pub struct FollowUpAsk<'a> {
    pub question: &'a Question,
    pub told: Told<'a>,
    pub follow_ups: &'a [FollowUp],
    pub persona: Option<&'a Interviewer>,
    pub gaps: &'a [OpenGap],
}

fn answer_block(told: &Told, follow_ups: &[FollowUp], fields: &[String]) -> String {
    use std::fmt::Write as _;
    let mut s = String::new();
    match told {
        Told::Star(star) => {
            for (name, text) in crate::store::Star::NAMES.iter().zip(star.fields()) {
                let _ = writeln!(s, "{name}: {}", text.trim());
            }
        }
        Told::Parts(parts) => {
            for (k, text) in parts.iter().enumerate() {
                let name = fields.get(k).map_or("Part", String::as_str);
                let _ = writeln!(s, "{name}: {}", text.trim());
            }
        }
    }
    for f in follow_ups {
        let _ = writeln!(
            s,
            "Interviewer asked: {}\nCandidate replied: {}",
            f.probe.trim(),
            f.response.trim()
        );
    }
    s
}

/// The request for one follow-up.
pub fn follow_up_request(ask: &FollowUpAsk) -> ChatRequest {
    let who = match ask.persona {
        Some(p) => format!(
            "You are {}, {} at {}, interviewing a candidate in an Amazon loop. Your style: {}",
            p.name, p.role, p.organisation, p.style
        ),
        None => "You are an Amazon interviewer in a behavioural interview.".to_string(),
    };
    let system = format!(
        "{who}\nAsk exactly one short follow-up question (one sentence, under 40 words) about ONE of the open gaps listed. \
Build it on what the candidate actually said. If you quote the candidate, copy their exact words inside double quotes; never invent a quote. \
Never repeat the question that was asked. \
Reply with JSON only: \"gap\" is the id of the gap you chose; \"question\" is your new follow-up in your own words."
    );
    let mut user = format!(
        "Question asked: {}\n\nThe candidate's answer so far:\n{}\nOpen gaps (id: what is missing):\n",
        ask.question.text,
        answer_block(&ask.told, ask.follow_ups, &[])
    );
    for g in ask.gaps {
        user.push_str(&format!("- {}: {}\n", g.id, g.what));
    }
    if !ask.question.probes.is_empty() {
        user.push_str("\nFollow-ups this question is known for (for inspiration, do not copy):\n");
        for p in ask.question.probes.iter().take(4) {
            user.push_str(&format!("- {}\n", p.text));
        }
    }
    let ids: Vec<&str> = ask.gaps.iter().map(|g| g.id.as_str()).collect();
    ChatRequest::new(
        system,
        user,
        json!({
            "type": "object",
            "properties": {
                "gap": {"type": "string", "enum": ids},
                "question": {"type": "string"}
            },
            "required": ["gap", "question"]
        }),
        160,
    )
}

/// A follow-up written by the model that passed every check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AiFollowUp {
    pub text: String,
    /// The open gap it targets (an [`OpenGap::id`]).
    pub gap: String,
    /// What the gap is, for the "why" beside the probe.
    pub why: String,
}

/// Checks a follow-up the model wrote; `Err` says why it is not used.
pub fn validate_follow_up(
    reply: &str,
    gaps: &[OpenGap],
    candidate: &str,
) -> Result<AiFollowUp, String> {
    validate_follow_up_after(reply, gaps, candidate, &[])
}

/// The words of a text, folded, without punctuation.
fn words(text: &str) -> Vec<String> {
    fold(text)
        .split(|c: char| !c.is_alphanumeric() && c != '\'')
        .filter(|w| !w.is_empty())
        .map(String::from)
        .collect()
}

/// Whether `text` mostly repeats `said`: four in five of its words are
/// `said`'s, or it holds four in five of `said`'s words.
fn repeats(text: &str, said: &str) -> bool {
    use std::collections::HashSet;
    let (t, s) = (words(text), words(said));
    if t.is_empty() || s.is_empty() {
        return false;
    }
    let (ts, ss): (HashSet<&String>, HashSet<&String>) = (t.iter().collect(), s.iter().collect());
    let of_text = t.iter().filter(|w| ss.contains(w)).count();
    let of_said = s.iter().filter(|w| ts.contains(w)).count();
    of_text * 5 >= t.len() * 4 || of_said * 5 >= s.len() * 4
}

/// As [`validate_follow_up`], and the follow-up must not repeat what the
/// interviewer already asked (`asked`: the question, earlier follow-ups).
pub fn validate_follow_up_after(
    reply: &str,
    gaps: &[OpenGap],
    candidate: &str,
    asked: &[String],
) -> Result<AiFollowUp, String> {
    let f = validate_follow_up_inner(reply, gaps, candidate)?;
    if asked.iter().any(|a| repeats(&f.text, a)) {
        return Err("the follow-up repeats what was already asked".into());
    }
    Ok(f)
}

fn validate_follow_up_inner(
    reply: &str,
    gaps: &[OpenGap],
    candidate: &str,
) -> Result<AiFollowUp, String> {
    let v = json_object(reply)?;
    let gap = v
        .get("gap")
        .and_then(Value::as_str)
        .ok_or("the reply names no gap")?
        .trim()
        .to_string();
    let Some(open) = gaps.iter().find(|g| g.id == gap) else {
        return Err(format!(
            "the follow-up targets \"{}\", which is not an open gap (already answered, or unknown)",
            clip(&clean(&gap), 60)
        ));
    };
    let raw = v
        .get("question")
        .and_then(Value::as_str)
        .ok_or("the reply has no question")?;
    let text = clean(raw);
    if text.split_whitespace().count() < 3 {
        return Err("the follow-up is too short to be a question".into());
    }
    let n = text.chars().count();
    if n > MAX_FOLLOW_UP_CHARS {
        return Err(format!(
            "the follow-up is {n} characters long (at most {MAX_FOLLOW_UP_CHARS})"
        ));
    }
    for q in quotes_in(&text) {
        if !is_quoted_from(&q, candidate) {
            return Err(format!(
                "the follow-up quotes \"{}\", which the candidate never wrote",
                clip(&q, 60)
            ));
        }
    }
    Ok(AiFollowUp {
        text,
        gap: open.id.clone(),
        why: open.what.clone(),
    })
}

// ---- second opinion ----

/// The request for a second opinion on an answer, criterion by criterion.
pub fn opinion_request(
    content: &Content,
    question: &Question,
    told: &Told,
    follow_ups: &[FollowUp],
    judgement: &Judgement,
) -> ChatRequest {
    let lp = content.principle_name(question.primary());
    let system = "You are a calibrated Amazon Bar Raiser giving a second opinion on one interview answer. \
For each criterion listed, give a level from 1 to 4 (1 Strong No Hire, 2 No Hire, 3 Hire, 4 Strong Hire) \
and up to three pieces of evidence, each an EXACT quote copied from the candidate's words with a short reason. \
Never paraphrase inside a quote. Then suggest the one follow-up you would ask next. \
Reply with JSON only: \"criteria\" lists one entry per criterion id with its \"level\" and \"evidence\" \
(each \"quote\" copied word for word from the answer, each \"reason\" a few words of your own); \"next_probe\" is your follow-up question."
        .to_string();
    let mut user = format!(
        "Leadership Principle: {lp}\nQuestion asked: {}\n\nThe candidate's answer:\n{}\nCriteria (id: name):\n",
        question.text,
        answer_block(told, follow_ups, &[])
    );
    for c in &judgement.criteria {
        user.push_str(&format!("- {}: {}\n", c.key, c.name));
    }
    let ids: Vec<&str> = judgement.criteria.iter().map(|c| c.key.as_str()).collect();
    ChatRequest::new(
        system,
        user,
        json!({
            "type": "object",
            "properties": {
                "criteria": {"type": "array", "items": {
                    "type": "object",
                    "properties": {
                        "id": {"type": "string", "enum": ids},
                        "level": {"type": "integer", "minimum": 1, "maximum": 4},
                        "evidence": {"type": "array", "items": {
                            "type": "object",
                            "properties": {"quote": {"type": "string"}, "reason": {"type": "string"}},
                            "required": ["quote", "reason"]
                        }}
                    },
                    "required": ["id", "level", "evidence"]
                }},
                "next_probe": {"type": "string"}
            },
            "required": ["criteria", "next_probe"]
        }),
        900,
    )
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AiEvidence {
    pub quote: String,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AiCriterion {
    pub id: String,
    pub level: u8,
    pub evidence: Vec<AiEvidence>,
}

/// The model's second opinion, after every check. Everything in it was
/// written by the model named in `model`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SecondOpinion {
    /// Always `"ai"`: marks every line here as written by a model.
    pub source: &'static str,
    pub model: String,
    pub criteria: Vec<AiCriterion>,
    pub next_probe: Option<String>,
    /// What was dropped or changed, and why.
    pub errors: Vec<String>,
}

impl SecondOpinion {
    /// No opinion: the call failed (`why`).
    pub fn failed(model: &str, why: String) -> SecondOpinion {
        SecondOpinion {
            source: "ai",
            model: model.to_string(),
            criteria: Vec::new(),
            next_probe: None,
            errors: vec![why],
        }
    }

    pub fn level(&self, key: &str) -> Option<u8> {
        self.criteria.iter().find(|c| c.id == key).map(|c| c.level)
    }

    /// The opinion a session keeps in its `ai` list (`kind =
    /// "second-opinion"`), as it was saved. A line that is not one, or
    /// whose opinion cannot be read, is `None`; a criterion whose level is
    /// not 1 to 4 (a hand-edited file) is left out.
    pub fn from_saved(line: &AiLine) -> Option<SecondOpinion> {
        #[derive(Deserialize)]
        struct Saved {
            #[serde(default)]
            criteria: Vec<AiCriterion>,
            #[serde(default)]
            next_probe: Option<String>,
            #[serde(default)]
            errors: Vec<String>,
        }
        if line.kind != "second-opinion" {
            return None;
        }
        let saved: Saved = serde_json::from_value(line.opinion.clone()?).ok()?;
        Some(SecondOpinion {
            source: "ai",
            model: line.model.clone(),
            criteria: saved
                .criteria
                .into_iter()
                .filter(|c| (1..=4).contains(&c.level))
                .collect(),
            next_probe: saved.next_probe,
            errors: saved.errors,
        })
    }

    /// The latest second opinion a session keeps on the answer `answer_id`.
    pub fn saved_for(lines: &[AiLine], answer_id: &str) -> Option<SecondOpinion> {
        lines
            .iter()
            .rev()
            .filter(|l| l.answer_id == answer_id)
            .find_map(SecondOpinion::from_saved)
    }

    /// Criteria where the model and the rule judge differ: (key, rule, ai).
    pub fn disagreements(&self, judgement: &Judgement) -> Vec<(String, Option<u8>, u8)> {
        self.criteria
            .iter()
            .filter_map(|c| {
                let rule = judgement.level(&c.id);
                (rule != Some(c.level)).then(|| (c.id.clone(), rule, c.level))
            })
            .collect()
    }
}

/// Checks a second opinion the model wrote: unknown criteria, levels out of
/// range and quotes that are not in the answer are dropped; the rule judge's
/// red flags ([`red_flag`]) veto praise (a level above the judge's, at Hire
/// or above, is kept at the judge's).
pub fn validate_opinion(
    model: &str,
    reply: &str,
    judgement: &Judgement,
    candidate: &str,
) -> SecondOpinion {
    let mut op = SecondOpinion::failed(model, String::new());
    op.errors.clear();
    let v = match json_object(reply) {
        Ok(v) => v,
        Err(e) => {
            op.errors.push(e);
            return op;
        }
    };
    let Some(items) = v.get("criteria").and_then(Value::as_array) else {
        op.errors.push("the reply has no criteria list".into());
        return op;
    };
    // Only a red flag (blame, concealing, going around a control, …) vetoes
    // praise; a missing number or a thin Action is a gap the model may
    // weigh differently, and that difference is shown, not suppressed.
    let red_flag = red_flag(judgement);
    for item in items {
        let id = item
            .get("id")
            .and_then(Value::as_str)
            .map(clean)
            .unwrap_or_default();
        if !judgement.criteria.iter().any(|c| c.key == id) {
            op.errors.push(format!(
                "criterion \"{}\" dropped: not a criterion of this question",
                clip(&id, 60)
            ));
            continue;
        }
        if op.criteria.iter().any(|c| c.id == id) {
            op.errors
                .push(format!("criterion \"{id}\" dropped: given twice"));
            continue;
        }
        let level = match item.get("level").and_then(Value::as_u64) {
            Some(l @ 1..=4) => l as u8,
            other => {
                op.errors.push(format!(
                    "criterion \"{id}\" dropped: level {} is not 1 to 4",
                    other.map_or("missing".to_string(), |l| l.to_string())
                ));
                continue;
            }
        };
        let mut evidence = Vec::new();
        for e in item
            .get("evidence")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let quote = clean(e.get("quote").and_then(Value::as_str).unwrap_or(""));
            let reason = clean(e.get("reason").and_then(Value::as_str).unwrap_or(""));
            if quote.is_empty() {
                op.errors
                    .push(format!("{id}: evidence dropped: it quotes nothing"));
            } else if !is_quoted_from(&quote, candidate) {
                op.errors.push(format!(
                    "{id}: evidence dropped: \"{}\" is not in the answer",
                    clip(&quote, 80)
                ));
            } else {
                evidence.push(AiEvidence {
                    quote: clip(&quote, MAX_NOTE_CHARS),
                    reason: clip(&reason, MAX_NOTE_CHARS),
                });
            }
        }
        let mut level = level;
        let rule = judgement.level(&id);
        if level >= 3
            && rule.is_none_or(|r| level > r)
            && let Some(flag) = red_flag
        {
            let capped = rule.unwrap_or(2).min(level);
            op.errors.push(format!(
                "{id}: level {level} vetoed: the rule judge found a red flag ({flag}); kept at {capped}"
            ));
            level = capped;
        }
        op.criteria.push(AiCriterion {
            id,
            level,
            evidence,
        });
    }
    op.next_probe = v
        .get("next_probe")
        .and_then(Value::as_str)
        .map(clean)
        .filter(|p| !p.is_empty())
        .map(|p| clip(&p, MAX_FOLLOW_UP_CHARS));
    if let Some(p) = &op.next_probe
        && let Some(q) = quotes_in(p)
            .into_iter()
            .find(|q| !is_quoted_from(q, candidate))
    {
        op.errors.push(format!(
            "next_probe dropped: it quotes \"{}\", which is not in the answer",
            clip(&q, 60)
        ));
        op.next_probe = None;
    }
    op
}

// ---- whose levels the debrief votes on ----

/// Whose levels the debrief votes on (`[ai] vote` in the config): the rule
/// judge's (the default), or the model's second opinion where the session
/// keeps one, the rule judge's red flags vetoing its praise.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum VoteBy {
    #[default]
    Rule,
    Ai,
}

impl VoteBy {
    pub fn id(self) -> &'static str {
        match self {
            VoteBy::Rule => "rule",
            VoteBy::Ai => "ai",
        }
    }
    pub fn from_id(s: &str) -> Option<VoteBy> {
        match s.trim().to_ascii_lowercase().as_str() {
            "rule" => Some(VoteBy::Rule),
            "ai" => Some(VoteBy::Ai),
            _ => None,
        }
    }
}

/// The first red flag the rule judge found in an answer (a content
/// `[[red_flag]]` signal: blame, concealing, going around a control, …).
pub fn red_flag(judgement: &Judgement) -> Option<&'static str> {
    judgement
        .findings
        .iter()
        .map(|f| f.signal)
        .find(|s| crate::content::RED_FLAG_SIGNALS.contains(s))
}

/// A judgement on the model's levels: each criterion the opinion scores
/// takes its level, the rest keep the rule judge's, and the average and
/// vote are worked out again as the judge works them out. The rule judge's
/// red flags veto the model's praise: on an answer with a red flag no
/// criterion rises above the judge's level (one the judge could not score
/// stays unscored) and the average never rises above the judge's, so the
/// model can lower such an answer but never raise it. `vetoed` counts the
/// levels held back.
pub fn with_ai_levels(
    judgement: &Judgement,
    opinion: &SecondOpinion,
    follow_ups: &[FollowUp],
    rules: &crate::content::DebriefRules,
) -> (Judgement, usize) {
    let flagged = red_flag(judgement).is_some();
    let mut j = judgement.clone();
    let mut vetoed = 0;
    for c in &mut j.criteria {
        let Some(ai) = opinion.level(&c.key) else {
            continue;
        };
        match c.level {
            Some(rule) if flagged && ai > rule => vetoed += 1,
            None if flagged => vetoed += 1,
            _ => c.level = Some(ai),
        }
    }
    let mut average = crate::practice::judge::answer_average(
        &j.criteria,
        &j.findings,
        follow_ups,
        rules,
        j.drilldown,
    );
    if flagged
        && let (Some(a), Some(rule)) = (average.as_mut(), judgement.average)
        && *a > rule
    {
        *a = rule;
    }
    j.average = average;
    j.vote = average.map(|a| crate::practice::judge::vote(a, rules));
    // How sure the rule judge was says nothing of the model's levels.
    j.confidence = None;
    (j, vetoed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_removes_escape_sequences_and_controls() {
        assert_eq!(
            clean("a\u{1b}[31mred\u{1b}[0m b\u{1b}]0;title\u{7}c\u{0}d\n\ne\u{202e}f"),
            "ared bcd ef"
        );
        assert_eq!(clean("x\u{1b}]8;;http://x\u{1b}\\y"), "xy");
    }

    #[test]
    fn quotes_must_be_the_candidates_words() {
        let said = "I cut the queue from 40 to 12 minutes.\nWe shipped it.";
        assert!(is_quoted_from("cut the  Queue from 40", said));
        assert!(is_quoted_from("“we shipped it.”", said));
        assert!(!is_quoted_from("cut the backlog", said));
        assert!(!is_quoted_from("  ", said));
    }

    fn gaps() -> Vec<OpenGap> {
        vec![OpenGap {
            id: "signal:no-metric".into(),
            what: "no number".into(),
        }]
    }

    #[test]
    fn a_follow_up_repeating_the_question_is_refused() {
        let q =
            "Tell me about a time you took on a problem that sat between two teams.".to_string();
        let reply = "{\"gap\":\"signal:no-metric\",\"question\":\"Tell me about a time you took on a problem that sat between two teams, where each of them thought it belonged to the other.\"}";
        let e = validate_follow_up_after(reply, &gaps(), "we shipped it", std::slice::from_ref(&q))
            .unwrap_err();
        assert!(e.contains("repeats what was already asked"), "{e}");
        let fine = "{\"gap\":\"signal:no-metric\",\"question\":\"How many invoices did the fix save each month?\"}";
        assert!(validate_follow_up_after(fine, &gaps(), "we shipped it", &[q]).is_ok());
    }

    #[test]
    fn a_good_follow_up_passes_and_keeps_its_gap() {
        let f = validate_follow_up(
            "```json\n{\"gap\":\"signal:no-metric\",\"question\":\"You said \\\"we shipped it\\\": by how much did wait time drop?\"}\n```",
            &gaps(),
            "we shipped it",
        )
        .unwrap();
        assert_eq!(f.gap, "signal:no-metric");
        assert!(f.text.starts_with("You said \"we shipped it\""));
    }

    #[test]
    fn follow_ups_failing_a_check_are_refused_with_the_reason() {
        let said = "we shipped it";
        let cases = [
            ("not json at all", "no JSON object"),
            (
                "{\"gap\": \"signal:no-metric\", \"question\": ",
                "no JSON object",
            ),
            (
                "{\"gap\":\"signal:no-result\",\"question\":\"What was the result then?\"}",
                "not an open gap",
            ),
            (
                "{\"gap\":\"signal:no-metric\",\"question\":\"You said \\\"we doubled revenue\\\", how?\"}",
                "never wrote",
            ),
            (
                "{\"gap\":\"signal:no-metric\",\"question\":\"Why?\"}",
                "too short",
            ),
        ];
        for (reply, why) in cases {
            let e = validate_follow_up(reply, &gaps(), said).unwrap_err();
            assert!(e.contains(why), "{reply}: {e}");
        }
        let long = format!(
            "{{\"gap\":\"signal:no-metric\",\"question\":\"{}\"}}",
            "how much ".repeat(50)
        );
        assert!(
            validate_follow_up(&long, &gaps(), said)
                .unwrap_err()
                .contains("characters long")
        );
    }
}
