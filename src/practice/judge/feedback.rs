//! The interviewer's written feedback on an answer, in the shape Amazon's
//! interviewers use: inclined or not on the LP, a few data points quoted from
//! the answer, and the concern a hiring committee would raise.

use super::{Effect, Judgement};

/// One quoted data point.
#[derive(Debug, Clone, PartialEq)]
pub struct DataPoint {
    pub quote: String,
    pub effect: Effect,
    pub reason: String,
    /// The criterion it was found for (its name).
    pub criterion: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Feedback {
    pub inclined: bool,
    /// Two or three data points: the strongest for, then against.
    pub data_points: Vec<DataPoint>,
    /// What would worry a hiring committee, if anything does.
    pub concern: Option<String>,
}

/// Feedback on one judged answer.
pub fn feedback(j: &Judgement) -> Feedback {
    let inclined = j.vote.is_some_and(|v| v.is_inclined());
    let mut plus: Vec<DataPoint> = Vec::new();
    let mut minus: Vec<DataPoint> = Vec::new();
    // Principle criteria first: they are what the interviewer owns.
    let mut criteria: Vec<_> = j.criteria.iter().collect();
    criteria.sort_by_key(|c| !c.principle);
    for c in criteria {
        for e in &c.evidence {
            let dp = DataPoint {
                quote: e.quote.clone(),
                effect: e.effect,
                reason: e.reason.clone(),
                criterion: c.name.clone(),
            };
            let list = match e.effect {
                Effect::Plus => &mut plus,
                Effect::Minus => &mut minus,
            };
            if !list
                .iter()
                .any(|d| d.reason == dp.reason || (!d.quote.is_empty() && d.quote == dp.quote))
            {
                list.push(dp);
            }
        }
    }
    // Quoted points make better feedback than absences.
    minus.sort_by_key(|d| d.quote.is_empty());
    let mut data_points = Vec::new();
    let (first, second) = if inclined {
        (&mut plus, &mut minus)
    } else {
        (&mut minus, &mut plus)
    };
    data_points.extend(first.drain(..first.len().min(2)));
    data_points.extend(second.drain(..second.len().min(1)));
    let concern = j
        .findings
        .first()
        .and_then(|f| crate::content::signal_explanation(f.signal))
        .map(str::to_string)
        .or_else(|| {
            j.criteria
                .iter()
                .filter(|c| c.principle)
                .filter(|c| c.level.is_some_and(|l| l <= 2))
                .min_by_key(|c| c.level)
                .map(|c| format!("{}: not shown", c.name))
        });
    Feedback {
        inclined,
        data_points,
        concern,
    }
}
