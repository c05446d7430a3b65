//! Fetches and checks the report the page was published with.

use crate::model::{LoadError, Report};
use std::fmt;

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
    let response = gloo::net::http::Request::get(REPORT_URL)
        .send()
        .await
        .map_err(|e| Failure::Network(e.to_string()))?;
    if !response.ok() {
        return Err(Failure::Status(response.status()));
    }
    let text = response
        .text()
        .await
        .map_err(|e| Failure::Network(e.to_string()))?;
    Report::from_json(&text).map_err(Failure::Report)
}
