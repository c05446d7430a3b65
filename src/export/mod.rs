//! Writers: a report in another format. `markdown` writes the convention the
//! Markdown importer reads.

pub mod markdown;
