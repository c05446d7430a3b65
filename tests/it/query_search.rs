//! Search: which entries typed words find, how they are ranked, and how
//! matches are highlighted and excerpted, on the crafted report, checked
//! against matches computed from its entries.

use crate::common::crafted::{
    all, crafted, crafted_with_unused_topic, entry_set, ids, index_of, never_read, search, strings,
};
use crate::common::expected::{check_counts, fields, search_matches, Fields};
use std::collections::HashSet;
use tripnotes::query::search::words;
use tripnotes::query::{excerpt, highlight, run, Filters, Outcome, SearchIndex, Words};

// ---------------------------------------------------------------- matching

#[test]
fn search_is_case_and_accent_insensitive() {
    let report = crafted();
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
    let report = crafted();
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
fn search_combines_with_the_facets() {
    let report = crafted();
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

// ---------------------------------------------------------------- ranking

/// A field that ranks above the notes, the words that start a word in it,
/// how many of those must also be found in other entries' notes only, and
/// one word with the exact order it gives.
struct Ranking {
    field: &'static str,
    in_field: fn(Fields) -> bool,
    words: &'static [&'static str],
    against_notes: usize,
    example: (&'static str, &'static [&'static str]),
}

const RANKINGS: [Ranking; 2] = [
    Ranking {
        field: "title",
        in_field: |f| f.title,
        words: &[
            "burnout",
            "security",
            "reliability",
            "sre",
            "observability",
            "kernel",
        ],
        against_notes: 3,
        example: (
            "security",
            &[
                "shipping-security-fixes-safely",
                "2024-03-19-reception",
                "closing-remarks",
            ],
        ),
    },
    Ranking {
        field: "speaker",
        in_field: |f| f.speaker,
        words: &["nash", "reilly", "honeycomb", "majors", "maslach", "gagne"],
        against_notes: 2,
        example: ("nash", &["hard-choices-tight-timelines", "real-talk"]),
    },
];

#[test]
fn title_and_speaker_matches_rank_above_notes_only_matches() {
    let report = crafted();
    let index = SearchIndex::new(&report);
    for ranking in RANKINGS {
        let field = ranking.field;
        let mut against_notes = 0;
        for &word in ranking.words {
            let outcome = search(&report, &index, word);
            assert!(outcome.ranked, "{field}: {word}");
            let position = |i: usize| outcome.shown.iter().position(|&s| s == i);
            let mut in_field = Vec::new();
            let mut notes_only = Vec::new();
            for (i, entry) in report.entries.iter().enumerate() {
                let f = fields(&report, entry, word);
                assert_eq!(position(i).is_some(), f.any(), "{word}: {}", entry.id);
                if (ranking.in_field)(f) {
                    in_field.push(position(i).unwrap());
                } else if f.notes_only() {
                    notes_only.push(position(i).unwrap());
                }
            }
            assert!(!in_field.is_empty(), "{word} is in a {field}");
            if let (Some(last), Some(first)) = (in_field.iter().max(), notes_only.iter().min()) {
                assert!(
                    last < first,
                    "{word}: a {field} match at {last} is after a notes-only match at {first}"
                );
                against_notes += 1;
            }
        }
        assert!(
            against_notes >= ranking.against_notes,
            "the {field} words are found in notes too"
        );
        let (word, order) = ranking.example;
        assert_eq!(
            ids(&report, &search(&report, &index, word).shown),
            strings(order),
            "{field}: {word}"
        );
    }
}

#[test]
fn equal_matches_keep_report_order() {
    let report = crafted();
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
    let report = crafted();
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

// ---------------------------------------------------------------- every field

#[test]
fn every_field_of_an_entry_is_searched() {
    let report = crafted_with_unused_topic();
    let index = SearchIndex::new(&report);
    let find = |text: &str| ids(&report, &search(&report, &index, text).shown);
    // The entry with an empty body is found by its title.
    assert_eq!(find("quiet"), strings(&["quiet-hours"]));
    assert_eq!(find("HOURS"), strings(&["quiet-hours"]));
    assert_eq!(find("soup"), strings(&["2024-03-18-lunch"]));
    assert_eq!(find("zucch"), strings(&["2024-03-18-lunch"]));
    // Speakers and affiliations, folded.
    assert_eq!(find("asa"), strings(&["shipping-security-fixes-safely"]));
    assert_eq!(find("ŁÓDŹ"), strings(&["shipping-security-fixes-safely"]));
    assert_eq!(find("zeta"), strings(&["shipping-security-fixes-safely"]));
    // Topic labels and kinds; the title match of "Real Talk" ranks first.
    assert_eq!(find("chang"), strings(&["shipping-security-fixes-safely"]));
    assert_eq!(find("educat"), strings(&["real-talk", "20-years-of-sre"]));
    assert_eq!(
        find("talk"),
        strings(&[
            "real-talk",
            "product-reliability-for-google-maps",
            "the-ticking-time-bomb-of-observability-expectations",
            "logs-told-us-it-was-kernel-it-wasnt",
            "autopsy-of-a-cascading-outage-from-a-mysql",
            "hard-choices-tight-timelines",
            "quiet-hours",
            "shipping-security-fixes-safely",
        ])
    );
    assert_eq!(find("meal"), strings(&["2024-03-18-lunch"]));
    // A topic that no entry has finds nothing.
    assert!(find("nothing").is_empty());
    // Words from different entries find nothing.
    assert!(find("quiet soup").is_empty());
}

#[test]
fn a_search_that_finds_nothing_counts_nothing() {
    let report = crafted();
    let index = SearchIndex::new(&report);
    let none = search(&report, &index, "xylophone");
    assert_eq!(
        none,
        Outcome {
            shown: vec![],
            visible: entry_set(16, &[]),
            ranked: true,
            day_shown: vec![0; 4],
            day_shown_read: vec![0; 4],
            day_counts: vec![0; 4],
            all_days_count: 0,
            track_counts: vec![0; 4],
            topic_counts: vec![0; 7],
            room_counts: vec![],
            unread_count: 0,
            starred_count: 0,
        }
    );
}

#[test]
fn a_search_narrows_the_counts_to_its_hits() {
    let report = crafted();
    let index = SearchIndex::new(&report);
    let f = Filters {
        text: "talk".into(),
        ..Filters::default()
    };
    let outcome = run(&report, &index, &f, &never_read);
    assert_eq!(outcome.day_counts, vec![0, 3, 5, 0]);
    assert_eq!(outcome.track_counts, vec![0, 5, 3, 0]);
    assert_eq!(outcome.topic_counts, vec![2, 1, 4, 1, 1, 1, 0]);
    check_counts(&report, &index, &f, &never_read, &outcome);
}

// ---------------------------------------------------------------- highlighting and excerpts

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
    let report = crafted();
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
    let report = crafted();
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
fn words_gathered_a_few_entries_at_a_time_search_as_all_at_once() {
    let report = crafted();
    let whole = SearchIndex::new(&report);
    let mut sliced = SearchIndex::facets(&report);
    let mut words = Words::default();
    let mut tasks = 0;
    while !words.gather(&report, &sliced, 3) {
        tasks += 1;
    }
    assert_eq!(tasks, report.entries.len().div_ceil(3) - 1);
    assert!(words.gather(&report, &sliced, 3), "nothing is left");
    sliced.set_words(words);
    for query in ["kernel", "gagne", "incident sev", "opening", "zebra", "a"] {
        assert_eq!(sliced.scores(query), whole.scores(query), "{query}");
    }
}

#[test]
fn an_excerpt_opens_the_notes_when_only_the_title_matches() {
    let report = crafted();
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

#[test]
fn search_finds_the_words_of_a_link_in_the_notes() {
    use tripnotes::model::{Block, Inline, Span};
    let mut report = crafted();
    report.entries[3].body.push(Block::Paragraph {
        text: Inline::from_spans([
            Span::plain("The slides are "),
            Span {
                text: "Zyxwvut handout".into(),
                emphasis: false,
                link: Some("https://example.org/handout".into()),
            },
        ]),
        level: 0,
    });
    let index = SearchIndex::new(&report);
    let outcome = search(&report, &index, "zyxwv");
    assert_eq!(outcome.shown, vec![3]);
    // The address itself is not text a reader sees, so it is not searched.
    assert!(search(&report, &index, "example").shown.is_empty());
}
