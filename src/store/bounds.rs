//! Bounds on the fields of an imported export that are short by nature:
//! ids, template names, LP ids, interviewer names and the like hold at most
//! [`MAX_SHORT_BYTES`]; a question as asked, a title or a metric at most
//! [`MAX_LINE_BYTES`]. Answer text is bounded only by the file cap
//! (256 MiB). A field over its bound is refused in one line that quotes at
//! most [`QUOTE_CHARS`] characters of it.

use super::export::Export;

/// The most bytes of an id, a template, an LP id, an interviewer's name.
pub const MAX_SHORT_BYTES: usize = 200;
/// The most bytes of a question as asked, a story title, a metric, a part's name.
pub const MAX_LINE_BYTES: usize = 8 * 1024;
/// The most characters of a value quoted in an error.
pub const QUOTE_CHARS: usize = 60;

/// `s` for one error line: control characters shown as `\n`-style escapes,
/// at most [`QUOTE_CHARS`] characters, with `…` when cut.
pub fn quote(s: &str) -> String {
    let mut out = String::new();
    for (n, c) in s.chars().enumerate() {
        if n == QUOTE_CHARS {
            out.push('…');
            break;
        }
        if c.is_control() {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    out
}

/// The first field of `export` over its bound, as one line.
pub fn check(export: &Export) -> Result<(), String> {
    fn short(what: &str, v: &str) -> Result<(), String> {
        within(what, v, MAX_SHORT_BYTES)
    }
    fn within(what: &str, v: &str, max: usize) -> Result<(), String> {
        if v.len() <= max {
            return Ok(());
        }
        Err(format!(
            "{what} is {} bytes, more than the {max} it may hold (\"{}\")",
            v.len(),
            quote(v)
        ))
    }
    for (k, s) in export.sessions.iter().enumerate() {
        let at = |what: &str| format!("session {} `{what}`", k + 1);
        short(&at("id"), &s.id)?;
        if let Some(t) = &s.template {
            short(&at("template"), t)?;
        }
        for i in &s.interviews {
            short(&at("interviewer.id"), &i.interviewer.id)?;
            short(&at("interviewer.name"), &i.interviewer.name)?;
            short(&at("interviewer.role"), &i.interviewer.role)?;
            for p in &i.principles {
                short(&at("interviews.principles"), p)?;
            }
            for q in &i.question_ids {
                short(&at("interviews.question_ids"), q)?;
            }
        }
        for a in &s.answers {
            short(&at("answers.id"), &a.id)?;
            short(&at("answers.question_id"), &a.question_id)?;
            within(&at("answers.question"), &a.question, MAX_LINE_BYTES)?;
            for p in &a.principles {
                short(&at("answers.principles"), p)?;
            }
            if let Some(i) = &a.interviewer_id {
                short(&at("answers.interviewer_id"), i)?;
            }
            if let Some(i) = &a.story_id {
                short(&at("answers.story_id"), i)?;
            }
            for n in &a.part_names {
                within(&at("answers.part_names"), n, MAX_LINE_BYTES)?;
            }
            for key in a.self_scores.keys() {
                short(&at("answers.self_scores"), key)?;
            }
            for sig in &a.analysis.signals {
                short(&at("answers.analysis.signals"), sig)?;
            }
        }
        if let Some(w) = &s.writing {
            short(&at("writing.prompt_id"), &w.prompt_id)?;
            within(&at("writing.title"), &w.title, MAX_LINE_BYTES)?;
        }
    }
    for (k, st) in export.stories.iter().enumerate() {
        let at = |what: &str| format!("story {} `{what}`", k + 1);
        short(&at("id"), &st.id)?;
        within(&at("title"), &st.title, MAX_LINE_BYTES)?;
        within(&at("metric"), &st.metric, MAX_LINE_BYTES)?;
        for p in &st.principles {
            short(&at("principles"), p)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_quote_is_one_short_line() {
        assert_eq!(quote("a\nb"), "a\\nb");
        let q = quote(&"x".repeat(1000));
        assert_eq!(q.chars().count(), QUOTE_CHARS + 1);
        assert!(q.ends_with('…'));
    }
}
