//! Planning a loop (from a template and a seed) or a drill.

use super::rng::Dice;
use crate::content::{Content, Question, TemplateKind};
use std::collections::HashSet;

/// One interview of the plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlannedInterview {
    /// Empty for a drill (no persona).
    pub interviewer: String,
    pub principles: Vec<String>,
    pub questions: Vec<String>,
    pub answer_minutes: u32,
    pub bar_raiser: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoopPlan {
    pub template: Option<String>,
    pub seed: u64,
    pub interviews: Vec<PlannedInterview>,
}

impl LoopPlan {
    pub fn question_count(&self) -> usize {
        self.interviews.iter().map(|i| i.questions.len()).sum()
    }
    pub fn answer_minutes_total(&self) -> u32 {
        self.interviews
            .iter()
            .map(|i| i.answer_minutes * i.questions.len() as u32)
            .sum()
    }
    /// The whole loop's length with follow-ups and openings, as
    /// `content list templates` estimates it.
    pub fn minutes_in_all(&self) -> u32 {
        self.interviews
            .iter()
            .map(|i| crate::content::interview_minutes(i.questions.len() as u32, i.answer_minutes))
            .sum()
    }
}

/// Shortening options (`--interviewers`, `--questions`, `--answer-minutes`).
#[derive(Debug, Clone, Copy, Default)]
pub struct PlanOptions {
    pub interviewers: Option<u32>,
    pub questions: Option<u32>,
    pub answer_minutes: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PlanError {
    #[error("no loop template \"{0}\" (see `loopdrill content list templates`)")]
    UnknownTemplate(String),
    #[error("no Leadership Principle \"{0}\" (see `loopdrill content list principles`)")]
    UnknownPrinciple(String),
    #[error("no questions for {0}")]
    NoQuestions(String),
    #[error("the question \"{0}\" is no longer in the content")]
    UnknownQuestion(String),
}

/// Draws questions without repeats in the plan, avoiding `recent` ones while
/// others remain, preferring `roles`, primary LP before secondary.
struct Drawer<'a> {
    content: &'a Content,
    used: HashSet<&'a str>,
    recent: &'a HashSet<String>,
    roles: &'a [String],
}

impl<'a> Drawer<'a> {
    fn draw(&mut self, principle: &str, dice: &mut Dice) -> Option<&'a Question> {
        let content = self.content;
        let recent = self.recent;
        let roles = self.roles;
        let role_fit = |q: &Question| roles.is_empty() || q.roles.iter().any(|r| roles.contains(r));
        let tiers: [&dyn Fn(&Question) -> bool; 5] = [
            &|q| q.primary() == principle && !recent.contains(&q.id) && role_fit(q),
            &|q| q.primary() == principle && !recent.contains(&q.id),
            &|q| q.principles.iter().any(|p| p == principle) && !recent.contains(&q.id),
            &|q| q.primary() == principle,
            &|q| q.principles.iter().any(|p| p == principle),
        ];
        for tier in tiers {
            let pool: Vec<&'a Question> = content
                .questions
                .iter()
                .filter(|q| !self.used.contains(q.id.as_str()) && tier(q))
                .collect();
            if let Some(q) = dice.pick(&pool) {
                self.used.insert(q.id.as_str());
                return Some(*q);
            }
        }
        None
    }
}

/// Plans a loop. The same template, seed, options and `recent` set give the
/// same plan on every platform.
pub fn plan_loop(
    content: &Content,
    template_id: &str,
    seed: u64,
    opts: PlanOptions,
    recent: &HashSet<String>,
) -> Result<LoopPlan, PlanError> {
    let t = content
        .template(template_id)
        .ok_or_else(|| PlanError::UnknownTemplate(template_id.to_string()))?;
    let mut slots: Vec<_> = t.interviews.iter().collect();
    if let Some(n) = opts.interviewers {
        let n = (n as usize).min(slots.len());
        // A mini-loop of two or more keeps the Bar Raiser, as the last interview.
        let br = slots.iter().position(|s| {
            content
                .interviewer(&s.interviewer)
                .is_some_and(|i| i.bar_raiser)
        });
        let mut keep: Vec<_> = slots.iter().take(n).copied().collect();
        if let Some(b) = br
            && n >= 2
            && b >= n
            && t.kind == TemplateKind::Loop
        {
            keep[n - 1] = slots[b];
        }
        slots = keep;
    }
    let mut drawer = Drawer {
        content,
        used: HashSet::new(),
        recent,
        roles: &t.roles,
    };
    let mut interviews = Vec::new();
    for (k, slot) in slots.iter().enumerate() {
        let mut dice = Dice::derive(seed, &format!("{}#{k}", slot.interviewer));
        let n = opts.questions.unwrap_or(slot.questions) as usize;
        // Which LPs get asked: all of them in a random rotation.
        let mut lps = slot.principles.clone();
        dice.shuffle(&mut lps);
        let mut questions = Vec::new();
        for i in 0..n {
            let lp = &lps[i % lps.len()];
            let q = drawer
                .draw(lp, &mut dice)
                .ok_or_else(|| PlanError::NoQuestions(content.principle_name(lp).to_string()))?;
            questions.push(q.id.clone());
        }
        interviews.push(PlannedInterview {
            interviewer: slot.interviewer.clone(),
            principles: slot.principles.clone(),
            questions,
            answer_minutes: opts.answer_minutes.unwrap_or(slot.answer_minutes),
            bar_raiser: content
                .interviewer(&slot.interviewer)
                .is_some_and(|i| i.bar_raiser),
        });
    }
    Ok(LoopPlan {
        template: Some(t.id.clone()),
        seed,
        interviews,
    })
}

/// A drill of one given question, to answer it again and compare attempts.
pub fn plan_retry(
    content: &Content,
    question_id: &str,
    answer_minutes: u32,
    seed: u64,
) -> Result<LoopPlan, PlanError> {
    let q = content
        .question(question_id)
        .ok_or_else(|| PlanError::UnknownQuestion(question_id.to_string()))?;
    Ok(LoopPlan {
        template: None,
        seed,
        interviews: vec![PlannedInterview {
            interviewer: String::new(),
            principles: q.principles.clone(),
            questions: vec![q.id.clone()],
            answer_minutes: answer_minutes.max(1),
            bar_raiser: false,
        }],
    })
}

/// Plans a drill of `n` questions cycling over `principles` (in the order given).
pub fn plan_drill(
    content: &Content,
    principles: &[String],
    n: u32,
    answer_minutes: u32,
    seed: u64,
    recent: &HashSet<String>,
) -> Result<LoopPlan, PlanError> {
    for p in principles {
        if content.principle(p).is_none() {
            return Err(PlanError::UnknownPrinciple(p.clone()));
        }
    }
    let mut drawer = Drawer {
        content,
        used: HashSet::new(),
        recent,
        roles: &[],
    };
    let mut dice = Dice::derive(seed, "drill");
    let mut questions = Vec::new();
    for i in 0..n as usize {
        let lp = &principles[i % principles.len()];
        let q = drawer
            .draw(lp, &mut dice)
            .ok_or_else(|| PlanError::NoQuestions(content.principle_name(lp).to_string()))?;
        questions.push(q.id.clone());
    }
    Ok(LoopPlan {
        template: None,
        seed,
        interviews: vec![PlannedInterview {
            interviewer: String::new(),
            principles: principles.to_vec(),
            questions,
            answer_minutes,
            bar_raiser: false,
        }],
    })
}
