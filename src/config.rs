//! The config file (`config.toml` in the platform config dir, or the file
//! `--config` / `LOOPDRILL_CONFIG` names), merged with the environment and
//! the command line: flags win over environment variables, which win over
//! the file, which wins over the built-in defaults. Every value remembers
//! where it came from, for `loopdrill config show`.
//!
//! A file that cannot be read or holds a mistake is one line,
//! `FILE:LINE:COL: what is wrong`; `--no-config` starts on the defaults.

pub use crate::practice::ai::VoteBy;
use serde::Deserialize;
use std::fmt;
use std::path::{Path, PathBuf};
use toml::Spanned;

/// Where a value came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    Default,
    File(PathBuf),
    Env(&'static str),
    Flag(&'static str),
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Source::Default => write!(f, "default"),
            Source::File(p) => write!(f, "file {}", p.display()),
            Source::Env(v) => write!(f, "env {v}"),
            Source::Flag(v) => write!(f, "flag {v}"),
        }
    }
}

/// A value and where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Setting<T> {
    pub value: T,
    pub from: Source,
}

impl<T> Setting<T> {
    fn default(value: T) -> Self {
        Setting {
            value,
            from: Source::Default,
        }
    }
    fn set(&mut self, value: T, from: Source) {
        self.value = value;
        self.from = from;
    }
}

/// Which protocol the model server speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Api {
    /// Ollama's `/api/chat`.
    Ollama,
    /// The OpenAI-compatible `/v1/chat/completions` (llama.cpp's
    /// llama-server, LM Studio, vLLM).
    OpenAi,
}

impl Api {
    pub fn id(self) -> &'static str {
        match self {
            Api::Ollama => "ollama",
            Api::OpenAi => "openai",
        }
    }
    pub fn from_id(s: &str) -> Option<Api> {
        match s.trim().to_ascii_lowercase().as_str() {
            "ollama" => Some(Api::Ollama),
            "openai" => Some(Api::OpenAi),
            _ => None,
        }
    }
}

/// The `[ai]` section, merged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AiConfig {
    /// Off unless the file says `enabled = true` or an `LOOPDRILL_AI_*`
    /// variable or `--ai-*` flag is given.
    pub enabled: Setting<bool>,
    pub url: Setting<String>,
    pub api: Setting<Api>,
    pub model: Setting<String>,
    pub timeout_secs: Setting<u64>,
    /// Send to a host that is not this machine (loopback) only when true.
    pub allow_remote: Setting<bool>,
    /// Phrase follow-ups with the model (drills and loops).
    pub follow_ups: Setting<bool>,
    /// Ask the model for a second opinion beside the rule judge.
    pub second_opinion: Setting<bool>,
    /// Whose levels the debrief votes on: the rule judge's (the default) or
    /// the model's second opinions, red flags vetoing their praise.
    pub vote: Setting<VoteBy>,
    /// Append every prompt and reply to this file (for debugging only).
    pub log: Setting<Option<PathBuf>>,
}

/// Defaults for `loopdrill loop`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoopDefaults {
    pub template: Setting<String>,
    pub role: Setting<Option<String>>,
    pub answer_minutes: Setting<Option<u32>>,
    pub strict: Setting<bool>,
}

/// Defaults for `loopdrill drill`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DrillDefaults {
    pub role: Setting<Option<String>>,
    pub answer_minutes: Setting<Option<u32>>,
    pub questions: Setting<Option<u32>>,
}

/// The merged configuration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    /// The file read, if any (`None`: none exists, or `--no-config`).
    pub file: Option<PathBuf>,
    pub loop_: LoopDefaults,
    pub drill: DrillDefaults,
    /// Colours on the screen (`NO_COLOR` still turns them off).
    pub color: Setting<bool>,
    pub ai: AiConfig,
}

pub const DEFAULT_OLLAMA_URL: &str = "http://127.0.0.1:11434";
pub const DEFAULT_TIMEOUT_SECS: u64 = 20;

impl Default for Config {
    fn default() -> Self {
        Config {
            file: None,
            loop_: LoopDefaults {
                template: Setting::default("pm-general".into()),
                role: Setting::default(None),
                answer_minutes: Setting::default(None),
                strict: Setting::default(false),
            },
            drill: DrillDefaults {
                role: Setting::default(None),
                answer_minutes: Setting::default(None),
                questions: Setting::default(None),
            },
            color: Setting::default(true),
            ai: AiConfig {
                enabled: Setting::default(false),
                url: Setting::default(DEFAULT_OLLAMA_URL.into()),
                api: Setting::default(Api::Ollama),
                model: Setting::default(String::new()),
                timeout_secs: Setting::default(DEFAULT_TIMEOUT_SECS),
                allow_remote: Setting::default(false),
                follow_ups: Setting::default(true),
                second_opinion: Setting::default(true),
                vote: Setting::default(VoteBy::Rule),
                log: Setting::default(None),
            },
        }
    }
}

/// What the command line says about the config (flags win over all).
#[derive(Debug, Clone, Default)]
pub struct Flags {
    pub config: Option<PathBuf>,
    pub no_config: bool,
    pub ai_url: Option<String>,
    pub ai_api: Option<String>,
    pub ai_model: Option<String>,
    pub no_ai: bool,
}

/// The environment variables the config reads (a function, so tests can
/// pass their own).
pub type Env<'a> = &'a dyn Fn(&str) -> Option<String>;

/// The process environment; an empty variable counts as unset.
pub fn process_env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

/// The platform's config file: `config.toml` in the config dir.
pub fn default_path() -> Option<PathBuf> {
    directories::ProjectDirs::from("dev", "loopdrill", "loopdrill")
        .map(|p| p.config_dir().join("config.toml"))
}

/// The file that would be read, and what named it.
pub fn path_in_use(flags: &Flags, env: Env) -> Option<(PathBuf, Source)> {
    if let Some(p) = &flags.config {
        return Some((p.clone(), Source::Flag("--config")));
    }
    if let Some(p) = env("LOOPDRILL_CONFIG") {
        return Some((PathBuf::from(p), Source::Env("LOOPDRILL_CONFIG")));
    }
    default_path().map(|p| (p, Source::Default))
}

/// A mistake in the config: one line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError(pub String);

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ConfigError {}

// ---- the file as written ----

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    #[serde(rename = "loop")]
    loop_: Option<RawLoop>,
    drill: Option<RawDrill>,
    ui: Option<RawUi>,
    ai: Option<RawAi>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLoop {
    template: Option<Spanned<String>>,
    role: Option<Spanned<String>>,
    answer_minutes: Option<Spanned<i64>>,
    strict: Option<bool>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDrill {
    role: Option<Spanned<String>>,
    answer_minutes: Option<Spanned<i64>>,
    questions: Option<Spanned<i64>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawUi {
    color: Option<bool>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAi {
    enabled: Option<bool>,
    url: Option<Spanned<String>>,
    api: Option<Spanned<String>>,
    model: Option<Spanned<String>>,
    timeout_secs: Option<Spanned<i64>>,
    allow_remote: Option<bool>,
    follow_ups: Option<bool>,
    second_opinion: Option<bool>,
    vote: Option<Spanned<String>>,
    log: Option<Spanned<String>>,
}

/// 1-based line and column (in characters) of a byte offset.
fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while offset > 0 && !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

struct At<'a> {
    file: &'a Path,
    text: &'a str,
}

impl At<'_> {
    fn err(&self, offset: usize, msg: impl fmt::Display) -> ConfigError {
        let (l, c) = line_col(self.text, offset);
        ConfigError(format!("{}:{l}:{c}: {msg}", self.file.display()))
    }
    fn minutes(&self, v: &Spanned<i64>, key: &str, max: i64) -> Result<u32, ConfigError> {
        let n = *v.get_ref();
        if (1..=max).contains(&n) {
            Ok(n as u32)
        } else {
            Err(self.err(
                v.span().start,
                format!("{key} must be a whole number from 1 to {max} (found {n})"),
            ))
        }
    }
    fn text(&self, v: &Spanned<String>, key: &str) -> Result<String, ConfigError> {
        let s = v.get_ref().trim();
        if s.is_empty() {
            Err(self.err(v.span().start, format!("{key} is empty")))
        } else {
            Ok(s.to_string())
        }
    }
}

/// Parses a config file's text into `cfg` (values from `file`).
pub fn apply_file(cfg: &mut Config, file: &Path, text: &str) -> Result<(), ConfigError> {
    let at = At { file, text };
    let raw: RawFile = toml::from_str(text).map_err(|e| {
        let msg = e.message().trim().replace('\n', " ");
        at.err(e.span().map_or(0, |s| s.start), msg)
    })?;
    let src = || Source::File(file.to_path_buf());
    if let Some(l) = raw.loop_ {
        if let Some(t) = &l.template {
            cfg.loop_.template.set(at.text(t, "loop.template")?, src());
        }
        if let Some(r) = &l.role {
            cfg.loop_.role.set(Some(at.text(r, "loop.role")?), src());
        }
        if let Some(m) = &l.answer_minutes {
            cfg.loop_
                .answer_minutes
                .set(Some(at.minutes(m, "loop.answer_minutes", 120)?), src());
        }
        if let Some(s) = l.strict {
            cfg.loop_.strict.set(s, src());
        }
    }
    if let Some(d) = raw.drill {
        if let Some(r) = &d.role {
            cfg.drill.role.set(Some(at.text(r, "drill.role")?), src());
        }
        if let Some(m) = &d.answer_minutes {
            cfg.drill
                .answer_minutes
                .set(Some(at.minutes(m, "drill.answer_minutes", 120)?), src());
        }
        if let Some(q) = &d.questions {
            cfg.drill
                .questions
                .set(Some(at.minutes(q, "drill.questions", 50)?), src());
        }
    }
    if let Some(u) = raw.ui
        && let Some(c) = u.color
    {
        cfg.color.set(c, src());
    }
    if let Some(a) = raw.ai {
        if let Some(e) = a.enabled {
            cfg.ai.enabled.set(e, src());
        }
        if let Some(u) = &a.url {
            let url = at.text(u, "ai.url")?;
            parse_url(&url).map_err(|m| at.err(u.span().start, format!("ai.url: {m}")))?;
            cfg.ai.url.set(url, src());
        }
        if let Some(api) = &a.api {
            let v = Api::from_id(api.get_ref()).ok_or_else(|| {
                at.err(
                    api.span().start,
                    format!(
                        "ai.api must be \"ollama\" or \"openai\" (found \"{}\")",
                        api.get_ref()
                    ),
                )
            })?;
            cfg.ai.api.set(v, src());
        }
        if let Some(m) = &a.model {
            cfg.ai.model.set(at.text(m, "ai.model")?, src());
        }
        if let Some(t) = &a.timeout_secs {
            let n = *t.get_ref();
            if !(1..=600).contains(&n) {
                return Err(at.err(
                    t.span().start,
                    format!("ai.timeout_secs must be from 1 to 600 seconds (found {n})"),
                ));
            }
            cfg.ai.timeout_secs.set(n as u64, src());
        }
        if let Some(r) = a.allow_remote {
            cfg.ai.allow_remote.set(r, src());
        }
        if let Some(f) = a.follow_ups {
            cfg.ai.follow_ups.set(f, src());
        }
        if let Some(s) = a.second_opinion {
            cfg.ai.second_opinion.set(s, src());
        }
        if let Some(v) = &a.vote {
            let by = VoteBy::from_id(v.get_ref()).ok_or_else(|| {
                at.err(
                    v.span().start,
                    format!(
                        "ai.vote must be \"rule\" or \"ai\" (found \"{}\")",
                        v.get_ref().chars().take(60).collect::<String>()
                    ),
                )
            })?;
            cfg.ai.vote.set(by, src());
        }
        if let Some(l) = &a.log {
            cfg.ai
                .log
                .set(Some(PathBuf::from(at.text(l, "ai.log")?)), src());
        }
        // A remote host is refused here, where the line can be named.
        if cfg.ai.enabled.value
            && !cfg.ai.allow_remote.value
            && let Some(u) = &a.url
            && let Ok(p) = parse_url(u.get_ref().trim())
            && !p.loopback
        {
            return Err(at.err(u.span().start, remote_refusal(&p.host)));
        }
    }
    Ok(())
}

fn remote_refusal(host: &str) -> String {
    format!(
        "ai.url: {host} is not this machine; answers go only to a loopback address (127.0.0.1, localhost, [::1]) unless [ai] allow_remote = true"
    )
}

/// A URL's parts, as the HTTP client needs them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Url {
    pub host: String,
    pub port: u16,
    /// The path without a trailing slash (`""` or `/v1`).
    pub path: String,
    pub loopback: bool,
}

/// Parses `http://host[:port][/path]`. Only plain HTTP: a local model
/// server does not need TLS, and loopdrill carries none.
pub fn parse_url(url: &str) -> Result<Url, String> {
    let rest = url.strip_prefix("http://").ok_or_else(|| {
        if url.starts_with("https://") {
            format!("\"{url}\": only http:// is supported (a local model server needs no TLS)")
        } else {
            format!("\"{url}\" is not an http:// URL")
        }
    })?;
    let (authority, path) = match rest.find('/') {
        Some(i) => (&rest[..i], rest[i..].trim_end_matches('/')),
        None => (rest, ""),
    };
    if authority.contains('@') || path.contains(['?', '#']) {
        return Err(format!("\"{url}\": no user, query or fragment, please"));
    }
    let (host, port) = if let Some(v6) = authority.strip_prefix('[') {
        let end = v6
            .find(']')
            .ok_or_else(|| format!("\"{url}\": unclosed ["))?;
        let host = &v6[..end];
        let port = v6[end + 1..].strip_prefix(':');
        (host.to_string(), port)
    } else {
        match authority.rsplit_once(':') {
            Some((h, p)) => (h.to_string(), Some(p)),
            None => (authority.to_string(), None),
        }
    };
    if host.is_empty() {
        return Err(format!("\"{url}\" names no host"));
    }
    let port = match port {
        None => 80,
        Some(p) => p.parse::<u16>().ok().filter(|n| *n > 0).ok_or_else(|| {
            format!("\"{url}\": the port \"{p}\" is not a number from 1 to 65535")
        })?,
    };
    let loopback = host.eq_ignore_ascii_case("localhost")
        || host
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback());
    Ok(Url {
        host,
        port,
        path: path.to_string(),
        loopback,
    })
}

/// The API a URL most likely speaks when none is named: `…/v1` is
/// OpenAI-compatible, anything else Ollama.
pub fn guess_api(url: &str) -> Api {
    if url.trim_end_matches('/').ends_with("/v1") {
        Api::OpenAi
    } else {
        Api::Ollama
    }
}

/// Reads the config: the file (unless `--no-config`), then the
/// environment, then the flags.
pub fn load(flags: &Flags, env: Env) -> Result<Config, ConfigError> {
    let mut cfg = Config::default();
    if !flags.no_config
        && let Some((path, named_by)) = path_in_use(flags, env)
        // Nothing known to be in the usual place (absent, or a folder on
        // the way this user may not enter): the defaults.
        && (named_by != Source::Default || matches!(path.try_exists(), Ok(true)))
    {
        match std::fs::read(&path) {
            Ok(bytes) => {
                let text = String::from_utf8(bytes).map_err(|e| {
                    let (l, c) = {
                        let ok = &e.as_bytes()[..e.utf8_error().valid_up_to()];
                        line_col(&String::from_utf8_lossy(ok), ok.len())
                    };
                    ConfigError(format!("{}:{l}:{c}: not UTF-8 text", path.display()))
                })?;
                apply_file(&mut cfg, &path, &text)?;
                cfg.file = Some(path);
            }
            // No file in the usual place: the defaults.
            Err(e) if e.kind() == std::io::ErrorKind::NotFound && named_by == Source::Default => {}
            Err(e) => {
                return Err(ConfigError(format!(
                    "{}: cannot read the config file ({named_by}): {e}",
                    path.display()
                )));
            }
        }
    }
    apply_env_and_flags(&mut cfg, flags, env)?;
    Ok(cfg)
}

fn apply_env_and_flags(cfg: &mut Config, flags: &Flags, env: Env) -> Result<(), ConfigError> {
    let mut api_named = cfg.ai.api.from != Source::Default;
    // LOOPDRILL_AI_* turn the AI on for one run; --ai-* likewise.
    let layers: [[(Option<String>, Source); 3]; 2] = [
        [
            (env("LOOPDRILL_AI_URL"), Source::Env("LOOPDRILL_AI_URL")),
            (env("LOOPDRILL_AI_API"), Source::Env("LOOPDRILL_AI_API")),
            (env("LOOPDRILL_AI_MODEL"), Source::Env("LOOPDRILL_AI_MODEL")),
        ],
        [
            (flags.ai_url.clone(), Source::Flag("--ai-url")),
            (flags.ai_api.clone(), Source::Flag("--ai-api")),
            (flags.ai_model.clone(), Source::Flag("--ai-model")),
        ],
    ];
    for [(url, url_src), (api, api_src), (model, model_src)] in layers {
        let mut on = None;
        if let Some(u) = url {
            let u = u.trim().to_string();
            parse_url(&u).map_err(|m| ConfigError(format!("{url_src}: {m}")))?;
            cfg.ai.url.set(u, url_src.clone());
            on = Some(url_src);
        }
        if let Some(a) = api {
            let v = Api::from_id(&a).ok_or_else(|| {
                ConfigError(format!(
                    "{api_src}: must be \"ollama\" or \"openai\" (found \"{a}\")"
                ))
            })?;
            cfg.ai.api.set(v, api_src.clone());
            api_named = true;
            on = on.or(Some(api_src));
        }
        if let Some(m) = model {
            cfg.ai.model.set(m.trim().to_string(), model_src.clone());
            on = on.or(Some(model_src));
        }
        if let Some(src) = on {
            cfg.ai.enabled.set(true, src);
        }
    }
    // A URL given without an API: the one it most likely speaks.
    if !api_named && cfg.ai.url.from != Source::Default {
        let from = cfg.ai.url.from.clone();
        cfg.ai.api.set(guess_api(&cfg.ai.url.value), from);
    }
    if flags.no_ai {
        cfg.ai.enabled.set(false, Source::Flag("--no-ai"));
    }
    if cfg.ai.enabled.value {
        if cfg.ai.model.value.is_empty() {
            return Err(ConfigError(format!(
                "the AI is on ({}) but names no model: set [ai] model, LOOPDRILL_AI_MODEL or --ai-model",
                cfg.ai.enabled.from
            )));
        }
        let u = parse_url(&cfg.ai.url.value)
            .map_err(|m| ConfigError(format!("{}: {m}", cfg.ai.url.from)))?;
        if !u.loopback && !cfg.ai.allow_remote.value {
            return Err(ConfigError(format!(
                "{}: {}",
                cfg.ai.url.from,
                remote_refusal(&u.host)
            )));
        }
    }
    Ok(())
}

fn q(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

impl Config {
    /// `loopdrill config show`: every key, its value and where it came from.
    pub fn show(&self) -> String {
        use std::fmt::Write as _;
        let mut out = String::new();
        let _ = writeln!(
            out,
            "# file: {}",
            self.file
                .as_ref()
                .map_or("none (defaults)".to_string(), |p| p.display().to_string())
        );
        let opt_s = |v: &Option<String>| v.as_deref().map_or("(unset)".to_string(), q);
        let opt_n = |v: &Option<u32>| v.map_or("(unset)".to_string(), |n| n.to_string());
        let rows: Vec<(&str, String, &Source)> = vec![
            (
                "loop.template",
                q(&self.loop_.template.value),
                &self.loop_.template.from,
            ),
            (
                "loop.role",
                opt_s(&self.loop_.role.value),
                &self.loop_.role.from,
            ),
            (
                "loop.answer_minutes",
                opt_n(&self.loop_.answer_minutes.value),
                &self.loop_.answer_minutes.from,
            ),
            (
                "loop.strict",
                self.loop_.strict.value.to_string(),
                &self.loop_.strict.from,
            ),
            (
                "drill.role",
                opt_s(&self.drill.role.value),
                &self.drill.role.from,
            ),
            (
                "drill.answer_minutes",
                opt_n(&self.drill.answer_minutes.value),
                &self.drill.answer_minutes.from,
            ),
            (
                "drill.questions",
                opt_n(&self.drill.questions.value),
                &self.drill.questions.from,
            ),
            ("ui.color", self.color.value.to_string(), &self.color.from),
            (
                "ai.enabled",
                self.ai.enabled.value.to_string(),
                &self.ai.enabled.from,
            ),
            ("ai.url", q(&self.ai.url.value), &self.ai.url.from),
            ("ai.api", q(self.ai.api.value.id()), &self.ai.api.from),
            (
                "ai.model",
                if self.ai.model.value.is_empty() {
                    "(unset)".into()
                } else {
                    q(&self.ai.model.value)
                },
                &self.ai.model.from,
            ),
            (
                "ai.timeout_secs",
                self.ai.timeout_secs.value.to_string(),
                &self.ai.timeout_secs.from,
            ),
            (
                "ai.allow_remote",
                self.ai.allow_remote.value.to_string(),
                &self.ai.allow_remote.from,
            ),
            (
                "ai.follow_ups",
                self.ai.follow_ups.value.to_string(),
                &self.ai.follow_ups.from,
            ),
            (
                "ai.second_opinion",
                self.ai.second_opinion.value.to_string(),
                &self.ai.second_opinion.from,
            ),
            ("ai.vote", q(self.ai.vote.value.id()), &self.ai.vote.from),
            (
                "ai.log",
                self.ai
                    .log
                    .value
                    .as_ref()
                    .map_or("(unset)".into(), |p| q(&p.display().to_string())),
                &self.ai.log.from,
            ),
        ];
        let w = rows
            .iter()
            .map(|(k, v, _)| k.len() + v.len() + 3)
            .max()
            .unwrap_or(0);
        for (k, v, from) in rows {
            let kv = format!("{k} = {v}");
            let _ = writeln!(out, "{kv:<w$}  # {from}");
        }
        if std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()) && self.color.value {
            let _ = writeln!(out, "# NO_COLOR is set: no colours whatever ui.color says");
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn env_of(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> + use<> {
        let m: HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        move |k| m.get(k).cloned()
    }

    fn parse(text: &str) -> Result<Config, ConfigError> {
        let mut c = Config::default();
        apply_file(&mut c, Path::new("c.toml"), text)?;
        Ok(c)
    }

    #[test]
    fn no_file_no_env_means_ai_off_and_defaults() {
        let c = load(
            &Flags {
                no_config: true,
                ..Flags::default()
            },
            &env_of(&[]),
        )
        .unwrap();
        assert_eq!(c, Config::default());
        assert!(!c.ai.enabled.value);
    }

    #[test]
    fn file_values_are_read_with_their_source() {
        let c = parse(
            "[loop]\ntemplate = \"tpm-general\"\nanswer_minutes = 6\nstrict = true\n\
             [drill]\nrole = \"tpm\"\nquestions = 4\n[ui]\ncolor = false\n\
             [ai]\nenabled = true\nurl = \"http://127.0.0.1:8080/v1\"\napi = \"openai\"\nmodel = \"g\"\ntimeout_secs = 5\n",
        )
        .unwrap();
        assert_eq!(c.loop_.template.value, "tpm-general");
        assert_eq!(c.loop_.template.from, Source::File("c.toml".into()));
        assert_eq!(c.loop_.answer_minutes.value, Some(6));
        assert!(c.loop_.strict.value);
        assert_eq!(c.drill.role.value.as_deref(), Some("tpm"));
        assert_eq!(c.drill.questions.value, Some(4));
        assert!(!c.color.value);
        assert_eq!(c.ai.api.value, Api::OpenAi);
        assert_eq!(c.ai.timeout_secs.value, 5);
    }

    #[test]
    fn env_overrides_file_and_flags_override_env() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("c.toml");
        std::fs::write(
            &f,
            "[ai]\nenabled = false\nmodel = \"from-file\"\nurl = \"http://127.0.0.1:1\"\n",
        )
        .unwrap();
        let env = env_of(&[
            ("LOOPDRILL_CONFIG", f.to_str().unwrap()),
            ("LOOPDRILL_AI_MODEL", "from-env"),
            ("LOOPDRILL_AI_URL", "http://127.0.0.1:8080/v1"),
        ]);
        let c = load(&Flags::default(), &env).unwrap();
        assert_eq!(c.file.as_deref(), Some(f.as_path()));
        assert!(c.ai.enabled.value, "an LOOPDRILL_AI_* variable turns it on");
        assert_eq!(c.ai.model.value, "from-env");
        assert_eq!(c.ai.model.from, Source::Env("LOOPDRILL_AI_MODEL"));
        assert_eq!(c.ai.api.value, Api::OpenAi, "guessed from /v1");
        let flags = Flags {
            ai_model: Some("from-flag".into()),
            ai_api: Some("ollama".into()),
            ..Flags::default()
        };
        let c = load(&flags, &env).unwrap();
        assert_eq!(c.ai.model.value, "from-flag");
        assert_eq!(c.ai.api.value, Api::Ollama);
        assert_eq!(c.ai.api.from, Source::Flag("--ai-api"));
        let off = Flags {
            no_ai: true,
            ..flags
        };
        assert!(!load(&off, &env).unwrap().ai.enabled.value);
    }

    #[test]
    fn no_config_skips_a_broken_file() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("c.toml");
        std::fs::write(&f, "[loop\n").unwrap();
        let env = env_of(&[("LOOPDRILL_CONFIG", f.to_str().unwrap())]);
        assert!(load(&Flags::default(), &env).is_err());
        let c = load(
            &Flags {
                no_config: true,
                ..Flags::default()
            },
            &env,
        )
        .unwrap();
        assert_eq!(c.file, None);
    }

    #[test]
    fn a_named_file_that_is_missing_is_an_error() {
        let env = env_of(&[("LOOPDRILL_CONFIG", "/nonexistent/loopdrill.toml")]);
        let e = load(&Flags::default(), &env).unwrap_err().0;
        assert!(
            e.starts_with("/nonexistent/loopdrill.toml: cannot read"),
            "{e}"
        );
        assert!(e.contains("env LOOPDRILL_CONFIG"), "{e}");
    }

    #[test]
    fn remote_hosts_are_refused_unless_allowed() {
        let e = parse("[ai]\nenabled = true\nmodel = \"m\"\nurl = \"http://10.1.2.3:11434\"\n")
            .unwrap_err()
            .0;
        assert!(
            e.starts_with("c.toml:4:7: ai.url: 10.1.2.3 is not this machine"),
            "{e}"
        );
        parse("[ai]\nenabled = true\nmodel = \"m\"\nallow_remote = true\nurl = \"http://10.1.2.3:11434\"\n")
            .unwrap();
        let env = env_of(&[
            ("LOOPDRILL_AI_URL", "http://example.org"),
            ("LOOPDRILL_AI_MODEL", "m"),
        ]);
        let e = load(
            &Flags {
                no_config: true,
                ..Flags::default()
            },
            &env,
        )
        .unwrap_err()
        .0;
        assert!(
            e.starts_with("env LOOPDRILL_AI_URL: ai.url: example.org"),
            "{e}"
        );
    }

    #[test]
    fn ai_on_without_a_model_is_refused() {
        let env = env_of(&[("LOOPDRILL_AI_URL", "http://127.0.0.1:11434")]);
        let e = load(
            &Flags {
                no_config: true,
                ..Flags::default()
            },
            &env,
        )
        .unwrap_err()
        .0;
        assert!(e.contains("names no model"), "{e}");
    }

    #[test]
    fn the_debrief_votes_on_the_rule_judges_levels_by_default() {
        let c = Config::default();
        assert_eq!(c.ai.vote, Setting::default(VoteBy::Rule));
        assert!(
            c.show()
                .lines()
                .any(|l| l.starts_with("ai.vote = \"rule\"") && l.ends_with("# default")),
            "{}",
            c.show()
        );
        // A file without the key leaves it so.
        let c = parse("[ai]\nsecond_opinion = true\n").unwrap();
        assert_eq!(c.ai.vote.value, VoteBy::Rule);
    }

    #[test]
    fn vote_is_read_from_the_file_and_a_bad_one_is_named_where_it_is() {
        let c = parse("[ai]\nvote = \"ai\"\n").unwrap();
        assert_eq!(c.ai.vote.value, VoteBy::Ai);
        assert_eq!(c.ai.vote.from, Source::File("c.toml".into()));
        assert!(
            c.show()
                .lines()
                .any(|l| l.starts_with("ai.vote = \"ai\"") && l.ends_with("# file c.toml")),
            "{}",
            c.show()
        );
        assert_eq!(
            parse("[ai]\nvote = \" Rule \"\n").unwrap().ai.vote.value,
            VoteBy::Rule
        );
        let e = parse("[ai]\nvote = \"model\"\n").unwrap_err().0;
        assert_eq!(
            e,
            "c.toml:2:8: ai.vote must be \"rule\" or \"ai\" (found \"model\")"
        );
        let e = parse("[ai]\nvote = true\n").unwrap_err().0;
        assert!(e.starts_with("c.toml:2:8: "), "{e}");
        let long = "x".repeat(200);
        let e = parse(&format!("[ai]\nvote = \"{long}\"\n")).unwrap_err().0;
        assert!(
            e.contains(&format!("(found \"{}\")", "x".repeat(60))),
            "{e}"
        );
    }

    #[test]
    fn urls_parse_and_know_loopback() {
        let u = parse_url("http://127.0.0.1:8080/v1/").unwrap();
        assert_eq!(
            (u.host.as_str(), u.port, u.path.as_str()),
            ("127.0.0.1", 8080, "/v1")
        );
        assert!(u.loopback);
        assert!(parse_url("http://[::1]:11434").unwrap().loopback);
        assert!(parse_url("http://localhost").unwrap().loopback);
        assert!(!parse_url("http://192.168.1.4:11434").unwrap().loopback);
        assert!(parse_url("https://127.0.0.1").is_err());
        assert!(parse_url("http://127.0.0.1:99999").is_err());
        assert!(parse_url("ftp://x").is_err());
    }

    #[test]
    fn show_names_every_key_and_its_source() {
        let c = parse("[loop]\nstrict = true\n").unwrap();
        let s = c.show();
        for key in [
            "loop.template",
            "loop.role",
            "loop.answer_minutes",
            "loop.strict",
            "drill.role",
            "drill.answer_minutes",
            "drill.questions",
            "ui.color",
            "ai.enabled",
            "ai.url",
            "ai.api",
            "ai.model",
            "ai.timeout_secs",
            "ai.allow_remote",
            "ai.follow_ups",
            "ai.second_opinion",
            "ai.vote",
            "ai.log",
        ] {
            assert!(s.contains(&format!("{key} = ")), "{key} missing from\n{s}");
        }
        assert!(
            s.lines()
                .any(|l| l.starts_with("loop.strict = true") && l.ends_with("# file c.toml")),
            "{s}"
        );
        assert!(
            s.lines().any(
                |l| l.starts_with("loop.template = \"pm-general\"") && l.ends_with("# default")
            ),
            "{s}"
        );
    }
}
