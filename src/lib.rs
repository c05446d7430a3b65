//! Tripnotes: read a conference trip report with filters, ranked search and
//! read-state. The pure logic lives here and is tested natively; the `ui`
//! module is the Leptos front end.

pub mod calendar;
pub mod dates;
pub mod ids;
pub mod markup;
pub mod model;
pub mod present;
pub mod query;
pub mod readstate;
pub mod text;

#[cfg(not(target_arch = "wasm32"))]
pub mod export;
#[cfg(not(target_arch = "wasm32"))]
pub mod files;
#[cfg(not(target_arch = "wasm32"))]
pub mod import;
#[cfg(not(target_arch = "wasm32"))]
pub mod markdown_format;
#[cfg(not(target_arch = "wasm32"))]
pub mod render;
#[cfg(not(target_arch = "wasm32"))]
pub mod site;
#[cfg(not(target_arch = "wasm32"))]
pub mod synth;

#[cfg(target_arch = "wasm32")]
pub mod ui;
