//! Content packs are size-capped (content/README.md): a question's text at
//! most 2,000 characters, an id 100 bytes, any other text 4,000
//! characters, a file 1 MiB. Over a cap is a `FILE:LINE:COL` error; at the
//! cap the pack validates (and drills at normal speed: `cargo bench --bench
//! tui`, keystroke_question_at_the_cap).

use assert_cmd::Command;
use std::path::Path;

fn question(id: &str, text: &str) -> String {
    format!(
        "[[question]]\nid = \"{id}\"\ntext = \"{text}\"\nprinciples = [\"ownership\"]\ntrack = \"leadership\"\ndifficulty = \"standard\"\nroles = [\"pm\"]\nprobes = [\"What did you do first?\"]\n"
    )
}

fn validate(dir: &Path) -> (bool, String) {
    let out = Command::cargo_bin("loopdrill")
        .unwrap()
        .args(["content", "validate"])
        .arg(dir)
        .output()
        .unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn a_question_at_the_cap_validates_and_one_over_is_an_error_at_its_text() {
    let tmp = tempfile::tempdir().unwrap();
    let at = "w".repeat(2_000);
    std::fs::write(tmp.path().join("q.toml"), question("cap-at", &at)).unwrap();
    let (ok, err) = validate(tmp.path());
    assert!(ok, "{err}");

    let over = "w".repeat(2_001);
    let file = tmp.path().join("q.toml");
    std::fs::write(&file, question("cap-over", &over)).unwrap();
    let (ok, err) = validate(tmp.path());
    assert!(!ok);
    assert!(
        err.contains(&format!(
            "{}:3:8: question text is longer than 2000 characters",
            file.display()
        )),
        "{err}"
    );
    // The error quotes nothing of the text itself.
    assert!(!err.contains("wwwwwwwwww"), "{err}");
}

#[test]
fn a_50_mb_question_is_refused_unread_and_a_long_id_is_an_error() {
    let tmp = tempfile::tempdir().unwrap();
    let huge = tmp.path().join("huge.toml");
    std::fs::write(&huge, question("huge", &"w".repeat(50 * 1024 * 1024))).unwrap();
    let (ok, err) = validate(tmp.path());
    assert!(!ok);
    assert!(
        err.contains(&format!("{}:1:1: the file holds", huge.display())),
        "{err}"
    );
    assert!(err.contains("at most 1048576"), "{err}");
    std::fs::remove_file(&huge).unwrap();

    let id = "a".repeat(101);
    let file = tmp.path().join("id.toml");
    std::fs::write(
        &file,
        question(&id, "Tell me about a time you owned a fix."),
    )
    .unwrap();
    let (ok, err) = validate(tmp.path());
    assert!(!ok);
    assert!(
        err.contains(&format!(
            "{}:2:6: question id is longer than 100 bytes",
            file.display()
        )),
        "{err}"
    );
}
