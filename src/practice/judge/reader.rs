//! A learned second reading of a whole answer: does it read like the
//! answers experienced interviewers vote a strong no hire for what the
//! candidate did (going around a control, hiding bad news, shipping a known
//! defect, fighting a decision once made, blaming, waving risk away)?
//!
//! The red flags of `content/judging.toml` name a behaviour and quote it,
//! but they match families of phrasings, and fluent bad behaviour told in
//! new words slips past them. This reader is a logistic regression over the
//! content words and word pairs of the answer (numbers, dates, months and
//! the commonest small words left out, so that it weighs what was done, not
//! when or how fluently it was said), trained on the labelled answers of the
//! tuning part of `tests/fixtures/judge` ([`train`]). Its weights are
//! embedded (`reader.tsv`); `tests/judge_corpus.rs` checks they are what
//! training on those answers gives, and measures the reader on rounds of
//! blind answers it was not trained on. It never names a behaviour: the
//! judge uses it only to hold a hire vote to a no hire, quoting the sentence
//! that weighs most.
//!
//! A second reader of the same kind, the depth reader ([`Reader::depth`],
//! `depth.tsv`), is trained on the hires alone, a strong hire against an
//! inclined one, over the same features and the answer's shape
//! ([`shape_features`]); the judge lets it decide between those two votes
//! where the rules and it disagree.

use super::seeks::is_month;
use crate::practice::rng::Dice;
use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};
use std::collections::BTreeSet;
use std::sync::OnceLock;

/// From this reading up, an answer reads like a strong no hire.
pub const THRESHOLD: f64 = 0.9;

/// The red flags of what a candidate did: an answer labelled a strong no
/// hire with one of them is what the reader learns to see.
pub const BEHAVIOURS: &[&str] = &[
    "bypasses-control",
    "conceals",
    "ships-known-defect",
    "undermines-decision",
    "undermines-peer",
    "blame",
    "dismisses-risk",
    "implausible",
];

/// The trained weights: a first line `bias<TAB>w`, then `feature<TAB>w`.
const WEIGHTS: &str = include_str!("reader.tsv");

/// The depth reader's weights, in the same form: how much a hire reads
/// like a strong hire rather than an inclined one ([`Reader::depth`]).
const DEPTH_WEIGHTS: &str = include_str!("depth.tsv");

/// Below this depth reading, a strong hire reads like an inclined one.
pub const DEPTH_LOW: f64 = 0.4;
/// From this depth reading up, an inclined answer reads like a strong hire.
pub const DEPTH_HIGH: f64 = 0.6;

/// Words that carry how something was said rather than what was done.
const STOP: &[&str] = &[
    "a",
    "an",
    "the",
    "and",
    "or",
    "but",
    "so",
    "because",
    "since",
    "as",
    "of",
    "to",
    "in",
    "on",
    "at",
    "by",
    "for",
    "with",
    "from",
    "into",
    "onto",
    "over",
    "under",
    "about",
    "after",
    "before",
    "during",
    "while",
    "than",
    "then",
    "that",
    "this",
    "these",
    "those",
    "there",
    "here",
    "it",
    "its",
    "it's",
    "i",
    "i'd",
    "i'm",
    "i've",
    "me",
    "my",
    "mine",
    "we",
    "we'd",
    "we're",
    "we've",
    "us",
    "our",
    "ours",
    "you",
    "your",
    "he",
    "him",
    "his",
    "she",
    "her",
    "they",
    "them",
    "their",
    "theirs",
    "who",
    "whom",
    "which",
    "what",
    "when",
    "where",
    "why",
    "how",
    "is",
    "are",
    "was",
    "were",
    "be",
    "been",
    "being",
    "am",
    "have",
    "has",
    "had",
    "having",
    "do",
    "does",
    "did",
    "done",
    "will",
    "would",
    "shall",
    "should",
    "can",
    "could",
    "may",
    "might",
    "must",
    "not",
    "no",
    "nor",
    "if",
    "also",
    "just",
    "very",
    "really",
    "quite",
    "too",
    "more",
    "most",
    "much",
    "many",
    "some",
    "any",
    "all",
    "each",
    "both",
    "every",
    "other",
    "another",
    "one",
    "two",
    "three",
    "again",
    "only",
    "even",
    "still",
    "own",
    "same",
    "such",
    "up",
    "down",
    "out",
    "off",
    "once",
    "now",
    "yet",
    "already",
    "ever",
    "never",
    "always",
    "often",
    "honestly",
    "actually",
    "basically",
    "clearly",
    "said",
    "say",
    "says",
    "told",
    "tell",
    "asked",
    "ask",
    "think",
    "thought",
    "know",
    "knew",
    "get",
    "got",
    "make",
    "made",
    "go",
    "went",
    "take",
    "took",
    "put",
    "let",
    "lets",
];

/// When, not what, besides month names ([`is_month`]): left out whatever
/// they sit next to.
const WHEN: &[&str] = &[
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "q1",
    "q2",
    "q3",
    "q4",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "week",
    "weeks",
    "month",
    "months",
    "year",
    "years",
    "day",
    "days",
];

fn set_of(words: &'static [&'static str]) -> HashSet<&'static str> {
    words.iter().copied().collect()
}

fn is_stop(w: &str) -> bool {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| set_of(STOP)).contains(w)
}

fn kept(w: &str) -> bool {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    !w.bytes()
        .any(|b| b.is_ascii_digit() || b == b'$' || b == b'%')
        && !is_month(w)
        && !SET.get_or_init(|| set_of(WHEN)).contains(w)
}

/// Calls `f` with each feature of `text`, as often as it occurs: its
/// content words, and each pair of neighbouring words of which at least one
/// is a content word. Words are lower case, runs of letters, digits, `$`,
/// `%` and apostrophes (a curly one made straight).
fn each_feature(text: &str, mut f: impl FnMut(&str)) {
    let lower = text.to_lowercase().replace(['\u{2019}', '\u{2018}'], "'");
    let words: Vec<&str> = lower
        .split(|c: char| {
            !(c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '$' | '%' | '\''))
        })
        .filter(|w| !w.is_empty())
        .collect();
    let keep: Vec<bool> = words.iter().map(|w| kept(w)).collect();
    let stop: Vec<bool> = words.iter().map(|w| is_stop(w)).collect();
    let mut pair = String::new();
    for (i, w) in words.iter().enumerate() {
        if keep[i] && !stop[i] {
            f(w);
        }
        if i > 0 && keep[i - 1] && keep[i] && !(stop[i - 1] && stop[i]) {
            pair.clear();
            pair.push_str(words[i - 1]);
            pair.push(' ');
            pair.push_str(w);
            f(&pair);
        }
    }
}

/// The features of `text`, each once, sorted (see [`each_feature`]).
pub fn features(text: &str) -> Vec<String> {
    let mut out: BTreeSet<String> = BTreeSet::new();
    each_feature(text, |x| {
        if !out.contains(x) {
            out.insert(x.to_string());
        }
    });
    out.into_iter().collect()
}

/// The shape of an answer, for the depth reader: how long the story or
/// plan is (words, in hundreds), how many digits it gives (in fives), how
/// many follow-ups were answered and at what length (words, in forties),
/// and whether it is a plan (a scenario or design) or a story. Each is a
/// feature of its own, `#` first so that no word can be one.
pub fn shape_features<'a>(
    told: impl IntoIterator<Item = &'a str>,
    replies: impl IntoIterator<Item = &'a str>,
    plan: bool,
) -> Vec<String> {
    let (mut words, mut digits) = (0, 0);
    for t in told {
        words += t.split_whitespace().count();
        digits += t.bytes().filter(u8::is_ascii_digit).count();
    }
    let (mut answered, mut reply_words) = (0, 0);
    for r in replies {
        answered += 1;
        reply_words += r.split_whitespace().count();
    }
    vec![
        format!("#words{}", (words / 100).min(8)),
        format!("#digits{}", (digits / 5).min(8)),
        format!("#replies{answered}"),
        format!("#reply-words{}", (reply_words / 40).min(6)),
        (if plan { "#plan" } else { "#story" }).to_string(),
    ]
}

/// A whole answer as the reader reads it, from its texts in order (the STAR
/// parts or a plan's fields, then the follow-up replies).
pub fn answer_text<'a>(texts: impl IntoIterator<Item = &'a str>) -> String {
    texts.into_iter().collect::<Vec<_>>().join("\n")
}

/// A trained reader: a bias and a weight per feature.
#[derive(Debug, Clone, PartialEq)]
pub struct Reader {
    pub bias: f64,
    pub weights: HashMap<String, f64>,
}

fn sigmoid(z: f64) -> f64 {
    1.0 / (1.0 + (-z.clamp(-30.0, 30.0)).exp())
}

impl Reader {
    /// The reader built into the binary.
    pub fn embedded() -> &'static Reader {
        static READER: OnceLock<Reader> = OnceLock::new();
        READER.get_or_init(|| Reader::parse(WEIGHTS))
    }

    /// The depth reader built into the binary: trained on the hires of the
    /// tuning part, a strong hire (`true`) against an inclined one, on the
    /// answer's words and its shape ([`shape_features`]).
    pub fn depth() -> &'static Reader {
        static READER: OnceLock<Reader> = OnceLock::new();
        READER.get_or_init(|| Reader::parse(DEPTH_WEIGHTS))
    }

    /// Reads weights written by [`Reader::to_tsv`]; a malformed line is
    /// skipped (the file is ours and tested, see `tests/judge_corpus.rs`).
    pub fn parse(tsv: &str) -> Reader {
        let mut bias = 0.0;
        let mut weights = HashMap::new();
        for line in tsv.lines() {
            let Some((k, v)) = line.split_once('\t') else {
                continue;
            };
            let Ok(v) = v.parse::<f64>() else { continue };
            if k == "bias" {
                bias = v;
            } else {
                weights.insert(k.to_string(), v);
            }
        }
        Reader { bias, weights }
    }

    /// The weights as text, heaviest first, weights below `floor` (in
    /// size) left out: they move no reading by much.
    pub fn to_tsv(&self, floor: f64) -> String {
        let mut w: Vec<(&String, &f64)> = self
            .weights
            .iter()
            .filter(|(_, v)| v.abs() >= floor)
            .collect();
        w.sort_by(|a, b| b.1.abs().total_cmp(&a.1.abs()).then(a.0.cmp(b.0)));
        let mut out = format!("bias\t{:.4}\n", self.bias);
        for (k, v) in w {
            out.push_str(&format!("{k}\t{v:.4}\n"));
        }
        out
    }

    /// How much the answer reads like a strong no hire, 0–1, from its
    /// features (as [`features`] gives them).
    pub fn reading(&self, features: &[String]) -> f64 {
        sigmoid(
            self.bias
                + features
                    .iter()
                    .map(|f| self.weights.get(f).copied().unwrap_or(0.0))
                    .sum::<f64>(),
        )
    }

    /// [`Reader::reading`] of a text, without building its features.
    pub fn read(&self, text: &str) -> f64 {
        self.read_with(text, &[])
    }

    /// [`Reader::read`] of a text with `extra` features beside its own
    /// (its shape, for the depth reader).
    pub fn read_with(&self, text: &str, extra: &[String]) -> f64 {
        let extra: f64 = extra
            .iter()
            .map(|f| self.weights.get(f).copied().unwrap_or(0.0))
            .sum();
        sigmoid(self.bias + self.weight_of(text) + extra)
    }

    /// How much a text weighs toward a strong no hire: the sum of its
    /// features' weights, each feature once.
    pub fn weight_of(&self, text: &str) -> f64 {
        let mut seen: HashSet<&str> = HashSet::new();
        let mut sum = 0.0;
        each_feature(text, |x| {
            if let Some((k, w)) = self.weights.get_key_value(x)
                && seen.insert(k.as_str())
            {
                sum += w;
            }
        });
        sum
    }
}

/// The learning rate of the red-flag reader ([`train`]).
pub const RED_FLAG_RATE: f64 = 0.2;
/// The depth reader's learning rate: smaller, because a strong hire and an
/// inclined one differ by less, and a larger step made what it learned
/// depend on the order it read the answers in.
pub const DEPTH_RATE: f64 = 0.05;

/// Trains a reader on answers' features and whether each has the label
/// (for the red-flag reader: voted a strong no hire for a behaviour, against
/// a hire): stochastic gradient descent on the log loss at `rate`, eight
/// passes in a seeded order, features seen in fewer than three answers left
/// out. Deterministic: the same answers give the same weights.
pub fn train(examples: &[(Vec<String>, bool)], rate: f64) -> Reader {
    const PASSES: usize = 8;
    const L2: f64 = 1e-3;
    const MIN_ANSWERS: usize = 3;
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for (fs, _) in examples {
        for f in fs {
            *seen.entry(f.as_str()).or_default() += 1;
        }
    }
    let mut names: Vec<&str> = seen
        .iter()
        .filter(|(_, n)| **n >= MIN_ANSWERS)
        .map(|(k, _)| *k)
        .collect();
    names.sort_unstable();
    let index: HashMap<&str, usize> = names.iter().enumerate().map(|(i, k)| (*k, i)).collect();
    let rows: Vec<(Vec<usize>, f64)> = examples
        .iter()
        .map(|(fs, y)| {
            let mut ids: Vec<usize> = fs
                .iter()
                .filter_map(|f| index.get(f.as_str()).copied())
                .collect();
            ids.sort_unstable();
            (ids, if *y { 1.0 } else { 0.0 })
        })
        .collect();
    let mut w = vec![0.0f64; names.len()];
    let mut bias = 0.0;
    let mut order: Vec<usize> = (0..rows.len()).collect();
    let mut dice = Dice::new(1);
    for _ in 0..PASSES {
        dice.shuffle(&mut order);
        for &r in &order {
            let (ids, y) = &rows[r];
            let z = bias + ids.iter().map(|&i| w[i]).sum::<f64>();
            let g = sigmoid(z) - y;
            bias -= rate * g;
            for &i in ids {
                w[i] -= rate * (g + L2 * w[i]);
            }
        }
    }
    Reader {
        bias,
        weights: names
            .into_iter()
            .zip(w)
            .map(|(k, v)| (k.to_string(), v))
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn features_leave_out_numbers_dates_and_pairs_of_small_words() {
        let f =
            features("In Q3 2023 I skipped the vendor’s security review, 40% faster, all of it.");
        let has = |x: &str| f.iter().any(|y| y == x);
        assert!(has("skipped") && has("security review"));
        assert!(
            has("i skipped") && has("skipped the"),
            "a pair with one content word"
        );
        assert!(has("vendor's"), "a curly apostrophe made straight");
        assert!(
            !f.iter()
                .any(|x| x.contains("q3") || x.contains("2023") || x.contains("40")),
            "no numbers, dates or quarters: {f:?}"
        );
        assert!(
            !has("in") && !has("the") && !has("all of") && !has("of it"),
            "{f:?}"
        );
    }

    #[test]
    fn the_shape_of_an_answer_is_told_in_buckets() {
        let story = "word ".repeat(250) + "in 2023 we cut 40% of 1,200 tickets";
        let replies = ["short reply", &"said ".repeat(90)];
        assert_eq!(
            shape_features([story.as_str()], replies, false),
            [
                "#words2",
                "#digits2",
                "#replies2",
                "#reply-words2",
                "#story"
            ]
        );
        assert_eq!(
            shape_features(["Requirements: 99.9% of 10 regions."], [], true),
            ["#words0", "#digits1", "#replies0", "#reply-words0", "#plan"]
        );
        // Beyond the top bucket, the top bucket.
        let long = "7 ".repeat(2000);
        assert_eq!(
            shape_features([long.as_str()], [], false)[..2],
            ["#words8", "#digits8"]
        );
    }

    #[test]
    fn training_learns_which_words_go_with_the_label() {
        let mut ex = Vec::new();
        for k in 0..20 {
            ex.push((
                features(&format!("I hid the defect from the customer, case {k}")),
                true,
            ));
            ex.push((
                features(&format!("I warned the customer about the defect, case {k}")),
                false,
            ));
        }
        let r = train(&ex, RED_FLAG_RATE);
        assert!(r.reading(&features("I hid the defect")) > 0.8);
        assert!(r.reading(&features("I warned the customer")) < 0.2);
        assert!(r.weight_of("I hid it.") > r.weight_of("I warned them."));
        assert_eq!(r, train(&ex, RED_FLAG_RATE), "deterministic");
        for t in [
            "I hid the defect, the defect, from the customer.",
            "I warned them early.",
        ] {
            assert!((r.read(t) - r.reading(&features(t))).abs() < 1e-9, "{t}");
        }
        let back = Reader::parse(&r.to_tsv(0.0));
        assert!((back.bias - r.bias).abs() < 1e-3);
        assert_eq!(back.weights.len(), r.weights.len());
    }
}
