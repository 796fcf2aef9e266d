//! Behaviour, not keywords: the content's red flags (`[[red_flag]]`) and
//! what a question asks for (`[[ask]]`), found in clauses with who did what.
//!
//! A sentence is cut into clauses (at commas, semicolons and conjunctions
//! such as "but", "because", "and I"); each clause has a subject: the
//! candidate ("I", or "we" with them in it), someone else ("the vendor",
//! "my director", "they"), or the one before it when it has none ("…, kept
//! running the old process"). A red flag's phrasing counts only in a clause
//! whose subject is the candidate (unless the flag says anyone), that does
//! not negate it ("I refused to skip the review"), that is not a condition
//! ("if we had skipped it") and that is not something pressed on them ("the
//! VP wanted me to ship it anyway").

use super::text::{Said, Sentence, words};
use super::{Effect, Evidence};
use crate::content::{AnswerFormat, Ask, Content, FlagSubject, RedFlag};
use foldhash::{HashMap, HashMapExt};

/// Who does what a clause says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Subject {
    /// "I", "my own".
    Me,
    /// "We", "our team", "my team": the candidate among others.
    We,
    /// Someone else: "they", "the vendor", "Priya".
    Other,
}

impl Subject {
    pub fn candidate(self) -> bool {
        matches!(self, Subject::Me | Subject::We)
    }
}

/// One clause of a sentence.
#[derive(Debug, Clone)]
pub struct Clause {
    pub words: Vec<String>,
    pub subject: Subject,
    /// A condition or a hypothetical ("if…", "unless…", "whether…").
    pub conditional: bool,
}

/// Words that, before a phrasing in its clause, turn it around: a negation,
/// a refusal, or someone else's wish ("the VP wanted me to…").
const TURNERS: &[&str] = &[
    "not",
    "never",
    "no",
    "nobody",
    "nothing",
    "neither",
    "nor",
    "didn't",
    "don't",
    "doesn't",
    "wasn't",
    "weren't",
    "won't",
    "wouldn't",
    "couldn't",
    "can't",
    "cannot",
    "hadn't",
    "haven't",
    "isn't",
    "aren't",
    "shouldn't",
    "refused",
    "refuse",
    "declined",
    "rarely",
    "seldom",
    "hardly",
    "rejected",
    "resisted",
    "avoided",
    "avoid",
    "prevented",
    "stopped",
    "blocked",
    "blocks",
    "block",
    "prevents",
    "whether",
    "opposed",
    "instead",
    "rather",
    "wanted",
    "tempted",
    "temptation",
    "pressure",
    "pressured",
    "suggested",
    "proposed",
    "urged",
    "option",
    "could",
    "easy",
    "easier",
    "asked",
    "against",
    "claimed",
    "insisted",
    "promised",
    "assured",
];

/// Words that open a clause without being its subject.
const OPENERS: &[&str] = &[
    "then",
    "and",
    "so",
    "but",
    "later",
    "eventually",
    "finally",
    "also",
    "still",
    "when",
    "once",
    "just",
    "only",
    "afterwards",
    "after",
    "that",
    "even",
    "quietly",
    "privately",
    "personally",
    "in",
    "on",
    "at",
    "by",
    "for",
    "rather",
    "than",
    "instead",
];

const DETERMINERS: &[&str] = &[
    "the",
    "a",
    "an",
    "his",
    "her",
    "their",
    "your",
    "this",
    "that",
    "these",
    "those",
    "its",
    "one",
    "another",
    "every",
    "each",
    "some",
    "legal",
    "security",
    "finance",
    "management",
    "leadership",
    "engineering",
    "everyone",
    "nobody",
    "someone",
    "people",
];

fn pronoun_subject(w: &str) -> Option<Subject> {
    match w {
        "i" | "i'd" | "i'm" | "i've" | "i'll" | "myself" => Some(Subject::Me),
        "we" | "we'd" | "we're" | "we've" | "we'll" => Some(Subject::We),
        "they" | "they'd" | "they're" | "they've" | "he" | "she" | "he'd" | "she'd" | "you"
        | "it" | "nobody" | "everyone" => Some(Subject::Other),
        _ => None,
    }
}

/// How others felt about what the candidate did ("she was annoyed I went
/// over her head").
const REACTIONS: &[&str] = &[
    "annoyed",
    "upset",
    "angry",
    "unhappy",
    "furious",
    "frustrated",
    "irritated",
    "livid",
    "surprised",
    "shocked",
    "glad",
    "pleased",
    "relieved",
];

/// Where a clause ends inside a sentence: punctuation, or a conjunction
/// that starts a new one ("but", "because", "and I").
/// Words before "if" that make it "whether": a question, not a condition.
const ASKING: &[&str] = &[
    "asked", "ask", "asks", "asking", "wondered", "wonder", "checked", "check", "know", "knew",
    "see", "saw", "unsure", "sure",
];

fn split_clauses(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    let lower = text.to_ascii_lowercase();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let mut cut: Option<(usize, usize)> = None;
        if matches!(b, b',' | b';' | b':' | b'(' | b')') {
            // "1,200" stays whole.
            if !super::text::within_number(bytes, i) {
                cut = Some((i, i + 1));
            }
        } else if b == b' ' {
            let rest = &lower[i + 1..];
            // "My manager was annoyed I went over her head": what someone
            // felt about the candidate's act opens the act's own clause.
            // The cheap test first: this runs at every space.
            let reacted = ["i ", "we ", "that i ", "that we "]
                .iter()
                .any(|s| rest.starts_with(s))
                && REACTIONS
                    .iter()
                    .any(|r| lower[..i].ends_with(r) && lower[..i - r.len()].ends_with([' ', ',']));
            if reacted {
                cut = Some((i, i + 1));
            }
            for conj in [
                "but ",
                "because ",
                "although ",
                "though ",
                "whereas ",
                "while ",
                "when ",
                "which ",
                "who ",
                "where ",
                "so i ",
                "so we ",
                "so they ",
                "and i ",
                "and we ",
                "and they ",
                "and he ",
                "and she ",
                "then i ",
                "then we ",
                "then they ",
                // "What it would cost merchants if we launched anyway": a
                // condition inside a sentence opens a clause of its own.
                "if i ",
                "if we ",
                "if they ",
            ] {
                // "Not so I could be proven right": the negation goes with
                // the purpose it denies.
                // "She asked if I could keep it quiet": a question asked
                // is the asker's clause, not a condition.
                let asked = conj.starts_with("if ")
                    && lower[..i]
                        .rsplit(' ')
                        .next()
                        .is_some_and(|w| ASKING.contains(&w));
                if rest.starts_with(conj)
                    && !asked
                    && !(conj.starts_with("so ") && lower[..i].ends_with("not"))
                {
                    cut = Some((i, i + 1));
                    break;
                }
            }
        } else if text[i..].starts_with('—') || text[i..].starts_with('–') {
            let len = text[i..].chars().next().map_or(1, char::len_utf8);
            cut = Some((i, i + len));
        }
        if let Some((end, next)) = cut {
            let piece = text[start..end].trim();
            if !piece.is_empty() {
                out.push(piece);
            }
            start = next;
            i = next;
            continue;
        }
        i += text[i..].chars().next().map_or(1, char::len_utf8);
    }
    let piece = text[start..].trim();
    if !piece.is_empty() {
        out.push(piece);
    }
    out
}

/// Whether a word reads as a verb (a past tense, or a common one): the
/// subject, if any, came before it.
fn verbish(w: &str) -> bool {
    (w.len() > 4 && w.ends_with("ed"))
        || matches!(
            w,
            "said"
                | "told"
                | "was"
                | "were"
                | "had"
                | "did"
                | "made"
                | "went"
                | "kept"
                | "gave"
                | "took"
                | "got"
                | "sent"
                | "ran"
                | "shipped"
                | "is"
                | "are"
                | "has"
                | "have"
                | "will"
                | "would"
                | "should"
                | "wants"
                | "says"
                | "thought"
                | "knew"
                | "felt"
                | "left"
                | "put"
                | "set"
                | "built"
                | "found"
                | "came"
                | "let"
                | "chose"
        )
}

/// A clause's own subject, if it names one near its start: a subject
/// pronoun before any verb ("The next morning I…", "In the retro we…"), or
/// a noun phrase before its verb ("the vendor slipped", "Priya signed").
fn own_subject(piece: &str, ws: &[String]) -> Option<Subject> {
    // "I heard a superintendent screaming at the crew": what the candidate
    // saw or heard someone else doing is that person's act.
    if let Some(k) = ws.iter().take(3).position(|w| w == "i")
        && let Some(v) = ws.iter().skip(k + 1).take(2).position(|v| {
            matches!(
                v.as_str(),
                "heard" | "overheard" | "saw" | "watched" | "noticed" | "caught" | "found"
            )
        })
        && ws.iter().skip(k + v + 3).take(6).any(|w| participle(w))
    {
        return Some(Subject::Other);
    }
    // "…, with the errors highlighted, and presented it…": a clause that
    // opens on "with" names no one doing anything.
    if ws
        .first()
        .is_some_and(|w| matches!(w.as_str(), "with" | "without"))
    {
        return None;
    }
    // "…, skipping the review": a clause that opens on a participle is
    // done by the subject of the clause it hangs from.
    if ws.first().is_some_and(|w| participle(w)) {
        return None;
    }
    let raw: Vec<&str> = piece.split_whitespace().collect();
    let mut noun: Option<Subject> = None;
    // Words before the verb that are not openers name someone ("two
    // contractors went over her head"), even with no determiner.
    let mut named = false;
    for (k, w) in ws.iter().enumerate().take(10) {
        // "It was easier to…", "there was…": no one's doing.
        if (w == "it" || w == "there")
            && ws
                .get(k + 1)
                .is_some_and(|n| matches!(n.as_str(), "was" | "is" | "would" | "felt" | "seemed"))
        {
            return None;
        }
        // "I think he was embarrassed", "I suspect they knew": what the
        // candidate thinks of someone else is about that person's state or
        // act, not the candidate's.
        if w == "i"
            && ws.get(k + 1).is_some_and(|v| MENTAL.contains(&v.as_str()))
            && ws
                .iter()
                .skip(k + 2)
                .find(|n| *n != "that")
                .is_some_and(|n| matches!(n.as_str(), "he" | "she" | "they"))
        {
            return Some(Subject::Other);
        }
        if let Some(s) = pronoun_subject(w) {
            return Some(s);
        }
        if verbish(w) {
            return noun.or(named.then_some(Subject::Other));
        }
        if noun.is_some() || OPENERS.contains(&w.as_str()) {
            continue;
        }
        named |= !matches!(
            w.as_str(),
            "where" | "which" | "who" | "that" | "when" | "while"
        );
        if w == "my" || w == "our" {
            // "my team", "our team": the candidate among others; "my
            // manager", "our director": someone else.
            let team = ws.iter().skip(k + 1).take(2).any(|n| {
                matches!(
                    n.as_str(),
                    "team" | "teams" | "squad" | "group" | "crew" | "org" | "side"
                )
            });
            // "My reasoning was that…", "my plan was to…": the candidate's
            // own mind, so their own doing.
            let mine = w == "my"
                && ws.get(k + 1).is_some_and(|n| {
                    matches!(
                        n.as_str(),
                        "reasoning"
                            | "view"
                            | "thinking"
                            | "logic"
                            | "feeling"
                            | "sense"
                            | "judgement"
                            | "judgment"
                            | "goal"
                            | "plan"
                            | "approach"
                            | "priority"
                            | "focus"
                            | "decision"
                            | "aim"
                            | "intent"
                            | "intention"
                            | "instinct"
                            | "job"
                            | "role"
                            | "responsibility"
                    )
                });
            noun = Some(if mine {
                Subject::Me
            } else if team {
                Subject::We
            } else {
                Subject::Other
            });
        } else if DETERMINERS.contains(&w.as_str())
            || (k > 0
                && raw
                    .get(k)
                    .and_then(|r| r.chars().next())
                    .is_some_and(char::is_uppercase))
        {
            noun = Some(Subject::Other);
        }
    }
    noun
}

/// Verbs of the candidate's mind that report what they think of someone
/// else ("I think he…", "I suspect they…").
const MENTAL: &[&str] = &[
    "think",
    "thought",
    "believe",
    "believed",
    "guess",
    "suspect",
    "suspected",
    "felt",
    "feel",
    "assume",
    "assumed",
    "imagine",
    "suppose",
    "sensed",
];

/// Whether a word reads as an "-ing" participle ("skipping", "screaming").
fn participle(w: &str) -> bool {
    w.len() > 5
        && w.ends_with("ing")
        && !matches!(
            w,
            "something" | "nothing" | "anything" | "everything" | "during" | "morning" | "evening"
        )
}

/// The clauses of one sentence, each with its subject.
pub fn clauses(text: &str) -> Vec<Clause> {
    let pieces = split_clauses(text);
    let mut out: Vec<(Vec<String>, Option<Subject>, bool)> = Vec::with_capacity(pieces.len());
    for p in &pieces {
        let ws = words(p);
        // "I added a slide, showing his three milestones": a clause that
        // opens on a participle goes on with the act before it, so a
        // phrasing may run across the comma.
        if ws.first().is_some_and(|w| participle(w))
            && let Some(last) = out.last_mut()
        {
            last.0.extend(ws);
            continue;
        }
        let subject = own_subject(p, &ws);
        let conditional = ws
            .iter()
            .take(3)
            .any(|w| matches!(w.as_str(), "if" | "unless" | "whether" | "suppose"));
        out.push((ws, subject, conditional));
    }
    // A clause with no subject of its own takes the one before it, else the
    // next ("Against legal's advice, I…"), else the narrator. A relative
    // clause lends none: in "I raised it in the room, where the VP could
    // see it, rather than let him patch it" the last act is still mine.
    let n = out.len();
    let relative: Vec<bool> = out
        .iter()
        .map(|(ws, _, _)| {
            ws.first()
                .is_some_and(|w| matches!(w.as_str(), "where" | "which" | "who" | "whom" | "whose"))
        })
        .collect();
    for k in 0..n {
        if out[k].1.is_none() {
            let before = (0..k)
                .rev()
                .filter(|&j| !relative[j])
                .find_map(|j| out[j].1);
            let after = (k + 1..n).find_map(|j| out[j].1);
            out[k].1 = Some(before.or(after).unwrap_or(Subject::Me));
        }
    }
    out.into_iter()
        .filter(|(ws, _, _)| !ws.is_empty())
        .map(|(words, subject, conditional)| Clause {
            words,
            subject: subject.unwrap_or(Subject::Me),
            conditional,
        })
        .collect()
}

/// Where `cue` matches in `words`: its segments (split at ` ~ `, "then
/// later in the clause") in order, a listed verb in any of its forms.
/// Returns the index of its first word.
pub fn find_cue(cue: &str, words: &[String]) -> Option<usize> {
    let first = cue.split(" ~ ").next()?;
    let start = super::cues::find_in(first, words, true)?;
    let after = start + first.split(' ').count();
    rest_follows(cue, words, after, 1, true).then_some(start)
}

/// The cues that start with one exact word.
#[derive(Default)]
struct ByFirst<'c> {
    /// One-word cues, and cues whose second word is a pattern.
    rest: Vec<usize>,
    /// Cues whose second word is exact, by that word.
    second: HashMap<&'c str, Vec<usize>>,
}

/// A list of cues indexed by their first word, so a clause is scanned once
/// per list rather than once per cue.
pub struct Cues<'c> {
    list: &'c [String],
    /// Cues by their first word, then (when exact) their second: a family
    /// spells hundreds of cues that start "didn't tell…", "didn't loop…".
    exact: HashMap<&'c str, ByFirst<'c>>,
    prefix: Vec<(&'c str, usize)>,
    wild: Vec<usize>,
    /// The cue names the candidate ("proved me right"): it needs no
    /// subject.
    names_me: Vec<bool>,
    /// The cue holds a listed verb, so it is matched in any of its forms
    /// (the others are matched as written, with no lookups).
    verb: Vec<bool>,
    /// Each cue's first segment (before any ` ~ `) and how many words it
    /// has: found once, not at every position a cue is tried.
    first: Vec<(&'c str, usize)>,
    starts: super::cues::Starts,
}

impl<'c> Cues<'c> {
    pub fn new(list: &'c [String]) -> Cues<'c> {
        let mut c = Cues {
            list,
            exact: HashMap::new(),
            prefix: Vec::new(),
            wild: Vec::new(),
            names_me: Vec::new(),
            verb: Vec::new(),
            first: Vec::new(),
            // A verb may start a cue in any of its forms.
            starts: super::cues::Starts::new(
                list.iter()
                    .flat_map(|c| super::verbs::forms(c.split(' ').next().unwrap_or(""))),
            ),
        };
        for (k, cue) in list.iter().enumerate() {
            let mut words = cue.split(' ');
            let first = words.next().unwrap_or("");
            match first {
                "_" | "#" => c.wild.push(k),
                f => match f.strip_suffix('*') {
                    Some(p) => c.prefix.push((p, k)),
                    None => {
                        // Verbs are indexed by their plain form.
                        let by = c.exact.entry(verb_base(f)).or_default();
                        match words.next() {
                            Some(w) if w != "~" && !super::cues::is_pattern(w) => {
                                by.second.entry(verb_base(w)).or_default().push(k)
                            }
                            _ => by.rest.push(k),
                        }
                    }
                },
            }
            c.names_me.push(
                cue.split(' ')
                    .any(|w| matches!(w, "i" | "me" | "my" | "myself")),
            );
            c.verb
                .push(cue.split(' ').any(|w| super::verbs::base(w).is_some()));
            let head = cue.split(" ~ ").next().unwrap_or("");
            c.first.push((head, head.split(' ').count()));
        }
        c
    }

    /// The candidate cues for a clause position: those whose first word
    /// could be `words[i]` (no allocation; most positions have none).
    fn candidates<'s>(
        &'s self,
        w: &'s str,
        next: Option<&'s str>,
    ) -> impl Iterator<Item = usize> + 's {
        use super::cues::get_or_plural;
        let exact = get_or_plural(&self.exact, verb_base(w)).flat_map(move |b| {
            let second = next
                .into_iter()
                .flat_map(move |n| get_or_plural(&b.second, verb_base(n)).flatten());
            b.rest.iter().chain(second).copied()
        });
        let prefix = self
            .prefix
            .iter()
            .filter(move |(p, _)| w.starts_with(p))
            .map(|(_, k)| *k);
        exact.chain(prefix).chain(self.wild.iter().copied())
    }

    /// The first cue said in `words`, not turned around, that `allowed`
    /// lets through.
    fn first(&self, words: &[String], allowed: impl Fn(usize, usize) -> bool) -> Option<&'c str> {
        if self.list.is_empty() {
            return None;
        }
        (0..words.len()).find_map(|i| {
            if !self.starts.may(&words[i]) {
                return None;
            }
            let k = self
                .candidates(&words[i], words.get(i + 1).map(String::as_str))
                .find(|&k| allowed(k, i) && self.matches_from(k, words, i))?;
            (!turned(words, i) && !judged_bad(words, i)).then(|| self.list[k].as_str())
        })
    }

    /// Whether cue `k` matches `words` with its first segment starting at
    /// `i` (a listed verb in any of its forms when the cue holds one).
    fn matches_from(&self, k: usize, words: &[String], i: usize) -> bool {
        let (head, n) = self.first[k];
        let verbs = self.verb[k];
        super::cues::matches_at_in(head, &words[i..], verbs)
            && (head.len() == self.list[k].len()
                || rest_follows(&self.list[k], words, i + n, 1, verbs))
    }

    /// Whether any cue may be said in `words` (before who said it).
    fn any(&self, words: &[String]) -> bool {
        (0..words.len()).any(|i| self.any_at(words, i))
    }

    /// Whether a cue may be said in `words` starting at word `i` (before
    /// who said it).
    fn any_at(&self, words: &[String], i: usize) -> bool {
        !self.list.is_empty()
            && self.starts.may(&words[i])
            && self
                .candidates(&words[i], words.get(i + 1).map(String::as_str))
                .any(|k| self.matches_from(k, words, i))
    }
}

/// A verb's plain form, any other word as it is: how cues are indexed.
fn verb_base(w: &str) -> &str {
    super::verbs::base(w).unwrap_or(w)
}

/// Whether the segments of `cue` after its first `skip` come later, in
/// order, from word `at` on (just after the first segment's match).
fn rest_follows(cue: &str, words: &[String], mut at: usize, skip: usize, verbs: bool) -> bool {
    for seg in cue.split(" ~ ").skip(skip) {
        match super::cues::find_in(seg, &words[at.min(words.len())..], verbs) {
            Some(k) => at += k + seg.split(' ').count(),
            None => return false,
        }
    }
    true
}

/// Whether a phrasing found at `at` is turned around by what comes before
/// it in its clause: within five words, or further back when an "or"
/// carries the negation on to it ("things I would not do are skip the
/// tests or energize ahead of the sign-off") or a cleft lists what the
/// candidate would not do ("what I wouldn't do is quietly drop load testing
/// and report green").
fn turned(words: &[String], at: usize) -> bool {
    let from = at.saturating_sub(5);
    if words[from..at].iter().enumerate().any(|(k, w)| {
        let j = from + k;
        // "I asked my analysts to keep it out of the deck" is the
        // candidate's own instruction, not someone else's wish.
        let own_ask = matches!(w.as_str(), "asked" | "proposed" | "suggested" | "urged")
            && j > 0
            && matches!(words[j - 1].as_str(), "i" | "we")
            && !words
                .get(j + 1)
                .is_some_and(|n| matches!(n.as_str(), "me" | "us" | "if" | "whether"));
        // "…a waiver so we could launch": a purpose, not a possibility.
        let purpose = w == "could"
            && j >= 2
            && matches!(words[j - 1].as_str(), "we" | "i" | "they")
            && (words[j - 2] == "so" || (j >= 3 && words[j - 2] == "that" && words[j - 3] == "so"));
        TURNERS.contains(&w.as_str()) && !own_ask && !purpose
    }) {
        return true;
    }
    if counterfactual(words, at) {
        return true;
    }
    let before = &words[..at];
    if own_negated_verb(before) {
        return true;
    }
    before
        .iter()
        .rposition(|w| {
            matches!(
                w.as_str(),
                "not" | "never" | "won't" | "wouldn't" | "didn't" | "don't" | "refused" | "refuse"
            )
        })
        .is_some_and(|k| {
            // "What I wouldn't do is drop the load test and report green":
            // the negation covers everything the cleft lists.
            let w = |j: usize| before.get(k + 1 + j).map(String::as_str);
            let cleft = (w(0) == Some("do") && matches!(w(1), Some("is" | "was")))
                || (w(0) == Some("ever")
                    && w(1) == Some("do")
                    && matches!(w(2), Some("is" | "was")));
            cleft
                || before[k..]
                    .iter()
                    .any(|w| matches!(w.as_str(), "or" | "nor"))
        })
}

/// Whether a phrasing found at `at` is what would have happened rather than
/// what did: "Then I would have signed the request myself", "we could've
/// shipped it". The perfect of "would", "could" or "might" within five
/// words before it ("I'd have…" too), not a causative "have" ("I would
/// have the team skip…" is a plan).
fn counterfactual(words: &[String], at: usize) -> bool {
    let from = at.saturating_sub(5);
    (from..at).any(|j| match words[j].as_str() {
        "would've" | "could've" | "might've" => true,
        "would" | "could" | "might" | "i'd" | "we'd" => {
            words.get(j + 1).is_some_and(|w| w == "have")
                && words.get(j + 2).is_some_and(|w| {
                    !matches!(
                        w.as_str(),
                        "the"
                            | "a"
                            | "an"
                            | "my"
                            | "our"
                            | "them"
                            | "him"
                            | "her"
                            | "it"
                            | "someone"
                            | "everyone"
                            | "to"
                            | "their"
                            | "his"
                            | "us"
                            | "me"
                    )
                })
        }
        _ => false,
    })
}

/// Whether a phrasing that opens on an "-ing" word is judged bad in the
/// same clause: "I thought skipping load testing was a bad bet", "cutting
/// the soak test would be a mistake". The act is named to be argued
/// against, not done.
fn judged_bad(words: &[String], at: usize) -> bool {
    if !words[at].ends_with("ing") {
        return false;
    }
    let rest = &words[at + 1..];
    rest.iter().enumerate().any(|(k, w)| {
        matches!(w.as_str(), "was" | "is" | "be" | "seemed" | "looked")
            && rest[k + 1..].iter().take(3).any(|x| {
                matches!(
                    x.as_str(),
                    "bad"
                        | "wrong"
                        | "mistake"
                        | "risky"
                        | "dangerous"
                        | "reckless"
                        | "unacceptable"
                        | "unsafe"
                        | "gamble"
                        | "non-starter"
                        | "irresponsible"
                )
            })
    })
}

/// Whether the words before a cue put it inside the candidate's own
/// negated verb phrase: "I do not keep the team past Friday without
/// approval", "we would never ship it ahead of the sign-off". The negation
/// follows "I" or "we" (with at most one auxiliary between) and reaches the
/// cue unless a new clause starts on the way ("and", "but", "until",
/// "because" …), or the phrase runs longer than a short sentence.
fn own_negated_verb(before: &[String]) -> bool {
    const NEGATED: &[&str] = &[
        "not", "never", "don't", "didn't", "won't", "wouldn't", "can't", "cannot",
    ];
    const BREAKS: &[&str] = &[
        "and", "but", "then", "until", "till", "because", "unless", "except", "so", "though",
        "although", "while", "when", "after", "before", "once", "if", "or", "instead", "yet",
    ];
    let Some(k) = before.iter().rposition(|w| NEGATED.contains(&w.as_str())) else {
        return false;
    };
    let subject = |j: usize| {
        before
            .get(j)
            .is_some_and(|w| matches!(w.as_str(), "i" | "we"))
    };
    let aux = |j: usize| {
        before.get(j).is_some_and(|w| {
            matches!(
                w.as_str(),
                "do" | "did" | "would" | "will" | "should" | "could" | "can" | "shall" | "must"
            )
        })
    };
    let own = (k >= 1 && subject(k - 1)) || (k >= 2 && aux(k - 1) && subject(k - 2));
    own && before.len() - k <= 12 && !before[k + 1..].iter().any(|w| BREAKS.contains(&w.as_str()))
}

/// Whether one of `cues` is said, not turned around, in a clause of `s`
/// whose subject fits.
pub fn said_in(s: &Sentence, cues: &[String], candidate_only: bool) -> Option<String> {
    let index = Cues::new(cues);
    said_in_clauses(s, None, &index, candidate_only).map(str::to_string)
}

/// [`said_in`] with the cues indexed and, if worked out, the sentence's
/// clauses.
fn said_in_clauses<'c>(
    s: &Sentence,
    cs: Option<&[Clause]>,
    cues: &Cues<'c>,
    candidate_only: bool,
) -> Option<&'c str> {
    if !candidate_only {
        // Anyone's: the whole sentence ("Risks: minimal"), except what
        // someone else is reported to have said ("The utility told us the
        // lines would take six years because of their own lead times"):
        // that is their account, not the candidate's.
        let reported = reported_from(&s.words);
        return cues.first(&s.words, |_, i| reported.is_none_or(|r| i < r));
    }
    // With the clauses already worked out, scanning them is the check;
    // otherwise rule the sentence out before cutting it into clauses.
    if cs.is_none() && !cues.any(&s.words) {
        return None;
    }
    let owned;
    let cs = match cs {
        Some(cs) => cs,
        None => {
            owned = clauses(s.text);
            &owned
        }
    };
    cs.iter()
        .filter(|c| !c.conditional)
        .find_map(|c| cues.first(&c.words, the_candidates(c, cues)))
}

/// Verbs that report what someone said.
const REPORTING: &[&str] = &[
    "told",
    "said",
    "explained",
    "warned",
    "claimed",
    "reported",
    "insisted",
    "assured",
    "confirmed",
    "estimated",
    "quoted",
    "promised",
    "wrote",
    "replied",
    "answered",
];

/// Where someone else's reported words begin, when a sentence opens on
/// them ("The utility told us that…", "Their lead said…"): the word after
/// the reporting verb. `None` when the sentence is the candidate's own, or
/// the reporter is the candidate ("I told the VP it was on the vendor").
fn reported_from(words: &[String]) -> Option<usize> {
    let v = words
        .iter()
        .take(6)
        .position(|w| REPORTING.contains(&w.as_str()))?;
    let reporter = &words[..v];
    let someone = !reporter.is_empty()
        && reporter.iter().all(|w| {
            !super::signals::is_i(w)
                && !super::signals::is_we(w)
                && !matches!(w.as_str(), "my" | "our" | "if" | "when" | "as" | "what")
        });
    someone.then_some(v + 1)
}

/// Words before a "that" that make it a pronoun or a conjunction, not a
/// relative pointing back to a thing ("because that just creates noise", "I
/// knew that…").
const NOT_A_NOUN: &[&str] = &[
    "because", "since", "as", "so", "and", "but", "or", "if", "when", "then", "said", "say",
    "says", "think", "thought", "knew", "know", "believe", "believed", "felt", "feel", "realised",
    "realized", "decided", "meant", "sure", "is", "was", "were", "are", "agreed", "argued",
    "showed", "found", "saw", "noticed", "hoped", "all", "do", "did", "like",
];

/// Which phrasings found in clause `c` are the candidate's own doing, by
/// cue and position: the clause is theirs, or the cue names them; and not
/// the act of a thing a relative "that", "which" or "who" points back to
/// ("the tolerance that hid it was my choice").
fn the_candidates<'a>(c: &'a Clause, cues: &'a Cues) -> impl Fn(usize, usize) -> bool + 'a {
    move |k, i| {
        cues.names_me[k]
            || (c.subject.candidate()
                && !(i >= 2
                    && matches!(c.words[i - 1].as_str(), "that" | "which" | "who")
                    && !NOT_A_NOUN.contains(&c.words[i - 2].as_str())
                    && !super::signals::is_i(&c.words[i])
                    && !super::signals::is_we(&c.words[i])))
    }
}

/// Whether a red flag is looked for in an answer of `format`.
fn applies(flag: &RedFlag, format: AnswerFormat) -> bool {
    flag.formats.is_empty() || flag.formats.contains(&format)
}

/// One sentence against one red flag: the phrasing it shows, if any.
pub fn flag_in(flag: &RedFlag, s: &Sentence) -> Option<String> {
    let cues = FlagCues::new(flag);
    flag_in_clauses(flag, &cues, s, None).map(str::to_string)
}

/// A red flag's phrasings, indexed: those that need the candidate as the
/// subject (unless the flag is anyone's) and those that count whoever it is.
struct FlagCues<'c> {
    cues: Cues<'c>,
    anyone: Cues<'c>,
    undone: Cues<'c>,
}

impl<'c> FlagCues<'c> {
    fn new(flag: &'c RedFlag) -> FlagCues<'c> {
        FlagCues {
            cues: Cues::new(&flag.cues),
            anyone: Cues::new(&flag.anyone),
            undone: Cues::new(&flag.undone_by),
        }
    }

    /// Whether a phrasing may be said in `words` starting at word `i`
    /// (before who said it).
    fn any_at(&self, words: &[String], i: usize) -> bool {
        self.cues.any_at(words, i) || self.anyone.any_at(words, i)
    }
}

/// Which red flags have a phrasing that may start at a word: every flag's
/// phrasings indexed together by their first word, so a sentence is
/// scanned once for all flags rather than once per flag.
struct FlagStarts<'c> {
    starts: super::cues::Starts,
    /// Flags by the plain form of a phrasing's exact first word.
    exact: HashMap<&'c str, Vec<usize>>,
    /// Flags with a phrasing whose first word is a stem (`escalat*`).
    prefix: Vec<(&'c str, usize)>,
    /// Flags with a phrasing that starts with `_` or `#`.
    wild: Vec<usize>,
}

impl<'c> FlagStarts<'c> {
    fn new(flags: &[(&'c RedFlag, FlagCues<'c>)]) -> FlagStarts<'c> {
        let firsts = || {
            flags.iter().enumerate().flat_map(|(fi, (f, _))| {
                f.cues
                    .iter()
                    .chain(&f.anyone)
                    .map(move |c| (fi, c.split(' ').next().unwrap_or("")))
            })
        };
        let mut s = FlagStarts {
            // A verb may start a phrasing in any of its forms.
            starts: super::cues::Starts::new(
                firsts().flat_map(|(_, first)| super::verbs::forms(first)),
            ),
            exact: HashMap::new(),
            prefix: Vec::new(),
            wild: Vec::new(),
        };
        for (fi, first) in firsts() {
            let list = match first {
                "_" | "#" => &mut s.wild,
                f => match f.strip_suffix('*') {
                    Some(p) => {
                        if !s.prefix.contains(&(p, fi)) {
                            s.prefix.push((p, fi));
                        }
                        continue;
                    }
                    None => s.exact.entry(verb_base(f)).or_default(),
                },
            };
            if !list.contains(&fi) {
                list.push(fi);
            }
        }
        s
    }

    /// Which of `flags` may be said in `words` (a phrasing found anywhere
    /// in it, before who said it), by index.
    fn may(&self, flags: &[(&'c RedFlag, FlagCues<'c>)], words: &[String]) -> Vec<bool> {
        let mut may = vec![false; flags.len()];
        for (i, w) in words.iter().enumerate() {
            if !self.starts.may(w) {
                continue;
            }
            let exact = super::cues::get_or_plural(&self.exact, verb_base(w)).flatten();
            let prefix = self
                .prefix
                .iter()
                .filter(|(p, _)| w.starts_with(p))
                .map(|(_, fi)| fi);
            for &fi in exact.chain(prefix).chain(&self.wild) {
                if !may[fi] && flags[fi].1.any_at(words, i) {
                    may[fi] = true;
                }
            }
        }
        may
    }
}

fn flag_in_clauses<'c>(
    flag: &RedFlag,
    cues: &FlagCues<'c>,
    s: &Sentence,
    cs: Option<&[Clause]>,
) -> Option<&'c str> {
    let cue = said_in_clauses(s, cs, &cues.cues, flag.subject == FlagSubject::Candidate)
        .or_else(|| cues.anyone.first(&s.words, |_, _| true))?;
    (!cleared(flag, &s.words)).then_some(cue)
}

/// Whether `words` say one of the flag's `unless` phrasings, which clear it.
pub(super) fn cleared(flag: &RedFlag, words: &[String]) -> bool {
    flag.unless.iter().any(|u| find_cue(u, words).is_some())
}

/// A red flag found in an answer.
pub struct FlagFound<'c> {
    pub flag: &'c RedFlag,
    pub evidence: Evidence,
}

/// The content's red flags and asks with their phrasings indexed: built once
/// per judge, not per answer.
pub struct Prepared<'c> {
    flags: Vec<(&'c RedFlag, FlagCues<'c>)>,
    starts: FlagStarts<'c>,
    asks: Vec<PreparedAsk<'c>>,
    /// The asks each question text makes, worked out once per question.
    asked: std::cell::RefCell<HashMap<String, Vec<usize>>>,
}

struct PreparedAsk<'c> {
    ask: &'c Ask,
    shows: Cues<'c>,
    contrary: Cues<'c>,
    opposite: Cues<'c>,
}

impl<'c> Prepared<'c> {
    pub fn new(content: &'c Content) -> Prepared<'c> {
        let flags: Vec<_> = content
            .red_flags
            .iter()
            .map(|f| (f, FlagCues::new(f)))
            .collect();
        Prepared {
            starts: FlagStarts::new(&flags),
            flags,
            asks: content
                .asks
                .iter()
                .map(|a| PreparedAsk {
                    ask: a,
                    shows: Cues::new(&a.shows),
                    contrary: Cues::new(&a.contrary),
                    opposite: Cues::new(&a.opposite),
                })
                .collect(),
            asked: Default::default(),
        }
    }
}

/// The candidate owning that they waited or held something back: what
/// makes a concealment they later undid candour ("two days was too long",
/// "the part I'm least proud of").
const OWNED_DELAY: &[&str] = &[
    "too long",
    "too late",
    "least proud",
    "not proud",
    "should have told",
    "should have raised",
    "should have said",
    "should've told",
    "should've raised",
    "should have flagged",
    "have preferred to raise",
    "have preferred to tell",
    "wish i had told",
    "wish i'd told",
    "wish i had raised",
    "wish i'd raised",
    "was wrong to wait",
    "was wrong to hold",
    "my mistake",
    "my fault",
    "on me",
    "greener than",
    "not a good reason",
    "no good reason",
    "wasn't a good reason",
    "i regret",
    "earlier than i did",
    "sooner than i did",
];

/// Every red flag the answer shows, with the sentence that shows it.
pub fn red_flags<'c>(
    prepared: &Prepared<'c>,
    said: &Said,
    format: AnswerFormat,
) -> Vec<FlagFound<'c>> {
    let mut out = Vec::new();
    let star_sentences = said.star_sentences().count().max(1);
    let owned_delay = std::cell::OnceCell::new();
    let owns_delay = || {
        *owned_delay.get_or_init(|| {
            said.sentences
                .iter()
                .any(|s| super::cues::first(OWNED_DELAY, &s.words).is_some())
        })
    };
    let flags: Vec<(usize, &(&RedFlag, FlagCues))> = prepared
        .flags
        .iter()
        .enumerate()
        .filter(|(_, (f, _))| applies(f, format))
        .collect();
    // Which flags each sentence may show (a phrasing found anywhere in it,
    // before who said it), and its clauses, worked out once and only for a
    // sentence that may show some flag: a flag is looked for in a
    // sentence's clauses only where the sentence may show it.
    let may: Vec<Vec<bool>> = said
        .sentences
        .iter()
        .map(|s| {
            let all = prepared.starts.may(&prepared.flags, &s.words);
            flags.iter().map(|&(fi, _)| all[fi]).collect()
        })
        .collect();
    let cs: Vec<Option<Vec<Clause>>> = said
        .sentences
        .iter()
        .zip(&may)
        .map(|(s, m)| m.contains(&true).then(|| clauses(s.text)))
        .collect();
    for (fi, &(_, &(flag, ref cues))) in flags.iter().enumerate() {
        let flag: &'c RedFlag = flag;
        let mut hits: Vec<(usize, &Sentence, &str)> = said
            .sentences
            .iter()
            .zip(&cs)
            .zip(&may)
            .enumerate()
            .filter_map(|(k, ((s, c), m))| {
                let c = c.as_deref().filter(|_| m[fi])?;
                flag_in_clauses(flag, cues, s, Some(c)).map(|cue| (k, s, cue))
            })
            .collect();
        // "I didn't raise it in the meeting; I booked 20 minutes with her":
        // what clears a phrasing may come in the half after a semicolon,
        // which ends the sentence but not the thought.
        hits.retain(|&(k, s, _)| {
            !(s.text.trim_end().ends_with(';')
                && said
                    .sentences
                    .get(k + 1)
                    .is_some_and(|n| cleared(flag, &n.words)))
        });
        // An act the candidate later undid themselves, in an answer that
        // owns the delay, is told candidly: "I didn't tell the sponsor for
        // two days … then I told her … two days was too long".
        if !hits.is_empty() && !flag.undone_by.is_empty() && owns_delay() {
            let last_undone = said
                .sentences
                .iter()
                .rposition(|s| said_in_clauses(s, None, &cues.undone, true).is_some());
            hits.retain(|&(k, _, _)| last_undone.is_none_or(|u| u <= k));
        }
        // Principle words come strung together, several to a sentence ("I
        // took ownership, drove alignment, dove deep and raised the bar"):
        // each phrasing counts, not only each sentence.
        let weight = if flag.id == "buzzwords" {
            hits.iter()
                .map(|(_, s, _)| {
                    flag.cues
                        .iter()
                        .filter(|c| find_cue(c, &s.words).is_some())
                        .count()
                        .max(1)
                })
                .sum()
        } else {
            hits.len()
        };
        if weight < usize::from(flag.min_hits) {
            continue;
        }
        // Blame needs that no part is owned anywhere in the answer.
        if flag.id == "blame" && super::signals::owns_part(said) {
            continue;
        }
        // LP words strung together: only when they make up a good part of
        // the story, not one "I dove deep" in a story full of events.
        if flag.id == "buzzwords" && weight * 4 < star_sentences {
            continue;
        }
        let (_, s, cue) = &hits[0];
        let reason = if weight > 1 {
            format!("{} ({} places)", flag.reason, weight)
        } else {
            // The phrasing as a reader says it, not in cue syntax.
            let said = cue
                .replace(" ~ ", " … ")
                .replace(" _ ", " … ")
                .replace(" # ", " … ")
                .replace('*', "…");
            format!("{} ('{said}')", flag.reason)
        };
        out.push(FlagFound {
            flag,
            evidence: Evidence {
                quote: super::text::cut_quote(s.text, 160).to_string(),
                effect: Effect::Minus,
                reason,
            },
        });
    }
    if let Some(ev) = impossible_percent(said)
        && let Some(&(flag, _)) = prepared.flags.iter().find(|(f, _)| f.id == "implausible")
        && !out.iter().any(|f| f.flag.id == "implausible")
    {
        out.push(FlagFound { flag, evidence: ev });
    }
    out
}

/// A reduction of more than 100 % ("cut costs by 150%"): it cannot be.
fn impossible_percent(said: &Said) -> Option<Evidence> {
    for s in &said.sentences {
        for (k, w) in s.words.iter().enumerate() {
            let Some(n) = w
                .strip_suffix('%')
                .and_then(|n| n.replace(',', "").parse::<f64>().ok())
            else {
                continue;
            };
            if n <= 100.0 {
                continue;
            }
            let before = &s.words[k.saturating_sub(6)..k];
            let down = before.iter().any(|b| {
                matches!(
                    b.as_str(),
                    "cut"
                        | "reduced"
                        | "reduce"
                        | "fell"
                        | "dropped"
                        | "down"
                        | "lowered"
                        | "decreased"
                        | "saved"
                        | "eliminated"
                        | "shrank"
                )
            });
            if down {
                return Some(Evidence {
                    quote: super::text::cut_quote(s.text, 160).to_string(),
                    effect: Effect::Minus,
                    reason: format!(
                        "a fall of {w} cannot be: nothing falls by more than all of it"
                    ),
                });
            }
        }
    }
    None
}

/// Whether the candidate says they did one of `cues`, as a fact: in a
/// clause of their own, not a condition, not turned around and not what
/// they should, could or would have done ("I should have stopped it early").
fn done_as_said(s: &Sentence, cues: &Cues) -> bool {
    if !cues.any(&s.words) {
        return false;
    }
    clauses(s.text).iter().filter(|c| !c.conditional).any(|c| {
        let Some(cue) = cues.first(&c.words, the_candidates(c, cues)) else {
            return false;
        };
        let at = find_cue(cue, &c.words).unwrap_or(0);
        !c.words[..at].iter().any(|w| {
            matches!(
                w.as_str(),
                "should"
                    | "could"
                    | "would"
                    | "might"
                    | "wish"
                    | "wished"
                    | "should've"
                    | "could've"
                    | "would've"
            )
        })
    })
}

impl<'c> Prepared<'c> {
    /// The asks `question_text` makes, by index (worked out once per
    /// question).
    fn asked(&self, question_text: &str) -> Vec<usize> {
        self.asked
            .borrow_mut()
            .entry(question_text.to_string())
            .or_insert_with(|| {
                let qw = words(question_text);
                (0..self.asks.len())
                    .filter(|&k| {
                        self.asks[k]
                            .ask
                            .question
                            .iter()
                            .any(|c| find_cue(c, &qw).is_some())
                    })
                    .collect()
            })
            .clone()
    }
}

impl PreparedAsk<'_> {
    /// Whether the story tells what the ask looks for (by anyone).
    fn shown(&self, said: &Said) -> bool {
        said.sentences
            .iter()
            .any(|s| said_in_clauses(s, None, &self.shows, false).is_some())
    }

    /// The first sentence where the candidate, as a fact, took the other
    /// side of what the ask looks for.
    fn opposite_told<'s, 'a>(&self, said: &'s Said<'a>) -> Option<&'s Sentence<'a>> {
        said.sentences
            .iter()
            .find(|s| done_as_said(s, &self.opposite))
    }
}

/// Whether the story tells something `question_text` asks for (told from
/// the side asked, not its opposite): a story that does is on the
/// question's topic whatever its words. `None` when the content says of no
/// ask the question makes.
pub fn answers_an_ask(prepared: &Prepared, question_text: &str, said: &Said) -> Option<bool> {
    let asked = prepared.asked(question_text);
    (!asked.is_empty()).then(|| {
        asked
            .iter()
            .map(|&k| &prepared.asks[k])
            .any(|p| p.shown(said) && p.opposite_told(said).is_none())
    })
}

/// An answer to `question_text` that is on the topic but does not deliver
/// what the question asks, as far as the content says what it asks: the
/// ask it misses and the evidence.
pub fn misses_ask<'c>(
    prepared: &Prepared<'c>,
    question_text: &str,
    said: &Said,
) -> Option<(&'c Ask, Evidence)> {
    let asked = prepared.asked(question_text);
    let missed = |a: &'c Ask, s: Option<&Sentence>, reason: String| {
        Some((
            a,
            Evidence {
                quote: s
                    .map(|s| super::text::cut_quote(s.text, 160).to_string())
                    .unwrap_or_default(),
                effect: Effect::Minus,
                reason,
            },
        ))
    };
    for p in asked.iter().map(|&k| &prepared.asks[k]) {
        let a = p.ask;
        // The candidate on the other side of what was asked: the story's
        // topic is right and its direction is not.
        if let Some(s) = p.opposite_told(said) {
            let reason = format!(
                "asked for {}, but the candidate took the other side",
                a.name
            );
            return missed(a, Some(s), reason);
        }
        if p.shown(said) {
            continue;
        }
        let reason = format!("asked for {}: {}", a.name, a.missing);
        // An ask that names its opposite (or its contrary) raises nothing on
        // the absence of `shows` alone: the story must tell the other side.
        if a.contrary.is_empty() && a.opposite.is_empty() {
            return missed(a, None, reason);
        }
        if let Some(s) = said
            .sentences
            .iter()
            .find(|s| said_in_clauses(s, None, &p.contrary, false).is_some())
        {
            return missed(a, Some(s), reason);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn subjects(t: &str) -> Vec<Subject> {
        clauses(t).iter().map(|c| c.subject).collect()
    }

    #[test]
    fn the_candidates_own_reasoning_is_their_doing() {
        assert_eq!(
            subjects("My reasoning was that raising it would only create noise"),
            [Subject::Me]
        );
        assert_eq!(
            subjects("My manager said it would create noise"),
            [Subject::Other]
        );
        // A "with" phrase names no one: the next clause keeps the subject
        // of the one before.
        assert_eq!(
            subjects(
                "So I built a slide, with the errors highlighted in red, and presented it at the review"
            ),
            [Subject::Me, Subject::Me, Subject::Me]
        );
        // A bare plural names others too.
        assert_eq!(
            subjects("There was a week where two contractors went over her head"),
            [Subject::Other, Subject::Other]
        );
    }

    #[test]
    fn what_the_candidate_saw_someone_do_is_that_persons_act() {
        assert_eq!(
            subjects(
                "I also heard a superintendent screaming at a cabling crew in front of everyone"
            ),
            [Subject::Other]
        );
        // Seeing something is still the candidate's own clause when no one
        // is caught in the act.
        assert_eq!(
            subjects("I noticed the gap and kept it out of the report"),
            [Subject::Me]
        );
    }

    #[test]
    fn a_participle_clause_goes_on_with_the_act_it_hangs_from() {
        let cs = clauses("I turned it on that weekend, skipping the change ticket");
        assert_eq!(cs.len(), 1);
        assert_eq!(cs[0].subject, Subject::Me);
        assert_eq!(cs[0].words.last().map(String::as_str), Some("ticket"));
        assert_eq!(
            subjects("The vendor pushed the patch, skipping the change ticket"),
            [Subject::Other]
        );
        // So a phrasing runs across the comma: the slide and what it shows
        // are one act.
        let s = "I added a slide to my section titled 'Dependency health', showing his three milestones and the dates they landed.";
        let w = &clauses(s)[0].words;
        assert!(
            find_cue("slide ~ showing his ~ milestones", w).is_some(),
            "{w:?}"
        );
    }

    #[test]
    fn what_the_candidate_thinks_of_someone_is_about_that_person() {
        assert_eq!(
            subjects("Honestly I think he was embarrassed"),
            [Subject::Other]
        );
        assert_eq!(
            subjects("I suspect that they knew about the gap"),
            [Subject::Other]
        );
        // The candidate's own thought about their own act stays theirs.
        assert_eq!(subjects("I think I embarrassed him"), [Subject::Me]);
    }

    #[test]
    fn clauses_know_who_did_it() {
        assert_eq!(
            subjects("I argued for the rewrite, but the director chose the patch"),
            vec![Subject::Me, Subject::Other]
        );
        assert_eq!(
            subjects("Against legal's advice, I shipped it"),
            vec![Subject::Me, Subject::Me]
        );
        assert_eq!(
            subjects("I lost the vote, kept running the old process"),
            vec![Subject::Me, Subject::Me]
        );
        assert_eq!(
            subjects("My manager wanted the date and we kept it"),
            vec![Subject::Other, Subject::We]
        );
        assert_eq!(
            subjects("Priya, our lead, signed off"),
            vec![Subject::Other, Subject::Other, Subject::Other]
        );
        // Someone's reaction to the candidate's act: the act is the
        // candidate's own clause.
        assert_eq!(
            subjects("My manager was annoyed I went over her head"),
            vec![Subject::Other, Subject::Me]
        );
        // A relative clause lends its subject to no later clause.
        assert_eq!(
            subjects(
                "I raised them in the room, where the VP could see the gaps, rather than let Daniel patch them"
            ),
            vec![Subject::Me, Subject::Other, Subject::Me]
        );
        // Without a reaction word the sentence stays one clause.
        assert_eq!(
            subjects("My manager asked if I could keep it quiet"),
            vec![Subject::Other]
        );
        // A condition inside a sentence opens a clause of its own, marked
        // as one: what was weighed is not what was done.
        let c = clauses("I wrote what it would cost merchants if we launched anyway");
        assert_eq!(c.len(), 2);
        assert!(!c[0].conditional && c[1].conditional, "{c:?}");
    }

    #[test]
    fn a_relative_clause_is_the_act_of_the_thing_it_points_back_to() {
        let cues = vec!["hid it".to_string()];
        let s = |t: &'static str| Sentence {
            field: super::super::text::Field::Action,
            text: t,
            words: words(t),
            has_number: false,
            own_action: false,
        };
        // The tolerance hid it, not the candidate …
        let t = s(
            "I told my director the same day, including that the tolerance that hid it was my choice",
        );
        assert_eq!(said_in(&t, &cues, true), None);
        // … while "that" as a pronoun, or "I" after a relative, leaves the
        // act the candidate's.
        let list = vec!["just creates noise".to_string()];
        let noise = Cues::new(&list);
        let c = Clause {
            words: words("I kept it in the team because that just creates noise"),
            subject: Subject::Me,
            conditional: false,
        };
        assert_eq!(
            noise.first(&c.words, the_candidates(&c, &noise)),
            Some("just creates noise")
        );
        let cues = vec!["i hid it".to_string()];
        let t = s("It was a report that I hid it in for a week");
        assert_eq!(said_in(&t, &cues, true).as_deref(), Some("i hid it"));
    }

    #[test]
    fn cues_with_a_gap_match_in_order() {
        let w = words("we replicated synchronously across every region in microseconds");
        assert_eq!(find_cue("replicat* ~ microsecond*", &w), Some(1));
        assert_eq!(find_cue("microsecond* ~ replicat*", &w), None);
    }

    #[test]
    fn a_listed_verb_matches_in_any_form_and_other_words_as_written() {
        let plan = words("I'd keep the open items out of the weekly report");
        let story = words("I kept the open items out of the weekly report");
        for w in [&plan, &story] {
            assert_eq!(find_cue("kept the ~ out of the ~ report", w), Some(1));
            assert_eq!(find_cue("keeping the ~ out of the ~ report", w), Some(1));
        }
        // Other words match as written (a cue's word also matches its
        // plural, never the other way round).
        let deck = words("I kept the open items out of the weekly deck");
        assert_eq!(find_cue("out of the weekly deck", &deck), Some(5));
        assert_eq!(find_cue("out of the weekly decks", &deck), None);
        assert_eq!(find_cue("out of the week deck", &deck), None);
        // The index finds a cue written in another tense.
        let list = vec!["left the defect out of".to_string()];
        let cues = Cues::new(&list);
        assert!(cues.any(&words("I'd leave the defect out of the launch report")));
        assert!(!cues.any(&words("I'd leave the team out of it")));
    }

    #[test]
    fn the_candidates_own_negated_verb_covers_its_whole_phrase() {
        // Six words back, beyond the near window, the negation is still
        // the candidate's own and covers the phrase …
        assert!(turned_at(
            "I do not keep the team past Friday without approval",
            "without approval"
        ));
        // … but not across a new clause …
        assert!(!turned_at(
            "I did not wait for the inspector and the team energized the racks without approval",
            "without approval"
        ));
        // … nor when someone else's verb is negated.
        assert!(!turned_at(
            "the vendor did not tell anyone and shipped the firmware past Friday without approval",
            "without approval"
        ));
    }

    /// Whether `cue`, found in `text`, is turned around there.
    fn turned_at(text: &str, cue: &str) -> bool {
        let w = words(text);
        let at = find_cue(cue, &w).unwrap();
        turned(&w, at)
    }

    #[test]
    fn what_would_have_happened_was_not_done() {
        // The perfect of "would" names what did not happen …
        for text in [
            "Then I would have signed the vendor request myself that week",
            "I'd have skipped the security review",
            "we could've shipped it ahead of the sign-off",
        ] {
            let w = words(text);
            let at = ["signed", "skipped", "shipped"]
                .iter()
                .find_map(|c| find_cue(c, &w))
                .unwrap();
            assert!(turned(&w, at), "{text}");
        }
        // … a causative "have" and a plain "would" are a plan.
        assert!(!turned_at(
            "I would have the team skip the security review",
            "skip the security review"
        ));
        assert!(!turned_at(
            "I would skip the security review for the pilot",
            "skip the security review"
        ));
    }

    #[test]
    fn an_act_named_to_be_judged_bad_is_not_done() {
        let judged = |text: &str, cue: &str| {
            let w = words(text);
            judged_bad(&w, find_cue(cue, &w).unwrap())
        };
        assert!(judged(
            "I thought skipping load testing entirely was a bad bet",
            "skipping load testing"
        ));
        assert!(judged(
            "cutting the soak test would be a mistake",
            "cutting the soak test"
        ));
        assert!(!judged(
            "skipping load testing was the only way to hit the date",
            "skipping load testing"
        ));
        assert!(!judged(
            "I skipped load testing, which was a bad bet",
            "skipped load testing"
        ));
    }

    #[test]
    fn a_purpose_denied_stays_denied() {
        let cs = clauses("Not so I could be proven right, but so we would find out early");
        assert_eq!(cs[0].words[..2], ["not", "so"]);
    }

    #[test]
    fn a_purpose_or_the_candidates_own_proposal_turns_nothing() {
        assert!(!turned_at(
            "he signed a waiver so we could launch and have privacy review the flows afterwards",
            "privacy review"
        ));
        assert!(turned_at(
            "we could launch and have privacy review the flows afterwards",
            "privacy review"
        ));
        assert!(!turned_at(
            "I proposed that we skip the security review",
            "skip the security review"
        ));
        assert!(turned_at(
            "the vendor proposed that we skip the security review",
            "skip the security review"
        ));
    }

    #[test]
    fn turned_phrasings_do_not_count() {
        assert!(turned_at(
            "I refused to skip the security review",
            "skip the security review"
        ));
        assert!(!turned_at(
            "I decided to skip the security review",
            "skip the security review"
        ));
        // A negation carries over "or" to the next thing refused …
        assert!(turned_at(
            "things I would not do are skip the integrated tests or energize ahead of the inspector's sign-off",
            "ahead of"
        ));
        // … but not over "and" to something that was done.
        assert!(!turned_at(
            "I did not wait for the inspector and we energized the racks ahead of the sign-off",
            "ahead of"
        ));
        // A cleft lists what the candidate would not do, "and" included …
        assert!(turned_at(
            "what I wouldn't do is quietly drop load testing and report green",
            "report green"
        ));
        // … while "do" as a plain verb carries no cleft.
        assert!(!turned_at(
            "I didn't do the security review that week and then reported green anyway",
            "reported green"
        ));
        // Someone else's wish turns it around; the candidate's own
        // instruction to others does not.
        assert!(turned_at(
            "the director asked me to keep it out of the deck",
            "keep it out of the"
        ));
        assert!(!turned_at(
            "I asked my analysts to keep it out of the deck",
            "keep it out of the"
        ));
    }
}
