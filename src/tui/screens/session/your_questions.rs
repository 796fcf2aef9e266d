//! "What questions do you have for me?": the candidate asks the interviewer.

use super::*;

impl SessionScreen {
    pub(super) fn key_your_questions(
        &mut self,
        key: KeyEvent,
        ctx: &Ctx,
        interview: usize,
    ) -> Vec<Cmd> {
        if is_ctrl(&key, 's') {
            self.session.interviews[interview].candidate_questions = text_of(&self.reply);
            self.reply = editor("Type your reply. Ctrl-S sends it.");
            self.flow.advance(ctx.content, Event::QuestionsAsked);
            return vec![self.save(), Cmd::DiscardDraft(self.session.id.clone())];
        }
        self.edit(key, Target2::Reply);
        vec![]
    }

    pub(super) fn render_your_questions(
        &self,
        f: &mut Frame,
        area: Rect,
        ctx: &Ctx,
        interview: usize,
    ) {
        let rec = &self.session.interviews[interview];
        let said = ctx
            .content
            .interviewer(&rec.interviewer.id)
            .map(|w| {
                line(
                    ctx.content,
                    w,
                    LineKind::YourQuestions,
                    self.flow.plan.seed,
                    interview,
                    None,
                    self.meeting(ctx.content),
                )
            })
            .unwrap_or_else(|| "What questions do you have for me?".into());
        let said = match &self.reaction {
            Some(r) => format!("{r} {said}"),
            None => said,
        };
        let [head, q, edit] = Layout::vertical([
            Constraint::Length(2),
            Constraint::Length(3),
            Constraint::Min(4),
        ])
        .areas(area);
        f.render_widget(
            Paragraph::new(self.interviewer_header(ctx, interview, head.width)),
            head,
        );
        f.render_widget(
            Paragraph::new(Line::styled(
                format!("“{}”", sanitize(&said)),
                theme::quote(),
            ))
            .wrap(Wrap { trim: true }),
            q,
        );
        let mut r = self.reply.clone();
        r.set_block(
            Block::default()
                .borders(Borders::ALL)
                .border_style(theme::border_focus())
                .title(" Your questions "),
        );
        widgets::editor(f, &r, edit);
    }
}
