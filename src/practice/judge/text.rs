//! The candidate's text cut into sentences with their words, so that every
//! piece of evidence can quote a real substring of what was typed.

use crate::store::{FollowUp, Star};

/// Where a sentence was said.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Field {
    Situation,
    Task,
    Action,
    Result,
    /// Field `n` (0-based) of a scenario or design answer.
    Part(usize),
    /// The reply to follow-up `n` (0-based).
    Reply(usize),
}

impl Field {
    pub fn label(self) -> String {
        match self {
            Field::Situation => "Situation".into(),
            Field::Task => "Task".into(),
            Field::Action => "Action".into(),
            Field::Result => "Result".into(),
            Field::Part(n) => format!("part {}", n + 1),
            Field::Reply(n) => format!("follow-up {}", n + 1),
        }
    }
    pub fn is_star(self) -> bool {
        !matches!(self, Field::Reply(_))
    }
}

/// One sentence of the candidate's text.
#[derive(Debug, Clone)]
pub struct Sentence<'a> {
    pub field: Field,
    /// A substring of what the candidate typed, trimmed.
    pub text: &'a str,
    /// Lower-case words (apostrophes kept, curly ones made straight).
    pub words: Vec<String>,
    /// It holds a number (worked out once).
    pub has_number: bool,
    /// It says what the speaker did: "I" and a concrete verb.
    pub own_action: bool,
}

/// Everything the candidate said in one answer.
#[derive(Debug, Clone)]
pub struct Said<'a> {
    pub parts: Vec<(Field, &'a str)>,
    pub sentences: Vec<Sentence<'a>>,
}

impl<'a> Said<'a> {
    pub fn new(star: &'a Star, follow_ups: &'a [FollowUp]) -> Said<'a> {
        Said::of(
            vec![
                (Field::Situation, star.situation.as_str()),
                (Field::Task, star.task.as_str()),
                (Field::Action, star.action.as_str()),
                (Field::Result, star.result.as_str()),
            ],
            follow_ups,
        )
    }

    /// A scenario or design answer: its fields in order, then the replies.
    pub fn from_parts(fields: &'a [String], follow_ups: &'a [FollowUp]) -> Said<'a> {
        Said::of(
            fields
                .iter()
                .enumerate()
                .map(|(i, t)| (Field::Part(i), t.as_str()))
                .collect(),
            follow_ups,
        )
    }

    fn of(mut parts: Vec<(Field, &'a str)>, follow_ups: &'a [FollowUp]) -> Said<'a> {
        for (i, f) in follow_ups.iter().enumerate() {
            parts.push((Field::Reply(i), f.response.as_str()));
        }
        let mut sentences = Vec::new();
        for (field, text) in &parts {
            for s in split_sentences(text) {
                let words = words(s);
                if !words.is_empty() {
                    sentences.push(Sentence {
                        field: *field,
                        text: s,
                        has_number: words.iter().any(|w| super::cues::is_number(w)),
                        own_action: super::seeks::own_action_in(&words),
                        words,
                    });
                }
            }
        }
        Said { parts, sentences }
    }

    pub fn part(&self, field: Field) -> &'a str {
        self.parts
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, t)| *t)
            .unwrap_or("")
    }

    pub fn in_field(&self, field: Field) -> impl Iterator<Item = &Sentence<'a>> {
        self.sentences.iter().filter(move |s| s.field == field)
    }

    pub fn star_sentences(&self) -> impl Iterator<Item = &Sentence<'a>> {
        self.sentences.iter().filter(|s| s.field.is_star())
    }

    pub fn replies(&self) -> impl Iterator<Item = (usize, &'a str)> + '_ {
        self.parts.iter().filter_map(|(f, t)| match f {
            Field::Reply(n) => Some((*n, *t)),
            _ => None,
        })
    }
}

/// Splits on sentence ends (`.`, `!`, `?`, `;` followed by space or end)
/// and on line breaks; each piece is a trimmed substring of `text`.
pub fn split_sentences(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let end_here = match b {
            b'\n' => true,
            b'.' | b'!' | b'?' | b';' => {
                let next = bytes.get(i + 1).copied();
                // "3.5", "e.g." and "U.S." stay whole: a sentence ends at
                // punctuation followed by whitespace or the end.
                matches!(
                    next,
                    None | Some(b' ' | b'\n' | b'\r' | b'\t' | b'"' | b')')
                ) && !is_abbreviation(&text[start..i])
            }
            _ => false,
        };
        if end_here {
            let piece = text[start..=i].trim();
            if !piece.is_empty() {
                out.push(piece);
            }
            start = i + 1;
        }
        i += 1;
    }
    let piece = text[start..].trim();
    if !piece.is_empty() {
        out.push(piece);
    }
    out
}

fn is_abbreviation(before: &str) -> bool {
    let last = before
        .rsplit(|c: char| c.is_whitespace())
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    matches!(
        last.as_str(),
        "e.g" | "i.e" | "etc" | "vs" | "mr" | "ms" | "dr" | "approx" | "u.s" | "inc"
    )
}

/// Lower-case words: letters, digits and the characters that belong inside
/// them (apostrophes, `%`, `$`, `-`, `/`, `.` and `,` between digits).
pub fn words(text: &str) -> Vec<String> {
    if text.is_ascii() {
        return ascii_words(text);
    }
    let mut out = Vec::new();
    let mut cur = String::new();
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let inner = |c: char| {
            let prev = i.checked_sub(1).and_then(|j| chars.get(j)).copied();
            let next = chars.get(i + 1).copied();
            let between_alnum =
                prev.is_some_and(char::is_alphanumeric) && next.is_some_and(char::is_alphanumeric);
            match c {
                '\'' | '’' | '-' | '/' => between_alnum,
                '.' | ',' => {
                    prev.is_some_and(|p| p.is_ascii_digit())
                        && next.is_some_and(|n| n.is_ascii_digit())
                }
                '%' | '$' | '€' | '£' => true,
                _ => false,
            }
        };
        if c.is_alphanumeric() || inner(c) {
            if c == '’' {
                cur.push('\'');
            } else {
                cur.extend(c.to_lowercase());
            }
        } else if !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// Whether byte `i` of `b` sits between two digits, as the comma of
/// "1,200" or the point of "2.5" does: inside a number, not a break.
pub fn within_number(b: &[u8], i: usize) -> bool {
    i > 0 && b[i - 1].is_ascii_digit() && b.get(i + 1).is_some_and(u8::is_ascii_digit)
}

/// [`words`] for ASCII text (most answers): a word is a run of bytes kept,
/// each lower-cased as one allocation of its exact length.
fn ascii_words(text: &str) -> Vec<String> {
    let b = text.as_bytes();
    let alnum = |j: Option<usize>| {
        j.and_then(|j| b.get(j))
            .is_some_and(u8::is_ascii_alphanumeric)
    };
    let kept = |i: usize| {
        let (prev, next) = (i.checked_sub(1), Some(i + 1));
        match b[i] {
            c if c.is_ascii_alphanumeric() => true,
            b'\'' | b'-' | b'/' => alnum(prev) && alnum(next),
            b'.' | b',' => within_number(b, i),
            b'%' | b'$' => true,
            _ => false,
        }
    };
    let mut out = Vec::with_capacity(b.len() / 5);
    let mut start = None;
    for i in 0..=b.len() {
        match (i < b.len() && kept(i), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push(text[s..i].to_ascii_lowercase());
                start = None;
            }
            _ => {}
        }
    }
    out
}

/// Cuts a quote to at most `max` characters at a word boundary. The result
/// is still a substring of `s` (no ellipsis is added to the quote itself).
pub fn cut_quote(s: &str, max: usize) -> &str {
    if s.chars().count() <= max {
        return s;
    }
    let byte_end = s.char_indices().nth(max).map(|(i, _)| i).unwrap_or(s.len());
    let head = &s[..byte_end];
    match head.rfind(' ') {
        Some(i) if i > max / 2 => head[..i].trim_end_matches([',', ';', ':', ' ']),
        _ => head,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_are_substrings_and_keep_decimals() {
        let t = "Churn fell 3.5% in Q3. Why? Because e.g. the U.S. team\nran it; done";
        let s = split_sentences(t);
        assert_eq!(
            s,
            vec![
                "Churn fell 3.5% in Q3.",
                "Why?",
                "Because e.g. the U.S. team",
                "ran it;",
                "done"
            ]
        );
        for piece in s {
            assert!(t.contains(piece));
        }
    }

    #[test]
    fn words_keep_numbers_and_contractions() {
        assert_eq!(
            words("I didn’t cut $1,200 (12%) from the AWS-wide Q3/Q4 plan."),
            vec![
                "i", "didn't", "cut", "$1,200", "12%", "from", "the", "aws-wide", "q3/q4", "plan"
            ]
        );
    }

    /// `t` cut the general way: with one non-ASCII word added at the end
    /// (then taken off again), it cannot take the ASCII path.
    fn general_words(t: &str) -> Vec<String> {
        let mut general = words(&format!("{t} é"));
        assert_eq!(general.pop().as_deref(), Some("é"));
        general
    }

    #[test]
    fn ascii_text_is_cut_into_the_same_words_as_any_other() {
        for t in [
            "I didn't cut $1,200 (12%) from the AWS-wide Q3/Q4 plan.",
            "'Quoted' -dash- a/ /b 3.5. 1,2,3 ,4 e.g. U.S. it's x'",
            "",
            "--- ... %%% $",
        ] {
            assert_eq!(words(t), general_words(t), "{t}");
        }
    }

    proptest::proptest! {
        #[test]
        fn any_ascii_text_is_cut_as_the_general_way_cuts_it(t in "[ -~\n]{0,80}") {
            proptest::prop_assert_eq!(words(&t), general_words(&t));
        }
    }

    #[test]
    fn quotes_are_cut_at_a_word_boundary() {
        let s = "I rewrote the cutover runbook and rehearsed it twice with the DBA lead.";
        let q = cut_quote(s, 30);
        assert!(s.starts_with(q));
        assert!(q.chars().count() <= 30);
        assert!(!q.ends_with(' '));
        assert_eq!(cut_quote("short", 30), "short");
    }
}
