//! The concept editor's server functions. All under `staff/` (a session is checked before
//! they run); each checks the role again, and moves check the role the move needs.
use crate::domain::concept::Named;
#[cfg(feature = "ssr")]
use crate::domain::editor::Status;
use crate::domain::editor::{EditableConcept, FactsForm, TextForm};
use crate::domain::staff::AuditEntry;
#[cfg(feature = "ssr")]
use crate::domain::staff::Role;
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// What the editor's form offers, named in the reader's language.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EditorChoices {
    pub areas: Vec<Named>,
    pub regions: Vec<Named>,
    pub countries: Vec<Named>,
    /// The largest file of each sort staff may upload.
    pub upload_limits: crate::domain::media::Limits,
}

#[server(endpoint = "staff/editor_choices")]
pub async fn get_editor_choices(locale: String) -> Result<EditorChoices, AppError> {
    crate::ssr::auth::require(Role::Editor).await?;
    let locale = crate::domain::locale::require(&locale)?;
    let state = crate::ssr::state()?;
    choices(&state, crate::domain::locale::code_of(locale)).await
}

/// Areas, regions and countries named in `code`, and the upload limits.
#[cfg(feature = "ssr")]
pub async fn choices(state: &crate::ssr::AppState, code: &str) -> Result<EditorChoices, AppError> {
    use crate::domain::catalogue::FacetKind;
    let mut conn = state.db.pool().acquire().await?;
    let named = |rows: Vec<(String, String)>| rows.into_iter().map(|(code, name)| Named { code, name }).collect();
    Ok(EditorChoices {
        areas: named(crate::ssr::db::catalogue::names(&mut conn, FacetKind::Area, code).await?),
        regions: named(crate::ssr::db::catalogue::names(&mut conn, FacetKind::Region, code).await?),
        countries: named(crate::ssr::db::editor::all_countries(&mut conn, code).await?),
        upload_limits: state.config.upload_limits,
    })
}

#[server(endpoint = "staff/concept_load")]
pub async fn load_concept(id: i64) -> Result<EditableConcept, AppError> {
    let member = crate::ssr::auth::require(Role::Editor).await?;
    let state = crate::ssr::state()?;
    crate::ssr::services::editor::load(&state.db, &member, id).await
}

/// Creates a draft and goes to its editor page.
#[server(endpoint = "staff/concept_create")]
pub async fn create_concept(locale: String, facts: FactsForm, text: TextForm) -> Result<i64, AppError> {
    let member = crate::ssr::auth::require(Role::Editor).await?;
    let locale = crate::domain::locale::require(&locale)?;
    let state = crate::ssr::state()?;
    let id = crate::ssr::services::editor::create(&state.db, &member, &facts, &text).await?;
    leptos_axum::redirect(&format!("/{}/staff/concepts/{id}", crate::domain::locale::code_of(locale)));
    Ok(id)
}

/// Saves facts and original texts; returns the new version.
#[server(endpoint = "staff/concept_update")]
pub async fn update_concept(id: i64, version: i64, facts: FactsForm, text: TextForm) -> Result<i64, AppError> {
    let member = crate::ssr::auth::require(Role::Editor).await?;
    let state = crate::ssr::state()?;
    crate::ssr::services::editor::update(&state.db, &member, id, version, &facts, &text).await
}

#[server(endpoint = "staff/translation_save")]
pub async fn save_translation(
    id: i64,
    version: i64,
    locale: String,
    text: TextForm,
    // A checkbox: present (any value) when the translation is complete and may be public.
    complete: Option<String>,
) -> Result<i64, AppError> {
    let member = crate::ssr::auth::require(Role::Editor).await?;
    let state = crate::ssr::state()?;
    let locale = crate::domain::locale::require(&locale)?;
    let complete = complete.is_some();
    crate::ssr::services::editor::save_translation(&state.db, &member, id, version, locale, &text, complete).await
}

#[server(endpoint = "staff/translation_delete")]
pub async fn delete_translation(id: i64, version: i64, locale: String) -> Result<i64, AppError> {
    let member = crate::ssr::auth::require(Role::Editor).await?;
    // A language the platform does not have has no translation to remove.
    let locale = crate::domain::locale::parse(&locale).ok_or(AppError::NotFound)?;
    let state = crate::ssr::state()?;
    crate::ssr::services::editor::delete_translation(&state.db, &member, id, version, locale).await
}

/// Moves the concept to `to` (a status code) if the member's role allows that move.
#[server(endpoint = "staff/concept_move")]
pub async fn move_concept(id: i64, version: i64, to: String) -> Result<i64, AppError> {
    let member = crate::ssr::auth::require(Role::Editor).await?;
    let to = Status::parse(&to).ok_or(AppError::invalid("status", crate::error::FieldCode::Unknown))?;
    let state = crate::ssr::state()?;
    crate::ssr::services::editor::move_to(&state.db, &member, id, version, to).await
}

#[server(endpoint = "staff/concept_history")]
pub async fn concept_history(id: i64) -> Result<Vec<AuditEntry>, AppError> {
    crate::ssr::auth::require(Role::Editor).await?;
    let state = crate::ssr::state()?;
    crate::ssr::services::editor::history(&state.db, id).await
}

/// Markdown rendered exactly as the public page renders it (sanitised), for the preview.
#[server(endpoint = "staff/preview")]
pub async fn preview_markdown(markdown: String) -> Result<String, AppError> {
    crate::ssr::auth::require(Role::Editor).await?;
    if markdown.chars().count() > crate::domain::editor::BODY_MAX {
        return Err(AppError::invalid("body", crate::error::FieldCode::TooLong));
    }
    Ok(crate::ssr::infra::markdown::to_safe_html(&markdown))
}
