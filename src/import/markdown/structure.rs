//! The headings that give a report its shape: the `#` title, `##` days and
//! `###` entries, where each block goes, and the whole checked at the end.

use super::{at, Mode, Open, Reader, Result, WarningKind};
use crate::markdown_format::{parse_day_heading, FrontMatter};
use crate::model::{validate, Block, Day, Entry, Kind, Report, SCHEMA_VERSION};
use crate::text::slug;
use pulldown_cmark::{Event, HeadingLevel, Tag};
use std::collections::{HashMap, HashSet};

impl Reader<'_> {
    pub(super) fn heading(&mut self, level: HeadingLevel, line: usize) -> Result<()> {
        let text = self.heading_text(line)?;
        match level {
            HeadingLevel::H1 => self.title_heading(&text, line),
            HeadingLevel::H2 => self.day_heading(&text, line),
            HeadingLevel::H3 => self.entry_heading(text, line),
            _ => Err(at(line, "headings go down to ### (entries); write a paragraph, perhaps with *emphasis*, instead")),
        }
    }

    pub(super) fn heading_text(&mut self, line: usize) -> Result<String> {
        let spans = self.inline()?;
        self.expect_end(line)?;
        if spans.iter().any(|s| s.link.is_some()) {
            let error = at(
                line,
                "a heading is plain text: put the link in a `Page:` line or the notes",
            );
            let warning = "a heading's link is left out, its text kept".into();
            self.tolerate(error, WarningKind::Link, warning)?;
        }
        Ok(spans.into_iter().map(|s| s.text).collect())
    }

    pub(super) fn title_heading(&mut self, text: &str, line: usize) -> Result<()> {
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

    pub(super) fn day_heading(&mut self, text: &str, line: usize) -> Result<()> {
        self.seen_content = true;
        let (id, label) = parse_day_heading(text, &self.year).map_err(|e| at(line, e))?;
        self.in_entry = false;
        let strict = self.mode == Mode::Strict;
        if let Some(day) = (self.days.iter()).find(|d| strict && d.id == id && d.label != label) {
            return Err(at(
                line,
                format!(
                    "{id} already has the heading \"{}\": repeat it as it is",
                    day.label
                ),
            ));
        }
        self.select_day(&id, label);
        Ok(())
    }

    /// The day with this date, added when new. A post's day and its
    /// headings may label it differently: the first label stays.
    pub(super) fn select_day(&mut self, id: &str, label: String) {
        match self.days.iter().position(|d| d.id == id) {
            Some(i) => self.day = Some(i),
            None => {
                self.days.push(Day {
                    id: id.to_string(),
                    label,
                });
                self.day = Some(self.days.len() - 1);
            }
        }
    }

    pub(super) fn entry_heading(&mut self, title: String, line: usize) -> Result<()> {
        self.seen_content = true;
        let Some(day) = self.day else {
            if self.mode == Mode::Post {
                return Err(at(line, "this talk has no day: give the day with --day YYYY-MM-DD, a `date` in the front matter, or a heading such as `## Monday, March 18` above it"));
            }
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
            file: self.file.clone(),
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
    /// entry last opened. A post's words before its first talk introduce it.
    pub(super) fn push(&mut self, block: Block, line: usize) -> Result<()> {
        self.seen_content = true;
        match (self.day, self.in_entry) {
            (None, _) => self.introduction.push(block),
            (Some(_), false) if self.mode == Mode::Post => self.introduction.push(block),
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

    /// Gives ids and tracks their defaults, checks ids are unique, and
    /// validates the whole.
    pub(super) fn finish(self, front: FrontMatter) -> Result<Report> {
        let mut lines: HashMap<String, (usize, String)> = HashMap::new();
        let mut entries = Vec::new();
        for mut open in self.entries {
            if !open.explicit_id {
                open.entry.id = slug(&open.entry.title);
                if open.entry.id.is_empty() {
                    return Err(at(
                        open.line,
                        "the title gives no id: add a line `- Id: some-id` under the heading",
                    )
                    .in_file(&open.file));
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
                        )
                        .in_file(&open.file))
                    }
                }
            }
            let here = (open.line, open.file.clone());
            if let Some((first, file)) = lines.insert(open.entry.id.clone(), here) {
                let at_first = if file == open.file {
                    format!("line {first}")
                } else {
                    format!("{file}:{first}")
                };
                return Err(at(open.line, format!("the id \"{}\" is taken by the entry at {at_first}: add a line `- Id: another-id` under this heading", open.entry.id)).in_file(&open.file));
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
            let (line, file) = (invalid.entry.as_ref())
                .and_then(|id| lines.get(id).cloned())
                .unwrap_or((1, String::new()));
            at(line, invalid.to_string()).in_file(&file)
        })?;
        Ok(report)
    }
}

pub(super) fn listed(ids: &[String]) -> String {
    if ids.is_empty() {
        return "(none yet)".into();
    }
    ids.iter()
        .map(|id| format!("`{id}`"))
        .collect::<Vec<_>>()
        .join(", ")
}
