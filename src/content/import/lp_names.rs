//! Leadership Principle names as third-party lists write them: normalised
//! (case, punctuation, `&`, apostrophes, filler), matched against the loaded
//! principles, an alias table and a small edit distance.

use super::*;

// ------------------------------------------------------------------ LP names

/// Short forms and common variants, mapped to the stable ids.
pub(super) const ALIASES: &[(&str, &str)] = &[
    ("customer obsessed", "customer-obsession"),
    ("customer first", "customer-obsession"),
    ("customer focus", "customer-obsession"),
    ("customer centric", "customer-obsession"),
    ("customer centricity", "customer-obsession"),
    ("obsess over customers", "customer-obsession"),
    ("owner", "ownership"),
    ("take ownership", "ownership"),
    ("invent simplify", "invent-and-simplify"),
    ("innovate and simplify", "invent-and-simplify"),
    ("innovation", "invent-and-simplify"),
    ("right a lot", "are-right-a-lot"),
    ("is right a lot", "are-right-a-lot"),
    ("be right a lot", "are-right-a-lot"),
    ("judgment", "are-right-a-lot"),
    ("judgement", "are-right-a-lot"),
    ("learn and be curious", "learn-and-be-curious"),
    ("curiosity", "learn-and-be-curious"),
    ("learn curious", "learn-and-be-curious"),
    ("hire and develop", "hire-and-develop-the-best"),
    ("hire and develop the best", "hire-and-develop-the-best"),
    (
        "hiring and developing the best",
        "hire-and-develop-the-best",
    ),
    ("develop the best", "hire-and-develop-the-best"),
    ("highest standards", "insist-on-the-highest-standards"),
    ("high standards", "insist-on-the-highest-standards"),
    (
        "insist on high standards",
        "insist-on-the-highest-standards",
    ),
    ("thinking big", "think-big"),
    ("bias to action", "bias-for-action"),
    ("bias towards action", "bias-for-action"),
    ("bias toward action", "bias-for-action"),
    ("frugal", "frugality"),
    ("earns trust", "earn-trust"),
    ("earning trust", "earn-trust"),
    ("trust", "earn-trust"),
    ("deep dive", "dive-deep"),
    ("dives deep", "dive-deep"),
    ("diving deep", "dive-deep"),
    ("delivers results", "deliver-results"),
    ("delivering results", "deliver-results"),
    ("deliver result", "deliver-results"),
    ("disagree and commit", "have-backbone-disagree-and-commit"),
    ("have backbone", "have-backbone-disagree-and-commit"),
    ("backbone", "have-backbone-disagree-and-commit"),
    ("earth's best employer", "strive-to-be-earths-best-employer"),
    ("best employer", "strive-to-be-earths-best-employer"),
    (
        "strive to be best employer",
        "strive-to-be-earths-best-employer",
    ),
    (
        "success and scale",
        "success-and-scale-bring-broad-responsibility",
    ),
    (
        "broad responsibility",
        "success-and-scale-bring-broad-responsibility",
    ),
    (
        "success and scale bring broad responsibilities",
        "success-and-scale-bring-broad-responsibility",
    ),
];

/// Single-word names that may be found *inside* a longer heading.
pub(super) const CONTAINED_SINGLE: &[&str] =
    &["ownership", "frugality", "frugal", "backbone", "curiosity"];

/// Words dropped from both sides before LP names are compared: they never
/// tell two principles apart.
pub(super) const LP_FILLER: &[&str] = &[
    "and", "the", "to", "for", "be", "on", "of", "a", "an", "is", "are", "have", "towards",
    "toward", "s",
];

/// Words that decorate headings ("Amazon Leadership Principle #3: … questions").
pub(super) const LP_NOISE: &[&str] = &[
    "amazon",
    "amazons",
    "aws",
    "leadership",
    "principle",
    "principles",
    "lp",
    "lps",
    "interview",
    "interviews",
    "interviewing",
    "question",
    "questions",
    "sample",
    "samples",
    "example",
    "examples",
    "common",
    "top",
    "most",
    "asked",
    "frequently",
    "behavioral",
    "behavioural",
    "about",
    "with",
    "answer",
    "answers",
    "part",
    "section",
    "category",
    "no",
    "number",
    "tips",
];

/// The comparison key of an LP name: lower-case words, `&` as "and",
/// apostrophes dropped, filler and decoration removed.
pub(super) fn lp_key(s: &str) -> String {
    let mut norm = String::with_capacity(s.len());
    for c in s.chars() {
        if c == '&' {
            norm.push_str(" and ");
        } else if is_apostrophe(c) {
            continue;
        } else if c.is_alphanumeric() {
            norm.extend(c.to_lowercase());
        } else {
            norm.push(' ');
        }
    }
    norm.split_whitespace()
        .filter(|w| {
            !LP_FILLER.contains(w)
                && !LP_NOISE.contains(w)
                && !w.chars().all(|c| c.is_ascii_digit())
        })
        .collect::<Vec<_>>()
        .join(" ")
}

pub(super) fn is_apostrophe(c: char) -> bool {
    matches!(
        c,
        '\'' | '\u{2019}' | '\u{2018}' | '`' | '\u{b4}' | '\u{2032}'
    )
}

pub(super) struct LpMatcher {
    /// (key, id), from the loaded principles and the alias table.
    keys: Vec<(String, String)>,
}

impl LpMatcher {
    pub(super) fn new(content: &Content) -> Self {
        let mut keys: Vec<(String, String)> = Vec::new();
        let mut add = |k: String, id: &str| {
            if !k.is_empty() && !keys.iter().any(|(x, i)| *x == k && i == id) {
                keys.push((k, id.to_string()));
            }
        };
        for p in &content.principles {
            add(lp_key(&p.id), &p.id);
            add(lp_key(&p.name), &p.id);
        }
        for (alias, id) in ALIASES {
            if content.principle(id).is_some() {
                add(lp_key(alias), id);
            }
        }
        LpMatcher { keys }
    }

    /// The LP a whole name stands for: exact key, else the unique closest key
    /// within a small edit distance.
    pub(super) fn one(&self, name: &str) -> Option<String> {
        let k = lp_key(name);
        if k.is_empty() {
            return None;
        }
        if let Some((_, id)) = self.keys.iter().find(|(key, _)| *key == k) {
            return Some(id.clone());
        }
        let mut best: Option<(usize, &str)> = None;
        let mut tie = false;
        for (key, id) in &self.keys {
            let n = key.chars().count();
            let allowed = match n {
                0..=4 => 0,
                5..=7 => 1,
                _ => 2,
            };
            let d = levenshtein(&k, key);
            if d > allowed {
                continue;
            }
            match best {
                Some((bd, bid)) if d == bd && bid != id => tie = true,
                Some((bd, _)) if d >= bd => {}
                _ => {
                    best = Some((d, id));
                    tie = false;
                }
            }
        }
        if tie {
            None
        } else {
            best.map(|b| b.1.to_string())
        }
    }

    /// A list of LP names ("Ownership; Dive Deep", "Are Right, A Lot"): the
    /// ids found, primary first, and the parts that matched nothing.
    pub(super) fn list(&self, s: &str) -> (Vec<String>, Vec<String>) {
        if let Some(id) = self.one(s) {
            return (vec![id], Vec::new());
        }
        let parts: Vec<&str> = s
            .split([',', ';', '|', '/', '+', '\n'])
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .collect();
        let (mut ids, mut unknown) = (Vec::new(), Vec::new());
        if parts.len() <= 1 {
            if !s.trim().is_empty() {
                unknown.push(one_line(s.trim()));
            }
            return (ids, unknown);
        }
        let mut i = 0;
        while i < parts.len() {
            let found = (i + 1..=parts.len())
                .rev()
                .find_map(|j| self.one(&parts[i..j].join(" ")).map(|id| (j, id)));
            match found {
                Some((j, id)) => {
                    push_unique(&mut ids, [id]);
                    i = j;
                }
                None => {
                    unknown.push(one_line(parts[i]));
                    i += 1;
                }
            }
        }
        (ids, unknown)
    }

    /// Every part of `s` names an LP: the ids, else nothing.
    pub(super) fn all(&self, s: &str) -> Vec<String> {
        let (ids, unknown) = self.list(s);
        if unknown.is_empty() { ids } else { Vec::new() }
    }

    /// The LPs a heading names: the whole heading as a list of names, else
    /// the names found inside it ("Customer Obsession & Ownership questions").
    pub(super) fn heading(&self, s: &str) -> Vec<String> {
        let ids = self.all(s);
        if !ids.is_empty() {
            return ids;
        }
        let words: Vec<String> = lp_key(s).split(' ').map(str::to_string).collect();
        let mut hits: Vec<(usize, usize, &str)> = Vec::new();
        for (key, id) in &self.keys {
            let kw: Vec<&str> = key.split(' ').collect();
            if kw.len() == 1 && !CONTAINED_SINGLE.contains(&kw[0]) {
                continue;
            }
            if kw.len() > words.len() {
                continue;
            }
            for start in 0..=words.len() - kw.len() {
                if words[start..start + kw.len()]
                    .iter()
                    .zip(&kw)
                    .all(|(a, b)| a == b)
                {
                    hits.push((start, kw.len(), id));
                }
            }
        }
        hits.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
        let mut out = Vec::new();
        let mut end = 0;
        for (start, len, id) in hits {
            if start >= end {
                push_unique(&mut out, [id.to_string()]);
                end = start + len;
            }
        }
        out
    }
}

pub(super) fn levenshtein(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for i in 1..=a.len() {
        cur[0] = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            cur[j] = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}
