//! `loopdrill assess`: one answer judged outside the TUI, from JSON or
//! Markdown, as text feedback or JSON for scripts.

use assert_cmd::Command;
use serde_json::Value;

fn bin() -> Command {
    Command::cargo_bin("loopdrill").unwrap()
}

const STRONG_MD: &str = "## Situation
In March 2024 I was the TPM for our scheduling service. Nobody owned the nightly capacity export that the EC2 capacity planners relied on, and it failed three nights in a row, so they ordered racks against week-old numbers.

## Task
It was not my system, but the planners were my customers and a wrong order costs about $400,000, so I took on getting it fixed and told the platform manager.

## Action
I pulled the job logs myself and traced the failures to a credentials rotation nobody had wired into the export. I wrote a two-page proposal to move the job into our pipeline with an alarm, and the platform lead pushed back because his team was short two engineers before peak. I agreed to carry the on-call for one quarter in exchange for his sign-off, wrote the runbook, and ran the cutover on a Friday with a rollback ready.

## Result
The export has not missed a night in 11 months, forecast error fell from 9% to 3%, and we avoided a mis-order finance sized at $380,000. I now check every cross-team feed my programs depend on for an owner and an alarm before launch.

## Follow-up: What would you do differently?
I would have asked for the alarm in the first week instead of the third, which would have saved two bad nights.
";

fn weak_json() -> String {
    serde_json::json!({
        "situation": "Our team was working on a big migration project for a customer and we had a lot going on.",
        "task": "We needed to get the migration done.",
        "action": "We planned it out, we helped the vendor, we worked on the cutover together with our partners and we had regular meetings.",
        "result": "We finished the migration and everyone was happy with our work overall.",
        "follow_ups": [{"probe": "What did you do yourself?", "response": "We all worked on it together as a team."}]
    })
    .to_string()
}

#[test]
fn markdown_from_a_file_reads_like_interviewer_feedback() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("answer.md");
    std::fs::write(&f, STRONG_MD).unwrap();
    let out = bin()
        .args(["assess", "--question", "own-gap-between-two-teams"])
        .arg(&f)
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("Vote on Ownership: "), "{text}");
    assert!(text.contains("Inclined"), "{text}");
    assert!(!text.contains("Not Inclined"), "{text}");
    assert!(text.contains("Data points:"), "{text}");
    // Data points quote the answer itself.
    let quoted: Vec<&str> = text
        .lines()
        .filter_map(|l| l.trim().strip_prefix("+ \""))
        .filter_map(|l| l.split("\" — ").next())
        .collect();
    assert!(!quoted.is_empty(), "{text}");
    for q in quoted {
        assert!(STRONG_MD.contains(q), "{q}");
    }
    assert!(text.contains("By criterion:"), "{text}");
}

#[test]
fn json_from_standard_input_gives_the_documented_fields_with_real_quotes() {
    let input = weak_json();
    let out = bin()
        .args([
            "assess",
            "--question",
            "own-gap-between-two-teams",
            "-",
            "--format",
            "json",
        ])
        .write_stdin(input.clone())
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["question_id"], "own-gap-between-two-teams");
    let vote = v["vote"].as_str().unwrap();
    assert!(
        vote == "not-inclined" || vote == "strongly-not-inclined",
        "{vote}"
    );
    assert!(v["average"].as_f64().unwrap() < 2.75);
    let signals: Vec<&str> = v["signals"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap())
        .collect();
    for s in ["we-over-i", "no-metric", "vague-actions", "non-answer"] {
        assert!(signals.contains(&s), "{s}: {signals:?}");
    }
    let typed: Value = serde_json::from_str(&input).unwrap();
    let all = format!(
        "{} {} {} {} {}",
        typed["situation"], typed["task"], typed["action"], typed["result"], typed["follow_ups"]
    );
    let criteria = v["criteria"].as_array().unwrap();
    assert!(criteria.len() >= 9, "{criteria:?}");
    for c in criteria {
        assert!(c["id"].as_str().unwrap().contains('/'));
        if let Some(l) = c["level"].as_u64() {
            assert!((1..=4).contains(&l));
        }
        for e in c["evidence"].as_array().unwrap() {
            let q = e["quote"].as_str().unwrap();
            assert!(all.contains(q), "quote not typed: {q}");
            assert!(e["effect"] == "+" || e["effect"] == "-");
            assert!(!e["reason"].as_str().unwrap().is_empty());
        }
    }
    // The last reply dodged: before any other gap, the interviewer presses
    // it, with a line that is not the probe already asked.
    let probe = &v["next_probe"];
    assert_eq!(probe["signal"].as_str(), Some("non-answer"), "{probe}");
    let text = probe["text"].as_str().unwrap();
    assert!(!text.is_empty());
    assert!(!typed["follow_ups"].to_string().contains(text), "{probe}");
}

#[test]
fn next_probe_is_null_once_the_interviewer_has_what_they_need() {
    // Two follow-ups answered and nothing left open.
    let mut md = STRONG_MD.to_string();
    md.push_str("\n## Follow-up: Who did you tell first?\nI told the platform manager that afternoon, in writing, before I touched the job.\n");
    let out = bin()
        .args([
            "assess",
            "--question",
            "own-gap-between-two-teams",
            "--format",
            "json",
        ])
        .write_stdin(md)
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(v["next_probe"].is_null(), "{}", v["next_probe"]);
}

#[test]
fn bad_input_is_one_clear_line_and_exit_1() {
    for (input, want) in [
        ("", "the answer is empty"),
        (
            "Just some text\n## Situation\nx",
            "line 1: text before the first heading",
        ),
        (
            "## Situation\nx\n## Lessons\ny",
            "line 3: unknown section 'Lessons'",
        ),
        ("{\"situation\": 12}", "line 1 column"),
        ("{\"story\": \"x\"}", "unknown field `story`"),
    ] {
        let out = bin()
            .args(["assess", "--question", "own-gap-between-two-teams"])
            .write_stdin(input)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{input:?}: {out:?}");
        let err = String::from_utf8(out.stderr).unwrap();
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.contains(want), "{input:?}: {err}");
        assert!(err.starts_with("loopdrill: standard input: "), "{err}");
    }
    let out = bin()
        .args(["assess", "--question", "no-such-question"])
        .write_stdin("## Situation\nx")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown question \"no-such-question\""));
    let out = bin()
        .args([
            "assess",
            "--question",
            "own-gap-between-two-teams",
            "/no/such/file.md",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("/no/such/file.md"));
}

/// The next probe follows the answer and the follow-ups already in the
/// input: a reply that covers a gap moves the interviewer on, and a named
/// persona probes in its own way.
#[test]
fn next_probe_follows_the_replies_and_the_persona() {
    let next = |md: &str, persona: Option<&str>| -> Value {
        let mut args = vec![
            "assess",
            "--question",
            "own-gap-between-two-teams",
            "--format",
            "json",
        ];
        if let Some(p) = persona {
            args.extend(["--interviewer", p]);
        }
        let out = bin()
            .args(&args)
            .write_stdin(md.to_string())
            .output()
            .unwrap();
        assert!(out.status.success(), "{out:?}");
        let v: Value = serde_json::from_slice(&out.stdout).unwrap();
        v["next_probe"].clone()
    };
    // The answer without its follow-up: someone asks something.
    let answer = STRONG_MD.split("## Follow-up").next().unwrap();
    let first = next(answer, None);
    let text = first["text"]
        .as_str()
        .expect("a first follow-up")
        .to_string();
    assert!(first["seeks"].is_array(), "{first}");
    // Replying to it: the interviewer asks something else, or stops.
    let replied = format!(
        "{answer}\n## Follow-up: {text}\nI decided it myself on the Tuesday: I chose the pipeline over a cron fix, traded a week of my time for it, and the platform lead signed off in writing.\n"
    );
    let second = next(&replied, None);
    assert_ne!(second["text"].as_str(), Some(text.as_str()), "{second}");
    // Two personas on the same answer: their own probes, not the same one.
    let hm = next(answer, Some("hiring-manager"));
    let em = next(answer, Some("eng-manager"));
    assert_ne!(hm["text"], em["text"], "{hm} / {em}");
    // An unknown persona is one clear line.
    let out = bin()
        .args([
            "assess",
            "--question",
            "own-gap-between-two-teams",
            "--interviewer",
            "nobody",
        ])
        .write_stdin(answer.to_string())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown interviewer \"nobody\""));
}
