//! Reference data (taxonomy) loaded at every start, and demo content for a new database.
mod bulk;
mod demo;
mod pdf;
mod subscribers;
mod taxonomy;

pub use bulk::bulk;
pub use demo::{DEMO_CONCEPTS, demo};
pub use subscribers::subscribers;
pub use taxonomy::taxonomy;

#[derive(Debug, thiserror::Error)]
pub enum SeedError {
    #[error("database: {0}")]
    Db(#[from] sqlx::Error),
    #[error("media store: {0}")]
    Media(#[from] std::io::Error),
    #[error("seed data: {0}")]
    Data(String),
}
