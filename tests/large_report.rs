//! A report far larger than any real one (20,000 days, 2,000 topics, 5,000
//! entries): validation and filter changes stay linear in its size. With a
//! scan of the days or topics per entry, a filter change here took about a
//! second, even natively.

use std::time::{Duration, Instant};
use tripnotes::model::{validate, Day, Report, Topic};
use tripnotes::query::{run, Filters, Outcome, SearchIndex};
use tripnotes::synth::synthesize;

const DAYS: usize = 20_000;
const TOPICS: usize = 2_000;
const ENTRIES: usize = 5_000;
const TOPICS_PER_ENTRY: usize = 3;

/// Validation and the four views below took about 60 ms in a debug build on a
/// 2-core machine, and 4 s with a scan per entry: a factor of about 7 either
/// way.
const BOUND: Duration = Duration::from_millis(600);

/// The n-th of a run of real dates: 28 days a month keeps every one valid.
fn date(n: usize) -> String {
    let (month, day) = (n / 28, n % 28);
    format!(
        "{:04}-{:02}-{:02}",
        2000 + month / 12,
        month % 12 + 1,
        day + 1
    )
}

fn large_report() -> Report {
    let base = Report::from_json(include_str!("../public/report.json")).unwrap();
    let mut report = synthesize(&base, ENTRIES);
    report.days = (0..DAYS)
        .map(|n| Day {
            id: date(n),
            label: format!("Day {n}"),
        })
        .collect();
    report.topics = (0..TOPICS)
        .map(|n| Topic {
            id: format!("topic-{n}"),
            label: format!("Subject {n}"),
            description: String::new(),
        })
        .collect();
    // Entries spread over every day and topic, so a scan of either from the
    // start goes half way on average.
    for (i, entry) in report.entries.iter_mut().enumerate() {
        entry.day = date(i * DAYS / ENTRIES);
        entry.topics = (0..TOPICS_PER_ENTRY)
            .map(|k| format!("topic-{}", (i + k * TOPICS / TOPICS_PER_ENTRY) % TOPICS))
            .collect();
    }
    report
}

/// The views a reader might switch between, with every topic chosen in one.
fn views(report: &Report) -> Vec<Filters> {
    vec![
        Filters::default(),
        Filters {
            day: Some(report.days[DAYS / 2].id.clone()),
            ..Filters::default()
        },
        Filters {
            topics: report.topics.iter().map(|t| t.id.clone()).collect(),
            ..Filters::default()
        },
        Filters {
            tracks: vec![report.tracks[1].id.clone()],
            text: "subject".into(),
            unread_only: true,
            ..Filters::default()
        },
    ]
}

/// One test, timed as a whole, so no other test of this file competes for
/// the processor while it runs.
#[test]
fn validation_and_filter_changes_are_fast_on_a_large_report() {
    let report = large_report();
    let index = SearchIndex::new(&report);
    let views = views(&report);
    let start = Instant::now();
    let valid = validate(&report);
    let outcomes: Vec<Outcome> = views
        .iter()
        .map(|filters| run(&report, &index, filters, &|_| false))
        .collect();
    let took = start.elapsed();
    assert!(
        took < BOUND,
        "validation and {} filter changes took {took:?}, over {BOUND:?}",
        views.len()
    );

    valid.expect("the large report is valid");
    for (filters, outcome) in views.iter().zip(&outcomes) {
        assert_eq!(
            outcome.day_counts.iter().sum::<usize>(),
            outcome.all_days_count,
            "{filters:?}"
        );
    }
    // The counts are real: every entry, on its day and under each topic.
    assert_eq!(outcomes[0].shown.len(), ENTRIES);
    assert_eq!(
        outcomes[0].topic_counts.iter().sum::<usize>(),
        ENTRIES * TOPICS_PER_ENTRY
    );
    assert_eq!(outcomes[2].shown.len(), ENTRIES);
}
