//! The story bank: stories mapped to Leadership Principles, a form to write
//! and edit them, the LP × story coverage matrix and the warnings that say
//! which story to write next.

use super::Screen;
use super::review::{popup, text_of};
use crate::content::Content;
use crate::practice::progress::progress;
use crate::store::{self, History, SessionKind, Star, Story, StoryBank};
use crate::tui::cmd::{Cmd, Ctx, Target};
use crate::tui::labels as L;
use crate::tui::text::{one_line, plural, sanitize, truncate};
use crate::tui::text::{pad, pad_left, wrap};
use crate::tui::theme;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};
use ratatui_textarea::{TextArea, WrapMode};
use std::cell::Cell;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// A story covering more LPs than this sounds generic.
pub const MAX_LPS_PER_STORY: usize = 4;

const FIELDS: [&str; 7] = [
    "Title",
    "Summary",
    "Situation",
    "Task",
    "Action",
    "Result",
    "Metric",
];
const HINTS: [&str; 7] = [
    "A short name you will recognise, e.g. “Stalled migration rescue”",
    "Two sentences: what happened and why it mattered",
    "Context: team, scale, stakes",
    "What you owned",
    "What YOU did: decisions, trade-offs, who you moved",
    "What changed, in numbers; what you learned",
    "The one number to remember, e.g. “-40% cost in 6 weeks”",
];
/// Index of the LP checklist in the form's focus order.
const LP_FOCUS: usize = 7;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WarnKind {
    NoStory,
    Stretched,
    Retold,
    Next,
    Info,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Warning {
    pub kind: WarnKind,
    pub text: String,
}

#[derive(Debug, Clone, Default)]
struct Derived {
    built: bool,
    with_history: bool,
    /// Answers linked per story id.
    linked: HashMap<String, usize>,
    warnings: Vec<Warning>,
}

#[derive(Debug, Clone)]
struct Form {
    id: Option<String>,
    fields: [TextArea<'static>; 7],
    lps: BTreeSet<usize>,
    /// LP ids the content does not know (kept as they were).
    unknown: Vec<String>,
    lp_cursor: usize,
    focus: usize,
    confirm_discard: bool,
    original: (Vec<String>, BTreeSet<usize>),
}

/// The title a story form saved when its terminal closed without one gets.
pub const UNTITLED: &str = "Untitled (kept when the terminal closed)";

/// The story bank with the form's story in it (replacing the story it
/// edits), and where that story is.
fn form_into_bank(ctx: &Ctx, f: &Form, title: String) -> (StoryBank, usize) {
    let t = f.texts();
    let mut principles: Vec<String> = f
        .lps
        .iter()
        .filter_map(|&i| ctx.content.principles.get(i).map(|p| p.id.clone()))
        .collect();
    principles.extend(f.unknown.iter().cloned());
    let star = Star {
        situation: t[2].trim_end().to_string(),
        task: t[3].trim_end().to_string(),
        action: t[4].trim_end().to_string(),
        result: t[5].trim_end().to_string(),
    };
    let mut bank: StoryBank = ctx.stories.clone();
    let existing =
        f.id.as_ref()
            .and_then(|id| bank.stories.iter().position(|s| &s.id == id));
    let story = Story {
        id: f.id.clone().unwrap_or_else(|| store::new_id(ctx.wall)),
        title,
        summary: t[1].trim_end().to_string(),
        star,
        principles,
        metric: one_line(t[6].trim()).trim().to_string(),
        created_at: existing.map_or(ctx.wall, |i| bank.stories[i].created_at),
        updated_at: ctx.wall,
    };
    let pos = match existing {
        Some(i) => {
            bank.stories[i] = story;
            i
        }
        None => {
            bank.stories.push(story);
            bank.stories.len() - 1
        }
    };
    (bank, pos)
}

fn area_field(text: &str, hint: &str, multi: bool) -> TextArea<'static> {
    let mut t = TextArea::default();
    if multi {
        t.set_wrap_mode(WrapMode::WordOrGlyph);
    }
    t.set_placeholder_text(hint.to_string());
    t.set_placeholder_style(theme::dim());
    t.set_cursor_line_style(Style::new());
    if !text.is_empty() {
        t.insert_str(text);
    }
    t
}

impl Form {
    fn new(content: &Content, story: Option<&Story>) -> Form {
        let texts: [String; 7] = match story {
            Some(s) => [
                s.title.clone(),
                s.summary.clone(),
                s.star.situation.clone(),
                s.star.task.clone(),
                s.star.action.clone(),
                s.star.result.clone(),
                s.metric.clone(),
            ],
            None => Default::default(),
        };
        let mut lps = BTreeSet::new();
        let mut unknown = Vec::new();
        for p in story.map_or(&[][..], |s| &s.principles[..]) {
            match content.principles.iter().position(|x| &x.id == p) {
                Some(i) => {
                    lps.insert(i);
                }
                None => unknown.push(p.clone()),
            }
        }
        let fields = std::array::from_fn(|k| area_field(&texts[k], HINTS[k], k != 0 && k != 6));
        Form {
            id: story.map(|s| s.id.clone()),
            fields,
            original: (texts.to_vec(), lps.clone()),
            lps,
            unknown,
            lp_cursor: 0,
            focus: 0,
            confirm_discard: false,
        }
    }
    fn texts(&self) -> Vec<String> {
        self.fields.iter().map(text_of).collect()
    }
    fn dirty(&self) -> bool {
        self.texts() != self.original.0 || self.lps != self.original.1
    }
}

#[derive(Debug, Clone)]
struct ConfirmDelete {
    id: String,
    title: String,
    linked: Option<usize>,
}

#[derive(Debug, Clone)]
pub struct StoriesScreen {
    /// The selected story (list row, matrix column).
    cursor: usize,
    /// The selected LP row in the matrix.
    row: usize,
    pub matrix: bool,
    col_offset: usize,
    form: Option<Box<Form>>,
    confirm: Option<ConfirmDelete>,
    derived: Derived,
    pending: bool,
    cols_fit: Cell<usize>,
    /// The list's search (`/`): every word must appear in the story.
    search: String,
    search_box: Option<Box<TextArea<'static>>>,
}

impl Default for StoriesScreen {
    fn default() -> Self {
        StoriesScreen {
            cursor: 0,
            row: 0,
            matrix: false,
            col_offset: 0,
            form: None,
            confirm: None,
            derived: Derived::default(),
            pending: false,
            cols_fit: Cell::new(8),
            search: String::new(),
            search_box: None,
        }
    }
}

/// Up to three capital initials of a title, e.g. "Stalled migration rescue" → "SMR".
pub fn abbreviate(title: &str) -> String {
    let words: Vec<&str> = title
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let s: String = if words.len() >= 2 {
        words
            .iter()
            .take(3)
            .filter_map(|w| w.chars().next())
            .collect()
    } else {
        words
            .first()
            .map_or("?".into(), |w| w.chars().take(3).collect())
    };
    sanitize(&s.to_uppercase())
}

/// Answers linked to each story, across the history.
fn linked_counts(h: &History) -> HashMap<String, usize> {
    let mut m = HashMap::new();
    for a in h.sessions.iter().flat_map(|s| &s.answers) {
        if let Some(id) = &a.story_id {
            *m.entry(id.clone()).or_insert(0) += 1;
        }
    }
    m
}

/// The coverage warnings and the suggestion of which story to write next.
/// Fewer stories than this get a warning: a loop needs several per LP group.
pub const MIN_STORIES: usize = 5;

pub fn warnings(ctx: &Ctx) -> Vec<Warning> {
    let c = ctx.content;
    let bank = &ctx.stories.stories;
    let mut out = Vec::new();
    if let Some(e) = ctx.stories_unreadable {
        out.push(Warning {
            kind: WarnKind::NoStory,
            text: format!(
                "{}. Your stories are safe in that file; fix or move it, then restart. Until then nothing is written to the bank.",
                e.trim_end_matches('.')
            ),
        });
    }
    let covered: BTreeSet<&str> = bank
        .iter()
        .flat_map(|s| s.principles.iter().map(String::as_str))
        .collect();
    let missing: Vec<&str> = c
        .principles
        .iter()
        .filter(|p| !covered.contains(p.id.as_str()))
        .map(|p| p.name.as_str())
        .collect();
    if bank.is_empty() && ctx.stories_unreadable.is_none() {
        out.push(Warning {
            kind: WarnKind::Info,
            text: "The bank is empty: aim for 5–12 stories that together cover all 16 LPs. n writes the first.".into(),
        });
    } else if (1..MIN_STORIES).contains(&bank.len()) {
        out.push(Warning {
            kind: WarnKind::Stretched,
            text: format!(
                "Only {} so far: a loop asks for two or three stories per interviewer, so aim for 5–12 that together cover all 16 LPs.",
                plural(bank.len(), "story")
            ),
        });
    }
    if !missing.is_empty() {
        out.push(Warning {
            kind: WarnKind::NoStory,
            text: format!(
                "No story yet for {} of {} LPs: {}.",
                missing.len(),
                c.principles.len(),
                one_line(&missing.join(crate::tui::text::LP_SEP))
            ),
        });
    }
    for s in bank {
        if s.principles.len() > MAX_LPS_PER_STORY {
            out.push(Warning {
                kind: WarnKind::Stretched,
                text: format!(
                    "“{}” is stretched over {} LPs: it will sound generic; keep its {} strongest.",
                    one_line(&s.title),
                    s.principles.len(),
                    MAX_LPS_PER_STORY
                ),
            });
        }
    }
    if let Some(h) = ctx.history {
        for sess in h.sessions.iter().filter(|s| s.kind == SessionKind::Loop) {
            let mut told: BTreeMap<&str, BTreeSet<usize>> = BTreeMap::new();
            for a in &sess.answers {
                if let Some(id) = &a.story_id {
                    told.entry(id.as_str())
                        .or_default()
                        .insert(a.interview_index);
                }
            }
            for (id, ivs) in told.into_iter().filter(|(_, v)| v.len() >= 2) {
                let title = bank
                    .iter()
                    .find(|s| s.id == id)
                    .map_or("(deleted story)".to_string(), |s| {
                        format!("“{}”", one_line(&s.title))
                    });
                let who: Vec<String> = ivs
                    .iter()
                    .filter_map(|&i| sess.interviews.get(i))
                    .map(|r| one_line(&r.interviewer.name))
                    .collect();
                out.push(Warning {
                    kind: WarnKind::Retold,
                    text: format!(
                        "{title} was told to {} interviewers in the loop of {} ({}): each should hear a different story.",
                        ivs.len(),
                        crate::localtime::local(sess.started_at).format("%Y-%m-%d"),
                        who.join(", ")
                    ),
                });
            }
        }
    }
    // What to write next: the highest-priority LP that has no story.
    let sessions = ctx.history.map_or(&[][..], |h| &h.sessions[..]);
    let p = progress(sessions, c, ctx.wall);
    let order = p.due_order();
    let next = order.iter().find(|s| !covered.contains(s.id.as_str()));
    match next {
        Some(s) => {
            let why = if ctx.history.is_none() {
                "history is still loading, so this follows the LP order".to_string()
            } else if s.answers == 0 {
                "never practised, so it is first in your practice queue".to_string()
            } else {
                let days = s
                    .last_practised
                    .map_or(0, |l| (ctx.wall - l).num_days().max(0));
                let avg = s
                    .average
                    .map_or("not scored".to_string(), |a| format!("average {a:.1}"));
                format!(
                    "{avg} over {}, last practised {} ago: the highest practice priority without a story",
                    plural(s.answers, "answer"),
                    plural(days as usize, "day")
                )
            };
            out.push(Warning {
                kind: WarnKind::Next,
                text: format!("Write next: a story for {} ({why}).", one_line(&s.name)),
            });
        }
        None if !c.principles.is_empty() => {
            if let Some(s) = order.first() {
                out.push(Warning {
                    kind: WarnKind::Next,
                    text: format!(
                        "Every LP has a story. Practise next: {}, first in your practice queue.",
                        one_line(&s.name)
                    ),
                });
            }
        }
        None => {}
    }
    // The suggestion is the one thing to act on: show it first.
    if let Some(i) = out.iter().position(|w| w.kind == WarnKind::Next) {
        let next = out.remove(i);
        out.insert(0, next);
    }
    out
}

impl StoriesScreen {
    pub fn new() -> StoriesScreen {
        StoriesScreen::default()
    }

    /// The warnings as last derived (for tests and the panel).
    pub fn current_warnings(&self) -> &[Warning] {
        &self.derived.warnings
    }

    pub fn captures_text(&self) -> bool {
        self.search_box.is_some()
            || self
                .form
                .as_ref()
                .is_some_and(|f| f.focus < LP_FOCUS && !f.confirm_discard)
    }

    /// The stories the list shows: all, or those matching the search in
    /// their title, summary, STAR outline, metric or LP names.
    fn visible(&self, ctx: &Ctx) -> Vec<usize> {
        let terms: Vec<String> = self
            .search
            .to_lowercase()
            .split_whitespace()
            .map(str::to_string)
            .collect();
        let stories = &ctx.stories.stories;
        if terms.is_empty() {
            return (0..stories.len()).collect();
        }
        stories
            .iter()
            .enumerate()
            .filter(|(_, s)| {
                let mut hay = format!(
                    "{} {} {} {}",
                    s.title,
                    s.summary,
                    s.star.full_text(),
                    s.metric
                );
                for p in &s.principles {
                    hay.push(' ');
                    hay.push_str(ctx.content.principle_name(p));
                }
                let hay = hay.to_lowercase();
                terms.iter().all(|t| hay.contains(t.as_str()))
            })
            .map(|(i, _)| i)
            .collect()
    }

    /// The selected story, if the list shows it (a search may hide it).
    fn selected<'a>(&self, ctx: &Ctx<'a>) -> Option<&'a crate::store::Story> {
        let shown = self.matrix || self.visible(ctx).contains(&self.cursor);
        ctx.stories.stories.get(self.cursor).filter(|_| shown)
    }

    fn key_search(&mut self, key: KeyEvent, ctx: &Ctx, mut t: Box<TextArea<'static>>) -> Vec<Cmd> {
        match key.code {
            KeyCode::Enter => self.search = text_of(&t).trim().to_string(),
            KeyCode::Esc => self.search.clear(),
            _ => {
                t.input(key);
                self.search_box = Some(t);
                return vec![];
            }
        }
        let visible = self.visible(ctx);
        if !visible.contains(&self.cursor)
            && let Some(&first) = visible.first()
        {
            self.cursor = first;
        }
        if visible.is_empty() {
            return vec![Cmd::Status(format!(
                "No story matches “{}”: / changes the search, Esc in it clears it.",
                one_line(&self.search)
            ))];
        }
        vec![]
    }

    pub fn paste(&mut self, text: &str) {
        if let Some(t) = &mut self.search_box {
            t.insert_str(one_line(text));
            return;
        }
        if let Some(f) = &mut self.form
            && f.focus < LP_FOCUS
            && !f.confirm_discard
        {
            let clean = text.replace("\r\n", "\n").replace('\r', "\n");
            let single = f.focus == 0 || f.focus == 6;
            f.fields[f.focus].insert_str(if single { one_line(&clean) } else { clean });
        }
    }

    pub fn title(&self, _ctx: &Ctx) -> String {
        match (&self.form, self.matrix) {
            (Some(f), _) if f.id.is_some() => "· story bank · edit story".into(),
            (Some(_), _) => "· story bank · new story".into(),
            (None, true) => "· story bank · coverage matrix".into(),
            (None, false) => "· story bank".into(),
        }
    }

    pub fn sync(&mut self, ctx: &Ctx) {
        let arrived = ctx.history.is_some() && !self.derived.with_history;
        if self.derived.built && !self.pending && !arrived {
            return;
        }
        self.pending = false;
        self.derived = Derived {
            built: true,
            with_history: ctx.history.is_some(),
            linked: ctx.history.map(linked_counts).unwrap_or_default(),
            warnings: warnings(ctx),
        };
        self.cursor = self.cursor.min(ctx.stories.stories.len().saturating_sub(1));
    }

    pub fn footer(&self, _ctx: &Ctx) -> Vec<(&'static str, &'static str)> {
        if self.confirm.is_some() {
            return vec![("y", "delete"), ("any other key", "keep it")];
        }
        if let Some(f) = &self.form {
            if f.confirm_discard {
                return vec![("y", "discard changes"), ("any other key", "keep editing")];
            }
            return if f.focus == LP_FOCUS {
                vec![
                    ("↑↓", "LP"),
                    ("Space", "toggle"),
                    ("Tab", "fields"),
                    ("Ctrl-S", "save"),
                    ("Esc", "cancel"),
                ]
            } else {
                vec![
                    ("Tab/S-Tab", "next field"),
                    ("Ctrl-S", "save"),
                    ("Esc", "cancel"),
                    ("F1", "help"),
                ]
            };
        }
        if self.search_box.is_some() {
            return vec![("Enter", "search"), ("Esc", "clear the search")];
        }
        if self.matrix {
            vec![
                ("←→", "story"),
                ("↑↓", "LP"),
                ("Space", "toggle"),
                ("e", "edit"),
                ("n", "new"),
                ("m", "list"),
                ("Esc", "home"),
            ]
        } else {
            vec![
                ("↑↓", "move"),
                ("/", "search"),
                ("n", "new"),
                ("e", "edit"),
                ("x", "delete"),
                ("m", "matrix"),
                ("Esc", "home"),
                ("q", "quit"),
                ("?", "help"),
            ]
        }
    }

    pub fn help(&self, _ctx: &Ctx) -> Vec<(&'static str, &'static str)> {
        vec![
            ("↑ ↓ / j k", "move between stories (LPs in the matrix)"),
            (
                "/",
                "search the stories (title, summary, STAR, metric, LPs)",
            ),
            ("n", "write a new story"),
            ("e / Enter", "edit the selected story"),
            ("x", "delete it (linked answers show “(deleted story)”)"),
            ("m", "switch between the list and the coverage matrix"),
            ("← →", "matrix: move between stories"),
            ("Space", "matrix: toggle the LP for the story"),
            ("Tab / Shift-Tab", "form: next / previous field"),
            ("Space", "form: toggle the LP under the cursor"),
            ("Ctrl-S", "form: save the story"),
            ("Esc", "form: cancel; list: home"),
        ]
    }

    pub fn key(&mut self, key: KeyEvent, ctx: &Ctx) -> Vec<Cmd> {
        if let Some(c) = self.confirm.take() {
            if matches!(key.code, KeyCode::Char('y') | KeyCode::Char('Y')) {
                if let Some(why) = ctx.stories_locked() {
                    return vec![Cmd::Status(why)];
                }
                let mut bank = ctx.stories.clone();
                bank.stories.retain(|s| s.id != c.id);
                self.pending = true;
                return vec![
                    Cmd::Status(format!("Deleted “{}”.", one_line(&c.title))),
                    Cmd::SaveStories(bank),
                ];
            }
            return vec![];
        }
        if self.form.is_some() {
            return self.key_form(key, ctx);
        }
        if let Some(t) = self.search_box.take() {
            return self.key_search(key, ctx, t);
        }
        if key.modifiers.contains(KeyModifiers::CONTROL) {
            return vec![];
        }
        let n = ctx.stories.stories.len();
        match key.code {
            KeyCode::Esc => return vec![Cmd::Go(Target::Home)],
            KeyCode::Char('q') => return vec![Cmd::Quit],
            KeyCode::Char('m') => self.matrix = !self.matrix,
            KeyCode::Char('/') if !self.matrix => {
                self.search_box = Some(Box::new(super::review::field(
                    &self.search,
                    "words in a title, summary, STAR, metric or LP",
                )));
                return vec![];
            }
            KeyCode::Char('n') => {
                if let Some(why) = ctx.stories_locked() {
                    return vec![Cmd::Status(why)];
                }
                self.form = Some(Box::new(Form::new(ctx.content, None)));
            }
            KeyCode::Char('e') | KeyCode::Enter => {
                if let Some(why) = ctx.stories_locked() {
                    return vec![Cmd::Status(why)];
                }
                if let Some(s) = self.selected(ctx) {
                    self.form = Some(Box::new(Form::new(ctx.content, Some(s))));
                } else {
                    return vec![Cmd::Status("No story selected: n writes one.".into())];
                }
            }
            KeyCode::Char('x') | KeyCode::Delete if ctx.stories_locked().is_some() => {
                return vec![Cmd::Status(ctx.stories_locked().unwrap_or_default())];
            }
            KeyCode::Char('x') | KeyCode::Delete => {
                if let Some(s) = self.selected(ctx) {
                    self.confirm = Some(ConfirmDelete {
                        id: s.id.clone(),
                        title: s.title.clone(),
                        linked: self
                            .derived
                            .with_history
                            .then(|| self.derived.linked.get(&s.id).copied().unwrap_or(0)),
                    });
                }
            }
            _ => {}
        }
        if self.matrix {
            let lps = ctx.content.principles.len();
            match key.code {
                KeyCode::Left | KeyCode::Char('h') => self.cursor = self.cursor.saturating_sub(1),
                KeyCode::Right | KeyCode::Char('l') => {
                    self.cursor = (self.cursor + 1).min(n.saturating_sub(1))
                }
                KeyCode::Up | KeyCode::Char('k') => self.row = self.row.saturating_sub(1),
                KeyCode::Down | KeyCode::Char('j') => {
                    self.row = (self.row + 1).min(lps.saturating_sub(1))
                }
                KeyCode::Char(' ') => return self.toggle_cell(ctx),
                _ => {}
            }
            let fit = self.cols_fit.get().max(1);
            if self.cursor < self.col_offset {
                self.col_offset = self.cursor;
            } else if self.cursor >= self.col_offset + fit {
                self.col_offset = self.cursor + 1 - fit;
            }
        } else {
            // Move among the stories the list shows (all, or the matches).
            let visible = self.visible(ctx);
            let at = visible.iter().position(|&i| i == self.cursor);
            let last = visible.len().saturating_sub(1);
            let to = match key.code {
                KeyCode::Up | KeyCode::Char('k') => at.map(|p| p.saturating_sub(1)),
                KeyCode::Down | KeyCode::Char('j') => {
                    at.map_or(Some(0), |p| Some((p + 1).min(last)))
                }
                KeyCode::Home | KeyCode::Char('g') => Some(0),
                KeyCode::End | KeyCode::Char('G') => Some(last),
                _ => None,
            };
            if let Some(&i) = to.and_then(|p| visible.get(p)) {
                self.cursor = i;
            }
        }
        vec![]
    }

    fn toggle_cell(&mut self, ctx: &Ctx) -> Vec<Cmd> {
        if let Some(why) = ctx.stories_locked() {
            return vec![Cmd::Status(why)];
        }
        let Some(p) = ctx.content.principles.get(self.row) else {
            return vec![];
        };
        let mut bank = ctx.stories.clone();
        let Some(s) = bank.stories.get_mut(self.cursor) else {
            return vec![Cmd::Status("No story yet: n writes one.".into())];
        };
        let on = if let Some(i) = s.principles.iter().position(|x| x == &p.id) {
            s.principles.remove(i);
            false
        } else {
            s.principles.push(p.id.clone());
            // Keep the content's LP order.
            let order: HashMap<&str, usize> = ctx
                .content
                .principles
                .iter()
                .enumerate()
                .map(|(i, p)| (p.id.as_str(), i))
                .collect();
            s.principles
                .sort_by_key(|x| order.get(x.as_str()).copied().unwrap_or(usize::MAX));
            true
        };
        s.updated_at = ctx.wall;
        let msg = format!(
            "“{}” {} {}.",
            one_line(&s.title),
            if on { "now covers" } else { "no longer covers" },
            one_line(&p.name)
        );
        self.pending = true;
        vec![Cmd::Status(msg), Cmd::SaveStories(bank)]
    }

    fn key_form(&mut self, key: KeyEvent, ctx: &Ctx) -> Vec<Cmd> {
        let Some(f) = self.form.as_mut() else {
            return vec![];
        };
        if f.confirm_discard {
            if matches!(key.code, KeyCode::Char('y') | KeyCode::Char('Y')) {
                self.form = None;
                return vec![Cmd::Status("Changes discarded.".into())];
            }
            f.confirm_discard = false;
            return vec![];
        }
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        if ctrl && key.code == KeyCode::Char('s') {
            return self.save_form(ctx);
        }
        match key.code {
            KeyCode::Esc => {
                if f.dirty() {
                    f.confirm_discard = true;
                } else {
                    self.form = None;
                }
                return vec![];
            }
            KeyCode::Tab => {
                f.focus = (f.focus + 1) % (LP_FOCUS + 1);
                return vec![];
            }
            KeyCode::BackTab => {
                f.focus = (f.focus + LP_FOCUS) % (LP_FOCUS + 1);
                return vec![];
            }
            _ => {}
        }
        if f.focus == LP_FOCUS {
            let n = ctx.content.principles.len();
            match key.code {
                KeyCode::Up | KeyCode::Char('k') => f.lp_cursor = f.lp_cursor.saturating_sub(1),
                KeyCode::Down | KeyCode::Char('j') => {
                    f.lp_cursor = (f.lp_cursor + 1).min(n.saturating_sub(1))
                }
                KeyCode::Char(' ') | KeyCode::Enter | KeyCode::Char('x')
                    if !f.lps.remove(&f.lp_cursor) && f.lp_cursor < n =>
                {
                    f.lps.insert(f.lp_cursor);
                }
                _ => {}
            }
            return vec![];
        }
        let single = f.focus == 0 || f.focus == 6;
        if single && key.code == KeyCode::Enter {
            f.focus += 1;
            return vec![];
        }
        f.fields[f.focus].input(key);
        vec![]
    }

    fn save_form(&mut self, ctx: &Ctx) -> Vec<Cmd> {
        if let Some(why) = ctx.stories_locked() {
            return vec![Cmd::Status(why)];
        }
        let Some(f) = self.form.as_mut() else {
            return vec![];
        };
        let title = one_line(f.texts()[0].trim()).trim().to_string();
        if title.is_empty() {
            f.focus = 0;
            return vec![Cmd::Status("A story needs a title.".into())];
        }
        let (bank, pos) = form_into_bank(ctx, f, title.clone());
        let n_lps = bank.stories[pos].principles.len();
        self.cursor = pos;
        self.form = None;
        self.pending = true;
        let mut msg = format!("Saved “{title}” ({n_lps} LPs).");
        if n_lps == 0 {
            msg.push_str(" It covers no LP yet: tick some in the form or the matrix.");
        } else if n_lps > MAX_LPS_PER_STORY {
            msg.push_str(" That is a lot of LPs for one story.");
        }
        vec![Cmd::Status(msg), Cmd::SaveStories(bank)]
    }

    /// A story form with changes, saved as it stands when the terminal
    /// closes (a form without a title gets one saying so, to edit later).
    pub fn save_typing(&self, ctx: &Ctx) -> Vec<Cmd> {
        let Some(f) = self.form.as_ref().filter(|f| f.dirty()) else {
            return vec![];
        };
        if ctx.stories_locked().is_some() {
            return vec![];
        }
        let title = one_line(f.texts()[0].trim()).trim().to_string();
        let title = if title.is_empty() {
            UNTITLED.to_string()
        } else {
            title
        };
        vec![Cmd::SaveStories(form_into_bank(ctx, f, title).0)]
    }

    // -------------------------------------------------------- drawing

    pub fn render(&self, f: &mut Frame, area: Rect, ctx: &Ctx) {
        if let Some(form) = &self.form {
            render_form(f, area, ctx, form);
        } else if self.matrix {
            self.render_matrix(f, area, ctx);
        } else {
            self.render_list(f, area, ctx);
        }
        if let Some(c) = &self.confirm {
            let r = popup(area, 64, 7);
            f.render_widget(Clear, r);
            let linked = match c.linked {
                Some(0) => "No answer is linked to it.".to_string(),
                Some(n) => {
                    if n == 1 {
                        "1 linked answer keeps its link and will show “(deleted story)”."
                            .to_string()
                    } else {
                        format!(
                            "{n} linked answers keep their link and will show “(deleted story)”."
                        )
                    }
                }
                None => "Linked answers keep their link and will show “(deleted story)”.".into(),
            };
            f.render_widget(
                Paragraph::new(vec![
                    Line::styled(
                        format!("Delete “{}”?", truncate(&one_line(&c.title), 48)),
                        theme::accent(),
                    ),
                    Line::raw(linked),
                    Line::styled("y deletes · any other key keeps it", theme::dim()),
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
        if let Some(form) = &self.form
            && form.confirm_discard
        {
            let r = popup(area, 50, 4);
            f.render_widget(Clear, r);
            f.render_widget(
                Paragraph::new(vec![
                    Line::styled("Discard your changes to this story?", theme::accent()),
                    Line::raw("y discards · any other key keeps editing"),
                ])
                .block(
                    Block::default()
                        .borders(Borders::ALL)
                        .border_style(theme::border_focus()),
                ),
                r,
            );
        }
    }

    fn warning_lines(&self, w: usize) -> Vec<Line<'static>> {
        let mut lines = Vec::new();
        for warn in &self.derived.warnings {
            let (mark, st) = match warn.kind {
                WarnKind::NoStory => ("✗ ", theme::bad()),
                WarnKind::Stretched | WarnKind::Retold => ("! ", theme::warn()),
                WarnKind::Next => ("→ ", theme::accent()),
                WarnKind::Info => ("· ", theme::dim()),
            };
            for (k, l) in wrap(&warn.text, w.saturating_sub(2))
                .into_iter()
                .enumerate()
            {
                lines.push(Line::styled(
                    format!("{}{l}", if k == 0 { mark } else { "  " }),
                    st,
                ));
            }
        }
        if lines.is_empty() {
            lines.push(Line::styled("Nothing to warn about.", theme::good()));
        }
        lines
    }

    fn render_warnings(&self, f: &mut Frame, area: Rect) {
        let w = area.width.saturating_sub(2) as usize;
        let mut lines = self.warning_lines(w);
        let rows = area.height.saturating_sub(2) as usize;
        if lines.len() > rows && rows > 0 {
            lines.truncate(rows);
            if let Some(last) = lines.last_mut() {
                *last = Line::styled("  … (more: enlarge the window)", theme::dim());
            }
        }
        f.render_widget(
            Paragraph::new(lines).block(
                Block::default()
                    .borders(Borders::ALL)
                    .border_style(theme::border())
                    .title(" Warnings "),
            ),
            area,
        );
    }

    fn render_list(&self, f: &mut Frame, area: Rect, ctx: &Ctx) {
        let warn_rows = self
            .warning_lines(area.width.saturating_sub(2) as usize)
            .len() as u16
            + 2;
        let warn_h = warn_rows
            .min((area.height / 2).max(area.height.saturating_sub(10)))
            .max(3);
        let [top, warn] =
            Layout::vertical([Constraint::Min(5), Constraint::Length(warn_h)]).areas(area);
        let [list, detail] =
            Layout::horizontal([Constraint::Percentage(55), Constraint::Percentage(45)]).areas(top);
        let stories = &ctx.stories.stories;
        let inner_w = list.width.saturating_sub(2) as usize;
        let tw = inner_w.saturating_sub(12).max(8);
        let mut lines = vec![Line::styled(
            format!(
                " {} {} {}",
                pad("title", tw),
                pad_left("LPs", 4),
                pad_left("told", 5)
            ),
            theme::dim(),
        )];
        if stories.is_empty() {
            lines.push(Line::raw(""));
            let (first, hint) = if ctx.stories_unreadable.is_some() {
                (
                    "The story bank's file could not be read.",
                    "Warnings below say where; nothing is written to it until it is fixed.",
                )
            } else {
                (
                    "No stories yet.",
                    "n writes one: a title, a STAR outline, a metric and the LPs it shows.",
                )
            };
            lines.push(Line::raw(format!(" {first}")));
            for l in wrap(hint, inner_w.saturating_sub(1)) {
                lines.push(Line::styled(format!(" {l}"), theme::dim()));
            }
        }
        let visible = self.visible(ctx);
        if !stories.is_empty() && visible.is_empty() {
            lines.push(Line::raw(""));
            lines.push(Line::raw(format!(
                " No story matches “{}”.",
                one_line(&self.search)
            )));
            for l in wrap(
                "/ changes the search; Esc in the search box clears it.",
                inner_w.saturating_sub(1),
            ) {
                lines.push(Line::styled(format!(" {l}"), theme::dim()));
            }
        }
        let rows = list.height.saturating_sub(3) as usize;
        let at = visible.iter().position(|&i| i == self.cursor).unwrap_or(0);
        let start = at.saturating_sub(rows.saturating_sub(1));
        for &i in visible.iter().skip(start).take(rows) {
            let s = &stories[i];
            let told = if self.derived.with_history {
                self.derived
                    .linked
                    .get(&s.id)
                    .copied()
                    .unwrap_or(0)
                    .to_string()
            } else {
                "…".into()
            };
            let st = if i == self.cursor {
                theme::selected()
            } else {
                theme::text()
            };
            let lp_st = if i == self.cursor {
                st
            } else if s.principles.len() > MAX_LPS_PER_STORY {
                theme::warn()
            } else if s.principles.is_empty() {
                theme::bad()
            } else {
                theme::text()
            };
            lines.push(Line::from(vec![
                Span::styled(format!(" {}", pad(&one_line(&s.title), tw)), st),
                Span::styled(pad_left(&s.principles.len().to_string(), 5), lp_st),
                Span::styled(format!("{} ", pad_left(&told, 5)), st),
            ]));
        }
        f.render_widget(
            Paragraph::new(lines).block(
                Block::default()
                    .borders(Borders::ALL)
                    .border_style(theme::border_focus())
                    .title(if self.search.is_empty() {
                        format!(" Stories ({}) ", stories.len())
                    } else {
                        format!(
                            " Stories: {} of {} match “{}” ",
                            visible.len(),
                            stories.len(),
                            truncate(&one_line(&self.search), 24)
                        )
                    }),
            ),
            list,
        );
        if let Some(t) = &self.search_box {
            crate::tui::widgets::search_box(
                f,
                t,
                list,
                " Search stories: Enter applies, Esc clears ",
            );
        }
        self.render_story_detail(f, detail, ctx);
        self.render_warnings(f, warn);
    }

    fn render_story_detail(&self, f: &mut Frame, area: Rect, ctx: &Ctx) {
        let w = area.width.saturating_sub(2) as usize;
        let mut lines: Vec<Line> = Vec::new();
        if let Some(s) = self.selected(ctx) {
            for l in wrap(&one_line(&s.title), w) {
                lines.push(Line::styled(l, theme::title()));
            }
            let lps: Vec<String> = s
                .principles
                .iter()
                .map(|p| one_line(ctx.content.principle_name(p)))
                .collect();
            let covers = if lps.is_empty() {
                "Covers no LP yet".to_string()
            } else {
                format!("Covers: {}", lps.join(" · "))
            };
            for l in wrap(&covers, w) {
                lines.push(Line::styled(l, theme::accent()));
            }
            if !s.metric.trim().is_empty() {
                for l in wrap(&format!("Metric: {}", one_line(&s.metric)), w) {
                    lines.push(Line::styled(l, theme::good()));
                }
            }
            if !s.summary.trim().is_empty() {
                lines.push(Line::raw(""));
                for l in wrap(&sanitize(&s.summary), w) {
                    lines.push(Line::raw(l));
                }
            }
            for (label, text) in L::STAR.iter().zip(s.star.fields()) {
                if text.trim().is_empty() {
                    continue;
                }
                lines.push(Line::styled(
                    *label,
                    theme::dim().add_modifier(Modifier::BOLD),
                ));
                for l in wrap(&sanitize(text), w) {
                    lines.push(Line::raw(l));
                }
            }
            lines.push(Line::styled(
                format!(
                    "Updated {}",
                    crate::localtime::local(s.updated_at).format("%Y-%m-%d")
                ),
                theme::dim(),
            ));
        }
        f.render_widget(
            Paragraph::new(lines).block(
                Block::default()
                    .borders(Borders::ALL)
                    .border_style(theme::border())
                    .title(" Story "),
            ),
            area,
        );
    }

    fn render_matrix(&self, f: &mut Frame, area: Rect, ctx: &Ctx) {
        let c = ctx.content;
        let stories = &ctx.stories.stories;
        let n_lp = c.principles.len() as u16;
        let matrix_h = (n_lp + 4).min(area.height);
        let [top, rest] =
            Layout::vertical([Constraint::Length(matrix_h), Constraint::Min(0)]).areas(area);
        let inner_w = top.width.saturating_sub(2) as usize;
        let colw = 4usize;
        // As wide as the longest LP name where there is room: a third of the
        // width, or more when every story's column fits beside it anyway.
        let all_cols = inner_w.saturating_sub(7 + colw * stories.len().max(1));
        let name_w = longest_lp_name(c).min(all_cols.max(inner_w / 3)).max(16);
        // " " + name + count + the ◀ column, and room for ▶ at the end.
        let fit = (inner_w.saturating_sub(name_w + 5 + 1) / colw).max(1);
        self.cols_fit.set(fit);
        let n = stories.len();
        let mut off = self.col_offset.min(n.saturating_sub(fit));
        if self.cursor >= off + fit {
            off = self.cursor + 1 - fit;
        }
        off = off.min(self.cursor);
        let visible: Vec<(usize, &Story)> =
            stories.iter().enumerate().skip(off).take(fit).collect();
        let mut counts = vec![0usize; c.principles.len()];
        let idx: HashMap<&str, usize> = c
            .principles
            .iter()
            .enumerate()
            .map(|(i, p)| (p.id.as_str(), i))
            .collect();
        for s in stories {
            for p in &s.principles {
                if let Some(&i) = idx.get(p.as_str()) {
                    counts[i] += 1;
                }
            }
        }
        let mut head = vec![
            Span::styled(format!(" {}", pad("LP", name_w)), theme::dim()),
            Span::styled(pad_left("#", 3), theme::dim()),
            Span::raw(if off > 0 { "◀" } else { " " }),
        ];
        for (i, s) in &visible {
            let st = if *i == self.cursor {
                theme::selected()
            } else {
                theme::title()
            };
            head.push(Span::styled(
                pad(&format!(" {}", abbreviate(&s.title)), colw),
                st,
            ));
        }
        if off + fit < n {
            head.push(Span::raw("▶"));
        }
        let mut lines = vec![Line::from(head)];
        for (r, p) in c.principles.iter().enumerate() {
            let zero = counts[r] == 0;
            let name_st = if r == self.row {
                theme::selected()
            } else if zero {
                theme::bad()
            } else {
                theme::text()
            };
            let mut spans = vec![
                Span::raw(" "),
                Span::styled(pad(&one_line(&p.name), name_w), name_st),
                Span::styled(
                    pad_left(&counts[r].to_string(), 3),
                    if zero { theme::bad() } else { theme::dim() },
                ),
                Span::raw(" "),
            ];
            for (i, s) in &visible {
                let on = s.principles.iter().any(|x| x == &p.id);
                let cur = *i == self.cursor && r == self.row;
                let st = if cur {
                    theme::selected()
                } else if on {
                    theme::good()
                } else {
                    theme::dim()
                };
                spans.push(Span::styled(pad(if on { "  ●" } else { "  ·" }, colw), st));
            }
            lines.push(Line::from(spans));
        }
        let sel = stories.get(self.cursor).map_or_else(
            || "No stories yet: n writes one.".to_string(),
            |s| {
                format!(
                    "{} = “{}” · {} LPs · story {}/{}",
                    abbreviate(&s.title),
                    one_line(&s.title),
                    s.principles.len(),
                    self.cursor + 1,
                    n
                )
            },
        );
        lines.push(Line::styled(
            format!(" {}", truncate(&sel, inner_w.saturating_sub(1))),
            theme::accent(),
        ));
        f.render_widget(
            Paragraph::new(lines).block(
                Block::default()
                    .borders(Borders::ALL)
                    .border_style(theme::border_focus())
                    .title(" Coverage: LP × story "),
            ),
            top,
        );
        if rest.height >= 3 {
            self.render_warnings(f, rest);
        } else if rest.height > 0 {
            let k = self.derived.warnings.len();
            f.render_widget(
                Paragraph::new(Line::styled(
                    format!(
                        " {}: m shows the list view with the warnings panel",
                        plural(k, "warning")
                    ),
                    theme::dim(),
                )),
                rest,
            );
        }
    }
}

/// The display width of the longest LP name in the content.
fn longest_lp_name(c: &crate::content::Content) -> usize {
    c.principles
        .iter()
        .map(|p| crate::tui::text::width(&one_line(&p.name)))
        .max()
        .unwrap_or(0)
}

fn render_form(f: &mut Frame, area: Rect, ctx: &Ctx, form: &Form) {
    // "[x] " + the name + the border, up to a third of the screen.
    let lp_w = (longest_lp_name(ctx.content) as u16 + 7).clamp(32, (area.width / 3).max(32));
    let [left, right] =
        Layout::horizontal([Constraint::Min(30), Constraint::Length(lp_w)]).areas(area);
    // Title, summary, then S/T and A/R side by side, then the metric.
    let [title, summary, st, ar, metric] = Layout::vertical([
        Constraint::Length(3),
        Constraint::Fill(1),
        Constraint::Fill(1),
        Constraint::Fill(1),
        Constraint::Length(3),
    ])
    .areas(left);
    let [s_area, t_area] =
        Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(st);
    let [a_area, r_area] =
        Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(ar);
    let areas = [title, summary, s_area, t_area, a_area, r_area, metric];
    for (k, r) in areas.iter().enumerate() {
        let mut t = form.fields[k].clone();
        let focused = k == form.focus;
        t.set_block(crate::tui::widgets::field_block(
            format!(" {} ", FIELDS[k]),
            focused,
        ));
        if !focused {
            t.set_cursor_style(Style::new());
        }
        crate::tui::widgets::editor(f, &t, *r);
    }
    let focused = form.focus == LP_FOCUS;
    let inner_h = right.height.saturating_sub(3) as usize;
    let start = form.lp_cursor.saturating_sub(inner_h.saturating_sub(1));
    let mut lines = vec![Line::styled(
        format!(
            "{} chosen{}",
            form.lps.len() + form.unknown.len(),
            if form.lps.len() > MAX_LPS_PER_STORY {
                " — more than 4 sounds generic"
            } else {
                ""
            }
        ),
        if form.lps.len() > MAX_LPS_PER_STORY {
            theme::warn()
        } else {
            theme::dim()
        },
    )];
    for (i, p) in ctx
        .content
        .principles
        .iter()
        .enumerate()
        .skip(start)
        .take(inner_h)
    {
        let mark = if form.lps.contains(&i) { "[x]" } else { "[ ]" };
        let st = if focused && i == form.lp_cursor {
            theme::selected()
        } else if form.lps.contains(&i) {
            theme::accent()
        } else {
            theme::text()
        };
        lines.push(Line::styled(
            format!(
                "{mark} {}",
                truncate(&one_line(&p.name), right.width.saturating_sub(7) as usize)
            ),
            st,
        ));
    }
    f.render_widget(
        Paragraph::new(lines).block(
            Block::default()
                .borders(Borders::ALL)
                .border_style(if focused {
                    theme::border_focus()
                } else {
                    theme::border()
                })
                .title(Span::styled(
                    " LPs it shows (Space) ",
                    if focused {
                        theme::title()
                    } else {
                        theme::dim()
                    },
                )),
        ),
        right,
    );
}

/// Opens the story bank (from home).
pub fn open() -> Cmd {
    Cmd::Go(Target::Screen(Box::new(Screen::Stories(Box::new(
        StoriesScreen::new(),
    )))))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn abbreviations_use_initials() {
        assert_eq!(abbreviate("Stalled migration rescue at scale"), "SMR");
        assert_eq!(abbreviate("Pricing"), "PRI");
        assert_eq!(abbreviate(""), "?");
        assert_eq!(abbreviate("a\u{1b}b c"), "ABC");
    }
}
