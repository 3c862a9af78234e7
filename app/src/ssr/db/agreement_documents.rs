//! The documents of agreements: rows naming files of the media store, each staff-only
//! unless marked public; a public one is served to anyone only while its agreement is public
//! and signed.
use crate::domain::agreement::{AgreementDocument, DocumentKind};
use crate::ssr::db::concepts::ServedFile;
use sqlx::AnyConnection;

/// A checked file to attach.
pub struct NewDocument<'a> {
    pub agreement_id: i64,
    pub kind: DocumentKind,
    pub title: &'a str,
    pub storage_key: &'a str,
    pub file_name: &'a str,
    pub content_type: &'a str,
    pub byte_size: i64,
}

pub async fn insert(conn: &mut AnyConnection, d: &NewDocument<'_>, now: i64) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO agreement_documents (agreement_id, kind, title, storage_key, file_name, content_type, byte_size, \
           created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
    )
    .bind(d.agreement_id)
    .bind(d.kind.code())
    .bind(d.title)
    .bind(d.storage_key)
    .bind(d.file_name)
    .bind(d.content_type)
    .bind(d.byte_size)
    .bind(now)
    .fetch_one(conn)
    .await
}

type Row = (i64, String, String, String, String, i64, i64);

/// An agreement's documents, the signed text first, then in the order added; `url` makes
/// each file's address from its key and name.
pub async fn list(
    conn: &mut AnyConnection,
    agreement_id: i64,
    url: impl Fn(&str, &str) -> String,
) -> Result<Vec<AgreementDocument>, sqlx::Error> {
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT id, kind, title, storage_key, file_name, byte_size, public FROM agreement_documents \
         WHERE agreement_id = $1 ORDER BY CASE kind WHEN 'signed' THEN 0 WHEN 'annex' THEN 1 ELSE 2 END, id",
    )
    .bind(agreement_id)
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, kind, title, key, file_name, byte_size, public)| AgreementDocument {
            id,
            kind: DocumentKind::parse(&kind).unwrap_or(DocumentKind::Other),
            title,
            url: url(&key, &file_name),
            file_name,
            byte_size,
            public: public != 0,
        })
        .collect())
}

/// A document's agreement and title.
pub async fn owner(conn: &mut AnyConnection, id: i64) -> Result<Option<(i64, String, bool)>, sqlx::Error> {
    let row: Option<(i64, String, i64)> =
        sqlx::query_as("SELECT agreement_id, title, public FROM agreement_documents WHERE id = $1")
            .bind(id)
            .fetch_optional(conn)
            .await?;
    Ok(row.map(|(a, t, p)| (a, t, p != 0)))
}

pub async fn set_public(conn: &mut AnyConnection, id: i64, public: bool) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE agreement_documents SET public = $1 WHERE id = $2")
        .bind(i64::from(public))
        .bind(id)
        .execute(conn)
        .await
        .map(drop)
}

/// Removes a document's row; its file goes with the next media sweep once nothing refers to it.
pub async fn delete(conn: &mut AnyConnection, id: i64) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM agreement_documents WHERE id = $1").bind(id).execute(conn).await.map(drop)
}

/// A stored file as the public may fetch it: a public document of a public, signed agreement.
pub async fn public_file(conn: &mut AnyConnection, storage_key: &str) -> Result<Option<ServedFile>, sqlx::Error> {
    sqlx::query_as(
        "SELECT d.content_type, d.file_name, d.byte_size FROM agreement_documents d \
         JOIN agreements a ON a.id = d.agreement_id \
         WHERE d.storage_key = $1 AND d.public = 1 AND a.public = 1 AND a.status <> 'draft' ORDER BY d.id LIMIT 1",
    )
    .bind(storage_key)
    .fetch_optional(conn)
    .await
}

/// A stored file of any document (for signed-in staff).
pub async fn any_file(conn: &mut AnyConnection, storage_key: &str) -> Result<Option<ServedFile>, sqlx::Error> {
    sqlx::query_as(
        "SELECT content_type, file_name, byte_size FROM agreement_documents WHERE storage_key = $1 ORDER BY id LIMIT 1",
    )
    .bind(storage_key)
    .fetch_optional(conn)
    .await
}
