//! Read marks and stars: which entries a reader has marked read or starred,
//! as stored in the browser and as exported to a file. Pure: the browser
//! glue lives in the UI.
//!
//! Each list is keyed by entry id under a key scoped to the list, the report
//! and the deployment, so a re-imported report keeps them, ids of entries
//! that left the report stay stored untouched, and two sites on one origin
//! never share them.
//!
//! Every id remembers when it was last changed. Tabs that write at nearly
//! the same moment each see the other's value in a storage event and merge
//! it with their own, latest change first, so both converge without losing
//! a change.

use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// Bumped only if the stored shape changes incompatibly; old keys are then
/// left alone. Adding `changed` was compatible: older builds ignore it.
pub const STORAGE_VERSION: u32 = 1;

/// The two lists a reader keeps, stored and changed the same way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum List {
    Read,
    Starred,
}

impl List {
    /// The list's word in its storage key.
    fn key_word(self) -> &'static str {
        match self {
            List::Read => "read",
            List::Starred => "star",
        }
    }
}

/// The key a build before deployment scoping used for read marks; read
/// once, never written. Stars came later and never had one.
pub fn legacy_storage_key(list: List, report_id: &str) -> Option<String> {
    (list == List::Read).then(|| format!("tripnotes:v{STORAGE_VERSION}:read:{report_id}"))
}

/// `scope` is the deployment's folder on its origin, such as `/` or
/// `/reports/srecon24/`.
pub fn storage_key(list: List, report_id: &str, scope: &str) -> String {
    format!(
        "tripnotes:v{STORAGE_VERSION}:{}:{report_id}:{scope}",
        list.key_word()
    )
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

/// Entry ids, in order.
pub type Ids = BTreeSet<String>;

/// Every id's latest state: on the list or not, and when that was set (ms
/// since the epoch; 0 when unknown, as for marks stored by older builds).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Ledger {
    states: BTreeMap<String, (bool, u64)>,
}

impl Ledger {
    /// The ids now on the list.
    pub fn listed(&self) -> Ids {
        // Inserted one by one: collecting into a B-tree sorts first, which
        // brings a sort into the wasm for ids that are already in order.
        let mut listed = Ids::new();
        for (id, (on, _)) in &self.states {
            if *on {
                listed.insert(id.clone());
            }
        }
        listed
    }

    /// Sets each id's state as of `now_ms`, or just after the id's last
    /// change where that is later (a clock set back, two changes within a
    /// millisecond): a change always wins over the state it changes.
    pub fn apply(&mut self, change: &Change, now_ms: u64) {
        let (ids, on) = match change {
            Change::Add(ids) => (ids, true),
            Change::Remove(ids) => (ids, false),
        };
        for id in ids {
            let at = match self.states.get(id) {
                Some(&(_, last)) => now_ms.max(last.saturating_add(1)),
                None => now_ms,
            };
            self.states.insert(id.clone(), (on, at));
        }
    }

    /// Takes each id's later change; on a tie, being on the list wins, so
    /// every tab merging the same two values reaches the same result.
    pub fn merge(&mut self, other: &Ledger) {
        for (id, theirs) in &other.states {
            let ours = self.states.entry(id.clone()).or_insert(*theirs);
            if (theirs.1, theirs.0) > (ours.1, ours.0) {
                *ours = *theirs;
            }
        }
    }
}

/// The stored value. Each list names its ids by its own field, so a value
/// of one list under the other's key is unreadable rather than taken.
/// Read marks keep the shape older builds write and read.
#[derive(Serialize, Deserialize)]
struct Stored {
    version: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    read: Option<Ids>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    starred: Option<Ids>,
    /// When each id was last changed, on or off the list.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    changed: BTreeMap<String, u64>,
}

impl Stored {
    fn ids(&mut self, list: List) -> Option<Ids> {
        match list {
            List::Read => self.read.take(),
            List::Starred => self.starred.take(),
        }
    }
}

/// What a storage slot held.
#[derive(Debug, PartialEq, Eq)]
pub enum Loaded {
    Empty,
    Ledger(Ledger),
    /// Present but not a value this version can read.
    Unreadable,
}

pub fn parse_stored(list: List, value: Option<&str>) -> Loaded {
    let Some(text) = value else {
        return Loaded::Empty;
    };
    let Ok(mut stored) = serde_json::from_str::<Stored>(text) else {
        return Loaded::Unreadable;
    };
    match stored.ids(list) {
        Some(listed) if stored.version == STORAGE_VERSION => {
            Loaded::Ledger(ledger_of(listed, stored.changed))
        }
        _ => Loaded::Unreadable,
    }
}

fn ledger_of(listed: Ids, changed: BTreeMap<String, u64>) -> Ledger {
    let mut ledger = Ledger::default();
    for id in listed {
        let when = changed.get(&id).copied().unwrap_or(0);
        ledger.states.insert(id, (true, when));
    }
    for (id, when) in changed {
        ledger.states.entry(id).or_insert((false, when));
    }
    ledger
}

pub fn to_stored(list: List, ledger: &Ledger) -> String {
    let mut changed = BTreeMap::new();
    for (id, (_, when)) in &ledger.states {
        if *when > 0 {
            changed.insert(id.clone(), *when);
        }
    }
    let listed = Some(ledger.listed());
    let (read, starred) = match list {
        List::Read => (listed, None),
        List::Starred => (None, listed),
    };
    // Sets of strings and numbers cannot fail to serialize; no panic path
    // (and its formatting code) is needed for it.
    serde_json::to_string(&Stored {
        version: STORAGE_VERSION,
        read,
        starred,
        changed,
    })
    .unwrap_or_default()
}

/// One reader action on some entries of one list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    Add(Vec<String>),
    Remove(Vec<String>),
}

/// The exported file: small, self-describing, and tied to its report. It
/// holds both lists; files of version 1 hold read marks only.
#[derive(Debug, Serialize, Deserialize, PartialEq, Eq)]
pub struct Export {
    pub format: String,
    pub version: u32,
    pub report: String,
    pub read: Ids,
    #[serde(default)]
    pub starred: Ids,
}

const EXPORT_FORMAT: &str = "tripnotes-read-state";
/// Version 2 added stars; older builds refuse its files rather than drop
/// the stars unseen.
pub const EXPORT_VERSION: u32 = 2;
const OLDEST_EXPORT_VERSION: u32 = 1;

/// Larger files are refused unread: a file of every id of a large
/// programme is well under this.
pub const MAX_IMPORT_BYTES: f64 = 4.0 * 1024.0 * 1024.0;

pub fn export(report_id: &str, read: &Ids, starred: &Ids) -> String {
    serde_json::to_string_pretty(&Export {
        format: EXPORT_FORMAT.into(),
        version: EXPORT_VERSION,
        report: report_id.into(),
        read: read.clone(),
        starred: starred.clone(),
    })
    .unwrap_or_default()
}

/// The name offered for an exported file.
pub fn export_file_name(report_id: &str) -> String {
    format!("{report_id}-read-and-starred.json")
}

/// What an import will add: only ids of this report, so a file can never
/// grow storage beyond the report's size.
#[derive(Debug, PartialEq, Eq)]
pub struct Imported {
    pub read: Vec<String>,
    pub starred: Vec<String>,
    /// Entries in the file that this report does not have, each counted
    /// once even when it is in both lists.
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
    if file.format != EXPORT_FORMAT
        || !(OLDEST_EXPORT_VERSION..=EXPORT_VERSION).contains(&file.version)
    {
        return Err("This is not a read-state file this version of Tripnotes can read.".into());
    }
    if file.report != report_id {
        return Err(format!(
            "This file is for the report \"{}\", not \"{report_id}\".",
            file.report
        ));
    }
    let skipped = file
        .read
        .union(&file.starred)
        .filter(|id| !in_report(id))
        .count();
    Ok(Imported {
        read: file.read.into_iter().filter(|id| in_report(id)).collect(),
        starred: file
            .starred
            .into_iter()
            .filter(|id| in_report(id))
            .collect(),
        skipped,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const LISTS: [List; 2] = [List::Read, List::Starred];

    fn set(ids: &[&str]) -> Ids {
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
    fn stored_round_trip_keeps_times_and_removals_in_both_lists() {
        let l = ledger(&[
            (Change::Add(ids(&["a", "b-c"])), 5),
            (Change::Remove(ids(&["a"])), 7),
        ]);
        for list in LISTS {
            let stored = to_stored(list, &l);
            assert_eq!(parse_stored(list, Some(&stored)), Loaded::Ledger(l.clone()));
        }
        assert_eq!(l.listed(), set(&["b-c"]));
    }

    #[test]
    fn read_marks_are_stored_as_older_builds_write_them() {
        let l = ledger(&[(Change::Add(ids(&["a"])), 5)]);
        assert_eq!(
            to_stored(List::Read, &l),
            r#"{"version":1,"read":["a"],"changed":{"a":5}}"#
        );
        assert_eq!(
            to_stored(List::Starred, &l),
            r#"{"version":1,"starred":["a"],"changed":{"a":5}}"#
        );
    }

    #[test]
    fn values_of_older_builds_still_read() {
        let Loaded::Ledger(l) = parse_stored(List::Read, Some(r#"{"version":1,"read":["a"]}"#))
        else {
            panic!("an older value must read");
        };
        assert_eq!(l.listed(), set(&["a"]));
    }

    #[test]
    fn one_lists_value_under_the_others_key_is_unreadable() {
        let l = ledger(&[(Change::Add(ids(&["a"])), 5)]);
        assert_eq!(
            parse_stored(List::Starred, Some(&to_stored(List::Read, &l))),
            Loaded::Unreadable
        );
        assert_eq!(
            parse_stored(List::Read, Some(&to_stored(List::Starred, &l))),
            Loaded::Unreadable
        );
    }

    #[test]
    fn corrupt_or_foreign_values_are_unreadable_not_empty() {
        for list in LISTS {
            assert_eq!(parse_stored(list, None), Loaded::Empty);
            assert_eq!(parse_stored(list, Some("{not json")), Loaded::Unreadable);
            assert_eq!(parse_stored(list, Some("[1,2]")), Loaded::Unreadable);
        }
        assert_eq!(
            parse_stored(List::Read, Some(r#"{"version":2,"read":[]}"#)),
            Loaded::Unreadable
        );
        assert_eq!(
            parse_stored(List::Starred, Some(r#"{"version":2,"starred":[]}"#)),
            Loaded::Unreadable
        );
    }

    /// Each tab read the same value, changed one entry and wrote: the last
    /// write wins in storage, and each tab then merges the other's value.
    fn two_tabs_at_once(list: List) -> (Ledger, Ledger) {
        let start = ledger(&[(Change::Add(ids(&["old"])), 1)]);
        let mut a = start.clone();
        a.apply(&Change::Add(ids(&["x"])), 10);
        let mut b = start;
        b.apply(&Change::Add(ids(&["y"])), 11);
        // Through storage, as the tabs see each other's values.
        let through = |l: &Ledger| match parse_stored(list, Some(&to_stored(list, l))) {
            Loaded::Ledger(l) => l,
            other => panic!("a stored value must read back, not {other:?}"),
        };
        let (mut a_after, mut b_after) = (a.clone(), b.clone());
        a_after.merge(&through(&b));
        b_after.merge(&through(&a));
        (a_after, b_after)
    }

    #[test]
    fn a_change_wins_over_the_state_it_changes_whatever_the_clock_says() {
        let through =
            |l: &Ledger| match parse_stored(List::Starred, Some(&to_stored(List::Starred, l))) {
                Loaded::Ledger(l) => l,
                other => panic!("a stored value must read back, not {other:?}"),
            };
        // Starred at 1,000; the clock then goes back to 400.
        let mut ours = ledger(&[(Change::Add(ids(&["x"])), 1_000)]);
        let stored = through(&ours);
        ours.apply(&Change::Remove(ids(&["x"])), 400);
        ours.merge(&stored);
        assert_eq!(ours.listed(), set(&[]), "a clock set back");
        // Starred and unstarred within one millisecond.
        let mut ours = Ledger::default();
        ours.apply(&Change::Add(ids(&["y"])), 7);
        let stored = through(&ours);
        ours.apply(&Change::Remove(ids(&["y"])), 7);
        ours.merge(&stored);
        assert_eq!(ours.listed(), set(&[]), "two changes in one millisecond");
    }

    #[test]
    fn two_tabs_writing_at_once_converge_on_both_changes() {
        for list in LISTS {
            let (a, b) = two_tabs_at_once(list);
            assert_eq!(a, b, "{list:?}");
            assert_eq!(a.listed(), set(&["old", "x", "y"]), "{list:?}");
        }
    }

    #[test]
    fn the_later_change_of_an_entry_wins_whichever_tab_made_it() {
        let added_first = ledger(&[(Change::Add(ids(&["x"])), 10)]);
        let removed_later = ledger(&[(Change::Remove(ids(&["x"])), 20)]);
        let mut merged = added_first.clone();
        merged.merge(&removed_later);
        assert!(merged.listed().is_empty());
        let mut merged = removed_later;
        merged.merge(&added_first);
        assert!(merged.listed().is_empty());
    }

    #[test]
    fn keys_are_versioned_and_scoped_to_list_report_and_deployment() {
        assert_eq!(
            storage_key(List::Read, "srecon24", "/a/"),
            "tripnotes:v1:read:srecon24:/a/"
        );
        assert_eq!(
            storage_key(List::Starred, "srecon24", "/a/"),
            "tripnotes:v1:star:srecon24:/a/"
        );
        assert_ne!(
            storage_key(List::Read, "r", "/a/"),
            storage_key(List::Read, "r", "/b/")
        );
        assert_eq!(
            legacy_storage_key(List::Read, "srecon24").as_deref(),
            Some("tripnotes:v1:read:srecon24")
        );
        assert_eq!(legacy_storage_key(List::Starred, "srecon24"), None);
        let key = storage_key(List::Starred, "r", "/");
        assert!(quarantine_key(&key, 5).starts_with(&format!("{key}:unreadable:")));
        assert_eq!(scope_of("/reports/x/index.html"), "/reports/x/");
        assert_eq!(scope_of("/a/"), "/a/");
        assert_eq!(scope_of(""), "/");
    }

    #[test]
    fn export_round_trip_of_both_lists_and_wrong_report() {
        let file = export("r1", &set(&["x"]), &set(&["x", "y"]));
        let all = |_: &str| true;
        assert_eq!(
            parse_export(&file, "r1", all),
            Ok(Imported {
                read: ids(&["x"]),
                starred: ids(&["x", "y"]),
                skipped: 0
            })
        );
        assert!(parse_export(&file, "r2", all).unwrap_err().contains("r1"));
        assert!(parse_export("hello", "r1", all).is_err());
    }

    #[test]
    fn files_of_version_1_import_as_read_marks() {
        let file = r#"{"format":"tripnotes-read-state","version":1,"report":"r","read":["a"]}"#;
        assert_eq!(
            parse_export(file, "r", |_| true),
            Ok(Imported {
                read: ids(&["a"]),
                starred: vec![],
                skipped: 0
            })
        );
    }

    #[test]
    fn files_of_a_later_version_or_another_format_are_refused() {
        let later = r#"{"format":"tripnotes-read-state","version":3,"report":"r","read":[]}"#;
        assert!(parse_export(later, "r", |_| true)
            .unwrap_err()
            .contains("can read"));
        let other = r#"{"format":"other","version":2,"report":"r","read":[]}"#;
        assert!(parse_export(other, "r", |_| true).is_err());
    }

    #[test]
    fn import_keeps_only_ids_of_this_report_counting_each_skipped_once() {
        let file = export("r", &set(&["a", "gone", "b"]), &set(&["gone", "c", "left"]));
        let imported = parse_export(&file, "r", |id| id != "gone" && id != "left").unwrap();
        assert_eq!(imported.read, ids(&["a", "b"]));
        assert_eq!(imported.starred, ids(&["c"]));
        assert_eq!(imported.skipped, 2);
    }

    #[test]
    fn the_export_file_is_named_after_its_report() {
        assert_eq!(
            export_file_name("srecon24"),
            "srecon24-read-and-starred.json"
        );
    }
}
