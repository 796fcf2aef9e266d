//! The self-score board shared by the session's self-score step and the
//! review's re-score: which criteria apply, the keys, and the drawing.

use crate::content::{Content, Criterion};
use crate::practice::judge::{CriterionJudgement, Effect, Judge, Judgement};
use crate::store::{Answer, Session};
use crate::tui::text::{one_line, sanitize, truncate};
use crate::tui::theme;
use crossterm::event::{KeyCode, KeyEvent};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Modifier;
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
pub fn items_for(
    content: &Content,
    question_id: &str,
    principles: &[String],
    bar_raiser: bool,
) -> Vec<ScoreItem> {
    // The rubrics the interviewer judges the answer on: a scenario or design
    // answer its format's, in place of STAR delivery.
    let rubrics = match content.question(question_id) {
        Some(q) => Judge::new(content).rubrics(q, bar_raiser),
        None => {
            let mut rubrics = Vec::new();
            if let Some(r) = principles.first().and_then(|p| content.principle_rubric(p)) {
                rubrics.push(r);
            }
            rubrics.extend(content.delivery_rubric());
            if bar_raiser {
                rubrics.extend(content.bar_raiser_rubric());
            }
            rubrics
        }
    };
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
    /// The interviewer's own judgement of the answer, shown beside each
    /// criterion; `None` when there is no text to judge (a spoken answer).
    pub judged: Option<Judgement>,
    /// How far the levels panel is scrolled (PgDn/PgUp), for anchors that do
    /// not fit a small terminal; and how far it can go, as last drawn.
    pub levels_scroll: u16,
    levels_max: std::cell::Cell<u16>,
}

impl Board {
    /// The board for scoring (or re-scoring) an answer of `session`: its
    /// criteria (with the Bar Raiser's in a Bar Raiser's interview), its
    /// current scores and its analysis.
    pub fn for_answer(content: &Content, session: &Session, answer: &Answer) -> Self {
        let bar_raiser = session
            .interviews
            .get(answer.interview_index)
            .is_some_and(|i| i.interviewer.bar_raiser);
        Self {
            items: items_for(content, &answer.question_id, &answer.principles, bar_raiser),
            cursor: 0,
            scores: answer.self_scores.clone(),
            judged: Judge::new(content).judge_answer(answer, bar_raiser),
            levels_scroll: 0,
            levels_max: std::cell::Cell::new(0),
        }
    }

    /// The interviewer's judgement of the criterion at `i`.
    pub fn judged(&self, i: usize) -> Option<&CriterionJudgement> {
        let it = self.items.get(i)?;
        self.judged
            .as_ref()?
            .criteria
            .iter()
            .find(|c| c.key == it.key)
    }

    /// The interviewer's level of the criterion at `i`, if judged.
    pub fn level(&self, i: usize) -> Option<u8> {
        self.judged(i).and_then(|c| c.level)
    }

    /// Whether the self-score at `i` is two or more levels above the
    /// interviewer's.
    pub fn padded(&self, i: usize) -> bool {
        let Some(it) = self.items.get(i) else {
            return false;
        };
        match (self.scores.get(&it.key), self.level(i)) {
            (Some(&mine), Some(theirs)) => mine >= theirs + 2,
            _ => false,
        }
    }

    /// How many criteria are self-scored two or more levels above the
    /// interviewer's.
    pub fn padded_count(&self) -> usize {
        (0..self.items.len()).filter(|&i| self.padded(i)).count()
    }

    /// Takes the interviewer's level for the criterion at the cursor.
    pub fn accept_interviewer(&mut self) -> bool {
        match (self.items.get(self.cursor), self.level(self.cursor)) {
            (Some(it), Some(l)) => {
                self.scores.insert(it.key.clone(), l);
                true
            }
            _ => false,
        }
    }

    /// The lines above the levels: the interviewer's level and evidence, and
    /// a plain warning when the self-score is well above it.
    pub fn evidence_lines(&self, i: usize) -> Vec<Line<'static>> {
        let mut lines = Vec::new();
        let Some(it) = self.items.get(i) else {
            return lines;
        };
        let Some(c) = self.judged(i) else {
            if self.judged.is_none() {
                lines.push(Line::styled(
                    "Interviewer: answered aloud, so only your score speaks for it.",
                    theme::dim(),
                ));
            }
            return lines;
        };
        match c.level {
            Some(l) => lines.push(Line::from(vec![
                Span::styled("Interviewer: ", theme::dim()),
                Span::styled(
                    format!("{l} of 4"),
                    theme::score(f64::from(l)).add_modifier(Modifier::BOLD),
                ),
                Span::styled(
                    match self.scores.get(&it.key) {
                        Some(m) => format!("   you: {m}"),
                        None => "   you: not scored".into(),
                    },
                    theme::dim(),
                ),
            ])),
            None => lines.push(Line::styled(
                format!(
                    "Interviewer: not judged ({})",
                    sanitize(c.silent.as_deref().unwrap_or(""))
                ),
                theme::dim(),
            )),
        }
        for e in &c.evidence {
            let text = if e.quote.is_empty() {
                sanitize(&e.reason)
            } else {
                format!("\"{}\" — {}", one_line(&e.quote), sanitize(&e.reason))
            };
            lines.push(Line::from(vec![
                Span::styled(
                    format!("{} ", e.effect.symbol()),
                    if e.effect == Effect::Plus {
                        theme::good()
                    } else {
                        theme::warn()
                    },
                ),
                Span::styled(text, theme::text()),
            ]));
        }
        if self.padded(i) {
            let mine = self.scores.get(&it.key).copied().unwrap_or(0);
            lines.push(Line::styled(
                format!(
                    "⚠ You gave {mine}; the evidence supports {}. Point at the sentence that earns a {mine} in your notes (Tab), or press = to take the interviewer's level.",
                    c.level.unwrap_or(0)
                ),
                theme::bad(),
            ));
        }
        lines
    }

    /// Moves, sets (`1`–`4`, then on to the next) or clears (`0`, Backspace)
    /// a level. Returns whether the key was used.
    pub fn key(&mut self, key: KeyEvent) -> bool {
        let last = self.items.len().saturating_sub(1);
        let at = self.cursor;
        match key.code {
            KeyCode::PageDown => {
                self.levels_scroll = (self.levels_scroll + 3).min(self.levels_max.get());
                return true;
            }
            KeyCode::PageUp => {
                self.levels_scroll = self.levels_scroll.saturating_sub(3);
                return true;
            }
            KeyCode::Up | KeyCode::Char('k') => self.cursor = self.cursor.saturating_sub(1),
            KeyCode::Down | KeyCode::Char('j') => self.cursor = (self.cursor + 1).min(last),
            KeyCode::Char(c @ '1'..='4') => {
                if let Some(it) = self.items.get(self.cursor) {
                    self.scores.insert(it.key.clone(), c as u8 - b'0');
                    self.cursor = (self.cursor + 1).min(last);
                }
            }
            KeyCode::Char('=') => {
                self.accept_interviewer();
            }
            KeyCode::Char('0') | KeyCode::Backspace | KeyCode::Delete => {
                if let Some(it) = self.items.get(self.cursor) {
                    self.scores.remove(&it.key);
                }
            }
            _ => return false,
        }
        if self.cursor != at {
            self.levels_scroll = 0;
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
        // Narrow terminals give the level texts more of the width: the
        // criterion's full name is the Levels panel's title.
        let list_share = if area.width < 100 { 38 } else { 45 };
        let [list, detail] = Layout::horizontal([
            Constraint::Percentage(list_share),
            Constraint::Percentage(100 - list_share),
        ])
        .areas(area);
        let height = list.height.saturating_sub(2) as usize;
        // One row per criterion under a row naming its rubric.
        let mut rows: Vec<Line> = Vec::new();
        let mut cursor_row = 0;
        for (i, it) in self.items.iter().enumerate() {
            if i == 0 || self.items[i - 1].rubric != it.rubric {
                rows.push(Line::styled(
                    truncate(
                        &one_line(&it.rubric),
                        usize::from(list.width.saturating_sub(3)),
                    ),
                    theme::dim(),
                ));
            }
            if i == self.cursor {
                cursor_row = rows.len();
            }
            let now = self.scores.get(&it.key).copied();
            let v = now.map_or("·".to_string(), |v| v.to_string());
            let theirs = self.level(i);
            let padded = self.padded(i);
            let changed = before.is_some_and(|b| b.get(&it.key).copied() != now);
            let label = truncate(
                &one_line(&it.criterion.name),
                list.width
                    .saturating_sub(if before.is_some() { 12 } else { 11 })
                    as usize,
            );
            let st = if i == self.cursor && focused {
                theme::selected()
            } else {
                theme::text()
            };
            rows.push(Line::from(vec![
                Span::styled(
                    format!(" [{v}] "),
                    if changed || before.is_none() {
                        theme::accent()
                    } else {
                        theme::dim()
                    },
                ),
                Span::styled(
                    match theirs {
                        _ if padded => "!".to_string(),
                        Some(l) => l.to_string(),
                        None => "·".to_string(),
                    },
                    if padded { theme::bad() } else { theme::dim() },
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
            ]));
        }
        let start = cursor_row.saturating_sub(height.saturating_sub(1));
        let lines: Vec<Line> = rows.into_iter().skip(start).take(height).collect();
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
                    .title(if list.width >= 32 {
                        " Criteria (you · interviewer) "
                    } else {
                        " You · interviewer "
                    }),
            ),
            list,
        );
        let Some(it) = self.items.get(self.cursor) else {
            return;
        };
        let chosen = self.scores.get(&it.key).copied();
        let names = ["1 Strong No Hire", "2 No Hire", "3 Hire", "4 Strong Hire"];
        let mut lines = Vec::new();
        if let Some(w) = before.and_then(|b| b.get(&it.key)) {
            lines.push(Line::styled(format!("Before: {w}"), theme::dim()));
        }
        lines.extend(self.evidence_lines(self.cursor));
        // Where the four anchors would not fit with their names, the level
        // numbers alone make room (the names are in the help).
        let inner_w = usize::from(detail.width.saturating_sub(2)).max(1);
        let rows_of = |t: &str| crate::tui::text::wrap(t, inner_w).len();
        let used: usize = lines.iter().map(|l: &Line| rows_of(&l.to_string())).sum();
        let need: usize = it
            .criterion
            .levels
            .iter()
            .zip(names)
            .map(|(l, n)| rows_of(&format!("{n}: {l}")))
            .sum();
        let rows = usize::from(detail.height.saturating_sub(2));
        let short = used + need > rows;
        let total = if short {
            used + it
                .criterion
                .levels
                .iter()
                .enumerate()
                .map(|(k, l)| rows_of(&format!("{}: {l}", k + 1)))
                .sum::<usize>()
        } else {
            used + need
        };
        // Still too tall: PgDn/PgUp scroll the panel, and its title says so.
        let max = total.saturating_sub(rows) as u16;
        self.levels_max.set(max);
        let scroll = self.levels_scroll.min(max);
        let more = match (scroll > 0, scroll < max) {
            (false, true) => " · PgDn more",
            (true, true) => " · PgUp/PgDn",
            (true, false) => " · PgUp",
            (false, false) => "",
        };
        for (k, lvl) in it.criterion.levels.iter().enumerate() {
            let st = if chosen == Some(k as u8 + 1) {
                theme::selected()
            } else {
                theme::text()
            };
            let label = if short {
                format!("{}: ", k + 1)
            } else {
                format!("{}: ", names[k])
            };
            lines.push(Line::from(vec![
                Span::styled(label, theme::accent()),
                Span::styled(sanitize(lvl), st),
            ]));
        }
        f.render_widget(
            Paragraph::new(lines)
                .wrap(Wrap { trim: true })
                .scroll((scroll, 0))
                .block(
                    Block::default()
                        .borders(Borders::ALL)
                        .border_style(theme::border())
                        .title(Span::styled(
                            format!(
                                " {}{more} ",
                                truncate(
                                    &one_line(&it.criterion.name),
                                    usize::from(
                                        detail
                                            .width
                                            .saturating_sub(4 + more.chars().count() as u16)
                                    )
                                )
                            ),
                            theme::title(),
                        )),
                ),
            detail,
        );
    }
}
