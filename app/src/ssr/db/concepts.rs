//! Concepts: their translations, tags and media.
use crate::domain::concept::ConceptCard;
use sqlx::{AnyConnection, Executor};

/// A concept to insert, with its tags; translations and media are added separately.
pub struct NewConcept<'a> {
    pub slug: &'a str,
    pub original_locale: &'a str,
    pub status: &'a str,
    pub budget_usd: Option<i64>,
    pub starts_on: Option<&'a str>,
    pub ends_on: Option<&'a str>,
    pub focal_point_name: &'a str,
    pub focal_point_email: &'a str,
    pub created_at: i64,
    pub published_at: Option<i64>,
}

pub async fn insert(conn: &mut AnyConnection, c: &NewConcept<'_>) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO concepts (slug, original_locale, status, budget_usd, starts_on, ends_on, \
           focal_point_name, focal_point_email, created_at, updated_at, published_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9, $10) RETURNING id",
    )
    .bind(c.slug)
    .bind(c.original_locale)
    .bind(c.status)
    .bind(c.budget_usd)
    .bind(c.starts_on)
    .bind(c.ends_on)
    .bind(c.focal_point_name)
    .bind(c.focal_point_email)
    .bind(c.created_at)
    .bind(c.published_at)
    .fetch_one(conn)
    .await
}

pub struct Translation<'a> {
    pub locale: &'a str,
    pub title: &'a str,
    pub summary: &'a str,
    pub objectives: &'a str,
    pub beneficiaries: &'a str,
    pub body: &'a str,
}

pub async fn upsert_translation(
    conn: &mut AnyConnection,
    concept_id: i64,
    t: &Translation<'_>,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO concept_translations (concept_id, locale, title, summary, objectives, beneficiaries, body, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) \
         ON CONFLICT (concept_id, locale) DO UPDATE SET title = excluded.title, summary = excluded.summary, \
           objectives = excluded.objectives, beneficiaries = excluded.beneficiaries, body = excluded.body, \
           updated_at = excluded.updated_at",
    )
    .bind(concept_id)
    .bind(t.locale)
    .bind(t.title)
    .bind(t.summary)
    .bind(t.objectives)
    .bind(t.beneficiaries)
    .bind(t.body)
    .bind(now)
    .execute(conn)
    .await
    .map(drop)
}

/// The kinds of tag a concept carries; each is a relation table keyed by concept.
#[derive(Clone, Copy, Debug)]
pub enum Tag {
    /// An area of action, by code.
    Area,
    /// A region, by code.
    Region,
    /// A country, by ISO code.
    Country,
    /// A country group: `ldc`, `lldc` or `sids`.
    Group,
    /// `funding`, `in_kind` or `expertise`.
    Contribution,
}

/// Tags a concept; unknown codes are an error (a foreign-key or check violation).
pub async fn add_tag(
    conn: &mut AnyConnection,
    concept_id: i64,
    tag: Tag,
    code: &str,
) -> Result<(), sqlx::Error> {
    let sql = match tag {
        Tag::Area => {
            "INSERT INTO concept_areas (concept_id, area_id) SELECT $1, id FROM areas WHERE code = $2 \
             ON CONFLICT DO NOTHING"
        }
        Tag::Region => {
            "INSERT INTO concept_regions (concept_id, region_id) SELECT $1, id FROM regions WHERE code = $2 \
             ON CONFLICT DO NOTHING"
        }
        Tag::Country => {
            "INSERT INTO concept_countries (concept_id, country_code) VALUES ($1, $2) ON CONFLICT DO NOTHING"
        }
        Tag::Group => {
            "INSERT INTO concept_groups (concept_id, grp) VALUES ($1, $2) ON CONFLICT DO NOTHING"
        }
        Tag::Contribution => {
            "INSERT INTO concept_contributions (concept_id, kind) VALUES ($1, $2) ON CONFLICT DO NOTHING"
        }
    };
    let done = sqlx::query(sql)
        .bind(concept_id)
        .bind(code)
        .execute(conn)
        .await?;
    if done.rows_affected() == 0 && matches!(tag, Tag::Area | Tag::Region) {
        return Err(sqlx::Error::RowNotFound);
    }
    Ok(())
}

pub async fn add_sdg(
    conn: &mut AnyConnection,
    concept_id: i64,
    sdg: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO concept_sdgs (concept_id, sdg) VALUES ($1, $2) ON CONFLICT DO NOTHING")
        .bind(concept_id)
        .bind(sdg)
        .execute(conn)
        .await
        .map(drop)
}

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

pub async fn add_medium(
    conn: &mut AnyConnection,
    concept_id: i64,
    m: &NewMedium<'_>,
    now: i64,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
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
    .fetch_one(conn)
    .await
}

pub async fn count_all<'e>(
    db: impl Executor<'e, Database = sqlx::Any>,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT COUNT(*) FROM concepts")
        .fetch_one(db)
        .await
}

pub async fn count_published<'e>(
    db: impl Executor<'e, Database = sqlx::Any>,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT COUNT(*) FROM concepts WHERE status = 'published'")
        .fetch_one(db)
        .await
}

#[derive(sqlx::FromRow)]
struct CardRow {
    id: i64,
    slug: String,
    title: String,
    summary: String,
    locale: String,
    original_locale: String,
    published_at: i64,
}

#[derive(sqlx::FromRow)]
struct CardArea {
    concept_id: i64,
    name: String,
}

/// The latest published concepts as cards in `locale`, falling back to the original language.
pub async fn recent_published(
    conn: &mut AnyConnection,
    locale: &str,
    limit: i64,
) -> Result<Vec<ConceptCard>, sqlx::Error> {
    let rows: Vec<CardRow> = sqlx::query_as(
        "SELECT c.id, c.slug, c.original_locale, c.published_at, \
           COALESCE(t.locale, o.locale) AS locale, COALESCE(t.title, o.title) AS title, \
           COALESCE(t.summary, o.summary) AS summary \
         FROM concepts c \
         JOIN concept_translations o ON o.concept_id = c.id AND o.locale = c.original_locale \
         LEFT JOIN concept_translations t ON t.concept_id = c.id AND t.locale = $1 \
         WHERE c.status = 'published' \
         ORDER BY c.published_at DESC, c.id DESC \
         LIMIT $2",
    )
    .bind(locale)
    .bind(limit)
    .fetch_all(&mut *conn)
    .await?;
    let areas: Vec<CardArea> = sqlx::query_as(
        "SELECT ca.concept_id, COALESCE(n.name, e.name, a.code) AS name \
         FROM concept_areas ca \
         JOIN areas a ON a.id = ca.area_id \
         LEFT JOIN area_names n ON n.area_id = a.id AND n.locale = $1 \
         LEFT JOIN area_names e ON e.area_id = a.id AND e.locale = 'en' \
         WHERE ca.concept_id IN (SELECT id FROM concepts WHERE status = 'published' \
                                 ORDER BY published_at DESC, id DESC LIMIT $2) \
         ORDER BY a.position",
    )
    .bind(locale)
    .bind(limit)
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| ConceptCard {
            areas: areas
                .iter()
                .filter(|a| a.concept_id == r.id)
                .map(|a| a.name.clone())
                .collect(),
            slug: r.slug,
            title: r.title,
            summary: r.summary,
            locale: r.locale,
            original_locale: r.original_locale,
            published_at: r.published_at,
        })
        .collect())
}
