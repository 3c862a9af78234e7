//! Staff accounts: sign in and out, change password, create or reset an account.
use crate::domain::staff::{Email, Role, StaffMember, check_new_password};
use crate::error::AppError;
use crate::ssr::AppState;
use crate::ssr::auth::{self, hash_password, is_common_password, new_token, token_hash, verify_password};
use crate::ssr::db::audit::{self, Subject};
use crate::ssr::db::staff as repo;
use crate::ssr::db::{Db, WriteTx};
use serde_json::json;

/// Failed sign-ins allowed per account and per client address in [`WINDOW`] seconds.
pub const PER_ACCOUNT: i64 = 5;
pub const PER_ADDRESS: i64 = 20;
pub const WINDOW: i64 = 15 * 60;

/// The answer to any wrong e-mail/password pair: the same whether the account exists, is
/// disabled or the password is wrong, so nobody learns who has an account.
fn wrong_credentials() -> AppError {
    AppError::invalid("password", "wrong_credentials")
}

/// Checks the credentials and opens a session; returns its token (for the cookie).
pub async fn sign_in(
    state: &AppState,
    email: &str,
    password: &str,
    client_ip: &str,
) -> Result<(String, StaffMember), AppError> {
    let now = crate::ssr::now();
    let pool = state.db.pool();
    // Rate limits before any work, keyed by what was typed (existing account or not).
    let email = Email::parse(email);
    let account_key = format!("email:{}", email.as_ref().map_or("", Email::as_str));
    let address_key = format!("ip:{client_ip}");
    let since = now - WINDOW;
    if repo::failures_since(pool, &account_key, since).await? >= PER_ACCOUNT
        || repo::failures_since(pool, &address_key, since).await? >= PER_ADDRESS
    {
        return Err(AppError::RateLimited);
    }
    let credentials = match &email {
        Some(email) => repo::credentials(pool, email).await?,
        None => None,
    };
    let stored = credentials.as_ref().filter(|c| c.enabled).map(|c| c.password_hash.clone());
    // Long passwords are cut before hashing: the rules cap them anyway.
    let typed: String = password.chars().take(crate::domain::staff::PASSWORD_MAX_CHARS).collect();
    let ok = verify_password(typed, stored).await;
    let Some(user_id) = credentials.filter(|_| ok).map(|c| c.id) else {
        repo::record_failure(pool, &account_key, now).await?;
        repo::record_failure(pool, &address_key, now).await?;
        return Err(wrong_credentials());
    };
    repo::clear_failures(pool, &account_key).await?;
    // A new session id at every sign-in.
    let token = new_token();
    let mut tx = state.db.begin_write().await?;
    repo::create_session(tx.conn(), &token_hash(&token), user_id, now, now + state.config.session_max_seconds).await?;
    let member = repo::by_id(tx.conn(), user_id).await?.ok_or(AppError::Internal)?;
    audit::record(tx.conn(), Some(user_id), Subject::StaffUser(user_id), "signed_in", &json!({}), now).await?;
    tx.commit().await?;
    Ok((token, member))
}

pub async fn sign_out(state: &AppState, token: &str) -> Result<(), AppError> {
    repo::delete_session(state.db.pool(), &token_hash(token)).await?;
    Ok(())
}

/// Changes the signed-in member's password and ends their other sessions.
pub async fn change_password(
    state: &AppState,
    member: &StaffMember,
    current_token: &str,
    current: &str,
    new: &str,
) -> Result<(), AppError> {
    let stored = repo::password_hash_of(state.db.pool(), member.id).await?;
    let current: String = current.chars().take(crate::domain::staff::PASSWORD_MAX_CHARS).collect();
    if !verify_password(current, stored).await {
        return Err(AppError::invalid("current_password", "wrong_password"));
    }
    check_new_password(new, is_common_password).map_err(|p| AppError::invalid("new_password", p.code()))?;
    let hash = hash_password(new.to_owned()).await?;
    let now = crate::ssr::now();
    let mut tx = state.db.begin_write().await?;
    repo::set_password(tx.conn(), member.id, &hash, now).await?;
    repo::delete_sessions_of(tx.conn(), member.id, Some(&token_hash(current_token))).await?;
    audit::record(tx.conn(), Some(member.id), Subject::StaffUser(member.id), "password_changed", &json!({}), now)
        .await?;
    tx.commit().await?;
    Ok(())
}

/// Whether [`upsert_account`] created the account or reset an existing one.
#[derive(Debug, PartialEq, Eq)]
pub enum Upserted {
    Created(i64),
    Reset(i64),
}

/// Creates an account, or resets an existing one (new password, role and name, enabled
/// again, every session ended). For the command line and the demo seed.
pub async fn upsert_account(
    db: &Db,
    email: &str,
    name: &str,
    role: Role,
    password: &str,
) -> Result<Upserted, AppError> {
    let email = Email::parse(email).ok_or(AppError::invalid("email", "invalid"))?;
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 200 {
        return Err(AppError::invalid("name", "invalid"));
    }
    check_new_password(password, is_common_password).map_err(|p| AppError::invalid("password", p.code()))?;
    let hash = hash_password(password.to_owned()).await?;
    let now = crate::ssr::now();
    let mut tx: WriteTx = db.begin_write().await?;
    let result = match repo::id_by_email(tx.conn(), &email).await? {
        Some(id) => {
            repo::reset(tx.conn(), id, name, role, &hash, now).await?;
            repo::delete_sessions_of(tx.conn(), id, None).await?;
            Upserted::Reset(id)
        }
        None => Upserted::Created(repo::insert(tx.conn(), &email, name, role, &hash, now).await?),
    };
    let (id, action) = match result {
        Upserted::Created(id) => (id, "account_created"),
        Upserted::Reset(id) => (id, "account_reset"),
    };
    audit::record(tx.conn(), None, Subject::StaffUser(id), action, &json!({ "role": role.code() }), now).await?;
    tx.commit().await?;
    Ok(result)
}

/// A password for a new account handed over once: 20 random characters from an alphabet
/// without look-alikes, in groups of five (about 100 bits).
pub fn generated_password() -> String {
    const ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";
    let token = auth::new_token();
    let bytes =
        token.as_bytes().chunks(2).filter_map(|pair| u8::from_str_radix(std::str::from_utf8(pair).ok()?, 16).ok());
    let chars: Vec<char> = bytes.take(20).map(|b| ALPHABET[usize::from(b) % ALPHABET.len()] as char).collect();
    chars.chunks(5).map(|c| c.iter().collect::<String>()).collect::<Vec<_>>().join("-")
}
