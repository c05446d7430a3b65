//! `tripnotes-import`: makes the JSON report the viewer reads from the files
//! a person has, or writes a report as Markdown; see `USAGE`.

// A build tool: it runs natively, and built for the browser it is empty.
#![cfg_attr(target_arch = "wasm32", no_main)]
#![cfg(not(target_arch = "wasm32"))]

const USAGE: &str = "usage: tripnotes-import [OPTIONS] INPUT... OUT.json
       tripnotes-import --markdown INPUT... OUT.md
INPUT: Markdown notes (one file, several, or a folder of .md files), a JSON
  report, a conference programme (frab / pretalx schedule JSON or XML), or
  a plain-text report followed by its annotations (.toml).
OPTIONS:
  --strict      every guess is an error (the convention of markdown-format.md)
  --day DATE    the day (YYYY-MM-DD) of talks that no heading or date places
  --title TEXT  the report's title, over the notes' own
  --quiet       the summary only, no warnings";

use std::path::PathBuf;
use std::process::ExitCode;
use tripnotes::import::{read_any, Options};

/// What the command line asks for.
struct Request {
    markdown: bool,
    quiet: bool,
    options: Options,
    inputs: Vec<PathBuf>,
    out: PathBuf,
}

fn main() -> ExitCode {
    let request = match parse(std::env::args().skip(1)) {
        Ok(request) => request,
        Err(message) => {
            eprintln!("error: {message}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let read = match read_any(&request.inputs, &request.options) {
        Ok(read) => read,
        Err(problem) => {
            eprintln!("error: {problem}");
            return ExitCode::FAILURE;
        }
    };
    if !request.quiet {
        for warning in &read.warnings {
            eprintln!("warning: {warning}");
        }
    }
    let written = if request.markdown {
        tripnotes::export::markdown::to_markdown(&read.report)
    } else {
        read.report.to_json()
    };
    let out = request.out.display();
    if let Err(e) = tripnotes::files::write_atomically(&request.out, written.as_bytes()) {
        eprintln!("error: {out}: cannot write: {e}");
        return ExitCode::FAILURE;
    }
    eprintln!("wrote {out}: {}", read.summary.join("\n"));
    ExitCode::SUCCESS
}

fn parse(args: impl Iterator<Item = String>) -> Result<Request, String> {
    let (mut markdown, mut quiet) = (false, false);
    let mut options = Options::default();
    let mut paths = Vec::new();
    let mut args = args.peekable();
    while let Some(arg) = args.next() {
        let mut value = |flag: &str| args.next().ok_or(format!("{flag} needs a value"));
        match arg.as_str() {
            "--markdown" => markdown = true,
            "--quiet" => quiet = true,
            "--strict" => options.strict = true,
            "--day" => options.day = Some(value("--day")?),
            "--title" => options.title = Some(value("--title")?),
            "-h" | "--help" => return Err("".into()),
            flag if flag.starts_with("--") => return Err(format!("unknown option {flag}")),
            path => paths.push(PathBuf::from(path)),
        }
    }
    let out = paths.pop().ok_or("no INPUT and OUT given")?;
    if paths.is_empty() {
        return Err("no INPUT given".into());
    }
    Ok(Request {
        markdown,
        quiet,
        options,
        inputs: paths,
        out,
    })
}
