//! Staff accounts: sign in and out, change password, create or reset an account.
use crate::domain::staff::{Email, Role, StaffAccount, StaffMember, check_new_password};
use crate::error::{AppError, FieldCode, FieldError};
use crate::ssr::auth::{hash_password, is_common_password, verify_password};
use crate::ssr::db::audit::{self, Subject};
use crate::ssr::db::staff as repo;
use crate::ssr::infra::database::{Db, WriteTx};
use crate::ssr::infra::random::{new_token, token_hash};
use crate::ssr::state::AppState;
use serde_json::json;

/// Failed sign-ins allowed per account and per client address in [`WINDOW`] seconds.
pub const PER_ACCOUNT: i64 = 5;
pub const PER_ADDRESS: i64 = 20;
pub const WINDOW: i64 = 15 * 60;

/// The answer to any wrong e-mail/password pair: the same whether the account exists, is
/// disabled or the password is wrong, so nobody learns who has an account.
fn wrong_credentials() -> AppError {
    AppError::invalid("password", FieldCode::WrongCredentials)
}

/// Checks the credentials and opens a session; returns its token (for the cookie).
pub async fn sign_in(
    state: &AppState,
    email: &str,
    password: &str,
    code: &str,
    client_ip: &str,
    locale: crate::i18n::Locale,
) -> Result<(String, StaffMember), AppError> {
    let now = crate::ssr::infra::clock::now();
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
    let Some(credentials) = credentials.filter(|_| ok) else {
        repo::record_failure(pool, &account_key, now).await?;
        repo::record_failure(pool, &address_key, now).await?;
        return Err(wrong_credentials());
    };
    let user_id = credentials.id;
    if let Some(secret) = &credentials.totp_secret {
        // The password was right: the second factor is asked for, and a wrong one counts as
        // a failed attempt.
        if code.trim().is_empty() {
            return Err(AppError::invalid("code", FieldCode::CodeRequired));
        }
        if !second_factor_ok(state, user_id, secret, credentials.totp_last_step, code, now).await? {
            repo::record_failure(pool, &account_key, now).await?;
            repo::record_failure(pool, &address_key, now).await?;
            return Err(AppError::invalid("code", FieldCode::WrongCode));
        }
    }
    repo::clear_failures(pool, &account_key).await?;
    // A new session id at every sign-in.
    let token = new_token();
    let mut tx = state.db.begin_write().await?;
    repo::create_session(tx.conn(), &token_hash(&token), user_id, now, now + state.config.session_max_seconds).await?;
    // E-mails to staff (obligation reminders) are written in the language they sign in with.
    repo::set_locale(tx.conn(), user_id, crate::domain::locale::code_of(locale)).await?;
    let member = repo::by_id(tx.conn(), user_id).await?.ok_or(AppError::Internal)?;
    audit::record(tx.conn(), Some(user_id), Subject::StaffUser(user_id), "signed_in", &json!({}), now).await?;
    tx.commit().await?;
    Ok((token, member))
}

/// A code from the authenticator app (each accepted once) or an unused recovery code.
async fn second_factor_ok(
    state: &AppState,
    user_id: i64,
    secret: &str,
    last_step: Option<i64>,
    code: &str,
    now: i64,
) -> Result<bool, AppError> {
    let pool = state.db.pool();
    if let Some(step) = crate::ssr::infra::totp::accepts(secret, code, now, last_step) {
        return Ok(repo::claim_totp_step(pool, user_id, step).await?);
    }
    match crate::ssr::infra::totp::normalise_recovery_code(code) {
        Some(recovery) => Ok(repo::use_recovery_code(pool, user_id, &token_hash(&recovery), now).await?),
        None => Ok(false),
    }
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
        return Err(AppError::invalid("current_password", FieldCode::WrongPassword));
    }
    check_new_password(new, is_common_password).map_err(|p| AppError::invalid("new_password", p.code()))?;
    let hash = hash_password(new.to_owned()).await?;
    let now = crate::ssr::infra::clock::now();
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
    let email = Email::parse(email).ok_or(AppError::invalid("email", FieldCode::Invalid))?;
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 200 {
        return Err(AppError::invalid("name", FieldCode::Invalid));
    }
    check_new_password(password, is_common_password).map_err(|p| AppError::invalid("password", p.code()))?;
    let hash = hash_password(password.to_owned()).await?;
    let now = crate::ssr::infra::clock::now();
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

/// Creates an account for a new staff member (by an administrator); returns its id and a
/// generated password to hand over once. The member changes it after signing in.
pub async fn create_account(
    db: &Db,
    admin: &StaffMember,
    email: &str,
    name: &str,
    role: Role,
) -> Result<(i64, String), AppError> {
    let mut errors = Vec::new();
    let email = Email::parse(email);
    if email.is_none() {
        errors.push(FieldError { field: "email".into(), code: FieldCode::InvalidEmail });
    }
    let name = name.trim();
    if name.is_empty() || name.chars().any(char::is_control) {
        errors.push(FieldError { field: "name".into(), code: FieldCode::Required });
    } else if name.chars().count() > 200 {
        errors.push(FieldError { field: "name".into(), code: FieldCode::TooLong });
    }
    let Some(email) = email.filter(|_| errors.is_empty()) else {
        return Err(AppError::Validation(errors));
    };
    let password = generated_password();
    let hash = hash_password(password.clone()).await?;
    let now = crate::ssr::infra::clock::now();
    let mut tx = db.begin_write().await?;
    if repo::id_by_email(tx.conn(), &email).await?.is_some() {
        return Err(AppError::invalid("email", FieldCode::Taken));
    }
    let id = repo::insert(tx.conn(), &email, name, role, &hash, now).await?;
    let detail = json!({ "email": email.as_str(), "name": name, "role": role.code() });
    audit::record(tx.conn(), Some(admin.id), Subject::StaffUser(id), "account_created", &detail, now).await?;
    tx.commit().await?;
    Ok((id, password))
}

/// Changes an account's role. The last enabled administrator keeps theirs.
pub async fn set_role(db: &Db, admin: &StaffMember, id: i64, role: Role) -> Result<(), AppError> {
    let now = crate::ssr::infra::clock::now();
    let mut tx = db.begin_write().await?;
    let (old, enabled) = repo::role_and_state(tx.conn(), id).await?.ok_or(AppError::NotFound)?;
    if old == role {
        return Ok(());
    }
    if old == Role::Admin && enabled && repo::active_admins(tx.conn()).await? <= 1 {
        return Err(AppError::invalid("role", FieldCode::LastAdmin));
    }
    repo::set_role(tx.conn(), id, role).await?;
    let detail = json!({ "from": old.code(), "to": role.code() });
    audit::record(tx.conn(), Some(admin.id), Subject::StaffUser(id), "role_changed", &detail, now).await?;
    tx.commit().await?;
    Ok(())
}

/// Disables an account (its sessions end at once) or enables it again. History is kept:
/// accounts are never deleted. Nobody disables themselves or the last administrator.
pub async fn set_enabled(db: &Db, admin: &StaffMember, id: i64, enabled: bool) -> Result<(), AppError> {
    let now = crate::ssr::infra::clock::now();
    let mut tx = db.begin_write().await?;
    let (role, was_enabled) = repo::role_and_state(tx.conn(), id).await?.ok_or(AppError::NotFound)?;
    if was_enabled == enabled {
        return Ok(());
    }
    if !enabled && id == admin.id {
        return Err(AppError::invalid("account", FieldCode::OwnAccount));
    }
    if !enabled && role == Role::Admin && repo::active_admins(tx.conn()).await? <= 1 {
        return Err(AppError::invalid("account", FieldCode::LastAdmin));
    }
    repo::set_disabled(tx.conn(), id, (!enabled).then_some(now)).await?;
    if !enabled {
        repo::delete_sessions_of(tx.conn(), id, None).await?;
    }
    let action = if enabled { "account_enabled" } else { "account_disabled" };
    audit::record(tx.conn(), Some(admin.id), Subject::StaffUser(id), action, &json!({}), now).await?;
    tx.commit().await?;
    Ok(())
}

/// Gives an account a new generated password (to hand over once) and ends its sessions;
/// returns the account's address and the password.
pub async fn reset_password(db: &Db, admin: &StaffMember, id: i64) -> Result<(String, String), AppError> {
    let password = generated_password();
    let hash = hash_password(password.clone()).await?;
    let now = crate::ssr::infra::clock::now();
    let mut tx = db.begin_write().await?;
    let email = repo::by_id(tx.conn(), id).await?.ok_or(AppError::NotFound)?.email;
    repo::set_password(tx.conn(), id, &hash, now).await?;
    repo::delete_sessions_of(tx.conn(), id, None).await?;
    audit::record(tx.conn(), Some(admin.id), Subject::StaffUser(id), "password_reset", &json!({}), now).await?;
    tx.commit().await?;
    Ok((email, password))
}

pub async fn accounts(db: &Db) -> Result<Vec<StaffAccount>, AppError> {
    let mut conn = db.pool().acquire().await?;
    Ok(repo::accounts(&mut conn).await?)
}

/// A password for a new account handed over once: 20 random characters from an alphabet
/// without look-alikes, in groups of five (about 100 bits).
pub fn generated_password() -> String {
    const ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";
    let token = crate::ssr::infra::random::new_token();
    let bytes =
        token.as_bytes().chunks(2).filter_map(|pair| u8::from_str_radix(std::str::from_utf8(pair).ok()?, 16).ok());
    let chars: Vec<char> = bytes.take(20).map(|b| ALPHABET[usize::from(b) % ALPHABET.len()] as char).collect();
    chars.chunks(5).map(|c| c.iter().collect::<String>()).collect::<Vec<_>>().join("-")
}
