//! The one place that decides whether a report is valid: every rule of the
//! format that serde's types cannot express.

use super::*;
use std::collections::HashSet;
use std::fmt;

/// What is wrong with a report, pointing at the entry (when there is one) and
/// the field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invalid {
    pub entry: Option<String>,
    pub field: String,
    pub problem: String,
}

impl fmt::Display for Invalid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.entry {
            Some(entry) => write!(
                f,
                "entry \"{entry}\", field {}: {}",
                self.field, self.problem
            ),
            None => write!(f, "field {}: {}", self.field, self.problem),
        }
    }
}

/// Only absolute http and https links may reach a reader. Nothing is trimmed:
/// a browser strips leading ASCII spaces but not others (a no-break space
/// before "https:" makes a relative link), so the scheme must come first.
pub fn is_web_link(url: &str) -> bool {
    let lower = url.to_ascii_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"));
    matches!(rest, Some(host) if !host.is_empty() && !host.starts_with('/'))
}

/// An id is a slug: lowercase ASCII letters, digits and single inner hyphens.
pub fn is_slug(id: &str) -> bool {
    !id.is_empty()
        && !id.starts_with('-')
        && !id.ends_with('-')
        && !id.contains("--")
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// "YYYY-MM-DD" with a real month and day.
pub fn is_iso_date(text: &str) -> bool {
    let bytes = text.as_bytes();
    if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
        return false;
    }
    match (digits(text, 0..4), digits(text, 5..7), digits(text, 8..10)) {
        (Some(year), Some(month), Some(day)) => {
            (1..=12).contains(&month) && (1..=days_in_month(year, month)).contains(&day)
        }
        _ => false,
    }
}

/// The number in `text[range]` when that range is all ASCII digits (and
/// not empty). Shorter ranges than ten digits never overflow: one loop
/// instead of `str::parse`, whose code the wasm would carry per type.
pub(crate) fn digits(text: &str, range: std::ops::Range<usize>) -> Option<u32> {
    let part = text.get(range)?.as_bytes();
    if part.is_empty() || part.len() > 9 {
        return None;
    }
    part.iter().try_fold(0, |n: u32, &b| {
        b.is_ascii_digit().then(|| n * 10 + u32::from(b - b'0'))
    })
}

fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        2 if year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400)) => {
            29
        }
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// "HH:MM", 24-hour clock.
pub fn is_clock_time(text: &str) -> bool {
    text.len() == 5
        && text.as_bytes()[2] == b':'
        && matches!(digits(text, 0..2), Some(h) if h < 24)
        && matches!(digits(text, 3..5), Some(m) if m < 60)
}

/// Checks every rule of the format that serde's types cannot express, and
/// names the first entry and field that break one.
pub fn validate(report: &Report) -> Result<(), Invalid> {
    check_report(report)?;
    let known = Known::of(report)?;
    let mut seen = HashSet::new();
    for entry in &report.entries {
        check_entry_id(entry, &mut seen)?;
        check_entry(entry, &known)?;
    }
    Ok(())
}

/// The rules of the report as a whole, in the order they are checked.
fn check_report(report: &Report) -> Result<(), Invalid> {
    check_schema_version(report)?;
    check_report_id(report)?;
    check_report_title(report)?;
    check_report_links(report)?;
    check_last_updated(report)?;
    check_conference_days(&report.conference)
}

/// The rules of one entry after its id, in the order they are checked.
fn check_entry(entry: &Entry, known: &Known) -> Result<(), Invalid> {
    check_entry_title(entry)?;
    check_entry_day(entry, known)?;
    check_entry_track(entry, known)?;
    check_entry_topics(entry, known)?;
    check_entry_room(entry, known)?;
    check_entry_times(entry)?;
    check_entry_dates(entry)?;
    check_entry_links(entry)?;
    check_speakers(entry)
}

fn report_invalid(field: &str, problem: String) -> Invalid {
    Invalid {
        entry: None,
        field: field.to_string(),
        problem,
    }
}

fn entry_invalid(entry: &Entry, field: &str, problem: String) -> Invalid {
    Invalid {
        entry: Some(entry.id.clone()),
        field: field.to_string(),
        problem,
    }
}

/// Why a link may not reach a reader, if it may not.
fn link_problem(url: Option<&String>) -> Option<String> {
    url.filter(|url| !is_web_link(url))
        .map(|url| format!("\"{url}\" is not an http or https link"))
}

fn date_problem(date: &str) -> Option<String> {
    (!is_iso_date(date)).then(|| format!("\"{date}\" is not a YYYY-MM-DD date"))
}

fn check_schema_version(report: &Report) -> Result<(), Invalid> {
    if report.schema_version == SCHEMA_VERSION {
        return Ok(());
    }
    Err(report_invalid(
        "schema_version",
        format!("version {} is not supported", report.schema_version),
    ))
}

fn check_report_id(report: &Report) -> Result<(), Invalid> {
    if is_slug(&report.id) {
        return Ok(());
    }
    Err(report_invalid(
        "id",
        format!("\"{}\" is not a slug", report.id),
    ))
}

fn check_report_title(report: &Report) -> Result<(), Invalid> {
    if !report.title.trim().is_empty() {
        return Ok(());
    }
    Err(report_invalid("title", "is empty".into()))
}

fn check_report_links(report: &Report) -> Result<(), Invalid> {
    for (field, url) in [
        ("source_url", report.source_url.as_ref()),
        ("conference.url", report.conference.url.as_ref()),
    ] {
        if let Some(problem) = link_problem(url) {
            return Err(report_invalid(field, problem));
        }
    }
    check_spans(report)?;
    Ok(())
}

/// Every span has text, and every span link is an http or https address.
fn check_spans(report: &Report) -> Result<(), Invalid> {
    let intro = std::iter::once((None, "introduction", &report.introduction));
    let bodies = (report.entries.iter()).map(|e| (Some(&e.id), "body", &e.body));
    for (entry, field, blocks) in intro.chain(bodies) {
        for (i, block) in blocks.iter().enumerate() {
            for (j, span) in block.spans().iter().enumerate() {
                let (part, problem) = if span.text.is_empty() {
                    ("text", "is empty".to_string())
                } else if let Some(problem) = link_problem(span.link.as_ref()) {
                    ("link", problem)
                } else {
                    continue;
                };
                return Err(Invalid {
                    entry: entry.cloned(),
                    field: format!("{field}[{i}].text[{j}].{part}"),
                    problem,
                });
            }
        }
    }
    Ok(())
}

/// An entry's room is one the report defines.
fn check_entry_room(entry: &Entry, known: &Known) -> Result<(), Invalid> {
    match &entry.room {
        Some(room) if !known.rooms.contains(room.as_str()) => Err(entry_invalid(
            entry,
            "room",
            format!("\"{room}\" is not one of the report's rooms"),
        )),
        _ => Ok(()),
    }
}

/// A session past midnight gives the calendar dates that follow its day.
fn check_entry_dates(entry: &Entry) -> Result<(), Invalid> {
    let starts_on = entry.start_date.as_ref().unwrap_or(&entry.day);
    for (field, date, not_before) in [
        ("start_date", &entry.start_date, &entry.day),
        ("end_date", &entry.end_date, starts_on),
    ] {
        let Some(date) = date else { continue };
        if let Some(problem) = date_problem(date) {
            return Err(entry_invalid(entry, field, problem));
        }
        // ISO dates sort as text.
        if date <= not_before {
            return Err(entry_invalid(
                entry,
                field,
                format!("\"{date}\" is not after {not_before}"),
            ));
        }
    }
    Ok(())
}

fn check_last_updated(report: &Report) -> Result<(), Invalid> {
    match report.last_updated.as_deref().and_then(date_problem) {
        Some(problem) => Err(report_invalid("last_updated", problem)),
        None => Ok(()),
    }
}

fn check_conference_days(conference: &Conference) -> Result<(), Invalid> {
    for (field, date) in [
        ("conference.first_day", &conference.first_day),
        ("conference.last_day", &conference.last_day),
    ] {
        if let Some(problem) = date_problem(date) {
            return Err(report_invalid(field, problem));
        }
    }
    if conference.first_day > conference.last_day {
        return Err(report_invalid(
            "conference.last_day",
            "is before first_day".into(),
        ));
    }
    Ok(())
}

/// The ids entries may refer to. Sets, not `Report::day` and the like: a
/// scan per entry is quadratic.
struct Known<'a> {
    days: HashSet<&'a str>,
    tracks: HashSet<&'a str>,
    topics: HashSet<&'a str>,
    rooms: HashSet<&'a str>,
}

impl<'a> Known<'a> {
    /// Checks the day, track, topic and room ids on the way.
    fn of(report: &'a Report) -> Result<Known<'a>, Invalid> {
        Ok(Known {
            days: unique_ids(
                "days",
                report.days.iter().map(|d| d.id.as_str()),
                is_iso_date,
            )?,
            tracks: unique_ids(
                "tracks",
                report.tracks.iter().map(|t| t.id.as_str()),
                is_slug,
            )?,
            topics: unique_ids(
                "topics",
                report.topics.iter().map(|t| t.id.as_str()),
                is_slug,
            )?,
            rooms: unique_ids("rooms", report.rooms.iter().map(|r| r.id.as_str()), is_slug)?,
        })
    }
}

/// An entry's id is a slug that no earlier entry (those in `seen`) has.
fn check_entry_id<'a>(entry: &'a Entry, seen: &mut HashSet<&'a str>) -> Result<(), Invalid> {
    if !is_slug(&entry.id) {
        return Err(entry_invalid(
            entry,
            "id",
            "is not a slug (a-z, 0-9 and inner hyphens)".into(),
        ));
    }
    if !seen.insert(entry.id.as_str()) {
        return Err(entry_invalid(
            entry,
            "id",
            "is used by an earlier entry too".into(),
        ));
    }
    Ok(())
}

fn check_entry_title(entry: &Entry) -> Result<(), Invalid> {
    if !entry.title.trim().is_empty() {
        return Ok(());
    }
    Err(entry_invalid(entry, "title", "is empty".into()))
}

fn check_entry_day(entry: &Entry, known: &Known) -> Result<(), Invalid> {
    if known.days.contains(entry.day.as_str()) {
        return Ok(());
    }
    Err(entry_invalid(
        entry,
        "day",
        format!("\"{}\" is not one of the report's days", entry.day),
    ))
}

fn check_entry_track(entry: &Entry, known: &Known) -> Result<(), Invalid> {
    if known.tracks.contains(entry.track.as_str()) {
        return Ok(());
    }
    Err(entry_invalid(
        entry,
        "track",
        format!("\"{}\" is not one of the report's tracks", entry.track),
    ))
}

fn check_entry_topics(entry: &Entry, known: &Known) -> Result<(), Invalid> {
    match entry
        .topics
        .iter()
        .find(|topic| !known.topics.contains(topic.as_str()))
    {
        Some(topic) => Err(entry_invalid(
            entry,
            "topics",
            format!("\"{topic}\" is not one of the report's topics"),
        )),
        None => Ok(()),
    }
}

/// Start and end are clock times, and the end is not before the start.
fn check_entry_times(entry: &Entry) -> Result<(), Invalid> {
    for (field, time) in [("start", &entry.start), ("end", &entry.end)] {
        if let Some(time) = time.as_ref().filter(|time| !is_clock_time(time)) {
            return Err(entry_invalid(
                entry,
                field,
                format!("\"{time}\" is not an HH:MM time"),
            ));
        }
    }
    match (&entry.start, &entry.end) {
        // A session past midnight ends on a later date.
        (Some(start), Some(end)) if start > end && entry.end_date.is_none() => Err(entry_invalid(
            entry,
            "end",
            format!("\"{end}\" is before the start \"{start}\""),
        )),
        _ => Ok(()),
    }
}

fn check_entry_links(entry: &Entry) -> Result<(), Invalid> {
    for (field, url) in [
        ("url", entry.url.as_ref()),
        ("slides.url", material_url(&entry.slides)),
        ("video.url", material_url(&entry.video)),
    ] {
        if let Some(problem) = link_problem(url) {
            return Err(entry_invalid(entry, field, problem));
        }
    }
    Ok(())
}

fn material_url(material: &Option<Material>) -> Option<&String> {
    material.as_ref().and_then(|m| m.url.as_ref())
}

fn check_speakers(entry: &Entry) -> Result<(), Invalid> {
    match entry
        .speakers
        .iter()
        .position(|speaker| speaker.name.trim().is_empty())
    {
        Some(i) => Err(entry_invalid(
            entry,
            &format!("speakers[{i}].name"),
            "is empty".into(),
        )),
        None => Ok(()),
    }
}

/// Checks that the ids are well formed and unique, and gives them as a set.
fn unique_ids<'a>(
    field: &str,
    ids: impl Iterator<Item = &'a str>,
    well_formed: fn(&str) -> bool,
) -> Result<HashSet<&'a str>, Invalid> {
    let mut seen = HashSet::new();
    for (i, id) in ids.enumerate() {
        let problem = if !well_formed(id) {
            format!("\"{id}\" is not a valid id")
        } else if !seen.insert(id) {
            format!("\"{id}\" is used twice")
        } else {
            continue;
        };
        return Err(Invalid {
            entry: None,
            field: format!("{field}[{i}].id"),
            problem,
        });
    }
    Ok(seen)
}
