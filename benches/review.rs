//! Opening the review screen and filtering 10,000 answers (target under
//! 50 ms): build the search index, apply a full-text search, draw at 120×40.
//!
//! Run: `cargo bench --bench review`

use chrono::{TimeZone, Utc};
use criterion::{Criterion, criterion_group, criterion_main};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use loopdrill::practice::timer::FakeClock;
use loopdrill::store::{
    AnalysisRecord, Answer, FollowUp, InterviewRecord, Session, SessionKind, Star, Store,
};
use loopdrill::tui::app::App;
use loopdrill::tui::screens::Screen;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn fill(dir: &std::path::Path) {
    let store = Store::open(dir).unwrap();
    let t0 = Utc.with_ymd_and_hms(2025, 1, 1, 8, 0, 0).unwrap();
    let lps = [
        "ownership",
        "dive-deep",
        "deliver-results",
        "customer-obsession",
        "earn-trust",
    ];
    for s in 0..1_000 {
        let t = t0 + chrono::Duration::hours(s as i64);
        let mut session = Session::new(format!("bench-{s:05}"), SessionKind::Drill, t);
        session.interviews.push(InterviewRecord::default());
        for a in 0..10 {
            session.answers.push(Answer {
                id: format!("a-{s}-{a}"),
                question_id: format!("q-{}", (s * 10 + a) % 280),
                question: "Tell me about a time you had to dive deep to find a root cause.".into(),
                principles: vec![lps[(s + a) % lps.len()].into()],
                interviewer_id: None,
                interview_index: 0,
                star: Star {
                    situation: format!("Story {s}-{a}: our fleet dashboard under-counted racks in region {}.", s % 30),
                    task: "I owned the data pipeline and the fix.".into(),
                    action: "I pulled the raw inventory, rewrote the join, paged the owning teams and added a reconciliation check. ".repeat(3),
                    result: "Coverage went from 91% to 100% in 3 weeks; no miss since.".into(),
                },
                parts: Vec::new(),
                part_names: Vec::new(),
                follow_ups: vec![FollowUp { probe: "What did you do first?".into(), response: "Pulled the raw data myself.".into(), signal: None }],
                started_at: t,
                submitted_at: t + chrono::Duration::minutes(a as i64),
                duration_secs: 240,
                time_limit_secs: 300,
                overtime_secs: 0,
                self_scores: [("ownership/beyond-scope".to_string(), (1 + (s + a) % 4) as u8)].into(),
                score_history: vec![],
                analysis: AnalysisRecord::default(),
                story_id: None,
                notes: "tighten the opening".into(),
                spoken: false,
                judged: None,
                summary_only: false,
            });
        }
        store.save_session(&session).unwrap();
    }
}

fn review(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    fill(dir.path());
    let content = loopdrill::content::load_layered(&[]).unwrap();
    let wall = || Utc.with_ymd_and_hms(2026, 3, 2, 9, 30, 0).unwrap();
    let mut app = App::new(
        content,
        Store::open(dir.path()).unwrap(),
        None,
        Box::new(FakeClock::default()),
        Box::new(wall),
    );
    app.load_history_now();
    assert_eq!(app.history.as_ref().unwrap().answer_count(), 10_000);
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    let press = |app: &mut App, code: KeyCode| app.key(KeyEvent::new(code, KeyModifiers::NONE));
    c.bench_function("open_review_and_search_10k_answers", |b| {
        b.iter(|| {
            app.open(Screen::Review(Box::default()));
            press(&mut app, KeyCode::Char('/'));
            for ch in "region 29 reconciliation".chars() {
                press(&mut app, KeyCode::Char(ch));
            }
            press(&mut app, KeyCode::Enter);
            terminal.draw(|f| app.render(f)).unwrap();
        })
    });
    c.bench_function("change_score_filter_10k_answers", |b| {
        app.open(Screen::Review(Box::default()));
        b.iter(|| {
            press(&mut app, KeyCode::Char('s'));
            terminal.draw(|f| app.render(f)).unwrap();
        })
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = review
}
criterion_main!(benches);
