//! Answer timers over an injected monotonic clock.

use std::time::{Duration, Instant};

/// A monotonic clock, injected so tests never sleep.
pub trait Clock {
    fn now(&self) -> Duration;
}

/// The real clock: time since the program started.
#[derive(Debug, Clone, Copy)]
pub struct SystemClock(Instant);

impl SystemClock {
    pub fn new() -> Self {
        SystemClock(Instant::now())
    }
}

impl Default for SystemClock {
    fn default() -> Self {
        Self::new()
    }
}

impl Clock for SystemClock {
    fn now(&self) -> Duration {
        self.0.elapsed()
    }
}

/// A clock the test moves by hand.
#[derive(Debug, Default, Clone)]
pub struct FakeClock(pub std::rc::Rc<std::cell::Cell<Duration>>);

impl FakeClock {
    pub fn advance(&self, by: Duration) {
        self.0.set(self.0.get() + by);
    }
}

impl Clock for FakeClock {
    fn now(&self) -> Duration {
        self.0.get()
    }
}

/// How the countdown should look.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimerPhase {
    /// More than 25 % left.
    Plenty,
    /// 25 % or less left.
    Amber,
    /// Time is up; counting overtime.
    Over,
}

/// A countdown that can pause, and keeps counting past zero.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Timer {
    limit: Duration,
    banked: Duration,
    running_since: Option<Duration>,
}

impl Timer {
    /// A timer that starts running at `now`, with `already` spent (for resumes).
    pub fn start(limit: Duration, now: Duration, already: Duration) -> Timer {
        Timer {
            limit,
            banked: already,
            running_since: Some(now),
        }
    }
    pub fn limit(&self) -> Duration {
        self.limit
    }
    pub fn elapsed(&self, now: Duration) -> Duration {
        self.banked
            + self
                .running_since
                .map_or(Duration::ZERO, |s| now.saturating_sub(s))
    }
    pub fn remaining(&self, now: Duration) -> Duration {
        self.limit.saturating_sub(self.elapsed(now))
    }
    pub fn overtime(&self, now: Duration) -> Duration {
        self.elapsed(now).saturating_sub(self.limit)
    }
    pub fn is_paused(&self) -> bool {
        self.running_since.is_none()
    }
    pub fn pause(&mut self, now: Duration) {
        if let Some(s) = self.running_since.take() {
            self.banked += now.saturating_sub(s);
        }
    }
    pub fn resume(&mut self, now: Duration) {
        if self.running_since.is_none() {
            self.running_since = Some(now);
        }
    }
    pub fn phase(&self, now: Duration) -> TimerPhase {
        let e = self.elapsed(now);
        if e >= self.limit {
            TimerPhase::Over
        } else if (self.limit - e) * 4 <= self.limit {
            TimerPhase::Amber
        } else {
            TimerPhase::Plenty
        }
    }
    /// Time until the display next changes (the next whole second).
    pub fn until_next_tick(&self, now: Duration) -> Duration {
        if self.is_paused() {
            return Duration::from_secs(1);
        }
        let ms = self.elapsed(now).subsec_millis();
        Duration::from_millis(u64::from(1000 - ms).max(10))
    }
}

/// `m:ss`, or `+m:ss` for overtime.
pub fn format_clock(d: Duration, over: bool) -> String {
    let s = d.as_secs();
    format!("{}{}:{:02}", if over { "+" } else { "" }, s / 60, s % 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn secs(s: u64) -> Duration {
        Duration::from_secs(s)
    }

    #[test]
    fn countdown_turns_amber_then_over_and_counts_overtime() {
        let clock = FakeClock::default();
        let t = Timer::start(secs(100), clock.now(), Duration::ZERO);
        assert_eq!(t.phase(clock.now()), TimerPhase::Plenty);
        clock.advance(secs(74));
        assert_eq!(t.phase(clock.now()), TimerPhase::Plenty);
        clock.advance(secs(1));
        assert_eq!(
            t.phase(clock.now()),
            TimerPhase::Amber,
            "25 % left is amber"
        );
        clock.advance(secs(25));
        assert_eq!(t.phase(clock.now()), TimerPhase::Over);
        clock.advance(secs(42));
        assert_eq!(t.overtime(clock.now()), secs(42));
        assert_eq!(t.remaining(clock.now()), Duration::ZERO);
        assert_eq!(format_clock(t.overtime(clock.now()), true), "+0:42");
    }

    #[test]
    fn pause_stops_the_clock_and_resume_continues() {
        let clock = FakeClock::default();
        let mut t = Timer::start(secs(60), clock.now(), secs(5));
        clock.advance(secs(10));
        t.pause(clock.now());
        clock.advance(secs(300));
        assert_eq!(t.elapsed(clock.now()), secs(15));
        t.resume(clock.now());
        clock.advance(secs(3));
        assert_eq!(t.elapsed(clock.now()), secs(18));
    }
}
