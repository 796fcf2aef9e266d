//! The application: owns content, the store and the active screen; the only
//! place that talks to the store. Screens ask for effects with [`Cmd`].

use super::labels as L;
use super::screens::{Screen, home::HomeScreen, session::SessionScreen};
use super::{text, theme, widgets};
use crate::content::Content;
use crate::practice::timer::Clock;
use crate::store::{Draft, History, ReadOnlyWhy, Session, Store, StoryBank};
use chrono::{DateTime, Utc};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};
use std::sync::mpsc::Receiver;
use std::time::Duration;

pub use super::cmd::{Cmd, Ctx, Target, TrashEntry};

/// Smallest terminal the screens are laid out for.
pub const MIN_WIDTH: u16 = 80;
pub const MIN_HEIGHT: u16 = 24;

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

/// What the history thread delivers: first the summary index (when there
/// is a usable one), then the full history.
#[derive(Debug)]
pub enum Loaded {
    Summary(History),
    Full(History),
}

/// The read-only view of an `App`, built field by field so the active screen
/// can be borrowed mutably beside it.
macro_rules! ctx {
    ($app:expr) => {
        Ctx {
            content: &$app.content,
            history: $app.history.as_ref(),
            overview: $app.history.as_ref().or($app.summary.as_ref()),
            stories: &$app.stories,
            draft: $app.draft.as_ref(),
            now: $app.clock.now(),
            wall: ($app.wall)(),
            read_only: $app.store.is_read_only(),
            read_only_why: $app.store.read_only_why(),
            trashed: &$app.trashed,
            stories_unreadable: $app.stories_unreadable.as_deref(),
            unreadable: &$app.unreadable,
            ai: $app.ai.as_ref(),
            settings: &$app.settings,
        }
    };
}

pub struct App {
    pub content: Content,
    pub store: Store,
    pub history: Option<History>,
    history_rx: Option<Receiver<Loaded>>,
    /// History received from the loading thread, applied at the next tick.
    history_arrived: Option<Loaded>,
    /// The summary index's history, until the full one arrives.
    pub summary: Option<History>,
    /// Told once a frame shows the summary: the history thread reads every
    /// session file only then, so on a small machine that read does not
    /// slow the frame the user is waiting for.
    summary_shown: Option<std::sync::mpsc::Sender<()>>,
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
    /// Writes that failed: what could not be saved, kept until a later save
    /// (or the one at quit) succeeds. See [`App::farewell`].
    unsaved: Unsaved,
    /// Where what cannot be saved in the data dir goes (outside it, as a
    /// full disk or read-only mount there would refuse that copy too).
    fallback_dir: std::path::PathBuf,
    /// The local model, when the AI interviewer is on (off by default).
    pub ai: Option<super::AiSetup>,
    /// The config's defaults for loops and drills started here, and whose
    /// levels the debrief votes on (the app's own with no config).
    pub settings: super::Settings,
    /// `[ai] allow_remote` with a model server off this machine, the first
    /// time: what will be sent where, over the screen until Enter.
    pub remote_notice: Option<crate::ai::RemoteNotice>,
}

/// What could not be saved, and where copies of it went.
#[derive(Debug, Default)]
struct Unsaved {
    /// The latest copy of each session whose save failed, with the error.
    sessions: std::collections::BTreeMap<String, (Session, String)>,
    /// The latest draft whose save failed, with the error.
    draft: Option<(Draft, String)>,
    /// Drafts whose removal was held back because their session's save
    /// failed: session id → the `saved_at` of the draft on disk then.
    held_drafts: std::collections::BTreeMap<String, Option<DateTime<Utc>>>,
    /// Where the copy of each unsaved thing was last written ("" = nowhere).
    copies: std::collections::BTreeMap<String, String>,
}

/// The default place for copies of what the data dir refused:
/// `$TMPDIR/loopdrill-unsaved-UID`.
pub fn default_fallback_dir() -> std::path::PathBuf {
    #[cfg(unix)]
    // SAFETY: geteuid has no preconditions and cannot fail.
    let who = unsafe { libc::geteuid() }.to_string();
    #[cfg(not(unix))]
    let who = std::env::var("USERNAME").unwrap_or_default();
    std::env::temp_dir().join(format!("loopdrill-unsaved-{who}"))
}

impl App {
    pub fn new(
        content: Content,
        store: Store,
        history_rx: Option<Receiver<Loaded>>,
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
        match store.read_only_why() {
            Some(ReadOnlyWhy::NotWritable(e)) => notes.push(format!(
                "The data dir cannot be written ({e}): this loopdrill is read-only (nothing you type can be saved)."
            )),
            Some(ReadOnlyWhy::Locked) => notes.push(L::READ_ONLY.to_string()),
            None => {}
        }
        let trashed = trash_entries(&store, &content, false);
        let mut app = App {
            stories_unreadable,
            unreadable,
            content,
            store,
            history: None,
            history_rx,
            history_arrived: None,
            summary: None,
            summary_shown: None,
            stories,
            draft,
            trashed,
            screen: Screen::Home(HomeScreen::default()),
            help: false,
            status: None,
            quit: false,
            clock,
            wall,
            unsaved: Unsaved::default(),
            fallback_dir: default_fallback_dir(),
            ai: None,
            settings: super::Settings::default(),
            remote_notice: None,
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
        let (shown_tx, shown_rx) = std::sync::mpsc::channel::<()>();
        let dir = self.store.dir().to_path_buf();
        let content = self.content.clone();
        let writer = !self.store.is_read_only();
        std::thread::spawn(move || {
            let store = Store::open_read_only(&dir);
            let judge = crate::practice::judge::Judge::new(&content);
            // The summary first, when the index is usable: the home screen
            // shows progress from it while every session file is read.
            if let Some((mut summary, _)) = store.load_summary(judge.fingerprint()) {
                for s in &mut summary.sessions {
                    judge.refresh_cache(s);
                }
                if tx.send(Loaded::Summary(summary)).is_err() {
                    return;
                }
                // Until the summary is on screen (or a moment has passed;
                // a closed channel means the app is going).
                let _ = shown_rx.recv_timeout(std::time::Duration::from_millis(250));
            }
            // Every file is read below anyway, so the writer checks the
            // index against all of them (a sealed index does not see a file
            // rewritten in place) and writes it again when it differs. The
            // files are stamped before they are read, so a file saved
            // meanwhile is seen as changed by the next start.
            let stamps = writer.then(|| store.session_stamps());
            let mut history = store.load_history();
            // Judge, off the UI thread, the answers whose cached judgement is
            // missing or stale (in memory only: nothing is rewritten), so the
            // screens that show progress find every judgement ready.
            for s in &mut history.sessions {
                judge.refresh_cache(s);
            }
            if let Some(stamps) = stamps {
                // A cache: a failure to write it costs only speed next time;
                // an index that holds these bytes already is left as it is.
                let _ =
                    crate::store::index::write_index(&dir, &history, &stamps, judge.fingerprint());
            }
            let _ = tx.send(Loaded::Full(history));
        });
        self.history_rx = Some(rx);
        self.summary_shown = Some(shown_tx);
    }

    /// Called after each frame is drawn: once one shows the summary, the
    /// history thread goes on to read every session file.
    pub fn frame_drawn(&mut self) {
        if self.summary.is_some()
            && let Some(tx) = self.summary_shown.take()
        {
            let _ = tx.send(());
        }
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
    /// Whether history is still being read on its thread.
    pub fn loading_history(&self) -> bool {
        self.history_rx.is_some()
    }

    /// Whether the history thread has delivered (kept for the next tick):
    /// the event loop asks between short waits for input, so history is on
    /// screen as soon as it is read, not at the next fixed poll.
    pub fn history_ready(&mut self) -> bool {
        if self.history_arrived.is_none()
            && let Some(rx) = &self.history_rx
            && let Ok(h) = rx.try_recv()
        {
            self.history_arrived = Some(h);
        }
        self.history_arrived.is_some()
    }

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
        let _ = self.history_ready();
        if let Some(Loaded::Summary(h)) = self
            .history_arrived
            .take_if(|l| matches!(l, Loaded::Summary(_)))
        {
            self.summary = Some(h);
            self.sync_screen();
        }
        if let Some(Loaded::Full(h)) = self.history_arrived.take() {
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
            self.summary = None;
            self.history_rx = None;
            self.sync_screen();
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
        let cmds = self.typing_to_save();
        self.apply(cmds);
    }

    /// What [`App::save_draft_now`] would save, without saving it: kept up to
    /// date for the watchdog, which saves it when the terminal is gone and
    /// this thread cannot (see `tui::run`).
    pub fn typing_to_save(&self) -> Vec<Cmd> {
        let ctx = ctx!(self);
        self.screen.save_typing(&ctx)
    }

    /// Shows `notice` over the screen unless the user was told about its
    /// server before (remembered in the data dir); returns whether it shows.
    pub fn offer_remote_notice(&mut self, notice: crate::ai::RemoteNotice) -> bool {
        if self.store.remote_ai_told(&notice.url) {
            return false;
        }
        self.remote_notice = Some(notice);
        true
    }

    /// Enter on the notice: remembered, so it is not shown again (when the
    /// data dir cannot be written, the status line says it will be).
    fn acknowledge_remote_notice(&mut self) {
        let Some(n) = self.remote_notice.take() else {
            return;
        };
        if let Err(e) = self
            .store
            .remember_remote_ai_told(&n.url, &n.model, (self.wall)())
        {
            self.set_status(format!(
                "This notice could not be remembered ({e}): it will be shown again next time."
            ));
        }
    }

    pub fn paste(&mut self, s: &str) {
        if self.help || self.remote_notice.is_some() {
            return;
        }
        let now = self.clock.now();
        self.screen.paste(s, now);
    }

    /// A run of plain characters typed (queued together, say by an
    /// unbracketed paste): handled as that many keys would be, as one edit
    /// when the screen can take it so (the STAR editor), else key by key.
    pub fn type_run(&mut self, run: &str) {
        if !self.help
            && self.remote_notice.is_none()
            && self.screen.captures_text()
            && !run.is_empty()
        {
            let ctx = ctx!(self);
            if let Screen::Session(s) = &mut self.screen
                && s.type_run(run, &ctx)
            {
                self.status = None;
                return;
            }
        }
        for c in run.chars() {
            self.key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
        }
    }

    pub fn key(&mut self, key: KeyEvent) {
        if key.code == KeyCode::Char('c') && key.modifiers.contains(KeyModifiers::CONTROL) {
            self.save_draft_now();
            self.quit = true;
            return;
        }
        // What goes to a model server off this machine is said before
        // anything else: Enter takes it in (remembered), q quits.
        if self.remote_notice.is_some() {
            match key.code {
                KeyCode::Enter => self.acknowledge_remote_notice(),
                KeyCode::Char('q') => {
                    self.remote_notice = None;
                    self.save_draft_now();
                    self.quit = true;
                }
                _ => {}
            }
            return;
        }
        // Below the smallest layout the screen is not drawn, but keys still
        // reach it as usual: nothing typed meanwhile is lost.
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
        // Screens re-derive what they show from history only after a command
        // (a tick or key that asked for nothing changed nothing).
        let changed = !cmds.is_empty();
        for cmd in cmds {
            match cmd {
                Cmd::SaveSession(mut s) => {
                    // The judgement is cached with the answers it judged.
                    crate::practice::judge::Judge::new(&self.content).refresh_cache(&mut s);
                    let saved = self.store.save_session(&s);
                    match saved {
                        Ok(()) => {
                            self.saved_session(&s.id);
                            if let Some(h) = &mut self.history {
                                match h.sessions.iter_mut().find(|x| x.id == s.id) {
                                    Some(x) => *x = *s,
                                    None => h.sessions.push(*s),
                                }
                            }
                        }
                        Err(e) => {
                            // Keep it: in memory (retried on the next save and at
                            // quit) and as a copy on disk wherever one can go.
                            let where_ = self.keep_copy_of_session(&s);
                            self.unsaved
                                .sessions
                                .insert(s.id.clone(), (*s, e.to_string()));
                            self.set_status(format!("{}: {e}. {where_}", L::NOT_SAVED));
                        }
                    }
                }
                Cmd::SaveDraft(d) => match self
                    .retry_unsaved_sessions()
                    .and_then(|()| self.store.save_draft(&d))
                {
                    Ok(()) => {
                        self.unsaved.draft = None;
                        self.unsaved.copies.remove(DRAFT_KEY);
                        self.draft = Some(*d);
                    }
                    Err(e) => {
                        let where_ = self.keep_copy_of_draft(&d);
                        self.unsaved.draft = Some((*d, e.to_string()));
                        self.set_status(format!("{}: {e}. {where_}", L::DRAFT_NOT_SAVED));
                    }
                },
                Cmd::DiscardDraft(session) => {
                    // A draft goes only once the session holding its text is
                    // saved: after a failed save it is all there is on disk.
                    if self.unsaved.sessions.contains_key(&session) {
                        let on_disk = self
                            .draft
                            .as_ref()
                            .filter(|d| d.session_id == session)
                            .map(|d| d.saved_at);
                        self.unsaved.held_drafts.insert(session, on_disk);
                        continue;
                    }
                    if let Err(e) = self.store.discard_draft_for(&session) {
                        self.set_status(e.to_string());
                    }
                    self.draft = self.store.load_draft().ok().flatten();
                    // A draft of this session whose save failed earlier is
                    // done with too: its text is in the saved answer.
                    self.forget_unsaved_draft_of(&session);
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
        if changed {
            self.sync_screen();
        }
    }

    /// A session's save succeeded: it is no longer unsaved, and a draft held
    /// back for it goes now, unless a newer draft was written since.
    fn saved_session(&mut self, id: &str) {
        if self.unsaved.sessions.remove(id).is_none() {
            return;
        }
        self.unsaved.copies.remove(id);
        if let Some(held) = self.unsaved.held_drafts.remove(id) {
            let current = self
                .store
                .load_draft_for(id)
                .ok()
                .flatten()
                .map(|d| d.saved_at);
            if current.is_none() || current == held {
                let _ = self.store.discard_draft_for(id);
                self.draft = self.store.load_draft().ok().flatten();
                self.forget_unsaved_draft_of(id);
            }
        }
    }

    /// Drops the unsaved draft (and its copy's note) when it is of session
    /// `id`, whose answer holding its text is saved: quit then no longer
    /// says an unfinished answer was lost.
    fn forget_unsaved_draft_of(&mut self, id: &str) {
        if self
            .unsaved
            .draft
            .as_ref()
            .is_some_and(|(d, _)| d.session_id == id)
        {
            self.unsaved.draft = None;
            self.unsaved.copies.remove(DRAFT_KEY);
        }
    }

    /// Tries again to save the sessions whose save failed (before a draft
    /// replaces the one on disk, and at quit); the first error stops it.
    fn retry_unsaved_sessions(&mut self) -> crate::store::Result<()> {
        let ids: Vec<String> = self.unsaved.sessions.keys().cloned().collect();
        for id in ids {
            let s = self.unsaved.sessions[&id].0.clone();
            match self.store.save_session(&s) {
                Ok(()) => {
                    self.saved_session(&id);
                    if let Some(h) = &mut self.history {
                        match h.sessions.iter_mut().find(|x| x.id == s.id) {
                            Some(x) => *x = s,
                            None => h.sessions.push(s),
                        }
                    }
                }
                Err(e) => {
                    if let Some(x) = self.unsaved.sessions.get_mut(&id) {
                        x.1 = e.to_string();
                    }
                    return Err(e);
                }
            }
        }
        Ok(())
    }

    /// Where copies of what the data dir refuses go (tests point it at a
    /// temp dir; the default is [`default_fallback_dir`]).
    pub fn set_fallback_dir(&mut self, dir: std::path::PathBuf) {
        self.fallback_dir = dir;
    }

    /// Writes `bytes` as `name` in the data dir's `unsaved/`, else in the
    /// fallback dir; says where (or that no copy could be written).
    fn keep_copy(&mut self, key: &str, name: &str, bytes: &[u8], how: &str) -> String {
        let written = self.store.keep_unsaved(name, bytes).or_else(|_| {
            let dir = &self.fallback_dir;
            create_private_dir(dir)?;
            let path = dir.join(name);
            crate::store::write_bytes(&path, bytes).map(|()| path)
        });
        match written {
            Ok(path) => {
                let p = path.display().to_string();
                self.unsaved.copies.insert(key.to_string(), p.clone());
                format!("A copy is in {p} ({how}); saving is tried again at quit.")
            }
            Err(e) => {
                self.unsaved.copies.insert(key.to_string(), String::new());
                format!(
                    "No copy could be written either ({e}): it is kept in memory and tried again at quit. Free some space or quit to see it."
                )
            }
        }
    }

    fn keep_copy_of_session(&mut self, s: &Session) -> String {
        let export = crate::store::export::Export::new(vec![s.clone()], Vec::new());
        self.keep_copy(
            &s.id,
            &format!("session-{}.json", s.id),
            export.to_json().as_bytes(),
            "`loopdrill import` restores it",
        )
    }

    fn keep_copy_of_draft(&mut self, d: &Draft) -> String {
        let mut bytes = serde_json::to_vec_pretty(d).unwrap_or_default();
        bytes.push(b'\n');
        self.keep_copy(
            DRAFT_KEY,
            &format!("draft-{}.json", d.session_id),
            &bytes,
            "copied to the data dir as draft.json, it can be resumed",
        )
    }

    /// Whether something typed is not saved in the data dir right now.
    pub fn has_unsaved(&self) -> bool {
        !self.unsaved.sessions.is_empty() || self.unsaved.draft.is_some()
    }

    /// Called once the terminal is restored at quit: tries once more to save
    /// what could not be saved, and says what happened to everything typed.
    /// `Ok` holds lines for stdout (all is saved); `Err` means something is
    /// not in the data dir: its lines (for stderr) say where each copy is,
    /// and hold the text itself when no copy could be written anywhere.
    pub fn farewell(&mut self) -> Result<Vec<String>, Vec<String>> {
        if self.retry_unsaved_sessions().is_err() {
            // The copies on disk must be the latest versions.
            let pending: Vec<Session> = self
                .unsaved
                .sessions
                .values()
                .map(|(s, _)| s.clone())
                .collect();
            for s in &pending {
                let _ = self.keep_copy_of_session(s);
            }
        }
        if let Some((d, _)) = self.unsaved.draft.clone() {
            match self.store.save_draft(&d) {
                Ok(()) => {
                    self.unsaved.draft = None;
                    self.unsaved.copies.remove(DRAFT_KEY);
                    self.draft = Some(d);
                }
                Err(e) => {
                    let _ = self.keep_copy_of_draft(&d);
                    self.unsaved.draft = Some((d, e.to_string()));
                }
            }
        }
        if !self.has_unsaved() {
            return Ok(self
                .draft
                .iter()
                .map(|d| {
                    format!(
                        "Your unfinished answer ({}) is saved; run `loopdrill` and choose Resume to go on.",
                        crate::localtime::local(d.saved_at).format("%b %d %H:%M")
                    )
                })
                .collect());
        }
        let mut lines = Vec::new();
        let copy = |key: &str| self.unsaved.copies.get(key).filter(|p| !p.is_empty());
        for (id, (s, e)) in &self.unsaved.sessions {
            lines.push(format!("Session {id} was NOT saved in the data dir: {e}"));
            match copy(id) {
                Some(p) => lines.push(format!(
                    "  A copy is in {p}; `loopdrill import {p}` restores it."
                )),
                None => {
                    lines.push("  No copy could be written anywhere; its answers follow.".into());
                    lines.extend(session_text(s));
                }
            }
        }
        if let Some((d, e)) = &self.unsaved.draft {
            lines.push(format!("Your unfinished answer was NOT saved: {e}"));
            match copy(DRAFT_KEY) {
                Some(p) => lines.push(format!(
                    "  A copy is in {p}; copy it to {} to resume it.",
                    self.store.dir().join(crate::store::DRAFT_FILE).display()
                )),
                None => {
                    lines.push("  No copy could be written anywhere; here is the text:".into());
                    lines.extend(d.fields.iter().map(|f| format!("  {f}")));
                }
            }
        }
        Err(lines)
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
                let cmds = screen.finish_if_done(&self.content, self.settings.vote, (self.wall)());
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
                let cmds = screen.finish_if_done(&self.content, self.settings.vote, (self.wall)());
                self.screen = Screen::Session(Box::new(screen));
                self.apply(cmds);
            }
            Err(e) => self.set_status(format!("{}: {e}", L::CANNOT_RESUME)),
        }
    }

    pub fn render(&self, f: &mut Frame) {
        let area = f.area();
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
            crate::tui::text::wrap(&text::one_line(s), usize::from(area.width).max(1))
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
        let keys = if self.remote_notice.is_some() {
            vec![
                ("Enter", "understood (not shown again)"),
                ("q", "quit: nothing has been sent"),
            ]
        } else {
            self.screen.footer(&ctx)
        };
        f.render_widget(Paragraph::new(widgets::key_line(&keys)), footer);
        if self.help {
            render_help(f, body, &self.screen.help(&ctx));
        }
        if let Some(n) = &self.remote_notice {
            render_remote_notice(f, body, n);
        }
    }
}

fn render_help(f: &mut Frame, area: Rect, screen_keys: &[(&str, &str)]) {
    use crate::tui::text::{pad_left, width, wrap};
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
    render_popup(f, area, w, lines, theme::border_focus(), L::HELP_TITLE);
}

/// A box `w` wide, as tall as its `lines` (at most the screen), centred
/// over what is drawn.
fn render_popup(
    f: &mut Frame,
    area: Rect,
    w: u16,
    lines: Vec<Line<'static>>,
    border: ratatui::style::Style,
    title: &'static str,
) {
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
                .border_style(border)
                .title(title),
        ),
        r,
    );
}

/// The notice of what goes to a model server off this machine.
fn render_remote_notice(f: &mut Frame, area: Rect, n: &crate::ai::RemoteNotice) {
    let w = area.width.min(72);
    let inner = usize::from(w.saturating_sub(2)).max(10);
    let mut lines: Vec<Line<'static>> = Vec::new();
    for l in text::wrap(&text::one_line(&n.text), inner) {
        lines.push(Line::raw(l));
    }
    lines.push(Line::raw(""));
    for l in text::wrap(&format!("Server: {}", text::one_line(&n.url)), inner) {
        lines.push(Line::styled(l, theme::accent()));
    }
    lines.push(Line::raw(""));
    for l in text::wrap(
        "Enter: understood, and not shown again for this server. q: quit now (nothing has been sent); set [ai] allow_remote = false or a loopback url to keep answers on this machine.",
        inner,
    ) {
        lines.push(Line::styled(l, theme::dim()));
    }
    render_popup(
        f,
        area,
        w,
        lines,
        theme::warn(),
        " Your answers will leave this machine ",
    );
}

/// The key of the draft in `Unsaved::copies` (session ids never contain a space).
const DRAFT_KEY: &str = "draft file";

/// Creates `dir` (0700) if missing; an existing one must be a folder of ours.
fn create_private_dir(dir: &std::path::Path) -> crate::store::Result<()> {
    let err = |e| crate::store::StoreError::Io {
        path: dir.to_path_buf(),
        source: e,
    };
    #[cfg(unix)]
    {
        use std::os::unix::fs::{DirBuilderExt, MetadataExt};
        match std::fs::DirBuilder::new().mode(0o700).create(dir) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
            Err(e) => return Err(err(e)),
        }
        let m = std::fs::symlink_metadata(dir).map_err(err)?;
        // SAFETY: geteuid has no preconditions and cannot fail.
        if !m.is_dir() || m.uid() != unsafe { libc::geteuid() } {
            return Err(err(std::io::Error::other("not a folder of this user")));
        }
    }
    #[cfg(not(unix))]
    std::fs::create_dir_all(dir).map_err(err)?;
    Ok(())
}

/// A session's typed text, for the terminal when no copy could be written.
fn session_text(s: &Session) -> Vec<String> {
    let mut out = Vec::new();
    for a in &s.answers {
        out.push(format!("  Q: {}", a.question));
        for (label, t) in a.labelled() {
            if !t.trim().is_empty() {
                out.push(format!("  {label}: {t}"));
            }
        }
        for f in &a.follow_ups {
            out.push(format!("  {}: {}", f.probe, f.response));
        }
        if !a.self_scores.is_empty() {
            let scores: Vec<String> = a
                .self_scores
                .iter()
                .map(|(k, v)| format!("{k} {v}"))
                .collect();
            out.push(format!("  self-scores: {}", scores.join(", ")));
        }
        if !a.notes.trim().is_empty() {
            out.push(format!("  notes: {}", a.notes));
        }
    }
    out
}

/// The message for a command that needs to write while the store is read-only.
pub fn read_only_message(dir: &std::path::Path, why: Option<&ReadOnlyWhy>) -> String {
    match why {
        Some(ReadOnlyWhy::NotWritable(e)) => format!(
            "{} cannot be written ({e}); nothing could be saved, so this does not start (plain `loopdrill` and `loopdrill review` open it read-only)",
            dir.display()
        ),
        _ => format!(
            "another loopdrill is already using {}; close it first (plain `loopdrill` opens read-only)",
            dir.display()
        ),
    }
}
