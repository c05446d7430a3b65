//! Expected query results computed straight from `report.entries`, written
//! here so that no expectation rests on the code under test.

use std::collections::HashSet;
use tripnotes::model::{Entry, Report};
use tripnotes::query::{run, Filters, Outcome, SearchIndex};

/// Folds the few non-ASCII letters these tests meet.
pub fn test_fold(text: &str) -> String {
    text.chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'à' | 'á' | 'â' | 'ä' | 'å' => 'a',
            'ç' => 'c',
            'è' | 'é' | 'ê' | 'ë' => 'e',
            'í' | 'ï' => 'i',
            'ł' => 'l',
            'ó' | 'ö' => 'o',
            'ź' | 'ż' => 'z',
            c => c,
        })
        .collect()
}

fn has_prefix(text: &str, term: &str) -> bool {
    test_fold(text)
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| w.starts_with(term))
}

/// Where in an entry a folded term starts a word.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Fields {
    pub title: bool,
    pub speaker: bool,
    pub topic: bool,
    pub notes: bool,
}

impl Fields {
    pub fn any(self) -> bool {
        self.title || self.speaker || self.topic || self.notes
    }

    pub fn notes_only(self) -> bool {
        self.notes && !self.title && !self.speaker && !self.topic
    }
}

pub fn fields(report: &Report, entry: &Entry, term: &str) -> Fields {
    Fields {
        title: has_prefix(&entry.title, term)
            || entry
                .official_title
                .as_deref()
                .is_some_and(|t| has_prefix(t, term)),
        speaker: entry.speakers.iter().any(|s| {
            has_prefix(&s.name, term)
                || s.affiliation
                    .as_deref()
                    .is_some_and(|a| has_prefix(a, term))
        }),
        topic: has_prefix(entry.kind.label(), term)
            || entry
                .topics
                .iter()
                .filter_map(|id| report.topic(id))
                .any(|t| has_prefix(&t.label, term)),
        notes: entry.body.iter().any(|b| has_prefix(b.text(), term)),
    }
}

/// Entries where every typed word starts a word somewhere; `None` when no
/// word was typed.
pub fn search_matches(report: &Report, text: &str) -> Option<HashSet<usize>> {
    let terms: Vec<String> = test_fold(text)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect();
    if terms.is_empty() {
        return None;
    }
    Some(
        report
            .entries
            .iter()
            .enumerate()
            .filter(|(_, e)| terms.iter().all(|t| fields(report, e, t).any()))
            .map(|(i, _)| i)
            .collect(),
    )
}

/// Which entries pass the facet filters (not the text).
pub fn expected_facets(
    report: &Report,
    f: &Filters,
    is_read: &dyn Fn(usize) -> bool,
) -> Vec<usize> {
    report
        .entries
        .iter()
        .enumerate()
        .filter(|(_, e)| f.day.as_ref().is_none_or(|d| &e.day == d))
        .filter(|(_, e)| f.tracks.is_empty() || f.tracks.iter().any(|t| t == &e.track))
        .filter(|(_, e)| f.topics.is_empty() || e.topics.iter().any(|t| f.topics.contains(t)))
        .filter(|(i, _)| !f.unread_only || !is_read(*i))
        .map(|(i, _)| i)
        .collect()
}

/// Checks every count of an outcome by running again with that option set.
pub fn check_counts(
    report: &Report,
    index: &SearchIndex,
    f: &Filters,
    is_read: &dyn Fn(usize) -> bool,
    outcome: &Outcome,
) {
    let count = |g: Filters| run(report, index, &g, is_read).shown.len();
    for i in 0..report.entries.len() {
        assert_eq!(outcome.visible.contains(i), outcome.shown.contains(&i));
    }
    for (d, day) in report.days.iter().enumerate() {
        let of_day: Vec<usize> = outcome
            .shown
            .iter()
            .copied()
            .filter(|&i| report.entries[i].day == day.id)
            .collect();
        assert_eq!(outcome.day_shown[d], of_day.len());
        let read = of_day.iter().filter(|&&i| is_read(i)).count();
        assert_eq!(outcome.day_shown_read[d], read);
    }
    assert_eq!(outcome.day_counts.len(), report.days.len());
    assert_eq!(outcome.track_counts.len(), report.tracks.len());
    assert_eq!(outcome.topic_counts.len(), report.topics.len());
    for (d, day) in report.days.iter().enumerate() {
        let g = Filters {
            day: Some(day.id.clone()),
            ..f.clone()
        };
        assert_eq!(outcome.day_counts[d], count(g), "day {} in {f:?}", day.id);
    }
    let no_day = Filters {
        day: None,
        ..f.clone()
    };
    assert_eq!(outcome.all_days_count, count(no_day), "all days in {f:?}");
    assert_eq!(
        outcome.all_days_count,
        outcome.day_counts.iter().sum::<usize>(),
        "{f:?}"
    );
    for (t, track) in report.tracks.iter().enumerate() {
        let g = Filters {
            tracks: vec![track.id.clone()],
            ..f.clone()
        };
        assert_eq!(
            outcome.track_counts[t],
            count(g),
            "track {} in {f:?}",
            track.id
        );
    }
    for (t, topic) in report.topics.iter().enumerate() {
        let g = Filters {
            topics: vec![topic.id.clone()],
            ..f.clone()
        };
        assert_eq!(
            outcome.topic_counts[t],
            count(g),
            "topic {} in {f:?}",
            topic.id
        );
    }
    let unread = Filters {
        unread_only: true,
        ..f.clone()
    };
    assert_eq!(outcome.unread_count, count(unread), "unread in {f:?}");
}
