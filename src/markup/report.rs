//! The report's own parts around the cards: its heading, a day's section
//! and the closing "About this report".

use super::notes::Notes;
use crate::dates::short_day;
use crate::ids;
use crate::model::{is_web_link, Day, Report};
use crate::present::{day_counts, report_meta};
use leptos::prelude::*;

/// The report's title and the line under it.
pub fn report_heading(report: &Report) -> impl IntoView {
    view! {
        <div class="heading">
            <h1 class="report-title">{report.title.clone()}</h1>
            <p class="report-meta">{report_meta(report)}</p>
        </div>
    }
}

/// A day's heading over its list of cards, saying how many entries the
/// view shows and, where read marks are known, how many of those are read.
/// A day the view leaves empty is hidden.
#[component]
pub fn DaySection(
    day: Day,
    counts: Signal<(usize, Option<usize>)>,
    children: Children,
) -> impl IntoView {
    let heading_id = ids::day(&day.id);
    let labelled_by = heading_id.clone();
    let short = short_day(&day.id);
    view! {
        <section class="day" aria-labelledby=labelled_by hidden=move || counts.get().0 == 0>
            <h2 class="day-heading" id=heading_id title=day.label>
                <span class="day-name">{short}</span>
                <span class="day-counts">
                    {move || {
                        let (shown, read) = counts.get();
                        day_counts(shown, read)
                    }}
                </span>
            </h2>
            <ol class="entries">{children()}</ol>
        </section>
    }
}

/// The report's introduction, footnotes and source, after the entries.
pub fn about(report: &Report) -> impl IntoView {
    let source = report.source_url.clone().filter(|u| is_web_link(u));
    view! {
        <footer class="about">
            <h2>"About this report"</h2>
            <Notes blocks=report.introduction.clone() query=None/>
            {(!report.footnotes.is_empty()).then(|| view! {
                <h3>"Footnotes"</h3>
                <ol class="footnotes">
                    {report.footnotes.iter().map(|note| view! {
                        <li><span class="footnote-number">{note.mark.clone()}</span>" "{note.text.clone()}</li>
                    }).collect_view()}
                </ol>
            })}
            <p class="source">
                "By " {report.author.clone()}
                {report.last_updated.clone().map(|date| format!(", last updated {date}"))}
                {source.map(|url| view! { ". " <a href=url rel="noopener noreferrer" target="_blank">"Original report"</a> })}
                "."
            </p>
        </footer>
    }
}

/// How many entries are read. In the static page an inert placeholder of
/// the same size, since marks live in the reader's browser.
#[component]
pub fn Progress(read: Signal<usize>, total: usize, live: bool) -> impl IntoView {
    view! {
        <p class="progress" class:placeholder=!live aria-live=live.then_some("polite") aria-hidden=(!live).then_some("true")>
            <span class="progress-count">{read} "/" {total}</span>
            <span class="progress-words">{move || format!("{} of {total} entries read", read.get())}</span>
            <progress max=total value=read aria-hidden="true"></progress>
        </p>
    }
}
