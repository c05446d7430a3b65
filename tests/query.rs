//! The query against the real report and a tiny crafted one: the URL form of
//! a view, the filters and their per-option counts, ranked search and
//! highlighting. Expected results are computed here from `report.entries`,
//! not taken from the code under test.

use std::collections::HashSet;
use tripnotes::model::{Entry, Report};
use tripnotes::query::search::words;
use tripnotes::query::{excerpt, highlight, run, EntrySet, Filters, Outcome, SearchIndex};

const REPORT: &str = include_str!("../public/report.json");

fn report() -> Report {
    Report::from_json(REPORT).expect("the bundled report loads")
}

fn never_read(_: usize) -> bool {
    false
}

fn entry_set(len: usize, indexes: &[usize]) -> EntrySet {
    let mut set = EntrySet::new(len);
    indexes.iter().for_each(|&i| set.insert(i));
    set
}

fn index_of(report: &Report, id: &str) -> usize {
    report
        .entries
        .iter()
        .position(|e| e.id == id)
        .unwrap_or_else(|| panic!("no entry {id}"))
}

fn ids(report: &Report, shown: &[usize]) -> Vec<String> {
    shown
        .iter()
        .map(|&i| report.entries[i].id.clone())
        .collect()
}

fn all(report: &Report) -> Vec<usize> {
    (0..report.entries.len()).collect()
}

fn strings(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

// ---------------------------------------------------------------- URL

#[test]
fn default_filters_give_an_empty_query() {
    let f = Filters::default();
    assert_eq!(f.to_query(), "");
    assert_eq!(f.active_count(), 0);
    assert!(f.is_empty());
    // Whitespace-only text is no search and is not written.
    let blank = Filters {
        text: "  \t ".into(),
        ..Filters::default()
    };
    assert_eq!(blank.to_query(), "");
    assert_eq!(blank.active_count(), 0);
}

#[test]
fn queries_round_trip() {
    let report = report();
    let texts = [
        "",
        "burnout",
        "two words",
        "  padded  ",
        "Jean-François Gagné",
        "Åsa Łódź",
        "salt & pepper",
        "#hashtag and #2",
        "c++ + more",
        "100% sure %41 %zz %",
        "a,b, c ,d",
        "key=value&other=1",
        "?leading question",
        "emoji 🚀 — dash",
    ];
    let days: Vec<Option<String>> = std::iter::once(None)
        .chain(report.days.iter().map(|d| Some(d.id.clone())))
        .collect();
    let track_sets = [
        vec![],
        strings(&["plenary"]),
        strings(&["plenary", "track-2"]),
        strings(&["plenary", "breakout", "track-2", "off-program"]),
    ];
    let topic_sets = [
        vec![],
        strings(&["security"]),
        strings(&[
            "observability",
            "culture-and-people",
            "career-and-education",
        ]),
    ];
    let mut checked = 0;
    for text in texts {
        for day in &days {
            for tracks in &track_sets {
                for topics in &topic_sets {
                    for unread_only in [false, true] {
                        let f = Filters {
                            day: day.clone(),
                            tracks: tracks.clone(),
                            topics: topics.clone(),
                            text: text.to_string(),
                            unread_only,
                        };
                        let query = f.to_query();
                        assert_eq!(query.is_empty(), f.is_empty(), "{f:?} -> {query:?}");
                        if !query.is_empty() {
                            assert!(query.starts_with('?'), "{query:?}");
                            // Text never leaks separators into the query.
                            assert!(!query.contains('#'), "{query:?}");
                            assert!(!query[1..].contains('?'), "{query:?}");
                            assert!(!query.contains(' '), "{query:?}");
                        }
                        assert_eq!(Filters::from_query(&query, &report), f, "{query:?}");
                        // Without the leading '?' too.
                        let bare = query.strip_prefix('?').unwrap_or(&query);
                        assert_eq!(Filters::from_query(bare, &report), f, "{bare:?}");
                        checked += 1;
                    }
                }
            }
        }
    }
    assert_eq!(checked, texts.len() * days.len() * 4 * 3 * 2);
}

#[test]
fn special_characters_in_text_are_encoded() {
    let report = report();
    let f = Filters {
        text: "a&b=c#d+e%f,g h".into(),
        ..Filters::default()
    };
    let query = f.to_query();
    let pairs: Vec<(String, String)> = form_urlencoded::parse(&query.as_bytes()[1..])
        .into_owned()
        .collect();
    assert_eq!(
        pairs,
        vec![("q".to_string(), "a&b=c#d+e%f,g h".to_string())]
    );
    assert_eq!(Filters::from_query(&query, &report).text, f.text);
}

#[test]
fn lists_are_comma_separated_in_the_query() {
    let f = Filters {
        day: Some("2024-03-19".into()),
        tracks: strings(&["plenary", "track-2"]),
        topics: strings(&["security", "human-factors"]),
        text: "x".into(),
        unread_only: true,
    };
    assert_eq!(
        f.to_query(),
        "?day=2024-03-19&track=plenary%2Ctrack-2&topic=security%2Chuman-factors&q=x&unread=1"
    );
    assert_eq!(f.active_count(), 1 + 2 + 2 + 1 + 1);
}

#[test]
fn repeated_and_comma_separated_params_both_work() {
    let report = report();
    let want_tracks = strings(&["plenary", "track-2"]);
    for query in [
        "?track=plenary&track=track-2",
        "?track=track-2&track=plenary",
        "?track=plenary,track-2",
        "?track=track-2,plenary",
        "?track=track-2%2Cplenary",
        "?track=track-2,%20plenary",
        "?track=track-2&track=plenary,track-2",
        "track=track-2,,plenary,",
    ] {
        let f = Filters::from_query(query, &report);
        assert_eq!(f.tracks, want_tracks, "{query}");
        assert!(f.topics.is_empty() && f.day.is_none() && f.text.is_empty());
    }
    // Topics follow the report's order, not the query's.
    let f = Filters::from_query(
        "?topic=career-and-education&topic=security,observability&topic=security",
        &report,
    );
    assert_eq!(
        f.topics,
        strings(&["observability", "security", "career-and-education"])
    );
    let order: Vec<&str> = report.topics.iter().map(|t| t.id.as_str()).collect();
    let positions: Vec<usize> = f
        .topics
        .iter()
        .map(|t| order.iter().position(|o| o == t).unwrap())
        .collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]));
}

#[test]
fn every_report_option_is_read_back_from_the_query() {
    let report = report();
    let every_track: Vec<String> = report.tracks.iter().map(|t| t.id.clone()).collect();
    let every_topic: Vec<String> = report.topics.iter().map(|t| t.id.clone()).collect();
    let mut reversed_tracks = every_track.clone();
    reversed_tracks.reverse();
    let mut reversed_topics = every_topic.clone();
    reversed_topics.reverse();
    let query = format!(
        "track={}&topic={}",
        reversed_tracks.join("&track="),
        reversed_topics.join(",")
    );
    let f = Filters::from_query(&query, &report);
    assert_eq!(f.tracks, every_track);
    assert_eq!(f.topics, every_topic);
    for day in &report.days {
        let f = Filters::from_query(&format!("?day={}", day.id), &report);
        assert_eq!(f.day.as_deref(), Some(day.id.as_str()));
    }
}

#[test]
fn unknown_and_malformed_values_are_ignored() {
    let report = report();
    let default = Filters::default();
    for query in [
        "",
        "?",
        "??",
        "&",
        "&&&",
        "=",
        "==&=",
        "?&=&",
        "day",
        "track",
        "%",
        "%%",
        "%zz=%zz",
        "%FF=%FE",
        "foo=bar",
        "?foo=bar&baz",
        "?DAY=2024-03-18&Track=plenary",
        "?day=2024-13-40",
        "?day=2024-03-22",
        "?day=2024-03-18T00:00",
        "?day=",
        "?day=%20",
        "?track=",
        "?track=nope",
        "?track=Plenary",
        "?track=,,,",
        "?topic=",
        "?topic=zzz,yyy",
        "?topic=plenary",
        "?q=",
        "?unread=",
        "?unread=0",
        "?unread=maybe",
        "?unread=no",
        "?unread=false",
        "?unread=2",
        "#day=2024-03-18",
    ] {
        assert_eq!(Filters::from_query(query, &report), default, "{query:?}");
    }
    // Bytes that are not UTF-8 are replaced, not fatal.
    let f = Filters::from_query("q=%FF%FEx&track=%FF,plenary", &report);
    assert_eq!(f.text, "\u{FFFD}\u{FFFD}x");
    assert_eq!(f.tracks, strings(&["plenary"]));
    // Known values survive next to unknown ones.
    let f = Filters::from_query(
        "?x=1&day=2024-13-40&track=nope,breakout&topic=zzz&topic=security&unread=maybe&q=hi",
        &report,
    );
    assert_eq!(
        f,
        Filters {
            day: None,
            tracks: strings(&["breakout"]),
            topics: strings(&["security"]),
            text: "hi".into(),
            unread_only: false,
        }
    );
    // A later invalid day does not drop an earlier valid one.
    let f = Filters::from_query("?day=2024-03-18&day=2024-13-40", &report);
    assert_eq!(f.day.as_deref(), Some("2024-03-18"));
    // A missing '?' reads the same.
    assert_eq!(
        Filters::from_query("day=2024-03-20&unread=1", &report),
        Filters::from_query("?day=2024-03-20&unread=1", &report)
    );
    assert!(Filters::from_query("day=2024-03-20&unread=1", &report).unread_only);
}

#[test]
fn unread_accepts_only_clear_yes_values() {
    let report = report();
    for (value, on) in [
        ("1", true),
        ("true", true),
        ("yes", true),
        ("0", false),
        ("maybe", false),
        ("", false),
        ("on", false),
    ] {
        let f = Filters::from_query(&format!("?unread={value}"), &report);
        assert_eq!(f.unread_only, on, "unread={value}");
    }
}

#[test]
fn garbage_queries_never_panic() {
    let report = report();
    let pieces = [
        "?",
        "&",
        "=",
        "%",
        "%2",
        "%C3",
        "%C3%A9",
        "day",
        "track",
        "topic",
        "q",
        "unread",
        ",",
        "+",
        "#",
        "é",
        "\u{0}",
        "2024-03-18",
        "plenary",
        "🚀",
    ];
    let mut seen = 0;
    for a in pieces {
        for b in pieces {
            for c in pieces {
                let query = format!("{a}{b}{c}{a}");
                let f = Filters::from_query(&query, &report);
                // Whatever was read back is valid for the report and round trips.
                if let Some(day) = &f.day {
                    assert!(report.day(day).is_some());
                }
                assert!(f.tracks.iter().all(|t| report.track(t).is_some()));
                assert!(f.topics.iter().all(|t| report.topic(t).is_some()));
                let again = Filters::from_query(&f.to_query(), &report);
                if f.text.trim().is_empty() {
                    assert_eq!(again.text, "");
                } else {
                    assert_eq!(again, f, "{query:?}");
                }
                seen += 1;
            }
        }
    }
    assert_eq!(seen, pieces.len().pow(3));
    let long = "track=plenary&".repeat(5000) + &"%".repeat(5000);
    assert_eq!(
        Filters::from_query(&long, &report).tracks,
        strings(&["plenary"])
    );
}

#[test]
fn toggled_keeps_the_given_order() {
    let order = || strings(&["a", "b", "c", "d"]).into_iter();
    assert_eq!(Filters::toggled(&[], "c", order()), strings(&["c"]));
    assert_eq!(
        Filters::toggled(&strings(&["d"]), "b", order()),
        strings(&["b", "d"])
    );
    assert_eq!(
        Filters::toggled(&strings(&["b", "d"]), "b", order()),
        strings(&["d"])
    );
    assert_eq!(
        Filters::toggled(&strings(&["d", "a"]), "c", order()),
        strings(&["a", "c", "d"])
    );
    assert!(Filters::toggled(&strings(&["a"]), "a", order()).is_empty());
}

// ---------------------------------------------------------------- filters

/// Which entries pass the facet filters (not the text), computed directly.
fn expected_facets(report: &Report, f: &Filters, is_read: &dyn Fn(usize) -> bool) -> Vec<usize> {
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

#[test]
fn each_day_shows_its_entries() {
    let report = report();
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
    let report = report();
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
    let report = report();
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
    let report = report();
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
            "using-generative-ai-patterns-for-better-observability",
            "the-ticking-time-bomb-of-observability-expectations",
            "synthesizing-sanity-with-and-in-spite-or-synthetic",
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
    let report = report();
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

/// Checks every count of an outcome by running again with that option set.
fn check_counts(
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

#[test]
fn shown_entries_and_counts_match_independent_computation() {
    let report = report();
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
    assert!(checked > 600);
    assert!(nonempty > 100, "the combinations exercise real entries");
}

#[test]
fn counts_of_the_unfiltered_view_are_the_facet_sizes() {
    let report = report();
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

// ---------------------------------------------------------------- search

/// Folds the few non-ASCII letters these tests meet; written here so the
/// expectations do not rest on the code under test.
fn test_fold(text: &str) -> String {
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
struct Fields {
    title: bool,
    speaker: bool,
    topic: bool,
    notes: bool,
}

impl Fields {
    fn any(self) -> bool {
        self.title || self.speaker || self.topic || self.notes
    }
    fn notes_only(self) -> bool {
        self.notes && !self.title && !self.speaker && !self.topic
    }
}

fn fields(report: &Report, entry: &Entry, term: &str) -> Fields {
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
fn search_matches(report: &Report, text: &str) -> Option<HashSet<usize>> {
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

fn search(report: &Report, index: &SearchIndex, text: &str) -> Outcome {
    let f = Filters {
        text: text.into(),
        ..Filters::default()
    };
    run(report, index, &f, &never_read)
}

#[test]
fn search_is_case_and_accent_insensitive() {
    let report = report();
    let index = SearchIndex::new(&report);
    let autopsy = index_of(&report, "autopsy-of-a-cascading-outage-from-a-mysql");
    assert_eq!(
        report.entries[autopsy].speakers[0].name,
        "Jean-François Gagné"
    );
    for text in [
        "GAGNE",
        "gagne",
        "Gagné",
        "GAGNÉ",
        "gAgN",
        "françois",
        "FRANCOIS",
        "Jean-François Gagné",
        "jean francois gagne",
    ] {
        let outcome = search(&report, &index, text);
        assert!(outcome.ranked, "{text}");
        assert_eq!(outcome.shown.first(), Some(&autopsy), "{text}");
        let want = search_matches(&report, text).unwrap();
        let got: HashSet<usize> = outcome.shown.iter().copied().collect();
        assert_eq!(got, want, "{text}");
    }
    assert_eq!(search(&report, &index, "GAGNE").shown, vec![autopsy]);
    // Accents in the index are folded too: "Gagne" and "Gagné" give the same.
    assert_eq!(
        search(&report, &index, "gagne").shown,
        search(&report, &index, "GAGNÉ").shown
    );
}

#[test]
fn every_typed_word_must_match_a_word_prefix() {
    let report = report();
    let index = SearchIndex::new(&report);
    let burnout = index_of(&report, "meeting-the-challenge-of-burnout");
    let kernel = index_of(&report, "logs-told-us-it-was-kernel-it-wasnt");
    assert!(search(&report, &index, "burnout").shown.contains(&burnout));
    assert!(search(&report, &index, "burn").shown.contains(&burnout));
    assert!(search(&report, &index, "BURNO").shown.contains(&burnout));
    // Inside a word is not a match.
    assert!(!search(&report, &index, "urnout").shown.contains(&burnout));
    assert!(!search(&report, &index, "ernel").shown.contains(&kernel));
    // Both words, from different entries: no entry has both.
    assert!(search(&report, &index, "burnout").shown.len() == 1);
    assert!(search(&report, &index, "kernel").shown.len() == 1);
    let both = search(&report, &index, "burnout kernel");
    assert!(both.ranked);
    assert!(both.shown.is_empty());
    // A word that matches nothing empties the result, however good the rest.
    assert!(search(&report, &index, "mysql zzzqqqxx").shown.is_empty());
    assert_eq!(
        search(&report, &index, "mysql autopsy").shown,
        vec![index_of(
            &report,
            "autopsy-of-a-cascading-outage-from-a-mysql"
        )]
    );
    // Every result has every word; every entry with every word is a result.
    for text in [
        "incident response",
        "sre reliab",
        "the security",
        "obs cost",
        "human factor",
        "maslach",
        "90",
    ] {
        let got: HashSet<usize> = search(&report, &index, text).shown.into_iter().collect();
        let want = search_matches(&report, text).unwrap();
        assert!(!want.is_empty(), "{text}");
        assert_eq!(got, want, "{text}");
    }
    // More words never give more results.
    let one = search(&report, &index, "incident").shown.len();
    let two = search(&report, &index, "incident response").shown.len();
    assert!(two <= one && two > 0);
}

#[test]
fn title_matches_rank_above_notes_only_matches() {
    let report = report();
    let index = SearchIndex::new(&report);
    let burnout = index_of(&report, "meeting-the-challenge-of-burnout");
    assert_eq!(search(&report, &index, "burnout").shown[0], burnout);
    assert_eq!(search(&report, &index, "Burnout").shown[0], burnout);

    let mut both_kinds = 0;
    for word in [
        "burnout",
        "security",
        "reliability",
        "sre",
        "incident",
        "observability",
        "linux",
    ] {
        let outcome = search(&report, &index, word);
        assert!(outcome.ranked);
        let position = |i: usize| outcome.shown.iter().position(|&s| s == i);
        let mut titles = Vec::new();
        let mut notes_only = Vec::new();
        for (i, entry) in report.entries.iter().enumerate() {
            let f = fields(&report, entry, word);
            assert_eq!(position(i).is_some(), f.any(), "{word}: {}", entry.id);
            if f.title {
                titles.push(position(i).unwrap());
            } else if f.notes_only() {
                notes_only.push(position(i).unwrap());
            }
        }
        assert!(!titles.is_empty(), "{word} is in a title");
        if let (Some(last_title), Some(first_note)) = (titles.iter().max(), notes_only.iter().min())
        {
            assert!(
                last_title < first_note,
                "{word}: a title match at {last_title} is after a notes-only match at {first_note}"
            );
            both_kinds += 1;
        }
    }
    assert!(both_kinds >= 3, "the words cover titles and notes");
}

#[test]
fn speaker_matches_rank_above_notes_only_matches() {
    let report = report();
    let index = SearchIndex::new(&report);
    let hard = index_of(&report, "hard-choices-tight-timelines");
    let real_talk = index_of(&report, "real-talk");
    let nash = search(&report, &index, "nash").shown;
    assert_eq!(nash, vec![hard, real_talk]);

    for word in [
        "nash",
        "ruppe",
        "tanya",
        "reilly",
        "honeycomb",
        "majors",
        "maslach",
    ] {
        let outcome = search(&report, &index, word);
        let position = |i: usize| outcome.shown.iter().position(|&s| s == i);
        let mut speakers = Vec::new();
        let mut notes_only = Vec::new();
        for (i, entry) in report.entries.iter().enumerate() {
            let f = fields(&report, entry, word);
            assert_eq!(position(i).is_some(), f.any(), "{word}: {}", entry.id);
            if f.speaker {
                speakers.push(position(i).unwrap());
            } else if f.notes_only() {
                notes_only.push(position(i).unwrap());
            }
        }
        assert!(!speakers.is_empty(), "{word} is a speaker");
        if let (Some(last), Some(first)) = (speakers.iter().max(), notes_only.iter().min()) {
            assert!(last < first, "{word}: speaker at {last}, notes at {first}");
        }
    }
}

#[test]
fn equal_matches_keep_report_order() {
    let report = report();
    let index = SearchIndex::new(&report);
    for word in ["the", "sre", "incident", "data", "we"] {
        let outcome = search(&report, &index, word);
        assert!(outcome.shown.len() > 2, "{word}");
        // Entries matching in the same fields score the same and so keep the
        // report's order among themselves.
        let mut by_fields: Vec<(Fields, Vec<usize>)> = Vec::new();
        for &i in &outcome.shown {
            let f = fields(&report, &report.entries[i], word);
            match by_fields.iter_mut().find(|(g, _)| *g == f) {
                Some((_, list)) => list.push(i),
                None => by_fields.push((f, vec![i])),
            }
        }
        for (f, list) in by_fields {
            assert!(
                list.windows(2).all(|w| w[0] < w[1]),
                "{word} {f:?}: {list:?}"
            );
        }
    }
}

#[test]
fn ranked_only_when_text_is_typed() {
    let report = report();
    let index = SearchIndex::new(&report);
    let plain = run(&report, &index, &Filters::default(), &never_read);
    assert!(!plain.ranked);
    assert_eq!(plain.shown, all(&report));
    for blank in ["", " ", "   ", "\t", "\n \t "] {
        let outcome = search(&report, &index, blank);
        assert!(!outcome.ranked, "{blank:?}");
        assert_eq!(outcome, plain, "{blank:?}");
        assert!(index.scores(blank).is_none(), "{blank:?}");
    }
    let typed = search(&report, &index, "burnout");
    assert!(typed.ranked);
    // Also when the typed word finds nothing.
    let none = search(&report, &index, "qqqzzzxx");
    assert!(none.ranked);
    assert!(none.shown.is_empty());
    // Scores are given per entry, and only the matching ones have one.
    let scores = index.scores("burnout").unwrap();
    assert_eq!(scores.len(), report.entries.len());
    assert_eq!(scores.iter().filter(|s| s.is_some()).count(), 1);
}

#[test]
fn search_combines_with_the_facets() {
    let report = report();
    let index = SearchIndex::new(&report);
    let f = Filters {
        day: Some("2024-03-19".into()),
        text: "incident".into(),
        ..Filters::default()
    };
    let outcome = run(&report, &index, &f, &never_read);
    assert!(outcome.ranked);
    let hits = search_matches(&report, "incident").unwrap();
    let mut want: Vec<usize> = hits
        .into_iter()
        .filter(|&i| report.entries[i].day == "2024-03-19")
        .collect();
    want.sort_unstable();
    let mut got = outcome.shown.clone();
    got.sort_unstable();
    assert_eq!(got, want);
    assert!(!want.is_empty());
    // The day counts now count search hits on each day.
    let all_hits = search(&report, &index, "incident").shown.len();
    assert_eq!(outcome.all_days_count, all_hits);
    assert!(outcome.all_days_count > outcome.shown.len());
}

#[test]
fn words_are_folded_and_split() {
    let got: Vec<String> = words("Jean-François GAGNÉ, 90% — ok").collect();
    assert_eq!(got, strings(&["jean", "francois", "gagne", "90", "ok"]));
    assert_eq!(words("  ,,, — ").count(), 0);
    assert_eq!(words("").count(), 0);
}

fn joined(runs: &[(String, bool)]) -> String {
    runs.iter().map(|(s, _)| s.as_str()).collect()
}

fn marked(runs: &[(String, bool)]) -> Vec<&str> {
    runs.iter()
        .filter(|(_, m)| *m)
        .map(|(s, _)| s.as_str())
        .collect()
}

#[test]
fn highlight_marks_word_prefixes() {
    let runs = highlight("Jean-François Gagné", "franc");
    assert_eq!(
        runs,
        vec![
            ("Jean-".to_string(), false),
            ("Franç".to_string(), true),
            ("ois Gagné".to_string(), false),
        ]
    );
    assert_eq!(
        marked(&highlight("Jean-François Gagné", "GAGNE")),
        vec!["Gagné"]
    );
    assert_eq!(
        marked(&highlight("Jean-François Gagné", "jean gag")),
        vec!["Jean", "Gag"]
    );
    assert_eq!(
        marked(&highlight("Åsa Łódź", "lodz asa")),
        vec!["Åsa", "Łódź"]
    );
    // Every occurrence, any case.
    assert_eq!(
        marked(&highlight("Burnout, burnouts and BURNOUT", "burnout")),
        vec!["Burnout", "burnout", "BURNOUT"]
    );
    // The longest matching word wins.
    assert_eq!(marked(&highlight("Burnout", "b burno")), vec!["Burno"]);
    // Inside a word is no match; longer than the word is no match.
    assert!(marked(&highlight("Autopsy", "top")).is_empty());
    assert!(marked(&highlight("SRE", "sres")).is_empty());
    assert_eq!(marked(&highlight("SRE", "sre")), vec!["SRE"]);
}

#[test]
fn highlight_keeps_all_text() {
    let texts = [
        "",
        "Jean-François Gagné",
        "Meeting the Challenge of Burnout",
        "Logs Told Us It Was Kernel — It Wasn't",
        "  spaced   out  ",
        "What We Want Is 90% the Same",
        "→ 🚀 emoji ±1 ¹",
        "Åsa Łódź",
    ];
    let queries = [
        "", "   ", "burn", "it", "was", "gagne", "90", "🚀", "j f g", "asa", "s",
    ];
    for text in texts {
        for query in queries {
            let runs = highlight(text, query);
            assert_eq!(joined(&runs), text, "{text:?} / {query:?}");
            assert!(runs.iter().all(|(s, _)| !s.is_empty()), "{runs:?}");
            assert!(
                runs.windows(2).all(|w| w[0].1 != w[1].1),
                "neighbouring runs alternate: {runs:?}"
            );
        }
    }
    for query in ["", "  ", " \t", "—", ",,"] {
        let runs = highlight("Jean-François Gagné", query);
        assert!(marked(&runs).is_empty(), "{query:?}");
        assert_eq!(runs, vec![("Jean-François Gagné".to_string(), false)]);
    }
    assert!(highlight("", "anything").is_empty());
}

#[test]
fn highlight_marks_what_search_found() {
    let report = report();
    let index = SearchIndex::new(&report);
    for text in ["burnout", "gagne", "kernel", "nash"] {
        for &i in &search(&report, &index, text).shown {
            let entry = &report.entries[i];
            let mut pieces: Vec<String> = vec![entry.title.clone()];
            pieces.extend(entry.official_title.clone());
            pieces.extend(entry.speakers.iter().map(|s| s.name.clone()));
            pieces.extend(entry.speakers.iter().filter_map(|s| s.affiliation.clone()));
            pieces.extend(entry.body.iter().map(|b| b.text().to_string()));
            pieces.extend(
                entry
                    .topics
                    .iter()
                    .filter_map(|t| report.topic(t))
                    .map(|t| t.label.clone()),
            );
            pieces.push(entry.kind.label().to_string());
            let any = pieces
                .iter()
                .any(|p| !marked(&highlight(p, text)).is_empty());
            assert!(any, "{text}: nothing marked in {}", entry.id);
        }
    }
}

#[test]
fn an_index_built_in_two_steps_scores_as_one_built_at_once() {
    let report = report();
    let whole = SearchIndex::new(&report);
    let mut stepwise = SearchIndex::facets(&report);
    let f = Filters::default();
    assert_eq!(
        run(&report, &stepwise, &f, &never_read),
        run(&report, &whole, &f, &never_read),
        "filters and counts need no words"
    );
    assert!(stepwise
        .scores("kernel")
        .unwrap()
        .iter()
        .all(Option::is_none));
    stepwise.index_words(&report);
    for query in ["kernel", "gagne", "incident sev", "opening", "zebra"] {
        assert_eq!(stepwise.scores(query), whole.scores(query), "{query}");
    }
}

#[test]
fn an_excerpt_opens_the_notes_when_only_the_title_matches() {
    let report = report();
    let index = SearchIndex::new(&report);
    let opening = index_of(&report, "opening-remarks");
    assert!(search(&report, &index, "opening").shown.contains(&opening));
    let body = &report.entries[opening].body;
    assert!(
        !body
            .iter()
            .any(|b| b.text().to_lowercase().contains("opening")),
        "the test needs notes that do not say \"opening\""
    );
    let text = excerpt(body, "opening").expect("the notes give an excerpt");
    let start: String = body[0].text().chars().take(40).collect();
    assert!(
        text.starts_with(&start),
        "not the start of the notes: {text}"
    );
}

// ---------------------------------------------------------------- crafted

const TINY: &str = r#"{
  "schema_version": 1,
  "id": "tiny",
  "title": "Tiny",
  "author": "Tester",
  "conference": {"name": "Conf", "first_day": "2024-01-01", "last_day": "2024-01-02"},
  "days": [
    {"id": "2024-01-01", "label": "Monday"},
    {"id": "2024-01-02", "label": "Tuesday"}
  ],
  "tracks": [
    {"id": "main", "label": "Main"},
    {"id": "side", "label": "Side"}
  ],
  "topics": [
    {"id": "databases", "label": "Databases"},
    {"id": "unused", "label": "Nothing here"}
  ],
  "entries": [
    {"id": "quiet", "day": "2024-01-01", "kind": "talk", "track": "main",
     "title": "Quiet Hours", "body": []},
    {"id": "no-topics", "day": "2024-01-01", "kind": "meal", "track": "side",
     "title": "Lunch",
     "body": [{"type": "paragraph", "text": "Soup and zucchini bread."}]},
    {"id": "db", "day": "2024-01-02", "kind": "talk", "track": "main",
     "title": "Storage", "topics": ["databases"],
     "speakers": [{"name": "Åsa Łódź", "affiliation": "Zeta Corp"}],
     "body": [{"type": "bullet", "text": "Indexes matter"}]}
  ]
}"#;

fn tiny() -> Report {
    Report::from_json(TINY).expect("the tiny report loads")
}

#[test]
fn tiny_report_unfiltered() {
    let report = tiny();
    assert!(report.entries[0].body.is_empty());
    assert!(report.entries[1].topics.is_empty());
    let index = SearchIndex::new(&report);
    let outcome = run(&report, &index, &Filters::default(), &never_read);
    assert_eq!(
        outcome,
        Outcome {
            shown: vec![0, 1, 2],
            visible: entry_set(3, &[0, 1, 2]),
            ranked: false,
            day_shown: vec![2, 1],
            day_shown_read: vec![0, 0],
            day_counts: vec![2, 1],
            all_days_count: 3,
            track_counts: vec![2, 1],
            topic_counts: vec![1, 0],
            unread_count: 3,
        }
    );
    check_counts(&report, &index, &Filters::default(), &never_read, &outcome);
}

#[test]
fn tiny_report_entry_without_topics() {
    let report = tiny();
    let index = SearchIndex::new(&report);
    let f = Filters {
        topics: strings(&["databases"]),
        ..Filters::default()
    };
    let outcome = run(&report, &index, &f, &never_read);
    assert_eq!(outcome.shown, vec![2]);
    assert_eq!(outcome.day_counts, vec![0, 1]);
    assert_eq!(outcome.track_counts, vec![1, 0]);
    assert_eq!(outcome.topic_counts, vec![1, 0]);
    check_counts(&report, &index, &f, &never_read, &outcome);

    // A topic no entry has shows nothing, but the other topic still counts.
    let f = Filters {
        topics: strings(&["unused"]),
        ..Filters::default()
    };
    let outcome = run(&report, &index, &f, &never_read);
    assert!(outcome.shown.is_empty());
    assert_eq!(outcome.topic_counts, vec![1, 0]);
    assert_eq!(outcome.all_days_count, 0);
    assert_eq!(outcome.unread_count, 0);
    check_counts(&report, &index, &f, &never_read, &outcome);

    // The entry without topics is shown once no topic is chosen, on its day.
    let f = Filters {
        day: Some("2024-01-01".into()),
        tracks: strings(&["side"]),
        ..Filters::default()
    };
    let outcome = run(&report, &index, &f, &never_read);
    assert_eq!(ids(&report, &outcome.shown), strings(&["no-topics"]));
    assert_eq!(outcome.topic_counts, vec![0, 0]);
    check_counts(&report, &index, &f, &never_read, &outcome);
}

#[test]
fn tiny_report_search() {
    let report = tiny();
    let index = SearchIndex::new(&report);
    let find = |text: &str| ids(&report, &search(&report, &index, text).shown);
    // The entry with an empty body is found by its title.
    assert_eq!(find("quiet"), strings(&["quiet"]));
    assert_eq!(find("HOURS"), strings(&["quiet"]));
    assert_eq!(find("soup"), strings(&["no-topics"]));
    assert_eq!(find("zucch"), strings(&["no-topics"]));
    // Speakers and affiliations, folded.
    assert_eq!(find("asa"), strings(&["db"]));
    assert_eq!(find("ŁÓDŹ"), strings(&["db"]));
    assert_eq!(find("zeta"), strings(&["db"]));
    // Topic labels and kinds.
    assert_eq!(find("datab"), strings(&["db"]));
    assert_eq!(find("talk"), strings(&["quiet", "db"]));
    assert_eq!(find("meal"), strings(&["no-topics"]));
    // A topic that no entry has finds nothing.
    assert!(find("nothing").is_empty());
    // Words from different entries find nothing.
    assert!(find("quiet soup").is_empty());

    // A term matching nothing: ranked, empty, and every count zero.
    let none = search(&report, &index, "xylophone");
    assert_eq!(
        none,
        Outcome {
            shown: vec![],
            visible: entry_set(3, &[]),
            ranked: true,
            day_shown: vec![0, 0],
            day_shown_read: vec![0, 0],
            day_counts: vec![0, 0],
            all_days_count: 0,
            track_counts: vec![0, 0],
            topic_counts: vec![0, 0],
            unread_count: 0,
        }
    );
    // A search narrows the counts to its hits.
    let f = Filters {
        text: "talk".into(),
        ..Filters::default()
    };
    let outcome = run(&report, &index, &f, &never_read);
    assert_eq!(outcome.day_counts, vec![1, 1]);
    assert_eq!(outcome.track_counts, vec![2, 0]);
    assert_eq!(outcome.topic_counts, vec![1, 0]);
    check_counts(&report, &index, &f, &never_read, &outcome);
}

#[test]
fn tiny_report_urls() {
    let report = tiny();
    let f = Filters::from_query(
        "?track=side,main&topic=unused&day=2024-01-02&q=a%26b",
        &report,
    );
    assert_eq!(f.tracks, strings(&["main", "side"]));
    assert_eq!(f.topics, strings(&["unused"]));
    assert_eq!(f.day.as_deref(), Some("2024-01-02"));
    assert_eq!(f.text, "a&b");
    assert_eq!(Filters::from_query(&f.to_query(), &report), f);
    // Ids of another report are unknown here.
    let f = Filters::from_query("?track=plenary&topic=security&day=2024-03-18", &report);
    assert_eq!(f, Filters::default());
}

#[test]
fn empty_report_gives_empty_outcomes() {
    let mut report = tiny();
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
        assert_eq!(outcome.day_counts, vec![0, 0]);
        assert_eq!(outcome.track_counts, vec![0, 0]);
        assert_eq!(outcome.topic_counts, vec![0, 0]);
        assert_eq!(outcome.all_days_count + outcome.unread_count, 0);
    }
}

#[test]
fn a_topic_listed_twice_on_an_entry_counts_once() {
    // `validate` accepts an entry that names the same topic twice, so the
    // count must still be what choosing that topic shows: one entry.
    let json = TINY.replace(
        r#""topics": ["databases"]"#,
        r#""topics": ["databases", "databases"]"#,
    );
    assert_ne!(json, TINY);
    let report = Report::from_json(&json).expect("a repeated topic is accepted");
    let index = SearchIndex::new(&report);
    let outcome = run(&report, &index, &Filters::default(), &never_read);
    let chosen = Filters {
        topics: strings(&["databases"]),
        ..Filters::default()
    };
    assert_eq!(run(&report, &index, &chosen, &never_read).shown, vec![2]);
    assert_eq!(outcome.topic_counts, vec![1, 0]);
}
