//! Keeps the built-in question bank honest: counts, probes, signals, rubric
//! levels, templates, and no near-duplicate questions.

use loopdrill::content::{
    self, Content, PRINCIPLE_IDS, RubricKind, SEEKS, SIGNALS, TemplateKind, Track,
};
use std::collections::{BTreeSet, HashMap};

fn bank() -> Content {
    content::load_layered(&[]).expect("the built-in pack validates")
}

#[test]
fn all_sixteen_principles_with_twelve_leadership_questions_each() {
    let c = bank();
    let ids: Vec<&str> = c.principles.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(ids, PRINCIPLE_IDS.to_vec());
    for p in &c.principles {
        assert!(!p.signals.is_empty() && !p.pitfalls.is_empty(), "{}", p.id);
        let n = c
            .questions
            .iter()
            .filter(|q| q.track == Track::Leadership && q.primary() == p.id)
            .count();
        assert!(n >= 12, "{} has only {n} leadership questions", p.id);
    }
    let leadership = c
        .questions
        .iter()
        .filter(|q| q.track == Track::Leadership)
        .count();
    assert!(leadership >= 192, "{leadership}");
}

#[test]
fn at_least_forty_functional_questions_across_the_four_tracks() {
    let c = bank();
    let mut by_track: HashMap<Track, usize> = HashMap::new();
    for q in &c.questions {
        *by_track.entry(q.track).or_default() += 1;
    }
    let functional: usize = Track::ALL
        .iter()
        .filter(|t| **t != Track::Leadership)
        .map(|t| by_track.get(t).copied().unwrap_or(0))
        .sum();
    assert!(functional >= 40, "{functional}");
    for t in [
        Track::ProgramExecution,
        Track::OperationalExcellence,
        Track::Technical,
        Track::Motivation,
    ] {
        assert!(by_track.get(&t).copied().unwrap_or(0) >= 6, "{t:?} is thin");
    }
}

#[test]
fn every_role_flavour_is_covered() {
    let c = bank();
    for role in ["pm", "tpm", "data-center", "proserve", "applied-ai"] {
        let n = c
            .questions
            .iter()
            .filter(|q| q.roles.iter().any(|r| r == role))
            .count();
        assert!(n >= 30, "{role}: {n}");
    }
}

#[test]
fn every_question_has_three_probes_of_its_own() {
    let c = bank();
    for q in &c.questions {
        assert!(
            q.probes.len() >= 3,
            "{} has {} probes",
            q.id,
            q.probes.len()
        );
        let distinct: BTreeSet<&str> = q.probes.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(distinct.len(), q.probes.len(), "{} repeats a probe", q.id);
    }
}

#[test]
fn every_question_probe_seeks_one_to_three_known_things() {
    let c = bank();
    for q in &c.questions {
        for p in &q.probes {
            assert!(
                (1..=3).contains(&p.seeks.len()),
                "{}: {:?} seeks {:?}",
                q.id,
                p.text,
                p.seeks
            );
            let distinct: BTreeSet<&str> = p.seeks.iter().map(String::as_str).collect();
            assert_eq!(
                distinct.len(),
                p.seeks.len(),
                "{}: {:?} repeats a seek",
                q.id,
                p.text
            );
            for s in &p.seeks {
                assert!(SEEKS.contains(&s.as_str()), "{}: unknown seek {s}", q.id);
            }
        }
    }
}

#[test]
fn general_probes_cover_every_signal_the_analysis_knows() {
    let c = bank();
    assert!(c.probes.len() >= 25);
    let known: BTreeSet<&str> = SIGNALS.iter().map(|s| s.0).collect();
    let mut covered = BTreeSet::new();
    for p in &c.probes {
        if let Some(s) = &p.signal {
            assert!(
                known.contains(s.as_str()),
                "{} names unknown signal {s}",
                p.id
            );
            covered.insert(s.as_str());
        }
    }
    assert_eq!(covered, known, "every signal has at least one probe");
}

#[test]
fn rubrics_have_three_criteria_per_principle_with_four_distinct_levels() {
    let c = bank();
    for p in &c.principles {
        let r = c
            .principle_rubric(&p.id)
            .unwrap_or_else(|| panic!("{} has no rubric", p.id));
        assert!(r.criteria.len() >= 3, "{}", p.id);
    }
    let delivery = c.delivery_rubric().expect("delivery rubric");
    assert_eq!(delivery.kind, RubricKind::Delivery);
    let ids: BTreeSet<&str> = delivery.criteria.iter().map(|c| c.id.as_str()).collect();
    for need in [
        "structure",
        "i-ownership",
        "specificity",
        "data",
        "concision",
        "lesson",
    ] {
        assert!(ids.contains(need), "delivery rubric lacks {need}");
    }
    // Every delivery criterion names the signals the analysis measures for
    // it, so the self-score shows evidence for each; the core delivery
    // signals are all used.
    let named: BTreeSet<&str> = delivery
        .criteria
        .iter()
        .flat_map(|c| c.signals.iter().map(String::as_str))
        .collect();
    for cr in &delivery.criteria {
        assert!(!cr.signals.is_empty(), "{} names no signal", cr.id);
    }
    for need in [
        "we-over-i",
        "no-metric",
        "too-long",
        "too-short",
        "no-lesson",
    ] {
        assert!(named.contains(need), "no delivery criterion names {need}");
    }
    let br = c.bar_raiser_rubric().expect("bar raiser rubric");
    assert_eq!(br.kind, RubricKind::BarRaiser);
    for r in &c.rubrics {
        for cr in &r.criteria {
            let distinct: BTreeSet<String> =
                cr.levels.iter().map(|l| l.trim().to_lowercase()).collect();
            assert_eq!(distinct.len(), 4, "{}/{}", r.id, cr.id);
        }
    }
    let d = c.debrief.as_ref().unwrap();
    assert!(d.strongly_inclined > d.inclined && d.inclined > d.not_inclined);
}

#[test]
fn interviewers_and_templates_make_real_loops() {
    let c = bank();
    assert!(c.interviewers.len() >= 10);
    assert!(c.interviewers.iter().filter(|i| i.bar_raiser).count() >= 2);
    for id in [
        "pm-general",
        "tpm",
        "data-center",
        "proserve",
        "applied-ai",
        "phone-screen",
    ] {
        let t = c.template(id).unwrap_or_else(|| panic!("template {id}"));
        for slot in &t.interviews {
            assert!(
                c.interviewer(&slot.interviewer).is_some(),
                "{id}: {}",
                slot.interviewer
            );
            for lp in &slot.principles {
                assert!(
                    c.questions_for(lp).count() > 0,
                    "{id}: {lp} has no questions"
                );
            }
        }
        if t.kind == TemplateKind::Loop {
            assert!(
                (5..=6).contains(&t.interviews.len()),
                "{id} has {} interviews",
                t.interviews.len()
            );
            let brs = t
                .interviews
                .iter()
                .filter(|s| c.interviewer(&s.interviewer).unwrap().bar_raiser)
                .count();
            assert_eq!(brs, 1, "{id}");
        }
    }
    let pm = c.template("pm-general").unwrap();
    let owned: BTreeSet<&str> = pm
        .interviews
        .iter()
        .flat_map(|s| s.principles.iter().map(String::as_str))
        .collect();
    assert_eq!(owned.len(), 16, "pm-general owns all 16 LPs");
    let phone = c.template("phone-screen").unwrap();
    assert_eq!(phone.kind, TemplateKind::PhoneScreen);
    assert_eq!(phone.interviews.len(), 1);
    assert!(c.writing.len() >= 6);
}

fn tokens(s: &str) -> BTreeSet<String> {
    s.to_lowercase()
        .split(|c: char| !c.is_alphanumeric() && c != '\'')
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

#[test]
fn no_two_questions_are_near_duplicates() {
    let c = bank();
    let toks: Vec<(&str, BTreeSet<String>)> = c
        .questions
        .iter()
        .map(|q| (q.id.as_str(), tokens(&q.text)))
        .collect();
    for i in 0..toks.len() {
        for j in i + 1..toks.len() {
            let inter = toks[i].1.intersection(&toks[j].1).count() as f64;
            let union = toks[i].1.union(&toks[j].1).count() as f64;
            let jac = inter / union;
            assert!(
                jac < 0.8,
                "{} and {} are near-duplicates ({jac:.2})",
                toks[i].0,
                toks[j].0
            );
        }
    }
}

#[test]
fn each_persona_probes_in_its_own_way_and_never_praises_a_weak_answer() {
    use loopdrill::practice::interviewer::praises;
    let c = loopdrill::content::load_layered(&[]).unwrap();
    let mut firsts = BTreeSet::new();
    for i in &c.interviewers {
        let p = &i.probing;
        assert!(p.probes.len() >= 3, "{}: its own probes", i.id);
        assert!(
            p.probes.iter().all(|f| !f.seeks.is_empty()),
            "{}: probes seek something",
            i.id
        );
        assert!(!p.first.is_empty(), "{}: what it goes after first", i.id);
        assert!(
            firsts.insert(p.first.clone()),
            "{}: the same priorities as another persona",
            i.id
        );
        assert!(
            !p.after_strong.is_empty() && !p.after_weak.is_empty(),
            "{}",
            i.id
        );
        assert!(!p.presses.is_empty(), "{}: how it presses a dodge", i.id);
        // Lines said whatever the answer was, or after a weak one.
        for line in p
            .after_weak
            .iter()
            .chain(p.presses.iter().map(|f| &f.text))
            .chain(&i.transitions)
            .chain(&i.time_checks)
            .chain(&i.closings)
            .chain(&i.your_questions)
        {
            assert!(
                !praises(line),
                "{} praises whatever the answer: {line}",
                i.id
            );
        }
        // Real interviewers move between LPs without announcing them: no
        // transition names the LP that follows.
        for t in &i.transitions {
            assert!(!t.contains("{principle}"), "{}: {t}", i.id);
        }
    }
    // Praise is caught.
    assert!(praises("Good, that gives me a clear picture."));
    assert!(!praises("Okay. Let's move on."));
}
