//! Unit tests of the importer on small crafted inputs, one rule per test.
//! The report format's own rules are tested in validate.rs.

use tripnotes::import::text::{import, import_bytes, media_flags, Annotations, ImportError, Place};
use tripnotes::model::{Block, Entry, Kind, Material, Report};

// ---------------------------------------------------------------- helpers

const TITLE: &str = "Conference Report: TestCon 2024";
const BREADCRUMB: &str = "Home Trip Reports Conference Report: TestCon 2024";

/// A small annotations file with the four tracks of the real one, two topics
/// and whatever entry annotations the test adds.
fn annotations_toml(year: u16, entries: &str) -> String {
    format!(
        r#"
[report]
id = "testcon-2024"
title = "{TITLE}"
author = "A. Writer"
source_url = "https://example.org/testcon.html"
year = {year}

[conference]
name = "TestCon 2024"
first_day = "2024-03-18"
last_day = "2024-03-19"
time_zone = "America/Los_Angeles"

[[tracks]]
id = "plenary"
label = "Plenary"

[[tracks]]
id = "breakout"
label = "Breakout"

[[tracks]]
id = "track-2"
label = "Track 2"

[[tracks]]
id = "off-program"
label = "Off-program"

[[topics]]
id = "observability"
label = "Observability"

[[topics]]
id = "security"
label = "Security"
description = "Security practice."

{entries}
"#
    )
}

fn annotations_with(entries: &str) -> Annotations {
    Annotations::from_toml(&annotations_toml(2024, entries)).expect("the test annotations parse")
}

fn annotations() -> Annotations {
    annotations_with("")
}

/// A report text: the breadcrumb line, then the given lines.
fn doc(body: &str) -> String {
    format!("{BREADCRUMB}\n\n{body}")
}

fn ok(body: &str) -> Report {
    ok_with(body, &annotations())
}

fn ok_with(body: &str, annotations: &Annotations) -> Report {
    match import(&doc(body), annotations) {
        Ok(report) => report,
        Err(e) => panic!("expected the import to succeed, got: {e}"),
    }
}

fn err(body: &str) -> ImportError {
    err_with(body, &annotations())
}

fn err_with(body: &str, annotations: &Annotations) -> ImportError {
    match import(&doc(body), annotations) {
        Ok(report) => panic!(
            "expected an import error, got a report with {} entries",
            report.entries.len()
        ),
        Err(e) => e,
    }
}

fn entry<'a>(report: &'a Report, id: &str) -> &'a Entry {
    report
        .entries
        .iter()
        .find(|e| e.id == id)
        .unwrap_or_else(|| {
            let ids: Vec<&str> = report.entries.iter().map(|e| e.id.as_str()).collect();
            panic!("no entry \"{id}\"; the entries are {ids:?}")
        })
}

fn para(text: &str) -> Block {
    Block::Paragraph {
        text: text.into(),
        level: 0,
    }
}

fn all_block_text(report: &Report) -> String {
    let mut text = String::new();
    for block in report
        .introduction
        .iter()
        .chain(report.entries.iter().flat_map(|e| e.body.iter()))
    {
        text.push_str(block.text());
        text.push('\n');
    }
    for entry in &report.entries {
        text.push_str(&entry.title);
        text.push('\n');
    }
    text
}

const MONDAY: &str = "Monday, March 18";

// ---------------------------------------------------------------- rules

#[test]
fn day_headings_give_iso_ids_in_the_annotations_year() {
    let body = "Monday, March 18\n\nA day.\n\nTuesday, March 19\n\nAnother day.\n";
    let report = ok(body);
    let days: Vec<(&str, &str)> = report
        .days
        .iter()
        .map(|d| (d.id.as_str(), d.label.as_str()))
        .collect();
    assert_eq!(
        days,
        [
            ("2024-03-18", "Monday, March 18"),
            ("2024-03-19", "Tuesday, March 19")
        ]
    );

    // The year comes from the annotations, not from the text.
    let annotations_2023 = Annotations::from_toml(&annotations_toml(2023, "")).unwrap();
    let report = ok_with(body, &annotations_2023);
    assert_eq!(report.days[0].id, "2023-03-18");
    assert_eq!(report.days[1].id, "2023-03-19");

    // Not a weekday: an ordinary line, not a heading.
    let report = ok("Monday, March 18\n\nSomeday, March 19\n");
    assert_eq!(report.days.len(), 1);
    assert_eq!(
        entry(&report, "2024-03-18-notes").body,
        [para("Someday, March 19")]
    );
}

#[test]
fn a_session_heading_with_a_slides_video_line_gives_availability() {
    let report = ok(&format!(
        "{MONDAY}\n\nObserving Things\n\n[Direct slides link | No video]\n\nWhat was said.\n\n\
         Second Talk\n\n[No slides | Direct video link]\n\nMore.\n"
    ));
    let first = entry(&report, "observing-things");
    assert_eq!(first.title, "Observing Things");
    assert_eq!(first.day, "2024-03-18");
    assert_eq!(first.kind, Kind::Talk);
    assert_eq!(
        first.slides,
        Some(Material {
            available: true,
            url: None
        })
    );
    assert_eq!(
        first.video,
        Some(Material {
            available: false,
            url: None
        })
    );
    // The slides/video line is not body text.
    assert_eq!(first.body, [para("What was said.")]);

    let second = entry(&report, "second-talk");
    assert_eq!(second.slides.as_ref().map(|m| m.available), Some(false));
    assert_eq!(second.video.as_ref().map(|m| m.available), Some(true));
    assert_eq!(second.body, [para("More.")]);

    assert_eq!(media_flags("[No slides | No video]"), Some((false, false)));
    assert_eq!(
        media_flags("[Direct slides link | Direct video link]"),
        Some((true, true))
    );
    assert_eq!(
        media_flags("[They skipped the demo but the commands are in the slides.]"),
        None
    );
    assert_eq!(media_flags("Direct slides link | Direct video link"), None);
}

#[test]
fn a_stray_angle_bracket_in_a_slides_video_line_is_tolerated() {
    assert_eq!(
        media_flags("[No slides | Direct video link<]"),
        Some((false, true))
    );
    assert_eq!(
        media_flags("[<Direct slides link | No video]"),
        Some((true, false))
    );
    let report = ok(&format!(
        "{MONDAY}\n\nSlipped Talk\n\n[No slides | Direct video link<]\n\nBody.\n"
    ));
    let talk = entry(&report, "slipped-talk");
    assert_eq!(talk.slides.as_ref().map(|m| m.available), Some(false));
    assert_eq!(talk.video.as_ref().map(|m| m.available), Some(true));
    assert_eq!(talk.body, [para("Body.")]);
}

#[test]
fn plenary_titles_lose_the_prefix_and_go_on_the_plenary_track() {
    let report = ok(&format!(
        "{MONDAY}\n\nPlenary: 20 Years of SRE: Highs and Lows\n\n[No slides | Direct video link]\n\nHistory.\n"
    ));
    let plenary = entry(&report, "20-years-of-sre");
    assert_eq!(plenary.kind, Kind::Plenary);
    assert_eq!(plenary.title, "20 Years of SRE: Highs and Lows");
    assert_eq!(plenary.track, "plenary");
}

#[test]
fn default_tracks_follow_the_kind() {
    let report = ok(&format!(
        "{MONDAY}\n\nMorning.\n\nOpening remarks\n\n[No slides | No video]\n\nWelcome.\n\n\
         A Talk\n\n[No slides | No video]\n\nTalked.\n\nLunch\n\nSandwiches.\n"
    ));
    assert_eq!(entry(&report, "opening-remarks").kind, Kind::Opening);
    assert_eq!(entry(&report, "opening-remarks").track, "plenary");
    assert_eq!(entry(&report, "a-talk").kind, Kind::Talk);
    assert_eq!(entry(&report, "a-talk").track, "breakout");
    assert_eq!(entry(&report, "2024-03-18-lunch").track, "off-program");
    assert_eq!(entry(&report, "2024-03-18-notes").track, "off-program");
}

#[test]
fn annotations_override_track_kind_topics_speakers_times_and_links() {
    let annotations = annotations_with(
        r#"
[entries.a-talk]
track = "track-2"
official_title = "A Talk (Official)"
topics = ["observability", "security"]
speakers = [{ name = "Ada Lovelace", affiliation = "Engines" }, { name = "Bob" }]
start = "09:00"
end = "09:45"
url = "https://example.org/a-talk"
slides_url = "https://example.org/a-talk.pdf"

[entries.promoted]
kind = "plenary"

[entries.2024-03-18-notes]
kind = "travel"
"#,
    );
    let report = ok_with(
        &format!(
            "{MONDAY}\n\nFlew in.\n\nA Talk\n\n[No slides | No video]\n\nTalked.\n\n\
             Promoted\n\n[No slides | No video]\n\nBig room.\n"
        ),
        &annotations,
    );
    let talk = entry(&report, "a-talk");
    assert_eq!(talk.track, "track-2");
    assert_eq!(talk.kind, Kind::Talk);
    assert_eq!(talk.title, "A Talk");
    assert_eq!(talk.official_title.as_deref(), Some("A Talk (Official)"));
    assert_eq!(talk.topics, ["observability", "security"]);
    let speakers: Vec<(&str, Option<&str>)> = talk
        .speakers
        .iter()
        .map(|s| (s.name.as_str(), s.affiliation.as_deref()))
        .collect();
    assert_eq!(speakers, [("Ada Lovelace", Some("Engines")), ("Bob", None)]);
    assert_eq!(talk.start.as_deref(), Some("09:00"));
    assert_eq!(talk.end.as_deref(), Some("09:45"));
    assert_eq!(talk.url.as_deref(), Some("https://example.org/a-talk"));
    // A known address means the slides exist, whatever the slides/video line said.
    assert_eq!(
        talk.slides,
        Some(Material {
            available: true,
            url: Some("https://example.org/a-talk.pdf".into())
        })
    );
    assert_eq!(talk.video.as_ref().map(|m| m.available), Some(false));

    // A kind override moves the entry to that kind's default track.
    let promoted = entry(&report, "promoted");
    assert_eq!(promoted.kind, Kind::Plenary);
    assert_eq!(promoted.track, "plenary");

    let day_notes = entry(&report, "2024-03-18-notes");
    assert_eq!(day_notes.kind, Kind::Travel);
    assert_eq!(day_notes.track, "off-program");
}

#[test]
fn a_days_preamble_before_its_first_heading_is_day_notes() {
    let report = ok(&format!(
        "{MONDAY}\n\nWoke up early.\n\nHad breakfast.\n\nA Talk\n\n[No slides | No video]\n\nTalked.\n"
    ));
    let day_notes = entry(&report, "2024-03-18-notes");
    assert_eq!(day_notes.kind, Kind::DayNotes);
    assert_eq!(day_notes.day, "2024-03-18");
    assert_eq!(day_notes.track, "off-program");
    assert!(!day_notes.title.trim().is_empty(), "day notes get a title");
    assert_eq!(
        day_notes.body,
        [para("Woke up early."), para("Had breakfast.")]
    );
    assert_eq!(day_notes.slides, None);
    assert_eq!(
        report.entries[0].id, "2024-03-18-notes",
        "the preamble comes first"
    );
    assert_eq!(entry(&report, "a-talk").body, [para("Talked.")]);
}

#[test]
fn off_program_headings_are_entries_of_their_day() {
    let report = ok(&format!(
        "{MONDAY}\n\nLunch\n\nTacos.\n\nEvening\n\nHappy hour.\n\n\
         Tuesday, March 19\n\nReception\n\nCanapes.\n\nDinner\n\nRibs.\n"
    ));
    let expected = [
        (
            "2024-03-18-lunch",
            "2024-03-18",
            Kind::Meal,
            "Lunch",
            "Tacos.",
        ),
        (
            "2024-03-18-evening",
            "2024-03-18",
            Kind::Evening,
            "Evening",
            "Happy hour.",
        ),
        (
            "2024-03-19-reception",
            "2024-03-19",
            Kind::Reception,
            "Reception",
            "Canapes.",
        ),
        (
            "2024-03-19-dinner",
            "2024-03-19",
            Kind::Dinner,
            "Dinner",
            "Ribs.",
        ),
    ];
    assert_eq!(report.entries.len(), expected.len());
    for (id, day, kind, title, body) in expected {
        let e = entry(&report, id);
        assert_eq!(
            (e.day.as_str(), e.kind, e.title.as_str()),
            (day, kind, title),
            "{id}"
        );
        assert_eq!(e.track, "off-program", "{id}");
        assert_eq!(e.body, [para(body)], "{id}");
    }
}

#[test]
fn closing_remarks_without_a_slides_video_line_are_a_plenary_closing() {
    let report = ok(&format!(
        "{MONDAY}\n\nLast Talk\n\n[No slides | No video]\n\nDone.\n\nClosing Remarks\n\nThanks all.\n"
    ));
    let closing = entry(&report, "closing-remarks");
    assert_eq!(closing.kind, Kind::Closing);
    assert_eq!(closing.track, "plenary");
    assert_eq!(closing.title, "Closing Remarks");
    assert_eq!(closing.slides, None);
    assert_eq!(closing.body, [para("Thanks all.")]);
    assert_eq!(entry(&report, "last-talk").body, [para("Done.")]);
}

#[test]
fn the_breadcrumb_line_is_dropped_and_required() {
    let report = ok(&format!("An introduction.\n\n{MONDAY}\n\nA day.\n"));
    assert_eq!(report.introduction, [para("An introduction.")]);
    assert!(!all_block_text(&report).contains("Home Trip Reports"));
    assert_eq!(report.title, TITLE);

    // Leading blank lines are fine; a first line not ending with the title is not.
    let e = import(
        &format!("\n\nSome Other Title\n\n{MONDAY}\n\nA day.\n"),
        &annotations(),
    )
    .unwrap_err();
    assert_eq!(e.place, Place::Text(3));
    assert!(
        e.message.contains("expected the breadcrumb"),
        "{}",
        e.message
    );
    assert!(e.message.contains(TITLE), "{}", e.message);
}

#[test]
fn the_last_update_footer_gives_the_date() {
    let report = ok(&format!(
        "{MONDAY}\n\nA day.\n\nLast update Apr29/24 by A. Writer (<a@example.org>)."
    ));
    assert_eq!(report.last_updated.as_deref(), Some("2024-04-29"));
    assert!(!all_block_text(&report).contains("Last update"));

    let report = ok(&format!(
        "{MONDAY}\n\nA day.\n\nLast update Dec3/2023 by someone\n"
    ));
    assert_eq!(report.last_updated.as_deref(), Some("2023-12-03"));

    let report = ok(&format!("{MONDAY}\n\nA day.\n"));
    assert_eq!(report.last_updated, None);

    let e = err(&format!(
        "{MONDAY}\n\nA day.\n\nLast update sometime by someone\n"
    ));
    assert_eq!(e.place, Place::Text(7));
    assert!(
        e.message
            .contains("expected \"Last update\" followed by a date"),
        "{}",
        e.message
    );
}

#[test]
fn a_paragraph_starting_with_last_updated_is_body_text() {
    // Only the footer "Last update <date>" is special; the word "updated" is prose.
    let report = ok(&format!(
        "{MONDAY}\n\nLast updated the wiki before lunch.\n"
    ));
    assert_eq!(
        entry(&report, "2024-03-18-notes").body,
        [para("Last updated the wiki before lunch.")]
    );
    assert_eq!(report.last_updated, None);
}

#[test]
fn back_to_my_navigation_lines_are_dropped() {
    let report = ok(&format!(
        "{MONDAY}\n\nA Talk\n\n[No slides | No video]\n\nTalked.\n\n\
         Back to my conference reports page\nBack to my home page\n"
    ));
    assert_eq!(entry(&report, "a-talk").body, [para("Talked.")]);
    assert!(!all_block_text(&report).contains("Back to my"));
}

#[test]
fn footnotes_follow_the_rule_and_keep_their_numbers() {
    let report = ok(&format!(
        "{MONDAY}\n\nLunch was awful¹ again.\n\n__________\n\
         ¹   The salad was bitter.\nIt went on.\n[2] A second note.\n\n\
         Back to my home page\n\nLast update Apr29/24 by A. Writer\n"
    ));
    let footnotes: Vec<(&str, &str)> = report
        .footnotes
        .iter()
        .map(|f| (f.mark.as_str(), f.text.as_str()))
        .collect();
    assert_eq!(
        footnotes,
        [
            ("1", "The salad was bitter. It went on."),
            ("2", "A second note.")
        ]
    );
    // The footnotes and the rule are not body text of the last entry.
    assert_eq!(
        entry(&report, "2024-03-18-notes").body,
        [para("Lunch was awful¹ again.")]
    );
    assert_eq!(report.last_updated.as_deref(), Some("2024-04-29"));

    let e = err(&format!(
        "{MONDAY}\n\nA day.\n\n__________\nNo mark here.\n"
    ));
    assert_eq!(e.place, Place::Text(8));
    assert!(e.message.contains("expected a footnote"), "{}", e.message);
}

#[test]
fn list_items_get_numbers_bullets_and_levels() {
    let report = ok(&format!(
        "{MONDAY}\n\nA Talk\n\n[No slides | No video]\n\nSteps:\n\n\
         \x20 1. First step.\n\n    1. A sub-step.\n\n      Why it matters.\n\n\
         \x20 2. Second step.\n\n  • A point.\n    • A sub-point.\n\n\
         1.0 is more ops; 2.0 is more devops.\n"
    ));
    let body = &entry(&report, "a-talk").body;
    // A paragraph indented under a list item is nested deeper than the item.
    match &body[3] {
        Block::Paragraph { text, level } => {
            assert_eq!(text.as_str(), "Why it matters.");
            assert!(*level > 1, "nested under a level-1 item, got level {level}");
        }
        other => panic!("expected an indented paragraph, got {other:?}"),
    }
    let mut body = body.clone();
    body.remove(3);
    assert_eq!(
        body,
        [
            para("Steps:"),
            Block::Numbered {
                number: 1,
                text: "First step.".into(),
                level: 0
            },
            Block::Numbered {
                number: 1,
                text: "A sub-step.".into(),
                level: 1
            },
            Block::Numbered {
                number: 2,
                text: "Second step.".into(),
                level: 0
            },
            Block::Bullet {
                text: "A point.".into(),
                level: 0
            },
            Block::Bullet {
                text: "A sub-point.".into(),
                level: 1
            },
            para("1.0 is more ops; 2.0 is more devops."),
        ]
    );
}

#[test]
fn editors_notes_are_kept_apart() {
    let report = ok(&format!(
        "{MONDAY}\n\nA Talk\n\n[No slides | No video]\n\n\
         [At this point the laptop died. – ed.]\n\nSalmon with quinoa,[2] and churros.\n"
    ));
    assert_eq!(
        entry(&report, "a-talk").body,
        [
            Block::EditorNote {
                text: "At this point the laptop died. – ed.".into()
            },
            para("Salmon with quinoa,[2] and churros."),
        ]
    );
}

#[test]
fn crlf_line_endings_import_like_lf() {
    let body = format!("{MONDAY}\n\nA Talk\n\n[No slides | No video]\n\nTalked.\n");
    let lf = ok(&body);
    let crlf = import(&doc(&body).replace('\n', "\r\n"), &annotations()).unwrap();
    assert_eq!(lf, crlf);
}

// ---------------------------------------------------------------- errors

#[test]
fn text_that_is_not_utf8_is_reported_by_line() {
    let mut bytes = doc(&format!("{MONDAY}\n\nCaf")).into_bytes();
    bytes.extend_from_slice(b"\xe9 au lait.\n");
    let e = import_bytes(&bytes, &annotations()).unwrap_err();
    assert_eq!(e.place, Place::Text(5));
    assert!(e.message.contains("not UTF-8"), "{}", e.message);
    assert!(e.to_string().starts_with("line 5: "), "{e}");

    // Valid bytes import like the text.
    let text = doc(&format!("{MONDAY}\n\nCafé au lait.\n"));
    assert_eq!(
        import_bytes(text.as_bytes(), &annotations()).unwrap(),
        import(&text, &annotations()).unwrap()
    );
}

#[test]
fn a_text_without_day_headings_is_refused() {
    let e = err("An introduction.\n\nMore introduction.\n");
    assert_eq!(e.place, Place::Text(5));
    assert!(e.message.contains("no day headings"), "{}", e.message);
    assert!(
        e.message
            .contains("expected lines such as \"Monday, March 18\""),
        "{}",
        e.message
    );
}

#[test]
fn a_slides_video_line_right_after_a_day_heading_is_refused() {
    let e = err(&format!("{MONDAY}\n\n[No slides | No video]\n\nText.\n"));
    assert_eq!(e.place, Place::Text(5));
    assert!(
        e.message
            .contains("needs a session heading on the line above"),
        "{}",
        e.message
    );
    assert!(e.to_string().starts_with("line 5: "), "{e}");

    // Two slides/video lines in a row: the second has no heading.
    let e = err(&format!(
        "{MONDAY}\n\nA Talk\n\n[No slides | No video]\n[No slides | No video]\n"
    ));
    assert_eq!(e.place, Place::Text(8));
}

#[test]
fn two_sessions_with_the_same_title_are_a_duplicate_id() {
    let e = err(&format!(
        "{MONDAY}\n\nSame Title\n\n[No slides | No video]\n\nOne.\n\n\
         Tuesday, March 19\n\nSame Title\n\n[No slides | No video]\n\nTwo.\n"
    ));
    assert_eq!(e.place, Place::Text(13), "the second heading's line");
    assert!(e.message.contains("\"same-title\""), "{}", e.message);
    assert!(e.message.contains("earlier entry"), "{}", e.message);

    // Also when only the slug is the same.
    let e = err(&format!(
        "{MONDAY}\n\nSame Title: Part One\n\n[No slides | No video]\n\n\
         Same Title: Part Two\n\n[No slides | No video]\n"
    ));
    assert_eq!(e.place, Place::Text(9));
    assert!(e.message.contains("\"same-title\""), "{}", e.message);
}

#[test]
fn a_day_heading_naming_no_real_day_is_refused_at_its_line() {
    for heading in [
        "Friday, February 31",
        "Tuesday, April 31",
        "Monday, March 0",
    ] {
        let e = err(&format!("{heading}\n\nA day.\n"));
        assert_eq!(e.place, Place::Text(3), "{heading}: {e}");
        assert!(e.message.contains(heading), "{}", e.message);
    }
    // February 29 is a day of leap years only; the year is the annotations'.
    let leap_day = "Thursday, February 29\n\nA leap day.\n";
    assert_eq!(ok(leap_day).days[0].id, "2024-02-29");
    let annotations_2023 = Annotations::from_toml(&annotations_toml(2023, "")).unwrap();
    let e = err_with(leap_day, &annotations_2023);
    assert_eq!(e.place, Place::Text(3), "{e}");
    assert!(e.message.contains("2023"), "{}", e.message);
}

#[test]
fn a_last_update_naming_no_real_day_is_refused_at_its_line() {
    for stamp in ["Apr99/24", "Feb30/24", "Feb29/23", "Jun0/24"] {
        let e = err(&format!(
            "{MONDAY}\n\nA day.\n\nLast update {stamp} by A. Writer\n"
        ));
        assert_eq!(e.place, Place::Text(7), "{stamp}: {e}");
        assert!(e.message.contains("Last update"), "{}", e.message);
    }
}

#[test]
fn a_heading_that_gives_no_id_is_refused_at_its_line() {
    for heading in ["日本語の話", "Ωμέγα", "Plenary:", "— : Dashes"] {
        let e = err(&format!(
            "{MONDAY}\n\nA Talk\n\n[No slides | No video]\n\n{heading}\n\n[No slides | No video]\n"
        ));
        assert_eq!(e.place, Place::Text(9), "{heading}: {e}");
        assert!(e.message.contains("gives no id"), "{}", e.message);
    }
}

#[test]
fn annotations_naming_an_unknown_entry_are_refused() {
    let annotations = annotations_with("[entries.no-such-talk]\ntopics = [\"security\"]\n");
    let e = err_with(
        &format!("{MONDAY}\n\nA Talk\n\n[No slides | No video]\n"),
        &annotations,
    );
    assert_eq!(e.place, Place::Annotations);
    assert!(e.message.contains("entries.no-such-talk"), "{}", e.message);
    assert!(e.message.contains("names no entry"), "{}", e.message);
}

#[test]
fn an_entry_naming_an_unknown_topic_is_refused_by_validation() {
    let annotations =
        annotations_with("[entries.a-talk]\ntopics = [\"security\", \"astrology\"]\n");
    let e = err_with(
        &format!("{MONDAY}\n\nA Talk\n\n[No slides | No video]\n"),
        &annotations,
    );
    assert_eq!(e.place, Place::Annotations);
    assert!(e.message.contains("entry \"a-talk\""), "{}", e.message);
    assert!(e.message.contains("field topics"), "{}", e.message);
    assert!(
        e.message
            .contains("\"astrology\" is not one of the report's topics"),
        "{}",
        e.message
    );
}

#[test]
fn annotations_with_an_unknown_track_or_bad_time_are_refused() {
    let annotations = annotations_with("[entries.a-talk]\ntrack = \"track-9\"\n");
    let e = err_with(
        &format!("{MONDAY}\n\nA Talk\n\n[No slides | No video]\n"),
        &annotations,
    );
    assert_eq!(e.place, Place::Annotations);
    assert!(
        e.message.contains("entry \"a-talk\", field track"),
        "{}",
        e.message
    );

    let annotations = annotations_with("[entries.a-talk]\nstart = \"9am\"\n");
    let e = err_with(
        &format!("{MONDAY}\n\nA Talk\n\n[No slides | No video]\n"),
        &annotations,
    );
    assert!(
        e.message.contains("entry \"a-talk\", field start"),
        "{}",
        e.message
    );
    assert!(e.message.contains("HH:MM"), "{}", e.message);
}

#[test]
fn annotations_that_are_not_valid_toml_or_have_unknown_fields_are_refused() {
    let e = Annotations::from_toml("[report\n").unwrap_err();
    assert_eq!(e.place, Place::Annotations);
    let e = Annotations::from_toml(&annotations_toml(
        2024,
        "[entries.a-talk]\nspeeker = \"x\"\n",
    ))
    .unwrap_err();
    assert_eq!(e.place, Place::Annotations);
    assert!(e.message.contains("speeker"), "{}", e.message);
}

#[test]
fn an_imported_report_survives_a_serialize_parse_round_trip() {
    let crafted = ok(&format!(
        "Intro.\n\n{MONDAY}\n\nA Talk\n\n[Direct slides link | No video]\n\n  1. One.\n\n[Aside – ed.]\n\n\
         __________\n¹ A note.\n\nLast update Apr29/24 by A. Writer\n"
    ));
    assert_eq!(Report::from_json(&crafted.to_json()).unwrap(), crafted);
}
