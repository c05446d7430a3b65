//! The report format: what a trip report is, as JSON, and the one place that
//! decides whether a report is valid. The importer and the viewer both use it.

use serde::de::{IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};
use std::collections::HashSet;
use std::fmt;

/// The schema version this build writes.
pub const SCHEMA_VERSION: u32 = 2;
/// Version 1 has no spans: such a report reads as it is, as version 2.
pub const OLDEST_READ_VERSION: u32 = 1;

/// Reads `null` as the field left out: the format lets a writer say
/// "absent" either way, and serde's `default` covers only the missing field.
fn null_as_default<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Default + Deserialize<'de>,
{
    Ok(Option::<T>::deserialize(deserializer)?.unwrap_or_default())
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    pub schema_version: u32,
    pub id: String,
    pub title: String,
    pub author: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_url: Option<String>,
    /// ISO date of the report's own "last update" line.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_updated: Option<String>,
    #[serde(
        default,
        deserialize_with = "null_as_default",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub introduction: Vec<Block>,
    #[serde(
        default,
        deserialize_with = "null_as_default",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub footnotes: Vec<Footnote>,
    pub conference: Conference,
    pub days: Vec<Day>,
    pub tracks: Vec<Track>,
    pub topics: Vec<Topic>,
    /// Where entries take place; a programme's rooms (new in version 2).
    #[serde(
        default,
        deserialize_with = "null_as_default",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub rooms: Vec<Room>,
    pub entries: Vec<Entry>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Conference {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
    pub first_day: String,
    pub last_day: String,
    /// IANA zone name the entry times are given in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time_zone: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Day {
    /// ISO date, e.g. "2024-03-18".
    pub id: String,
    pub label: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Track {
    pub id: String,
    pub label: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Room {
    pub id: String,
    pub label: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Topic {
    pub id: String,
    pub label: String,
    #[serde(
        default,
        deserialize_with = "null_as_default",
        skip_serializing_if = "String::is_empty"
    )]
    pub description: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Footnote {
    /// The mark as the report prints it, e.g. "1".
    pub mark: String,
    pub text: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    Opening,
    Closing,
    Plenary,
    Talk,
    Travel,
    Meal,
    Reception,
    Evening,
    Dinner,
    DayNotes,
}

impl Kind {
    /// Every kind, in the order the format lists them.
    pub const ALL: [Kind; 10] = [
        Kind::Opening,
        Kind::Closing,
        Kind::Plenary,
        Kind::Talk,
        Kind::Travel,
        Kind::Meal,
        Kind::Reception,
        Kind::Evening,
        Kind::Dinner,
        Kind::DayNotes,
    ];

    /// Sessions of the official programme, as opposed to the author's own day.
    pub fn is_program(self) -> bool {
        matches!(
            self,
            Kind::Opening | Kind::Closing | Kind::Plenary | Kind::Talk
        )
    }

    /// The name as serde writes it, e.g. "day-notes"; a test keeps the two
    /// in step.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Opening => "opening",
            Kind::Closing => "closing",
            Kind::Plenary => "plenary",
            Kind::Talk => "talk",
            Kind::Travel => "travel",
            Kind::Meal => "meal",
            Kind::Reception => "reception",
            Kind::Evening => "evening",
            Kind::Dinner => "dinner",
            Kind::DayNotes => "day-notes",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Kind::Opening => "Opening remarks",
            Kind::Closing => "Closing remarks",
            Kind::Plenary => "Plenary",
            Kind::Talk => "Talk",
            Kind::Travel => "Travel",
            Kind::Meal => "Meal",
            Kind::Reception => "Reception",
            Kind::Evening => "Evening",
            Kind::Dinner => "Dinner",
            Kind::DayNotes => "Day notes",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Speaker {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub affiliation: Option<String>,
}

/// Whether slides or a video exist, and where when the address is known.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Material {
    pub available: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// Written tagged by "type"; read through `RawBlock`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "kebab-case", try_from = "RawBlock")]
pub enum Block {
    Paragraph {
        text: Inline,
        #[serde(skip_serializing_if = "is_zero")]
        level: u8,
    },
    Numbered {
        number: u32,
        text: Inline,
        #[serde(skip_serializing_if = "is_zero")]
        level: u8,
    },
    Bullet {
        text: Inline,
        #[serde(skip_serializing_if = "is_zero")]
        level: u8,
    },
    /// The editor's bracketed aside, kept apart from the speaker's content.
    EditorNote { text: Inline },
}

/// A block's text: its plain words, and the spans they are made of when some
/// are emphasized or linked. Plain text has no spans, so search, excerpts and
/// highlighting read `as_str` alone and a plain block costs no more than a
/// string. Spans are kept merged: no two neighbours format alike.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Inline {
    plain: String,
    spans: Vec<Span>,
}

/// A run of text, emphasized or not, linked or not.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Span {
    pub text: String,
    #[serde(
        default,
        deserialize_with = "null_as_default",
        skip_serializing_if = "is_false"
    )]
    pub emphasis: bool,
    /// An http or https address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub link: Option<String>,
}

impl Span {
    pub fn plain(text: impl Into<String>) -> Span {
        Span {
            text: text.into(),
            emphasis: false,
            link: None,
        }
    }

    fn is_plain(&self) -> bool {
        !self.emphasis && self.link.is_none()
    }

    fn formats_like(&self, other: &Span) -> bool {
        self.emphasis == other.emphasis && self.link == other.link
    }
}

fn is_false(value: &bool) -> bool {
    !*value
}

impl Inline {
    pub fn plain(text: impl Into<String>) -> Inline {
        Inline {
            plain: text.into(),
            spans: Vec::new(),
        }
    }

    /// Joins neighbours that format alike, and keeps no spans when none is
    /// emphasized or linked, so one text has one form however it was cut.
    pub fn from_spans(spans: impl IntoIterator<Item = Span>) -> Inline {
        let mut merged: Vec<Span> = Vec::new();
        for span in spans {
            match merged.last_mut() {
                Some(last) if last.formats_like(&span) => last.text.push_str(&span.text),
                _ => merged.push(span),
            }
        }
        let plain = merged.iter().map(|s| s.text.as_str()).collect();
        if merged.iter().all(Span::is_plain) {
            merged.clear();
        }
        Inline {
            plain,
            spans: merged,
        }
    }

    /// The text without formatting: all spans' text in order.
    pub fn as_str(&self) -> &str {
        &self.plain
    }

    /// Empty when the text is plain, else every span in order.
    pub fn spans(&self) -> &[Span] {
        &self.spans
    }

    /// The spans, with plain text as its one span (none when empty).
    pub fn to_spans(&self) -> Vec<Span> {
        match (self.spans.is_empty(), self.plain.is_empty()) {
            (false, _) => self.spans.clone(),
            (true, false) => vec![Span::plain(self.plain.clone())],
            (true, true) => Vec::new(),
        }
    }
}

impl From<&str> for Inline {
    fn from(text: &str) -> Inline {
        Inline::plain(text)
    }
}

impl From<String> for Inline {
    fn from(text: String) -> Inline {
        Inline::plain(text)
    }
}

/// Plain text as a string (version 1's form), formatted text as its spans.
impl Serialize for Inline {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if self.spans.is_empty() {
            serializer.serialize_str(&self.plain)
        } else {
            self.spans.serialize(serializer)
        }
    }
}

impl<'de> Deserialize<'de> for Inline {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Inline, D::Error> {
        struct TextOrSpans;
        impl<'de> Visitor<'de> for TextOrSpans {
            type Value = Inline;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string or an array of spans")
            }
            fn visit_str<E>(self, text: &str) -> Result<Inline, E> {
                Ok(Inline::plain(text))
            }
            fn visit_string<E>(self, text: String) -> Result<Inline, E> {
                Ok(Inline::plain(text))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Inline, A::Error> {
                let mut spans = Vec::new();
                while let Some(span) = seq.next_element::<Span>()? {
                    spans.push(span);
                }
                Ok(Inline::from_spans(spans))
            }
        }
        deserializer.deserialize_any(TextOrSpans)
    }
}

/// A block as read: one flat object whose fields are sorted out once the
/// type is known. Serde's own reading of a tagged enum first copies every
/// block into a generic tree, which made the wasm about 5 KB (gzip) larger.
#[derive(Deserialize)]
struct RawBlock {
    #[serde(rename = "type")]
    kind: BlockType,
    text: Inline,
    #[serde(default)]
    number: Loose,
    #[serde(default)]
    level: Loose,
}

#[derive(Deserialize)]
#[serde(rename_all = "kebab-case")]
enum BlockType {
    Paragraph,
    Numbered,
    Bullet,
    EditorNote,
}

impl TryFrom<RawBlock> for Block {
    type Error = String;

    fn try_from(raw: RawBlock) -> Result<Block, String> {
        let RawBlock {
            kind,
            text,
            number,
            level,
        } = raw;
        // Nesting depth 0 is the default, and null reads as absent.
        let level = || Ok::<u8, String>(level.read(u8::MAX.into(), "u8", true)?.unwrap_or(0) as u8);
        Ok(match kind {
            BlockType::Paragraph => Block::Paragraph {
                text,
                level: level()?,
            },
            BlockType::Numbered => Block::Numbered {
                number: number
                    .read(u32::MAX.into(), "u32", false)?
                    .ok_or("missing field `number`")? as u32,
                text,
                level: level()?,
            },
            BlockType::Bullet => Block::Bullet {
                text,
                level: level()?,
            },
            // An editor's note has no level or number: whatever is there is
            // ignored, as with any unknown field.
            BlockType::EditorNote => Block::EditorNote { text },
        })
    }
}

/// A number field as written, judged only once the block's type says
/// whether it has that field, so a type without it ignores any value there.
#[derive(Default)]
enum Loose {
    #[default]
    Absent,
    Int(u64),
    /// Anything else, by the name serde's messages give it.
    Other(&'static str),
}

impl Loose {
    /// The number when it is at most `max`, `None` when absent (or null,
    /// where `null_is_absent`), else a message like serde's.
    fn read(self, max: u64, expected: &str, null_is_absent: bool) -> Result<Option<u64>, String> {
        match self {
            Loose::Absent | Loose::Other("null") if null_is_absent => Ok(None),
            Loose::Absent => Ok(None),
            Loose::Int(n) if n <= max => Ok(Some(n)),
            Loose::Int(n) => Err(format!("invalid value: integer `{n}`, expected {expected}")),
            Loose::Other(what) => Err(format!("invalid type: {what}, expected {expected}")),
        }
    }
}

impl<'de> Deserialize<'de> for Loose {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Loose, D::Error> {
        struct Any;
        impl<'de> Visitor<'de> for Any {
            type Value = Loose;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("any value")
            }
            fn visit_u64<E>(self, n: u64) -> Result<Loose, E> {
                Ok(Loose::Int(n))
            }
            fn visit_i64<E>(self, n: i64) -> Result<Loose, E> {
                Ok(u64::try_from(n).map_or(Loose::Other("negative integer"), Loose::Int))
            }
            fn visit_f64<E>(self, _: f64) -> Result<Loose, E> {
                Ok(Loose::Other("floating point"))
            }
            fn visit_bool<E>(self, _: bool) -> Result<Loose, E> {
                Ok(Loose::Other("boolean"))
            }
            fn visit_str<E>(self, _: &str) -> Result<Loose, E> {
                Ok(Loose::Other("string"))
            }
            fn visit_unit<E>(self) -> Result<Loose, E> {
                Ok(Loose::Other("null"))
            }
            fn visit_none<E>(self) -> Result<Loose, E> {
                Ok(Loose::Other("null"))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Loose, A::Error> {
                IgnoredAny.visit_seq(seq)?;
                Ok(Loose::Other("sequence"))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Loose, A::Error> {
                IgnoredAny.visit_map(map)?;
                Ok(Loose::Other("map"))
            }
        }
        deserializer.deserialize_any(Any)
    }
}

fn is_zero(level: &u8) -> bool {
    *level == 0
}

impl Block {
    pub fn inline(&self) -> &Inline {
        match self {
            Block::Paragraph { text, .. }
            | Block::Numbered { text, .. }
            | Block::Bullet { text, .. }
            | Block::EditorNote { text } => text,
        }
    }

    /// The plain text, formatting left out.
    pub fn text(&self) -> &str {
        self.inline().as_str()
    }

    /// Empty for plain text; see `Inline::spans`.
    pub fn spans(&self) -> &[Span] {
        self.inline().spans()
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    pub id: String,
    pub day: String,
    pub kind: Kind,
    pub track: String,
    /// The title as the report gives it.
    pub title: String,
    /// The programme's title, when it differs from the report's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub official_title: Option<String>,
    /// The programme's subtitle.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subtitle: Option<String>,
    #[serde(
        default,
        deserialize_with = "null_as_default",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub speakers: Vec<Speaker>,
    /// The id of one of the report's rooms.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub room: Option<String>,
    /// The session's language as the programme gives it, e.g. "de".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// Local time "HH:MM" in the conference's time zone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<String>,
    /// The calendar date of `start` when it is not `day`: a session after
    /// midnight belongs to the conference day it is listed on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_date: Option<String>,
    /// The calendar date of `end` when it is later than the start's date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_date: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub slides: Option<Material>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub video: Option<Material>,
    /// The session's official page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(
        default,
        deserialize_with = "null_as_default",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub topics: Vec<String>,
    #[serde(default, deserialize_with = "null_as_default")]
    pub body: Vec<Block>,
}

impl Entry {
    /// An entry with only what every entry has; importers fill in the rest
    /// as they learn it.
    pub fn new(id: String, day: String, kind: Kind, track: String, title: String) -> Entry {
        Entry {
            id,
            day,
            kind,
            track,
            title,
            official_title: None,
            subtitle: None,
            speakers: Vec::new(),
            room: None,
            language: None,
            start: None,
            end: None,
            start_date: None,
            end_date: None,
            slides: None,
            video: None,
            url: None,
            topics: Vec::new(),
            body: Vec::new(),
        }
    }
}

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

/// Why a report could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoadError {
    /// Not JSON, or JSON of the wrong shape.
    Parse(String),
    /// Well-formed, but breaks a rule of the format.
    Invalid(Invalid),
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::Parse(detail) => {
                write!(f, "the report is not valid JSON of this format: {detail}")
            }
            LoadError::Invalid(invalid) => write!(f, "the report breaks a rule: {invalid}"),
        }
    }
}

impl std::error::Error for LoadError {}

impl Report {
    /// Parses and validates a report. The schema version is checked first, so
    /// a report from a newer format says so instead of failing on a field.
    /// A version 1 report reads as the same report in the current version.
    pub fn from_json(text: &str) -> Result<Report, LoadError> {
        #[derive(Deserialize)]
        struct Version {
            schema_version: Option<u32>,
        }
        let version: Version =
            serde_json::from_str(text).map_err(|e| LoadError::Parse(e.to_string()))?;
        let invalid = |problem: String| {
            LoadError::Invalid(Invalid {
                entry: None,
                field: "schema_version".into(),
                problem,
            })
        };
        let version = match version.schema_version {
            Some(v) if (OLDEST_READ_VERSION..=SCHEMA_VERSION).contains(&v) => v,
            Some(other) => {
                return Err(invalid(format!(
                    "version {other} is not supported (this build reads versions {OLDEST_READ_VERSION} to {SCHEMA_VERSION})"
                )))
            }
            None => return Err(invalid("missing".into())),
        };
        let mut report: Report =
            serde_json::from_str(text).map_err(|e| LoadError::Parse(e.to_string()))?;
        if version < SCHEMA_VERSION && report.blocks().any(|b| !b.spans().is_empty()) {
            return Err(invalid(format!(
                "version {version} has no spans: write {SCHEMA_VERSION} to use them"
            )));
        }
        report.schema_version = SCHEMA_VERSION;
        validate(&report).map_err(LoadError::Invalid)?;
        Ok(report)
    }

    /// Every block: the introduction's, then each entry's.
    pub fn blocks(&self) -> impl Iterator<Item = &Block> {
        self.introduction
            .iter()
            .chain(self.entries.iter().flat_map(|e| &e.body))
    }

    pub fn to_json(&self) -> String {
        let mut text = serde_json::to_string_pretty(self).expect("a report always serializes");
        text.push('\n');
        text
    }

    pub fn day(&self, id: &str) -> Option<&Day> {
        self.days.iter().find(|d| d.id == id)
    }

    pub fn track(&self, id: &str) -> Option<&Track> {
        self.tracks.iter().find(|t| t.id == id)
    }

    pub fn topic(&self, id: &str) -> Option<&Topic> {
        self.topics.iter().find(|t| t.id == id)
    }

    pub fn room(&self, id: &str) -> Option<&Room> {
        self.rooms.iter().find(|r| r.id == id)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kind_names_match_serde() {
        for kind in Kind::ALL {
            assert_eq!(
                serde_json::to_value(kind).unwrap(),
                serde_json::Value::from(kind.name())
            );
        }
    }
}
