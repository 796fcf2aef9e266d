//! The AI interviewer end to end: the real binary in a pseudo-terminal
//! (portable-pty + vt100) drilling against the loopback stub model server.
//! The model's follow-up is shown labelled as AI and recorded as the
//! model's in the export; Esc while a slow model is asked shows the rule
//! interviewer's own probe at once; a reply failing its checks falls back
//! with a line saying why.

mod ai_stub;

use portable_pty::{CommandBuilder, NativePtySystem, PtySize, PtySystem};
use std::io::{Read, Write};
use std::path::Path;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_loopdrill");
const CTRL_S: &str = "\x13";
const ESC: &str = "\x1b";

fn stub() -> &'static ai_stub::Stub {
    static S: OnceLock<ai_stub::Stub> = OnceLock::new();
    S.get_or_init(ai_stub::Stub::start)
}

struct Pty {
    parser: Arc<Mutex<vt100::Parser>>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn portable_pty::Child + Send + Sync>,
}

impl Pty {
    /// A drill on one Ownership question with the AI on (`model` on the stub).
    fn drill(data: &Path, url: &str, model: &str) -> Pty {
        let pty = NativePtySystem::default()
            .openpty(PtySize {
                rows: 40,
                cols: 120,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        let mut cmd = CommandBuilder::new(BIN);
        for a in [
            "--no-config",
            "drill",
            "--principle",
            "ownership",
            "--questions",
            "1",
            "--seed",
            "3",
            "--data-dir",
        ] {
            cmd.arg(a);
        }
        cmd.arg(data);
        cmd.env("TERM", "xterm-256color");
        cmd.env("NO_COLOR", "1");
        cmd.env("TZ", "UTC");
        cmd.env("LOOPDRILL_AI_URL", url);
        cmd.env("LOOPDRILL_AI_MODEL", model);
        cmd.env_remove("LOOPDRILL_AI_API");
        let child = pty.slave.spawn_command(cmd).unwrap();
        drop(pty.slave);
        let mut reader = pty.master.try_clone_reader().unwrap();
        let writer = pty.master.take_writer().unwrap();
        let parser = Arc::new(Mutex::new(vt100::Parser::new(40, 120, 0)));
        let p = Arc::clone(&parser);
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                p.lock().unwrap().process(&buf[..n]);
            }
        });
        std::mem::forget(pty.master);
        Pty {
            parser,
            writer,
            child,
        }
    }

    fn screen(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    fn wait_for_any(&self, texts: &[&str]) -> String {
        let start = Instant::now();
        loop {
            let s = self.screen();
            if texts.iter().any(|t| s.contains(t)) {
                return s;
            }
            if start.elapsed() > Duration::from_secs(20) {
                panic!("timed out waiting for any of {texts:?}; screen:\n{s}");
            }
            std::thread::sleep(Duration::from_millis(40));
        }
    }

    fn wait_for(&self, text: &str) -> String {
        self.wait_for_any(&[text])
    }

    fn send(&mut self, s: &str) {
        self.writer.write_all(s.as_bytes()).unwrap();
        self.writer.flush().unwrap();
        std::thread::sleep(Duration::from_millis(60));
    }

    /// Types the weak "we" answer and submits it.
    fn answer(&mut self) {
        self.wait_for("Enter to begin");
        self.send("\r");
        self.wait_for("Situation");
        self.send("Last spring our team ran the billing migration for a large retail customer.\t");
        self.send("We had to move every invoice to the new system.\t");
        self.send("I rewrote the cutover plan and we worked with the vendor on the data checks.\t");
        self.send("We finished the migration and the customer was happy.");
        self.send(CTRL_S);
    }
}

impl Pty {
    /// Sends a reply to the follow-up on `screen` and waits until that
    /// follow-up has gone, so a reply never lands on the screen after it
    /// (the next follow-up can take a while when the judge and the model
    /// both work on the reply).
    fn reply(&mut self, screen: &str, text: &str) {
        let asked = screen
            .lines()
            .find(|l| l.contains("Follow-up"))
            .map(|l| l.trim().to_string())
            .unwrap_or_default();
        self.send(text);
        self.send(CTRL_S);
        let start = Instant::now();
        loop {
            let now = self.screen();
            if now.contains("Self-score") || !now.contains(&asked) {
                return;
            }
            assert!(
                start.elapsed() < Duration::from_secs(20),
                "the follow-up did not move on:\n{now}"
            );
            std::thread::sleep(Duration::from_millis(40));
        }
    }
}

impl Drop for Pty {
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}

#[test]
fn the_models_follow_up_is_labelled_as_ai_and_recorded_as_the_models() {
    let dir = tempfile::tempdir().unwrap();
    let mut p = Pty::drill(dir.path(), &stub().ollama_url(), "good");
    p.answer();
    let s = p.wait_for("· AI (good)");
    assert!(s.contains("Follow-up 1 · AI (good)"), "{s}");
    assert!(
        s.contains("You said \"I rewrote the cutover\": what did that change, in numbers?"),
        "the follow-up quotes the candidate's own words: {s}"
    );
    p.reply(&s, "Invoices failed 2% less after the cutover.");
    // Further follow-ups (the model's or, once the model has nothing left to
    // ask, the rule interviewer's), then the self-score.
    loop {
        let s = p.wait_for_any(&["Follow-up", "Self-score"]);
        if s.contains("Self-score") {
            break;
        }
        p.reply(&s, "I owned the plan myself and wrote the runbook.");
    }
    let s = p.wait_for("Second opinion · AI (good)");
    if std::env::var_os("SHOW_SCREEN").is_some() {
        eprintln!("{s}");
    }
    assert!(s.contains("the interviewer's levels stand"), "{s}");
    p.send(&"3".repeat(12));
    p.send("\r");
    let s = p.wait_for_any(&["levels above", "criteria scored", "Drill summary"]);
    if !s.contains("Drill summary") {
        p.send("\r");
    }
    p.wait_for("Drill summary");
    p.send("\r");
    p.wait_for("Start a mock Loop");
    p.send("q");
    let start = Instant::now();
    while p.child.try_wait().unwrap().is_none() {
        assert!(start.elapsed() < Duration::from_secs(10), "did not exit");
        std::thread::sleep(Duration::from_millis(50));
    }
    let out = std::process::Command::new(BIN)
        .args(["--no-config", "export", "--format", "json", "--data-dir"])
        .arg(dir.path())
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let session = &v["sessions"][0];
    let a = &session["answers"][0];
    let lines = session["ai"]
        .as_array()
        .expect("the session keeps the model's lines");
    let first = lines
        .iter()
        .find(|l| l["kind"] == "follow-up" && l["follow_up"] == 0)
        .expect("the first follow-up is recorded as the model's");
    assert_eq!(first["source"], "ai");
    assert_eq!(first["model"], "good");
    assert_eq!(first["answer_id"], a["id"]);
    assert_eq!(first["text"], a["follow_ups"][0]["probe"]);
    assert_eq!(
        a["follow_ups"][0]["response"],
        "Invoices failed 2% less after the cutover."
    );
    let op = lines
        .iter()
        .find(|l| l["kind"] == "second-opinion")
        .expect("the second opinion is kept");
    assert_eq!(op["model"], "good");
    assert!(!op["opinion"]["criteria"].as_array().unwrap().is_empty());
}

#[test]
fn esc_while_a_slow_model_is_asked_shows_the_rule_probe_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let mut p = Pty::drill(dir.path(), &stub().openai_url(), "slow");
    p.answer();
    let s = p.wait_for("Your model is phrasing the follow-up");
    assert!(s.contains("Follow-up 1"), "{s}");
    let asked = Instant::now();
    p.send(ESC);
    let s =
        p.wait_for("the interviewer's own question (your model's was not used: you pressed Esc)");
    assert!(
        asked.elapsed() < ai_stub::SLOW,
        "did not wait for the model"
    );
    assert!(
        !s.contains("Leave this session?"),
        "Esc cancelled the call, not the session: {s}"
    );
    assert!(s.contains('“'), "the rule probe is shown: {s}");
    // The reply goes to the rule probe, and the session carries on.
    p.send("I rewrote the plan myself.");
    p.send(CTRL_S);
    p.wait_for_any(&["Follow-up 2", "Self-score"]);
}

#[test]
fn a_reply_failing_its_checks_falls_back_to_the_rule_probe_with_the_reason() {
    let dir = tempfile::tempdir().unwrap();
    let mut p = Pty::drill(dir.path(), &stub().ollama_url(), "fake-quote");
    p.answer();
    let s = p.wait_for("your model's was not used");
    assert!(s.contains("which the candidate never wrote"), "{s}");
    assert!(!s.contains("· AI ("), "{s}");
    let probe = s
        .lines()
        .find(|l| l.trim_start().starts_with('“'))
        .expect("the rule probe is shown");
    assert!(
        !probe.contains("tripled revenue"),
        "the invented quote is never asked: {s}"
    );
}
