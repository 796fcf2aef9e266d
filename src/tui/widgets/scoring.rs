//! The self-score board shared by the session's self-score step and the
//! review's re-score: which criteria apply, the keys, and the drawing.

use crate::content::{Content, Criterion};
use crate::tui::text::{one_line, sanitize, truncate};
use crate::tui::theme;
use crossterm::event::{KeyCode, KeyEvent};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};
use std::collections::BTreeMap;

/// One criterion to score, with the key its score is stored under.
#[derive(Debug, Clone)]
pub struct ScoreItem {
    pub key: String,
    pub rubric: String,
    pub criterion: Criterion,
}

/// The criteria for an answer: its primary LP's rubric, the STAR-delivery
/// rubric, and the Bar Raiser rubric in a Bar Raiser's interview.
pub fn items_for(content: &Content, principles: &[String], bar_raiser: bool) -> Vec<ScoreItem> {
    let mut rubrics = Vec::new();
    if let Some(r) = principles.first().and_then(|p| content.principle_rubric(p)) {
        rubrics.push(r);
    }
    if let Some(r) = content.delivery_rubric() {
        rubrics.push(r);
    }
    if bar_raiser && let Some(r) = content.bar_raiser_rubric() {
        rubrics.push(r);
    }
    rubrics
        .into_iter()
        .flat_map(|r| {
            r.criteria.iter().map(move |c| ScoreItem {
                key: r.score_key(c),
                rubric: r.name.clone(),
                criterion: c.clone(),
            })
        })
        .collect()
}

/// A scoring cursor over the items.
#[derive(Debug, Clone, Default)]
pub struct Board {
    pub items: Vec<ScoreItem>,
    pub cursor: usize,
    pub scores: BTreeMap<String, u8>,
}

impl Board {
    /// Moves, sets (`1`–`4`, then on to the next) or clears (`0`, Backspace)
    /// a level. Returns whether the key was used.
    pub fn key(&mut self, key: KeyEvent) -> bool {
        let last = self.items.len().saturating_sub(1);
        match key.code {
            KeyCode::Up | KeyCode::Char('k') => self.cursor = self.cursor.saturating_sub(1),
            KeyCode::Down | KeyCode::Char('j') => self.cursor = (self.cursor + 1).min(last),
            KeyCode::Char(c @ '1'..='4') => {
                if let Some(it) = self.items.get(self.cursor) {
                    self.scores.insert(it.key.clone(), c as u8 - b'0');
                    self.cursor = (self.cursor + 1).min(last);
                }
            }
            KeyCode::Char('0') | KeyCode::Backspace | KeyCode::Delete => {
                if let Some(it) = self.items.get(self.cursor) {
                    self.scores.remove(&it.key);
                }
            }
            _ => return false,
        }
        true
    }

    pub fn scored(&self) -> usize {
        self.items
            .iter()
            .filter(|i| self.scores.contains_key(&i.key))
            .count()
    }

    /// The criteria list (left) and the selected criterion's four levels
    /// (right). With `before`, changed scores are marked and the earlier
    /// level is shown.
    pub fn render(
        &self,
        f: &mut Frame,
        area: Rect,
        focused: bool,
        before: Option<&BTreeMap<String, u8>>,
    ) {
        let [list, detail] =
            Layout::horizontal([Constraint::Percentage(45), Constraint::Percentage(55)])
                .areas(area);
        let height = list.height.saturating_sub(2) as usize;
        let start = self.cursor.saturating_sub(height.saturating_sub(1));
        let lines: Vec<Line> = self
            .items
            .iter()
            .enumerate()
            .skip(start)
            .take(height)
            .map(|(i, it)| {
                let now = self.scores.get(&it.key).copied();
                let v = now.map_or("·".to_string(), |v| v.to_string());
                let changed = before.is_some_and(|b| b.get(&it.key).copied() != now);
                let label = truncate(
                    &format!(
                        "{} — {}",
                        one_line(&it.rubric),
                        one_line(&it.criterion.name)
                    ),
                    list.width
                        .saturating_sub(if before.is_some() { 9 } else { 8 })
                        as usize,
                );
                let st = if i == self.cursor && focused {
                    theme::selected()
                } else {
                    theme::text()
                };
                Line::from(vec![
                    Span::styled(
                        format!(" [{v}]"),
                        if changed || before.is_none() {
                            theme::accent()
                        } else {
                            theme::dim()
                        },
                    ),
                    Span::styled(
                        match before {
                            None => " ",
                            Some(_) if changed => "* ",
                            Some(_) => "  ",
                        },
                        theme::accent(),
                    ),
                    Span::styled(label, st),
                ])
            })
            .collect();
        let border = if focused {
            theme::border_focus()
        } else {
            theme::border()
        };
        f.render_widget(
            Paragraph::new(lines).block(
                Block::default()
                    .borders(Borders::ALL)
                    .border_style(border)
                    .title(" Criteria "),
            ),
            list,
        );
        let Some(it) = self.items.get(self.cursor) else {
            return;
        };
        let chosen = self.scores.get(&it.key).copied();
        let names = ["1 Strong No Hire", "2 No Hire", "3 Hire", "4 Strong Hire"];
        let mut lines = vec![Line::styled(one_line(&it.criterion.name), theme::title())];
        if let Some(w) = before.and_then(|b| b.get(&it.key)) {
            lines.push(Line::styled(format!("Before: {w}"), theme::dim()));
        }
        for (k, lvl) in it.criterion.levels.iter().enumerate() {
            let st = if chosen == Some(k as u8 + 1) {
                theme::selected()
            } else {
                theme::text()
            };
            lines.push(Line::styled(names[k], theme::accent()));
            lines.push(Line::styled(sanitize(lvl), st));
        }
        f.render_widget(
            Paragraph::new(lines).wrap(Wrap { trim: true }).block(
                Block::default()
                    .borders(Borders::ALL)
                    .border_style(theme::border())
                    .title(" Levels "),
            ),
            detail,
        );
    }
}
