//! One entry to every importer: the files a person has (a JSON report, a
//! programme, a text report with its annotations, or Markdown notes in one
//! file, several or a folder) become one report, with what was guessed on
//! the way and a summary, and every problem said as `file:line: message`.

use super::markdown::{self, Source};
use super::{schedule, text, Format};
use crate::model::Report;
use crate::present::counted;
use std::fmt;
use std::path::{Path, PathBuf};

pub use markdown::Options;

/// A problem, or a guess, and where: the file, and the line when one is to
/// blame.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located {
    pub file: String,
    pub line: Option<usize>,
    pub message: String,
}

impl Located {
    fn new(file: impl Into<String>, line: Option<usize>, message: impl Into<String>) -> Located {
        Located {
            file: file.into(),
            line: line.filter(|&line| line > 0),
            message: message.into(),
        }
    }
}

impl fmt::Display for Located {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{line}: {}", self.file, self.message),
            None => write!(f, "{}: {}", self.file, self.message),
        }
    }
}

impl std::error::Error for Located {}

/// A report read from a person's files.
#[derive(Debug, Clone)]
pub struct Read {
    pub report: Report,
    /// What was guessed or left out, each where it was.
    pub warnings: Vec<Located>,
    /// What was found, in lines a person reads: entries by day, speakers,
    /// links, warnings by kind.
    pub summary: Vec<String>,
}

/// Reads the inputs as one report. A folder stands for its Markdown files
/// in name order. Several files must all be Markdown notes, except a text
/// report followed by its annotations (`.toml`). An input in which nothing
/// is found is an error.
pub fn read_any(inputs: &[PathBuf], options: &Options) -> Result<Read, Located> {
    let mut warnings = Vec::new();
    let files = expand_folders(inputs, &mut warnings)?;
    let read = match files.as_slice() {
        [] => return Err(Located::new("", None, "no input given")),
        [report, annotations] if has_extension(annotations, "toml") => {
            from_text(report, annotations)?
        }
        [only] => from_one(only, options)?,
        several => from_notes(several, options)?,
    };
    warnings.extend(read.warnings);
    Ok(Read { warnings, ..read })
}

/// The files the inputs name, a folder's Markdown files in name order;
/// a folder's other files are left with a warning.
fn expand_folders(
    inputs: &[PathBuf],
    warnings: &mut Vec<Located>,
) -> Result<Vec<PathBuf>, Located> {
    let mut files = Vec::new();
    for input in inputs {
        if !input.is_dir() {
            files.push(input.clone());
            continue;
        }
        let name = input.display().to_string();
        let listed = std::fs::read_dir(input)
            .map_err(|e| Located::new(&name, None, format!("cannot read the folder: {e}")))?;
        let mut found: Vec<PathBuf> = Vec::new();
        for entry in listed {
            let path = entry
                .map_err(|e| Located::new(&name, None, format!("cannot read the folder: {e}")))?
                .path();
            if is_markdown(&path) && path.is_file() {
                found.push(path);
            } else if !is_hidden(&path) {
                warnings.push(Located::new(
                    path.display().to_string(),
                    None,
                    "not a Markdown file (.md): left out",
                ));
            }
        }
        if found.is_empty() {
            return Err(Located::new(
                name,
                None,
                "no Markdown file (.md) in this folder",
            ));
        }
        found.sort();
        files.extend(found);
    }
    Ok(files)
}

fn has_extension(path: &Path, extension: &str) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case(extension))
}

fn is_markdown(path: &Path) -> bool {
    has_extension(path, "md") || has_extension(path, "markdown")
}

fn is_hidden(path: &Path) -> bool {
    path.file_name()
        .is_some_and(|name| name.to_string_lossy().starts_with('.'))
}

fn read_bytes(path: &Path) -> Result<Vec<u8>, Located> {
    std::fs::read(path).map_err(|e| {
        Located::new(
            path.display().to_string(),
            None,
            format!("cannot read: {e}"),
        )
    })
}

fn read_text(path: &Path) -> Result<String, Located> {
    let bytes = read_bytes(path)?;
    String::from_utf8(bytes)
        .map_err(|_| Located::new(path.display().to_string(), None, "not UTF-8"))
}

/// A single file: a programme, a JSON report or Markdown notes.
fn from_one(path: &Path, options: &Options) -> Result<Read, Located> {
    let name = path.display().to_string();
    let bytes = read_bytes(path)?;
    if schedule::is_schedule(&bytes) {
        let imported = schedule::import(&bytes).map_err(|e| Located::new(&name, None, e.0))?;
        let summary = vec![imported.summary().to_string()];
        let warnings = (imported.warnings.iter())
            .map(|w| Located::new(&name, None, w.to_string()))
            .collect();
        return Ok(Read {
            report: imported.report,
            warnings,
            summary,
        });
    }
    let text = String::from_utf8(bytes).map_err(|_| Located::new(&name, None, "not UTF-8"))?;
    match super::detect(&name, &text) {
        Some(Format::Json) => {
            let report = Report::from_json(&text).map_err(|e| Located::new(&name, None, e.to_string()))?;
            Ok(plain(report))
        }
        Some(Format::Markdown) => notes(vec![Source { name, text }], options),
        None => Err(Located::new(
            name,
            Some(1),
            "not a report: a JSON report starts with {, a programme is frab / pretalx schedule JSON or XML, notes are Markdown (.md)",
        )),
    }
}

/// Several files of notes, one report.
fn from_notes(paths: &[PathBuf], options: &Options) -> Result<Read, Located> {
    let sources = (paths.iter())
        .map(|path| {
            let name = path.display().to_string();
            let text = read_text(path)?;
            match super::detect(&name, &text) {
                Some(Format::Markdown) => Ok(Source { name, text }),
                _ => Err(Located::new(
                    name,
                    None,
                    "only Markdown notes (.md) can be read together as one report",
                )),
            }
        })
        .collect::<Result<Vec<_>, _>>()?;
    notes(sources, options)
}

fn notes(sources: Vec<Source>, options: &Options) -> Result<Read, Located> {
    let imported = markdown::import_notes(&sources, options)
        .map_err(|e| Located::new(e.file, Some(e.line), e.message))?;
    let summary = summary_lines(&imported.summary());
    let warnings = (imported.warnings.into_iter())
        .map(|w| Located::new(w.file, Some(w.line), w.message))
        .collect();
    Ok(Read {
        report: imported.report,
        warnings,
        summary,
    })
}

/// The talks found, day by day, then the counts and the warnings by kind.
fn summary_lines(summary: &markdown::Summary) -> Vec<String> {
    let talks: usize = summary.days.iter().map(|day| day.titles.len()).sum();
    let mut lines = vec![format!(
        "{} over {}, {}, {} kept",
        counted(talks, "talk", "talks"),
        counted(summary.days.len(), "day", "days"),
        counted(summary.speakers, "speaker", "speakers"),
        counted(summary.links, "link", "links")
    )];
    for day in &summary.days {
        lines.push(format!(
            "  {} ({}): {}",
            day.label,
            day.id,
            day.titles.join("; ")
        ));
    }
    if !summary.warnings.is_empty() {
        let kinds: Vec<String> = (summary.warnings.iter())
            .map(|(kind, count)| format!("{}: {count}", kind.name()))
            .collect();
        lines.push(format!("warnings: {}", kinds.join(", ")));
    }
    lines
}

/// A plain-text report and its annotations.
fn from_text(report: &Path, annotations: &Path) -> Result<Read, Located> {
    use text::{import_bytes, Annotations, ImportError, Place};
    let located = |e: ImportError| match e.place {
        Place::Text(line) => Located::new(report.display().to_string(), Some(line), e.message),
        Place::Annotations => Located::new(annotations.display().to_string(), None, e.message),
    };
    let notes = Annotations::from_toml(&read_text(annotations)?).map_err(located)?;
    import_bytes(&read_bytes(report)?, &notes)
        .map(plain)
        .map_err(located)
}

/// A report read as it is, with nothing guessed.
fn plain(report: Report) -> Read {
    let summary = vec![format!(
        "{}: {} entries, {} days",
        report.title,
        report.entries.len(),
        report.days.len()
    )];
    Read {
        report,
        warnings: Vec::new(),
        summary,
    }
}
