//! The optional AI interviewer in a session: the model phrases the next
//! follow-up on a worker thread while the rule interviewer's own probe waits
//! as the fallback; a reply that fails its checks, an error, the timeout or
//! Esc all show the rule probe with a line saying why. The session never
//! waits on the model to save an answer (the answer is saved before the
//! call starts).

use super::*;
use crate::practice::ai::{AiError, FollowUpAsk, OpenGap, SecondOpinion};
use std::sync::{Arc, Mutex};

/// Where a worker thread leaves the model's reply.
type Slot<T> = Arc<Mutex<Option<T>>>;

/// A follow-up being asked of the model.
#[derive(Debug, Clone)]
pub(super) struct AiCall {
    slot: Slot<Result<String, AiError>>,
    since: Duration,
    timeout: Duration,
    gaps: Vec<OpenGap>,
    candidate: String,
    /// The question and the follow-ups asked so far (not to be repeated).
    asked: Vec<String>,
    /// The probe it would replace.
    index: usize,
    model: String,
}

/// A second opinion being asked of the model, or its result.
#[derive(Debug, Clone)]
pub(super) struct OpinionCall {
    slot: Slot<SecondOpinion>,
    since: Duration,
    timeout: Duration,
    pub(super) answer_id: String,
    pub(super) model: String,
    pub(super) result: Option<SecondOpinion>,
}

/// The AI's part of a session screen.
#[derive(Debug, Clone, Default)]
pub(super) struct AiState {
    /// The follow-up being asked, if any.
    pub(super) call: Option<AiCall>,
    /// Probes of the current question the model wrote: index → model.
    pub(super) written: BTreeMap<usize, String>,
    /// Why the model's follow-up is not shown (for the probe on screen).
    pub(super) note: Option<(usize, String)>,
    /// The second opinion on the answer being scored.
    pub(super) opinion: Option<OpinionCall>,
}

fn spawn<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> Slot<T> {
    let slot: Slot<T> = Arc::new(Mutex::new(None));
    let out = Arc::clone(&slot);
    std::thread::spawn(move || {
        let r = work();
        if let Ok(mut g) = out.lock() {
            *g = Some(r);
        }
    });
    slot
}

/// "The Result has no number: …" → "the Result has no number".
fn short_why(what: &str) -> String {
    let head = what
        .split(':')
        .next()
        .unwrap_or(what)
        .trim()
        .trim_end_matches('.');
    let mut c = head.chars();
    match c.next() {
        Some(f) if c.clone().next().is_some_and(char::is_lowercase) => {
            f.to_lowercase().chain(c).collect()
        }
        _ => head.to_string(),
    }
}

fn take<T>(slot: &Slot<T>) -> Option<T> {
    slot.lock().ok().and_then(|mut g| g.take())
}

impl SessionScreen {
    /// Asks the model for the follow-up at `index` (the rule interviewer's
    /// stays in place until a checked reply replaces it).
    pub(super) fn ask_model_follow_up(&mut self, ctx: &Ctx, index: usize) {
        self.ai.call = None;
        self.ai.note = None;
        let Some(ai) = ctx.ai.filter(|a| a.follow_ups) else {
            return;
        };
        if self.ai.written.contains_key(&index) {
            return;
        }
        let Some(j) = self.judge_current(ctx.content) else {
            return;
        };
        let gaps = crate::practice::ai::open_gaps(&j);
        let (Some((interview, _, qid)), Some(a)) =
            (self.flow.current_question(), self.current_answer())
        else {
            return;
        };
        let Some(q) = ctx.content.question(qid) else {
            return;
        };
        if gaps.is_empty() {
            return;
        }
        let persona = ctx
            .content
            .interviewer(&self.session.interviews[interview].interviewer.id);
        let told = Told::of(a);
        let req = crate::practice::ai::follow_up_request(&FollowUpAsk {
            question: q,
            told,
            follow_ups: &a.follow_ups,
            persona,
            gaps: &gaps,
        });
        let candidate = crate::practice::ai::candidate_text(&told, &a.follow_ups);
        let mut asked = vec![q.text.clone()];
        asked.extend(a.follow_ups.iter().map(|f| f.probe.clone()));
        let model = Arc::clone(&ai.model);
        let name = model.model().to_string();
        self.ai.call = Some(AiCall {
            slot: spawn(move || model.chat(&req)),
            since: ctx.now,
            timeout: ai.timeout,
            gaps,
            candidate,
            asked,
            index,
            model: name,
        });
    }

    /// Whether a follow-up is being asked of the model right now.
    pub(super) fn asking_model(&self) -> bool {
        self.ai.call.is_some()
    }

    /// Esc while the model is asked: the rule interviewer's probe now.
    pub(super) fn cancel_model(&mut self) -> Vec<Cmd> {
        match self.ai.call.take() {
            Some(call) => self.fall_back(call.index, "you pressed Esc".into()),
            None => vec![],
        }
    }

    fn fall_back(&mut self, index: usize, why: String) -> Vec<Cmd> {
        let line = format!(
            "Your model's follow-up was not used ({why}): the interviewer's own question is shown."
        );
        self.ai.note = Some((index, why));
        vec![Cmd::Status(line)]
    }

    /// Collects the model's reply, or gives up on it at the timeout.
    pub(super) fn poll_model(&mut self, now: Duration) -> Vec<Cmd> {
        let mut cmds = Vec::new();
        if let Some(call) = &self.ai.call {
            let done = take(&call.slot).or_else(|| {
                (now.saturating_sub(call.since) >= call.timeout)
                    .then_some(Err(AiError::Timeout(call.timeout.as_secs())))
            });
            if let Some(result) = done {
                let call = self.ai.call.take().expect("a call is pending");
                let checked = result.map_err(|e| e.to_string()).and_then(|reply| {
                    crate::practice::ai::validate_follow_up_after(
                        &reply,
                        &call.gaps,
                        &call.candidate,
                        &call.asked,
                    )
                });
                match checked {
                    Ok(f) => {
                        if let Some(p) = self.flow.probes.get_mut(call.index) {
                            p.text = f.text;
                            p.signal = f.gap.strip_prefix("signal:").map(String::from);
                            p.seeks = Vec::new();
                            p.why = short_why(&f.why);
                            self.ai.written.insert(call.index, call.model);
                        }
                    }
                    Err(why) => cmds.extend(self.fall_back(call.index, why)),
                }
            }
        }
        if let Some(op) = &mut self.ai.opinion
            && op.result.is_none()
        {
            if let Some(r) = take(&op.slot) {
                op.result = Some(r);
            } else if now.saturating_sub(op.since) >= op.timeout {
                op.result = Some(SecondOpinion::failed(
                    &op.model,
                    AiError::Timeout(op.timeout.as_secs()).to_string(),
                ));
            }
            if op.result.is_some() {
                let line = self.opinion_line();
                if let Some(l) = line {
                    self.session
                        .ai
                        .retain(|x| !(x.kind == "second-opinion" && x.answer_id == l.answer_id));
                    self.session.ai.push(l);
                    // With the levels being scored, if any: a save here
                    // never drops what the candidate has scored so far.
                    cmds.push(
                        self.scoring_snapshot()
                            .map_or_else(|| self.save(), |s| Cmd::SaveSession(Box::new(s))),
                    );
                }
            }
        }
        cmds
    }

    /// How soon to look at the model's reply again.
    pub(super) fn model_tick(&self) -> Option<Duration> {
        let pending =
            self.ai.call.is_some() || self.ai.opinion.as_ref().is_some_and(|o| o.result.is_none());
        pending.then_some(Duration::from_millis(50))
    }

    /// The reply to the follow-up at `index` was sent: if the model wrote
    /// that follow-up, it is recorded as the model's.
    pub(super) fn record_model_follow_up(&mut self, index: usize) {
        let Some(model) = self.ai.written.get(&index).cloned() else {
            return;
        };
        let Some(a) = self.current_answer() else {
            return;
        };
        let (answer_id, k) = (a.id.clone(), a.follow_ups.len().saturating_sub(1));
        let text = a.follow_ups.last().map(|f| f.probe.clone());
        self.session.ai.push(store::AiLine {
            answer_id,
            kind: "follow-up".into(),
            source: "ai".into(),
            model,
            follow_up: Some(k),
            text,
            opinion: None,
        });
    }

    /// A new question: nothing the model wrote carries over.
    pub(super) fn forget_model_follow_ups(&mut self) {
        self.ai.call = None;
        self.ai.written.clear();
        self.ai.note = None;
    }

    /// Asks the model for a second opinion on the answer being scored.
    pub(super) fn ask_model_opinion(&mut self, ctx: &Ctx) {
        self.ai.opinion = None;
        let Some(ai) = ctx.ai.filter(|a| a.second_opinion) else {
            return;
        };
        let Some(j) = self.judge_current(ctx.content) else {
            return;
        };
        let (Some((_, _, qid)), Some(a)) = (self.flow.current_question(), self.current_answer())
        else {
            return;
        };
        let Some(q) = ctx.content.question(qid).cloned() else {
            return;
        };
        let a = a.clone();
        let content = ctx.content.clone();
        let model = Arc::clone(&ai.model);
        let name = model.model().to_string();
        self.ai.opinion = Some(OpinionCall {
            slot: spawn(move || {
                crate::ai::opinion::second_opinion_on(
                    model.as_ref(),
                    &content,
                    &q,
                    &Told::of(&a),
                    &a.follow_ups,
                    &j,
                )
            }),
            since: ctx.now,
            timeout: ai.timeout,
            answer_id: self
                .current_answer()
                .map(|a| a.id.clone())
                .unwrap_or_default(),
            model: name,
            result: None,
        });
    }

    fn opinion_line(&self) -> Option<store::AiLine> {
        let op = self.ai.opinion.as_ref()?;
        let r = op.result.as_ref()?;
        Some(store::AiLine {
            answer_id: op.answer_id.clone(),
            kind: "second-opinion".into(),
            source: "ai".into(),
            model: r.model.clone(),
            follow_up: None,
            text: None,
            opinion: serde_json::to_value(r).ok(),
        })
    }

    /// The follow-up heading's label: who wrote the probe on screen.
    pub(super) fn probe_label(&self, index: usize) -> Option<(String, Style)> {
        if let Some(model) = self.ai.written.get(&index) {
            return Some((format!(" · AI ({})", one_line(model)), theme::accent()));
        }
        if let Some((i, why)) = &self.ai.note
            && *i == index
        {
            return Some((
                format!(
                    " · the interviewer's own question (your model's was not used: {})",
                    one_line(why)
                ),
                theme::dim(),
            ));
        }
        None
    }

    /// The lines shown on the self-score screen for the second opinion.
    pub(super) fn opinion_lines(&self, ctx: &Ctx, width: u16) -> Vec<Line<'static>> {
        let Some(op) = &self.ai.opinion else {
            return Vec::new();
        };
        let mut out = Vec::new();
        let Some(r) = &op.result else {
            out.push(Line::from(vec![
                Span::styled("AI ", theme::accent()),
                Span::styled(
                    format!(
                        "asking your model ({}) for a second opinion…",
                        one_line(&op.model)
                    ),
                    theme::dim(),
                ),
            ]));
            return out;
        };
        // Which levels count, said when it fits the width (never cut).
        let head = format!("Second opinion · AI ({})", one_line(&r.model));
        let note = match ctx.settings.vote {
            crate::practice::ai::VoteBy::Rule => {
                " — the interviewer's levels stand; where the two differ, both are shown"
            }
            crate::practice::ai::VoteBy::Ai => {
                " — the debrief votes on these ([ai] vote = \"ai\"); where the two differ, both are shown"
            }
        };
        let short = note.split(';').next().unwrap_or(note);
        let room = usize::from(width);
        let note = [note, short]
            .into_iter()
            .find(|n| crate::tui::text::width(&head) + crate::tui::text::width(n) <= room)
            .unwrap_or("");
        out.push(Line::from(vec![
            Span::styled(head, theme::accent()),
            Span::styled(note, theme::dim()),
        ]));
        let j = self.judge_current(ctx.content);
        let name_of = |id: &str| {
            j.as_ref()
                .and_then(|j| j.criteria.iter().find(|c| c.key == id))
                .map_or(id.to_string(), |c| c.name.clone())
        };
        for c in &r.criteria {
            let rule = j.as_ref().and_then(|j| j.level(&c.id));
            let differ = match rule {
                Some(l) if l != c.level => format!(" (interviewer: {l})"),
                None => " (interviewer: not judged)".to_string(),
                _ => String::new(),
            };
            let mut s = format!("AI {}: {}{differ}", one_line(&name_of(&c.id)), c.level);
            if let Some(e) = c.evidence.first() {
                s.push_str(&format!(" — “{}”", one_line(&e.quote)));
            }
            out.push(Line::styled(
                truncate(&s, width as usize),
                if differ.is_empty() {
                    theme::text()
                } else {
                    theme::warn()
                },
            ));
        }
        if r.criteria.is_empty() {
            out.push(Line::styled(
                truncate(
                    &format!(
                        "AI: no usable opinion ({})",
                        r.errors.first().map_or("no reason given", String::as_str)
                    ),
                    width as usize,
                ),
                theme::dim(),
            ));
        } else if !r.errors.is_empty() {
            out.push(Line::styled(
                format!(
                    "{} dropped from the model's reply (quotes not in your answer, vetoed praise…)",
                    plural(r.errors.len(), "item")
                ),
                theme::dim(),
            ));
        }
        out
    }
}
