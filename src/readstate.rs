//! Read-state: which entries a reader has marked read, as stored in the
//! browser and as exported to a file. Pure: the browser glue lives in the UI.
//!
//! Marks are keyed by entry id under a key scoped to the report and to the
//! deployment, so a re-imported report keeps them, marks of entries that
//! left the report stay stored untouched, and two sites on one origin never
//! share marks.
//!
//! Every id remembers when it was last changed. Tabs that write at nearly
//! the same moment each see the other's value in a storage event and merge
//! it with their own, latest change first, so both converge without losing
//! a mark.

use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// Bumped only if the stored shape changes incompatibly; old keys are then
/// left alone. Adding `changed` was compatible: older builds ignore it.
pub const STORAGE_VERSION: u32 = 1;

/// The key a build before deployment scoping used; read once, never written.
pub fn legacy_storage_key(report_id: &str) -> String {
    format!("tripnotes:v{STORAGE_VERSION}:read:{report_id}")
}

/// `scope` is the deployment's folder on its origin, such as `/` or
/// `/reports/srecon24/`.
pub fn storage_key(report_id: &str, scope: &str) -> String {
    format!("{}:{scope}", legacy_storage_key(report_id))
}

/// Where a stored value that could not be read is moved, never overwritten.
pub fn quarantine_key(key: &str, now_ms: u64) -> String {
    format!("{key}:unreadable:{now_ms}")
}

/// The deployment folder of a page: its path up to the last `/`.
pub fn scope_of(pathname: &str) -> &str {
    match pathname.rfind('/') {
        Some(end) => &pathname[..=end],
        None => "/",
    }
}

pub type Marks = BTreeSet<String>;

/// Every id's latest state: read or not, and when that was set (ms since
/// the epoch; 0 when unknown, as for marks stored by older builds).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Ledger {
    ids: BTreeMap<String, (bool, u64)>,
}

impl Ledger {
    pub fn marks(&self) -> Marks {
        // Inserted one by one: collecting into a B-tree sorts first, which
        // brings a sort into the wasm for ids that are already in order.
        let mut marks = Marks::new();
        for (id, (read, _)) in &self.ids {
            if *read {
                marks.insert(id.clone());
            }
        }
        marks
    }

    pub fn apply(&mut self, change: &Change, now_ms: u64) {
        let (ids, read) = match change {
            Change::Read(ids) => (ids, true),
            Change::Unread(ids) => (ids, false),
        };
        for id in ids {
            self.ids.insert(id.clone(), (read, now_ms));
        }
    }

    /// Takes each id's later change; on a tie, read wins, so every tab
    /// merging the same two values reaches the same result.
    pub fn merge(&mut self, other: &Ledger) {
        for (id, theirs) in &other.ids {
            let ours = self.ids.entry(id.clone()).or_insert(*theirs);
            if (theirs.1, theirs.0) > (ours.1, ours.0) {
                *ours = *theirs;
            }
        }
    }
}

#[derive(Serialize, Deserialize)]
struct Stored {
    version: u32,
    read: Marks,
    /// When each id was last changed, read or unread.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    changed: BTreeMap<String, u64>,
}

/// What a storage slot held.
#[derive(Debug, PartialEq, Eq)]
pub enum Loaded {
    Empty,
    Marks(Ledger),
    /// Present but not a value this version can read.
    Unreadable,
}

pub fn parse_stored(value: Option<&str>) -> Loaded {
    let Some(text) = value else {
        return Loaded::Empty;
    };
    match serde_json::from_str::<Stored>(text) {
        Ok(stored) if stored.version == STORAGE_VERSION => {
            let mut ledger = Ledger::default();
            for id in stored.read {
                let when = stored.changed.get(&id).copied().unwrap_or(0);
                ledger.ids.insert(id, (true, when));
            }
            for (id, when) in stored.changed {
                ledger.ids.entry(id).or_insert((false, when));
            }
            Loaded::Marks(ledger)
        }
        _ => Loaded::Unreadable,
    }
}

pub fn to_stored(ledger: &Ledger) -> String {
    let mut changed = BTreeMap::new();
    for (id, (_, when)) in &ledger.ids {
        if *when > 0 {
            changed.insert(id.clone(), *when);
        }
    }
    // Sets of strings and numbers cannot fail to serialize; no panic path
    // (and its formatting code) is needed for it.
    serde_json::to_string(&Stored {
        version: STORAGE_VERSION,
        read: ledger.marks(),
        changed,
    })
    .unwrap_or_default()
}

/// One reader action on some entries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    Read(Vec<String>),
    Unread(Vec<String>),
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

/// Larger files are refused unread: a file of every id of a large
/// programme is well under this.
pub const MAX_IMPORT_BYTES: f64 = 4.0 * 1024.0 * 1024.0;

pub fn export(report_id: &str, marks: &Marks) -> String {
    serde_json::to_string_pretty(&Export {
        format: EXPORT_FORMAT.into(),
        version: STORAGE_VERSION,
        report: report_id.into(),
        read: marks.clone(),
    })
    .unwrap_or_default()
}

/// What an import will add: only ids of this report, so a file can never
/// grow storage beyond the report's size.
#[derive(Debug, PartialEq, Eq)]
pub struct Imported {
    pub ids: Vec<String>,
    /// Ids in the file that this report does not have.
    pub skipped: usize,
}

/// Reads an exported file for this report, saying plainly what is wrong.
pub fn parse_export(
    text: &str,
    report_id: &str,
    in_report: impl Fn(&str) -> bool,
) -> Result<Imported, String> {
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
    let total = file.read.len();
    let ids: Vec<String> = file.read.into_iter().filter(|id| in_report(id)).collect();
    Ok(Imported {
        skipped: total - ids.len(),
        ids,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marks(ids: &[&str]) -> Marks {
        ids.iter().map(|s| s.to_string()).collect()
    }

    fn ids(ids: &[&str]) -> Vec<String> {
        ids.iter().map(|s| s.to_string()).collect()
    }

    fn ledger(changes: &[(Change, u64)]) -> Ledger {
        let mut ledger = Ledger::default();
        for (change, when) in changes {
            ledger.apply(change, *when);
        }
        ledger
    }

    #[test]
    fn stored_round_trip_keeps_times_and_unread_changes() {
        let l = ledger(&[
            (Change::Read(ids(&["a", "b-c"])), 5),
            (Change::Unread(ids(&["a"])), 7),
        ]);
        assert_eq!(parse_stored(Some(&to_stored(&l))), Loaded::Marks(l.clone()));
        assert_eq!(l.marks(), marks(&["b-c"]));
    }

    #[test]
    fn values_of_older_builds_still_read() {
        let Loaded::Marks(l) = parse_stored(Some(r#"{"version":1,"read":["a"]}"#)) else {
            panic!("an older value must read");
        };
        assert_eq!(l.marks(), marks(&["a"]));
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
    fn two_tabs_writing_at_once_converge_on_both_marks() {
        // Each tab read the same value, marked one entry and wrote: the last
        // write wins in storage, and each tab then merges the other's value.
        let start = ledger(&[(Change::Read(ids(&["old"])), 1)]);
        let mut a = start.clone();
        a.apply(&Change::Read(ids(&["x"])), 10);
        let mut b = start;
        b.apply(&Change::Read(ids(&["y"])), 11);
        let (mut a_after, mut b_after) = (a.clone(), b.clone());
        a_after.merge(&b);
        b_after.merge(&a);
        assert_eq!(a_after, b_after);
        assert_eq!(a_after.marks(), marks(&["old", "x", "y"]));
    }

    #[test]
    fn the_later_change_of_an_entry_wins_whichever_tab_made_it() {
        let read_first = ledger(&[(Change::Read(ids(&["x"])), 10)]);
        let unread_later = ledger(&[(Change::Unread(ids(&["x"])), 20)]);
        let mut merged = read_first.clone();
        merged.merge(&unread_later);
        assert!(merged.marks().is_empty());
        let mut merged = unread_later;
        merged.merge(&read_first);
        assert!(merged.marks().is_empty());
    }

    #[test]
    fn keys_are_versioned_and_scoped_to_report_and_deployment() {
        assert_eq!(
            storage_key("srecon24", "/a/"),
            "tripnotes:v1:read:srecon24:/a/"
        );
        assert_ne!(storage_key("r", "/a/"), storage_key("r", "/b/"));
        assert_eq!(legacy_storage_key("srecon24"), "tripnotes:v1:read:srecon24");
        let key = storage_key("r", "/");
        assert!(quarantine_key(&key, 5).starts_with(&format!("{key}:unreadable:")));
        assert_eq!(scope_of("/reports/x/index.html"), "/reports/x/");
        assert_eq!(scope_of("/a/"), "/a/");
        assert_eq!(scope_of(""), "/");
    }

    #[test]
    fn export_round_trip_and_wrong_report() {
        let m = marks(&["x"]);
        let file = export("r1", &m);
        let all = |_: &str| true;
        assert_eq!(
            parse_export(&file, "r1", all),
            Ok(Imported {
                ids: ids(&["x"]),
                skipped: 0
            })
        );
        assert!(parse_export(&file, "r2", all).unwrap_err().contains("r1"));
        assert!(parse_export("hello", "r1", all).is_err());
    }

    #[test]
    fn import_keeps_only_ids_of_this_report() {
        let file = export("r", &marks(&["a", "gone", "b"]));
        let imported = parse_export(&file, "r", |id| id != "gone").unwrap();
        assert_eq!(imported.ids, ids(&["a", "b"]));
        assert_eq!(imported.skipped, 1);
    }
}
