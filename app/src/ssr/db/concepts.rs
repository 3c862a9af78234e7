//! Concepts: their translations, tags and media.
use crate::domain::concept::ConceptCard;
use crate::domain::staff::StaffConceptRow;
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
    /// A Sustainable Development Goal, `1` to `17`.
    Sdg,
}

/// Tags a concept; unknown codes are an error (a foreign-key or check violation).
pub async fn add_tag(conn: &mut AnyConnection, concept_id: i64, tag: Tag, code: &str) -> Result<(), sqlx::Error> {
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
        Tag::Group => "INSERT INTO concept_groups (concept_id, grp) VALUES ($1, $2) ON CONFLICT DO NOTHING",
        Tag::Contribution => {
            "INSERT INTO concept_contributions (concept_id, kind) VALUES ($1, $2) ON CONFLICT DO NOTHING"
        }
        Tag::Sdg => {
            "INSERT INTO concept_sdgs (concept_id, sdg) VALUES ($1, CAST($2 AS INTEGER)) ON CONFLICT DO NOTHING"
        }
    };
    let done = sqlx::query(sql).bind(concept_id).bind(code).execute(conn).await?;
    if done.rows_affected() == 0 && matches!(tag, Tag::Area | Tag::Region) {
        return Err(sqlx::Error::RowNotFound);
    }
    Ok(())
}

pub async fn add_sdg(conn: &mut AnyConnection, concept_id: i64, sdg: i64) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO concept_sdgs (concept_id, sdg) VALUES ($1, $2) ON CONFLICT DO NOTHING")
        .bind(concept_id)
        .bind(sdg)
        .execute(conn)
        .await
        .map(drop)
}

/// Every public translation of every published concept, newest concept first: `(slug,
/// locale, updated_at)`.
pub async fn public_translations(conn: &mut AnyConnection) -> Result<Vec<(String, String, i64)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT c.slug, t.locale, c.updated_at FROM concepts c \
         JOIN concept_translations t ON t.concept_id = c.id AND t.state = 'complete' \
         WHERE c.status = 'published' ORDER BY c.published_at DESC, c.id DESC, t.locale",
    )
    .fetch_all(conn)
    .await
}

/// How many concepts have a slug starting with `prefix` (generated benchmark data).
pub async fn count_with_slug_prefix(conn: &mut AnyConnection, prefix: &str) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT COUNT(*) FROM concepts WHERE slug LIKE $1")
        .bind(format!("{prefix}%"))
        .fetch_one(conn)
        .await
}

pub async fn count_all<'e>(db: impl Executor<'e, Database = sqlx::Any>) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT COUNT(*) FROM concepts").fetch_one(db).await
}

pub async fn count_published<'e>(db: impl Executor<'e, Database = sqlx::Any>) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT COUNT(*) FROM concepts WHERE status = 'published'").fetch_one(db).await
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

/// The ids of the latest published concepts, newest first.
pub async fn recent_published_ids(conn: &mut AnyConnection, limit: i64) -> Result<Vec<i64>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT id FROM concepts WHERE status = 'published' ORDER BY published_at DESC, id DESC LIMIT $1",
    )
    .bind(limit)
    .fetch_all(conn)
    .await
}

/// `$first, $first+1, …` for `n` values: the only text ever built into SQL here.
fn placeholders(first: usize, n: usize) -> String {
    (first..first + n).map(|i| format!("${i}")).collect::<Vec<_>>().join(", ")
}

/// Published concepts as cards in `locale` (falling back to the original language), in the
/// order of `ids`.
pub async fn cards(conn: &mut AnyConnection, locale: &str, ids: &[i64]) -> Result<Vec<ConceptCard>, sqlx::Error> {
    Ok(cards_by_id(conn, locale, ids).await?.into_iter().map(|(_, card)| card).collect())
}

/// [`cards`] with the id of each; ids of concepts no longer published are left out.
pub async fn cards_by_id(
    conn: &mut AnyConnection,
    locale: &str,
    ids: &[i64],
) -> Result<Vec<(i64, ConceptCard)>, sqlx::Error> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let list = placeholders(2, ids.len());
    let sql = format!(
        "SELECT c.id, c.slug, c.original_locale, c.published_at, \
           COALESCE(t.locale, o.locale) AS locale, COALESCE(t.title, o.title) AS title, \
           COALESCE(t.summary, o.summary) AS summary \
         FROM concepts c \
         JOIN concept_translations o ON o.concept_id = c.id AND o.locale = c.original_locale \
         LEFT JOIN concept_translations t ON t.concept_id = c.id AND t.locale = $1 AND t.state = 'complete' \
         WHERE c.status = 'published' AND c.id IN ({list})"
    );
    let mut query = sqlx::query_as::<_, CardRow>(sqlx::AssertSqlSafe(sql)).bind(locale);
    for id in ids {
        query = query.bind(*id);
    }
    let rows = query.fetch_all(&mut *conn).await?;
    let sql = format!(
        "SELECT ca.concept_id, COALESCE(n.name, e.name, a.code) AS name \
         FROM concept_areas ca \
         JOIN areas a ON a.id = ca.area_id \
         LEFT JOIN area_names n ON n.area_id = a.id AND n.locale = $1 \
         LEFT JOIN area_names e ON e.area_id = a.id AND e.locale = 'en' \
         WHERE ca.concept_id IN ({list}) \
         ORDER BY a.position"
    );
    let mut query = sqlx::query_as::<_, CardArea>(sqlx::AssertSqlSafe(sql)).bind(locale);
    for id in ids {
        query = query.bind(*id);
    }
    let areas = query.fetch_all(&mut *conn).await?;
    let mut cards: Vec<(usize, i64, ConceptCard)> = rows
        .into_iter()
        .map(|r| {
            let order = ids.iter().position(|id| *id == r.id).unwrap_or(usize::MAX);
            let id = r.id;
            let card = ConceptCard {
                areas: areas.iter().filter(|a| a.concept_id == r.id).map(|a| a.name.clone()).collect(),
                slug: r.slug,
                title: r.title,
                summary: r.summary,
                locale: r.locale,
                original_locale: r.original_locale,
                published_at: r.published_at,
            };
            (order, id, card)
        })
        .collect();
    cards.sort_by_key(|(order, _, _)| *order);
    Ok(cards.into_iter().map(|(_, id, card)| (id, card)).collect())
}

/// The public facts of a published concept.
#[derive(sqlx::FromRow)]
pub struct PublishedRow {
    pub id: i64,
    pub original_locale: String,
    pub budget_usd: Option<i64>,
    pub starts_on: Option<String>,
    pub ends_on: Option<String>,
    pub focal_point_name: String,
    pub focal_point_email: String,
    pub published_at: i64,
}

/// A concept's slug and the language it was written in; `None` for an unknown id.
pub async fn slug_and_original_locale(
    conn: &mut AnyConnection,
    id: i64,
) -> Result<Option<(String, String)>, sqlx::Error> {
    sqlx::query_as("SELECT slug, original_locale FROM concepts WHERE id = $1").bind(id).fetch_optional(conn).await
}

pub async fn published_by_slug(conn: &mut AnyConnection, slug: &str) -> Result<Option<PublishedRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, original_locale, budget_usd, starts_on, ends_on, focal_point_name, focal_point_email, published_at \
         FROM concepts WHERE slug = $1 AND status = 'published'",
    )
    .bind(slug)
    .fetch_optional(conn)
    .await
}

#[derive(sqlx::FromRow)]
pub struct TextRow {
    pub locale: String,
    pub title: String,
    pub summary: String,
    pub objectives: String,
    pub beneficiaries: String,
    pub body: String,
    /// `draft` or `complete`.
    pub state: String,
}

impl TextRow {
    pub fn public(&self) -> bool {
        self.state == "complete"
    }
}

/// Every translation of a concept (the original included), drafts too: the public sees only
/// those whose `state` is `complete` (see [`TextRow::public`]).
pub async fn texts(conn: &mut AnyConnection, concept_id: i64) -> Result<Vec<TextRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT locale, title, summary, objectives, beneficiaries, body, state FROM concept_translations \
         WHERE concept_id = $1 ORDER BY locale",
    )
    .bind(concept_id)
    .fetch_all(conn)
    .await
}

#[derive(sqlx::FromRow)]
struct NamedRow {
    code: String,
    name: String,
}

/// The concept's areas, regions or countries, named in `locale` (English when untranslated).
pub async fn tag_names(
    conn: &mut AnyConnection,
    concept_id: i64,
    tag: Tag,
    locale: &str,
) -> Result<Vec<crate::domain::concept::Named>, sqlx::Error> {
    let sql = match tag {
        Tag::Area => {
            "SELECT a.code, COALESCE(n.name, e.name, a.code) AS name FROM concept_areas t JOIN areas a ON a.id = t.area_id \
             LEFT JOIN area_names n ON n.area_id = a.id AND n.locale = $2 LEFT JOIN area_names e ON e.area_id = a.id AND e.locale = 'en' \
             WHERE t.concept_id = $1 ORDER BY a.position"
        }
        Tag::Region => {
            "SELECT r.code, COALESCE(n.name, e.name, r.code) AS name FROM concept_regions t JOIN regions r ON r.id = t.region_id \
             LEFT JOIN region_names n ON n.region_id = r.id AND n.locale = $2 LEFT JOIN region_names e ON e.region_id = r.id AND e.locale = 'en' \
             WHERE t.concept_id = $1 ORDER BY r.position"
        }
        Tag::Country => {
            "SELECT t.country_code AS code, COALESCE(n.name, e.name, t.country_code) AS name FROM concept_countries t \
             LEFT JOIN country_names n ON n.country_code = t.country_code AND n.locale = $2 \
             LEFT JOIN country_names e ON e.country_code = t.country_code AND e.locale = 'en' \
             WHERE t.concept_id = $1 ORDER BY name"
        }
        Tag::Group => {
            "SELECT grp AS code, grp AS name FROM concept_groups WHERE concept_id = $1 AND $2 = $2 ORDER BY grp"
        }
        Tag::Contribution => {
            "SELECT kind AS code, kind AS name FROM concept_contributions WHERE concept_id = $1 AND $2 = $2 \
             ORDER BY CASE kind WHEN 'funding' THEN 1 WHEN 'in_kind' THEN 2 ELSE 3 END"
        }
        Tag::Sdg => {
            "SELECT CAST(sdg AS TEXT) AS code, CAST(sdg AS TEXT) AS name FROM concept_sdgs \
             WHERE concept_id = $1 AND $2 = $2 ORDER BY sdg"
        }
    };
    let rows: Vec<NamedRow> = sqlx::query_as(sql).bind(concept_id).bind(locale).fetch_all(conn).await?;
    Ok(rows.into_iter().map(|r| crate::domain::concept::Named { code: r.code, name: r.name }).collect())
}

/// A stored file as it is served: its type, its name and its size in bytes.
#[derive(sqlx::FromRow)]
pub struct ServedFile {
    pub content_type: String,
    pub file_name: String,
    pub byte_size: Option<i64>,
}

/// A stored file as the public may fetch it: only files of published concepts.
pub async fn public_file(conn: &mut AnyConnection, storage_key: &str) -> Result<Option<ServedFile>, sqlx::Error> {
    sqlx::query_as(
        "SELECT m.content_type, m.file_name, m.byte_size FROM media m JOIN concepts c ON c.id = m.concept_id \
         WHERE m.storage_key = $1 AND c.status = 'published' AND m.content_type IS NOT NULL AND m.file_name IS NOT NULL \
         ORDER BY m.id LIMIT 1",
    )
    .bind(storage_key)
    .fetch_optional(conn)
    .await
}

/// Published concepts sharing an area or a region with `concept_id`, most shared first.
pub async fn related_ids(conn: &mut AnyConnection, concept_id: i64, limit: i64) -> Result<Vec<i64>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT c.id FROM concepts c WHERE c.status = 'published' AND c.id <> $1 AND ( \
           EXISTS (SELECT 1 FROM concept_areas a1 JOIN concept_areas a2 ON a2.area_id = a1.area_id \
                   WHERE a1.concept_id = c.id AND a2.concept_id = $1) \
           OR EXISTS (SELECT 1 FROM concept_regions r1 JOIN concept_regions r2 ON r2.region_id = r1.region_id \
                   WHERE r1.concept_id = c.id AND r2.concept_id = $1)) \
         ORDER BY (SELECT COUNT(*) FROM concept_areas a1 JOIN concept_areas a2 ON a2.area_id = a1.area_id \
                   WHERE a1.concept_id = c.id AND a2.concept_id = $1) \
                + (SELECT COUNT(*) FROM concept_regions r1 JOIN concept_regions r2 ON r2.region_id = r1.region_id \
                   WHERE r1.concept_id = c.id AND r2.concept_id = $1) DESC, \
                  c.published_at DESC, c.id DESC \
         LIMIT $2",
    )
    .bind(concept_id)
    .bind(limit)
    .fetch_all(conn)
    .await
}

/// Every concept, any status, most recently changed first, titled in `locale` where
/// translated, with the languages it has.
pub async fn staff_list(conn: &mut AnyConnection, locale: &str) -> Result<Vec<StaffConceptRow>, sqlx::Error> {
    let rows: Vec<(i64, String, String, String, String, String, i64)> = sqlx::query_as(
        "SELECT c.id, c.slug, COALESCE(t.title, o.title), COALESCE(t.locale, o.locale), c.original_locale, \
           c.status, c.updated_at \
         FROM concepts c \
         JOIN concept_translations o ON o.concept_id = c.id AND o.locale = c.original_locale \
         LEFT JOIN concept_translations t ON t.concept_id = c.id AND t.locale = $1 \
         ORDER BY c.updated_at DESC, c.id DESC",
    )
    .bind(locale)
    .fetch_all(&mut *conn)
    .await?;
    let pairs: Vec<(i64, String)> =
        sqlx::query_as("SELECT concept_id, locale FROM concept_translations").fetch_all(&mut *conn).await?;
    let mut languages: std::collections::HashMap<i64, Vec<String>> = std::collections::HashMap::new();
    for (id, locale) in pairs {
        languages.entry(id).or_default().push(locale);
    }
    Ok(rows
        .into_iter()
        .map(|(id, slug, title, locale, original_locale, status, updated_at)| {
            let mut langs = languages.remove(&id).unwrap_or_default();
            langs.sort_by_key(|l| crate::domain::locale::CODES.iter().position(|c| c == l));
            StaffConceptRow { id, slug, title, locale, original_locale, status, languages: langs, updated_at }
        })
        .collect())
}
