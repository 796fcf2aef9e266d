//! The AI interviewer inside the app (TestBackend + insta, a fake clock and
//! an in-process fake model): the model's follow-up is labelled as AI; a
//! model slower than the timeout is given up at the timeout and the rule
//! interviewer's probe is shown, with the reason; with the AI off nothing
//! changes.

use chrono::{DateTime, TimeZone, Utc};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use loopdrill::practice::ai::{AiError, ChatModel, ChatRequest};
use loopdrill::practice::plan::plan_drill;
use loopdrill::practice::timer::FakeClock;
use loopdrill::store::Store;
use loopdrill::tui::AiSetup;
use loopdrill::tui::app::App;
use loopdrill::tui::screens::Screen;
use loopdrill::tui::screens::session::SessionScreen;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use serde_json::{Value, json};
use std::collections::HashSet;
use std::sync::Arc;
use std::time::{Duration, Instant};

fn wall() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 2, 9, 30, 0).unwrap()
}

/// A model that answers after `delay` with a follow-up for the first open
/// gap quoting the candidate's Action, or an empty opinion.
struct Fake {
    delay: Duration,
}

impl ChatModel for Fake {
    fn model(&self) -> &str {
        "fake-model"
    }
    fn chat(&self, req: &ChatRequest) -> Result<String, AiError> {
        std::thread::sleep(self.delay);
        let gaps = &req.schema["properties"]["gap"]["enum"];
        Ok(match gaps.get(0).and_then(Value::as_str) {
            Some(gap) => json!({"gap": gap, "question": "You said \"I rewrote the cutover plan\": which decision in it was yours alone?"}),
            None => json!({"criteria": [], "next_probe": ""}),
        }
        .to_string())
    }
}

struct Harness {
    app: App,
    clock: FakeClock,
    _dir: tempfile::TempDir,
    dir: std::path::PathBuf,
}

fn drill(ai: Option<AiSetup>) -> Harness {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().to_path_buf();
    let clock = FakeClock::default();
    let mut app = App::new(
        loopdrill::content::load_layered(&[]).unwrap(),
        Store::open(&path).unwrap(),
        None,
        Box::new(clock.clone()),
        Box::new(wall),
    );
    app.load_history_now();
    app.ai = ai;
    let lps = vec!["ownership".to_string()];
    let plan = plan_drill(&app.content, &lps, 1, Some(5), 3, &HashSet::new()).unwrap();
    let s = SessionScreen::new_drill(&app.content, plan, false, wall());
    app.open(Screen::Session(Box::new(s)));
    let mut h = Harness {
        app,
        clock,
        _dir: dir,
        dir: path,
    };
    key(&mut h, KeyCode::Enter);
    for (k, part) in [
        "Last spring our team ran the billing migration for a large retail customer.",
        "We had to move every invoice to the new system.",
        "I rewrote the cutover plan and we worked with the vendor on the data checks.",
        "We finished the migration and the customer was happy.",
    ]
    .iter()
    .enumerate()
    {
        if k > 0 {
            key(&mut h, KeyCode::Tab);
        }
        h.app.type_run(part);
    }
    h.app
        .key(KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL));
    h
}

fn setup(delay: Duration, timeout: Duration) -> AiSetup {
    AiSetup {
        model: Arc::new(Fake { delay }),
        follow_ups: true,
        second_opinion: false,
        timeout,
        notice: None,
    }
}

fn key(h: &mut Harness, code: KeyCode) {
    h.app.key(KeyEvent::new(code, KeyModifiers::NONE));
}

fn draw(h: &Harness) -> Terminal<TestBackend> {
    let mut t = Terminal::new(TestBackend::new(120, 40)).unwrap();
    t.draw(|f| h.app.render(f)).unwrap();
    t
}

fn text(h: &Harness) -> String {
    let t = draw(h);
    let buf = t.backend().buffer();
    let mut s = String::new();
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            s.push_str(buf[(x, y)].symbol());
        }
        s.push('\n');
    }
    s
}

/// Ticks until the screen shows `what` (the worker thread delivers).
fn tick_until(h: &mut Harness, what: &str) -> String {
    let start = Instant::now();
    loop {
        h.app.tick();
        let s = text(h);
        if s.contains(what) {
            return s;
        }
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "never showed {what:?}:\n{s}"
        );
        std::thread::sleep(Duration::from_millis(10));
    }
}

#[test]
fn the_models_follow_up_is_labelled_and_kept_as_the_models() {
    let mut h = drill(Some(setup(Duration::ZERO, Duration::from_secs(20))));
    tick_until(&mut h, "· AI (fake-model)");
    insta::assert_snapshot!("ai_follow_up_120x40", draw(&h).backend());
    h.app.type_run("The order of the waves was my call.");
    h.app
        .key(KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL));
    let s = &Store::open_read_only(&h.dir).load_history().sessions[0];
    let a = &s.answers[0];
    assert_eq!(
        a.follow_ups[0].probe,
        "You said \"I rewrote the cutover plan\": which decision in it was yours alone?"
    );
    let line = s.ai.iter().find(|l| l.kind == "follow-up").unwrap();
    assert_eq!(
        (line.source.as_str(), line.model.as_str()),
        ("ai", "fake-model")
    );
    assert_eq!(line.answer_id, a.id);
    assert_eq!(line.follow_up, Some(0));
}

#[test]
fn a_model_slower_than_the_timeout_is_given_up_and_the_rule_probe_shown() {
    let mut h = drill(Some(setup(Duration::from_secs(30), Duration::from_secs(5))));
    let s = text(&h);
    assert!(s.contains("Your model is phrasing the follow-up"), "{s}");
    assert!(
        s.contains("Esc use the interviewer's own question now"),
        "{s}"
    );
    h.clock.advance(Duration::from_secs(6));
    let s = tick_until(&mut h, "your model's was not used: no reply within 5 s");
    assert!(s.contains('“'), "the rule probe is on screen: {s}");
    assert!(!s.contains("· AI ("), "{s}");
}

#[test]
fn with_the_ai_off_the_follow_up_is_the_rule_interviewers_at_once() {
    let mut h = drill(None);
    let s = text(&h);
    assert!(s.contains("Follow-up 1"), "{s}");
    assert!(!s.contains("model"), "{s}");
    h.app.tick();
    assert!(
        Store::open_read_only(&h.dir).load_history().sessions[0]
            .ai
            .is_empty()
    );
}

/// The app on `dir` again, as the next start finds it (the AI off: what
/// the model wrote must come from what was saved).
fn reopen(dir: &std::path::Path) -> Harness {
    let clock = FakeClock::default();
    let mut app = App::new(
        loopdrill::content::load_layered(&[]).unwrap(),
        Store::open(dir).unwrap(),
        None,
        Box::new(clock.clone()),
        Box::new(wall),
    );
    app.load_history_now();
    Harness {
        app,
        clock,
        _dir: tempfile::tempdir().unwrap(),
        dir: dir.to_path_buf(),
    }
}

#[test]
fn a_draft_resumed_after_quitting_mid_reply_keeps_the_models_follow_up_as_the_models() {
    const PROBE: &str =
        "You said \"I rewrote the cutover plan\": which decision in it was yours alone?";
    let mut h = drill(Some(setup(Duration::ZERO, Duration::from_secs(20))));
    tick_until(&mut h, "· AI (fake-model)");
    h.app.type_run("The order of the waves");
    // Quit mid-reply (Ctrl-C saves the draft and quits).
    h.app
        .key(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL));
    assert!(h.app.quit);
    let draft = Store::open_read_only(&h.dir).load_draft().unwrap().unwrap();
    assert_eq!(
        draft.step,
        loopdrill::store::DraftStep::FollowUp {
            index: 0,
            probe: PROBE.into(),
            model: Some("fake-model".into()),
        }
    );
    let Harness { app, _dir, dir, .. } = h;
    drop(app);

    // The next start, with the AI off: resume from home.
    let mut h = reopen(&dir);
    key(&mut h, KeyCode::Enter); // "Resume …" is home's first entry
    let s = text(&h);
    assert!(s.contains("Follow-up 1 · AI (fake-model)"), "{s}");
    assert!(s.contains("The order of the waves"), "{s}");
    h.app.type_run(" was my call.");
    h.app
        .key(KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL));
    // To the end of the drill: any rule follow-up replied to, the
    // self-score confirmed as it is.
    for _ in 0..12 {
        let s = text(&h);
        if s.contains("Drill summary") {
            break;
        }
        if s.contains("Your reply") {
            h.app
                .type_run("I chose the order myself and told the vendor that week.");
            h.app
                .key(KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL));
        } else {
            key(&mut h, KeyCode::Enter);
        }
    }
    assert!(text(&h).contains("Drill summary"), "{}", text(&h));
    drop(h.app);

    let out = assert_cmd::Command::cargo_bin("loopdrill")
        .unwrap()
        .env_remove("LOOPDRILL_AI_URL")
        .env_remove("LOOPDRILL_AI_MODEL")
        .args(["--no-config", "--data-dir"])
        .arg(&dir)
        .args(["export", "--format", "json"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let s = &v["sessions"][0];
    assert!(!s["finished_at"].is_null(), "the drill finished: {s}");
    let a = &s["answers"][0];
    assert_eq!(a["follow_ups"][0]["probe"], PROBE);
    assert_eq!(
        a["follow_ups"][0]["response"],
        "The order of the waves was my call."
    );
    let lines: Vec<&Value> = s["ai"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|l| l["kind"] == "follow-up")
        .collect();
    assert_eq!(lines.len(), 1, "{s}");
    assert_eq!(lines[0]["source"], "ai");
    assert_eq!(lines[0]["model"], "fake-model");
    assert_eq!(lines[0]["answer_id"], a["id"]);
    assert_eq!(lines[0]["follow_up"], 0);
    assert_eq!(lines[0]["text"], PROBE);
}

/// The notice the config gives for a model server off this machine.
fn remote_notice(url: &str) -> loopdrill::ai::RemoteNotice {
    let mut cfg = loopdrill::config::Config::default();
    loopdrill::config::apply_file(
        &mut cfg,
        std::path::Path::new("config.toml"),
        &format!(
            "[ai]\nenabled = true\nallow_remote = true\nmodel = \"big-model\"\nurl = \"{url}\"\n"
        ),
    )
    .unwrap();
    loopdrill::ai::RemoteNotice::for_config(&cfg.ai).expect("a remote server has a notice")
}

#[test]
fn the_remote_notice_is_shown_on_first_use_then_remembered() {
    let far = remote_notice("http://192.0.2.7:11434");
    assert!(
        far.text.contains("192.0.2.7 is not this machine"),
        "{}",
        far.text
    );
    // A loopback server has none.
    let mut cfg = loopdrill::config::Config::default();
    loopdrill::config::apply_file(
        &mut cfg,
        std::path::Path::new("config.toml"),
        "[ai]\nenabled = true\nallow_remote = true\nmodel = \"m\"\nurl = \"http://127.0.0.1:11434\"\n",
    )
    .unwrap();
    assert_eq!(loopdrill::ai::RemoteNotice::for_config(&cfg.ai), None);

    // First run: shown over the screen, keys other than Enter do nothing.
    let mut h = reopen(tempfile::tempdir().unwrap().keep().as_path());
    let dir = h.dir.clone();
    assert!(h.app.offer_remote_notice(far.clone()));
    let s = text(&h);
    assert!(s.contains("Your answers will leave this machine"), "{s}");
    assert!(s.contains("192.0.2.7 is not this machine"), "{s}");
    assert!(s.contains("Enter understood (not shown again)"), "{s}");
    key(&mut h, KeyCode::Down);
    h.app.type_run("x");
    assert!(h.app.remote_notice.is_some());
    assert!(
        !dir.join("ai-remote.json").exists(),
        "not remembered before Enter"
    );
    key(&mut h, KeyCode::Enter);
    assert!(h.app.remote_notice.is_none());
    assert!(!text(&h).contains("Your answers will leave this machine"));
    let marker = dir.join("ai-remote.json");
    let v: Value = serde_json::from_slice(&std::fs::read(&marker).unwrap()).unwrap();
    assert_eq!(v["told"][0]["url"], "http://192.0.2.7:11434");
    assert_eq!(v["told"][0]["model"], "big-model");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let mode = std::fs::metadata(&marker).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }
    drop(h);

    // Second run: not shown again for that server; another server is told.
    let mut h = reopen(&dir);
    assert!(!h.app.offer_remote_notice(far.clone()));
    assert!(!text(&h).contains("Your answers will leave this machine"));
    let other = remote_notice("http://192.0.2.8:8080/v1");
    assert!(h.app.offer_remote_notice(other.clone()));
    key(&mut h, KeyCode::Enter);
    let v: Value = serde_json::from_slice(&std::fs::read(&marker).unwrap()).unwrap();
    assert_eq!(v["told"].as_array().unwrap().len(), 2);

    // A second loopdrill (read-only) cannot remember it: shown, and it says
    // it will be shown again.
    let third = remote_notice("http://192.0.2.9:11434");
    let mut ro = App::new(
        loopdrill::content::load_layered(&[]).unwrap(),
        Store::open_read_only(&dir),
        None,
        Box::new(FakeClock::default()),
        Box::new(wall),
    );
    assert!(ro.offer_remote_notice(third));
    ro.key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
    let mut t = Terminal::new(TestBackend::new(120, 40)).unwrap();
    t.draw(|f| ro.render(f)).unwrap();
    let s: String = t
        .backend()
        .buffer()
        .content()
        .iter()
        .map(|c| c.symbol())
        .collect();
    assert!(s.contains("This notice could not be remembered"), "{s}");

    // An unreadable record is never overwritten: the notice keeps showing.
    drop(ro);
    drop(h);
    std::fs::write(&marker, "{ not json").unwrap();
    let mut h = reopen(&dir);
    assert!(h.app.offer_remote_notice(far));
    key(&mut h, KeyCode::Enter);
    assert_eq!(std::fs::read_to_string(&marker).unwrap(), "{ not json");
    let _ = std::fs::remove_dir_all(&dir);
}

/// A model whose second opinion rates every criterion Strong Hire.
struct Praiser;

impl ChatModel for Praiser {
    fn model(&self) -> &str {
        "praiser"
    }
    fn chat(&self, req: &ChatRequest) -> Result<String, AiError> {
        let ids = req.schema["properties"]["criteria"]["items"]["properties"]["id"]["enum"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        let criteria: Vec<Value> = ids
            .iter()
            .map(|id| json!({"id": id, "level": 4, "evidence": []}))
            .collect();
        Ok(json!({"criteria": criteria, "next_probe": ""}).to_string())
    }
}

/// A drill answered, its follow-ups replied to, its self-score confirmed
/// once the model's opinion is in: the drill's summary.
fn drill_to_summary(vote: loopdrill::practice::ai::VoteBy) -> String {
    let mut h = drill(Some(AiSetup {
        model: Arc::new(Praiser),
        follow_ups: false,
        second_opinion: true,
        timeout: Duration::from_secs(20),
        notice: None,
    }));
    h.app.settings.vote = vote;
    for _ in 0..6 {
        if !text(&h).contains("Your reply") {
            break;
        }
        h.app.type_run("We agreed on it in the weekly review.");
        h.app
            .key(KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL));
    }
    let s = tick_until(&mut h, "Second opinion · AI (praiser)");
    // The self-score screen says which levels the debrief will vote on.
    let said = match vote {
        loopdrill::practice::ai::VoteBy::Rule => "the interviewer's levels stand",
        loopdrill::practice::ai::VoteBy::Ai => "the debrief votes on these",
    };
    assert!(s.contains(said), "{s}");
    for _ in 0..4 {
        if text(&h).contains("Drill summary") {
            break;
        }
        key(&mut h, KeyCode::Enter);
    }
    text(&h)
}

#[test]
fn the_drill_summary_votes_on_the_models_levels_only_when_the_config_says_so() {
    let rule = drill_to_summary(loopdrill::practice::ai::VoteBy::Rule);
    assert!(rule.contains("Drill summary"), "{rule}");
    assert!(!rule.contains("Votes on the levels of"), "{rule}");
    let ai = drill_to_summary(loopdrill::practice::ai::VoteBy::Ai);
    assert!(
        ai.contains("Votes on the levels of AI (praiser) for 1 of 1 judged answers"),
        "{ai}"
    );
    assert!(rule.contains("1 answer · interviewer "), "{rule}");
    assert!(ai.contains("1 answer · voted on AI levels "), "{ai}");
    let level = |s: &str| {
        s.lines()
            .find(|l| l.starts_with("Drill summary"))
            .and_then(|l| {
                l.split_whitespace()
                    .filter(|w| w.contains('.'))
                    .find_map(|n| n.parse::<f64>().ok())
            })
            .unwrap_or_else(|| panic!("no level in {s}"))
    };
    assert!(level(&ai) > level(&rule), "{ai}\n{rule}");
}
