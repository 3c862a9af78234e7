//! The catalogue's storage: the search index, the facts the in-memory catalogue is built
//! from, and the version that says when to rebuild it.
use crate::domain::catalogue::FacetKind;
use crate::ssr::infra::text_index::{self, QueryTerm};
use sqlx::AnyConnection;
use std::collections::BTreeMap;

/// Bump when [`text_index`] cuts text differently: servers rebuild the index on start.
pub const INDEX_VERSION: &str = "1";

/// The weight of a term by the field it appears in.
const TITLE: i64 = 8;
const SUMMARY: i64 = 3;
const DETAIL: i64 = 2;
const BODY: i64 = 1;

/// Rebuilds the search terms of one concept from all its translations. Call in the
/// transaction that changes the texts.
pub async fn reindex(conn: &mut AnyConnection, concept_id: i64) -> Result<(), sqlx::Error> {
    let mut texts = crate::ssr::db::concepts::texts(&mut *conn, concept_id).await?;
    texts.retain(crate::ssr::db::concepts::TextRow::public);
    let mut best: BTreeMap<String, i64> = BTreeMap::new();
    for t in &texts {
        let mut terms = BTreeMap::new();
        text_index::terms(&t.title, TITLE, &mut terms);
        text_index::terms(&t.summary, SUMMARY, &mut terms);
        text_index::terms(&t.objectives, DETAIL, &mut terms);
        text_index::terms(&t.beneficiaries, DETAIL, &mut terms);
        text_index::terms(&t.body, BODY, &mut terms);
        for (term, weight) in terms {
            let slot = best.entry(term).or_insert(0);
            *slot = (*slot).max(weight);
        }
    }
    sqlx::query("DELETE FROM search_terms WHERE concept_id = $1").bind(concept_id).execute(&mut *conn).await?;
    // Many rows per statement: one round trip per hundred terms.
    let terms: Vec<(String, i64)> = best.into_iter().collect();
    for chunk in terms.chunks(100) {
        let values = (0..chunk.len()).map(|i| format!("(${}, $1, ${})", 2 * i + 2, 2 * i + 3)).collect::<Vec<_>>();
        let sql = format!("INSERT INTO search_terms (term, concept_id, weight) VALUES {}", values.join(", "));
        let mut query = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(concept_id);
        for (term, weight) in chunk {
            query = query.bind(term.as_str()).bind(*weight);
        }
        query.execute(&mut *conn).await?;
    }
    Ok(())
}

/// Rebuilds the whole index when it was built by another version of the search code.
pub async fn ensure_index(conn: &mut AnyConnection) -> Result<bool, sqlx::Error> {
    let built = super::app_meta::get(&mut *conn, "search_index_version").await?;
    if built.as_deref() == Some(INDEX_VERSION) {
        return Ok(false);
    }
    let ids: Vec<i64> = sqlx::query_scalar("SELECT id FROM concepts ORDER BY id").fetch_all(&mut *conn).await?;
    for id in ids {
        reindex(conn, id).await?;
    }
    super::app_meta::set(&mut *conn, "search_index_version", INDEX_VERSION).await?;
    bump_version(conn).await?;
    Ok(true)
}

/// The concepts (any status) whose index has `term`, or a word starting with it, with the
/// weight of the best match; an exact match weighs double a prefix match.
pub async fn term_matches(conn: &mut AnyConnection, term: &QueryTerm) -> Result<Vec<(i64, i64)>, sqlx::Error> {
    let rows: Vec<(i64, i64)> = if term.prefix {
        // Every string that starts with `term` sorts between it and `term` + the last code point.
        sqlx::query_as(
            "SELECT concept_id, MAX(CASE WHEN term = $1 THEN 2 * weight ELSE weight END) \
             FROM search_terms WHERE term >= $1 AND term < $2 GROUP BY concept_id",
        )
        .bind(term.term.as_str())
        .bind(format!("{}\u{10FFFF}", term.term))
        .fetch_all(conn)
        .await?
    } else {
        sqlx::query_as("SELECT concept_id, 2 * weight FROM search_terms WHERE term = $1")
            .bind(term.term.as_str())
            .fetch_all(conn)
            .await?
    };
    Ok(rows)
}

/// The version of what the public catalogue shows.
pub async fn version(conn: &mut AnyConnection) -> Result<String, sqlx::Error> {
    Ok(super::app_meta::get(conn, "catalogue_version").await?.unwrap_or_default())
}

/// Marks the catalogue as changed; called in the transaction of the change, by the
/// repository functions that change what the catalogue shows (and by the seed, once).
pub async fn bump_version(conn: &mut AnyConnection) -> Result<(), sqlx::Error> {
    super::app_meta::bump(conn, "catalogue_version").await
}

/// Marks the catalogue as changed if concept `concept_id` is published: every repository
/// function that changes what the public sees of a concept calls it, in the transaction of
/// the change.
pub async fn touch(conn: &mut AnyConnection, concept_id: i64) -> Result<(), sqlx::Error> {
    if published_concept(&mut *conn, concept_id).await? { bump_version(conn).await } else { Ok(()) }
}

/// Whether concept `concept_id` is published.
pub async fn published_concept(conn: &mut AnyConnection, concept_id: i64) -> Result<bool, sqlx::Error> {
    let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM concepts WHERE id = $1 AND status = 'published'")
        .bind(concept_id)
        .fetch_one(conn)
        .await?;
    Ok(n > 0)
}

/// Every published concept, newest first: `(id, published_at, budget_usd)`.
pub async fn published(conn: &mut AnyConnection) -> Result<Vec<(i64, i64, Option<i64>)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, published_at, budget_usd FROM concepts WHERE status = 'published' \
         ORDER BY published_at DESC, id DESC",
    )
    .fetch_all(conn)
    .await
}

/// The tags of one facet, of every concept (any status): `(concept id, code)`.
pub async fn tags(conn: &mut AnyConnection, kind: FacetKind) -> Result<Vec<(i64, String)>, sqlx::Error> {
    let sql = match kind {
        FacetKind::Area => "SELECT t.concept_id, a.code FROM concept_areas t JOIN areas a ON a.id = t.area_id",
        FacetKind::Region => "SELECT t.concept_id, r.code FROM concept_regions t JOIN regions r ON r.id = t.region_id",
        FacetKind::Country => "SELECT concept_id, country_code FROM concept_countries",
        FacetKind::Group => "SELECT concept_id, grp FROM concept_groups",
        FacetKind::Contribution => "SELECT concept_id, kind FROM concept_contributions",
        FacetKind::Language => "SELECT concept_id, locale FROM concept_translations WHERE state = 'complete'",
        FacetKind::Media => {
            "SELECT DISTINCT concept_id, kind FROM media \
             WHERE kind IN ('concept_note', 'video', 'slides', 'brochure')"
        }
    };
    sqlx::query_as(sql).fetch_all(conn).await
}

/// Names of areas or regions (all of them, in taxonomy order) or of the given countries,
/// in `locale`, English where untranslated.
pub async fn names(
    conn: &mut AnyConnection,
    kind: FacetKind,
    locale: &str,
) -> Result<Vec<(String, String)>, sqlx::Error> {
    let sql = match kind {
        FacetKind::Area => {
            "SELECT a.code, COALESCE(n.name, e.name, a.code) FROM areas a \
             LEFT JOIN area_names n ON n.area_id = a.id AND n.locale = $1 \
             LEFT JOIN area_names e ON e.area_id = a.id AND e.locale = 'en' ORDER BY a.position"
        }
        FacetKind::Region => {
            "SELECT r.code, COALESCE(n.name, e.name, r.code) FROM regions r \
             LEFT JOIN region_names n ON n.region_id = r.id AND n.locale = $1 \
             LEFT JOIN region_names e ON e.region_id = r.id AND e.locale = 'en' ORDER BY r.position"
        }
        FacetKind::Country => {
            "SELECT c.code, COALESCE(n.name, e.name, c.code) FROM countries c \
             LEFT JOIN country_names n ON n.country_code = c.code AND n.locale = $1 \
             LEFT JOIN country_names e ON e.country_code = c.code AND e.locale = 'en' \
             WHERE EXISTS (SELECT 1 FROM concept_countries t JOIN concepts k ON k.id = t.concept_id \
                           WHERE t.country_code = c.code AND k.status = 'published')"
        }
        _ => return Ok(Vec::new()),
    };
    sqlx::query_as(sql).bind(locale).fetch_all(conn).await
}
