//! Closing the terminal (the window, not a signal sent by hand) on every
//! screen that takes typed input keeps what was typed: the answer's draft,
//! a follow-up reply, self-scores and notes, a story being edited, a
//! writing exercise and a re-score in the review. And escape sequences in
//! unbracketed input never freeze or reposition the editor.

#[path = "e2e_close/harness.rs"]
mod harness;
use harness::*;

#[test]
fn a_re_score_in_the_review_survives_a_closed_terminal() {
    let dir = tempfile::tempdir().unwrap();
    // One finished answer, scored 3 and 4.
    let mut t = drill_to_self_score(dir.path());
    t.send("34");
    t.send("\r");
    // Enter asks to confirm a partial scoring; Enter again confirms.
    if t.wait_for_any(&["criteria scored", "Drill summary"])
        .contains("criteria scored")
    {
        t.send("\r");
    }
    t.wait_for("Drill summary");
    t.close();
    let mut t = Term::spawn(&["review"], dir.path());
    t.wait_for("Ownership");
    std::thread::sleep(Duration::from_millis(300));
    t.send("\r");
    t.wait_for("Interviewer");
    t.send("r");
    t.wait_for("the earlier scores are kept");
    t.send("21");
    t.wait_for("average 1.50");
    t.close();
    let s = stored(dir.path());
    let v: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(
            std::fs::read_dir(dir.path().join("sessions"))
                .unwrap()
                .flatten()
                .find(|e| e.path().extension().is_some_and(|x| x == "json"))
                .unwrap()
                .path(),
        )
        .unwrap(),
    )
    .unwrap();
    let a = &v["answers"][0];
    let mut scores: Vec<u64> = a["self_scores"]
        .as_object()
        .unwrap()
        .values()
        .map(|v| v.as_u64().unwrap())
        .collect();
    scores.sort();
    assert_eq!(scores, [1, 2], "{s}");
    assert_eq!(a["score_history"].as_array().map(Vec::len), Some(1));
}
