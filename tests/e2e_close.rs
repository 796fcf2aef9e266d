//! Closing the terminal (the window, not a signal sent by hand) on every
//! screen that takes typed input keeps what was typed: the answer's draft,
//! a follow-up reply, self-scores and notes, a story being edited, a
//! writing exercise and a re-score in the review. And escape sequences in
//! unbracketed input never freeze or reposition the editor.

use portable_pty::{CommandBuilder, NativePtySystem, PtySize, PtySystem};
use std::io::{Read, Write};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_loopdrill");
const CTRL_S: &str = "\x13";

/// loopdrill in a 120×40 pseudo-terminal whose window the test can close.
struct Term {
    master: Option<Box<dyn portable_pty::MasterPty + Send>>,
    writer: Option<Box<dyn Write + Send>>,
    stop: Arc<AtomicBool>,
    reader: Option<std::thread::JoinHandle<()>>,
    child: Box<dyn portable_pty::Child + Send + Sync>,
    screen: Arc<Mutex<vt100::Parser>>,
}

impl Term {
    fn spawn(args: &[&str], data: &Path) -> Term {
        let pty = NativePtySystem::default()
            .openpty(PtySize {
                rows: 40,
                cols: 120,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a pty");
        let mut cmd = CommandBuilder::new(BIN);
        for a in args {
            cmd.arg(a);
        }
        cmd.arg("--data-dir");
        cmd.arg(data);
        cmd.env("TERM", "xterm-256color");
        cmd.env("NO_COLOR", "1");
        cmd.env("TZ", "UTC");
        let child = pty.slave.spawn_command(cmd).expect("spawn loopdrill");
        drop(pty.slave);
        let master = pty.master;
        let fd = master.as_raw_fd().unwrap();
        let mut reader = master.try_clone_reader().unwrap();
        let writer = master.take_writer().unwrap();
        let stop = Arc::new(AtomicBool::new(false));
        let screen = Arc::new(Mutex::new(vt100::Parser::new(40, 120, 0)));
        let (s, p) = (Arc::clone(&stop), Arc::clone(&screen));
        // Reads only when there is something to read, so the thread lets go
        // of its copy of the terminal when asked.
        let reader = std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while !s.load(Ordering::SeqCst) {
                let mut pfd = libc::pollfd {
                    fd,
                    events: libc::POLLIN,
                    revents: 0,
                };
                // SAFETY: one valid pollfd on the master the test owns.
                if unsafe { libc::poll(&mut pfd, 1, 50) } > 0 {
                    match reader.read(&mut buf) {
                        Ok(n) if n > 0 => p.lock().unwrap().process(&buf[..n]),
                        _ => break,
                    }
                }
            }
        });
        Term {
            master: Some(master),
            writer: Some(writer),
            stop,
            reader: Some(reader),
            child,
            screen,
        }
    }

    fn contents(&self) -> String {
        self.screen.lock().unwrap().screen().contents()
    }

    fn wait_for_any(&self, texts: &[&str]) -> String {
        let start = Instant::now();
        loop {
            let s = self.contents();
            if texts.iter().any(|t| s.contains(t)) {
                return s;
            }
            assert!(
                start.elapsed() < Duration::from_secs(20),
                "timed out waiting for any of {texts:?}; screen:\n{s}"
            );
            std::thread::sleep(Duration::from_millis(40));
        }
    }

    fn wait_for(&self, text: &str) -> String {
        self.wait_for_any(&[text])
    }

    fn send(&mut self, s: &str) {
        let w = self.writer.as_mut().unwrap();
        w.write_all(s.as_bytes()).unwrap();
        w.flush().unwrap();
        std::thread::sleep(Duration::from_millis(60));
    }

    /// Closes the terminal window: the reader lets go, the master closes.
    fn close(mut self) {
        // Past the moment the last key was handled, but well inside the
        // 4 s autosave: only what happens at the close can keep the input.
        std::thread::sleep(Duration::from_millis(1000));
        self.stop.store(true, Ordering::SeqCst);
        self.reader.take().unwrap().join().unwrap();
        drop(self.writer.take());
        drop(self.master.take());
        let closed = Instant::now();
        while self.child.try_wait().unwrap().is_none() {
            assert!(
                closed.elapsed() < Duration::from_secs(3),
                "still running 3 s after its terminal closed"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

/// Every file of the data dir, concatenated (sessions, drafts, stories).
fn stored(dir: &Path) -> String {
    let mut out = String::new();
    for sub in ["", "sessions", "drafts"] {
        let Ok(rd) = std::fs::read_dir(dir.join(sub)) else {
            continue;
        };
        for e in rd.flatten() {
            if e.path().extension().is_some_and(|x| x == "json") {
                out.push_str(&std::fs::read_to_string(e.path()).unwrap_or_default());
            }
        }
    }
    out
}

/// A one-question drill up to the self-scoring, its answer and follow-ups
/// submitted.
fn drill_to_self_score(dir: &Path) -> Term {
    let mut t = Term::spawn(
        &[
            "drill",
            "--principle",
            "ownership",
            "--questions",
            "1",
            "--seed",
            "4",
        ],
        dir,
    );
    t.wait_for("Enter to begin");
    t.send("\r");
    t.wait_for("Situation");
    t.send("Our release train slipped for two quarters.\t");
    t.send("I owned getting it back on a weekly cadence.\t");
    t.send("I split the build myself and paged owners of flaky tests.\t");
    t.send("Weekly releases resumed within 5 weeks and stayed.");
    t.send(CTRL_S);
    for _ in 0..5 {
        let s = t.wait_for_any(&["Follow-up", "Self-score"]);
        if s.contains("Self-score") {
            break;
        }
        t.send("I did that part myself and measured it weekly.");
        t.send(CTRL_S);
        std::thread::sleep(Duration::from_millis(200));
    }
    t.wait_for("Self-score");
    t
}

#[test]
fn self_scores_and_notes_survive_a_closed_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let mut t = drill_to_self_score(dir.path());
    t.send("34");
    t.send("\t");
    t.send("NOTES-KEPT-ON-CLOSE");
    t.wait_for("NOTES-KEPT-ON-CLOSE");
    t.close();
    let sessions: Vec<serde_json::Value> = std::fs::read_dir(dir.path().join("sessions"))
        .unwrap()
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "json"))
        .map(|e| serde_json::from_str(&std::fs::read_to_string(e.path()).unwrap()).unwrap())
        .collect();
    assert_eq!(sessions.len(), 1);
    let a = &sessions[0]["answers"][0];
    assert_eq!(a["notes"], "NOTES-KEPT-ON-CLOSE", "{a}");
    let mut scores: Vec<u64> = a["self_scores"]
        .as_object()
        .unwrap()
        .values()
        .map(|v| v.as_u64().unwrap())
        .collect();
    scores.sort();
    assert_eq!(scores, [3, 4]);
}

#[test]
fn answer_and_follow_up_reply_survive_a_closed_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let mut t = Term::spawn(
        &[
            "drill",
            "--principle",
            "ownership",
            "--questions",
            "1",
            "--seed",
            "4",
        ],
        dir.path(),
    );
    t.wait_for("Enter to begin");
    t.send("\r");
    t.wait_for("Situation");
    t.send("ANSWER-KEPT-ON-CLOSE");
    t.wait_for("ANSWER-KEPT-ON-CLOSE");
    t.close();
    assert!(stored(dir.path()).contains("ANSWER-KEPT-ON-CLOSE"));

    let dir = tempfile::tempdir().unwrap();
    let mut t = Term::spawn(
        &[
            "drill",
            "--principle",
            "ownership",
            "--questions",
            "1",
            "--seed",
            "4",
        ],
        dir.path(),
    );
    t.wait_for("Enter to begin");
    t.send("\r");
    t.wait_for("Situation");
    t.send("We missed a launch.\tI owned the fix.\tI rebuilt the plan myself.\tIt shipped 2 weeks later.");
    t.send(CTRL_S);
    t.wait_for("Follow-up");
    t.send("REPLY-KEPT-ON-CLOSE");
    t.wait_for("REPLY-KEPT-ON-CLOSE");
    t.close();
    assert!(stored(dir.path()).contains("REPLY-KEPT-ON-CLOSE"));
}

#[test]
fn a_story_being_edited_survives_a_closed_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let mut t = Term::spawn(&["stories"], dir.path());
    t.wait_for("No stories yet");
    t.send("n");
    t.send("STORY-KEPT-ON-CLOSE");
    t.wait_for("STORY-KEPT-ON-CLOSE");
    t.close();
    let bank = std::fs::read_to_string(dir.path().join("stories.json")).expect("stories.json");
    assert!(bank.contains("STORY-KEPT-ON-CLOSE"), "{bank}");
}

#[test]
fn a_writing_exercise_survives_a_closed_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let mut t = Term::spawn(&[], dir.path());
    t.wait_for("Timed writing exercise");
    // Loop, weakest, chosen, then writing.
    t.send("\x1b[B\x1b[B\x1b[B\r");
    t.send("\r");
    t.wait_for("Enter");
    t.send("\r");
    t.send("WRITING-KEPT-ON-CLOSE");
    t.wait_for("WRITING-KEPT-ON-CLOSE");
    t.close();
    assert!(stored(dir.path()).contains("WRITING-KEPT-ON-CLOSE"));
}

#[test]
fn a_re_score_in_the_review_survives_a_closed_terminal() {
    let dir = tempfile::tempdir().unwrap();
    // One finished answer, scored 3 and 4.
    let mut t = drill_to_self_score(dir.path());
    t.send("34");
    t.send("\r");
    // Enter asks to confirm a partial scoring; Enter again confirms.
    if t.wait_for_any(&["criteria scored", "Drill summary"])
        .contains("criteria scored")
    {
        t.send("\r");
    }
    t.wait_for("Drill summary");
    t.close();
    let mut t = Term::spawn(&["review"], dir.path());
    t.wait_for("Ownership");
    std::thread::sleep(Duration::from_millis(300));
    t.send("\r");
    t.wait_for("Interviewer");
    t.send("r");
    t.wait_for("the earlier scores are kept");
    t.send("21");
    t.wait_for("average 1.50");
    t.close();
    let s = stored(dir.path());
    let v: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(
            std::fs::read_dir(dir.path().join("sessions"))
                .unwrap()
                .flatten()
                .find(|e| e.path().extension().is_some_and(|x| x == "json"))
                .unwrap()
                .path(),
        )
        .unwrap(),
    )
    .unwrap();
    let a = &v["answers"][0];
    let mut scores: Vec<u64> = a["self_scores"]
        .as_object()
        .unwrap()
        .values()
        .map(|v| v.as_u64().unwrap())
        .collect();
    scores.sort();
    assert_eq!(scores, [1, 2], "{s}");
    assert_eq!(a["score_history"].as_array().map(Vec::len), Some(1));
}

#[test]
fn escape_sequences_in_unbracketed_input_neither_freeze_nor_move_the_cursor() {
    let dir = tempfile::tempdir().unwrap();
    let mut t = Term::spawn(
        &[
            "drill",
            "--principle",
            "ownership",
            "--questions",
            "1",
            "--seed",
            "4",
        ],
        dir.path(),
    );
    t.wait_for("Enter to begin");
    t.send("\r");
    t.wait_for("Situation");
    // An unfinished `ESC [ ?`: crossterm swallowed every key after it
    // until a `u` or `c` came.
    t.send("first \x1b[?");
    std::thread::sleep(Duration::from_millis(300));
    t.send("then more");
    t.wait_for("then more");
    // `ESC [ 5;5H` (a cursor position, not a key) was read as Ctrl-Home.
    t.send(" abc\x1b[5;5Hxyz");
    let s = t.wait_for("abcxyz");
    assert!(s.contains("first ?then more abcxyz"), "{s}");
    // Keys still work: Tab moves to the next part.
    t.send("\tTASK-PART");
    t.wait_for("TASK-PART");
    t.close();
    let stored = stored(dir.path());
    assert!(stored.contains("first ?then more abcxyz"), "{stored}");
    assert!(stored.contains("TASK-PART"), "{stored}");
}
