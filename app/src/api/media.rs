//! Managing a concept's media. Files arrive through the upload route (`POST
//! /api/staff/concepts/{id}/media`, streamed and checked by the server binary); these
//! functions list, rename, reorder and remove media, and add external videos.
use crate::domain::media::MediumItem;
#[cfg(feature = "ssr")]
use crate::domain::staff::Role;
use crate::error::AppError;
use leptos::prelude::*;

#[server(endpoint = "staff/media_list")]
pub async fn list_media(concept_id: i64) -> Result<Vec<MediumItem>, AppError> {
    crate::ssr::auth::require(Role::Editor).await?;
    let state = crate::ssr::state()?;
    crate::ssr::services::media::list(&state.db, concept_id).await
}

/// Adds a YouTube or Vimeo video by its address.
#[server(endpoint = "staff/media_link")]
pub async fn add_video_link(concept_id: i64, url: String, title: String, locale: String) -> Result<i64, AppError> {
    use crate::ssr::services::media::{self, MediumMeta};
    let member = crate::ssr::auth::require(Role::Editor).await?;
    let meta = MediumMeta::parse(&title, &locale)?;
    let state = crate::ssr::state()?;
    media::attach_link(&state.db, &member, concept_id, &url, &meta).await
}

#[server(endpoint = "staff/media_rename")]
pub async fn rename_medium(id: i64, title: String, locale: String) -> Result<(), AppError> {
    use crate::ssr::services::media::{self, MediumMeta};
    let member = crate::ssr::auth::require(Role::Editor).await?;
    let meta = MediumMeta::parse(&title, &locale)?;
    let state = crate::ssr::state()?;
    media::rename(&state.db, &member, id, &meta).await
}

/// Moves a medium one place `up` or `down` on the concept page.
#[server(endpoint = "staff/media_move")]
pub async fn move_medium(id: i64, direction: String) -> Result<(), AppError> {
    let member = crate::ssr::auth::require(Role::Editor).await?;
    let up = match direction.as_str() {
        "up" => true,
        "down" => false,
        _ => return Err(AppError::invalid("direction", crate::error::FieldCode::Unknown)),
    };
    let state = crate::ssr::state()?;
    crate::ssr::services::media::reorder(&state.db, &member, id, up).await
}

#[server(endpoint = "staff/media_remove")]
pub async fn remove_medium(id: i64) -> Result<(), AppError> {
    let member = crate::ssr::auth::require(Role::Editor).await?;
    let state = crate::ssr::state()?;
    crate::ssr::services::media::remove(&state.db, &member, id).await
}
