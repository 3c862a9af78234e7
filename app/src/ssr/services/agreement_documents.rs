//! The documents of an agreement (the signed text, annexes): files checked and stored by the
//! upload route, attached here; staff-only unless a publisher makes one public. Every change
//! is audited on the agreement.
use crate::domain::agreement::DocumentKind;
use crate::domain::staff::{Role, StaffMember};
use crate::error::{AppError, FieldCode};
use crate::ssr::db::agreement_documents::{self as repo, NewDocument};
use crate::ssr::db::agreements;
use crate::ssr::db::audit::{self, Subject};
use crate::ssr::infra::database::Db;
use crate::ssr::services::media::CheckedFile;
use serde_json::json;

/// Longest document title, in characters.
pub const TITLE_MAX: usize = 200;

/// A document's title as typed (or the file's name): trimmed, not empty, not too long.
pub fn parse_title(raw: &str) -> Result<String, AppError> {
    let title = raw.trim();
    if title.is_empty() {
        return Err(AppError::invalid("title", FieldCode::Required));
    }
    if title.chars().count() > TITLE_MAX || title.chars().any(char::is_control) {
        return Err(AppError::invalid("title", FieldCode::TooLong));
    }
    Ok(title.to_owned())
}

/// Attaches a stored, checked file to an agreement (editors); returns the document's id.
pub async fn attach(
    db: &Db,
    member: &StaffMember,
    agreement_id: i64,
    kind: DocumentKind,
    title: &str,
    file: &CheckedFile<'_>,
) -> Result<i64, AppError> {
    if !member.role.includes(Role::Editor) {
        return Err(AppError::Forbidden);
    }
    let now = crate::ssr::infra::clock::now();
    let mut tx = db.begin_write().await?;
    agreements::state(tx.conn(), agreement_id).await?.ok_or(AppError::NotFound)?;
    let document = NewDocument {
        agreement_id,
        kind,
        title,
        storage_key: &file.blob.key,
        file_name: file.file_name,
        content_type: file.file_type.content_type(),
        byte_size: file.blob.size,
    };
    let id = repo::insert(tx.conn(), &document, now).await?;
    let detail = json!({ "document": title, "kind": kind.code() });
    let subject = Subject::Agreement(agreement_id);
    audit::record(tx.conn(), Some(member.id), subject, "agreement_document_added", &detail, now).await?;
    tx.commit().await?;
    Ok(id)
}

/// Makes a document public or staff-only (publishers).
pub async fn set_public(db: &Db, member: &StaffMember, id: i64, public: bool) -> Result<(), AppError> {
    if !member.role.includes(Role::Publisher) {
        return Err(AppError::Forbidden);
    }
    let now = crate::ssr::infra::clock::now();
    let mut tx = db.begin_write().await?;
    let (agreement_id, title, was) = repo::owner(tx.conn(), id).await?.ok_or(AppError::NotFound)?;
    if was != public {
        repo::set_public(tx.conn(), id, public).await?;
        let detail = json!({ "document": title, "public": public });
        let subject = Subject::Agreement(agreement_id);
        audit::record(tx.conn(), Some(member.id), subject, "agreement_document_public", &detail, now).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Removes a document (publishers); its file is swept once nothing refers to it.
pub async fn delete(db: &Db, member: &StaffMember, id: i64) -> Result<(), AppError> {
    if !member.role.includes(Role::Publisher) {
        return Err(AppError::Forbidden);
    }
    let now = crate::ssr::infra::clock::now();
    let mut tx = db.begin_write().await?;
    let (agreement_id, title, _) = repo::owner(tx.conn(), id).await?.ok_or(AppError::NotFound)?;
    repo::delete(tx.conn(), id).await?;
    let detail = json!({ "document": title });
    let subject = Subject::Agreement(agreement_id);
    audit::record(tx.conn(), Some(member.id), subject, "agreement_document_removed", &detail, now).await?;
    tx.commit().await?;
    Ok(())
}
