//! The guesses that read a blog post's file as part of a report: which
//! headings are the title, days or talks, talks in bold with their
//! speakers in italics or after a dash in the title, and ids for titles that
//! give none or a taken one. Each guess is a warning naming file:line.

use super::{Open, Reader, Result, Talks, Warning, WarningKind};
use crate::markdown_format::{parse_day_heading, parse_speaker};
use crate::model::{Block, Inline, Speaker};
use crate::text::slug;
use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};
use std::collections::HashSet;

impl Reader<'_> {
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
pub(super) fn talks_in(body: &str, year: &str, several: bool) -> Talks {
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
pub(super) fn first_title(body: &str) -> Option<String> {
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
