//! Read marks in the browser's localStorage. Every change is applied to what
//! is stored at that moment, so other tabs' changes survive; a failed write
//! keeps the change in memory and retries with the next one; a stored value
//! that cannot be read is copied aside before anything is written over it.

use crate::readstate::{self, apply, parse_stored, Change, Loaded, Marks};
use leptos::prelude::*;

/// Why marks are held in memory only.
pub const NOT_KEPT: &str =
    "This browser is not keeping data for this page: read marks will be lost when this tab closes.";

pub struct ReadStore {
    key: String,
    report_id: String,
    /// Changes that have not reached storage yet, oldest first.
    pending: Vec<Change>,
    /// Set when the stored value could not be read nor moved aside: writing
    /// would destroy it, so this tab never writes.
    frozen: bool,
}

fn storage() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
}

fn now_ms() -> u64 {
    js_sys::Date::now() as u64
}

impl ReadStore {
    /// Opens the marks of a report; the second value is a notice for the
    /// reader when marks will not be kept.
    pub fn open(report_id: &str) -> (ReadStore, Marks, Option<&'static str>) {
        let mut store = ReadStore {
            key: readstate::storage_key(report_id),
            report_id: report_id.to_string(),
            pending: Vec::new(),
            frozen: false,
        };
        let marks = store.read_stored();
        let notice = match marks {
            Some(_) if !store.frozen => None,
            _ => Some(NOT_KEPT),
        };
        (store, marks.unwrap_or_default(), notice)
    }

    /// What storage holds now; `None` when it cannot be read. An unreadable
    /// value is copied to a side key first; if that fails, the store freezes.
    fn read_stored(&mut self) -> Option<Marks> {
        let storage = storage()?;
        let value = storage.get_item(&self.key).ok()?;
        match parse_stored(value.as_deref()) {
            Loaded::Empty => Some(Marks::new()),
            Loaded::Marks(marks) => Some(marks),
            Loaded::Unreadable => {
                let aside = readstate::quarantine_key(&self.report_id, now_ms());
                // A move: copied first, and only then removed.
                let moved = value.is_some_and(|raw| storage.set_item(&aside, &raw).is_ok())
                    && storage.remove_item(&self.key).is_ok();
                self.frozen |= !moved;
                moved.then(Marks::new)
            }
        }
    }

    /// Records a change; returns whether it reached storage.
    pub fn save(&mut self, change: Change) -> bool {
        self.pending.push(change);
        if self.frozen {
            return false;
        }
        let Some(mut stored) = self.read_stored() else {
            return false;
        };
        if self.frozen {
            return false;
        }
        for change in &self.pending {
            apply(&mut stored, change);
        }
        let written = storage().is_some_and(|s| {
            s.set_item(&self.key, &readstate::to_stored(&stored))
                .is_ok()
        });
        if written {
            self.pending.clear();
        }
        written
    }

    /// Marks after another tab changed storage: theirs plus ours not yet
    /// saved. `None` when the event is about another key or unreadable.
    pub fn on_storage_event(&self, event: &web_sys::StorageEvent) -> Option<Marks> {
        if event.key().is_some_and(|k| k != self.key) {
            return None;
        }
        let mut marks = match parse_stored(event.new_value().as_deref()) {
            Loaded::Empty => Marks::new(),
            Loaded::Marks(marks) => marks,
            Loaded::Unreadable => return None,
        };
        for change in &self.pending {
            apply(&mut marks, change);
        }
        Some(marks)
    }
}
