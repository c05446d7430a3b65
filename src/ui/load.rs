//! Fetches and checks the report the page was published with.

use crate::model::{LoadError, Report};
use std::fmt;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// Why the report could not be shown.
#[derive(Debug, Clone, PartialEq)]
pub enum Failure {
    Network(String),
    Status(u16),
    Report(LoadError),
}

impl Failure {
    /// One plain sentence for the reader.
    pub fn summary(&self) -> &'static str {
        match self {
            Failure::Network(_) => "The report could not be downloaded.",
            Failure::Status(_) => "The server did not send the report.",
            Failure::Report(LoadError::Parse(_)) => {
                "The report file is damaged: it is not a readable report."
            }
            Failure::Report(LoadError::Invalid(_)) => {
                "The report file breaks a rule of the report format."
            }
        }
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Failure::Network(detail) => write!(f, "network error: {detail}"),
            Failure::Status(status) => write!(f, "report.json: HTTP status {status}"),
            Failure::Report(error) => write!(f, "report.json: {error}"),
        }
    }
}

/// The report sits beside the page, so a relative URL works at a site's
/// root and in any sub-folder.
pub const REPORT_URL: &str = "report.json";

pub async fn fetch_report() -> Result<Report, Failure> {
    // The browser's fetch directly: an HTTP client crate adds request
    // building this one GET does not need. Same defaults as the page's
    // preload of the report, so the browser can reuse it.
    let window = leptos::prelude::window();
    let response: web_sys::Response = JsFuture::from(window.fetch_with_str(REPORT_URL))
        .await
        .map_err(network)?
        .unchecked_into();
    if !response.ok() {
        return Err(Failure::Status(response.status()));
    }
    let text = JsFuture::from(response.text().map_err(network)?)
        .await
        .map_err(network)?
        .as_string()
        .unwrap_or_default();
    // Reading the report and rendering it are tasks of their own, so
    // start-up holds no long task that a first tap would wait behind.
    next_task().await;
    let report = Report::from_json(&text).map_err(Failure::Report)?;
    next_task().await;
    Ok(report)
}

/// Resolves in a new task of the event loop.
async fn next_task() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let _ = leptos::prelude::window().set_timeout_with_callback(&resolve);
    });
    let _ = JsFuture::from(promise).await;
}

/// The browser's own words, such as "TypeError: Failed to fetch".
fn network(error: JsValue) -> Failure {
    Failure::Network(match error.dyn_ref::<js_sys::Error>() {
        Some(error) => error.to_string().into(),
        None => error.as_string().unwrap_or_default(),
    })
}
