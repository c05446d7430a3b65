//! The report format: what a trip report is. Its types are here; `wire`
//! reads and writes them as JSON, and `validate` is the one place that
//! decides whether a report is valid. The importer and the viewer both use
//! it.

mod validate;
mod wire;

pub(crate) use validate::digits;
pub use validate::{is_clock_time, is_iso_date, is_slug, is_web_link, validate, Invalid};
pub use wire::LoadError;

use serde::{Deserialize, Serialize};

/// The schema version this build writes.
pub const SCHEMA_VERSION: u32 = 2;
/// Version 1 has no spans: such a report reads as it is, as version 2.
pub const OLDEST_READ_VERSION: u32 = 1;

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
        deserialize_with = "wire::null_as_default",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub introduction: Vec<Block>,
    #[serde(
        default,
        deserialize_with = "wire::null_as_default",
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
        deserialize_with = "wire::null_as_default",
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
        deserialize_with = "wire::null_as_default",
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
#[serde(tag = "type", rename_all = "kebab-case", try_from = "wire::RawBlock")]
pub enum Block {
    Paragraph {
        text: Inline,
        #[serde(skip_serializing_if = "wire::is_zero")]
        level: u8,
    },
    Numbered {
        number: u32,
        text: Inline,
        #[serde(skip_serializing_if = "wire::is_zero")]
        level: u8,
    },
    Bullet {
        text: Inline,
        #[serde(skip_serializing_if = "wire::is_zero")]
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
        deserialize_with = "wire::null_as_default",
        skip_serializing_if = "wire::is_false"
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
        deserialize_with = "wire::null_as_default",
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
        deserialize_with = "wire::null_as_default",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub topics: Vec<String>,
    #[serde(default, deserialize_with = "wire::null_as_default")]
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

impl Report {
    /// Every block: the introduction's, then each entry's.
    pub fn blocks(&self) -> impl Iterator<Item = &Block> {
        self.introduction
            .iter()
            .chain(self.entries.iter().flat_map(|e| &e.body))
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
