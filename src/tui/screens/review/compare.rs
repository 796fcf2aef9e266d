//! Every attempt at one question, two side by side.

use super::*;

impl ReviewScreen {
    pub(super) fn open_attempts(&mut self, h: &History, at: &AnswerRef) {
        let Some((_, _, _, a)) = at.find(h) else {
            return;
        };
        let Some(ix) = &self.index else { return };
        let qid = a.question_id.clone();
        let mut list = attempts_of(ix, h, &qid);
        if list.is_empty() {
            list.push(at.clone());
        }
        let right = list.iter().position(|r| r == at).unwrap_or(list.len() - 1);
        let left = if right > 0 {
            right - 1
        } else {
            (right + 1).min(list.len() - 1)
        };
        let (left, right) = (left.min(right), left.max(right));
        self.views.push(View::Attempts(Box::new(Attempts {
            question: qid,
            list,
            left,
            right,
            focus_right: true,
            scroll: 0,
        })));
    }

    pub(super) fn key_attempts(&mut self, key: KeyEvent, ctx: &Ctx, mut a: Attempts) -> Vec<Cmd> {
        let n = a.list.len();
        match key.code {
            KeyCode::Esc | KeyCode::Char('q') => return vec![],
            KeyCode::Char('t') => {
                let secs = ctx
                    .history
                    .and_then(|h| a.list.last()?.find(h))
                    .map_or(300, |(_, _, _, x)| x.time_limit_secs);
                let question = a.question.clone();
                self.views.push(View::Attempts(Box::new(a)));
                let back = Screen::Review(Box::new(self.clone()));
                return retry(ctx, &question, secs, back);
            }
            KeyCode::Tab | KeyCode::BackTab => a.focus_right = !a.focus_right,
            KeyCode::Left | KeyCode::Right | KeyCode::Char('h') | KeyCode::Char('l') => {
                let left = matches!(key.code, KeyCode::Left | KeyCode::Char('h'));
                let v = if a.focus_right {
                    &mut a.right
                } else {
                    &mut a.left
                };
                *v = if left {
                    v.saturating_sub(1)
                } else {
                    (*v + 1).min(n.saturating_sub(1))
                };
                a.scroll = 0;
            }
            KeyCode::Down | KeyCode::Char('j') => {
                a.scroll = a.scroll.saturating_add(1).min(self.max_scroll.get())
            }
            KeyCode::Up | KeyCode::Char('k') => a.scroll = a.scroll.saturating_sub(1),
            KeyCode::PageDown | KeyCode::Char(' ') => {
                let page = self.page_rows.get().max(2) as u16 - 1;
                a.scroll = a.scroll.saturating_add(page).min(self.max_scroll.get())
            }
            KeyCode::PageUp => {
                let page = self.page_rows.get().max(2) as u16 - 1;
                a.scroll = a.scroll.saturating_sub(page)
            }
            KeyCode::Enter => {
                self.views.clear();
                self.filters.question = Some(a.question.clone());
                let keep = a.list.get(a.right).cloned();
                self.refilter(ctx, keep);
                return vec![];
            }
            _ => {}
        }
        self.views.push(View::Attempts(Box::new(a)));
        vec![]
    }

    pub(super) fn render_attempts(&self, f: &mut Frame, area: Rect, h: &History, a: &Attempts) {
        let found: Vec<Option<(&Session, &Answer)>> = a
            .list
            .iter()
            .map(|r| r.find(h).map(|(_, s, _, x)| (s, x)))
            .collect();
        let qtext = found
            .iter()
            .flatten()
            .next()
            .map_or_else(|| one_line(&a.question), |(_, x)| one_line(&x.question));
        let qlines: Vec<String> = wrap(&format!("“{qtext}”"), area.width as usize);
        let qh = qlines.len().clamp(1, 2) as u16;
        let [head, strip, body] = Layout::vertical([
            Constraint::Length(qh + 1),
            Constraint::Length(1),
            Constraint::Min(3),
        ])
        .areas(area);
        let n = a.list.len();
        let mut head_lines: Vec<Line> = qlines
            .iter()
            .take(2)
            .enumerate()
            .map(|(k, l)| {
                let l = if k == 1 && qlines.len() > 2 {
                    truncate(&format!("{l} …"), area.width as usize)
                } else {
                    l.clone()
                };
                Line::styled(l, theme::quote())
            })
            .collect();
        head_lines.push(Line::styled(
            if n == 1 {
                "1 attempt so far: t answers it again, to compare.".to_string()
            } else {
                format!("{n} attempts, oldest first · ◀ left, ▶ right · ←→ pick, Tab side")
            },
            theme::dim(),
        ));
        f.render_widget(Paragraph::new(head_lines), head);
        // The strip of every attempt: date and score, L / R marking the pair.
        let mut spans = Vec::new();
        let cell = 16usize;
        let fit = (strip.width as usize / cell).max(1);
        let centre = if a.focus_right { a.right } else { a.left };
        let start = centre.saturating_sub(fit / 2).min(n.saturating_sub(fit));
        for (i, x) in found.iter().enumerate().skip(start).take(fit) {
            let mark = if i == a.left && i == a.right {
                "◀▶"
            } else if i == a.left {
                "◀ "
            } else if i == a.right {
                "▶ "
            } else {
                "  "
            };
            let (d, v) = x.map_or(("?".into(), None), |(_, x)| {
                (
                    crate::localtime::local(x.submitted_at)
                        .format("%b %d")
                        .to_string(),
                    x.average_score(),
                )
            });
            let st = if i == a.left || i == a.right {
                theme::selected()
            } else {
                theme::text()
            };
            spans.push(Span::styled(format!("{mark}#{} {d} ", i + 1), st));
            spans.push(score_span(v, 3));
            spans.push(Span::raw("  "));
        }
        f.render_widget(Paragraph::new(Line::from(spans)), strip);
        let [lc, rc] = Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)])
            .areas(body);
        let left = found.get(a.left).copied().flatten();
        let right = found.get(a.right).copied().flatten();
        let delta = match (
            left.and_then(|(_, x)| x.average_score()),
            right.and_then(|(_, x)| x.average_score()),
        ) {
            // From the one-decimal values shown, so the change adds up.
            (Some(l), Some(r)) if a.left != a.right => {
                Some(((r * 10.0).round() - (l * 10.0).round()) / 10.0)
            }
            _ => None,
        };
        let mut max = 0u16;
        let mut rows = 1usize;
        let columns = if n == 1 {
            vec![(body, right, a.right)]
        } else {
            vec![(lc, left, a.left), (rc, right, a.right)]
        };
        let single = columns.len() == 1;
        for (k, (col, x, idx)) in columns.into_iter().enumerate() {
            let k = if single { 1 } else { k };
            let focused = (k == 1) == a.focus_right;
            let mut title = vec![Span::styled(
                format!(" #{} ", idx + 1),
                if focused {
                    theme::title()
                } else {
                    theme::dim()
                },
            )];
            if let Some((s, x)) = x {
                title.push(Span::styled(
                    format!(
                        "{} · {} · ",
                        crate::localtime::local(x.submitted_at).format("%Y-%m-%d"),
                        s.kind.label()
                    ),
                    theme::text(),
                ));
                title.push(score_span(x.average_score(), 3));
                if k == 1
                    && let Some(d) = delta
                {
                    let st = if d > 0.0 {
                        theme::good()
                    } else if d < 0.0 {
                        theme::bad()
                    } else {
                        theme::dim()
                    };
                    title.push(Span::styled(format!(" ({d:+.1})"), st));
                }
                title.push(Span::raw(" "));
            }
            let block = Block::default()
                .borders(Borders::ALL)
                .border_style(if focused {
                    theme::border_focus()
                } else {
                    theme::border()
                })
                .title(Line::from(title));
            let inner = block.inner(col);
            f.render_widget(block, col);
            let Some((_, x)) = x else { continue };
            let w = inner.width.saturating_sub(1) as usize;
            let mut lines = vec![Line::styled(
                format!(
                    "{} / {}{}",
                    clock(x.duration_secs),
                    clock(x.time_limit_secs),
                    if x.overtime_secs > 0 {
                        format!("  {} over", clock(x.overtime_secs))
                    } else {
                        String::new()
                    }
                ),
                if x.overtime_secs > 0 {
                    theme::bad()
                } else {
                    theme::dim()
                },
            )];
            for (label, text) in x.labelled() {
                lines.push(Line::styled(label.to_string(), theme::accent()));
                push_wrapped(&mut lines, text, w, theme::text(), "");
            }
            if x.is_blank() && !x.notes.trim().is_empty() {
                lines.push(Line::styled("Notes (spoken answer)", theme::accent()));
                push_wrapped(&mut lines, &x.notes, w, theme::text(), "");
            }
            rows = inner.height as usize;
            max = max.max(lines.len().saturating_sub(rows) as u16);
            let lines = crate::tui::text::highlight(lines, &self.search_words(), theme::found());
            let shown: Vec<Line> = lines
                .into_iter()
                .skip(a.scroll as usize)
                .take(rows)
                .collect();
            f.render_widget(Paragraph::new(shown), inner);
        }
        self.page_rows.set(rows.max(1));
        self.max_scroll.set(max);
    }
}

/// Starts a one-question drill to answer `question` again, with the same time.
/// Every answer to `question`, oldest first.
pub(super) fn attempts_of(ix: &Index, h: &History, question: &str) -> Vec<AnswerRef> {
    ix.entries
        .iter()
        .rev()
        .filter(|e| e.question_id == question)
        .filter_map(|e| h.sessions.get(e.si).map(|s| AnswerRef::of(s, e.ai)))
        .collect()
}
