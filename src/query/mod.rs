//! The query: which entries a view shows, in what order, and how many each
//! filter option would give with the other filters as they are.

pub mod entry_set;
pub mod search;
pub mod url;

pub use entry_set::EntrySet;
pub use search::{excerpt, highlight, SearchIndex, Words};
pub use url::Filters;

use crate::model::Report;
use std::collections::{HashMap, HashSet};

/// What a view shows, computed from the report, the filters and the marks.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Outcome {
    /// Entry indexes to show: by rank when searching, else by day (the
    /// report's days in turn, each day's entries in report order), as the
    /// list and the static page show them.
    pub shown: Vec<usize>,
    /// The same entries as a set, for a card asking whether it is shown.
    pub visible: EntrySet,
    /// Whether `shown` is ranked by a search rather than by day.
    pub ranked: bool,
    /// Per day of the report, how many of its entries are shown, and how
    /// many of those are read.
    pub day_shown: Vec<usize>,
    pub day_shown_read: Vec<usize>,
    /// Per day of the report, the count if that day were chosen.
    pub day_counts: Vec<usize>,
    /// Count with no day chosen ("All days").
    pub all_days_count: usize,
    /// Per track of the report, its entries that pass the other filters.
    pub track_counts: Vec<usize>,
    /// Per topic of the report, its entries that pass the other filters.
    pub topic_counts: Vec<usize>,
    /// Per room of the report, its entries that pass the other filters.
    pub room_counts: Vec<usize>,
    /// Count if "unread only" were switched on.
    pub unread_count: usize,
    /// Count if "starred only" were switched on.
    pub starred_count: usize,
}

/// What the reader has set on the entries, by index: read marks and stars.
/// A plain closure is read marks alone.
pub trait ReaderState {
    fn is_read(&self, index: usize) -> bool;
    fn is_starred(&self, _index: usize) -> bool {
        false
    }
}

impl<F: Fn(usize) -> bool + ?Sized> ReaderState for F {
    fn is_read(&self, index: usize) -> bool {
        self(index)
    }
}

/// Which filter a count leaves out, so an option shows what it would give.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Except {
    Nothing,
    Day,
    Track,
    Topic,
    Room,
    Unread,
    Starred,
}

/// Where each entry's day, track and topics stand in the report's lists.
/// Found once per report (the search index keeps it), so a filter change
/// costs a step per entry, not a scan of the days or topics per entry.
struct Positions {
    /// Each entry's index by its id.
    entry: HashMap<String, usize>,
    day: Vec<Option<usize>>,
    track: Vec<Option<usize>>,
    room: Vec<Option<usize>>,
    /// Each topic once, even if an entry lists it twice.
    topics: Vec<Vec<usize>>,
    /// Every entry in the order of a view by day. The format lets a report
    /// list its entries in any order (by track, say), and a list that
    /// grows by the first entries of its view must never add an entry to a
    /// day above the ones it shows.
    by_day: Vec<usize>,
}

impl Positions {
    fn new(report: &Report) -> Positions {
        let days = by_id(report.days.iter().map(|d| d.id.as_str()));
        let tracks = by_id(report.tracks.iter().map(|t| t.id.as_str()));
        let topics = by_id(report.topics.iter().map(|t| t.id.as_str()));
        let rooms = by_id(report.rooms.iter().map(|r| r.id.as_str()));
        let entries = &report.entries;
        let day: Vec<Option<usize>> = entries
            .iter()
            .map(|e| days.get(e.day.as_str()).copied())
            .collect();
        let mut by_day: Vec<usize> = (0..entries.len()).collect();
        by_day.sort_unstable_by_key(|&i| (day[i], i));
        Positions {
            entry: entries
                .iter()
                .enumerate()
                .map(|(i, e)| (e.id.clone(), i))
                .collect(),
            day,
            by_day,
            track: entries
                .iter()
                .map(|e| tracks.get(e.track.as_str()).copied())
                .collect(),
            room: entries
                .iter()
                .map(|e| e.room.as_deref().and_then(|r| rooms.get(r).copied()))
                .collect(),
            topics: entries
                .iter()
                .map(|e| {
                    let mut found: Vec<usize> = e
                        .topics
                        .iter()
                        .filter_map(|t| topics.get(t.as_str()).copied())
                        .collect();
                    found.sort_unstable();
                    found.dedup();
                    found
                })
                .collect(),
        }
    }
}

impl SearchIndex {
    /// The index of the entry with this id.
    pub fn entry_of(&self, id: &str) -> Option<usize> {
        self.positions.entry.get(id).copied()
    }

    /// Where the entry at `index` stands in the report's days.
    pub fn day_of(&self, index: usize) -> Option<usize> {
        self.positions.day.get(index).copied().flatten()
    }
}

/// Each id's position in its list; the first wins, as a scan would find it.
fn by_id<'a>(ids: impl Iterator<Item = &'a str>) -> HashMap<&'a str, usize> {
    let mut positions = HashMap::new();
    for (i, id) in ids.enumerate() {
        positions.entry(id).or_insert(i);
    }
    positions
}

/// Which filters an entry passes, each alone, so a count can leave one out.
struct Passes {
    day: bool,
    track: bool,
    topic: bool,
    room: bool,
    unread: bool,
    starred: bool,
    search: bool,
}

impl Passes {
    fn all_but(&self, except: Except) -> bool {
        (except == Except::Day || self.day)
            && (except == Except::Track || self.track)
            && (except == Except::Topic || self.topic)
            && (except == Except::Room || self.room)
            && (except == Except::Unread || self.unread)
            && (except == Except::Starred || self.starred)
            && self.search
    }
}

/// The filters in terms of positions in the report's lists, so each entry
/// is checked by index, with no string compared or hashed per entry.
struct Matcher<'a> {
    filters: &'a Filters,
    positions: &'a Positions,
    /// Per day, track, topic and room of the report, whether it is
    /// chosen; None when none of that facet is.
    day: Option<Vec<bool>>,
    tracks: Option<Vec<bool>>,
    topics: Option<Vec<bool>>,
    rooms: Option<Vec<bool>>,
    scores: Option<&'a [Option<u32>]>,
}

/// Per id of a report's list, whether it is among `chosen`; None when
/// nothing is chosen. The chosen ids go through a set: a URL may choose
/// thousands.
fn chosen_of<'a>(ids: impl Iterator<Item = &'a str>, chosen: &[String]) -> Option<Vec<bool>> {
    if chosen.is_empty() {
        return None;
    }
    let chosen: HashSet<&str> = chosen.iter().map(String::as_str).collect();
    Some(ids.map(|id| chosen.contains(id)).collect())
}

impl<'a> Matcher<'a> {
    fn new(
        report: &Report,
        index: &'a SearchIndex,
        filters: &'a Filters,
        scores: Option<&'a [Option<u32>]>,
    ) -> Matcher<'a> {
        Matcher {
            filters,
            positions: &index.positions,
            day: chosen_of(
                report.days.iter().map(|d| d.id.as_str()),
                filters.day.as_slice(),
            ),
            tracks: chosen_of(report.tracks.iter().map(|t| t.id.as_str()), &filters.tracks),
            topics: chosen_of(report.topics.iter().map(|t| t.id.as_str()), &filters.topics),
            rooms: chosen_of(report.rooms.iter().map(|r| r.id.as_str()), &filters.rooms),
            scores,
        }
    }

    fn passes(&self, index: usize, read: bool, starred: bool) -> Passes {
        let f = self.filters;
        let at = self.positions;
        let chosen = |chosen: &Option<Vec<bool>>, position: Option<usize>| {
            chosen
                .as_ref()
                .is_none_or(|c| position.is_some_and(|p| c[p]))
        };
        Passes {
            day: chosen(&self.day, at.day[index]),
            track: chosen(&self.tracks, at.track[index]),
            topic: self
                .topics
                .as_ref()
                .is_none_or(|c| at.topics[index].iter().any(|&t| c[t])),
            room: chosen(&self.rooms, at.room[index]),
            unread: !f.unread_only || !read,
            starred: !f.starred_only || starred,
            search: self.scores.is_none_or(|s| s[index].is_some()),
        }
    }
}

/// Applies the filters, given which entries the reader has read and
/// starred.
pub fn run(
    report: &Report,
    index: &SearchIndex,
    filters: &Filters,
    reader: &(impl ReaderState + ?Sized),
) -> Outcome {
    let scores = index.scores(&filters.text);
    run_scored(report, index, filters, scores.as_deref(), reader)
}

/// `run` with the search already scored (`SearchIndex::scores` of the
/// filters' text), so a change of marks or facets does not score again.
pub fn run_scored(
    report: &Report,
    index: &SearchIndex,
    filters: &Filters,
    scores: Option<&[Option<u32>]>,
    reader: &(impl ReaderState + ?Sized),
) -> Outcome {
    let matcher = Matcher::new(report, index, filters, scores);
    let positions = &index.positions;
    let mut outcome = Outcome {
        visible: EntrySet::new(report.entries.len()),
        day_counts: vec![0; report.days.len()],
        day_shown: vec![0; report.days.len()],
        day_shown_read: vec![0; report.days.len()],
        track_counts: vec![0; report.tracks.len()],
        topic_counts: vec![0; report.topics.len()],
        room_counts: vec![0; report.rooms.len()],
        ..Outcome::default()
    };
    for &i in &positions.by_day {
        let read = reader.is_read(i);
        let starred = reader.is_starred(i);
        let passes = matcher.passes(i, read, starred);
        if passes.all_but(Except::Nothing) {
            outcome.shown.push(i);
            outcome.visible.insert(i);
            if let Some(day) = positions.day[i] {
                outcome.day_shown[day] += 1;
                outcome.day_shown_read[day] += usize::from(read);
            }
        }
        if passes.all_but(Except::Day) {
            outcome.all_days_count += 1;
            if let Some(day) = positions.day[i] {
                outcome.day_counts[day] += 1;
            }
        }
        if passes.all_but(Except::Track) {
            if let Some(track) = positions.track[i] {
                outcome.track_counts[track] += 1;
            }
        }
        if passes.all_but(Except::Topic) {
            for &topic in &positions.topics[i] {
                outcome.topic_counts[topic] += 1;
            }
        }
        if passes.all_but(Except::Room) {
            if let Some(room) = positions.room[i] {
                outcome.room_counts[room] += 1;
            }
        }
        if passes.all_but(Except::Unread) && !read {
            outcome.unread_count += 1;
        }
        if passes.all_but(Except::Starred) && starred {
            outcome.starred_count += 1;
        }
    }
    if let Some(scores) = matcher.scores {
        outcome.ranked = true;
        // Equal scores keep report order; unstable sort is smaller code.
        outcome
            .shown
            .sort_unstable_by_key(|&i| (std::cmp::Reverse(scores[i]), i));
    }
    outcome
}
