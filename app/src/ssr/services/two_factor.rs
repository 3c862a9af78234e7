//! A second factor for staff: set up TOTP (an offered secret becomes the account's once the
//! member types a code from their app), recovery codes shown once, turning it off, and the
//! administrators' policy that requires it of publishers and administrators.
use crate::domain::staff::{Role, StaffMember, TwoFactorSetup, TwoFactorStatus, two_factor_applies};
use crate::error::{AppError, FieldCode};
use crate::ssr::auth::verify_password;
use crate::ssr::db::audit::{self, Subject};
use crate::ssr::db::staff as repo;
use crate::ssr::infra::database::Db;
use crate::ssr::infra::random::token_hash;
use crate::ssr::infra::totp;
use serde_json::json;

/// The name authenticator apps show next to the code.
const ISSUER: &str = "Partnership Opportunities";

pub async fn status(db: &Db, member: &StaffMember) -> Result<TwoFactorStatus, AppError> {
    let mut conn = db.pool().acquire().await?;
    let (secret, pending, _) = repo::totp_state(&mut conn, member.id).await?;
    let required = repo::two_factor_required(&mut conn).await? && two_factor_applies(member.role);
    Ok(TwoFactorStatus {
        enabled: secret.is_some(),
        required,
        recovery_codes_left: repo::unused_recovery_codes(&mut conn, member.id).await?,
        setup: pending.filter(|_| secret.is_none()).map(|p| setup(member, &p)),
    })
}

/// Offers a new secret (replacing any offered before) to add to an authenticator app.
pub async fn begin(db: &Db, member: &StaffMember) -> Result<TwoFactorSetup, AppError> {
    let secret = totp::new_secret();
    let mut tx = db.begin_write().await?;
    let (current, _, _) = repo::totp_state(tx.conn(), member.id).await?;
    if current.is_some() {
        return Err(AppError::invalid("code", FieldCode::AlreadyEnabled));
    }
    repo::set_totp_pending(tx.conn(), member.id, Some(&secret)).await?;
    tx.commit().await?;
    Ok(setup(member, &secret))
}

/// The offered secret as text, as an address and as a QR code of that address.
fn setup(member: &StaffMember, secret: &str) -> TwoFactorSetup {
    let uri = totp::otpauth_uri(ISSUER, &member.email, secret);
    let qr_svg = qrcode::QrCode::new(uri.as_bytes())
        .map(|code| code.render::<qrcode::render::svg::Color>().min_dimensions(200, 200).quiet_zone(true).build())
        .unwrap_or_default();
    TwoFactorSetup { secret: totp::grouped(secret), uri, qr_svg }
}

/// Turns the offered secret on if `code` is right for it; returns the recovery codes, which
/// are shown this once.
pub async fn confirm(db: &Db, member: &StaffMember, code: &str) -> Result<Vec<String>, AppError> {
    let now = crate::ssr::infra::clock::now();
    let mut tx = db.begin_write().await?;
    let (_, pending, _) = repo::totp_state(tx.conn(), member.id).await?;
    let pending = pending.ok_or(AppError::invalid("code", FieldCode::NoSetup))?;
    let step = totp::accepts(&pending, code, now, None).ok_or(AppError::invalid("code", FieldCode::WrongCode))?;
    enable_with_new_codes(tx, member, &pending, step, "two_factor_enabled", now).await
}

/// New recovery codes (the old ones stop working); needs a current code from the app.
pub async fn renew_recovery_codes(db: &Db, member: &StaffMember, code: &str) -> Result<Vec<String>, AppError> {
    let now = crate::ssr::infra::clock::now();
    let mut tx = db.begin_write().await?;
    let (secret, _, last) = repo::totp_state(tx.conn(), member.id).await?;
    let secret = secret.ok_or(AppError::invalid("code", FieldCode::NoSetup))?;
    let step = totp::accepts(&secret, code, now, last).ok_or(AppError::invalid("code", FieldCode::WrongCode))?;
    enable_with_new_codes(tx, member, &secret, step, "recovery_codes_renewed", now).await
}

/// Sets `secret` (with `step` as its last code used) and ten new recovery codes, records
/// `action`, commits, and returns the codes to show once.
async fn enable_with_new_codes(
    mut tx: crate::ssr::infra::database::WriteTx,
    member: &StaffMember,
    secret: &str,
    step: i64,
    action: &str,
    now: i64,
) -> Result<Vec<String>, AppError> {
    repo::enable_totp(tx.conn(), member.id, secret, step).await?;
    let codes = totp::new_recovery_codes();
    repo::replace_recovery_codes(tx.conn(), member.id, &recovery_hashes(&codes)).await?;
    audit::record(tx.conn(), Some(member.id), Subject::StaffUser(member.id), action, &json!({}), now).await?;
    tx.commit().await?;
    Ok(codes)
}

/// Turns the second factor off, with the member's password; not while the policy requires it.
pub async fn turn_off(db: &Db, member: &StaffMember, password: &str) -> Result<(), AppError> {
    let stored = repo::password_hash_of(db.pool(), member.id).await?;
    let typed: String = password.chars().take(crate::domain::staff::PASSWORD_MAX_CHARS).collect();
    if !verify_password(typed, stored).await {
        return Err(AppError::invalid("password", FieldCode::WrongPassword));
    }
    let now = crate::ssr::infra::clock::now();
    let mut tx = db.begin_write().await?;
    if repo::two_factor_required(tx.conn()).await? && two_factor_applies(member.role) {
        return Err(AppError::invalid("password", FieldCode::TwoFactorRequired));
    }
    repo::disable_totp(tx.conn(), member.id).await?;
    audit::record(tx.conn(), Some(member.id), Subject::StaffUser(member.id), "two_factor_disabled", &json!({}), now)
        .await?;
    tx.commit().await?;
    Ok(())
}

/// An administrator removes a member's second factor (lost phone and codes); they set it up
/// again at their next sign-in if the policy requires it.
pub async fn remove_for(db: &Db, admin: &StaffMember, id: i64) -> Result<(), AppError> {
    let now = crate::ssr::infra::clock::now();
    let mut tx = db.begin_write().await?;
    repo::role_and_state(tx.conn(), id).await?.ok_or(AppError::NotFound)?;
    repo::disable_totp(tx.conn(), id).await?;
    audit::record(tx.conn(), Some(admin.id), Subject::StaffUser(id), "two_factor_removed", &json!({}), now).await?;
    tx.commit().await?;
    Ok(())
}

/// Requires (or stops requiring) a second factor of publishers and administrators.
pub async fn set_policy(db: &Db, admin: &StaffMember, required: bool) -> Result<(), AppError> {
    debug_assert!(admin.role.includes(Role::Admin));
    if required && !admin.two_factor {
        return Err(AppError::invalid("required", FieldCode::OwnFirst));
    }
    let now = crate::ssr::infra::clock::now();
    let mut tx = db.begin_write().await?;
    repo::set_two_factor_required(tx.conn(), required).await?;
    let detail = json!({ "required": required });
    audit::record(tx.conn(), Some(admin.id), Subject::StaffUser(admin.id), "two_factor_policy", &detail, now).await?;
    tx.commit().await?;
    Ok(())
}

pub async fn policy(db: &Db) -> Result<bool, AppError> {
    let mut conn = db.pool().acquire().await?;
    Ok(repo::two_factor_required(&mut conn).await?)
}

fn recovery_hashes(codes: &[String]) -> Vec<String> {
    codes.iter().filter_map(|c| totp::normalise_recovery_code(c)).map(|c| token_hash(&c)).collect()
}
