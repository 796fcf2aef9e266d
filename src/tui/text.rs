//! Sanitizing text that reaches the terminal from content or stored answers.

/// Replaces control characters with visible symbols and drops bidirectional
/// overrides, so no escape sequence is ever emitted raw. Tabs become spaces.
pub fn sanitize(s: &str) -> String {
    clean(s, true)
}

/// The same for plain text the CLI prints or writes (tables, the Markdown
/// export): control characters become visible symbols, tabs and newlines stay.
pub fn printable(s: &str) -> String {
    clean(s, false)
}

fn clean(s: &str, expand_tabs: bool) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\t' if expand_tabs => out.push_str("    "),
            '\t' | '\n' => out.push(c),
            '\u{202A}'..='\u{202E}'
            | '\u{2066}'..='\u{2069}'
            | '\u{200E}'
            | '\u{200F}'
            | '\u{061C}' => {}
            // On screen, where terminals disagree on widths: an emoji ZWJ
            // sequence or a variation selector is drawn 2 cells wide by
            // some and 4–6 by others, shifting the rest of the row. Joined
            // emoji are shown side by side, and a flag's regional
            // indicators as its two letters (🇺🇸 as US), so every terminal
            // draws the row as wide as it was laid out.
            '\u{200D}' | '\u{FE0E}' | '\u{FE0F}' if expand_tabs => {}
            '\u{1F1E6}'..='\u{1F1FF}' if expand_tabs => {
                out.push(char::from(b'A' + (c as u32 - 0x1F1E6) as u8));
            }
            c if (c as u32) < 0x20 => out.push(char::from_u32(0x2400 + c as u32).unwrap_or('?')),
            '\u{7f}' => out.push('\u{2421}'),
            c if ('\u{80}'..='\u{9f}').contains(&c) => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// One line: newlines become spaces too.
pub fn one_line(s: &str) -> String {
    sanitize(&s.replace(['\n', '\r'], " "))
}

/// Cuts to at most `width` display columns, with an ellipsis.
pub fn truncate(s: &str, width: usize) -> String {
    use unicode_width::UnicodeWidthChar;
    let mut w = 0;
    let mut out = String::new();
    let total: usize = s.chars().map(|c| c.width().unwrap_or(0)).sum();
    if total <= width {
        return s.to_string();
    }
    for c in s.chars() {
        let cw = c.width().unwrap_or(0);
        if w + cw + 1 > width {
            break;
        }
        w += cw;
        out.push(c);
    }
    out.push('…');
    out
}

/// `1 answer`, `2 answers`; `1 story`, `2 stories`.
pub fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        return format!("1 {word}");
    }
    match word.strip_suffix('y') {
        Some(stem) if !stem.ends_with(['a', 'e', 'o', 'u']) => format!("{n} {stem}ies"),
        _ => format!("{n} {word}s"),
    }
}

/// The lines with every occurrence of the search `words` (case-insensitive)
/// marked in `found`'s style; a word split over two wrapped lines is not.
pub fn highlight(
    lines: Vec<ratatui::text::Line<'static>>,
    words: &[String],
    found: ratatui::style::Style,
) -> Vec<ratatui::text::Line<'static>> {
    use ratatui::text::{Line, Span};
    let words: Vec<String> = words
        .iter()
        .map(|w| w.to_lowercase())
        .filter(|w| !w.is_empty())
        .collect();
    if words.is_empty() {
        return lines;
    }
    lines
        .into_iter()
        .map(|line| {
            let style = line.style;
            let alignment = line.alignment;
            let mut spans: Vec<Span<'static>> = Vec::new();
            for span in line.spans {
                let text = span.content.to_string();
                let lower = text.to_lowercase();
                // Byte positions only line up when lowercasing keeps lengths.
                if lower.len() != text.len() {
                    spans.push(span);
                    continue;
                }
                let mut at = 0;
                while at < text.len() {
                    let next = words
                        .iter()
                        .filter_map(|w| lower[at..].find(w.as_str()).map(|i| (at + i, w.len())))
                        .min();
                    match next {
                        Some((i, n))
                            if text.is_char_boundary(i) && text.is_char_boundary(i + n) =>
                        {
                            if i > at {
                                spans.push(Span::styled(text[at..i].to_string(), span.style));
                            }
                            spans.push(Span::styled(
                                text[i..i + n].to_string(),
                                span.style.patch(found),
                            ));
                            at = i + n;
                        }
                        _ => {
                            spans.push(Span::styled(text[at..].to_string(), span.style));
                            at = text.len();
                        }
                    }
                }
            }
            let mut l = Line::from(spans).style(style);
            l.alignment = alignment;
            l
        })
        .collect()
}

/// Between LP names in a list: a comma would be ambiguous ("Are Right, A
/// Lot").
pub const LP_SEP: &str = " · ";

/// "system design" as "System design".
pub fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// Display width of `s`.
pub fn width(s: &str) -> usize {
    unicode_width::UnicodeWidthStr::width(s)
}

/// `s` cut to `w` columns and padded with spaces to exactly `w` columns.
pub fn pad(s: &str, w: usize) -> String {
    let t = truncate(s, w);
    let n = w.saturating_sub(width(&t));
    format!("{t}{}", " ".repeat(n))
}

/// `s` cut to `w` columns and right-aligned in `w` columns.
pub fn pad_left(s: &str, w: usize) -> String {
    let t = truncate(s, w);
    let n = w.saturating_sub(width(&t));
    format!("{}{t}", " ".repeat(n))
}

/// Word-wraps already sanitized text to `w` columns (long words are broken).
pub fn wrap(s: &str, w: usize) -> Vec<String> {
    use unicode_width::UnicodeWidthChar;
    let w = w.max(1);
    let mut out = Vec::new();
    for para in s.split('\n') {
        let mut line = String::new();
        let mut lw = 0;
        for word in para.split_whitespace() {
            let ww = width(word);
            if lw > 0 && lw + 1 + ww > w {
                out.push(std::mem::take(&mut line));
                lw = 0;
            }
            if ww > w {
                if lw > 0 {
                    out.push(std::mem::take(&mut line));
                    lw = 0;
                }
                for c in word.chars() {
                    let cw = c.width().unwrap_or(0);
                    if lw + cw > w {
                        out.push(std::mem::take(&mut line));
                        lw = 0;
                    }
                    line.push(c);
                    lw += cw;
                }
                continue;
            }
            if lw > 0 {
                line.push(' ');
                lw += 1;
            }
            line.push_str(word);
            lw += ww;
        }
        out.push(line);
    }
    out
}

/// Pushes `text` wrapped to `w` columns: `indent` opens the first line and
/// the rest hang under its text.
pub fn push_wrapped(
    lines: &mut Vec<ratatui::text::Line<'static>>,
    text: &str,
    w: usize,
    st: ratatui::style::Style,
    indent: &str,
) {
    push_marked(lines, text, w, st, indent, st);
}

/// [`push_wrapped`] with the opening `marker` in a style of its own
/// ("  ⚑ 2× " in the warning colour before the text).
pub fn push_marked(
    lines: &mut Vec<ratatui::text::Line<'static>>,
    text: &str,
    w: usize,
    st: ratatui::style::Style,
    marker: &str,
    marker_st: ratatui::style::Style,
) {
    use ratatui::text::{Line, Span};
    let clean = sanitize(text);
    if clean.trim().is_empty() {
        lines.push(Line::styled(
            format!("{marker}(empty)"),
            super::theme::dim(),
        ));
        return;
    }
    // The marker opens the first line; the rest hang under its text.
    let hang = " ".repeat(width(marker));
    for (i, l) in wrap(&clean, w.saturating_sub(width(marker)).max(8))
        .into_iter()
        .enumerate()
    {
        let lead = if i == 0 {
            Span::styled(marker.to_string(), marker_st)
        } else {
            Span::styled(hang.clone(), st)
        };
        lines.push(Line::from(vec![lead, Span::styled(l, st)]));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_never_pass_through() {
        let s = sanitize("a\x1b[31mred\x07\u{202E}evil\u{9b}x\ty");
        assert!(!s.contains('\x1b'));
        assert!(!s.contains('\x07'));
        assert!(!s.contains('\u{202E}'));
        assert!(!s.contains('\u{9b}'));
        assert!(s.contains('␛'));
        assert!(s.contains("x    y"));
        assert_eq!(one_line("a\nb\r"), "a b ");
        assert_eq!(truncate("日本語テキスト", 7), "日本語…");
        assert_eq!(truncate("short", 10), "short");
        assert_eq!(plural(1, "story"), "1 story");
        assert_eq!(plural(2, "story"), "2 stories");
        assert_eq!(plural(0, "day"), "0 days");
        assert_eq!(plural(3, "answer"), "3 answers");
        let p = printable("a\tb\n\x1b]0;title\x07\r");
        assert_eq!(p, "a\tb\n␛]0;title␇␍");
    }
}

#[cfg(test)]
mod width_tests {
    use super::*;
    use ratatui::buffer::Buffer;
    use ratatui::layout::Rect;
    use ratatui::text::Line;
    use ratatui::widgets::Widget;

    /// Where a `|` drawn right after `pad(s, w)` lands in a ratatui buffer:
    /// at column `w` when the padding measured what ratatui draws.
    fn bar_column(s: &str, w: usize) -> usize {
        let area = Rect::new(0, 0, 40, 1);
        let mut buf = Buffer::empty(area);
        Line::raw(format!("{}|", pad(s, w))).render(area, &mut buf);
        (0..40)
            .find(|&x| buf[(x as u16, 0)].symbol() == "|")
            .expect("the bar is drawn")
    }

    #[test]
    fn on_screen_every_character_is_as_wide_as_every_terminal_draws_it() {
        use unicode_width::UnicodeWidthChar;
        for s in ["👨‍👩‍👧 family", "👩‍💻 dev", "🇺🇸 launch", "🏳️‍🌈 week", "❤️ ok"]
        {
            let shown = one_line(s);
            // The width laid out (by grapheme, as ratatui) is the sum of
            // the characters' own widths (as a terminal without emoji
            // sequences draws them): the two agree.
            let per_char: usize = shown.chars().map(|c| c.width().unwrap_or(0)).sum();
            assert_eq!(width(&shown), per_char, "{s:?} shown as {shown:?}");
        }
        assert_eq!(one_line("🇺🇸 launch"), "US launch");
        assert_eq!(one_line("👩‍💻"), "👩💻");
    }

    #[test]
    fn zwj_emoji_and_flags_keep_a_row_s_borders_in_place() {
        for s in [
            "👨‍👩‍👧 family story",
            "🇺🇸 launch",
            "🏳️‍🌈 pride week",
            "plain",
            "日本 launch",
            "e\u{301} accent",
        ] {
            for w in [4, 6, 9, 12, 20] {
                assert_eq!(bar_column(s, w), w, "{s:?} padded to {w}");
            }
        }
    }
}
