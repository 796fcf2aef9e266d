//! The debrief: votes, feedback notes, the Bar Raiser and the decision.

use super::*;

impl SessionScreen {
    pub(super) fn finish(
        &mut self,
        content: &Content,
        vote: crate::practice::ai::VoteBy,
        wall: DateTime<Utc>,
    ) -> Vec<Cmd> {
        let d = debrief_by(&self.session, content, vote);
        // A drill has no panel: no votes and no hire decision, only the summary.
        if !self.flow.drill {
            for v in &d.votes {
                if let Some(iv) = self.session.interviews.get_mut(v.interview) {
                    iv.vote = v.vote;
                    iv.average_score = v.average;
                }
            }
            self.session.debrief = Some(DebriefRecord {
                hire: d.hire,
                bar_raiser_veto: d.bar_raiser_veto,
                summary: d.reasons.join(" "),
            });
        }
        if self.session.finished_at.is_none() {
            self.session.finished_at = Some(wall);
        }
        self.debrief = Some(d);
        self.timer = None;
        self.scroll = 0;
        vec![self.save(), Cmd::DiscardDraft(self.session.id.clone())]
    }

    pub(super) fn render_debrief(&self, f: &mut Frame, area: Rect, ctx: &Ctx) {
        let Some(d) = &self.debrief else { return };
        // With [ai] vote = "ai", the numbers are on the model's levels
        // where it gave some: said so, never called the interviewer's.
        let on_ai = d.ai_vote.as_ref().is_some_and(|v| v.answers > 0);
        let voted_on = if on_ai {
            "voted on AI levels"
        } else {
            "interviewer"
        };
        let mut lines = Vec::new();
        if self.flow.drill {
            let avg = crate::store::average(
                self.session
                    .answers
                    .iter()
                    .flat_map(|a| a.self_scores.values()),
            );
            let judged: Vec<f64> = d.votes.iter().filter_map(|v| v.average).collect();
            let judged =
                (!judged.is_empty()).then(|| judged.iter().sum::<f64>() / judged.len() as f64);
            lines.push(Line::from(vec![
                Span::styled("Drill summary  ", theme::title()),
                Span::raw(plural(self.session.answers.len(), "answer")),
                Span::styled(
                    judged.map_or(String::new(), |a| format!(" · {voted_on} {a:.2}")),
                    judged.map_or(theme::dim(), theme::score),
                ),
                Span::styled(
                    avg.map_or(String::new(), |a| format!(" · your self-score {a:.2}")),
                    theme::dim(),
                ),
            ]));
            if let Some(v) = &d.ai_vote {
                push_wrapped(
                    &mut lines,
                    &crate::practice::debrief::ai_vote_note(v),
                    usize::from(area.width),
                    theme::accent(),
                    "  ",
                );
            }
        } else {
            // A phone screen decides whether the candidate moves on to the
            // loop, not whether they are hired.
            let screen = self.phone_screen(ctx.content);
            let (verdict, style) = match (d.hire, screen) {
                (true, false) => ("HIRE", theme::good()),
                (false, false) => ("NO HIRE", theme::bad()),
                (true, true) => ("MOVE TO THE LOOP", theme::good()),
                (false, true) => ("DO NOT MOVE TO THE LOOP", theme::bad()),
            };
            let mut head = vec![
                Span::styled("Debrief  ", theme::title()),
                Span::styled(verdict, style.add_modifier(ratatui::style::Modifier::BOLD)),
            ];
            // The Bar Raiser has not read the writing yet: the decision is
            // provisional until it is written.
            if d.writing_pending {
                head.push(Span::styled(
                    "  PROVISIONAL: the writing is still to do",
                    theme::warn(),
                ));
            }
            lines.push(Line::from(head));
            for r in &d.reasons {
                lines.push(Line::styled(format!("  {r}"), theme::dim()));
            }
            lines.push(Line::raw(""));
            lines.push(Line::from(vec![
                Span::styled("Votes", theme::title()),
                Span::styled(
                    if d.ai_vote.as_ref().is_some_and(|v| v.answers > 0) {
                        "  the level voted on (AI where kept, see above) · your self-score"
                    } else {
                        "  the interviewer's level · your self-score"
                    },
                    theme::dim(),
                ),
            ]));
            for v in &d.votes {
                let rec = &self.session.interviews[v.interview];
                let name = format!(
                    "{}{}",
                    one_line(&rec.interviewer.name),
                    if v.bar_raiser { " (Bar Raiser)" } else { "" }
                );
                let avg = v.average.map_or("  –  ".into(), |a| format!("{a:.2}"));
                let vote = v.vote.map_or("no vote (nothing to judge)", |x| x.label());
                // The veto beside the vote it overrides: never a vote alone
                // that the decision contradicts.
                let vote = if v.bar_raiser && d.bar_raiser_veto {
                    format!("{vote}, but vetoes")
                } else {
                    vote.to_string()
                };
                let st = v.average.map_or(theme::dim(), theme::score);
                lines.push(Line::from(vec![
                    Span::raw(format!("  {:<30} ", truncate(&name, 30))),
                    Span::styled(format!("{avg:>5}  {vote:<22}"), st),
                    Span::styled(
                        v.self_average
                            .map_or(String::new(), |a| format!(" you {a:.2}")),
                        theme::dim(),
                    ),
                ]));
            }
        }
        lines.push(Line::raw(""));
        lines.push(Line::from(vec![
            Span::styled("By Leadership Principle", theme::title()),
            Span::styled(
                if on_ai {
                    "  its own rubric: the levels voted on (AI where kept) · you"
                } else {
                    "  its own rubric: interviewer · you"
                },
                theme::dim(),
            ),
        ]));
        let name_w = usize::from(area.width).saturating_sub(58).clamp(16, 44);
        for p in &d.principles {
            let fmt = |v: Option<f64>| v.map_or("  –  ".into(), |a| format!("{a:.2}"));
            let mut row = vec![
                Span::raw(format!(
                    "  {:<name_w$} {:<10}  ",
                    truncate(ctx.content.principle_name(&p.principle), name_w),
                    plural(p.answers, "answer")
                )),
                Span::styled(fmt(p.average), p.average.map_or(theme::dim(), theme::score)),
                Span::styled(" · ", theme::dim()),
                Span::styled(fmt(p.self_average), theme::dim()),
            ];
            if p.average.is_some() && !p.strong {
                row.push(Span::styled("  no strong point", theme::warn()));
            }
            lines.push(Line::from(row));
        }
        if !self.flow.drill {
            let width = usize::from(area.width);
            let notes: Vec<_> = d
                .notes
                .iter()
                .filter(|n| !n.lps.is_empty() || !n.discounted.is_empty())
                .collect();
            if !notes.is_empty() {
                lines.push(Line::raw(""));
                lines.push(Line::styled("Feedback notes", theme::title()));
            }
            for n in notes {
                let rec = &self.session.interviews[n.interview];
                lines.push(Line::styled(
                    format!(
                        "  {}, {}",
                        one_line(&rec.interviewer.name),
                        one_line(&rec.interviewer.role)
                    ),
                    theme::accent(),
                ));
                for lp in &n.lps {
                    lines.push(Line::from(vec![
                        Span::raw(format!(
                            "    {}: ",
                            ctx.content.principle_name(&lp.principle)
                        )),
                        Span::styled(
                            format!(
                                "{}{}",
                                if lp.inclined {
                                    "inclined"
                                } else {
                                    "not inclined"
                                },
                                lp.average.map_or(String::new(), |a| format!(" ({a:.2})"))
                            ),
                            if lp.inclined {
                                theme::good()
                            } else {
                                theme::bad()
                            },
                        ),
                    ]));
                    for dp in &lp.data_points {
                        let text = if dp.quote.is_empty() {
                            one_line(&dp.reason)
                        } else {
                            format!("“{}” — {}", one_line(&dp.quote), one_line(&dp.reason))
                        };
                        let st = if dp.effect == crate::practice::judge::Effect::Plus {
                            theme::text()
                        } else {
                            theme::warn()
                        };
                        push_wrapped(
                            &mut lines,
                            &text,
                            width,
                            st,
                            &format!("      {} ", dp.effect.symbol()),
                        );
                    }
                    if let Some(c) = &lp.concern {
                        push_wrapped(&mut lines, c, width, theme::dim(), "      Concern: ");
                    }
                }
                for x in &n.discounted {
                    push_wrapped(&mut lines, x, width, theme::warn(), "    ");
                }
                for x in &n.dodged {
                    push_wrapped(&mut lines, x, width, theme::dim(), "    Concern: ");
                }
                if let Some(asked) = &n.asked {
                    let (mark, st) = match asked.counts_for() {
                        Some(true) => ("+", theme::text()),
                        Some(false) => ("-", theme::warn()),
                        None => ("·", theme::dim()),
                    };
                    push_wrapped(
                        &mut lines,
                        &one_line(&asked.note()),
                        width,
                        st,
                        &format!("    Your questions {mark} "),
                    );
                }
            }
            if !d.bar_raiser_notes.is_empty() {
                lines.push(Line::raw(""));
                lines.push(Line::styled(
                    "The Bar Raiser, across the loop",
                    theme::title(),
                ));
                for n in &d.bar_raiser_notes {
                    push_wrapped(&mut lines, n, width, theme::warn(), "  • ");
                }
            }
        }
        if !d.flags.is_empty() {
            lines.push(Line::raw(""));
            lines.push(Line::styled(
                "What the interviewers noticed",
                theme::title(),
            ));
            for (s, n) in &d.flags {
                let e = crate::content::signal_explanation(s)
                    .map_or_else(|| one_line(s), str::to_string);
                crate::tui::text::push_marked(
                    &mut lines,
                    &e,
                    usize::from(area.width),
                    theme::text(),
                    &format!("  ⚑ {n}× "),
                    theme::warn(),
                );
            }
        }
        if !d.reused_stories.is_empty() && d.reused_answers.is_empty() {
            lines.push(Line::raw(""));
            lines.push(Line::styled(
                "Stories told to more than one interviewer",
                theme::title(),
            ));
            for id in &d.reused_stories {
                let t = ctx
                    .stories
                    .stories
                    .iter()
                    .find(|s| &s.id == id)
                    .map_or(id.clone(), |s| one_line(&s.title));
                lines.push(Line::styled(format!("  {t}"), theme::warn()));
            }
        }
        if let Some(p) = self.writing_prompt(ctx.content) {
            lines.push(Line::raw(""));
            let text = match &self.session.writing {
                Some(w) => format!(
                    "Writing exercise done: {}. The Bar Raiser's note above reads it; press w to write it again.",
                    one_line(&w.title)
                ),
                None => format!(
                    "This loop includes a writing exercise: {} ({} min). Press w to start it; the Bar Raiser reads it.",
                    one_line(&p.title),
                    p.minutes
                ),
            };
            push_wrapped(
                &mut lines,
                &text,
                usize::from(area.width),
                theme::accent(),
                "",
            );
        }
        lines.push(Line::raw(""));
        lines.push(Line::raw(format!(
            "Time answering: {}   overtime: {}",
            format_clock(Duration::from_secs(d.answer_secs), false),
            format_clock(Duration::from_secs(d.overtime_secs), false)
        )));
        f.render_widget(
            Paragraph::new(lines)
                .wrap(Wrap { trim: false })
                .scroll((self.scroll, 0)),
            area,
        );
    }
}
