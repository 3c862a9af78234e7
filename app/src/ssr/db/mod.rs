//! The repositories: every SQL statement of the application, one module per aggregate (one
//! write path per table). Queries are written once in the SQL both engines accept; functions
//! take a connection or transaction, so callers decide the transaction.
pub mod agreement_documents;
pub mod agreements;
pub mod app_meta;
pub mod audit;
pub mod catalogue;
pub mod concepts;
pub mod editor;
pub mod funders;
pub mod interests;
pub mod matching;
pub mod media;
pub mod organisations;
pub mod outbox;
pub mod rate;
pub mod sponsorship;
pub mod sponsorship_editor;
pub mod sponsorship_sales;
pub mod staff;
pub mod subscribers;
pub mod taxonomy;

use crate::ssr::infra::database::{Db, DbError};

/// Brings the database up to date: applies the migrations, then rebuilds the search index if
/// the search code cuts text differently from the code that built it.
pub async fn migrate(db: &Db) -> Result<(), DbError> {
    db.apply_migrations().await?;
    let mut tx = db.begin_write().await.map_err(DbError::Index)?;
    if catalogue::ensure_index(tx.conn()).await.map_err(DbError::Index)? {
        tracing::info!("search index rebuilt");
    }
    tx.commit().await.map_err(DbError::Index)
}

/// Ids as an SQL list (numbers only, so safe to write into the statement).
pub(crate) fn id_list(ids: &[i64]) -> String {
    ids.iter().map(i64::to_string).collect::<Vec<_>>().join(", ")
}
