//! Expressions of interest: the public form (`interest/new`), the inbox and dashboard for
//! staff (`staff/…`), pipeline moves for publishers (`publisher/…`) and a partner's data
//! exported or erased by an administrator (`admin/…`).
use crate::domain::interest::{Dashboard, InboxFilter, InterestDetail, InterestForm, InterestRow, PipelineForm};
#[cfg(feature = "ssr")]
use crate::domain::staff::Role;
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// A partner tells staff they are interested in concept `slug`; then back to the concept
/// page, which says it was received.
#[server(endpoint = "interest/new")]
pub async fn express_interest(locale: String, slug: String, form: InterestForm) -> Result<(), AppError> {
    let locale = crate::domain::locale::require(&locale)?;
    if slug.len() > 200 {
        return Err(AppError::NotFound);
    }
    let state = crate::ssr::state()?;
    crate::ssr::services::interests::submit(&state.db, &slug, locale, &form, &crate::ssr::auth::client_ip()).await?;
    let code = crate::domain::locale::code_of(locale);
    leptos_axum::redirect(&format!("/{code}/concepts/{slug}?interest=sent#interest"));
    Ok(())
}

/// The inbox under these filters: the rows (newest first, at most a page) and the total.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InboxPage {
    pub rows: Vec<InterestRow>,
    pub total: i64,
}

#[server(endpoint = "staff/interests")]
pub async fn interest_inbox(filter: InboxFilter) -> Result<InboxPage, AppError> {
    crate::ssr::auth::require(Role::Editor).await?;
    let filter = filter.parse().map_err(AppError::Validation)?;
    let state = crate::ssr::state()?;
    let (rows, total) = crate::ssr::services::interests::inbox(&state.db, &filter).await?;
    Ok(InboxPage { rows, total })
}

#[server(endpoint = "staff/interest")]
pub async fn load_interest(id: i64, locale: String) -> Result<InterestDetail, AppError> {
    crate::ssr::auth::require(Role::Editor).await?;
    let locale = crate::domain::locale::require(&locale)?;
    let state = crate::ssr::state()?;
    crate::ssr::services::interests::detail(&state.db, id, locale).await
}

#[server(endpoint = "staff/interest_note")]
pub async fn add_interest_note(id: i64, note: String) -> Result<(), AppError> {
    let member = crate::ssr::auth::require(Role::Editor).await?;
    let state = crate::ssr::state()?;
    crate::ssr::services::interests::add_note(&state.db, &member, id, &note).await
}

#[server(endpoint = "publisher/interest_move")]
pub async fn move_interest(id: i64, form: PipelineForm) -> Result<(), AppError> {
    let member = crate::ssr::auth::require(Role::Publisher).await?;
    let state = crate::ssr::state()?;
    crate::ssr::services::interests::move_in_pipeline(&state.db, &member, id, &form).await
}

#[server(endpoint = "staff/dashboard")]
pub async fn pipeline_dashboard(locale: String) -> Result<Dashboard, AppError> {
    crate::ssr::auth::require(Role::Editor).await?;
    let locale = crate::domain::locale::require(&locale)?;
    let state = crate::ssr::state()?;
    crate::ssr::services::interests::dashboard(&state.db, locale).await
}

/// Everything recorded about the partner, as JSON, for a request for their data.
#[server(endpoint = "admin/interest_export")]
pub async fn export_partner(id: i64) -> Result<String, AppError> {
    let admin = crate::ssr::auth::require(Role::Admin).await?;
    let state = crate::ssr::state()?;
    crate::ssr::services::interests::export_partner(&state.db, &admin, id).await
}

#[server(endpoint = "admin/interest_erase")]
pub async fn erase_partner(id: i64) -> Result<(), AppError> {
    let admin = crate::ssr::auth::require(Role::Admin).await?;
    let state = crate::ssr::state()?;
    crate::ssr::services::interests::erase_partner(&state.db, &admin, id).await
}
