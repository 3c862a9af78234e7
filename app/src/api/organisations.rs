//! The organisation registry for staff (`staff/…`; merging is for administrators).
#[cfg(feature = "ssr")]
use crate::domain::organisation::OrganisationKind;
use crate::domain::organisation::{OrganisationForm, OrganisationPage, OrganisationRow};
#[cfg(feature = "ssr")]
use crate::domain::staff::Role;
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// A page of the registry.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrganisationList {
    pub rows: Vec<OrganisationRow>,
    pub total: i64,
    pub per_page: i64,
}

/// Registry lines matching `q` (name, acronym or e-mail domain), of `kind` when given.
#[server(endpoint = "staff/organisations")]
pub async fn list_organisations(q: String, kind: String, page: i64) -> Result<OrganisationList, AppError> {
    crate::ssr::auth::require(Role::Editor).await?;
    let kind = match kind.as_str() {
        "" => None,
        code => Some(OrganisationKind::parse(code).ok_or(AppError::invalid("kind", crate::error::FieldCode::Unknown))?),
    };
    if q.chars().count() > 200 {
        return Err(AppError::invalid("q", crate::error::FieldCode::TooLong));
    }
    let state = crate::ssr::state()?;
    let (rows, total) = crate::ssr::services::organisations::list(&state.db, &q, kind, page).await?;
    Ok(OrganisationList { rows, total, per_page: crate::ssr::db::organisations::PAGE })
}

/// One entry with what is linked to it and its history.
#[server(endpoint = "staff/organisation")]
pub async fn load_organisation(id: i64, locale: String) -> Result<OrganisationPage, AppError> {
    crate::ssr::auth::require(Role::Editor).await?;
    let locale = crate::domain::locale::require(&locale)?;
    let state = crate::ssr::state()?;
    crate::ssr::services::organisations::page(&state.db, id, locale).await
}

/// Records a new entry (`id` 0, then to its page) or changes one; returns its id.
#[server(endpoint = "staff/organisation_save")]
pub async fn save_organisation(locale: String, id: i64, form: OrganisationForm) -> Result<i64, AppError> {
    let member = crate::ssr::auth::require(Role::Editor).await?;
    let locale = crate::domain::locale::require(&locale)?;
    let state = crate::ssr::state()?;
    if id == 0 {
        let id = crate::ssr::services::organisations::create(&state.db, &member, &form).await?;
        leptos_axum::redirect(&format!("/{}/staff/organisations/{id}", crate::domain::locale::code_of(locale)));
        Ok(id)
    } else {
        crate::ssr::services::organisations::update(&state.db, &member, id, &form).await?;
        Ok(id)
    }
}

/// Links an expression of interest's organisation to entry `organisation` (0: unlinks it).
#[server(endpoint = "staff/interest_organisation")]
pub async fn link_interest_organisation(interest: i64, organisation: i64) -> Result<(), AppError> {
    let member = crate::ssr::auth::require(Role::Editor).await?;
    let state = crate::ssr::state()?;
    let organisation = (organisation != 0).then_some(organisation);
    crate::ssr::services::organisations::link_interest(&state.db, &member, interest, organisation).await
}

/// Links a subscriber's organisation to entry `organisation` (0: unlinks it).
#[server(endpoint = "staff/subscriber_organisation")]
pub async fn link_subscriber_organisation(subscriber: i64, organisation: i64) -> Result<(), AppError> {
    let member = crate::ssr::auth::require(Role::Editor).await?;
    let state = crate::ssr::state()?;
    let organisation = (organisation != 0).then_some(organisation);
    crate::ssr::services::organisations::link_subscriber(&state.db, &member, subscriber, organisation).await
}

/// Merges entry `duplicate` into `survivor`: everything linked moves, the duplicate goes.
#[server(endpoint = "admin/organisation_merge")]
pub async fn merge_organisations(survivor: i64, duplicate: i64) -> Result<(), AppError> {
    let admin = crate::ssr::auth::require(Role::Admin).await?;
    let state = crate::ssr::state()?;
    crate::ssr::services::organisations::merge(&state.db, &admin, survivor, duplicate).await
}
