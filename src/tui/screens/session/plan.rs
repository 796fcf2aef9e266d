//! The plan shown before a loop or drill starts.

use super::*;

impl SessionScreen {
    pub(super) fn render_plan(&self, f: &mut Frame, area: Rect, ctx: &Ctx) {
        let plan = &self.flow.plan;
        let [head, table] =
            Layout::vertical([Constraint::Length(5), Constraint::Min(3)]).areas(area);
        let title = match self.session.kind {
            SessionKind::Loop => self.title(ctx).trim_start_matches("· ").to_string(),
            _ => "Drill".into(),
        };
        let total = plan.answer_minutes_total();
        let mut lines = vec![
            Line::styled(format!("{title} — the plan"), theme::title()),
            Line::raw(format!(
                "{}{}: about {total} min of answering{}.{}",
                if self.flow.drill {
                    String::new()
                } else {
                    format!("{}, ", plural(plan.interviews.len(), "interview"))
                },
                plural(plan.question_count(), "question"),
                if self.flow.drill {
                    " plus follow-ups".to_string()
                } else {
                    let (_, follow_ups, talk) = plan.minutes_parts();
                    format!(
                        " + {follow_ups} of follow-ups + {talk} of openings and your questions = about {} min in all",
                        plan.minutes_in_all()
                    )
                },
                if self.flow.drill {
                    String::new()
                } else {
                    format!("  Seed {} (rerun with --seed {}).", plan.seed, plan.seed)
                }
            )),
        ];
        if let Some(p) = self.writing_prompt(ctx.content) {
            lines.push(Line::styled(
                format!(
                    "After the interviews: a writing exercise, {} ({} min).",
                    one_line(&p.title),
                    p.minutes
                ),
                theme::dim(),
            ));
        }
        if self.strict {
            lines.push(Line::styled(
                "Strict: no pausing and no hints, as in a real loop.",
                theme::warn(),
            ));
        } else if self.spoken {
            lines.push(Line::styled(
                "Spoken: answer aloud against the timer, then type short notes and score.",
                theme::warn(),
            ));
        }
        f.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }), head);
        // A row per interview: name, then the role wrapped under it; the
        // owned LPs wrapped beside them. Nothing is dropped: a row grows.
        let who_w = (table.width as usize * 34 / 100).max(16);
        let owns_w = (table.width as usize)
            .saturating_sub(3 + who_w + 11 + 3)
            .max(10);
        let rows: Vec<(u16, Row)> = plan
            .interviews
            .iter()
            .enumerate()
            .map(|(k, p)| {
                let rec = &self.session.interviews[k];
                let name = if rec.interviewer.bar_raiser {
                    format!("{} · Bar Raiser", one_line(&rec.interviewer.name))
                } else {
                    one_line(&rec.interviewer.name)
                };
                // A functional round (or a track drill) names its focus first.
                let mut rounds: Vec<String> = Vec::new();
                for q in p.questions.iter().filter_map(|id| ctx.content.question(id)) {
                    let name = match (q.format, q.track) {
                        (crate::content::AnswerFormat::Design, _) => "System design",
                        (
                            _,
                            crate::content::Track::Leadership | crate::content::Track::Motivation,
                        ) => {
                            continue;
                        }
                        (_, t) => t.name(),
                    };
                    let name = crate::tui::text::capitalize(name);
                    if !rounds.contains(&name) {
                        rounds.push(name);
                    }
                }
                let mut owns = vec![String::new()];
                if !rounds.is_empty() {
                    owns = vec![format!("Round: {}", rounds.join(" · "))];
                    owns.push(String::new());
                }
                for lp in &p.principles {
                    let lp = one_line(ctx.content.principle_name(lp));
                    let last = owns.last_mut().expect("one line at least");
                    let sep = crate::tui::text::LP_SEP;
                    if !last.is_empty()
                        && last.chars().count() + sep.chars().count() + lp.chars().count() <= owns_w
                    {
                        last.push_str(sep);
                        last.push_str(&lp);
                        continue;
                    }
                    // A name longer than the column wraps over lines of its own.
                    let parts = crate::tui::text::wrap(&lp, owns_w);
                    if last.is_empty() {
                        owns.pop();
                    }
                    owns.extend(parts);
                }
                let owns: Vec<Line> = owns
                    .iter()
                    .map(|l| Line::raw(truncate(l, owns_w)))
                    .collect();
                let mut who = vec![Line::styled(
                    truncate(&name, who_w),
                    if rec.interviewer.bar_raiser {
                        theme::accent()
                    } else {
                        theme::text()
                    },
                )];
                let role = crate::tui::text::wrap(&one_line(&rec.interviewer.role), who_w);
                let role_lines = role.len().min(2);
                for (i, l) in role.iter().take(2).enumerate() {
                    let l = if i == 1 && role.len() > 2 {
                        truncate(&format!("{l} {}", role[2..].join(" ")), who_w)
                    } else {
                        l.clone()
                    };
                    who.push(Line::styled(l, theme::dim()));
                }
                let height = (1 + role_lines).max(owns.len()).max(2) as u16;
                (
                    height,
                    Row::new(vec![
                        Cell::from(format!("{}", k + 1)),
                        Cell::from(who),
                        Cell::from(owns),
                        Cell::from(format!("{} × {} min", p.questions.len(), p.answer_minutes)),
                    ])
                    .height(height),
                )
            })
            .collect();
        // ↑↓ scroll the interviews when they do not all fit.
        let room = table.height.saturating_sub(2);
        let offset = usize::from(self.scroll).min(rows.len().saturating_sub(1));
        let below: u16 = rows.iter().skip(offset).map(|(h, _)| *h).sum();
        let title = match (offset > 0, below > room) {
            (false, false) => " Enter to begin ".to_string(),
            (false, true) => " Enter to begin · ↓ more interviews ".to_string(),
            (true, false) => " Enter to begin · ↑ more interviews ".to_string(),
            (true, true) => " Enter to begin · ↑↓ more interviews ".to_string(),
        };
        let t = Table::new(
            rows.into_iter().skip(offset).map(|(_, r)| r),
            [
                Constraint::Length(3),
                Constraint::Length(who_w as u16),
                Constraint::Fill(1),
                Constraint::Length(11),
            ],
        )
        .header(Row::new(vec!["#", "Interviewer", "Owns", "Questions"]).style(theme::accent()))
        .block(
            Block::default()
                .borders(Borders::TOP)
                .border_style(theme::border())
                .title(title),
        );
        f.render_widget(t, table);
    }
}
