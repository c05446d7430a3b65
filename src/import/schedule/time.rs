//! The times a programme writes: "HH:MM" clocks and durations, and
//! ISO 8601 date-times with an offset.

use crate::dates::day_number;
use crate::model::is_iso_date;

/// A date-time as the programme writes it: the local date and clock, and
/// the offset when given, so instants can be compared across offsets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stamp {
    pub date: String,
    /// Minutes after local midnight.
    pub minutes: u32,
    offset: Option<i64>,
}

impl Stamp {
    /// "2019-12-27T11:00:00+01:00", with or without seconds, fraction or
    /// offset ("Z" is UTC).
    pub fn parse(text: &str) -> Option<Stamp> {
        let text = text.trim();
        let (date, rest) = text.split_at_checked(10)?;
        let rest = rest.strip_prefix(['T', ' '])?;
        if !is_iso_date(date) {
            return None;
        }
        let zone_at = rest.find(['+', '-', 'Z']).unwrap_or(rest.len());
        let (clock, zone) = rest.split_at(zone_at);
        let minutes = clock_minutes(clock.split('.').next()?)?;
        let offset = match zone {
            "" => None,
            "Z" => Some(0),
            signed => {
                let (sign, hours_minutes) = signed.split_at(1);
                let minutes = i64::from(duration_minutes(hours_minutes)?);
                Some(if sign == "-" { -minutes } else { minutes })
            }
        };
        Some(Stamp {
            date: date.to_string(),
            minutes,
            offset,
        })
    }

    /// Minutes since 1970-01-01 00:00 UTC, or in local time without an
    /// offset.
    pub fn instant(&self) -> Option<i64> {
        Some(day_number(&self.date)? * 1440 + i64::from(self.minutes) - self.offset.unwrap_or(0))
    }
}

/// "H:MM", "HH:MM" or "HH:MM:SS" on the 24-hour clock, as minutes.
pub fn clock_minutes(text: &str) -> Option<u32> {
    duration_minutes(text).filter(|&m| m < 24 * 60)
}

/// A length "H:MM" or "HH:MM[:SS]" (hours may pass 24), as whole minutes.
pub fn duration_minutes(text: &str) -> Option<u32> {
    let mut parts = text.trim().split(':');
    let number = |part: Option<&str>, lengths: std::ops::RangeInclusive<usize>| {
        part.filter(|p| lengths.contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit()))
            .and_then(|p| p.parse::<u32>().ok())
    };
    let hours = number(parts.next(), 1..=4)?;
    let minutes = number(parts.next(), 2..=2).filter(|&m| m < 60)?;
    if let Some(seconds) = parts.next() {
        number(Some(seconds), 2..=2).filter(|&s| s < 60)?;
    }
    parts.next().is_none().then_some(hours * 60 + minutes)
}

/// Minutes after midnight as "HH:MM".
pub fn clock(minutes: u32) -> String {
    format!("{:02}:{:02}", minutes / 60 % 24, minutes % 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stamps_with_and_without_offsets() {
        let stamp = Stamp::parse("2019-12-28T01:30:00+01:00").expect("a stamp");
        assert_eq!((stamp.date.as_str(), stamp.minutes), ("2019-12-28", 90));
        let utc = Stamp::parse("2019-12-28T00:30Z").expect("a stamp");
        assert_eq!(stamp.instant(), utc.instant());
        let west = Stamp::parse("2019-12-27T19:30:00.5-05:00").expect("a stamp");
        assert_eq!(west.instant(), utc.instant());
        for bad in ["2019-12-28", "2019-12-32T10:00", "2019-12-28T25:00", "soon"] {
            assert_eq!(Stamp::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn clocks_and_durations() {
        assert_eq!(clock_minutes("9:05"), Some(545));
        assert_eq!(clock_minutes("23:59:59"), Some(1439));
        assert_eq!(clock_minutes("24:00"), None);
        assert_eq!(duration_minutes("26:30"), Some(1590));
        assert_eq!(duration_minutes("00:30:00"), Some(30));
        for bad in ["", "1h", "0:60", "1:2:3:4", "-1:00", "00:5"] {
            assert_eq!(duration_minutes(bad), None, "{bad}");
        }
        assert_eq!(clock(1590), "02:30");
    }
}
