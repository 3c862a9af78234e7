//! Rate limits shared by every app server: events counted per key in a sliding window.

use sqlx::AnyConnection;

/// Counts an event for `key` unless `limit` events happened since `since`; `false` when the
/// limit is reached (nothing is recorded then).
pub async fn allow(conn: &mut AnyConnection, key: &str, limit: i64, since: i64, now: i64) -> Result<bool, sqlx::Error> {
    let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM rate_events WHERE key = $1 AND at >= $2")
        .bind(key)
        .bind(since)
        .fetch_one(&mut *conn)
        .await?;
    if count >= limit {
        return Ok(false);
    }
    sqlx::query("INSERT INTO rate_events (key, at) VALUES ($1, $2)").bind(key).bind(now).execute(&mut *conn).await?;
    // Old rows tell nothing any more.
    sqlx::query("DELETE FROM rate_events WHERE at < $1").bind(now - 86_400).execute(conn).await?;
    Ok(true)
}
