//! Cleaning one question's text: markup, entities, labels, inline LP tags
//! and editor's notes; and the word-level similarity used to spot
//! near-duplicates.

use super::*;

// ------------------------------------------------------------------ text cleaning

/// Inline markup and entities removed, typographic quotes made plain,
/// white space and control characters collapsed to single spaces.
pub(super) fn clean_inline(s: &str) -> String {
    let s = strip_tags(s);
    let s = strip_links(&s);
    let s = strip_emphasis(&s);
    let s = decode_entities(&s);
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        let c = match c {
            '\u{2019}' | '\u{2018}' | '\u{201b}' => '\'',
            '\u{201c}' | '\u{201d}' | '\u{201e}' => '"',
            '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{feff}' | '\u{ad}' => continue,
            c if c.is_whitespace() || c.is_control() => ' ',
            c => c,
        };
        if c == ' ' && (out.is_empty() || out.ends_with(' ')) {
            continue;
        }
        out.push(c);
    }
    out.trim_end().to_string()
}

pub(super) const INLINE_TAGS: &[&str] = &[
    "a", "b", "strong", "em", "i", "u", "span", "code", "mark", "small", "sup", "sub", "abbr", "s",
    "del", "ins",
];

/// HTML tags removed: inline ones vanish, block ones become a space.
pub(super) fn strip_tags(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('<') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        let tagish = after
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '/' || c == '!');
        match (tagish, after.find('>')) {
            (true, Some(end)) => {
                let name: String = after[..end]
                    .trim_start_matches('/')
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric())
                    .collect::<String>()
                    .to_ascii_lowercase();
                if !INLINE_TAGS.contains(&name.as_str()) {
                    out.push(' ');
                }
                rest = &after[end + 1..];
            }
            _ => {
                out.push('<');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// `[text](url)`, `![alt](url)` and `[text][ref]` become their text.
pub(super) fn strip_links(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(open) = rest.find('[') {
        let Some(close_rel) = rest[open + 1..].find(']') else {
            break;
        };
        let close = open + 1 + close_rel;
        let after = &rest[close + 1..];
        let target_end = match after.chars().next() {
            Some('(') => after.find(')'),
            Some('[') => after.find(']'),
            _ => None,
        };
        let mut prefix = &rest[..open];
        if let Some(te) = target_end {
            prefix = prefix.strip_suffix('!').unwrap_or(prefix);
            out.push_str(prefix);
            out.push_str(&rest[open + 1..close]);
            rest = &after[te + 1..];
        } else {
            out.push_str(&rest[..=open]);
            rest = &rest[open + 1..];
        }
    }
    out.push_str(rest);
    out
}

/// `**bold**`, `__bold__`, `*em*`, `_em_`, `~~struck~~` and `` `code` ``
/// lose their markers; backslash escapes are honoured; intra-word `_` and
/// free-standing `*` stay.
pub(super) fn strip_emphasis(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '\\' && chars.get(i + 1).is_some_and(|n| n.is_ascii_punctuation()) {
            out.push(chars[i + 1]);
            i += 2;
            continue;
        }
        if c == '`' {
            i += 1;
            continue;
        }
        if matches!(c, '*' | '_' | '~') {
            let mut j = i;
            while j < chars.len() && chars[j] == c {
                j += 1;
            }
            let prev = if i == 0 { None } else { Some(chars[i - 1]) };
            let next = chars.get(j).copied();
            let word = |x: Option<char>| x.is_some_and(|x| x.is_alphanumeric());
            let space = |x: Option<char>| x.is_none_or(char::is_whitespace);
            let run = j - i;
            let marker = match c {
                '~' => run >= 2,
                '_' => !(word(prev) && word(next) || space(prev) && space(next)),
                _ => run >= 2 || !(space(prev) && space(next)),
            };
            if !marker {
                out.extend(&chars[i..j]);
            }
            i = j;
            continue;
        }
        out.push(c);
        i += 1;
    }
    out
}

pub(super) const ENTITIES: &[(&str, &str)] = &[
    ("amp", "&"),
    ("lt", "<"),
    ("gt", ">"),
    ("quot", "\""),
    ("apos", "'"),
    ("nbsp", " "),
    ("ensp", " "),
    ("emsp", " "),
    ("thinsp", " "),
    ("rsquo", "\u{2019}"),
    ("lsquo", "\u{2018}"),
    ("sbquo", "\u{201a}"),
    ("rdquo", "\u{201d}"),
    ("ldquo", "\u{201c}"),
    ("bdquo", "\u{201e}"),
    ("mdash", "\u{2014}"),
    ("ndash", "\u{2013}"),
    ("hellip", "\u{2026}"),
    ("bull", "\u{2022}"),
    ("middot", "\u{b7}"),
    ("laquo", "\u{ab}"),
    ("raquo", "\u{bb}"),
    ("copy", "\u{a9}"),
    ("reg", "\u{ae}"),
    ("trade", "\u{2122}"),
    ("times", "\u{d7}"),
    ("deg", "\u{b0}"),
    ("euro", "\u{20ac}"),
    ("pound", "\u{a3}"),
    ("cent", "\u{a2}"),
    ("prime", "\u{2032}"),
    ("shy", "\u{ad}"),
    ("eacute", "\u{e9}"),
    ("egrave", "\u{e8}"),
    ("aacute", "\u{e1}"),
    ("agrave", "\u{e0}"),
    ("ccedil", "\u{e7}"),
    ("uuml", "\u{fc}"),
    ("ouml", "\u{f6}"),
    ("auml", "\u{e4}"),
    ("szlig", "\u{df}"),
    ("ntilde", "\u{f1}"),
];

/// Decodes HTML character references once (`&amp;quot;` → `&quot;`).
/// Unknown or malformed references are left as they are.
pub(super) fn decode_entities(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        let decoded = after.find(';').filter(|&e| e > 0 && e <= 10).and_then(|e| {
            let name = &after[..e];
            let ch = if let Some(num) = name.strip_prefix('#') {
                let v = match num.strip_prefix(['x', 'X']) {
                    Some(hex) => u32::from_str_radix(hex, 16).ok(),
                    None => num.parse::<u32>().ok(),
                };
                v.and_then(char::from_u32).map(String::from)
            } else {
                ENTITIES
                    .iter()
                    .find(|(n, _)| *n == name || n.eq_ignore_ascii_case(name) && name.len() <= 4)
                    .map(|(_, v)| v.to_string())
            };
            ch.map(|c| (c, e))
        });
        match decoded {
            Some((c, e)) => {
                out.push_str(&c);
                rest = &after[e + 1..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Words that mark a parenthetical or tail as an editor's note, not part of
/// the question.
pub(super) const NOTE_WORDS: &[&str] = &[
    "asked",
    "loop",
    "loops",
    "tip",
    "tips",
    "note",
    "notes",
    "hint",
    "source",
    "popular",
    "common",
    "frequently",
    "favourite",
    "favorite",
    "reported",
    "seen",
    "via",
    "lp",
    "optional",
    "followup",
    "bonus",
    "hard",
    "easy",
    "medium",
];

pub(super) const NOTE_MARKERS: &[&str] = &[
    "pro tip:",
    "tip:",
    "tips:",
    "note:",
    "hint:",
    "source:",
    "asked at:",
    "asked in:",
];

pub(super) const STARTERS: &[&str] = &[
    "take me through",
    "take us through",
    "run me through",
    "run us through",
    "tell me",
    "tell us",
    "describe",
    "give me",
    "give us",
    "give an example",
    "walk me",
    "walk us",
    "share ",
    "talk about",
    "talk me",
    "explain",
    "provide an example",
    "discuss",
    "recall a time",
    "think of a time",
    "think about a time",
    "how ",
    "what ",
    "what's",
    "why ",
    "when ",
    "which ",
    "who ",
    "have you",
    "has there",
    "did you",
    "do you",
    "can you",
    "could you",
    "would you",
    "are you",
    "if you",
    "in your",
    "imagine",
];

/// Starters strong enough to make a plain paragraph line a question even
/// without a question mark.
pub(super) const STRONG_STARTERS: &[&str] = &[
    "take me through",
    "take us through",
    "run me through",
    "run us through",
    "talk me through",
    "talk us through",
    "tell me",
    "tell us",
    "describe",
    "give me",
    "give us",
    "give an example",
    "walk me",
    "walk us",
    "provide an example",
    "recall a time",
    "think of a time",
    "share an example",
    "share a time",
    "talk about a time",
];

pub(super) fn starts_with_any(s: &str, list: &[&str]) -> bool {
    let lower = s.trim_start_matches(['"', '\'', '(']).to_lowercase();
    list.iter().any(|p| lower.starts_with(p))
}

/// Whether `s` starts with a question starter written with a capital letter
/// (the start of a new sentence).
pub(super) fn starts_sentence(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_uppercase) && starts_with_any(s, STARTERS)
}

/// Looks like an interview question (list items: ends with "?" or starts
/// like one).
pub(super) fn question_like(s: &str) -> bool {
    word_count(s) >= 2 && (s.ends_with('?') || starts_with_any(s, STARTERS) || imperative_prompt(s))
}

/// Verbs that open a prompt in the imperative ("Name a situation where
/// you…", "Recount a moment when you…", "Outline a time you…").
const IMPERATIVES: &[&str] = &[
    "name ",
    "recount ",
    "walk through ",
    "outline ",
    "identify ",
    "provide ",
    "list ",
    "detail ",
    "illustrate ",
    "cite ",
    "relate ",
    "narrate ",
    "present ",
    "summarize ",
    "summarise ",
    "pick ",
    "choose ",
    "think back",
    "reflect on ",
    "highlight ",
    "mention ",
    "show ",
    "tell ",
    "give ",
    "share ",
    "talk ",
    "explain ",
    "describe ",
    "discuss ",
    "recall ",
    "remember ",
    "speak ",
];

/// A prompt in the imperative about the candidate's own experience: it
/// opens with a verb that asks for an account and has "you" in it (so
/// "Outline your answer with STAR", a tip, is not one), has four words or
/// more, and is no note. Kept as written.
pub(super) fn imperative_prompt(s: &str) -> bool {
    starts_with_any(s, IMPERATIVES)
        && word_count(s) >= 4
        && ascii_words(s).iter().any(|w| w == "you")
        && !note_ish(s)
}

/// A plain paragraph line is a question only when it starts like one and
/// either ends with "?" or opens with an imperative ("Tell me…"), or when it
/// is one single sentence ending with "?".
pub(super) fn paragraph_question(s: &str) -> bool {
    if word_count(s) < 2 {
        return false;
    }
    let mut body = s.chars();
    body.next_back();
    let single_sentence = !body.as_str().contains(['.', '!', '?', ':']);
    (starts_with_any(s, STARTERS) && s.ends_with('?'))
        || starts_with_any(s, STRONG_STARTERS)
        || (single_sentence && imperative_prompt(s))
        || (single_sentence && s.ends_with('?'))
}

pub(super) fn word_count(s: &str) -> usize {
    s.split_whitespace().count()
}

/// First words of a sentence that goes on asking after a "?" ("How do you
/// tackle challenges? Name a difficult one you faced.").
const CONTINUING: &[&str] = &[
    "name", "list", "give", "explain", "include", "describe", "share", "walk", "tell", "talk",
    "provide", "think", "focus", "pick", "mention", "what", "how", "why", "when", "which", "who",
    "did", "was", "were", "would", "could", "do", "does", "is", "are", "have", "has", "and",
    "also", "please", "be", "use", "say", "take", "can", "will", "looking", "in",
];

/// A sentence after a question's "?" that belongs to it: it starts with a
/// capital and a word that goes on asking, has a few words, and is no note.
pub(super) fn continues_question(tail: &str) -> bool {
    let first = ascii_words(tail).into_iter().next().unwrap_or_default();
    tail.chars().next().is_some_and(char::is_uppercase)
        && CONTINUING.contains(&first.as_str())
        && word_count(tail) >= 3
        && !note_ish(tail)
}

/// An editor's note rather than part of the question: it uses a note word
/// ("asked in 3 loops", "tip: …") or holds no real word at all ("2023", "5x").
pub(super) fn note_ish(s: &str) -> bool {
    let words = ascii_words(s);
    words.iter().any(|w| NOTE_WORDS.contains(&w.as_str()))
        || !words
            .iter()
            .any(|w| w.len() >= 3 && w.chars().all(|c| c.is_ascii_alphabetic()))
}

/// Finds the opening bracket matching the one that closes `s`.
pub(super) fn trailing_group(s: &str) -> Option<(usize, char)> {
    let close = s.chars().last()?;
    let open = match close {
        ')' => '(',
        ']' => '[',
        _ => return None,
    };
    let mut depth = 0;
    for (i, c) in s.char_indices().rev() {
        if c == close {
            depth += 1;
        } else if c == open {
            depth -= 1;
            if depth == 0 {
                return Some((i, open));
            }
        }
    }
    None
}

/// The LPs a fragment names ("(Dive Deep)", "LP: Ownership", "— Frugality").
pub(super) fn lps_in_fragment(m: &LpMatcher, frag: &str) -> Vec<String> {
    let f = frag.trim_matches(|c: char| {
        c.is_whitespace()
            || matches!(
                c,
                '-' | '\u{2013}' | '\u{2014}' | ':' | '(' | ')' | '[' | ']' | '*' | '_' | '|' | '.'
            )
    });
    let mut f = f;
    if let Some((label, rest)) = f.split_once(':') {
        let l = label.trim().to_lowercase();
        if [
            "lp",
            "lps",
            "leadership principle",
            "leadership principles",
            "principle",
            "principles",
            "category",
            "tags",
            "tag",
        ]
        .contains(&l.as_str())
        {
            f = rest.trim();
        }
    }
    if f.is_empty() || word_count(f) > 8 {
        return Vec::new();
    }
    let ids = m.all(f);
    if !ids.is_empty() {
        return ids;
    }
    // bracketed groups inside the fragment
    let mut out = Vec::new();
    for (open, close) in [('(', ')'), ('[', ']')] {
        let mut rest = f;
        while let Some(a) = rest.find(open) {
            let Some(b) = rest[a..].find(close) else {
                break;
            };
            push_unique(&mut out, m.all(&rest[a + 1..a + b]));
            rest = &rest[a + b + 1..];
        }
    }
    out
}

/// Cleans one question: markup, numbering labels, inline LP tags and
/// trailing notes removed. Returns the text and the LPs it named inline.
pub(super) fn clean_question(m: &LpMatcher, raw: &str) -> (String, Vec<String>) {
    let (s, lps, _) = clean_question_cut(m, raw);
    (s, lps)
}

/// [`clean_question`], also returning what was cut off the end of the
/// question (trailing notes, text after its "?"), to be reported.
pub(super) fn clean_question_cut(m: &LpMatcher, raw: &str) -> (String, Vec<String>, Vec<String>) {
    let mut s = clean_inline(raw);
    let mut lps = Vec::new();

    // "Q3:", "Question 3 -", "Q:" labels
    for label in ["question", "q"] {
        let Some(head) = s.get(..label.len()) else {
            continue;
        };
        if head.eq_ignore_ascii_case(label) {
            let digits = s[label.len()..]
                .trim_start()
                .trim_start_matches(|c: char| c.is_ascii_digit());
            if let Some(r) = digits.trim_start().strip_prefix([':', '.', ')', '-']) {
                s = r.trim().to_string();
                break;
            }
        }
    }
    // leading "[Ownership]" / "(Ownership)" / "Ownership:" / "Ownership -"
    loop {
        let t = s.trim_start();
        let mut taken = None;
        if let Some(close) = match t.chars().next() {
            Some('[') => t.find(']'),
            Some('(') => t.find(')'),
            _ => None,
        } {
            let ids = m.all(&t[1..close]);
            if !ids.is_empty() {
                taken = Some((ids, close + 1));
            }
        }
        if taken.is_none() {
            for sep in [":", " - ", " \u{2013} ", " \u{2014} "] {
                if let Some(i) = t.find(sep)
                    && word_count(&t[..i]) <= 6
                {
                    let ids = m.all(&t[..i]);
                    if !ids.is_empty() {
                        taken = Some((ids, i + sep.len()));
                        break;
                    }
                }
            }
        }
        let Some((ids, cut)) = taken else { break };
        push_unique(&mut lps, ids);
        s = t[cut..]
            .trim_start_matches(|c: char| {
                c.is_whitespace() || matches!(c, ':' | '-' | '\u{2013}' | '\u{2014}')
            })
            .to_string();
    }

    // trailing notes: cut them off, keeping any LP they name
    let mut tails: Vec<String> = Vec::new();
    let lower = s.to_ascii_lowercase();
    if let Some(i) = NOTE_MARKERS
        .iter()
        .filter_map(|mk| {
            lower
                .match_indices(mk)
                .find(|(i, _)| *i == 0 || !lower[..*i].ends_with(|c: char| c.is_alphanumeric()))
                .map(|(i, _)| i)
        })
        .min()
        .filter(|&i| i > 0)
    {
        // "(tip: …)": the note starts at its bracket, which goes with it.
        let before = s[..i].trim_end();
        let i = if before.ends_with(['(', '[']) {
            before.len() - 1
        } else {
            i
        };
        tails.push(s[i..].to_string());
        s.truncate(i);
    }
    loop {
        let t = s.trim_end();
        let dash = [" \u{2014} ", " \u{2013} ", " -- ", " - "]
            .iter()
            .filter_map(|d| t.rfind(d).map(|i| (i, d.len())))
            .max_by_key(|x| x.0);
        let Some((i, len)) = dash else { break };
        let tail = &t[i + len..];
        if tail.contains('?') || word_count(tail) > 8 || i == 0 {
            break;
        }
        // only a tail that names an LP or reads as a note is cut off
        if lps_in_fragment(m, tail).is_empty() && !note_ish(tail) {
            break;
        }
        tails.push(tail.to_string());
        s.truncate(i);
    }
    if let Some(q) = s.rfind('?') {
        let tail = s[q + 1..].trim();
        if !(tail.is_empty()
            || starts_sentence(tail)
            || continues_question(tail)
            || tail.starts_with(['"', '\'']))
        {
            tails.push(tail.to_string());
            s.truncate(q + 1);
        }
    }
    // trailing "(Dive Deep)", "(asked in 3 loops)", also just before a final "?"
    loop {
        let t = s.trim_end();
        let (body, qmark) = match t.strip_suffix('?') {
            Some(b) if b.trim_end().ends_with([')', ']']) => (b.trim_end(), "?"),
            _ => (t, ""),
        };
        let Some((open, _)) = trailing_group(body) else {
            break;
        };
        let inner = &body[open + 1..body.len() - 1];
        let ids = lps_in_fragment(m, inner);
        if !ids.is_empty() {
            push_unique(&mut lps, ids);
        } else if !note_ish(inner) {
            break;
        }
        s = format!("{}{qmark}", body[..open].trim_end());
    }
    for t in &tails {
        push_unique(&mut lps, lps_in_fragment(m, t));
    }

    let mut s = s
        .trim()
        .trim_end_matches([',', ';', '-', '\u{2013}', '\u{2014}'])
        .trim()
        .to_string();
    // surrounding quotes
    for (a, b) in [('"', '"'), ('\'', '\'')] {
        if s.len() >= 2 && s.starts_with(a) && s.ends_with(b) && s[1..s.len() - 1].find(b).is_none()
        {
            s = s[1..s.len() - 1].trim().to_string();
        }
    }
    if s.ends_with(" ?") {
        s = format!("{}?", s[..s.len() - 2].trim_end());
    }
    // A tail that only named an LP was a tag, not part of the question.
    tails.retain(|t| {
        let t = t.trim();
        !t.is_empty() && lps_in_fragment(m, t).is_empty()
    });
    (s, lps, tails)
}

// ------------------------------------------------------------------ similarity

pub(super) const SIM_STOP: &[&str] = &[
    "a", "an", "the", "and", "or", "but", "of", "to", "in", "on", "at", "for", "with", "from",
    "by", "as", "is", "was", "were", "be", "been", "are", "it", "its", "this", "that", "these",
    "those", "you", "your", "i", "me", "my", "we", "our", "us", "they", "them", "their", "he",
    "she", "his", "her", "what", "when", "where", "which", "who", "why", "how", "did", "do",
    "does", "have", "has", "had", "tell", "give", "example", "describe", "walk", "through", "time",
    "about", "can", "could", "would", "should", "will", "share", "there", "if", "so", "then",
    "than", "just", "one", "any", "some", "very", "also", "into", "out", "up", "like", "such",
    "only", "again", "ever",
];

/// Normalised tokens of a question, in order: lower-case, apostrophes
/// dropped, stop words removed, a plural `s` stripped.
pub(crate) fn tokens_in_order(text: &str) -> Vec<String> {
    ascii_words(text)
        .into_iter()
        .filter(|w| !SIM_STOP.contains(&w.as_str()))
        .map(|w| {
            if w.len() > 3 && w.ends_with('s') && !w.ends_with("ss") {
                w[..w.len() - 1].to_string()
            } else {
                w
            }
        })
        .collect()
}

pub(super) fn tokens(text: &str) -> HashSet<String> {
    tokens_in_order(text).into_iter().collect()
}

pub(super) fn jaccard(a: &HashSet<String>, b: &HashSet<String>) -> f64 {
    let union = a.union(b).count();
    if union == 0 {
        return 0.0;
    }
    a.intersection(b).count() as f64 / union as f64
}

/// Past-tense verbs that are not "-ed" words, for "You took…" fragments.
const PAST_IRREGULAR: &[&str] = &[
    "took",
    "made",
    "had",
    "led",
    "built",
    "found",
    "gave",
    "won",
    "lost",
    "chose",
    "ran",
    "saw",
    "went",
    "got",
    "set",
    "drove",
    "did",
    "were",
    "was",
    "brought",
    "taught",
    "thought",
    "felt",
    "kept",
    "left",
    "met",
    "paid",
    "sold",
    "spent",
    "told",
    "wrote",
    "overcame",
    "dealt",
    "fought",
    "stood",
    "began",
    "broke",
    "came",
    "fell",
    "grew",
    "knew",
    "held",
    "heard",
    "meant",
    "sent",
    "put",
    "cut",
    "hit",
    "let",
    "quit",
    "shut",
    "spread",
    "understood",
    "became",
    "forgot",
    "hid",
    "stuck",
    "swung",
    "undertook",
    "withdrew",
    "won",
    "rebuilt",
];

/// A list entry that only states what the candidate did ("You took a
/// calculated risk where speed was important", "A time you disagreed with
/// your manager"), made a question: "Tell me about a time you took a
/// calculated risk where speed was important." `None` when `text` is not
/// such a fragment (it is a question already, or says something else).
pub(super) fn fragment_to_question(text: &str) -> Option<String> {
    let t = text.trim();
    if t.ends_with('?') || starts_with_any(t, STARTERS) {
        return None;
    }
    let body = t.trim_end_matches(['.', '!', ';', ':']).trim_end();
    let lower = body.to_lowercase();
    let opening = [
        "a time when you ",
        "a time that you ",
        "a time you ",
        "time when you ",
        "time you ",
        "a situation where you ",
        "a situation in which you ",
        "a moment when you ",
        "an example of when you ",
        "an example of a time you ",
        "you ",
    ]
    .into_iter()
    .find(|o| lower.starts_with(o))?;
    let rest = &body[opening.len()..];
    let verb = ascii_words(rest).into_iter().next()?;
    let past = (verb.len() > 3 && verb.ends_with("ed")) || PAST_IRREGULAR.contains(&verb.as_str());
    if !past || word_count(rest) < 2 {
        return None;
    }
    let lead = match opening {
        "you " => "a time you ".to_string(),
        "time you " | "time when you " => format!("a {opening}"),
        o => o.to_string(),
    };
    Some(format!("Tell me about {lead}{rest}."))
}
