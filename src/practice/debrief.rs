//! The debrief: each interviewer votes on their own judgement of the answers
//! (the judge's levels, with quoted data points), never on the candidate's
//! self-scores, which are shown beside. The Bar Raiser reads the whole loop
//! and can veto. The rules come from content (`DebriefRules`, documented in
//! content/README.md).

use super::ai::{SecondOpinion, VoteBy, with_ai_levels};
use super::judge::feedback::{DataPoint, feedback};
use super::judge::{Judge, Judgement, default_rules, stem, text::words};
use crate::content::Content;
use crate::store::{Answer, Session, Vote, average};
use std::collections::{BTreeMap, HashMap, HashSet};

pub use super::judge::vote;

#[derive(Debug, Clone, PartialEq)]
pub struct InterviewVote {
    pub interview: usize,
    /// The interviewer's own average level over their answers.
    pub average: Option<f64>,
    /// The candidate's self-scores on the same answers, for comparison.
    pub self_average: Option<f64>,
    pub vote: Option<Vote>,
    pub bar_raiser: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PrincipleRow {
    pub principle: String,
    pub answers: usize,
    /// The interviewers' average level on the LP's own rubric.
    pub average: Option<f64>,
    /// The candidate's self-scores on the LP's own rubric.
    pub self_average: Option<f64>,
    /// Whether any answer reached a strong data point on it.
    pub strong: bool,
}

/// One interviewer's written note on one LP they own.
#[derive(Debug, Clone, PartialEq)]
pub struct LpNote {
    pub principle: String,
    pub inclined: bool,
    pub average: Option<f64>,
    pub data_points: Vec<DataPoint>,
    pub concern: Option<String>,
}

/// One interviewer's feedback.
#[derive(Debug, Clone, PartialEq)]
pub struct InterviewNote {
    pub interview: usize,
    pub lps: Vec<LpNote>,
    /// What the candidate's own questions for this interviewer showed (a
    /// loop's interviews only; a drill has no such step).
    pub asked: Option<crate::practice::interviewer::your_questions::Asked>,
    /// Answers left out of this interviewer's vote, and why: a story
    /// already told to another interviewer counts once, for the first.
    pub discounted: Vec<String>,
    /// Replies that dodged even when pressed, quoted: noted as a concern.
    pub dodged: Vec<String>,
}

/// Two answers in different interviews that tell the same story.
#[derive(Debug, Clone, PartialEq)]
pub struct Reuse {
    pub first: usize,
    pub second: usize,
    /// How alike their words are (0–1).
    pub similarity: f64,
    /// The opening of the first telling.
    pub quote: String,
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
    /// Story ids linked to answers in two or more interviews.
    pub reused_stories: Vec<String>,
    /// Answers in different interviews that tell the same story, by their
    /// words (with or without a story link).
    pub reused_answers: Vec<Reuse>,
    pub notes: Vec<InterviewNote>,
    /// What the Bar Raiser saw across the whole loop.
    pub bar_raiser_notes: Vec<String>,
    /// The loop holds a writing exercise not yet written: the decision
    /// waits for it.
    pub writing_pending: bool,
    pub answer_secs: u64,
    pub overtime_secs: u64,
    /// With `[ai] vote = "ai"`: how the model's levels entered the votes.
    pub ai_vote: Option<AiVote>,
}

/// How the model's second opinions entered the votes (`[ai] vote = "ai"`).
#[derive(Debug, Clone, PartialEq)]
pub struct AiVote {
    /// The model(s) whose levels were used, as named in the session.
    pub models: Vec<String>,
    /// Answers voted on the model's levels.
    pub answers: usize,
    /// Answers judged, of which `answers` had a usable opinion.
    pub of: usize,
    /// Levels the rule judge's red flags held back (the model rated higher).
    pub vetoed: usize,
}

/// Answers told in two interviews count as one story from this overlap of
/// their distinctive words (shared ÷ the smaller set).
pub const REUSE_SIMILARITY: f64 = 0.5;

fn distinctive(a: &Answer) -> HashSet<String> {
    distinctive_text(&a.full_text())
}

/// The stems of an answer's longer, non-stop words: what makes two tellings
/// of one story look alike.
pub fn distinctive_words(star: &crate::store::Star) -> HashSet<String> {
    distinctive_text(&star.full_text())
}

fn distinctive_text(text: &str) -> HashSet<String> {
    words(text)
        .into_iter()
        .filter(|w| w.len() >= 4 && !super::judge::is_stop(w))
        .map(|w| stem(&w).to_string())
        .collect()
}

/// The share of the smaller answer's distinctive words the other one uses.
pub fn similarity(a: &Answer, b: &Answer) -> f64 {
    overlap(&distinctive(a), &distinctive(b))
}

pub fn overlap(x: &HashSet<String>, y: &HashSet<String>) -> f64 {
    let small = x.len().min(y.len());
    if small < 12 {
        return 0.0;
    }
    x.intersection(y).count() as f64 / small as f64
}

/// Computes the debrief of a session, voting on the rule judge's levels.
pub fn debrief(session: &Session, content: &Content) -> Debrief {
    debrief_by(session, content, VoteBy::Rule)
}

/// Computes the debrief of a session, voting on the levels `by` says: the
/// rule judge's, or (`VoteBy::Ai`) the model's second opinion on each
/// answer the session keeps one for, the rule judge's red flags vetoing its
/// praise ([`with_ai_levels`]). The feedback notes quote the rule judge's
/// evidence either way.
pub fn debrief_by(session: &Session, content: &Content, by: VoteBy) -> Debrief {
    let judge = Judge::new(content);
    let rules = content.debrief.clone().unwrap_or_else(default_rules);
    let judged: Vec<Option<Judgement>> = session
        .answers
        .iter()
        .map(|a| {
            let br = session
                .interviews
                .get(a.interview_index)
                .is_some_and(|iv| iv.interviewer.bar_raiser);
            judge.judge_answer(a, br)
        })
        .collect();
    // A story told in two interviews counts once: the second telling is
    // left out of its interviewer's vote, unless the Bar Raiser challenged
    // it in the interview and the candidate told a new story, which is
    // judged instead.
    let reused_answers = reuses(session);
    let mut judged = judged;
    let mut discounted: HashMap<usize, String> = HashMap::new();
    for r in &reused_answers {
        let k = r.second;
        let a = &session.answers[k];
        let br = session
            .interviews
            .get(a.interview_index)
            .is_some_and(|iv| iv.interviewer.bar_raiser);
        if let Some(new) = new_story(a) {
            judged[k] = judge.judge_answer(&new, br);
            continue;
        }
        let first = session.answers[r.first].interview_index;
        let who = session
            .interviews
            .get(first)
            .map_or("another interviewer", |iv| iv.interviewer.name.as_str());
        discounted.entry(k).or_insert_with(|| {
            format!(
                "Not counted: the story (\"{}\") was already told to {who}; it counts once, in their note.",
                r.quote
            )
        });
    }
    // The model's levels, where asked to vote on them and an opinion is
    // kept (a new story told after a Bar Raiser's challenge is judged
    // afresh: the opinion was on the first one).
    let mut ai_vote = None;
    if by == VoteBy::Ai {
        let mut v = AiVote {
            models: Vec::new(),
            answers: 0,
            of: judged.iter().filter(|j| j.is_some()).count(),
            vetoed: 0,
        };
        let rejudged: HashSet<usize> = reused_answers
            .iter()
            .filter(|r| new_story(&session.answers[r.second]).is_some())
            .map(|r| r.second)
            .collect();
        for (k, a) in session.answers.iter().enumerate() {
            if rejudged.contains(&k) {
                continue;
            }
            let (Some(j), Some(op)) = (&judged[k], SecondOpinion::saved_for(&session.ai, &a.id))
            else {
                continue;
            };
            if op.criteria.is_empty() {
                continue;
            }
            let (by_ai, vetoed) = with_ai_levels(j, &op, &a.follow_ups, &rules);
            judged[k] = Some(by_ai);
            v.answers += 1;
            v.vetoed += vetoed;
            if !v.models.contains(&op.model) {
                v.models.push(op.model);
            }
        }
        ai_vote = Some(v);
    }
    let answer_level = |k: usize| match &judged[k] {
        Some(j) => j.average,
        None => session.answers[k].average_score(),
    };

    let mut votes = Vec::new();
    let mut notes = Vec::new();
    for (i, iv) in session.interviews.iter().enumerate() {
        let all_mine: Vec<usize> = (0..session.answers.len())
            .filter(|&k| session.answers[k].interview_index == i)
            .collect();
        let mine: Vec<usize> = all_mine
            .iter()
            .copied()
            .filter(|k| !discounted.contains_key(k))
            .collect();
        let avg = mean(mine.iter().filter_map(|&k| answer_level(k)));
        votes.push(InterviewVote {
            interview: i,
            average: avg,
            self_average: average(
                mine.iter()
                    .flat_map(|&k| session.answers[k].self_scores.values()),
            ),
            vote: avg.map(|a| vote(a, &rules)),
            bar_raiser: iv.interviewer.bar_raiser,
        });
        // The note: per LP this interviewer heard about.
        let mut lps: Vec<String> = Vec::new();
        for &k in &mine {
            if let Some(p) = session.answers[k].principles.first()
                && !lps.contains(p)
            {
                lps.push(p.clone());
            }
        }
        let lps = lps
            .into_iter()
            .map(|lp| {
                let on: Vec<&Judgement> = mine
                    .iter()
                    .filter(|&&k| session.answers[k].principles.first() == Some(&lp))
                    .filter_map(|&k| judged[k].as_ref())
                    .collect();
                // The same number as the table by LP: the mean level of the
                // LP's own criteria.
                let avg = average(
                    on.iter()
                        .flat_map(|j| j.criteria.iter())
                        .filter(|c| c.principle)
                        .filter_map(|c| c.level)
                        .collect::<Vec<u8>>()
                        .iter(),
                );
                let mut data_points = Vec::new();
                let mut concern = None;
                for j in &on {
                    let f = feedback(j);
                    for d in f.data_points {
                        if data_points.len() < 3 && !data_points.contains(&d) {
                            data_points.push(d);
                        }
                    }
                    concern = concern.or(f.concern);
                }
                LpNote {
                    inclined: avg.is_some_and(|a| vote(a, &rules).is_inclined()),
                    principle: lp,
                    average: avg,
                    data_points,
                    concern,
                }
            })
            .collect();
        let asked =
            (session.kind == crate::store::SessionKind::Loop && !mine.is_empty()).then(|| {
                crate::practice::interviewer::your_questions::judge_questions(
                    &iv.candidate_questions,
                )
            });
        let dodged: Vec<String> = mine
            .iter()
            .filter_map(|&k| dodged_when_pressed(&session.answers[k]))
            .collect();
        notes.push(InterviewNote {
            interview: i,
            lps,
            asked,
            discounted: all_mine
                .iter()
                .filter_map(|k| discounted.get(k).cloned())
                .collect(),
            dodged,
        });
    }

    // Per LP: the judged levels on the LP's own rubric, answers whose
    // primary LP it is.
    let mut by_lp: BTreeMap<usize, (String, usize, Vec<u8>, Vec<u8>)> = BTreeMap::new();
    for (k, a) in session.answers.iter().enumerate() {
        let Some(lp) = a.principles.first() else {
            continue;
        };
        if discounted.contains_key(&k) {
            continue;
        }
        let order = content
            .principles
            .iter()
            .position(|p| &p.id == lp)
            .unwrap_or(usize::MAX);
        let e = by_lp
            .entry(order)
            .or_insert_with(|| (lp.clone(), 0, Vec::new(), Vec::new()));
        e.1 += 1;
        let rubric = content.principle_rubric(lp).map(|r| r.id.clone());
        if let Some(j) = &judged[k] {
            e.2.extend(
                j.criteria
                    .iter()
                    .filter(|c| c.principle)
                    .filter_map(|c| c.level),
            );
        }
        e.3.extend(a.self_scores.iter().filter_map(|(key, v)| {
            let r = key.split('/').next().unwrap_or("");
            (Some(r.to_string()) == rubric).then_some(*v)
        }));
    }
    let principles: Vec<PrincipleRow> = by_lp
        .into_values()
        .map(|(principle, answers, levels, selfs)| PrincipleRow {
            principle,
            answers,
            average: average(levels.iter()),
            self_average: average(selfs.iter()),
            strong: levels.iter().any(|l| *l >= rules.strong_data_point),
        })
        .collect();

    let mut flag_counts: HashMap<&str, usize> = HashMap::new();
    for (k, a) in session.answers.iter().enumerate() {
        let signals: Vec<String> = match &judged[k] {
            Some(j) => j.signals(),
            None => a.analysis.signals.clone(),
        };
        for s in signals {
            if let Some(known) = crate::content::SIGNALS.iter().find(|(id, _)| *id == s) {
                *flag_counts.entry(known.0).or_default() += 1;
            }
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
    // The Bar Raiser reads the whole loop.
    let mut bar_raiser_notes = Vec::new();
    let name = |i: usize| {
        session.interviews.get(i).map_or_else(
            || format!("interview {}", i + 1),
            |iv| iv.interviewer.name.clone(),
        )
    };
    // The writing exercise, when the loop holds one: its checks and a data
    // point quoted from it.
    if let Some(w) = &session.writing {
        bar_raiser_notes.push(writing_note(w));
    }
    for r in &reused_answers {
        let (a, b) = (&session.answers[r.first], &session.answers[r.second]);
        let counted = if discounted.contains_key(&r.second) {
            format!(
                "; it counts once, and {}'s evidence from it is left out",
                name(b.interview_index)
            )
        } else if new_story(b).is_some() {
            format!(
                "; {} asked for another and judged the new story instead",
                name(b.interview_index)
            )
        } else {
            String::new()
        };
        bar_raiser_notes.push(format!(
            "The same story (\"{}\") was told to {} and to {}{counted}.",
            r.quote,
            name(a.interview_index),
            name(b.interview_index)
        ));
    }
    for p in &principles {
        if p.average.is_some() && !p.strong {
            bar_raiser_notes.push(format!(
                "No strong data point on {}: no criterion reached level {}.",
                content.principle_name(&p.principle),
                rules.strong_data_point
            ));
        }
    }
    let mut below: Vec<String> = Vec::new();
    for c in judged
        .iter()
        .enumerate()
        .filter(|(k, _)| !discounted.contains_key(k))
        .filter_map(|(_, j)| j.as_ref())
        .flat_map(|j| j.criteria.iter())
        .filter(|c| c.principle && c.level == Some(1))
    {
        if !below.contains(&c.name) {
            below.push(c.name.clone());
        }
    }
    if !below.is_empty() {
        // Every one named: the count is the list's length.
        bar_raiser_notes.push(format!(
            "{} {} judged below the bar (level 1): {}.",
            below.len(),
            if below.len() == 1 {
                "criterion"
            } else {
                "criteria"
            },
            below.join(" · ")
        ));
    }

    let cast: Vec<Vote> = votes.iter().filter_map(|v| v.vote).collect();
    // The veto weighs the Bar Raiser's own rubric (scope, ambiguity, raising
    // the bar, long-term judgement) as judged; else their average.
    let br_judgement = |v: &InterviewVote| {
        let own = mean(
            session
                .answers
                .iter()
                .enumerate()
                .filter(|(_, a)| a.interview_index == v.interview)
                .filter_map(|(k, _)| judged[k].as_ref())
                .flat_map(|j| j.criteria.iter())
                .filter(|c| {
                    !rules.bar_raiser_rubric.is_empty() && c.rubric == rules.bar_raiser_rubric
                })
                .filter_map(|c| c.level.map(f64::from)),
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
    // A strong concern: an LP an interviewer owns judged below the line.
    let owned: HashSet<&str> = session
        .interviews
        .iter()
        .flat_map(|iv| iv.principles.iter().map(String::as_str))
        .collect();
    let key_concerns: Vec<&PrincipleRow> = principles
        .iter()
        .filter(|p| owned.is_empty() || owned.contains(p.principle.as_str()))
        .filter(|p| p.average.is_some_and(|a| a < rules.key_principle_below))
        .collect();
    let mut reasons = Vec::new();
    if cast.is_empty() {
        reasons.push("No answer could be judged, so no interviewer could vote.".to_string());
    }
    if let Some(score) = veto_score {
        // The vote the veto overrides, and the evidence it rests on, in one
        // place.
        let br = votes.iter().find(|v| v.bar_raiser);
        let voted = match br.and_then(|v| v.vote.zip(v.average)) {
            Some((v, a)) => format!(
                "The Bar Raiser voted {} ({a:.2} over all their criteria) {} vetoes",
                v.label(),
                if v.is_inclined() { "but" } else { "and" }
            ),
            None => "The Bar Raiser vetoes".to_string(),
        };
        let evidence = br
            .and_then(|v| weakest_bar_raiser_evidence(session, &judged, v.interview, &rules))
            .map(|e| format!(" {e}"))
            .unwrap_or_default();
        reasons.push(format!(
            "{voted}: on the Bar Raiser's own criteria (scope, ambiguity, raising the bar, judgement) they judged {score:.2}, below the veto line of {:.2}.{evidence}",
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
    for p in &key_concerns {
        reasons.push(format!(
            "Strong concern on {}: judged {:.2}, below {:.2}.",
            content.principle_name(&p.principle),
            p.average.unwrap_or(0.0),
            rules.key_principle_below
        ));
    }
    let hire = !cast.is_empty()
        && !bar_raiser_veto
        && share >= rules.min_inclined_share
        && strongly_not as u32 <= rules.max_strongly_not_inclined
        && key_concerns.is_empty();
    if hire {
        reasons.push(format!(
            "{inclined} of {} interviewers inclined, no strong concern and no veto.",
            cast.len()
        ));
    }
    if let Some(v) = &ai_vote {
        reasons.push(ai_vote_note(v));
    }

    let writing_pending = session.kind == crate::store::SessionKind::Loop
        && session.writing.is_none()
        && session
            .template
            .as_deref()
            .and_then(|t| content.template(t))
            .is_some_and(|t| t.writing.is_some());
    if writing_pending {
        reasons.insert(
            0,
            "Pending: the loop's writing exercise is not written yet, and the Bar Raiser reads it before the decision is final.".to_string(),
        );
    }

    Debrief {
        votes,
        bar_raiser_veto,
        hire,
        reasons,
        principles,
        flags,
        reused_stories,
        reused_answers,
        notes,
        bar_raiser_notes,
        writing_pending,
        answer_secs: session.answers.iter().map(|a| a.duration_secs).sum(),
        overtime_secs: session.answers.iter().map(|a| a.overtime_secs).sum(),
        ai_vote,
    }
}

/// What the votes rest on when the config lets the model's levels vote.
pub fn ai_vote_note(v: &AiVote) -> String {
    let who = if v.models.is_empty() {
        "your model".to_string()
    } else {
        format!("AI ({})", v.models.join(", "))
    };
    let mut s = format!(
        "Votes on the levels of {who} for {} of {} judged answers ([ai] vote = \"ai\"); the rest on the interviewer's.",
        v.answers, v.of
    );
    if v.vetoed > 0 {
        s.push_str(&format!(
            " {} the model rated higher held at the interviewer's: a red flag vetoes its praise.",
            if v.vetoed == 1 {
                "1 level".to_string()
            } else {
                format!("{} levels", v.vetoed)
            }
        ));
    }
    s
}

/// Answers in different interviews that tell the same story, by their
/// words or a story link.
fn reuses(session: &Session) -> Vec<Reuse> {
    let mut out = Vec::new();
    // Each answer's words once, not once per pair.
    let words_of: Vec<HashSet<String>> = session.answers.iter().map(distinctive).collect();
    for (x, a) in session.answers.iter().enumerate() {
        for (y, b) in session.answers.iter().enumerate().skip(x + 1) {
            if a.interview_index == b.interview_index {
                continue;
            }
            let linked = a.story_id.is_some() && a.story_id == b.story_id;
            let sim = overlap(&words_of[x], &words_of[y]);
            if linked || sim >= REUSE_SIMILARITY {
                out.push(Reuse {
                    first: x,
                    second: y,
                    similarity: sim,
                    quote: super::judge::text::split_sentences(&a.full_text())
                        .first()
                        .map(|s| super::judge::text::cut_quote(s, 80).to_string())
                        .unwrap_or_default(),
                });
            }
        }
    }
    out
}

/// The new story told after the Bar Raiser asked for another one (the
/// reply to a `reused-story` probe, when it is a story and not a dodge),
/// as an answer of its own: its first sentence the situation, its last the
/// result, the rest the action, with the follow-ups asked after it.
pub fn new_story(a: &Answer) -> Option<Answer> {
    let at = a
        .follow_ups
        .iter()
        .position(|f| f.signal.as_deref() == Some("reused-story"))?;
    let reply = &a.follow_ups[at].response;
    if super::judge::signals::dodges(reply).is_some() || words(reply).len() < 25 {
        return None;
    }
    let sentences = super::judge::text::split_sentences(reply);
    let n = sentences.len();
    let mut new = a.clone();
    new.star = crate::store::Star {
        situation: sentences.first().map_or(String::new(), |s| s.to_string()),
        task: String::new(),
        action: if n > 2 {
            sentences[1..n - 1].join(" ")
        } else {
            String::new()
        },
        result: if n > 1 {
            sentences[n - 1].to_string()
        } else {
            String::new()
        },
    };
    new.parts = Vec::new();
    new.follow_ups = a.follow_ups[at + 1..].to_vec();
    new.judged = None;
    Some(new)
}

/// A reply that dodged a press too: "asked …, pressed …, replied …".
fn dodged_when_pressed(a: &Answer) -> Option<String> {
    a.follow_ups.windows(2).find_map(|w| {
        let (asked, press) = (&w[0], &w[1]);
        (press.signal.as_deref() == Some("non-answer")
            && super::judge::signals::dodges(&asked.response).is_some()
            && super::judge::signals::dodges(&press.response).is_some())
        .then(|| {
            format!(
                "Did not answer \"{}\", nor when pressed (\"{}\"): \"{}\".",
                asked.probe.trim(),
                press.probe.trim(),
                super::judge::text::cut_quote(press.response.trim(), 60)
            )
        })
    })
}

/// The Bar Raiser's weakest criterion of their own rubric, with the quote
/// it rests on: the loop's evidence behind a veto.
fn weakest_bar_raiser_evidence(
    session: &Session,
    judged: &[Option<Judgement>],
    interview: usize,
    rules: &crate::content::DebriefRules,
) -> Option<String> {
    let c = session
        .answers
        .iter()
        .enumerate()
        .filter(|(_, a)| a.interview_index == interview)
        .filter_map(|(k, _)| judged[k].as_ref())
        .flat_map(|j| j.criteria.iter())
        .filter(|c| !rules.bar_raiser_rubric.is_empty() && c.rubric == rules.bar_raiser_rubric)
        .filter(|c| c.level.is_some())
        .min_by_key(|c| c.level)?;
    let level = c.level?;
    let quote = c.evidence.iter().find(|e| !e.quote.is_empty());
    Some(match quote {
        Some(e) => format!(
            "Weakest: {} at level {level}, on \"{}\" ({}).",
            c.name,
            super::judge::text::cut_quote(&e.quote, 100),
            e.reason
        ),
        None => match c.evidence.first() {
            Some(e) => format!("Weakest: {} at level {level} ({}).", c.name, e.reason),
            None => format!("Weakest: {} at level {level}.", c.name),
        },
    })
}

/// What the Bar Raiser says of the loop's writing: how many of its checks
/// passed, then its substance as a reader judges it, quoted: the reasoning
/// it rests on (or that none is backed by data), and what it never does
/// (weigh a trade-off, name the customer, say what happens next).
pub fn writing_note(w: &crate::store::WritingRecord) -> String {
    let parsed: Vec<(&str, bool, String)> = w
        .checks
        .iter()
        .filter_map(|c| super::writing::parse_summary(c))
        .collect();
    let passed = parsed.iter().filter(|c| c.1).count();
    let failed: Vec<&str> = parsed.iter().filter(|c| !c.1).map(|c| c.0).collect();
    let found = super::writing::substance(&w.text);
    let mut note = format!(
        "The writing (\"{}\") passed {passed} of {} checks",
        w.title,
        parsed.len()
    );
    if !failed.is_empty() {
        note.push_str(&format!("; it fell short on {}", failed.join(", ")));
    }
    let quote_of = |aspect: &str| {
        found
            .iter()
            .find(|x| x.aspect == aspect)
            .and_then(|x| x.quote.clone())
    };
    match quote_of("reasoning backed by data") {
        Some(q) => note.push_str(&format!(". Its reasoning: \"{q}\"")),
        None => note.push_str(". No reason in it is backed by a number"),
    }
    if let Some(q) = quote_of("trade-offs and what did not work") {
        note.push_str(&format!(". It weighs: \"{q}\""));
    }
    let missing: Vec<&str> = found
        .iter()
        .filter(|x| x.quote.is_none() && x.aspect != "reasoning backed by data")
        .map(|x| x.aspect)
        .collect();
    if !missing.is_empty() {
        note.push_str(&format!(". Missing: {}", missing.join(", ")));
    }
    note.push('.');
    note
}

fn mean(v: impl Iterator<Item = f64>) -> Option<f64> {
    let (n, s) = v.fold((0usize, 0.0), |(n, s), x| (n + 1, s + x));
    (n > 0).then(|| s / n as f64)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::practice::judge::samples::*;
    use crate::store::*;
    use chrono::{TimeZone, Utc};

    /// A loop of interviews, one answer each: (bar raiser, question, answer,
    /// self-score on every criterion).
    pub(crate) fn session(c: &Content, rows: &[(bool, &str, Star, u8)]) -> Session {
        let t = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
        let mut s = Session::new("s".into(), SessionKind::Loop, t);
        for (i, (br, qid, star, score)) in rows.iter().enumerate() {
            let q = c.question(qid).unwrap();
            s.interviews.push(InterviewRecord {
                interviewer: InterviewerRef {
                    id: format!("i{i}"),
                    name: format!("Interviewer {i}"),
                    bar_raiser: *br,
                    ..Default::default()
                },
                principles: vec![q.primary().to_string()],
                ..Default::default()
            });
            let mut scores = BTreeMap::new();
            for r in [c.principle_rubric(q.primary()), c.delivery_rubric()]
                .into_iter()
                .flatten()
            {
                for cr in &r.criteria {
                    scores.insert(r.score_key(cr), *score);
                }
            }
            s.answers.push(Answer {
                id: format!("a{i}"),
                question_id: q.id.clone(),
                question: q.text.clone(),
                principles: q.principles.clone(),
                interviewer_id: None,
                interview_index: i,
                star: star.clone(),
                parts: Vec::new(),
                part_names: Vec::new(),
                follow_ups: vec![],
                started_at: t,
                submitted_at: t,
                duration_secs: 60,
                time_limit_secs: 300,
                overtime_secs: 0,
                self_scores: scores,
                score_history: vec![],
                analysis: AnalysisRecord::default(),
                story_id: None,
                notes: String::new(),
                spoken: false,
                judged: None,
                summary_only: false,
            });
        }
        s
    }

    #[test]
    fn the_bar_raiser_cites_the_writing_with_a_quoted_data_point() {
        let c = crate::content::load_layered(&[]).unwrap();
        let mut s = session(
            &c,
            &[(true, "dr-roadblock-near-deadline", strong_delivery(), 3)],
        );
        s.writing = Some(crate::store::WritingRecord {
            prompt_id: "wr-own-invention-narrative".into(),
            title: "Narrative: an invention".into(),
            text: "Site technicians lost a week per rack. I built a scan gate. Defects fell from 23% to 4% in two quarters because every rack was scanned before it shipped.".into(),
            duration_secs: 100,
            time_limit_secs: 3600,
            checks: vec![
                "has-metric: pass — 3 numbers".into(),
                "no-bullets-only: fail — 40 % of text lines are bullets".into(),
            ],
        });
        let d = debrief(&s, &c);
        let note = d
            .bar_raiser_notes
            .iter()
            .find(|n| n.contains("writing"))
            .expect("the Bar Raiser reads the writing");
        assert!(note.contains("passed 1 of 2"), "{note}");
        assert!(note.contains("prose, not bullets"), "{note}");
        // The data point comes from the reading, not the first number.
        assert!(
            note.contains("Its reasoning: \"Defects fell from 23% to 4% in two quarters because"),
            "{note}"
        );
        assert!(note.contains("Missing: "), "{note}");
        assert!(note.contains("what happens next"), "{note}");
    }

    #[test]
    fn votes_follow_thresholds() {
        let r = default_rules();
        assert_eq!(vote(4.0, &r), Vote::StronglyInclined);
        assert_eq!(vote(3.85, &r), Vote::StronglyInclined);
        assert_eq!(vote(3.84, &r), Vote::Inclined);
        assert_eq!(vote(3.5, &r), Vote::Inclined);
        assert_eq!(vote(2.75, &r), Vote::Inclined);
        assert_eq!(vote(2.74, &r), Vote::NotInclined);
        assert_eq!(vote(2.0, &r), Vote::NotInclined);
        assert_eq!(vote(1.99, &r), Vote::StronglyNotInclined);
    }

    #[test]
    fn padded_self_scores_do_not_win_the_debrief() {
        let c = crate::content::load_layered(&[]).unwrap();
        // Three weak stories, each its own (a story told twice counts once).
        let depot = star(
            "The depot had trouble with conveyor scanners dropping parcels during peak season.",
            "We had to sort out the scanners.",
            "We looked into it, we talked with maintenance, we helped the supervisors and we kept meeting about the belts until things calmed down.",
            "Things got better and the depot was fine after a while.",
        );
        let routing = star(
            "Our call centre routing kept sending billing callers into the wrong queue.",
            "We wanted routing fixed.",
            "We reviewed the menus, we worked with telephony, we supported the agents and we discussed options in several workshops.",
            "Routing improved and agents were pleased.",
        );
        let s = session(
            &c,
            &[
                (false, "own-gap-between-two-teams", weak_we(), 4),
                (false, "dr-roadblock-near-deadline", depot, 4),
                (true, "dr-result-proud-of", routing, 4),
            ],
        );
        let d = debrief(&s, &c);
        assert!(!d.hire, "{:?}", d.reasons);
        for v in &d.votes {
            assert_eq!(v.self_average, Some(4.0));
            assert!(!v.vote.unwrap().is_inclined(), "{v:?}");
        }
        assert!(d.bar_raiser_veto, "{:?}", d.reasons);
        assert!(
            d.reasons
                .iter()
                .any(|r| r.contains("Strong concern on Ownership")),
            "{:?}",
            d.reasons
        );
        // Each note quotes the answer.
        let note = &d.notes[0].lps[0];
        assert!(!note.inclined);
        assert!(
            note.data_points
                .iter()
                .any(|p| !p.quote.is_empty() && weak_we().full_text().contains(&p.quote)),
            "{note:?}"
        );
        assert!(note.concern.is_some());
    }

    #[test]
    fn strong_answers_hire_with_quoted_data_points_even_when_self_scored_low() {
        let c = crate::content::load_layered(&[]).unwrap();
        let s = session(
            &c,
            &[
                (false, "own-gap-between-two-teams", strong_ownership(), 2),
                (true, "dr-roadblock-near-deadline", strong_delivery(), 2),
            ],
        );
        let d = debrief(&s, &c);
        assert!(d.hire, "{:?}", d.reasons);
        assert!(!d.bar_raiser_veto);
        assert!(d.votes.iter().all(|v| v.vote.unwrap().is_inclined()));
        let note = &d.notes[1].lps[0];
        assert!(note.inclined);
        assert!(
            note.data_points
                .iter()
                .any(|p| p.effect == crate::practice::judge::Effect::Plus
                    && strong_delivery().full_text().contains(&p.quote)
                    && !p.quote.is_empty()),
            "{note:?}"
        );
        assert!(d.principles.iter().all(|p| p.strong), "{:?}", d.principles);
    }

    #[test]
    fn the_bar_raiser_notices_a_story_told_twice_without_a_link() {
        let c = crate::content::load_layered(&[]).unwrap();
        let mut retold = strong_delivery();
        // The same story, told again in other words at the start.
        retold.situation = format!(
            "Let me tell you about the EU returns portal. {}",
            retold.situation
        );
        let s = session(
            &c,
            &[
                (false, "dr-roadblock-near-deadline", strong_delivery(), 3),
                (false, "own-gap-between-two-teams", strong_ownership(), 3),
                (true, "dr-result-proud-of", retold, 3),
            ],
        );
        let d = debrief(&s, &c);
        assert_eq!(d.reused_answers.len(), 1, "{:?}", d.reused_answers);
        assert_eq!(
            (d.reused_answers[0].first, d.reused_answers[0].second),
            (0, 2)
        );
        assert!(
            d.bar_raiser_notes
                .iter()
                .any(|n| n.contains("Interviewer 0") && n.contains("Interviewer 2")),
            "{:?}",
            d.bar_raiser_notes
        );
        // Different stories are not taken for one.
        assert!(similarity(&s.answers[0], &s.answers[1]) < REUSE_SIMILARITY);
        // Told twice, counted once: the Bar Raiser's vote has nothing of
        // its own to stand on, their note says why, and the LP table
        // counts the story once.
        assert_eq!(d.votes[2].average, None, "{:?}", d.votes[2]);
        assert!(
            d.notes[2].discounted[0].contains("already told to Interviewer 0"),
            "{:?}",
            d.notes[2].discounted
        );
        assert!(
            d.bar_raiser_notes
                .iter()
                .any(|n| n.contains("counts once") && n.contains("left out")),
            "{:?}",
            d.bar_raiser_notes
        );
        let dr = d
            .principles
            .iter()
            .find(|p| p.principle == "deliver-results")
            .unwrap();
        assert_eq!(dr.answers, 1, "{dr:?}");
    }

    #[test]
    fn a_retold_story_the_bar_raiser_challenged_is_judged_by_the_new_story() {
        let c = crate::content::load_layered(&[]).unwrap();
        let mut s = session(
            &c,
            &[
                (false, "dr-roadblock-near-deadline", strong_delivery(), 3),
                (true, "dr-result-proud-of", strong_delivery(), 3),
            ],
        );
        s.answers[1].follow_ups.push(FollowUp {
            probe: "You told Interviewer 0 about this one earlier today. Give me a different example, from another program if you can.".into(),
            response: "We had a print fleet costing too much. I wrote the exit plan for 40 sites and ran the vendor selection myself, with a weekly review I chaired. I moved all 40 sites in 6 weeks and cut the cost by 18 percent.".into(),
            signal: Some("reused-story".into()),
        });
        let d = debrief(&s, &c);
        assert!(d.notes[1].discounted.is_empty(), "{:?}", d.notes[1]);
        assert!(d.votes[1].average.is_some());
        assert!(
            d.bar_raiser_notes
                .iter()
                .any(|n| n.contains("judged the new story instead")),
            "{:?}",
            d.bar_raiser_notes
        );
        let new = new_story(&s.answers[1]).unwrap();
        assert!(new.star.result.contains("18 percent"), "{:?}", new.star);
    }

    #[test]
    fn a_veto_is_explained_with_the_vote_it_overrides() {
        let c = crate::content::load_layered(&[]).unwrap();
        let s = session(
            &c,
            &[
                (false, "own-gap-between-two-teams", strong_ownership(), 3),
                (true, "dr-result-proud-of", weak_we(), 3),
            ],
        );
        let d = debrief(&s, &c);
        assert!(d.bar_raiser_veto, "{:?}", d.reasons);
        {
            let r = d
                .reasons
                .iter()
                .find(|r| r.contains("vetoes"))
                .expect("the veto's reason");
            assert!(
                r.contains("voted") && r.contains("over all their criteria"),
                "{r}"
            );
            assert!(r.contains("Weakest:"), "{r}");
        }
        // One number per LP: the note and the table agree.
        for n in &d.notes {
            for lp in &n.lps {
                let row = d
                    .principles
                    .iter()
                    .find(|p| p.principle == lp.principle)
                    .unwrap();
                assert_eq!(lp.average, row.average, "{}", lp.principle);
            }
        }
    }

    #[test]
    fn an_answer_given_aloud_falls_back_to_its_self_score() {
        let c = crate::content::load_layered(&[]).unwrap();
        let mut s = session(
            &c,
            &[(false, "own-gap-between-two-teams", Star::default(), 3)],
        );
        s.answers[0].spoken = true;
        let d = debrief(&s, &c);
        assert_eq!(d.votes[0].average, Some(3.0));
    }

    /// The model's second opinion on answer `k`: `level` on every criterion
    /// the rule judge lists, as a session keeps it.
    fn opinion_line(c: &Content, s: &Session, k: usize, level: u8) -> AiLine {
        let a = &s.answers[k];
        let br = s.interviews[a.interview_index].interviewer.bar_raiser;
        let j = Judge::new(c).judge_answer(a, br).unwrap();
        let criteria: Vec<serde_json::Value> = j
            .criteria
            .iter()
            .map(|cr| serde_json::json!({"id": cr.key, "level": level, "evidence": []}))
            .collect();
        AiLine {
            answer_id: a.id.clone(),
            kind: "second-opinion".into(),
            source: "ai".into(),
            model: "tiny-model".into(),
            follow_up: None,
            text: None,
            opinion: Some(serde_json::json!({
                "source": "ai", "model": "tiny-model", "criteria": criteria,
                "next_probe": null, "errors": []
            })),
        }
    }

    #[test]
    fn the_vote_stays_the_rule_judges_unless_the_config_says_ai() {
        let c = crate::content::load_layered(&[]).unwrap();
        let mut s = session(
            &c,
            &[
                // Weak on the rules (all "we", thin actions) but with a
                // number and a date each, so not thin in every way: a
                // model's levels can lift them.
                (
                    false,
                    "own-gap-between-two-teams",
                    star(
                        "In 2023 our team was working on a big migration project for a customer and we had a lot going on.",
                        "We needed to get the migration done.",
                        "We planned it out, we helped the vendor, we worked on the cutover together with our partners and we had regular meetings to keep everything on track.",
                        "We finished the migration of 40 applications and everyone was happy with our work overall.",
                    ),
                    2,
                ),
                (
                    true,
                    "dr-roadblock-near-deadline",
                    star(
                        "In November the depot had trouble with conveyor scanners dropping parcels during peak season.",
                        "We had to sort out the scanners.",
                        "We looked into it, we talked with maintenance, we helped the supervisors and we kept meeting about the belts until things calmed down.",
                        "Things got better and dropped parcels fell to 2 a day.",
                    ),
                    2,
                ),
            ],
        );
        let before = debrief(&s, &c);
        assert!(!before.hire);
        for k in 0..2 {
            let l = opinion_line(&c, &s, k, 4);
            s.ai.push(l);
        }
        // The model's praise is kept in the session, but by default the
        // debrief does not vote on it.
        let rule = debrief(&s, &c);
        assert_eq!(rule, before);
        assert_eq!(debrief_by(&s, &c, VoteBy::Rule), before);
        assert!(rule.ai_vote.is_none());
        let ai = debrief_by(&s, &c, VoteBy::Ai);
        for (v, r) in ai.votes.iter().zip(&rule.votes) {
            assert!(v.average > r.average, "{v:?} vs {r:?}");
            assert!(v.vote.unwrap().is_inclined(), "{v:?}");
        }
        assert!(ai.hire, "{:?}", ai.reasons);
        let v = ai.ai_vote.as_ref().unwrap();
        assert_eq!((v.answers, v.of, v.vetoed), (2, 2, 0));
        assert_eq!(v.models, ["tiny-model"]);
        assert!(
            ai.reasons
                .iter()
                .any(|r| r.contains("AI (tiny-model) for 2 of 2")),
            "{:?}",
            ai.reasons
        );
    }

    #[test]
    fn a_red_flag_vetoes_the_models_praise_in_the_vote() {
        let c = crate::content::load_layered(&[]).unwrap();
        let mut blamed = weak_we();
        blamed.result = "The delay was their fault: the vendor team was careless and kept making excuses for it.".into();
        let mut s = session(&c, &[(false, "own-gap-between-two-teams", blamed, 2)]);
        let j = Judge::new(&c).judge_answer(&s.answers[0], false).unwrap();
        assert_eq!(
            crate::practice::ai::red_flag(&j),
            Some("blame"),
            "{:?}",
            j.signals()
        );
        let rule = debrief(&s, &c);
        // Praise on every criterion: the answer is not raised.
        s.ai.push(opinion_line(&c, &s, 0, 4));
        let ai = debrief_by(&s, &c, VoteBy::Ai);
        assert_eq!(ai.votes[0].average, rule.votes[0].average);
        assert_eq!(ai.votes[0].vote, rule.votes[0].vote);
        assert_eq!(ai.principles, rule.principles);
        let v = ai.ai_vote.as_ref().unwrap();
        assert_eq!(v.answers, 1);
        assert!(v.vetoed > 0, "{v:?}");
        assert!(
            ai.reasons
                .iter()
                .any(|r| r.contains("a red flag vetoes its praise")),
            "{:?}",
            ai.reasons
        );
        // Without a red flag the model's levels move the vote both ways,
        // and the latest opinion kept on an answer is the one voted on.
        let mut s = session(
            &c,
            &[(false, "own-gap-between-two-teams", strong_ownership(), 2)],
        );
        let rule = debrief(&s, &c);
        s.ai.push(opinion_line(&c, &s, 0, 4));
        s.ai.push(opinion_line(&c, &s, 0, 2));
        let low = debrief_by(&s, &c, VoteBy::Ai);
        assert!(
            low.votes[0].average < rule.votes[0].average,
            "{:?} vs {:?}",
            low.votes[0],
            rule.votes[0]
        );
        assert_eq!(low.ai_vote.as_ref().map(|v| v.vetoed), Some(0));
    }

    #[test]
    fn answers_without_a_usable_opinion_keep_the_rule_judges_levels() {
        let c = crate::content::load_layered(&[]).unwrap();
        let mut s = session(&c, &[(false, "own-gap-between-two-teams", weak_we(), 2)]);
        let rule = debrief(&s, &c);
        // A failed call keeps no criteria; an unreadable one is skipped.
        let mut failed = opinion_line(&c, &s, 0, 4);
        failed.opinion =
            Some(serde_json::json!({"criteria": [], "errors": ["no reply within 20 s"]}));
        s.ai.push(failed);
        let mut bad = opinion_line(&c, &s, 0, 4);
        bad.opinion = Some(serde_json::json!("not an opinion"));
        s.ai.push(bad);
        let ai = debrief_by(&s, &c, VoteBy::Ai);
        assert_eq!(ai.votes, rule.votes);
        assert_eq!(ai.ai_vote.as_ref().map(|v| (v.answers, v.of)), Some((0, 1)));
    }
}
