//! Links and emphasis in a block's text (format version 2): how spans are
//! read, written and checked, and that version 1 reports still read.

use serde_json::{json, Value};
use tripnotes::model::{validate, Block, Inline, LoadError, Report, Span, SCHEMA_VERSION};

const COMMITTED: &str = include_str!("../../public/report.json");
/// The bundled report as version 1 wrote it, before spans existed.
const VERSION_1: &str = include_str!("../data/report-v1.json");

fn emphasized(text: &str) -> Span {
    Span {
        text: text.into(),
        emphasis: true,
        link: None,
    }
}

fn linked(text: &str, url: &str) -> Span {
    Span {
        text: text.into(),
        emphasis: false,
        link: Some(url.into()),
    }
}

fn paragraph(text: Inline) -> Block {
    Block::Paragraph { text, level: 0 }
}

#[test]
fn a_version_1_report_reads_as_the_same_report_in_the_current_version() {
    assert_eq!(
        serde_json::from_str::<Value>(VERSION_1).unwrap()["schema_version"],
        1
    );
    let old = Report::from_json(VERSION_1).expect("version 1 reads");
    let current = Report::from_json(COMMITTED).expect("the committed report reads");
    assert_eq!(old.schema_version, SCHEMA_VERSION);
    assert_eq!(old, current);
}

#[test]
fn a_version_1_report_with_spans_is_refused() {
    let mut json: Value = serde_json::from_str(VERSION_1).unwrap();
    json["introduction"][0]["text"] = json!([{ "text": "a", "emphasis": true }]);
    match Report::from_json(&json.to_string()) {
        Err(LoadError::Invalid(invalid)) => {
            assert_eq!(invalid.field, "schema_version");
            assert!(invalid.problem.contains("no spans"), "{invalid}");
        }
        other => panic!("expected the version to be refused, got {other:?}"),
    }
    json["schema_version"] = SCHEMA_VERSION.into();
    assert!(Report::from_json(&json.to_string()).is_ok());
}

#[test]
fn plain_text_is_written_as_a_string_and_formatted_text_as_spans() {
    let plain = paragraph(Inline::from_spans([Span::plain("a "), Span::plain("b")]));
    assert_eq!(
        serde_json::to_value(&plain).unwrap(),
        json!({ "type": "paragraph", "text": "a b" })
    );
    let formatted = paragraph(Inline::from_spans([
        Span::plain("see "),
        linked("the slides", "https://example.org/s"),
        emphasized("!"),
    ]));
    assert_eq!(
        serde_json::to_value(&formatted).unwrap(),
        json!({ "type": "paragraph", "text": [
            { "text": "see " },
            { "text": "the slides", "link": "https://example.org/s" },
            { "text": "!", "emphasis": true },
        ] })
    );
    for block in [plain, formatted] {
        let json = serde_json::to_string(&block).unwrap();
        assert_eq!(serde_json::from_str::<Block>(&json).unwrap(), block);
    }
}

#[test]
fn the_plain_text_joins_the_spans_and_alike_neighbours_merge() {
    let block: Block = serde_json::from_value(json!({ "type": "bullet", "text": [
        { "text": "one " },
        { "text": "two", "emphasis": true },
        { "text": " three", "emphasis": true, "link": null },
        { "text": " four" },
    ] }))
    .unwrap();
    assert_eq!(block.text(), "one two three four");
    assert_eq!(
        block.spans(),
        [
            Span::plain("one "),
            emphasized("two three"),
            Span::plain(" four")
        ]
    );
    // Spans without formatting are plain text, as if written as a string.
    let plain: Block = serde_json::from_value(
        json!({ "type": "bullet", "text": [{ "text": "x" }, { "text": "y" }] }),
    )
    .unwrap();
    assert!(plain.spans().is_empty());
    assert_eq!(
        plain,
        Block::Bullet {
            text: "xy".into(),
            level: 0
        }
    );
}

#[test]
fn span_links_must_be_web_links_and_span_text_not_empty() {
    let base = Report::from_json(COMMITTED).unwrap();
    let cases = [
        (
            linked("x", "javascript:alert(1)"),
            "link",
            "not an http or https link",
        ),
        (linked("x", "https://"), "link", "not an http or https link"),
        (emphasized(""), "text", "is empty"),
    ];
    for (span, part, says) in cases {
        let mut report = base.clone();
        report.entries[2].body[1] = paragraph(Inline::from_spans([Span::plain("a"), span.clone()]));
        let invalid = validate(&report).unwrap_err();
        let entry = report.entries[2].id.clone();
        assert_eq!(invalid.entry, Some(entry), "{span:?}");
        assert_eq!(invalid.field, format!("body[1].text[1].{part}"));
        assert!(invalid.problem.contains(says), "{invalid}");

        let mut report = base.clone();
        report.introduction[0] = paragraph(Inline::from_spans([span]));
        let invalid = validate(&report).unwrap_err();
        assert_eq!(invalid.entry, None);
        assert_eq!(invalid.field, format!("introduction[0].text[0].{part}"));
    }
    let mut report = base;
    report.entries[2].body[1] = paragraph(Inline::from_spans([linked("x", "HTTP://example.org")]));
    assert_eq!(validate(&report), Ok(()));
}
