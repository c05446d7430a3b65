//! Ranked full-text search over titles, speakers, topics and notes.
//!
//! An inverted index of folded words is built once per report, so a
//! keystroke costs a binary search per typed word plus its postings, not a
//! scan of every note. Every typed word must match the start of some word in
//! an entry; title and speaker matches rank first.

use super::Positions;
use crate::model::{Block, Report};
use crate::text::{fold, fold_char, is_word_char};
use std::collections::HashMap;

/// Where in an entry a word occurs, as bits so one posting covers all fields.
const TITLE: u8 = 1;
const SPEAKER: u8 = 2;
const TOPIC: u8 = 4;
const NOTES: u8 = 8;

fn weight(fields: u8) -> u32 {
    let mut weight = 0;
    if fields & TITLE != 0 {
        weight += 16;
    }
    if fields & SPEAKER != 0 {
        weight += 12;
    }
    if fields & TOPIC != 0 {
        weight += 4;
    }
    if fields & NOTES != 0 {
        weight += 1;
    }
    weight
}

/// Built once per report: the words, and where each entry's day, track and
/// topics stand, which every filter change needs too.
pub struct SearchIndex {
    entries: usize,
    /// Sorted, unique folded words.
    words: Vec<Box<str>>,
    /// For each word: (entry index, field bits), by entry index.
    postings: Vec<Vec<(u32, u8)>>,
    pub(super) positions: Positions,
}

/// The words of a report's entries, gathered some entries at a time, so
/// a large report's index is built in tasks short enough for a tap to
/// come between them; `SearchIndex::set_words` then sorts them in.
#[derive(Default)]
pub struct Words {
    found: HashMap<String, Vec<(u32, u8)>>,
    /// The first entry not gathered yet.
    next: usize,
}

impl Words {
    /// Gathers the words of up to `count` more entries; true once every
    /// entry's words are in.
    pub fn gather(&mut self, report: &Report, index: &SearchIndex, count: usize) -> bool {
        let end = self.next.saturating_add(count).min(report.entries.len());
        let found = &mut self.found;
        for (index, (entry, topics)) in report.entries[self.next..end]
            .iter()
            .zip(&index.positions.topics[self.next..end])
            .enumerate()
            .map(|(offset, pair)| (self.next + offset, pair))
        {
            let index = index as u32;
            let mut add = |text: &str, field: u8| {
                for word in words(text) {
                    let postings = found.entry(word).or_default();
                    match postings.last_mut() {
                        Some((last, fields)) if *last == index => *fields |= field,
                        _ => postings.push((index, field)),
                    }
                }
            };
            add(&entry.title, TITLE);
            if let Some(official) = &entry.official_title {
                add(official, TITLE);
            }
            for speaker in &entry.speakers {
                add(&speaker.name, SPEAKER);
                if let Some(affiliation) = &speaker.affiliation {
                    add(affiliation, SPEAKER);
                }
            }
            for &topic in topics {
                add(&report.topics[topic].label, TOPIC);
            }
            add(entry.kind.label(), TOPIC);
            for block in &entry.body {
                add(block.text(), NOTES);
            }
        }
        self.next = end;
        end == report.entries.len()
    }
}

/// The folded words of a text, as typed in a search box or found in notes.
pub fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !is_word_char(c))
        .filter(|w| !w.is_empty())
        .map(fold)
}

impl SearchIndex {
    pub fn new(report: &Report) -> SearchIndex {
        let mut index = SearchIndex::facets(report);
        index.index_words(report);
        index
    }

    /// Days, tracks, topics and ids only: all that filters and counts
    /// need. Until `index_words` runs, a search finds nothing; the viewer
    /// builds the words in a task of their own after the first screen.
    pub fn facets(report: &Report) -> SearchIndex {
        SearchIndex {
            entries: report.entries.len(),
            words: Vec::new(),
            postings: Vec::new(),
            positions: Positions::new(report),
        }
    }

    pub fn index_words(&mut self, report: &Report) {
        let mut words = Words::default();
        words.gather(report, self, usize::MAX);
        self.set_words(words);
    }

    /// Puts the gathered words in the index, sorted for prefix search.
    pub fn set_words(&mut self, words: Words) {
        let mut sorted: Vec<(String, Vec<(u32, u8)>)> = words.found.into_iter().collect();
        sorted.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        (self.words, self.postings) = sorted
            .into_iter()
            .map(|(word, postings)| (word.into_boxed_str(), postings))
            .unzip();
    }

    /// Scores of the entries that match every typed word, by entry index;
    /// `None` when nothing was typed (every entry matches).
    pub fn scores(&self, query: &str) -> Option<Vec<Option<u32>>> {
        let terms: Vec<String> = words(query).collect();
        if terms.is_empty() {
            return None;
        }
        let mut total: Vec<Option<u32>> = vec![Some(0); self.entries];
        let mut fields = vec![0u8; self.entries];
        for term in &terms {
            fields.fill(0);
            let start = self.words.partition_point(|w| w.as_ref() < term.as_str());
            for postings in self.words[start..]
                .iter()
                .take_while(|w| w.starts_with(term.as_str()))
                .zip(&self.postings[start..])
                .map(|(_, postings)| postings)
            {
                for &(entry, field) in postings {
                    fields[entry as usize] |= field;
                }
            }
            for (score, &field) in total.iter_mut().zip(&fields) {
                *score = match (*score, field) {
                    (Some(sum), f) if f != 0 => Some(sum + weight(f)),
                    _ => None,
                };
            }
        }
        Some(total)
    }
}

/// Splits a text into runs, marking the runs that match the start of a word
/// with one of the query's words, for highlighting.
pub fn highlight(text: &str, query: &str) -> Vec<(String, bool)> {
    let terms: Vec<Vec<char>> = words(query).map(|t| t.chars().collect()).collect();
    let mut runs: Vec<(String, bool)> = Vec::new();
    let mut push = |piece: &str, marked: bool| match runs.last_mut() {
        Some((last, was)) if *was == marked => last.push_str(piece),
        _ => runs.push((piece.to_string(), marked)),
    };
    let mut rest = text;
    while !rest.is_empty() {
        let word_start = rest.find(is_word_char).unwrap_or(rest.len());
        push(&rest[..word_start], false);
        rest = &rest[word_start..];
        let word_end = rest.find(|c: char| !is_word_char(c)).unwrap_or(rest.len());
        let word = &rest[..word_end];
        // Folding maps one char to one char, so a matched prefix of the
        // folded word is the same number of chars of the original.
        let matched = terms
            .iter()
            .filter(|term| {
                term.len() <= word.chars().count()
                    && word
                        .chars()
                        .map(fold_char)
                        .zip(term.iter())
                        .all(|(a, &b)| a == b)
            })
            .map(|term| term.len())
            .max();
        match matched {
            Some(chars) => {
                let split = word
                    .char_indices()
                    .nth(chars)
                    .map_or(word.len(), |(i, _)| i);
                push(&word[..split], true);
                push(&word[split..], false);
            }
            None => push(word, false),
        }
        rest = &rest[word_end..];
    }
    runs.retain(|(piece, _)| !piece.is_empty());
    runs
}

/// Where the first run `highlight` marks starts and ends, in chars.
fn first_marked(text: &str, query: &str) -> (usize, usize) {
    let mut at = 0;
    for (piece, marked) in highlight(text, query) {
        let len = piece.chars().count();
        if marked {
            return (at, at + len);
        }
        at += len;
    }
    (0, 0)
}

/// How much of a note a closed card shows.
const EXCERPT_CHARS: usize = 180;

/// A short passage of the notes for a closed card: the first passage that
/// matches the search, else the opening paragraph. Cut at word boundaries.
pub fn excerpt(blocks: &[Block], query: &str) -> Option<String> {
    let terms: Vec<String> = words(query).collect();
    let matches = |text: &str| words(text).any(|w| terms.iter().any(|t| w.starts_with(t.as_str())));
    let matching = if terms.is_empty() {
        None
    } else {
        blocks.iter().find(|b| matches(b.text()))
    };
    let text = matching.or_else(|| blocks.first())?.text();
    let chars: Vec<char> = text.chars().collect();
    // Notes that do not match (the title did) are shown from their start.
    let (match_start, match_end) = match matching {
        Some(_) => first_marked(text, query),
        None => (0, 0),
    };
    // Start a little before the match at the start of a word, and end at the
    // end of one, but never cut the match out, even in text without spaces.
    let mut start = match_start.saturating_sub(EXCERPT_CHARS / 3);
    while start > 0 && start < match_start && !chars[start - 1].is_whitespace() {
        start += 1;
    }
    let limit = (start + EXCERPT_CHARS).min(chars.len());
    let end = ((start + 1).max(match_end)..=limit)
        .rev()
        .find(|&end| end == chars.len() || chars[end].is_whitespace())
        .unwrap_or(limit);
    let body: String = chars[start..end].iter().collect();
    let body = body.trim();
    Some(format!(
        "{}{body}{}",
        if start > 0 { "…" } else { "" },
        if end < chars.len() { "…" } else { "" }
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paragraphs(texts: &[&str]) -> Vec<Block> {
        texts
            .iter()
            .map(|t| Block::Paragraph {
                text: (*t).into(),
                level: 0,
            })
            .collect()
    }

    #[test]
    fn excerpt_opens_the_notes_without_a_search() {
        let blocks = paragraphs(&["Short opening.", "Second."]);
        assert_eq!(excerpt(&blocks, "").as_deref(), Some("Short opening."));
        assert_eq!(excerpt(&[], "x"), None);
    }

    #[test]
    fn excerpt_shows_the_first_matching_passage_cut_at_words() {
        let long = format!(
            "{} kernel regression found {}",
            "word ".repeat(60),
            "tail ".repeat(60)
        );
        let blocks = paragraphs(&["Nothing here.", &long]);
        let text = excerpt(&blocks, "kern").unwrap();
        assert!(text.starts_with('…') && text.ends_with('…'), "{text}");
        assert!(text.contains("kernel regression"), "{text}");
        assert!(text.chars().count() <= EXCERPT_CHARS + 2);
        assert!(
            !text.contains("wor…") && !text.starts_with("…ord"),
            "{text}"
        );
    }

    #[test]
    fn excerpt_keeps_a_match_in_text_without_spaces() {
        let before = format!("{}<b>kernel</b>", "a_".repeat(40));
        let blocks = paragraphs(&[&before]);
        let text = excerpt(&blocks, "kern").unwrap();
        assert!(text.contains("kernel"), "{text}");

        let after = format!("Found: kernel{}", "_x".repeat(100));
        let blocks = paragraphs(&[&after]);
        let text = excerpt(&blocks, "kern").unwrap();
        assert!(text.starts_with("Found: kernel"), "{text}");
        assert_eq!(text.chars().count(), EXCERPT_CHARS + 1, "{text}");
    }

    #[test]
    fn excerpt_survives_text_without_spaces() {
        let blocks = paragraphs(&[&"x".repeat(500)]);
        assert_eq!(
            excerpt(&blocks, "x").unwrap().chars().count(),
            EXCERPT_CHARS + 1
        );
    }
}
