//! Importing conference programmes in the frab / c3voc schedule formats,
//! from the real files in the shared programmes folder and from small
//! crafted snippets for what real files get wrong.

use crate::common::programmes;
use serde_json::Value;
use tripnotes::dates::add_days;
use tripnotes::import::schedule::{import, is_schedule, Imported};
use tripnotes::model::{validate, Block, Entry, Inline, Span};

fn read(name: &str) -> Vec<u8> {
    let path = programmes::folder().join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn imported(name: &str) -> Imported {
    programmes::imported_one(name).clone()
}

fn crafted(text: &str) -> Imported {
    import(text.as_bytes()).unwrap_or_else(|e| panic!("{e}\n{text}"))
}

/// Events in the file, counted without the importer: v1 day rooms and v2
/// events in JSON, `<event>` elements in XML.
fn events_in_source(name: &str, bytes: &[u8]) -> usize {
    let text = std::str::from_utf8(bytes).expect("UTF-8");
    if name.ends_with(".xml") {
        let doc = roxmltree::Document::parse(text).expect("XML");
        return doc
            .descendants()
            .filter(|n| n.has_tag_name("event"))
            .count();
    }
    let json: Value = serde_json::from_str(text).expect("JSON");
    let schedule = &json["schedule"];
    let in_days: usize = schedule["conference"]["days"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|day| day["rooms"].as_object())
        .flat_map(|rooms| rooms.values())
        .map(|events| events.as_array().map_or(0, Vec::len))
        .sum();
    in_days + schedule["events"].as_array().map_or(0, Vec::len)
}

fn entry<'a>(imported: &'a Imported, title: &str) -> &'a Entry {
    imported
        .report
        .entries
        .iter()
        .find(|e| e.title == title)
        .unwrap_or_else(|| panic!("no entry titled {title:?}"))
}

#[test]
fn every_programme_imports_without_losing_an_event() {
    let mut programmes_seen = 0;
    for (name, bytes) in programmes::files() {
        if name.ends_with(".schema.json") {
            assert!(
                !is_schedule(&bytes),
                "{name} is a JSON Schema, not a programme"
            );
            continue;
        }
        assert!(is_schedule(&bytes), "{name} is not recognised");
        let imported = programmes::imported_one(&name);
        let expected = events_in_source(&name, &bytes);
        let summary = imported.summary();
        assert_eq!(summary.events, expected, "{name}");
        assert_eq!(imported.report.entries.len(), expected, "{name}");
        assert!(expected > 0, "{name} has events");
        assert!(validate(&imported.report).is_ok(), "{name}");
        let shown = summary.to_string();
        assert!(
            shown.contains(&format!("{expected} events"))
                && shown.contains(&format!("{} warnings", imported.warnings.len())),
            "{name}: {shown}"
        );
        programmes_seen += 1;
    }
    assert_eq!(programmes_seen, 5, "the five programmes of the folder");
}

#[test]
fn the_36c3_json_and_xml_give_the_same_report() {
    let json = imported("36c3-everything.schedule.json");
    let xml = imported("36c3-everything.schedule.xml");
    assert_eq!(json.report.entries.len(), xml.report.entries.len());
    for (a, b) in json.report.entries.iter().zip(&xml.report.entries) {
        assert_eq!(a, b);
    }
    assert_eq!(json.report, xml.report);
    // The same warnings, the XML's naming their lines as well.
    let unplaced = |imported: &Imported| -> Vec<_> {
        imported
            .warnings
            .iter()
            .map(|w| tripnotes::import::schedule::Warning {
                line: None,
                ..w.clone()
            })
            .collect()
    };
    assert_eq!(unplaced(&json), unplaced(&xml));
    assert!(xml
        .warnings
        .iter()
        .all(|w| w.event.is_none() || w.line.is_some()));
}

#[test]
fn events_after_midnight_stay_on_their_conference_day() {
    let source: Value =
        serde_json::from_slice(&read("36c3-everything.schedule.json")).expect("JSON");
    let mut after_midnight = 0;
    for day in source["schedule"]["conference"]["days"].as_array().unwrap() {
        for events in day["rooms"].as_object().unwrap().values() {
            for event in events.as_array().unwrap() {
                let date = &event["date"].as_str().unwrap()[..10];
                after_midnight += usize::from(date != day["date"].as_str().unwrap());
            }
        }
    }
    let report = imported("36c3-everything.schedule.json").report;
    let moved: Vec<&Entry> = report
        .entries
        .iter()
        .filter(|e| e.start_date.is_some())
        .collect();
    assert_eq!(moved.len(), after_midnight);
    assert!(after_midnight > 0);
    for entry in moved {
        assert_eq!(
            entry.start_date,
            add_days(&entry.day, 1),
            "{}: starts the calendar day after its conference day",
            entry.id
        );
        assert!(entry.start.as_deref() < Some("11:00"), "{}", entry.id);
    }
}

const ONE_DAY_V1: &str = r#"{"schedule": {"version": "1", "conference": {
  "acronym": "demo24", "title": "Demo", "start": "2024-05-01", "end": "2024-05-01",
  "time_zone_name": "Europe/Berlin",
  "days": [{"index": 1, "date": "2024-05-01",
    "day_start": "2024-05-01T11:00:00+02:00", "day_end": "2024-05-02T04:00:00+02:00",
    "rooms": {"Saal 1": [EVENTS]}}]}}}"#;

fn one_day(events: &str) -> Imported {
    crafted(&ONE_DAY_V1.replace("EVENTS", events))
}

#[test]
fn an_event_at_01_30_stays_on_the_previous_conference_day() {
    let imported = one_day(
        r#"{"guid": "aaaaaaaa-0000-0000-0000-000000000001", "title": "Late",
            "date": "2024-05-02T01:30:00+02:00", "start": "01:30", "duration": "01:00",
            "room": "Saal 1", "track": "Night"},
           {"guid": "aaaaaaaa-0000-0000-0000-000000000002", "title": "Across midnight",
            "date": "2024-05-01T23:30:00+02:00", "start": "23:30", "duration": "01:15",
            "room": "Saal 1", "track": "Night"}"#,
    );
    let late = entry(&imported, "Late");
    assert_eq!(late.day, "2024-05-01");
    assert_eq!(late.start_date.as_deref(), Some("2024-05-02"));
    assert_eq!(
        (late.start.as_deref(), late.end.as_deref()),
        (Some("01:30"), Some("02:30"))
    );
    assert_eq!(late.end_date, None);
    let across = entry(&imported, "Across midnight");
    assert_eq!(across.start_date, None);
    assert_eq!(across.end.as_deref(), Some("00:45"));
    assert_eq!(across.end_date.as_deref(), Some("2024-05-02"));
    // Chronological: the 23:30 session comes before the 01:30 one.
    let ids: Vec<&str> = imported
        .report
        .entries
        .iter()
        .map(|e| e.title.as_str())
        .collect();
    assert_eq!(ids, ["Across midnight", "Late"]);
}

#[test]
fn a_german_title_with_umlauts_survives_both_formats() {
    for name in [
        "36c3-everything.schedule.json",
        "36c3-everything.schedule.xml",
    ] {
        let imported = imported(name);
        let entry = entry(&imported, "Löten für Einsteiger");
        assert_eq!(entry.language.as_deref(), Some("de"), "{name}");
        assert!(entry.speakers.iter().all(|s| s.affiliation.is_none()));
    }
}

#[test]
fn reimporting_gives_the_same_ids_even_when_titles_change() {
    let bytes = read("frab-camp2019.json");
    let first = import(&bytes).expect("imports");
    let again = import(&bytes).expect("imports");
    assert_eq!(first.report, again.report);
    let mut changed: Value = serde_json::from_slice(&bytes).expect("JSON");
    for day in changed["schedule"]["conference"]["days"]
        .as_array_mut()
        .unwrap()
    {
        for events in day["rooms"].as_object_mut().unwrap().values_mut() {
            for event in events.as_array_mut().unwrap() {
                let title = event["title"].as_str().unwrap().to_string();
                event["title"] = Value::String(format!("{title} (updated)"));
                event["slug"] = Value::String("changed".into());
            }
        }
    }
    let renamed = import(changed.to_string().as_bytes()).expect("imports");
    let ids = |i: &Imported| -> Vec<String> {
        let mut ids: Vec<String> = i.report.entries.iter().map(|e| e.id.clone()).collect();
        ids.sort();
        ids
    };
    assert_eq!(ids(&first), ids(&renamed));
    assert!(renamed.report.entries[0].title.ends_with("(updated)"));
}

#[test]
fn the_programme_maps_rooms_tracks_links_and_people() {
    let imported = imported("36c3-everything.schedule.json");
    let report = &imported.report;
    assert_eq!(report.id, "36c3");
    assert_eq!(report.conference.first_day, "2019-12-27");
    assert_eq!(report.conference.last_day, "2019-12-30");
    let opening = entry(&imported, "Opening Ceremony");
    assert_eq!(opening.id, "6a32cb72-a69d-423c-91b5-60d88eb8e6c7");
    assert_eq!(
        report
            .rooms
            .iter()
            .find(|r| Some(&r.id) == opening.room.as_ref())
            .map(|r| r.label.as_str()),
        Some("Ada")
    );
    assert_eq!(
        report.track(&opening.track).map(|t| t.label.as_str()),
        Some("CCC")
    );
    let names: Vec<&str> = opening.speakers.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["bleeptrack", "blinry"]);
    assert_eq!(
        opening.url.as_deref(),
        Some("https://fahrplan.events.ccc.de/congress/2019/Fahrplan/events/11223.html")
    );
    // Type and language would be on nearly every card: they are no topics.
    assert!(opening.topics.is_empty(), "{:?}", opening.topics);
    // An attachment path from the host's root becomes a full slides link.
    let legacy = entry(&imported, "Leaving legacy behind");
    let slides = legacy.slides.as_ref().and_then(|s| s.url.as_deref());
    assert!(slides.is_some_and(|u| u.starts_with("https://fahrplan.events.ccc.de/system/")));
    // A link without a scheme stays readable as text, with a warning.
    assert!(imported
        .warnings
        .iter()
        .any(|w| w.to_string().contains("www.cadus.org")));
}

#[test]
fn a_description_is_read_as_markdown_with_its_links() {
    for name in [
        "36c3-everything.schedule.json",
        "36c3-everything.schedule.xml",
    ] {
        let imported = imported(name);
        let entry = entry(&imported, "Look at ME! - Intel ME Investigation");
        assert_eq!(
            entry.body[0].text(),
            "Look at ME! - Intel ME Investigation",
            "{name}"
        );
        let linked = entry.body[1]
            .spans()
            .iter()
            .find(|s| s.link.is_some())
            .unwrap_or_else(|| panic!("{name}: no link in {:?}", entry.body[1]));
        assert_eq!(linked.text, "redistributable firmware binary", "{name}");
        assert_eq!(
            linked.link.as_deref(),
            Some("https://edk2.groups.io/g/devel/message/50920/eml"),
            "{name}"
        );
        // The line breaks of the paragraph are spaces, the link's brackets gone.
        assert!(
            entry.body[1]
                .text()
                .starts_with("With Intel's Firmware Support Package (FSP) and the recent release of a redistributable firmware binary for the Management Engine"),
            "{name}: {}",
            entry.body[1].text()
        );
    }
}

#[test]
fn what_a_description_cannot_hold_is_a_warning_naming_the_event_and_field() {
    let imported = one_day(
        r###"{"id": 5, "title": "Markup", "start": "10:00",
            "abstract": "A *short* abstract.",
            "description": "## Agenda\r\n\r\n- see [the page](https://example.org/p)\r\n- [a relative one](/p)"}"###,
    );
    let entry = entry(&imported, "Markup");
    let texts: Vec<&str> = entry.body.iter().map(Block::text).collect();
    assert_eq!(
        texts,
        [
            "A short abstract.",
            "Agenda",
            "see the page",
            "a relative one"
        ]
    );
    assert!(entry.body[0].spans().iter().any(|s| s.emphasis));
    assert_eq!(
        entry.body[2].spans()[1].link.as_deref(),
        Some("https://example.org/p")
    );
    assert!(entry.body[3].spans().is_empty());
    let warnings: Vec<String> = imported.warnings.iter().map(|w| w.to_string()).collect();
    for expected in [
        "5 \"Markup\", description: line 1: a heading is kept as plain text",
        "5 \"Markup\", description: line 4: the link to \"/p\" is kept as plain text",
    ] {
        assert!(
            warnings.iter().any(|w| w.contains(expected)),
            "{expected}: {warnings:?}"
        );
    }
}

#[test]
fn schedule_v2_reads_flat_events_and_day_spans() {
    let imported = imported("hub-schedule2.json");
    let report = &imported.report;
    assert_eq!(
        report.conference.time_zone.as_deref(),
        Some("Europe/Berlin")
    );
    assert_eq!(
        report.conference.url.as_deref(),
        Some("https://events.ccc.de/congress/2024/")
    );
    let late = report
        .entries
        .iter()
        .find(|e| e.id == "b1740c2f-0c44-5f1b-89ed-456a9eecf0b8")
        .expect("the 00:15 talk");
    assert_eq!(late.day, "2024-12-27");
    assert_eq!(late.start_date.as_deref(), Some("2024-12-28"));
    assert_eq!(
        late.subtitle.as_deref(),
        Some("Most Wanted Using Deep Reinforcement Learning")
    );
    assert_eq!(late.track, "hardware-making");
    assert_eq!(late.room.as_deref(), Some("saal-zigzag"));
    let opening = &report.entries[0];
    assert_eq!(
        opening.slides.as_ref().and_then(|s| s.url.as_deref()),
        Some("https://example.net/foo/bar/1235.pdf")
    );
    // Other links are linked list items of the notes.
    assert!(opening.body.contains(&Block::Bullet {
        text: Inline::from_spans([Span {
            text: "foo bar".into(),
            emphasis: false,
            link: Some("https://example.net/".into()),
        }]),
        level: 0
    }));
}

#[test]
fn empty_xml_elements_are_absent_fields() {
    let imported = crafted(
        r#"<?xml version="1.0" encoding="utf-8"?>
<schedule><conference><acronym>x24</acronym><title>X</title>
<start>2024-06-01</start><end>2024-06-01</end></conference>
<day index="1" date="2024-06-01" start="2024-06-01T10:00:00+02:00" end="2024-06-02T02:00:00+02:00">
<room name="Hall"><event id="7" guid="">
<date>2024-06-01T10:00:00+02:00</date><start>10:00</start><duration/>
<room>Hall</room><slug/><title>Empty things</title><subtitle/><track/><type/>
<language/><abstract/><description/><persons><person id="1"/></persons><links/><attachments/>
</event></room></day></schedule>"#,
    );
    let entry = entry(&imported, "Empty things");
    assert_eq!(entry.id, "7");
    assert_eq!(
        (
            entry.subtitle.as_ref(),
            entry.language.as_ref(),
            entry.end.as_ref()
        ),
        (None, None, None)
    );
    assert!(entry.body.is_empty() && entry.speakers.is_empty() && entry.topics.is_empty());
    assert_eq!(entry.track, "programme");
    let warnings: Vec<String> = imported.warnings.iter().map(|w| w.to_string()).collect();
    assert!(
        warnings
            .iter()
            .any(|w| w.contains("7 \"Empty things\", persons")),
        "{warnings:?}"
    );
    assert!(
        warnings.iter().any(|w| w.contains("has no tracks")),
        "{warnings:?}"
    );
}

#[test]
fn missing_fields_crlf_and_entities_are_read_leniently() {
    let imported = one_day(
        r#"{"id": 12, "title": "R&amp;D &lt;live&gt;", "start": "9:00",
            "abstract": "First line\r\nstill first.\r\n\r\n- one\r\n- two",
            "persons": [{"public_name": "Jürgen"}, {"id": 3}], "track": null}"#,
    );
    let entry = entry(&imported, "R&D <live>");
    assert_eq!(entry.id, "12");
    assert_eq!(entry.start.as_deref(), Some("09:00"));
    assert_eq!(
        entry.room.as_deref(),
        Some("saal-1"),
        "the room it is listed under"
    );
    assert_eq!(
        entry.body,
        [
            Block::Paragraph {
                text: "First line still first.".into(),
                level: 0
            },
            Block::Bullet {
                text: "one".into(),
                level: 0
            },
            Block::Bullet {
                text: "two".into(),
                level: 0
            },
        ]
    );
    assert_eq!(entry.speakers.len(), 1);
    let warnings: Vec<String> = imported.warnings.iter().map(|w| w.to_string()).collect();
    for expected in [
        "12 \"R&D <live>\", title: has HTML entities",
        "persons: a person without a name",
    ] {
        assert!(
            warnings.iter().any(|w| w.contains(expected)),
            "{expected}: {warnings:?}"
        );
    }
}

#[test]
fn what_is_no_programme_is_not_taken_for_one() {
    for text in [
        "",
        "{}",
        "[]",
        r#"{"schedule": {}}"#,
        "<html><body/></html>",
        "not json",
    ] {
        assert!(!is_schedule(text.as_bytes()), "{text}");
    }
    assert!(import(b"<html/>").is_err());
    assert!(import(br#"{"schedule": {"conference": {"days": []}}}"#).is_err());
}

#[test]
fn validation_checks_the_programme_fields() {
    let good = one_day(
        r#"{"guid": "g1", "title": "T", "date": "2024-05-01T23:30:00+02:00",
            "start": "23:30", "duration": "01:00", "room": "Saal 1", "track": "A"}"#,
    )
    .report;
    assert!(validate(&good).is_ok());
    let broken = |change: fn(&mut Entry)| {
        let mut report = good.clone();
        change(&mut report.entries[0]);
        validate(&report).map_err(|e| e.field)
    };
    assert_eq!(
        broken(|e| e.room = Some("saal-2".into())),
        Err("room".into())
    );
    assert_eq!(broken(|e| e.end_date = None), Err("end".into()));
    assert_eq!(
        broken(|e| e.start_date = Some("2024-05-01".into())),
        Err("start_date".into())
    );
    assert_eq!(
        broken(|e| e.end_date = Some("2024-04-30".into())),
        Err("end_date".into())
    );
    let mut twice = good.clone();
    twice.rooms.push(twice.rooms[0].clone());
    assert_eq!(
        validate(&twice).map_err(|e| e.field),
        Err("rooms[1].id".into())
    );
}
