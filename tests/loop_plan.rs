//! `loop --plan --json`, role-true loops, track drills and the writing list
//! (issue 11), through the real binary.

mod common;

use assert_cmd::Command;
use serde_json::Value;

fn loopdrill(data: &std::path::Path) -> Command {
    let mut c = Command::cargo_bin("loopdrill").expect("binary");
    c.env_remove("LOOPDRILL_CONTENT")
        .env("LOOPDRILL_DATA_DIR", data)
        .env("NO_COLOR", "1");
    c
}

fn plan(data: &std::path::Path, args: &[&str]) -> Value {
    let out = loopdrill(data)
        .args(["loop", "--plan", "--json"])
        .args(args)
        .output()
        .expect("run");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("JSON")
}

fn questions(p: &Value) -> Vec<&Value> {
    p["interviews"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|i| i["questions"].as_array().unwrap())
        .collect()
}

#[test]
fn a_pm_loop_asks_only_pm_questions_over_many_seeds_and_has_execution_and_metrics_rounds() {
    let dir = tempfile::tempdir().unwrap();
    for seed in 0..40 {
        let p = plan(
            dir.path(),
            &["--template", "pm-general", "--seed", &seed.to_string()],
        );
        assert_eq!(p["template"], "pm-general");
        assert_eq!(p["seed"], seed);
        for q in questions(&p) {
            let roles: Vec<&str> = q["roles"]
                .as_array()
                .unwrap()
                .iter()
                .map(|r| r.as_str().unwrap())
                .collect();
            assert!(
                roles.contains(&"pm"),
                "seed {seed}: {} is not a PM question",
                q["id"]
            );
            assert!(q["format"].is_string() && q["track"].is_string());
        }
        let focus: Vec<&str> = p["interviews"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|i| i["focus"].as_str())
            .collect();
        assert!(focus.contains(&"program-execution"), "{focus:?}");
        assert!(focus.contains(&"operational-excellence"), "{focus:?}");
        assert!(p["writing"].is_string());
    }
}

#[test]
fn the_tpm_loop_has_a_system_design_interview_answered_in_design_fields() {
    let dir = tempfile::tempdir().unwrap();
    for seed in [1, 7, 99] {
        let p = plan(
            dir.path(),
            &["--template", "tpm", "--seed", &seed.to_string()],
        );
        let design = p["interviews"]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["focus"] == "system-design")
            .expect("a system-design interview");
        assert_eq!(design["interviewer"]["id"], "principal-engineer");
        assert_eq!(design["interviewer"]["bar_raiser"], false);
        let first = &design["questions"][0];
        assert_eq!(first["format"], "design");
        assert_eq!(first["track"], "system-design");
        assert!(
            p["interviews"]
                .as_array()
                .unwrap()
                .iter()
                .any(|i| i["focus"] == "program-execution")
        );
        assert!(
            p["interviews"]
                .as_array()
                .unwrap()
                .iter()
                .any(|i| i["interviewer"]["bar_raiser"] == true)
        );
        for q in questions(&p) {
            assert!(q["roles"].as_array().unwrap().iter().any(|r| r == "tpm"));
        }
    }
}

#[test]
fn the_same_seed_gives_the_same_plan_and_role_picks_among_a_templates_roles() {
    let dir = tempfile::tempdir().unwrap();
    let a = plan(
        dir.path(),
        &[
            "--template",
            "phone-screen",
            "--seed",
            "5",
            "--role",
            "data-center",
        ],
    );
    let b = plan(
        dir.path(),
        &[
            "--template",
            "phone-screen",
            "--seed",
            "5",
            "--role",
            "data-center",
        ],
    );
    assert_eq!(a, b);
    assert_eq!(a["role"], "data-center");
    for q in questions(&a) {
        assert!(
            q["roles"]
                .as_array()
                .unwrap()
                .iter()
                .any(|r| r == "data-center")
        );
    }
    let out = loopdrill(dir.path())
        .args([
            "loop",
            "--template",
            "tpm",
            "--role",
            "proserve",
            "--plan",
            "--json",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("tpm") && err.contains("proserve"), "{err}");
}

#[test]
fn an_unknown_principle_lists_the_principles_and_the_tracks() {
    let dir = tempfile::tempdir().unwrap();
    let out = loopdrill(dir.path())
        .args(["drill", "--principle", "technical"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("--track technical"), "{err}");
    assert!(
        err.contains("ownership") && err.contains("system-design"),
        "{err}"
    );
    let out = loopdrill(dir.path())
        .args(["drill", "--track", "no-such-track"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("program-execution"));
}

#[test]
fn writing_prompts_are_listed_with_their_format_and_whether_they_are_about_your_own_work() {
    let dir = tempfile::tempdir().unwrap();
    let out = loopdrill(dir.path())
        .args(["content", "list", "writing", "--json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let list = v.as_array().unwrap();
    for w in list {
        for k in ["id", "title", "format", "minutes", "about_own_work"] {
            assert!(w.get(k).is_some(), "{k} missing in {w}");
        }
        assert!(w["format"] == "narrative" || w["format"] == "pr-faq");
    }
    assert!(
        list.iter()
            .any(|w| w["about_own_work"] == true && w["format"] == "narrative")
    );
    assert!(list.iter().any(|w| w["format"] == "pr-faq"));
    let out = loopdrill(dir.path())
        .args(["content", "list", "questions", "--json"])
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let formats: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|q| q["format"].as_str().unwrap())
        .collect();
    assert!(formats.iter().filter(|f| **f == "scenario").count() >= 20);
    assert!(formats.iter().filter(|f| **f == "design").count() >= 15);
}

/// The questions a drill started with `args` plans, as the app opens it.
fn drill_questions(data: &std::path::Path, args: loopdrill::cli::DrillArgs) -> Vec<String> {
    use loopdrill::tui::screens::Screen;
    let content = loopdrill::content::load_layered(&[]).expect("built-in content");
    let global = loopdrill::cli::Global {
        data_dir: Some(data.to_path_buf()),
        content: vec![],
        init: false,
    };
    let app = loopdrill::tui::build_app(
        &global,
        content,
        Some(loopdrill::cli::Command::Drill(args)),
        false,
    )
    .unwrap_or_else(|e| panic!("{}", e.0));
    match &app.screen {
        Screen::Session(s) => s.session.interviews[0].question_ids.clone(),
        _ => panic!("a drill opens its session"),
    }
}

#[test]
fn drill_seed_gives_the_same_drill_again_even_after_answering_it() {
    let dir = tempfile::tempdir().unwrap();
    let args = |seed: Option<u64>| loopdrill::cli::DrillArgs {
        principles: vec!["ownership".into(), "dive-deep".into()],
        questions: Some(3),
        seed,
        ..Default::default()
    };
    let first = drill_questions(dir.path(), args(Some(42)));
    assert_eq!(first.len(), 3);
    // Answer them now: a drill without a seed skips questions answered in
    // the last two weeks; with the seed, the same drill comes back.
    let store = common::open_writer(dir.path());
    let now = chrono::Utc::now();
    let mut s = loopdrill::store::Session::new(
        "answered".into(),
        loopdrill::store::SessionKind::Drill,
        now,
    );
    for (i, q) in first.iter().enumerate() {
        let mut a = common::answer(i, "words");
        a.question_id = q.clone();
        (a.started_at, a.submitted_at) = (now, now);
        s.answers.push(a);
    }
    store.save_session(&s).unwrap();
    drop(store);
    assert_eq!(drill_questions(dir.path(), args(Some(42))), first);
    let unseeded = drill_questions(dir.path(), args(None));
    assert!(
        unseeded.iter().all(|q| !first.contains(q)),
        "without a seed, the questions just answered are skipped: {unseeded:?}"
    );
}
