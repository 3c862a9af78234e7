//! Sponsorship for staff: the quotes inbox and one quote (editors), answering a quote and
//! moving a sponsorship (publishers), a sponsorship with its checklist, ticking it off, and
//! the revenue (editors).
use crate::domain::sponsorship_sale::{AcceptForm, MoveForm, QuoteFilter, QuoteInbox, QuoteReview, Revenue, SaleDetail};
#[cfg(feature = "ssr")]
use crate::domain::staff::Role;
use crate::error::AppError;
use leptos::prelude::*;

#[server(endpoint = "staff/sponsorship_quotes")]
pub async fn sponsorship_inbox(locale: String, filter: QuoteFilter) -> Result<QuoteInbox, AppError> {
    crate::ssr::auth::require(Role::Editor).await?;
    let locale = crate::domain::locale::require(&locale)?;
    let state = crate::ssr::state()?;
    crate::ssr::services::sponsorship_sales::inbox(&state.db, &filter, locale, crate::ssr::infra::clock::now()).await
}

#[server(endpoint = "staff/sponsorship_quote")]
pub async fn review_sponsorship_quote(locale: String, number: String) -> Result<QuoteReview, AppError> {
    crate::ssr::auth::require(Role::Editor).await?;
    let locale = crate::domain::locale::require(&locale)?;
    let state = crate::ssr::state()?;
    let now = crate::ssr::infra::clock::now();
    crate::ssr::services::sponsorship_sales::review(&state.db, number.trim(), locale, now).await
}

/// Accepts a quote; then to the sponsorship it made.
#[server(endpoint = "publisher/sponsorship_accept")]
pub async fn accept_sponsorship_quote(locale: String, form: AcceptForm) -> Result<(), AppError> {
    let member = crate::ssr::auth::require(Role::Publisher).await?;
    let locale = crate::domain::locale::require(&locale)?;
    let state = crate::ssr::state()?;
    let now = crate::ssr::infra::clock::now();
    let id = crate::ssr::services::sponsorship_sales::accept(&state.db, &member, &form, now).await?;
    let code = crate::domain::locale::code_of(locale);
    leptos_axum::redirect(&format!("/{code}/staff/sponsorship/sponsorships/{id}"));
    Ok(())
}

#[server(endpoint = "publisher/sponsorship_decline")]
pub async fn decline_sponsorship_quote(number: String) -> Result<(), AppError> {
    let member = crate::ssr::auth::require(Role::Publisher).await?;
    let state = crate::ssr::state()?;
    let now = crate::ssr::infra::clock::now();
    crate::ssr::services::sponsorship_sales::decline(&state.db, &member, number.trim(), now).await
}

#[server(endpoint = "staff/sponsorship")]
pub async fn load_sponsorship(locale: String, id: i64) -> Result<SaleDetail, AppError> {
    crate::ssr::auth::require(Role::Editor).await?;
    let locale = crate::domain::locale::require(&locale)?;
    let state = crate::ssr::state()?;
    crate::ssr::services::sponsorship_sales::sale(&state.db, id, locale).await
}

#[server(endpoint = "publisher/sponsorship_move")]
pub async fn move_sponsorship(id: i64, form: MoveForm) -> Result<(), AppError> {
    let member = crate::ssr::auth::require(Role::Publisher).await?;
    let state = crate::ssr::state()?;
    let now = crate::ssr::infra::clock::now();
    crate::ssr::services::sponsorship_sales::move_sale(&state.db, &member, id, &form, now).await
}

/// Ticks a checklist line done (`done` = `1`) or not.
#[server(endpoint = "staff/sponsorship_tick")]
pub async fn tick_sponsorship(id: i64, position: i64, done: String) -> Result<(), AppError> {
    let member = crate::ssr::auth::require(Role::Editor).await?;
    let state = crate::ssr::state()?;
    let now = crate::ssr::infra::clock::now();
    crate::ssr::services::sponsorship_sales::tick(&state.db, &member, id, position, done == "1", now).await
}

#[server(endpoint = "staff/sponsorship_revenue")]
pub async fn sponsorship_revenue(locale: String) -> Result<Revenue, AppError> {
    crate::ssr::auth::require(Role::Editor).await?;
    let locale = crate::domain::locale::require(&locale)?;
    let state = crate::ssr::state()?;
    crate::ssr::services::sponsorship_sales::revenue_of(&state.db, locale).await
}
