//! The front matter: the TOML between two fences that opens a report, or in
//! a blog post the TOML (`+++`) or YAML (`---`) its engine reads, of which
//! the keys a report uses are read and the others named to be ignored.

use super::{at, MarkdownError, Result};
use crate::markdown_format::{FrontMatter, FENCE};
use crate::model::{is_iso_date, Conference, Room, Topic, Track};
use serde::Deserialize;
use serde_json::{Map, Value};

/// The fence of a YAML front matter, as Jekyll and Hugo write it.
pub(super) const YAML_FENCE: &str = "---";

/// The front matter's text, the body's, and the body's first line.
pub(super) fn split(text: &str) -> Result<(&str, &str, usize)> {
    let missing = || {
        at(
            1,
            format!("a report starts with its front matter: a line \"{FENCE}\", TOML, and \"{FENCE}\" again"),
        )
    };
    let rest = opened(text, FENCE).ok_or_else(missing)?;
    closed(rest, FENCE).ok_or_else(|| {
        at(
            1,
            format!("the front matter has no closing \"{FENCE}\" line"),
        )
    })
}

/// What follows the opening fence, when the text starts with one.
fn opened<'a>(text: &'a str, fence: &str) -> Option<&'a str> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    text.strip_prefix(fence)
        .and_then(|r| r.strip_prefix("\r\n").or_else(|| r.strip_prefix('\n')))
}

/// The front matter, the body and the body's first line, when a line
/// closes the fence.
fn closed<'a>(rest: &'a str, fence: &str) -> Option<(&'a str, &'a str, usize)> {
    let mut offset = 0;
    for (i, line) in rest.split_inclusive('\n').enumerate() {
        if line.trim_end() == fence {
            let body = &rest[offset + line.len()..];
            return Some((&rest[..offset], body, i + 3));
        }
        offset += line.len();
    }
    None
}

pub(super) fn read(front: &str) -> Result<FrontMatter> {
    toml::from_str(front).map_err(|e| toml_error(front, &e))
}

/// A TOML error at its line of the file, the front matter starting at line 2.
fn toml_error(front: &str, e: &toml::de::Error) -> MarkdownError {
    let line = e
        .span()
        .map_or(0, |span| front[..span.start].matches('\n').count());
    at(line + 2, format!("front matter: {}", e.message()))
}

/// The keys of a post's front matter that a report uses.
const KNOWN: [&str; 10] = [
    "id",
    "title",
    "author",
    "source_url",
    "last_updated",
    "date",
    "conference",
    "tracks",
    "topics",
    "rooms",
];

/// What a post's front matter gives the report: the report's own keys,
/// all optional, and a blog post's `date`.
#[derive(Debug, Default, Deserialize)]
pub(super) struct PostFront {
    pub id: Option<String>,
    pub title: Option<String>,
    pub author: Option<Names>,
    pub source_url: Option<String>,
    pub last_updated: Option<String>,
    /// The post's day, "2024-03-18" or a date and time starting with it.
    pub date: Option<String>,
    pub conference: Option<Conference>,
    #[serde(default)]
    pub tracks: Vec<Track>,
    #[serde(default)]
    pub topics: Vec<Topic>,
    #[serde(default)]
    pub rooms: Vec<Room>,
}

/// An author, or a list of them as some engines allow.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub(super) enum Names {
    One(String),
    Several(Vec<String>),
}

impl Names {
    pub(super) fn joined(self) -> String {
        match self {
            Names::One(name) => name,
            Names::Several(names) => names.join(", "),
        }
    }
}

/// A post split into what its front matter gives and its body.
#[derive(Debug, Default)]
pub(super) struct Post<'a> {
    pub front: PostFront,
    /// The keys a report has no use for, as written.
    pub ignored: Vec<String>,
    pub body: &'a str,
    pub body_line: usize,
}

/// Reads a post's front matter, TOML or YAML, or none. A key the report
/// uses with a wrong value is an error at its line.
pub(super) fn split_post(text: &str) -> Result<Post<'_>> {
    let toml = opened(text, FENCE).and_then(|rest| closed(rest, FENCE));
    let yaml = opened(text, YAML_FENCE).and_then(|rest| closed(rest, YAML_FENCE));
    let (front, body, body_line, table) = match (toml, yaml) {
        (Some((front, body, line)), _) => (front, body, line, toml_table(front)?),
        (None, Some((front, body, line))) => (front, body, line, yaml_table(front)?),
        (None, None) => {
            let body = text.strip_prefix('\u{feff}').unwrap_or(text);
            return Ok(Post {
                body,
                body_line: 1,
                ..Post::default()
            });
        }
    };
    let (known, ignored): (Map<String, Value>, Map<String, Value>) = table
        .into_iter()
        .partition(|(key, _)| KNOWN.contains(&key.as_str()));
    // Each key alone first, so that an error names its line.
    for (key, value) in &known {
        let one = Map::from_iter([(key.clone(), value.clone())]);
        serde_json::from_value::<PostFront>(Value::Object(one))
            .map_err(|e| at(key_line(front, key), format!("front matter: `{key}`: {e}")))?;
    }
    let front_read: PostFront = serde_json::from_value(Value::Object(known))
        .map_err(|e| at(2, format!("front matter: {e}")))?;
    if let Some(date) = &front_read.date {
        if !date.get(..10).is_some_and(is_iso_date) {
            return Err(at(
                key_line(front, "date"),
                format!("\"{date}\" is not a date: write the post's day as YYYY-MM-DD"),
            ));
        }
    }
    Ok(Post {
        front: front_read,
        ignored: ignored.into_iter().map(|(key, _)| key).collect(),
        body,
        body_line,
    })
}

fn toml_table(front: &str) -> Result<Map<String, Value>> {
    let table: toml::Table = toml::from_str(front).map_err(|e| toml_error(front, &e))?;
    Ok(table.into_iter().map(|(k, v)| (k, json(v))).collect())
}

fn yaml_table(front: &str) -> Result<Map<String, Value>> {
    match serde_saphyr::from_str::<Value>(front) {
        Ok(Value::Object(table)) => Ok(table),
        Ok(Value::Null) => Ok(Map::new()),
        Ok(_) => Err(at(2, "front matter: write keys and values, `title: …`")),
        Err(e) => Err(at(2, format!("front matter: {e}"))),
    }
}

/// A TOML value as JSON; a date or time as it is written.
fn json(value: toml::Value) -> Value {
    match value {
        toml::Value::String(s) => Value::String(s),
        toml::Value::Integer(i) => Value::from(i),
        toml::Value::Float(f) => Value::from(f),
        toml::Value::Boolean(b) => Value::Bool(b),
        toml::Value::Datetime(d) => Value::String(d.to_string()),
        toml::Value::Array(items) => items.into_iter().map(json).collect(),
        toml::Value::Table(t) => Value::Object(t.into_iter().map(|(k, v)| (k, json(v))).collect()),
    }
}

/// The line of the file where a key of the front matter is given (line 2
/// when it cannot be told), the front matter starting at line 2.
fn key_line(front: &str, key: &str) -> usize {
    let gives = |line: &str| {
        let line = line.trim_start().trim_start_matches('[');
        line.strip_prefix(key)
            .is_some_and(|rest| rest.starts_with([' ', '=', ':', ']', '.']))
    };
    front.lines().position(gives).unwrap_or(0) + 2
}
