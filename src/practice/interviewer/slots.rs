//! Slots in a probe's text, filled from the candidate's own words: the
//! number they gave, the person or team they named, the vague verb they
//! used about their own part. A probe whose slot the answer cannot fill is
//! not asked. The slot names are `content::SLOTS`.

use crate::practice::judge::cues;
use crate::practice::judge::seeks::is_vague_verb;
use crate::practice::judge::text::{Field, Said, Sentence};

/// The values an answer offers for each slot (`None`: it cannot fill it).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Slots {
    pub number: Option<String>,
    pub named: Option<String>,
    pub vague_verb: Option<String>,
    /// The interviewer an earlier, similar story was told to (Bar Raiser).
    pub told_to: Option<String>,
    /// A whole phrase from the last reply, for a drill one level deeper.
    pub reply: Option<String>,
}

/// Units that make a bare number worth quoting with it.
const UNITS: &[&str] = &[
    "percent",
    "per",
    "%",
    "weeks",
    "week",
    "days",
    "day",
    "hours",
    "hour",
    "minutes",
    "minute",
    "months",
    "month",
    "years",
    "engineers",
    "people",
    "customers",
    "teams",
    "sites",
    "racks",
    "servers",
    "features",
    "tickets",
    "defects",
    "incidents",
    "points",
    "million",
    "billion",
    "thousand",
    "k",
    "m",
    "ms",
    "seconds",
    "users",
    "accounts",
    "vendors",
    "dollars",
    "orders",
    "requests",
    "pages",
    "bugs",
    "launches",
    "regions",
    "nodes",
    "hosts",
];

/// Role nouns a candidate names people by.
const ROLES: &[&str] = &[
    "manager",
    "director",
    "vp",
    "gm",
    "cto",
    "ceo",
    "cfo",
    "architect",
    "lead",
    "vendor",
    "supplier",
    "customer",
    "client",
    "sponsor",
    "principal",
    "owner",
    "stakeholders",
    "stakeholder",
    "partner",
    "contractor",
    "auditor",
    "counterpart",
    "peer",
    "skip-level",
];

impl Slots {
    /// Reads the slot values from everything said so far: a number from the
    /// Result first (then the Action, then replies), a name or vague verb
    /// from the Action first.
    pub fn of(said: &Said) -> Slots {
        let order = |first: Field| -> Vec<&Sentence> {
            let mut v: Vec<&Sentence> = said.sentences.iter().collect();
            v.sort_by_key(|s| {
                if s.field == first {
                    0
                } else if s.field == Field::Action {
                    1
                } else if s.field.is_star() {
                    2
                } else {
                    3
                }
            });
            v
        };
        Slots {
            number: order(Field::Result)
                .into_iter()
                .find_map(|s| number_in(s.text)),
            named: order(Field::Action)
                .into_iter()
                .find_map(|s| named_in(s.text)),
            vague_verb: order(Field::Action)
                .into_iter()
                .find_map(|s| vague_verb_in(s.text)),
            told_to: None,
            reply: None,
        }
    }

    fn get(&self, name: &str) -> Option<&str> {
        match name {
            "number" => self.number.as_deref(),
            "named" => self.named.as_deref(),
            "vague_verb" => self.vague_verb.as_deref(),
            "told_to" => self.told_to.as_deref(),
            "reply" => self.reply.as_deref(),
            _ => None,
        }
    }

    /// The text with every slot filled, or `None` if one cannot be.
    pub fn fill(&self, text: &str) -> Option<String> {
        let mut out = text.to_string();
        for name in crate::content::slot_names(text) {
            let v = self.get(name)?;
            out = out.replace(&format!("{{{name}}}"), v);
        }
        Some(out)
    }
}

/// Whether `text` is `template` with its slots filled by anything (how an
/// asked probe is recognised again after its slots were filled).
pub fn matches_template(template: &str, text: &str) -> bool {
    if !template.contains('{') {
        return template == text;
    }
    // The literal pieces between slots, in order.
    let mut pieces = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        pieces.push(&rest[..open]);
        match rest[open..].find('}') {
            Some(close) => rest = &rest[open + close + 1..],
            None => {
                rest = "";
                break;
            }
        }
    }
    pieces.push(rest);
    let (first, last) = (pieces[0], pieces[pieces.len() - 1]);
    if !text.starts_with(first) || !text.ends_with(last) || text.len() < first.len() + last.len() {
        return false;
    }
    let mut at = first.len();
    let end = text.len() - last.len();
    for p in &pieces[1..pieces.len() - 1] {
        match text[at..end].find(p) {
            Some(i) => at += i + p.len(),
            None => return false,
        }
    }
    true
}

/// Tokens of `text` with their byte ranges, split on whitespace, with
/// surrounding punctuation trimmed.
fn tokens(text: &str) -> Vec<&str> {
    text.split_whitespace()
        .map(|t| {
            t.trim_matches(|c: char| {
                matches!(c, ',' | '.' | ';' | ':' | '(' | ')' | '"' | '!' | '?')
            })
        })
        .filter(|t| !t.is_empty())
        .collect()
}

/// "35 percent", "40%", "$2M", "6 weeks": the first number that is not a
/// year or an ordinal, with its unit when one follows.
fn number_in(text: &str) -> Option<String> {
    let t = tokens(text);
    for (i, tok) in t.iter().enumerate() {
        let lower = tok.to_lowercase();
        if !tok.chars().any(|c| c.is_ascii_digit()) || !cues::is_number(&lower) {
            continue;
        }
        let digits: String = tok.chars().filter(char::is_ascii_digit).collect();
        let year = digits.len() == 4
            && tok.len() == 4
            && (1990..=2100).contains(&digits.parse::<u32>().unwrap_or(0));
        if year || lower.ends_with("st") || lower.ends_with("nd") || lower.ends_with("th") {
            continue;
        }
        if tok.ends_with('%') || tok.starts_with('$') || tok.chars().any(char::is_alphabetic) {
            return Some(tok.to_string());
        }
        if let Some(next) = t.get(i + 1) {
            let n = next.to_lowercase();
            if UNITS.contains(&n.as_str()) {
                return Some(format!("{tok} {next}"));
            }
        }
        // A bare count is too vague to quote back ("2").
    }
    None
}

/// Nouns that carry a phrase on past "team" or a role ("our team
/// offsite", "the lead time", "the customer experience"): a name cut there
/// would be garbled.
const CONTINUES: &[&str] = &[
    "offsite",
    "off-site",
    "meeting",
    "meetings",
    "lead",
    "leads",
    "member",
    "members",
    "building",
    "dinner",
    "event",
    "goals",
    "goal",
    "charter",
    "culture",
    "morale",
    "size",
    "structure",
    "budget",
    "review",
    "reviews",
    "sync",
    "standup",
    "stand-up",
    "channel",
    "calendar",
    "norms",
    "process",
    "page",
    "wiki",
    "plan",
    "planning",
    "retro",
    "retrospective",
    "day",
    "lunch",
    "chat",
    "space",
    "time",
    "times",
    "experience",
    "service",
    "services",
    "base",
    "support",
    "success",
    "journey",
    "list",
    "management",
    "team",
    "teams",
    "portal",
    "side",
    "segment",
    "data",
    "feedback",
    "facing",
    "obsession",
    "account",
    "accounts",
    "requirements",
    "tickets",
    "ticket",
    "issues",
    "complaints",
    "calls",
    "escalations",
    "escalation",
    "contract",
    "contracts",
    "relationship",
    "relationships",
    "selection",
    "performance",
    "scorecard",
    "onboarding",
    "agreement",
    "roadmap",
    "backlog",
    "metrics",
    "dashboard",
    "survey",
    "interviews",
    "visits",
    "visit",
    "org",
    "organisation",
    "organization",
    "level",
    "role",
    "roles",
    "sessions",
    "session",
    "queue",
    "count",
    "names",
    "name",
];
/// Words that only qualify a team ("our annual team offsite"): a phrase made
/// of them alone names nobody.
const MODIFIERS: &[&str] = &[
    "annual",
    "weekly",
    "monthly",
    "quarterly",
    "daily",
    "whole",
    "entire",
    "same",
    "other",
    "own",
    "new",
    "old",
    "first",
    "next",
    "last",
    "full",
    "extended",
    "wider",
    "broader",
    "core",
    "small",
    "big",
    "large",
    "current",
    "previous",
    "former",
    "local",
    "remote",
    "virtual",
    "combined",
    "joint",
    "single",
    "two",
    "three",
    "four",
    "both",
    "only",
];

/// Whether a noun phrase ending at raw token `end` of `raw` ends there: the
/// token closes with punctuation, is the last, or the next word does not
/// carry the noun on ("team offsite", "customer's").
fn ends_phrase(raw: &[&str], end: usize) -> bool {
    let tok = raw[end];
    if tok.ends_with([',', '.', ';', ':', ')', '!', '?', '"']) {
        return true;
    }
    if tok.ends_with("'s") || tok.ends_with("\u{2019}s") {
        return false;
    }
    let Some(next) = raw.get(end + 1) else {
        return true;
    };
    let n = next
        .trim_matches(|c: char| !c.is_alphanumeric() && c != '-')
        .to_lowercase();
    !CONTINUES.contains(&n.as_str())
}

/// "the billing team", "my manager" (as "your manager"), "the GM": a whole
/// noun phrase, never one cut short ("our annual team offsite" names no
/// team; "the lead time" no lead).
fn named_in(text: &str) -> Option<String> {
    let raw: Vec<&str> = text.split_whitespace().collect();
    let t: Vec<&str> = raw
        .iter()
        .map(|x| {
            x.trim_matches(|c: char| {
                matches!(c, ',' | '.' | ';' | ':' | '(' | ')' | '"' | '!' | '?')
            })
        })
        .collect();
    let lower: Vec<String> = t.iter().map(|x| x.to_lowercase()).collect();
    for (i, w) in lower.iter().enumerate() {
        if !matches!(w.as_str(), "the" | "my" | "our" | "their") {
            continue;
        }
        // A determiner that closes its own clause ("for the." is noise).
        if raw[i].ends_with([',', '.', ';', ':']) {
            continue;
        }
        let det = if w == "the" || w == "their" {
            "the"
        } else {
            "your"
        };
        // "the <Word> team" (up to two words before "team").
        for len in 1..=2 {
            let at = i + len + 1;
            if lower.get(at).is_some_and(|x| x == "team" || x == "teams")
                && ends_phrase(&raw, at)
                && (i + 1..at).all(|k| !raw[k].ends_with([',', '.', ';', ':']))
            {
                let words = &t[i + 1..at];
                if words
                    .iter()
                    .all(|x| !x.is_empty() && x.chars().all(|c| c.is_alphanumeric() || c == '-'))
                    && !words
                        .iter()
                        .all(|x| MODIFIERS.contains(&x.to_lowercase().as_str()))
                {
                    return Some(format!("{det} {} {}", words.join(" "), t[at]));
                }
            }
        }
        if let Some(next) = lower.get(i + 1)
            && ROLES.contains(&next.as_str())
            && ends_phrase(&raw, i + 1)
        {
            return Some(format!("{det} {}", t[i + 1]));
        }
    }
    None
}

/// The vague verb a candidate used about their own part: "I helped".
fn vague_verb_in(text: &str) -> Option<String> {
    let t = tokens(text);
    for (i, w) in t.iter().enumerate() {
        if *w != "I" {
            continue;
        }
        let next = t.get(i + 1)?;
        let n = next.to_lowercase();
        if matches!(
            n.as_str(),
            "helped" | "supported" | "assisted" | "participated" | "contributed" | "handled"
        ) || (n == "worked" && t.get(i + 2).is_some_and(|x| *x == "on"))
        {
            debug_assert!(is_vague_verb(&n));
            return Some(if n == "worked" {
                "worked on".to_string()
            } else {
                next.to_string()
            });
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{FollowUp, Star};

    fn slots(star: &Star) -> Slots {
        let said = Said::new(star, &[]);
        Slots::of(&said)
    }

    #[test]
    fn reads_a_number_a_name_and_a_vague_verb_from_the_candidate() {
        let star = Star {
            situation: "In 2023 the checkout page was slow.".into(),
            task: "I owned the fix.".into(),
            action:
                "I helped the Payments Platform team profile the calls and met my manager weekly."
                    .into(),
            result: "Latency fell 35 percent and we saved 2 engineers of toil.".into(),
        };
        let s = slots(&star);
        assert_eq!(s.number.as_deref(), Some("35 percent"));
        assert_eq!(s.named.as_deref(), Some("the Payments Platform team"));
        assert_eq!(s.vague_verb.as_deref(), Some("helped"));
        assert_eq!(
            s.fill("You said {number}. Measured how?").as_deref(),
            Some("You said 35 percent. Measured how?")
        );
        assert_eq!(
            s.fill("You said you '{vague_verb}'. What did you do yourself?")
                .as_deref(),
            Some("You said you 'helped'. What did you do yourself?")
        );
    }

    #[test]
    fn years_bare_counts_and_missing_values_do_not_fill() {
        let star = Star {
            situation: "In 2021 we had 3 problems.".into(),
            action: "We fixed them.".into(),
            ..Star::default()
        };
        let s = slots(&star);
        assert_eq!(
            s.number, None,
            "a year and a bare count are not quoted back"
        );
        assert_eq!(s.named, None);
        assert_eq!(s.vague_verb, None);
        assert_eq!(s.fill("You said {number}."), None);
        assert_eq!(s.fill("No slots here.").as_deref(), Some("No slots here."));
    }

    #[test]
    fn my_manager_is_quoted_back_as_your_manager_and_replies_count() {
        let star = Star {
            action: "I wrote the plan.".into(),
            ..Star::default()
        };
        let f = [FollowUp {
            probe: "Who disagreed?".into(),
            response: "My director did, and our vendor wanted 40% more.".into(),
            signal: None,
        }];
        let said = Said::new(&star, &f);
        let s = Slots::of(&said);
        assert_eq!(s.named.as_deref(), Some("your director"));
        assert_eq!(s.number.as_deref(), Some("40%"));
    }

    #[test]
    fn a_name_is_quoted_only_as_a_whole_phrase() {
        assert_eq!(named_in("At our annual team offsite I raised it."), None);
        assert_eq!(named_in("I cut the lead time by a week."), None);
        assert_eq!(
            named_in("I asked the billing team to split the work."),
            Some("the billing team".into())
        );
        assert_eq!(
            named_in("Our annual planning team agreed."),
            Some("your annual planning team".into())
        );
        assert_eq!(
            named_in("I went to my manager, who agreed."),
            Some("your manager".into())
        );
        assert_eq!(named_in("The customer experience was poor."), None);
    }

    #[test]
    fn an_asked_probe_is_recognised_with_its_slots_filled() {
        let t = "You said {number}. Measured how, against what baseline?";
        assert!(matches_template(
            t,
            "You said 35 percent. Measured how, against what baseline?"
        ));
        assert!(!matches_template(
            t,
            "You said 35 percent. Who measured it?"
        ));
        assert!(matches_template("Plain probe?", "Plain probe?"));
        assert!(!matches_template("Plain probe?", "Plain probe? Yes"));
        assert!(matches_template(
            "You told {told_to} about {number}.",
            "You told Daniel about 3 weeks."
        ));
    }
}
