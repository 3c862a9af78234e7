//! Reference data (taxonomy) loaded at every start, and demo content for a new database.
mod bulk;
mod demo;
pub mod error;
mod pdf;
mod subscribers;
mod taxonomy;

pub use bulk::bulk;
pub use demo::{DEMO_CONCEPTS, demo};
pub use error::SeedError;
pub use subscribers::subscribers;
pub use taxonomy::taxonomy;
