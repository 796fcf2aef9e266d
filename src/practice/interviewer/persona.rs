//! What a persona says: its opening, transitions, time checks, closing and
//! the invitation to ask questions, and how it reacts to the answer just
//! heard (never praise after a weak one).

use crate::content::{Content, Interviewer};
use crate::practice::rng::Dice;

/// Which line of a persona to say.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineKind {
    Opening,
    Transition,
    TimeCheck,
    YourQuestions,
    Closing,
}

/// A persona's line, picked by seed and position, with placeholders filled:
/// `{principle}` (the LP of the question that follows) and `{meeting}` (how
/// the interview's length is named: "the hour" at a loop, "these thirty
/// minutes" at a phone screen).
pub fn line(
    content: &Content,
    who: &Interviewer,
    kind: LineKind,
    seed: u64,
    position: usize,
    principle: Option<&str>,
    meeting: &str,
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
        .replace("{meeting}", meeting)
}

/// An answer judged at or above this average draws an `after_strong` line.
pub const STRONG_REACTION: f64 = 3.0;
/// An answer judged below this draws an `after_weak` line.
pub const WEAK_REACTION: f64 = 2.5;

/// How the persona reacts to the answer just heard, from the interviewer's
/// judged average: a strong answer may earn a short acknowledgement, a weak
/// one a neutral or probing remark, and a middling one nothing.
pub fn reaction(
    who: &Interviewer,
    average: Option<f64>,
    story: bool,
    seed: u64,
    position: usize,
) -> Option<String> {
    let avg = average?;
    let list = if avg >= STRONG_REACTION {
        &who.probing.after_strong
    } else if avg < WEAK_REACTION {
        &who.probing.after_weak
    } else {
        return None;
    };
    let fits: Vec<&String> = list.iter().filter(|l| fits_answer(l, story)).collect();
    let mut dice = Dice::derive(seed, &format!("{}:reaction:{position}", who.id));
    dice.pick(&fits).map(|l| (*l).clone())
}

/// Words that make a reaction about a plan or a design ("that's a real
/// plan"), or about a past story ("that happened"): said only after an
/// answer of that kind.
const ABOUT_A_PLAN: &[&str] = &["plan", "design", "approach", "proposal", "architecture"];
const ABOUT_A_STORY: &[&str] = &["story", "happened", "example", "launch", "ran"];

/// Whether a reaction fits the answer just heard (`story`: told in STAR).
pub fn fits_answer(line: &str, story: bool) -> bool {
    let w = crate::practice::judge::text::words(line);
    let about = |list: &[&str]| w.iter().any(|x| list.contains(&x.as_str()));
    if story {
        !about(ABOUT_A_PLAN)
    } else {
        !about(ABOUT_A_STORY)
    }
}

/// Words that praise: never in a line said after a weak answer, nor in a
/// line said whatever the answer was (transitions, time checks).
pub const PRAISE: &[&str] = &[
    "good",
    "great",
    "nice",
    "excellent",
    "love",
    "perfect",
    "impressive",
    "brilliant",
    "fantastic",
    "awesome",
    "wonderful",
    "solid",
    "strong",
];

/// Whether a line praises the answer.
pub fn praises(line: &str) -> bool {
    crate::practice::judge::text::words(line)
        .iter()
        .any(|w| PRAISE.contains(&w.as_str()))
}
