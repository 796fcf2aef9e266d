//! Which follow-up to ask next. After the answer and after every reply the
//! judge runs again on everything said so far, and the interviewer picks a
//! probe for the gap that matters most now:
//!
//! 1. a reply that dodged is pressed about what the dodged probe sought
//!    (as often as the persona's patience allows, differently worded), then
//!    noted (in the debrief) and left;
//! 2. a Bar Raiser who hears a story already told to another interviewer
//!    asks for a different one;
//! 3. the red flags the judge found (off-topic, no failure, "we", no
//!    number…), then rubric criteria the text cannot speak to yet, then weak
//!    ones, the persona's favourite gaps first;
//!    The second follow-up goes one level deeper, quoting a whole phrase of
//!    the first reply, after what the persona drills into while it is open;
//! 4. with no gap left, a drill-down until two follow-ups were asked.
//!
//! Never a probe asked before in the answer or the loop, never one whose
//! `seeks` the candidate has all covered or whose question the answer
//! already answered in plain words, never one whose premise (`needs`, or
//! what its words take for granted) is absent, never one whose slots the
//! answer cannot fill; one probe per gap. Two to four follow-ups per
//! question when probes fit, one when the answer ran over its time or the
//! time for follow-ups is gone. The same inputs and seed give the same
//! choice.

use super::premise;
use super::slots::{Slots, matches_template};
use crate::content::{
    AnswerFormat, Content, FollowProbe, Interviewer, Probe, Question, Track, fits_format,
};
use crate::practice::judge::seeks::{self, Memo};
use crate::practice::judge::signals::dodges;
use crate::practice::judge::{Judgement, Told};
use crate::practice::rng::Dice;
use crate::store::{Answer, FollowUp, Star};
use std::time::Duration;

/// At most this many follow-ups per question.
pub const MAX_FOLLOW_UPS: usize = 4;

/// A follow-up the interviewer chose.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChosenProbe {
    /// What the interviewer says, slots filled.
    pub text: String,
    /// The answer signal that triggered it, if any.
    pub signal: Option<String>,
    /// What it looks for.
    pub seeks: Vec<String>,
    /// Why this one, in a few words ("the Result has no number").
    pub why: String,
}

/// Everything the choice depends on besides the words said.
#[derive(Debug, Clone)]
pub struct Asking<'a> {
    pub content: &'a Content,
    pub question: &'a Question,
    /// The persona asking; `None` for a neutral interviewer (drills,
    /// `assess`).
    pub persona: Option<&'a Interviewer>,
    pub bar_raiser: bool,
    pub seed: u64,
    /// The answer ran over its time: one follow-up at most.
    pub ran_over: bool,
    /// Time left for follow-ups on this question; `None`: untimed.
    pub time_left: Option<Duration>,
    /// Stories told to other interviewers earlier in the loop: (their
    /// interviewer's name, the answer).
    pub earlier: Vec<(&'a str, &'a Answer)>,
    /// Every follow-up already asked on the loop's other answers: none is
    /// asked again in the same loop.
    pub loop_asked: Vec<&'a str>,
}

impl<'a> Asking<'a> {
    /// A neutral interviewer with no clock and no earlier answers.
    pub fn neutral(content: &'a Content, question: &'a Question) -> Asking<'a> {
        Asking {
            content,
            question,
            persona: None,
            bar_raiser: false,
            seed: 0,
            ran_over: false,
            time_left: None,
            earlier: Vec::new(),
            loop_asked: Vec::new(),
        }
    }
}

/// One gap to probe.
struct Gap {
    signal: Option<&'static str>,
    seeks: Vec<String>,
    why: String,
    /// Pursued only while fewer than two follow-ups have been asked.
    minor: bool,
}

/// A probe that could be asked, before its slots are filled.
struct Candidate<'c> {
    text: &'c str,
    seeks: &'c [String],
    signal: Option<&'c str>,
    /// Its declared premises (more are read from its words).
    needs: &'c [String],
}

/// Signals a Bar Raiser presses before anything else: a strength dressed
/// as a weakness, habits instead of an event, blame.
const BAR_RAISER_PRESSES: &[&str] = &["humble-brag", "generic", "blame", "no-failure"];

/// What a probe needs to be asked now besides its gap: it was not asked on
/// this answer nor (as written) anywhere else in the loop, its premise holds
/// in what was said, and what it asks in plain words was not said already.
struct Fit<'x> {
    asked: &'x [FollowUp],
    loop_asked: &'x [&'x str],
    story: bool,
    said: &'x crate::practice::judge::Said<'x>,
    memo: &'x Memo<'x, 'x>,
    said_lower: String,
}

impl Fit<'_> {
    /// Asked before: on this answer (any filling of the template), or in
    /// the loop (a template that quotes the last reply only as filled).
    fn was_asked(&self, template: &str) -> bool {
        self.asked
            .iter()
            .any(|f| matches_template(template, &f.probe))
            || (!template.contains("{reply}")
                && self
                    .loop_asked
                    .iter()
                    .any(|t| matches_template(template, t)))
    }
    /// The same words already said to the candidate in this loop.
    fn said_in_loop(&self, text: &str) -> bool {
        self.loop_asked.contains(&text)
    }
    fn premise_holds(&self, text: &str, needs: &[String], signal: bool) -> bool {
        premise::needs_of(text, needs, self.story, signal)
            .iter()
            .all(|p| premise::holds(p, self.said, self.memo))
    }
    fn already_said(&self, text: &str) -> bool {
        premise::already_said(text, &self.said_lower)
    }
}

/// Signals that say nothing a follow-up can fix (length is the clock's
/// business; a dodge is pressed separately).
const NOT_PROBED: &[&str] = &["too-long", "non-answer"];

/// The next follow-up, or `None` when the interviewer has enough (or no
/// time) and moves on.
pub fn next_probe(
    ask: &Asking,
    told: &Told,
    asked: &[FollowUp],
    judgement: &Judgement,
) -> Option<ChosenProbe> {
    let n = asked.len();
    let time_up = ask.time_left.is_some_and(|t| t.is_zero());
    if n >= MAX_FOLLOW_UPS || (n >= 1 && (ask.ran_over || time_up)) {
        return None;
    }
    let content = ask.content;
    let q = ask.question;
    let story = q.track != Track::Motivation;
    // Probes fit what was told: a STAR answer to a question that is now a
    // scenario (an older answer) is drilled as a story.
    let format = match told {
        Told::Star(_) => AnswerFormat::Star,
        Told::Parts(_) => q.format,
    };
    let said = told.said(asked);
    let memo = Memo::new(&said);
    let mut slots = Slots::of(&said);
    let covered = |want: &[String]| {
        !want.is_empty()
            && want
                .iter()
                .all(|s| seeks::seek(s).is_some_and(|sk| !memo.evidence(sk).is_empty()))
    };
    let fit = Fit {
        asked,
        loop_asked: &ask.loop_asked,
        story: format.is_star(),
        said: &said,
        memo: &memo,
        said_lower: said
            .parts
            .iter()
            .map(|(_, t)| t.to_lowercase())
            .collect::<Vec<_>>()
            .join("\n"),
    };
    let was_asked = |text: &str| fit.was_asked(text);
    // Each persona draws on its own: two interviewers with equal choices
    // still pick differently.
    let who = ask.persona.map_or("", |p| p.id.as_str());
    let mut dice = Dice::derive(ask.seed, &format!("probe:{who}:{}:{n}", q.id));
    let probing = ask.persona.map(|p| &p.probing);
    let last_dodged = asked.last().is_some_and(|l| dodges(&l.response).is_some());
    // The last reply, as a whole phrase to build the next question on.
    if let Some(last) = asked.last()
        && !last_dodged
    {
        slots.reply = premise::reply_phrase(&last.response);
    }

    // 1. A dodged reply is pressed about what the dodged probe asked, then
    // noted and left.
    if last_dodged {
        let pressed = asked
            .iter()
            .filter(|f| f.signal.as_deref() == Some("non-answer"))
            .count();
        let patience = probing.map_or(1, |p| p.patience.max(1)) as usize;
        // The probe the dodges answer: the last one that was not a press.
        let target: Vec<String> = asked
            .iter()
            .rev()
            .find(|f| f.signal.as_deref() != Some("non-answer"))
            .map(|f| seeks_of_asked(ask, &f.probe))
            .unwrap_or_default();
        if pressed < patience
            && let Some(p) = press(ask, format, &target, &fit, &mut dice)
        {
            return Some(p);
        }
    }

    // 2. A Bar Raiser asks for a different story once.
    if ask.bar_raiser
        && story
        && !asked
            .iter()
            .any(|f| f.signal.as_deref() == Some("reused-story"))
        && let Told::Star(star) = told
        && let Some(name) = told_before(star, &ask.earlier)
    {
        slots.told_to = Some(name.to_string());
        let pool: Vec<String> = content
            .probes_for_signal("reused-story", q.primary(), format)
            .filter(|p| !was_asked(&p.text))
            .filter_map(|p| slots.fill(&p.text))
            .filter(|t| !fit.said_in_loop(t))
            .collect();
        if let Some(text) = dice.pick(&pool) {
            return Some(ChosenProbe {
                text: text.clone(),
                signal: Some("reused-story".into()),
                seeks: Vec::new(),
                why: format!("the same story was told to {name}"),
            });
        }
    }

    // 3. The gaps, most important first; the persona's favourites lead.
    let mut gaps = gaps(content, judgement, story, &covered);
    // A strength dressed as a weakness, heard in an answer the judge does
    // not read as a story (a motivation question): pressed all the same.
    if !judgement.has("humble-brag")
        && !asked
            .iter()
            .any(|f| f.signal.as_deref() == Some("humble-brag"))
        && let Some(quote) = humble_brag(&said)
    {
        gaps.insert(
            0,
            Gap {
                signal: Some("humble-brag"),
                seeks: signal_seeks(content, "humble-brag"),
                why: format!("a strength dressed up as a weakness (\"{quote}\")"),
                minor: false,
            },
        );
    }
    if ask.bar_raiser {
        // Stable: a humble-brag or a non-event is pressed first.
        gaps.sort_by_key(|g| !g.signal.is_some_and(|s| BAR_RAISER_PRESSES.contains(&s)));
    }
    if let Some(p) = probing {
        // A red flag ranks by its own id, or by what it seeks when that is
        // one thing (no-metric: metric); a broad one (too-short) keeps its
        // place. A criterion ranks by what it still lacks.
        let rank = |g: &Gap| {
            p.first
                .iter()
                .position(|f| match g.signal {
                    Some(sig) => sig == f || (g.seeks.len() == 1 && g.seeks[0] == *f),
                    None => g.seeks.contains(f),
                })
                .unwrap_or(usize::MAX)
        };
        let br =
            |g: &Gap| ask.bar_raiser && g.signal.is_some_and(|s| BAR_RAISER_PRESSES.contains(&s));
        // Stable: red flags keep their order among equals.
        gaps.sort_by_key(|g| (!br(g), g.minor, rank(g)));
    }
    // A gap already probed (answered or dodged) is left: one probe per gap.
    let probed: Vec<Vec<String>> = asked
        .iter()
        .map(|f| seeks_of_asked(ask, &f.probe))
        .collect();
    // 3a. One level deeper: the second follow-up is built on the words of
    // the first reply, going after the weakest point still open (the
    // persona's favourite first).
    if n == 1 && slots.reply.is_some() {
        let tier: Vec<Candidate> = persona_probes(ask, format)
            .chain(
                content
                    .probes
                    .iter()
                    .filter(|p| p.signal.is_none() && p.fits(q.primary(), format))
                    .map(general_candidate),
            )
            .filter(|c| c.text.contains("{reply}"))
            .collect();
        // What this persona drills into, while open, then the gaps: two
        // interviewers hearing the same reply go after different things.
        let mut wanted: Vec<String> = Vec::new();
        if let Some(p) = probing {
            for f in &p.first {
                let of = if seeks::seek(f).is_some() {
                    vec![f.clone()]
                } else {
                    signal_seeks(content, f)
                };
                wanted.extend(of.into_iter().filter(|s| !covered(std::slice::from_ref(s))));
            }
        }
        wanted.extend(gaps.iter().flat_map(|g| g.seeks.iter().cloned()));
        for want in wanted {
            let pool: Vec<(String, &Candidate)> = usable(&tier, &slots, &fit, &covered)
                .into_iter()
                .filter(|(_, c)| c.seeks.contains(&want))
                .collect();
            if let Some((text, c)) = dice.pick(&pool) {
                return Some(ChosenProbe {
                    text: text.clone(),
                    signal: None,
                    seeks: c.seeks.to_vec(),
                    why: format!("one level deeper, on {}", seek_words(&want)),
                });
            }
        }
    }
    for gap in &gaps {
        if gap.minor && n >= 2 {
            continue;
        }
        if let Some(sig) = gap.signal
            && asked.iter().any(|f| f.signal.as_deref() == Some(sig))
        {
            continue;
        }
        if gap.signal.is_none()
            && probed
                .iter()
                .any(|s| gap.seeks.iter().any(|g| s.contains(g)))
        {
            continue;
        }
        for tier in candidates(ask, gap, format) {
            let pool = usable(&tier, &slots, &fit, &covered);
            if let Some((text, c)) = dice.pick(&pool) {
                return Some(ChosenProbe {
                    text: text.clone(),
                    signal: gap.signal.map(str::to_string),
                    seeks: c.seeks.to_vec(),
                    why: gap.why.clone(),
                });
            }
        }
    }

    // 4. Nothing missing: a drill-down (at least two follow-ups in all),
    // into what this persona cares about first, else into the question
    // itself.
    if n > 1 {
        return None;
    }
    let persona: Vec<Candidate> = persona_probes(ask, format).collect();
    let own: Vec<Candidate> = question_probes(content, q).collect();
    let general: Vec<Candidate> = content
        .probes
        .iter()
        .filter(|p| {
            p.signal.is_none() && !p.seeks.is_empty() && !p.stretch && p.fits(q.primary(), format)
        })
        .map(general_candidate)
        .collect();
    // Everything any probe looks for was said: a stretch beyond the answer,
    // which no answer covers, so a complete answer still meets one.
    let stretch: Vec<Candidate> = content
        .probes
        .iter()
        .filter(|p| p.stretch && p.fits(q.primary(), format))
        .map(general_candidate)
        .collect();
    let (drill_down, beyond) = if format.is_star() {
        ("a drill-down into the story", "a stretch beyond the story")
    } else {
        (
            "a drill-down into the answer",
            "a stretch beyond the answer",
        )
    };
    for (tier, why) in [
        (persona, "what this interviewer always checks"),
        (own, drill_down),
        (general, drill_down),
        (stretch, beyond),
    ] {
        let pool = usable(&tier, &slots, &fit, &covered);
        if let Some((text, c)) = dice.pick(&pool) {
            return Some(ChosenProbe {
                text: text.clone(),
                signal: None,
                seeks: c.seeks.to_vec(),
                why: why.into(),
            });
        }
    }
    None
}

/// The probes of a tier that can be asked now, slots filled: never one
/// asked before (in this answer or this loop), one whose point was all said
/// or whose premise the answer lacks; one that quotes the candidate's own
/// words before one that does not.
fn usable<'t, 'c>(
    tier: &'t [Candidate<'c>],
    slots: &Slots,
    fit: &Fit,
    covered: &dyn Fn(&[String]) -> bool,
) -> Vec<(String, &'t Candidate<'c>)> {
    let open: Vec<(String, &Candidate)> = tier
        .iter()
        .filter(|c| !fit.was_asked(c.text) && !covered(c.seeks))
        .filter(|c| fit.premise_holds(c.text, c.needs, c.signal.is_some()))
        .filter(|c| !fit.already_said(c.text))
        .filter_map(|c| slots.fill(c.text).map(|t| (t, c)))
        .filter(|(t, _)| !fit.said_in_loop(t))
        .collect();
    let quoting: Vec<(String, &Candidate)> = open
        .iter()
        .filter(|(_, c)| c.text.contains('{'))
        .cloned()
        .collect();
    if quoting.is_empty() { open } else { quoting }
}

/// A press on a dodged reply, about what the dodged probe asked: a press
/// written for one of its seeks first (after a numbers probe, "a rough
/// figure is fine"), the persona's own before the general ones; a press
/// for anything only when the probe sought nothing a press is written for.
fn press(
    ask: &Asking,
    format: AnswerFormat,
    target: &[String],
    fit: &Fit,
    dice: &mut Dice,
) -> Option<ChosenProbe> {
    type Press<'p> = (&'p String, &'p [String], &'p [String]);
    let own: Vec<Press> = ask
        .persona
        .into_iter()
        .flat_map(|p| &p.probing.presses)
        .filter(|f| fits_format(&f.formats, format))
        .map(|f| (&f.text, f.seeks.as_slice(), f.needs.as_slice()))
        .collect();
    let general: Vec<Press> = ask
        .content
        .probes_for_signal("non-answer", ask.question.primary(), format)
        .map(|p| (&p.text, p.seeks.as_slice(), p.needs.as_slice()))
        .collect();
    let open = |v: &[Press], specific: bool| -> Vec<String> {
        v.iter()
            .filter(|(_, s, _)| {
                if specific {
                    s.iter().any(|x| target.contains(x))
                } else {
                    s.is_empty()
                }
            })
            .filter(|(t, _, _)| !fit.was_asked(t) && !fit.said_in_loop(t))
            .filter(|(t, _, n)| fit.premise_holds(t, n, false))
            .map(|(t, _, _)| (*t).clone())
            .collect()
    };
    let tiers = [
        open(&own, true),
        open(&general, true),
        open(&own, false),
        open(&general, false),
    ];
    let pool = tiers.into_iter().find(|t| !t.is_empty())?;
    let text = dice.pick(&pool)?.clone();
    Some(ChosenProbe {
        text,
        signal: Some("non-answer".into()),
        seeks: target.to_vec(),
        why: "the last reply did not answer".into(),
    })
}

/// Phrases that dress a strength up as a weakness.
const HUMBLE_BRAG: &[&str] = &[
    "care too much",
    "cared too much",
    "caring too much",
    "work too hard",
    "worked too hard",
    "working too hard",
    "too hard on myself",
    "perfectionist",
    "perfectionism",
    "too high a standard",
    "standards too high",
    "too detail-oriented",
    "too detail oriented",
    "too passionate",
    "too dedicated",
    "can't say no",
    "too honest",
];

/// The sentence that dresses a strength up as a weakness, if one does.
fn humble_brag<'s>(said: &'s crate::practice::judge::Said<'s>) -> Option<&'s str> {
    said.sentences.iter().map(|s| s.text).find(|t| {
        let l = t.to_lowercase();
        HUMBLE_BRAG.iter().any(|h| l.contains(h))
    })
}

/// A seek as a few words ("data" as "the data behind it").
fn seek_words(id: &str) -> String {
    seeks::seek(id).map_or_else(|| id.replace('-', " "), |s| s.shows.to_string())
}

/// The interviewer an earlier story much like this one was told to.
pub fn told_before<'a>(star: &Star, earlier: &[(&'a str, &'a Answer)]) -> Option<&'a str> {
    let words = crate::practice::debrief::distinctive_words(star);
    earlier
        .iter()
        .map(|(name, a)| {
            let sim = crate::practice::debrief::overlap(
                &words,
                &crate::practice::debrief::distinctive_words(&a.star),
            );
            (sim, *name)
        })
        .filter(|(sim, _)| *sim >= crate::practice::debrief::REUSE_SIMILARITY)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, name)| name)
}

/// The gaps in what was said, most important first.
fn gaps(
    content: &Content,
    judgement: &Judgement,
    story: bool,
    covered: &dyn Fn(&[String]) -> bool,
) -> Vec<Gap> {
    let mut out = Vec::new();
    for f in &judgement.findings {
        if NOT_PROBED.contains(&f.signal) {
            continue;
        }
        // A motivation answer is no story: only a strength dressed as a
        // weakness, habits or blame are pressed there.
        if !story && !BAR_RAISER_PRESSES.contains(&f.signal) {
            continue;
        }
        let explained = crate::content::signal_explanation(f.signal).unwrap_or(f.signal);
        out.push(Gap {
            signal: Some(f.signal),
            seeks: signal_seeks(content, f.signal),
            why: lower_first(
                explained
                    .split(':')
                    .next()
                    .unwrap_or(explained)
                    .trim_end_matches('.'),
            ),
            minor: false,
        });
    }
    if !story {
        return out;
    }
    // Criteria the text cannot speak to, then weak ones.
    for minor in [false, true] {
        for c in judgement.criteria.iter().filter(|c| c.principle || minor) {
            let wanted = match (minor, c.level) {
                (false, None) => true,
                (true, Some(l)) => l <= 2 && c.principle,
                _ => false,
            };
            if !wanted {
                continue;
            }
            let Some(crit) = content
                .rubric(&c.rubric)
                .and_then(|r| r.criteria.iter().find(|x| x.id == c.criterion))
            else {
                continue;
            };
            if crit.when == crate::content::CriterionWhen::Failure && c.level.is_none() {
                // Not a failure story: nothing to ask about its lesson.
                continue;
            }
            let open: Vec<String> = crit
                .seeks
                .iter()
                .filter(|s| !covered(std::slice::from_ref(*s)))
                .cloned()
                .collect();
            if open.is_empty() {
                continue;
            }
            out.push(Gap {
                signal: None,
                why: format!(
                    "{}: {}",
                    lower_first(&c.name),
                    if minor {
                        "weak evidence"
                    } else {
                        "no evidence yet"
                    }
                ),
                seeks: open,
                minor,
            });
        }
    }
    out
}

/// "The Result has…" as "the Result has…" (only the first letter).
fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_lowercase().chain(c).collect(),
        None => String::new(),
    }
}

/// What the general probes for a signal look for.
fn signal_seeks(content: &Content, signal: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for p in content
        .probes
        .iter()
        .filter(|p| p.signal.as_deref() == Some(signal))
    {
        for s in &p.seeks {
            if !out.contains(s) {
                out.push(s.clone());
            }
        }
    }
    out
}

/// The question's own probes and the general ones it refers to.
fn question_probes<'c>(
    content: &'c Content,
    q: &'c Question,
) -> impl Iterator<Item = Candidate<'c>> {
    q.probes.iter().map(as_candidate).chain(
        q.probe_refs
            .iter()
            .filter_map(|id| content.probe(id).map(general_candidate)),
    )
}

fn general_candidate(p: &Probe) -> Candidate<'_> {
    Candidate {
        text: &p.text,
        seeks: &p.seeks,
        signal: p.signal.as_deref(),
        needs: &p.needs,
    }
}

/// The persona's own probes that fit an answer in `format`.
fn persona_probes<'c>(
    ask: &Asking<'c>,
    format: AnswerFormat,
) -> impl Iterator<Item = Candidate<'c>> {
    ask.persona
        .into_iter()
        .flat_map(|p| &p.probing.probes)
        .filter(move |f| fits_format(&f.formats, format))
        .map(as_candidate)
}

fn as_candidate(f: &FollowProbe) -> Candidate<'_> {
    Candidate {
        text: &f.text,
        seeks: &f.seeks,
        signal: None,
        needs: &f.needs,
    }
}

/// The probes that could close `gap`, in tiers: the persona's own first,
/// then (for a red flag) the general probes written for it, then the
/// question's own; the first tier with a usable probe wins.
fn candidates<'c>(ask: &'c Asking, gap: &Gap, format: AnswerFormat) -> [Vec<Candidate<'c>>; 3] {
    let fits = |c: &Candidate| c.seeks.iter().any(|s| gap.seeks.contains(s));
    let persona: Vec<Candidate> = persona_probes(ask, format).filter(fits).collect();
    let general: Vec<Candidate> = ask
        .content
        .probes
        .iter()
        .filter(|p| {
            p.fits(ask.question.primary(), format)
                && match gap.signal {
                    Some(sig) => p.signal.as_deref() == Some(sig),
                    None => p.signal.is_none() && p.seeks.iter().any(|s| gap.seeks.contains(s)),
                }
        })
        .map(general_candidate)
        .collect();
    let own: Vec<Candidate> = question_probes(ask.content, ask.question)
        .filter(|c| c.signal.is_none() && fits(c))
        .collect();
    if gap.signal.is_some() {
        [persona, general, own]
    } else {
        [persona, own, general]
    }
}

/// What an asked probe looked for, found again by its text.
fn seeks_of_asked(ask: &Asking, text: &str) -> Vec<String> {
    let content = ask.content;
    let persona = ask
        .persona
        .into_iter()
        .flat_map(|p| p.probing.probes.iter().map(as_candidate));
    let general = content.probes.iter().map(general_candidate);
    persona
        .chain(question_probes(content, ask.question))
        .chain(general)
        .find(|c| matches_template(c.text, text))
        .map(|c| c.seeks.to_vec())
        .unwrap_or_default()
}

/// The signal a general probe with this text answers to (how a follow-up
/// saved in a draft is recognised again).
pub fn signal_of(content: &Content, text: &str) -> Option<String> {
    content
        .probes
        .iter()
        .find(|p| matches_template(&p.text, text))
        .and_then(|p| p.signal.clone())
}
