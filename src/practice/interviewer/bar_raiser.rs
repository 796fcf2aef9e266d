//! The Bar Raiser works the whole loop: their questions are chosen after
//! the earlier interviews, going back to the Leadership Principle with the
//! weakest evidence so far, without dropping any LP they own.

use crate::content::Content;
use crate::practice::judge::Judge;
use crate::practice::rng::Dice;
use crate::store::Session;
use std::collections::{BTreeMap, HashSet};

/// An LP judged below this average so far is worth going back to.
pub const GO_BACK_BELOW: f64 = 3.0;

/// Why the Bar Raiser's first question changed.
#[derive(Debug, Clone, PartialEq)]
pub struct GoBack {
    pub principle: String,
    /// The judged average of that LP's answers so far.
    pub average: f64,
    /// The question now asked first.
    pub question: String,
}

/// The LP with the weakest judged evidence in the interviews before
/// `interview`, with its average, if one is below [`GO_BACK_BELOW`]. Ties go
/// to the LP asked first.
pub fn weakest_so_far(
    content: &Content,
    session: &Session,
    interview: usize,
) -> Option<(String, f64)> {
    let judge = Judge::new(content);
    let mut by_lp: BTreeMap<&str, (f64, usize, usize)> = BTreeMap::new();
    for (order, a) in session
        .answers
        .iter()
        .enumerate()
        .filter(|(_, a)| a.interview_index < interview)
    {
        let br = session
            .interviews
            .get(a.interview_index)
            .is_some_and(|r| r.interviewer.bar_raiser);
        let Some(avg) = judge.judge_answer(a, br).and_then(|j| j.average) else {
            continue;
        };
        let Some(lp) = a.principles.first() else {
            continue;
        };
        let e = by_lp.entry(lp.as_str()).or_insert((0.0, 0, order));
        e.0 += avg;
        e.1 += 1;
    }
    by_lp
        .into_iter()
        .map(|(lp, (sum, n, first))| (lp, sum / n as f64, first))
        .filter(|(_, avg, _)| *avg < GO_BACK_BELOW)
        .min_by(|a, b| a.1.total_cmp(&b.1).then(a.2.cmp(&b.2)))
        .map(|(lp, avg, _)| (lp.to_string(), avg))
}

/// Puts first a question on the weakest LP so far: a question on it not yet
/// asked in this loop, fitting the loop's roles, drawn with the loop's seed.
/// It replaces a planned question only when that one's LP is not owned or
/// is asked twice; otherwise it is added, so every owned LP is still asked.
/// Changes the session's planned questions and
/// returns why; `None` (nothing changed) when no LP is weak, the Bar Raiser
/// already asks about it, or no fresh question on it is left.
pub fn go_back(
    content: &Content,
    session: &mut Session,
    interview: usize,
    seed: u64,
) -> Option<GoBack> {
    let rec = session.interviews.get(interview)?;
    if !rec.interviewer.bar_raiser || interview == 0 {
        return None;
    }
    let (lp, average) = weakest_so_far(content, session, interview)?;
    let planned = &session.interviews[interview].question_ids;
    if planned
        .iter()
        .filter_map(|id| content.question(id))
        .any(|q| q.primary() == lp)
    {
        return None;
    }
    let used: HashSet<&str> = session
        .interviews
        .iter()
        .flat_map(|r| r.question_ids.iter().map(String::as_str))
        .collect();
    let roles: Vec<String> = session
        .template
        .as_deref()
        .and_then(|t| content.template(t))
        .map(|t| t.roles.clone())
        .unwrap_or_default();
    let pool: Vec<&str> = content
        .questions
        .iter()
        .filter(|q| q.primary() == lp && !used.contains(q.id.as_str()))
        .filter(|q| roles.is_empty() || q.roles.iter().any(|r| roles.contains(r)))
        .map(|q| q.id.as_str())
        .collect();
    let mut dice = Dice::derive(seed, &format!("bar-raiser-go-back:{interview}"));
    let chosen = dice.pick(&pool)?.to_string();
    // Every LP the Bar Raiser owns is still asked: the question going back
    // takes the place of one on an LP they do not own or ask twice, else it
    // comes first and the rest follow.
    let owned = session.interviews[interview].principles.clone();
    let ids = &mut session.interviews[interview].question_ids;
    let lp_of = |id: &String| content.question(id).map(|q| q.primary().to_string());
    let spare = ids.iter().position(|id| {
        let Some(lp) = lp_of(id) else { return true };
        !owned.contains(&lp)
            || ids
                .iter()
                .filter(|x| lp_of(x).as_ref() == Some(&lp))
                .count()
                > 1
    });
    match spare {
        Some(i) => {
            ids.remove(i);
            ids.insert(0, chosen.clone());
        }
        // A shortened interview (fewer questions than owned LPs) cannot
        // cover them all anyway: it keeps its length.
        None if ids.len() < owned.len() => {
            if ids.is_empty() {
                ids.push(chosen.clone());
            } else {
                ids[0] = chosen.clone();
            }
        }
        None => ids.insert(0, chosen.clone()),
    }
    Some(GoBack {
        principle: lp,
        average,
        question: chosen,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::practice::debrief::tests::session;
    use crate::practice::interviewer::probe::{Asking, next_probe};
    use crate::practice::judge::Told;
    use crate::practice::judge::samples::{strong_delivery, strong_ownership, weak_we};
    use crate::store::Star;

    #[test]
    fn the_bar_raiser_goes_back_to_the_weakest_principle_so_far() {
        let c = crate::content::load_layered(&[]).unwrap();
        let weak_q = c
            .questions
            .iter()
            .find(|q| q.primary() == "earn-trust")
            .unwrap();
        let strong_q = c
            .questions
            .iter()
            .find(|q| q.primary() == "deliver-results")
            .unwrap();
        let br_q = c
            .questions
            .iter()
            .find(|q| q.primary() == "are-right-a-lot")
            .unwrap();
        let mut s = session(
            &c,
            &[
                (false, &strong_q.id, strong_delivery(), 3),
                (false, &weak_q.id, weak_we(), 3),
                (true, &br_q.id, Star::default(), 3),
            ],
        );
        // The Bar Raiser has not answered yet: only the plan.
        s.answers.truncate(2);
        for (i, r) in s.interviews.iter_mut().enumerate() {
            r.question_ids = vec![[&strong_q.id, &weak_q.id, &br_q.id][i].clone()];
        }
        let (lp, avg) = weakest_so_far(&c, &s, 2).unwrap();
        assert_eq!(lp, "earn-trust");
        assert!(avg < GO_BACK_BELOW);
        let g = go_back(&c, &mut s, 2, 9).expect("goes back");
        assert_eq!(g.principle, "earn-trust");
        let now = c.question(&s.interviews[2].question_ids[0]).unwrap();
        assert_eq!(now.primary(), "earn-trust");
        assert_ne!(now.id, weak_q.id, "a question not asked yet");
        assert_eq!(g.question, now.id);
        // Deterministic by seed; not for an interviewer who is not the Bar
        // Raiser; nothing to do once the Bar Raiser asks about it already.
        let mut again = s.clone();
        again.interviews[2].question_ids = vec![br_q.id.clone()];
        assert_eq!(go_back(&c, &mut again, 2, 9), Some(g.clone()));
        assert_eq!(go_back(&c, &mut s.clone(), 1, 9), None);
        assert_eq!(go_back(&c, &mut s, 2, 9), None);
    }

    #[test]
    fn going_back_keeps_every_lp_the_bar_raiser_owns() {
        let c = crate::content::load_layered(&[]).unwrap();
        let weak_q = c
            .questions
            .iter()
            .find(|q| q.primary() == "earn-trust")
            .unwrap();
        let owned = ["are-right-a-lot", "think-big"];
        let br_qs: Vec<String> = owned
            .iter()
            .map(|lp| {
                c.questions
                    .iter()
                    .find(|q| q.primary() == *lp)
                    .unwrap()
                    .id
                    .clone()
            })
            .collect();
        let mut s = session(
            &c,
            &[
                (false, &weak_q.id, weak_we(), 3),
                (true, &br_qs[0], Star::default(), 3),
            ],
        );
        s.answers.truncate(1);
        s.interviews[0].question_ids = vec![weak_q.id.clone()];
        s.interviews[1].question_ids = br_qs.clone();
        s.interviews[1].principles = owned.iter().map(|x| x.to_string()).collect();
        let g = go_back(&c, &mut s, 1, 3).expect("goes back");
        assert_eq!(g.principle, "earn-trust");
        let lps: Vec<&str> = s.interviews[1]
            .question_ids
            .iter()
            .map(|id| c.question(id).unwrap().primary())
            .collect();
        assert_eq!(lps[0], "earn-trust");
        for lp in owned {
            assert!(lps.contains(&lp), "{lp} is still asked: {lps:?}");
        }
    }

    #[test]
    fn nothing_weak_so_far_leaves_the_plan_alone() {
        let c = crate::content::load_layered(&[]).unwrap();
        let q = c.question("dr-roadblock-near-deadline").unwrap();
        let br_q = c
            .questions
            .iter()
            .find(|q| q.primary() == "are-right-a-lot")
            .unwrap();
        let mut s = session(
            &c,
            &[
                (false, &q.id, strong_delivery(), 3),
                (true, &br_q.id, Star::default(), 3),
            ],
        );
        s.answers.truncate(1);
        s.interviews[1].question_ids = vec![br_q.id.clone()];
        assert_eq!(go_back(&c, &mut s, 1, 1), None);
        assert_eq!(s.interviews[1].question_ids, vec![br_q.id.clone()]);
    }

    #[test]
    fn the_bar_raiser_asks_for_a_different_story_when_one_is_told_again() {
        let c = crate::content::load_layered(&[]).unwrap();
        let first_q = c.question("dr-roadblock-near-deadline").unwrap();
        let s = session(&c, &[(false, &first_q.id, strong_ownership(), 3)]);
        let earlier = vec![("Daniel Okafor", &s.answers[0])];
        let q = c
            .questions
            .iter()
            .find(|q| q.primary() == "ownership" && q.id != first_q.id)
            .unwrap();
        let br = c.interviewer("bar-raiser-1").unwrap();
        let ask = Asking {
            persona: Some(br),
            bar_raiser: true,
            earlier: earlier.clone(),
            ..Asking::neutral(&c, q)
        };
        // The same story, told in other words around the same facts.
        let mut retold = strong_ownership();
        retold.situation = format!("Back in 2024. {}", retold.situation);
        let j = crate::practice::judge::Judge::new(&c).judge(q, &retold, &[], 300, true);
        let p = next_probe(&ask, &Told::Star(&retold), &[], &j).unwrap();
        assert_eq!(p.signal.as_deref(), Some("reused-story"), "{p:?}");
        assert!(p.text.contains("Daniel Okafor"), "{}", p.text);
        // Asked once only.
        let asked = [crate::store::FollowUp {
            probe: p.text.clone(),
            response: "Fine: a different one. In 2023 I ran a vendor exit for our print fleet."
                .into(),
            signal: p.signal.clone(),
        }];
        let next = next_probe(&ask, &Told::Star(&retold), &asked, &j);
        assert!(next.is_none_or(|n| n.signal.as_deref() != Some("reused-story")));
        // A different story is not called out, nor is a reuse heard by an
        // interviewer who is not the Bar Raiser.
        let other = strong_delivery();
        let j = crate::practice::judge::Judge::new(&c).judge(q, &other, &[], 300, true);
        let p = next_probe(&ask, &Told::Star(&other), &[], &j).unwrap();
        assert_ne!(p.signal.as_deref(), Some("reused-story"));
        let peer = Asking {
            bar_raiser: false,
            persona: c.interviewer("peer-pm-1"),
            ..ask.clone()
        };
        let j = crate::practice::judge::Judge::new(&c).judge(q, &retold, &[], 300, false);
        let p = next_probe(&peer, &Told::Star(&retold), &[], &j).unwrap();
        assert_ne!(p.signal.as_deref(), Some("reused-story"));
    }
}
