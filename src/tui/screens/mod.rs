//! The screens, as one enum that forwards to the active one.

pub mod home;
pub mod review;
pub mod session;
pub mod stats;
pub mod stories;
pub mod writing;
pub mod written;

use super::cmd::{Cmd, Ctx};
use crate::store::Draft;
use chrono::{DateTime, Utc};
use crossterm::event::KeyEvent;
use ratatui::Frame;
use ratatui::layout::Rect;
use std::time::Duration;

#[derive(Debug, Clone)]
pub enum Screen {
    Home(home::HomeScreen),
    Session(Box<session::SessionScreen>),
    Review(Box<review::ReviewScreen>),
    Stories(Box<stories::StoriesScreen>),
    Stats(Box<stats::StatsScreen>),
    Writing(Box<writing::WritingScreen>),
    Written(Box<written::WrittenScreen>),
}

macro_rules! each {
    ($self:expr, $s:ident => $e:expr) => {
        match $self {
            Screen::Home($s) => $e,
            Screen::Session($s) => $e,
            Screen::Review($s) => $e,
            Screen::Stories($s) => $e,
            Screen::Stats($s) => $e,
            Screen::Writing($s) => $e,
            Screen::Written($s) => $e,
        }
    };
}

impl Screen {
    pub fn title(&self, ctx: &Ctx) -> String {
        each!(self, s => s.title(ctx))
    }
    pub fn render(&self, f: &mut Frame, area: Rect, ctx: &Ctx) {
        each!(self, s => s.render(f, area, ctx))
    }
    pub fn footer(&self, ctx: &Ctx) -> Vec<(&'static str, &'static str)> {
        each!(self, s => s.footer(ctx))
    }
    pub fn help(&self, ctx: &Ctx) -> Vec<(&'static str, &'static str)> {
        each!(self, s => s.help(ctx))
    }
    pub fn key(&mut self, key: KeyEvent, ctx: &Ctx) -> Vec<Cmd> {
        each!(self, s => s.key(key, ctx))
    }
    /// Whether keys like `?` and `q` are text right now.
    pub fn captures_text(&self) -> bool {
        each!(self, s => s.captures_text())
    }
    pub fn paste(&mut self, text: &str, now: Duration) {
        match self {
            Screen::Session(s) => s.paste(text, now),
            Screen::Review(s) => s.paste(text),
            Screen::Stories(s) => s.paste(text),
            Screen::Writing(s) => s.paste(text, now),
            _ => {}
        }
    }
    /// Refreshes what a screen derived from history or stories; called by the
    /// app after history arrives, after every batch of commands and on opening.
    pub fn sync(&mut self, ctx: &Ctx) {
        match self {
            Screen::Home(s) => s.sync(ctx),
            Screen::Review(s) => s.sync(ctx),
            Screen::Stories(s) => s.sync(ctx),
            Screen::Stats(s) => s.sync(ctx),
            _ => {}
        }
    }
    pub fn tick(&mut self, now: Duration, wall: DateTime<Utc>) -> Vec<Cmd> {
        match self {
            Screen::Session(s) => s.tick(now, wall),
            Screen::Writing(s) => s.tick(now, wall),
            _ => Vec::new(),
        }
    }
    pub fn next_tick_in(&self, now: Duration) -> Option<Duration> {
        match self {
            Screen::Session(s) => s.next_tick_in(now),
            Screen::Writing(s) => s.next_tick_in(now),
            _ => None,
        }
    }
    /// Saves what is being typed (Ctrl-C, SIGTERM, a closed terminal, quit):
    /// an answer's or a writing exercise's draft, the self-scores and notes
    /// so far, a story being edited, a re-score under way.
    pub fn save_typing(&self, ctx: &Ctx) -> Vec<Cmd> {
        match self {
            Screen::Session(s) => s.save_typing(ctx.now, ctx.wall),
            Screen::Stories(s) => s.save_typing(ctx),
            Screen::Review(s) => s.save_typing(ctx),
            _ => self
                .draft(ctx.now, ctx.wall)
                .map(|d| vec![Cmd::SaveDraft(Box::new(d))])
                .unwrap_or_default(),
        }
    }

    pub fn draft(&self, now: Duration, wall: DateTime<Utc>) -> Option<Draft> {
        match self {
            Screen::Session(s) => s.draft(now, wall),
            Screen::Writing(s) => s.draft(now, wall),
            _ => None,
        }
    }
}
