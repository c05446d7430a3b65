//! Any report as Markdown in the convention of `crate::markdown_format`
//! (docs/markdown-format.md), which `crate::import::markdown` reads, so that
//! reading it back gives the same report.
//! What Markdown cannot hold is listed in that page.

use crate::markdown_format::{
    can_emphasize, parse_day_heading, parse_speaker, Fact, FrontMatter, Nesting, EDITOR_NOTE, FENCE,
};
use crate::model::{Block, Entry, Inline, Material, Report, Span, Speaker};
use crate::text::{from_superscript, slug, SUPERSCRIPTS};
use std::collections::HashSet;

pub fn to_markdown(report: &Report) -> String {
    let marks: HashSet<&str> = report.footnotes.iter().map(|f| f.mark.as_str()).collect();
    let mut out = front_matter(report);
    out.push_str("\n# ");
    out.push_str(&heading(&report.title));
    out.push('\n');
    write_blocks(&report.introduction, &marks, &mut out);
    write_days(report, &marks, &mut out);
    for footnote in &report.footnotes {
        out.push_str(&format!("\n[^{}]: ", footnote.mark));
        out.push_str(&escape(&footnote.text, Edges::Both));
        out.push('\n');
    }
    out
}

fn front_matter(report: &Report) -> String {
    let front = FrontMatter {
        id: Some(report.id.clone()),
        title: report.title.clone(),
        author: report.author.clone(),
        source_url: report.source_url.clone(),
        last_updated: report.last_updated.clone(),
        conference: report.conference.clone(),
        tracks: report.tracks.clone(),
        topics: report.topics.clone(),
        rooms: report.rooms.clone(),
    };
    let toml = toml::to_string(&front).expect("front matter always serializes");
    format!("{FENCE}\n{toml}{FENCE}\n")
}

/// Day headings in the report's order of days, each entry under its day's:
/// a day's heading comes again when its entries are not together, so the
/// entries keep their order too.
fn write_days(report: &Report, marks: &HashSet<&str>, out: &mut String) {
    let year = &report.conference.first_day[..report.conference.first_day.len().min(4)];
    let mut introduced = 0;
    let mut current: Option<&str> = None;
    for entry in &report.entries {
        if current != Some(entry.day.as_str()) {
            let at = report.days.iter().position(|d| d.id == entry.day);
            if let Some(at) = at.filter(|&at| at >= introduced) {
                for day in &report.days[introduced..at] {
                    write_day(&day.id, &day.label, year, out);
                }
                introduced = at + 1;
            }
            let label = at.map_or("", |i| report.days[i].label.as_str());
            write_day(&entry.day, label, year, out);
            current = Some(&entry.day);
        }
        write_entry(entry, marks, out);
    }
    for day in &report.days[introduced.min(report.days.len())..] {
        write_day(&day.id, &day.label, year, out);
    }
}

/// The plainest heading that reads back as this day and label.
fn write_day(id: &str, label: &str, year: &str, out: &mut String) {
    let labelled = if label.is_empty() {
        format!("{id}:")
    } else {
        format!("{id}: {label}")
    };
    let text = [label.to_string(), id.to_string()]
        .into_iter()
        .find(|c| parse_day_heading(c, year).is_ok_and(|(i, l)| i == id && l == label))
        .unwrap_or(labelled);
    out.push_str("\n## ");
    out.push_str(&heading(&text));
    out.push('\n');
}

fn write_entry(entry: &Entry, marks: &HashSet<&str>, out: &mut String) {
    out.push_str("\n### ");
    out.push_str(&heading(&entry.title));
    out.push_str("\n\n");
    for (fact, value) in facts(entry) {
        out.push_str(&format!("- {}: {value}\n", fact.key()));
    }
    write_blocks(&entry.body, marks, out);
}

/// An entry's facts as written: always kind and track, the rest when known.
fn facts(entry: &Entry) -> Vec<(Fact, String)> {
    let mut facts = Vec::new();
    if entry.id != slug(&entry.title) {
        facts.push((Fact::Id, entry.id.clone()));
    }
    facts.push((Fact::Kind, entry.kind.name().to_string()));
    facts.push((Fact::Track, escape(&entry.track, Edges::Both)));
    if let Some(room) = &entry.room {
        facts.push((Fact::Room, escape(room, Edges::Both)));
    }
    if let Some(time) = time(entry) {
        facts.push((Fact::Time, time));
    }
    for (fact, date) in [
        (Fact::StartDate, &entry.start_date),
        (Fact::EndDate, &entry.end_date),
    ] {
        if let Some(date) = date {
            facts.push((fact, escape(date, Edges::Both)));
        }
    }
    for speaker in &entry.speakers {
        facts.push((Fact::Speaker, speaker_text(speaker)));
    }
    if let Some(language) = &entry.language {
        facts.push((Fact::Language, escape(language, Edges::Both)));
    }
    if !entry.topics.is_empty() {
        facts.push((Fact::Topics, entry.topics.join(", ")));
    }
    if let Some(slides) = &entry.slides {
        facts.push((Fact::Slides, material(slides)));
    }
    if let Some(video) = &entry.video {
        facts.push((Fact::Video, material(video)));
    }
    if let Some(url) = &entry.url {
        facts.push((Fact::Page, address(url)));
    }
    if let Some(title) = &entry.official_title {
        facts.push((Fact::OfficialTitle, escape(title, Edges::Both)));
    }
    if let Some(subtitle) = &entry.subtitle {
        facts.push((Fact::Subtitle, escape(subtitle, Edges::Both)));
    }
    facts
}

fn time(entry: &Entry) -> Option<String> {
    match (&entry.start, &entry.end) {
        (Some(start), Some(end)) => Some(format!("{start}–{end}")),
        (Some(start), None) => Some(start.clone()),
        (None, Some(end)) => Some(format!("–{end}")),
        (None, None) => None,
    }
}

/// "Jane Doe (Acme)"; a name that would read as having an affiliation gets
/// an empty "()".
fn speaker_text(speaker: &Speaker) -> String {
    let mut text = speaker.name.clone();
    match &speaker.affiliation {
        Some(affiliation) => text.push_str(&format!(" ({affiliation})")),
        None if !parse_speaker(&text).is_ok_and(|s| s.affiliation.is_none() && s.name == text) => {
            text.push_str(" ()")
        }
        None => {}
    }
    escape(&text, Edges::Both)
}

fn material(material: &Material) -> String {
    match (material.available, &material.url) {
        (true, Some(url)) => address(url),
        (false, Some(url)) => format!("no {}", address(url)),
        (true, None) => "yes".into(),
        (false, None) => "no".into(),
    }
}

/// A fact's address: `<https://…>`, or a link when it cannot be one.
fn address(url: &str) -> String {
    let plain = !url
        .chars()
        .any(|c| c.is_whitespace() || c.is_control() || matches!(c, '<' | '>'));
    if plain {
        format!("<{url}>")
    } else {
        format!("[{}]({})", escape(url, Edges::None), destination(url))
    }
}

/// Each block at the level `Nesting` fits it to: inside the item one level
/// up, at that item's content column.
fn write_blocks(blocks: &[Block], marks: &HashSet<&str>, out: &mut String) {
    let mut nesting = Nesting::default();
    // The content column of each open list item, outermost first.
    let mut columns: Vec<usize> = Vec::new();
    for block in blocks {
        let text = inline(block.inline(), marks);
        let marker = match block {
            Block::Paragraph { .. } => None,
            Block::Numbered { number, .. } => Some(format!("{number}. ")),
            Block::Bullet { .. } => Some("* ".to_string()),
            Block::EditorNote { .. } => {
                nesting.fit(block);
                columns.clear();
                out.push_str(&format!("\n> {EDITOR_NOTE} {text}\n"));
                continue;
            }
        };
        // Markdown has no empty paragraph or item.
        if text.is_empty() {
            continue;
        }
        columns.truncate(usize::from(nesting.fit(block)));
        let indent = columns.last().copied().unwrap_or(0);
        out.push('\n');
        out.push_str(&" ".repeat(indent));
        if let Some(marker) = marker {
            out.push_str(&marker);
            columns.push(indent + marker.len());
        }
        out.push_str(&text);
        out.push('\n');
    }
}

/// Which ends of a text start or end a line, where whitespace would be lost
/// and some characters start a block.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Edges {
    None,
    Start,
    End,
    Both,
}

impl Edges {
    fn of(first: bool, last: bool) -> Edges {
        match (first, last) {
            (true, true) => Edges::Both,
            (true, false) => Edges::Start,
            (false, true) => Edges::End,
            (false, false) => Edges::None,
        }
    }

    fn start(self) -> bool {
        matches!(self, Edges::Start | Edges::Both)
    }

    fn end(self) -> bool {
        matches!(self, Edges::End | Edges::Both)
    }
}

/// A block's text as Markdown: emphasis as `*…*` where Markdown can read it
/// back, links as `[…](…)`, footnote references as `[^1]`.
fn inline(text: &Inline, marks: &HashSet<&str>) -> String {
    let spans = text.to_spans();
    let mut out = String::new();
    for (i, span) in spans.iter().enumerate() {
        let edges = Edges::of(i == 0, i + 1 == spans.len());
        let next = spans.get(i + 1);
        out.push_str(&span_markdown(span, edges, out.chars().last(), next, marks));
    }
    out
}

fn span_markdown(
    span: &Span,
    edges: Edges,
    before: Option<char>,
    next: Option<&Span>,
    marks: &HashSet<&str>,
) -> String {
    // A reference inside link text would end the link: Markdown nests none.
    let no_marks = HashSet::new();
    let marks = if span.link.is_some() {
        &no_marks
    } else {
        marks
    };
    let before_link = next.is_some_and(|n| n.link.is_some());
    let text = with_references(&span.text, edges, before_link, marks);
    // The next span's first character as written: a link's bracket, else
    // its text's, which is at least as strict as a `*` it might open with.
    let after = next.map(|n| match &n.link {
        Some(_) => '[',
        None => n.text.chars().next().unwrap_or(' '),
    });
    match &span.link {
        Some(url) => {
            let inner = if span.emphasis && can_emphasize(&span.text, Some('['), Some(']')) {
                format!("*{text}*")
            } else {
                text
            };
            format!("[{inner}]({})", destination(url))
        }
        None if span.emphasis && can_emphasize(&span.text, before, after) => format!("*{text}*"),
        None => text,
    }
}

/// Escaped text with each run of superscript digits that is a footnote's
/// mark as a reference to it.
fn with_references(text: &str, edges: Edges, before_link: bool, marks: &HashSet<&str>) -> String {
    let mut out = String::new();
    let mut rest = text;
    let mut first = true;
    while !rest.is_empty() {
        let start = rest
            .find(|c| SUPERSCRIPTS.contains(&c))
            .unwrap_or(rest.len());
        let run_len = rest[start..]
            .find(|c| !SUPERSCRIPTS.contains(&c))
            .unwrap_or(rest.len() - start);
        let mark: String = rest[start..start + run_len]
            .chars()
            .filter_map(from_superscript)
            .collect();
        // "[^1]" before "(", "[" or ":" would read as a link or definition.
        let free = match rest[start + run_len..].chars().next() {
            Some(c) => !matches!(c, '(' | '[' | ':'),
            None => !before_link,
        };
        let (plain, reference) = if free && marks.contains(mark.as_str()) {
            (&rest[..start], Some(format!("[^{mark}]")))
        } else {
            (&rest[..start + run_len], None)
        };
        let last = start + run_len == rest.len();
        let part_edges = Edges::of(
            edges.start() && first,
            edges.end() && last && reference.is_none(),
        );
        out.push_str(&escape(plain, part_edges));
        if let Some(reference) = reference {
            out.push_str(&reference);
        }
        rest = &rest[start + run_len..];
        first = false;
    }
    out
}

/// Heading text: `#` is escaped too, or a closing run would be dropped.
fn heading(text: &str) -> String {
    escape_text(text, Edges::Both, true)
}

/// Plain text that Markdown reads back as exactly itself.
fn escape(text: &str, edges: Edges) -> String {
    escape_text(text, edges, false)
}

fn escape_text(text: &str, edges: Edges, in_heading: bool) -> String {
    let mut out = String::with_capacity(text.len());
    let chars: Vec<char> = text.chars().collect();
    let leading = if edges.start() {
        chars.iter().take_while(|c| c.is_whitespace()).count()
    } else {
        0
    };
    let trailing = if edges.end() {
        chars[leading..]
            .iter()
            .rev()
            .take_while(|c| c.is_whitespace())
            .count()
    } else {
        0
    };
    for (i, &c) in chars.iter().enumerate() {
        let at_edge = i < leading || i >= chars.len() - trailing;
        if at_edge || c.is_control() {
            out.push_str(&format!("&#{};", c as u32));
            continue;
        }
        let starts_line = edges.start() && i == leading;
        let needs = match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' => true,
            '&' => starts_entity(&chars[i + 1..]),
            // A link may follow: "![" would open an image.
            '!' => i + 1 == chars.len(),
            '#' => starts_line || in_heading,
            '>' | '-' | '+' | '=' | '~' | '|' => starts_line,
            '.' | ')' => {
                edges.start() && chars[leading..i].iter().all(char::is_ascii_digit) && i > leading
            }
            _ => false,
        };
        if needs {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Whether the text after a `&` would read as a character reference, such
/// as `amp;` or `#32;`.
fn starts_entity(rest: &[char]) -> bool {
    let name = rest.strip_prefix(&['#']).unwrap_or(rest);
    let len = name
        .iter()
        .take_while(|c| c.is_ascii_alphanumeric())
        .count();
    len > 0 && name.get(len) == Some(&';')
}

/// A link destination: as it is when plain, else in `<…>` with escapes.
fn destination(url: &str) -> String {
    let plain = !url.chars().any(|c| {
        c.is_whitespace() || c.is_control() || matches!(c, '<' | '>' | '(' | ')' | '\\' | '&')
    });
    if plain {
        return url.to_string();
    }
    let mut out = String::from("<");
    for c in url.chars() {
        if matches!(c, '<' | '>' | '\\' | '&') {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('>');
    out
}
