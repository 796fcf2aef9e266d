//! Reusable drawing pieces.

pub mod scoring;

use super::theme;
use ratatui::text::{Line, Span};

/// The footer: `key label` pairs.
pub fn key_line<'a>(keys: &[(&'a str, &'a str)]) -> Line<'a> {
    let mut spans = Vec::with_capacity(keys.len() * 3);
    for (i, (k, d)) in keys.iter().enumerate() {
        if i > 0 {
            spans.push(Span::styled("  ", theme::dim()));
        }
        spans.push(Span::styled(*k, theme::key()));
        spans.push(Span::styled(format!(" {d}"), theme::dim()));
    }
    Line::from(spans)
}

/// A sparkline of 1–4 scores using block characters.
pub fn spark(values: &[f64]) -> String {
    const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    values
        .iter()
        .map(|v| {
            let i = (((v - 1.0) / 3.0) * 7.0).round().clamp(0.0, 7.0) as usize;
            BARS[i]
        })
        .collect()
}

/// A bar of `width` cells filled to `fraction`.
pub fn bar(fraction: f64, width: usize) -> String {
    let filled = ((fraction.clamp(0.0, 1.0)) * width as f64).round() as usize;
    format!("{}{}", "█".repeat(filled), "░".repeat(width - filled))
}

/// A bordered frame for a text field, highlighted when it has the focus.
pub fn field_block(title: String, focused: bool) -> ratatui::widgets::Block<'static> {
    use ratatui::widgets::{Block, Borders};
    Block::default()
        .borders(Borders::ALL)
        .border_style(if focused {
            theme::border_focus()
        } else {
            theme::border()
        })
        .title(Span::styled(
            title,
            if focused {
                theme::title()
            } else {
                theme::dim()
            },
        ))
}

/// A small centred yes/no question over `area`.
pub fn confirm(f: &mut ratatui::Frame, area: ratatui::layout::Rect, question: &str, detail: &str) {
    use ratatui::layout::Rect;
    use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};
    let w = area.width.min(64);
    let r = Rect::new(
        area.x + (area.width - w) / 2,
        area.y + area.height.saturating_sub(4) / 2,
        w,
        4.min(area.height),
    );
    f.render_widget(Clear, r);
    f.render_widget(
        Paragraph::new(vec![
            Line::styled(question.to_string(), theme::accent()),
            Line::raw(detail.to_string()),
        ])
        .wrap(Wrap { trim: true })
        .block(
            Block::default()
                .borders(Borders::ALL)
                .border_style(theme::border_focus()),
        ),
        r,
    );
}

/// The `rows` lines from `scroll` on (clamped), the last replaced by a
/// "↓ more (N%)" marker when more follow; and the largest useful scroll.
pub fn page(lines: Vec<Line<'static>>, rows: usize, scroll: u16) -> (Vec<Line<'static>>, u16) {
    let max = lines.len().saturating_sub(rows) as u16;
    let scroll = scroll.min(max);
    let mut shown: Vec<Line> = lines
        .into_iter()
        .skip(usize::from(scroll))
        .take(rows)
        .collect();
    if scroll < max
        && let Some(last) = shown.last_mut()
    {
        let pct = (u32::from(scroll) + rows as u32) * 100 / (u32::from(max) + rows as u32);
        *last = Line::styled(format!("  ↓ more ({pct}%)"), theme::dim());
    }
    (shown, max)
}

/// A one-line search box over the bottom three rows of `area`.
pub fn search_box(
    f: &mut ratatui::Frame,
    t: &ratatui_textarea::TextArea<'static>,
    area: ratatui::layout::Rect,
    title: &'static str,
) {
    use ratatui::layout::Rect;
    use ratatui::widgets::{Block, Borders, Clear};
    let r = Rect::new(
        area.x,
        area.bottom().saturating_sub(3),
        area.width,
        3.min(area.height),
    );
    f.render_widget(Clear, r);
    let mut t = t.clone();
    t.set_block(
        Block::default()
            .borders(Borders::ALL)
            .border_style(theme::border_focus())
            .title(title),
    );
    editor(f, &t, r);
}

/// Shows the editor's cursor only when it has the focus.
pub fn show_cursor(t: &mut ratatui_textarea::TextArea, focused: bool) {
    t.set_cursor_style(if focused {
        ratatui::style::Style::new().add_modifier(ratatui::style::Modifier::REVERSED)
    } else {
        ratatui::style::Style::new()
    });
}

/// Draws a text editor. An empty editor's placeholder is word-wrapped to the
/// field (the textarea draws it on one line, cut at the border), after the
/// cursor cell.
pub fn editor(f: &mut ratatui::Frame, t: &ratatui_textarea::TextArea, area: ratatui::layout::Rect) {
    use ratatui::layout::Rect;
    use ratatui::widgets::{Clear, Paragraph, Wrap};
    f.render_widget(t, area);
    let hint = t.placeholder_text();
    if !t.is_empty() || hint.is_empty() {
        return;
    }
    let inner = t.block().map_or(area, |b| b.inner(area));
    if inner.width < 2 || inner.height == 0 {
        return;
    }
    let r = Rect::new(inner.x + 1, inner.y, inner.width - 1, inner.height);
    f.render_widget(Clear, r);
    f.render_widget(
        Paragraph::new(hint.to_string())
            .style(t.placeholder_style().unwrap_or_else(theme::dim))
            .wrap(Wrap { trim: true }),
        r,
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_marks_more_below_and_clamps_the_scroll() {
        let lines: Vec<Line> = (0..10).map(|i| Line::raw(i.to_string())).collect();
        let (shown, max) = page(lines.clone(), 4, 0);
        assert_eq!(max, 6);
        assert_eq!(shown[0].to_string(), "0");
        assert_eq!(shown[3].to_string(), "  ↓ more (40%)");
        let (shown, _) = page(lines, 4, 99);
        let text: Vec<String> = shown.iter().map(ToString::to_string).collect();
        assert_eq!(text, ["6", "7", "8", "9"], "clamped to the end, no marker");
    }

    #[test]
    fn spark_maps_scores_to_heights() {
        assert_eq!(spark(&[1.0, 2.5, 4.0]), "▁▅█");
        assert_eq!(bar(0.5, 4), "██░░");
    }

    #[test]
    fn an_empty_editors_placeholder_wraps_inside_its_field() {
        use ratatui::{Terminal, backend::TestBackend};
        let mut t = ratatui_textarea::TextArea::default();
        t.set_placeholder_text("What you owned: your goal, the constraint, the stakes.");
        t.set_block(field_block(" Task ".into(), true));
        let mut term = Terminal::new(TestBackend::new(24, 6)).unwrap();
        term.draw(|f| editor(f, &t, f.area())).unwrap();
        let buf = term.backend().buffer().clone();
        let row = |y: u16| -> String { (0..24).map(|x| buf[(x, y)].symbol()).collect() };
        assert_eq!(row(1), "│ What you owned: your │");
        assert_eq!(row(2), "│ goal, the constraint,│");
        assert_eq!(row(3), "│ the stakes.          │");
        // Once there is text, the text is drawn and no hint.
        t.insert_str("I owned it");
        term.draw(|f| editor(f, &t, f.area())).unwrap();
        let buf = term.backend().buffer().clone();
        let row = |y: u16| -> String { (0..24).map(|x| buf[(x, y)].symbol()).collect() };
        assert_eq!(row(1), "│I owned it            │");
        assert_eq!(row(2), "│                      │");
    }
}
