//! A mock Loop or a drill: plan, interviewer lines, STAR editor with timer,
//! follow-ups, self-score and the debrief.

mod ai;
mod answer;
mod debrief;
mod follow_up;
mod lines;
mod plan;
mod score;
mod your_questions;

use answer::Target2;
use score::{ScoreField, ScoreState};

use crate::content::Content;
use crate::practice::analysis::{self, Analysis};
use crate::practice::debrief::{Debrief, debrief_by};
use crate::practice::interviewer::bar_raiser::{self, GoBack};
use crate::practice::interviewer::{
    Asking, ChosenProbe, Event, Flow, LineKind, Step, line, next_probe, reaction,
};
use crate::practice::judge::{Judge, Judgement, Told};
use crate::practice::plan::{LoopPlan, PlannedInterview};
use crate::practice::timer::{Timer, TimerPhase, format_clock};
use crate::store::{
    self, Answer, DebriefRecord, Draft, DraftStep, FollowUp, InterviewRecord, InterviewerRef,
    SCHEMA_VERSION, Session, SessionKind, Star, Story,
};
use crate::tui::cmd::{Cmd, Ctx, Target};
use crate::tui::labels as L;
use crate::tui::text::push_wrapped;
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

#[derive(Debug, Clone)]
pub struct SessionScreen {
    pub session: Session,
    flow: Flow,
    started: bool,
    strict: bool,
    spoken: bool,
    /// Spoken drill: the timer was stopped and notes are being typed.
    spoken_notes: bool,
    /// One editor per field of the answer: Situation, Task, Action, Result,
    /// or the fields of a scenario or design question's format.
    editors: Vec<TextArea<'static>>,
    /// The fields' names (the editors' titles).
    field_names: Vec<String>,
    /// Word count of each field, updated with the text.
    words: Vec<u32>,
    /// Word count of each line of each field: a keystroke recounts only
    /// the line(s) it changed, so its cost does not grow with the answer.
    line_words: Vec<Vec<u32>>,
    /// The editors were replaced or pasted into: recount them all.
    recount_all: bool,
    focus: usize,
    reply: TextArea<'static>,
    timer: Option<Timer>,
    answer_started: Option<DateTime<Utc>>,
    analysis: Option<Analysis>,
    /// When the follow-ups on the current answer began (their time budget
    /// is the answer's own limit).
    follow_ups_since: Option<Duration>,
    /// The interviewer's reaction to the answer just scored, said before the
    /// next line.
    reaction: Option<String>,
    /// The Bar Raiser went back to the weakest LP so far (interview, why).
    go_back: Option<(usize, GoBack)>,
    /// Where the session returns when it ends or is left (a retry started
    /// from the review's comparison goes back to it); home when `None`.
    back: Option<Box<super::Screen>>,
    score: Option<ScoreState>,
    confirm_leave: bool,
    /// Ctrl-S was pressed with STAR parts empty; a second Ctrl-S submits.
    submit_asked: bool,
    dirty: bool,
    last_draft: Duration,
    debrief: Option<Debrief>,
    scroll: u16,
    /// The optional AI interviewer's follow-up and second opinion.
    ai: ai::AiState,
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
            editors: L::STAR_HINTS.iter().map(|h| editor(h)).collect(),
            field_names: L::STAR.iter().map(|n| n.to_string()).collect(),
            words: vec![0; 4],
            line_words: vec![Vec::new(); 4],
            recount_all: true,
            focus: 0,
            reply: editor("Type your reply. Ctrl-S sends it."),
            timer: None,
            answer_started: None,
            analysis: None,
            follow_ups_since: None,
            reaction: None,
            go_back: None,
            back: None,
            score: None,
            confirm_leave: false,
            submit_asked: false,
            dirty: false,
            last_draft: Duration::ZERO,
            debrief: None,
            scroll: 0,
            ai: ai::AiState::default(),
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
                    let n = me.editors.len();
                    me.focus = d.focus.min(n - 1);
                    let hints = me.field_hints(content);
                    for (k, f) in d.fields.iter().take(n).enumerate() {
                        me.editors[k] = editor_with(f, &hints[k]);
                    }
                }
            }
            Step::FollowUp {
                interview,
                question,
                ..
            } => {
                // The follow-ups asked so far are in the saved answer; the one
                // being answered is in the draft (else chosen again).
                let qid = me.flow.plan.interviews[interview].questions[question].clone();
                let answer = me
                    .session
                    .answers
                    .iter()
                    .rev()
                    .find(|a| a.interview_index == interview && a.question_id == qid);
                if let Some(ans) = answer {
                    me.flow.probes = ans
                        .follow_ups
                        .iter()
                        .map(|f| ChosenProbe {
                            text: f.probe.clone(),
                            signal: f.signal.clone(),
                            seeks: Vec::new(),
                            why: String::new(),
                        })
                        .collect();
                }
                // Judged once: what the interviewer noticed, and (without a
                // draft) the follow-up to ask.
                let judged = me.judge_current(content);
                if let (Some(j), Some(a)) = (&judged, me.current_answer()) {
                    me.analysis = Some(analysis::from_told(&Told::of(a), j));
                }
                let asked = me.flow.probes.len();
                let pending = draft.and_then(|d| match &d.step {
                    DraftStep::FollowUp { probe, model, .. } if !probe.is_empty() => {
                        Some((probe.clone(), model.clone()))
                    }
                    _ => None,
                });
                // A follow-up the model wrote stays the model's: shown as
                // AI, and recorded and exported as its once replied to.
                if let Some((_, Some(model))) = &pending {
                    me.ai.written.insert(asked, model.clone());
                }
                let current = match pending {
                    Some((text, _)) => Some(ChosenProbe {
                        signal: crate::practice::interviewer::probe::signal_of(content, &text),
                        text,
                        seeks: Vec::new(),
                        why: String::new(),
                    }),
                    None => me.choose_next(content, now, judged),
                };
                me.flow.probes.extend(current);
                if me.flow.probes.len() > asked {
                    me.flow.step = Step::FollowUp {
                        interview,
                        question,
                        index: asked,
                    };
                }
                if let Some(d) = draft {
                    me.reply = editor_with(
                        d.fields.first().map_or("", String::as_str),
                        "Type your reply. Ctrl-S sends it.",
                    );
                }
                if me.flow.probes.len() == asked {
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

    /// Returns to `screen` when the session ends or is left, not home.
    pub fn returning_to(mut self, screen: super::Screen) -> SessionScreen {
        self.back = Some(Box::new(screen));
        self
    }

    /// Where to go when the session ends or is left.
    fn leave_to(&mut self) -> Target {
        match self.back.take() {
            Some(s) => Target::Screen(s),
            None => Target::Home,
        }
    }

    /// A resumed session whose every answer is in goes straight to its
    /// debrief; this computes and saves it.
    pub fn finish_if_done(
        &mut self,
        content: &Content,
        vote: crate::practice::ai::VoteBy,
        wall: DateTime<Utc>,
    ) -> Vec<Cmd> {
        if self.flow.step == Step::Debrief && self.debrief.is_none() {
            self.finish(content, vote, wall)
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
                    model: self.ai.written.get(index).cloned(),
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
        let from_model = self.poll_model(now);
        if !from_model.is_empty() {
            return from_model;
        }
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
        let t = match (t, self.model_tick()) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
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
                KeyCode::Esc | KeyCode::Char('q') => vec![Cmd::Go(self.leave_to())],
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
                    cmds.push(Cmd::Go(self.leave_to()));
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
                        Box::new(super::writing::WritingScreen::for_loop(
                            p.clone(),
                            self.session.clone(),
                        )),
                    ))))],
                    None => vec![],
                },
                KeyCode::Esc | KeyCode::Enter | KeyCode::Char('q') => {
                    vec![Cmd::Go(self.leave_to())]
                }
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
        // The model is being asked for a follow-up: Esc takes the
        // interviewer's own question now; nothing else is typed meanwhile.
        if self.asking_model() {
            return if key.code == KeyCode::Esc {
                self.cancel_model()
            } else {
                vec![]
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
            Step::FollowUp { index, .. } => self.key_follow_up(key, ctx, index),
            Step::SelfScore { .. } => self.key_score(key, ctx),
            Step::YourQuestions { interview } => self.key_your_questions(key, ctx, interview),
            Step::Debrief => vec![],
        }
    }

    /// Work to do on entering the flow's current step.
    fn entered(&mut self, content: &Content, ctx: &Ctx) -> Vec<Cmd> {
        match self.flow.step {
            Step::Answer { .. } => {
                self.forget_model_follow_ups();
                self.enter_answer(content, ctx.now, Duration::ZERO);
                vec![]
            }
            Step::FollowUp { index, .. } => {
                self.ask_model_follow_up(ctx, index);
                vec![]
            }
            Step::SelfScore { .. } => {
                self.enter_score(content);
                self.ask_model_opinion(ctx);
                vec![]
            }
            Step::YourQuestions { .. } => {
                self.reply = editor("Your questions for the interviewer. Ctrl-S sends them.");
                vec![]
            }
            Step::Opening { interview } => {
                // The Bar Raiser has read the earlier interviews' notes.
                let seed = self.flow.plan.seed;
                match bar_raiser::go_back(content, &mut self.session, interview, seed) {
                    Some(g) => {
                        self.flow.plan.interviews[interview].questions =
                            self.session.interviews[interview].question_ids.clone();
                        self.go_back = Some((interview, g));
                        vec![self.save()]
                    }
                    None => vec![],
                }
            }
            Step::Debrief => self.finish(content, ctx.settings.vote, ctx.wall),
            _ => vec![],
        }
    }

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
        if self.asking_model() {
            return vec![("Esc", "use the interviewer's own question now")];
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
                ("Tab/S-Tab", "next field"),
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
            Step::Debrief if self.back.is_some() => {
                vec![("↑↓", "scroll"), ("Enter/Esc", "back to the comparison")]
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
}
