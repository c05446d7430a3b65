//! What a person hands the importer (files, several, a folder) and what the
//! command line says back: the report, warnings at FILE:LINE, a summary of
//! the talks found, and an error, with nothing written, when nothing is
//! found or the inputs do not go together.

use crate::common::temp::TempDir;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use tripnotes::import::{read_any, Options, Read};

const NOTES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/notes");

fn notes(relative: &str) -> PathBuf {
    Path::new(NOTES).join(relative)
}

fn read(inputs: &[PathBuf]) -> Read {
    read_any(inputs, &Options::default()).unwrap_or_else(|e| panic!("{e}"))
}

fn titles(read: &Read) -> Vec<&str> {
    read.report
        .entries
        .iter()
        .map(|e| e.title.as_str())
        .collect()
}

fn write(dir: &TempDir, name: &str, text: &str) -> PathBuf {
    let path = dir.0.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

fn post(date: &str, talk: &str, note: &str) -> String {
    format!("---\ndate: {date}\n---\n\n**{talk}**\n\n{note}\n")
}

#[test]
fn a_folder_is_its_markdown_files_in_name_order_and_the_rest_is_left_with_a_warning() {
    let dir = TempDir::new("read-any-folder");
    write(
        &dir,
        "2-second.md",
        &post("2024-05-02", "Second talk", "Two."),
    );
    write(
        &dir,
        "1-first.md",
        &post("2024-05-01", "First talk", "One."),
    );
    write(&dir, "photo.jpg", "not notes");
    write(&dir, ".hidden.md~", "an editor's backup");
    let read = read(std::slice::from_ref(&dir.0));
    assert_eq!(titles(&read), ["First talk", "Second talk"]);
    let left: Vec<String> = (read.warnings.iter())
        .map(|w| w.to_string())
        .filter(|w| w.contains("left out"))
        .collect();
    assert_eq!(
        left,
        [format!(
            "{}: not a Markdown file (.md): left out",
            dir.0.join("photo.jpg").display()
        )]
    );
}

#[test]
fn a_folder_without_markdown_is_an_error() {
    let dir = TempDir::new("read-any-empty");
    write(&dir, "notes.txt", "# Not Markdown by name");
    let error = read_any(std::slice::from_ref(&dir.0), &Options::default()).unwrap_err();
    assert_eq!(error.file, dir.0.display().to_string());
    assert!(error.message.contains("no Markdown file"), "{error}");
}

#[test]
fn the_days_of_several_files_and_a_folder_make_one_report() {
    let days = ["day1.md", "day2.md", "day3.md"].map(|d| notes(&format!("days/{d}")));
    let by_files = read(&days);
    let by_folder = read(&[notes("days")]);
    assert_eq!(by_files.report, by_folder.report);
    let days: Vec<&str> = by_files.report.days.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(days, ["2024-09-02", "2024-09-03", "2024-09-04"]);
    // The summary names every talk, on its day.
    let summary = by_files.summary.join("\n");
    for title in titles(&by_files) {
        assert!(summary.contains(title), "{title} missing from\n{summary}");
    }
    assert!(summary.starts_with("4 talks over 3 days"), "{summary}");
}

#[test]
fn only_notes_go_together() {
    let programme = Path::new(env!("CARGO_MANIFEST_DIR")).join("public/report.json");
    let error = read_any(
        &[notes("hugo-post.md"), programme.clone()],
        &Options::default(),
    )
    .unwrap_err();
    assert_eq!(error.file, programme.display().to_string());
    assert!(error.message.contains("only Markdown notes"), "{error}");
}

#[test]
fn footnotes_of_several_files_keep_marks_of_their_own() {
    let dir = TempDir::new("read-any-footnotes");
    let one = write(
        &dir,
        "a.md",
        &post("2024-05-01", "A talk", "Said.[^1]\n\n[^1]: First."),
    );
    let two = write(
        &dir,
        "b.md",
        &post(
            "2024-05-02",
            "B talk",
            "Again.[^1] Named.[^aside]\n\n[^1]: Second.\n[^aside]: Third.",
        ),
    );
    let read = read(&[one, two]);
    let footnotes: Vec<(&str, &str)> = (read.report.footnotes.iter())
        .map(|f| (f.mark.as_str(), f.text.as_str()))
        .collect();
    assert_eq!(
        footnotes,
        [("1", "First."), ("2", "Second."), ("3", "Third.")]
    );
    let texts: Vec<&str> = (read.report.entries.iter())
        .map(|e| e.body[0].text())
        .collect();
    assert_eq!(texts, ["Said.¹", "Again.² Named.³"]);
}

#[test]
fn yaml_front_matter_is_notes_whatever_the_file_is_called() {
    let dir = TempDir::new("read-any-yaml");
    let path = write(&dir, "post.txt", &post("2024-05-01", "A talk", "Words."));
    assert_eq!(titles(&read(&[path])), ["A talk"]);
}

fn import(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tripnotes-import"))
        .args(args)
        .output()
        .expect("the importer runs")
}

#[test]
fn the_command_line_prints_warnings_at_file_and_line_then_the_summary_and_quiet_only_the_summary() {
    let dir = TempDir::new("read-any-cli");
    let out = dir.0.join("report.json");
    let input = notes("hugo-post.md");
    let (input, out) = (input.to_str().unwrap(), out.to_str().unwrap());

    let loud = import(&[input, out]);
    assert!(loud.status.success());
    let said = String::from_utf8_lossy(&loud.stderr);
    assert!(
        said.contains(&format!("warning: {input}:24: the shortcode")),
        "{said}"
    );
    assert!(
        said.contains("wrote ") && said.contains("Platform teams without the bureaucracy"),
        "{said}"
    );

    let quiet = import(&["--quiet", input, out]);
    assert!(quiet.status.success());
    let said = String::from_utf8_lossy(&quiet.stderr);
    assert!(!said.contains("warning:"), "{said}");
    assert!(said.contains("shortcodes left out: 1"), "{said}");
}

#[test]
fn the_command_line_writes_nothing_when_strict_refuses_a_guess() {
    let dir = TempDir::new("read-any-strict");
    let out = dir.0.join("report.json");
    let input = notes("hugo-post.md");
    let refused = import(&["--strict", input.to_str().unwrap(), out.to_str().unwrap()]);
    assert!(!refused.status.success());
    let said = String::from_utf8_lossy(&refused.stderr);
    assert!(
        said.starts_with(&format!("error: {}:", input.display())),
        "{said}"
    );
    assert!(!out.exists());
}
