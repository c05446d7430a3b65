//! What both reference apps share: the report's download, as the app does
//! it, and the hand-over from the static page.

use leptos::prelude::{document, window};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// The report beside the page, as text; None when it cannot be had.
pub async fn report_text() -> Option<String> {
    let response: web_sys::Response = JsFuture::from(window().fetch_with_str("report.json"))
        .await
        .ok()?
        .unchecked_into();
    JsFuture::from(response.text().ok()?)
        .await
        .ok()?
        .as_string()
}

/// Removes the published page's static report, as the app does when it
/// renders its own view.
pub fn remove_static_page() {
    if let Some(element) = document().get_element_by_id("static") {
        element.remove();
    }
}
