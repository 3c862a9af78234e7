//! A concept's media as staff manage them: attach an uploaded file or an external video,
//! rename, reorder, replace, remove. Each change is one transaction that records itself in
//! the concept's audit log and keeps the public catalogue current. Stored files are
//! content-addressed and may be shared, so removing a medium keeps its file.
use crate::domain::locale;
use crate::domain::media::{FileType, MediaKind, MediumItem, parse_title};
use crate::domain::staff::StaffMember;
use crate::domain::video::ExternalVideo;
use crate::error::{AppError, FieldCode};
use crate::ssr::db::audit::{self, Subject};
use crate::ssr::db::editor;
use crate::ssr::db::media::{self as repo, MediumRecord};
use crate::ssr::infra::database::{Db, WriteTx};
use crate::ssr::infra::media_store::StoredBlob;
use serde_json::json;

/// What staff say about a medium: its title and the language of its content, if any.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MediumMeta {
    pub title: String,
    pub locale: Option<&'static str>,
}

impl MediumMeta {
    /// Checks a typed title and language code (empty = no language).
    pub fn parse(title: &str, locale_code: &str) -> Result<Self, AppError> {
        let title = parse_title(title).map_err(|code| AppError::invalid("title", code))?;
        let locale = match locale_code.trim() {
            "" => None,
            code => Some(locale::code_of(locale::parse(code).ok_or(AppError::invalid("locale", FieldCode::Unknown))?)),
        };
        Ok(MediumMeta { title, locale })
    }
}

/// A stored file that passed its checks.
pub struct CheckedFile<'a> {
    pub blob: &'a StoredBlob,
    pub file_type: FileType,
    pub file_name: &'a str,
}

pub async fn list(db: &Db, concept_id: i64) -> Result<Vec<MediumItem>, AppError> {
    let mut conn = db.pool().acquire().await?;
    editor::load(&mut conn, concept_id).await?.ok_or(AppError::NotFound)?;
    Ok(repo::list(&mut conn, concept_id).await?.into_iter().map(item).collect())
}

fn item(r: MediumRecord) -> MediumItem {
    let url = match (&r.storage_key, &r.file_name) {
        (Some(key), Some(name)) => Some(crate::ssr::services::concepts::media_url(key, name)),
        _ => None,
    };
    MediumItem {
        id: r.id,
        kind: r.kind,
        title: r.title,
        locale: r.locale,
        file_name: r.file_name,
        content_type: r.content_type,
        byte_size: r.byte_size,
        url,
        external_url: r.external_url,
    }
}

/// Adds an uploaded file as a new medium of `kind`, or puts it in place of medium `replace`.
pub async fn attach_file(
    db: &Db,
    member: &StaffMember,
    concept_id: i64,
    kind: MediaKind,
    meta: &MediumMeta,
    file: &CheckedFile<'_>,
    replace: Option<i64>,
) -> Result<i64, AppError> {
    let now = crate::ssr::infra::clock::now();
    let mut tx = db.begin_write().await?;
    require_concept(&mut tx, concept_id).await?;
    let content_type = file.file_type.content_type();
    let id = match replace {
        Some(id) => {
            let old = medium_of(&mut tx, concept_id, id).await?;
            if old.kind != kind.code() {
                return Err(AppError::invalid("kind", FieldCode::Unknown));
            }
            repo::replace_file(tx.conn(), id, &file.blob.key, content_type, file.blob.size, file.file_name).await?;
            repo::rename(tx.conn(), id, &meta.title, meta.locale).await?;
            id
        }
        None => {
            let position = repo::next_position(tx.conn(), concept_id).await?;
            let new = repo::NewMedium {
                kind: kind.code(),
                locale: meta.locale,
                title: &meta.title,
                storage_key: Some(&file.blob.key),
                content_type: Some(content_type),
                byte_size: Some(file.blob.size),
                file_name: Some(file.file_name),
                external_url: None,
                position,
            };
            repo::add(tx.conn(), concept_id, &new, now).await?
        }
    };
    let action = if replace.is_some() { "medium_replaced" } else { "medium_added" };
    let detail = json!({
        "medium": id, "kind": kind.code(), "title": meta.title, "file_name": file.file_name,
        "content_type": content_type, "bytes": file.blob.size,
    });
    finish(tx, member, concept_id, action, detail, now).await?;
    Ok(id)
}

/// Adds a YouTube or Vimeo video by its address (normalised to the video's own page).
pub async fn attach_link(
    db: &Db,
    member: &StaffMember,
    concept_id: i64,
    url: &str,
    meta: &MediumMeta,
) -> Result<i64, AppError> {
    let video = ExternalVideo::parse(url).ok_or(AppError::invalid("url", FieldCode::VideoUrl))?;
    let now = crate::ssr::infra::clock::now();
    let mut tx = db.begin_write().await?;
    require_concept(&mut tx, concept_id).await?;
    let position = repo::next_position(tx.conn(), concept_id).await?;
    let new = repo::NewMedium {
        kind: MediaKind::Video.code(),
        locale: meta.locale,
        title: &meta.title,
        storage_key: None,
        content_type: None,
        byte_size: None,
        file_name: None,
        external_url: Some(&video.watch_url),
        position,
    };
    let id = repo::add(tx.conn(), concept_id, &new, now).await?;
    let detail = json!({ "medium": id, "kind": "video", "title": meta.title, "url": video.watch_url });
    finish(tx, member, concept_id, "medium_added", detail, now).await?;
    Ok(id)
}

pub async fn rename(db: &Db, member: &StaffMember, id: i64, meta: &MediumMeta) -> Result<(), AppError> {
    let now = crate::ssr::infra::clock::now();
    let mut tx = db.begin_write().await?;
    let old = repo::get(tx.conn(), id).await?.ok_or(AppError::NotFound)?;
    repo::rename(tx.conn(), id, &meta.title, meta.locale).await?;
    let detail = json!({ "medium": id, "title": meta.title, "old_title": old.title, "locale": meta.locale });
    finish(tx, member, old.concept_id, "medium_renamed", detail, now).await
}

/// Moves a medium one place earlier (`up`) or later on the concept page.
pub async fn reorder(db: &Db, member: &StaffMember, id: i64, up: bool) -> Result<(), AppError> {
    let now = crate::ssr::infra::clock::now();
    let mut tx = db.begin_write().await?;
    let medium = repo::get(tx.conn(), id).await?.ok_or(AppError::NotFound)?;
    let mut ids: Vec<i64> = repo::list(tx.conn(), medium.concept_id).await?.into_iter().map(|m| m.id).collect();
    let at = ids.iter().position(|m| *m == id).ok_or(AppError::NotFound)?;
    let other = if up { at.checked_sub(1) } else { Some(at + 1).filter(|i| *i < ids.len()) };
    let Some(other) = other else { return Ok(()) };
    ids.swap(at, other);
    for (position, medium_id) in (0..).zip(&ids) {
        repo::set_position(tx.conn(), *medium_id, position).await?;
    }
    let detail = json!({ "medium": id, "title": medium.title, "direction": if up { "up" } else { "down" } });
    finish(tx, member, medium.concept_id, "medium_moved", detail, now).await
}

pub async fn remove(db: &Db, member: &StaffMember, id: i64) -> Result<(), AppError> {
    let now = crate::ssr::infra::clock::now();
    let mut tx = db.begin_write().await?;
    let old = repo::get(tx.conn(), id).await?.ok_or(AppError::NotFound)?;
    repo::delete(tx.conn(), id).await?;
    let detail = json!({ "medium": id, "kind": old.kind, "title": old.title });
    finish(tx, member, old.concept_id, "medium_removed", detail, now).await
}

/// `NotFound` if there is no such concept.
async fn require_concept(tx: &mut WriteTx, concept_id: i64) -> Result<(), AppError> {
    editor::load(tx.conn(), concept_id).await?.ok_or(AppError::NotFound).map(drop)
}

/// The medium `id` if it belongs to `concept_id`.
async fn medium_of(tx: &mut WriteTx, concept_id: i64, id: i64) -> Result<MediumRecord, AppError> {
    repo::get(tx.conn(), id).await?.filter(|m| m.concept_id == concept_id).ok_or(AppError::NotFound)
}

/// Records the change and commits (the repository marked the catalogue changed if the
/// concept is public).
async fn finish(
    mut tx: WriteTx,
    member: &StaffMember,
    concept_id: i64,
    action: &str,
    detail: serde_json::Value,
    now: i64,
) -> Result<(), AppError> {
    audit::record(tx.conn(), Some(member.id), Subject::Concept(concept_id), action, &detail, now).await?;
    tx.commit().await?;
    Ok(())
}
