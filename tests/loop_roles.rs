//! Loops true to each role (issue 22): 200 plans per template and role,
//! checked for off-role questions, a "why here" question, near-duplicates
//! drawn together, and the domain areas real loops for the role ask about.
//! `cargo test --test loop_roles -- --nocapture` prints the measured shares.

use loopdrill::content::{self, Content, Question, TemplateKind, Track};
use loopdrill::practice::plan::{LoopPlan, PlanOptions, plan_loop_for};
use std::collections::{BTreeMap, HashSet};

const SEEDS: u64 = 200;
const ROLES: [&str; 5] = ["pm", "tpm", "data-center", "proserve", "applied-ai"];

fn bank() -> Content {
    content::load_layered(&[]).expect("the built-in pack validates")
}

/// Words that place a question in one role's domain: a data-center
/// construction story, a ProServe engagement, an AI model. A question whose
/// text shows them belongs to that role's loops only. `software` words
/// (code, paging, rollbacks) keep a question out of construction loops.
const CUES: &[(&str, &[&str])] = &[
    (
        "data-center",
        &[
            "data center",
            "data-center",
            "data hall",
            "rack",
            "commissioning",
            "switchgear",
            "chiller",
            "generator",
            "construction",
            "general contractor",
            "site build",
            "power-on",
            "electrical",
            "cooling",
            "permit",
            "inspector",
            "substation",
            "change order",
            "cost to complete",
            "integrated systems test",
            "fit-out",
        ],
    ),
    (
        "applied-ai",
        &[
            "machine learning",
            "ml ",
            "llm",
            "generative ai",
            "genai",
            "label",
            "annotat",
            "model launch",
            "model version",
            "the model",
            "a model",
            "new model",
            "model's",
            "ml model",
            "inference",
            "gpu",
            "prompt",
            "scientist",
            "training data",
            "hallucinat",
        ],
    ),
    (
        "proserve",
        &[
            "proserve",
            "professional services",
            "consult",
            "engagement",
            "statement of work",
            "billable",
            "utilisation",
            "account team",
            "migration factory",
            "landing zone",
            "subcontract",
            "fixed fee",
            "fixed-fee",
            "time-and-materials",
            "customer's own",
            "customer's team",
            "customer executive",
        ],
    ),
    (
        "software",
        &[
            "code",
            "api",
            "microservice",
            "paging",
            "feature flag",
            "feature-flag",
            "rollback",
            "roll back",
            "cutover",
            "technical debt",
            "scrum",
            "agile",
            "notebook",
            "latency",
            "link shortener",
            "synchronous",
        ],
    ),
];

/// The domains a question's text points at.
fn domains(text: &str) -> Vec<&'static str> {
    let t = format!(" {} ", text.to_lowercase());
    CUES.iter()
        .filter(|(_, cues)| {
            cues.iter().any(|c| {
                t.match_indices(c)
                    .any(|(i, _)| !t[..i].ends_with(|ch: char| ch.is_ascii_alphabetic()))
            })
        })
        .map(|(d, _)| *d)
        .collect()
}

/// Whether a question fits a loop for `role`: its domain words are the
/// role's own (or it has none), and a software question is not put to a
/// construction program manager.
fn fits(q: &Question, role: &str) -> bool {
    let d = domains(&q.text);
    let own: Vec<&&str> = d.iter().filter(|x| **x != "software").collect();
    if !own.is_empty() && !own.iter().any(|x| **x == role) {
        return false;
    }
    !(d.contains(&"software") && role == "data-center")
}

fn questions<'a>(c: &'a Content, p: &LoopPlan) -> Vec<&'a Question> {
    p.interviews
        .iter()
        .flat_map(|i| i.questions.iter())
        .map(|id| c.question(id).unwrap())
        .collect()
}

/// Every plan of every template, for each role it serves.
fn all_plans(c: &Content) -> Vec<(String, String, LoopPlan)> {
    let mut out = Vec::new();
    for t in &c.templates {
        for role in &t.roles {
            for seed in 0..SEEDS {
                let p = plan_loop_for(
                    c,
                    &t.id,
                    Some(role),
                    seed,
                    PlanOptions::default(),
                    &HashSet::new(),
                )
                .unwrap_or_else(|e| panic!("{} {role} seed {seed}: {e}", t.id));
                out.push((t.id.clone(), role.clone(), p));
            }
        }
    }
    out
}

#[test]
fn the_cues_find_the_domain_questions_the_issue_named() {
    let c = bank();
    for (id, role) in [
        ("sc-dc-build-four-weeks-late", "data-center"),
        ("fru-fixed-fee-scope-growth", "proserve"),
        ("ebe-protected-consultants-from-customer", "proserve"),
        ("sc-proserve-customer-exec-escalation", "proserve"),
        ("ral-model-go-no-go", "applied-ai"),
        ("ps-utilisation-below-target", "proserve"),
        ("dc-permit-held-up-build", "data-center"),
        ("ai-gpus-not-enough", "applied-ai"),
    ] {
        let q = c.question(id).unwrap();
        assert_eq!(domains(&q.text), vec![role], "{id}");
    }
    for id in ["sc-cutover-window-overrun", "sd-incident-paging-system"] {
        assert!(!fits(c.question(id).unwrap(), "data-center"), "{id}");
    }
    assert!(domains(&c.question("own-gap-between-two-teams").unwrap().text).is_empty());
}

#[test]
fn every_question_is_tagged_only_for_the_roles_whose_loops_would_ask_it() {
    let c = bank();
    let mut wrong = Vec::new();
    for q in &c.questions {
        for r in &q.roles {
            if !fits(q, r) {
                wrong.push(format!("{} [{r}]: {}", q.id, q.text));
            }
        }
    }
    assert!(wrong.is_empty(), "off-role tags:\n{}", wrong.join("\n"));
}

#[test]
fn interviewers_come_from_an_organisation_that_fits_the_role() {
    let c = bank();
    let org = |t: &str, k: usize| {
        let t = c.template(t).unwrap();
        c.interviewer(&t.interviews[k].interviewer)
            .unwrap()
            .organisation
            .clone()
    };
    assert!(org("data-center", 0).contains("Data Center"));
    assert!(org("proserve", 0).contains("Professional Services"));
    assert!(org("applied-ai", 0).contains("Bedrock"));
    // Each role template's hiring manager is its own.
    let hms: HashSet<String> = ["pm-general", "data-center", "proserve", "applied-ai"]
        .iter()
        .map(|t| c.template(t).unwrap().interviews[0].interviewer.clone())
        .collect();
    assert_eq!(hms.len(), 3 + 1, "{hms:?}");
    // The applied-AI loop has an interviewer who owns Frugality (GPU and
    // inference cost).
    let ai = c.template("applied-ai").unwrap();
    assert!(
        ai.interviews
            .iter()
            .any(|s| s.principles.iter().any(|p| p == "frugality")),
        "nobody owns Frugality in the applied-AI loop"
    );
}

#[test]
fn over_200_seeds_no_off_role_question_no_near_duplicates_and_always_why_here() {
    let c = bank();
    let mut off_role = Vec::new();
    let mut clashes = Vec::new();
    let mut plans = 0;
    for (t, role, p) in all_plans(&c) {
        plans += 1;
        let qs = questions(&c, &p);
        for q in &qs {
            if !fits(q, &role) {
                off_role.push(format!("{t}/{role} seed {}: {}", p.seed, q.id));
            }
        }
        for (i, a) in qs.iter().enumerate() {
            for b in &qs[i + 1..] {
                if a.similar_to(b) {
                    clashes.push(format!("{t}/{role} seed {}: {} + {}", p.seed, a.id, b.id));
                }
            }
        }
        // The opener: the hiring manager's (or the screener's) first
        // question asks why here, and it is the loop's only one.
        let first = c.question(&p.interviews[0].questions[0]).unwrap();
        let template = c.template(&t).unwrap();
        let hm = template
            .interviews
            .iter()
            .position(|s| s.focus == Some(Track::Motivation))
            .unwrap_or_else(|| panic!("{t}: no interview asks why here"));
        let opener = c
            .question(&p.interviews[hm].questions[0])
            .unwrap_or_else(|| panic!("{t}"));
        assert_eq!(
            opener.track,
            Track::Motivation,
            "{t}/{role} seed {}",
            p.seed
        );
        if template.kind == TemplateKind::PhoneScreen {
            assert_eq!(first.track, Track::Motivation, "the screen opens with it");
        }
        let why = qs.iter().filter(|q| q.track == Track::Motivation).count();
        assert_eq!(why, 1, "{t}/{role} seed {}", p.seed);
    }
    println!("{plans} plans: {} off-role questions", off_role.len());
    assert!(off_role.is_empty(), "{}", off_role.join("\n"));
    assert!(clashes.is_empty(), "{}", clashes.join("\n"));
}

#[test]
fn the_why_here_questions_are_asked_of_an_outside_candidate() {
    let c = bank();
    let why: Vec<&Question> = c.questions_in(Track::Motivation).collect();
    assert!(why.len() >= 6);
    for q in &why {
        let t = q.text.to_lowercase();
        assert!(
            ["amazon", "aws", "here", "this role", "this team", "ours"]
                .iter()
                .any(|w| t.contains(w)),
            "{} does not ask why here: {}",
            q.id,
            q.text
        );
        assert!(
            !t.contains("somewhere else in amazon") && !t.contains("another team at amazon"),
            "{} is asked of an internal transfer",
            q.id
        );
    }
    for role in ["pm", "tpm", "data-center", "proserve", "applied-ai"] {
        assert!(
            why.iter()
                .any(|q| q.roles.iter().any(|r| r == role) && q.text.contains("AWS")),
            "no why-AWS question for {role}"
        );
    }
}

/// The areas real loops ask about, by role: the questions that cover each.
fn areas() -> Vec<(&'static str, &'static str, Vec<&'static str>)> {
    vec![
        (
            "data-center",
            "permits and inspections",
            vec![
                "dc-permit-held-up-build",
                "dc-failed-inspection",
                "dc-community-objection",
                "sc-dc-occupancy-inspection-late",
            ],
        ),
        (
            "data-center",
            "commissioning and integrated systems testing",
            vec![
                "dc-commissioning-test-failed",
                "dc-pressure-to-skip-testing",
                "dc-handover-punch-list",
            ],
        ),
        (
            "data-center",
            "capital cost, change orders, cost to complete",
            vec![
                "dc-change-orders-mounting",
                "dc-capex-forecast-wrong",
                "dc-contingency-nearly-spent",
                "fru-data-center-build-savings",
            ],
        ),
        (
            "data-center",
            "safety",
            vec![
                "dc-stopped-work-unsafe",
                "dc-safety-leading-indicators",
                "dc-contractor-safety-habits",
                "ebe-site-safety",
                "sc-dc-safety-incident-on-site",
            ],
        ),
        (
            "proserve",
            "utilisation, margin and burn",
            vec![
                "ps-utilisation-below-target",
                "ps-margin-eroding",
                "ps-burn-report-unwelcome",
                "fru-fixed-fee-scope-growth",
                "fru-hours-left-on-engagement",
            ],
        ),
        (
            "proserve",
            "statements of work and change requests",
            vec![
                "ps-scoped-sow-with-account-team",
                "ps-change-request-refused",
                "ps-sow-assumption-wrong",
                "own-beyond-statement-of-work",
            ],
        ),
        (
            "proserve",
            "partners and subcontractors",
            vec![
                "ps-partner-below-standard",
                "ps-partner-split-of-work",
                "ps-chose-partner-over-aws",
            ],
        ),
        (
            "proserve",
            "steering committees and close-out",
            vec![
                "ps-steering-committee-bad-news",
                "ps-engagement-governance",
                "ps-engagement-close-out",
                "ps-customer-withheld-acceptance",
                "sc-proserve-close-out-blocked",
            ],
        ),
        (
            "applied-ai",
            "privacy and legal review",
            vec![
                "ai-late-privacy-legal-finding",
                "ai-customer-data-for-training",
                "ai-prompt-log-retention",
                "sc-customer-data-in-eval-set",
            ],
        ),
        (
            "applied-ai",
            "monitoring after launch and online tests",
            vec![
                "ai-post-launch-monitoring",
                "ai-ab-test-against-offline",
                "ai-online-experiment-design",
            ],
        ),
        (
            "applied-ai",
            "inference and GPU cost",
            vec![
                "ai-cost-to-serve-too-high",
                "ai-gpus-not-enough",
                "ai-smaller-model-chosen",
                "fru-reduced-compute-spend",
            ],
        ),
        (
            "pm",
            "data fluency",
            vec![
                "pm-metric-from-raw-data",
                "pm-own-analysis-changed-decision",
                "pm-spreadsheet-planning-model",
            ],
        ),
        (
            "pm",
            "process improvement",
            vec![
                "pm-operations-process-measured",
                "pm-walked-the-process",
                "pm-process-change-not-adopted",
            ],
        ),
    ]
}

/// The loop template of each role.
fn loop_of(role: &str) -> &'static str {
    match role {
        "pm" => "pm-general",
        "tpm" => "tpm",
        r => ROLES.iter().find(|x| **x == r).copied().unwrap(),
    }
}

#[test]
fn each_role_s_areas_exist_with_probes_and_are_drawn_in_its_loops() {
    let c = bank();
    let mut seen: BTreeMap<&str, u64> = BTreeMap::new();
    for (role, area, ids) in areas() {
        assert!(ids.len() >= 3, "{area}");
        for id in &ids {
            let q = c
                .question(id)
                .unwrap_or_else(|| panic!("{area}: no question {id}"));
            assert!(q.roles.iter().any(|r| r == role), "{id} is not for {role}");
            assert!(q.probes.len() >= 3, "{id}: its own probes");
            assert!(
                q.probes.iter().all(|p| !p.seeks.is_empty()),
                "{id}: every probe seeks something"
            );
        }
        let mut drawn = 0;
        for seed in 0..SEEDS {
            let p = plan_loop_for(
                &c,
                loop_of(role),
                Some(role),
                seed,
                PlanOptions::default(),
                &HashSet::new(),
            )
            .unwrap();
            if questions(&c, &p)
                .iter()
                .any(|q| ids.contains(&q.id.as_str()))
            {
                drawn += 1;
            }
        }
        println!(
            "{role:<12} {area:<46} in {:>3} % of loops",
            drawn * 100 / SEEDS
        );
        seen.insert(area, drawn);
        assert!(
            drawn * 100 >= SEEDS * 35,
            "{area} drawn in only {drawn} of {SEEDS} {role} loops"
        );
    }
    // Safety comes up in most data-center loops.
    assert!(seen["safety"] * 2 > SEEDS, "safety: {}", seen["safety"]);
}

#[test]
fn most_proserve_interviews_ask_about_an_engagement_and_labelling_is_asked_once_at_most() {
    let c = bank();
    let (mut interviews, mut engaged) = (0, 0);
    let mut labelling_twice = 0;
    for seed in 0..SEEDS {
        let p = plan_loop_for(
            &c,
            "proserve",
            None,
            seed,
            PlanOptions::default(),
            &HashSet::new(),
        )
        .unwrap();
        for i in &p.interviews {
            interviews += 1;
            let about_engagement = i.questions.iter().any(|id| {
                let q = c.question(id).unwrap();
                domains(&q.text).contains(&"proserve") || q.roles == ["proserve"]
            });
            engaged += u32::from(about_engagement);
        }
        let ai = plan_loop_for(
            &c,
            "applied-ai",
            None,
            seed,
            PlanOptions::default(),
            &HashSet::new(),
        )
        .unwrap();
        let labelling = questions(&c, &ai)
            .iter()
            .filter(|q| {
                let t = q.text.to_lowercase();
                t.contains("labell") || t.contains("annotat")
            })
            .count();
        labelling_twice += u32::from(labelling >= 2);
    }
    println!(
        "proserve: {engaged} of {interviews} interviews ask about an engagement; applied-ai: {labelling_twice} loops with two labelling questions"
    );
    assert!(engaged * 2 > interviews, "{engaged} of {interviews}");
    assert_eq!(labelling_twice, 0);
}
