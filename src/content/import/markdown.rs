//! Markdown (and HTML-ish) blog lists: headings set the LP, items and
//! question-like lines are questions.

use super::*;

// ------------------------------------------------------------------ markdown

#[derive(Debug)]
pub(super) enum Block {
    Heading {
        level: u8,
        text: String,
        line: usize,
    },
    Item {
        indent: usize,
        text: String,
        line: usize,
    },
    /// `continues`: the line directly follows another paragraph line.
    Para {
        text: String,
        line: usize,
        continues: bool,
    },
}

pub(super) fn indent_of(s: &str) -> usize {
    s.chars()
        .take_while(|c| c.is_whitespace())
        .map(|c| if c == '\t' { 4 } else { 1 })
        .sum()
}

/// The item's text when `t` (trimmed) starts with a list marker.
pub(super) fn list_body(t: &str) -> Option<&str> {
    for m in ["- ", "* ", "+ ", "\u{2022} ", "\u{2013} ", "\u{2014} "] {
        if let Some(r) = t.strip_prefix(m) {
            return Some(r.trim_start());
        }
    }
    let digits = t.chars().take_while(|c| c.is_ascii_digit()).count();
    let rest = if digits > 0 && digits <= 4 {
        &t[digits..]
    } else if let Some(r) = t.strip_prefix('(') {
        let d = r.chars().take_while(|c| c.is_ascii_digit()).count();
        if d == 0 {
            return None;
        }
        return r[d..].strip_prefix(") ").map(str::trim_start);
    } else {
        let mut cs = t.chars();
        match (cs.next(), cs.next(), cs.next()) {
            (Some(c), Some('.' | ')'), Some(' ')) if c.is_ascii_alphabetic() => {
                return Some(t[3..].trim_start());
            }
            _ => return None,
        }
    };
    for m in [". ", ") ", ".) ", ": ", " - "] {
        if let Some(r) = rest.strip_prefix(m) {
            return Some(r.trim_start());
        }
    }
    None
}

pub(super) fn is_rule(t: &str) -> bool {
    let s: String = t.chars().filter(|c| !c.is_whitespace()).collect();
    s.len() >= 3
        && ["-", "*", "_", "="]
            .iter()
            .any(|c| s.chars().all(|x| x.to_string() == *c))
}

pub(super) fn atx_heading(t: &str) -> Option<(u8, String)> {
    let hashes = t.chars().take_while(|&c| c == '#').count();
    if (1..=6).contains(&hashes) && t[hashes..].starts_with([' ', '\t']) {
        let text = t[hashes..].trim().trim_end_matches('#').trim();
        return Some((hashes as u8, text.to_string()));
    }
    let lower = t.to_ascii_lowercase();
    if lower.starts_with("<h") && lower.len() > 3 {
        let b = lower.as_bytes();
        if (b'1'..=b'6').contains(&b[2]) && matches!(b[3], b'>' | b' ') {
            return Some((b[2] - b'0', t.to_string()));
        }
    }
    None
}

/// Splits a markdown document into headings, list items and paragraph
/// lines, joining wrapped lines.
pub(super) fn md_blocks(text: &str) -> Vec<Block> {
    let lines: Vec<&str> = text.lines().collect();
    let mut blocks: Vec<Block> = Vec::new();
    let mut i = 0;
    if lines.first().is_some_and(|l| l.trim() == "---")
        && let Some(end) = lines
            .iter()
            .skip(1)
            .position(|l| matches!(l.trim(), "---" | "..."))
    {
        i = end + 2;
    }
    let mut fence: Option<&str> = None;
    let mut open = false; // the last block may take a continuation line
    let mut in_comment = false;
    while i < lines.len() {
        let raw = lines[i];
        let line = i + 1;
        i += 1;
        let t = raw.trim();
        if let Some(f) = fence {
            if t.starts_with(f) {
                fence = None;
            }
            continue;
        }
        if in_comment {
            if t.contains("-->") {
                in_comment = false;
            }
            continue;
        }
        if t.starts_with("<!--") && !t.contains("-->") {
            in_comment = true;
            open = false;
            continue;
        }
        if t.starts_with("```") || t.starts_with("~~~") {
            fence = Some(&t[..3]);
            open = false;
            continue;
        }
        let t = t.trim_start_matches('>').trim();
        if t.is_empty() || t.starts_with('|') {
            open = false;
            continue;
        }
        // setext heading: text followed by === or ---
        if !open
            && let Some(next) = lines.get(i).map(|l| l.trim())
            && !next.is_empty()
            && (next.chars().all(|c| c == '=') || next.chars().all(|c| c == '-') && next.len() >= 2)
            && list_body(t).is_none()
        {
            let level = if next.starts_with('=') { 1 } else { 2 };
            blocks.push(Block::Heading {
                level,
                text: t.to_string(),
                line,
            });
            i += 1;
            continue;
        }
        if is_rule(t) {
            open = false;
            continue;
        }
        if let Some((level, text)) = atx_heading(t) {
            blocks.push(Block::Heading { level, text, line });
            open = false;
            continue;
        }
        let html_item = t.get(..3).is_some_and(|p| p.eq_ignore_ascii_case("<li"));
        if let Some(body) = list_body(t).or(html_item.then_some(t)) {
            blocks.push(Block::Item {
                indent: indent_of(raw),
                text: body.to_string(),
                line,
            });
            open = true;
            continue;
        }
        // lines of nothing but markup (`<ul>`, `</div>`) separate blocks
        if clean_inline(t).is_empty() {
            open = false;
            continue;
        }
        // a wrapped line continues the previous item or paragraph line while
        // that one has not ended its sentence
        if open && let Some(Block::Item { text, .. } | Block::Para { text, .. }) = blocks.last_mut()
        {
            let prev = clean_inline(text);
            let bold_line = is_bold_line(text);
            if !prev.ends_with(['?', '.', '!', ':']) && !bold_line && !starts_sentence(t) {
                text.push(' ');
                text.push_str(t);
                continue;
            }
        }
        let continues = open && matches!(blocks.last(), Some(Block::Para { .. }));
        blocks.push(Block::Para {
            text: t.to_string(),
            line,
            continues,
        });
        open = true;
    }
    blocks
}

/// The whole line is bold (`**Ownership**`, `__Ownership:__`, `<strong>…`).
pub(super) fn is_bold_line(t: &str) -> bool {
    let t = t.trim().trim_end_matches(':').trim();
    let lower = t.to_ascii_lowercase();
    (t.len() > 4 && t.starts_with("**") && t.ends_with("**") && !t[2..t.len() - 2].contains("**"))
        || (t.len() > 4
            && t.starts_with("__")
            && t.ends_with("__")
            && !t[2..t.len() - 2].contains("__"))
        || (lower.starts_with("<strong>") || lower.starts_with("<b>"))
            && (lower.ends_with("</strong>") || lower.ends_with("</b>"))
}

/// A short, non-question line that names only LPs works as a heading
/// ("Ownership Interview Questions:", "Customer Obsession").
pub(super) fn plain_heading(m: &LpMatcher, text: &str) -> Vec<String> {
    let t = clean_inline(text);
    let t = t.trim_end_matches(':').trim();
    if word_count(t) > 10 || t.ends_with('?') {
        return Vec::new();
    }
    m.all(t)
}

pub(super) fn parse_markdown(ctx: &mut Ctx, text: &str) -> Vec<RawItem> {
    /// The level given to headings made of bold or plain lines.
    const PSEUDO: u8 = 7;
    let mut items: Vec<RawItem> = Vec::new();
    let mut current: Vec<String> = Vec::new();
    let mut level: u8 = 0;
    // the last question taken from a list item, and its indent: deeper
    // question-like items under it are its follow-up probes
    let mut last_q: Option<(usize, usize)> = None;
    // an earlier line of the current paragraph was prose, not a question
    let mut prose_before = false;

    for block in md_blocks(text) {
        match block {
            Block::Heading {
                level: l,
                text,
                line,
            } => {
                last_q = None;
                let t = clean_inline(&text);
                let t = list_body(&t).unwrap_or(&t).to_string();
                // a heading that is itself a question ("### 3. Why Amazon?")
                let strong = starts_with_any(&t, STRONG_STARTERS);
                if word_count(&t) >= 2
                    && (t.ends_with('?') || strong)
                    && (strong || ctx.matcher.heading(&t).is_empty())
                {
                    items.push(RawItem {
                        line,
                        text: t,
                        heading: current.clone(),
                        ..Default::default()
                    });
                    continue;
                }
                let lps = ctx.matcher.heading(&t);
                if !lps.is_empty() {
                    current = lps;
                    level = l;
                } else if l <= level || current.is_empty() {
                    current.clear();
                    level = l;
                }
            }
            Block::Item { indent, text, line } => {
                if is_bold_line(&text) {
                    let t = clean_inline(&text);
                    if !question_like(&t) {
                        let lps = ctx.matcher.heading(t.trim_end_matches(':'));
                        if !lps.is_empty() {
                            current = lps;
                            level = PSEUDO;
                            last_q = None;
                        } else if !t.trim().is_empty() {
                            ctx.note(
                                line,
                                format!(
                                    "bold list entry \"{}\" is neither a question nor a Leadership Principle; skipped",
                                    one_line(&t)
                                ),
                            );
                        }
                        continue;
                    }
                }
                let (t, _) = clean_question(&ctx.matcher, &text);
                if let Some((qi, qindent)) = last_q
                    && indent > qindent
                {
                    let label = ["follow-up:", "follow up:", "followup:", "probe:"]
                        .iter()
                        .find_map(|l| t.to_ascii_lowercase().starts_with(l).then_some(l.len()));
                    if let Some(n) = label {
                        items[qi].probes.push(t[n..].trim().to_string());
                    } else if question_like(&t) {
                        items[qi].probes.push(text);
                    } else if !t.trim().is_empty() {
                        ctx.note(
                            line,
                            format!(
                                "\"{}\" (nested under the question at line {}) does not read as a follow-up question; skipped",
                                one_line(&t),
                                items[qi].line
                            ),
                        );
                    }
                    continue;
                }
                // "You took a calculated risk…" is made a question later.
                if question_like(&t) || fragment_to_question(&t).is_some() {
                    items.push(RawItem {
                        line,
                        text,
                        heading: current.clone(),
                        ..Default::default()
                    });
                    last_q = Some((items.len() - 1, indent));
                } else {
                    last_q = None;
                    // Every list entry that is not taken is reported, never
                    // dropped silently.
                    if !t.trim().is_empty() {
                        ctx.note(
                            line,
                            format!("\"{}\" does not read as a question; skipped", one_line(&t)),
                        );
                    }
                }
            }
            Block::Para {
                text,
                line,
                continues,
            } => {
                last_q = None;
                if !continues {
                    prose_before = false;
                }
                let bold = is_bold_line(&text);
                let cleaned = clean_inline(&text);
                let lps = if bold {
                    if question_like(&cleaned) && word_count(&cleaned) >= 5 {
                        Vec::new()
                    } else {
                        ctx.matcher.heading(cleaned.trim_end_matches(':'))
                    }
                } else {
                    plain_heading(&ctx.matcher, &text)
                };
                if !lps.is_empty() {
                    current = lps;
                    level = PSEUDO;
                    continue;
                }
                let (t, _) = clean_question(&ctx.matcher, &text);
                if paragraph_question(&t) && !prose_before {
                    items.push(RawItem {
                        line,
                        text,
                        heading: current.clone(),
                        ..Default::default()
                    });
                    continue;
                }
                // a question in the middle of a prose paragraph is rhetorical
                prose_before = true;
                if bold
                    && level >= PSEUDO
                    && !starts_with_any(&cleaned, &["tip", "note", "hint", "pro tip", "example"])
                {
                    // a bold sub-heading that names no LP ends a bold LP section
                    current.clear();
                }
            }
        }
    }
    items
}
