//! The filter panel (a column on desktop, a sheet on a phone), the active
//! filter chips above the list, and the read-state tools.

use super::location::Record;
use super::marks::{download, MarksNotice};
use super::viewer::Ctx;
use crate::dates::short_day;
use crate::query::Filters;
use crate::readstate::{self, Change};
use leptos::prelude::*;
use std::collections::HashSet;
use wasm_bindgen::prelude::*;

/// Which list of ids a chip group edits.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Facet {
    Track,
    Topic,
}

impl Facet {
    fn selected(self, f: &Filters) -> &Vec<String> {
        match self {
            Facet::Track => &f.tracks,
            Facet::Topic => &f.topics,
        }
    }

    fn selected_mut(self, f: &mut Filters) -> &mut Vec<String> {
        match self {
            Facet::Track => &mut f.tracks,
            Facet::Topic => &mut f.topics,
        }
    }
}

#[component]
pub fn FilterPanel() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let shown = move || ctx.outcome.with(|o| o.shown.len());
    view! {
        <div class="backdrop" class:open=move || ctx.panel_open.get() on:click=move |_| ctx.panel_open.set(false)></div>
        <aside id="filters" class="panel" class:open=move || ctx.panel_open.get() aria-label="Filters">
            <div class="panel-head">
                <h2>"Filters"</h2>
                <button type="button" class="button quiet close" on:click=move |_| ctx.panel_open.set(false)>"Close"</button>
            </div>
            <DayFilter/>
            <ChipFilter facet=Facet::Track legend="Track"/>
            <ChipFilter facet=Facet::Topic legend="Topic"/>
            <UnreadSwitch/>
            <DayProgress/>
            <ReadTools/>
            <div class="panel-foot">
                <button type="button" class="button primary" on:click=move |_| ctx.panel_open.set(false)>
                    {move || format!("Show {} {}", shown(), if shown() == 1 { "entry" } else { "entries" })}
                </button>
            </div>
        </aside>
    }
}

#[component]
fn DayFilter() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let days = ctx.report.with_value(|r| {
        r.days
            .iter()
            .map(|d| (d.id.clone(), d.label.clone()))
            .collect::<Vec<_>>()
    });
    let choose = move |day: Option<String>| {
        let mut filters = ctx.filters.get_untracked();
        filters.day = day;
        ctx.set_filters(filters, Record::Push);
    };
    let all_count = move || ctx.outcome.with(|o| o.all_days_count);
    view! {
        <fieldset class="group days">
            <legend>"Day"</legend>
            <div class="segments">
                <label class="segment" class:empty=move || all_count() == 0>
                    <input
                        type="radio"
                        name="day"
                        prop:checked=move || ctx.filters.with(|f| f.day.is_none())
                        on:change=move |_| choose(None)
                    />
                    <span>"All"</span>
                    <span class="count">{all_count}</span>
                </label>
                {days.into_iter().enumerate().map(|(i, (id, label))| {
                    let count = move || ctx.outcome.with(|o| o.day_counts[i]);
                    let selected = {
                        let id = id.clone();
                        move || ctx.filters.with(|f| f.day.as_deref() == Some(id.as_str()))
                    };
                    let short = short_day(&id);
                    view! {
                        <label class="segment" class:empty=move || count() == 0 title=label>
                            <input
                                type="radio"
                                name="day"
                                prop:checked=selected
                                on:change=move |_| choose(Some(id.clone()))
                            />
                            <span>{short}</span>
                            <span class="count">{count}</span>
                        </label>
                    }
                }).collect_view()}
            </div>
        </fieldset>
    }
}

#[component]
fn ChipFilter(facet: Facet, legend: &'static str) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let options = ctx.report.with_value(|r| match facet {
        Facet::Track => r
            .tracks
            .iter()
            .map(|t| (t.id.clone(), t.label.clone(), String::new()))
            .collect::<Vec<_>>(),
        Facet::Topic => r
            .topics
            .iter()
            .map(|t| (t.id.clone(), t.label.clone(), t.description.clone()))
            .collect(),
    });
    let order = options
        .iter()
        .map(|(id, _, _)| id.clone())
        .collect::<Vec<_>>();
    view! {
        <fieldset class="group chips">
            <legend>{legend}</legend>
            {options.into_iter().enumerate().map(|(i, (id, label, description))| {
                let count = move || ctx.outcome.with(|o| match facet {
                    Facet::Track => o.track_counts[i],
                    Facet::Topic => o.topic_counts[i],
                });
                let checked = {
                    let id = id.clone();
                    move || ctx.filters.with(|f| facet.selected(f).contains(&id))
                };
                let order = order.clone();
                let toggle = move |_| {
                    let mut filters = ctx.filters.get_untracked();
                    let list = facet.selected_mut(&mut filters);
                    *list = Filters::toggled(list, &id, order.iter().cloned());
                    ctx.set_filters(filters, Record::Push);
                };
                let is_checked = checked.clone();
                view! {
                    <label class="chip-option" class:empty=move || count() == 0 && !is_checked() title=description>
                        <input type="checkbox" prop:checked=checked on:change=toggle/>
                        <span>{label}</span>
                        <span class="count">{count}</span>
                    </label>
                }
            }).collect_view()}
        </fieldset>
    }
}

#[component]
fn UnreadSwitch() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let count = move || ctx.outcome.with(|o| o.unread_count);
    view! {
        <label class="switch" class:empty=move || count() == 0>
            <input
                type="checkbox"
                role="switch"
                prop:checked=move || ctx.filters.with(|f| f.unread_only)
                on:change=move |_| {
                    let mut filters = ctx.filters.get_untracked();
                    filters.unread_only = !filters.unread_only;
                    ctx.set_filters(filters, Record::Push);
                }
            />
            <span>"Unread only"</span>
            <span class="count">{count}</span>
        </label>
    }
}

/// Read progress per day, over the whole report.
#[component]
fn DayProgress() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let days = ctx.report.with_value(|r| {
        r.days
            .iter()
            .map(|d| {
                let ids: Vec<String> = r
                    .entries
                    .iter()
                    .filter(|e| e.day == d.id)
                    .map(|e| e.id.clone())
                    .collect();
                (short_day(&d.id), ids)
            })
            .collect::<Vec<_>>()
    });
    view! {
        <section class="group day-progress" aria-label="Read progress per day">
            <h3>"Progress"</h3>
            <ul>
                {days.into_iter().map(|(label, ids)| {
                    let total = ids.len();
                    let read = Memo::new(move |_| ctx.marks.with(|m| ids.iter().filter(|id| m.contains(*id)).count()));
                    view! {
                        <li>
                            <span>{label}</span>
                            <span class="count">{move || format!("{} / {total}", read.get())}</span>
                            <progress max=total value=read aria-hidden="true"></progress>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </section>
    }
}

/// Mark what is shown, and move marks between browsers as a file.
#[component]
fn ReadTools() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let shown = move || ctx.outcome.with(|o| o.shown.len());
    let report_id = ctx.report.with_value(|r| r.id.clone());
    let export = {
        let report_id = report_id.clone();
        move |_| {
            let text = ctx
                .marks
                .with_untracked(|m| readstate::export(&report_id, m));
            download(&format!("{report_id}-read.json"), &text);
        }
    };
    let import = move |event: web_sys::Event| {
        let Some(input) = event
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        let Some(file) = input.files().and_then(|files| files.get(0)) else {
            return;
        };
        input.set_value("");
        if file.size() > readstate::MAX_IMPORT_BYTES {
            ctx.notice.set(Some(MarksNotice::ImportRefused(
                "This file is too large to be a read-state file: nothing was imported.".into(),
            )));
            return;
        }
        let report_id = report_id.clone();
        leptos::task::spawn_local(async move {
            let text = wasm_bindgen_futures::JsFuture::from(file.text()).await;
            let text = text.ok().and_then(|t| t.as_string()).unwrap_or_default();
            let parsed = ctx.report.with_value(|r| {
                let ids: HashSet<&str> = r.entries.iter().map(|e| e.id.as_str()).collect();
                readstate::parse_export(&text, &report_id, |id| ids.contains(id))
            });
            match parsed {
                Ok(imported) => {
                    let (count, skipped) = (imported.ids.len(), imported.skipped);
                    ctx.change_marks(Change::Read(imported.ids));
                    if ctx.notice.get_untracked().is_none() {
                        ctx.notice
                            .set(Some(MarksNotice::Imported { count, skipped }));
                    }
                }
                Err(message) => ctx.notice.set(Some(MarksNotice::ImportRefused(message))),
            }
        });
    };
    view! {
        <section class="group read-tools" aria-label="Read marks">
            <h3>"Read marks"</h3>
            <div class="tool-row">
                <button type="button" class="button" disabled=move || shown() == 0
                    on:click=move |_| ctx.change_marks(Change::Read(ctx.shown_ids()))>
                    {move || format!("Mark {} shown read", shown())}
                </button>
                <button type="button" class="button" disabled=move || shown() == 0
                    on:click=move |_| ctx.change_marks(Change::Unread(ctx.shown_ids()))>
                    "Mark shown unread"
                </button>
            </div>
            <div class="tool-row">
                <button type="button" class="button" on:click=export>"Export marks"</button>
                <label class="button file-button">
                    "Import marks"
                    <input type="file" accept=".json,application/json" class="visually-hidden" on:change=import/>
                </label>
            </div>
        </section>
    }
}

/// The active filters as removable chips, and Clear.
#[component]
pub fn ActiveFilters() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let chips = move || {
        let filters = ctx.filters.get();
        let mut chips: Vec<(String, Filters)> = Vec::new();
        ctx.report.with_value(|r| {
            if let Some(day) = &filters.day {
                chips.push((
                    short_day(day),
                    Filters {
                        day: None,
                        ..filters.clone()
                    },
                ));
            }
            for track in &filters.tracks {
                let label = r.track(track).map(|t| t.label.clone()).unwrap_or_default();
                let mut without = filters.clone();
                without.tracks.retain(|t| t != track);
                chips.push((label, without));
            }
            for topic in &filters.topics {
                let label = r.topic(topic).map(|t| t.label.clone()).unwrap_or_default();
                let mut without = filters.clone();
                without.topics.retain(|t| t != topic);
                chips.push((label, without));
            }
            if !filters.text.trim().is_empty() {
                chips.push((
                    format!("“{}”", filters.text.trim()),
                    Filters {
                        text: String::new(),
                        ..filters.clone()
                    },
                ));
            }
            if filters.unread_only {
                chips.push((
                    "Unread only".into(),
                    Filters {
                        unread_only: false,
                        ..filters.clone()
                    },
                ));
            }
        });
        chips
    };
    view! {
        <Show when=move || ctx.filters.with(|f| !f.is_empty())>
            <ul class="active-filters" aria-label="Active filters">
                {move || chips().into_iter().map(|(label, without)| view! {
                    <li>
                        <button type="button" class="chip removable" on:click=move |_| ctx.set_filters(without.clone(), Record::Push)>
                            {label.clone()}
                            <span class="visually-hidden">" (remove)"</span>
                            <span class="x" aria-hidden="true">"×"</span>
                        </button>
                    </li>
                }).collect_view()}
                <li>
                    <button type="button" class="button quiet clear" on:click=move |_| ctx.clear_filters()>"Clear"</button>
                </li>
            </ul>
        </Show>
    }
}
