//! Cue phrases matched against a sentence's words.
//!
//! A cue is words separated by spaces. A word ending in `*` matches any word
//! that starts with it (`escalat*`: escalated, escalation); `_` matches any
//! one word; `#` matches a number. Everything is lower case.

/// Whether a word is a number: digits (with `%`, `$`, `,`, `.`) or a number
/// word.
pub fn is_number(w: &str) -> bool {
    const NUMBER_WORDS: &[&str] = &[
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "fifteen",
        "twenty",
        "thirty",
        "forty",
        "fifty",
        "sixty",
        "hundred",
        "hundreds",
        "thousand",
        "thousands",
        "million",
        "millions",
        "billion",
        "half",
        "double",
        "doubled",
        "tripled",
        "halved",
        "percent",
        "dozen",
        "quarter",
    ];
    w.chars().any(|c| c.is_ascii_digit()) || NUMBER_WORDS.contains(&w)
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

/// Where `cue` first matches in `words`, as the index of its first word.
pub fn find(cue: &str, words: &[String]) -> Option<usize> {
    let pats: Vec<&str> = cue.split(' ').collect();
    if pats.is_empty() || words.len() < pats.len() {
        return None;
    }
    (0..=words.len() - pats.len()).find(|&i| {
        pats.iter()
            .enumerate()
            .all(|(j, p)| word_matches(p, &words[i + j]))
    })
}

/// How many times any of `cues` matches in `words` (overlaps counted once per
/// cue and start).
pub fn count(cues: &[&str], words: &[String]) -> usize {
    cues.iter()
        .map(|cue| {
            let pats: Vec<&str> = cue.split(' ').collect();
            if words.len() < pats.len() {
                return 0;
            }
            (0..=words.len() - pats.len())
                .filter(|&i| {
                    pats.iter()
                        .enumerate()
                        .all(|(j, p)| word_matches(p, &words[i + j]))
                })
                .count()
        })
        .sum()
}

/// The first cue of `cues` that matches `words`.
pub fn first<'c>(cues: &[&'c str], words: &[String]) -> Option<&'c str> {
    cues.iter().copied().find(|c| find(c, words).is_some())
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
