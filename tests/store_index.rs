//! The summary index (`index.json`) against the session files it
//! summarises: over a varied history (the labelled corpus answers, answers
//! given aloud, left blank, in design fields, to a question no pack has),
//! the home screen's progress from the summary is exactly the progress from
//! the full history, and the summary keeps what it claims to keep and none
//! of the words typed.

mod common;

use loopdrill::content::{AnswerFormat, Content};
use loopdrill::practice::judge::Judge;
use loopdrill::practice::progress::progress;
use loopdrill::store::{Answer, FollowUp, Session, SessionKind, Star, Store};
use std::collections::BTreeMap;

/// The corpus answers, as the app would store them.
fn corpus_answers(content: &Content) -> Vec<Answer> {
    let mut out = Vec::new();
    for name in ["corpus_a.toml", "corpus_b.toml", "corpus_c.toml"] {
        let path = format!("{}/tests/fixtures/judge/{name}", env!("CARGO_MANIFEST_DIR"));
        let text = std::fs::read_to_string(&path).unwrap();
        let doc: toml::Table = toml::from_str(&text).unwrap();
        for a in doc["answer"].as_array().unwrap() {
            let s = |k: &str| a.get(k).and_then(|v| v.as_str()).unwrap_or("").to_string();
            let qid = s("question");
            let q = content.question(&qid).expect("corpus question in the pack");
            let rubric_keys: Vec<String> = content
                .principle_rubric(&q.principles[0])
                .map(|r| {
                    r.criteria
                        .iter()
                        .map(|c| format!("{}/{}", r.id, c.id))
                        .collect()
                })
                .unwrap_or_default();
            let own = a
                .get("self_score")
                .and_then(|v| v.as_integer())
                .unwrap_or(3) as u8;
            let n = out.len() as i64;
            let t =
                common::ts(1_760_000_000 + n * 5_000) + chrono::Duration::nanoseconds(n * 7 + 1);
            out.push(Answer {
                id: s("id"),
                question_id: qid,
                question: q.text.clone(),
                principles: q.principles.clone(),
                interviewer_id: (n % 3 == 0).then(|| "hiring-manager".to_string()),
                interview_index: (n % 2) as usize,
                star: Star {
                    situation: s("situation"),
                    task: s("task"),
                    action: s("action"),
                    result: s("result"),
                },
                parts: Vec::new(),
                part_names: Vec::new(),
                follow_ups: a
                    .get("follow_up")
                    .and_then(|f| f.as_array())
                    .map(|fs| {
                        fs.iter()
                            .map(|f| FollowUp {
                                probe: f["probe"].as_str().unwrap().into(),
                                response: f["response"].as_str().unwrap().into(),
                                signal: (n % 2 == 0).then(|| "no-number".to_string()),
                            })
                            .collect()
                    })
                    .unwrap_or_default(),
                started_at: t,
                submitted_at: t + chrono::Duration::seconds(240 + n),
                duration_secs: 240 + n as u64,
                time_limit_secs: 300,
                overtime_secs: (n as u64 % 4) * 20,
                self_scores: rubric_keys
                    .into_iter()
                    .enumerate()
                    .map(|(i, k)| (k, own.saturating_sub((i % 2) as u8).max(1)))
                    .collect(),
                score_history: Vec::new(),
                analysis: Default::default(),
                story_id: (n % 5 == 0).then(|| format!("story-{n}")),
                notes: "private note zanzibarite".into(),
                spoken: false,
                judged: None,
                summary_only: false,
            });
        }
    }
    out
}

fn odd_answers(content: &Content, like: &Answer) -> Vec<Answer> {
    let design = content
        .questions
        .iter()
        .find(|q| q.format == AnswerFormat::Design)
        .expect("a design question");
    let mut spoken = like.clone();
    spoken.id = "spoken".into();
    spoken.spoken = true;
    spoken.star = Star::default();
    spoken.follow_ups.clear();
    let mut blank = like.clone();
    blank.id = "blank".into();
    blank.star = Star::default();
    blank.follow_ups.clear();
    let mut designed = like.clone();
    designed.id = "design".into();
    designed.question_id = design.id.clone();
    designed.principles = design.principles.clone();
    designed.star = Star::default();
    designed.part_names = vec!["Requirements".into(), "Components".into()];
    designed.parts = vec![
        "Ten thousand racks, each reporting every minute; 99.9% of reports land within 5 minutes."
            .into(),
        "A regional collector per hall, a queue, and a store the planners query.".into(),
    ];
    let mut unknown = like.clone();
    unknown.id = "unknown".into();
    unknown.question_id = "a-question-no-pack-has".into();
    unknown.principles = Vec::new();
    unknown.self_scores = BTreeMap::new();
    vec![spoken, blank, designed, unknown]
}

/// The corpus and the odd answers in sessions of five, of every kind (the
/// last one unfinished), judged and saved as the app saves them.
fn save_corpus(content: &Content, judge: &Judge, store: &Store) {
    let mut answers = corpus_answers(content);
    assert!(answers.len() >= 100, "{}", answers.len());
    let extra = odd_answers(content, &answers[0]);
    answers.extend(extra);
    let chunks: Vec<Vec<Answer>> = answers.chunks(5).map(<[Answer]>::to_vec).collect();
    let kinds = [SessionKind::Drill, SessionKind::Loop, SessionKind::Writing];
    for (i, chunk) in chunks.iter().enumerate() {
        let mut s = Session::new(format!("s-{i:03}"), kinds[i % 3], chunk[0].started_at);
        s.answers = chunk.clone();
        if i + 1 < chunks.len() {
            s.finished_at = Some(chunk.last().unwrap().submitted_at);
        }
        judge.refresh_cache(&mut s);
        store.save_session(&s).unwrap();
    }
}

#[test]
fn progress_from_the_summary_is_progress_from_the_sessions() {
    let content = loopdrill::content::load_layered(&[]).unwrap();
    let judge = Judge::new(&content);
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    save_corpus(&content, &judge, &store);
    // As the app writes it: stamps first, then the full history, judged.
    let stamps = store.session_stamps();
    let mut full = store.load_history();
    for s in &mut full.sessions {
        judge.refresh_cache(s);
    }
    assert!(full.problems.is_empty());
    // The cases the summary must tell apart are all here.
    let all: Vec<&Answer> = full.sessions.iter().flat_map(|s| &s.answers).collect();
    assert!(all.iter().any(|a| a.judged.is_none()), "spoken or blank");
    assert!(
        all.iter()
            .any(|a| a.judged.as_ref().is_some_and(|j| j.average.is_some()))
    );
    loopdrill::store::index::write_index(dir.path(), &full, &stamps, judge.fingerprint()).unwrap();

    let (summary, current) = store.load_summary(judge.fingerprint()).expect("usable");
    assert!(
        current.is_current(),
        "nothing changed since the index was written"
    );
    for now in [
        common::ts(1_760_000_000),
        common::ts(1_762_000_000),
        common::ts(1_800_000_000),
    ] {
        assert_eq!(
            progress(&summary.sessions, &content, now),
            progress(&full.sessions, &content, now)
        );
    }
    assert_eq!(summary.sessions.len(), full.sessions.len());
    for (s, f) in summary.sessions.iter().zip(&full.sessions) {
        assert_eq!(
            (&s.id, s.kind, s.started_at, s.finished_at),
            (&f.id, f.kind, f.started_at, f.finished_at)
        );
        assert_eq!(s.answers.len(), f.answers.len());
        for (a, b) in s.answers.iter().zip(&f.answers) {
            assert!(a.summary_only && a.star.is_empty() && a.notes.is_empty());
            assert!(a.parts.iter().all(String::is_empty) && a.question.is_empty());
            assert_eq!(
                (&a.id, &a.question_id, &a.principles, &a.interviewer_id),
                (&b.id, &b.question_id, &b.principles, &b.interviewer_id)
            );
            // Times exact to the nanosecond.
            assert_eq!(
                (a.started_at, a.submitted_at),
                (b.started_at, b.submitted_at)
            );
            assert_eq!(
                (a.duration_secs, a.time_limit_secs, a.overtime_secs),
                (b.duration_secs, b.time_limit_secs, b.overtime_secs)
            );
            assert_eq!((&a.self_scores, &a.story_id), (&b.self_scores, &b.story_id));
            assert_eq!((a.interview_index, a.spoken), (b.interview_index, b.spoken));
            assert_eq!(
                (a.parts.len(), &a.part_names),
                (b.parts.len(), &b.part_names)
            );
            let signals = |x: &Answer| {
                x.follow_ups
                    .iter()
                    .map(|f| f.signal.clone())
                    .collect::<Vec<_>>()
            };
            assert_eq!(signals(a), signals(b));
            assert_eq!(judge.answer_average(a), judge.answer_average(b), "{}", b.id);
        }
    }
    // None of the words typed is in the index.
    let index = std::fs::read_to_string(dir.path().join("index.json")).unwrap();
    for words in ["zanzibarite", "VAT-inclusive", "regional collector"] {
        assert!(!index.contains(words), "{words}");
    }
}

#[test]
fn an_answer_judged_without_an_average_stays_without_one_in_the_summary() {
    // Judging can find nothing to level (no average) for an answer that has
    // words: progress must not fall back to the self-score for it, from the
    // sessions or from the summary.
    let content = loopdrill::content::load_layered(&[]).unwrap();
    let judge = Judge::new(&content);
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let mut a = common::answer(1, "words");
    a.judged = Some(loopdrill::store::JudgedCache {
        key: judge.cache_key(&a),
        average: None,
        signals: Vec::new(),
    });
    let mut s = Session::new("s".into(), SessionKind::Drill, a.started_at);
    s.answers.push(a);
    store.save_session(&s).unwrap();
    let stamps = store.session_stamps();
    let full = store.load_history();
    assert_eq!(judge.answer_average(&full.sessions[0].answers[0]), None);
    loopdrill::store::index::write_index(dir.path(), &full, &stamps, judge.fingerprint()).unwrap();
    let (summary, _) = store.load_summary(judge.fingerprint()).unwrap();
    let got = &summary.sessions[0].answers[0];
    assert!(got.summary_only && got.average_score().is_some());
    assert_eq!(judge.answer_average(got), None);
}

/// The header of `dir`'s index.
fn header(dir: &std::path::Path) -> serde_json::Value {
    let text = std::fs::read_to_string(dir.join("index.json")).unwrap();
    serde_json::from_str(text.lines().next().unwrap()).unwrap()
}

/// The entry lines of `dir`'s index.
fn entries(dir: &std::path::Path) -> Vec<String> {
    let text = std::fs::read_to_string(dir.join("index.json")).unwrap();
    text.lines().skip(1).map(str::to_string).collect()
}

/// `stats` (JSON and the table) are the same whatever state the index is
/// in: none, written but not yet sealed (each file checked), sealed (no
/// file looked at), stale after a session changed, corrupt; and they are
/// what the full history gives. The index rebuilt by `stats` holds the
/// lines the app writes from the full history.
#[test]
fn stats_are_the_same_with_and_without_the_index_and_after_a_rebuild() {
    use loopdrill::practice::judge::IndexJudge;
    use loopdrill::store::index::{SETTLED, Served};
    let content = loopdrill::content::load_layered(&[]).unwrap();
    let judge = Judge::new(&content);
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    save_corpus(&content, &judge, &Store::open(dir).unwrap());
    let now = common::ts(1_762_000_000);
    let stats = || {
        let (json, warnings) = loopdrill::commands::stats_report(dir, &content, true, now).unwrap();
        assert!(warnings.is_empty(), "{warnings:?}");
        let (table, _) = loopdrill::commands::stats_report(dir, &content, false, now).unwrap();
        (json, table)
    };
    // What the full history gives, judged as the app judges it.
    let expected = |store: &Store| {
        let mut full = store.load_history();
        for s in &mut full.sessions {
            judge.refresh_cache(s);
        }
        serde_json::to_value(progress(&full.sessions, &content, now)).unwrap()
    };
    let served = || {
        let ro = Store::open_read_only(dir);
        let ids: Vec<&str> = content.principles.iter().map(|p| p.id.as_str()).collect();
        ro.read_practice(&IndexJudge::new(&content), &ids, || None)
            .1
    };
    let reference = expected(&Store::open_read_only(dir));

    // No index: every file read, the index written (not sealed: the folder
    // changed just now).
    assert!(!dir.join("index.json").exists());
    let first = stats();
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&first.0).unwrap(),
        reference
    );
    assert!(header(dir)["folder"].is_null(), "{}", header(dir));
    assert_eq!(served(), Served::Checked);
    assert_eq!(stats(), first);

    // Once the folder has settled, the next call seals the index; then no
    // file is looked at.
    std::thread::sleep(SETTLED + std::time::Duration::from_millis(100));
    assert_eq!(stats(), first);
    assert!(header(dir)["folder"].is_object(), "{}", header(dir));
    assert_eq!(served(), Served::Sealed);
    assert_eq!(stats(), first);
    let sealed_entries = entries(dir);

    // The app writes the same lines from the full history.
    {
        let store = Store::open(dir).unwrap();
        let stamps = store.session_stamps();
        let mut full = store.load_history();
        for s in &mut full.sessions {
            judge.refresh_cache(s);
        }
        loopdrill::store::index::write_index(dir, &full, &stamps, judge.fingerprint()).unwrap();
        assert_eq!(entries(dir), sealed_entries);
    }

    // A session changes: stale, its file read again, the stats follow.
    let changed = {
        let store = Store::open(dir).unwrap();
        let mut s = store.load_session("s-003").unwrap();
        s.answers[0].star.result = "Nothing changed at all.".into();
        s.answers[0].self_scores.values_mut().for_each(|v| *v = 1);
        s.answers.truncate(3);
        judge.refresh_cache(&mut s);
        store.save_session(&s).unwrap();
        store.trash_session("s-007").unwrap();
        expected(&store)
    };
    assert_ne!(changed, reference);
    assert_eq!(served(), Served::Stale);
    let after = stats();
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&after.0).unwrap(),
        changed
    );
    assert_eq!(served(), Served::Checked, "written again by the last call");
    assert_eq!(stats(), after);

    // A corrupt index is not trusted: rebuilt, the same stats.
    let mut text = std::fs::read_to_string(dir.join("index.json")).unwrap();
    text.insert_str(text.find('\n').unwrap() + 1, "{\"not\": \"an entry\"}\n");
    std::fs::write(dir.join("index.json"), text).unwrap();
    assert_eq!(stats(), after);
    assert!(
        !std::fs::read_to_string(dir.join("index.json"))
            .unwrap()
            .contains("an entry")
    );

    // Rebuilt from nothing: the same lines again, the same stats.
    let rebuilt_from = entries(dir);
    std::fs::remove_file(dir.join("index.json")).unwrap();
    assert_eq!(stats(), after);
    assert_eq!(entries(dir), rebuilt_from);
}

/// What the seal does not see: a session file rewritten where it stands
/// (not through a rename), which leaves its folder as it was. The app,
/// reading every file at start, stamps them and writes the index again,
/// so the summary then follows the file.
#[test]
fn a_file_rewritten_in_place_is_caught_when_the_app_writes_the_index_again() {
    use loopdrill::store::index::{SETTLED, Served};
    let content = loopdrill::content::load_layered(&[]).unwrap();
    let judge = Judge::new(&content);
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let store = Store::open(dir).unwrap();
    let mut s = Session::new("s-1".into(), SessionKind::Drill, common::ts(1_750_000_000));
    s.answers.push(common::answer(1, "words"));
    judge.refresh_cache(&mut s);
    store.save_session(&s).unwrap();
    std::thread::sleep(SETTLED + std::time::Duration::from_millis(100));
    let write = || {
        let stamps = store.session_stamps();
        let mut full = store.load_history();
        for s in &mut full.sessions {
            judge.refresh_cache(s);
        }
        loopdrill::store::index::write_index(dir, &full, &stamps, judge.fingerprint()).unwrap();
    };
    write();
    let (summary, served) = store.load_summary(judge.fingerprint()).unwrap();
    assert_eq!(served, Served::Sealed);
    assert_eq!(summary.sessions[0].answers.len(), 1);
    // Another answer, written into the same file (truncated and rewritten).
    s.answers.push(common::answer(2, "more words"));
    judge.refresh_cache(&mut s);
    let path = store.session_path("s-1");
    std::fs::write(&path, serde_json::to_vec_pretty(&s).unwrap()).unwrap();
    let (summary, served) = store.load_summary(judge.fingerprint()).unwrap();
    assert_eq!(served, Served::Sealed, "the folder did not change");
    assert_eq!(summary.sessions[0].answers.len(), 1, "not seen by the seal");
    write();
    let (summary, _) = store.load_summary(judge.fingerprint()).unwrap();
    assert_eq!(summary.sessions[0].answers.len(), 2);
}
