//! The terminal UI.
use crate::cli::{Command, Global};
use crate::commands::Failure;
use crate::content::Content;

pub fn run(_g: &Global, _c: Content, _cmd: Option<Command>) -> Result<(), Failure> {
    Err(Failure("the TUI is being built".into()))
}
