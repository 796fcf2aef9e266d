//! The screens, as one enum that forwards to the active one.

pub mod home;
pub mod session;

use super::app::{Cmd, Ctx};
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
}

macro_rules! each {
    ($self:expr, $s:ident => $e:expr) => {
        match $self {
            Screen::Home($s) => $e,
            Screen::Session($s) => $e,
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
        match self {
            Screen::Session(s) => s.captures_text(),
            Screen::Home(s) => s.captures_text(),
        }
    }
    pub fn paste(&mut self, text: &str, now: Duration) {
        if let Screen::Session(s) = self {
            s.paste(text, now);
        }
    }
    pub fn tick(&mut self, now: Duration, wall: DateTime<Utc>) -> Vec<Cmd> {
        match self {
            Screen::Session(s) => s.tick(now, wall),
            _ => Vec::new(),
        }
    }
    pub fn next_tick_in(&self, now: Duration) -> Option<Duration> {
        match self {
            Screen::Session(s) => s.next_tick_in(now),
            _ => None,
        }
    }
    pub fn draft(&self, now: Duration, wall: DateTime<Utc>) -> Option<Draft> {
        match self {
            Screen::Session(s) => s.draft(now, wall),
            _ => None,
        }
    }
}
