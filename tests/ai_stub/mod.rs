//! A model server on 127.0.0.1 for the tests, speaking both Ollama's
//! `/api/chat` and the OpenAI-compatible `/v1/chat/completions`, with every
//! misbehaviour the client must survive. The behaviour is chosen by the
//! model name in the request:
//!
//! - `good`: a valid reply (a follow-up quoting the candidate's Action, or
//!   an opinion quoting it);
//! - `stream`: the same, streamed (NDJSON for Ollama, SSE for OpenAI);
//! - `malformed`: a body that is not JSON;
//! - `slow`: the good reply after `SLOW` (longer than the tests' timeout);
//! - `error500`: HTTP 500;
//! - `huge`: a reply of several MiB;
//! - `escape`: a follow-up full of terminal escape sequences;
//! - `fake-quote`: quotes words the candidate never wrote;
//! - `filled-gap`: a follow-up for a gap that is not open.
//!
//! It serves until the test process ends; every request is recorded.

#![allow(dead_code)]

use serde_json::{Value, json};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::time::Duration;

pub const SLOW: Duration = Duration::from_secs(4);

pub struct Stub {
    pub port: u16,
    pub requests: Arc<Mutex<Vec<(String, Value)>>>,
}

impl Stub {
    pub fn start() -> Stub {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let requests = Arc::new(Mutex::new(Vec::new()));
        let log = Arc::clone(&requests);
        std::thread::spawn(move || {
            for conn in listener.incoming().flatten() {
                let log = Arc::clone(&log);
                std::thread::spawn(move || serve(conn, &log));
            }
        });
        Stub { port, requests }
    }

    pub fn ollama_url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    pub fn openai_url(&self) -> String {
        format!("http://127.0.0.1:{}/v1", self.port)
    }

    pub fn count(&self) -> usize {
        self.requests.lock().unwrap().len()
    }
}

fn serve(conn: TcpStream, log: &Mutex<Vec<(String, Value)>>) {
    let _ = conn.set_read_timeout(Some(Duration::from_secs(10)));
    let mut reader = BufReader::new(conn.try_clone().unwrap());
    let mut first = String::new();
    if reader.read_line(&mut first).is_err() {
        return;
    }
    let mut parts = first.split_whitespace();
    let method = parts.next().unwrap_or("").to_string();
    let path = parts.next().unwrap_or("").to_string();
    let mut len = 0usize;
    loop {
        let mut h = String::new();
        if reader.read_line(&mut h).is_err() || h.trim().is_empty() {
            break;
        }
        if let Some((k, v)) = h.split_once(':')
            && k.eq_ignore_ascii_case("content-length")
        {
            len = v.trim().parse().unwrap_or(0);
        }
    }
    let mut body = vec![0; len];
    let _ = reader.read_exact(&mut body);
    let req: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
    log.lock().unwrap().push((path.clone(), req.clone()));
    let mut out = conn;
    let ollama = path.starts_with("/api/");
    match (method.as_str(), path.as_str()) {
        ("GET", "/api/tags") => respond(
            &mut out,
            200,
            "application/json",
            &json!({"models": [{"name": "good"}, {"name": "stream"}]}).to_string(),
        ),
        ("GET", "/v1/models") => respond(
            &mut out,
            200,
            "application/json",
            &json!({"object": "list", "data": [{"id": "good"}, {"id": "stream"}]}).to_string(),
        ),
        ("POST", "/api/chat") | ("POST", "/v1/chat/completions") => chat(&mut out, ollama, &req),
        _ => respond(&mut out, 404, "text/plain", "not found"),
    }
}

fn respond(out: &mut TcpStream, status: u16, kind: &str, body: &str) {
    let reason = match status {
        200 => "OK",
        404 => "Not Found",
        _ => "Internal Server Error",
    };
    let _ = write!(
        out,
        "HTTP/1.1 {status} {reason}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    let _ = out.flush();
}

/// The candidate's Action as the prompt gives it.
fn action_of(req: &Value) -> String {
    let user = req["messages"]
        .as_array()
        .and_then(|m| m.iter().find(|m| m["role"] == "user"))
        .and_then(|m| m["content"].as_str())
        .unwrap_or("");
    user.lines()
        .find_map(|l| l.strip_prefix("Action: "))
        .unwrap_or("")
        .to_string()
}

fn schema_of(req: &Value, ollama: bool) -> Value {
    if ollama {
        req["format"].clone()
    } else {
        req["response_format"]["json_schema"]["schema"].clone()
    }
}

/// What a good model would write for this request.
fn good_content(req: &Value, ollama: bool, model: &str) -> String {
    let schema = schema_of(req, ollama);
    let action = action_of(req);
    let words: Vec<&str> = action.split_whitespace().take(4).collect();
    let quote = words.join(" ");
    if let Some(gaps) = schema["properties"]["gap"]["enum"].as_array() {
        let gap = gaps.first().and_then(Value::as_str).unwrap_or("none");
        let (gap, question) = match model {
            "escape" => (
                gap.to_string(),
                "\u{1b}[2J\u{1b}[31mWhat changed\u{1b}[0m, in numbers,\u{1b}]0;pwned\u{7} after that?".to_string(),
            ),
            "fake-quote" => (
                gap.to_string(),
                "You said \"we tripled revenue overnight\": how?".to_string(),
            ),
            "filled-gap" => (
                "signal:missing-situation".to_string(),
                "What was the situation before you started?".to_string(),
            ),
            _ => (
                gap.to_string(),
                format!("You said \"{quote}\": what did that change, in numbers?"),
            ),
        };
        return json!({"gap": gap, "question": question}).to_string();
    }
    if let Some(ids) =
        schema["properties"]["criteria"]["items"]["properties"]["id"]["enum"].as_array()
    {
        let criteria: Vec<Value> = ids
            .iter()
            .enumerate()
            .map(|(k, id)| {
                let mut evidence =
                    vec![json!({"quote": quote, "reason": "names an action of their own"})];
                if model == "fake-quote" || k == 0 {
                    evidence.push(
                        json!({"quote": "we tripled revenue overnight", "reason": "big result"}),
                    );
                }
                json!({"id": id, "level": if k == 0 { 4 } else { 3 }, "evidence": evidence})
            })
            .collect();
        return json!({"criteria": criteria, "next_probe": format!("What happened after \"{quote}\"?")}).to_string();
    }
    json!({"ok": true}).to_string()
}

fn chat(out: &mut TcpStream, ollama: bool, req: &Value) {
    let model = req["model"].as_str().unwrap_or("good").to_string();
    let wrap = |content: &str| -> String {
        if ollama {
            json!({"model": model, "message": {"role": "assistant", "content": content}, "done": true}).to_string()
        } else {
            json!({"id": "x", "object": "chat.completion", "model": model,
                "choices": [{"index": 0, "message": {"role": "assistant", "content": content}, "finish_reason": "stop"}]}).to_string()
        }
    };
    match model.as_str() {
        "malformed" => respond(
            out,
            200,
            "application/json",
            "{\"message\": {\"content\": \"oops",
        ),
        "error500" => respond(
            out,
            500,
            "application/json",
            "{\"error\":\"model crashed\"}",
        ),
        "huge" => {
            let big = "x".repeat(4 * 1024 * 1024);
            respond(out, 200, "application/json", &wrap(&big));
        }
        "slow" => {
            std::thread::sleep(SLOW);
            respond(
                out,
                200,
                "application/json",
                &wrap(&good_content(req, ollama, "good")),
            );
        }
        "stream" => {
            let content = good_content(req, ollama, "good");
            let chars: Vec<char> = content.chars().collect();
            let pieces: Vec<String> = chars.chunks(7).map(|c| c.iter().collect()).collect();
            let mut body = String::new();
            for p in &pieces {
                if ollama {
                    body.push_str(&json!({"model": model, "message": {"role": "assistant", "content": p}, "done": false}).to_string());
                    body.push('\n');
                } else {
                    body.push_str(&format!(
                        "data: {}\n\n",
                        json!({"choices": [{"index": 0, "delta": {"content": p}}]})
                    ));
                }
            }
            if ollama {
                body.push_str(&json!({"model": model, "message": {"role": "assistant", "content": ""}, "done": true}).to_string());
                body.push('\n');
                respond(out, 200, "application/x-ndjson", &body);
            } else {
                body.push_str("data: [DONE]\n\n");
                respond(out, 200, "text/event-stream", &body);
            }
        }
        other => respond(
            out,
            200,
            "application/json",
            &wrap(&good_content(req, ollama, other)),
        ),
    }
}
