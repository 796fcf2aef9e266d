//! The follow-up step: the interviewer's probe and the candidate's reply.

use super::*;

impl SessionScreen {
    /// The interviewer's judgement of the current answer with its replies
    /// so far; `None` for an answer given aloud (its notes are not the
    /// answer: nothing is judged).
    pub(super) fn judge_current(&self, content: &Content) -> Option<Judgement> {
        let (interview, _, qid) = self.flow.current_question()?;
        let q = content.question(qid)?;
        let a = self.current_answer().filter(|a| !a.spoken)?;
        // After the Bar Raiser asked for a different story, the new story
        // is what is judged.
        let new = crate::practice::debrief::new_story(a);
        let a = new.as_ref().unwrap_or(a);
        Some(Judge::new(content).judge_words(
            q,
            &Told::of(a),
            &a.follow_ups,
            a.time_limit_secs,
            self.session.interviews[interview].interviewer.bar_raiser,
        ))
    }

    /// Judges the current answer again with the replies so far (what the
    /// interviewer noticed) and chooses the next follow-up from that one
    /// judgement.
    fn listen(&mut self, content: &Content, now: Duration) -> Option<ChosenProbe> {
        let judged = self.judge_current(content);
        if let (Some(j), Some(a)) = (&judged, self.current_answer()) {
            self.analysis = Some(analysis::from_told(&Told::of(a), j));
        }
        self.choose_next(content, now, judged)
    }

    /// The interviewer's next follow-up on the current answer, from its
    /// judgement (`None`: on to the self-score).
    pub(super) fn choose_next(
        &self,
        content: &Content,
        now: Duration,
        judged: Option<Judgement>,
    ) -> Option<ChosenProbe> {
        let (interview, _, qid) = self.flow.current_question()?;
        let q = content.question(qid)?;
        let a = self.current_answer()?;
        let rec = &self.session.interviews[interview];
        let earlier = self
            .session
            .answers
            .iter()
            .filter(|x| x.interview_index != interview && !x.spoken)
            .map(|x| {
                let name = self
                    .session
                    .interviews
                    .get(x.interview_index)
                    .map_or("another interviewer", |r| r.interviewer.name.as_str());
                (name, x)
            })
            .collect();
        // Every follow-up asked on the loop's other answers.
        let loop_asked = self
            .session
            .answers
            .iter()
            .filter(|x| !std::ptr::eq(*x, a))
            .flat_map(|x| x.follow_ups.iter().map(|f| f.probe.as_str()))
            .collect();
        let time_left = self.follow_ups_since.map(|t0| {
            Duration::from_secs(a.time_limit_secs).saturating_sub(now.saturating_sub(t0))
        });
        let ask = Asking {
            content,
            question: q,
            persona: content.interviewer(&rec.interviewer.id),
            bar_raiser: rec.interviewer.bar_raiser,
            seed: self.flow.plan.seed,
            ran_over: a.overtime_secs > 0,
            time_left,
            earlier,
            loop_asked,
        };
        // Nothing judged (an answer given aloud): only the question's own
        // drill-down is asked.
        let judged = judged.unwrap_or_else(|| Judgement::nothing(q));
        // The new story told after the Bar Raiser's challenge is probed as
        // an answer of its own, within the same four follow-ups.
        if let Some(new) = crate::practice::debrief::new_story(a) {
            if a.follow_ups.len() >= crate::practice::interviewer::MAX_FOLLOW_UPS {
                return None;
            }
            // The reply that told it is the one the next follow-up builds on.
            let at = a
                .follow_ups
                .iter()
                .position(|f| f.signal.as_deref() == Some("reused-story"))
                .unwrap_or(0);
            return next_probe(&ask, &Told::of(&new), &a.follow_ups[at..], &judged);
        }
        next_probe(&ask, &Told::of(a), &a.follow_ups, &judged)
    }

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
                self.record_model_follow_up(index);
            }
            self.reply = editor("Type your reply. Ctrl-S sends it.");
            let next = self.listen(content, ctx.now);
            self.flow.advance(content, Event::FollowUpAnswered { next });
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
        let mut heading = vec![Span::styled(
            format!("Follow-up {}", index + 1),
            theme::accent(),
        )];
        if let Some((label, style)) = self.probe_label(index) {
            heading.push(Span::styled(label, style));
        }
        heading.push(Span::styled(
            match probe.map(|p| p.why.as_str()) {
                Some(why) if !why.is_empty() && !self.strict => {
                    format!(" · {}", one_line(why))
                }
                _ => String::new(),
            },
            theme::dim(),
        ));
        let said_lines = if self.asking_model() {
            vec![
                Line::from(heading),
                Line::styled(
                    "Your model is phrasing the follow-up… (Esc: the interviewer's own question now)",
                    theme::dim(),
                ),
            ]
        } else {
            vec![
                Line::from(heading),
                Line::styled(format!("“{text}”"), theme::quote()),
            ]
        };
        f.render_widget(Paragraph::new(said_lines).wrap(Wrap { trim: true }), said);
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
