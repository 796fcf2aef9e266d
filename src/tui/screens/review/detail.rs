//! One answer in full: its question, parts, follow-ups, judgement and
//! scores; a retry from here.

use super::*;
use crate::practice::ai::{SecondOpinion, with_ai_levels};

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
    // The model's second opinion, if the session keeps one: marked as AI
    // wherever it shows, beside the interviewer's (rule judge's) levels.
    let opinion = SecondOpinion::saved_for(&s.ai, &a.id);
    let judge = crate::practice::judge::Judge::new(c);
    // The interviewer's judgement, worked out again from the words (it is
    // derived data: a newer judge gives newer levels).
    let judged = judge.judge_answer(a, br);
    if let Some(op) = &opinion {
        let text = match &judged {
            _ if op.criteria.is_empty() => "no usable opinion (see below)".to_string(),
            Some(j) => {
                let differ = op.disagreements(j).len();
                let (by_ai, _) = with_ai_levels(j, op, &a.follow_ups, judge.rules());
                format!(
                    "{} on its levels (the interviewer's {}) · {}",
                    by_ai
                        .average
                        .map_or("no vote".to_string(), |v| format!("{v:.2}")),
                    j.average.map_or("none".to_string(), |v| format!("{v:.2}")),
                    match differ {
                        0 => "agrees with the interviewer on every level".to_string(),
                        n => format!("differs from the interviewer on {} (below)", criteria(n)),
                    }
                )
            }
            None => "given, but the interviewer could not judge this answer".to_string(),
        };
        push_wrapped(
            &mut lines,
            &format!("({}) {text}", one_line(&op.model)),
            w,
            theme::accent(),
            "AI opinion   ",
        );
    }
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
        for (k, fu) in a.follow_ups.iter().enumerate() {
            // A follow-up the model wrote says so, with the model's name.
            let by_model = s
                .ai
                .iter()
                .find(|l| l.kind == "follow-up" && l.answer_id == a.id && l.follow_up == Some(k));
            match by_model {
                Some(l) => push_wrapped(
                    &mut lines,
                    &format!(
                        "AI ({}) asked: “{}”",
                        one_line(&l.model),
                        one_line(&fu.probe)
                    ),
                    w,
                    theme::accent(),
                    "  ",
                ),
                None => push_wrapped(
                    &mut lines,
                    &format!("“{}”", one_line(&fu.probe)),
                    w,
                    theme::quote(),
                    "  ",
                ),
            }
            push_wrapped(&mut lines, &fu.response, w, theme::text(), "  ↳ ");
        }
    }
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
        if let Some(op) = opinion.as_ref().filter(|o| !o.criteria.is_empty()) {
            let (by_ai, vetoed) = with_ai_levels(j, op, &a.follow_ups, judge.rules());
            let voted = match (by_ai.vote, by_ai.average) {
                (Some(v), Some(avg)) => format!("{} ({avg:.2})", v.label()),
                _ => "none".to_string(),
            };
            let mut t = format!("On the levels of AI ({}): {voted}", one_line(&op.model));
            if vetoed > 0 {
                t.push_str(&format!(
                    "; {} it rated higher held at the interviewer's (a red flag vetoes its praise)",
                    if vetoed == 1 {
                        "1 level".to_string()
                    } else {
                        format!("{vetoed} levels")
                    }
                ));
            }
            t.push_str(match ctx.settings.vote {
                crate::practice::ai::VoteBy::Ai => {
                    "; the debrief votes on these ([ai] vote = \"ai\")"
                }
                crate::practice::ai::VoteBy::Rule => "; the debrief votes on the interviewer's",
            });
            push_wrapped(&mut lines, &t, w, theme::accent(), "  ");
        }
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
    let with_ai = opinion.as_ref().is_some_and(|o| !o.criteria.is_empty());
    lines.push(Line::styled(
        if with_ai {
            "By criterion: the interviewer's level, yours, then AI's"
        } else {
            "By criterion: the interviewer's level, then yours"
        },
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
            let ai = opinion
                .as_ref()
                .filter(|_| with_ai)
                .map(|o| o.criteria.iter().find(|x| x.id == cj.key));
            let label = truncate(
                &format!("{r} — {cn}"),
                w.saturating_sub(if ai.is_some() { 23 } else { 16 }),
            );
            let mut row = vec![
                Span::styled(
                    format!("  {} ", cj.level.map_or("·".into(), |l| l.to_string())),
                    cj.level
                        .map_or(theme::dim(), |l| theme::score(f64::from(l))),
                ),
                Span::styled(
                    format!("you {} ", mine.map_or("·".into(), |m| m.to_string())),
                    if padded { theme::bad() } else { theme::dim() },
                ),
            ];
            // The model's level beside the interviewer's; a difference is
            // marked, never hidden.
            if let Some(ai) = ai {
                row.push(match ai {
                    Some(x) if Some(x.level) != cj.level => {
                        Span::styled(format!("AI {}≠ ", x.level), theme::warn())
                    }
                    Some(x) => Span::styled(format!("AI {}  ", x.level), theme::accent()),
                    None => Span::styled("AI ·  ", theme::dim()),
                });
            }
            row.push(Span::raw(label));
            row.push(Span::styled(
                if padded { "  ⚠ 2+ above" } else { "" },
                theme::bad(),
            ));
            lines.push(Line::from(row));
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
            if let Some(Some(x)) = ai {
                for e in &x.evidence {
                    push_wrapped(
                        &mut lines,
                        &format!("“{}” — {}", one_line(&e.quote), one_line(&e.reason)),
                        w,
                        theme::accent(),
                        "      AI ",
                    );
                }
            }
        }
    }
    if let Some(op) = &opinion {
        opinion_section(&mut lines, op, judged.as_ref(), c, w);
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

/// `1 criterion`, `3 criteria`.
fn criteria(n: usize) -> String {
    if n == 1 {
        "1 criterion".to_string()
    } else {
        format!("{n} criteria")
    }
}

/// The second opinion in words: where it differs from the interviewer
/// (each difference named), what it would ask next, and what was dropped
/// from the model's reply and why. Every line is marked as the model's.
fn opinion_section(
    lines: &mut Vec<Line<'static>>,
    op: &SecondOpinion,
    judged: Option<&crate::practice::judge::Judgement>,
    c: &Content,
    w: usize,
) {
    lines.push(Line::raw(""));
    let head = format!("Second opinion · AI ({})", one_line(&op.model));
    let note = " — your model's, not the interviewer's";
    let mut heading = vec![Span::styled(
        head.clone(),
        theme::accent().add_modifier(Modifier::BOLD),
    )];
    if crate::tui::text::width(&head) + crate::tui::text::width(note) <= w {
        heading.push(Span::styled(note, theme::dim()));
    }
    lines.push(Line::from(heading));
    if op.criteria.is_empty() {
        push_wrapped(
            lines,
            &format!(
                "No usable opinion: {}",
                op.errors.first().map_or("no reason given", String::as_str)
            ),
            w,
            theme::warn(),
            "  ",
        );
    } else if let Some(j) = judged {
        let differ = op.disagreements(j);
        if differ.is_empty() {
            push_wrapped(
                lines,
                &format!(
                    "Agrees with the interviewer on all {} it scored.",
                    criteria(op.criteria.len())
                ),
                w,
                theme::accent(),
                "  ",
            );
        } else {
            push_wrapped(
                lines,
                &format!(
                    "Differs from the interviewer on {} of {}:",
                    differ.len(),
                    criteria(op.criteria.len())
                ),
                w,
                theme::warn(),
                "  ",
            );
            for (key, rule, ai) in &differ {
                let (_, name) = criterion_name(c, key);
                push_wrapped(
                    lines,
                    &format!(
                        "{}: interviewer {}, AI {ai}",
                        one_line(&name),
                        rule.map_or("not judged".to_string(), |r| r.to_string())
                    ),
                    w,
                    theme::warn(),
                    "    ≠ ",
                );
            }
        }
    }
    if let Some(p) = &op.next_probe {
        push_wrapped(
            lines,
            &format!("“{}”", one_line(p)),
            w,
            theme::accent(),
            "  AI would ask next: ",
        );
    }
    for e in &op.errors {
        push_wrapped(lines, e, w, theme::dim(), "  dropped: ");
    }
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
