//! Importers: each reads one source format and gives a validated report.
//! `text` reads a plain-text report with its annotations file, `markdown` a
//! Markdown report, `html` text that is HTML as blocks, `schedule` a
//! conference programme in the frab / c3voc schedule formats; `read_any`
//! reads whatever files a person has with the right one.

mod any;
pub mod html;
pub mod markdown;
pub mod schedule;
pub mod text;

pub use any::{read_any, Located, Options, Read};

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
