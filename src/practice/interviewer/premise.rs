//! What a follow-up takes for granted about the answer, and what it asks
//! that the answer may already have said.
//!
//! A probe's premise (`needs`) is declared in content, or read from its
//! words when they take something for granted ("when it slipped…" needs a
//! setback, "what did they say?" needs another person). A premise is a seek
//! id (held when the judge finds evidence of it in what was said) or one of
//! `content::PREMISES`. A probe is asked only when every premise holds.
//!
//! Besides its `seeks`, a probe may ask about something a plan names in
//! plain words ("your first week", "who do you meet"): when the answer
//! already says it, the gap is filled and the probe is not asked.

use crate::practice::judge::cues;
use crate::practice::judge::seeks::{self, Memo};
use crate::practice::judge::text::{Said, within_number, words};

/// Phrases in a probe's text that take a premise for granted (read after a
/// story only: a scenario's probes refer to the scenario's own facts).
const PRESUMES: &[(&str, &[&str])] = &[
    (
        "setback",
        &[
            "the slip",
            "it slipped",
            "it slipping",
            "plan slipped",
            "when it slipped",
            "see it slipping",
            "the delay",
            "that delay",
            "the failure",
            "that failure",
            "the setback",
            "that setback",
            "the outage",
            "went wrong",
            "was in trouble",
            "when it broke",
            "the miss",
            "you recovered",
        ],
    ),
    (
        "number",
        &[
            "that number",
            "that figure",
            "those numbers",
            "that estimate",
            "that metric",
            "that percentage",
        ],
    ),
    (
        "disagreement",
        &["went against you", "lost the argument", "overruled"],
    ),
    (
        "escalation",
        &["the escalation", "when it escalated", "you escalated"],
    ),
];

/// Pronouns for someone other than the candidate.
const OTHERS: &[&str] = &["they", "them", "their", "he", "she", "him", "her", "his"];

/// Words with which a probe asks who the other person is (so it does not
/// take one for granted).
const ASKS_WHO: &[&str] = &[
    "who",
    "whom",
    "whose",
    "anyone",
    "someone",
    "somebody",
    "which",
    "people",
    "person",
    "team",
    "teams",
    "customer",
    "customers",
    "stakeholder",
    "stakeholders",
];

/// Words that name someone other than the speaker.
const SOMEONE: &[&str] = &[
    "he",
    "she",
    "him",
    "her",
    "his",
    "they",
    "them",
    "their",
    "team",
    "teams",
    "manager",
    "director",
    "vp",
    "gm",
    "cto",
    "ceo",
    "cfo",
    "architect",
    "lead",
    "leads",
    "vendor",
    "supplier",
    "customer",
    "customers",
    "client",
    "sponsor",
    "owner",
    "stakeholder",
    "stakeholders",
    "partner",
    "contractor",
    "engineer",
    "engineers",
    "scientist",
    "scientists",
    "colleague",
    "colleagues",
    "peer",
    "peers",
    "boss",
    "executive",
    "finance",
    "legal",
    "security",
    "ops",
    "operations",
    "counterpart",
    "reports",
];

const VENDORS: &[&str] = &[
    "vendor",
    "vendors",
    "supplier",
    "suppliers",
    "contractor",
    "contractors",
    "subcontractor",
    "subcontractors",
    "partner",
    "partners",
    "gc",
    "oem",
];

/// The premises of a probe: those it declares and those its words take for
/// granted (`story`: it follows a story, not a scenario or design; `signal`:
/// a probe written for a signal has that signal as its premise).
pub fn needs_of(text: &str, declared: &[String], story: bool, signal: bool) -> Vec<String> {
    let mut out: Vec<String> = declared.to_vec();
    if !story || signal {
        return out;
    }
    let lower = text.to_lowercase();
    for (premise, phrases) in PRESUMES {
        if phrases.iter().any(|p| lower.contains(p)) && !out.iter().any(|x| x == premise) {
            out.push((*premise).to_string());
        }
    }
    let w = words(text);
    if w.iter().any(|x| OTHERS.contains(&x.as_str()))
        && !w.iter().any(|x| ASKS_WHO.contains(&x.as_str()))
        && !text.contains('{')
        && !out.iter().any(|x| x == "someone-else")
    {
        out.push("someone-else".into());
    }
    out
}

/// Whether `premise` holds in what was said.
pub fn holds(premise: &str, said: &Said, memo: &Memo) -> bool {
    let any_word = |f: &dyn Fn(&str) -> bool| {
        said.sentences
            .iter()
            .any(|s| s.words.iter().any(|w| f(w.as_str())))
    };
    match premise {
        "someone-else" => any_word(&|w| SOMEONE.contains(&w)),
        "number" => said.sentences.iter().any(|s| s.has_number),
        "escalation" => any_word(&|w| w.starts_with("escalat")),
        "vendor" => any_word(&|w| VENDORS.contains(&w)),
        id => seeks::seek(id).is_some_and(|sk| !memo.evidence(sk).is_empty()),
    }
}

/// Things a probe asks in plain words, and how an answer says them already:
/// (phrases in the probe, phrases in the answer).
const ASKED: &[(&[&str], &[&str])] = &[
    (
        &["first week", "week one"],
        &[
            "first week",
            "week one",
            "week 1",
            "first five days",
            "first 5 days",
            "day one",
            "day 1",
            "first day",
            "by friday",
        ],
    ),
    (
        &["first day", "day one"],
        &[
            "first day",
            "day one",
            "day 1",
            "monday morning",
            "that morning",
        ],
    ),
    (
        &["first 30 days", "first thirty days", "first month"],
        &[
            "first 30 days",
            "first thirty days",
            "first month",
            "30 days",
            "thirty days",
            "first four weeks",
        ],
    ),
    (
        &[
            "who do you meet",
            "who would you meet",
            "who do you talk to",
            "who would you talk to",
            "who do you call",
            "who would you call",
        ],
        &[
            "i meet",
            "i'd meet",
            "i would meet",
            "meet with",
            "meeting with",
            "sit down with",
            "talk to",
            "i call",
            "i'd call",
            "i would call",
            "1:1",
            "one-on-one",
        ],
    ),
    (
        &[
            "first three things",
            "first things you do",
            "what do you do first",
            "what would you do first",
        ],
        &["first, ", "first i", "second, ", "then i", "step one", "1)"],
    ),
];

/// Whether the answer already says everything the probe asks in plain
/// words (false when the probe asks nothing the table knows).
pub fn already_said(probe: &str, said_lower: &str) -> bool {
    let lower = probe.to_lowercase();
    let mut asked = 0;
    for (ask, told) in ASKED {
        if ask.iter().any(|p| lower.contains(p)) {
            asked += 1;
            if !told.iter().any(|t| said_lower.contains(t)) {
                return false;
            }
        }
    }
    asked > 0
}

/// Words that join or lead a clause, trimmed from the start of a quote.
const LEADS: &[&str] = &[
    "and", "but", "so", "then", "also", "because", "well", "honestly", "yes", "yeah", "no", "ok",
    "okay", "um",
];

/// The clauses of a sentence, cut at commas, semicolons, colons, brackets
/// and dashes; a comma inside a number ("40,000") cuts nothing.
fn clauses(sentence: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in sentence.char_indices() {
        let thousands = c == ',' && within_number(sentence.as_bytes(), i);
        if matches!(c, ',' | ';' | ':' | '(' | ')' | '\u{2014}') && !thousands {
            out.push(&sentence[start..i]);
            start = i + c.len_utf8();
        }
    }
    out.push(&sentence[start..]);
    out
}

/// A whole phrase from a reply worth drilling into: a clause (between
/// sentence ends, commas, semicolons and colons) of four to fourteen words,
/// preferring one with a number, a decision, or someone named. Never a
/// phrase cut in the middle.
pub fn reply_phrase(reply: &str) -> Option<String> {
    let mut best: Option<(i32, String)> = None;
    for sentence in crate::practice::judge::text::split_sentences(reply) {
        for clause in clauses(sentence) {
            let clause = clause.trim().trim_end_matches(['.', '!', '?']).trim();
            let mut toks: Vec<&str> = clause.split_whitespace().collect();
            while toks
                .first()
                .is_some_and(|t| LEADS.contains(&t.to_lowercase().as_str()))
            {
                toks.remove(0);
            }
            if !(4..=14).contains(&toks.len()) {
                continue;
            }
            let text = toks.join(" ");
            if text.contains('"') {
                continue;
            }
            let w = words(&text);
            let mut score = 0;
            if w.iter().any(|x| cues::is_number(x)) {
                score += 3;
            }
            if w.iter().any(|x| {
                matches!(
                    x.as_str(),
                    "decided"
                        | "chose"
                        | "picked"
                        | "cut"
                        | "dropped"
                        | "moved"
                        | "escalated"
                        | "pushed"
                        | "agreed"
                        | "refused"
                        | "asked"
                        | "built"
                        | "wrote"
                        | "changed"
                        | "stopped"
                        | "delayed"
                        | "split"
                )
            }) {
                score += 2;
            }
            if w.iter()
                .any(|x| SOMEONE.contains(&x.as_str()) && x != "they")
            {
                score += 1;
            }
            if w.first().is_some_and(|x| x == "i") {
                score += 1;
            }
            if best.as_ref().is_none_or(|(b, _)| score > *b) {
                best = Some((score, text));
            }
        }
    }
    best.map(|(_, t)| t)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{FollowUp, Star};

    fn said_of(star: &Star) -> (Said<'_>, String) {
        let s = Said::new(star, &[]);
        let lower = star.full_text().to_lowercase();
        (s, lower)
    }

    #[test]
    fn a_probe_that_takes_a_slip_for_granted_needs_a_setback() {
        let n = needs_of(
            "When the plan slipped, who did you tell first?",
            &[],
            true,
            false,
        );
        assert_eq!(n, ["setback"]);
        // Asking whether something slipped takes nothing for granted.
        assert!(needs_of("Did anything slip? How did you say so?", &[], true, false).is_empty());
        // A scenario's probes refer to the scenario's own facts.
        assert!(needs_of("When the plan slipped, what then?", &[], false, false).is_empty());
        let smooth = Star {
            situation: "We launched the new billing page in March.".into(),
            action: "I wrote the plan and ran the weekly review with the team.".into(),
            result: "It launched on time and contacts fell 12 percent.".into(),
            ..Star::default()
        };
        let (said, _) = said_of(&smooth);
        let memo = Memo::new(&said);
        assert!(!holds("setback", &said, &memo));
        let slipped = Star {
            action: "The vendor slipped four weeks, so I re-planned the cutover.".into(),
            ..smooth.clone()
        };
        let (said, _) = said_of(&slipped);
        let memo = Memo::new(&said);
        assert!(holds("setback", &said, &memo));
        assert!(holds("vendor", &said, &memo));
    }

    #[test]
    fn them_needs_someone_else_but_who_asks_for_one() {
        assert_eq!(
            needs_of(
                "What was your first conversation with them like?",
                &[],
                true,
                false
            ),
            ["someone-else"]
        );
        assert!(
            needs_of(
                "Who pushed back, and what was their argument?",
                &[],
                true,
                false
            )
            .is_empty()
        );
        let alone = Star {
            situation: "I was behind on my own certification.".into(),
            action: "I studied every morning and booked the exam.".into(),
            result: "I passed in 6 weeks.".into(),
            ..Star::default()
        };
        let (said, _) = said_of(&alone);
        let memo = Memo::new(&said);
        assert!(!holds("someone-else", &said, &memo));
        assert!(holds("number", &said, &memo));
    }

    #[test]
    fn a_plan_that_names_week_one_and_who_it_meets_already_said_it() {
        let probe = "What do you do in your first week, and who do you meet?";
        let plan = "In week one I meet the site leads and the GC, and I read the schedule.";
        assert!(already_said(probe, &plan.to_lowercase()));
        assert!(!already_said(
            probe,
            "i read the schedule and fix the risks."
        ));
        // Only week one said: who to meet is still open.
        assert!(!already_said(probe, "in week one i read the schedule."));
        assert!(!already_said(
            "How did you measure it?",
            &plan.to_lowercase()
        ));
    }

    #[test]
    fn the_reply_is_quoted_as_a_whole_phrase() {
        let p = reply_phrase(
            "Honestly it was messy. So I moved the cutover to a Sunday, and the DBA team agreed after two calls.",
        )
        .unwrap();
        // The clause with a number, a decision and a team, whole.
        assert_eq!(p, "the DBA team agreed after two calls");
        assert_eq!(reply_phrase("No."), None);
        assert_eq!(reply_phrase("I don't know"), None);
        // A number with a thousands comma is quoted whole.
        assert_eq!(
            reply_phrase("I priced the wait: the deposit was 40,000 dollars and capped.")
                .as_deref(),
            Some("the deposit was 40,000 dollars and capped")
        );
        let f = [FollowUp {
            probe: "x".into(),
            response: "We cut two of the five sites from phase one.".into(),
            signal: None,
        }];
        assert_eq!(
            reply_phrase(&f[0].response).as_deref(),
            Some("We cut two of the five sites from phase one")
        );
    }
}
