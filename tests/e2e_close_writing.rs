//! Closing the terminal (the window, not a signal sent by hand) on every
//! screen that takes typed input keeps what was typed: the answer's draft,
//! a follow-up reply, self-scores and notes, a story being edited, a
//! writing exercise and a re-score in the review. And escape sequences in
//! unbracketed input never freeze or reposition the editor.

#[path = "e2e_close/harness.rs"]
mod harness;
use harness::*;

#[test]
fn a_writing_exercise_survives_a_closed_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let mut t = Term::spawn(&[], dir.path());
    t.wait_for("Timed writing exercise");
    // Loop, weakest, chosen, then writing.
    t.send("\x1b[B\x1b[B\x1b[B\r");
    t.send("\r");
    t.wait_for("Enter");
    t.send("\r");
    t.send("WRITING-KEPT-ON-CLOSE");
    t.wait_for("WRITING-KEPT-ON-CLOSE");
    t.close();
    assert!(stored(dir.path()).contains("WRITING-KEPT-ON-CLOSE"));
}
