//! Administration: staff accounts. Everything here is under `admin/` (an administrator's
//! session is checked before a function runs) and checks the role again.
#[cfg(feature = "ssr")]
use crate::domain::staff::Role;
use crate::domain::staff::StaffAccount;
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[server(endpoint = "admin/staff_list")]
pub async fn staff_accounts() -> Result<Vec<StaffAccount>, AppError> {
    crate::ssr::auth::require(Role::Admin).await?;
    let state = crate::ssr::state()?;
    crate::ssr::services::staff::accounts(&state.db).await
}

/// A password to hand over once, for the account it was made for.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HandOver {
    pub email: String,
    pub password: String,
}

#[server(endpoint = "admin/staff_create")]
pub async fn create_staff(email: String, name: String, role: String) -> Result<HandOver, AppError> {
    let admin = crate::ssr::auth::require(Role::Admin).await?;
    let role = Role::parse(&role).ok_or(AppError::invalid("role", crate::error::FieldCode::Unknown))?;
    let state = crate::ssr::state()?;
    let (_, password) = crate::ssr::services::staff::create_account(&state.db, &admin, &email, &name, role).await?;
    let email = crate::domain::staff::Email::parse(&email).map(|e| e.to_string()).unwrap_or(email);
    Ok(HandOver { email, password })
}

#[server(endpoint = "admin/staff_role")]
pub async fn set_staff_role(id: i64, role: String) -> Result<(), AppError> {
    let admin = crate::ssr::auth::require(Role::Admin).await?;
    let role = Role::parse(&role).ok_or(AppError::invalid("role", crate::error::FieldCode::Unknown))?;
    let state = crate::ssr::state()?;
    crate::ssr::services::staff::set_role(&state.db, &admin, id, role).await
}

/// Disables (`enabled = false`) or enables an account.
#[server(endpoint = "admin/staff_enabled")]
pub async fn set_staff_enabled(id: i64, enabled: bool) -> Result<(), AppError> {
    let admin = crate::ssr::auth::require(Role::Admin).await?;
    let state = crate::ssr::state()?;
    crate::ssr::services::staff::set_enabled(&state.db, &admin, id, enabled).await
}

#[server(endpoint = "admin/staff_reset_password")]
pub async fn reset_staff_password(id: i64) -> Result<HandOver, AppError> {
    let admin = crate::ssr::auth::require(Role::Admin).await?;
    let state = crate::ssr::state()?;
    let (email, password) = crate::ssr::services::staff::reset_password(&state.db, &admin, id).await?;
    Ok(HandOver { email, password })
}

/// Whether publishers and administrators must use a second factor.
#[server(endpoint = "admin/two_factor_policy")]
pub async fn two_factor_policy() -> Result<bool, AppError> {
    crate::ssr::auth::require(Role::Admin).await?;
    let state = crate::ssr::state()?;
    crate::ssr::services::two_factor::policy(&state.db).await
}

#[server(endpoint = "admin/two_factor_require")]
pub async fn require_two_factor(required: bool) -> Result<(), AppError> {
    let admin = crate::ssr::auth::require(Role::Admin).await?;
    let state = crate::ssr::state()?;
    crate::ssr::services::two_factor::set_policy(&state.db, &admin, required).await
}

/// Removes a member's second factor (lost phone and recovery codes).
#[server(endpoint = "admin/two_factor_remove")]
pub async fn remove_two_factor(id: i64) -> Result<(), AppError> {
    let admin = crate::ssr::auth::require(Role::Admin).await?;
    let state = crate::ssr::state()?;
    crate::ssr::services::two_factor::remove_for(&state.db, &admin, id).await
}

/// The areas of action (`kind = area`) or regions (`region`) with their names.
#[server(endpoint = "admin/taxonomy")]
pub async fn taxonomy_terms(kind: String) -> Result<Vec<crate::domain::taxonomy::TermNames>, AppError> {
    crate::ssr::auth::require(Role::Admin).await?;
    let term = crate::ssr::services::taxonomy::parse_term(&kind)?;
    let state = crate::ssr::state()?;
    crate::ssr::services::taxonomy::list(&state.db, term).await
}

/// Renames a term in the six languages.
#[server(endpoint = "admin/taxonomy_rename")]
pub async fn rename_term(
    kind: String,
    code: String,
    names: crate::domain::taxonomy::NamesForm,
) -> Result<(), AppError> {
    let admin = crate::ssr::auth::require(Role::Admin).await?;
    let term = crate::ssr::services::taxonomy::parse_term(&kind)?;
    let state = crate::ssr::state()?;
    crate::ssr::services::taxonomy::rename(&state.db, &admin, term, &code, &names).await
}
