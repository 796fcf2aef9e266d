//! `loopdrill content import`: messy third-party question lists (blog-style
//! markdown, CSV, JSON keyed by LP) become packs that validate over the
//! built-in one, with unmapped questions and near-duplicates reported.

use assert_cmd::Command;
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use tempfile::TempDir;

fn loopdrill() -> Command {
    let mut cmd = Command::cargo_bin("loopdrill").expect("the loopdrill binary is built");
    cmd.env_remove("LOOPDRILL_CONTENT")
        .env_remove("LOOPDRILL_DATA_DIR")
        .env("NO_COLOR", "1");
    cmd
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import")
        .join(name)
}

struct Import {
    /// The folder holding the pack and nothing else.
    dir: TempDir,
    source: String,
    toml: String,
    doc: toml::Value,
    stdout: String,
    stderr: String,
}

impl Import {
    fn question(&self, id: &str) -> &toml::Value {
        self.questions()
            .iter()
            .find(|q| q["id"].as_str() == Some(id))
            .unwrap_or_else(|| panic!("no question {id} in\n{}", self.toml))
    }
    fn questions(&self) -> &[toml::Value] {
        self.doc
            .get("question")
            .and_then(|q| q.as_array())
            .map(Vec::as_slice)
            .unwrap_or(&[])
    }
    fn text(&self, id: &str) -> &str {
        self.question(id)["text"]
            .as_str()
            .expect("text is a string")
    }
    fn principles(&self, id: &str) -> Vec<&str> {
        strs(&self.question(id)["principles"])
    }
    fn texts(&self) -> Vec<&str> {
        self.questions()
            .iter()
            .filter_map(|q| q["text"].as_str())
            .collect()
    }
    /// The report line for `line` of the source that contains `what`.
    fn has_report(&self, line: usize, what: &str) -> bool {
        let prefix = format!("{}:{line}: ", self.source);
        self.stderr
            .lines()
            .any(|l| l.starts_with(&prefix) && l.contains(what))
    }
}

fn strs(v: &toml::Value) -> Vec<&str> {
    v.as_array()
        .map(|a| a.iter().filter_map(|x| x.as_str()).collect())
        .unwrap_or_default()
}

/// Imports a fixture into a fresh temp dir with `--output`.
fn import(name: &str, format: &str) -> Import {
    let dir = tempfile::tempdir().expect("temp dir");
    let pack = dir.path().join("imported.toml");
    let source = fixture(name).display().to_string();
    let out = loopdrill()
        .args(["content", "import", &source, "--format", format, "--output"])
        .arg(&pack)
        .output()
        .expect("run loopdrill");
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "import failed:\n{stdout}\n{stderr}");
    let toml = std::fs::read_to_string(&pack).expect("the pack was written");
    let doc: toml::Value =
        toml::from_str(&toml).unwrap_or_else(|e| panic!("the pack is not TOML: {e}\n{toml}"));
    Import {
        dir,
        source,
        toml,
        doc,
        stdout,
        stderr,
    }
}

/// `content validate DIR` must succeed on the pack alone.
fn assert_validates(dir: &Path) {
    let out = loopdrill()
        .args(["content", "validate"])
        .arg(dir)
        .output()
        .expect("run loopdrill");
    assert!(
        out.status.success(),
        "validate failed:\n{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// `content list questions --json`, optionally with a pack layered on.
fn listed_questions(pack: Option<&Path>) -> Vec<serde_json::Value> {
    let mut cmd = loopdrill();
    if let Some(p) = pack {
        cmd.arg("--content").arg(p);
    }
    let out = cmd
        .args(["content", "list", "questions", "--json"])
        .output()
        .expect("run loopdrill");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice::<Vec<serde_json::Value>>(&out.stdout).expect("a JSON array")
}

/// Ids are `imp-…`, unique, clear of every built-in id, and each question
/// carries the defaults the issue asks for.
fn assert_well_formed(imp: &Import) {
    let builtin: HashSet<String> = listed_questions(None)
        .iter()
        .filter_map(|q| q["id"].as_str().map(str::to_string))
        .collect();
    assert!(builtin.len() > 100, "the built-in pack lists its questions");
    let mut seen = HashSet::new();
    for q in imp.questions() {
        let id = q["id"].as_str().expect("id");
        assert!(id.starts_with("imp-"), "{id}");
        assert!(seen.insert(id), "duplicate id {id}");
        assert!(
            !builtin.contains(id),
            "{id} collides with a built-in question"
        );
        assert!(
            strs(&q["probes"]).len() >= 3,
            "{id} has fewer than 3 probes"
        );
        assert_eq!(strs(&q["roles"]), ["pm", "tpm"], "{id}");
    }
}

#[test]
fn markdown_blog_is_imported_with_headings_inline_tags_and_notes_removed() {
    let imp = import("blog.md", "markdown");
    assert!(imp.stdout.contains("wrote 13 questions"), "{}", imp.stdout);
    assert_eq!(imp.questions().len(), 13, "{}", imp.toml);

    // "## 1. Customer Obssession questions" (misspelt) sets the LP
    assert_eq!(
        imp.principles("imp-went-above-beyond-customer"),
        ["customer-obsession"]
    );
    let q = imp.question("imp-went-above-beyond-customer");
    assert_eq!(q["track"].as_str(), Some("leadership"));
    assert_eq!(q["difficulty"].as_str(), Some("standard"));
    assert_eq!(
        strs(&q["probes"]),
        [
            "What did you personally do, as opposed to the team?",
            "What data told you it worked?",
            "What would you do differently next time?",
        ]
    );
    // "2)" numbering and a trailing "(asked in 3 loops)" note
    assert_eq!(
        imp.text("imp-find-out-customers-actually-need"),
        "How do you find out what your customers actually need?"
    );
    // **bold**, &quot; entities and an em-dash "Tip:" note
    assert_eq!(
        imp.text("imp-said-no-customer"),
        "Give me an example of a time you said \"no\" to a customer"
    );

    // "## Ownership Interview Questions:"; a link keeps its text only
    let owned = "imp-project-owned-from-start-finish-including";
    assert_eq!(imp.principles(owned), ["ownership"]);
    assert_eq!(
        imp.text(owned),
        "Tell me about a project you owned from start to finish, including the parts nobody wanted."
    );
    // a nested "Follow-up:" item becomes the question's own first probe
    let inherited = "imp-inherited-program-trouble-first-30-days";
    assert_eq!(
        strs(&imp.question(inherited)["probes"])[0],
        "Who had owned it before you?"
    );
    // a wrapped item is joined
    assert_eq!(
        imp.text("imp-took-problem-belonged-another-team"),
        "Describe a time you took on a problem that belonged to another team."
    );

    // "**Dive Deeep**" (bold, misspelt); a "Note:" is cut off
    assert_eq!(
        imp.principles("imp-found-root-cause-problem-nobody-else"),
        ["dive-deep"]
    );
    assert_eq!(
        imp.text("imp-found-root-cause-problem-nobody-else"),
        "Walk me through a time you found the root cause of a problem nobody else could explain."
    );
    // inline LPs override the heading
    assert_eq!(
        imp.principles("imp-rebuild-trust-stakeholder-let-down"),
        ["earn-trust"]
    );
    assert_eq!(
        imp.principles("imp-changed-mind-after-hearing-dissenting-view"),
        ["are-right-a-lot"]
    );
    assert_eq!(
        imp.text("imp-changed-mind-after-hearing-dissenting-view"),
        "Tell me about a time you changed your mind after hearing a dissenting view"
    );

    // "Learn &amp; Be Curious Interview Questions:" as a plain line; &rsquo;
    assert_eq!(
        imp.principles("imp-last-thing-taught-yourself"),
        ["learn-and-be-curious"]
    );
    assert_eq!(
        imp.text("imp-asked-question-changed-teams-direction"),
        "Tell me about a time you asked a question that changed your team's direction."
    );

    // intro prose, front matter, the pro tip and the sample answer are not questions
    for t in imp.texts() {
        for bad in [
            "use this list",
            "Leadership Principle Interview",
            "Pro tip",
            "Priya",
            "2024",
        ] {
            assert!(!t.contains(bad), "{t:?} should not have been imported");
        }
    }
    assert!(!imp.toml.contains("use this list"), "{}", imp.toml);

    // "## Questions about you" names no LP: each question's LPs are
    // inferred from its words; the failure question confidently, written
    // with a comment naming the nearest built-in question; the motivation
    // question only as a guess, kept usable on the "imported" track
    assert!(
        imp.has_report(
            45,
            "\"Tell me about a time you failed and what you learned from it?\": LPs inferred: "
        ),
        "{}",
        imp.stderr
    );
    let failed = imp.question("imp-failed-learned-from");
    assert_eq!(failed["track"].as_str(), Some("leadership"));
    assert!(!strs(&failed["principles"]).is_empty());
    assert!(
        imp.toml
            .contains("# LPs inferred: learn-and-be-curious (confidence 0."),
        "{}",
        imp.toml
    );
    assert!(
        imp.has_report(
            44,
            "\"Why do you want to work at Amazon, and why this team?\": LPs guessed with low confidence: "
        ),
        "{}",
        imp.stderr
    );
    let why = imp.question("imp-want-work-at-amazon-team");
    assert_eq!(why["track"].as_str(), Some("imported"));
    assert!(
        !imp.toml.contains("# text = "),
        "nothing only commented out: {}",
        imp.toml
    );

    // a near-duplicate of a built-in question is flagged, yet imported
    assert!(
        imp.has_report(
            22,
            "near-duplicate of existing question \"own-inherited-troubled-program\" (similarity 0.86)"
        ),
        "{}",
        imp.stderr
    );
    assert_eq!(imp.principles(inherited), ["ownership"]);

    assert!(
        imp.stderr
            .lines()
            .any(|l| l == "12 questions imported (9 mapped by heading, 2 inline, 1 inferred), 1 on the \"imported\" track, 0 fragments made questions, 1 near-duplicates"),
        "{}",
        imp.stderr
    );
    assert_well_formed(&imp);
    assert_validates(imp.dir.path());

    // layered over the built-in pack, the imported questions are there
    let listed = listed_questions(Some(imp.dir.path()));
    let own = listed
        .iter()
        .find(|q| q["id"] == "imp-project-owned-from-start-finish-including")
        .expect("the imported question is loaded");
    assert_eq!(own["principles"], serde_json::json!(["ownership"]));
}

#[test]
fn csv_with_quoted_commas_quotes_and_newlines_is_imported() {
    let imp = import("questions.csv", "csv");
    assert_eq!(imp.questions().len(), 7, "{}", imp.toml);

    let two = "imp-choose-between-two-customers-only-help";
    assert_eq!(
        imp.text(two),
        "Tell me about a time you had to choose between two customers, and you could only help one of them."
    );
    assert_eq!(imp.principles(two), ["customer-obsession"]);
    assert_eq!(imp.question(two)["difficulty"].as_str(), Some("hard"));

    // doubled quotes; "Bias to Action"
    assert_eq!(
        imp.text("imp-decision-made-good-enough-data"),
        "Describe a decision you made with \"good enough\" data."
    );
    assert_eq!(
        imp.principles("imp-decision-made-good-enough-data"),
        ["bias-for-action"]
    );

    // a field with a line break; "Have Backbone; Disagree & Commit"
    let disagreed = "imp-disagreed-manager-after-decision-went-against";
    assert_eq!(
        imp.text(disagreed),
        "Tell me about a time you disagreed with your manager. What did you do after the decision went against you?"
    );
    assert_eq!(
        imp.principles(disagreed),
        ["have-backbone-disagree-and-commit"]
    );

    // short forms and a misspelling in a list
    assert_eq!(
        imp.principles("imp-raised-bar-quality-even-though-nobody"),
        ["insist-on-the-highest-standards"]
    );
    assert_eq!(
        imp.question("imp-raised-bar-quality-even-though-nobody")["difficulty"].as_str(),
        Some("standard")
    );
    assert_eq!(
        imp.principles("imp-grown-someone-team"),
        ["hire-and-develop-the-best"]
    );
    assert_eq!(
        imp.principles("imp-cut-cost-trade-off"),
        ["frugality", "ownership"]
    );

    // the record after the multi-line one keeps its real line number
    assert!(
        imp.has_report(9, "unknown Leadership Principle \"Teamwork\""),
        "{}",
        imp.stderr
    );
    // an unknown LP name: the LPs are inferred from the question's words
    assert!(
        imp.has_report(
            9,
            "\"Tell me about a time you had to work with a difficult colleague.\": LPs "
        ),
        "{}",
        imp.stderr
    );
    assert!(
        imp.toml.contains(
            "text = \"Tell me about a time you had to work with a difficult colleague.\""
        ) && !imp.toml.contains("# text = "),
        "{}",
        imp.toml
    );
    assert!(
        imp.stderr
            .lines()
            .any(|l| l == "6 questions imported (0 mapped by heading, 6 inline, 0 inferred), 1 on the \"imported\" track, 0 fragments made questions, 0 near-duplicates"),
        "{}",
        imp.stderr
    );
    assert_well_formed(&imp);
    assert_validates(imp.dir.path());
}

#[test]
fn json_keyed_by_principle_names_is_imported() {
    let imp = import("by_lp.json", "json");
    assert_eq!(imp.questions().len(), 6, "{}", imp.toml);
    assert_eq!(
        imp.principles("imp-used-customer-feedback-kill-feature-loved"),
        ["customer-obsession"]
    );
    assert_eq!(
        imp.principles("imp-most-demanding-customer-keep-them-happy"),
        ["customer-obsession"]
    );
    assert_eq!(
        imp.principles("imp-made-teams-work-life-measurably-better"),
        ["strive-to-be-earths-best-employer"]
    );
    assert_eq!(
        imp.principles("imp-considered-second-order-effects-launch-people"),
        ["success-and-scale-bring-broad-responsibility"]
    );
    // "Think Bigg" (misspelt) and an escaped quote inside the string
    assert_eq!(
        imp.principles("imp-boldest-plan-proposed-big-meant"),
        ["think-big"]
    );
    assert_eq!(
        imp.text("imp-boldest-plan-proposed-big-meant"),
        "Tell me about the boldest plan you have proposed, and what \"big\" meant there."
    );
    // questions come out in the file's order, not sorted by key
    let texts = imp.texts();
    assert!(texts[0].starts_with("Tell me about a time you used customer feedback"));
    assert!(texts[4].starts_with("Tell me about the boldest plan"));

    assert!(
        imp.has_report(15, "unknown Leadership Principle \"General\""),
        "{}",
        imp.stderr
    );
    assert!(
        imp.has_report(
            16,
            "\"Tell me about yourself.\": LPs guessed with low confidence: "
        ),
        "{}",
        imp.stderr
    );
    assert!(
        imp.stderr
            .lines()
            .any(|l| l == "5 questions imported (5 mapped by heading, 0 inline, 0 inferred), 1 on the \"imported\" track, 0 fragments made questions, 0 near-duplicates"),
        "{}",
        imp.stderr
    );
    assert_well_formed(&imp);
    assert_validates(imp.dir.path());
}

#[test]
fn a_list_under_company_headings_imports_with_lps_inferred() {
    // "## Amazon", "## Google", "## General" name no LP: every question's
    // LPs come from its own words.
    let imp = import("company_headings.md", "markdown");
    let qs = imp.questions();
    assert_eq!(qs.len(), 18, "{}", imp.toml);
    assert!(imp.stdout.contains("wrote 18 questions"), "{}", imp.stdout);
    // nothing only commented out: every question is a [[question]] item
    assert!(!imp.toml.contains("# text = "), "{}", imp.toml);
    let confident = qs
        .iter()
        .filter(|q| q["track"].as_str() == Some("leadership"))
        .count();
    let imported = qs
        .iter()
        .filter(|q| q["track"].as_str() == Some("imported"))
        .count();
    assert_eq!(confident + imported, 18);
    assert!(
        confident * 10 >= 18 * 6,
        "most placed with confidence: {confident} of 18"
    );

    // the primary LP fits for most of the questions that test one LP
    let expected = [
        (
            "disagreed with your manager",
            "have-backbone-disagree-and-commit",
        ),
        ("calculated risk where speed", "bias-for-action"),
        ("root cause of a problem", "dive-deep"),
        ("tight deadline despite setbacks", "deliver-results"),
        ("cut costs without hurting quality", "frugality"),
        ("above and beyond for a customer", "customer-obsession"),
        ("simplified a process", "invent-and-simplify"),
        ("mentored someone", "hire-and-develop-the-best"),
        ("made a mistake and had to tell", "earn-trust"),
        ("most ambitious project", "think-big"),
        ("learned a new skill quickly", "learn-and-be-curious"),
        ("raised the quality bar", "insist-on-the-highest-standards"),
        ("took ownership of a problem", "ownership"),
        ("without having all the data", "are-right-a-lot"),
        (
            "more inclusive place to work",
            "strive-to-be-earths-best-employer",
        ),
    ];
    let primary = |frag: &str| {
        qs.iter()
            .find(|q| q["text"].as_str().is_some_and(|t| t.contains(frag)))
            .and_then(|q| q["principles"][0].as_str())
            .unwrap_or_else(|| panic!("no question with {frag:?}: {}", imp.toml))
    };
    let fits = expected
        .iter()
        .filter(|(frag, lp)| primary(frag) == *lp)
        .count();
    assert!(
        fits >= 13,
        "{fits} of {} fit:\n{}",
        expected.len(),
        imp.toml
    );

    // each confident one names its nearest built-in question in a comment
    assert!(
        imp.toml
            .contains("# LPs inferred: insist-on-the-highest-standards (confidence 0.")
            && imp.toml.contains("nearest built-in question \"ihs-"),
        "{}",
        imp.toml
    );
    // a two-sentence question stays whole; fragments become questions
    assert!(
        imp.texts()
            .contains(&"How do you tackle challenges? Name a difficult challenge you faced.")
    );
    assert!(
        imp.texts().contains(
            &"Tell me about a time you took a calculated risk where speed was important."
        )
    );
    assert!(
        imp.has_report(
            10,
            "\"You took a calculated risk where speed was important\" is a fragment, not a question: imported as \"Tell me about a time you took a calculated risk where speed was important.\""
        ),
        "{}",
        imp.stderr
    );
    assert!(
        imp.stderr.lines().any(|l| l.starts_with("15 questions imported (0 mapped by heading, 0 inline, 15 inferred), 3 on the \"imported\" track, 2 fragments made questions")),
        "{}",
        imp.stderr
    );
    assert_well_formed(&imp);
    assert_validates(imp.dir.path());
}

#[test]
fn questions_on_the_imported_track_are_drillable() {
    use loopdrill::content::Track;
    use loopdrill::practice::plan::{DrillFilter, plan_drill_for};
    let imp = import("by_lp.json", "json");
    assert_validates(imp.dir.path());
    let c = loopdrill::content::load_layered(&[imp.dir.path().to_path_buf()])
        .expect("the pack loads over the built-in one");
    let on_track: Vec<&str> = c
        .questions_in(Track::Imported)
        .map(|q| q.text.as_str())
        .collect();
    assert_eq!(on_track, ["Tell me about yourself."]);
    // `drill --track imported` parses and plans those questions
    let track = loopdrill::commands::parse_track(&c, "imported").expect("a track with questions");
    assert_eq!(track, Track::Imported);
    let filter = DrillFilter {
        principles: Vec::new(),
        track: Some(track),
        role: None,
    };
    let plan = plan_drill_for(&c, &filter, 3, Some(5), 7, &Default::default()).expect("a drill");
    let planned = &plan.interviews[0].questions;
    assert_eq!(planned.len(), 1, "{planned:?}");
    assert_eq!(
        c.question(&planned[0]).expect("planned").text,
        "Tell me about yourself."
    );
    // without the imported pack, the track has no questions
    let builtin = loopdrill::content::load_layered(&[]).expect("built-in");
    assert!(loopdrill::commands::parse_track(&builtin, "imported").is_err());
}

#[test]
fn unreadable_input_is_a_clear_error() {
    let dir = tempfile::tempdir().expect("temp dir");
    let bad_json = dir.path().join("bad.json");
    std::fs::write(&bad_json, "{\n  \"Ownership\": [\"a\",]\n}\n").expect("write");
    let out = loopdrill()
        .args(["content", "import"])
        .arg(&bad_json)
        .args(["--format", "json", "--output"])
        .arg(dir.path().join("out.toml"))
        .output()
        .expect("run loopdrill");
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(&format!("{}:2:", bad_json.display())),
        "{stderr}"
    );
    assert!(!dir.path().join("out.toml").exists());

    let no_column = dir.path().join("bad.csv");
    std::fs::write(&no_column, "name,lp\nx,Ownership\n").expect("write");
    let out = loopdrill()
        .args(["content", "import"])
        .arg(&no_column)
        .args(["--format", "csv", "--output"])
        .arg(dir.path().join("out.toml"))
        .output()
        .expect("run loopdrill");
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no question column"));
}

#[test]
fn list_entries_that_are_not_questions_are_reported_not_dropped_silently() {
    let dir = TempDir::new().unwrap();
    let src = dir.path().join("list.md");
    std::fs::write(
        &src,
        "# Customer Obsession questions\n\n1. Tell me about a time you went above and beyond for a customer.\n2. Frobnicate?\n3. Stay calm and use STAR\n\nA closing paragraph about the blog.\n",
    )
    .unwrap();
    let out = dir.path().join("pack.toml");
    let run = loopdrill()
        .args(["content", "import"])
        .arg(&src)
        .args(["--format", "markdown", "--output"])
        .arg(&out)
        .output()
        .unwrap();
    assert!(run.status.success());
    let err = String::from_utf8_lossy(&run.stderr);
    let src = src.display().to_string();
    assert!(
        err.contains(&format!(
            "{src}:4: \"Frobnicate?\" does not read as a question; skipped"
        )),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "{src}:5: \"Stay calm and use STAR\" does not read as a question; skipped"
        )),
        "{err}"
    );
    assert!(
        !err.contains("closing paragraph"),
        "prose is not a list entry: {err}"
    );
    let toml = std::fs::read_to_string(&out).unwrap();
    assert_eq!(toml.matches("[[question]]").count(), 1, "{toml}");
}

#[test]
fn a_missing_output_folder_is_refused_before_anything_is_reported() {
    let dir = TempDir::new().unwrap();
    let out = dir.path().join("no/such/folder/pack.toml");
    let run = loopdrill()
        .args(["content", "import"])
        .arg(fixture("blog.md"))
        .args(["--format", "markdown", "--output"])
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(1));
    let err = String::from_utf8_lossy(&run.stderr);
    assert!(err.contains("the folder does not exist"), "{err}");
    assert!(
        !err.contains("imported"),
        "nothing claimed before failing: {err}"
    );
    assert!(String::from_utf8_lossy(&run.stdout).is_empty());
}

/// Every list item of a blog-style list is either imported or reported with
/// its line: numbered and bulleted items, items without "?", items that
/// continue on the next line, imperative questions ("Take me through…").
#[test]
fn markdown_list_items_are_imported_or_reported_never_dropped() {
    let imp = import("lists.md", "markdown");
    let texts = imp.texts();
    for q in [
        "Take me through a product you launched from start to end",
        "Walk me through how you handled an unhappy customer",
        "Describe a time when you had to push back on a customer request, and what you learned from it.",
        "Give me an example of a customer insight you found in the data",
        "Share an example of when you fixed a problem nobody asked you to fix.",
        "Talk me through a decision you made without all the data",
        "Explain how you handled a project that was failing",
        "Run me through the last time you missed a deadline",
    ] {
        assert!(
            texts.contains(&q),
            "{q:?} not imported whole:\n{texts:#?}\n{}",
            imp.stderr
        );
    }
    // Skipped entries, each named with its line.
    for (line, what) in [
        (
            5,
            "\"The job description, twice\" does not read as a question; skipped",
        ),
        (
            6,
            "\"Your own resume\" does not read as a question; skipped",
        ),
        (
            16,
            "\"Customer empathy\" does not read as a question; skipped",
        ),
        (
            22,
            "\"Budget and headcount\" (nested under the question at line 21)",
        ),
        (
            29,
            "\"Great question to prepare for!\" does not read as a question",
        ),
        (30, "bold list entry \"Bonus round\""),
    ] {
        assert!(
            imp.has_report(line, what),
            "line {line}: {what}\n{}",
            imp.stderr
        );
    }
    // Altered entries: what was cut is reported with the line.
    for (line, cut) in [
        (
            34,
            "\"Very common at AWS\" was cut from the end of the question",
        ),
        (35, "\"asked in 3 loops\" was cut"),
        (36, "\"(tip: bring numbers)\" was cut"),
    ] {
        assert!(
            imp.has_report(line, cut),
            "line {line}: {cut}\n{}",
            imp.stderr
        );
    }
    assert!(
        texts.contains(&"Tell me about a time data surprised you."),
        "{texts:#?}"
    );
    // The nested question became a follow-up of its parent.
    let parent = imp
        .questions()
        .iter()
        .find(|q| q["text"].as_str() == Some("Describe a project you owned end to end"))
        .expect("the parent question");
    assert!(
        strs(&parent["probes"]).contains(&"What would you do differently?"),
        "{parent:?}"
    );
    // Nothing else is silent: every list item's line is in the pack or the report.
    let source = std::fs::read_to_string(fixture("lists.md")).unwrap();
    for (i, l) in source.lines().enumerate() {
        let t = l.trim_start();
        let is_item = t.starts_with(['-', '*', '+'])
            || t.split_once(". ")
                .is_some_and(|(n, _)| n.parse::<u32>().is_ok());
        if !is_item {
            continue;
        }
        let body = t.split_once(' ').map_or("", |(_, b)| b).trim();
        let head: String = body.trim_matches('*').chars().take(20).collect();
        let imported = texts.iter().any(|q| q.starts_with(&head)) || imp.toml.contains(&head);
        assert!(
            imported || imp.has_report(i + 1, ""),
            "line {}: {l:?} is neither imported nor reported\n{}",
            i + 1,
            imp.stderr
        );
    }
}

/// Prompts in the imperative ("Name a situation where you…", "Recount a
/// moment when you…") import as questions, kept as written; a tip in the
/// same imperative ("Outline your answer…", about no experience of yours)
/// does not.
#[test]
fn imperative_prompts_import_as_questions_as_written() {
    let imp = import("imperative.md", "markdown");
    let texts = imp.texts();
    for t in [
        "Name a situation where you had to deliver with incomplete data.",
        "Recount a moment when you simplified a process for your team.",
        "Walk through a decision you made with very little data.",
        "Outline a time you took a calculated risk that did not pay off.",
        "Identify a goal you missed and what you changed afterwards.",
        "Provide an instance where you raised the bar when hiring.",
        "Give me an example of a time you disagreed with your manager.",
        "Describe a project you led from start to finish.",
        "Name a situation where you took ownership of a problem outside your role.",
    ] {
        assert!(texts.contains(&t), "{t:?} missing from\n{}", imp.toml);
    }
    assert_eq!(texts.len(), 9, "{}", imp.toml);
    assert!(
        imp.stderr.contains(
            "\"Outline your answer using the STAR format.\" does not read as a question; skipped"
        ),
        "{}",
        imp.stderr
    );
}
