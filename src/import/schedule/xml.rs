//! frab XML: `<schedule><conference/><day><room><event>`, the same fields
//! as schedule v1 JSON in elements, with ids, dates and names in attributes.
//! Older Pentabarf exports list events directly under `<day>`, each naming
//! its room in a `<room>` child.

use super::{Event, Link, Named, Programme, ProgrammeDay, ScheduleError};
use roxmltree::{Document, Node, ParsingOptions};

fn parse(text: &str) -> Result<Document<'_>, roxmltree::Error> {
    // Some exporters write a DOCTYPE line.
    let options = ParsingOptions {
        allow_dtd: true,
        ..ParsingOptions::default()
    };
    Document::parse_with_options(text, options)
}

pub(super) fn has_schedule_root(text: &str) -> bool {
    parse(text).is_ok_and(|doc| doc.root_element().has_tag_name("schedule"))
}

pub(super) fn read(text: &str) -> Result<Programme, ScheduleError> {
    let doc = parse(text).map_err(|e| ScheduleError(format!("not well-formed XML ({e})")))?;
    let root = doc.root_element();
    if !root.has_tag_name("schedule") {
        return Err(ScheduleError(format!(
            "the XML root is <{}>, not <schedule>",
            root.tag_name().name()
        )));
    }
    let conference = child(root, "conference")
        .ok_or_else(|| ScheduleError("the XML has no <conference>".into()))?;
    let field = |name: &'static str| child_text(conference, name);
    let mut programme = Programme {
        acronym: field("acronym"),
        title: field("title"),
        start: field("start"),
        end: field("end"),
        time_zone: field("time_zone_name"),
        url: field("url"),
        base_url: field("base_url"),
        ..Programme::default()
    };
    for day in children(root, "day") {
        let date = day.attribute("date").unwrap_or_default().to_string();
        let in_rooms = children(day, "room").flat_map(|room| {
            children(room, "event").map(move |node| (node, room.attribute("name")))
        });
        let in_day = children(day, "event").map(|node| (node, None));
        for (node, room_name) in in_rooms.chain(in_day) {
            let mut event = event(&doc, node);
            event.listed_day = Some(date.clone());
            if let Some(name) = room_name {
                event.room.get_or_insert_with(|| Named {
                    name: Some(name.to_string()),
                    slug: None,
                });
            }
            programme.events.push(event);
        }
        programme.days.push(ProgrammeDay {
            index: day.attribute("index").map(str::to_string),
            date,
            start: day.attribute("start").map(str::to_string),
            end: day.attribute("end").map(str::to_string),
        });
    }
    Ok(programme)
}

fn children<'a, 'input>(
    node: Node<'a, 'input>,
    name: &'static str,
) -> impl Iterator<Item = Node<'a, 'input>> {
    node.children().filter(move |c| c.has_tag_name(name))
}

fn child<'a, 'input>(node: Node<'a, 'input>, name: &'static str) -> Option<Node<'a, 'input>> {
    children(node, name).next()
}

/// An element's whole text, CDATA included.
fn all_text(node: Node) -> String {
    node.descendants()
        .filter(Node::is_text)
        .filter_map(|n| n.text())
        .collect()
}

fn child_text(node: Node, name: &'static str) -> Option<String> {
    child(node, name).map(all_text)
}

fn event(doc: &Document, node: Node) -> Event {
    let field = |name: &'static str| child_text(node, name);
    let named = |name: &'static str| {
        field(name).map(|text| Named {
            name: Some(text),
            slug: None,
        })
    };
    let links = |list: &'static str, item: &'static str| -> Vec<Link> {
        child(node, list)
            .into_iter()
            .flat_map(|l| children(l, item))
            .map(|l| match l.attribute("href") {
                Some(href) => Link {
                    url: href.to_string(),
                    title: Some(all_text(l)),
                    kind: None,
                },
                // Some exporters write the address as the element's text.
                None => Link {
                    url: all_text(l),
                    ..Link::default()
                },
            })
            .collect()
    };
    let words = |list: &'static str, item: &'static str| -> Vec<String> {
        child(node, list)
            .into_iter()
            .flat_map(|l| children(l, item))
            .map(all_text)
            .collect()
    };
    Event {
        line: Some(doc.text_pos_at(node.range().start).row as usize),
        id: node.attribute("id").map(str::to_string),
        guid: node.attribute("guid").map(str::to_string),
        slug: field("slug"),
        title: field("title"),
        subtitle: field("subtitle"),
        url: field("url"),
        language: field("language"),
        room: named("room"),
        track: named("track"),
        abstract_text: field("abstract"),
        description: field("description"),
        date: field("date"),
        start: field("start"),
        duration: field("duration"),
        persons: words("persons", "person"),
        links: links("links", "link"),
        attachments: links("attachments", "attachment"),
        tags: words("tags", "tag"),
        not_recorded: child(node, "recording")
            .and_then(|r| child_text(r, "optout"))
            .is_some_and(|optout| optout.trim() == "true"),
        ..Event::default()
    }
}
