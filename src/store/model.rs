//! What the store keeps: sessions with their answers, stories and drafts.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The schema version this build writes and reads.
pub const SCHEMA_VERSION: u32 = 1;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SessionKind {
    Loop,
    Drill,
    Writing,
}

impl SessionKind {
    pub fn label(self) -> &'static str {
        match self {
            SessionKind::Loop => "loop",
            SessionKind::Drill => "drill",
            SessionKind::Writing => "writing",
        }
    }
}

/// An interviewer's vote in the debrief.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Vote {
    StronglyNotInclined,
    NotInclined,
    Inclined,
    StronglyInclined,
}

impl Vote {
    pub fn label(self) -> &'static str {
        match self {
            Vote::StronglyInclined => "Strongly Inclined",
            Vote::Inclined => "Inclined",
            Vote::NotInclined => "Not Inclined",
            Vote::StronglyNotInclined => "Strongly Not Inclined",
        }
    }
    pub fn is_inclined(self) -> bool {
        matches!(self, Vote::Inclined | Vote::StronglyInclined)
    }
}

/// Who ran an interview, copied from content so history survives content changes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct InterviewerRef {
    pub id: String,
    pub name: String,
    pub role: String,
    pub bar_raiser: bool,
}

/// One interview of a loop (a drill has one, with no interviewer voice).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct InterviewRecord {
    pub interviewer: InterviewerRef,
    pub principles: Vec<String>,
    /// The planned question ids, in order.
    #[serde(default)]
    pub question_ids: Vec<String>,
    /// The time limit per answer, in seconds.
    #[serde(default)]
    pub answer_secs: u64,
    pub vote: Option<Vote>,
    #[serde(default)]
    pub average_score: Option<f64>,
    /// What the candidate asked at "what questions do you have for me?".
    #[serde(default)]
    pub candidate_questions: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
pub struct Star {
    pub situation: String,
    pub task: String,
    pub action: String,
    pub result: String,
}

impl Star {
    /// The parts' names, in order.
    pub const NAMES: [&'static str; 4] = ["Situation", "Task", "Action", "Result"];
    pub fn fields(&self) -> [&str; 4] {
        [&self.situation, &self.task, &self.action, &self.result]
    }
    pub fn from_fields(f: [String; 4]) -> Star {
        let [situation, task, action, result] = f;
        Star {
            situation,
            task,
            action,
            result,
        }
    }
    pub fn is_empty(&self) -> bool {
        self.fields().iter().all(|f| f.trim().is_empty())
    }
    pub fn full_text(&self) -> String {
        self.fields().join("\n")
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct FollowUp {
    pub probe: String,
    pub response: String,
    /// The signal that triggered this probe, if any.
    #[serde(default)]
    pub signal: Option<String>,
}

/// The answer analysis as stored (computed by `practice::analysis`).
/// Derived data: a hand-written file may leave it out or give `{}`, and an
/// import computes it again (see [`AnalysisRecord::is_missing`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct AnalysisRecord {
    pub words: u32,
    pub i_count: u32,
    pub we_count: u32,
    pub numbers_in_result: u32,
    pub speaking_secs: u32,
    pub signals: Vec<String>,
}

impl AnalysisRecord {
    /// Nothing was analysed (left out of a hand-written file, or `{}`).
    pub fn is_missing(&self) -> bool {
        *self == AnalysisRecord::default()
    }
}

/// An earlier set of self-scores, kept when an answer is re-scored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScoreRevision {
    pub scored_at: DateTime<Utc>,
    pub self_scores: BTreeMap<String, u8>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Answer {
    /// Unique within its session; derived (see [`Session::fill_answer_ids`])
    /// when a hand-written file leaves it out.
    #[serde(default = "missing_answer_id")]
    pub id: String,
    pub question_id: String,
    pub question: String,
    pub principles: Vec<String>,
    pub interviewer_id: Option<String>,
    #[serde(default)]
    pub interview_index: usize,
    pub star: Star,
    /// A scenario or design answer's fields, in its format's order (the
    /// STAR parts stay empty); empty for a STAR answer.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parts: Vec<String>,
    /// The names of those fields as they were asked ("Requirements and
    /// scope"…), so the answer reads the same if the content changes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub part_names: Vec<String>,
    pub follow_ups: Vec<FollowUp>,
    pub started_at: DateTime<Utc>,
    pub submitted_at: DateTime<Utc>,
    pub duration_secs: u64,
    pub time_limit_secs: u64,
    pub overtime_secs: u64,
    pub self_scores: BTreeMap<String, u8>,
    #[serde(default)]
    pub score_history: Vec<ScoreRevision>,
    #[serde(default)]
    pub analysis: AnalysisRecord,
    pub story_id: Option<String>,
    pub notes: String,
    #[serde(default)]
    pub spoken: bool,
    /// The interviewer's judgement, cached: derived data, recomputed when
    /// `key` (the judge's version, its rubric and the answer's words) no
    /// longer matches. Never the source of truth.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub judged: Option<JudgedCache>,
    /// Read from the summary index: the typed words were left out, so the
    /// cached judgement is taken as it is (see `store::index`). Never set
    /// in a session file.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub summary_only: bool,
}

/// A cached judgement of an answer (see `practice::judge`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JudgedCache {
    pub key: u64,
    pub average: Option<f64>,
    pub signals: Vec<String>,
}

impl Answer {
    /// Everything typed in the answer itself: the STAR parts, or the fields
    /// of a scenario or design answer.
    pub fn full_text(&self) -> String {
        if self.parts.is_empty() {
            self.star.full_text()
        } else {
            self.parts.join("\n\n")
        }
    }

    /// The answer's fields with their names: Situation, Task, Action and
    /// Result, or a scenario or design answer's own.
    pub fn labelled(&self) -> Vec<(&str, &str)> {
        if self.parts.is_empty() {
            Star::NAMES.into_iter().zip(self.star.fields()).collect()
        } else {
            self.parts
                .iter()
                .enumerate()
                .map(|(k, t)| {
                    (
                        self.part_names.get(k).map_or("Part", String::as_str),
                        t.as_str(),
                    )
                })
                .collect()
        }
    }

    /// Whether nothing was typed in the answer itself.
    pub fn is_blank(&self) -> bool {
        self.star.is_empty() && self.parts.iter().all(|p| p.trim().is_empty())
    }

    /// Mean of the self-scores, if any were given.
    pub fn average_score(&self) -> Option<f64> {
        average(self.self_scores.values())
    }
}

pub fn average<'a>(scores: impl Iterator<Item = &'a u8>) -> Option<f64> {
    let (sum, n) = scores.fold((0u32, 0u32), |(s, n), v| (s + u32::from(*v), n + 1));
    (n > 0).then(|| f64::from(sum) / f64::from(n))
}

/// The debrief outcome, saved with a finished loop.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DebriefRecord {
    pub hire: bool,
    pub bar_raiser_veto: bool,
    pub summary: String,
}

/// A timed writing exercise's submission.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WritingRecord {
    pub prompt_id: String,
    pub title: String,
    pub text: String,
    pub duration_secs: u64,
    pub time_limit_secs: u64,
    pub checks: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Session {
    /// Present in every stored file; a session inside an export may leave
    /// it out (the export's own `schema_version` covers it).
    #[serde(default = "current_schema")]
    pub schema_version: u32,
    pub id: String,
    pub kind: SessionKind,
    pub template: Option<String>,
    pub seed: Option<u64>,
    #[serde(default)]
    pub strict: bool,
    pub started_at: DateTime<Utc>,
    pub finished_at: Option<DateTime<Utc>>,
    pub interviews: Vec<InterviewRecord>,
    pub answers: Vec<Answer>,
    #[serde(default)]
    pub debrief: Option<DebriefRecord>,
    #[serde(default)]
    pub writing: Option<WritingRecord>,
    /// What a local model wrote in this session (the optional AI
    /// interviewer), each line marked with its source and model.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ai: Vec<AiLine>,
}

fn current_schema() -> u32 {
    SCHEMA_VERSION
}

/// What an answer's id reads as when its file has none, until
/// [`Session::fill_answer_ids`] derives one. An empty id that *is* in the
/// file is kept as it is (a file loads back as it was saved).
pub const MISSING_ANSWER_ID: &str = "\u{0}missing-answer-id";

fn missing_answer_id() -> String {
    MISSING_ANSWER_ID.to_string()
}

impl Session {
    /// Gives every answer whose file had no id one that is unique in the session
    /// and the same each time the same file is read (`SESSION-aN`, N its
    /// position from 1). Returns how many were given.
    pub fn fill_answer_ids(&mut self) -> usize {
        let mut taken: std::collections::HashSet<String> = self
            .answers
            .iter()
            .filter(|a| a.id != MISSING_ANSWER_ID)
            .map(|a| a.id.clone())
            .collect();
        let mut filled = 0;
        for k in 0..self.answers.len() {
            if self.answers[k].id != MISSING_ANSWER_ID {
                continue;
            }
            let mut id = format!("{}-a{}", self.id, k + 1);
            let mut n = 2;
            while taken.contains(&id) {
                id = format!("{}-a{}-{n}", self.id, k + 1);
                n += 1;
            }
            taken.insert(id.clone());
            self.answers[k].id = id;
            filled += 1;
        }
        filled
    }

    pub fn new(id: String, kind: SessionKind, started_at: DateTime<Utc>) -> Session {
        Session {
            schema_version: SCHEMA_VERSION,
            id,
            kind,
            template: None,
            seed: None,
            strict: false,
            started_at,
            finished_at: None,
            interviews: Vec::new(),
            answers: Vec::new(),
            debrief: None,
            writing: None,
            ai: Vec::new(),
        }
    }
}

/// A line a local model wrote (the optional AI interviewer): kept apart
/// from the rule interviewer's, with `source` and `model`, so review and
/// exports always tell which words came from a model.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AiLine {
    /// The answer it is about.
    pub answer_id: String,
    /// `follow-up` or `second-opinion`.
    pub kind: String,
    /// Always `ai`.
    pub source: String,
    /// The model that wrote it.
    pub model: String,
    /// A follow-up's place in the answer's `follow_ups`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub follow_up: Option<usize>,
    /// A follow-up's text as the model wrote it (after its checks).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// A second opinion: `{criteria[{id, level, evidence[{quote, reason}]}],
    /// next_probe, errors[]}`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub opinion: Option<serde_json::Value>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Story {
    pub id: String,
    pub title: String,
    pub summary: String,
    #[serde(default)]
    pub star: Star,
    pub principles: Vec<String>,
    #[serde(default)]
    pub metric: String,
    /// Derived when a hand-written file leaves it out (the Unix epoch
    /// marks "not given" until then; see `export::parse_export`).
    #[serde(default)]
    pub created_at: DateTime<Utc>,
    #[serde(default)]
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoryBank {
    pub schema_version: u32,
    pub stories: Vec<Story>,
}

impl Default for StoryBank {
    fn default() -> Self {
        StoryBank {
            schema_version: SCHEMA_VERSION,
            stories: Vec::new(),
        }
    }
}

/// Where in a session a draft was being typed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", tag = "step")]
pub enum DraftStep {
    /// The STAR answer to a question.
    Answer,
    /// The reply to follow-up number `index` of the answer.
    FollowUp {
        index: usize,
        probe: String,
        /// The model that wrote the probe (the optional AI interviewer),
        /// so a resumed reply is still recorded as the model's; none for
        /// the rule interviewer's.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        model: Option<String>,
    },
    /// The candidate's questions for the interviewer.
    CandidateQuestions,
    /// A writing exercise.
    Writing,
}

/// The answer being typed, autosaved so a crash loses at most a few seconds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Draft {
    pub schema_version: u32,
    pub session_id: String,
    pub interview_index: usize,
    pub question_index: usize,
    pub question_id: String,
    pub step: DraftStep,
    /// STAR fields (4) for an answer; one field otherwise.
    pub fields: Vec<String>,
    pub elapsed_secs: u64,
    pub saved_at: DateTime<Utc>,
    /// Which field had the cursor (STAR: 0–3).
    #[serde(default)]
    pub focus: usize,
}
