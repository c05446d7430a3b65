//! The entries of the view: by day, or ranked when searching.
//!
//! A report of up to `RENDER_ALL` entries renders every card once, in day
//! sections, and a filter change only shows or hides them: nothing is
//! created on a tap, and find-in-page sees every entry. Larger reports
//! render a window of the view that grows as the reader nears its end.

use super::entry::EntryCard;
use super::focus;
use super::state::{ViewState, FIRST_RENDER, MORE_RENDER, RENDER_ALL};
use crate::ids;
use crate::markup;
use leptos::html::Div;
use leptos::prelude::*;
use wasm_bindgen::prelude::*;

#[component]
pub fn EntryList() -> impl IntoView {
    let state = expect_context::<ViewState>();
    let small = state.report.with_value(|r| r.entries.len() <= RENDER_ALL);
    let ranked = state.ranked;
    let empty = Memo::new(move |_| state.outcome.with(|o| o.shown.is_empty()));
    // The first `limit` entries of the view, in its order, for the list
    // that shows them: by day, or ranked.
    let window = move |want_ranked: bool| {
        Memo::new(move |_| {
            let limit = if small { usize::MAX } else { state.limit.get() };
            state.outcome.with(|o| {
                if o.ranked == want_ranked {
                    o.shown.iter().take(limit).copied().collect::<Vec<_>>()
                } else {
                    Vec::new()
                }
            })
        })
    };
    let ranked_window = window(true);
    let by_day = if small {
        view! { <AllByDay/> }.into_any()
    } else {
        view! { <WindowByDay window=window(false)/> }.into_any()
    };
    view! {
        <Show when=move || empty.get()>
            <NothingMatches/>
        </Show>
        // Hidden, not removed, while searching: its cards stay alive.
        <div class="by-day" hidden=move || ranked.get() || empty.get()>{by_day}</div>
        <Show when=move || ranked.get()>
            <h2 class="visually-hidden">"Search results, best first"</h2>
            <ol class="entries ranked">
                <For each=move || ranked_window.get() key=|i| *i let(index)>
                    <li><EntryCard index ranked=true/></li>
                </For>
            </ol>
        </Show>
        {(!small).then(|| view! { <Sentinel/> })}
    }
}

/// Every day and every card, each hidden when the view leaves it out. The
/// first screen of cards renders at once, the rest a slice per task after
/// it, so start-up has no long task.
#[component]
fn AllByDay() -> impl IntoView {
    let state = expect_context::<ViewState>();
    let total = state.report.with_value(|r| r.entries.len());
    let rendered = RwSignal::new(FIRST_RENDER.min(total));
    render_rest(rendered, total);
    // Printing needs every card now.
    let print = window_event_listener(leptos::ev::beforeprint, move |_| rendered.set(total));
    on_cleanup(move || print.remove());
    let days = state.report.with_value(|r| {
        let mut days: Vec<Vec<usize>> = vec![Vec::new(); r.days.len()];
        state.index.with_value(|ix| {
            for i in 0..r.entries.len() {
                if let Some(day) = ix.day_of(i) {
                    days[day].push(i);
                }
            }
        });
        days
    });
    // Cards render the view's first, in report order, then the rest: a link
    // with filters shows its first screen at once, however far down the
    // report its entries are.
    let place_of = state.outcome.with_untracked(|o| {
        let (shown, left_out): (Vec<usize>, Vec<usize>) =
            (0..total).partition(|&i| o.visible.contains(i));
        let mut place_of = vec![0; total];
        for (place, index) in shown.into_iter().chain(left_out).enumerate() {
            place_of[index] = place;
        }
        place_of
    });
    days.into_iter()
        .enumerate()
        .filter(|(_, entries)| !entries.is_empty())
        .map(|(day, entries)| {
            let cards = entries
                .into_iter()
                .map(|index| {
                    let hidden =
                        Memo::new(move |_| state.outcome.with(|o| !o.visible.contains(index)));
                    // Once rendered, a card stops following the count, so each
                    // slice wakes only the cards it renders.
                    let place = place_of[index];
                    let ready = Memo::new(move |was: Option<&bool>| {
                        was == Some(&true) || place < rendered.get()
                    });
                    view! {
                        <li hidden=hidden>
                            <Show when=move || ready.get()><EntryCard index ranked=false/></Show>
                        </li>
                    }
                })
                .collect_view();
            view! { <DaySection day>{cards}</DaySection> }
        })
        .collect_view()
}

/// Raises `rendered` by a slice per task until every card is rendered.
fn render_rest(rendered: RwSignal<usize>, total: usize) {
    if rendered.get_untracked() >= total {
        return;
    }
    set_timeout(
        move || {
            // None once the list is gone.
            if rendered
                .try_update(|n| *n = (*n + FIRST_RENDER).min(total))
                .is_some()
            {
                render_rest(rendered, total);
            }
        },
        std::time::Duration::ZERO,
    );
}

/// The days of the rendered window, each with its rendered entries.
#[component]
fn WindowByDay(window: Memo<Vec<usize>>) -> impl IntoView {
    let state = expect_context::<ViewState>();
    // The view is in day order (see the query), so each day is one run.
    let groups = Memo::new(move |_| {
        window.with(|shown| {
            state.index.with_value(|ix| {
                let mut groups: Vec<(usize, Vec<usize>)> = Vec::new();
                for &i in shown {
                    let Some(day) = ix.day_of(i) else { continue };
                    match groups.last_mut() {
                        Some((d, list)) if *d == day => list.push(i),
                        _ => groups.push((day, vec![i])),
                    }
                }
                groups
            })
        })
    });
    view! {
        <For each=move || groups.get() key=|(day, _)| *day let((day, _))>
            {
                let entries = Memo::new(move |_| {
                    groups.with(|g| g.iter().find(|(d, _)| *d == day).map(|(_, l)| l.clone()).unwrap_or_default())
                });
                view! {
                    <DaySection day>
                        <For each=move || entries.get() key=|i| *i let(index)>
                            <li><EntryCard index ranked=false/></li>
                        </For>
                    </DaySection>
                }
            }
        </For>
    }
}

/// A day's section of the list, counting the entries the view shows and
/// the read ones among them.
#[component]
fn DaySection(day: usize, children: Children) -> impl IntoView {
    let state = expect_context::<ViewState>();
    let counts = Memo::new(move |_| {
        state
            .outcome
            .with(|o| (o.day_shown[day], Some(o.day_shown_read[day])))
    });
    let day = state.report.with_value(|r| r.days[day].clone());
    view! { <markup::DaySection day counts=counts.into()>{children()}</markup::DaySection> }
}

#[component]
fn NothingMatches() -> impl IntoView {
    let state = expect_context::<ViewState>();
    view! {
        <div class="nothing">
            <h2>"Nothing matches"</h2>
            <p>"No entry passes all the active filters. Remove one of them, or clear them all."</p>
            <button type="button" class="button primary" on:click=move |_| {
                focus(ids::RESULTS);
                state.clear_filters();
            }>"Clear all filters"</button>
        </div>
    }
}

/// Below a windowed list: renders more entries when the reader nears it.
#[component]
fn Sentinel() -> impl IntoView {
    let state = expect_context::<ViewState>();
    let sentinel = NodeRef::<Div>::new();
    let more = move || state.outcome.with(|o| o.shown.len()) > state.limit.get();
    watch_sentinel(
        sentinel,
        move || {
            state.limit.track();
            state.outcome.track();
        },
        // Saturating: printing sets the window to everything.
        move || state.limit.update(|n| *n = n.saturating_add(MORE_RENDER)),
    );
    view! {
        <div class="sentinel" node_ref=sentinel aria-hidden="true">
            {move || more().then(|| view! { <p class="more">"More entries load as you scroll…"</p> })}
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
