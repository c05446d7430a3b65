//! Entries as an iCalendar file (RFC 5545), for a reader's own calendar.
//! Pure: the browser gives the time stamp and offers the file.

use crate::model::{is_web_link, Entry, Report};
use crate::present::speaker_line;

/// The name offered for a file of the starred entries.
pub fn starred_file_name(report_id: &str) -> String {
    format!("{report_id}-starred.ics")
}

/// An ISO time in UTC ("2026-11-29T14:06:54.123Z", as browsers write
/// it) as iCalendar writes it: "20261129T140654Z".
pub fn stamp(iso: &str) -> String {
    let digits: String = iso
        .chars()
        .take(19)
        .filter(|c| c.is_ascii_digit() || *c == 'T')
        .collect();
    format!("{digits}Z")
}

/// A calendar of the entries that have a start time, in their order.
/// `stamp` is the moment of writing in UTC, `YYYYMMDDTHHMMSSZ`.
pub fn ics(report: &Report, entries: &[&Entry], stamp: &str) -> String {
    let mut lines = vec![
        "BEGIN:VCALENDAR".to_string(),
        "VERSION:2.0".into(),
        "PRODID:-//Tripnotes//Tripnotes//EN".into(),
        "CALSCALE:GREGORIAN".into(),
        format!("X-WR-CALNAME:{}", text(&report.title)),
    ];
    for entry in entries {
        lines.extend(event(report, entry, stamp));
    }
    lines.push("END:VCALENDAR".into());
    let mut out = String::new();
    for line in &lines {
        fold(line, &mut out);
    }
    out
}

/// One VEVENT's unfolded lines; none for an entry without a start time.
fn event(report: &Report, entry: &Entry, stamp: &str) -> Vec<String> {
    let Some(start) = &entry.start else {
        return Vec::new();
    };
    let zone = report.conference.time_zone.as_deref();
    let starts_on = entry.start_date.as_ref().unwrap_or(&entry.day);
    let mut lines = vec![
        "BEGIN:VEVENT".to_string(),
        // Entry ids survive re-imports, so a calendar updates its event.
        format!("UID:{}", text(&format!("{}@{}", entry.id, report.id))),
        format!("DTSTAMP:{stamp}"),
        format!("DTSTART{}", date_time(zone, starts_on, start)),
    ];
    if let Some(end) = &entry.end {
        let ends_on = entry.end_date.as_ref().unwrap_or(starts_on);
        lines.push(format!("DTEND{}", date_time(zone, ends_on, end)));
    }
    lines.push(format!("SUMMARY:{}", text(&entry.title)));
    if let Some(room) = entry.room.as_ref().and_then(|id| report.room(id)) {
        lines.push(format!("LOCATION:{}", text(&room.label)));
    }
    let description = description(entry);
    if !description.is_empty() {
        lines.push(format!("DESCRIPTION:{}", text(&description)));
    }
    if let Some(url) = page(entry) {
        lines.push(format!("URL:{url}"));
    }
    lines.push("END:VEVENT".into());
    lines
}

/// Speakers, subtitle and official page, a line each.
fn description(entry: &Entry) -> String {
    let speakers = speaker_line(entry);
    [
        Some(speakers.as_str()),
        entry.subtitle.as_deref(),
        page(entry),
    ]
    .into_iter()
    .flatten()
    .filter(|line| !line.is_empty())
    .collect::<Vec<_>>()
    .join("\n")
}

/// The official page, when it is a web link that fits on a content line
/// unescaped (a URI value has no escapes).
fn page(entry: &Entry) -> Option<&str> {
    entry
        .url
        .as_deref()
        .filter(|url| is_web_link(url) && !url.chars().any(|c| c.is_whitespace() || c.is_control()))
}

/// `;TZID=Europe/Berlin:20240319T093000`, or a floating local time
/// (`:20240319T093000`) when the report names no zone.
fn date_time(zone: Option<&str>, date: &str, clock: &str) -> String {
    let value = format!("{}T{}00", date.replace('-', ""), clock.replace(':', ""));
    match zone {
        Some(zone) => format!(";TZID={}:{value}", param(zone)),
        None => format!(":{value}"),
    }
}

/// A parameter value: quoted when it holds a delimiter; characters no
/// parameter may hold are left out.
fn param(value: &str) -> String {
    let value: String = value
        .chars()
        .filter(|&c| c != '"' && !c.is_control())
        .collect();
    if value.contains([';', ':', ',']) {
        format!("\"{value}\"")
    } else {
        value
    }
}

/// A TEXT value: backslash, semicolon, comma and line breaks escaped;
/// other control characters, which TEXT may not hold, left out.
fn text(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut chars = value.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' | ';' | ',' => {
                out.push('\\');
                out.push(c);
            }
            '\r' | '\n' => {
                // CRLF is one line break.
                if c == '\r' && chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push_str("\\n");
            }
            '\t' => out.push(c),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Appends a content line folded at 75 octets, each continuation starting
/// with a space, never inside a character; CRLF ends every line.
fn fold(line: &str, out: &mut String) {
    const MAX_OCTETS: usize = 75;
    let mut used = 0;
    for c in line.chars() {
        if used + c.len_utf8() > MAX_OCTETS {
            out.push_str("\r\n ");
            used = 1;
        }
        out.push(c);
        used += c.len_utf8();
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_browser_time_becomes_a_calendar_stamp() {
        assert_eq!(stamp("2026-11-29T14:06:54.123Z"), "20261129T140654Z");
    }

    const STAMP: &str = "20240401T120000Z";

    fn report(time_zone: Option<&str>) -> Report {
        let zone = time_zone.map_or(String::new(), |z| format!(r#""time_zone": "{z}","#));
        let json = format!(
            r#"{{
            "schema_version": 2, "id": "fest24", "title": "Fest, 2024; notes", "author": "A",
            "conference": {{"name": "Fest", "first_day": "2024-03-19", "last_day": "2024-03-20", {zone}
                "url": "https://fest.example/"}},
            "days": [{{"id": "2024-03-19", "label": "Tuesday"}}, {{"id": "2024-03-20", "label": "Wednesday"}}],
            "tracks": [{{"id": "main", "label": "Main"}}],
            "topics": [],
            "rooms": [{{"id": "hall-a", "label": "Hall A, ground floor"}}],
            "entries": [
              {{"id": "late-show", "day": "2024-03-19", "kind": "talk", "track": "main",
                "title": "Late show", "start": "00:30", "end": "01:15", "start_date": "2024-03-20",
                "room": "hall-a", "body": []}},
              {{"id": "open-end", "day": "2024-03-19", "kind": "talk", "track": "main",
                "title": "Open end", "start": "23:00", "body": []}},
              {{"id": "sometime", "day": "2024-03-20", "kind": "talk", "track": "main",
                "title": "Sometime", "body": []}},
              {{"id": "escapes", "day": "2024-03-20", "kind": "talk", "track": "main",
                "title": "Back\\slash; semi, comma\nnew line", "start": "10:00", "end": "11:00",
                "subtitle": "Über straße — ünïcödé ẞ ünïcödé ẞ ünïcödé ẞ ünïcödé ẞ ünïcödé ẞ ünïcödé",
                "speakers": [{{"name": "Ada", "affiliation": "Engines, Inc."}}, {{"name": "Bob"}}],
                "url": "https://fest.example/talk?a=1,2", "body": []}},
              {{"id": "midnight", "day": "2024-03-20", "kind": "talk", "track": "main",
                "title": "Through midnight", "start": "23:30", "end": "00:30", "end_date": "2024-03-21",
                "body": []}}
            ]
        }}"#
        );
        Report::from_json(&json).expect("the crafted report is valid")
    }

    fn calendar(report: &Report) -> String {
        let entries: Vec<&Entry> = report.entries.iter().collect();
        ics(report, &entries, STAMP)
    }

    /// The content lines, folds undone (RFC 5545 section 3.1).
    fn unfolded(ics: &str) -> Vec<String> {
        ics.replace("\r\n ", "")
            .split_terminator("\r\n")
            .map(str::to_string)
            .collect()
    }

    /// The content lines of the event with this UID.
    fn event_of(lines: &[String], uid: &str) -> Vec<String> {
        let uid = format!("UID:{uid}");
        let begin = lines
            .iter()
            .position(|l| *l == uid)
            .unwrap_or_else(|| panic!("no event {uid}"));
        let end = begin
            + lines[begin..]
                .iter()
                .position(|l| l == "END:VEVENT")
                .unwrap();
        lines[begin..end].to_vec()
    }

    #[test]
    fn the_calendar_names_itself_and_holds_one_event_per_timed_entry() {
        let lines = unfolded(&calendar(&report(Some("Europe/Berlin"))));
        assert_eq!(lines[0], "BEGIN:VCALENDAR");
        assert!(lines.contains(&"VERSION:2.0".into()));
        assert!(lines.iter().any(|l| l.starts_with("PRODID:")));
        assert!(lines.contains(&"CALSCALE:GREGORIAN".into()));
        assert!(lines.contains(&r"X-WR-CALNAME:Fest\, 2024\; notes".into()));
        assert_eq!(lines.last().map(String::as_str), Some("END:VCALENDAR"));
        let begins = lines.iter().filter(|l| *l == "BEGIN:VEVENT").count();
        assert_eq!(begins, 4, "the entry without a time is left out");
        assert!(!lines.iter().any(|l| l.contains("sometime")));
        assert_eq!(lines.iter().filter(|l| *l == "END:VEVENT").count(), 4);
    }

    #[test]
    fn an_event_after_midnight_starts_on_its_calendar_date_in_the_zone() {
        let lines = unfolded(&calendar(&report(Some("Europe/Berlin"))));
        let event = event_of(&lines, "late-show@fest24");
        assert!(event.contains(&format!("DTSTAMP:{STAMP}")));
        assert!(event.contains(&"DTSTART;TZID=Europe/Berlin:20240320T003000".into()));
        assert!(event.contains(&"DTEND;TZID=Europe/Berlin:20240320T011500".into()));
        assert!(event.contains(&"SUMMARY:Late show".into()));
        assert!(event.contains(&r"LOCATION:Hall A\, ground floor".into()));
    }

    #[test]
    fn an_event_through_midnight_ends_on_its_end_date() {
        let lines = unfolded(&calendar(&report(Some("Europe/Berlin"))));
        let event = event_of(&lines, "midnight@fest24");
        assert!(event.contains(&"DTSTART;TZID=Europe/Berlin:20240320T233000".into()));
        assert!(event.contains(&"DTEND;TZID=Europe/Berlin:20240321T003000".into()));
    }

    #[test]
    fn an_event_without_an_end_has_no_dtend() {
        let lines = unfolded(&calendar(&report(Some("Europe/Berlin"))));
        let event = event_of(&lines, "open-end@fest24");
        assert!(event.contains(&"DTSTART;TZID=Europe/Berlin:20240319T230000".into()));
        assert!(!event.iter().any(|l| l.starts_with("DTEND")));
        assert!(!event.iter().any(|l| l.starts_with("DESCRIPTION")));
    }

    #[test]
    fn without_a_zone_times_float() {
        let lines = unfolded(&calendar(&report(None)));
        let event = event_of(&lines, "late-show@fest24");
        assert!(event.contains(&"DTSTART:20240320T003000".into()));
        assert!(event.contains(&"DTEND:20240320T011500".into()));
        assert!(!lines.iter().any(|l| l.contains("TZID")));
    }

    #[test]
    fn text_is_escaped_and_the_page_given_as_it_is() {
        let report = report(Some("Europe/Berlin"));
        let lines = unfolded(&calendar(&report));
        let event = event_of(&lines, "escapes@fest24");
        assert!(event.contains(&r"SUMMARY:Back\\slash\; semi\, comma\nnew line".into()));
        let subtitle = report.entries[3].subtitle.as_deref().unwrap();
        assert!(event.contains(&format!(
            r"DESCRIPTION:Ada (Engines\, Inc.)\, Bob\n{subtitle}\nhttps://fest.example/talk?a=1\,2"
        )));
        assert!(event.contains(&"URL:https://fest.example/talk?a=1,2".into()));
    }

    #[test]
    fn long_lines_fold_at_75_octets_between_characters_with_crlf_ends() {
        let ics = calendar(&report(Some("Europe/Berlin")));
        assert!(ics.ends_with("\r\n"));
        assert!(!ics.replace("\r\n", "").contains(['\r', '\n']));
        let physical: Vec<&str> = ics.split_terminator("\r\n").collect();
        assert!(physical.iter().all(|l| l.len() <= 75));
        // The multibyte description was long enough to fold, and its
        // continuation lines start with the one space folding adds.
        let folded = physical.iter().filter(|l| l.starts_with(' ')).count();
        assert!(folded >= 2, "{folded} continuation lines");
        let subtitle = "Über straße — ünïcödé ẞ ünïcödé ẞ ünïcödé ẞ ünïcödé ẞ ünïcödé ẞ ünïcödé";
        assert!(unfolded(&ics).iter().any(|l| l.contains(subtitle)));
    }

    #[test]
    fn folding_fills_lines_to_the_limit_without_splitting_a_character() {
        // 74 ASCII octets and then a 2-octet character: it cannot fit on
        // the first line, which is left at 74 octets.
        let line = format!("{}é{}", "a".repeat(74), "b".repeat(80));
        let mut out = String::new();
        fold(&line, &mut out);
        let physical: Vec<&str> = out.split_terminator("\r\n").collect();
        assert_eq!(physical[0].len(), 74);
        assert!(physical[1].starts_with(" é"));
        assert!(physical.iter().all(|l| l.len() <= 75));
        assert_eq!(out.replace("\r\n ", ""), format!("{line}\r\n"));
    }

    #[test]
    fn any_line_break_is_one_escaped_newline_and_other_controls_are_left_out() {
        assert_eq!(text("a\r\nb\rc\nd\u{7}e\tf"), "a\\nb\\nc\\nde\tf");
    }

    #[test]
    fn a_zone_with_a_delimiter_is_quoted_as_a_parameter() {
        assert_eq!(
            date_time(Some("Odd:Zone"), "2024-03-19", "09:05"),
            ";TZID=\"Odd:Zone\":20240319T090500"
        );
    }

    #[test]
    fn the_starred_file_is_named_after_its_report() {
        assert_eq!(starred_file_name("fest24"), "fest24-starred.ics");
    }
}
