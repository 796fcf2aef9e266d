//! The interviewer's own judgement of an answer, from evidence in the
//! candidate's words: per rubric criterion a level 1–4 and the quoted
//! sentences that raised or lowered it; the answer signals; a vote.
//!
//! Pure and deterministic: no I/O, no randomness. How it works, its measured
//! accuracy and its limits: docs/judge.md.

pub mod cues;
pub mod feedback;
pub mod flags;
pub mod reader;
pub mod seeks;
pub mod signals;
pub mod text;
mod verbs;

use crate::content::{Content, Criterion, DebriefRules, Question, Rubric, Track};
use crate::store::{FollowUp, Star, Vote};
use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};
use std::collections::BTreeMap;
pub use text::{Field, Said};

/// What the candidate typed in an answer: its STAR parts, or the fields of
/// a scenario or design answer.
#[derive(Debug, Clone, Copy)]
pub enum Told<'a> {
    Star(&'a Star),
    Parts(&'a [String]),
}

impl<'a> Told<'a> {
    /// What a stored answer told.
    pub fn of(a: &'a crate::store::Answer) -> Told<'a> {
        if a.parts.is_empty() {
            Told::Star(&a.star)
        } else {
            Told::Parts(&a.parts)
        }
    }

    /// Everything said, with the follow-up replies.
    pub fn said(&self, follow_ups: &'a [FollowUp]) -> Said<'a> {
        match self {
            Told::Star(star) => Said::new(star, follow_ups),
            Told::Parts(parts) => Said::from_parts(parts, follow_ups),
        }
    }
}

/// Bumped whenever a change to the judge can change a level or a signal;
/// cached judgements with another version are recomputed. The judge's
/// source (hashed by the build) and the red flags and asks it reads are in
/// the cache key as well ([`fingerprint`]), so a change to either that
/// forgets this bump still judges the cached answers again.
pub const JUDGE_VERSION: u32 = 2;

/// Off-topic: below this share of the question's key words (weighted by how
/// rare each is in the bank) …
pub const OFF_TOPIC_QUESTION: f64 = 0.05;
/// … and with at least this many other LPs whose own words fit it better …
pub const OFF_TOPIC_LP_RANK: usize = 2;

/// Seeks too broad to say what a question is about (nearly every story
/// shows them).
const BROAD_SEEKS: &[&str] = &[
    "own-action",
    "metric",
    "timeline",
    "outcome",
    "conflict",
    "decision",
    "data",
    "customer",
    "mechanism",
];

/// … and the best of them fits it at least this many times better.
pub const OFF_TOPIC_LP_RATIO: f64 = 4.0;

/// Answers shorter than this are not judged off-topic.
pub const OFF_TOPIC_MIN_WORDS: usize = 60;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Effect {
    Plus,
    Minus,
}

impl Effect {
    pub fn symbol(self) -> &'static str {
        match self {
            Effect::Plus => "+",
            Effect::Minus => "-",
        }
    }
}

/// A data point: a quote from the candidate (a real substring of what they
/// typed; empty when the point is that something is missing) and why it
/// counts.
#[derive(Debug, Clone, PartialEq)]
pub struct Evidence {
    pub quote: String,
    pub effect: Effect,
    pub reason: String,
}

/// One rubric criterion, judged.
#[derive(Debug, Clone, PartialEq)]
pub struct CriterionJudgement {
    /// The self-score key: `rubric/criterion`.
    pub key: String,
    pub rubric: String,
    pub criterion: String,
    pub name: String,
    /// `None` when the text cannot speak to it; `silent` says why.
    pub level: Option<u8>,
    pub silent: Option<String>,
    pub evidence: Vec<Evidence>,
    /// Whether the criterion belongs to the question's LP rubric (or a
    /// functional rubric) rather than delivery or the Bar Raiser's.
    pub principle: bool,
}

/// The judgement of one answer.
#[derive(Debug, Clone, PartialEq)]
pub struct Judgement {
    pub question_id: String,
    pub criteria: Vec<CriterionJudgement>,
    /// Signals found, most important first, each with its evidence.
    pub findings: Vec<signals::Found>,
    /// The mean of the LP criteria's mean and the delivery criteria's mean.
    pub average: Option<f64>,
    pub vote: Option<Vote>,
    /// How sure the vote is, 0–1 (see [`Confidence`]).
    pub confidence: Option<Confidence>,
    /// How the follow-up replies went, read once ([`Drilldown`]).
    pub drilldown: Drilldown,
}

/// How the drill-down went, read once per answer for its average.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Drilldown {
    /// Neither of the below.
    #[default]
    Plain,
    /// The story's Result is measured and a reply gives a number
    /// ([`probed_in_depth`]): the depth of a strong hire.
    Deep,
    /// The replies were thin ([`answered_thinly`]).
    Thin,
}

/// How sure a vote is, and why not surer. Low when the text is too short
/// to tell, when the average sits on a vote's boundary, or when few
/// criteria could be judged; high when a red flag decides it.
#[derive(Debug, Clone, PartialEq)]
pub struct Confidence {
    pub score: f64,
    /// "can't tell from the text: …" when the text cannot carry a vote.
    pub caveat: Option<String>,
}

impl Confidence {
    pub fn label(&self) -> &'static str {
        if self.score >= 0.75 {
            "high"
        } else if self.score >= 0.5 {
            "medium"
        } else {
            "low"
        }
    }
}

impl Judgement {
    /// No judgement at all (an answer given aloud has no text to judge).
    pub fn nothing(question: &Question) -> Judgement {
        Judgement {
            question_id: question.id.clone(),
            criteria: Vec::new(),
            findings: Vec::new(),
            average: None,
            vote: None,
            confidence: None,
            drilldown: Drilldown::Plain,
        }
    }
    pub fn signals(&self) -> Vec<String> {
        self.findings.iter().map(|f| f.signal.to_string()).collect()
    }
    pub fn has(&self, signal: &str) -> bool {
        self.findings.iter().any(|f| f.signal == signal)
    }
    pub fn level(&self, key: &str) -> Option<u8> {
        self.criteria
            .iter()
            .find(|c| c.key == key)
            .and_then(|c| c.level)
    }
    /// Levels by self-score key (criteria the text cannot speak to left out).
    pub fn levels(&self) -> BTreeMap<String, u8> {
        self.criteria
            .iter()
            .filter_map(|c| c.level.map(|l| (c.key.clone(), l)))
            .collect()
    }
    /// The mean level of the principle criteria.
    pub fn principle_average(&self) -> Option<f64> {
        mean(
            self.criteria
                .iter()
                .filter(|c| c.principle)
                .filter_map(|c| c.level),
        )
    }
}

fn mean(levels: impl Iterator<Item = u8>) -> Option<f64> {
    let (n, sum) = levels.fold((0u32, 0u32), |(n, s), l| (n + 1, s + u32::from(l)));
    (n > 0).then(|| f64::from(sum) / f64::from(n))
}

/// A vote from an average level.
pub fn vote(avg: f64, rules: &DebriefRules) -> Vote {
    if avg >= rules.strongly_inclined {
        Vote::StronglyInclined
    } else if avg >= rules.inclined {
        Vote::Inclined
    } else if avg >= rules.not_inclined {
        Vote::NotInclined
    } else {
        Vote::StronglyNotInclined
    }
}

/// How sure a vote on `avg` is: its distance from the nearest vote
/// boundary (half a level or more is clear; where the depth reader decided
/// between the two hire votes, `decided`, the reading's distance from
/// even), the share of criteria the text could speak to, and how much was
/// said. A red flag decides a vote whatever the rest. Under 80 words the
/// text cannot carry a vote.
pub fn confidence(
    avg: f64,
    rules: &DebriefRules,
    words: usize,
    criteria: &[CriterionJudgement],
    red_flag: bool,
    decided: Option<f64>,
) -> Confidence {
    let margin = decided.unwrap_or_else(|| {
        [rules.strongly_inclined, rules.inclined, rules.not_inclined]
            .iter()
            .map(|b| (avg - b).abs())
            .fold(f64::MAX, f64::min)
    });
    let judged =
        criteria.iter().filter(|c| c.level.is_some()).count() as f64 / criteria.len().max(1) as f64;
    let mut score = 0.3 + 0.45 * (margin / 0.5).min(1.0) + 0.25 * judged;
    let mut caveat = None;
    if red_flag {
        score = score.max(0.8);
    } else if words < 80 {
        score = score.min(0.35);
        caveat = Some(format!(
            "can't tell from the text: {words} words are too few to judge a story"
        ));
    } else if margin < 0.15 {
        caveat = Some(match decided {
            Some(_) => {
                "can't tell from the text whether this is a strong hire or an inclined one: \
                        the depth reading is close to even"
                    .to_string()
            }
            None => format!(
                "can't tell from the text which side of the line this is: {avg:.2} sits on a vote's boundary"
            ),
        });
    }
    Confidence {
        score: (score.clamp(0.0, 1.0) * 100.0).round() / 100.0,
        caveat,
    }
}

/// The debrief rules when the content has none.
pub fn default_rules() -> DebriefRules {
    DebriefRules {
        strongly_inclined: 3.85,
        inclined: 2.75,
        not_inclined: 2.0,
        bar_raiser_veto_below: 2.75,
        min_inclined_share: 0.5,
        max_strongly_not_inclined: 0,
        delivery_rubric: String::new(),
        bar_raiser_rubric: String::new(),
        key_principle_below: 2.0,
        strong_data_point: 3,
    }
}

/// What a question is about, for the off-topic signal.
#[derive(Debug, Clone, Default)]
pub struct Topic {
    /// The question's key words: (stem, word as written, weight).
    pub terms: Vec<(String, String, f64)>,
    /// For each key word, the seeks whose cues name it: a word is covered
    /// by an answer that shows one of them in other words ("roadblock" by
    /// "the vendor slipped three weeks").
    pub term_seeks: Vec<Vec<&'static str>>,
    pub asks_failure: bool,
}

const STOP: &[&str] = &[
    "a",
    "about",
    "after",
    "again",
    "all",
    "also",
    "an",
    "and",
    "any",
    "are",
    "as",
    "at",
    "be",
    "been",
    "before",
    "being",
    "but",
    "by",
    "can",
    "could",
    "did",
    "do",
    "does",
    "doing",
    "done",
    "during",
    "each",
    "else",
    "even",
    "for",
    "from",
    "get",
    "got",
    "had",
    "has",
    "have",
    "having",
    "he",
    "her",
    "here",
    "him",
    "his",
    "how",
    "i",
    "if",
    "in",
    "into",
    "is",
    "it",
    "its",
    "just",
    "me",
    "more",
    "most",
    "my",
    "no",
    "not",
    "now",
    "of",
    "on",
    "one",
    "only",
    "or",
    "other",
    "our",
    "out",
    "over",
    "own",
    "say",
    "says",
    "she",
    "so",
    "some",
    "such",
    "than",
    "that",
    "the",
    "their",
    "them",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "through",
    "to",
    "too",
    "under",
    "up",
    "us",
    "very",
    "was",
    "we",
    "were",
    "what",
    "when",
    "where",
    "which",
    "while",
    "who",
    "whom",
    "why",
    "will",
    "with",
    "would",
    "you",
    "your",
    "yours",
    "tell",
    "time",
    "times",
    "example",
    "describe",
    "give",
    "walk",
    "share",
    "situation",
    "talk",
    "told",
    "way",
    "ways",
    "thing",
    "things",
    "something",
    "someone",
    "anything",
    "way",
    "went",
    "made",
    "make",
    "take",
    "took",
    "happened",
    "happen",
    "ended",
    "end",
    "kind",
    "like",
    "want",
    "wanted",
    "recent",
    "recently",
    "specific",
    "particular",
    "instance",
    "approach",
    "handle",
    "handled",
    "deal",
    "dealt",
    "work",
    "worked",
    "working",
    "team",
    "teams",
    "project",
    "projects",
    "role",
    "job",
    "company",
    "people",
    "person",
    "new",
    "able",
    "know",
    "knew",
    "think",
    "thought",
    "use",
    "used",
    "needed",
    "need",
    "let",
    "look",
    "looking",
    "back",
    "still",
    "really",
    "much",
    "many",
    "lot",
    "well",
    "good",
    "first",
    "last",
    "whole",
    "per",
    "around",
    "because",
    "without",
    "within",
    "between",
    "against",
    "both",
    "either",
    "same",
    "yourself",
    "ever",
    "okay",
    "big",
    "small",
    "long",
    "short",
    "part",
    "point",
];

/// A crude stem: enough to match "escalated" with "escalation".
pub fn stem(w: &str) -> &str {
    let w = w.trim_end_matches("'s");
    // The first five characters; a word of five or fewer loses its plural.
    match w.char_indices().nth(5) {
        Some((i, _)) => &w[..i],
        None => w.trim_end_matches('s'),
    }
}

/// Whether a word is too common to tell one question or story from another.
pub fn is_stop(w: &str) -> bool {
    STOP.contains(&w)
}

fn key_words(text: &str) -> Vec<String> {
    text::words(text)
        .into_iter()
        .filter(|w| {
            w.len() >= 3 && !STOP.contains(&w.as_str()) && !w.chars().all(|c| c.is_ascii_digit())
        })
        .collect()
}

/// What the cached judgements depend on besides each answer's words: the
/// judge's version and what it reads of `content`.
pub fn fingerprint(content: &Content) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    JUDGE_VERSION.hash(&mut h);
    env!("LOOPDRILL_JUDGE_SOURCE").hash(&mut h);
    for f in &content.red_flags {
        (
            &f.id, f.cap, f.subject, &f.cues, &f.anyone, &f.unless, &f.formats,
        )
            .hash(&mut h);
    }
    for a in &content.asks {
        (&a.id, &a.question, &a.shows, &a.contrary, &a.opposite).hash(&mut h);
    }
    for r in &content.rubrics {
        r.id.hash(&mut h);
        for c in &r.criteria {
            (
                &c.id,
                &c.seeks,
                &c.signals,
                c.when == crate::content::CriterionWhen::Failure,
            )
                .hash(&mut h);
        }
    }
    for q in &content.questions {
        (&q.id, &q.text, &q.principles, q.track.id(), q.format.id()).hash(&mut h);
    }
    format!("{:?}", content.debrief).hash(&mut h);
    h.finish()
}

/// The cache key of an answer's words for the judge with `fingerprint`
/// ([`Judge::cache_key`]), from its parts wherever they are held: an
/// [`crate::store::Answer`] or a view of its file
/// ([`crate::store::view::AnswerView`], whose texts hash as `String`s do).
pub fn words_key<S: std::hash::Hash>(
    fingerprint: u64,
    question_id: &str,
    principles: &[S],
    star: [&str; 4],
    parts: &[S],
    responses: impl Iterator<Item = impl AsRef<str>>,
    time_limit_secs: u64,
) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    fingerprint.hash(&mut h);
    question_id.hash(&mut h);
    principles.hash(&mut h);
    // As `Star`'s derived `Hash`: each field in turn.
    for f in star {
        f.hash(&mut h);
    }
    parts.hash(&mut h);
    for r in responses {
        r.as_ref().hash(&mut h);
    }
    time_limit_secs.hash(&mut h);
    h.finish()
}

/// What the summary index needs of the judge (`store::index::Judging`):
/// for one content pack, its fingerprint, the cache key of an answer read
/// from its file, and judging what has no current cached judgement. Shared
/// by the threads that read the session files.
pub struct IndexJudge<'c> {
    content: &'c Content,
    fingerprint: u64,
}

impl<'c> IndexJudge<'c> {
    pub fn new(content: &'c Content) -> IndexJudge<'c> {
        IndexJudge {
            content,
            fingerprint: fingerprint(content),
        }
    }
}

impl crate::store::index::Judging for IndexJudge<'_> {
    fn fingerprint(&self) -> u64 {
        self.fingerprint
    }

    fn key(&self, a: &crate::store::view::AnswerView<'_>) -> u64 {
        words_key(
            self.fingerprint,
            a.question_id.as_str(),
            &a.principles,
            a.star.fields(),
            &a.parts,
            a.follow_ups.iter().map(|f| f.response.as_str()),
            a.time_limit_secs,
        )
    }

    fn refresh(&self, session: &mut crate::store::Session) {
        Judge::new(self.content).refresh_cache(session);
    }
}

/// The judge, prepared once for a content pack.
pub struct Judge<'c> {
    pub content: &'c Content,
    rules: DebriefRules,
    /// Stem → weight, worked out on first use ([`Judge::idf`]).
    idf: std::cell::OnceCell<HashMap<String, f64>>,
    /// Worked out on first use ([`Judge::lp_terms`]).
    lp_terms: std::cell::OnceCell<HashMap<String, Vec<String>>>,
    /// What the judge reads of the content, hashed with its version (part
    /// of every cache key).
    fingerprint: u64,
    /// Topics already worked out, by question id and text.
    topics: std::cell::RefCell<HashMap<(String, String), std::rc::Rc<Topic>>>,
    /// The red flags and asks, indexed on first use.
    flags: std::cell::OnceCell<flags::Prepared<'c>>,
    /// Whether the learned depth reader has its say on a hire
    /// ([`weigh_depth`]); off only to see what the rules alone give.
    depth: bool,
}

impl<'c> Judge<'c> {
    /// Cheap: the word weights and LP terms that judging text needs are
    /// worked out on first use, so reading cached judgements (the home
    /// screen's progress) costs only the fingerprint.
    pub fn new(content: &'c Content) -> Judge<'c> {
        Judge {
            fingerprint: fingerprint(content),
            content,
            rules: content.debrief.clone().unwrap_or_else(default_rules),
            idf: Default::default(),
            lp_terms: Default::default(),
            topics: Default::default(),
            flags: Default::default(),
            depth: true,
        }
    }

    /// This judge without the learned depth reader: what the rules alone
    /// make of a hire, strong or inclined (for tests of the rules, and to
    /// compare).
    pub fn without_depth_reader(mut self) -> Self {
        self.depth = false;
        self
    }

    fn flags(&self) -> &flags::Prepared<'c> {
        self.flags
            .get_or_init(|| flags::Prepared::new(self.content))
    }

    /// Stem → weight (rarer across the bank's questions weighs more).
    fn idf(&self) -> &HashMap<String, f64> {
        self.idf.get_or_init(|| {
            let content = self.content;
            let mut df: HashMap<String, u32> = HashMap::new();
            for q in &content.questions {
                let set: HashSet<String> = key_words(&q.text)
                    .iter()
                    .map(|w| stem(w).to_string())
                    .collect();
                for s in set {
                    *df.entry(s).or_default() += 1;
                }
            }
            let n = content.questions.len().max(1) as f64;
            df.into_iter()
                .map(|(s, d)| (s, ((n + 1.0) / (f64::from(d) + 1.0)).ln().max(0.1)))
                .collect()
        })
    }

    /// Each LP's own words (those few other LPs share).
    fn lp_terms(&self) -> &HashMap<String, Vec<String>> {
        self.lp_terms.get_or_init(|| {
            let content = self.content;
            let lp_terms: HashMap<String, Vec<String>> = content
                .principles
                .iter()
                .map(|p| {
                    let mut text = format!("{} {} {}", p.name, p.description, p.signals.join(" "));
                    if let Some(r) = content.principle_rubric(&p.id) {
                        for c in &r.criteria {
                            text.push(' ');
                            text.push_str(&c.name);
                        }
                    }
                    let mut set: Vec<String> = key_words(&text)
                        .iter()
                        .map(|w| stem(w).to_string())
                        .collect();
                    set.sort();
                    set.dedup();
                    (p.id.clone(), set)
                })
                .collect();
            // Keep each LP's own words: those few other LPs share.
            let mut lp_df: HashMap<&str, usize> = HashMap::new();
            for set in lp_terms.values() {
                for w in set {
                    *lp_df.entry(w.as_str()).or_default() += 1;
                }
            }
            lp_terms
                .iter()
                .map(|(id, set)| {
                    let own = set
                        .iter()
                        .filter(|w| lp_df.get(w.as_str()).copied().unwrap_or(0) <= 2)
                        .cloned()
                        .collect();
                    (id.clone(), own)
                })
                .collect()
        })
    }

    pub fn rules(&self) -> &DebriefRules {
        &self.rules
    }

    /// What `question` is about (worked out once per question).
    pub fn topic(&self, question: &Question) -> std::rc::Rc<Topic> {
        let key = (question.id.clone(), question.text.clone());
        if let Some(t) = self.topics.borrow().get(&key) {
            return t.clone();
        }
        let t = std::rc::Rc::new(self.work_out_topic(question));
        self.topics.borrow_mut().insert(key, t.clone());
        t
    }

    fn work_out_topic(&self, question: &Question) -> Topic {
        let mut seen = HashSet::new();
        let terms: Vec<(String, String, f64)> = key_words(&question.text)
            .into_iter()
            .filter_map(|w| {
                let s = stem(&w).to_string();
                let weight = self.idf().get(&s).copied().unwrap_or(1.0);
                seen.insert(s.clone()).then_some((s, w, weight))
            })
            .collect();
        let term_seeks = terms
            .iter()
            .map(|(_, w, _): &(String, String, f64)| {
                let one = [w.clone()];
                seeks::SEEKS
                    .iter()
                    .filter(|k| !BROAD_SEEKS.contains(&k.id) && k.matches(&one))
                    .map(|k| k.id)
                    .collect()
            })
            .collect();
        Topic {
            terms,
            term_seeks,
            asks_failure: signals::asks_for_failure(&question.text),
        }
    }

    /// The rubrics that apply to `question`: its primary LP's, then
    /// delivery (for a scenario or design question, its format's rubric in
    /// place of STAR delivery), then (for a Bar Raiser) the Bar Raiser's.
    pub fn rubrics(&self, question: &Question, bar_raiser: bool) -> Vec<&'c Rubric> {
        let c = self.content;
        let mut out: Vec<&Rubric> = Vec::new();
        if question.track == Track::Motivation {
            out.extend(c.delivery_rubric());
            return out;
        }
        out.extend(c.principle_rubric(question.primary()));
        match c.format_rubric(question.format) {
            Some(r) if !question.format.is_star() => out.push(r),
            _ => out.extend(c.delivery_rubric()),
        }
        if bar_raiser {
            out.extend(c.bar_raiser_rubric());
        }
        out
    }

    /// Judges one answer: STAR parts plus the follow-up replies.
    pub fn judge(
        &self,
        question: &Question,
        star: &Star,
        follow_ups: &[FollowUp],
        time_limit_secs: u64,
        bar_raiser: bool,
    ) -> Judgement {
        let said = Said::new(star, follow_ups);
        self.judge_said(question, &said, follow_ups, time_limit_secs, bar_raiser)
    }

    /// Judges a scenario or design answer: its fields (in the order of its
    /// format's fields) plus the follow-up replies.
    pub fn judge_parts(
        &self,
        question: &Question,
        fields: &[String],
        follow_ups: &[FollowUp],
        time_limit_secs: u64,
        bar_raiser: bool,
    ) -> Judgement {
        // A field that repeats its own heading ("Trade-offs and failure
        // modes: …") is judged on what follows it: a heading is not
        // evidence of a trade-off.
        let names: Vec<&str> = self
            .content
            .format(question.format)
            .map(|f| f.fields.iter().map(|x| x.name.as_str()).collect())
            .unwrap_or_default();
        let fields: Vec<String> = fields
            .iter()
            .enumerate()
            .map(|(i, t)| match names.get(i) {
                Some(name) => without_heading(t, name).to_string(),
                None => t.clone(),
            })
            .collect();
        let said = Said::from_parts(&fields, follow_ups);
        self.judge_said(question, &said, follow_ups, time_limit_secs, bar_raiser)
    }

    fn judge_said(
        &self,
        question: &Question,
        said: &Said,
        follow_ups: &[FollowUp],
        time_limit_secs: u64,
        bar_raiser: bool,
    ) -> Judgement {
        let topic = self.topic(question);
        // A scenario or design answer is not a STAR story: the STAR signals
        // (no Result, no lesson, …) do not apply; its own rubric judges it.
        let story = question.track != Track::Motivation && question.format.is_star();
        let memo = seeks::Memo::new(said);
        let mut findings = signals::find(said, &topic, time_limit_secs, story);
        if story && let Some(evidence) = self.off_topic(said, &memo, &topic, question) {
            // The most important finding: it comes first.
            findings.insert(
                0,
                signals::Found {
                    signal: "off-topic",
                    evidence,
                },
            );
        }
        // Behaviour: the content's red flags, and what the question asks.
        let mut caps: Vec<(&'static str, u8)> = CAPS.to_vec();
        for f in flags::red_flags(self.flags(), said, question.format) {
            if let Some(signal) = static_signal(&f.flag.id)
                && !findings.iter().any(|x| x.signal == signal)
            {
                caps.push((signal, f.flag.cap));
                findings.insert(
                    0,
                    signals::Found {
                        signal,
                        evidence: f.evidence,
                    },
                );
            }
        }
        if story
            && !findings
                .iter()
                .any(|f| f.signal == "no-failure" || f.signal == "off-topic")
            && let Some((ask, evidence)) = flags::misses_ask(self.flags(), &question.text, said)
        {
            // An ask for the candidate's own failure or wrong call, told as
            // a success, is the failure case.
            let signal = if ask.failure {
                "no-failure"
            } else {
                "misses-ask"
            };
            findings.insert(0, signals::Found { signal, evidence });
        }
        // Asked about a fact of the story, the candidate says it is not
        // there ("Which part of that was automated?" "None of it, really"):
        // the story does not hold what was asked, whatever its polish. A red
        // flag already says more, and so does a miss already found or a
        // story already thin: the concession tells on a story that
        // otherwise looks whole.
        if story
            && !findings.iter().any(|f| {
                matches!(
                    f.signal,
                    "no-failure"
                        | "off-topic"
                        | "misses-ask"
                        | "too-short"
                        | "we-over-i"
                        | "vague-actions"
                        | "hedging"
                        | "no-result"
                        | "non-answer"
                ) || crate::content::RED_FLAG_SIGNALS.contains(&f.signal)
            })
            && let Some((n, reason)) = follow_ups.iter().enumerate().find_map(|(n, f)| {
                signals::concedes(&f.probe, &f.response)
                    .map(|opening| {
                        format!(
                            "follow-up {} opens with '{opening}': what the probe drilled for is not in the story",
                            n + 1
                        )
                    })
                    .or_else(|| {
                        signals::gives_no_other(&f.probe, &f.response).map(|again| {
                            format!(
                                "asked again ('{again}'), follow-up {} gives no other instance",
                                n + 1
                            )
                        })
                    })
                    .map(|r| (n, r))
            })
        {
            let signal = if signals::asks_for_failure(&question.text) {
                "no-failure"
            } else {
                "misses-ask"
            };
            findings.insert(0, reply_finding(said, n, signal, reason));
        }
        // Asked for their own part, the candidate makes little of it and
        // goes on to someone else's: blame, whatever the rest owns.
        if story {
            flag_reply(
                said,
                follow_ups,
                &mut findings,
                &mut caps,
                ("blame", 1),
                "asked for their own part",
                |_, f| signals::minimises_own_part(&f.probe, &f.response),
            );
        }
        // Asked whether someone else knew or found out, the candidate says
        // no ("Did the customer ever find out?" "Not from us."): they kept
        // it from them, whatever the story says of its candour.
        if story && let Some(flag) = self.content.red_flags.iter().find(|f| f.id == "conceals") {
            flag_reply(
                said,
                follow_ups,
                &mut findings,
                &mut caps,
                ("conceals", flag.cap),
                "asked whether others knew",
                |n, f| {
                    signals::kept_from(&f.probe, &f.response).filter(|_| {
                        !said
                            .in_field(text::Field::Reply(n))
                            .any(|s| flags::cleared(flag, &s.words))
                    })
                },
            );
        }
        // Asked what the risk was, the candidate calls it next to nothing
        // ("What was the risk of skipping the test?" "Minimal."): the risk
        // waved away, in a story or a plan.
        if let Some(flag) = self
            .content
            .red_flags
            .iter()
            .find(|f| f.id == "dismisses-risk")
        {
            flag_reply(
                said,
                follow_ups,
                &mut findings,
                &mut caps,
                ("dismisses-risk", flag.cap),
                "asked what the risk was",
                |_, f| signals::brushes_off_risk(&f.probe, &f.response),
            );
        }
        let mut facts = Facts::of(said, &topic);
        facts.plan = !question.format.is_star();
        if facts.plan {
            facts.plan_steps = seeks::seek("components").map_or(0, |k| memo.evidence(k).len());
            facts.plan_words = said.star_sentences().map(|s| s.words.len()).sum();
            facts.part_fields = self
                .content
                .format(question.format)
                .map(|f| f.fields.iter().map(|x| x.id.clone()).collect())
                .unwrap_or_default();
        }
        // A plan whose Risks or Trade-offs part is a few words ("Risks:
        // negligible.", "None significant.") weighs nothing: that waves the
        // risks away whatever the words.
        if facts.plan
            && !findings.iter().any(|f| f.signal == "dismisses-risk")
            && let Some(flag) = self
                .content
                .red_flags
                .iter()
                .find(|f| f.id == "dismisses-risk")
            && let Some((text, id)) = said.parts.iter().find_map(|(field, text)| match field {
                Field::Part(i) => facts
                    .part_fields
                    .get(*i)
                    .filter(|id| matches!(id.as_str(), "risks" | "trade-offs"))
                    .filter(|_| brushed_off(text))
                    .map(|id| (*text, id)),
                _ => None,
            })
        {
            caps.push(("dismisses-risk", flag.cap));
            findings.insert(
                0,
                signals::Found {
                    signal: "dismisses-risk",
                    evidence: Evidence {
                        quote: text.trim().to_string(),
                        effect: Effect::Minus,
                        reason: format!("the {id} part says there are none"),
                    },
                },
            );
        }
        let star_words: usize = said.star_sentences().map(|s| s.words.len()).sum();
        // The whole answer as the learned readers read it, joined once for
        // both and only if one reads it.
        let whole =
            std::cell::LazyCell::new(|| reader::answer_text(said.parts.iter().map(|(_, t)| *t)));
        // A second, learned reading of the whole answer: fluent bad
        // behaviour told in words no red flag spells still reads like the
        // answers interviewers vote a strong no hire. It names no behaviour,
        // so it only holds the vote to a no hire, and only where no red flag
        // has named one and there is enough text to read.
        if !findings
            .iter()
            .any(|f| crate::content::RED_FLAG_SIGNALS.contains(&f.signal))
            && star_words >= signals::TOO_SHORT_WORDS
            && let Some(evidence) = read_as_red_flag(said, &whole)
        {
            // What decides the vote comes first, as a red flag does: the
            // next probe goes after it.
            findings.insert(
                0,
                signals::Found {
                    signal: READS_AS_RED_FLAG,
                    evidence,
                },
            );
        }
        // A dodged reply that shows something more telling (kept from the
        // customer, their own part made little of, the risk waved away, the
        // thing asked for not there) is that, not a dodge: the blind
        // interviewers named the behaviour, not the dodge.
        let named: Vec<String> = findings
            .iter()
            .filter(|f| REPLY_BEHAVIOURS.contains(&f.signal))
            .map(|f| f.evidence.quote.clone())
            .collect();
        findings.retain(|f| f.signal != "non-answer" || !named.contains(&f.evidence.quote));
        // Amazon runs on controllable inputs: a Deliver Results, Dive Deep
        // or operational-excellence answer that names only outputs cannot
        // reach the top level on its principle's criteria.
        facts.outputs_only = (INPUT_LPS.contains(&question.primary())
            || question.track == Track::OperationalExcellence)
            && !said
                .sentences
                .iter()
                .any(|s| cues::first(INPUT_CUES, &s.words).is_some());
        let mut criteria = Vec::new();
        for r in self.rubrics(question, bar_raiser) {
            let principle = r.kind == crate::content::RubricKind::Principle;
            for c in &r.criteria {
                criteria.push(judge_criterion(
                    r, c, principle, &memo, &findings, &facts, &caps,
                ));
            }
        }
        // A measured result, and a probe answered with a number: the depth
        // the blind interviewers looked for in a strong hire.
        let depth = if story { probed_in_depth(said) } else { None };
        // How deep the replies went, either way, shows under delivery data;
        // a thin reply is worth saying only where nothing thinner is.
        let thinly = answered_thinly(follow_ups);
        let drilldown = if depth.is_some() {
            Drilldown::Deep
        } else if thinly {
            Drilldown::Thin
        } else {
            Drilldown::Plain
        };
        let thin = if thinly && !findings.iter().any(|f| THIN.contains(&f.signal)) {
            (0..follow_ups.len())
                .min_by_key(|&n| text::words(&follow_ups[n].response).len())
                .map(|n| {
                    reply_finding(
                        said,
                        n,
                        "non-answer",
                        "answers a probe in a few words and no number: a strong hire goes deeper"
                            .into(),
                    )
                    .evidence
                })
        } else {
            None
        };
        let data = criteria
            .iter()
            .position(|c| !c.principle && c.criterion == "data");
        if let Some(n) = data {
            criteria[n]
                .evidence
                .extend(depth.iter().chain(thin.iter()).cloned());
        }
        let mut average = answer_average(&criteria, &findings, follow_ups, &self.rules, drilldown);
        let mut decided = None;
        // A hire's depth, read: where the rules and the learned depth
        // reader disagree on a strong hire against an inclined one, the
        // reader decides (it was right more often on rounds of blind answers
        // it was not trained on), and says so under delivery.
        if let Some(avg) = average.as_mut()
            && self.depth
            && *avg >= self.rules.inclined
            && let Some(n) = data.or_else(|| criteria.iter().position(|c| !c.principle))
            && let Some((evidence, reading)) =
                weigh_depth(said, &whole, !question.format.is_star(), avg, &self.rules)
        {
            criteria[n].evidence.push(evidence);
            // The depth reading decided between the two hire votes: how
            // sure that is is how far the reading is from even, not where
            // the average it set sits.
            decided = Some((reading - 0.5).abs());
        }
        let confidence = average.map(|avg| {
            confidence(
                avg,
                &self.rules,
                star_words,
                &criteria,
                // The reader's reading decides a vote as a red flag does.
                findings.iter().any(|f| {
                    crate::content::RED_FLAG_SIGNALS.contains(&f.signal)
                        || f.signal == READS_AS_RED_FLAG
                }),
                decided,
            )
        });
        Judgement {
            question_id: question.id.clone(),
            confidence,
            vote: average.map(|a| vote(a, &self.rules)),
            average,
            criteria,
            findings,
            drilldown,
        }
    }
}

impl Judge<'_> {
    /// Judges a stored answer. Its question comes from the content; one no
    /// longer there is rebuilt from what the answer stored (its text and
    /// LPs). An answer given aloud has no text to judge: `None`.
    pub fn judge_answer(&self, a: &crate::store::Answer, bar_raiser: bool) -> Option<Judgement> {
        if a.spoken || a.is_blank() {
            return None;
        }
        let owned;
        let q = match self.content.question(&a.question_id) {
            Some(q) => q,
            None => {
                owned = Question {
                    id: a.question_id.clone(),
                    text: a.question.clone(),
                    principles: a.principles.clone(),
                    track: Track::Leadership,
                    difficulty: crate::content::Difficulty::Standard,
                    roles: Vec::new(),
                    probes: Vec::new(),
                    probe_refs: Vec::new(),
                    format: crate::content::AnswerFormat::Star,
                    real_example: false,
                    similar: Vec::new(),
                };
                &owned
            }
        };
        Some(self.judge_words(
            q,
            &Told::of(a),
            &a.follow_ups,
            a.time_limit_secs,
            bar_raiser,
        ))
    }

    /// Judges what was told, STAR parts or a format's fields.
    pub fn judge_words(
        &self,
        question: &Question,
        told: &Told,
        follow_ups: &[FollowUp],
        time_limit_secs: u64,
        bar_raiser: bool,
    ) -> Judgement {
        match told {
            Told::Star(star) => self.judge(question, star, follow_ups, time_limit_secs, bar_raiser),
            Told::Parts(parts) => {
                self.judge_parts(question, parts, follow_ups, time_limit_secs, bar_raiser)
            }
        }
    }

    /// What the cached judgements depend on besides each answer's words:
    /// the judge's version and the content it reads.
    pub fn fingerprint(&self) -> u64 {
        self.fingerprint
    }

    /// The interviewer's average for a stored answer (from its cached
    /// judgement when that is current); for an answer given aloud (no text
    /// to judge), the candidate's own average.
    pub fn answer_average(&self, a: &crate::store::Answer) -> Option<f64> {
        if a.summary_only {
            // From the summary index, written by this same judge: its words
            // were left out, its judgement is taken as cached.
            return match &a.judged {
                Some(c) => c.average,
                // Given aloud or left blank.
                None => a.average_score(),
            };
        }
        if a.spoken || a.is_blank() {
            return a.average_score();
        }
        if let Some(c) = &a.judged
            && c.key == self.cache_key(a)
        {
            return c.average;
        }
        self.judge_answer(a, false).and_then(|j| j.average)
    }

    /// What a cached judgement of `a` must match: the judge's version, the
    /// rubrics and questions it reads, and the answer's own words.
    pub fn cache_key(&self, a: &crate::store::Answer) -> u64 {
        words_key(
            self.fingerprint,
            &a.question_id,
            &a.principles,
            a.star.fields(),
            &a.parts,
            a.follow_ups.iter().map(|f| f.response.as_str()),
            a.time_limit_secs,
        )
    }

    /// Fills in the cached judgement of every answer of `session` that has
    /// none or a stale one (done before a session is saved).
    pub fn refresh_cache(&self, session: &mut crate::store::Session) {
        for a in &mut session.answers {
            if a.summary_only {
                continue;
            }
            if a.spoken || a.is_blank() {
                a.judged = None;
                continue;
            }
            let key = self.cache_key(a);
            if a.judged.as_ref().is_some_and(|c| c.key == key) {
                continue;
            }
            a.judged = self
                .judge_answer(a, false)
                .map(|j| crate::store::JudgedCache {
                    key,
                    average: j.average,
                    signals: j.signals(),
                });
        }
    }
}

impl Judge<'_> {
    /// An answer that does not address its question: it shows few of the
    /// question's distinctive words (weighted by how rare each is in the
    /// bank), not half of what the question asks about (its seeks: a hire, a
    /// setback, a customer…), and its words fit other LPs better than the
    /// question's own.
    fn off_topic(
        &self,
        said: &Said,
        memo: &seeks::Memo,
        topic: &Topic,
        question: &Question,
    ) -> Option<Evidence> {
        let primary = question.primary();
        // Too little said to tell what it is about (too-short says so).
        let words: usize = said.star_sentences().map(|s| s.words.len()).sum();
        if topic.terms.is_empty() || words < OFF_TOPIC_MIN_WORDS {
            return None;
        }
        let mut seen = HashSet::new();
        for s in said.star_sentences() {
            for w in &s.words {
                seen.insert(stem(w));
            }
        }
        let total: f64 = topic.terms.iter().map(|(_, _, w)| w).sum();
        let covered = |k: usize| {
            seen.contains(topic.terms[k].0.as_str())
                || topic.term_seeks[k]
                    .iter()
                    .any(|id| seeks::seek(id).is_some_and(|s| !memo.evidence(s).is_empty()))
        };
        let found: f64 = (0..topic.terms.len())
            .filter(|&k| covered(k))
            .map(|k| topic.terms[k].2)
            .sum();
        let coverage = found / total.max(f64::EPSILON);
        if coverage >= OFF_TOPIC_QUESTION {
            return None;
        }
        // Rank the LPs by how much of each one's own vocabulary the answer
        // uses; the question's LP near the top means the story fits it.
        let score = |terms: &Vec<String>| {
            let hits = terms.iter().filter(|t| seen.contains(t.as_str())).count() as f64;
            hits / (terms.len().max(1) as f64).sqrt()
        };
        let own = self.lp_terms().get(primary).map(score).unwrap_or(0.0);
        let better = self
            .lp_terms()
            .iter()
            .filter(|(id, _)| id.as_str() != primary)
            .filter(|(_, t)| score(t) > own)
            .count();
        if better < OFF_TOPIC_LP_RANK {
            return None;
        }
        // A paraphrase keeps the question's LP in its words even when it
        // avoids the question's own: off-topic needs the answer to speak
        // another LP's language far more than its own.
        let best = self
            .lp_terms()
            .iter()
            .filter(|(id, _)| id.as_str() != primary)
            .map(|(_, t)| score(t))
            .fold(0.0, f64::max);
        if own > 0.0 && best < OFF_TOPIC_LP_RATIO * own {
            return None;
        }
        // Words alone cannot tell a paraphrase from another story: the
        // story must also miss everything the question asks for, as far as
        // the content says what it asks. A story that tells one of its asks
        // is on its topic in whatever words; of a question whose asks the
        // content does not name, the text cannot tell.
        if flags::answers_an_ask(self.flags(), &question.text, said) != Some(false) {
            return None;
        }
        let mut missing: Vec<&str> = (0..topic.terms.len())
            .filter(|&k| !covered(k))
            .map(|k| topic.terms[k].1.as_str())
            .collect();
        missing.truncate(4);
        Some(Evidence {
            quote: String::new(),
            effect: Effect::Minus,
            reason: format!(
                "the story does not answer the question (nothing on: {})",
                missing.join(", ")
            ),
        })
    }
}

/// `text` without a leading copy of its field's heading (`name`, any case,
/// then ':' or '.' or a line break); the text itself when it has none.
fn without_heading<'t>(text: &'t str, name: &str) -> &'t str {
    let t = text.trim_start();
    match t.get(..name.len()) {
        Some(head) if head.eq_ignore_ascii_case(name) => {
            let rest = &t[name.len()..];
            match rest.strip_prefix([':', '.', '\n']) {
                Some(body) => body.trim_start(),
                None => text,
            }
        }
        _ => text,
    }
}

/// A Risks or Trade-offs part of a plan that waves them away: the part, or
/// the sentence it opens with, under six words (its heading already set
/// aside by [`without_heading`]), and those say there are none
/// ("negligible", "none significant", "Minimal. Flags are just booleans…").
fn brushed_off(text: &str) -> bool {
    few_words_of_none(text)
        || text::split_sentences(text)
            .first()
            .is_some_and(|s| few_words_of_none(s))
}

/// Under six words, and those say there are none.
fn few_words_of_none(text: &str) -> bool {
    let words: Vec<String> = text
        .split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric() && c != '/')
                .to_lowercase()
        })
        .collect();
    words.len() < 6
        && words.iter().any(|w| {
            matches!(
                w.as_str(),
                "none"
                    | "minimal"
                    | "negligible"
                    | "nothing"
                    | "low"
                    | "n/a"
                    | "zero"
                    | "no"
                    | "insignificant"
            )
        })
}

/// An answer's average level from its criteria's levels: the mean of the LP
/// criteria's mean and the other criteria's mean, less the share of the
/// follow-ups dodged; a thin answer (or one with a weak criterion) never
/// above halfway between Inclined and Strongly Inclined; without a red
/// flag, an answer that misses the question or every probe dodged, never
/// below Not Inclined (a strong no hire is for behaviour, not for
/// thinness). The judge's own average, and the one a second opinion's
/// levels give (`practice::ai::with_ai_levels`).
pub fn answer_average(
    criteria: &[CriterionJudgement],
    findings: &[signals::Found],
    follow_ups: &[FollowUp],
    rules: &DebriefRules,
    drilldown: Drilldown,
) -> Option<f64> {
    let lp = mean(
        criteria
            .iter()
            .filter(|c| c.principle)
            .filter_map(|c| c.level),
    );
    let rest = mean(
        criteria
            .iter()
            .filter(|c| !c.principle)
            .filter_map(|c| c.level),
    );
    let mut average = match (lp, rest) {
        (Some(a), Some(b)) => Some((a + b) / 2.0),
        (a, b) => a.or(b),
    };
    // Dodged follow-ups take off in proportion to the drill-down dodged:
    // one of two costs three quarters of a level, both one and a half.
    let dodged = follow_ups
        .iter()
        .filter(|f| signals::dodges(&f.response).is_some())
        .count();
    if let Some(avg) = average.as_mut()
        && dodged > 0
    {
        *avg = (*avg - NON_ANSWER_PENALTY * dodged as f64 / follow_ups.len() as f64).max(1.0);
    }
    // A strong hire is a clean answer: the blind interviewers gave a 4
    // to no answer that was thin anywhere (too short, hedged, a dodged
    // probe, no number, no ending, no date, a vague action) or weak on
    // one of its criteria (a design with no trade-off weighed). Such an
    // answer is an inclined at best, whatever its average.
    if let Some(avg) = average.as_mut()
        && (findings.iter().any(|f| THIN.contains(&f.signal))
            || criteria.iter().any(|c| c.level.is_some_and(|l| l <= 2)))
    {
        *avg = avg.min((rules.inclined + rules.strongly_inclined) / 2.0);
    }
    // A strong hire answers the drill-down with more depth: a probe met
    // with a few sentences and no number anywhere in the replies was
    // answered thinly. On the tuning corpus the blind interviewers voted
    // such an answer inclined 57 times and strongly inclined 23 where the
    // judge had made it a strong hire. An inclined at best.
    if let Some(avg) = average.as_mut()
        && drilldown == Drilldown::Thin
    {
        *avg = avg.min((rules.inclined + rules.strongly_inclined) / 2.0);
    }
    // A strong hire shows its results measured and answers the drill-down
    // with more depth (the vote scale the blind interviewers used). On the
    // tuning corpus, a well-judged inclined answer (3.5 or more) whose
    // Result holds a number and whose follow-up reply gives one was voted
    // a strong hire 81 times and an inclined 20; without the number in the
    // reply the two votes were as common as each other. Such an answer is
    // a strong hire.
    if let Some(avg) = average.as_mut()
        && drilldown == Drilldown::Deep
        && (DEPTH_LIFT_FROM..rules.strongly_inclined).contains(avg)
    {
        *avg = rules.strongly_inclined;
    }
    // Too short to be a story and missing one of its parts (or made of
    // principle words), or missing two parts: the blind interviewers voted
    // no such answer a hire (their own labels: 9 of 9 for the parts). Nor
    // one thin in three different ways (rambling and hedged with no
    // number, no ending and no date…). A no hire at best.
    let has = |sig: &str| findings.iter().any(|f| f.signal == sig);
    let missing = ["missing-situation", "missing-task"]
        .iter()
        .filter(|s| has(s))
        .count();
    let thin = findings
        .iter()
        .filter(|f| THIN.contains(&f.signal))
        .map(|f| f.signal)
        .collect::<std::collections::BTreeSet<_>>()
        .len();
    let hollow = missing >= 2
        || (has("too-short") && (missing > 0 || has("buzzwords")))
        || thin >= THIN_FOR_NO_HIRE;
    if let Some(avg) = average.as_mut()
        && hollow
    {
        *avg = avg.min((rules.not_inclined + rules.inclined) / 2.0);
    }
    // A strong no hire is for behaviour, not for thinness: without a
    // red flag, an answer that misses the question, or every probe
    // dodged, a thin answer (or a success told to a failure question) is
    // a no hire at worst.
    let severe = findings.iter().any(|f| {
        (crate::content::RED_FLAG_SIGNALS.contains(&f.signal) && f.signal != "generic")
            || matches!(f.signal, "off-topic" | "misses-ask")
    }) || (dodged > 0 && dodged == follow_ups.len() && dodged >= 2);
    if let Some(avg) = average.as_mut()
        && !severe
        && *avg < rules.not_inclined
    {
        *avg = rules.not_inclined;
    }
    average
}

/// Unless `signal` is already found: the first follow-up whose reply
/// `opens` reads as it (the opening that shows it), found with the reply
/// quoted and what the probe `asked`, and its cap applied.
fn flag_reply(
    said: &Said,
    follow_ups: &[FollowUp],
    findings: &mut Vec<signals::Found>,
    caps: &mut Vec<(&'static str, u8)>,
    (signal, cap): (&'static str, u8),
    asked: &str,
    opens: impl Fn(usize, &FollowUp) -> Option<&'static str>,
) {
    if findings.iter().any(|f| f.signal == signal) {
        return;
    }
    if let Some((n, opening)) = follow_ups
        .iter()
        .enumerate()
        .find_map(|(n, f)| opens(n, f).map(|o| (n, o)))
    {
        caps.push((signal, cap));
        let reason = format!("{asked}, follow-up {} opens with '{opening}'", n + 1);
        findings.insert(0, reply_finding(said, n, signal, reason));
    }
}

/// A finding read from follow-up reply `n`, quoting its first sentence.
fn reply_finding(said: &Said, n: usize, signal: &'static str, reason: String) -> signals::Found {
    signals::Found {
        signal,
        evidence: Evidence {
            quote: said
                .in_field(text::Field::Reply(n))
                .next()
                .map(|s| text::cut_quote(s.text, 160).to_string())
                .unwrap_or_default(),
            effect: Effect::Minus,
            reason,
        },
    }
}

/// The signal of [`read_as_red_flag`].
pub const READS_AS_RED_FLAG: &str = "reads-as-red-flag";

/// The learned reader's finding ([`reader`]): when the whole answer reads
/// like a strong no hire for what the candidate did, the sentence that
/// weighs most toward it, quoted.
fn read_as_red_flag(said: &Said, whole: &str) -> Option<Evidence> {
    let r = reader::Reader::embedded();
    let reading = r.read(whole);
    if reading < reader::THRESHOLD {
        return None;
    }
    Some(Evidence {
        quote: weightiest(said, r, 1.0),
        effect: Effect::Minus,
        reason: format!(
            "reads like the answers interviewers vote a strong no hire for what the candidate did \
             (a reading learned from labelled answers, {reading:.2}); this sentence weighs most"
        ),
    })
}

/// The sentence of what was done that weighs most with reader `r` (`sign`
/// 1.0) or least (-1.0), quoted: the Situation, the scene, only when
/// nothing else was said.
fn weightiest(said: &Said, r: &reader::Reader, sign: f64) -> String {
    let done: Vec<&text::Sentence> = said
        .sentences
        .iter()
        .filter(|s| s.field != Field::Situation)
        .collect();
    let pool = if done.is_empty() {
        said.sentences.iter().collect()
    } else {
        done
    };
    pool.into_iter()
        .map(|s| (sign * r.weight_of(s.text), s))
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, s)| text::cut_quote(s.text, 160).to_string())
        .unwrap_or_default()
}

/// How the depth reader's evidence opens when it lifts an inclined answer
/// to a strong hire, and when it holds a strong hire to inclined.
pub const DEPTH_LIFTS: &str = "reads like the answers interviewers vote a strong hire";
pub const DEPTH_HOLDS: &str =
    "reads like the answers interviewers vote inclined, not a strong hire";

/// The depth reader's say on a hire averaging `avg` ([`reader::Reader::depth`]):
/// a strong hire that reads like an inclined one is held to inclined, an
/// inclined one that reads like a strong hire is lifted to it, with the
/// sentence that weighs most that way quoted, and the reading. `None` where
/// they agree.
fn weigh_depth(
    said: &Said,
    whole: &str,
    plan: bool,
    avg: &mut f64,
    rules: &DebriefRules,
) -> Option<(Evidence, f64)> {
    let r = reader::Reader::depth();
    let told = said
        .parts
        .iter()
        .filter(|(f, _)| !matches!(f, Field::Reply(_)));
    let replies = said
        .parts
        .iter()
        .filter(|(f, _)| matches!(f, Field::Reply(_)));
    let shape = reader::shape_features(told.map(|(_, t)| *t), replies.map(|(_, t)| *t), plan);
    let reading = r.read_with(whole, &shape);
    let strong = *avg >= rules.strongly_inclined;
    let (effect, reason) = if strong && reading < reader::DEPTH_LOW {
        *avg = (rules.inclined + rules.strongly_inclined) / 2.0;
        (
            Effect::Minus,
            format!(
                "{DEPTH_HOLDS} (a reading learned from labelled answers, {reading:.2}); this \
                 sentence weighs least"
            ),
        )
    } else if !strong && reading >= reader::DEPTH_HIGH {
        *avg = rules.strongly_inclined;
        (
            Effect::Plus,
            format!(
                "{DEPTH_LIFTS} (a reading learned from labelled answers, {reading:.2}); this \
                 sentence weighs most"
            ),
        )
    } else {
        return None;
    };
    let sign = if effect == Effect::Plus { 1.0 } else { -1.0 };
    Some((
        Evidence {
            quote: weightiest(said, r, sign),
            effect,
            reason,
        },
        reading,
    ))
}

/// A reply shorter than this (about 15 seconds said aloud) is a thin one.
const THIN_REPLY_WORDS: usize = 40;

/// Whether the follow-ups were answered thinly: the shortest reply is under
/// [`THIN_REPLY_WORDS`] and no reply gives a number.
fn answered_thinly(follow_ups: &[FollowUp]) -> bool {
    let replies: Vec<Vec<String>> = follow_ups
        .iter()
        .map(|f| text::words(&f.response))
        .collect();
    replies.iter().any(|r| r.len() < THIN_REPLY_WORDS)
        && !replies.iter().flatten().any(|w| cues::is_number(w))
}

/// The lowest average a measured story probed in depth is lifted from
/// (see [`answer_average`]): above the cap of a thin answer, so a thin or
/// weak one stays an inclined at best.
const DEPTH_LIFT_FROM: f64 = 3.5;

/// A story probed in depth: its Result holds a number and a follow-up
/// reply gives one ("It was 14 of the 200 racks, all on the east row").
/// The reply's sentence, as evidence.
fn probed_in_depth(said: &Said) -> Option<Evidence> {
    if !said.in_field(Field::Result).any(seeks::has_number) {
        return None;
    }
    let s = said
        .sentences
        .iter()
        .find(|s| matches!(s.field, Field::Reply(_)) && seeks::has_number(s))?;
    Some(Evidence {
        quote: text::cut_quote(s.text, 160).to_string(),
        effect: Effect::Plus,
        reason: "answers a probe with a number, on a measured result".into(),
    })
}

/// How many different signs of a thin answer make it a no hire at best.
const THIN_FOR_NO_HIRE: usize = 3;

/// How much dodging every follow-up takes off the answer's average (a
/// share of it for some).
pub const NON_ANSWER_PENALTY: f64 = 1.5;

/// Seeks only a story that happened can show: a scenario or design answer
/// is a plan, so an LP criterion does not ask it for an outcome that landed.
const STORY_ONLY_SEEKS: &[&str] = &["outcome", "setback", "lesson"];

/// What the whole answer shows, for levels that need depth.
struct Facts {
    numbers: usize,
    own_actions: usize,
    failure: bool,
    asks_failure: bool,
    /// A scenario or design answer: a plan, not a story.
    plan: bool,
    /// In a plan, the sentences that lay out its parts (an impersonal
    /// voice is normal there: "the service writes to…").
    plan_steps: usize,
    /// In a plan, how much of it there is (a developed plan runs to a few
    /// hundred words).
    plan_words: usize,
    /// The question wants the inputs that drove the result and the answer
    /// names outputs only.
    outputs_only: bool,
    /// A plan's fields, by position: their ids in the format.
    part_fields: Vec<String>,
}

/// The LPs whose answers are judged for their inputs as well as outputs.
const INPUT_LPS: &[&str] = &["deliver-results", "dive-deep"];

/// What naming and running controllable inputs sounds like.
const INPUT_CUES: &[&str] = &[
    "input metric*",
    "inputs",
    "weekly input*",
    "leading indicator*",
    "leading metric*",
    "controllable",
    "we could control",
    "i could control",
    "we can control",
    "upstream",
    "driver metric*",
    "drivers",
    "each metric had an owner",
    "an owner for each",
    "owned by a",
    "owned by the",
    "each owned by",
    "every monday",
    "every week",
    "every morning",
    "each week",
    "weekly review",
    "weekly business review",
    "wbr",
    "daily stand-up",
    "reviewed weekly",
    "reviewed every",
    "cadence",
    "mechanism*",
    "burn-down",
    "burndown",
    "throughput",
    "cycle time",
    "lead time",
];

impl Facts {
    fn of(said: &Said, topic: &Topic) -> Facts {
        Facts {
            numbers: said
                .sentences
                .iter()
                .flat_map(|s| s.words.iter())
                .filter(|w| cues::is_number(w))
                .count(),
            own_actions: said
                .sentences
                .iter()
                .filter(|s| seeks::own_action(s))
                .count(),
            failure: signals::tells_failure(said).is_some(),
            asks_failure: topic.asks_failure,
            plan: false,
            plan_steps: 0,
            plan_words: 0,
            outputs_only: false,
            part_fields: Vec::new(),
        }
    }
    /// Depth: numbers and several steps of the candidate's own.
    fn deep(&self) -> bool {
        if self.plan {
            // A plan's depth: developed at length, with numbers, its parts
            // laid out (an impersonal voice is normal there).
            return self.numbers >= 2
                && self.plan_words >= 250
                && self.own_actions + self.plan_steps >= 2;
        }
        self.numbers >= 2 && self.own_actions >= 3
    }
}

/// The signal id as the static contract spells it.
fn static_signal(id: &str) -> Option<&'static str> {
    crate::content::SIGNALS
        .iter()
        .find(|(s, _)| *s == id)
        .map(|(s, _)| *s)
}

/// What a reply can show that says more than that it dodged.
const REPLY_BEHAVIOURS: &[&str] = &[
    "conceals",
    "blame",
    "dismisses-risk",
    "misses-ask",
    "no-failure",
];

/// Signs of a thin answer: any of them keeps it from a strong hire.
const THIN: &[&str] = &[
    "too-short",
    "too-long",
    "hedging",
    "non-answer",
    "no-metric",
    "no-result",
    "no-timeline",
    "vague-actions",
];

/// Red flags: each caps every level of the answer it is found in (the
/// content's `[[red_flag]]`s add theirs).
const CAPS: &[(&str, u8)] = &[
    ("off-topic", 2),
    ("misses-ask", 2),
    ("too-long", 3),
    ("we-over-i", 2),
    ("no-failure", 2),
    ("humble-brag", 2),
    ("blame", 1),
    ("generic", 2),
    (READS_AS_RED_FLAG, 2),
];

fn judge_criterion(
    rubric: &Rubric,
    c: &Criterion,
    principle: bool,
    memo: &seeks::Memo,
    findings: &[signals::Found],
    facts: &Facts,
    caps: &[(&'static str, u8)],
) -> CriterionJudgement {
    let mut out = CriterionJudgement {
        key: rubric.score_key(c),
        rubric: rubric.id.clone(),
        criterion: c.id.clone(),
        name: c.name.clone(),
        level: None,
        silent: None,
        evidence: Vec::new(),
        principle,
    };
    if c.seeks.is_empty() && c.signals.is_empty() {
        out.silent = Some("nothing in an answer's words can show this; judge it yourself".into());
        return out;
    }
    if c.when == crate::content::CriterionWhen::Failure && !facts.failure && !facts.asks_failure {
        out.silent = Some("a success story: no failure to learn from here".into());
        return out;
    }
    let seeks_here: Vec<String> = if facts.plan {
        c.seeks
            .iter()
            .filter(|s| !STORY_ONLY_SEEKS.contains(&s.as_str()))
            .cloned()
            .collect()
    } else {
        c.seeks.clone()
    };
    if facts.plan && seeks_here.is_empty() && !c.seeks.is_empty() && c.signals.is_empty() {
        out.silent = Some("a plan, not a story: nothing has landed yet to judge".into());
        return out;
    }
    let c = &Criterion {
        seeks: seeks_here,
        ..c.clone()
    };
    let mut covered = 0usize;
    for id in &c.seeks {
        let Some(seek) = seeks::seek(id) else {
            continue;
        };
        let in_fields = |ev: &mut Vec<&text::Sentence>| {
            // Evidence only from the fields the criterion names ("trade-offs").
            if !c.fields.is_empty() {
                ev.retain(|s| match s.field {
                    text::Field::Part(i) => facts
                        .part_fields
                        .get(i)
                        .is_some_and(|id| c.fields.contains(id)),
                    _ => false,
                });
            }
        };
        let mut ev = memo.evidence(seek);
        in_fields(&mut ev);
        // A plan speaks impersonally: its parts are its actions, and a
        // trade-off with the alternative named is its call.
        if ev.is_empty() && facts.plan {
            let alias = match seek.id {
                "own-action" => Some("components"),
                "decision" => Some("trade-off"),
                _ => None,
            };
            if let Some(a) = alias.and_then(seeks::seek) {
                ev = memo.evidence(a);
                in_fields(&mut ev);
            }
        }
        if let Some(s) = ev.first() {
            covered += 1;
            let reason = match seeks::matched_cue(seek, s) {
                Some(cue) if !cue.contains(['*', '_', '#']) && ev.len() == 1 => {
                    format!("{} ('{cue}')", seek.shows)
                }
                _ if ev.len() > 1 => format!("{} ({} places)", seek.shows, ev.len()),
                _ => seek.shows.to_string(),
            };
            out.evidence.push(Evidence {
                quote: text::cut_quote(s.text, 160).to_string(),
                effect: Effect::Plus,
                reason,
            });
        } else {
            out.evidence.push(Evidence {
                quote: String::new(),
                effect: Effect::Minus,
                reason: seek.missing.to_string(),
            });
        }
    }
    let fired: Vec<&signals::Found> = findings
        .iter()
        .filter(|f| c.signals.iter().any(|s| s == f.signal))
        .collect();
    // A seek that is missing because a declared signal fired says the same
    // thing twice: keep the signal's (quoted) evidence.
    out.evidence.retain(|e| {
        e.effect == Effect::Plus
            || !fired
                .iter()
                .any(|f| same_point(&c.seeks, f.signal, &e.reason))
    });
    let mut level: i32 = if c.seeks.is_empty() {
        if fired.is_empty() {
            out.evidence.push(Evidence {
                quote: String::new(),
                effect: Effect::Plus,
                reason: format!("none of its warning signs ({})", c.signals.join(", ")),
            });
            4
        } else {
            // One warning sign costs two levels here: it is the whole test.
            3
        }
    } else {
        let total = c.seeks.len();
        let deep = facts.deep();
        if covered == 0 {
            1
        } else if covered == total {
            if deep { 4 } else { 3 }
        } else if covered * 2 >= total {
            if deep { 3 } else { 2 }
        } else {
            2
        }
    };
    for f in &fired {
        level -= 1;
        out.evidence.push(f.evidence.clone());
    }
    {
        for (signal, cap) in caps {
            if let Some(f) = findings.iter().find(|f| f.signal == *signal)
                && level > i32::from(*cap)
            {
                level = i32::from(*cap);
                if !out.evidence.contains(&f.evidence) {
                    out.evidence.push(f.evidence.clone());
                }
            }
        }
    }
    if principle && facts.outputs_only && level > 3 {
        level = 3;
        out.evidence.push(Evidence {
            quote: String::new(),
            effect: Effect::Minus,
            reason: "names outcomes only, not the inputs that were run to get them".into(),
        });
    }
    out.level = Some(level.clamp(1, 4) as u8);
    out
}

/// Whether a missing seek (its `missing` reason) and a signal say the same.
fn same_point(seeks_of: &[String], signal: &str, missing_reason: &str) -> bool {
    let seek = match signal {
        "no-metric" | "no-result" => "metric",
        "we-over-i" | "vague-actions" => "own-action",
        "no-customer" => "customer",
        "no-conflict" => "conflict",
        "no-timeline" => "timeline",
        "no-lesson" => "lesson",
        _ => return false,
    };
    seeks_of.iter().any(|s| s == seek)
        && seeks::seek(seek).is_some_and(|s| s.missing == missing_reason)
}

#[cfg(test)]
pub(crate) mod samples;
#[cfg(test)]
mod tests;
