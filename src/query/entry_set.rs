//! A set of entries by index, one bit each: what a view shows and which
//! entries are read, asked once per card on every change, so it must be
//! cheap to test and to compare.

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EntrySet {
    words: Vec<u64>,
}

impl EntrySet {
    /// An empty set for a report of `len` entries.
    pub fn new(len: usize) -> EntrySet {
        EntrySet {
            words: vec![0; len.div_ceil(64)],
        }
    }

    pub fn contains(&self, index: usize) -> bool {
        self.words
            .get(index / 64)
            .is_some_and(|w| w & (1 << (index % 64)) != 0)
    }

    /// Adds an index within the set's length; others are ignored.
    pub fn insert(&mut self, index: usize) {
        if let Some(word) = self.words.get_mut(index / 64) {
            *word |= 1 << (index % 64);
        }
    }

    pub fn toggle(&mut self, index: usize) {
        if let Some(word) = self.words.get_mut(index / 64) {
            *word ^= 1 << (index % 64);
        }
    }

    pub fn len(&self) -> usize {
        self.words.iter().map(|w| w.count_ones() as usize).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.words.iter().all(|&w| w == 0)
    }
}

#[cfg(test)]
mod tests {
    use super::EntrySet;

    #[test]
    fn holds_what_was_inserted_and_nothing_else() {
        let mut set = EntrySet::new(130);
        assert!(set.is_empty());
        for i in [0, 63, 64, 129] {
            set.insert(i);
        }
        set.insert(500);
        set.toggle(5);
        set.toggle(5);
        set.toggle(7);
        assert!(set.contains(7));
        set.toggle(7);
        assert_eq!(set.len(), 4);
        assert!(set.contains(63) && set.contains(64) && set.contains(129));
        assert!(!set.contains(1) && !set.contains(128) && !set.contains(500));
    }
}
