//! The integration tests, one binary: each module is a subject, and
//! `common` is what they share (one link of the library instead of one per
//! subject).

mod common;

mod block_format;
mod bundled_report;
mod import;
mod large_report;
mod markdown;
mod notes;
mod programme_html;
mod properties;
mod query_bundled;
mod query_facets;
mod query_programme;
mod query_search;
mod query_url;
mod read_any;
mod schedule;
mod schema;
mod spans;
mod validate;
