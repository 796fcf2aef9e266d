//! The self-score step: the candidate's levels beside the interviewer's,
//! notes and the story link.

use super::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum ScoreField {
    Criteria,
    Notes,
    Story,
    NewStory,
}

#[derive(Debug, Clone)]
pub(super) struct ScoreState {
    pub(super) board: Board,
    pub(super) notes: TextArea<'static>,
    pub(super) new_story: TextArea<'static>,
    /// 0 = no story, k = stories[k-1].
    pub(super) story: usize,
    pub(super) field: ScoreField,
    /// The candidate was told not everything is scored, and may confirm.
    pub(super) partial_ok: bool,
    /// Confirmed once with self-scores well above the interviewer's.
    pub(super) padded_ok: bool,
}

impl SessionScreen {
    pub(super) fn enter_score(&mut self, content: &Content) {
        let Some(ans) = self.current_answer() else {
            return;
        };
        let board = Board::for_answer(content, &self.session, ans);
        self.score = Some(ScoreState {
            board,
            notes: editor_with(&ans.notes, "Notes for next time (optional)"),
            new_story: editor("…or a new story title"),
            story: 0,
            field: ScoreField::Criteria,
            partial_ok: false,
            padded_ok: false,
        });
    }

    /// The session with the self-score in progress applied to its answer
    /// (scores, notes, and a new story's title kept in the notes), so a crash
    /// while scoring loses nothing typed. Confirming replaces it.
    pub(super) fn scoring_snapshot(&self) -> Option<Session> {
        let s = self.score.as_ref()?;
        let a = self.current_answer()?;
        let notes = text_of(&s.notes);
        let title = text_of(&s.new_story).trim().to_string();
        let mut snapshot = self.session.clone();
        let i = snapshot.answers.iter().position(|x| x.id == a.id)?;
        let ans = &mut snapshot.answers[i];
        ans.self_scores = s.board.scores.clone();
        let mut extra = Vec::new();
        if !notes.trim().is_empty() && !ans.notes.contains(notes.trim()) {
            extra.push(notes.trim().to_string());
        }
        if !title.is_empty() {
            extra.push(format!("Story to write: {title}"));
        }
        if !extra.is_empty() {
            let mut all = vec![ans.notes.trim().to_string()];
            all.extend(extra);
            all.retain(|x| !x.is_empty());
            ans.notes = all.join("\n");
        }
        (snapshot != self.session).then_some(snapshot)
    }

    pub(super) fn key_score(&mut self, key: KeyEvent, ctx: &Ctx) -> Vec<Cmd> {
        let n_stories = ctx.stories.stories.len();
        let Some(s) = &mut self.score else {
            return vec![];
        };
        let confirm = is_ctrl(&key, 's')
            || (key.code == KeyCode::Enter
                && matches!(
                    s.field,
                    ScoreField::Criteria | ScoreField::Story | ScoreField::NewStory
                ));
        if confirm {
            let (scored, total) = (s.board.scored(), s.board.items.len());
            let padded = s.board.padded_count();
            let partial = scored < total && !s.partial_ok;
            let padded_ask = padded > 0 && !s.padded_ok && text_of(&s.notes).trim().is_empty();
            if partial || padded_ask {
                // Ask once; a second confirm keeps the partial score or the
                // scores above the evidence on purpose (both numbers are
                // kept either way).
                s.partial_ok = true;
                s.padded_ok = true;
                let mut msg = Vec::new();
                if partial {
                    msg.push(if scored == 0 {
                        format!(
                            "Nothing scored yet: press 1–4 on each of the {total} criteria, or confirm again to skip scoring."
                        )
                    } else {
                        format!(
                            "{scored} of {total} criteria scored: score the rest, or confirm again to keep it partial."
                        )
                    });
                }
                if padded_ask {
                    msg.push(format!(
                        "{} 2+ levels above the interviewer's evidence (!): = takes theirs, or say in the notes (Tab) which sentence earns yours; confirm again to keep yours.",
                        if padded == 1 {
                            "1 score is".to_string()
                        } else {
                            format!("{padded} scores are")
                        }
                    ));
                }
                return vec![Cmd::Status(msg.join(" "))];
            }
            return self.confirm_score(ctx);
        }
        match key.code {
            KeyCode::Tab | KeyCode::BackTab => {
                let order = [
                    ScoreField::Criteria,
                    ScoreField::Notes,
                    ScoreField::Story,
                    ScoreField::NewStory,
                ];
                let i = order.iter().position(|f| *f == s.field).unwrap_or(0);
                let next = if key.code == KeyCode::Tab {
                    (i + 1) % 4
                } else {
                    (i + 3) % 4
                };
                s.field = order[next];
                return vec![];
            }
            _ => {}
        }
        let changed = match s.field {
            ScoreField::Criteria => s.board.key(key),
            ScoreField::Notes => s.notes.input(key),
            ScoreField::NewStory => key.code != KeyCode::Enter && s.new_story.input(key),
            ScoreField::Story => match key.code {
                KeyCode::Left | KeyCode::Up | KeyCode::Char('h') | KeyCode::Char('k') => {
                    s.story = (s.story + n_stories) % (n_stories + 1);
                    false
                }
                KeyCode::Right | KeyCode::Down | KeyCode::Char('l') | KeyCode::Char('j') => {
                    s.story = (s.story + 1) % (n_stories + 1);
                    false
                }
                _ => false,
            },
        };
        // Scores and notes are autosaved like a draft (see `scoring_snapshot`).
        self.dirty |= changed;
        vec![]
    }

    pub(super) fn confirm_score(&mut self, ctx: &Ctx) -> Vec<Cmd> {
        let content = ctx.content;
        let Some(s) = self.score.take() else {
            return vec![];
        };
        let mut cmds = Vec::new();
        let new_title = text_of(&s.new_story).trim().to_string();
        let mut story_id = (s.story > 0)
            .then(|| ctx.stories.stories.get(s.story - 1).map(|x| x.id.clone()))
            .flatten();
        let principles = self
            .current_answer()
            .map(|a| a.principles.clone())
            .unwrap_or_default();
        // A story that cannot be created (the bank's file is unreadable, or
        // another instance holds the data dir) is kept in the notes instead.
        let mut unsaved_story = None;
        if !new_title.is_empty()
            && let Some(why) = ctx.stories_locked()
        {
            cmds.push(Cmd::Status(format!(
                "Story not created ({why}); its title is kept in the answer's notes."
            )));
            unsaved_story = Some(new_title);
        } else if !new_title.is_empty() {
            let mut bank = ctx.stories.clone();
            let id = store::new_id(ctx.wall);
            bank.stories.push(Story {
                id: id.clone(),
                title: new_title,
                summary: String::new(),
                star: self
                    .current_answer()
                    .map(|a| a.star.clone())
                    .unwrap_or_default(),
                principles,
                metric: String::new(),
                created_at: ctx.wall,
                updated_at: ctx.wall,
            });
            story_id = Some(id);
            cmds.push(Cmd::SaveStories(bank));
        }
        let ran_over = self.current_answer().is_some_and(|a| a.overtime_secs > 0);
        if let Some(a) = self.current_answer_mut() {
            a.self_scores = s.board.scores;
            a.notes =
                if a.spoken && !text_of(&s.notes).trim().is_empty() && a.notes != text_of(&s.notes)
                {
                    format!("{}\n{}", a.notes, text_of(&s.notes))
                } else if a.spoken {
                    a.notes.clone()
                } else {
                    text_of(&s.notes)
                };
            if let Some(t) = unsaved_story {
                let line = format!("Story to write: {t}");
                a.notes = if a.notes.trim().is_empty() {
                    line
                } else {
                    format!("{}\n{line}", a.notes)
                };
            }
            if story_id.is_some() {
                a.story_id = story_id;
            }
        }
        self.reaction = self.react(content);
        self.flow.advance(content, Event::Scored { ran_over });
        cmds.push(self.save());
        cmds.extend(self.entered(content, ctx));
        cmds
    }

    /// The persona's reaction to the answer just scored, from the
    /// interviewer's judged average (never praise after a weak answer).
    fn react(&self, content: &Content) -> Option<String> {
        let (interview, question, _) = self.flow.current_question()?;
        let rec = &self.session.interviews[interview];
        let who = content.interviewer(&rec.interviewer.id)?;
        let a = self.current_answer()?;
        let avg = Judge::new(content)
            .judge_answer(a, rec.interviewer.bar_raiser)
            .and_then(|j| j.average);
        // A story told in STAR is a story, whatever the question's format.
        let story = a.parts.is_empty();
        reaction(
            who,
            avg,
            story,
            self.flow.plan.seed,
            interview * 100 + question,
        )
    }

    // ------------------------------------------------------------ drawing

    pub(super) fn render_score(&self, f: &mut Frame, area: Rect, ctx: &Ctx) {
        let Some(s) = &self.score else { return };
        let ans = self.current_answer();
        // Short terminals keep the notes and story to one line each while
        // the criteria have the focus, so all four levels stay readable.
        let bottom_h = if area.height < 30 && s.field == ScoreField::Criteria {
            3
        } else {
            5
        };
        let [head, body, bottom] = Layout::vertical([
            Constraint::Length(2),
            Constraint::Min(8),
            Constraint::Length(bottom_h),
        ])
        .areas(area);
        let avg = crate::store::average(s.board.scores.values());
        let mut title = vec![Span::styled("Self-score  ", theme::title())];
        if let Some(a) = ans {
            title.push(Span::styled(
                truncate(
                    &one_line(&a.question),
                    (area.width as usize).saturating_sub(30),
                ),
                theme::dim(),
            ));
        }
        let info = format!(
            "{} of {} scored{}",
            s.board.scored(),
            s.board.items.len(),
            avg.map_or(String::new(), |v| format!(" · average {v:.2}"))
        );
        f.render_widget(
            Paragraph::new(vec![Line::from(title), Line::styled(info, theme::dim())]),
            head,
        );
        let focus = |fl: ScoreField| {
            if s.field == fl {
                theme::border_focus()
            } else {
                theme::border()
            }
        };
        // The model's second opinion, when the AI is on, below the levels.
        let opinion = self.opinion_lines(ctx, body.width);
        let body = if opinion.is_empty() {
            body
        } else {
            let h = (opinion.len() as u16).min(body.height.saturating_sub(8) / 2);
            let [board, second] =
                Layout::vertical([Constraint::Min(6), Constraint::Length(h)]).areas(body);
            f.render_widget(Paragraph::new(opinion), second);
            board
        };
        s.board
            .render(f, body, s.field == ScoreField::Criteria, None);
        let [notes, story] =
            Layout::horizontal([Constraint::Percentage(55), Constraint::Percentage(45)])
                .areas(bottom);
        let mut n = s.notes.clone();
        n.set_block(
            Block::default()
                .borders(Borders::ALL)
                .border_style(focus(ScoreField::Notes))
                .title(" Notes "),
        );
        widgets::show_cursor(&mut n, s.field == ScoreField::Notes);
        widgets::editor(f, &n, notes);
        let [pick, new] =
            Layout::vertical([Constraint::Length(2), Constraint::Min(1)]).areas(story);
        let current = if s.story == 0 {
            "(no story)".to_string()
        } else {
            ctx.stories
                .stories
                .get(s.story - 1)
                .map_or("?".into(), |x| one_line(&x.title))
        };
        f.render_widget(
            Paragraph::new(vec![
                Line::from(vec![
                    Span::styled("Story: ", theme::dim()),
                    Span::styled(
                        format!(
                            "◀ {} ▶",
                            truncate(&current, story.width.saturating_sub(12) as usize)
                        ),
                        if s.field == ScoreField::Story {
                            theme::selected()
                        } else {
                            theme::text()
                        },
                    ),
                ]),
                Line::styled(
                    if ctx.stories_unreadable.is_some() {
                        "story bank unreadable: a title goes into the notes".to_string()
                    } else {
                        format!("{} in the bank", plural(ctx.stories.stories.len(), "story"))
                    },
                    theme::dim(),
                ),
            ]),
            pick,
        );
        if new.height < 3 {
            // Compact (criteria in focus on a short terminal): one line.
            let title = text_of(&s.new_story);
            f.render_widget(
                Paragraph::new(Line::from(vec![
                    Span::styled("New story: ", theme::dim()),
                    Span::styled(
                        if title.trim().is_empty() {
                            "— (Tab to type a title)".to_string()
                        } else {
                            truncate(&one_line(&title), new.width.saturating_sub(12) as usize)
                        },
                        theme::text(),
                    ),
                ])),
                new,
            );
            return;
        }
        let mut ns = s.new_story.clone();
        ns.set_block(
            Block::default()
                .borders(Borders::ALL)
                .border_style(focus(ScoreField::NewStory))
                .title(" New story "),
        );
        widgets::show_cursor(&mut ns, s.field == ScoreField::NewStory);
        widgets::editor(f, &ns, new);
    }
}
