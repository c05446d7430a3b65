//! Read marks in the browser's localStorage. Every write merges with what is
//! stored at that moment (latest change of each entry wins), so other tabs'
//! changes survive; a failed write keeps every mark in memory and the next
//! write carries them all; a stored value that cannot be read is copied
//! aside before anything is written over it.

use crate::readstate::{self, parse_stored, Change, Ledger, Loaded, Marks};
use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};

/// A message about the reader's marks, shown above the entries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MarksNotice {
    /// Storage is blocked or full: marks live in this tab only.
    NotKept,
    /// The stored value could not be read; it was moved to `aside`.
    Unreadable {
        aside: String,
        value: String,
    },
    Imported {
        count: usize,
        skipped: usize,
    },
    ImportRefused(String),
}

impl MarksNotice {
    pub fn text(&self) -> String {
        match self {
            MarksNotice::NotKept => "This browser is not keeping data for this page: read marks will be lost when this tab closes.".into(),
            MarksNotice::Unreadable { .. } => "Your saved read marks could not be read, so this page starts without them. They are kept unchanged beside the new ones; download them to keep a copy.".into(),
            MarksNotice::Imported { count, skipped: 0 } => format!("Imported {count} read marks."),
            MarksNotice::Imported { count, skipped } => format!(
                "Imported {count} read marks; {skipped} entries in the file are not in this report and were left out."
            ),
            MarksNotice::ImportRefused(reason) => reason.clone(),
        }
    }
}

pub struct ReadStore {
    key: String,
    ledger: Ledger,
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
    /// Opens the marks of a report deployed at `scope`; the notice tells
    /// the reader when marks will not be kept or could not be read.
    pub fn open(report_id: &str, scope: &str) -> (ReadStore, Option<MarksNotice>) {
        let mut store = ReadStore {
            key: readstate::storage_key(report_id, scope),
            ledger: Ledger::default(),
            frozen: false,
        };
        let notice = match store.merge_stored() {
            Err(notice) => Some(notice),
            Ok(false) => {
                // First visit under scoped keys: start from the marks a
                // build before scoping kept for this report, left in place.
                if let Some(Loaded::Marks(legacy)) = storage()
                    .and_then(|s| s.get_item(&readstate::legacy_storage_key(report_id)).ok())
                    .map(|value| parse_stored(value.as_deref()))
                {
                    store.ledger.merge(&legacy);
                    store.write();
                }
                None
            }
            Ok(true) => None,
        };
        (store, notice)
    }

    pub fn marks(&self) -> Marks {
        self.ledger.marks()
    }

    /// Merges what storage holds now into the ledger. `Ok(false)` when the
    /// slot is empty; an unreadable value is copied to a side key first.
    fn merge_stored(&mut self) -> Result<bool, MarksNotice> {
        let storage = storage().ok_or(MarksNotice::NotKept)?;
        let value = storage
            .get_item(&self.key)
            .map_err(|_| MarksNotice::NotKept)?;
        match parse_stored(value.as_deref()) {
            Loaded::Empty => Ok(false),
            Loaded::Marks(stored) => {
                self.ledger.merge(&stored);
                Ok(true)
            }
            Loaded::Unreadable => {
                let value = value.unwrap_or_default();
                let aside = readstate::quarantine_key(&self.key, now_ms());
                // A move: copied first, and only then removed.
                let moved = storage.set_item(&aside, &value).is_ok()
                    && storage.remove_item(&self.key).is_ok();
                self.frozen |= !moved;
                Err(if moved {
                    MarksNotice::Unreadable { aside, value }
                } else {
                    MarksNotice::NotKept
                })
            }
        }
    }

    fn write(&self) -> bool {
        !self.frozen
            && storage().is_some_and(|s| {
                s.set_item(&self.key, &readstate::to_stored(&self.ledger))
                    .is_ok()
            })
    }

    /// Records a change and writes every mark; returns whether they reached
    /// storage. A failure loses nothing: the ledger keeps them all for the
    /// next write.
    pub fn save(&mut self, change: &Change) -> bool {
        self.ledger.apply(change, now_ms());
        if self.frozen {
            return false;
        }
        // An unreadable value appearing now was moved aside; ours is fine.
        let _ = self.merge_stored();
        self.write()
    }

    /// Marks after another tab changed storage: theirs merged with ours.
    /// When ours hold a later change (two tabs wrote at once), the merged
    /// value is written back, so no tab's mark is lost. `None` when the
    /// event is about another key or unreadable.
    pub fn on_storage_event(&mut self, event: &web_sys::StorageEvent) -> Option<Marks> {
        if event.key().is_some_and(|k| k != self.key) {
            return None;
        }
        let value = event.new_value();
        match parse_stored(value.as_deref()) {
            Loaded::Empty => {}
            Loaded::Marks(theirs) => self.ledger.merge(&theirs),
            Loaded::Unreadable => return None,
        }
        if value.as_deref() != Some(readstate::to_stored(&self.ledger).as_str()) {
            self.write();
        }
        Some(self.ledger.marks())
    }
}

/// Offers text as a downloaded file (exported or unreadable marks).
pub fn download(name: &str, text: &str) {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("application/json");
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return;
    };
    if let Ok(link) = document().create_element("a") {
        let link: web_sys::HtmlAnchorElement = link.unchecked_into();
        link.set_href(&url);
        link.set_download(name);
        link.click();
    }
    let _ = web_sys::Url::revoke_object_url(&url);
}
