//! The answer signals (see `content::SIGNALS`), found with the sentence
//! that shows each one.

use super::cues;
use super::seeks::{
    self, CONFLICT_CUES, CUSTOMER_CUES, FAILURE_CUES, LESSON_CUES, STAKEHOLDER_CUES, TIMELINE_CUES,
};
use super::text::{Field, Said, Sentence, cut_quote};
use super::{Evidence, Topic};
use crate::practice::analysis::{speaking_secs, word_count};

/// A signal found, with the evidence for it.
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    pub signal: &'static str,
    pub evidence: Evidence,
}

const HEDGES: &[&str] = &[
    "basically",
    "kind of",
    "sort of",
    "i think",
    "i guess",
    "maybe",
    "probably",
    "somewhat",
    "pretty much",
    "more or less",
    "literally",
    "actually",
    "hopefully",
    "i feel like",
];

/// A strength dressed up as a weakness: [`HUMBLE_BRAG_FAMILIES`] spelled
/// out, once.
fn humble_brag() -> &'static [&'static str] {
    static SPELLED: std::sync::OnceLock<&'static [&'static str]> = std::sync::OnceLock::new();
    SPELLED.get_or_init(|| crate::content::families::expand_static(HUMBLE_BRAG_FAMILIES))
}

const HUMBLE_BRAG_FAMILIES: &[&str] = &[
    // Seeing further than everyone else, offered as the mistake.
    "too far ahead of (where|the|what|everyone|my|our|them)",
    "care too much",
    "cared too much",
    "care _ too much",
    "work too hard",
    "worked too hard",
    "working too hard",
    "too hard on myself",
    "perfectionis*",
    "too high a standard",
    "too high a bar",
    "too high of a bar",
    "standards too high",
    "bar too high",
    "too high standards",
    "too high expectations",
    "too dedicated",
    "too committed",
    "too passionate",
    "too detail-oriented",
    "too detail oriented",
    "too much of a team player",
    "too invested",
    "too demanding of myself",
    "expect too much of myself",
    "push myself too",
    "pushed myself too",
    "give too much",
    "too much heart",
    "too thorough",
    "too loyal",
    "too honest",
    "too driven",
    "my bar is",
    "my standards are",
    "my standard is too",
    "expect so much of myself",
    "expect a lot of myself",
    "expect too much",
    "expected too much",
    "expecting too much",
    "too demanding",
    "holding out for the best",
    "taking on too much",
    "take on too much",
    "higher standard than",
    "higher standards than",
    "as thorough as i",
    "as prepared as i",
    "as deep as i",
    // "as hard as I do", not "argued as hard as I could".
    "as hard as i (do|did|work|worked|am|was)",
    "as detailed as i",
    "as committed as i",
    "pace i work",
    "the pace i",
    "as careful as i",
    "as fast as i",
    "keep up with my",
    "keep up with me",
    "others to keep up",
    "everyone to keep up",
    "assumed others were as",
    "assume others are as",
    "my pace",
    "too much of myself",
    "too much ownership",
    "care too deeply",
    "aimed too high",
    "aiming too high",
    "aim too high",
    "set the bar too high",
    "my standards were too high",
    "my bar was too high",
    "too available",
    "too much (on|onto) my (own|) plate",
    "(how much|everything) i (had been|was) carrying",
    "(look|looked|looking|seem|seemed) (slow|bad|lazy) next to me",
    "carry the team",
    "carried the team",
    "carrying the team",
    "too fast for",
    "too rigorous for",
    "so good that",
    "so good she",
    "so good he",
    "promoted away",
    "too high for",
    // Families.
    "(care|cared|caring|cares) (too much|so much) about",
    "(caring|cares) too much",
    "(check|checked|checking|polish|polished|polishing|prepare|prepared|preparing|test|tested|testing|plan|planned|planning) (my work|my own work|things|everything|every detail) too much",
    "(over-planned|over-prepared|over-protected|over-delivered|overprepared|overplanned|over-protect|over-prepare|over-plan)",
    "set the bar higher than",
    "(bar|target|goal|ambition) (was|were) too (high|ambitious)",
    "(can't|cannot|couldn't|could not) let (things|anything|it|work|a deck|a document) go (out|) unless",
    "(i am|i'm|i was|i can be|i tend to be|i've been) (too|overly|a little too|a bit too|sometimes too) (rigorous|thorough|ambitious|available|responsive|prepared|careful|meticulous|diligent|organised|organized|paranoid|driven|dedicated|committed|passionate)",
    "(tend to|i) (get|got) so (deep|involved|invested) (into|in)",
    "it was the opposite problem",
    "the risk i missed was really",
];

const BLAME: &[&str] = &[
    "the real problem was",
    "the first problem was",
    "not fit for purpose",
    "what the process required",
    "out of my hands",
    "put us behind",
    "was caused by",
    "caused by the",
    "caused by their",
    "a failure of the",
    "little we could do",
    "nothing we could do",
    "little i could do",
    "their fault",
    "fault of",
    "dropped the ball",
    "let us down",
    "let me down",
    "failed to deliver",
    "never delivered",
    "didn't deliver",
    "did not deliver",
    "they failed",
    "they missed the",
    "they missed their",
    "they missed a",
    "they missed our",
    "they ignored",
    "they refused",
    "they were late",
    "was late again",
    "not my fault",
    "out of my control",
    "outside my control",
    "outside of my control",
    "nothing i could",
    "if they had delivered",
    "if they had done",
    "if they had tested",
    "if they had told",
    "if they had listened",
    "if they had followed",
    "if the vendor had",
    "if engineering had",
    "if they'd delivered",
    "if they'd done",
    "if they'd tested",
    "if they'd told",
    "if they'd listened",
    "if they'd followed",
    "because of them",
    "was on them",
    "their mistake",
    "their error",
    "their problem",
    "incompeten*",
    "not very competent",
    "entirely because of",
    "do their jobs",
    "do their job",
    "couldn't be bothered",
    "didn't bother",
    "threw _ under",
];

const OWNING: &[&str] = &[
    "my fault",
    "my mistake",
    "my part",
    "my responsibility",
    "my error",
    "i should have",
    "i could have",
    "i should've",
    "i missed",
    "i failed",
    "i underestimat*",
    "i misjudg*",
    "i didn't",
    "i did not",
    "i own it",
    "i owned it",
    "i owned that",
    "i own this",
    "i own that",
    "i owned this",
    "i owned the mistake",
    "i own the mistake",
    "on me",
    "i take",
    "i took responsibility",
    "i was wrong",
    "i assumed",
    "in hindsight",
    "i'd do differently",
    "i would do differently",
    "my own",
    "i accepted",
    "was ours",
    "were ours",
    "our mistake",
    "our fault",
    "our part",
];

const GENERIC: &[&str] = &[
    "always",
    "usually",
    "typically",
    "generally",
    "in general",
    "whenever",
    "every time",
    "my approach",
    "i tend to",
    "i believe",
    "i make sure",
    "i try to",
    "i like to",
    "as a rule",
    "in my role",
    "in my experience",
    "my philosophy",
    "my style",
    "someone who",
    "the kind of",
    "i'm passionate",
    "i am passionate",
    "i strongly believe",
    "i would",
    "i'd",
    "my rule",
    "often",
    "in any project",
    "on every project",
    "each time",
];

/// A reply that rises to principle in place of the fact asked for.
const PIVOTS: &[&str] = &[
    "the key thing",
    "the main thing",
    "the key was",
    "the most important part",
    "the most important thing",
    "the most valuable thing",
    "the biggest impact",
    "mindset",
    "way of working",
    "culture change",
    "it's more of a",
    "it is more of a",
    "more of a mindset",
    "was really about",
    "is really about",
    "hard to put a",
    "hard to pin down",
    "fair to reduce",
    "quite a few things",
    "there were quite a few",
    "there have been a few",
    "there were a few",
    "a few of them",
    "collective effort",
    "from their perspective",
    "less about one",
    "not about one",
    "rather than one",
    "it's a mindset",
    "it was a success",
    "i believe it was the right",
    "handled through",
    "on a clear path",
    "the whole team had",
    "whole launch",
    "a matter of degree",
    "that is the real one",
    "that's the real one",
];

const DODGES: &[&str] = &[
    "don't remember",
    "do not remember",
    "can't remember",
    "cannot remember",
    "don't recall",
    "do not recall",
    "can't recall",
    "not sure",
    "nothing really",
    "nothing comes to mind",
    "hard to say",
    "team effort",
    "as a team",
    "all worked on",
    "no specific",
    "don't have a specific",
    "do not have a specific",
    "don't have an example",
    "don't know",
    "do not know",
    "have to check",
    "not much",
    "nothing in particular",
    "can't think of",
    "cannot think of",
    "don't really",
    "sorry",
    "it's hard to",
    "everyone did",
    "everybody",
    "no idea",
    "i forget",
    "i forgot",
];

/// "It worked in the end": a success told as if it were the failure asked
/// for.
const REFRAMES: &[&str] = &[
    "not really a failure",
    "not really call it a failure",
    "wouldn't call it a failure",
    "would not call it a failure",
    "not call it a failure",
    "wasn't really a failure",
    "was not really a failure",
    "not a failure",
    "did work in the end",
    "worked out in the end",
    "it worked out",
    "did land in the end",
    "landed in the end",
    "the only setback",
    "only in the sense",
    "turned out to be a success",
    "turned into a success",
    "still a success",
    "blessing in disguise",
    "no real failure",
    "i've been lucky",
    "i have been lucky",
    "always managed to",
    "turned out to be the best",
    "turned out to be the right",
    "was the right call",
    "technically i",
    "confirmed what i",
    "reinforced my",
    "nobody was really",
    "no one was really",
    "nobody was negatively",
    "never backfired",
    "didn't backfire",
    "did not backfire",
    "nothing went wrong",
    "never went wrong",
    "if you can call it that",
    "can't think of a failure",
    "cannot think of a failure",
];

const FAILURE_QUESTION: &[&str] = &[
    "fail*",
    "mistake*",
    "wrong",
    "criticism",
    "critical feedback",
    "negative feedback",
    "missed",
    "didn't go",
    "did not go",
    "not go well",
    "went badly",
    "regret*",
    "setback*",
    "fell short",
    "didn't meet",
    "did not meet",
    "not proud",
    "mess* up",
    "underestimat*",
    "bad call",
    "would do differently",
    "weakness*",
    "shortcoming*",
    "error*",
    "backfired",
    "didn't work",
    "did not work",
    "off the ground",
    "bite you",
    "wasn't up to",
    "not up to",
    "misread",
    "misjudg*",
    "got wrong",
    "go wrong",
    "went wrong",
    "didn't achieve",
    "did not achieve",
    "couldn't turn",
    "could not turn",
    "missed by",
    "longer than you should have",
    "well off",
    "showed the opposite",
];

/// Whether a question asks for a failure, a mistake or criticism of the
/// candidate's own: the failure word sits in a clause about "you", is not
/// "almost" or "nearly" one ("a near miss"), not offered as an alternative
/// ("… you stopped, or failed to stop") and not someone else's ("a problem
/// the engineers had missed").
pub fn asks_for_failure(question_text: &str) -> bool {
    question_text
        .split(['.', '?', '!', ':', ';'])
        .map(super::text::words)
        .filter(|w| {
            // A clause about "you", or the question's own opening ("Tell me
            // about a program that failed").
            w.iter()
                .any(|x| matches!(x.as_str(), "you" | "your" | "yours" | "yourself"))
                || cues::find("tell me about", w) == Some(0)
                || cues::find("give me an example", w) == Some(0)
                || cues::find("describe", w) == Some(0)
        })
        .any(|w| {
            FAILURE_QUESTION.iter().any(|c| {
                let n = c.split(' ').count();
                (0..w.len().saturating_sub(n - 1)).any(|i| {
                    let before = &w[i.saturating_sub(3)..i];
                    let yours = before
                        .iter()
                        .any(|b| matches!(b.as_str(), "you" | "your" | "yours"));
                    cues::find(c, &w[i..i + n]) == Some(0)
                        && !before.iter().any(|b| {
                            matches!(b.as_str(), "or" | "almost" | "nearly" | "near")
                                || (!yours && matches!(b.as_str(), "had" | "they" | "others"))
                                // "because you knew it wasn't up to
                                // standard": the candidate saw a fault in
                                // the work, not a failure of their own.
                                || matches!(b.as_str(), "knew" | "saw" | "spotted" | "noticed")
                                // "a test that failed" asks how a failed
                                // check was handled, not for the
                                // candidate's own failure.
                                || matches!(b.as_str(), "test" | "tests" | "check" | "inspection")
                                // "because it didn't meet your bar": the
                                // work's shortfall is the reason for the
                                // candidate's act, not their own failure.
                                || (!yours && matches!(b.as_str(), "because" | "since"))
                        })
                        // "a metric you thought was the wrong one": the
                        // candidate judged a thing wrong, their own
                        // failure is not asked for.
                        && !(i >= 1
                            && w[i - 1] == "the"
                            && w[..i].iter().any(|b| {
                                matches!(b.as_str(), "thought" | "believed" | "felt" | "considered")
                            }))
                })
            })
        })
}

fn quote(s: &Sentence) -> String {
    cut_quote(s.text, 160).to_string()
}

/// The first sentence in which any of `list` matches.
fn first_hit<'s, 'a>(said: &'s Said<'a>, list: &[&str]) -> Option<&'s Sentence<'a>> {
    said.sentences
        .iter()
        .find(|s| cues::first(list, &s.words).is_some())
}

fn minus(quote: String, reason: String) -> Evidence {
    Evidence {
        quote,
        effect: super::Effect::Minus,
        reason,
    }
}

/// Where the candidate came in on work already in trouble: lateness told
/// with it is the scene they inherited, not their failure ("the migration
/// was six weeks late when I took it over").
const INHERITED: &[&str] = &[
    "took it over",
    "took over",
    "inherited",
    "when i joined",
    "before i joined",
    "when i arrived",
    "before i arrived",
];

/// The first sentence telling a failure of the candidate's own, not as a
/// condition ("a way out if I was wrong") and not lateness they inherited.
fn failure_told<'s, 'a>(said: &'s Said<'a>) -> Option<&'s Sentence<'a>> {
    said.sentences.iter().find(|s| {
        let w = &s.words;
        cues::first_where(FAILURE_CUES, w, |i| {
            !w[i.saturating_sub(2)..i]
                .iter()
                .any(|x| matches!(x.as_str(), "if" | "unless" | "whether" | "suppose"))
        })
        .is_some_and(|cue| !cue.ends_with(" late") || cues::first(INHERITED, w).is_none())
    })
}

/// Whether the candidate tells a failure of their own.
pub fn tells_failure(said: &Said) -> Option<String> {
    failure_told(said).map(quote)
}

/// Every signal the answer shows, in order of importance.
/// Fewer words than this in the STAR parts (or a plan's fields) is under a
/// minute spoken: too short to carry a story.
pub const TOO_SHORT_WORDS: usize = 120;

pub fn find(said: &Said, topic: &Topic, time_limit_secs: u64, story: bool) -> Vec<Found> {
    let mut out: Vec<Found> = Vec::new();
    let mut push = |signal: &'static str, evidence: Evidence| out.push(Found { signal, evidence });
    // The candidate's own failure, told: looked for once, used twice.
    let told = failure_told(said);
    // Every field of the answer (STAR, or a scenario's or design's own).
    let star_words: u32 = said
        .parts
        .iter()
        .filter(|(f, _)| f.is_star())
        .map(|(_, t)| word_count(t))
        .sum();
    let empty = star_words == 0;
    // Blame and a humble-brag are each asked for more than once below:
    // worked out once.
    let blamed_once = std::cell::OnceCell::new();
    let blamed = || *blamed_once.get_or_init(|| blame(said));
    let brag_once = std::cell::OnceCell::new();
    let brag = || *brag_once.get_or_init(|| first_hit(said, humble_brag()));
    let result = said.part(Field::Result).trim();
    let result_sentence = || {
        said.in_field(Field::Result)
            .next()
            .map(quote)
            .unwrap_or_default()
    };

    if story && !empty {
        // The answer itself.
        let numbers_out = said
            .sentences
            .iter()
            .filter(|s| matches!(s.field, Field::Result | Field::Reply(_)))
            .any(seeks::has_number);
        let numbers_in_result = said.in_field(Field::Result).any(seeks::has_number);
        if result.is_empty() || (word_count(result) < 5 && !numbers_in_result) {
            push(
                "no-result",
                minus(
                    result_sentence(),
                    if result.is_empty() {
                        "the Result is empty: the story stops before the outcome".into()
                    } else {
                        "the Result is a few words with no outcome in it".into()
                    },
                ),
            );
        } else if !numbers_out {
            push(
                "no-metric",
                minus(result_sentence(), "no number in the Result".into()),
            );
        }
        let (i, we) = pronouns(said);
        // "We" far more than "I" hides what the candidate did, unless they
        // still name several acts of their own.
        let own_acts = said.star_sentences().filter(|s| s.own_action).count();
        if we >= 4 && we > 2 * i && own_acts < 3 {
            let q = said
                .sentences
                .iter()
                .find(|s| s.words.iter().any(|w| is_we(w)))
                .map(quote)
                .unwrap_or_default();
            push(
                "we-over-i",
                minus(q, format!("'we' {we} times, 'I' {i} times")),
            );
        }
        if said.part(Field::Situation).trim().is_empty() {
            push(
                "missing-situation",
                minus(
                    String::new(),
                    "no Situation: the listener lacks context".into(),
                ),
            );
        }
        if said.part(Field::Task).trim().is_empty() {
            push(
                "missing-task",
                minus(String::new(), "no Task: their own goal is unclear".into()),
            );
        }
        let action = said.part(Field::Action);
        let action_words = word_count(action);
        let own = said
            .in_field(Field::Action)
            .filter(|s| seeks::own_action(s))
            .count();
        let vague: Vec<&Sentence> = said
            .in_field(Field::Action)
            .filter(|s| {
                cues::first(
                    &[
                        "helped",
                        "help",
                        "worked on",
                        "supported",
                        "assisted",
                        "participated",
                        "contributed",
                        "was involved",
                        "were involved",
                        "handled",
                        "dealt with",
                        "took care of",
                    ],
                    &s.words,
                )
                .is_some()
            })
            .collect();
        if action_words < 25 || (vague.len() > own) || (own == 0 && action_words < 80) {
            let (q, why) = match vague.first() {
                Some(s) if action_words >= 25 => (
                    quote(s),
                    format!(
                        "more vague verbs ({}) than steps of their own ({own})",
                        vague.len()
                    ),
                ),
                _ if own == 0 && action_words >= 25 => (
                    said.in_field(Field::Action)
                        .next()
                        .map(quote)
                        .unwrap_or_default(),
                    "the Action never says 'I' did a concrete thing".into(),
                ),
                _ => (
                    said.in_field(Field::Action)
                        .next()
                        .map(quote)
                        .unwrap_or_default(),
                    format!("the Action is {action_words} words: too thin to judge"),
                ),
            };
            push("vague-actions", minus(q, why));
        }
    }
    let limit = time_limit_secs.max(1);
    if u64::from(speaking_secs(star_words)) > limit {
        push(
            "too-long",
            minus(
                String::new(),
                format!(
                    "{star_words} words, about {} min spoken against {} min",
                    speaking_secs(star_words).div_ceil(60),
                    limit.div_ceil(60)
                ),
            ),
        );
    }
    if star_words < TOO_SHORT_WORDS as u32 {
        push(
            "too-short",
            minus(
                String::new(),
                format!("{star_words} words: under a minute spoken"),
            ),
        );
    }
    if story && !empty {
        let all = |list: &[&str]| first_hit(said, list);
        if all(CONFLICT_CUES).is_none() && !wants_differ(said) {
            push(
                "no-conflict",
                minus(
                    String::new(),
                    "no disagreement, trade-off, risk or obstacle anywhere".into(),
                ),
            );
        }
        if all(CUSTOMER_CUES).is_none() && all(STAKEHOLDER_CUES).is_none() {
            push(
                "no-customer",
                minus(
                    String::new(),
                    "no customer, user or stakeholder named".into(),
                ),
            );
        }
        // A failure story: the candidate's own failure, or one put on
        // others; not a success told as a failure ("it worked in the end").
        let failure = told
            .or_else(blamed)
            .filter(|_| first_hit(said, REFRAMES).is_none() && brag().is_none())
            .map(quote);
        if let Some(q) = failure
            && all(LESSON_CUES).is_none()
        {
            push(
                "no-lesson",
                minus(
                    q,
                    "tells a failure but not what they learned or changed".into(),
                ),
            );
        }
        if all(TIMELINE_CUES).is_none() && !said.sentences.iter().any(|s| has_year(&s.words)) {
            push(
                "no-timeline",
                minus(String::new(), "no date, duration or deadline".into()),
            );
        }
    }
    let live_hedges = HEDGES;
    let hedges: Vec<&Sentence> = said
        .sentences
        .iter()
        .filter(|s| cues::count(live_hedges, &s.words) > 0)
        .collect();
    let hedge_n: usize = hedges
        .iter()
        .map(|s| cues::count(live_hedges, &s.words))
        .sum();
    if hedge_n >= 3 {
        push(
            "hedging",
            minus(
                hedges.first().map(|s| quote(s)).unwrap_or_default(),
                format!("{hedge_n} hedges and fillers"),
            ),
        );
    }
    if story && !empty {
        // A failure is told in its own words, put on others, or shown by
        // what changed because of it.
        let failure = told
            .or_else(blamed)
            .or_else(|| first_hit(said, LESSON_CUES));
        let reframed = first_hit(said, REFRAMES);
        if topic.asks_failure && (failure.is_none() || reframed.is_some()) {
            push(
                "no-failure",
                minus(
                    said.in_field(Field::Result)
                        .next()
                        .map(quote)
                        .unwrap_or_default(),
                    "asked for a failure, told a success".into(),
                ),
            );
        }
        if let Some(s) = brag() {
            push(
                "humble-brag",
                minus(quote(s), "a strength dressed up as a weakness".into()),
            );
        }
        if let Some(b) = blamed() {
            push(
                "blame",
                minus(
                    quote(b),
                    "puts the cause on others and owns no part of it".into(),
                ),
            );
        }
        if let Some(ev) = generic(said) {
            push("generic", ev);
        }
    }
    for (n, reply) in said.replies() {
        if let Some(why) = dodges(reply) {
            push(
                "non-answer",
                minus(
                    said.in_field(Field::Reply(n))
                        .next()
                        .map(quote)
                        .unwrap_or_default(),
                    format!("follow-up {} dodged: {why}", n + 1),
                ),
            );
            break;
        }
    }
    out.sort_by_key(|f| {
        crate::content::SIGNALS
            .iter()
            .position(|(s, _)| *s == f.signal)
            .unwrap_or(usize::MAX)
    });
    // The judgement signals matter most; keep them ahead.
    out.sort_by_key(|f| match f.signal {
        "off-topic" | "no-failure" | "non-answer" | "generic" | "blame" | "humble-brag" => 0,
        _ => 1,
    });
    out
}

/// Denying any part of it: blame whatever else is said.
const DENIALS: &[&str] = &[
    "none of it was on me",
    "wasn't on me",
    "was not on me",
    "not my fault",
    "not my mistake",
    "wasn't my mistake",
    "was not my mistake",
    "see it as my mistake",
    "not something i could",
    "nothing i could have",
    "nobody told me",
    "no one told me",
    "never told me",
    "never reached me",
    "wasn't my problem",
    "was not my problem",
    "not my problem to",
];

/// Someone else named as the subject of a failure.
const PARTIES: &[&str] = &[
    "vendor*",
    "team",
    "director*",
    "manager*",
    "engineering",
    "engineers",
    "they",
    "he",
    "she",
    "leadership",
    "sales",
    "client*",
    "contractor*",
    "partner*",
    "supplier*",
    "lead",
    "architect*",
    "finance",
    "legal",
    "ops",
    "qa",
];

const LET_DOWN: &[&str] = &[
    "never mentioned",
    "had not tested",
    "hadn't tested",
    "kept missing",
    "kept giving",
    "never",
    "didn't",
    "did not",
    "failed to",
    "refused",
    "ignored",
    "wouldn't",
    "would not",
    "poor",
    "dropped",
    "late",
    "missed",
    "forgot",
    "couldn't be bothered",
];

/// The first sentence that puts the cause on others, when the answer owns
/// no part of it: a plain blame phrase, or two sentences in which another
/// party (not "I" or "we") let the work down.
/// Whether the candidate owns a part of what went wrong ("my mistake",
/// "I should have").
pub fn owns_part(said: &Said) -> bool {
    // "If I'd known about the change I could have flagged it" owns nothing:
    // a part owned under a condition does not count.
    // "There was nothing more I could have done" owns nothing either: a
    // part denied just before it does not count, nor one granted
    // grudgingly ("I suppose I could have been more suspicious of other
    // people's sign-offs", "not much I could have done").
    said.sentences.iter().any(|s| {
        cues::first(OWNING, &s.words).is_some_and(|cue| {
            let at = cues::find(cue, &s.words).unwrap_or(0);
            // "My responsibility was to get the sites live" is the task,
            // not a part of what went wrong.
            let after = at + cue.split(' ').count();
            let task = s
                .words
                .get(after)
                .is_some_and(|w| matches!(w.as_str(), "was" | "is"))
                && s.words.get(after + 1).is_some_and(|w| w == "to");
            !task
                && !s.words[at.saturating_sub(3)..at].iter().any(|w| {
                    matches!(
                        w.as_str(),
                        "nothing"
                            | "not"
                            | "never"
                            | "wasn't"
                            | "isn't"
                            | "no"
                            | "little"
                            | "much"
                            | "suppose"
                    )
                })
        }) && !s
            .words
            .iter()
            .any(|w| matches!(w.as_str(), "if" | "unless"))
    })
}

fn blame<'s, 'a>(said: &'s Said<'a>) -> Option<&'s Sentence<'a>> {
    if let Some(s) = first_hit(said, DENIALS) {
        return Some(s);
    }
    if owns_part(said) {
        return None;
    }
    // Setting the scene names others' problems ("their problem was a shared
    // library"): one such sentence in the Situation or Task is context, not
    // blame; blame is the cause put on others in what was done, the Result
    // or a reply, or said more than once.
    let hits: Vec<&Sentence> = said
        .sentences
        .iter()
        .filter(|s| cues::first(BLAME, &s.words).is_some() && !learns_from_theirs(&s.words))
        .collect();
    if let Some(s) = hits
        .iter()
        .find(|s| matches!(s.field, Field::Result | Field::Reply(_)))
        .or((hits.len() >= 2).then(|| &hits[0]))
    {
        return Some(s);
    }
    let (parties, let_down) = (PARTIES, LET_DOWN);
    let theirs: Vec<&Sentence> = said
        .sentences
        .iter()
        .filter(|s| {
            // The Situation and the Action set out others' problems and
            // what was done about them: blaming is what the candidate says
            // of the cause in the Result and when asked.
            matches!(s.field, Field::Result | Field::Reply(_))
                && !s.words.iter().any(|w| is_i(w) || is_we(w))
                && cues::first(parties, &s.words).is_some()
                && cues::first(let_down, &s.words).is_some()
        })
        .collect();
    (theirs.len() >= 2).then(|| theirs[0])
}

/// Others' mistakes named as something to learn from or not to repeat
/// ("I was trying not to repeat their mistakes"): no blame put on them.
fn learns_from_theirs(words: &[String]) -> bool {
    words.windows(3).any(|w| {
        matches!(
            w[0].as_str(),
            "repeat" | "repeating" | "avoid" | "avoiding" | "from"
        ) && w[1] == "their"
            && w[2].starts_with("mistake")
    })
}

pub(crate) fn is_we(w: &str) -> bool {
    matches!(
        w,
        "we" | "we're" | "we've" | "we'd" | "we'll" | "our" | "us" | "ours" | "ourselves"
    )
}

pub(crate) fn is_i(w: &str) -> bool {
    matches!(
        w,
        "i" | "i'm" | "i've" | "i'd" | "i'll" | "my" | "me" | "myself" | "mine"
    )
}

/// ("I"-words, "we"-words) over everything the candidate said.
pub fn pronouns(said: &Said) -> (u32, u32) {
    let mut i = 0;
    let mut we = 0;
    for s in &said.sentences {
        for w in &s.words {
            i += u32::from(is_i(w));
            we += u32::from(is_we(w));
        }
    }
    (i, we)
}

fn has_year(words: &[String]) -> bool {
    words.iter().any(|d| {
        d.len() == 4
            && (d.starts_with("19") || d.starts_with("20"))
            && d.chars().all(|c| c.is_ascii_digit())
    })
}

/// "The GM wanted the date; engineering wanted the features": two parties
/// wanting things is a tension even without the word.
fn wants_differ(said: &Said) -> bool {
    let n: usize = said
        .sentences
        .iter()
        .map(|s| {
            cues::count(
                &[
                    "wanted",
                    "wants",
                    "pushed for",
                    "asked for",
                    "preferred",
                    "needed",
                    "insisted",
                ],
                &s.words,
            )
        })
        .sum();
    n >= 2
}

fn generic(said: &Said) -> Option<Evidence> {
    let generic_cues = GENERIC;
    let habits: Vec<&Sentence> = said
        .star_sentences()
        .filter(|s| cues::first(generic_cues, &s.words).is_some())
        .collect();
    let star_n = said.star_sentences().count().max(1);
    let digits = said
        .star_sentences()
        .flat_map(|s| s.words.iter())
        .filter(|w| w.chars().any(|c| c.is_ascii_digit()))
        .count();
    let specific_time = said
        .star_sentences()
        .filter(|s| {
            has_year(&s.words)
                || s.words.iter().any(|w| seeks::is_month(w))
                || cues::first(
                    &[
                        "last year",
                        "last quarter",
                        "last month",
                        "in q1",
                        "in q2",
                        "in q3",
                        "in q4",
                        "that week",
                        "that day",
                        "that quarter",
                        "that year",
                        "# week*",
                        "# month*",
                        "# day*",
                    ],
                    &s.words,
                )
                .is_some()
        })
        .count();
    let share = habits.len() as f64 / star_n as f64;
    (habits.len() >= 3 && share >= 0.25 && digits <= 1 && specific_time <= 1).then(|| {
        minus(
            quote(habits[0]),
            format!(
                "{} of {star_n} sentences speak in habits, with no particular event, date or number",
                habits.len()
            ),
        )
    })
}

/// A reply that opens by saying no to what the probe dug for ("Not
/// really, the team was aligned", "Honestly, not much", "I've been
/// fortunate…"): the drill-down is not delivered, whatever follows.
const TURNS_ASIDE: &[&str] = &[
    "not really",
    "not much",
    "not formally",
    "not in detail",
    "not as such",
    "not that i'm aware",
    "not that i know",
    "not that i can think",
    "we didn't really",
    "i didn't really",
    "i've been fortunate",
    "i have been fortunate",
    "i've been lucky",
    "i have been lucky",
    "i've generally been able",
    "i have generally been able",
    "i've usually been able",
    "that's a good question",
    "that is a good question",
    "good question",
    "possibly but",
    "i don't believe it came up",
    "it didn't come up",
    "it never came up",
    "nothing major",
    "nothing significant",
    "not specifically",
    "not at the time",
    "not directly",
    // The story already told offered again in place of the one asked for.
    "i think this one still",
    "i think this still",
    "i think that one still",
    "i think this story still",
    "i think this example still",
    "i think this shows the same",
    "i think that shows the same",
    "this one still shows",
    "this story still shows",
    "i try hard not to be in that position",
    "i try not to be in that position",
];

/// Words a reply may open with before what it says ("Honestly, not
/// really").
const OPENING_FILLERS: &[&str] = &["honestly", "well", "no", "um", "so", "i", "mean", "hmm"];

/// The phrase a reply opens with that turns the probe aside, if any.
fn turns_aside(w: &[String]) -> Option<&'static str> {
    let start = w
        .iter()
        .take(3)
        .take_while(|x| OPENING_FILLERS.contains(&x.as_str()))
        .count();
    // "I" alone is a filler only before "mean".
    let start = if start > 0 && w[start - 1] == "i" {
        start - 1
    } else {
        start
    };
    TURNS_ASIDE
        .iter()
        .find(|t| cues::matches_at(t, &w[start..]))
        .copied()
}

/// How a reply opens when it says no to what the probe asked about ("No,
/// it had stalled", "None of it, really", "Honestly, nobody asked for it",
/// "There was no baseline"): the story does not hold what the interviewer
/// drilled for.
const CONCESSIONS: &[&str] = &[
    "no",
    "not really",
    "not exactly",
    "not as such",
    "not formally",
    "not directly",
    "not that i",
    "nothing",
    "none",
    "nobody",
    "nope",
    "there wasn't",
    "there was no",
    "there was never",
    "we never",
];

/// Words that open a reply before what it says.
const CANDOUR: &[&str] = &["honestly", "well", "frankly", "truthfully", "to be honest"];

/// Words of a probe that asks what the candidate would, should or could
/// have done, or what they think of it now: a "no" to it is an opinion
/// ("Would you launch at that score?" "No."), not a gap in the story.
const HYPOTHETICAL: &[&str] = &[
    "believe",
    "agree",
    "would",
    "should",
    "could",
    "if",
    "again",
    "differently",
    "hindsight",
    "regret",
    "wrong",
    "worried",
    "worry",
    "afraid",
    "tempted",
    "fair",
    // What the story taught them, or a habit beyond it ("Did moving
    // quickly teach you to slow down in general?").
    "teach",
    "taught",
    "general",
];

/// Whether a probe asks what the candidate would do or think, or about an
/// option they considered ("Did you ever consider escalating?"): a "no" to
/// it is an opinion or a choice, not a gap in the story. Whether they
/// considered a fact ("Did you consider that the target itself was driving
/// it?") is a question about the story.
fn about_an_option(pw: &[String]) -> bool {
    pw.iter().enumerate().any(|(i, w)| {
        HYPOTHETICAL.contains(&w.as_str())
            || (w.starts_with("consider") && pw.get(i + 1).is_none_or(|n| n != "that"))
    })
}

/// The opening of a reply that concedes the probe's point: asked about a
/// fact of the story, the candidate says it is not there. `None` for a
/// probe about what they would do or think, and for a reply that goes on
/// from "no" to other words ("No one else had the access, so I…").
pub fn concedes(probe: &str, reply: &str) -> Option<&'static str> {
    let pw = super::text::words(probe);
    if offers_choice(&pw) || about_an_option(&pw) {
        return None;
    }
    opens_with(reply, CONCESSIONS).or_else(|| denies_the_asked(&pw, reply))
}

/// How a first sentence says the candidate did not do something.
const OWN_DENIALS: &[(&[&str], &str)] = &[
    (&["i", "didn't"], "i didn't"),
    (&["i", "did", "not"], "i did not"),
    (&["i", "never"], "i never"),
    (&["i", "haven't"], "i haven't"),
    (&["i", "hadn't"], "i hadn't"),
];

/// Asked whether they did a thing ("Did you ever take calls yourself?"),
/// the candidate's first sentence says they did not do that very thing
/// ("I didn't take calls myself; the data gave me a broader view"): the
/// same concession as a "no", put in the probe's own words. The denial,
/// if so.
fn denies_the_asked(pw: &[String], reply: &str) -> Option<&'static str> {
    let asks_if_you = matches!(
        pw.first().map(String::as_str),
        Some("did" | "have" | "had" | "were" | "was" | "do")
    ) && pw.get(1).is_some_and(|w| w == "you");
    if !asks_if_you {
        return None;
    }
    let first = super::text::split_sentences(reply).into_iter().next()?;
    let rw = super::text::words(first);
    let (said, rest) = OWN_DENIALS.iter().find_map(|(w, said)| {
        (rw.len() > w.len() && rw.iter().zip(w.iter()).all(|(a, b)| a == b))
            .then(|| (*said, &rw[w.len()..]))
    })?;
    // The thing denied: the next content words, after "really" or "ever".
    let echoes = rest
        .iter()
        .filter(|w| !matches!(w.as_str(), "really" | "actually" | "ever" | "personally"))
        .take(2)
        .any(|w| w.len() > 3 && pw.iter().skip(2).any(|p| p == w));
    echoes.then_some(said)
}

/// Whether a probe offers a choice between two questions ("Was that yours
/// to decide, or did you need someone's yes?"): a "no" picks one side and
/// concedes nothing. An "or" inside one question ("on the phones or in the
/// queue") offers no choice.
fn offers_choice(pw: &[String]) -> bool {
    pw.windows(2).any(|w| {
        w[0] == "or"
            && matches!(
                w[1].as_str(),
                "did" | "was" | "were" | "do" | "does" | "is" | "are" | "had" | "have" | "not"
            )
    })
}

/// How a reply opens when it says someone was not told: "No.", "Not
/// formally.", "Not in detail.", "Not from us.", "Never.".
const NOT_TOLD: &[&str] = &["no", "not", "nope", "never", "nobody", "no one"];

/// Asked whether someone else knew, was told or found out ("Did the
/// customer ever find out?", "Did your VP know the findings were open?"),
/// the candidate opens with a no ("Not formally.", "Not from us."): they
/// kept it from them. The opening, if so. A choice between two questions,
/// a probe about the candidate's own knowing ("Did you know…?") or about
/// what someone told them, and a "not until…" (told later) say nothing of
/// the kind.
pub fn kept_from(probe: &str, reply: &str) -> Option<&'static str> {
    // The question itself, one sentence of the probe: "Did the customer
    // know?", not "How do you know?" after it.
    let asks = probe.split(['?', '.', '!']).any(|q| {
        let pw = super::text::words(q);
        let about_another = matches!(
            pw.first().map(String::as_str),
            Some("did" | "does" | "do" | "was" | "were" | "had" | "has" | "have" | "is" | "are")
        ) && !matches!(
            pw.get(1).map(String::as_str),
            Some("you" | "there" | "it" | "that" | "this")
        );
        let knowing = pw.iter().enumerate().skip(2).any(|(i, w)| {
            let next = pw.get(i + 1).map(String::as_str);
            // The candidate's own knowing ("how do you know") is not asked.
            let theirs = !pw[i.saturating_sub(2)..i].iter().any(|b| b == "you");
            theirs
                && match w.as_str() {
                    "know" | "knew" | "known" | "learn" | "learned" | "learnt" | "hear"
                    | "heard" | "aware" | "informed" | "notified" | "warned" => true,
                    "told" | "tell" => next != Some("you"),
                    "find" | "found" => next == Some("out"),
                    _ => false,
                }
        });
        about_another && knowing && !offers_choice(&pw)
    });
    if !asks {
        return None;
    }
    let opening = opens_with(reply, NOT_TOLD).or_else(|| points_elsewhere(reply))?;
    let rest = reply.trim_start().to_lowercase();
    // Told later, or nothing reached them to tell ("No, it never reached
    // them: we caught it in staging").
    let later = [
        "not until",
        "not yet",
        "no, but i",
        "no, but we",
        "never reached",
        "didn't reach",
        "did not reach",
        "never affected",
        "didn't affect",
        "did not affect",
    ]
    .iter()
    .any(|l| rest.contains(l));
    // "Not at the time; I called them the next morning": told, later.
    let rw = super::text::words(reply);
    let told_them = rw.windows(2).any(|w| {
        matches!(w[0].as_str(), "i" | "we")
            && matches!(
                w[1].as_str(),
                "told"
                    | "called"
                    | "phoned"
                    | "rang"
                    | "informed"
                    | "emailed"
                    | "warned"
                    | "briefed"
                    | "sent"
                    | "showed"
                    | "flagged"
                    | "raised"
                    | "escalated"
                    | "walked"
            )
    });
    (!later && !told_them).then_some(opening)
}

/// How a reply opens when it points to where the news could have been
/// found, or to something else the other party knew, instead of saying
/// they were told: "It was in the appendix.", "They knew the suite was live."
const POINTS_ELSEWHERE: &[&str] = &[
    "it was in the",
    "it was in our",
    "it was on the",
    "it was on our",
    "it was documented",
    "it was listed",
    "that was in the",
    "the information was there",
    "the information was available",
    "she had access",
    "he had access",
    "they had access",
    "they knew",
    "she knew",
    "he knew",
];

/// Words after "they knew" that say when, not what: "They knew within the
/// hour" was told.
const WHEN_TOLD: &[&str] = &[
    "within",
    "before",
    "by",
    "immediately",
    "right",
    "straight",
    "on",
    "from",
    "early",
    "first",
    "as",
    "the same",
    "that day",
    "that morning",
    "that afternoon",
    "that week",
    "the next",
    "the day",
    "everything",
    "all",
    "exactly",
    "about it",
];

/// Asked whether someone knew, the reply points elsewhere ("It was in the
/// appendix", "They knew the suite was live"): they were not told. The
/// opening, if so.
fn points_elsewhere(reply: &str) -> Option<&'static str> {
    let opening = opens_with(reply, POINTS_ELSEWHERE)?;
    if opening.ends_with("knew") {
        let lower = reply.trim_start().to_lowercase();
        let after = lower
            .split_once(opening)
            .map_or("", |(_, r)| r)
            .trim_start_matches([',', ' ']);
        if after.is_empty()
            || after.starts_with(['.', ';', ':', '!', '-', '\u{2013}', '\u{2014}'])
            || WHEN_TOLD.iter().any(|w| {
                after
                    .strip_prefix(w)
                    .is_some_and(|r| !r.starts_with(char::is_alphanumeric))
            })
        {
            return None;
        }
    }
    Some(opening)
}

/// Probes that ask again for what the question wanted, having not heard it
/// ("That went well. I asked about a call that did not work out.", "Do you
/// have one where you lost?", "Was there a point where it wasn't working?").
const ASKS_AGAIN_FAMILIES: &[&str] = &[
    "i asked (about|for)",
    "the question (was|asked)",
    "do you have (one|an example|a time|another|a different)",
    "is there a time",
    "can you give me (one|another|an example)",
    "tell me about one",
    "give me one where",
    "have you (ever|) (had|got|been|lost|chosen|made)",
    "was there (ever|) a (time|point|moment|candidate|program|project)",
];

/// Probes that drill into the story for a moment in it ("Was there a
/// moment when…?", "Have you ever had to…?") or ask where in it the answer
/// lies ("Which part of that story…?") rather than ask for another story:
/// a step of the candidate's own names the moment. The first two are the
/// openings of [`ASKS_AGAIN_FAMILIES`] cues; the others are found anywhere
/// in the probe.
const DRILLS_FOR_A_MOMENT: (&[&str], &[&str]) = (&["have", "was"], &["which part", "where in"]);

/// How a reply opens when it gives the probe a new instance.
const GIVES_ONE: &[&str] = &[
    "yes",
    "yeah",
    "yep",
    "sure",
    "absolutely",
    "definitely",
    "there was",
    "there were",
    "one",
    "once",
    "twice",
    "when",
];

/// Asked again for what the question wanted, the candidate gives no new
/// instance: the reply neither opens with one ("Yes, …", "Once, …") nor
/// holds a number ("Twice; the first took 40 minutes"), it turns back to
/// the story told ("I think this one shows the same judgement"). The
/// probe's opening words, if so. A probe about what they would do or
/// considered doing is an opinion, as for [`concedes`].
pub fn gives_no_other(probe: &str, reply: &str) -> Option<&'static str> {
    let pw = super::text::words(probe);
    if offers_choice(&pw) || about_an_option(&pw) {
        return None;
    }
    static SPELLED: std::sync::OnceLock<&'static [&'static str]> = std::sync::OnceLock::new();
    let asks_again =
        SPELLED.get_or_init(|| crate::content::families::expand_static(ASKS_AGAIN_FAMILIES));
    let again = super::cues::first(asks_again, &pw)?;
    let rw = super::text::words(reply);
    // An instance given: a yes or a number; for a probe after a moment in
    // the story, a step of the candidate's own ("The scaffold: I stopped the
    // work and called the GC").
    let lower = probe.to_lowercase();
    let (openings, anywhere) = DRILLS_FOR_A_MOMENT;
    let moment =
        openings.iter().any(|d| again.starts_with(d)) || anywhere.iter().any(|d| lower.contains(d));
    let gives_one = opens_with(reply, GIVES_ONE).is_some()
        || rw.iter().any(|w| super::cues::is_number(w))
        || (moment && super::seeks::own_action_in(&rw));
    (!gives_one).then_some(again)
}

/// How a reply opens when it makes little of the candidate's own part.
const MINIMISERS: &[&str] = &[
    "not much",
    "not a lot",
    "nothing much",
    "very little",
    "little, ",
    "nothing on my side",
    "nothing on our side",
    "not really anything",
    "i'm not sure there's much",
    "i'm not sure there is much",
    "i'm not sure there was much",
    "i don't think there's much",
    "i don't think there is much",
    "i don't think there was much",
    "i can't think of much",
    "i can't think of anything",
    "there isn't much",
    "there's not much",
    "i did my part",
    "i had done my part",
    "i'd done my part",
    "i don't think it was really",
    "my part was really",
    "our part was done",
    "we did our part",
    "not really",
    "i don't think i missed",
    "i don't think i was",
    "i don't think i could",
    "i'd probably keep it",
];

/// Asked what their own part was, or what they would do differently, the
/// candidate opens by making little of it ("Not much on my side", "Honestly,
/// not much"): what follows is someone else's part. The opening, if so.
pub fn minimises_own_part(probe: &str, reply: &str) -> Option<&'static str> {
    let pw = super::text::words(probe);
    let has = |w: &str| pw.iter().any(|x| x == w);
    let own_part = has("differently")
        || has("yours")
        || (has("part") && has("own"))
        || has("personally")
        || (has("your")
            && ["part", "share", "role", "mistake", "fault"]
                .iter()
                .any(|w| has(w)));
    if !own_part {
        return None;
    }
    // "Not really, though the late test plan was on me": a part owned in
    // the same reply is not made little of.
    let lower = reply.to_lowercase();
    if OWNS_IN_REPLY.iter().any(|o| lower.contains(o)) {
        return None;
    }
    opens_with(reply, MINIMISERS)
}

/// Words in a reply that own a part of the candidate's own.
const OWNS_IN_REPLY: &[&str] = &[
    "on me",
    "my mistake",
    "my fault",
    "i should have",
    "i should've",
    "i was wrong",
    "that was mine",
    "was my call",
    "i got wrong",
];

/// How a reply opens when it calls a risk next to nothing.
const RISK_BRUSH_OFFS: &[&str] = &[
    "minimal",
    "negligible",
    "very little",
    "very low",
    "next to nothing",
    "close to zero",
    "practically zero",
    "zero",
];

/// Asked what the risk was ("What was the risk of skipping the test?",
/// "What could go wrong?"), the candidate opens by calling it next to
/// nothing ("Minimal.", "Honestly, very little."): the risk waved away. The
/// opening, if so.
pub fn brushes_off_risk(probe: &str, reply: &str) -> Option<&'static str> {
    let pw = super::text::words(probe);
    let about_risk = pw
        .iter()
        .any(|w| matches!(w.as_str(), "risk" | "risks" | "downside" | "downsides"))
        || pw.windows(2).any(|w| w[0] == "go" && w[1] == "wrong")
        || pw.windows(2).any(|w| w[0] == "gone" && w[1] == "wrong");
    if !about_risk {
        return None;
    }
    opens_with(reply, RISK_BRUSH_OFFS)
}

/// Which of `openings` a reply starts with, after a word of candour
/// ("Honestly, …"), as a phrase of its own: "No," but not "No one", "None"
/// but not "Nonetheless".
fn opens_with(reply: &str, openings: &[&'static str]) -> Option<&'static str> {
    let lower = reply.trim_start().to_lowercase();
    let mut rest = lower.as_str();
    for c in CANDOUR {
        if let Some(r) = rest.strip_prefix(c)
            && r.starts_with([' ', ','])
        {
            rest = r.trim_start_matches([',', ' ']);
            break;
        }
    }
    openings
        .iter()
        .find(|c| {
            rest.strip_prefix(**c).is_some_and(|r| {
                if **c == "no" {
                    // "No," or "No." on its own: "no one" and "nobody" are
                    // other words.
                    r.starts_with(['.', ',', ';', ':', '!', '-', '\u{2013}', '\u{2014}'])
                        || r.starts_with(" -")
                        || r.starts_with(" \u{2013}")
                        || r.starts_with(" \u{2014}")
                } else {
                    !r.starts_with(|ch: char| ch.is_alphanumeric() || ch == '\'')
                }
            })
        })
        .copied()
}

/// Why a reply dodges, if it does.
pub fn dodges(reply: &str) -> Option<String> {
    let w = super::text::words(reply);
    let n = word_count(reply);
    if let Some(t) = turns_aside(&w) {
        return Some(format!("opens with '{t}', turning the probe aside"));
    }
    let number = w.iter().any(|x| cues::is_number(x));
    if number {
        return None;
    }
    if n < 6 {
        return Some(if n == 0 {
            "no reply".into()
        } else {
            format!("a {n}-word reply")
        });
    }
    let concrete = w.iter().enumerate().any(|(i, x)| {
        x == "i"
            && w.get(i + 1).is_some_and(|v| {
                (v.len() > 4 && v.ends_with("ed") && !seeks::is_vague_verb(v))
                    // A habit or a plan of their own, said as one: "I ask
                    // where else this exists", "I would engage the utility
                    // before land purchase".
                    || seeks::is_concrete_present(v)
                    || (matches!(v.as_str(), "would" | "will")
                        && w.get(i + 2).is_some_and(|v| seeks::is_concrete_present(v)))
            })
    });
    if let Some(dodge) = cues::first(DODGES, &w)
        && n < 40
        && !concrete
    {
        return Some(format!("'{dodge}' with nothing specific"));
    }
    // Lifting the answer to a principle instead of giving the fact asked
    // for: "the key thing was the mindset", "it's a way of working".
    let pivot = cues::first(PIVOTS, &w)?;
    (n < 90 && !concrete).then(|| format!("'{pivot}' in place of the specific asked for"))
}
