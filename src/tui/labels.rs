//! User-visible UI words (questions, probes and persona lines come from content).

pub const READ_ONLY: &str = "Another loopdrill is open on this data dir: this one is read-only (nothing you type can be saved).";
pub const READ_ONLY_BADGE: &str = "[read-only]";
pub const NOT_SAVED: &str = "NOT SAVED";
pub const DRAFT_NOT_SAVED: &str = "Draft not saved";
pub const MOVED_TO_TRASH: &str = "Moved to trash (restore it from the review screen with u).";
pub const RESTORED: &str = "Restored from trash.";
pub const CANNOT_RESUME: &str = "Cannot resume";
pub const TOO_SMALL: &str = "Terminal too small";
pub const TOO_SMALL_HINT: &str =
    "Enlarge the window; nothing is lost meanwhile (Ctrl-C saves and quits).";
pub const HELP_TITLE: &str = " Help — Esc to close ";
pub const HELP_THIS_SCREEN: &str = "On this screen";
pub const HELP_EVERYWHERE: &str = "Everywhere";
pub const GLOBAL_KEYS: &[(&str, &str)] = &[
    ("F1 / ?", "this help (? only outside text fields)"),
    (
        "Esc",
        "back / close (leaving a loop asks first and keeps the draft)",
    ),
    ("Ctrl-C", "save the draft and quit"),
];
pub const STAR: [&str; 4] = crate::store::Star::NAMES;
pub const STAR_HINTS: [&str; 4] = [
    "Where, when, how big: the context in two or three sentences.",
    "What you owned: your goal, the constraint, the stakes.",
    "What YOU did, step by step: decisions, trade-offs, who you moved.",
    "What changed, in numbers; what you learned.",
];
pub const LOADING_HISTORY: &str = "loading history…";
pub const PAUSED: &str = "PAUSED — Ctrl-P to resume";
