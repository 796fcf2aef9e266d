use super::*;
use crate::content::load_layered;

fn star(s: &str, t: &str, a: &str, r: &str) -> Star {
    Star {
        situation: s.into(),
        task: t.into(),
        action: a.into(),
        result: r.into(),
    }
}
