//! A session as the summary index reads it from a session file: the same
//! fields with the same checks as [`Session`], but the words typed are
//! borrowed from the file's bytes (copied only where JSON escapes them)
//! and the parts the index never keeps (the question's text, notes, score
//! history, analysis, the AI's lines) are checked and dropped.
//!
//! So a file this reads, [`Session`] reads too, to the same values: a view
//! is built from a [`Session`] just as well ([`SessionView::of`]), and the
//! index is written from views either way (`store::index`).

use super::{
    AiLine, AnalysisRecord, Answer, DebriefRecord, InterviewRecord, MISSING_ANSWER_ID,
    SCHEMA_VERSION, ScoreRevision, Session, SessionKind, WritingRecord,
};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Deserializer};
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::marker::PhantomData;

/// A JSON string, borrowed from the input when it has no escapes. Hashes,
/// compares and orders as the `str` it holds (so as a `String` would).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Text<'a>(pub Cow<'a, str>);

impl Text<'_> {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl<'a> From<&'a str> for Text<'a> {
    fn from(s: &'a str) -> Text<'a> {
        Text(Cow::Borrowed(s))
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for Text<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visit;
        impl<'de> serde::de::Visitor<'de> for Visit {
            type Value = Text<'de>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a string")
            }
            fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Text<'de>, E> {
                Ok(Text(Cow::Borrowed(v)))
            }
            fn visit_str<E>(self, v: &str) -> Result<Text<'de>, E> {
                Ok(Text(Cow::Owned(v.to_owned())))
            }
            fn visit_string<E>(self, v: String) -> Result<Text<'de>, E> {
                Ok(Text(Cow::Owned(v)))
            }
        }
        d.deserialize_str(Visit)
    }
}

fn missing_id() -> Text<'static> {
    Text(Cow::Borrowed(MISSING_ANSWER_ID))
}

/// A field read as `T` (so with `T`'s checks) and then dropped.
pub struct Checked<T>(PhantomData<T>);

impl<T> Default for Checked<T> {
    fn default() -> Self {
        Checked(PhantomData)
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Checked<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        T::deserialize(d).map(|_| Checked(PhantomData))
    }
}

/// A [`Session`] as the index reads it (see the module docs).
#[derive(Deserialize)]
pub struct SessionView<'a> {
    /// `None` when the file has none (then the full read migrates it).
    #[serde(default)]
    pub schema_version: Option<u32>,
    #[serde(borrow)]
    pub id: Text<'a>,
    pub kind: SessionKind,
    #[serde(borrow)]
    pub template: Option<Text<'a>>,
    pub seed: Option<u64>,
    #[serde(default)]
    pub strict: bool,
    pub started_at: DateTime<Utc>,
    pub finished_at: Option<DateTime<Utc>>,
    pub interviews: Cow<'a, [InterviewRecord]>,
    #[serde(borrow)]
    pub answers: Vec<AnswerView<'a>>,
    #[serde(default)]
    pub debrief: Option<Cow<'a, DebriefRecord>>,
    #[serde(default)]
    pub writing: Option<Cow<'a, WritingRecord>>,
    #[serde(rename = "ai", default)]
    _ai: Checked<Vec<AiLine>>,
}

/// An [`Answer`] as the index reads it.
#[derive(Deserialize)]
pub struct AnswerView<'a> {
    /// [`MISSING_ANSWER_ID`] when the file has none (then the full read
    /// derives one), as for [`Answer`].
    #[serde(default = "missing_id", borrow)]
    pub id: Text<'a>,
    #[serde(borrow)]
    pub question_id: Text<'a>,
    #[serde(rename = "question", borrow)]
    _question: Checked<Text<'a>>,
    #[serde(borrow)]
    pub principles: Vec<Text<'a>>,
    #[serde(borrow)]
    pub interviewer_id: Option<Text<'a>>,
    #[serde(default)]
    pub interview_index: usize,
    #[serde(borrow)]
    pub star: StarView<'a>,
    #[serde(default, borrow)]
    pub parts: Vec<Text<'a>>,
    #[serde(default, borrow)]
    pub part_names: Vec<Text<'a>>,
    #[serde(borrow)]
    pub follow_ups: Vec<FollowUpView<'a>>,
    pub started_at: DateTime<Utc>,
    pub submitted_at: DateTime<Utc>,
    pub duration_secs: u64,
    pub time_limit_secs: u64,
    pub overtime_secs: u64,
    #[serde(borrow)]
    pub self_scores: BTreeMap<Text<'a>, u8>,
    #[serde(rename = "score_history", default)]
    _score_history: Checked<Vec<ScoreRevision>>,
    #[serde(rename = "analysis", default)]
    _analysis: Checked<AnalysisRecord>,
    #[serde(borrow)]
    pub story_id: Option<Text<'a>>,
    #[serde(rename = "notes", borrow)]
    _notes: Checked<Text<'a>>,
    #[serde(default)]
    pub spoken: bool,
    #[serde(default, borrow)]
    pub judged: Option<JudgedView<'a>>,
    #[serde(default)]
    pub summary_only: bool,
}

#[derive(Deserialize)]
pub struct StarView<'a> {
    #[serde(borrow)]
    pub situation: Text<'a>,
    #[serde(borrow)]
    pub task: Text<'a>,
    #[serde(borrow)]
    pub action: Text<'a>,
    #[serde(borrow)]
    pub result: Text<'a>,
}

impl StarView<'_> {
    pub fn fields(&self) -> [&str; 4] {
        [
            self.situation.as_str(),
            self.task.as_str(),
            self.action.as_str(),
            self.result.as_str(),
        ]
    }
}

#[derive(Deserialize)]
pub struct FollowUpView<'a> {
    #[serde(rename = "probe", borrow)]
    _probe: Checked<Text<'a>>,
    #[serde(borrow)]
    pub response: Text<'a>,
    #[serde(default, borrow)]
    pub signal: Option<Text<'a>>,
}

#[derive(Deserialize)]
pub struct JudgedView<'a> {
    pub key: u64,
    pub average: Option<f64>,
    #[serde(rename = "signals", borrow)]
    _signals: Checked<Vec<Text<'a>>>,
}

impl<'a> SessionView<'a> {
    /// Parses a session file; `None` when [`Session`] would not read it as
    /// it stands (an error to report, an older schema to migrate).
    pub fn parse(bytes: &'a [u8]) -> Option<SessionView<'a>> {
        serde_json::from_slice::<SessionView>(bytes)
            .ok()
            .filter(|s| s.schema_version == Some(SCHEMA_VERSION))
    }

    /// Whether every answer is as the index keeps it without a full read:
    /// it has its own id (none derived), is not a summary, and its cached
    /// judgement is current by `key` (an answer given aloud or left blank
    /// needs none).
    pub fn ready(&self, key: &dyn Fn(&AnswerView) -> u64) -> bool {
        self.answers.iter().all(|a| {
            let own_id = a.id.as_str() != MISSING_ANSWER_ID;
            let judged =
                a.spoken || a.is_blank() || a.judged.as_ref().is_some_and(|j| j.key == key(a));
            own_id && !a.summary_only && judged
        })
    }

    /// The view of a session in memory.
    pub fn of(s: &'a Session) -> SessionView<'a> {
        SessionView {
            schema_version: Some(s.schema_version),
            id: s.id.as_str().into(),
            kind: s.kind,
            template: s.template.as_deref().map(Text::from),
            seed: s.seed,
            strict: s.strict,
            started_at: s.started_at,
            finished_at: s.finished_at,
            interviews: Cow::Borrowed(&s.interviews),
            answers: s.answers.iter().map(AnswerView::of).collect(),
            debrief: s.debrief.as_ref().map(Cow::Borrowed),
            writing: s.writing.as_ref().map(Cow::Borrowed),
            _ai: Checked::default(),
        }
    }
}

impl<'a> AnswerView<'a> {
    /// The view of an answer in memory.
    pub fn of(a: &'a Answer) -> AnswerView<'a> {
        let text = |s: &'a String| Text::from(s.as_str());
        AnswerView {
            id: text(&a.id),
            question_id: text(&a.question_id),
            _question: Checked::default(),
            principles: a.principles.iter().map(text).collect(),
            interviewer_id: a.interviewer_id.as_ref().map(text),
            interview_index: a.interview_index,
            star: StarView {
                situation: text(&a.star.situation),
                task: text(&a.star.task),
                action: text(&a.star.action),
                result: text(&a.star.result),
            },
            parts: a.parts.iter().map(text).collect(),
            part_names: a.part_names.iter().map(text).collect(),
            follow_ups: a
                .follow_ups
                .iter()
                .map(|f| FollowUpView {
                    _probe: Checked::default(),
                    response: text(&f.response),
                    signal: f.signal.as_ref().map(text),
                })
                .collect(),
            started_at: a.started_at,
            submitted_at: a.submitted_at,
            duration_secs: a.duration_secs,
            time_limit_secs: a.time_limit_secs,
            overtime_secs: a.overtime_secs,
            self_scores: a.self_scores.iter().map(|(k, v)| (text(k), *v)).collect(),
            _score_history: Checked::default(),
            _analysis: Checked::default(),
            story_id: a.story_id.as_ref().map(text),
            _notes: Checked::default(),
            spoken: a.spoken,
            judged: a.judged.as_ref().map(|j| JudgedView {
                key: j.key,
                average: j.average,
                _signals: Checked::default(),
            }),
            summary_only: a.summary_only,
        }
    }

    /// As [`Answer::is_blank`].
    pub fn is_blank(&self) -> bool {
        self.star.fields().iter().all(|f| f.trim().is_empty())
            && self.parts.iter().all(|p| p.as_str().trim().is_empty())
    }
}
