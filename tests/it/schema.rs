//! The JSON Schema in public/report.schema.json against the real report and
//! the Rust model: the schema must accept what the model writes and reads,
//! and reject what `validate` rejects wherever a schema can say so.

use serde_json::{json, Value};
use tripnotes::model::{
    is_iso_date, validate, Block, Inline, Kind, Material, Report, Room, Span, Speaker,
    SCHEMA_VERSION,
};

const SCHEMA: &str = include_str!("../../public/report.schema.json");
const REPORT: &str = include_str!("../../public/report.json");

fn schema() -> Value {
    serde_json::from_str(SCHEMA).expect("the schema is JSON")
}

fn report() -> Value {
    serde_json::from_str(REPORT).expect("the report is JSON")
}

fn validator() -> jsonschema::Validator {
    jsonschema::draft202012::new(&schema()).expect("the schema compiles")
}

/// The instance paths of every schema error, e.g. "/entries/3/id".
fn schema_errors(instance: &Value) -> Vec<String> {
    validator()
        .iter_errors(instance)
        .map(|e| format!("{} ({e})", e.instance_path().as_str()))
        .collect()
}

/// Replaces the value at a JSON pointer, which must exist already, so a
/// mutation cannot silently miss its target.
fn set(doc: &mut Value, pointer: &str, value: Value) {
    *doc.pointer_mut(pointer)
        .unwrap_or_else(|| panic!("{pointer} is not in the report")) = value;
}

/// Adds or replaces a field of the object at a JSON pointer.
fn insert(doc: &mut Value, pointer: &str, key: &str, value: Value) {
    doc.pointer_mut(pointer)
        .and_then(Value::as_object_mut)
        .unwrap_or_else(|| panic!("{pointer} is not an object in the report"))
        .insert(key.to_string(), value);
}

fn remove(doc: &mut Value, pointer: &str, key: &str) {
    doc.pointer_mut(pointer)
        .and_then(Value::as_object_mut)
        .and_then(|o| o.remove(key))
        .unwrap_or_else(|| panic!("{pointer}/{key} is not in the report"));
}

#[test]
fn schema_is_a_valid_draft_2020_12_schema() {
    let schema = schema();
    if let Err(e) = jsonschema::meta::validate(&schema) {
        panic!(
            "the schema breaks its meta-schema at {}: {e}",
            e.instance_path().as_str()
        );
    }
    assert_eq!(
        schema["$schema"],
        "https://json-schema.org/draft/2020-12/schema"
    );
    assert_eq!(schema["$id"], "report.schema.json");
    assert_eq!(
        schema["properties"]["schema_version"]["const"],
        json!(SCHEMA_VERSION)
    );
}

#[test]
fn the_real_report_passes_the_schema_and_the_model() {
    let errors = schema_errors(&report());
    assert!(
        errors.is_empty(),
        "public/report.json breaks the schema:\n{}",
        errors.join("\n")
    );
    if let Err(e) = Report::from_json(REPORT) {
        panic!("public/report.json does not load: {e}");
    }
}

/// A report the model writes with every optional field set and every block
/// type in use passes the schema: the schema follows the serializer.
#[test]
fn every_field_the_model_writes_passes_the_schema() {
    let mut report = Report::from_json(REPORT).expect("the real report loads");
    let entry = &mut report.entries[0];
    entry.official_title = Some("Official".into());
    entry.speakers = vec![Speaker {
        name: "A. Speaker".into(),
        affiliation: Some("Somewhere".into()),
    }];
    entry.subtitle = Some("Sub".into());
    entry.language = Some("de".into());
    entry.room = Some("hall-a".into());
    entry.start = Some("23:59".into());
    entry.end = Some("00:00".into());
    entry.start_date = Some("2099-01-01".into());
    entry.end_date = Some("2099-01-02".into());
    entry.slides = Some(Material {
        available: true,
        url: Some("https://example.org/slides.pdf".into()),
    });
    entry.video = Some(Material {
        available: false,
        url: None,
    });
    entry.url = Some("http://example.org/session".into());
    entry.body = vec![
        Block::Paragraph {
            text: "p".into(),
            level: 2,
        },
        Block::Numbered {
            number: 7,
            text: "n".into(),
            level: 1,
        },
        Block::Bullet {
            text: "b".into(),
            level: 0,
        },
        Block::EditorNote { text: "e".into() },
        Block::Paragraph {
            text: Inline::from_spans([
                Span::plain("see "),
                Span {
                    text: "the slides".into(),
                    emphasis: true,
                    link: Some("https://example.org/s".into()),
                },
            ]),
            level: 0,
        },
    ];
    report.introduction = entry.body.clone();
    report.rooms = vec![Room {
        id: "hall-a".into(),
        label: "Hall A".into(),
    }];
    assert!(validate(&report).is_ok(), "{:?}", validate(&report));
    let written: Value = serde_json::from_str(&report.to_json()).expect("the model writes JSON");
    let errors = schema_errors(&written);
    assert!(
        errors.is_empty(),
        "the model's output breaks the schema:\n{}",
        errors.join("\n")
    );
    assert_eq!(written["entries"][0]["body"][3]["type"], "editor-note");
    assert_eq!(
        written["entries"][0]["body"][4]["text"][1]["emphasis"],
        true
    );
}

/// The schema's list of kinds is exactly the model's.
#[test]
fn kinds_match_the_model() {
    fn listed(kind: Kind) {
        // Adding a kind to the model breaks this match until it is listed below.
        match kind {
            Kind::Opening
            | Kind::Closing
            | Kind::Plenary
            | Kind::Talk
            | Kind::Travel
            | Kind::Meal
            | Kind::Reception
            | Kind::Evening
            | Kind::Dinner
            | Kind::DayNotes => {}
        }
    }
    let all = Kind::ALL;
    all.iter().copied().for_each(listed);
    let written: Vec<Value> = all
        .iter()
        .map(|k| serde_json::to_value(k).unwrap())
        .collect();
    let schema = schema();
    let in_schema = schema["$defs"]["kind"]["enum"]
        .as_array()
        .expect("kind is an enum");
    assert_eq!(in_schema, &written);
}

/// Copies of the real report with one thing broken: each must fail the schema
/// at the expected place, and the model must refuse it too.
#[test]
fn broken_copies_fail_the_schema_and_the_model() {
    type Break = fn(&mut Value);
    let cases: &[(&str, Break, &str)] = &[
        (
            "schema_version 3",
            |r| set(r, "/schema_version", json!(3)),
            "/schema_version",
        ),
        (
            "report id with a space",
            |r| set(r, "/id", json!("srecon 24")),
            "/id",
        ),
        (
            "entry id with uppercase",
            |r| set(r, "/entries/3/id", json!("Opening-Remarks")),
            "/entries/3/id",
        ),
        (
            "entry id with a double hyphen",
            |r| set(r, "/entries/3/id", json!("opening--remarks")),
            "/entries/3/id",
        ),
        (
            "time without a leading zero",
            |r| set(r, "/entries/3/start", json!("8:45")),
            "/entries/3/start",
        ),
        (
            "time 24:00",
            |r| set(r, "/entries/3/end", json!("24:00")),
            "/entries/3/end",
        ),
        (
            "javascript link",
            |r| set(r, "/entries/3/url", json!("javascript:alert(1)")),
            "/entries/3/url",
        ),
        (
            "scheme-relative link",
            |r| set(r, "/conference/url", json!("//example.org/")),
            "/conference/url",
        ),
        (
            "link without a host",
            |r| set(r, "/source_url", json!("https:///x")),
            "/source_url",
        ),
        (
            "slides link by ftp",
            |r| {
                set(
                    r,
                    "/entries/3/slides",
                    json!({ "available": true, "url": "ftp://example.org/s.pdf" }),
                )
            },
            "/entries/3/slides/url",
        ),
        (
            "day id not zero-padded",
            |r| set(r, "/days/0/id", json!("2024-3-16")),
            "/days/0/id",
        ),
        (
            "month 13",
            |r| set(r, "/conference/first_day", json!("2024-13-01")),
            "/conference/first_day",
        ),
        (
            "last_updated in words",
            |r| set(r, "/last_updated", json!("April 29, 2024")),
            "/last_updated",
        ),
        (
            "blank entry title",
            |r| set(r, "/entries/1/title", json!("  ")),
            "/entries/1/title",
        ),
        (
            "empty report title",
            |r| set(r, "/title", json!("")),
            "/title",
        ),
        (
            "blank speaker name",
            |r| set(r, "/entries/3/speakers/0/name", json!(" ")),
            "/entries/3/speakers/0/name",
        ),
        (
            "unknown kind",
            |r| set(r, "/entries/3/kind", json!("keynote")),
            "/entries/3/kind",
        ),
        (
            "track id with underscore",
            |r| set(r, "/tracks/0/id", json!("track_2")),
            "/tracks/0/id",
        ),
        (
            "span linking to a file",
            |r| {
                let spans = json!([{ "text": "a", "link": "file:///etc/passwd" }]);
                set(r, "/entries/3/body/0", spans)
            },
            "/entries/3/body/0",
        ),
        (
            "empty span",
            |r| {
                let spans = json!([{ "text": "a", "emphasis": true }, { "text": "" }]);
                set(r, "/introduction/0", spans)
            },
            "/introduction/0",
        ),
        (
            "span without text",
            |r| set(r, "/entries/3/body/0/text", json!([{ "emphasis": true }])),
            "/entries/3/body/0",
        ),
        (
            "unknown block type",
            |r| set(r, "/entries/3/body/0/type", json!("quote")),
            "/entries/3/body/0",
        ),
        (
            "numbered item without a number",
            |r| {
                set(
                    r,
                    "/introduction/0",
                    json!({ "type": "numbered", "text": "one" }),
                )
            },
            "/introduction/0",
        ),
        (
            "entry without a track",
            |r| remove(r, "/entries/3", "track"),
            "/entries/3",
        ),
        (
            "level below zero",
            |r| insert(r, "/entries/3/body/0", "level", json!(-1)),
            "/entries/3/body/0",
        ),
        (
            "material without available",
            |r| set(r, "/entries/3/video", json!({})),
            "/entries/3/video",
        ),
        (
            "February 30",
            |r| set(r, "/conference/first_day", json!("2024-02-30")),
            "/conference/first_day",
        ),
        (
            "February 29 of a common year",
            |r| set(r, "/last_updated", json!("2023-02-29")),
            "/last_updated",
        ),
        (
            "April 31",
            |r| set(r, "/days/0/id", json!("2024-04-31")),
            "/days/0/id",
        ),
        (
            "February 29 of a century not divisible by 400",
            |r| set(r, "/conference/last_day", json!("2100-02-29")),
            "/conference/last_day",
        ),
        (
            "link after a no-break space",
            |r| set(r, "/entries/3/url", json!("\u{a0}https://example.org/")),
            "/entries/3/url",
        ),
        (
            "room id with a space",
            |r| {
                insert(
                    r,
                    "",
                    "rooms",
                    json!([{ "id": "hall a", "label": "Hall A" }]),
                )
            },
            "/rooms/0/id",
        ),
        (
            "start_date not a date",
            |r| insert(r, "/entries/3", "start_date", json!("tomorrow")),
            "/entries/3/start_date",
        ),
        (
            "link after a space",
            |r| set(r, "/source_url", json!(" https://example.org/")),
            "/source_url",
        ),
    ];
    assert!(
        schema_errors(&report()).is_empty(),
        "the unbroken report must pass first"
    );
    let mut failures = Vec::new();
    for (name, breaks, place) in cases {
        let mut broken = report();
        breaks(&mut broken);
        let errors = schema_errors(&broken);
        if !errors.iter().any(|e| e.starts_with(&format!("{place} "))) {
            failures.push(format!(
                "{name}: expected a schema error at {place}, got {errors:?}"
            ));
        }
        if Report::from_json(&broken.to_string()).is_ok() {
            failures.push(format!("{name}: the model accepts it"));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

/// The schema's date pattern says what `is_iso_date` says, for every day
/// number of every month number around each kind of year: common, leap, a
/// century that is not a leap year and one that is.
#[test]
fn the_schema_and_the_model_agree_on_dates() {
    let mut date_schema = json!({ "$ref": "#/$defs/isoDate" });
    date_schema["$defs"] = schema()["$defs"].clone();
    let dates = jsonschema::draft202012::new(&date_schema).expect("the date schema compiles");
    let mut candidates = vec![
        "2024-2-29".to_string(),
        "24-02-29".into(),
        "2024-02-29\n".into(),
        " 2024-02-29".into(),
        "2024/02/29".into(),
        "２０２４-02-29".into(),
        "+024-02-29".into(),
    ];
    for year in [0, 1600, 1900, 1996, 2000, 2023, 2024, 2100, 2400, 9999] {
        for month in 0..=13 {
            for day in 0..=32 {
                candidates.push(format!("{year:04}-{month:02}-{day:02}"));
            }
        }
    }
    let disagree: Vec<String> = candidates
        .iter()
        .filter(|date| dates.is_valid(&json!(date)) != is_iso_date(date))
        .map(|date| format!("{date:?}: model {}", is_iso_date(date)))
        .collect();
    assert!(disagree.is_empty(), "{disagree:#?}");
    // Not vacuous: both sides refuse and accept.
    assert!(dates.is_valid(&json!("2000-02-29")) && !dates.is_valid(&json!("1900-02-29")));
    assert!(dates.is_valid(&json!("2024-12-31")) && !dates.is_valid(&json!("2024-11-31")));
}

/// What the model accepts the schema must not refuse: nulls for optional
/// fields, optional fields left out, unknown fields.
#[test]
fn lenient_copies_pass_the_schema_and_the_model() {
    type Change = fn(&mut Value);
    let cases: &[(&str, Change)] = &[
        ("null optional fields", |r| {
            for key in ["official_title", "start", "end", "slides", "video", "url"] {
                insert(r, "/entries/3", key, Value::Null);
            }
            for key in ["speakers", "topics", "body"] {
                insert(r, "/entries/5", key, Value::Null);
            }
            for key in ["source_url", "last_updated", "introduction", "footnotes"] {
                insert(r, "", key, Value::Null);
            }
            insert(r, "/topics/0", "description", Value::Null);
            insert(r, "/entries/4/body/0", "level", Value::Null);
            insert(r, "/conference", "place", Value::Null);
            insert(r, "/conference", "time_zone", Value::Null);
            insert(r, "/conference", "url", Value::Null);
            insert(r, "/entries/3/speakers/0", "affiliation", Value::Null);
            let spans = json!([{ "text": "a", "emphasis": null, "link": null }, { "text": "b", "emphasis": true }]);
            set(r, "/entries/4/body/1/text", spans);
        }),
        ("optional fields left out", |r| {
            for key in ["source_url", "last_updated", "introduction", "footnotes"] {
                remove(r, "", key);
            }
            for key in [
                "official_title",
                "speakers",
                "start",
                "end",
                "slides",
                "video",
                "url",
                "body",
            ] {
                remove(r, "/entries/3", key);
            }
            remove(r, "/topics/0", "description");
            remove(r, "/conference", "time_zone");
        }),
        ("unknown fields", |r| {
            insert(r, "", "generator", json!("another tool"));
            insert(r, "/conference", "hashtag", json!("#srecon"));
            insert(r, "/entries/3", "colour", json!("teal"));
            insert(r, "/entries/3/body/0", "style", json!("bold"));
        }),
        ("uppercase scheme in a link", |r| {
            set(r, "/entries/3/url", json!("https://Example.org/A"))
        }),
        ("February 29 of leap years", |r| {
            set(r, "/last_updated", json!("2024-02-29"));
            set(r, "/conference/first_day", json!("2000-02-29"));
        }),
        ("empty days, tracks, topics and entries", |r| {
            for key in ["days", "tracks", "topics", "entries"] {
                set(r, &format!("/{key}"), json!([]));
            }
        }),
    ];
    let mut failures = Vec::new();
    for (name, change) in cases {
        let mut changed = report();
        change(&mut changed);
        let errors = schema_errors(&changed);
        if !errors.is_empty() {
            failures.push(format!("{name}: the schema refuses it: {errors:?}"));
        }
        if let Err(e) = Report::from_json(&changed.to_string()) {
            failures.push(format!("{name}: the model refuses it: {e}"));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}
