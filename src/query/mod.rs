//! The query: which entries a view shows, in what order, and how many each
//! filter option would give with the other filters as they are.

pub mod search;
pub mod url;

pub use search::{excerpt, highlight, SearchIndex};
pub use url::Filters;

use crate::model::{Entry, Report};

/// What a view shows, computed from the report, the filters and the marks.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Outcome {
    /// Entry indexes to show: by rank when searching, else in report order.
    pub shown: Vec<usize>,
    /// Whether `shown` is ranked by a search rather than in report order.
    pub ranked: bool,
    /// Per day of the report, the count if that day were chosen.
    pub day_counts: Vec<usize>,
    /// Count with no day chosen ("All days").
    pub all_days_count: usize,
    /// Per track of the report, its entries that pass the other filters.
    pub track_counts: Vec<usize>,
    /// Per topic of the report, its entries that pass the other filters.
    pub topic_counts: Vec<usize>,
    /// Count if "unread only" were switched on.
    pub unread_count: usize,
}

/// Which filter a count leaves out, so an option shows what it would give.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Except {
    Nothing,
    Day,
    Track,
    Topic,
    Unread,
}

struct Matcher<'a> {
    filters: &'a Filters,
    scores: Option<Vec<Option<u32>>>,
    is_read: &'a dyn Fn(&str) -> bool,
}

impl Matcher<'_> {
    fn matches(&self, index: usize, entry: &Entry, except: Except) -> bool {
        let f = self.filters;
        (except == Except::Day || f.day.as_ref().is_none_or(|d| *d == entry.day))
            && (except == Except::Track || f.tracks.is_empty() || f.tracks.contains(&entry.track))
            && (except == Except::Topic
                || f.topics.is_empty()
                || entry.topics.iter().any(|t| f.topics.contains(t)))
            && (except == Except::Unread || !f.unread_only || !(self.is_read)(&entry.id))
            && self.scores.as_ref().is_none_or(|s| s[index].is_some())
    }
}

/// Applies the filters. `is_read` says whether an entry is marked read.
pub fn run(
    report: &Report,
    index: &SearchIndex,
    filters: &Filters,
    is_read: &dyn Fn(&str) -> bool,
) -> Outcome {
    let matcher = Matcher {
        filters,
        scores: index.scores(&filters.text),
        is_read,
    };
    let mut outcome = Outcome {
        day_counts: vec![0; report.days.len()],
        track_counts: vec![0; report.tracks.len()],
        topic_counts: vec![0; report.topics.len()],
        ..Outcome::default()
    };
    for (i, entry) in report.entries.iter().enumerate() {
        if matcher.matches(i, entry, Except::Nothing) {
            outcome.shown.push(i);
        }
        if matcher.matches(i, entry, Except::Day) {
            outcome.all_days_count += 1;
            if let Some(day) = report.days.iter().position(|d| d.id == entry.day) {
                outcome.day_counts[day] += 1;
            }
        }
        if matcher.matches(i, entry, Except::Track) {
            if let Some(track) = report.tracks.iter().position(|t| t.id == entry.track) {
                outcome.track_counts[track] += 1;
            }
        }
        if matcher.matches(i, entry, Except::Topic) {
            // Once per topic, even if an entry lists a topic twice.
            for (count, topic) in outcome.topic_counts.iter_mut().zip(&report.topics) {
                *count += usize::from(entry.topics.contains(&topic.id));
            }
        }
        if matcher.matches(i, entry, Except::Unread) && !is_read(&entry.id) {
            outcome.unread_count += 1;
        }
    }
    if let Some(scores) = &matcher.scores {
        outcome.ranked = true;
        // Stable: equal scores keep report order.
        outcome.shown.sort_by_key(|&i| std::cmp::Reverse(scores[i]));
    }
    outcome
}
