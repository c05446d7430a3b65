//! The rules of the report format: `Report::from_json` and `validate` on the
//! committed report, and on the crafted report broken one rule at a time.

use crate::common::crafted::{crafted, index_of, CRAFTED};
use serde_json::Value;
use tripnotes::model::{is_web_link, validate, LoadError, Report};

fn committed_json() -> String {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/public/report.json");
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn committed() -> Report {
    Report::from_json(&committed_json()).expect("the committed report is valid")
}

#[test]
fn the_committed_report_is_valid() {
    let report = committed();
    assert_eq!(validate(&report), Ok(()));
    assert!(!report.entries.is_empty());
}

#[test]
fn the_committed_report_survives_a_serialize_parse_round_trip() {
    let report = committed();
    let again = Report::from_json(&report.to_json()).expect("the serialized report loads");
    assert_eq!(again, report);
    assert!(report.to_json().ends_with("}\n"));
}

// ---------------------------------------------------------------- broken rules

/// The talk the entry cases break: entries[4] of the crafted report.
const TALK: &str = "product-reliability-for-google-maps";

/// How a case breaks the crafted report: in its JSON, read by `from_json`,
/// or in the parsed report, given to `validate`.
enum Change {
    Json(fn(&mut Value)),
    Report(fn(&mut Report)),
}

/// One broken rule, and the entry, field and problem it must be reported as.
struct Case {
    name: &'static str,
    change: Change,
    entry: Option<&'static str>,
    field: &'static str,
    problem: &'static str,
}

const CASES: &[Case] = &[
    Case {
        name: "a newer schema version, reported before the fields it may change",
        change: Change::Json(|json| {
            json["schema_version"] = 3.into();
            json["entries"] = "something else".into();
        }),
        entry: None,
        field: "schema_version",
        problem: "version 3 is not supported",
    },
    Case {
        name: "no schema version",
        change: Change::Json(|json| {
            json.as_object_mut().unwrap().remove("schema_version");
        }),
        entry: None,
        field: "schema_version",
        problem: "missing",
    },
    Case {
        name: "a schema version validate does not read",
        change: Change::Report(|report| report.schema_version = 7),
        entry: None,
        field: "schema_version",
        problem: "version 7 is not supported",
    },
    Case {
        name: "a report id that is not a slug",
        change: Change::Report(|report| report.id = "Test Con".into()),
        entry: None,
        field: "id",
        problem: "\"Test Con\" is not a slug",
    },
    Case {
        name: "a source link that is not http or https",
        change: Change::Json(|json| json["source_url"] = "JavaScript:alert(1)".into()),
        entry: None,
        field: "source_url",
        problem: "not an http or https link",
    },
    Case {
        name: "a conference link without a host",
        change: Change::Json(|json| json["conference"]["url"] = "https:///no-host".into()),
        entry: None,
        field: "conference.url",
        problem: "not an http or https link",
    },
    Case {
        name: "a last update that is no date",
        change: Change::Json(|json| json["last_updated"] = "2024-02-30".into()),
        entry: None,
        field: "last_updated",
        problem: "\"2024-02-30\" is not a YYYY-MM-DD date",
    },
    Case {
        name: "a conference that ends before it starts",
        change: Change::Json(|json| json["conference"]["last_day"] = "2024-03-01".into()),
        entry: None,
        field: "conference.last_day",
        problem: "is before first_day",
    },
    Case {
        name: "a day id used twice",
        change: Change::Json(|json| json["days"][1]["id"] = "2024-03-16".into()),
        entry: None,
        field: "days[1].id",
        problem: "\"2024-03-16\" is used twice",
    },
    Case {
        name: "a duplicate entry id",
        change: Change::Json(|json| {
            json["entries"][4]["id"] = "meeting-the-challenge-of-burnout".into();
        }),
        entry: Some("meeting-the-challenge-of-burnout"),
        field: "id",
        problem: "earlier entry",
    },
    Case {
        name: "an entry with an empty title",
        change: Change::Json(|json| json["entries"][4]["title"] = "   ".into()),
        entry: Some(TALK),
        field: "title",
        problem: "is empty",
    },
    Case {
        name: "an entry on an unknown day",
        change: Change::Json(|json| json["entries"][4]["day"] = "2024-01-01".into()),
        entry: Some(TALK),
        field: "day",
        problem: "\"2024-01-01\" is not one of the report's days",
    },
    Case {
        name: "an entry on an unknown track",
        change: Change::Json(|json| json["entries"][4]["track"] = "track-9".into()),
        entry: Some(TALK),
        field: "track",
        problem: "\"track-9\" is not one of the report's tracks",
    },
    Case {
        name: "an entry with an unknown topic",
        change: Change::Json(|json| {
            json["entries"][4]["topics"] = serde_json::json!(["observability", "astrology"]);
        }),
        entry: Some(TALK),
        field: "topics",
        problem: "\"astrology\" is not one of the report's topics",
    },
    Case {
        name: "a start that is no clock time",
        change: Change::Json(|json| json["entries"][4]["start"] = "9am".into()),
        entry: Some(TALK),
        field: "start",
        problem: "\"9am\" is not an HH:MM time",
    },
    Case {
        name: "an end before the start",
        change: Change::Json(|json| {
            json["entries"][4]["start"] = "10:00".into();
            json["entries"][4]["end"] = "09:30".into();
        }),
        entry: Some(TALK),
        field: "end",
        problem: "\"09:30\" is before the start \"10:00\"",
    },
    Case {
        name: "a javascript: link",
        change: Change::Json(|json| json["entries"][4]["url"] = "javascript:alert(1)".into()),
        entry: Some(TALK),
        field: "url",
        problem: "\"javascript:alert(1)\" is not an http or https link",
    },
    Case {
        name: "a data: link to a video",
        change: Change::Json(|json| {
            json["entries"][4]["video"] =
                serde_json::json!({ "available": true, "url": "data:text/html,hi" });
        }),
        entry: Some(TALK),
        field: "video.url",
        problem: "not an http or https link",
    },
    // A browser strips leading ASCII spaces but not a no-break space or an
    // em space, after which "https://…" is a relative link. Nothing is
    // trimmed, as in the schema.
    Case {
        name: "a link after a no-break space",
        change: Change::Json(|json| {
            json["entries"][4]["url"] = "\u{a0}https://example.org/".into();
        }),
        entry: Some(TALK),
        field: "url",
        problem: "not an http or https link",
    },
    Case {
        name: "a link after an em space",
        change: Change::Json(|json| {
            json["entries"][4]["url"] = "\u{2003}https://example.org/".into();
        }),
        entry: Some(TALK),
        field: "url",
        problem: "not an http or https link",
    },
    Case {
        name: "a link after a space",
        change: Change::Json(|json| json["entries"][4]["url"] = " https://example.org/".into()),
        entry: Some(TALK),
        field: "url",
        problem: "not an http or https link",
    },
    Case {
        name: "a link after a tab",
        change: Change::Json(|json| json["entries"][4]["url"] = "\thttps://example.org/".into()),
        entry: Some(TALK),
        field: "url",
        problem: "not an http or https link",
    },
    Case {
        name: "a speaker without a name",
        change: Change::Json(|json| json["entries"][4]["speakers"][0]["name"] = " ".into()),
        entry: Some(TALK),
        field: "speakers[0].name",
        problem: "is empty",
    },
];

/// The crafted report broken as the case says, and what reading it gives.
fn broken(change: &Change) -> LoadError {
    match change {
        Change::Json(change) => {
            let mut json: Value = serde_json::from_str(CRAFTED).unwrap();
            change(&mut json);
            Report::from_json(&json.to_string()).expect_err("the broken report is refused")
        }
        Change::Report(change) => {
            let mut report = crafted();
            change(&mut report);
            LoadError::Invalid(validate(&report).expect_err("the broken report is refused"))
        }
    }
}

#[test]
fn each_broken_rule_is_reported_with_its_entry_field_and_problem() {
    assert_eq!(index_of(&crafted(), TALK), 4);
    for case in CASES {
        let name = case.name;
        let error = broken(&case.change);
        let LoadError::Invalid(invalid) = &error else {
            panic!("{name}: expected a rule violation, got {error}");
        };
        assert_eq!(invalid.entry.as_deref(), case.entry, "{name}: {error}");
        assert_eq!(invalid.field, case.field, "{name}: {error}");
        assert!(invalid.problem.contains(case.problem), "{name}: {error}");
        let shown = error.to_string();
        if let Some(entry) = case.entry {
            assert!(
                shown.contains(&format!("entry \"{entry}\"")),
                "{name}: {shown}"
            );
        }
        assert!(
            shown.contains(&format!("field {}", case.field)),
            "{name}: {shown}"
        );
    }
}

#[test]
fn a_web_link_starts_with_its_scheme() {
    for link in [
        "\u{a0}https://example.org/",
        "\u{2003}https://example.org/",
        " https://example.org/",
        "\thttps://example.org/",
        "https:///no-host",
        "javascript:alert(1)",
    ] {
        assert!(!is_web_link(link), "{link:?}");
    }
    for link in ["https://example.org/", "HTTP://example.org", "http://x"] {
        assert!(is_web_link(link), "{link:?}");
    }
}

// ---------------------------------------------------------------- reading

#[test]
fn null_optional_fields_read_as_absent() {
    let json: Value = serde_json::from_str(CRAFTED).unwrap();
    let talk = index_of(&crafted(), TALK);
    let fields = [
        (String::new(), "introduction"),
        (String::new(), "footnotes"),
        ("/topics/0".to_string(), "description"),
        (format!("/entries/{talk}"), "body"),
        (format!("/entries/{talk}"), "topics"),
        (format!("/entries/{talk}"), "speakers"),
        (format!("/entries/{}/body/0", talk + 1), "level"),
    ];
    let load = |absent: fn(&mut serde_json::Map<String, Value>, &str)| {
        let mut json = json.clone();
        for (pointer, key) in &fields {
            let object = json.pointer_mut(pointer).and_then(Value::as_object_mut);
            absent(object.expect("the field's object is in the report"), key);
        }
        Report::from_json(&json.to_string())
    };
    let nulled = load(|object, key| {
        object.insert(key.to_string(), Value::Null);
    });
    let left_out = load(|object, key| {
        object.remove(key);
    });
    let nulled = nulled.unwrap_or_else(|e| panic!("null optional fields are refused: {e}"));
    let left_out = left_out.expect("a report without the optional fields loads");
    assert!(nulled == left_out, "null is read unlike a field left out");
    assert!(left_out.introduction.is_empty() && left_out.entries[talk].body.is_empty());
}

#[test]
fn invalid_json_is_a_parse_error() {
    for text in ["{", "", "[1, 2]", "{\"schema_version\": 1}"] {
        match Report::from_json(text) {
            Err(LoadError::Parse(detail)) => assert!(!detail.is_empty()),
            other => panic!("{text:?}: expected a parse error, got {other:?}"),
        }
    }
    // Well-formed JSON of the wrong shape: an unknown kind.
    let mut json: Value = serde_json::from_str(CRAFTED).unwrap();
    json["entries"][0]["kind"] = "keynote".into();
    match Report::from_json(&json.to_string()) {
        Err(e @ LoadError::Parse(_)) => {
            assert!(
                e.to_string().contains("not valid JSON of this format"),
                "{e}"
            );
            assert!(e.to_string().contains("keynote"), "{e}");
        }
        other => panic!("expected a parse error, got {other:?}"),
    }
}
