//! Reference data (taxonomy) loaded at every start, and demo content for a new database.
mod agreements;
mod bulk;
mod demo;
pub mod error;
mod funders;
mod pdf;
mod sponsors_2017;
mod sponsorship;
mod subscribers;
mod taxonomy;

pub use agreements::{CENTRES_2015, REPORT_TOTAL_CENTS, REPORT_YEARS, agreements, generated as generated_agreements};
pub use bulk::bulk;
pub use demo::{DEMO_CONCEPTS, demo};
pub use error::SeedError;
pub use funders::funders;
pub use sponsors_2017::{COUNT as SPONSORED_2017, TOTAL_CENTS as SPONSORED_2017_CENTS};
pub use subscribers::subscribers;
pub use taxonomy::taxonomy;

/// The demo sponsorship events not there yet — the two ahead, open for quotes, then the 2017
/// history with its sponsorships — and how many it added.
pub async fn sponsorship(db: &crate::ssr::infra::database::Db, now: i64) -> Result<usize, SeedError> {
    Ok(sponsorship::upcoming(db, now).await? + sponsors_2017::seed(db).await?)
}
