//! Programme text that is HTML, as FOSDEM's Pentabarf export and parts of
//! the CCC programmes write it: no tag reaches anything a reader sees, and
//! every list item and link of the HTML is kept. Checked on every real
//! programme of the shared folder and on test programmes written for this.

use crate::common::programmes;
use serde_json::Value;
use std::path::PathBuf;
use tripnotes::calendar::ics;
use tripnotes::export::markdown::to_markdown;
use tripnotes::import::schedule::{import, Imported};
use tripnotes::markup::{day_pages, static_page, CardContent};
use tripnotes::model::{Block, Entry, Report, Span};
use tripnotes::query::{excerpt, run, Filters, SearchIndex};

fn test_file(name: &str) -> Vec<u8> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The shared folder's programmes and the test programmes.
fn every_programme() -> Vec<(String, Vec<u8>)> {
    let mut all = programmes::programmes();
    for name in ["fosdem-pentabarf.xml", "pentabarf-old.xml"] {
        all.push((name.to_string(), test_file(name)));
    }
    all
}

/// A shared folder's programme as all tests import it, or a test file.
fn imported(name: &str, bytes: &[u8]) -> Imported {
    match programmes::imported()
        .iter()
        .find(|(file, ..)| file == name)
    {
        Some((_, _, imported)) => imported.clone(),
        None => import(bytes).unwrap_or_else(|e| panic!("{name}: {e}")),
    }
}

/// Elements that programmes write in their HTML, and their neighbours.
const ELEMENTS: &str = "a b blockquote br center code del div em font h1 h2 h3 h4 h5 h6 hr i \
    iframe img ins li ol p pre script span strike strong style table tbody td th thead tr u ul";

/// The first tag of an HTML element in `text`, opened by `opener` ("<", or
/// "&lt;" where the text is itself HTML and so escapes a shown "<").
fn tag_in(text: &str, opener: &str) -> Option<String> {
    text.match_indices(opener).find_map(|(at, _)| {
        let rest = &text[at + opener.len()..];
        let rest = rest.strip_prefix('/').unwrap_or(rest);
        let len = rest
            .find(|c: char| !c.is_ascii_alphanumeric())
            .unwrap_or(rest.len());
        let (name, after) = rest.split_at(len);
        let closes = after.starts_with(['>', '/', ' ', '&', '\n']) || after.is_empty();
        let known = ELEMENTS
            .split_whitespace()
            .any(|e| e.eq_ignore_ascii_case(name));
        (closes && known).then(|| text[at..(at + 40).min(text.len())].to_string())
    })
}

fn assert_no_tag(text: &str, openers: &[&str], what: &str) {
    for opener in openers {
        if let Some(tag) = tag_in(text, opener) {
            panic!("{what} shows a tag: {tag:?}");
        }
    }
}

const AS_TEXT: &[&str] = &["<", "&lt;"];
const IN_HTML: &[&str] = &["&lt;"];

/// The words a search for this entry would use: its notes' first long word.
fn search_word(entry: &Entry) -> Option<String> {
    entry
        .body
        .iter()
        .flat_map(|b| b.text().split(|c: char| !c.is_alphanumeric()))
        .find(|w| w.chars().count() >= 5)
        .map(str::to_lowercase)
}

fn check_report_shows_no_tag(name: &str, report: &Report) {
    for entry in &report.entries {
        let what = format!("{name}, entry {}", entry.id);
        let card = CardContent::new(report, entry, true);
        let mut texts = vec![card.title, card.label, card.speakers];
        texts.extend(card.subtitle);
        texts.extend(card.opening);
        texts.extend(card.topics);
        texts.extend(card.body.iter().map(|b| b.text().to_string()));
        for text in texts {
            assert_no_tag(&text, AS_TEXT, &what);
        }
    }
    // Search results: the excerpt each shown entry gets, on every 20th
    // entry's word so that a large programme stays quick.
    let index = SearchIndex::new(report);
    for entry in report.entries.iter().step_by(20) {
        let Some(word) = search_word(entry) else {
            continue;
        };
        let filters = Filters {
            text: word.clone(),
            ..Filters::default()
        };
        let outcome = run(report, &index, &filters, &|_: usize| false);
        assert!(!outcome.shown.is_empty(), "{name}: {word} finds nothing");
        for &shown in &outcome.shown {
            if let Some(passage) = excerpt(&report.entries[shown].body, &word) {
                assert_no_tag(&passage, AS_TEXT, &format!("{name}, result for {word}"));
            }
        }
    }
    let entries: Vec<&Entry> = report.entries.iter().collect();
    let calendar = ics(report, &entries, "20250101T000000Z").replace("\r\n ", "");
    assert_no_tag(&calendar, AS_TEXT, &format!("{name}, calendar"));
    assert_no_tag(&to_markdown(report), AS_TEXT, &format!("{name}, Markdown"));
    assert_no_tag(&static_page(report), IN_HTML, &format!("{name}, page"));
}

#[test]
fn no_tag_of_a_programme_reaches_a_card_result_page_calendar_or_export() {
    for (name, bytes) in every_programme() {
        let report = imported(&name, &bytes).report;
        check_report_shows_no_tag(&name, &report);
    }
}

#[test]
fn no_tag_reaches_the_day_pages_of_a_large_programme() {
    let base = imported(
        "36c3-everything.schedule.json",
        &programmes::programmes()
            .into_iter()
            .find(|(name, _)| name == "36c3-everything.schedule.json")
            .expect("the 36C3 programme")
            .1,
    )
    .report;
    // Each entry twice, the copy under an id of its own, passes the size
    // at which a report gets day pages.
    let mut large = base.clone();
    large.entries.extend(base.entries.iter().map(|entry| Entry {
        id: format!("{}-again", entry.id),
        ..entry.clone()
    }));
    large.entries.sort_by(|a, b| a.day.cmp(&b.day));
    assert!(large.entries.len() > tripnotes::markup::WHOLE_PAGE);
    assert!(tripnotes::model::validate(&large).is_ok());
    let pages = day_pages(&large);
    assert!(!pages.is_empty(), "a large report has day pages");
    for (day, page) in pages {
        assert_no_tag(&page, IN_HTML, &format!("day page {}", day.id));
    }
}

/// An event's text fields as the file writes them, with what identifies it.
struct SourceEvent {
    title: String,
    page: Option<String>,
    texts: Vec<String>,
    links: usize,
}

fn source_events(name: &str, bytes: &[u8]) -> Vec<SourceEvent> {
    let text = std::str::from_utf8(bytes).expect("UTF-8");
    if name.ends_with(".xml") {
        let doc = roxmltree::Document::parse(text).expect("XML");
        let child_text = |node: roxmltree::Node, name: &str| {
            node.children()
                .find(|c| c.has_tag_name(name))
                .map(|c| c.descendants().filter_map(|d| d.text()).collect::<String>())
        };
        return doc
            .descendants()
            .filter(|n| n.has_tag_name("event"))
            .map(|event| SourceEvent {
                title: child_text(event, "title").unwrap_or_default(),
                page: child_text(event, "url"),
                texts: ["abstract", "description"]
                    .into_iter()
                    .filter_map(|f| child_text(event, f))
                    .collect(),
                links: event
                    .descendants()
                    .filter(|n| n.has_tag_name("link") || n.has_tag_name("attachment"))
                    .count(),
            })
            .collect();
    }
    let json: Value = serde_json::from_str(text).expect("JSON");
    let schedule = &json["schedule"];
    let in_days = schedule["conference"]["days"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|day| day["rooms"].as_object())
        .flat_map(|rooms| rooms.values())
        .filter_map(Value::as_array)
        .flatten();
    in_days
        .chain(schedule["events"].as_array().into_iter().flatten())
        .map(|event| SourceEvent {
            title: event["title"].as_str().unwrap_or_default().to_string(),
            page: event["url"].as_str().map(str::to_string),
            texts: ["abstract", "description"]
                .into_iter()
                .filter_map(|f| event[f].as_str().map(str::to_string))
                .collect(),
            links: ["links", "attachments", "references"]
                .into_iter()
                .map(|f| event[f].as_array().map_or(0, Vec::len))
                .sum(),
        })
        .collect()
}

/// Where each `<li` and `href="…"` of the HTML is, counted without a parser.
fn list_items(html: &str) -> usize {
    let lower = html.to_ascii_lowercase();
    lower
        .match_indices("<li")
        .filter(|(at, _)| lower[at + 3..].starts_with(['>', ' ', '\t', '\r', '\n']))
        .count()
}

fn hrefs(html: &str) -> Vec<String> {
    html.split("href=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .map(|href| href.replace("&amp;", "&").trim().to_string())
        .collect()
}

#[test]
fn every_list_item_and_web_link_of_the_html_is_kept() {
    let mut checked = 0;
    for (name, bytes) in every_programme() {
        let report = imported(&name, &bytes).report;
        let events = source_events(&name, &bytes);
        for event in &events {
            let html: Vec<&String> = event.texts.iter().filter(|t| t.contains("</")).collect();
            // Events are found by their title when no other has it.
            let alike = events.iter().filter(|e| e.title == event.title).count();
            let found: Vec<&Entry> = report
                .entries
                .iter()
                .filter(|e| e.title == event.title.trim())
                .collect();
            if html.is_empty() || alike > 1 || found.len() != 1 {
                continue;
            }
            let entry = found[0];
            let what = format!("{name}, {}", event.title);
            // The abstract repeated in the description is read once.
            let distinct: Vec<&&String> = html
                .iter()
                .enumerate()
                .filter(|(i, t)| *i == 0 || t.trim() != html[0].trim())
                .map(|(_, t)| t)
                .collect();
            let items: usize = distinct.iter().map(|t| list_items(t)).sum();
            let kept = entry
                .body
                .iter()
                .filter(|b| matches!(b, Block::Bullet { .. } | Block::Numbered { .. }))
                .count();
            // The programme's own links may add items; none of the HTML's is lost.
            assert!(
                kept >= items && kept <= items + event.links,
                "{what}: {kept} items for {items} in the HTML"
            );
            let links: Vec<&str> = entry
                .body
                .iter()
                .flat_map(|b| b.spans())
                .filter_map(|s| s.link.as_deref())
                .collect();
            for href in distinct.iter().flat_map(|t| hrefs(t)) {
                let absolute = href.starts_with("http://") || href.starts_with("https://");
                let relative = event.page.is_some() && href.starts_with('/');
                if absolute || relative {
                    assert!(
                        links.iter().any(|l| l.ends_with(href.as_str())),
                        "{what}: the link to {href} is lost: {links:?}"
                    );
                }
            }
            checked += 1;
        }
    }
    // The real programmes have 30 such events with titles of their own.
    assert!(
        checked >= 30,
        "only {checked} events with HTML were checked"
    );
}

fn entry<'a>(report: &'a Report, id: &str) -> &'a Entry {
    report
        .entries
        .iter()
        .find(|e| e.id == id)
        .unwrap_or_else(|| panic!("no entry {id}"))
}

/// Each span as (text, emphasized, link).
fn shape(spans: &[Span]) -> Vec<(&str, bool, Option<&str>)> {
    spans
        .iter()
        .map(|s| (s.text.as_str(), s.emphasis, s.link.as_deref()))
        .collect()
}

#[test]
fn a_fosdem_programme_keeps_lists_links_entities_and_nesting() {
    let imported = imported("fosdem-pentabarf.xml", &test_file("fosdem-pentabarf.xml"));
    let report = &imported.report;
    let porting = entry(report, "b1e1a3c0-0001-4c1e-9d6a-000000000001");
    assert_eq!(
        porting.title,
        "Porting a kernel driver to Rust & what we learned"
    );
    let texts: Vec<&str> = porting.body.iter().map(Block::text).collect();
    assert_eq!(
        texts,
        [
            "What happens when a C driver meets a language like Rust?",
            "We ported a driver and found three kinds of surprise:",
            "choices made when porting the interrupt handler",
            "lifetimes across unsafe blocks",
            "raw pointers\u{a0}& references",
            "see the project docs",
            "the review, café included …",
            "Slides are on our page.",
            "Questions welcome.",
        ]
    );
    let levels: Vec<(bool, u8)> = porting
        .body
        .iter()
        .map(|b| match b {
            Block::Bullet { level, .. } => (true, *level),
            Block::Paragraph { level, .. } => (false, *level),
            other => panic!("unexpected {other:?}"),
        })
        .collect();
    assert_eq!(
        levels,
        [
            (false, 0),
            (false, 0),
            (true, 0),
            (true, 0),
            (true, 1),
            (true, 1),
            (true, 0),
            (false, 0),
            (false, 0)
        ]
    );
    assert_eq!(
        shape(porting.body[2].spans()),
        [
            ("choices made when porting the ", false, None),
            ("interrupt handler", true, None)
        ]
    );
    assert_eq!(
        shape(porting.body[5].spans())[1],
        (
            "the project docs",
            false,
            Some("https://rust-for-linux.example.org/docs")
        )
    );
    // A path on the site is resolved against the event's page.
    assert_eq!(
        porting.body[7].spans()[1].link.as_deref(),
        Some("https://fosdem.example.org/2025/schedule/event/porting_driver/slides.pdf")
    );
    assert!(porting.video.as_ref().is_some_and(|v| v.available));
    assert_eq!(porting.language.as_deref(), Some("en"));

    let steps = entry(report, "b1e1a3c0-0002-4c1e-9d6a-000000000002");
    let numbered: Vec<(u32, u8, &str)> = steps
        .body
        .iter()
        .filter_map(|b| match b {
            Block::Numbered {
                number,
                level,
                text,
            } => Some((*number, *level, text.as_str())),
            _ => None,
        })
        .collect();
    assert_eq!(
        numbered,
        [
            (2, 0, "pin the toolchain"),
            (3, 0, "vendor the dependencies"),
            (1, 1, "check the lock file in"),
            (4, 0, "build in a clean container — then compare"),
        ]
    );
    let texts: Vec<&str> = steps.body.iter().map(Block::text).collect();
    assert_eq!(
        texts[texts.len() - 4..],
        [
            "A diagram of the pipeline Mail us, or read the notes.",
            "Requirements",
            "cargo build --locked",
            "--offline",
        ]
    );
    assert!(
        !texts
            .iter()
            .any(|t| t.contains("alert") || t.contains("color")),
        "scripts and styles are dropped: {texts:?}"
    );
    assert_eq!(
        steps.body[texts.len() - 4].spans()[1].link.as_deref(),
        Some("https://fosdem.example.org/2025/schedule/event/ordered_steps/notes.html")
    );

    // Markdown stays Markdown; a literal "<blink>" is the title's text.
    let lightning = entry(report, "b1e1a3c0-0003-4c1e-9d6a-000000000003");
    assert_eq!(lightning.title, "Why <blink> never dies");
    assert_eq!(
        shape(lightning.body[0].spans())[1],
        ("Markdown", true, None),
        "{:?}",
        lightning.body
    );

    let keynote = entry(report, "b1e1a3c0-0004-4c1e-9d6a-000000000004");
    assert_eq!(
        shape(keynote.body[3].spans())[1],
        (
            "health",
            false,
            Some("https://example.org/community?a=1&b=2")
        )
    );
    assert_eq!(keynote.body[4].text(), "licences");
    assert!(keynote.slides.as_ref().is_some_and(|s| {
        s.url.as_deref().is_some_and(|u| {
            u.starts_with("https://fosdem.example.org/2025/schedule/event/keynote/")
        })
    }));

    // Type and language are no topics: they would be on every card.
    assert!(report.topics.is_empty(), "{:?}", report.topics);
    // The one thing not kept as written, named by its line.
    let warnings: Vec<String> = imported.warnings.iter().map(|w| w.to_string()).collect();
    assert_eq!(
        warnings,
        ["line 53: event 5002 \"Five steps to a reproducible build\", abstract: the link to \"mailto:someone@example.org\" is kept as plain text"]
    );
}

#[test]
fn an_older_pentabarf_export_with_events_under_its_days_is_read() {
    let imported = imported("pentabarf-old.xml", &test_file("pentabarf-old.xml"));
    let report = &imported.report;
    let ids: Vec<&str> = report.entries.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids, ["1101", "1102", "1201"]);
    let rooms: Vec<&str> = report.rooms.iter().map(|r| r.label.as_str()).collect();
    assert_eq!(rooms, ["Janson", "H.1302 (Depage)"]);
    let welcome = &report.entries[0];
    assert_eq!(
        (
            welcome.day.as_str(),
            welcome.start.as_deref(),
            welcome.end.as_deref()
        ),
        ("2012-02-04", Some("10:00"), Some("10:45"))
    );
    assert_eq!(welcome.body[0].text(), "Opening words…");
    assert_eq!(welcome.room.as_deref(), Some("janson"));
    let packaging = &report.entries[1];
    let texts: Vec<&str> = packaging.body.iter().map(Block::text).collect();
    assert_eq!(texts, ["rpm", "deb", "Project page"]);
    assert_eq!(report.entries[2].day, "2012-02-05");
    // The same file read again gives the same ids.
    let again = import(&test_file("pentabarf-old.xml")).expect("imports");
    assert_eq!(again.report, imported.report);
}

#[test]
fn a_programme_without_events_is_an_error() {
    let error = import(&test_file("pentabarf-empty.xml")).expect_err("no events");
    assert!(error.to_string().contains("no event"), "{error}");
    // The command fails too, and writes nothing.
    let dir = crate::common::temp::TempDir::new("programme-without-events");
    let out = dir.0.join("out.json");
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_tripnotes-import"))
        .arg(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/pentabarf-empty.xml"))
        .arg(&out)
        .output()
        .expect("the command runs");
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("no event"));
    assert!(dir.files().is_empty(), "{:?}", dir.files());
}
