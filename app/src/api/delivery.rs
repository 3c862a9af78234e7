//! E-mail delivery for publishers and administrators (`publisher/…`): messages per state
//! and concept, failed ones queued again, and the mail folder when there is no SMTP server.
use crate::domain::delivery::{DeliveryOverview, FolderMessage};
#[cfg(feature = "ssr")]
use crate::domain::staff::Role;
use crate::error::AppError;
use leptos::prelude::*;

#[server(endpoint = "publisher/mail_overview")]
pub async fn load_delivery() -> Result<DeliveryOverview, AppError> {
    crate::ssr::auth::require(Role::Publisher).await?;
    let state = crate::ssr::state()?;
    crate::ssr::services::delivery::overview(&state).await
}

/// Queues the failed e-mails of concept `concept` again (`0`: those about no single
/// concept); returns how many.
#[server(endpoint = "publisher/mail_retry")]
pub async fn retry_failed(concept: i64) -> Result<u64, AppError> {
    let member = crate::ssr::auth::require(Role::Publisher).await?;
    if concept < 0 {
        return Err(AppError::invalid("concept", crate::error::FieldCode::Unknown));
    }
    let state = crate::ssr::state()?;
    crate::ssr::services::delivery::retry(&state.db, &member, (concept > 0).then_some(concept)).await
}

/// A message of the mail folder, by its file name.
#[server(endpoint = "publisher/mail_message")]
pub async fn read_folder_message(name: String) -> Result<FolderMessage, AppError> {
    crate::ssr::auth::require(Role::Publisher).await?;
    let state = crate::ssr::state()?;
    crate::ssr::services::delivery::folder_message(&state, &name).await
}
