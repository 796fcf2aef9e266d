//! Checks for timed writing exercises (narratives, PR/FAQs, COEs, …).

use super::analysis::{count_numbers, word_count};
use super::judge::{cues, seeks::TIMELINE_CUES, text};
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
                    // Headings are neither prose nor bullets.
                    let lines: Vec<&str> = text
                        .lines()
                        .map(str::trim)
                        .filter(|l| !l.is_empty() && heading(l).is_none())
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
                        format!(
                            "{:.0} % of text lines are bullets (under 70 % passes)",
                            share * 100.0
                        ),
                    )
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
