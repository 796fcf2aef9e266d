//! Cue phrases matched against a sentence's words.
//!
//! A cue is words separated by spaces. A word ending in `*` matches any word
//! that starts with it (`escalat*`: escalated, escalation); `_` matches any
//! one word; `#` matches a number. Everything is lower case.

use foldhash::{HashMap, HashMapExt};
use std::cell::RefCell;
use std::rc::Rc;

/// Whether a word is a number: digits (with `%`, `$`, `,`, `.`) or a number
/// word.
pub fn is_number(w: &str) -> bool {
    w.bytes().any(|c| c.is_ascii_digit())
        || matches!(
            w,
            "two"
                | "three"
                | "four"
                | "five"
                | "six"
                | "seven"
                | "eight"
                | "nine"
                | "ten"
                | "eleven"
                | "twelve"
                | "fifteen"
                | "twenty"
                | "thirty"
                | "forty"
                | "fifty"
                | "sixty"
                | "hundred"
                | "hundreds"
                | "thousand"
                | "thousands"
                | "million"
                | "millions"
                | "billion"
                | "half"
                | "double"
                | "doubled"
                | "tripled"
                | "halved"
                | "percent"
                | "dozen"
                | "quarter"
        )
}

fn word_matches(pat: &str, w: &str) -> bool {
    match pat {
        "_" => true,
        "#" => is_number(w),
        p => match p.strip_suffix('*') {
            Some(prefix) => w.starts_with(prefix),
            None => w == p || (w.len() == p.len() + 1 && w.ends_with('s') && w.starts_with(p)),
        },
    }
}

/// Whether cue word `p` fits sentence word `w`; with `verbs`, a listed
/// verb also fits in any of its forms ("kept" fits "keep", "keeping"): how
/// red flags and asks are matched.
fn word_fits(p: &str, w: &str, verbs: bool) -> bool {
    word_matches(p, w) || (verbs && super::verbs::same(p, w))
}

pub(crate) fn matches_at(cue: &str, words: &[String]) -> bool {
    matches_at_in(cue, words, false)
}

/// [`matches_at`], with `verbs` as in [`word_fits`].
pub(crate) fn matches_at_in(cue: &str, words: &[String], verbs: bool) -> bool {
    let mut ws = words.iter();
    cue.split(' ')
        .all(|p| ws.next().is_some_and(|w| word_fits(p, w, verbs)))
}

/// [`matches_at`] for a cue already split into its words.
fn parts_match_at(parts: &[String], words: &[String]) -> bool {
    parts.len() <= words.len() && parts.iter().zip(words).all(|(p, w)| word_matches(p, w))
}

/// Where `cue` first matches in `words`, as the index of its first word.
pub fn find(cue: &str, words: &[String]) -> Option<usize> {
    find_in(cue, words, false)
}

/// [`find`], with `verbs` as in [`word_fits`] (the cue split once, not at
/// every position).
pub(crate) fn find_in(cue: &str, words: &[String], verbs: bool) -> Option<usize> {
    let parts: Vec<&str> = cue.split(' ').collect();
    (0..(words.len() + 1).saturating_sub(parts.len())).find(|&i| {
        parts
            .iter()
            .zip(&words[i..])
            .all(|(p, w)| word_fits(p, w, verbs))
    })
}

/// Which words a list of cues could start at, by the words' first two
/// bytes: most words of a sentence start no cue of a given list, and one bit
/// test rules them out before any lookup.
pub(crate) struct Starts {
    bits: Box<[u64; 1024]>,
    /// A cue starts with `_`, `#` or a one-letter stem: any word may start
    /// one.
    any: bool,
}

impl Starts {
    pub(crate) fn new<'a>(first_words: impl IntoIterator<Item = &'a str>) -> Starts {
        let mut s = Starts {
            bits: Box::new([0; 1024]),
            any: false,
        };
        for first in first_words {
            match first {
                "_" | "#" | "*" | "" => s.any = true,
                p => match p.strip_suffix('*') {
                    Some(stem) => match stem.as_bytes() {
                        [a, b, ..] => s.set(*a, *b),
                        _ => s.any = true,
                    },
                    None => match p.as_bytes() {
                        // "i" matches "i" and its plural "is".
                        [a] => {
                            s.set(*a, 0);
                            s.set(*a, b's');
                        }
                        [a, b, ..] => s.set(*a, *b),
                        [] => s.any = true,
                    },
                },
            }
        }
        s
    }

    fn set(&mut self, a: u8, b: u8) {
        let k = usize::from(a) << 8 | usize::from(b);
        self.bits[k / 64] |= 1 << (k % 64);
    }

    /// Whether some cue of the list may start at `w`.
    pub(crate) fn may(&self, w: &str) -> bool {
        if self.any {
            return true;
        }
        let b = w.as_bytes();
        let k = usize::from(b.first().copied().unwrap_or(0)) << 8
            | usize::from(b.get(1).copied().unwrap_or(0));
        self.bits[k / 64] & (1 << (k % 64)) != 0
    }
}

/// Cues that start with the same exact word, split by their second word.
#[derive(Default)]
struct ByFirst {
    /// One-word cues, and cues whose second word is a pattern.
    rest: Vec<usize>,
    /// Cues whose second word is exact, by that word.
    second: HashMap<String, BySecond>,
}

/// Cues that start with the same two exact words, split by their third (a
/// family spells many that start "i was too…").
#[derive(Default)]
struct BySecond {
    /// Two-word cues, and cues whose third word is a pattern.
    rest: Vec<usize>,
    /// Cues whose third word is exact, by that word.
    third: HashMap<String, Vec<usize>>,
}

/// The exact word `w`, or the word it is the plural of, in `map` (a cue's
/// exact word matches its plural: "vps" for "vp").
pub(crate) fn get_or_plural<'m, K, V>(
    map: &'m HashMap<K, V>,
    w: &str,
) -> impl Iterator<Item = &'m V>
where
    K: std::borrow::Borrow<str> + std::hash::Hash + Eq,
{
    map.get(w)
        .into_iter()
        .chain(w.strip_suffix('s').and_then(|p| map.get(p)))
}

/// A cue list indexed by its first (and second) word, so a sentence is
/// scanned once per list instead of once per cue.
struct Compiled {
    /// Each cue's words.
    parts: Vec<Vec<String>>,
    starts: Starts,
    exact: HashMap<String, ByFirst>,
    prefix: Vec<(String, Vec<usize>)>,
    /// Cues starting with `_` or `#`.
    other: Vec<usize>,
}

pub(crate) fn is_pattern(p: &str) -> bool {
    p == "_" || p == "#" || p.ends_with('*')
}

impl Compiled {
    fn new(cues: &[&str]) -> Compiled {
        let mut c = Compiled {
            parts: cues
                .iter()
                .map(|c| c.split(' ').map(str::to_string).collect())
                .collect(),
            starts: Starts::new(cues.iter().map(|c| c.split(' ').next().unwrap_or(""))),
            exact: HashMap::new(),
            prefix: Vec::new(),
            other: Vec::new(),
        };
        for (k, cue) in cues.iter().enumerate() {
            let mut parts = cue.split(' ');
            let first = parts.next().unwrap_or("");
            let second = parts.next();
            match first {
                "_" | "#" => c.other.push(k),
                f => match f.strip_suffix('*') {
                    Some(p) => match c.prefix.iter_mut().find(|(q, _)| q == p) {
                        Some((_, ids)) => ids.push(k),
                        None => c.prefix.push((p.to_string(), vec![k])),
                    },
                    None => {
                        let e = c.exact.entry(f.to_string()).or_default();
                        match second {
                            Some(s) if !is_pattern(s) => {
                                let by = e.second.entry(s.to_string()).or_default();
                                match parts.next() {
                                    Some(t) if !is_pattern(t) => {
                                        by.third.entry(t.to_string()).or_default().push(k)
                                    }
                                    _ => by.rest.push(k),
                                }
                            }
                            _ => e.rest.push(k),
                        }
                    }
                },
            }
        }
        c
    }

    /// Each cue that matches at `words[i]`.
    fn at<'w>(&'w self, words: &'w [String], i: usize) -> impl Iterator<Item = usize> + 'w {
        self.starting(words, i)
            .filter(move |&k| parts_match_at(&self.parts[k], &words[i..]))
    }

    /// Each cue whose first word (and second and third, when exact) fits
    /// at `words[i]`, before its other words are compared.
    fn starting<'w>(&'w self, words: &'w [String], i: usize) -> impl Iterator<Item = usize> + 'w {
        let w = words[i].as_str();
        let next = words.get(i + 1).map(String::as_str);
        let after = words.get(i + 2).map(String::as_str);
        let exact = get_or_plural(&self.exact, w).flat_map(move |b| {
            let second = next.into_iter().flat_map(move |n| {
                get_or_plural(&b.second, n).flat_map(move |by| {
                    let third = after
                        .into_iter()
                        .flat_map(move |t| get_or_plural(&by.third, t).flatten());
                    by.rest.iter().chain(third)
                })
            });
            b.rest.iter().chain(second)
        });
        exact
            .copied()
            .chain(
                self.prefix
                    .iter()
                    .filter(move |(p, _)| w.starts_with(p.as_str()))
                    .flat_map(|(_, ids)| ids.iter().copied()),
            )
            .chain(self.other.iter().copied())
    }
}

thread_local! {
    /// Cue lists are `static`: each is compiled once per thread, found by
    /// its address.
    static COMPILED: RefCell<HashMap<(usize, usize), Rc<Compiled>>> = RefCell::new(HashMap::new());
}

fn compiled(cues: &[&str]) -> Rc<Compiled> {
    let key = (cues.as_ptr() as usize, cues.len());
    COMPILED.with(|m| {
        m.borrow_mut()
            .entry(key)
            .or_insert_with(|| Rc::new(Compiled::new(cues)))
            .clone()
    })
}

/// How many times any of `cues` matches in `words` (each cue counted once
/// per starting word).
pub fn count(cues: &[&str], words: &[String]) -> usize {
    let c = compiled(cues);
    (0..words.len())
        .filter(|&i| c.starts.may(&words[i]))
        .map(|i| c.at(words, i).count())
        .sum()
}

/// The first cue of `cues` (in list order) that matches `words`.
pub fn first<'c>(cues: &[&'c str], words: &[String]) -> Option<&'c str> {
    first_where(cues, words, |_| true)
}

/// [`first`] among the places `at` lets through.
pub fn first_where<'c>(
    cues: &[&'c str],
    words: &[String],
    at: impl Fn(usize) -> bool,
) -> Option<&'c str> {
    let c = compiled(cues);
    // The earliest cue in list order wins wherever it matches: once one
    // matches, only cues before it are compared at later words.
    let mut best: Option<usize> = None;
    for i in 0..words.len() {
        if best == Some(0) {
            break;
        }
        if !c.starts.may(&words[i]) || !at(i) {
            continue;
        }
        for k in c.starting(words, i) {
            if best.is_none_or(|b| k < b) && parts_match_at(&c.parts[k], &words[i..]) {
                best = Some(k);
            }
        }
    }
    best.map(|k| cues[k])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::practice::judge::text::words;

    #[test]
    fn prefixes_wildcards_numbers_and_plurals() {
        let w = words("I escalated to the two VPs after 3 weeks of pushback");
        assert!(find("escalat*", &w).is_some());
        assert!(find("the # vp", &w).is_some(), "plural and number word");
        assert_eq!(find("after # week", &w), Some(6));
        assert!(find("to _ two", &w).is_some());
        assert!(find("push back", &w).is_none());
        assert!(find("pushback", &w).is_some());
        assert_eq!(count(&["the", "week"], &w), 2);
        assert_eq!(first(&["nothing", "vp", "the"], &w), Some("vp"));
    }
}
