//! The content's red flags and asks (content/judging.toml): every example
//! sentence a red flag declares is found, every counter-example is not, and
//! whole answers show the behaviour the flags are for.

use loopdrill::content::{Content, load_layered};
use loopdrill::practice::judge::{Judge, Said, flags};
use loopdrill::store::{FollowUp, Star};

fn content() -> Content {
    load_layered(&[]).unwrap()
}

fn said_of(text: &str) -> Star {
    Star {
        situation: String::new(),
        task: String::new(),
        action: text.to_string(),
        result: String::new(),
    }
}

#[test]
fn every_red_flag_finds_its_examples_and_not_its_counter_examples() {
    let c = content();
    assert!(
        c.red_flags.len() >= 8,
        "the built-in pack declares its red flags"
    );
    let none: [FollowUp; 0] = [];
    let mut wrong = Vec::new();
    for f in &c.red_flags {
        for e in &f.examples {
            let star = said_of(e);
            let said = Said::new(&star, &none);
            let hits = said
                .sentences
                .iter()
                .filter(|s| flags::flag_in(f, s).is_some())
                .count();
            // A flag that needs several hits (buzzwords) needs them in one
            // example sentence.
            if hits == 0 {
                wrong.push(format!("{}: example not found: {e}", f.id));
            }
        }
        for e in &f.counter_examples {
            let star = said_of(e);
            let said = Said::new(&star, &none);
            if said
                .sentences
                .iter()
                .any(|s| flags::flag_in(f, s).is_some())
            {
                wrong.push(format!("{}: counter-example found: {e}", f.id));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

fn judge_story(
    qid: &str,
    s: &str,
    t: &str,
    a: &str,
    r: &str,
) -> loopdrill::practice::judge::Judgement {
    let c = Box::leak(Box::new(content()));
    let judge = Judge::new(c);
    let q = c.question(qid).unwrap_or_else(|| panic!("{qid}"));
    let star = Star {
        situation: s.into(),
        task: t.into(),
        action: a.into(),
        result: r.into(),
    };
    judge.judge(q, &star, &[], 300, false)
}

#[test]
fn fluent_bad_behaviour_is_voted_no_hire_with_the_flag_quoted() {
    // Polished, first person, numbers and dates: and the candidate hid a
    // defect to make the date.
    let j = judge_story(
        "ihs-held-launch-above-requirements",
        "In March 2023 I ran the launch of a new billing export for 4,000 enterprise customers at a payments company.",
        "I owned the launch date and the quality bar, and the VP had promised the date to our three largest customers.",
        "Two days before launch QA found that 2% of exports dropped the last line of the file. I estimated the fix at a week. I shipped it anyway to hold the date, and I left the defect out of the launch report so the sign-off would not stall. I set up a script to patch the files by hand each morning.",
        "We launched on the date and 3,800 customers adopted the export in the first month, 95% of the target.",
    );
    let avg = j.average.unwrap();
    assert!(avg < 2.0, "voted no hire: {avg}");
    let flagged: Vec<_> = j
        .findings
        .iter()
        .filter(|f| f.signal == "ships-known-defect" || f.signal == "conceals")
        .collect();
    assert!(!flagged.is_empty(), "{:?}", j.signals());
    for f in flagged {
        assert!(!f.evidence.quote.is_empty(), "the flag quotes its sentence");
    }
}

#[test]
fn cue_stuffed_answers_earn_nothing() {
    let j = judge_story(
        "ral-decision-turned-out-wrong",
        "In 2022 I led a program with 12 engineers and a $2M budget.",
        "I had to decide between option A and option B and deliver results.",
        "I dove deep into the data, earned trust with stakeholders, disagreed and committed, and simplified the process. I showed ownership and bias for action, thought big and raised the bar. I chose option A instead of option B.",
        "We improved efficiency by 30% and saved $400K, and I learned a lot about leadership principles.",
    );
    assert!(j.has("buzzwords"), "{:?}", j.signals());
    assert!(j.average.unwrap() < 2.0, "{:?}", j.average);
}

#[test]
fn the_vote_says_how_sure_it_is() {
    let short = judge_story(
        "ral-decision-turned-out-wrong",
        "Last year at work.",
        "I had a call to make.",
        "I made it and it was wrong.",
        "I learned from it.",
    );
    let c = short
        .confidence
        .clone()
        .expect("a judged answer has a confidence");
    assert!(c.score < 0.5, "too little text to be sure: {}", c.score);
    assert!(
        c.caveat
            .as_deref()
            .is_some_and(|w| w.starts_with("can't tell from the text")),
        "{c:?}"
    );
    let flagged = judge_story(
        "ihs-held-launch-above-requirements",
        "In March 2023 I ran the launch of a billing export for 4,000 enterprise customers.",
        "I owned the launch date and the quality bar.",
        "QA found that 2% of exports dropped their last line. I shipped it anyway to hold the date, and I left the defect out of the launch report.",
        "We launched on the date and 3,800 customers adopted it in a month.",
    );
    let c = flagged.confidence.unwrap();
    assert!(c.score >= 0.8, "a red flag decides the vote: {}", c.score);
    assert_eq!(c.label(), "high");
}

/// A padded "why AWS" answer is rated below a specific one: stock reasons
/// cap it, named products and the candidate's own work do not.
#[test]
fn a_stock_why_aws_answer_is_rated_below_a_specific_one() {
    let stock = judge_story(
        "mot-why-aws",
        "I have always admired Amazon and I live all 16 Leadership Principles in my work every day.",
        "I want to join the leader in the cloud, because cloud computing is the future of computing.",
        "AWS is the best place to grow my career and work with the best at massive scale. I am passionate about innovation and I want to make an impact on millions of customers.",
        "In my last role I improved delivery by 20 percent, and I would bring that to AWS.",
    );
    let specific = judge_story(
        "mot-why-aws",
        "For the last two years I have run the program that moved our retrieval product from a self-hosted model to Amazon Bedrock.",
        "I owned the evaluation and the cut-over plan for 14 enterprise customers.",
        "I compared Bedrock with the two other clouds we tested: the guardrails and the model choice meant we could switch models per customer without rewriting the pipeline, which the others could not do then. I want to work on the team that builds that for thousands of customers rather than use it for 14. I expect Frugality to be the principle I find hardest, because my programs have always had GPU budgets to spare.",
        "Our cut-over cut inference cost 30 percent and the customers kept their latency targets, which is why I applied to this team and not to the others.",
    );
    assert!(stock.has("generic"), "{:?}", stock.signals());
    assert!(!specific.has("generic"), "{:?}", specific.signals());
    assert!(
        stock.average.unwrap() < specific.average.unwrap(),
        "stock {:?} vs specific {:?}",
        stock.average,
        specific.average
    );
}

/// Amazon runs on controllable inputs: a Deliver Results answer that names
/// only outputs cannot reach the top level, its input-naming twin can.
#[test]
fn an_outputs_only_deliver_results_answer_is_rated_below_its_inputs_twin() {
    let situation =
        "In 2023 I ran the launch of self-service returns for a marketplace with 40,000 sellers.";
    let task = "I owned the launch date and the contact rate target my director had set.";
    let outputs = judge_story(
        "dr-roadblock-near-deadline",
        situation,
        task,
        "When the carrier integration slipped three weeks, I pushed hard on the date, pulled two engineers from another team and re-planned the testing. I escalated to the carrier's account manager and got their fix prioritised.",
        "We launched a week early, contacts fell 41 percent and we saved $2.1M a year.",
    );
    let inputs = judge_story(
        "dr-roadblock-near-deadline",
        situation,
        task,
        "When the carrier integration slipped three weeks, I pulled two engineers from another team and re-planned the testing. I set three weekly input metrics, labels printed per day, returns started in self-service and defects found in testing, each owned by a lead and reviewed every Monday. I escalated to the carrier's account manager and got their fix prioritised.",
        "We launched a week early, contacts fell 41 percent and we saved $2.1M a year.",
    );
    let top = |j: &loopdrill::practice::judge::Judgement| {
        j.criteria
            .iter()
            .filter(|c| c.principle)
            .filter_map(|c| c.level)
            .max()
            .unwrap()
    };
    assert!(
        top(&outputs) <= 3,
        "outputs only cannot reach the top level"
    );
    assert!(
        outputs.average.unwrap() < inputs.average.unwrap(),
        "outputs {:?} vs inputs {:?}",
        outputs.average,
        inputs.average
    );
}

/// A question about someone who resisted, answered with a story in which
/// everyone agreed from the start, misses what was asked; the same story
/// with the resistance in it does not.
#[test]
fn a_story_where_nobody_resisted_misses_a_question_about_resistance() {
    let q = "et-skeptical-customer-team";
    let s = "In 2024 I led a ProServe engagement to move a retailer's order system to AWS.";
    let t = "I owned the migration plan and the customer relationship for 14 weeks.";
    let r = "We cut over on 3 June with no downtime, and they signed a second engagement worth $400,000.";
    let agreed = judge_story(
        q,
        s,
        t,
        "I ran a two-day workshop on the target design. Their team was on board from the first workshop, so I moved straight to the wave plan and ran weekly reviews with their architects.",
        r,
    );
    assert!(agreed.has("misses-ask"), "{:?}", agreed.signals());
    let resisted = judge_story(
        q,
        s,
        t,
        "Their lead architect pushed back hard: a previous partner had left them with an outage. I ran a two-day workshop, showed him our rollback rehearsal, and let his team own the first wave.",
        r,
    );
    assert!(!resisted.has("misses-ask"), "{:?}", resisted.signals());
}
