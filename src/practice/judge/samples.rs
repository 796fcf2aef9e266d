//! Answers used by the unit tests of the judge and the debrief.

use crate::store::Star;

pub fn star(s: &str, t: &str, a: &str, r: &str) -> Star {
    Star {
        situation: s.into(),
        task: t.into(),
        action: a.into(),
        result: r.into(),
    }
}

/// A strong Ownership story: first person, numbers, a tension, a mechanism.
pub fn strong_ownership() -> Star {
    star(
        "In March 2024 I was the TPM for our fulfilment-centre scheduling service. Nobody owned the nightly capacity export that the EC2 capacity planners relied on, and it silently failed three nights in a row, so the planners ordered racks against week-old numbers.",
        "It was not my system, but the planners were my customers and a wrong order costs about $400,000 in stranded hardware, so I took on getting it fixed and told the platform manager I was doing it.",
        "I pulled the job logs myself and traced the failures to a credentials rotation that nobody had wired into the export. I wrote a two-page proposal for moving the job into our pipeline with an alarm, and the platform lead pushed back because his team was short two engineers before peak. I agreed to carry the on-call for it for one quarter in exchange for his sign-off, wrote the runbook, and ran the cutover on a Friday with a rollback ready.",
        "The export has not missed a night in 11 months, the planners' forecast error fell from 9% to 3%, and we avoided one mis-order that finance sized at $380,000. I now check every cross-team data feed my programs depend on for an owner and an alarm before launch.",
    )
}

/// A strong Deliver Results story.
pub fn strong_delivery() -> Star {
    star(
        "Last year I ran the launch of a self-service returns portal for our EU marketplace, with a fixed date tied to a regulatory deadline on 1 October.",
        "I owned the program: 4 engineering teams, legal and the seller support org, and the go/no-go decision.",
        "Six weeks out, the payments team told me their refund API change would slip by three weeks. The GM wanted the date held and engineering wanted the full feature set, so I laid out two options in a one-page memo: hold the date and ship refunds through the old batch path, or slip everything. I recommended holding the date, cut bulk returns to a later phase, and set up a daily 15-minute risk review. I negotiated a temporary manual refund queue with seller support and tracked it every morning.",
        "We launched on 29 September, two days early. Within 8 weeks 62% of returns went through the portal, contacts per return dropped by 35%, and the deferred bulk feature shipped in November.",
    )
}

/// A weak answer: all "we", no number, no tension.
pub fn weak_we() -> Star {
    star(
        "Our team was working on a big migration project for a customer and we had a lot going on.",
        "We needed to get the migration done.",
        "We planned it out, we helped the vendor, we worked on the cutover together with our partners and we had regular meetings to keep everything on track.",
        "We finished the migration and everyone was happy with our work overall.",
    )
}
