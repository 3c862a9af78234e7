//! What staff see of e-mail delivery, and the failed messages they send again.
use crate::domain::delivery::{ConceptDelivery, Counts, DeliveryOverview, FolderMessage};
use crate::domain::staff::StaffMember;
use crate::error::AppError;
use crate::ssr::db::audit::{self, Subject};
use crate::ssr::db::outbox;
use crate::ssr::infra::database::Db;
use crate::ssr::state::AppState;
use serde_json::json;

/// Concepts shown on the delivery page.
pub const CONCEPTS: i64 = 50;
/// Messages of the mail folder listed.
pub const FOLDER: usize = 100;

pub async fn overview(state: &AppState) -> Result<DeliveryOverview, AppError> {
    let mut conn = state.db.pool().acquire().await?;
    let mut concepts: Vec<ConceptDelivery> = Vec::new();
    for (id, title, status, n) in outbox::concept_counts(&mut conn, CONCEPTS).await? {
        if concepts.last().is_none_or(|c| c.id != id) {
            concepts.push(ConceptDelivery { id, title, counts: Counts::default() });
        }
        if let Some(c) = concepts.last_mut() {
            c.counts.add(&status, n);
        }
    }
    let mut other = Counts::default();
    for (status, n) in outbox::other_counts(&mut conn).await? {
        other.add(&status, n);
    }
    let folder = match &state.config.mail.smtp_url {
        Some(_) => None,
        None => Some(crate::ssr::infra::mail_folder::list(&state.config.mail.dir, FOLDER).await.map_err(folder_error)?),
    };
    Ok(DeliveryOverview { concepts, other, folder })
}

/// Queues a concept's failed e-mails again (`None`: those about no single concept),
/// recorded in the concept's audit log.
pub async fn retry(db: &Db, member: &StaffMember, concept: Option<i64>) -> Result<u64, AppError> {
    let now = crate::ssr::infra::clock::now();
    let mut tx = db.begin_write().await?;
    let queued = outbox::retry_failed(tx.conn(), concept, now).await?;
    if let (Some(id), true) = (concept, queued > 0) {
        audit::record(
            tx.conn(),
            Some(member.id),
            Subject::Concept(id),
            "mail_retried",
            &json!({ "count": queued }),
            now,
        )
        .await?;
    }
    tx.commit().await?;
    Ok(queued)
}

/// A message of the mail folder; there is none when e-mails go over SMTP.
pub async fn folder_message(state: &AppState, name: &str) -> Result<FolderMessage, AppError> {
    if state.config.mail.smtp_url.is_some() || name.len() > 200 {
        return Err(AppError::NotFound);
    }
    crate::ssr::infra::mail_folder::read(&state.config.mail.dir, name)
        .await
        .map_err(folder_error)?
        .ok_or(AppError::NotFound)
}

fn folder_error(e: std::io::Error) -> AppError {
    tracing::error!(error = %e, "cannot read the mail folder");
    AppError::Internal
}
