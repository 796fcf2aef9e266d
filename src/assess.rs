//! `loopdrill assess`: one answer written outside the TUI, judged as the
//! question's interviewer would. Parsing (JSON or Markdown) and output (text
//! feedback or JSON) are pure functions; the command reads and prints.

use crate::content::{Content, Question};
use crate::practice::interviewer::{Asking, ChosenProbe, next_probe};
use crate::practice::judge::{Judge, Judgement, Told, feedback::feedback};
use crate::store::{FollowUp, Star, Vote};
use serde::{Deserialize, Serialize};

/// An answer to assess.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Input {
    pub star: Star,
    pub follow_ups: Vec<FollowUp>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct JsonInput {
    #[serde(default)]
    situation: String,
    #[serde(default)]
    task: String,
    #[serde(default)]
    action: String,
    #[serde(default)]
    result: String,
    #[serde(default)]
    follow_ups: Vec<JsonFollowUp>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct JsonFollowUp {
    probe: String,
    response: String,
}

const EMPTY: &str = "the answer is empty: give at least one of situation, task, action, result";

/// Parses JSON (when the text starts with `{`) or Markdown. The error is
/// one line naming the problem and, where there is one, its line.
pub fn parse(text: &str) -> Result<Input, String> {
    if text.trim().is_empty() {
        return Err(EMPTY.into());
    }
    let input = if text.trim_start().starts_with('{') {
        parse_json(text)?
    } else {
        parse_markdown(text)?
    };
    if input.star.is_empty() {
        return Err(EMPTY.into());
    }
    Ok(input)
}

fn parse_json(text: &str) -> Result<Input, String> {
    let j: JsonInput = serde_json::from_str(text).map_err(|e| {
        format!(
            "line {} column {}: not an answer in JSON: {}",
            e.line(),
            e.column(),
            short(&e.to_string())
        )
    })?;
    Ok(Input {
        star: Star {
            situation: j.situation,
            task: j.task,
            action: j.action,
            result: j.result,
        },
        follow_ups: j
            .follow_ups
            .into_iter()
            .map(|f| FollowUp {
                probe: f.probe,
                response: f.response,
                signal: None,
            })
            .collect(),
    })
}

fn short(s: &str) -> String {
    let s = s.split(" at line ").next().unwrap_or(s);
    let mut out: String = s.chars().take(120).collect();
    if s.chars().count() > 120 {
        out.push('…');
    }
    out
}

enum Section {
    None,
    Part(usize),
    FollowUp(usize),
}

fn parse_markdown(text: &str) -> Result<Input, String> {
    let mut parts: [Vec<&str>; 4] = Default::default();
    let mut seen = [false; 4];
    let mut follow_ups: Vec<(String, Vec<&str>)> = Vec::new();
    let mut section = Section::None;
    for (n, line) in text.lines().enumerate() {
        let trimmed = line.trim();
        let heading = trimmed
            .strip_prefix("###")
            .or_else(|| trimmed.strip_prefix("##"))
            .or_else(|| trimmed.strip_prefix('#'))
            .filter(|_| trimmed.starts_with('#'))
            .map(str::trim);
        if let Some(h) = heading {
            let lower = h.to_lowercase();
            let part = ["situation", "task", "action", "result"]
                .iter()
                .position(|p| lower == *p);
            section = if let Some(k) = part {
                if seen[k] {
                    return Err(format!("line {}: a second '## {h}' section", n + 1));
                }
                seen[k] = true;
                Section::Part(k)
            } else if let Some(probe) = lower
                .strip_prefix("follow-up")
                .or_else(|| lower.strip_prefix("follow up"))
                .or_else(|| lower.strip_prefix("followup"))
            {
                let probe_at = h.len() - probe.len();
                let probe = h[probe_at..].trim_start_matches([':', ' ']).trim();
                if probe.is_empty() {
                    return Err(format!(
                        "line {}: a follow-up heading needs its probe: '## Follow-up: <probe>'",
                        n + 1
                    ));
                }
                follow_ups.push((probe.to_string(), Vec::new()));
                Section::FollowUp(follow_ups.len() - 1)
            } else {
                return Err(format!(
                    "line {}: unknown section '{}'; use ## Situation, ## Task, ## Action, ## Result or ## Follow-up: <probe>",
                    n + 1,
                    short(h)
                ));
            };
            continue;
        }
        match section {
            Section::None if !trimmed.is_empty() => {
                return Err(format!(
                    "line {}: text before the first heading; start each part with '## Situation', '## Task', '## Action' or '## Result'",
                    n + 1
                ));
            }
            Section::None => {}
            Section::Part(k) => parts[k].push(line),
            Section::FollowUp(i) => follow_ups[i].1.push(line),
        }
    }
    if !seen.iter().any(|s| *s) {
        return Err(
            "no '## Situation', '## Task', '## Action' or '## Result' heading found".into(),
        );
    }
    let join = |lines: &[&str]| lines.join("\n").trim().to_string();
    Ok(Input {
        star: Star {
            situation: join(&parts[0]),
            task: join(&parts[1]),
            action: join(&parts[2]),
            result: join(&parts[3]),
        },
        follow_ups: follow_ups
            .into_iter()
            .map(|(probe, lines)| FollowUp {
                probe,
                response: join(&lines),
                signal: None,
            })
            .collect(),
    })
}

#[derive(Serialize)]
pub struct Report {
    pub question_id: String,
    pub vote: Option<Vote>,
    pub average: Option<f64>,
    pub criteria: Vec<ReportCriterion>,
    pub signals: Vec<String>,
    pub next_probe: Option<ReportProbe>,
}

#[derive(Serialize)]
pub struct ReportCriterion {
    pub id: String,
    pub name: String,
    pub level: Option<u8>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub not_judged: Option<String>,
    pub evidence: Vec<ReportEvidence>,
}

#[derive(Serialize)]
pub struct ReportEvidence {
    pub quote: String,
    pub effect: &'static str,
    pub reason: String,
}

#[derive(Serialize)]
pub struct ReportProbe {
    pub text: String,
    pub signal: Option<String>,
    /// What the probe looks for.
    pub seeks: Vec<String>,
    /// The gap it goes after.
    pub why: String,
}

/// Judges `input` as `question`'s interviewer (a 5-minute answer), and
/// chooses the probe that interviewer (`persona`, or a neutral one) would
/// ask next given the follow-ups already in the input.
pub fn assess(
    content: &Content,
    question: &Question,
    input: &Input,
    persona: Option<&crate::content::Interviewer>,
) -> (Judgement, Report) {
    let judge = Judge::new(content);
    let bar_raiser = persona.is_some_and(|p| p.bar_raiser);
    let j = judge.judge(question, &input.star, &input.follow_ups, 300, bar_raiser);
    let ask = Asking {
        persona,
        bar_raiser,
        ..Asking::neutral(content, question)
    };
    let probe = next_probe(&ask, &Told::Star(&input.star), &input.follow_ups, &j);
    let report = report(&j, probe);
    (j, report)
}

fn report(j: &Judgement, probe: Option<ChosenProbe>) -> Report {
    Report {
        question_id: j.question_id.clone(),
        vote: j.vote,
        average: j.average.map(|a| (a * 100.0).round() / 100.0),
        criteria: j
            .criteria
            .iter()
            .map(|c| ReportCriterion {
                id: c.key.clone(),
                name: c.name.clone(),
                level: c.level,
                not_judged: c.silent.clone(),
                evidence: c
                    .evidence
                    .iter()
                    .map(|e| ReportEvidence {
                        quote: e.quote.clone(),
                        effect: e.effect.symbol(),
                        reason: e.reason.clone(),
                    })
                    .collect(),
            })
            .collect(),
        signals: j.signals(),
        next_probe: probe.map(|p| ReportProbe {
            text: p.text,
            signal: p.signal,
            seeks: p.seeks,
            why: p.why,
        }),
    }
}

/// The judgement as an interviewer's written feedback.
pub fn text(content: &Content, question: &Question, j: &Judgement, report: &Report) -> String {
    use std::fmt::Write as _;
    let mut s = String::new();
    let lp = content.principle_name(question.primary());
    let _ = writeln!(s, "Question: {}", question.text);
    let vote = j.vote.map_or("no vote", |v| v.label());
    let _ = writeln!(
        s,
        "Vote on {lp}: {vote}{}",
        j.average
            .map(|a| format!(" (average level {a:.2} of 4)"))
            .unwrap_or_default()
    );
    let fb = feedback(j);
    if !fb.data_points.is_empty() {
        let _ = writeln!(s, "\nData points:");
        for d in &fb.data_points {
            let _ = writeln!(s, "  {} {}", d.effect.symbol(), point(&d.quote, &d.reason));
        }
    }
    if let Some(c) = &fb.concern {
        let _ = writeln!(s, "\nConcern: {c}");
    }
    let _ = writeln!(s, "\nBy criterion:");
    for c in &j.criteria {
        match c.level {
            Some(l) => {
                let _ = writeln!(s, "  {} — {l} of 4", c.name);
            }
            None => {
                let _ = writeln!(
                    s,
                    "  {} — not judged: {}",
                    c.name,
                    c.silent.as_deref().unwrap_or("")
                );
            }
        }
        for e in &c.evidence {
            let _ = writeln!(
                s,
                "      {} {}",
                e.effect.symbol(),
                point(&e.quote, &e.reason)
            );
        }
    }
    if !report.signals.is_empty() {
        let _ = writeln!(s, "\nSignals: {}", report.signals.join(" · "));
    }
    match &report.next_probe {
        Some(p) => {
            let _ = writeln!(s, "\nNext I would ask: {}", p.text);
        }
        None => {
            let _ = writeln!(s, "\nI have what I need on this one.");
        }
    }
    s
}

fn point(quote: &str, reason: &str) -> String {
    if quote.is_empty() {
        reason.to_string()
    } else {
        format!("\"{quote}\" — {reason}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_sections_and_follow_ups() {
        let md = "## Situation\nOur EU launch was at risk.\n\n## Action\nI cut scope.\n## Result\nShipped 2 weeks early.\n## Follow-up: What did you cut?\nThe bulk-edit feature.\n";
        let i = parse(md).unwrap();
        assert_eq!(i.star.situation, "Our EU launch was at risk.");
        assert_eq!(i.star.task, "");
        assert_eq!(i.star.action, "I cut scope.");
        assert_eq!(i.follow_ups.len(), 1);
        assert_eq!(i.follow_ups[0].probe, "What did you cut?");
        assert_eq!(i.follow_ups[0].response, "The bulk-edit feature.");
    }

    #[test]
    fn bad_input_names_the_line() {
        assert_eq!(
            parse("hello\n## Situation\nx").unwrap_err(),
            "line 1: text before the first heading; start each part with '## Situation', '## Task', '## Action' or '## Result'"
        );
        assert!(
            parse("## Situation\nx\n## Plan\ny")
                .unwrap_err()
                .starts_with("line 3: unknown section 'Plan'")
        );
        assert!(
            parse("## Situation\n## Follow-up:\nx")
                .unwrap_err()
                .contains("needs its probe")
        );
        assert!(
            parse("{\"situation\": 3}")
                .unwrap_err()
                .starts_with("line 1 column")
        );
        assert!(
            parse("{\"sitaution\": \"x\"}")
                .unwrap_err()
                .contains("unknown field")
        );
        assert!(
            parse("## Situation\n\n## Result\n")
                .unwrap_err()
                .contains("empty")
        );
    }
}
