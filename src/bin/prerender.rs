//! `tripnotes-prerender [DIR]`: finishes a built site (Trunk runs it after
//! each build, with DIR its staging folder): see `tripnotes::site`. Run it
//! again on a built folder after swapping in another report.json.

// A build tool: it runs natively, and built for the browser it is empty.
#![cfg_attr(target_arch = "wasm32", no_main)]
#![cfg(not(target_arch = "wasm32"))]

fn main() -> std::process::ExitCode {
    let dir = std::env::args()
        .nth(1)
        .or_else(|| std::env::var("TRUNK_STAGING_DIR").ok());
    let Some(dir) = dir else {
        eprintln!("usage: tripnotes-prerender DIR (or set TRUNK_STAGING_DIR)");
        return std::process::ExitCode::from(2);
    };
    match tripnotes::site::finish(std::path::Path::new(&dir)) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            std::process::ExitCode::FAILURE
        }
    }
}
