//! The Markdown convention: reports written as Markdown read back as the same
//! report, the committed examples import, and bad input is refused at its
//! line with what to write instead.

use crate::common::programmes;
use crate::common::temp::TempDir;
use proptest::prelude::*;
use std::path::Path;
use std::process::Command;
use tripnotes::dates::add_days;
use tripnotes::export::markdown::to_markdown;
use tripnotes::import::markdown::{import, notes_blocks, MarkdownError};
use tripnotes::import::text::{import_bytes, Annotations};
use tripnotes::import::{detect, Format};
use tripnotes::model::{
    Block, Conference, Day, Entry, Footnote, Inline, Kind, Material, Report, Room, Span, Speaker,
    Topic, Track, SCHEMA_VERSION,
};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");
const BUNDLED_MD: &str = "reports/srecon24-americas/report.md";
const EXAMPLE_MD: &str = "reports/example/report.md";

fn read(relative: &str) -> String {
    std::fs::read_to_string(Path::new(ROOT).join(relative))
        .unwrap_or_else(|e| panic!("{relative}: {e}"))
}

/// The bundled report from its source, as bundled_report.rs makes it.
fn bundled() -> Report {
    let notes = Annotations::from_toml(&read("reports/srecon24-americas/annotations.toml"))
        .expect("the annotations read");
    import_bytes(
        read("reports/srecon24-americas/report.txt").as_bytes(),
        &notes,
    )
    .expect("the bundled report imports")
}

fn round_trip(report: &Report) -> Result<Report, MarkdownError> {
    import(&to_markdown(report))
}

#[test]
fn the_bundled_report_reads_back_from_markdown_as_it_was() {
    let report = bundled();
    let back = round_trip(&report).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(back, report);
    assert_eq!(back.to_json(), report.to_json());
}

#[test]
fn the_committed_markdown_of_the_bundled_report_is_what_the_writer_makes() {
    let expected = to_markdown(&bundled());
    assert!(
        read(BUNDLED_MD) == expected,
        "{BUNDLED_MD} is out of date; regenerate it with\n  cargo run --bin tripnotes-import -- --markdown public/report.json {BUNDLED_MD}"
    );
}

#[test]
fn a_synthetic_report_reads_back_from_markdown_as_it_was() {
    let report = tripnotes::synth::synthesize(&bundled(), 500);
    let back = round_trip(&report).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(back, report);
}

#[test]
fn the_example_shows_every_part_of_the_convention() {
    let report = import(&read(EXAMPLE_MD)).unwrap_or_else(|e| panic!("{EXAMPLE_MD}: {e}"));
    assert!(!report.introduction.is_empty());
    assert!(report.days.len() >= 2);
    assert!(!report.footnotes.is_empty());
    let blocks: Vec<&Block> = report.entries.iter().flat_map(|e| &e.body).collect();
    let spans = || blocks.iter().flat_map(|b| b.spans());
    assert!(spans().any(|s| s.emphasis), "no emphasis");
    assert!(spans().any(|s| s.link.is_some()), "no link");
    assert!(blocks.iter().any(|b| matches!(b, Block::EditorNote { .. })));
    assert!(blocks
        .iter()
        .any(|b| matches!(b, Block::Numbered { level: 0, .. })));
    assert!(blocks
        .iter()
        .any(|b| matches!(b, Block::Bullet { level: 1, .. })));
    assert!(blocks
        .iter()
        .any(|b| matches!(b, Block::Paragraph { level: 1, .. })));
    let talk = report
        .entries
        .iter()
        .find(|e| !e.speakers.is_empty())
        .expect("an entry with speakers");
    assert!(talk.speakers.iter().any(|s| s.affiliation.is_some()));
    assert!(talk.start.is_some() && talk.end.is_some());
    assert!(!talk.topics.is_empty());
    assert!(talk.slides.is_some() && talk.video.is_some() && talk.url.is_some());
    assert!(talk.official_title.is_some());
    assert!(report.entries.iter().any(|e| e.kind != Kind::Talk));
    // The facts of a programme.
    assert!(!report.rooms.is_empty());
    assert!(talk.room.is_some() && talk.language.is_some() && talk.subtitle.is_some());
    assert!(report.entries.iter().any(|e| e.start_date.is_some()));
    assert!(report.entries.iter().any(|e| e.end_date.is_some()));
    // The writer's form of the example reads back as the same report.
    assert_eq!(round_trip(&report), Ok(report));
}

/// A small valid report in the convention, to break one thing at a time.
const SMALL: &str = r#"+++
title = "A small report"

[conference]
name = "Conf"
first_day = "2024-03-18"
last_day = "2024-03-19"

[[tracks]]
id = "main"
label = "Main"

[[tracks]]
id = "hallway"
label = "Hallway"

[[topics]]
id = "ops"
label = "Operations"
+++

# A small report

Why I went.

## Monday, March 18

### Opening talk

- Kind: plenary
- Track: main
- Time: 09:00–09:30
- Speaker: Ada Lovelace (Analytical Engines)
- Topics: ops

She said *this* and [that](https://example.org/that).

### Lunch

- Kind: meal
- Track: hallway

Soup.
"#;

fn small_with(from: &str, to: &str) -> Result<Report, MarkdownError> {
    assert!(SMALL.contains(from), "{from:?} is not in the small report");
    import(&SMALL.replacen(from, to, 1))
}

fn line_of(text: &str, needle: &str) -> usize {
    text.lines()
        .position(|l| l.contains(needle))
        .expect("the needle is there")
        + 1
}

#[test]
fn the_small_report_reads() {
    let report = import(SMALL).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(report.schema_version, SCHEMA_VERSION);
    assert_eq!(report.id, "a-small-report");
    assert_eq!(report.days[0].id, "2024-03-18");
    assert_eq!(report.days[0].label, "Monday, March 18");
    let opening = &report.entries[0];
    assert_eq!(opening.id, "opening-talk");
    assert_eq!(opening.kind, Kind::Plenary);
    assert_eq!(
        (opening.start.as_deref(), opening.end.as_deref()),
        (Some("09:00"), Some("09:30"))
    );
    assert_eq!(
        opening.speakers,
        [Speaker {
            name: "Ada Lovelace".into(),
            affiliation: Some("Analytical Engines".into())
        }]
    );
    assert_eq!(opening.body[0].text(), "She said this and that.");
    assert_eq!(
        opening.body[0].spans()[1],
        Span {
            text: "this".into(),
            emphasis: true,
            link: None
        }
    );
    assert_eq!(
        opening.body[0].spans()[3].link.as_deref(),
        Some("https://example.org/that")
    );
    assert_eq!(report.entries[1].track, "hallway");
}

#[test]
fn errors_name_the_line_and_what_to_write() {
    let cases: [(&str, &str, &str, &str); 8] = [
        (
            "## Monday, March 18\n",
            "",
            "### Opening talk",
            "add a day heading",
        ),
        (
            "- Track: main",
            "- Track: keynotes",
            "- Track: keynotes",
            "`main`, `hallway`",
        ),
        (
            "- Topics: ops",
            "- Topics: ops, dns",
            "- Topics: ops, dns",
            "[[topics]]",
        ),
        (
            "- Time: 09:00–09:30",
            "- Time: 9am",
            "- Time: 9am",
            "`09:00–09:45`",
        ),
        (
            "### Lunch",
            "### Opening talk",
            "### Opening talk\n\n- Kind: meal",
            "- Id: another-id",
        ),
        (
            "(https://example.org/that)",
            "(ftp://example.org/that)",
            "She said",
            "not an http or https link",
        ),
        (
            "- Kind: plenary",
            "- Kind: keynote",
            "- Kind: keynote",
            "day-notes",
        ),
        (
            "## Monday, March 18",
            "## Tuesday, March 18",
            "## Tuesday",
            "is a Monday",
        ),
    ];
    for (from, to, at_line, says) in cases {
        let changed = SMALL.replacen(from, to, 1);
        let error = small_with(from, to).expect_err(to);
        let line = line_of(&changed, at_line.lines().next().unwrap());
        let line = if at_line.contains('\n') {
            // The second of two equal headings is the one to blame.
            changed
                .lines()
                .enumerate()
                .filter(|(_, l)| *l == at_line.lines().next().unwrap())
                .nth(1)
                .map(|(i, _)| i + 1)
                .unwrap()
        } else {
            line
        };
        assert_eq!(error.line, line, "{to}: {error}");
        assert!(error.message.contains(says), "{to}: {error}");
    }
}

#[test]
fn the_heading_form_of_a_day_gives_its_date_and_label() {
    let cases = [
        ("## March 19", "2024-03-19", "March 19"),
        (
            "## Tuesday, March 19, 2024",
            "2024-03-19",
            "Tuesday, March 19, 2024",
        ),
        ("## 2024-03-19", "2024-03-19", "Tuesday, March 19"),
        ("## 2024-03-19: Workshops", "2024-03-19", "Workshops"),
    ];
    for (heading, id, label) in cases {
        let report = small_with("## Monday, March 18", heading).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            (report.days[0].id.as_str(), report.days[0].label.as_str()),
            (id, label)
        );
    }
    let error = small_with("## Monday, March 18", "## Registration").unwrap_err();
    assert!(error.message.contains("`## Monday, March 18`"), "{error}");
}

#[test]
fn front_matter_errors_point_into_the_front_matter() {
    let error = small_with("first_day = \"2024-03-18\"", "first_day = 2024-03-18").unwrap_err();
    assert_eq!(error.line, line_of(SMALL, "first_day"));
    let error = import("# Title\n").unwrap_err();
    assert_eq!(error.line, 1);
    assert!(error.message.contains("+++"), "{error}");
}

#[test]
fn the_format_is_told_from_the_content_or_the_extension() {
    assert_eq!(
        detect("report.txt", "  {\"schema_version\": 2}"),
        Some(Format::Json)
    );
    assert_eq!(detect("report", SMALL), Some(Format::Markdown));
    assert_eq!(detect("notes", "# My trip\n"), Some(Format::Markdown));
    assert_eq!(detect("notes.md", "Some text\n"), Some(Format::Markdown));
    assert_eq!(detect("notes.txt", "Some text\n"), None);
}

#[test]
fn emphasis_markdown_cannot_hold_keeps_its_text() {
    let mut report = import(SMALL).unwrap();
    // Emphasis that starts with a bracket right after a letter cannot be
    // written with `*`: the text stays, plain.
    report.entries[0].body = vec![Block::Paragraph {
        text: Inline::from_spans([
            Span::plain("a"),
            Span {
                text: "(b)".into(),
                emphasis: true,
                link: None,
            },
            Span::plain("c"),
        ]),
        level: 0,
    }];
    let back = round_trip(&report).unwrap();
    assert_eq!(back.entries[0].body[0].text(), "a(b)c");
    assert!(back.entries[0].body[0].spans().is_empty());
}

#[test]
fn a_level_deeper_than_the_lists_above_is_written_as_deep_as_it_can_be() {
    let mut report = import(SMALL).unwrap();
    report.entries[0].body = vec![
        Block::Paragraph {
            text: "top".into(),
            level: 0,
        },
        Block::Paragraph {
            text: "deep".into(),
            level: 3,
        },
    ];
    let back = round_trip(&report).unwrap();
    assert_eq!(
        back.entries[0].body[1],
        Block::Paragraph {
            text: "deep".into(),
            level: 0
        }
    );
}

/// The small report as a programme: rooms in the front matter, and an
/// entry with every programme fact.
fn programme_small() -> String {
    SMALL
        .replacen(
            "[[topics]]",
            "[[rooms]]\nid = \"saal-1\"\nlabel = \"Saal 1\"\n\n[[topics]]",
            1,
        )
        .replacen(
            "- Topics: ops",
            "- Topics: ops\n- Room: saal-1\n- Language: de\n- Subtitle: Engines, *analytical*\n- Start date: 2024-03-19\n- End date: 2024-03-20",
            1,
        )
        .replacen("09:00–09:30", "23:30–00:30", 1)
}

#[test]
fn programme_facts_read_from_the_front_matter_and_the_entry() {
    let report = import(&programme_small()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        report.rooms,
        [Room {
            id: "saal-1".into(),
            label: "Saal 1".into()
        }]
    );
    let opening = &report.entries[0];
    assert_eq!(opening.room.as_deref(), Some("saal-1"));
    assert_eq!(opening.language.as_deref(), Some("de"));
    assert_eq!(opening.subtitle.as_deref(), Some("Engines, analytical"));
    assert_eq!(opening.start_date.as_deref(), Some("2024-03-19"));
    assert_eq!(opening.end_date.as_deref(), Some("2024-03-20"));
    assert_eq!(opening.end.as_deref(), Some("00:30"));
    assert_eq!(round_trip(&report), Ok(report));
}

#[test]
fn programme_fact_errors_name_the_line_and_what_to_write() {
    let small = programme_small();
    let cases = [
        (
            "- Room: saal-1",
            "- Room: saal-2",
            "`saal-1` or add it under [[rooms]]",
        ),
        (
            "- Start date: 2024-03-19",
            "- Start date: 19.3.2024",
            "YYYY-MM-DD",
        ),
        (
            "- End date: 2024-03-20",
            "- End date: 2024-03-19",
            "end_date",
        ),
    ];
    for (from, to, says) in cases {
        let changed = small.replacen(from, to, 1);
        let error = import(&changed).expect_err(to);
        assert!(error.message.contains(says), "{to}: {error}");
        // A date before the start's is found with the whole entry, at its
        // heading; the others at their own line.
        let blamed = if says == "end_date" {
            "### Opening talk"
        } else {
            to
        };
        assert_eq!(error.line, line_of(&changed, blamed), "{to}: {error}");
    }
}

#[test]
fn every_real_programme_reads_back_from_markdown_as_it_was() {
    let all = programmes::imported();
    assert!(!all.is_empty(), "no programmes in the folder");
    for (name, _, imported) in all {
        let report = &imported.report;
        let markdown = to_markdown(report);
        let back = import(&markdown).unwrap_or_else(|e| panic!("{name}: {e}"));
        for (a, b) in back.entries.iter().zip(&report.entries) {
            assert_eq!(a, b, "{name}");
        }
        assert_eq!(&back, report, "{name}");
    }
}

// ------------------------------------------------------------ notes from elsewhere

fn linked(text: &str, url: &str) -> Span {
    Span {
        text: text.into(),
        emphasis: false,
        link: Some(url.into()),
    }
}

fn emphasized(text: &str) -> Span {
    Span {
        text: text.into(),
        emphasis: true,
        link: None,
    }
}

#[test]
fn a_fragment_of_notes_reads_as_a_report_holds_it() {
    let text = "First line\r\nstill *first*.\r\n\r\n1. one, see [the page](https://example.org/p)\r\n   - nested\r\n\r\n     more of nested\r\n2) two\r\n";
    let (blocks, warnings) = notes_blocks(text);
    assert_eq!(warnings, []);
    assert_eq!(
        blocks,
        [
            Block::Paragraph {
                text: Inline::from_spans([
                    Span::plain("First line still "),
                    emphasized("first"),
                    Span::plain(".")
                ]),
                level: 0
            },
            Block::Numbered {
                number: 1,
                text: Inline::from_spans([
                    Span::plain("one, see "),
                    linked("the page", "https://example.org/p")
                ]),
                level: 0
            },
            Block::Bullet {
                text: "nested".into(),
                level: 1
            },
            Block::Paragraph {
                text: "more of nested".into(),
                level: 2
            },
            Block::Numbered {
                number: 2,
                text: "two".into(),
                level: 0
            },
        ]
    );
}

#[test]
fn what_notes_cannot_hold_is_kept_as_text_with_a_warning_at_its_line() {
    // The second heading and HTML tag give no second warning.
    let text = "## Schedule\n\nSee <b>this</b> and [mail](mailto:a@example.org).\n\n    code line\n\n![a map](https://example.org/map.png)\n\n> quoted\n\n---\n\n# End <br>";
    let (blocks, warnings) = notes_blocks(text);
    let texts: Vec<&str> = blocks.iter().map(Block::text).collect();
    assert_eq!(
        texts,
        [
            "Schedule",
            "See <b>this</b> and mail.",
            "code line",
            "a map",
            "quoted",
            "End <br>"
        ]
    );
    assert!(blocks.iter().all(|b| b.spans().is_empty()), "{blocks:?}");
    let warnings: Vec<String> = warnings.iter().map(ToString::to_string).collect();
    assert_eq!(
        warnings,
        [
            "line 1: a heading is kept as plain text",
            "line 3: HTML is kept as plain text",
            "line 3: the link to \"mailto:a@example.org\" is kept as plain text: only http and https links are",
            "line 5: a code block is kept as plain text",
            "line 7: an image is kept as plain text",
            "line 9: a quote is kept as plain text",
            "line 11: a rule is left out",
        ]
    );
}

#[test]
fn a_fragment_nests_no_deeper_than_markdown_writes() {
    // An item without text of its own: what it holds moves up a level, and
    // the empty item is left out.
    let (blocks, warnings) = notes_blocks("Intro.\n\n- > quote first\n- - inner\n-\n");
    assert_eq!(
        blocks,
        [
            Block::Paragraph {
                text: "Intro.".into(),
                level: 0
            },
            Block::Paragraph {
                text: "quote first".into(),
                level: 0
            },
            Block::Bullet {
                text: "inner".into(),
                level: 0
            },
        ]
    );
    assert_eq!(warnings.len(), 1, "{warnings:?}");
}

// ------------------------------------------------------------ the CLI

fn cli(args: &[&Path]) -> (bool, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_tripnotes-import"))
        .args(args)
        .output()
        .expect("the CLI runs");
    (
        output.status.success(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn the_cli_turns_markdown_into_json_and_any_report_into_markdown() {
    let dir = TempDir::new("md-convert");
    let md = dir.0.join("report.md");
    std::fs::write(&md, SMALL).unwrap();
    let json = dir.0.join("report.json");
    let (ok, said) = cli(&[&md, &json]);
    assert!(ok, "{said}");
    let written = Report::from_json(&std::fs::read_to_string(&json).unwrap()).unwrap();
    assert_eq!(written, import(SMALL).unwrap());

    let again = dir.0.join("again.md");
    let (ok, said) = cli(&[Path::new("--markdown"), &json, &again]);
    assert!(ok, "{said}");
    assert_eq!(
        std::fs::read_to_string(&again).unwrap(),
        to_markdown(&written)
    );

    // A JSON report is validated and written again.
    let copy = dir.0.join("copy.json");
    let (ok, said) = cli(&[&json, &copy]);
    assert!(ok, "{said}");
    assert_eq!(std::fs::read(&copy).unwrap(), std::fs::read(&json).unwrap());
}

#[test]
fn the_cli_reports_markdown_errors_by_file_and_line_and_writes_nothing() {
    let dir = TempDir::new("md-errors");
    let md = dir.0.join("bad.md");
    let bad = SMALL.replacen("- Track: main", "- Track: nowhere", 1);
    std::fs::write(&md, &bad).unwrap();
    let out = dir.0.join("out.json");
    let (ok, said) = cli(&[&md, &out]);
    assert!(!ok);
    let expected = format!("{}:{}: ", md.display(), line_of(&bad, "- Track: nowhere"));
    assert!(said.contains(&expected), "{said}");
    assert!(!out.exists());
}

// ------------------------------------------------------------ generated reports

/// Text with what Markdown gives meaning to: emphasis and link marks,
/// escapes, entities, block starts, footnote marks, edge spaces.
fn any_text() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "a",
        "Bé",
        "42",
        " ",
        "  ",
        "*",
        "_",
        "[",
        "]",
        "(",
        ")",
        "\\",
        "`",
        "<b>",
        "&amp;",
        "&",
        "#",
        "# ",
        "- ",
        "+ ",
        "1. ",
        "2) ",
        "> ",
        "!",
        "|",
        "~~~",
        "¹",
        "[^1]",
        ":",
        "—",
        "“q”",
        "\t",
        "\n",
        "http://x.org",
        "'",
    ]);
    prop::collection::vec(pieces, 1..8).prop_map(|p| p.concat())
}

/// A word-bounded text, which emphasis can always hold.
fn word_text() -> impl Strategy<Value = String> {
    (any_text(), "[a-zA-Z0-9]", "[a-zA-Z0-9]").prop_map(|(inner, a, b)| format!("{a}{inner}{b}"))
}

fn trimmed(text: String) -> String {
    let t = text.trim();
    if t.is_empty() {
        "x".into()
    } else {
        t.to_string()
    }
}

fn web_link() -> impl Strategy<Value = String> {
    let paths = prop::sample::select(vec![
        "", "a_b", "a*b", "(x)", "a&b=1", "a b", "%20", "<a>", "q?x=1#f", "\\",
    ]);
    (prop::bool::ANY, paths).prop_map(|(secure, path)| {
        format!(
            "{}://example.org/{path}",
            if secure { "https" } else { "HTTP" }
        )
    })
}

fn span() -> impl Strategy<Value = Span> {
    prop_oneof![
        3 => any_text().prop_map(Span::plain),
        1 => word_text().prop_map(|text| Span { text, emphasis: true, link: None }),
        1 => (any_text(), web_link()).prop_map(|(text, url)| Span { text, emphasis: false, link: Some(url) }),
        1 => (word_text(), web_link()).prop_map(|(text, url)| Span { text, emphasis: true, link: Some(url) }),
    ]
}

fn inline() -> impl Strategy<Value = Inline> {
    prop::collection::vec(span(), 1..4).prop_map(Inline::from_spans)
}

/// Blocks whose levels Markdown can hold: each sits inside an item one level
/// up, so it is at most as deep as the items open above it.
fn blocks() -> impl Strategy<Value = Vec<Block>> {
    prop::collection::vec((0u8..4, inline(), 0u8..4, 1u32..1000), 0..8).prop_map(|raw| {
        let mut open = 0u8;
        raw.into_iter()
            .map(|(kind, text, level, number)| {
                let level = level.min(open);
                match kind {
                    0 => {
                        open = level;
                        Block::Paragraph { text, level }
                    }
                    1 => {
                        open = level + 1;
                        Block::Numbered {
                            number,
                            text,
                            level,
                        }
                    }
                    2 => {
                        open = level + 1;
                        Block::Bullet { text, level }
                    }
                    _ => {
                        open = 0;
                        Block::EditorNote { text }
                    }
                }
            })
            .collect()
    })
}

fn material() -> impl Strategy<Value = Option<Material>> {
    prop::option::of(
        (prop::bool::ANY, prop::option::of(web_link()))
            .prop_map(|(available, url)| Material { available, url }),
    )
}

fn speaker() -> impl Strategy<Value = Speaker> {
    let affiliation = any_text().prop_map(|t| trimmed(t.replace(['(', ')'], "")));
    (any_text().prop_map(trimmed), prop::option::of(affiliation))
        .prop_map(|(name, affiliation)| Speaker { name, affiliation })
}

fn time() -> impl Strategy<Value = (Option<String>, Option<String>)> {
    (prop::option::of(0u32..720), prop::option::of(0u32..720)).prop_map(|(start, length)| {
        let clock = |m: u32| format!("{:02}:{:02}", m / 60, m % 60);
        match (start, length) {
            (Some(s), Some(l)) => (Some(clock(s)), Some(clock(s + l))),
            (Some(s), None) => (Some(clock(s)), None),
            (None, Some(l)) => (None, Some(clock(l))),
            (None, None) => (None, None),
        }
    })
}

const DATES: [&str; 5] = [
    "2023-12-30",
    "2023-12-31",
    "2024-01-01",
    "2024-01-02",
    "2024-02-29",
];

/// The programme's facts of an entry: subtitle, room, language, and which
/// of its times fall after midnight (none, the start, the end, or both).
type ProgrammeFacts = (Option<String>, Option<&'static str>, Option<String>, u8);

fn programme_facts() -> impl Strategy<Value = ProgrammeFacts> {
    (
        prop::option::of(any_text().prop_map(trimmed)),
        prop::option::of(prop::sample::select(vec!["saal-1", "room-b"])),
        prop::option::of(any_text().prop_map(trimmed)),
        0u8..4,
    )
}

fn entry() -> impl Strategy<Value = Entry> {
    let kinds = prop::sample::select(vec![Kind::Talk, Kind::Plenary, Kind::Meal, Kind::DayNotes]);
    (
        (
            any_text(),
            0usize..5,
            kinds,
            0usize..2,
            prop::option::of(any_text().prop_map(trimmed)),
        ),
        (
            prop::collection::vec(speaker(), 0..3),
            time(),
            material(),
            material(),
            prop::option::of(web_link()),
        ),
        (
            prop::collection::vec(prop::sample::select(vec!["ops", "dns"]), 0..2),
            blocks(),
            programme_facts(),
        ),
    )
        .prop_map(
            |(
                (title, day, kind, track, official_title),
                (speakers, (start, end), slides, video, url),
                (topics, body, (subtitle, room, language, midnight)),
            )| {
                let mut topics: Vec<String> = topics.into_iter().map(str::to_string).collect();
                topics.dedup();
                let day = DATES[day].to_string();
                let start_date = (midnight & 1 == 1).then(|| add_days(&day, 1)).flatten();
                let end_date = (midnight & 2 == 2)
                    .then(|| add_days(start_date.as_ref().unwrap_or(&day), 1))
                    .flatten();
                // Past midnight the end may be before the start.
                let (start, end) = match end_date {
                    Some(_) => (end, start),
                    None => (start, end),
                };
                Entry {
                    id: String::new(),
                    day,
                    kind,
                    track: ["main", "hall"][track].into(),
                    title: trimmed(title),
                    subtitle,
                    official_title,
                    speakers,
                    room: room.map(str::to_string),
                    language,
                    start,
                    end,
                    start_date,
                    end_date,
                    slides,
                    video,
                    url,
                    topics,
                    body,
                }
            },
        )
}

fn report() -> impl Strategy<Value = Report> {
    let labels = prop::sample::select(vec![
        "",
        "Day one",
        "2024-01-01 x",
        "December 30",
        "Monday, January 1",
        "Ops # day",
    ]);
    (
        any_text().prop_map(trimmed),
        prop::collection::vec(entry(), 0..6),
        prop::collection::vec(labels, 5),
        blocks(),
        prop::option::of(any_text().prop_map(trimmed)),
    )
        .prop_map(|(title, entries, labels, introduction, footnote)| {
            let entries = entries
                .into_iter()
                .enumerate()
                .map(|(i, mut e)| {
                    let slug = tripnotes::text::slug(&e.title);
                    e.id = if slug.is_empty() || i % 2 == 1 {
                        format!("e-{i}")
                    } else {
                        format!("{slug}-{i}")
                    };
                    e
                })
                .collect();
            Report {
                schema_version: SCHEMA_VERSION,
                id: "generated".into(),
                title,
                author: String::new(),
                rooms: [("saal-1", "Saal 1"), ("room-b", "Room # B")]
                    .map(|(id, label)| Room {
                        id: id.into(),
                        label: label.into(),
                    })
                    .to_vec(),
                source_url: None,
                last_updated: None,
                introduction,
                footnotes: footnote
                    .into_iter()
                    .map(|text| Footnote {
                        mark: "1".into(),
                        text,
                    })
                    .collect(),
                conference: Conference {
                    name: "Conf".into(),
                    place: None,
                    first_day: "2023-12-31".into(),
                    last_day: "2024-01-02".into(),
                    time_zone: None,
                    url: None,
                },
                days: DATES
                    .iter()
                    .zip(labels)
                    .map(|(id, label)| Day {
                        id: id.to_string(),
                        label: label.to_string(),
                    })
                    .collect(),
                tracks: ["main", "hall"]
                    .map(|id| Track {
                        id: id.into(),
                        label: id.to_uppercase(),
                    })
                    .to_vec(),
                topics: ["ops", "dns"]
                    .map(|id| Topic {
                        id: id.into(),
                        label: id.into(),
                        description: String::new(),
                    })
                    .to_vec(),
                entries,
            }
        })
}

proptest! {
    #![proptest_config(crate::common::strategies::config(256))]

    #[test]
    fn generated_reports_read_back_from_markdown_as_they_were(report in report()) {
        prop_assume!(tripnotes::model::validate(&report).is_ok());
        let markdown = to_markdown(&report);
        let back = import(&markdown);
        prop_assert_eq!(back.as_ref(), Ok(&report), "{}", markdown);
    }
}
