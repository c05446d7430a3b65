//! The whole view as a URL query: `day`, `track`, `topic`, `q`, `unread`.
//! Anything unknown or malformed is dropped, never fatal, so an old or
//! hand-edited link still opens.

use crate::model::Report;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filters {
    /// One day id, or all days.
    pub day: Option<String>,
    /// Any of these tracks; empty means every track.
    pub tracks: Vec<String>,
    /// Any of these topics; empty means every topic.
    pub topics: Vec<String>,
    /// The search box, as typed.
    pub text: String,
    pub unread_only: bool,
}

impl Filters {
    /// Reads a query string ("?day=...&track=a,b"), keeping only values the
    /// report knows, in the report's order.
    pub fn from_query(query: &str, report: &Report) -> Filters {
        let query = query.strip_prefix('?').unwrap_or(query);
        let mut filters = Filters::default();
        let mut tracks = Vec::new();
        let mut topics = Vec::new();
        for (key, value) in form_urlencoded::parse(query.as_bytes()) {
            let values = || value.split(',').map(str::trim).map(str::to_string);
            match key.as_ref() {
                "day" if report.day(&value).is_some() => filters.day = Some(value.into_owned()),
                "track" => tracks.extend(values()),
                "topic" => topics.extend(values()),
                "q" => filters.text = value.into_owned(),
                "unread" => filters.unread_only = matches!(value.as_ref(), "1" | "true" | "yes"),
                _ => {}
            }
        }
        filters.tracks = report
            .tracks
            .iter()
            .filter(|t| tracks.contains(&t.id))
            .map(|t| t.id.clone())
            .collect();
        filters.topics = report
            .topics
            .iter()
            .filter(|t| topics.contains(&t.id))
            .map(|t| t.id.clone())
            .collect();
        filters
    }

    /// The query string for this view: empty for the unfiltered view,
    /// otherwise starting with '?'. Lists are comma-separated.
    pub fn to_query(&self) -> String {
        let mut query = form_urlencoded::Serializer::new(String::new());
        if let Some(day) = &self.day {
            query.append_pair("day", day);
        }
        if !self.tracks.is_empty() {
            query.append_pair("track", &self.tracks.join(","));
        }
        if !self.topics.is_empty() {
            query.append_pair("topic", &self.topics.join(","));
        }
        if !self.text.trim().is_empty() {
            query.append_pair("q", &self.text);
        }
        if self.unread_only {
            query.append_pair("unread", "1");
        }
        let query = query.finish();
        if query.is_empty() {
            query
        } else {
            format!("?{query}")
        }
    }

    /// How many filters narrow the view (each track and topic counts).
    pub fn active_count(&self) -> usize {
        usize::from(self.day.is_some())
            + self.tracks.len()
            + self.topics.len()
            + usize::from(!self.text.trim().is_empty())
            + usize::from(self.unread_only)
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
