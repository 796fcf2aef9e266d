//! A keystroke in the STAR editor with a 1,500-word answer: update plus
//! render at 120×40 (target under 2 ms).
//!
//! Run: `cargo bench --bench tui`

use chrono::{TimeZone, Utc};
use criterion::{Criterion, criterion_group, criterion_main};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use loopdrill::practice::plan::{PlanOptions, plan_loop};
use loopdrill::practice::timer::FakeClock;
use loopdrill::store::Store;
use loopdrill::tui::app::App;
use loopdrill::tui::screens::Screen;
use loopdrill::tui::screens::session::SessionScreen;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::collections::HashSet;
use std::hint::black_box;

fn keystroke(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let content = loopdrill::content::load_layered(&[]).unwrap();
    let wall = || Utc.with_ymd_and_hms(2026, 3, 2, 9, 30, 0).unwrap();
    let clock = FakeClock::default();
    let mut app = App::new(
        content,
        Store::open(dir.path()).unwrap(),
        None,
        Box::new(clock),
        Box::new(wall),
    );
    app.load_history_now();
    let opts = PlanOptions {
        interviewers: Some(1),
        questions: Some(1),
        answer_minutes: Some(6),
    };
    let plan = plan_loop(&app.content, "pm-general", 1, opts, &HashSet::new()).unwrap();
    app.open(Screen::Session(Box::new(SessionScreen::new_loop(
        &app.content,
        plan,
        false,
        wall(),
    ))));
    app.key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
    app.key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
    // 1,500 words across the four fields, most of it in Action.
    let para = "I mapped the dependencies with the network team, wrote the runbook and reviewed it with the on-call lead. ";
    let words_per = para.split_whitespace().count();
    let mut words = 0;
    for field in 0..4 {
        let share = if field == 2 { 1_050 } else { 150 };
        let mut text = String::new();
        let mut w = 0;
        while w < share {
            text.push_str(para);
            w += words_per;
        }
        words += w;
        app.paste(&text);
        app.key(KeyEvent::new(KeyCode::Tab, KeyModifiers::NONE));
    }
    // Back to Action, the longest field.
    app.key(KeyEvent::new(KeyCode::Tab, KeyModifiers::NONE));
    app.key(KeyEvent::new(KeyCode::Tab, KeyModifiers::NONE));
    assert!(words >= 1_500);
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    terminal.draw(|f| app.render(f)).unwrap();
    let mut flip = false;
    c.bench_function("keystroke_1500_words_120x40", |b| {
        b.iter(|| {
            flip = !flip;
            let code = if flip {
                KeyCode::Char('x')
            } else {
                KeyCode::Backspace
            };
            app.key(KeyEvent::new(code, KeyModifiers::NONE));
            terminal.draw(|f| black_box(&app).render(f)).unwrap();
        })
    });
}

criterion_group!(benches, keystroke);
criterion_main!(benches);
