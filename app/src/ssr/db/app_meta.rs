//! The platform's own facts, one value per key: the catalogue's version, the search code
//! that built the index, when the demo was seeded.
use sqlx::AnyConnection;

/// The value kept under `key`.
pub async fn get(conn: &mut AnyConnection, key: &str) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar("SELECT value FROM app_meta WHERE key = $1").bind(key).fetch_optional(conn).await
}

/// Keeps `value` under `key`, replacing what was there.
pub async fn set(conn: &mut AnyConnection, key: &str, value: &str) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO app_meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    )
    .bind(key)
    .bind(value)
    .execute(conn)
    .await
    .map(drop)
}

/// Adds one to the counter kept under `key` (starting at 1), in the caller's transaction:
/// the versions that say when a snapshot held in memory must be read again.
pub async fn bump(conn: &mut AnyConnection, key: &str) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO app_meta (key, value) VALUES ($1, '1') \
         ON CONFLICT (key) DO UPDATE SET value = CAST(CAST(app_meta.value AS INTEGER) + 1 AS TEXT)",
    )
    .bind(key)
    .execute(conn)
    .await
    .map(drop)
}
