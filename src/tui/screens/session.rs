//! A mock Loop or a drill: plan, interviewer lines, STAR editor with timer,
//! follow-ups, self-score and the debrief.

use crate::content::Content;
use crate::practice::analysis::{self, Analysis};
use crate::practice::debrief::{Debrief, debrief};
use crate::practice::interviewer::{Event, Flow, LineKind, Step, choose_follow_ups, line};
use crate::practice::judge::Judge;
use crate::practice::plan::{LoopPlan, PlannedInterview};
use crate::practice::timer::{Timer, TimerPhase, format_clock};
use crate::store::{
    self, Answer, DebriefRecord, Draft, DraftStep, FollowUp, InterviewRecord, InterviewerRef,
    SCHEMA_VERSION, Session, SessionKind, Star, Story,
};
use crate::tui::app::{Cmd, Ctx, Target};
use crate::tui::labels as L;
use crate::tui::screens::review::push_wrapped;
use crate::tui::text::{one_line, plural, sanitize, truncate};
use crate::tui::theme;
use crate::tui::widgets::{self, scoring::Board};
use chrono::{DateTime, Utc};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Cell, Paragraph, Row, Table, Wrap};
use ratatui_textarea::{TextArea, WrapMode};
use std::collections::BTreeMap;
use std::time::Duration;

/// Autosave the draft at least this often while typing.
pub const AUTOSAVE: Duration = Duration::from_secs(4);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ScoreField {
    Criteria,
    Notes,
    Story,
    NewStory,
}

#[derive(Debug, Clone)]
struct ScoreState {
    board: Board,
    notes: TextArea<'static>,
    new_story: TextArea<'static>,
    /// 0 = no story, k = stories[k-1].
    story: usize,
    field: ScoreField,
    /// The candidate was told not everything is scored, and may confirm.
    partial_ok: bool,
    /// Confirmed once with self-scores well above the interviewer's.
    padded_ok: bool,
}

#[derive(Debug, Clone)]
pub struct SessionScreen {
    pub session: Session,
    flow: Flow,
    started: bool,
    strict: bool,
    spoken: bool,
    /// Spoken drill: the timer was stopped and notes are being typed.
    spoken_notes: bool,
    editors: [TextArea<'static>; 4],
    /// Word count of each STAR field, updated with the text.
    words: [u32; 4],
    /// Word count of each line of each STAR field: a keystroke recounts only
    /// the line(s) it changed, so its cost does not grow with the answer.
    line_words: [Vec<u32>; 4],
    /// The editors were replaced or pasted into: recount them all.
    recount_all: bool,
    focus: usize,
    reply: TextArea<'static>,
    timer: Option<Timer>,
    answer_started: Option<DateTime<Utc>>,
    analysis: Option<Analysis>,
    score: Option<ScoreState>,
    confirm_leave: bool,
    /// Ctrl-S was pressed with STAR parts empty; a second Ctrl-S submits.
    submit_asked: bool,
    dirty: bool,
    last_draft: Duration,
    debrief: Option<Debrief>,
    scroll: u16,
}

fn editor(placeholder: &str) -> TextArea<'static> {
    let mut t = TextArea::default();
    t.set_wrap_mode(WrapMode::WordOrGlyph);
    t.set_placeholder_text(placeholder.to_string());
    t.set_placeholder_style(theme::dim());
    t.set_cursor_line_style(Style::new());
    t
}

fn editor_with(text: &str, placeholder: &str) -> TextArea<'static> {
    let mut t = editor(placeholder);
    if !text.is_empty() {
        t.insert_str(text);
    }
    t
}

fn text_of(t: &TextArea) -> String {
    t.lines().join("\n")
}

fn is_ctrl(key: &KeyEvent, c: char) -> bool {
    key.modifiers.contains(KeyModifiers::CONTROL) && key.code == KeyCode::Char(c)
}

impl SessionScreen {
    fn build(
        session: Session,
        plan: LoopPlan,
        drill: bool,
        strict: bool,
        spoken: bool,
    ) -> SessionScreen {
        SessionScreen {
            session,
            flow: Flow::new(plan, drill),
            started: false,
            strict,
            spoken,
            spoken_notes: false,
            editors: L::STAR_HINTS.map(editor),
            words: [0; 4],
            line_words: Default::default(),
            recount_all: true,
            focus: 0,
            reply: editor("Type your reply. Ctrl-S sends it."),
            timer: None,
            answer_started: None,
            analysis: None,
            score: None,
            confirm_leave: false,
            submit_asked: false,
            dirty: false,
            last_draft: Duration::ZERO,
            debrief: None,
            scroll: 0,
        }
    }

    fn records(content: &Content, plan: &LoopPlan) -> Vec<InterviewRecord> {
        plan.interviews
            .iter()
            .map(|p| InterviewRecord {
                interviewer: match content.interviewer(&p.interviewer) {
                    Some(i) => InterviewerRef {
                        id: i.id.clone(),
                        name: i.name.clone(),
                        role: i.role.clone(),
                        bar_raiser: i.bar_raiser,
                    },
                    None => InterviewerRef {
                        id: String::new(),
                        name: "Timed drill".into(),
                        role: "you and the clock".into(),
                        bar_raiser: false,
                    },
                },
                principles: p.principles.clone(),
                question_ids: p.questions.clone(),
                answer_secs: u64::from(p.answer_minutes) * 60,
                ..Default::default()
            })
            .collect()
    }

    /// A new mock loop, on its plan screen.
    pub fn new_loop(
        content: &Content,
        plan: LoopPlan,
        strict: bool,
        wall: DateTime<Utc>,
    ) -> SessionScreen {
        let mut s = Session::new(store::new_id(wall), SessionKind::Loop, wall);
        s.template = plan.template.clone();
        s.seed = Some(plan.seed);
        s.strict = strict;
        s.interviews = Self::records(content, &plan);
        Self::build(s, plan, false, strict, false)
    }

    /// A new drill, on its plan screen.
    pub fn new_drill(
        content: &Content,
        plan: LoopPlan,
        spoken: bool,
        wall: DateTime<Utc>,
    ) -> SessionScreen {
        let mut s = Session::new(store::new_id(wall), SessionKind::Drill, wall);
        s.seed = Some(plan.seed);
        s.interviews = Self::records(content, &plan);
        Self::build(s, plan, true, false, spoken)
    }

    /// Picks up an interrupted session where it stopped (at the draft's step if given).
    pub fn resume(
        content: &Content,
        session: Session,
        draft: Option<&Draft>,
        now: Duration,
    ) -> SessionScreen {
        let drill = session.kind == SessionKind::Drill;
        let plan = LoopPlan {
            template: session.template.clone(),
            seed: session.seed.unwrap_or(0),
            interviews: session
                .interviews
                .iter()
                .map(|r| PlannedInterview {
                    interviewer: r.interviewer.id.clone(),
                    principles: r.principles.clone(),
                    questions: r.question_ids.clone(),
                    answer_minutes: (r.answer_secs / 60).max(1) as u32,
                    bar_raiser: r.interviewer.bar_raiser,
                })
                .collect(),
        };
        let strict = session.strict;
        let spoken = session.answers.last().is_some_and(|a| a.spoken);
        let mut me = Self::build(session, plan, drill, strict, spoken);
        me.started = true;
        let draft = draft.filter(|d| d.session_id == me.session.id);
        // Where the session stands without a draft.
        let answered = |s: &Session, i: usize, q: usize| {
            s.interviews[i].question_ids.get(q).is_some_and(|qid| {
                s.answers
                    .iter()
                    .any(|a| a.interview_index == i && &a.question_id == qid)
            })
        };
        let mut step = Step::Debrief;
        'outer: for (i, iv) in me.session.interviews.iter().enumerate() {
            for q in 0..iv.question_ids.len() {
                if !answered(&me.session, i, q) {
                    step = Step::Answer {
                        interview: i,
                        question: q,
                    };
                    break 'outer;
                }
            }
        }
        if let Some(last) = me.session.answers.last()
            && last.self_scores.is_empty()
            && let Some(q) = me.session.interviews[last.interview_index]
                .question_ids
                .iter()
                .position(|x| x == &last.question_id)
        {
            step = Step::SelfScore {
                interview: last.interview_index,
                question: q,
            };
        }
        if let Some(d) = draft {
            let (i, q) = (d.interview_index, d.question_index);
            if i < me.session.interviews.len() {
                step = match &d.step {
                    DraftStep::Answer => Step::Answer {
                        interview: i,
                        question: q,
                    },
                    DraftStep::FollowUp { index, .. } => Step::FollowUp {
                        interview: i,
                        question: q,
                        index: *index,
                    },
                    DraftStep::CandidateQuestions => Step::YourQuestions { interview: i },
                    DraftStep::Writing => step,
                };
            }
        }
        me.flow = Flow::resume_at(me.flow.plan.clone(), drill, step.clone());
        match step {
            Step::Answer { .. } => {
                me.enter_answer(
                    content,
                    now,
                    draft.map_or(Duration::ZERO, |d| Duration::from_secs(d.elapsed_secs)),
                );
                if let Some(d) = draft.filter(|d| d.step == DraftStep::Answer) {
                    me.focus = d.focus.min(3);
                    for (k, f) in d.fields.iter().take(4).enumerate() {
                        me.editors[k] = editor_with(f, L::STAR_HINTS[k]);
                    }
                }
            }
            Step::FollowUp {
                interview,
                question,
                ..
            } => {
                // Recompute the follow-ups from the saved answer: same seed, same answer, same probes.
                let qid = me.flow.plan.interviews[interview].questions[question].clone();
                if let (Some(ans), Some(qu)) = (
                    me.session
                        .answers
                        .iter()
                        .rev()
                        .find(|a| a.interview_index == interview && a.question_id == qid),
                    content.question(&qid),
                ) {
                    let a = analysis::from_judgement(
                        &ans.star,
                        &Judge::new(content).judge(
                            qu,
                            &ans.star,
                            &[],
                            ans.time_limit_secs,
                            me.session.interviews[interview].interviewer.bar_raiser,
                        ),
                    );
                    me.flow.probes = choose_follow_ups(
                        content,
                        qu,
                        &a,
                        ans.overtime_secs > 0,
                        me.flow.plan.seed,
                    );
                    me.analysis = Some(a);
                }
                if let Some(d) = draft {
                    me.reply = editor_with(
                        d.fields.first().map_or("", String::as_str),
                        "Type your reply. Ctrl-S sends it.",
                    );
                }
                if me.flow.probes.is_empty() {
                    me.flow.step = Step::SelfScore {
                        interview,
                        question,
                    };
                    me.enter_score(content);
                }
            }
            Step::SelfScore { .. } => me.enter_score(content),
            Step::YourQuestions { .. } => {
                if let Some(d) = draft {
                    me.reply = editor_with(
                        d.fields.first().map_or("", String::as_str),
                        "Your questions for the interviewer",
                    );
                }
            }
            Step::Debrief => {}
            _ => {}
        }
        me.recount_all = true;
        me.style_editors();
        me
    }

    /// A resumed session whose every answer is in goes straight to its
    /// debrief; this computes and saves it.
    pub fn finish_if_done(&mut self, content: &Content, wall: DateTime<Utc>) -> Vec<Cmd> {
        if self.flow.step == Step::Debrief && self.debrief.is_none() {
            self.finish(content, wall)
        } else {
            Vec::new()
        }
    }

    pub fn captures_text(&self) -> bool {
        self.started
            && !self.confirm_leave
            && match self.flow.step {
                Step::Answer { .. } => !self.spoken || self.spoken_notes,
                Step::FollowUp { .. } | Step::YourQuestions { .. } => true,
                Step::SelfScore { .. } => self
                    .score
                    .as_ref()
                    .is_some_and(|s| matches!(s.field, ScoreField::Notes | ScoreField::NewStory)),
                _ => false,
            }
    }

    /// The writing exercise that belongs to this loop's template, if any.
    fn writing_prompt<'c>(
        &self,
        content: &'c Content,
    ) -> Option<&'c crate::content::WritingPrompt> {
        let t = content.template(self.session.template.as_deref()?)?;
        content.writing_prompt(t.writing.as_deref()?)
    }

    fn planned(&self, interview: usize) -> &PlannedInterview {
        &self.flow.plan.interviews[interview]
    }

    fn enter_answer(&mut self, _content: &Content, now: Duration, already: Duration) {
        let Step::Answer { interview, .. } = self.flow.step else {
            return;
        };
        let limit = Duration::from_secs(u64::from(self.planned(interview).answer_minutes) * 60);
        self.editors = L::STAR_HINTS.map(editor);
        self.recount_all = true;
        self.focus = 0;
        self.spoken_notes = false;
        self.timer = Some(Timer::start(limit, now, already));
        self.answer_started = None;
        self.analysis = None;
        self.dirty = false;
        self.last_draft = now;
    }

    fn current_answer_mut(&mut self) -> Option<&mut Answer> {
        let (i, _, qid) = self.flow.current_question()?;
        let qid = qid.to_string();
        self.session
            .answers
            .iter_mut()
            .rev()
            .find(|a| a.interview_index == i && a.question_id == qid)
    }

    fn current_answer(&self) -> Option<&Answer> {
        let (i, _, qid) = self.flow.current_question()?;
        self.session
            .answers
            .iter()
            .rev()
            .find(|a| a.interview_index == i && a.question_id == qid)
    }

    fn enter_score(&mut self, content: &Content) {
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

    pub fn draft(&self, now: Duration, wall: DateTime<Utc>) -> Option<Draft> {
        if !self.started {
            return None;
        }
        let (step, fields) = match &self.flow.step {
            Step::Answer { .. } => (
                DraftStep::Answer,
                self.editors.iter().map(text_of).collect(),
            ),
            Step::FollowUp { index, .. } => (
                DraftStep::FollowUp {
                    index: *index,
                    probe: self
                        .flow
                        .probes
                        .get(*index)
                        .map(|p| p.text.clone())
                        .unwrap_or_default(),
                },
                vec![text_of(&self.reply)],
            ),
            Step::YourQuestions { .. } => {
                (DraftStep::CandidateQuestions, vec![text_of(&self.reply)])
            }
            _ => return None,
        };
        let (interview, question) = match self.flow.step {
            Step::Answer {
                interview,
                question,
            }
            | Step::FollowUp {
                interview,
                question,
                ..
            } => (interview, question),
            Step::YourQuestions { interview } => (interview, 0),
            _ => (0, 0),
        };
        Some(Draft {
            schema_version: SCHEMA_VERSION,
            session_id: self.session.id.clone(),
            interview_index: interview,
            question_index: question,
            question_id: self
                .flow
                .current_question()
                .map(|q| q.2.to_string())
                .unwrap_or_default(),
            step,
            fields,
            elapsed_secs: self.timer.as_ref().map_or(0, |t| t.elapsed(now).as_secs()),
            saved_at: wall,
            focus: self.focus,
        })
    }

    pub fn tick(&mut self, now: Duration, wall: DateTime<Utc>) -> Vec<Cmd> {
        if self.dirty && now.saturating_sub(self.last_draft) >= AUTOSAVE {
            self.dirty = false;
            self.last_draft = now;
            return self.save_typing(now, wall);
        }
        Vec::new()
    }

    /// Saves what is being typed: the draft of an answer or reply, or, while
    /// self-scoring, the scores and notes so far into the saved answer.
    pub fn save_typing(&self, now: Duration, wall: DateTime<Utc>) -> Vec<Cmd> {
        if let Some(d) = self.draft(now, wall) {
            return vec![Cmd::SaveDraft(Box::new(d))];
        }
        self.scoring_snapshot()
            .map(|s| vec![Cmd::SaveSession(Box::new(s))])
            .unwrap_or_default()
    }

    /// The session with the self-score in progress applied to its answer
    /// (scores, notes, and a new story's title kept in the notes), so a crash
    /// while scoring loses nothing typed. Confirming replaces it.
    fn scoring_snapshot(&self) -> Option<Session> {
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

    pub fn next_tick_in(&self, now: Duration) -> Option<Duration> {
        let timer = self
            .timer
            .as_ref()
            .filter(|_| matches!(self.flow.step, Step::Answer { .. }));
        let t = timer.map(|t| t.until_next_tick(now));
        let autosave = self.dirty.then(|| {
            AUTOSAVE
                .saturating_sub(now.saturating_sub(self.last_draft))
                .max(Duration::from_millis(10))
        });
        match (t, autosave) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }

    pub fn paste(&mut self, text: &str, _now: Duration) {
        if !self.spoken_notes && self.timer.as_ref().is_some_and(Timer::is_paused) {
            return;
        }
        // Normalise line endings; insert as typed text.
        let clean = text.replace("\r\n", "\n").replace('\r', "\n");
        let target = match self.flow.step {
            Step::Answer { .. } if !self.spoken => Some(&mut self.editors[self.focus]),
            Step::Answer { .. } if self.spoken_notes => Some(&mut self.reply),
            Step::FollowUp { .. } | Step::YourQuestions { .. } => Some(&mut self.reply),
            Step::SelfScore { .. } => self.score.as_mut().and_then(|s| match s.field {
                ScoreField::Notes => Some(&mut s.notes),
                ScoreField::NewStory => Some(&mut s.new_story),
                _ => None,
            }),
            _ => None,
        };
        if let Some(t) = target {
            t.insert_str(clean);
            self.dirty = true;
        }
        self.recount_all = true;
        self.style_editors();
    }

    fn save(&self) -> Cmd {
        Cmd::SaveSession(Box::new(self.session.clone()))
    }

    pub fn key(&mut self, key: KeyEvent, ctx: &Ctx) -> Vec<Cmd> {
        let cmds = self.key_inner(key, ctx);
        self.style_editors();
        cmds
    }

    /// Recounts every line of STAR field `k` (on opening, after a paste or
    /// an edit that is not a simple keystroke).
    fn recount(&mut self, k: usize) {
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
    fn recount_after_key(&mut self, k: usize, row0: usize, lines0: usize) {
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
    fn style_editors(&mut self) {
        if std::mem::take(&mut self.recount_all) {
            (0..4).for_each(|k| self.recount(k));
        }
        for k in 0..4 {
            let focused = k == self.focus;
            if self.line_words[k].len() != self.editors[k].lines().len() {
                self.recount(k);
            }
            let wc = self.words[k];
            let e = &mut self.editors[k];
            e.set_block(widgets::field_block(
                format!(" {} · {wc} w ", L::STAR[k]),
                focused,
            ));
            widgets::show_cursor(e, focused);
        }
    }

    fn key_inner(&mut self, key: KeyEvent, ctx: &Ctx) -> Vec<Cmd> {
        let content = ctx.content;
        if !self.started {
            return match key.code {
                KeyCode::Enter => {
                    self.started = true;
                    if let Step::Answer { .. } = self.flow.step {
                        self.enter_answer(content, ctx.now, Duration::ZERO);
                    }
                    vec![self.save()]
                }
                KeyCode::Esc | KeyCode::Char('q') => vec![Cmd::Go(Target::Home)],
                KeyCode::Down | KeyCode::Char('j') => {
                    let last = self.flow.plan.interviews.len().saturating_sub(1);
                    self.scroll = (self.scroll + 1).min(last as u16);
                    vec![]
                }
                KeyCode::Up | KeyCode::Char('k') => {
                    self.scroll = self.scroll.saturating_sub(1);
                    vec![]
                }
                _ => vec![],
            };
        }
        if self.confirm_leave {
            return match key.code {
                KeyCode::Char('y') | KeyCode::Char('Y') => {
                    self.confirm_leave = false;
                    let mut cmds = Vec::new();
                    if let Some(d) = self.draft(ctx.now, ctx.wall) {
                        cmds.push(Cmd::SaveDraft(Box::new(d)));
                    }
                    cmds.push(Cmd::Status(
                        "Left the session; resume it from the home screen.".into(),
                    ));
                    cmds.push(Cmd::Go(Target::Home));
                    cmds
                }
                _ => {
                    self.confirm_leave = false;
                    vec![]
                }
            };
        }
        if self.flow.step == Step::Debrief {
            return match key.code {
                KeyCode::Char('w') => match self.writing_prompt(ctx.content) {
                    Some(p) => vec![Cmd::Go(Target::Screen(Box::new(super::Screen::Writing(
                        Box::new(super::writing::WritingScreen::new(p.clone(), ctx.wall)),
                    ))))],
                    None => vec![],
                },
                KeyCode::Esc | KeyCode::Enter | KeyCode::Char('q') => vec![Cmd::Go(Target::Home)],
                KeyCode::Down | KeyCode::Char('j') => {
                    self.scroll = self.scroll.saturating_add(1);
                    vec![]
                }
                KeyCode::Up | KeyCode::Char('k') => {
                    self.scroll = self.scroll.saturating_sub(1);
                    vec![]
                }
                _ => vec![],
            };
        }
        if key.code == KeyCode::Esc {
            self.confirm_leave = true;
            return vec![];
        }
        if is_ctrl(&key, 'p') {
            if self.strict {
                return vec![Cmd::Status(
                    "Strict mode: no pausing, as in a real loop.".into(),
                )];
            }
            if let Some(t) = &mut self.timer {
                if t.is_paused() {
                    t.resume(ctx.now);
                } else {
                    t.pause(ctx.now);
                }
            }
            return vec![];
        }
        if !self.spoken_notes
            && self.timer.as_ref().is_some_and(Timer::is_paused)
            && matches!(self.flow.step, Step::Answer { .. })
        {
            return vec![];
        }
        match self.flow.step.clone() {
            Step::Opening { .. } | Step::Transition { .. } | Step::Closing { .. } => {
                if key.code == KeyCode::Enter {
                    self.flow.advance(content, Event::Continue);
                    return self.entered(content, ctx);
                }
                vec![]
            }
            Step::Answer { .. } => self.key_answer(key, ctx),
            Step::FollowUp { index, .. } => {
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
            Step::SelfScore { .. } => self.key_score(key, ctx),
            Step::YourQuestions { interview } => {
                if is_ctrl(&key, 's') {
                    self.session.interviews[interview].candidate_questions = text_of(&self.reply);
                    self.reply = editor("Type your reply. Ctrl-S sends it.");
                    self.flow.advance(content, Event::QuestionsAsked);
                    return vec![self.save(), Cmd::DiscardDraft(self.session.id.clone())];
                }
                self.edit(key, Target2::Reply);
                vec![]
            }
            Step::Debrief => vec![],
        }
    }

    /// Work to do on entering the flow's current step.
    fn entered(&mut self, content: &Content, ctx: &Ctx) -> Vec<Cmd> {
        match self.flow.step {
            Step::Answer { .. } => {
                self.enter_answer(content, ctx.now, Duration::ZERO);
                vec![]
            }
            Step::SelfScore { .. } => {
                self.enter_score(content);
                vec![]
            }
            Step::YourQuestions { .. } => {
                self.reply = editor("Your questions for the interviewer. Ctrl-S sends them.");
                vec![]
            }
            Step::Debrief => self.finish(content, ctx.wall),
            _ => vec![],
        }
    }

    fn finish(&mut self, content: &Content, wall: DateTime<Utc>) -> Vec<Cmd> {
        let d = debrief(&self.session, content);
        // A drill has no panel: no votes and no hire decision, only the summary.
        if !self.flow.drill {
            for v in &d.votes {
                if let Some(iv) = self.session.interviews.get_mut(v.interview) {
                    iv.vote = v.vote;
                    iv.average_score = v.average;
                }
            }
            self.session.debrief = Some(DebriefRecord {
                hire: d.hire,
                bar_raiser_veto: d.bar_raiser_veto,
                summary: d.reasons.join(" "),
            });
        }
        if self.session.finished_at.is_none() {
            self.session.finished_at = Some(wall);
        }
        self.debrief = Some(d);
        self.timer = None;
        self.scroll = 0;
        vec![self.save(), Cmd::DiscardDraft(self.session.id.clone())]
    }

    fn edit(&mut self, key: KeyEvent, target: Target2) {
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

    fn key_answer(&mut self, key: KeyEvent, ctx: &Ctx) -> Vec<Cmd> {
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
            let empty: Vec<&str> = (0..4)
                .filter(|&k| text_of(&self.editors[k]).trim().is_empty())
                .map(|k| L::STAR[k])
                .collect();
            if !self.spoken && !empty.is_empty() && !self.submit_asked {
                self.submit_asked = true;
                let what = match empty.as_slice() {
                    [one] => format!("The {one} is empty"),
                    [init @ .., last] if empty.len() < 4 => {
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
                self.focus = (self.focus + 1) % 4;
                return vec![];
            }
            KeyCode::BackTab => {
                self.focus = (self.focus + 3) % 4;
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

    fn submit_answer(&mut self, ctx: &Ctx) -> Vec<Cmd> {
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
        let star = if self.spoken {
            Star::default()
        } else {
            Star::from_fields([0, 1, 2, 3].map(|k| text_of(&self.editors[k])))
        };
        let notes = if self.spoken {
            text_of(&self.reply)
        } else {
            String::new()
        };
        let limit = timer.limit().as_secs();
        let a = if self.spoken {
            // Notes of a spoken answer are not the answer: nothing to analyse
            // but its length in time; the follow-ups are the question's own.
            Analysis {
                record: crate::store::AnalysisRecord {
                    words: analysis::word_count(&notes),
                    speaking_secs: elapsed.as_secs() as u32,
                    ..Default::default()
                },
                findings: Vec::new(),
            }
        } else {
            // The interviewer's judge, with the question: it finds what the
            // question-free analysis cannot (off-topic, no failure told).
            let bar_raiser = self.session.interviews[interview].interviewer.bar_raiser;
            let j = Judge::new(content).judge(q, &star, &[], limit, bar_raiser);
            analysis::from_judgement(&star, &j)
        };
        let started = self
            .answer_started
            .unwrap_or_else(|| ctx.wall - chrono::Duration::seconds(elapsed.as_secs() as i64));
        let ran_over = timer.overtime(ctx.now) > Duration::ZERO;
        let answer = Answer {
            id: store::new_id(ctx.wall),
            question_id: q.id.clone(),
            question: q.text.clone(),
            principles: q.principles.clone(),
            interviewer_id: Some(self.session.interviews[interview].interviewer.id.clone())
                .filter(|s| !s.is_empty()),
            interview_index: interview,
            star,
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
        self.flow.advance(
            content,
            Event::Submitted {
                analysis: &a,
                ran_over,
            },
        );
        self.analysis = Some(a);
        self.reply = editor("Type your reply. Ctrl-S sends it.");
        self.dirty = false;
        let mut cmds = vec![self.save(), Cmd::DiscardDraft(self.session.id.clone())];
        cmds.extend(self.entered(content, ctx));
        cmds
    }

    fn key_score(&mut self, key: KeyEvent, ctx: &Ctx) -> Vec<Cmd> {
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

    fn confirm_score(&mut self, ctx: &Ctx) -> Vec<Cmd> {
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
        self.flow.advance(content, Event::Scored { ran_over });
        cmds.push(self.save());
        cmds.extend(self.entered(content, ctx));
        cmds
    }

    // ------------------------------------------------------------ drawing

    pub fn title(&self, ctx: &Ctx) -> String {
        let kind = match self.session.kind {
            SessionKind::Loop => {
                let t = self
                    .session
                    .template
                    .as_deref()
                    .and_then(|t| ctx.content.template(t))
                    .map_or("Mock loop".to_string(), |t| t.name.clone());
                format!("· {}", one_line(&t))
            }
            _ => "· Drill".to_string(),
        };
        let strict = if self.strict { " · strict" } else { "" };
        format!("{kind}{strict}")
    }

    pub fn footer(&self, ctx: &Ctx) -> Vec<(&'static str, &'static str)> {
        if !self.started {
            return vec![
                ("Enter", "start"),
                ("↑↓", "scroll"),
                ("Esc", "back"),
                ("?", "help"),
            ];
        }
        if self.confirm_leave {
            return vec![("y", "leave (draft kept)"), ("any key", "stay")];
        }
        let pause: (&str, &str) = if self.strict {
            ("", "")
        } else {
            ("Ctrl-P", "pause")
        };
        let paused = !self.spoken_notes && self.timer.as_ref().is_some_and(Timer::is_paused);
        if paused && matches!(self.flow.step, Step::Answer { .. }) {
            return vec![("Ctrl-P", "resume"), ("Esc", "leave")];
        }
        let score_field = self.score.as_ref().map(|s| s.field);
        let mut v = match self.flow.step {
            Step::Opening { .. } | Step::Transition { .. } | Step::Closing { .. } => {
                vec![("Enter", "continue"), ("Esc", "leave")]
            }
            Step::Answer { .. } if self.spoken && !self.spoken_notes => {
                vec![("Enter", "done speaking"), pause, ("Esc", "leave")]
            }
            Step::Answer { .. } if self.spoken => vec![("Ctrl-S", "save notes"), ("Esc", "leave")],
            Step::Answer { .. } => vec![
                ("Tab/S-Tab", "S·T·A·R"),
                ("Ctrl-S", "submit"),
                pause,
                ("Esc", "leave"),
                ("F1", "help"),
            ],
            Step::FollowUp { .. } | Step::YourQuestions { .. } => vec![
                ("Ctrl-S", "send"),
                ("Enter", "newline"),
                ("Esc", "leave"),
                ("F1", "help"),
            ],
            Step::SelfScore { .. } => match score_field {
                Some(ScoreField::Notes) => vec![
                    ("Tab", "story"),
                    ("S-Tab", "criteria"),
                    ("Ctrl-S", "confirm"),
                    ("Esc", "leave"),
                ],
                Some(ScoreField::Story) => vec![
                    ("←→", "choose a story"),
                    ("Tab", "new story"),
                    ("Enter", "confirm"),
                    ("Esc", "leave"),
                ],
                Some(ScoreField::NewStory) => vec![
                    ("type", "a new story's title"),
                    ("Tab", "criteria"),
                    ("Enter", "confirm"),
                    ("Esc", "leave"),
                ],
                _ if self
                    .score
                    .as_ref()
                    .is_some_and(|s| s.board.padded(s.board.cursor)) =>
                {
                    vec![
                        ("↑↓", "criterion"),
                        ("1-4", "level"),
                        ("=", "take interviewer's"),
                        ("Tab", "notes"),
                        ("Enter", "confirm"),
                    ]
                }
                _ => vec![
                    ("↑↓", "criterion"),
                    ("1-4", "level, then next"),
                    ("Tab", "notes/story"),
                    ("Enter", "confirm"),
                    ("Esc", "leave"),
                ],
            },
            Step::Debrief if self.writing_prompt(ctx.content).is_some() => {
                vec![
                    ("↑↓", "scroll"),
                    ("w", "this loop's writing exercise"),
                    ("Enter/Esc", "home"),
                ]
            }
            Step::Debrief => vec![("↑↓", "scroll"), ("Enter/Esc", "home")],
        };
        v.retain(|(k, _)| !k.is_empty());
        v
    }

    /// The keys of the step on screen, for the help overlay.
    pub fn help(&self, _ctx: &Ctx) -> Vec<(&'static str, &'static str)> {
        let leave = ("Esc", "leave (in a loop it asks first; the draft is kept)");
        if !self.started {
            return vec![
                ("Enter", "begin"),
                ("↑ / ↓", "scroll the interviews"),
                ("Esc", "back to home"),
            ];
        }
        match self.flow.step {
            Step::Opening { .. } | Step::Transition { .. } | Step::Closing { .. } => {
                vec![("Enter", "continue"), leave]
            }
            Step::Answer { .. } => vec![
                (
                    "Tab / Shift-Tab",
                    "move between Situation, Task, Action, Result",
                ),
                ("Enter", "newline"),
                (
                    "Ctrl-S",
                    "submit the answer (with a part empty it asks first)",
                ),
                ("Ctrl-P", "pause the timer (not in --strict)"),
                leave,
            ],
            Step::FollowUp { .. } | Step::YourQuestions { .. } => {
                vec![("Ctrl-S", "send your reply"), ("Enter", "newline"), leave]
            }
            Step::SelfScore { .. } => vec![
                ("↑ / ↓", "move between criteria"),
                (
                    "1–4",
                    "set the level: 1 Strong No Hire, 2 No Hire, 3 Hire, 4 Strong Hire; then the next",
                ),
                ("=", "take the interviewer's level for this criterion"),
                ("0", "clear the level"),
                ("PgDn / PgUp", "scroll the levels when they do not fit"),
                (
                    "Tab",
                    "notes, then the story (←→ picks), then a new story's title",
                ),
                (
                    "Enter",
                    "confirm (asks first if criteria are left unscored or scored 2+ above the evidence)",
                ),
                leave,
            ],
            Step::Debrief => vec![
                ("↑ / ↓", "scroll"),
                ("w", "the loop's writing exercise, when it has one"),
                ("Enter / Esc", "home"),
            ],
        }
    }

    pub fn render(&self, f: &mut Frame, area: Rect, ctx: &Ctx) {
        if !self.started {
            self.render_plan(f, area, ctx);
        } else {
            match &self.flow.step {
                Step::Opening { interview } => {
                    self.render_line(f, area, ctx, *interview, LineKind::Opening, None)
                }
                Step::Transition {
                    interview,
                    question,
                    overtime,
                } => {
                    let kind = if *overtime {
                        LineKind::TimeCheck
                    } else {
                        LineKind::Transition
                    };
                    self.render_line(f, area, ctx, *interview, kind, Some(*question))
                }
                Step::Closing { interview } => {
                    self.render_line(f, area, ctx, *interview, LineKind::Closing, None)
                }
                Step::Answer {
                    interview,
                    question,
                } => self.render_answer(f, area, ctx, *interview, *question),
                Step::FollowUp {
                    interview, index, ..
                } => self.render_follow_up(f, area, ctx, *interview, *index),
                Step::SelfScore { .. } => self.render_score(f, area, ctx),
                Step::YourQuestions { interview } => {
                    self.render_your_questions(f, area, ctx, *interview)
                }
                Step::Debrief => self.render_debrief(f, area, ctx),
            }
        }
        if self.confirm_leave {
            widgets::confirm(
                f,
                area,
                "Leave this session?",
                "Your draft is kept; resume from the home screen.  y / n",
            );
        }
    }

    /// Name, role, organisation, Bar Raiser mark and position in the loop,
    /// fitted to `width`: the organisation goes first, then the role is
    /// shortened with an ellipsis; the name and the marks always stay.
    fn interviewer_header(&self, ctx: &Ctx, interview: usize, width: u16) -> Line<'static> {
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

    fn render_plan(&self, f: &mut Frame, area: Rect, ctx: &Ctx) {
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
                    format!(", about {} min in all", plan.minutes_in_all())
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
                let mut owns = vec![String::new()];
                for lp in &p.principles {
                    let lp = one_line(ctx.content.principle_name(lp));
                    let last = owns.last_mut().expect("one line at least");
                    if !last.is_empty() && last.chars().count() + 2 + lp.chars().count() <= owns_w {
                        last.push_str(", ");
                        last.push_str(&lp);
                        continue;
                    }
                    // A name longer than the column wraps over lines of its own.
                    let parts = super::review::wrap(&lp, owns_w);
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
                let role = super::review::wrap(&one_line(&rec.interviewer.role), who_w);
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

    fn render_line(
        &self,
        f: &mut Frame,
        area: Rect,
        ctx: &Ctx,
        interview: usize,
        kind: LineKind,
        question: Option<usize>,
    ) {
        let rec = &self.session.interviews[interview];
        let lp = question.and_then(|q| {
            let next = q + 1;
            self.flow.plan.interviews[interview]
                .questions
                .get(next)
                .and_then(|id| ctx.content.question(id))
                .map(|q| q.primary().to_string())
        });
        let lp = lp.or_else(|| rec.principles.first().cloned());
        let said = match ctx.content.interviewer(&rec.interviewer.id) {
            Some(who) => line(
                ctx.content,
                who,
                kind,
                self.flow.plan.seed,
                interview * 100 + question.unwrap_or(0),
                lp.as_deref(),
            ),
            None => match kind {
                LineKind::TimeCheck => {
                    "That one ran over. Keep the next one inside the time.".into()
                }
                _ => "Next question.".into(),
            },
        };
        let [head, body] =
            Layout::vertical([Constraint::Length(2), Constraint::Min(3)]).areas(area);
        f.render_widget(
            Paragraph::new(self.interviewer_header(ctx, interview, head.width)),
            head,
        );
        let mut lines = vec![
            Line::styled(format!("“{}”", sanitize(&said)), theme::quote()),
            Line::raw(""),
        ];
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
                    format!("Owns: {}", lps.join(", ")),
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

    fn timer_spans(&self, now: Duration) -> Vec<Span<'static>> {
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

    fn render_answer(
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
        let mut status = vec![
            Span::styled(format!("Q{}/{n} ", question + 1), theme::accent()),
            Span::styled(ctx.content.principle_name(&lp).to_string(), theme::title()),
        ];
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
            let [top, bottom] =
                Layout::vertical([Constraint::Percentage(50), Constraint::Percentage(50)])
                    .areas(edit);
            let [a, b] =
                Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)])
                    .areas(top);
            let [c, d] =
                Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)])
                    .areas(bottom);
            for (k, r) in [a, b, c, d].into_iter().enumerate() {
                widgets::editor(f, &self.editors[k], r);
            }
        }
        if let (Some(side), Some(p)) = (side, ctx.content.principle(&lp)) {
            let mut lines = vec![Line::styled(
                "What the interviewer listens for",
                theme::title(),
            )];
            for s in &p.signals {
                lines.push(Line::raw(format!("• {}", sanitize(s))));
            }
            lines.push(Line::raw(""));
            lines.push(Line::styled("Pitfalls", theme::title()));
            for s in &p.pitfalls {
                lines.push(Line::styled(format!("• {}", sanitize(s)), theme::dim()));
            }
            f.render_widget(
                Paragraph::new(lines).wrap(Wrap { trim: true }).block(
                    Block::default()
                        .borders(Borders::LEFT)
                        .border_style(theme::border())
                        .title(format!(
                            " {} — hints ",
                            truncate(
                                &one_line(&p.name),
                                usize::from(side.width.saturating_sub(12))
                            )
                        )),
                ),
                side,
            );
        }
    }

    fn render_follow_up(
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

    fn render_your_questions(&self, f: &mut Frame, area: Rect, ctx: &Ctx, interview: usize) {
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
                )
            })
            .unwrap_or_else(|| "What questions do you have for me?".into());
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

    fn render_score(&self, f: &mut Frame, area: Rect, ctx: &Ctx) {
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

    fn render_debrief(&self, f: &mut Frame, area: Rect, ctx: &Ctx) {
        let Some(d) = &self.debrief else { return };
        let mut lines = Vec::new();
        if self.flow.drill {
            let avg = crate::store::average(
                self.session
                    .answers
                    .iter()
                    .flat_map(|a| a.self_scores.values()),
            );
            let judged: Vec<f64> = d.votes.iter().filter_map(|v| v.average).collect();
            let judged =
                (!judged.is_empty()).then(|| judged.iter().sum::<f64>() / judged.len() as f64);
            lines.push(Line::from(vec![
                Span::styled("Drill summary  ", theme::title()),
                Span::raw(plural(self.session.answers.len(), "answer")),
                Span::styled(
                    judged.map_or(String::new(), |a| format!(" · interviewer {a:.2}")),
                    judged.map_or(theme::dim(), theme::score),
                ),
                Span::styled(
                    avg.map_or(String::new(), |a| format!(" · your self-score {a:.2}")),
                    theme::dim(),
                ),
            ]));
        } else {
            let (verdict, style) = if d.hire {
                ("HIRE", theme::good())
            } else {
                ("NO HIRE", theme::bad())
            };
            lines.push(Line::from(vec![
                Span::styled("Debrief  ", theme::title()),
                Span::styled(verdict, style.add_modifier(ratatui::style::Modifier::BOLD)),
            ]));
            for r in &d.reasons {
                lines.push(Line::styled(format!("  {r}"), theme::dim()));
            }
            lines.push(Line::raw(""));
            lines.push(Line::from(vec![
                Span::styled("Votes", theme::title()),
                Span::styled("  the interviewer's level · your self-score", theme::dim()),
            ]));
            for v in &d.votes {
                let rec = &self.session.interviews[v.interview];
                let name = format!(
                    "{}{}",
                    one_line(&rec.interviewer.name),
                    if v.bar_raiser { " (Bar Raiser)" } else { "" }
                );
                let avg = v.average.map_or("  –  ".into(), |a| format!("{a:.2}"));
                let vote = v.vote.map_or("no vote (nothing to judge)", |x| x.label());
                let st = v.average.map_or(theme::dim(), theme::score);
                lines.push(Line::from(vec![
                    Span::raw(format!("  {:<30} ", truncate(&name, 30))),
                    Span::styled(format!("{avg:>5}  {vote:<22}"), st),
                    Span::styled(
                        v.self_average
                            .map_or(String::new(), |a| format!(" you {a:.2}")),
                        theme::dim(),
                    ),
                ]));
            }
        }
        lines.push(Line::raw(""));
        lines.push(Line::from(vec![
            Span::styled("By Leadership Principle", theme::title()),
            Span::styled("  its own rubric: interviewer · you", theme::dim()),
        ]));
        let name_w = usize::from(area.width).saturating_sub(58).clamp(16, 44);
        for p in &d.principles {
            let fmt = |v: Option<f64>| v.map_or("  –  ".into(), |a| format!("{a:.2}"));
            let mut row = vec![
                Span::raw(format!(
                    "  {:<name_w$} {:<10}  ",
                    truncate(ctx.content.principle_name(&p.principle), name_w),
                    plural(p.answers, "answer")
                )),
                Span::styled(fmt(p.average), p.average.map_or(theme::dim(), theme::score)),
                Span::styled(" · ", theme::dim()),
                Span::styled(fmt(p.self_average), theme::dim()),
            ];
            if p.average.is_some() && !p.strong {
                row.push(Span::styled("  no strong point", theme::warn()));
            }
            lines.push(Line::from(row));
        }
        if !self.flow.drill {
            let width = usize::from(area.width);
            let notes: Vec<_> = d.notes.iter().filter(|n| !n.lps.is_empty()).collect();
            if !notes.is_empty() {
                lines.push(Line::raw(""));
                lines.push(Line::styled("Feedback notes", theme::title()));
            }
            for n in notes {
                let rec = &self.session.interviews[n.interview];
                lines.push(Line::styled(
                    format!(
                        "  {}, {}",
                        one_line(&rec.interviewer.name),
                        one_line(&rec.interviewer.role)
                    ),
                    theme::accent(),
                ));
                for lp in &n.lps {
                    lines.push(Line::from(vec![
                        Span::raw(format!(
                            "    {}: ",
                            ctx.content.principle_name(&lp.principle)
                        )),
                        Span::styled(
                            format!(
                                "{}{}",
                                if lp.inclined {
                                    "inclined"
                                } else {
                                    "not inclined"
                                },
                                lp.average.map_or(String::new(), |a| format!(" ({a:.2})"))
                            ),
                            if lp.inclined {
                                theme::good()
                            } else {
                                theme::bad()
                            },
                        ),
                    ]));
                    for dp in &lp.data_points {
                        let text = if dp.quote.is_empty() {
                            one_line(&dp.reason)
                        } else {
                            format!("“{}” — {}", one_line(&dp.quote), one_line(&dp.reason))
                        };
                        let st = if dp.effect == crate::practice::judge::Effect::Plus {
                            theme::text()
                        } else {
                            theme::warn()
                        };
                        push_wrapped(
                            &mut lines,
                            &text,
                            width,
                            st,
                            &format!("      {} ", dp.effect.symbol()),
                        );
                    }
                    if let Some(c) = &lp.concern {
                        push_wrapped(&mut lines, c, width, theme::dim(), "      Concern: ");
                    }
                }
            }
            if !d.bar_raiser_notes.is_empty() {
                lines.push(Line::raw(""));
                lines.push(Line::styled(
                    "The Bar Raiser, across the loop",
                    theme::title(),
                ));
                for n in &d.bar_raiser_notes {
                    push_wrapped(&mut lines, n, width, theme::warn(), "  • ");
                }
            }
        }
        if !d.flags.is_empty() {
            lines.push(Line::raw(""));
            lines.push(Line::styled(
                "What the interviewers noticed",
                theme::title(),
            ));
            for (s, n) in &d.flags {
                let e = crate::content::signal_explanation(s)
                    .map_or_else(|| one_line(s), str::to_string);
                lines.push(Line::from(vec![
                    Span::styled(format!("  ⚑ {n}× "), theme::warn()),
                    Span::styled(e, theme::text()),
                ]));
            }
        }
        if !d.reused_stories.is_empty() && d.reused_answers.is_empty() {
            lines.push(Line::raw(""));
            lines.push(Line::styled(
                "Stories told to more than one interviewer",
                theme::title(),
            ));
            for id in &d.reused_stories {
                let t = ctx
                    .stories
                    .stories
                    .iter()
                    .find(|s| &s.id == id)
                    .map_or(id.clone(), |s| one_line(&s.title));
                lines.push(Line::styled(format!("  {t}"), theme::warn()));
            }
        }
        if let Some(p) = self.writing_prompt(ctx.content) {
            lines.push(Line::raw(""));
            lines.push(Line::styled(
                format!(
                    "This loop includes a writing exercise: {} ({} min). Press w to start it.",
                    one_line(&p.title),
                    p.minutes
                ),
                theme::accent(),
            ));
        }
        lines.push(Line::raw(""));
        lines.push(Line::raw(format!(
            "Time answering: {}   overtime: {}",
            format_clock(Duration::from_secs(d.answer_secs), false),
            format_clock(Duration::from_secs(d.overtime_secs), false)
        )));
        f.render_widget(
            Paragraph::new(lines)
                .wrap(Wrap { trim: false })
                .scroll((self.scroll, 0)),
            area,
        );
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Target2 {
    Star,
    Reply,
}
