//! All styles in one place; `NO_COLOR` turns colour off (bold/reverse stay).

use ratatui::style::{Color, Modifier, Style};
use std::sync::OnceLock;

/// Colours turned off by the config's `ui.color = false`.
static CONFIG_NO_COLOR: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// The config's `ui.color` (`NO_COLOR` wins over `true`).
pub fn set_color(on: bool) {
    CONFIG_NO_COLOR.store(!on, std::sync::atomic::Ordering::Relaxed);
}

fn no_color() -> bool {
    static NO: OnceLock<bool> = OnceLock::new();
    *NO.get_or_init(|| std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()))
        || CONFIG_NO_COLOR.load(std::sync::atomic::Ordering::Relaxed)
}

fn fg(c: Color) -> Style {
    if no_color() {
        Style::new()
    } else {
        Style::new().fg(c)
    }
}

pub fn title() -> Style {
    fg(Color::Cyan).add_modifier(Modifier::BOLD)
}
pub fn text() -> Style {
    Style::new()
}
pub fn dim() -> Style {
    if no_color() {
        Style::new().add_modifier(Modifier::DIM)
    } else {
        Style::new().fg(Color::DarkGray)
    }
}
pub fn accent() -> Style {
    fg(Color::Yellow).add_modifier(Modifier::BOLD)
}
pub fn key() -> Style {
    fg(Color::Cyan).add_modifier(Modifier::BOLD)
}
pub fn selected() -> Style {
    if no_color() {
        Style::new().add_modifier(Modifier::REVERSED)
    } else {
        Style::new()
            .bg(Color::Blue)
            .fg(Color::White)
            .add_modifier(Modifier::BOLD)
    }
}
pub fn good() -> Style {
    fg(Color::Green)
}
pub fn warn() -> Style {
    fg(Color::Yellow)
}
pub fn bad() -> Style {
    fg(Color::Red).add_modifier(Modifier::BOLD)
}
pub fn border() -> Style {
    fg(Color::DarkGray)
}
pub fn border_focus() -> Style {
    fg(Color::Cyan)
}
pub fn interviewer() -> Style {
    fg(Color::Magenta).add_modifier(Modifier::BOLD)
}
/// A word the review search found.
pub fn found() -> Style {
    Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
}

pub fn quote() -> Style {
    fg(Color::White).add_modifier(Modifier::ITALIC)
}
/// Style for a 1–4 score, in the bands of the debrief's votes (the
/// default thresholds, so the colours follow them).
pub fn score(v: f64) -> Style {
    use crate::store::Vote;
    match crate::practice::judge::vote(v, &crate::practice::judge::default_rules()) {
        Vote::StronglyInclined => good().add_modifier(Modifier::BOLD),
        Vote::Inclined => good(),
        Vote::NotInclined => warn(),
        Vote::StronglyNotInclined => bad(),
    }
}
