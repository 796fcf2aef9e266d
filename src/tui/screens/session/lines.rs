//! Interviewer lines (opening, transition, closing) and the interview header.

use super::*;

impl SessionScreen {
    /// Whether this is a phone screen rather than a loop.
    pub(super) fn phone_screen(&self, content: &Content) -> bool {
        self.session
            .template
            .as_deref()
            .and_then(|t| content.template(t))
            .is_some_and(|t| t.kind == crate::content::TemplateKind::PhoneScreen)
    }

    /// How an interviewer names the interview's length (`{meeting}`).
    pub(super) fn meeting(&self, content: &Content) -> &'static str {
        if self.phone_screen(content) {
            "these thirty minutes"
        } else {
            "the hour"
        }
    }

    pub(super) fn render_line(
        &self,
        f: &mut Frame,
        area: Rect,
        ctx: &Ctx,
        interview: usize,
        kind: LineKind,
        question: Option<usize>,
    ) {
        let rec = &self.session.interviews[interview];
        // The LP of the question that actually follows: the first one after
        // an opening, the next one after a transition.
        let next = question.map_or(0, |q| q + 1);
        let lp = self.flow.plan.interviews[interview]
            .questions
            .get(next)
            .and_then(|id| ctx.content.question(id))
            .map(|q| q.primary().to_string())
            .or_else(|| rec.principles.first().cloned());
        let mut said = match ctx.content.interviewer(&rec.interviewer.id) {
            Some(who) => line(
                ctx.content,
                who,
                kind,
                self.flow.plan.seed,
                interview * 100 + question.unwrap_or(0),
                lp.as_deref(),
                self.meeting(ctx.content),
            ),
            None => match kind {
                LineKind::TimeCheck => {
                    "That one ran over. Keep the next one inside the time.".into()
                }
                _ => "Next question.".into(),
            },
        };
        // The reaction comes first, unless the line opens with the same
        // words ("I see. I see.").
        let first = |t: &str| {
            t.split(['.', '!', ','])
                .next()
                .unwrap_or("")
                .trim()
                .to_lowercase()
        };
        if matches!(kind, LineKind::Transition | LineKind::TimeCheck)
            && let Some(r) = &self.reaction
            && first(r) != first(&said)
        {
            said = format!("{r} {said}");
        }
        if kind == LineKind::Opening
            && let Some((i, _)) = &self.go_back
            && *i == interview
        {
            // Said without naming the LP: interviewers do not announce them.
            said = format!(
                "{said} I've read my colleagues' notes, and there's something from earlier I want to go back over first."
            );
        }
        let [head, body] =
            Layout::vertical([Constraint::Length(2), Constraint::Min(3)]).areas(area);
        f.render_widget(
            Paragraph::new(self.interviewer_header(ctx, interview, head.width)),
            head,
        );
        let mut lines = Vec::new();
        // Before closing, the interviewer answers the candidate's questions
        // in persona, briefly.
        if kind == LineKind::Closing
            && let Some(who) = ctx.content.interviewer(&rec.interviewer.id)
        {
            let asked = &rec.candidate_questions;
            // A short terminal keeps two, so the closing line stays in view.
            let room = if area.height < 30 { 2 } else { 3 };
            for (q, a) in crate::practice::interviewer::your_questions::answers(who, asked)
                .into_iter()
                .take(room)
            {
                lines.push(Line::styled(format!("You: {}", sanitize(q)), theme::dim()));
                lines.push(Line::styled(format!("“{}”", sanitize(a)), theme::quote()));
                lines.push(Line::raw(""));
            }
            if !self.strict {
                let judged = crate::practice::interviewer::your_questions::judge_questions(asked);
                let mark = match judged.counts_for() {
                    Some(true) => "+",
                    Some(false) => "-",
                    None => "·",
                };
                lines.push(Line::styled(
                    format!("Noted {mark} {}", sanitize(&judged.note())),
                    theme::dim(),
                ));
                lines.push(Line::raw(""));
            }
        }
        lines.push(Line::styled(
            format!("“{}”", sanitize(&said)),
            theme::quote(),
        ));
        lines.push(Line::raw(""));
        if kind == LineKind::Opening {
            let lps: Vec<&str> = rec
                .principles
                .iter()
                .map(|p| ctx.content.principle_name(p))
                .collect();
            if let Some(i) = ctx.content.interviewer(&rec.interviewer.id) {
                lines.push(Line::styled(
                    format!("Style: {}", sanitize(&i.style)),
                    theme::dim(),
                ));
            }
            if !self.strict {
                lines.push(Line::styled(
                    format!("Owns: {}", lps.join(crate::tui::text::LP_SEP)),
                    theme::dim(),
                ));
            }
        }
        if kind == LineKind::TimeCheck {
            lines.push(Line::styled(
                "(The last answer ran past its time; the overtime is recorded.)",
                theme::warn(),
            ));
        }
        lines.push(Line::raw(""));
        lines.push(Line::styled("Press Enter to continue.", theme::key()));
        f.render_widget(
            Paragraph::new(lines).wrap(Wrap { trim: false }).block(
                Block::default()
                    .borders(Borders::ALL)
                    .border_style(theme::border()),
            ),
            body,
        );
    }

    /// Name, role, organisation, Bar Raiser mark and position in the loop,
    /// fitted to `width`: the organisation goes first, then the role is
    /// shortened with an ellipsis; the name and the marks always stay.
    pub(super) fn interviewer_header(
        &self,
        ctx: &Ctx,
        interview: usize,
        width: u16,
    ) -> Line<'static> {
        use unicode_width::UnicodeWidthStr;
        let rec = &self.session.interviews[interview];
        let of = self.session.interviews.len();
        let name = one_line(&rec.interviewer.name);
        let mut tail = Vec::new();
        if rec.interviewer.bar_raiser {
            tail.push(Span::styled("  [Bar Raiser]", theme::accent()));
        }
        if self.session.kind == SessionKind::Loop {
            tail.push(Span::styled(
                format!("   interview {}/{of}", interview + 1),
                theme::dim(),
            ));
        }
        let fixed = name.width() + tail.iter().map(|s| s.content.width()).sum::<usize>();
        let room = usize::from(width).saturating_sub(fixed);
        let mut spans = vec![Span::styled(name, theme::interviewer())];
        let role = one_line(&rec.interviewer.role);
        let org = ctx
            .content
            .interviewer(&rec.interviewer.id)
            .map(|i| one_line(&i.organisation))
            .filter(|o| !o.is_empty());
        if !role.is_empty() && room > 4 {
            let role = format!(" — {role}");
            let org = org.map(|o| format!(", {o}"));
            let org_w = org.as_ref().map_or(0, |o| o.width());
            if role.width() + org_w <= room {
                spans.push(Span::styled(role, theme::text()));
                if let Some(o) = org {
                    spans.push(Span::styled(o, theme::dim()));
                }
            } else {
                spans.push(Span::styled(truncate(&role, room), theme::text()));
            }
        }
        spans.extend(tail);
        Line::from(spans)
    }
}
