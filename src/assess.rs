//! `loopdrill assess`: one answer written outside the TUI, judged as the
//! question's interviewer would. Parsing (JSON or Markdown) and output (text
//! feedback or JSON) are pure functions; the command reads and prints.

use crate::content::{Content, FormatField, Question};
use crate::practice::interviewer::{Asking, ChosenProbe, next_probe};
use crate::practice::judge::{Judge, Judgement, Told, feedback::feedback};
use crate::store::{FollowUp, Star, Vote};
use serde::{Deserialize, Serialize};

/// An answer to assess: STAR parts, or a scenario's or design's fields
/// (in the format's order).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Input {
    pub star: Star,
    pub parts: Vec<String>,
    pub follow_ups: Vec<FollowUp>,
}

/// How an answer to a question is laid out: STAR, or the fields of the
/// question's format (`FormatSpec::fields_for`).
#[derive(Debug, Clone, Copy)]
pub enum Layout<'a> {
    Star,
    Fields(&'a [&'a FormatField]),
}

impl Layout<'_> {
    /// The headings an answer uses, as "'## Name', '## Name'" for errors.
    fn headings(&self) -> String {
        let names: Vec<String> = match self {
            Layout::Star => Star::NAMES.iter().map(|n| format!("'## {n}'")).collect(),
            Layout::Fields(fs) => fs.iter().map(|f| format!("'## {}'", f.name)).collect(),
        };
        names.join(", ")
    }

    /// Which part a heading (or JSON key) names: a STAR part, or a field by
    /// its name or id, in any case.
    fn part(&self, heading: &str) -> Option<usize> {
        let lower = heading.trim().to_lowercase();
        match self {
            Layout::Star => Star::NAMES.iter().position(|p| lower == p.to_lowercase()),
            Layout::Fields(fs) => fs
                .iter()
                .position(|f| lower == f.name.to_lowercase() || lower == f.id),
        }
    }

    fn len(&self) -> usize {
        match self {
            Layout::Star => 4,
            Layout::Fields(fs) => fs.len(),
        }
    }
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
    /// A scenario's or design's fields, by field id.
    #[serde(default)]
    fields: std::collections::BTreeMap<String, String>,
    #[serde(default)]
    follow_ups: Vec<JsonFollowUp>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct JsonFollowUp {
    probe: String,
    response: String,
}

/// Parses JSON (when the text starts with `{`) or Markdown, laid out as
/// `layout` says. The error is one line naming the problem and, where there
/// is one, its line.
pub fn parse(text: &str, layout: Layout) -> Result<Input, String> {
    let empty = || {
        format!(
            "the answer is empty: give at least one of {}",
            layout.headings()
        )
    };
    if text.trim().is_empty() {
        return Err(empty());
    }
    let input = if text.trim_start().starts_with('{') {
        parse_json(text, layout)?
    } else {
        parse_markdown(text, layout)?
    };
    if input.star.is_empty() && input.parts.iter().all(|p| p.trim().is_empty()) {
        return Err(empty());
    }
    Ok(input)
}

fn parse_json(text: &str, layout: Layout) -> Result<Input, String> {
    let j: JsonInput = serde_json::from_str(text).map_err(|e| {
        format!(
            "line {} column {}: not an answer in JSON: {}",
            e.line(),
            e.column(),
            short(&e.to_string())
        )
    })?;
    let star = Star {
        situation: j.situation,
        task: j.task,
        action: j.action,
        result: j.result,
    };
    let mut parts = Vec::new();
    match layout {
        Layout::Star if !j.fields.is_empty() => {
            return Err(
                "this question is answered in STAR: give situation, task, action and result, not fields"
                    .into(),
            );
        }
        Layout::Star => {}
        Layout::Fields(fs) => {
            if !star.is_empty() {
                return Err(format!(
                    "this question is answered in fields, not STAR: give \"fields\": {{ {} }}",
                    fs.iter()
                        .map(|f| format!("\"{}\": …", f.id))
                        .collect::<Vec<_>>()
                        .join(", ")
                ));
            }
            parts = vec![String::new(); fs.len()];
            for (id, text) in j.fields {
                let k = layout.part(&id).ok_or_else(|| {
                    format!(
                        "unknown field \"{id}\"; this question's fields are {}",
                        fs.iter()
                            .map(|f| format!("\"{}\"", f.id))
                            .collect::<Vec<_>>()
                            .join(", ")
                    )
                })?;
                parts[k] = text;
            }
        }
    }
    Ok(Input {
        star,
        parts,
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

fn parse_markdown(text: &str, layout: Layout) -> Result<Input, String> {
    let mut parts: Vec<Vec<&str>> = vec![Vec::new(); layout.len()];
    let mut seen = vec![false; layout.len()];
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
            section = if let Some(k) = layout.part(h) {
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
                    "line {}: unknown section '{}'; use one of {}, or '## Follow-up: <probe>'",
                    n + 1,
                    short(h),
                    layout.headings()
                ));
            };
            continue;
        }
        match section {
            Section::None if !trimmed.is_empty() => {
                return Err(format!(
                    "line {}: text before the first heading; start each part with one of {}",
                    n + 1,
                    layout.headings()
                ));
            }
            Section::None => {}
            Section::Part(k) => parts[k].push(line),
            Section::FollowUp(i) => follow_ups[i].1.push(line),
        }
    }
    if !seen.iter().any(|s| *s) {
        return Err(format!(
            "no heading found: use one of {}",
            layout.headings()
        ));
    }
    let join = |lines: &[&str]| lines.join("\n").trim().to_string();
    let texts: Vec<String> = parts.iter().map(|l| join(l)).collect();
    let (star, parts) = match layout {
        Layout::Star => (
            Star {
                situation: texts[0].clone(),
                task: texts[1].clone(),
                action: texts[2].clone(),
                result: texts[3].clone(),
            },
            Vec::new(),
        ),
        Layout::Fields(_) => (Star::default(), texts),
    };
    Ok(Input {
        star,
        parts,
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
    /// How sure the vote is, 0–1, and why not surer.
    pub confidence: Option<ReportConfidence>,
    pub criteria: Vec<ReportCriterion>,
    pub signals: Vec<String>,
    pub next_probe: Option<ReportProbe>,
}

#[derive(Serialize)]
pub struct ReportConfidence {
    pub score: f64,
    pub label: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub caveat: Option<String>,
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

/// Judges `input` as `question`'s interviewer (an answer given the time a
/// drill gives its kind: 5 minutes for a story, 7 for a scenario, 12 for a
/// design), and chooses the probe that interviewer (`persona`, or a neutral
/// one) would ask next given the follow-ups already in the input.
pub fn assess(
    content: &Content,
    question: &Question,
    input: &Input,
    persona: Option<&crate::content::Interviewer>,
) -> (Judgement, Report) {
    let judge = Judge::new(content);
    let bar_raiser = persona.is_some_and(|p| p.bar_raiser);
    let told = if input.parts.is_empty() {
        Told::Star(&input.star)
    } else {
        Told::Parts(&input.parts)
    };
    let limit = u64::from(crate::practice::plan::drill_minutes(
        content,
        std::slice::from_ref(&question.id),
    )) * 60;
    let j = judge.judge_words(question, &told, &input.follow_ups, limit, bar_raiser);
    let ask = Asking {
        persona,
        bar_raiser,
        ..Asking::neutral(content, question)
    };
    let probe = next_probe(&ask, &told, &input.follow_ups, &j);
    let report = report(&j, probe);
    (j, report)
}

fn report(j: &Judgement, probe: Option<ChosenProbe>) -> Report {
    Report {
        question_id: j.question_id.clone(),
        vote: j.vote,
        average: j.average.map(|a| (a * 100.0).round() / 100.0),
        confidence: j.confidence.as_ref().map(|c| ReportConfidence {
            score: c.score,
            label: c.label(),
            caveat: c.caveat.clone(),
        }),
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
    if let Some(c) = &j.confidence {
        let _ = writeln!(
            s,
            "Confidence: {} ({:.2}){}",
            c.label(),
            c.score,
            c.caveat
                .as_ref()
                .map(|w| format!(": {w}"))
                .unwrap_or_default()
        );
    }
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
        let i = parse(md, Layout::Star).unwrap();
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
            parse("hello\n## Situation\nx", Layout::Star).unwrap_err(),
            "line 1: text before the first heading; start each part with one of '## Situation', '## Task', '## Action', '## Result'"
        );
        assert!(
            parse("## Situation\nx\n## Plan\ny", Layout::Star)
                .unwrap_err()
                .starts_with("line 3: unknown section 'Plan'")
        );
        assert!(
            parse("## Situation\n## Follow-up:\nx", Layout::Star)
                .unwrap_err()
                .contains("needs its probe")
        );
        assert!(
            parse("{\"situation\": 3}", Layout::Star)
                .unwrap_err()
                .starts_with("line 1 column")
        );
        assert!(
            parse("{\"sitaution\": \"x\"}", Layout::Star)
                .unwrap_err()
                .contains("unknown field")
        );
        assert!(
            parse("## Situation\n\n## Result\n", Layout::Star)
                .unwrap_err()
                .contains("empty")
        );
    }
}

#[cfg(test)]
mod field_tests {
    use super::*;

    #[test]
    fn a_design_answer_is_read_from_its_fields_by_name_or_id() {
        let c = crate::content::load_layered(&[]).unwrap();
        let q = c
            .questions
            .iter()
            .find(|q| q.format == crate::content::AnswerFormat::Design)
            .unwrap();
        let spec = c.format(q.format).unwrap();
        let fields = spec.fields_for(q);
        let layout = Layout::Fields(&fields);
        let md = format!(
            "## {}\nForty teams, 300 launches a quarter.\n## {}\nA collector per team.\n## Follow-up: Who uses it?\nProgram managers, daily.\n",
            fields[0].name.to_uppercase(),
            fields[2].id
        );
        let i = parse(&md, layout).unwrap();
        assert!(i.star.is_empty());
        assert_eq!(i.parts.len(), fields.len());
        assert_eq!(i.parts[0], "Forty teams, 300 launches a quarter.");
        assert_eq!(i.parts[1], "");
        assert_eq!(i.parts[2], "A collector per team.");
        assert_eq!(i.follow_ups[0].response, "Program managers, daily.");
        // The same in JSON, by field id.
        let json = format!(
            "{{\"fields\": {{\"{}\": \"Forty teams.\"}}, \"follow_ups\": []}}",
            fields[1].id
        );
        let j = parse(&json, layout).unwrap();
        assert_eq!(j.parts[1], "Forty teams.");
        // STAR for a design question, or an unknown field: one clear line.
        let star = parse("## Situation\nx", layout).unwrap_err();
        assert!(
            star.contains("unknown section 'Situation'") && star.contains(&fields[0].name),
            "{star}"
        );
        assert!(
            parse("{\"situation\": \"x\"}", layout)
                .unwrap_err()
                .contains("answered in fields")
        );
        assert!(
            parse("{\"fields\": {\"nope\": \"x\"}}", layout)
                .unwrap_err()
                .contains(&format!("\"{}\"", fields[0].id))
        );
        assert!(
            parse("{\"fields\": {\"requirements\": \"x\"}}", Layout::Star)
                .unwrap_err()
                .contains("answered in STAR")
        );
        let (j, report) = assess(&c, q, &i, None);
        assert_eq!(report.question_id, q.id);
        // Judged on the design rubric, with quotes from the fields.
        assert!(
            j.criteria
                .iter()
                .any(|c| c.key.starts_with("design-answer/") && c.level.is_some())
        );
    }
}
