//! What screens and the app share: the commands a screen asks the app to
//! carry out ([`Cmd`]) and the read-only view of the app a screen is given
//! ([`Ctx`]). Kept apart from `app`, so screens do not import the app that
//! holds them.

use super::screens::Screen;
use crate::content::Content;
use crate::store::{Draft, History, ReadOnlyWhy, Session, StoryBank};
use chrono::{DateTime, Utc};
use std::time::Duration;

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

/// Read-only view of app state handed to screens.
pub struct Ctx<'a> {
    pub content: &'a Content,
    pub history: Option<&'a History>,
    /// The full history, or until it arrives the summary index's: enough
    /// for the home screen's progress, due list and recent sessions (the
    /// typed words may be missing).
    pub overview: Option<&'a History>,
    pub stories: &'a StoryBank,
    pub draft: Option<&'a Draft>,
    /// Monotonic time.
    pub now: Duration,
    pub wall: DateTime<Utc>,
    pub read_only: bool,
    /// Why the store is read-only, when it is.
    pub read_only_why: Option<&'a ReadOnlyWhy>,
    /// Ids of the sessions in the trash (restorable from the review screen).
    pub trashed: &'a [TrashEntry],
    /// Why `stories.json` could not be read at start, if it could not: the
    /// story bank is then never written, so the file is never overwritten.
    pub stories_unreadable: Option<&'a str>,
    /// The story bank or draft file if it could not be read at start (left
    /// untouched), as `PATH:LINE:COL: why`; sessions that could not be read
    /// are in `history.problems`. Home lists both.
    pub unreadable: &'a [String],
    /// The local model, when the AI interviewer is on.
    pub ai: Option<&'a super::AiSetup>,
    /// The config's defaults for what is started here, and the debrief's vote.
    pub settings: &'a super::Settings,
}

impl Ctx<'_> {
    /// Why nothing can be changed here (shown when a change is refused).
    pub fn read_only_note(&self) -> String {
        match self.read_only_why {
            Some(ReadOnlyWhy::NotWritable(e)) => format!(
                "Read-only: the data dir cannot be written ({e}), so nothing can be changed here."
            ),
            _ => "Read-only: another loopdrill holds the data dir, so nothing can be changed here."
                .to_string(),
        }
    }

    /// Why practising cannot start here (home's refusal).
    pub fn practise_read_only_note(&self) -> String {
        match self.read_only_why {
            Some(ReadOnlyWhy::NotWritable(e)) => format!(
                "Read-only: the data dir cannot be written ({e}), so nothing could be saved. Make it writable to practise here."
            ),
            _ => "Read-only: another loopdrill holds this data dir, so nothing could be saved. Close it to practise here.".to_string(),
        }
    }

    /// Why the story bank cannot be changed right now, if it cannot.
    pub fn stories_locked(&self) -> Option<String> {
        if self.read_only {
            Some(self.read_only_note())
        } else {
            self.stories_unreadable.map(|e| {
                format!("The story bank is not changed while its file cannot be read: {e}")
            })
        }
    }
}
