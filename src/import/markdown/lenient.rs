//! Trip reports as authors write them: one or several blog posts, read as
//! one report. Where the convention would refuse something a reader would
//! not care about, the reader guesses and says so in a warning naming
//! file:line; where a fact would be wrong (a date, a value of a key the
//! report uses) it still refuses. With `Options::strict` every guess is an
//! error.

use super::front_matter::{self, PostFront};
use super::{at, import, shortcodes, Mode, Open, Reader, Result, Talks, Warning};
use super::{Summary, WarningKind};
use crate::dates::long_day;
use crate::markdown_format::{parse_day_heading, parse_speaker, FrontMatter};
use crate::model::{
    is_iso_date, Block, Conference, Day, Inline, Report, Room, Speaker, Topic, Track,
};
use crate::text::slug;
use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};
use std::collections::HashSet;
use std::path::Path;

/// One file of notes: its name, for messages and as the last resort for
/// the title, and its text.
#[derive(Debug, Clone)]
pub struct Source {
    pub name: String,
    pub text: String,
}

#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Every guess an error, as the convention of docs/markdown-format.md.
    pub strict: bool,
    /// The day of talks no heading places, "2024-03-18"; over a post's date.
    pub day: Option<String>,
    /// The report's title, over the front matter's and the headings'.
    pub title: Option<String>,
}

/// A report read from notes, with what was guessed on the way.
#[derive(Debug, Clone)]
pub struct Imported {
    pub report: Report,
    pub warnings: Vec<Warning>,
}

impl Imported {
    pub fn summary(&self) -> Summary {
        Summary::of(self)
    }
}

/// The one track of a report that declares none.
const ONLY_TRACK: (&str, &str) = ("talks", "Talks");

/// Reads notes in one or several files as one report. A single file read
/// strictly is `import` itself; several read strictly are read leniently
/// and the first guess is the error.
pub fn import_notes(sources: &[Source], options: &Options) -> Result<Imported> {
    if let Some(day) = options.day.as_deref().filter(|day| !is_iso_date(day)) {
        return Err(at(
            0,
            format!("\"{day}\" is not a day: give it as YYYY-MM-DD, such as 2024-03-18"),
        ));
    }
    if let (true, [only]) = (options.strict, sources) {
        return import(&only.text)
            .map(|report| Imported {
                report,
                warnings: Vec::new(),
            })
            .map_err(|e| e.in_file(&only.name));
    }
    let cleaned: Vec<(String, Vec<Warning>)> = (sources.iter())
        .map(|source| shortcodes::drop(&source.name, &source.text))
        .collect();
    let mut reader = Reader::bare("", 1, Mode::Post);
    let mut front = Merged::default();
    for (source, (text, dropped)) in sources.iter().zip(&cleaned) {
        reader.warnings.extend(dropped.iter().cloned());
        reader
            .read_post(source, text, options, &mut front, sources.len() > 1)
            .map_err(|e| e.in_file(&source.name))?;
    }
    let Some(first) = sources.first().filter(|_| !reader.entries.is_empty()) else {
        let file = sources.first().map_or("", |s| s.name.as_str());
        return Err(at(1, "no talk found: mark each talk with a `###` heading, a `##` heading that is not a day, or a line in bold such as `**Talk title**`").in_file(file));
    };
    let title = match options.title.clone().or(front.title.take()) {
        Some(title) => title,
        None if !reader.title.is_empty() => reader.title.clone(),
        None => {
            let stem = file_stem(&first.name);
            reader.file = first.name.clone();
            reader.warn(1, WarningKind::Title, format!("the report's title is the file name \"{stem}\": give a `title` in the front matter, a `#` heading or --title"));
            stem
        }
    };
    reader.settle();
    if options.strict {
        if let Some(warning) = reader.warnings.first() {
            let error = at(warning.line, warning.message.clone());
            return Err(error.in_file(&warning.file));
        }
    }
    let front = front.into_front_matter(title, &reader.days);
    reader.tracks = front.tracks.iter().map(|t| t.id.clone()).collect();
    let warnings = std::mem::take(&mut reader.warnings);
    let report = reader.finish(front)?;
    Ok(Imported { report, warnings })
}

/// A file's name without its folder and extension.
fn file_stem(name: &str) -> String {
    let path = Path::new(name);
    let stem = path.file_stem().unwrap_or(path.as_os_str());
    stem.to_string_lossy().into_owned()
}

/// What the files' front matters give together: the first one's title and
/// facts, and the tracks, topics and rooms of all.
#[derive(Debug, Default)]
struct Merged {
    id: Option<String>,
    title: Option<String>,
    author: Option<String>,
    source_url: Option<String>,
    last_updated: Option<String>,
    conference: Option<Conference>,
    tracks: Vec<Track>,
    topics: Vec<Topic>,
    rooms: Vec<Room>,
}

impl Merged {
    /// Adds a file's front matter, its title aside; what an earlier file
    /// gave stays.
    fn add(&mut self, front: PostFront) {
        self.id = self.id.take().or(front.id);
        self.author = self.author.take().or(front.author.map(|a| a.joined()));
        self.source_url = self.source_url.take().or(front.source_url);
        self.last_updated = self.last_updated.take().or(front.last_updated);
        self.conference = self.conference.take().or(front.conference);
        for track in front.tracks {
            if !self.tracks.iter().any(|t| t.id == track.id) {
                self.tracks.push(track);
            }
        }
        for topic in front.topics {
            if !self.topics.iter().any(|t| t.id == topic.id) {
                self.topics.push(topic);
            }
        }
        for room in front.rooms {
            if !self.rooms.iter().any(|r| r.id == room.id) {
                self.rooms.push(room);
            }
        }
    }

    /// The report's front matter: a conference that none names spans the
    /// days read, and its name stays unknown; a report that declares no
    /// track has one.
    fn into_front_matter(self, title: String, days: &[Day]) -> FrontMatter {
        let conference = self.conference.unwrap_or_else(|| {
            let first = days.iter().map(|d| d.id.clone()).min().unwrap_or_default();
            let last = days.iter().map(|d| d.id.clone()).max().unwrap_or_default();
            Conference {
                name: String::new(),
                place: None,
                first_day: first,
                last_day: last,
                time_zone: None,
                url: None,
            }
        });
        let mut tracks = self.tracks;
        if tracks.is_empty() {
            tracks.push(Track {
                id: ONLY_TRACK.0.into(),
                label: ONLY_TRACK.1.into(),
            });
        }
        FrontMatter {
            id: self.id,
            title,
            author: self.author.unwrap_or_default(),
            source_url: self.source_url,
            last_updated: self.last_updated,
            conference,
            tracks,
            topics: self.topics,
            rooms: self.rooms,
        }
    }
}

impl<'a> Reader<'a> {
    /// Reads one file of a post into the report read so far.
    fn read_post(
        &mut self,
        source: &Source,
        text: &'a str,
        options: &Options,
        front: &mut Merged,
        several: bool,
    ) -> Result<()> {
        let mut post = front_matter::split_post(text)?;
        self.file = source.name.clone();
        if !post.ignored.is_empty() {
            let keys = post.ignored.join(", ");
            let message = format!("front matter keys a report has no use for are ignored: {keys}");
            self.warn(1, WarningKind::IgnoredKeys, message);
        }
        let day = options.day.clone().or(post.front.date.clone());
        let own_title = post.front.title.take();
        front.add(post.front);
        self.tracks = front.tracks.iter().map(|t| t.id.clone()).collect();
        self.rooms = front.rooms.iter().map(|r| r.id.clone()).collect();
        self.topics = front.topics.iter().map(|t| t.id.clone()).collect();
        // The year of named days ("Monday, March 18"): the conference's,
        // else the post's, else the one of the files before.
        let year = (front.conference.as_ref().map(|c| c.first_day.as_str())).or(day.as_deref());
        if let Some(year) = year {
            self.year = year.chars().take(4).collect();
        }
        self.source = post.body;
        self.events = super::parser(post.body, Mode::Post);
        self.lines = super::Lines::new(post.body, post.body_line);
        self.talks = talks_in(post.body, &self.year, several);
        self.day = None;
        self.in_entry = false;
        self.seen_content = false;
        // A file that is one talk titles the talk, not the report.
        if self.talks != Talks::Whole {
            front.title = front.title.take().or(own_title.clone());
            if self.title.is_empty() {
                self.title = own_title.clone().unwrap_or_default();
            }
        }
        if let Some(day) = day.as_deref().and_then(|d| d.get(..10)) {
            self.select_day(day, long_day(day).unwrap_or_default());
        }
        if self.talks == Talks::Whole {
            // A file that is one talk: its title is the talk's.
            let title = own_title
                .or_else(|| first_title(post.body))
                .unwrap_or_else(|| file_stem(&source.name));
            self.entry_heading(title, post.body_line)?;
        }
        self.read()
    }

    /// A heading of a post: its title, a day, a talk as the file marks
    /// them, or else a paragraph.
    pub(super) fn post_heading(&mut self, level: HeadingLevel, line: usize) -> Result<()> {
        let text = self.heading_text(line)?;
        let first = !self.seen_content;
        self.seen_content = true;
        if level == HeadingLevel::H1 && self.talks == Talks::Whole {
            // The file's talk, opened with this title before its notes.
            let open = self.entries.last().map(|o| &o.entry);
            if open.is_some_and(|e| e.body.is_empty() && e.title == text) {
                return Ok(());
            }
        } else if level == HeadingLevel::H1
            && first
            && (self.title.is_empty() || self.title == text)
        {
            self.title = text;
            return Ok(());
        }
        let is_day = matches!(level, HeadingLevel::H1 | HeadingLevel::H2)
            && parse_day_heading(&text, &self.year).is_ok();
        match (level, self.talks) {
            _ if is_day => self.day_heading(&text, line),
            (HeadingLevel::H3, Talks::Heading3)
            | (HeadingLevel::H1 | HeadingLevel::H2, Talks::Heading2) => {
                self.entry_heading(text, line)?;
                self.speakers_below();
                Ok(())
            }
            _ => {
                let message = format!(
                    "the heading \"{text}\" is neither a day nor a talk: it is kept as a paragraph"
                );
                self.warn(line, WarningKind::Markup, message);
                let text = Inline::plain(text);
                self.push(Block::Paragraph { text, level: 0 }, line)
            }
        }
    }

    /// A talk given as a line in bold, perhaps with its speakers in italics
    /// on the next line or in the next paragraph.
    pub(super) fn bold_talk(&mut self, line: usize) -> Result<()> {
        let text = self.plain_text();
        let mut lines = text.lines().map(str::trim);
        let title = lines.next().unwrap_or_default().to_string();
        let speakers = lines.next().map(str::to_string);
        self.seen_content = true;
        self.entry_heading(title, line)?;
        match speakers {
            Some(speakers) => self.add_speakers(&speakers),
            None => self.speakers_below(),
        }
        Ok(())
    }

    /// The speakers of the talk just opened, when the next paragraph is one
    /// line in italics.
    fn speakers_below(&mut self) {
        let Some((event, range)) = self.events.peek() else {
            return;
        };
        let raw = self.source[range.clone()].trim();
        if matches!(event, Event::Start(Tag::Paragraph))
            && !raw.contains('\n')
            && is_italic_only(raw)
        {
            self.next();
            let line = self.plain_text();
            self.add_speakers(&line);
        }
    }

    fn add_speakers(&mut self, line: &str) {
        if let Some(open) = self.entries.last_mut() {
            open.entry.speakers.extend(speakers_in(line));
        }
    }

    /// Whether the quote at this range of the source is an editor's note.
    pub(super) fn is_editor_note(&self, range: &std::ops::Range<usize>) -> bool {
        let raw = self.source[range.clone()].trim_start_matches(['>', ' ']);
        raw.starts_with("Editor's note:") || raw.starts_with("Editor’s note:")
    }

    /// The guesses left for the end, when every file is read: speakers in
    /// titles, and ids for titles that give none or a taken one.
    pub(super) fn settle(&mut self) {
        let mut warnings = Vec::new();
        for open in &mut self.entries {
            if !open.entry.speakers.is_empty() {
                continue;
            }
            if let Some((title, speaker)) = speaker_in_title(&open.entry.title) {
                let message = format!("\"{}\" is read as the speaker of \"{title}\"", speaker.name);
                warnings.push(warning(open, WarningKind::Speaker, message));
                open.entry.title = title;
                open.entry.speakers.push(speaker);
            }
        }
        let mut taken: HashSet<String> = (self.entries.iter())
            .filter(|o| o.explicit_id)
            .map(|o| o.entry.id.clone())
            .collect();
        for open in self.entries.iter_mut().filter(|o| !o.explicit_id) {
            let wanted = slug(&open.entry.title);
            let base = if wanted.is_empty() { "talk" } else { &wanted };
            let mut id = base.to_string();
            let mut n = 2;
            while taken.contains(&id) {
                id = format!("{base}-{n}");
                n += 1;
            }
            if id != wanted {
                let message = format!("the talk \"{}\" has the id \"{id}\"", open.entry.title);
                warnings.push(warning(open, WarningKind::Id, message));
            }
            taken.insert(id.clone());
            open.entry.id = id;
            open.explicit_id = true;
        }
        self.warnings.extend(warnings);
    }
}

fn warning(open: &Open, kind: WarningKind, message: String) -> Warning {
    Warning {
        file: open.file.clone(),
        line: open.line,
        kind,
        message,
    }
}

/// What marks the talks of a file: `###` headings, else `##` headings that
/// are not days, else lines in bold; a file of several with none of these
/// is one talk.
fn talks_in(body: &str, year: &str, several: bool) -> Talks {
    let mut heading2 = false;
    let mut bold = false;
    let mut depth = 0usize;
    let mut events = Parser::new(body).into_offset_iter();
    while let Some((event, range)) = events.next() {
        match event {
            Event::Start(Tag::Heading {
                level: HeadingLevel::H3,
                ..
            }) => return Talks::Heading3,
            Event::Start(Tag::Heading {
                level: HeadingLevel::H2,
                ..
            }) => {
                let text = heading_text(&mut events);
                heading2 |= parse_day_heading(&text, year).is_err();
            }
            Event::Start(Tag::List(_) | Tag::BlockQuote(_)) => depth += 1,
            Event::End(TagEnd::List(_) | TagEnd::BlockQuote(_)) => depth -= 1,
            Event::Start(Tag::Paragraph) if depth == 0 => {
                bold |= is_talk_paragraph(&body[range]);
            }
            _ => {}
        }
    }
    match (heading2, bold, several) {
        (true, _, _) => Talks::Heading2,
        (false, true, _) => Talks::Bold,
        (false, false, true) => Talks::Whole,
        (false, false, false) => Talks::Bold,
    }
}

/// The text of the first `#` heading, when there is one.
fn first_title(body: &str) -> Option<String> {
    let mut events = Parser::new(body).into_offset_iter();
    events.find(|(e, _)| {
        matches!(
            e,
            Event::Start(Tag::Heading {
                level: HeadingLevel::H1,
                ..
            })
        )
    })?;
    Some(heading_text(&mut events))
}

/// The text of the heading whose start was just read.
fn heading_text<'a>(
    events: &mut impl Iterator<Item = (Event<'a>, std::ops::Range<usize>)>,
) -> String {
    let mut text = String::new();
    for (event, _) in events {
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(&t),
            Event::End(TagEnd::Heading(_)) => break,
            _ => {}
        }
    }
    text
}

/// Whether a paragraph, as written, is a talk: one line all in bold,
/// perhaps followed by one line all in italics.
pub(super) fn is_talk_paragraph(raw: &str) -> bool {
    let lines: Vec<&str> = raw.trim().lines().map(str::trim).collect();
    match lines.as_slice() {
        [title] => is_bold_only(title),
        [title, speakers] => is_bold_only(title) && is_italic_only(speakers),
        _ => false,
    }
}

fn is_bold_only(line: &str) -> bool {
    ["**", "__"].iter().any(|mark| enclosed(line, mark))
}

fn is_italic_only(line: &str) -> bool {
    ["*", "_"].iter().any(|mark| enclosed(line, mark))
}

/// Whether the whole line is between two marks, with no other mark and no
/// space just inside them.
fn enclosed(line: &str, mark: &str) -> bool {
    let inner = line.strip_prefix(mark).and_then(|l| l.strip_suffix(mark));
    inner.is_some_and(|inner| {
        !inner.is_empty()
            && !inner.contains(mark)
            && inner.trim() == inner
            && !inner.starts_with(['*', '_'])
    })
}

/// "Nicole Forsgren & Jez Humble", "A, B and C": each a speaker.
fn speakers_in(line: &str) -> Vec<Speaker> {
    line.split([',', ';', '&', '/'])
        .flat_map(|part| part.split(" and "))
        .filter_map(|name| parse_speaker(name).ok())
        .collect()
}

/// "Title - Jane Doe, Acme": the title and its speaker, when what follows
/// the last " - " reads as a name: two to four capitalised words, perhaps
/// followed by ", Affiliation".
fn speaker_in_title(title: &str) -> Option<(String, Speaker)> {
    let (talk, who) = [" - ", " – ", " — "]
        .iter()
        .filter_map(|dash| title.rsplit_once(dash))
        .max_by_key(|(talk, _)| talk.len())?;
    let (name, affiliation) = match who.split_once(", ") {
        Some((name, affiliation)) => (name, Some(affiliation.trim())),
        None => (who, None),
    };
    let words: Vec<&str> = name.split_whitespace().collect();
    let reads_as_name = (2..=4).contains(&words.len())
        && words.iter().all(|word| {
            word.starts_with(char::is_uppercase)
                && word
                    .chars()
                    .all(|c| c.is_alphabetic() || "-'.’".contains(c))
        });
    if !reads_as_name || talk.trim().is_empty() {
        return None;
    }
    let speaker = Speaker {
        name: words.join(" "),
        affiliation: affiliation.filter(|a| !a.is_empty()).map(str::to_string),
    };
    Some((talk.trim().to_string(), speaker))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_after_the_last_dash_is_the_speaker() {
        let (title, speaker) = speaker_in_title("Rust in Production - Jane Doe, Acme").unwrap();
        assert_eq!(title, "Rust in Production");
        assert_eq!(speaker.name, "Jane Doe");
        assert_eq!(speaker.affiliation.as_deref(), Some("Acme"));
        let (title, _) = speaker_in_title("Day 2 - Keynote - Ana María López").unwrap();
        assert_eq!(title, "Day 2 - Keynote");
    }

    #[test]
    fn what_does_not_read_as_a_name_stays_in_the_title() {
        for title in [
            "Rust - the good parts",
            "Q&A - 2024",
            "Closing - Thanks",
            "Panel - Six People Talking At Once Here",
            "No dash at all",
        ] {
            assert_eq!(speaker_in_title(title), None, "{title}");
        }
    }

    #[test]
    fn a_talk_paragraph_is_bold_then_perhaps_italics() {
        assert!(is_talk_paragraph("**Title**"));
        assert!(is_talk_paragraph("__Title__\n_A & B_"));
        assert!(is_talk_paragraph("**Title**\n*A, B*"));
        assert!(!is_talk_paragraph("**Title** and more"));
        assert!(!is_talk_paragraph("*Title*"));
        assert!(!is_talk_paragraph("**Title**\nplain"));
        assert!(!is_talk_paragraph("** Title**"));
        assert!(!is_talk_paragraph("****"));
    }

    #[test]
    fn speakers_are_split_on_and_commas_and_ampersands() {
        let names: Vec<String> = speakers_in("Nicole Forsgren & Jez Humble, Gene Kim and Ana")
            .into_iter()
            .map(|s| s.name)
            .collect();
        assert_eq!(names, ["Nicole Forsgren", "Jez Humble", "Gene Kim", "Ana"]);
    }
}
