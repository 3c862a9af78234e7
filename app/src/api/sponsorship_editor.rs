//! Sponsorship set-up for staff: events, an event and an activity to edit (editors), and
//! saving an event, an activity or a new price book version (publishers).
use crate::domain::sponsorship_editor::{
    ActivityEdit, ActivityForm, EventEdit, EventForm, EventListing, PriceBookForm,
};
use crate::domain::staff::AuditEntry;
#[cfg(feature = "ssr")]
use crate::domain::staff::Role;
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
fn event_path(locale: &str, slug: &str) -> String {
    format!("/{locale}/staff/sponsorship/events/{}", crate::domain::catalogue::encode(slug))
}

#[server(endpoint = "staff/sponsorship_events")]
pub async fn sponsorship_events(locale: String) -> Result<Vec<EventListing>, AppError> {
    crate::ssr::auth::require(Role::Editor).await?;
    let locale = crate::domain::locale::require(&locale)?;
    let state = crate::ssr::state()?;
    crate::ssr::services::sponsorship_editor::events(&state.db, locale).await
}

#[server(endpoint = "staff/sponsorship_event")]
pub async fn load_sponsorship_event(locale: String, slug: String) -> Result<EventEdit, AppError> {
    crate::ssr::auth::require(Role::Editor).await?;
    let locale = crate::domain::locale::require(&locale)?;
    let state = crate::ssr::state()?;
    crate::ssr::services::sponsorship_editor::event(&state.db, slug.trim(), locale).await
}

#[server(endpoint = "staff/sponsorship_event_history")]
pub async fn sponsorship_event_history(slug: String) -> Result<Vec<AuditEntry>, AppError> {
    crate::ssr::auth::require(Role::Editor).await?;
    let state = crate::ssr::state()?;
    crate::ssr::services::sponsorship_editor::history(&state.db, slug.trim()).await
}

/// Makes a new event (a draft); then to its page.
#[server(endpoint = "publisher/sponsorship_event_create")]
pub async fn create_sponsorship_event(locale: String, form: EventForm) -> Result<(), AppError> {
    let member = crate::ssr::auth::require(Role::Publisher).await?;
    let locale = crate::domain::locale::require(&locale)?;
    let state = crate::ssr::state()?;
    let now = crate::ssr::infra::clock::now();
    let slug = crate::ssr::services::sponsorship_editor::create_event(&state.db, &member, &form, now).await?;
    leptos_axum::redirect(&event_path(crate::domain::locale::code_of(locale), &slug));
    Ok(())
}

#[server(endpoint = "publisher/sponsorship_event_save")]
pub async fn save_sponsorship_event(slug: String, form: EventForm) -> Result<(), AppError> {
    let member = crate::ssr::auth::require(Role::Publisher).await?;
    let state = crate::ssr::state()?;
    let now = crate::ssr::infra::clock::now();
    crate::ssr::services::sponsorship_editor::update_event(&state.db, &member, slug.trim(), &form, now).await
}

/// Activity `id` of event `slug` to edit; `id` 0 for a new one.
#[server(endpoint = "staff/sponsorship_activity")]
pub async fn load_sponsorship_activity(locale: String, slug: String, id: i64) -> Result<ActivityEdit, AppError> {
    crate::ssr::auth::require(Role::Editor).await?;
    let locale = crate::domain::locale::require(&locale)?;
    let state = crate::ssr::state()?;
    crate::ssr::services::sponsorship_editor::activity(&state.db, slug.trim(), id, locale).await
}

/// Saves an activity (`id` 0: adds one); then back to the event's page.
#[server(endpoint = "publisher/sponsorship_activity_save")]
pub async fn save_sponsorship_activity(
    locale: String,
    slug: String,
    id: i64,
    form: ActivityForm,
) -> Result<(), AppError> {
    let member = crate::ssr::auth::require(Role::Publisher).await?;
    let locale = crate::domain::locale::require(&locale)?;
    let state = crate::ssr::state()?;
    let now = crate::ssr::infra::clock::now();
    let slug = slug.trim();
    crate::ssr::services::sponsorship_editor::save_activity(&state.db, &member, slug, id, &form, now).await?;
    leptos_axum::redirect(&format!("{}#activities", event_path(crate::domain::locale::code_of(locale), slug)));
    Ok(())
}

/// Writes the next version of an event's price book; returns its number.
#[server(endpoint = "publisher/sponsorship_price_book")]
pub async fn save_sponsorship_price_book(slug: String, form: PriceBookForm) -> Result<i64, AppError> {
    let member = crate::ssr::auth::require(Role::Publisher).await?;
    let state = crate::ssr::state()?;
    let now = crate::ssr::infra::clock::now();
    crate::ssr::services::sponsorship_editor::save_price_book(&state.db, &member, slug.trim(), &form, now).await
}
