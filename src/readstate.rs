//! Read-state: which entries a reader has marked read, as stored in the
//! browser and as exported to a file. Pure: the browser glue lives in the UI.
//!
//! Marks are keyed by entry id under a key scoped to the report, so a
//! re-imported report keeps them, and marks of entries that left the report
//! stay stored untouched.

use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// Bumped only if the stored shape changes; old keys are then left alone.
pub const STORAGE_VERSION: u32 = 1;

pub fn storage_key(report_id: &str) -> String {
    format!("tripnotes:v{STORAGE_VERSION}:read:{report_id}")
}

/// Where a stored value that could not be read is moved, never overwritten.
pub fn quarantine_key(report_id: &str, now_ms: u64) -> String {
    format!("{}:unreadable:{now_ms}", storage_key(report_id))
}

pub type Marks = BTreeSet<String>;

#[derive(Serialize, Deserialize)]
struct Stored {
    version: u32,
    read: Marks,
}

/// What a storage slot held.
#[derive(Debug, PartialEq, Eq)]
pub enum Loaded {
    Empty,
    Marks(Marks),
    /// Present but not a value this version can read.
    Unreadable,
}

pub fn parse_stored(value: Option<&str>) -> Loaded {
    match value {
        None => Loaded::Empty,
        Some(text) => match serde_json::from_str::<Stored>(text) {
            Ok(stored) if stored.version == STORAGE_VERSION => Loaded::Marks(stored.read),
            _ => Loaded::Unreadable,
        },
    }
}

pub fn to_stored(marks: &Marks) -> String {
    serde_json::to_string(&Stored {
        version: STORAGE_VERSION,
        read: marks.clone(),
    })
    .expect("marks always serialize")
}

/// One reader action, applied to whatever is stored at that moment so a
/// change made in another tab in between is kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    Read(Vec<String>),
    Unread(Vec<String>),
    Merge(Marks),
}

pub fn apply(marks: &mut Marks, change: &Change) {
    match change {
        Change::Read(ids) => marks.extend(ids.iter().cloned()),
        Change::Unread(ids) => ids.iter().for_each(|id| {
            marks.remove(id);
        }),
        Change::Merge(other) => marks.extend(other.iter().cloned()),
    }
}

/// The exported file: small, self-describing, and tied to its report.
#[derive(Debug, Serialize, Deserialize, PartialEq, Eq)]
pub struct Export {
    pub format: String,
    pub version: u32,
    pub report: String,
    pub read: Marks,
}

const EXPORT_FORMAT: &str = "tripnotes-read-state";

pub fn export(report_id: &str, marks: &Marks) -> String {
    serde_json::to_string_pretty(&Export {
        format: EXPORT_FORMAT.into(),
        version: STORAGE_VERSION,
        report: report_id.into(),
        read: marks.clone(),
    })
    .expect("marks always serialize")
}

/// Reads an exported file for this report, saying plainly what is wrong.
pub fn parse_export(text: &str, report_id: &str) -> Result<Marks, String> {
    let file: Export = serde_json::from_str(text)
        .map_err(|e| format!("This is not a Tripnotes read-state file ({e})."))?;
    if file.format != EXPORT_FORMAT || file.version != STORAGE_VERSION {
        return Err("This is not a read-state file this version of Tripnotes can read.".into());
    }
    if file.report != report_id {
        return Err(format!(
            "This file holds marks for the report \"{}\", not \"{report_id}\".",
            file.report
        ));
    }
    Ok(file.read)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marks(ids: &[&str]) -> Marks {
        ids.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn stored_round_trip() {
        let m = marks(&["a", "b-c"]);
        assert_eq!(parse_stored(Some(&to_stored(&m))), Loaded::Marks(m));
    }

    #[test]
    fn corrupt_or_foreign_values_are_unreadable_not_empty() {
        assert_eq!(parse_stored(None), Loaded::Empty);
        assert_eq!(parse_stored(Some("{not json")), Loaded::Unreadable);
        assert_eq!(parse_stored(Some("[1,2]")), Loaded::Unreadable);
        assert_eq!(
            parse_stored(Some(r#"{"version":2,"read":[]}"#)),
            Loaded::Unreadable
        );
    }

    #[test]
    fn changes_keep_marks_they_do_not_name() {
        let mut m = marks(&["gone-from-report", "a"]);
        apply(&mut m, &Change::Read(vec!["b".into()]));
        apply(&mut m, &Change::Unread(vec!["a".into()]));
        assert_eq!(m, marks(&["b", "gone-from-report"]));
        apply(&mut m, &Change::Merge(marks(&["c"])));
        assert_eq!(m, marks(&["b", "c", "gone-from-report"]));
    }

    #[test]
    fn keys_are_versioned_and_scoped_to_the_report() {
        assert_eq!(storage_key("srecon24"), "tripnotes:v1:read:srecon24");
        assert!(quarantine_key("srecon24", 5).starts_with("tripnotes:v1:read:srecon24:"));
        assert_ne!(quarantine_key("srecon24", 5), storage_key("srecon24"));
    }

    #[test]
    fn export_round_trip_and_wrong_report() {
        let m = marks(&["x"]);
        let file = export("r1", &m);
        assert_eq!(parse_export(&file, "r1"), Ok(m));
        assert!(parse_export(&file, "r2").unwrap_err().contains("r1"));
        assert!(parse_export("hello", "r1").is_err());
    }
}
