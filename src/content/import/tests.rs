//! Unit tests of `content import`.
use super::*;
use crate::content::{Principle, Question};

const NAMES: [(&str, &str); 16] = [
    ("customer-obsession", "Customer Obsession"),
    ("ownership", "Ownership"),
    ("invent-and-simplify", "Invent and Simplify"),
    ("are-right-a-lot", "Are Right, A Lot"),
    ("learn-and-be-curious", "Learn and Be Curious"),
    ("hire-and-develop-the-best", "Hire and Develop the Best"),
    (
        "insist-on-the-highest-standards",
        "Insist on the Highest Standards",
    ),
    ("think-big", "Think Big"),
    ("bias-for-action", "Bias for Action"),
    ("frugality", "Frugality"),
    ("earn-trust", "Earn Trust"),
    ("dive-deep", "Dive Deep"),
    (
        "have-backbone-disagree-and-commit",
        "Have Backbone; Disagree and Commit",
    ),
    ("deliver-results", "Deliver Results"),
    (
        "strive-to-be-earths-best-employer",
        "Strive to be Earth's Best Employer",
    ),
    (
        "success-and-scale-bring-broad-responsibility",
        "Success and Scale Bring Broad Responsibility",
    ),
];

fn content() -> Content {
    let mut c = Content::default();
    c.principles = NAMES
        .iter()
        .map(|(id, name)| Principle {
            id: id.to_string(),
            name: name.to_string(),
            description: "d".into(),
            signals: vec!["s".into()],
            pitfalls: vec!["p".into()],
            asked_as: Vec::new(),
        })
        .collect();
    c.questions = vec![Question {
            id: "own-inherited-troubled-program".into(),
            text: "Tell me about a time you inherited a program that was already in trouble. What did you do in your first 30 days?".into(),
            principles: vec!["ownership".into()],
            track: crate::content::Track::Leadership,
            difficulty: crate::content::Difficulty::Standard,
            roles: vec!["pm".into()],
            probes: vec!["p".into()],
            probe_refs: vec![],
            format: Default::default(),
            real_example: false,
            similar: Vec::new(),
        }];
    c.reindex();
    c
}

fn one(name: &str) -> Option<String> {
    LpMatcher::new(&content()).one(name)
}

#[test]
fn lp_names_normalise_case_punctuation_misspellings_and_short_forms() {
    let table = [
        ("Customer Obsession", "customer-obsession"),
        ("CUSTOMER OBSESSION", "customer-obsession"),
        ("customer-obsession", "customer-obsession"),
        ("Customer Obssession", "customer-obsession"),
        ("Ownershp", "ownership"),
        ("ownership.", "ownership"),
        ("Dive Deeep", "dive-deep"),
        ("Deep Dive", "dive-deep"),
        ("Bias to Action", "bias-for-action"),
        ("Bias for action!", "bias-for-action"),
        ("Frugalty", "frugality"),
        ("Disagree and Commit", "have-backbone-disagree-and-commit"),
        ("Disagree & Commit", "have-backbone-disagree-and-commit"),
        ("Have Backbone", "have-backbone-disagree-and-commit"),
        (
            "Have Backbone; Disagree and Commit",
            "have-backbone-disagree-and-commit",
        ),
        (
            "Have backbone, disagree & commit",
            "have-backbone-disagree-and-commit",
        ),
        ("Earth's Best Employer", "strive-to-be-earths-best-employer"),
        (
            "Earth\u{2019}s Best Employer",
            "strive-to-be-earths-best-employer",
        ),
        ("Best Employer", "strive-to-be-earths-best-employer"),
        (
            "Strive to be Earth's Best Employer",
            "strive-to-be-earths-best-employer",
        ),
        (
            "Success and Scale",
            "success-and-scale-bring-broad-responsibility",
        ),
        (
            "Success & Scale Bring Broad Responsibility",
            "success-and-scale-bring-broad-responsibility",
        ),
        ("Highest Standards", "insist-on-the-highest-standards"),
        (
            "Insist on Highest Standards",
            "insist-on-the-highest-standards",
        ),
        ("Hire and Develop", "hire-and-develop-the-best"),
        ("Hire & Develop the Best", "hire-and-develop-the-best"),
        ("Are Right A Lot", "are-right-a-lot"),
        ("Are Right, A Lot", "are-right-a-lot"),
        ("Right a lot", "are-right-a-lot"),
        ("Learn & Be Curious", "learn-and-be-curious"),
        ("Learn and be Curios", "learn-and-be-curious"),
        ("Invent & Simplify", "invent-and-simplify"),
        ("Think Bigg", "think-big"),
        ("Earn Trust", "earn-trust"),
        ("Deliver Results", "deliver-results"),
        ("Delivers Results", "deliver-results"),
    ];
    let m = LpMatcher::new(&content());
    for (name, id) in table {
        assert_eq!(m.one(name).as_deref(), Some(id), "{name}");
    }
}

#[test]
fn unrelated_words_map_to_no_principle() {
    for name in [
        "Teamwork",
        "Conflict",
        "Introduction",
        "Truth",
        "Conclusion",
        "",
        "Questions",
        "Why Amazon",
    ] {
        assert_eq!(one(name), None, "{name}");
    }
}

#[test]
fn lists_of_principles_split_on_separators_but_keep_names_with_commas() {
    let m = LpMatcher::new(&content());
    assert_eq!(m.list("Ownership; Dive Deep").0, ["ownership", "dive-deep"]);
    assert_eq!(
        m.list("Ownership, Are Right, A Lot").0,
        ["ownership", "are-right-a-lot"]
    );
    assert_eq!(
        m.list("Have Backbone; Disagree and Commit").0,
        ["have-backbone-disagree-and-commit"]
    );
    let (ids, unknown) = m.list("Frugality | Teamwork");
    assert_eq!(ids, ["frugality"]);
    assert_eq!(unknown, ["Teamwork"]);
}

#[test]
fn headings_name_their_principles() {
    let m = LpMatcher::new(&content());
    assert_eq!(
        m.heading("Customer Obsession questions"),
        ["customer-obsession"]
    );
    assert_eq!(m.heading("Ownership Interview Questions"), ["ownership"]);
    assert_eq!(
        m.heading("Amazon Leadership Principle #12: Dive Deep"),
        ["dive-deep"]
    );
    assert_eq!(
        m.heading("Customer Obsession & Ownership"),
        ["customer-obsession", "ownership"]
    );
    assert_eq!(
        m.heading("Questions about Earth's Best Employer"),
        ["strive-to-be-earths-best-employer"]
    );
    assert!(m.heading("How to prepare").is_empty());
    assert_eq!(
        plain_heading(&m, "Ownership Interview Questions:"),
        ["ownership"]
    );
    assert!(plain_heading(&m, "Amazon interviews are about the principles.").is_empty());
}

#[test]
fn html_entities_are_decoded_once() {
    assert_eq!(
        decode_entities("Learn &amp; Be Curious"),
        "Learn & Be Curious"
    );
    assert_eq!(decode_entities("a &quot;no&quot;"), "a \"no\"");
    assert_eq!(decode_entities("Earth&#39;s"), "Earth's");
    assert_eq!(decode_entities("Earth&#x27;s"), "Earth's");
    assert_eq!(decode_entities("didn&rsquo;t"), "didn\u{2019}t");
    assert_eq!(decode_entities("a&nbsp;b"), "a b");
    assert_eq!(decode_entities("x &mdash; y"), "x \u{2014} y");
    assert_eq!(decode_entities("&amp;quot;"), "&quot;");
    assert_eq!(
        decode_entities("AT&T & co; &bogus; &"),
        "AT&T & co; &bogus; &"
    );
    assert_eq!(
        clean_inline("didn&rsquo;t &ldquo;ship&rdquo;&nbsp;it"),
        "didn't \"ship\" it"
    );
}

#[test]
fn inline_markup_is_removed() {
    assert_eq!(
        clean_inline("**Tell** me _about_ a *time*"),
        "Tell me about a time"
    );
    assert_eq!(
        clean_inline("see [the guide](https://x.y/z) and ![img](a.png)"),
        "see the guide and img"
    );
    assert_eq!(
        clean_inline("a <strong>bold</strong><br/>line"),
        "a bold line"
    );
    assert_eq!(
        clean_inline("snake_case_name and 3 * 4 and \\*literal\\*"),
        "snake_case_name and 3 * 4 and *literal*"
    );
    assert_eq!(clean_inline("`code` ~~old~~"), "code old");
    assert_eq!(clean_inline("[Ownership] Tell me"), "[Ownership] Tell me");
}

#[test]
fn trailing_notes_are_cut_and_inline_principles_found() {
    let m = LpMatcher::new(&content());
    let c = |s: &str| clean_question(&m, s);
    assert_eq!(
        c("Tell me about a time you failed? (asked in 3 loops)"),
        ("Tell me about a time you failed?".into(), vec![])
    );
    assert_eq!(
        c("Tell me about a time you failed. \u{2014} Tip: use a metric"),
        ("Tell me about a time you failed.".into(), vec![])
    );
    assert_eq!(
        c("How do you prioritise? Note: they love data"),
        ("How do you prioritise?".into(), vec![])
    );
    assert_eq!(
        c("[Ownership] Tell me about a gap you closed."),
        (
            "Tell me about a gap you closed.".into(),
            vec!["ownership".to_string()]
        )
    );
    assert_eq!(
        c("Tell me about a time you dug into data (Dive Deep)"),
        (
            "Tell me about a time you dug into data".into(),
            vec!["dive-deep".to_string()]
        )
    );
    assert_eq!(
        c("Tell me about a time you dug into data (Dive Deep)?"),
        (
            "Tell me about a time you dug into data?".into(),
            vec!["dive-deep".to_string()]
        )
    );
    assert_eq!(
        c("Frugality: Tell me about doing more with less."),
        (
            "Tell me about doing more with less.".into(),
            vec!["frugality".to_string()]
        )
    );
    assert_eq!(
        c("What did you cut? \u{2013} LP: Frugality"),
        ("What did you cut?".into(), vec!["frugality".to_string()])
    );
    // parentheses that belong to the question stay
    assert_eq!(
        c("Tell me about a decision you made (or avoided)").0,
        "Tell me about a decision you made (or avoided)"
    );
    // a second sentence that is part of the question stays
    assert_eq!(
        c("Why Amazon? Walk me through it.").0,
        "Why Amazon? Walk me through it."
    );
    assert_eq!(c("Q3: Why this role?").0, "Why this role?");
    assert_eq!(c("Question 12 - Why this role?").0, "Why this role?");
    // dashes and numbers that belong to the question stay
    assert_eq!(
        c("Tell me about a time you ran an A - B test").0,
        "Tell me about a time you ran an A - B test"
    );
    assert_eq!(
        c("Tell me about a budget you managed (over $1M)").0,
        "Tell me about a budget you managed (over $1M)"
    );
    assert_eq!(
        c("Tell me about a time you failed (2023)").0,
        "Tell me about a time you failed"
    );
    assert_eq!(
        c("Tell me about a time you failed - asked at two companies").0,
        "Tell me about a time you failed"
    );
    // case mapping that changes byte lengths must not break slicing
    assert_eq!(
        c("\u{130}stanbul launch tip: ask about it").0,
        "\u{130}stanbul launch"
    );
    assert_eq!(c("q\u{130}: what?").0, "q\u{130}: what?");
}

#[test]
fn markdown_html_lists_tables_and_question_headings() {
    let md = "### Q1. Why do you want to work here?\n\n\
              <h2>Bias for Action</h2>\n<ul>\n<li>Tell me about a time you acted &amp; decided fast.</li>\n</ul>\n\n| Question | LP |\n|---|---|\n| Tell me a table question? | Ownership |\n\n\
              ## What is Think Big?\n\nThink Big\nTell me about your most ambitious goal?\n\n\
              ```\nTell me about code?\n```\n\n## Deliver Results\n\n1. Tell me about a goal you missed (Deliver Results) (asked 5x)\n   \
              * What would you do differently?\n   * Tip: talk about mechanisms\n";
    let out = run(md, Format::Markdown);
    let v: toml::Value = toml::from_str(&out.toml).unwrap();
    let qs = v["question"].as_array().unwrap();
    let texts: Vec<&str> = qs.iter().map(|q| q["text"].as_str().unwrap()).collect();
    // the table, the code block and "## What is Think Big?" are not
    // questions; the question heading names no LP and nothing infers one
    // here (one labelled question only): it ends on the imported track
    assert_eq!(
        texts,
        [
            "Tell me about a time you acted & decided fast.",
            "Tell me about your most ambitious goal?",
            "Tell me about a goal you missed",
            "Why do you want to work here?",
        ],
        "{}",
        out.toml
    );
    assert_eq!(qs[0]["principles"][0].as_str(), Some("bias-for-action"));
    assert_eq!(qs[1]["principles"][0].as_str(), Some("think-big"));
    assert_eq!(
        qs[2]["probes"][0].as_str(),
        Some("What would you do differently?")
    );
    assert_eq!(qs[3]["track"].as_str(), Some("imported"));
    assert!(out.toml.contains("# in.md:5\n"), "{}", out.toml);
    assert!(
        out.report.iter().any(|l| l
            .starts_with("in.md:1: \"Why do you want to work here?\": no LP could be inferred")),
        "{:?}",
        out.report
    );
}

#[test]
fn csv_quoted_fields_hold_commas_quotes_and_newlines() {
    let text = "question,principle\r\n\"Tell me, briefly, about a \"\"no\"\"\",Ownership\r\n\"Line one\nline two\",\"Dive Deep\"\n\nplain,Frugality";
    let rows = parse_csv(text, ',').unwrap();
    assert_eq!(rows.len(), 4);
    assert_eq!(
        rows[1],
        (
            2,
            vec![
                "Tell me, briefly, about a \"no\"".to_string(),
                "Ownership".to_string()
            ]
        )
    );
    assert_eq!(
        rows[2],
        (
            3,
            vec!["Line one\nline two".to_string(), "Dive Deep".to_string()]
        )
    );
    assert_eq!(
        rows[3],
        (6, vec!["plain".to_string(), "Frugality".to_string()])
    );
    assert_eq!(parse_csv("a,b\n\"open,x\n", ',').unwrap_err().0, 2);
    assert_eq!(csv_delimiter("question;lp\n"), ';');
    assert_eq!(csv_delimiter("\"a,b\"\tc\n"), '\t');
}

#[test]
fn json_parser_keeps_order_offsets_and_escapes() {
    let text =
        "{\n  \"Ownership\": [\"a \\\"q\\\" \\u00e9\\ud83d\\ude00\"],\n  \"Dive Deep\": [\"b\"]\n}";
    let Json::Obj(fields) = parse_json(text).unwrap() else {
        panic!()
    };
    assert_eq!(fields[0].0, "Ownership");
    assert_eq!(fields[1].0, "Dive Deep");
    let Json::Arr(a) = &fields[0].2 else { panic!() };
    assert_eq!(a[0].1, Json::Str("a \"q\" \u{e9}\u{1f600}".into()));
    assert_eq!(crate::content::line_col(text, a[0].0).0, 2);
    assert!(parse_json("[\"a\",]").is_err());
    assert!(parse_json("[1] x").is_err());
}

fn run(text: &str, format: Format) -> Imported {
    import_questions(&content(), text, format, "in.md").unwrap()
}

#[test]
fn output_escapes_strings_and_parses_back() {
    let text = "question,principle\n\"Tell me about \"\"C:\\\\temp\\\\x\"\" and a tab\there?\",Ownership\n";
    let out = run(text, Format::Csv);
    let v: toml::Value = toml::from_str(&out.toml).unwrap();
    let q = &v["question"][0];
    assert_eq!(
        q["text"].as_str().unwrap(),
        "Tell me about \"C:\\\\temp\\\\x\" and a tab here?"
    );
    assert_eq!(q["principles"][0].as_str().unwrap(), "ownership");
    assert_eq!(q["probes"].as_array().unwrap().len(), 3);
}

#[test]
fn markdown_headings_items_and_unmapped() {
    let md = "# Top Amazon questions\n\nAmazon interviews focus on the LPs. Read on.\n\n\
              ## Customer Obsession questions\n\n1. Tell me about a customer you surprised?\n\
              2) What did you learn from a customer complaint? (asked in 3 loops)\n\n\
              **Frugalty**\n- Tell me about doing more with less.\n\n## Tips\n\n- Why do you want this job?\n";
    let out = run(md, Format::Markdown);
    let v: toml::Value = toml::from_str(&out.toml).unwrap();
    let qs = v["question"].as_array().unwrap();
    assert_eq!(qs.len(), 4, "{}", out.toml);
    assert_eq!(qs[0]["principles"][0].as_str(), Some("customer-obsession"));
    assert_eq!(
        qs[1]["text"].as_str(),
        Some("What did you learn from a customer complaint?")
    );
    assert_eq!(qs[2]["principles"][0].as_str(), Some("frugality"));
    // "## Tips" names no LP: the question is kept, active, on the imported
    // track (never only commented out)
    assert!(
        out.report
            .iter()
            .any(|l| l.starts_with("in.md:15: \"Why do you want this job?\": ")),
        "{:?}",
        out.report
    );
    assert_eq!(qs[3]["text"].as_str(), Some("Why do you want this job?"));
    assert_eq!(qs[3]["track"].as_str(), Some("imported"));
    assert!(!out.toml.contains("# text = "), "{}", out.toml);
    assert_eq!(
        out.report.last().unwrap(),
        "3 questions imported (3 mapped by heading, 0 inline, 0 inferred), 1 on the \"imported\" track, 0 fragments made questions, 0 near-duplicates"
    );
    assert_eq!(out.mapped, 4);
}

#[test]
fn ids_are_unique_and_avoid_existing_ones() {
    let c = content();
    let mut used = HashSet::new();
    let a = unique_id(
        &c,
        &mut used,
        "Tell me about a time you inherited a troubled program",
    );
    let b = unique_id(
        &c,
        &mut used,
        "Tell me about a time you inherited a troubled program!",
    );
    assert_eq!(a, "imp-inherited-troubled-program");
    assert_eq!(b, "imp-inherited-troubled-program-2");
    let mut c2 = c.clone();
    c2.questions[0].id = "imp-inherited-troubled-program".into();
    c2.reindex();
    let mut used = HashSet::new();
    assert_eq!(
        unique_id(
            &c2,
            &mut used,
            "Tell me about a time you inherited a troubled program"
        ),
        "imp-inherited-troubled-program-2"
    );
    assert_eq!(question_slug("Why?"), "why");
}

#[test]
fn near_duplicates_are_flagged_but_imported() {
    let out = run(
        "- Tell me about a time you inherited a program that was in trouble. What did you do in your first 30 days? (Ownership)\n",
        Format::Markdown,
    );
    assert!(
        out.report
            .iter()
            .any(|l| l.contains("near-duplicate of existing question \"own-inherited-troubled-program\" (similarity 0.86)")),
        "{:?}",
        out.report
    );
    assert_eq!(out.mapped, 1);
    let a = tokens("Tell me about a time you failed.");
    let b = tokens("Tell me about a time you disagreed.");
    assert!(jaccard(&a, &b) < NEAR_DUPLICATE);
}

#[test]
fn nothing_found_is_an_error() {
    assert!(import_questions(&content(), "Just an intro.\n", Format::Markdown, "x.md").is_err());
    assert!(
        import_questions(&content(), "name,lp\nx,y\n", Format::Csv, "x.csv")
            .unwrap_err()
            .contains("no question column")
    );
    assert!(
        import_questions(&content(), "{\"a\": ", Format::Json, "x.json")
            .unwrap_err()
            .starts_with("x.json:1:")
    );
}

#[test]
fn fragments_become_questions_and_questions_stay_whole() {
    let f = fragment_to_question;
    assert_eq!(
        f("You took a calculated risk where speed was important").as_deref(),
        Some("Tell me about a time you took a calculated risk where speed was important.")
    );
    assert_eq!(
        f("A time when you disagreed with your manager.").as_deref(),
        Some("Tell me about a time when you disagreed with your manager.")
    );
    assert_eq!(
        f("You managed a program across three time zones").as_deref(),
        Some("Tell me about a time you managed a program across three time zones.")
    );
    // questions and other statements are left alone
    assert_eq!(f("You are the PM for a new launch. What do you do?"), None);
    assert_eq!(f("Tell me about a time you failed."), None);
    assert_eq!(f("Your biggest failure"), None);
    assert_eq!(f("You should prepare two stories per LP"), None);

    let md = "## Amazon\n\n- How do you tackle challenges? Name a difficult challenge you faced.\n\
              - You took a calculated risk where speed was important\n";
    let out = run(md, Format::Markdown);
    let v: toml::Value = toml::from_str(&out.toml).unwrap();
    let texts: Vec<&str> = v["question"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| q["text"].as_str().unwrap())
        .collect();
    assert!(
        texts.contains(&"How do you tackle challenges? Name a difficult challenge you faced."),
        "{texts:?}"
    );
    assert!(
        texts.contains(
            &"Tell me about a time you took a calculated risk where speed was important."
        ),
        "{texts:?}"
    );
    assert!(
        out.report.iter().any(|l| l.starts_with(
            "in.md:4: \"You took a calculated risk where speed was important\" is a fragment, not a question: imported as"
        )),
        "{:?}",
        out.report
    );
}

#[test]
fn json_groups_of_an_lp_key_and_an_array_of_questions() {
    let text = r#"{"questions":[
  {"LP": "Ownership", "QArray": ["Tell me about a time you owned a mess.", "What did you fix that was not yours?"]},
  {"LP": "Dive Deep", "QArray": ["When did you find a root cause?"]}
]}"#;
    let out = run(text, Format::Json);
    let v: toml::Value = toml::from_str(&out.toml).unwrap();
    let qs = v["question"].as_array().unwrap();
    assert_eq!(qs.len(), 3, "{}", out.toml);
    assert_eq!(qs[0]["principles"][0].as_str(), Some("ownership"));
    assert_eq!(qs[1]["principles"][0].as_str(), Some("ownership"));
    assert_eq!(qs[2]["principles"][0].as_str(), Some("dive-deep"));
    assert_eq!(qs[2]["track"].as_str(), Some("leadership"));
}

#[test]
fn a_principles_asked_as_wordings_teach_inference_words_no_question_uses() {
    // "shoestring" is in no question, cue or description: only a wording
    // can tie it to frugality.
    let text = "Tell me about a program you ran on a shoestring.";
    let plain = content();
    let before = super::infer::Inferrer::new(&plain).infer(text);
    assert!(
        before
            .as_ref()
            .is_none_or(|i| i.principles[0] != "frugality"),
        "{before:?}"
    );
    let mut taught = content();
    let p = taught
        .principles
        .iter_mut()
        .find(|p| p.id == "frugality")
        .expect("frugality");
    p.asked_as = vec![crate::content::AskedAs {
        text: "A time you delivered on a shoestring.".into(),
        also: vec!["deliver-results".into()],
    }];
    let after = super::infer::Inferrer::new(&taught)
        .infer(text)
        .expect("an inference");
    assert_eq!(after.principles[0], "frugality", "{after:?}");
}
