//! What a view can be narrowed by besides the day and the search: facets,
//! the report's lists an entry belongs to (any of several options chosen),
//! and switches, each keeping the entries one thing is true of. The address,
//! the query and the panel go over these lists, so a new facet or switch is
//! one variant here and its tests.

use crate::model::{Entry, Report};
use std::marker::PhantomData;
use std::ops::{Index, IndexMut};

/// A kind of filter that names a fixed list of values: facets, switches.
pub trait Keyed: Copy + 'static {
    /// Every value, in the order the address and the panel show them.
    const ALL: &'static [Self];
    /// The address key, e.g. `track` in `?track=sre`.
    fn key(self) -> &'static str;
    /// The position in `ALL`.
    fn position(self) -> usize;
}

/// One value per facet or per switch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Per<K, T> {
    values: Vec<T>,
    keys: PhantomData<K>,
}

impl<K: Keyed, T: Default> Default for Per<K, T> {
    fn default() -> Self {
        Per::from_fn(|_| T::default())
    }
}

impl<K: Keyed, T> Per<K, T> {
    pub fn from_fn(value: impl FnMut(K) -> T) -> Self {
        Per {
            values: K::ALL.iter().copied().map(value).collect(),
            keys: PhantomData,
        }
    }

    /// Each key with its value, in the order of `K::ALL`.
    pub fn iter(&self) -> impl Iterator<Item = (K, &T)> {
        K::ALL.iter().copied().zip(&self.values)
    }
}

impl<K: Keyed, T> Index<K> for Per<K, T> {
    type Output = T;
    fn index(&self, key: K) -> &T {
        &self.values[key.position()]
    }
}

impl<K: Keyed, T> IndexMut<K> for Per<K, T> {
    fn index_mut(&mut self, key: K) -> &mut T {
        &mut self.values[key.position()]
    }
}

/// A list of the report's that entries belong to; a view keeps the entries
/// with any of the chosen options.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Facet {
    Track,
    Topic,
    Room,
}

/// One option of a facet, as the report gives it.
pub struct Choice<'a> {
    pub id: &'a str,
    pub label: &'a str,
    /// Empty when the report says nothing more than the label.
    pub description: &'a str,
}

impl Keyed for Facet {
    const ALL: &'static [Facet] = &[Facet::Track, Facet::Topic, Facet::Room];

    fn key(self) -> &'static str {
        match self {
            Facet::Track => "track",
            Facet::Topic => "topic",
            Facet::Room => "room",
        }
    }

    fn position(self) -> usize {
        self as usize
    }
}

impl Facet {
    /// The facet's name, as the panel's legend.
    pub fn legend(self) -> &'static str {
        match self {
            Facet::Track => "Track",
            Facet::Topic => "Topic",
            Facet::Room => "Room",
        }
    }

    /// The report's options, in its order.
    pub fn choices(self, report: &Report) -> Vec<Choice<'_>> {
        match self {
            Facet::Track => report
                .tracks
                .iter()
                .map(|t| plain(&t.id, &t.label))
                .collect(),
            Facet::Topic => report
                .topics
                .iter()
                .map(|t| Choice {
                    id: &t.id,
                    label: &t.label,
                    description: &t.description,
                })
                .collect(),
            Facet::Room => report
                .rooms
                .iter()
                .map(|r| plain(&r.id, &r.label))
                .collect(),
        }
    }

    /// The option ids an entry has: its track, its room if any, its topics.
    pub fn values(self, entry: &Entry) -> impl Iterator<Item = &str> {
        let (one, many): (Option<&str>, &[String]) = match self {
            Facet::Track => (Some(&entry.track), &[]),
            Facet::Topic => (None, &entry.topics),
            Facet::Room => (entry.room.as_deref(), &[]),
        };
        one.into_iter().chain(many.iter().map(String::as_str))
    }

    /// The label of the option with this id; empty if the report has none.
    pub fn label(self, report: &Report, id: &str) -> String {
        self.choices(report)
            .into_iter()
            .find(|c| c.id == id)
            .map(|c| c.label.to_string())
            .unwrap_or_default()
    }
}

fn plain<'a>(id: &'a str, label: &'a str) -> Choice<'a> {
    Choice {
        id,
        label,
        description: "",
    }
}

/// Keeps only the entries one thing is true of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Switch {
    Unread,
    Starred,
}

impl Keyed for Switch {
    const ALL: &'static [Switch] = &[Switch::Unread, Switch::Starred];

    fn key(self) -> &'static str {
        match self {
            Switch::Unread => "unread",
            Switch::Starred => "starred",
        }
    }

    fn position(self) -> usize {
        self as usize
    }
}

impl Switch {
    pub fn label(self) -> &'static str {
        match self {
            Switch::Unread => "Unread only",
            Switch::Starred => "Starred only",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn positions_follow_all<K: Keyed + PartialEq + std::fmt::Debug>() {
        for (at, &key) in K::ALL.iter().enumerate() {
            assert_eq!(key.position(), at, "{key:?}");
        }
        let keys: std::collections::HashSet<&str> = K::ALL.iter().map(|k| k.key()).collect();
        assert_eq!(keys.len(), K::ALL.len(), "address keys are unique");
    }

    #[test]
    fn each_value_is_at_its_position_with_a_key_of_its_own() {
        positions_follow_all::<Facet>();
        positions_follow_all::<Switch>();
    }
}
