//! Generated subscribers, for benchmarks and fault drills: `generated-N@example.test`
//! (a reserved domain), active, alerted immediately, in the six languages in turn, each
//! following one of the first ten areas of action in turn and every place, so that a
//! concept in the first area matches a tenth of them. Written set-based, in one statement
//! per table, on both engines.
use super::SeedError;
use crate::ssr::db::Db;

/// Adds `count` subscribers; returns how many were added.
pub async fn subscribers(db: &Db, count: u64, now: i64) -> Result<u64, SeedError> {
    let count = i64::try_from(count).map_err(|_| SeedError::Data("too many subscribers".into()))?;
    let mut tx = db.begin_write().await?;
    let areas: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM areas").fetch_one(&mut *tx.conn()).await?;
    if areas == 0 {
        return Err(SeedError::Data("no areas of action: load the taxonomy first".into()));
    }
    let first: i64 =
        sqlx::query_scalar("SELECT COALESCE(MAX(id), 0) FROM subscribers").fetch_one(&mut *tx.conn()).await?;
    let added = sqlx::query(
        "WITH RECURSIVE g(n) AS (SELECT CAST($1 AS BIGINT) + 1 UNION ALL SELECT n + 1 FROM g WHERE n < $1 + $2) \
         INSERT INTO subscribers (email, organisation, entity_type, contact_name, locale, frequency, status, \
           consent, created_at, confirmed_at) \
         SELECT 'generated-' || n || '@example.test', 'Generated organisation ' || n, 'other', 'Subscriber ' || n, \
           CASE n % 6 WHEN 0 THEN 'ar' WHEN 1 THEN 'en' WHEN 2 THEN 'es' WHEN 3 THEN 'fr' WHEN 4 THEN 'ru' ELSE 'zh' END, \
           'immediate', 'active', '{}', $3, $3 FROM g",
    )
    .bind(first)
    .bind(count)
    .bind(now)
    .execute(&mut *tx.conn())
    .await?
    .rows_affected();
    sqlx::query(
        "INSERT INTO subscriber_areas (subscriber_id, area_id) \
         SELECT s.id, a.id FROM subscribers s \
         JOIN (SELECT id, (SELECT COUNT(*) FROM areas b WHERE b.id < areas.id) AS k FROM areas) a \
           ON a.k = s.id % $2 \
         WHERE s.email LIKE 'generated-%@example.test' AND s.id > $1",
    )
    .bind(first)
    .bind(areas.min(10))
    .execute(&mut *tx.conn())
    .await?;
    tx.commit().await?;
    Ok(added)
}
