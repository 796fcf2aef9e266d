//! Inferring the Leadership Principles of a question whose source names
//! none (it sits under "## Amazon" or "## General", or a CSV row has no LP).
//!
//! The labelled examples are each principle's `asked_as` wordings (ways
//! interviewers word a question on it, with the other principles they would
//! accept), its description and signals, and the loaded questions. A naive
//! Bayes model counts each LP's (stemmed, stop-word-free) words over them:
//! an example's primary LP fully, a secondary one half, a bank question at
//! 0.6 of a wording. A new question's LPs are ranked by the log-likelihood
//! of its words under each LP, plus a fixed amount for each LP cue phrase
//! it contains ("root cause", "budget", "disagree"…). The confidence is the
//! winner's probability once the log-likelihoods are tempered (naive Bayes
//! alone is far too sure). The nearest bank question (TF-IDF cosine) is
//! named beside it.
//!
//! Measured on `tests/fixtures/import/labelled_questions.toml` (see
//! `content/README.md`, "Importing question lists"); `tests/content_import.rs`
//! keeps the accuracy at or above the floor reported there.

use super::*;
use std::collections::HashMap;

/// From this confidence a question is written with its inferred LPs; below
/// it, it goes to the `imported` track with its best guess.
pub const CONFIDENT: f64 = 0.30;

/// Add-one smoothing of the word counts.
const ALPHA: f64 = 1.0;
/// A cue phrase's weight, in log-likelihood (a cue multiplies an LP's odds
/// by e² ≈ 7).
const CUE_VOTE: f64 = 2.0;
/// A bank question's weight against a principle's own wording (`asked_as`,
/// description, signals): bank questions are about one domain's situations,
/// the wordings about the principle.
const BANK_WEIGHT: f64 = 0.6;
/// A secondary LP's weight in an example, against its primary.
const SECONDARY: f64 = 0.5;
/// The temperature that turns log-likelihoods into a confidence: naive
/// Bayes is far too sure of itself, and at 2 a confidence of 0.30 or more
/// is right about nineteen times in twenty on the labelled lists.
const TEMPERATURE: f64 = 2.0;
/// A second LP is listed when its probability reaches this share of the
/// winner's.
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

/// A bank question, for naming the nearest one.
struct Example {
    id: String,
    /// Sorted by term; L2-normalised weights.
    vector: Vec<(u32, f64)>,
}

/// The labelled examples and their vocabulary.
pub struct Inferrer {
    terms: HashMap<String, u32>,
    idf: Vec<f64>,
    examples: Vec<Example>,
    known: Vec<String>,
    /// Per known LP, the log-probability of each term (naive Bayes, add-one
    /// smoothed), indexed by term id.
    log_p: Vec<Vec<f64>>,
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
        let known: Vec<String> = content.principles.iter().map(|p| p.id.clone()).collect();
        // Word counts per LP: every example's words, weighted by where it
        // comes from and whether the LP is its primary.
        let v = terms.len();
        let mut counts = vec![vec![0.0; v]; known.len()];
        for (i, bag) in &bags {
            let (id, principles, _) = &labelled[*i];
            let source = if id.is_some() { BANK_WEIGHT } else { 1.0 };
            for (k, lp) in principles.iter().enumerate() {
                let Some(l) = known.iter().position(|x| x == lp) else {
                    continue;
                };
                let w = source * if k == 0 { 1.0 } else { SECONDARY };
                for (&t, &c) in bag {
                    counts[l][t as usize] += w * c;
                }
            }
        }
        let log_p = counts
            .into_iter()
            .map(|row| {
                let total: f64 = row.iter().sum();
                let denom = (total + ALPHA * v as f64).ln();
                row.into_iter().map(|c| (c + ALPHA).ln() - denom).collect()
            })
            .collect();
        let examples = bags
            .into_iter()
            .filter_map(|(i, bag)| {
                let id = labelled[i].0?;
                Some(Example {
                    id: id.to_string(),
                    vector: normalise(bag.into_iter().map(|(t, c)| (t, c * idf[t as usize]))),
                })
            })
            .collect();
        Inferrer {
            terms,
            idf,
            examples,
            known,
            log_p,
        }
    }

    /// How many labelled questions it learnt from.
    pub fn examples(&self) -> usize {
        self.examples.len()
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
        // The nearest bank question, to name in the written comment.
        let nearest = self
            .examples
            .iter()
            .map(|e| (dot(&query, &e.vector), e))
            .filter(|(s, _)| *s > 0.0)
            .fold(None::<(f64, &Example)>, |best, (s, e)| match best {
                Some((b, _)) if b >= s => best,
                _ => Some((s, e)),
            });
        // Naive Bayes over the question's known words, plus the cues.
        let words: Vec<u32> = terms_of(text)
            .iter()
            .filter_map(|t| self.terms.get(t).copied())
            .collect();
        let mut scores: Vec<f64> = self
            .log_p
            .iter()
            .map(|row| words.iter().map(|&t| row[t as usize]).sum())
            .collect();
        let lower = format!(" {}", text.to_lowercase());
        let mut cued = false;
        for (lp, cues) in CUES {
            let Some(l) = self.known.iter().position(|k| k == lp) else {
                continue;
            };
            let hits = cues
                .iter()
                .filter(|c| {
                    lower
                        .match_indices(*c)
                        .any(|(i, _)| !lower[..i].ends_with(|ch: char| ch.is_alphanumeric()))
                })
                .count();
            if hits > 0 {
                cued = true;
                scores[l] += CUE_VOTE * hits as f64;
            }
        }
        if words.is_empty() && !cued {
            return None;
        }
        let mut ranked: Vec<(usize, f64)> = scores.iter().copied().enumerate().collect();
        ranked.sort_by(|a, b| {
            b.1.total_cmp(&a.1)
                .then(self.known[a.0].cmp(&self.known[b.0]))
        });
        let top = ranked.first()?.1;
        let weight = |s: f64| ((s - top) / TEMPERATURE).exp();
        let total: f64 = ranked.iter().map(|&(_, s)| weight(s)).sum();
        let mut principles = vec![self.known[ranked[0].0].clone()];
        if let Some(&(second, s)) = ranked.get(1)
            && weight(s) >= SECOND
        {
            principles.push(self.known[second].clone());
        }
        Some(Inference {
            principles,
            confidence: 1.0 / total,
            nearest: nearest.map(|(s, e)| (e.id.clone(), s)),
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
