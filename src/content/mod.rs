//! Content packs: the TOML model, loading with spans, layering and validation.
//!
//! The default pack (`content/` in the repository) is embedded at build time.

mod caps;
pub mod families;
pub mod import;
mod load;
mod model;
pub mod similar;

pub use load::{ContentError, ContentErrors, Pack, PackFile, line_col, load};
pub use model::*;

use std::path::{Path, PathBuf};

/// How many characters of a quoted value an error message shows.
pub const EXCERPT_CHARS: usize = 60;
/// How many characters of a question an import report line quotes.
pub const REPORT_QUOTE_CHARS: usize = 160;

/// The first `max` characters of `s`, with "…" when cut.
pub fn excerpt(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_string(),
    }
}

/// `message` with every double-quoted part cut to an [`excerpt`] of
/// [`EXCERPT_CHARS`], so an error that quotes a whole value (a serde
/// "invalid type: string \"…\"") stays one short line.
pub fn shorten_quotes(message: &str) -> String {
    shorten_quotes_to(message, EXCERPT_CHARS)
}

/// [`shorten_quotes`] with another length (an import report quotes whole
/// questions up to [`REPORT_QUOTE_CHARS`]).
pub fn shorten_quotes_to(message: &str, max: usize) -> String {
    let mut out = String::with_capacity(message.len().min(512));
    let mut rest = message;
    while let Some(open) = rest.find('"') {
        out.push_str(&rest[..=open]);
        let after = &rest[open + 1..];
        match after.find('"') {
            Some(close) => {
                out.push_str(&excerpt(&after[..close], max));
                out.push('"');
                rest = &after[close + 1..];
            }
            None => {
                out.push_str(&excerpt(after, max));
                return out;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The most bytes a file given to `import` or `content import` may hold,
/// unless `LOOPDRILL_MAX_INPUT_BYTES` says otherwise: 256 MiB.
pub const MAX_INPUT_BYTES: u64 = 256 * 1024 * 1024;

/// The input cap: `LOOPDRILL_MAX_INPUT_BYTES` (a number of bytes) or
/// [`MAX_INPUT_BYTES`].
pub fn max_input_bytes() -> Result<u64, String> {
    match std::env::var("LOOPDRILL_MAX_INPUT_BYTES") {
        Err(_) => Ok(MAX_INPUT_BYTES),
        Ok(v) => v.trim().parse::<u64>().map_err(|_| {
            format!(
                "LOOPDRILL_MAX_INPUT_BYTES must be a number of bytes, not \"{}\"",
                excerpt(&v, EXCERPT_CHARS)
            )
        }),
    }
}

/// Reads a whole input file as UTF-8 text, at most `limit` bytes: it is
/// read incrementally and refused as soon as it is larger (so `/dev/zero`
/// or a runaway pipe cannot exhaust memory). Errors are one line.
pub fn read_input(path: &Path, limit: u64) -> Result<String, String> {
    use std::io::Read;
    let name = path.display();
    let too_big = || {
        format!(
            "{name}: larger than the input limit of {limit} bytes ({} MiB); set LOOPDRILL_MAX_INPUT_BYTES to raise it",
            limit / (1024 * 1024)
        )
    };
    let file = std::fs::File::open(path).map_err(|e| format!("{name}: {e}"))?;
    if let Ok(m) = file.metadata()
        && m.is_file()
        && m.len() > limit
    {
        return Err(too_big());
    }
    let mut bytes = Vec::new();
    file.take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| format!("{name}: {e}"))?;
    if bytes.len() as u64 > limit {
        return Err(too_big());
    }
    String::from_utf8(bytes).map_err(|e| {
        let off = e.utf8_error().valid_up_to();
        let valid = String::from_utf8_lossy(&e.as_bytes()[..off]);
        let (line, col) = line_col(&valid, off);
        format!("{name}:{line}:{col}: not UTF-8 text")
    })
}

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
        "A follow-up was dodged: \"I don't remember\", \"not really…\", a one-liner.",
    ),
    (
        "reused-story",
        "The story was already told to another interviewer in this loop.",
    ),
    (
        "misses-ask",
        "On the topic, but not what was asked (a lost argument, customer feedback, input metrics…).",
    ),
    (
        "buzzwords",
        "Leadership Principle words strung together in place of what happened.",
    ),
    (
        "undermines-decision",
        "Kept fighting a decision once it was made: dissent 'on record', the old way kept, 'I told you so'.",
    ),
    (
        "bypasses-control",
        "Went around legal, security, safety, finance or an approval.",
    ),
    (
        "conceals",
        "Hid, delayed or softened bad news, status or a defect.",
    ),
    (
        "ships-known-defect",
        "Knowingly shipped or accepted a defect, a safety or quality gap, to hit a date.",
    ),
    (
        "undermines-peer",
        "Ambushed, exposed or humiliated a colleague.",
    ),
    (
        "implausible",
        "Numbers or claims that cannot be true, or that contradict each other.",
    ),
    (
        "dismisses-risk",
        "Says there are no real risks, or waves the failure modes away.",
    ),
    (
        "reads-as-red-flag",
        "Reads like a strong no hire for what was done: no red flag names it.",
    ),
];

/// The signals a `[[red_flag]]` declares the phrasings of (content), and
/// that cap an answer's levels whatever its form.
pub const RED_FLAG_SIGNALS: &[&str] = &[
    "blame",
    "generic",
    "buzzwords",
    "undermines-decision",
    "bypasses-control",
    "conceals",
    "ships-known-defect",
    "undermines-peer",
    "implausible",
    "dismisses-risk",
];

/// A signal a `[[red_flag]]` may raise besides [`RED_FLAG_SIGNALS`]:
/// `no-result`, whose phrasings ("I wasn't there to see") the content
/// declares the same way although it is thinness, not behaviour.
pub const PHRASED_THINNESS: &str = "no-result";

/// Whether a `[[red_flag]]` may raise `id`.
pub fn phrased_signal(id: &str) -> bool {
    RED_FLAG_SIGNALS.contains(&id) || id == PHRASED_THINNESS
}

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
    "requirements",
    "scale",
    "components",
    "failure-modes",
    "success-metric",
    "communication",
];

/// Slots a probe's text may hold, filled from the candidate's own words when
/// the probe is asked; a probe whose slot the answer cannot fill is not asked.
pub const SLOTS: &[(&str, &str)] = &[
    (
        "number",
        "a number the candidate gave, with its unit (\"35 percent\")",
    ),
    (
        "named",
        "a person, role or team the candidate named (\"the GM\", \"the billing team\")",
    ),
    (
        "vague_verb",
        "a vague verb the candidate used about their own part (\"helped\")",
    ),
    (
        "told_to",
        "the interviewer a similar story was already told to (Bar Raiser probes)",
    ),
    (
        "reply",
        "a whole phrase from the candidate's last reply (a drill one level deeper)",
    ),
];

/// Premises a probe may declare in `needs` besides the seek ids: what must
/// be true of the answer for the probe to make sense.
pub const PREMISES: &[(&str, &str)] = &[
    (
        "someone-else",
        "the answer names another person or team (\"what did they say?\")",
    ),
    (
        "number",
        "the answer gives a number (\"where did that number come from?\")",
    ),
    ("escalation", "the answer tells of an escalation"),
    (
        "vendor",
        "the answer names a vendor, supplier, contractor or partner",
    ),
];

/// The slot names in a probe's text: each `{name}`.
pub fn slot_names(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) => {
                out.push(&after[..close]);
                rest = &after[close + 1..];
            }
            None => break,
        }
    }
    out
}

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

/// Writes the built-in pack into `dir`, which must not exist or be empty.
/// Every file is first written (and synced) into a temporary folder beside
/// `dir`, which is then renamed into place: a failure (a full disk, say)
/// leaves nothing behind, its error names the file, and a rerun works.
pub fn write_builtin(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    write_builtin_with(dir, &|_| None)
}

/// [`write_builtin`], asking `fault` before each file is written (tests: a
/// full disk part-way through).
pub fn write_builtin_with(
    dir: &Path,
    fault: &dyn Fn(&Path) -> Option<std::io::Error>,
) -> std::io::Result<Vec<PathBuf>> {
    use std::io::{Error, ErrorKind, Write as _};
    let named = |p: &Path, e: Error| Error::new(e.kind(), format!("{}: {e}", p.display()));
    let not_empty = |d: &Path| std::fs::read_dir(d).is_ok_and(|mut e| e.next().is_some());
    if dir.exists() && (!dir.is_dir() || not_empty(dir)) {
        return Err(Error::new(
            ErrorKind::AlreadyExists,
            format!(
                "{} already exists and is not an empty folder; choose a new one (nothing was written)",
                dir.display()
            ),
        ));
    }
    let parent = match dir.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&parent).map_err(|e| named(&parent, e))?;
    let name = dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "content".into());
    let tmp = parent.join(format!(".{name}.init-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&tmp);
    let files = EMBEDDED
        .iter()
        .map(|(p, text)| (PathBuf::from(p), text.as_bytes()))
        .chain(std::iter::once((
            PathBuf::from("README.md"),
            include_str!("../../content/README.md").as_bytes(),
        )));
    let written = (|| -> std::io::Result<()> {
        std::fs::create_dir(&tmp).map_err(|e| named(&tmp, e))?;
        for (rel, bytes) in files {
            let (path, shown) = (tmp.join(&rel), dir.join(&rel));
            if let Some(e) = fault(&shown) {
                return Err(named(&shown, e));
            }
            if let Some(d) = path.parent() {
                std::fs::create_dir_all(d).map_err(|e| named(&shown, e))?;
            }
            let mut f = std::fs::File::create(&path).map_err(|e| named(&shown, e))?;
            f.write_all(bytes)
                .and_then(|()| f.sync_all())
                .map_err(|e| named(&shown, e))?;
        }
        // An empty folder in the way is replaced by the rename.
        if dir.is_dir() {
            std::fs::remove_dir(dir).map_err(|e| named(dir, e))?;
        }
        std::fs::rename(&tmp, dir).map_err(|e| named(dir, e))
    })();
    if let Err(e) = written {
        let _ = std::fs::remove_dir_all(&tmp);
        return Err(Error::new(
            e.kind(),
            format!("{e}; nothing was written, so `content init` can be run again"),
        ));
    }
    Ok(EMBEDDED.iter().map(|(p, _)| dir.join(p)).collect())
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

    #[test]
    fn init_on_a_full_disk_leaves_nothing_names_the_file_and_can_rerun() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("pack");
        let ninth = EMBEDDED[8].0;
        let full = |p: &Path| {
            p.ends_with(ninth)
                .then(|| std::io::Error::from(std::io::ErrorKind::StorageFull))
        };
        let e = write_builtin_with(&dir, &full).unwrap_err().to_string();
        assert!(e.contains(ninth), "{e}");
        assert!(e.contains("nothing was written"), "{e}");
        assert!(!dir.exists());
        // No temporary folder is left beside it either.
        assert_eq!(std::fs::read_dir(tmp.path()).unwrap().count(), 0);
        let written = write_builtin(&dir).expect("a rerun works");
        assert_eq!(written.len(), EMBEDDED.len());
        assert!(written.iter().all(|p| p.is_file()));
        assert!(dir.join("README.md").is_file());
        assert!(load_layered_full(std::slice::from_ref(&dir)).is_ok());
        // A second run refuses: the folder holds the pack now.
        assert!(write_builtin(&dir).is_err());
    }

    #[test]
    fn init_fills_an_existing_empty_folder() {
        let tmp = tempfile::tempdir().unwrap();
        write_builtin(tmp.path()).expect("an empty folder is fine");
        assert!(tmp.path().join("README.md").is_file());
    }
}
