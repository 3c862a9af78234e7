//! Generated subscribers, for benchmarks and fault drills: `generated-N@example.test`
//! (a reserved domain), active, alerted immediately, in the six languages in turn, each
//! following one of the first ten areas of action in turn and every place, so that a
//! concept in the first area matches a tenth of them. Written set-based, in one statement
//! per table, on both engines.
use crate::ssr::db::{subscribers as repo, taxonomy};
use crate::ssr::infra::database::Db;
use crate::ssr::seed::error::SeedError;

/// Adds `count` subscribers; returns how many were added.
pub async fn subscribers(db: &Db, count: u64, now: i64) -> Result<u64, SeedError> {
    let count = i64::try_from(count).map_err(|_| SeedError::Data("too many subscribers".into()))?;
    let mut tx = db.begin_write().await?;
    let areas = i64::try_from(taxonomy::area_codes(tx.conn()).await?.len()).unwrap_or(i64::MAX);
    if areas == 0 {
        return Err(SeedError::Data("no areas of action: load the taxonomy first".into()));
    }
    let added = repo::insert_generated(tx.conn(), count, areas.min(10), now).await?;
    tx.commit().await?;
    Ok(added)
}
