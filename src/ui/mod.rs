//! The Leptos front end: thin components over the pure logic of the crate.

mod entry;
mod filters;
mod load;
mod location;
mod marks;
mod viewer;

use leptos::prelude::*;
use load::{fetch_report, Failure};

#[component]
pub fn App() -> impl IntoView {
    let (attempt, set_attempt) = signal(0u32);
    let report = LocalResource::new(move || {
        attempt.track();
        fetch_report()
    });
    move || match report.get() {
        None => view! { <Loading/> }.into_any(),
        Some(Ok(report)) => view! { <viewer::Viewer report/> }.into_any(),
        Some(Err(failure)) => {
            view! { <ErrorPage failure retry=move || set_attempt.update(|n| *n += 1)/> }.into_any()
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
