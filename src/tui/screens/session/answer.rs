//! The answer step: the STAR editor (or spoken notes) with its timer, word
//! counts and submission.

use super::*;

impl SessionScreen {
    /// The format of the question being answered, when it is not STAR.
    fn format_of<'c>(
        &self,
        content: &'c Content,
    ) -> Option<(&'c crate::content::Question, &'c crate::content::FormatSpec)> {
        let (_, _, qid) = self.flow.current_question()?;
        let q = content.question(qid)?;
        let spec = content.format(q.format)?;
        Some((q, spec))
    }

    /// The names of the answer's fields: STAR, or the format's.
    pub(super) fn field_labels(&self, content: &Content) -> Vec<String> {
        match self.format_of(content) {
            Some((q, spec)) => spec.fields_for(q).iter().map(|f| f.name.clone()).collect(),
            None => L::STAR.iter().map(|s| s.to_string()).collect(),
        }
    }

    /// The hint shown in each empty field.
    pub(super) fn field_hints(&self, content: &Content) -> Vec<String> {
        match self.format_of(content) {
            Some((q, spec)) => spec.fields_for(q).iter().map(|f| f.hint.clone()).collect(),
            None => L::STAR_HINTS.iter().map(|s| s.to_string()).collect(),
        }
    }

    pub(super) fn enter_answer(&mut self, content: &Content, now: Duration, already: Duration) {
        self.reaction = None;
        let Step::Answer { interview, .. } = self.flow.step else {
            return;
        };
        let limit = Duration::from_secs(u64::from(self.planned(interview).answer_minutes) * 60);
        self.field_names = self.field_labels(content);
        self.editors = self
            .field_hints(content)
            .iter()
            .map(|h| editor(h))
            .collect();
        let n = self.editors.len();
        self.words = vec![0; n];
        self.line_words = vec![Vec::new(); n];
        self.recount_all = true;
        self.focus = 0;
        self.spoken_notes = false;
        self.timer = Some(Timer::start(limit, now, already));
        self.answer_started = None;
        self.analysis = None;
        self.dirty = false;
        self.last_draft = now;
    }

    /// Recounts every line of STAR field `k` (on opening, after a paste or
    /// an edit that is not a simple keystroke).
    pub(super) fn recount(&mut self, k: usize) {
        self.line_words[k] = self.editors[k]
            .lines()
            .iter()
            .map(|l| analysis::word_count(l))
            .collect();
        self.words[k] = self.line_words[k].iter().sum();
    }

    /// Updates field `k`'s word count after a simple keystroke (typing,
    /// Enter, Backspace, Delete) that moved the cursor from `row0` with
    /// `lines0` lines: only the line(s) around the cursor are recounted.
    /// Anything else (undo, a multi-line change) recounts the field.
    pub(super) fn recount_after_key(&mut self, k: usize, row0: usize, lines0: usize) {
        let lines = self.editors[k].lines();
        let row1 = self.editors[k].cursor().0;
        let lo = row0.min(row1);
        let counts = &mut self.line_words[k];
        let wc = |r: usize| analysis::word_count(&lines[r]);
        if counts.len() != lines0 {
            return self.recount(k);
        }
        match lines.len() as isize - lines0 as isize {
            0 if row0 == row1 => counts[lo] = wc(lo),
            1 if row1 == row0 + 1 => {
                counts.splice(lo..=lo, [wc(lo), wc(lo + 1)]);
            }
            -1 if lo + 1 < lines0 => {
                counts.splice(lo..lo + 2, [wc(lo)]);
            }
            _ => return self.recount(k),
        }
        self.words[k] = counts.iter().sum();
    }

    /// Sets each STAR editor's frame (focus, word count) after a change, so
    /// drawing never has to copy an editor. Word counts come from
    /// `line_words`, kept up to date by the edits themselves.
    pub(super) fn style_editors(&mut self) {
        if std::mem::take(&mut self.recount_all) {
            (0..self.editors.len()).for_each(|k| self.recount(k));
        }
        for k in 0..self.editors.len() {
            let focused = k == self.focus;
            if self.line_words[k].len() != self.editors[k].lines().len() {
                self.recount(k);
            }
            let wc = self.words[k];
            let e = &mut self.editors[k];
            e.set_block(widgets::field_block(
                format!(" {} · {wc} w ", self.field_names[k]),
                focused,
            ));
            widgets::show_cursor(e, focused);
        }
    }

    pub(super) fn edit(&mut self, key: KeyEvent, target: Target2) {
        let k = self.focus;
        let t = match target {
            Target2::Star => &mut self.editors[k],
            Target2::Reply => &mut self.reply,
        };
        let (row0, lines0) = (t.cursor().0, t.lines().len());
        if t.input(key) {
            self.dirty = true;
            if target == Target2::Star {
                let simple = !key
                    .modifiers
                    .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
                    && matches!(
                        key.code,
                        KeyCode::Char(_) | KeyCode::Enter | KeyCode::Backspace | KeyCode::Delete
                    );
                if simple {
                    self.recount_after_key(k, row0, lines0);
                } else {
                    self.recount(k);
                }
            }
        }
    }

    /// Types a run of plain characters (no newline) into the field being
    /// edited, exactly as that many keystrokes would, but as one edit: the
    /// event loop hands a burst of queued keys (an unbracketed paste) here so
    /// the editor re-lays out its text once, not once per key. Returns false
    /// (nothing done) when the run must go key by key instead.
    pub fn type_run(&mut self, run: &str, ctx: &Ctx) -> bool {
        let plain_answer = matches!(self.flow.step, Step::Answer { .. })
            && self.started
            && !self.confirm_leave
            && !self.spoken
            && !self.timer.as_ref().is_some_and(Timer::is_paused);
        if !plain_answer || run.contains(['\n', '\r']) {
            return false;
        }
        self.submit_asked = false;
        if self.answer_started.is_none() {
            self.answer_started = Some(ctx.wall);
        }
        let k = self.focus;
        let (row0, lines0) = (self.editors[k].cursor().0, self.editors[k].lines().len());
        if self.editors[k].insert_str(run) {
            self.dirty = true;
            self.recount_after_key(k, row0, lines0);
        }
        self.style_editors();
        true
    }

    pub(super) fn key_answer(&mut self, key: KeyEvent, ctx: &Ctx) -> Vec<Cmd> {
        if self.spoken && !self.spoken_notes {
            if key.code == KeyCode::Enter {
                if let Some(t) = &mut self.timer {
                    t.pause(ctx.now);
                }
                self.spoken_notes = true;
                self.reply = editor(
                    "Short notes: the story you told, the numbers you gave. Ctrl-S to score.",
                );
            }
            return vec![];
        }
        if is_ctrl(&key, 's') {
            let n = self.editors.len();
            let empty: Vec<&str> = (0..n)
                .filter(|&k| text_of(&self.editors[k]).trim().is_empty())
                .map(|k| self.field_names[k].as_str())
                .collect();
            if !self.spoken && !empty.is_empty() && !self.submit_asked {
                self.submit_asked = true;
                let what = match empty.as_slice() {
                    [one] => format!("The {one} is empty"),
                    [init @ .., last] if empty.len() < n => {
                        format!("{} and {last} are empty", init.join(", "))
                    }
                    _ => "Nothing is written yet".to_string(),
                };
                return vec![Cmd::Status(format!(
                    "{what}: Ctrl-S again submits as it is (the timer keeps running)."
                ))];
            }
            self.submit_asked = false;
            return self.submit_answer(ctx);
        }
        self.submit_asked = false;
        if self.spoken_notes {
            self.edit(key, Target2::Reply);
            return vec![];
        }
        match key.code {
            KeyCode::Tab => {
                self.focus = (self.focus + 1) % self.editors.len();
                return vec![];
            }
            KeyCode::BackTab => {
                let n = self.editors.len();
                self.focus = (self.focus + n - 1) % n;
                return vec![];
            }
            _ => {}
        }
        if self.answer_started.is_none() {
            self.answer_started = Some(ctx.wall);
        }
        self.edit(key, Target2::Star);
        vec![]
    }

    pub(super) fn submit_answer(&mut self, ctx: &Ctx) -> Vec<Cmd> {
        let content = ctx.content;
        let Some((interview, _, qid)) = self.flow.current_question() else {
            return vec![];
        };
        let qid = qid.to_string();
        let Some(q) = content.question(&qid) else {
            return vec![Cmd::Status(format!(
                "Question \"{qid}\" is no longer in the content; skipped."
            ))];
        };
        let timer = self
            .timer
            .clone()
            .unwrap_or_else(|| Timer::start(Duration::from_secs(300), ctx.now, Duration::ZERO));
        let elapsed = timer.elapsed(ctx.now);
        let texts: Vec<String> = self.editors.iter().map(text_of).collect();
        let star_answer = q.format.is_star();
        let star = if self.spoken || !star_answer || texts.len() != 4 {
            Star::default()
        } else {
            Star::from_fields([0, 1, 2, 3].map(|k| texts[k].clone()))
        };
        let parts = if self.spoken || star_answer {
            Vec::new()
        } else {
            texts
        };
        let notes = if self.spoken {
            text_of(&self.reply)
        } else {
            String::new()
        };
        let limit = timer.limit().as_secs();
        let (a, judged) = if self.spoken {
            // Notes of a spoken answer are not the answer: nothing to analyse
            // but its length in time; the follow-ups are the question's own.
            let a = Analysis {
                record: crate::store::AnalysisRecord {
                    words: analysis::word_count(&notes),
                    speaking_secs: elapsed.as_secs() as u32,
                    ..Default::default()
                },
                findings: Vec::new(),
            };
            (a, None)
        } else {
            // The interviewer's judge, with the question: it finds what the
            // question-free analysis cannot (off-topic, no failure told).
            let bar_raiser = self.session.interviews[interview].interviewer.bar_raiser;
            let told = if parts.is_empty() {
                Told::Star(&star)
            } else {
                Told::Parts(&parts)
            };
            let j = Judge::new(content).judge_words(q, &told, &[], limit, bar_raiser);
            (analysis::from_told(&told, &j), Some(j))
        };
        let started = self
            .answer_started
            .unwrap_or_else(|| ctx.wall - chrono::Duration::seconds(elapsed.as_secs() as i64));
        let answer = Answer {
            id: store::new_id(ctx.wall),
            question_id: q.id.clone(),
            question: q.text.clone(),
            principles: q.principles.clone(),
            interviewer_id: Some(self.session.interviews[interview].interviewer.id.clone())
                .filter(|s| !s.is_empty()),
            interview_index: interview,
            star,
            part_names: if parts.is_empty() {
                Vec::new()
            } else {
                self.field_names.clone()
            },
            parts,
            follow_ups: Vec::new(),
            started_at: started,
            submitted_at: ctx.wall,
            duration_secs: elapsed.as_secs(),
            time_limit_secs: limit,
            overtime_secs: timer.overtime(ctx.now).as_secs(),
            self_scores: BTreeMap::new(),
            score_history: Vec::new(),
            analysis: a.record.clone(),
            story_id: None,
            notes,
            spoken: self.spoken,
            judged: None,
            summary_only: false,
        };
        // Replace an earlier attempt at the same slot (a resumed answer), else append.
        match self
            .session
            .answers
            .iter_mut()
            .find(|x| x.interview_index == interview && x.question_id == answer.question_id)
        {
            Some(x) => *x = answer,
            None => self.session.answers.push(answer),
        }
        self.timer = None;
        self.follow_ups_since = Some(ctx.now);
        // The judgement the analysis came from: the answer has no reply yet.
        let next = self.choose_next(content, ctx.now, judged);
        self.flow.advance(content, Event::Submitted { next });
        self.analysis = Some(a);
        self.reply = editor("Type your reply. Ctrl-S sends it.");
        self.dirty = false;
        let mut cmds = vec![self.save(), Cmd::DiscardDraft(self.session.id.clone())];
        cmds.extend(self.entered(content, ctx));
        cmds
    }

    pub(super) fn render_answer(
        &self,
        f: &mut Frame,
        area: Rect,
        ctx: &Ctx,
        interview: usize,
        question: usize,
    ) {
        let qid = &self.flow.plan.interviews[interview].questions[question];
        let q = ctx.content.question(qid);
        let qtext = q.map_or_else(
            || format!("(question \"{qid}\" is missing from the content)"),
            |q| sanitize(&q.text),
        );
        let lp = q.map(|q| q.primary().to_string()).unwrap_or_default();
        let show_hints = !self.strict && area.width >= 110;
        let (main, side) = if show_hints {
            let [m, s] = Layout::horizontal([
                Constraint::Min(60),
                Constraint::Length((area.width / 4).clamp(34, 56)),
            ])
            .areas(area);
            (m, Some(s))
        } else {
            (area, None)
        };
        let qlines = (qtext.chars().count() as u16 / main.width.saturating_sub(2).max(1)) + 1;
        let [head, qarea, edit] = Layout::vertical([
            Constraint::Length(2),
            Constraint::Length(qlines.min(5) + 1),
            Constraint::Min(6),
        ])
        .areas(main);
        let n = self.flow.plan.interviews[interview].questions.len();
        let words: u32 = self.words.iter().sum();
        let mut status = vec![Span::styled(
            format!("Q{}/{n} ", question + 1),
            theme::accent(),
        )];
        if let Some(spec) = q.and_then(|q| ctx.content.format(q.format)) {
            status.push(Span::styled(format!("{} · ", spec.name), theme::accent()));
        }
        status.push(Span::styled(
            ctx.content.principle_name(&lp).to_string(),
            theme::title(),
        ));
        status.extend(self.timer_spans(ctx.now));
        if !self.spoken {
            let secs = analysis::speaking_secs(words);
            status.push(Span::styled(
                format!(" {words} words ≈ {}:{:02} spoken", secs / 60, secs % 60),
                theme::dim(),
            ));
        }
        f.render_widget(
            Paragraph::new(vec![
                self.interviewer_header(ctx, interview, head.width),
                Line::from(status),
            ]),
            head,
        );
        f.render_widget(
            Paragraph::new(Line::styled(format!("“{qtext}”"), theme::quote()))
                .wrap(Wrap { trim: true }),
            qarea,
        );
        if self.spoken {
            let mut lines = vec![
                Line::raw(""),
                Line::styled(
                    if self.spoken_notes {
                        "Timer stopped."
                    } else {
                        "Answer aloud now, in STAR order. The timer is running."
                    },
                    theme::accent(),
                ),
            ];
            if !self.spoken_notes {
                lines.push(Line::raw("Press Enter when you have finished speaking."));
            }
            if self.spoken_notes {
                let [a, b] =
                    Layout::vertical([Constraint::Length(3), Constraint::Min(3)]).areas(edit);
                f.render_widget(Paragraph::new(lines), a);
                let mut r = self.reply.clone();
                r.set_block(
                    Block::default()
                        .borders(Borders::ALL)
                        .border_style(theme::border_focus())
                        .title(" Notes "),
                );
                widgets::editor(f, &r, b);
            } else {
                f.render_widget(
                    Paragraph::new(lines).block(
                        Block::default()
                            .borders(Borders::ALL)
                            .border_style(theme::border()),
                    ),
                    edit,
                );
            }
        } else {
            // Two fields a row, in order; an odd last one takes the row.
            let n = self.editors.len();
            let rows = n.div_ceil(2).max(1);
            let row_areas =
                Layout::vertical(vec![Constraint::Ratio(1, rows as u32); rows]).split(edit);
            for (r, row) in row_areas.iter().enumerate() {
                let ks: Vec<usize> = (r * 2..(r * 2 + 2).min(n)).collect();
                let cells =
                    Layout::horizontal(vec![Constraint::Ratio(1, ks.len() as u32); ks.len()])
                        .split(*row);
                for (k, cell) in ks.into_iter().zip(cells.iter()) {
                    widgets::editor(f, &self.editors[k], *cell);
                }
            }
        }
        // A scenario or design answer gets the hints of its own format:
        // what its rubric listens for and what falls short, not the LP's
        // STAR pitfalls.
        let format_rubric = self
            .format_of(ctx.content)
            .and_then(|(_, spec)| ctx.content.rubric(&spec.rubric).map(|r| (spec, r)));
        let Some(side) = side else {
            return;
        };
        // (title, what it listens for, its pitfalls)
        let hints: Option<(&str, Vec<String>, Vec<String>)> = match format_rubric {
            Some((spec, r)) => Some((
                &spec.name,
                r.criteria
                    .iter()
                    .map(|c| format!("{}: {}", c.name, c.levels[3]))
                    .collect(),
                r.criteria.iter().map(|c| c.levels[0].clone()).collect(),
            )),
            None => ctx
                .content
                .principle(&lp)
                .map(|p| (p.name.as_str(), p.signals.clone(), p.pitfalls.clone())),
        };
        if let Some((name, listens, pitfalls)) = hints {
            render_hints(f, side, name, &listens, &pitfalls);
        }
    }

    pub(super) fn timer_spans(&self, now: Duration) -> Vec<Span<'static>> {
        let Some(t) = &self.timer else { return vec![] };
        let (txt, style) = match t.phase(now) {
            TimerPhase::Plenty => (format_clock(t.remaining(now), false), theme::good()),
            TimerPhase::Amber => (
                format_clock(t.remaining(now), false),
                theme::warn().add_modifier(ratatui::style::Modifier::BOLD),
            ),
            TimerPhase::Over => (
                format!("{} over", format_clock(t.overtime(now), true)),
                theme::bad(),
            ),
        };
        let mut v = vec![Span::styled(format!(" ⏱ {txt} "), style)];
        if t.is_paused() && !self.spoken_notes {
            v.push(Span::styled(format!(" {} ", L::PAUSED), theme::accent()));
        }
        v
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Target2 {
    Star,
    Reply,
}

/// The hints beside the editor: what the interviewer listens for, then the
/// pitfalls, under a title naming the principle or the answer format.
fn render_hints(f: &mut Frame, side: Rect, name: &str, listens: &[String], pitfalls: &[String]) {
    let mut lines = vec![Line::styled(
        "What the interviewer listens for",
        theme::title(),
    )];
    for s in listens {
        lines.push(Line::raw(format!("• {}", sanitize(s))));
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled("Pitfalls", theme::title()));
    for s in pitfalls {
        lines.push(Line::styled(format!("• {}", sanitize(s)), theme::dim()));
    }
    f.render_widget(
        Paragraph::new(lines).wrap(Wrap { trim: true }).block(
            Block::default()
                .borders(Borders::LEFT)
                .border_style(theme::border())
                .title(format!(
                    " {} — hints ",
                    truncate(&one_line(name), usize::from(side.width.saturating_sub(12)))
                )),
        ),
        side,
    );
}
