//! The flow of a loop or drill: a state machine with no UI in it.
//!
//! Per interview: opening → (question → answer → one to four follow-ups,
//! each chosen after the last reply → self-score → transition or time
//! check) × N → "what questions do you have for me?" → closing. Drills skip
//! the opening, the candidate's questions and the closing. The caller
//! chooses each follow-up (`probe::next_probe`) and hands it in with the
//! event; `None` moves on to the self-score.

use super::probe::ChosenProbe;
use crate::content::Content;
use crate::practice::plan::LoopPlan;

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

/// The flow through a planned loop or drill.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Flow {
    pub plan: LoopPlan,
    pub step: Step,
    /// Drills have no persona: no opening, candidate questions or closing.
    pub drill: bool,
    /// The follow-ups asked on the current answer so far; the last one is
    /// being answered while the step is `FollowUp`.
    pub probes: Vec<ChosenProbe>,
}

/// What happened, to move the flow on.
#[derive(Debug, Clone)]
pub enum Event {
    /// Enter on an interviewer line (opening, transition, closing).
    Continue,
    /// The STAR answer was submitted; the interviewer's first follow-up
    /// (`None`: straight to the self-score).
    Submitted { next: Option<ChosenProbe> },
    /// A follow-up reply was submitted; the next follow-up, if any.
    FollowUpAnswered { next: Option<ChosenProbe> },
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
    pub fn advance(&mut self, _content: &Content, event: Event) -> &Step {
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
                Event::Submitted { next },
            ) => {
                self.probes.clear();
                Some(match next {
                    Some(p) => {
                        self.probes.push(p);
                        Step::FollowUp {
                            interview: *interview,
                            question: *question,
                            index: 0,
                        }
                    }
                    None => Step::SelfScore {
                        interview: *interview,
                        question: *question,
                    },
                })
            }
            (
                Step::FollowUp {
                    interview,
                    question,
                    index,
                },
                Event::FollowUpAnswered { next },
            ) => Some(match next {
                Some(p) => {
                    self.probes.push(p);
                    Step::FollowUp {
                        interview: *interview,
                        question: *question,
                        index: index + 1,
                    }
                }
                None => Step::SelfScore {
                    interview: *interview,
                    question: *question,
                },
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
    use crate::practice::plan::{PlanOptions, plan_loop};
    use std::collections::HashSet;

    fn probe(text: &str) -> Option<ChosenProbe> {
        Some(ChosenProbe {
            text: text.into(),
            signal: None,
            seeks: vec!["metric".into()],
            why: String::new(),
        })
    }

    #[test]
    fn follow_ups_come_one_at_a_time_until_the_interviewer_moves_on() {
        let c = crate::content::load_layered(&[]).unwrap();
        let opts = PlanOptions {
            interviewers: Some(1),
            questions: Some(2),
            answer_minutes: Some(5),
        };
        let plan = plan_loop(&c, "pm-general", 7, opts, &HashSet::new()).unwrap();
        let mut f = Flow::new(plan, false);
        assert_eq!(f.step, Step::Opening { interview: 0 });
        // An event that does not fit changes nothing.
        f.advance(&c, Event::FollowUpAnswered { next: None });
        assert_eq!(f.step, Step::Opening { interview: 0 });
        f.advance(&c, Event::Continue);
        let answer = Step::Answer {
            interview: 0,
            question: 0,
        };
        assert_eq!(f.step, answer);
        f.advance(&c, Event::Submitted { next: probe("one") });
        assert_eq!(
            f.step,
            Step::FollowUp {
                interview: 0,
                question: 0,
                index: 0
            }
        );
        f.advance(&c, Event::FollowUpAnswered { next: probe("two") });
        f.advance(
            &c,
            Event::FollowUpAnswered {
                next: probe("three"),
            },
        );
        assert_eq!(
            f.step,
            Step::FollowUp {
                interview: 0,
                question: 0,
                index: 2
            }
        );
        let asked: Vec<&str> = f.probes.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(asked, ["one", "two", "three"]);
        f.advance(&c, Event::FollowUpAnswered { next: None });
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
        assert!(
            f.probes.is_empty(),
            "a new question starts with no follow-ups"
        );
        // No follow-up at all: straight to the self-score.
        f.advance(&c, Event::Submitted { next: None });
        assert_eq!(
            f.step,
            Step::SelfScore {
                interview: 0,
                question: 1
            }
        );
        f.advance(&c, Event::Scored { ran_over: false });
        assert_eq!(f.step, Step::YourQuestions { interview: 0 });
        f.advance(&c, Event::QuestionsAsked);
        assert_eq!(f.step, Step::Closing { interview: 0 });
        f.advance(&c, Event::Continue);
        assert_eq!(f.step, Step::Debrief);
    }
}
