//! The command line: help on every command, content listing, export/import
//! round trips, completions, data-dir handling and exit codes.

use assert_cmd::Command;
use chrono::{TimeZone, Utc};
use loopdrill::store::{
    AnalysisRecord, Answer, FollowUp, InterviewRecord, InterviewerRef, ScoreRevision, Session,
    SessionKind, Star, Store, Story, StoryBank, Vote,
};
use std::path::Path;

fn bin() -> Command {
    let mut cmd = Command::cargo_bin("loopdrill").unwrap();
    // Times are shown in local time: pin the zone so output is the same anywhere.
    cmd.env("TZ", "UTC");
    cmd
}

fn sample_session(id: &str, hour: u32, result: &str) -> Session {
    let t = Utc.with_ymd_and_hms(2026, 2, 1, hour, 0, 0).unwrap();
    let mut s = Session::new(id.into(), SessionKind::Loop, t);
    s.template = Some("pm-general".into());
    s.seed = Some(42);
    s.finished_at = Some(t + chrono::Duration::minutes(50));
    s.interviews.push(InterviewRecord {
        interviewer: InterviewerRef {
            id: "bar-raiser-1".into(),
            name: "Elena".into(),
            role: "Bar Raiser".into(),
            bar_raiser: true,
        },
        principles: vec!["ownership".into()],
        question_ids: vec!["own-failure-my-fault".into()],
        answer_secs: 300,
        vote: Some(Vote::Inclined),
        average_score: Some(3.0),
        candidate_questions: "What keeps you here?".into(),
    });
    s.answers.push(Answer {
        id: format!("{id}-a1"),
        question_id: "own-failure-my-fault".into(),
        question: "Tell me about a failure that was your fault.".into(),
        principles: vec!["ownership".into(), "deliver-results".into()],
        interviewer_id: Some("bar-raiser-1".into()),
        interview_index: 0,
        star: Star {
            situation: "S".into(),
            task: "T".into(),
            action: "A".into(),
            result: result.into(),
        },
        parts: Vec::new(),
        part_names: Vec::new(),
        follow_ups: vec![FollowUp {
            probe: "What did you learn?".into(),
            response: "To test rollbacks.".into(),
            signal: Some("no-lesson".into()),
        }],
        started_at: t,
        submitted_at: t + chrono::Duration::minutes(5),
        duration_secs: 290,
        time_limit_secs: 300,
        overtime_secs: 0,
        self_scores: [("ownership/beyond-scope".to_string(), 3u8)].into(),
        score_history: vec![ScoreRevision {
            scored_at: t,
            self_scores: [("ownership/beyond-scope".to_string(), 2u8)].into(),
        }],
        analysis: AnalysisRecord {
            words: 120,
            i_count: 5,
            we_count: 1,
            numbers_in_result: 2,
            speaking_secs: 52,
            signals: vec!["no-conflict".into()],
        },
        story_id: Some("st-1".into()),
        notes: "tighten the result".into(),
        spoken: false,
        judged: None,
        summary_only: false,
    });
    s
}

fn seed_store(dir: &Path) {
    let store = Store::open(dir).unwrap();
    store
        .save_session(&sample_session("s1", 9, "Cut downtime 40% in 6 weeks."))
        .unwrap();
    store
        .save_session(&sample_session("s2", 11, "Shipped 2 weeks early."))
        .unwrap();
    let t = Utc.with_ymd_and_hms(2026, 2, 1, 8, 0, 0).unwrap();
    store
        .save_stories(&StoryBank {
            schema_version: 1,
            stories: vec![Story {
                id: "st-1".into(),
                title: "The rollback that saved launch".into(),
                summary: "A failed cutover.".into(),
                star: Star::default(),
                principles: vec!["ownership".into()],
                metric: "40% less downtime".into(),
                created_at: t,
                updated_at: t,
            }],
        })
        .unwrap();
}

#[test]
fn every_command_has_help() {
    for args in [
        vec!["--help"],
        vec!["loop", "--help"],
        vec!["drill", "--help"],
        vec!["review", "--help"],
        vec!["stories", "--help"],
        vec!["stats", "--help"],
        vec!["export", "--help"],
        vec!["import", "--help"],
        vec!["content", "--help"],
        vec!["content", "validate", "--help"],
        vec!["content", "list", "--help"],
        vec!["content", "init", "--help"],
        vec!["content", "import", "--help"],
        vec!["completions", "--help"],
    ] {
        let out = bin().args(&args).output().unwrap();
        assert!(out.status.success(), "{args:?}");
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(text.contains("Usage:"), "{args:?}: {text}");
    }
}

#[test]
fn bad_usage_exits_2_and_user_errors_exit_1_with_one_line() {
    bin().arg("--no-such-flag").assert().code(2);
    bin().args(["loop", "--interviewers", "0"]).assert().code(2);
    let dir = tempfile::tempdir().unwrap();
    let out = bin()
        .args(["loop", "--template", "nope", "--data-dir"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    assert!(err.contains("no loop template \"nope\""), "{err}");
    let out = bin()
        .args(["drill", "--principle", "not-an-lp", "--data-dir"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not-an-lp"));
}

#[test]
fn content_list_json_has_the_documented_fields_and_counts() {
    let out = bin()
        .args(["content", "list", "questions", "--json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let qs: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let qs = qs.as_array().unwrap();
    assert!(
        qs.len() >= 232,
        "192 leadership + 40 functional at least, got {}",
        qs.len()
    );
    for q in qs {
        for k in [
            "id",
            "text",
            "principles",
            "track",
            "difficulty",
            "roles",
            "probes",
        ] {
            assert!(q.get(k).is_some(), "question lacks {k}: {q}");
        }
    }
    let out = bin()
        .args(["content", "list", "templates", "--json"])
        .output()
        .unwrap();
    let ts: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let pm = ts
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["id"] == "pm-general")
        .expect("pm-general");
    let iv = &pm["interviews"][0];
    for k in ["interviewer", "principles", "questions", "answer_minutes"] {
        assert!(iv.get(k).is_some(), "{k}");
    }
    let out = bin()
        .args(["content", "list", "interviewers", "--json"])
        .output()
        .unwrap();
    let is: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(
        is.as_array()
            .unwrap()
            .iter()
            .any(|i| i["bar_raiser"] == true)
    );
    let out = bin()
        .args(["content", "list", "principles", "--json"])
        .output()
        .unwrap();
    let ps: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(ps.as_array().unwrap().len(), 16);
}

#[test]
fn content_init_writes_a_pack_that_validates_and_refuses_to_overwrite() {
    let dir = tempfile::tempdir().unwrap();
    let pack = dir.path().join("mypack");
    bin()
        .args(["content", "init"])
        .arg(&pack)
        .assert()
        .success();
    assert!(pack.join("principles.toml").exists());
    assert!(pack.join("README.md").exists());
    bin()
        .args(["content", "validate"])
        .arg(&pack)
        .assert()
        .success();
    let out = bin().args(["content", "init"]).arg(&pack).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("already exists"));
}

#[test]
fn a_user_pack_overrides_by_id_and_adds_items() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("mine.toml"),
        r#"
[[question]]
id = "own-failure-my-fault"
text = "OVERRIDDEN: tell me about your worst call."
principles = ["ownership"]
track = "leadership"
difficulty = "hard"
roles = ["pm"]
probes = ["And then?"]

[[question]]
id = "my-new-question"
text = "A brand new question about frugality."
principles = ["frugality"]
track = "leadership"
difficulty = "standard"
roles = ["tpm"]
probes = ["How much did it save?"]
"#,
    )
    .unwrap();
    let out = bin()
        .args(["content", "list", "questions", "--json", "--content"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let qs: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let qs = qs.as_array().unwrap();
    let o = qs
        .iter()
        .find(|q| q["id"] == "own-failure-my-fault")
        .unwrap();
    assert!(o["text"].as_str().unwrap().starts_with("OVERRIDDEN"));
    assert!(qs.iter().any(|q| q["id"] == "my-new-question"));
    // The env var works the same way.
    let out = bin()
        .args(["content", "list", "questions", "--json"])
        .env("LOOPDRILL_CONTENT", dir.path())
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains("my-new-question"));
}

#[test]
fn export_json_has_the_spec_shape() {
    let dir = tempfile::tempdir().unwrap();
    seed_store(dir.path());
    let out = bin()
        .args(["export", "--data-dir"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["schema_version"], 1);
    let s = &v["sessions"][0];
    for k in [
        "id",
        "kind",
        "template",
        "seed",
        "started_at",
        "finished_at",
        "interviews",
        "answers",
    ] {
        assert!(s.get(k).is_some(), "session lacks {k}");
    }
    for k in ["id", "name", "role", "bar_raiser"] {
        assert!(
            s["interviews"][0]["interviewer"].get(k).is_some(),
            "interviewer lacks {k}"
        );
    }
    assert_eq!(s["interviews"][0]["vote"], "inclined");
    let a = &s["answers"][0];
    for k in [
        "question_id",
        "question",
        "principles",
        "interviewer_id",
        "star",
        "follow_ups",
        "started_at",
        "submitted_at",
        "duration_secs",
        "time_limit_secs",
        "overtime_secs",
        "self_scores",
        "analysis",
        "story_id",
        "notes",
    ] {
        assert!(a.get(k).is_some(), "answer lacks {k}");
    }
    assert_eq!(a["follow_ups"][0]["probe"], "What did you learn?");
    assert_eq!(a["self_scores"]["ownership/beyond-scope"], 3);
    assert!(chrono::DateTime::parse_from_rfc3339(a["submitted_at"].as_str().unwrap()).is_ok());
    let st = &v["stories"][0];
    for k in ["id", "title", "summary", "principles"] {
        assert!(st.get(k).is_some(), "story lacks {k}");
    }
}

#[test]
fn export_markdown_groups_answers_by_principle_after_the_stories() {
    let dir = tempfile::tempdir().unwrap();
    seed_store(dir.path());
    let file = dir.path().join("out.md");
    bin()
        .args(["export", "--format", "markdown", "--output"])
        .arg(&file)
        .arg("--data-dir")
        .arg(dir.path())
        .assert()
        .success();
    let md = std::fs::read_to_string(&file).unwrap();
    let stories = md.find("## Stories").unwrap();
    let answers = md.find("## Answers by Leadership Principle").unwrap();
    assert!(stories < answers);
    assert!(md.contains("### The rollback that saved launch"));
    assert!(md.contains("### Ownership"));
    assert!(md.contains("Cut downtime 40% in 6 weeks."));
    assert!(md.contains("To test rollbacks."));
}

#[test]
fn export_import_export_round_trips_and_import_twice_changes_nothing() {
    let src = tempfile::tempdir().unwrap();
    seed_store(src.path());
    let first = bin()
        .args(["export", "--data-dir"])
        .arg(src.path())
        .output()
        .unwrap()
        .stdout;
    let file = src.path().join("export.json");
    std::fs::write(&file, &first).unwrap();

    let dst = tempfile::tempdir().unwrap();
    let out = bin()
        .arg("import")
        .arg(&file)
        .arg("--data-dir")
        .arg(dst.path())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("2 added"));
    let second = bin()
        .args(["export", "--data-dir"])
        .arg(dst.path())
        .output()
        .unwrap()
        .stdout;
    // The same, apart from the judgements `import` caches with each answer
    // (derived data: the seeded store had not cached them).
    fn without_cache(mut v: serde_json::Value) -> serde_json::Value {
        for s in v["sessions"].as_array_mut().unwrap() {
            for a in s["answers"].as_array_mut().unwrap() {
                a.as_object_mut().unwrap().remove("judged");
            }
        }
        v
    }
    let second_v = serde_json::from_slice::<serde_json::Value>(&second).unwrap();
    assert!(
        second_v["sessions"][0]["answers"][0]["judged"].is_object(),
        "import caches the judgement"
    );
    assert_eq!(
        without_cache(serde_json::from_slice::<serde_json::Value>(&first).unwrap()),
        without_cache(second_v)
    );
    let snapshot = |d: &Path| {
        let mut v: Vec<(String, Vec<u8>)> = std::fs::read_dir(d.join("sessions"))
            .unwrap()
            .map(|e| {
                let e = e.unwrap();
                (
                    e.file_name().to_string_lossy().into_owned(),
                    std::fs::read(e.path()).unwrap(),
                )
            })
            .collect();
        v.sort();
        (v, std::fs::read(d.join("stories.json")).unwrap())
    };
    let before = snapshot(dst.path());
    let out = bin()
        .arg("import")
        .arg(&file)
        .arg("--data-dir")
        .arg(dst.path())
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains("0 added, 0 updated, 2 unchanged"));
    assert_eq!(
        before,
        snapshot(dst.path()),
        "importing twice changes nothing"
    );
}

#[test]
fn import_never_overwrites_newer_data() {
    let src = tempfile::tempdir().unwrap();
    seed_store(src.path());
    let file = src.path().join("export.json");
    std::fs::write(
        &file,
        bin()
            .args(["export", "--data-dir"])
            .arg(src.path())
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    // The destination has a newer version of s1 (re-scored later).
    let dst = tempfile::tempdir().unwrap();
    let store = Store::open(dst.path()).unwrap();
    let mut newer = sample_session("s1", 9, "NEWER RESULT");
    newer.answers[0].score_history.push(ScoreRevision {
        scored_at: Utc.with_ymd_and_hms(2026, 5, 1, 0, 0, 0).unwrap(),
        self_scores: Default::default(),
    });
    store.save_session(&newer).unwrap();
    drop(store);
    bin()
        .arg("import")
        .arg(&file)
        .arg("--data-dir")
        .arg(dst.path())
        .assert()
        .success();
    let s1 = Store::open_read_only(dst.path())
        .load_session("s1")
        .unwrap();
    assert_eq!(s1.answers[0].star.result, "NEWER RESULT");
    assert!(Store::open_read_only(dst.path()).load_session("s2").is_ok());
}

#[test]
fn import_refuses_a_newer_schema_and_bad_json_with_position() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("x.json");
    std::fs::write(
        &f,
        r#"{"schema_version": 99, "sessions": [], "stories": []}"#,
    )
    .unwrap();
    let out = bin()
        .arg("import")
        .arg(&f)
        .arg("--data-dir")
        .arg(dir.path().join("d"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("newer loopdrill"));
    std::fs::write(&f, "{\n  \"schema_version\": 1,\n  \"sessions\": [oops]\n}").unwrap();
    let out = bin()
        .arg("import")
        .arg(&f)
        .arg("--data-dir")
        .arg(dir.path().join("d"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("x.json:3:"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn completions_are_generated_for_common_shells() {
    for shell in ["bash", "zsh", "fish"] {
        let out = bin().args(["completions", shell]).output().unwrap();
        assert!(out.status.success());
        let s = String::from_utf8_lossy(&out.stdout);
        assert!(s.contains("loopdrill"), "{shell}");
        assert!(s.contains("drill"), "{shell}");
    }
}

#[test]
fn data_dir_env_var_is_used_and_files_are_private() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("nested").join("data");
    let file = dir.path().join("e.json");
    std::fs::write(&file, r#"{"schema_version":1,"sessions":[],"stories":[]}"#).unwrap();
    bin()
        .arg("import")
        .arg(&file)
        .env("LOOPDRILL_DATA_DIR", &data)
        .assert()
        .success();
    assert!(data.join("sessions").is_dir());
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(
            std::fs::metadata(&data).unwrap().permissions().mode() & 0o777,
            0o700
        );
    }
}

#[test]
fn markdown_export_includes_writing_exercises() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let t = Utc.with_ymd_and_hms(2026, 2, 3, 10, 0, 0).unwrap();
    let mut s = Session::new("w1".into(), SessionKind::Writing, t);
    s.writing = Some(loopdrill::store::WritingRecord {
        prompt_id: "wr-coe-checkout-outage".into(),
        title: "COE summary: checkout outage".into(),
        text: "## Impact\nCustomers could not pay for 45 minutes.".into(),
        duration_secs: 1500,
        time_limit_secs: 1800,
        checks: vec!["has-metric: pass — 1 numbers".into()],
    });
    store.save_session(&s).unwrap();
    drop(store);
    let out = bin()
        .args(["export", "--format", "markdown", "--data-dir"])
        .arg(dir.path())
        .output()
        .unwrap();
    let md = String::from_utf8(out.stdout).unwrap();
    assert!(md.contains("## Writing exercises"), "{md}");
    assert!(md.contains("### COE summary: checkout outage"));
    assert!(md.contains("Customers could not pay for 45 minutes."));
    assert!(md.contains("- has-metric: pass"));
    // The document's own headings are quoted, not part of the export's outline.
    assert!(md.contains("> ## Impact"), "{md}");
    assert!(!md.lines().any(|l| l == "## Impact"), "{md}");
    assert!(md.contains("25:00 of 30:00"), "{md}");
}

#[test]
fn plain_text_output_never_carries_raw_escape_sequences() {
    // An answer with a pasted title-setting and screen-clearing sequence.
    let data = tempfile::tempdir().unwrap();
    let store = Store::open(data.path()).unwrap();
    store
        .save_session(&sample_session(
            "s-esc",
            9,
            "Cut downtime 40%\u{1b}]0;HACKED\u{7}\u{1b}[2J in 6 weeks.",
        ))
        .unwrap();
    drop(store);
    let out = bin()
        .args(["export", "--format", "markdown", "--data-dir"])
        .arg(data.path())
        .output()
        .unwrap();
    assert!(out.status.success());
    let md = String::from_utf8(out.stdout).unwrap();
    assert!(!md.contains('\u{1b}') && !md.contains('\u{7}'), "{md:?}");
    assert!(
        md.contains("Cut downtime 40%␛]0;HACKED␇␛[2J in 6 weeks."),
        "{md}"
    );
    // JSON keeps the exact text, escaped.
    let out = bin()
        .args(["export", "--format", "json", "--data-dir"])
        .arg(data.path())
        .output()
        .unwrap();
    let json = String::from_utf8(out.stdout).unwrap();
    assert!(!json.contains('\u{1b}'));
    assert!(json.contains(r"\u001b]0;HACKED\u0007"), "{json}");

    // A user pack's question text printed by `content list`.
    let pack = tempfile::tempdir().unwrap();
    std::fs::write(
        pack.path().join("evil.toml"),
        "[[question]]\nid = \"evil-q\"\ntext = \"Tell me about a time \\u001b[2J you cleared a screen.\"\nprinciples = [\"ownership\"]\ntrack = \"leadership\"\ndifficulty = \"standard\"\nroles = [\"pm\"]\nprobes = [\"Why?\"]\n",
    )
    .unwrap();
    let out = bin()
        .args(["content", "list", "questions", "--content"])
        .arg(pack.path())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let list = String::from_utf8(out.stdout).unwrap();
    assert!(
        list.contains("Tell me about a time ␛[2J you cleared"),
        "{list}"
    );
    assert!(!list.contains('\u{1b}'));
}

#[test]
fn times_are_shown_in_the_local_time_zone() {
    let dir = tempfile::tempdir().unwrap();
    seed_store(dir.path());
    let md = |tz: &str| {
        let out = bin()
            .env("TZ", tz)
            .args(["export", "--format", "markdown", "--data-dir"])
            .arg(dir.path())
            .output()
            .unwrap();
        assert!(out.status.success());
        String::from_utf8(out.stdout).unwrap()
    };
    // Session s1's answer was submitted 2026-02-01 09:05 UTC.
    let utc = md("UTC");
    assert!(utc.contains("2026-02-01 09:05"), "{utc}");
    // POSIX zone 8 hours behind UTC (no tz database needed).
    let behind = md("XST+8");
    assert!(behind.contains("2026-02-01 01:05"), "{behind}");
    assert!(!behind.contains("2026-02-01 09:05"), "{behind}");
    // JSON keeps UTC.
    let out = bin()
        .env("TZ", "XST+8")
        .args(["export", "--format", "json", "--data-dir"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains("2026-02-01T09:00:00Z"));
}

#[test]
fn json_output_escapes_c1_controls_and_bidi_overrides_and_round_trips() {
    // U+009B is a one-byte CSI for terminals reading C1; U+202E reverses text.
    let nasty = "Cut cost \u{9b}2J by 31%\u{202e}%13 \u{85}\u{2066}x\u{2069}\u{7f}.";
    let data = tempfile::tempdir().unwrap();
    let store = Store::open(data.path()).unwrap();
    store
        .save_session(&sample_session("s-c1", 9, nasty))
        .unwrap();
    drop(store);
    let out = bin()
        .args(["export", "--data-dir"])
        .arg(data.path())
        .output()
        .unwrap();
    assert!(out.status.success());
    let json = String::from_utf8(out.stdout).unwrap();
    for c in [
        '\u{9b}', '\u{202e}', '\u{85}', '\u{2066}', '\u{2069}', '\u{7f}',
    ] {
        assert!(
            !json.contains(c),
            "raw U+{:04X} in the export",
            u32::from(c)
        );
    }
    assert!(
        json.contains(r"\u009b2J") && json.contains(r"\u202e"),
        "{json}"
    );
    // Still valid JSON with the exact text, and `import` restores it.
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["sessions"][0]["answers"][0]["star"]["result"], nasty);
    let file = data.path().join("export.json");
    std::fs::write(&file, &json).unwrap();
    let other = tempfile::tempdir().unwrap();
    let out = bin()
        .args(["import"])
        .arg(&file)
        .arg("--data-dir")
        .arg(other.path())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let s = Store::open_read_only(other.path())
        .load_session("s-c1")
        .unwrap();
    assert_eq!(s.answers[0].star.result, nasty);

    // A user pack's question through `content list --json`.
    let pack = tempfile::tempdir().unwrap();
    std::fs::write(
        pack.path().join("evil.toml"),
        "[[question]]\nid = \"evil-q\"\ntext = \"Tell me about \\u009b2J a time \\u202e you flipped text.\"\nprinciples = [\"ownership\"]\ntrack = \"leadership\"\ndifficulty = \"standard\"\nroles = [\"pm\"]\nprobes = [\"Why?\"]\n",
    )
    .unwrap();
    let out = bin()
        .args(["content", "list", "questions", "--json", "--content"])
        .arg(pack.path())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let list = String::from_utf8(out.stdout).unwrap();
    assert!(!list.contains('\u{9b}') && !list.contains('\u{202e}'));
    assert!(
        list.contains(r"Tell me about \u009b2J a time \u202e you"),
        "{list}"
    );
    let v: serde_json::Value = serde_json::from_str(&list).unwrap();
    let q = v
        .as_array()
        .unwrap()
        .iter()
        .find(|q| q["id"] == "evil-q")
        .unwrap();
    assert_eq!(
        q["text"],
        "Tell me about \u{9b}2J a time \u{202e} you flipped text."
    );
}

#[test]
fn inputs_are_capped_and_read_incrementally() {
    let data = tempfile::tempdir().unwrap();
    let big = data.path().join("big.json");
    std::fs::write(&big, format!("[\"{}\"]", "x".repeat(5000))).unwrap();
    let run = |args: &[&str], file: &Path, limit: Option<&str>| {
        let mut cmd = bin();
        cmd.args(args)
            .arg(file)
            .arg("--data-dir")
            .arg(data.path().join("d"));
        if let Some(l) = limit {
            cmd.env("LOOPDRILL_MAX_INPUT_BYTES", l);
        }
        if args[0] == "content" {
            cmd.args(["--output"]).arg(data.path().join("pack.toml"));
        }
        let start = std::time::Instant::now();
        let out = cmd
            .timeout(std::time::Duration::from_secs(60))
            .output()
            .unwrap();
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
            start.elapsed(),
        )
    };
    let zero = Path::new("/dev/zero");
    for args in [
        &["import"][..],
        &["content", "import", "--format", "csv"][..],
    ] {
        // An endless input stops at the cap instead of filling memory.
        let (code, err, took) = run(args, zero, Some("1000000"));
        assert_eq!(code, Some(1), "{args:?}: {err}");
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(
            err.contains("larger than the input limit of 1000000 bytes")
                && err.contains("LOOPDRILL_MAX_INPUT_BYTES"),
            "{err}"
        );
        assert!(took < std::time::Duration::from_secs(30), "{took:?}");
        // A regular file over the cap is refused, under it is read.
        let (code, err, _) = run(args, &big, Some("4096"));
        assert_eq!(code, Some(1), "{err}");
        assert!(
            err.contains("larger than the input limit of 4096 bytes"),
            "{err}"
        );
        let (_, err, _) = run(args, &big, Some("6000"));
        assert!(!err.contains("input limit"), "{err}");
    }
    let (code, err, _) = run(&["import"], &big, Some("lots"));
    assert_eq!(code, Some(1));
    assert!(
        err.contains("LOOPDRILL_MAX_INPUT_BYTES must be a number of bytes"),
        "{err}"
    );
    // The default cap is documented as 256 MiB.
    assert_eq!(loopdrill::content::MAX_INPUT_BYTES, 256 * 1024 * 1024);
    let help = bin().args(["import", "--help"]).output().unwrap();
    assert!(String::from_utf8_lossy(&help.stdout).contains("256 MiB"));
    let help = bin()
        .args(["content", "import", "--help"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&help.stdout).contains("LOOPDRILL_MAX_INPUT_BYTES"));
}

#[test]
fn an_error_quoting_a_value_quotes_a_short_excerpt() {
    let data = tempfile::tempdir().unwrap();
    let file = data.path().join("wrong-shape.json");
    let long = "y".repeat(1100);
    std::fs::write(
        &file,
        format!("{{\"schema_version\":1,\"sessions\":\"{long}\",\"stories\":[]}}"),
    )
    .unwrap();
    let out = bin()
        .arg("import")
        .arg(&file)
        .arg("--data-dir")
        .arg(data.path().join("d"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.len() < 250, "{} bytes: {err}", err.len());
    assert!(err.contains(&format!("\"{}…\"", "y".repeat(60))), "{err}");
}

#[test]
fn markdown_export_shows_the_interviewer_the_flags_and_the_debrief() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let mut s = sample_session("s-md", 9, "Cut downtime 40% in 6 weeks.");
    s.answers[0].judged = Some(loopdrill::store::JudgedCache {
        key: 1,
        average: Some(2.25),
        signals: vec!["we-over-i".into()],
    });
    s.debrief = Some(loopdrill::store::DebriefRecord {
        hire: false,
        bar_raiser_veto: true,
        summary: "The Bar Raiser vetoes: their judgement (2.25) is below 2.75.".into(),
    });
    store.save_session(&s).unwrap();
    drop(store);
    let out = bin()
        .args(["export", "--format", "markdown", "--data-dir"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(out.status.success());
    let md = String::from_utf8(out.stdout).unwrap();
    assert!(md.contains("## Loop debriefs"), "{md}");
    assert!(md.contains("**No hire** (the Bar Raiser vetoed)"), "{md}");
    assert!(
        md.contains("The Bar Raiser vetoes: their judgement (2.25)"),
        "{md}"
    );
    assert!(md.contains("- Elena (Bar Raiser): Inclined (3.00)"), "{md}");
    assert!(md.contains("*Interviewer:* Elena, Bar Raiser"), "{md}");
    assert!(
        md.contains("*Interviewer's level:* 2.2/4") || md.contains("*Interviewer's level:* 2.3/4"),
        "{md}"
    );
    assert!(md.contains("- ⚑ Says \"we\" far more than \"I\""), "{md}");
}
