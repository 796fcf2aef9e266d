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

use super::{History, Result, SCHEMA_VERSION, Session, Store};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};

pub const INDEX: &str = "index.json";
/// Bumped when the index's shape or what a summary keeps changes.
const INDEX_VERSION: u32 = 1;

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

#[derive(Serialize, Deserialize)]
struct Entry {
    file: String,
    len: u64,
    modified_ns: u64,
    session: Session,
}

fn stamp(path: &Path) -> Option<Stamp> {
    let m = fs::metadata(path).ok()?;
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

/// The session without the words typed in it (STAR parts, fields, replies,
/// notes, writing): what the home screen needs. Its answers keep their
/// cached judgement and are marked `summary_only`.
pub fn summarise(s: &Session) -> Session {
    let mut out = s.clone();
    for a in &mut out.answers {
        a.star = Default::default();
        a.parts.iter_mut().for_each(String::clear);
        for f in &mut a.follow_ups {
            f.probe.clear();
            f.response.clear();
        }
        a.notes.clear();
        // Read elsewhere from the content by id, or only from full answers.
        a.question.clear();
        a.score_history.clear();
        a.analysis = Default::default();
        if let Some(j) = &mut a.judged {
            j.key = 0;
        }
        a.summary_only = true;
    }
    if let Some(w) = &mut out.writing {
        w.text.clear();
    }
    for iv in &mut out.interviews {
        iv.candidate_questions.clear();
    }
    out
}

impl Store {
    /// The session files with their stamps, in file-name order.
    pub fn session_stamps(&self) -> Vec<(PathBuf, Stamp)> {
        let mut out: Vec<(PathBuf, Stamp)> = self
            .session_files()
            .into_iter()
            .filter_map(|p| stamp(&p).map(|s| (p, s)))
            .collect();
        out.sort();
        out
    }

    /// The history as the index summarises it, with the sessions whose
    /// files changed since read in full, and whether the index was current
    /// (no file changed, came or went); `None` when there is no usable index
    /// (then the full history is the only way).
    pub fn load_summary(&self, judge: u64) -> Option<(History, bool)> {
        let bytes = fs::read(self.dir().join(INDEX)).ok()?;
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
        let parsed: Vec<Option<Vec<Entry>>> = std::thread::scope(|scope| {
            let handles: Vec<_> = lines
                .chunks(chunk)
                .map(|part| {
                    scope.spawn(move || {
                        part.iter()
                            .map(|l| serde_json::from_str::<Entry>(l).ok())
                            .collect::<Option<Vec<Entry>>>()
                    })
                })
                .collect();
            handles
                .into_iter()
                .map(|h| h.join().ok().flatten())
                .collect()
        });
        // One bad line and the index is not trusted at all.
        let entries: Vec<Entry> = parsed
            .into_iter()
            .collect::<Option<Vec<Vec<Entry>>>>()?
            .into_iter()
            .flatten()
            .collect();
        let mut by_file: HashMap<String, Entry> =
            entries.into_iter().map(|e| (e.file.clone(), e)).collect();
        let mut history = History::default();
        let mut current = true;
        for (path, st) in self.session_stamps() {
            match by_file.remove(&file_name(&path)) {
                Some(e) if (e.len, e.modified_ns) == st => history.sessions.push(e.session),
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
/// time), for the judge with fingerprint `judge`. A cache: written with a
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
        let entry = Entry {
            file,
            len: *len,
            modified_ns: *modified_ns,
            session: summarise(s),
        };
        serde_json::to_writer(&mut out, &entry).map_err(enc)?;
        out.push(b'\n');
    }
    let path = dir.join(INDEX);
    let tmp = dir.join(format!(".{INDEX}.tmp"));
    let io = |e| super::StoreError::io(&path, e);
    fs::write(&tmp, out).map_err(io)?;
    fs::rename(&tmp, &path).map_err(io)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{Answer, FollowUp, JudgedCache, SessionKind, Star};
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
