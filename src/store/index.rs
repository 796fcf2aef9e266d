//! A compact summary of the stored sessions, kept beside them in
//! `index.json`, so the home screen and `stats` can show progress without
//! reading and parsing every session file.
//!
//! Never the source of truth. The index is ignored when it was written by
//! another judge (its cached judgements would be stale), is unreadable, or
//! is of another index version. Otherwise it is trusted in one of two ways:
//!
//! - **sealed**: its header carries the stamp of the `sessions/` folder
//!   (device, inode, modification and change times) taken before the files
//!   were read, and the folder's stamp is still that. Every way loopdrill
//!   writes a session file (a temp file renamed into place) and every file
//!   added, removed or renamed there changes the folder's stamp, so the
//!   entries stand for the files as they are without looking at any of
//!   them: a million sessions are summarised without a million `stat`s. A
//!   folder that had changed less than [`SETTLED`] before it was stamped
//!   (so a change in the same clock tick could go unseen), or that changed
//!   while the files were read, does not seal an index. What the seal does
//!   not see is a file rewritten where it stands (an editor that writes in
//!   place, not through a rename); the app, which reads every file at each
//!   start anyway, checks each file's stamp then and writes the index again.
//! - **checked**: otherwise each entry carries the size and modification
//!   time of the session file it summarises, taken before that file was
//!   read; an entry that does not match its file, or a file with no entry,
//!   is read from the file itself.
//!
//! Only the instance that holds the store's lock writes the index,
//! atomically, after it has read every file it does not take from the
//! index. The lines are JSON (one per session file, after a header line),
//! in the history's order, so they can be parsed on every core.

use super::view::{AnswerView, SessionView, Text};
use super::{
    Answer, DebriefRecord, FollowUp, History, InterviewRecord, JudgedCache, Result, SCHEMA_VERSION,
    Session, SessionKind, Store, StoreError, WritingRecord,
};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Deserializer, Serialize};
use std::collections::{BTreeMap, HashMap};
use std::fs;
use std::path::Path;
use std::time::{Duration, SystemTime};

pub const INDEX: &str = "index.json";
/// Bumped when the index's shape or what a summary keeps changes.
const INDEX_VERSION: u32 = 3;

/// How long the sessions folder must have stood unchanged before its stamp
/// can seal an index: longer than the coarsest file-system clock (FAT
/// keeps times to 2 s, ext3 and HFS+ to 1 s).
pub const SETTLED: Duration = Duration::from_secs(2);

/// A session file's stamp: its length and modification time (ns).
pub type Stamp = (u64, u64);

/// The stamp of the sessions folder: which folder it is, and when it last
/// changed (seconds and nanoseconds of its modification and change times).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct FolderStamp {
    dev: u64,
    ino: u64,
    mtime: (i64, i64),
    ctime: (i64, i64),
}

impl FolderStamp {
    /// The stamp of folder `dir` (none where the platform has no inodes).
    pub fn of(dir: &Path) -> Option<FolderStamp> {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt as _;
            let m = fs::metadata(dir).ok()?;
            Some(FolderStamp {
                dev: m.dev(),
                ino: m.ino(),
                mtime: (m.mtime(), m.mtime_nsec()),
                ctime: (m.ctime(), m.ctime_nsec()),
            })
        }
        #[cfg(not(unix))]
        {
            let _ = dir;
            None
        }
    }

    /// Whether the folder last changed at least [`SETTLED`] before `now`.
    fn settled(&self, now: SystemTime) -> bool {
        let (secs, nanos) = self.mtime.max(self.ctime);
        let Ok(secs) = u64::try_from(secs) else {
            return false;
        };
        let changed =
            std::time::UNIX_EPOCH + Duration::new(secs, nanos.clamp(0, 999_999_999) as u32);
        now.duration_since(changed).is_ok_and(|d| d >= SETTLED)
    }
}

/// The session files' stamps, in file-name order, and the sessions
/// folder's, taken before them.
#[derive(Debug, Clone, Default)]
pub struct Stamps {
    /// The folder's stamp, when it had settled ([`SETTLED`]): only then may
    /// it seal the index written from these stamps.
    pub folder: Option<FolderStamp>,
    /// Each session file's name and stamp.
    pub files: Vec<(String, Stamp)>,
}

/// The index's first line; each line after it is one session file's.
#[derive(Serialize, Deserialize)]
struct Header {
    index_version: u32,
    schema_version: u32,
    /// The fingerprint of the judge whose judgements are cached.
    judge: u64,
    /// The sessions folder's stamp that seals the index (see the module
    /// docs), or `None`: every entry is checked against its file.
    #[serde(default)]
    folder: Option<FolderStamp>,
}

/// One session file's line as written: its name (left out when it is the
/// session's id and `.json`, as loopdrill names them) and stamp, the
/// session without its answers and a [`Brief`] of each answer.
#[derive(Serialize)]
struct LineOut<'a> {
    #[serde(rename = "f", skip_serializing_if = "Option::is_none")]
    file: Option<&'a str>,
    #[serde(rename = "l")]
    len: u64,
    #[serde(rename = "m")]
    modified_ns: u64,
    #[serde(rename = "s")]
    session: Head,
    #[serde(rename = "a", skip_serializing_if = "Vec::is_empty")]
    answers: Vec<Brief>,
}

/// A line read in full, for the home screen's summary.
#[derive(Deserialize)]
struct LineIn {
    #[serde(rename = "f", default)]
    file: Option<String>,
    #[serde(rename = "l")]
    len: u64,
    #[serde(rename = "m")]
    modified_ns: u64,
    #[serde(rename = "s")]
    session: Head,
    #[serde(rename = "a", default)]
    answers: Vec<Summarised>,
}

/// An answer read from its [`Brief`], as it is parsed (so the answers need
/// no second list).
#[derive(Deserialize)]
#[serde(from = "Brief")]
struct Summarised(Answer);

impl From<Brief> for Summarised {
    fn from(b: Brief) -> Summarised {
        Summarised(b.into_answer())
    }
}

fn is_zero(n: &u64) -> bool {
    *n == 0
}

fn is_drill(k: &SessionKind) -> bool {
    *k == SessionKind::Drill
}

fn drill() -> SessionKind {
    SessionKind::Drill
}

/// What the summary keeps of a session besides its answers: no words typed
/// (a loop's questions for the interviewer, a writing exercise's text).
#[derive(Serialize, Deserialize)]
struct Head {
    #[serde(rename = "i")]
    id: String,
    #[serde(rename = "k", default = "drill", skip_serializing_if = "is_drill")]
    kind: SessionKind,
    #[serde(rename = "tp", default, skip_serializing_if = "Option::is_none")]
    template: Option<String>,
    #[serde(rename = "sd", default, skip_serializing_if = "Option::is_none")]
    seed: Option<u64>,
    #[serde(rename = "x", default, skip_serializing_if = "std::ops::Not::not")]
    strict: bool,
    #[serde(rename = "t0", with = "exact_time")]
    started_at: DateTime<Utc>,
    #[serde(
        rename = "t1",
        default,
        skip_serializing_if = "Option::is_none",
        with = "exact_time_or_none"
    )]
    finished_at: Option<DateTime<Utc>>,
    #[serde(rename = "iv", default, skip_serializing_if = "Vec::is_empty")]
    interviews: Vec<InterviewRecord>,
    #[serde(rename = "db", default, skip_serializing_if = "Option::is_none")]
    debrief: Option<DebriefRecord>,
    #[serde(rename = "w", default, skip_serializing_if = "Option::is_none")]
    writing: Option<WritingRecord>,
}

impl Head {
    fn of(s: &SessionView) -> Head {
        Head {
            id: s.id.as_str().to_string(),
            kind: s.kind,
            template: s.template.as_ref().map(|t| t.as_str().to_string()),
            seed: s.seed,
            strict: s.strict,
            started_at: s.started_at,
            finished_at: s.finished_at,
            interviews: s
                .interviews
                .iter()
                .cloned()
                .map(|mut iv| {
                    iv.candidate_questions.clear();
                    iv
                })
                .collect(),
            debrief: s.debrief.as_deref().cloned(),
            writing: s.writing.as_deref().cloned().map(|mut w| {
                w.text.clear();
                w
            }),
        }
    }

    fn into_session(self, answers: Vec<Answer>) -> Session {
        Session {
            schema_version: SCHEMA_VERSION,
            id: self.id,
            kind: self.kind,
            template: self.template,
            seed: self.seed,
            strict: self.strict,
            started_at: self.started_at,
            finished_at: self.finished_at,
            interviews: self.interviews,
            answers,
            debrief: self.debrief,
            writing: self.writing,
            ai: Vec::new(),
        }
    }
}

/// What the summary keeps of an answer: no words typed, no question text,
/// no analysis.
#[derive(Serialize, Deserialize)]
struct Brief {
    #[serde(rename = "i")]
    id: String,
    #[serde(rename = "q")]
    question_id: String,
    #[serde(rename = "p", default, skip_serializing_if = "Vec::is_empty")]
    principles: Vec<String>,
    #[serde(rename = "w", default, skip_serializing_if = "Option::is_none")]
    interviewer_id: Option<String>,
    #[serde(rename = "x", default, skip_serializing_if = "is_zero")]
    interview_index: u64,
    /// How many fields the answer has (their words are left out).
    #[serde(rename = "np", default, skip_serializing_if = "is_zero")]
    parts: u64,
    #[serde(rename = "n", default, skip_serializing_if = "Vec::is_empty")]
    part_names: Vec<String>,
    /// The signal of each follow-up (their words are left out).
    #[serde(rename = "fu", default, skip_serializing_if = "Vec::is_empty")]
    follow_ups: Vec<Option<String>>,
    #[serde(rename = "t0", with = "exact_time")]
    started_at: DateTime<Utc>,
    #[serde(rename = "t1", with = "exact_time")]
    submitted_at: DateTime<Utc>,
    #[serde(rename = "d", default, skip_serializing_if = "is_zero")]
    duration_secs: u64,
    #[serde(rename = "tl", default, skip_serializing_if = "is_zero")]
    time_limit_secs: u64,
    #[serde(rename = "o", default, skip_serializing_if = "is_zero")]
    overtime_secs: u64,
    #[serde(rename = "sc", default, skip_serializing_if = "BTreeMap::is_empty")]
    self_scores: BTreeMap<String, u8>,
    #[serde(rename = "st", default, skip_serializing_if = "Option::is_none")]
    story_id: Option<String>,
    #[serde(rename = "sp", default, skip_serializing_if = "std::ops::Not::not")]
    spoken: bool,
    /// The interviewer's average as progress reads it: absent for an answer
    /// given aloud or left blank (its own self-score stands instead),
    /// `null` when judging gave no average. Signals are left out.
    #[serde(
        rename = "j",
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "present"
    )]
    judged: Option<Option<f64>>,
}

/// A field that is there, even as `null`, is `Some` (absent is `None`, by
/// `default`).
fn present<'de, D: Deserializer<'de>>(d: D) -> std::result::Result<Option<Option<f64>>, D::Error> {
    Option::<f64>::deserialize(d).map(Some)
}

/// A time as `[seconds, nanoseconds]` since the epoch: exact, and quicker to
/// read than RFC 3339 text.
mod exact_time {
    use chrono::{DateTime, Utc};
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    pub fn serialize<S: Serializer>(t: &DateTime<Utc>, s: S) -> Result<S::Ok, S::Error> {
        (t.timestamp(), t.timestamp_subsec_nanos()).serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<DateTime<Utc>, D::Error> {
        let (secs, nanos) = <(i64, u32)>::deserialize(d)?;
        DateTime::from_timestamp(secs, nanos)
            .ok_or_else(|| serde::de::Error::custom("time out of range"))
    }
}

/// [`exact_time`] for a time that may be missing.
mod exact_time_or_none {
    use chrono::{DateTime, Utc};
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(t: &Option<DateTime<Utc>>, s: S) -> Result<S::Ok, S::Error> {
        match t {
            Some(t) => super::exact_time::serialize(t, s),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<DateTime<Utc>>, D::Error> {
        #[derive(Deserialize)]
        struct Time(#[serde(with = "super::exact_time")] DateTime<Utc>);
        Ok(Option::<Time>::deserialize(d)?.map(|t| t.0))
    }
}

impl Brief {
    fn of(a: &AnswerView) -> Brief {
        let owned = |t: &Text| t.as_str().to_string();
        Brief {
            id: owned(&a.id),
            question_id: owned(&a.question_id),
            principles: a.principles.iter().map(owned).collect(),
            interviewer_id: a.interviewer_id.as_ref().map(owned),
            interview_index: a.interview_index as u64,
            parts: a.parts.len() as u64,
            part_names: a.part_names.iter().map(owned).collect(),
            follow_ups: a
                .follow_ups
                .iter()
                .map(|f| f.signal.as_ref().map(owned))
                .collect(),
            started_at: a.started_at,
            submitted_at: a.submitted_at,
            duration_secs: a.duration_secs,
            time_limit_secs: a.time_limit_secs,
            overtime_secs: a.overtime_secs,
            self_scores: a.self_scores.iter().map(|(k, v)| (owned(k), *v)).collect(),
            story_id: a.story_id.as_ref().map(owned),
            spoken: a.spoken,
            judged: (!a.spoken && !a.is_blank()).then(|| a.judged.as_ref().and_then(|j| j.average)),
        }
    }

    /// The answer as the summary keeps it: marked `summary_only`.
    fn into_answer(self) -> Answer {
        Answer {
            id: self.id,
            question_id: self.question_id,
            question: String::new(),
            principles: self.principles,
            interviewer_id: self.interviewer_id,
            interview_index: self.interview_index as usize,
            star: Default::default(),
            parts: vec![String::new(); self.parts as usize],
            part_names: self.part_names,
            follow_ups: self
                .follow_ups
                .into_iter()
                .map(|signal| FollowUp {
                    probe: String::new(),
                    response: String::new(),
                    signal,
                })
                .collect(),
            started_at: self.started_at,
            submitted_at: self.submitted_at,
            duration_secs: self.duration_secs,
            time_limit_secs: self.time_limit_secs,
            overtime_secs: self.overtime_secs,
            self_scores: self.self_scores,
            score_history: Vec::new(),
            analysis: Default::default(),
            story_id: self.story_id,
            notes: String::new(),
            spoken: self.spoken,
            judged: self.judged.map(|average| JudgedCache {
                key: 0,
                average,
                signals: Vec::new(),
            }),
            summary_only: true,
        }
    }
}

/// The index line of session file `file` stamped `stamp`, from its view
/// (whose cached judgements must be current), without a newline: the same
/// bytes whether the view is of the file's bytes or of the session read in
/// full (`tests/store_view.rs`).
pub fn line_of(file: &str, (len, modified_ns): Stamp, s: &SessionView) -> String {
    serde_json::to_string(&LineOut {
        file: (file.strip_suffix(".json") != Some(s.id.as_str())).then_some(file),
        len,
        modified_ns,
        session: Head::of(s),
        answers: s.answers.iter().map(Brief::of).collect(),
    })
    // Plain data with string keys: encoding cannot fail.
    .unwrap_or_default()
}

// ------------------------------------------------------ what stats read

/// What progress reads of one answer, as the summary keeps it (see
/// `practice::progress`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Practised {
    /// Which of the principles asked about is the answer's primary one
    /// (its first); `None` when it has none or another.
    pub principle: Option<u16>,
    pub submitted_at: DateTime<Utc>,
    /// The interviewer's level (the judged average; for an answer given
    /// aloud or left blank, the candidate's own average).
    pub level: Option<f64>,
    /// The candidate's own average self-score.
    pub self_average: Option<f64>,
    pub duration_secs: u64,
    pub time_limit_secs: u64,
    pub overtime_secs: u64,
    pub spoken: bool,
}

/// The position of `id` among `principles`.
pub fn principle_of(principles: &[&str], id: Option<&str>) -> Option<u16> {
    let id = id?;
    principles
        .iter()
        .position(|p| *p == id)
        .and_then(|k| u16::try_from(k).ok())
}

/// Every answer of a history as progress reads it.
#[derive(Debug, Default)]
pub struct Practice {
    pub sessions: usize,
    /// In the history's order: sessions by start time then id, each
    /// session's answers in turn.
    pub answers: Vec<Practised>,
    /// The session files that could not be read.
    pub problems: Vec<StoreError>,
}

/// How the index served a read of the history.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Served {
    /// Sealed: the sessions folder had not changed since the index was
    /// written, so no file was looked at.
    Sealed,
    /// Every session file's stamp matched its entry.
    Checked,
    /// Some session files changed, came or went since the index was
    /// written (they were read themselves), or it could not be used.
    Stale,
}

impl Served {
    /// Whether the index was current: nothing needed reading but it.
    pub fn is_current(self) -> bool {
        self != Served::Stale
    }
}

/// A line as stats read it: what progress needs, borrowed from the index;
/// every other field is checked as the summary reads it, then dropped.
#[derive(Deserialize)]
struct StatLine<'a> {
    #[serde(rename = "f", default, borrow)]
    file: Option<Text<'a>>,
    #[serde(rename = "l")]
    len: u64,
    #[serde(rename = "m")]
    modified_ns: u64,
    #[serde(rename = "s", borrow)]
    session: StatHead<'a>,
    #[serde(rename = "a", default, borrow)]
    answers: Briefs<'a>,
}

/// A line's answers: most sessions hold one, kept without an allocation.
#[derive(Default)]
enum Briefs<'a> {
    #[default]
    None,
    One(StatBrief<'a>),
    Many(Vec<StatBrief<'a>>),
}

impl<'a> Briefs<'a> {
    fn as_slice(&self) -> &[StatBrief<'a>] {
        match self {
            Briefs::None => &[],
            Briefs::One(b) => std::slice::from_ref(b),
            Briefs::Many(v) => v,
        }
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for Briefs<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        struct Visit;
        impl<'de> serde::de::Visitor<'de> for Visit {
            type Value = Briefs<'de>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a list of answers")
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> std::result::Result<Briefs<'de>, A::Error> {
                let Some(first) = seq.next_element()? else {
                    return Ok(Briefs::None);
                };
                let Some(second) = seq.next_element()? else {
                    return Ok(Briefs::One(first));
                };
                let mut all = vec![first, second];
                while let Some(next) = seq.next_element()? {
                    all.push(next);
                }
                Ok(Briefs::Many(all))
            }
        }
        d.deserialize_seq(Visit)
    }
}

#[derive(Deserialize)]
struct StatHead<'a> {
    #[serde(rename = "i", borrow)]
    id: Text<'a>,
    #[serde(rename = "k", default)]
    _kind: Checked<SessionKind>,
    #[serde(rename = "tp", default, borrow)]
    _template: Checked<Option<Text<'a>>>,
    #[serde(rename = "sd", default)]
    _seed: Checked<Option<u64>>,
    #[serde(rename = "x", default)]
    _strict: Checked<bool>,
    #[serde(rename = "t0", with = "exact_time")]
    started_at: DateTime<Utc>,
    #[serde(rename = "t1", default, with = "exact_time_or_none")]
    _finished_at: Option<DateTime<Utc>>,
    #[serde(rename = "iv", default)]
    _interviews: Checked<Vec<InterviewRecord>>,
    #[serde(rename = "db", default)]
    _debrief: Checked<Option<DebriefRecord>>,
    #[serde(rename = "w", default)]
    _writing: Checked<Option<WritingRecord>>,
}

#[derive(Deserialize)]
struct StatBrief<'a> {
    #[serde(rename = "i", borrow)]
    _id: Checked<Text<'a>>,
    #[serde(rename = "q", borrow)]
    _question_id: Checked<Text<'a>>,
    #[serde(rename = "p", default, borrow)]
    principle: First<'a>,
    #[serde(rename = "w", default, borrow)]
    _interviewer_id: Checked<Option<Text<'a>>>,
    #[serde(rename = "x", default)]
    _interview_index: Checked<u64>,
    #[serde(rename = "np", default)]
    _parts: Checked<u64>,
    #[serde(rename = "n", default, borrow)]
    _part_names: Each<Text<'a>>,
    #[serde(rename = "fu", default, borrow)]
    _follow_ups: Each<Option<Text<'a>>>,
    #[serde(rename = "t0", with = "exact_time")]
    _started_at: DateTime<Utc>,
    #[serde(rename = "t1", with = "exact_time")]
    submitted_at: DateTime<Utc>,
    #[serde(rename = "d", default)]
    duration_secs: u64,
    #[serde(rename = "tl", default)]
    time_limit_secs: u64,
    #[serde(rename = "o", default)]
    overtime_secs: u64,
    #[serde(rename = "sc", default)]
    self_scores: ScoreAverage,
    #[serde(rename = "st", default, borrow)]
    _story_id: Checked<Option<Text<'a>>>,
    #[serde(rename = "sp", default)]
    spoken: bool,
    #[serde(rename = "j", default, deserialize_with = "present")]
    judged: Option<Option<f64>>,
}

use super::view::Checked;

/// A sequence of `T`s, each checked, none kept.
struct Each<T>(std::marker::PhantomData<T>);

impl<T> Default for Each<T> {
    fn default() -> Self {
        Each(std::marker::PhantomData)
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Each<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        struct Visit<T>(std::marker::PhantomData<T>);
        impl<'de, T: Deserialize<'de>> serde::de::Visitor<'de> for Visit<T> {
            type Value = Each<T>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a sequence")
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> std::result::Result<Each<T>, A::Error> {
                while seq.next_element::<Checked<T>>()?.is_some() {}
                Ok(Each::default())
            }
        }
        d.deserialize_seq(Visit(std::marker::PhantomData))
    }
}

/// The first of a list of strings (an answer's primary principle), the
/// others checked.
#[derive(Default)]
struct First<'a>(Option<Text<'a>>);

impl<'de: 'a, 'a> Deserialize<'de> for First<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        struct Visit;
        impl<'de> serde::de::Visitor<'de> for Visit {
            type Value = First<'de>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a list of strings")
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> std::result::Result<First<'de>, A::Error> {
                let first = seq.next_element::<Text<'de>>()?;
                while seq.next_element::<Checked<Text<'de>>>()?.is_some() {}
                Ok(First(first))
            }
        }
        d.deserialize_seq(Visit)
    }
}

/// The average of a map of self-scores (as [`Answer::average_score`]); the
/// keys must come in order, as the summary writes them (so none is given
/// twice).
#[derive(Default)]
struct ScoreAverage(Option<f64>);

impl<'de> Deserialize<'de> for ScoreAverage {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        struct Visit;
        impl<'de> serde::de::Visitor<'de> for Visit {
            type Value = ScoreAverage;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a map of self-scores")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> std::result::Result<ScoreAverage, A::Error> {
                let mut last: Option<Text<'de>> = None;
                let (mut sum, mut n) = (0u32, 0u32);
                while let Some(k) = map.next_key::<Text<'de>>()? {
                    if last.as_ref().is_some_and(|l| *l >= k) {
                        return Err(serde::de::Error::custom("self-scores out of order"));
                    }
                    last = Some(k);
                    sum += u32::from(map.next_value::<u8>()?);
                    n += 1;
                }
                // As `average`: the whole sum over the count.
                Ok(ScoreAverage((n > 0).then(|| f64::from(sum) / f64::from(n))))
            }
        }
        d.deserialize_map(Visit)
    }
}

fn stat_line(l: &str) -> Option<StatLine<'_>> {
    serde_json::from_str(l).ok()
}

/// The entry lines of an index's body (blank ones left out).
fn lines_of(body: &str) -> Vec<&str> {
    body.lines().filter(|l| !l.trim().is_empty()).collect()
}

impl StatLine<'_> {
    /// The line's answers as progress reads them.
    fn practised(&self, principles: &[&str], out: &mut Vec<Practised>) {
        out.extend(self.answers.as_slice().iter().map(|a| Practised {
            principle: principle_of(principles, a.principle.0.as_ref().map(Text::as_str)),
            submitted_at: a.submitted_at,
            level: match a.judged {
                Some(average) => average,
                None => a.self_scores.0,
            },
            self_average: a.self_scores.0,
            duration_secs: a.duration_secs,
            time_limit_secs: a.time_limit_secs,
            overtime_secs: a.overtime_secs,
            spoken: a.spoken,
        }));
    }
}

/// Parses `lines` on every core (in order) with `parse`; `None` when one
/// of them does not parse.
fn parse_lines<'a, T: Send>(
    lines: &[&'a str],
    parse: impl Fn(&'a str) -> Option<T> + Sync,
) -> Option<Vec<T>> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, 8);
    let chunk = lines.len().div_ceil(threads).max(1);
    let parse = &parse;
    let parsed: Vec<Option<Vec<T>>> = std::thread::scope(|scope| {
        let handles: Vec<_> = lines
            .chunks(chunk)
            .map(|part| scope.spawn(move || part.iter().map(|l| parse(l)).collect()))
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().ok().flatten())
            .collect()
    });
    let mut out = Vec::with_capacity(lines.len());
    for part in parsed {
        out.extend(part?);
    }
    Some(out)
}

/// The index of a data dir, opened when it is usable with the judge at
/// hand: its header read, its entry lines still in the file.
struct Index {
    file: fs::File,
    /// What was read past the header line.
    rest: Vec<u8>,
    folder: Option<FolderStamp>,
}

/// How much of the index is read at a time.
const BLOCK: usize = 8 << 20;

impl Index {
    fn open(dir: &Path, judge: u64) -> Option<Index> {
        use std::io::Read as _;
        let mut file = fs::File::open(dir.join(INDEX)).ok()?;
        let mut bytes = Vec::new();
        let end = loop {
            let at = bytes.len();
            let n = (&mut file).take(64 * 1024).read_to_end(&mut bytes).ok()?;
            if let Some(k) = bytes[at..].iter().position(|b| *b == b'\n') {
                break at + k;
            }
            if n == 0 || bytes.len() > 1 << 20 {
                return None;
            }
        };
        let header: Header = serde_json::from_slice(&bytes[..end]).ok()?;
        if header.index_version != INDEX_VERSION
            || header.schema_version != SCHEMA_VERSION
            || header.judge != judge
        {
            return None;
        }
        bytes.drain(..=end);
        Some(Index {
            file,
            rest: bytes,
            folder: header.folder,
        })
    }

    /// The rest of the index (its entry lines); `None` when it cannot be
    /// read or is not UTF-8.
    fn body(mut self) -> Option<String> {
        use std::io::Read as _;
        use std::io::Seek as _;
        // Read into one allocation of the size left, as `fs::read` does.
        let len = self.file.metadata().map_or(0, |m| m.len());
        let at = self.file.stream_position().unwrap_or(len);
        self.rest
            .reserve(usize::try_from(len.saturating_sub(at)).unwrap_or(0));
        self.file.read_to_end(&mut self.rest).ok()?;
        String::from_utf8(self.rest).ok()
    }

    /// Whether the index is sealed by the folder's stamp as it is now.
    fn sealed(&self, now: Option<FolderStamp>) -> bool {
        self.folder.is_some() && self.folder == now
    }

    /// What progress reads of every entry, read a block at a time and
    /// parsed on every core, straight into [`Practised`] records; `None`
    /// when a line does not parse or the lines are not in the history's
    /// order (as the index is written).
    fn practice(mut self, principles: &[&str]) -> Option<Practice> {
        use std::io::Read as _;
        let threads = std::thread::available_parallelism()
            .map_or(1, |n| n.get())
            .clamp(1, 8);
        let mut practice = Practice::default();
        // One buffer, filled a block at a time; the bytes after its last
        // whole line move to its start.
        let mut buf = vec![0u8; BLOCK.max(2 * self.rest.len())];
        buf[..self.rest.len()].copy_from_slice(&self.rest);
        let mut end = self.rest.len();
        let mut last: Option<(DateTime<Utc>, String)> = None;
        loop {
            let mut eof = false;
            while end < buf.len() {
                match self.file.read(&mut buf[end..]) {
                    Ok(0) => {
                        eof = true;
                        break;
                    }
                    Ok(n) => end += n,
                    Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                    Err(_) => return None,
                }
            }
            let cut = if eof {
                end
            } else {
                match buf[..end].iter().rposition(|b| *b == b'\n') {
                    Some(k) => k + 1,
                    None => {
                        // A line longer than the buffer.
                        buf.resize(2 * buf.len(), 0);
                        continue;
                    }
                }
            };
            let text = std::str::from_utf8(&buf[..cut]).ok()?;
            let lines = lines_of(text);
            let chunk = lines.len().div_ceil(threads).max(1);
            let parts: Vec<Option<Part>> = std::thread::scope(|scope| {
                let handles: Vec<_> = lines
                    .chunks(chunk)
                    .map(|part| scope.spawn(move || Part::parse(part, principles)))
                    .collect();
                handles
                    .into_iter()
                    .map(|h| h.join().ok().flatten())
                    .collect()
            });
            for part in parts {
                let part = part?;
                if last
                    .as_ref()
                    .is_some_and(|l| (l.0, l.1.as_str()) > (part.first.0, part.first.1.as_str()))
                {
                    return None;
                }
                last = Some((part.last.0, part.last.1.as_str().to_string()));
                practice.sessions += part.sessions;
                practice.answers.extend_from_slice(&part.answers);
            }
            if eof {
                return Some(practice);
            }
            buf.copy_within(cut..end, 0);
            end -= cut;
        }
    }
}

/// Some of a sealed index's lines, read (see [`Index::practice`]).
struct Part<'a> {
    sessions: usize,
    answers: Vec<Practised>,
    first: Order<'a>,
    last: Order<'a>,
}

impl<'a> Part<'a> {
    /// `None` when a line does not parse, or the lines are out of order,
    /// or there are none.
    fn parse(lines: &[&'a str], principles: &[&str]) -> Option<Part<'a>> {
        let mut answers = Vec::with_capacity(lines.len());
        let mut ends: Option<(Order<'a>, Order<'a>)> = None;
        for l in lines {
            let e = stat_line(l)?;
            e.practised(principles, &mut answers);
            let key = (e.session.started_at, e.session.id);
            ends = match ends {
                None => Some((key.clone(), key)),
                Some((first, last)) if last <= key => Some((first, key)),
                Some(_) => return None,
            };
        }
        let (first, last) = ends?;
        Some(Part {
            sessions: lines.len(),
            answers,
            first,
            last,
        })
    }
}

/// An index entry as the per-file check keeps it: its line, the file it
/// stands for, that file's stamp, its place in the history, and its
/// answers (a range of [`Entries::answers`]).
struct Entry<'a> {
    line: &'a str,
    /// Named when the file is not the session's id and `.json`.
    file: Option<Text<'a>>,
    stamp: Stamp,
    order: Order<'a>,
    answers: std::ops::Range<usize>,
}

/// Index entries with their answers as progress reads them.
#[derive(Default)]
struct Entries<'a> {
    list: Vec<Entry<'a>>,
    answers: Vec<Practised>,
}

impl<'a> Entries<'a> {
    /// `lines` parsed on every core; `None` when one does not parse.
    fn parse(lines: &[&'a str], principles: &[&str]) -> Option<Entries<'a>> {
        let one = |part: &[&'a str]| -> Option<Entries<'a>> {
            let mut out = Entries {
                list: Vec::with_capacity(part.len()),
                answers: Vec::with_capacity(part.len()),
            };
            for l in part {
                let e = stat_line(l)?;
                let from = out.answers.len();
                e.practised(principles, &mut out.answers);
                let id = e.session.id;
                out.list.push(Entry {
                    line: l,
                    file: e
                        .file
                        .filter(|f| f.as_str().strip_suffix(".json") != Some(id.as_str())),
                    stamp: (e.len, e.modified_ns),
                    order: (e.session.started_at, id),
                    answers: from..out.answers.len(),
                });
            }
            Some(out)
        };
        if lines.len() < 64 {
            return one(lines);
        }
        let threads = std::thread::available_parallelism()
            .map_or(1, |n| n.get())
            .clamp(1, 8);
        let chunk = lines.len().div_ceil(threads).max(1);
        let one = &one;
        let parts: Vec<Option<Entries<'a>>> = std::thread::scope(|scope| {
            let handles: Vec<_> = lines
                .chunks(chunk)
                .map(|part| scope.spawn(move || one(part)))
                .collect();
            handles
                .into_iter()
                .map(|h| h.join().ok().flatten())
                .collect()
        });
        let mut all = Entries::default();
        for p in parts {
            all = all.join(p?);
        }
        Some(all)
    }

    /// These entries and then `more`'s.
    fn join(mut self, more: Entries<'a>) -> Entries<'a> {
        let base = self.answers.len();
        self.answers.extend_from_slice(&more.answers);
        self.list.extend(more.list.into_iter().map(|mut e| {
            e.answers = e.answers.start + base..e.answers.end + base;
            e
        }));
        self
    }
}

/// What the index needs of the judge (`practice::judge::IndexJudge`).
pub trait Judging: Sync {
    /// The judge's fingerprint: an index written by another is not used.
    fn fingerprint(&self) -> u64;
    /// The cache key of an answer's words (`Judge::cache_key`).
    fn key(&self, a: &AnswerView<'_>) -> u64;
    /// Brings the session's cached judgements up to date, judging what has
    /// none or a stale one (in memory).
    fn refresh(&self, session: &mut Session);
}

/// A session's place in the history: by start time, then id.
type Order<'a> = (DateTime<Utc>, Text<'a>);

impl Store {
    /// The session files with their stamps, in file-name order, and the
    /// stamp of their folder taken before them (when it had settled).
    pub fn session_stamps(&self) -> Stamps {
        let folder = FolderStamp::of(&self.sessions_dir()).filter(|f| f.settled(SystemTime::now()));
        // Each entry's metadata is read relative to the open folder.
        let mut files: Vec<(String, Stamp)> = self
            .session_entries()
            .filter_map(|e| {
                let st = stamp(&e.metadata().ok()?)?;
                Some((e.file_name().to_string_lossy().into_owned(), st))
            })
            .collect();
        files.sort();
        Stamps { folder, files }
    }

    /// The history as the index summarises it, with the sessions whose
    /// files changed since read in full, and how the index served (see
    /// [`Served`]); `None` when there is no usable index (then the full
    /// history is the only way).
    pub fn load_summary(&self, judge: u64) -> Option<(History, Served)> {
        let index = Index::open(self.dir(), judge)?;
        let sealed = index.sealed(FolderStamp::of(&self.sessions_dir()));
        let body = index.body()?;
        let lines = lines_of(&body);
        let parse = |l: &str| serde_json::from_str::<LineIn>(l).ok();
        if sealed {
            let entries = parse_lines(&lines, parse)?;
            let mut history = History {
                sessions: entries.into_iter().map(LineIn::into_session).collect(),
                problems: Vec::new(),
            };
            sort_sessions(&mut history.sessions);
            return Some((history, Served::Sealed));
        }
        // The files are stamped on one thread while the index is parsed
        // on the others.
        let (entries, stamps) = std::thread::scope(|scope| {
            let stamping = scope.spawn(|| self.session_stamps());
            let entries = parse_lines(&lines, parse);
            (entries, stamping.join().unwrap_or_default())
        });
        let entries = entries?;
        let mut by_file: HashMap<String, LineIn> =
            entries.into_iter().map(|e| (e.name(), e)).collect();
        let mut history = History::default();
        let mut current = true;
        for (name, st) in stamps.files {
            match by_file.remove(&name) {
                Some(e) if (e.len, e.modified_ns) == st => {
                    history.sessions.push(e.into_session());
                }
                _ => {
                    current = false;
                    match self.read_session(&self.sessions_dir().join(&name)) {
                        Ok(s) => history.sessions.push(s),
                        Err(e) => history.problems.push(e),
                    }
                }
            }
        }
        current &= by_file.is_empty();
        sort_sessions(&mut history.sessions);
        let served = if current {
            Served::Checked
        } else {
            Served::Stale
        };
        Some((history, served))
    }

    /// What progress reads of every session (see [`Practice`]), with the
    /// index's help wherever it is current, and how it served. Sealed, the
    /// index alone is read; otherwise each session file's stamp is checked
    /// and the files that do not match their entry (all of them, without a
    /// usable index) are read: the summary of a file of the current schema
    /// whose answers' cached judgements are current straight from its
    /// bytes, any other through the full read (migrated, reported when
    /// unreadable) and `judge`'s refresh. `principles` are the ids that
    /// [`Practised::principle`] numbers.
    ///
    /// The index is then written again, when it was not sealed and current,
    /// by this store if it is the writer, else by the writer `lock` opens
    /// (`None` when another instance holds the store: nothing is written).
    pub fn read_practice(
        &self,
        judge: &dyn Judging,
        principles: &[&str],
        lock: impl FnOnce() -> Option<Store>,
    ) -> (Practice, Served) {
        let mut index = Index::open(self.dir(), judge.fingerprint());
        if let Some(i) = index.take_if(|i| i.sealed(FolderStamp::of(&self.sessions_dir()))) {
            let folder = i.folder;
            if let Some(practice) = i.practice(principles) {
                return (practice, Served::Sealed);
            }
            // A line that does not parse or is out of order: checked below
            // like an unsealed index (and written again).
            index = Index::open(self.dir(), judge.fingerprint()).filter(|i| i.folder == folder);
        }
        let folder_was = index.as_ref().and_then(|i| i.folder);
        let writer = if self.is_read_only() { lock() } else { None };
        let store = writer.as_ref().unwrap_or(self);
        // The files are stamped on one thread while the index is read.
        let (body, stamps) = std::thread::scope(|scope| {
            let stamping = scope.spawn(|| store.session_stamps());
            let body = index.and_then(Index::body);
            (body, stamping.join().unwrap_or_default())
        });
        let lines = body.as_deref().map(lines_of).unwrap_or_default();
        // The index's entries (none when one line does not parse).
        let old = body
            .as_ref()
            .and_then(|_| Entries::parse(&lines, principles));
        let had_index = old.is_some();
        let old = old.unwrap_or_default();
        // Each entry by its file's name: the id for most (the file is
        // ID.json), the name it was written with for the others.
        let mut by_id: HashMap<&str, usize> = HashMap::new();
        let mut by_name: HashMap<&str, usize> = HashMap::new();
        for (k, e) in old.list.iter().enumerate() {
            match &e.file {
                None => by_id.insert(e.order.1.as_str(), k),
                Some(f) => by_name.insert(f.as_str(), k),
            };
        }
        // The entries that match their file, and the files to read.
        let mut kept: Vec<usize> = Vec::with_capacity(stamps.files.len());
        let mut to_read: Vec<(&str, Stamp)> = Vec::new();
        for (name, st) in &stamps.files {
            let k = by_name
                .remove(name.as_str())
                .or_else(|| name.strip_suffix(".json").and_then(|id| by_id.remove(id)));
            match k {
                Some(k) if old.list[k].stamp == *st => kept.push(k),
                _ => to_read.push((name, *st)),
            }
        }
        let current = had_index && to_read.is_empty() && by_id.is_empty() && by_name.is_empty();
        let mut problems = Vec::new();
        let mut new_lines: Vec<String> = Vec::with_capacity(to_read.len());
        for result in store.read_lines(&to_read, judge) {
            match result {
                Ok(l) => new_lines.push(l),
                Err(e) => problems.push(e),
            }
        }
        let new_refs: Vec<&str> = new_lines.iter().map(String::as_str).collect();
        // A line written here always parses (one that did not would be left
        // out of the summary and of the index, so its file is read again).
        let mut new = Entries::default();
        for l in &new_refs {
            if let Some(e) = Entries::parse(std::slice::from_ref(l), principles) {
                new = new.join(e);
            }
        }
        // Both, in the history's order.
        let mut order: Vec<(&Entry, &[Practised])> = kept
            .iter()
            .map(|k| (&old.list[*k], &old.answers[..]))
            .chain(new.list.iter().map(|e| (e, &new.answers[..])))
            .collect();
        order.sort_by(|a, b| a.0.order.cmp(&b.0.order));
        let mut practice = Practice {
            sessions: order.len(),
            problems,
            ..Practice::default()
        };
        practice
            .answers
            .reserve(old.answers.len() + new.answers.len());
        for (e, answers) in &order {
            practice
                .answers
                .extend_from_slice(&answers[e.answers.clone()]);
        }
        // Written again unless it is current and sealed as it would be now
        // (or as unsealed: the folder has not settled yet).
        let as_it_was = current && folder_was == stamps.folder;
        if !store.is_read_only() && !as_it_was {
            // A cache: a failure to write it costs only speed next time.
            let _ = write_lines(
                store.dir(),
                &stamps,
                judge.fingerprint(),
                order.iter().map(|(e, _)| e.line),
                false,
            );
        }
        let served = if current {
            Served::Checked
        } else {
            Served::Stale
        };
        (practice, served)
    }

    /// Reads session files `files` (name, stamp) on every core into their
    /// index lines (see [`Store::read_practice`]).
    fn read_lines(&self, files: &[(&str, Stamp)], judge: &dyn Judging) -> Vec<Result<String>> {
        let threads = std::thread::available_parallelism()
            .map_or(1, |n| n.get())
            .clamp(1, 8);
        let chunk = files.len().div_ceil(threads).max(1);
        let dir = self.sessions_dir();
        let dir = &dir;
        std::thread::scope(|scope| {
            let handles: Vec<_> = files
                .chunks(chunk)
                .map(|part| {
                    scope.spawn(move || {
                        part.iter()
                            .map(|(name, st)| self.read_line(&dir.join(name), name, *st, judge))
                            .collect::<Vec<_>>()
                    })
                })
                .collect();
            handles
                .into_iter()
                .flat_map(|h| h.join().unwrap_or_default())
                .collect()
        })
    }

    /// One session file's index line: straight from its bytes when it can
    /// be (see [`Store::read_practice`]), else from the full read, judged.
    fn read_line(&self, path: &Path, name: &str, st: Stamp, judge: &dyn Judging) -> Result<String> {
        if let Ok(bytes) = fs::read(path)
            && let Some(view) = SessionView::parse(&bytes)
            && view.ready(&|a| judge.key(a))
        {
            return Ok(line_of(name, st, &view));
        }
        let mut s = self.read_session(path)?;
        judge.refresh(&mut s);
        Ok(line_of(name, st, &SessionView::of(&s)))
    }

    fn sessions_dir(&self) -> std::path::PathBuf {
        self.dir().join(super::SESSIONS)
    }

    /// Writes the index (see [`write_index`]); refused on a read-only store.
    pub fn save_index(&self, history: &History, stamps: &Stamps, judge: u64) -> Result<()> {
        self.writable()?;
        write_index(self.dir(), history, stamps, judge)
    }
}

fn sort_sessions(sessions: &mut [Session]) {
    sessions.sort_by(|a, b| a.started_at.cmp(&b.started_at).then(a.id.cmp(&b.id)));
}

impl LineIn {
    fn name(&self) -> String {
        self.file
            .clone()
            .unwrap_or_else(|| format!("{}.json", self.session.id))
    }

    fn into_session(self) -> Session {
        debug_assert_eq!(size_of::<Summarised>(), size_of::<Answer>());
        // In place: a `Summarised` is laid out as its answer.
        let answers = self.answers.into_iter().map(|a| a.0).collect();
        self.session.into_session(answers)
    }
}

fn stamp(m: &fs::Metadata) -> Option<Stamp> {
    let t = m
        .modified()
        .ok()?
        .duration_since(std::time::UNIX_EPOCH)
        .ok()?;
    Some((m.len(), t.as_nanos() as u64))
}

/// Whether `dir` holds a data dir already (its lock file or sessions folder).
pub fn is_store(dir: &Path) -> bool {
    dir.join("lock").is_file() || dir.join(super::SESSIONS).is_dir()
}

/// Writes the index of data dir `dir` from a full `history` read after
/// `stamps` were taken (so a file changed meanwhile is seen as changed next
/// time), for the judge with fingerprint `judge`, whose cached judgements in
/// `history` must be current (`Judge::refresh_cache`): the summary takes
/// them as the interviewer's averages. A session is indexed under the file
/// named after its id. A cache: written with a rename and no sync, and not
/// at all when the index holds these bytes already. Only the instance
/// holding the store's lock may call it (the app does, from its history
/// thread, when it is the writer).
pub fn write_index(dir: &Path, history: &History, stamps: &Stamps, judge: u64) -> Result<()> {
    let by_file: HashMap<String, &Session> = history
        .sessions
        .iter()
        .map(|s| (format!("{}.json", s.id), s))
        .collect();
    let mut lines: Vec<(Order, String)> = stamps
        .files
        .iter()
        .filter_map(|(name, st)| {
            let s = by_file.get(name)?;
            let order = (s.started_at, Text::from(s.id.as_str()));
            Some((order, line_of(name, *st, &SessionView::of(s))))
        })
        .collect();
    lines.sort_by(|a, b| a.0.cmp(&b.0));
    write_lines(dir, stamps, judge, lines.iter().map(|l| l.1.as_str()), true)
}

/// Writes the index from its entry lines (without their newlines), in the
/// history's order, sealed by `stamps.folder` if the folder still has that
/// stamp. With `unless_same`, not at all when the file holds these bytes
/// already.
fn write_lines<'a>(
    dir: &Path,
    stamps: &Stamps,
    judge: u64,
    lines: impl Iterator<Item = &'a str>,
    unless_same: bool,
) -> Result<()> {
    let path = dir.join(INDEX);
    let io = |e| StoreError::io(&path, e);
    let folder = stamps
        .folder
        .filter(|f| FolderStamp::of(&dir.join(super::SESSIONS)) == Some(*f));
    let header = Header {
        index_version: INDEX_VERSION,
        schema_version: SCHEMA_VERSION,
        judge,
        folder,
    };
    let mut head = serde_json::to_vec(&header).map_err(|e| io(std::io::Error::other(e)))?;
    head.push(b'\n');
    if unless_same {
        let mut out = head;
        for l in lines {
            out.extend_from_slice(l.as_bytes());
            out.push(b'\n');
        }
        if fs::read(&path).is_ok_and(|old| old == out) {
            return Ok(());
        }
        return write_file(dir, &path, &mut std::iter::once(out.as_slice()));
    }
    let mut parts = std::iter::once(head.as_slice())
        .chain(lines.flat_map(|l| [l.as_bytes(), b"\n".as_slice()]));
    write_file(dir, &path, &mut parts)
}

/// Writes `parts` to the index at `path` through a temp file and a rename
/// (0600 like every file of the store: the index holds answer summaries).
fn write_file(dir: &Path, path: &Path, parts: &mut dyn Iterator<Item = &[u8]>) -> Result<()> {
    use std::io::Write as _;
    let io = |e| StoreError::io(path, e);
    let tmp = dir.join(format!(".{INDEX}.tmp"));
    let _ = fs::remove_file(&tmp);
    let mut opts = fs::OpenOptions::new();
    opts.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        opts.mode(0o600);
    }
    let mut out = std::io::BufWriter::with_capacity(1 << 20, opts.open(&tmp).map_err(io)?);
    let written = (|| {
        for p in parts {
            out.write_all(p)?;
        }
        out.flush()
    })();
    if let Err(e) = written {
        drop(out);
        let _ = fs::remove_file(&tmp);
        return Err(io(e));
    }
    drop(out);
    fs::rename(&tmp, path).map_err(io)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{SessionKind, Star};
    use chrono::{TimeZone, Utc};

    fn session(id: &str, words: &str) -> Session {
        let t = Utc.with_ymd_and_hms(2026, 1, 1, 9, 0, 0).unwrap();
        let mut s = Session::new(id.into(), SessionKind::Drill, t);
        s.answers.push(Answer {
            id: format!("{id}-a"),
            question_id: "own-outside-role".into(),
            question: "Tell me about a time…".into(),
            principles: vec!["ownership".into()],
            interviewer_id: None,
            interview_index: 0,
            star: Star {
                situation: words.into(),
                task: "I owned it.".into(),
                action: "I did it.".into(),
                result: "30% fewer pages.".into(),
            },
            parts: Vec::new(),
            part_names: Vec::new(),
            follow_ups: vec![FollowUp {
                probe: "Whose job?".into(),
                response: "Mine.".into(),
                signal: None,
            }],
            started_at: t,
            submitted_at: t,
            duration_secs: 60,
            time_limit_secs: 300,
            overtime_secs: 0,
            self_scores: [("ownership/beyond-scope".to_string(), 3u8)].into(),
            score_history: Vec::new(),
            analysis: Default::default(),
            story_id: None,
            notes: "private".into(),
            spoken: false,
            judged: Some(JudgedCache {
                key: 7,
                average: Some(2.5),
                signals: vec!["no-conflict".into()],
            }),
            summary_only: false,
        });
        s
    }

    #[test]
    fn the_index_summarises_and_a_changed_or_new_file_is_read_in_full() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        store
            .save_session(&session("s-1", "zanzibarite one"))
            .unwrap();
        store
            .save_session(&session("s-2", "zanzibarite two"))
            .unwrap();
        // No index yet: nothing to summarise from.
        assert!(store.load_summary(1).is_none());
        let stamps = store.session_stamps();
        assert!(stamps.folder.is_none(), "the folder changed just now");
        let full = store.load_history();
        store.save_index(&full, &stamps, 1).unwrap();

        let (sum, served) = store.load_summary(1).expect("a usable index");
        assert_eq!(served, Served::Checked, "unsealed: every file checked");
        assert_eq!(sum.sessions.len(), 2);
        let a = &sum.sessions[0].answers[0];
        assert!(a.summary_only && a.star.is_empty() && a.notes.is_empty());
        assert_eq!(a.judged.as_ref().unwrap().average, Some(2.5));
        assert_eq!(a.self_scores.len(), 1);
        // Another judge's index is not used.
        assert!(store.load_summary(2).is_none());

        // A session changed after the index was written, and a new one: both
        // are read from their files, in full.
        std::thread::sleep(std::time::Duration::from_millis(20));
        store
            .save_session(&session("s-2", "zanzibarite changed"))
            .unwrap();
        store
            .save_session(&session("s-3", "zanzibarite three"))
            .unwrap();
        let (sum, served) = store.load_summary(1).unwrap();
        assert_eq!(
            served,
            Served::Stale,
            "two files are not in the index as they are"
        );
        assert_eq!(sum.sessions.len(), 3);
        let by_id = |id: &str| sum.sessions.iter().find(|s| s.id == id).unwrap();
        assert!(by_id("s-1").answers[0].summary_only);
        assert_eq!(
            by_id("s-2").answers[0].star.situation,
            "zanzibarite changed"
        );
        assert!(!by_id("s-2").answers[0].summary_only);
        assert!(!by_id("s-3").answers[0].summary_only);
        // A deleted session file drops out; a corrupt index is ignored.
        fs::remove_file(store.session_path("s-1")).unwrap();
        assert_eq!(store.load_summary(1).unwrap().0.sessions.len(), 2);
        fs::write(dir.path().join(INDEX), b"{ not json").unwrap();
        assert!(store.load_summary(1).is_none());
        // The index never replaces a session file.
        assert_eq!(store.load_history().sessions.len(), 2);
    }

    #[test]
    fn only_the_writer_writes_the_index() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        store.save_session(&session("s-1", "words")).unwrap();
        let reader = Store::open_read_only(dir.path());
        let stamps = reader.session_stamps();
        assert!(
            reader
                .save_index(&reader.load_history(), &stamps, 1)
                .is_err()
        );
        assert!(!dir.path().join(INDEX).exists());
    }

    #[test]
    fn a_folder_is_settled_only_two_seconds_after_it_changed() {
        let dir = tempfile::tempdir().unwrap();
        let f = FolderStamp::of(dir.path()).expect("a stamp");
        let now = SystemTime::now();
        assert!(!f.settled(now), "just created");
        assert!(f.settled(now + SETTLED + Duration::from_millis(10)));
        assert!(!f.settled(now - Duration::from_secs(60)), "in the future");
    }
}
