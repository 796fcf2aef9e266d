//! Past writing: every timed writing exercise submitted, newest first, and
//! each one to reread with its checks and time.

use super::Screen;
use super::review::{ReviewScreen, clock};
use crate::practice::writing::parse_summary;
use crate::store::{Session, WritingRecord};
use crate::tui::cmd::{Cmd, Ctx, Target};
use crate::tui::labels as L;
use crate::tui::text::{one_line, plural, sanitize};
use crate::tui::text::{pad, pad_left, wrap};
use crate::tui::theme;
use crossterm::event::{KeyCode, KeyEvent};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};
use std::cell::Cell;

/// Where Esc on the list goes back to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Back {
    #[default]
    Home,
    Review,
}

#[derive(Debug, Clone, Default)]
pub struct WrittenScreen {
    cursor: usize,
    /// The session id being read, and how far it is scrolled.
    open: Option<(String, u16)>,
    back: Back,
    page_rows: Cell<usize>,
    max_scroll: Cell<u16>,
}

/// The writing sessions in `ctx`'s history, newest first.
fn entries<'a>(ctx: &Ctx<'a>) -> Vec<(&'a Session, &'a WritingRecord)> {
    let Some(h) = ctx.history else {
        return Vec::new();
    };
    let mut v: Vec<_> = h
        .sessions
        .iter()
        .filter_map(|s| s.writing.as_ref().map(|w| (s, w)))
        .collect();
    v.sort_by(|a, b| {
        b.0.started_at
            .cmp(&a.0.started_at)
            .then(b.0.id.cmp(&a.0.id))
    });
    v
}

/// How many of a record's stored checks passed, of how many.
fn passed(w: &WritingRecord) -> (usize, usize) {
    let ok = w
        .checks
        .iter()
        .filter(|c| parse_summary(c).is_some_and(|(_, p, _)| p))
        .count();
    (ok, w.checks.len())
}

impl WrittenScreen {
    pub fn new(back: Back) -> WrittenScreen {
        WrittenScreen {
            back,
            ..WrittenScreen::default()
        }
    }

    pub fn captures_text(&self) -> bool {
        false
    }

    pub fn title(&self, _ctx: &Ctx) -> String {
        "· past writing".into()
    }

    pub fn footer(&self, _ctx: &Ctx) -> Vec<(&'static str, &'static str)> {
        if self.open.is_some() {
            vec![("↑↓/PgUp/PgDn", "scroll"), ("Esc", "the list")]
        } else {
            vec![
                ("↑↓", "move"),
                ("Enter", "read"),
                ("Esc", "back"),
                ("q", "quit"),
                ("?", "help"),
            ]
        }
    }

    pub fn help(&self, _ctx: &Ctx) -> Vec<(&'static str, &'static str)> {
        vec![
            ("↑ ↓ / j k", "move; Home/End the first or last"),
            ("Enter", "read the selected piece with its checks"),
            ("↑ ↓ PgUp PgDn", "reading: scroll"),
            ("Esc", "reading: back to the list; list: back"),
        ]
    }

    pub fn key(&mut self, key: KeyEvent, ctx: &Ctx) -> Vec<Cmd> {
        if let Some((sid, scroll)) = self.open.take() {
            let page = self.page_rows.get().max(1) as u16;
            let max = self.max_scroll.get();
            let scroll = match key.code {
                KeyCode::Esc | KeyCode::Char('q') => return vec![],
                KeyCode::Down | KeyCode::Char('j') => (scroll + 1).min(max),
                KeyCode::Up | KeyCode::Char('k') => scroll.saturating_sub(1),
                KeyCode::PageDown | KeyCode::Char(' ') => (scroll + page).min(max),
                KeyCode::PageUp => scroll.saturating_sub(page),
                KeyCode::Home | KeyCode::Char('g') => 0,
                KeyCode::End | KeyCode::Char('G') => max,
                _ => scroll,
            };
            self.open = Some((sid, scroll));
            return vec![];
        }
        let list = entries(ctx);
        let last = list.len().saturating_sub(1);
        match key.code {
            KeyCode::Esc => {
                return vec![match self.back {
                    Back::Home => Cmd::Go(Target::Home),
                    Back::Review => Cmd::Go(Target::Screen(Box::new(Screen::Review(Box::new(
                        ReviewScreen::new(),
                    ))))),
                }];
            }
            KeyCode::Char('q') => return vec![Cmd::Quit],
            KeyCode::Down | KeyCode::Char('j') => self.cursor = (self.cursor + 1).min(last),
            KeyCode::Up | KeyCode::Char('k') => self.cursor = self.cursor.saturating_sub(1),
            KeyCode::Home | KeyCode::Char('g') => self.cursor = 0,
            KeyCode::End | KeyCode::Char('G') => self.cursor = last,
            KeyCode::Enter => {
                if let Some((s, _)) = list.get(self.cursor) {
                    self.open = Some((s.id.clone(), 0));
                }
            }
            _ => {}
        }
        vec![]
    }

    pub fn render(&self, f: &mut Frame, area: Rect, ctx: &Ctx) {
        if ctx.history.is_none() {
            f.render_widget(
                Paragraph::new(Line::styled(L::LOADING_HISTORY, theme::dim())),
                area,
            );
            return;
        }
        let list = entries(ctx);
        if let Some((sid, scroll)) = &self.open {
            match list.iter().find(|(s, _)| &s.id == sid) {
                Some((s, w)) => self.render_piece(f, area, s, w, *scroll),
                None => f.render_widget(
                    Paragraph::new("This piece is no longer in the history. Esc goes back."),
                    area,
                ),
            }
            return;
        }
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(theme::border_focus())
            .title(format!(" Past writing ({}) ", list.len()));
        let inner = block.inner(area);
        f.render_widget(block, area);
        let w = usize::from(inner.width);
        let mut lines = Vec::new();
        if list.is_empty() {
            lines.push(Line::raw(""));
            lines.push(Line::raw(" No writing yet."));
            lines.push(Line::styled(
                " Home → Timed writing exercise: a narrative, a PR/FAQ, a status report, a COE…",
                theme::dim(),
            ));
            f.render_widget(Paragraph::new(lines), inner);
            return;
        }
        // date 16, words 7, checks 8, time 13, the title takes the rest.
        let title_w = w.saturating_sub(16 + 7 + 8 + 13 + 5).max(10);
        lines.push(Line::styled(
            format!(
                " {} {} {} {} {}",
                pad("when", 16),
                pad("exercise", title_w),
                pad_left("words", 7),
                pad_left("checks", 8),
                pad_left("time", 13)
            ),
            theme::dim(),
        ));
        let rows = usize::from(inner.height).saturating_sub(1).max(1);
        let cur = self.cursor.min(list.len() - 1);
        let start = cur.saturating_sub(rows - 1);
        for (i, (s, wr)) in list.iter().enumerate().skip(start).take(rows) {
            let (ok, n) = passed(wr);
            let words = crate::practice::analysis::word_count(&wr.text);
            let st = if i == cur {
                theme::selected()
            } else {
                theme::text()
            };
            let checks_st = if i == cur {
                st
            } else if ok == n {
                theme::good()
            } else {
                theme::warn()
            };
            lines.push(Line::from(vec![
                Span::styled(
                    format!(
                        " {} {} {} ",
                        pad(
                            &crate::localtime::local(s.started_at)
                                .format("%Y-%m-%d %H:%M")
                                .to_string(),
                            16
                        ),
                        pad(&one_line(&wr.title), title_w),
                        pad_left(&words.to_string(), 7)
                    ),
                    st,
                ),
                Span::styled(pad_left(&format!("{ok}/{n}"), 8), checks_st),
                Span::styled(
                    format!(
                        " {}",
                        pad_left(
                            &format!(
                                "{} / {}",
                                clock(wr.duration_secs),
                                clock(wr.time_limit_secs)
                            ),
                            13
                        )
                    ),
                    st,
                ),
            ]));
        }
        f.render_widget(Paragraph::new(lines), inner);
    }

    fn render_piece(
        &self,
        f: &mut Frame,
        area: Rect,
        s: &Session,
        wr: &WritingRecord,
        scroll: u16,
    ) {
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(theme::border_focus())
            .title(format!(
                " {} · {} ",
                one_line(&wr.title),
                crate::localtime::local(s.started_at).format("%Y-%m-%d %H:%M")
            ));
        let inner = block.inner(area);
        f.render_widget(block, area);
        let w = usize::from(inner.width.saturating_sub(1)).max(10);
        let (ok, n) = passed(wr);
        let over = wr.duration_secs.saturating_sub(wr.time_limit_secs);
        let mut lines = vec![Line::from(vec![
            Span::styled("Time  ", theme::dim()),
            Span::raw(format!(
                "{} of {}",
                clock(wr.duration_secs),
                clock(wr.time_limit_secs)
            )),
            Span::styled(
                if over > 0 {
                    format!("  {} overtime", clock(over))
                } else {
                    String::new()
                },
                theme::warn(),
            ),
            Span::styled("   ", theme::dim()),
            Span::raw(plural(
                crate::practice::analysis::word_count(&wr.text) as usize,
                "word",
            )),
        ])];
        lines.push(Line::raw(""));
        lines.push(Line::styled(
            format!("Checks: {ok} of {n} passed"),
            theme::title(),
        ));
        for c in &wr.checks {
            match parse_summary(c) {
                Some((label, pass, detail)) => lines.push(Line::from(vec![
                    Span::styled(
                        if pass { "  ✓ " } else { "  ✗ " },
                        if pass { theme::good() } else { theme::bad() },
                    ),
                    Span::styled(format!("{label}: "), theme::text()),
                    Span::styled(sanitize(&detail), theme::dim()),
                ])),
                None => lines.push(Line::styled(format!("  {}", one_line(c)), theme::dim())),
            }
        }
        lines.push(Line::raw(""));
        lines.push(Line::styled("What you wrote", theme::title()));
        let text = sanitize(&wr.text);
        if text.trim().is_empty() {
            lines.push(Line::styled("  (nothing was written)", theme::dim()));
        }
        for para in text.lines() {
            if para.trim().is_empty() {
                lines.push(Line::raw(""));
                continue;
            }
            for l in wrap(para, w) {
                lines.push(Line::raw(l));
            }
        }
        let rows = usize::from(inner.height);
        self.page_rows.set(rows.max(1));
        let (shown, max) = crate::tui::widgets::page(lines, rows, scroll);
        self.max_scroll.set(max);
        f.render_widget(Paragraph::new(shown), inner);
    }
}
