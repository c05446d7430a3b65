//! The bundled report: the committed `public/report.json` is what the importer
//! makes of the real input, every session of the source is in it, no word of
//! the source is lost, and the CLI fails cleanly on bad input.

use crate::common::temp::TempDir;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use tripnotes::import::text::{import_bytes, Annotations};
use tripnotes::model::{Block, Kind, Report};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");
const REPORT_TXT: &str = "reports/srecon24-americas/report.txt";
const ANNOTATIONS: &str = "reports/srecon24-americas/annotations.toml";
const COMMITTED: &str = "public/report.json";
const REGENERATE: &str = "cargo run --bin tripnotes-import -- reports/srecon24-americas/report.txt reports/srecon24-americas/annotations.toml public/report.json";

fn path(relative: &str) -> PathBuf {
    Path::new(ROOT).join(relative)
}

fn read(relative: &str) -> Vec<u8> {
    std::fs::read(path(relative)).unwrap_or_else(|e| panic!("{relative}: {e}"))
}

fn source() -> String {
    String::from_utf8(read(REPORT_TXT)).expect("the report text is UTF-8")
}

fn imported() -> Report {
    let annotations = String::from_utf8(read(ANNOTATIONS)).expect("the annotations are UTF-8");
    let annotations =
        Annotations::from_toml(&annotations).unwrap_or_else(|e| panic!("{ANNOTATIONS}: {e}"));
    import_bytes(&read(REPORT_TXT), &annotations).unwrap_or_else(|e| panic!("{REPORT_TXT}: {e}"))
}

/// A "[No slides | Direct video link]" line, found without the importer's
/// own parser: bracketed, two halves, slides on the left, video on the right.
fn source_media_flags(line: &str) -> Option<(bool, bool)> {
    let inner = line.trim().strip_prefix('[')?.strip_suffix(']')?;
    let (left, right) = inner.split_once('|')?;
    let (left, right) = (left.to_lowercase(), right.to_lowercase());
    if !left.contains("slides") || !right.contains("video") {
        return None;
    }
    Some((
        !left.trim().starts_with("no"),
        !right.trim().starts_with("no"),
    ))
}

/// Session headings of the source: a line whose next non-blank line is a
/// slides/video line, with the availability it gives.
fn source_sessions(text: &str) -> Vec<(String, bool, bool)> {
    let lines: Vec<&str> = text.lines().collect();
    let mut sessions = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        if line.trim().is_empty() || source_media_flags(line).is_some() {
            continue;
        }
        let next = lines[i + 1..].iter().find(|l| !l.trim().is_empty());
        if let Some((slides, video)) = next.and_then(|l| source_media_flags(l)) {
            sessions.push((line.trim().to_string(), slides, video));
        }
    }
    sessions
}

// ---------------------------------------------------------------- committed = imported

#[test]
fn the_committed_report_is_the_import_of_the_bundled_input() {
    let expected = String::from_utf8(read(COMMITTED)).expect("the committed report is UTF-8");
    let actual = imported().to_json();
    if actual != expected {
        let first = actual
            .lines()
            .zip(expected.lines())
            .position(|(a, e)| a != e)
            .unwrap_or_else(|| actual.lines().count().min(expected.lines().count()));
        let show = |text: &str| {
            text.lines()
                .enumerate()
                .skip(first.saturating_sub(3))
                .take(7)
                .map(|(n, l)| format!("  {:>5}: {l}\n", n + 1))
                .collect::<String>()
        };
        panic!(
            "{COMMITTED} is not what the importer makes of {REPORT_TXT} and {ANNOTATIONS}.\n\
             First difference at line {}.\nImporter output:\n{}Committed file:\n{}\
             Regenerate it with:\n  {REGENERATE}",
            first + 1,
            show(&actual),
            show(&expected),
        );
    }
}

// ---------------------------------------------------------------- sessions and days

#[test]
fn every_session_and_day_of_the_source_is_in_the_report() {
    let text = source();
    let report = imported();

    let sessions = source_sessions(&text);
    assert_eq!(
        sessions.len(),
        29,
        "session headings with slides/video lines: {sessions:#?}"
    );

    let program: Vec<_> = report
        .entries
        .iter()
        .filter(|e| e.kind.is_program())
        .collect();
    for (heading, slides, video) in &sessions {
        let title = heading
            .strip_prefix("Plenary:")
            .map_or(heading.as_str(), str::trim);
        let found: Vec<_> = program.iter().filter(|e| e.title == title).collect();
        assert_eq!(
            found.len(),
            1,
            "the session \"{heading}\" should be exactly one entry"
        );
        let entry = found[0];
        assert_eq!(
            entry.kind == Kind::Plenary,
            heading.starts_with("Plenary:"),
            "kind of \"{heading}\""
        );
        assert_eq!(
            entry.slides.as_ref().map(|m| m.available),
            Some(*slides),
            "slides of \"{heading}\""
        );
        assert_eq!(
            entry.video.as_ref().map(|m| m.available),
            Some(*video),
            "video of \"{heading}\""
        );
    }

    // The closing remarks have no slides/video line but are a session too.
    let closing: Vec<_> = program.iter().filter(|e| e.kind == Kind::Closing).collect();
    assert_eq!(closing.len(), 1, "one closing-remarks entry");
    assert_eq!(closing[0].title, "Closing Remarks");
    assert_eq!(closing[0].day, "2024-03-20");
    assert_eq!(
        program.len(),
        29 + 1,
        "sessions with slides/video lines plus the closing remarks"
    );

    // In the order of the source.
    let titles: Vec<&str> = program
        .iter()
        .filter(|e| e.kind != Kind::Closing)
        .map(|e| e.title.as_str())
        .collect();
    let headings: Vec<&str> = sessions
        .iter()
        .map(|(h, _, _)| h.strip_prefix("Plenary:").map_or(h.as_str(), str::trim))
        .collect();
    assert_eq!(titles, headings);

    let days: Vec<(&str, &str)> = report
        .days
        .iter()
        .map(|d| (d.id.as_str(), d.label.as_str()))
        .collect();
    assert_eq!(
        days,
        [
            ("2024-03-16", "Saturday, March 16"),
            ("2024-03-17", "Sunday, March 17"),
            ("2024-03-18", "Monday, March 18"),
            ("2024-03-19", "Tuesday, March 19"),
            ("2024-03-20", "Wednesday, March 20"),
            ("2024-03-21", "Thursday, March 21"),
        ]
    );
    for day in &report.days {
        assert!(
            report.entries.iter().any(|e| e.day == day.id),
            "no entry on {}",
            day.id
        );
    }
    assert_eq!(report.last_updated.as_deref(), Some("2024-04-29"));
    assert_eq!(report.footnotes.len(), 1);
    assert_eq!(report.footnotes[0].mark, "1");
}

// ---------------------------------------------------------------- every word kept

/// One word, with the syntax the importer turns into structure taken off the
/// same way on both sides: superscript digits read as digits, and brackets and
/// bullets at a word's ends removed.
fn normalize(word: &str) -> String {
    const SUPERSCRIPTS: [char; 10] = ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];
    let digits: String = word
        .chars()
        .map(|c| match SUPERSCRIPTS.iter().position(|&s| s == c) {
            Some(d) => char::from(b'0' + d as u8),
            None => c,
        })
        .collect();
    digits.trim_matches(['[', ']', '•']).to_string()
}

fn count_words(text: &str, counts: &mut HashMap<String, usize>) {
    for word in text
        .split_whitespace()
        .map(normalize)
        .filter(|w| !w.is_empty())
    {
        *counts.entry(word).or_default() += 1;
    }
}

/// A block written back the way the source writes it.
fn render(block: &Block) -> String {
    match block {
        Block::Paragraph { .. } => block.text().to_string(),
        Block::Numbered { number, .. } => format!("{number}. {}", block.text()),
        Block::Bullet { .. } => format!("• {}", block.text()),
        Block::EditorNote { .. } => format!("[{}]", block.text()),
    }
}

fn source_words(text: &str) -> HashMap<String, usize> {
    let mut counts = HashMap::new();
    let mut breadcrumb = true;
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        if std::mem::take(&mut breadcrumb) {
            continue;
        }
        let skipped = line.starts_with("Back to my ")
            || line.starts_with("Last update ")
            || (line.len() >= 5 && line.bytes().all(|b| b == b'_'))
            || source_media_flags(line).is_some();
        if !skipped {
            count_words(line, &mut counts);
        }
    }
    counts
}

fn report_words(report: &Report) -> HashMap<String, usize> {
    let mut counts = HashMap::new();
    for day in &report.days {
        count_words(&day.label, &mut counts);
    }
    for block in &report.introduction {
        count_words(&render(block), &mut counts);
    }
    for entry in &report.entries {
        let title = match entry.kind {
            Kind::Plenary => format!("Plenary: {}", entry.title),
            _ => entry.title.clone(),
        };
        count_words(&title, &mut counts);
        for block in &entry.body {
            count_words(&render(block), &mut counts);
        }
    }
    for footnote in &report.footnotes {
        count_words(&format!("{} {}", footnote.mark, footnote.text), &mut counts);
    }
    counts
}

#[test]
fn no_word_of_the_source_is_dropped() {
    let source = source_words(&source());
    let output = report_words(&imported());
    let mut missing: Vec<(String, usize)> = source
        .iter()
        .filter_map(|(word, &n)| {
            let have = output.get(word).copied().unwrap_or(0);
            (have < n).then(|| (word.clone(), n - have))
        })
        .collect();
    missing.sort();
    assert!(
        missing.is_empty(),
        "{} words of {REPORT_TXT} are missing from the import (word, times): {missing:?}",
        missing.len()
    );
    // The check is not vacuous.
    assert!(source.values().sum::<usize>() > 10_000);
}

#[test]
fn the_word_check_sees_a_dropped_line() {
    // The same comparison on a report with one paragraph removed must fail.
    let source = source_words(&source());
    let mut report = imported();
    let entry = report
        .entries
        .iter_mut()
        .find(|e| e.id == "opening-remarks")
        .expect("the opening remarks");
    let dropped = entry.body.remove(0);
    let output = report_words(&report);
    let missing: Vec<&String> = source
        .iter()
        .filter(|(word, &n)| output.get(*word).copied().unwrap_or(0) < n)
        .map(|(word, _)| word)
        .collect();
    assert!(
        missing.iter().any(|w| dropped.text().contains(w.as_str())),
        "removing \"{}\" went unnoticed",
        dropped.text()
    );
}

// ---------------------------------------------------------------- command line

fn run_cli(text: &Path, annotations: &Path, out: &Path) -> (bool, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_tripnotes-import"))
        .args([text, annotations, out])
        .output()
        .expect("the CLI runs");
    (
        output.status.success(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

fn bad_input(dir: &TempDir, bytes: &[u8]) -> PathBuf {
    let text = dir.0.join("report.txt");
    let mut content =
        b"Josh Work Conference Report: 2024 SREcon Americas\n\nMonday, March 18\n\n".to_vec();
    content.extend_from_slice(bytes);
    std::fs::write(&text, content).unwrap();
    text
}

#[test]
fn the_cli_reports_bad_text_by_file_and_line_and_writes_nothing() {
    let dir = TempDir::new("bundled-bad-utf8");
    let text = bad_input(&dir, b"Caf\xe9.\n");
    let out = dir.0.join("out.json");
    let (success, stderr) = run_cli(&text, &path(ANNOTATIONS), &out);
    assert!(!success, "the CLI should fail; stderr: {stderr}");
    let located = format!("{}:5:", text.display());
    assert!(
        stderr.contains(&located),
        "expected \"{located}\" in: {stderr}"
    );
    assert!(stderr.contains("UTF-8"), "{stderr}");
    assert!(!out.exists(), "no output file on failure");
    assert_eq!(dir.files(), ["report.txt"], "no temporary file left behind");

    let dir = TempDir::new("bundled-stray-media-flags");
    let text = bad_input(&dir, b"[No slides | No video]\n");
    let out = dir.0.join("out.json");
    let (success, stderr) = run_cli(&text, &path(ANNOTATIONS), &out);
    assert!(!success, "the CLI should fail; stderr: {stderr}");
    let located = format!("{}:5:", text.display());
    assert!(
        stderr.contains(&located),
        "expected \"{located}\" in: {stderr}"
    );
    assert!(stderr.contains("session heading"), "{stderr}");
    assert_eq!(
        dir.files(),
        ["report.txt"],
        "no output and no temporary file"
    );
}

#[test]
fn the_cli_reports_bad_dates_and_ids_of_the_text_by_file_and_line() {
    let cases: [(&str, &[u8]); 3] = [
        ("no-such-day", b"Friday, February 31\n"),
        ("no-such-update", b"Last update Apr99/24 by someone\n"),
        ("no-id", "日本\n\n[No slides | No video]\n".as_bytes()),
    ];
    for (name, bytes) in cases {
        let dir = TempDir::new(&format!("bundled-{name}"));
        let text = bad_input(&dir, bytes);
        let (success, stderr) = run_cli(&text, &path(ANNOTATIONS), &dir.0.join("out.json"));
        assert!(!success, "{name}: the CLI should fail; stderr: {stderr}");
        let located = format!("{}:5:", text.display());
        assert!(
            stderr.contains(&located),
            "{name}: expected \"{located}\" in: {stderr}"
        );
        assert!(!stderr.contains(ANNOTATIONS), "{name}: {stderr}");
    }
}

#[test]
fn the_cli_keeps_an_existing_output_when_the_input_is_bad() {
    let dir = TempDir::new("bundled-keep-old");
    let text = bad_input(&dir, b"[No slides | No video]\n");
    let out = dir.0.join("out.json");
    std::fs::write(&out, "old\n").unwrap();
    let (success, stderr) = run_cli(&text, &path(ANNOTATIONS), &out);
    assert!(!success, "{stderr}");
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "old\n");
    assert_eq!(dir.files(), ["out.json", "report.txt"]);
}

#[test]
fn the_cli_writes_the_report_on_success() {
    let dir = TempDir::new("bundled-success");
    let out = dir.0.join("report.json");
    let (success, stderr) = run_cli(&path(REPORT_TXT), &path(ANNOTATIONS), &out);
    assert!(success, "the CLI should succeed; stderr: {stderr}");
    let report = imported();
    let count = format!("{} entries", report.entries.len());
    assert!(stderr.contains(&count), "expected \"{count}\" in: {stderr}");
    let written = std::fs::read_to_string(&out).expect("the output is written");
    assert_eq!(written, report.to_json());
    assert!(Report::from_json(&written).is_ok());
    assert_eq!(
        dir.files(),
        ["report.json"],
        "no temporary file left behind"
    );

    // Usage errors exit non-zero without writing.
    let output = Command::new(env!("CARGO_BIN_EXE_tripnotes-import"))
        .arg(path(REPORT_TXT))
        .output()
        .unwrap();
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("usage:"));
}

// ---------------------------------------------------------------- synthetic reports

#[test]
fn synthetic_reports_are_valid_with_unique_ids_and_spread_out() {
    let base =
        tripnotes::model::Report::from_json(include_str!("../../public/report.json")).unwrap();
    let report = tripnotes::synth::synthesize(&base, 5000);
    // Through JSON and validation, as the viewer would read it.
    let report = tripnotes::model::Report::from_json(&report.to_json()).unwrap();
    assert_eq!(report.entries.len(), 5000);
    let ids: std::collections::HashSet<_> = report.entries.iter().map(|e| &e.id).collect();
    assert_eq!(ids.len(), 5000);
    for day in &report.days {
        assert!(report.entries.iter().filter(|e| e.day == day.id).count() > 500);
    }
    let tracks: std::collections::HashSet<_> = report.entries.iter().map(|e| &e.track).collect();
    assert!(tracks.len() >= 10);
    let chars: usize = report
        .entries
        .iter()
        .flat_map(|e| &e.body)
        .map(|b| b.text().len())
        .sum();
    let average = chars / report.entries.len();
    assert!(
        (200..2000).contains(&average),
        "average notes length {average}"
    );
}
