//! A crafted report of sixteen entries over four days, four tracks and seven
//! topics, written so each query behaviour has entries to show it: a word in
//! one title only ("burnout", "kernel"), the same word in a title and in
//! other entries' notes only ("security", "observability"), a speaker named
//! in another entry's notes ("Nash"), accented names, an entry without a
//! body and entries without topics, a day with no plenary session.

use tripnotes::model::{Report, Topic};
use tripnotes::query::{run, EntrySet, Filters, Outcome, SearchIndex};

pub const CRAFTED: &str = r#"{
  "schema_version": 1,
  "id": "testcon-2024",
  "title": "Conference Report: TestCon 2024",
  "author": "A. Writer",
  "conference": {"name": "TestCon 2024", "first_day": "2024-03-16", "last_day": "2024-03-20"},
  "days": [
    {"id": "2024-03-16", "label": "Saturday, March 16"},
    {"id": "2024-03-18", "label": "Monday, March 18"},
    {"id": "2024-03-19", "label": "Tuesday, March 19"},
    {"id": "2024-03-20", "label": "Wednesday, March 20"}
  ],
  "tracks": [
    {"id": "plenary", "label": "Plenary"},
    {"id": "breakout", "label": "Breakout"},
    {"id": "track-2", "label": "Track 2"},
    {"id": "off-program", "label": "Off-program"}
  ],
  "topics": [
    {"id": "observability", "label": "Observability"},
    {"id": "security", "label": "Security"},
    {"id": "incident-response", "label": "Incident response"},
    {"id": "culture-and-people", "label": "Culture and people"},
    {"id": "career-and-education", "label": "Career and education"},
    {"id": "change-delivery", "label": "Change delivery"},
    {"id": "human-factors", "label": "Human factors"}
  ],
  "entries": [
    {"id": "2024-03-16-travel", "day": "2024-03-16", "kind": "travel", "track": "off-program",
     "title": "Travel",
     "body": [{"type": "paragraph", "text": "Flew in a day early; we landed before the storm."}]},
    {"id": "2024-03-16-dinner", "day": "2024-03-16", "kind": "dinner", "track": "off-program",
     "title": "Dinner",
     "body": [{"type": "paragraph", "text": "Tacos with the SRE crowd from Honeycomb."}]},
    {"id": "opening-remarks", "day": "2024-03-18", "kind": "opening", "track": "plenary",
     "title": "Opening Remarks",
     "body": [{"type": "paragraph", "text": "Welcome to the conference; the chairs thanked the volunteers."}]},
    {"id": "meeting-the-challenge-of-burnout", "day": "2024-03-18", "kind": "plenary",
     "track": "plenary", "title": "Meeting the Challenge of Burnout",
     "speakers": [{"name": "Christina Maslach", "affiliation": "UC Berkeley"}],
     "topics": ["culture-and-people", "human-factors"],
     "body": [{"type": "paragraph", "text": "Exhaustion, cynicism and inefficacy are the signs; the data says we should fix the job, not the person."}]},
    {"id": "product-reliability-for-google-maps", "day": "2024-03-18", "kind": "talk",
     "track": "breakout", "title": "Product Reliability for Google Maps",
     "speakers": [{"name": "Qian Ding", "affiliation": "Google"}],
     "topics": ["observability", "incident-response"],
     "body": [
       {"type": "paragraph", "text": "SRE for a product means measuring what users see."},
       {"type": "bullet", "text": "Incident reviews start from the user's journey."}
     ]},
    {"id": "the-ticking-time-bomb-of-observability-expectations", "day": "2024-03-18",
     "kind": "talk", "track": "breakout",
     "title": "The Ticking Time Bomb of Observability Expectations",
     "speakers": [{"name": "Charity Majors", "affiliation": "Honeycomb"}],
     "topics": ["observability"],
     "body": [{"type": "paragraph", "text": "Observability cost grows faster than traffic; we pay for data nobody reads."}]},
    {"id": "logs-told-us-it-was-kernel-it-wasnt", "day": "2024-03-18", "kind": "talk",
     "track": "track-2", "title": "Logs Told Us It Was Kernel – It Wasn't",
     "speakers": [{"name": "Valery Sigalov", "affiliation": "Bloomberg"}],
     "topics": ["incident-response"],
     "body": [{"type": "paragraph", "text": "A SEV1 incident that looked like a kernel bug was a full disk."}]},
    {"id": "2024-03-18-lunch", "day": "2024-03-18", "kind": "meal", "track": "off-program",
     "title": "Lunch",
     "body": [{"type": "paragraph", "text": "Soup and zucchini bread."}]},
    {"id": "autopsy-of-a-cascading-outage-from-a-mysql", "day": "2024-03-19", "kind": "talk",
     "track": "breakout", "title": "Autopsy of a Cascading Outage from a MySQL Crash",
     "speakers": [{"name": "Jean-François Gagné", "affiliation": "Aiven"}],
     "topics": ["incident-response"],
     "body": [{"type": "paragraph", "text": "One replica's crash took the fleet down; the incident lasted 90 minutes."}]},
    {"id": "hard-choices-tight-timelines", "day": "2024-03-19", "kind": "talk",
     "track": "track-2", "title": "Hard Choices, Tight Timelines",
     "speakers": [{"name": "Courtney Nash", "affiliation": "Verica"}],
     "topics": ["incident-response", "culture-and-people"],
     "body": [{"type": "paragraph", "text": "Incident response under pressure: who decides, and when."}]},
    {"id": "real-talk", "day": "2024-03-19", "kind": "talk", "track": "breakout",
     "title": "Real Talk",
     "speakers": [{"name": "Tanya Reilly", "affiliation": "Squarespace"}],
     "topics": ["career-and-education"],
     "body": [{"type": "numbered", "number": 1, "text": "Reilly quoted Nash on incidents; we all took notes on staff engineering."}]},
    {"id": "quiet-hours", "day": "2024-03-19", "kind": "talk", "track": "track-2",
     "title": "Quiet Hours", "body": []},
    {"id": "shipping-security-fixes-safely", "day": "2024-03-19", "kind": "talk",
     "track": "breakout", "title": "Shipping Security Fixes Safely",
     "speakers": [{"name": "Åsa Łódź", "affiliation": "Zeta Corp"}],
     "topics": ["security", "change-delivery"],
     "body": [{"type": "paragraph", "text": "Rollouts of security patches need the same canaries as features."}]},
    {"id": "2024-03-19-reception", "day": "2024-03-19", "kind": "reception",
     "track": "off-program", "title": "Reception",
     "body": [{"type": "paragraph", "text": "Met people from three security teams over canapés."}]},
    {"id": "20-years-of-sre", "day": "2024-03-20", "kind": "plenary", "track": "plenary",
     "title": "20 Years of SRE: Highs and Lows",
     "speakers": [{"name": "Kurt Andersen", "affiliation": "Blameless"}],
     "topics": ["culture-and-people", "career-and-education"],
     "body": [{"type": "paragraph", "text": "Reliability was once a side job; the field grew up with us."}]},
    {"id": "closing-remarks", "day": "2024-03-20", "kind": "closing", "track": "plenary",
     "title": "Closing Remarks",
     "body": [{"type": "editor-note", "text": "Thanks to the observability and security volunteers who shared the data."}]}
  ]
}"#;

pub fn crafted() -> Report {
    Report::from_json(CRAFTED).expect("the crafted report loads")
}

/// The crafted report with one more topic that no entry has.
pub fn crafted_with_unused_topic() -> Report {
    let mut report = crafted();
    report.topics.push(Topic {
        id: "unused".into(),
        label: "Nothing here".into(),
        description: String::new(),
    });
    report
}

pub fn never_read(_: usize) -> bool {
    false
}

pub fn entry_set(len: usize, indexes: &[usize]) -> EntrySet {
    let mut set = EntrySet::new(len);
    indexes.iter().for_each(|&i| set.insert(i));
    set
}

pub fn index_of(report: &Report, id: &str) -> usize {
    report
        .entries
        .iter()
        .position(|e| e.id == id)
        .unwrap_or_else(|| panic!("no entry {id}"))
}

pub fn ids(report: &Report, shown: &[usize]) -> Vec<String> {
    shown
        .iter()
        .map(|&i| report.entries[i].id.clone())
        .collect()
}

pub fn all(report: &Report) -> Vec<usize> {
    (0..report.entries.len()).collect()
}

pub fn strings(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

/// The outcome of typing `text` with no other filter, nothing read.
pub fn search(report: &Report, index: &SearchIndex, text: &str) -> Outcome {
    let f = Filters {
        text: text.into(),
        ..Filters::default()
    };
    run(report, index, &f, &never_read)
}
