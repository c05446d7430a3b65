//! The page layout of one open report: header with progress and search, the
//! filter panel, the entry list and the report's own notes; and the
//! page-wide events (Back, other tabs' marks, the hash, keys, printing).

use super::filters::{ActiveFilters, FilterPanel};
use super::focus;
use super::list::EntryList;
use super::location;
use super::marks::{download, list_name, ListNotice, JSON};
use super::state::ViewState;
use crate::ids;
use crate::markup::{about, report_heading, Progress};
use crate::model::Report;
use crate::query::EntrySet;
use leptos::ev;
use leptos::html::Input;
use leptos::prelude::*;
use wasm_bindgen::prelude::*;

#[component]
pub fn Viewer(report: Report) -> impl IntoView {
    let state = ViewState::new(report);
    provide_context(state);

    let popstate = window_event_listener(ev::popstate, move |_| state.restore_from_address());
    let storage = window_event_listener(ev::storage, move |event| state.on_storage_event(&event));
    let reveal_hash = move || {
        if let Some(id) = location::current_hash() {
            state.reveal(&id);
        }
    };
    let hashchange = window_event_listener(ev::hashchange, move |_| reveal_hash());
    let keys = window_event_listener(ev::keydown, move |event| global_keys(state, &event));
    // Printing gives the whole current view with every note open; the
    // reader's own open notes come back afterwards.
    let before_print = StoredValue::new((EntrySet::default(), 0));
    let beforeprint = window_event_listener(ev::beforeprint, move |_| {
        before_print.set_value((state.open.get_untracked(), state.limit.get_untracked()));
        state.limit.set(usize::MAX);
        state
            .open
            .set(state.outcome.with_untracked(|o| o.visible.clone()));
    });
    let afterprint = window_event_listener(ev::afterprint, move |_| {
        let (open, window) = before_print.get_value();
        state.open.set(open);
        state.limit.set(window);
    });
    on_cleanup(move || {
        popstate.remove();
        storage.remove();
        hashchange.remove();
        keys.remove();
        beforeprint.remove();
        afterprint.remove();
    });
    request_animation_frame(reveal_hash);

    let (heading, total) = state
        .report
        .with_value(|r| (report_heading(r), r.entries.len()));
    let read_count = Memo::new(move |_| state.marks.with(|m| m.len()));
    let skip_link = format!("#{}", ids::RESULTS);
    // Behind the open filter sheet the page takes no focus and no screen
    // reader's reading, as behind a dialog. One closure for all three.
    let behind_sheet = move || state.panel_open.get();

    view! {
        <div class="app">
            <a class="skip-link" href=skip_link inert=behind_sheet>"Skip to the entries"</a>
            <header class="top" inert=behind_sheet>
                <div class="top-inner">
                    {heading}
                    <Progress read=read_count.into() total live=true/>
                </div>
                <SearchBar/>
            </header>
            <div class="layout">
                <FilterPanel/>
                <main id=ids::RESULTS class="list" tabindex="-1" inert=behind_sheet aria-busy=move || state.updating().then_some("true")>
                    // Always there, so a notice added to it is read out.
                    <div class="notices" role="status">
                        {move || state.notices().into_iter().map(|notice| view! { <Notice notice/> }).collect_view()}
                    </div>
                    <div class="summary">
                        <p class="count" role="status">
                            {move || format!("{} of {total} entries", state.outcome.with(|o| o.shown.len()))}
                        </p>
                        <ActiveFilters/>
                    </div>
                    <EntryList/>
                    {move || state.settled.get().then(|| state.report.with_value(about))}
                </main>
            </div>
        </div>
    }
}

/// A message about the reader's marks, with what the reader can do about it.
#[component]
fn Notice(notice: ListNotice) -> impl IntoView {
    let state = expect_context::<ViewState>();
    let text = notice.text();
    let shown = notice.clone();
    let keep_copy = match notice {
        ListNotice::Unreadable { list, aside, value } => Some(view! {
            <button type="button" class="button" on:click=move |_| download(&format!("{aside}.json"), &value, JSON)>
                // Named after its list: two of these can show at once.
                {format!("Download the unreadable {}", list_name(list))}
            </button>
        }),
        _ => None,
    };
    view! {
        <div class="notice">
            <p>{text}</p>
            {keep_copy}
            <button type="button" class="button quiet" on:click=move |_| {
                focus(ids::RESULTS);
                state.dismiss(&shown);
            }>"Dismiss"</button>
        </div>
    }
}

/// "/" jumps to search; Escape closes the filter sheet.
fn global_keys(state: ViewState, event: &web_sys::KeyboardEvent) {
    let typing = event
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|el| matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT"));
    match event.key().as_str() {
        "/" if !typing && !event.ctrl_key() && !event.meta_key() && !event.alt_key() => {
            event.prevent_default();
            focus(ids::SEARCH);
        }
        "Escape" if state.panel_open.get_untracked() => state.panel_open.set(false),
        _ => {}
    }
}

#[component]
fn SearchBar() -> impl IntoView {
    let state = expect_context::<ViewState>();
    let input = NodeRef::<Input>::new();
    let on_input = move |_| {
        if let Some(el) = input.get() {
            state.set_text(el.value());
        }
    };
    let on_keydown = move |event: web_sys::KeyboardEvent| {
        if event.key() == "Escape" && !state.chosen_with(|f| f.text.is_empty()) {
            event.prevent_default();
            state.update_filters(|f| f.text.clear());
        }
    };
    let active =
        move || state.chosen_with(|f| f.active_count() - usize::from(!f.text.trim().is_empty()));
    view! {
        <div class="searchbar" role="search">
            <label class="visually-hidden" for=ids::SEARCH>"Search titles, speakers, topics and notes"</label>
            <input
                id=ids::SEARCH
                node_ref=input
                type="search"
                placeholder="Search talks and notes"
                aria-keyshortcuts="/"
                autocomplete="off"
                spellcheck="false"
                prop:value=move || state.typed.get()
                on:input=on_input
                on:keydown=on_keydown
            />
            <button
                id=ids::FILTERS_BUTTON
                type="button"
                class="button filters-button"
                aria-controls=ids::FILTERS
                aria-expanded=move || state.panel_open.get().to_string()
                on:click=move |_| state.panel_open.update(|open| *open = !*open)
            >
                "Filters"
                {move || (active() > 0).then(|| view! { <span class="badge">{active()}<span class="visually-hidden">" active"</span></span> })}
            </button>
        </div>
    }
}
