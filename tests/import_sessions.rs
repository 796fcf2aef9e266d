//! `loopdrill import`: many sessions at once (one batch, every file atomic,
//! a failed import changes nothing), and hand-written exports that leave
//! out what loopdrill derives.

mod common;

use assert_cmd::Command;
use common::session;
use loopdrill::store::{Store, export};
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;

fn data_dir() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = tmp.path().join("data");
    (tmp, dir)
}

fn names_in(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = fs::read_dir(dir)
        .expect("read dir")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import")
        .join(name)
}

#[test]
fn a_thousand_sessions_import_in_one_batch_and_all_load_back() {
    let (_tmp, dir) = data_dir();
    let store = Store::open(&dir).expect("open");
    let sessions: Vec<_> = (0..1000)
        .map(|i| session(&format!("s-{i:04}"), 1_700_000_000 + i * 3600, 2))
        .collect();
    let mut calls = Vec::new();
    let report = export::import_with(
        &store,
        &export::Export::new(sessions.clone(), vec![]),
        &mut |n, of| calls.push((n, of)),
    )
    .expect("import");
    assert_eq!(report.sessions_added, 1000);
    assert_eq!(calls.len(), 1000, "progress once per session written");
    assert_eq!(calls.last(), Some(&(1000, 1000)));
    let history = store.load_history();
    assert!(history.problems.is_empty(), "{:?}", history.problems);
    assert_eq!(history.sessions, sessions);
    // no temp file left behind
    let names = names_in(&dir.join("sessions"));
    assert_eq!(names.len(), 1000);
    assert!(names.iter().all(|n| !n.starts_with('.')), "{names:?}");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = fs::metadata(store.session_path("s-0500"))
            .expect("meta")
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
    }
}

#[test]
fn a_write_failing_halfway_through_an_import_changes_no_session_file() {
    let (_tmp, dir) = data_dir();
    let mut store = Store::open(&dir).expect("open");
    // An older copy of s-0001 is in the store; the import brings a newer one.
    let mut old = session("s-0001", 1_700_000_000, 1);
    old.answers[0].notes = "the stored copy".into();
    store.save_session(&old).expect("save");
    let before_bytes = fs::read(store.session_path("s-0001")).expect("read");

    let mut newer = session("s-0001", 1_700_000_000, 3);
    newer.answers[0].notes = "the imported copy".into();
    let mut incoming = vec![newer];
    incoming.extend((2..40).map(|i| session(&format!("s-{i:04}"), 1_700_000_000 + i * 60, 1)));

    // The disk fills up while the 20th temp file is being written.
    store.inject_write_fault(Some(Arc::new(|p: &Path| {
        let name = p.file_name()?.to_string_lossy().into_owned();
        (name.starts_with(".s-0020.json."))
            .then(|| std::io::Error::from(std::io::ErrorKind::StorageFull))
    })));
    let err = export::import(&store, &export::Export::new(incoming.clone(), vec![]))
        .expect_err("the import fails");
    assert!(err.to_string().contains("s-0020"), "{err}");

    // The stored session is byte for byte what it was, no new session was
    // added, and every temp file is gone.
    assert_eq!(
        fs::read(store.session_path("s-0001")).expect("read"),
        before_bytes
    );
    assert_eq!(names_in(&dir.join("sessions")), ["s-0001.json"]);

    // The same import succeeds once the disk has room again.
    store.inject_write_fault(None);
    let report = export::import(&store, &export::Export::new(incoming, vec![])).expect("import");
    assert_eq!((report.sessions_added, report.sessions_updated), (38, 1));
    let s = store.load_session("s-0001").expect("load");
    assert_eq!(s.answers[0].notes, "the imported copy");
}

#[test]
fn a_corrupt_stored_session_is_kept_and_the_rest_import() {
    let (_tmp, dir) = data_dir();
    let store = Store::open(&dir).expect("open");
    let torn = store.session_path("s-0003");
    fs::write(&torn, "{\"schema_version\": 1, \"id\": ").expect("write");
    let incoming: Vec<_> = (1..6)
        .map(|i| session(&format!("s-{i:04}"), 1_700_000_000 + i * 60, 1))
        .collect();
    let report = export::import(&store, &export::Export::new(incoming, vec![])).expect("import");
    assert_eq!((report.sessions_added, report.sessions_kept), (4, 1));
    assert_eq!(
        fs::read_to_string(&torn).expect("read"),
        "{\"schema_version\": 1, \"id\": "
    );
}

fn bin(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("loopdrill").expect("binary");
    cmd.env_remove("LOOPDRILL_CONTENT")
        .env("NO_COLOR", "1")
        .arg("--data-dir")
        .arg(dir);
    cmd
}

#[test]
fn a_hand_written_export_without_derived_fields_imports() {
    let (_tmp, dir) = data_dir();
    let out = bin(&dir)
        .arg("import")
        .arg(fixture("hand_written_export.json"))
        .output()
        .expect("run");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stdout}{stderr}");
    assert!(
        stdout.contains("sessions: 1 added") && stdout.contains("stories: 1 added"),
        "{stdout}"
    );
    assert!(
        stderr.contains("2 answers without an id: ids derived"),
        "{stderr}"
    );
    assert!(
        stderr.contains("2 answers without an analysis: analysed again"),
        "{stderr}"
    );

    let store = Store::open_read_only(&dir);
    let s = store.load_session("handwritten-1").expect("load");
    let ids: Vec<&str> = s.answers.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, ["handwritten-1-a1", "handwritten-1-a2"]);
    // analysis recomputed: words counted, and the short second answer (its
    // question in no pack: analysed without it) is found too short
    assert!(
        s.answers[0].analysis.words > 40,
        "{:?}",
        s.answers[0].analysis
    );
    assert!(
        s.answers[0].analysis.i_count >= 2,
        "{:?}",
        s.answers[0].analysis
    );
    assert!(
        s.answers[1]
            .analysis
            .signals
            .iter()
            .any(|x| x == "too-short"),
        "{:?}",
        s.answers[1].analysis
    );
    let bank = store.load_stories().expect("stories");
    assert_eq!(bank.stories.len(), 1);
    let st = &bank.stories[0];
    assert!(st.created_at.timestamp() > 1_700_000_000, "{st:?}");
    assert_eq!(st.created_at, st.updated_at);

    // The file on disk now has every field: a second import changes nothing.
    let again = bin(&dir)
        .arg("import")
        .arg(fixture("hand_written_export.json"))
        .output()
        .expect("run");
    let stdout = String::from_utf8_lossy(&again.stdout);
    assert!(
        stdout.contains("sessions: 0 added, 0 updated, 1 unchanged")
            && stdout.contains("stories: 0 added, 0 updated, 1 unchanged"),
        "{stdout}"
    );
}

#[test]
fn anything_else_wrong_in_a_hand_written_file_is_one_line_with_its_position() {
    let (_tmp, dir) = data_dir();
    let file = fixture("hand_written_bad_type.json");
    let out = bin(&dir).arg("import").arg(&file).output().expect("run");
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    let lines: Vec<&str> = stderr.lines().filter(|l| !l.trim().is_empty()).collect();
    assert_eq!(lines.len(), 1, "{stderr}");
    assert!(
        lines[0].contains(&format!("{}:21:", file.display())),
        "file:line:col of the bad value: {stderr}"
    );
    assert!(lines[0].contains("invalid type"), "{stderr}");
    assert!(!dir.join("sessions/handwritten-2.json").exists());
}

/// Fields that are short by nature are bounded on import: a 20 MB
/// `template` or `id` is refused in one short line, and nothing is written.
#[test]
fn oversized_short_fields_are_refused_in_one_short_line() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    for (field, value) in [
        ("template", "t".repeat(20 * 1024 * 1024)),
        ("id", "i".repeat(20 * 1024 * 1024)),
        ("template", "two\nlines".repeat(30)),
    ] {
        let mut s = serde_json::to_value(common::session("s-1", 1_750_000_000, 1)).unwrap();
        s[field] = serde_json::Value::String(value);
        let export = serde_json::json!({"schema_version": 1, "sessions": [s], "stories": []});
        let file = dir.path().join("big.json");
        std::fs::write(&file, serde_json::to_vec(&export).unwrap()).unwrap();
        let out = assert_cmd::Command::cargo_bin("loopdrill")
            .unwrap()
            .arg("import")
            .arg(&file)
            .arg("--data-dir")
            .arg(&data)
            .output()
            .unwrap();
        assert!(!out.status.success());
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(err.lines().count(), 1, "{field}: {err}");
        assert!(err.len() < 400, "{field}: {} bytes", err.len());
        assert!(err.contains(&format!("`{field}`")), "{err}");
        assert!(
            !data.join("sessions").exists()
                || std::fs::read_dir(data.join("sessions")).unwrap().count() == 0
        );
    }
}

/// `import` judges the imported answers once and writes the summary index,
/// so `stats --json` reads cached judgements (no judging on every call);
/// without the index it gives the same numbers and writes the index again.
#[test]
fn import_writes_the_index_stats_reads_and_stats_agree_without_it() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let sessions: Vec<_> = (0..3)
        .map(|k| session(&format!("s-{k}"), 1_750_000_000 + k * 3_600, 2))
        .collect();
    let file = dir.path().join("e.json");
    fs::write(&file, export::Export::new(sessions, vec![]).to_json()).unwrap();
    Command::cargo_bin("loopdrill")
        .unwrap()
        .arg("import")
        .arg(&file)
        .arg("--data-dir")
        .arg(&data)
        .assert()
        .success();
    let index = data.join("index.json");
    assert!(index.is_file(), "import writes the summary index");
    // Every imported answer was saved with its judgement cached.
    for s in Store::open_read_only(&data).load_history().sessions {
        assert!(s.answers.iter().all(|a| a.judged.is_some()), "{}", s.id);
    }
    let stats = || {
        let out = Command::cargo_bin("loopdrill")
            .unwrap()
            .args(["stats", "--json", "--data-dir"])
            .arg(&data)
            .output()
            .unwrap();
        assert!(out.status.success());
        String::from_utf8(out.stdout).unwrap()
    };
    let with_index = stats();
    let v: serde_json::Value = serde_json::from_str(&with_index).unwrap();
    assert_eq!(v["answers"], 6);
    fs::remove_file(&index).unwrap();
    let without = stats();
    assert_eq!(with_index, without);
    assert!(index.is_file(), "stats writes the index again");
}
