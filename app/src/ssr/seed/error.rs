//! Why seeding failed.
#[derive(Debug, thiserror::Error)]
pub enum SeedError {
    #[error("database: {0}")]
    Db(#[from] sqlx::Error),
    #[error("media store: {0}")]
    Media(#[from] std::io::Error),
    #[error("seed data: {0}")]
    Data(String),
}

/// A service the seed goes through refused: the demo data is wrong.
impl From<crate::error::AppError> for SeedError {
    fn from(e: crate::error::AppError) -> SeedError {
        SeedError::Data(format!("{e:?}"))
    }
}
