//! Checks for timed writing exercises (narratives, PR/FAQs, COEs, …).

use super::analysis::{TIMELINE, count_numbers, word_count};
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
    }
}

/// Every check, in the order the content documents them.
pub const ALL_CHECKS: [WritingCheck; 7] = [
    WritingCheck::WordCount,
    WritingCheck::Sections,
    WritingCheck::HasMetric,
    WritingCheck::NoWeaselWords,
    WritingCheck::NoBulletsOnly,
    WritingCheck::HasDate,
    WritingCheck::CustomerFirst,
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
    }
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
];

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
                    let headings: Vec<String> = text
                        .lines()
                        .map(|l| {
                            l.trim()
                                .trim_start_matches('#')
                                .trim()
                                .trim_end_matches(':')
                                .to_lowercase()
                        })
                        .collect();
                    let missing: Vec<&str> = prompt
                        .sections
                        .iter()
                        .filter(|s| !headings.iter().any(|h| h.starts_with(&s.to_lowercase())))
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
                        total <= 2,
                        if found.is_empty() {
                            "none".into()
                        } else {
                            found.join(", ")
                        },
                    )
                }
                WritingCheck::NoBulletsOnly => {
                    let lines: Vec<&str> = text
                        .lines()
                        .map(str::trim)
                        .filter(|l| !l.is_empty())
                        .collect();
                    let bullets = lines
                        .iter()
                        .filter(|l| {
                            l.starts_with(['-', '*', '•'])
                                || l.split_once(". ")
                                    .is_some_and(|(n, _)| n.chars().all(|c| c.is_ascii_digit()))
                        })
                        .count();
                    let share = if lines.is_empty() {
                        1.0
                    } else {
                        bullets as f64 / lines.len() as f64
                    };
                    (
                        share < 0.7,
                        format!("{:.0} % of lines are bullets", share * 100.0),
                    )
                }
                WritingCheck::HasDate => {
                    let ok = TIMELINE.iter().any(|m| count_phrase(&lower, m) > 0)
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
                    let ok = first.iter().any(|w| {
                        [
                            "customer",
                            "customers",
                            "customer's",
                            "user",
                            "users",
                            "client",
                            "clients",
                        ]
                        .contains(&w.trim_matches(|c: char| !c.is_alphanumeric() && c != '\''))
                    });
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

#[cfg(test)]
mod tests {
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
            checks: ALL_CHECKS.to_vec(),
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
                "customer-first"
            ]
        );
        assert!(r[1].detail.contains("Headline"));
    }
}
