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
use crate::text::{from_superscript, slug};
use serde::Deserialize;
use std::collections::{BTreeMap, HashSet};
use std::fmt;
use std::iter::Peekable;

/// What the annotations file holds; see docs/report-format.md.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Annotations {
    pub report: ReportAnnotations,
    pub conference: Conference,
    pub tracks: Vec<Track>,
    pub topics: Vec<Topic>,
    #[serde(default)]
    pub entries: BTreeMap<String, EntryAnnotations>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReportAnnotations {
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
pub struct EntryAnnotations {
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
pub fn import_bytes(bytes: &[u8], annotations: &Annotations) -> Result<Report, ImportError> {
    match std::str::from_utf8(bytes) {
        Ok(text) => import(text, annotations),
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

/// Headings of the author's own day, and of the remarks that have no
/// slides/video line.
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
pub fn media_flags(line: &str) -> Option<(bool, bool)> {
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

/// A footnote line starts with its number: superscript digits or "[n]".
fn footnote_number(text: &str) -> Option<(String, &str)> {
    let digits: String = text.chars().map_while(from_superscript).collect();
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
    Entry::new(
        id,
        day.to_string(),
        kind,
        default_track(kind).to_string(),
        title,
    )
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

/// Which part of the text a line is in, which decides what the line can be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Section {
    /// Before the first day heading.
    Introduction,
    Days,
    /// After the footnote rule.
    Footnotes,
}

/// What a nonblank line after the breadcrumb is.
enum Line {
    /// A link of the page ("Back to my ..."), dropped.
    Navigation,
    /// The "Last update" footer, with its date when it names a real day.
    LastUpdate(Option<String>),
    FootnoteRule,
    /// A footnote, or the next line of the one before.
    Footnote,
    /// A day heading, with its ISO date or why it names no day.
    DayHeading(Result<String, String>),
    /// A slides/video line that no heading claimed.
    StrayMediaFlags,
    Introduction,
    /// A heading or body text of the current day.
    DayText,
}

fn classify(line: &str, section: Section, year: u16) -> Line {
    if is_navigation(line) {
        return Line::Navigation;
    }
    if let Some(date) = last_update(line) {
        return Line::LastUpdate(date);
    }
    if is_footnote_rule(line) {
        return Line::FootnoteRule;
    }
    if section == Section::Footnotes {
        return Line::Footnote;
    }
    if let Some(day) = day_heading(line, year) {
        return Line::DayHeading(day);
    }
    if media_flags(line).is_some() {
        return Line::StrayMediaFlags;
    }
    match section {
        Section::Introduction => Line::Introduction,
        _ => Line::DayText,
    }
}

/// The nonblank lines of a text with their 1-based line numbers.
fn nonblank_lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.lines()
        .enumerate()
        .map(|(i, raw)| (i + 1, raw))
        .filter(|(_, raw)| !raw.trim().is_empty())
}

/// The slides/video line right after a heading, taken from the lines.
fn take_media_flags<'a>(
    lines: &mut Peekable<impl Iterator<Item = (usize, &'a str)>>,
) -> Option<(bool, bool)> {
    let flags = lines.peek().and_then(|&(_, next)| media_flags(next))?;
    lines.next();
    Some(flags)
}

fn check_breadcrumb(number: usize, line: &str, title: &str) -> Result<(), ImportError> {
    if line.ends_with(title) {
        return Ok(());
    }
    Err(at(
        number,
        format!("expected the breadcrumb line ending with the report title \"{title}\""),
    ))
}

/// The entry a heading line opens, if it is one: a session when a
/// slides/video line follows it, else a named heading of the day.
fn heading_entry(line: &str, day: &str, media: Option<(bool, bool)>) -> Option<Entry> {
    let named = named_heading(line);
    match (media, named) {
        (Some((slides, video)), named) => {
            let (kind, title) = match line.strip_prefix("Plenary:") {
                Some(rest) => (Kind::Plenary, rest.trim().to_string()),
                None => (named.unwrap_or(Kind::Talk), line.to_string()),
            };
            let mut entry = new_entry(slug(&title), day, kind, title);
            entry.slides = Some(unlinked(slides));
            entry.video = Some(unlinked(video));
            Some(entry)
        }
        (None, Some(kind)) if kind.is_program() => {
            Some(new_entry(slug(line), day, kind, line.to_string()))
        }
        (None, Some(kind)) => Some(new_entry(
            format!("{day}-{}", slug(line)),
            day,
            kind,
            line.to_string(),
        )),
        (None, None) => None,
    }
}

fn unlinked(available: bool) -> Material {
    Material {
        available,
        url: None,
    }
}

/// The parts of the report the text gives, filled line by line.
#[derive(Default)]
struct Reader {
    introduction: Vec<Block>,
    footnotes: Vec<Footnote>,
    days: Vec<Day>,
    entries: Vec<Open>,
    last_updated: Option<String>,
    in_footnotes: bool,
    /// Index into `entries` of the entry body lines go to, if any on this day.
    current: Option<usize>,
}

impl Reader {
    /// Reads the text after its breadcrumb line, which must end with `title`.
    fn read(text: &str, title: &str, year: u16) -> Result<Reader, ImportError> {
        let mut lines = nonblank_lines(text).peekable();
        if let Some((number, first)) = lines.next() {
            check_breadcrumb(number, first.trim(), title)?;
        }
        let mut reader = Reader::default();
        while let Some((number, raw)) = lines.next() {
            let line = raw.trim();
            match classify(line, reader.section(), year) {
                Line::Navigation => {}
                Line::LastUpdate(date) => reader.set_last_updated(number, date)?,
                Line::FootnoteRule => reader.in_footnotes = true,
                Line::Footnote => reader.add_footnote(number, line)?,
                Line::DayHeading(date) => reader.add_day(number, line, date)?,
                Line::StrayMediaFlags => {
                    return Err(at(
                        number,
                        "a slides/video marker line needs a session heading on the line above it",
                    ))
                }
                Line::Introduction => reader.introduction.push(block(raw)),
                Line::DayText => {
                    let media = take_media_flags(&mut lines);
                    reader.add_day_text(number, raw, media)?;
                }
            }
        }
        if reader.days.is_empty() {
            return Err(at(
                text.lines().count().max(1),
                "no day headings found; expected lines such as \"Monday, March 18\"",
            ));
        }
        Ok(reader)
    }

    fn section(&self) -> Section {
        if self.in_footnotes {
            Section::Footnotes
        } else if self.days.is_empty() {
            Section::Introduction
        } else {
            Section::Days
        }
    }

    fn set_last_updated(&mut self, number: usize, date: Option<String>) -> Result<(), ImportError> {
        let date = date.ok_or_else(|| {
            at(
                number,
                "expected \"Last update\" followed by a date such as Apr29/24",
            )
        })?;
        self.last_updated = Some(date);
        Ok(())
    }

    fn add_footnote(&mut self, number: usize, line: &str) -> Result<(), ImportError> {
        match (footnote_number(line), self.footnotes.last_mut()) {
            (Some((digits, rest)), _) => self.footnotes.push(Footnote {
                mark: digits,
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
        Ok(())
    }

    fn add_day(
        &mut self,
        number: usize,
        line: &str,
        date: Result<String, String>,
    ) -> Result<(), ImportError> {
        let day = date.map_err(|problem| at(number, problem))?;
        if self.days.iter().any(|d| d.id == day) {
            return Err(at(number, format!("the day {day} has a heading already")));
        }
        self.days.push(Day {
            id: day,
            label: line.to_string(),
        });
        self.current = None;
        Ok(())
    }

    /// A heading opens an entry; other text goes to the open one.
    fn add_day_text(
        &mut self,
        number: usize,
        raw: &str,
        media: Option<(bool, bool)>,
    ) -> Result<(), ImportError> {
        let day = self.days.last().expect("day text follows a day").id.clone();
        match heading_entry(raw.trim(), &day, media) {
            Some(entry) => self.open_entry(number, raw.trim(), entry),
            None => {
                self.add_body(number, raw, &day);
                Ok(())
            }
        }
    }

    fn open_entry(&mut self, number: usize, line: &str, entry: Entry) -> Result<(), ImportError> {
        // Refused here, at its line: validation would blame the annotations.
        if !is_slug(&entry.id) {
            return Err(at(
                number,
                format!(
                    "the heading \"{line}\" gives no id; it needs ASCII letters or digits \
                     before any ':' or '?'"
                ),
            ));
        }
        self.entries.push(Open {
            entry,
            line: number,
        });
        self.current = Some(self.entries.len() - 1);
        Ok(())
    }

    /// Body text before the day's first heading opens the day's notes.
    fn add_body(&mut self, number: usize, raw: &str, day: &str) {
        let index = match self.current {
            Some(index) => index,
            None => {
                // Titled after annotation, by its kind: the text gives none.
                let entry = new_entry(format!("{day}-notes"), day, Kind::DayNotes, String::new());
                self.entries.push(Open {
                    entry,
                    line: number,
                });
                self.entries.len() - 1
            }
        };
        self.current = Some(index);
        self.entries[index].entry.body.push(block(raw));
    }
}

/// Every entry's id is its own; gives the ids as a set.
fn check_unique_ids(entries: &[Open]) -> Result<HashSet<&str>, ImportError> {
    let mut ids = HashSet::new();
    for open in entries {
        if !ids.insert(open.entry.id.as_str()) {
            return Err(at(
                open.line,
                format!(
                    "the heading gives the id \"{}\", which an earlier entry has",
                    open.entry.id
                ),
            ));
        }
    }
    Ok(ids)
}

/// Every entry the annotations name is one of the text's.
fn check_annotated_ids(ids: &HashSet<&str>, annotations: &Annotations) -> Result<(), ImportError> {
    match annotations
        .entries
        .keys()
        .find(|id| !ids.contains(id.as_str()))
    {
        Some(id) => Err(ImportError {
            place: Place::Annotations,
            message: format!("entries.{id} names no entry of the report"),
        }),
        None => Ok(()),
    }
}

/// The report the text and the annotations give together, not yet validated.
fn assemble(reader: Reader, annotations: &Annotations) -> Report {
    let entries = reader
        .entries
        .into_iter()
        .map(|open| {
            let entry_annotations = annotations.entries.get(&open.entry.id);
            annotate(open.entry, entry_annotations)
        })
        .collect();
    Report {
        schema_version: SCHEMA_VERSION,
        id: annotations.report.id.clone(),
        title: annotations.report.title.clone(),
        author: annotations.report.author.clone(),
        source_url: annotations.report.source_url.clone(),
        last_updated: reader.last_updated,
        introduction: reader.introduction,
        footnotes: reader.footnotes,
        conference: annotations.conference.clone(),
        days: reader.days,
        tracks: annotations.tracks.clone(),
        topics: annotations.topics.clone(),
        rooms: Vec::new(),
        entries,
    }
}

/// Turns the report text into a report, merges the annotations and
/// validates the result.
pub fn import(text: &str, annotations: &Annotations) -> Result<Report, ImportError> {
    let reader = Reader::read(text, &annotations.report.title, annotations.report.year)?;
    let ids = check_unique_ids(&reader.entries)?;
    check_annotated_ids(&ids, annotations)?;
    let report = assemble(reader, annotations);
    validate(&report).map_err(|invalid| ImportError {
        place: Place::Annotations,
        message: format!("the merged report is invalid: {invalid}"),
    })?;
    Ok(report)
}

fn annotate(mut entry: Entry, annotations: Option<&EntryAnnotations>) -> Entry {
    if let Some(annotations) = annotations {
        apply(&mut entry, annotations);
    }
    if entry.title.is_empty() {
        entry.title = entry.kind.label().to_string();
    }
    entry
}

fn apply(entry: &mut Entry, annotations: &EntryAnnotations) {
    if let Some(kind) = annotations.kind {
        entry.kind = kind;
        entry.track = default_track(kind).to_string();
    }
    if let Some(track) = &annotations.track {
        entry.track = track.clone();
    }
    entry.official_title = annotations.official_title.clone();
    entry.topics = annotations.topics.clone();
    entry.speakers = annotations.speakers.clone();
    entry.start = annotations.start.clone();
    entry.end = annotations.end.clone();
    entry.url = annotations.url.clone();
    // A known address means the material exists, whatever the slides/video line said.
    let linked = |url: &String| Material {
        available: true,
        url: Some(url.clone()),
    };
    if let Some(url) = &annotations.slides_url {
        entry.slides = Some(linked(url));
    }
    if let Some(url) = &annotations.video_url {
        entry.video = Some(linked(url));
    }
}
