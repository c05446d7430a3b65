//! The viewer: the state of one open report (filters, marks, what is shown)
//! and the page layout around the filter panel and the entry list.

use super::entry::EntryCard;
use super::filters::{ActiveFilters, FilterPanel};
use super::location::{self, Record};
use super::marks::{download, MarksNotice, ReadStore};
use crate::dates::short_day;
use crate::model::Report;
use crate::present::{entries_count, report_meta};
use crate::query::{self, Filters, Outcome, SearchIndex};
use crate::readstate::{Change, Marks};
use leptos::ev;
use leptos::html::{Div, Input};
use leptos::prelude::*;
use std::collections::BTreeSet;
use wasm_bindgen::prelude::*;

/// How many entries are rendered at first, and added each time the reader
/// nears the end of the list: big reports stay fast on a phone.
const FIRST_RENDER: usize = 30;
const MORE_RENDER: usize = 60;

/// The signals of one open report, shared by its components.
#[derive(Clone, Copy)]
pub struct Ctx {
    pub report: StoredValue<Report>,
    pub filters: RwSignal<Filters>,
    pub marks: RwSignal<Marks>,
    pub outcome: Memo<Outcome>,
    /// The search text alone, so highlights only redo when it changes.
    pub search: Memo<String>,
    /// Entries whose notes are open.
    pub open: RwSignal<BTreeSet<String>>,
    /// The filter sheet on narrow screens.
    pub panel_open: RwSignal<bool>,
    /// A message about the reader's marks, such as marks not being kept.
    pub notice: RwSignal<Option<MarksNotice>>,
    store: StoredValue<ReadStore>,
}

impl Ctx {
    pub fn set_filters(&self, filters: Filters, record: Record) {
        location::write(&filters, None, record);
        self.filters.set(filters);
    }

    pub fn clear_filters(&self) {
        self.set_filters(Filters::default(), Record::Push);
    }

    /// Whether an entry is read; reactive.
    pub fn is_read(&self, id: &str) -> bool {
        self.marks.with(|m| m.contains(id))
    }

    pub fn change_marks(&self, change: Change) {
        let Some((saved, marks)) = self
            .store
            .try_update_value(|s| (s.save(&change), s.marks()))
        else {
            return;
        };
        self.marks.set(marks);
        match (saved, self.notice.get_untracked()) {
            (false, None) => self.notice.set(Some(MarksNotice::NotKept)),
            (true, Some(MarksNotice::NotKept)) => self.notice.set(None),
            _ => {}
        }
    }

    /// Ids of the entries the current view shows.
    pub fn shown_ids(&self) -> Vec<String> {
        let shown = self.outcome.with_untracked(|o| o.shown.clone());
        self.report
            .with_value(|r| shown.iter().map(|&i| r.entries[i].id.clone()).collect())
    }

    pub fn toggle_open(&self, id: &str) {
        self.open.update(|open| {
            if !open.remove(id) {
                open.insert(id.to_string());
            }
        });
    }
}

#[component]
pub fn Viewer(report: Report) -> impl IntoView {
    let index = StoredValue::new(SearchIndex::new(&report));
    let (store, notice) = ReadStore::open(&report.id, &location::scope());
    let filters = RwSignal::new(location::current_filters(&report));
    let report = StoredValue::new(report);
    let marks = RwSignal::new(store.marks());
    let outcome = Memo::new(move |_| {
        filters.with(|f| {
            marks.with(|m| {
                report.with_value(|r| {
                    index.with_value(|ix| query::run(r, ix, f, &|id: &str| m.contains(id)))
                })
            })
        })
    });
    let ctx = Ctx {
        report,
        filters,
        marks,
        outcome,
        search: Memo::new(move |_| filters.with(|f| f.text.clone())),
        open: RwSignal::new(BTreeSet::new()),
        panel_open: RwSignal::new(false),
        notice: RwSignal::new(notice),
        store: StoredValue::new(store),
    };
    provide_context(ctx);

    // Back and Forward restore the view from the address bar.
    let popstate = window_event_listener(ev::popstate, move |_| {
        ctx.filters
            .set(report.with_value(location::current_filters));
    });
    // Marks changed in another tab show here at once.
    let storage = window_event_listener(ev::storage, move |event| {
        let theirs = ctx
            .store
            .try_update_value(|s| s.on_storage_event(&event))
            .flatten();
        if let Some(marks) = theirs {
            ctx.marks.set(marks);
        }
    });
    let limit = RwSignal::new(FIRST_RENDER);
    let hashchange = window_event_listener(ev::hashchange, move |_| reveal_hash(ctx, limit));
    let keys = window_event_listener(ev::keydown, move |event| global_keys(ctx, &event));
    // Printing gives the whole current view with every note open; the
    // reader's own open notes come back afterwards.
    let before_print = StoredValue::new((BTreeSet::new(), FIRST_RENDER));
    let beforeprint = window_event_listener(ev::beforeprint, move |_| {
        before_print.set_value((ctx.open.get_untracked(), limit.get_untracked()));
        limit.set(usize::MAX);
        ctx.open.set(ctx.shown_ids().into_iter().collect());
    });
    let afterprint = window_event_listener(ev::afterprint, move |_| {
        let (open, window) = before_print.get_value();
        ctx.open.set(open);
        limit.set(window);
    });
    on_cleanup(move || {
        popstate.remove();
        storage.remove();
        hashchange.remove();
        keys.remove();
        beforeprint.remove();
        afterprint.remove();
    });
    request_animation_frame(move || reveal_hash(ctx, limit));

    let title = report.with_value(|r| r.title.clone());
    let meta = report.with_value(report_meta);
    let total = report.with_value(|r| r.entries.len());
    let read_count = Memo::new(move |_| {
        report
            .with_value(|r| marks.with(|m| r.entries.iter().filter(|e| m.contains(&e.id)).count()))
    });

    view! {
        <div class="app">
            <a class="skip-link" href="#results">"Skip to the entries"</a>
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
                <main id="results" class="list" tabindex="-1">
                    {move || ctx.notice.get().map(|notice| view! { <Notice notice/> })}
                    <div class="summary">
                        <p class="count" role="status">
                            {move || format!("{} of {total} entries", ctx.outcome.with(|o| o.shown.len()))}
                        </p>
                        <ActiveFilters/>
                    </div>
                    <EntryList limit/>
                    <About/>
                </main>
            </div>
        </div>
    }
}

/// A message about the reader's marks, with what the reader can do about it.
#[component]
fn Notice(notice: MarksNotice) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
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
            <button type="button" class="button quiet" on:click=move |_| ctx.notice.set(None)>"Dismiss"</button>
        </div>
    }
}

/// "/" jumps to search; Escape closes the filter sheet.
fn global_keys(ctx: Ctx, event: &web_sys::KeyboardEvent) {
    let typing = event
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|el| matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT"));
    match event.key().as_str() {
        "/" if !typing && !event.ctrl_key() && !event.meta_key() && !event.alt_key() => {
            if let Some(input) = document().get_element_by_id("search") {
                event.prevent_default();
                let _ = input.unchecked_into::<web_sys::HtmlElement>().focus();
            }
        }
        "Escape" if ctx.panel_open.get_untracked() => ctx.panel_open.set(false),
        _ => {}
    }
}

/// Opens the entry named in the address bar's hash and scrolls to it, even
/// when the current filters or the render window would hide it.
fn reveal_hash(ctx: Ctx, limit: RwSignal<usize>) {
    let Some(id) = location::current_hash() else {
        return;
    };
    let Some(index) = ctx
        .report
        .with_value(|r| r.entries.iter().position(|e| e.id == id))
    else {
        return;
    };
    if !ctx.outcome.with_untracked(|o| o.shown.contains(&index)) {
        ctx.filters.set(Filters::default());
        location::write(&Filters::default(), Some(&id), Record::Replace);
    }
    let position = ctx
        .outcome
        .with_untracked(|o| o.shown.iter().position(|&i| i == index));
    if let Some(position) = position {
        if position >= limit.get_untracked() {
            limit.set(position + MORE_RENDER);
        }
    }
    ctx.open.update(|open| {
        open.insert(id.clone());
    });
    request_animation_frame(move || {
        if let Some(element) = document().get_element_by_id(&id) {
            element.scroll_into_view();
        }
    });
}

#[component]
fn SearchBar() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let input = NodeRef::<Input>::new();
    let on_input = move |_| {
        let Some(el) = input.get() else { return };
        let mut filters = ctx.filters.get_untracked();
        // The first keystroke is a history step; the rest refine it.
        let record = if filters.text.is_empty() {
            Record::Push
        } else {
            Record::Replace
        };
        filters.text = el.value();
        ctx.set_filters(filters, record);
    };
    let on_keydown = move |event: web_sys::KeyboardEvent| {
        if event.key() == "Escape" && !ctx.filters.with_untracked(|f| f.text.is_empty()) {
            event.prevent_default();
            let mut filters = ctx.filters.get_untracked();
            filters.text.clear();
            ctx.set_filters(filters, Record::Push);
        }
    };
    let active = move || {
        ctx.filters
            .with(|f| f.active_count() - usize::from(!f.text.trim().is_empty()))
    };
    view! {
        <div class="searchbar" role="search">
            <label class="visually-hidden" for="search">"Search titles, speakers, topics and notes"</label>
            <input
                id="search"
                node_ref=input
                type="search"
                placeholder="Search talks and notes"
                aria-keyshortcuts="/"
                autocomplete="off"
                spellcheck="false"
                prop:value=move || ctx.filters.with(|f| f.text.clone())
                on:input=on_input
                on:keydown=on_keydown
            />
            <button
                type="button"
                class="button filters-button"
                aria-controls="filters"
                aria-expanded=move || ctx.panel_open.get().to_string()
                on:click=move |_| ctx.panel_open.update(|open| *open = !*open)
            >
                "Filters"
                {move || (active() > 0).then(|| view! { <span class="badge">{active()}<span class="visually-hidden">" active"</span></span> })}
            </button>
        </div>
    }
}

/// Entries in day groups (or ranked, when searching), rendered a window at a
/// time: more are added as the reader nears the end.
#[component]
fn EntryList(limit: RwSignal<usize>) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    // A new view starts with a small window again.
    Effect::new(move |previous: Option<()>| {
        ctx.filters.track();
        if previous.is_some() {
            limit.set(FIRST_RENDER);
        }
    });
    let window = Memo::new(move |_| {
        let n = limit.get();
        ctx.outcome.with(|o| {
            (
                o.ranked,
                o.shown.iter().take(n).copied().collect::<Vec<_>>(),
            )
        })
    });
    let more = move || ctx.outcome.with(|o| o.shown.len()) > limit.get();
    let sentinel = NodeRef::<Div>::new();
    watch_sentinel(
        sentinel,
        move || window.track(),
        move || limit.update(|n| *n += MORE_RENDER),
    );

    let groups = Memo::new(move |_| {
        window.with(|(ranked, shown)| {
            if *ranked {
                return Vec::new();
            }
            ctx.report.with_value(|r| {
                let mut groups: Vec<(String, Vec<usize>)> = Vec::new();
                for &i in shown {
                    let day = &r.entries[i].day;
                    match groups.last_mut() {
                        Some((d, list)) if d == day => list.push(i),
                        _ => groups.push((day.clone(), vec![i])),
                    }
                }
                groups
            })
        })
    });
    let empty = move || ctx.outcome.with(|o| o.shown.is_empty());

    view! {
        <Show when=move || !empty() fallback=move || view! { <NothingMatches/> }>
            <Show
                when=move || window.with(|(ranked, _)| *ranked)
                fallback=move || view! {
                    <For each=move || groups.get() key=|(day, _)| day.clone() let((day, _))>
                        <DayGroup day groups/>
                    </For>
                }
            >
                <h2 class="visually-hidden">"Search results, best first"</h2>
                <ol class="entries ranked">
                    <For each=move || window.with(|(_, shown)| shown.clone()) key=|i| *i let(index)>
                        <li><EntryCard index show_day=true/></li>
                    </For>
                </ol>
            </Show>
        </Show>
        <div class="sentinel" node_ref=sentinel aria-hidden="true">
            {move || more().then(|| view! { <p class="more">"More entries load as you scroll…"</p> })}
        </div>
    }
}

#[component]
fn DayGroup(day: String, groups: Memo<Vec<(String, Vec<usize>)>>) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let label = ctx
        .report
        .with_value(|r| r.day(&day).map(|d| d.label.clone()).unwrap_or_default());
    let short = short_day(&day);
    let heading_id = format!("day-{day}");
    let day_key = day.clone();
    let entries = Memo::new(move |_| {
        groups.with(|g| {
            g.iter()
                .find(|(d, _)| *d == day_key)
                .map(|(_, list)| list.clone())
                .unwrap_or_default()
        })
    });
    // Counts of the whole day in this view, not only the rendered window.
    let day_for_counts = day.clone();
    let counts = move || {
        ctx.outcome.with(|o| {
            ctx.report.with_value(|r| {
                let ids = o
                    .shown
                    .iter()
                    .map(|&i| &r.entries[i])
                    .filter(|e| e.day == day_for_counts);
                ctx.marks.with(|m| {
                    ids.fold((0, 0), |(n, read), e| {
                        (n + 1, read + usize::from(m.contains(&e.id)))
                    })
                })
            })
        })
    };
    view! {
        <section class="day" aria-labelledby=heading_id.clone()>
            <h2 class="day-heading" id=heading_id.clone() title=label>
                <span class="day-name">{short}</span>
                <span class="day-counts">
                    {move || {
                        let (n, read) = counts();
                        format!(" · {} · {read} read", entries_count(n))
                    }}
                </span>
            </h2>
            <ol class="entries">
                <For each=move || entries.get() key=|i| *i let(index)>
                    <li><EntryCard index show_day=false/></li>
                </For>
            </ol>
        </section>
    }
}

#[component]
fn NothingMatches() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    view! {
        <div class="nothing">
            <h2>"Nothing matches"</h2>
            <p>"No entry passes all the active filters. Remove one of them, or clear them all."</p>
            <button type="button" class="button primary" on:click=move |_| ctx.clear_filters()>"Clear all filters"</button>
        </div>
    }
}

/// Calls `more` whenever the element comes near the viewport. The observer
/// is re-armed whenever `rearm` changes, since it only reports changes and
/// the sentinel may still be near after more entries were added.
fn watch_sentinel(sentinel: NodeRef<Div>, rearm: impl Fn() + 'static, more: impl Fn() + 'static) {
    let callback = Closure::<dyn Fn(js_sys::Array)>::new(move |entries: js_sys::Array| {
        let near = entries.iter().any(|e| {
            e.unchecked_into::<web_sys::IntersectionObserverEntry>()
                .is_intersecting()
        });
        if near {
            more();
        }
    });
    let options = web_sys::IntersectionObserverInit::new();
    options.set_root_margin("800px 0px");
    let Ok(observer) = web_sys::IntersectionObserver::new_with_options(
        callback.as_ref().unchecked_ref(),
        &options,
    ) else {
        return;
    };
    // The observer lives as long as the page's single viewer.
    callback.forget();
    Effect::new(move |_| {
        rearm();
        if let Some(element) = sentinel.get() {
            observer.unobserve(&element);
            observer.observe(&element);
        }
    });
}

/// The report's introduction, footnotes and source, after the entries.
#[component]
fn About() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let (introduction, footnotes, author, updated, source) = ctx.report.with_value(|r| {
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
            <super::entry::Notes blocks=introduction/>
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
