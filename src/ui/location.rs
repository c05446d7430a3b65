//! Keeps the view in the address bar: filters in the query, the open entry
//! in the hash. Back and Forward restore earlier views.

use crate::model::Report;
use crate::query::Filters;

fn location() -> web_sys::Location {
    leptos::prelude::window().location()
}

pub fn current_filters(report: &Report) -> Filters {
    Filters::from_query(&location().search().unwrap_or_default(), report)
}

/// The deployment's folder on its origin, which scopes stored marks.
pub fn scope() -> String {
    crate::readstate::scope_of(&location().pathname().unwrap_or_default()).to_string()
}

/// The entry id in the hash, if any.
pub fn current_hash() -> Option<String> {
    let hash = location().hash().ok()?;
    let id = hash.strip_prefix('#')?;
    (!id.is_empty()).then(|| id.to_string())
}

/// Runs `task` in a task after the next frame's paint.
pub fn after_next_paint(task: impl FnOnce() + 'static) {
    leptos::prelude::request_animation_frame(move || {
        leptos::prelude::set_timeout(task, std::time::Duration::ZERO);
    });
}

/// Runs `task` once the frame being drawn now has reached the screen: in
/// a task after the start of the frame after next.
pub fn after_next_frame(task: impl FnOnce() + 'static) {
    leptos::prelude::request_animation_frame(move || after_next_paint(task));
}

/// How a change of view reaches the history.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Record {
    /// A new history step, so Back undoes it.
    Push,
    /// Rewrites the current step (each keystroke of a search).
    Replace,
}

pub fn write(filters: &Filters, hash: Option<&str>, record: Record) {
    let window = leptos::prelude::window();
    let Ok(history) = window.history() else {
        return;
    };
    let path = location().pathname().unwrap_or_default();
    let hash = hash.map(|h| format!("#{h}")).unwrap_or_default();
    let url = format!("{path}{}{hash}", filters.to_query());
    let current = format!(
        "{path}{}{}",
        location().search().unwrap_or_default(),
        location().hash().unwrap_or_default()
    );
    if url == current {
        return;
    }
    // A history API failure (rate limits, sandboxed frames) only loses the
    // address-bar copy of the view, never the view itself.
    let _ = match record {
        Record::Push => history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url)),
        Record::Replace => {
            history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url))
        }
    };
}
