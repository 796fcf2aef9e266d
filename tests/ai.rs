//! The AI interviewer's providers against a loopback stub server speaking
//! both protocols (Ollama and OpenAI-compatible): a good reply, a streamed
//! one, malformed JSON, a slow reply (timeout), HTTP 500, a huge reply,
//! escape sequences, quotes that are not in the answer, and a follow-up for
//! a gap already filled; each is either used after its checks or refused
//! with a clear reason. Also `ai check` and `assess --ai`.

mod ai_stub;

use ai_stub::Stub;
use assert_cmd::Command;
use loopdrill::ai::HttpModel;
use loopdrill::config::{Api, parse_url};
use loopdrill::practice::ai::{
    AiError, ChatModel, FollowUpAsk, candidate_text, follow_up_request, open_gaps,
    validate_follow_up,
};
use loopdrill::practice::judge::{Judge, Judgement, Told};
use loopdrill::store::Star;
use serde_json::Value;
use std::sync::OnceLock;
use std::time::{Duration, Instant};

fn stub() -> &'static Stub {
    static S: OnceLock<Stub> = OnceLock::new();
    S.get_or_init(Stub::start)
}

fn content() -> &'static loopdrill::content::Content {
    static C: OnceLock<loopdrill::content::Content> = OnceLock::new();
    C.get_or_init(|| loopdrill::content::load_layered(&[]).unwrap())
}

const QUESTION: &str = "own-failure-my-fault";

/// A "we" answer without a number: red flags the judge sees.
fn answer() -> Star {
    Star {
        situation: "Last spring our team ran the billing migration for a large retail customer.".into(),
        task: "We had to move every invoice to the new system before the old one was retired.".into(),
        action: "I rewrote the cutover plan and we worked with the vendor on the data checks every week.".into(),
        result: "We finished the migration and the customer was happy.".into(),
    }
}

fn judged(star: &Star) -> Judgement {
    let q = content().question(QUESTION).unwrap();
    Judge::new(content()).judge_words(q, &Told::Star(star), &[], 300, false)
}

fn model(api: Api, name: &str, timeout: Duration) -> HttpModel {
    let url = match api {
        Api::Ollama => stub().ollama_url(),
        Api::OpenAi => stub().openai_url(),
    };
    HttpModel::new(api, &parse_url(&url).unwrap(), name, timeout, None)
}

/// Asks `name` for a follow-up on the answer: the raw call, then the checks.
fn follow_up(api: Api, name: &str, timeout: Duration) -> Result<Result<String, String>, AiError> {
    let star = answer();
    let j = judged(&star);
    let gaps = open_gaps(&j);
    assert!(!gaps.is_empty(), "the answer leaves gaps open");
    let q = content().question(QUESTION).unwrap();
    let req = follow_up_request(&FollowUpAsk {
        question: q,
        told: Told::Star(&star),
        follow_ups: &[],
        persona: None,
        gaps: &gaps,
    });
    let reply = model(api, name, timeout).chat(&req)?;
    Ok(validate_follow_up(&reply, &gaps, &candidate_text(&Told::Star(&star), &[])).map(|f| f.text))
}

const BOTH: [Api; 2] = [Api::Ollama, Api::OpenAi];
const T: Duration = Duration::from_secs(10);

#[test]
fn a_good_reply_gives_a_follow_up_in_the_candidates_words() {
    for api in BOTH {
        let text = follow_up(api, "good", T).unwrap().unwrap();
        assert_eq!(
            text, "You said \"I rewrote the cutover\": what did that change, in numbers?",
            "{api:?}"
        );
    }
}

#[test]
fn a_streamed_reply_is_joined() {
    for api in BOTH {
        let text = follow_up(api, "stream", T).unwrap().unwrap();
        assert!(
            text.starts_with("You said \"I rewrote the cutover\""),
            "{api:?}: {text}"
        );
    }
}

#[test]
fn malformed_json_is_an_error() {
    for api in BOTH {
        let e = follow_up(api, "malformed", T).unwrap_err();
        assert!(matches!(e, AiError::Malformed(_)), "{api:?}: {e:?}");
        assert!(e.to_string().contains("not valid"), "{e}");
    }
}

#[test]
fn a_slow_reply_times_out_in_time() {
    for api in BOTH {
        let start = Instant::now();
        let e = follow_up(api, "slow", Duration::from_secs(1)).unwrap_err();
        assert_eq!(e, AiError::Timeout(1), "{api:?}");
        assert!(
            start.elapsed() < ai_stub::SLOW,
            "gave up at the timeout, not at the reply"
        );
        assert_eq!(e.to_string(), "no reply within 1 s");
    }
}

#[test]
fn http_500_is_an_error_naming_the_status() {
    for api in BOTH {
        let e = follow_up(api, "error500", T).unwrap_err();
        assert!(matches!(e, AiError::Status(500, _)), "{api:?}: {e:?}");
        assert!(e.to_string().contains("HTTP 500"), "{e}");
    }
}

#[test]
fn a_huge_reply_is_refused_unread() {
    for api in BOTH {
        let e = follow_up(api, "huge", T).unwrap_err();
        assert!(matches!(e, AiError::TooLarge(_)), "{api:?}: {e:?}");
    }
}

#[test]
fn escape_sequences_are_removed() {
    for api in BOTH {
        let text = follow_up(api, "escape", T).unwrap().unwrap();
        assert_eq!(text, "What changed, in numbers, after that?", "{api:?}");
        assert!(!text.contains('\u{1b}'));
    }
}

#[test]
fn a_quote_the_candidate_never_wrote_is_refused() {
    for api in BOTH {
        let e = follow_up(api, "fake-quote", T).unwrap().unwrap_err();
        assert!(
            e.contains("\"we tripled revenue overnight\", which the candidate never wrote"),
            "{api:?}: {e}"
        );
    }
}

#[test]
fn a_follow_up_for_a_gap_already_filled_is_refused() {
    for api in BOTH {
        let e = follow_up(api, "filled-gap", T).unwrap().unwrap_err();
        assert!(
            e.contains("\"signal:missing-situation\", which is not an open gap"),
            "{api:?}: {e}"
        );
    }
}

#[test]
fn the_requests_carry_the_schema_and_go_to_each_protocols_path() {
    follow_up(Api::Ollama, "good", T).unwrap().unwrap();
    follow_up(Api::OpenAi, "good", T).unwrap().unwrap();
    let reqs = stub().requests.lock().unwrap().clone();
    // Other tests share the stub and send their own requests meanwhile
    // (a second opinion's schema has no "gap"): find the follow-up asks.
    let follow_up_ask = |r: &&(String, Value)| {
        r.1["messages"][1]["content"]
            .as_str()
            .is_some_and(|c| c.contains("Open gaps (id: what is missing)"))
    };
    let last = |path: &str| {
        reqs.iter()
            .rev()
            .filter(|(p, _)| p == path)
            .find(follow_up_ask)
            .unwrap()
    };
    let ollama = last("/api/chat");
    assert_eq!(ollama.1["stream"], false);
    assert!(ollama.1["format"]["properties"]["gap"]["enum"].is_array());
    let openai = last("/v1/chat/completions");
    assert_eq!(openai.1["response_format"]["type"], "json_schema");
    assert!(
        openai.1["messages"][1]["content"]
            .as_str()
            .unwrap()
            .contains("I rewrote the cutover plan")
    );
}

#[test]
fn the_second_opinion_keeps_real_quotes_and_the_judges_red_flags_veto_praise() {
    // A "we" answer with no number: gaps the judge sees, but no red flag,
    // so the model's praise stands beside the judge's level, a difference
    // shown.
    let star = answer();
    let j = judged(&star);
    assert!(!j.findings.is_empty(), "the \"we\" answer has gaps");
    assert_eq!(
        loopdrill::practice::ai::red_flag(&j),
        None,
        "{:?}",
        j.signals()
    );
    let q = content().question(QUESTION).unwrap();
    let op = loopdrill::ai::opinion::second_opinion_on(
        &model(Api::Ollama, "good", T),
        content(),
        q,
        &Told::Star(&star),
        &[],
        &j,
    );
    assert_eq!(op.criteria[0].level, 4, "{:?}", op.errors);
    assert!(
        !op.errors.iter().any(|e| e.contains("vetoed")),
        "{:?}",
        op.errors
    );
    assert!(
        op.disagreements(&j)
            .iter()
            .any(|d| d.0 == op.criteria[0].id),
        "{:?}",
        op.disagreements(&j)
    );
    // The same answer blaming others: a red flag, which vetoes the praise.
    let mut star = answer();
    star.result =
        "The delay was their fault: the vendor team was careless and kept making excuses for it."
            .into();
    let j = judged(&star);
    assert_eq!(
        loopdrill::practice::ai::red_flag(&j),
        Some("blame"),
        "{:?}",
        j.signals()
    );
    let q = content().question(QUESTION).unwrap();
    for api in BOTH {
        let op = loopdrill::ai::opinion::second_opinion_on(
            &model(api, "good", T),
            content(),
            q,
            &Told::Star(&star),
            &[],
            &j,
        );
        assert_eq!(op.source, "ai");
        assert_eq!(op.model, "good");
        assert_eq!(op.criteria.len(), j.criteria.len(), "{:?}", op.errors);
        for c in &op.criteria {
            for e in &c.evidence {
                assert!(
                    candidate_text(&Told::Star(&star), &[]).contains(&e.quote),
                    "kept quote {:?} is real",
                    e.quote
                );
            }
        }
        assert!(
            op.errors
                .iter()
                .any(|e| e.contains("\"we tripled revenue overnight\" is not in the answer")),
            "{:?}",
            op.errors
        );
        // The first criterion was rated 4 by the model: above the judge, so vetoed.
        let first = &op.criteria[0];
        assert!(first.level <= j.level(&first.id).unwrap_or(2), "{first:?}");
        assert!(
            op.errors.iter().any(|e| e.contains("vetoed")),
            "{:?}",
            op.errors
        );
    }
}

#[test]
fn a_failed_call_is_an_opinion_with_the_reason_and_no_levels() {
    let star = answer();
    let j = judged(&star);
    let q = content().question(QUESTION).unwrap();
    let op = loopdrill::ai::opinion::second_opinion_on(
        &model(Api::Ollama, "error500", T),
        content(),
        q,
        &Told::Star(&star),
        &[],
        &j,
    );
    assert!(op.criteria.is_empty());
    assert!(op.errors[0].contains("HTTP 500"), "{:?}", op.errors);
}

fn bin() -> Command {
    let mut cmd = Command::cargo_bin("loopdrill").unwrap();
    for v in [
        "LOOPDRILL_CONFIG",
        "LOOPDRILL_AI_URL",
        "LOOPDRILL_AI_API",
        "LOOPDRILL_AI_MODEL",
    ] {
        cmd.env_remove(v);
    }
    cmd.arg("--no-config");
    cmd
}

#[test]
fn ai_check_lists_models_and_times_a_probe_on_both_protocols() {
    for url in [stub().ollama_url(), stub().openai_url()] {
        let out = bin()
            .env("LOOPDRILL_AI_URL", &url)
            .env("LOOPDRILL_AI_MODEL", "good")
            .args(["ai", "check"])
            .output()
            .unwrap();
        let s = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success(),
            "{url}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(s.contains("models offered: good, stream"), "{s}");
        assert!(s.contains("probe: answered in "), "{s}");
    }
    let out = bin()
        .env("LOOPDRILL_AI_URL", stub().ollama_url())
        .env("LOOPDRILL_AI_MODEL", "error500")
        .args(["ai", "check"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let e = String::from_utf8_lossy(&out.stderr);
    assert!(
        e.contains("/api/chat: the model server answered HTTP 500"),
        "{e}"
    );
}

#[test]
fn ai_check_against_nothing_listening_says_so() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let out = bin()
        .env("LOOPDRILL_AI_URL", format!("http://127.0.0.1:{port}"))
        .env("LOOPDRILL_AI_MODEL", "m")
        .args(["ai", "check"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let e = String::from_utf8_lossy(&out.stderr);
    assert!(e.contains("cannot reach the model server"), "{e}");
}

fn assess_json(model: &str) -> Value {
    let input = serde_json::json!({
        "situation": answer().situation, "task": answer().task,
        "action": answer().action, "result": answer().result,
    })
    .to_string();
    let out = bin()
        .env("LOOPDRILL_AI_URL", stub().openai_url())
        .env("LOOPDRILL_AI_MODEL", model)
        .args(["assess", "--question", QUESTION, "--format", "json", "--ai"])
        .write_stdin(input)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn assess_ai_adds_a_checked_second_opinion_beside_the_rule_judge() {
    let v = assess_json("good");
    let ai = &v["ai"];
    assert_eq!(ai["source"], "ai");
    assert_eq!(ai["model"], "good");
    let criteria = ai["criteria"].as_array().unwrap();
    assert_eq!(criteria.len(), v["criteria"].as_array().unwrap().len());
    assert!(
        criteria[0]["evidence"][0]["quote"]
            .as_str()
            .unwrap()
            .starts_with("I rewrote")
    );
    assert!(
        ai["next_probe"]
            .as_str()
            .unwrap()
            .contains("I rewrote the cutover")
    );
    let errors: Vec<&str> = ai["errors"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(Value::as_str)
        .collect();
    assert!(
        errors.iter().any(|e| e.contains("is not in the answer")),
        "{errors:?}"
    );
    // The follow-up a drill would ask, checked, with its time.
    assert_eq!(
        ai["follow_up"]["text"],
        "You said \"I rewrote the cutover\": what did that change, in numbers?"
    );
    assert!(ai["follow_up"]["gap"].as_str().unwrap().contains(':'));
    assert!(ai["ms"].is_u64());
    // The vote stays the rule judge's.
    assert!(v["vote"].is_string() || v["vote"].is_null());
    let refused = assess_json("fake-quote");
    assert!(refused["ai"]["follow_up"]["text"].is_null());
    assert!(
        refused["ai"]["follow_up"]["error"]
            .as_str()
            .unwrap()
            .contains("never wrote")
    );
    let failed = assess_json("malformed");
    assert_eq!(failed["ai"]["criteria"].as_array().unwrap().len(), 0);
    assert!(
        failed["ai"]["errors"][0]
            .as_str()
            .unwrap()
            .contains("not valid")
    );
    // The rule judge's part is the same with and without the model.
    assert_eq!(v["criteria"], failed["criteria"]);
}

#[test]
fn assess_without_ai_sends_nothing() {
    let out = bin()
        .args(["assess", "--question", QUESTION, "--format", "json"])
        .write_stdin(
            serde_json::json!({"situation": "s", "task": "t", "action": "a", "result": "r"})
                .to_string(),
        )
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(v.get("ai").is_none());
    let out = bin()
        .args(["assess", "--question", QUESTION, "--ai"])
        .write_stdin("{}")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("the AI is off"));
}

#[test]
fn prompts_and_replies_are_logged_only_when_asked() {
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("ai.jsonl");
    let url = parse_url(&stub().ollama_url()).unwrap();
    let star = answer();
    let j = judged(&star);
    let q = content().question(QUESTION).unwrap();
    let quiet = HttpModel::new(Api::Ollama, &url, "good", T, None);
    loopdrill::ai::opinion::second_opinion_on(&quiet, content(), q, &Told::Star(&star), &[], &j);
    assert!(!log.exists());
    let logged = HttpModel::new(Api::Ollama, &url, "good", T, Some(log.clone()));
    loopdrill::ai::opinion::second_opinion_on(&logged, content(), q, &Told::Star(&star), &[], &j);
    let text = std::fs::read_to_string(&log).unwrap();
    let entry: Value = serde_json::from_str(text.lines().next().unwrap()).unwrap();
    assert_eq!(entry["model"], "good");
    assert!(
        entry["request"]["messages"][1]["content"]
            .as_str()
            .unwrap()
            .contains("I rewrote the cutover plan")
    );
    assert!(entry["reply"].as_str().unwrap().contains("criteria"));
}
