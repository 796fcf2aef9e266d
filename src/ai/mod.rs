//! The model providers: a blocking HTTP client (ureq, plain TCP, no TLS,
//! no async runtime) speaking Ollama's `/api/chat` or the OpenAI-compatible
//! `/v1/chat/completions` (llama.cpp's llama-server, LM Studio, vLLM).
//!
//! Built only from an `[ai]` config that is on; with the AI off nothing in
//! here runs and nothing is sent. Only loopback hosts unless `allow_remote`.
//! No proxy from the environment and no redirects are followed, so a request
//! goes to the configured host and nowhere else.

pub mod opinion;

use crate::config::{AiConfig, Api, Url, parse_url};
use crate::practice::ai::{AiError, ChatModel, ChatRequest};
use serde_json::{Value, json};
use std::io::Write as _;
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// The most a reply may hold (a follow-up is a sentence; a second opinion
/// a page). A larger one is refused.
pub const MAX_REPLY_BYTES: u64 = 256 * 1024;

/// A model behind an HTTP server.
pub struct HttpModel {
    api: Api,
    /// `http://host:port/path` without a trailing slash.
    base: String,
    model: String,
    timeout: Duration,
    log: Option<PathBuf>,
    agent: ureq::Agent,
}

impl std::fmt::Debug for HttpModel {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("HttpModel")
            .field("api", &self.api)
            .field("base", &self.base)
            .field("model", &self.model)
            .finish()
    }
}

fn base_of(u: &Url) -> String {
    let host = if u.host.contains(':') {
        format!("[{}]", u.host)
    } else {
        u.host.clone()
    };
    format!("http://{host}:{}{}", u.port, u.path)
}

impl HttpModel {
    /// The model the config names, or `None` when the AI is off. A remote
    /// host without `allow_remote` is refused (the config loader refuses it
    /// first; this is the second lock).
    pub fn from_config(ai: &AiConfig) -> Result<Option<HttpModel>, String> {
        if !ai.enabled.value {
            return Ok(None);
        }
        let url = parse_url(&ai.url.value)?;
        if !url.loopback && !ai.allow_remote.value {
            return Err(format!(
                "{} is not this machine and [ai] allow_remote is off: nothing was sent",
                url.host
            ));
        }
        Ok(Some(HttpModel::new(
            ai.api.value,
            &url,
            &ai.model.value,
            Duration::from_secs(ai.timeout_secs.value),
            ai.log.value.clone(),
        )))
    }

    pub fn new(
        api: Api,
        url: &Url,
        model: &str,
        timeout: Duration,
        log: Option<PathBuf>,
    ) -> HttpModel {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .timeout_global(Some(timeout))
            .http_status_as_error(false)
            .proxy(None)
            .max_redirects(0)
            .build()
            .into();
        HttpModel {
            api,
            base: base_of(url),
            model: model.to_string(),
            timeout,
            log,
            agent,
        }
    }

    pub fn api(&self) -> Api {
        self.api
    }

    pub fn base(&self) -> &str {
        &self.base
    }

    fn endpoint(&self, what: &str) -> String {
        // For OpenAI-compatible servers the URL usually ends in /v1; accept
        // it without as well.
        match (self.api, what) {
            (Api::Ollama, "chat") => format!("{}/api/chat", self.base),
            (Api::Ollama, _) => format!("{}/api/tags", self.base),
            (Api::OpenAi, w) => {
                let v1 = if self.base.ends_with("/v1") {
                    self.base.clone()
                } else {
                    format!("{}/v1", self.base)
                };
                if w == "chat" {
                    format!("{v1}/chat/completions")
                } else {
                    format!("{v1}/models")
                }
            }
        }
    }

    fn error(&self, e: ureq::Error) -> AiError {
        match e {
            ureq::Error::Timeout(_) => AiError::Timeout(self.timeout.as_secs()),
            ureq::Error::BodyExceedsLimit(n) => AiError::TooLarge(n),
            ureq::Error::Io(ref io) if io.kind() == std::io::ErrorKind::TimedOut => {
                AiError::Timeout(self.timeout.as_secs())
            }
            ureq::Error::Io(io) => AiError::Unreachable(io.to_string()),
            ureq::Error::ConnectionFailed | ureq::Error::HostNotFound => {
                AiError::Unreachable(e.to_string())
            }
            other => AiError::Malformed(other.to_string()),
        }
    }

    /// Sends `body` (or GETs when `None`) and returns the status and body.
    fn call(&self, url: &str, body: Option<&Value>) -> Result<(u16, String), AiError> {
        let resp = match body {
            Some(b) => self
                .agent
                .post(url)
                .header("Content-Type", "application/json")
                .send(b.to_string()),
            None => self.agent.get(url).call(),
        };
        let mut resp = resp.map_err(|e| self.error(e))?;
        let status = resp.status().as_u16();
        let text = resp
            .body_mut()
            .with_config()
            .limit(MAX_REPLY_BYTES)
            .read_to_string()
            .map_err(|e| match e {
                ureq::Error::BodyExceedsLimit(_) => AiError::TooLarge(MAX_REPLY_BYTES),
                other => self.error(other),
            })?;
        if !(200..300).contains(&status) {
            let short: String = crate::practice::ai::clean(&text)
                .chars()
                .take(160)
                .collect();
            return Err(AiError::Status(status, short));
        }
        Ok((status, text))
    }

    /// The models the server offers.
    pub fn list_models(&self) -> Result<Vec<String>, AiError> {
        let (_, text) = self.call(&self.endpoint("models"), None)?;
        let v: Value = serde_json::from_str(&text)
            .map_err(|e| AiError::Malformed(format!("the model list is not JSON: {e}")))?;
        let list = match self.api {
            Api::Ollama => v.get("models"),
            Api::OpenAi => v.get("data"),
        }
        .and_then(Value::as_array)
        .ok_or_else(|| AiError::Malformed("the model list has no models".into()))?;
        Ok(list
            .iter()
            .filter_map(|m| {
                m.get("name")
                    .or_else(|| m.get("id"))
                    .or_else(|| m.get("model"))
                    .and_then(Value::as_str)
                    .map(String::from)
            })
            .collect())
    }

    fn body(&self, req: &ChatRequest) -> Value {
        let messages: Vec<Value> = req
            .messages
            .iter()
            .map(|m| json!({"role": m.role.id(), "content": m.content}))
            .collect();
        match self.api {
            Api::Ollama => json!({
                "model": self.model,
                "messages": messages,
                "stream": false,
                "format": req.schema,
                "options": {"temperature": 0.2, "num_predict": req.max_tokens},
            }),
            Api::OpenAi => json!({
                "model": self.model,
                "messages": messages,
                "stream": false,
                "temperature": 0.2,
                "max_tokens": req.max_tokens,
                "response_format": {
                    "type": "json_schema",
                    "json_schema": {"name": "reply", "schema": req.schema},
                },
            }),
        }
    }

    fn log(&self, body: &Value, outcome: &Result<String, AiError>, took: Duration) {
        let Some(path) = &self.log else { return };
        let entry = json!({
            "at": chrono::Utc::now().to_rfc3339(),
            "model": self.model,
            "url": self.endpoint("chat"),
            "ms": took.as_millis() as u64,
            "request": body,
            "reply": outcome.as_ref().ok(),
            "error": outcome.as_ref().err().map(ToString::to_string),
        });
        if let Ok(mut f) = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(path)
        {
            let _ = writeln!(f, "{entry}");
        }
    }
}

/// The assistant's text from a reply: one JSON object, or a stream of them
/// (Ollama's NDJSON lines, or OpenAI's `data: {…}` server-sent events).
pub fn reply_text(api: Api, body: &str) -> Result<String, AiError> {
    let pick = |v: &Value| -> Option<String> {
        match api {
            Api::Ollama => v
                .pointer("/message/content")
                .and_then(Value::as_str)
                .map(String::from),
            Api::OpenAi => v
                .pointer("/choices/0/message/content")
                .or_else(|| v.pointer("/choices/0/delta/content"))
                .and_then(Value::as_str)
                .map(String::from),
        }
    };
    if let Ok(v) = serde_json::from_str::<Value>(body.trim()) {
        if let Some(e) = v.get("error") {
            let msg = e.get("message").unwrap_or(e);
            return Err(AiError::Malformed(format!(
                "the server reports an error: {}",
                crate::practice::ai::clean(&msg.to_string())
            )));
        }
        return pick(&v)
            .ok_or_else(|| AiError::Malformed("the reply holds no message content".into()));
    }
    // A streamed reply: join the pieces.
    let mut out = String::new();
    let mut pieces = 0;
    for line in body.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let line = match line.strip_prefix("data:") {
            Some(d) => d.trim(),
            None if line.starts_with(':') || line.starts_with("event:") => continue,
            None => line,
        };
        if line == "[DONE]" {
            continue;
        }
        let v: Value = serde_json::from_str(line)
            .map_err(|e| AiError::Malformed(format!("malformed JSON from the server: {e}")))?;
        if let Some(p) = pick(&v) {
            out.push_str(&p);
            pieces += 1;
        }
    }
    if pieces == 0 {
        return Err(AiError::Malformed("the reply is empty or not JSON".into()));
    }
    Ok(out)
}

impl ChatModel for HttpModel {
    fn model(&self) -> &str {
        &self.model
    }

    fn chat(&self, req: &ChatRequest) -> Result<String, AiError> {
        let body = self.body(req);
        let start = Instant::now();
        let out = self
            .call(&self.endpoint("chat"), Some(&body))
            .and_then(|(_, text)| reply_text(self.api, &text));
        self.log(&body, &out, start.elapsed());
        out
    }
}

/// What is said, once per server, before anything goes to a model server
/// that is not this machine (`[ai] allow_remote = true`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RemoteNotice {
    /// The server, as configured (the key it is remembered by).
    pub url: String,
    pub model: String,
    /// What is sent, and where, in words.
    pub text: String,
}

impl RemoteNotice {
    /// The notice for the AI the config turns on, when its server is not
    /// this machine; `None` when the AI is off or the server is loopback.
    pub fn for_config(ai: &AiConfig) -> Option<RemoteNotice> {
        if !ai.enabled.value {
            return None;
        }
        let u = parse_url(&ai.url.value).ok()?;
        (!u.loopback).then(|| RemoteNotice {
            url: ai.url.value.clone(),
            model: ai.model.value.clone(),
            text: format!(
                "allow_remote is on: {} is not this machine. For each follow-up and second opinion loopdrill sends it (model {}) the question, your answer so far and your replies to follow-ups, the interviewer's persona and the rubric's criteria; nothing else (no history, no stories, no files). Said once for this server.",
                u.host,
                crate::practice::ai::clean(&ai.model.value)
            ),
        })
    }
}

/// `loopdrill ai check`: connects, lists the models and times one probe.
pub fn check(ai: &AiConfig) -> Result<String, String> {
    use std::fmt::Write as _;
    let Some(m) = HttpModel::from_config(ai)? else {
        return Err(
            "the AI is off, so nothing was sent: set [ai] enabled = true and model in the config file, or LOOPDRILL_AI_URL / LOOPDRILL_AI_MODEL for one run (see `loopdrill config show`)"
                .into(),
        );
    };
    let mut out = String::new();
    let _ = writeln!(
        out,
        "server: {} ({}), model: {}",
        m.base(),
        m.api().id(),
        m.model()
    );
    let models = m
        .list_models()
        .map_err(|e| format!("{}: {e}", m.endpoint("models")))?;
    let _ = writeln!(
        out,
        "models offered: {}",
        if models.is_empty() {
            "none listed".to_string()
        } else {
            models.join(", ")
        }
    );
    if !models.is_empty() && !models.iter().any(|x| x == m.model()) {
        let _ = writeln!(
            out,
            "note: \"{}\" is not in that list; the server may still accept it",
            m.model()
        );
    }
    let probe = ChatRequest {
        messages: vec![crate::practice::ai::Message {
            role: crate::practice::ai::Role::User,
            content: "Reply with the JSON {\"ok\": true} and nothing else.".into(),
        }],
        schema: json!({"type": "object", "properties": {"ok": {"type": "boolean"}}, "required": ["ok"]}),
        max_tokens: 16,
    };
    let start = Instant::now();
    let reply = m
        .chat(&probe)
        .map_err(|e| format!("{}: {e}", m.endpoint("chat")))?;
    let _ = writeln!(
        out,
        "probe: answered in {} ms: {}",
        start.elapsed().as_millis(),
        crate::practice::ai::clean(&reply)
            .chars()
            .take(80)
            .collect::<String>()
    );
    Ok(out)
}
