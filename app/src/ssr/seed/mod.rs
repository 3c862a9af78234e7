//! Reference data (taxonomy) loaded at every start, and demo content for a new database.
mod agreements;
mod bulk;
mod demo;
pub mod error;
mod funders;
mod pdf;
mod sponsorship;
mod subscribers;
mod taxonomy;

pub use agreements::{CENTRES_2015, REPORT_TOTAL_CENTS, REPORT_YEARS, agreements, generated as generated_agreements};
pub use bulk::bulk;
pub use demo::{DEMO_CONCEPTS, demo};
pub use error::SeedError;
pub use funders::funders;
pub use sponsorship::sponsorship;
pub use subscribers::subscribers;
pub use taxonomy::taxonomy;
