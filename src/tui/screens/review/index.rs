//! The search index: one precomputed entry per answer (a lowercase
//! haystack, its LP, source and average), the filters, and stable answer
//! references.

use super::*;

// ------------------------------------------------------------ filters

/// Bands of the interviewer's average level for the `s` filter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Band {
    #[default]
    All,
    Below2,
    From2To3,
    From3,
}

impl Band {
    pub(super) fn next(self, back: bool) -> Band {
        const ALL: [Band; 4] = [Band::All, Band::Below2, Band::From2To3, Band::From3];
        let i = ALL.iter().position(|b| *b == self).unwrap_or(0);
        ALL[if back { (i + 3) % 4 } else { (i + 1) % 4 }]
    }
    pub(super) fn label(self) -> &'static str {
        match self {
            Band::All => "all",
            Band::Below2 => "<2",
            Band::From2To3 => "2–3",
            Band::From3 => "≥3",
        }
    }
    pub(super) fn matches(self, avg: Option<f64>) -> bool {
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
    pub(super) fn next(self, back: bool) -> Range {
        const ALL: [Range; 4] = [Range::All, Range::Days7, Range::Days30, Range::Days90];
        let i = ALL.iter().position(|b| *b == self).unwrap_or(0);
        ALL[if back { (i + 3) % 4 } else { (i + 1) % 4 }]
    }
    pub(super) fn days(self) -> Option<i64> {
        match self {
            Range::All => None,
            Range::Days7 => Some(7),
            Range::Days30 => Some(30),
            Range::Days90 => Some(90),
        }
    }
    pub(super) fn label(self) -> &'static str {
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
pub(super) struct Source {
    pub(super) kind: u8,
    pub(super) template: Option<String>,
}

impl Source {
    pub(super) fn of(s: &Session) -> Source {
        Source {
            kind: match s.kind {
                SessionKind::Loop => 0,
                SessionKind::Drill => 1,
                SessionKind::Writing => 2,
            },
            template: s.template.clone(),
        }
    }
    pub(super) fn label(&self, content: &Content) -> String {
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
    pub(super) source: Option<usize>,
    pub band: Band,
    pub range: Range,
    /// Only the attempts at this question id.
    pub question: Option<String>,
    /// The applied search text.
    pub search: String,
}

impl Filters {
    pub(super) fn active(&self) -> bool {
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
pub(super) struct Entry {
    pub(super) si: usize,
    pub(super) ai: usize,
    pub(super) at: DateTime<Utc>,
    pub(super) lp: Option<usize>,
    pub(super) source: usize,
    pub(super) avg: Option<f64>,
    pub(super) question_id: String,
    /// Question, STAR, follow-up probes and responses, notes; lowercase.
    pub(super) hay: String,
}

#[derive(Debug, Clone, Default)]
pub(super) struct Index {
    /// Newest first.
    pub(super) entries: Vec<Entry>,
    pub(super) sources: Vec<Source>,
    pub(super) sessions: usize,
}

pub(super) fn haystack(a: &Answer) -> String {
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
    pub(super) fn build(h: &History, content: &Content) -> Index {
        // The interviewer's levels come from each answer's cached judgement
        // (judged here only where the cache is missing or stale).
        let judge = crate::practice::judge::Judge::new(content);
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
                    avg: judge.answer_average(a),
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
pub(super) struct AnswerRef {
    pub(super) sid: String,
    pub(super) ai: usize,
    pub(super) aid: String,
}

impl AnswerRef {
    pub(super) fn of(s: &Session, ai: usize) -> AnswerRef {
        AnswerRef {
            sid: s.id.clone(),
            ai,
            aid: s.answers.get(ai).map(|a| a.id.clone()).unwrap_or_default(),
        }
    }
    pub(super) fn find<'h>(
        &self,
        h: &'h History,
    ) -> Option<(usize, &'h Session, usize, &'h Answer)> {
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

    /// The answer in `s`, when `s` is its session.
    pub(super) fn find_in<'s>(&self, s: &'s Session) -> Option<&'s Answer> {
        if s.id != self.sid {
            return None;
        }
        s.answers
            .get(self.ai)
            .filter(|a| a.id == self.aid)
            .or_else(|| s.answers.iter().find(|a| a.id == self.aid))
    }
}
