//! The report as the page's static body, rendered at build time from the
//! same components as the app: readable with scripts or WebAssembly off,
//! seen by search engines, and laid out like the app's first screen (its
//! controls as inert placeholders) so the app takes over without a jump.
//! Only the table of contents is the static page's own.
//!
//! A report of up to `WHOLE_PAGE` entries is whole in the page. A larger
//! one would be megabytes of HTML that a phone parses for seconds before
//! the app can start (5,000 entries are 10 MB), so its page holds the
//! first `FIRST_ENTRIES` and every day also gets a page of its own, with
//! no script, where every entry of that day is.

use super::card::{Card, CardContent};
use super::report::{about, report_heading, DaySection, Progress};
use crate::ids;
use crate::model::{Day, Entry, Report};
use crate::present::entries_count;
use leptos::prelude::*;
use leptos::tachys::view::RenderHtml;

pub const WHOLE_PAGE: usize = 2_000;
pub const FIRST_ENTRIES: usize = 300;

/// The folder of the day pages, beside the page.
pub const DAY_PAGES: &str = "days";

/// Where a day's own page is, from the page.
pub fn day_page_path(day: &Day) -> String {
    format!("{DAY_PAGES}/{}.html", day.id)
}

/// Whether the report is too large to be whole in the page.
fn has_day_pages(report: &Report) -> bool {
    report.entries.len() > WHOLE_PAGE
}

/// The static body as HTML, every piece of report text escaped.
pub fn static_page(report: &Report) -> String {
    Owner::new().with(|| page(report).to_html())
}

/// The body of each day's own page, by day, for a report with day pages;
/// none for one that is whole in its page.
pub fn day_pages(report: &Report) -> Vec<(&Day, String)> {
    if !has_day_pages(report) {
        return Vec::new();
    }
    report
        .days
        .iter()
        .map(|day| (day, Owner::new().with(|| day_page(report, day).to_html())))
        .collect()
}

fn page(report: &Report) -> impl IntoView {
    let total = report.entries.len();
    let paged = has_day_pages(report);
    let limit = if paged { FIRST_ENTRIES } else { total };
    view! {
        <div id=ids::STATIC class="app static">
            <header class="top">
                <div class="top-inner">
                    {report_heading(report)}
                    <Progress read=Signal::stored(0) total live=false/>
                </div>
                <div class="searchbar placeholder" aria-hidden="true">
                    <input type="search" disabled tabindex="-1" placeholder="Search talks and notes"/>
                    <span class="button filters-button">"Filters"</span>
                </div>
            </header>
            <div class="layout">
                {if paged { day_links(report, None, "").into_any() } else { contents(report).into_any() }}
                <main id=ids::RESULTS class="list">
                    <div class="summary"><p class="count">{format!("{total} of {total} entries")}</p></div>
                    {days(report, by_day(report).take(limit).collect())}
                    {paged.then(|| view! {
                        <nav class="more-days" aria-label="Every entry, day by day">
                            <p>{format!("This page shows the first {limit} of {total} entries. Every entry, day by day:")}</p>
                            {day_list(report, None, "")}
                        </nav>
                    })}
                    {about(report)}
                </main>
            </div>
        </div>
    }
}

/// One day of a report with day pages: every entry of it, notes open.
fn day_page(report: &Report, day: &Day) -> impl IntoView {
    let entries = report.entries.iter().filter(|e| e.day == day.id).collect();
    view! {
        <div class="app static day-page">
            <header class="top">
                <div class="top-inner">{report_heading(report)}</div>
            </header>
            <div class="layout">
                {day_links(report, Some(day), "../")}
                <main class="list">
                    <p class="summary">
                        <a href=format!("../?day={}", day.id)>"Open this day with search and filters"</a>
                    </p>
                    {days(report, entries)}
                    {about(report)}
                </main>
            </div>
        </div>
    }
}

/// Every day with its entries, as links into the page.
fn contents(report: &Report) -> impl IntoView {
    view! {
        <nav class="panel toc" aria-label="Contents">
            <h2>"Contents"</h2>
            <ol>
                {report.days.iter().map(|day| view! {
                    <li>
                        <a href=format!("#{}", ids::day(&day.id))>{day.label.clone()}</a>
                        <ol>
                            {report.entries.iter().filter(|e| e.day == day.id).map(|entry| view! {
                                <li><a href=format!("#{}", entry.id)>{entry.title.clone()}</a></li>
                            }).collect_view()}
                        </ol>
                    </li>
                }).collect_view()}
            </ol>
        </nav>
    }
}

/// The contents of a report with day pages: its days, each a link to its
/// page (`up` leads from a day page back to the folder of the page).
fn day_links(report: &Report, current: Option<&Day>, up: &str) -> impl IntoView {
    view! {
        <nav class="panel toc" aria-label="Days">
            <h2>"Days"</h2>
            {day_list(report, current, up)}
        </nav>
    }
}

fn day_list(report: &Report, current: Option<&Day>, up: &str) -> impl IntoView {
    view! {
        <ol class="day-links">
            {report.days.iter().map(|day| {
                let count = report.entries.iter().filter(|e| e.day == day.id).count();
                let href = format!("{up}{}", day_page_path(day));
                let here = current.is_some_and(|c| c.id == day.id).then_some("page");
                view! {
                    <li><a href=href aria-current=here>{day.label.clone()}" · "{entries_count(count)}</a></li>
                }
            }).collect_view()}
        </ol>
    }
}

/// The entries in the order the page shows them: by day.
fn by_day(report: &Report) -> impl Iterator<Item = &Entry> {
    report
        .days
        .iter()
        .flat_map(|day| report.entries.iter().filter(move |e| e.day == day.id))
}

/// `entries` in day sections, in the report's order of days.
fn days(report: &Report, entries: Vec<&Entry>) -> impl IntoView {
    report
        .days
        .iter()
        .filter_map(|day| {
            let cards: Vec<_> = entries
                .iter()
                .filter(|e| e.day == day.id)
                .map(|entry| CardContent::new(report, entry, false))
                .collect();
            (!cards.is_empty()).then(|| {
                let counts = Signal::stored((cards.len(), None));
                view! {
                    <DaySection day=day.clone() counts>
                        {cards.into_iter().map(|content| view! {
                            <li><Card content query=None controls=None/></li>
                        }).collect_view()}
                    </DaySection>
                }
            })
        })
        .collect_view()
}
