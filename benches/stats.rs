//! `stats --json` at 10,000 stored answers (1,000 sessions of 10), beside
//! what the home screen does with the same history (issue 21: under 100 ms).
//! The answers are saved with their judgement cached, as the app saves
//! them and as `import` now does, so neither re-judges a word:
//!
//! - `stats_json_10000_answers/no_index`: no summary index (deleted before
//!   each call): every session file is read, the levels come from the
//!   cached judgements, and the index is written for the next call (as
//!   `import` and the app write it);
//! - `stats_json_10000_answers/with_index`: the summary index, sealed by
//!   the sessions folder's stamp (every call after the first, once the
//!   folder has stood unchanged for 2 s): no session file is looked at;
//! - `stats_json_10000_answers/with_index_checked`: the same index while
//!   the folder has just changed (a file created and removed there before
//!   each call): every session file's stamp is checked against its entry;
//! - `home_progress_10000_answers`: home's summary and progress from the
//!   same index, for comparison.
//!
//! `cargo bench --bench stats -- --warm-up-time 1 --measurement-time 3`

use chrono::{DateTime, Utc};
use criterion::{Criterion, criterion_group, criterion_main};
use loopdrill::store::{AnalysisRecord, Answer, FollowUp, Session, SessionKind, Star, Store};
use std::collections::BTreeMap;
use std::hint::black_box;

fn ts(secs: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(secs, 0).expect("valid timestamp")
}

/// An answer of about 300 words, its words differing with `n`.
fn answer(n: usize) -> Answer {
    let t = ts(1_750_000_000 + n as i64 * 400);
    let say = |s: &str, k: usize| {
        let mut out = String::new();
        for i in 0..k {
            out.push_str(s);
            out.push_str(&format!(" {} ", (n + i) % 97));
        }
        out
    };
    Answer {
        id: format!("a-{n}"),
        question_id: "own-outside-role".into(),
        question: "Tell me about a time you picked up something that was clearly not your job."
            .into(),
        principles: vec!["ownership".into()],
        interviewer_id: None,
        interview_index: 0,
        star: Star {
            situation: say(
                "Our billing export failed every night and no team owned it",
                4,
            ),
            task: say(
                "I decided to own the fix although it was not my team's service",
                3,
            ),
            action: say(
                "I traced the failures myself, wrote the runbook and paged the owners",
                12,
            ),
            result: say("Failures fell from 9 a week to 0 within 3 weeks", 4),
        },
        parts: Vec::new(),
        part_names: Vec::new(),
        follow_ups: vec![FollowUp {
            probe: "Whose job was it, formally?".into(),
            response: say("The platform team's, and I told their manager first", 2),
            signal: None,
        }],
        started_at: t,
        submitted_at: t + chrono::Duration::seconds(330),
        duration_secs: 330,
        time_limit_secs: 360,
        overtime_secs: 0,
        self_scores: BTreeMap::from([("ownership/beyond-scope".to_string(), 3u8)]),
        score_history: Vec::new(),
        analysis: AnalysisRecord {
            words: 300,
            i_count: 20,
            we_count: 2,
            numbers_in_result: 2,
            speaking_secs: 0,
            signals: Vec::new(),
        },
        story_id: None,
        notes: String::new(),
        spoken: false,
        judged: None,
        summary_only: false,
    }
}

fn bench_stats(c: &mut Criterion) {
    let content = loopdrill::content::load_layered(&[]).expect("built-in content");
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = tmp.path();
    let mut sessions: Vec<Session> = (0..1_000)
        .map(|k| {
            let mut s = Session::new(
                format!("s-{k:04}"),
                SessionKind::Drill,
                ts(1_700_000_000 + k as i64 * 3_600),
            );
            s.answers = (0..10).map(|a| answer(k * 10 + a)).collect();
            s
        })
        .collect();
    loopdrill::commands::cache_judgements(&content, &mut sessions);
    {
        let store = Store::open(dir).expect("open");
        store.save_sessions(&sessions, &mut |_| {}).expect("save");
    }
    let now = ts(1_800_000_000);
    let mut g = c.benchmark_group("stats_json_10000_answers");
    g.sample_size(20);
    g.bench_function("no_index", |b| {
        b.iter_batched(
            || {
                let _ = std::fs::remove_file(dir.join("index.json"));
            },
            |()| {
                let (text, warnings) =
                    loopdrill::commands::stats_report(dir, &content, true, now).expect("stats");
                assert!(warnings.is_empty());
                black_box(text)
            },
            criterion::BatchSize::PerIteration,
        )
    });
    // Once the folder has stood unchanged long enough, a call seals the
    // index (whatever the no_index runs left).
    std::thread::sleep(loopdrill::store::index::SETTLED);
    let _ = loopdrill::commands::stats_report(dir, &content, true, now).expect("stats");
    let ids: Vec<&str> = content.principles.iter().map(|p| p.id.as_str()).collect();
    let index_judge = loopdrill::practice::judge::IndexJudge::new(&content);
    let served = Store::open_read_only(dir)
        .read_practice(&index_judge, &ids, || None)
        .1;
    assert_eq!(served, loopdrill::store::index::Served::Sealed);
    let judge = loopdrill::practice::judge::Judge::new(&content);
    g.bench_function("with_index", |b| {
        b.iter(|| {
            let (text, _) =
                loopdrill::commands::stats_report(dir, &content, true, now).expect("stats");
            black_box(text)
        })
    });
    let touch = dir.join("sessions").join(".bench-touch.json.tmp");
    g.bench_function("with_index_checked", |b| {
        b.iter_batched(
            || {
                std::fs::write(&touch, b"").expect("touch");
                std::fs::remove_file(&touch).expect("untouch");
            },
            |()| {
                let (text, _) =
                    loopdrill::commands::stats_report(dir, &content, true, now).expect("stats");
                black_box(text)
            },
            criterion::BatchSize::PerIteration,
        )
    });
    g.finish();
    c.bench_function("home_progress_10000_answers", |b| {
        b.iter(|| {
            let store = Store::open_read_only(dir);
            let (mut h, _) = store.load_summary(judge.fingerprint()).expect("index");
            for s in &mut h.sessions {
                judge.refresh_cache(s);
            }
            black_box(loopdrill::practice::progress::progress(
                &h.sessions,
                &content,
                now,
            ))
        })
    });
}

criterion_group!(benches, bench_stats);
criterion_main!(benches);
