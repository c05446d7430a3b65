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

/// The same entries over a conference's few days and topics: the yardstick.
const FEW_DAYS: usize = 4;
const FEW_TOPICS: usize = 6;

/// Validation and the four views below take about twice as long on the
/// large report as on the yardstick (measured: 1.7 to 2.0 times), and 100
/// times as long with a scan of the days per entry. A ratio, not a time,
/// so a busy machine slows both alike.
const BOUND: f64 = 8.0;

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

fn report_over(days: usize, topics: usize) -> Report {
    let base = Report::from_json(include_str!("../../public/report.json")).unwrap();
    let mut report = synthesize(&base, ENTRIES);
    report.days = (0..days)
        .map(|n| Day {
            id: date(n),
            label: format!("Day {n}"),
        })
        .collect();
    report.topics = (0..topics)
        .map(|n| Topic {
            id: format!("topic-{n}"),
            label: format!("Subject {n}"),
            description: String::new(),
        })
        .collect();
    // Entries spread over every day and topic, so a scan of either from the
    // start goes half way on average.
    for (i, entry) in report.entries.iter_mut().enumerate() {
        entry.day = date(i * days / ENTRIES);
        entry.topics = (0..TOPICS_PER_ENTRY)
            .map(|k| format!("topic-{}", (i + k * topics / TOPICS_PER_ENTRY) % topics))
            .collect();
    }
    report
}

/// The views a reader might switch between, with every topic chosen in one.
fn views(report: &Report) -> Vec<Filters> {
    vec![
        Filters::default(),
        Filters {
            day: Some(report.days[report.days.len() / 2].id.clone()),
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

/// Validation and the views, and the fastest of a few runs' time: the
/// runs of the two reports alternate, so whatever else the machine does
/// slows both.
fn validated_and_viewed(report: &Report, index: &SearchIndex) -> (Duration, Vec<Outcome>) {
    let views = views(report);
    let start = Instant::now();
    validate(report).expect("the report is valid");
    let outcomes = views
        .iter()
        .map(|filters| run(report, index, filters, &|_| false))
        .collect();
    (start.elapsed(), outcomes)
}

#[test]
fn validation_and_filter_changes_are_linear_on_a_large_report() {
    let large = report_over(DAYS, TOPICS);
    let yardstick = report_over(FEW_DAYS, FEW_TOPICS);
    let (large_index, yardstick_index) = (SearchIndex::new(&large), SearchIndex::new(&yardstick));
    let (mut large_took, mut yardstick_took) = (Duration::MAX, Duration::MAX);
    let mut outcomes = Vec::new();
    for _ in 0..3 {
        let (took, seen) = validated_and_viewed(&large, &large_index);
        large_took = large_took.min(took);
        outcomes = seen;
        yardstick_took = yardstick_took.min(validated_and_viewed(&yardstick, &yardstick_index).0);
    }
    let ratio = large_took.as_secs_f64() / yardstick_took.as_secs_f64();
    assert!(
        ratio < BOUND,
        "the large report took {large_took:?}, {ratio:.1} times the {yardstick_took:?} of the same entries over {FEW_DAYS} days"
    );

    let views = views(&large);
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
