//! What an import found, in numbers a command line can print: the talks of
//! each day, the speakers, the links kept and the warnings by kind.

use super::{Imported, WarningKind};
use crate::model::Block;
use std::collections::{BTreeMap, HashSet};

/// A day of the report with the titles of its entries, in their order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DayCount {
    pub id: String,
    pub label: String,
    pub titles: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    pub days: Vec<DayCount>,
    /// Distinct speakers by name.
    pub speakers: usize,
    /// Links in the introduction and the entries' notes.
    pub links: usize,
    /// How many warnings of each kind, kinds in their order.
    pub warnings: Vec<(WarningKind, usize)>,
}

impl Summary {
    pub fn of(imported: &Imported) -> Summary {
        let report = &imported.report;
        let days = (report.days.iter())
            .map(|day| DayCount {
                id: day.id.clone(),
                label: day.label.clone(),
                titles: (report.entries.iter())
                    .filter(|e| e.day == day.id)
                    .map(|e| e.title.clone())
                    .collect(),
            })
            .collect();
        let speakers: HashSet<&str> = (report.entries.iter())
            .flat_map(|e| &e.speakers)
            .map(|s| s.name.as_str())
            .collect();
        let links = report.blocks().map(linked_spans).sum();
        let mut warnings = BTreeMap::new();
        for warning in &imported.warnings {
            *warnings.entry(warning.kind).or_insert(0) += 1;
        }
        Summary {
            days,
            speakers: speakers.len(),
            links,
            warnings: warnings.into_iter().collect(),
        }
    }
}

fn linked_spans(block: &Block) -> usize {
    block.spans().iter().filter(|s| s.link.is_some()).count()
}
