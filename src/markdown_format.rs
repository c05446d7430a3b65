//! The Markdown convention of a report (docs/markdown-format.md), shared by
//! the importer that reads it and the exporter that writes it: the front
//! matter, the facts' keys, how day headings and speakers are written, and
//! how deep blocks nest.

use crate::dates::{long_day, MONTHS, WEEKDAYS};
use crate::model::{is_iso_date, Block, Conference, Room, Speaker, Topic, Track};
use crate::text::SUPERSCRIPTS;
use serde::{Deserialize, Serialize};

/// The line that opens and closes the front matter.
pub const FENCE: &str = "+++";
/// How an editor's note starts, inside a block quote.
pub const EDITOR_NOTE: &str = "Editor's note:";

/// What the front matter holds: the report's facts that are not prose.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    /// Left out, the slug of the title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    pub title: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub author: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_updated: Option<String>,
    pub conference: Conference,
    #[serde(default)]
    pub tracks: Vec<Track>,
    #[serde(default)]
    pub topics: Vec<Topic>,
    /// Left out when empty: only programmes have rooms.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rooms: Vec<Room>,
}

/// The facts an entry's first list may give, by their key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Fact {
    Id,
    Kind,
    Track,
    Room,
    Time,
    StartDate,
    EndDate,
    Speaker,
    Language,
    Topics,
    Slides,
    Video,
    Page,
    OfficialTitle,
    Subtitle,
}

impl Fact {
    pub const ALL: [Fact; 15] = [
        Fact::Id,
        Fact::Kind,
        Fact::Track,
        Fact::Room,
        Fact::Time,
        Fact::StartDate,
        Fact::EndDate,
        Fact::Speaker,
        Fact::Language,
        Fact::Topics,
        Fact::Slides,
        Fact::Video,
        Fact::Page,
        Fact::OfficialTitle,
        Fact::Subtitle,
    ];

    /// The key as written, before its colon.
    pub fn key(self) -> &'static str {
        match self {
            Fact::Id => "Id",
            Fact::Kind => "Kind",
            Fact::Track => "Track",
            Fact::Room => "Room",
            Fact::Time => "Time",
            Fact::StartDate => "Start date",
            Fact::EndDate => "End date",
            Fact::Speaker => "Speaker",
            Fact::Language => "Language",
            Fact::Topics => "Topics",
            Fact::Slides => "Slides",
            Fact::Video => "Video",
            Fact::Page => "Page",
            Fact::OfficialTitle => "Official title",
            Fact::Subtitle => "Subtitle",
        }
    }

    pub(crate) fn named(key: &str) -> Option<Fact> {
        Fact::ALL
            .into_iter()
            .find(|f| f.key().eq_ignore_ascii_case(key.trim()))
    }
}

/// How deep blocks can nest in Markdown: a paragraph or item at level L
/// sits inside an item at level L-1, so it is no deeper than the items open
/// above it. An editor's note closes them all.
#[derive(Debug, Default)]
pub struct Nesting {
    open: usize,
}

impl Nesting {
    /// The block's level as deep as the blocks before it allow.
    pub fn fit(&mut self, block: &Block) -> u8 {
        let (level, opens) = match block {
            Block::Paragraph { level, .. } => (*level, false),
            Block::Numbered { level, .. } | Block::Bullet { level, .. } => (*level, true),
            Block::EditorNote { .. } => (0, false),
        };
        let level = level.min(u8::try_from(self.open).unwrap_or(u8::MAX));
        self.open = usize::from(level) + usize::from(opens);
        level
    }

    pub(crate) fn fitted(&mut self, mut block: Block) -> Block {
        let fitted = self.fit(&block);
        if let Block::Paragraph { level, .. }
        | Block::Numbered { level, .. }
        | Block::Bullet { level, .. } = &mut block
        {
            *level = fitted;
        }
        block
    }
}

/// "Jane Doe (Acme)": the affiliation is the last parenthesized part; "()"
/// says there is none, for a name that itself ends in parentheses.
pub fn parse_speaker(value: &str) -> std::result::Result<Speaker, String> {
    let value = value.trim();
    let (name, affiliation) = match value
        .strip_suffix(')')
        .and_then(|v| open_paren(v).map(|i| (v, i)))
    {
        Some((inner, i)) => (inner[..i].trim(), Some(inner[i + 1..].trim())),
        None => (value, None),
    };
    if name.is_empty() {
        return Err(format!(
            "\"{value}\" gives no name: write `Speaker: Jane Doe (Affiliation)`"
        ));
    }
    Ok(Speaker {
        name: name.to_string(),
        affiliation: affiliation.filter(|a| !a.is_empty()).map(str::to_string),
    })
}

/// Where the parenthesis opens that the text's final ")" closes.
fn open_paren(before_close: &str) -> Option<usize> {
    let mut depth = 0usize;
    for (i, c) in before_close.char_indices().rev() {
        match c {
            ')' => depth += 1,
            '(' if depth == 0 => return Some(i),
            '(' => depth -= 1,
            _ => {}
        }
    }
    None
}

/// A day heading's date and label. "Monday, March 18" (weekday and year
/// optional, the year otherwise the conference's) is its own label;
/// "2024-03-18: Label" gives both; "2024-03-18" alone is labelled
/// "Monday, March 18".
pub fn parse_day_heading(text: &str, year: &str) -> std::result::Result<(String, String), String> {
    if let Some(date) = text.get(..10).filter(|d| is_iso_date(d)) {
        let rest = &text[10..];
        let label = match rest.strip_prefix(':') {
            Some(label) => label.strip_prefix(' ').unwrap_or(label).to_string(),
            None if rest.trim().is_empty() => long_day(date).unwrap_or_default(),
            None => {
                return Err(format!(
                    "after the date write a colon and the label: `## {date}: {}`",
                    rest.trim()
                ))
            }
        };
        return Ok((date.to_string(), label));
    }
    let id = named_date(text, year)?;
    Ok((id, text.to_string()))
}

/// "[Weekday, ]Month D[, YYYY]" as an ISO date.
fn named_date(text: &str, year: &str) -> std::result::Result<String, String> {
    let bad = || {
        format!("a ## heading is a day: write `## Monday, March 18` (or `## March 18, {year}`, or `## {year}-03-18: Label`), not \"{text}\"")
    };
    let mut parts: Vec<&str> = text.split(',').map(str::trim).collect();
    let weekday = match parts.first() {
        Some(first) if WEEKDAYS.contains(first) => Some(parts.remove(0)),
        _ => None,
    };
    let (month_day, year) = match parts.as_slice() {
        [month_day] => (*month_day, year),
        [month_day, year] if year.len() == 4 => (*month_day, *year),
        _ => return Err(bad()),
    };
    let (month, day) = month_day.split_once(' ').ok_or_else(bad)?;
    let month = MONTHS.iter().position(|m| *m == month).ok_or_else(bad)? + 1;
    let day: u32 = day.trim().parse().map_err(|_| bad())?;
    let date = format!("{year}-{month:02}-{day:02}");
    if !is_iso_date(&date) {
        return Err(format!("\"{text}\" names no day of {year}"));
    }
    let real = long_day(&date).unwrap_or_default();
    match weekday {
        Some(weekday) if !real.starts_with(weekday) => Err(format!(
            "\"{text}\": {date} is a {}",
            real.split(',').next().unwrap_or("")
        )),
        _ => Ok(date),
    }
}

/// Whether `*text*` reads back as emphasis between these characters: a
/// delimiter must not touch whitespace on its inner side, and when the
/// inner character is punctuation the outer one must be whitespace or
/// punctuation too (CommonMark's flanking rules).
pub(crate) fn can_emphasize(text: &str, before: Option<char>, after: Option<char>) -> bool {
    let open_side = |c: Option<char>| c.is_none_or(|c| c == ' ' || c.is_ascii_punctuation());
    let fits = |inner: Option<char>, outer: Option<char>| match inner {
        // A superscript may be written as a `[^1]` reference.
        Some(c) if c.is_alphanumeric() && !SUPERSCRIPTS.contains(&c) => true,
        Some(c) if c.is_whitespace() || c.is_control() => false,
        Some(_) => open_side(outer),
        None => false,
    };
    fits(text.chars().next(), before) && fits(text.chars().last(), after)
}
