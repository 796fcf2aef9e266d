//! Planning a loop (from a template and a seed) or a drill.

use super::rng::Dice;
use crate::content::{AnswerFormat, Content, Question, TemplateKind, Track};
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
    /// The loop's length in its parts: (answering, follow-ups, openings +
    /// transitions + your questions), in minutes; they add up to
    /// [`LoopPlan::minutes_in_all`].
    pub fn minutes_parts(&self) -> (u32, u32, u32) {
        let all = self.minutes_in_all();
        let answering = self.answer_minutes_total();
        let follow_ups: u32 = self
            .interviews
            .iter()
            .map(|i| crate::content::interview_minutes(i.questions.len() as u32, 0) - 5)
            .sum();
        (answering, follow_ups, all - answering - follow_ups)
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
    #[error("{0}")]
    UnknownPrincipleHelp(String),
    #[error("the template \"{template}\" serves {roles}; there is no role \"{role}\" in it")]
    RoleNotServed {
        template: String,
        role: String,
        roles: String,
    },
    #[error("no {track} questions{for_role}")]
    NoTrackQuestions { track: String, for_role: String },
}

/// The error for an unknown `--principle`: the valid ids and the tracks
/// (`drill --track`), so "technical" or "system-design" lead somewhere.
pub fn unknown_principle_help(content: &Content, id: &str) -> PlanError {
    let ids: Vec<&str> = content.principles.iter().map(|p| p.id.as_str()).collect();
    let tracks: Vec<&str> = Track::ALL
        .iter()
        .filter(|t| **t != Track::Leadership && content.questions_in(**t).next().is_some())
        .map(|t| t.id())
        .collect();
    let hint = if Track::from_id(id).is_some() {
        format!(" \"{id}\" is a track: use `loopdrill drill --track {id}`.")
    } else {
        String::new()
    };
    PlanError::UnknownPrincipleHelp(format!(
        "no Leadership Principle \"{id}\".{hint}\nprinciples: {}\ntracks (drill --track): {}",
        ids.join(", "),
        tracks.join(", ")
    ))
}

/// The role a loop asks for: `--role` when the template serves it, else the
/// template's first role (None when the template names none).
pub fn loop_role(
    content: &Content,
    template_id: &str,
    role: Option<&str>,
) -> Result<Option<String>, PlanError> {
    let t = content
        .template(template_id)
        .ok_or_else(|| PlanError::UnknownTemplate(template_id.to_string()))?;
    match role {
        Some(r) if t.roles.is_empty() || t.roles.iter().any(|x| x == r) => Ok(Some(r.to_string())),
        Some(r) => Err(PlanError::RoleNotServed {
            template: t.id.clone(),
            role: r.to_string(),
            roles: format!(
                "{} ({})",
                if t.roles.len() == 1 {
                    "one role"
                } else {
                    "the roles"
                },
                t.roles.join(", ")
            ),
        }),
        None => Ok(t.roles.first().cloned()),
    }
}

/// The functional focus of the interview `interviewer` runs in a template.
pub fn interview_focus(
    content: &Content,
    template: Option<&str>,
    interviewer: &str,
) -> Option<Track> {
    content
        .template(template?)?
        .interviews
        .iter()
        .find(|s| s.interviewer == interviewer)
        .and_then(|s| s.focus)
}

/// Draws questions without repeats in the plan, avoiding `recent` ones while
/// others remain, primary LP before secondary. With a role, only questions
/// tagged with it are drawn: a PM loop never asks a TPM-only question. Two
/// questions of one `similar` group (the same situation asked two ways)
/// never meet in a plan.
struct Drawer<'a> {
    content: &'a Content,
    used: HashSet<&'a str>,
    /// The `similar` groups of the questions drawn so far.
    groups: HashSet<&'a str>,
    recent: &'a HashSet<String>,
    role: Option<&'a str>,
    /// Draw a question of the role's own (tagged for it alone: a ProServe
    /// engagement, a data-center build) while one fits.
    prefer_own: bool,
}

impl<'a> Drawer<'a> {
    fn new(content: &'a Content, recent: &'a HashSet<String>, role: Option<&'a str>) -> Self {
        Drawer {
            content,
            used: HashSet::new(),
            groups: HashSet::new(),
            recent,
            role,
            prefer_own: false,
        }
    }

    /// A question of the role's own: tagged for the loop's role alone.
    fn own(&self, q: &Question) -> bool {
        self.role
            .is_some_and(|r| q.roles.len() == 1 && q.roles[0] == r)
    }

    fn role_fit(&self, q: &Question) -> bool {
        self.role.is_none_or(|r| q.roles.iter().any(|x| x == r))
    }

    /// Whether `q` is free to draw: not drawn yet and (when `apart`) no
    /// question of its `similar` groups drawn either.
    fn free(&self, q: &Question, apart: bool) -> bool {
        let clashes = || q.similar.iter().any(|g| self.groups.contains(g.as_str()));
        !self.used.contains(q.id.as_str()) && (!apart || !clashes())
    }

    fn pick(
        &mut self,
        tiers: &[&dyn Fn(&Question) -> bool],
        dice: &mut Dice,
    ) -> Option<&'a Question> {
        let content = self.content;
        // Near-duplicates are kept apart while anything else remains; a
        // small pack that has only a near-duplicate left still gets a question.
        // Within each tier (so a question not asked recently still comes
        // before one of the role's own that was), the role's own first.
        let owns: &[bool] = if self.prefer_own {
            &[true, false]
        } else {
            &[false]
        };
        for apart in [true, false] {
            for tier in tiers {
                for &own in owns {
                    let pool: Vec<&'a Question> = content
                        .questions
                        .iter()
                        .filter(|q| {
                            self.free(q, apart)
                                && self.role_fit(q)
                                && (!own || self.own(q))
                                && tier(q)
                        })
                        .collect();
                    if let Some(q) = dice.pick(&pool) {
                        self.used.insert(q.id.as_str());
                        self.groups.extend(q.similar.iter().map(String::as_str));
                        return Some(*q);
                    }
                }
            }
        }
        None
    }

    /// A question on `principle`: a leadership story first; never a design
    /// question (those belong to a system-design interview).
    fn draw(&mut self, principle: &str, dice: &mut Dice) -> Option<&'a Question> {
        let recent = self.recent;
        let lp = |q: &Question| q.format != AnswerFormat::Design;
        let lead = |q: &Question| lp(q) && q.track == Track::Leadership;
        self.pick(
            &[
                &|q| lead(q) && q.primary() == principle && !recent.contains(&q.id),
                &|q| lp(q) && q.primary() == principle && !recent.contains(&q.id),
                &|q| {
                    lp(q) && q.principles.iter().any(|p| p == principle) && !recent.contains(&q.id)
                },
                &|q| lead(q) && q.primary() == principle,
                &|q| lp(q) && q.primary() == principle,
                &|q| lp(q) && q.principles.iter().any(|p| p == principle),
            ],
            dice,
        )
    }

    /// A question of a functional `track`, preferring one on the
    /// interview's `principles`.
    fn draw_track(
        &mut self,
        track: Track,
        principles: &[String],
        dice: &mut Dice,
    ) -> Option<&'a Question> {
        let recent = self.recent;
        let on_lp = |q: &Question| q.principles.iter().any(|p| principles.contains(p));
        // A program-execution round is run on a scenario ("this lands on
        // your desk…") when the bank has one for the role.
        let scenario = |q: &Question| {
            track != Track::ProgramExecution || q.format == crate::content::AnswerFormat::Scenario
        };
        self.pick(
            &[
                &|q| q.track == track && scenario(q) && on_lp(q) && !recent.contains(&q.id),
                &|q| q.track == track && scenario(q) && !recent.contains(&q.id),
                &|q| q.track == track && on_lp(q) && !recent.contains(&q.id),
                &|q| q.track == track && !recent.contains(&q.id),
                &|q| q.track == track,
            ],
            dice,
        )
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
    plan_loop_for(content, template_id, None, seed, opts, recent)
}

/// [`plan_loop`] for one role of the template (`--role`; default: its first).
pub fn plan_loop_for(
    content: &Content,
    template_id: &str,
    role: Option<&str>,
    seed: u64,
    opts: PlanOptions,
    recent: &HashSet<String>,
) -> Result<LoopPlan, PlanError> {
    let role = loop_role(content, template_id, role)?;
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
    let mut drawer = Drawer::new(content, recent, role.as_deref());
    let for_role = |r: Option<&str>| r.map(|r| format!(" for role \"{r}\"")).unwrap_or_default();
    let mut interviews = Vec::new();
    for (k, slot) in slots.iter().enumerate() {
        let mut dice = Dice::derive(seed, &format!("{}#{k}", slot.interviewer));
        let n = opts.questions.unwrap_or(slot.questions) as usize;
        let mut questions = Vec::new();
        // Each interviewer in a role's loop asks at least one question of
        // the role's own when there is one (a ProServe engagement, a site
        // build, a model launch), the first that fits.
        let mut has_own = false;
        // A functional interview asks its focus questions first.
        if let Some(track) = slot.focus {
            let mut focus_n = (slot.focus_questions.max(1) as usize).min(n);
            // "Why here?" opens an interview of two questions or more; a
            // mini loop of one question each asks the interviewer's LPs.
            if track == Track::Motivation && n < 2 {
                focus_n = 0;
            }
            for _ in 0..focus_n {
                // "Why here?" is drawn from all of them, the role's own or not.
                drawer.prefer_own = !has_own && track != Track::Motivation;
                let q = drawer
                    .draw_track(track, &slot.principles, &mut dice)
                    .ok_or_else(|| PlanError::NoTrackQuestions {
                        track: track.name().to_string(),
                        for_role: for_role(role.as_deref()),
                    })?;
                has_own |= drawer.own(q);
                questions.push(q.id.clone());
            }
        }
        // Which LPs get asked: all of them in a random rotation.
        let mut lps = slot.principles.clone();
        dice.shuffle(&mut lps);
        for i in 0..n - questions.len() {
            let lp = &lps[i % lps.len()];
            drawer.prefer_own = !has_own;
            let q = drawer.draw(lp, &mut dice).ok_or_else(|| {
                PlanError::NoQuestions(format!(
                    "{}{}",
                    content.principle_name(lp),
                    for_role(role.as_deref())
                ))
            })?;
            has_own |= drawer.own(q);
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

/// The minutes a drill gives each answer when none are asked for: enough
/// for the longest kind of answer drawn (a STAR story 5, a "what would you
/// do" scenario 7, a system design 12, as a loop's design round gives).
pub fn drill_minutes(content: &Content, questions: &[String]) -> u32 {
    questions
        .iter()
        .filter_map(|id| content.question(id))
        .map(|q| match q.format {
            crate::content::AnswerFormat::Star => 5,
            crate::content::AnswerFormat::Scenario => 7,
            crate::content::AnswerFormat::Design => 12,
        })
        .max()
        .unwrap_or(5)
}

/// Plans a drill of `n` questions cycling over `principles` (in the order
/// given); `answer_minutes` per answer, or by [`drill_minutes`].
pub fn plan_drill(
    content: &Content,
    principles: &[String],
    n: u32,
    answer_minutes: Option<u32>,
    seed: u64,
    recent: &HashSet<String>,
) -> Result<LoopPlan, PlanError> {
    plan_drill_for(
        content,
        &DrillFilter {
            principles: principles.to_vec(),
            ..Default::default()
        },
        n,
        answer_minutes,
        seed,
        recent,
    )
}

/// What a drill draws from: LPs, or a track, kept to a role.
#[derive(Debug, Clone, Default)]
pub struct DrillFilter {
    pub principles: Vec<String>,
    pub track: Option<Track>,
    pub role: Option<String>,
}

/// Plans a drill of `n` questions: from a `track` (e.g. system-design) or
/// cycling over `principles` (in the order given), only questions tagged
/// with `role` when one is given; `answer_minutes` per answer, or by
/// [`drill_minutes`] for the questions drawn.
pub fn plan_drill_for(
    content: &Content,
    filter: &DrillFilter,
    n: u32,
    answer_minutes: Option<u32>,
    seed: u64,
    recent: &HashSet<String>,
) -> Result<LoopPlan, PlanError> {
    for p in &filter.principles {
        if content.principle(p).is_none() {
            return Err(unknown_principle_help(content, p));
        }
    }
    let mut drawer = Drawer::new(content, recent, filter.role.as_deref());
    let for_role = filter
        .role
        .as_deref()
        .map(|r| format!(" for role \"{r}\""))
        .unwrap_or_default();
    let mut dice = Dice::derive(seed, "drill");
    let mut questions = Vec::new();
    let mut principles = filter.principles.clone();
    for i in 0..n as usize {
        let q = match filter.track {
            Some(track) => match drawer.draw_track(track, &filter.principles, &mut dice) {
                Some(q) => q,
                // A short track runs out: fewer questions, not an error.
                None if !questions.is_empty() => break,
                None => {
                    return Err(PlanError::NoTrackQuestions {
                        track: track.name().to_string(),
                        for_role,
                    });
                }
            },
            None => {
                let lp = &filter.principles[i % filter.principles.len()];
                drawer.draw(lp, &mut dice).ok_or_else(|| {
                    PlanError::NoQuestions(format!("{}{for_role}", content.principle_name(lp)))
                })?
            }
        };
        if filter.track.is_some() && !principles.iter().any(|p| p == q.primary()) {
            principles.push(q.primary().to_string());
        }
        questions.push(q.id.clone());
    }
    let answer_minutes = answer_minutes.unwrap_or_else(|| drill_minutes(content, &questions));
    Ok(LoopPlan {
        template: None,
        seed,
        interviews: vec![PlannedInterview {
            interviewer: String::new(),
            principles,
            questions,
            answer_minutes,
            bar_raiser: false,
        }],
    })
}

#[cfg(test)]
mod minutes_tests {
    use super::*;

    #[test]
    fn the_minutes_in_all_are_shown_by_their_parts() {
        let c = crate::content::load_layered(&[]).unwrap();
        let plan = plan_loop(&c, "tpm", 4, PlanOptions::default(), &HashSet::new()).unwrap();
        let (answering, follow_ups, talk) = plan.minutes_parts();
        let questions = plan.question_count() as u32;
        assert_eq!(answering, plan.answer_minutes_total());
        assert_eq!(follow_ups, 3 * questions, "about 3 minutes per answer");
        assert_eq!(
            talk,
            5 * plan.interviews.len() as u32,
            "about 5 per interview"
        );
        assert_eq!(answering + follow_ups + talk, plan.minutes_in_all());
    }
}

#[cfg(test)]
mod drill_minutes_tests {
    use super::*;
    use crate::content::AnswerFormat;

    fn drill(c: &Content, track: Option<Track>, lps: &[&str], minutes: Option<u32>) -> LoopPlan {
        let filter = DrillFilter {
            principles: lps.iter().map(|s| s.to_string()).collect(),
            track,
            role: None,
        };
        plan_drill_for(c, &filter, 3, minutes, 9, &HashSet::new()).unwrap()
    }

    #[test]
    fn a_drill_gives_each_answer_the_time_its_kind_needs_unless_told() {
        let c = crate::content::load_layered(&[]).unwrap();
        // System design: as long as a loop's design round.
        let design = drill(&c, Some(Track::SystemDesign), &[], None);
        let formats = |p: &LoopPlan| -> Vec<AnswerFormat> {
            p.interviews[0]
                .questions
                .iter()
                .map(|id| c.question(id).unwrap().format)
                .collect()
        };
        assert!(formats(&design).contains(&AnswerFormat::Design));
        assert_eq!(design.interviews[0].answer_minutes, 12);
        // Stories on an LP: five minutes.
        let stories = drill(&c, None, &["ownership", "dive-deep"], None);
        assert!(formats(&stories).iter().all(|f| f.is_star()));
        assert_eq!(stories.interviews[0].answer_minutes, 5);
        // A scenario among stories sets seven for the drill.
        let mut mixed = stories.interviews[0].questions.clone();
        let scenario = c
            .questions
            .iter()
            .find(|q| q.format == AnswerFormat::Scenario)
            .unwrap();
        mixed.push(scenario.id.clone());
        assert_eq!(drill_minutes(&c, &mixed), 7);
        // Minutes asked for are kept, whatever was drawn.
        assert_eq!(
            drill(&c, Some(Track::SystemDesign), &[], Some(4)).interviews[0].answer_minutes,
            4
        );
    }
}

#[cfg(test)]
mod similar_tests {
    use super::*;

    fn frugal_pm(c: &Content) -> Vec<String> {
        c.questions
            .iter()
            .filter(|q| q.primary() == "frugality" && q.roles.iter().any(|r| r == "pm"))
            .map(|q| q.id.clone())
            .collect()
    }

    fn drill(c: &Content, n: u32, seed: u64) -> Vec<String> {
        let filter = DrillFilter {
            principles: vec!["frugality".into()],
            track: None,
            role: Some("pm".into()),
        };
        plan_drill_for(c, &filter, n, None, seed, &HashSet::new())
            .unwrap()
            .interviews[0]
            .questions
            .clone()
    }

    #[test]
    fn two_questions_of_one_similar_group_meet_only_when_nothing_else_is_left() {
        let mut c = crate::content::load_layered(&[]).unwrap();
        let ids = frugal_pm(&c);
        assert!(ids.len() >= 4);
        // All but one in one group: a drill of two takes the odd one out
        // with one of the group, whatever the seed.
        let odd = ids[0].clone();
        for q in c.questions.iter_mut() {
            q.similar.clear();
            if ids[1..].contains(&q.id) {
                q.similar = vec!["same-story".into()];
            }
        }
        for seed in 0..30 {
            let drawn = drill(&c, 2, seed);
            assert!(drawn.contains(&odd), "seed {seed}: {drawn:?}");
        }
        // Asked for more than the groups allow, it still gives them all
        // rather than failing.
        let all = drill(&c, ids.len() as u32, 1);
        assert_eq!(all.len(), ids.len());
    }
}

#[cfg(test)]
mod why_here_tests {
    use super::*;

    fn first_track(c: &Content, questions: Option<u32>) -> (Track, usize) {
        let opts = PlanOptions {
            questions,
            ..Default::default()
        };
        let p = plan_loop(c, "data-center", 3, opts, &HashSet::new()).unwrap();
        let hm = &p.interviews[0];
        (
            c.question(&hm.questions[0]).unwrap().track,
            hm.questions.len(),
        )
    }

    #[test]
    fn the_hiring_manager_opens_with_why_here_unless_a_mini_loop_asks_one_question_each() {
        let c = crate::content::load_layered(&[]).unwrap();
        assert_eq!(first_track(&c, None), (Track::Motivation, 4));
        assert_eq!(first_track(&c, Some(2)), (Track::Motivation, 2));
        let (track, n) = first_track(&c, Some(1));
        assert_eq!(n, 1);
        assert_ne!(track, Track::Motivation, "one question: an LP story");
    }
}
