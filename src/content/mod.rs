//! Content packs: the TOML model, loading with spans, layering and validation.
//!
//! The default pack (`content/` in the repository) is embedded at build time.

pub mod import;
mod load;
mod model;

pub use load::{ContentError, ContentErrors, Pack, PackFile, line_col, load};
pub use model::*;

use std::path::{Path, PathBuf};

include!(concat!(env!("OUT_DIR"), "/embedded.rs"));

/// The answer signals a probe may name, with what each means. This list is
/// the contract between content and the answer analysis (`practice::analysis`).
pub const SIGNALS: &[(&str, &str)] = &[
    (
        "we-over-i",
        "Says \"we\" far more than \"I\": the interviewer cannot tell what you did.",
    ),
    (
        "no-metric",
        "The Result has no number: no %, amount, count or duration.",
    ),
    (
        "no-result",
        "There is no real Result: the story stops before the outcome.",
    ),
    (
        "no-conflict",
        "No disagreement, trade-off, risk or constraint: it sounds too easy.",
    ),
    (
        "too-long",
        "Spoken, this would run past the time for the answer.",
    ),
    ("too-short", "Under a minute spoken: too thin to judge."),
    (
        "vague-actions",
        "The Action is thin or vague: short, or more \"helped\" and \"worked on\" than concrete steps.",
    ),
    (
        "no-customer",
        "No customer, user or stakeholder appears in the story.",
    ),
    (
        "no-lesson",
        "A failure story without what you learned or changed.",
    ),
    (
        "no-timeline",
        "No dates, durations or deadlines: the scale of time is unclear.",
    ),
    (
        "missing-situation",
        "The Situation is empty: the listener lacks context.",
    ),
    (
        "missing-task",
        "The Task is empty: your goal or responsibility is unclear.",
    ),
    (
        "hedging",
        "Filler and hedging words (\"basically\", \"kind of\", \"I think\").",
    ),
    (
        "off-topic",
        "The story does not answer the question that was asked.",
    ),
    (
        "no-failure",
        "Asked for a failure or a mistake, told a success.",
    ),
    (
        "humble-brag",
        "A strength dressed up as a weakness (\"I care too much\").",
    ),
    (
        "blame",
        "The cause is put on others, and no part of it is owned.",
    ),
    (
        "generic",
        "Habits and platitudes (\"I always…\"), not one specific event.",
    ),
    (
        "non-answer",
        "A follow-up was dodged: \"I don't remember\", \"nothing really\", a one-liner.",
    ),
];

/// What evidence a rubric criterion (and a probe) can look for: the
/// contract between content and the judge (`practice::judge::seeks`).
pub const SEEKS: &[&str] = &[
    "metric",
    "own-action",
    "customer",
    "conflict",
    "timeline",
    "lesson",
    "root-cause",
    "decision",
    "mechanism",
    "data",
    "trade-off",
    "risk",
    "scope",
    "alignment",
    "people",
    "ambiguity",
    "simplify",
    "invention",
    "learning",
    "speed",
    "frugal",
    "candour",
    "standards",
    "vision",
    "responsibility",
    "setback",
    "disagreement",
    "commitment",
    "outcome",
];

/// The explanation of a signal id, if it is known.
pub fn signal_explanation(id: &str) -> Option<&'static str> {
    SIGNALS.iter().find(|s| s.0 == id).map(|s| s.1)
}

/// The 16 Leadership Principle ids, in Amazon's order.
pub const PRINCIPLE_IDS: [&str; 16] = [
    "customer-obsession",
    "ownership",
    "invent-and-simplify",
    "are-right-a-lot",
    "learn-and-be-curious",
    "hire-and-develop-the-best",
    "insist-on-the-highest-standards",
    "think-big",
    "bias-for-action",
    "frugality",
    "earn-trust",
    "dive-deep",
    "have-backbone-disagree-and-commit",
    "deliver-results",
    "strive-to-be-earths-best-employer",
    "success-and-scale-bring-broad-responsibility",
];

/// Loads the built-in pack layered with the packs in `dirs`, in order.
///
/// With no user pack, the built-in pack comes from JSON converted at build
/// time (several times faster than parsing the TOML, which keeps start-up
/// quick). It is the same data: a test checks both paths give equal content,
/// and `content validate` always takes the full path.
pub fn load_layered(dirs: &[PathBuf]) -> Result<Content, ContentErrors> {
    if dirs.is_empty()
        && let Some(c) = builtin_fast()
    {
        return Ok(c);
    }
    load_layered_full(dirs)
}

/// The built-in pack from its build-time JSON, if that converted.
pub fn builtin_fast() -> Option<Content> {
    let json = BUILTIN_JSON?;
    serde_json::from_str::<model::ContentData>(json)
        .ok()
        .map(Content::from)
}

/// Loads and validates from the TOML sources, with positions for errors.
pub fn load_layered_full(dirs: &[PathBuf]) -> Result<Content, ContentErrors> {
    let mut packs = vec![Pack::builtin()];
    let mut errors = Vec::new();
    for d in dirs {
        match Pack::from_dir(d) {
            Ok(p) => packs.push(p),
            Err(e) => errors.extend(e.0),
        }
    }
    if !errors.is_empty() {
        return Err(ContentErrors(errors));
    }
    load(&packs)
}

/// Writes the built-in pack into `dir` (which must not hold any of its files).
pub fn write_builtin(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let targets: Vec<PathBuf> = EMBEDDED.iter().map(|(p, _)| dir.join(p)).collect();
    if let Some(existing) = targets.iter().find(|p| p.exists()) {
        return Err(std::io::Error::new(
            std::io::ErrorKind::AlreadyExists,
            format!("{} already exists; nothing was written", existing.display()),
        ));
    }
    for ((_, text), path) in EMBEDDED.iter().zip(&targets) {
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(path, text)?;
    }
    std::fs::write(
        dir.join("README.md"),
        include_str!("../../content/README.md"),
    )?;
    Ok(targets)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fast_path_gives_exactly_the_validated_content() {
        let full = load(&[Pack::builtin()]).expect("built-in pack validates");
        let fast = builtin_fast().expect("build.rs converted the built-in pack");
        assert_eq!(fast.questions.len(), full.questions.len());
        assert_eq!(fast, full);
    }
}
