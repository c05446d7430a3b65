//! The state of one open report: its filters, marks, open notes and what
//! the view shows. Components read the signals here; every change of the
//! filters goes through this module, which keeps the address bar in step.

use super::location::{self, Record};
use super::marks::{ListNotice, ListStore};
use crate::model::Report;
use crate::query::{self, EntrySet, Filters, Outcome, SearchIndex, Words};
use crate::readstate::{Change, Ids, List};
use gloo::timers::callback::Timeout;
use leptos::prelude::*;

/// Reports up to this size render every card once and only show or hide
/// them, so find-in-page sees every entry and a tap creates nothing.
/// Larger ones render a window that grows as the reader scrolls.
pub const RENDER_ALL: usize = 300;
/// About a screen of cards: what a tap or the start renders at once; the
/// rest follows in later tasks of this many, so none keeps a tap waiting.
pub const FIRST_RENDER: usize = 8;
/// What a larger report's window grows by per task as the reader nears
/// its end: small steps, so a tap never waits behind a long one, and few
/// cards beyond the screen for the next tap to remove.
pub const MORE_RENDER: usize = 8;

/// The address bar is rewritten once typing pauses this long, not per key.
const TYPING_PAUSE_MS: u32 = 400;
/// The search words of this many entries are gathered per task after the
/// first screen: about 3 ms natively for the 36C3 programme's long notes
/// (its 1,351 entries take 40 ms in one piece).
const WORDS_PER_TASK: usize = 100;

#[derive(Clone, Copy)]
pub struct ViewState {
    pub report: StoredValue<Report>,
    pub index: StoredValue<SearchIndex>,
    /// The filters as the reader chose them: the controls show these at
    /// once.
    chosen: RwSignal<Filters>,
    /// The filters of the view on screen: they follow `chosen` in a task
    /// after the next paint, so a tap's own feedback (the option checked,
    /// the key typed) reaches the screen before the new list is built,
    /// and taps or keys in between are shown together.
    applied: RwSignal<Filters>,
    /// Whether `applied` is due to follow `chosen`. While it is, the list
    /// says it is busy.
    due: RwSignal<Due>,
    /// Read entries, by index.
    pub marks: RwSignal<EntrySet>,
    /// Starred entries, by index.
    pub starred: RwSignal<EntrySet>,
    pub outcome: Memo<Outcome>,
    /// Whether the view is a ranked search: cards ask this on every tap,
    /// so it is its own memo rather than a look into the whole outcome.
    pub ranked: Memo<bool>,
    /// The search text of the view, so highlights only redo when it
    /// changes.
    pub search: Memo<String>,
    /// The search text as typed, for the search box.
    pub typed: Memo<String>,
    /// Entries whose notes are open.
    pub open: RwSignal<EntrySet>,
    /// The filter sheet on narrow screens.
    pub panel_open: RwSignal<bool>,
    /// What the reader is told about the marks, each until dismissed: one
    /// never hides another (both lists unreadable, say).
    notices: RwSignal<Vec<ListNotice>>,
    /// How many entries of the view are rendered, for reports over
    /// `RENDER_ALL`.
    pub limit: RwSignal<usize>,
    /// False until the task after the first screen: what lies below it
    /// (progress, read tools, the report's own notes) renders then.
    pub settled: RwSignal<bool>,
    read_store: StoredValue<ListStore>,
    star_store: StoredValue<ListStore>,
    /// The address-bar write waiting for a pause in typing.
    typing: StoredValue<Option<(Timeout, Record)>, LocalStorage>,
    /// Whether the index holds the search words of every entry.
    words_ready: RwSignal<bool>,
    /// The search words gathered so far, until they are in the index.
    pending_words: StoredValue<Option<Words>, LocalStorage>,
    /// Moves on with Back and Forward: a history step still waiting to be
    /// written then belongs to a view the reader has left, and is dropped.
    history_epoch: StoredValue<u32>,
}

impl ViewState {
    pub fn new(report: Report) -> ViewState {
        let search_index = SearchIndex::facets(&report);
        let scope = location::scope();
        let (read_store, read_notice) = ListStore::open(List::Read, &report.id, &scope);
        let (star_store, star_notice) = ListStore::open(List::Starred, &report.id, &scope);
        let chosen = RwSignal::new(location::current_filters(&report));
        let applied = RwSignal::new(chosen.get_untracked());
        let len = report.entries.len();
        let marks = RwSignal::new(entry_set(&search_index, len, &read_store.listed()));
        let starred = RwSignal::new(entry_set(&search_index, len, &star_store.listed()));
        let index = StoredValue::new(search_index);
        let report = StoredValue::new(report);
        let search = Memo::new(move |_| applied.with(|f| f.text.clone()));
        // The words of the search index are gathered after the first
        // screen, a slice of entries per task (at once when the address
        // holds a search, or when the reader types one first).
        let words_ready = RwSignal::new(false);
        let pending_words = StoredValue::new_local(Some(Words::default()));
        // Scored only when the text changes: a mark or a facet reuses it.
        let scores = Memo::new(move |_| {
            words_ready.track();
            search.with(|text| index.with_value(|ix| ix.scores(text)))
        });
        let outcome = Memo::new(move |_| {
            applied.with(|f| {
                scores.with(|scores| {
                    marks.with(|read| {
                        starred.with(|starred| {
                            let reader = Reader { read, starred };
                            report.with_value(|r| {
                                index.with_value(|ix| {
                                    query::run_scored(r, ix, f, scores.as_deref(), &reader)
                                })
                            })
                        })
                    })
                })
            })
        });
        let settled = RwSignal::new(false);
        set_timeout(move || settled.set(true), std::time::Duration::ZERO);
        let state = ViewState {
            report,
            index,
            chosen,
            applied,
            due: RwSignal::new(Due::Nothing),
            marks,
            starred,
            outcome,
            ranked: Memo::new(move |_| outcome.with(|o| o.ranked)),
            search,
            typed: Memo::new(move |_| chosen.with(|f| f.text.clone())),
            open: RwSignal::new(EntrySet::new(len)),
            panel_open: RwSignal::new(false),
            notices: RwSignal::new(read_notice.into_iter().chain(star_notice).collect()),
            limit: RwSignal::new(FIRST_RENDER),
            settled,
            read_store: StoredValue::new(read_store),
            star_store: StoredValue::new(star_store),
            typing: StoredValue::new_local(None),
            history_epoch: StoredValue::new(0),
            words_ready,
            pending_words,
        };
        if state.search.with_untracked(|text| text.trim().is_empty()) {
            state.gather_words_later();
        } else {
            state.finish_words();
        }
        state
    }

    /// Gathers the search words of the next slice of entries in a task of
    /// its own, and so on until all are in.
    fn gather_words_later(self) {
        set_timeout(
            move || {
                let Some(Some(mut words)) = self.pending_words.try_update_value(Option::take)
                else {
                    return;
                };
                let done = self.report.with_value(|r| {
                    self.index
                        .with_value(|ix| words.gather(r, ix, WORDS_PER_TASK))
                });
                self.pending_words.set_value(Some(words));
                if done {
                    self.finish_words();
                } else {
                    self.gather_words_later();
                }
            },
            std::time::Duration::ZERO,
        );
    }

    /// Gathers the search words still missing, now, and puts them in the
    /// index.
    fn finish_words(&self) {
        let Some(Some(mut words)) = self.pending_words.try_update_value(Option::take) else {
            return;
        };
        self.report.with_value(|r| {
            self.index.update_value(|ix| {
                words.gather(r, ix, usize::MAX);
                ix.set_words(words);
            })
        });
        self.words_ready.set(true);
    }

    /// The filters as chosen, tracked: for the controls that choose them.
    pub fn chosen_with<T>(&self, f: impl FnOnce(&Filters) -> T) -> T {
        self.chosen.with(f)
    }

    /// Whether the view is about to follow a change of the filters, tracked.
    pub fn updating(&self) -> bool {
        self.due.with(|due| *due != Due::Nothing)
    }

    /// The filters of the view on screen, tracked.
    pub fn applied_with<T>(&self, f: impl FnOnce(&Filters) -> T) -> T {
        self.applied.with(f)
    }

    fn cancel_typing(&self) -> Option<Record> {
        self.typing
            .try_update_value(|pending| {
                pending.take().map(|(timer, record)| {
                    timer.cancel();
                    record
                })
            })
            .flatten()
    }

    /// A new view: a history step (or a rewrite of this one), and the render
    /// window starts small again.
    pub fn set_filters(&self, filters: Filters, record: Record) {
        self.cancel_typing();
        self.chosen.set(filters);
        self.apply_later(Some(record));
    }

    pub fn update_filters(&self, change: impl FnOnce(&mut Filters)) {
        let mut filters = self.chosen.get_untracked();
        change(&mut filters);
        self.set_filters(filters, Record::Push);
    }

    pub fn clear_filters(&self) {
        self.set_filters(Filters::default(), Record::Push);
    }

    /// The search box changed: the view follows after the next paint, the
    /// address bar once typing pauses (one history step per search, not
    /// per key).
    pub fn set_text(&self, text: String) {
        let record = self.cancel_typing().unwrap_or_else(|| {
            if self.chosen.with_untracked(|f| f.text.is_empty()) {
                Record::Push
            } else {
                Record::Replace
            }
        });
        self.chosen.update(|f| f.text = text);
        self.apply_later(None);
        let (chosen, typing) = (self.chosen, self.typing);
        let timer = Timeout::new(TYPING_PAUSE_MS, move || {
            chosen.with_untracked(|f| location::write(f, None, record));
            // Written: typing on after the pause rewrites this step.
            typing.try_update_value(Option::take);
        });
        self.typing.set_value(Some((timer, record)));
    }

    /// Has the view follow the chosen filters in a task after the next
    /// paint, then writes `record`'s history step once that view is on
    /// screen. Changes made before then are applied together, and a new
    /// history step among them wins over a rewrite.
    fn apply_later(&self, record: Option<Record>) {
        let waiting = self.due.get_untracked();
        let due = waiting.followed_by(record);
        if due != waiting {
            self.due.set(due);
        }
        if waiting != Due::Nothing {
            return;
        }
        let state = *self;
        location::after_next_paint(move || {
            // Back, Forward or a permalink may have applied it already.
            let due = state.due.try_get_untracked().unwrap_or(Due::Nothing);
            if due == Due::Nothing {
                return;
            }
            state.apply();
            let Due::ViewAndHistory(record) = due else {
                return;
            };
            // The history step waits until the new view is on screen: its
            // work (in this process and the browser's) would only delay
            // the view getting there.
            let filters = state.chosen.get_untracked();
            let (epoch, history_epoch) = (state.history_epoch.get_value(), state.history_epoch);
            location::after_next_frame(move || {
                if history_epoch.try_get_value() == Some(epoch) {
                    location::write(&filters, None, record);
                }
            });
        });
    }

    /// Shows the chosen filters now.
    fn apply(&self) {
        if self.due.with_untracked(|due| *due != Due::Nothing) {
            self.due.set(Due::Nothing);
        }
        let filters = self.chosen.get_untracked();
        if !filters.text.trim().is_empty() {
            self.finish_words();
        }
        self.limit.set(FIRST_RENDER);
        self.applied.set(filters);
    }

    /// Back or Forward: the view the address bar now holds, at once.
    pub fn restore_from_address(&self) {
        self.cancel_typing();
        self.history_epoch
            .update_value(|epoch| *epoch = epoch.wrapping_add(1));
        self.chosen
            .set(self.report.with_value(location::current_filters));
        self.apply();
    }

    /// Opens the entry with this id and scrolls to it, even when the
    /// filters or the render window would hide it.
    pub fn reveal(&self, id: &str) {
        let Some(index) = self.index.with_value(|ix| ix.entry_of(id)) else {
            return;
        };
        if !self.outcome.with_untracked(|o| o.visible.contains(index)) {
            self.cancel_typing();
            location::write(&Filters::default(), Some(id), Record::Replace);
            self.chosen.set(Filters::default());
            self.apply();
        }
        let position = self
            .outcome
            .with_untracked(|o| o.shown.iter().position(|&i| i == index));
        if let Some(position) = position {
            if position >= self.limit.get_untracked() {
                self.limit.set(position + MORE_RENDER);
            }
        }
        self.open.update(|open| open.insert(index));
        scroll_to(id.to_string());
    }

    pub fn is_read(&self, index: usize) -> bool {
        self.marks.with(|m| m.contains(index))
    }

    pub fn is_starred(&self, index: usize) -> bool {
        self.starred.with(|s| s.contains(index))
    }

    /// The entries of this report on a list, by index.
    fn entries(&self, list: List) -> RwSignal<EntrySet> {
        match list {
            List::Read => self.marks,
            List::Starred => self.starred,
        }
    }

    fn store(&self, list: List) -> StoredValue<ListStore> {
        match list {
            List::Read => self.read_store,
            List::Starred => self.star_store,
        }
    }

    /// Puts an entry on a list, or takes it off.
    pub fn toggle(&self, list: List, index: usize) {
        let id = self.report.with_value(|r| r.entries[index].id.clone());
        self.change(
            list,
            if self.entries(list).with_untracked(|m| m.contains(index)) {
                Change::Remove(vec![id])
            } else {
                Change::Add(vec![id])
            },
        );
    }

    pub fn change(&self, list: List, change: Change) {
        let Some((saved, listed)) = self
            .store(list)
            .try_update_value(|s| (s.save(&change), s.listed()))
        else {
            return;
        };
        self.set_entries(list, &listed);
        if saved {
            self.dismiss(&ListNotice::NotKept(list));
        } else {
            self.tell(ListNotice::NotKept(list));
        }
    }

    /// The notices shown, tracked.
    pub fn notices(&self) -> Vec<ListNotice> {
        self.notices.get()
    }

    /// Shows `notice` beside the others, once. An import's outcome replaces
    /// the last import's.
    pub fn tell(&self, notice: ListNotice) {
        if self.notices.with_untracked(|shown| shown.contains(&notice)) {
            return;
        }
        self.notices.update(|shown| {
            if notice.is_import() {
                shown.retain(|n| !n.is_import());
            }
            shown.push(notice);
        });
    }

    pub fn dismiss(&self, notice: &ListNotice) {
        if self.notices.with_untracked(|shown| shown.contains(notice)) {
            self.notices.update(|shown| shown.retain(|n| n != notice));
        }
    }

    /// Another tab changed the read marks or the stars.
    pub fn on_storage_event(&self, event: &web_sys::StorageEvent) {
        for list in [List::Read, List::Starred] {
            let theirs = self
                .store(list)
                .try_update_value(|s| s.on_storage_event(event))
                .flatten();
            if let Some(listed) = theirs {
                self.set_entries(list, &listed);
            }
        }
    }

    /// Every stored id of a list, those of entries that left the report
    /// included.
    pub fn stored(&self, list: List) -> Ids {
        self.store(list).with_value(ListStore::listed)
    }

    fn set_entries(&self, list: List, ids: &Ids) {
        let len = self.report.with_value(|r| r.entries.len());
        let set = self.index.with_value(|ix| entry_set(ix, len, ids));
        self.entries(list).set(set);
    }

    /// Ids of the entries the current view shows.
    pub fn shown_ids(&self) -> Vec<String> {
        self.outcome.with_untracked(|o| {
            self.report
                .with_value(|r| o.shown.iter().map(|&i| r.entries[i].id.clone()).collect())
        })
    }

    pub fn is_open(&self, index: usize) -> bool {
        self.open.with(|o| o.contains(index))
    }

    pub fn toggle_open(&self, index: usize) {
        self.open.update(|open| open.toggle(index));
    }
}

/// A change of the chosen filters that the view has yet to follow.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Due {
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
    fn followed_by(self, later: Option<Record>) -> Due {
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

/// The reader's read marks and stars, as the query asks for them.
struct Reader<'a> {
    read: &'a EntrySet,
    starred: &'a EntrySet,
}

impl query::ReaderState for Reader<'_> {
    fn is_read(&self, index: usize) -> bool {
        self.read.contains(index)
    }
    fn is_starred(&self, index: usize) -> bool {
        self.starred.contains(index)
    }
}

/// The marks of this report's entries; marks of entries that left the
/// report stay in storage only.
fn entry_set(index: &SearchIndex, len: usize, marks: &Ids) -> EntrySet {
    let mut set = EntrySet::new(len);
    for id in marks {
        if let Some(i) = index.entry_of(id) {
            set.insert(i);
        }
    }
    set
}

/// Scrolls to an element once it is rendered (a widened window renders it
/// a frame or two later; far down a small report, the slices after the
/// first screen render it, which on a slow phone takes a second or more),
/// then holds it there while cards above it that `content-visibility`
/// skipped take their real heights.
/// The jump is instant: a smooth scroll across many cards would still be
/// moving when their real heights arrive. Both waits are counted in time,
/// not frames: a busy phone renders the cards above in tasks between
/// frames, later than a few frames.
fn scroll_to(id: String) {
    fn attempt(id: String, until: f64) {
        request_animation_frame(move || match document().get_element_by_id(&id) {
            Some(element) => hold(element, None, js_sys::Date::now() + HOLD_MS),
            None if js_sys::Date::now() < until => attempt(id, until),
            None => {}
        });
    }
    attempt(id, js_sys::Date::now() + FIND_MS);
}

/// How long a permalink waits for its entry to be rendered.
const FIND_MS: f64 = 10_000.0;
/// How long at most it holds the entry in place, and how long the entry
/// must stay put before it lets go.
const HOLD_MS: f64 = 10_000.0;
const STILL_MS: f64 = 500.0;

/// Where an element was left, the page's scroll then, and since when it
/// has stayed there.
struct Left {
    top: f64,
    scroll: f64,
    since: f64,
}

/// Jumps to the element, and each frame after jumps again if it moved while
/// no one scrolled: engines with scroll anchoring (Chromium, Firefox) keep
/// it in place by themselves, Safari and WebKitGTK let the cards growing
/// above push it down. Stops once it has stayed put for a while, or when
/// the reader scrolls.
fn hold(element: web_sys::Element, left: Option<Left>, until: f64) {
    let now = js_sys::Date::now();
    let top = element.get_bounding_client_rect().top();
    let scroll = window().scroll_y().unwrap_or_default();
    let left = match left {
        Some(left) if (top - left.top).abs() < 1.0 => left,
        // Moved by a scroll: the reader's, not the layout's.
        Some(left) if (scroll - left.scroll).abs() >= 1.0 => return,
        _ => {
            let options = web_sys::ScrollIntoViewOptions::new();
            options.set_behavior(web_sys::ScrollBehavior::Instant);
            element.scroll_into_view_with_scroll_into_view_options(&options);
            Left {
                top: element.get_bounding_client_rect().top(),
                scroll: window().scroll_y().unwrap_or_default(),
                since: now,
            }
        }
    };
    if now - left.since < STILL_MS && now < until {
        request_animation_frame(move || hold(element, Some(left), until));
    }
}
