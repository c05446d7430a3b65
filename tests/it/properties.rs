//! Property tests of the pure parts: whatever a report file, a plain-text
//! report, a search box, an address bar or a storage slot holds, parsing and
//! searching return an answer instead of panicking, and what is written out
//! reads back the same.
//!
//! Inputs mix arbitrary Unicode with the known traps of case folding (İ, ß,
//! ﬁ, final sigma), combining marks and bidi controls, and mutate the bundled
//! report rather than invent one, so most cases get past the parser into the
//! rules. The case counts keep the whole file to a few seconds in a debug
//! build; failures are not persisted, so a run writes no files.

use crate::common::strategies::{config, json_scalar};
use proptest::prelude::*;
use proptest::sample::Index;
use serde_json::Value;
use std::collections::BTreeSet;
use std::sync::OnceLock;
use tripnotes::import::text::{import, import_bytes, Annotations};
use tripnotes::model::{validate, Block, Report};
use tripnotes::query::search::words;
use tripnotes::query::{excerpt, highlight, Filters, SearchIndex};
use tripnotes::readstate::{
    export, parse_export, parse_stored, scope_of, to_stored, Change, Ledger, List, Loaded,
};

const REPORT_JSON: &str = include_str!("../../public/report.json");
const REPORT_TEXT: &str = include_str!("../../reports/srecon24-americas/report.txt");
const ANNOTATIONS: &str = include_str!("../../reports/srecon24-americas/annotations.toml");

fn bundled() -> &'static Report {
    static REPORT: OnceLock<Report> = OnceLock::new();
    REPORT.get_or_init(crate::common::bundled)
}

fn bundled_value() -> &'static Value {
    static VALUE: OnceLock<Value> = OnceLock::new();
    VALUE.get_or_init(|| serde_json::from_str(REPORT_JSON).expect("the bundled report is JSON"))
}

fn annotations() -> &'static Annotations {
    static LOADED: OnceLock<Annotations> = OnceLock::new();
    LOADED.get_or_init(|| Annotations::from_toml(ANNOTATIONS).expect("the annotations load"))
}

/// The annotations without per-entry annotations: an imported text then need not
/// have the bundled report's entries, so more inputs reach validation.
fn loose_annotations() -> &'static Annotations {
    static LOOSE: OnceLock<Annotations> = OnceLock::new();
    LOOSE.get_or_init(|| {
        let mut loose = annotations().clone();
        loose.entries.clear();
        loose
    })
}

// ---------------------------------------------------------------------------
// Text

/// Pieces where lowercasing, folding or byte lengths surprise: dotted capital
/// I (lowercases to two chars), sharp s, ligatures, final and capital sigma,
/// combining marks, bidi and zero-width controls, a no-break space, Kelvin
/// and Ångström signs, emoji sequences, text without spaces.
const TRAPS: &[&str] = &[
    "İ",
    "İstanbul",
    "ı",
    "ß",
    "ẞ",
    "STRASSE",
    "straße",
    "ﬁ",
    "ﬁle",
    "ﬃ",
    "Σ",
    "σ",
    "ς",
    "ΟΔΥΣΣΕΥΣ",
    "Ὀδυσσεύς",
    "e\u{301}",
    "\u{301}",
    "\u{345}",
    "a\u{308}\u{308}",
    "\u{202E}",
    "\u{202D}",
    "\u{2066}",
    "\u{2069}",
    "\u{200F}",
    "\u{200E}",
    "\u{61C}",
    "\u{200B}",
    "\u{FEFF}",
    "\u{A0}",
    "ǅ",
    "ŉ",
    "\u{212A}",
    "\u{212B}",
    "Gagné",
    "👩\u{200D}💻",
    "🇫🇷",
    "カーネル",
    "中文。",
    "’",
    "'",
    "-",
    "…",
    " ",
    "\t",
    "\n",
    "<img src=x onerror=\"window.__pwned=1\">",
    "<script>window.__pwned=1</script>",
];

fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => "[a-zA-Z0-9]{1,8}",
        3 => prop::sample::select(TRAPS).prop_map(str::to_string),
        1 => any::<char>().prop_map(String::from),
        1 => "[ .,:;/()\\[\\]-]{1,3}",
        // Long runs without a space: addresses, paths, text in scripts
        // that do not space words.
        1 => "[a-z0-9/.:_-]{20,90}",
    ]
}

/// Text made of word-like and tricky pieces, so queries and notes share words.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop::collection::vec(piece(), 0..16).prop_map(|p| p.concat()),
        1 => any::<String>(),
    ]
}

/// A search box: a few pieces, often just one word.
fn query() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => prop::collection::vec(piece(), 0..4).prop_map(|p| p.concat()),
        1 => any::<String>(),
    ]
}

fn blocks() -> impl Strategy<Value = Vec<Block>> {
    prop::collection::vec(
        (text(), 0u8..3).prop_map(|(text, kind)| match kind {
            0 => Block::Paragraph {
                text: text.into(),
                level: 0,
            },
            1 => Block::Bullet {
                text: text.into(),
                level: 1,
            },
            _ => Block::EditorNote { text: text.into() },
        }),
        0..4,
    )
}

// ---------------------------------------------------------------------------
// Report JSON

/// Strings that the rules single out: unsafe and malformed links, dates and
/// times at and past their limits, ids that are almost slugs, ids the bundled
/// report defines.
const FIELD_VALUES: &[&str] = &[
    "",
    " ",
    "javascript:alert(1)",
    "JAVASCRIPT:alert(1)",
    "data:text/html,<b>x</b>",
    "/relative",
    "relative/path",
    "//host.example",
    "http://",
    "https:///x",
    "\u{A0}https://example.com/",
    "\u{2003}http://example.com/",
    "https://example.com/",
    "2024-02-29",
    "2023-02-29",
    "2024-13-01",
    "2024-00-10",
    "2024-03-32",
    "２０２４-03-18",
    "2024-03-1٨",
    "00:00",
    "23:59",
    "24:00",
    "12:60",
    "1:00",
    "１２:00",
    "a--b",
    "-a",
    "a-",
    "A",
    "plenary",
    "breakout",
    "security",
    "2024-03-19",
    "opening-remarks",
    "paragraph",
    "numbered",
    "bullet",
    "editor-note",
    "talk",
    "day-notes",
];

fn leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        6 => json_scalar(),
        1 => prop::sample::select(FIELD_VALUES).prop_map(Value::from),
        1 => text().prop_map(Value::from),
    ]
}

const KEYS: &[&str] = &[
    "type",
    "text",
    "level",
    "number",
    "id",
    "day",
    "track",
    "title",
    "url",
    "available",
    "label",
    "name",
    "topics",
    "body",
];

fn json_value() -> impl Strategy<Value = Value> {
    leaf().prop_recursive(3, 12, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::vec(
                (
                    prop_oneof![
                        prop::sample::select(KEYS).prop_map(str::to_string),
                        "[a-z_]{1,8}"
                    ],
                    inner
                ),
                0..4
            )
            .prop_map(|fields| Value::Object(fields.into_iter().collect())),
        ]
    })
}

#[derive(Debug, Clone)]
enum Edit {
    Replace(Value),
    Remove,
    /// In an array, the element twice (duplicate ids, days, blocks).
    Duplicate,
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        4 => json_value().prop_map(Edit::Replace),
        2 => Just(Edit::Remove),
        1 => Just(Edit::Duplicate),
    ]
}

/// Walks down `path` (each step picks a member of an object or an element of
/// an array) and edits where the path ends or the tree does.
fn apply_edit(node: &mut Value, path: &[Index], edit: &Edit) {
    let Some((step, rest)) = path.split_first() else {
        if let Edit::Replace(value) = edit {
            *node = value.clone();
        }
        return;
    };
    let descend = |child: &Value| {
        !rest.is_empty()
            && match child {
                Value::Object(map) => !map.is_empty(),
                Value::Array(items) => !items.is_empty(),
                _ => false,
            }
    };
    match node {
        Value::Object(map) if !map.is_empty() => {
            let key = map
                .keys()
                .nth(step.index(map.len()))
                .expect("index is in range")
                .clone();
            if descend(&map[&key]) {
                apply_edit(map.get_mut(&key).expect("key exists"), rest, edit);
            } else {
                match edit {
                    Edit::Replace(value) => {
                        map.insert(key, value.clone());
                    }
                    Edit::Remove => {
                        map.remove(&key);
                    }
                    Edit::Duplicate => {}
                }
            }
        }
        Value::Array(items) if !items.is_empty() => {
            let i = step.index(items.len());
            if descend(&items[i]) {
                apply_edit(&mut items[i], rest, edit);
            } else {
                match edit {
                    Edit::Replace(value) => items[i] = value.clone(),
                    Edit::Remove => {
                        items.remove(i);
                    }
                    Edit::Duplicate => {
                        let copy = items[i].clone();
                        items.insert(i, copy);
                    }
                }
            }
        }
        _ => {
            if let Edit::Replace(value) = edit {
                *node = value.clone();
            }
        }
    }
}

fn edits() -> impl Strategy<Value = Vec<(Vec<Index>, Edit)>> {
    prop::collection::vec((prop::collection::vec(any::<Index>(), 0..7), edit()), 1..4)
}

/// The largest char boundary of `text` at or before `at`.
fn boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// A report that loads must write out JSON that loads as the same report,
/// or a report passed on by another tool would change on the way.
fn check_loaded(text: &str) -> Result<(), TestCaseError> {
    if let Ok(report) = Report::from_json(text) {
        prop_assert_eq!(validate(&report), Ok(()));
        prop_assert_eq!(Report::from_json(&report.to_json()), Ok(report));
    }
    Ok(())
}

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn from_json_never_panics_on_arbitrary_text(text in any::<String>()) {
        check_loaded(&text)?;
    }

    /// JSON-shaped noise gets past the first characters of the parser.
    #[test]
    fn from_json_never_panics_on_json_like_text(
        text in "[\\[\\]{}\",:0-9a-z_ .\\\\-]{0,64}",
    ) {
        check_loaded(&text)?;
    }

    #[test]
    fn from_json_never_panics_on_a_spliced_bundled_report(
        at in any::<Index>(),
        cut in 0usize..64,
        insert in prop_oneof![text(), "[\\[\\]{}\",:0-9 ]{0,4}"],
        truncate in any::<bool>(),
    ) {
        let start = boundary(REPORT_JSON, at.index(REPORT_JSON.len() + 1));
        let text = if truncate {
            REPORT_JSON[..start].to_string()
        } else {
            let end = boundary(REPORT_JSON, start + cut);
            format!("{}{insert}{}", &REPORT_JSON[..start], &REPORT_JSON[end..])
        };
        check_loaded(&text)?;
    }

    /// Values replaced, removed or duplicated anywhere in the bundled
    /// report: the parser and every rule of `validate` see odd input.
    #[test]
    fn from_json_never_panics_on_an_edited_bundled_report(edits in edits()) {
        let mut value = bundled_value().clone();
        for (path, edit) in &edits {
            apply_edit(&mut value, path, edit);
        }
        check_loaded(&value.to_string())?;
    }

    /// `validate` on a report built in memory, past what serde checks; the
    /// problem it names is on an entry the report has.
    #[test]
    fn validate_never_panics_and_names_a_real_entry(
        entry in any::<Index>(),
        field in 0usize..12,
        value in prop_oneof![prop::sample::select(FIELD_VALUES).prop_map(str::to_string), text()],
    ) {
        let mut report = bundled().clone();
        let i = entry.index(report.entries.len());
        let e = &mut report.entries[i];
        match field {
            0 => e.id = value,
            1 => e.day = value,
            2 => e.track = value,
            3 => e.title = value,
            4 => e.start = Some(value),
            5 => e.end = Some(value),
            6 => e.url = Some(value),
            7 => e.topics.push(value),
            8 => report.conference.first_day = value,
            9 => report.conference.url = Some(value),
            10 => report.days[0].id = value,
            _ => report.last_updated = Some(value),
        }
        if let Err(invalid) = validate(&report) {
            prop_assert!(!invalid.field.is_empty());
            if let Some(id) = &invalid.entry {
                prop_assert!(report.entries.iter().any(|e| &e.id == id), "{invalid}");
            }
        }
    }
}

// ---------------------------------------------------------------------------
// Importer

const WEEKDAY_NAMES: &[&str] = &[
    "Monday", "Tuesday", "Saturday", "Sunday", "Funday", "monday",
];
const MONTH_NAMES: &[&str] = &["March", "February", "April", "Smarch", "march"];

/// One line of a plain-text report: each kind of line the importer knows,
/// right and slightly wrong, plus anything at all.
fn report_line() -> impl Strategy<Value = String> {
    prop_oneof![
        2 => (
            prop::sample::select(WEEKDAY_NAMES),
            prop::sample::select(MONTH_NAMES),
            0u32..40,
        )
            .prop_map(|(w, m, d)| format!("{w}, {m} {d}")),
        2 => (
            prop::sample::select(&["No slides", "Slides", "<Slides>", "slides>", "No", ""][..]),
            prop::sample::select(&["No video", "Direct video link", "video", "<video", ""][..]),
        )
            .prop_map(|(l, r)| format!("[{l} | {r}]")),
        2 => prop::sample::select(
            &["Lunch", "Breakfast", "Dinner", "Evening", "Reception", "Opening remarks",
              "Closing remarks", "Plenary:", "Plenary: ", "Back to my reports"][..],
        )
        .prop_map(str::to_string),
        1 => text().prop_map(|t| format!("Plenary: {t}")),
        3 => (0usize..600, text()).prop_map(|(n, t)| format!("{}• {t}", " ".repeat(n))),
        2 => (0usize..40, 0u32..2000, text())
            .prop_map(|(n, k, t)| format!("{}{k}. {t}", " ".repeat(n))),
        1 => text().prop_map(|t| format!("[{t}]")),
        1 => prop::sample::select(
            &["[", "]", "[]", "[…]", "_____", "____", "¹ note", "¹²³", "⁹", "[1] note",
              "[x] note", "Last update Apr29/24 by me", "Last update ", "Last update Apr",
              "Last update April/", "Last update Mar1/999999999999", "Last update Jan31/24",
              "Last update Feb30/24"][..],
        )
        .prop_map(str::to_string),
        1 => Just(String::new()),
        4 => text(),
    ]
}

/// A report the importer must take the title from: the breadcrumb line,
/// then lines in any order.
fn report_text() -> impl Strategy<Value = String> {
    prop::collection::vec(report_line(), 0..40).prop_map(|lines| {
        let mut text = format!("Home > {}\n", annotations().report.title);
        for line in lines {
            text.push_str(&line);
            text.push('\n');
        }
        text
    })
}

#[derive(Debug, Clone)]
enum LineEdit {
    Delete(Index, usize),
    Duplicate(Index),
    Insert(Index, String),
    Swap(Index, Index),
}

fn line_edits() -> impl Strategy<Value = Vec<LineEdit>> {
    prop::collection::vec(
        prop_oneof![
            (any::<Index>(), 1usize..30).prop_map(|(i, n)| LineEdit::Delete(i, n)),
            any::<Index>().prop_map(LineEdit::Duplicate),
            (any::<Index>(), report_line()).prop_map(|(i, l)| LineEdit::Insert(i, l)),
            (any::<Index>(), any::<Index>()).prop_map(|(a, b)| LineEdit::Swap(a, b)),
        ],
        1..6,
    )
}

/// What the importer accepts is a valid report that the viewer reads back
/// unchanged, since the viewer gets it as JSON.
fn check_imported(
    result: Result<Report, tripnotes::import::text::ImportError>,
) -> Result<(), TestCaseError> {
    if let Ok(report) = result {
        prop_assert_eq!(validate(&report), Ok(()));
        prop_assert_eq!(Report::from_json(&report.to_json()), Ok(report));
    }
    Ok(())
}

proptest! {
    #![proptest_config(config(128))]

    #[test]
    fn import_never_panics_on_arbitrary_text(text in any::<String>()) {
        check_imported(import(&text, annotations()))?;
        check_imported(import(&text, loose_annotations()))?;
    }

    #[test]
    fn import_bytes_never_panics_on_arbitrary_bytes(
        bytes in prop::collection::vec(any::<u8>(), 0..256),
    ) {
        let mut input = format!("{}\n", annotations().report.title).into_bytes();
        input.extend(bytes);
        check_imported(import_bytes(&input, loose_annotations()))?;
    }

    #[test]
    fn import_never_panics_on_report_shaped_text(text in report_text()) {
        check_imported(import(&text, loose_annotations()))?;
    }

    /// Lines of the real report deleted, repeated, moved or added.
    #[test]
    fn import_never_panics_on_an_edited_bundled_text(edits in line_edits()) {
        let mut lines: Vec<String> = REPORT_TEXT.lines().map(str::to_string).collect();
        for edit in edits {
            let n = lines.len();
            match edit {
                LineEdit::Delete(i, count) if n > 0 => {
                    let at = i.index(n);
                    lines.drain(at..(at + count).min(n));
                }
                LineEdit::Duplicate(i) if n > 0 => {
                    let at = i.index(n);
                    let line = lines[at].clone();
                    lines.insert(at, line);
                }
                LineEdit::Insert(i, line) => lines.insert(i.index(n + 1), line),
                LineEdit::Swap(a, b) if n > 0 => lines.swap(a.index(n), b.index(n)),
                _ => {}
            }
        }
        let text = lines.join("\n");
        check_imported(import(&text, annotations()))?;
        check_imported(import(&text, loose_annotations()))?;
    }

    #[test]
    fn annotations_never_panic_on_arbitrary_text(text in any::<String>()) {
        let _ = Annotations::from_toml(&text);
    }
}

// ---------------------------------------------------------------------------
// Search, highlighting, excerpts

/// A few bundled entries with generated titles, speakers' names and notes.
fn search_report(titles: Vec<String>, bodies: Vec<Vec<Block>>) -> Report {
    let mut report = bundled().clone();
    report.entries.truncate(titles.len().max(1));
    for ((entry, title), body) in report.entries.iter_mut().zip(titles).zip(bodies) {
        if let Some(speaker) = entry.speakers.first_mut() {
            speaker.name = title.chars().rev().collect();
        }
        entry.title = title;
        entry.body = body;
    }
    report
}

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn scores_never_panic_and_cover_every_entry(
        titles in prop::collection::vec(text(), 1..6),
        bodies in prop::collection::vec(blocks(), 1..6),
        q in query(),
    ) {
        let report = search_report(titles, bodies);
        let index = SearchIndex::new(&report);
        match index.scores(&q) {
            None => prop_assert_eq!(words(&q).count(), 0),
            Some(scores) => {
                prop_assert!(words(&q).count() > 0);
                prop_assert_eq!(scores.len(), report.entries.len());
            }
        }
        // Searching an entry's own title finds it: both sides fold alike.
        for (i, entry) in report.entries.iter().enumerate() {
            if let Some(scores) = index.scores(&entry.title) {
                prop_assert!(scores[i].is_some(), "title {:?} not found", entry.title);
            }
        }
    }

    /// The pieces are the text, cut: nothing lost, added or reordered, no
    /// empty piece, and each marked piece is a folded query word at the start
    /// of a word of the text.
    #[test]
    fn highlight_gives_back_the_text(text in text(), q in query()) {
        let runs = highlight(&text, &q);
        let joined: String = runs.iter().map(|(piece, _)| piece.as_str()).collect();
        prop_assert_eq!(&joined, &text);
        let terms: Vec<String> = words(&q).collect();
        let mut before = String::new();
        for (piece, marked) in &runs {
            prop_assert!(!piece.is_empty());
            if *marked {
                prop_assert!(terms.contains(&tripnotes::text::fold(piece)), "{piece:?} marked");
                prop_assert!(
                    !before.chars().last().is_some_and(tripnotes::text::is_word_char),
                    "{piece:?} marked in the middle of a word"
                );
            }
            before.push_str(piece);
        }
        if terms.is_empty() {
            prop_assert!(runs.iter().all(|(_, marked)| !marked));
        }
    }

    /// An excerpt is a passage of one block, at most 180 characters of it
    /// plus an ellipsis at either end; none only without notes.
    #[test]
    fn excerpt_is_a_short_passage_of_the_notes(blocks in blocks(), q in query()) {
        match excerpt(&blocks, &q) {
            None => prop_assert!(blocks.is_empty()),
            Some(passage) => {
                prop_assert!(passage.chars().count() <= 182, "{passage:?}");
                let core = passage.strip_prefix('…').unwrap_or(&passage);
                let core = core.strip_suffix('…').unwrap_or(core);
                prop_assert!(
                    blocks.iter().any(|b| b.text().contains(core)),
                    "{passage:?} is in no block"
                );
            }
        }
    }

    /// "The first passage that matches the search": when a block matches,
    /// the excerpt shows the first match.
    #[test]
    fn excerpt_shows_the_first_match(blocks in blocks(), q in query()) {
        let first = blocks.iter().find_map(|b| {
            highlight(b.text(), &q)
                .into_iter()
                .find(|(_, marked)| *marked)
                .map(|(piece, _)| piece)
        });
        if let Some(first) = first {
            let passage = excerpt(&blocks, &q).expect("notes give an excerpt");
            prop_assert!(
                passage.contains(&first),
                "excerpt {passage:?} hides the match {first:?} for {q:?}"
            );
        }
    }
}

// ---------------------------------------------------------------------------
// The address bar

fn ids_of(list: &[String], picks: &[bool]) -> Vec<String> {
    list.iter()
        .zip(picks.iter().chain(std::iter::repeat(&false)))
        .filter(|(_, &on)| on)
        .map(|(id, _)| id.clone())
        .collect()
}

/// A view the app can be in: ids the report has, in its order, any text.
fn filters() -> impl Strategy<Value = Filters> {
    (
        prop::option::of(any::<Index>()),
        prop::collection::vec(any::<bool>(), 8),
        prop::collection::vec(any::<bool>(), 16),
        prop_oneof![query(), text()],
        any::<bool>(),
    )
        .prop_map(|(day, tracks, topics, text, unread_only)| {
            let report = bundled();
            let track_ids: Vec<String> = report.tracks.iter().map(|t| t.id.clone()).collect();
            let topic_ids: Vec<String> = report.topics.iter().map(|t| t.id.clone()).collect();
            Filters {
                day: day.map(|i| report.days[i.index(report.days.len())].id.clone()),
                tracks: ids_of(&track_ids, &tracks),
                topics: ids_of(&topic_ids, &topics),
                text,
                unread_only,
                ..Filters::default()
            }
        })
}

/// What survives a trip through the address bar: a blank search is no search.
fn normalized(mut filters: Filters) -> Filters {
    if filters.text.trim().is_empty() {
        filters.text.clear();
    }
    filters
}

const QUERY_KEYS: &[&str] = &["day", "track", "topic", "q", "unread", "x", "", "Day", "q "];
const QUERY_VALUES: &[&str] = &[
    "2024-03-19",
    "plenary,track-2",
    "plenary, plenary ,,",
    "security",
    "1",
    "true",
    "yes",
    "0",
    "%",
    "%FF",
    "%C3",
    "%E2%80%AE",
    "+",
    "%2C",
    "=",
    "&",
    "#",
];

/// Address-bar queries made of the real keys and odd values.
fn query_string() -> impl Strategy<Value = String> {
    prop::collection::vec(
        (
            prop::sample::select(QUERY_KEYS),
            prop_oneof![
                prop::sample::select(QUERY_VALUES).prop_map(str::to_string),
                text()
            ],
        ),
        0..6,
    )
    .prop_map(|pairs| {
        let pairs: Vec<String> = pairs.iter().map(|(k, v)| format!("{k}={v}")).collect();
        format!("?{}", pairs.join("&"))
    })
}

fn in_report_order(ids: &[String], order: &[String]) -> bool {
    let positions: Vec<usize> = ids
        .iter()
        .filter_map(|id| order.iter().position(|o| o == id))
        .collect();
    positions.len() == ids.len() && positions.windows(2).all(|w| w[0] < w[1])
}

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn to_query_round_trips(filters in filters()) {
        let query = filters.to_query();
        prop_assert!(query.is_empty() || query.starts_with('?'));
        prop_assert_eq!(Filters::from_query(&query, bundled()), normalized(filters));
    }

    /// Any address opens a view of ids the report knows, in the report's
    /// order, and writing that view out and reading it again changes nothing.
    #[test]
    fn from_query_never_panics_and_keeps_known_ids(
        query in prop_oneof![query_string(), any::<String>()],
    ) {
        let report = bundled();
        let filters = Filters::from_query(&query, report);
        if let Some(day) = &filters.day {
            prop_assert!(report.day(day).is_some());
        }
        let track_ids: Vec<String> = report.tracks.iter().map(|t| t.id.clone()).collect();
        let topic_ids: Vec<String> = report.topics.iter().map(|t| t.id.clone()).collect();
        prop_assert!(in_report_order(&filters.tracks, &track_ids), "{:?}", filters.tracks);
        prop_assert!(in_report_order(&filters.topics, &topic_ids), "{:?}", filters.topics);
        let again = Filters::from_query(&filters.to_query(), report);
        prop_assert_eq!(again, normalized(filters));
    }
}

// ---------------------------------------------------------------------------
// Read marks and stars

fn id() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-z0-9-]{1,12}",
        prop::sample::select(TRAPS).prop_map(str::to_string),
        any::<String>(),
    ]
}

fn list() -> impl Strategy<Value = List> {
    prop::sample::select(vec![List::Read, List::Starred])
}

fn ledger() -> impl Strategy<Value = Ledger> {
    // Times start at 1: 0 means "unknown", as for marks of older builds.
    prop::collection::vec(
        (
            any::<bool>(),
            prop::collection::vec(id(), 0..4),
            1u64..u64::MAX,
        ),
        0..8,
    )
    .prop_map(|changes| {
        let mut ledger = Ledger::default();
        for (add, ids, when) in changes {
            let change = if add {
                Change::Add(ids)
            } else {
                Change::Remove(ids)
            };
            ledger.apply(&change, when);
        }
        ledger
    })
}

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn parse_stored_never_panics(list in list(), text in prop_oneof![
        any::<String>(),
        "[\\[\\]{}\",:0-9a-z ]{0,48}",
        (list(), ledger()).prop_map(|(list, l)| to_stored(list, &l)),
    ]) {
        let _ = parse_stored(list, Some(&text));
    }

    #[test]
    fn stored_lists_round_trip(list in list(), ledger in ledger()) {
        prop_assert_eq!(parse_stored(list, Some(&to_stored(list, &ledger))), Loaded::Ledger(ledger));
    }

    /// Tabs that merge the same two values reach the same marks.
    #[test]
    fn merging_is_order_independent(a in ledger(), b in ledger()) {
        let mut ab = a.clone();
        ab.merge(&b);
        let mut ba = b.clone();
        ba.merge(&a);
        prop_assert_eq!(&ab, &ba);
        let mut twice = ab.clone();
        twice.merge(&b);
        prop_assert_eq!(twice, ab);
    }

    #[test]
    fn scope_of_never_panics(path in any::<String>()) {
        let scope = scope_of(&path);
        prop_assert!(scope.ends_with('/'));
    }

    #[test]
    fn parse_export_never_panics(
        text in prop_oneof![any::<String>(), "[\\[\\]{}\",:0-9a-z ]{0,48}"],
        report_id in id(),
    ) {
        let _ = parse_export(&text, &report_id, |_| true);
    }

    /// An exported file imports back into its report: the ids the report
    /// has, the others counted as skipped, once each.
    #[test]
    fn export_round_trips(
        report_id in id(),
        read in prop::collection::btree_set(id(), 0..8),
        starred in prop::collection::btree_set(id(), 0..8),
        keep in any::<u8>(),
    ) {
        let in_report = |id: &str| id.len() % 3 != usize::from(keep % 3);
        let file = export(&report_id, &read, &starred);
        let imported = parse_export(&file, &report_id, in_report).expect("an export reads back");
        let kept = |ids: &BTreeSet<String>| -> Vec<String> {
            ids.iter().filter(|id| in_report(id)).cloned().collect()
        };
        let all: BTreeSet<&String> = read.iter().chain(&starred).collect();
        prop_assert_eq!(imported.skipped, all.iter().filter(|id| !in_report(id)).count());
        prop_assert_eq!(imported.read, kept(&read));
        prop_assert_eq!(imported.starred, kept(&starred));
        let spliced = file.replacen('"', "'", 1);
        prop_assert!(parse_export(&spliced, &report_id, in_report).is_err());
    }
}
