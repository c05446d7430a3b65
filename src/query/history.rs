//! How changes of the view become history steps: each chosen filter is a
//! step Back undoes, while a search becomes one step per pause in typing,
//! not one per key.

/// How a change of view reaches the history.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Record {
    /// A new history step, so Back undoes it.
    Push,
    /// Rewrites the current step (each keystroke of a search).
    Replace,
}

/// A change of the chosen filters that the view has yet to follow.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Due {
    /// The view shows the filters as chosen.
    Nothing,
    /// The view is to follow; the address bar waits for a pause in typing.
    View,
    /// The view is to follow, then the address bar takes this history step.
    ViewAndHistory(Record),
}

impl Due {
    /// This and a later change, applied together: a new history step among
    /// them wins over a rewrite.
    pub fn followed_by(self, later: Option<Record>) -> Due {
        let earlier = match self {
            Due::ViewAndHistory(record) => Some(record),
            Due::Nothing | Due::View => None,
        };
        let record = match (earlier, later) {
            (Some(Record::Push), _) | (_, Some(Record::Push)) => Some(Record::Push),
            (earlier, later) => later.or(earlier),
        };
        record.map_or(Due::View, Due::ViewAndHistory)
    }
}

/// The step a search's write takes once typing pauses: the first text
/// typed into an empty box is a new step, more typing rewrites it, and a
/// write still waiting keeps its own.
pub fn typing_step(waiting: Option<Record>, box_was_empty: bool) -> Record {
    waiting.unwrap_or(if box_was_empty {
        Record::Push
    } else {
        Record::Replace
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_step_among_changes_applied_together_wins() {
        use Record::{Push, Replace};
        assert_eq!(Due::Nothing.followed_by(None), Due::View);
        assert_eq!(
            Due::Nothing.followed_by(Some(Replace)),
            Due::ViewAndHistory(Replace)
        );
        assert_eq!(Due::View.followed_by(Some(Push)), Due::ViewAndHistory(Push));
        // A tap, then keys typed before the view followed: still one step.
        assert_eq!(
            Due::ViewAndHistory(Push).followed_by(None),
            Due::ViewAndHistory(Push)
        );
        assert_eq!(
            Due::ViewAndHistory(Push).followed_by(Some(Replace)),
            Due::ViewAndHistory(Push)
        );
        assert_eq!(
            Due::ViewAndHistory(Replace).followed_by(Some(Push)),
            Due::ViewAndHistory(Push)
        );
        assert_eq!(
            Due::ViewAndHistory(Replace).followed_by(Some(Replace)),
            Due::ViewAndHistory(Replace)
        );
    }

    #[test]
    fn one_history_step_per_pause_in_typing() {
        // Typing into the empty box: a new step.
        let first = typing_step(None, true);
        assert_eq!(first, Record::Push);
        // Typing on before the pause: the waiting write keeps its step, so
        // the first word's keys make one step together.
        assert_eq!(typing_step(Some(first), false), Record::Push);
        // Typing on after the write (nothing waits): the step is rewritten,
        // and Back still leads to the view before the search.
        assert_eq!(typing_step(None, false), Record::Replace);
    }
}
