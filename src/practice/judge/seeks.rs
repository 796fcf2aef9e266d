//! What an answer can show: the `seeks` of rubric criteria (and, later, of
//! probes). Each one is found in a sentence of the candidate's own words,
//! which becomes the quoted evidence.

use super::cues;
use super::text::{Field, Said, Sentence};

/// One thing an interviewer looks for, with the cues that show it.
pub struct Seek {
    pub id: &'static str,
    /// What the evidence shows, as the interviewer would write it.
    pub shows: &'static str,
    /// What is missing when nothing shows it.
    pub missing: &'static str,
    cues: &'static [&'static str],
}

/// Verbs that say what the speaker did without saying what that was.
pub fn is_vague_verb(w: &str) -> bool {
    matches!(
        w,
        "helped"
            | "help"
            | "helping"
            | "supported"
            | "assisted"
            | "participated"
            | "contributed"
            | "handled"
            | "was"
            | "were"
            | "worked"
            | "tried"
            | "got"
            | "had"
            | "did"
            | "felt"
            | "think"
            | "thought"
            | "believe"
            | "guess"
    )
}

fn is_irregular_past(w: &str) -> bool {
    matches!(
        w,
        "wrote"
            | "ran"
            | "built"
            | "made"
            | "took"
            | "set"
            | "cut"
            | "sent"
            | "met"
            | "led"
            | "drew"
            | "chose"
            | "told"
            | "gave"
            | "put"
            | "sat"
            | "went"
            | "spent"
            | "sold"
            | "found"
            | "brought"
            | "kept"
            | "held"
            | "paid"
            | "read"
            | "spoke"
            | "sought"
            | "taught"
            | "won"
            | "bought"
            | "began"
            | "drove"
            | "flew"
            | "rewrote"
            | "oversaw"
            | "split"
            | "shut"
            | "pulled"
            | "dug"
            | "hid"
            | "struck"
            | "froze"
            | "rang"
            | "redrew"
            | "rebuilt"
            | "reran"
            | "overrode"
            | "withdrew"
            | "shot"
    )
}

/// A step of one's own said in the present or the imperative ("I ask…",
/// "Confirm the policy…", "Send the customer a correction"): one of the
/// plain acts a program manager does, not a state of mind or a helper verb.
pub fn is_concrete_present(w: &str) -> bool {
    matches!(
        w,
        "own"
            | "write"
            | "run"
            | "build"
            | "decide"
            | "call"
            | "cut"
            | "set"
            | "ask"
            | "pull"
            | "map"
            | "draft"
            | "escalate"
            | "negotiate"
            | "propose"
            | "review"
            | "track"
            | "measure"
            | "check"
            | "confirm"
            | "send"
            | "read"
            | "publish"
            | "book"
            | "list"
            | "share"
            | "meet"
            | "walk"
            | "start"
            | "stop"
            | "pause"
            | "flag"
            | "test"
            | "time"
            | "engage"
            | "schedule"
            | "add"
            | "post"
            | "trace"
            | "sit"
            | "show"
            | "tell"
            | "brief"
            | "bring"
            | "lock"
            | "plan"
            | "insist"
            | "require"
            | "name"
            | "hire"
            | "move"
            | "split"
            | "compare"
            | "sample"
            | "interview"
            | "visit"
            | "assign"
            | "audit"
            | "reproduce"
            | "notify"
            | "document"
            | "rank"
            | "freeze"
            | "expedite"
            | "offer"
            | "break"
            | "phase"
            | "verify"
            | "email"
    )
}

/// Whether a sentence of a plan gives a step in the imperative ("Same day:
/// confirm the policy…", "Then send the customer a correction"): a plan's
/// own action, said without "I".
fn imperative_step(s: &Sentence) -> bool {
    s.text
        .split([':', ';', ',', '.', '\u{2014}'])
        .filter_map(|piece| {
            piece
                .split_whitespace()
                .map(|w| {
                    w.trim_matches(|c: char| !c.is_alphanumeric())
                        .to_ascii_lowercase()
                })
                .find(|w| !is_skippable(w) && !matches!(w.as_str(), "and" | "in" | "parallel"))
        })
        .any(|w| is_concrete_present(&w))
}

fn is_skippable(w: &str) -> bool {
    matches!(
        w,
        "then"
            | "also"
            | "personally"
            | "quickly"
            | "immediately"
            | "first"
            | "finally"
            | "myself"
            | "directly"
            | "still"
            | "next"
            | "instead"
            | "eventually"
            | "actually"
            | "just"
            // A plan told in the conditional ("I would call the vendor",
            // "I'll pull the logs") is a step of the speaker's own.
            | "would"
            | "will"
    )
}

/// Whether the sentence says what the speaker did themselves: "I" followed
/// by a concrete verb ("I wrote", "I then called"), not "I helped".
pub fn own_action(s: &Sentence) -> bool {
    s.own_action
}

/// [`own_action`] over a sentence's words (worked out once per sentence).
pub fn own_action_in(w: &[String]) -> bool {
    w.iter().enumerate().any(|(i, x)| {
        if !matches!(x.as_str(), "i" | "i'd" | "i'll") {
            return false;
        }
        for v in w.iter().skip(i + 1).take(3) {
            if is_skippable(v) {
                continue;
            }
            if is_vague_verb(v) {
                return false;
            }
            return is_irregular_past(v)
                || is_concrete_present(v)
                || (v.len() > 4 && v.ends_with("ed") && v != "need" && v != "indeed");
        }
        false
    })
}

/// Whether the sentence holds a number.
pub fn has_number(s: &Sentence) -> bool {
    s.has_number
}

/// People the work answers to or runs through, beyond its customers and
/// users: a story that names one of them names a stakeholder, so it is not
/// short of one (the `no-customer` signal), though it says nothing of
/// customer focus.
pub const STAKEHOLDER_CUES: &[&str] = &[
    "manager*",
    "lead",
    "leads",
    "operations",
    "owner*",
    "direct report*",
    "joiner*",
    "new hire*",
    "complain*",
    "contractor*",
    "subcontractor*",
    "board",
    "committee",
    "crew*",
    "analyst",
    "skip-level",
    "sponsor*",
    "inspector*",
    "auditor*",
    "regulator*",
    "recruiter*",
    "hiring",
];

pub const CUSTOMER_CUES: &[&str] = &[
    "waiting on",
    "relied on",
    "rely on",
    "relies on",
    "depended on",
    "depend on",
    "depends on",
    "team wanted",
    "teams wanted",
    "team needed",
    "teams needed",
    "for the _ team*",
    "employees",
    "staff",
    "colleagues",
    "our people",
    "site manager*",
    "site lead*",
    "morale",
    "wellbeing",
    "well-being",
    "burnout",
    "customer*",
    "user*",
    "client*",
    "stakeholder*",
    "buyer*",
    "seller*",
    "shopper*",
    "tenant*",
    "consumer*",
    "patient*",
    "clinician*",
    "advertiser*",
    "merchant*",
    "partner*",
    "planner*",
    "technician*",
    "operator*",
    "requester*",
    "subscriber*",
    "developer*",
    "driver*",
    "account*",
    "end-user*",
    "downstream",
    "agents",
    "analysts",
    "on-call",
    "oncall",
    "hospital*",
    "doctor*",
    "nurse*",
    "student*",
    "teacher*",
    "researcher*",
    "scientist*",
    "member*",
    "reader*",
    "viewer*",
    "rider*",
    "vendor*",
    "supplier*",
    "finance",
    "sales",
    "legal",
    "vp",
    "gm",
    "director*",
    "leadership",
    "executive*",
    "business owner*",
    "field team*",
    "support team*",
    "ops team*",
    "service team*",
    "internal team*",
    "other team*",
    "partner team*",
    "who used",
    "who rely",
    "who relied",
    "people who",
    "teams that",
    "teams who",
];

pub const CONFLICT_CUES: &[&str] = &[
    "promised",
    "was small",
    "understaffed",
    "short-staffed",
    "stretched",
    "scarce",
    "shortage*",
    "hard to find",
    "too big",
    "too risky",
    "too expensive",
    "too ambitious",
    "too slow",
    "didn't like",
    "did not like",
    "not convinced",
    "disagre*",
    "dispute*",
    "conflict*",
    "compet*",
    "pushback",
    "push* back",
    "object*",
    "concern*",
    "tension*",
    "trade-off*",
    "tradeoff*",
    "trade off",
    "traded",
    "risk*",
    "constrain*",
    "deadline*",
    "pressure*",
    "budget*",
    "headcount",
    "compromis*",
    "reject*",
    "declin*",
    "refus*",
    "argu*",
    "challeng*",
    "blocker*",
    "blocked",
    "escalat*",
    "against",
    "instead of",
    "rather than",
    "versus",
    "vs",
    "insist*",
    "worried",
    "worry",
    "nervous",
    "sceptic*",
    "skeptic*",
    "unhappy",
    "frustrat*",
    "angry",
    "upset",
    "complain*",
    "resist*",
    "reluctan*",
    "opposed",
    "behind schedule",
    "fell behind",
    "slip*",
    "delay*",
    "late",
    "short of",
    "not enough",
    "only had",
    "only # ",
    "tight",
    "at the cost of",
    "gave up",
    "give up",
    "cost us",
    "would mean",
    "meant giving",
    "either",
    "but _ wanted",
    "but _ _ wanted",
    "wouldn't",
    "would not",
    "didn't want",
    "did not want",
    "no one wanted",
    "nobody wanted",
    "hard call",
    "tough call",
    "difficult",
    "problem*",
    "issue*",
    "fail*",
    "mistake*",
    "outage*",
    "incident*",
    "missed",
    "broke*",
    "wrong",
    "running behind",
    "behind plan",
    "bottleneck*",
    "near miss*",
    "unrealistic",
    "didn't seem realistic",
    "not realistic",
    "optimistic",
    "weren't convinced",
    "wasn't convinced",
    "turned out",
    "waste*",
    "idle",
    "overlooked",
    "gap*",
    "shortfall*",
    "overrun*",
    "stuck",
    "bug*",
    "defect*",
    "error*",
    "hard",
    "slow*",
    "confusing",
    "messy",
    "crept",
    "dropped off",
    "defensive",
    "drift*",
    "end-of-life",
];

/// Whether a word names a month.
pub fn is_month(w: &str) -> bool {
    matches!(
        w,
        "january"
            | "february"
            | "march"
            | "april"
            | "may"
            | "june"
            | "july"
            | "august"
            | "september"
            | "october"
            | "november"
            | "december"
    )
}

pub const TIMELINE_CUES: &[&str] = &[
    "spring",
    "summer",
    "autumn",
    "winter",
    "day*",
    "week*",
    "month*",
    "quarter*",
    "year*",
    "hour*",
    "minute*",
    "deadline*",
    "q1",
    "q2",
    "q3",
    "q4",
    "january",
    "february",
    "march",
    "april",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "weekend*",
    "sprint*",
    "overnight",
    "tonight",
    "tomorrow",
    "yesterday",
    "launch date",
    "eta",
    "by the end of",
    "prime day",
    "peak",
    "re:invent",
    "reinvent",
    "holiday*",
];

pub const LESSON_CUES: &[&str] = &[
    "what i do now",
    "fixes i put in",
    "the fix i put in",
    "i put in place",
    "now come from",
    "now comes from",
    "now requires",
    "now require",
    "now goes through",
    "what i do differently",
    "the habit i",
    "the thing i took",
    "what i took from",
    "what i carry",
    "i carry",
    "i still",
    "i've since",
    "i have since",
    "i always now",
    "i changed",
    "we changed",
    "now needs",
    "now need",
    "years since",
    "months since",
    "learn*",
    "lesson*",
    "taught me",
    "since then",
    "since that",
    "ever since",
    "from then on",
    "from that point",
    "these days",
    "going forward",
    "next time",
    "now i",
    "i now",
    "now we",
    "we now",
    "now every",
    "now _ every",
    "now always",
    "now _ always",
    "now has",
    "now have",
    "now run",
    "now require*",
    "now check*",
    "would do differently",
    "do it differently",
    "do differently",
    "differently now",
    "changed how",
    "changed the way",
    "changed my",
    "never again",
    "made it a rule",
    "standard practice",
    "became the standard",
    "became a standard",
    "became part of",
    "in hindsight",
    "looking back",
    "i should have",
    "i'd have",
    "i would have",
    "added a",
    "added an",
    // A change in how the candidate works, told without the word lesson.
    "what changed in",
    "the change i made",
    "change i made to",
    "after that every",
    "after that i",
    "i've run since",
    "i have run since",
    "i've led since",
    "i have led since",
    "now the first",
];

/// A failure of the speaker's own (or their team's): first person, or the
/// launch, program or call itself failing. Someone else's error, or a
/// "failing" upload the story fixes, is not one.
pub const FAILURE_CUES: &[&str] = &[
    "my mistake*",
    "was the mistake",
    "that was a mistake",
    "the mistake was",
    "it was a mistake",
    "cause was my",
    "caused by my",
    "my change",
    "i reverted",
    "i had to revert",
    "i rolled back",
    "my fault",
    "my error",
    "i was wrong",
    "we were wrong",
    "my _ was wrong",
    "backfired",
    "it cost us",
    "was # weeks late",
    "were # weeks late",
    "was # months late",
    "were # months late",
    "we finished # weeks late",
    "we finished # months late",
    "our _ was wrong",
    "proved me wrong",
    "proved us wrong",
    "worse than i expected",
    "worse than we expected",
    "slower than i expected",
    "slower than we expected",
    "i got it wrong",
    "we got it wrong",
    "i got _ wrong",
    "my call was wrong",
    "the wrong call",
    "wrong call",
    "i made a mistake",
    "i made the wrong",
    "i made a bad",
    "i failed",
    "we failed",
    "i missed",
    "we missed",
    "i underestimat*",
    "we underestimat*",
    "i misjudg*",
    "we misjudg*",
    "i misread",
    "i overlooked",
    "i didn't catch",
    "i did not catch",
    "i didn't check",
    "i did not check",
    "i didn't test",
    "i did not test",
    "i should have",
    "i shouldn't have",
    "i dropped the ball",
    "i overcommitted",
    "i over-committed",
    "i overpromised",
    "i over-promised",
    "i was overconfident",
    "i had assumed",
    "i assumed",
    "i lost _ money",
    "we lost _ money",
    "i lost the customer",
    "we lost the customer",
    "we lost the deal",
    "i lost the deal",
    "i let _ down",
    "i regret*",
    "it was my fault",
    "it was my error",
    "that was on me",
    "was on me",
    "the launch failed",
    "the project failed",
    "the program failed",
    "the pilot failed",
    "the migration failed",
    "it failed",
    "didn't work",
    "did not work",
    "went wrong",
    "backfired",
    "we fell short",
    "i fell short",
    "fell flat",
    "flopped",
    "we slipped",
    "it slipped",
    "we were late",
    "missed the date",
    "missed the deadline",
    "missed our",
    "missed my",
    "missing our",
    "missing my",
    "short of my goal",
    "short of our goal",
    "short of my target",
    "short of our target",
    "rolled back",
    "had to roll back",
    "had to be rolled back",
    "outage i",
    "caused an outage",
    "caused a sev*",
    "critical feedback",
    "harsh feedback",
    "told me i",
    "told me my",
];

pub static SEEKS: &[Seek] = &[
    Seek {
        id: "requirements",
        shows: "pins down the requirements before solving",
        missing: "jumps to a solution without asking what is needed",
        cues: &[
            "requirement*",
            "clarify*",
            "clarifying",
            "assum*",
            "in scope",
            "out of scope",
            "non-goal*",
            "first ask",
            "i'd ask",
            "i would ask",
            "i'd want to know",
            "i would want to know",
            "want to understand",
            "need to know",
            "must have",
            "must-have",
            "functional",
            "non-functional",
            "constraint*",
            "what problem",
            "use case*",
            "the goal is",
            "goals are",
            "success criteria",
            "find out",
            "want to know",
            "ask for",
            "pin down",
            "what we know",
            "what i know",
            "don't know yet",
            "do not know yet",
            "unknown*",
        ],
    },
    Seek {
        id: "scale",
        shows: "sizes the load",
        missing: "no sense of scale: how many users, requests or sites",
        cues: &[
            "per second",
            "per day",
            "per hour",
            "per month",
            "qps",
            "tps",
            "rps",
            "requests",
            "throughput",
            "concurrent",
            "peak",
            "volume",
            "terabyte*",
            "petabyte*",
            "gigabyte*",
            "tb",
            "pb",
            "gb",
            "million",
            "millions",
            "billion*",
            "thousand*",
            "daily active",
            "users",
            "sites",
            "regions",
            "fleet",
            "racks",
            "grow*",
            "growth",
            "10x",
            "headroom",
        ],
    },
    Seek {
        id: "components",
        shows: "lays out the parts and how they connect",
        missing: "no parts named: the design stays a wish",
        cues: &[
            "service*",
            "api*",
            "queue*",
            "database*",
            "datastore*",
            "data store",
            "table*",
            "cache*",
            "pipeline*",
            "stream*",
            "event*",
            "component*",
            "microservice*",
            "endpoint*",
            "store",
            "storage",
            "index*",
            "worker*",
            "scheduler*",
            "orchestrat*",
            "workflow*",
            "front end",
            "frontend",
            "backend",
            "back end",
            "load balancer*",
            "s3",
            "dynamodb",
            "lambda",
            "sqs",
            "kinesis",
            "model registry",
            "feature store",
            "vector*",
            "ingest*",
            "layer*",
            "module*",
            "schema",
        ],
    },
    Seek {
        id: "failure-modes",
        shows: "says how it fails and what happens then",
        missing: "never says what breaks or what happens when it does",
        cues: &[
            "fail*",
            "failover",
            "outage*",
            "goes down",
            "go down",
            "down for",
            "single point*",
            "retry",
            "retries",
            "retried",
            "timeout*",
            "time out",
            "times out",
            "degrad*",
            "fallback*",
            "fall back",
            "redundan*",
            "replica*",
            "backup*",
            "idempoten*",
            "dead-letter",
            "dead letter",
            "circuit breaker*",
            "throttl*",
            "back-pressure",
            "backpressure",
            "data loss",
            "corrupt*",
            "stale",
            "partial*",
            "disaster recovery",
            "blast radius",
            "what breaks",
            "breaks",
        ],
    },
    Seek {
        id: "success-metric",
        shows: "names the measure that would show success",
        missing: "no measure of success: how would anyone know it worked?",
        cues: &[
            "success metric*",
            "measure success",
            "measure of success",
            "success looks like",
            "success would be",
            "we'd know",
            "we would know",
            "i'd know",
            "i would know",
            "i'd track",
            "i would track",
            "i'd measure",
            "i would measure",
            "kpi*",
            "input metric*",
            "output metric*",
            "leading indicator*",
            "error rate",
            "latency",
            "p99",
            "p50",
            "availability",
            "uptime",
            "adoption",
            "conversion",
            "on-time",
            "cycle time",
            "lead time",
            "mttr",
            "time to detect",
            "time to recover",
            "target of",
            "the target",
            "goal of",
            "north star",
            "dashboard*",
            "slo*",
            "sla*",
            // Measures in words: what would be counted or timed.
            "per minute",
            "per hour",
            "per day",
            "per week",
            "per month",
            "rate",
            "how many",
            "how long",
            "how often",
            "number of",
            "count of",
            "share of",
            "percentage of",
            "throughput",
            "backlog",
            "time to",
            "accuracy",
            "satisfaction",
            "complaints",
            "tickets",
        ],
    },
    Seek {
        id: "communication",
        shows: "says who hears what, and when",
        missing: "never says who they would tell or when",
        cues: &[
            "tell",
            "told",
            "inform*",
            "notify",
            "notif*",
            "escalat*",
            "update*",
            "status",
            "brief*",
            "heads-up",
            "heads up",
            "email*",
            "call the",
            "call my",
            "i'd call",
            "i would call",
            "page the",
            "loop in",
            "looped in",
            "let _ know",
            "communicat*",
            "announce*",
            "share the",
            "wbr",
            "stakeholder*",
        ],
    },
    Seek {
        id: "metric",
        shows: "backs it with a number",
        missing: "no number shows the outcome",
        cues: &[],
    },
    Seek {
        id: "own-action",
        shows: "names an action of their own",
        missing: "never names an action of their own",
        cues: &[],
    },
    Seek {
        id: "customer",
        shows: "names who the work was for",
        missing: "no customer or stakeholder appears",
        cues: CUSTOMER_CUES,
    },
    Seek {
        id: "conflict",
        shows: "names the tension",
        missing: "no tension, trade-off or obstacle: it sounds too easy",
        cues: CONFLICT_CUES,
    },
    Seek {
        id: "timeline",
        shows: "places it in time",
        missing: "no date, duration or deadline",
        cues: TIMELINE_CUES,
    },
    Seek {
        id: "lesson",
        shows: "says what they learned or changed",
        missing: "no lesson or change afterwards",
        cues: LESSON_CUES,
    },
    Seek {
        id: "root-cause",
        shows: "goes to the cause",
        missing: "never gets to why it happened",
        cues: &[
            "root cause*",
            "caus*",
            "because",
            "turned out",
            "traced",
            "trace",
            "the reason",
            "found that",
            "discovered",
            "the real problem",
            "underlying",
            "five whys",
            "5 whys",
            "why",
            "due to",
        ],
    },
    Seek {
        id: "decision",
        shows: "makes a call",
        missing: "no decision of their own",
        cues: &[
            "decid*",
            "decision*",
            "chose",
            "choose",
            "made the call",
            "make the call",
            "makes the call",
            "my call",
            "the call is",
            "i'd rather",
            "i would rather",
            "we'd rather",
            "went with",
            "opted",
            "picked",
            "pick",
            "go with",
            // Choosing one thing over a named other is a call.
            "rather than",
            "instead of",
            "recommend*",
            "option*",
            "alternative*",
            "proposed",
            "bet",
            "go/no-go",
            "no-go",
            "prioriti*",
        ],
    },
    Seek {
        id: "mechanism",
        shows: "leaves a mechanism behind",
        missing: "relies on good intentions: no mechanism",
        cues: &[
            "mechanism*",
            "checklist*",
            "runbook*",
            "playbook*",
            "dashboard*",
            "alarm*",
            "alert*",
            "template*",
            "review*",
            "audit*",
            "automat*",
            "gate*",
            "policy",
            "sla*",
            "standard*",
            "process*",
            "cadence",
            "wbr",
            "mbr",
            "tracker*",
            "weekly",
            "monthly",
            "ticket queue",
            "script*",
            "guardrail*",
            "tool*",
        ],
    },
    Seek {
        id: "data",
        shows: "works from data",
        missing: "no data behind it",
        cues: &[
            "data",
            "analy*",
            "query",
            "queries",
            "queried",
            "sql",
            "log*",
            "metric*",
            "survey*",
            "ticket*",
            "measur*",
            "sampl*",
            "numbers",
            "spreadsheet*",
            "report*",
            "a/b",
            "experiment*",
            "dashboard*",
            "trend*",
            "baseline",
            "figures",
            "actuals",
            "forecast*",
            "p99",
            "p50",
            "percentile*",
            "telemetry",
            "benchmark*",
        ],
    },
    Seek {
        id: "trade-off",
        shows: "states a trade-off and its cost",
        missing: "no trade-off stated",
        cues: &[
            "instead of",
            "rather than",
            "i'd rather",
            "i would rather",
            "we'd rather",
            "at the cost of",
            "gave up",
            "give up",
            "trade*",
            "defer*",
            "descop*",
            "de-scop*",
            "cut",
            "dropped",
            "in exchange",
            "cost us",
            "meant giving",
            "would mean",
            "slip*",
            "delay*",
            "pushed the",
            "moved the date",
            "re-baselin*",
            "rebaselin*",
            "phase two",
            "later phase",
            "held the date",
            "hold the date",
            // What a design's trade-off sounds like: a gain paid for.
            "but means",
            "which means",
            "at the expense",
            "downside*",
            "drawback*",
            "we accept",
            "accepting",
            "versus",
            "the price",
            "in return",
            "is worse",
            "worse than",
            "but adds",
            "adds latency",
            "adds cost",
            "adds complexity",
            "costs more",
            "more expensive",
        ],
    },
    Seek {
        id: "risk",
        shows: "weighs the risk",
        missing: "no risk weighed",
        cues: &[
            "risk*",
            "rollback*",
            "roll back",
            "fallback*",
            "fall back",
            "mitigat*",
            "contingen*",
            "worst case",
            "reversible",
            "two-way door",
            "one-way door",
            "pilot*",
            "canary",
            "phased",
            "blast radius",
            "downside",
            "safe*",
            "what if",
            "plan b",
        ],
    },
    Seek {
        id: "scope",
        shows: "works at scale",
        missing: "the scope is small or unclear",
        cues: &[
            "org*",
            "teams",
            "countries",
            "region*",
            "global*",
            "company-wide",
            "million*",
            "billion*",
            "thousand*",
            "hundreds",
            "across",
            "multi-year",
            "division*",
            "business unit*",
            "data centers",
            "sites",
            "fleet*",
            "worldwide",
            "every team",
            "all teams",
            "# teams",
            "# sites",
            "# countries",
            "# engineers",
            "# people",
        ],
    },
    Seek {
        id: "alignment",
        shows: "brings people along",
        missing: "nobody had to be convinced",
        cues: &[
            "align*",
            "convinc*",
            "persuad*",
            "agreed",
            "agreement",
            "buy-in",
            "bought in",
            "sign-off",
            "signed off",
            "won over",
            "made the case",
            "walked _ through",
            "walked them",
            "sat down with",
            "one-on-one",
            "1:1",
            "met with",
            "presented",
            "wrote a memo",
            "six-pager",
            "6-pager",
            "narrative",
        ],
    },
    Seek {
        id: "people",
        shows: "develops people",
        missing: "nothing about the people",
        cues: &[
            "coach*",
            "mentor*",
            "hire*",
            "hiring",
            "feedback",
            "promot*",
            "career*",
            "1:1*",
            "one-on-one*",
            "develop*",
            "grow",
            "grew",
            "growth",
            "train*",
            "onboard*",
            "interview*",
            "burnout",
            "burned out",
            "morale",
            "wellbeing",
            "well-being",
            "workload",
            "stretch",
            "strengths",
            "performance review*",
            "team member*",
            "direct report*",
            "my reports",
            "reported to me",
        ],
    },
    Seek {
        id: "ambiguity",
        shows: "acts without full information",
        missing: "everything was known in advance",
        cues: &[
            "unclear",
            "ambigu*",
            "nobody knew",
            "no one knew",
            "no data",
            "unknown*",
            "assum*",
            "without data",
            "without the data",
            "incomplete",
            "uncertain*",
            "no precedent",
            "hypothes*",
            "didn't know",
            "did not know",
            "no playbook",
            "no clear",
            "missing data",
            "partial data",
            "best guess",
            "estimat*",
        ],
    },
    Seek {
        id: "simplify",
        shows: "removes steps instead of adding them",
        missing: "nothing was removed or simplified",
        cues: &[
            "remov*",
            "eliminat*",
            "simplif*",
            "simpler",
            "automat*",
            "fewer",
            "consolidat*",
            "retired",
            "deleted",
            "single",
            "merged",
            "replaced",
            "cut out",
            "cut the",
            "got rid",
            "no longer",
            "dropped",
            "self-serve",
            "self-service",
        ],
    },
    Seek {
        id: "invention",
        shows: "brings a new idea",
        missing: "no new idea of their own",
        cues: &[
            "invent*",
            "new approach",
            "new way",
            "prototyp*",
            "idea",
            "designed",
            "patent*",
            "novel",
            "first time",
            "borrowed",
            "adapted",
            "reimagin*",
            "redesign*",
            "built a",
            "came up with",
            "proof of concept",
            "poc",
        ],
    },
    Seek {
        id: "learning",
        shows: "learns on purpose",
        missing: "no sign of learning something new",
        cues: &[
            "learn*",
            "read",
            "course*",
            "taught myself",
            "studied",
            "study",
            "certif*",
            "curious",
            "curiosity",
            "asked why",
            "shadow*",
            "deep dive",
            "dug into",
            "dig into",
            "paper*",
            "book*",
            "tutorial*",
            "class",
            "practised",
            "practiced",
        ],
    },
    Seek {
        id: "speed",
        shows: "moves fast",
        missing: "no sense of urgency",
        cues: &[
            "same day",
            "that day",
            "that night",
            "overnight",
            "immediately",
            "quickly",
            "within # hour*",
            "within # day*",
            "within # week*",
            "within an hour",
            "within a day",
            "within a week",
            "in # hour*",
            "in # day*",
            "hours",
            "fast*",
            "urgen*",
            "right away",
            "before the",
            "next morning",
            "two-way door",
            "didn't wait",
            "did not wait",
            "without waiting",
            "today",
            "tonight",
            "this week",
            "first # days",
            "first two days",
            "first hour",
            "in the first",
        ],
    },
    Seek {
        id: "frugal",
        shows: "does more with less",
        missing: "no constraint on money or people",
        cues: &[
            "without adding",
            "no new headcount",
            "no extra",
            "no additional",
            "budget*",
            "saved",
            "saving*",
            "cost*",
            "reused",
            "reuse",
            "existing",
            "spend*",
            "cheap*",
            "free",
            "$*",
            "dollar*",
            "headcount",
            "frugal*",
            "with what we had",
            "shoestring",
        ],
    },
    Seek {
        id: "candour",
        shows: "tells the truth early",
        missing: "no hard truth told",
        cues: &[
            "admitted",
            "told _ the truth",
            "the truth",
            "bad news",
            "owned up",
            "my miss",
            "it was my mistake",
            "it was us",
            "it was our change",
            "as the root cause",
            "transparen*",
            // Not "honestly": as a filler ("not much, honestly") it tells
            // no truth.
            "honest",
            "honesty",
            "apologi*",
            "flagged",
            "credib*",
            "trust*",
            "told them",
            "told my",
            "told the",
            "told him",
            "told her",
            "early",
            "upfront",
            "up front",
            "red status",
            "went red",
            "turned red",
            "status red",
            // The hard truth itself, said to someone: a miss or an overrun
            // ahead of it.
            "would overrun",
            "going to overrun",
            "would miss",
            "going to miss",
            "behind plan",
            "behind schedule",
            "escalated",
            "raised it with",
            "walked _ through the",
        ],
    },
    Seek {
        id: "standards",
        shows: "holds a high bar",
        missing: "no bar named or held",
        cues: &[
            "bar",
            "standard*",
            "quality",
            "defect*",
            "sev*",
            "error rate",
            "accuracy",
            "rework",
            "reject*",
            "sent back",
            "send it back",
            "not good enough",
            "wasn't good enough",
            "raised",
            "raise the",
            "zero",
            "no-go",
            "block* the launch",
            "held the launch",
            "stopped the",
        ],
    },
    Seek {
        id: "vision",
        shows: "thinks bigger than the task",
        missing: "the ambition stays at the task",
        cues: &[
            "vision",
            "north star",
            "multi-year",
            "three-year",
            "3-year",
            "five-year",
            "5-year",
            "roadmap*",
            "long-term",
            "long term",
            "narrative",
            "pr/faq",
            "prfaq",
            "10x",
            "ambitio*",
            "bigger",
            "platform",
            "every team",
            "company-wide",
            "org-wide",
            "across the org",
            "reframed",
        ],
    },
    Seek {
        id: "responsibility",
        shows: "weighs the wider effect",
        missing: "no effect beyond the team considered",
        cues: &[
            "communit*",
            "environment*",
            "sustainab*",
            "energy",
            "water",
            "carbon",
            "emission*",
            "privacy",
            "safety",
            "secur*",
            "accessib*",
            "fairness",
            "bias",
            "compliance",
            "complian*",
            "regulat*",
            "societ*",
            "neighbo*",
            "public",
            "ethic*",
            "harm*",
            "second-order",
            "downstream",
            "unintended",
        ],
    },
    Seek {
        id: "setback",
        shows: "recovers from a setback",
        missing: "no setback faced",
        cues: &[
            "setback*",
            "roadblock*",
            "obstacle*",
            "hurdle*",
            "slip*",
            "delay*",
            "blocked",
            "blocker*",
            "lost",
            "fell behind",
            "behind schedule",
            "late",
            "outage*",
            "went wrong",
            "fail*",
            "recover*",
            "replan*",
            "re-plan*",
            "re-baselin*",
            "rebaselin*",
            "broke",
            "missed",
            "at risk",
            "went red",
        ],
    },
    Seek {
        id: "disagreement",
        shows: "disagrees openly with reasons",
        missing: "never disagreed with anyone",
        cues: &[
            "disagre*",
            "pushed back",
            "push back",
            "pushback",
            "objected",
            "challenged",
            "argued",
            "made the case",
            "case against",
            "said no",
            "told _ no",
            "wrote a memo",
            "wrote up",
            "escalat*",
            "not convinced",
            "wasn't convinced",
            "raised my concern",
            "raised the concern",
            "dissent*",
            "counter-proposal",
            "counterproposal",
            "alternative",
        ],
    },
    Seek {
        id: "commitment",
        shows: "commits once decided",
        missing: "no sign of committing to the final call",
        cues: &[
            "committed",
            "commit",
            "disagree and commit",
            "backed",
            "supported the decision",
            "went along",
            "delivered it anyway",
            "once the decision",
            "fully behind",
            "executed",
            "got behind",
            "put my weight",
            "all in",
        ],
    },
    Seek {
        id: "outcome",
        shows: "lands the result",
        missing: "no outcome landed",
        cues: &[
            "launched",
            "shipped",
            "delivered",
            "landed",
            "went live",
            "completed",
            "finished",
            "closed",
            "hit",
            "met the",
            "beat",
            "achieved",
            "reduced",
            "increased",
            "improved",
            "grew",
            "cut",
            "saved",
            "dropped",
            "rose",
            "fell",
            "recovered",
        ],
    },
];

impl Seek {
    /// Whether any of the seek's cues is in `words` (for the seeks found by
    /// their own logic, metric and own-action, never).
    pub fn matches(&self, words: &[String]) -> bool {
        cues::first(self.cues, words).is_some()
    }
}

/// The ids the content may name in `seeks`.
pub fn ids() -> impl Iterator<Item = &'static str> {
    SEEKS.iter().map(|s| s.id)
}

pub fn seek(id: &str) -> Option<&'static Seek> {
    SEEKS.iter().find(|s| s.id == id)
}

/// The sentences that show `seek`, best first (STAR parts in order, then
/// replies). A metric is looked for in the Result and the replies first.
pub fn evidence<'s, 'a>(seek: &Seek, said: &'s Said<'a>) -> Vec<&'s Sentence<'a>> {
    let hit = |s: &Sentence| match seek.id {
        "metric" => has_number(s),
        // A plan's part in the imperative is the speaker's own step.
        "own-action" => own_action(s) || (matches!(s.field, Field::Part(_)) && imperative_step(s)),
        _ => cues::first(seek.cues, &s.words).is_some(),
    };
    let mut out: Vec<&Sentence> = said.sentences.iter().filter(|s| hit(s)).collect();
    if seek.id == "metric" {
        // The outcome's number first.
        out.sort_by_key(|s| match s.field {
            Field::Result => 0,
            Field::Reply(_) => 1,
            _ => 2,
        });
    }
    out
}

/// [`evidence`] remembered per seek for one answer: several criteria (and
/// the off-topic check) ask for the same seek.
pub struct Memo<'s, 'a> {
    said: &'s Said<'a>,
    seen: std::cell::RefCell<foldhash::HashMap<&'static str, Vec<usize>>>,
}

impl<'s, 'a> Memo<'s, 'a> {
    pub fn new(said: &'s Said<'a>) -> Self {
        Memo {
            said,
            seen: Default::default(),
        }
    }

    /// The sentences that show `seek`, best first.
    pub fn evidence(&self, seek: &'static Seek) -> Vec<&'s Sentence<'a>> {
        let mut seen = self.seen.borrow_mut();
        let idx = seen.entry(seek.id).or_insert_with(|| {
            evidence(seek, self.said)
                .into_iter()
                .map(|s| {
                    self.said
                        .sentences
                        .iter()
                        .position(|x| std::ptr::eq(x, s))
                        .unwrap_or(0)
                })
                .collect()
        });
        idx.iter().map(|&i| &self.said.sentences[i]).collect()
    }
}

/// The cue that matched, to explain the evidence ("names the tension:
/// 'pushed back'").
pub fn matched_cue(seek: &Seek, s: &Sentence) -> Option<&'static str> {
    cues::first(seek.cues, &s.words)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Star;

    #[test]
    fn every_seek_id_is_unique_and_documented_in_content() {
        let mut ids: Vec<_> = ids().collect();
        let n = ids.len();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), n);
        for id in ids {
            assert!(
                crate::content::SEEKS.contains(&id),
                "{id} is not in content::SEEKS"
            );
        }
        assert_eq!(crate::content::SEEKS.len(), n);
    }

    #[test]
    fn own_action_needs_a_concrete_verb_after_i() {
        let star = Star {
            action: "I helped the team. I then rewrote the runbook. We shipped. I decided to cut scope. I was involved.".into(),
            ..Default::default()
        };
        let said = Said::new(&star, &[]);
        let own: Vec<&str> = evidence(seek("own-action").unwrap(), &said)
            .iter()
            .map(|s| s.text)
            .collect();
        assert_eq!(
            own,
            vec!["I then rewrote the runbook.", "I decided to cut scope."]
        );
    }

    #[test]
    fn a_customer_named_by_role_counts() {
        let star = Star {
            situation: "The EC2 capacity planners could not see rack delivery dates.".into(),
            ..Default::default()
        };
        let said = Said::new(&star, &[]);
        assert_eq!(evidence(seek("customer").unwrap(), &said).len(), 1);
    }

    #[test]
    fn the_outcomes_number_comes_first() {
        let star = Star {
            action: "I ran 3 workshops.".into(),
            result: "Tickets fell 40%.".into(),
            ..Default::default()
        };
        let said = Said::new(&star, &[]);
        let ev = evidence(seek("metric").unwrap(), &said);
        assert_eq!(ev[0].text, "Tickets fell 40%.");
        assert_eq!(ev.len(), 2);
    }
}
