//! A concept's media, in page order.
use sqlx::AnyConnection;

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct MediumRecord {
    pub id: i64,
    pub concept_id: i64,
    pub kind: String,
    pub title: String,
    pub locale: Option<String>,
    pub storage_key: Option<String>,
    pub content_type: Option<String>,
    pub byte_size: Option<i64>,
    pub file_name: Option<String>,
    pub external_url: Option<String>,
}

const COLUMNS: &str =
    "id, concept_id, kind, title, locale, storage_key, content_type, byte_size, file_name, external_url";

/// A medium to add to a concept.
pub struct NewMedium<'a> {
    pub kind: &'a str,
    pub locale: Option<&'a str>,
    pub title: &'a str,
    pub storage_key: Option<&'a str>,
    pub content_type: Option<&'a str>,
    pub byte_size: Option<i64>,
    pub file_name: Option<&'a str>,
    pub external_url: Option<&'a str>,
    pub position: i64,
}

/// Adds a medium to a concept; returns its id.
pub async fn add(conn: &mut AnyConnection, concept_id: i64, m: &NewMedium<'_>, now: i64) -> Result<i64, sqlx::Error> {
    let id = sqlx::query_scalar(
        "INSERT INTO media (concept_id, kind, locale, title, storage_key, content_type, byte_size, file_name, \
           external_url, position, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id",
    )
    .bind(concept_id)
    .bind(m.kind)
    .bind(m.locale)
    .bind(m.title)
    .bind(m.storage_key)
    .bind(m.content_type)
    .bind(m.byte_size)
    .bind(m.file_name)
    .bind(m.external_url)
    .bind(m.position)
    .bind(now)
    .fetch_one(&mut *conn)
    .await?;
    super::catalogue::touch(conn, concept_id).await?;
    Ok(id)
}

pub async fn list(conn: &mut AnyConnection, concept_id: i64) -> Result<Vec<MediumRecord>, sqlx::Error> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM media WHERE concept_id = $1 ORDER BY position, id"
    )))
    .bind(concept_id)
    .fetch_all(conn)
    .await
}

pub async fn get(conn: &mut AnyConnection, id: i64) -> Result<Option<MediumRecord>, sqlx::Error> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!("SELECT {COLUMNS} FROM media WHERE id = $1")))
        .bind(id)
        .fetch_optional(conn)
        .await
}

/// The position after the last medium of the concept.
pub async fn next_position(conn: &mut AnyConnection, concept_id: i64) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT COALESCE(MAX(position) + 1, 0) FROM media WHERE concept_id = $1")
        .bind(concept_id)
        .fetch_one(conn)
        .await
}

pub async fn rename(conn: &mut AnyConnection, id: i64, title: &str, locale: Option<&str>) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE media SET title = $1, locale = $2 WHERE id = $3")
        .bind(title)
        .bind(locale)
        .bind(id)
        .execute(&mut *conn)
        .await?;
    touch(conn, id).await
}

/// Marks the catalogue as changed if medium `id` belongs to a published concept (its page
/// and the media facet show it).
async fn touch(conn: &mut AnyConnection, id: i64) -> Result<(), sqlx::Error> {
    let concept: Option<i64> =
        sqlx::query_scalar("SELECT concept_id FROM media WHERE id = $1").bind(id).fetch_optional(&mut *conn).await?;
    match concept {
        Some(concept_id) => super::catalogue::touch(conn, concept_id).await,
        None => Ok(()),
    }
}

/// Points a medium at another stored file (a replaced document keeps its place and title).
pub async fn replace_file(
    conn: &mut AnyConnection,
    id: i64,
    storage_key: &str,
    content_type: &str,
    byte_size: i64,
    file_name: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE media SET storage_key = $1, content_type = $2, byte_size = $3, file_name = $4, external_url = NULL \
         WHERE id = $5",
    )
    .bind(storage_key)
    .bind(content_type)
    .bind(byte_size)
    .bind(file_name)
    .bind(id)
    .execute(&mut *conn)
    .await?;
    touch(conn, id).await
}

pub async fn set_position(conn: &mut AnyConnection, id: i64, position: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE media SET position = $1 WHERE id = $2").bind(position).bind(id).execute(&mut *conn).await?;
    touch(conn, id).await
}

pub async fn delete(conn: &mut AnyConnection, id: i64) -> Result<(), sqlx::Error> {
    touch(&mut *conn, id).await?;
    sqlx::query("DELETE FROM media WHERE id = $1").bind(id).execute(conn).await.map(drop)
}

/// A stored file of any concept, whatever its status (for signed-in staff).
pub async fn any_file(
    conn: &mut AnyConnection,
    storage_key: &str,
) -> Result<Option<crate::ssr::db::concepts::ServedFile>, sqlx::Error> {
    sqlx::query_as(
        "SELECT content_type, file_name, byte_size FROM media \
         WHERE storage_key = $1 AND content_type IS NOT NULL AND file_name IS NOT NULL ORDER BY id LIMIT 1",
    )
    .bind(storage_key)
    .fetch_optional(conn)
    .await
}

/// Every key a medium or an agreement's document refers to (the files that must be kept).
pub async fn keys_in_use(conn: &mut AnyConnection) -> Result<std::collections::HashSet<String>, sqlx::Error> {
    // Concepts' media and agreements' documents.
    let keys: Vec<String> = sqlx::query_scalar(
        "SELECT storage_key FROM media WHERE storage_key IS NOT NULL UNION SELECT storage_key FROM agreement_documents",
    )
    .fetch_all(conn)
    .await?;
    Ok(keys.into_iter().collect())
}
