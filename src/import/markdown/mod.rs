//! The Markdown importer: a report written as ordinary Markdown, with TOML
//! front matter for what prose cannot say, becomes a validated report. The
//! convention is in docs/markdown-format.md; `crate::export::markdown`
//! writes it back.
//!
//! Read in stages, each in its own module: `front_matter` splits and reads
//! the TOML; `structure` the headings that make the title, days and entries;
//! `facts` an entry's `Key: value` lines; `notes` the paragraphs, lists and
//! spans of the prose. `posts` reads several files of notes as one report,
//! with the guesses of `lenient`, dropping the `shortcodes` of blog engines
//! and noting each guess in `warnings`.

mod facts;
mod front_matter;
mod lenient;
mod notes;
mod posts;
mod shortcodes;
mod structure;
mod summary;
mod warnings;

pub use posts::{import_notes, Imported, Options, Source};
pub use summary::{DayCount, Summary};
pub use warnings::{Warning, WarningKind};

use crate::markdown_format::{Fact, FrontMatter, Nesting, FENCE};
use crate::model::{Block, Day, Entry, Footnote, Report};
use pulldown_cmark::{Event, OffsetIter, Parser, Tag};
use std::collections::{HashMap, HashSet};
use std::fmt;
use std::iter::Peekable;

/// A problem of the input, at a 1-based line of the file; the file is
/// empty when a single text was read, the line 0 when no line is to blame.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MarkdownError {
    pub file: String,
    pub line: usize,
    pub message: String,
}

impl MarkdownError {
    /// The same problem, said of the file it is in.
    fn in_file(self, file: &str) -> MarkdownError {
        MarkdownError {
            file: file.to_string(),
            ..self
        }
    }
}

impl fmt::Display for MarkdownError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.file.as_str(), self.line) {
            ("", 0) => write!(f, "{}", self.message),
            ("", line) => write!(f, "line {line}: {}", self.message),
            (file, 0) => write!(f, "{file}: {}", self.message),
            (file, line) => write!(f, "{file}:{line}: {}", self.message),
        }
    }
}

impl std::error::Error for MarkdownError {}

type Result<T> = std::result::Result<T, MarkdownError>;

fn at(line: usize, message: impl Into<String>) -> MarkdownError {
    MarkdownError {
        file: String::new(),
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
    let mut reader = Reader::bare(text, 1, Mode::Fragment);
    let read = reader.read();
    let mut warnings: Vec<MarkdownError> = (reader.warnings.into_iter())
        .map(|w| at(w.line, w.message))
        .collect();
    warnings.extend(read.err());
    let mut nesting = Nesting::default();
    let blocks = (reader.introduction.into_iter())
        .filter(|block| !block.text().is_empty())
        .map(|block| nesting.fitted(block))
        .collect();
    (blocks, warnings)
}

/// Whether a text looks like a Markdown report: front matter, or a heading.
pub fn looks_like_markdown(text: &str) -> bool {
    let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    matches!(first.trim_end(), FENCE | front_matter::YAML_FENCE) || first.starts_with('#')
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

/// An entry being read, with the file and line of its heading.
struct Open {
    entry: Entry,
    file: String,
    line: usize,
    explicit_id: bool,
    track_given: bool,
    facts: HashSet<Fact>,
}

/// How a reader takes what the strict convention would refuse.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// A report in the convention: anything else is an error.
    Strict,
    /// A fragment of notes: its headings and quotes are text, and what a
    /// report cannot hold is kept as text with a warning.
    Fragment,
    /// A report as authors write it: headings still give days and talks,
    /// with the guesses of `lenient`, each with a warning.
    Post,
}

/// What marks a talk in a file read as a post: its `###` headings, else
/// its `##` headings that are not days, else its bold-only lines; a file
/// of several with none of these is one talk, `Whole`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Talks {
    Heading3,
    Heading2,
    Bold,
    Whole,
}

struct Reader<'a> {
    mode: Mode,
    /// The file being read, named in warnings; empty for a single text.
    file: String,
    talks: Talks,
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
    /// A lenient read's footnote labels, by file, and the marks they
    /// became: numbers in order across all files, so two posts' `[^1]` and
    /// a post's `[^aside]` each get a mark of their own.
    footnote_marks: HashMap<(String, String), String>,
    seen_content: bool,
    warnings: Vec<Warning>,
}

impl<'a> Reader<'a> {
    fn new(front: &FrontMatter, body: &'a str, first_line: usize) -> Reader<'a> {
        Reader {
            title: front.title.clone(),
            year: front.conference.first_day.chars().take(4).collect(),
            tracks: front.tracks.iter().map(|t| t.id.clone()).collect(),
            rooms: front.rooms.iter().map(|r| r.id.clone()).collect(),
            topics: front.topics.iter().map(|t| t.id.clone()).collect(),
            ..Reader::bare(body, first_line, Mode::Strict)
        }
    }

    /// A reader of blocks, knowing nothing from a front matter.
    fn bare(body: &'a str, first_line: usize, mode: Mode) -> Reader<'a> {
        Reader {
            mode,
            file: String::new(),
            talks: Talks::Heading3,
            source: body,
            events: parser(body, mode),
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
            footnote_marks: HashMap::new(),
            seen_content: false,
            warnings: Vec::new(),
        }
    }

    /// Whether what a report cannot hold is kept as plain text with a
    /// warning rather than refused.
    fn lenient(&self) -> bool {
        self.mode != Mode::Strict
    }

    fn next(&mut self) -> Option<(Event<'a>, std::ops::Range<usize>)> {
        self.events.next()
    }

    fn read(&mut self) -> Result<()> {
        while let Some((event, range)) = self.next() {
            let line = self.lines.of(range.start);
            match event {
                Event::Start(Tag::Heading { level, .. }) if self.mode == Mode::Strict => {
                    self.heading(level, line)?
                }
                Event::Start(Tag::Heading { level, .. }) if self.mode == Mode::Post => {
                    self.post_heading(level, line)?
                }
                Event::Start(Tag::BlockQuote(_))
                    if self.mode == Mode::Strict
                        || (self.mode == Mode::Post && self.is_editor_note(&range)) =>
                {
                    let note = self.editor_note(line)?;
                    self.push(note, line)?;
                }
                Event::Start(Tag::Paragraph)
                    if self.mode == Mode::Post
                        && self.talks == Talks::Bold
                        && lenient::is_talk_paragraph(&self.source[range.clone()]) =>
                {
                    self.bold_talk(line)?
                }
                Event::Start(Tag::FootnoteDefinition(mark)) => self.footnote(mark, line)?,
                other => self.block(other, line, 0)?,
            }
        }
        Ok(())
    }
}

/// The events of a text; a fragment has no footnotes of its own.
fn parser(text: &str, mode: Mode) -> Peekable<OffsetIter<'_>> {
    let options = match mode {
        Mode::Fragment => pulldown_cmark::Options::empty(),
        Mode::Strict | Mode::Post => pulldown_cmark::Options::ENABLE_FOOTNOTES,
    };
    Parser::new_ext(text, options).into_offset_iter().peekable()
}
