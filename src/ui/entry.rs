//! One entry: a card that says what, who, when and whether it is read, and
//! opens in place to show the notes. Report text is only ever set as text.

use super::viewer::Ctx;
use crate::model::{is_web_link, Block, Entry};
use crate::present::{card_label, media, speaker_line, topic_labels, MediaLine};
use crate::query::{excerpt, highlight};
use crate::readstate::Change;
use leptos::prelude::*;

/// Text with the words that match the search marked.
#[component]
pub fn Highlighted(#[prop(into)] text: String) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    move || ctx.search.with(|query| marked(&text, query))
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

#[component]
pub fn EntryCard(index: usize, show_day: bool) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let entry: Entry = ctx.report.with_value(|r| r.entries[index].clone());
    let (label, topics) = ctx
        .report
        .with_value(|r| (card_label(r, &entry, show_day), topic_labels(r, &entry)));
    let id = entry.id.clone();
    let read = {
        let id = id.clone();
        Memo::new(move |_| ctx.is_read(&id))
    };
    let open = {
        let id = id.clone();
        Memo::new(move |_| ctx.open.with(|o| o.contains(&id)))
    };
    let toggle_read = {
        let id = id.clone();
        move |_| {
            let ids = vec![id.clone()];
            ctx.change_marks(if read.get_untracked() {
                Change::Unread(ids)
            } else {
                Change::Read(ids)
            });
        }
    };
    let toggle_open = {
        let id = id.clone();
        move |_| ctx.toggle_open(&id)
    };

    let speakers = speaker_line(&entry);
    let notes_id = format!("notes-{id}");
    let title = entry.title.clone();
    let read_label = format!("Read: {title}");
    let program = entry.kind.is_program();
    let body = entry.body.clone();
    let preview = {
        let body = body.clone();
        move || {
            ctx.search
                .with(|query| excerpt(&body, query).map(|text| marked(&text, query)))
        }
    };
    let official = entry.official_title.clone();
    let url = entry.url.clone().filter(|u| is_web_link(u));
    let media = media(&entry);
    let permalink = format!("#{id}");

    view! {
        <article id=id.clone() class="card" class:read=read class:off-program=!program class:open=open>
            <div class="card-main">
                <p class="card-label">{label}</p>
                <h3 class="card-title">
                    <button
                        type="button"
                        class="title-button"
                        aria-expanded=move || open.get().to_string()
                        aria-controls=notes_id.clone()
                        on:click=toggle_open
                    >
                        <Highlighted text=title.clone()/>
                    </button>
                </h3>
                {(!speakers.is_empty()).then(|| view! {
                    <p class="speakers"><Highlighted text=speakers.clone()/></p>
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
                on:click=toggle_read
            >
                <span class="check" aria-hidden="true"></span>
                <span class="visually-hidden">{read_label}</span>
            </button>
            <Show when=move || open.get()>
                <div class="notes" id=notes_id.clone()>
                    {official.clone().map(|t| view! { <p class="official">"Programme title: " {t}</p> })}
                    <Notes blocks=body.clone()/>
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
pub fn Notes(blocks: Vec<Block>) -> impl IntoView {
    runs(&blocks)
        .into_iter()
        .map(|run| match run {
            Run::Single(Block::EditorNote { text }) => view! {
                <aside class="editor-note" aria-label="Editor's note"><p><Highlighted text=text.clone()/></p></aside>
            }
            .into_any(),
            Run::Single(block) => view! {
                <p class=level_class(block)><Highlighted text=block.text().to_string()/></p>
            }
            .into_any(),
            Run::Numbered(items) => view! {
                <ol class="notes-list">
                    {items.into_iter().map(|item| {
                        let number = match item { Block::Numbered { number, .. } => *number as i32, _ => 0 };
                        view! { <li value=number class=level_class(item)><Highlighted text=item.text().to_string()/></li> }
                    }).collect_view()}
                </ol>
            }
            .into_any(),
            Run::Bullets(items) => view! {
                <ul class="notes-list">
                    {items.into_iter().map(|item| view! {
                        <li class=level_class(item)><Highlighted text=item.text().to_string()/></li>
                    }).collect_view()}
                </ul>
            }
            .into_any(),
        })
        .collect_view()
}
