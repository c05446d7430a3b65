//! One entry of the view: the shared card, given the view's read and open
//! state and the controls that change them.

use super::state::ViewState;
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
        toggle_read: Callback::new(move |()| state.toggle(List::Read, index)),
        toggle_star: Callback::new(move |()| state.toggle(List::Starred, index)),
    };
    view! { <Card content query=ranked.then_some(state.search) controls=Some(controls)/> }
}
