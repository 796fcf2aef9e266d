//! The judge measured on labelled answers written by hand
//! (`tests/fixtures/judge/*.toml`): precision and recall per signal and
//! agreement on the vote band. The table in docs/judge.md is the one this
//! test measures: run with `LOOPDRILL_WRITE_JUDGE_TABLE=1` to rewrite it.

use loopdrill::content::{SIGNALS, load_layered};
use loopdrill::practice::judge::reader::{self, Reader};
use loopdrill::practice::judge::{DEPTH_HOLDS, DEPTH_LIFTS, Judge, READS_AS_RED_FLAG};
use loopdrill::store::{FollowUp, Star, Vote};
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
    /// Inclined or not: the older files' label.
    #[serde(default)]
    band: String,
    /// The interviewer's vote on the four-point scale (the blind files).
    #[serde(default)]
    vote: Option<String>,
    signals: Vec<String>,
    #[serde(default)]
    self_score: Option<u8>,
    #[serde(default = "default_limit")]
    time_limit_secs: u64,
    /// Why the labeller voted as they did (one blind answer came without
    /// one and is kept as written).
    #[serde(default)]
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

impl Labelled {
    /// The answer's STAR parts, as the judge takes them.
    fn star(&self) -> Star {
        Star {
            situation: self.situation.clone(),
            task: self.task.clone(),
            action: self.action.clone(),
            result: self.result.clone(),
        }
    }
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
    /// Answers labelled with a four-point vote, and how many the judge
    /// matched exactly and within one.
    voted: usize,
    exact: usize,
    within_one: usize,
    /// Strongly-not-inclined answers the judge voted inclined or better.
    sni_inclined: usize,
    /// Answers the learned reader read as a strong no hire, and how many
    /// of them were labelled a no hire.
    read: usize,
    read_no_hire: usize,
    /// Answers the depth reader lifted to a strong hire and held to
    /// inclined, and how many of each were labelled so.
    lifted: (usize, usize),
    held: (usize, usize),
    /// (format, labelled vote 1–4) → (answers, sum of the judge's averages).
    by_format: BTreeMap<(String, u8), (usize, f64)>,
}

fn vote_level(v: &str) -> u8 {
    match v {
        "strongly-inclined" => 4,
        "inclined" => 3,
        "not-inclined" => 2,
        "strongly-not-inclined" => 1,
        other => panic!("unknown vote {other}"),
    }
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
        let band = match &a.vote {
            Some(v) if vote_level(v) >= 3 => "inclined",
            Some(_) => "not-inclined",
            None => a.band.as_str(),
        };
        assert!(
            band == "inclined" || band == "not-inclined",
            "{}: band {}",
            a.id,
            band
        );
        assert!(
            !a.note.is_empty() || a.id.starts_with("bh"),
            "{}: a team-written answer says why it got its vote",
            a.id
        );
        let star = a.star();
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
        let agree = got_band == band;
        if j.has(READS_AS_RED_FLAG) {
            t.read += 1;
            t.read_no_hire += usize::from(band == "not-inclined");
            // The reader holds the vote to a no hire, and speaks only where
            // no red flag has named a behaviour.
            assert!(
                j.vote.is_some_and(|v| !v.is_inclined()),
                "{}: read as a strong no hire but voted {:?}",
                a.id,
                j.vote
            );
            assert!(
                !j.findings
                    .iter()
                    .any(|f| loopdrill::content::RED_FLAG_SIGNALS.contains(&f.signal)),
                "{}: the reader spoke beside a named red flag",
                a.id
            );
        }
        let depth = |opens: &str| {
            j.criteria
                .iter()
                .flat_map(|c| &c.evidence)
                .any(|e| e.reason.starts_with(opens))
        };
        // The depth reader decides only between a strong hire and an
        // inclined one.
        for (opens, tally, vote, label) in [
            (
                DEPTH_LIFTS,
                &mut t.lifted,
                Vote::StronglyInclined,
                "strongly-inclined",
            ),
            (DEPTH_HOLDS, &mut t.held, Vote::Inclined, "inclined"),
        ] {
            if depth(opens) {
                assert_eq!(j.vote, Some(vote), "{}: {opens}", a.id);
                tally.0 += 1;
                tally.1 += usize::from(a.vote.as_deref() == Some(label));
            }
        }
        if let (Some(v), Some(got)) = (&a.vote, j.vote) {
            let want = vote_level(v);
            let have = match got {
                Vote::StronglyInclined => 4u8,
                Vote::Inclined => 3,
                Vote::NotInclined => 2,
                Vote::StronglyNotInclined => 1,
            };
            t.voted += 1;
            t.exact += usize::from(want == have);
            t.within_one += usize::from(want.abs_diff(have) <= 1);
            t.sni_inclined += usize::from(want == 1 && have >= 3);
            let e = t
                .by_format
                .entry((q.format.id().to_string(), want))
                .or_default();
            e.0 += 1;
            e.1 += j.average.unwrap_or(1.0);
            if want != have {
                t.misses.push(format!(
                    "{}: vote {v} but judged {got:?} ({:.2})",
                    a.id,
                    j.average.unwrap_or(0.0)
                ));
            }
        }
        t.band_agree += usize::from(agree);
        let k = t.kinds.entry(a.kind.clone()).or_default();
        k.0 += 1;
        k.1 += usize::from(agree);
        let got = j.signals();
        // `reused-story` is the Bar Raiser's, across a loop: not a signal
        // the judge finds in one answer. The learned reader names no
        // behaviour a labeller could tag: its own line says how often it
        // was right.
        for (id, _) in SIGNALS
            .iter()
            .filter(|(id, _)| !["reused-story", READS_AS_RED_FLAG].contains(id))
        {
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
        // `LOOPDRILL_AVERAGES=1` prints every answer's vote and average.
        if std::env::var_os("LOOPDRILL_AVERAGES").is_some() {
            eprintln!("AVG {} {:?} {:?} {:?}", a.id, a.vote, j.vote, j.average);
        }
        // `LOOPDRILL_SHOW=id,id` prints what the judge found in those answers.
        if std::env::var("LOOPDRILL_SHOW").is_ok_and(|v| v.split(',').any(|x| x == a.id)) {
            eprintln!("== {} {:?} {:?}", a.id, j.vote, j.average);
            for f in &j.findings {
                eprintln!(
                    "   {} | {} | {}",
                    f.signal, f.evidence.reason, f.evidence.quote
                );
            }
            for c in &j.criteria {
                eprintln!(
                    "   {} {:?} {:?}",
                    c.key,
                    c.level,
                    c.evidence
                        .iter()
                        .map(|e| format!("{}{}", e.effect.symbol(), e.reason))
                        .collect::<Vec<_>>()
                );
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
                band,
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
        "The learned reader read {} answers as a strong no hire where no red flag had named one; {} of them were labelled a no hire.\n",
        t.read, t.read_no_hire
    );
    let _ = writeln!(
        s,
        "The depth reader lifted {} answers to a strong hire ({} of them labelled one) and held {} to inclined ({} of them labelled inclined).\n",
        t.lifted.0, t.lifted.1, t.held.0, t.held.1
    );
    if t.voted > 0 {
        let _ = writeln!(
            s,
            "On the {} answers labelled with a four-point vote: exact {} ({:.0} %), within one {} ({:.0} %); strongly-not-inclined answers voted inclined or better: {}.\n",
            t.voted,
            t.exact,
            100.0 * t.exact as f64 / t.voted as f64,
            t.within_one,
            100.0 * t.within_one as f64 / t.voted as f64,
            t.sni_inclined
        );
        let _ = writeln!(
            s,
            "| format | strongly not inclined | not inclined | inclined | strongly inclined |"
        );
        let _ = writeln!(s, "|---|---:|---:|---:|---:|");
        for f in ["star", "scenario", "design"] {
            let cells: Vec<String> = (1..=4u8)
                .map(|v| match t.by_format.get(&(f.to_string(), v)) {
                    Some((n, sum)) => format!("{:.2} ({n})", sum / *n as f64),
                    None => "–".into(),
                })
                .collect();
            let _ = writeln!(s, "| {f} | {} |", cells.join(" | "));
        }
        let _ = writeln!(s);
    }
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

/// The corpus files of one part: `corpus_*.toml` (the rules were tuned on
/// them) or `heldout_*.toml` (written blind, frozen before any tuning, and
/// never tuned on).
fn files_of(prefix: &str) -> Vec<String> {
    let dir = format!("{}/tests/fixtures/judge", env!("CARGO_MANIFEST_DIR"));
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.starts_with(prefix) && n.ends_with(".toml"))
        .collect();
    files.sort();
    files
}

fn measure_files(files: &[String], judge: &Judge) -> Tally {
    let mut all = Tally::default();
    for f in files {
        let corpus = load(f);
        let mut t = Tally::default();
        measure(&corpus, judge, &mut t);
        measure(&corpus, judge, &mut all);
        eprintln!("{}", table(f, &t));
        for m in &t.misses {
            eprintln!("  {m}");
        }
    }
    all
}

/// Floors on the held-out part: what it measured when it was frozen, so a
/// change that makes the judge worse on unseen answers fails here.
/// Measured on 2026-12-07 on the fresh held-out set H36 (108 new answers
/// to the STAR questions earlier sheets used least), once, after the
/// thirty-first round (the depth reader, both readers retrained with H35):
/// 104, 87 and 107 of 108, with no strong no hire voted hire. Every
/// agreement target is met on it (hire side 0.85, exact 0.55, within one
/// 0.95, none voted hire: no strong no hire may be voted hire in either
/// part); docs/judge.md gives the rules alone and the judge at the
/// session's start, run once on H36 afterwards, beside it.
const HELDOUT_HIRE_SIDE: f64 = 0.96;
const HELDOUT_EXACT: f64 = 0.80;
const HELDOUT_WITHIN_ONE: f64 = 0.99;
/// Signals still under 0.85 precision on the tuning part, each with the
/// floor it measured; every other signal with 5 or more labelled answers
/// must hold 0.85.
const BELOW_TARGET: &[(&str, f64)] = &[
    ("no-conflict", 0.45),
    ("no-customer", 0.76),
    ("no-failure", 0.52),
    ("no-lesson", 0.24),
    ("no-result", 0.62),
    ("non-answer", 0.36),
    ("off-topic", 0.00),
    ("undermines-decision", 0.63),
];

#[test]
fn the_judge_meets_its_accuracy_targets_on_the_labelled_corpus() {
    let content = load_layered(&[]).unwrap();
    let judge = Judge::new(&content);
    // `LOOPDRILL_CORPUS=corpus_a.toml` measures one file alone (it then
    // neither checks nor writes the documented table); a comma-separated
    // list measures several, and an item without `.toml` stands for every
    // file it begins (`LOOPDRILL_CORPUS=corpus_` is the tuning part alone).
    if let Ok(only) = std::env::var("LOOPDRILL_CORPUS") {
        let files: Vec<String> = only
            .split(',')
            .filter(|f| !f.is_empty())
            .flat_map(|f| {
                if f.ends_with(".toml") {
                    vec![f.to_string()]
                } else {
                    files_of(f)
                }
            })
            .collect();
        let t = measure_files(&files, &judge);
        println!("{}", table("Selected files", &t));
        return;
    }
    let tuning = measure_files(&files_of("corpus_"), &judge);
    let heldout = measure_files(&files_of("heldout_"), &judge);
    let mut report = table(
        "Tuning part (the rules were tuned, and the readers trained, on these)",
        &tuning,
    );
    report.push('\n');
    report.push_str(&table(
        "Held-out part (written blind, never tuned on)",
        &heldout,
    ));
    println!("{report}");

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

    assert!(
        tuning.answers + heldout.answers >= 200,
        "the corpus needs at least 200 answers"
    );
    assert!(
        heldout.voted >= 60,
        "the held-out part needs at least 60 answers"
    );
    let agreement = tuning.band_agree as f64 / tuning.answers as f64;
    assert!(
        agreement >= 0.85,
        "tuning part: hire-side agreement {agreement:.2} is below 0.85"
    );
    let share = |n: usize, d: usize| n as f64 / d.max(1) as f64;
    let (side, exact, within) = (
        share(heldout.band_agree, heldout.answers),
        share(heldout.exact, heldout.voted),
        share(heldout.within_one, heldout.voted),
    );
    assert!(side >= HELDOUT_HIRE_SIDE, "held-out hire side {side:.2}");
    assert!(exact >= HELDOUT_EXACT, "held-out exact {exact:.2}");
    assert!(
        within >= HELDOUT_WITHIN_ONE,
        "held-out within one {within:.2}"
    );
    assert!(
        tuning.sni_inclined == 0 && heldout.sni_inclined == 0,
        "strongly-not-inclined answers voted inclined or better: {} tuning, {} held out (none allowed: \
         the target, met on H36)",
        tuning.sni_inclined,
        heldout.sni_inclined
    );
    let mut low = Vec::new();
    for (id, (tp, fp, fne)) in &tuning.signals {
        // Precision is undefined for a signal never found (its recall
        // shows in the table).
        if tp + fne >= 5 && tp + fp > 0 {
            let precision = *tp as f64 / (tp + fp) as f64;
            let floor = BELOW_TARGET
                .iter()
                .find(|(s, _)| s == id)
                .map_or(0.85, |(_, f)| *f);
            if precision < floor {
                low.push(format!(
                    "{id}: precision {precision:.2} is below {floor:.2} ({tp} right, {fp} wrong)"
                ));
            }
        }
    }
    assert!(low.is_empty(), "{}", low.join("\n"));
    // Per format, the judge's average rises with the interviewer's vote
    // (both parts together).
    for f in ["star", "scenario", "design"] {
        let means: Vec<f64> = (1..=4u8)
            .filter_map(|v| {
                let mut n = 0;
                let mut sum = 0.0;
                for part in [&tuning, &heldout] {
                    if let Some((k, s)) = part.by_format.get(&(f.to_string(), v)) {
                        n += k;
                        sum += s;
                    }
                }
                (n > 0).then(|| sum / n as f64)
            })
            .collect();
        assert!(
            means.windows(2).all(|w| w[0] < w[1]),
            "{f}: the average does not rise with the vote: {means:?}"
        );
    }
    assert_eq!(
        tuning.padded_flagged, tuning.padded,
        "every padded self-score is flagged"
    );
}

/// The round a blind file was written in (`corpus_blind_h27b.toml` → 27),
/// or 0 for the files written otherwise.
fn round_of(file: &str) -> u32 {
    file.split_once("_h")
        .map(|(_, rest)| {
            rest.chars()
                .take_while(char::is_ascii_digit)
                .collect::<String>()
        })
        .and_then(|d| d.parse().ok())
        .unwrap_or(0)
}

/// What the reader learns from one labelled answer: its features, and
/// whether it was voted a strong no hire for something the candidate did
/// (`true`) or a hire (`false`); `None` for the votes in between and the
/// answers labelled on the older two-band scale.
fn reader_example(a: &Labelled) -> Option<(Vec<String>, bool)> {
    let vote = vote_level(a.vote.as_deref()?);
    let bad = vote == 1
        && a.signals
            .iter()
            .any(|s| reader::BEHAVIOURS.contains(&s.as_str()));
    (bad || vote >= 3).then(|| (reader_features(a), bad))
}

fn reader_features(a: &Labelled) -> Vec<String> {
    reader::features(&reader::answer_text(
        told(a).chain(a.follow_up.iter().map(|f| f.response.as_str())),
    ))
}

/// What an answer told before its follow-ups: its STAR parts or a plan's
/// fields.
fn told(a: &Labelled) -> impl Iterator<Item = &str> {
    [&a.situation, &a.task, &a.action, &a.result]
        .into_iter()
        .chain(&a.parts)
        .map(String::as_str)
        .filter(|t| !t.is_empty())
}

/// What a reader learns from one labelled answer, if anything: its
/// features and its label.
type Example = fn(&Labelled) -> Option<(Vec<String>, bool)>;

/// What the depth reader learns from one labelled answer: its words and
/// shape, and whether it was voted a strong hire (`true`) or an inclined
/// one (`false`); `None` for every other vote.
fn depth_example(a: &Labelled) -> Option<(Vec<String>, bool)> {
    let vote = vote_level(a.vote.as_deref()?);
    (vote >= 3).then(|| (depth_features(a), vote == 4))
}

fn depth_features(a: &Labelled) -> Vec<String> {
    let mut f = reader_features(a);
    f.extend(reader::shape_features(
        told(a),
        a.follow_up.iter().map(|f| f.response.as_str()),
        !a.parts.is_empty(),
    ));
    f
}

/// The tuning part's answers by round, with what the reader learns of each.
fn reader_corpus() -> Vec<(u32, Labelled)> {
    files_of("corpus_")
        .into_iter()
        .flat_map(|f| {
            let round = round_of(&f);
            load(&f).answer.into_iter().map(move |a| (round, a))
        })
        .collect()
}

/// The readers built into the binary are what training on the tuning part
/// gives: no weight in `reader.tsv` or `depth.tsv` was set by hand. Rewrite
/// them with `LOOPDRILL_WRITE_READER=1` after the tuning part changes.
#[test]
fn the_embedded_readers_are_what_training_on_the_tuning_part_gives() {
    let corpus = reader_corpus();
    let learn = |example: Example, rate| {
        let examples: Vec<_> = corpus.iter().filter_map(|(_, a)| example(a)).collect();
        (examples.len(), reader::train(&examples, rate))
    };
    for (file, (examples, trained), embedded, least, example) in [
        (
            "reader.tsv",
            learn(reader_example, reader::RED_FLAG_RATE),
            Reader::embedded(),
            1500,
            reader_example as Example,
        ),
        (
            "depth.tsv",
            learn(depth_example, reader::DEPTH_RATE),
            Reader::depth(),
            1200,
            depth_example,
        ),
    ] {
        let floor = 0.05;
        if std::env::var_os("LOOPDRILL_WRITE_READER").is_some() {
            let path = format!("{}/src/practice/judge/{file}", env!("CARGO_MANIFEST_DIR"));
            std::fs::write(&path, trained.to_tsv(floor)).unwrap();
            continue;
        }
        let written = Reader::parse(&trained.to_tsv(floor));
        assert!(
            examples > least && embedded.weights.len() > 1000,
            "{file}: {examples} examples, {} weights",
            embedded.weights.len()
        );
        // Every answer reads the same with the embedded weights as with the
        // freshly trained ones (to the rounding of the written file).
        for (_, a) in &corpus {
            let Some((f, _)) = example(a) else { continue };
            let (e, t) = (embedded.reading(&f), written.reading(&f));
            assert!(
                (e - t).abs() < 0.01,
                "{file}, {}: embedded {e:.3}, trained {t:.3}: rerun with LOOPDRILL_WRITE_READER=1",
                a.id
            );
        }
    }
}

/// The depth reader on rounds of blind answers it was not trained on: for
/// each of the last ten rounds of the tuning part, train on every other
/// answer and read that round's hires. Where it speaks (below
/// [`reader::DEPTH_LOW`] or from [`reader::DEPTH_HIGH`] up) it must tell a
/// strong hire from an inclined one far better than a coin, and speak on
/// most of them.
#[test]
fn the_depth_reader_holds_on_rounds_it_was_not_trained_on() {
    let (mut hires, mut spoke, mut right) = (0, 0, 0);
    for (reading, strong) in held_round_readings(depth_example, reader::DEPTH_RATE) {
        hires += 1;
        if !(reader::DEPTH_LOW..reader::DEPTH_HIGH).contains(&reading) {
            spoke += 1;
            right += usize::from((reading >= reader::DEPTH_HIGH) == strong);
        }
    }
    eprintln!(
        "depth reader, each of the last ten rounds read by a reader trained without it: \
         spoke on {spoke} of {hires} hires, right on {right} of them"
    );
    assert!(hires > 400, "{hires} hires");
    assert!(
        spoke * 100 >= hires * DEPTH_SPEAKS,
        "spoke on {spoke} of {hires}"
    );
    assert!(
        right * 100 >= spoke * DEPTH_RIGHT,
        "right on {right} of {spoke}"
    );
}

/// Each of the tuning part's last ten rounds read by a reader trained at
/// `rate` on every other answer: the reading and the label of each answer
/// `example` takes from that round.
fn held_round_readings(example: Example, rate: f64) -> Vec<(f64, bool)> {
    let corpus = reader_corpus();
    let last = corpus.iter().map(|(r, _)| *r).max().unwrap();
    let mut out = Vec::new();
    for round in last - 9..=last {
        let examples: Vec<_> = corpus
            .iter()
            .filter(|(r, _)| *r != round)
            .filter_map(|(_, a)| example(a))
            .collect();
        let r = reader::train(&examples, rate);
        out.extend(
            corpus
                .iter()
                .filter(|(r, _)| *r == round)
                .filter_map(|(_, a)| example(a))
                .map(|(f, label)| (r.reading(&f), label)),
        );
    }
    out
}

/// Floors on the depth reader read on rounds it was not trained on (per
/// cent): how many hires it speaks on, and how many of those it gets right.
const DEPTH_SPEAKS: usize = 88;
const DEPTH_RIGHT: usize = 76;

/// The reader on rounds of blind answers it was not trained on: for each
/// of the last rounds of the tuning part, train on every other answer and
/// read that round's. It must see most of the strong no hires for what the
/// candidate did and almost never a hire.
#[test]
fn the_reader_holds_on_rounds_it_was_not_trained_on() {
    let (mut bad, mut bad_seen, mut hires, mut hires_seen) = (0, 0, 0, 0);
    for (reading, is_bad) in held_round_readings(reader_example, reader::RED_FLAG_RATE) {
        let seen = reading >= reader::THRESHOLD;
        if is_bad {
            bad += 1;
            bad_seen += usize::from(seen);
        } else {
            hires += 1;
            hires_seen += usize::from(seen);
        }
    }
    eprintln!(
        "reader, each of the last ten rounds read by a reader trained without it: \
         {bad_seen} of {bad} strong no hires for a behaviour read as one; \
         {hires_seen} of {hires} hires read as one"
    );
    assert!(
        bad > 100 && hires > 400,
        "{bad} strong no hires, {hires} hires"
    );
    assert!(
        bad_seen * 100 >= bad * READER_SEES,
        "strong no hires read as one: {bad_seen} of {bad}"
    );
    assert!(
        hires_seen * 1000 <= hires * READER_HIRES_PER_MILLE,
        "hires read as a strong no hire: {hires_seen} of {hires}"
    );
}

/// Floors on the reader read on rounds it was not trained on: the share of
/// strong no hires for a behaviour it sees (per cent), and the hires it
/// mistakes for one (per thousand).
const READER_SEES: usize = 90;
const READER_HIRES_PER_MILLE: usize = 3;

/// What a user sees when the depth reader decides between the two hire
/// votes: a story the rules alone make inclined, lifted to a strong hire
/// (the tuning part's bh35a-011), and one they make a strong hire, held to
/// inclined (bh35a-010). Each time the delivery data criterion says so,
/// quoting what was done, and the confidence is the reading's, not the
/// average's place on a boundary.
#[test]
fn the_depth_reader_decides_a_hire_vote_and_says_why() {
    let content = load_layered(&[]).unwrap();
    let judge = Judge::new(&content);
    let rules = Judge::new(&content).without_depth_reader();
    let answers = load("corpus_blind_h35a.toml").answer;
    for (id, rules_vote, vote, opens) in [
        (
            "bh35a-011",
            Vote::Inclined,
            Vote::StronglyInclined,
            DEPTH_LIFTS,
        ),
        (
            "bh35a-010",
            Vote::StronglyInclined,
            Vote::Inclined,
            DEPTH_HOLDS,
        ),
    ] {
        let a = answers.iter().find(|a| a.id == id).unwrap();
        let q = content.question(&a.question).unwrap();
        let star = a.star();
        let by_rules = rules.judge(q, &star, &a.follow_up, a.time_limit_secs, false);
        assert_eq!(by_rules.vote, Some(rules_vote), "{id}: the rules alone");
        let j = judge.judge(q, &star, &a.follow_up, a.time_limit_secs, false);
        assert_eq!(j.vote, Some(vote), "{id}");
        let data = j.criteria.iter().find(|c| c.criterion == "data").unwrap();
        let e = data
            .evidence
            .iter()
            .find(|e| e.reason.starts_with(opens))
            .unwrap_or_else(|| panic!("{id}: {data:?}"));
        assert!(e.reason.contains("learned"), "{}", e.reason);
        assert!(
            !e.quote.is_empty()
                && !a.situation.contains(&e.quote)
                && [&a.task, &a.action, &a.result]
                    .iter()
                    .any(|t| t.contains(&e.quote))
                || a.follow_up.iter().any(|f| f.response.contains(&e.quote)),
            "{id}: {}",
            e.quote
        );
        let sure = j.confidence.as_ref().unwrap();
        assert!(
            sure.caveat
                .as_deref()
                .is_none_or(|c| !c.contains("boundary")),
            "{id}: {sure:?}"
        );
        // Only the two hire votes are its to decide: the signals found are
        // the rules' own.
        assert_eq!(j.signals(), by_rules.signals(), "{id}");
    }
}

/// What a user sees when the reader holds a vote: a fluent story of a
/// decision fought after it was made (the tuning part's bh30b-011, which no
/// red flag names) is a no hire, quoting what was done rather than the
/// scene; the same story cut under 120 words is too little to read.
#[test]
fn the_reader_holds_a_hire_vote_and_quotes_what_was_done() {
    let content = load_layered(&[]).unwrap();
    let judge = Judge::new(&content);
    let a = load("corpus_blind_h30b.toml")
        .answer
        .into_iter()
        .find(|a| a.id == "bh30b-011")
        .unwrap();
    let q = judge.content.question(&a.question).unwrap();
    let star = a.star();
    let j = judge.judge(q, &star, &a.follow_up, a.time_limit_secs, false);
    let found = j
        .findings
        .iter()
        .find(|f| f.signal == READS_AS_RED_FLAG)
        .expect("read as a strong no hire");
    assert!(j.vote.is_some_and(|v| !v.is_inclined()), "{:?}", j.vote);
    // It decides the vote as a red flag does: first among the findings (the
    // next probe goes after it), and the vote is sure.
    assert_eq!(j.findings[0].signal, READS_AS_RED_FLAG);
    assert!(
        j.confidence.as_ref().is_some_and(|c| c.label() == "high"),
        "{:?}",
        j.confidence
    );
    assert!(!found.evidence.quote.is_empty() && !a.situation.contains(&found.evidence.quote));
    assert!(
        [&a.task, &a.action, &a.result]
            .iter()
            .any(|t| t.contains(&found.evidence.quote))
            || a.follow_up
                .iter()
                .any(|f| f.response.contains(&found.evidence.quote)),
        "{}",
        found.evidence.quote
    );
    assert!(
        found.evidence.reason.contains("learned"),
        "{}",
        found.evidence.reason
    );
    let short = Star {
        action: String::new(),
        result: String::new(),
        ..star
    };
    let j = judge.judge(q, &short, &[], a.time_limit_secs, false);
    assert!(!j.has(READS_AS_RED_FLAG), "{:?}", j.signals());
}
