//! Checks for timed writing exercises (narratives, PR/FAQs, COEs, …).

use super::analysis::{count_numbers, word_count};
use super::judge::seeks::{self, CUSTOMER_CUES, TIMELINE_CUES};
use super::judge::{cues, text};
use crate::content::{WritingCheck, WritingPrompt};

/// One check's outcome.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckResult {
    pub check: WritingCheck,
    pub passed: bool,
    pub detail: String,
}

impl CheckResult {
    /// As stored: `word-count: pass — 512 words (400–700)`.
    pub fn summary(&self) -> String {
        format!(
            "{}: {} — {}",
            check_id(self.check),
            if self.passed { "pass" } else { "fail" },
            self.detail
        )
    }
}

pub fn check_id(c: WritingCheck) -> &'static str {
    match c {
        WritingCheck::WordCount => "word-count",
        WritingCheck::Sections => "sections",
        WritingCheck::HasMetric => "has-metric",
        WritingCheck::NoWeaselWords => "no-weasel-words",
        WritingCheck::NoBulletsOnly => "no-bullets-only",
        WritingCheck::HasDate => "has-date",
        WritingCheck::CustomerFirst => "customer-first",
        WritingCheck::SentenceLength => "sentence-length",
        WritingCheck::DataOverAdjectives => "data-over-adjectives",
        WritingCheck::AnswersObjections => "answers-objections",
        WritingCheck::PrFaqParts => "pr-faq-parts",
    }
}

/// Every check, in the order the content documents them.
pub const ALL_CHECKS: [WritingCheck; 11] = [
    WritingCheck::WordCount,
    WritingCheck::Sections,
    WritingCheck::HasMetric,
    WritingCheck::NoWeaselWords,
    WritingCheck::NoBulletsOnly,
    WritingCheck::HasDate,
    WritingCheck::CustomerFirst,
    WritingCheck::SentenceLength,
    WritingCheck::DataOverAdjectives,
    WritingCheck::AnswersObjections,
    WritingCheck::PrFaqParts,
];

/// A stored check summary (`word-count: pass — 512 words (400–700)`) as
/// (its label in words, passed, detail); `None` if it is not in that shape.
pub fn parse_summary(summary: &str) -> Option<(&'static str, bool, String)> {
    let (id, rest) = summary.split_once(": ")?;
    let check = ALL_CHECKS.iter().find(|c| check_id(**c) == id)?;
    let (verdict, detail) = rest.split_once(" — ").unwrap_or((rest, ""));
    let passed = match verdict {
        "pass" => true,
        "fail" => false,
        _ => return None,
    };
    Some((check_label(*check), passed, detail.to_string()))
}

/// What a check looks for, in words, for the brief and the results.
pub fn check_label(c: WritingCheck) -> &'static str {
    match c {
        WritingCheck::WordCount => "length in range",
        WritingCheck::Sections => "required sections",
        WritingCheck::HasMetric => "backed by numbers",
        WritingCheck::NoWeaselWords => "no weasel words",
        WritingCheck::NoBulletsOnly => "prose, not bullets",
        WritingCheck::HasDate => "a date or deadline",
        WritingCheck::CustomerFirst => "customer first",
        WritingCheck::SentenceLength => "short sentences",
        WritingCheck::DataOverAdjectives => "data, not adjectives",
        WritingCheck::AnswersObjections => "every objection answered",
        WritingCheck::PrFaqParts => "the parts of a PR/FAQ",
    }
}

/// A line that is a bullet or a numbered item.
fn is_bullet(l: &str) -> bool {
    l.starts_with(['-', '*', '•'])
        || l.split_once(['.', ')'])
            .is_some_and(|(n, _)| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
}

/// Prose passes "prose, not bullets" when under this share of its text
/// lines are bullets: a narrative is paragraphs.
pub const MAX_BULLET_SHARE: f64 = 0.2;

/// Mean words per sentence that still reads as plain writing.
pub const MAX_MEAN_SENTENCE_WORDS: f64 = 24.0;
/// A sentence this long is a run-on …
pub const LONG_SENTENCE_WORDS: usize = 40;
/// … and this share of them fails the check.
pub const MAX_LONG_SHARE: f64 = 0.1;

/// Adjectives that stand in for data ("a significant improvement").
const PUFFERY: &[&str] = &[
    "significant*",
    "substantial*",
    "dramatic*",
    "massive*",
    "huge",
    "tremendous*",
    "enormous*",
    "incredibl*",
    "amazing*",
    "great",
    "greatly",
    "excellent",
    "best",
    "better",
    "faster",
    "cheaper",
    "seamless*",
    "robust",
    "major",
    "vast*",
    "lots",
    "many",
    "numerous",
    "considerabl*",
    "world-class",
    "best-in-class",
    "cutting-edge",
    "state-of-the-art",
    "game-changing",
    "revolutionary",
    "unprecedented",
];

/// Words that say an objection is being answered.
const ANSWER_CUES: &[&str] = &[
    "because",
    "so",
    "mitigat*",
    "we will",
    "i will",
    "will be",
    "plan",
    "instead",
    "offset*",
    "pays back",
    "pay back",
    "payback",
    "in return",
    "which means",
    "to address",
    "addresses",
    "answer*",
    "by",
    "until",
    "cap*",
    "limit*",
    "only",
    "not",
];

/// The sentences of `text` with their words (headings and bullets count as
/// sentences too).
fn sentences(text: &str) -> Vec<(&str, Vec<String>)> {
    text::split_sentences(text)
        .into_iter()
        .map(|s| (s, text::words(s)))
        .filter(|(_, w)| !w.is_empty())
        .collect()
}

/// The parts a PR/FAQ needs, each with whether `text` has it.
pub fn pr_faq_parts(text: &str) -> Vec<(&'static str, bool)> {
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let lower = text.to_lowercase();
    // The press release: everything before the first FAQ heading.
    let faq_at = text
        .lines()
        .position(|l| heading(l).is_some_and(|(h, _)| h.to_lowercase().contains("faq")))
        .unwrap_or(usize::MAX);
    let release: String = text.lines().take(faq_at).collect::<Vec<_>>().join("\n");
    let release_words = text::words(&release);
    let headline = lines
        .first()
        .is_some_and(|l| heading(l).is_some() || l.split_whitespace().count() <= 16);
    let dated = release_words.iter().take(150).any(|w| seeks::is_month(w))
        || release_words.iter().take(150).any(|w| {
            w.chars().filter(|c| c.is_ascii_digit()).count() >= 6 && w.contains(['-', '/'])
        });
    let quote = release.contains(['"', '“', '”'])
        && cues::first(&["said", "says", "according to"], &release_words).is_some();
    let faq = |names: &[&str]| {
        text.lines().filter_map(heading).any(|(h, _)| {
            let h = h.to_lowercase();
            names.iter().any(|n| h.contains(n))
        })
    };
    let customer_faq = faq(&[
        "external faq",
        "customer faq",
        "customer faqs",
        "external faqs",
    ]);
    let internal_faq = faq(&["internal faq", "internal faqs", "stakeholder faq"]);
    let questions = text.lines().filter(|l| l.trim_end().ends_with('?')).count();
    vec![
        ("a headline", headline),
        ("a launch-day date in the release", dated),
        ("a customer quote", quote),
        ("a customer (external) FAQ", customer_faq),
        ("an internal FAQ", internal_faq),
        (
            "FAQ entries written as questions (4 or more)",
            questions >= 4 && lower.contains("faq"),
        ),
    ]
}

const WEASEL: &[&str] = &[
    "very",
    "really",
    "significantly",
    "basically",
    "various",
    "several",
    "many",
    "some",
    "nearly",
    "arguably",
    "seamless",
    "robust",
    "world-class",
    "best-in-class",
    "leverage",
    "synergy",
    "kind of",
    "sort of",
    "a lot",
    "huge",
    "soon",
    "maybe",
    "probably",
    "perhaps",
    "hopefully",
    "i think",
    "i believe",
];

/// How many weasel words a document may hold and still pass.
pub const MAX_WEASEL: usize = 2;

fn count_phrase(lower: &str, phrase: &str) -> usize {
    if phrase.contains(' ') {
        lower.matches(phrase).count()
    } else {
        lower
            .split(|c: char| !c.is_alphanumeric() && c != '-')
            .filter(|w| *w == phrase)
            .count()
    }
}

/// A line written as a heading: marked (`## Name`, `**Name**`, `Name:`) or
/// a short bare line that is only a name. Returns its text and whether it
/// was marked.
pub fn heading(line: &str) -> Option<(String, bool)> {
    let t = line.trim();
    if t.is_empty() {
        return None;
    }
    let marked = t.starts_with('#')
        || (t.starts_with("**") && t.ends_with("**") && t.len() > 4)
        || (t.ends_with(':') && t.split_whitespace().count() <= 6);
    let name = t
        .trim_start_matches('#')
        .trim()
        .trim_matches('*')
        .trim()
        .trim_end_matches(':')
        .trim();
    let bare = t.split_whitespace().count() <= 5 && !t.ends_with(['.', '?', '!', ',', ';']);
    (marked || bare).then(|| (name.to_string(), marked))
}

/// Whether `text` has `section` as a heading (case-insensitive). A marked
/// heading may add words after the name ("## Risks and mitigations (top
/// 3)"); a bare line must be the name alone.
pub fn has_section(text: &str, section: &str) -> bool {
    let want = section.trim().to_lowercase();
    text.lines().filter_map(heading).any(|(h, marked)| {
        let h = h.to_lowercase();
        h == want
            || (marked
                && [" ", "(", ":", " -", " —"]
                    .iter()
                    .any(|sep| h.starts_with(&format!("{want}{sep}"))))
    })
}

/// Runs the prompt's checks on `text`.
pub fn check(prompt: &WritingPrompt, text: &str) -> Vec<CheckResult> {
    let lower = text.to_lowercase();
    let words = word_count(text);
    prompt
        .checks
        .iter()
        .map(|&c| {
            let (passed, detail) = match c {
                WritingCheck::WordCount => (
                    (prompt.min_words..=prompt.max_words).contains(&words),
                    format!("{words} words ({}–{})", prompt.min_words, prompt.max_words),
                ),
                WritingCheck::Sections => {
                    let missing: Vec<&str> = prompt
                        .sections
                        .iter()
                        .filter(|s| !has_section(text, s))
                        .map(String::as_str)
                        .collect();
                    if missing.is_empty() {
                        (
                            true,
                            format!("all {} sections present", prompt.sections.len()),
                        )
                    } else {
                        (false, format!("missing: {}", missing.join(", ")))
                    }
                }
                WritingCheck::HasMetric => {
                    let n = count_numbers(text);
                    (n > 0, format!("{n} numbers"))
                }
                WritingCheck::NoWeaselWords => {
                    let found: Vec<String> = WEASEL
                        .iter()
                        .filter_map(|w| {
                            let n = count_phrase(&lower, w);
                            (n > 0).then(|| format!("{w} ×{n}"))
                        })
                        .collect();
                    let total: usize = WEASEL.iter().map(|w| count_phrase(&lower, w)).sum();
                    (
                        total <= MAX_WEASEL,
                        if found.is_empty() {
                            "none".into()
                        } else {
                            format!("{} ({MAX_WEASEL} at most pass)", found.join(", "))
                        },
                    )
                }
                WritingCheck::NoBulletsOnly => {
                    // Headings are neither prose nor bullets; a short
                    // bullet line still counts as one line.
                    let lines: Vec<&str> = text
                        .lines()
                        .map(str::trim)
                        .filter(|l| !l.is_empty() && (is_bullet(l) || heading(l).is_none()))
                        .collect();
                    let bullets = lines.iter().filter(|l| is_bullet(l)).count();
                    let share = if lines.is_empty() {
                        1.0
                    } else {
                        bullets as f64 / lines.len() as f64
                    };
                    (
                        share < MAX_BULLET_SHARE,
                        format!(
                            "{:.0} % of text lines are bullets (under {:.0} % passes: write paragraphs)",
                            share * 100.0,
                            MAX_BULLET_SHARE * 100.0
                        ),
                    )
                }
                WritingCheck::SentenceLength => {
                    let s: Vec<usize> = sentences(text)
                        .iter()
                        .filter(|(l, _)| heading(l).is_none())
                        .map(|(_, w)| w.len())
                        .collect();
                    let n = s.len().max(1);
                    let mean = s.iter().sum::<usize>() as f64 / n as f64;
                    let long = s.iter().filter(|w| **w >= LONG_SENTENCE_WORDS).count();
                    (
                        !s.is_empty()
                            && mean <= MAX_MEAN_SENTENCE_WORDS
                            && (long as f64) <= MAX_LONG_SHARE * n as f64,
                        format!(
                            "{mean:.0} words a sentence on average (at most {MAX_MEAN_SENTENCE_WORDS:.0}), {long} of {} sentences {LONG_SENTENCE_WORDS}+ words",
                            s.len()
                        ),
                    )
                }
                WritingCheck::DataOverAdjectives => {
                    let numbers = count_numbers(text) as usize;
                    let all = text::words(text);
                    let puffery = cues::count(PUFFERY, &all);
                    (
                        numbers >= 3 && numbers >= puffery,
                        format!(
                            "{numbers} numbers, {puffery} adjectives standing in for data (needs 3+ numbers and more numbers than such adjectives)"
                        ),
                    )
                }
                WritingCheck::AnswersObjections => {
                    let sents = sentences(text);
                    let missing: Vec<&str> = prompt
                        .objections
                        .iter()
                        .filter(|o| {
                            let alts: Vec<&str> = o.split('|').map(str::trim).collect();
                            !sents.iter().any(|(_, w)| {
                                let lower_alts: Vec<String> =
                                    alts.iter().map(|a| a.to_lowercase()).collect();
                                let refs: Vec<&str> = lower_alts.iter().map(String::as_str).collect();
                                cues::first(&refs, w).is_some()
                                    && (w.iter().any(|x| cues::is_number(x))
                                        || cues::first(ANSWER_CUES, w).is_some())
                            })
                        })
                        .map(String::as_str)
                        .collect();
                    if missing.is_empty() {
                        (
                            true,
                            format!("all {} objections answered", prompt.objections.len()),
                        )
                    } else {
                        (false, format!("not answered: {}", missing.join(", ")))
                    }
                }
                WritingCheck::PrFaqParts => {
                    let parts = pr_faq_parts(text);
                    let missing: Vec<&str> =
                        parts.iter().filter(|p| !p.1).map(|p| p.0).collect();
                    if missing.is_empty() {
                        (true, format!("all {} parts present", parts.len()))
                    } else {
                        (false, format!("missing: {}", missing.join("; ")))
                    }
                }
                WritingCheck::HasDate => {
                    // The judge's time words (as for `no-timeline`), or a date.
                    let ok = cues::first(TIMELINE_CUES, &text::words(text)).is_some()
                        || text
                            .split(|c: char| !c.is_ascii_digit() && c != '-' && c != '/')
                            .any(|t| {
                                t.len() >= 8
                                    && t.chars().filter(|c| c.is_ascii_digit()).count() >= 6
                            });
                    (
                        ok,
                        if ok {
                            "found".into()
                        } else {
                            "none found".into()
                        },
                    )
                }
                WritingCheck::CustomerFirst => {
                    let first: Vec<String> = lower
                        .split_whitespace()
                        .take(60)
                        .map(str::to_string)
                        .collect();
                    // Named outright or by role ("capacity planners",
                    // "site technicians"), as the judge recognises them.
                    let opening = text::words(&first.join(" "));
                    let ok = cues::first(CUSTOMER_CUES, &opening).is_some();
                    (
                        ok,
                        if ok {
                            "the customer appears in the first 60 words".into()
                        } else {
                            "no customer in the first 60 words".into()
                        },
                    )
                }
            };
            CheckResult {
                check: c,
                passed,
                detail,
            }
        })
        .collect()
}

/// One thing a reader of a narrative or PR/FAQ looks for in its substance,
/// found (with the sentence that shows it, quoted) or missing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// What is looked for, in words ("reasoning backed by data").
    pub aspect: &'static str,
    /// The sentence that shows it, as written; `None`: missing.
    pub quote: Option<String>,
    /// What the finding means to the reader.
    pub note: String,
}

/// Words that state a point, an ask or a decision up front.
const POINT: &[&str] = &[
    "we should",
    "i recommend",
    "we recommend",
    "recommend*",
    "propos*",
    "this document",
    "this narrative",
    "this paper",
    "this note",
    "the ask",
    "we ask",
    "i ask",
    "decision",
    "decide",
    "we will",
    "we are launching",
    "today * announce*",
    "announc*",
    "i built",
    "i led",
    "i ran",
    "i owned",
    "in short",
    "the point",
    "in summary",
    "summary",
    "so that",
];

/// Words that give a reason.
const BECAUSE: &[&str] = &[
    "because",
    "so",
    "therefore",
    "which meant",
    "as a result",
    "since",
    "led to",
    "drove",
    "caused",
    "due to",
    "showed",
    "meant that",
    "which is why",
    "the data",
    "which cut",
    "which reduced",
    "which saved",
    "which raised",
    "which halved",
    "which doubled",
    "in a * pilot",
    "the pilot",
];

/// Words that weigh an option against another or own what did not work.
const TRADE_OFFS: &[&str] = &[
    "instead of",
    "instead",
    "trade-off*",
    "tradeoff*",
    "traded",
    "trade",
    "gave up",
    "give up",
    "at the cost",
    "rather than",
    "did not work",
    "didn't work",
    "does not work",
    "failed",
    "fail*",
    "mistake*",
    "wrong",
    "we dropped",
    "i dropped",
    "cost us",
    "downside*",
    "risk*",
    "did not",
    "didn't",
    "but",
    "however",
];

/// Words that name the customer or the people on the receiving end.
const CUSTOMER: &[&str] = &[
    "customer*",
    "client*",
    "seller*",
    "buyer*",
    "user*",
    "shopper*",
    "patient*",
    "driver*",
    "technician*",
    "developer*",
    "operator*",
    "partner*",
    "member*",
    "they told",
    "complain*",
];

/// Words that say what happens next.
const NEXT: &[&str] = &[
    "next",
    "we will",
    "i will",
    "we'll",
    "i'll",
    "plan to",
    "planning to",
    "by q#",
    "by the end of",
    "open question*",
    "remaining",
    "still to",
    "the ask",
    "we need",
    "i need",
    "roadmap",
    "phase two",
    "phase 2",
];

/// A sentence quoted as written, shortened at a word for the screen.
fn quoted(s: &str) -> String {
    text::cut_quote(s.trim(), 150).to_string()
}

/// Judges a narrative or PR/FAQ on its substance, as a reader would: is
/// the point up front, is the reasoning backed by data, does it weigh
/// trade-offs and say what did not work, is the customer in it, and does it
/// say what happens next. Each finding quotes the sentence that shows it.
pub fn substance(text: &str) -> Vec<Finding> {
    // Headings and bullets are not sentences a point can be made in.
    let prose: Vec<(&str, Vec<String>)> = sentences(text)
        .into_iter()
        .filter(|(s, w)| heading(s).is_none() && w.len() >= 4)
        .collect();
    let has_number = |w: &[String]| w.iter().any(|x| cues::is_number(x));
    let find =
        |f: &dyn Fn(&[String]) -> bool| prose.iter().find(|(_, w)| f(w)).map(|(s, _)| quoted(s));
    let mut out = Vec::new();
    // The point: in the opening two sentences.
    let point = prose
        .iter()
        .take(2)
        .find(|(_, w)| cues::first(POINT, w).is_some() || has_number(w))
        .map(|(s, _)| quoted(s));
    out.push(Finding {
        aspect: "a clear point",
        note: match &point {
            Some(_) => "states its point or ask up front".into(),
            None => "opens with background: the reader has to hunt for the point".into(),
        },
        quote: point,
    });
    let reasoning = find(&|w| cues::first(BECAUSE, w).is_some() && has_number(w));
    out.push(Finding {
        aspect: "reasoning backed by data",
        note: match &reasoning {
            Some(_) => "gives a reason with a number behind it".into(),
            None => "no reason is backed by a number: claims stand alone".into(),
        },
        quote: reasoning,
    });
    let trade = find(&|w| cues::first(TRADE_OFFS, w).is_some());
    out.push(Finding {
        aspect: "trade-offs and what did not work",
        note: match &trade {
            Some(_) => "weighs an option or owns what did not work".into(),
            None => "reads as if nothing was given up and nothing went wrong".into(),
        },
        quote: trade,
    });
    let customer = find(&|w| cues::first(CUSTOMER, w).is_some());
    out.push(Finding {
        aspect: "the customer",
        note: match &customer {
            Some(_) => "names who it is for".into(),
            None => "never says who it is for".into(),
        },
        quote: customer,
    });
    let next = find(&|w| cues::first(NEXT, w).is_some());
    out.push(Finding {
        aspect: "what happens next",
        note: match &next {
            Some(_) => "says what happens next".into(),
            None => "stops without saying what happens next or what it asks for".into(),
        },
        quote: next,
    });
    out
}

#[cfg(test)]
mod tests {
    use super::substance;

    #[test]
    fn substance_quotes_the_reasoning_and_names_what_is_missing() {
        let good = "I recommend we move returns labels to the seller portal by Q3.\n\nSellers opened 4,100 tickets in May because the label link expired after 24 hours, so most tickets were about a link that no longer worked. We chose a longer link instead of a new email, which cost us one week. Next, we will pilot it with 200 sellers in July.";
        let f = substance(good);
        assert_eq!(f.len(), 5);
        for x in &f {
            let q = x
                .quote
                .as_deref()
                .unwrap_or_else(|| panic!("{} missing", x.aspect));
            assert!(good.contains(q), "{q}");
        }
        assert!(
            f[1].quote
                .as_deref()
                .unwrap()
                .contains("because the label link expired")
        );
        assert!(
            f[2].quote
                .as_deref()
                .unwrap()
                .contains("instead of a new email")
        );
        // Numbers and length alone do not make substance.
        let padded = "Our team has a long history.\n\nIn 2023 there were 12 teams and 40 services and 300 dashboards.\n\nThe work was hard and the team worked hard on it for 9 months.";
        let f = substance(padded);
        let missing: Vec<&str> = f
            .iter()
            .filter(|x| x.quote.is_none())
            .map(|x| x.aspect)
            .collect();
        assert!(missing.contains(&"reasoning backed by data"), "{missing:?}");
        assert!(missing.contains(&"the customer"), "{missing:?}");
        assert!(missing.contains(&"what happens next"), "{missing:?}");
    }

    use super::*;

    #[test]
    fn stored_summaries_parse_back_into_words() {
        for c in ALL_CHECKS {
            let r = CheckResult {
                check: c,
                passed: c == WritingCheck::HasDate,
                detail: "some detail — with a dash".into(),
            };
            assert_eq!(
                parse_summary(&r.summary()),
                Some((check_label(c), r.passed, r.detail.clone()))
            );
        }
        assert_eq!(parse_summary("made-up: pass — x"), None);
        assert_eq!(parse_summary("no colon"), None);
    }
    use crate::content::WritingKind;

    fn prompt() -> WritingPrompt {
        WritingPrompt {
            id: "w".into(),
            title: "t".into(),
            kind: WritingKind::PrFaq,
            prompt: "p".into(),
            minutes: 30,
            min_words: 20,
            max_words: 200,
            sections: vec!["Headline".into(), "FAQ".into()],
            checks: ALL_CHECKS
                .iter()
                .copied()
                .filter(|c| *c != WritingCheck::PrFaqParts && *c != WritingCheck::AnswersObjections)
                .collect(),
            about_own_work: false,
            take_home: false,
            objections: Vec::new(),
        }
    }

    fn only(check: WritingCheck, text: &str, objections: &[&str]) -> CheckResult {
        let mut p = prompt();
        p.checks = vec![check];
        p.objections = objections.iter().map(|o| o.to_string()).collect();
        check_all(&p, text).remove(0)
    }

    fn check_all(p: &WritingPrompt, text: &str) -> Vec<CheckResult> {
        check(p, text)
    }

    #[test]
    fn prose_with_a_third_of_its_lines_in_bullets_fails() {
        // 3 bullets in 7 text lines: 43 %, which passed under the old 70 % rule.
        let doc = "We cut rack defects.\nThe vendor agreed.\nSites saw it first.\nFinance signed off.\n- one\n- two\n- three";
        let r = only(WritingCheck::NoBulletsOnly, doc, &[]);
        assert!(!r.passed, "{}", r.detail);
        let prose = "We cut rack defects by 40 percent.\nThe vendor agreed in March.\nSites saw it first.\nFinance signed off.\nThe gate costs $310,000.\n- one exception";
        assert!(only(WritingCheck::NoBulletsOnly, prose, &[]).passed);
    }

    #[test]
    fn customers_named_by_role_count_as_customers_first() {
        let doc = "EC2 capacity planners missed their landed-capacity target in two of the last three months.";
        assert!(only(WritingCheck::CustomerFirst, doc, &[]).passed);
        let doc = "The program is late and the build is slow.";
        assert!(!only(WritingCheck::CustomerFirst, doc, &[]).passed);
    }

    #[test]
    fn long_sentences_and_adjectives_for_data_fail() {
        let long = "This proposal, which we have discussed with many teams across the organisation over the course of several months and which has been reviewed by finance, operations and the vendor's account team as well as by the site leads in every region, would make a significant difference to the way racks are prepared.";
        let r = only(WritingCheck::SentenceLength, long, &[]);
        assert!(!r.passed, "{}", r.detail);
        let short = "Racks arrive broken. One in four needs a part. Sites wait 6 days. We will check each rack before it ships.";
        assert!(only(WritingCheck::SentenceLength, short, &[]).passed);
        let puffy = "A significant, dramatic and massive improvement with great results and huge savings in 2 sites.";
        let r = only(WritingCheck::DataOverAdjectives, puffy, &[]);
        assert!(!r.passed, "{}", r.detail);
        let data = "Defects fell from 23% to 4% in 2 quarters, saving 1,100 technician hours.";
        assert!(only(WritingCheck::DataOverAdjectives, data, &[]).passed);
    }

    #[test]
    fn every_objection_in_the_brief_must_be_answered() {
        let objections = ["cost|$310,000|budget", "lead time|vendor"];
        let doc = "The gate costs $310,000 a year, which pays back in 2 quarters.";
        let r = only(WritingCheck::AnswersObjections, doc, &objections);
        assert!(!r.passed);
        assert!(r.detail.contains("lead time"), "{}", r.detail);
        let doc = "The gate costs $310,000 a year, which pays back in 2 quarters. The vendor's lead time grows by 1 day, so we will order a day earlier.";
        let r = only(WritingCheck::AnswersObjections, doc, &objections);
        assert!(r.passed, "{}", r.detail);
    }

    #[test]
    fn a_pr_faq_needs_its_parts() {
        let good = "# Model Release Gate stops bad models before customers see them\nSEATTLE, 3 November 2026 — Today AWS launched Model Release Gate. \"We caught 10 regressions in a month,\" said Dana Li, CTO of Northwind.\n\n## External FAQ\nWhat does it cost?\nA cent per run.\nWhich Regions?\nSix.\n\n## Internal FAQ\nWhat is left out?\nHuman review.\nHow do we measure success?\nRegressions caught.";
        let r = only(WritingCheck::PrFaqParts, good, &[]);
        assert!(r.passed, "{}", r.detail);
        let bare = "# Model Release Gate\nIt is great.\n\n## FAQ\nIs it good?\nYes.";
        let r = only(WritingCheck::PrFaqParts, bare, &[]);
        assert!(!r.passed);
        for part in ["date", "quote", "internal FAQ"] {
            assert!(r.detail.contains(part), "{part}: {}", r.detail);
        }
    }

    #[test]
    fn a_good_document_passes_every_check() {
        let text = "# Headline\nCustomers in Ohio get racks 30% faster from March 2027.\n\nToday a customer waits 14 weeks for capacity. We cut that to 10 weeks by pre-staging racks, starting in Q1.\n\n## FAQ\nWhat does it cost? 2 engineers for one quarter.";
        let r = check(&prompt(), text);
        for c in &r {
            assert!(c.passed, "{}", c.summary());
        }
    }

    #[test]
    fn a_weak_document_fails_the_right_checks() {
        let text = "- very robust\n- really seamless\n- leverage synergy soon\n- various things";
        let r = check(&prompt(), text);
        let failed: Vec<&str> = r
            .iter()
            .filter(|c| !c.passed)
            .map(|c| check_id(c.check))
            .collect();
        assert_eq!(
            failed,
            vec![
                "word-count",
                "sections",
                "has-metric",
                "no-weasel-words",
                "no-bullets-only",
                "has-date",
                "customer-first",
                "sentence-length",
                "data-over-adjectives"
            ]
        );
        assert!(r[1].detail.contains("Headline"));
    }

    #[test]
    fn sections_need_headings_not_lines_that_start_with_the_name() {
        let p = prompt(); // sections: Headline, FAQ
        let prose =
            "Headline numbers were strong this quarter.\nFAQ entries were updated by the team.";
        assert!(!has_section(prose, "Headline") && !has_section(prose, "FAQ"));
        for doc in [
            "## Headline\ntext\n## FAQ\ntext",
            "**Headline**\ntext\nFAQ:\ntext",
            "Headline\ntext\nFAQ\ntext",
            "# Headline: launch of X\ntext\n### FAQ (internal)\ntext",
        ] {
            let r = check(&p, doc);
            assert!(r[1].passed, "{doc:?}: {}", r[1].detail);
        }
        // A bare line must be the name alone.
        assert!(!has_section("Headline of the week\ntext", "Headline"));
    }

    #[test]
    fn headings_are_not_counted_as_prose_and_hedges_are_weasel_words() {
        let p = prompt();
        let doc = "## Headline\n- a\n## FAQ\n- b\n## Risks\n- c";
        let r = check(&p, doc);
        let bullets = r
            .iter()
            .find(|c| c.check == WritingCheck::NoBulletsOnly)
            .unwrap();
        assert!(!bullets.passed, "{}", bullets.detail);
        let doc = "Maybe we ship. I think it is probably fine. Perhaps.";
        let r = check(&p, doc);
        let weasel = r
            .iter()
            .find(|c| c.check == WritingCheck::NoWeaselWords)
            .unwrap();
        assert!(!weasel.passed, "{}", weasel.detail);
        assert!(weasel.detail.contains("maybe ×1"), "{}", weasel.detail);
        assert!(
            weasel.detail.contains("2 at most pass"),
            "{}",
            weasel.detail
        );
    }
}
