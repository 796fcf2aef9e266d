//! The terminal UI: app loop, events, screens and widgets.

pub mod app;
pub mod cmd;
pub mod input;
pub mod labels;
pub mod screens;
pub mod text;
pub mod theme;
pub mod widgets;

use crate::cli::{Command, Global};
use crate::content::Content;
use crate::practice::plan::PlanOptions;
use crate::practice::progress::{progress, recent_questions};
use crate::practice::timer::SystemClock;
use crate::startup::{self, Failure};
use crate::store::{self, Draft};
use app::App;
use crossterm::event::{
    DisableBracketedPaste, EnableBracketedPaste, Event, KeyCode, KeyEventKind, KeyModifiers,
};
use crossterm::execute;
use screens::Screen;
use screens::session::SessionScreen;
use std::io::Write as _;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// Builds the app for a command: the screen it opens on.
pub fn build_app(
    global: &Global,
    content: Content,
    cmd: Option<Command>,
    background: bool,
) -> Result<App, Failure> {
    let dir = startup::data_dir(global)?;
    let store = startup::open_store(global)?;
    let mut app = App::new(
        content,
        store,
        None,
        Box::new(SystemClock::new()),
        Box::new(chrono::Utc::now),
    );
    // With `background`, history loads on a thread started after the first
    // frame (see `event_loop`), so start-up never waits on it.
    if !background {
        app.load_history_now();
    }
    let wall = chrono::Utc::now();
    let seed_now = crate::practice::rng::fresh_seed(wall.timestamp_nanos_opt().unwrap_or_default());
    match cmd {
        None => {}
        Some(Command::Loop(args)) => {
            if app.store.is_read_only() {
                return Err(Failure(app::read_only_message(
                    &dir,
                    app.store.read_only_why(),
                )));
            }
            let history = app
                .history
                .take()
                .unwrap_or_else(|| app.store.load_history());
            // An explicit seed means "the same plan again": it does not
            // depend on what was answered since.
            let recent = if args.seed.is_some() {
                std::collections::HashSet::new()
            } else {
                recent_questions(&history.sessions, wall, 14)
            };
            app.history = Some(history);
            let template = args.template.clone().unwrap_or_else(|| "pm-general".into());
            let opts = PlanOptions {
                interviewers: args.interviewers,
                questions: args.questions,
                answer_minutes: args.answer_minutes,
            };
            let plan = crate::practice::plan::plan_loop_for(
                &app.content,
                &template,
                args.role.as_deref(),
                args.seed.unwrap_or(seed_now),
                opts,
                &recent,
            )?;
            let s = SessionScreen::new_loop(&app.content, plan, args.strict, wall);
            app.open(Screen::Session(Box::new(s)));
        }
        Some(Command::Drill(args)) => {
            if app.store.is_read_only() {
                return Err(Failure(app::read_only_message(
                    &dir,
                    app.store.read_only_why(),
                )));
            }
            let history = app
                .history
                .take()
                .unwrap_or_else(|| app.store.load_history());
            // As for a loop, an explicit seed means "the same drill again".
            let recent = if args.seed.is_some() {
                std::collections::HashSet::new()
            } else {
                recent_questions(&history.sessions, wall, 14)
            };
            let track = args
                .track
                .as_deref()
                .map(|t| crate::startup::parse_track(&app.content, t))
                .transpose()?;
            if let Some(r) = &args.role {
                crate::startup::check_role(&app.content, r)?;
            }
            let principles = if args.principles.is_empty() && track.is_none() {
                progress(&history.sessions, &app.content, wall).weakest(3)
            } else {
                args.principles.clone()
            };
            let n = args
                .questions
                .unwrap_or(principles.len().clamp(3, 5) as u32);
            app.history = Some(history);
            let filter = crate::practice::plan::DrillFilter {
                principles,
                track,
                role: args.role.clone(),
            };
            let plan = crate::practice::plan::plan_drill_for(
                &app.content,
                &filter,
                n,
                args.answer_minutes,
                args.seed.unwrap_or(seed_now),
                &recent,
            )?;
            let s = SessionScreen::new_drill(&app.content, plan, args.spoken, wall);
            app.open(Screen::Session(Box::new(s)));
        }
        Some(Command::Review) => app.open(Screen::Review(Box::new(
            screens::review::ReviewScreen::new(),
        ))),
        Some(Command::Stories) => app.open(Screen::Stories(Box::new(
            screens::stories::StoriesScreen::new(),
        ))),
        Some(other) => return Err(Failure(format!("{other:?} is not a screen"))),
    }
    // Starting something new from the command line never hides an
    // unfinished answer: it stays parked and home offers to resume it.
    if matches!(app.screen, Screen::Session(_))
        && let Some(d) = &app.draft
    {
        let when = crate::localtime::local(d.saved_at).format("%b %d %H:%M");
        app.set_status(format!(
            "Your unfinished answer from {when} is kept: Esc now goes home, where you can resume it."
        ));
    }
    Ok(app)
}

/// What the config file sets for what is started inside the app, from the
/// home screen as from the command line: the defaults of a loop and of a
/// drill, and whose levels the debrief votes on. The default is the app as
/// it is with no config file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Settings {
    /// `[loop] template`: the template the home screen's loop picker starts on.
    pub loop_template: Option<String>,
    /// `[loop] role`: the role of a loop, where the template serves it.
    pub loop_role: Option<String>,
    /// `[loop] answer_minutes`: minutes per answer (else the template's).
    pub loop_answer_minutes: Option<u32>,
    /// `[loop] strict`: no pausing and no hints.
    pub loop_strict: bool,
    /// `[drill] role`: only questions of this role.
    pub drill_role: Option<String>,
    /// `[drill] answer_minutes`: minutes per answer (else by kind).
    pub drill_answer_minutes: Option<u32>,
    /// `[drill] questions`: how many questions (else 3 to 5).
    pub drill_questions: Option<u32>,
    /// `[ai] vote`: whose levels the debrief votes on.
    pub vote: crate::practice::ai::VoteBy,
}

impl Settings {
    pub fn from_config(cfg: &crate::config::Config) -> Settings {
        Settings {
            loop_template: Some(cfg.loop_.template.value.clone()),
            loop_role: cfg.loop_.role.value.clone(),
            loop_answer_minutes: cfg.loop_.answer_minutes.value,
            loop_strict: cfg.loop_.strict.value,
            drill_role: cfg.drill.role.value.clone(),
            drill_answer_minutes: cfg.drill.answer_minutes.value,
            drill_questions: cfg.drill.questions.value,
            vote: cfg.ai.vote.value,
        }
    }
}

/// The local model the AI interviewer asks, and what it is asked for.
#[derive(Clone)]
pub struct AiSetup {
    pub model: Arc<dyn crate::practice::ai::ChatModel>,
    /// Phrase follow-ups with the model.
    pub follow_ups: bool,
    /// A second opinion on the self-score screen.
    pub second_opinion: bool,
    /// How long a call may take before the rule interviewer's probe is used.
    pub timeout: Duration,
    /// What is sent where, when the server is not this machine: shown over
    /// the first screen, once per server (see [`app::App::offer_remote_notice`]).
    pub notice: Option<crate::ai::RemoteNotice>,
}

impl std::fmt::Debug for AiSetup {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AiSetup")
            .field("model", &self.model.model())
            .field("follow_ups", &self.follow_ups)
            .field("second_opinion", &self.second_opinion)
            .field("timeout", &self.timeout)
            .finish()
    }
}

/// Runs the TUI until the user quits.
pub fn run(global: &Global, content: Content, cmd: Option<Command>) -> Result<(), Failure> {
    run_with_ai(global, content, cmd, None, Settings::default())
}

/// Runs the TUI with the local model `ai` (`None`: the AI is off) and the
/// config's `settings`.
pub fn run_with_ai(
    global: &Global,
    content: Content,
    cmd: Option<Command>,
    ai: Option<AiSetup>,
    settings: Settings,
) -> Result<(), Failure> {
    let mut app = build_app(global, content, cmd, true)?;
    app.settings = settings;
    if let Some(n) = ai.as_ref().and_then(|a| a.notice.clone()) {
        app.offer_remote_notice(n);
    }
    app.ai = ai;
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
    // What is typed and not yet saved, for the watchdog below.
    let latest: Arc<Mutex<Vec<Rescue>>> = Arc::new(Mutex::new(Vec::new()));
    let done = Arc::new(AtomicBool::new(false));
    // Every instance gets the watchdog: a read-only one has no draft to keep
    // but must still never outlive its terminal.
    spawn_watchdog(
        app.store.rescue_handle(),
        Arc::clone(&term),
        Arc::clone(&done),
        Arc::clone(&latest),
    );
    let mut input =
        input::Input::open().map_err(|e| Failure(format!("cannot read the terminal: {e}")))?;
    let mut terminal =
        ratatui::try_init().map_err(|e| Failure(format!("cannot start the terminal UI: {e}")))?;
    let _ = execute!(std::io::stdout(), EnableBracketedPaste);
    let result = event_loop(&mut terminal, &mut input, &mut app, &term, &latest);
    if result.is_err() {
        // The terminal failed under us (a closed window: drawing fails
        // before any signal is seen): keep what was typed all the same.
        app.save_draft_now();
    }
    done.store(true, Ordering::SeqCst);
    let _ = execute!(std::io::stdout(), DisableBracketedPaste);
    ratatui::restore();
    result?;
    // Back in the shell: say where everything typed went. Whatever could not
    // be saved in the data dir is named (with its copy, or its text when no
    // copy could be written) and the exit status is 1.
    match app.farewell() {
        // A closed terminal cannot be written to: that is no reason to panic.
        Ok(lines) => {
            let mut out = std::io::stdout().lock();
            for l in lines {
                let _ = writeln!(out, "{}", text::printable(&l));
            }
            Ok(())
        }
        Err(lines) => {
            let mut err = std::io::stderr().lock();
            for l in lines {
                let _ = writeln!(err, "{}", text::printable(&l));
            }
            Err(Failure(
                "not everything typed could be saved in the data dir (see above)".into(),
            ))
        }
    }
}

/// Whether the terminal on standard input has hung up (its window closed,
/// the SSH connection dropped): `poll` reports it without reading anything.
#[cfg(unix)]
fn terminal_gone() -> bool {
    let mut fd = libc::pollfd {
        fd: 0,
        events: 0,
        revents: 0,
    };
    // SAFETY: one valid pollfd, a zero timeout; nothing is read.
    let n = unsafe { libc::poll(&mut fd, 1, 0) };
    n > 0 && fd.revents & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0
}

#[cfg(not(unix))]
fn terminal_gone() -> bool {
    false
}

/// What the watchdog saves when the event loop cannot: everything
/// [`App::typing_to_save`] would (drafts, scores and notes, stories).
#[derive(Debug)]
pub enum Rescue {
    Draft(Box<Draft>),
    Session(Box<store::Session>),
    Stories(Box<store::StoryBank>),
}

impl Rescue {
    /// The saves among a screen's commands.
    pub fn of(cmds: Vec<cmd::Cmd>) -> Vec<Rescue> {
        cmds.into_iter()
            .filter_map(|c| match c {
                cmd::Cmd::SaveDraft(d) => Some(Rescue::Draft(d)),
                cmd::Cmd::SaveSession(s) => Some(Rescue::Session(s)),
                cmd::Cmd::SaveStories(b) => Some(Rescue::Stories(Box::new(b))),
                _ => None,
            })
            .collect()
    }

    fn save(&self, store: &store::Store) -> bool {
        match self {
            Rescue::Draft(d) => store.save_draft(d).is_ok(),
            Rescue::Session(s) => store.save_session(s).is_ok(),
            Rescue::Stories(b) => store.save_stories(b).is_ok(),
        }
    }
}

/// On SIGTERM or SIGHUP the event loop normally saves what is typed and
/// exits. When the terminal is gone (a signal, or a hung-up terminal
/// without one), reading it can block or spin inside crossterm, so if the
/// loop has not finished shortly after, this thread saves the latest of it
/// itself (through a handle on the writer) and exits the process.
/// How long the watchdog lets the event loop save and exit after the
/// terminal has gone before it saves the latest typing itself.
const RESCUE_GRACE: Duration = Duration::from_millis(2000);

fn spawn_watchdog(
    store: Option<store::Store>,
    term: Arc<AtomicBool>,
    done: Arc<AtomicBool>,
    latest: Arc<Mutex<Vec<Rescue>>>,
) {
    std::thread::spawn(move || {
        loop {
            std::thread::sleep(Duration::from_millis(50));
            if done.load(Ordering::SeqCst) {
                return;
            }
            if terminal_gone() {
                term.store(true, Ordering::SeqCst);
            }
            if term.load(Ordering::SeqCst) {
                // Time for the event loop to save and exit by itself (a
                // session is judged before it is saved): only a loop that is
                // truly stuck is overtaken, never one in the middle of a save.
                std::thread::sleep(RESCUE_GRACE);
                if done.load(Ordering::SeqCst) {
                    return;
                }
                let mut saved = true;
                if let Some(store) = &store {
                    let rescue = latest
                        .lock()
                        .map(|mut g| std::mem::take(&mut *g))
                        .unwrap_or_default();
                    for r in &rescue {
                        saved &= r.save(store);
                    }
                }
                let _ = execute!(std::io::stdout(), DisableBracketedPaste);
                ratatui::restore();
                // An honest exit: 1 when the draft could not be written.
                std::process::exit(if saved { 0 } else { 1 });
            }
        }
    });
}

/// Waits up to `timeout` for input. While history loads, it waits in slices
/// of 2 ms and returns as soon as the history thread has delivered, so the
/// home screen shows history the moment it is read.
fn wait_for_input(
    timeout: Duration,
    input: &mut input::Input,
    app: &mut App,
) -> std::io::Result<bool> {
    if !app.loading_history() {
        return input.poll(timeout);
    }
    let start = std::time::Instant::now();
    loop {
        let left = timeout.saturating_sub(start.elapsed());
        if input.poll(left.min(Duration::from_millis(2)))? {
            return Ok(true);
        }
        if app.history_ready() || left.is_zero() {
            return Ok(false);
        }
    }
}

fn event_loop(
    terminal: &mut ratatui::DefaultTerminal,
    input: &mut input::Input,
    app: &mut App,
    term: &AtomicBool,
    latest: &Mutex<Vec<Rescue>>,
) -> Result<(), Failure> {
    // For the first-frame benchmark (docs/benchmarks.md): exit once drawn.
    let exit_after_first = std::env::var_os("LOOPDRILL_EXIT_AFTER_FIRST_FRAME").is_some();
    // And for the history benchmark: exit once a frame shows the history.
    let exit_after_history = std::env::var_os("LOOPDRILL_EXIT_AFTER_HISTORY").is_some();
    loop {
        if term.load(Ordering::SeqCst) {
            app.save_draft_now();
            return Ok(());
        }
        terminal
            .draw(|f| app.render(f))
            .map_err(|e| Failure(format!("cannot draw: {e}")))?;
        if exit_after_first
            || (exit_after_history && (app.history.is_some() || app.summary.is_some()))
        {
            return Ok(());
        }
        app.frame_drawn();
        app.start_history_load();
        let timeout = app.next_tick_in();
        let mut changed = false;
        match wait_for_input(timeout, input, app) {
            Ok(true) => {
                // Handle everything already waiting before drawing again, so
                // a burst of input (an unbracketed paste, key repeat) is not
                // throttled by one draw per key.
                let start = std::time::Instant::now();
                // Plain characters in a row are typed as one run, so the
                // editor lays its text out once per batch, not once per key.
                let mut run = String::new();
                loop {
                    match input.read() {
                        Ok(Event::Key(k)) if k.kind == KeyEventKind::Press => {
                            match k.code {
                                KeyCode::Char(c)
                                    if (k.modifiers - KeyModifiers::SHIFT).is_empty() =>
                                {
                                    run.push(c);
                                }
                                _ => {
                                    app.type_run(&std::mem::take(&mut run));
                                    app.key(k);
                                }
                            }
                            changed = true;
                        }
                        Ok(Event::Paste(s)) => {
                            app.type_run(&std::mem::take(&mut run));
                            app.paste(&s);
                            changed = true;
                        }
                        Ok(_) => {}
                        Err(_) => {
                            // The terminal went away (closed window): keep the draft.
                            app.type_run(&run);
                            app.save_draft_now();
                            return Ok(());
                        }
                    }
                    if app.quit
                        || start.elapsed() > Duration::from_millis(30)
                        || !matches!(input.poll(Duration::ZERO), Ok(true))
                    {
                        break;
                    }
                }
                app.type_run(&run);
            }
            Ok(false) => {}
            Err(_) => {
                app.save_draft_now();
                return Ok(());
            }
        }
        app.tick();
        if changed && let Ok(mut g) = latest.lock() {
            *g = Rescue::of(app.typing_to_save());
        }
        if app.quit {
            return Ok(());
        }
    }
}
