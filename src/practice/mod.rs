//! The practice domain: pure logic, no ratatui and no I/O.

pub mod ai;
pub mod analysis;
pub mod debrief;
pub mod interviewer;
pub mod judge;
pub mod plan;
pub mod progress;
pub mod rng;
pub mod timer;
pub mod writing;
