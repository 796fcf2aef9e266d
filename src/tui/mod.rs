//! The terminal UI: app loop, events, screens and widgets.

pub mod app;
pub mod labels;
pub mod screens;
pub mod text;
pub mod theme;
pub mod widgets;

use crate::cli::{Command, Global};
use crate::commands::{self, Failure};
use crate::content::Content;
use crate::practice::plan::{PlanOptions, plan_drill, plan_loop};
use crate::practice::progress::{progress, recent_questions};
use crate::practice::timer::SystemClock;
use crate::store::Store;
use app::App;
use crossterm::event::{self, DisableBracketedPaste, EnableBracketedPaste, Event, KeyEventKind};
use crossterm::execute;
use screens::Screen;
use screens::session::SessionScreen;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

/// Builds the app for a command: the screen it opens on.
pub fn build_app(
    global: &Global,
    content: Content,
    cmd: Option<Command>,
    background: bool,
) -> Result<App, Failure> {
    let dir = commands::data_dir(global)?;
    let store = commands::open_store(global)?;
    let rx = if background {
        let (tx, rx) = std::sync::mpsc::channel();
        let d = dir.clone();
        std::thread::spawn(move || {
            let _ = tx.send(Store::open_read_only(&d).load_history());
        });
        Some(rx)
    } else {
        None
    };
    let mut app = App::new(
        content,
        store,
        rx,
        Box::new(SystemClock::new()),
        Box::new(chrono::Utc::now),
    );
    if !background {
        app.load_history_now();
    }
    let wall = chrono::Utc::now();
    let seed_now = wall.timestamp_nanos_opt().unwrap_or_default() as u64;
    match cmd {
        None => {}
        Some(Command::Loop(args)) => {
            if app.store.is_read_only() {
                return Err(Failure(app::read_only_message(&dir)));
            }
            let history = app.store.load_history();
            let recent = recent_questions(&history.sessions, wall, 14);
            let template = args.template.clone().unwrap_or_else(|| "pm-general".into());
            let opts = PlanOptions {
                interviewers: args.interviewers,
                questions: args.questions,
                answer_minutes: args.answer_minutes,
            };
            let plan = plan_loop(
                &app.content,
                &template,
                args.seed.unwrap_or(seed_now),
                opts,
                &recent,
            )?;
            let s = SessionScreen::new_loop(&app.content, plan, args.strict, wall);
            app.open(Screen::Session(Box::new(s)));
        }
        Some(Command::Drill(args)) => {
            if app.store.is_read_only() {
                return Err(Failure(app::read_only_message(&dir)));
            }
            let history = app.store.load_history();
            let recent = recent_questions(&history.sessions, wall, 14);
            let principles = if args.principles.is_empty() {
                progress(&history.sessions, &app.content, wall).weakest(3)
            } else {
                args.principles.clone()
            };
            let n = args
                .questions
                .unwrap_or(principles.len().clamp(3, 5) as u32);
            let minutes = args.answer_minutes.unwrap_or(screens::home::DRILL_MINUTES);
            let plan = plan_drill(&app.content, &principles, n, minutes, seed_now, &recent)?;
            let s = SessionScreen::new_drill(&app.content, plan, args.spoken, wall);
            app.open(Screen::Session(Box::new(s)));
        }
        Some(other) => return Err(Failure(format!("{other:?} is not a screen"))),
    }
    Ok(app)
}

/// Runs the TUI until the user quits.
pub fn run(global: &Global, content: Content, cmd: Option<Command>) -> Result<(), Failure> {
    let mut app = build_app(global, content, cmd, true)?;
    let term = Arc::new(AtomicBool::new(false));
    for sig in [
        signal_hook::consts::SIGTERM,
        signal_hook::consts::SIGHUP,
        signal_hook::consts::SIGINT,
    ] {
        signal_hook::flag::register(sig, Arc::clone(&term))
            .map_err(|e| Failure(format!("cannot install signal handler: {e}")))?;
    }
    let prev = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(std::io::stdout(), DisableBracketedPaste);
        ratatui::restore();
        prev(info);
    }));
    let mut terminal =
        ratatui::try_init().map_err(|e| Failure(format!("cannot start the terminal UI: {e}")))?;
    let _ = execute!(std::io::stdout(), EnableBracketedPaste);
    let result = event_loop(&mut terminal, &mut app, &term);
    let _ = execute!(std::io::stdout(), DisableBracketedPaste);
    ratatui::restore();
    result
}

fn event_loop(
    terminal: &mut ratatui::DefaultTerminal,
    app: &mut App,
    term: &AtomicBool,
) -> Result<(), Failure> {
    loop {
        if term.load(Ordering::Relaxed) {
            app.save_draft_now();
            return Ok(());
        }
        terminal
            .draw(|f| app.render(f))
            .map_err(|e| Failure(format!("cannot draw: {e}")))?;
        let timeout = app.next_tick_in();
        match event::poll(timeout) {
            Ok(true) => match event::read() {
                Ok(Event::Key(k)) if k.kind == KeyEventKind::Press => app.key(k),
                Ok(Event::Paste(s)) => app.paste(&s),
                Ok(_) => {}
                Err(_) => {
                    // The terminal went away (closed window): keep the draft.
                    app.save_draft_now();
                    return Ok(());
                }
            },
            Ok(false) => {}
            Err(_) => {
                app.save_draft_now();
                return Ok(());
            }
        }
        app.tick();
        if app.quit {
            return Ok(());
        }
    }
}
