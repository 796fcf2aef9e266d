//! Home: start a loop or a drill, resume, see what is due and what you did.

use super::Screen;
use super::session::SessionScreen;
use crate::practice::plan::{DrillFilter, PlanOptions, loop_role, plan_drill_for, plan_loop_for};
use crate::practice::progress::{Progress, progress, recent_questions};
use crate::tui::cmd::{Cmd, Ctx, Target};
use crate::tui::labels as L;
use crate::tui::text::{one_line, plural, truncate};
use crate::tui::theme;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};
use std::collections::BTreeSet;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Item {
    Resume,
    ResumeOther,
    Loop,
    DrillWeakest,
    DrillChosen,
    Writing,
    Review,
    Stories,
    Stats,
    Quit,
}

#[derive(Debug, Clone, Default)]
pub enum Mode {
    #[default]
    Menu,
    PickTemplate(usize),
    PickPrinciples {
        cursor: usize,
        chosen: BTreeSet<usize>,
    },
    PickWriting(usize),
}

#[derive(Debug, Clone, Default)]
pub struct HomeScreen {
    pub cursor: usize,
    pub mode: Mode,
    /// `/`: the text being looked for in the list shown, and where the
    /// cursor was when the search began (Esc goes back there).
    find: Option<(String, usize)>,
    /// Progress over the history shown, worked out when it changes (see
    /// [`HomeScreen::sync`]), not on every frame.
    progress: Option<std::rc::Rc<Progress>>,
}

/// The latest unfinished session of the last 14 days other than the current
/// draft's: one interrupted between questions (no draft), or one whose draft
/// was parked when something new was started.
fn unfinished<'a>(ctx: &Ctx<'a>) -> Option<&'a crate::store::Session> {
    ctx.overview?.sessions.iter().rev().find(|s| {
        s.finished_at.is_none()
            && ctx.draft.is_none_or(|d| d.session_id != s.id)
            && (s.kind != crate::store::SessionKind::Writing || s.writing.is_none())
            && (ctx.wall - s.started_at).num_days() < 14
    })
}

/// A list of two-line entries (name, then details), the selected one marked.
fn picker_lines<'a>(
    entries: impl Iterator<Item = (&'a str, String)>,
    sel: usize,
    width: u16,
) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    for (i, (name, detail)) in entries.enumerate() {
        let st = if i == sel {
            theme::selected()
        } else {
            theme::text()
        };
        lines.push(Line::styled(
            format!(
                " {} ",
                truncate(&one_line(name), width.saturating_sub(4) as usize)
            ),
            st,
        ));
        lines.push(Line::styled(format!("   {detail}"), theme::dim()));
    }
    lines
}

/// Where the loop picker starts: on the config's `[loop] template`.
fn configured_template(ctx: &Ctx) -> usize {
    ctx.settings
        .loop_template
        .as_deref()
        .and_then(|id| ctx.content.templates.iter().position(|t| t.id == id))
        .unwrap_or(0)
}

/// A loop on `template` with the config's `[loop]` defaults (role, minutes
/// per answer, strict), as `loopdrill loop` has them. A configured role the
/// template does not serve is not used: its own first role is, and the
/// status line says so.
fn start_loop(ctx: &Ctx, template: &str) -> Vec<Cmd> {
    let set = ctx.settings;
    let recent = ctx
        .history
        .map(|h| recent_questions(&h.sessions, ctx.wall, 14))
        .unwrap_or_default();
    let mut note = None;
    let role = match set.loop_role.as_deref() {
        Some(r) if loop_role(ctx.content, template, Some(r)).is_ok() => Some(r),
        Some(r) => {
            note = Some(format!(
                "Your config's loop role \"{}\" is not one this loop serves: its own role is used.",
                one_line(r)
            ));
            None
        }
        None => None,
    };
    let opts = PlanOptions {
        answer_minutes: set.loop_answer_minutes,
        ..PlanOptions::default()
    };
    match plan_loop_for(ctx.content, template, role, seed_from(ctx), opts, &recent) {
        Ok(plan) => {
            let mut cmds = vec![Cmd::Go(Target::Screen(Box::new(Screen::Session(
                Box::new(SessionScreen::new_loop(
                    ctx.content,
                    plan,
                    set.loop_strict,
                    ctx.wall,
                )),
            ))))];
            cmds.extend(note.map(Cmd::Status));
            cmds
        }
        Err(e) => vec![Cmd::Status(e.to_string())],
    }
}

/// What the config sets for a loop started here, if anything.
fn loop_config_line(ctx: &Ctx) -> Option<String> {
    let set = ctx.settings;
    let mut parts = Vec::new();
    if let Some(r) = &set.loop_role {
        parts.push(format!("role {}", one_line(r)));
    }
    if let Some(m) = set.loop_answer_minutes {
        parts.push(format!("{m} min an answer"));
    }
    if set.loop_strict {
        parts.push("strict".to_string());
    }
    (!parts.is_empty()).then(|| format!("From your config: {}", parts.join(" · ")))
}

fn seed_from(ctx: &Ctx) -> u64 {
    crate::practice::rng::fresh_seed(ctx.wall.timestamp_nanos_opt().unwrap_or_default())
}

impl HomeScreen {
    /// Works out progress again over the history shown (called when history
    /// arrives or changes, and on opening).
    pub fn sync(&mut self, ctx: &Ctx) {
        self.progress = ctx
            .overview
            .map(|h| std::rc::Rc::new(progress(&h.sessions, ctx.content, ctx.wall)));
    }

    pub fn items(&self, ctx: &Ctx) -> Vec<Item> {
        let mut v = Vec::new();
        if ctx.draft.is_some() {
            v.push(Item::Resume);
        }
        if unfinished(ctx).is_some() {
            v.push(Item::ResumeOther);
        }
        v.extend([
            Item::Loop,
            Item::DrillWeakest,
            Item::DrillChosen,
            Item::Writing,
            Item::Review,
            Item::Stories,
            Item::Stats,
            Item::Quit,
        ]);
        v
    }

    pub fn captures_text(&self) -> bool {
        self.find.is_some()
    }

    /// The names in the list shown now, in order.
    fn names(&self, ctx: &Ctx) -> Vec<String> {
        match &self.mode {
            Mode::Menu => self
                .items(ctx)
                .into_iter()
                .map(|it| Self::label(it, ctx))
                .collect(),
            Mode::PickTemplate(_) => ctx
                .content
                .templates
                .iter()
                .map(|t| t.name.clone())
                .collect(),
            Mode::PickWriting(_) => ctx
                .content
                .writing
                .iter()
                .map(|w| w.title.clone())
                .collect(),
            Mode::PickPrinciples { .. } => ctx
                .content
                .principles
                .iter()
                .map(|p| p.name.clone())
                .collect(),
        }
    }

    /// The cursor of the list shown now.
    fn list_cursor(&mut self) -> &mut usize {
        match &mut self.mode {
            Mode::Menu => &mut self.cursor,
            Mode::PickTemplate(sel) | Mode::PickWriting(sel) => sel,
            Mode::PickPrinciples { cursor, .. } => cursor,
        }
    }

    /// Keys while `/` is open: typing moves to the first entry containing
    /// the text; Enter keeps it there, Esc goes back.
    fn key_find(
        &mut self,
        key: KeyEvent,
        ctx: &Ctx,
        (mut text, from): (String, usize),
    ) -> Vec<Cmd> {
        match key.code {
            KeyCode::Enter => return vec![],
            KeyCode::Esc => {
                *self.list_cursor() = from;
                return vec![];
            }
            KeyCode::Backspace => {
                text.pop();
            }
            KeyCode::Char(c) if !key.modifiers.contains(KeyModifiers::CONTROL) => text.push(c),
            _ => {}
        }
        let want = text.to_lowercase();
        let hit = self
            .names(ctx)
            .iter()
            .position(|n| n.to_lowercase().contains(&want));
        let status = match hit {
            Some(i) => {
                *self.list_cursor() = i;
                vec![]
            }
            None => vec![Cmd::Status(format!(
                "Nothing here matches “{}”.",
                one_line(&text)
            ))],
        };
        self.find = Some((text, from));
        status
    }

    /// A picker's title, with the search being typed.
    fn titled(&self, base: &str) -> String {
        match &self.find {
            Some((t, _)) => format!(" {base} · /{} ", one_line(t)),
            None => format!(" {base} "),
        }
    }

    pub fn title(&self, _ctx: &Ctx) -> String {
        "· home".into()
    }

    pub fn footer(&self, _ctx: &Ctx) -> Vec<(&'static str, &'static str)> {
        if self.find.is_some() {
            return vec![
                ("type", "to find"),
                ("Enter", "stay there"),
                ("Esc", "go back"),
            ];
        }
        match self.mode {
            Mode::Menu => vec![
                ("↑↓/jk", "move"),
                ("Enter", "open"),
                ("q", "quit"),
                ("?", "help"),
            ],
            Mode::PickTemplate(_) => vec![
                ("↑↓", "template"),
                ("Enter", "plan the loop"),
                ("Esc", "back"),
                ("q", "quit"),
            ],
            Mode::PickPrinciples { ref chosen, .. } if chosen.is_empty() => vec![
                ("↑↓", "move"),
                ("Space", "tick"),
                ("Enter", "drill this LP"),
                ("Esc", "back"),
                ("q", "quit"),
            ],
            Mode::PickPrinciples { .. } => vec![
                ("↑↓", "move"),
                ("Space", "tick"),
                ("Enter", "drill the ticked LPs"),
                ("Esc", "back"),
                ("q", "quit"),
            ],
            Mode::PickWriting(_) => vec![
                ("↑↓", "exercise"),
                ("Enter", "read the brief"),
                ("Esc", "back"),
                ("q", "quit"),
            ],
        }
    }

    pub fn help(&self, _ctx: &Ctx) -> Vec<(&'static str, &'static str)> {
        vec![
            ("↑ ↓ / j k", "move"),
            ("Enter", "open the selected entry"),
            ("Space", "choose an LP (drill picker)"),
            (
                "/",
                "find an entry by a word in it; Enter stays there, Esc goes back",
            ),
            ("q", "quit"),
        ]
    }

    /// A drill on `principles`, with the config's `[drill]` defaults (role,
    /// questions, minutes per answer), as `loopdrill drill` has them.
    fn start_drill(&self, ctx: &Ctx, principles: Vec<String>) -> Vec<Cmd> {
        let recent = ctx
            .history
            .map(|h| recent_questions(&h.sessions, ctx.wall, 14))
            .unwrap_or_default();
        let set = ctx.settings;
        let n = set
            .drill_questions
            .unwrap_or(principles.len().clamp(3, 5) as u32);
        let filter = DrillFilter {
            principles,
            track: None,
            role: set.drill_role.clone(),
        };
        match plan_drill_for(
            ctx.content,
            &filter,
            n,
            set.drill_answer_minutes,
            seed_from(ctx),
            &recent,
        ) {
            Ok(plan) => vec![Cmd::Go(Target::Screen(Box::new(Screen::Session(
                Box::new(SessionScreen::new_drill(ctx.content, plan, false, ctx.wall)),
            ))))],
            Err(e) => vec![Cmd::Status(e.to_string())],
        }
    }

    pub fn key(&mut self, key: KeyEvent, ctx: &Ctx) -> Vec<Cmd> {
        if let Some(find) = self.find.take() {
            return self.key_find(key, ctx, find);
        }
        if key.code == KeyCode::Char('/') {
            let from = *self.list_cursor();
            self.find = Some((String::new(), from));
            return vec![];
        }
        let down = matches!(key.code, KeyCode::Down | KeyCode::Char('j'));
        let up = matches!(key.code, KeyCode::Up | KeyCode::Char('k'));
        if key.code == KeyCode::Char('q') {
            // q quits from the home screen and its pickers alike.
            return vec![Cmd::Quit];
        }
        match &mut self.mode {
            Mode::Menu => {
                let items = self.items(ctx);
                self.cursor = self.cursor.min(items.len() - 1);
                if down {
                    self.cursor = (self.cursor + 1) % items.len();
                } else if up {
                    self.cursor = (self.cursor + items.len() - 1) % items.len();
                }
                match key.code {
                    KeyCode::Char('q') => return vec![Cmd::Quit],
                    KeyCode::Enter
                        if ctx.read_only
                            && matches!(
                                items[self.cursor],
                                Item::Resume
                                    | Item::ResumeOther
                                    | Item::Loop
                                    | Item::DrillWeakest
                                    | Item::DrillChosen
                                    | Item::Writing
                            ) =>
                    {
                        return vec![Cmd::Status(ctx.practise_read_only_note())];
                    }
                    KeyCode::Enter => match items[self.cursor] {
                        Item::Resume => return vec![Cmd::ResumeDraft],
                        Item::ResumeOther => {
                            return unfinished(ctx)
                                .map(|s| vec![Cmd::ResumeSession(s.id.clone())])
                                .unwrap_or_default();
                        }
                        Item::Loop => self.mode = Mode::PickTemplate(configured_template(ctx)),
                        Item::DrillWeakest => {
                            let lps = match ctx.overview {
                                Some(h) => progress(&h.sessions, ctx.content, ctx.wall).weakest(3),
                                None => ctx
                                    .content
                                    .principles
                                    .iter()
                                    .take(3)
                                    .map(|p| p.id.clone())
                                    .collect(),
                            };
                            return self.start_drill(ctx, lps);
                        }
                        Item::DrillChosen => {
                            self.mode = Mode::PickPrinciples {
                                cursor: 0,
                                chosen: BTreeSet::new(),
                            }
                        }
                        Item::Writing => self.mode = Mode::PickWriting(0),
                        Item::Review => return vec![super::review::open()],
                        Item::Stories => return vec![super::stories::open()],
                        Item::Stats => return vec![super::stats::open()],
                        Item::Quit => return vec![Cmd::Quit],
                    },
                    _ => {}
                }
                vec![]
            }
            Mode::PickTemplate(sel) => {
                let n = ctx.content.templates.len();
                if n == 0 {
                    self.mode = Mode::Menu;
                    return vec![Cmd::Status("No loop templates in the content.".into())];
                }
                if down {
                    *sel = (*sel + 1) % n;
                } else if up {
                    *sel = (*sel + n - 1) % n;
                }
                match key.code {
                    KeyCode::Esc => self.mode = Mode::Menu,
                    KeyCode::Enter => {
                        let t = &ctx.content.templates[*sel];
                        self.mode = Mode::Menu;
                        return start_loop(ctx, &t.id);
                    }
                    _ => {}
                }
                vec![]
            }
            Mode::PickWriting(sel) => {
                let n = ctx.content.writing.len();
                if n == 0 {
                    self.mode = Mode::Menu;
                    return vec![Cmd::Status("No writing exercises in the content.".into())];
                }
                if down {
                    *sel = (*sel + 1) % n;
                } else if up {
                    *sel = (*sel + n - 1) % n;
                }
                match key.code {
                    KeyCode::Esc => self.mode = Mode::Menu,
                    KeyCode::Enter => {
                        let w = super::writing::WritingScreen::new(
                            ctx.content.writing[*sel].clone(),
                            ctx.wall,
                        );
                        self.mode = Mode::Menu;
                        return vec![Cmd::Go(Target::Screen(Box::new(Screen::Writing(
                            Box::new(w),
                        ))))];
                    }
                    _ => {}
                }
                vec![]
            }
            Mode::PickPrinciples { cursor, chosen } => {
                let n = ctx.content.principles.len();
                if down {
                    *cursor = (*cursor + 1) % n;
                } else if up {
                    *cursor = (*cursor + n - 1) % n;
                }
                match key.code {
                    KeyCode::Esc => self.mode = Mode::Menu,
                    KeyCode::Char(' ') if !chosen.remove(cursor) => {
                        chosen.insert(*cursor);
                    }
                    KeyCode::Enter => {
                        let mut ids: Vec<String> = chosen
                            .iter()
                            .map(|&i| ctx.content.principles[i].id.clone())
                            .collect();
                        if ids.is_empty() {
                            ids.push(ctx.content.principles[*cursor].id.clone());
                        }
                        self.mode = Mode::Menu;
                        return self.start_drill(ctx, ids);
                    }
                    _ => {}
                }
                vec![]
            }
        }
    }

    fn label(item: Item, ctx: &Ctx) -> String {
        match item {
            Item::Resume => {
                let what = ctx
                    .draft
                    .and_then(|d| {
                        ctx.content
                            .question(&d.question_id)
                            .map(|q| one_line(&q.text))
                            .or_else(|| {
                                ctx.content
                                    .writing_prompt(&d.question_id)
                                    .map(|w| one_line(&w.title))
                            })
                    })
                    .unwrap_or_else(|| "your interrupted session".into());
                let kind = ctx
                    .draft
                    .and_then(|d| {
                        ctx.overview?
                            .sessions
                            .iter()
                            .find(|s| s.id == d.session_id)
                            .map(|s| s.kind.label())
                    })
                    .unwrap_or("answer");
                let when = ctx.draft.map_or(String::new(), |d| {
                    crate::localtime::local(d.saved_at)
                        .format(" of %b %d %H:%M")
                        .to_string()
                });
                format!("Resume {kind}{when}: {what}")
            }
            Item::ResumeOther => match unfinished(ctx) {
                Some(s) => format!(
                    "Resume {} of {}: {} answered",
                    s.kind.label(),
                    crate::localtime::local(s.started_at).format("%b %d %H:%M"),
                    s.answers.len()
                ),
                None => "Resume".into(),
            },
            Item::Loop => "Start a mock Loop".into(),
            // Short enough for the menu at 80 columns.
            Item::DrillWeakest => "Drill my weakest or overdue LPs".into(),
            Item::DrillChosen => "Drill chosen LPs".into(),
            Item::Writing => "Timed writing exercise".into(),
            Item::Review => "Review past answers".into(),
            Item::Stories => "Story bank and LP coverage".into(),
            Item::Stats => "Stats and practice calendar".into(),
            Item::Quit => "Quit".into(),
        }
    }

    pub fn render(&self, f: &mut Frame, area: Rect, ctx: &Ctx) {
        let [left, right] =
            Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)])
                .areas(area);
        match &self.mode {
            Mode::Menu => {
                let items = self.items(ctx);
                let w = left.width.saturating_sub(6) as usize;
                let lines: Vec<Line> = items
                    .iter()
                    .enumerate()
                    .map(|(i, it)| {
                        let st = if i == self.cursor.min(items.len() - 1) {
                            theme::selected()
                        } else if matches!(*it, Item::Resume | Item::ResumeOther) {
                            theme::accent()
                        } else {
                            theme::text()
                        };
                        Line::styled(format!(" {} ", truncate(&Self::label(*it, ctx), w)), st)
                    })
                    .collect();
                f.render_widget(
                    Paragraph::new(lines).block(
                        Block::default()
                            .borders(Borders::ALL)
                            .border_style(theme::border_focus())
                            .title(self.titled("Practise")),
                    ),
                    left,
                );
            }
            Mode::PickTemplate(sel) => {
                let mut lines = picker_lines(
                    ctx.content.templates.iter().map(|t| {
                        (
                            t.name.as_str(),
                            format!(
                                "{} · about {} min",
                                plural(t.interviews.len(), "interview"),
                                t.planned_minutes()
                            ),
                        )
                    }),
                    *sel,
                    left.width,
                );
                if let Some(t) = ctx.content.templates.get(*sel) {
                    lines.push(Line::raw(""));
                    lines.push(Line::styled(one_line(&t.description), theme::dim()));
                }
                // First, so a short window still shows it above the list.
                if let Some(c) = loop_config_line(ctx) {
                    lines.insert(0, Line::raw(""));
                    lines.insert(0, Line::styled(c, theme::accent()));
                }
                f.render_widget(
                    Paragraph::new(lines).wrap(Wrap { trim: false }).block(
                        Block::default()
                            .borders(Borders::ALL)
                            .border_style(theme::border_focus())
                            .title(self.titled("Choose a loop")),
                    ),
                    left,
                );
            }
            Mode::PickWriting(sel) => {
                let lines = picker_lines(
                    ctx.content.writing.iter().map(|w| {
                        (
                            w.title.as_str(),
                            format!("{} min · {}–{} words", w.minutes, w.min_words, w.max_words),
                        )
                    }),
                    *sel,
                    left.width,
                );
                f.render_widget(
                    Paragraph::new(lines).block(
                        Block::default()
                            .borders(Borders::ALL)
                            .border_style(theme::border_focus())
                            .title(self.titled("Writing exercises")),
                    ),
                    left,
                );
            }
            Mode::PickPrinciples { cursor, chosen } => {
                let h = left.height.saturating_sub(2) as usize;
                let start = cursor.saturating_sub(h.saturating_sub(1));
                let lines: Vec<Line> = ctx
                    .content
                    .principles
                    .iter()
                    .enumerate()
                    .skip(start)
                    .take(h)
                    .map(|(i, p)| {
                        let mark = if chosen.contains(&i) { "[x]" } else { "[ ]" };
                        let st = if i == *cursor {
                            theme::selected()
                        } else {
                            theme::text()
                        };
                        Line::styled(
                            format!(
                                " {mark} {}",
                                truncate(&one_line(&p.name), left.width.saturating_sub(9) as usize)
                            ),
                            st,
                        )
                    })
                    .collect();
                f.render_widget(
                    Paragraph::new(lines).block(
                        Block::default()
                            .borders(Borders::ALL)
                            .border_style(theme::border_focus())
                            .title(self.titled("Drill which LPs?")),
                    ),
                    left,
                );
            }
        }
        self.render_side(f, right, ctx);
    }

    fn render_side(&self, f: &mut Frame, area: Rect, ctx: &Ctx) {
        let c = ctx.content;
        let w = area.width.saturating_sub(4) as usize;
        let stories = if ctx.stories_unreadable.is_some() {
            "story bank unreadable".to_string()
        } else {
            plural(ctx.stories.stories.len(), "story")
        };
        // Wrapped, not cut, at 80 columns.
        let mut lines: Vec<Line> = crate::tui::text::wrap(
            &format!(
                "{} questions · {} loop templates · {stories}",
                c.questions.len(),
                c.templates.len()
            ),
            w.max(1),
        )
        .into_iter()
        .map(|l| Line::styled(l, theme::dim()))
        .collect();
        // Files that could not be read stay listed, not only flashed once.
        let problems: Vec<String> = ctx
            .unreadable
            .iter()
            .cloned()
            .chain(
                ctx.overview
                    .into_iter()
                    .flat_map(|h| h.problems.iter().map(ToString::to_string)),
            )
            .collect();
        if !problems.is_empty() {
            lines.push(Line::raw(""));
            lines.push(Line::styled(
                format!(
                    "⚠ {} could not be read, left untouched:",
                    plural(problems.len(), "file")
                ),
                theme::warn(),
            ));
            for p in problems.iter().take(3) {
                for l in crate::tui::text::wrap(&one_line(p), w.saturating_sub(1))
                    .into_iter()
                    .take(3)
                {
                    lines.push(Line::styled(format!(" {l}"), theme::dim()));
                }
            }
            if problems.len() > 3 {
                lines.push(Line::styled(
                    format!(" … and {} more", problems.len() - 3),
                    theme::dim(),
                ));
            }
        }
        lines.push(Line::raw(""));
        match ctx.overview {
            None => lines.push(Line::styled(L::LOADING_HISTORY, theme::dim())),
            Some(h) => {
                let p = match &self.progress {
                    Some(p) => std::rc::Rc::clone(p),
                    None => std::rc::Rc::new(progress(&h.sessions, c, ctx.wall)),
                };
                lines.push(Line::styled("Due next", theme::title()));
                for s in p.due_order().into_iter().take(5) {
                    let why = match (s.answers, s.average) {
                        (0, _) => "never practised".to_string(),
                        (n, Some(a)) => format!("{}, avg {a:.1}", plural(n, "answer")),
                        (n, None) => format!("{}, not scored", plural(n, "answer")),
                    };
                    let room = w.saturating_sub(why.chars().count() + 3).max(8);
                    lines.push(Line::from(vec![
                        Span::raw(format!(" {:<room$} ", truncate(&s.name, room))),
                        Span::styled(why, theme::dim()),
                    ]));
                }
                lines.push(Line::raw(""));
                lines.push(Line::styled(
                    format!(
                        "Recent ({}, {})",
                        plural(h.sessions.len(), "session"),
                        plural(h.answer_count(), "answer")
                    ),
                    theme::title(),
                ));
                if h.sessions.is_empty() {
                    // Wrapped inside the border: a narrow panel must not cut it.
                    crate::tui::text::push_wrapped(
                        &mut lines,
                        "Nothing yet: start with a drill or a loop.",
                        w + 2,
                        theme::dim(),
                        " ",
                    );
                }
                for s in h.sessions.iter().rev().take(5) {
                    let state = match (&s.debrief, s.finished_at) {
                        (Some(d), _) if s.kind == crate::store::SessionKind::Loop => {
                            if d.hire {
                                "hire"
                            } else {
                                "no hire"
                            }
                        }
                        (_, Some(_)) => "done",
                        _ => "unfinished",
                    };
                    lines.push(Line::styled(
                        truncate(
                            &match s.kind {
                                crate::store::SessionKind::Writing => format!(
                                    " {} writing · {}",
                                    crate::localtime::local(s.started_at).format("%b %d %H:%M"),
                                    if s.writing.is_some() {
                                        "done"
                                    } else {
                                        "unfinished"
                                    }
                                ),
                                _ => format!(
                                    " {} {} · {} · {state}",
                                    crate::localtime::local(s.started_at).format("%b %d %H:%M"),
                                    s.kind.label(),
                                    plural(s.answers.len(), "answer")
                                ),
                            },
                            w,
                        ),
                        theme::text(),
                    ));
                }
            }
        }
        f.render_widget(
            Paragraph::new(lines).block(
                Block::default()
                    .borders(Borders::ALL)
                    .border_style(theme::border())
                    .title(" Progress "),
            ),
            area,
        );
    }
}
