//! `tripnotes-import REPORT.txt ANNOTATIONS.toml OUT.json`: turns a plain-text
//! trip report into the JSON report the viewer reads.

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    use std::process::ExitCode;
    use tripnotes::import::text::{import_bytes, Annotations, Place};

    let args: Vec<String> = std::env::args().skip(1).collect();
    let [text_path, annotations_path, out_path] = args.as_slice() else {
        eprintln!("usage: tripnotes-import REPORT.txt ANNOTATIONS.toml OUT.json");
        return ExitCode::from(2);
    };
    let read = |path: &str| std::fs::read(path).map_err(|e| format!("{path}: cannot read: {e}"));
    let result = (|| {
        let text = read(text_path)?;
        let annotations = String::from_utf8(read(annotations_path)?)
            .map_err(|_| format!("{annotations_path}: not UTF-8"))?;
        let located = |e: tripnotes::import::text::ImportError| match e.place {
            Place::Text(line) => format!("{text_path}:{line}: {}", e.message),
            Place::Annotations => format!("{annotations_path}: {}", e.message),
        };
        let annotations = Annotations::from_toml(&annotations).map_err(located)?;
        let report = import_bytes(&text, &annotations).map_err(located)?;
        tripnotes::files::write_atomically(
            std::path::Path::new(out_path),
            report.to_json().as_bytes(),
        )
        .map_err(|e| format!("{out_path}: cannot write: {e}"))?;
        Ok::<usize, String>(report.entries.len())
    })();
    match result {
        Ok(count) => {
            eprintln!("wrote {out_path}: {count} entries");
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

#[cfg(target_arch = "wasm32")]
fn main() {}
