//! The config file: `config path` and `config show`, precedence of flags
//! over the environment over the file, `--no-config`, and one fixture per
//! mistake, each reported as one line `FILE:LINE:COL: why`.

use assert_cmd::Command;
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/config")
        .join(name)
}

/// The binary with no config or AI variables from the caller's shell, and a
/// config dir of its own.
fn bin(home: &Path) -> Command {
    let mut cmd = Command::cargo_bin("loopdrill").unwrap();
    for v in [
        "LOOPDRILL_CONFIG",
        "LOOPDRILL_AI_URL",
        "LOOPDRILL_AI_API",
        "LOOPDRILL_AI_MODEL",
        "NO_COLOR",
    ] {
        cmd.env_remove(v);
    }
    cmd.env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join("config"));
    cmd.env("LOOPDRILL_DATA_DIR", home.join("data"));
    cmd
}

fn stderr_of(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn config_path_is_the_platform_file_and_follows_the_overrides() {
    let home = tempfile::tempdir().unwrap();
    let out = bin(home.path()).args(["config", "path"]).output().unwrap();
    assert!(out.status.success());
    let path = String::from_utf8(out.stdout.clone()).unwrap();
    assert_eq!(
        path.trim(),
        home.path()
            .join("config/loopdrill/config.toml")
            .display()
            .to_string()
    );
    assert!(
        stderr_of(&out).contains("no file there"),
        "{}",
        stderr_of(&out)
    );
    let out = bin(home.path())
        .env("LOOPDRILL_CONFIG", "/tmp/elsewhere.toml")
        .args(["config", "path"])
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8(out.stdout).unwrap().trim(),
        "/tmp/elsewhere.toml"
    );
    let out = bin(home.path())
        .env("LOOPDRILL_CONFIG", "/tmp/elsewhere.toml")
        .args(["--config", "/tmp/flag.toml", "config", "path"])
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8(out.stdout).unwrap().trim(),
        "/tmp/flag.toml"
    );
}

#[test]
fn with_no_config_nothing_changes_and_the_ai_is_off() {
    let home = tempfile::tempdir().unwrap();
    let out = bin(home.path()).args(["config", "show"]).output().unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    let s = String::from_utf8(out.stdout).unwrap();
    assert!(s.contains("# file: none (defaults)"), "{s}");
    assert!(s.contains("ai.enabled = false"), "{s}");
    assert!(
        s.lines()
            .any(|l| l.starts_with("ai.vote = \"rule\"") && l.ends_with("# default")),
        "the debrief votes on the rule judge's levels by default: {s}"
    );
    assert!(
        s.lines()
            .all(|l| l.starts_with('#') || l.ends_with("# default")),
        "{s}"
    );
}

#[test]
fn show_tells_where_each_value_came_from() {
    let home = tempfile::tempdir().unwrap();
    let good = fixture("good.toml");
    let out = bin(home.path())
        .env("LOOPDRILL_CONFIG", &good)
        .env("LOOPDRILL_AI_MODEL", "from-env")
        .args(["--ai-api", "openai", "config", "show"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    let s = String::from_utf8(out.stdout).unwrap();
    let line = |key: &str| {
        s.lines()
            .find(|l| l.starts_with(&format!("{key} = ")))
            .unwrap_or_else(|| panic!("{key} missing:\n{s}"))
            .to_string()
    };
    assert!(line("loop.template").contains("\"tpm\""));
    assert!(line("loop.template").ends_with(&format!("# file {}", good.display())));
    assert!(
        line("ai.model").contains("\"from-env\"")
            && line("ai.model").ends_with("# env LOOPDRILL_AI_MODEL")
    );
    assert!(line("ai.api").contains("\"openai\"") && line("ai.api").ends_with("# flag --ai-api"));
    assert!(
        line("ai.enabled").starts_with("ai.enabled = true"),
        "a variable turns the AI on: {s}"
    );
    assert!(line("ui.color").starts_with("ui.color = false"));
    assert!(
        line("ai.vote").starts_with("ai.vote = \"ai\"")
            && line("ai.vote").ends_with(&format!("# file {}", good.display())),
        "{s}"
    );
}

#[test]
fn the_file_sets_loop_defaults_and_flags_still_win() {
    let home = tempfile::tempdir().unwrap();
    let good = fixture("good.toml");
    let plan = |extra: &[&str]| {
        let out = bin(home.path())
            .env("LOOPDRILL_CONFIG", &good)
            .args(["loop", "--plan", "--json", "--seed", "7"])
            .args(extra)
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", stderr_of(&out));
        serde_json::from_slice::<serde_json::Value>(&out.stdout).unwrap()
    };
    let v = plan(&[]);
    assert_eq!(v["template"], "tpm");
    assert!(
        v["interviews"]
            .as_array()
            .unwrap()
            .iter()
            .all(|i| i["answer_minutes"] == 6)
    );
    let v = plan(&[
        "--template",
        "pm-general",
        "--role",
        "pm",
        "--answer-minutes",
        "9",
    ]);
    assert_eq!(v["template"], "pm-general");
    assert!(
        v["interviews"]
            .as_array()
            .unwrap()
            .iter()
            .all(|i| i["answer_minutes"] == 9)
    );
}

/// Each mistake: the fixture, where it is, and words of the reason.
const BAD: &[(&str, &str, &str)] = &[
    ("syntax.toml", "1:6", "expected"),
    ("unknown-key.toml", "2:1", "unknown field `templat`"),
    ("unknown-table.toml", "3:2", "unknown field `nonsense`"),
    ("wrong-type.toml", "3:10", "invalid type"),
    (
        "minutes.toml",
        "2:18",
        "drill.answer_minutes must be a whole number from 1 to 120 (found 0)",
    ),
    (
        "questions.toml",
        "2:13",
        "drill.questions must be a whole number from 1 to 50 (found 51)",
    ),
    ("api.toml", "2:7", "ai.api must be \"ollama\" or \"openai\""),
    (
        "vote.toml",
        "2:8",
        "ai.vote must be \"rule\" or \"ai\" (found \"model\")",
    ),
    ("https.toml", "2:7", "only http:// is supported"),
    ("remote.toml", "4:7", "192.0.2.7 is not this machine"),
    ("empty-model.toml", "2:9", "ai.model is empty"),
    (
        "timeout.toml",
        "2:16",
        "ai.timeout_secs must be from 1 to 600",
    ),
    ("not-utf8.toml", "2:16", "not UTF-8"),
];

#[test]
fn each_mistake_is_one_line_with_file_line_col_and_no_config_starts_anyway() {
    let home = tempfile::tempdir().unwrap();
    for (name, at, why) in BAD {
        let f = fixture(name);
        let out = bin(home.path())
            .args(["--config"])
            .arg(&f)
            .args(["config", "show"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{name}");
        let err = stderr_of(&out);
        assert_eq!(err.lines().count(), 1, "{name}: one line:\n{err}");
        let want = format!("loopdrill: {}:{at}: ", f.display());
        assert!(err.starts_with(&want), "{name}: want {want}…\n got {err}");
        assert!(err.contains(why), "{name}: want {why:?} in {err}");
        assert!(err.contains("--no-config"), "{name}: {err}");
        // The same file through the environment, and --no-config starts on defaults.
        let out = bin(home.path())
            .env("LOOPDRILL_CONFIG", &f)
            .args(["--no-config", "config", "show"])
            .output()
            .unwrap();
        assert!(out.status.success(), "{name}: {}", stderr_of(&out));
        assert!(String::from_utf8_lossy(&out.stdout).contains("# file: none (defaults)"));
    }
}

#[test]
fn ai_on_without_a_model_and_a_named_missing_file_are_refused() {
    let home = tempfile::tempdir().unwrap();
    let out = bin(home.path())
        .arg("--config")
        .arg(fixture("no-model.toml"))
        .args(["config", "show"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr_of(&out).contains("names no model"),
        "{}",
        stderr_of(&out)
    );
    let out = bin(home.path())
        .args(["--config", "/nonexistent/x.toml", "stats"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr_of(&out).starts_with(
            "loopdrill: /nonexistent/x.toml: cannot read the config file (flag --config)"
        ),
        "{}",
        stderr_of(&out)
    );
}

#[test]
fn a_remote_url_from_the_environment_is_refused_before_anything_is_sent() {
    let home = tempfile::tempdir().unwrap();
    let out = bin(home.path())
        .env("LOOPDRILL_AI_URL", "http://192.0.2.9:11434")
        .env("LOOPDRILL_AI_MODEL", "m")
        .args(["ai", "check"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let e = stderr_of(&out);
    assert!(e.contains("192.0.2.9 is not this machine"), "{e}");
}

#[test]
fn ai_check_with_the_ai_off_sends_nothing_and_says_so() {
    let home = tempfile::tempdir().unwrap();
    let out = bin(home.path()).args(["ai", "check"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr_of(&out).contains("the AI is off, so nothing was sent"),
        "{}",
        stderr_of(&out)
    );
}

#[test]
fn the_remote_notice_is_said_on_the_first_run_only() {
    let home = tempfile::tempdir().unwrap();
    let cfg = home.path().join("remote.toml");
    std::fs::write(
        &cfg,
        "[ai]\nenabled = true\nallow_remote = true\nmodel = \"m\"\nurl = \"http://192.0.2.7:9\"\ntimeout_secs = 1\n",
    )
    .unwrap();
    let run = || {
        bin(home.path())
            .arg("--config")
            .arg(&cfg)
            .args(["ai", "check"])
            .output()
            .unwrap()
    };
    let first = stderr_of(&run());
    assert!(
        first.contains("allow_remote is on: 192.0.2.7 is not this machine")
            && first.contains("your answer so far"),
        "{first}"
    );
    assert!(!first.contains("could not be remembered"), "{first}");
    assert!(home.path().join("data/ai-remote.json").exists());
    let second = stderr_of(&run());
    assert!(
        !second.contains("allow_remote is on"),
        "said again:\n{second}"
    );
    // The run still reports what the server did (here: nothing answers).
    assert!(second.contains("192.0.2.7"), "{second}");
}
