//! Inferring the Leadership Principles of a question whose source names
//! none (it sits under "## Amazon" or "## General", or a CSV row has no LP).
//!
//! The labelled examples are each principle's `asked_as` wordings (ways
//! interviewers word a question on it, with the other principles they would
//! accept), its description and signals, and the loaded questions: each is a
//! TF-IDF vector of its (stemmed, stop-word-free) words, labelled with its
//! LPs. A new question's LPs are voted by its nearest neighbours (squared
//! cosine similarity; the primary LP of a neighbour counts fully, a secondary
//! one half, a bank question less than a wording), plus a small fixed score
//! for each LP cue phrase it contains ("root cause", "budget",
//! "disagree"…). The confidence is the winner's share of all the votes, with
//! a prior that keeps weak evidence (a single faint neighbour) from looking
//! certain.
//!
//! Measured on `tests/fixtures/import/labelled_questions.toml` (see
//! `content/README.md`, "Importing question lists"); `tests/content_import.rs`
//! keeps the accuracy at or above the floor reported there.

use super::*;
use std::collections::HashMap;

/// From this confidence a question is written with its inferred LPs; below
/// it, it goes to the `imported` track with its best guess.
pub const CONFIDENT: f64 = 0.30;

/// Neighbours that vote.
const K: usize = 20;
/// A cue phrase's vote, against a neighbour's squared similarity (0–1).
const CUE_VOTE: f64 = 0.25;
/// A bank question's vote against a principle's own wording (`asked_as`,
/// description, signals): bank questions are about one domain's situations,
/// the wordings about the principle.
const BANK_WEIGHT: f64 = 0.6;
/// Votes every question starts with spread over no LP: with little
/// evidence the winner's share stays low.
const PRIOR: f64 = 0.35;
/// A second LP is listed when its votes reach this share of the winner's.
const SECOND: f64 = 0.6;

/// Phrases that point at one LP whatever the rest of the question says.
/// Stems are matched at word starts in the lower-cased text.
const CUES: &[(&str, &[&str])] = &[
    (
        "customer-obsession",
        &[
            "customer",
            "client",
            "user need",
            "end user",
            "work backwards",
            "complain",
            "satisf",
            "expectation",
            "user experience",
            "customer feedback",
            "customer request",
        ],
    ),
    (
        "ownership",
        &[
            "not your job",
            "wasn't your",
            "outside your",
            "nobody else",
            "no one else",
            "long-term",
            "long term",
            "took ownership",
            "owned",
            "commitment",
            "unfinished",
            "end to end",
            "end-to-end",
            "from idea to",
            "above and beyond",
            "beyond your",
            "took charge",
            "stepped up",
            "step up",
            "responsibility for",
            "peer struggling",
            "step in",
            "stepped in",
            "unclear responsibilit",
            "cannot be delivered",
        ],
    ),
    (
        "invent-and-simplify",
        &[
            "simplif",
            "innovat",
            "invent",
            "creative",
            "new way",
            "reinvent",
            "creative solution",
            "new approach",
            "automat",
            "simpler",
            "improve a process",
            "improved a process",
            "simple solution",
            "simple way",
        ],
    ),
    (
        "are-right-a-lot",
        &[
            "judgment",
            "judgement",
            "incomplete data",
            "intuition",
            "gut",
            "were wrong",
            "been wrong",
            "bias",
            "right call",
            "prioritiz",
            "prioritis",
            "trade-off",
            "tradeoff",
            "which data",
            "conflicting",
            "error in judgment",
            "error in judgement",
            "rely on your judgment",
            "not clear cut",
        ],
    ),
    (
        "learn-and-be-curious",
        &[
            "learn",
            "curious",
            "curiosity",
            "new skill",
            "taught yourself",
            "get up to speed",
            "book",
            "course",
            "explor",
            "interest",
            "unfamiliar",
            "outside your expertise",
            "staying curious",
            "stay curious",
            "seek out feedback",
        ],
    ),
    (
        "hire-and-develop-the-best",
        &[
            "hire",
            "hiring",
            "mentor",
            "coach",
            "develop",
            "candidate",
            "underperform",
            "grow",
            "talent",
            "promot",
            "team member's",
            "top performer",
            "performers",
        ],
    ),
    (
        "insist-on-the-highest-standards",
        &[
            "quality",
            "standard",
            "bar",
            "good enough",
            "cutting corners",
            "defect",
            "recurring",
            "stayed fixed",
            "raise the bar",
            "raised the bar",
            "high standard",
            "dissatisfied",
            "not satisfied",
            "ensure quality",
            "status quo",
            "unsatisfied",
            "low-quality",
            "low quality",
            "technical debt",
            "improvement project",
        ],
    ),
    (
        "think-big",
        &[
            "vision",
            "ambitious",
            "bold",
            "big",
            "moonshot",
            "transform",
            "10x",
            "unlimited",
            "strateg",
            "long-term vision",
            "organizational level",
            "organisational level",
            "organization-wide",
        ],
    ),
    (
        "bias-for-action",
        &[
            "quick decision",
            "speed",
            "fast",
            "risk",
            "without all",
            "acted",
            "urgent",
            "waiting",
            "calculated risk",
            "quickly",
            "reversible",
            "before everyone",
            "moving forward",
            "without approval",
            "without consulting",
            "more information",
            "stringent deadline",
            "took a risk",
            "take a risk",
            "roadblock",
        ],
    ),
    (
        "frugality",
        &[
            "budget",
            "cost",
            "money",
            "fewer resources",
            "limited resources",
            "frugal",
            "cheap",
            "saved",
            "without additional",
            "without requiring additional",
            "small team",
            "stretch",
            "constraint",
        ],
    ),
    (
        "earn-trust",
        &[
            "trust",
            "feedback",
            "admit",
            "mistake",
            "credib",
            "candid",
            "sceptic",
            "skeptic",
            "apolog",
            "honest",
            "difficult conversation",
            "relationship",
            "credit",
            "transparen",
            "bad news",
        ],
    ),
    (
        "dive-deep",
        &[
            "root cause",
            "data",
            "metric",
            "dig",
            "detail",
            "anomal",
            "investigat",
            "analy",
            "troubleshoot",
            "deep",
            "audit",
            "disagreed with the data",
        ],
    ),
    (
        "have-backbone-disagree-and-commit",
        &[
            "disagree",
            "push back",
            "pushed back",
            "conflict",
            "challenged",
            "argued",
            "commit",
            "stood your ground",
            "stand your ground",
            "unpopular",
            "did not like",
            "didn't like",
            "went against",
            "opposed",
            "objection",
        ],
    ),
    (
        "deliver-results",
        &[
            "deadline",
            "setback",
            "obstacle",
            "goal",
            "achiev",
            "on time",
            "missed",
            "over the line",
            "slip",
            "result",
            "target",
            "under pressure",
            "despite",
            "deliver results",
            "delivered results",
            "most successful",
        ],
    ),
    (
        "strive-to-be-earths-best-employer",
        &[
            "wellbeing",
            "well-being",
            "inclusive",
            "morale",
            "burnout",
            "place to work",
            "safe",
            "culture",
            "new joiner",
            "welcome",
            "inclusion",
            "diverse",
            "diversity",
            "work environment",
            "career",
            "advocated for someone",
            "less influence",
            "seniority",
        ],
    ),
    (
        "success-and-scale-bring-broad-responsibility",
        &[
            "community",
            "sustainab",
            "ethic",
            "society",
            "environment",
            "second-order",
            "at scale",
            "privacy",
            "accessib",
            "downstream",
            "long-term impact",
            "responsible for the impact",
            "protected users",
            "protect users",
            "business cost",
        ],
    ),
];

/// What was inferred for one question.
#[derive(Debug, Clone, PartialEq)]
pub struct Inference {
    /// Best first; one or two.
    pub principles: Vec<String>,
    /// 0–1: the winner's share of the votes.
    pub confidence: f64,
    /// The most similar labelled question, and how similar (cosine).
    pub nearest: Option<(String, f64)>,
}

impl Inference {
    pub fn confident(&self) -> bool {
        self.confidence >= CONFIDENT
    }
}

struct Example {
    /// A question's id; `None` for a principle's own words.
    id: Option<String>,
    principles: Vec<String>,
    /// Sorted by term; L2-normalised weights.
    vector: Vec<(u32, f64)>,
}

/// The labelled examples and their vocabulary.
pub struct Inferrer {
    terms: HashMap<String, u32>,
    idf: Vec<f64>,
    examples: Vec<Example>,
    known: Vec<String>,
}

/// A light stemmer: enough that "decided", "decision" and "deciding" or
/// "customers" and "customer" meet.
pub(crate) fn stem(w: &str) -> String {
    let w = w
        .strip_suffix('s')
        .filter(|r| r.len() > 3 && !r.ends_with('s'))
        .unwrap_or(w);
    for suf in [
        "ation", "ition", "ing", "ion", "ed", "ly", "ment", "er", "e",
    ] {
        if let Some(r) = w.strip_suffix(suf)
            && r.len() >= 4
        {
            return r.to_string();
        }
    }
    w.to_string()
}

fn terms_of(text: &str) -> Vec<String> {
    tokens_in_order(text).iter().map(|w| stem(w)).collect()
}

impl Inferrer {
    /// Learns from every loaded question that has LPs, leaving out those of
    /// the `imported` track (their LPs are guesses).
    pub fn new(content: &Content) -> Inferrer {
        let mut terms: HashMap<String, u32> = HashMap::new();
        let mut df: Vec<u32> = Vec::new();
        // (question id or none, LPs, text): the questions, then each
        // principle's description and signals, labelled with it.
        let mut labelled: Vec<(Option<&str>, Vec<String>, &str)> = Vec::new();
        for q in &content.questions {
            if !q.principles.is_empty() && q.track != crate::content::Track::Imported {
                labelled.push((Some(q.id.as_str()), q.principles.clone(), q.text.as_str()));
            }
        }
        for p in &content.principles {
            for t in std::iter::once(&p.description).chain(&p.signals) {
                labelled.push((None, vec![p.id.clone()], t.as_str()));
            }
            for a in &p.asked_as {
                let lps = std::iter::once(&p.id).chain(&a.also).cloned().collect();
                labelled.push((None, lps, a.text.as_str()));
            }
        }
        let mut bags: Vec<(usize, HashMap<u32, f64>)> = Vec::new();
        for (i, (_, _, text)) in labelled.iter().enumerate() {
            let mut bag: HashMap<u32, f64> = HashMap::new();
            for t in terms_of(text) {
                let n = terms.len() as u32;
                let id = *terms.entry(t).or_insert(n);
                if id as usize == df.len() {
                    df.push(0);
                }
                *bag.entry(id).or_insert(0.0) += 1.0;
            }
            for id in bag.keys() {
                df[*id as usize] += 1;
            }
            bags.push((i, bag));
        }
        let n = bags.len() as f64;
        let idf: Vec<f64> = df
            .iter()
            .map(|&d| ((n + 1.0) / (f64::from(d) + 1.0)).ln() + 1.0)
            .collect();
        let examples = bags
            .into_iter()
            .map(|(i, bag)| {
                let (id, principles, _) = &labelled[i];
                Example {
                    id: id.map(str::to_string),
                    principles: principles.clone(),
                    vector: normalise(bag.into_iter().map(|(t, c)| (t, c * idf[t as usize]))),
                }
            })
            .collect();
        Inferrer {
            terms,
            idf,
            examples,
            known: content.principles.iter().map(|p| p.id.clone()).collect(),
        }
    }

    /// How many labelled questions it learnt from.
    pub fn examples(&self) -> usize {
        self.examples.iter().filter(|e| e.id.is_some()).count()
    }

    /// The LPs `text` most likely tests, with a confidence; `None` when
    /// nothing at all points anywhere (no shared word, no cue).
    pub fn infer(&self, text: &str) -> Option<Inference> {
        let mut bag: HashMap<u32, f64> = HashMap::new();
        for t in terms_of(text) {
            if let Some(&id) = self.terms.get(&t) {
                *bag.entry(id).or_insert(0.0) += 1.0;
            }
        }
        let query = normalise(bag.into_iter().map(|(t, c)| (t, c * self.idf[t as usize])));
        let mut sims: Vec<(f64, usize)> = self
            .examples
            .iter()
            .enumerate()
            .map(|(i, e)| (dot(&query, &e.vector), i))
            .filter(|(s, _)| *s > 0.0)
            .collect();
        sims.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        let mut votes: HashMap<&str, f64> = HashMap::new();
        for &(sim, i) in sims.iter().take(K) {
            let e = &self.examples[i];
            let source = if e.id.is_some() { BANK_WEIGHT } else { 1.0 };
            for (k, lp) in e.principles.iter().enumerate() {
                let w = if k == 0 { 1.0 } else { 0.5 };
                // Squared: the closest wordings count far more than the
                // twentieth.
                *votes.entry(lp.as_str()).or_insert(0.0) += w * source * sim * sim;
            }
        }
        let lower = format!(" {}", text.to_lowercase());
        for (lp, cues) in CUES {
            if !self.known.iter().any(|k| k == lp) {
                continue;
            }
            let hits = cues
                .iter()
                .filter(|c| {
                    lower
                        .match_indices(*c)
                        .any(|(i, _)| !lower[..i].ends_with(|ch: char| ch.is_alphanumeric()))
                })
                .count();
            if hits > 0 {
                *votes.entry(lp).or_insert(0.0) += CUE_VOTE * hits as f64;
            }
        }
        let total: f64 = votes.values().sum();
        let mut ranked: Vec<(&str, f64)> = votes.into_iter().collect();
        ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(b.0)));
        let (best, top) = *ranked.first()?;
        let mut principles = vec![best.to_string()];
        if let Some(&(second, s)) = ranked.get(1)
            && s >= SECOND * top
        {
            principles.push(second.to_string());
        }
        Some(Inference {
            principles,
            confidence: top / (total + PRIOR),
            nearest: sims
                .iter()
                .find_map(|&(s, i)| self.examples[i].id.as_ref().map(|id| (id.clone(), s))),
        })
    }
}

fn normalise(v: impl Iterator<Item = (u32, f64)>) -> Vec<(u32, f64)> {
    let mut v: Vec<(u32, f64)> = v.collect();
    v.sort_by_key(|x| x.0);
    let norm = v.iter().map(|x| x.1 * x.1).sum::<f64>().sqrt();
    if norm > 0.0 {
        for x in &mut v {
            x.1 /= norm;
        }
    }
    v
}

/// Dot product of two sparse vectors sorted by term.
pub(crate) fn dot(a: &[(u32, f64)], b: &[(u32, f64)]) -> f64 {
    let (mut i, mut j, mut s) = (0, 0, 0.0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                s += a[i].1 * b[j].1;
                i += 1;
                j += 1;
            }
        }
    }
    s
}
