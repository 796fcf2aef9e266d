//! The judge's speed targets (issue: evidence-based judge):
//! - judging one answer of 1,500 words: under 2 ms;
//! - stats, trends and the due queue over 10,000 stored answers: under
//!   200 ms with the cached judgements answers are saved with; judging all
//!   10,000 again (a new judge version) is measured too.
//!
//! Run: `cargo bench --bench judge`

use chrono::{TimeZone, Utc};
use criterion::{Criterion, criterion_group, criterion_main};
use loopdrill::content::load_layered;
use loopdrill::practice::judge::Judge;
use loopdrill::practice::progress::progress;
use loopdrill::store::{
    AnalysisRecord, Answer, FollowUp, InterviewRecord, Session, SessionKind, Star,
};
use std::hint::black_box;

/// About 1,500 words: a real answer's sentences, repeated.
fn long_star() -> Star {
    let action = "I pulled the raw rack inventory myself and found that the join dropped every rack moved between regions. The network lead pushed back because his team was short two engineers, so I agreed to carry the on-call for one quarter in exchange for his sign-off. I wrote the runbook, ran the cutover on a Friday with a rollback ready, and tracked the reconciliation every morning for three weeks. ";
    Star {
        situation: "In March 2024 our fleet dashboard under-counted racks in three regions, and the EC2 capacity planners ordered against numbers that were a week old. ".repeat(8),
        task: "I owned the data pipeline and the fix, and the go/no-go on the cutover.".into(),
        action: action.repeat(20),
        result: "Coverage went from 91% to 100% in 3 weeks, forecast error fell from 9% to 3%, and we avoided a $380,000 mis-order. Since then every feed has an owner and an alarm.".into(),
    }
}

fn sessions(n_sessions: usize, per: usize) -> Vec<Session> {
    let t0 = Utc.with_ymd_and_hms(2025, 1, 1, 8, 0, 0).unwrap();
    let content = load_layered(&[]).unwrap();
    let ids: Vec<String> = content.questions.iter().map(|q| q.id.clone()).collect();
    (0..n_sessions)
        .map(|s| {
            let t = t0 + chrono::Duration::hours(s as i64);
            let mut session = Session::new(format!("bench-{s:05}"), SessionKind::Drill, t);
            session.interviews.push(InterviewRecord::default());
            for a in 0..per {
                let q = content.question(&ids[(s * per + a) % ids.len()]).unwrap();
                session.answers.push(Answer {
                    id: format!("a-{s}-{a}"),
                    question_id: q.id.clone(),
                    question: q.text.clone(),
                    principles: q.principles.clone(),
                    interviewer_id: None,
                    interview_index: 0,
                    star: Star {
                        situation: format!("Story {s}-{a}: our fleet dashboard under-counted racks in region {} for the capacity planners.", s % 30),
                        task: "I owned the data pipeline and the fix.".into(),
                        action: "I pulled the raw inventory, rewrote the join, paged the owning teams and added a reconciliation check after the network lead pushed back. ".repeat(3),
                        result: "Coverage went from 91% to 100% in 3 weeks; no miss since.".into(),
                    },
                    parts: Vec::new(),
                    part_names: Vec::new(),
                    follow_ups: vec![FollowUp {
                        probe: "What did you do first?".into(),
                        response: "I pulled the raw data myself and compared it with the audit.".into(),
                        signal: None,
                    }],
                    started_at: t,
                    submitted_at: t + chrono::Duration::minutes(a as i64),
                    duration_secs: 240,
                    time_limit_secs: 300,
                    overtime_secs: 0,
                    self_scores: [("ownership/beyond-scope".to_string(), 3)].into(),
                    score_history: vec![],
                    analysis: AnalysisRecord::default(),
                    story_id: None,
                    notes: String::new(),
                    spoken: false,
                    judged: None,
                    summary_only: false,
                });
            }
            session
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let content = load_layered(&[]).unwrap();
    let judge = Judge::new(&content);
    let star = long_star();
    let words = loopdrill::practice::analysis::word_count(&star.full_text());
    eprintln!("answer of {words} words");
    let q = content.question("own-gap-between-two-teams").unwrap();
    c.bench_function("judge_one_answer_1500_words", |b| {
        b.iter(|| black_box(judge.judge(q, black_box(&star), &[], 600, false)))
    });
    let history = sessions(1_000, 10);
    let now = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
    let mut g = c.benchmark_group("rejudge");
    g.sample_size(10);
    g.bench_function("progress_10000_answers_judged_again", |b| {
        b.iter(|| black_box(progress(black_box(&history), &content, now)))
    });
    // As saved by this version: each answer carries its cached judgement.
    let mut cached = history.clone();
    for s in &mut cached {
        judge.refresh_cache(s);
    }
    g.bench_function("progress_10000_answers_cached", |b| {
        b.iter(|| black_box(progress(black_box(&cached), &content, now)))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
