//! Trip reports as authors write them: blog posts with Hugo's or Jekyll's
//! front matter, sections titled "Talk - Speaker", one file a day and one
//! file a talk, each read as one report with what was guessed in warnings.
//! The corpus in tests/data/notes was written for these tests.

use crate::common::strategies::config;
use proptest::prelude::*;
use std::collections::HashMap;
use std::path::Path;
use tripnotes::import::markdown::{
    import, import_notes, Imported, MarkdownError, Options, Source, WarningKind,
};
use tripnotes::model::{Block, Entry, Report};
use tripnotes::query::search::words;

const NOTES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/notes");

fn source(relative: &str) -> Source {
    let path = Path::new(NOTES).join(relative);
    Source {
        name: relative.to_string(),
        text: std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{relative}: {e}")),
    }
}

fn lenient() -> Options {
    Options::default()
}

fn on(day: &str) -> Options {
    Options {
        day: Some(day.into()),
        ..Options::default()
    }
}

fn read(files: &[&str], options: &Options) -> Imported {
    let sources: Vec<Source> = files.iter().map(|f| source(f)).collect();
    import_notes(&sources, options).unwrap_or_else(|e| panic!("{e}"))
}

fn refused(files: &[&str], options: &Options) -> MarkdownError {
    let sources: Vec<Source> = files.iter().map(|f| source(f)).collect();
    match import_notes(&sources, options) {
        Ok(imported) => panic!("read as {:#?}", imported.report.entries),
        Err(e) => e,
    }
}

/// Each entry as (day, title, speakers).
fn talks(report: &Report) -> Vec<(&str, &str, Vec<&str>)> {
    (report.entries.iter())
        .map(|e| {
            let speakers = e.speakers.iter().map(|s| s.name.as_str()).collect();
            (e.day.as_str(), e.title.as_str(), speakers)
        })
        .collect()
}

fn links(entry: &Entry) -> Vec<(&str, &str)> {
    (entry.body.iter())
        .flat_map(Block::spans)
        .filter_map(|s| s.link.as_deref().map(|link| (s.text.as_str(), link)))
        .collect()
}

fn texts(blocks: &[Block]) -> Vec<&str> {
    blocks.iter().map(Block::text).collect()
}

fn kinds(imported: &Imported) -> Vec<WarningKind> {
    imported.warnings.iter().map(|w| w.kind).collect()
}

fn warned(imported: &Imported, kind: WarningKind) -> Vec<String> {
    (imported.warnings.iter())
        .filter(|w| w.kind == kind)
        .map(ToString::to_string)
        .collect()
}

#[test]
fn a_hugo_post_reads_its_bold_talks_and_italic_speakers() {
    let imported = read(&["hugo-post.md"], &lenient());
    let report = &imported.report;
    assert_eq!(report.title, "Notes from Devopsdays Lisbon");
    assert_eq!(
        talks(report),
        [
            (
                "2024-05-14",
                "Accelerate, five years on",
                vec!["Nicole Forsgren", "Jez Humble"]
            ),
            (
                "2024-05-14",
                "Platform teams without the bureaucracy",
                vec!["Sam Okafor", "Lea Wolf"]
            ),
            ("2024-05-14", "Lightning talks", vec![]),
        ]
    );
    assert_eq!(
        texts(&report.introduction),
        ["Two days by the river, and these are the talks I took notes in."]
    );
    // Nested bullets keep their levels.
    let levels: Vec<u8> = (report.entries[0].body.iter())
        .filter_map(|b| match b {
            Block::Bullet { level, .. } => Some(*level),
            _ => None,
        })
        .collect();
    assert_eq!(levels, [0, 1, 1, 0]);
    assert_eq!(
        links(&report.entries[0]),
        [(
            "State of DevOps report",
            "https://example.org/state-of-devops"
        )]
    );
    // The link without a scheme is its text alone.
    assert_eq!(
        links(&report.entries[1]),
        [("the forge", "https://forge.example.org/platform-demo")]
    );
    assert!(report.entries[1].body[0]
        .text()
        .starts_with("Slides are here, and"));
    assert_eq!(report.tracks.len(), 1);
    assert!(report
        .entries
        .iter()
        .all(|e| e.track == report.tracks[0].id));
    assert_eq!(report.conference.first_day, "2024-05-14");
    assert_eq!(report.conference.name, "", "no conference is named");

    assert_eq!(
        warned(&imported, WarningKind::IgnoredKeys),
        ["hugo-post.md:1: front matter keys a report has no use for are ignored: comments, draft, menu, share, slug, tags"]
    );
    let shortcode = warned(&imported, WarningKind::Shortcode);
    assert_eq!(shortcode.len(), 1);
    assert!(
        shortcode[0].starts_with("hugo-post.md:24: the shortcode `{{< tweet"),
        "{shortcode:?}"
    );
    let link = warned(&imported, WarningKind::Link);
    assert_eq!(link.len(), 1);
    assert!(
        link[0].starts_with("hugo-post.md:29: the link to \"tinyurl.com/platformslides\""),
        "{link:?}"
    );
    assert!(!report.blocks().any(|b| b.text().contains("{{")));
}

#[test]
fn a_jekyll_post_reads_yaml_and_talks_under_second_level_headings() {
    let imported = read(&["jekyll-post.md"], &lenient());
    let report = &imported.report;
    assert_eq!(report.title, "RustFest Zürich, day one");
    assert_eq!(report.author, "Mara Lind");
    assert_eq!(
        talks(report),
        [
            ("2024-06-20", "Opening keynote", vec!["Ana María López"]),
            (
                "2024-06-20",
                "Async traits in practice",
                vec!["Tom Berg", "Ines Costa"]
            ),
        ]
    );
    assert_eq!(
        links(&report.entries[0]),
        [("edition process", "https://example.org/editions")]
    );
    let numbers: Vec<u32> = (report.entries[0].body.iter())
        .filter_map(|b| match b {
            Block::Numbered { number, .. } => Some(*number),
            _ => None,
        })
        .collect();
    assert_eq!(numbers, [1, 2]);
    // The quote, the HTML and the code keep their words, not their markup.
    assert_eq!(
        texts(&report.entries[1].body),
        [
            "Not everything needs to be async.",
            "A MSRV policy helps.",
            "cargo +nightly test"
        ]
    );
    assert_eq!(
        warned(&imported, WarningKind::IgnoredKeys),
        ["jekyll-post.md:1: front matter keys a report has no use for are ignored: categories, image, layout"]
    );
    assert!(kinds(&imported).contains(&WarningKind::Html));
    assert_eq!(
        (kinds(&imported).iter())
            .filter(|k| **k == WarningKind::Markup)
            .count(),
        2,
        "the quote and the code block: {:?}",
        imported.warnings
    );
}

#[test]
fn sections_without_front_matter_give_speakers_from_their_titles() {
    let imported = read(&["sections.md"], &on("2024-03-20"));
    let report = &imported.report;
    assert_eq!(report.title, "Scaling notes from KubeCon");
    assert_eq!(
        talks(report),
        [
            ("2024-03-20", "Keeping etcd happy", vec!["Priya Raman"]),
            (
                "2024-03-20",
                "Cost control for clusters",
                vec!["Jonas Weber"]
            ),
            ("2024-03-20", "Q&A - 2024", vec![]),
        ]
    );
    assert_eq!(
        report.entries[0].speakers[0].affiliation.as_deref(),
        Some("Acme Cloud")
    );
    assert_eq!(warned(&imported, WarningKind::Speaker).len(), 2);
    // An image is its description, a link when its address is absolute.
    assert_eq!(
        links(&report.entries[0]),
        [(
            "etcd latency graph",
            "https://img.example.org/etcd-latency.png"
        )]
    );
    assert_eq!(report.entries[1].body[0].text(), "a local picture");
    assert_eq!(
        links(&report.entries[1]),
        [("the write-up", "https://blog.example.org/spot")]
    );
    assert_eq!(
        texts(&report.introduction),
        ["These are my raw notes, unedited."]
    );
}

#[test]
fn a_post_without_a_day_asks_for_one_instead_of_inventing_it() {
    let error = refused(&["sections.md"], &lenient());
    assert_eq!(error.file, "sections.md");
    assert_eq!(error.line, 5);
    assert!(error.message.contains("--day"), "{error}");
    assert!(error.to_string().starts_with("sections.md:5: "), "{error}");
}

#[test]
fn the_day_given_overrides_the_post_date() {
    let report = read(&["hugo-post.md"], &on("2024-05-15")).report;
    assert!(report.entries.iter().all(|e| e.day == "2024-05-15"));
    assert_eq!(report.days.len(), 1);
}

#[test]
fn one_file_a_day_is_one_report() {
    let files = ["days/day1.md", "days/day2.md", "days/day3.md"];
    let imported = read(&files, &lenient());
    let report = &imported.report;
    assert_eq!(report.title, "PyCon Nordic 2024");
    assert_eq!(
        talks(report),
        [
            ("2024-09-02", "Typing the untyped", vec!["Erik Sund"]),
            ("2024-09-03", "Packaging in 2024", vec!["Lena Vik"]),
            ("2024-09-03", "Free-threaded Python", vec!["Olli Nieminen"]),
            ("2024-09-04", "Closing keynote", vec!["Maja Holm"]),
        ]
    );
    let days: Vec<&str> = report.days.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(days, ["2024-09-02", "2024-09-03", "2024-09-04"]);
    assert_eq!(report.days[2].label, "Wednesday, September 4");
    assert_eq!(
        (
            report.conference.first_day.as_str(),
            report.conference.last_day.as_str()
        ),
        ("2024-09-02", "2024-09-04")
    );
    assert_eq!(
        links(&report.entries[1]),
        [("the guide", "https://packaging.example.org/guide")]
    );
    let summary = imported.summary();
    let per_day: Vec<usize> = summary.days.iter().map(|d| d.titles.len()).collect();
    assert_eq!(per_day, [1, 2, 1]);
    assert_eq!(summary.speakers, 4);
    assert_eq!(summary.links, 1);
    // day2's tags, and day3's "# Day three", which is neither title, day
    // nor talk.
    assert_eq!(
        summary.warnings,
        [(WarningKind::IgnoredKeys, 1), (WarningKind::Markup, 1)]
    );
    assert_eq!(imported.warnings[0].file, "days/day2.md");
}

#[test]
fn a_folder_of_one_file_a_talk_is_one_report() {
    let files = ["talks/01-keynote.md", "talks/02-workshop.md"];
    let options = Options {
        title: Some("Monitoring Days".into()),
        ..on("2024-10-08")
    };
    let imported = read(&files, &options);
    let report = &imported.report;
    assert_eq!(report.title, "Monitoring Days");
    assert_eq!(
        talks(report),
        [
            ("2024-10-08", "Why we measure", vec![]),
            ("2024-10-08", "Observability on a budget", vec![]),
        ]
    );
    assert_eq!(
        texts(&report.entries[1].body),
        ["Open source tools only: metrics, logs and traces."]
    );
    assert!(imported.warnings.is_empty(), "{:?}", imported.warnings);
}

#[test]
fn without_any_title_the_file_name_is_one() {
    let source = Source {
        name: "notes/kubecon-day-1.md".into(),
        text: "**A talk**\n\nWords.\n".into(),
    };
    let imported = import_notes(&[source], &on("2024-03-20")).unwrap();
    assert_eq!(imported.report.title, "kubecon-day-1");
    assert_eq!(kinds(&imported), [WarningKind::Title]);
}

#[test]
fn an_import_that_finds_no_talk_is_an_error() {
    for text in ["", "Just a paragraph.\n", "+++\ntitle = \"T\"\n+++\n"] {
        let source = Source {
            name: "empty.md".into(),
            text: text.into(),
        };
        let error = import_notes(&[source], &on("2024-03-20")).unwrap_err();
        assert!(error.message.contains("no talk found"), "{text:?}: {error}");
    }
    let error = import_notes(&[], &lenient()).unwrap_err();
    assert!(error.message.contains("no talk found"), "{error}");
}

#[test]
fn a_wrong_value_of_a_key_the_report_uses_is_still_an_error() {
    let cases = [
        (
            "+++\ntitle = \"T\"\ndate = \"soon\"\n+++\n**A**\n",
            3,
            "not a date",
        ),
        ("---\ntags: [a]\ntitle: [1, 2]\n---\n**A**\n", 3, "`title`"),
        ("+++\ntracks = \"main\"\n+++\n**A**\n", 2, "`tracks`"),
    ];
    for (text, line, says) in cases {
        let source = Source {
            name: "post.md".into(),
            text: text.into(),
        };
        let error = import_notes(&[source], &on("2024-03-20")).unwrap_err();
        assert_eq!(
            (error.line, error.file.as_str()),
            (line, "post.md"),
            "{error}"
        );
        assert!(error.message.contains(says), "{error}");
    }
}

#[test]
fn repeated_titles_get_ids_of_their_own() {
    let source = Source {
        name: "post.md".into(),
        text: "**Keynote**\n\n**Keynote**\n\n**!!!**\n".into(),
    };
    let imported = import_notes(&[source], &on("2024-03-20")).unwrap();
    let ids: Vec<&str> = imported
        .report
        .entries
        .iter()
        .map(|e| e.id.as_str())
        .collect();
    assert_eq!(ids, ["keynote", "keynote-2", "talk"]);
    assert_eq!(warned(&imported, WarningKind::Id).len(), 2);
}

#[test]
fn strict_refuses_what_the_lenient_reader_guesses() {
    let strict = Options {
        strict: true,
        ..on("2024-05-14")
    };
    let error = refused(&["hugo-post.md"], &strict);
    assert_eq!(error.file, "hugo-post.md");
    assert!(error.message.contains("front matter"), "{error}");
    let error = refused(&["days/day1.md", "days/day2.md"], &strict);
    assert_eq!(error.file, "days/day2.md");
}

#[test]
fn the_convention_reads_the_same_strict_or_lenient() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/reports/example/report.md"
    ))
    .unwrap();
    let strict = import(&text).unwrap();
    let source = Source {
        name: "report.md".into(),
        text,
    };
    let imported = import_notes(&[source], &lenient()).unwrap();
    assert_eq!(imported.report, strict);
    assert!(imported.warnings.is_empty(), "{:?}", imported.warnings);
}

// The lenient reader on Markdown-ish input: it never panics, and a word a
// reader would see comes out at least as often as it went in.

/// A piece of a generated post, and the words a reader sees in it.
#[derive(Debug, Clone)]
enum Piece {
    Heading(usize, Vec<String>),
    Bold(Vec<String>, Option<Vec<String>>),
    Paragraph(Vec<String>, Option<(Vec<String>, &'static str)>),
    Bullets(Vec<(u8, Vec<String>)>),
    Shortcode(Vec<String>),
    Html(Vec<String>),
}

fn word() -> impl Strategy<Value = String> {
    // Few words, so that titles and speakers repeat.
    prop::sample::select(vec![
        "rust", "Ops", "metrics", "talk", "Ana", "Lee", "déjà", "x2",
    ])
    .prop_map(String::from)
}

fn some_words() -> impl Strategy<Value = Vec<String>> {
    prop::collection::vec(word(), 1..4)
}

fn piece() -> impl Strategy<Value = Piece> {
    let link = prop::sample::select(vec![
        "https://example.org/a",
        "tinyurl.com/b",
        "../relative",
    ]);
    prop_oneof![
        (1usize..5, some_words()).prop_map(|(level, words)| Piece::Heading(level, words)),
        (some_words(), prop::option::of(some_words())).prop_map(|(t, s)| Piece::Bold(t, s)),
        (some_words(), prop::option::of((some_words(), link)))
            .prop_map(|(words, link)| Piece::Paragraph(words, link)),
        prop::collection::vec((0u8..3, some_words()), 1..4).prop_map(Piece::Bullets),
        some_words().prop_map(Piece::Shortcode),
        some_words().prop_map(Piece::Html),
    ]
}

impl Piece {
    fn markdown(&self) -> String {
        let j = |words: &[String]| words.join(" ");
        match self {
            Piece::Heading(level, words) => format!("{} {}", "#".repeat(*level), j(words)),
            Piece::Bold(title, None) => format!("**{}**", j(title)),
            Piece::Bold(title, Some(names)) => format!("**{}**\n_{}_", j(title), names.join(" & ")),
            Piece::Paragraph(words, None) => j(words),
            Piece::Paragraph(words, Some((linked, url))) => {
                format!("{} [{}]({url})", j(words), j(linked))
            }
            Piece::Bullets(items) => (items.iter())
                .map(|(level, words)| format!("{}- {}", "  ".repeat(usize::from(*level)), j(words)))
                .collect::<Vec<_>>()
                .join("\n"),
            Piece::Shortcode(words) => format!("{{{{< tweet {} >}}}}", j(words)),
            Piece::Html(words) => format!("<b>{}</b> <i>x</i>", j(words)),
        }
    }

    /// The words a reader sees: not a shortcode's, not a tag's.
    fn words(&self) -> Vec<String> {
        match self {
            Piece::Heading(_, words) | Piece::Paragraph(words, None) => words.clone(),
            Piece::Bold(title, names) => title
                .iter()
                .chain(names.iter().flatten())
                .cloned()
                .collect(),
            Piece::Paragraph(words, Some((linked, _))) => {
                words.iter().chain(linked).cloned().collect()
            }
            Piece::Bullets(items) => items.iter().flat_map(|(_, w)| w.clone()).collect(),
            Piece::Shortcode(_) => Vec::new(),
            Piece::Html(words) => words.iter().cloned().chain(["x".into()]).collect(),
        }
    }
}

/// Front matter: none, TOML or YAML, with a title of its own words and
/// keys of a blog engine.
fn front() -> impl Strategy<Value = Option<(bool, Vec<String>)>> {
    let title = prop::collection::vec(
        prop::sample::select(vec!["Trip", "Report", "Notes"]).prop_map(String::from),
        1..3,
    );
    prop::option::of((any::<bool>(), title))
}

fn post(front: &Option<(bool, Vec<String>)>, pieces: &[Piece]) -> String {
    let mut text = match front {
        None => String::new(),
        Some((true, title)) => format!(
            "+++\ntitle = \"{}\"\ntags = [\"a\"]\n+++\n\n",
            title.join(" ")
        ),
        Some((false, title)) => format!("---\ntitle: {}\ndraft: true\n---\n\n", title.join(" ")),
    };
    for piece in pieces {
        text.push_str(&piece.markdown());
        text.push_str("\n\n");
    }
    text
}

fn count(words: impl Iterator<Item = String>) -> HashMap<String, usize> {
    let mut counts = HashMap::new();
    for word in words {
        *counts.entry(word).or_insert(0) += 1;
    }
    counts
}

/// Every word of the report a reader sees.
fn report_words(report: &Report) -> HashMap<String, usize> {
    let mut text = vec![report.title.clone()];
    text.extend(report.blocks().map(|b| b.text().to_string()));
    for entry in &report.entries {
        text.push(entry.title.clone());
        for speaker in &entry.speakers {
            text.push(speaker.name.clone());
            text.extend(speaker.affiliation.clone());
        }
    }
    count(text.iter().flat_map(|t| words(t).collect::<Vec<_>>()))
}

fn markdownish() -> impl Strategy<Value = String> {
    let token = prop::sample::select(vec![
        "**",
        "_",
        "*",
        "# ",
        "## ",
        "### ",
        "\n",
        "\n\n",
        "- ",
        "  - ",
        "1. ",
        "[",
        "](",
        ")",
        "https://a.org",
        "x.com/y",
        "{{<",
        ">}}",
        "{%",
        "%}",
        "+++\n",
        "---\n",
        "<b>",
        "</b>",
        "word",
        "Ana Lee",
        " - ",
        ", ",
        "`",
        "> ",
        "![",
        "[^1]",
        "title = \"t\"\n",
        "date: 2024-03-18\n",
        "Monday, March 18",
        "2024-03-19",
        "Editor's note:",
        "- Speaker: ",
        "- Track: ",
        "&",
    ]);
    prop_oneof![
        prop::collection::vec(token, 0..60).prop_map(|tokens| tokens.concat()),
        ".*",
    ]
}

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn the_lenient_reader_never_panics(text in markdownish(), day in any::<bool>()) {
        let source = Source { name: "post.md".into(), text };
        let options = if day { on("2024-03-18") } else { lenient() };
        if let Ok(imported) = import_notes(&[source], &options) {
            prop_assert!(!imported.report.entries.is_empty());
        }
    }

    #[test]
    fn the_lenient_reader_drops_no_word_a_reader_sees(
        front in front(),
        pieces in prop::collection::vec(piece(), 0..8),
    ) {
        let text = post(&front, &pieces);
        let source = Source { name: "post.md".into(), text: text.clone() };
        let imported = match import_notes(&[source], &on("2024-03-18")) {
            Ok(imported) => imported,
            Err(error) => {
                prop_assert!(error.message.contains("no talk found"), "{error}\n{text}");
                prop_assert!(!pieces.iter().any(|p| matches!(p, Piece::Heading(3, _))), "{text}");
                return Ok(());
            }
        };
        let seen = count(pieces.iter().flat_map(Piece::words).flat_map(|w| words(&w).collect::<Vec<_>>()));
        let read = report_words(&imported.report);
        for (word, times) in &seen {
            let out = read.get(word).copied().unwrap_or(0);
            prop_assert!(out >= *times, "\"{word}\" {times} times in, {out} out\n{text}\n{:#?}", imported.report);
        }
    }
}
