//! The whole view as a URL query: `day`, `track`, `topic`, `room`, `q`,
//! `unread`, `starred`.
//! Anything unknown or malformed is dropped, never fatal, so an old or
//! hand-edited link still opens.

use crate::model::Report;
use std::collections::HashSet;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filters {
    /// One day id, or all days.
    pub day: Option<String>,
    /// Any of these tracks; empty means every track.
    pub tracks: Vec<String>,
    /// Any of these topics; empty means every topic.
    pub topics: Vec<String>,
    /// Any of these rooms; empty means every room.
    pub rooms: Vec<String>,
    /// The search box, as typed.
    pub text: String,
    pub unread_only: bool,
    pub starred_only: bool,
}

impl Filters {
    /// Reads a query string ("?day=...&track=a,b"), keeping only values the
    /// report knows, in the report's order.
    pub fn from_query(query: &str, report: &Report) -> Filters {
        let query = query.strip_prefix('?').unwrap_or(query);
        let mut filters = Filters::default();
        let mut tracks = Vec::new();
        let mut topics = Vec::new();
        let mut rooms = Vec::new();
        let yes = |value: &str| matches!(value, "1" | "true" | "yes");
        for (key, value) in pairs(query) {
            let values = || value.split(',').map(str::trim).map(str::to_string);
            match key.as_str() {
                "day" if report.day(&value).is_some() => filters.day = Some(value),
                "track" => tracks.extend(values()),
                "topic" => topics.extend(values()),
                "room" => rooms.extend(values()),
                "q" => filters.text = value,
                "unread" => filters.unread_only = yes(&value),
                "starred" => filters.starred_only = yes(&value),
                _ => {}
            }
        }
        filters.tracks = known(report.tracks.iter().map(|t| &t.id), &tracks);
        filters.topics = known(report.topics.iter().map(|t| &t.id), &topics);
        filters.rooms = known(report.rooms.iter().map(|r| &r.id), &rooms);
        filters
    }

    /// The query string for this view: empty for the unfiltered view,
    /// otherwise starting with '?'. Lists are comma-separated.
    pub fn to_query(&self) -> String {
        let mut query = String::new();
        // The keys are plain ASCII words: only values need encoding.
        let mut pair = |key: &str, value: &str| {
            query.push(if query.is_empty() { '?' } else { '&' });
            query.push_str(key);
            query.push('=');
            encode(&mut query, value);
        };
        if let Some(day) = &self.day {
            pair("day", day);
        }
        if !self.tracks.is_empty() {
            pair("track", &self.tracks.join(","));
        }
        if !self.topics.is_empty() {
            pair("topic", &self.topics.join(","));
        }
        if !self.rooms.is_empty() {
            pair("room", &self.rooms.join(","));
        }
        if !self.text.trim().is_empty() {
            pair("q", &self.text);
        }
        if self.unread_only {
            pair("unread", "1");
        }
        if self.starred_only {
            pair("starred", "1");
        }
        query
    }

    /// How many filters narrow the view (each track, topic and room counts).
    pub fn active_count(&self) -> usize {
        usize::from(self.day.is_some())
            + self.tracks.len()
            + self.topics.len()
            + self.rooms.len()
            + usize::from(!self.text.trim().is_empty())
            + usize::from(self.unread_only)
            + usize::from(self.starred_only)
    }

    pub fn is_empty(&self) -> bool {
        self.active_count() == 0
    }

    /// Adds the id if absent, removes it if present, keeping `order`.
    pub fn toggled(list: &[String], id: &str, order: impl Iterator<Item = String>) -> Vec<String> {
        let on = !list.iter().any(|x| x == id);
        order
            .filter(|x| if x == id { on } else { list.contains(x) })
            .collect()
    }
}

/// The ids of `report_ids` that `wanted` names, in the report's order. A
/// set, since a hand-made address may name thousands.
fn known<'a>(report_ids: impl Iterator<Item = &'a String>, wanted: &[String]) -> Vec<String> {
    let wanted: HashSet<&str> = wanted.iter().map(String::as_str).collect();
    report_ids
        .filter(|id| wanted.contains(id.as_str()))
        .cloned()
        .collect()
}

// The query's encoding (application/x-www-form-urlencoded), as browsers and
// the url crate read and write it. A few lines here instead of that crate
// keep the wasm smaller; the tests below hold them to the crate.

/// The key-value pairs of a query without its '?': '+' is a space, an
/// escape that is not two hex digits stays as written, and bytes that are
/// not UTF-8 become U+FFFD.
fn pairs(query: &str) -> impl Iterator<Item = (String, String)> + '_ {
    query.split('&').filter(|p| !p.is_empty()).map(|pair| {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        (decode(key), decode(value))
    })
}

fn decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let hex = |at: usize| bytes.get(at).and_then(|&b| (b as char).to_digit(16));
    let mut out = Vec::with_capacity(bytes.len());
    let mut at = 0;
    while let Some(&byte) = bytes.get(at) {
        out.push(match (byte, hex(at + 1), hex(at + 2)) {
            (b'+', ..) => b' ',
            (b'%', Some(high), Some(low)) => {
                at += 2;
                (high * 16 + low) as u8
            }
            _ => byte,
        });
        at += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Appends `text` encoded: ASCII letters, digits and `*-._` as they are, a
/// space as '+', every other byte as %XX.
fn encode(out: &mut String, text: &str) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    for &byte in text.as_bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'*' | b'-' | b'.' | b'_' => {
                out.push(byte as char)
            }
            b' ' => out.push('+'),
            _ => {
                out.push('%');
                out.push(HEX[usize::from(byte >> 4)] as char);
                out.push(HEX[usize::from(byte & 15)] as char);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Text that is mostly the characters the encoding treats specially.
    fn tricky() -> impl Strategy<Value = String> {
        prop_oneof![
            "[%+&=a-fA-F0-9 é\\u{80}-\\u{10FFFF}]{0,24}",
            any::<String>(),
        ]
    }

    fn reference_pairs(query: &str) -> Vec<(String, String)> {
        form_urlencoded::parse(query.as_bytes())
            .into_owned()
            .collect()
    }

    #[test]
    fn known_cases_match_the_url_crate() {
        for query in [
            "",
            "&&",
            "a",
            "a=",
            "=b",
            "a=b=c",
            "q=%41%4a%4A%zz%4%",
            "q=%2B+%20",
            "q=%FF%FE",
            "q=%C3%A9t%C3%A9",
            "q=%E2%82",
            "%71=x&day=2024-03-18",
        ] {
            assert_eq!(
                pairs(query).collect::<Vec<_>>(),
                reference_pairs(query),
                "{query:?}"
            );
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig {
            failure_persistence: None,
            ..ProptestConfig::with_cases(1024)
        })]

        #[test]
        fn decoding_matches_the_url_crate(query in tricky()) {
            prop_assert_eq!(pairs(&query).collect::<Vec<_>>(), reference_pairs(&query));
        }

        #[test]
        fn encoding_matches_the_url_crate(text in tricky()) {
            let mut ours = String::new();
            encode(&mut ours, &text);
            let theirs: String = form_urlencoded::byte_serialize(text.as_bytes()).collect();
            prop_assert_eq!(&ours, &theirs);
            prop_assert_eq!(decode(&ours), text);
        }
    }
}
