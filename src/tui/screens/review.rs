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

// ------------------------------------------------------------ filters

/// Self-score bands for the `s` filter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Band {
    #[default]
    All,
    Below2,
    From2To3,
    From3,
}

impl Band {
    fn next(self, back: bool) -> Band {
        const ALL: [Band; 4] = [Band::All, Band::Below2, Band::From2To3, Band::From3];
        let i = ALL.iter().position(|b| *b == self).unwrap_or(0);
        ALL[if back { (i + 3) % 4 } else { (i + 1) % 4 }]
    }
    fn label(self) -> &'static str {
        match self {
            Band::All => "all",
            Band::Below2 => "<2",
            Band::From2To3 => "2–3",
            Band::From3 => "≥3",
        }
    }
    fn matches(self, avg: Option<f64>) -> bool {
        match (self, avg) {
            (Band::All, _) => true,
            (_, None) => false,
            (Band::Below2, Some(v)) => v < 2.0,
            (Band::From2To3, Some(v)) => (2.0..3.0).contains(&v),
            (Band::From3, Some(v)) => v >= 3.0,
        }
    }
}

/// Date ranges for the `d` filter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Range {
    #[default]
    All,
    Days7,
    Days30,
    Days90,
}

impl Range {
    fn next(self, back: bool) -> Range {
        const ALL: [Range; 4] = [Range::All, Range::Days7, Range::Days30, Range::Days90];
        let i = ALL.iter().position(|b| *b == self).unwrap_or(0);
        ALL[if back { (i + 3) % 4 } else { (i + 1) % 4 }]
    }
    fn days(self) -> Option<i64> {
        match self {
            Range::All => None,
            Range::Days7 => Some(7),
            Range::Days30 => Some(30),
            Range::Days90 => Some(90),
        }
    }
    fn label(self) -> &'static str {
        match self {
            Range::All => "all",
            Range::Days7 => "7 days",
            Range::Days30 => "30 days",
            Range::Days90 => "90 days",
        }
    }
}

/// Where a session came from: a loop template, or a drill / writing session.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
struct Source {
    kind: u8,
    template: Option<String>,
}

impl Source {
    fn of(s: &Session) -> Source {
        Source {
            kind: match s.kind {
                SessionKind::Loop => 0,
                SessionKind::Drill => 1,
                SessionKind::Writing => 2,
            },
            template: s.template.clone(),
        }
    }
    fn label(&self, content: &Content) -> String {
        match (&self.template, self.kind) {
            (Some(t), _) => content
                .template(t)
                .map_or_else(|| one_line(t), |x| one_line(&x.name)),
            (None, 0) => "loops".into(),
            (None, 1) => "drills".into(),
            (None, _) => "writing".into(),
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct Filters {
    /// Index into the content's principles.
    pub lp: Option<usize>,
    /// Index into the sources found in history.
    source: Option<usize>,
    pub band: Band,
    pub range: Range,
    /// Only the attempts at this question id.
    pub question: Option<String>,
    /// The applied search text.
    pub search: String,
}

impl Filters {
    fn active(&self) -> bool {
        self.lp.is_some()
            || self.source.is_some()
            || self.band != Band::All
            || self.range != Range::All
            || self.question.is_some()
            || !self.search.trim().is_empty()
    }
}

// ------------------------------------------------------------ the index

/// One answer, with what the filters need precomputed.
#[derive(Debug, Clone)]
struct Entry {
    si: usize,
    ai: usize,
    at: DateTime<Utc>,
    lp: Option<usize>,
    source: usize,
    avg: Option<f64>,
    question_id: String,
    /// Question, STAR, follow-up probes and responses, notes; lowercase.
    hay: String,
}

#[derive(Debug, Clone, Default)]
struct Index {
    /// Newest first.
    entries: Vec<Entry>,
    sources: Vec<Source>,
    sessions: usize,
}

fn haystack(a: &Answer) -> String {
    let fields = a.labelled();
    let mut s = String::with_capacity(
        a.question.len() + fields.iter().map(|f| f.1.len() + 1).sum::<usize>() + 64,
    );
    s.push_str(&a.question);
    for (_, f) in fields {
        s.push('\n');
        s.push_str(f);
    }
    for f in &a.follow_ups {
        s.push('\n');
        s.push_str(&f.probe);
        s.push('\n');
        s.push_str(&f.response);
    }
    s.push('\n');
    s.push_str(&a.notes);
    s.to_lowercase()
}

impl Index {
    fn build(h: &History, content: &Content) -> Index {
        let lp_pos: HashMap<&str, usize> = content
            .principles
            .iter()
            .enumerate()
            .map(|(i, p)| (p.id.as_str(), i))
            .collect();
        let sources: BTreeSet<Source> = h.sessions.iter().map(Source::of).collect();
        let sources: Vec<Source> = sources.into_iter().collect();
        let src_pos: HashMap<&Source, usize> =
            sources.iter().enumerate().map(|(i, s)| (s, i)).collect();
        let mut entries = Vec::with_capacity(h.answer_count());
        for (si, s) in h.sessions.iter().enumerate() {
            let source = src_pos.get(&Source::of(s)).copied().unwrap_or(0);
            for (ai, a) in s.answers.iter().enumerate() {
                entries.push(Entry {
                    si,
                    ai,
                    at: a.submitted_at,
                    lp: a
                        .principles
                        .first()
                        .and_then(|p| lp_pos.get(p.as_str()).copied()),
                    source,
                    avg: a.average_score(),
                    question_id: a.question_id.clone(),
                    hay: haystack(a),
                });
            }
        }
        entries.sort_by(|a, b| b.at.cmp(&a.at).then(b.si.cmp(&a.si)).then(b.ai.cmp(&a.ai)));
        Index {
            entries,
            sources,
            sessions: h.sessions.len(),
        }
    }
}

/// A stable reference to one answer (session id + position + answer id).
#[derive(Debug, Clone, PartialEq, Eq)]
struct AnswerRef {
    sid: String,
    ai: usize,
    aid: String,
}

impl AnswerRef {
    fn of(s: &Session, ai: usize) -> AnswerRef {
        AnswerRef {
            sid: s.id.clone(),
            ai,
            aid: s.answers.get(ai).map(|a| a.id.clone()).unwrap_or_default(),
        }
    }
    fn find<'h>(&self, h: &'h History) -> Option<(usize, &'h Session, usize, &'h Answer)> {
        let (si, s) = h
            .sessions
            .iter()
            .enumerate()
            .rev()
            .find(|(_, s)| s.id == self.sid)?;
        match s.answers.get(self.ai).filter(|a| a.id == self.aid) {
            Some(a) => Some((si, s, self.ai, a)),
            None => {
                let (ai, a) = s
                    .answers
                    .iter()
                    .enumerate()
                    .find(|(_, a)| a.id == self.aid)?;
                Some((si, s, ai, a))
            }
        }
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

    fn key_overlay(&mut self, o: Overlay, key: KeyEvent, ctx: &Ctx) -> Vec<Cmd> {
        match o {
            Overlay::Search(mut t) => {
                match key.code {
                    KeyCode::Enter => {
                        self.filters.search = text_of(&t).trim().to_string();
                        let keep = ctx.history.and_then(|h| self.selected_ref(h));
                        self.refilter(ctx, keep);
                    }
                    KeyCode::Esc => {
                        self.filters.search.clear();
                        let keep = ctx.history.and_then(|h| self.selected_ref(h));
                        self.refilter(ctx, keep);
                    }
                    _ => {
                        t.input(key);
                        self.overlay = Some(Overlay::Search(t));
                    }
                }
                vec![]
            }
            Overlay::ConfirmDelete { sid, .. } => {
                if matches!(key.code, KeyCode::Char('y') | KeyCode::Char('Y')) {
                    if ctx.read_only {
                        return vec![Cmd::Status(ctx.read_only_note())];
                    }
                    self.views.clear();
                    self.pending = Pending::All;
                    vec![Cmd::TrashSession(sid)]
                } else {
                    vec![]
                }
            }
            Overlay::Trash { mut cursor } => {
                let n = ctx.trashed.len();
                match key.code {
                    KeyCode::Esc | KeyCode::Char('q') | KeyCode::Char('u') => return vec![],
                    KeyCode::Down | KeyCode::Char('j') => {
                        cursor = (cursor + 1).min(n.saturating_sub(1))
                    }
                    KeyCode::Up | KeyCode::Char('k') => cursor = cursor.saturating_sub(1),
                    KeyCode::Enter if n > 0 => {
                        if ctx.read_only {
                            self.overlay = Some(Overlay::Trash { cursor });
                            return vec![Cmd::Status(ctx.read_only_note())];
                        }
                        let id = ctx.trashed[cursor.min(n - 1)].id.clone();
                        self.pending = Pending::All;
                        // Stay open for the rest of the trash; close when it
                        // was the last one, so no hidden mode is left behind.
                        self.overlay = (n > 1).then(|| Overlay::Trash {
                            cursor: cursor.min(n - 2),
                        });
                        return vec![Cmd::RestoreSession(id)];
                    }
                    _ => {}
                }
                self.overlay = Some(Overlay::Trash { cursor });
                vec![]
            }
            Overlay::LinkStory {
                at,
                slots,
                mut cursor,
            } => {
                let last = slots.len().saturating_sub(1);
                match key.code {
                    KeyCode::Esc | KeyCode::Char('q') => return vec![],
                    KeyCode::Down | KeyCode::Char('j') => cursor = (cursor + 1).min(last),
                    KeyCode::Up | KeyCode::Char('k') => cursor = cursor.saturating_sub(1),
                    KeyCode::Home | KeyCode::Char('g') => cursor = 0,
                    KeyCode::End | KeyCode::Char('G') => cursor = last,
                    KeyCode::Enter => {
                        let slot = slots.get(cursor).copied().flatten();
                        return self.link_story(ctx, &at, slot);
                    }
                    _ => {}
                }
                self.overlay = Some(Overlay::LinkStory { at, slots, cursor });
                vec![]
            }
        }
    }

    fn ask_delete(&mut self, h: &History, at: &AnswerRef) {
        if let Some((_, s, _, _)) = at.find(h) {
            let what = match &s.template {
                Some(t) => format!("{} ({})", s.kind.label(), one_line(t)),
                None => s.kind.label().to_string(),
            };
            self.overlay = Some(Overlay::ConfirmDelete {
                sid: s.id.clone(),
                answers: s.answers.len(),
                label: format!(
                    "{what}, {}",
                    crate::localtime::local(s.started_at).format("%Y-%m-%d %H:%M")
                ),
            });
        }
    }

    /// The words of the search applied, to mark where they were found.
    fn search_words(&self) -> Vec<String> {
        self.filters
            .search
            .split_whitespace()
            .map(str::to_string)
            .collect()
    }

    fn open_attempts(&mut self, h: &History, at: &AnswerRef) {
        let Some((_, _, _, a)) = at.find(h) else {
            return;
        };
        let Some(ix) = &self.index else { return };
        let qid = a.question_id.clone();
        let mut list = attempts_of(ix, h, &qid);
        if list.is_empty() {
            list.push(at.clone());
        }
        let right = list.iter().position(|r| r == at).unwrap_or(list.len() - 1);
        let left = if right > 0 {
            right - 1
        } else {
            (right + 1).min(list.len() - 1)
        };
        let (left, right) = (left.min(right), left.max(right));
        self.views.push(View::Attempts(Box::new(Attempts {
            question: qid,
            list,
            left,
            right,
            focus_right: true,
            scroll: 0,
        })));
    }

    fn key_list(&mut self, key: KeyEvent, ctx: &Ctx, h: &History) -> Vec<Cmd> {
        let n = self.filtered.len();
        let page = self.list_rows.get().max(1);
        let back = key.modifiers.contains(KeyModifiers::SHIFT);
        match key.code {
            KeyCode::Esc => return vec![self.back()],
            KeyCode::Char('q') => return vec![Cmd::Quit],
            KeyCode::Char('w') => {
                return vec![Cmd::Go(Target::Screen(Box::new(Screen::Written(
                    Box::new(super::written::WrittenScreen::new(
                        super::written::Back::Review,
                    )),
                ))))];
            }
            KeyCode::Down | KeyCode::Char('j') => {
                self.cursor = (self.cursor + 1).min(n.saturating_sub(1))
            }
            KeyCode::Up | KeyCode::Char('k') => self.cursor = self.cursor.saturating_sub(1),
            KeyCode::PageDown => self.cursor = (self.cursor + page).min(n.saturating_sub(1)),
            KeyCode::PageUp => self.cursor = self.cursor.saturating_sub(page),
            KeyCode::Home | KeyCode::Char('g') => self.cursor = 0,
            KeyCode::End | KeyCode::Char('G') => self.cursor = n.saturating_sub(1),
            KeyCode::Enter => {
                if let Some(r) = self.selected_ref(h) {
                    self.views.push(View::Detail { at: r, scroll: 0 });
                }
            }
            KeyCode::Char('a') => {
                if let Some(r) = self.selected_ref(h) {
                    self.open_attempts(h, &r);
                }
            }
            KeyCode::Char('x') if ctx.read_only => {
                return vec![Cmd::Status(ctx.read_only_note())];
            }
            KeyCode::Char('x') => {
                if let Some(r) = self.selected_ref(h) {
                    self.ask_delete(h, &r);
                }
            }
            KeyCode::Char('u') => self.overlay = Some(Overlay::Trash { cursor: 0 }),
            KeyCode::Char('/') => {
                let mut t = field(&self.filters.search, "words to find (all must match)");
                t.move_cursor(ratatui_textarea::CursorMove::End);
                self.overlay = Some(Overlay::Search(Box::new(t)));
            }
            KeyCode::Char(c @ ('p' | 'P' | 't' | 'T' | 's' | 'S' | 'd' | 'D' | 'c')) => {
                let back = back || c.is_uppercase();
                let keep = self.selected_ref(h);
                match c.to_ascii_lowercase() {
                    'p' => {
                        self.filters.lp = cycle(self.filters.lp, ctx.content.principles.len(), back)
                    }
                    't' => {
                        let n = self.index.as_ref().map_or(0, |ix| ix.sources.len());
                        self.filters.source = cycle(self.filters.source, n, back);
                    }
                    's' => self.filters.band = self.filters.band.next(back),
                    'd' => self.filters.range = self.filters.range.next(back),
                    _ => {
                        let had = self.filters.active();
                        self.filters = Filters::default();
                        if !had {
                            return vec![Cmd::Status("No filters to clear.".into())];
                        }
                    }
                }
                self.refilter(ctx, keep);
                return vec![];
            }
            _ => {}
        }
        self.scroll_to_cursor();
        vec![]
    }

    fn key_detail(
        &mut self,
        key: KeyEvent,
        ctx: &Ctx,
        h: &History,
        at: AnswerRef,
        mut scroll: u16,
    ) -> Vec<Cmd> {
        let page = self.page_rows.get().max(1) as u16;
        let max = self.max_scroll.get();
        let mut cmds = vec![];
        match key.code {
            KeyCode::Esc | KeyCode::Char('q') => return vec![],
            KeyCode::Down | KeyCode::Char('j') => scroll = scroll.saturating_add(1).min(max),
            KeyCode::Up | KeyCode::Char('k') => scroll = scroll.saturating_sub(1),
            KeyCode::PageDown | KeyCode::Char(' ') => {
                scroll = scroll
                    .saturating_add(page.saturating_sub(1).max(1))
                    .min(max)
            }
            KeyCode::PageUp => scroll = scroll.saturating_sub(page.saturating_sub(1).max(1)),
            KeyCode::Home | KeyCode::Char('g') => scroll = 0,
            KeyCode::End | KeyCode::Char('G') => scroll = max,
            KeyCode::Left | KeyCode::Right => {
                let n = self.filtered.len();
                let here = self
                    .index
                    .as_ref()
                    .zip(at.find(h))
                    .and_then(|(ix, (si, _, ai, _))| {
                        self.filtered
                            .iter()
                            .position(|&i| ix.entries[i].si == si && ix.entries[i].ai == ai)
                    });
                if let Some(p) = here {
                    let next = if key.code == KeyCode::Left {
                        p.checked_sub(1)
                    } else {
                        (p + 1 < n).then_some(p + 1)
                    };
                    if let Some(q) = next {
                        self.cursor = q;
                        self.scroll_to_cursor();
                        if let Some(r) = self.selected_ref(h) {
                            self.views.push(View::Detail { at: r, scroll: 0 });
                            return vec![];
                        }
                    }
                }
            }
            KeyCode::Char('a') => {
                self.views.push(View::Detail {
                    at: at.clone(),
                    scroll,
                });
                self.open_attempts(h, &at);
                return vec![];
            }
            KeyCode::Char('t') => {
                if let Some((_, _, _, a)) = at.find(h) {
                    let (question, secs) = (a.question_id.clone(), a.time_limit_secs);
                    self.views.push(View::Detail {
                        at: at.clone(),
                        scroll,
                    });
                    // Back to the comparison of this question's attempts,
                    // where the new one will stand beside the old.
                    let depth = self.views.len();
                    self.open_attempts(h, &at);
                    let back = Screen::Review(Box::new(self.clone()));
                    self.views.truncate(depth);
                    return retry(ctx, &question, secs, back);
                }
            }
            KeyCode::Char('x') if ctx.read_only => cmds.push(Cmd::Status(ctx.read_only_note())),
            KeyCode::Char('x') => self.ask_delete(h, &at),
            KeyCode::Char('r') => {
                if ctx.read_only {
                    cmds.push(Cmd::Status(ctx.read_only_note()));
                } else if let Some((_, s, _, a)) = at.find(h) {
                    let r = rescore(ctx.content, s, a, at.clone());
                    self.views.push(View::Detail { at, scroll });
                    self.views.push(View::Rescore(Box::new(r)));
                    return vec![];
                }
            }
            KeyCode::Char('l') => cmds = self.open_link_picker(ctx, h, &at),
            _ => {}
        }
        self.views.push(View::Detail { at, scroll });
        cmds
    }

    /// Opens the story picker for the answer at `at`, on its current story.
    fn open_link_picker(&mut self, ctx: &Ctx, h: &History, at: &AnswerRef) -> Vec<Cmd> {
        if ctx.read_only {
            return vec![Cmd::Status(ctx.read_only_note())];
        }
        let stories = &ctx.stories.stories;
        if stories.is_empty() {
            return vec![Cmd::Status(
                "No stories yet: write one in the story bank (home → Story bank).".into(),
            )];
        }
        let Some((_, _, _, a)) = at.find(h) else {
            return vec![];
        };
        let slots = link_slots(stories, a.principles.first().map(String::as_str));
        let cursor = a
            .story_id
            .as_ref()
            .and_then(|id| {
                slots
                    .iter()
                    .position(|k| k.is_some_and(|k| &stories[k].id == id))
            })
            .unwrap_or(0);
        self.overlay = Some(Overlay::LinkStory {
            at: at.clone(),
            slots,
            cursor,
        });
        vec![]
    }

    /// Links the answer at `at` to the story in `slot` (or to none) and
    /// saves its session.
    fn link_story(&mut self, ctx: &Ctx, at: &AnswerRef, slot: Option<usize>) -> Vec<Cmd> {
        let stories = &ctx.stories.stories;
        let Some((_, s, ai, a)) = ctx.history.and_then(|h| at.find(h)) else {
            return vec![];
        };
        let id = slot.and_then(|k| stories.get(k)).map(|st| st.id.clone());
        let title = match slot.and_then(|k| stories.get(k)) {
            Some(st) => format!("“{}”", one_line(&st.title)),
            None => "no story".to_string(),
        };
        if a.story_id == id {
            return vec![Cmd::Status(format!("Already linked to {title}."))];
        }
        let mut session = s.clone();
        session.answers[ai].story_id = id;
        self.pending = Pending::Answer(at.clone());
        vec![
            Cmd::Status(format!("Linked to {title}.")),
            Cmd::SaveSession(Box::new(session)),
        ]
    }

    fn key_attempts(&mut self, key: KeyEvent, ctx: &Ctx, mut a: Attempts) -> Vec<Cmd> {
        let n = a.list.len();
        match key.code {
            KeyCode::Esc | KeyCode::Char('q') => return vec![],
            KeyCode::Char('t') => {
                let secs = ctx
                    .history
                    .and_then(|h| a.list.last()?.find(h))
                    .map_or(300, |(_, _, _, x)| x.time_limit_secs);
                let question = a.question.clone();
                self.views.push(View::Attempts(Box::new(a)));
                let back = Screen::Review(Box::new(self.clone()));
                return retry(ctx, &question, secs, back);
            }
            KeyCode::Tab | KeyCode::BackTab => a.focus_right = !a.focus_right,
            KeyCode::Left | KeyCode::Right | KeyCode::Char('h') | KeyCode::Char('l') => {
                let left = matches!(key.code, KeyCode::Left | KeyCode::Char('h'));
                let v = if a.focus_right {
                    &mut a.right
                } else {
                    &mut a.left
                };
                *v = if left {
                    v.saturating_sub(1)
                } else {
                    (*v + 1).min(n.saturating_sub(1))
                };
                a.scroll = 0;
            }
            KeyCode::Down | KeyCode::Char('j') => {
                a.scroll = a.scroll.saturating_add(1).min(self.max_scroll.get())
            }
            KeyCode::Up | KeyCode::Char('k') => a.scroll = a.scroll.saturating_sub(1),
            KeyCode::PageDown | KeyCode::Char(' ') => {
                let page = self.page_rows.get().max(2) as u16 - 1;
                a.scroll = a.scroll.saturating_add(page).min(self.max_scroll.get())
            }
            KeyCode::PageUp => {
                let page = self.page_rows.get().max(2) as u16 - 1;
                a.scroll = a.scroll.saturating_sub(page)
            }
            KeyCode::Enter => {
                self.views.clear();
                self.filters.question = Some(a.question.clone());
                let keep = a.list.get(a.right).cloned();
                self.refilter(ctx, keep);
                return vec![];
            }
            _ => {}
        }
        self.views.push(View::Attempts(Box::new(a)));
        vec![]
    }

    fn key_rescore(&mut self, key: KeyEvent, ctx: &Ctx, h: &History, mut r: Rescore) -> Vec<Cmd> {
        match key.code {
            KeyCode::Esc => {
                return vec![Cmd::Status("Re-score cancelled; nothing changed.".into())];
            }
            KeyCode::Tab => {
                r.board.key(KeyEvent::new(KeyCode::Down, key.modifiers));
            }
            _ if r.board.key(key) => {}
            KeyCode::Enter => return self.confirm_rescore(ctx, h, r),
            _ => {}
        }
        self.views.push(View::Rescore(Box::new(r)));
        vec![]
    }

    fn confirm_rescore(&mut self, ctx: &Ctx, h: &History, r: Rescore) -> Vec<Cmd> {
        let Some((_, s, ai, a)) = r.at.find(h) else {
            return vec![Cmd::Status(
                "That answer is no longer in the history.".into(),
            )];
        };
        if r.board.scores == a.self_scores {
            return vec![Cmd::Status("Scores unchanged; nothing saved.".into())];
        }
        let mut session = s.clone();
        let ans = &mut session.answers[ai];
        let before = average(ans.self_scores.values());
        let old = std::mem::replace(&mut ans.self_scores, r.board.scores);
        if !old.is_empty() {
            ans.score_history.push(ScoreRevision {
                scored_at: ctx.wall,
                self_scores: old,
            });
        }
        let after = ans.average_score();
        let f = |v: Option<f64>| v.map_or("–".to_string(), |v| format!("{v:.1}"));
        self.pending = Pending::Answer(r.at.clone());
        let msg = if before.is_some() {
            format!(
                "Re-scored: {} → {} (the earlier scores are kept in the score history).",
                f(before),
                f(after)
            )
        } else {
            format!("Scored: average {}.", f(after))
        };
        vec![Cmd::Status(msg), Cmd::SaveSession(Box::new(session))]
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
        match &self.overlay {
            None => {}
            Some(Overlay::Search(t)) => {
                crate::tui::widgets::search_box(f, t, main, " Search: Enter applies, Esc clears ");
            }
            Some(Overlay::ConfirmDelete { answers, label, .. }) => {
                let r = popup(main, 64, 7);
                f.render_widget(Clear, r);
                let lines = vec![
                    Line::styled("Move to the trash?", theme::accent()),
                    Line::raw(format!(
                        "This deletes the whole session with {answers} answer{} ({}).",
                        if *answers == 1 { "" } else { "s" },
                        label
                    )),
                    Line::styled(
                        "It can be restored from the trash (u).   y / n",
                        theme::dim(),
                    ),
                ];
                f.render_widget(
                    Paragraph::new(lines).wrap(Wrap { trim: true }).block(
                        Block::default()
                            .borders(Borders::ALL)
                            .border_style(theme::border_focus()),
                    ),
                    r,
                );
            }
            Some(Overlay::LinkStory { at, slots, cursor }) => {
                self.render_link_picker(f, main, ctx, h, at, slots, *cursor);
            }
            Some(Overlay::Trash { cursor }) => {
                let r = popup(main, 72, (ctx.trashed.len() as u16 + 4).clamp(6, 20));
                f.render_widget(Clear, r);
                let rows = r.height.saturating_sub(3) as usize;
                let mut lines = vec![Line::styled(
                    format!("{} in the trash", plural(ctx.trashed.len(), "session")),
                    theme::dim(),
                )];
                if ctx.trashed.is_empty() {
                    lines.push(Line::raw("The trash is empty."));
                }
                let cur = (*cursor).min(ctx.trashed.len().saturating_sub(1));
                let start = cur.saturating_sub(rows.saturating_sub(1));
                for (i, entry) in ctx.trashed.iter().enumerate().skip(start).take(rows) {
                    let st = if i == cur {
                        theme::selected()
                    } else {
                        theme::text()
                    };
                    lines.push(Line::styled(
                        pad(
                            &format!(" {}", one_line(&entry.label)),
                            r.width.saturating_sub(2) as usize,
                        ),
                        st,
                    ));
                }
                f.render_widget(
                    Paragraph::new(lines).block(
                        Block::default()
                            .borders(Borders::ALL)
                            .border_style(theme::border_focus())
                            .title(" Trash: Enter restores "),
                    ),
                    r,
                );
            }
        }
    }

    /// The story picker: two lines per story (title; its LPs and metric),
    /// the linked one marked, the ones on the answer's LP flagged.
    #[allow(clippy::too_many_arguments)]
    fn render_link_picker(
        &self,
        f: &mut Frame,
        main: Rect,
        ctx: &Ctx,
        h: &History,
        at: &AnswerRef,
        slots: &[Option<usize>],
        cursor: usize,
    ) {
        let stories = &ctx.stories.stories;
        let Some((_, _, _, a)) = at.find(h) else {
            return;
        };
        let lp = a.principles.first();
        let r = popup(main, 76, (slots.len() as u16 * 2 + 3).clamp(7, 24));
        f.render_widget(Clear, r);
        let inner = r.width.saturating_sub(2) as usize;
        let lp_name = lp
            .and_then(|id| ctx.content.principle(id))
            .map_or(String::new(), |p| one_line(&p.name));
        let mut lines = vec![Line::styled(
            if lp_name.is_empty() {
                "Which story does this answer tell?".to_string()
            } else {
                truncate(
                    &format!("Which story does this answer tell? ◆ = tagged {lp_name}"),
                    inner,
                )
            },
            theme::dim(),
        )];
        let rows = (r.height.saturating_sub(3) / 2).max(1) as usize;
        let start = cursor.saturating_sub(rows - 1);
        for (i, slot) in slots.iter().enumerate().skip(start).take(rows) {
            let st = if i == cursor {
                theme::selected()
            } else {
                theme::text()
            };
            let Some(story) = slot.and_then(|k| stories.get(k)) else {
                let mark = if a.story_id.is_none() { "●" } else { " " };
                lines.push(Line::styled(pad(&format!("{mark}  (no story)"), inner), st));
                lines.push(Line::styled("   unlink this answer", theme::dim()));
                continue;
            };
            let linked = a.story_id.as_ref() == Some(&story.id);
            let fits = lp.is_some_and(|lp| story.principles.contains(lp));
            lines.push(Line::styled(
                pad(
                    &format!(
                        "{}{} {}",
                        if linked { "●" } else { " " },
                        if fits { "◆" } else { " " },
                        one_line(&story.title)
                    ),
                    inner,
                ),
                st,
            ));
            let lps: Vec<String> = story
                .principles
                .iter()
                .map(|id| {
                    ctx.content
                        .principle(id)
                        .map_or_else(|| one_line(id), |p| one_line(&p.name))
                })
                .collect();
            let mut detail = if lps.is_empty() {
                "no LPs yet".to_string()
            } else {
                lps.join(crate::tui::text::LP_SEP)
            };
            if !story.metric.trim().is_empty() {
                detail.push_str(&format!(" — {}", one_line(&story.metric)));
            }
            lines.push(Line::styled(
                truncate(&format!("   {detail}"), inner),
                theme::dim(),
            ));
        }
        f.render_widget(
            Paragraph::new(lines).block(
                Block::default()
                    .borders(Borders::ALL)
                    .border_style(theme::border_focus())
                    .title(" Link to a story: Enter links, Esc cancels "),
            ),
            r,
        );
    }

    fn filter_line(&self, ctx: &Ctx, ix: &Index, w: u16) -> Line<'static> {
        let f = &self.filters;
        let lp = f.lp.and_then(|i| ctx.content.principles.get(i));
        let lp = lp.map_or("all".into(), |p| one_line(&p.name));
        let src = f
            .source
            .and_then(|i| ix.sources.get(i))
            .map_or("all".into(), |s| s.label(ctx.content));
        let narrow = w < 110;
        let cut = if narrow { 14 } else { 26 };
        let mut spans = Vec::new();
        let mut item = |k: &'static str, name: &'static str, v: String, on: bool| {
            spans.push(Span::styled(k, theme::key()));
            spans.push(Span::styled(format!(" {name} "), theme::dim()));
            spans.push(Span::styled(
                truncate(&v, cut),
                if on { theme::accent() } else { theme::text() },
            ));
            spans.push(Span::raw("  "));
        };
        item("p", "LP", lp, f.lp.is_some());
        item(
            "t",
            if narrow { "tpl" } else { "template" },
            src,
            f.source.is_some(),
        );
        item("s", "score", f.band.label().into(), f.band != Band::All);
        item("d", "dates", f.range.label().into(), f.range != Range::All);
        let search = if f.search.is_empty() {
            "—".to_string()
        } else {
            format!("“{}”", one_line(&f.search))
        };
        item("/", "search", search, !f.search.is_empty());
        if let Some(q) = &f.question {
            let text = ix
                .entries
                .iter()
                .find(|e| &e.question_id == q)
                .and_then(|e| ctx.history?.sessions.get(e.si)?.answers.get(e.ai))
                .map_or_else(|| one_line(q), |a| one_line(&a.question));
            spans.push(Span::styled("question ", theme::dim()));
            spans.push(Span::styled(truncate(&text, 30), theme::accent()));
        }
        Line::from(spans)
    }

    fn render_list(&self, f: &mut Frame, area: Rect, ctx: &Ctx, h: &History, ix: &Index) {
        let [head, cols, list] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Min(1),
        ])
        .areas(area);
        let rows = list.height as usize;
        self.list_rows.set(rows.max(1));
        let total = ix.entries.len();
        let shown = self.filtered.len();
        let writing = h.sessions.iter().filter(|s| s.writing.is_some()).count();
        let writing_note = if writing > 0 {
            format!(" · w: {}", plural(writing, "piece") + " of writing")
        } else {
            String::new()
        };
        let head_text = if shown == total {
            format!(
                "{} in {}, newest first{writing_note}",
                plural(total, "answer"),
                plural(h.sessions.len(), "session")
            )
        } else {
            format!(
                "{shown} of {total} answers match, newest first{}",
                if shown > 0 {
                    format!(" · {}/{shown}", self.cursor + 1)
                } else {
                    String::new()
                }
            )
        };
        f.render_widget(
            Paragraph::new(Line::styled(head_text, theme::title())),
            head,
        );
        let w = area.width as usize;
        let lpw = ((w.saturating_sub(40)) / 4).clamp(12, 30);
        let fixed = 10 + 1 + 5 + 1 + lpw + 1 + 4 + 1 + 6 + 1;
        let qw = w.saturating_sub(fixed + 1).max(8);
        f.render_widget(
            Paragraph::new(Line::styled(
                format!(
                    " {} {} {} {} {} {}",
                    pad("date", 10),
                    pad("kind", 5),
                    pad("LP", lpw),
                    pad_left("avg", 4),
                    pad("over", 6),
                    "question"
                ),
                theme::dim(),
            )),
            cols,
        );
        if total == 0 {
            let trash = if ctx.trashed.is_empty() {
                String::new()
            } else {
                format!(
                    " {} in the trash: u opens it.",
                    plural(ctx.trashed.len(), "session")
                )
            };
            f.render_widget(
                Paragraph::new(vec![
                    Line::raw(""),
                    Line::raw(format!(" No answers yet.{trash}")),
                    Line::styled(
                        " Start a drill or a mock loop from the home screen: every answer you submit shows up here.",
                        theme::dim(),
                    ),
                ])
                .wrap(Wrap { trim: false }),
                list,
            );
            return;
        }
        if shown == 0 {
            f.render_widget(
                Paragraph::new(vec![
                    Line::raw(""),
                    Line::raw(" No answers match these filters."),
                    Line::styled(
                        " c clears them; / then Esc clears the search.",
                        theme::dim(),
                    ),
                ]),
                list,
            );
            return;
        }
        let offset = self.offset.min(shown.saturating_sub(1));
        let offset = if self.cursor >= offset + rows {
            self.cursor + 1 - rows
        } else {
            offset.min(self.cursor)
        };
        let mut lines = Vec::with_capacity(rows);
        for (k, &i) in self.filtered.iter().enumerate().skip(offset).take(rows) {
            let e = &ix.entries[i];
            let Some((s, a)) = h
                .sessions
                .get(e.si)
                .and_then(|s| s.answers.get(e.ai).map(|a| (s, a)))
            else {
                continue;
            };
            let sel = k == self.cursor;
            let base = if sel {
                theme::selected()
            } else {
                theme::text()
            };
            let lp = a.principles.first().map_or("—".to_string(), |p| {
                one_line(ctx.content.principle_name(p))
            });
            let ot = if a.overtime_secs > 0 {
                Span::styled(
                    pad(&format_clock(Duration::from_secs(a.overtime_secs), true), 6),
                    if sel { base } else { theme::bad() },
                )
            } else {
                Span::styled(pad("", 6), base)
            };
            let score = if sel {
                Span::styled(
                    pad_left(
                        &a.average_score().map_or("–".into(), |v| format!("{v:.1}")),
                        4,
                    ),
                    base,
                )
            } else {
                score_span(a.average_score(), 4)
            };
            lines.push(Line::from(vec![
                Span::styled(
                    format!(
                        " {} {} {} ",
                        crate::localtime::local(a.submitted_at).format("%Y-%m-%d"),
                        pad(s.kind.label(), 5),
                        pad(&lp, lpw)
                    ),
                    base,
                ),
                score,
                Span::styled(" ", base),
                ot,
                Span::styled(format!(" {}", pad(&one_line(&a.question), qw)), base),
            ]));
        }
        f.render_widget(Paragraph::new(lines), list);
    }

    fn render_detail(
        &self,
        f: &mut Frame,
        area: Rect,
        ctx: &Ctx,
        h: &History,
        at: &AnswerRef,
        scroll: u16,
    ) {
        let Some((_, s, _, a)) = at.find(h) else {
            f.render_widget(
                Paragraph::new("This answer is no longer in the history. Esc goes back."),
                area,
            );
            return;
        };
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(theme::border_focus())
            .title(format!(
                " {} · {} ",
                s.kind.label(),
                crate::localtime::local(a.submitted_at).format("%Y-%m-%d %H:%M")
            ));
        let inner = block.inner(area);
        f.render_widget(block, area);
        let lines = crate::tui::text::highlight(
            detail_lines(ctx, s, a, inner.width.saturating_sub(1) as usize),
            &self.search_words(),
            theme::found(),
        );
        let rows = inner.height as usize;
        self.page_rows.set(rows.max(1));
        let (shown, max) = crate::tui::widgets::page(lines, rows, scroll);
        self.max_scroll.set(max);
        f.render_widget(Paragraph::new(shown), inner);
    }

    fn render_attempts(&self, f: &mut Frame, area: Rect, h: &History, a: &Attempts) {
        let found: Vec<Option<(&Session, &Answer)>> = a
            .list
            .iter()
            .map(|r| r.find(h).map(|(_, s, _, x)| (s, x)))
            .collect();
        let qtext = found
            .iter()
            .flatten()
            .next()
            .map_or_else(|| one_line(&a.question), |(_, x)| one_line(&x.question));
        let qlines: Vec<String> = wrap(&format!("“{qtext}”"), area.width as usize);
        let qh = qlines.len().clamp(1, 2) as u16;
        let [head, strip, body] = Layout::vertical([
            Constraint::Length(qh + 1),
            Constraint::Length(1),
            Constraint::Min(3),
        ])
        .areas(area);
        let n = a.list.len();
        let mut head_lines: Vec<Line> = qlines
            .iter()
            .take(2)
            .enumerate()
            .map(|(k, l)| {
                let l = if k == 1 && qlines.len() > 2 {
                    truncate(&format!("{l} …"), area.width as usize)
                } else {
                    l.clone()
                };
                Line::styled(l, theme::quote())
            })
            .collect();
        head_lines.push(Line::styled(
            if n == 1 {
                "1 attempt so far: t answers it again, to compare.".to_string()
            } else {
                format!("{n} attempts, oldest first · ◀ left, ▶ right · ←→ pick, Tab side")
            },
            theme::dim(),
        ));
        f.render_widget(Paragraph::new(head_lines), head);
        // The strip of every attempt: date and score, L / R marking the pair.
        let mut spans = Vec::new();
        let cell = 16usize;
        let fit = (strip.width as usize / cell).max(1);
        let centre = if a.focus_right { a.right } else { a.left };
        let start = centre.saturating_sub(fit / 2).min(n.saturating_sub(fit));
        for (i, x) in found.iter().enumerate().skip(start).take(fit) {
            let mark = if i == a.left && i == a.right {
                "◀▶"
            } else if i == a.left {
                "◀ "
            } else if i == a.right {
                "▶ "
            } else {
                "  "
            };
            let (d, v) = x.map_or(("?".into(), None), |(_, x)| {
                (
                    crate::localtime::local(x.submitted_at)
                        .format("%b %d")
                        .to_string(),
                    x.average_score(),
                )
            });
            let st = if i == a.left || i == a.right {
                theme::selected()
            } else {
                theme::text()
            };
            spans.push(Span::styled(format!("{mark}#{} {d} ", i + 1), st));
            spans.push(score_span(v, 3));
            spans.push(Span::raw("  "));
        }
        f.render_widget(Paragraph::new(Line::from(spans)), strip);
        let [lc, rc] = Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)])
            .areas(body);
        let left = found.get(a.left).copied().flatten();
        let right = found.get(a.right).copied().flatten();
        let delta = match (
            left.and_then(|(_, x)| x.average_score()),
            right.and_then(|(_, x)| x.average_score()),
        ) {
            // From the one-decimal values shown, so the change adds up.
            (Some(l), Some(r)) if a.left != a.right => {
                Some(((r * 10.0).round() - (l * 10.0).round()) / 10.0)
            }
            _ => None,
        };
        let mut max = 0u16;
        let mut rows = 1usize;
        let columns = if n == 1 {
            vec![(body, right, a.right)]
        } else {
            vec![(lc, left, a.left), (rc, right, a.right)]
        };
        let single = columns.len() == 1;
        for (k, (col, x, idx)) in columns.into_iter().enumerate() {
            let k = if single { 1 } else { k };
            let focused = (k == 1) == a.focus_right;
            let mut title = vec![Span::styled(
                format!(" #{} ", idx + 1),
                if focused {
                    theme::title()
                } else {
                    theme::dim()
                },
            )];
            if let Some((s, x)) = x {
                title.push(Span::styled(
                    format!(
                        "{} · {} · ",
                        crate::localtime::local(x.submitted_at).format("%Y-%m-%d"),
                        s.kind.label()
                    ),
                    theme::text(),
                ));
                title.push(score_span(x.average_score(), 3));
                if k == 1
                    && let Some(d) = delta
                {
                    let st = if d > 0.0 {
                        theme::good()
                    } else if d < 0.0 {
                        theme::bad()
                    } else {
                        theme::dim()
                    };
                    title.push(Span::styled(format!(" ({d:+.1})"), st));
                }
                title.push(Span::raw(" "));
            }
            let block = Block::default()
                .borders(Borders::ALL)
                .border_style(if focused {
                    theme::border_focus()
                } else {
                    theme::border()
                })
                .title(Line::from(title));
            let inner = block.inner(col);
            f.render_widget(block, col);
            let Some((_, x)) = x else { continue };
            let w = inner.width.saturating_sub(1) as usize;
            let mut lines = vec![Line::styled(
                format!(
                    "{} / {}{}",
                    clock(x.duration_secs),
                    clock(x.time_limit_secs),
                    if x.overtime_secs > 0 {
                        format!("  {} over", clock(x.overtime_secs))
                    } else {
                        String::new()
                    }
                ),
                if x.overtime_secs > 0 {
                    theme::bad()
                } else {
                    theme::dim()
                },
            )];
            for (label, text) in x.labelled() {
                lines.push(Line::styled(label.to_string(), theme::accent()));
                push_wrapped(&mut lines, text, w, theme::text(), "");
            }
            if x.is_blank() && !x.notes.trim().is_empty() {
                lines.push(Line::styled("Notes (spoken answer)", theme::accent()));
                push_wrapped(&mut lines, &x.notes, w, theme::text(), "");
            }
            rows = inner.height as usize;
            max = max.max(lines.len().saturating_sub(rows) as u16);
            let lines = crate::tui::text::highlight(lines, &self.search_words(), theme::found());
            let shown: Vec<Line> = lines
                .into_iter()
                .skip(a.scroll as usize)
                .take(rows)
                .collect();
            f.render_widget(Paragraph::new(shown), inner);
        }
        self.page_rows.set(rows.max(1));
        self.max_scroll.set(max);
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

fn interviewer_label(s: &Session, a: &Answer) -> (String, bool) {
    match s.interviews.get(a.interview_index) {
        Some(r) if !r.interviewer.id.is_empty() => {
            let mut t = one_line(&r.interviewer.name);
            if !r.interviewer.role.is_empty() {
                t.push_str(&format!(" — {}", one_line(&r.interviewer.role)));
            }
            (t, r.interviewer.bar_raiser)
        }
        _ => ("none (a drill)".into(), false),
    }
}

/// Everything about one answer, wrapped to `w` columns.
fn detail_lines(ctx: &Ctx, s: &Session, a: &Answer, w: usize) -> Vec<Line<'static>> {
    let c = ctx.content;
    let mut lines: Vec<Line<'static>> = Vec::new();
    for l in wrap(&one_line(&a.question), w) {
        lines.push(Line::styled(l, theme::quote().add_modifier(Modifier::BOLD)));
    }
    let lps: Vec<String> = a
        .principles
        .iter()
        .map(|p| one_line(c.principle_name(p)))
        .collect();
    lines.push(Line::styled(truncate(&lps.join(" · "), w), theme::title()));
    let (who, br) = interviewer_label(s, a);
    let mut iv = vec![
        Span::styled("Interviewer  ", theme::dim()),
        Span::styled(truncate(&who, w.saturating_sub(28)), theme::interviewer()),
    ];
    if br {
        iv.push(Span::styled("  [Bar Raiser]", theme::accent()));
    }
    lines.push(Line::from(iv));
    let mut time = vec![
        Span::styled("Time         ", theme::dim()),
        Span::raw(format!(
            "{} of {}",
            clock(a.duration_secs),
            clock(a.time_limit_secs)
        )),
    ];
    if a.overtime_secs > 0 {
        time.push(Span::styled(
            format!("  {} overtime", clock(a.overtime_secs)),
            theme::bad(),
        ));
    }
    if a.spoken {
        time.push(Span::styled("  (spoken)", theme::dim()));
    }
    lines.push(Line::from(time));
    let mut score = vec![Span::styled("Self-score   ", theme::dim())];
    match a.average_score() {
        Some(v) => score.push(Span::styled(format!("{v:.2} average"), theme::score(v))),
        None => score.push(Span::styled("not scored (r to score)", theme::dim())),
    }
    lines.push(Line::from(score));
    let story = match &a.story_id {
        None => Span::styled("none (l links one)", theme::dim()),
        Some(id) => match ctx.stories.stories.iter().find(|x| &x.id == id) {
            Some(x) => Span::styled(format!("“{}”", one_line(&x.title)), theme::text()),
            None => Span::styled("(deleted story)", theme::warn()),
        },
    };
    lines.push(Line::from(vec![
        Span::styled("Story        ", theme::dim()),
        story,
    ]));

    for (label, text) in a.labelled() {
        if a.spoken && text.trim().is_empty() {
            continue;
        }
        lines.push(Line::raw(""));
        lines.push(Line::styled(label.to_string(), theme::title()));
        push_wrapped(&mut lines, text, w, theme::text(), "  ");
    }
    if !a.follow_ups.is_empty() {
        lines.push(Line::raw(""));
        lines.push(Line::styled("Follow-ups", theme::title()));
        for fu in &a.follow_ups {
            push_wrapped(
                &mut lines,
                &format!("“{}”", one_line(&fu.probe)),
                w,
                theme::quote(),
                "  ",
            );
            push_wrapped(&mut lines, &fu.response, w, theme::text(), "  ↳ ");
        }
    }
    // The interviewer's judgement, worked out again from the words (it is
    // derived data: a newer judge gives newer levels).
    let judged = crate::practice::judge::Judge::new(c).judge_answer(a, br);
    lines.push(Line::raw(""));
    lines.push(Line::styled("What the interviewer heard", theme::title()));
    let an = &a.analysis;
    lines.push(Line::styled(
        truncate(
            &format!(
                "  {} words · “I” {} / “we” {} · {} in the Result · ≈{} spoken",
                an.words,
                an.i_count,
                an.we_count,
                plural(an.numbers_in_result as usize, "number"),
                clock(u64::from(an.speaking_secs))
            ),
            w,
        ),
        theme::dim(),
    ));
    let signals: Vec<String> = match &judged {
        Some(j) => j.signals(),
        None => an.signals.clone(),
    };
    if let Some(j) = &judged {
        lines.push(Line::from(vec![
            Span::styled("  Vote on this answer: ", theme::dim()),
            match (j.vote, j.average) {
                (Some(v), Some(avg)) => {
                    Span::styled(format!("{} ({avg:.2})", v.label()), theme::score(avg))
                }
                _ => Span::styled("none", theme::dim()),
            },
        ]));
    }
    if signals.is_empty() {
        lines.push(Line::styled("  No warning signals.", theme::good()));
    }
    for sig in &signals {
        // The explanation says it in words; an id from an older version
        // that is no longer known is shown as it is.
        let e =
            crate::content::signal_explanation(sig).map_or_else(|| one_line(sig), str::to_string);
        push_wrapped(&mut lines, &e, w, theme::warn(), "  ⚑ ");
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        "By criterion: the interviewer's level, then yours",
        theme::title(),
    ));
    if a.self_scores.is_empty() {
        lines.push(Line::styled(
            "  Not self-scored yet: r scores it.",
            theme::dim(),
        ));
    }
    let mut shown: Vec<&str> = Vec::new();
    if let Some(j) = &judged {
        for cj in &j.criteria {
            shown.push(cj.key.as_str());
            let mine = a.self_scores.get(&cj.key).copied();
            let padded = matches!((mine, cj.level), (Some(m), Some(l)) if m >= l + 2);
            let (r, cn) = criterion_name(c, &cj.key);
            let label = truncate(&format!("{r} — {cn}"), w.saturating_sub(16));
            lines.push(Line::from(vec![
                Span::styled(
                    format!("  {} ", cj.level.map_or("·".into(), |l| l.to_string())),
                    cj.level
                        .map_or(theme::dim(), |l| theme::score(f64::from(l))),
                ),
                Span::styled(
                    format!("you {} ", mine.map_or("·".into(), |m| m.to_string())),
                    if padded { theme::bad() } else { theme::dim() },
                ),
                Span::raw(label),
                Span::styled(if padded { "  ⚠ 2+ above" } else { "" }, theme::bad()),
            ]));
            if cj.level.is_none() {
                push_wrapped(
                    &mut lines,
                    &format!("not judged: {}", cj.silent.as_deref().unwrap_or("")),
                    w,
                    theme::dim(),
                    "      ",
                );
            }
            for e in &cj.evidence {
                let text = if e.quote.is_empty() {
                    e.reason.clone()
                } else {
                    format!("“{}” — {}", one_line(&e.quote), e.reason)
                };
                push_wrapped(
                    &mut lines,
                    &text,
                    w,
                    if e.effect == crate::practice::judge::Effect::Plus {
                        theme::text()
                    } else {
                        theme::warn()
                    },
                    &format!("      {} ", e.effect.symbol()),
                );
            }
        }
    }
    // Self-scores on criteria the judge did not list (an older rubric).
    let mut keys: Vec<(&String, &u8)> = a
        .self_scores
        .iter()
        .filter(|(k, _)| !shown.contains(&k.as_str()))
        .collect();
    keys.sort_by_key(|(k, _)| criterion_order(c, k));
    for (key, v) in keys {
        let (r, cn) = criterion_name(c, key);
        let label = truncate(&format!("{r} — {cn}"), w.saturating_sub(16));
        lines.push(Line::from(vec![
            Span::styled("  · ", theme::dim()),
            Span::styled(format!("you {v} "), theme::score(f64::from(*v))),
            Span::raw(label),
        ]));
    }
    if !a.score_history.is_empty() {
        lines.push(Line::raw(""));
        lines.push(Line::styled(
            "Score history (earlier self-scores)",
            theme::title(),
        ));
        for rev in a.score_history.iter().rev() {
            let avg = average(rev.self_scores.values());
            let mut keyed: Vec<(&String, &u8)> = rev.self_scores.iter().collect();
            keyed.sort_by_key(|(k, _)| criterion_order(c, k));
            let vals: Vec<String> = keyed.iter().map(|(_, v)| v.to_string()).collect();
            lines.push(Line::from(vec![
                Span::styled(
                    format!(
                        "  replaced {}  ",
                        crate::localtime::local(rev.scored_at).format("%Y-%m-%d %H:%M")
                    ),
                    theme::dim(),
                ),
                match avg {
                    Some(v) => Span::styled(format!("{v:.2}"), theme::score(v)),
                    None => Span::styled("–", theme::dim()),
                },
                Span::styled(format!("  ({})", vals.join(" ")), theme::dim()),
            ]));
        }
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled("Notes", theme::title()));
    push_wrapped(&mut lines, &a.notes, w, theme::text(), "  ");
    lines
}

/// The story picker's slots: "no story" first, then the stories tagged with
/// the answer's primary LP, then the rest, each group by title.
fn link_slots(stories: &[crate::store::Story], lp: Option<&str>) -> Vec<Option<usize>> {
    let mut idx: Vec<usize> = (0..stories.len()).collect();
    idx.sort_by_cached_key(|&i| {
        let fits = lp.is_some_and(|lp| stories[i].principles.iter().any(|p| p == lp));
        (!fits, stories[i].title.to_lowercase())
    });
    std::iter::once(None)
        .chain(idx.into_iter().map(Some))
        .collect()
}

/// Starts a one-question drill to answer `question` again, with the same time.
/// Every answer to `question`, oldest first.
fn attempts_of(ix: &Index, h: &History, question: &str) -> Vec<AnswerRef> {
    ix.entries
        .iter()
        .rev()
        .filter(|e| e.question_id == question)
        .filter_map(|e| h.sessions.get(e.si).map(|s| AnswerRef::of(s, e.ai)))
        .collect()
}

/// A timed drill on `question` again; it ends back at `back` (the review as
/// it was, showing the new attempt beside the old ones).
fn retry(ctx: &Ctx, question: &str, time_limit_secs: u64, back: Screen) -> Vec<Cmd> {
    if ctx.read_only {
        return vec![Cmd::Status(ctx.read_only_note())];
    }
    let minutes = time_limit_secs.div_ceil(60).clamp(1, 120) as u32;
    let seed = crate::practice::rng::fresh_seed(ctx.wall.timestamp_nanos_opt().unwrap_or_default());
    match crate::practice::plan::plan_retry(ctx.content, question, minutes, seed) {
        Ok(plan) => vec![Cmd::Go(Target::Screen(Box::new(Screen::Session(
            Box::new(
                super::session::SessionScreen::new_drill(ctx.content, plan, false, ctx.wall)
                    .returning_to(back),
            ),
        ))))],
        Err(e) => vec![Cmd::Status(e.to_string())],
    }
}

fn rescore(content: &Content, s: &Session, a: &Answer, at: AnswerRef) -> Rescore {
    Rescore {
        at,
        board: Board::for_answer(content, s, a),
    }
}

fn render_rescore(f: &mut Frame, area: Rect, h: &History, r: &Rescore) {
    let Some((_, _, _, a)) = r.at.find(h) else {
        return;
    };
    let [head, body] = Layout::vertical([Constraint::Length(2), Constraint::Min(4)]).areas(area);
    let before = a.average_score();
    let now = average(r.board.scores.values());
    let f1 = |v: Option<f64>| v.map_or("–".to_string(), |v| format!("{v:.2}"));
    f.render_widget(
        Paragraph::new(vec![
            Line::from(vec![
                Span::styled("Re-score  ", theme::title()),
                Span::styled(
                    truncate(
                        &one_line(&a.question),
                        area.width.saturating_sub(12) as usize,
                    ),
                    theme::dim(),
                ),
            ]),
            Line::styled(
                format!(
                    "{} of {} scored · average {} (was {}) · the earlier scores are kept",
                    r.board.scored(),
                    r.board.items.len(),
                    f1(now),
                    f1(before)
                ),
                theme::dim(),
            ),
        ]),
        head,
    );
    if r.board.items.is_empty() {
        f.render_widget(
            Paragraph::new("The content has no rubric for this answer's LP."),
            body,
        );
        return;
    }
    r.board.render(f, body, true, Some(&a.self_scores));
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
