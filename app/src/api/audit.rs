//! The whole audit log, for publishers and administrators (`publisher/…`).
use crate::domain::staff::AuditEntry;
#[cfg(feature = "ssr")]
use crate::domain::staff::Role;
use crate::error::AppError;
use leptos::prelude::*;

/// Entries per page of the audit log.
pub const PAGE: i64 = 100;

/// The newest entries, or those older than entry `before`.
#[server(endpoint = "publisher/audit_list")]
pub async fn audit_log(before: Option<i64>) -> Result<Vec<AuditEntry>, AppError> {
    crate::ssr::auth::require(Role::Publisher).await?;
    let state = crate::ssr::state()?;
    let mut conn = state.db.pool().acquire().await?;
    Ok(crate::ssr::db::audit::list(&mut conn, None, before.filter(|b| *b > 0), PAGE).await?)
}
