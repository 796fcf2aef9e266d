//! Stats: per-LP practice, scores, trend and time per answer; what is
//! weakest or most overdue; a practice calendar of the last 12 weeks.

use super::Screen;
use super::review::{ReviewScreen, clock};
use crate::practice::progress::{PrincipleStats, Progress, calendar_weeks, progress};
use crate::tui::cmd::{Cmd, Ctx, Target};
use crate::tui::labels as L;
use crate::tui::text::plural;
use crate::tui::text::{one_line, truncate};
use crate::tui::text::{pad, pad_left};
use crate::tui::{theme, widgets};
use chrono::{DateTime, NaiveDate, Utc};
use crossterm::event::{KeyCode, KeyEvent};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

/// Weeks in the practice calendar.
pub const CALENDAR_WEEKS: usize = 12;

/// A count in a 4-column cell, never cut: `9999`, then `10k`, `999k`, `12M`.
pub fn count_cell(n: usize) -> String {
    match n {
        0..=9_999 => n.to_string(),
        10_000..=999_999 => format!("{}k", n / 1_000),
        _ => format!("{}M", n / 1_000_000),
    }
}

/// Calendar shading: none, 1, 2–3, 4–5, 6 or more answers that day.
pub const SHADES: [char; 5] = ['·', '░', '▒', '▓', '█'];

/// The shade for a number of answers in one day.
pub fn shade(n: usize) -> char {
    SHADES[match n {
        0 => 0,
        1 => 1,
        2..=3 => 2,
        4..=5 => 3,
        _ => 4,
    }]
}

/// The legend under a calendar.
pub const SHADE_LEGEND: &str = "· 0  ░ 1  ▒ 2–3  ▓ 4–5  █ 6+";

/// Why an LP is where it is in the practice queue.
pub fn reason(s: &PrincipleStats, now: DateTime<Utc>) -> String {
    match (s.answers, s.average) {
        (0, _) => "never practised".into(),
        (n, avg) => {
            let days = s.last_practised.map_or(0, |l| (now - l).num_days().max(0));
            let avg = avg.map_or("not scored".into(), |a| format!("avg {a:.1}"));
            format!("{avg}, {}, {days} d ago", plural(n, "answer"))
        }
    }
}

/// One line of the "recent answers" panel.
#[derive(Debug, Clone)]
struct Recent {
    at: DateTime<Utc>,
    lp: String,
    avg: Option<f64>,
    secs: u64,
    limit: u64,
    question: String,
}

/// How many recent answers the stats screen keeps for its panel.
const RECENT: usize = 40;

#[derive(Debug, Clone, Default)]
pub struct StatsScreen {
    progress: Option<Progress>,
    recent: Vec<Recent>,
    today: Option<NaiveDate>,
    wall: Option<DateTime<Utc>>,
    cursor: usize,
}

impl StatsScreen {
    pub fn new() -> StatsScreen {
        StatsScreen::default()
    }

    /// The stats screen with the LP row `cursor` selected.
    pub fn at(cursor: usize) -> StatsScreen {
        StatsScreen {
            cursor,
            ..StatsScreen::default()
        }
    }

    pub fn captures_text(&self) -> bool {
        false
    }

    pub fn title(&self, _ctx: &Ctx) -> String {
        "· stats".into()
    }

    pub fn sync(&mut self, ctx: &Ctx) {
        if self.progress.is_some() {
            return;
        }
        if let Some(h) = ctx.history {
            self.progress = Some(progress(&h.sessions, ctx.content, ctx.wall));
            let mut all: Vec<&crate::store::Answer> =
                h.sessions.iter().flat_map(|s| &s.answers).collect();
            all.sort_by_key(|a| std::cmp::Reverse(a.submitted_at));
            self.recent = all
                .into_iter()
                .take(RECENT)
                .map(|a| Recent {
                    at: a.submitted_at,
                    lp: a
                        .principles
                        .first()
                        .map_or("—".into(), |p| one_line(ctx.content.principle_name(p))),
                    avg: a.average_score(),
                    secs: a.duration_secs,
                    limit: a.time_limit_secs,
                    question: one_line(&a.question),
                })
                .collect();
            self.today = Some(crate::localtime::local_date(ctx.wall));
            self.wall = Some(ctx.wall);
        }
    }

    pub fn footer(&self, _ctx: &Ctx) -> Vec<(&'static str, &'static str)> {
        vec![
            ("↑↓", "LP"),
            ("Enter", "review its answers"),
            ("Esc", "home"),
            ("q", "quit"),
            ("?", "help"),
        ]
    }

    pub fn help(&self, _ctx: &Ctx) -> Vec<(&'static str, &'static str)> {
        vec![
            ("↑ ↓ / j k", "choose an LP"),
            ("Enter", "review the answers for that LP"),
            ("Esc", "home"),
            ("q", "quit"),
        ]
    }

    pub fn key(&mut self, key: KeyEvent, ctx: &Ctx) -> Vec<Cmd> {
        let n = ctx.content.principles.len();
        match key.code {
            KeyCode::Esc => vec![Cmd::Go(Target::Home)],
            KeyCode::Char('q') => vec![Cmd::Quit],
            _ if self.progress.is_none() => vec![],
            KeyCode::Down | KeyCode::Char('j') => {
                self.cursor = (self.cursor + 1).min(n.saturating_sub(1));
                vec![]
            }
            KeyCode::Up | KeyCode::Char('k') => {
                self.cursor = self.cursor.saturating_sub(1);
                vec![]
            }
            KeyCode::Enter if n > 0 => vec![Cmd::Go(Target::Screen(Box::new(Screen::Review(
                Box::new(ReviewScreen::for_principle(self.cursor.min(n - 1))),
            ))))],
            _ => vec![],
        }
    }

    pub fn render(&self, f: &mut Frame, area: Rect, ctx: &Ctx) {
        let (Some(p), Some(today), Some(wall)) = (&self.progress, self.today, self.wall) else {
            f.render_widget(
                Paragraph::new(Line::styled(L::LOADING_HISTORY, theme::dim())),
                area,
            );
            return;
        };
        let weeks = calendar_weeks(&p.calendar, today, CALENDAR_WEEKS);
        let days_practised = weeks.iter().flatten().flatten().filter(|d| d.1 > 0).count();
        let recent: usize = weeks.iter().flatten().flatten().map(|d| d.1).sum();
        let [head, body] =
            Layout::vertical([Constraint::Length(1), Constraint::Min(3)]).areas(area);
        f.render_widget(
            Paragraph::new(Line::styled(
                format!(
                    "{} · {} · last {} days: {} on {}",
                    plural(p.sessions, "session"),
                    plural(p.answers, "answer"),
                    CALENDAR_WEEKS * 7,
                    plural(recent, "answer"),
                    plural(days_practised, "day")
                ),
                theme::title(),
            )),
            head,
        );
        let side_w = if area.width >= 150 {
            area.width.saturating_sub(TABLE_MAX)
        } else if area.width >= 110 {
            34
        } else {
            20
        };
        let [left, side] =
            Layout::horizontal([Constraint::Min(40), Constraint::Length(side_w)]).areas(body);
        let table_h = (p.principles.len() as u16 + 3).min(left.height);
        let [table, below] =
            Layout::vertical([Constraint::Length(table_h), Constraint::Min(0)]).areas(left);
        self.render_table(f, table, p, wall);
        if below.height >= 4 {
            // With room, a third line: the selected LP's calibration trend.
            let h = if below.height >= 9 { 5 } else { 4 };
            let [overall, recent] =
                Layout::vertical([Constraint::Length(h), Constraint::Min(0)]).areas(below);
            render_overall(f, overall, p, &weeks, p.principles.get(self.cursor));
            if recent.height >= 4 {
                render_recent(f, recent, &self.recent);
            }
        }
        let cal_h = 7 + 2 + 2 + u16::from(side_w >= 30);
        let [cal, weak] =
            Layout::vertical([Constraint::Length(cal_h), Constraint::Min(0)]).areas(side);
        render_calendar(f, cal, &weeks, today);
        render_weakest(f, weak, p, wall, ctx);
    }

    fn render_table(&self, f: &mut Frame, area: Rect, p: &Progress, wall: DateTime<Utc>) {
        let w = area.width.saturating_sub(2) as usize;
        let wide = w >= 90;
        let trend_w = if wide { 12 } else { 8 };
        // name | answers | avg | you± | trend | time / limit | over | last
        let fixed = 1
            + (1 + 3)
            + (1 + 4)
            + (1 + 5)
            + (1 + trend_w)
            + (1 + 12)
            + (1 + 4)
            + if wide { 2 + 10 } else { 0 };
        let name_w = w.saturating_sub(fixed).clamp(10, 46);
        let mut head = format!(
            " {} {} {} {} {} {} {}",
            pad("Leadership Principle", name_w),
            pad_left("ans", 3),
            pad_left("avg", 4),
            pad_left("you±", 5),
            pad("trend", trend_w),
            pad_left("time / limit", 12),
            pad_left("over", 4)
        );
        if wide {
            head.push_str(&format!("  {}", pad("last", 10)));
        }
        let mut lines = vec![Line::styled(head, theme::dim())];
        let rows = area.height.saturating_sub(3) as usize;
        let start = self.cursor.saturating_sub(rows.saturating_sub(1));
        for (i, s) in p.principles.iter().enumerate().skip(start).take(rows) {
            let sel = i == self.cursor;
            let name_st = if sel {
                theme::selected()
            } else if s.answers == 0 {
                theme::dim()
            } else {
                theme::text()
            };
            let avg = match s.average {
                Some(v) => Span::styled(pad_left(&format!("{v:.1}"), 4), theme::score(v)),
                None => Span::styled(pad_left("–", 4), theme::dim()),
            };
            // Calibration: how far the self-scores sit above the evidence.
            let cal = match s.calibration_gap {
                Some(g) => Span::styled(
                    pad_left(&format!("{g:+.1}"), 5),
                    calibration_style(g, theme::dim()),
                ),
                None => Span::styled(pad_left("–", 5), theme::dim()),
            };
            let tail = &s.trend[s.trend.len().saturating_sub(trend_w)..];
            let trend = widgets::spark(tail);
            let trend_st = match (tail.first(), tail.last()) {
                (Some(a), Some(b)) if tail.len() > 1 && b > a => theme::good(),
                (Some(a), Some(b)) if tail.len() > 1 && b < a => theme::warn(),
                _ => theme::accent(),
            };
            let time = match (s.mean_secs, s.mean_limit_secs) {
                (Some(m), Some(l)) => Span::styled(
                    pad_left(
                        &format!("{} / {}", clock(m.round() as u64), clock(l.round() as u64)),
                        12,
                    ),
                    if m > l { theme::bad() } else { theme::text() },
                ),
                _ => Span::styled(pad_left("–", 12), theme::dim()),
            };
            let over = Span::styled(
                pad_left(&count_cell(s.overtime_answers), 4),
                if s.overtime_answers > 0 {
                    theme::bad()
                } else {
                    theme::dim()
                },
            );
            let mut spans = vec![
                Span::raw(" "),
                Span::styled(pad(&one_line(&s.name), name_w), name_st),
                Span::styled(pad_left(&count_cell(s.answers), 4), theme::text()),
                Span::raw(" "),
                avg,
                Span::raw(" "),
                cal,
                Span::raw(" "),
                Span::styled(pad(&trend, trend_w), trend_st),
                Span::raw(" "),
                time,
                Span::raw(" "),
                over,
            ];
            if wide {
                let last = s.last_practised.map_or("never".to_string(), |l| {
                    // Calendar days in the user's time zone, as the calendar.
                    let days = (crate::localtime::local_date(wall)
                        - crate::localtime::local_date(l))
                    .num_days();
                    match days.max(0) {
                        0 => "today".into(),
                        1 => "yesterday".into(),
                        d => format!("{d} days ago"),
                    }
                });
                spans.push(Span::styled(format!("  {}", pad(&last, 10)), theme::dim()));
            }
            lines.push(Line::from(spans));
        }
        f.render_widget(
            Paragraph::new(lines).block(
                Block::default()
                    .borders(Borders::ALL)
                    .border_style(theme::border_focus())
                    .title(" Per Leadership Principle "),
            ),
            area,
        );
    }
}

/// The widest the per-LP table gets; wider terminals give the rest to the calendar.
const TABLE_MAX: u16 = 112;

/// How a calibration gap looks: a level or more above the interviewer is
/// bad, half a level a warning, less is `fine`.
fn calibration_style(gap: f64, fine: ratatui::style::Style) -> ratatui::style::Style {
    if gap >= 1.0 {
        theme::bad()
    } else if gap >= 0.5 {
        theme::warn()
    } else {
        fine
    }
}

/// Calibration gaps (−3…+3) as spark heights (1…4): higher is scoring
/// yourself further above the interviewer.
fn calibration_bars(gaps: &[f64]) -> Vec<f64> {
    gaps.iter()
        .map(|g| 2.5 + g.clamp(-3.0, 3.0) / 2.0)
        .collect()
}

/// Totals over every LP, answers per week and practice streaks.
fn render_overall(
    f: &mut Frame,
    area: Rect,
    p: &Progress,
    weeks: &[[Option<(NaiveDate, usize)>; 7]],
    selected: Option<&crate::practice::progress::PrincipleStats>,
) {
    let answered: usize = p.principles.iter().map(|s| s.answers).sum();
    let scored: Vec<(f64, usize)> = p
        .principles
        .iter()
        .filter_map(|s| s.average.map(|a| (a, s.answers)))
        .collect();
    let weight: usize = scored.iter().map(|x| x.1).sum();
    let avg = (weight > 0)
        .then(|| scored.iter().map(|(a, n)| a * *n as f64).sum::<f64>() / weight as f64);
    let over: usize = p.principles.iter().map(|s| s.overtime_answers).sum();
    let secs: f64 = p
        .principles
        .iter()
        .filter_map(|s| s.mean_secs.map(|m| m * s.answers as f64))
        .sum();
    let limit: f64 = p
        .principles
        .iter()
        .filter_map(|s| s.mean_limit_secs.map(|m| m * s.answers as f64))
        .sum();
    let days: Vec<usize> = weeks.iter().flatten().flatten().map(|d| d.1).collect();
    let mut longest = 0;
    let mut run = 0;
    for &n in &days {
        run = if n > 0 { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    // The current streak may end yesterday if nothing was done yet today.
    let mut current = 0;
    for (k, &n) in days.iter().rev().enumerate() {
        if n > 0 {
            current += 1;
        } else if k > 0 {
            break;
        }
    }
    let per_week: Vec<f64> = weeks
        .iter()
        .map(|w| w.iter().flatten().map(|d| d.1).sum::<usize>() as f64)
        .collect();
    let most = per_week.iter().copied().fold(1.0, f64::max);
    let scaled: Vec<f64> = per_week.iter().map(|v| 1.0 + 3.0 * v / most).collect();
    let mut lines = vec![Line::from(vec![
        Span::styled("Interviewer avg ", theme::dim()),
        match avg {
            Some(v) => Span::styled(format!("{v:.2}"), theme::score(v)),
            None => Span::styled("–", theme::dim()),
        },
        Span::styled("  you± ", theme::dim()),
        match p.calibration_gap {
            Some(g) => Span::styled(
                format!(
                    "{g:+.2} {}",
                    widgets::spark(&calibration_bars(&p.calibration_trend))
                ),
                calibration_style(g, theme::good()),
            ),
            None => Span::styled("–", theme::dim()),
        },
        Span::styled("  mean time ", theme::dim()),
        Span::styled(
            if answered > 0 {
                format!(
                    "{} / {}",
                    clock((secs / answered as f64).round() as u64),
                    clock((limit / answered as f64).round() as u64)
                )
            } else {
                "–".into()
            },
            if secs > limit {
                theme::bad()
            } else {
                theme::text()
            },
        ),
        Span::styled("  over ", theme::dim()),
        Span::styled(
            format!("{over} of {answered}"),
            if over > 0 {
                theme::bad()
            } else {
                theme::text()
            },
        ),
    ])];
    lines.push(Line::from(vec![
        Span::styled("Streak ", theme::dim()),
        Span::raw(format!(
            "{} now, longest {longest} in 12 weeks",
            plural(current as usize, "day")
        )),
        Span::styled("   answers per week ", theme::dim()),
        Span::styled(widgets::spark(&scaled), theme::accent()),
    ]));
    if area.height >= 5
        && let Some(sel) = selected
    {
        lines.push(Line::from(match sel.calibration_gap {
            Some(g) => vec![
                Span::styled(format!("{}: you± ", one_line(&sel.name)), theme::dim()),
                Span::styled(
                    format!(
                        "{g:+.2} {}",
                        widgets::spark(&calibration_bars(&sel.calibration_trend))
                    ),
                    calibration_style(g, theme::good()),
                ),
                Span::styled(
                    format!(
                        "  over its last {}",
                        plural(sel.calibration_trend.len(), "scored answer")
                    ),
                    theme::dim(),
                ),
            ],
            None => vec![Span::styled(
                format!(
                    "{}: no self-scored answer to calibrate yet",
                    one_line(&sel.name)
                ),
                theme::dim(),
            )],
        }));
    }
    f.render_widget(
        Paragraph::new(lines).block(
            Block::default()
                .borders(Borders::ALL)
                .border_style(theme::border())
                .title(" Overall "),
        ),
        area,
    );
}

fn render_calendar(
    f: &mut Frame,
    area: Rect,
    weeks: &[[Option<(NaiveDate, usize)>; 7]],
    today: NaiveDate,
) {
    let inner_w = area.width.saturating_sub(2) as usize;
    let label_w = if inner_w >= 30 { 4 } else { 2 };
    let cell = ((inner_w.saturating_sub(label_w)) / weeks.len().max(1)).clamp(1, 3);
    let days = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
    let mut lines = Vec::new();
    if inner_w >= 30 {
        // Month labels over the week each month starts in (never overlapping).
        let mut row: Vec<char> = vec![' '; label_w + weeks.len() * cell];
        let mut free = 0;
        let mut last_month = 0;
        for (k, w) in weeks.iter().enumerate() {
            // A week belongs to the month of its Thursday (as ISO weeks do).
            let Some(first) = w[3].or_else(|| w.iter().flatten().next().copied()) else {
                continue;
            };
            let m = {
                use chrono::Datelike;
                first.0.month()
            };
            if m != last_month {
                let at = label_w + k * cell;
                let label: Vec<char> = first.0.format("%b").to_string().chars().collect();
                if at >= free && at + label.len() <= row.len() {
                    row[at..at + label.len()].copy_from_slice(&label);
                    free = at + label.len() + 1;
                }
            }
            last_month = m;
        }
        lines.push(Line::styled(
            row.into_iter().collect::<String>(),
            theme::dim(),
        ));
    }
    for (d, day) in days.iter().enumerate() {
        let label = if label_w >= 4 {
            day.to_string()
        } else {
            day[..1].to_string()
        };
        let mut spans = vec![Span::styled(pad(&label, label_w), theme::dim())];
        for w in weeks {
            let (ch, st) = match w[d] {
                None => (' ', theme::dim()),
                Some((date, n)) => {
                    let st = if date == today {
                        theme::accent()
                    } else if n == 0 {
                        theme::dim()
                    } else {
                        theme::good()
                    };
                    (shade(n), st)
                }
            };
            let fill = if ch == SHADES[0] || ch == ' ' {
                1
            } else {
                cell.saturating_sub(1).max(1)
            };
            let txt = pad(&ch.to_string().repeat(fill), cell);
            spans.push(Span::styled(txt, st));
        }
        lines.push(Line::from(spans));
    }
    let first = weeks.first().and_then(|w| w[0]).map(|d| d.0);
    lines.push(Line::styled(
        truncate(
            &first.map_or(String::new(), |d| {
                format!("{} – {}", d.format("%b %d"), today.format("%b %d"))
            }),
            inner_w,
        ),
        theme::dim(),
    ));
    let legend = if inner_w >= SHADE_LEGEND.chars().count() {
        SHADE_LEGEND
    } else {
        "·0 ░1 ▒2+ ▓4+ █6+"
    };
    lines.push(Line::styled(truncate(legend, inner_w), theme::dim()));
    f.render_widget(
        Paragraph::new(lines).block(
            Block::default()
                .borders(Borders::ALL)
                .border_style(theme::border())
                .title(" Last 12 weeks "),
        ),
        area,
    );
}

fn render_weakest(f: &mut Frame, area: Rect, p: &Progress, wall: DateTime<Utc>, _ctx: &Ctx) {
    if area.height < 3 {
        return;
    }
    let w = area.width.saturating_sub(2) as usize;
    let mut lines = Vec::new();
    let room = area.height.saturating_sub(2) as usize / 2;
    for (k, s) in p.due_order().into_iter().take(room.min(10)).enumerate() {
        let n = format!("{} ", k + 1);
        let name = truncate(&one_line(&s.name), w.saturating_sub(n.len()));
        lines.push(Line::from(vec![
            Span::styled(n, theme::accent()),
            Span::raw(name),
        ]));
        lines.push(Line::styled(
            format!("  {}", truncate(&reason(s, wall), w.saturating_sub(2))),
            theme::dim(),
        ));
    }
    f.render_widget(
        Paragraph::new(lines).block(
            Block::default()
                .borders(Borders::ALL)
                .border_style(theme::border())
                .title(" Practise next "),
        ),
        area,
    );
}

fn render_recent(f: &mut Frame, area: Rect, recent: &[Recent]) {
    let w = area.width.saturating_sub(2) as usize;
    let lp_w = 22.min(w / 4);
    let rows = area.height.saturating_sub(2) as usize;
    let lines: Vec<Line> = recent
        .iter()
        .take(rows)
        .map(|r| {
            let used = 10 + 1 + lp_w + 1 + 4 + 1 + 12 + 1;
            Line::from(vec![
                Span::styled(
                    format!("{} ", crate::localtime::local(r.at).format("%Y-%m-%d")),
                    theme::dim(),
                ),
                Span::raw(format!("{} ", pad(&r.lp, lp_w))),
                match r.avg {
                    Some(v) => Span::styled(pad_left(&format!("{v:.1}"), 4), theme::score(v)),
                    None => Span::styled(pad_left("–", 4), theme::dim()),
                },
                Span::styled(
                    format!(
                        " {} ",
                        pad_left(&format!("{} / {}", clock(r.secs), clock(r.limit)), 12)
                    ),
                    if r.secs > r.limit {
                        theme::bad()
                    } else {
                        theme::text()
                    },
                ),
                Span::styled(truncate(&r.question, w.saturating_sub(used)), theme::dim()),
            ])
        })
        .collect();
    f.render_widget(
        Paragraph::new(lines).block(
            Block::default()
                .borders(Borders::ALL)
                .border_style(theme::border())
                .title(" Recent answers "),
        ),
        area,
    );
}

/// Opens the stats screen (from home).
pub fn open() -> Cmd {
    Cmd::Go(Target::Screen(Box::new(Screen::Stats(Box::new(
        StatsScreen::new(),
    )))))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_fit_their_cell_uncut() {
        assert_eq!(count_cell(9_999), "9999");
        assert_eq!(count_cell(10_000), "10k");
        assert_eq!(count_cell(999_999), "999k");
        assert_eq!(count_cell(12_345_678), "12M");
        for n in [0, 7, 10_000, 123_456, 1_000_000, 999_999_999] {
            assert!(count_cell(n).chars().count() <= 4, "{n}");
        }
    }

    #[test]
    fn shades_grow_with_answers() {
        let s: String = [0, 1, 2, 3, 4, 5, 6, 40]
            .iter()
            .map(|&n| shade(n))
            .collect();
        assert_eq!(s, "·░▒▒▓▓██");
    }
}
