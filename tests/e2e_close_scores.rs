//! Closing the terminal (the window, not a signal sent by hand) on every
//! screen that takes typed input keeps what was typed: the answer's draft,
//! a follow-up reply, self-scores and notes, a story being edited, a
//! writing exercise and a re-score in the review. And escape sequences in
//! unbracketed input never freeze or reposition the editor.

#[path = "e2e_close/harness.rs"]
mod harness;
use harness::*;

#[test]
fn self_scores_and_notes_survive_a_closed_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let mut t = drill_to_self_score(dir.path());
    t.send("34");
    t.send("\t");
    t.send("NOTES-KEPT-ON-CLOSE");
    t.wait_for("NOTES-KEPT-ON-CLOSE");
    t.close();
    let sessions: Vec<serde_json::Value> = std::fs::read_dir(dir.path().join("sessions"))
        .unwrap()
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "json"))
        .map(|e| serde_json::from_str(&std::fs::read_to_string(e.path()).unwrap()).unwrap())
        .collect();
    assert_eq!(sessions.len(), 1);
    let a = &sessions[0]["answers"][0];
    assert_eq!(
        a["notes"],
        "NOTES-KEPT-ON-CLOSE",
        "{a}\n{}",
        stored(dir.path())
    );
    let mut scores: Vec<u64> = a["self_scores"]
        .as_object()
        .unwrap()
        .values()
        .map(|v| v.as_u64().unwrap())
        .collect();
    scores.sort();
    assert_eq!(scores, [3, 4]);
}
