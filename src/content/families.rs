//! Families of cue phrasings: a cue may hold groups of alternatives,
//! `(didn't|did not|never) (tell|inform) (the|) customer`, and stands for
//! every phrasing they spell. An empty alternative makes a group optional.
//! The loader and the build script (for the start-up JSON) both expand a
//! cue here, so the judge only ever sees plain cues. No dependencies: the
//! build script includes this file.

/// The most phrasings one cue may spell: a family past this is a mistake
/// (or would slow every answer's judging), not a wish.
pub const MAX_SPELLINGS: usize = 512;

/// What is wrong with a cue's groups.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FamilyError {
    /// A `(` with no `)`, a `)` with no `(`, or a group inside a group.
    Unbalanced,
    /// The groups spell more than [`MAX_SPELLINGS`] phrasings.
    TooMany(usize),
}

impl std::fmt::Display for FamilyError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FamilyError::Unbalanced => write!(
                f,
                "its groups are not closed: write `(a|b)`, one level deep, with a `)` for every `(`"
            ),
            FamilyError::TooMany(n) => write!(
                f,
                "its groups spell {n} phrasings, more than the {MAX_SPELLINGS} one cue may hold: split it into several cues"
            ),
        }
    }
}

/// One piece of a cue: plain text, or a group's alternatives.
enum Piece<'a> {
    Text(&'a str),
    Group(Vec<&'a str>),
}

fn pieces(cue: &str) -> Result<Vec<Piece<'_>>, FamilyError> {
    let mut out = Vec::new();
    let mut rest = cue;
    while let Some(open) = rest.find(['(', ')']) {
        if rest.as_bytes()[open] == b')' {
            return Err(FamilyError::Unbalanced);
        }
        out.push(Piece::Text(&rest[..open]));
        let inner = &rest[open + 1..];
        let close = inner.find(')').ok_or(FamilyError::Unbalanced)?;
        if inner[..close].contains('(') {
            return Err(FamilyError::Unbalanced);
        }
        out.push(Piece::Group(inner[..close].split('|').collect()));
        rest = &inner[close + 1..];
    }
    out.push(Piece::Text(rest));
    Ok(out)
}

/// How many phrasings `cue` spells, without spelling them: what the
/// loader checks.
pub fn count(cue: &str) -> Result<usize, FamilyError> {
    if !cue.contains(['(', ')']) {
        return Ok(1);
    }
    count_of(&pieces(cue)?)
}

fn count_of(pieces: &[Piece]) -> Result<usize, FamilyError> {
    let count = pieces.iter().try_fold(1usize, |n, p| match p {
        Piece::Text(_) => Some(n),
        Piece::Group(alts) => n.checked_mul(alts.len()),
    });
    match count {
        Some(n) if n <= MAX_SPELLINGS => Ok(n),
        Some(n) => Err(FamilyError::TooMany(n)),
        None => Err(FamilyError::TooMany(usize::MAX)),
    }
}

/// Every phrasing `cue` spells, in order, with spaces tidied (an empty
/// alternative leaves no double space). A cue with no group is itself.
pub fn spellings(cue: &str) -> Result<Vec<String>, FamilyError> {
    if !cue.contains(['(', ')']) {
        return Ok(vec![cue.to_string()]);
    }
    let pieces = pieces(cue)?;
    let n = count_of(&pieces)?;
    let groups: Vec<&Vec<&str>> = pieces
        .iter()
        .filter_map(|p| match p {
            Piece::Group(alts) => Some(alts),
            Piece::Text(_) => None,
        })
        .collect();
    // An odometer over the groups' alternatives, the last turning fastest:
    // each phrasing is written once into its own string.
    let mut at = vec![0usize; groups.len()];
    let mut out = Vec::with_capacity(n);
    for _ in 0..n {
        let mut spelled = String::with_capacity(cue.len());
        let mut g = 0;
        for p in &pieces {
            let text = match p {
                Piece::Text(t) => *t,
                Piece::Group(alts) => {
                    g += 1;
                    alts[at[g - 1]]
                }
            };
            spelled.push_str(text);
        }
        // An empty alternative leaves a double space (or one at an end).
        if spelled.contains("  ") || spelled.starts_with(' ') || spelled.ends_with(' ') {
            spelled = spelled.split_whitespace().collect::<Vec<_>>().join(" ");
        }
        if !spelled.is_empty() {
            out.push(spelled);
        }
        for k in (0..groups.len()).rev() {
            at[k] += 1;
            if at[k] < groups[k].len() {
                break;
            }
            at[k] = 0;
        }
    }
    Ok(out)
}

/// Every phrasing of every cue in `cues`. A cue whose groups are wrong is
/// kept as written: validation reports it where it stands.
pub fn expand(cues: &[String]) -> Vec<String> {
    let mut out = Vec::with_capacity(cues.len());
    for c in cues {
        match spellings(c) {
            Ok(s) => out.extend(s),
            Err(_) => out.push(c.clone()),
        }
    }
    out
}

/// A built-in cue list with families, expanded once for the life of the
/// program (the judge's own lists are `static`, matched by address).
pub fn expand_static(list: &[&str]) -> &'static [&'static str] {
    let spelled: Vec<&'static str> = list
        .iter()
        .flat_map(|c| spellings(c).unwrap_or_else(|e| panic!("built-in cue {c:?}: {e}")))
        .map(|s| &*Box::leak(s.into_boxed_str()))
        .collect();
    Box::leak(spelled.into_boxed_slice())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_spell_every_phrasing_in_order() {
        assert_eq!(
            spellings("(didn't|did not) tell (the|) customer").unwrap(),
            [
                "didn't tell the customer",
                "didn't tell customer",
                "did not tell the customer",
                "did not tell customer",
            ]
        );
        assert_eq!(
            spellings("went around legal").unwrap(),
            ["went around legal"]
        );
        assert_eq!(
            spellings("loop* (in|) ~ legal").unwrap(),
            ["loop* in ~ legal", "loop* ~ legal"]
        );
    }

    #[test]
    fn wrong_groups_are_errors() {
        assert_eq!(spellings("(a|b tell"), Err(FamilyError::Unbalanced));
        assert_eq!(spellings("a) tell"), Err(FamilyError::Unbalanced));
        assert_eq!(spellings("((a|b)|c) tell"), Err(FamilyError::Unbalanced));
        let big = "(a|b|c|d|e|f|g|h) ".repeat(4);
        assert_eq!(spellings(&big), Err(FamilyError::TooMany(4096)));
        // Kept as written, for validation to report.
        assert_eq!(expand(&["(a|b".to_string()]), ["(a|b"]);
    }
}
