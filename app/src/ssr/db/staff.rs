//! Staff accounts, sessions and sign-in failures.
use crate::domain::staff::{Email, Role, StaffMember};
use sqlx::{AnyConnection, AnyPool};

type Row = (i64, String, String, String);

fn member((id, email, name, role): Row) -> Option<StaffMember> {
    Some(StaffMember { id, email, name, role: Role::parse(&role)? })
}

/// The member behind a live session (not expired, not idle too long, account enabled), and
/// marks the session used.
pub async fn session_member(
    pool: &AnyPool,
    token_hash: &str,
    now: i64,
    idle_seconds: i64,
) -> Result<Option<StaffMember>, sqlx::Error> {
    let row: Option<(i64, String, String, String, i64)> = sqlx::query_as(
        "SELECT u.id, u.email, u.name, u.role, s.last_seen_at FROM staff_sessions s \
         JOIN staff_users u ON u.id = s.user_id \
         WHERE s.token_hash = $1 AND s.expires_at > $2 AND s.last_seen_at > $3 AND u.disabled_at IS NULL",
    )
    .bind(token_hash)
    .bind(now)
    .bind(now - idle_seconds)
    .fetch_optional(pool)
    .await?;
    let Some((id, email, name, role, last_seen)) = row else {
        return Ok(None);
    };
    // One write a minute at most per session.
    if now - last_seen >= 60 {
        sqlx::query("UPDATE staff_sessions SET last_seen_at = $1 WHERE token_hash = $2")
            .bind(now)
            .bind(token_hash)
            .execute(pool)
            .await?;
    }
    Ok(member((id, email, name, role)))
}

/// An account's id, password hash and whether it is enabled.
pub struct Credentials {
    pub id: i64,
    pub password_hash: String,
    pub enabled: bool,
}

pub async fn credentials(pool: &AnyPool, email: &Email) -> Result<Option<Credentials>, sqlx::Error> {
    let row: Option<(i64, String, Option<i64>)> =
        sqlx::query_as("SELECT id, password_hash, disabled_at FROM staff_users WHERE email = $1")
            .bind(email.as_str())
            .fetch_optional(pool)
            .await?;
    Ok(row.map(|(id, password_hash, disabled)| Credentials { id, password_hash, enabled: disabled.is_none() }))
}

pub async fn password_hash_of(pool: &AnyPool, id: i64) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar("SELECT password_hash FROM staff_users WHERE id = $1 AND disabled_at IS NULL")
        .bind(id)
        .fetch_optional(pool)
        .await
}

pub async fn by_id(conn: &mut AnyConnection, id: i64) -> Result<Option<StaffMember>, sqlx::Error> {
    let row: Option<Row> = sqlx::query_as("SELECT id, email, name, role FROM staff_users WHERE id = $1")
        .bind(id)
        .fetch_optional(conn)
        .await?;
    Ok(row.and_then(member))
}

pub async fn id_by_email(conn: &mut AnyConnection, email: &Email) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar("SELECT id FROM staff_users WHERE email = $1").bind(email.as_str()).fetch_optional(conn).await
}

pub async fn insert(
    conn: &mut AnyConnection,
    email: &Email,
    name: &str,
    role: Role,
    password_hash: &str,
    now: i64,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO staff_users (email, name, role, password_hash, created_at, password_changed_at) \
         VALUES ($1, $2, $3, $4, $5, $5) RETURNING id",
    )
    .bind(email.as_str())
    .bind(name)
    .bind(role.code())
    .bind(password_hash)
    .bind(now)
    .fetch_one(conn)
    .await
}

/// Sets a new password, re-enables the account and sets its role and name.
pub async fn reset(
    conn: &mut AnyConnection,
    id: i64,
    name: &str,
    role: Role,
    password_hash: &str,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE staff_users SET name = $1, role = $2, password_hash = $3, password_changed_at = $4, \
         disabled_at = NULL WHERE id = $5",
    )
    .bind(name)
    .bind(role.code())
    .bind(password_hash)
    .bind(now)
    .bind(id)
    .execute(conn)
    .await
    .map(drop)
}

pub async fn set_password(conn: &mut AnyConnection, id: i64, password_hash: &str, now: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE staff_users SET password_hash = $1, password_changed_at = $2 WHERE id = $3")
        .bind(password_hash)
        .bind(now)
        .bind(id)
        .execute(conn)
        .await
        .map(drop)
}

pub async fn create_session(
    conn: &mut AnyConnection,
    token_hash: &str,
    user_id: i64,
    now: i64,
    expires_at: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO staff_sessions (token_hash, user_id, created_at, last_seen_at, expires_at) \
         VALUES ($1, $2, $3, $3, $4)",
    )
    .bind(token_hash)
    .bind(user_id)
    .bind(now)
    .bind(expires_at)
    .execute(conn)
    .await
    .map(drop)
}

pub async fn delete_session(pool: &AnyPool, token_hash: &str) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM staff_sessions WHERE token_hash = $1").bind(token_hash).execute(pool).await.map(drop)
}

/// Ends every session of a user but `keep` (the one changing the password, say).
pub async fn delete_sessions_of(conn: &mut AnyConnection, user_id: i64, keep: Option<&str>) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM staff_sessions WHERE user_id = $1 AND token_hash <> $2")
        .bind(user_id)
        .bind(keep.unwrap_or(""))
        .execute(conn)
        .await
        .map(drop)
}

pub async fn record_failure(pool: &AnyPool, key: &str, now: i64) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO sign_in_failures (key, at) VALUES ($1, $2)").bind(key).bind(now).execute(pool).await?;
    // Old rows tell nothing any more.
    sqlx::query("DELETE FROM sign_in_failures WHERE at < $1").bind(now - 86_400).execute(pool).await.map(drop)
}

pub async fn failures_since(pool: &AnyPool, key: &str, since: i64) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT COUNT(*) FROM sign_in_failures WHERE key = $1 AND at >= $2")
        .bind(key)
        .bind(since)
        .fetch_one(pool)
        .await
}

pub async fn clear_failures(pool: &AnyPool, key: &str) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM sign_in_failures WHERE key = $1").bind(key).execute(pool).await.map(drop)
}
