//! Importers: each reads one source format and gives a validated report.
//! `text` reads a plain-text report with its annotations file; `schedule`
//! reads a conference programme in the frab / c3voc schedule formats.

pub mod schedule;
pub mod text;
