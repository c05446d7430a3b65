//! Read marks and stars in the browser's localStorage, one store per list.
//! Every write merges with what is stored at that moment (latest change of
//! each entry wins), so other tabs' changes survive; a failed write keeps
//! every change in memory and the next write carries them all; a stored
//! value that cannot be read is copied aside before anything is written
//! over it.

use crate::readstate::{self, parse_stored, Change, Ids, Imported, Ledger, List, Loaded};
use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};

/// A message about the reader's read marks or stars, shown above the
/// entries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ListNotice {
    /// Storage is blocked or full: the list lives in this tab only.
    NotKept(List),
    /// The list's stored value could not be read; it was moved to `aside`.
    Unreadable {
        list: List,
        aside: String,
        value: String,
    },
    Imported {
        read: usize,
        starred: usize,
        skipped: usize,
    },
    ImportRefused(String),
}

impl ListNotice {
    /// Whether it tells how an import went.
    pub fn is_import(&self) -> bool {
        matches!(
            self,
            ListNotice::Imported { .. } | ListNotice::ImportRefused(_)
        )
    }
}

/// The list as the reader calls it, in a sentence.
pub fn list_name(list: List) -> &'static str {
    match list {
        List::Read => "read marks",
        List::Starred => "stars",
    }
}

/// "3 read marks and 1 star", naming only lists that received something.
fn imported_counts(read: usize, starred: usize) -> String {
    use crate::present::counted as count;
    match (read, starred) {
        (0, 0) => "no read marks or stars".into(),
        (read, 0) => count(read, "read mark", "read marks"),
        (0, starred) => count(starred, "star", "stars"),
        (read, starred) => format!(
            "{} and {}",
            count(read, "read mark", "read marks"),
            count(starred, "star", "stars")
        ),
    }
}

impl ListNotice {
    pub fn text(&self) -> String {
        match self {
            ListNotice::NotKept(list) => format!(
                "This browser is not keeping data for this page: {} will be lost when this tab closes.",
                list_name(*list)
            ),
            ListNotice::Unreadable { list, .. } => format!(
                "Your saved {} could not be read, so this page starts without them. They are kept unchanged beside the new ones; download them to keep a copy.",
                list_name(*list)
            ),
            ListNotice::Imported { read, starred, skipped: 0 } => {
                format!("Imported {}.", imported_counts(*read, *starred))
            }
            ListNotice::Imported { read, starred, skipped } => format!(
                "Imported {}; {skipped} entries in the file are not in this report and were left out.",
                imported_counts(*read, *starred)
            ),
            ListNotice::ImportRefused(reason) => reason.clone(),
        }
    }
}

/// One list of one report, as this tab knows it.
pub struct ListStore {
    list: List,
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

impl ListStore {
    /// Opens a list of a report deployed at `scope`; the notice tells the
    /// reader when the list will not be kept or could not be read.
    pub fn open(list: List, report_id: &str, scope: &str) -> (ListStore, Option<ListNotice>) {
        let mut store = ListStore {
            list,
            key: readstate::storage_key(list, report_id, scope),
            ledger: Ledger::default(),
            frozen: false,
        };
        let notice = match store.merge_stored() {
            Err(notice) => Some(notice),
            Ok(false) => {
                store.migrate_legacy(report_id);
                None
            }
            Ok(true) => None,
        };
        (store, notice)
    }

    /// First visit under scoped keys: starts from what a build before
    /// scoping kept for this report, left in place.
    fn migrate_legacy(&mut self, report_id: &str) {
        let Some(legacy_key) = readstate::legacy_storage_key(self.list, report_id) else {
            return;
        };
        if let Some(Loaded::Ledger(legacy)) = storage()
            .and_then(|s| s.get_item(&legacy_key).ok())
            .map(|value| parse_stored(self.list, value.as_deref()))
        {
            self.ledger.merge(&legacy);
            self.write();
        }
    }

    /// The ids on the list, those of entries that left the report included.
    pub fn listed(&self) -> Ids {
        self.ledger.listed()
    }

    /// Merges what storage holds now into the ledger. `Ok(false)` when the
    /// slot is empty; an unreadable value is copied to a side key first.
    fn merge_stored(&mut self) -> Result<bool, ListNotice> {
        let not_kept = ListNotice::NotKept(self.list);
        let storage = storage().ok_or_else(|| not_kept.clone())?;
        let value = storage.get_item(&self.key).map_err(|_| not_kept.clone())?;
        match parse_stored(self.list, value.as_deref()) {
            Loaded::Empty => Ok(false),
            Loaded::Ledger(stored) => {
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
                    ListNotice::Unreadable {
                        list: self.list,
                        aside,
                        value,
                    }
                } else {
                    not_kept
                })
            }
        }
    }

    fn stored_value(&self) -> String {
        readstate::to_stored(self.list, &self.ledger)
    }

    fn write(&self) -> bool {
        self.write_value(&self.stored_value())
    }

    fn write_value(&self, value: &str) -> bool {
        !self.frozen && storage().is_some_and(|s| s.set_item(&self.key, value).is_ok())
    }

    /// Records a change and writes the whole list; returns whether it
    /// reached storage. A failure loses nothing: the ledger keeps every
    /// change for the next write.
    pub fn save(&mut self, change: &Change) -> bool {
        if !self.frozen {
            // Merged first, so the change is stamped after what it changes.
            // An unreadable value appearing now was moved aside; ours is
            // fine.
            let _ = self.merge_stored();
        }
        self.ledger.apply(change, now_ms());
        self.write()
    }

    /// The list after another tab changed storage: theirs merged with ours.
    /// When ours hold a later change (two tabs wrote at once), the merged
    /// value is written back, so no tab's change is lost. `None` when the
    /// event is about another key or unreadable.
    pub fn on_storage_event(&mut self, event: &web_sys::StorageEvent) -> Option<Ids> {
        if event.key().is_some_and(|k| k != self.key) {
            return None;
        }
        let value = event.new_value();
        match parse_stored(self.list, value.as_deref()) {
            Loaded::Empty => {}
            Loaded::Ledger(theirs) => self.ledger.merge(&theirs),
            Loaded::Unreadable => return None,
        }
        let ours = self.stored_value();
        if value.as_deref() != Some(ours.as_str()) {
            self.write_value(&ours);
        }
        Some(self.ledger.listed())
    }
}

/// Offers both lists as one exported file.
pub fn download_export(report_id: &str, read: &Ids, starred: &Ids) {
    download(
        &readstate::export_file_name(report_id),
        &readstate::export(report_id, read, starred),
        JSON,
    );
}

/// Reads a file the reader chose to import: the ids of this report in it,
/// or why nothing can be imported. A file too large is refused unread.
pub async fn read_import(
    file: web_sys::File,
    report_id: &str,
    in_report: impl Fn(&str) -> bool,
) -> Result<Imported, ListNotice> {
    if file.size() > readstate::MAX_IMPORT_BYTES {
        return Err(ListNotice::ImportRefused(
            "This file is too large to be a read-state file: nothing was imported.".into(),
        ));
    }
    let text = wasm_bindgen_futures::JsFuture::from(file.text()).await;
    let text = text.ok().and_then(|t| t.as_string()).unwrap_or_default();
    readstate::parse_export(&text, report_id, in_report).map_err(ListNotice::ImportRefused)
}

pub const JSON: &str = "application/json";
pub const CALENDAR: &str = "text/calendar";

/// Offers text as a downloaded file of the given media type (exported or
/// unreadable lists, the starred entries' calendar).
pub fn download(name: &str, text: &str, media_type: &str) {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(media_type);
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
    // Firefox and Safari may still be reading the file when the click
    // returns; revoked at once, the download can fail. A minute is ample.
    set_timeout(
        move || {
            let _ = web_sys::Url::revoke_object_url(&url);
        },
        std::time::Duration::from_secs(60),
    );
}
