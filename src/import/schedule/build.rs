//! A programme as read becomes a report: ids, days, rooms, tracks, topics,
//! times and notes, the same way for every source format.

use super::time::{clock, clock_minutes, duration_minutes, Stamp};
use super::{Event, Link, Named, Programme, ProgrammeDay, ScheduleError, Warning};
use crate::dates::{add_days, short_day};
use crate::import::html;
use crate::import::markdown::notes_blocks;
use crate::model::{
    is_iso_date, is_slug, is_web_link, validate, Block, Conference, Day, Entry, Inline, Kind,
    Material, Report, Room, Span, Speaker, Topic, Track, SCHEMA_VERSION,
};
use crate::text::{fold, slug};
use std::collections::{HashMap, HashSet};

/// The track of events when the programme gives none.
const FALLBACK_TRACK: &str = "Programme";

pub(super) fn report(
    mut programme: Programme,
    warnings: &mut Vec<Warning>,
) -> Result<Report, ScheduleError> {
    let title = clean(programme.title.as_deref())
        .or_else(|| clean(programme.acronym.as_deref()))
        .ok_or_else(|| ScheduleError("the conference has neither a title nor an acronym".into()))?;
    let mut builder = Builder {
        days: days(&programme.days, warnings),
        warnings,
        rooms: Ids::new("room"),
        tracks: Ids::new("track"),
        topics: Ids::new("topic"),
        entry_ids: HashSet::new(),
        untracked: 0,
        base_url: programme.base_url.clone(),
        line: None,
    };
    for room in &programme.rooms {
        builder.rooms.id_of(room);
    }
    for track in &programme.tracks {
        builder.tracks.id_of(track);
    }
    let events = std::mem::take(&mut programme.events);
    if events.is_empty() {
        return Err(ScheduleError("no event was found in it".into()));
    }
    let mut entries: Vec<Entry> = events
        .into_iter()
        .map(|event| builder.entry(event))
        .collect::<Result<_, _>>()?;
    // Chronological within a day; the sort is stable, so rooms keep the
    // programme's order.
    entries
        .sort_by(|a, b| (&a.day, &a.start_date, &a.start).cmp(&(&b.day, &b.start_date, &b.start)));
    let tracks = builder.finish_tracks();
    let Builder {
        days,
        warnings,
        rooms,
        topics,
        ..
    } = builder;
    let days: Vec<Day> = days.into_iter().map(|d| d.day).collect();
    let (first_day, last_day) = conference_days(&programme, &days)?;
    let report = Report {
        schema_version: SCHEMA_VERSION,
        id: report_id(programme.acronym.as_deref(), &title, warnings),
        title: title.clone(),
        author: String::new(),
        source_url: web_link(programme.base_url.clone(), "base_url", warnings),
        last_updated: None,
        introduction: Vec::new(),
        footnotes: Vec::new(),
        conference: Conference {
            name: title,
            place: None,
            first_day,
            last_day,
            time_zone: clean(programme.time_zone.as_deref()),
            url: web_link(programme.url.clone(), "conference.url", warnings),
        },
        days,
        tracks,
        topics: topics
            .listed
            .into_iter()
            .map(|(id, label)| Topic {
                id,
                label,
                description: String::new(),
            })
            .collect(),
        rooms: rooms
            .listed
            .into_iter()
            .map(|(id, label)| Room { id, label })
            .collect(),
        entries,
    };
    validate(&report)
        .map_err(|invalid| ScheduleError(format!("the report is invalid: {invalid}")))?;
    Ok(report)
}

/// Text on one line, tags dropped and entities decoded; blank is absent.
fn clean(text: Option<&str>) -> Option<String> {
    let text = html::to_text(text?);
    (!text.is_empty()).then_some(text)
}

fn warn(warnings: &mut Vec<Warning>, event: Option<&str>, field: &str, problem: String) {
    warnings.push(Warning {
        line: None,
        event: event.map(str::to_string),
        field: field.to_string(),
        problem,
    });
}

/// A link of the conference, when it is one a reader may follow.
fn web_link(url: Option<String>, field: &str, warnings: &mut Vec<Warning>) -> Option<String> {
    let url = clean(url.as_deref())?;
    if is_web_link(&url) {
        return Some(url);
    }
    warn(
        warnings,
        None,
        field,
        format!("\"{url}\" is not an http or https link; left out"),
    );
    None
}

/// The report's id: the acronym as a slug, else the title's.
fn report_id(acronym: Option<&str>, title: &str, warnings: &mut Vec<Warning>) -> String {
    let from_acronym = acronym.map(slug).filter(|id| is_slug(id));
    from_acronym.unwrap_or_else(|| {
        warn(
            warnings,
            None,
            "acronym",
            "missing or no id; the title gives the report's id".into(),
        );
        Some(slug(title))
            .filter(|id| is_slug(id))
            .unwrap_or_else(|| "programme".into())
    })
}

/// The conference's first and last day: its own dates, else its days'.
fn conference_days(programme: &Programme, days: &[Day]) -> Result<(String, String), ScheduleError> {
    let date_of = |text: &Option<String>| {
        text.as_deref()
            .and_then(|t| t.trim().get(..10))
            .filter(|d| is_iso_date(d))
            .map(str::to_string)
    };
    let first = date_of(&programme.start).or_else(|| days.first().map(|d| d.id.clone()));
    let last = date_of(&programme.end).or_else(|| days.last().map(|d| d.id.clone()));
    match (first, last) {
        (Some(first), Some(last)) if first <= last => Ok((first, last)),
        _ => match (days.first(), days.last()) {
            (Some(first), Some(last)) => Ok((first.id.clone(), last.id.clone())),
            _ => Err(ScheduleError("the programme has no dates".into())),
        },
    }
}

/// A day of the programme with the instants it runs between, when given.
struct DaySpan {
    day: Day,
    start: Option<i64>,
    end: Option<i64>,
}

/// The programme's days with real, distinct dates, in date order.
fn days(listed: &[ProgrammeDay], warnings: &mut Vec<Warning>) -> Vec<DaySpan> {
    let mut spans: Vec<DaySpan> = Vec::new();
    for (i, day) in listed.iter().enumerate() {
        let field = format!("days[{i}].date");
        if !is_iso_date(&day.date) {
            warn(
                warnings,
                None,
                &field,
                format!("\"{}\" is not a date; the day is left out", day.date),
            );
        } else if spans.iter().any(|s| s.day.id == day.date) {
            warn(
                warnings,
                None,
                &field,
                format!("{} is listed twice; its events are kept", day.date),
            );
        } else {
            let instant = |t: &Option<String>| {
                t.as_deref()
                    .and_then(Stamp::parse)
                    .and_then(|s| s.instant())
            };
            spans.push(DaySpan {
                day: Day {
                    id: day.date.clone(),
                    label: day_label(day.index.as_deref(), &day.date),
                },
                start: instant(&day.start),
                end: instant(&day.end),
            });
        }
    }
    spans.sort_by(|a, b| a.day.id.cmp(&b.day.id));
    spans
}

/// "Day 1, Fri 27 Dec", or the date alone without an index.
fn day_label(index: Option<&str>, date: &str) -> String {
    match index.map(str::trim).filter(|i| !i.is_empty()) {
        Some(index) => format!("Day {index}, {}", short_day(date)),
        None => short_day(date),
    }
}

/// Ids given out for rooms, tracks or topics: unique slugs, each thing once
/// however many names it is known by.
struct Ids {
    listed: Vec<(String, String)>,
    by_key: HashMap<String, usize>,
    taken: HashSet<String>,
    /// Stands in for a name that gives no slug, e.g. "room" gives "room-3".
    fallback: &'static str,
}

impl Ids {
    fn new(fallback: &'static str) -> Ids {
        Ids {
            listed: Vec::new(),
            by_key: HashMap::new(),
            taken: HashSet::new(),
            fallback,
        }
    }

    /// The id of the thing known by any of `keys`, listed with `wanted`
    /// (made unique) and `label` when it is new.
    fn id(&mut self, keys: &[String], wanted: &str, label: &str) -> String {
        let known = keys.iter().find_map(|k| self.by_key.get(k).copied());
        let index = known.unwrap_or_else(|| {
            let fallback = format!("{}-{}", self.fallback, self.listed.len() + 1);
            let id = unique_id(wanted, &fallback, &mut self.taken);
            self.listed.push((id, label.to_string()));
            self.listed.len() - 1
        });
        for key in keys {
            self.by_key.entry(key.clone()).or_insert(index);
        }
        self.listed[index].0.clone()
    }

    /// The id of a room or track named in the programme; `None` when it has
    /// neither a name nor a slug.
    fn id_of(&mut self, named: &Named) -> Option<String> {
        let name = clean(named.name.as_deref());
        let given_slug = clean(named.slug.as_deref());
        let keys: Vec<String> = [
            name.as_ref().map(|n| format!("name:{n}")),
            given_slug.as_ref().map(|s| format!("slug:{s}")),
        ]
        .into_iter()
        .flatten()
        .collect();
        let label = name.as_ref().or(given_slug.as_ref())?;
        let wanted = given_slug
            .clone()
            .filter(|s| is_slug(s))
            .unwrap_or_else(|| slug(label));
        Some(self.id(&keys, &wanted, label))
    }
}

/// `wanted` when it is a free slug, else `fallback`, with "-2", "-3"... until
/// unused; the id is then taken.
fn unique_id(wanted: &str, fallback: &str, taken: &mut HashSet<String>) -> String {
    let base = if is_slug(wanted) { wanted } else { fallback };
    let mut id = base.to_string();
    let mut n = 1;
    while taken.contains(&id) {
        n += 1;
        id = format!("{base}-{n}");
    }
    taken.insert(id.clone());
    id
}

struct Builder<'w> {
    days: Vec<DaySpan>,
    warnings: &'w mut Vec<Warning>,
    rooms: Ids,
    tracks: Ids,
    topics: Ids,
    entry_ids: HashSet<String>,
    /// Events without a track, filed under the fallback track.
    untracked: usize,
    base_url: Option<String>,
    /// The line of the event being read, which its warnings name.
    line: Option<usize>,
}

/// When an entry starts and ends, in the report's terms.
struct Timing {
    day: String,
    start: Option<String>,
    end: Option<String>,
    start_date: Option<String>,
    end_date: Option<String>,
}

impl Builder<'_> {
    fn entry(&mut self, event: Event) -> Result<Entry, ScheduleError> {
        self.line = event.line;
        let who = who(&event);
        let title = self.title(&who, &event);
        let id = self.entry_id(&who, &event);
        let timing = self.timing(&who, &event)?;
        let track = self.track(&event);
        let room = event.room.as_ref().and_then(|r| self.rooms.id_of(r));
        let language = clean(event.language.as_deref());
        let topics = self.topics(&event);
        // Each of these may warn: subtitle, speakers, notes is the order of
        // the warnings.
        let subtitle = self.text(&who, "subtitle", event.subtitle.as_deref());
        let speakers = self.speakers(&who, &event.persons);
        let body = self.notes(&who, &event);
        let mut entry = Entry::new(id, timing.day, Kind::Talk, track, title);
        entry.subtitle = subtitle;
        entry.speakers = speakers;
        entry.room = room;
        entry.language = language;
        entry.start = timing.start;
        entry.end = timing.end;
        entry.start_date = timing.start_date;
        entry.end_date = timing.end_date;
        entry.topics = topics;
        entry.body = body;
        self.official_page(&who, &event, &mut entry);
        self.links(&who, &event, &mut entry);
        if event.not_recorded && entry.video.is_none() {
            entry.video = Some(Material {
                available: false,
                url: None,
            });
        }
        Ok(entry)
    }

    fn warn(&mut self, who: &str, field: &str, problem: String) {
        self.warnings.push(Warning {
            line: self.line,
            event: Some(who.to_string()),
            field: field.to_string(),
            problem,
        });
    }

    /// Cleaned text, with a warning when HTML had to be read out of it.
    fn text(&mut self, who: &str, field: &str, text: Option<&str>) -> Option<String> {
        let raw = text?;
        let cleaned = clean(Some(raw));
        let as_written = raw.split_whitespace().collect::<Vec<_>>().join(" ");
        if cleaned.as_deref().unwrap_or_default() != as_written {
            self.warn(who, field, "has HTML entities or tags; read as text".into());
        }
        cleaned
    }

    fn title(&mut self, who: &str, event: &Event) -> String {
        if let Some(title) = self.text(who, "title", event.title.as_deref()) {
            return title;
        }
        self.warn(who, "title", "is empty; the event's id stands in".into());
        who.to_string()
    }

    /// From the guid (stable while titles and slugs change), else the slug,
    /// else the id; unique.
    fn entry_id(&mut self, who: &str, event: &Event) -> String {
        let wanted = [&event.guid, &event.slug, &event.id]
            .into_iter()
            .filter_map(|given| given.as_deref().map(slug))
            .find(|id| is_slug(id))
            .unwrap_or_default();
        let fallback = format!("event-{}", self.entry_ids.len() + 1);
        let id = unique_id(&wanted, &fallback, &mut self.entry_ids);
        if wanted.is_empty() {
            self.warn(
                who,
                "guid",
                format!("no guid, slug or id gives an id; it is \"{id}\""),
            );
        } else if id != wanted {
            self.warn(
                who,
                "guid",
                format!("is an earlier event's too; this one is \"{id}\""),
            );
        }
        id
    }

    fn track(&mut self, event: &Event) -> String {
        if let Some(id) = event.track.as_ref().and_then(|t| self.tracks.id_of(t)) {
            return id;
        }
        self.untracked += 1;
        self.tracks
            .id(&["fallback".into()], &slug(FALLBACK_TRACK), FALLBACK_TRACK)
    }

    /// The report's tracks, once every event is in; says where the fallback
    /// track was needed.
    fn finish_tracks(&mut self) -> Vec<Track> {
        // More tracks than the fallback alone: the programme has its own.
        let has_tracks = self.tracks.listed.len() > usize::from(self.untracked > 0);
        if self.untracked > 0 && !has_tracks {
            warn(
                self.warnings,
                None,
                "track",
                format!(
                    "the programme has no tracks; every event is on one \"{FALLBACK_TRACK}\" track"
                ),
            );
        } else if self.untracked > 0 {
            warn(
                self.warnings,
                None,
                "track",
                format!(
                    "{} events have no track; they are on the \"{FALLBACK_TRACK}\" track",
                    self.untracked
                ),
            );
        }
        self.tracks
            .listed
            .iter()
            .map(|(id, label)| Track {
                id: id.clone(),
                label: label.clone(),
            })
            .collect()
    }

    /// The event's tags as topics. Its language and type are facts that
    /// nearly every card would repeat as a chip: the language shows in the
    /// card's label line already, and the type ("devroom") is no subject.
    fn topics(&mut self, event: &Event) -> Vec<String> {
        let mut ids: Vec<String> = Vec::new();
        for tag in event.tags.iter().filter_map(|t| clean(Some(t))) {
            let key = format!("tag:{}", fold(&tag));
            let id = self.topics.id(&[key], &slug(&tag), &tag);
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
        ids
    }

    fn speakers(&mut self, who: &str, persons: &[String]) -> Vec<Speaker> {
        let mut speakers = Vec::new();
        for person in persons {
            match clean(Some(person)) {
                Some(name) => speakers.push(Speaker {
                    name,
                    affiliation: None,
                }),
                None => self.warn(who, "persons", "a person without a name is left out".into()),
            }
        }
        speakers
    }

    /// The abstract, then the description unless it repeats the abstract,
    /// each read as HTML when it has HTML tags, else as Markdown (pretalx
    /// writes Markdown); what notes cannot hold is a warning.
    fn notes(&mut self, who: &str, event: &Event) -> Vec<Block> {
        let present = |text: &Option<String>| {
            text.as_deref()
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .map(str::to_string)
        };
        let summary = present(&event.abstract_text);
        let description = present(&event.description).filter(|d| Some(d) != summary.as_ref());
        let page = self.page(event);
        let mut blocks = Vec::new();
        for (field, text) in [("abstract", summary), ("description", description)] {
            let Some(text) = text else { continue };
            if html::looks_like_html(&text) {
                let mut problems = Vec::new();
                blocks.extend(html::to_blocks(&text, page.as_deref(), &mut |p| {
                    problems.push(p);
                }));
                for problem in problems {
                    self.warn(who, field, problem);
                }
                continue;
            }
            let (read, warnings) = notes_blocks(&text);
            for warning in warnings {
                self.warn(who, field, warning.to_string());
            }
            blocks.extend(read);
        }
        blocks
    }

    /// The page relative addresses of the event are read against.
    fn page(&self, event: &Event) -> Option<String> {
        clean(event.url.as_deref()).or_else(|| self.base_url.clone())
    }

    fn official_page(&mut self, who: &str, event: &Event, entry: &mut Entry) {
        let Some(url) = clean(event.url.as_deref()) else {
            return;
        };
        if is_web_link(&url) {
            entry.url = Some(url);
        } else {
            self.warn(
                who,
                "url",
                format!("\"{url}\" is not an http or https link; left out"),
            );
        }
    }

    /// Links and attachments: the first recognisable slides and recording
    /// go to `slides` and `video`, the rest to the notes as list items.
    fn links(&mut self, who: &str, event: &Event, entry: &mut Entry) {
        let page = self.page(event);
        for link in event.links.iter().chain(&event.attachments) {
            let Some(written) = clean(Some(&link.url)) else {
                self.warn(who, "links", "a link without an address is left out".into());
                continue;
            };
            // Only a path from the host's root is completed: a list of links
            // writes a host without its scheme ("www.cadus.org"), which is
            // no path beside the page.
            let url = if written.starts_with('/') {
                html::resolve(&written, page.as_deref())
            } else {
                written
            };
            let title = link.title.as_deref().and_then(|t| clean(Some(t)));
            if entry.url.as_deref() == Some(url.as_str()) {
                continue;
            }
            if !is_web_link(&url) {
                self.warn(
                    who,
                    "links",
                    format!("\"{url}\" is not an http or https link; kept as text"),
                );
            } else if entry.slides.is_none() && is_slides(link, title.as_deref()) {
                entry.slides = Some(Material {
                    available: true,
                    url: Some(url),
                });
                continue;
            } else if entry.video.is_none() && is_recording(&url, title.as_deref()) {
                entry.video = Some(Material {
                    available: true,
                    url: Some(url),
                });
                continue;
            }
            let label = title.or_else(|| link.kind.clone());
            entry.body.push(Block::Bullet {
                text: link_item(label, url),
                level: 0,
            });
        }
    }

    fn timing(&mut self, who: &str, event: &Event) -> Result<Timing, ScheduleError> {
        let stamp = event.date.as_deref().and_then(|d| {
            let stamp = Stamp::parse(d);
            if stamp.is_none() {
                self.warn(who, "date", format!("\"{d}\" is not a date-time; ignored"));
            }
            stamp
        });
        let listed = event.start.as_deref().and_then(|s| {
            let minutes = clock_minutes(s);
            if minutes.is_none() && !s.trim().is_empty() {
                self.warn(who, "start", format!("\"{s}\" is not a time; ignored"));
            }
            minutes
        });
        let start = listed.or(stamp.as_ref().map(|s| s.minutes));
        let day = self.day_of(who, event, stamp.as_ref())?;
        let mut start_date = stamp.as_ref().map(|s| s.date.clone()).filter(|d| *d != day);
        if start_date.as_ref().is_some_and(|d| *d < day) {
            self.warn(
                who,
                "date",
                format!("is before its day {day}; only the day is kept"),
            );
            start_date = None;
        }
        let starts_on = start_date.clone().unwrap_or_else(|| day.clone());
        let (end, end_date) = self.end(who, event, start, &starts_on);
        Ok(Timing {
            day,
            start: start.map(clock),
            end,
            start_date,
            end_date,
        })
    }

    /// The conference day: the one the event is listed under, else the one
    /// whose span holds its start, else the one of its date (added when the
    /// programme lacks it).
    fn day_of(
        &mut self,
        who: &str,
        event: &Event,
        stamp: Option<&Stamp>,
    ) -> Result<String, ScheduleError> {
        let listed = event
            .listed_day
            .as_ref()
            .filter(|d| self.days.iter().any(|s| s.day.id == **d));
        if let Some(day) = listed {
            return Ok(day.clone());
        }
        let instant = stamp.and_then(Stamp::instant);
        let spanning = self.days.iter().find(|s| match (instant, s.start, s.end) {
            (Some(t), Some(start), Some(end)) => start <= t && t < end,
            _ => false,
        });
        let dated = stamp.and_then(|st| self.days.iter().find(|s| s.day.id == st.date));
        if let Some(span) = spanning.or(dated) {
            return Ok(span.day.id.clone());
        }
        let Some(stamp) = stamp else {
            return Err(ScheduleError(format!(
                "event {who} has neither a day nor a date"
            )));
        };
        self.warn(
            who,
            "date",
            format!(
                "{} is no day of the programme; the day is added",
                stamp.date
            ),
        );
        self.days.push(DaySpan {
            day: Day {
                id: stamp.date.clone(),
                label: short_day(&stamp.date),
            },
            start: None,
            end: None,
        });
        self.days.sort_by(|a, b| a.day.id.cmp(&b.day.id));
        Ok(stamp.date.clone())
    }

    /// The end as "HH:MM" and its date when later than `starts_on`: from the
    /// end date-time (v2), else from the start and the duration.
    fn end(
        &mut self,
        who: &str,
        event: &Event,
        start: Option<u32>,
        starts_on: &str,
    ) -> (Option<String>, Option<String>) {
        if let Some(text) = event.end.as_deref() {
            return match Stamp::parse(text) {
                Some(end) if end.date.as_str() > starts_on => {
                    (Some(clock(end.minutes)), Some(end.date))
                }
                Some(end) if end.date == starts_on && start.is_none_or(|s| s <= end.minutes) => {
                    (Some(clock(end.minutes)), None)
                }
                _ => {
                    self.warn(
                        who,
                        "end",
                        format!("\"{text}\" is no date-time after the start; ignored"),
                    );
                    (None, None)
                }
            };
        }
        let duration = event.duration.as_deref().filter(|d| !d.trim().is_empty());
        let (Some(start), Some(text)) = (start, duration) else {
            return (None, None);
        };
        let Some(length) = duration_minutes(text) else {
            self.warn(
                who,
                "duration",
                format!("\"{text}\" is not a duration; no end time"),
            );
            return (None, None);
        };
        let end = start + length;
        let later = i64::from(end / (24 * 60));
        let end_date = (later > 0).then(|| add_days(starts_on, later)).flatten();
        (Some(clock(end)), end_date)
    }
}

/// The event as warnings name it: its id and title.
fn who(event: &Event) -> String {
    let id = [&event.id, &event.guid, &event.slug]
        .into_iter()
        .find_map(|given| clean(given.as_deref()))
        .unwrap_or_else(|| "without id".into());
    match clean(event.title.as_deref()) {
        Some(title) => format!("{id} \"{title}\""),
        None => id,
    }
}

/// Slides: a v2 reference of type SLIDES, or a title that says so.
fn is_slides(link: &Link, title: Option<&str>) -> bool {
    let titled = title.is_some_and(|t| {
        let t = fold(t);
        t.contains("slides") || t.contains("folien")
    });
    link.kind.as_deref() == Some("SLIDES") || titled
}

/// A recording of the event: on media.ccc.de, or titled a recording. A
/// title "video" alone may be any video, so it is not enough.
fn is_recording(url: &str, title: Option<&str>) -> bool {
    let host = url
        .split("://")
        .nth(1)
        .and_then(|rest| rest.split('/').next())
        .unwrap_or("");
    let titled = title.is_some_and(|t| {
        let t = fold(t);
        t.contains("recording") || t.contains("aufzeichnung")
    });
    host.eq_ignore_ascii_case("media.ccc.de") || titled
}

/// A link of the notes: its title linked where the address is a web link;
/// any other address stays as text, never as a link.
fn link_item(label: Option<String>, url: String) -> Inline {
    if !is_web_link(&url) {
        return match label {
            Some(label) => format!("{label}: {url}").into(),
            None => url.into(),
        };
    }
    Inline::from_spans([Span {
        text: label.unwrap_or_else(|| url.clone()),
        emphasis: false,
        link: Some(url),
    }])
}
