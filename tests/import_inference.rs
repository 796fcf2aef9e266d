//! LP inference for imported questions, measured on labelled lists:
//! `labelled_questions.toml` and `labelled_questions_holdout.toml` (written
//! for these tests in the styles of public lists), `public_questions_tune.toml`
//! and `public_questions_tune_b.toml` (99 questions from public pages); the
//! cue words, weights and threshold were set on all four, on
//! `public_questions_holdout_2.toml` (81 more, held out until the principles'
//! `asked_as` wordings were added) and on `public_questions_holdout_3.toml`
//! (151, held out until the naive Bayes rework). The honest number is
//! `public_questions_holdout_4.toml` (116 questions from 28 further public
//! pages and notes, collected blind, never tuned on). The floors are those reported in
//! `content/README.md` ("Importing question lists"); a change that makes
//! inference worse fails here.

use loopdrill::content::import::infer::{CONFIDENT, Inferrer};

#[derive(serde::Deserialize)]
struct List {
    q: Vec<Labelled>,
}

#[derive(serde::Deserialize)]
struct Labelled {
    lp: String,
    /// Other LPs an interviewer would accept as fitting (the public lists).
    #[serde(default)]
    also: Vec<String>,
    text: String,
}

struct Score {
    n: usize,
    top1: f64,
    /// The top LP is the labelled one or one of those also accepted.
    fitting: f64,
    share: f64,
    precision: f64,
}

fn measure(file: &str) -> Score {
    let path = format!(
        "{}/tests/fixtures/import/{file}",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).expect("read the labelled list");
    let list: List = toml::from_str(&text).expect("parse the labelled list");
    let content = loopdrill::content::load_layered(&[]).expect("built-in pack");
    let inferrer = Inferrer::new(&content);
    assert!(inferrer.examples() >= 288, "{}", inferrer.examples());
    let (mut right, mut fit, mut confident, mut confident_right) = (0, 0, 0, 0);
    for l in &list.q {
        for lp in std::iter::once(&l.lp).chain(&l.also) {
            assert!(content.principle(lp).is_some(), "{lp}");
        }
        let inf = inferrer.infer(&l.text).expect("an inference");
        let ok = inf.principles[0] == l.lp;
        right += usize::from(ok);
        fit += usize::from(ok || l.also.contains(&inf.principles[0]));
        if inf.confident() {
            confident += 1;
            confident_right += usize::from(ok);
        }
        println!(
            "{} {:.2} {:<36} {:<36} {}",
            if ok { "ok " } else { "BAD" },
            inf.confidence,
            l.lp,
            inf.principles.join(","),
            l.text
        );
    }
    let n = list.q.len();
    let s = Score {
        n,
        top1: right as f64 / n as f64,
        fitting: fit as f64 / n as f64,
        share: confident as f64 / n as f64,
        precision: confident_right as f64 / confident.max(1) as f64,
    };
    println!(
        "{file}: top-1 {right}/{n} = {:.3}; a fitting LP first {fit}/{n} = {:.3}; confident (>= {CONFIDENT}) {confident}/{n} = {:.3}, precision {confident_right}/{confident} = {:.3}",
        s.top1, s.fitting, s.share, s.precision
    );
    s
}

#[test]
fn inferred_lps_on_the_list_the_method_was_set_on() {
    let s = measure("labelled_questions.toml");
    assert!(s.n >= 40);
    assert!(s.top1 >= 0.85, "top-1 accuracy {:.3}", s.top1);
    assert!(s.share >= 0.65, "share above the threshold {:.3}", s.share);
    assert!(
        s.precision >= 0.95,
        "precision above the threshold {:.3}",
        s.precision
    );
}

#[test]
fn inferred_lps_on_the_second_list() {
    // Written as a held-out list; the cue phrases were widened while looking
    // at it on 2026-12-06, so it is a tuning list now (content/README.md).
    let s = measure("labelled_questions_holdout.toml");
    assert!(s.n >= 30);
    assert!(s.top1 >= 0.90, "top-1 accuracy {:.3}", s.top1);
    assert!(s.share >= 0.50, "share above the threshold {:.3}", s.share);
    assert!(
        s.precision >= 0.95,
        "precision above the threshold {:.3}",
        s.precision
    );
}

/// A public list holds its floors: at least `n` questions, and at least
/// these shares with a fitting LP first and with the labelled one first.
fn holds(file: &str, n: usize, fitting: f64, top1: f64) {
    let s = measure(file);
    assert!(s.n >= n, "{file}: {} questions", s.n);
    assert!(
        s.fitting >= fitting,
        "{file}: a fitting LP first {:.3}",
        s.fitting
    );
    assert!(s.top1 >= top1, "{file}: top-1 accuracy {:.3}", s.top1);
}

#[test]
fn inferred_lps_on_the_public_questions_tuning_part() {
    holds("public_questions_tune.toml", 30, 0.90, 0.75);
}

/// Held out until it was measured once (47 of 64 with a fitting LP first,
/// 35 with the labelled one); tuned on since.
#[test]
fn inferred_lps_on_the_public_questions_second_tuning_part() {
    holds("public_questions_tune_b.toml", 60, 0.90, 0.78);
}

/// Held out until the `asked_as` wordings came: measured twice before them
/// (44 of 81 with a fitting LP first); the neighbour count, weights and
/// cue vote were then chosen looking at it too, so it is a tuning list now.
#[test]
fn inferred_lps_on_the_second_public_list() {
    holds("public_questions_holdout_2.toml", 60, 0.75, 0.53);
}

/// Held out until measured once (117 of 151 with a fitting LP first, 99
/// with the labelled one, by the nearest-neighbour vote); the naive Bayes
/// weights were then chosen looking at it too, so it is a tuning list now.
#[test]
fn inferred_lps_on_the_third_public_list() {
    holds("public_questions_holdout_3.toml", 60, 0.82, 0.66);
}

/// Held out: collected and committed before the inference was run on it,
/// never tuned on (content/README.md reports the figures). First measured
/// at 94 of 116 with a fitting LP first (77 the labelled one); 91 (74)
/// once the bank grew by 80 questions (the inference learns from the
/// bank), under the 80 % target.
#[test]
fn inferred_lps_on_the_fourth_public_list_held_out() {
    holds("public_questions_holdout_4.toml", 60, 0.78, 0.63);
}
