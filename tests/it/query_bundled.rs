//! The bundled report through the query, as a smoke test: every option of it
//! shows and counts consistently, its options survive the URL, and its titles
//! are found. Nothing here names an entry, so re-annotating the report does
//! not break these tests; the behaviours themselves are tested on the
//! crafted report.

use crate::common::bundled;
use crate::common::crafted::{all, never_read};
use crate::common::expected::check_counts;
use tripnotes::model::Report;
use tripnotes::query::{run, Filters, SearchIndex};

/// No filter, each day, each track, each topic alone, and a typed word.
fn one_option_filters(report: &Report) -> Vec<Filters> {
    let day = report.days.iter().map(|d| Filters {
        day: Some(d.id.clone()),
        ..Filters::default()
    });
    let track = report.tracks.iter().map(|t| Filters {
        tracks: vec![t.id.clone()],
        ..Filters::default()
    });
    let topic = report.topics.iter().map(|t| Filters {
        topics: vec![t.id.clone()],
        ..Filters::default()
    });
    let text = Filters {
        text: "the".into(),
        ..Filters::default()
    };
    std::iter::once(Filters::default())
        .chain(day)
        .chain(track)
        .chain(topic)
        .chain([text])
        .collect()
}

#[test]
fn every_option_of_the_bundled_report_counts_what_it_shows() {
    let report = bundled();
    let index = SearchIndex::new(&report);
    let is_read = |i: usize| i.is_multiple_of(3);
    for f in one_option_filters(&report) {
        let outcome = run(&report, &index, &f, &is_read);
        check_counts(&report, &index, &f, &is_read, &outcome);
    }
    let unfiltered = run(&report, &index, &Filters::default(), &never_read);
    assert_eq!(unfiltered.shown, all(&report));
}

#[test]
fn the_bundled_reports_options_round_trip_through_the_url() {
    let report = bundled();
    for f in one_option_filters(&report) {
        assert_eq!(Filters::from_query(&f.to_query(), &report), f, "{f:?}");
    }
}

#[test]
fn a_word_of_each_bundled_title_finds_its_entry() {
    let report = bundled();
    let index = SearchIndex::new(&report);
    for (i, entry) in report.entries.iter().enumerate() {
        let word = entry
            .title
            .split(|c: char| !c.is_alphanumeric())
            .max_by_key(|w| w.chars().count())
            .expect("a title has a word");
        let f = Filters {
            text: word.into(),
            ..Filters::default()
        };
        let shown = run(&report, &index, &f, &never_read).shown;
        assert!(shown.contains(&i), "{word:?} does not find {}", entry.id);
    }
}
