//! The Markdown importer: a report written as ordinary Markdown, with TOML
//! front matter for what prose cannot say, becomes a validated report. The
//! convention is in docs/markdown-format.md; `crate::export::markdown`
//! writes it back.

use crate::dates::{long_day, MONTHS, WEEKDAYS};
use crate::model::{
    is_clock_time, is_iso_date, is_slug, is_web_link, validate, Block, Conference, Day, Entry,
    Footnote, Inline, Kind, Material, Report, Room, Span, Speaker, Topic, Track, SCHEMA_VERSION,
};
use crate::text::{slug, to_superscript};
use pulldown_cmark::{CowStr, Event, HeadingLevel, OffsetIter, Options, Parser, Tag, TagEnd};
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};
use std::fmt;
use std::iter::Peekable;

/// The line that opens and closes the front matter.
pub const FENCE: &str = "+++";
/// How an editor's note starts, inside a block quote.
pub const EDITOR_NOTE: &str = "Editor's note:";

/// What the front matter holds: the report's facts that are not prose.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    /// Left out, the slug of the title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    pub title: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub author: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_updated: Option<String>,
    pub conference: Conference,
    #[serde(default)]
    pub tracks: Vec<Track>,
    #[serde(default)]
    pub topics: Vec<Topic>,
    /// Left out when empty: only programmes have rooms.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rooms: Vec<Room>,
}

/// The facts an entry's first list may give, by their key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Fact {
    Id,
    Kind,
    Track,
    Room,
    Time,
    StartDate,
    EndDate,
    Speaker,
    Language,
    Topics,
    Slides,
    Video,
    Page,
    OfficialTitle,
    Subtitle,
}

impl Fact {
    pub const ALL: [Fact; 15] = [
        Fact::Id,
        Fact::Kind,
        Fact::Track,
        Fact::Room,
        Fact::Time,
        Fact::StartDate,
        Fact::EndDate,
        Fact::Speaker,
        Fact::Language,
        Fact::Topics,
        Fact::Slides,
        Fact::Video,
        Fact::Page,
        Fact::OfficialTitle,
        Fact::Subtitle,
    ];

    /// The key as written, before its colon.
    pub fn key(self) -> &'static str {
        match self {
            Fact::Id => "Id",
            Fact::Kind => "Kind",
            Fact::Track => "Track",
            Fact::Room => "Room",
            Fact::Time => "Time",
            Fact::StartDate => "Start date",
            Fact::EndDate => "End date",
            Fact::Speaker => "Speaker",
            Fact::Language => "Language",
            Fact::Topics => "Topics",
            Fact::Slides => "Slides",
            Fact::Video => "Video",
            Fact::Page => "Page",
            Fact::OfficialTitle => "Official title",
            Fact::Subtitle => "Subtitle",
        }
    }

    fn named(key: &str) -> Option<Fact> {
        Fact::ALL
            .into_iter()
            .find(|f| f.key().eq_ignore_ascii_case(key.trim()))
    }
}

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

/// How deep blocks can nest in Markdown: a paragraph or item at level L
/// sits inside an item at level L-1, so it is no deeper than the items open
/// above it. An editor's note closes them all.
#[derive(Debug, Default)]
pub struct Nesting {
    open: usize,
}

impl Nesting {
    /// The block's level as deep as the blocks before it allow.
    pub fn fit(&mut self, block: &Block) -> u8 {
        let (level, opens) = match block {
            Block::Paragraph { level, .. } => (*level, false),
            Block::Numbered { level, .. } | Block::Bullet { level, .. } => (*level, true),
            Block::EditorNote { .. } => (0, false),
        };
        let level = level.min(u8::try_from(self.open).unwrap_or(u8::MAX));
        self.open = usize::from(level) + usize::from(opens);
        level
    }

    /// The block with its level fitted.
    pub fn fitted(&mut self, mut block: Block) -> Block {
        let fitted = self.fit(&block);
        if let Block::Paragraph { level, .. }
        | Block::Numbered { level, .. }
        | Block::Bullet { level, .. } = &mut block
        {
            *level = fitted;
        }
        block
    }
}

/// Whether a text looks like a Markdown report: front matter, or a heading.
pub fn looks_like_markdown(text: &str) -> bool {
    let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    first.trim_end() == FENCE || first.starts_with('#')
}

/// Reads a Markdown report and validates it.
pub fn import(text: &str) -> Result<Report> {
    let (front, body, body_line) = split_front_matter(text)?;
    let front = read_front_matter(front)?;
    let mut reader = Reader::new(&front, body, body_line);
    reader.read()?;
    reader.finish(front)
}

/// The front matter's text, the body's, and the body's first line.
fn split_front_matter(text: &str) -> Result<(&str, &str, usize)> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let missing = || {
        at(
            1,
            format!("a report starts with its front matter: a line \"{FENCE}\", TOML, and \"{FENCE}\" again"),
        )
    };
    let rest = text
        .strip_prefix(FENCE)
        .and_then(|r| r.strip_prefix("\r\n").or_else(|| r.strip_prefix('\n')))
        .ok_or_else(missing)?;
    let mut offset = 0;
    for (i, line) in rest.split_inclusive('\n').enumerate() {
        if line.trim_end() == FENCE {
            let body = &rest[offset + line.len()..];
            return Ok((&rest[..offset], body, i + 3));
        }
        offset += line.len();
    }
    Err(at(
        1,
        format!("the front matter has no closing \"{FENCE}\" line"),
    ))
}

fn read_front_matter(front: &str) -> Result<FrontMatter> {
    toml::from_str(front).map_err(|e| {
        let line = e
            .span()
            .map_or(0, |span| front[..span.start].matches('\n').count());
        at(line + 2, format!("front matter: {}", e.message()))
    })
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

    /// A paragraph or list at `depth`, or what a report cannot hold.
    fn block(&mut self, event: Event<'a>, line: usize, depth: u8) -> Result<()> {
        match event {
            Event::Start(Tag::Paragraph) => {
                let text = self.paragraph(line)?;
                self.push(Block::Paragraph { text, level: depth }, line)
            }
            Event::Start(Tag::List(start)) => self.list(depth, start, line, false),
            other => self.unheld(other, line, depth),
        }
    }

    /// Markdown a report cannot hold, just read: an error, or in a lenient
    /// read a warning and its text as paragraphs at `depth` (a quote's
    /// blocks as they are; a rule, which has no text, is left out).
    fn unheld(&mut self, event: Event<'a>, line: usize, depth: u8) -> Result<()> {
        let what = markup_name(&event);
        let error = unsupported(&event, line);
        match event {
            Event::Start(Tag::BlockQuote(_)) => {
                self.tolerate(error, format!("{what} is kept as plain text"))?;
                self.quote(depth)
            }
            Event::Start(_) => {
                self.tolerate(error, format!("{what} is kept as plain text"))?;
                let text = self.plain_text();
                for text in text.lines().map(str::trim).filter(|t| !t.is_empty()) {
                    let text = Inline::plain(text);
                    self.push(Block::Paragraph { text, level: depth }, line)?;
                }
                Ok(())
            }
            _ => self.tolerate(error, format!("{what} is left out")),
        }
    }

    /// In a strict read the error; in a lenient one the warning, and the
    /// read goes on. A warning is given once, at its first line: a text full
    /// of HTML tags needs one.
    fn tolerate(&mut self, error: MarkdownError, warning: String) -> Result<()> {
        if !self.lenient {
            return Err(error);
        }
        if !self.warnings.iter().any(|given| given.message == warning) {
            self.warnings.push(at(error.line, warning));
        }
        Ok(())
    }

    /// A quote's blocks, read leniently up to its end.
    fn quote(&mut self, depth: u8) -> Result<()> {
        while let Some((event, range)) = self.next() {
            let line = self.lines.of(range.start);
            match event {
                Event::End(_) => return Ok(()),
                other => self.block(other, line, depth)?,
            }
        }
        Ok(())
    }

    /// The text of the construct whose start was just read, up to its end:
    /// its words, with its line breaks.
    fn plain_text(&mut self) -> String {
        let mut text = String::new();
        let mut open = 0usize;
        while let Some((event, _)) = self.next() {
            match event {
                Event::Start(_) => open += 1,
                Event::End(_) if open == 0 => break,
                Event::End(_) => open -= 1,
                Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) => {
                    text.push_str(&t)
                }
                Event::SoftBreak | Event::HardBreak => text.push('\n'),
                _ => {}
            }
        }
        text
    }

    /// A link's address when it is http or https; otherwise an error, or in
    /// a lenient read none, its text staying as plain text.
    fn link(&mut self, url: &CowStr, line: usize) -> Result<Option<String>> {
        match web_link(url, line) {
            Ok(url) => Ok(Some(url)),
            Err(error) => {
                let warning = format!(
                    "the link to \"{url}\" is kept as plain text: only http and https links are"
                );
                self.tolerate(error, warning)?;
                Ok(None)
            }
        }
    }

    fn heading(&mut self, level: HeadingLevel, line: usize) -> Result<()> {
        let text = self.heading_text(line)?;
        match level {
            HeadingLevel::H1 => self.title_heading(&text, line),
            HeadingLevel::H2 => self.day_heading(&text, line),
            HeadingLevel::H3 => self.entry_heading(text, line),
            _ => Err(at(line, "headings go down to ### (entries); write a paragraph, perhaps with *emphasis*, instead")),
        }
    }

    fn heading_text(&mut self, line: usize) -> Result<String> {
        let spans = self.inline()?;
        self.expect_end(line)?;
        if spans.iter().any(|s| s.link.is_some()) {
            return Err(at(
                line,
                "a heading is plain text: put the link in a `Page:` line or the notes",
            ));
        }
        Ok(spans.into_iter().map(|s| s.text).collect())
    }

    fn title_heading(&mut self, text: &str, line: usize) -> Result<()> {
        if self.seen_content {
            return Err(at(line, "the one # heading is the report's title, before anything else; days are ## and entries ###"));
        }
        self.seen_content = true;
        if text != self.title {
            return Err(at(
                line,
                format!(
                    "the # heading must repeat the front matter's title \"{}\"",
                    self.title
                ),
            ));
        }
        Ok(())
    }

    fn day_heading(&mut self, text: &str, line: usize) -> Result<()> {
        self.seen_content = true;
        let (id, label) = parse_day_heading(text, &self.year).map_err(|e| at(line, e))?;
        self.in_entry = false;
        if let Some(i) = self.days.iter().position(|d| d.id == id) {
            if self.days[i].label != label {
                return Err(at(
                    line,
                    format!(
                        "{id} already has the heading \"{}\": repeat it as it is",
                        self.days[i].label
                    ),
                ));
            }
            self.day = Some(i);
        } else {
            self.days.push(Day { id, label });
            self.day = Some(self.days.len() - 1);
        }
        Ok(())
    }

    fn entry_heading(&mut self, title: String, line: usize) -> Result<()> {
        self.seen_content = true;
        let Some(day) = self.day else {
            return Err(at(line, "an entry comes under a day: add a day heading such as `## Monday, March 18` above it"));
        };
        self.entries.push(Open {
            entry: Entry::new(
                String::new(),
                self.days[day].id.clone(),
                Kind::Talk,
                String::new(),
                title,
            ),
            line,
            explicit_id: false,
            track_given: false,
            facts: HashSet::new(),
        });
        self.in_entry = true;
        if let Some((Event::Start(Tag::List(None)), range)) = self.events.peek() {
            let line = self.lines.of(range.start);
            self.next();
            self.list(0, None, line, true)?;
        }
        Ok(())
    }

    /// Where blocks go: the introduction before the first day, else the
    /// entry last opened.
    fn push(&mut self, block: Block, line: usize) -> Result<()> {
        self.seen_content = true;
        match (self.day, self.in_entry) {
            (None, _) => self.introduction.push(block),
            (Some(_), true) => {
                let open = self.entries.last_mut().expect("an entry is open");
                open.entry.body.push(block);
            }
            (Some(_), false) => {
                return Err(at(line, "notes belong to an entry: add an entry heading such as `### Day notes` (with `- Kind: day-notes`) above them"))
            }
        }
        Ok(())
    }

    fn paragraph(&mut self, line: usize) -> Result<Inline> {
        let spans = self.inline()?;
        self.expect_end(line)?;
        Ok(Inline::from_spans(spans))
    }

    /// Consumes the end tag that closes what was just read.
    fn expect_end(&mut self, line: usize) -> Result<()> {
        match self.next() {
            Some((Event::End(_), _)) => Ok(()),
            Some((other, range)) => Err(unsupported(&other, self.lines.of(range.start))),
            None => Err(at(line, "the file ends inside a block")),
        }
    }

    /// The inline content that follows, up to the next block's tag.
    fn inline(&mut self) -> Result<Vec<Span>> {
        let mut spans = Vec::new();
        let mut emphasis = 0usize;
        let mut link: Option<String> = None;
        while let Some((event, range)) = self.events.peek().cloned() {
            let here = self.lines.of(range.start);
            let text = match event {
                Event::Text(t) | Event::Code(t) => t.to_string(),
                Event::SoftBreak | Event::HardBreak => " ".to_string(),
                Event::FootnoteReference(mark) => superscript(&mark).map_err(|e| at(here, e))?,
                Event::Start(Tag::Emphasis | Tag::Strong) => {
                    emphasis += 1;
                    String::new()
                }
                Event::End(TagEnd::Emphasis | TagEnd::Strong) => {
                    emphasis -= 1;
                    String::new()
                }
                Event::Start(Tag::Link { dest_url, .. }) => {
                    link = self.link(&dest_url, here)?;
                    String::new()
                }
                Event::End(TagEnd::Link) => {
                    link = None;
                    String::new()
                }
                Event::Start(Tag::Image { dest_url, .. }) => {
                    let error = at(
                        here,
                        "images are not part of a report: link to the picture instead",
                    );
                    self.tolerate(error, "an image is kept as plain text".into())?;
                    self.next();
                    // Its description, else its address.
                    let described = self.plain_text().replace('\n', " ");
                    let text = match described.trim() {
                        "" => dest_url.to_string(),
                        _ => described,
                    };
                    spans.push(Span {
                        text,
                        emphasis: emphasis > 0,
                        link: link.clone(),
                    });
                    continue;
                }
                Event::InlineHtml(html) | Event::Html(html) => {
                    let error = at(
                        here,
                        "HTML is not part of a report: write plain text (escape a literal < as \\<)",
                    );
                    self.tolerate(error, "HTML is kept as plain text".into())?;
                    html.replace('\n', " ")
                }
                _ => break,
            };
            if !text.is_empty() {
                spans.push(Span {
                    text,
                    emphasis: emphasis > 0,
                    link: link.clone(),
                });
            }
            self.next();
        }
        Ok(spans)
    }

    /// A list whose `Start` was just read, its items at `depth`. An entry's
    /// first list starts with its facts: items of `Key: value` with a known
    /// key, for as long as they come.
    fn list(&mut self, depth: u8, start: Option<u64>, line: usize, facts: bool) -> Result<()> {
        let mut facts = facts;
        while let Some((event, range)) = self.next() {
            let here = self.lines.of(range.start);
            match event {
                Event::Start(Tag::Item) => {
                    let number = start.map(|_| item_number(&self.source[range.start..]));
                    self.item(depth, number, here, &mut facts)?;
                }
                Event::End(TagEnd::List(_)) => return Ok(()),
                other => return Err(unsupported(&other, here)),
            }
        }
        Err(at(line, "the file ends inside a list"))
    }

    /// One list item: its own text, then continuation paragraphs one level
    /// deeper and nested lists.
    fn item(
        &mut self,
        depth: u8,
        number: Option<u32>,
        line: usize,
        facts: &mut bool,
    ) -> Result<()> {
        let mut has_text = false;
        while let Some((event, range)) = self.events.peek() {
            let here = self.lines.of(range.start);
            let spans = match event {
                Event::End(TagEnd::Item) => {
                    self.next();
                    // A lenient read leaves an empty item out.
                    return if has_text || self.lenient {
                        Ok(())
                    } else {
                        Err(at(line, "a list item needs text of its own"))
                    };
                }
                Event::Start(Tag::Paragraph) => {
                    self.next();
                    let spans = self.inline()?;
                    self.expect_end(here)?;
                    spans
                }
                Event::Start(Tag::List(start)) if has_text || self.lenient => {
                    let start = *start;
                    self.next();
                    *facts = false;
                    self.list(depth.saturating_add(1), start, here, false)?;
                    continue;
                }
                Event::Start(Tag::BlockQuote(_)) if has_text && !self.lenient => {
                    self.next();
                    let note = self.editor_note(here)?;
                    self.push(note, here)?;
                    continue;
                }
                Event::Start(Tag::List(_) | Tag::BlockQuote(_)) if !self.lenient => {
                    return Err(at(
                        here,
                        "a list item needs text of its own before a nested list or quote",
                    ))
                }
                Event::Start(
                    Tag::Emphasis | Tag::Strong | Tag::Link { .. } | Tag::Image { .. },
                ) => self.inline()?,
                Event::Start(_) | Event::Rule | Event::TaskListMarker(_) => {
                    let (event, range) = self.next().expect("peeked");
                    let here = self.lines.of(range.start);
                    self.unheld(event, here, depth.saturating_add(1))?;
                    continue;
                }
                _ => self.inline()?,
            };
            if !has_text && *facts && number.is_none() && depth == 0 {
                if let Some((fact, value)) = fact_line(&spans) {
                    self.fact(fact, &value, &spans, here)?;
                    has_text = true;
                    continue;
                }
            }
            *facts = false;
            let text = Inline::from_spans(spans);
            let block = match (has_text, number) {
                (true, _) => Block::Paragraph {
                    text,
                    level: depth.saturating_add(1),
                },
                (false, Some(number)) => Block::Numbered {
                    number,
                    text,
                    level: depth,
                },
                (false, None) => Block::Bullet { text, level: depth },
            };
            self.push(block, here)?;
            has_text = true;
        }
        Err(at(line, "the file ends inside a list item"))
    }

    fn editor_note(&mut self, line: usize) -> Result<Block> {
        let wrong = || {
            at(line, format!("a quote is an editor's note: one paragraph starting \"{EDITOR_NOTE}\" (the format has no other quotes)"))
        };
        match self.next() {
            Some((Event::Start(Tag::Paragraph), _)) => {}
            _ => return Err(wrong()),
        }
        let spans = self.inline()?;
        self.expect_end(line)?;
        match self.next() {
            Some((Event::End(TagEnd::BlockQuote(_)), _)) => {}
            _ => return Err(wrong()),
        }
        let plain: String = spans.iter().map(|s| s.text.as_str()).collect();
        // A typographic apostrophe is the same note.
        let prefix = [EDITOR_NOTE, "Editor’s note:"]
            .into_iter()
            .find(|p| plain.starts_with(p))
            .ok_or_else(wrong)?;
        let mut skip = prefix.len() + usize::from(plain[prefix.len()..].starts_with(' '));
        let mut rest = Vec::new();
        for mut span in spans {
            let cut = skip.min(span.text.len());
            skip -= cut;
            span.text.drain(..cut);
            if !span.text.is_empty() {
                rest.push(span);
            }
        }
        Ok(Block::EditorNote {
            text: Inline::from_spans(rest),
        })
    }

    fn footnote(&mut self, mark: CowStr<'a>, line: usize) -> Result<()> {
        let mut text = String::new();
        while let Some((event, range)) = self.next() {
            let here = self.lines.of(range.start);
            match event {
                Event::End(TagEnd::FootnoteDefinition) => {
                    self.footnotes.push(Footnote {
                        mark: mark.to_string(),
                        text,
                    });
                    return Ok(());
                }
                Event::Start(Tag::Paragraph) if text.is_empty() => {
                    let spans = self.inline()?;
                    self.expect_end(here)?;
                    if spans.iter().any(|s| s.link.is_some()) {
                        return Err(at(
                            here,
                            "a footnote is plain text: write the address itself",
                        ));
                    }
                    text = spans.into_iter().map(|s| s.text).collect();
                }
                other => return Err(unsupported(&other, here)),
            }
        }
        Err(at(line, "the file ends inside a footnote"))
    }

    fn fact(&mut self, fact: Fact, value: &str, spans: &[Span], line: usize) -> Result<()> {
        let open = self
            .entries
            .last_mut()
            .expect("facts follow an entry heading");
        if !open.facts.insert(fact) && fact != Fact::Speaker {
            return Err(at(
                line,
                format!("`{}:` is given twice for this entry", fact.key()),
            ));
        }
        let entry = &mut open.entry;
        let link = spans.iter().find_map(|s| s.link.clone());
        match fact {
            Fact::Id => {
                if !is_slug(value) {
                    return Err(at(line, format!("\"{value}\" is not an id: write lowercase letters, digits and single hyphens, such as `my-talk`")));
                }
                entry.id = value.to_string();
                open.explicit_id = true;
            }
            Fact::Kind => entry.kind = parse_kind(value).map_err(|e| at(line, e))?,
            Fact::Track => {
                if !self.tracks.iter().any(|t| t == value) {
                    return Err(at(line, format!("the track \"{value}\" is not in the front matter: use one of {} or add it under [[tracks]]", listed(&self.tracks))));
                }
                entry.track = value.to_string();
                open.track_given = true;
            }
            Fact::Room => {
                if !self.rooms.iter().any(|r| r == value) {
                    return Err(at(line, format!("the room \"{value}\" is not in the front matter: use one of {} or add it under [[rooms]]", listed(&self.rooms))));
                }
                entry.room = Some(value.to_string());
            }
            Fact::StartDate => entry.start_date = Some(parse_date(value).map_err(|e| at(line, e))?),
            Fact::EndDate => entry.end_date = Some(parse_date(value).map_err(|e| at(line, e))?),
            Fact::Language => entry.language = Some(value.to_string()),
            Fact::Subtitle => entry.subtitle = Some(value.to_string()),
            Fact::Time => {
                let (start, end) = parse_time(value).map_err(|e| at(line, e))?;
                entry.start = start;
                entry.end = end;
            }
            Fact::Speaker => entry
                .speakers
                .push(parse_speaker(value).map_err(|e| at(line, e))?),
            Fact::Topics => {
                for topic in value.split(',').map(str::trim).filter(|t| !t.is_empty()) {
                    if !self.topics.contains(topic) {
                        let mut known: Vec<String> = self.topics.iter().cloned().collect();
                        known.sort();
                        return Err(at(line, format!("the topic \"{topic}\" is not in the front matter: use one of {} or add it under [[topics]]", listed(&known))));
                    }
                    entry.topics.push(topic.to_string());
                }
            }
            Fact::Slides => {
                entry.slides = Some(parse_material(spans, link).map_err(|e| at(line, e))?)
            }
            Fact::Video => {
                entry.video = Some(parse_material(spans, link).map_err(|e| at(line, e))?)
            }
            Fact::Page => entry.url = Some(parse_page(value, link).map_err(|e| at(line, e))?),
            Fact::OfficialTitle => entry.official_title = Some(value.to_string()),
        }
        Ok(())
    }

    /// Gives ids and tracks their defaults, checks ids are unique, and
    /// validates the whole.
    fn finish(self, front: FrontMatter) -> Result<Report> {
        let mut lines: HashMap<String, usize> = HashMap::new();
        let mut entries = Vec::new();
        for mut open in self.entries {
            if !open.explicit_id {
                open.entry.id = slug(&open.entry.title);
                if open.entry.id.is_empty() {
                    return Err(at(
                        open.line,
                        "the title gives no id: add a line `- Id: some-id` under the heading",
                    ));
                }
            }
            if !open.track_given {
                match self.tracks.as_slice() {
                    [only] => open.entry.track = only.clone(),
                    _ => {
                        return Err(at(
                            open.line,
                            format!(
                                "say which track: add a line `- Track: …` with one of {}",
                                listed(&self.tracks)
                            ),
                        ))
                    }
                }
            }
            if let Some(first) = lines.insert(open.entry.id.clone(), open.line) {
                return Err(at(open.line, format!("the id \"{}\" is taken by the entry at line {first}: add a line `- Id: another-id` under this heading", open.entry.id)));
            }
            entries.push(open.entry);
        }
        let report = Report {
            schema_version: SCHEMA_VERSION,
            id: front.id.unwrap_or_else(|| slug(&front.title)),
            title: front.title,
            author: front.author,
            source_url: front.source_url,
            last_updated: front.last_updated,
            introduction: self.introduction,
            footnotes: self.footnotes,
            conference: front.conference,
            days: self.days,
            tracks: front.tracks,
            topics: front.topics,
            rooms: front.rooms,
            entries,
        };
        validate(&report).map_err(|invalid| {
            let line = invalid.entry.as_ref().and_then(|id| lines.get(id)).copied();
            at(line.unwrap_or(1), invalid.to_string())
        })?;
        Ok(report)
    }
}

fn listed(ids: &[String]) -> String {
    if ids.is_empty() {
        return "(none yet)".into();
    }
    ids.iter()
        .map(|id| format!("`{id}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn unsupported(event: &Event, line: usize) -> MarkdownError {
    let what = match event {
        Event::Start(Tag::CodeBlock(_)) => {
            "code blocks are not part of a report: write the text as a paragraph"
        }
        Event::Start(Tag::HtmlBlock) | Event::Html(_) | Event::InlineHtml(_) => {
            "HTML is not part of a report: write plain text (escape a literal < as \\<)"
        }
        Event::Rule => "a rule (---) is not part of a report: headings separate days and entries",
        Event::Start(Tag::Image { .. }) => {
            "images are not part of a report: link to the picture instead"
        }
        Event::Start(Tag::FootnoteDefinition(_)) => {
            "a footnote is defined on its own line, `[^1]: text`, not inside a list or quote"
        }
        Event::Start(Tag::Heading { .. }) => "a heading cannot be inside a list or quote",
        _ => "this Markdown is not part of the report format (see docs/markdown-format.md)",
    };
    at(line, what)
}

/// What a construct a report cannot hold is called in a warning.
fn markup_name(event: &Event) -> &'static str {
    match event {
        Event::Start(Tag::Heading { .. }) => "a heading",
        Event::Start(Tag::CodeBlock(_)) => "a code block",
        Event::Start(Tag::HtmlBlock) | Event::Html(_) | Event::InlineHtml(_) => "HTML",
        Event::Start(Tag::BlockQuote(_)) => "a quote",
        Event::Rule => "a rule",
        _ => "markup",
    }
}

/// A footnote reference as the text holds it: mark "12" gives "¹²".
fn superscript(mark: &str) -> std::result::Result<String, String> {
    if mark.is_empty() || !mark.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!(
            "footnote marks are numbers: write [^1], not [^{mark}]"
        ));
    }
    Ok(mark.bytes().map(to_superscript).collect())
}

/// What to tell the author about a link that is not an http or https address.
fn not_web_link(url: &str) -> String {
    format!(
        "\"{url}\" is not an http or https link: write a full address such as https://example.org/"
    )
}

fn web_link(url: &CowStr, line: usize) -> Result<String> {
    if is_web_link(url) {
        Ok(url.to_string())
    } else {
        Err(at(line, not_web_link(url)))
    }
}

/// The number a list item's marker gives, e.g. 12 for "12. text".
fn item_number(source: &str) -> u32 {
    let digits = source.bytes().take_while(u8::is_ascii_digit).count();
    source[..digits].parse().unwrap_or(0)
}

/// "Kind: talk" as the fact and its value, when the key is known.
fn fact_line(spans: &[Span]) -> Option<(Fact, String)> {
    let plain: String = spans.iter().map(|s| s.text.as_str()).collect();
    let (key, value) = plain.split_once(':')?;
    Some((Fact::named(key)?, value.trim().to_string()))
}

fn parse_kind(value: &str) -> std::result::Result<Kind, String> {
    let wanted = value.trim().to_ascii_lowercase();
    Kind::ALL
        .into_iter()
        .find(|k| k.name() == wanted)
        .ok_or_else(|| {
            let names: Vec<&str> = Kind::ALL.into_iter().map(Kind::name).collect();
            format!(
                "\"{value}\" is not a kind: write one of {}",
                names.join(", ")
            )
        })
}

/// A calendar date of a session past midnight, "2024-03-19".
fn parse_date(value: &str) -> std::result::Result<String, String> {
    if is_iso_date(value) {
        Ok(value.to_string())
    } else {
        Err(format!(
            "\"{value}\" is not a date: write the day as YYYY-MM-DD, such as `2024-03-19`"
        ))
    }
}

/// "09:00–09:45", "09:00" or "–09:45" (a hyphen or "to" works too).
fn parse_time(value: &str) -> std::result::Result<(Option<String>, Option<String>), String> {
    let bad = || {
        format!(
            "\"{value}\" is not a time: write `09:00–09:45`, `09:00` or `–09:45` (24-hour clock)"
        )
    };
    let (start, end) = match value
        .split_once(['–', '-'])
        .or_else(|| value.split_once(" to "))
    {
        Some((start, end)) => (start.trim(), Some(end.trim())),
        None => (value.trim(), None),
    };
    let time = |t: &str| -> std::result::Result<Option<String>, String> {
        match t {
            "" => Ok(None),
            t if is_clock_time(t) => Ok(Some(t.to_string())),
            _ => Err(bad()),
        }
    };
    let (start, end) = (time(start)?, end.map(time).transpose()?.flatten());
    if start.is_none() && end.is_none() {
        return Err(bad());
    }
    Ok((start, end))
}

/// "Jane Doe (Acme)": the affiliation is the last parenthesized part; "()"
/// says there is none, for a name that itself ends in parentheses.
pub fn parse_speaker(value: &str) -> std::result::Result<Speaker, String> {
    let value = value.trim();
    let (name, affiliation) = match value
        .strip_suffix(')')
        .and_then(|v| open_paren(v).map(|i| (v, i)))
    {
        Some((inner, i)) => (inner[..i].trim(), Some(inner[i + 1..].trim())),
        None => (value, None),
    };
    if name.is_empty() {
        return Err(format!(
            "\"{value}\" gives no name: write `Speaker: Jane Doe (Affiliation)`"
        ));
    }
    Ok(Speaker {
        name: name.to_string(),
        affiliation: affiliation.filter(|a| !a.is_empty()).map(str::to_string),
    })
}

/// Where the parenthesis opens that the text's final ")" closes.
fn open_paren(before_close: &str) -> Option<usize> {
    let mut depth = 0usize;
    for (i, c) in before_close.char_indices().rev() {
        match c {
            ')' => depth += 1,
            '(' if depth == 0 => return Some(i),
            '(' => depth -= 1,
            _ => {}
        }
    }
    None
}

/// "yes", "no", an address (available there), or "no" and an address.
fn parse_material(spans: &[Span], link: Option<String>) -> std::result::Result<Material, String> {
    let words: String = spans
        .iter()
        .filter(|s| s.link.is_none())
        .map(|s| s.text.as_str())
        .collect();
    let words = words.split_once(':').map_or("", |(_, v)| v).trim();
    let (word, url) = match link {
        Some(url) => (words, Some(url)),
        None => match words.split_once(' ') {
            Some((word, url)) => (word, Some(url.trim().to_string())),
            None if words.contains("://") => ("", Some(words.to_string())),
            None => (words, None),
        },
    };
    let available = match word.to_ascii_lowercase().as_str() {
        "" | "yes" => true,
        "no" => false,
        _ => {
            return Err(format!(
                "\"{words}\" is not yes, no or an http or https address"
            ))
        }
    };
    if let Some(url) = url.as_ref().filter(|u| !is_web_link(u)) {
        return Err(not_web_link(url));
    }
    if word.is_empty() && url.is_none() {
        return Err("write yes, no or the address".into());
    }
    Ok(Material { available, url })
}

fn parse_page(value: &str, link: Option<String>) -> std::result::Result<String, String> {
    let url = link.unwrap_or_else(|| value.to_string());
    if is_web_link(&url) {
        Ok(url)
    } else {
        Err(not_web_link(&url))
    }
}

/// A day heading's date and label. "Monday, March 18" (weekday and year
/// optional, the year otherwise the conference's) is its own label;
/// "2024-03-18: Label" gives both; "2024-03-18" alone is labelled
/// "Monday, March 18".
pub fn parse_day_heading(text: &str, year: &str) -> std::result::Result<(String, String), String> {
    if let Some(date) = text.get(..10).filter(|d| is_iso_date(d)) {
        let rest = &text[10..];
        let label = match rest.strip_prefix(':') {
            Some(label) => label.strip_prefix(' ').unwrap_or(label).to_string(),
            None if rest.trim().is_empty() => long_day(date).unwrap_or_default(),
            None => {
                return Err(format!(
                    "after the date write a colon and the label: `## {date}: {}`",
                    rest.trim()
                ))
            }
        };
        return Ok((date.to_string(), label));
    }
    let id = named_date(text, year)?;
    Ok((id, text.to_string()))
}

/// "[Weekday, ]Month D[, YYYY]" as an ISO date.
fn named_date(text: &str, year: &str) -> std::result::Result<String, String> {
    let bad = || {
        format!("a ## heading is a day: write `## Monday, March 18` (or `## March 18, {year}`, or `## {year}-03-18: Label`), not \"{text}\"")
    };
    let mut parts: Vec<&str> = text.split(',').map(str::trim).collect();
    let weekday = match parts.first() {
        Some(first) if WEEKDAYS.contains(first) => Some(parts.remove(0)),
        _ => None,
    };
    let (month_day, year) = match parts.as_slice() {
        [month_day] => (*month_day, year),
        [month_day, year] if year.len() == 4 => (*month_day, *year),
        _ => return Err(bad()),
    };
    let (month, day) = month_day.split_once(' ').ok_or_else(bad)?;
    let month = MONTHS.iter().position(|m| *m == month).ok_or_else(bad)? + 1;
    let day: u32 = day.trim().parse().map_err(|_| bad())?;
    let date = format!("{year}-{month:02}-{day:02}");
    if !is_iso_date(&date) {
        return Err(format!("\"{text}\" names no day of {year}"));
    }
    let real = long_day(&date).unwrap_or_default();
    match weekday {
        Some(weekday) if !real.starts_with(weekday) => Err(format!(
            "\"{text}\": {date} is a {}",
            real.split(',').next().unwrap_or("")
        )),
        _ => Ok(date),
    }
}
