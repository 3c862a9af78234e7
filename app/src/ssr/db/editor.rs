//! Writing concepts: facts and tags, texts per language, status; every change checks and
//! bumps the concept's version, so two people cannot silently overwrite each other.
use crate::domain::editor::{Facts, FactsForm, Status, TextForm};
use crate::ssr::db::catalogue;
use crate::ssr::db::concepts::{self, Tag};
use sqlx::AnyConnection;

/// A concept's stored facts, as the editor form shows them, with its slug, status, version.
pub struct Stored {
    pub slug: String,
    pub status: Status,
    pub version: i64,
    pub facts: FactsForm,
}

type FactsRow = (String, String, String, i64, Option<i64>, Option<String>, Option<String>, String, String);

pub async fn load(conn: &mut AnyConnection, id: i64) -> Result<Option<Stored>, sqlx::Error> {
    let row: Option<FactsRow> = sqlx::query_as(
        "SELECT slug, original_locale, status, version, budget_usd, starts_on, ends_on, \
           focal_point_name, focal_point_email FROM concepts WHERE id = $1",
    )
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?;
    let Some((slug, original_locale, status, version, budget, starts_on, ends_on, focal_name, focal_email)) = row
    else {
        return Ok(None);
    };
    let areas = codes(
        conn,
        id,
        "SELECT a.code FROM concept_areas ca JOIN areas a ON a.id = ca.area_id WHERE ca.concept_id = $1 ORDER BY a.position",
    )
    .await?;
    let regions = codes(
        conn,
        id,
        "SELECT r.code FROM concept_regions cr JOIN regions r ON r.id = cr.region_id WHERE cr.concept_id = $1 \
         ORDER BY r.position",
    )
    .await?;
    let countries =
        codes(conn, id, "SELECT country_code FROM concept_countries WHERE concept_id = $1 ORDER BY country_code")
            .await?;
    let groups = codes(conn, id, "SELECT grp FROM concept_groups WHERE concept_id = $1 ORDER BY grp").await?;
    let contributions =
        codes(conn, id, "SELECT kind FROM concept_contributions WHERE concept_id = $1 ORDER BY kind").await?;
    let sdgs = codes(conn, id, "SELECT CAST(sdg AS TEXT) FROM concept_sdgs WHERE concept_id = $1 ORDER BY sdg").await?;
    Ok(Some(Stored {
        slug,
        status: Status::parse(&status).unwrap_or(Status::Draft),
        version,
        facts: FactsForm {
            original_locale,
            budget: budget.map(|b| b.to_string()).unwrap_or_default(),
            starts_on: starts_on.unwrap_or_default(),
            ends_on: ends_on.unwrap_or_default(),
            focal_name,
            focal_email,
            areas,
            regions,
            countries,
            groups,
            contributions,
            sdgs,
        },
    }))
}

/// The codes a query with one id parameter returns.
async fn codes(conn: &mut AnyConnection, id: i64, sql: &'static str) -> Result<Vec<String>, sqlx::Error> {
    sqlx::query_scalar(sql).bind(id).fetch_all(conn).await
}

/// The texts of every language, original first, then in the UN order.
pub async fn texts(conn: &mut AnyConnection, id: i64, original: &str) -> Result<Vec<(String, TextForm)>, sqlx::Error> {
    let mut texts: Vec<(String, TextForm)> = concepts::texts(conn, id)
        .await?
        .into_iter()
        .map(|t| {
            let text = TextForm {
                title: t.title,
                summary: t.summary,
                objectives: t.objectives,
                beneficiaries: t.beneficiaries,
                body: t.body,
            };
            (t.locale, text)
        })
        .collect();
    texts.sort_by_key(|(l, _)| (l != original, crate::domain::locale::CODES.iter().position(|c| c == l)));
    Ok(texts)
}

/// Inserts a draft with its tags (through `concepts::insert`, the one insert into `concepts`); returns its id.
pub async fn insert_draft(conn: &mut AnyConnection, slug: &str, facts: &Facts, now: i64) -> Result<i64, sqlx::Error> {
    let id = concepts::insert(
        &mut *conn,
        &concepts::NewConcept {
            slug,
            original_locale: &facts.original_locale,
            status: Status::Draft.code(),
            budget_usd: facts.budget_usd,
            starts_on: facts.starts_on.as_deref(),
            ends_on: facts.ends_on.as_deref(),
            focal_point_name: &facts.focal_name,
            focal_point_email: &facts.focal_email,
            created_at: now,
            published_at: None,
        },
    )
    .await?;
    set_tags(conn, id, facts).await?;
    Ok(id)
}

/// Claims the next version: `false` when someone changed the concept since `version`.
pub async fn claim_version(conn: &mut AnyConnection, id: i64, version: i64, now: i64) -> Result<bool, sqlx::Error> {
    let done = sqlx::query("UPDATE concepts SET version = version + 1, updated_at = $1 WHERE id = $2 AND version = $3")
        .bind(now)
        .bind(id)
        .bind(version)
        .execute(conn)
        .await?;
    Ok(done.rows_affected() == 1)
}

/// Writes the facts and replaces the tags (after [`claim_version`]). The original language
/// stays as it was: it is chosen once, at creation.
pub async fn update_facts(conn: &mut AnyConnection, id: i64, facts: &Facts) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE concepts SET budget_usd = $1, starts_on = $2, ends_on = $3, focal_point_name = $4, \
         focal_point_email = $5 WHERE id = $6",
    )
    .bind(facts.budget_usd)
    .bind(facts.starts_on.as_deref())
    .bind(facts.ends_on.as_deref())
    .bind(&facts.focal_name)
    .bind(&facts.focal_email)
    .bind(id)
    .execute(&mut *conn)
    .await?;
    for table in [
        "concept_areas",
        "concept_regions",
        "concept_countries",
        "concept_groups",
        "concept_contributions",
        "concept_sdgs",
    ] {
        sqlx::query(sqlx::AssertSqlSafe(format!("DELETE FROM {table} WHERE concept_id = $1")))
            .bind(id)
            .execute(&mut *conn)
            .await?;
    }
    set_tags(&mut *conn, id, facts).await?;
    catalogue::touch(conn, id).await
}

async fn set_tags(conn: &mut AnyConnection, id: i64, facts: &Facts) -> Result<(), sqlx::Error> {
    let tags = [
        (Tag::Area, &facts.areas),
        (Tag::Region, &facts.regions),
        (Tag::Country, &facts.countries),
        (Tag::Group, &facts.groups),
        (Tag::Contribution, &facts.contributions),
        (Tag::Sdg, &facts.sdgs),
    ];
    for (tag, codes) in tags {
        for code in codes {
            concepts::add_tag(&mut *conn, id, tag, code).await?;
        }
    }
    Ok(())
}

pub async fn save_text(
    conn: &mut AnyConnection,
    id: i64,
    locale: &str,
    text: &TextForm,
    now: i64,
) -> Result<(), sqlx::Error> {
    let t = concepts::Translation {
        locale,
        title: &text.title,
        summary: &text.summary,
        objectives: &text.objectives,
        beneficiaries: &text.beneficiaries,
        body: &text.body,
    };
    concepts::upsert_translation(&mut *conn, id, &t, now).await?;
    text_changed(conn, id).await
}

/// After a concept's texts changed: its search terms rebuilt, and the catalogue marked
/// changed if it is public.
async fn text_changed(conn: &mut AnyConnection, id: i64) -> Result<(), sqlx::Error> {
    catalogue::reindex(&mut *conn, id).await?;
    catalogue::touch(conn, id).await
}

/// Marks a translation complete (public) or draft.
pub async fn set_text_state(
    conn: &mut AnyConnection,
    id: i64,
    locale: &str,
    complete: bool,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE concept_translations SET state = $1 WHERE concept_id = $2 AND locale = $3")
        .bind(if complete { "complete" } else { "draft" })
        .bind(id)
        .bind(locale)
        .execute(&mut *conn)
        .await?;
    text_changed(conn, id).await
}

/// The languages whose translation is a draft.
pub async fn draft_locales(conn: &mut AnyConnection, id: i64) -> Result<Vec<String>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT locale FROM concept_translations WHERE concept_id = $1 AND state = 'draft' ORDER BY locale",
    )
    .bind(id)
    .fetch_all(conn)
    .await
}

pub async fn delete_text(conn: &mut AnyConnection, id: i64, locale: &str) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM concept_translations WHERE concept_id = $1 AND locale = $2")
        .bind(id)
        .bind(locale)
        .execute(&mut *conn)
        .await?;
    text_changed(conn, id).await
}

/// Sets the status; publishing from review sets the publication time.
pub async fn set_status(
    conn: &mut AnyConnection,
    id: i64,
    from: Status,
    to: Status,
    now: i64,
) -> Result<(), sqlx::Error> {
    let first_publication = from == Status::InReview && to == Status::Published;
    sqlx::query(
        "UPDATE concepts SET status = $1, published_at = CASE WHEN $2 = 1 THEN $3 ELSE published_at END WHERE id = $4",
    )
    .bind(to.code())
    .bind(i64::from(first_publication))
    .bind(now)
    .bind(id)
    .execute(&mut *conn)
    .await?;
    // Entering or leaving the published state changes the public catalogue.
    if from == Status::Published || to == Status::Published {
        catalogue::bump_version(conn).await?;
    }
    Ok(())
}

/// Whether a slug is taken.
pub async fn slug_taken(conn: &mut AnyConnection, slug: &str) -> Result<bool, sqlx::Error> {
    let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM concepts WHERE slug = $1").bind(slug).fetch_one(conn).await?;
    Ok(n > 0)
}

/// Every country with its name in `locale` (English where untranslated), by name.
pub async fn all_countries(conn: &mut AnyConnection, locale: &str) -> Result<Vec<(String, String)>, sqlx::Error> {
    let mut rows: Vec<(String, String)> = sqlx::query_as(
        "SELECT c.code, COALESCE(n.name, e.name, c.code) FROM countries c \
         LEFT JOIN country_names n ON n.country_code = c.code AND n.locale = $1 \
         LEFT JOIN country_names e ON e.country_code = c.code AND e.locale = 'en'",
    )
    .bind(locale)
    .fetch_all(conn)
    .await?;
    rows.sort_by(|a, b| a.1.cmp(&b.1));
    Ok(rows)
}
