//! Schedule v1 and v2 JSON. Fields are read as loose JSON values, since
//! real files give numbers for ids, null for text and objects for
//! translated text; only the outline is typed.

use super::{Event, Link, Named, Programme, ProgrammeDay, ScheduleError, Warning};
use serde::de::{IgnoredAny, MapAccess, Visitor};
use serde::{Deserialize, Deserializer};
use serde_json::Value;
use std::fmt;

#[derive(Deserialize)]
struct File {
    schedule: Schedule,
}

#[derive(Deserialize)]
struct Schedule {
    #[serde(default)]
    base_url: Value,
    conference: Conference,
    /// Schedule v2 lists events apart from the days.
    #[serde(default)]
    events: Value,
}

#[derive(Deserialize)]
struct Conference {
    #[serde(default)]
    acronym: Value,
    #[serde(default)]
    title: Value,
    #[serde(default)]
    start: Value,
    #[serde(default)]
    end: Value,
    #[serde(default)]
    time_zone_name: Value,
    #[serde(default)]
    url: Value,
    #[serde(default)]
    rooms: Value,
    #[serde(default)]
    tracks: Value,
    #[serde(default)]
    days: Vec<JsonDay>,
}

#[derive(Deserialize)]
struct JsonDay {
    #[serde(default)]
    index: Value,
    #[serde(default)]
    date: Value,
    /// v1 says `day_start`, v2 `start`.
    #[serde(default, alias = "start")]
    day_start: Value,
    #[serde(default, alias = "end")]
    day_end: Value,
    #[serde(default)]
    rooms: InOrder,
}

/// A v1 day's rooms in the file's order, which serde_json's own map would
/// sort by name.
#[derive(Default)]
struct InOrder(Vec<(String, Value)>);

impl<'de> Deserialize<'de> for InOrder {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<InOrder, D::Error> {
        struct Rooms;
        impl<'de> Visitor<'de> for Rooms {
            type Value = InOrder;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an object of rooms")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<InOrder, A::Error> {
                let mut rooms = Vec::new();
                while let Some(entry) = map.next_entry()? {
                    rooms.push(entry);
                }
                Ok(InOrder(rooms))
            }
            fn visit_unit<E>(self) -> Result<InOrder, E> {
                Ok(InOrder::default())
            }
        }
        deserializer.deserialize_any(Rooms)
    }
}

/// Whether the text is JSON with `schedule.conference`, read without
/// building the rest.
pub(super) fn has_schedule(text: &str) -> bool {
    #[derive(Deserialize)]
    struct Probe {
        #[serde(rename = "schedule")]
        _schedule: ProbeSchedule,
    }
    #[derive(Deserialize)]
    struct ProbeSchedule {
        #[serde(rename = "conference")]
        _conference: IgnoredAny,
    }
    serde_json::from_str::<Probe>(text).is_ok()
}

pub(super) fn read(text: &str, warnings: &mut Vec<Warning>) -> Result<Programme, ScheduleError> {
    let file: File = serde_json::from_str(text)
        .map_err(|e| ScheduleError(format!("not a schedule JSON file ({e})")))?;
    let Schedule {
        base_url,
        conference,
        events,
    } = file.schedule;
    let mut programme = Programme {
        acronym: text_of(&conference.acronym),
        title: text_of(&conference.title),
        start: text_of(&conference.start),
        end: text_of(&conference.end),
        time_zone: text_of(&conference.time_zone_name),
        url: text_of(&conference.url),
        base_url: text_of(&base_url),
        rooms: items(&conference.rooms).map(named).collect(),
        tracks: items(&conference.tracks).map(named).collect(),
        ..Programme::default()
    };
    for day in conference.days {
        let date = text_of(&day.date).unwrap_or_default();
        for (room, listed) in &day.rooms.0 {
            for value in items(listed) {
                let mut event = event(value, warnings);
                event.listed_day = Some(date.clone());
                event.room.get_or_insert_with(|| Named {
                    name: Some(room.clone()),
                    slug: None,
                });
                programme.events.push(event);
            }
        }
        programme.days.push(ProgrammeDay {
            index: text_of(&day.index),
            date,
            start: text_of(&day.day_start),
            end: text_of(&day.day_end),
        });
    }
    programme
        .events
        .extend(items(&events).map(|value| event(value, warnings)));
    Ok(programme)
}

/// The elements of an array; nothing for null or anything else.
fn items(value: &Value) -> impl Iterator<Item = &Value> {
    value.as_array().into_iter().flatten()
}

/// Text, or a number written as text; translated text (an object of
/// language codes) gives the English text, else the first one.
fn text_of(value: &Value) -> Option<String> {
    match value {
        Value::String(text) => Some(text.clone()),
        Value::Number(number) => Some(number.to_string()),
        Value::Object(translations) => translations
            .get("en")
            .or_else(|| translations.values().next())
            .and_then(text_of),
        _ => None,
    }
}

/// A room or track: a name, or an object with a name and a slug.
fn named(value: &Value) -> Named {
    match value {
        Value::Object(_) => Named {
            name: text_of(&value["name"]),
            slug: text_of(&value["slug"]),
        },
        other => Named {
            name: text_of(other),
            slug: None,
        },
    }
}

fn event(value: &Value, warnings: &mut Vec<Warning>) -> Event {
    let field = |name: &str| text_of(&value[name]);
    let mut event = Event {
        id: field("id"),
        guid: field("guid"),
        slug: field("slug"),
        title: field("title"),
        subtitle: field("subtitle"),
        url: field("url"),
        language: field("language"),
        room: Some(&value["room"]).filter(|v| !v.is_null()).map(named),
        track: Some(&value["track"]).filter(|v| !v.is_null()).map(named),
        abstract_text: field("abstract"),
        description: field("description"),
        tags: items(&value["tags"]).filter_map(text_of).collect(),
        not_recorded: value["do_not_record"].as_bool() == Some(true),
        links: items(&value["links"]).filter_map(link).collect(),
        attachments: items(&value["attachments"]).filter_map(link).collect(),
        persons: persons(value),
        ..Event::default()
    };
    // v1 gives a date-time `date` and a clock `start`; v2 a date-time
    // `start` and `end`.
    let start = field("start");
    if start.as_deref().is_some_and(|s| s.contains('T')) {
        event.date = start;
        event.end = field("end");
    } else {
        event.date = field("date");
        event.start = start;
    }
    event.duration = field("duration");
    for key in ["title", "abstract", "description"] {
        if matches!(value[key], Value::Array(_) | Value::Bool(_)) {
            warnings.push(Warning {
                line: None,
                event: event.id.clone().or(event.guid.clone()),
                field: key.into(),
                problem: "is not text; left out".into(),
            });
        }
    }
    event
}

/// The people of an event: v2 `participants`, else v1 `persons` (objects
/// with a `public_name` or `name`, or plain names). A person without a name
/// stays, as empty, for the import to warn about.
fn persons(event: &Value) -> Vec<String> {
    let listed = if event["participants"].is_array() {
        &event["participants"]
    } else {
        &event["persons"]
    };
    items(listed)
        .map(|person| match person {
            Value::Object(_) => text_of(&person["public_name"])
                .or_else(|| text_of(&person["name"]))
                .or_else(|| text_of(&person["full_public_name"]))
                .unwrap_or_default(),
            other => text_of(other).unwrap_or_default(),
        })
        .collect()
}

fn link(value: &Value) -> Option<Link> {
    match value {
        Value::Object(_) => Some(Link {
            url: text_of(&value["url"])?,
            title: text_of(&value["title"]),
            kind: text_of(&value["type"]),
        }),
        other => Some(Link {
            url: text_of(other)?,
            ..Link::default()
        }),
    }
}
