//! The whole report as the page's static body, rendered at build time from
//! the same components as the app: readable with scripts or WebAssembly
//! off, seen by search engines, and laid out like the app's first screen
//! (its controls as inert placeholders) so the app takes over without a
//! jump. Only the table of contents is the static page's own.

use super::card::{Card, CardContent};
use super::report::{about, report_heading, DaySection, Progress};
use crate::ids;
use crate::model::Report;
use leptos::prelude::*;
use leptos::tachys::view::RenderHtml;

/// The static body as HTML, every piece of report text escaped.
pub fn static_page(report: &Report) -> String {
    Owner::new().with(|| page(report).to_html())
}

fn page(report: &Report) -> impl IntoView {
    let total = report.entries.len();
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
                {contents(report)}
                <main id=ids::RESULTS class="list">
                    <div class="summary"><p class="count">{format!("{total} of {total} entries")}</p></div>
                    {days(report)}
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

fn days(report: &Report) -> impl IntoView {
    report
        .days
        .iter()
        .filter_map(|day| {
            let cards: Vec<_> = report
                .entries
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
