//! What the integration tests share: a small crafted report that the query
//! tests run against, expectations computed from a report's entries without
//! the code under test, and the proptest strategies of the property tests.

pub mod crafted;
pub mod expected;
pub mod programmes;
pub mod strategies;
pub mod temp;

/// The bundled report, as the viewer loads it.
pub fn bundled() -> tripnotes::model::Report {
    tripnotes::model::Report::from_json(include_str!("../../../public/report.json"))
        .expect("the bundled report loads")
}
