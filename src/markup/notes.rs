//! An entry's notes (and the report's introduction): paragraphs, lists and
//! the editor's asides, with the words a search matched highlighted.

use crate::model::{Block, Inline};
use crate::query::highlight;
use leptos::prelude::*;

/// The search text that a ranked list highlights; `None` where nothing is
/// highlighted, so that text never redoes.
pub type Query = Option<Memo<String>>;

/// Text with the words that match the search highlighted.
#[component]
pub fn Highlighted(#[prop(into)] text: String, query: Query) -> impl IntoView {
    match query {
        Some(query) => (move || query.with(|q| highlighted(&text, q))).into_any(),
        None => text.into_any(),
    }
}

pub(super) fn highlighted(text: &str, query: &str) -> impl IntoView {
    highlight(text, query)
        .into_iter()
        .map(|(piece, matched)| {
            if matched {
                view! { <mark>{piece}</mark> }.into_any()
            } else {
                piece.into_any()
            }
        })
        .collect_view()
}

/// A block's text: plain, or spans of emphasis and links (only ever http
/// and https, checked when the report is read), each highlighted alone.
#[component]
fn InlineText(text: Inline, query: Query) -> impl IntoView {
    if text.spans().is_empty() {
        return view! { <Highlighted text=text.as_str() query/> }.into_any();
    }
    text.spans()
        .iter()
        .map(|span| {
            let words = view! { <Highlighted text=span.text.clone() query/> };
            match (&span.link, span.emphasis) {
                (Some(link), true) => view! {
                    <a href=link.clone() rel="noopener noreferrer" target="_blank"><em>{words}</em></a>
                }
                .into_any(),
                (Some(link), false) => view! {
                    <a href=link.clone() rel="noopener noreferrer" target="_blank">{words}</a>
                }
                .into_any(),
                (None, true) => view! { <em>{words}</em> }.into_any(),
                (None, false) => words.into_any(),
            }
        })
        .collect_view()
        .into_any()
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

fn level_class(block: &Block) -> String {
    let level = match block {
        Block::Paragraph { level, .. }
        | Block::Numbered { level, .. }
        | Block::Bullet { level, .. } => *level,
        Block::EditorNote { .. } => 0,
    };
    format!("level-{}", level.min(3))
}

#[component]
pub fn Notes(blocks: Vec<Block>, query: Query) -> impl IntoView {
    runs(&blocks)
        .into_iter()
        .map(|run| match run {
            Run::Single(Block::EditorNote { text }) => view! {
                <aside class="editor-note" aria-label="Editor's note"><p><InlineText text=text.clone() query/></p></aside>
            }
            .into_any(),
            Run::Single(block) => view! {
                <p class=level_class(block)><InlineText text=block.inline().clone() query/></p>
            }
            .into_any(),
            Run::Numbered(items) => view! {
                <ol class="notes-list">
                    {items.into_iter().map(|item| {
                        let number = match item { Block::Numbered { number, .. } => *number as i32, _ => 0 };
                        view! { <li value=number class=level_class(item)><InlineText text=item.inline().clone() query/></li> }
                    }).collect_view()}
                </ol>
            }
            .into_any(),
            Run::Bullets(items) => view! {
                <ul class="notes-list">
                    {items.into_iter().map(|item| view! {
                        <li class=level_class(item)><InlineText text=item.inline().clone() query/></li>
                    }).collect_view()}
                </ul>
            }
            .into_any(),
        })
        .collect_view()
}
