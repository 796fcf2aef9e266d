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
