//! The pseudo-terminal whose window a test can close, shared by the
//! `e2e_close_*` tests. Each of those is its own test binary: run in one
//! process, one test's terminals were seen to keep another's open.
#![allow(dead_code)]

use portable_pty::{CommandBuilder, NativePtySystem, PtySize, PtySystem};
use std::io::{Read, Write};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
pub use std::time::{Duration, Instant};

pub const BIN: &str = env!("CARGO_BIN_EXE_loopdrill");
pub const CTRL_S: &str = "\x13";

/// loopdrill in a 120×40 pseudo-terminal whose window the test can close.
pub struct Term {
    master: Option<Box<dyn portable_pty::MasterPty + Send>>,
    writer: Option<Box<dyn Write + Send>>,
    stop: Arc<AtomicBool>,
    reader: Option<std::thread::JoinHandle<()>>,
    child: Box<dyn portable_pty::Child + Send + Sync>,
    screen: Arc<Mutex<vt100::Parser>>,
}

impl Term {
    pub fn spawn(args: &[&str], data: &Path) -> Term {
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

    pub fn contents(&self) -> String {
        self.screen.lock().unwrap().screen().contents()
    }

    pub fn wait_for_any(&self, texts: &[&str]) -> String {
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

    pub fn wait_for(&self, text: &str) -> String {
        self.wait_for_any(&[text])
    }

    pub fn send(&mut self, s: &str) {
        let w = self.writer.as_mut().unwrap();
        w.write_all(s.as_bytes()).unwrap();
        w.flush().unwrap();
        std::thread::sleep(Duration::from_millis(60));
    }

    /// Closes the terminal window: the reader lets go, the master closes.
    pub fn close(mut self) {
        // Past the moment the last key was handled, but well inside the
        // 4 s autosave: only what happens at the close can keep the input.
        std::thread::sleep(Duration::from_millis(1000));
        self.stop.store(true, Ordering::SeqCst);
        self.reader.take().unwrap().join().unwrap();
        // portable-pty's writer, when dropped, types a newline and the EOF
        // character (Enter, Ctrl-D) so a shell sees end of input; a window
        // that closes types nothing. Unset EOF first, so the close is only
        // the close.
        if let Some(fd) = self.master.as_ref().and_then(|m| m.as_raw_fd()) {
            // SAFETY: termios of the pty the test owns, read then written
            // back with one control character changed.
            unsafe {
                let mut t: libc::termios = std::mem::zeroed();
                if libc::tcgetattr(fd, &mut t) == 0 {
                    t.c_cc[libc::VEOF] = 0;
                    libc::tcsetattr(fd, libc::TCSANOW, &t);
                }
            }
        }
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
pub fn stored(dir: &Path) -> String {
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

/// A one-question drill (the same question every time), begun: the STAR
/// editor is on screen.
pub fn drill_in_editor(dir: &Path) -> Term {
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
    t
}

/// A one-question drill up to the self-scoring, its answer and follow-ups
/// submitted.
pub fn drill_to_self_score(dir: &Path) -> Term {
    let mut t = drill_in_editor(dir);
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
        let asked = follow_up_line(&s);
        t.send("I did that part myself and measured it weekly.");
        t.send(CTRL_S);
        // The next screen, not a moment's wait: under load a reply typed
        // too early would land on the self-score screen.
        let start = std::time::Instant::now();
        loop {
            let now = t.contents();
            if now.contains("Self-score") || follow_up_line(&now) != asked {
                break;
            }
            assert!(
                start.elapsed() < Duration::from_secs(20),
                "the follow-up did not move on:\n{now}"
            );
            std::thread::sleep(Duration::from_millis(40));
        }
    }
    t.wait_for("Self-score");
    t
}

/// The line that names the follow-up on screen ("Follow-up 2 · …").
fn follow_up_line(screen: &str) -> String {
    screen
        .lines()
        .find(|l| l.contains("Follow-up"))
        .unwrap_or_default()
        .to_string()
}
