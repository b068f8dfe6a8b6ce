//! `--since` values: an RFC 3339 time, a date, or a duration back from now.

use crate::{StoreError, chain};

/// Turns `2026-01-02T10:00:00Z`, `2026-01-02` (midnight UTC) or a duration such as `90s`,
/// `30m`, `1h`, `2d`, `1w` (before `now`) into the stored time format.
pub fn since_to_time(value: &str, now: jiff::Timestamp) -> Result<String, StoreError> {
    let v = value.trim();
    let bad = |message: &str| StoreError::InvalidTime {
        value: value.to_string(),
        message: message.to_string(),
    };
    if let Some(unit) = v.chars().last().filter(|c| "smhdw".contains(*c)) {
        let digits = &v[..v.len() - 1];
        if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
            let n: i64 = digits.parse().map_err(|_| bad("number too large"))?;
            let secs_per = match unit {
                's' => 1,
                'm' => 60,
                'h' => 3600,
                'd' => 86_400,
                _ => 7 * 86_400,
            };
            let secs = n
                .checked_mul(secs_per)
                .ok_or_else(|| bad("duration too large"))?;
            let then = now
                .checked_sub(jiff::SignedDuration::from_secs(secs))
                .map_err(|_| bad("duration reaches before the earliest supported time"))?;
            return Ok(chain::format_time(then));
        }
    }
    if let Ok(date) = v.parse::<jiff::civil::Date>()
        && v.len() == 10
    {
        let ts = date
            .to_zoned(jiff::tz::TimeZone::UTC)
            .map_err(|e| bad(&e.to_string()))?
            .timestamp();
        return Ok(chain::format_time(ts));
    }
    chain::normalize_time(v).map_err(|_| {
        bad("expected an RFC 3339 time (2026-01-02T10:00:00Z), a date (2026-01-02) or a duration (30m, 1h, 2d, 1w)")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_dates_and_times() {
        let now: jiff::Timestamp = "2026-03-10T12:00:00Z".parse().unwrap();
        let s = |v: &str| since_to_time(v, now);
        assert_eq!(s("1h").unwrap(), "2026-03-10T11:00:00.000000Z");
        assert_eq!(s("2d").unwrap(), "2026-03-08T12:00:00.000000Z");
        assert_eq!(s("1w").unwrap(), "2026-03-03T12:00:00.000000Z");
        assert_eq!(s("30m").unwrap(), "2026-03-10T11:30:00.000000Z");
        assert_eq!(s("2026-03-01").unwrap(), "2026-03-01T00:00:00.000000Z");
        assert_eq!(
            s("2026-03-01T05:00:00+01:00").unwrap(),
            "2026-03-01T04:00:00.000000Z"
        );
        assert!(s("yesterday").is_err());
        assert!(s("h").is_err());
        assert!(s("99999999999999999999d").is_err());
    }
}
