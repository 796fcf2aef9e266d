//! One fixture per content error (tests/fixtures/invalid/), each validated
//! alone over the built-in pack by the real binary, with the exact
//! `FILE:LINE:COL: message` line it must print.

use assert_cmd::Command;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// (fixture file, line, column, message).
const EXPECTED: &[(&str, usize, usize, &str)] = &[
    (
        "format_rubric_wrong_kind.toml",
        5,
        10,
        "rubric \"ownership\" must have kind = \"format\" to judge design answers",
    ),
    (
        "real_example_on_star.toml",
        9,
        16,
        "`real_example` is only for questions with format = \"scenario\" (a STAR question is a real example already)",
    ),
    (
        "focus_leadership.toml",
        15,
        9,
        "a focus is a functional track (program-execution, operational-excellence, technical, system-design, product-sense, motivation); leadership questions come from `principles`",
    ),
    ("syntax.toml", 4, 33, "invalid basic string, expected `\"`"),
    (
        "similar_bad_group.toml",
        9,
        12,
        "similar group id \"Scope Creep\" must be kebab-case (a-z, 0-9 and '-')",
    ),
    (
        "red_flag_unknown_id.toml",
        2,
        6,
        "a red flag's id is the signal it raises, one of: blame, generic, buzzwords, undermines-decision, bypasses-control, conceals, ships-known-defect, undermines-peer, implausible, dismisses-risk, no-result",
    ),
    (
        "red_flag_bad_cue.toml",
        6,
        25,
        "a cue \"Went Around\" must be lower-case words separated by single spaces (`prefix*`, `_` for any word, `#` for a number, `~` for any words between, `(a|b)` for alternatives)",
    ),
    (
        "red_flag_unclosed_group.toml",
        6,
        31,
        "a cue \"(didn't|did not tell ~ customer\": its groups are not closed: write `(a|b)`, one level deep, with a `)` for every `(`",
    ),
    (
        "unknown_key.toml",
        4,
        1,
        "unknown field `txet`, expected one of `id`, `text`, `principles`, `track`, `difficulty`, `roles`, `probes`, `probe_refs`, `format`, `real_example`, `similar`",
    ),
    (
        "unknown_top_key.toml",
        2,
        3,
        "unknown key `questions`, expected one of `principle`, `question`, `probe`, `rubric`, `interviewer`, `template`, `writing`, `format`, `red_flag`, `ask`, `debrief`",
    ),
    (
        "wrong_type.toml",
        8,
        14,
        "invalid type: string \"yes\", expected a boolean",
    ),
    ("missing_field.toml", 2, 1, "missing field `track`"),
    ("empty_text.toml", 4, 8, "question text is empty"),
    // The "first defined at" part names the same temp file; checked separately.
    (
        "duplicate_id.toml",
        12,
        6,
        "duplicate question id \"fx-duplicate\" (first defined at {FILE}:3:6)",
    ),
    (
        "unknown_principle.toml",
        5,
        15,
        "unknown principle id \"ownershp\"",
    ),
    (
        "asked_as_unknown_also.toml",
        8,
        96,
        "unknown principle id \"delvier-results\"",
    ),
    (
        "asked_as_own_also.toml",
        9,
        77,
        "`also` names other principles; this one is already the wording's own",
    ),
    (
        "unknown_probe_ref.toml",
        10,
        30,
        "unknown probe id \"gen-no-such-probe\"",
    ),
    (
        "unknown_interviewer.toml",
        11,
        15,
        "unknown interviewer id \"no-such-person\"",
    ),
    (
        "unknown_writing.toml",
        9,
        11,
        "unknown writing id \"wr-no-such-prompt\"",
    ),
    (
        "unknown_signal.toml",
        5,
        10,
        "unknown signal \"too-loud\", expected one of we-over-i, no-metric, no-result, no-conflict, too-long, too-short, vague-actions, no-customer, no-lesson, no-timeline, missing-situation, missing-task, hedging, off-topic, no-failure, humble-brag, blame, generic, non-answer, reused-story, misses-ask, buzzwords, undermines-decision, bypasses-control, conceals, ships-known-defect, undermines-peer, implausible, dismisses-risk, reads-as-red-flag",
    ),
    (
        "criterion_unknown_signal.toml",
        16,
        24,
        "unknown signal \"mumbles\", expected one of we-over-i, no-metric, no-result, no-conflict, too-long, too-short, vague-actions, no-customer, no-lesson, no-timeline, missing-situation, missing-task, hedging, off-topic, no-failure, humble-brag, blame, generic, non-answer, reused-story, misses-ask, buzzwords, undermines-decision, bypasses-control, conceals, ships-known-defect, undermines-peer, implausible, dismisses-risk, reads-as-red-flag",
    ),
    (
        "criterion_unknown_seek.toml",
        16,
        20,
        "unknown seek \"charisma\" (known: metric, own-action, customer, conflict, timeline, lesson, root-cause, decision, mechanism, data, trade-off, risk, scope, alignment, people, ambiguity, simplify, invention, learning, speed, frugal, candour, standards, vision, responsibility, setback, disagreement, commitment, outcome, requirements, scale, components, failure-modes, success-metric, communication)",
    ),
    (
        "criterion_three_levels.toml",
        10,
        10,
        "criterion \"clarity\" has 3 levels; it needs exactly 4 (level 1 to level 4)",
    ),
    (
        "template_lp_without_questions.toml",
        35,
        15,
        "principle \"be-kind\" has no questions to ask",
    ),
    (
        "template_no_bar_raiser.toml",
        3,
        6,
        "template \"fx-no-bar-raiser\" requires a Bar Raiser but has 0 interviews with one (it needs exactly 1)",
    ),
    (
        "bad_id.toml",
        3,
        6,
        "probe id \"Fx_Bad_Id\" must be kebab-case (a-z, 0-9 and '-')",
    ),
    (
        "debrief_unknown_rubric.toml",
        9,
        19,
        "unknown rubric id \"no-such-rubric\"",
    ),
    (
        "debrief_thresholds_order.toml",
        3,
        21,
        "thresholds must be in order: strongly_inclined > inclined > not_inclined",
    ),
    (
        "bad_enum.toml",
        6,
        9,
        "unknown variant `sales`, expected one of `leadership`, `program-execution`, `operational-excellence`, `technical`, `system-design`, `product-sense`, `motivation`, `imported`",
    ),
    (
        "not_array_of_tables.toml",
        2,
        2,
        "`question` must be an array of tables: write [[question]]",
    ),
    ("empty_list.toml", 8, 9, "roles needs at least one entry"),
    (
        "principle_without_rubric.toml",
        3,
        6,
        "principle \"be-patient\" has no rubric (add a [[rubric]] with kind = \"principle\")",
    ),
    (
        "zero_questions.toml",
        13,
        13,
        "`questions` must be at least 1",
    ),
    (
        "writing_word_window.toml",
        9,
        13,
        "`max_words` is smaller than `min_words`",
    ),
    (
        "rubric_principle_missing.toml",
        5,
        8,
        "a rubric with kind = \"principle\" needs `principle = \"<principle id>\"`",
    ),
    (
        "duplicate_criterion.toml",
        13,
        6,
        "duplicate criterion id \"clarity\" in rubric \"fx-dup-criterion\"",
    ),
    ("not_utf8.toml", 4, 12, "file is not valid UTF-8"),
    (
        "probe_unknown_seek.toml",
        10,
        68,
        "unknown seek \"charm\" (known: metric, own-action, customer, conflict, timeline, lesson, root-cause, decision, mechanism, data, trade-off, risk, scope, alignment, people, ambiguity, simplify, invention, learning, speed, frugal, candour, standards, vision, responsibility, setback, disagreement, commitment, outcome, requirements, scale, components, failure-modes, success-metric, communication)",
    ),
    (
        "probe_unknown_slot.toml",
        4,
        8,
        "unknown slot \"{budget}\" in a probe (known: {number}, {named}, {vague_verb}, {told_to}, {reply})",
    ),
    (
        "persona_bad_first.toml",
        16,
        20,
        "`first` names \"charisma\", which is neither a signal nor a seek",
    ),
    (
        "persona_patience.toml",
        17,
        12,
        "`patience` must be 1 or 2 (how often a dodged reply is pressed)",
    ),
    (
        "probe_stretch_with_seeks.toml",
        6,
        11,
        "a stretch probe goes beyond the story: it has no `signal` and no `seeks`",
    ),
    (
        "probe_unknown_format.toml",
        6,
        22,
        "unknown variant `essay`, expected one of `star`, `scenario`, `design`",
    ),
    (
        "probe_unknown_premise.toml",
        6,
        10,
        "unknown premise \"slippage\" in `needs` (a seek id, or one of: someone-else, number, escalation, vendor)",
    ),
    (
        "question_probe_formats.toml",
        10,
        72,
        "`formats` is for general and persona probes: a question's own probes follow the question's `format`",
    ),
];

fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/invalid")
}

fn loopdrill() -> Command {
    let mut cmd = Command::cargo_bin("loopdrill").expect("the loopdrill binary is built");
    cmd.env_remove("LOOPDRILL_CONTENT")
        .env_remove("LOOPDRILL_DATA_DIR")
        .env("NO_COLOR", "1");
    cmd
}

struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

/// Runs `loopdrill content validate DIR...`.
fn validate(dirs: &[&Path]) -> Run {
    let out = loopdrill()
        .arg("content")
        .arg("validate")
        .args(dirs)
        .output()
        .expect("run loopdrill");
    Run {
        code: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// Copies one fixture alone into a fresh temp dir; returns the dir and the
/// path the binary will name in its messages.
fn pack_of(fixture: &str) -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().expect("temp dir");
    let to = dir.path().join(fixture);
    std::fs::copy(fixtures_dir().join(fixture), &to).expect("copy fixture");
    (dir, to.display().to_string())
}

/// The error lines of stderr that name `file`.
fn lines_for<'a>(stderr: &'a str, file: &str) -> Vec<&'a str> {
    let prefix = format!("{file}:");
    stderr.lines().filter(|l| l.starts_with(&prefix)).collect()
}

#[test]
fn every_fixture_has_an_expectation_and_every_expectation_a_fixture() {
    let on_disk: BTreeSet<String> = std::fs::read_dir(fixtures_dir())
        .expect("fixtures dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".toml"))
        .collect();
    let expected: BTreeSet<String> = EXPECTED.iter().map(|e| e.0.to_string()).collect();
    assert_eq!(
        on_disk, expected,
        "tests/fixtures/invalid and EXPECTED must list the same files"
    );
    assert_eq!(
        expected.len(),
        EXPECTED.len(),
        "a fixture is listed twice in EXPECTED"
    );
}

#[test]
fn each_invalid_fixture_reports_its_exact_error() {
    let mut failures = Vec::new();
    for &(fixture, line, col, message) in EXPECTED {
        let (dir, file) = pack_of(fixture);
        let run = validate(&[dir.path()]);
        let want = format!("{file}:{line}:{col}: {}", message.replace("{FILE}", &file));
        let got = lines_for(&run.stderr, &file);
        if run.code != Some(1) {
            failures.push(format!(
                "{fixture}: exit code {:?}, want 1\nstderr:\n{}",
                run.code, run.stderr
            ));
        } else if got != [want.as_str()] {
            failures.push(format!(
                "{fixture}: want exactly this error for the file:\n  {want}\ngot:\n  {}\nfull stderr:\n{}",
                got.join("\n  "),
                run.stderr
            ));
        } else if !run.stderr.lines().any(|l| {
            l.starts_with("loopdrill: ")
                && (l.ends_with(" content error") || l.ends_with(" content errors"))
        }) {
            failures.push(format!(
                "{fixture}: no summary line on stderr:\n{}",
                run.stderr
            ));
        }
        if !run.stdout.is_empty() {
            failures.push(format!("{fixture}: printed on stdout: {}", run.stdout));
        }
    }
    assert!(
        failures.is_empty(),
        "{} fixture(s) failed:\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

#[test]
fn every_error_in_a_file_is_reported_not_just_the_first() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("several.toml");
    std::fs::write(
        &path,
        r#"[[question]]
id = "fx-several-a"
text = "Tell me about a time you owned a problem end to end."
principles = ["ownership", "not-a-principle"]
track = "leadership"
difficulty = "standard"
roles = ["pm"]
probes = ["What did you own?"]

[[question]]
id = "fx-several-b"
principles = ["ownership"]
track = "leadership"
difficulty = "standard"
roles = ["pm"]
probes = ["What did you own?"]

[[probe]]
id = "fx-several-c"
text = "   "
signal = "too-loud"
"#,
    )
    .expect("write pack");
    let file = path.display().to_string();
    let run = validate(&[dir.path()]);
    assert_eq!(run.code, Some(1), "stderr:\n{}", run.stderr);
    let got = lines_for(&run.stderr, &file);
    let want = [
        format!("{file}:4:28: unknown principle id \"not-a-principle\""),
        format!("{file}:10:1: missing field `text`"),
        format!("{file}:20:8: probe text is empty"),
    ];
    for w in &want {
        assert!(
            got.contains(&w.as_str()),
            "missing {w}\ngot:\n{}",
            run.stderr
        );
    }
    assert!(
        got.iter()
            .any(|l| l.starts_with(&format!("{file}:21:10: unknown signal \"too-loud\""))),
        "missing the unknown signal error\ngot:\n{}",
        run.stderr
    );
    assert_eq!(
        got.len(),
        4,
        "exactly the four errors of the file:\n{}",
        run.stderr
    );
}

#[test]
fn errors_in_several_files_and_packs_are_all_reported() {
    let (a, file_a) = pack_of("unknown_principle.toml");
    let (b, file_b) = pack_of("unknown_signal.toml");
    let run = validate(&[a.path(), b.path()]);
    assert_eq!(run.code, Some(1), "stderr:\n{}", run.stderr);
    assert_eq!(lines_for(&run.stderr, &file_a).len(), 1, "{}", run.stderr);
    assert_eq!(lines_for(&run.stderr, &file_b).len(), 1, "{}", run.stderr);
}

#[test]
fn validate_warns_of_a_question_that_reads_like_another_until_they_share_a_group() {
    let dir = tempfile::tempdir().expect("temp dir");
    let pack = |similar: &str| {
        format!(
            r#"[[question]]
id = "fx-build-late-again"
text = "You own a data-center build. The general contractor tells you on a Friday that energisation will be four weeks late because the utility has not finished its work. What do you do?"
principles = ["ownership"]
track = "leadership"
difficulty = "standard"
roles = ["data-center"]
{similar}
probes = [{{ text = "Who do you call first?", seeks = ["own-action"] }}]
"#
        )
    };
    let path = dir.path().join("pack.toml");
    std::fs::write(&path, pack("")).expect("write pack");
    let run = validate(&[dir.path()]);
    assert_eq!(
        run.code,
        Some(0),
        "a warning is not an error:\n{}",
        run.stderr
    );
    assert!(run.stdout.starts_with("ok: "), "{}", run.stdout);
    let warnings: Vec<&str> = run
        .stderr
        .lines()
        .filter(|l| l.starts_with("warning: "))
        .collect();
    assert_eq!(warnings.len(), 1, "{}", run.stderr);
    assert!(
        warnings[0]
            .contains("\"sc-dc-build-four-weeks-late\" and \"fx-build-late-again\" read alike")
            && warnings[0].contains("`similar` group"),
        "{}",
        warnings[0]
    );
    // In the built-in group, it is kept apart from its twin and not reported.
    std::fs::write(&path, pack(r#"similar = ["dc-build-late"]"#)).expect("write pack");
    let run = validate(&[dir.path()]);
    assert_eq!(run.code, Some(0));
    assert!(!run.stderr.contains("warning"), "{}", run.stderr);
    // A group nobody else is in is likely a typo.
    std::fs::write(&path, pack(r#"similar = ["dc-bulid-late"]"#)).expect("write pack");
    let run = validate(&[dir.path()]);
    assert!(
        run.stderr
            .contains("`similar` group \"dc-bulid-late\" has only one question"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_missing_pack_folder_is_an_error_naming_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    let missing = dir.path().join("nope");
    let run = validate(&[&missing]);
    assert_eq!(run.code, Some(1));
    let want = format!("{}:1:1: content folder not found", missing.display());
    assert!(
        run.stderr.lines().any(|l| l == want),
        "want {want}\ngot:\n{}",
        run.stderr
    );
}

#[test]
fn a_valid_overlay_pack_is_accepted() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("extra.toml"),
        r#"[[question]]
id = "fx-valid-extra"
text = "Tell me about a time you owned a problem end to end."
principles = ["ownership"]
track = "leadership"
difficulty = "standard"
roles = ["pm"]
probes = ["What did you own?"]
"#,
    )
    .expect("write pack");
    let base = validate(&[]);
    let run = validate(&[dir.path()]);
    assert_eq!(run.code, Some(0), "stderr:\n{}", run.stderr);
    let count = |s: &str| -> usize {
        let (_, rest) = s.split_once(" principles, ").expect("counts line");
        rest.split(' ')
            .next()
            .and_then(|n| n.parse().ok())
            .expect("question count")
    };
    assert_eq!(
        count(&run.stdout),
        count(&base.stdout) + 1,
        "{}\n{}",
        base.stdout,
        run.stdout
    );
}

#[test]
fn the_builtin_pack_validates_and_prints_counts() {
    let run = validate(&[]);
    assert_eq!(
        run.code,
        Some(0),
        "the built-in pack must be valid; stderr:\n{}",
        run.stderr
    );
    assert!(run.stderr.is_empty(), "stderr: {}", run.stderr);
    let line = run.stdout.trim();
    assert!(line.starts_with("ok: "), "{line}");
    // "ok: 16 principles, N questions, N probes, N rubrics, N interviewers, N templates, N writing prompts"
    let counts: Vec<(usize, String)> = line["ok: ".len()..]
        .split(", ")
        .map(|part| {
            let (n, what) = part.split_once(' ').expect("count and kind");
            (
                n.parse().unwrap_or_else(|_| panic!("not a count: {part}")),
                what.to_string(),
            )
        })
        .collect();
    let kinds: Vec<&str> = counts.iter().map(|c| c.1.as_str()).collect();
    assert_eq!(
        kinds,
        [
            "principles",
            "questions",
            "probes",
            "rubrics",
            "interviewers",
            "templates",
            "writing prompts"
        ]
    );
    assert_eq!(counts[0].0, 16, "the 16 Leadership Principles");
    for (n, what) in &counts {
        assert!(*n > 0, "no {what} in the built-in pack");
    }
}
