//! The index reads a session file through `store::view::SessionView`, a
//! borrowed view with the same checks as `Session`. Here every field of a
//! session file that holds every kind of data is mutated in turn (removed,
//! given another type, out of range): whenever the view reads the file,
//! `Session` reads it too, the cache key of each answer's words is the
//! same from both, and, when the view needs no full read, the index line
//! written from it is the line written from the full read, byte for byte.

use chrono::{DateTime, Utc};
use loopdrill::practice::judge::{IndexJudge, Judge};
use loopdrill::store::index::{Judging, line_of};
use loopdrill::store::view::SessionView;
use loopdrill::store::*;
use serde_json::Value;
use std::collections::BTreeMap;

fn ts(secs: i64, nanos: u32) -> DateTime<Utc> {
    DateTime::from_timestamp(secs, nanos).unwrap()
}

/// A loop with every optional part: interviews (with the candidate's
/// questions), a debrief, a writing exercise, the AI's lines, a STAR
/// answer whose words JSON must escape, a design answer, one given aloud.
fn full_session(judge: &Judge) -> Session {
    let t = ts(1_760_000_000, 123_456_789);
    let mut s = Session::new("s-full_1".into(), SessionKind::Loop, t);
    s.template = Some("tpm".into());
    s.seed = Some(42);
    s.strict = true;
    s.finished_at = Some(ts(1_760_003_600, 5));
    s.interviews = vec![InterviewRecord {
        interviewer: InterviewerRef {
            id: "hiring-manager".into(),
            name: "Priya".into(),
            role: "Hiring Manager".into(),
            bar_raiser: false,
        },
        principles: vec!["ownership".into(), "dive-deep".into()],
        question_ids: vec!["own-outside-role".into()],
        answer_secs: 360,
        vote: Some(Vote::Inclined),
        average_score: Some(2.75),
        candidate_questions: "What does success look like?".into(),
    }];
    let star = Star {
        situation: "Our \"billing\" export failed\nevery night — café ☕ \\ tabs\there".into(),
        task: "I owned the fix.".into(),
        action: "I traced it, wrote a runbook and paged the owners.\n\nThen I fixed it.".into(),
        result: "Failures fell from 9 a week to 0 in 3 weeks.".into(),
    };
    let mut a = Answer {
        id: "a-1".into(),
        question_id: "own-outside-role".into(),
        question: "Tell me about a time…".into(),
        principles: vec!["ownership".into(), "bias-for-action".into()],
        interviewer_id: Some("hiring-manager".into()),
        interview_index: 0,
        star,
        parts: Vec::new(),
        part_names: Vec::new(),
        follow_ups: vec![
            FollowUp {
                probe: "Whose job was it?".into(),
                response: "The platform team's; I told \"their\" manager.".into(),
                signal: Some("we-over-i".into()),
            },
            FollowUp {
                probe: "And then?".into(),
                response: String::new(),
                signal: None,
            },
        ],
        started_at: t,
        submitted_at: ts(1_760_000_330, 1),
        duration_secs: 330,
        time_limit_secs: 300,
        overtime_secs: 30,
        self_scores: BTreeMap::from([
            ("ownership/beyond-scope".to_string(), 3u8),
            ("ownership/long-term".to_string(), 4u8),
        ]),
        score_history: vec![ScoreRevision {
            scored_at: t,
            self_scores: BTreeMap::from([("ownership/beyond-scope".to_string(), 2u8)]),
        }],
        analysis: AnalysisRecord {
            words: 40,
            i_count: 4,
            we_count: 1,
            numbers_in_result: 3,
            speaking_secs: 20,
            signals: vec!["no-conflict".into()],
        },
        story_id: Some("story-1".into()),
        notes: "private\nnotes".into(),
        spoken: false,
        judged: None,
        summary_only: false,
    };
    let mut design = a.clone();
    design.id = "a-2".into();
    design.question_id = "some-design-question".into();
    design.star = Star::default();
    design.parts = vec!["Ten thousand racks.".into(), "A queue\nand a store.".into()];
    design.part_names = vec!["Requirements".into(), "Components".into()];
    design.follow_ups.clear();
    let mut spoken = a.clone();
    spoken.id = "a-3".into();
    spoken.star = Star::default();
    spoken.spoken = true;
    spoken.interviewer_id = None;
    spoken.story_id = None;
    for x in [&mut a, &mut design] {
        x.judged = Some(JudgedCache {
            key: judge.cache_key(x),
            average: Some(2.5),
            signals: vec!["no-metric".into()],
        });
    }
    s.answers = vec![a, design, spoken];
    s.debrief = Some(DebriefRecord {
        hire: true,
        bar_raiser_veto: false,
        summary: "Inclined overall.".into(),
    });
    s.writing = Some(WritingRecord {
        prompt_id: "narrative-1".into(),
        title: "A narrative".into(),
        text: "Long text that the index leaves out.".into(),
        duration_secs: 1_200,
        time_limit_secs: 1_800,
        checks: vec!["too-short".into()],
    });
    s.ai = vec![AiLine {
        answer_id: "a-1".into(),
        kind: "follow-up".into(),
        source: "ai".into(),
        model: "llama".into(),
        follow_up: Some(0),
        text: Some("Why?".into()),
        opinion: None,
    }];
    s
}

/// Every path to a value in `v` (object keys and array positions).
fn paths(v: &Value, at: &mut Vec<PathStep>, out: &mut Vec<Vec<PathStep>>) {
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                at.push(PathStep::Key(k.clone()));
                out.push(at.clone());
                paths(x, at, out);
                at.pop();
            }
        }
        Value::Array(xs) => {
            for (i, x) in xs.iter().enumerate() {
                at.push(PathStep::At(i));
                out.push(at.clone());
                paths(x, at, out);
                at.pop();
            }
        }
        _ => {}
    }
}

#[derive(Clone, Debug)]
enum PathStep {
    Key(String),
    At(usize),
}

/// `doc` with the value at `path` replaced by `with` (removed when `None`).
fn mutate(doc: &Value, path: &[PathStep], with: Option<&Value>) -> Value {
    let mut out = doc.clone();
    let (last, parent) = path.split_last().unwrap();
    let mut node = &mut out;
    for step in parent {
        node = match step {
            PathStep::Key(k) => node.get_mut(k.as_str()).unwrap(),
            PathStep::At(i) => node.get_mut(*i).unwrap(),
        };
    }
    match (last, with) {
        (PathStep::Key(k), None) => {
            node.as_object_mut().unwrap().remove(k.as_str());
        }
        (PathStep::At(i), None) => {
            node.as_array_mut().unwrap().remove(*i);
        }
        (PathStep::Key(k), Some(w)) => node[k.as_str()] = w.clone(),
        (PathStep::At(i), Some(w)) => node[*i] = w.clone(),
    }
    out
}

#[test]
fn the_view_reads_what_session_reads_and_writes_the_same_line() {
    let content = loopdrill::content::load_layered(&[]).unwrap();
    let judge = Judge::new(&content);
    let index_judge = IndexJudge::new(&content);
    let session = full_session(&judge);
    let doc = serde_json::to_value(&session).unwrap();
    let mut all = Vec::new();
    paths(&doc, &mut Vec::new(), &mut all);
    assert!(all.len() > 100, "{}", all.len());
    let others: Vec<Value> = [
        "null",
        "0",
        "-1",
        "1.5",
        "300",
        "18446744073709551616",
        "true",
        "\"x\"",
        "\"a\\\"b\\nc\"",
        "[]",
        "{}",
    ]
    .iter()
    .map(|t| serde_json::from_str(t).unwrap())
    .collect();
    let mut variants: Vec<Value> = vec![doc.clone()];
    for p in &all {
        variants.push(mutate(&doc, p, None));
        for o in &others {
            variants.push(mutate(&doc, p, Some(o)));
        }
    }
    let (mut read, mut ready) = (0, 0);
    for v in &variants {
        // As the store writes a session file.
        let bytes = serde_json::to_vec_pretty(v).unwrap();
        let Some(view) = SessionView::parse(&bytes) else {
            continue;
        };
        read += 1;
        let mut full: Session = serde_json::from_slice(&bytes)
            .unwrap_or_else(|e| panic!("the view read what Session does not ({e}): {v}"));
        assert_eq!(full.schema_version, SCHEMA_VERSION);
        assert_eq!(view.answers.len(), full.answers.len());
        for (va, fa) in view.answers.iter().zip(&full.answers) {
            assert_eq!(index_judge.key(va), judge.cache_key(fa), "{v}");
        }
        if !view.ready(&|a| index_judge.key(a)) {
            continue;
        }
        ready += 1;
        full.fill_answer_ids();
        let stamp = (bytes.len() as u64, 1_760_000_000_000_000_000);
        assert_eq!(
            line_of("s-full_1.json", stamp, &view),
            line_of("s-full_1.json", stamp, &SessionView::of(&full)),
            "{v}"
        );
        // Named otherwise than by its id, the file's name is kept.
        assert_eq!(
            line_of("copy.json", stamp, &view),
            line_of("copy.json", stamp, &SessionView::of(&full)),
        );
    }
    // The file as written, and many a harmless change, are read by the
    // view without a full read.
    assert!(ready > 100, "{ready} of {read} of {}", variants.len());
    let base = serde_json::to_vec_pretty(&doc).unwrap();
    let view = SessionView::parse(&base).unwrap();
    assert!(view.ready(&|a| index_judge.key(a)));
    // Words typed and texts the index drops are not in its line.
    let line = line_of("s-full_1.json", (1, 2), &view);
    for words in [
        "billing",
        "runbook",
        "Ten thousand",
        "private",
        "Long text",
        "success",
    ] {
        assert!(!line.contains(words), "{words}: {line}");
    }
    // Not ready: a stale judgement, an answer without an id, an older
    // schema (those take the full read).
    let stale = mutate(
        &doc,
        &[
            PathStep::Key("answers".into()),
            PathStep::At(0),
            PathStep::Key("judged".into()),
            PathStep::Key("key".into()),
        ],
        Some(&Value::from(7)),
    );
    let no_id = mutate(
        &doc,
        &[
            PathStep::Key("answers".into()),
            PathStep::At(1),
            PathStep::Key("id".into()),
        ],
        None,
    );
    for v in [stale, no_id] {
        let bytes = serde_json::to_vec(&v).unwrap();
        let view = SessionView::parse(&bytes).expect("readable");
        assert!(!view.ready(&|a| index_judge.key(a)), "{v}");
    }
    let old = mutate(&doc, &[PathStep::Key("schema_version".into())], None);
    assert!(SessionView::parse(&serde_json::to_vec(&old).unwrap()).is_none());
}

#[test]
fn the_cache_key_is_the_one_judgements_were_cached_under() {
    // The key as it was computed before it was shared with the view: a
    // change would make every cached judgement stale (and re-judged).
    use std::hash::{Hash, Hasher};
    let content = loopdrill::content::load_layered(&[]).unwrap();
    let judge = Judge::new(&content);
    for a in &full_session(&judge).answers {
        let mut h = std::collections::hash_map::DefaultHasher::new();
        judge.fingerprint().hash(&mut h);
        a.question_id.hash(&mut h);
        a.principles.hash(&mut h);
        a.star.hash(&mut h);
        a.parts.hash(&mut h);
        for f in &a.follow_ups {
            f.response.hash(&mut h);
        }
        a.time_limit_secs.hash(&mut h);
        assert_eq!(judge.cache_key(a), h.finish(), "{}", a.id);
    }
}
