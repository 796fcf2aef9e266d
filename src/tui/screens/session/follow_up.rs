//! The follow-up step: the interviewer's probe and the candidate's reply.

use super::*;

impl SessionScreen {
    pub(super) fn key_follow_up(&mut self, key: KeyEvent, ctx: &Ctx, index: usize) -> Vec<Cmd> {
        let content = ctx.content;
        if is_ctrl(&key, 's') {
            let probe = self.flow.probes.get(index).cloned();
            let response = text_of(&self.reply);
            if let (Some(p), Some(a)) = (probe, self.current_answer_mut()) {
                a.follow_ups.push(FollowUp {
                    probe: p.text,
                    response,
                    signal: p.signal,
                });
            }
            self.reply = editor("Type your reply. Ctrl-S sends it.");
            self.flow.advance(content, Event::FollowUpAnswered);
            let mut cmds = vec![self.save(), Cmd::DiscardDraft(self.session.id.clone())];
            cmds.extend(self.entered(content, ctx));
            return cmds;
        }
        self.edit(key, Target2::Reply);
        vec![]
    }

    pub(super) fn render_follow_up(
        &self,
        f: &mut Frame,
        area: Rect,
        ctx: &Ctx,
        interview: usize,
        index: usize,
    ) {
        let probe = self.flow.probes.get(index);
        let findings: Vec<Line> = if self.strict {
            vec![]
        } else {
            self.analysis
                .as_ref()
                .map(|a| {
                    a.findings
                        .iter()
                        .take(4)
                        .map(|(_, e)| {
                            Line::from(vec![
                                Span::styled("⚑ ", theme::warn()),
                                Span::styled(e.clone(), theme::text()),
                            ])
                        })
                        .collect()
                })
                .unwrap_or_default()
        };
        let nf = findings.len() as u16;
        let [head, said, notes, edit] = Layout::vertical([
            Constraint::Length(2),
            Constraint::Length(4),
            Constraint::Length(if nf > 0 { nf + 1 } else { 0 }),
            Constraint::Min(4),
        ])
        .areas(area);
        f.render_widget(
            Paragraph::new(self.interviewer_header(ctx, interview, head.width)),
            head,
        );
        let text = probe.map_or(String::new(), |p| sanitize(&p.text));
        f.render_widget(
            Paragraph::new(vec![
                Line::styled(
                    format!("Follow-up {}/{}", index + 1, self.flow.probes.len()),
                    theme::accent(),
                ),
                Line::styled(format!("“{text}”"), theme::quote()),
            ])
            .wrap(Wrap { trim: true }),
            said,
        );
        if nf > 0 {
            let mut l = vec![Line::styled(
                "What the interviewer noticed in your answer:",
                theme::dim(),
            )];
            l.extend(findings);
            f.render_widget(Paragraph::new(l).wrap(Wrap { trim: true }), notes);
        }
        let mut r = self.reply.clone();
        r.set_block(
            Block::default()
                .borders(Borders::ALL)
                .border_style(theme::border_focus())
                .title(" Your reply "),
        );
        widgets::editor(f, &r, edit);
    }
}
