//! Closing the terminal (the window, not a signal sent by hand) on every
//! screen that takes typed input keeps what was typed: the answer's draft,
//! a follow-up reply, self-scores and notes, a story being edited, a
//! writing exercise and a re-score in the review. And escape sequences in
//! unbracketed input never freeze or reposition the editor.

#[path = "e2e_close/harness.rs"]
mod harness;
use harness::*;

#[test]
fn a_story_being_edited_survives_a_closed_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let mut t = Term::spawn(&["stories"], dir.path());
    t.wait_for("No stories yet");
    t.send("n");
    t.send("STORY-KEPT-ON-CLOSE");
    t.wait_for("STORY-KEPT-ON-CLOSE");
    t.close();
    let bank = std::fs::read_to_string(dir.path().join("stories.json")).expect("stories.json");
    assert!(bank.contains("STORY-KEPT-ON-CLOSE"), "{bank}");
}
