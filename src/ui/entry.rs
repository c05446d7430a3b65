//! One entry: a card that says what, who, when and whether it is read, and
//! opens in place to show the notes. Report text is only ever set as text.

use super::state::ViewState;
use crate::ids;
use crate::model::{is_web_link, Block};
use crate::present::{card_label, media, speaker_line, topic_labels, MediaLine};
use crate::query::{excerpt, highlight};
use leptos::prelude::*;

/// The search text that cards of a ranked list highlight; `None` for cards
/// listed by day, which never highlight and so never redo their text.
pub type Query = Option<Memo<String>>;

/// Text with the words that match the search marked.
#[component]
pub fn Highlighted(#[prop(into)] text: String, query: Query) -> impl IntoView {
    match query {
        Some(query) => (move || query.with(|q| marked(&text, q))).into_any(),
        None => text.into_any(),
    }
}

fn marked(text: &str, query: &str) -> impl IntoView {
    highlight(text, query)
        .into_iter()
        .map(|(piece, marked)| {
            if marked {
                view! { <mark>{piece}</mark> }.into_any()
            } else {
                piece.into_any()
            }
        })
        .collect_view()
}

/// A card of the list by day, or of the ranked search results (`ranked`),
/// which also says the entry's day and highlights what matched. While a
/// search shows, the hidden cards by day give up their element ids to the
/// ranked ones.
#[component]
pub fn EntryCard(index: usize, ranked: bool) -> impl IntoView {
    let state = expect_context::<ViewState>();
    let query = ranked.then_some(state.search);
    let listed = Memo::new(move |_| ranked || !state.ranked.get());
    let (id, title, label, topics, speakers, program, body, official, url, media) =
        state.report.with_value(|r| {
            let entry = &r.entries[index];
            (
                entry.id.clone(),
                entry.title.clone(),
                card_label(r, entry, ranked),
                topic_labels(r, entry),
                speaker_line(entry),
                entry.kind.is_program(),
                entry.body.clone(),
                entry.official_title.clone(),
                entry.url.clone().filter(|u| is_web_link(u)),
                media(entry),
            )
        });
    let read = Memo::new(move |_| state.is_read(index));
    let open = Memo::new(move |_| state.is_open(index));
    let notes_id = ids::notes(&id);
    let notes_id = move || listed.get().then(|| notes_id.clone());
    let read_label = format!("Read: {title}");
    let preview = {
        let body = body.clone();
        move || match query {
            Some(query) => query
                .with(|q| excerpt(&body, q).map(|text| marked(&text, q)))
                .into_any(),
            None => excerpt(&body, "").into_any(),
        }
    };
    let permalink = format!("#{id}");

    view! {
        <article id=move || listed.get().then(|| id.clone()) class="card" class:read=read class:off-program=!program class:open=open>
            <div class="card-main">
                <p class="card-label">{label}</p>
                <h3 class="card-title">
                    <button
                        type="button"
                        class="title-button"
                        aria-expanded=move || open.get().to_string()
                        aria-controls=notes_id.clone()
                        on:click=move |_| state.toggle_open(index)
                    >
                        <Highlighted text=title query/>
                    </button>
                </h3>
                {(!speakers.is_empty()).then(|| view! {
                    <p class="speakers"><Highlighted text=speakers.clone() query/></p>
                })}
                <Show when=move || !open.get()>
                    <p class="excerpt">{preview.clone()}</p>
                </Show>
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
            <button
                type="button"
                class="read-toggle"
                aria-pressed=move || read.get().to_string()
                title=move || if read.get() { "Marked read: tap to mark unread" } else { "Mark read" }
                on:click=move |_| state.toggle_read(index)
            >
                <span class="check" aria-hidden="true"></span>
                <span class="visually-hidden">{read_label}</span>
            </button>
            <Show when=move || open.get()>
                <div class="notes" id=notes_id.clone()>
                    {official.clone().map(|t| view! { <p class="official">"Programme title: " {t}</p> })}
                    <Notes blocks=body.clone() query/>
                    <p class="entry-links">
                        {url.clone().map(|u| view! {
                            <a href=u rel="noopener noreferrer" target="_blank">"Official page"</a>
                        })}
                        <a href=permalink.clone() class="permalink">"Link to this entry"</a>
                    </p>
                </div>
            </Show>
        </article>
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
                Some(url) => view! {
                    <a class=class href=url rel="noopener noreferrer" target="_blank">{line.text}</a>
                }
                .into_any(),
                None => view! { <span class=class>{line.text}</span> }.into_any(),
            }
        })
        .collect_view()
}

/// A run of blocks of one kind: list items go into one list.
enum Run<'a> {
    Single(&'a Block),
    Numbered(Vec<&'a Block>),
    Bullets(Vec<&'a Block>),
}

fn runs(blocks: &[Block]) -> Vec<Run<'_>> {
    let mut runs: Vec<Run> = Vec::new();
    for block in blocks {
        match (block, runs.last_mut()) {
            (Block::Numbered { .. }, Some(Run::Numbered(items))) => items.push(block),
            (Block::Bullet { .. }, Some(Run::Bullets(items))) => items.push(block),
            (Block::Numbered { .. }, _) => runs.push(Run::Numbered(vec![block])),
            (Block::Bullet { .. }, _) => runs.push(Run::Bullets(vec![block])),
            _ => runs.push(Run::Single(block)),
        }
    }
    runs
}

fn level_of(block: &Block) -> u8 {
    match block {
        Block::Paragraph { level, .. }
        | Block::Numbered { level, .. }
        | Block::Bullet { level, .. } => *level,
        Block::EditorNote { .. } => 0,
    }
}

fn level_class(block: &Block) -> String {
    format!("level-{}", level_of(block).min(3))
}

#[component]
pub fn Notes(blocks: Vec<Block>, query: Query) -> impl IntoView {
    runs(&blocks)
        .into_iter()
        .map(|run| match run {
            Run::Single(block @ Block::EditorNote { .. }) => view! {
                <aside class="editor-note" aria-label="Editor's note"><p><Highlighted text=block.text().to_string() query/></p></aside>
            }
            .into_any(),
            Run::Single(block) => view! {
                <p class=level_class(block)><Highlighted text=block.text().to_string() query/></p>
            }
            .into_any(),
            Run::Numbered(items) => view! {
                <ol class="notes-list">
                    {items.into_iter().map(|item| {
                        let number = match item { Block::Numbered { number, .. } => *number as i32, _ => 0 };
                        view! { <li value=number class=level_class(item)><Highlighted text=item.text().to_string() query/></li> }
                    }).collect_view()}
                </ol>
            }
            .into_any(),
            Run::Bullets(items) => view! {
                <ul class="notes-list">
                    {items.into_iter().map(|item| view! {
                        <li class=level_class(item)><Highlighted text=item.text().to_string() query/></li>
                    }).collect_view()}
                </ul>
            }
            .into_any(),
        })
        .collect_view()
}
