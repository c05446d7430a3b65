//! The least a Leptos app can do on the page: download the report, and
//! replace the static page with one read toggle. The bench counts it ready
//! when the toggle exists, as it does the app.

use leptos::prelude::*;
use tripnotes_floor::{remove_static_page, report_text};

#[component]
fn Shell() -> impl IntoView {
    let report = LocalResource::new(report_text);
    let (read, set_read) = signal(false);
    move || {
        report.get().flatten().map(|text| {
            remove_static_page();
            view! {
                <p>{text.len()}" bytes"</p>
                <button
                    type="button"
                    class="read-toggle"
                    aria-pressed=move || read.get().to_string()
                    on:click=move |_| set_read.update(|r| *r = !*r)
                >
                    "Read"
                </button>
            }
        })
    }
}

fn main() {
    leptos::mount::mount_to_body(Shell);
}
