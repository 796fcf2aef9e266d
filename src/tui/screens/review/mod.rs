//! Review: every answer across sessions, newest first, with filters and a
//! full-text search; an answer's detail, every attempt at a question side by
//! side, re-scoring (earlier scores are kept), story links, and the trash.
//!
//! Filtering 10,000 answers stays cheap: a lowercase haystack per answer is
//! built once when history arrives ([`ReviewScreen::sync`]), the filtered
//! index list is cached and rebuilt only when a filter or the history
//! changes, and drawing touches only the visible rows.

use super::Screen;
use crate::content::Content;
use crate::practice::timer::format_clock;
use crate::store::{Answer, History, ScoreRevision, Session, SessionKind, average};
use crate::tui::cmd::{Cmd, Ctx, Target};
use crate::tui::labels as L;
use crate::tui::text::{one_line, plural, truncate};
use crate::tui::text::{pad, pad_left, push_wrapped, wrap};
use crate::tui::theme;
use crate::tui::widgets::scoring::Board;
use chrono::{DateTime, Utc};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};
use ratatui_textarea::TextArea;
use std::cell::Cell;
use std::collections::{BTreeSet, HashMap};
use std::time::Duration;

mod compare;
mod detail;
mod index;
mod list;
mod overlay;
mod rescore;

use index::*;

use compare::attempts_of;
use detail::retry;
use rescore::{render_rescore, rescore};

// ------------------------------------------------------------ shared helpers

/// A centred box of at most `w`×`h` inside `area`.
pub(crate) fn popup(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    )
}

/// `m:ss` for a number of seconds.
pub(crate) fn clock(secs: u64) -> String {
    format_clock(Duration::from_secs(secs), false)
}

/// A one-line text field.
pub(crate) fn field(text: &str, placeholder: &str) -> TextArea<'static> {
    let mut t = TextArea::default();
    t.set_placeholder_text(placeholder.to_string());
    t.set_placeholder_style(theme::dim());
    t.set_cursor_line_style(Style::new());
    if !text.is_empty() {
        t.insert_str(text);
    }
    t
}

pub(crate) fn text_of(t: &TextArea) -> String {
    t.lines().join("\n")
}

/// Where an answer's rows are coloured by their average self-score.
fn score_span(avg: Option<f64>, w: usize) -> Span<'static> {
    match avg {
        Some(v) => Span::styled(pad_left(&format!("{v:.1}"), w), theme::score(v)),
        None => Span::styled(pad_left("–", w), theme::dim()),
    }
}

/// The rubric and criterion names for a self-score key `rubric-id/criterion-id`.
pub(crate) fn criterion_name(content: &Content, key: &str) -> (String, String) {
    let (rid, cid) = key.split_once('/').unwrap_or((key, ""));
    match content.rubric(rid) {
        Some(r) => match r.criteria.iter().find(|c| c.id == cid) {
            Some(c) => (one_line(&r.name), one_line(&c.name)),
            None => (one_line(&r.name), one_line(cid)),
        },
        None => (one_line(rid), one_line(cid)),
    }
}

/// Where a self-score key sits in the content (rubric, criterion), for sorting.
fn criterion_order(content: &Content, key: &str) -> (usize, usize) {
    let (rid, cid) = key.split_once('/').unwrap_or((key, ""));
    match content.rubrics.iter().position(|r| r.id == rid) {
        Some(ri) => (
            ri,
            content.rubrics[ri]
                .criteria
                .iter()
                .position(|c| c.id == cid)
                .unwrap_or(usize::MAX),
        ),
        None => (usize::MAX, usize::MAX),
    }
}

// ------------------------------------------------------------ views

#[derive(Debug, Clone)]
struct Rescore {
    at: AnswerRef,
    board: Board,
}

#[derive(Debug, Clone)]
struct Attempts {
    question: String,
    /// Oldest first.
    list: Vec<AnswerRef>,
    left: usize,
    right: usize,
    focus_right: bool,
    scroll: u16,
}

#[derive(Debug, Clone)]
enum View {
    Detail { at: AnswerRef, scroll: u16 },
    Attempts(Box<Attempts>),
    Rescore(Box<Rescore>),
}

#[derive(Debug, Clone)]
enum Overlay {
    Search(Box<TextArea<'static>>),
    ConfirmDelete {
        sid: String,
        answers: usize,
        label: String,
    },
    Trash {
        cursor: usize,
    },
    /// Choosing the story an answer tells: `slots[0]` is "no story", the rest
    /// index `ctx.stories.stories`, those on the answer's LP first.
    LinkStory {
        at: AnswerRef,
        slots: Vec<Option<usize>>,
        cursor: usize,
    },
}

#[derive(Debug, Clone, PartialEq)]
enum Pending {
    Nothing,
    All,
    Answer(AnswerRef),
}

#[derive(Debug, Clone)]
pub struct ReviewScreen {
    index: Option<Index>,
    pending: Pending,
    pub filters: Filters,
    /// Indices into `index.entries` that pass the filters.
    filtered: Vec<usize>,
    cursor: usize,
    offset: usize,
    /// Views opened over the list (detail, attempts, re-score), last on top.
    views: Vec<View>,
    overlay: Option<Overlay>,
    /// Rows of the list and of the detail at the last draw (for paging).
    list_rows: Cell<usize>,
    page_rows: Cell<usize>,
    max_scroll: Cell<u16>,
    /// Opened from the stats screen at this row: Esc goes back there.
    from_stats: Option<usize>,
}

impl Default for ReviewScreen {
    fn default() -> Self {
        ReviewScreen {
            index: None,
            pending: Pending::Nothing,
            filters: Filters::default(),
            filtered: Vec::new(),
            cursor: 0,
            offset: 0,
            views: Vec::new(),
            overlay: None,
            list_rows: Cell::new(10),
            page_rows: Cell::new(10),
            max_scroll: Cell::new(u16::MAX),
            from_stats: None,
        }
    }
}

impl ReviewScreen {
    pub fn new() -> ReviewScreen {
        ReviewScreen::default()
    }

    /// The review list filtered to one LP (from the stats screen).
    /// The review filtered to one LP, opened from the stats screen's row
    /// `lp`; Esc returns to that row.
    pub fn for_principle(lp: usize) -> ReviewScreen {
        let mut r = ReviewScreen::default();
        r.filters.lp = Some(lp);
        r.from_stats = Some(lp);
        r
    }

    /// Where Esc on the list goes: back to the stats row it came from, or home.
    fn back(&self) -> Cmd {
        match self.from_stats {
            Some(row) => Cmd::Go(Target::Screen(Box::new(Screen::Stats(Box::new(
                super::stats::StatsScreen::at(row),
            ))))),
            None => Cmd::Go(Target::Home),
        }
    }

    pub fn captures_text(&self) -> bool {
        matches!(self.overlay, Some(Overlay::Search(_)))
    }

    pub fn paste(&mut self, text: &str) {
        if let Some(Overlay::Search(t)) = &mut self.overlay {
            t.insert_str(one_line(text));
        }
    }

    pub fn title(&self, _ctx: &Ctx) -> String {
        match self.views.last() {
            None => "· review".into(),
            Some(View::Detail { .. }) => "· review · answer".into(),
            Some(View::Attempts(_)) => "· review · attempts side by side".into(),
            Some(View::Rescore(_)) => "· review · re-score".into(),
        }
    }

    // -------------------------------------------------------- sync & filter

    pub fn sync(&mut self, ctx: &Ctx) {
        let Some(h) = ctx.history else { return };
        let stale = match &self.index {
            None => true,
            Some(ix) => ix.sessions != h.sessions.len() || self.pending == Pending::All,
        };
        let pending = std::mem::replace(&mut self.pending, Pending::Nothing);
        if stale {
            let keep = self.selected_ref(h);
            self.index = Some(Index::build(h, ctx.content));
            self.refilter(ctx, keep);
            self.views.retain(|v| match v {
                View::Detail { at, .. } => at.find(h).is_some(),
                View::Rescore(r) => r.at.find(h).is_some(),
                View::Attempts(_) => true,
            });
            let ix = self.index.as_ref();
            for v in &mut self.views {
                if let View::Attempts(a) = v {
                    // Every attempt at the question, a retry's new one too.
                    let before = a.list.len();
                    if let Some(ix) = ix {
                        a.list = attempts_of(ix, h, &a.question);
                    }
                    a.list.retain(|r| r.find(h).is_some());
                    let n = a.list.len();
                    if n > before && n >= 2 {
                        // A new attempt: it on the right, the one before on the left.
                        (a.left, a.right) = (n - 2, n - 1);
                    }
                    a.left = a.left.min(n.saturating_sub(1));
                    a.right = a.right.min(n.saturating_sub(1));
                }
            }
            self.views
                .retain(|v| !matches!(v, View::Attempts(a) if a.list.is_empty()));
        } else if let Pending::Answer(r) = pending
            && let Some((si, _, ai, a)) = r.find(h)
            && let Some(ix) = &mut self.index
        {
            if let Some(e) = ix.entries.iter_mut().find(|e| e.si == si && e.ai == ai) {
                e.avg = a.average_score();
                e.hay = haystack(a);
            }
            let keep = self.selected_ref(h);
            self.refilter(ctx, keep);
        }
    }

    fn selected_ref(&self, h: &History) -> Option<AnswerRef> {
        let ix = self.index.as_ref()?;
        let e = ix.entries.get(*self.filtered.get(self.cursor)?)?;
        let s = h.sessions.get(e.si)?;
        Some(AnswerRef::of(s, e.ai))
    }

    /// Recomputes the filtered list; keeps `keep` selected if it still shows.
    fn refilter(&mut self, ctx: &Ctx, keep: Option<AnswerRef>) {
        let Some(ix) = &self.index else { return };
        if self.filters.source.is_some_and(|s| s >= ix.sources.len()) {
            self.filters.source = None;
        }
        let terms: Vec<String> = self
            .filters
            .search
            .to_lowercase()
            .split_whitespace()
            .map(str::to_string)
            .collect();
        let since = self
            .filters
            .range
            .days()
            .map(|d| ctx.wall - chrono::Duration::days(d));
        let f = &self.filters;
        self.filtered = ix
            .entries
            .iter()
            .enumerate()
            .filter(|(_, e)| {
                f.lp.is_none_or(|lp| e.lp == Some(lp))
                    && f.source.is_none_or(|s| e.source == s)
                    && f.band.matches(e.avg)
                    && since.is_none_or(|t| e.at >= t)
                    && f.question.as_ref().is_none_or(|q| &e.question_id == q)
                    && terms.iter().all(|t| e.hay.contains(t.as_str()))
            })
            .map(|(i, _)| i)
            .collect();
        let found = keep.and_then(|r| {
            let h = ctx.history?;
            let (si, _, ai, _) = r.find(h)?;
            self.filtered
                .iter()
                .position(|&i| ix.entries[i].si == si && ix.entries[i].ai == ai)
        });
        self.cursor = found.unwrap_or(0);
        self.cursor = self.cursor.min(self.filtered.len().saturating_sub(1));
        self.scroll_to_cursor();
    }

    fn scroll_to_cursor(&mut self) {
        let rows = self.list_rows.get().max(1);
        if self.cursor < self.offset {
            self.offset = self.cursor;
        } else if self.cursor >= self.offset + rows {
            self.offset = self.cursor + 1 - rows;
        }
    }

    // -------------------------------------------------------- keys

    pub fn footer(&self, _ctx: &Ctx) -> Vec<(&'static str, &'static str)> {
        match &self.overlay {
            Some(Overlay::Search(_)) => {
                return vec![("Enter", "apply"), ("Esc", "clear the search")];
            }
            Some(Overlay::ConfirmDelete { .. }) => {
                return vec![("y", "move to trash"), ("any other key", "keep it")];
            }
            Some(Overlay::Trash { .. }) => {
                return vec![("↑↓", "move"), ("Enter", "restore"), ("Esc", "close")];
            }
            Some(Overlay::LinkStory { .. }) => {
                return vec![("↑↓", "story"), ("Enter", "link"), ("Esc", "cancel")];
            }
            None => {}
        }
        match self.views.last() {
            None => vec![
                ("↑↓", "move"),
                ("Enter", "open"),
                ("a", "attempts"),
                ("x", "delete"),
                ("u", "trash"),
                ("c", "clear"),
                ("Esc", "back"),
                ("?", "help"),
            ],
            Some(View::Detail { .. }) => vec![
                ("↑↓", "scroll"),
                ("←→", "next"),
                ("a", "attempts"),
                ("t", "retry"),
                ("r", "re-score"),
                ("l", "story"),
                ("x", "delete"),
                ("Esc", "back"),
            ],
            Some(View::Attempts(_)) => vec![
                ("←→", "pick"),
                ("Tab", "other side"),
                ("↑↓", "scroll"),
                ("Enter", "list them"),
                ("t", "retry"),
                ("Esc", "back"),
            ],
            Some(View::Rescore(_)) => vec![
                ("↑↓", "criterion"),
                ("1-4", "level"),
                ("0", "clear"),
                ("Enter", "save"),
                ("Esc", "cancel"),
            ],
        }
    }

    pub fn help(&self, _ctx: &Ctx) -> Vec<(&'static str, &'static str)> {
        vec![
            ("↑ ↓ / j k", "move; PgUp/PgDn a page; Home/End"),
            ("Enter", "open the answer"),
            ("/", "search question, STAR, follow-ups, notes"),
            ("p t s d", "filter: LP, template, score band, dates"),
            ("P T S D", "the same filters, cycling backwards"),
            ("c", "clear every filter"),
            ("a", "every attempt at the question, side by side"),
            ("← →", "detail: previous / next answer"),
            ("r", "detail: re-score (earlier scores are kept)"),
            (
                "t",
                "detail or attempts: answer the question again (a timed drill)",
            ),
            ("l", "detail: link the answer to a story (a picker)"),
            ("x", "move the whole session to the trash"),
            ("u", "the trash: Enter restores a session"),
            ("w", "past writing exercises, to reread with their checks"),
        ]
    }

    pub fn key(&mut self, key: KeyEvent, ctx: &Ctx) -> Vec<Cmd> {
        if let Some(o) = self.overlay.take() {
            return self.key_overlay(o, key, ctx);
        }
        if key.modifiers.contains(KeyModifiers::CONTROL) {
            return vec![];
        }
        let Some(h) = ctx.history.filter(|_| self.index.is_some()) else {
            // History is still loading. The search opens at once (it is
            // applied when the index is built), so the words typed after
            // `/` are not taken as filter keys (s, d, p, t, c).
            return match key.code {
                KeyCode::Esc => vec![self.back()],
                KeyCode::Char('q') => vec![Cmd::Quit],
                KeyCode::Char('/') => {
                    let mut t = field(&self.filters.search, "words to find (all must match)");
                    t.move_cursor(ratatui_textarea::CursorMove::End);
                    self.overlay = Some(Overlay::Search(Box::new(t)));
                    vec![]
                }
                _ => vec![],
            };
        };
        match self.views.pop() {
            None => self.key_list(key, ctx, h),
            Some(View::Detail { at, scroll }) => self.key_detail(key, ctx, h, at, scroll),
            Some(View::Attempts(a)) => self.key_attempts(key, ctx, *a),
            Some(View::Rescore(r)) => self.key_rescore(key, ctx, h, *r),
        }
    }

    // -------------------------------------------------------- drawing

    pub fn render(&self, f: &mut Frame, area: Rect, ctx: &Ctx) {
        let (Some(h), Some(ix)) = (ctx.history, &self.index) else {
            f.render_widget(
                Paragraph::new(Line::styled(L::LOADING_HISTORY, theme::dim())),
                area,
            );
            return;
        };
        let [main, filters] =
            Layout::vertical([Constraint::Min(3), Constraint::Length(1)]).areas(area);
        match self.views.last() {
            None => self.render_list(f, main, ctx, h, ix),
            Some(View::Detail { at, scroll }) => self.render_detail(f, main, ctx, h, at, *scroll),
            Some(View::Attempts(a)) => self.render_attempts(f, main, h, a),
            Some(View::Rescore(r)) => render_rescore(f, main, h, r),
        }
        f.render_widget(
            Paragraph::new(self.filter_line(ctx, ix, filters.width)),
            filters,
        );
        self.render_overlay(f, main, ctx, h);
    }
}

/// "1 answer", "2 answers".
/// Cycles an optional index through `None, 0, 1, … n-1`.
fn cycle(v: Option<usize>, n: usize, back: bool) -> Option<usize> {
    if n == 0 {
        return None;
    }
    match (v, back) {
        (None, false) => Some(0),
        (None, true) => Some(n - 1),
        (Some(i), false) => (i + 1 < n).then_some(i + 1),
        (Some(i), true) => i.checked_sub(1),
    }
}

/// Opens the review list (from home).
pub fn open() -> Cmd {
    Cmd::Go(Target::Screen(Box::new(Screen::Review(Box::new(
        ReviewScreen::new(),
    )))))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrap_breaks_on_words_and_long_words() {
        assert_eq!(wrap("aa bb cc", 5), ["aa bb", "cc"]);
        assert_eq!(wrap("abcdefgh", 3), ["abc", "def", "gh"]);
        assert_eq!(wrap("a\n\nb", 5), ["a", "", "b"]);
        assert_eq!(pad("日本", 5), "日本 ");
        assert_eq!(pad_left("1.5", 4), " 1.5");
    }

    #[test]
    fn bands_and_cycles() {
        assert!(Band::Below2.matches(Some(1.9)));
        assert!(!Band::Below2.matches(None));
        assert!(Band::From2To3.matches(Some(2.0)));
        assert!(!Band::From2To3.matches(Some(3.0)));
        assert!(Band::From3.matches(Some(3.0)));
        assert_eq!(cycle(None, 2, false), Some(0));
        assert_eq!(cycle(Some(1), 2, false), None);
        assert_eq!(cycle(None, 2, true), Some(1));
        assert_eq!(cycle(Some(0), 2, true), None);
    }
}
