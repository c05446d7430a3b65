//! Importers: each reads one source format and gives a validated report.
//! `text` reads a plain-text report with its annotations file, `markdown` a
//! Markdown report, `html` reads text that is HTML into blocks, `schedule` a conference programme in the frab / c3voc
//! schedule formats; `read_report` tells a report's format from its content.

pub mod html;
pub mod markdown;
pub mod schedule;
pub mod text;

use crate::model::Report;

/// The formats a single input file may be in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Json,
    Markdown,
}

/// Tells the format from the content, falling back on the file's extension.
/// One test per format, in order: a new format adds a line.
pub fn detect(path: &str, text: &str) -> Option<Format> {
    let start = text.trim_start_matches('\u{feff}').trim_start();
    if start.starts_with('{') {
        Some(Format::Json)
    } else if markdown::looks_like_markdown(start) || path.ends_with(".md") {
        Some(Format::Markdown)
    } else {
        None
    }
}

/// Why a report file could not be read: the line when one is to blame.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadError {
    pub line: Option<usize>,
    pub message: String,
}

/// Reads a report in any single-file format and validates it.
pub fn read_report(path: &str, text: &str) -> Result<Report, ReadError> {
    match detect(path, text) {
        Some(Format::Json) => Report::from_json(text).map_err(|e| ReadError {
            line: None,
            message: e.to_string(),
        }),
        Some(Format::Markdown) => markdown::import(text).map_err(|e| ReadError {
            line: Some(e.line),
            message: e.message,
        }),
        None => Err(ReadError {
            line: Some(1),
            message:
                "not a report: a JSON report starts with {, a Markdown report with +++ front matter"
                    .into(),
        }),
    }
}
