//! The debrief: votes from self-scores by the content's thresholds, the Bar
//! Raiser's veto, and the summary tables.

use crate::content::{Content, DebriefRules};
use crate::store::{Session, Vote, average};
use std::collections::{BTreeMap, HashMap, HashSet};

/// A vote from an average self-score.
pub fn vote(avg: f64, rules: &DebriefRules) -> Vote {
    if avg >= rules.strongly_inclined {
        Vote::StronglyInclined
    } else if avg >= rules.inclined {
        Vote::Inclined
    } else if avg >= rules.not_inclined {
        Vote::NotInclined
    } else {
        Vote::StronglyNotInclined
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct InterviewVote {
    pub interview: usize,
    pub average: Option<f64>,
    pub vote: Option<Vote>,
    pub bar_raiser: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PrincipleRow {
    pub principle: String,
    pub answers: usize,
    /// The average of the scores on the LP's own rubric.
    pub average: Option<f64>,
    /// The mean of each answer's average over all its criteria, as the review
    /// and the stats show it.
    pub overall: Option<f64>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Debrief {
    pub votes: Vec<InterviewVote>,
    pub bar_raiser_veto: bool,
    pub hire: bool,
    pub reasons: Vec<String>,
    pub principles: Vec<PrincipleRow>,
    /// Signal id → how many answers showed it.
    pub flags: Vec<(String, usize)>,
    /// Story ids told in two or more interviews.
    pub reused_stories: Vec<String>,
    pub answer_secs: u64,
    pub overtime_secs: u64,
}

/// Computes the debrief of a session.
pub fn debrief(session: &Session, content: &Content) -> Debrief {
    let default_rules = DebriefRules {
        strongly_inclined: 3.5,
        inclined: 2.75,
        not_inclined: 2.0,
        bar_raiser_veto_below: 2.75,
        min_inclined_share: 0.66,
        max_strongly_not_inclined: 0,
        delivery_rubric: String::new(),
        bar_raiser_rubric: String::new(),
        key_principle_below: 2.0,
        strong_data_point: 3,
    };
    let rules = content.debrief.as_ref().unwrap_or(&default_rules);
    let mut votes = Vec::new();
    for (i, iv) in session.interviews.iter().enumerate() {
        let avg = average(
            session
                .answers
                .iter()
                .filter(|a| a.interview_index == i)
                .flat_map(|a| a.self_scores.values()),
        );
        votes.push(InterviewVote {
            interview: i,
            average: avg,
            vote: avg.map(|a| vote(a, rules)),
            bar_raiser: iv.interviewer.bar_raiser,
        });
    }
    let cast: Vec<Vote> = votes.iter().filter_map(|v| v.vote).collect();
    // The veto weighs the Bar Raiser's own rubric where it was scored (scope,
    // ambiguity, raising the bar, long-term judgement); else their average.
    let prefix = format!("{}/", rules.bar_raiser_rubric);
    let br_judgement = |v: &InterviewVote| {
        let own = average(
            session
                .answers
                .iter()
                .filter(|a| a.interview_index == v.interview)
                .flat_map(|a| a.self_scores.iter())
                .filter(|(k, _)| !rules.bar_raiser_rubric.is_empty() && k.starts_with(&prefix))
                .map(|(_, s)| s),
        );
        own.or(v.average)
    };
    let veto_score = votes
        .iter()
        .filter(|v| v.bar_raiser)
        .filter_map(br_judgement)
        .find(|a| *a < rules.bar_raiser_veto_below);
    let bar_raiser_veto = veto_score.is_some();
    let inclined = cast.iter().filter(|v| v.is_inclined()).count();
    let strongly_not = cast
        .iter()
        .filter(|v| **v == Vote::StronglyNotInclined)
        .count();
    let share = if cast.is_empty() {
        0.0
    } else {
        inclined as f64 / cast.len() as f64
    };
    let mut reasons = Vec::new();
    if cast.is_empty() {
        reasons.push("No self-scores yet, so no interviewer could vote.".to_string());
    }
    if let Some(score) = veto_score {
        reasons.push(format!(
            "The Bar Raiser's judgement ({score:.2}) is below {:.2}: veto.",
            rules.bar_raiser_veto_below
        ));
    }
    if !cast.is_empty() && share < rules.min_inclined_share {
        reasons.push(format!(
            "{inclined} of {} interviewers inclined ({:.0} %); a hire needs {:.0} %.",
            cast.len(),
            share * 100.0,
            rules.min_inclined_share * 100.0
        ));
    }
    if strongly_not as u32 > rules.max_strongly_not_inclined {
        reasons.push(format!(
            "{strongly_not} Strongly Not Inclined vote{}; {}.",
            if strongly_not == 1 { "" } else { "s" },
            match rules.max_strongly_not_inclined {
                0 => "the loop allows none".to_string(),
                n => format!("the loop allows at most {n}"),
            }
        ));
    }
    let hire = !cast.is_empty()
        && !bar_raiser_veto
        && share >= rules.min_inclined_share
        && strongly_not as u32 <= rules.max_strongly_not_inclined;
    if hire {
        reasons.push(format!(
            "{inclined} of {} interviewers inclined and no veto.",
            cast.len()
        ));
    }

    // Per LP: the LP-rubric scores of answers whose primary LP it is.
    let mut by_lp: BTreeMap<usize, (String, usize, Vec<u8>, Vec<f64>)> = BTreeMap::new();
    for a in &session.answers {
        let Some(lp) = a.principles.first() else {
            continue;
        };
        let order = content
            .principles
            .iter()
            .position(|p| &p.id == lp)
            .unwrap_or(usize::MAX);
        let e = by_lp
            .entry(order)
            .or_insert_with(|| (lp.clone(), 0, Vec::new(), Vec::new()));
        e.1 += 1;
        e.3.extend(a.average_score());
        let rubric = content.principle_rubric(lp).map(|r| r.id.clone());
        e.2.extend(a.self_scores.iter().filter_map(|(k, v)| {
            let r = k.split('/').next().unwrap_or("");
            (Some(r.to_string()) == rubric).then_some(*v)
        }));
    }
    let principles = by_lp
        .into_values()
        .map(|(principle, answers, scores, overall)| PrincipleRow {
            principle,
            answers,
            average: average(scores.iter()),
            overall: (!overall.is_empty())
                .then(|| overall.iter().sum::<f64>() / overall.len() as f64),
        })
        .collect();

    let mut flag_counts: HashMap<&str, usize> = HashMap::new();
    for a in &session.answers {
        for s in &a.analysis.signals {
            *flag_counts.entry(s.as_str()).or_default() += 1;
        }
    }
    let mut flags: Vec<(String, usize)> = flag_counts
        .into_iter()
        .map(|(k, v)| (k.to_string(), v))
        .collect();
    flags.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));

    let mut story_interviews: HashMap<&str, HashSet<usize>> = HashMap::new();
    for a in &session.answers {
        if let Some(s) = &a.story_id {
            story_interviews
                .entry(s.as_str())
                .or_default()
                .insert(a.interview_index);
        }
    }
    let mut reused_stories: Vec<String> = story_interviews
        .into_iter()
        .filter(|(_, v)| v.len() >= 2)
        .map(|(k, _)| k.to_string())
        .collect();
    reused_stories.sort();

    Debrief {
        votes,
        bar_raiser_veto,
        hire,
        reasons,
        principles,
        flags,
        reused_stories,
        answer_secs: session.answers.iter().map(|a| a.duration_secs).sum(),
        overtime_secs: session.answers.iter().map(|a| a.overtime_secs).sum(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::*;
    use chrono::{TimeZone, Utc};

    fn rules() -> DebriefRules {
        DebriefRules {
            strongly_inclined: 3.5,
            inclined: 2.75,
            not_inclined: 2.0,
            bar_raiser_veto_below: 2.75,
            min_inclined_share: 0.66,
            max_strongly_not_inclined: 0,
            delivery_rubric: "star-delivery".into(),
            bar_raiser_rubric: "bar-raiser".into(),
            key_principle_below: 2.0,
            strong_data_point: 3,
        }
    }

    #[test]
    fn votes_follow_thresholds() {
        let r = rules();
        assert_eq!(vote(4.0, &r), Vote::StronglyInclined);
        assert_eq!(vote(3.5, &r), Vote::StronglyInclined);
        assert_eq!(vote(3.49, &r), Vote::Inclined);
        assert_eq!(vote(2.75, &r), Vote::Inclined);
        assert_eq!(vote(2.74, &r), Vote::NotInclined);
        assert_eq!(vote(2.0, &r), Vote::NotInclined);
        assert_eq!(vote(1.99, &r), Vote::StronglyNotInclined);
    }

    fn session(scores: &[(bool, u8)]) -> Session {
        let t = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
        let mut s = Session::new("s".into(), SessionKind::Loop, t);
        for (i, (br, score)) in scores.iter().enumerate() {
            s.interviews.push(InterviewRecord {
                interviewer: InterviewerRef {
                    id: format!("i{i}"),
                    bar_raiser: *br,
                    ..Default::default()
                },
                ..Default::default()
            });
            s.answers.push(Answer {
                id: format!("a{i}"),
                question_id: "q".into(),
                question: "q".into(),
                principles: vec!["ownership".into()],
                interviewer_id: None,
                interview_index: i,
                star: Star::default(),
                follow_ups: vec![],
                started_at: t,
                submitted_at: t,
                duration_secs: 60,
                time_limit_secs: 300,
                overtime_secs: 0,
                self_scores: [("ownership/x".to_string(), *score)].into(),
                score_history: vec![],
                analysis: AnalysisRecord::default(),
                story_id: Some(if i < 2 { "st".into() } else { format!("s{i}") }),
                notes: String::new(),
                spoken: false,
            });
        }
        s
    }

    #[test]
    fn bar_raiser_vetoes_an_otherwise_strong_loop() {
        let mut c = crate::content::load_layered(&[]).unwrap();
        c.debrief = Some(rules());
        let d = debrief(
            &session(&[(false, 4), (false, 4), (false, 3), (true, 2)]),
            &c,
        );
        assert!(d.bar_raiser_veto);
        assert!(!d.hire);
        assert_eq!(d.votes[3].vote, Some(Vote::NotInclined));
        assert_eq!(d.reused_stories, vec!["st".to_string()]);
        let d = debrief(
            &session(&[(false, 4), (false, 4), (false, 3), (true, 3)]),
            &c,
        );
        assert!(!d.bar_raiser_veto);
        assert!(d.hire, "{:?}", d.reasons);
    }

    #[test]
    fn the_bar_raisers_own_rubric_decides_the_veto() {
        let c = crate::content::load_layered(&[]).unwrap();
        let rules = c.debrief.clone().unwrap();
        let br = rules.bar_raiser_rubric.clone();
        assert!(
            !br.is_empty(),
            "the built-in pack names its Bar Raiser rubric"
        );
        let mut s = session(&[(false, 4), (false, 4), (false, 4), (true, 4)]);
        // Strong on the LP criteria, weak on scope, ambiguity, bar, long term.
        s.answers[3].self_scores = [
            ("ownership/beyond-scope".to_string(), 4),
            ("ownership/long-term-view".to_string(), 4),
            ("ownership/accountability".to_string(), 4),
            ("star-delivery/data".to_string(), 4),
            ("star-delivery/structure".to_string(), 4),
            ("star-delivery/i-ownership".to_string(), 4),
            ("star-delivery/specificity".to_string(), 4),
            ("star-delivery/concision".to_string(), 4),
            ("star-delivery/lesson".to_string(), 4),
            (format!("{br}/scope"), 1),
            (format!("{br}/ambiguity"), 1),
            (format!("{br}/raises-bar"), 2),
            (format!("{br}/long-term"), 1),
        ]
        .into();
        let d = debrief(&s, &c);
        assert!(d.votes[3].average.unwrap() > rules.bar_raiser_veto_below);
        assert!(d.bar_raiser_veto, "{:?}", d.reasons);
        assert!(!d.hire);
        assert!(
            d.reasons.iter().any(|r| r.contains("judgement (1.25)")),
            "{:?}",
            d.reasons
        );
    }

    #[test]
    fn the_lp_table_shows_the_lp_rubric_and_the_all_criteria_averages() {
        let c = crate::content::load_layered(&[]).unwrap();
        let mut s = session(&[(false, 2), (false, 4)]);
        // Answer 0: LP criteria 2 and 2, delivery 4 → LP 2.0, all 2.67.
        s.answers[0].self_scores = [
            ("ownership/beyond-scope".to_string(), 2),
            ("ownership/accountability".to_string(), 2),
            ("star-delivery/data".to_string(), 4),
        ]
        .into();
        // Answer 1: LP criterion 4 only → LP 4.0, all 4.0.
        s.answers[1].self_scores = [("ownership/long-term-view".to_string(), 4)].into();
        let d = debrief(&s, &c);
        let row = &d.principles[0];
        assert_eq!(row.principle, "ownership");
        assert_eq!(row.answers, 2);
        assert!((row.average.unwrap() - 8.0 / 3.0).abs() < 1e-9, "{row:?}");
        let all = (8.0 / 3.0 + 4.0) / 2.0;
        assert!((row.overall.unwrap() - all).abs() < 1e-9, "{row:?}");
    }

    #[test]
    fn a_strongly_not_inclined_vote_blocks_the_hire() {
        let mut c = crate::content::load_layered(&[]).unwrap();
        c.debrief = Some(rules());
        let d = debrief(
            &session(&[(false, 4), (false, 4), (false, 4), (false, 1), (true, 4)]),
            &c,
        );
        assert!(!d.bar_raiser_veto);
        assert!(!d.hire);
        assert!(
            d.reasons
                .iter()
                .any(|r| r.contains("Strongly Not Inclined"))
        );
    }
}
