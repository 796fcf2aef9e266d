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
    assert_eq!(
        store.load_session("imported-1").expect("imported"),
        export.sessions[0]
    );
    assert_eq!(
        store.load_stories().expect("stories").stories,
        export.stories
    );
}
