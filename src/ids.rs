//! The page's own element ids, shared by the app and the static page. Each
//! has an underscore, which an entry id (a slug) never has, so an entry
//! whose id is "search" or "notes-x" cannot clash with the page.

pub const STATIC: &str = "static_report";
pub const SEARCH: &str = "search_box";
pub const FILTERS: &str = "filter_panel";
pub const FILTERS_BUTTON: &str = "filters_button";
pub const RESULTS: &str = "entry_list";

/// The notes of an entry, opened by its title.
pub fn notes(entry_id: &str) -> String {
    format!("notes_{entry_id}")
}

/// A day's heading.
pub fn day(day_id: &str) -> String {
    format!("day_{day_id}")
}
