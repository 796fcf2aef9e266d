//! The model's second opinion on an answer: asked, checked
//! ([`crate::practice::ai::validate_opinion`]) and written out as AI.

use crate::content::{Content, Question};
use crate::practice::ai::{
    ChatModel, SecondOpinion, candidate_text, opinion_request, validate_opinion,
};
use crate::practice::judge::{Judgement, Told};
use crate::store::FollowUp;

/// Asks `model` for a second opinion on what was told. A failed call is an
/// opinion with no criteria and the failure in `errors`.
pub fn second_opinion_on(
    model: &dyn ChatModel,
    content: &Content,
    question: &Question,
    told: &Told,
    follow_ups: &[FollowUp],
    judgement: &Judgement,
) -> SecondOpinion {
    let req = opinion_request(content, question, told, follow_ups, judgement);
    match model.chat(&req) {
        Ok(reply) => validate_opinion(
            model.model(),
            &reply,
            judgement,
            &candidate_text(told, follow_ups),
        ),
        Err(e) => SecondOpinion::failed(model.model(), e.to_string()),
    }
}

/// For `assess`: the input's answer.
pub fn second_opinion(
    model: &dyn ChatModel,
    content: &Content,
    question: &Question,
    input: &crate::assess::Input,
    judgement: &Judgement,
) -> SecondOpinion {
    let told = if input.parts.is_empty() {
        Told::Star(&input.star)
    } else {
        Told::Parts(&input.parts)
    };
    second_opinion_on(
        model,
        content,
        question,
        &told,
        &input.follow_ups,
        judgement,
    )
}

fn level_name(l: u8) -> &'static str {
    match l {
        1 => "Strong No Hire",
        2 => "No Hire",
        3 => "Hire",
        _ => "Strong Hire",
    }
}

/// The second opinion as text, every line marked as the model's.
pub fn text(op: &SecondOpinion, j: &Judgement) -> String {
    use std::fmt::Write as _;
    let mut s = String::new();
    let _ = writeln!(
        s,
        "\nSecond opinion [AI: {}] (the vote above stays the rule judge's):",
        op.model
    );
    if op.criteria.is_empty() {
        let _ = writeln!(s, "  [AI] no usable opinion");
    }
    for c in &op.criteria {
        let name = j
            .criteria
            .iter()
            .find(|x| x.key == c.id)
            .map_or(c.id.as_str(), |x| x.name.as_str());
        let rule = j.level(&c.id);
        let differs = match rule {
            Some(r) if r != c.level => format!("  ≠ rule judge {r}"),
            None => "  (the rule judge could not score it)".into(),
            _ => String::new(),
        };
        let _ = writeln!(
            s,
            "  [AI] {name}: {} {}{differs}",
            c.level,
            level_name(c.level)
        );
        for e in &c.evidence {
            let _ = writeln!(s, "       \"{}\" — {}", e.quote, e.reason);
        }
    }
    if let Some(p) = &op.next_probe {
        let _ = writeln!(s, "  [AI] would ask next: {p}");
    }
    for e in &op.errors {
        let _ = writeln!(s, "  dropped: {e}");
    }
    s
}

/// The model's follow-up on what was told, as a drill would ask it: the
/// checked follow-up, or why none is used.
pub fn follow_up_on(
    model: &dyn ChatModel,
    question: &Question,
    told: &Told,
    follow_ups: &[FollowUp],
    persona: Option<&crate::content::Interviewer>,
    judgement: &Judgement,
) -> Result<crate::practice::ai::AiFollowUp, String> {
    let gaps = crate::practice::ai::open_gaps(judgement);
    if gaps.is_empty() {
        return Err("the rule judge sees no open gap to follow up on".into());
    }
    let req = crate::practice::ai::follow_up_request(&crate::practice::ai::FollowUpAsk {
        question,
        told: *told,
        follow_ups,
        persona,
        gaps: &gaps,
    });
    let reply = model.chat(&req).map_err(|e| e.to_string())?;
    let mut asked = vec![question.text.clone()];
    asked.extend(follow_ups.iter().map(|f| f.probe.clone()));
    crate::practice::ai::validate_follow_up_after(
        &reply,
        &gaps,
        &candidate_text(told, follow_ups),
        &asked,
    )
}
