//! A keystroke in the STAR editor with a 1,500-word answer: update plus
//! render at 120×40 (target under 2 ms); and the same with a 30,000-word
//! answer (about 200 KB), to show what a keystroke costs as the text grows.
//!
//! And, with a content pack at its cap (a question of 2,000 characters,
//! the most `content/README.md` allows), the first frame of the editor and
//! a keystroke in it: a pack that validates drills at normal speed.
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

/// An app in the STAR editor of a loop, with `total` words typed (most of
/// them in Action, in paragraphs of about 100 words), the cursor in Action.
fn app_with_answer(dir: &std::path::Path, total: usize) -> App {
    let content = loopdrill::content::load_layered(&[]).unwrap();
    let wall = || Utc.with_ymd_and_hms(2026, 3, 2, 9, 30, 0).unwrap();
    let clock = FakeClock::default();
    let mut app = App::new(
        content,
        Store::open(dir).unwrap(),
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
    // The words across the four fields, 70 % of them in Action.
    let para = "I mapped the dependencies with the network team, wrote the runbook and reviewed it with the on-call lead. ";
    let words_per = para.split_whitespace().count();
    let mut words = 0;
    for field in 0..4 {
        let share = if field == 2 {
            total * 7 / 10
        } else {
            total / 10
        };
        let mut text = String::new();
        let mut w = 0;
        while w < share {
            text.push_str(para);
            w += words_per;
            if w % 100 < words_per {
                text.push('\n');
            }
        }
        words += w;
        app.paste(&text);
        app.key(KeyEvent::new(KeyCode::Tab, KeyModifiers::NONE));
    }
    // Back to Action, the longest field.
    app.key(KeyEvent::new(KeyCode::Tab, KeyModifiers::NONE));
    app.key(KeyEvent::new(KeyCode::Tab, KeyModifiers::NONE));
    assert!(words >= total);
    app
}

/// One keystroke (typing `x`, then deleting it), update plus a draw at 120×40.
fn bench_keystroke(c: &mut Criterion, name: &str, total: usize) {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_with_answer(dir.path(), total);
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    terminal.draw(|f| app.render(f)).unwrap();
    let mut flip = false;
    c.bench_function(name, |b| {
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

fn keystroke(c: &mut Criterion) {
    bench_keystroke(c, "keystroke_1500_words_120x40", 1_500);
}

fn keystroke_30k(c: &mut Criterion) {
    bench_keystroke(c, "keystroke_30000_words_120x40", 30_000);
}

/// A pack with one question at the cap: 2,000 characters of words.
fn pack_at_the_cap(dir: &std::path::Path) -> String {
    let words = "When the launch slipped and two teams each said the fix was the other's, what did you do first, and why? ";
    let mut text = String::new();
    while text.len() + words.len() <= 2_000 {
        text.push_str(words);
    }
    while text.chars().count() < 2_000 {
        text.push('x');
    }
    assert_eq!(text.chars().count(), 2_000);
    std::fs::write(
        dir.join("cap.toml"),
        format!(
            "[[question]]\nid = \"cap-question\"\ntext = \"{text}\"\nprinciples = [\"ownership\"]\ntrack = \"leadership\"\ndifficulty = \"standard\"\nroles = [\"pm\"]\nprobes = [\"What did you do first?\"]\n"
        ),
    )
    .unwrap();
    "cap-question".into()
}

/// The drill of the question at the cap, begun (the editor showing).
fn drill_at_the_cap(
    content: &loopdrill::content::Content,
    data: &std::path::Path,
    id: &str,
) -> App {
    let wall = || Utc.with_ymd_and_hms(2026, 3, 2, 9, 30, 0).unwrap();
    let mut app = App::new(
        content.clone(),
        Store::open(data).unwrap(),
        None,
        Box::new(FakeClock::default()),
        Box::new(wall),
    );
    app.load_history_now();
    let plan = loopdrill::practice::plan::plan_retry(&app.content, id, 5, 1).unwrap();
    app.open(Screen::Session(Box::new(SessionScreen::new_drill(
        &app.content,
        plan,
        false,
        wall(),
    ))));
    app.key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
    app
}

fn question_at_the_cap(c: &mut Criterion) {
    let pack = tempfile::tempdir().unwrap();
    let id = pack_at_the_cap(pack.path());
    let content = loopdrill::content::load_layered(&[pack.path().to_path_buf()]).unwrap();
    let data = tempfile::tempdir().unwrap();
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    c.bench_function("first_frame_question_at_the_cap_120x40", |b| {
        b.iter(|| {
            let app = drill_at_the_cap(&content, data.path(), &id);
            terminal.draw(|f| black_box(&app).render(f)).unwrap();
        })
    });
    let mut app = drill_at_the_cap(&content, data.path(), &id);
    terminal.draw(|f| app.render(f)).unwrap();
    let mut flip = false;
    c.bench_function("keystroke_question_at_the_cap_120x40", |b| {
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

criterion_group!(benches, keystroke, keystroke_30k, question_at_the_cap);
criterion_main!(benches);
