//! The record of partnership agreements: its public search (`agreements`: public, signed
//! agreements only) and the staff record (`staff/…`; status and publicity for publishers,
//! deletion for administrators).
#[cfg(feature = "ssr")]
use crate::domain::agreement::AgreementStatus;
use crate::domain::agreement::{AgreementForm, AgreementQuery, PublicAgreement};
#[cfg(feature = "ssr")]
use crate::domain::staff::Role;
use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::error::FieldCode;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;

pub use crate::domain::agreement::{AgreementChoices, AgreementPage, AgreementResults};

/// Areas, regions and countries for the record's filters, named in `locale`. Public.
#[server(endpoint = "agreement_choices")]
pub async fn public_agreement_choices(locale: String) -> Result<AgreementChoices, AppError> {
    let locale = crate::domain::locale::require(&locale)?;
    let state = crate::ssr::state()?;
    crate::ssr::services::agreements::choices(&state.db, locale, false).await
}

/// The same for staff, with the staff members who may own an obligation.
#[server(endpoint = "staff/agreement_choices")]
pub async fn staff_agreement_choices(locale: String) -> Result<AgreementChoices, AppError> {
    crate::ssr::auth::require(Role::Editor).await?;
    let locale = crate::domain::locale::require(&locale)?;
    let state = crate::ssr::state()?;
    crate::ssr::services::agreements::choices(&state.db, locale, true).await
}

/// Public, signed agreements matching `query`, with the organisations behind them. Public.
#[server(endpoint = "agreements", input = Json)]
pub async fn public_agreements(locale: String, query: AgreementQuery) -> Result<AgreementResults, AppError> {
    let locale = crate::domain::locale::require(&locale)?;
    let query = query.validate()?;
    let state = crate::ssr::state()?;
    crate::ssr::services::agreements::search(&state.db, &state.record, &query, true, locale).await
}

/// One public, signed agreement by its reference; anything else is not found. Public.
#[server(endpoint = "agreement")]
pub async fn load_public_agreement(locale: String, reference: String) -> Result<PublicAgreement, AppError> {
    let locale = crate::domain::locale::require(&locale)?;
    let state = crate::ssr::state()?;
    crate::ssr::services::agreements::public_page(&state.db, &reference, locale).await
}

/// Every agreement matching `query` (staff), drafts and staff-only ones too.
#[server(endpoint = "staff/agreements", input = Json)]
pub async fn staff_agreements(locale: String, query: AgreementQuery) -> Result<AgreementResults, AppError> {
    crate::ssr::auth::require(Role::Editor).await?;
    let locale = crate::domain::locale::require(&locale)?;
    let query = query.validate()?;
    let state = crate::ssr::state()?;
    crate::ssr::services::agreements::search(&state.db, &state.record, &query, false, locale).await
}

/// One agreement with its amendments, current terms and history.
#[server(endpoint = "staff/agreement")]
pub async fn load_agreement(id: i64, locale: String) -> Result<AgreementPage, AppError> {
    crate::ssr::auth::require(Role::Editor).await?;
    let locale = crate::domain::locale::require(&locale)?;
    let state = crate::ssr::state()?;
    crate::ssr::services::agreements::page(&state.db, id, locale).await
}

/// Records a new draft (`id` 0, then to its page) or changes one; returns its id.
#[server(endpoint = "staff/agreement_save")]
pub async fn save_agreement(locale: String, id: i64, form: AgreementForm) -> Result<i64, AppError> {
    let member = crate::ssr::auth::require(Role::Editor).await?;
    let locale = crate::domain::locale::require(&locale)?;
    let state = crate::ssr::state()?;
    if id == 0 {
        let id = crate::ssr::services::agreements::create(&state.db, &member, &form).await?;
        leptos_axum::redirect(&format!("/{}/staff/agreements/{id}", crate::domain::locale::code_of(locale)));
        Ok(id)
    } else {
        crate::ssr::services::agreements::update(&state.db, &member, id, &form).await?;
        Ok(id)
    }
}

/// Keeps the title and summary of agreement `id` in `language` (both empty: removes them).
/// Editors translate drafts; publishers any agreement.
#[server(endpoint = "staff/agreement_translation_save")]
pub async fn save_agreement_translation(
    id: i64,
    language: String,
    title: String,
    summary: String,
) -> Result<(), AppError> {
    let member = crate::ssr::auth::require(Role::Editor).await?;
    let state = crate::ssr::state()?;
    crate::ssr::services::agreements::save_translation(&state.db, &member, id, language.trim(), &title, &summary).await
}

/// Moves an agreement to `status` (publishers).
#[server(endpoint = "publisher/agreement_status")]
pub async fn move_agreement(id: i64, status: String) -> Result<(), AppError> {
    let member = crate::ssr::auth::require(Role::Publisher).await?;
    let status = AgreementStatus::parse(&status).ok_or(AppError::invalid("status", FieldCode::Unknown))?;
    let state = crate::ssr::state()?;
    crate::ssr::services::agreements::set_status(&state.db, &member, id, status).await
}

/// Makes an agreement public (`public` "true") or staff-only (publishers).
#[server(endpoint = "publisher/agreement_public")]
pub async fn publish_agreement(id: i64, public: String) -> Result<(), AppError> {
    let member = crate::ssr::auth::require(Role::Publisher).await?;
    let public = public_flag(&public)?;
    let state = crate::ssr::state()?;
    crate::ssr::services::agreements::set_public(&state.db, &member, id, public).await
}

/// A form's `public` value: `true` or `false`.
#[cfg(feature = "ssr")]
fn public_flag(raw: &str) -> Result<bool, AppError> {
    match raw {
        "true" => Ok(true),
        "false" => Ok(false),
        _ => Err(AppError::invalid("public", FieldCode::Invalid)),
    }
}

/// Deletes an agreement and its amendments (administrators).
#[server(endpoint = "admin/agreement_delete")]
pub async fn delete_agreement(id: i64) -> Result<(), AppError> {
    let admin = crate::ssr::auth::require(Role::Admin).await?;
    let state = crate::ssr::state()?;
    crate::ssr::services::agreements::delete(&state.db, &admin, id).await
}

/// A draft filled from expression of interest `interest`, for the new-agreement form.
#[server(endpoint = "staff/agreement_draft")]
pub async fn agreement_draft(interest: i64) -> Result<AgreementForm, AppError> {
    crate::ssr::auth::require(Role::Editor).await?;
    let state = crate::ssr::state()?;
    crate::ssr::services::agreements::draft_from_interest(&state.db, interest).await
}

/// The charts of public, signed agreements matching `query`, counted `counting` (`split` or
/// `each`). Public.
#[server(endpoint = "agreement_charts", input = Json)]
pub async fn public_agreement_charts(
    locale: String,
    query: AgreementQuery,
    counting: String,
) -> Result<crate::domain::agreement_chart::AgreementCharts, AppError> {
    let locale = crate::domain::locale::require(&locale)?;
    let query = query.validate()?;
    let counting = crate::domain::agreement_chart::Counting::parse(&counting)
        .ok_or(AppError::invalid("counting", FieldCode::Unknown))?;
    let state = crate::ssr::state()?;
    crate::ssr::services::agreements::charts(&state.db, &state.record, &query, counting, true, locale).await
}

/// The same charts over every agreement (staff).
#[server(endpoint = "staff/agreement_charts", input = Json)]
pub async fn staff_agreement_charts(
    locale: String,
    query: AgreementQuery,
    counting: String,
) -> Result<crate::domain::agreement_chart::AgreementCharts, AppError> {
    crate::ssr::auth::require(Role::Editor).await?;
    let locale = crate::domain::locale::require(&locale)?;
    let query = query.validate()?;
    let counting = crate::domain::agreement_chart::Counting::parse(&counting)
        .ok_or(AppError::invalid("counting", FieldCode::Unknown))?;
    let state = crate::ssr::state()?;
    crate::ssr::services::agreements::charts(&state.db, &state.record, &query, counting, false, locale).await
}

/// Checks a CSV file of agreements (the sheet's columns) row by row and, with `store`
/// "true", stores it — whole, or nothing while any row has an error. Editors import drafts;
/// signed or public rows need a publisher.
#[server(endpoint = "staff/agreement_import")]
pub async fn import_agreements(
    file: String,
    store: String,
) -> Result<crate::domain::agreement_sheet::ImportReport, AppError> {
    let member = crate::ssr::auth::require(Role::Editor).await?;
    let store = match store.as_str() {
        "true" => true,
        "false" | "" => false,
        _ => return Err(AppError::invalid("store", FieldCode::Invalid)),
    };
    let state = crate::ssr::state()?;
    crate::ssr::services::agreement_csv::import(&state.db, &member, &file, store).await
}

/// Makes a document of an agreement public (`public` "true") or staff-only (publishers).
#[server(endpoint = "publisher/agreement_document_public")]
pub async fn publish_agreement_document(id: i64, public: String) -> Result<(), AppError> {
    let member = crate::ssr::auth::require(Role::Publisher).await?;
    let public = public_flag(&public)?;
    let state = crate::ssr::state()?;
    crate::ssr::services::agreement_documents::set_public(&state.db, &member, id, public).await
}

/// Removes a document of an agreement (publishers).
#[server(endpoint = "publisher/agreement_document_delete")]
pub async fn delete_agreement_document(id: i64) -> Result<(), AppError> {
    let member = crate::ssr::auth::require(Role::Publisher).await?;
    let state = crate::ssr::state()?;
    crate::ssr::services::agreement_documents::delete(&state.db, &member, id).await
}
