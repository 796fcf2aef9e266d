//! The overlays: search box, delete confirmation, the trash and the story
//! picker.

use super::*;

impl ReviewScreen {
    pub(super) fn key_overlay(&mut self, o: Overlay, key: KeyEvent, ctx: &Ctx) -> Vec<Cmd> {
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

    pub(super) fn ask_delete(&mut self, h: &History, at: &AnswerRef) {
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
    pub(super) fn search_words(&self) -> Vec<String> {
        self.filters
            .search
            .split_whitespace()
            .map(str::to_string)
            .collect()
    }

    /// Opens the story picker for the answer at `at`, on its current story.
    pub(super) fn open_link_picker(&mut self, ctx: &Ctx, h: &History, at: &AnswerRef) -> Vec<Cmd> {
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
    pub(super) fn link_story(
        &mut self,
        ctx: &Ctx,
        at: &AnswerRef,
        slot: Option<usize>,
    ) -> Vec<Cmd> {
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

    /// The overlay over the list or a view (search, trash, delete, story picker).
    pub(super) fn render_overlay(&self, f: &mut Frame, main: Rect, ctx: &Ctx, h: &History) {
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
    pub(super) fn render_link_picker(
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
}

/// The story picker's slots: "no story" first, then the stories tagged with
/// the answer's primary LP, then the rest, each group by title.
pub(super) fn link_slots(stories: &[crate::store::Story], lp: Option<&str>) -> Vec<Option<usize>> {
    let mut idx: Vec<usize> = (0..stories.len()).collect();
    idx.sort_by_cached_key(|&i| {
        let fits = lp.is_some_and(|lp| stories[i].principles.iter().any(|p| p == lp));
        (!fits, stories[i].title.to_lowercase())
    });
    std::iter::once(None)
        .chain(idx.into_iter().map(Some))
        .collect()
}
