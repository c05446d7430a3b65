//! The markup of a report, defined once: the app renders these components
//! in the browser and the build renders the same ones to the static page,
//! so the two cannot drift apart. Report text is only ever set as text.

mod card;
mod notes;
mod report;
#[cfg(not(target_arch = "wasm32"))]
mod static_page;

pub use card::{Card, CardContent, CardControls};
pub use notes::{Highlighted, Notes, Query};
pub use report::{about, report_heading, DaySection, Progress};
#[cfg(not(target_arch = "wasm32"))]
pub use static_page::{
    day_page_path, day_pages, static_page, DAY_PAGES, FIRST_ENTRIES, WHOLE_PAGE,
};
