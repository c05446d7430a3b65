//! `tripnotes-synth COUNT OUT.json [BASE.json]`: writes a synthetic report of
//! COUNT entries made from BASE (default public/report.json).

// A build tool: it runs natively, and built for the browser it is empty.
#![cfg_attr(target_arch = "wasm32", no_main)]
#![cfg(not(target_arch = "wasm32"))]

fn main() -> std::process::ExitCode {
    use tripnotes::model::Report;
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(count), Some(out)) = (args.first().and_then(|c| c.parse().ok()), args.get(1)) else {
        eprintln!("usage: tripnotes-synth COUNT OUT.json [BASE.json]");
        return std::process::ExitCode::from(2);
    };
    let base_path = args.get(2).map_or("public/report.json", String::as_str);
    let result = std::fs::read_to_string(base_path)
        .map_err(|e| format!("{base_path}: {e}"))
        .and_then(|text| Report::from_json(&text).map_err(|e| format!("{base_path}: {e}")))
        .and_then(|base| {
            let report = tripnotes::synth::synthesize(&base, count);
            tripnotes::model::validate(&report).map_err(|e| e.to_string())?;
            std::fs::write(out, report.to_json()).map_err(|e| format!("{out}: {e}"))
        });
    match result {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            std::process::ExitCode::FAILURE
        }
    }
}
