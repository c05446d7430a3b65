//! A bare list: the report read with serde, every entry's title with a read
//! toggle, and a day filter that hides the other days' entries. No search,
//! counts, stored marks, address or notes.

use leptos::prelude::*;
use serde::Deserialize;
use tripnotes_floor::{remove_static_page, report_text};

#[derive(Deserialize)]
struct Report {
    title: String,
    days: Vec<Day>,
    entries: Vec<Entry>,
}

#[derive(Deserialize)]
struct Day {
    id: String,
    label: String,
}

#[derive(Deserialize)]
struct Entry {
    id: String,
    title: String,
    #[serde(default)]
    day: Option<String>,
}

#[component]
fn App() -> impl IntoView {
    let report =
        LocalResource::new(|| async { serde_json::from_str::<Report>(&report_text().await?).ok() });
    move || {
        report.track();
        report
            .try_update_untracked(Option::take)
            .flatten()
            .flatten()
            .map(|report| {
                remove_static_page();
                view! { <List report/> }
            })
    }
}

#[component]
fn List(report: Report) -> impl IntoView {
    let (day, set_day) = signal(None::<String>);
    let read = RwSignal::new(vec![false; report.entries.len()]);
    let days = report.days.into_iter().map(|d| {
        let chosen = d.id.clone();
        view! {
            <label>
                <input
                    type="radio"
                    name="day"
                    prop:checked=move || day.with(|day| day.as_deref() == Some(chosen.as_str()))
                    on:change=move |_| set_day.set(Some(d.id.clone()))
                />
                {d.label}
            </label>
        }
    });
    let entries = report.entries.into_iter().enumerate().map(|(i, entry)| {
        let on_day = entry.day;
        view! {
            <li hidden=move || day.with(|day| day.is_some() && *day != on_day)>
                <article id=entry.id>
                    <h3>{entry.title}</h3>
                    <button
                        type="button"
                        class="read-toggle"
                        aria-pressed=move || read.with(|r| r[i]).to_string()
                        on:click=move |_| read.update(|r| r[i] = !r[i])
                    >
                        "Read"
                    </button>
                </article>
            </li>
        }
    });
    view! {
        <header><h1>{report.title}</h1></header>
        <fieldset>
            <legend>"Day"</legend>
            <label>
                <input type="radio" name="day" prop:checked=move || day.with(Option::is_none) on:change=move |_| set_day.set(None)/>
                "All"
            </label>
            {days.collect_view()}
        </fieldset>
        <main><ul>{entries.collect_view()}</ul></main>
    }
}

fn main() {
    leptos::mount::mount_to_body(App);
}
