//! A timed writing exercise: the prompt, a countdown, one editor with a live
//! word count and section checklist, then the checks.

use crate::content::{Content, WritingPrompt};
use crate::practice::analysis::word_count;
use crate::practice::timer::{Timer, TimerPhase, format_clock};
use crate::practice::writing::{CheckResult, check, check_label};
use crate::store::{self, Draft, DraftStep, SCHEMA_VERSION, Session, SessionKind, WritingRecord};
use crate::tui::cmd::{Cmd, Ctx, Target};
use crate::tui::text::{one_line, sanitize};
use crate::tui::theme;
use chrono::{DateTime, Utc};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};
use ratatui_textarea::{TextArea, WrapMode};
use std::time::Duration;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Phase {
    Brief,
    Writing,
    Results,
}

#[derive(Debug, Clone)]
pub struct WritingScreen {
    prompt: WritingPrompt,
    session: Session,
    phase: Phase,
    editor: TextArea<'static>,
    timer: Option<Timer>,
    results: Vec<CheckResult>,
    confirm_leave: bool,
    /// The brief shown over the editor while writing (Ctrl-B).
    show_brief: bool,
    /// Ctrl-S was pressed while short of the word range with time left; a
    /// second Ctrl-S submits.
    submit_asked: bool,
    dirty: bool,
    last_draft: Duration,
    scroll: u16,
    /// The exercise belongs to a loop: it is kept in the loop's own session
    /// (where the Bar Raiser reads it) and the results lead back to the
    /// loop's debrief.
    in_loop: bool,
}

fn editor(text: &str) -> TextArea<'static> {
    let mut t = TextArea::default();
    t.set_wrap_mode(WrapMode::WordOrGlyph);
    t.set_placeholder_text("Write here. Headings on their own line. Ctrl-S when done.");
    t.set_placeholder_style(theme::dim());
    if !text.is_empty() {
        t.insert_str(text);
    }
    t
}

impl WritingScreen {
    pub fn new(prompt: WritingPrompt, wall: DateTime<Utc>) -> WritingScreen {
        let session = Session::new(store::new_id(wall), SessionKind::Writing, wall);
        Self::in_session(prompt, session)
    }

    /// The writing exercise of a loop, kept in the loop's session.
    pub fn for_loop(prompt: WritingPrompt, session: Session) -> WritingScreen {
        Self::in_session(prompt, session)
    }

    fn in_session(prompt: WritingPrompt, session: Session) -> WritingScreen {
        WritingScreen {
            in_loop: session.kind != SessionKind::Writing,
            prompt,
            session,
            phase: Phase::Brief,
            editor: editor(""),
            timer: None,
            results: Vec::new(),
            confirm_leave: false,
            show_brief: false,
            submit_asked: false,
            dirty: false,
            last_draft: Duration::ZERO,
            scroll: 0,
        }
    }

    /// Continues an interrupted exercise from its draft.
    pub fn resume(
        content: &Content,
        session: Session,
        draft: &Draft,
        now: Duration,
    ) -> Option<WritingScreen> {
        let prompt = content.writing_prompt(&draft.question_id)?.clone();
        let limit = Duration::from_secs(u64::from(prompt.minutes) * 60);
        Some(WritingScreen {
            in_loop: session.kind != SessionKind::Writing,
            session,
            phase: Phase::Writing,
            editor: editor(draft.fields.first().map_or("", String::as_str)),
            timer: Some(Timer::start(
                limit,
                now,
                Duration::from_secs(draft.elapsed_secs),
            )),
            results: Vec::new(),
            confirm_leave: false,
            show_brief: false,
            submit_asked: false,
            dirty: false,
            last_draft: now,
            scroll: 0,
            prompt,
        })
    }

    fn text(&self) -> String {
        self.editor.lines().join("\n")
    }

    pub fn captures_text(&self) -> bool {
        self.phase == Phase::Writing && !self.confirm_leave
    }

    pub fn title(&self, _ctx: &Ctx) -> String {
        format!("· Writing · {}", one_line(&self.prompt.title))
    }

    pub fn footer(&self, _ctx: &Ctx) -> Vec<(&'static str, &'static str)> {
        if self.confirm_leave {
            return vec![("y", "leave (draft kept)"), ("any key", "stay")];
        }
        match self.phase {
            Phase::Brief => vec![
                ("Enter", "start the clock"),
                ("↑↓", "scroll"),
                ("Esc", "back"),
            ],
            Phase::Writing if self.show_brief => vec![
                ("↑↓", "scroll"),
                ("Ctrl-B/F2", "back to your document"),
                ("Ctrl-S", "submit"),
                ("Esc", "leave"),
            ],
            Phase::Writing => vec![
                ("Ctrl-S", "submit"),
                ("Ctrl-B/F2", "brief"),
                ("Enter", "newline"),
                ("Esc", "leave"),
                ("F1", "help"),
            ],
            Phase::Results if self.in_loop => {
                vec![
                    ("↑↓", "scroll"),
                    ("Enter/Esc", "back to the loop's debrief"),
                ]
            }
            Phase::Results => vec![("↑↓", "scroll"), ("Enter/Esc", "home")],
        }
    }

    pub fn help(&self, _ctx: &Ctx) -> Vec<(&'static str, &'static str)> {
        vec![
            ("Enter", "start (brief); newline (writing)"),
            ("Ctrl-S", "submit the document and run the checks"),
            ("Ctrl-B / F2", "show or hide the brief while writing"),
            ("Esc", "leave (asks first; the draft is kept)"),
        ]
    }

    pub fn draft(&self, now: Duration, wall: DateTime<Utc>) -> Option<Draft> {
        (self.phase == Phase::Writing).then(|| Draft {
            schema_version: SCHEMA_VERSION,
            session_id: self.session.id.clone(),
            interview_index: 0,
            question_index: 0,
            question_id: self.prompt.id.clone(),
            step: DraftStep::Writing,
            fields: vec![self.text()],
            elapsed_secs: self.timer.as_ref().map_or(0, |t| t.elapsed(now).as_secs()),
            saved_at: wall,
            focus: 0,
        })
    }

    pub fn tick(&mut self, now: Duration, wall: DateTime<Utc>) -> Vec<Cmd> {
        if self.dirty && now.saturating_sub(self.last_draft) >= super::session::AUTOSAVE {
            self.dirty = false;
            self.last_draft = now;
            if let Some(d) = self.draft(now, wall) {
                return vec![Cmd::SaveDraft(Box::new(d))];
            }
        }
        Vec::new()
    }

    pub fn next_tick_in(&self, now: Duration) -> Option<Duration> {
        self.timer
            .as_ref()
            .filter(|_| self.phase == Phase::Writing)
            .map(|t| t.until_next_tick(now))
    }

    pub fn paste(&mut self, text: &str, _now: Duration) {
        if self.phase == Phase::Writing {
            self.editor
                .insert_str(text.replace("\r\n", "\n").replace('\r', "\n"));
            self.dirty = true;
        }
    }

    pub fn key(&mut self, key: KeyEvent, ctx: &Ctx) -> Vec<Cmd> {
        if self.confirm_leave {
            self.confirm_leave = false;
            if matches!(key.code, KeyCode::Char('y') | KeyCode::Char('Y')) {
                let mut cmds = Vec::new();
                if let Some(d) = self.draft(ctx.now, ctx.wall) {
                    cmds.push(Cmd::SaveDraft(Box::new(d)));
                }
                cmds.push(Cmd::Go(Target::Home));
                return cmds;
            }
            return vec![];
        }
        match self.phase {
            Phase::Brief | Phase::Results => match key.code {
                KeyCode::Enter if self.phase == Phase::Brief => {
                    self.phase = Phase::Writing;
                    self.timer = Some(Timer::start(
                        Duration::from_secs(u64::from(self.prompt.minutes) * 60),
                        ctx.now,
                        Duration::ZERO,
                    ));
                    self.last_draft = ctx.now;
                    self.scroll = 0;
                    // Saved at once, so an interrupted exercise can be resumed.
                    vec![Cmd::SaveSession(Box::new(self.session.clone()))]
                }
                KeyCode::Enter | KeyCode::Esc | KeyCode::Char('q') => {
                    if self.in_loop && self.phase == Phase::Results {
                        // Back to the loop's debrief, now with the writing.
                        vec![Cmd::ResumeSession(self.session.id.clone())]
                    } else {
                        vec![Cmd::Go(Target::Home)]
                    }
                }
                KeyCode::Down | KeyCode::Char('j') => {
                    self.scroll = self.scroll.saturating_add(1);
                    vec![]
                }
                KeyCode::Up | KeyCode::Char('k') => {
                    self.scroll = self.scroll.saturating_sub(1);
                    vec![]
                }
                _ => vec![],
            },
            Phase::Writing => {
                if key.code == KeyCode::Esc {
                    self.confirm_leave = true;
                    return vec![];
                }
                if key.modifiers.contains(KeyModifiers::CONTROL) && key.code == KeyCode::Char('s') {
                    let words = word_count(&self.text());
                    let left = self
                        .timer
                        .as_ref()
                        .map_or(Duration::ZERO, |t| t.remaining(ctx.now));
                    if words < self.prompt.min_words
                        && left >= Duration::from_secs(60)
                        && !self.submit_asked
                    {
                        self.submit_asked = true;
                        return vec![Cmd::Status(format!(
                            "{words} words, {} is the minimum, and {} min left: Ctrl-S again submits as it is.",
                            self.prompt.min_words,
                            left.as_secs() / 60
                        ))];
                    }
                    return self.submit(ctx);
                }
                self.submit_asked = false;
                // Ctrl-B, or F2 where Ctrl-B is taken (tmux's prefix key).
                if (key.modifiers.contains(KeyModifiers::CONTROL) && key.code == KeyCode::Char('b'))
                    || key.code == KeyCode::F(2)
                {
                    self.show_brief = !self.show_brief;
                    self.scroll = 0;
                    return vec![];
                }
                if self.show_brief {
                    match key.code {
                        KeyCode::Down => self.scroll = self.scroll.saturating_add(1),
                        KeyCode::Up => self.scroll = self.scroll.saturating_sub(1),
                        _ => {}
                    }
                    return vec![];
                }
                if self.editor.input(key) {
                    self.dirty = true;
                }
                vec![]
            }
        }
    }

    fn submit(&mut self, ctx: &Ctx) -> Vec<Cmd> {
        let text = self.text();
        let timer = self
            .timer
            .clone()
            .unwrap_or_else(|| Timer::start(Duration::from_secs(60), ctx.now, Duration::ZERO));
        self.results = check(&self.prompt, &text);
        self.session.writing = Some(WritingRecord {
            prompt_id: self.prompt.id.clone(),
            title: self.prompt.title.clone(),
            text,
            duration_secs: timer.elapsed(ctx.now).as_secs(),
            time_limit_secs: timer.limit().as_secs(),
            checks: self.results.iter().map(CheckResult::summary).collect(),
        });
        // A loop keeps the time its interviews ended.
        self.session.finished_at.get_or_insert(ctx.wall);
        self.phase = Phase::Results;
        self.scroll = 0;
        vec![
            Cmd::SaveSession(Box::new(self.session.clone())),
            Cmd::DiscardDraft(self.session.id.clone()),
        ]
    }

    /// The prompt, its facts, sections and checks.
    fn brief_lines(&self) -> Vec<Line<'static>> {
        let mut lines = vec![
            Line::styled(sanitize(&self.prompt.title), theme::title()),
            Line::styled(
                format!(
                    "{} minutes · {}–{} words",
                    self.prompt.minutes, self.prompt.min_words, self.prompt.max_words
                ),
                theme::accent(),
            ),
            Line::raw(""),
        ];
        for l in sanitize(&self.prompt.prompt).lines() {
            lines.push(Line::raw(l.to_string()));
        }
        if !self.prompt.sections.is_empty() {
            lines.push(Line::raw(""));
            lines.push(Line::styled(
                format!(
                    "Sections (as headings): {}",
                    self.prompt.sections.join(" · ")
                ),
                theme::dim(),
            ));
        }
        let checks: Vec<&str> = self.prompt.checks.iter().map(|c| check_label(*c)).collect();
        lines.push(Line::styled(
            format!("Checked when you submit: {}", checks.join(" · ")),
            theme::dim(),
        ));
        lines
    }

    pub fn render(&self, f: &mut Frame, area: Rect, ctx: &Ctx) {
        let _ = ctx;
        match self.phase {
            Phase::Brief => {
                let mut lines = self.brief_lines();
                lines.push(Line::raw(""));
                lines.push(Line::styled(
                    "Press Enter to start the clock.",
                    theme::key(),
                ));
                f.render_widget(
                    Paragraph::new(lines)
                        .wrap(Wrap { trim: false })
                        .scroll((self.scroll, 0)),
                    area,
                );
            }
            Phase::Writing => {
                let text = self.text();
                let words = word_count(&text);
                let mut spans = Vec::new();
                if let Some(t) = &self.timer {
                    let (clock, st) = match t.phase(ctx.now) {
                        TimerPhase::Plenty => {
                            (format_clock(t.remaining(ctx.now), false), theme::good())
                        }
                        TimerPhase::Amber => {
                            (format_clock(t.remaining(ctx.now), false), theme::warn())
                        }
                        TimerPhase::Over => (
                            format!("{} over", format_clock(t.overtime(ctx.now), true)),
                            theme::bad(),
                        ),
                    };
                    spans.push(Span::styled(format!("⏱ {clock}  "), st));
                }
                let in_range = (self.prompt.min_words..=self.prompt.max_words).contains(&words);
                spans.push(Span::styled(
                    format!(
                        "{words} words ({}–{})  ",
                        self.prompt.min_words, self.prompt.max_words
                    ),
                    if in_range {
                        theme::good()
                    } else {
                        theme::warn()
                    },
                ));
                for s in &self.prompt.sections {
                    let has = crate::practice::writing::has_section(&text, s);
                    spans.push(Span::styled(
                        format!("{}{} ", if has { "✓" } else { "·" }, s),
                        if has { theme::good() } else { theme::dim() },
                    ));
                }
                // The timer, words and section tracker wrap rather than
                // lose the last sections on a narrow terminal.
                let status = Line::from(spans);
                let status_rows = (status.width() as u16)
                    .div_ceil(area.width.max(1))
                    .clamp(1, 3);
                let [head, body] =
                    Layout::vertical([Constraint::Length(1 + status_rows), Constraint::Min(3)])
                        .areas(area);
                f.render_widget(
                    Paragraph::new(vec![
                        Line::styled(
                            crate::tui::text::truncate(
                                &one_line(&self.prompt.title),
                                usize::from(area.width),
                            ),
                            theme::title(),
                        ),
                        status,
                    ])
                    .wrap(Wrap { trim: true }),
                    head,
                );
                if self.show_brief {
                    f.render_widget(
                        Paragraph::new(self.brief_lines())
                            .wrap(Wrap { trim: false })
                            .scroll((self.scroll, 0))
                            .block(
                                Block::default()
                                    .borders(Borders::ALL)
                                    .border_style(theme::border_focus())
                                    .title(" Brief — Ctrl-B or F2: back to your document "),
                            ),
                        body,
                    );
                } else {
                    let mut e = self.editor.clone();
                    e.set_block(
                        Block::default()
                            .borders(Borders::ALL)
                            .border_style(theme::border_focus()),
                    );
                    crate::tui::widgets::editor(f, &e, body);
                }
            }
            Phase::Results => {
                let passed = self.results.iter().filter(|r| r.passed).count();
                let mut lines = vec![
                    Line::styled(
                        format!(
                            "{} — {passed} of {} checks passed",
                            one_line(&self.prompt.title),
                            self.results.len()
                        ),
                        theme::title(),
                    ),
                    Line::raw(""),
                ];
                // The labels' column is as wide as the longest, plus a gap:
                // a label never runs into its detail.
                let label_w = self
                    .results
                    .iter()
                    .map(|r| check_label(r.check).chars().count())
                    .max()
                    .unwrap_or(0)
                    + 2;
                for r in &self.results {
                    lines.push(Line::from(vec![
                        Span::styled(
                            if r.passed { " ✓ " } else { " ✗ " },
                            if r.passed {
                                theme::good()
                            } else {
                                theme::bad()
                            },
                        ),
                        Span::styled(format!("{:<label_w$}", check_label(r.check)), theme::text()),
                        Span::styled(r.detail.clone(), theme::dim()),
                    ]));
                }
                // What a reader judges beyond the counts: the point, the
                // reasoning, the trade-offs, the customer, what next.
                if let Some(w) = &self.session.writing {
                    let found = crate::practice::writing::substance(&w.text);
                    let shown = found.iter().filter(|x| x.quote.is_some()).count();
                    lines.push(Line::raw(""));
                    lines.push(Line::styled(
                        format!("Substance — {shown} of {} shown in the text", found.len()),
                        theme::title(),
                    ));
                    let width = usize::from(area.width);
                    for x in &found {
                        let (mark, st) = if x.quote.is_some() {
                            (" ✓ ", theme::good())
                        } else {
                            (" ✗ ", theme::bad())
                        };
                        lines.push(Line::from(vec![
                            Span::styled(mark, st),
                            Span::styled(format!("{}: ", x.aspect), theme::text()),
                            Span::styled(x.note.clone(), theme::dim()),
                        ]));
                        if let Some(q) = &x.quote {
                            crate::tui::text::push_wrapped(
                                &mut lines,
                                &format!("“{}”", one_line(q)),
                                width,
                                theme::quote(),
                                "     ",
                            );
                        }
                    }
                }
                if let Some(w) = &self.session.writing {
                    lines.push(Line::raw(""));
                    lines.push(Line::raw(format!(
                        "Time: {} of {}",
                        format_clock(Duration::from_secs(w.duration_secs), false),
                        format_clock(Duration::from_secs(w.time_limit_secs), false)
                    )));
                    lines.push(Line::styled(
                        "Saved. Reread it any time: Review past answers, then w (past writing).",
                        theme::dim(),
                    ));
                }
                f.render_widget(
                    Paragraph::new(lines)
                        .wrap(Wrap { trim: false })
                        .scroll((self.scroll, 0)),
                    area,
                );
            }
        }
        if self.confirm_leave {
            crate::tui::widgets::confirm(
                f,
                area,
                "Leave this exercise?",
                "Your draft is kept; resume from the home screen.  y / n",
            );
        }
    }
}
