//! Times are stored in UTC and shown in the user's local time.
//!
//! The offset is read once at start-up by the binary
//! ([`use_system_offset`]); until then (and in tests) it is UTC, so output
//! does not depend on the machine's time zone.

use chrono::{DateTime, FixedOffset, NaiveDate, Utc};
use std::sync::atomic::{AtomicI32, Ordering};

static OFFSET_SECS: AtomicI32 = AtomicI32::new(0);

/// Shows times in the system's current UTC offset from now on.
pub fn use_system_offset() {
    let secs = chrono::Local::now().offset().local_minus_utc();
    OFFSET_SECS.store(secs, Ordering::Relaxed);
}

/// The offset times are shown in.
pub fn offset() -> FixedOffset {
    FixedOffset::east_opt(OFFSET_SECS.load(Ordering::Relaxed))
        .unwrap_or_else(|| FixedOffset::east_opt(0).expect("zero offset"))
}

/// A stored UTC time as the user's local time, for display.
pub fn local(t: DateTime<Utc>) -> DateTime<FixedOffset> {
    t.with_timezone(&offset())
}

/// The user's calendar day of a stored UTC time.
pub fn local_date(t: DateTime<Utc>) -> NaiveDate {
    local(t).date_naive()
}

/// The date of day number `day` (days since 1970-01-01): with `day` the
/// user's day of `t`, `(t.timestamp() + offset).div_euclid(86_400)`, it is
/// [`local_date`]`(t)`.
pub fn date_of_day(day: i64) -> Option<NaiveDate> {
    // 1970-01-01 is day 719,163 of the common era (0001-01-01 is day 1).
    NaiveDate::from_num_days_from_ce_opt(i32::try_from(day.checked_add(719_163)?).ok()?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn utc_until_the_binary_sets_the_system_offset() {
        let t = Utc.with_ymd_and_hms(2026, 3, 1, 23, 30, 0).unwrap();
        assert_eq!(
            local(t).format("%Y-%m-%d %H:%M").to_string(),
            "2026-03-01 23:30"
        );
        assert_eq!(local_date(t), NaiveDate::from_ymd_opt(2026, 3, 1).unwrap());
        // The day number progress counts by is the same day.
        for secs in [
            -86_401,
            -1,
            0,
            1,
            86_399,
            86_400,
            1_772_407_800,
            4_102_444_799,
        ] {
            let t = DateTime::from_timestamp(secs, 7).unwrap();
            for off in [-43_200, -28_800, -1, 0, 19_800, 20_700, 50_400] {
                let day = (secs + i64::from(off)).div_euclid(86_400);
                let o = FixedOffset::east_opt(off).unwrap();
                assert_eq!(
                    date_of_day(day),
                    Some(t.with_timezone(&o).date_naive()),
                    "{secs} {off}"
                );
            }
        }
        // The arithmetic the display relies on, with an explicit offset.
        let pst = FixedOffset::west_opt(8 * 3600).unwrap();
        assert_eq!(t.with_timezone(&pst).format("%H:%M").to_string(), "15:30");
    }
}
