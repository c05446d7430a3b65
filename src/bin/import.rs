//! `tripnotes-import`: makes the JSON report the viewer reads, or writes a
//! report as Markdown.
//!
//! - `tripnotes-import REPORT OUT.json`: REPORT is Markdown or JSON, or a
//!   conference programme in the frab / c3voc schedule formats (JSON or XML);
//! - `tripnotes-import REPORT.txt ANNOTATIONS.toml OUT.json`: a plain-text
//!   report with its annotations;
//! - `tripnotes-import --markdown REPORT OUT.md`: any report as Markdown.

#[cfg(not(target_arch = "wasm32"))]
const USAGE: &str = "usage: tripnotes-import REPORT OUT.json
       tripnotes-import REPORT.txt ANNOTATIONS.toml OUT.json
       tripnotes-import --markdown REPORT OUT.md";

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    use std::process::ExitCode;

    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.as_slice() {
        [flag, input, out] if flag == "--markdown" => to_markdown(input, out),
        [input, out] => to_json(input, out),
        [text, notes, out] => from_text(text, notes, out),
        _ => {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(done) => {
            eprintln!("{done}");
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn read_bytes(path: &str) -> Result<Vec<u8>, String> {
    std::fs::read(path).map_err(|e| format!("{path}: cannot read: {e}"))
}

#[cfg(not(target_arch = "wasm32"))]
fn utf8(path: &str, bytes: Vec<u8>) -> Result<String, String> {
    String::from_utf8(bytes).map_err(|_| format!("{path}: not UTF-8"))
}

#[cfg(not(target_arch = "wasm32"))]
fn read_text(path: &str) -> Result<String, String> {
    utf8(path, read_bytes(path)?)
}

#[cfg(not(target_arch = "wasm32"))]
fn write(path: &str, text: &str) -> Result<(), String> {
    tripnotes::files::write_atomically(std::path::Path::new(path), text.as_bytes())
        .map_err(|e| format!("{path}: cannot write: {e}"))
}

#[cfg(not(target_arch = "wasm32"))]
fn read_report(path: &str) -> Result<tripnotes::model::Report, String> {
    parse_report(path, &read_text(path)?)
}

/// A Markdown or JSON report, validated, with errors as `FILE:LINE: message`.
#[cfg(not(target_arch = "wasm32"))]
fn parse_report(path: &str, text: &str) -> Result<tripnotes::model::Report, String> {
    tripnotes::import::read_report(path, text).map_err(|e| match e.line {
        Some(line) => format!("{path}:{line}: {}", e.message),
        None => format!("{path}: {}", e.message),
    })
}

#[cfg(not(target_arch = "wasm32"))]
fn to_json(input: &str, out: &str) -> Result<String, String> {
    use tripnotes::import::schedule;
    let bytes = read_bytes(input)?;
    if schedule::is_schedule(&bytes) {
        let imported = schedule::import(&bytes).map_err(|e| format!("{input}: {}", e.0))?;
        for warning in &imported.warnings {
            eprintln!("{input}: warning: {warning}");
        }
        write(out, &imported.report.to_json())?;
        return Ok(format!("wrote {out}: {}", imported.summary()));
    }
    // Not a programme: the bytes already read are the report's text.
    let report = parse_report(input, &utf8(input, bytes)?)?;
    write(out, &report.to_json())?;
    Ok(format!("wrote {out}: {} entries", report.entries.len()))
}

#[cfg(not(target_arch = "wasm32"))]
fn to_markdown(input: &str, out: &str) -> Result<String, String> {
    let report = read_report(input)?;
    write(out, &tripnotes::export::markdown::to_markdown(&report))?;
    Ok(format!("wrote {out}: {} entries", report.entries.len()))
}

#[cfg(not(target_arch = "wasm32"))]
fn from_text(text_path: &str, notes_path: &str, out: &str) -> Result<String, String> {
    use tripnotes::import::text::{import_bytes, Annotations, ImportError, Place};
    let text = read_bytes(text_path)?;
    let notes = read_text(notes_path)?;
    let located = |e: ImportError| match e.place {
        Place::Text(line) => format!("{text_path}:{line}: {}", e.message),
        Place::Annotations => format!("{notes_path}: {}", e.message),
    };
    let notes = Annotations::from_toml(&notes).map_err(located)?;
    let report = import_bytes(&text, &notes).map_err(located)?;
    write(out, &report.to_json())?;
    Ok(format!("wrote {out}: {} entries", report.entries.len()))
}

#[cfg(target_arch = "wasm32")]
fn main() {}
