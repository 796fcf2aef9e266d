//! Re-scoring an answer (the earlier scores are kept).

use super::*;

impl ReviewScreen {
    pub(super) fn key_rescore(
        &mut self,
        key: KeyEvent,
        ctx: &Ctx,
        h: &History,
        mut r: Rescore,
    ) -> Vec<Cmd> {
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

    pub(super) fn confirm_rescore(&mut self, ctx: &Ctx, h: &History, r: Rescore) -> Vec<Cmd> {
        let Some((_, _, _, a)) = r.at.find(h) else {
            return vec![Cmd::Status(
                "That answer is no longer in the history.".into(),
            )];
        };
        let before = a.average_score();
        let Some(session) = rescored(ctx, h, &r) else {
            return vec![Cmd::Status("Scores unchanged; nothing saved.".into())];
        };
        let after = r.at.find_in(&session).and_then(|a| a.average_score());
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

    /// A re-score under way, saved as it stands when the terminal closes.
    pub fn save_typing(&self, ctx: &Ctx) -> Vec<Cmd> {
        let (Some(View::Rescore(r)), Some(h)) = (self.views.last(), ctx.history) else {
            return vec![];
        };
        if ctx.read_only {
            return vec![];
        }
        rescored(ctx, h, r)
            .map(|s| vec![Cmd::SaveSession(Box::new(s))])
            .unwrap_or_default()
    }
}

/// The answer's session with the board's scores, the earlier ones kept in
/// its score history; `None` when nothing changed or it is gone.
fn rescored(ctx: &Ctx, h: &History, r: &Rescore) -> Option<Session> {
    let (_, s, ai, a) = r.at.find(h)?;
    if r.board.scores == a.self_scores {
        return None;
    }
    let mut session = s.clone();
    let ans = &mut session.answers[ai];
    let old = std::mem::replace(&mut ans.self_scores, r.board.scores.clone());
    if !old.is_empty() {
        ans.score_history.push(ScoreRevision {
            scored_at: ctx.wall,
            self_scores: old,
        });
    }
    Some(session)
}

pub(super) fn rescore(content: &Content, s: &Session, a: &Answer, at: AnswerRef) -> Rescore {
    Rescore {
        at,
        board: Board::for_answer(content, s, a),
    }
}

pub(super) fn render_rescore(f: &mut Frame, area: Rect, h: &History, r: &Rescore) {
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
