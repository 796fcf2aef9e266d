//! Near-duplicate questions: two questions about the same situation
//! ("a build four weeks late" and "a data center build slipping") should
//! never meet in one loop. Content declares such questions with a shared
//! `similar` group (the plan keeps them apart); `content validate` reports
//! pairs whose texts read alike but share no group, so a pack author can
//! group them or reword one.

use super::Content;
use super::import::infer::dot;
use super::import::infer::stem;
use super::import::tokens_in_order;
use std::collections::HashMap;

/// From this TF-IDF cosine similarity of their texts, two questions read
/// alike enough to be reported (measured on the built-in bank: the pairs
/// above it are the same story asked twice).
pub const NEAR: f64 = 0.45;

/// Two questions whose texts read alike and share no `similar` group.
#[derive(Debug, Clone, PartialEq)]
pub struct NearDuplicate {
    pub first: String,
    pub second: String,
    pub similarity: f64,
}

/// Each question's TF-IDF vector (stemmed words, stop words left out),
/// L2-normalised and sorted by term.
fn vectors(content: &Content) -> Vec<Vec<(u32, f64)>> {
    let mut terms: HashMap<String, u32> = HashMap::new();
    let mut df: Vec<u32> = Vec::new();
    let bags: Vec<HashMap<u32, f64>> = content
        .questions
        .iter()
        .map(|q| {
            let mut bag: HashMap<u32, f64> = HashMap::new();
            for w in tokens_in_order(&q.text) {
                let n = terms.len() as u32;
                let id = *terms.entry(stem(&w)).or_insert(n);
                if id as usize == df.len() {
                    df.push(0);
                }
                *bag.entry(id).or_insert(0.0) += 1.0;
            }
            for id in bag.keys() {
                df[*id as usize] += 1;
            }
            bag
        })
        .collect();
    let n = bags.len() as f64;
    bags.into_iter()
        .map(|bag| {
            let mut v: Vec<(u32, f64)> = bag
                .into_iter()
                .map(|(t, c)| {
                    (
                        t,
                        c * (((n + 1.0) / (f64::from(df[t as usize]) + 1.0)).ln() + 1.0),
                    )
                })
                .collect();
            v.sort_by_key(|x| x.0);
            let norm = v.iter().map(|x| x.1 * x.1).sum::<f64>().sqrt();
            if norm > 0.0 {
                for x in &mut v {
                    x.1 /= norm;
                }
            }
            v
        })
        .collect()
}

/// The pairs of questions whose texts read alike (similarity ≥ [`NEAR`])
/// but share no `similar` group, most alike first.
pub fn near_duplicates(content: &Content) -> Vec<NearDuplicate> {
    let v = vectors(content);
    let qs = &content.questions;
    let mut out = Vec::new();
    for i in 0..qs.len() {
        for j in i + 1..qs.len() {
            let s = dot(&v[i], &v[j]);
            if s >= NEAR && !qs[i].similar_to(&qs[j]) {
                out.push(NearDuplicate {
                    first: qs[i].id.clone(),
                    second: qs[j].id.clone(),
                    similarity: s,
                });
            }
        }
    }
    out.sort_by(|a, b| b.similarity.total_cmp(&a.similarity));
    out
}

/// The `similar` groups that hold only one question: a group is a promise
/// that its questions are kept apart, so a lone one is likely a typo.
pub fn lone_groups(content: &Content) -> Vec<(String, String)> {
    let mut count: HashMap<&str, Vec<&str>> = HashMap::new();
    for q in &content.questions {
        for g in &q.similar {
            count.entry(g.as_str()).or_default().push(q.id.as_str());
        }
    }
    let mut out: Vec<(String, String)> = count
        .into_iter()
        .filter(|(_, ids)| ids.len() == 1)
        .map(|(g, ids)| (g.to_string(), ids[0].to_string()))
        .collect();
    out.sort();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_story_asked_twice_is_reported_until_grouped() {
        let mut c = crate::content::load_layered(&[]).unwrap();
        assert!(near_duplicates(&c).is_empty(), "{:?}", near_duplicates(&c));
        let mut twin = c.questions[0].clone();
        twin.id = "twin".into();
        twin.similar.clear();
        twin.text = format!("{} Be specific.", c.questions[0].text);
        c.questions[0].similar.clear();
        c.questions.push(twin);
        let found = near_duplicates(&c);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].second, "twin");
        assert!(found[0].similarity > 0.9);
        let n = c.questions.len();
        c.questions[0].similar = vec!["same-story".into()];
        c.questions[n - 1].similar = vec!["same-story".into()];
        assert!(near_duplicates(&c).is_empty());
    }
}
