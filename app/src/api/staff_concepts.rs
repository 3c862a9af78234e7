//! The staff's view of concepts: every status.
#[cfg(feature = "ssr")]
use crate::domain::staff::Role;
use crate::domain::staff::StaffConceptRow;
use crate::error::AppError;
use leptos::prelude::*;

/// Every concept, any status, most recently changed first. Editors and up.
#[server(endpoint = "staff/concepts")]
pub async fn staff_concepts(locale: String) -> Result<Vec<StaffConceptRow>, AppError> {
    crate::ssr::auth::require(Role::Editor).await?;
    let locale = crate::domain::locale::require(&locale)?;
    let state = crate::ssr::state()?;
    let mut conn = state.db.pool().acquire().await?;
    Ok(crate::ssr::db::concepts::staff_list(&mut conn, crate::domain::locale::code_of(locale)).await?)
}
