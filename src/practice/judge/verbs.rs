//! The forms of the verbs red flags and asks are written with, so a phrasing
//! written in one tense is found in every tense: a story says "I kept it out
//! of the report", a plan says "I'd keep it out of the report", and both are
//! the same behaviour. Only the verbs listed here are treated so; every other
//! word matches as written.

use foldhash::{HashMap, HashMapExt};
use std::sync::OnceLock;

/// Each verb's forms, its plain form first.
const VERBS: &[&str] = &[
    "announce announces announced announcing",
    "approve approves approved approving",
    "avoid avoids avoided avoiding",
    "blame blames blamed blaming",
    "bring brings brought bringing",
    "brief briefs briefed briefing",
    "bury buries buried burying",
    "bypass bypasses bypassed bypassing",
    "call calls called calling",
    "cause causes caused causing",
    "change changes changed changing",
    "choose chooses chose chosen choosing",
    "continue continues continued continuing",
    "create creates created creating",
    "decide decides decided deciding",
    "disable disables disabled disabling",
    "disclose discloses disclosed disclosing",
    "drop drops dropped dropping",
    "escalate escalates escalated escalating",
    "exclude excludes excluded excluding",
    "flag flags flagged flagging",
    "go goes went gone going",
    "handle handles handled handling",
    "hide hides hid hidden hiding",
    "hold holds held holding",
    "include includes included including",
    "inform informs informed informing",
    "keep keeps kept keeping",
    "leave leaves left leaving",
    "log logs logged logging",
    "loop loops looped looping",
    "mark marks marked marking",
    "massage massages massaged massaging",
    "mention mentions mentioned mentioning",
    "notify notifies notified notifying",
    "override overrides overrode overridden overriding",
    "patch patches patched patching",
    "push pushes pushed pushing",
    "put puts putting",
    "raise raises raised raising",
    "record records recorded recording",
    "redefine redefines redefined redefining",
    "relabel relabels relabelled relabeled relabelling relabeling",
    "remind reminds reminded reminding",
    "remove removes removed removing",
    "report reports reported reporting",
    "ship ships shipped shipping",
    "show shows showed shown showing",
    "sign signs signed signing",
    "sit sits sat sitting",
    "skip skips skipped skipping",
    "soften softens softened softening",
    "surface surfaces surfaced surfacing",
    "tell tells told telling",
    "turn turns turned turning",
    "waive waives waived waiving",
    "wait waits waited waiting",
    "warn warns warned warning",
];

/// Each form's plain form and line, and which words could be a form at all
/// (by their first two bytes): most words are ruled out before a lookup.
struct Table {
    forms: HashMap<&'static str, (&'static str, usize)>,
    starts: super::cues::Starts,
}

fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut forms = HashMap::new();
        for (k, line) in VERBS.iter().enumerate() {
            let base = line.split(' ').next().unwrap_or(line);
            for form in line.split(' ') {
                forms.insert(form, (base, k));
            }
        }
        Table {
            forms,
            starts: super::cues::Starts::new(VERBS.iter().flat_map(|l| l.split(' '))),
        }
    })
}

fn get(w: &str) -> Option<&'static (&'static str, usize)> {
    let t = table();
    if t.starts.may(w) {
        t.forms.get(w)
    } else {
        None
    }
}

/// The plain form of `w` if it is a form of a listed verb.
pub fn base(w: &str) -> Option<&'static str> {
    get(w).map(|(b, _)| *b)
}

/// Every form of the verb `w` is a form of, `w` alone if it is none.
pub fn forms(w: &str) -> impl Iterator<Item = &str> {
    let listed = get(w).map(|(_, k)| VERBS[*k].split(' '));
    let alone = listed.is_none().then_some(w);
    listed.into_iter().flatten().chain(alone)
}

/// Whether `a` and `b` are forms of the same listed verb.
pub fn same(a: &str, b: &str) -> bool {
    get(a).is_some_and(|(x, _)| get(b).is_some_and(|(y, _)| x == y))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_form_leads_to_its_verb_and_no_other() {
        assert_eq!(base("kept"), Some("keep"));
        assert_eq!(base("leaving"), Some("leave"));
        assert_eq!(base("told"), Some("tell"));
        assert_eq!(base("report"), Some("report"));
        assert_eq!(base("customer"), None);
        assert!(same("kept", "keeping"));
        assert!(!same("kept", "told"));
        assert!(!same("kept", "kept-up"));
        let f: Vec<&str> = forms("hid").collect();
        assert_eq!(f, ["hide", "hides", "hid", "hidden", "hiding"]);
        assert_eq!(forms("status").collect::<Vec<_>>(), ["status"]);
    }

    #[test]
    fn no_form_belongs_to_two_verbs() {
        let mut seen = std::collections::HashMap::new();
        for line in VERBS {
            let base = line.split(' ').next().unwrap();
            for form in line.split(' ') {
                if let Some(other) = seen.insert(form, base) {
                    panic!("{form} is a form of both {other} and {base}");
                }
            }
        }
    }
}
