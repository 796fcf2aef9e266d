//! Issue 12: importing 1,000 sessions (10 answers each, about 30 MB of JSON)
//! into an empty data dir, in under 1 s, every file still atomic.
//!
//! `batch` is what `loopdrill import` does (parse the export, then
//! `export::import`: all temp files, fsyncs together, renames, one folder
//! fsync); `one_save_per_session` is the way it was done before (parse, then
//! `Store::save_session` for each: two fsyncs per file), kept as the
//! comparison.
//!
//! `cargo bench --bench import`

use chrono::{DateTime, Utc};
use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use loopdrill::store::{AnalysisRecord, Answer, Session, SessionKind, Star, Store, export};
use std::collections::BTreeMap;
use std::hint::black_box;
use std::time::Duration;

const SESSIONS: usize = 1000;
const ANSWERS: usize = 10;

fn ts(secs: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(secs, 0).expect("valid timestamp")
}

/// An answer of about 350 words.
fn answer(n: usize, t: DateTime<Utc>) -> Answer {
    let words = |w: &str, k: usize| vec![w; k].join(" ");
    Answer {
        id: format!("a-{n}"),
        question_id: "own-gap-between-two-teams".into(),
        question: "Tell me about a time you closed a gap between two teams.".into(),
        principles: vec!["ownership".into()],
        interviewer_id: None,
        interview_index: 0,
        star: Star {
            situation: words("situation", 60),
            task: words("task", 40),
            action: words("action", 180),
            result: words("result", 70),
        },
        parts: Vec::new(),
        part_names: Vec::new(),
        follow_ups: Vec::new(),
        started_at: t,
        submitted_at: t + chrono::Duration::seconds(330),
        duration_secs: 330,
        time_limit_secs: 360,
        overtime_secs: 0,
        self_scores: BTreeMap::from([("ownership/beyond-scope".to_string(), 3u8)]),
        score_history: Vec::new(),
        analysis: AnalysisRecord {
            words: 350,
            i_count: 10,
            we_count: 2,
            numbers_in_result: 1,
            speaking_secs: 180,
            signals: vec![],
        },
        story_id: None,
        notes: String::new(),
        spoken: false,
        judged: None,
        summary_only: false,
    }
}

fn export_text() -> String {
    let sessions: Vec<Session> = (0..SESSIONS)
        .map(|i| {
            let t0 = ts(1_700_000_000 + i as i64 * 3600);
            let mut s = Session::new(format!("s-{i:04}"), SessionKind::Drill, t0);
            s.answers = (0..ANSWERS)
                .map(|k| answer(k, t0 + chrono::Duration::seconds(k as i64 * 400)))
                .collect();
            s
        })
        .collect();
    export::Export::new(sessions, vec![]).to_json()
}

fn empty_store() -> (tempfile::TempDir, Store) {
    // Under target/ (the disk the data dir would be on), not a tmpfs /tmp.
    let base = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench-import");
    std::fs::create_dir_all(&base).expect("bench dir");
    let tmp = tempfile::tempdir_in(&base).expect("temp dir");
    let store = Store::open(tmp.path()).expect("open");
    (tmp, store)
}

fn bench(c: &mut Criterion) {
    let text = export_text();
    let mut g = c.benchmark_group("import_1000_sessions");
    g.sample_size(10);
    g.measurement_time(Duration::from_secs(20));
    g.warm_up_time(Duration::from_secs(2));
    g.bench_function("batch", |b| {
        b.iter_batched(
            empty_store,
            |(tmp, store)| {
                let e = export::parse_export(black_box(&text), "bench.json").expect("parse");
                let r = export::import(&store, &e).expect("import");
                assert_eq!(r.sessions_added, SESSIONS);
                (tmp, store)
            },
            BatchSize::PerIteration,
        );
    });
    g.bench_function("parse_only", |b| {
        b.iter(|| export::parse_export(black_box(&text), "bench.json").expect("parse"));
    });
    g.bench_function("one_save_per_session", |b| {
        b.iter_batched(
            empty_store,
            |(tmp, store)| {
                let e = export::parse_export(black_box(&text), "bench.json").expect("parse");
                for s in &e.sessions {
                    store.save_session(s).expect("save");
                }
                (tmp, store)
            },
            BatchSize::PerIteration,
        );
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
