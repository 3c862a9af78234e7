//! Staff accounts, sessions and sign-in failures.
use crate::domain::staff::{Email, Role, StaffAccount, StaffMember};
use sqlx::{AnyConnection, AnyPool};

/// id, e-mail, name, role, TOTP secret, whether the policy requires a second factor.
type Row = (i64, String, String, String, Option<String>, Option<String>);

const MEMBER_COLUMNS: &str = "u.id, u.email, u.name, u.role, u.totp_secret, \
    (SELECT m.value FROM app_meta m WHERE m.key = 'two_factor_required')";

fn member((id, email, name, role, totp, required): Row) -> Option<StaffMember> {
    let role = Role::parse(&role)?;
    let two_factor = totp.is_some();
    let required = required.as_deref() == Some("1") && crate::domain::staff::two_factor_applies(role);
    Some(StaffMember { id, email, name, role, two_factor, two_factor_due: required && !two_factor })
}

/// The member behind a live session (not expired, not idle too long, account enabled), and
/// marks the session used.
pub async fn session_member(
    pool: &AnyPool,
    token_hash: &str,
    now: i64,
    idle_seconds: i64,
) -> Result<Option<StaffMember>, sqlx::Error> {
    let row: Option<(i64, String, String, String, Option<String>, Option<String>, i64)> =
        sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT {MEMBER_COLUMNS}, s.last_seen_at FROM staff_sessions s \
         JOIN staff_users u ON u.id = s.user_id \
         WHERE s.token_hash = $1 AND s.expires_at > $2 AND s.last_seen_at > $3 AND u.disabled_at IS NULL"
        )))
        .bind(token_hash)
        .bind(now)
        .bind(now - idle_seconds)
        .fetch_optional(pool)
        .await?;
    let Some((id, email, name, role, totp, required, last_seen)) = row else {
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
    Ok(member((id, email, name, role, totp, required)))
}

/// An account's id, password hash, whether it is enabled, and its second factor if any.
pub struct Credentials {
    pub id: i64,
    pub password_hash: String,
    pub enabled: bool,
    pub totp_secret: Option<String>,
    pub totp_last_step: Option<i64>,
}

pub async fn credentials(pool: &AnyPool, email: &Email) -> Result<Option<Credentials>, sqlx::Error> {
    let row: Option<(i64, String, Option<i64>, Option<String>, Option<i64>)> = sqlx::query_as(
        "SELECT id, password_hash, disabled_at, totp_secret, totp_last_step FROM staff_users WHERE email = $1",
    )
    .bind(email.as_str())
    .fetch_optional(pool)
    .await?;
    Ok(row.map(|(id, password_hash, disabled, totp_secret, totp_last_step)| Credentials {
        id,
        password_hash,
        enabled: disabled.is_none(),
        totp_secret,
        totp_last_step,
    }))
}

pub async fn password_hash_of(pool: &AnyPool, id: i64) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar("SELECT password_hash FROM staff_users WHERE id = $1 AND disabled_at IS NULL")
        .bind(id)
        .fetch_optional(pool)
        .await
}

pub async fn by_id(conn: &mut AnyConnection, id: i64) -> Result<Option<StaffMember>, sqlx::Error> {
    let row: Option<Row> =
        sqlx::query_as(sqlx::AssertSqlSafe(format!("SELECT {MEMBER_COLUMNS} FROM staff_users u WHERE u.id = $1")))
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

/// The language a staff member uses the staff area in (their e-mails are written in it).
pub async fn set_locale(conn: &mut AnyConnection, user_id: i64, locale: &str) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE staff_users SET locale = $1 WHERE id = $2")
        .bind(locale)
        .bind(user_id)
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

/// Every account, enabled ones first, then by name.
pub async fn accounts(conn: &mut AnyConnection) -> Result<Vec<StaffAccount>, sqlx::Error> {
    let rows: Vec<(i64, String, String, String, Option<i64>, Option<String>, i64)> = sqlx::query_as(
        "SELECT id, email, name, role, disabled_at, totp_secret, created_at FROM staff_users \
         ORDER BY CASE WHEN disabled_at IS NULL THEN 0 ELSE 1 END, name, id",
    )
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(id, email, name, role, disabled, totp, created_at)| {
            Some(StaffAccount {
                id,
                email,
                name,
                role: Role::parse(&role)?,
                disabled: disabled.is_some(),
                two_factor: totp.is_some(),
                created_at,
            })
        })
        .collect())
}

/// An account's role and whether it is enabled.
pub async fn role_and_state(conn: &mut AnyConnection, id: i64) -> Result<Option<(Role, bool)>, sqlx::Error> {
    let row: Option<(String, Option<i64>)> =
        sqlx::query_as("SELECT role, disabled_at FROM staff_users WHERE id = $1").bind(id).fetch_optional(conn).await?;
    Ok(row.and_then(|(role, disabled)| Some((Role::parse(&role)?, disabled.is_none()))))
}

pub async fn set_role(conn: &mut AnyConnection, id: i64, role: Role) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE staff_users SET role = $1 WHERE id = $2")
        .bind(role.code())
        .bind(id)
        .execute(conn)
        .await
        .map(drop)
}

/// Disables (`Some(time)`) or enables (`None`) an account.
pub async fn set_disabled(conn: &mut AnyConnection, id: i64, at: Option<i64>) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE staff_users SET disabled_at = $1 WHERE id = $2").bind(at).bind(id).execute(conn).await.map(drop)
}

pub async fn active_admins(conn: &mut AnyConnection) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT COUNT(*) FROM staff_users WHERE role = 'admin' AND disabled_at IS NULL")
        .fetch_one(conn)
        .await
}

/// The secret set up (if any), the one offered during set-up (if any), and the last step used.
pub async fn totp_state(
    conn: &mut AnyConnection,
    id: i64,
) -> Result<(Option<String>, Option<String>, Option<i64>), sqlx::Error> {
    let row: Option<(Option<String>, Option<String>, Option<i64>)> =
        sqlx::query_as("SELECT totp_secret, totp_pending, totp_last_step FROM staff_users WHERE id = $1")
            .bind(id)
            .fetch_optional(conn)
            .await?;
    Ok(row.unwrap_or((None, None, None)))
}

pub async fn set_totp_pending(conn: &mut AnyConnection, id: i64, secret: Option<&str>) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE staff_users SET totp_pending = $1 WHERE id = $2")
        .bind(secret)
        .bind(id)
        .execute(conn)
        .await
        .map(drop)
}

/// Makes the offered secret the account's second factor, `step` its last code used.
pub async fn enable_totp(conn: &mut AnyConnection, id: i64, secret: &str, step: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE staff_users SET totp_secret = $1, totp_pending = NULL, totp_last_step = $2 WHERE id = $3")
        .bind(secret)
        .bind(step)
        .bind(id)
        .execute(conn)
        .await
        .map(drop)
}

/// Records `step` as used unless it (or a later one) already was; `false` if it was (the
/// same code sent twice at once is accepted only once).
pub async fn claim_totp_step(pool: &AnyPool, id: i64, step: i64) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE staff_users SET totp_last_step = $1 WHERE id = $2 AND (totp_last_step IS NULL OR totp_last_step < $1)",
    )
    .bind(step)
    .bind(id)
    .execute(pool)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Removes the second factor and its recovery codes.
pub async fn disable_totp(conn: &mut AnyConnection, id: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE staff_users SET totp_secret = NULL, totp_pending = NULL, totp_last_step = NULL WHERE id = $1")
        .bind(id)
        .execute(&mut *conn)
        .await?;
    sqlx::query("DELETE FROM staff_recovery_codes WHERE user_id = $1").bind(id).execute(conn).await.map(drop)
}

/// Replaces the recovery codes (their hashes) of an account.
pub async fn replace_recovery_codes(conn: &mut AnyConnection, id: i64, hashes: &[String]) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM staff_recovery_codes WHERE user_id = $1").bind(id).execute(&mut *conn).await?;
    for hash in hashes {
        sqlx::query("INSERT INTO staff_recovery_codes (user_id, code_hash) VALUES ($1, $2)")
            .bind(id)
            .bind(hash)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

/// Uses up a recovery code; `false` if it is not one of the account's unused codes.
pub async fn use_recovery_code(pool: &AnyPool, id: i64, hash: &str, now: i64) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE staff_recovery_codes SET used_at = $1 WHERE user_id = $2 AND code_hash = $3 AND used_at IS NULL",
    )
    .bind(now)
    .bind(id)
    .bind(hash)
    .execute(pool)
    .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn unused_recovery_codes(conn: &mut AnyConnection, id: i64) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT COUNT(*) FROM staff_recovery_codes WHERE user_id = $1 AND used_at IS NULL")
        .bind(id)
        .fetch_one(conn)
        .await
}

pub async fn two_factor_required(conn: &mut AnyConnection) -> Result<bool, sqlx::Error> {
    let value: Option<String> =
        sqlx::query_scalar("SELECT value FROM app_meta WHERE key = 'two_factor_required'").fetch_optional(conn).await?;
    Ok(value.as_deref() == Some("1"))
}

pub async fn set_two_factor_required(conn: &mut AnyConnection, required: bool) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO app_meta (key, value) VALUES ('two_factor_required', $1) \
         ON CONFLICT (key) DO UPDATE SET value = $1",
    )
    .bind(if required { "1" } else { "0" })
    .execute(conn)
    .await
    .map(drop)
}
