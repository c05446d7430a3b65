//! Synthetic reports of any size, made from a real one, for the benchmark
//! and the big-report tests: valid, unique ids, several days, tracks and
//! topics, and programme-like text lengths.

use crate::model::{validate, Report, Track};

/// Blocks kept from each source entry: about an abstract's length, which is
/// what a large programme's entries carry.
const BLOCKS_PER_ENTRY: usize = 3;
/// Extra parallel rooms, as a big conference has.
const EXTRA_TRACKS: usize = 8;

pub fn synthesize(base: &Report, count: usize) -> Report {
    let mut report = base.clone();
    report.id = format!("synthetic-{count}");
    report.title = format!("{} ({count} synthetic entries)", base.title);
    report.tracks.extend((1..=EXTRA_TRACKS).map(|n| Track {
        id: format!("room-{n}"),
        label: format!("Room {n}"),
    }));
    let days = base.days.len().max(1);
    report.entries = (0..count)
        .map(|i| {
            let source = &base.entries[i % base.entries.len()];
            let mut entry = source.clone();
            entry.id = format!("{}-{i}", source.id);
            entry.title = format!("{} ({})", source.title, i + 1);
            // Days in order, so day groups stay contiguous as in a real report.
            entry.day = base.days[i * days / count.max(1)].id.clone();
            entry.track = report.tracks[i % report.tracks.len()].id.clone();
            entry.body.truncate(BLOCKS_PER_ENTRY);
            entry
        })
        .collect();
    debug_assert!(validate(&report).is_ok());
    report
}
