//! How an entry is described on a card, in words. Shared by the app and the
//! static page built from the same report, so the two never drift apart.

use crate::dates::{short_day, time_span};
use crate::model::{Entry, Kind, Material, Report};

/// The small line above a title: the day (in ranked lists), what kind of
/// entry it is (talks say their track), and the time, room and language
/// where the report gives them.
pub fn card_label(report: &Report, entry: &Entry, show_day: bool) -> String {
    let mut parts = Vec::new();
    if show_day {
        parts.push(short_day(&entry.day));
    }
    parts.push(if entry.kind == Kind::Talk {
        report
            .track(&entry.track)
            .map(|t| t.label.clone())
            .unwrap_or_default()
    } else {
        entry.kind.label().to_string()
    });
    parts.extend(time_span(entry.start.as_deref(), entry.end.as_deref()));
    parts.extend(
        entry
            .room
            .as_deref()
            .and_then(|id| report.room(id))
            .map(|room| room.label.clone()),
    );
    parts.extend(entry.language.as_deref().map(str::to_ascii_uppercase));
    parts.join(" · ")
}

/// "Name (Affiliation), Name".
pub fn speaker_line(entry: &Entry) -> String {
    entry
        .speakers
        .iter()
        .map(|s| match &s.affiliation {
            Some(a) => format!("{} ({a})", s.name),
            None => s.name.clone(),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

pub fn topic_labels(report: &Report, entry: &Entry) -> Vec<String> {
    entry
        .topics
        .iter()
        .filter_map(|id| report.topic(id).map(|t| t.label.clone()))
        .collect()
}

/// Slides and video as words, with the address when one is known.
pub struct MediaLine {
    pub text: String,
    pub available: bool,
    pub url: Option<String>,
}

pub fn media(entry: &Entry) -> Vec<MediaLine> {
    // Both wordings spelled out: `str::to_lowercase` would bring Unicode
    // case tables into the wasm for two fixed words.
    let line = |name: &str, missing: &str, material: &Option<Material>| {
        material.as_ref().map(|m| MediaLine {
            text: if m.available { name } else { missing }.to_string(),
            available: m.available,
            url: m.url.clone().filter(|u| crate::model::is_web_link(u)),
        })
    };
    [
        line("Slides", "No slides", &entry.slides),
        line("Video", "No video", &entry.video),
    ]
    .into_iter()
    .flatten()
    .collect()
}

/// "1 entry", "11 entries".
pub fn entries_count(n: usize) -> String {
    counted(n, "entry", "entries")
}

/// A count with its noun: "1 talk", "2 talks".
pub fn counted(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// A day heading's counts: " · 11 entries", and " · 3 read" where read
/// marks are known.
pub fn day_counts(shown: usize, read: Option<usize>) -> String {
    match read {
        Some(read) => format!(" · {} · {read} read", entries_count(shown)),
        None => format!(" · {}", entries_count(shown)),
    }
}

/// The line under the report title.
pub fn report_meta(report: &Report) -> String {
    let c = &report.conference;
    let mut parts = Vec::new();
    // A programme's title is often the conference's name: said once.
    if c.name != report.title {
        parts.push(c.name.clone());
    }
    parts.extend(c.place.clone());
    parts.push(crate::dates::date_range(&c.first_day, &c.last_day));
    if !report.author.trim().is_empty() {
        parts.push(format!("by {}", report.author));
    }
    parts.join(" · ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Room;

    fn programme() -> Report {
        let mut report = Report::from_json(include_str!("../public/report.json")).unwrap();
        report.title = report.conference.name.clone();
        report.author = String::new();
        report.rooms = vec![Room {
            id: "ada".into(),
            label: "Saal Ada".into(),
        }];
        let entry = &mut report.entries[2];
        entry.kind = Kind::Talk;
        entry.start = Some("23:30".into());
        entry.end = Some("00:30".into());
        entry.room = Some("ada".into());
        entry.language = Some("de".into());
        report
    }

    #[test]
    fn a_programme_card_says_time_room_and_language() {
        let report = programme();
        let entry = &report.entries[2];
        let track = report.track(&entry.track).unwrap().label.clone();
        assert_eq!(
            card_label(&report, entry, false),
            format!("{track} · 23:30–00:30 · Saal Ada · DE")
        );
    }

    #[test]
    fn the_meta_line_leaves_out_an_empty_author_and_a_repeated_name() {
        let report = programme();
        let meta = report_meta(&report);
        assert!(!meta.contains("by"), "{meta}");
        assert!(!meta.contains(&report.conference.name), "{meta}");
        let bundled = Report::from_json(include_str!("../public/report.json")).unwrap();
        let meta = report_meta(&bundled);
        assert!(meta.starts_with(&bundled.conference.name), "{meta}");
        assert!(meta.ends_with(&format!("by {}", bundled.author)), "{meta}");
    }
}
