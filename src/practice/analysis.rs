//! Answer analysis: pure functions from a STAR answer to the signals that
//! content probes name (see `content::SIGNALS` and content/README.md).

use super::judge::{Judgement, Said, Topic, signals};
use crate::store::{AnalysisRecord, Star};

/// Speaking pace used for the time estimate (words per minute).
pub const WORDS_PER_MINUTE: u32 = 140;

/// The outcome of analysing one answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Analysis {
    pub record: AnalysisRecord,
    /// The signals found, most important first, each with its explanation.
    pub findings: Vec<(String, String)>,
}

impl Analysis {
    pub fn has(&self, signal: &str) -> bool {
        self.findings.iter().any(|(s, _)| s == signal)
    }
}

/// Lower-case words (letters, digits, apostrophes, `%`, `$`).
pub fn words(text: &str) -> Vec<String> {
    text.split(|c: char| {
        !(c.is_alphanumeric()
            || c == '\''
            || c == '’'
            || c == '%'
            || c == '$'
            || c == '.'
            || c == ',')
    })
    .map(|w| {
        w.trim_matches(|c: char| c == '.' || c == ',' || c == '\'' || c == '’')
            .to_lowercase()
    })
    .filter(|w| !w.is_empty())
    .collect()
}

/// Words a person would count (CJK characters count one each).
pub fn word_count(text: &str) -> u32 {
    let mut n = 0u32;
    for w in text.split_whitespace() {
        // Most words are ASCII: no CJK characters to count one by one.
        if w.is_ascii() {
            n += u32::from(w.bytes().any(|b| b.is_ascii_alphanumeric()));
            continue;
        }
        let cjk = w.chars().filter(|c| is_cjk(*c)).count() as u32;
        let rest = w.chars().any(|c| c.is_alphanumeric() && !is_cjk(c));
        n += cjk + u32::from(rest);
    }
    n
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3040..=0x30ff | 0x3400..=0x4dbf | 0x4e00..=0x9fff | 0xac00..=0xd7af | 0xf900..=0xfaff)
}

/// Estimated speaking time of `words` words, in seconds.
pub fn speaking_secs(words: u32) -> u32 {
    (words * 60).div_ceil(WORDS_PER_MINUTE)
}

fn count_phrases(haystack: &str, phrases: &[&str]) -> u32 {
    phrases
        .iter()
        .map(|p| {
            if p.contains(' ') || p.ends_with('t') && p.starts_with("escal") {
                haystack.matches(p).count() as u32
            } else {
                haystack
                    .split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '-')
                    .filter(|w| {
                        w == p
                            || w.strip_suffix('s') == Some(p)
                            || (p.len() > 4 && w.starts_with(p))
                    })
                    .count() as u32
            }
        })
        .sum()
}

/// A number, percentage, amount or duration in the text.
pub fn count_numbers(text: &str) -> u32 {
    const NUMBER_WORDS: &[&str] = &[
        "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "twelve", "twenty",
        "thirty", "fifty", "hundred", "thousand", "million", "billion", "half", "double",
        "doubled", "tripled", "percent",
    ];
    let digits = text
        .split(|c: char| !c.is_ascii_digit())
        .filter(|s| !s.is_empty())
        .count() as u32;
    let lower = text.to_lowercase();
    digits + count_phrases(&lower, NUMBER_WORDS)
}

/// Analyses a STAR answer against its time limit, without its question
/// (so without the signals that need one: `off-topic`, `no-failure`).
pub fn analyse(star: &Star, time_limit_secs: u64) -> Analysis {
    analyse_for(star, time_limit_secs, crate::content::Track::Leadership)
}

/// [`analyse`] for a question of `track`: a motivation question ("Why
/// AWS?") is not a STAR story, so only the delivery signals (length,
/// hedging) apply to it.
pub fn analyse_for(star: &Star, time_limit_secs: u64, track: crate::content::Track) -> Analysis {
    let found = signals::find(
        &Said::new(star, &[]),
        &Topic::default(),
        time_limit_secs,
        track != crate::content::Track::Motivation,
    );
    from_found(star, &found)
}

/// The analysis of an answer the judge has judged (with its question and
/// follow-up replies): the same signals the judge found.
pub fn from_judgement(star: &Star, judgement: &Judgement) -> Analysis {
    from_found(star, &judgement.findings)
}

/// The stored analysis of what was told: STAR parts or a format's fields.
pub fn from_told(told: &crate::practice::judge::Told, judgement: &Judgement) -> Analysis {
    match told {
        crate::practice::judge::Told::Star(star) => from_judgement(star, judgement),
        crate::practice::judge::Told::Parts(parts) => from_parts_judgement(parts, judgement),
    }
}

/// The stored analysis of a scenario or design answer (its fields in
/// order; the last one, measures or the real example, counts as its result).
pub fn from_parts_judgement(parts: &[String], judgement: &Judgement) -> Analysis {
    let star = Star {
        situation: String::new(),
        task: String::new(),
        action: parts
            .split_last()
            .map(|(_, init)| init.join("\n\n"))
            .unwrap_or_default(),
        result: parts.last().cloned().unwrap_or_default(),
    };
    from_found(&star, &judgement.findings)
}

fn from_found(star: &Star, found: &[signals::Found]) -> Analysis {
    let all = star.full_text();
    let (i_count, we_count) = signals::pronouns(&Said::new(star, &[]));
    let words_n = word_count(&all);
    let findings: Vec<(String, String)> = found
        .iter()
        .map(|f| {
            (
                f.signal.to_string(),
                crate::content::signal_explanation(f.signal)
                    .unwrap_or("")
                    .to_string(),
            )
        })
        .collect();
    Analysis {
        record: AnalysisRecord {
            words: words_n,
            i_count,
            we_count,
            numbers_in_result: count_numbers(&star.result),
            speaking_secs: speaking_secs(words_n),
            signals: findings.iter().map(|(s, _)| s.clone()).collect(),
        },
        findings,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn star(s: &str, t: &str, a: &str, r: &str) -> Star {
        Star {
            situation: s.into(),
            task: t.into(),
            action: a.into(),
            result: r.into(),
        }
    }

    #[test]
    fn every_signal_is_known_to_content() {
        let a = analyse(&star("", "", "we helped", ""), 10);
        for (s, expl) in &a.findings {
            assert!(crate::content::signal_explanation(s).is_some(), "{s}");
            assert!(!expl.is_empty());
        }
    }

    #[test]
    fn we_heavy_answer_without_numbers_is_flagged() {
        let a = analyse(
            &star(
                "Our team ran the migration for a large customer.",
                "We needed to move the database.",
                "We planned it, we helped the vendor, and we worked on the cutover together with our partners.",
                "We finished the migration and the customer was happy with our work overall.",
            ),
            300,
        );
        assert!(a.has("we-over-i"), "{:?}", a.findings);
        assert!(a.has("no-metric"));
        assert!(a.has("vague-actions"));
        assert!(a.has("too-short"));
        assert!(!a.has("no-customer"));
        assert!(a.record.we_count > 2 * a.record.i_count);
    }

    #[test]
    fn strong_answer_has_few_signals() {
        let filler = " I mapped every dependency with the network team and wrote the cutover runbook myself.".repeat(8);
        let a = analyse(
            &star(
                "In Q3 2024 our largest customer, a bank, faced a hard deadline to leave their data center in 10 weeks.",
                "I owned the migration plan and the go/no-go decision.",
                &format!(
                    "I decided to split the move into four waves after the DBA lead pushed back on a single cutover because of the risk.{filler}"
                ),
                "We moved 212 databases with 3 minutes of downtime in total, two weeks early, and cut hosting cost by 31%. I learned to rehearse rollbacks first.",
            ),
            360,
        );
        for s in [
            "we-over-i",
            "no-metric",
            "no-result",
            "no-conflict",
            "no-customer",
            "no-timeline",
            "missing-task",
            "too-short",
            "vague-actions",
        ] {
            assert!(!a.has(s), "{s} should not fire: {:?}", a.findings);
        }
        assert!(a.record.numbers_in_result >= 3);
    }

    #[test]
    fn failure_without_lesson_and_long_answers() {
        let long = "word ".repeat(800);
        let a = analyse(
            &star(
                "The launch failed badly.",
                "x",
                &long,
                "It was a mistake and we lost the customer.",
            ),
            120,
        );
        assert!(a.has("no-lesson"));
        assert!(a.has("too-long"));
        let b = analyse(
            &star(
                "The launch failed.",
                "x",
                &long,
                "It was a mistake. I learned to test the rollback.",
            ),
            600,
        );
        assert!(!b.has("no-lesson"));
    }

    #[test]
    fn plural_durations_count_as_a_timeline_and_short_results_need_a_number() {
        let a = analyse(
            &star(
                "A vendor slipped.",
                "I owned it.",
                "I replanned.",
                "I lost 2 weeks.",
            ),
            300,
        );
        assert!(!a.has("no-timeline"), "{:?}", a.findings);
        for w in ["days", "hours", "months", "years", "quarters", "minutes"] {
            let a = analyse(&star("It took", "", "", w), 300);
            assert!(!a.has("no-timeline"), "{w}: {:?}", a.findings);
        }
        // Five to seven words, no number: no metric (it is not a missing Result).
        let b = analyse(
            &star("S", "T", "A", "It went well and everyone was happy."),
            300,
        );
        assert!(
            b.has("no-metric") && !b.has("no-result"),
            "{:?}",
            b.findings
        );
        let c = analyse(&star("S", "T", "A", "Fine."), 300);
        assert!(
            c.has("no-result") && !c.has("no-metric"),
            "{:?}",
            c.findings
        );
    }

    #[test]
    fn a_motivation_answer_is_not_judged_as_a_star_story() {
        use crate::content::Track;
        let s = star(
            "I think AWS is basically where I can maybe grow.",
            "",
            "",
            "",
        );
        let story = analyse_for(&s, 300, Track::Leadership);
        assert!(story.has("no-result") && story.has("missing-task"));
        let why = analyse_for(&s, 300, Track::Motivation);
        assert!(!why.has("no-result") && !why.has("missing-task") && !why.has("no-metric"));
        assert!(
            why.has("hedging") && why.has("too-short"),
            "{:?}",
            why.findings
        );
        assert_eq!(why.record.signals, vec!["too-short", "hedging"]);
    }

    #[test]
    fn hedging_and_word_counts() {
        let a = analyse(
            &star("I think it was basically kind of late, maybe.", "", "", ""),
            60,
        );
        assert!(a.has("hedging"));
        assert!(a.has("missing-task"));
        assert_eq!(word_count("日本語 テスト ok 🎉"), 3 + 3 + 1);
        assert_eq!(speaking_secs(140), 60);
    }
}
