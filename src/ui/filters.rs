//! The filter panel (a column on desktop, a sheet on a phone), the active
//! filter chips above the list, and the read-state tools.

use super::focus;
use super::location::Record;
use super::marks::{download, download_export, read_import, ListNotice, CALENDAR};
use super::state::ViewState;
use crate::calendar;
use crate::dates::short_day;
use crate::ids;
use crate::model::Report;
use crate::present::entries_count;
use crate::query::{Filters, Outcome};
use crate::readstate::{Change, List};
use leptos::prelude::*;
use wasm_bindgen::prelude::*;

/// Which list of ids a chip group edits.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Facet {
    Track,
    Topic,
    Room,
}

impl Facet {
    const ALL: [Facet; 3] = [Facet::Track, Facet::Topic, Facet::Room];

    /// The label of one of this facet's options, by id.
    fn label(self, report: &Report, id: &str) -> String {
        let label = match self {
            Facet::Track => report.track(id).map(|t| &t.label),
            Facet::Topic => report.topic(id).map(|t| &t.label),
            Facet::Room => report.room(id).map(|r| &r.label),
        };
        label.cloned().unwrap_or_default()
    }

    /// The facet's options in report order: id, label and description.
    fn options(self, report: &Report) -> Vec<(String, String, String)> {
        let plain = |id: &String, label: &String| (id.clone(), label.clone(), String::new());
        match self {
            Facet::Track => report
                .tracks
                .iter()
                .map(|t| plain(&t.id, &t.label))
                .collect(),
            Facet::Topic => report
                .topics
                .iter()
                .map(|t| (t.id.clone(), t.label.clone(), t.description.clone()))
                .collect(),
            Facet::Room => report
                .rooms
                .iter()
                .map(|r| plain(&r.id, &r.label))
                .collect(),
        }
    }

    /// How many entries the option at `position` would give.
    fn count(self, outcome: &Outcome, position: usize) -> usize {
        match self {
            Facet::Track => outcome.track_counts[position],
            Facet::Topic => outcome.topic_counts[position],
            Facet::Room => outcome.room_counts[position],
        }
    }

    fn selected(self, f: &Filters) -> &Vec<String> {
        match self {
            Facet::Track => &f.tracks,
            Facet::Topic => &f.topics,
            Facet::Room => &f.rooms,
        }
    }

    fn selected_mut(self, f: &mut Filters) -> &mut Vec<String> {
        match self {
            Facet::Track => &mut f.tracks,
            Facet::Topic => &mut f.topics,
            Facet::Room => &mut f.rooms,
        }
    }
}

#[component]
pub fn FilterPanel() -> impl IntoView {
    let state = expect_context::<ViewState>();
    let shown = move || state.outcome.with(|o| o.shown.len());
    // A trip report has no rooms; only a programme shows the filter.
    let has_rooms = state.report.with_value(|r| !r.rooms.is_empty());
    // Where the panel is a column (style/app.css, min-width 64rem) there is
    // no sheet: one open when the window grows that wide closes, so the page
    // is not left inert behind it.
    if let Ok(Some(wide)) = window().match_media("(min-width: 64rem)") {
        let listener = gloo::events::EventListener::new(&wide.clone(), "change", move |_| {
            if wide.matches() {
                state.panel_open.set(false);
            }
        });
        // Dropped, and so removed, with the panel.
        StoredValue::new_local(listener);
    }
    // The sheet (on a phone) takes the focus when it opens and gives it back
    // to the Filters button when it closes, so a keyboard or a screen reader
    // is never left on a hidden control.
    let close = NodeRef::<leptos::html::Button>::new();
    Effect::new(move |was_open: Option<bool>| {
        let open = state.panel_open.get();
        if open {
            if let Some(button) = close.get() {
                let _ = button.focus();
            }
        } else if was_open == Some(true) {
            focus(ids::FILTERS_BUTTON);
        }
        open
    });
    view! {
        <div class="backdrop" class:open=move || state.panel_open.get() on:click=move |_| state.panel_open.set(false)></div>
        <aside id=ids::FILTERS class="panel" class:open=move || state.panel_open.get() aria-label="Filters">
            <div class="panel-head">
                <h2>"Filters"</h2>
                <button type="button" class="button quiet close" node_ref=close on:click=move |_| state.panel_open.set(false)>"Close"</button>
            </div>
            <DayFilter/>
            <ChipFilter facet=Facet::Track legend="Track"/>
            <ChipFilter facet=Facet::Topic legend="Topic"/>
            {has_rooms.then(|| view! { <ChipFilter facet=Facet::Room legend="Room"/> })}
            <OnlySwitch only=Only::Unread/>
            <OnlySwitch only=Only::Starred/>
            <Show when=move || state.settled.get()>
                <DayProgress/>
                <ReadTools/>
                <StarTools/>
            </Show>
            <div class="panel-foot">
                <button type="button" class="button primary" on:click=move |_| state.panel_open.set(false)>
                    {move || format!("Show {}", entries_count(shown()))}
                </button>
            </div>
        </aside>
    }
}

#[component]
fn DayFilter() -> impl IntoView {
    let state = expect_context::<ViewState>();
    let days = state.report.with_value(|r| {
        r.days
            .iter()
            .map(|d| (d.id.clone(), d.label.clone()))
            .collect::<Vec<_>>()
    });
    let choose = move |day: Option<String>| state.update_filters(|f| f.day = day);
    let all_count = move || state.outcome.with(|o| o.all_days_count);
    view! {
        <fieldset class="group days">
            <legend>"Day"</legend>
            <div class="segments">
                <label class="segment" class:empty=move || all_count() == 0>
                    <input
                        type="radio"
                        name="day"
                        prop:checked=move || state.chosen_with(|f| f.day.is_none())
                        on:change=move |_| choose(None)
                    />
                    <span>"All"</span>
                    <span class="count">{all_count}</span>
                </label>
                {days.into_iter().enumerate().map(|(i, (id, label))| {
                    let count = move || state.outcome.with(|o| o.day_counts[i]);
                    let selected = {
                        let id = id.clone();
                        move || state.chosen_with(|f| f.day.as_deref() == Some(id.as_str()))
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

/// Facets with more options than this start folded (a programme's 92
/// rooms, say): the panel stays a short list on a phone, and a tap updates
/// only the options in sight.
const FOLD_OVER: usize = 20;

#[component]
fn ChipFilter(facet: Facet, legend: &'static str) -> impl IntoView {
    let state = expect_context::<ViewState>();
    let options = state.report.with_value(|r| facet.options(r));
    let total = options.len();
    // Shared by every option's toggle, not copied into each.
    let order = StoredValue::new(
        options
            .iter()
            .map(|(id, _, _)| id.clone())
            .collect::<Vec<_>>(),
    );
    let options = StoredValue::new(options);
    let chips = move || {
        options.with_value(|options| {
            options.iter().cloned().enumerate().map(|(i, (id, label, description))| {
                let count = move || state.outcome.with(|o| facet.count(o, i));
                let checked = {
                    let id = id.clone();
                    move || state.chosen_with(|f| facet.selected(f).contains(&id))
                };
                let toggle = move |_| {
                    state.update_filters(|f| {
                        let list = facet.selected_mut(f);
                        *list = order.with_value(|o| Filters::toggled(list, &id, o.iter().cloned()));
                    });
                };
                let is_checked = checked.clone();
                view! {
                    <label class="chip-option" class:empty=move || count() == 0 && !is_checked() title=description>
                        <input type="checkbox" prop:checked=checked on:change=toggle/>
                        <span>{label}</span>
                        <span class="count">{count}</span>
                    </label>
                }
            }).collect_view()
        })
    };
    if total <= FOLD_OVER {
        return view! {
            <fieldset class="group chips">
                <legend>{legend}</legend>
                {chips()}
            </fieldset>
        }
        .into_any();
    }
    let chosen = move || state.chosen_with(|f| facet.selected(f).len());
    // Open from the start when the address already chooses one of them.
    let open = RwSignal::new(untrack(chosen) > 0);
    let toggled = move |event: web_sys::Event| {
        let now_open = event
            .target()
            .and_then(|t| js_sys::Reflect::get(&t, &"open".into()).ok())
            .is_some_and(|open| open.is_truthy());
        open.set(now_open);
    };
    view! {
        <details class="group fold" prop:open=open on:toggle=toggled>
            <summary>
                <span class="fold-name">{legend}</span>
                <span class="count">
                    {move || match chosen() {
                        0 => format!("{total} options"),
                        n => format!("{n} of {total} chosen"),
                    }}
                </span>
            </summary>
            <Show when=move || open.get()>
                <fieldset class="chips">
                    <legend class="visually-hidden">{legend}</legend>
                    {chips()}
                </fieldset>
            </Show>
        </details>
    }
    .into_any()
}

/// A switch that keeps only the unread, or only the starred, entries.
#[derive(Clone, Copy)]
enum Only {
    Unread,
    Starred,
}

impl Only {
    const ALL: [Only; 2] = [Only::Unread, Only::Starred];

    fn label(self) -> &'static str {
        match self {
            Only::Unread => "Unread only",
            Only::Starred => "Starred only",
        }
    }

    fn count(self, outcome: &Outcome) -> usize {
        match self {
            Only::Unread => outcome.unread_count,
            Only::Starred => outcome.starred_count,
        }
    }

    fn is_on(self, filters: &Filters) -> bool {
        match self {
            Only::Unread => filters.unread_only,
            Only::Starred => filters.starred_only,
        }
    }

    fn switch(self, filters: &mut Filters) -> &mut bool {
        match self {
            Only::Unread => &mut filters.unread_only,
            Only::Starred => &mut filters.starred_only,
        }
    }
}

#[component]
fn OnlySwitch(only: Only) -> impl IntoView {
    let state = expect_context::<ViewState>();
    let count = move || state.outcome.with(|o| only.count(o));
    let on = move || state.chosen_with(|f| only.is_on(f));
    view! {
        <label class="switch" class:empty=move || count() == 0>
            <input
                type="checkbox"
                role="switch"
                prop:checked=on
                on:change=move |_| state.update_filters(|f| {
                    let switch = only.switch(f);
                    *switch = !*switch;
                })
            />
            <span>{only.label()}</span>
            <span class="count">{count}</span>
        </label>
    }
}

/// Read progress per day, over the whole report.
#[component]
fn DayProgress() -> impl IntoView {
    let state = expect_context::<ViewState>();
    // Each day's entries by index, found once; read counts of all days in
    // one pass over the marks' bits per change.
    let (labels, day_of) = state.report.with_value(|r| {
        let labels: Vec<String> = r.days.iter().map(|d| short_day(&d.id)).collect();
        let day_of: Vec<Option<usize>> = state
            .index
            .with_value(|ix| (0..r.entries.len()).map(|i| ix.day_of(i)).collect());
        (labels, day_of)
    });
    let mut totals = vec![0usize; labels.len()];
    day_of.iter().flatten().for_each(|&d| totals[d] += 1);
    let days = totals.len();
    let read = Memo::new(move |_| {
        state.marks.with(|m| {
            let mut read = vec![0usize; days];
            for (i, day) in day_of.iter().enumerate() {
                if let (Some(d), true) = (day, m.contains(i)) {
                    read[*d] += 1;
                }
            }
            read
        })
    });
    view! {
        <section class="group day-progress" aria-label="Read progress per day">
            <h3>"Progress"</h3>
            <ul>
                {labels.into_iter().zip(totals).enumerate().map(|(day, (label, total))| {
                    let read = Memo::new(move |_| read.with(|r| r[day]));
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
    let state = expect_context::<ViewState>();
    let shown = move || state.outcome.with(|o| o.shown.len());
    let report_id = state.report.with_value(|r| r.id.clone());
    let export = {
        let report_id = report_id.clone();
        move |_| {
            download_export(
                &report_id,
                &state.stored(List::Read),
                &state.stored(List::Starred),
            );
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
        let report_id = report_id.clone();
        leptos::task::spawn_local(async move {
            let in_report = |id: &str| state.index.with_value(|ix| ix.entry_of(id).is_some());
            match read_import(file, &report_id, in_report).await {
                Ok(imported) => {
                    let notice = ListNotice::Imported {
                        read: imported.read.len(),
                        starred: imported.starred.len(),
                        skipped: imported.skipped,
                    };
                    state.change(List::Read, Change::Add(imported.read));
                    state.change(List::Starred, Change::Add(imported.starred));
                    state.tell(notice);
                }
                Err(notice) => state.tell(notice),
            }
        });
    };
    view! {
        <section class="group read-tools" aria-label="Read marks">
            <h3>"Read marks"</h3>
            <div class="tool-row">
                <button type="button" class="button" disabled=move || shown() == 0
                    on:click=move |_| state.change(List::Read, Change::Add(state.shown_ids()))>
                    {move || format!("Mark {} shown read", shown())}
                </button>
                <button type="button" class="button" disabled=move || shown() == 0
                    on:click=move |_| state.change(List::Read, Change::Remove(state.shown_ids()))>
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

/// The starred entries with a time, as a file for the reader's calendar.
/// Only a report with times offers it.
#[component]
fn StarTools() -> impl IntoView {
    let state = expect_context::<ViewState>();
    let timed: Vec<usize> = state.report.with_value(|r| {
        (0..r.entries.len())
            .filter(|&i| r.entries[i].start.is_some())
            .collect()
    });
    if timed.is_empty() {
        return None;
    }
    let timed = StoredValue::new(timed);
    // The starred entries that have a time, by index.
    let starred_timed = move || {
        timed.with_value(|t| {
            state.starred.with(|s| {
                t.iter()
                    .copied()
                    .filter(|&i| s.contains(i))
                    .collect::<Vec<_>>()
            })
        })
    };
    let count = Memo::new(move |_| starred_timed().len());
    let save = move |_| {
        let indexes = untrack(starred_timed);
        let stamp = calendar::stamp(&String::from(js_sys::Date::new_0().to_iso_string()));
        let (name, text) = state.report.with_value(|r| {
            let entries: Vec<_> = indexes.iter().map(|&i| &r.entries[i]).collect();
            (
                calendar::starred_file_name(&r.id),
                calendar::ics(r, &entries, &stamp),
            )
        });
        download(&name, &text, CALENDAR);
    };
    Some({
        view! {
            <section class="group star-tools" aria-label="Stars">
                <h3>"Stars"</h3>
                <button type="button" class="button" disabled=move || count.get() == 0 on:click=save>
                    {move || match count.get() {
                        0 => "Star entries to add them to a calendar".to_string(),
                        1 => "Add 1 starred entry to a calendar".to_string(),
                        n => format!("Add {n} starred entries to a calendar"),
                    }}
                </button>
            </section>
        }
    })
}

/// The active filters as removable chips, and Clear.
#[component]
pub fn ActiveFilters() -> impl IntoView {
    let state = expect_context::<ViewState>();
    let chips = move || {
        let filters = state.applied_with(Filters::clone);
        let mut chips: Vec<(String, Filters)> = Vec::new();
        state.report.with_value(|r| {
            if let Some(day) = &filters.day {
                chips.push((
                    short_day(day),
                    Filters {
                        day: None,
                        ..filters.clone()
                    },
                ));
            }
            for facet in Facet::ALL {
                for id in facet.selected(&filters) {
                    let mut without = filters.clone();
                    facet.selected_mut(&mut without).retain(|other| other != id);
                    chips.push((facet.label(r, id), without));
                }
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
            for only in Only::ALL.into_iter().filter(|only| only.is_on(&filters)) {
                let mut without = filters.clone();
                *only.switch(&mut without) = false;
                chips.push((only.label().to_string(), without));
            }
        });
        chips
    };
    view! {
        <Show when=move || state.applied_with(|f| !f.is_empty())>
            <ul class="active-filters" aria-label="Active filters">
                {move || chips().into_iter().map(|(label, without)| view! {
                    <li>
                        <button type="button" class="chip removable" on:click=move |_| {
                            focus(ids::RESULTS);
                            state.set_filters(without.clone(), Record::Push);
                        }>
                            {label.clone()}
                            <span class="visually-hidden">" (remove)"</span>
                            <span class="x" aria-hidden="true">"×"</span>
                        </button>
                    </li>
                }).collect_view()}
                <li>
                    <button type="button" class="button quiet clear" on:click=move |_| {
                        focus(ids::RESULTS);
                        state.clear_filters();
                    }>"Clear"</button>
                </li>
            </ul>
        </Show>
    }
}
