//! loopdrill: rehearse Amazon / AWS PM, Program and TPM interview loops.
//!
//! Layers (data flows one way): [`content`] and [`store`] feed [`practice`],
//! which [`tui`] draws and drives. `practice` never imports `tui`; `content`
//! and `store` import neither. [`startup`] (data dir, store, content) serves
//! both [`commands`] and [`tui`]; nothing below the command layer imports
//! [`commands`] (tests/layers.rs checks this).

pub mod ai;
pub mod assess;
pub mod cli;
pub mod commands;
pub mod config;
pub mod content;
pub mod localtime;
pub mod practice;
pub mod startup;
pub mod store;
pub mod tui;
