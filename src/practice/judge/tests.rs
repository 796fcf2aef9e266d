use super::samples::*;
use super::*;
use crate::content::load_layered;

/// One follow-up: the interviewer's probe and the candidate's reply.
fn reply(probe: &str, response: &str) -> [FollowUp; 1] {
    [FollowUp {
        probe: probe.into(),
        response: response.into(),
        signal: None,
    }]
}

fn judge_on(qid: &str, s: &Star, follow_ups: &[FollowUp]) -> Judgement {
    let c = load_layered(&[]).unwrap();
    let j = Judge::new(&c);
    let q = c.question(qid).unwrap().clone();
    j.judge(&q, s, follow_ups, 300, false)
}

/// [`judge_on`] by the rules alone, without the learned depth reader.
fn rules_on(qid: &str, s: &Star, follow_ups: &[FollowUp]) -> Judgement {
    let c = load_layered(&[]).unwrap();
    let j = Judge::new(&c).without_depth_reader();
    let q = c.question(qid).unwrap().clone();
    j.judge(&q, s, follow_ups, 300, false)
}

/// Judges the strong delivery story on a roadblock question once per
/// (probe, reply) pair, handing each judgement and its reply to `check`.
fn each_reply(pairs: &[(&str, &str)], check: impl Fn(&Judgement, &str)) {
    let s = strong_delivery();
    for (probe, response) in pairs {
        check(
            &judge_on("dr-roadblock-near-deadline", &s, &reply(probe, response)),
            response,
        );
    }
}

/// The quote of the judgement's `signal` finding, which must be there.
fn quote_of<'j>(j: &'j Judgement, signal: &str) -> &'j str {
    &j.findings
        .iter()
        .find(|f| f.signal == signal)
        .unwrap_or_else(|| panic!("no {signal} finding: {:?}", j.signals()))
        .evidence
        .quote
}

fn quotes_are_substrings(s: &Star, follow_ups: &[FollowUp], j: &Judgement) {
    let all = format!(
        "{}\n{}",
        s.full_text(),
        follow_ups
            .iter()
            .map(|f| f.response.as_str())
            .collect::<Vec<_>>()
            .join("\n")
    );
    for c in &j.criteria {
        for e in &c.evidence {
            assert!(all.contains(&e.quote), "{}: {:?}", c.key, e.quote);
        }
    }
}

#[test]
fn a_strong_answer_is_inclined_with_quoted_data_points() {
    let s = strong_ownership();
    let j = judge_on("own-gap-between-two-teams", &s, &[]);
    quotes_are_substrings(&s, &[], &j);
    assert!(
        j.vote.unwrap().is_inclined(),
        "{:?} {:?}",
        j.average,
        j.signals()
    );
    let acc = j
        .criteria
        .iter()
        .find(|c| c.key == "ownership/accountability")
        .unwrap();
    assert!(acc.level.unwrap() >= 3, "{acc:?}");
    assert!(
        acc.evidence.iter().any(|e| e.effect == Effect::Plus
            && !e.quote.is_empty()
            && s.full_text().contains(&e.quote)),
        "{acc:?}"
    );
    for s in [
        "we-over-i",
        "no-metric",
        "no-conflict",
        "no-customer",
        "blame",
        "generic",
    ] {
        assert!(!j.has(s), "{s}: {:?}", j.signals());
    }
}

#[test]
fn a_weak_we_answer_is_not_inclined_and_says_why() {
    let s = weak_we();
    let j = judge_on("own-gap-between-two-teams", &s, &[]);
    quotes_are_substrings(&s, &[], &j);
    assert!(!j.vote.unwrap().is_inclined(), "{:?}", j.average);
    assert!(j.has("we-over-i") && j.has("no-metric") && j.has("vague-actions"));
    let i = j
        .criteria
        .iter()
        .find(|c| c.key == "star-delivery/i-ownership")
        .unwrap();
    assert_eq!(i.level, Some(1), "{i:?}");
    assert!(
        i.evidence
            .iter()
            .any(|e| e.reason.contains("'we'") && e.reason.contains("'I' 0 times")),
        "{i:?}"
    );
}

#[test]
fn a_success_story_to_a_failure_question_with_a_humble_brag_is_caught() {
    let c = load_layered(&[]).unwrap();
    let q = c
        .questions
        .iter()
        .find(|q| signals::asks_for_failure(&q.text) && q.track == Track::Leadership)
        .unwrap()
        .clone();
    let mut s = strong_delivery();
    s.result
        .push_str(" If anything, my biggest weakness is that I care too much.");
    let j = Judge::new(&c).judge(&q, &s, &[], 300, false);
    assert!(j.has("no-failure"), "{}: {:?}", q.id, j.signals());
    assert!(j.has("humble-brag"), "{:?}", j.signals());
    assert!(j.principle_average().unwrap() <= 2.0);
    assert!(!j.vote.unwrap().is_inclined());
}

#[test]
fn a_strength_dressed_as_a_weakness_is_caught_in_fresh_words() {
    for brag in [
        " My weakness is that I tend to be a bit too thorough.",
        " I'd still rather err on the side of caring too much about the customer.",
        " So the risk I missed was really that I'd over-protected us.",
        " My failure is that I set the bar higher than the organisation was ready for.",
        " My weakness is that I assume others work as hard as I do.",
        " Looking back, my mistake was being too far ahead of where the organisation was.",
    ] {
        let mut s = strong_delivery();
        s.result.push_str(brag);
        let j = judge_on("dr-roadblock-near-deadline", &s, &[]);
        assert!(j.has("humble-brag"), "{brag}: {:?}", j.signals());
    }
    for real in [
        " My weakness then was that I was too slow to delegate the vendor calls.",
        " I was too optimistic about the payments estimate and now ask for a range.",
        " I had argued for the longer window as hard as I could, and I had lost.",
        " By March we were two weeks ahead of the plan on every site.",
    ] {
        let mut s = strong_delivery();
        s.result.push_str(real);
        let j = judge_on("dr-roadblock-near-deadline", &s, &[]);
        assert!(!j.has("humble-brag"), "{real}: {:?}", j.signals());
    }
}

#[test]
fn a_part_denied_is_not_a_part_owned() {
    let mut s = strong_delivery();
    s.result = "We launched three weeks late, entirely because of the payments team, and there was nothing more I could have done.".into();
    let j = judge_on("dr-roadblock-near-deadline", &s, &[]);
    assert!(j.has("blame"), "{:?}", j.signals());
    s.result = "We launched three weeks late. The payments team slipped, but I could have asked for their plan a month earlier, and now I do.".into();
    let k = judge_on("dr-roadblock-near-deadline", &s, &[]);
    assert!(!k.has("blame"), "{:?}", k.signals());
    // A share owned for the team the candidate led is a part owned too.
    s.result = "We launched three weeks late, entirely because of the payments team, and there was nothing more I could have done. Part of the confusion was ours: our handover never named the tables to use.".into();
    let o = judge_on("dr-roadblock-near-deadline", &s, &[]);
    assert!(!o.has("blame"), "{:?}", o.signals());
}

#[test]
fn a_failed_test_is_not_the_candidates_failure() {
    assert!(signals::asks_for_failure(
        "Tell me about a program of yours that failed. What did you learn?"
    ));
    assert!(!signals::asks_for_failure(
        "Walk me through how a hall of yours was commissioned. Tell me about a test that failed and what you did about it."
    ));
    // The candidate judged a thing wrong: their own failure is not asked for.
    assert!(!signals::asks_for_failure(
        "Tell me about a time a science team declared a model better on a metric you thought was the wrong one, and the launch went ahead on their measure."
    ));
    assert!(signals::asks_for_failure(
        "Tell me about a time you made the wrong call on a vendor."
    ));
}

#[test]
fn a_dodged_follow_up_is_a_non_answer_but_a_real_reply_is_not() {
    let s = strong_delivery();
    let dodge = [FollowUp {
        probe: "What did you do yourself?".into(),
        response: "We all worked on it together as a team.".into(),
        signal: None,
    }];
    let j = judge_on("dr-roadblock-near-deadline", &s, &dodge);
    assert!(j.has("non-answer"), "{:?}", j.signals());
    let fine = [FollowUp {
        probe: "What did you cut?".into(),
        response: "I cut bulk returns and the label printer integration, which saved about 3 weeks of work for the payments team.".into(),
        signal: None,
    }];
    let k = judge_on("dr-roadblock-near-deadline", &s, &fine);
    assert!(!k.has("non-answer"), "{:?}", k.signals());
    assert!(k.average.unwrap() > j.average.unwrap());
}

#[test]
fn a_reply_that_says_the_story_lacks_what_the_probe_drilled_for_misses_the_ask() {
    let whole = judge_on("dr-roadblock-near-deadline", &strong_delivery(), &[]);
    assert!(
        whole.vote.is_some_and(|v| v >= Vote::Inclined),
        "{:?}",
        whole.vote
    );
    // Asked about a fact of the story, the candidate says it is not there:
    // a whole-looking story is a no hire, and the reply is quoted.
    each_reply(
        &[
            (
                "Which part of that was automated?",
                "None of it, really; the 4 leads still write the status by hand every Friday.",
            ),
            (
                "Did you take any of those calls yourself, on the phones or in the queue?",
                "No, I didn't think I needed to. The 3 dashboards and 40 tickets gave me the picture.",
            ),
            (
                "Before you built it, who told you they needed it?",
                "Honestly, nobody asked for it directly; we knew it would land once the 6 teams saw it.",
            ),
            // Whether they considered a fact of the story is about the story.
            (
                "Did you consider that the 4-hour target itself was driving the shortcuts?",
                "No. Good technicians hit it without cutting corners.",
            ),
            // The "no" put in the probe's own words.
            (
                "Did you ever take calls or sit with an agent yourself?",
                "I didn't take calls myself; the 3 dashboards and a survey of 40 agents gave me a broader view.",
            ),
        ],
        |j, response| {
            assert!(j.has("misses-ask"), "{response}: {:?}", j.signals());
            assert!(
                j.vote.is_some_and(|v| v < Vote::Inclined),
                "{response}: {:?}",
                j.vote
            );
            let quote = quote_of(j, "misses-ask");
            assert!(
                !quote.is_empty() && response.starts_with(quote),
                "{quote:?}"
            );
        },
    );
    // Not a concession: a "no" to what the candidate would do, "no one"
    // opening a fact, and a reply that gives the thing asked for.
    each_reply(
        &[
            (
                "Would you have launched at 9 missing safety steps?",
                "No. I had told the director in week 3 that the safety bar was not negotiable.",
            ),
            (
                "Who else could have run the migration?",
                "No one else had the access, so I ran the 3 cutovers myself on 12 May.",
            ),
            // A "no" to a choice of two picks a side (the app's own probe).
            (
                "You said \"I told her the cause\". Was that yours to decide, or did you need someone's yes?",
                "No, it was mine to send: the burn report is my deliverable, and I told my manager that morning.",
            ),
            (
                "Which part of that was automated?",
                "The nightly readiness check: a script reads 14 trackers and posts the gaps by 7 am.",
            ),
            // An option considered and not taken is a choice, and a belief asked
            // for is an opinion.
            (
                "Did you ever consider escalating?",
                "No. The 2 leads owned the fix, and I wanted them to keep it.",
            ),
            (
                "Do you now believe the opposite, that clean data always beats more data?",
                "No. It depends on the noise level; I now ask for a label audit before 2 more months of collection.",
            ),
            // What the story taught them, or a habit beyond it, is an
            // opinion too.
            (
                "Did moving quickly teach you to slow down in general?",
                "No, and I was careful not to let it. What I changed is asking how many of the 12 sites a mistake would touch before I act.",
            ),
            // A denial of something the probe did not ask, or an honest
            // "I didn't know" to how they knew.
            (
                "Did you tell the sponsor before the review?",
                "I didn't wait for the review: I called her on 3 May, the day the 40 tickets came in.",
            ),
            (
                "How did you know the fix would hold?",
                "I didn't know for certain, so I ran the 3 cutovers behind a rollback gate.",
            ),
        ],
        |j, response| {
            assert!(!j.has("misses-ask"), "{response}: {:?}", j.signals());
        },
    );
}

#[test]
fn a_reply_that_opens_by_saying_no_to_the_probe_turns_it_aside() {
    let s = strong_delivery();
    let reply = |response: &str| {
        reply(
            "Was there a point where the customer pushed back on what you proposed?",
            response,
        )
    };
    // Numbers and detail after it do not deliver what the probe dug for.
    for aside in [
        "Not really. They were on board from the first workshop, and 3 of 4 sites went live in 6 weeks.",
        "Honestly, not much: the data was clear and 80 percent of the team agreed.",
        "I've been fortunate that my customers have generally agreed with me once they saw the numbers.",
        "That's a good question. I always make sure I come with data, so it rarely gets that far.",
        "I think this one still shows the judgement, because I weighed the long-term tool against the short-term need.",
    ] {
        let j = judge_on("dr-roadblock-near-deadline", &s, &reply(aside));
        assert!(j.has("non-answer"), "{aside}: {:?}", j.signals());
    }
    // A plain "No" that goes on to the specific asked for is an answer.
    for answer in [
        "No, because I had walked their ops lead through the 2 options on 12 March and she picked the phased one.",
        "Yes: their CFO refused the 40 percent uplift, so I cut the analytics workstream and we signed on 3 April.",
    ] {
        let k = judge_on("dr-roadblock-near-deadline", &s, &reply(answer));
        assert!(!k.has("non-answer"), "{answer}: {:?}", k.signals());
    }
}

#[test]
fn three_different_signs_of_a_thin_answer_make_it_a_no_hire() {
    let rules = default_rules();
    // Criteria an inclined answer would get.
    let criteria: Vec<CriterionJudgement> = [(true, 3), (true, 4), (false, 3), (false, 4)]
        .iter()
        .enumerate()
        .map(|(k, &(principle, level))| CriterionJudgement {
            key: format!("r/c{k}"),
            rubric: "r".into(),
            criterion: format!("c{k}"),
            name: format!("criterion {k}"),
            level: Some(level),
            silent: None,
            evidence: Vec::new(),
            principle,
        })
        .collect();
    let found = |signal: &'static str| signals::Found {
        signal,
        evidence: Evidence {
            quote: String::new(),
            effect: Effect::Minus,
            reason: signal.into(),
        },
    };
    let two = [found("no-metric"), found("no-timeline")];
    let three = [found("no-metric"), found("no-timeline"), found("hedging")];
    let avg =
        |f: &[signals::Found]| answer_average(&criteria, f, &[], &rules, Drilldown::Plain).unwrap();
    // Two signs: thin, an inclined at best but still a hire.
    assert!(avg(&two) >= rules.inclined, "{}", avg(&two));
    // Three different ones: a no hire at best.
    assert!(avg(&three) < rules.inclined, "{}", avg(&three));
    // The same sign found twice is one sign.
    let repeated = [found("no-metric"), found("no-metric"), found("hedging")];
    assert!(avg(&repeated) >= rules.inclined, "{}", avg(&repeated));
}

#[test]
fn criteria_the_text_cannot_speak_to_say_so() {
    let s = strong_delivery();
    let j = judge_on("dr-roadblock-near-deadline", &s, &[]);
    let lesson = j
        .criteria
        .iter()
        .find(|c| c.key == "star-delivery/lesson")
        .unwrap();
    // A success story: no failure to take a lesson from.
    assert_eq!(lesson.level, None);
    assert!(lesson.silent.as_deref().unwrap().contains("success"));
}

#[test]
fn an_off_topic_story_is_caught_by_the_questions_words_and_its_asks() {
    let c = load_layered(&[]).unwrap();
    let j = Judge::new(&c);
    // A cost story to a question asking for a near miss: it speaks
    // frugality's language (cost, spend, budget, saved) far more than the
    // question's, and tells nothing that almost went wrong.
    let q = c.question("oe-near-miss").unwrap();
    // The same scene and task throughout; only what happened changes.
    let cost_story = |action: &str, result: &str| {
        star(
            "Our AWS bill for the analytics cluster had grown 40% in two quarters while usage was flat.",
            "I was asked to cut the spend without slowing down the nightly reports.",
            action,
            result,
        )
    };
    let s = cost_story(
        "I pulled the cost explorer data, found that 60% of the spend was idle reserved nodes, moved the batch jobs to spot capacity and switched off the staging cluster at weekends. Finance worried that spot would break the month-end close, so I kept one on-demand node as a fallback.",
        "The monthly bill fell from $84,000 to $51,000 within six weeks and no report was late. The budget we saved paid for the cheaper archive tier, the cost per report halved, and the same frugal habits cut waste on two other clusters.",
    );
    let k = j.judge(q, &s, &[], 300, false);
    assert!(k.has("off-topic"), "{}: {:?}", q.text, k.signals());
    let question_on = |lp: &str, words: &str| {
        c.questions
            .iter()
            .find(|q| q.primary() == lp && q.text.contains(words))
            .unwrap()
    };
    // The same story to a frugality question is on topic.
    let f = question_on("frugality", "a cost you took out");
    let k = j.judge(f, &s, &[], 300, false);
    assert!(!k.has("off-topic"), "{}: {:?}", f.text, k.signals());
    // To a hiring question the content names no ask for, words alone
    // cannot tell another story from a paraphrase: no off-topic.
    let h = question_on("hire-and-develop-the-best", "hire");
    let k = j.judge(h, &s, &[], 300, false);
    assert!(!k.has("off-topic"), "{}: {:?}", h.text, k.signals());
    // A story that tells the near miss is on topic even when its other
    // words are all cost.
    let told = cost_story(
        "I moved the batch jobs to spot capacity to cut the spend. A week later the month-end close nearly failed: a spot node was reclaimed an hour before the run, and nobody outside the team noticed. I caught it in the logs, moved the close to an on-demand node and added an alarm on reclaimed nodes.",
        "The monthly bill fell from $84,000 to $51,000 within six weeks and no close has been late since. The budget we saved paid for the cheaper archive tier.",
    );
    let k = j.judge(q, &told, &[], 300, false);
    assert!(!k.has("off-topic"), "{}: {:?}", q.text, k.signals());
}

#[test]
fn judging_is_deterministic() {
    let s = strong_delivery();
    assert_eq!(
        judge_on("dr-roadblock-near-deadline", &s, &[]),
        judge_on("dr-roadblock-near-deadline", &s, &[])
    );
}

#[test]
fn which_questions_ask_for_a_failure_of_your_own() {
    use signals::asks_for_failure as asks;
    assert!(asks(
        "Tell me about a decision you made that turned out to be wrong."
    ));
    assert!(asks(
        "Tell me about a program that failed: it missed its goal. What was your part?"
    ));
    assert!(asks(
        "Tell me about a time you found out you had been wrong about something."
    ));
    assert!(asks(
        "Give me one that was red and you turned it green. If you have another, one where you couldn't turn it around, tell me that too."
    ));
    // Not asked: offered as an alternative, almost, someone else's, or the
    // failure is the news the candidate delivers.
    assert!(!asks(
        "Give me an example of scope creep you stopped, or failed to stop."
    ));
    assert!(!asks(
        "Tell me about a near miss: something that almost went wrong."
    ));
    assert!(!asks(
        "Tell me about a time you found a problem the engineers had missed."
    ));
    assert!(!asks(
        "Give me an example of when you had to give bad news: a slip, a missed commitment."
    ));
    // A fault the candidate saw in the work is not their own failure; work
    // they let go out is.
    assert!(!asks(
        "Tell me about a time a customer was ready to sign off on a deliverable and you weren't, because you knew it wasn't up to standard."
    ));
    assert!(asks(
        "Tell me about a time you let something go out that wasn't up to your standard, and it came back to bite you."
    ));
    // The work's shortfall given as the reason for holding it back.
    assert!(!asks(
        "Tell me about a time you held back a launch because it didn't meet your bar, even though it met every agreed requirement."
    ));
    assert!(asks(
        "Tell me about a time you didn't meet a commitment because you had said yes too fast."
    ));
}

fn design_parts(risks: &str) -> Vec<String> {
    vec![
        "Requirements and scope: teams turn a feature on for 1, 10 and 100 percent of users and off again within a minute, per region, with an audit trail of who changed what.".into(),
        "Users and scale: about 300 service teams, 40,000 flag checks a second at peak, and on-call engineers who need the kill switch at 3 a.m.".into(),
        "The design and its parts: a flag service stores rules in a replicated table; each service embeds a client library that caches the rules and evaluates them locally, refreshing every 10 seconds; changes go through a small web console with two-person approval for 100 percent rollouts.".into(),
        "Trade-offs and failure modes: local evaluation means a change takes up to 10 seconds to land everywhere, which we accept in exchange for no network call on the request path; if the flag service is down, clients keep their last rules, so a rollout freezes rather than flips.".into(),
        "Metrics and launch plan: time from flag change to full effect, share of launches that used a staged rollout, and rollbacks per month; we launch with five volunteer teams for a month before opening it up.".into(),
        risks.into(),
    ]
}

#[test]
fn a_design_whose_risks_part_says_there_are_none_waves_them_away() {
    let c = load_layered(&[]).unwrap();
    let j = Judge::new(&c);
    let q = c.question("sd-feature-flag-rollout").unwrap().clone();
    let named = j.judge_parts(
        &q,
        &design_parts("Risks: a stale client cache could serve an old rule after a rollback, so clients alarm when their rules are older than a minute; teams may skip the staged rollout, so the console warns when a change jumps straight to 100 percent."),
        &[],
        600,
        false,
    );
    assert!(!named.has("dismisses-risk"), "{:?}", named.signals());
    // A short risk that is still a risk is thin, not a dismissal.
    let terse = j.judge_parts(
        &q,
        &design_parts("Risks: teams not updating it."),
        &[],
        600,
        false,
    );
    assert!(!terse.has("dismisses-risk"), "{:?}", terse.signals());
    // Opening the part with the dismissal waves them away whatever
    // follows it.
    for waved in [
        "Risks: negligible.",
        "Minimal.",
        "Risks. None significant.",
        "Risks. Minimal. Flags are just booleans, so the worst case is a feature being on or off, and anyone can flip it back straight away.",
    ] {
        let k = j.judge_parts(&q, &design_parts(waved), &[], 600, false);
        assert!(k.has("dismisses-risk"), "{waved}: {:?}", k.signals());
        assert!(
            k.vote.is_some_and(|v| v < Vote::Inclined),
            "{waved}: {:?}",
            k.vote
        );
    }
}

#[test]
fn a_too_short_answer_missing_a_part_is_not_a_hire() {
    let s = Star {
        situation: String::new(),
        task: String::new(),
        action: "I dove deep, earned trust and delivered results with a 40 percent improvement across the whole organisation.".into(),
        result: "Customers were delighted and the business grew by 30 percent. I learned a lot about ownership.".into(),
    };
    let j = judge_on("own-inherited-troubled-program", &s, &[]);
    assert!(j.has("too-short"), "{:?}", j.signals());
    assert!(
        j.vote.is_some_and(|v| v < Vote::Inclined),
        "{:?} {:?}",
        j.vote,
        j.signals()
    );
}

#[test]
fn a_fields_own_heading_is_not_evidence_of_a_trade_off() {
    let c = load_layered(&[]).unwrap();
    let j = Judge::new(&c);
    let q = c.question("sd-feature-flag-rollout").unwrap().clone();
    let level = |trade_offs: &str| {
        let mut parts = design_parts(
            "Risks: a stale client cache could serve an old rule after a rollback, so clients alarm when their rules are older than a minute.",
        );
        parts[3] = trade_offs.into();
        let k = j.judge_parts(&q, &parts, &[], 600, false);
        k.criteria
            .iter()
            .find(|c| c.key.ends_with("/trade-offs"))
            .and_then(|c| c.level)
            .expect("a trade-offs criterion")
    };
    let benefits =
        "The design is simple and uses managed services, so it is quick to build and easy to run.";
    let headed = level(&format!("Trade-offs and failure modes: {benefits}"));
    assert!(
        headed <= 2,
        "a list of benefits under the heading: level {headed}"
    );
    assert_eq!(headed, level(benefits), "the heading adds nothing");
    let weighed = level(
        "Trade-offs and failure modes: local evaluation saves a network call on every request but means a change takes up to ten seconds to land, which we accept; the alternative, a central check per request, is worse when the flag service is slow.",
    );
    assert!(
        weighed >= 3,
        "a gain paid for, alternative named: level {weighed}"
    );
}

#[test]
fn a_move_fast_story_to_a_question_about_holding_off_misses_the_ask() {
    let fast = star(
        "In March our checkout error rate doubled after a payment provider change, and the provider's fix was two weeks out.",
        "I owned the checkout program and had to decide what to do while customers were failing to pay.",
        "I moved fast: I decided the same day to switch 30 percent of traffic back to the old provider, wrote the rollback plan myself and ran the switch that evening with the on-call engineer.",
        "Errors fell back to normal within an hour and we recovered about $40,000 a day in orders until the provider's fix landed.",
    );
    let k = judge_on("bfa-chose-to-slow-down", &fast, &[]);
    assert!(k.has("misses-ask"), "{:?}", k.signals());
    let waited = star(
        "In March a payment provider offered us a 20 percent fee cut if we moved all checkout traffic within the month.",
        "I owned the checkout program and the decision to switch, which would have been hard to undo once our old contract lapsed.",
        "I held off: I paused the full switch, ran 5 percent of traffic through the new provider for three weeks, and wrote down what would make us stop.",
        "The trial showed a 2 percent higher decline rate for one card type; we renegotiated before moving the rest and kept the saving without losing those orders.",
    );
    let k = judge_on("bfa-chose-to-slow-down", &waited, &[]);
    assert!(!k.has("misses-ask"), "{:?}", k.signals());
}

#[test]
fn a_story_argued_from_the_other_side_misses_the_ask_though_it_uses_its_words() {
    // Asked for a quick win argued against, the candidate tells the time
    // they argued for the quick fix: the story talks of quick fixes and
    // long-term plans, so only its direction is wrong.
    let reversed = star(
        "In 2023 our order service kept timing out at peak, and a principal engineer proposed a six-month re-architecture of the queue.",
        "I owned the reliability program and had to choose what the team worked on that quarter.",
        "I argued for the quick fix instead: I made the case to my director that a connection-pool change and a retry budget would stop the timeouts in two weeks, and we shipped that first.",
        "Timeouts fell 80 percent within a month and the re-architecture was pushed to the next year.",
    );
    let k = judge_on("own-refused-short-term-win", &reversed, &[]);
    assert!(k.has("misses-ask"), "{:?}", k.signals());
    let asked = star(
        "In 2023 sales wanted us to turn on bulk discounts for one large customer by editing prices in the database directly.",
        "I owned the pricing program and the decision sat with me and my director.",
        "I argued against the quick win: a hand edit would have bypassed the audit trail and left finance unable to reconcile. I made the case for a two-week change to the discount service instead, and walked sales through what the shortcut would cost at quarter close.",
        "We shipped the proper discount in two weeks, the customer signed, and the quarter closed with no reconciliation gaps.",
    );
    let k = judge_on("own-refused-short-term-win", &asked, &[]);
    assert!(!k.has("misses-ask"), "{:?}", k.signals());
}

#[test]
fn a_pilot_that_proved_the_candidate_right_is_no_failure_to_a_question_about_one_that_proved_them_wrong()
 {
    // The question asks for the candidate's own wrong call: a story of
    // being proved right is a success told to a failure question.
    let s = "In 2023 I believed moving a nightly claims batch to a managed ETL service would cut the run from four hours to under one.";
    let t = "I designed a four-week pilot on the largest feed and owned the success criteria.";
    let right = star(
        s,
        t,
        "I agreed runtime, cost and row-level reconciliation as the criteria, ran the pilot beside production for two weeks and published the numbers every morning.",
        "The pilot confirmed the hypothesis: the run fell to 52 minutes and cost 30 percent less, and the sceptical lead became the sponsor.",
    );
    let k = judge_on("ral-pilot-proved-you-wrong", &right, &[]);
    assert!(k.has("no-failure"), "{:?}", k.signals());
    assert!(!k.has("misses-ask"), "{:?}", k.signals());
    let wrong = star(
        s,
        t,
        "I agreed runtime, cost and row-level reconciliation as the criteria and ran the pilot beside production for two weeks.",
        "The pilot showed the opposite: nested records made the run 40 percent slower than I expected. I stopped the migration, told the customer my assumption was wrong, and we tuned the old tool instead.",
    );
    let k = judge_on("ral-pilot-proved-you-wrong", &wrong, &[]);
    assert!(
        !k.has("no-failure") && !k.has("misses-ask"),
        "{:?}",
        k.signals()
    );
}

#[test]
fn lateness_inherited_is_the_scene_and_lateness_caused_is_a_failure() {
    let task = "I owned the recovery plan and the weekly report to the VP.";
    let action = "I re-baselined the plan with the three leads, cut two features with the sponsor and ran a daily stand-up on the critical path.";
    let result =
        "We launched on the new date in June and errors fell 40 percent in the first month.";
    let inherited = star(
        "The payments migration was six weeks late when I took it over in March.",
        task,
        action,
        result,
    );
    let k = judge_on("own-inherited-troubled-program", &inherited, &[]);
    assert!(!k.has("no-lesson"), "{:?}", k.signals());
    let caused = star(
        "I planned the payments migration and committed the date myself, and it was six weeks late.",
        task,
        action,
        result,
    );
    let k = judge_on("own-inherited-troubled-program", &caused, &[]);
    assert!(k.has("no-lesson"), "{:?}", k.signals());
}

#[test]
fn news_held_back_then_told_and_owned_is_candour_not_concealment() {
    let q = "ps-engagement-close-out";
    let held = "While running the acceptance scenarios, one of my engineers found that the nightly job dropped about 0.3% of rows from a regulatory report. I didn't tell the sponsor for two days, because I wanted to know whether it was real data loss first.";
    let told = "Once we knew it was real, I told her at the next morning's meeting and recommended moving sign-off out by two weeks to fix it and backfill.";
    let owned =
        "Looking back, two days was too long: the better move was to tell her the same day.";
    let story = |action: String, result: &str| {
        star(
            "In 2024 I led a ProServe data-platform engagement for an insurer, ending in a formal acceptance.",
            "I owned the close-out and the acceptance sign-off with the customer's sponsor.",
            &action,
            result,
        )
    };
    let result = "Acceptance was signed 16 days late with the backfill verified by their finance team, and there were no escalations in the 90 days after we left.";
    // Held back, then told, and the delay owned: candour.
    let k = judge_on(
        q,
        &story(format!("{held} {told}"), &format!("{result} {owned}")),
        &[],
    );
    assert!(!k.has("conceals"), "{:?}", k.signals());
    // Held back and told, with no word owning the delay: still concealment.
    let k = judge_on(q, &story(format!("{held} {told}"), result), &[]);
    assert!(k.has("conceals"), "{:?}", k.signals());
    // The delay owned but never put right: concealment.
    let k = judge_on(
        q,
        &story(held.to_string(), &format!("{result} {owned}")),
        &[],
    );
    assert!(k.has("conceals"), "{:?}", k.signals());
    // Told before it was held back does not undo it: the telling must come
    // after.
    let k = judge_on(
        q,
        &story(format!("{told} {held}"), &format!("{result} {owned}")),
        &[],
    );
    assert!(k.has("conceals"), "{:?}", k.signals());
}

#[test]
fn what_another_party_is_reported_to_have_said_is_not_the_candidates_blame() {
    let q = "tb-capacity-years-ahead";
    let story = |middle: &str| {
        star(
            "In 2022 I planned power for a new data-center campus in a region where demand was doubling every two years.",
            "I owned the five-year capacity plan and the request to the utility.",
            &format!(
                "I built a demand model from three years of orders and tested it with finance. {middle} So I filed for two substations four years earlier than our usual cycle and got the land option signed in March."
            ),
            "Both substations were energised on time in 2026, and the campus never paused a customer order for power.",
        )
    };
    // The utility explaining its own lead times is their account.
    let k = judge_on(
        q,
        &story(
            "The utility told us that a new substation would take six years, because of their own transformer lead times.",
        ),
        &[],
    );
    assert!(!k.has("blame"), "{:?}", k.signals());
    // The candidate putting the cause on the utility is blame.
    let k = judge_on(
        q,
        &story(
            "We missed the first window because of their slow approvals, and that was not on me.",
        ),
        &[],
    );
    assert!(k.has("blame"), "{:?}", k.signals());
    // Their mistakes named as something not to repeat blame no one; named
    // as the cause, they do.
    let probe = "Why would people who had left the company give you their time?";
    let k = judge_on(
        q,
        &story("I asked the two planners who had tried this in 2019 why it stalled."),
        &reply(
            probe,
            "I told them I was trying not to repeat their mistakes, and I credited their points.",
        ),
    );
    assert!(!k.has("blame"), "{:?}", k.signals());
    let k = judge_on(
        q,
        &story("I asked the two planners who had tried this in 2019 why it stalled."),
        &reply(
            probe,
            "It stalled in 2019 because of their mistake, not ours.",
        ),
    );
    assert!(k.has("blame"), "{:?}", k.signals());
}

#[test]
fn a_plan_defended_and_kept_is_not_a_plan_changed_by_listening() {
    let q = "co-feedback-changed-plan";
    let kept = star(
        "In 2023 I ran the launch of a seller analytics dashboard, and five preview sellers asked for hourly data instead of daily.",
        "I owned the launch plan and the scope of version one.",
        "I worked out with the data engineering lead that hourly refreshes meant ten more weeks and triple the compute. I set up calls with the five sellers, walked them through the trade-off, and wrote an FAQ for the account managers.",
        "Four of the five agreed daily was fine, and we launched on 1 September as planned with the original scope. Adoption reached 68 percent of eligible sellers in the first quarter.",
    );
    let k = judge_on(q, &kept, &[]);
    assert!(k.has("misses-ask"), "{:?}", k.signals());
    let changed = star(
        "In 2023 I ran the launch of a seller analytics dashboard, and five preview sellers told us daily data was useless on their biggest sales day.",
        "I owned the launch plan and the scope of version one.",
        "I sat with two of them on a sale day and saw they re-priced every hour. I changed the plan: we dropped the custom-report builder from version one and used its ten weeks to build hourly refreshes for the sales-day view.",
        "We launched three weeks later than first planned, and 70 percent of eligible sellers used the hourly view on the next sale day.",
    );
    let k = judge_on(q, &changed, &[]);
    assert!(!k.has("misses-ask"), "{:?}", k.signals());
}

#[test]
fn a_change_in_how_the_candidate_works_is_a_lesson_without_the_word() {
    let q = "bfa-moved-too-fast-failure";
    let story = |result: &str| {
        star(
            "In 2023 I ran a warehouse-system upgrade across three sites with a two-week deadline before peak.",
            "I owned the cutover plan and the call on what testing to keep.",
            "To save four days I cut the full dry run, because two other sites had upgraded cleanly. My mistake was not checking whether they handled the same carrier mix as ours, and they didn't: one regional carrier's label format failed on the first morning and 3,000 parcels sat unshipped for six hours.",
            result,
        )
    };
    let fixed = "We rolled back by noon, added the label format, and re-ran the upgrade two weeks later with a full dry run covering every carrier, and it went in cleanly.";
    let k = judge_on(
        q,
        &story(&format!(
            "{fixed} What changed in how I work: when I cut a safeguard to save time, I write down what it was protecting against and someone else has to agree."
        )),
        &[],
    );
    assert!(!k.has("no-lesson"), "{:?}", k.signals());
    let k = judge_on(q, &story(fixed), &[]);
    assert!(k.has("no-lesson"), "{:?}", k.signals());
}

#[test]
fn what_clears_a_phrasing_may_come_after_a_semicolon() {
    let with = |extra: &str| {
        let mut s = strong_delivery();
        s.action.push_str(extra);
        judge_on("dr-roadblock-near-deadline", &s, &[])
    };
    let k = with(
        " The security lead missed two reviews in a row. I didn't raise it in the meeting; I booked 20 minutes with her and asked what she needed.",
    );
    assert!(!k.has("conceals"), "{:?}", k.signals());
    let k = with(
        " The burn showed a 300-hour overrun. I didn't raise it in the meeting; I booked 30 minutes with the sponsor that afternoon and walked her through it.",
    );
    assert!(!k.has("conceals"), "{:?}", k.signals());
    let k = with(
        " The security lead missed two reviews in a row. I didn't raise it in the meeting; the numbers looked fine without her.",
    );
    assert!(k.has("conceals"), "{:?}", k.signals());
}

#[test]
fn principle_words_strung_several_to_a_sentence_are_buzzwords() {
    // Two sentences of principle words, each holding several: the phrasings
    // count, not only the sentences that hold them.
    let stuffed = star(
        "My biggest win was a transformation program at my last company.",
        "I was accountable for the outcome across the organisation.",
        "I drove alignment across every stakeholder group, dove deep into the numbers and insisted on the highest standards. I had a bias for action, disagreed and committed, and invented and simplified the processes.",
        "We delivered a 40% efficiency gain and saved $2M for the business.",
    );
    let j = judge_on("mot-proudest-achievement", &stuffed, &[]);
    assert!(j.has("buzzwords"), "{:?}", j.signals());
    assert!(j.vote.is_some_and(|v| v < Vote::Inclined), "{:?}", j.vote);
    // One principle phrase in a story of events is not a string of them.
    let told = star(
        "In 2023 I ran the move of our returns service to a new warehouse system for 14 sites.",
        "I owned the cutover plan and the go/no-go call, with a hard date of 1 October.",
        "I dove deep into the label failures myself: I pulled 300 failed scans and found two printer firmware versions. I had the vendor patch one and we replaced 40 printers on the other.",
        "We cut over on 28 September; label failures fell from 6% to 0.4% in the first month.",
    );
    let k = judge_on("mot-proudest-achievement", &told, &[]);
    assert!(!k.has("buzzwords"), "{:?}", k.signals());
}

#[test]
fn an_overrun_walked_through_with_the_sponsor_is_a_hard_truth_told() {
    let s = star(
        "In 2024 I ran a 9-month data migration for a retail customer, billed on time and materials with a 4,000-hour budget.",
        "I owned delivery and the weekly burn report to the customer's sponsor.",
        "On 3 March the burn showed we would overrun by 300 hours because two source systems had undocumented fields. That afternoon I walked the sponsor through the numbers, the cause and two options: cut the archive scope or add 300 hours. I also put the overrun at the top of the steering deck that Friday.",
        "She chose to cut the archive scope; we finished on 30 June at 3,950 hours, and she extended us for phase two.",
    );
    let j = judge_on("pe-green-to-red", &s, &[]);
    let c = j
        .criteria
        .iter()
        .find(|c| c.key.ends_with("/bad-news-early"))
        .expect("the Earn Trust rubric judges it");
    assert!(
        c.evidence
            .iter()
            .any(|e| e.reason.starts_with("tells the truth early")),
        "{:?}",
        c.evidence
    );
}

#[test]
fn making_little_of_your_own_part_when_asked_for_it_is_blame() {
    each_reply(
        &[
            (
                "Looking back, what part of this was yours?",
                "Honestly, not much. I delivered to the spec the customer signed; the 3 late drops were the vendor's.",
            ),
            (
                "If you had to name one thing you would do differently, what would it be?",
                "I'm not sure there's much I'd do differently on my side. I raised the risk in writing in week 2.",
            ),
            (
                "Looking back, would you do anything differently?",
                "Not really. We did exactly what the 3 contracts said; the issue was on the customer's side.",
            ),
            (
                "Why did you miss it, personally?",
                "I don't think I missed it, honestly. I rely on the 4 team leads to flag risks in their area.",
            ),
            // "What part do you own?", answered with the part already done.
            (
                "What part of that do you own?",
                "I did my part: I got the 40 racks live and raised the ticket. I can't make another team do their work.",
            ),
        ],
        |j, response| {
            assert!(j.has("blame"), "{response}: {:?}", j.signals());
            assert_eq!(j.vote, Some(Vote::StronglyNotInclined), "{response}");
        },
    );
    // The same words to a probe about something else, or a reply that
    // names the candidate's own part, are not blame.
    each_reply(
        &[
            (
                "How much did the vendor's delay cost you?",
                "Not much: 2 days, because I had already moved the label work earlier.",
            ),
            (
                "What would you do differently?",
                "Start the vendor's integration tests in week 1 instead of week 5; I waited too long for their spec.",
            ),
            (
                "What would you do differently?",
                "I don't think I'd change the plan, but I'd start the vendor's tests in week 1, not week 5: that delay was mine.",
            ),
            (
                "Did the vendor's delay hurt the launch?",
                "Not really: 2 days, because I had already moved the label work earlier.",
            ),
            (
                "Looking back, would you do anything differently?",
                "Not really on the plan, but the late test window was on me: I now book it in week 1.",
            ),
        ],
        |j, response| {
            assert!(!j.has("blame"), "{response}: {:?}", j.signals());
        },
    );
}

#[test]
fn a_habit_or_plan_of_the_candidates_own_is_a_real_reply() {
    // A step said in the present or as a plan is specific, even beside a
    // phrase a dodge uses ("the main thing", "we don't know").
    for reply in [
        "What I do now: before I read the action items, I ask where else this exists. If the honest answer is that we don't know, that is the first action.",
        "I would engage the utility much earlier, before land purchase, and that is the main thing.",
    ] {
        assert!(signals::dodges(reply).is_none(), "{reply}");
    }
    // A state of mind is not a step.
    for reply in [
        "I think it's mostly a mindset, honestly.",
        "I tend to move fast when I can, that's the main thing.",
    ] {
        assert!(signals::dodges(reply).is_some(), "{reply}");
    }
}

#[test]
fn a_plan_told_in_the_imperative_names_the_speakers_own_steps() {
    let c = load_layered(&[]).unwrap();
    let j = Judge::new(&c);
    let q = c.question("sc-launch-critical-bug-eve").unwrap().clone();
    let own = |first: &str| {
        let parts = vec![
            first.to_string(),
            "Hold the launch one day rather than ship corrupting records; the cost is a missed announcement, which is cheaper than restoring 2 percent of records by hand.".to_string(),
            "The VP hears tonight and the customers by 9 am, with the new date and why.".to_string(),
            "Corrupted records per 10,000 saves, zero before we go; support tickets about saved data in the first week.".to_string(),
        ];
        let k = j.judge_parts(&q, &parts, &[], 600, false);
        k.criteria
            .iter()
            .flat_map(|c| &c.evidence)
            .any(|e| e.reason.starts_with("names an action of their own"))
    };
    // Steps in the imperative are the speaker's own, as "I" would be.
    assert!(own(
        "Same day: confirm the bug on a copy of production data. Then pull the QA lead and the engineer who owns the save path into one room and reproduce it."
    ));
    // A description of the situation names no step.
    assert!(!own(
        "The bug is in the save path. It affects a small share of records, and the patch is two days away."
    ));
}

#[test]
fn a_measured_story_probed_with_a_number_is_a_strong_hire() {
    // The rules' own lift, without the learned depth reader.
    let s = strong_delivery();
    let q = "dr-roadblock-near-deadline";
    // Alone, an inclined under the strong-hire line.
    let alone = rules_on(q, &s, &[]);
    let avg = alone.average.unwrap();
    assert!((DEPTH_LIFT_FROM..3.85).contains(&avg), "{avg}");
    assert_ne!(alone.drilldown, Drilldown::Deep);
    // A probe answered with a number, on a Result that holds one: a strong
    // hire, and the delivery criterion quotes the reply.
    let deep = reply(
        "How did you know the portal, not the season, moved contacts?",
        "We held 2 regions back for 3 weeks; their contacts per return stayed flat at 0.8.",
    );
    let j = rules_on(q, &s, &deep);
    quotes_are_substrings(&s, &deep, &j);
    assert_eq!(j.drilldown, Drilldown::Deep);
    assert_eq!(j.vote, Some(Vote::StronglyInclined), "{:?}", j.average);
    let data = j.criteria.iter().find(|c| c.criterion == "data").unwrap();
    assert!(
        data.evidence
            .iter()
            .any(|e| e.effect == Effect::Plus && e.quote.starts_with("We held 2 regions")),
        "{data:?}"
    );
    // A reply with no number in it is no deeper than the story.
    let shallow = reply(
        "How did you know the portal, not the season, moved contacts?",
        "We held some regions back for a while and their contacts stayed flat.",
    );
    let j = rules_on(q, &s, &shallow);
    assert_ne!(j.drilldown, Drilldown::Deep);
    assert_eq!(j.vote, Some(Vote::Inclined), "{:?}", j.average);
    // Nor does a numbered reply lift a story whose Result has no number.
    let unmeasured = Star {
        result: "We launched early and the contact centre saw far fewer returns calls.".into(),
        ..strong_delivery()
    };
    let j = rules_on(q, &unmeasured, &deep);
    assert_ne!(j.drilldown, Drilldown::Deep);
    assert_ne!(j.vote, Some(Vote::StronglyInclined), "{:?}", j.average);
}

#[test]
fn a_no_to_whether_others_knew_is_concealment() {
    each_reply(
        &[
            (
                "Did the customer whose racks dropped ever find out?",
                "Not from us. Their equipment recovered on its own within 4 minutes.",
            ),
            (
                "Did your VP know the findings were still open at launch?",
                "Not formally. The tracker had them, so the information was there.",
            ),
            (
                "Did anyone tell the actuarial team their reports used bad data?",
                "No. The backfill fixed the tables and their next reports were right.",
            ),
            // Pointed to where it could be found, or to something else known.
            (
                "Did leadership know about the lost-edits bug when they approved launch?",
                "It was in the appendix, so the information was there for 3 weeks.",
            ),
            (
                "Did the sponsor know about the new-item problem when she signed?",
                "She knew we had met the 4 acceptance criteria in the statement of work.",
            ),
            (
                "Did the governance director know you'd chosen the retention policy?",
                "She had access to the design doc; it was in there from week 2.",
            ),
        ],
        |j, response| {
            assert!(j.has("conceals"), "{response}: {:?}", j.signals());
            // The reply is named for what it shows, not also as a dodge.
            assert!(!j.has("non-answer"), "{response}: {:?}", j.signals());
            assert_eq!(j.vote, Some(Vote::StronglyNotInclined), "{response}");
            let quote = quote_of(j, "conceals");
            assert!(
                !quote.is_empty() && response.starts_with(quote),
                "{quote:?}"
            );
        },
    );
    // Not concealment: told later, the candidate's own knowing, what
    // someone told them, a choice of two, owned in the same reply, how the
    // candidate knows, or nothing that reached anyone.
    each_reply(
        &[
            (
                "Did the customer know before the outage ended?",
                "Not until I called their ops lead 20 minutes in; I gave them the cause by 9 am.",
            ),
            (
                "Did you know the root cause by then?",
                "No, it took 3 more days and a vendor trace to find it.",
            ),
            (
                "Has a peer ever told you something you did that hurt the work?",
                "No, not in those words, but my 2 leads said the Friday reviews ran long.",
            ),
            (
                "Did the sponsor hear it from you, or did the vendor tell them first?",
                "No, it was me: I called her within the hour with the 3 options.",
            ),
            (
                "Did finance know the invoices were held?",
                "Not at first, and I should not have waited: I told the controller on day 2.",
            ),
            (
                "Did the customer know about the defect at go-live?",
                "Not at the time; I called their ops lead the next morning, once we had the cause and a 2-day fix.",
            ),
            // The app's own probes that ask how the candidate knows.
            (
                "Did the customer extend or buy again afterwards? How do you know it was because of this?",
                "No, their budget was cut that quarter, so there was no phase 2 to win.",
            ),
            (
                "Did utilisation recover without burning people out? How do you know?",
                "Not at first: it took 2 months, and I watched overtime hours weekly.",
            ),
            (
                "Did the customer know? What did you tell them?",
                "No, it never reached them: we caught it in staging 2 days before the release.",
            ),
            // Knew, and how they came to.
            (
                "Did the director know the numbers were off?",
                "She knew the same week: I sent her the 3 gaps and the fix on Monday.",
            ),
            (
                "Did the director know the numbers were off?",
                "She knew the numbers were off because I flagged them in the Monday review, with the 3 gaps.",
            ),
            // Knew, and when.
            (
                "Did the tenant know they were running without generator backup?",
                "They knew within the hour: I walked their site lead through the 2 gaps myself.",
            ),
            (
                "Did operations know about the sprinkler item?",
                "They knew the same day, from my 4 pm handover note.",
            ),
        ],
        |j, response| assert!(!j.has("conceals"), "{response}: {:?}", j.signals()),
    );
}

#[test]
fn cached_judgements_are_keyed_by_the_red_flags_and_asks_the_judge_reads() {
    let c = load_layered(&[]).unwrap();
    let base = fingerprint(&c);
    assert_eq!(base, fingerprint(&load_layered(&[]).unwrap()));
    let mut flag = c.clone();
    flag.red_flags[0]
        .cues
        .push("kept it quiet on purpose".into());
    assert_ne!(base, fingerprint(&flag), "a red flag's cue changed");
    let mut ask = c.clone();
    ask.asks[0].shows.push("argued and lost".into());
    assert_ne!(base, fingerprint(&ask), "an ask's phrasing changed");
}

#[test]
fn asked_again_for_what_the_question_wanted_a_reply_with_no_other_instance_misses_it() {
    each_reply(
        &[
            (
                "That's a good story, but I asked about a time you moved fast on a reversible call. Do you have one?",
                "I think this one shows my judgement on when to go fast and when to slow down.",
            ),
            (
                "That went well. I asked about a time you failed because you assumed you understood something.",
                "I'd say this is the other side of that lesson: I've learned not to assume.",
            ),
        ],
        |j, response| {
            assert!(j.has("misses-ask"), "{response}: {:?}", j.signals());
            assert!(j.vote.is_some_and(|v| v < Vote::Inclined), "{:?}", j.vote);
        },
    );
    // Another instance given, with a yes or a number, or a probe about what
    // the candidate considered: nothing missed.
    each_reply(
        &[
            (
                "I asked about a time you moved fast on a reversible call. Do you have one?",
                "Yes: at the warehouse pilot I switched carriers for a week without waiting for the study.",
            ),
            (
                "Have you ever actually rolled back? How long did it take?",
                "We rolled back the pricing service in March; it took 40 minutes end to end.",
            ),
            (
                "Was there a point where you considered backing down?",
                "Honestly, the data never gave me a reason to; I re-ran the forecast each week.",
            ),
            // The app's own drill-downs for a moment in the story, answered
            // with a step of the candidate's own.
            (
                "Was there a moment when you had to tell them something they didn't want to hear?",
                "The scaffold audit: I stopped the work and told the GC's director why.",
            ),
            (
                "Let me stop you there. I asked about something else. Which part of that story is the answer to my question?",
                "The part where I called the sponsor the same afternoon instead of waiting for Friday.",
            ),
        ],
        |j, response| assert!(!j.has("misses-ask"), "{response}: {:?}", j.signals()),
    );
}

#[test]
fn a_probe_answered_in_a_few_words_and_no_number_keeps_a_strong_story_inclined() {
    // The rules' own cap, without the learned depth reader.
    let s = strong_ownership();
    let q = "own-gap-between-two-teams";
    assert_eq!(rules_on(q, &s, &[]).vote, Some(Vote::StronglyInclined));
    let probe = "How did you get the other team to take on the alarm?";
    let thin = reply(
        probe,
        "I talked to their manager and she agreed it made sense.",
    );
    let j = rules_on(q, &s, &thin);
    quotes_are_substrings(&s, &thin, &j);
    assert_eq!(j.vote, Some(Vote::Inclined), "{:?}", j.average);
    let data = j.criteria.iter().find(|c| c.criterion == "data").unwrap();
    assert!(
        data.evidence
            .iter()
            .any(|e| e.effect == Effect::Minus && e.quote.starts_with("I talked to their manager")),
        "{data:?}"
    );
    // A reply with a number, or one that goes on at length, is deep enough.
    for response in [
        "I showed their manager the 3 nights the feed had failed and she agreed it made sense.",
        "I sat with their manager and walked through what a missed night cost the planners: the forecast went stale, the buyers reordered blind and finance had to unwind the orders later. She asked who would carry the pager, and I offered my own on-call for the first month while her team learned the job.",
    ] {
        let j = rules_on(q, &s, &reply(probe, response));
        assert_eq!(
            j.vote,
            Some(Vote::StronglyInclined),
            "{response}: {:?}",
            j.average
        );
    }
}

#[test]
fn a_goal_missed_told_in_a_participle_is_the_failure_asked_for() {
    let s = star(
        "In 2022 I ran the build of a 20 MW data hall and set the team a goal of energising in 14 months, against the usual 24.",
        "I owned the schedule and the promise I had made to the VP.",
        "I moved commissioning earlier, pre-assembled the electrical rooms off site and ran two crews on the critical path.",
        "We energised at 19 months, missing my goal by five months, half the reduction I had promised. I told the VP in month 9 that we would miss it.",
    );
    let j = judge_on("tb-missed-goal-still-right", &s, &[]);
    assert!(!j.has("no-failure"), "{:?}", j.signals());
}

#[test]
fn calling_a_risk_next_to_nothing_when_asked_for_it_dismisses_risk() {
    each_reply(
        &[
            (
                "What was the risk of skipping integrated testing on halls 3 and 4?",
                "Minimal. Same design, same equipment; halls 1 and 2 passed, so testing 3 and 4 would repeat it.",
            ),
            (
                "What could have gone wrong with the overlap?",
                "Honestly, very little. People overestimate the risk of energising early.",
            ),
        ],
        |j, response| {
            assert!(j.has("dismisses-risk"), "{response}: {:?}", j.signals());
            assert_eq!(j.vote, Some(Vote::StronglyNotInclined), "{response}");
            let quote = quote_of(j, "dismisses-risk");
            assert!(response.contains(quote), "{quote:?}");
        },
    );
    // The same opening to a probe about something else, and a risk weighed
    // in the reply, wave nothing away.
    each_reply(
        &[
            (
                "How much rework did the vendor's delay cause?",
                "Minimal: 2 days, because I had already moved the label work earlier.",
            ),
            (
                "What was the risk of holding the date?",
                "A missed cutover: 1 in 5 on my estimate, so I set a rollback gate at 6 pm.",
            ),
        ],
        |j, response| {
            assert!(!j.has("dismisses-risk"), "{response}: {:?}", j.signals());
        },
    );
}

#[test]
fn a_story_naming_a_stakeholder_is_not_short_of_one() {
    // Nobody the work is for: the signal fires.
    let none = samples::star(
        "In 2023 our build pipeline took 50 minutes a run.",
        "I wanted to make it faster that quarter.",
        "I profiled the 3 slowest stages myself, split the integration tests across 6 runners and cached the dependency layer.",
        "A run now takes 20 minutes.",
    );
    let j = judge_on("own-gap-between-two-teams", &none, &[]);
    assert!(j.has("no-customer"), "{:?}", j.signals());
    // The same story, done for the contractor's crew who waited on it: a
    // stakeholder is named.
    let mut named = none.clone();
    named.situation = format!(
        "{} The commissioning contractor's crew waited on every release.",
        none.situation
    );
    let j = judge_on("own-gap-between-two-teams", &named, &[]);
    assert!(!j.has("no-customer"), "{:?}", j.signals());
}

#[test]
fn an_obstacle_in_plain_words_is_a_conflict() {
    let easy = samples::star(
        "In 2023 I ran the refresh of 12 cooling units at our main campus.",
        "I owned the plan and the forecast.",
        "I ordered the units in March, booked the crews and ran a weekly review with the site lead.",
        "All 12 units were in by September.",
    );
    let j = judge_on("own-gap-between-two-teams", &easy, &[]);
    assert!(j.has("no-conflict"), "{:?}", j.signals());
    for obstacle in [
        "Over the summer costs crept up on the cooling units.",
        "The old plan was too optimistic by about 6 weeks.",
        "Half the crew's time went to a bottleneck at the loading dock.",
    ] {
        let mut s = easy.clone();
        s.action = format!("{obstacle} {}", s.action);
        let j = judge_on("own-gap-between-two-teams", &s, &[]);
        assert!(!j.has("no-conflict"), "{obstacle}: {:?}", j.signals());
    }
}
