//! One entry's card: what, who, when, its topics and media, and its notes.
//! The app gives it controls (open, read); the static page renders it
//! without, with every note present and the title as a link to the entry.

use super::notes::{highlighted, Highlighted, Notes, Query};
use crate::ids;
use crate::model::{is_web_link, Block, Entry, Report};
use crate::present::{card_label, media, speaker_line, topic_labels, MediaLine};
use crate::query::excerpt;
use leptos::either::Either;
use leptos::prelude::*;

/// What a card says, taken from the report once.
pub struct CardContent {
    pub id: String,
    pub title: String,
    pub subtitle: Option<String>,
    pub label: String,
    pub speakers: String,
    pub topics: Vec<String>,
    pub media: Vec<MediaLine>,
    pub program: bool,
    pub body: Vec<Block>,
    /// The start of the notes, shown under the title while they are closed.
    pub opening: Option<String>,
    pub official_title: Option<String>,
    pub url: Option<String>,
}

impl CardContent {
    /// `show_day` for lists not grouped by day, such as ranked results.
    pub fn new(report: &Report, entry: &Entry, show_day: bool) -> CardContent {
        CardContent {
            id: entry.id.clone(),
            title: entry.title.clone(),
            subtitle: entry.subtitle.clone(),
            label: card_label(report, entry, show_day),
            speakers: speaker_line(entry),
            topics: topic_labels(report, entry),
            media: media(entry),
            program: entry.kind.is_program(),
            body: entry.body.clone(),
            opening: excerpt(&entry.body, ""),
            official_title: entry.official_title.clone(),
            url: entry.url.clone().filter(|u| is_web_link(u)),
        }
    }
}

/// The app's hold on a card.
#[derive(Clone, Copy)]
pub struct CardControls {
    pub read: Memo<bool>,
    pub starred: Memo<bool>,
    pub open: Memo<bool>,
    /// Whether this card carries the entry's element ids: a card hidden
    /// while a copy shows elsewhere (in search results) gives them up.
    pub holds_ids: Memo<bool>,
    pub toggle_open: Callback<()>,
    pub toggle_read: Callback<()>,
    pub toggle_star: Callback<()>,
}

#[component]
pub fn Card(content: CardContent, query: Query, controls: Option<CardControls>) -> impl IntoView {
    let CardContent {
        id,
        title,
        subtitle,
        label,
        speakers,
        topics,
        media,
        program,
        body,
        opening,
        official_title,
        url,
    } = content;
    let read = move || controls.is_some_and(|c| c.read.get());
    let starred = move || controls.is_some_and(|c| c.starred.get());
    let open = move || controls.is_some_and(|c| c.open.get());
    // Without controls every note is in the page; styles decide what shows.
    let notes_present = move || controls.is_none_or(|c| c.open.get());
    let holds_ids = move || controls.is_none_or(|c| c.holds_ids.get());
    let permalink = format!("#{id}");
    let notes_id = {
        let notes_id = ids::notes(&id);
        move || holds_ids().then(|| notes_id.clone())
    };
    let title_control = match controls {
        Some(c) => Either::Left(view! {
            <button
                type="button"
                class="title-button"
                aria-expanded=move || c.open.get().to_string()
                aria-controls=notes_id.clone()
                on:click=move |_| c.toggle_open.run(())
            >
                <Highlighted text=title.clone() query/>
            </button>
        }),
        None => Either::Right(
            view! { <a class="title-button" href=permalink.clone()>{title.clone()}</a> },
        ),
    };
    let actions = match controls {
        Some(c) => Either::Left(view! {
            <div class="card-actions">
                {list_toggle(ListToggle {
                    class: "read-toggle",
                    icon: "check",
                    on: c.read,
                    titles: ("Marked read: tap to mark unread", "Mark read"),
                    label: format!("Read: {title}"),
                    toggle: c.toggle_read,
                })}
                {list_toggle(ListToggle {
                    class: "star-toggle",
                    icon: "star",
                    on: c.starred,
                    titles: ("Starred: tap to remove the star", "Star"),
                    label: format!("Star: {title}"),
                    toggle: c.toggle_star,
                })}
            </div>
        }),
        // Inert, and the size of the app's controls.
        None => Either::Right(view! {
            <div class="card-actions placeholder" aria-hidden="true">
                <span class="read-toggle"></span>
                <span class="star-toggle"></span>
            </div>
        }),
    };
    // Only a searched card needs its notes here, to excerpt what matched.
    let searched = query.map(|query| (query, body.clone()));
    let preview = move || {
        (!open())
            .then(|| match &searched {
                Some((query, body)) => {
                    Either::Left(query.with(|q| excerpt(body, q).map(|text| highlighted(&text, q))))
                }
                None => Either::Right(opening.clone()),
            })
            .map(|text| view! { <p class="excerpt">{text}</p> })
    };
    let notes = move || {
        notes_present().then(|| {
            view! {
                <div class="notes" id=notes_id.clone()>
                    {official_title.clone().map(|t| view! { <p class="official">"Programme title: " {t}</p> })}
                    <Notes blocks=body.clone() query/>
                    <p class="entry-links">
                        {url.clone().map(|u| view! {
                            <a href=u rel="noopener noreferrer" target="_blank">"Official page"</a>
                        })}
                        <a href=permalink.clone() class="permalink">"Link to this entry"</a>
                    </p>
                </div>
            }
        })
    };

    view! {
        <article id=move || holds_ids().then(|| id.clone()) class="card" class:read=read class:starred=starred class:off-program=!program class:open=open>
            <div class="card-main">
                <p class="card-label">{label}</p>
                <h3 class="card-title">{title_control}</h3>
                {subtitle.map(|text| view! { <p class="subtitle"><Highlighted text query/></p> })}
                {(!speakers.is_empty()).then(|| view! {
                    <p class="speakers"><Highlighted text=speakers.clone() query/></p>
                })}
                {preview}
                {(!topics.is_empty() || !media.is_empty()).then(|| view! {
                    <div class="facts">
                        {(!topics.is_empty()).then(|| view! {
                            <ul class="topics" aria-label="Topics">
                                {topics.iter().map(|t| view! { <li class="chip">{t.clone()}</li> }).collect_view()}
                            </ul>
                        })}
                        <MediaLinks media/>
                    </div>
                })}
            </div>
            {actions}
            {notes}
        </article>
    }
}

/// A card's button that puts its entry on a list (read, starred) or takes
/// it off.
struct ListToggle {
    class: &'static str,
    icon: &'static str,
    on: Memo<bool>,
    /// The button's title when the entry is on the list, and when not.
    titles: (&'static str, &'static str),
    label: String,
    toggle: Callback<()>,
}

fn list_toggle(button: ListToggle) -> impl IntoView {
    let ListToggle {
        class,
        icon,
        on,
        titles,
        label,
        toggle,
    } = button;
    view! {
        <button
            type="button"
            class=class
            aria-pressed=move || on.get().to_string()
            title=move || if on.get() { titles.0 } else { titles.1 }
            on:click=move |_| toggle.run(())
        >
            <span class=icon aria-hidden="true"></span>
            <span class="visually-hidden">{label}</span>
        </button>
    }
}

/// "Slides" and "Video" with their availability, linked when an address is
/// known.
#[component]
fn MediaLinks(media: Vec<MediaLine>) -> impl IntoView {
    media
        .into_iter()
        .map(|line| {
            let class = if line.available { "media yes" } else { "media no" };
            match line.url {
                Some(url) => Either::Left(view! {
                    <a class=class href=url rel="noopener noreferrer" target="_blank">{line.text}</a>
                }),
                None => Either::Right(view! { <span class=class>{line.text}</span> }),
            }
        })
        .collect_view()
}
