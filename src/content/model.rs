//! The loaded, validated content: what the rest of loopdrill works with.

use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// The interview tracks a question can belong to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Track {
    Leadership,
    ProgramExecution,
    OperationalExcellence,
    Technical,
    SystemDesign,
    ProductSense,
    Motivation,
    /// Questions `content import` could not place under an LP with
    /// confidence (they carry a best guess): `drill --track imported`.
    Imported,
}

impl Track {
    pub const ALL: [Track; 8] = [
        Track::Leadership,
        Track::ProgramExecution,
        Track::OperationalExcellence,
        Track::Technical,
        Track::SystemDesign,
        Track::ProductSense,
        Track::Motivation,
        Track::Imported,
    ];
    pub fn id(self) -> &'static str {
        match self {
            Track::Leadership => "leadership",
            Track::ProgramExecution => "program-execution",
            Track::OperationalExcellence => "operational-excellence",
            Track::Technical => "technical",
            Track::SystemDesign => "system-design",
            Track::ProductSense => "product-sense",
            Track::Motivation => "motivation",
            Track::Imported => "imported",
        }
    }
    /// The track with this id.
    pub fn from_id(id: &str) -> Option<Track> {
        Track::ALL.into_iter().find(|t| t.id() == id)
    }
    /// A human name ("system design").
    pub fn name(self) -> &'static str {
        match self {
            Track::Leadership => "leadership",
            Track::ProgramExecution => "program execution",
            Track::OperationalExcellence => "operational excellence",
            Track::Technical => "technical",
            Track::SystemDesign => "system design",
            Track::ProductSense => "product sense",
            Track::Motivation => "motivation",
            Track::Imported => "imported",
        }
    }
}

/// How a question is answered: a STAR story, a hypothetical scenario, or a
/// system design. Scenario and design answers have fields named in content
/// (`[[format]]`) and a rubric of their own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum AnswerFormat {
    #[default]
    Star,
    Scenario,
    Design,
}

impl AnswerFormat {
    pub const ALL: [AnswerFormat; 3] = [
        AnswerFormat::Star,
        AnswerFormat::Scenario,
        AnswerFormat::Design,
    ];
    pub fn id(self) -> &'static str {
        match self {
            AnswerFormat::Star => "star",
            AnswerFormat::Scenario => "scenario",
            AnswerFormat::Design => "design",
        }
    }
    pub fn is_star(&self) -> bool {
        *self == AnswerFormat::Star
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Difficulty {
    WarmUp,
    Standard,
    Hard,
}

impl Difficulty {
    pub fn id(self) -> &'static str {
        match self {
            Difficulty::WarmUp => "warm-up",
            Difficulty::Standard => "standard",
            Difficulty::Hard => "hard",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RubricKind {
    Principle,
    Delivery,
    BarRaiser,
    /// The criteria of a scenario or design answer (named by its `[[format]]`).
    Format,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum TemplateKind {
    Loop,
    PhoneScreen,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum WritingKind {
    Narrative,
    PrFaq,
    StatusReport,
    Coe,
    Memo,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum WritingCheck {
    WordCount,
    Sections,
    HasMetric,
    NoWeaselWords,
    NoBulletsOnly,
    HasDate,
    CustomerFirst,
    SentenceLength,
    DataOverAdjectives,
    AnswersObjections,
    PrFaqParts,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Principle {
    pub id: String,
    pub name: String,
    pub description: String,
    pub signals: Vec<String>,
    pub pitfalls: Vec<String>,
    /// Ways interviewers word a question on this principle: what importing
    /// an unlabelled question list learns its principles from.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub asked_as: Vec<AskedAs>,
}

/// One way a question on a principle is worded, and the other principles an
/// interviewer would also accept for it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AskedAs {
    pub text: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub also: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Question {
    pub id: String,
    pub text: String,
    /// Primary first.
    pub principles: Vec<String>,
    pub track: Track,
    pub difficulty: Difficulty,
    pub roles: Vec<String>,
    /// The question's own follow-ups.
    pub probes: Vec<FollowProbe>,
    /// General probes (by id) that also fit.
    pub probe_refs: Vec<String>,
    /// How it is answered (STAR unless it says otherwise).
    #[serde(default, skip_serializing_if = "AnswerFormat::is_star")]
    pub format: AnswerFormat,
    /// A scenario that also asks for a real example: the answer keeps a
    /// short STAR part (the format's `example` field).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub real_example: bool,
    /// Groups of questions about the same situation ("scope-creep"): a plan
    /// never draws two questions that share a group.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub similar: Vec<String>,
}

impl Question {
    pub fn primary(&self) -> &str {
        self.principles.first().map(String::as_str).unwrap_or("")
    }
    /// Whether this question and `other` share a `similar` group.
    pub fn similar_to(&self, other: &Question) -> bool {
        self.similar.iter().any(|g| other.similar.contains(g))
    }
}

/// A follow-up written for one question or one persona, with what it looks
/// for (ids in `content::SEEKS`): once the candidate has said all of that,
/// the interviewer does not ask it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "FollowProbeRepr")]
pub struct FollowProbe {
    pub text: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub seeks: Vec<String>,
    /// For a persona's probe, the answer formats it fits (see
    /// [`fits_format`]); a question's probes follow the question's format.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub formats: Vec<AnswerFormat>,
    /// What must be true of the answer for the probe to make sense (ids in
    /// `content::SEEKS` or `content::PREMISES`): "when it slipped…" needs a
    /// setback. Not asked while its premise is absent.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub needs: Vec<String>,
}

/// Whether a probe naming `formats` may follow an answer in `format`: one
/// that names none was written for STAR stories ("what did you do the day
/// you found out?"), so it follows only those.
pub fn fits_format(formats: &[AnswerFormat], format: AnswerFormat) -> bool {
    if formats.is_empty() {
        format.is_star()
    } else {
        formats.contains(&format)
    }
}

/// A follow-up as written: a plain string or `{ text, seeks, formats }`.
#[derive(Deserialize)]
#[serde(untagged)]
enum FollowProbeRepr {
    Text(String),
    Full {
        text: String,
        #[serde(default)]
        seeks: Vec<String>,
        #[serde(default)]
        formats: Vec<AnswerFormat>,
        #[serde(default)]
        needs: Vec<String>,
    },
}

impl From<FollowProbeRepr> for FollowProbe {
    fn from(r: FollowProbeRepr) -> Self {
        match r {
            FollowProbeRepr::Text(text) => FollowProbe {
                text,
                seeks: Vec::new(),
                formats: Vec::new(),
                needs: Vec::new(),
            },
            FollowProbeRepr::Full {
                text,
                seeks,
                formats,
                needs,
            } => FollowProbe {
                text,
                seeks,
                formats,
                needs,
            },
        }
    }
}

/// One field of a scenario or design answer, with the hint shown under
/// its name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormatField {
    pub id: String,
    pub name: String,
    pub hint: String,
}

/// Whose doing a red flag needs: the candidate's own (`I`, or `we` with
/// them in it), or anyone's (a plan's "risks: minimal").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum FlagSubject {
    #[default]
    Candidate,
    Anyone,
}

/// A red flag: behaviour that sinks an answer whatever its form (going
/// around legal, hiding bad news…). Found on families of phrasings, each a
/// cue, in a clause whose subject is the candidate and that does not negate
/// it; every finding quotes its sentence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RedFlag {
    /// The signal it raises (one of the red-flag signals).
    pub id: String,
    pub name: String,
    /// Every level of an answer showing it is capped at this.
    pub cap: u8,
    /// Why it counts against, as the evidence says it.
    pub reason: String,
    #[serde(default)]
    pub subject: FlagSubject,
    /// The answer formats it is looked for in (none: all).
    #[serde(default)]
    pub formats: Vec<AnswerFormat>,
    /// Phrasings (cue syntax: words, `prefix*`, `_`, `#`), families
    /// spelled out (by the loader, or by the build script for the start-up
    /// JSON).
    pub cues: Vec<String>,
    /// Phrasings that count whoever the clause's subject is, for a flag
    /// whose `cues` need the candidate as the subject: a reason given ("it
    /// would have triggered a review") or a state of affairs ("while the
    /// permit was still pending").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub anyone: Vec<String>,
    /// Cues that, in the same sentence, show the opposite ("then backed it").
    #[serde(default)]
    pub unless: Vec<String>,
    /// What the candidate does later in the answer that undoes the act
    /// ("told the sponsor", "moved the status to red"): a sentence showing
    /// it is set aside when a later one shows one of these, said by the
    /// candidate, in an answer that owns the delay.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub undone_by: Vec<String>,
    /// How many matching sentences it takes (default 1).
    #[serde(default = "one")]
    pub min_hits: u8,
    /// Sentences it must find it in, checked by the tests.
    pub examples: Vec<String>,
    /// Sentences it must not find it in.
    #[serde(default)]
    pub counter_examples: Vec<String>,
}

fn one() -> u8 {
    1
}

/// What a kind of question asks the answer to deliver (a disagreement that
/// was lost, feedback from a customer, a call made on incomplete data…),
/// and how an answer shows it. An answer that tells a story on the topic
/// but not what was asked raises `misses-ask`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ask {
    pub id: String,
    pub name: String,
    /// Cues in the question's text that mean it asks this.
    pub question: Vec<String>,
    /// Cues in the answer that deliver it (any one, in the candidate's
    /// words, not negated).
    pub shows: Vec<String>,
    /// Cues that tell the opposite ("they agreed with me" to a question
    /// about losing an argument). With `contrary` set, `misses-ask` needs
    /// one of them as well as none of `shows`.
    #[serde(default)]
    pub contrary: Vec<String>,
    /// Cues that say the candidate took the other side of what is asked
    /// ("I argued for the quick patch" to a question about arguing against
    /// a quick win): one said by the candidate raises `misses-ask` even
    /// when the story uses the words of `shows`. With `opposite` (or
    /// `contrary`) set, the absence of `shows` alone raises nothing.
    #[serde(default)]
    pub opposite: Vec<String>,
    /// The ask is for the candidate's own failure or wrong call: missing it
    /// is `no-failure` (a success told to a failure question), not
    /// `misses-ask`.
    #[serde(default)]
    pub failure: bool,
    /// What is missing, as the evidence says it.
    pub missing: String,
}

/// How a scenario or design answer is laid out and judged.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormatSpec {
    /// `scenario` or `design`.
    pub id: AnswerFormat,
    pub name: String,
    /// The rubric (kind = "format") its answers are judged on, in place of
    /// STAR delivery.
    pub rubric: String,
    pub fields: Vec<FormatField>,
    /// The short STAR part a question with `real_example = true` adds.
    #[serde(default)]
    pub example: Option<FormatField>,
}

impl FormatSpec {
    /// The fields of an answer to `question`: the format's, plus its
    /// example part when the question asks for a real one.
    pub fn fields_for(&self, question: &Question) -> Vec<&FormatField> {
        let mut out: Vec<&FormatField> = self.fields.iter().collect();
        if question.real_example
            && let Some(e) = &self.example
        {
            out.push(e);
        }
        out
    }
}

impl From<&str> for FollowProbe {
    fn from(text: &str) -> Self {
        FollowProbe {
            text: text.to_string(),
            seeks: Vec::new(),
            formats: Vec::new(),
            needs: Vec::new(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Probe {
    pub id: String,
    pub text: String,
    pub signal: Option<String>,
    pub principles: Vec<String>,
    /// What the probe looks for (ids in `content::SEEKS`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub seeks: Vec<String>,
    /// A stretch beyond the story ("with half the team, what would you
    /// keep?"): no story already answers it, so it is the one follow-up
    /// after an answer that covered everything else.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub stretch: bool,
    /// The answer formats it fits; none named: STAR stories only (see
    /// [`fits_format`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub formats: Vec<AnswerFormat>,
    /// What must be true of the answer for the probe to make sense (see
    /// [`FollowProbe::needs`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub needs: Vec<String>,
}

impl Probe {
    /// Whether this general probe may follow an answer in `format` to a
    /// question on `lp`: it is for any LP or for `lp`, and it fits the
    /// format.
    pub fn fits(&self, lp: &str, format: AnswerFormat) -> bool {
        (self.principles.is_empty() || self.principles.iter().any(|x| x == lp))
            && fits_format(&self.formats, format)
    }
}

/// How a persona probes: what it goes after first, its own lines, how it
/// reacts to a strong or a weak answer and how often it presses a dodge.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Probing {
    /// Signal ids and seek ids this persona goes after first, in order.
    pub first: Vec<String>,
    /// Follow-ups only this persona asks.
    pub probes: Vec<FollowProbe>,
    /// Said before moving on after an answer the judge found strong.
    pub after_strong: Vec<String>,
    /// Said before moving on after a weak one: never praise.
    pub after_weak: Vec<String>,
    /// How this persona presses a reply that dodged the question (each
    /// for the answer formats it names; none: after STAR stories).
    pub presses: Vec<FollowProbe>,
    /// How many times a dodged reply is pressed before it is noted and
    /// left (1 or 2).
    pub patience: u8,
}

impl Default for Probing {
    fn default() -> Self {
        Probing {
            first: Vec::new(),
            probes: Vec::new(),
            after_strong: Vec::new(),
            after_weak: Vec::new(),
            presses: Vec::new(),
            patience: 1,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Criterion {
    pub id: String,
    pub name: String,
    /// Exactly four: level 1 to level 4.
    pub levels: [String; 4],
    /// Answer signals that count against this criterion; the self-score
    /// screen shows the ones an answer raised next to the levels.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub signals: Vec<String>,
    /// What evidence of this criterion looks like (ids in `content::SEEKS`):
    /// the judge levels the criterion by how many of these the answer shows.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub seeks: Vec<String>,
    /// When the criterion applies at all.
    #[serde(default)]
    pub when: CriterionWhen,
    /// For a format's rubric: the answer fields (ids in the format) its
    /// evidence must come from ("trade-offs": a design's alternatives count
    /// where it weighs them, not wherever "instead of" is said). Empty: the
    /// whole answer.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<String>,
}

/// When a rubric criterion applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum CriterionWhen {
    /// To every answer.
    #[default]
    Always,
    /// Only to a story of a failure or mistake, or to a question that asks
    /// for one (a lesson, say).
    Failure,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Rubric {
    pub id: String,
    pub name: String,
    pub kind: RubricKind,
    pub principle: Option<String>,
    pub criteria: Vec<Criterion>,
}

impl Rubric {
    /// The key a self-score on `criterion` is stored under.
    pub fn score_key(&self, criterion: &Criterion) -> String {
        format!("{}/{}", self.id, criterion.id)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Interviewer {
    pub id: String,
    pub name: String,
    pub role: String,
    pub organisation: String,
    pub style: String,
    pub bar_raiser: bool,
    pub openings: Vec<String>,
    pub transitions: Vec<String>,
    pub time_checks: Vec<String>,
    pub closings: Vec<String>,
    pub your_questions: Vec<String>,
    #[serde(default)]
    pub probing: Probing,
    /// How the persona answers the candidate's own questions: each answer
    /// with the words of a question it answers (none: any question).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub answers: Vec<PersonaAnswer>,
}

/// A persona's brief answer to a question the candidate asks them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonaAnswer {
    /// Words in the candidate's question this answers ("metrics",
    /// "on-call"); none: a fallback for any question.
    #[serde(default)]
    pub about: Vec<String>,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InterviewSlot {
    pub interviewer: String,
    pub principles: Vec<String>,
    pub questions: u32,
    pub answer_minutes: u32,
    /// A functional focus (a track id such as `system-design`): the
    /// interview asks `focus_questions` questions from that track first.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub focus: Option<Track>,
    #[serde(default)]
    pub focus_questions: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Template {
    pub id: String,
    pub name: String,
    pub description: String,
    pub kind: TemplateKind,
    pub roles: Vec<String>,
    pub requires_bar_raiser: bool,
    pub writing: Option<String>,
    pub interviews: Vec<InterviewSlot>,
}

impl Template {
    /// Rough length of the whole loop in minutes (answers plus follow-ups and chat).
    pub fn planned_minutes(&self) -> u32 {
        self.interviews
            .iter()
            .map(|i| interview_minutes(i.questions, i.answer_minutes))
            .sum()
    }
}

/// An interview's length in all: each answer with about 3 minutes of
/// follow-ups, plus 5 minutes of opening, transitions and questions for the
/// interviewer.
pub fn interview_minutes(questions: u32, answer_minutes: u32) -> u32 {
    questions * (answer_minutes + 3) + 5
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WritingPrompt {
    pub id: String,
    pub title: String,
    pub kind: WritingKind,
    pub prompt: String,
    pub minutes: u32,
    pub min_words: u32,
    pub max_words: u32,
    pub sections: Vec<String>,
    pub checks: Vec<WritingCheck>,
    /// Written about the candidate's own work (Amazon's real prompts), not
    /// a made-up scenario.
    #[serde(default)]
    pub about_own_work: bool,
    /// A take-home exercise (the time is a guide, not a hard stop).
    #[serde(default)]
    pub take_home: bool,
    /// Objections the brief raises; `answers-objections` checks each one is
    /// answered somewhere (each a few key words, e.g. "cost", "lead time").
    #[serde(default)]
    pub objections: Vec<String>,
}

impl WritingPrompt {
    /// `narrative` or `pr-faq`: how the exercise is written.
    pub fn format_id(&self) -> &'static str {
        match self.kind {
            WritingKind::PrFaq => "pr-faq",
            _ => "narrative",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DebriefRules {
    pub strongly_inclined: f64,
    pub inclined: f64,
    pub not_inclined: f64,
    pub bar_raiser_veto_below: f64,
    pub min_inclined_share: f64,
    pub max_strongly_not_inclined: u32,
    pub delivery_rubric: String,
    pub bar_raiser_rubric: String,
    /// A key LP (one an interviewer owns) judged below this average is a
    /// strong concern that blocks the hire.
    #[serde(default = "default_key_principle_below")]
    pub key_principle_below: f64,
    /// The level from which a criterion counts as a strong data point.
    #[serde(default = "default_strong_data_point")]
    pub strong_data_point: u8,
}

fn default_key_principle_below() -> f64 {
    2.0
}
fn default_strong_data_point() -> u8 {
    3
}

/// Everything loaded from the layered packs, validated.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Content {
    pub principles: Vec<Principle>,
    pub questions: Vec<Question>,
    pub probes: Vec<Probe>,
    pub rubrics: Vec<Rubric>,
    pub interviewers: Vec<Interviewer>,
    pub templates: Vec<Template>,
    pub writing: Vec<WritingPrompt>,
    pub formats: Vec<FormatSpec>,
    pub debrief: Option<DebriefRules>,
    pub red_flags: Vec<RedFlag>,
    pub asks: Vec<Ask>,
    index: Index,
}

#[derive(Debug, Clone, Default, PartialEq)]
struct Index {
    principles: HashMap<String, usize>,
    questions: HashMap<String, usize>,
    probes: HashMap<String, usize>,
    rubrics: HashMap<String, usize>,
    interviewers: HashMap<String, usize>,
    templates: HashMap<String, usize>,
    writing: HashMap<String, usize>,
}

fn index_of<T>(items: &[T], id: impl Fn(&T) -> &str) -> HashMap<String, usize> {
    items
        .iter()
        .enumerate()
        .map(|(i, x)| (id(x).to_string(), i))
        .collect()
}

/// The built-in pack in the model's shape, pre-converted to JSON at build
/// time (see build.rs): the fast path when no user pack is layered.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ContentData {
    principles: Vec<Principle>,
    questions: Vec<Question>,
    probes: Vec<Probe>,
    rubrics: Vec<Rubric>,
    interviewers: Vec<Interviewer>,
    templates: Vec<Template>,
    writing: Vec<WritingPrompt>,
    formats: Vec<FormatSpec>,
    debrief: Option<DebriefRules>,
    red_flags: Vec<RedFlag>,
    asks: Vec<Ask>,
}

impl From<ContentData> for Content {
    fn from(d: ContentData) -> Content {
        let mut c = Content {
            principles: d.principles,
            questions: d.questions,
            probes: d.probes,
            rubrics: d.rubrics,
            interviewers: d.interviewers,
            templates: d.templates,
            writing: d.writing,
            formats: d.formats,
            debrief: d.debrief,
            red_flags: d.red_flags,
            asks: d.asks,
            index: Index::default(),
        };
        c.reindex();
        c
    }
}

impl Content {
    /// Builds the lookup indices; called once after loading.
    pub(crate) fn reindex(&mut self) {
        self.index = Index {
            principles: index_of(&self.principles, |x| &x.id),
            questions: index_of(&self.questions, |x| &x.id),
            probes: index_of(&self.probes, |x| &x.id),
            rubrics: index_of(&self.rubrics, |x| &x.id),
            interviewers: index_of(&self.interviewers, |x| &x.id),
            templates: index_of(&self.templates, |x| &x.id),
            writing: index_of(&self.writing, |x| &x.id),
        };
    }

    pub fn principle(&self, id: &str) -> Option<&Principle> {
        self.index.principles.get(id).map(|&i| &self.principles[i])
    }
    /// The principle's display name, or the id itself when unknown.
    pub fn principle_name<'a>(&'a self, id: &'a str) -> &'a str {
        self.principle(id).map(|p| p.name.as_str()).unwrap_or(id)
    }
    pub fn question(&self, id: &str) -> Option<&Question> {
        self.index.questions.get(id).map(|&i| &self.questions[i])
    }
    pub fn probe(&self, id: &str) -> Option<&Probe> {
        self.index.probes.get(id).map(|&i| &self.probes[i])
    }
    pub fn rubric(&self, id: &str) -> Option<&Rubric> {
        self.index.rubrics.get(id).map(|&i| &self.rubrics[i])
    }
    pub fn interviewer(&self, id: &str) -> Option<&Interviewer> {
        self.index
            .interviewers
            .get(id)
            .map(|&i| &self.interviewers[i])
    }
    pub fn template(&self, id: &str) -> Option<&Template> {
        self.index.templates.get(id).map(|&i| &self.templates[i])
    }
    pub fn writing_prompt(&self, id: &str) -> Option<&WritingPrompt> {
        self.index.writing.get(id).map(|&i| &self.writing[i])
    }
    /// How answers in `format` are laid out (None for STAR).
    pub fn format(&self, format: AnswerFormat) -> Option<&FormatSpec> {
        self.formats.iter().find(|f| f.id == format)
    }
    /// The rubric a scenario or design answer is judged on.
    pub fn format_rubric(&self, format: AnswerFormat) -> Option<&Rubric> {
        self.format(format).and_then(|f| self.rubric(&f.rubric))
    }
    /// Questions of one track.
    pub fn questions_in(&self, track: Track) -> impl Iterator<Item = &Question> {
        self.questions.iter().filter(move |q| q.track == track)
    }

    /// The rubric for one LP.
    pub fn principle_rubric(&self, principle: &str) -> Option<&Rubric> {
        self.rubrics
            .iter()
            .find(|r| r.kind == RubricKind::Principle && r.principle.as_deref() == Some(principle))
    }
    pub fn delivery_rubric(&self) -> Option<&Rubric> {
        self.debrief
            .as_ref()
            .and_then(|d| self.rubric(&d.delivery_rubric))
    }
    pub fn bar_raiser_rubric(&self) -> Option<&Rubric> {
        self.debrief
            .as_ref()
            .and_then(|d| self.rubric(&d.bar_raiser_rubric))
    }

    /// Questions whose primary or secondary LPs include `principle`.
    pub fn questions_for<'a>(&'a self, principle: &'a str) -> impl Iterator<Item = &'a Question> {
        self.questions
            .iter()
            .filter(move |q| q.principles.iter().any(|p| p == principle))
    }

    /// General probes that fire on `signal` and fit an answer in `format`
    /// to a question on `lp`.
    pub fn probes_for_signal<'a>(
        &'a self,
        signal: &'a str,
        lp: &'a str,
        format: AnswerFormat,
    ) -> impl Iterator<Item = &'a Probe> {
        self.probes
            .iter()
            .filter(move |p| p.signal.as_deref() == Some(signal) && p.fits(lp, format))
    }
}
