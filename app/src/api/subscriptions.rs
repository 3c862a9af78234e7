//! Subscriptions: public endpoints (anyone may subscribe; a personal link is the only key to
//! a subscription). Forms post with or without JavaScript.
use crate::domain::subscription::{Criteria, DryRun, Preferences, SubscriptionForm};
use crate::error::AppError;
use leptos::prelude::*;

/// What these criteria would have brought in the last 90 days.
#[server(endpoint = "subscribe/dry_run")]
pub async fn dry_run_alerts(locale: String, criteria: Option<Criteria>) -> Result<DryRun, AppError> {
    // Nothing chosen leaves `criteria` out of the request altogether.
    let criteria = criteria.unwrap_or_default();
    let locale = crate::domain::locale::require(&locale)?;
    let lists = [&criteria.areas, &criteria.regions, &criteria.countries, &criteria.groups];
    if lists.iter().any(|l| l.len() > crate::domain::subscription::LIST_MAX) {
        return Err(AppError::invalid("criteria", crate::error::FieldCode::TooLong));
    }
    let state = crate::ssr::state()?;
    crate::ssr::services::subscriptions::dry_run(&state.db, locale, &criteria).await
}

/// Subscribes (double opt-in). The same answer whether the address is new or known. `website`
/// is a field people do not see: a robot that fills it gets the same answer and nothing else.
#[server(endpoint = "subscribe/new")]
pub async fn subscribe(locale: String, form: SubscriptionForm, website: Option<String>) -> Result<(), AppError> {
    let locale = crate::domain::locale::require(&locale)?;
    let state = crate::ssr::state()?;
    if website.is_none_or(|w| w.is_empty()) {
        crate::ssr::services::subscriptions::subscribe(&state.db, &form, &crate::ssr::auth::client_ip()).await?;
    }
    leptos_axum::redirect(&format!("/{}/subscribe/thanks", crate::domain::locale::code_of(locale)));
    Ok(())
}

/// Confirms a subscription with the link from the confirmation e-mail, then shows the
/// confirmation page saying so (`?confirmed`).
#[server(endpoint = "subscribe/confirm")]
pub async fn confirm_subscription(locale: String, token: String) -> Result<(), AppError> {
    let locale = crate::domain::locale::parse(&locale).unwrap_or(crate::i18n::Locale::en);
    let state = crate::ssr::state()?;
    crate::ssr::services::subscriptions::confirm(&state.db, &token).await?;
    leptos_axum::redirect(&format!("/{}/subscribe/confirm?confirmed", crate::domain::locale::code_of(locale)));
    Ok(())
}

/// The subscription a personal link is for.
#[server(endpoint = "subscription/get")]
pub async fn subscription(token: String) -> Result<Preferences, AppError> {
    let state = crate::ssr::state()?;
    crate::ssr::services::subscriptions::preferences(&state.db, &token).await
}

#[server(endpoint = "subscription/save")]
pub async fn save_subscription(token: String, form: SubscriptionForm) -> Result<(), AppError> {
    let state = crate::ssr::state()?;
    crate::ssr::services::subscriptions::save_preferences(&state.db, &token, &form).await
}

#[server(endpoint = "subscription/leave")]
pub async fn unsubscribe(token: String) -> Result<(), AppError> {
    let state = crate::ssr::state()?;
    crate::ssr::services::subscriptions::unsubscribe(&state.db, &token).await
}

/// The areas, regions and countries a subscriber may follow, named in `locale`.
#[server(endpoint = "subscribe/choices")]
pub async fn subscribe_choices(locale: String) -> Result<crate::api::editor::EditorChoices, AppError> {
    let locale = crate::domain::locale::require(&locale)?;
    let state = crate::ssr::state()?;
    crate::api::editor::choices(&state, crate::domain::locale::code_of(locale)).await
}
