//! Funding partners: the public directory and profiles (public fields only), the staff
//! profile with the relationship, and for staff the suggested funders of a concept, marking
//! one "not a fit" for it (or taking that back).
use crate::domain::funder::{FunderDirectory, FunderForm, FunderProfile, FunderQuery};
use crate::domain::funder_fit::{FunderSuggestions, Weights, WeightsForm};
#[cfg(feature = "ssr")]
use crate::domain::staff::Role;
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

/// The suggested funders of concept `concept`, with their badges, in `locale`.
#[server(endpoint = "staff/funder_suggestions")]
pub async fn load_funder_suggestions(concept: i64, locale: String) -> Result<FunderSuggestions, AppError> {
    crate::ssr::auth::require(Role::Editor).await?;
    let locale = crate::domain::locale::require(&locale)?;
    let state = crate::ssr::state()?;
    crate::ssr::services::funders::suggestions(&state.db, concept, locale, crate::ssr::infra::clock::now()).await
}

/// Marks funder `organisation` not a fit for `concept`, with the reason.
#[server(endpoint = "staff/funder_not_a_fit")]
pub async fn mark_not_a_fit(concept: i64, organisation: i64, reason: String) -> Result<(), AppError> {
    let member = crate::ssr::auth::require(Role::Editor).await?;
    let state = crate::ssr::state()?;
    crate::ssr::services::funders::mark_not_a_fit(&state.db, &member, concept, organisation, &reason).await
}

/// Suggests funder `organisation` for `concept` again.
#[server(endpoint = "staff/funder_fit_again")]
pub async fn fit_again(concept: i64, organisation: i64) -> Result<(), AppError> {
    let member = crate::ssr::auth::require(Role::Editor).await?;
    let state = crate::ssr::state()?;
    crate::ssr::services::funders::clear_not_a_fit(&state.db, &member, concept, organisation).await
}

/// A page of the public directory of funders matching `query`. Public.
#[server(endpoint = "funders", input = Json)]
pub async fn list_funders(locale: String, query: FunderQuery) -> Result<FunderDirectory, AppError> {
    let locale = crate::domain::locale::require(&locale)?;
    let state = crate::ssr::state()?;
    crate::ssr::services::funders::directory(&state.db, &query, locale).await
}

/// A funder's public profile: its public fields and what its public agreements show. Public.
#[server(endpoint = "funder_profile")]
pub async fn public_funder_profile(locale: String, organisation: i64) -> Result<FunderProfile, AppError> {
    let locale = crate::domain::locale::require(&locale)?;
    let state = crate::ssr::state()?;
    crate::ssr::services::funders::profile(&state.db, organisation, locale, false).await
}

/// The same for staff: every agreement, and the relationship (owner, contacts, notes).
#[server(endpoint = "staff/funder_profile")]
pub async fn staff_funder_profile(locale: String, organisation: i64) -> Result<FunderProfile, AppError> {
    crate::ssr::auth::require(Role::Editor).await?;
    let locale = crate::domain::locale::require(&locale)?;
    let state = crate::ssr::state()?;
    crate::ssr::services::funders::profile(&state.db, organisation, locale, true).await
}

/// The weights the suggestions are scored with.
#[server(endpoint = "staff/funder_weights")]
pub async fn funder_weights() -> Result<Weights, AppError> {
    crate::ssr::auth::require(Role::Editor).await?;
    let state = crate::ssr::state()?;
    crate::ssr::services::funders::weights(&state.db).await
}

/// Sets the weights (administrators).
#[server(endpoint = "admin/funder_weights_save")]
pub async fn save_funder_weights(form: WeightsForm) -> Result<Weights, AppError> {
    let admin = crate::ssr::auth::require(Role::Admin).await?;
    let state = crate::ssr::state()?;
    crate::ssr::services::funders::set_weights(&state.db, &admin, &form).await
}

/// The edit form of an organisation's funder profile, and whether it has one (editors).
#[server(endpoint = "staff/funder_profile_form")]
pub async fn load_funder_form(organisation: i64) -> Result<(FunderForm, bool), AppError> {
    crate::ssr::auth::require(Role::Editor).await?;
    let state = crate::ssr::state()?;
    crate::ssr::services::funders::form(&state.db, organisation).await
}

/// Records (`create` "true": refused when the organisation has one) or changes an
/// organisation's funder profile (editors).
#[server(endpoint = "staff/funder_profile_save")]
pub async fn save_funder_profile(organisation: i64, create: String, form: FunderForm) -> Result<(), AppError> {
    let member = crate::ssr::auth::require(Role::Editor).await?;
    let create = match create.as_str() {
        "true" => true,
        "false" => false,
        _ => return Err(AppError::invalid("create", crate::error::FieldCode::Invalid)),
    };
    let state = crate::ssr::state()?;
    crate::ssr::services::funders::save_profile(&state.db, &member, organisation, create, &form).await
}

/// Marks an organisation's funder profile reviewed today (publishers).
#[server(endpoint = "publisher/funder_reviewed")]
pub async fn mark_funder_reviewed(organisation: i64) -> Result<(), AppError> {
    let member = crate::ssr::auth::require(Role::Publisher).await?;
    let state = crate::ssr::state()?;
    crate::ssr::services::funders::mark_reviewed(&state.db, &member, organisation).await
}
