//! The offline review screens (review, story bank, stats) driven through the
//! whole app with `TestBackend`: snapshots at 80×24 and 120×40, and the
//! behaviour that reaches the store (re-score, trash/restore, stories).

use chrono::{DateTime, Utc};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use loopdrill::cli::{Command, Global};
use loopdrill::store::{
    AiLine, AnalysisRecord, Answer, FollowUp, InterviewRecord, InterviewerRef, SCHEMA_VERSION,
    Session, SessionKind, Star, Store, Story, StoryBank,
};
use loopdrill::tui::app::App;
use loopdrill::tui::build_app;
use loopdrill::tui::screens::Screen;
use loopdrill::tui::screens::stats::StatsScreen;
use loopdrill::tui::screens::stories::{StoriesScreen, WarnKind};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// 2025-06-20 12:00 UTC: the pinned wall clock.
const NOW: i64 = 1_750_420_800;

const Q_OWN: (&str, &str) = (
    "own-inherited-troubled-program",
    "Tell me about a time you inherited a program that was already in trouble. What did you do in your first 30 days?",
);
const Q_DD: (&str, &str) = (
    "dd-real-root-cause",
    "Tell me about a time you found the real root cause of a problem that other people had already 'fixed' more than once.",
);
const Q_CO: (&str, &str) = (
    "co-said-no-to-customer",
    "Give me an example of a time you told a customer no, because what they were asking for wasn't in their best interest.",
);

fn ts(secs: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(secs, 0).expect("valid timestamp")
}

struct A {
    id: &'static str,
    q: (&'static str, &'static str),
    lp: &'static str,
    at: i64,
    secs: u64,
    over: u64,
    scores: &'static [(&'static str, u8)],
    action: &'static str,
    story: Option<&'static str>,
    interview: usize,
}

fn answer(a: &A) -> Answer {
    Answer {
        id: a.id.into(),
        question_id: a.q.0.into(),
        question: a.q.1.into(),
        principles: vec![a.lp.into()],
        interviewer_id: None,
        interview_index: a.interview,
        star: Star {
            situation: "The payments migration was six weeks late when I took it over; two teams blamed each other.".into(),
            task: "Land it before the peak freeze without dropping the audit work.".into(),
            action: a.action.into(),
            result: "We shipped in four weeks; paging incidents fell 30% the next quarter.".into(),
        },
        parts: Vec::new(),
        part_names: Vec::new(),
        follow_ups: vec![FollowUp {
            probe: "What would you do differently?".into(),
            response: "Set up the weekly risk review from day one.".into(),
            signal: Some("no-lesson".into()),
        }],
        started_at: ts(a.at - a.secs as i64),
        submitted_at: ts(a.at),
        duration_secs: a.secs,
        time_limit_secs: 300,
        overtime_secs: a.over,
        self_scores: a
            .scores
            .iter()
            .map(|(k, v)| (k.to_string(), *v))
            .collect::<BTreeMap<_, _>>(),
        score_history: Vec::new(),
        analysis: AnalysisRecord {
            words: 240,
            i_count: 11,
            we_count: 4,
            numbers_in_result: 1,
            speaking_secs: 104,
            signals: vec!["we-over-i".into()],
        },
        story_id: a.story.map(str::to_string),
        notes: "Lead with the numbers next time.".into(),
        spoken: false,
        judged: None,
        summary_only: false,
    }
}

fn drill(id: &str, at: i64, answers: &[A]) -> Session {
    let mut s = Session::new(id.into(), SessionKind::Drill, ts(at));
    s.interviews = vec![InterviewRecord {
        interviewer: InterviewerRef {
            id: String::new(),
            name: "Drill".into(),
            role: "Practice".into(),
            bar_raiser: false,
        },
        answer_secs: 300,
        ..Default::default()
    }];
    s.answers = answers.iter().map(answer).collect();
    s.finished_at = Some(ts(at + 3600));
    s
}

fn iv(id: &str, name: &str, role: &str, br: bool, lp: &str) -> InterviewRecord {
    InterviewRecord {
        interviewer: InterviewerRef {
            id: id.into(),
            name: name.into(),
            role: role.into(),
            bar_raiser: br,
        },
        principles: vec![lp.into()],
        answer_secs: 300,
        ..Default::default()
    }
}

const S1: &str = "20250601-090000-0001";
const S2: &str = "20250610-180000-0002";
const S3: &str = "20250618-140000-0003";

fn sessions() -> Vec<Session> {
    let s1 = drill(
        S1,
        1_748_768_400,
        &[A {
            id: "a1",
            q: Q_OWN,
            lp: "ownership",
            at: 1_748_768_800,
            secs: 330,
            over: 30,
            scores: &[
                ("ownership/beyond-scope", 2),
                ("ownership/long-term-view", 2),
                ("ownership/accountability", 2),
            ],
            action: "I met both leads, wrote a one-page plan and cut scope.",
            story: None,
            interview: 0,
        }],
    );
    let s2 = drill(
        S2,
        1_749_578_400,
        &[
            A {
                id: "a2",
                q: Q_OWN,
                lp: "ownership",
                at: 1_749_578_700,
                secs: 250,
                over: 0,
                scores: &[
                    ("ownership/beyond-scope", 3),
                    ("ownership/long-term-view", 3),
                    ("ownership/accountability", 2),
                ],
                action: "I owned the cut-over runbook and ran the daily stand-up myself.",
                story: None,
                interview: 0,
            },
            A {
                id: "a3",
                q: Q_DD,
                lp: "dive-deep",
                at: 1_749_579_100,
                secs: 380,
                over: 80,
                scores: &[("dive-deep/data", 1), ("star-delivery/structure", 2)],
                action: "I read the Kubernetes scheduler logs for a week and found the noisy neighbour.",
                story: Some("story-1"),
                interview: 0,
            },
        ],
    );
    let mut s3 = Session::new(S3.into(), SessionKind::Loop, ts(1_750_255_200));
    s3.template = Some("pm-general".into());
    s3.seed = Some(7);
    s3.interviews = vec![
        iv(
            "hiring-manager",
            "Daniel Okafor",
            "Hiring Manager",
            false,
            "customer-obsession",
        ),
        iv(
            "bar-raiser-1",
            "Elena Petrova",
            "Senior Manager",
            true,
            "ownership",
        ),
    ];
    s3.answers = [
        A {
            id: "a4",
            q: Q_CO,
            lp: "customer-obsession",
            at: 1_750_255_600,
            secs: 280,
            over: 0,
            scores: &[
                ("customer-obsession/customer-need", 4),
                ("customer-obsession/customer-trade-off", 3),
            ],
            action: "I showed the customer the cost model and proposed a phased plan.",
            story: Some("story-1"),
            interview: 0,
        },
        A {
            id: "a5",
            q: Q_OWN,
            lp: "ownership",
            at: 1_750_256_400,
            secs: 295,
            over: 0,
            scores: &[
                ("ownership/beyond-scope", 3),
                ("ownership/long-term-view", 4),
                ("ownership/accountability", 3),
            ],
            action: "I took the critical path myself and renegotiated the freeze date.",
            story: Some("story-1"),
            interview: 1,
        },
    ]
    .iter()
    .map(answer)
    .collect();
    s3.finished_at = Some(ts(1_750_258_000));
    vec![s1, s2, s3]
}

fn stories() -> StoryBank {
    let story = |id: &str, title: &str, lps: &[&str]| Story {
        id: id.into(),
        title: title.into(),
        summary: "Took over a stalled program and landed it.".into(),
        star: Star {
            situation: "Six weeks late.".into(),
            task: "Land it before peak.".into(),
            action: "Cut scope, daily stand-up.".into(),
            result: "Shipped in four weeks.".into(),
        },
        principles: lps.iter().map(|s| s.to_string()).collect(),
        metric: "-30% paging incidents".into(),
        created_at: ts(1_749_000_000),
        updated_at: ts(1_749_000_000),
    };
    StoryBank {
        schema_version: SCHEMA_VERSION,
        stories: vec![
            story(
                "story-1",
                "Stalled payments migration",
                &["ownership", "dive-deep", "deliver-results"],
            ),
            story(
                "story-2",
                "Pricing page rewrite",
                &[
                    "customer-obsession",
                    "invent-and-simplify",
                    "think-big",
                    "frugality",
                    "earn-trust",
                ],
            ),
        ],
    }
}

fn seed() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = tmp.path().join("data");
    let store = Store::open(&dir).expect("open store");
    for s in sessions() {
        store.save_session(&s).expect("save session");
    }
    store.save_stories(&stories()).expect("save stories");
    drop(store);
    (tmp, dir)
}

fn app_with(dir: &Path, cmd: Option<Command>) -> App {
    let content = loopdrill::content::load_layered(&[]).expect("built-in content");
    let global = Global {
        data_dir: Some(dir.to_path_buf()),
        content: vec![],
        init: false,
    };
    let mut app = build_app(&global, content, cmd, false).unwrap_or_else(|e| panic!("{}", e.0));
    app.set_wall_clock(Box::new(|| ts(NOW)));
    app
}

fn review_app(dir: &Path) -> App {
    app_with(dir, Some(Command::Review))
}

/// The story bank, opened after the wall clock is pinned (its warnings use the date).
fn stories_app(dir: &Path) -> App {
    let mut app = app_with(dir, None);
    app.open(Screen::Stories(Box::new(StoriesScreen::new())));
    app
}

fn stats_app(dir: &Path) -> App {
    let mut app = app_with(dir, None);
    app.open(Screen::Stats(Box::new(StatsScreen::new())));
    app
}

fn key(app: &mut App, code: KeyCode) {
    app.key(KeyEvent::new(code, KeyModifiers::NONE));
}

fn ctrl(app: &mut App, c: char) {
    app.key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL));
}

fn keys(app: &mut App, s: &str) {
    for c in s.chars() {
        key(app, KeyCode::Char(c));
    }
}

fn draw(app: &App, w: u16, h: u16) -> Terminal<TestBackend> {
    let mut t = Terminal::new(TestBackend::new(w, h)).expect("terminal");
    t.draw(|f| app.render(f)).expect("draw");
    t
}

fn text(t: &Terminal<TestBackend>) -> String {
    let buf = t.backend().buffer();
    let mut s = String::new();
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            s.push_str(buf[(x, y)].symbol());
        }
        s.push('\n');
    }
    s
}

fn screen(app: &App) -> String {
    text(&draw(app, 120, 40))
}

// ------------------------------------------------------------ snapshots

#[test]
fn review_list_snapshots() {
    let (_tmp, dir) = seed();
    let app = review_app(&dir);
    insta::assert_snapshot!("review_list_80x24", draw(&app, 80, 24).backend());
    insta::assert_snapshot!("review_list_120x40", draw(&app, 120, 40).backend());
}

#[test]
fn review_detail_snapshots() {
    let (_tmp, dir) = seed();
    let mut app = review_app(&dir);
    key(&mut app, KeyCode::Enter);
    insta::assert_snapshot!("review_detail_80x24", draw(&app, 80, 24).backend());
    insta::assert_snapshot!("review_detail_120x40", draw(&app, 120, 40).backend());
}

#[test]
fn review_attempts_snapshots() {
    let (_tmp, dir) = seed();
    let mut app = review_app(&dir);
    // The newest answer is the third attempt at the ownership question.
    key(&mut app, KeyCode::Char('a'));
    let s = screen(&app);
    assert!(s.contains("3 attempts"), "{s}");
    insta::assert_snapshot!("review_attempts_80x24", draw(&app, 80, 24).backend());
    insta::assert_snapshot!("review_attempts_120x40", draw(&app, 120, 40).backend());
    assert!(
        screen(&app).contains("(+0.6)"),
        "2.7 → 3.3 as shown (2.67 → 3.33)"
    );
    // Tab, then ← moves the left column to the first attempt: 2.0 → 3.3.
    key(&mut app, KeyCode::Tab);
    key(&mut app, KeyCode::Left);
    let s = screen(&app);
    assert!(s.contains("(+1.3)"), "{s}");
    assert!(s.contains("#1 2025-06-01"), "{s}");
}

#[test]
fn story_bank_snapshots() {
    let (_tmp, dir) = seed();
    let mut app = stories_app(&dir);
    insta::assert_snapshot!("stories_list_80x24", draw(&app, 80, 24).backend());
    insta::assert_snapshot!("stories_list_120x40", draw(&app, 120, 40).backend());
    key(&mut app, KeyCode::Char('m'));
    insta::assert_snapshot!("stories_matrix_80x24", draw(&app, 80, 24).backend());
    insta::assert_snapshot!("stories_matrix_120x40", draw(&app, 120, 40).backend());
}

#[test]
fn stats_snapshots() {
    let (_tmp, dir) = seed();
    let app = stats_app(&dir);
    insta::assert_snapshot!("stats_80x24", draw(&app, 80, 24).backend());
    insta::assert_snapshot!("stats_120x40", draw(&app, 120, 40).backend());
    insta::assert_snapshot!("stats_200x60", draw(&app, 200, 60).backend());
    // Calibration: per LP in the table, overall and for the selected LP with
    // its trend.
    let s = text(&draw(&app, 120, 40));
    assert!(s.contains(" you± "), "{s}");
    assert!(s.contains("Interviewer avg "), "{s}");
    assert!(s.contains("Customer Obsession: you± +"), "{s}");
}

// ------------------------------------------------------------ behaviour

#[test]
fn search_filters_to_the_answers_containing_the_word() {
    let (_tmp, dir) = seed();
    let mut app = review_app(&dir);
    let before = screen(&app);
    assert!(before.contains("5 answers in 3 sessions"), "{before}");
    key(&mut app, KeyCode::Char('/'));
    keys(&mut app, "KUBERNETES");
    key(&mut app, KeyCode::Enter);
    let s = screen(&app);
    assert!(s.contains("1 of 5 answers match"), "{s}");
    assert!(
        s.contains("Tell me about a time you found the real root"),
        "{s}"
    );
    assert!(!s.contains("Tell me about a time you inherited"), "{s}");
    assert!(
        s.contains("“KUBERNETES”"),
        "the footer shows the search: {s}"
    );
    // Opened, the answer shows where the word was found.
    key(&mut app, KeyCode::Enter);
    let t = draw(&app, 120, 40);
    let buf = t.backend().buffer();
    let mut marked = String::new();
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            let cell = &buf[(x, y)];
            if cell.modifier.contains(ratatui::style::Modifier::REVERSED) {
                marked.push_str(cell.symbol());
            }
        }
        marked.push('|');
    }
    assert!(
        marked.to_lowercase().contains("kubernetes"),
        "the found word is marked: {marked}"
    );
    key(&mut app, KeyCode::Esc);
    // A follow-up response is searched too; several words must all match.
    key(&mut app, KeyCode::Char('/'));
    for _ in 0.."KUBERNETES".len() {
        key(&mut app, KeyCode::Backspace);
    }
    keys(&mut app, "risk review");
    key(&mut app, KeyCode::Enter);
    let s = screen(&app);
    assert!(s.contains("5 answers in 3 sessions"), "{s}");
    // Esc in the search field clears it.
    key(&mut app, KeyCode::Char('/'));
    keys(&mut app, "zzz-nothing");
    key(&mut app, KeyCode::Esc);
    let s = screen(&app);
    assert!(s.contains("5 answers in 3 sessions"), "{s}");
}

#[test]
fn score_band_and_date_filters() {
    let (_tmp, dir) = seed();
    let mut app = review_app(&dir);
    // The bands are of the interviewer's average level (not the candidate's
    // own scores): count what the judge gives the seeded answers.
    let content = loopdrill::content::load_layered(&[]).unwrap();
    let judge = loopdrill::practice::judge::Judge::new(&content);
    let levels: Vec<f64> = sessions()
        .iter()
        .flat_map(|s| s.answers.iter())
        .filter_map(|a| judge.answer_average(a))
        .collect();
    let count = |f: &dyn Fn(f64) -> bool| levels.iter().filter(|&&v| f(v)).count();
    let bands = [
        count(&|v| v < 2.0),
        count(&|v| (2.0..3.0).contains(&v)),
        count(&|v| v >= 3.0),
    ];
    assert_eq!(bands.iter().sum::<usize>(), 5, "every answer is judged");
    let matching = |n: usize| {
        if n == 5 {
            "5 answers in 3 sessions".to_string()
        } else {
            format!("{n} of 5 answers match")
        }
    };
    key(&mut app, KeyCode::Char('s'));
    let s = screen(&app);
    assert!(s.contains("score <2"), "{s}");
    assert!(s.contains(&matching(bands[0])), "<2: {s}");
    key(&mut app, KeyCode::Char('s'));
    let s = screen(&app);
    assert!(s.contains(&matching(bands[1])), "2–3: {s}");
    key(&mut app, KeyCode::Char('s'));
    let s = screen(&app);
    assert!(s.contains(&matching(bands[2])), "≥3: {s}");
    key(&mut app, KeyCode::Char('s'));
    key(&mut app, KeyCode::Char('d'));
    let s = screen(&app);
    assert!(s.contains("2 of 5 answers match"), "7 days: {s}");
    assert!(s.contains("dates 7 days"), "{s}");
    key(&mut app, KeyCode::Char('c'));
    assert!(screen(&app).contains("5 answers in 3 sessions"));
    // By LP: the first LP with answers in content order is Customer Obsession.
    key(&mut app, KeyCode::Char('p'));
    let s = screen(&app);
    assert!(s.contains("1 of 5 answers match"), "{s}");
}

#[test]
fn rescore_keeps_the_earlier_scores_on_disk() {
    let (_tmp, dir) = seed();
    let mut app = review_app(&dir);
    key(&mut app, KeyCode::Enter); // a5, the Bar Raiser's ownership question
    key(&mut app, KeyCode::Char('r'));
    let s = screen(&app);
    assert!(s.contains("Re-score"), "{s}");
    assert!(
        s.contains("Bar Raiser"),
        "the bar-raiser rubric is offered: {s}"
    );
    insta::assert_snapshot!("review_rescore_80x24", draw(&app, 80, 24).backend());
    insta::assert_snapshot!("review_rescore_120x40", draw(&app, 120, 40).backend());
    // Re-scoring shows the interviewer's level and quoted evidence beside
    // the earlier self-score.
    key(&mut app, KeyCode::Down);
    key(&mut app, KeyCode::Down);
    let s = text(&draw(&app, 200, 60));
    assert!(s.contains("Owns outcomes and mistakes"), "{s}");
    assert!(s.contains("Before: 3"), "{s}");
    assert!(s.contains("Interviewer: 3 of 4   you: 3"), "{s}");
    assert!(
        s.contains("+ \"The payments migration was six weeks late when I took it over;\""),
        "{s}"
    );
    key(&mut app, KeyCode::Up);
    key(&mut app, KeyCode::Up);
    key(&mut app, KeyCode::Char('1'));
    key(&mut app, KeyCode::Enter);
    // The detail is long now (evidence per criterion): a tall screen.
    let s = text(&draw(&app, 120, 200));
    assert!(s.contains("Score history"), "{s}");
    assert!(
        s.contains("By criterion: the interviewer's level, then yours"),
        "{s}"
    );

    let store = Store::open_read_only(&dir);
    let session = store.load_session(S3).expect("load");
    let a5 = &session.answers[1];
    assert_eq!(a5.self_scores["ownership/beyond-scope"], 1);
    assert_eq!(a5.self_scores["ownership/long-term-view"], 4);
    assert_eq!(a5.score_history.len(), 1);
    assert_eq!(a5.score_history[0].scored_at, ts(NOW));
    assert_eq!(a5.score_history[0].self_scores["ownership/beyond-scope"], 3);
    assert_eq!(a5.score_history[0].self_scores.len(), 3);
}

#[test]
fn link_story_picker_lists_fitting_stories_first_and_saves_the_choice() {
    let (_tmp, dir) = seed();
    let mut app = review_app(&dir);
    let linked = || {
        Store::open_read_only(&dir)
            .load_session(S1)
            .expect("load")
            .answers[0]
            .story_id
            .clone()
    };
    key(&mut app, KeyCode::End); // a1, an Ownership answer with no story
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Char('l'));
    let s = screen(&app);
    assert!(s.contains("Link to a story"), "{s}");
    assert!(
        s.contains("●  (no story)"),
        "the current link is marked: {s}"
    );
    // The story tagged Ownership comes first and is flagged; the other after.
    let fits = s
        .find(" ◆ Stalled payments migration")
        .expect("fitting story");
    let other = s.find("   Pricing page rewrite").expect("other story");
    assert!(fits < other, "{s}");
    insta::assert_snapshot!("review_link_story_80x24", draw(&app, 80, 24).backend());
    insta::assert_snapshot!("review_link_story_120x40", draw(&app, 120, 40).backend());

    key(&mut app, KeyCode::Esc); // cancel: nothing saved
    assert!(!screen(&app).contains("Link to a story"));
    assert_eq!(linked(), None);

    key(&mut app, KeyCode::Char('l'));
    key(&mut app, KeyCode::Down);
    key(&mut app, KeyCode::Down);
    key(&mut app, KeyCode::Enter);
    assert_eq!(linked().as_deref(), Some("story-2"));
    assert!(screen(&app).contains("Linked to “Pricing page rewrite”"));

    key(&mut app, KeyCode::Char('l')); // opens on the linked story
    key(&mut app, KeyCode::Enter);
    assert!(screen(&app).contains("Already linked"));
    assert_eq!(linked().as_deref(), Some("story-2"));

    key(&mut app, KeyCode::Char('l'));
    key(&mut app, KeyCode::Up);
    key(&mut app, KeyCode::Enter);
    assert_eq!(linked().as_deref(), Some("story-1"));

    key(&mut app, KeyCode::Char('l'));
    key(&mut app, KeyCode::Home);
    key(&mut app, KeyCode::Enter);
    assert_eq!(linked(), None, "unlinked");
}

#[test]
fn delete_trash_restore_round_trip() {
    let (_tmp, dir) = seed();
    let mut app = review_app(&dir);
    key(&mut app, KeyCode::Down);
    key(&mut app, KeyCode::Down); // a3, in S2 with 2 answers
    key(&mut app, KeyCode::Char('x'));
    let s = screen(&app);
    assert!(s.contains("the whole session with 2 answers"), "{s}");
    key(&mut app, KeyCode::Char('y'));
    assert!(!dir.join("sessions").join(format!("{S2}.json")).exists());
    assert!(dir.join("trash").join(format!("{S2}.json")).exists());
    let s = screen(&app);
    assert!(s.contains("3 answers in 2 sessions"), "{s}");

    key(&mut app, KeyCode::Char('u'));
    let s = screen(&app);
    assert!(
        s.contains("2025-06-10 18:00  drill · 2 answers · Tell me about a time"),
        "the trash describes it: {s}"
    );
    assert!(s.contains("1 session in the trash"), "{s}");
    key(&mut app, KeyCode::Enter);
    assert!(dir.join("sessions").join(format!("{S2}.json")).exists());
    assert!(!dir.join("trash").join(format!("{S2}.json")).exists());
    // The trash is empty now: it closes, and the list's keys work again.
    let s = screen(&app);
    assert!(s.contains("5 answers in 3 sessions"), "{s}");
    assert!(!s.contains("Enter restore"), "{s}");
    key(&mut app, KeyCode::Enter);
    assert!(screen(&app).contains("review · answer"));
    assert_eq!(Store::open_read_only(&dir).load_history().answer_count(), 5);
}

#[test]
fn story_created_with_keys_is_saved_with_its_lps() {
    let (_tmp, dir) = seed();
    let mut app = stories_app(&dir);
    key(&mut app, KeyCode::Char('n'));
    keys(&mut app, "Datacenter power crunch");
    key(&mut app, KeyCode::Enter); // next field
    keys(&mut app, "Power ran out two months early.");
    key(&mut app, KeyCode::BackTab); // back to the title…
    key(&mut app, KeyCode::BackTab); // …and round to the LP checklist
    key(&mut app, KeyCode::Down);
    key(&mut app, KeyCode::Down);
    key(&mut app, KeyCode::Down);
    key(&mut app, KeyCode::Char(' ')); // Are Right, A Lot
    for _ in 0..6 {
        key(&mut app, KeyCode::Down);
    }
    key(&mut app, KeyCode::Char(' ')); // Frugality
    ctrl(&mut app, 's');
    let bank = Store::open_read_only(&dir).load_stories().expect("stories");
    assert_eq!(bank.stories.len(), 3);
    let s = &bank.stories[2];
    assert_eq!(s.title, "Datacenter power crunch");
    assert_eq!(s.summary, "Power ran out two months early.");
    assert_eq!(s.principles, ["are-right-a-lot", "frugality"]);
    assert_eq!(s.updated_at, ts(NOW));
    let shown = screen(&app);
    assert!(shown.contains("Datacenter power crunch"), "{shown}");
}

#[test]
fn coverage_warnings_name_lps_without_a_story() {
    let (_tmp, dir) = seed();
    let app = stories_app(&dir);
    let Screen::Stories(s) = &app.screen else {
        panic!("not the story bank")
    };
    let w = s.current_warnings();
    let none = w
        .iter()
        .find(|w| w.kind == WarnKind::NoStory)
        .expect("a no-story warning");
    assert!(none.text.contains("Are Right, A Lot"), "{}", none.text);
    assert!(!none.text.contains("Ownership"), "{}", none.text);
    assert!(
        w.iter()
            .any(|w| w.kind == WarnKind::Stretched && w.text.contains("Pricing page rewrite")),
        "{w:?}"
    );
    assert!(
        w.iter().any(|w| w.kind == WarnKind::Retold
            && w.text.contains("Stalled payments migration")
            && w.text.contains("Elena Petrova")),
        "{w:?}"
    );
    let next = w.iter().find(|w| w.kind == WarnKind::Next).expect("next");
    assert!(next.text.contains("Are Right, A Lot"), "{}", next.text);
    // Two stories are too few for a loop.
    assert!(
        w.iter()
            .any(|w| w.text.starts_with("Only 2 stories so far")),
        "{w:?}"
    );
    let shown = screen(&app);
    assert!(shown.contains("No story yet for"), "{shown}");
}

#[test]
fn deleting_a_story_keeps_the_link_and_says_deleted_story() {
    let (_tmp, dir) = seed();
    let mut app = stories_app(&dir);
    key(&mut app, KeyCode::Char('x'));
    let s = screen(&app);
    assert!(s.contains("3 linked answers keep their link"), "{s}");
    key(&mut app, KeyCode::Char('y'));
    let bank = Store::open_read_only(&dir).load_stories().expect("stories");
    assert_eq!(bank.stories.len(), 1);
    let mut app = review_app(&dir);
    key(&mut app, KeyCode::Enter);
    let s = screen(&app);
    assert!(s.contains("(deleted story)"), "{s}");
}

#[test]
fn home_opens_the_three_screens() {
    let (_tmp, dir) = seed();
    let mut app = app_with(&dir, None);
    let s = screen(&app);
    for item in [
        "Review past answers",
        "Story bank",
        "Stats and practice calendar",
    ] {
        assert!(s.contains(item), "{s}");
    }
    for (down, title) in [(4, "· review"), (5, "· story bank"), (6, "· stats")] {
        let mut app2 = app_with(&dir, None);
        for _ in 0..down {
            key(&mut app2, KeyCode::Down);
        }
        key(&mut app2, KeyCode::Enter);
        let s = screen(&app2);
        assert!(s.contains(title), "{title}: {s}");
        key(&mut app2, KeyCode::Esc);
        assert!(screen(&app2).contains("· home"));
    }
    key(&mut app, KeyCode::Char('q'));
    assert!(app.quit);
}

#[test]
fn stats_enter_opens_review_filtered_by_lp() {
    let (_tmp, dir) = seed();
    let mut app = stats_app(&dir);
    key(&mut app, KeyCode::Down); // Ownership
    key(&mut app, KeyCode::Enter);
    let s = screen(&app);
    assert!(s.contains("3 of 5 answers match"), "{s}");
    assert!(s.contains("LP Ownership"), "{s}");
    // Esc goes back to the stats screen it came from, not home.
    key(&mut app, KeyCode::Esc);
    let s = screen(&app);
    assert!(s.lines().next().unwrap_or("").contains("stats"), "{s}");
    // ...on the same row: Enter opens the same LP again.
    key(&mut app, KeyCode::Enter);
    assert!(screen(&app).contains("LP Ownership"));
}

#[test]
fn every_view_renders_at_any_size() {
    let (_tmp, dir) = seed();
    let sizes = [
        (80, 24),
        (81, 25),
        (100, 30),
        (120, 40),
        (200, 60),
        (79, 23),
        (20, 5),
    ];
    let mut apps: Vec<App> = Vec::new();
    apps.push(review_app(&dir));
    let mut a = review_app(&dir);
    key(&mut a, KeyCode::Enter);
    apps.push(a);
    let mut d = review_app(&dir);
    key(&mut d, KeyCode::Enter);
    for _ in 0..100 {
        key(&mut d, KeyCode::PageDown);
    }
    apps.push(d);
    let mut at = review_app(&dir);
    key(&mut at, KeyCode::Char('a'));
    apps.push(at);
    let mut rs = review_app(&dir);
    key(&mut rs, KeyCode::Enter);
    key(&mut rs, KeyCode::Char('r'));
    apps.push(rs);
    let mut tr = review_app(&dir);
    key(&mut tr, KeyCode::Char('u'));
    apps.push(tr);
    let mut se = review_app(&dir);
    key(&mut se, KeyCode::Char('/'));
    keys(&mut se, "migration");
    apps.push(se);
    let mut st = stories_app(&dir);
    apps.push(stories_app(&dir));
    key(&mut st, KeyCode::Char('m'));
    apps.push(st);
    let mut form = stories_app(&dir);
    key(&mut form, KeyCode::Char('e'));
    apps.push(form);
    apps.push(stats_app(&dir));
    let mut wr = review_app(&dir);
    key(&mut wr, KeyCode::Char('w'));
    apps.push(wr);
    let mut link = review_app(&dir);
    key(&mut link, KeyCode::Enter);
    key(&mut link, KeyCode::Char('l'));
    apps.push(link);
    let mut find = stories_app(&dir);
    key(&mut find, KeyCode::Char('/'));
    keys(&mut find, "pricing");
    apps.push(find);
    for app in &apps {
        for (w, h) in sizes {
            let t = draw(app, w, h);
            let _ = text(&t);
        }
    }
}

#[test]
fn empty_store_and_loading_states() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = tmp.path().join("empty");
    let app = review_app(&dir);
    let s = screen(&app);
    assert!(s.contains("No answers yet"), "{s}");
    let app = stories_app(&dir);
    let s = screen(&app);
    assert!(s.contains("No stories yet"), "{s}");
    assert!(s.contains("The bank is empty"), "{s}");
    let app = stats_app(&dir);
    let s = screen(&app);
    assert!(s.contains("0 sessions"), "{s}");
}

/// Opening the review screen and filtering 10,000 answers (run with
/// `cargo test --release --test tui_review -- --ignored --nocapture`).
#[test]
fn history_arriving_in_the_background_fills_every_screen() {
    use loopdrill::practice::timer::SystemClock;
    use loopdrill::tui::screens::review::ReviewScreen;
    let (_tmp, dir) = seed();
    for open in 0..3 {
        let (tx, rx) = std::sync::mpsc::channel();
        let content = loopdrill::content::load_layered(&[]).expect("content");
        let store = Store::open(&dir).expect("store");
        let mut app = App::new(
            content,
            store,
            Some(rx),
            Box::new(SystemClock::new()),
            Box::new(|| ts(NOW)),
        );
        app.open(match open {
            0 => Screen::Review(Box::new(ReviewScreen::new())),
            1 => Screen::Stories(Box::new(StoriesScreen::new())),
            _ => Screen::Stats(Box::new(StatsScreen::new())),
        });
        let before = screen(&app);
        if open != 1 {
            assert!(before.contains("loading history…"), "{before}");
        } else {
            assert!(before.contains("history is still loading"), "{before}");
        }
        // Keys before the history arrives do nothing harmful.
        if open != 1 {
            for c in ['j', 'p', 's', 'a', 'x', 'r'] {
                key(&mut app, KeyCode::Char(c));
            }
            key(&mut app, KeyCode::Enter);
        }
        tx.send(loopdrill::tui::app::Loaded::Full(
            Store::open_read_only(&dir).load_history(),
        ))
        .expect("send");
        app.tick();
        let after = screen(&app);
        assert!(!after.contains("loading history…"), "{after}");
        match open {
            0 => assert!(
                after.contains("answers match") || after.contains("5 answers"),
                "{after}"
            ),
            1 => assert!(after.contains("was told to 2 interviewers"), "{after}"),
            _ => assert!(after.contains("3 sessions"), "{after}"),
        }
        drop(app);
    }
}

#[test]
fn the_matrix_scrolls_to_stories_off_screen() {
    let (_tmp, dir) = seed();
    {
        let store = Store::open(&dir).expect("store");
        let mut bank = stories();
        for k in 0..16 {
            let mut s = bank.stories[0].clone();
            s.id = format!("extra-{k}");
            s.title = format!("Zeta story number {k}");
            s.principles = vec!["frugality".into()];
            bank.stories.push(s);
        }
        bank.stories[17].title = "Last one here".into();
        store.save_stories(&bank).expect("save");
    }
    let mut app = stories_app(&dir);
    key(&mut app, KeyCode::Char('m'));
    let s = text(&draw(&app, 80, 24));
    assert!(s.contains('▶') && !s.contains("LOH"), "{s}");
    for _ in 0..17 {
        key(&mut app, KeyCode::Right);
    }
    let s = text(&draw(&app, 80, 24));
    assert!(s.contains("LOH") && s.contains('◀'), "{s}");
    assert!(s.contains("story 18/18"), "{s}");
}

#[test]
fn stats_command_prints_a_plain_table_and_json() {
    let (_tmp, dir) = seed();
    std::fs::write(dir.join("sessions").join("broken.json"), "{ not json").expect("write");
    let out = assert_cmd::Command::cargo_bin("loopdrill")
        .expect("binary")
        .env("TZ", "UTC")
        .args(["--data-dir"])
        .arg(&dir)
        .arg("stats")
        .env("NO_COLOR", "")
        .output()
        .expect("run");
    assert!(out.status.success(), "{out:?}");
    let text = String::from_utf8(out.stdout).expect("utf-8");
    assert!(!text.contains('\x1b'), "no colour codes: {text}");
    assert!(text.starts_with("3 sessions, 5 answers"), "{text}");
    assert!(text.contains("Ownership"), "{text}");
    assert!(text.contains("Practise next:"), "{text}");
    let err = String::from_utf8(out.stderr).expect("utf-8");
    assert!(
        err.contains("warning:") && err.contains("broken.json"),
        "{err}"
    );

    let out = assert_cmd::Command::cargo_bin("loopdrill")
        .expect("binary")
        .env("TZ", "UTC")
        .args(["--data-dir"])
        .arg(&dir)
        .args(["stats", "--json"])
        .output()
        .expect("run");
    assert!(out.status.success(), "{out:?}");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(v["sessions"], 3);
    assert_eq!(v["answers"], 5);
    let ps = v["principles"].as_array().expect("principles");
    assert_eq!(ps.len(), 16);
    let own = ps
        .iter()
        .find(|p| p["id"] == "ownership")
        .expect("ownership");
    for k in [
        "id",
        "name",
        "answers",
        "average",
        "trend",
        "mean_secs",
        "mean_limit_secs",
        "overtime_answers",
        "last_practised",
        "priority",
    ] {
        assert!(own.get(k).is_some(), "{k} missing: {own}");
    }
    assert_eq!(own["answers"], 3);
    assert_eq!(own["overtime_answers"], 1);
    assert_eq!(v["calendar"]["2025-06-10"], 2);
    assert_eq!(v["calendar"]["2025-06-18"], 2);
}

#[test]
fn an_unreadable_story_bank_is_named_and_never_written() {
    let (_tmp, dir) = seed();
    let path = dir.join("stories.json");
    let torn = b"{\"schema_version\": 1, \"stories\": [{\"id\": \"story-1\", \"ti";
    std::fs::write(&path, torn).unwrap();
    let mut app = stories_app(&dir);
    let s = text(&draw(&app, 200, 60));
    assert!(s.contains("stories.json:1:"), "the file and position: {s}");
    assert!(s.contains("Your stories are safe in that file"), "{s}");
    key(&mut app, KeyCode::Char('n'));
    let s = text(&draw(&app, 200, 60));
    assert!(
        s.contains("The story bank is not changed while its file cannot be read"),
        "{s}"
    );
    assert!(!s.contains("Ctrl-S"), "no form opened to type into: {s}");
    // Nothing was written to the file.
    assert_eq!(std::fs::read(&path).unwrap(), torn);
}

#[test]
fn export_without_a_readable_story_bank_exports_the_sessions_and_exits_1() {
    let (_tmp, dir) = seed();
    std::fs::write(dir.join("stories.json"), b"not json").unwrap();
    let out = assert_cmd::Command::cargo_bin("loopdrill")
        .unwrap()
        .env("TZ", "UTC")
        .args(["export", "--format", "json", "--data-dir"])
        .arg(&dir)
        .output()
        .unwrap();
    // Everything readable is exported, and the exit status says it is incomplete.
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["sessions"].as_array().unwrap().len(), sessions().len());
    assert_eq!(v["stories"].as_array().unwrap().len(), 0);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("stories.json:1:2")
            && err.contains("exported without stories")
            && err.contains("loopdrill: the export is incomplete: 1 file could not be read"),
        "{err}"
    );
}

#[test]
fn starting_a_drill_from_the_command_line_says_the_unfinished_answer_is_kept() {
    let (_tmp, dir) = seed();
    let store = Store::open(&dir).expect("open");
    let draft = loopdrill::store::Draft {
        schema_version: loopdrill::store::SCHEMA_VERSION,
        session_id: S1.into(),
        interview_index: 0,
        question_index: 0,
        question_id: "own-outside-role".into(),
        step: loopdrill::store::DraftStep::Answer,
        fields: vec![
            "half a situation".into(),
            String::new(),
            String::new(),
            String::new(),
        ],
        elapsed_secs: 40,
        saved_at: ts(NOW - 3600),
        focus: 0,
    };
    store.save_draft(&draft).expect("draft");
    drop(store);
    let app = app_with(
        &dir,
        Some(Command::Drill(loopdrill::cli::DrillArgs {
            principles: vec!["ownership".into()],
            questions: Some(1),
            answer_minutes: None,
            spoken: false,
            ..Default::default()
        })),
    );
    let s = screen(&app);
    assert!(s.contains("Your unfinished answer from"), "{s}");
    assert!(s.contains("is kept"), "{s}");
    // And it is still on disk, untouched, until the new drill saves its own.
    let kept = Store::open_read_only(&dir).load_draft().expect("load");
    assert_eq!(kept, Some(draft));
}

#[test]
fn slash_searches_the_story_bank_by_title_lp_or_metric() {
    let (_tmp, dir) = seed();
    let mut app = stories_app(&dir);
    key(&mut app, KeyCode::Char('/'));
    keys(&mut app, "frugality");
    key(&mut app, KeyCode::Enter);
    let s = screen(&app);
    assert!(s.contains("Stories: 1 of 2 match “frugality”"), "{s}");
    // List rows start at the border; the warnings below may name any story.
    assert!(s.contains("│ Pricing page rewrite"), "{s}");
    assert!(!s.contains("│ Stalled payments migration"), "{s}");
    // The selection follows the match: e edits the matching story.
    key(&mut app, KeyCode::Char('e'));
    assert!(screen(&app).contains("Pricing page rewrite"));
    key(&mut app, KeyCode::Esc);
    // A search with no match says so; Esc in the box clears it.
    key(&mut app, KeyCode::Char('/'));
    keys(&mut app, " zebra");
    key(&mut app, KeyCode::Enter);
    assert!(screen(&app).contains("No story matches “frugality zebra”"));
    // Nothing is shown, so nothing can be edited or deleted by mistake.
    key(&mut app, KeyCode::Char('e'));
    key(&mut app, KeyCode::Char('x'));
    let s = screen(&app);
    assert!(!s.contains("Ctrl-S") && !s.contains("Delete “"), "{s}");
    assert!(!s.contains("Covers:"), "no story detail: {s}");
    key(&mut app, KeyCode::Char('/'));
    key(&mut app, KeyCode::Esc);
    let s = screen(&app);
    assert!(s.contains("Stories (2)"), "{s}");
    assert!(s.contains("│ Stalled payments migration"), "{s}");
}

#[test]
fn past_writing_is_listed_from_the_review_and_reread_with_its_checks() {
    let (_tmp, dir) = seed();
    let store = Store::open(&dir).expect("open");
    let mut s = Session::new(
        "20250620-100000-wrt1".into(),
        SessionKind::Writing,
        ts(1_750_413_600),
    );
    s.finished_at = Some(ts(1_750_415_100));
    s.writing = Some(loopdrill::store::WritingRecord {
        prompt_id: "wr-coe-checkout-outage".into(),
        title: "COE summary: checkout outage".into(),
        text: "## Impact\nCustomers could not pay for 45 minutes on 12 June.\n\n## Root cause\nA config push skipped the canary."
            .into(),
        duration_secs: 1500,
        time_limit_secs: 1800,
        checks: vec![
            "has-metric: pass — 2 numbers".into(),
            "sections: fail — missing: Lessons".into(),
        ],
    });
    store.save_session(&s).expect("save");
    drop(store);
    let mut app = review_app(&dir);
    let s = screen(&app);
    assert!(s.contains("w: 1 piece of writing"), "{s}");
    key(&mut app, KeyCode::Char('w'));
    let s = screen(&app);
    assert!(s.contains("Past writing (1)"), "{s}");
    assert!(s.contains("COE summary: checkout outage"), "{s}");
    assert!(s.contains("1/2"), "checks passed: {s}");
    assert!(s.contains("25:00 / 30:00"), "{s}");
    insta::assert_snapshot!("written_list_80x24", draw(&app, 80, 24).backend());
    key(&mut app, KeyCode::Enter);
    let s = screen(&app);
    assert!(s.contains("✓ backed by numbers: 2 numbers"), "{s}");
    assert!(s.contains("✗ required sections: missing: Lessons"), "{s}");
    assert!(s.contains("Customers could not pay for 45 minutes"), "{s}");
    insta::assert_snapshot!("written_piece_120x40", draw(&app, 120, 40).backend());
    key(&mut app, KeyCode::Esc); // back to the list
    assert!(screen(&app).contains("Past writing (1)"));
    key(&mut app, KeyCode::Esc); // back to the review
    assert!(screen(&app).contains("w: 1 piece of writing"));
}

#[test]
fn home_keeps_listing_files_it_could_not_read() {
    let (_tmp, dir) = seed();
    std::fs::write(dir.join("stories.json"), b"{\"schema_version\": 1,").unwrap();
    std::fs::write(dir.join("sessions").join("broken.json"), b"{\"id\": ").unwrap();
    let mut app = app_with(&dir, None);
    app.load_history_now();
    // Wide, so the temp paths are not wrapped mid-name.
    let s = text(&draw(&app, 200, 60));
    assert!(
        s.contains("⚠ 2 files could not be read, left untouched:"),
        "{s}"
    );
    assert!(s.contains("stories.json:1:"), "{s}");
    assert!(s.contains("broken.json:1:"), "{s}");
    assert!(s.contains("story bank unreadable"), "{s}");
}

#[test]
fn t_answers_the_same_question_again_as_a_new_attempt() {
    let (_tmp, dir) = seed();
    let mut app = review_app(&dir);
    key(&mut app, KeyCode::End); // a1, the oldest attempt at Q_OWN
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Char('t'));
    assert!(screen(&app).contains("1 question: about 5 min of answering"));
    key(&mut app, KeyCode::Enter); // plan → answer
    let s = screen(&app);
    let stem = Q_OWN.1.split('.').next().unwrap();
    let shown: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(shown.contains(stem), "the same question: {s}");
    keys(&mut app, "This time I led with the numbers.");
    ctrl(&mut app, 's');
    ctrl(&mut app, 's'); // submit with the other parts empty
    let history = Store::open_read_only(&dir).load_history();
    let attempts: Vec<_> = history
        .sessions
        .iter()
        .flat_map(|s| &s.answers)
        .filter(|a| a.question_id == Q_OWN.0)
        .collect();
    assert_eq!(attempts.len(), 4, "three before, one now");
    let new = attempts
        .iter()
        .find(|a| a.star.situation.contains("led with the numbers"));
    let new = new.expect("the new attempt is saved");
    assert_eq!(new.time_limit_secs, 300, "the same time as before");
    // The drill ends back at the comparison, the new attempt on the right.
    for _ in 0..=loopdrill::practice::interviewer::MAX_FOLLOW_UPS {
        if screen(&app).contains("Drill summary") {
            break;
        }
        if screen(&app).contains(" Criteria ") {
            keys(&mut app, "333333333");
            key(&mut app, KeyCode::Enter);
            if !screen(&app).contains("Drill summary") {
                key(&mut app, KeyCode::Enter);
            }
            continue;
        }
        keys(&mut app, "A reply.");
        ctrl(&mut app, 's');
    }
    let s = screen(&app);
    assert!(s.contains("Drill summary"), "{s}");
    assert!(s.contains("back to the comparison"), "{s}");
    key(&mut app, KeyCode::Enter);
    let s = screen(&app);
    assert!(s.contains("attempts side by side"), "{s}");
    assert!(
        s.contains("led with the numbers"),
        "the new attempt is shown: {s}"
    );
}

/// The list's score column is the interviewer's average level, not the
/// candidate's own padded scores (a thin answer scored 4 by its author shows
/// what the judge gave it).
#[test]
fn the_list_shows_the_interviewers_level_not_the_self_score() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = tmp.path().join("data");
    let padded = drill(
        "20260101-000000-0001",
        NOW - 7200,
        &[A {
            id: "p1",
            q: Q_OWN,
            lp: "ownership",
            at: NOW - 3600,
            secs: 200,
            over: 0,
            scores: &[
                ("ownership/beyond-scope", 4),
                ("ownership/long-term-view", 4),
                ("ownership/accountability", 4),
            ],
            action: "We helped where we could and the team was involved throughout.",
            story: None,
            interview: 0,
        }],
    );
    let store = Store::open(&dir).expect("open store");
    store.save_session(&padded).expect("save");
    drop(store);
    let content = loopdrill::content::load_layered(&[]).unwrap();
    let judge = loopdrill::practice::judge::Judge::new(&content);
    let level = judge
        .answer_average(&padded.answers[0])
        .expect("a typed answer is judged");
    assert!(
        level < 3.5,
        "a thin answer is not judged at the top: {level}"
    );
    let app = review_app(&dir);
    let s = screen(&app);
    let row = s
        .lines()
        .find(|l| l.contains("Ownership"))
        .unwrap_or_else(|| panic!("{s}"));
    assert!(row.contains(&format!("{level:.1}")), "{row}");
    assert!(!row.contains("4.0"), "not the self-score: {row}");
}

// ------------------------------------------------------------ the AI's second opinion

const S_AI: &str = "20250619-100000-0009";

/// A loop answer whose follow-up the model wrote and which the model gave a
/// second opinion on: two of its levels differ from the interviewer's, one
/// criterion the interviewer could not judge, quotes, a next probe and an
/// item dropped from its reply.
fn ai_session() -> Session {
    let mut s = drill(
        S_AI,
        1_750_326_000,
        &[A {
            id: "a-ai",
            q: Q_OWN,
            lp: "ownership",
            at: 1_750_326_400,
            secs: 290,
            over: 0,
            scores: &[
                ("ownership/beyond-scope", 3),
                ("ownership/long-term-view", 3),
                ("ownership/accountability", 3),
            ],
            action: "I took the critical path myself and renegotiated the freeze date.",
            story: None,
            interview: 0,
        }],
    );
    s.kind = SessionKind::Loop;
    s.template = Some("pm-general".into());
    s.interviews = vec![iv(
        "hm-pm",
        "Priya Raman",
        "Hiring Manager",
        false,
        "ownership",
    )];
    s.answers[0].follow_ups = vec![FollowUp {
        probe:
            "You said \"renegotiated the freeze date\": who had to agree, and what did you give up?"
                .into(),
        response: "The release manager agreed once I took the rollback drills on myself.".into(),
        signal: None,
    }];
    s.ai = vec![
        AiLine {
            answer_id: "a-ai".into(),
            kind: "follow-up".into(),
            source: "ai".into(),
            model: "gemma3:4b".into(),
            follow_up: Some(0),
            text: Some(s.answers[0].follow_ups[0].probe.clone()),
            opinion: None,
        },
        AiLine {
            answer_id: "a-ai".into(),
            kind: "second-opinion".into(),
            source: "ai".into(),
            model: "gemma3:4b".into(),
            follow_up: None,
            text: None,
            opinion: Some(serde_json::json!({
                "source": "ai",
                "model": "gemma3:4b",
                "criteria": [
                    {"id": "ownership/beyond-scope", "level": 3, "evidence": [
                        {"quote": "I took the critical path myself", "reason": "acts, but inside the program they were given"}
                    ]},
                    {"id": "ownership/accountability", "level": 4, "evidence": [
                        {"quote": "I took the rollback drills on myself", "reason": "takes on the risk personally"}
                    ]},
                    {"id": "star-delivery/data", "level": 2, "evidence": [
                        {"quote": "paging incidents fell 30%", "reason": "one number with no baseline"}
                    ]},
                    {"id": "star-delivery/lesson", "level": 2, "evidence": []}
                ],
                "next_probe": "What was the paging rate before you took it over?",
                "errors": [
                    "ownership/long-term-view: evidence dropped: \"we doubled revenue\" is not in the answer"
                ]
            })),
        },
    ];
    s
}

fn seed_ai() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = tmp.path().join("data");
    let store = Store::open(&dir).expect("open store");
    store.save_session(&ai_session()).expect("save session");
    drop(store);
    (tmp, dir)
}

/// The inner rows of the detail box (between its borders), as shown.
fn inner_rows(t: &Terminal<TestBackend>) -> Vec<String> {
    let buf = t.backend().buffer();
    let (w, h) = (buf.area.width, buf.area.height);
    // Row 0 is the title bar, row 1 the box's top border; the box ends
    // above the two footer lines.
    (2..h - 3)
        .map(|y| (1..w - 1).map(|x| buf[(x, y)].symbol()).collect::<String>())
        .collect()
}

#[test]
fn review_detail_shows_the_ai_second_opinion_beside_the_interviewer() {
    let (_tmp, dir) = seed_ai();
    let mut app = review_app(&dir);
    key(&mut app, KeyCode::Enter);
    let top = screen(&app);
    assert!(
        top.contains("AI opinion   (gemma3:4b)") && top.contains("differs from the interviewer"),
        "the first screen says a second opinion is kept:\n{top}"
    );
    // The model's follow-up is marked as the model's.
    assert!(top.contains("AI (gemma3:4b) asked: “You said"), "{top}");
    // The end: the criteria with the model's levels beside the
    // interviewer's, and the opinion's own section.
    key(&mut app, KeyCode::End);
    insta::assert_snapshot!("review_detail_ai_120x40", draw(&app, 120, 40).backend());
    key(&mut app, KeyCode::Home);
    let s = every_row(&mut app, 120, 40).join("\n");
    for want in [
        "By criterion: the interviewer's level, yours, then AI's",
        "AI 3≠ Ownership",
        "AI 4  Ownership",
        "AI “I took the critical path myself” — acts, but inside the program they were given",
        "Second opinion · AI (gemma3:4b)",
        "Differs from the interviewer on 3 of 4 criteria:",
        "AI would ask next: “What was the paging rate before you took it over?”",
        "dropped: ownership/long-term-view: evidence dropped:",
    ] {
        assert!(s.contains(want), "{want:?} missing:\n{s}");
    }
}

/// Every row of the detail at `w`×`h`, scrolling one line at a time from
/// where it is to the end; checks on the way that no row runs into the
/// box's right border.
fn every_row(app: &mut App, w: u16, h: u16) -> Vec<String> {
    let mut rows: Vec<String> = Vec::new();
    let mut last = String::new();
    for _ in 0..400 {
        let t = draw(app, w, h);
        let page = inner_rows(&t);
        // Nothing reaches the right border: the text is laid out one
        // column short of it, so a filled last column is an overflow.
        for r in &page {
            assert!(r.ends_with(' '), "a row runs into the border: {r:?}");
        }
        let joined = page.join("\n");
        if joined == last {
            // The end: the rest of the last page (its last row is the
            // scroll indicator or text).
            rows.extend(page.into_iter().skip(1));
            break;
        }
        rows.push(page[0].clone());
        last = joined;
        key(app, KeyCode::Down);
    }
    rows
}

#[test]
fn review_detail_with_an_ai_opinion_fits_80x24_without_cutting_a_word() {
    let (_tmp, dir) = seed_ai();
    let mut app = review_app(&dir);
    key(&mut app, KeyCode::Enter);
    let rows = every_row(&mut app, 80, 24);
    let flat = rows
        .iter()
        .map(|r| r.trim())
        .collect::<Vec<_>>()
        .join(" ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    // Each piece the model wrote is there whole: wrapped between words,
    // never cut off or broken inside a word.
    for want in [
        "AI opinion (gemma3:4b)",
        "AI (gemma3:4b) asked: “You said \"renegotiated the freeze date\": who had to agree, and what did you give up?”",
        "AI “I took the critical path myself” — acts, but inside the program they were given",
        "AI “I took the rollback drills on myself” — takes on the risk personally",
        "AI “paging incidents fell 30%” — one number with no baseline",
        "Second opinion · AI (gemma3:4b) — your model's, not the interviewer's",
        "Differs from the interviewer on 3 of 4 criteria:",
        "≠ Backed by numbers: interviewer 4, AI 2",
        "≠ Lesson learned: interviewer not judged, AI 2",
        "(gemma3:4b) 3.08 on its levels (the interviewer's 3.30)",
        "AI would ask next: “What was the paging rate before you took it over?”",
        "dropped: ownership/long-term-view: evidence dropped: \"we doubled revenue\" is not in the answer",
    ] {
        assert!(
            flat.contains(want),
            "{want:?} not whole in:\n{}",
            rows.join("\n")
        );
    }
    // No line the model wrote is shortened with an ellipsis.
    for r in rows.iter().filter(|r| r.contains("AI")) {
        assert!(!r.contains('…'), "cut short: {r:?}");
    }
}
