//! The store's promises about files on disk: corrupt and newer files are
//! reported and never touched, older ones are migrated after a backup, files
//! are private, stale temp files are swept, drafts round-trip.

mod common;

use common::{all_files, bank, draft, session};
use loopdrill::store::{DraftStep, SCHEMA_VERSION, SessionKind, Store, StoreError, export};
use std::fs;
use std::path::{Path, PathBuf};

fn data_dir() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = tmp.path().join("data");
    (tmp, dir)
}

fn bytes(p: &Path) -> Vec<u8> {
    fs::read(p).unwrap_or_else(|e| panic!("read {}: {e}", p.display()))
}

/// A valid session file, cut off in the middle of line 4:
/// `{`, `  "schema_version": 1,`, `  "id": "torn",`, `  "kind": "dri`.
const TRUNCATED: &str = "{\n  \"schema_version\": 1,\n  \"id\": \"torn\",\n  \"kind\": \"dri";

#[test]
fn a_truncated_session_is_reported_with_its_position_left_untouched_and_the_rest_loads() {
    let (_tmp, dir) = data_dir();
    let store = Store::open(&dir).expect("open");
    store
        .save_session(&session("good-1", 1_750_000_000, 2))
        .expect("save");
    store
        .save_session(&session("good-2", 1_750_000_100, 3))
        .expect("save");
    let torn = store.session_path("torn");
    fs::write(&torn, TRUNCATED).expect("write torn file");

    let history = store.load_history();
    let ids: Vec<&str> = history.sessions.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids, ["good-1", "good-2"]);
    assert_eq!(history.answer_count(), 5);
    assert_eq!(history.problems.len(), 1, "{:?}", history.problems);
    match &history.problems[0] {
        StoreError::Corrupt {
            path,
            line,
            col,
            message,
        } => {
            assert_eq!(path, &torn);
            assert_eq!(
                (*line, *col),
                (4, 14),
                "the last character before the text stops"
            );
            assert!(message.contains("EOF"), "{message}");
        }
        other => panic!("expected Corrupt, got {other:?}"),
    }
    let msg = history.problems[0].to_string();
    assert!(
        msg.starts_with(&format!("{}:4:14: ", torn.display())),
        "the message starts with FILE:LINE:COL: {msg}"
    );
    assert!(msg.contains("left untouched"), "{msg}");

    // Loading it directly gives the same error.
    assert!(matches!(
        store.load_session("torn"),
        Err(StoreError::Corrupt { line: 4, .. })
    ));

    // Saving other sessions, re-opening (which sweeps) and importing a session
    // with the same id never overwrite or delete it.
    store
        .save_session(&session("good-3", 1_750_000_200, 1))
        .expect("save");
    let mut replacement = session("torn", 1_750_000_300, 1);
    replacement.finished_at = Some(common::ts(1_760_000_000));
    let report =
        export::import(&store, &export::Export::new(vec![replacement], vec![])).expect("import");
    assert_eq!(report.sessions_kept, 1, "{report}");
    drop(store);
    let store = Store::open(&dir).expect("re-open");
    assert_eq!(store.load_history().sessions.len(), 3);
    assert_eq!(
        bytes(&torn),
        TRUNCATED.as_bytes(),
        "the corrupt file was modified"
    );
}

#[test]
fn a_session_of_the_wrong_shape_is_reported_at_the_bad_value() {
    let (_tmp, dir) = data_dir();
    let store = Store::open(&dir).expect("open");
    let good = session("shape", 1_750_000_000, 1);
    let text = serde_json::to_string_pretty(&good)
        .expect("encode")
        .replace(
            "\"duration_secs\": 300",
            "\"duration_secs\": \"five minutes\"",
        );
    let path = store.session_path("shape");
    fs::write(&path, &text).expect("write");
    let line = text
        .lines()
        .position(|l| l.contains("five minutes"))
        .expect("edited line")
        + 1;
    match store.load_session("shape") {
        Err(StoreError::Corrupt {
            line: l, message, ..
        }) => {
            assert_eq!(l, line, "points at the bad value ({message})");
            assert!(message.contains("invalid type"), "{message}");
        }
        other => panic!("expected Corrupt, got {other:?}"),
    }
    assert_eq!(bytes(&path), text.as_bytes());
}

#[test]
fn corrupt_stories_and_drafts_are_reported_and_untouched() {
    let (_tmp, dir) = data_dir();
    let store = Store::open(&dir).expect("open");
    let stories = dir.join("stories.json");
    let draft_path = dir.join("draft.json");
    fs::write(&stories, b"{\"schema_version\": 1, \"stories\": [").expect("write");
    fs::write(&draft_path, b"\xff\xfe not text").expect("write");
    match store.load_stories() {
        Err(e @ StoreError::Corrupt { .. }) => {
            assert!(
                e.to_string()
                    .starts_with(&format!("{}:1:", stories.display())),
                "{e}"
            )
        }
        other => panic!("expected Corrupt, got {other:?}"),
    }
    match store.load_draft() {
        Err(e @ StoreError::Corrupt { .. }) => {
            assert!(
                e.to_string()
                    .starts_with(&format!("{}:1:1: ", draft_path.display())),
                "{e}"
            )
        }
        other => panic!("expected Corrupt, got {other:?}"),
    }
    drop(store);
    let _store = Store::open(&dir).expect("re-open");
    assert_eq!(bytes(&stories), b"{\"schema_version\": 1, \"stories\": [");
    assert_eq!(bytes(&draft_path), b"\xff\xfe not text");
}

#[test]
fn a_newer_schema_is_refused_clearly_and_left_untouched() {
    let (_tmp, dir) = data_dir();
    let store = Store::open(&dir).expect("open");
    store
        .save_session(&session("current", 1_750_000_000, 1))
        .expect("save");
    let mut future = serde_json::to_value(session("future", 1_750_000_100, 1)).expect("encode");
    future["schema_version"] = (SCHEMA_VERSION + 1).into();
    future["hologram"] = "a field from the future".into();
    let text = serde_json::to_string_pretty(&future).expect("encode");
    let path = store.session_path("future");
    fs::write(&path, &text).expect("write");
    let mut stories = serde_json::to_value(bank(1)).expect("encode");
    stories["schema_version"] = 99.into();
    let stories_text = stories.to_string();
    fs::write(dir.join("stories.json"), &stories_text).expect("write");

    let history = store.load_history();
    assert_eq!(history.sessions.len(), 1);
    assert_eq!(history.problems.len(), 1);
    let e = &history.problems[0];
    assert!(
        matches!(e, StoreError::Newer { found, .. } if *found == u64::from(SCHEMA_VERSION) + 1)
    );
    let msg = e.to_string();
    assert!(msg.contains(&path.display().to_string()), "{msg}");
    assert!(msg.contains("newer"), "{msg}");
    assert!(msg.contains("upgrade"), "{msg}");
    assert!(msg.contains("untouched"), "{msg}");
    assert!(matches!(
        store.load_stories(),
        Err(StoreError::Newer { found: 99, .. })
    ));

    drop(store);
    let _store = Store::open(&dir).expect("re-open");
    assert_eq!(bytes(&path), text.as_bytes());
    assert_eq!(bytes(&dir.join("stories.json")), stories_text.as_bytes());
    assert!(
        all_files(&dir.join("backups")).is_empty(),
        "no backup of a refused file"
    );
}

/// A schema-0 (pre-release) session: no `schema_version`, no `kind`.
fn schema0_session_text(id: &str) -> String {
    let mut v = serde_json::to_value(session(id, 1_740_000_000, 2)).expect("encode");
    let obj = v.as_object_mut().expect("object");
    obj.remove("schema_version");
    obj.remove("kind");
    obj.remove("strict");
    serde_json::to_string_pretty(&v).expect("encode")
}

#[test]
fn a_schema_0_session_is_migrated_after_a_backup_copy_is_kept() {
    let (_tmp, dir) = data_dir();
    let store = Store::open(&dir).expect("open");
    let old = schema0_session_text("old-one");
    let path = store.session_path("old-one");
    fs::write(&path, &old).expect("write");

    let history = store.load_history();
    assert!(history.problems.is_empty(), "{:?}", history.problems);
    let s = &history.sessions[0];
    assert_eq!(s.kind, SessionKind::Drill, "schema 0 sessions were drills");
    assert_eq!(s.schema_version, SCHEMA_VERSION);
    let mut want = session("old-one", 1_740_000_000, 2);
    want.kind = SessionKind::Drill;
    assert_eq!(s, &want, "nothing else changed");

    let backup = dir.join("backups").join("old-one.json.schema0.json");
    assert_eq!(
        bytes(&backup),
        old.as_bytes(),
        "the backup is the original file"
    );
    let on_disk: serde_json::Value =
        serde_json::from_slice(&bytes(&path)).expect("migrated file parses");
    assert_eq!(on_disk["schema_version"], SCHEMA_VERSION);
    assert_eq!(on_disk["kind"], "drill");
    assert_eq!(store.load_session("old-one").expect("load"), want);
    #[cfg(unix)]
    {
        assert_eq!(mode(&backup), 0o600);
        assert_eq!(mode(&path), 0o600);
    }
}

#[test]
fn schema_0_stories_are_migrated_too() {
    let (_tmp, dir) = data_dir();
    let store = Store::open(&dir).expect("open");
    let mut v = serde_json::to_value(bank(2)).expect("encode");
    v.as_object_mut().expect("object").remove("schema_version");
    let old = v.to_string();
    fs::write(dir.join("stories.json"), &old).expect("write");
    assert_eq!(store.load_stories().expect("migrated"), bank(2));
    assert_eq!(
        bytes(&dir.join("backups/stories.json.schema0.json")),
        old.as_bytes()
    );
    let on_disk: serde_json::Value =
        serde_json::from_slice(&bytes(&dir.join("stories.json"))).expect("parses");
    assert_eq!(on_disk["schema_version"], SCHEMA_VERSION);
}

#[test]
fn a_read_only_store_migrates_in_memory_but_writes_nothing() {
    let (_tmp, dir) = data_dir();
    drop(Store::open(&dir).expect("create"));
    let old = schema0_session_text("old-ro");
    let path = dir.join("sessions/old-ro.json");
    fs::write(&path, &old).expect("write");
    let ro = Store::open_read_only(&dir);
    let history = ro.load_history();
    assert_eq!(history.sessions.len(), 1);
    assert_eq!(history.sessions[0].kind, SessionKind::Drill);
    assert_eq!(bytes(&path), old.as_bytes());
    assert!(all_files(&dir.join("backups")).is_empty());
}

#[cfg(unix)]
fn mode(p: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    fs::metadata(p).expect("metadata").permissions().mode() & 0o777
}

#[cfg(unix)]
#[test]
fn files_are_0600_and_dirs_0700() {
    use std::os::unix::fs::PermissionsExt;
    let (_tmp, dir) = data_dir();
    // A data dir that exists already keeps the modes its owner gave it.
    fs::create_dir_all(dir.join("sessions")).expect("mkdir");
    fs::set_permissions(&dir, fs::Permissions::from_mode(0o750)).expect("chmod");
    fs::set_permissions(dir.join("sessions"), fs::Permissions::from_mode(0o770)).expect("chmod");
    // An existing file with loose permissions is private once rewritten.
    let loose = dir.join("sessions/loose.json");
    fs::write(
        &loose,
        serde_json::to_string(&session("loose", 1_750_000_000, 1)).expect("encode"),
    )
    .expect("write");
    fs::set_permissions(&loose, fs::Permissions::from_mode(0o644)).expect("chmod");

    let store = Store::open(&dir).expect("open");
    store
        .save_session(&session("s1", 1_750_000_000, 1))
        .expect("save");
    store
        .save_session(&session("loose", 1_750_000_000, 2))
        .expect("save");
    store.save_stories(&bank(1)).expect("save");
    store.save_draft(&draft(1)).expect("save");
    store.trash_session("s1").expect("trash");
    let history = store.load_history();
    loopdrill::store::index::write_index(&dir, &history, &Default::default(), 0).expect("index");

    assert_eq!(mode(&dir), 0o750, "an existing dir keeps its mode");
    assert_eq!(mode(&dir.join("sessions")), 0o770);
    // What the store created is private.
    for d in ["trash", "backups"] {
        assert_eq!(mode(&dir.join(d)), 0o700, "dir {d:?}");
    }
    let files = all_files(&dir);
    assert!(files.len() >= 6, "{files:?}");
    assert!(files.iter().any(|f| f.ends_with("index.json")), "{files:?}");
    for f in files {
        assert_eq!(mode(&f), 0o600, "{}", f.display());
    }
}

#[test]
fn stale_temp_files_are_swept_on_open_and_nothing_else() {
    let (_tmp, dir) = data_dir();
    drop(Store::open(&dir).expect("create"));
    let stale = [
        dir.join("sessions/.x.json.abc123"),
        dir.join(".stories.json.Zz9y8X"),
        dir.join(".draft.json.q1w2e3"),
        dir.join("trash/.old.json.AAAAAA"),
    ];
    let kept = [
        dir.join("sessions/.hidden"),
        dir.join("sessions/notes.txt"),
        dir.join("sessions/.x.json"),
        dir.join("keep.json.abc123"),
    ];
    for p in stale.iter().chain(&kept) {
        fs::write(p, b"{\"half\": ").expect("write");
    }
    let store = Store::open(&dir).expect("open");
    for p in &stale {
        assert!(!p.exists(), "{} was not swept", p.display());
        assert!(
            store
                .notices
                .iter()
                .any(|n| n.contains(&p.display().to_string())),
            "no notice for {}: {:?}",
            p.display(),
            store.notices
        );
    }
    for p in &kept {
        assert!(p.exists(), "{} was removed", p.display());
    }
    assert_eq!(store.notices.len(), stale.len(), "{:?}", store.notices);
    assert!(store.load_history().problems.is_empty());
}

#[test]
fn draft_save_load_discard_round_trip() {
    let (_tmp, dir) = data_dir();
    let store = Store::open(&dir).expect("open");
    assert_eq!(store.load_draft().expect("load"), None);
    store.discard_draft().expect("discarding nothing is fine");

    let mut d = draft(7);
    d.fields[3] = "Result with emoji 🚀 and a tab\tand \u{1b}[31m escape".into();
    store.save_draft(&d).expect("save");
    assert_eq!(store.load_draft().expect("load"), Some(d.clone()));

    for step in [
        DraftStep::FollowUp {
            index: 2,
            probe: "Whose job was it?".into(),
            model: None,
        },
        DraftStep::FollowUp {
            index: 1,
            probe: "You said \"we\": which part was yours?".into(),
            model: Some("gemma3:4b".into()),
        },
        DraftStep::CandidateQuestions,
        DraftStep::Writing,
        DraftStep::Answer,
    ] {
        let mut d2 = draft(8);
        d2.step = step;
        d2.fields = vec!["one field".into()];
        store.save_draft(&d2).expect("overwrite");
        assert_eq!(store.load_draft().expect("load"), Some(d2));
    }

    store.discard_draft().expect("discard");
    assert_eq!(store.load_draft().expect("load"), None);
    assert!(!dir.join("draft.json").exists());
    store.discard_draft().expect("discard twice");

    // A draft survives closing and re-opening the store.
    store.save_draft(&d).expect("save");
    drop(store);
    let store = Store::open(&dir).expect("re-open");
    assert_eq!(store.load_draft().expect("load"), Some(d));
}

#[test]
fn sessions_round_trip_and_history_is_oldest_first() {
    let (_tmp, dir) = data_dir();
    let store = Store::open(&dir).expect("open");
    let later = session("a-later", 1_750_000_500, 2);
    let earlier = session("z-earlier", 1_750_000_000, 1);
    store.save_session(&later).expect("save");
    store.save_session(&earlier).expect("save");
    assert_eq!(store.load_session("a-later").expect("load"), later);
    let history = store.load_history();
    assert_eq!(history.sessions, vec![earlier.clone(), later]);
    assert!(matches!(
        store.load_session("nope"),
        Err(StoreError::NoSuchSession(_))
    ));

    store.trash_session("z-earlier").expect("trash");
    assert_eq!(store.trashed_sessions(), ["z-earlier"]);
    assert_eq!(store.load_history().sessions.len(), 1);
    store.restore_session("z-earlier").expect("restore");
    assert_eq!(store.load_session("z-earlier").expect("load"), earlier);
}

/// Bug: a session id is joined into a path unchecked, so an export file with
/// `"id": "../../escaped"` makes `loopdrill import` write outside the data dir.
#[test]
fn import_never_writes_outside_the_data_dir() {
    let (tmp, dir) = data_dir();
    let store = Store::open(&dir).expect("open");
    let evil = session("../../escaped", 1_750_000_000, 1);
    let _ = export::import(&store, &export::Export::new(vec![evil], vec![]));
    let escaped = tmp.path().join("escaped.json");
    assert!(!escaped.exists(), "import wrote {}", escaped.display());
}

#[test]
fn saving_never_replaces_an_unreadable_or_newer_file() {
    let (_tmp, dir) = data_dir();
    let store = Store::open(&dir).expect("open");
    // A corrupt story bank: a save is refused and the bytes stay.
    let stories = dir.join("stories.json");
    let torn = b"{\"schema_version\": 1, \"stories\": [{\"id\": \"precious\"";
    fs::write(&stories, torn).expect("write");
    match store.save_stories(&bank(1)) {
        Err(StoreError::Corrupt { path, .. }) => assert_eq!(path, stories),
        other => panic!("expected Corrupt, got {other:?}"),
    }
    assert_eq!(bytes(&stories), torn);
    // A story bank from a newer loopdrill: refused too.
    let mut newer = serde_json::to_value(bank(2)).expect("encode");
    newer["schema_version"] = (SCHEMA_VERSION + 1).into();
    let newer = newer.to_string();
    fs::write(&stories, &newer).expect("write");
    assert!(matches!(
        store.save_stories(&bank(1)),
        Err(StoreError::Newer { .. })
    ));
    assert_eq!(bytes(&stories), newer.as_bytes());
    // A session file of the same id that cannot be read: refused.
    let path = store.session_path("same-id");
    fs::write(&path, TRUNCATED).expect("write");
    assert!(matches!(
        store.save_session(&session("same-id", 1_750_000_000, 1)),
        Err(StoreError::Corrupt { .. })
    ));
    assert_eq!(bytes(&path), TRUNCATED.as_bytes());
    assert!(all_files(&dir.join("backups")).is_empty());
}

#[test]
fn an_unreadable_draft_is_moved_to_backups_byte_for_byte_not_overwritten() {
    let (_tmp, dir) = data_dir();
    let store = Store::open(&dir).expect("open");
    let path = dir.join("draft.json");
    fs::write(&path, b"\xff\xfe not text").expect("write");
    store
        .save_draft(&draft(1))
        .expect("save over an unreadable draft");
    assert_eq!(store.load_draft().expect("load"), Some(draft(1)));
    assert_eq!(
        bytes(&dir.join("backups/draft.json.unreadable-1")),
        b"\xff\xfe not text"
    );
    // A second unreadable one gets its own name; the first stays.
    let mut newer = serde_json::to_value(draft(2)).expect("encode");
    newer["schema_version"] = 99.into();
    fs::write(&path, newer.to_string()).expect("write");
    store.save_draft(&draft(3)).expect("save");
    assert_eq!(store.load_draft().expect("load"), Some(draft(3)));
    assert_eq!(
        bytes(&dir.join("backups/draft.json.unreadable-1")),
        b"\xff\xfe not text"
    );
    assert_eq!(
        bytes(&dir.join("backups/draft.json.unreadable-2")),
        newer.to_string().as_bytes()
    );
}

#[test]
fn an_old_file_read_without_the_lock_is_backed_up_before_the_writer_replaces_it() {
    // The TUI loads history on a read-only handle; the writer saves later.
    let (_tmp, dir) = data_dir();
    drop(Store::open(&dir).expect("create"));
    let old = schema0_session_text("old-rw");
    let path = dir.join("sessions/old-rw.json");
    fs::write(&path, &old).expect("write");
    let loaded = Store::open_read_only(&dir).load_history().sessions;
    let writer = Store::open(&dir).expect("open");
    let mut s = loaded[0].clone();
    s.answers[0].notes = "re-scored later".into();
    writer.save_session(&s).expect("save");
    let backup = dir.join("backups/old-rw.json.schema0.json");
    assert_eq!(bytes(&backup), old.as_bytes(), "the original is kept");
    assert_eq!(writer.load_session("old-rw").expect("load"), s);
    // Saving again does not replace the backup with the migrated file.
    writer.save_session(&s).expect("save");
    assert_eq!(bytes(&backup), old.as_bytes());
}

#[test]
fn restoring_from_the_trash_never_replaces_a_session_that_came_back() {
    let (_tmp, dir) = data_dir();
    let store = Store::open(&dir).expect("open");
    store
        .save_session(&session("twice", 1_750_000_000, 1))
        .expect("save");
    store.trash_session("twice").expect("trash");
    // An import brings a newer copy of the same session back.
    let newer = session("twice", 1_750_000_000, 3);
    store.save_session(&newer).expect("save");
    match store.restore_session("twice") {
        Err(e @ StoreError::AlreadyThere(_)) => {
            assert!(e.to_string().contains("left there"), "{e}")
        }
        other => panic!("expected AlreadyThere, got {other:?}"),
    }
    assert_eq!(store.load_session("twice").expect("load"), newer);
    assert!(
        dir.join("trash/twice.json").exists(),
        "the trashed copy stays"
    );
}
