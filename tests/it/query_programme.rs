//! The filters a programme brings: rooms, and the reader's stars.

use crate::common::crafted::{crafted, never_read, strings};
use tripnotes::model::{Report, Room};
use tripnotes::query::{run, Filters, ReaderState, SearchIndex};

/// The crafted report with two rooms: the first five entries in hall A,
/// the next three in hall B, the rest nowhere in particular.
fn with_rooms() -> Report {
    let mut report = crafted();
    report.rooms = vec![
        Room {
            id: "hall-a".into(),
            label: "Hall A".into(),
        },
        Room {
            id: "hall-b".into(),
            label: "Hall B".into(),
        },
    ];
    for (i, entry) in report.entries.iter_mut().enumerate() {
        entry.room = match i {
            0..5 => Some("hall-a".into()),
            5..8 => Some("hall-b".into()),
            _ => None,
        };
    }
    tripnotes::model::validate(&report).expect("still valid");
    report
}

/// Read marks and stars by index.
struct Reader {
    read: Vec<usize>,
    starred: Vec<usize>,
}

impl ReaderState for Reader {
    fn is_read(&self, index: usize) -> bool {
        self.read.contains(&index)
    }
    fn is_starred(&self, index: usize) -> bool {
        self.starred.contains(&index)
    }
}

#[test]
fn a_room_filter_shows_that_room_and_counts_every_room() {
    let report = with_rooms();
    let index = SearchIndex::new(&report);
    let all = run(&report, &index, &Filters::default(), &never_read);
    assert_eq!(all.room_counts, vec![5, 3]);
    let hall_b = Filters {
        rooms: strings(&["hall-b"]),
        ..Filters::default()
    };
    let outcome = run(&report, &index, &hall_b, &never_read);
    assert_eq!(outcome.shown, vec![5, 6, 7]);
    // The room counts leave the room filter out; the others do not.
    assert_eq!(outcome.room_counts, vec![5, 3]);
    assert_eq!(outcome.all_days_count, 3);
    let both = Filters {
        rooms: strings(&["hall-a", "hall-b"]),
        ..Filters::default()
    };
    assert_eq!(run(&report, &index, &both, &never_read).shown.len(), 8);
}

#[test]
fn rooms_and_starred_live_in_the_address() {
    let report = with_rooms();
    let f = Filters {
        rooms: strings(&["hall-b", "hall-a"]),
        starred_only: true,
        ..Filters::default()
    };
    let query = f.to_query();
    assert_eq!(query, "?room=hall-b%2Chall-a&starred=1");
    // Read back in the report's order, unknown rooms dropped.
    let back = Filters::from_query("?room=hall-b,nowhere,hall-a&starred=1", &report);
    assert_eq!(back.rooms, strings(&["hall-a", "hall-b"]));
    assert!(back.starred_only);
    assert_eq!(back.active_count(), 3);
}

#[test]
fn starred_only_shows_the_starred_entries_and_counts_them() {
    let report = with_rooms();
    let index = SearchIndex::new(&report);
    let reader = Reader {
        read: vec![1],
        starred: vec![1, 4, 9],
    };
    let all = run(&report, &index, &Filters::default(), &reader);
    assert_eq!(all.starred_count, 3);
    assert_eq!(all.unread_count, 15);
    let starred = Filters {
        starred_only: true,
        ..Filters::default()
    };
    let outcome = run(&report, &index, &starred, &reader);
    assert_eq!(outcome.shown, vec![1, 4, 9]);
    assert_eq!(outcome.unread_count, 2);
    let starred_in_hall_a = Filters {
        starred_only: true,
        rooms: strings(&["hall-a"]),
        ..Filters::default()
    };
    let outcome = run(&report, &index, &starred_in_hall_a, &reader);
    assert_eq!(outcome.shown, vec![1, 4]);
    assert_eq!(outcome.starred_count, 2);
}
