//! The application: owns content, the store and the active screen; the only
//! place that talks to the store. Screens ask for effects with [`Cmd`].

use super::labels as L;
use super::screens::{Screen, home::HomeScreen, session::SessionScreen};
use super::{text, theme, widgets};
use crate::content::Content;
use crate::practice::timer::Clock;
use crate::store::{Draft, History, Session, Store, StoryBank};
use chrono::{DateTime, Utc};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};
use std::sync::mpsc::Receiver;
use std::time::Duration;

/// Smallest terminal the screens are laid out for.
pub const MIN_WIDTH: u16 = 80;
pub const MIN_HEIGHT: u16 = 24;

/// What a screen asks the app to do.
#[derive(Debug, Clone)]
pub enum Cmd {
    SaveSession(Box<Session>),
    SaveDraft(Box<Draft>),
    /// The session's answer was submitted: its drafts are done with.
    DiscardDraft(String),
    SaveStories(StoryBank),
    TrashSession(String),
    RestoreSession(String),
    Go(Target),
    ResumeDraft,
    /// Resume an unfinished session (with its parked draft, if any).
    ResumeSession(String),
    Status(String),
    Quit,
}

/// Where to go.
#[derive(Debug, Clone)]
pub enum Target {
    Home,
    Screen(Box<Screen>),
}

/// A session in the trash, described for the restore list.
#[derive(Debug, Clone, PartialEq)]
pub struct TrashEntry {
    pub id: String,
    /// When, what and how much: `2026-03-02 09:30  loop (Program / Project
    /// Manager loop) · 5 answers`.
    pub label: String,
}

/// The trash, newest first. With `describe`, each session is read and
/// described (for the review's restore list); without, the list costs one
/// directory read (start-up) and shows ids.
fn trash_entries(store: &Store, content: &Content, describe: bool) -> Vec<TrashEntry> {
    let mut out: Vec<TrashEntry> = store
        .trashed_sessions()
        .into_iter()
        .map(|id| {
            if !describe {
                return TrashEntry {
                    label: id.clone(),
                    id,
                };
            }
            let label = match store.load_trashed(&id) {
                Ok(s) => {
                    let what = match s.template.as_deref() {
                        Some(t) => format!(
                            "{} ({})",
                            s.kind.label(),
                            content.template(t).map_or(t, |x| x.name.as_str())
                        ),
                        None => s.kind.label().to_string(),
                    };
                    // The first question tells two sessions of a day apart.
                    let first = s
                        .writing
                        .as_ref()
                        .map(|w| w.title.clone())
                        .or_else(|| s.answers.first().map(|a| a.question.clone()))
                        .map_or(String::new(), |t| format!(" · {}", text::one_line(&t)));
                    format!(
                        "{}  {what} · {}{first}",
                        crate::localtime::local(s.started_at).format("%Y-%m-%d %H:%M"),
                        text::plural(s.answers.len(), "answer")
                    )
                }
                Err(e) => format!("{id} (cannot be read: {e})"),
            };
            TrashEntry { id, label }
        })
        .collect();
    out.reverse();
    out
}

/// Read-only view of app state handed to screens.
pub struct Ctx<'a> {
    pub content: &'a Content,
    pub history: Option<&'a History>,
    pub stories: &'a StoryBank,
    pub draft: Option<&'a Draft>,
    /// Monotonic time.
    pub now: Duration,
    pub wall: DateTime<Utc>,
    pub read_only: bool,
    /// Ids of the sessions in the trash (restorable from the review screen).
    pub trashed: &'a [TrashEntry],
    /// Why `stories.json` could not be read at start, if it could not: the
    /// story bank is then never written, so the file is never overwritten.
    pub stories_unreadable: Option<&'a str>,
    /// The story bank or draft file if it could not be read at start (left
    /// untouched), as `PATH:LINE:COL: why`; sessions that could not be read
    /// are in `history.problems`. Home lists both.
    pub unreadable: &'a [String],
}

impl Ctx<'_> {
    /// Why the story bank cannot be changed right now, if it cannot.
    pub fn stories_locked(&self) -> Option<String> {
        if self.read_only {
            Some(crate::tui::screens::review::READ_ONLY_NOTE.to_string())
        } else {
            self.stories_unreadable.map(|e| {
                format!("The story bank is not changed while its file cannot be read: {e}")
            })
        }
    }
}

/// The read-only view of an `App`, built field by field so the active screen
/// can be borrowed mutably beside it.
macro_rules! ctx {
    ($app:expr) => {
        Ctx {
            content: &$app.content,
            history: $app.history.as_ref(),
            stories: &$app.stories,
            draft: $app.draft.as_ref(),
            now: $app.clock.now(),
            wall: ($app.wall)(),
            read_only: $app.store.is_read_only(),
            trashed: &$app.trashed,
            stories_unreadable: $app.stories_unreadable.as_deref(),
            unreadable: &$app.unreadable,
        }
    };
}

pub struct App {
    pub content: Content,
    pub store: Store,
    pub history: Option<History>,
    history_rx: Option<Receiver<History>>,
    pub stories: StoryBank,
    /// Set when `stories.json` could not be read (see [`Ctx::stories_unreadable`]).
    pub stories_unreadable: Option<String>,
    /// The story bank or draft file, if it could not be read at start.
    pub unreadable: Vec<String>,
    pub draft: Option<Draft>,
    /// Session ids in the trash, refreshed on open and after trash/restore.
    pub trashed: Vec<TrashEntry>,
    pub screen: Screen,
    pub help: bool,
    status: Option<(String, Duration)>,
    pub quit: bool,
    clock: Box<dyn Clock>,
    wall: Box<dyn Fn() -> DateTime<Utc>>,
    /// The terminal size at the last draw (keys are ignored while too small).
    last_size: std::cell::Cell<(u16, u16)>,
}

impl App {
    pub fn new(
        content: Content,
        store: Store,
        history_rx: Option<Receiver<History>>,
        clock: Box<dyn Clock>,
        wall: Box<dyn Fn() -> DateTime<Utc>>,
    ) -> App {
        let mut notes: Vec<String> = store.notices.clone();
        let mut unreadable = Vec::new();
        let (stories, stories_unreadable) = match store.load_stories() {
            Ok(s) => (s, None),
            Err(e) => {
                notes.push(e.to_string());
                unreadable.push(e.to_string());
                (StoryBank::default(), Some(e.to_string()))
            }
        };
        let draft = match store.load_draft() {
            Ok(d) => d,
            Err(e) => {
                notes.push(e.to_string());
                unreadable.push(e.to_string());
                None
            }
        };
        if store.is_read_only() {
            notes.push(L::READ_ONLY.to_string());
        }
        let trashed = trash_entries(&store, &content, false);
        let mut app = App {
            stories_unreadable,
            unreadable,
            content,
            store,
            history: None,
            history_rx,
            stories,
            draft,
            trashed,
            screen: Screen::Home(HomeScreen::default()),
            help: false,
            status: None,
            quit: false,
            clock,
            wall,
            last_size: std::cell::Cell::new((0, 0)),
        };
        if !notes.is_empty() {
            app.set_status(notes.join(" · "));
        }
        app
    }

    /// Starts loading history on a background thread, unless it is loaded or
    /// loading. The event loop calls this after the first frame.
    pub fn start_history_load(&mut self) {
        if self.history.is_some() || self.history_rx.is_some() {
            return;
        }
        let (tx, rx) = std::sync::mpsc::channel();
        let dir = self.store.dir().to_path_buf();
        std::thread::spawn(move || {
            let _ = tx.send(Store::open_read_only(&dir).load_history());
        });
        self.history_rx = Some(rx);
    }

    /// Loads history synchronously (tests, and commands that need it at once).
    pub fn load_history_now(&mut self) {
        self.history = Some(self.store.load_history());
        self.history_rx = None;
    }

    pub fn now(&self) -> Duration {
        self.clock.now()
    }

    fn ctx(&self) -> Ctx<'_> {
        ctx!(self)
    }

    /// Replaces the wall clock (tests pin it so dates and calendars are stable).
    pub fn set_wall_clock(&mut self, f: Box<dyn Fn() -> DateTime<Utc>>) {
        self.wall = f;
    }

    /// Lets the active screen refresh what it derived from history or stories
    /// (after history arrives, after a save, on opening). Cheap when nothing changed.
    fn sync_screen(&mut self) {
        let ctx = ctx!(self);
        self.screen.sync(&ctx);
    }

    pub fn set_status(&mut self, s: impl Into<String>) {
        self.status = Some((s.into(), self.clock.now()));
    }

    /// Opens a screen as `loopdrill review` etc. would.
    pub fn open(&mut self, screen: Screen) {
        self.screen = screen;
        self.entered_screen();
        self.sync_screen();
    }

    /// On arriving at the review, reads the trash to describe it (once per
    /// visit, never while drawing).
    fn entered_screen(&mut self) {
        if matches!(self.screen, Screen::Review(_)) {
            self.trashed = trash_entries(&self.store, &self.content, true);
        }
    }

    /// How long the event loop may wait before the next tick.
    pub fn next_tick_in(&self) -> Duration {
        let s = self.screen.next_tick_in(self.clock.now());
        let base = if self.history_rx.is_some() {
            Duration::from_millis(50)
        } else {
            Duration::from_millis(500)
        };
        s.unwrap_or(base).min(base)
    }

    /// Timers, autosave, background loading.
    pub fn tick(&mut self) {
        if let Some(rx) = &self.history_rx
            && let Ok(h) = rx.try_recv()
        {
            if !h.problems.is_empty() {
                let first = h.problems[0].to_string();
                let more = h.problems.len() - 1;
                self.set_status(if more > 0 {
                    format!("{first} (+{more} more: listed on the home screen)")
                } else {
                    first
                });
            }
            self.history = Some(h);
            self.history_rx = None;
        }
        if let Some((_, at)) = &self.status
            && self.clock.now().saturating_sub(*at) > Duration::from_secs(8)
        {
            self.status = None;
        }
        let ctx_now = self.clock.now();
        let wall = (self.wall)();
        let cmds = self.screen.tick(ctx_now, wall);
        self.apply(cmds);
    }

    /// What is being typed right now, as a draft (if anything).
    pub fn current_draft(&self) -> Option<Draft> {
        self.screen.draft(self.clock.now(), (self.wall)())
    }

    /// Saves whatever is being typed (Ctrl-C, SIGTERM, SIGHUP).
    pub fn save_draft_now(&mut self) {
        let wall = (self.wall)();
        let cmds = self.screen.save_typing(self.clock.now(), wall);
        self.apply(cmds);
    }

    pub fn paste(&mut self, s: &str) {
        if self.help {
            return;
        }
        let now = self.clock.now();
        self.screen.paste(s, now);
    }

    pub fn key(&mut self, key: KeyEvent) {
        if key.code == KeyCode::Char('c') && key.modifiers.contains(KeyModifiers::CONTROL) {
            self.save_draft_now();
            self.quit = true;
            return;
        }
        // Below the smallest layout nothing is visible to type into.
        let (w, h) = self.last_size.get();
        if w > 0 && (w < MIN_WIDTH || h < MIN_HEIGHT) {
            return;
        }
        // A status message answers the previous key; the next key clears it.
        self.status = None;
        if self.help {
            if matches!(
                key.code,
                KeyCode::Esc
                    | KeyCode::F(1)
                    | KeyCode::Char('?')
                    | KeyCode::Char('q')
                    | KeyCode::Enter
            ) {
                self.help = false;
            }
            return;
        }
        if key.code == KeyCode::F(1)
            || (key.code == KeyCode::Char('?') && !self.screen.captures_text())
        {
            self.help = true;
            return;
        }
        let ctx = ctx!(self);
        let cmds = self.screen.key(key, &ctx);
        self.apply(cmds);
    }

    pub fn apply(&mut self, cmds: Vec<Cmd>) {
        for cmd in cmds {
            match cmd {
                Cmd::SaveSession(s) => match self.store.save_session(&s) {
                    Ok(()) => {
                        if let Some(h) = &mut self.history {
                            match h.sessions.iter_mut().find(|x| x.id == s.id) {
                                Some(x) => *x = *s,
                                None => h.sessions.push(*s),
                            }
                        }
                    }
                    Err(e) => self.set_status(format!("{}: {e}", L::NOT_SAVED)),
                },
                Cmd::SaveDraft(d) => match self.store.save_draft(&d) {
                    Ok(()) => self.draft = Some(*d),
                    Err(e) => self.set_status(format!("{}: {e}", L::DRAFT_NOT_SAVED)),
                },
                Cmd::DiscardDraft(session) => {
                    if let Err(e) = self.store.discard_draft_for(&session) {
                        self.set_status(e.to_string());
                    }
                    self.draft = self.store.load_draft().ok().flatten();
                }
                Cmd::SaveStories(bank) => match self.store.save_stories(&bank) {
                    Ok(()) => self.stories = bank,
                    Err(e) => self.set_status(format!("{}: {e}", L::NOT_SAVED)),
                },
                Cmd::TrashSession(id) => match self.store.trash_session(&id) {
                    Ok(()) => {
                        if let Some(h) = &mut self.history {
                            h.sessions.retain(|s| s.id != id);
                        }
                        self.trashed = trash_entries(&self.store, &self.content, true);
                        self.set_status(L::MOVED_TO_TRASH);
                    }
                    Err(e) => self.set_status(e.to_string()),
                },
                Cmd::RestoreSession(id) => match self
                    .store
                    .restore_session(&id)
                    .and_then(|()| self.store.load_session(&id))
                {
                    Ok(s) => {
                        if let Some(h) = &mut self.history {
                            h.sessions.push(s);
                            h.sessions.sort_by_key(|a| a.started_at);
                        }
                        self.trashed = trash_entries(&self.store, &self.content, true);
                        self.set_status(L::RESTORED);
                    }
                    Err(e) => {
                        self.trashed = trash_entries(&self.store, &self.content, true);
                        self.set_status(e.to_string());
                    }
                },
                Cmd::Go(Target::Home) => self.screen = Screen::Home(HomeScreen::default()),
                Cmd::Go(Target::Screen(s)) => {
                    self.screen = *s;
                    self.entered_screen();
                }
                Cmd::Status(s) => self.set_status(s),
                Cmd::ResumeDraft => self.resume_draft(),
                Cmd::ResumeSession(id) => self.resume_session(&id),
                Cmd::Quit => {
                    self.save_draft_now();
                    self.quit = true;
                }
            }
        }
        self.sync_screen();
    }

    /// Picks up an unfinished session where its saved answers stop.
    pub fn resume_session(&mut self, id: &str) {
        match self.store.load_session(id) {
            Ok(session) if session.kind == crate::store::SessionKind::Writing => {
                match self.store.load_draft_for(id).ok().flatten() {
                    Some(d) => {
                        self.draft = Some(d);
                        self.resume_draft();
                    }
                    None => {
                        self.set_status(format!("{}: nothing was written yet", L::CANNOT_RESUME))
                    }
                }
            }
            Ok(session) => {
                let now = self.clock.now();
                let parked = self.store.load_draft_for(id).ok().flatten();
                let mut screen =
                    SessionScreen::resume(&self.content, session, parked.as_ref(), now);
                let cmds = screen.finish_if_done(&self.content, (self.wall)());
                self.screen = Screen::Session(Box::new(screen));
                self.apply(cmds);
            }
            Err(e) => self.set_status(format!("{}: {e}", L::CANNOT_RESUME)),
        }
    }

    /// Starts or resumes from a screen constructor that needs the store.
    pub fn resume_draft(&mut self) {
        let Some(d) = self.draft.clone() else { return };
        match self.store.load_session(&d.session_id) {
            Ok(session) if d.step == crate::store::DraftStep::Writing => {
                let now = self.clock.now();
                match super::screens::writing::WritingScreen::resume(
                    &self.content,
                    session,
                    &d,
                    now,
                ) {
                    Some(w) => self.screen = Screen::Writing(Box::new(w)),
                    None => self.set_status(format!(
                        "{}: writing prompt \"{}\" is no longer in the content",
                        L::CANNOT_RESUME,
                        d.question_id
                    )),
                }
            }
            Ok(session) => {
                let now = self.clock.now();
                let mut screen = SessionScreen::resume(&self.content, session, Some(&d), now);
                let cmds = screen.finish_if_done(&self.content, (self.wall)());
                self.screen = Screen::Session(Box::new(screen));
                self.apply(cmds);
            }
            Err(e) => self.set_status(format!("{}: {e}", L::CANNOT_RESUME)),
        }
    }

    pub fn render(&self, f: &mut Frame) {
        let area = f.area();
        self.last_size.set((area.width, area.height));
        if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
            let msg = vec![
                Line::styled(L::TOO_SMALL, theme::accent()),
                Line::raw(format!(
                    "{}×{} now; {}×{} needed.",
                    area.width, area.height, MIN_WIDTH, MIN_HEIGHT
                )),
                Line::styled(L::TOO_SMALL_HINT, theme::dim()),
            ];
            f.render_widget(Paragraph::new(msg).wrap(Wrap { trim: true }), area);
            return;
        }
        // A status message gets its own line(s) above the footer, so the
        // footer always shows the keys that work now.
        let status = self.status.as_ref().map(|(s, _)| {
            crate::tui::screens::review::wrap(&text::one_line(s), usize::from(area.width).max(1))
        });
        let status_rows = status.as_ref().map_or(0, |l| l.len().min(3)) as u16;
        let [header, body, status_area, footer] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Min(1),
            Constraint::Length(status_rows),
            Constraint::Length(1),
        ])
        .areas(area);
        let ctx = self.ctx();
        let badge = if self.store.is_read_only() {
            format!("  {}", L::READ_ONLY_BADGE)
        } else {
            String::new()
        };
        let room = usize::from(area.width).saturating_sub(11 + badge.chars().count());
        let head = vec![
            Span::styled(" loopdrill ", theme::title()),
            Span::styled(
                text::truncate(&text::one_line(&self.screen.title(&ctx)), room),
                theme::text(),
            ),
            Span::styled(badge, theme::warn()),
        ];
        f.render_widget(Paragraph::new(Line::from(head)), header);
        self.screen.render(f, body, &ctx);
        if let Some(lines) = status {
            let lines: Vec<Line> = lines
                .into_iter()
                .take(usize::from(status_rows))
                .map(|l| Line::styled(l, theme::accent()))
                .collect();
            f.render_widget(Paragraph::new(lines), status_area);
        }
        let keys = self.screen.footer(&ctx);
        f.render_widget(Paragraph::new(widgets::key_line(&keys)), footer);
        if self.help {
            render_help(f, body, &self.screen.help(&ctx));
        }
    }
}

fn render_help(f: &mut Frame, area: Rect, screen_keys: &[(&str, &str)]) {
    use crate::tui::screens::review::{pad_left, width, wrap};
    let w = area.width.min(76);
    let key_w = screen_keys
        .iter()
        .chain(L::GLOBAL_KEYS)
        .map(|(k, _)| width(k))
        .max()
        .unwrap_or(0)
        .min(usize::from(w) / 3);
    // Inside the border: the key column, two spaces, the description.
    let desc_w = usize::from(w).saturating_sub(key_w + 4).max(10);
    let rows = |keys: &[(&str, &str)], lines: &mut Vec<Line<'static>>| {
        for (k, d) in keys {
            for (i, part) in wrap(d, desc_w).into_iter().enumerate() {
                let key = if i == 0 {
                    pad_left(k, key_w)
                } else {
                    " ".repeat(key_w)
                };
                lines.push(Line::from(vec![
                    Span::styled(format!("{key}  "), theme::key()),
                    Span::raw(part),
                ]));
            }
        }
    };
    let mut lines = vec![Line::styled(L::HELP_THIS_SCREEN, theme::title())];
    rows(screen_keys, &mut lines);
    lines.push(Line::raw(""));
    lines.push(Line::styled(L::HELP_EVERYWHERE, theme::title()));
    rows(L::GLOBAL_KEYS, &mut lines);
    let h = area.height.min(lines.len() as u16 + 2);
    let r = Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    );
    f.render_widget(Clear, r);
    f.render_widget(
        Paragraph::new(lines).block(
            Block::default()
                .borders(Borders::ALL)
                .border_style(theme::border_focus())
                .title(L::HELP_TITLE),
        ),
        r,
    );
}

/// The message for a command that needs to write while another instance holds the store.
pub fn read_only_message(dir: &std::path::Path) -> String {
    format!(
        "another loopdrill is already using {}; close it first (plain `loopdrill` opens read-only)",
        dir.display()
    )
}
