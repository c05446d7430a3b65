//! Notes in one or several files read as one report: a blog post, one
//! post a day, or one file a talk. The first front matter gives the title,
//! each file's date or day headings place its talks, and the guesses of
//! `lenient` read each file.

use super::front_matter::{self, PostFront};
use super::lenient::{first_title, talks_in};
use super::{at, import, shortcodes, Mode, Reader, Result, Talks, Warning};
use super::{Summary, WarningKind};
use crate::dates::long_day;
use crate::markdown_format::FrontMatter;
use crate::model::{is_iso_date, Conference, Day, Report, Room, Topic, Track};
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
pub(super) fn file_stem(name: &str) -> String {
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
}
