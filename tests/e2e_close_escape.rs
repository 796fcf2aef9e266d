//! Closing the terminal (the window, not a signal sent by hand) on every
//! screen that takes typed input keeps what was typed: the answer's draft,
//! a follow-up reply, self-scores and notes, a story being edited, a
//! writing exercise and a re-score in the review. And escape sequences in
//! unbracketed input never freeze or reposition the editor.

#[path = "e2e_close/harness.rs"]
mod harness;
use harness::*;

#[test]
fn escape_sequences_in_unbracketed_input_neither_freeze_nor_move_the_cursor() {
    let dir = tempfile::tempdir().unwrap();
    let mut t = drill_in_editor(dir.path());
    // An unfinished `ESC [ ?`: crossterm swallowed every key after it
    // until a `u` or `c` came.
    t.send("first \x1b[?");
    std::thread::sleep(Duration::from_millis(300));
    t.send("then more");
    t.wait_for("then more");
    // `ESC [ 5;5H` (a cursor position, not a key) was read as Ctrl-Home.
    t.send(" abc\x1b[5;5Hxyz");
    let s = t.wait_for("abcxyz");
    assert!(s.contains("first ?then more abcxyz"), "{s}");
    // Keys still work: Tab moves to the next part.
    t.send("\tTASK-PART");
    t.wait_for("TASK-PART");
    t.close();
    let stored = stored(dir.path());
    assert!(stored.contains("first ?then more abcxyz"), "{stored}");
    assert!(stored.contains("TASK-PART"), "{stored}");
}
