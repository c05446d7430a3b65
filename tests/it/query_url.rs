//! The URL form of a view: filters written to a query string and read back
//! against the crafted report, whatever the address bar holds.

use crate::common::crafted::{crafted, strings};
use tripnotes::query::Filters;

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
    let report = crafted();
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
                            ..Filters::default()
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
    let report = crafted();
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
        ..Filters::default()
    };
    assert_eq!(
        f.to_query(),
        "?day=2024-03-19&track=plenary%2Ctrack-2&topic=security%2Chuman-factors&q=x&unread=1"
    );
    assert_eq!(f.active_count(), 1 + 2 + 2 + 1 + 1);
}

#[test]
fn repeated_and_comma_separated_params_both_work() {
    let report = crafted();
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
    let report = crafted();
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
    let report = crafted();
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
            ..Filters::default()
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
    let report = crafted();
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
    let report = crafted();
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

#[test]
fn ids_are_read_against_the_given_report() {
    let report = crafted();
    let f = Filters::from_query(
        "?track=off-program,plenary&topic=security&day=2024-03-19&q=a%26b",
        &report,
    );
    assert_eq!(f.tracks, strings(&["plenary", "off-program"]));
    assert_eq!(f.topics, strings(&["security"]));
    assert_eq!(f.day.as_deref(), Some("2024-03-19"));
    assert_eq!(f.text, "a&b");
    assert_eq!(Filters::from_query(&f.to_query(), &report), f);
    // The same ids are unknown to a report without those days and options.
    let mut other = crafted();
    other.days.retain(|d| d.id != "2024-03-19");
    other.tracks.clear();
    other.topics.clear();
    let f = Filters::from_query("?track=plenary&topic=security&day=2024-03-19", &other);
    assert_eq!(f, Filters::default());
}
