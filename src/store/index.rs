//! A compact summary of the stored sessions, kept beside them in
//! `index.json`, so the home screen can show progress before every session
//! file is read and parsed.
//!
//! Never the source of truth. Each entry carries the size and modification
//! time of the session file it summarises, taken before that file was read;
//! an entry that does not match its file, or a file with no entry, is read
//! from the file itself. The whole index is ignored when it was written by
//! another judge (its cached judgements would be stale), is unreadable, or
//! is of another index version. Only the instance that holds the store's
//! lock writes it, atomically, after it has read the full history.

use super::{Answer, FollowUp, History, JudgedCache, Result, SCHEMA_VERSION, Session, Store};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};

pub const INDEX: &str = "index.json";
/// Bumped when the index's shape or what a summary keeps changes.
const INDEX_VERSION: u32 = 2;

/// A session file's stamp: its length and modification time (ns).
pub type Stamp = (u64, u64);

/// The index's first line; each line after it is one [`Entry`] (JSON
/// lines, so the entries can be parsed on every core).
#[derive(Serialize, Deserialize)]
struct Header {
    index_version: u32,
    schema_version: u32,
    /// The fingerprint of the judge whose judgements are cached.
    judge: u64,
}

/// One session file's line: its stamp, the session without its answers,
/// and a [`Brief`] of each answer (short keys, empty fields left out: the
/// index is read before every start's first view of progress). Written
/// with [`Brief`]s, read as [`Summarised`] answers.
#[derive(Serialize, Deserialize)]
struct Entry<A> {
    #[serde(rename = "f")]
    file: String,
    #[serde(rename = "l")]
    len: u64,
    #[serde(rename = "m")]
    modified_ns: u64,
    #[serde(rename = "s")]
    session: Session,
    #[serde(rename = "a", default = "Vec::new")]
    answers: Vec<A>,
}

/// An index line as read.
type Read = Entry<Summarised>;

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

/// What the summary keeps of an answer: no words typed, no question text,
/// no analysis (see [`summarise`]).
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
fn present<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> std::result::Result<Option<Option<f64>>, D::Error> {
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

impl Brief {
    fn of(a: &Answer) -> Brief {
        Brief {
            id: a.id.clone(),
            question_id: a.question_id.clone(),
            principles: a.principles.clone(),
            interviewer_id: a.interviewer_id.clone(),
            interview_index: a.interview_index as u64,
            parts: a.parts.len() as u64,
            part_names: a.part_names.clone(),
            follow_ups: a.follow_ups.iter().map(|f| f.signal.clone()).collect(),
            started_at: a.started_at,
            submitted_at: a.submitted_at,
            duration_secs: a.duration_secs,
            time_limit_secs: a.time_limit_secs,
            overtime_secs: a.overtime_secs,
            self_scores: a.self_scores.clone(),
            story_id: a.story_id.clone(),
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

impl Entry<Summarised> {
    fn into_session(self) -> Session {
        debug_assert_eq!(size_of::<Summarised>(), size_of::<Answer>());
        let mut s = self.session;
        // In place: a `Summarised` is laid out as its answer.
        s.answers = self.answers.into_iter().map(|a| a.0).collect();
        s
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

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default()
}

/// The index's entries, parsed on every core; `None` when the index is
/// missing, unreadable, of another version or judge, or has one bad line.
fn read_entries(path: &Path, judge: u64) -> Option<Vec<Read>> {
    let bytes = fs::read(path).ok()?;
    let text = std::str::from_utf8(&bytes).ok()?;
    let mut lines = text.lines();
    let header: Header = serde_json::from_str(lines.next()?).ok()?;
    if header.index_version != INDEX_VERSION
        || header.schema_version != SCHEMA_VERSION
        || header.judge != judge
    {
        return None;
    }
    let lines: Vec<&str> = lines.filter(|l| !l.trim().is_empty()).collect();
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, 8);
    let chunk = lines.len().div_ceil(threads).max(1);
    let parsed: Vec<Option<Vec<Read>>> = std::thread::scope(|scope| {
        let handles: Vec<_> = lines
            .chunks(chunk)
            .map(|part| {
                scope.spawn(move || {
                    part.iter()
                        .map(|l| serde_json::from_str::<Read>(l).ok())
                        .collect::<Option<Vec<Read>>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().ok().flatten())
            .collect()
    });
    // One bad line and the index is not trusted at all.
    Some(
        parsed
            .into_iter()
            .collect::<Option<Vec<Vec<Read>>>>()?
            .into_iter()
            .flatten()
            .collect(),
    )
}

fn entry(file: String, (len, modified_ns): Stamp, s: &Session) -> Entry<Brief> {
    let session = Session {
        schema_version: s.schema_version,
        id: s.id.clone(),
        kind: s.kind,
        template: s.template.clone(),
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
        answers: Vec::new(),
        debrief: s.debrief.clone(),
        writing: s.writing.clone().map(|mut w| {
            w.text.clear();
            w
        }),
        ai: Vec::new(),
    };
    Entry {
        file,
        len,
        modified_ns,
        session,
        answers: s.answers.iter().map(Brief::of).collect(),
    }
}

/// Whether `dir` holds a data dir already (its lock file or sessions folder).
pub fn is_store(dir: &Path) -> bool {
    dir.join("lock").is_file() || dir.join("sessions").is_dir()
}

impl Store {
    /// The session files with their stamps, in file-name order.
    pub fn session_stamps(&self) -> Vec<(PathBuf, Stamp)> {
        // Each entry's metadata is read relative to the open folder.
        let mut out: Vec<(PathBuf, Stamp)> = self
            .session_entries()
            .filter_map(|e| {
                let st = stamp(&e.metadata().ok()?)?;
                Some((e.path(), st))
            })
            .collect();
        out.sort();
        out
    }

    /// The history as the index summarises it, with the sessions whose
    /// files changed since read in full, and whether the index was current
    /// (no file changed, came or went); `None` when there is no usable index
    /// (then the full history is the only way).
    pub fn load_summary(&self, judge: u64) -> Option<(History, bool)> {
        // The files are stamped on one thread while the index is read and
        // parsed on the others.
        let (entries, stamps) = std::thread::scope(|scope| {
            let stamping = scope.spawn(|| self.session_stamps());
            let entries = read_entries(&self.dir().join(INDEX), judge);
            (entries, stamping.join().unwrap_or_default())
        });
        let entries = entries?;
        let mut by_file: HashMap<String, Read> =
            entries.into_iter().map(|e| (e.file.clone(), e)).collect();
        let mut history = History::default();
        let mut current = true;
        for (path, st) in stamps {
            match by_file.remove(&file_name(&path)) {
                Some(e) if (e.len, e.modified_ns) == st => history.sessions.push(e.into_session()),
                _ => {
                    current = false;
                    match self.read_session(&path) {
                        Ok(s) => history.sessions.push(s),
                        Err(e) => history.problems.push(e),
                    }
                }
            }
        }
        current &= by_file.is_empty();
        history
            .sessions
            .sort_by(|a, b| a.started_at.cmp(&b.started_at).then(a.id.cmp(&b.id)));
        Some((history, current))
    }

    /// Writes the index (see [`write_index`]); refused on a read-only store.
    pub fn save_index(
        &self,
        history: &History,
        stamps: &[(PathBuf, Stamp)],
        judge: u64,
    ) -> Result<()> {
        self.writable()?;
        write_index(self.dir(), history, stamps, judge)
    }
}

/// Writes the index of data dir `dir` from a full `history` read after
/// `stamps` were taken (so a file changed meanwhile is seen as changed next
/// time), for the judge with fingerprint `judge`, whose cached judgements in
/// `history` must be current (`Judge::refresh_cache`): the summary takes
/// them as the interviewer's averages. A cache: written with a
/// rename and no sync. Only the instance holding the store's lock may call
/// it (the app does, from its history thread, when it is the writer).
pub fn write_index(
    dir: &Path,
    history: &History,
    stamps: &[(PathBuf, Stamp)],
    judge: u64,
) -> Result<()> {
    let by_id: HashMap<&str, &Session> = history
        .sessions
        .iter()
        .map(|s| (s.id.as_str(), s))
        .collect();
    let header = Header {
        index_version: INDEX_VERSION,
        schema_version: SCHEMA_VERSION,
        judge,
    };
    let mut out = Vec::new();
    let enc =
        |e: serde_json::Error| super::StoreError::io(&dir.join(INDEX), std::io::Error::other(e));
    serde_json::to_writer(&mut out, &header).map_err(enc)?;
    out.push(b'\n');
    for (path, (len, modified_ns)) in stamps {
        let file = file_name(path);
        let Some(s) = file.strip_suffix(".json").and_then(|id| by_id.get(id)) else {
            continue;
        };
        serde_json::to_writer(&mut out, &entry(file, (*len, *modified_ns), s)).map_err(enc)?;
        out.push(b'\n');
    }
    let path = dir.join(INDEX);
    let tmp = dir.join(format!(".{INDEX}.tmp"));
    let io = |e| super::StoreError::io(&path, e);
    // 0600 like every file of the store (the index holds answer summaries).
    let _ = fs::remove_file(&tmp);
    let mut opts = fs::OpenOptions::new();
    opts.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        opts.mode(0o600);
    }
    std::io::Write::write_all(&mut opts.open(&tmp).map_err(io)?, &out).map_err(io)?;
    fs::rename(&tmp, &path).map_err(io)
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
        let full = store.load_history();
        store.save_index(&full, &stamps, 1).unwrap();

        let (sum, current) = store.load_summary(1).expect("a usable index");
        assert!(current);
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
        let (sum, current) = store.load_summary(1).unwrap();
        assert!(!current, "two files are not in the index as they are");
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
}
