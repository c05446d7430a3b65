//! Conference programmes in the frab / c3voc "schedule" format: schedule v1
//! JSON (`schedule.conference.days[].rooms{name: [event]}`), schedule v2
//! JSON (a flat `schedule.events[]`) and frab XML
//! (`<schedule><conference/><day><room><event>`) become a validated report.
//!
//! Each reader only collects the file's words into a `Programme`; `build`
//! turns that into a report the same way whatever the source, so the JSON
//! and XML of one programme give the same entries.

mod build;
mod json;
mod time;
mod xml;

use crate::model::Report;
use std::fmt;

/// A report made from a programme, with what the import had to work around.
#[derive(Debug, Clone, PartialEq)]
pub struct Imported {
    pub report: Report,
    pub warnings: Vec<Warning>,
}

impl Imported {
    pub fn summary(&self) -> Summary {
        Summary {
            title: self.report.title.clone(),
            events: self.report.entries.len(),
            days: self.report.days.len(),
            rooms: self.report.rooms.len(),
            tracks: self.report.tracks.len(),
            warnings: self.warnings.len(),
        }
    }
}

/// Counts of an import, as the command line prints them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    pub title: String,
    pub events: usize,
    pub days: usize,
    pub rooms: usize,
    pub tracks: usize,
    pub warnings: usize,
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {} events, {} days, {} rooms, {} tracks, {} warnings",
            self.title, self.events, self.days, self.rooms, self.tracks, self.warnings
        )
    }
}

/// Something in the programme that was not as the format says, and what the
/// import did about it. `event` names the event by its id and title, `line`
/// says where it is in a file with lines (XML).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    pub line: Option<usize>,
    pub event: Option<String>,
    pub field: String,
    pub problem: String,
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(line) = self.line {
            write!(f, "line {line}: ")?;
        }
        match &self.event {
            Some(event) => write!(f, "event {event}, {}: {}", self.field, self.problem),
            None => write!(f, "{}: {}", self.field, self.problem),
        }
    }
}

/// Why a programme could not become a report at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScheduleError(pub String);

impl fmt::Display for ScheduleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "the programme cannot be imported: {}", self.0)
    }
}

impl std::error::Error for ScheduleError {}

/// Whether the bytes look like a programme in one of the formats read here:
/// XML whose root is `<schedule>`, or JSON with `schedule.conference`.
pub fn is_schedule(bytes: &[u8]) -> bool {
    let text = String::from_utf8_lossy(bytes);
    let text = text.trim_start_matches('\u{feff}').trim_start();
    if text.starts_with('<') {
        xml::has_schedule_root(text)
    } else {
        json::has_schedule(text)
    }
}

/// Reads a programme in any of the three formats, told apart by content.
pub fn import(bytes: &[u8]) -> Result<Imported, ScheduleError> {
    let text = std::str::from_utf8(bytes)
        .map_err(|e| ScheduleError(format!("the file is not UTF-8 ({e})")))?;
    let text = text.trim_start_matches('\u{feff}');
    let mut warnings = Vec::new();
    let programme = if text.trim_start().starts_with('<') {
        xml::read(text)?
    } else {
        json::read(text, &mut warnings)?
    };
    let report = build::report(programme, &mut warnings)?;
    Ok(Imported { report, warnings })
}

/// A programme as read, still in the file's words; every field optional,
/// since real files leave any of them out.
#[derive(Debug, Default)]
struct Programme {
    acronym: Option<String>,
    title: Option<String>,
    /// A date, or a date-time in schedule v2.
    start: Option<String>,
    end: Option<String>,
    time_zone: Option<String>,
    url: Option<String>,
    base_url: Option<String>,
    days: Vec<ProgrammeDay>,
    /// Rooms and tracks the programme lists apart from its events.
    rooms: Vec<Named>,
    tracks: Vec<Named>,
    events: Vec<Event>,
}

#[derive(Debug, Default)]
struct ProgrammeDay {
    index: Option<String>,
    date: String,
    /// Date-times the conference day runs between, e.g. 11:00 to 04:00.
    start: Option<String>,
    end: Option<String>,
}

/// A room or track, by name and (schedule v2) slug.
#[derive(Debug, Default, Clone)]
struct Named {
    name: Option<String>,
    slug: Option<String>,
}

#[derive(Debug, Default)]
struct Event {
    /// Where the event starts in the file, when it has lines (XML).
    line: Option<usize>,
    /// The date of the programme day the event is listed under (not in v2).
    listed_day: Option<String>,
    id: Option<String>,
    guid: Option<String>,
    slug: Option<String>,
    title: Option<String>,
    subtitle: Option<String>,
    url: Option<String>,
    language: Option<String>,
    room: Option<Named>,
    track: Option<Named>,
    abstract_text: Option<String>,
    description: Option<String>,
    /// The start as a date-time with its offset.
    date: Option<String>,
    /// The start as "HH:MM", as listed.
    start: Option<String>,
    duration: Option<String>,
    /// The end as a date-time (schedule v2).
    end: Option<String>,
    persons: Vec<String>,
    links: Vec<Link>,
    attachments: Vec<Link>,
    tags: Vec<String>,
    /// The programme says the event will not be recorded.
    not_recorded: bool,
}

#[derive(Debug, Default, Clone)]
struct Link {
    url: String,
    title: Option<String>,
    /// The v2 reference type, e.g. "SLIDES".
    kind: Option<String>,
}
