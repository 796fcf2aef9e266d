//! One writer at a time, across processes: while another process holds the
//! store, `Store::open` fails with a clear `Locked` error and the CLI refuses
//! to write; once the holder is gone (even by `kill -9`) the store opens.
//!
//! The holder is this test binary itself, re-executed to run the ignored test
//! `lock_holder` with the data dir in `LOOPDRILL_LOCK_DIR`.

mod common;

use assert_cmd::Command as BinCommand;
use loopdrill::store::{Store, StoreError, export::Export};
use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use std::process::{Child, Command, Stdio};

const DIR_ENV: &str = "LOOPDRILL_LOCK_DIR";
const READY: &str = "@@locked";

/// Holds the store open until its stdin closes.
#[test]
#[ignore = "the child process of the lock tests"]
fn lock_holder() {
    let Some(dir) = std::env::var_os(DIR_ENV) else {
        return;
    };
    let store = Store::open(Path::new(&dir)).expect("holder: open the store");
    println!("{READY}");
    let mut rest = Vec::new();
    let _ = std::io::stdin().read_to_end(&mut rest);
    drop(store);
}

/// Starts a holder and waits until it holds the lock.
fn hold(dir: &Path) -> Child {
    let mut child = Command::new(std::env::current_exe().expect("test binary path"))
        .args([
            "--exact",
            "lock_holder",
            "--ignored",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(DIR_ENV, dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("spawn the holder");
    let mut out = BufReader::new(child.stdout.take().expect("piped stdout"));
    let mut line = String::new();
    loop {
        line.clear();
        let n = out.read_line(&mut line).expect("read the holder's stdout");
        assert!(n > 0, "the holder exited before it took the lock");
        if line.contains(READY) {
            break;
        }
    }
    // Keep draining its stdout so it never blocks on a full pipe.
    std::thread::spawn(move || std::io::copy(&mut out, &mut std::io::sink()));
    child
}

/// Lets the holder finish normally (it drops the store and exits).
fn release(mut child: Child) {
    drop(child.stdin.take());
    let status = child.wait().expect("wait for the holder");
    assert!(status.success(), "the holder failed: {status}");
}

fn assert_locked(dir: &Path) {
    match Store::open(dir) {
        Err(e @ StoreError::Locked { .. }) => {
            let msg = e.to_string();
            assert!(msg.contains("another loopdrill"), "unclear message: {msg}");
            assert!(
                msg.contains(&dir.display().to_string()),
                "message does not name the dir: {msg}"
            );
            assert!(!msg.contains('\n'), "not one line: {msg}");
        }
        Err(e) => panic!("expected StoreError::Locked, got {e:?}"),
        Ok(_) => panic!("a second writer opened {} while it was held", dir.display()),
    }
}

#[test]
fn a_second_process_cannot_open_the_store_until_the_first_exits() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = tmp.path().join("data");
    let holder = hold(&dir);

    assert_locked(&dir);
    // Still locked on a second try: a failed open does not steal the lock.
    assert_locked(&dir);

    // Read-only access works meanwhile, and refuses every write.
    let ro = Store::open_read_only(&dir);
    assert!(ro.is_read_only());
    assert!(ro.load_history().problems.is_empty());
    let s = common::session("while-locked", 1_750_000_000, 1);
    assert!(matches!(
        ro.save_session(&s),
        Err(StoreError::ReadOnly { .. })
    ));
    assert!(matches!(
        ro.save_stories(&common::bank(1)),
        Err(StoreError::ReadOnly { .. })
    ));
    assert!(matches!(
        ro.save_draft(&common::draft(1)),
        Err(StoreError::ReadOnly { .. })
    ));
    assert!(matches!(
        ro.discard_draft(),
        Err(StoreError::ReadOnly { .. })
    ));
    assert!(!ro.session_path("while-locked").exists());

    release(holder);
    let store = Store::open(&dir).expect("open after the holder exited");
    store.save_session(&s).expect("save once the store is ours");
}

#[test]
fn the_lock_is_released_when_the_holder_is_killed() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = tmp.path().join("data");
    let mut holder = hold(&dir);
    assert_locked(&dir);
    holder.kill().expect("SIGKILL the holder");
    holder.wait().expect("wait for the holder");
    Store::open(&dir).expect("open after the holder was killed");
}

#[test]
fn import_refuses_while_another_loopdrill_holds_the_store() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = tmp.path().join("data");
    let file = tmp.path().join("export.json");
    let export = Export::new(
        vec![common::session("imported-1", 1_750_000_000, 2)],
        vec![common::story(1)],
    );
    std::fs::write(&file, export.to_json()).expect("write the export");

    let import = || {
        let out = BinCommand::cargo_bin("loopdrill")
            .expect("the loopdrill binary is built")
            .env_remove("LOOPDRILL_CONTENT")
            .env_remove("LOOPDRILL_DATA_DIR")
            .arg("import")
            .arg(&file)
            .arg("--data-dir")
            .arg(&dir)
            .output()
            .expect("run loopdrill import");
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };

    let holder = hold(&dir);
    let (code, stdout, stderr) = import();
    assert_eq!(code, Some(1), "stdout: {stdout}\nstderr: {stderr}");
    assert_eq!(
        stderr.lines().count(),
        1,
        "one line on stderr, got:\n{stderr}"
    );
    assert!(stderr.contains("another loopdrill"), "stderr: {stderr}");
    assert!(!stderr.contains("panicked"), "stderr: {stderr}");
    assert!(stdout.is_empty(), "stdout: {stdout}");
    assert!(
        !dir.join("sessions/imported-1.json").exists(),
        "wrote while locked"
    );
    assert!(!dir.join("stories.json").exists(), "wrote while locked");

    release(holder);
    let (code, stdout, stderr) = import();
    assert_eq!(code, Some(0), "stdout: {stdout}\nstderr: {stderr}");
    let store = Store::open(&dir).expect("open");
    let mut imported = store.load_session("imported-1").expect("imported");
    // Imported as exported, with each answer's judgement cached.
    for a in &mut imported.answers {
        assert!(a.judged.take().is_some());
    }
    assert_eq!(imported, export.sessions[0]);
    assert_eq!(
        store.load_stories().expect("stories").stories,
        export.stories
    );
}

// ------------------------------------------------ a data dir that cannot be written

fn erofs() -> std::io::Error {
    std::io::Error::from_raw_os_error(30) // EROFS: Read-only file system
}

#[test]
fn a_store_that_cannot_be_written_is_refused_as_not_writable() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = tmp.path().join("data");
    Store::open(&dir)
        .expect("create")
        .save_session(&common::session("kept", 1_750_000_000, 1))
        .expect("seed");
    // A read-only mount: every write, the lock file's included, fails.
    let fault: loopdrill::store::WriteFault = std::sync::Arc::new(|_: &Path| Some(erofs()));
    match Store::open_with(&dir, Some(fault)) {
        Err(StoreError::NotWritable { source, .. }) => assert_eq!(source.raw_os_error(), Some(30)),
        other => panic!("expected NotWritable, got {other:?}"),
    }
    // Read-only, the history is still there, and writes say why they fail.
    let ro = Store::open_read_only_because(
        &dir,
        loopdrill::store::ReadOnlyWhy::NotWritable(erofs().to_string()),
    );
    assert_eq!(ro.load_history().sessions.len(), 1);
    let e = ro.save_draft(&common::draft(1)).unwrap_err().to_string();
    assert!(
        e.contains("cannot be written (Read-only file system"),
        "{e}"
    );
}

#[test]
fn opening_never_changes_the_mode_of_what_exists() {
    use std::os::unix::fs::PermissionsExt;
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = tmp.path().join("data");
    drop(Store::open(&dir).expect("create"));
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    // What the store created is private.
    assert_eq!(mode(&dir), 0o700);
    assert_eq!(mode(&dir.join("lock")), 0o600);
    // A mode the user chose is theirs: reopening leaves it, whatever it is.
    for m in [0o500, 0o755, 0o750] {
        std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(m)).unwrap();
        drop(Store::open(&dir));
        assert_eq!(mode(&dir), m, "the data dir's mode was changed");
    }
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o700)).unwrap();
    std::fs::set_permissions(dir.join("lock"), std::fs::Permissions::from_mode(0o644)).unwrap();
    drop(Store::open(&dir).expect("open"));
    assert_eq!(mode(&dir.join("lock")), 0o644);
}

#[test]
fn a_lock_replaced_by_a_symlink_is_refused_and_its_target_untouched() {
    use std::os::unix::fs::PermissionsExt;
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = tmp.path().join("data");
    drop(Store::open(&dir).expect("create"));
    let target = tmp.path().join("someone-elses-file");
    std::fs::write(&target, "theirs").unwrap();
    std::fs::set_permissions(&target, std::fs::Permissions::from_mode(0o644)).unwrap();
    std::fs::remove_file(dir.join("lock")).unwrap();
    std::os::unix::fs::symlink(&target, dir.join("lock")).unwrap();
    let e = Store::open(&dir).expect_err("a symlinked lock is refused");
    assert!(e.to_string().contains("lock"), "{e}");
    assert_eq!(
        std::fs::metadata(&target).unwrap().permissions().mode() & 0o777,
        0o644
    );
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "theirs");
}

#[test]
fn a_folder_that_is_not_a_data_dir_is_refused_unless_init() {
    use std::os::unix::fs::PermissionsExt;
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = tmp.path().join("projects");
    std::fs::create_dir(&dir).unwrap();
    std::fs::write(dir.join("notes.txt"), "mine").unwrap();
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755)).unwrap();
    let before: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name())
        .collect();
    let e = Store::open(&dir).expect_err("refused");
    assert!(matches!(e, StoreError::NotAStore { .. }), "{e}");
    assert!(e.to_string().contains("--init"), "{e}");
    let after: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name())
        .collect();
    assert_eq!(before, after, "nothing is added to a refused folder");
    assert_eq!(
        std::fs::metadata(&dir).unwrap().permissions().mode() & 0o777,
        0o755
    );
    // The CLI says so in one line, and nothing changes.
    let file = tmp.path().join("e.json");
    std::fs::write(&file, r#"{"schema_version":1,"sessions":[],"stories":[]}"#).unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_loopdrill"))
        .args(["import", "--data-dir"])
        .arg(&dir)
        .arg(&file)
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    assert!(err.contains("not a loopdrill data dir"), "{err}");
    assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 1);
    // With --init it becomes one; the user's file and the folder's mode stay.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_loopdrill"))
        .args(["import", "--init", "--data-dir"])
        .arg(&dir)
        .arg(&file)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("notes.txt")).unwrap(),
        "mine"
    );
    assert_eq!(
        std::fs::metadata(&dir).unwrap().permissions().mode() & 0o777,
        0o755
    );
    // From then on it is a data dir: no flag needed.
    Store::open(&dir).expect("a data dir now");
    // An empty folder needs no flag either.
    let empty = tmp.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    Store::open(&empty).expect("an empty folder is fine");
}

/// A data dir its owner made read-only (0500), used by the real binary. As
/// root, permissions do not bind, so the dir is given to `nobody` and the
/// binary runs as `nobody`: the same refusal, for the same reason, on CI.
#[test]
fn a_read_only_data_dir_is_read_by_every_reading_command_and_import_refuses() {
    use std::os::unix::fs::PermissionsExt;
    use std::os::unix::process::CommandExt;
    let tmp = tempfile::tempdir().expect("temp dir");
    std::fs::set_permissions(tmp.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let dir = tmp.path().join("data");
    Store::open(&dir)
        .expect("create")
        .save_session(&common::session("kept-1", 1_750_000_000, 2))
        .expect("seed");
    let file = tmp.path().join("export.json");
    let export = Export::new(vec![common::session("new-1", 1_750_000_100, 1)], vec![]);
    std::fs::write(&file, export.to_json()).unwrap();
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o644)).unwrap();
    // SAFETY: geteuid has no preconditions.
    let root = unsafe { libc::geteuid() } == 0;
    if root {
        eprintln!(
            "running as root: permissions do not bind root, so the data dir is given to nobody (65534) and loopdrill runs as nobody"
        );
        for p in common::all_files(&dir).iter().chain([&dir]) {
            std::os::unix::fs::chown(p, Some(65534), Some(65534)).unwrap();
        }
        for sub in ["sessions", "trash", "backups"] {
            std::os::unix::fs::chown(dir.join(sub), Some(65534), Some(65534)).unwrap();
        }
    }
    for sub in ["sessions", ""] {
        std::fs::set_permissions(dir.join(sub), std::fs::Permissions::from_mode(0o500)).unwrap();
    }
    let run = |args: &[&str]| {
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_loopdrill"));
        cmd.args(args)
            .arg("--data-dir")
            .arg(&dir)
            .env_remove("LOOPDRILL_CONTENT")
            .env("TZ", "UTC");
        if root {
            cmd.uid(65534).gid(65534);
        }
        let out = cmd.output().expect("run loopdrill");
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let (code, stdout, stderr) = run(&["import", file.to_str().unwrap()]);
    assert_eq!(code, Some(1), "import: {stdout}{stderr}");
    assert_eq!(stderr.lines().count(), 1, "one line: {stderr}");
    assert!(stderr.contains("cannot be written"), "{stderr}");
    assert!(!dir.join("sessions/new-1.json").exists());
    let (code, _, stderr) = run(&["drill"]);
    assert_eq!(code, Some(1), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "one line: {stderr}");
    assert!(stderr.contains("cannot be written"), "{stderr}");
    assert!(stderr.contains("loopdrill review"), "{stderr}");
    let (code, stdout, stderr) = run(&["export"]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(stdout.contains("kept-1"));
    let (code, _, stderr) = run(&["stats"]);
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(
        std::fs::metadata(&dir).unwrap().permissions().mode() & 0o777,
        0o500,
        "the data dir's mode was changed"
    );
}

/// A disk that cannot take an answer's worth of bytes is noticed when the
/// store opens, not at the first save. A file-size limit (`ulimit -f`)
/// stands in for a full disk here: creating an empty file still works, as
/// it does on a full disk, so only a probe that writes bytes sees it.
#[test]
fn a_disk_that_cannot_take_an_answer_is_noticed_at_open() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = tmp.path().join("data");
    let file = tmp.path().join("e.json");
    let export = Export::new(vec![common::session("s-1", 1_750_000_000, 1)], vec![]);
    std::fs::write(&file, export.to_json()).unwrap();
    let out = Command::new("sh")
        .arg("-c")
        .arg(format!(
            "trap '' XFSZ; ulimit -f 8; exec '{}' import --data-dir '{}' '{}'",
            env!("CARGO_BIN_EXE_loopdrill"),
            dir.display(),
            file.display()
        ))
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains(".write-test.json.probe"), "{err}");
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    // Nothing was imported, and no probe is left behind.
    assert_eq!(std::fs::read_dir(dir.join("sessions")).unwrap().count(), 0);
    assert!(!dir.join(".write-test.json.probe").exists());
}
