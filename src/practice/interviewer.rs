//! The simulated interviewer: a state machine with no UI in it.
//!
//! Per interview: opening → (question → answer → one or two follow-ups →
//! self-score → transition or time check) × N → "what questions do you have
//! for me?" → closing. Drills skip the opening, the candidate's questions and
//! the closing. Choices are deterministic for a given seed and answer.

use super::analysis::Analysis;
use super::plan::LoopPlan;
use super::rng::Dice;
use crate::content::{Content, Interviewer, Question};

/// Where the candidate is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// The interviewer introduces themselves.
    Opening { interview: usize },
    /// Question `question` of interview `interview` is being answered (STAR).
    Answer { interview: usize, question: usize },
    /// Follow-up `index` of the current answer is being answered.
    FollowUp {
        interview: usize,
        question: usize,
        index: usize,
    },
    /// Self-scoring the answer just given.
    SelfScore { interview: usize, question: usize },
    /// A line between questions (a transition, or a time check after overtime).
    Transition {
        interview: usize,
        question: usize,
        overtime: bool,
    },
    /// "What questions do you have for me?"
    YourQuestions { interview: usize },
    /// The interviewer closes.
    Closing { interview: usize },
    /// Everything is done: show the debrief.
    Debrief,
}

/// A follow-up the interviewer chose.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChosenProbe {
    pub text: String,
    /// The answer signal that triggered it, if any.
    pub signal: Option<String>,
}

/// Chooses one or two follow-ups: first a general probe triggered by the most
/// important signal found (if the content has one for it), then one of the
/// question's own probes. An answer that ran over time gets only one.
pub fn choose_follow_ups(
    content: &Content,
    question: &Question,
    analysis: &Analysis,
    ran_over: bool,
    seed: u64,
) -> Vec<ChosenProbe> {
    let mut dice = Dice::derive(seed, &format!("probe:{}", question.id));
    let mut out = Vec::new();
    let skip = ["too-long", "too-short"];
    // "Why AWS?" is not a STAR story: the story signals do not apply, only
    // the question's own follow-ups do.
    let story = question.track != crate::content::Track::Motivation;
    for (signal, _) in analysis.findings.iter().filter(|_| story) {
        if skip.contains(&signal.as_str()) && analysis.findings.len() > 1 {
            continue;
        }
        let pool: Vec<_> = content
            .probes_for_signal(signal, question.primary())
            .collect();
        if let Some(p) = dice.pick(&pool) {
            out.push(ChosenProbe {
                text: p.text.clone(),
                signal: Some(signal.clone()),
            });
            break;
        }
    }
    let own: Vec<String> = question
        .probes
        .iter()
        .map(|p| p.text.clone())
        .chain(
            question
                .probe_refs
                .iter()
                .filter_map(|id| content.probe(id).map(|p| p.text.clone())),
        )
        .collect();
    let want = if ran_over { 1 } else { 2 };
    while out.len() < want {
        let remaining: Vec<&String> = own
            .iter()
            .filter(|t| !out.iter().any(|c| &c.text == *t))
            .collect();
        match dice.pick(&remaining) {
            Some(t) => out.push(ChosenProbe {
                text: (*t).clone(),
                signal: None,
            }),
            None => break,
        }
    }
    out
}

/// The probe this interviewer would ask next, given the judgement of
/// everything said so far and the follow-ups already asked: a general probe
/// for the most important signal still open, else one of the question's own
/// probes while fewer than two follow-ups have been asked; `None` when the
/// interviewer is satisfied. Deterministic: the first fitting probe in
/// content order, never one already asked.
pub fn next_probe(
    content: &Content,
    question: &Question,
    judgement: &super::judge::Judgement,
    asked: &[crate::store::FollowUp],
) -> Option<ChosenProbe> {
    let was_asked = |t: &str| asked.iter().any(|f| f.probe == t);
    let story = question.track != crate::content::Track::Motivation;
    // A dodged reply is pressed once, then noted as a data point and left.
    let pressed = asked.iter().any(|f| {
        content
            .probes_for_signal("non-answer", question.primary())
            .any(|p| p.text == f.probe)
    });
    for f in judgement.findings.iter().filter(|_| story) {
        if matches!(f.signal, "too-long" | "too-short") || (f.signal == "non-answer" && pressed) {
            continue;
        }
        if let Some(p) = content
            .probes_for_signal(f.signal, question.primary())
            .find(|p| !was_asked(&p.text))
        {
            return Some(ChosenProbe {
                text: p.text.clone(),
                signal: Some(f.signal.to_string()),
            });
        }
    }
    if asked.len() >= 2 {
        return None;
    }
    question
        .probes
        .iter()
        .map(|p| &p.text)
        .chain(
            question
                .probe_refs
                .iter()
                .filter_map(|id| content.probe(id).map(|p| &p.text)),
        )
        .find(|t| !was_asked(t))
        .map(|t| ChosenProbe {
            text: t.clone(),
            signal: None,
        })
}

/// Which line of a persona to say.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineKind {
    Opening,
    Transition,
    TimeCheck,
    YourQuestions,
    Closing,
}

/// A persona's line, picked by seed and position, with placeholders filled.
pub fn line(
    content: &Content,
    who: &Interviewer,
    kind: LineKind,
    seed: u64,
    position: usize,
    principle: Option<&str>,
) -> String {
    let list = match kind {
        LineKind::Opening => &who.openings,
        LineKind::Transition => &who.transitions,
        LineKind::TimeCheck => &who.time_checks,
        LineKind::YourQuestions => &who.your_questions,
        LineKind::Closing => &who.closings,
    };
    let mut dice = Dice::derive(seed, &format!("{}:{kind:?}:{position}", who.id));
    let text = dice.pick(list).cloned().unwrap_or_default();
    let lp = principle
        .map(|p| content.principle_name(p))
        .unwrap_or("this");
    text.replace("{candidate}", "you")
        .replace("{principle}", lp)
}

/// The flow through a planned loop or drill.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Flow {
    pub plan: LoopPlan,
    pub step: Step,
    /// Drills have no persona: no opening, candidate questions or closing.
    pub drill: bool,
    /// The follow-ups chosen for the current answer.
    pub probes: Vec<ChosenProbe>,
}

/// What happened, to move the flow on.
#[derive(Debug, Clone)]
pub enum Event<'a> {
    /// Enter on an interviewer line (opening, transition, closing).
    Continue,
    /// The STAR answer was submitted.
    Submitted {
        analysis: &'a Analysis,
        ran_over: bool,
    },
    /// A follow-up reply was submitted.
    FollowUpAnswered,
    /// The self-score was confirmed.
    Scored { ran_over: bool },
    /// The candidate's questions were submitted.
    QuestionsAsked,
}

impl Flow {
    pub fn new(plan: LoopPlan, drill: bool) -> Flow {
        let step = if plan.interviews.is_empty() || plan.question_count() == 0 {
            Step::Debrief
        } else if drill {
            Step::Answer {
                interview: 0,
                question: 0,
            }
        } else {
            Step::Opening { interview: 0 }
        };
        Flow {
            plan,
            step,
            drill,
            probes: Vec::new(),
        }
    }

    /// Starts at a given step (resuming).
    pub fn resume_at(plan: LoopPlan, drill: bool, step: Step) -> Flow {
        Flow {
            plan,
            step,
            drill,
            probes: Vec::new(),
        }
    }

    fn next_interview_or_end(&self, interview: usize) -> Step {
        if interview + 1 < self.plan.interviews.len() {
            if self.drill {
                Step::Answer {
                    interview: interview + 1,
                    question: 0,
                }
            } else {
                Step::Opening {
                    interview: interview + 1,
                }
            }
        } else {
            Step::Debrief
        }
    }

    /// The question id at the current step, if any.
    pub fn current_question(&self) -> Option<(usize, usize, &str)> {
        let (i, q) = match self.step {
            Step::Answer {
                interview,
                question,
            }
            | Step::FollowUp {
                interview,
                question,
                ..
            }
            | Step::SelfScore {
                interview,
                question,
            }
            | Step::Transition {
                interview,
                question,
                ..
            } => (interview, question),
            _ => return None,
        };
        self.plan
            .interviews
            .get(i)
            .and_then(|iv| iv.questions.get(q))
            .map(|id| (i, q, id.as_str()))
    }

    /// Moves on. Events that do not fit the current step change nothing.
    pub fn advance(&mut self, content: &Content, event: Event<'_>) -> &Step {
        let next = match (&self.step, event) {
            (Step::Opening { interview }, Event::Continue) => Some(Step::Answer {
                interview: *interview,
                question: 0,
            }),
            (
                Step::Answer {
                    interview,
                    question,
                },
                Event::Submitted { analysis, ran_over },
            ) => {
                let qid = &self.plan.interviews[*interview].questions[*question];
                self.probes = content
                    .question(qid)
                    .map(|q| choose_follow_ups(content, q, analysis, ran_over, self.plan.seed))
                    .unwrap_or_default();
                Some(if self.probes.is_empty() {
                    Step::SelfScore {
                        interview: *interview,
                        question: *question,
                    }
                } else {
                    Step::FollowUp {
                        interview: *interview,
                        question: *question,
                        index: 0,
                    }
                })
            }
            (
                Step::FollowUp {
                    interview,
                    question,
                    index,
                },
                Event::FollowUpAnswered,
            ) => Some(if index + 1 < self.probes.len() {
                Step::FollowUp {
                    interview: *interview,
                    question: *question,
                    index: index + 1,
                }
            } else {
                Step::SelfScore {
                    interview: *interview,
                    question: *question,
                }
            }),
            (
                Step::SelfScore {
                    interview,
                    question,
                },
                Event::Scored { ran_over },
            ) => {
                let iv = &self.plan.interviews[*interview];
                let last = question + 1 >= iv.questions.len();
                Some(if !last || !self.drill {
                    if last && !self.drill {
                        Step::YourQuestions {
                            interview: *interview,
                        }
                    } else {
                        Step::Transition {
                            interview: *interview,
                            question: *question,
                            overtime: ran_over,
                        }
                    }
                } else {
                    self.next_interview_or_end(*interview)
                })
            }
            (
                Step::Transition {
                    interview,
                    question,
                    ..
                },
                Event::Continue,
            ) => Some(Step::Answer {
                interview: *interview,
                question: question + 1,
            }),
            (Step::YourQuestions { interview }, Event::QuestionsAsked) => Some(Step::Closing {
                interview: *interview,
            }),
            (Step::Closing { interview }, Event::Continue) => {
                Some(self.next_interview_or_end(*interview))
            }
            _ => None,
        };
        if let Some(n) = next {
            if matches!(n, Step::Answer { .. }) {
                self.probes.clear();
            }
            self.step = n;
        }
        &self.step
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::practice::analysis::analyse;
    use crate::practice::plan::{PlanOptions, plan_loop};
    use crate::store::Star;
    use std::collections::HashSet;

    fn content() -> Content {
        crate::content::load_layered(&[]).expect("built-in content loads")
    }

    #[test]
    fn walks_a_two_question_interview_in_order() {
        let c = content();
        let opts = PlanOptions {
            interviewers: Some(1),
            questions: Some(2),
            answer_minutes: Some(5),
        };
        let plan = plan_loop(&c, "pm-general", 7, opts, &HashSet::new()).unwrap();
        let mut f = Flow::new(plan, false);
        assert_eq!(f.step, Step::Opening { interview: 0 });
        // An event that does not fit changes nothing.
        f.advance(&c, Event::FollowUpAnswered);
        assert_eq!(f.step, Step::Opening { interview: 0 });
        f.advance(&c, Event::Continue);
        assert_eq!(
            f.step,
            Step::Answer {
                interview: 0,
                question: 0
            }
        );
        let a = analyse(&Star::default(), 300);
        f.advance(
            &c,
            Event::Submitted {
                analysis: &a,
                ran_over: false,
            },
        );
        assert_eq!(
            f.step,
            Step::FollowUp {
                interview: 0,
                question: 0,
                index: 0
            }
        );
        assert_eq!(f.probes.len(), 2);
        f.advance(&c, Event::FollowUpAnswered);
        f.advance(&c, Event::FollowUpAnswered);
        assert_eq!(
            f.step,
            Step::SelfScore {
                interview: 0,
                question: 0
            }
        );
        f.advance(&c, Event::Scored { ran_over: true });
        assert_eq!(
            f.step,
            Step::Transition {
                interview: 0,
                question: 0,
                overtime: true
            }
        );
        f.advance(&c, Event::Continue);
        assert_eq!(
            f.step,
            Step::Answer {
                interview: 0,
                question: 1
            }
        );
        assert!(f.probes.is_empty());
        f.advance(
            &c,
            Event::Submitted {
                analysis: &a,
                ran_over: true,
            },
        );
        assert_eq!(f.probes.len(), 1, "an answer over time gets one follow-up");
        f.advance(&c, Event::FollowUpAnswered);
        f.advance(&c, Event::Scored { ran_over: false });
        assert_eq!(f.step, Step::YourQuestions { interview: 0 });
        f.advance(&c, Event::QuestionsAsked);
        assert_eq!(f.step, Step::Closing { interview: 0 });
        f.advance(&c, Event::Continue);
        assert_eq!(f.step, Step::Debrief);
    }

    #[test]
    fn we_heavy_answer_draws_the_we_over_i_probe_first() {
        let c = content();
        let q = c
            .questions
            .iter()
            .find(|q| q.primary() == "ownership")
            .unwrap();
        let star = Star {
            situation: "Our team had a problem with our vendor.".into(),
            task: "We had to fix it.".into(),
            action: "We met them, we planned, we agreed our approach and we shipped it with our partners.".into(),
            result: "We delivered on time and our customer renewed for 2 years, a 40% larger deal.".into(),
        };
        let a = analyse(&star, 300);
        assert!(a.has("we-over-i"));
        let probes = choose_follow_ups(&c, q, &a, false, 1);
        assert_eq!(probes[0].signal.as_deref(), Some("we-over-i"));
        assert!(
            c.probes
                .iter()
                .any(|p| p.text == probes[0].text && p.signal.as_deref() == Some("we-over-i"))
        );
        assert!(
            q.probes.iter().any(|p| p.text == probes[1].text),
            "second probe is the question's own"
        );
        // Same seed and answer: same probes.
        assert_eq!(probes, choose_follow_ups(&c, q, &a, false, 1));
        // A motivation question ("Why AWS?") asks only its own follow-ups.
        let why = c
            .questions
            .iter()
            .find(|q| q.track == crate::content::Track::Motivation)
            .unwrap();
        let probes = choose_follow_ups(&c, why, &a, false, 1);
        assert_eq!(probes.len(), 2);
        assert!(
            probes
                .iter()
                .all(|p| p.signal.is_none() && why.probes.iter().any(|w| w.text == p.text))
        );
    }
}

#[cfg(test)]
mod next_probe_tests {
    use super::*;
    use crate::practice::judge::{Judge, samples::strong_delivery};
    use crate::store::FollowUp;

    #[test]
    fn a_dodged_reply_is_pressed_once_then_left() {
        let c = crate::content::load_layered(&[]).unwrap();
        let q = c.question("dr-roadblock-near-deadline").unwrap();
        let j = Judge::new(&c);
        let star = strong_delivery();
        let mut asked = vec![FollowUp {
            probe: q.probes[0].text.clone(),
            response: "I don't remember, sorry.".into(),
            signal: None,
        }];
        let first = next_probe(&c, q, &j.judge(q, &star, &asked, 300, false), &asked).unwrap();
        assert_eq!(first.signal.as_deref(), Some("non-answer"), "{first:?}");
        assert!(!asked.iter().any(|f| f.probe == first.text));
        // Dodged again: noted, not pressed a second time.
        asked.push(FollowUp {
            probe: first.text.clone(),
            response: "Not really.".into(),
            signal: Some("non-answer".into()),
        });
        let judged = j.judge(q, &star, &asked, 300, false);
        assert!(judged.has("non-answer"));
        let second = next_probe(&c, q, &judged, &asked);
        assert!(
            second
                .as_ref()
                .is_none_or(|p| p.signal.as_deref() != Some("non-answer")),
            "{second:?}"
        );
        // Never a probe already asked.
        if let Some(p) = second {
            assert!(!asked.iter().any(|f| f.probe == p.text));
        }
    }
}
