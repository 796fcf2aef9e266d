//! One answer in full: its question, parts, follow-ups, judgement and
//! scores; a retry from here.

use super::*;

impl ReviewScreen {
    pub(super) fn key_detail(
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

    pub(super) fn render_detail(
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
}

pub(super) fn interviewer_label(s: &Session, a: &Answer) -> (String, bool) {
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
pub(super) fn detail_lines(ctx: &Ctx, s: &Session, a: &Answer, w: usize) -> Vec<Line<'static>> {
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

/// A timed drill on `question` again; it ends back at `back` (the review as
/// it was, showing the new attempt beside the old ones).
pub(super) fn retry(ctx: &Ctx, question: &str, time_limit_secs: u64, back: Screen) -> Vec<Cmd> {
    if ctx.read_only {
        return vec![Cmd::Status(ctx.read_only_note())];
    }
    let minutes = time_limit_secs.div_ceil(60).clamp(1, 120) as u32;
    let seed = crate::practice::rng::fresh_seed(ctx.wall.timestamp_nanos_opt().unwrap_or_default());
    match crate::practice::plan::plan_retry(ctx.content, question, minutes, seed) {
        Ok(plan) => vec![Cmd::Go(Target::Screen(Box::new(Screen::Session(
            Box::new(
                super::super::session::SessionScreen::new_drill(ctx.content, plan, false, ctx.wall)
                    .returning_to(back),
            ),
        ))))],
        Err(e) => vec![Cmd::Status(e.to_string())],
    }
}
