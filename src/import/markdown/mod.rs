//! The Markdown importer: a report written as ordinary Markdown, with TOML
//! front matter for what prose cannot say, becomes a validated report. The
//! convention is in docs/markdown-format.md; `crate::export::markdown`
//! writes it back.
//!
//! Read in stages, each in its own module: `front_matter` splits and reads
//! the TOML; `structure` the headings that make the title, days and entries;
//! `facts` an entry's `Key: value` lines; `notes` the paragraphs, lists and
//! spans of the prose.

mod facts;
mod front_matter;
mod notes;
mod structure;

use crate::markdown_format::{Fact, FrontMatter, Nesting, FENCE};
use crate::model::{Block, Day, Entry, Footnote, Report};
use pulldown_cmark::{Event, OffsetIter, Options, Parser, Tag};
use std::collections::HashSet;
use std::fmt;
use std::iter::Peekable;

/// A problem of the input, at a 1-based line of the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MarkdownError {
    pub line: usize,
    pub message: String,
}

impl fmt::Display for MarkdownError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

impl std::error::Error for MarkdownError {}

type Result<T> = std::result::Result<T, MarkdownError>;

fn at(line: usize, message: impl Into<String>) -> MarkdownError {
    MarkdownError {
        line,
        message: message.into(),
    }
}

/// Reads a fragment of notes, such as a programme's description, as
/// blocks: paragraphs, lists, emphasis and http or https links as a report
/// has them. What a report cannot hold is not refused but kept as plain
/// text (headings, code, HTML, images, quotes, other links) or left out (a
/// rule), with a warning for each kind at its first line of the fragment. Empty blocks are
/// left out and levels fitted as the writer fits them, so the blocks are
/// written back as they are.
pub fn notes_blocks(text: &str) -> (Vec<Block>, Vec<MarkdownError>) {
    let mut reader = Reader {
        lenient: true,
        ..Reader::bare(text, 1, Options::empty())
    };
    if let Err(error) = reader.read() {
        reader.warnings.push(error);
    }
    let mut nesting = Nesting::default();
    let blocks = (reader.introduction.into_iter())
        .filter(|block| !block.text().is_empty())
        .map(|block| nesting.fitted(block))
        .collect();
    (blocks, reader.warnings)
}

/// Whether a text looks like a Markdown report: front matter, or a heading.
pub fn looks_like_markdown(text: &str) -> bool {
    let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    first.trim_end() == FENCE || first.starts_with('#')
}

/// Reads a Markdown report and validates it.
pub fn import(text: &str) -> Result<Report> {
    let (front, body, body_line) = front_matter::split(text)?;
    let front = front_matter::read(front)?;
    let mut reader = Reader::new(&front, body, body_line);
    reader.read()?;
    reader.finish(front)
}

/// Byte offsets of the body to lines of the file.
struct Lines {
    starts: Vec<usize>,
    first: usize,
}

impl Lines {
    fn new(body: &str, first: usize) -> Lines {
        let starts = std::iter::once(0)
            .chain(body.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Lines { starts, first }
    }

    fn of(&self, offset: usize) -> usize {
        self.first + self.starts.partition_point(|&s| s <= offset) - 1
    }
}

/// An entry being read, with the line of its heading.
struct Open {
    entry: Entry,
    line: usize,
    explicit_id: bool,
    track_given: bool,
    facts: HashSet<Fact>,
}

struct Reader<'a> {
    source: &'a str,
    events: Peekable<OffsetIter<'a>>,
    lines: Lines,
    title: String,
    year: String,
    tracks: Vec<String>,
    rooms: Vec<String>,
    topics: HashSet<String>,
    introduction: Vec<Block>,
    days: Vec<Day>,
    day: Option<usize>,
    entries: Vec<Open>,
    /// Whether the current day's last heading has an entry open for notes.
    in_entry: bool,
    footnotes: Vec<Footnote>,
    seen_content: bool,
    /// Whether what a report cannot hold is kept as plain text with a
    /// warning rather than refused.
    lenient: bool,
    warnings: Vec<MarkdownError>,
}

impl<'a> Reader<'a> {
    fn new(front: &FrontMatter, body: &'a str, first_line: usize) -> Reader<'a> {
        Reader {
            title: front.title.clone(),
            year: front.conference.first_day.chars().take(4).collect(),
            tracks: front.tracks.iter().map(|t| t.id.clone()).collect(),
            rooms: front.rooms.iter().map(|r| r.id.clone()).collect(),
            topics: front.topics.iter().map(|t| t.id.clone()).collect(),
            ..Reader::bare(body, first_line, Options::ENABLE_FOOTNOTES)
        }
    }

    /// A strict reader of blocks, knowing nothing from a front matter.
    fn bare(body: &'a str, first_line: usize, options: Options) -> Reader<'a> {
        Reader {
            source: body,
            events: Parser::new_ext(body, options).into_offset_iter().peekable(),
            lines: Lines::new(body, first_line),
            title: String::new(),
            year: String::new(),
            tracks: Vec::new(),
            rooms: Vec::new(),
            topics: HashSet::new(),
            introduction: Vec::new(),
            days: Vec::new(),
            day: None,
            entries: Vec::new(),
            in_entry: false,
            footnotes: Vec::new(),
            seen_content: false,
            lenient: false,
            warnings: Vec::new(),
        }
    }

    fn next(&mut self) -> Option<(Event<'a>, std::ops::Range<usize>)> {
        self.events.next()
    }

    fn read(&mut self) -> Result<()> {
        while let Some((event, range)) = self.next() {
            let line = self.lines.of(range.start);
            match event {
                Event::Start(Tag::Heading { level, .. }) if !self.lenient => {
                    self.heading(level, line)?
                }
                Event::Start(Tag::BlockQuote(_)) if !self.lenient => {
                    let note = self.editor_note(line)?;
                    self.push(note, line)?;
                }
                Event::Start(Tag::FootnoteDefinition(mark)) => self.footnote(mark, line)?,
                other => self.block(other, line, 0)?,
            }
        }
        Ok(())
    }

}
