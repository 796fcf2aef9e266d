//! loopdrill: rehearse Amazon / AWS PM, Program and TPM interview loops.
//!
//! Layers (data flows one way): [`content`] and [`store`] feed [`practice`],
//! which [`tui`] draws and drives. `practice` never imports `tui`; `content`
//! and `store` import neither.

pub mod ai;
pub mod assess;
pub mod cli;
pub mod commands;
pub mod config;
pub mod content;
pub mod localtime;
pub mod practice;
pub mod store;
pub mod tui;
