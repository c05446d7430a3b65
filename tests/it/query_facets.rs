//! Facets and counts: which entries each day, track and topic shows, how
//! filters combine, "unread only", and the count beside every option, on the
//! crafted report, checked against results computed from its entries.

use crate::common::crafted::{
    all, crafted, crafted_with_unused_topic, entry_set, ids, never_read, strings, CRAFTED,
};
use crate::common::expected::{check_counts, expected_facets, search_matches};
use std::collections::HashSet;
use tripnotes::model::Report;
use tripnotes::query::{run, Filters, Outcome, SearchIndex};

// ---------------------------------------------------------------- facets

#[test]
fn a_report_listing_its_days_out_of_order_is_shown_by_day() {
    // Entries by track, so the days alternate: valid, and what a programme
    // exported by track would give.
    let mut report = crafted();
    report.entries.sort_by(|a, b| a.track.cmp(&b.track));
    let index = SearchIndex::new(&report);
    let days_in_report_order: Vec<&str> = report.entries.iter().map(|e| e.day.as_str()).collect();
    assert!(
        days_in_report_order
            .windows(3)
            .any(|w| w[0] != w[1] && w[0] == w[2]),
        "the days alternate: {days_in_report_order:?}"
    );
    let by_day: Vec<usize> = report
        .days
        .iter()
        .flat_map(|day| {
            all(&report)
                .into_iter()
                .filter(|&i| report.entries[i].day == day.id)
        })
        .collect();
    let outcome = run(&report, &index, &Filters::default(), &never_read);
    assert_eq!(outcome.shown, by_day);
    assert!(!outcome.ranked);
}

#[test]
fn each_day_shows_its_entries() {
    let report = crafted();
    let index = SearchIndex::new(&report);
    let mut union = Vec::new();
    for day in &report.days {
        let f = Filters {
            day: Some(day.id.clone()),
            ..Filters::default()
        };
        let outcome = run(&report, &index, &f, &never_read);
        let want: Vec<usize> = all(&report)
            .into_iter()
            .filter(|&i| report.entries[i].day == day.id)
            .collect();
        assert!(!want.is_empty(), "day {} has entries", day.id);
        assert_eq!(outcome.shown, want, "day {}", day.id);
        assert!(!outcome.ranked);
        union.extend(want);
    }
    union.sort_unstable();
    assert_eq!(union, all(&report));
}

#[test]
fn each_track_shows_its_entries() {
    let report = crafted();
    let index = SearchIndex::new(&report);
    let mut union = Vec::new();
    for track in &report.tracks {
        let f = Filters {
            tracks: vec![track.id.clone()],
            ..Filters::default()
        };
        let outcome = run(&report, &index, &f, &never_read);
        let want: Vec<usize> = all(&report)
            .into_iter()
            .filter(|&i| report.entries[i].track == track.id)
            .collect();
        assert!(!want.is_empty(), "track {} has entries", track.id);
        assert_eq!(outcome.shown, want, "track {}", track.id);
        union.extend(want);
    }
    union.sort_unstable();
    assert_eq!(union, all(&report));
}

#[test]
fn each_topic_shows_its_entries() {
    let report = crafted();
    let index = SearchIndex::new(&report);
    for topic in &report.topics {
        let f = Filters {
            topics: vec![topic.id.clone()],
            ..Filters::default()
        };
        let outcome = run(&report, &index, &f, &never_read);
        let want: Vec<usize> = all(&report)
            .into_iter()
            .filter(|&i| report.entries[i].topics.contains(&topic.id))
            .collect();
        assert!(!want.is_empty(), "topic {} has entries", topic.id);
        assert_eq!(outcome.shown, want, "topic {}", topic.id);
    }
}

#[test]
fn any_of_within_a_facet_and_all_of_across_facets() {
    let report = crafted();
    let index = SearchIndex::new(&report);
    let show = |f: &Filters| run(&report, &index, f, &never_read).shown;

    // Any of the tracks: the union of each alone, in report order.
    let f = Filters {
        tracks: strings(&["plenary", "track-2"]),
        ..Filters::default()
    };
    let plenary = show(&Filters {
        tracks: strings(&["plenary"]),
        ..Filters::default()
    });
    let track2 = show(&Filters {
        tracks: strings(&["track-2"]),
        ..Filters::default()
    });
    let mut union: Vec<usize> = plenary.iter().chain(&track2).copied().collect();
    union.sort_unstable();
    assert_eq!(show(&f), union);
    assert!(show(&f).len() > plenary.len().max(track2.len()));

    // Any of the topics.
    let f = Filters {
        topics: strings(&["security", "observability"]),
        ..Filters::default()
    };
    let want: Vec<usize> = all(&report)
        .into_iter()
        .filter(|&i| {
            let t = &report.entries[i].topics;
            t.iter().any(|x| x == "security" || x == "observability")
        })
        .collect();
    assert_eq!(show(&f), want);
    // An entry with both topics is shown once.
    assert!(report
        .entries
        .iter()
        .any(|e| e.topics.contains(&"security".into())
            && e.topics.contains(&"change-delivery".into())));
    let f = Filters {
        topics: strings(&["security", "change-delivery"]),
        ..Filters::default()
    };
    let shown = show(&f);
    let unique: HashSet<usize> = shown.iter().copied().collect();
    assert_eq!(unique.len(), shown.len());

    // All of day, tracks and topics.
    let f = Filters {
        day: Some("2024-03-18".into()),
        tracks: strings(&["breakout"]),
        topics: strings(&["observability"]),
        ..Filters::default()
    };
    let want: Vec<usize> = all(&report)
        .into_iter()
        .filter(|&i| {
            let e = &report.entries[i];
            e.day == "2024-03-18"
                && e.track == "breakout"
                && e.topics.contains(&"observability".to_string())
        })
        .collect();
    assert_eq!(
        ids(&report, &show(&f)),
        strings(&[
            "product-reliability-for-google-maps",
            "the-ticking-time-bomb-of-observability-expectations",
        ])
    );
    assert_eq!(show(&f), want);

    // Facets that share no entry give nothing.
    let f = Filters {
        day: Some("2024-03-16".into()),
        tracks: strings(&["plenary"]),
        ..Filters::default()
    };
    assert!(show(&f).is_empty());
}

#[test]
fn unread_only_hides_read_entries() {
    let report = crafted();
    let index = SearchIndex::new(&report);
    let read: HashSet<String> = report
        .entries
        .iter()
        .step_by(3)
        .map(|e| e.id.clone())
        .collect();
    let is_read = |i: usize| read.contains(&report.entries[i].id);
    let f = Filters {
        unread_only: true,
        ..Filters::default()
    };
    let outcome = run(&report, &index, &f, &is_read);
    let want: Vec<usize> = all(&report).into_iter().filter(|&i| i % 3 != 0).collect();
    assert_eq!(outcome.shown, want);
    assert_eq!(outcome.unread_count, want.len());

    // Off, read entries are shown and the count still says what "on" gives.
    let outcome = run(&report, &index, &Filters::default(), &is_read);
    assert_eq!(outcome.shown, all(&report));
    assert_eq!(outcome.unread_count, want.len());

    // Everything read: nothing unread.
    let outcome = run(&report, &index, &f, &|_| true);
    assert!(outcome.shown.is_empty());
    assert_eq!(outcome.unread_count, 0);
    // Nothing read: unread only changes nothing.
    let outcome = run(&report, &index, &f, &never_read);
    assert_eq!(outcome.shown, all(&report));
}

// ---------------------------------------------------------------- counts

#[test]
fn shown_entries_and_counts_match_independent_computation() {
    let report = crafted();
    let index = SearchIndex::new(&report);
    let read: HashSet<String> = report
        .entries
        .iter()
        .enumerate()
        .filter(|(i, _)| i % 3 == 1 || i % 5 == 0)
        .map(|(_, e)| e.id.clone())
        .collect();
    let is_read = |i: usize| read.contains(&report.entries[i].id);
    let days: Vec<Option<String>> = std::iter::once(None)
        .chain(report.days.iter().map(|d| Some(d.id.clone())))
        .collect();
    let track_sets = [
        vec![],
        strings(&["plenary"]),
        strings(&["breakout", "track-2"]),
        strings(&["off-program"]),
    ];
    let topic_sets = [
        vec![],
        strings(&["incident-response"]),
        strings(&["observability", "culture-and-people"]),
    ];
    let texts = ["", "   ", "incident", "sre reliab"];
    let mut nonempty = 0;
    let mut checked = 0;
    for day in &days {
        for tracks in &track_sets {
            for topics in &topic_sets {
                for unread_only in [false, true] {
                    for text in texts {
                        let f = Filters {
                            day: day.clone(),
                            tracks: tracks.clone(),
                            topics: topics.clone(),
                            text: text.to_string(),
                            unread_only,
                            ..Filters::default()
                        };
                        let outcome = run(&report, &index, &f, &is_read);
                        let mut shown = outcome.shown.clone();
                        shown.sort_unstable();
                        let facets = expected_facets(&report, &f, &is_read);
                        let want: Vec<usize> = match search_matches(&report, text) {
                            None => facets,
                            Some(hits) => facets.into_iter().filter(|i| hits.contains(i)).collect(),
                        };
                        assert_eq!(shown, want, "{f:?}");
                        if !outcome.ranked {
                            assert_eq!(outcome.shown, want, "report order for {f:?}");
                        }
                        check_counts(&report, &index, &f, &is_read, &outcome);
                        nonempty += usize::from(!want.is_empty());
                        checked += 1;
                    }
                }
            }
        }
    }
    assert_eq!(
        checked,
        days.len() * track_sets.len() * topic_sets.len() * 2 * texts.len()
    );
    assert!(
        nonempty * 4 > checked,
        "the combinations exercise real entries"
    );
}

#[test]
fn counts_of_the_unfiltered_view_are_the_facet_sizes() {
    let report = crafted();
    let index = SearchIndex::new(&report);
    let outcome = run(&report, &index, &Filters::default(), &never_read);
    assert_eq!(outcome.all_days_count, report.entries.len());
    assert_eq!(outcome.unread_count, report.entries.len());
    for (d, day) in report.days.iter().enumerate() {
        let n = report.entries.iter().filter(|e| e.day == day.id).count();
        assert_eq!(outcome.day_counts[d], n, "{}", day.id);
    }
    for (t, track) in report.tracks.iter().enumerate() {
        let n = report
            .entries
            .iter()
            .filter(|e| e.track == track.id)
            .count();
        assert_eq!(outcome.track_counts[t], n, "{}", track.id);
    }
    for (t, topic) in report.topics.iter().enumerate() {
        let n = report
            .entries
            .iter()
            .filter(|e| e.topics.contains(&topic.id))
            .count();
        assert_eq!(outcome.topic_counts[t], n, "{}", topic.id);
    }
    // Choosing a track leaves the track counts as they were (other tracks
    // stay available) but narrows the day and topic counts.
    let f = Filters {
        tracks: strings(&["plenary"]),
        ..Filters::default()
    };
    let narrowed = run(&report, &index, &f, &never_read);
    assert_eq!(narrowed.track_counts, outcome.track_counts);
    assert!(narrowed.all_days_count < outcome.all_days_count);
    assert_eq!(narrowed.all_days_count, narrowed.shown.len());
    let off_program_day = report
        .days
        .iter()
        .position(|d| d.id == "2024-03-16")
        .unwrap();
    assert_eq!(narrowed.day_counts[off_program_day], 0);
}

// ---------------------------------------------------------------- exact outcomes

#[test]
fn the_unfiltered_outcome_counts_every_option() {
    let report = crafted();
    assert!(report.entries[11].body.is_empty());
    assert!(report.entries[7].topics.is_empty());
    let index = SearchIndex::new(&report);
    let outcome = run(&report, &index, &Filters::default(), &never_read);
    assert_eq!(
        outcome,
        Outcome {
            shown: all(&report),
            visible: entry_set(16, &all(&report)),
            ranked: false,
            day_shown: vec![2, 6, 6, 2],
            day_shown_read: vec![0, 0, 0, 0],
            day_counts: vec![2, 6, 6, 2],
            all_days_count: 16,
            track_counts: vec![4, 5, 3, 4],
            topic_counts: vec![2, 1, 4, 3, 2, 1, 1],
            room_counts: vec![],
            unread_count: 16,
            starred_count: 0,
        }
    );
    check_counts(&report, &index, &Filters::default(), &never_read, &outcome);
}

#[test]
fn topics_leave_out_entries_without_topics_until_none_is_chosen() {
    let report = crafted_with_unused_topic();
    let index = SearchIndex::new(&report);
    let f = Filters {
        topics: strings(&["human-factors"]),
        ..Filters::default()
    };
    let outcome = run(&report, &index, &f, &never_read);
    assert_eq!(
        ids(&report, &outcome.shown),
        strings(&["meeting-the-challenge-of-burnout"])
    );
    assert_eq!(outcome.day_counts, vec![0, 1, 0, 0]);
    assert_eq!(outcome.track_counts, vec![1, 0, 0, 0]);
    assert_eq!(outcome.topic_counts, vec![2, 1, 4, 3, 2, 1, 1, 0]);
    check_counts(&report, &index, &f, &never_read, &outcome);

    // A topic no entry has shows nothing, but the other topics still count.
    let f = Filters {
        topics: strings(&["unused"]),
        ..Filters::default()
    };
    let outcome = run(&report, &index, &f, &never_read);
    assert!(outcome.shown.is_empty());
    assert_eq!(outcome.topic_counts, vec![2, 1, 4, 3, 2, 1, 1, 0]);
    assert_eq!(outcome.all_days_count, 0);
    assert_eq!(outcome.unread_count, 0);
    check_counts(&report, &index, &f, &never_read, &outcome);

    // The entry without topics is shown once no topic is chosen, on its day.
    let f = Filters {
        day: Some("2024-03-18".into()),
        tracks: strings(&["off-program"]),
        ..Filters::default()
    };
    let outcome = run(&report, &index, &f, &never_read);
    assert_eq!(ids(&report, &outcome.shown), strings(&["2024-03-18-lunch"]));
    assert_eq!(outcome.topic_counts, vec![0; 8]);
    check_counts(&report, &index, &f, &never_read, &outcome);
}

#[test]
fn a_report_without_entries_gives_empty_outcomes() {
    let mut report = crafted();
    report.entries.clear();
    let index = SearchIndex::new(&report);
    for text in ["", "anything"] {
        let f = Filters {
            text: text.into(),
            unread_only: true,
            ..Filters::default()
        };
        let outcome = run(&report, &index, &f, &never_read);
        assert!(outcome.shown.is_empty());
        assert_eq!(outcome.ranked, !text.is_empty());
        assert_eq!(outcome.day_counts, vec![0; 4]);
        assert_eq!(outcome.track_counts, vec![0; 4]);
        assert_eq!(outcome.topic_counts, vec![0; 7]);
        assert_eq!(outcome.all_days_count + outcome.unread_count, 0);
    }
}

#[test]
fn a_topic_listed_twice_on_an_entry_counts_once() {
    // `validate` accepts an entry that names the same topic twice, so the
    // count must still be what choosing that topic shows: one entry.
    let json = CRAFTED.replace(
        r#""topics": ["security", "change-delivery"]"#,
        r#""topics": ["security", "change-delivery", "security"]"#,
    );
    assert_ne!(json, CRAFTED);
    let report = Report::from_json(&json).expect("a repeated topic is accepted");
    let index = SearchIndex::new(&report);
    let outcome = run(&report, &index, &Filters::default(), &never_read);
    let chosen = Filters {
        topics: strings(&["security"]),
        ..Filters::default()
    };
    assert_eq!(
        ids(&report, &run(&report, &index, &chosen, &never_read).shown),
        strings(&["shipping-security-fixes-safely"])
    );
    assert_eq!(outcome.topic_counts[1], 1);
}
