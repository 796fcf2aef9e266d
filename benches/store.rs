//! SPEC target: saving an answer with 10,000 stored sessions, under 5 ms and
//! no slower than with 10. Sessions are written once into a temp dir; each
//! iteration saves the session in progress with one new answer appended.
//!
//! `cargo bench --bench store -- --warm-up-time 1 --measurement-time 3`

use chrono::{DateTime, Utc};
use criterion::{BatchSize, BenchmarkId, Criterion, criterion_group, criterion_main};
use loopdrill::store::{AnalysisRecord, Answer, FollowUp, Session, SessionKind, Star, Store};
use std::collections::BTreeMap;
use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

fn ts(secs: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(secs, 0).expect("valid timestamp")
}

/// A realistic answer: about 350 words of STAR text, a follow-up, scores.
fn answer(n: usize) -> Answer {
    let words = |w: &str, k: usize| vec![w; k].join(" ");
    let t = ts(1_750_000_000 + n as i64 * 400);
    Answer {
        id: format!("a-{n}"),
        question_id: "own-outside-role".into(),
        question: "Tell me about a time you picked up something that was clearly not your job."
            .into(),
        principles: vec!["ownership".into(), "bias-for-action".into()],
        interviewer_id: Some("hiring-manager".into()),
        interview_index: n % 6,
        star: Star {
            situation: words("situation", 60),
            task: words("task", 40),
            action: words("action", 180),
            result: words("result", 70),
        },
        parts: Vec::new(),
        part_names: Vec::new(),
        follow_ups: vec![FollowUp {
            probe: "Whose job was it, formally?".into(),
            response: words("response", 50),
            signal: Some("we-over-i".into()),
        }],
        started_at: t,
        submitted_at: t + chrono::Duration::seconds(330),
        duration_secs: 330,
        time_limit_secs: 360,
        overtime_secs: 0,
        self_scores: BTreeMap::from([
            ("ownership/beyond-scope".to_string(), 3u8),
            ("ownership/long-term-view".to_string(), 2u8),
            ("star-delivery/structure".to_string(), 3u8),
        ]),
        score_history: Vec::new(),
        analysis: AnalysisRecord {
            words: 400,
            i_count: 20,
            we_count: 6,
            numbers_in_result: 2,
            speaking_secs: 180,
            signals: vec!["no-conflict".into()],
        },
        story_id: None,
        notes: String::new(),
        spoken: false,
        judged: None,
        summary_only: false,
    }
}

fn session(id: String, answers: usize) -> Session {
    let mut s = Session::new(id, SessionKind::Drill, ts(1_700_000_000));
    s.answers = (0..answers).map(answer).collect();
    s
}

/// `count` past sessions of one answer each, written directly (no fsync:
/// this is set-up, not what is measured).
fn populate(dir: &Path, count: usize) {
    let store = Store::open(dir).expect("open");
    let template = serde_json::to_vec_pretty(&session("x".into(), 1)).expect("encode");
    let text = String::from_utf8(template).expect("utf-8");
    for i in 0..count {
        let id = format!("past-{i:05}");
        let path = store.session_path(&id);
        std::fs::write(
            &path,
            text.replacen("\"id\": \"x\"", &format!("\"id\": \"{id}\""), 1),
        )
        .expect("write");
    }
}

/// A data dir holding `count` past sessions plus the loop in progress.
struct Fixture {
    _tmp: tempfile::TempDir,
    store: Store,
    count: usize,
}

fn fixture(count: usize, current: &Session) -> Fixture {
    let tmp = tempfile::tempdir().expect("temp dir");
    populate(tmp.path(), count);
    let store = Store::open(tmp.path()).expect("open");
    store.save_session(current).expect("save");
    let stored = std::fs::read_dir(tmp.path().join("sessions"))
        .expect("read dir")
        .count();
    assert_eq!(stored, count + 1);
    Fixture {
        _tmp: tmp,
        store,
        count,
    }
}

/// The loop in progress with one new answer appended.
fn with_new_answer(current: &Session) -> Session {
    let mut s = current.clone();
    s.answers.push(answer(current.answers.len()));
    s
}

/// Saves alternately into the two data dirs and prints the median of each
/// and their ratio: on a noisy machine (saving is fsync-bound) the ratio of
/// interleaved runs is steadier than two separate measurements.
fn paired_ratio(small: &Fixture, large: &Fixture, current: &Session) {
    const ROUNDS: usize = 400;
    let mut times = [Vec::with_capacity(ROUNDS), Vec::with_capacity(ROUNDS)];
    for i in 0..ROUNDS {
        let order = if i % 2 == 0 { [0, 1] } else { [1, 0] };
        for k in order {
            let f = if k == 0 { small } else { large };
            let s = with_new_answer(current);
            let t = Instant::now();
            f.store.save_session(black_box(&s)).expect("save");
            times[k].push(t.elapsed());
        }
    }
    let median = |v: &mut Vec<Duration>| {
        v.sort();
        v[v.len() / 2]
    };
    let (a, b) = (median(&mut times[0]), median(&mut times[1]));
    eprintln!(
        "interleaved medians over {ROUNDS} saves each: {} sessions {a:.2?}, {} sessions {b:.2?}, ratio {:.2}",
        small.count,
        large.count,
        b.as_secs_f64() / a.as_secs_f64()
    );
}

fn bench_save_answer(c: &mut Criterion) {
    // A loop in progress: 8 answers so far.
    let current = session("current-loop".into(), 8);
    let fixtures = [fixture(10, &current), fixture(10_000, &current)];

    let mut g = c.benchmark_group("save_answer");
    for f in &fixtures {
        g.bench_with_input(BenchmarkId::new("stored_sessions", f.count), f, |b, f| {
            b.iter_batched(
                || with_new_answer(&current),
                |s| f.store.save_session(black_box(&s)).expect("save"),
                BatchSize::SmallInput,
            )
        });
    }
    g.finish();

    // Only under `cargo bench`, not when `cargo test` runs benches once.
    if std::env::args().any(|a| a == "--bench") {
        paired_ratio(&fixtures[0], &fixtures[1], &current);
    }
}

criterion_group!(benches, bench_save_answer);
criterion_main!(benches);
