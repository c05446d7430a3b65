//! The headings that give a report its shape: the `#` title, `##` days and
//! `###` entries, where each block goes, and the whole checked at the end.

use super::{at, Open, Reader, Result};
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
            return Err(at(
                line,
                "a heading is plain text: put the link in a `Page:` line or the notes",
            ));
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

    pub(super) fn entry_heading(&mut self, title: String, line: usize) -> Result<()> {
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
    pub(super) fn push(&mut self, block: Block, line: usize) -> Result<()> {
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

    /// Gives ids and tracks their defaults, checks ids are unique, and
    /// validates the whole.
    pub(super) fn finish(self, front: FrontMatter) -> Result<Report> {
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

pub(super) fn listed(ids: &[String]) -> String {
    if ids.is_empty() {
        return "(none yet)".into();
    }
    ids.iter()
        .map(|id| format!("`{id}`"))
        .collect::<Vec<_>>()
        .join(", ")
}
