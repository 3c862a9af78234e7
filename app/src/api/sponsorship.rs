//! Sponsorship for the public: the events that take sponsors, and one event with its
//! activities and the price book in force (public facts only: prices, places left, what the
//! money goes to); asking for a quote; and a quote's page by the token its e-mail carries.
use crate::domain::sponsorship::{EventCard, EventOffer};
use crate::domain::sponsorship_quote::{Quote, QuoteForm};
use crate::error::AppError;
use leptos::prelude::*;

/// The events not yet over, soonest first. Public.
#[server(endpoint = "sponsorship_events")]
pub async fn sponsorship_events(locale: String) -> Result<Vec<EventCard>, AppError> {
    let locale = crate::domain::locale::require(&locale)?;
    let state = crate::ssr::state()?;
    crate::ssr::services::sponsorship::events(&state.db, locale, crate::ssr::infra::clock::now()).await
}

/// One event with its activities and price book; drafts are not found. Public.
#[server(endpoint = "sponsorship_event")]
pub async fn sponsorship_event(locale: String, slug: String) -> Result<EventOffer, AppError> {
    let locale = crate::domain::locale::require(&locale)?;
    if slug.len() > 120 {
        return Err(AppError::NotFound);
    }
    let state = crate::ssr::state()?;
    crate::ssr::services::sponsorship::event(&state.db, &slug, locale, crate::ssr::infra::clock::now()).await
}

/// Asks for a quote of the chosen activities; then back to the event's page, which says
/// the quote is on its way by e-mail. Public (rate-limited; robots are dropped).
#[server(endpoint = "sponsorship_quote/new")]
pub async fn request_sponsorship_quote(locale: String, form: QuoteForm) -> Result<(), AppError> {
    let locale = crate::domain::locale::require(&locale)?;
    let state = crate::ssr::state()?;
    let now = crate::ssr::infra::clock::now();
    let ip = crate::ssr::auth::client_ip();
    let number = crate::ssr::services::sponsorship::request_quote(&state.db, locale, &form, &ip, now).await?;
    let code = crate::domain::locale::code_of(locale);
    let event = crate::domain::catalogue::encode(form.event.trim());
    let sent = number.map_or_else(|| "sent".to_owned(), |n| crate::domain::catalogue::encode(&n));
    leptos_axum::redirect(&format!("/{code}/sponsorship?event={event}&quote={sent}#quote"));
    Ok(())
}

/// The quote whose page token is `token`. Public: the token is the key.
#[server(endpoint = "sponsorship_quote/get")]
pub async fn load_sponsorship_quote(locale: String, token: String) -> Result<Quote, AppError> {
    let locale = crate::domain::locale::require(&locale)?;
    let state = crate::ssr::state()?;
    crate::ssr::services::sponsorship::quote_by_token(&state.db, &token, locale).await
}
