//! Short human labels for the report's ISO dates and clock times, without a
//! date library: the report's dates are plain Gregorian days.

/// English weekday names, Sunday first; labels use their first three letters.
pub const WEEKDAYS: [&str; 7] = [
    "Sunday",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
];
/// English month names, as reports write them.
pub const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

fn parts(iso: &str) -> Option<(i32, usize, u32)> {
    let year = crate::model::digits(iso, 0..4)?;
    let month = crate::model::digits(iso, 5..7)? as usize;
    let day = crate::model::digits(iso, 8..10)?;
    (1..=12)
        .contains(&month)
        .then_some((year as i32, month, day))
}

/// Day of the week, 0 = Sunday (Sakamoto's method).
fn weekday(year: i32, month: usize, day: u32) -> usize {
    const OFFSETS: [i32; 12] = [0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4];
    let y = if month < 3 { year - 1 } else { year };
    let w = y + y / 4 - y / 100 + y / 400 + OFFSETS[month - 1] + day as i32;
    w.rem_euclid(7) as usize
}

/// "2024-03-19" gives "Tue 19 Mar".
pub fn short_day(iso: &str) -> String {
    match parts(iso) {
        Some((y, m, d)) => format!(
            "{} {d} {}",
            &WEEKDAYS[weekday(y, m, d)][..3],
            &MONTHS[m - 1][..3]
        ),
        None => iso.to_string(),
    }
}

/// "2024-03-18" gives "Monday, March 18", a day heading's usual label.
pub fn long_day(iso: &str) -> Option<String> {
    let (y, m, d) = parts(iso)?;
    Some(format!(
        "{}, {} {d}",
        WEEKDAYS[weekday(y, m, d)],
        MONTHS[m - 1]
    ))
}

/// "18–20 March 2024", or the full form when months or years differ.
pub fn date_range(first: &str, last: &str) -> String {
    match (parts(first), parts(last)) {
        (Some((y1, m1, d1)), Some((y2, m2, d2))) if (y1, m1, d1) == (y2, m2, d2) => {
            format!("{d1} {} {y1}", MONTHS[m1 - 1])
        }
        (Some((y1, m1, d1)), Some((y2, m2, d2))) if y1 == y2 && m1 == m2 => {
            format!("{d1}–{d2} {} {y1}", MONTHS[m1 - 1])
        }
        (Some((y1, m1, d1)), Some((y2, m2, d2))) if y1 == y2 => {
            format!("{d1} {} – {d2} {} {y1}", MONTHS[m1 - 1], MONTHS[m2 - 1])
        }
        (Some((y1, m1, d1)), Some((y2, m2, d2))) => {
            format!(
                "{d1} {} {y1} – {d2} {} {y2}",
                MONTHS[m1 - 1],
                MONTHS[m2 - 1]
            )
        }
        _ => format!("{first} – {last}"),
    }
}

/// Days from 1970-01-01 to an ISO date (Hinnant's `days_from_civil`), so
/// dates can be compared and counted across months and years.
pub fn day_number(iso: &str) -> Option<i64> {
    if !crate::model::is_iso_date(iso) {
        return None;
    }
    let (year, month, day) = parts(iso)?;
    let (month, day) = (month as i64, i64::from(day));
    let year = i64::from(year) - i64::from(month <= 2);
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let day_of_year = (153 * (month + if month > 2 { -3 } else { 9 }) + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    Some(era * 146_097 + day_of_era - 719_468)
}

/// The ISO date `days` after `iso` (Hinnant's `civil_from_days`).
pub fn add_days(iso: &str, days: i64) -> Option<String> {
    let z = day_number(iso)? + days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z - era * 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let shifted_month = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * shifted_month + 2) / 5 + 1;
    let month = if shifted_month < 10 {
        shifted_month + 3
    } else {
        shifted_month - 9
    };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (0..=9999)
        .contains(&year)
        .then(|| format!("{year:04}-{month:02}-{day:02}"))
}

/// "09:00"–"09:25" as "09:00–09:25"; a lone start stays alone.
pub fn time_span(start: Option<&str>, end: Option<&str>) -> Option<String> {
    match (start, end) {
        (Some(s), Some(e)) => Some(format!("{s}–{e}")),
        (Some(s), None) => Some(s.to_string()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels() {
        assert_eq!(short_day("2024-03-16"), "Sat 16 Mar");
        assert_eq!(short_day("2024-03-19"), "Tue 19 Mar");
        assert_eq!(short_day("2000-01-01"), "Sat 1 Jan");
        assert_eq!(long_day("2024-03-18").as_deref(), Some("Monday, March 18"));
        assert_eq!(long_day("2024-3-18"), None);
        assert_eq!(date_range("2024-03-18", "2024-03-20"), "18–20 March 2024");
        assert_eq!(
            date_range("2024-02-28", "2024-03-01"),
            "28 February – 1 March 2024"
        );
        assert_eq!(
            time_span(Some("09:00"), Some("09:25")).as_deref(),
            Some("09:00–09:25")
        );
        assert_eq!(time_span(None, Some("09:25")), None);
    }

    #[test]
    fn days_are_counted_across_months_and_years() {
        assert_eq!(day_number("1970-01-01"), Some(0));
        assert_eq!(day_number("2000-03-01"), Some(11_017));
        assert_eq!(add_days("2019-12-30", 1).as_deref(), Some("2019-12-31"));
        assert_eq!(add_days("2019-12-31", 1).as_deref(), Some("2020-01-01"));
        assert_eq!(add_days("2024-02-28", 1).as_deref(), Some("2024-02-29"));
        assert_eq!(add_days("2023-02-28", 1).as_deref(), Some("2023-03-01"));
        assert_eq!(add_days("2024-03-01", -1).as_deref(), Some("2024-02-29"));
        for date in ["1600-02-29", "1999-12-31", "2100-03-01", "2400-02-29"] {
            assert_eq!(add_days(date, 0).as_deref(), Some(date));
            let later = add_days(date, 1000).expect("a date");
            assert_eq!(day_number(&later), day_number(date).map(|n| n + 1000));
        }
        assert_eq!(add_days("9999-12-31", 1), None);
        assert_eq!(day_number("2024-13-01"), None);
    }

    #[test]
    fn what_is_not_a_date_is_shown_as_written() {
        for text in [
            "",
            "2024-3-19",
            "2024-13-01",
            "+024-03-19",
            "2024-03-1x",
            "２０２４-03-19",
        ] {
            assert_eq!(short_day(text), text);
        }
        assert_eq!(date_range("2024-03-18", "soon"), "2024-03-18 – soon");
    }
}
