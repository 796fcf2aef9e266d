//! "What questions do you have for me?" judged: asking none, or only about
//! perks, is a data point against; asking about the team's problems, its
//! metrics or what the first year looks like is one in favour.

use crate::practice::judge::text::{cut_quote, split_sentences, words};

/// What the candidate's questions for the interviewer showed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Asked {
    /// No questions at all.
    Nothing,
    /// Only pay, perks, leave or hours.
    OnlyPerks { quote: String },
    /// At least one about the work: its problems, metrics, first year.
    AboutTheWork { quote: String },
    /// Questions, but none that shows interest in the work itself.
    Other { quote: String },
}

impl Asked {
    /// Whether it counts for (`Some(true)`) or against (`Some(false)`).
    pub fn counts_for(&self) -> Option<bool> {
        match self {
            Asked::Nothing | Asked::OnlyPerks { .. } => Some(false),
            Asked::AboutTheWork { .. } => Some(true),
            Asked::Other { .. } => None,
        }
    }

    /// The data point as an interviewer would write it.
    pub fn note(&self) -> String {
        match self {
            Asked::Nothing => "Asked me no questions about the team or the role.".into(),
            Asked::OnlyPerks { quote } => {
                format!("Asked only about perks (\"{quote}\"), nothing about the work.")
            }
            Asked::AboutTheWork { quote } => {
                format!("Asked about the work itself: \"{quote}\"")
            }
            Asked::Other { quote } => format!("Asked: \"{quote}\""),
        }
    }
}

const PERKS: &[&str] = &[
    "salary",
    "pay",
    "bonus",
    "perks",
    "perk",
    "benefits",
    "vacation",
    "holiday",
    "holidays",
    "leave",
    "pto",
    "remote",
    "wfh",
    "hours",
    "relocation",
    "rsu",
    "rsus",
    "stock",
    "equity",
    "compensation",
    "promotion",
    "promoted",
    "parking",
    "lunch",
    "gym",
    "401k",
    "overtime",
];

const WORK: &[&str] = &[
    "problem",
    "problems",
    "challenge",
    "challenges",
    "metric",
    "metrics",
    "goal",
    "goals",
    "success",
    "succeed",
    "first",
    "roadmap",
    "customers",
    "customer",
    "priorities",
    "priority",
    "biggest",
    "hardest",
    "measure",
    "measured",
    "okr",
    "okrs",
    "wbr",
    "team's",
    "risk",
    "risks",
    "backlog",
    "launch",
    "program",
    "programs",
    "bar",
    "struggle",
    "fail",
    "failed",
    "working",
    "day",
    "decisions",
    "mechanisms",
    "ownership",
    "scope",
];

/// The candidate's questions, one per sentence or line ("?" or not), at
/// least two words each.
pub fn questions_in(text: &str) -> Vec<&str> {
    text.lines()
        .flat_map(split_sentences)
        .map(str::trim)
        .filter(|s| words(s).len() >= 2)
        .collect()
}

/// Said when the candidate asks about pay or perks: the recruiter's
/// business, not the interviewer's.
pub const PERKS_ANSWER: &str = "That's one for the recruiter: they have the details on pay and benefits, and they'll give you straight answers.";

/// How the persona answers the candidate's questions, briefly: each
/// question (up to three) with the persona's answer whose `about` words it
/// shares most, never the same answer twice; the fallback (no `about`) when
/// none fits; pay and perks sent to the recruiter.
pub fn answers<'a>(who: &'a crate::content::Interviewer, text: &'a str) -> Vec<(&'a str, &'a str)> {
    let mut used: Vec<usize> = Vec::new();
    let mut out = Vec::new();
    for q in questions_in(text).into_iter().take(3) {
        let w = words(q);
        if w.iter().any(|x| PERKS.contains(&x.as_str())) {
            out.push((q, PERKS_ANSWER));
            continue;
        }
        let best = who
            .answers
            .iter()
            .enumerate()
            .filter(|(i, a)| !a.about.is_empty() && !used.contains(i))
            .map(|(i, a)| {
                let hits = a
                    .about
                    .iter()
                    .filter(|x| w.iter().any(|y| y.eq_ignore_ascii_case(x)))
                    .count();
                (i, hits)
            })
            .filter(|(_, hits)| *hits > 0)
            .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))
            .map(|(i, _)| i)
            .or_else(|| {
                who.answers
                    .iter()
                    .position(|a| a.about.is_empty())
                    .filter(|i| !used.contains(i))
            });
        if let Some(i) = best {
            used.push(i);
            out.push((q, who.answers[i].text.as_str()));
        }
    }
    out
}

/// Judges the candidate's questions (one per sentence or line).
pub fn judge_questions(text: &str) -> Asked {
    let asked: Vec<&str> = split_sentences(text)
        .into_iter()
        .filter(|s| words(s).len() >= 2)
        .collect();
    if asked.is_empty() {
        return Asked::Nothing;
    }
    let is_perk = |s: &str| words(s).iter().any(|w| PERKS.contains(&w.as_str()));
    let is_work = |s: &str| {
        let w = words(s);
        w.iter().filter(|w| WORK.contains(&w.as_str())).count() >= 1 && !is_perk(s)
    };
    if let Some(s) = asked.iter().find(|s| is_work(s)) {
        return Asked::AboutTheWork {
            quote: cut_quote(s, 90).to_string(),
        };
    }
    if asked.iter().all(|s| is_perk(s)) {
        return Asked::OnlyPerks {
            quote: cut_quote(asked[0], 90).to_string(),
        };
    }
    Asked::Other {
        quote: cut_quote(asked[0], 90).to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_persona_answers_questions_in_its_own_words() {
        let c = crate::content::load_layered(&[]).unwrap();
        let asked = "What does a typical week look like on the team?\nWhat is the biggest challenge this year?\nWhat is the bonus like?";
        let mut seen = Vec::new();
        for who in &c.interviewers {
            assert!(
                who.answers.iter().any(|a| a.about.is_empty()),
                "{} has a fallback answer",
                who.id
            );
            let got = answers(who, asked);
            assert_eq!(got.len(), 3, "{}: {got:?}", who.id);
            assert_ne!(got[0].1, got[1].1, "{}", who.id);
            assert_eq!(got[2].1, PERKS_ANSWER);
            seen.push(got[1].1);
        }
        let n = seen.len();
        seen.sort();
        seen.dedup();
        assert_eq!(seen.len(), n, "every persona answers differently");
        // A question the persona has no answer written for gets its fallback.
        let hm = c.interviewer("hiring-manager").unwrap();
        let odd = answers(hm, "Where is the nearest train station?");
        assert_eq!(odd.len(), 1);
        assert!(
            hm.answers
                .iter()
                .any(|a| a.about.is_empty() && a.text == odd[0].1)
        );
    }

    #[test]
    fn none_perks_only_and_questions_about_the_work_are_told_apart() {
        assert_eq!(judge_questions(""), Asked::Nothing);
        assert_eq!(judge_questions("  \n "), Asked::Nothing);
        let perks =
            judge_questions("What is the bonus structure? How many vacation days do I get?");
        assert!(matches!(perks, Asked::OnlyPerks { .. }), "{perks:?}");
        assert_eq!(perks.counts_for(), Some(false));
        let work = judge_questions(
            "Is remote work possible? What is the biggest problem the team has this year, and how do you measure success in the first year?",
        );
        assert!(
            matches!(work, Asked::AboutTheWork { ref quote } if quote.contains("biggest problem")),
            "{work:?}"
        );
        assert_eq!(work.counts_for(), Some(true));
        let other = judge_questions("Where is the office? Who would I sit with?");
        assert!(matches!(other, Asked::Other { .. }), "{other:?}");
        assert_eq!(other.counts_for(), None);
        assert!(Asked::Nothing.note().contains("no questions"));
    }
}
