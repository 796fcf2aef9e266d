//! The judge measured on labelled answers written by hand
//! (`tests/fixtures/judge/*.toml`): precision and recall per signal and
//! agreement on the vote band. The table in docs/judge.md is the one this
//! test measures: run with `LOOPDRILL_WRITE_JUDGE_TABLE=1` to rewrite it.

use loopdrill::content::{SIGNALS, load_layered};
use loopdrill::practice::judge::Judge;
use loopdrill::store::{FollowUp, Star};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::fmt::Write as _;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Corpus {
    answer: Vec<Labelled>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Labelled {
    id: String,
    question: String,
    kind: String,
    band: String,
    signals: Vec<String>,
    #[serde(default)]
    self_score: Option<u8>,
    #[serde(default = "default_limit")]
    time_limit_secs: u64,
    note: String,
    #[serde(default)]
    situation: String,
    #[serde(default)]
    task: String,
    #[serde(default)]
    action: String,
    #[serde(default)]
    result: String,
    /// A scenario or design answer: its format's fields, in order.
    #[serde(default)]
    parts: Vec<String>,
    #[serde(default)]
    follow_up: Vec<FollowUp>,
}

fn default_limit() -> u64 {
    300
}

/// Measured outcome of one corpus file (or all of them).
#[derive(Default)]
struct Tally {
    answers: usize,
    band_agree: usize,
    /// signal → (true positives, false positives, false negatives)
    signals: BTreeMap<&'static str, (usize, usize, usize)>,
    padded: usize,
    padded_flagged: usize,
    kinds: BTreeMap<String, (usize, usize)>,
    misses: Vec<String>,
}

fn load(name: &str) -> Corpus {
    let path = format!("{}/tests/fixtures/judge/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    toml::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn measure(corpus: &Corpus, judge: &Judge, t: &mut Tally) {
    for a in &corpus.answer {
        let q = judge
            .content
            .question(&a.question)
            .unwrap_or_else(|| panic!("{}: unknown question {}", a.id, a.question));
        for s in &a.signals {
            assert!(
                SIGNALS.iter().any(|(id, _)| id == s),
                "{}: unknown signal {s}",
                a.id
            );
        }
        assert!(
            a.band == "inclined" || a.band == "not-inclined",
            "{}: band {}",
            a.id,
            a.band
        );
        assert!(!a.note.is_empty());
        let star = Star {
            situation: a.situation.clone(),
            task: a.task.clone(),
            action: a.action.clone(),
            result: a.result.clone(),
        };
        // A STAR question is answered in STAR fields; a scenario question may
        // be answered with a real story told in STAR (as candidates do, and
        // as answers stored before a question became a scenario were).
        assert!(
            !q.format.is_star() || a.parts.is_empty(),
            "{}: a STAR question is answered in STAR fields",
            a.id
        );
        let j = if a.parts.is_empty() {
            judge.judge(q, &star, &a.follow_up, a.time_limit_secs, false)
        } else {
            judge.judge_parts(q, &a.parts, &a.follow_up, a.time_limit_secs, false)
        };
        // Every quote is the candidate's own words.
        let said = format!(
            "{}\n{}\n{}\n{}\n{}\n{}",
            a.situation,
            a.task,
            a.action,
            a.result,
            a.parts.join("\n"),
            a.follow_up
                .iter()
                .map(|f| f.response.as_str())
                .collect::<Vec<_>>()
                .join("\n")
        );
        for c in &j.criteria {
            for e in &c.evidence {
                assert!(said.contains(&e.quote), "{}: quote {:?}", a.id, e.quote);
            }
        }
        t.answers += 1;
        let got_band = if j.vote.is_some_and(|v| v.is_inclined()) {
            "inclined"
        } else {
            "not-inclined"
        };
        let agree = got_band == a.band;
        t.band_agree += usize::from(agree);
        let k = t.kinds.entry(a.kind.clone()).or_default();
        k.0 += 1;
        k.1 += usize::from(agree);
        let got = j.signals();
        // `reused-story` is the Bar Raiser's, across a loop: not a signal
        // the judge finds in one answer.
        for (id, _) in SIGNALS.iter().filter(|(id, _)| *id != "reused-story") {
            let want = a.signals.iter().any(|s| s == id);
            let have = got.iter().any(|s| s == id);
            let e = t.signals.entry(id).or_default();
            match (want, have) {
                (true, true) => e.0 += 1,
                (false, true) => {
                    e.1 += 1;
                    t.misses.push(format!("{}: false {id}", a.id));
                }
                (true, false) => {
                    e.2 += 1;
                    t.misses.push(format!("{}: missed {id}", a.id));
                }
                _ => {}
            }
        }
        if !agree && std::env::var_os("LOOPDRILL_DEBUG").is_some() {
            for c in &j.criteria {
                eprintln!(
                    "{} {:?} {:?}",
                    c.key,
                    c.level,
                    c.evidence
                        .iter()
                        .map(|e| format!("{}{}", e.effect.symbol(), e.reason))
                        .collect::<Vec<_>>()
                );
            }
        }
        if !agree {
            t.misses.push(format!(
                "{}: band {} but judged {:?} ({:.2})",
                a.id,
                a.band,
                j.vote,
                j.average.unwrap_or(0.0)
            ));
        }
        if a.kind == "padded" {
            t.padded += 1;
            let self_score = a.self_score.unwrap_or(4);
            if j.criteria
                .iter()
                .any(|c| c.level.is_some_and(|l| self_score >= l + 2))
            {
                t.padded_flagged += 1;
            }
        }
    }
}

fn pct(n: usize, d: usize) -> String {
    if d == 0 {
        "–".into()
    } else {
        format!("{:.2}", n as f64 / d as f64)
    }
}

fn table(name: &str, t: &Tally) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "**{name}**: {} answers; vote band agreement {} of {} ({:.0} %); padded self-scores flagged {} of {}.\n",
        t.answers,
        t.band_agree,
        t.answers,
        100.0 * t.band_agree as f64 / t.answers.max(1) as f64,
        t.padded_flagged,
        t.padded
    );
    let _ = writeln!(
        s,
        "| signal | labelled | found | right | precision | recall |"
    );
    let _ = writeln!(s, "|---|---:|---:|---:|---:|---:|");
    for (id, (tp, fp, fne)) in &t.signals {
        let _ = writeln!(
            s,
            "| `{id}` | {} | {} | {tp} | {} | {} |",
            tp + fne,
            tp + fp,
            pct(*tp, tp + fp),
            pct(*tp, tp + fne)
        );
    }
    let _ = writeln!(s, "\n| kind | answers | band agreed |");
    let _ = writeln!(s, "|---|---:|---:|");
    for (k, (n, ok)) in &t.kinds {
        let _ = writeln!(s, "| {k} | {n} | {ok} |");
    }
    s
}

const BEGIN: &str = "<!-- corpus table: begin -->";
const END: &str = "<!-- corpus table: end -->";

#[test]
fn the_judge_meets_its_accuracy_targets_on_the_labelled_corpus() {
    let content = load_layered(&[]).unwrap();
    let judge = Judge::new(&content);
    // `LOOPDRILL_CORPUS=corpus_a.toml` measures one file alone (it then
    // neither checks nor writes the documented table).
    let only = std::env::var("LOOPDRILL_CORPUS").ok();
    let dir = format!("{}/tests/fixtures/judge", env!("CARGO_MANIFEST_DIR"));
    let mut all_files: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.starts_with("corpus_") && n.ends_with(".toml"))
        .collect();
    all_files.sort();
    let files: Vec<&str> = match &only {
        Some(f) => vec![f.as_str()],
        None => all_files.iter().map(String::as_str).collect(),
    };
    let mut all = Tally::default();
    let mut report = String::new();
    for f in files {
        let corpus = load(f);
        let mut t = Tally::default();
        measure(&corpus, &judge, &mut t);
        measure(&corpus, &judge, &mut all);
        eprintln!("{}", table(f, &t));
        for m in &t.misses {
            eprintln!("  {m}");
        }
    }
    report.push_str(&table("All answers", &all));
    println!("{report}");

    if only.is_some() {
        return;
    }
    // The documented table is the measured one.
    let doc_path = format!("{}/docs/judge.md", env!("CARGO_MANIFEST_DIR"));
    let doc = std::fs::read_to_string(&doc_path).unwrap_or_default();
    let block = format!("{BEGIN}\n{report}{END}");
    if std::env::var_os("LOOPDRILL_WRITE_JUDGE_TABLE").is_some() {
        let (head, tail) = match (doc.find(BEGIN), doc.find(END)) {
            (Some(b), Some(e)) => (doc[..b].to_string(), doc[e + END.len()..].to_string()),
            _ => (doc.clone(), String::new()),
        };
        std::fs::write(&doc_path, format!("{head}{block}{tail}")).unwrap();
    } else {
        assert!(
            doc.contains(&block),
            "docs/judge.md does not show the measured table; rerun with LOOPDRILL_WRITE_JUDGE_TABLE=1:\n{report}"
        );
    }

    assert!(all.answers >= 60, "the corpus needs at least 60 answers");
    let agreement = all.band_agree as f64 / all.answers as f64;
    assert!(
        agreement >= 0.9,
        "vote band agreement {agreement:.2} is below 0.90"
    );
    for (id, (tp, fp, fne)) in &all.signals {
        if tp + fne >= 5 {
            let precision = *tp as f64 / (tp + fp).max(1) as f64;
            assert!(
                precision >= 0.85,
                "{id}: precision {precision:.2} is below 0.85 ({tp} right, {fp} wrong)"
            );
        }
    }
    assert_eq!(
        all.padded_flagged, all.padded,
        "every padded self-score is flagged"
    );
}
