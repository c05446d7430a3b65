//! The query: which entries a view shows, in what order, and how many each
//! filter option would give with the other filters as they are.

pub mod entry_set;
pub mod facet;
pub mod history;
pub mod search;
pub mod url;

pub use entry_set::EntrySet;
pub use facet::{Choice, Facet, Keyed, Per, Switch};
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
    /// Per facet, per option of the report's list, its entries that pass
    /// the other filters.
    pub facet_counts: Per<Facet, Vec<usize>>,
    /// Per switch, the count if it were switched on.
    pub switch_counts: Per<Switch, usize>,
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

impl Switch {
    /// Whether the switch, on, keeps the entry at `index`.
    fn keeps(self, reader: &(impl ReaderState + ?Sized), index: usize) -> bool {
        match self {
            Switch::Unread => !reader.is_read(index),
            Switch::Starred => reader.is_starred(index),
        }
    }
}

/// Each entry's options of one facet, as positions in the report's list,
/// each once (an entry may list a topic twice), in one flat list.
struct Membership {
    /// Where each entry's options start in `options`, and where the last
    /// entry's end.
    starts: Vec<u32>,
    options: Vec<u32>,
}

impl Membership {
    fn new(report: &Report, facet: Facet) -> Membership {
        let ids = by_id(facet.choices(report).iter().map(|c| c.id));
        let mut starts = Vec::with_capacity(report.entries.len() + 1);
        let mut options = Vec::with_capacity(report.entries.len());
        starts.push(0);
        for entry in &report.entries {
            let first = options.len();
            for value in facet.values(entry) {
                // An entry lists a few options: a scan finds a repeat.
                if let Some(&p) = ids.get(value) {
                    if !options[first..].contains(&(p as u32)) {
                        options.push(p as u32);
                    }
                }
            }
            starts.push(options.len() as u32);
        }
        Membership { starts, options }
    }

    fn of(&self, entry: usize) -> &[u32] {
        &self.options[self.starts[entry] as usize..self.starts[entry + 1] as usize]
    }
}

/// Where each entry's day and options stand in the report's lists. Found
/// once per report (the search index keeps it), so a filter change costs
/// a step per entry, not a scan of the days or options per entry.
struct Positions {
    /// Each entry's index by its id.
    entry: HashMap<String, usize>,
    day: Vec<Option<usize>>,
    facets: Per<Facet, Membership>,
    /// Every entry in the order of a view by day. The format lets a report
    /// list its entries in any order (by track, say), and a list that
    /// grows by the first entries of its view must never add an entry to a
    /// day above the ones it shows.
    by_day: Vec<usize>,
}

impl Positions {
    fn new(report: &Report) -> Positions {
        let days = by_id(report.days.iter().map(|d| d.id.as_str()));
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
            facets: Per::from_fn(|facet| Membership::new(report, facet)),
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

/// Which filters an entry fails, a bit each, so a count can leave one out.
#[derive(Clone, Copy)]
struct Fails(u32);

const DAY: u32 = 1;
const SEARCH: u32 = 1 << 31;

fn facet_bit(facet: Facet) -> u32 {
    2 << facet.position()
}

fn switch_bit(switch: Switch) -> u32 {
    2 << (Facet::ALL.len() + switch.position())
}

impl Fails {
    /// Whether the entry passes every filter but the one of `bit` (0 for
    /// none).
    fn all_but(self, bit: u32) -> bool {
        self.0 & !bit == 0
    }
}

/// The filters in terms of positions in the report's lists, so each entry
/// is checked by index, with no string compared or hashed per entry.
struct Matcher<'a> {
    filters: &'a Filters,
    positions: &'a Positions,
    /// Per day of the report, whether it is chosen; None for all days.
    day: Option<Vec<bool>>,
    /// Per facet, per option of the report's list, whether it is chosen;
    /// None when none of that facet is.
    facets: Per<Facet, Option<Vec<bool>>>,
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
            facets: Per::from_fn(|facet: Facet| {
                chosen_of(
                    facet.choices(report).iter().map(|c| c.id),
                    &filters.facets[facet],
                )
            }),
            scores,
        }
    }

    fn fails(&self, index: usize, reader: &(impl ReaderState + ?Sized)) -> Fails {
        let at = self.positions;
        let mut fails = 0;
        if let Some(chosen) = &self.day {
            if !at.day[index].is_some_and(|d| chosen[d]) {
                fails |= DAY;
            }
        }
        for (facet, chosen) in self.facets.iter() {
            if let Some(chosen) = chosen {
                if !at.facets[facet]
                    .of(index)
                    .iter()
                    .any(|&o| chosen[o as usize])
                {
                    fails |= facet_bit(facet);
                }
            }
        }
        for (switch, &on) in self.filters.switches.iter() {
            if on && !switch.keeps(reader, index) {
                fails |= switch_bit(switch);
            }
        }
        if self.scores.is_some_and(|s| s[index].is_none()) {
            fails |= SEARCH;
        }
        Fails(fails)
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
        facet_counts: Per::from_fn(|facet: Facet| vec![0; facet.choices(report).len()]),
        ..Outcome::default()
    };
    for &i in &positions.by_day {
        let fails = matcher.fails(i, reader);
        if fails.all_but(0) {
            let read = reader.is_read(i);
            outcome.shown.push(i);
            outcome.visible.insert(i);
            if let Some(day) = positions.day[i] {
                outcome.day_shown[day] += 1;
                outcome.day_shown_read[day] += usize::from(read);
            }
        }
        if fails.all_but(DAY) {
            outcome.all_days_count += 1;
            if let Some(day) = positions.day[i] {
                outcome.day_counts[day] += 1;
            }
        }
        for &facet in Facet::ALL {
            if fails.all_but(facet_bit(facet)) {
                let counts = &mut outcome.facet_counts[facet];
                for &option in positions.facets[facet].of(i) {
                    counts[option as usize] += 1;
                }
            }
        }
        for &switch in Switch::ALL {
            if fails.all_but(switch_bit(switch)) && switch.keeps(reader, i) {
                outcome.switch_counts[switch] += 1;
            }
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
