//! Progress per Leadership Principle, and what to practise next.
//!
//! The rule (also in docs/practice-next.md): every LP gets a priority.
//! - Never practised: highest priority, in the content's LP order.
//! - Otherwise `weakness + overdue`, where `weakness = (4 − recent average)
//!   × 10` over the last 5 scored answers (0 to 30), and `overdue = 10 ×
//!   min(days since last practice ÷ interval, 3)`, with the interval set by
//!   that average: 1 day below 2.0, 3 days below 2.75, 7 days below 3.5,
//!   else 14 days. An LP practised but never scored counts as average 2.0.

use crate::content::Content;
use crate::practice::judge::Judge;
use crate::store::index::{Practised, principle_of};
use crate::store::{Answer, Session};
use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PrincipleStats {
    pub id: String,
    pub name: String,
    pub answers: usize,
    /// The interviewer's average level (the judge's), over the answers.
    pub average: Option<f64>,
    /// The interviewer's level of each answer, oldest first (the last 12).
    pub trend: Vec<f64>,
    /// The candidate's own average self-score, for comparison.
    pub self_average: Option<f64>,
    /// Calibration: the mean of (self-score − interviewer level) over the
    /// answers that have both; positive means scoring yourself high.
    pub calibration_gap: Option<f64>,
    /// That gap per answer, oldest first (the last 12).
    pub calibration_trend: Vec<f64>,
    /// Mean seconds per answer and mean limit.
    pub mean_secs: Option<f64>,
    pub mean_limit_secs: Option<f64>,
    pub overtime_answers: usize,
    pub last_practised: Option<DateTime<Utc>>,
    pub priority: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Progress {
    pub sessions: usize,
    pub answers: usize,
    pub principles: Vec<PrincipleStats>,
    /// Answers per day.
    pub calendar: BTreeMap<NaiveDate, usize>,
    /// Calibration over every answer: the mean of (self-score − interviewer
    /// level); positive means scoring yourself above the evidence.
    pub calibration_gap: Option<f64>,
    /// That gap per answer, oldest first (the last 12).
    pub calibration_trend: Vec<f64>,
}

impl Progress {
    /// LP ids, most in need of practice first.
    pub fn due_order(&self) -> Vec<&PrincipleStats> {
        let mut v: Vec<&PrincipleStats> = self.principles.iter().collect();
        v.sort_by(|a, b| b.priority.total_cmp(&a.priority));
        v
    }
    pub fn weakest(&self, n: usize) -> Vec<String> {
        self.due_order()
            .into_iter()
            .take(n)
            .map(|p| p.id.clone())
            .collect()
    }
}

fn interval_days(avg: f64) -> f64 {
    if avg < 2.0 {
        1.0
    } else if avg < 2.75 {
        3.0
    } else if avg < 3.5 {
        7.0
    } else {
        14.0
    }
}

/// The priority of one LP (see the module docs).
pub fn priority(order: usize, recent_avg: Option<f64>, days_since: Option<f64>) -> f64 {
    match days_since {
        None => 1000.0 - order as f64,
        Some(days) => {
            let avg = recent_avg.unwrap_or(2.0);
            let weakness = (4.0 - avg) * 10.0;
            let overdue = 10.0 * (days / interval_days(avg)).min(3.0);
            weakness + overdue
        }
    }
}

pub fn progress(sessions: &[Session], content: &Content, now: DateTime<Utc>) -> Progress {
    let judge = Judge::new(content);
    let ids: Vec<&str> = content.principles.iter().map(|p| p.id.as_str()).collect();
    let answers: Vec<Practised> = sessions
        .iter()
        .flat_map(|s| &s.answers)
        .map(|a| practised(a, &judge, &ids))
        .collect();
    progress_of(&answers, sessions.len(), content, now)
}

/// What progress reads of answer `a`, its principle numbered among `ids`.
pub fn practised(a: &Answer, judge: &Judge, ids: &[&str]) -> Practised {
    Practised {
        principle: principle_of(ids, a.principles.first().map(String::as_str)),
        submitted_at: a.submitted_at,
        // The interviewer's level of each answer (the candidate's own score
        // only for answers given aloud, which have no text).
        level: judge.answer_average(a),
        self_average: a.average_score(),
        duration_secs: a.duration_secs,
        time_limit_secs: a.time_limit_secs,
        overtime_secs: a.overtime_secs,
        spoken: a.spoken,
    }
}

/// Progress over `sessions` sessions whose answers are `answers`, in the
/// history's order (as the summary index gives them: see
/// `store::index::Store::read_practice`), each `principle` numbered among
/// `content.principles`.
pub fn progress_of(
    answers: &[Practised],
    sessions: usize,
    content: &Content,
    now: DateTime<Utc>,
) -> Progress {
    // Every answer oldest first, once (the index breaks ties in the
    // history's order, as a stable sort would): each LP's list is then in
    // order as it is picked out.
    let mut oldest_first: Vec<(i64, u32, u32)> = answers
        .iter()
        .enumerate()
        .map(|(k, a)| {
            let t = a.submitted_at;
            (t.timestamp(), t.timestamp_subsec_nanos(), k as u32)
        })
        .collect();
    oldest_first.sort_unstable();
    let all: Vec<&Practised> = oldest_first
        .iter()
        .map(|(_, _, k)| &answers[*k as usize])
        .collect();
    let mut by_lp: Vec<Vec<&Practised>> = vec![Vec::new(); content.principles.len()];
    // Answers per day (the user's day): counted by day number, in order.
    let offset = i64::from(crate::localtime::offset().local_minus_utc());
    let mut days: Vec<(i64, usize)> = Vec::new();
    for (&(secs, _, _), a) in oldest_first.iter().zip(&all) {
        let day = (secs + offset).div_euclid(86_400);
        match days.last_mut() {
            Some((d, n)) if *d == day => *n += 1,
            _ => days.push((day, 1)),
        }
        if let Some(list) = a.principle.and_then(|k| by_lp.get_mut(usize::from(k))) {
            list.push(a);
        }
    }
    let calendar: BTreeMap<NaiveDate, usize> = days
        .into_iter()
        .filter_map(|(day, n)| Some((crate::localtime::date_of_day(day)?, n)))
        .collect();
    let principles = content
        .principles
        .iter()
        .zip(by_lp)
        .enumerate()
        .map(|(order, (p, list))| {
            let scored: Vec<f64> = list.iter().filter_map(|a| a.level).collect();
            let gaps: Vec<f64> = list
                .iter()
                .filter_map(|a| Some(a.self_average? - a.level?))
                .collect();
            let self_scored: Vec<f64> = list.iter().filter_map(|a| a.self_average).collect();
            let recent: Vec<f64> = scored.iter().rev().take(5).copied().collect();
            let recent_avg =
                (!recent.is_empty()).then(|| recent.iter().sum::<f64>() / recent.len() as f64);
            let last = list.last().map(|a| a.submitted_at);
            let days = last.map(|l| (now - l).num_seconds().max(0) as f64 / 86_400.0);
            let n = list.len();
            PrincipleStats {
                id: p.id.clone(),
                name: p.name.clone(),
                answers: n,
                // The mean of each answer's own average, as the trend shows them.
                average: (!scored.is_empty())
                    .then(|| scored.iter().sum::<f64>() / scored.len() as f64),
                trend: scored.iter().rev().take(12).rev().copied().collect(),
                self_average: (!self_scored.is_empty())
                    .then(|| self_scored.iter().sum::<f64>() / self_scored.len() as f64),
                calibration_gap: (!gaps.is_empty())
                    .then(|| gaps.iter().sum::<f64>() / gaps.len() as f64),
                calibration_trend: gaps.iter().rev().take(12).rev().copied().collect(),
                mean_secs: (n > 0)
                    .then(|| list.iter().map(|a| a.duration_secs as f64).sum::<f64>() / n as f64),
                mean_limit_secs: (n > 0)
                    .then(|| list.iter().map(|a| a.time_limit_secs as f64).sum::<f64>() / n as f64),
                overtime_answers: list.iter().filter(|a| a.overtime_secs > 0).count(),
                last_practised: last,
                priority: priority(order, recent_avg, days),
            }
        })
        .collect();
    // Calibration over every answer, oldest first.
    let gaps: Vec<f64> = all
        .iter()
        .filter(|a| !a.spoken)
        .filter_map(|a| Some(a.self_average? - a.level?))
        .collect();
    Progress {
        sessions,
        answers: answers.len(),
        principles,
        calendar,
        calibration_gap: (!gaps.is_empty()).then(|| gaps.iter().sum::<f64>() / gaps.len() as f64),
        calibration_trend: gaps.iter().rev().take(12).rev().copied().collect(),
    }
}

/// The last `weeks` weeks of a practice calendar as columns of seven days
/// (Monday first), oldest week first; the last column holds `today`. Each
/// cell is the day and its answer count, or `None` for days after `today`.
pub fn calendar_weeks(
    calendar: &BTreeMap<NaiveDate, usize>,
    today: NaiveDate,
    weeks: usize,
) -> Vec<[Option<(NaiveDate, usize)>; 7]> {
    use chrono::Datelike;
    let monday = today - chrono::Days::new(u64::from(today.weekday().num_days_from_monday()));
    let first = monday - chrono::Days::new(7 * weeks.saturating_sub(1) as u64);
    (0..weeks)
        .map(|w| {
            std::array::from_fn(|d| {
                let day = first + chrono::Days::new((w * 7 + d) as u64);
                (day <= today).then(|| (day, calendar.get(&day).copied().unwrap_or(0)))
            })
        })
        .collect()
}

/// Question ids answered within the last `days` days (to avoid repeats).
pub fn recent_questions(
    sessions: &[Session],
    now: DateTime<Utc>,
    days: i64,
) -> std::collections::HashSet<String> {
    sessions
        .iter()
        .flat_map(|s| &s.answers)
        .filter(|a| (now - a.submitted_at).num_days() < days)
        .map(|a| a.question_id.clone())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn never_practised_comes_first_then_weak_and_overdue() {
        let never = priority(3, None, None);
        let weak_today = priority(0, Some(1.5), Some(0.0));
        let strong_recent = priority(0, Some(3.8), Some(1.0));
        let strong_overdue = priority(0, Some(3.8), Some(40.0));
        assert!(never > weak_today);
        assert!(weak_today > strong_recent);
        assert!(strong_overdue > strong_recent, "overdue raises priority");
        assert!(
            priority(1, None, None) > priority(2, None, None),
            "content order breaks ties"
        );
    }

    #[test]
    fn calendar_weeks_end_with_today_monday_first() {
        let day = |d: u32| NaiveDate::from_ymd_opt(2025, 6, d).expect("date");
        // 2025-06-18 is a Wednesday.
        let cal = BTreeMap::from([(day(18), 3), (day(2), 1), (day(1), 9)]);
        let weeks = calendar_weeks(&cal, day(18), 3);
        assert_eq!(weeks.len(), 3);
        assert_eq!(weeks[0][0], Some((day(2), 1)), "starts on a Monday");
        assert_eq!(
            weeks[2][2],
            Some((day(18), 3)),
            "today is in the last column"
        );
        assert_eq!(weeks[2][3], None, "no future days");
        assert_eq!(weeks[1][6], Some((day(15), 0)));
    }
}

#[cfg(test)]
mod calibration_tests {
    use super::*;
    use crate::practice::judge::samples::{strong_ownership, weak_we};
    use crate::store::*;
    use chrono::TimeZone;

    fn answer(i: usize, star: Star, self_score: u8) -> Answer {
        let t = Utc
            .with_ymd_and_hms(2026, 1, 1 + i as u32, 0, 0, 0)
            .unwrap();
        Answer {
            id: format!("a{i}"),
            question_id: "own-gap-between-two-teams".into(),
            question: String::new(),
            principles: vec!["ownership".into()],
            interviewer_id: None,
            interview_index: 0,
            star,
            parts: Vec::new(),
            part_names: Vec::new(),
            follow_ups: vec![],
            started_at: t,
            submitted_at: t,
            duration_secs: 200,
            time_limit_secs: 300,
            overtime_secs: 0,
            self_scores: [("ownership/beyond-scope".to_string(), self_score)].into(),
            score_history: vec![],
            analysis: AnalysisRecord::default(),
            story_id: None,
            notes: String::new(),
            spoken: false,
            judged: None,
            summary_only: false,
        }
    }

    #[test]
    fn stats_rest_on_the_interviewers_levels_and_show_padding_as_calibration() {
        let c = crate::content::load_layered(&[]).unwrap();
        let t = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
        let mut s = Session::new("s".into(), SessionKind::Drill, t);
        s.answers = vec![answer(0, weak_we(), 4), answer(1, weak_we(), 4)];
        let now = Utc.with_ymd_and_hms(2026, 2, 1, 0, 0, 0).unwrap();
        let p = progress(std::slice::from_ref(&s), &c, now);
        let own = p.principles.iter().find(|x| x.id == "ownership").unwrap();
        assert_eq!(own.self_average, Some(4.0));
        // Vague and all "we": a no hire (2), whatever the 4s said.
        assert!(own.average.unwrap() <= 2.0, "{own:?}");
        assert!(own.calibration_gap.unwrap() >= 2.0, "{own:?}");
        assert_eq!(own.calibration_trend.len(), 2);
        assert!(p.calibration_gap.unwrap() >= 2.0);
        // The weak judged average (not the 4s) sets how due Ownership is.
        let days = (now - s.answers[1].submitted_at).num_seconds() as f64 / 86_400.0;
        assert!(own.priority > priority(1, Some(4.0), Some(days)), "{own:?}");
        // A strong answer scored modestly: the gap is negative.
        let mut s2 = Session::new("s2".into(), SessionKind::Drill, t);
        s2.answers = vec![answer(2, strong_ownership(), 2)];
        let p = progress(std::slice::from_ref(&s2), &c, now);
        let own = p.principles.iter().find(|x| x.id == "ownership").unwrap();
        assert!(own.calibration_gap.unwrap() < 0.0, "{own:?}");
        // The cached judgement gives the same numbers.
        let mut cached = s.clone();
        crate::practice::judge::Judge::new(&c).refresh_cache(&mut cached);
        assert!(cached.answers.iter().all(|a| a.judged.is_some()));
        let a = progress(std::slice::from_ref(&s), &c, now);
        let b = progress(std::slice::from_ref(&cached), &c, now);
        assert_eq!(a.principles, b.principles);
    }
}
