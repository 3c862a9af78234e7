//! Areas of action, regions, countries: reference data and published-concept counts.
use crate::domain::taxonomy::CountedTerm;
use sqlx::{AnyConnection, Executor};

/// The two term lists that have positions and names in six languages.
#[derive(Clone, Copy, Debug)]
pub enum Term {
    Area,
    Region,
}

/// Inserts a term unless it exists (staff edits win) and returns its id.
pub async fn ensure_term(conn: &mut AnyConnection, term: Term, code: &str, position: i64) -> Result<i64, sqlx::Error> {
    let (insert, select) = match term {
        Term::Area => (
            "INSERT INTO areas (code, position) VALUES ($1, $2) ON CONFLICT (code) DO NOTHING",
            "SELECT id FROM areas WHERE code = $1",
        ),
        Term::Region => (
            "INSERT INTO regions (code, position) VALUES ($1, $2) ON CONFLICT (code) DO NOTHING",
            "SELECT id FROM regions WHERE code = $1",
        ),
    };
    sqlx::query(insert).bind(code).bind(position).execute(&mut *conn).await?;
    sqlx::query_scalar(select).bind(code).fetch_one(&mut *conn).await
}

/// Names a term in a locale unless it has a name there already (the seed: staff edits win).
pub async fn ensure_term_name(
    conn: &mut AnyConnection,
    term: Term,
    id: i64,
    locale: &str,
    name: &str,
) -> Result<(), sqlx::Error> {
    write_term_name(conn, term, id, locale, name, false).await
}

pub async fn ensure_country(conn: &mut AnyConnection, code: &str, region_id: i64) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO countries (code, region_id) VALUES ($1, $2) ON CONFLICT (code) DO NOTHING")
        .bind(code)
        .bind(region_id)
        .execute(conn)
        .await
        .map(drop)
}

pub async fn ensure_country_name(
    conn: &mut AnyConnection,
    code: &str,
    locale: &str,
    name: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO country_names (country_code, locale, name) VALUES ($1, $2, $3) \
         ON CONFLICT (country_code, locale) DO NOTHING",
    )
    .bind(code)
    .bind(locale)
    .bind(name)
    .execute(conn)
    .await
    .map(drop)
}

pub async fn ensure_country_group(conn: &mut AnyConnection, code: &str, group: &str) -> Result<(), sqlx::Error> {
    let done = sqlx::query(
        "INSERT INTO country_groups (country_code, grp) VALUES ($1, $2) ON CONFLICT (country_code, grp) DO NOTHING",
    )
    .bind(code)
    .bind(group)
    .execute(&mut *conn)
    .await?;
    // Counts by country group read memberships from the record's snapshot.
    if done.rows_affected() > 0 {
        super::agreements::bump_version(conn).await?;
    }
    Ok(())
}

/// Records that `code` belonged to `group` from `since` until the day before `until` (`None`:
/// before the record begins, or still), unless that period is recorded.
pub async fn ensure_group_period(
    conn: &mut AnyConnection,
    code: &str,
    group: &str,
    since: Option<&str>,
    until: Option<&str>,
) -> Result<(), sqlx::Error> {
    let done = sqlx::query(
        "INSERT INTO country_group_periods (country_code, grp, since, until) SELECT $1, $2, $3, $4 \
         WHERE NOT EXISTS (SELECT 1 FROM country_group_periods WHERE country_code = $1 AND grp = $2 \
           AND since IS NOT DISTINCT FROM $3 AND until IS NOT DISTINCT FROM $4)",
    )
    .bind(code)
    .bind(group)
    .bind(since)
    .bind(until)
    .execute(&mut *conn)
    .await?;
    // Counts by country group read memberships from the record's snapshot.
    if done.rows_affected() > 0 {
        super::agreements::bump_version(conn).await?;
    }
    Ok(())
}

#[derive(sqlx::FromRow)]
struct TermRow {
    code: String,
    name: String,
    count: i64,
}

impl From<TermRow> for CountedTerm {
    fn from(r: TermRow) -> Self {
        CountedTerm { code: r.code, name: r.name, count: r.count }
    }
}

/// Every area of action, named in `locale` (English when untranslated), with the number of
/// published concepts tagged with it.
pub async fn area_counts<'e>(
    db: impl Executor<'e, Database = sqlx::Any>,
    locale: &str,
) -> Result<Vec<CountedTerm>, sqlx::Error> {
    let rows: Vec<TermRow> = sqlx::query_as(
        "SELECT a.code, COALESCE(n.name, e.name, a.code) AS name, \
           (SELECT COUNT(*) FROM concept_areas ca JOIN concepts c ON c.id = ca.concept_id \
             WHERE ca.area_id = a.id AND c.status = 'published') AS count \
         FROM areas a \
         LEFT JOIN area_names n ON n.area_id = a.id AND n.locale = $1 \
         LEFT JOIN area_names e ON e.area_id = a.id AND e.locale = 'en' \
         ORDER BY a.position, a.code",
    )
    .bind(locale)
    .fetch_all(db)
    .await?;
    Ok(rows.into_iter().map(Into::into).collect())
}

/// Every region, named in `locale`, with the number of published concepts tagged with the
/// region itself or with one of its countries.
pub async fn region_counts<'e>(
    db: impl Executor<'e, Database = sqlx::Any>,
    locale: &str,
) -> Result<Vec<CountedTerm>, sqlx::Error> {
    let rows: Vec<TermRow> = sqlx::query_as(
        "SELECT r.code, COALESCE(n.name, e.name, r.code) AS name, \
           (SELECT COUNT(*) FROM concepts c WHERE c.status = 'published' AND ( \
              EXISTS (SELECT 1 FROM concept_regions cr WHERE cr.concept_id = c.id AND cr.region_id = r.id) \
              OR EXISTS (SELECT 1 FROM concept_countries cc JOIN countries k ON k.code = cc.country_code \
                          WHERE cc.concept_id = c.id AND k.region_id = r.id))) AS count \
         FROM regions r \
         LEFT JOIN region_names n ON n.region_id = r.id AND n.locale = $1 \
         LEFT JOIN region_names e ON e.region_id = r.id AND e.locale = 'en' \
         ORDER BY r.position, r.code",
    )
    .bind(locale)
    .fetch_all(db)
    .await?;
    Ok(rows.into_iter().map(Into::into).collect())
}

/// Every term of a list in order: id, code, and its names as `(locale, name)`.
pub async fn terms_with_names(
    conn: &mut AnyConnection,
    term: Term,
) -> Result<Vec<(i64, String, Vec<(String, String)>)>, sqlx::Error> {
    let (terms, names) = match term {
        Term::Area => (
            "SELECT id, code FROM areas ORDER BY position, id",
            "SELECT area_id, locale, name FROM area_names ORDER BY area_id, locale",
        ),
        Term::Region => (
            "SELECT id, code FROM regions ORDER BY position, id",
            "SELECT region_id, locale, name FROM region_names ORDER BY region_id, locale",
        ),
    };
    let terms: Vec<(i64, String)> = sqlx::query_as(terms).fetch_all(&mut *conn).await?;
    let names: Vec<(i64, String, String)> = sqlx::query_as(names).fetch_all(&mut *conn).await?;
    Ok(terms
        .into_iter()
        .map(|(id, code)| {
            let own = names.iter().filter(|(t, ..)| *t == id).map(|(_, l, n)| (l.clone(), n.clone())).collect();
            (id, code, own)
        })
        .collect())
}

/// Sets (or replaces) a term's name in a locale (administrators).
pub async fn set_term_name(
    conn: &mut AnyConnection,
    term: Term,
    id: i64,
    locale: &str,
    name: &str,
) -> Result<(), sqlx::Error> {
    write_term_name(&mut *conn, term, id, locale, name, true).await?;
    // Facets and cards show these names.
    super::catalogue::bump_version(conn).await
}

async fn write_term_name(
    conn: &mut AnyConnection,
    term: Term,
    id: i64,
    locale: &str,
    name: &str,
    replace: bool,
) -> Result<(), sqlx::Error> {
    let (table, key) = match term {
        Term::Area => ("area_names", "area_id"),
        Term::Region => ("region_names", "region_id"),
    };
    let on_conflict = if replace { "DO UPDATE SET name = excluded.name" } else { "DO NOTHING" };
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "INSERT INTO {table} ({key}, locale, name) VALUES ($1, $2, $3) ON CONFLICT ({key}, locale) {on_conflict}"
    )))
    .bind(id)
    .bind(locale)
    .bind(name)
    .execute(conn)
    .await
    .map(drop)
}

/// A country's name in `locale` (in English when it has none there); `None` for an unknown code.
pub async fn country_name(conn: &mut AnyConnection, code: &str, locale: &str) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT COALESCE(n.name, e.name, c.code) FROM countries c \
         LEFT JOIN country_names n ON n.country_code = c.code AND n.locale = $2 \
         LEFT JOIN country_names e ON e.country_code = c.code AND e.locale = 'en' \
         WHERE c.code = $1",
    )
    .bind(code)
    .bind(locale)
    .fetch_optional(conn)
    .await
}

/// Whether `code` is a country of the reference data.
pub async fn known_country(conn: &mut AnyConnection, code: &str) -> Result<bool, sqlx::Error> {
    let n: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM countries WHERE code = $1").bind(code).fetch_one(conn).await?;
    Ok(n > 0)
}

/// Every area's code, in the order they were added.
pub async fn area_codes(conn: &mut AnyConnection) -> Result<Vec<String>, sqlx::Error> {
    sqlx::query_scalar("SELECT code FROM areas ORDER BY id").fetch_all(conn).await
}

/// Every region: `(id, code)`, in the order they were added.
pub async fn regions_by_id(conn: &mut AnyConnection) -> Result<Vec<(i64, String)>, sqlx::Error> {
    sqlx::query_as("SELECT id, code FROM regions ORDER BY id").fetch_all(conn).await
}

/// Every country: `(region id, code)`, by code.
pub async fn countries_by_region(conn: &mut AnyConnection) -> Result<Vec<(i64, String)>, sqlx::Error> {
    sqlx::query_as("SELECT region_id, code FROM countries ORDER BY code").fetch_all(conn).await
}

/// The codes of one vocabulary: areas, regions or countries (empty for the others).
pub async fn codes(
    conn: &mut AnyConnection,
    kind: crate::domain::catalogue::FacetKind,
) -> Result<Vec<String>, sqlx::Error> {
    use crate::domain::catalogue::FacetKind;
    let sql = match kind {
        FacetKind::Area => "SELECT code FROM areas",
        FacetKind::Region => "SELECT code FROM regions",
        FacetKind::Country => "SELECT code FROM countries",
        _ => return Ok(Vec::new()),
    };
    sqlx::query_scalar(sql).fetch_all(conn).await
}
