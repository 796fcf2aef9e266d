//! The simulated interviewer: the flow of a loop (a state machine with no UI
//! in it), the choice of each follow-up after the last reply, the persona's
//! lines and reactions, the Bar Raiser's work across the loop, and the
//! judgement of the candidate's own questions.

pub mod bar_raiser;
mod flow;
mod persona;
pub mod premise;
pub mod probe;
pub mod slots;
pub mod your_questions;

pub use flow::{Event, Flow, Step};
pub use persona::{LineKind, PRAISE, line, praises, reaction};
pub use probe::{Asking, ChosenProbe, MAX_FOLLOW_UPS, next_probe, told_before};
