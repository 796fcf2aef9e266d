//! Closing the terminal (the window, not a signal sent by hand) on every
//! screen that takes typed input keeps what was typed: the answer's draft,
//! a follow-up reply, self-scores and notes, a story being edited, a
//! writing exercise and a re-score in the review. And escape sequences in
//! unbracketed input never freeze or reposition the editor.

#[path = "e2e_close/harness.rs"]
mod harness;
use harness::*;

#[test]
fn answer_and_follow_up_reply_survive_a_closed_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let mut t = drill_in_editor(dir.path());
    t.send("ANSWER-KEPT-ON-CLOSE");
    t.wait_for("ANSWER-KEPT-ON-CLOSE");
    t.close();
    assert!(stored(dir.path()).contains("ANSWER-KEPT-ON-CLOSE"));

    let dir = tempfile::tempdir().unwrap();
    let mut t = drill_in_editor(dir.path());
    t.send("We missed a launch.\tI owned the fix.\tI rebuilt the plan myself.\tIt shipped 2 weeks later.");
    t.send(CTRL_S);
    t.wait_for("Follow-up");
    t.send("REPLY-KEPT-ON-CLOSE");
    t.wait_for("REPLY-KEPT-ON-CLOSE");
    t.close();
    assert!(stored(dir.path()).contains("REPLY-KEPT-ON-CLOSE"));
}
