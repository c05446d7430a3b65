//! One entry of the view: the shared card, given the view's read and open
//! state and the controls that change them.

use super::state::ViewState;
use super::{focus, focus_element};
use crate::ids;
use crate::markup::{Card, CardContent, CardControls};
use crate::readstate::List;
use leptos::prelude::*;

/// A card of the list by day, or of the ranked search results (`ranked`),
/// which also says the entry's day and highlights what matched. While a
/// search shows, the hidden cards by day give up their element ids to the
/// ranked ones.
#[component]
pub fn EntryCard(index: usize, ranked: bool) -> impl IntoView {
    let state = expect_context::<ViewState>();
    let content = state
        .report
        .with_value(|r| CardContent::new(r, &r.entries[index], ranked));
    let controls = CardControls {
        read: Memo::new(move |_| state.is_read(index)),
        starred: Memo::new(move |_| state.is_starred(index)),
        open: Memo::new(move |_| state.is_open(index)),
        holds_ids: Memo::new(move |_| ranked || !state.ranked.get()),
        toggle_open: Callback::new(move |()| state.toggle_open(index)),
        toggle_read: Callback::new(move |()| toggle(state, List::Read, index, ".read-toggle")),
        toggle_star: Callback::new(move |()| toggle(state, List::Starred, index, ".star-toggle")),
    };
    view! { <Card content query=ranked.then_some(state.search) controls=Some(controls)/> }
}

/// Puts the entry on `list` or takes it off. Where that hides its card
/// ("unread only", "starred only"), the focus moves to the same control
/// (`control`, a selector) on the next card shown, or the one before, so
/// a reader marking entry after entry by keyboard keeps going.
fn toggle(state: ViewState, list: List, index: usize, control: &str) {
    let neighbour = state.outcome.with_untracked(|o| {
        let at = o.shown.iter().position(|&i| i == index)?;
        o.shown
            .get(at + 1)
            .or_else(|| o.shown.get(at.checked_sub(1)?))
            .copied()
    });
    state.toggle(list, index);
    if state.outcome.with_untracked(|o| o.visible.contains(index)) {
        return;
    }
    let next = neighbour.and_then(|n| {
        let id = state.report.with_value(|r| r.entries[n].id.clone());
        document()
            .get_element_by_id(&id)?
            .query_selector(control)
            .ok()
            .flatten()
    });
    match next {
        Some(element) => focus_element(element),
        None => focus(ids::RESULTS),
    }
}
