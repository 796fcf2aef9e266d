//! The list of every answer, newest first, and its filter line.

use super::*;

impl ReviewScreen {
    pub(super) fn key_list(&mut self, key: KeyEvent, ctx: &Ctx, h: &History) -> Vec<Cmd> {
        let n = self.filtered.len();
        let page = self.list_rows.get().max(1);
        let back = key.modifiers.contains(KeyModifiers::SHIFT);
        match key.code {
            KeyCode::Esc => return vec![self.back()],
            KeyCode::Char('q') => return vec![Cmd::Quit],
            KeyCode::Char('w') => {
                return vec![Cmd::Go(Target::Screen(Box::new(Screen::Written(
                    Box::new(super::super::written::WrittenScreen::new(
                        super::super::written::Back::Review,
                    )),
                ))))];
            }
            KeyCode::Down | KeyCode::Char('j') => {
                self.cursor = (self.cursor + 1).min(n.saturating_sub(1))
            }
            KeyCode::Up | KeyCode::Char('k') => self.cursor = self.cursor.saturating_sub(1),
            KeyCode::PageDown => self.cursor = (self.cursor + page).min(n.saturating_sub(1)),
            KeyCode::PageUp => self.cursor = self.cursor.saturating_sub(page),
            KeyCode::Home | KeyCode::Char('g') => self.cursor = 0,
            KeyCode::End | KeyCode::Char('G') => self.cursor = n.saturating_sub(1),
            KeyCode::Enter => {
                if let Some(r) = self.selected_ref(h) {
                    self.views.push(View::Detail { at: r, scroll: 0 });
                }
            }
            KeyCode::Char('a') => {
                if let Some(r) = self.selected_ref(h) {
                    self.open_attempts(h, &r);
                }
            }
            KeyCode::Char('x') if ctx.read_only => {
                return vec![Cmd::Status(ctx.read_only_note())];
            }
            KeyCode::Char('x') => {
                if let Some(r) = self.selected_ref(h) {
                    self.ask_delete(h, &r);
                }
            }
            KeyCode::Char('u') => self.overlay = Some(Overlay::Trash { cursor: 0 }),
            KeyCode::Char('/') => {
                let mut t = field(&self.filters.search, "words to find (all must match)");
                t.move_cursor(ratatui_textarea::CursorMove::End);
                self.overlay = Some(Overlay::Search(Box::new(t)));
            }
            KeyCode::Char(c @ ('p' | 'P' | 't' | 'T' | 's' | 'S' | 'd' | 'D' | 'c')) => {
                let back = back || c.is_uppercase();
                let keep = self.selected_ref(h);
                match c.to_ascii_lowercase() {
                    'p' => {
                        self.filters.lp = cycle(self.filters.lp, ctx.content.principles.len(), back)
                    }
                    't' => {
                        let n = self.index.as_ref().map_or(0, |ix| ix.sources.len());
                        self.filters.source = cycle(self.filters.source, n, back);
                    }
                    's' => self.filters.band = self.filters.band.next(back),
                    'd' => self.filters.range = self.filters.range.next(back),
                    _ => {
                        let had = self.filters.active();
                        self.filters = Filters::default();
                        if !had {
                            return vec![Cmd::Status("No filters to clear.".into())];
                        }
                    }
                }
                self.refilter(ctx, keep);
                return vec![];
            }
            _ => {}
        }
        self.scroll_to_cursor();
        vec![]
    }

    pub(super) fn filter_line(&self, ctx: &Ctx, ix: &Index, w: u16) -> Line<'static> {
        let f = &self.filters;
        let lp = f.lp.and_then(|i| ctx.content.principles.get(i));
        let lp = lp.map_or("all".into(), |p| one_line(&p.name));
        let src = f
            .source
            .and_then(|i| ix.sources.get(i))
            .map_or("all".into(), |s| s.label(ctx.content));
        let narrow = w < 110;
        let cut = if narrow { 14 } else { 26 };
        let mut spans = Vec::new();
        let mut item = |k: &'static str, name: &'static str, v: String, on: bool| {
            spans.push(Span::styled(k, theme::key()));
            spans.push(Span::styled(format!(" {name} "), theme::dim()));
            spans.push(Span::styled(
                truncate(&v, cut),
                if on { theme::accent() } else { theme::text() },
            ));
            spans.push(Span::raw("  "));
        };
        item("p", "LP", lp, f.lp.is_some());
        item(
            "t",
            if narrow { "tpl" } else { "template" },
            src,
            f.source.is_some(),
        );
        item("s", "score", f.band.label().into(), f.band != Band::All);
        item("d", "dates", f.range.label().into(), f.range != Range::All);
        let search = if f.search.is_empty() {
            "—".to_string()
        } else {
            format!("“{}”", one_line(&f.search))
        };
        item("/", "search", search, !f.search.is_empty());
        if let Some(q) = &f.question {
            let text = ix
                .entries
                .iter()
                .find(|e| &e.question_id == q)
                .and_then(|e| ctx.history?.sessions.get(e.si)?.answers.get(e.ai))
                .map_or_else(|| one_line(q), |a| one_line(&a.question));
            spans.push(Span::styled("question ", theme::dim()));
            spans.push(Span::styled(truncate(&text, 30), theme::accent()));
        }
        Line::from(spans)
    }

    pub(super) fn render_list(
        &self,
        f: &mut Frame,
        area: Rect,
        ctx: &Ctx,
        h: &History,
        ix: &Index,
    ) {
        let [head, cols, list] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Min(1),
        ])
        .areas(area);
        let rows = list.height as usize;
        self.list_rows.set(rows.max(1));
        let total = ix.entries.len();
        let shown = self.filtered.len();
        let writing = h.sessions.iter().filter(|s| s.writing.is_some()).count();
        let writing_note = if writing > 0 {
            format!(" · w: {}", plural(writing, "piece") + " of writing")
        } else {
            String::new()
        };
        let head_text = if shown == total {
            format!(
                "{} in {}, newest first{writing_note}",
                plural(total, "answer"),
                plural(h.sessions.len(), "session")
            )
        } else {
            format!(
                "{shown} of {total} answers match, newest first{}",
                if shown > 0 {
                    format!(" · {}/{shown}", self.cursor + 1)
                } else {
                    String::new()
                }
            )
        };
        f.render_widget(
            Paragraph::new(Line::styled(head_text, theme::title())),
            head,
        );
        let w = area.width as usize;
        let lpw = ((w.saturating_sub(40)) / 4).clamp(12, 30);
        let fixed = 10 + 1 + 5 + 1 + lpw + 1 + 4 + 1 + 6 + 1;
        let qw = w.saturating_sub(fixed + 1).max(8);
        f.render_widget(
            Paragraph::new(Line::styled(
                format!(
                    " {} {} {} {} {} {}",
                    pad("date", 10),
                    pad("kind", 5),
                    pad("LP", lpw),
                    pad_left("avg", 4),
                    pad("over", 6),
                    "question"
                ),
                theme::dim(),
            )),
            cols,
        );
        if total == 0 {
            let trash = if ctx.trashed.is_empty() {
                String::new()
            } else {
                format!(
                    " {} in the trash: u opens it.",
                    plural(ctx.trashed.len(), "session")
                )
            };
            f.render_widget(
                Paragraph::new(vec![
                    Line::raw(""),
                    Line::raw(format!(" No answers yet.{trash}")),
                    Line::styled(
                        " Start a drill or a mock loop from the home screen: every answer you submit shows up here.",
                        theme::dim(),
                    ),
                ])
                .wrap(Wrap { trim: false }),
                list,
            );
            return;
        }
        if shown == 0 {
            f.render_widget(
                Paragraph::new(vec![
                    Line::raw(""),
                    Line::raw(" No answers match these filters."),
                    Line::styled(
                        " c clears them; / then Esc clears the search.",
                        theme::dim(),
                    ),
                ]),
                list,
            );
            return;
        }
        let offset = self.offset.min(shown.saturating_sub(1));
        let offset = if self.cursor >= offset + rows {
            self.cursor + 1 - rows
        } else {
            offset.min(self.cursor)
        };
        let mut lines = Vec::with_capacity(rows);
        for (k, &i) in self.filtered.iter().enumerate().skip(offset).take(rows) {
            let e = &ix.entries[i];
            let Some((s, a)) = h
                .sessions
                .get(e.si)
                .and_then(|s| s.answers.get(e.ai).map(|a| (s, a)))
            else {
                continue;
            };
            let sel = k == self.cursor;
            let base = if sel {
                theme::selected()
            } else {
                theme::text()
            };
            let lp = a.principles.first().map_or("—".to_string(), |p| {
                one_line(ctx.content.principle_name(p))
            });
            let ot = if a.overtime_secs > 0 {
                Span::styled(
                    pad(&format_clock(Duration::from_secs(a.overtime_secs), true), 6),
                    if sel { base } else { theme::bad() },
                )
            } else {
                Span::styled(pad("", 6), base)
            };
            // The interviewer's average level, not the candidate's own.
            let level = e.avg;
            let score = if sel {
                Span::styled(
                    pad_left(&level.map_or("–".into(), |v| format!("{v:.1}")), 4),
                    base,
                )
            } else {
                score_span(level, 4)
            };
            lines.push(Line::from(vec![
                Span::styled(
                    format!(
                        " {} {} {} ",
                        crate::localtime::local(a.submitted_at).format("%Y-%m-%d"),
                        pad(s.kind.label(), 5),
                        pad(&lp, lpw)
                    ),
                    base,
                ),
                score,
                Span::styled(" ", base),
                ot,
                Span::styled(format!(" {}", pad(&one_line(&a.question), qw)), base),
            ]));
        }
        f.render_widget(Paragraph::new(lines), list);
    }
}
