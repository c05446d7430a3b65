//! The Leptos front end: thin components over the pure logic of the crate.

mod entry;
mod filters;
mod list;
mod load;
mod location;
mod marks;
mod state;
mod viewer;

use leptos::prelude::*;
use load::{fetch_report, Failure};
use wasm_bindgen::JsCast;

#[component]
pub fn App() -> impl IntoView {
    register_service_worker_when_idle();
    let (attempt, set_attempt) = signal(0u32);
    let report = LocalResource::new(move || {
        attempt.track();
        fetch_report()
    });
    let retry = move || set_attempt.update(|n| *n += 1);
    move || {
        report.track();
        // The report moves into the view: a copy of it would copy every
        // note, at start-up.
        match report.try_update_untracked(Option::take).flatten() {
            // The page built for hosting shows the report as plain HTML until
            // the app has it; only a page without that needs a placeholder.
            None if static_page().is_some() => ().into_any(),
            None => view! { <Loading/> }.into_any(),
            Some(Ok(report)) => {
                remove_static_page();
                view! { <viewer::Viewer report/> }.into_any()
            }
            // The reader keeps reading the static report; the app only says
            // what failed.
            Some(Err(failure)) if static_page().is_some() => {
                view! { <LoadNotice failure retry/> }.into_any()
            }
            Some(Err(failure)) => view! { <ErrorPage failure retry/> }.into_any(),
        }
    }
}

/// The header and a few card outlines of the size of real cards, so
/// nothing jumps when the report arrives.
#[component]
fn Loading() -> impl IntoView {
    view! {
        <div class="app loading" aria-busy="true">
            <header class="top"><p class="brand">"Tripnotes"</p><p class="status" role="status">"Loading the report…"</p></header>
            <main class="list">
                {(0..4).map(|_| view! { <div class="card skeleton" aria-hidden="true"></div> }).collect_view()}
            </main>
        </div>
    }
}

#[component]
fn ErrorPage(failure: Failure, retry: impl Fn() + 'static) -> impl IntoView {
    view! {
        <main class="error-page" role="alert">
            <h1>{failure.summary()}</h1>
            <p>"Tripnotes could not show this report. The technical detail:"</p>
            <pre class="detail">{failure.to_string()}</pre>
            <button type="button" class="button primary" on:click=move |_| retry()>"Retry"</button>
        </main>
    }
}

/// Over the static report: what failed, a Retry, and a way to dismiss it.
#[component]
fn LoadNotice(failure: Failure, retry: impl Fn() + 'static) -> impl IntoView {
    let (shown, set_shown) = signal(true);
    view! {
        <section class="load-notice" role="alert" aria-labelledby="load_notice_title" hidden=move || !shown.get()>
            <h2 id="load_notice_title">{failure.summary()}</h2>
            <p>"You are reading the copy of the report built into this page: filters, search and read marks are off until the report loads."</p>
            <p class="detail">{failure.to_string()}</p>
            <div class="tool-row">
                <button type="button" class="button primary" on:click=move |_| retry()>"Retry"</button>
                <button type="button" class="button" on:click=move |_| set_shown.set(false)>"Dismiss"</button>
            </div>
        </section>
    }
}

/// Moves the keyboard focus to the element with this id: where a control
/// that had it goes away (a removed filter chip, a dismissed notice, a
/// closed filter sheet), so the focus is never left on nothing.
fn focus(id: &str) {
    if let Some(element) = document().get_element_by_id(id) {
        focus_element(element);
    }
}

fn focus_element(element: web_sys::Element) {
    let _ = element.unchecked_into::<web_sys::HtmlElement>().focus();
}

fn static_page() -> Option<web_sys::Element> {
    document().get_element_by_id(crate::ids::STATIC)
}

/// The app replaces the static page in the same task that renders it, so
/// the reader never sees a blank frame between the two.
fn remove_static_page() {
    if let Some(element) = static_page() {
        element.remove();
    }
}

/// The service worker keeps the app for offline use, which no first view
/// waits for: it registers once start-up leaves the page idle.
fn register_service_worker_when_idle() {
    if request_idle_callback_with_handle(register_service_worker).is_err() {
        // Where idle callbacks are missing (Safari), in a task of its own.
        set_timeout(register_service_worker, std::time::Duration::ZERO);
    }
}

/// Offline support where the browser allows it; without it (plain http from
/// another host, some private modes) the app works as before.
fn register_service_worker() {
    let navigator = window().navigator();
    let supported = js_sys::Reflect::has(&navigator, &"serviceWorker".into()).unwrap_or(false);
    if !supported {
        return;
    }
    let registration = navigator.service_worker().register("sw.js");
    leptos::task::spawn_local(async move {
        // A refused registration changes nothing for the reader.
        let _ = wasm_bindgen_futures::JsFuture::from(registration).await;
    });
}
