//! Importers: each reads one source format and gives a validated report.
//! `text` reads a plain-text report with its annotations file.

pub mod text;
