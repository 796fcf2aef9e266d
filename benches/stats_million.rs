//! `loopdrill stats --json` over a million tiny sessions (issue 21: within
//! 2 s), timed as a user runs it: the release binary, spawned, its wall
//! time and peak memory (`ru_maxrss`) taken from `wait4`.
//!
//! The store is generated once under `target/bench-stats-million/` (the
//! disk a data dir is on; kept between runs, since a million files take a
//! while to write): one session file per session, written the way the store
//! writes them (pretty JSON, a final newline, 0600; not fsynced, which
//! changes nothing a reader sees), each holding one short answer with its
//! judgement cached as the app caches it when it saves. The answers come
//! from a few dozen templates (a question each, some given aloud), so each
//! template is judged once and its judgement copied to every answer with
//! the same words (the cache key covers the words, not the times).
//!
//! Then:
//! 1. `no_index`: `index.json` removed, one `stats --json` (it reads every
//!    session file and writes the index, as the app would);
//! 2. `with_index`: `stats --json` five times with that index in place
//!    (sealed: the sessions folder has not changed since, so no session
//!    file is looked at);
//! 3. `after_a_change`: a file created and removed in the sessions folder
//!    (as the app's writability probe does), two seconds for the folder to
//!    settle, then one `stats --json`: every session file's stamp is
//!    checked and the index sealed again (the next call is `with_index`).
//!
//! `cargo bench --bench stats_million` (a million sessions), or
//! `STATS_MILLION_SESSIONS=100000 cargo bench --bench stats_million`.
//! `STATS_MILLION_DIR=DIR` puts the store elsewhere; a store generated for
//! another count is generated again. Without `--bench` (as `cargo test
//! --all-targets` runs it) a smoke run over 200 sessions in a temp dir.

use chrono::{DateTime, Utc};
use loopdrill::store::{AnalysisRecord, Answer, Session, SessionKind, Star};
use std::collections::BTreeMap;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Bumped when what the generator writes changes (a kept store is then
/// generated again).
const GENERATOR_VERSION: u32 = 1;

fn ts(secs: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(secs, 0).expect("valid timestamp")
}

/// A few dozen short answers, one per STAR question of the built-in pack
/// (every tenth given aloud, so no judgement), judged once each.
fn templates(content: &loopdrill::content::Content) -> Vec<Answer> {
    let judge = loopdrill::practice::judge::Judge::new(content);
    let questions: Vec<_> = content
        .questions
        .iter()
        .filter(|q| q.format == loopdrill::content::AnswerFormat::Star)
        .take(40)
        .collect();
    assert!(
        questions.len() >= 10,
        "the built-in pack has STAR questions"
    );
    questions
        .iter()
        .enumerate()
        .map(|(k, q)| {
            let criterion = content
                .principle_rubric(&q.principles[0])
                .and_then(|r| r.criteria.first().map(|c| format!("{}/{}", r.id, c.id)));
            let spoken = k % 10 == 9;
            let mut a = Answer {
                id: "a-0".into(),
                question_id: q.id.clone(),
                question: q.text.clone(),
                principles: q.principles.clone(),
                interviewer_id: None,
                interview_index: 0,
                star: if spoken {
                    Star::default()
                } else {
                    Star {
                        situation: format!("Our nightly billing export failed ({k})."),
                        task: "I decided to own the fix.".into(),
                        action: "I traced the failures, wrote a runbook and told the owners."
                            .into(),
                        result: format!("Failures fell from {} a week to 0.", k % 9 + 2),
                    }
                },
                parts: Vec::new(),
                part_names: Vec::new(),
                follow_ups: Vec::new(),
                started_at: ts(0),
                submitted_at: ts(0),
                duration_secs: 60 + k as u64 * 7,
                time_limit_secs: 300,
                overtime_secs: 0,
                self_scores: criterion
                    .into_iter()
                    .map(|c| (c, (k % 4) as u8 + 1))
                    .collect::<BTreeMap<_, _>>(),
                score_history: Vec::new(),
                analysis: AnalysisRecord {
                    words: if spoken { 0 } else { 30 },
                    i_count: 3,
                    we_count: 0,
                    numbers_in_result: 2,
                    speaking_secs: 0,
                    signals: Vec::new(),
                },
                story_id: None,
                notes: String::new(),
                spoken,
                judged: None,
                summary_only: false,
            };
            let mut s = Session::new("t".into(), SessionKind::Drill, ts(0));
            s.answers.push(a.clone());
            judge.refresh_cache(&mut s);
            a.judged = s.answers[0].judged.take();
            a
        })
        .collect()
}

/// Session `i` of the generated store: one answer, two minutes apart (a
/// million span four years, all in the past, so every LP is as overdue as
/// it can be and the report is the same on every run).
fn session(i: usize, templates: &[Answer]) -> Session {
    let start = ts(1_500_000_000 + i as i64 * 120);
    let mut s = Session::new(format!("s-{i:07}"), SessionKind::Drill, start);
    let mut a = templates[i % templates.len()].clone();
    a.started_at = start;
    a.submitted_at = start + chrono::Duration::seconds(a.duration_secs as i64);
    s.finished_at = Some(a.submitted_at);
    s.answers.push(a);
    s
}

fn write_session(dir: &Path, s: &Session) {
    let mut bytes = serde_json::to_vec_pretty(s).expect("encode");
    bytes.push(b'\n');
    let mut o = std::fs::OpenOptions::new();
    o.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        o.mode(0o600);
    }
    o.open(dir.join(format!("{}.json", s.id)))
        .and_then(|mut f| f.write_all(&bytes))
        .expect("write a session file");
}

/// Generates a store of `n` sessions in `dir` (unless one for `n` is there).
fn generate(dir: &Path, n: usize, content: &loopdrill::content::Content) {
    let marker = dir.join("generated-by-bench");
    let want = format!("{GENERATOR_VERSION} {n}\n");
    if std::fs::read_to_string(&marker).is_ok_and(|m| m == want) {
        eprintln!("reusing the store of {n} sessions in {}", dir.display());
        return;
    }
    if dir.exists() {
        std::fs::remove_dir_all(dir).expect("remove the old store");
    }
    let started = Instant::now();
    // Open (and close) it as the app does, so the folders are the store's.
    drop(loopdrill::store::Store::open(dir).expect("open the store"));
    let templates = templates(content);
    let sessions_dir = dir.join("sessions");
    let threads = std::thread::available_parallelism().map_or(2, |t| t.get());
    std::thread::scope(|scope| {
        for t in 0..threads {
            let (templates, sessions_dir) = (&templates, &sessions_dir);
            scope.spawn(move || {
                for i in (t..n).step_by(threads) {
                    write_session(sessions_dir, &session(i, templates));
                }
            });
        }
    });
    std::fs::write(&marker, want).expect("marker");
    eprintln!(
        "generated {n} session files in {:.1} s",
        started.elapsed().as_secs_f64()
    );
}

/// Runs `loopdrill stats --json` on `dir`: wall time, peak resident memory
/// (KiB) and the output.
fn run_stats(bin: &Path, dir: &Path) -> (Duration, i64, Vec<u8>) {
    let out = tempfile::NamedTempFile::new().expect("temp file");
    let started = Instant::now();
    // Reaped by `wait4` below, which also gives its peak memory.
    #[allow(clippy::zombie_processes)]
    let child = Command::new(bin)
        .args(["stats", "--json", "--data-dir"])
        .arg(dir)
        .stdout(out.reopen().expect("reopen"))
        .stderr(Stdio::inherit())
        .spawn()
        .expect("spawn loopdrill");
    let mut status = 0;
    // SAFETY: an all-zero rusage is a valid value; wait4 fills it in.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: waits for our own child, writing only to the two locals.
    let pid = unsafe { libc::wait4(child.id() as libc::pid_t, &mut status, 0, &mut usage) };
    let took = started.elapsed();
    assert_eq!(pid, child.id() as libc::pid_t, "wait4");
    assert!(
        libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0,
        "stats failed"
    );
    let text = std::fs::read(out.path()).expect("output");
    (took, usage.ru_maxrss, text)
}

fn main() {
    let full = std::env::args().any(|a| a == "--bench");
    let n: usize = match std::env::var("STATS_MILLION_SESSIONS") {
        Ok(v) => v.parse().expect("STATS_MILLION_SESSIONS is a number"),
        Err(_) if full => 1_000_000,
        Err(_) => 200,
    };
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir: PathBuf = match std::env::var_os("STATS_MILLION_DIR") {
        Some(d) => d.into(),
        None if full => Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench-stats-million"),
        None => tmp.path().join("data"),
    };
    let content = loopdrill::content::load_layered(&[]).expect("built-in content");
    generate(&dir, n, &content);
    let bin = Path::new(env!("CARGO_BIN_EXE_loopdrill"));
    let _ = std::fs::remove_file(dir.join("index.json"));
    let (t, rss, first) = run_stats(bin, &dir);
    assert!(dir.join("index.json").is_file(), "stats wrote the index");
    println!(
        "stats_million/no_index ({n} sessions): {:.3} s, peak {:.0} MB",
        t.as_secs_f64(),
        rss as f64 / 1024.0
    );
    let runs = if full { 5 } else { 1 };
    let mut times = Vec::new();
    let mut peak = 0;
    for _ in 0..runs {
        let (t, rss, text) = run_stats(bin, &dir);
        assert_eq!(text, first, "the same stats with the index as without");
        times.push(t);
        peak = peak.max(rss);
    }
    // The folder changes (nothing a session file holds does).
    let touch = dir.join("sessions").join(".bench-touch.json.tmp");
    std::fs::write(&touch, b"").expect("touch");
    std::fs::remove_file(&touch).expect("untouch");
    std::thread::sleep(loopdrill::store::index::SETTLED + Duration::from_millis(100));
    let (checked, checked_rss, text) = run_stats(bin, &dir);
    assert_eq!(text, first, "the same stats after every file is checked");
    let (resealed, _, text) = run_stats(bin, &dir);
    assert_eq!(text, first);
    let v: serde_json::Value = serde_json::from_slice(&first).expect("stats JSON");
    assert_eq!(v["answers"], n, "every answer counted");
    times.sort();
    println!(
        "stats_million/with_index ({n} sessions): median {:.3} s (min {:.3}, max {:.3}) of {runs}, peak {:.0} MB (target: within 2 s)",
        times[times.len() / 2].as_secs_f64(),
        times[0].as_secs_f64(),
        times[times.len() - 1].as_secs_f64(),
        peak as f64 / 1024.0
    );
    println!(
        "stats_million/after_a_change ({n} sessions): {:.3} s, peak {:.0} MB (every file's stamp checked, the index sealed again); the next call {:.3} s",
        checked.as_secs_f64(),
        checked_rss as f64 / 1024.0,
        resealed.as_secs_f64()
    );
}
