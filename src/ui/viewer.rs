//! The page layout of one open report: header with progress and search, the
//! filter panel, the entry list and the report's own notes; and the
//! page-wide events (Back, other tabs' marks, the hash, keys, printing).

use super::entry::Notes;
use super::filters::{ActiveFilters, FilterPanel};
use super::list::EntryList;
use super::location;
use super::marks::{download, MarksNotice};
use super::state::ViewState;
use crate::ids;
use crate::model::Report;
use crate::present::report_meta;
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

    let (title, meta, total) = state
        .report
        .with_value(|r| (r.title.clone(), report_meta(r), r.entries.len()));
    let read_count = Memo::new(move |_| state.marks.with(|m| m.len()));
    let skip_link = format!("#{}", ids::RESULTS);

    view! {
        <div class="app">
            <a class="skip-link" href=skip_link>"Skip to the entries"</a>
            <header class="top">
                <div class="top-inner">
                    <div class="heading">
                        <h1 class="report-title">{title}</h1>
                        <p class="report-meta">{meta}</p>
                    </div>
                    <p class="progress" aria-live="polite">
                        <span class="progress-count">{read_count} "/" {total}</span>
                        <span class="progress-words">
                            {move || format!("{} of {total} entries read", read_count.get())}
                        </span>
                        <progress max=total value=read_count aria-hidden="true"></progress>
                    </p>
                </div>
                <SearchBar/>
            </header>
            <div class="layout">
                <FilterPanel/>
                <main id=ids::RESULTS class="list" tabindex="-1">
                    {move || state.notice.get().map(|notice| view! { <Notice notice/> })}
                    <div class="summary">
                        <p class="count" role="status">
                            {move || format!("{} of {total} entries", state.outcome.with(|o| o.shown.len()))}
                        </p>
                        <ActiveFilters/>
                    </div>
                    <EntryList/>
                    <Show when=move || state.settled.get()><About/></Show>
                </main>
            </div>
        </div>
    }
}

/// A message about the reader's marks, with what the reader can do about it.
#[component]
fn Notice(notice: MarksNotice) -> impl IntoView {
    let state = expect_context::<ViewState>();
    let text = notice.text();
    let keep_copy = match notice {
        MarksNotice::Unreadable { aside, value } => Some(view! {
            <button type="button" class="button" on:click=move |_| download(&format!("{aside}.json"), &value)>
                "Download the unreadable marks"
            </button>
        }),
        _ => None,
    };
    view! {
        <div class="notice" role="status">
            <p>{text}</p>
            {keep_copy}
            <button type="button" class="button quiet" on:click=move |_| state.notice.set(None)>"Dismiss"</button>
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
            if let Some(input) = document().get_element_by_id(ids::SEARCH) {
                event.prevent_default();
                let _ = input.unchecked_into::<web_sys::HtmlElement>().focus();
            }
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
        if event.key() == "Escape" && !state.filters_with(|f| f.text.is_empty()) {
            event.prevent_default();
            state.update_filters(|f| f.text.clear());
        }
    };
    let active =
        move || state.filters_with(|f| f.active_count() - usize::from(!f.text.trim().is_empty()));
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
                prop:value=move || state.search.get()
                on:input=on_input
                on:keydown=on_keydown
            />
            <button
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

/// The report's introduction, footnotes and source, after the entries.
#[component]
fn About() -> impl IntoView {
    let state = expect_context::<ViewState>();
    let (introduction, footnotes, author, updated, source) = state.report.with_value(|r| {
        (
            r.introduction.clone(),
            r.footnotes.clone(),
            r.author.clone(),
            r.last_updated.clone(),
            r.source_url
                .clone()
                .filter(|u| crate::model::is_web_link(u)),
        )
    });
    view! {
        <footer class="about">
            <h2>"About this report"</h2>
            <Notes blocks=introduction query=None/>
            {(!footnotes.is_empty()).then(|| view! {
                <h3>"Notes"</h3>
                <ol class="footnotes">
                    {footnotes.into_iter().map(|note| view! {
                        <li><span class="mark">{note.mark}</span>" "{note.text}</li>
                    }).collect_view()}
                </ol>
            })}
            <p class="source">
                "By " {author}
                {updated.map(|date| format!(", last updated {date}"))}
                {source.map(|url| view! { ". " <a href=url rel="noopener noreferrer">"Original report"</a> })}
                "."
            </p>
        </footer>
    }
}
