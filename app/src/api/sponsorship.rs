//! Sponsorship for the public: the events that take sponsors, and one event with its
//! activities and the price book in force (public facts only: prices, places left, what the
//! money goes to). Nothing here changes anything.
use crate::domain::sponsorship::{EventCard, EventOffer};
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
