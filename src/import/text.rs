//! The importer: a plain-text trip report (the format of the SREcon24 report)
//! plus a hand-edited annotations file becomes a validated JSON report.
//!
//! The text gives structure and words; the annotations give what plain text
//! cannot say reliably (speakers, topics, times, tracks, official pages).

use crate::dates::{MONTHS, WEEKDAYS};
use crate::model::{
    is_iso_date, is_slug, validate, Block, Conference, Day, Entry, Footnote, Kind, Material,
    Report, Speaker, Topic, Track, SCHEMA_VERSION,
};
use crate::text::slug;
use serde::Deserialize;
use std::collections::{BTreeMap, HashSet};
use std::fmt;

/// What the annotations file holds; see docs/report-format.md.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Annotations {
    pub report: ReportNotes,
    pub conference: Conference,
    pub tracks: Vec<Track>,
    pub topics: Vec<Topic>,
    #[serde(default)]
    pub entries: BTreeMap<String, EntryNotes>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReportNotes {
    pub id: String,
    /// The report's title; the breadcrumb line must end with it.
    pub title: String,
    pub author: String,
    pub source_url: Option<String>,
    /// Day headings carry no year.
    pub year: u16,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EntryNotes {
    pub kind: Option<Kind>,
    pub track: Option<String>,
    pub official_title: Option<String>,
    #[serde(default)]
    pub topics: Vec<String>,
    #[serde(default)]
    pub speakers: Vec<Speaker>,
    pub start: Option<String>,
    pub end: Option<String>,
    pub url: Option<String>,
    pub slides_url: Option<String>,
    pub video_url: Option<String>,
}

impl Annotations {
    pub fn from_toml(text: &str) -> Result<Annotations, ImportError> {
        toml::from_str(text).map_err(|e| ImportError {
            place: Place::Annotations,
            message: e.to_string(),
        })
    }
}

/// Where an import error was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// A 1-based line of the report text.
    Text(usize),
    Annotations,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportError {
    pub place: Place,
    pub message: String,
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.place {
            Place::Text(line) => write!(f, "line {line}: {}", self.message),
            Place::Annotations => write!(f, "annotations: {}", self.message),
        }
    }
}

impl std::error::Error for ImportError {}

fn at(line: usize, message: impl Into<String>) -> ImportError {
    ImportError {
        place: Place::Text(line),
        message: message.into(),
    }
}

/// Imports raw bytes, so text that is not UTF-8 is reported by line.
pub fn import_bytes(bytes: &[u8], notes: &Annotations) -> Result<Report, ImportError> {
    match std::str::from_utf8(bytes) {
        Ok(text) => import(text, notes),
        Err(e) => {
            let line = 1 + bytes[..e.valid_up_to()]
                .iter()
                .filter(|&&b| b == b'\n')
                .count();
            Err(at(line, "the text is not UTF-8"))
        }
    }
}

/// "Monday, March 18" gives the ISO date in the given year; a heading of that
/// shape naming no real day ("Friday, February 31") is an error of the text.
fn day_heading(line: &str, year: u16) -> Option<Result<String, String>> {
    let (weekday, rest) = line.trim().split_once(", ")?;
    if !WEEKDAYS.contains(&weekday) {
        return None;
    }
    let (month, day) = rest.split_once(' ')?;
    let month = MONTHS.iter().position(|m| *m == month)? + 1;
    let day: u32 = day.parse().ok()?;
    let date = format!("{year:04}-{month:02}-{day:02}");
    Some(if is_iso_date(&date) {
        Ok(date)
    } else {
        Err(format!(
            "the day heading \"{line}\" names no day of {year} (the year of the annotations)"
        ))
    })
}

/// Headings of the author's own day, and of the remarks that have no marker.
fn named_heading(line: &str) -> Option<Kind> {
    match line.trim().to_ascii_lowercase().as_str() {
        "breakfast" | "lunch" => Some(Kind::Meal),
        "dinner" => Some(Kind::Dinner),
        "evening" => Some(Kind::Evening),
        "reception" => Some(Kind::Reception),
        "opening remarks" => Some(Kind::Opening),
        "closing remarks" => Some(Kind::Closing),
        _ => None,
    }
}

/// "[No slides | Direct video link]" says whether slides and a video exist.
/// Stray '<' or '>' (a slip in the seed) are tolerated.
pub fn marker(line: &str) -> Option<(bool, bool)> {
    let inner = line.trim().strip_prefix('[')?.strip_suffix(']')?;
    let (left, right) = inner.split_once('|')?;
    let clean = |s: &str| s.replace(['<', '>'], "").trim().to_ascii_lowercase();
    let (left, right) = (clean(left), clean(right));
    if !left.contains("slides") || !right.contains("video") {
        return None;
    }
    let available = |s: &str| !s.starts_with("no ");
    Some((available(&left), available(&right)))
}

/// One line of body text as a block: list items, editor's notes, paragraphs.
fn block(line: &str) -> Block {
    // Lists start at two spaces; deeper content nests in steps of two.
    let indent = line.len() - line.trim_start_matches(' ').len();
    let level = (indent / 2).saturating_sub(1) as u8;
    let text = line.trim();
    if let Some(rest) = text.strip_prefix('•') {
        return Block::Bullet {
            text: rest.trim().into(),
            level,
        };
    }
    if let Some((number, rest)) = text.split_once(". ") {
        if !number.is_empty() && number.len() <= 3 && number.bytes().all(|b| b.is_ascii_digit()) {
            return Block::Numbered {
                number: number.parse().expect("digits"),
                text: rest.trim().into(),
                level,
            };
        }
    }
    if text.starts_with('[') && text.ends_with(']') {
        return Block::EditorNote {
            text: text[1..text.len() - 1].trim().into(),
        };
    }
    Block::Paragraph {
        text: text.into(),
        level,
    }
}

/// A footnote line starts with its mark: a superscript digit or "[n]".
fn footnote_mark(text: &str) -> Option<(String, &str)> {
    const SUPERSCRIPTS: [char; 10] = ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];
    let digits: String = text
        .chars()
        .map_while(|c| SUPERSCRIPTS.iter().position(|&s| s == c))
        .map(|d| char::from(b'0' + d as u8))
        .collect();
    if !digits.is_empty() {
        let rest = text
            .char_indices()
            .nth(digits.chars().count())
            .map_or("", |(i, _)| &text[i..]);
        return Some((digits, rest.trim()));
    }
    let inner = text.strip_prefix('[')?;
    let (number, rest) = inner.split_once(']')?;
    number
        .bytes()
        .all(|b| b.is_ascii_digit())
        .then(|| (number.to_string(), rest.trim()))
}

fn is_footnote_rule(text: &str) -> bool {
    text.len() >= 5 && text.bytes().all(|b| b == b'_')
}

fn is_navigation(text: &str) -> bool {
    text.starts_with("Back to my ")
}

/// "Last update Apr29/24 by ..." gives "2024-04-29"; `Some(None)` when the
/// stamp is no real date, such as Apr99/24.
fn last_update(text: &str) -> Option<Option<String>> {
    let rest = text.strip_prefix("Last update ")?.trim_start();
    let stamp = rest.split_whitespace().next().unwrap_or("");
    let month = MONTHS
        .iter()
        .position(|m| stamp.len() > 3 && stamp.starts_with(&m[..3]))
        .map(|m| m + 1);
    let parsed = month.and_then(|month| {
        let (day, year) = stamp[3..].split_once('/')?;
        let day: u32 = day.parse().ok()?;
        let year: u32 = year.parse().ok()?;
        let year = if year < 100 { 2000 + year } else { year };
        Some(format!("{year:04}-{month:02}-{day:02}"))
    });
    Some(parsed.filter(|date| is_iso_date(date)))
}

/// The entry being filled, with the line its heading was on.
struct Open {
    entry: Entry,
    line: usize,
}

fn new_entry(id: String, day: &str, kind: Kind, title: String) -> Entry {
    Entry {
        id,
        day: day.to_string(),
        kind,
        track: default_track(kind).to_string(),
        title,
        official_title: None,
        speakers: Vec::new(),
        start: None,
        end: None,
        slides: None,
        video: None,
        url: None,
        topics: Vec::new(),
        body: Vec::new(),
    }
}

/// Plenary-room sessions on the plenary track, other talks on "breakout"
/// (the report rarely says which breakout track), the author's own day apart.
fn default_track(kind: Kind) -> &'static str {
    match kind {
        Kind::Opening | Kind::Closing | Kind::Plenary => "plenary",
        Kind::Talk => "breakout",
        _ => "off-program",
    }
}

/// Turns the report text into a report, merges the annotations and
/// validates the result.
pub fn import(text: &str, notes: &Annotations) -> Result<Report, ImportError> {
    let lines: Vec<&str> = text.lines().collect();
    let next_nonblank = |from: usize| (from..lines.len()).find(|&j| !lines[j].trim().is_empty());

    let mut introduction = Vec::new();
    let mut footnotes: Vec<Footnote> = Vec::new();
    let mut days: Vec<Day> = Vec::new();
    let mut entries: Vec<Open> = Vec::new();
    let mut last_updated = None;
    let mut in_footnotes = false;
    // Index into `entries` of the entry body lines go to, if any on this day.
    let mut current: Option<usize> = None;
    let mut seen_breadcrumb = false;
    let mut i = 0;

    while i < lines.len() {
        let number = i + 1;
        let raw = lines[i];
        let line = raw.trim();
        i += 1;
        if line.is_empty() {
            continue;
        }
        if !seen_breadcrumb {
            seen_breadcrumb = true;
            if line.ends_with(notes.report.title.as_str()) {
                continue;
            }
            return Err(at(
                number,
                format!(
                    "expected the breadcrumb line ending with the report title \"{}\"",
                    notes.report.title
                ),
            ));
        }
        if is_navigation(line) {
            continue;
        }
        if let Some(date) = last_update(line) {
            last_updated = Some(date.ok_or_else(|| {
                at(
                    number,
                    "expected \"Last update\" followed by a date such as Apr29/24",
                )
            })?);
            continue;
        }
        if is_footnote_rule(line) {
            in_footnotes = true;
            continue;
        }
        if in_footnotes {
            match (footnote_mark(line), footnotes.last_mut()) {
                (Some((mark, rest)), _) => footnotes.push(Footnote {
                    mark,
                    text: rest.to_string(),
                }),
                (None, Some(previous)) => {
                    previous.text.push(' ');
                    previous.text.push_str(line);
                }
                (None, None) => {
                    return Err(at(
                        number,
                        "expected a footnote starting with its mark, such as ¹",
                    ))
                }
            }
            continue;
        }
        if let Some(day) = day_heading(line, notes.report.year) {
            let day = day.map_err(|problem| at(number, problem))?;
            if days.iter().any(|d| d.id == day) {
                return Err(at(number, format!("the day {day} has a heading already")));
            }
            days.push(Day {
                id: day,
                label: line.to_string(),
            });
            current = None;
            continue;
        }
        if marker(line).is_some() {
            return Err(at(
                number,
                "a slides/video marker line needs a session heading on the line above it",
            ));
        }
        let Some(day) = days.last().map(|d| d.id.clone()) else {
            introduction.push(block(raw));
            continue;
        };
        let session_marker = next_nonblank(i).and_then(|j| marker(lines[j]).map(|m| (j, m)));
        let heading = match (session_marker, named_heading(line)) {
            (Some((j, (slides, video))), named) => {
                i = j + 1;
                let (kind, title) = match line.strip_prefix("Plenary:") {
                    Some(rest) => (Kind::Plenary, rest.trim().to_string()),
                    None => (named.unwrap_or(Kind::Talk), line.to_string()),
                };
                let mut entry = new_entry(slug(&title), &day, kind, title);
                entry.slides = Some(Material {
                    available: slides,
                    url: None,
                });
                entry.video = Some(Material {
                    available: video,
                    url: None,
                });
                Some(entry)
            }
            (None, Some(kind)) if kind.is_program() => {
                Some(new_entry(slug(line), &day, kind, line.to_string()))
            }
            (None, Some(kind)) => Some(new_entry(
                format!("{day}-{}", slug(line)),
                &day,
                kind,
                line.to_string(),
            )),
            (None, None) => None,
        };
        match heading {
            // Refused here, at its line: validation would blame the annotations.
            Some(entry) if !is_slug(&entry.id) => {
                return Err(at(
                    number,
                    format!(
                        "the heading \"{line}\" gives no id; it needs ASCII letters or digits \
                         before any ':' or '?'"
                    ),
                ))
            }
            Some(entry) => {
                entries.push(Open {
                    entry,
                    line: number,
                });
                current = Some(entries.len() - 1);
            }
            None => {
                let index = match current {
                    Some(index) => index,
                    None => {
                        // Titled after annotation, by its kind: the text gives none.
                        let entry =
                            new_entry(format!("{day}-notes"), &day, Kind::DayNotes, String::new());
                        entries.push(Open {
                            entry,
                            line: number,
                        });
                        entries.len() - 1
                    }
                };
                current = Some(index);
                entries[index].entry.body.push(block(raw));
            }
        }
    }

    if days.is_empty() {
        return Err(at(
            lines.len().max(1),
            "no day headings found; expected lines such as \"Monday, March 18\"",
        ));
    }
    let mut ids = HashSet::new();
    for open in &entries {
        if !ids.insert(open.entry.id.clone()) {
            return Err(at(
                open.line,
                format!(
                    "the heading gives the id \"{}\", which an earlier entry has",
                    open.entry.id
                ),
            ));
        }
    }
    for id in notes.entries.keys() {
        if !ids.contains(id) {
            return Err(ImportError {
                place: Place::Annotations,
                message: format!("entries.{id} names no entry of the report"),
            });
        }
    }

    let entries = entries
        .into_iter()
        .map(|open| {
            let entry_notes = notes.entries.get(&open.entry.id);
            annotate(open.entry, entry_notes)
        })
        .collect();
    let report = Report {
        schema_version: SCHEMA_VERSION,
        id: notes.report.id.clone(),
        title: notes.report.title.clone(),
        author: notes.report.author.clone(),
        source_url: notes.report.source_url.clone(),
        last_updated,
        introduction,
        footnotes,
        conference: notes.conference.clone(),
        days,
        tracks: notes.tracks.clone(),
        topics: notes.topics.clone(),
        entries,
    };
    validate(&report).map_err(|invalid| ImportError {
        place: Place::Annotations,
        message: format!("the merged report is invalid: {invalid}"),
    })?;
    Ok(report)
}

fn annotate(mut entry: Entry, notes: Option<&EntryNotes>) -> Entry {
    if let Some(notes) = notes {
        apply(&mut entry, notes);
    }
    if entry.title.is_empty() {
        entry.title = entry.kind.label().to_string();
    }
    entry
}

fn apply(entry: &mut Entry, notes: &EntryNotes) {
    if let Some(kind) = notes.kind {
        entry.kind = kind;
        entry.track = default_track(kind).to_string();
    }
    if let Some(track) = &notes.track {
        entry.track = track.clone();
    }
    entry.official_title = notes.official_title.clone();
    entry.topics = notes.topics.clone();
    entry.speakers = notes.speakers.clone();
    entry.start = notes.start.clone();
    entry.end = notes.end.clone();
    entry.url = notes.url.clone();
    // A known address means the material exists, whatever the marker said.
    let linked = |url: &String| Material {
        available: true,
        url: Some(url.clone()),
    };
    if let Some(url) = &notes.slides_url {
        entry.slides = Some(linked(url));
    }
    if let Some(url) = &notes.video_url {
        entry.video = Some(linked(url));
    }
}
