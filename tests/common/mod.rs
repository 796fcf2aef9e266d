//! Helpers shared by the store tests: sample sessions, stories and drafts,
//! and a small seeded generator (deterministic, no dependency).
#![allow(dead_code)]

use chrono::{DateTime, Utc};
use loopdrill::store::{
    AnalysisRecord, Answer, Draft, DraftStep, FollowUp, SCHEMA_VERSION, Session, SessionKind, Star,
    Story, StoryBank,
};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub fn ts(secs: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(secs, 0).expect("valid timestamp")
}

/// Answer number `n` of a session: its id is `a-{n}`, so a test can tell
/// which answers are present and in what order.
pub fn answer(n: usize, filler: &str) -> Answer {
    let t = ts(1_750_000_000 + n as i64 * 60);
    Answer {
        id: format!("a-{n}"),
        question_id: "own-outside-role".into(),
        question: "Tell me about a time you picked up something that was not your job.".into(),
        principles: vec!["ownership".into(), "bias-for-action".into()],
        interviewer_id: Some("hiring-manager".into()),
        interview_index: 0,
        star: Star {
            situation: format!("Situation {n}: {filler}"),
            task: format!("Task {n}"),
            action: format!("Action {n}: I did it. {filler}"),
            result: format!("Result {n}: 30% fewer pages in 6 weeks."),
        },
        parts: Vec::new(),
        part_names: Vec::new(),
        follow_ups: vec![FollowUp {
            probe: "Whose job was it, formally?".into(),
            response: format!("Response {n}"),
            signal: Some("we-over-i".into()),
        }],
        started_at: t,
        submitted_at: t + chrono::Duration::seconds(300),
        duration_secs: 300,
        time_limit_secs: 360,
        overtime_secs: 0,
        self_scores: BTreeMap::from([("ownership/beyond-scope".to_string(), 3u8)]),
        score_history: Vec::new(),
        analysis: AnalysisRecord {
            words: 250,
            i_count: 12,
            we_count: 3,
            numbers_in_result: 2,
            speaking_secs: 110,
            signals: vec!["no-conflict".into()],
        },
        story_id: None,
        notes: String::new(),
        spoken: false,
        judged: None,
        summary_only: false,
    }
}

/// A drill session with `answers` answers.
pub fn session(id: &str, started: i64, answers: usize) -> Session {
    let mut s = Session::new(id.to_string(), SessionKind::Drill, ts(started));
    s.answers = (0..answers).map(|n| answer(n, "filler")).collect();
    s
}

pub fn story(n: usize) -> Story {
    Story {
        id: format!("story-{n}"),
        title: format!("Story {n}"),
        summary: "Took over a stalled migration and landed it.".into(),
        star: Star::default(),
        principles: vec!["ownership".into()],
        metric: "-40% cost".into(),
        created_at: ts(1_750_000_000),
        updated_at: ts(1_750_000_000 + n as i64),
    }
}

pub fn bank(stories: usize) -> StoryBank {
    StoryBank {
        schema_version: SCHEMA_VERSION,
        stories: (0..stories).map(story).collect(),
    }
}

pub fn draft(counter: u64) -> Draft {
    Draft {
        schema_version: SCHEMA_VERSION,
        session_id: "crash-a".into(),
        interview_index: 0,
        question_index: 1,
        question_id: "own-outside-role".into(),
        step: DraftStep::Answer,
        fields: vec![
            format!("draft {counter}"),
            "task".into(),
            "action".into(),
            String::new(),
        ],
        elapsed_secs: counter,
        saved_at: ts(1_750_000_000),
        focus: 0,
    }
}

/// Every file under `dir`, recursively.
pub fn all_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).expect("read dir").flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

/// SplitMix64: a tiny seeded generator, so kill timings are reproducible.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform-ish in `lo..hi` (hi exclusive, hi > lo).
    pub fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.next_u64() % (hi - lo)
    }
}

/// Opens the store in `dir` as its writer once the lock is free. Another
/// test in the same binary may spawn the app while this test holds the
/// lock: the child shares the lock's open file until it execs, so the lock
/// can outlive this test's own handle for a moment.
pub fn open_writer(dir: &Path) -> loopdrill::store::Store {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
    loop {
        match loopdrill::store::Store::open(dir) {
            Err(loopdrill::store::StoreError::Locked { .. })
                if std::time::Instant::now() < deadline =>
            {
                std::thread::sleep(std::time::Duration::from_millis(20));
            }
            other => return other.unwrap(),
        }
    }
}
