//! Size caps on content packs, so a pack that validates also drills at
//! normal speed: a file may hold at most [`MAX_FILE_BYTES`], a question's
//! text at most [`MAX_QUESTION_CHARS`] characters, a writing prompt
//! [`MAX_PROMPT_CHARS`], an id [`MAX_ID_BYTES`] bytes and any other text
//! [`MAX_TEXT_CHARS`]. Each is far above what the built-in pack uses
//! (`content/README.md` lists them); going over one is an error at the
//! value's `FILE:LINE:COL`.

use toml::Spanned;
use toml::de::DeValue;

/// The most bytes one content file may hold.
pub const MAX_FILE_BYTES: u64 = 1024 * 1024;
/// The most characters of a question's text.
pub const MAX_QUESTION_CHARS: usize = 2_000;
/// The most characters of a writing exercise's prompt.
pub const MAX_PROMPT_CHARS: usize = 8_000;
/// The most characters of any other text (a description, a probe, a level).
pub const MAX_TEXT_CHARS: usize = 4_000;
/// The most bytes of an id (or a reference to one).
pub const MAX_ID_BYTES: usize = 100;

/// The cap for a string under `key` in an item of `kind`: (limit, in bytes
/// rather than characters, its own name if it has one; otherwise it is
/// named "{kind} {key}", built only for a value over its cap).
fn cap(kind: &str, key: &str) -> (usize, bool, Option<&'static str>) {
    let is_id = key == "id"
        || key.ends_with("_id")
        || matches!(
            key,
            "principles"
                | "principle"
                | "questions"
                | "probe_refs"
                | "interviewer"
                | "rubric"
                | "also"
        );
    if is_id {
        (MAX_ID_BYTES, true, None)
    } else if kind == "question" && key == "text" {
        (MAX_QUESTION_CHARS, false, Some("question text"))
    } else if kind == "writing" && key == "prompt" {
        (MAX_PROMPT_CHARS, false, Some("writing prompt"))
    } else {
        (MAX_TEXT_CHARS, false, None)
    }
}

/// Every string of one top-level item of `kind` over its cap, as (offset,
/// message).
pub(super) fn over_caps(kind: &str, item: &Spanned<DeValue<'_>>) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    walk(kind, kind, item, &mut out);
    out
}

fn walk(kind: &str, key: &str, v: &Spanned<DeValue<'_>>, out: &mut Vec<(usize, String)>) {
    match v.get_ref() {
        DeValue::String(s) => {
            let (limit, bytes, own_name) = cap(kind, key);
            // Counting stops just past the limit: a huge value costs no more;
            // a value under the limit in bytes is under it in characters.
            let n = if bytes || s.len() <= limit {
                s.len()
            } else {
                s.chars().take(limit + 1).count()
            };
            if n > limit {
                let name = own_name.map_or_else(|| format!("{kind} {key}"), String::from);
                out.push((
                    v.span().start,
                    format!(
                        "{name} is longer than {limit} {}; shorten it (content packs are capped so every drill stays fast)",
                        if bytes { "bytes" } else { "characters" }
                    ),
                ));
            }
        }
        DeValue::Array(items) => {
            for i in items {
                walk(kind, key, i, out);
            }
        }
        DeValue::Table(t) => {
            for (k, val) in t {
                walk(kind, k.get_ref(), val, out);
            }
        }
        _ => {}
    }
}
