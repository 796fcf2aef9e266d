//! First frame with 10,000 stored answers against a minimal ratatui program's
//! first frame, both measured the same way: spawn the process in a
//! pseudo-terminal and time it until it has drawn its first frame and exited.
//!
//! The minimal program is this bench binary itself, re-executed with
//! `FIRST_FRAME_MINIMAL=1` (ratatui::init, draw one bordered paragraph,
//! restore). loopdrill exits after its first frame when
//! `LOOPDRILL_EXIT_AFTER_FIRST_FRAME` is set.
//!
//! A second measure, the same way: the home screen with the history on it
//! (`LOOPDRILL_EXIT_AFTER_HISTORY` exits once a frame shows it), the
//! answers saved with their judgement cached as the app saves them.
//!
//! Run: `cargo bench --bench first_frame` (prints medians and the ratios).

use chrono::{TimeZone, Utc};
use loopdrill::store::{
    AnalysisRecord, Answer, InterviewRecord, Session, SessionKind, Star, Store,
};
use portable_pty::{CommandBuilder, NativePtySystem, PtySize, PtySystem};
use ratatui::widgets::{Block, Paragraph};
use std::io::Read;
use std::path::Path;
use std::time::{Duration, Instant};

fn minimal() {
    let mut terminal = ratatui::init();
    terminal
        .draw(|f| f.render_widget(Paragraph::new("hello").block(Block::bordered()), f.area()))
        .expect("draw");
    ratatui::restore();
}

fn fill(dir: &Path, sessions: usize, per: usize) {
    let store = Store::open(dir).unwrap();
    // Saved as the app saves them: with the interviewer's judgement cached.
    let content = loopdrill::content::load_layered(&[]).unwrap();
    let judge = loopdrill::practice::judge::Judge::new(&content);
    let t0 = Utc.with_ymd_and_hms(2025, 1, 1, 8, 0, 0).unwrap();
    for s in 0..sessions {
        let t = t0 + chrono::Duration::hours(s as i64);
        let mut session = Session::new(format!("bench-{s:05}"), SessionKind::Drill, t);
        session.interviews.push(InterviewRecord::default());
        for a in 0..per {
            session.answers.push(Answer {
                id: format!("a-{s}-{a}"),
                question_id: "own-failure-my-fault".into(),
                question: "Tell me about a time you failed.".into(),
                principles: vec!["ownership".into()],
                interviewer_id: None,
                interview_index: 0,
                star: Star {
                    situation: "A long situation about a data center migration. ".repeat(4),
                    task: "I owned the plan.".into(),
                    action: "I mapped dependencies and wrote the runbook. ".repeat(6),
                    result: "Downtime fell 40% in 6 weeks.".into(),
                },
                parts: Vec::new(),
                part_names: Vec::new(),
                follow_ups: vec![],
                started_at: t,
                submitted_at: t,
                duration_secs: 240,
                time_limit_secs: 300,
                overtime_secs: 0,
                self_scores: [("ownership/beyond-scope".to_string(), 3u8)].into(),
                score_history: vec![],
                analysis: AnalysisRecord::default(),
                story_id: None,
                notes: String::new(),
                spoken: false,
                judged: None,
                summary_only: false,
            });
        }
        judge.refresh_cache(&mut session);
        store.save_session(&session).unwrap();
    }
}

fn time_in_pty(program: &Path, env: &[(&str, String)], args: &[&str]) -> Duration {
    let pty = NativePtySystem::default()
        .openpty(PtySize {
            rows: 40,
            cols: 120,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    let mut cmd = CommandBuilder::new(program);
    for a in args {
        cmd.arg(a);
    }
    cmd.env("TERM", "xterm-256color");
    for (k, v) in env {
        cmd.env(k, v);
    }
    let mut reader = pty.master.try_clone_reader().unwrap();
    std::thread::spawn(move || {
        let mut buf = [0u8; 8192];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 {
                break;
            }
        }
    });
    let start = Instant::now();
    let mut child = pty.slave.spawn_command(cmd).unwrap();
    let status = child.wait().unwrap();
    let took = start.elapsed();
    assert!(status.success(), "{} failed", program.display());
    took
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn main() {
    if std::env::var_os("FIRST_FRAME_MINIMAL").is_some() {
        minimal();
        return;
    }
    // `cargo test --all-targets` runs benches without `--bench`: do a quick smoke run then.
    let full = std::env::args().any(|a| a == "--bench");
    let runs = if full { 30 } else { 2 };
    let (sessions, per) = if full { (1_000, 10) } else { (10, 10) };
    let dir = tempfile::tempdir().unwrap();
    fill(dir.path(), sessions, per);
    let me = std::env::current_exe().unwrap();
    let bin = Path::new(env!("CARGO_BIN_EXE_loopdrill"));
    let data = dir.path().display().to_string();
    let mut mins = Vec::new();
    let mut apps = Vec::new();
    let mut homes = Vec::new();
    for _ in 0..runs {
        homes.push(time_in_pty(
            bin,
            &[("LOOPDRILL_EXIT_AFTER_HISTORY", "1".into())],
            &["--data-dir", &data],
        ));
        mins.push(time_in_pty(
            &me,
            &[("FIRST_FRAME_MINIMAL", "1".into())],
            &[],
        ));
        apps.push(time_in_pty(
            bin,
            &[("LOOPDRILL_EXIT_AFTER_FIRST_FRAME", "1".into())],
            &["--data-dir", &data],
        ));
    }
    let (m, a, h) = (median(mins), median(apps), median(homes));
    println!(
        "first frame, {} stored answers: loopdrill {:.2} ms, minimal ratatui {:.2} ms, ratio {:.2}x (target ≤ 3x), median of {runs}",
        sessions * per,
        a.as_secs_f64() * 1e3,
        m.as_secs_f64() * 1e3,
        a.as_secs_f64() / m.as_secs_f64()
    );
    println!(
        "home with history on screen, {} stored answers: loopdrill {:.2} ms, ratio {:.2}x the minimal first frame (target ≤ 15x)",
        sessions * per,
        h.as_secs_f64() * 1e3,
        h.as_secs_f64() / m.as_secs_f64()
    );
}
