//! Expressions of interest, their notes, and the pipeline's numbers.
use crate::domain::interest::{Inbox, Interest, InterestRow, Note, Pipeline, Tally};
use sqlx::AnyConnection;

/// The concept someone is interested in: id, status, original language, focal point's address.
pub async fn concept_by_slug(
    conn: &mut AnyConnection,
    slug: &str,
) -> Result<Option<(i64, String, String, String)>, sqlx::Error> {
    sqlx::query_as("SELECT id, status, original_locale, focal_point_email FROM concepts WHERE slug = $1")
        .bind(slug)
        .fetch_optional(conn)
        .await
}

/// Records an expression of interest; `None` when the same one was already recorded.
pub async fn insert(
    conn: &mut AnyConnection,
    concept_id: i64,
    i: &Interest,
    locale: &str,
    fingerprint: &str,
    now: i64,
) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO interests (concept_id, organisation, entity_type, country_code, contact_name, email, role, \
           contribution, amount_usd, message, locale, consented_at, fingerprint, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $12, $12) \
         ON CONFLICT (fingerprint) DO NOTHING RETURNING id",
    )
    .bind(concept_id)
    .bind(&i.organisation)
    .bind(&i.entity_type)
    .bind(i.country.as_deref())
    .bind(&i.contact_name)
    .bind(i.email.as_str())
    .bind(&i.role)
    .bind(&i.contribution)
    .bind(i.amount_usd)
    .bind(&i.message)
    .bind(locale)
    .bind(now)
    .bind(fingerprint)
    .fetch_optional(conn)
    .await
}

/// The addresses of active publishers and administrators.
pub async fn publisher_emails(conn: &mut AnyConnection) -> Result<Vec<String>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT email FROM staff_users WHERE role IN ('publisher', 'admin') AND disabled_at IS NULL ORDER BY id",
    )
    .fetch_all(conn)
    .await
}

/// A value to bind, for queries whose conditions depend on the filters.
enum Arg {
    Int(i64),
    Text(String),
}

/// The `WHERE` of the inbox's filters on `interests i`, and its values from `$first`.
fn conditions(f: &Inbox, first: usize) -> (String, Vec<Arg>) {
    let mut sql = vec!["1 = 1".to_owned()];
    let mut args = Vec::new();
    let mut add = |condition: &str, arg: Arg| {
        args.push(arg);
        sql.push(condition.replace('?', &format!("${}", first + args.len() - 1)));
    };
    if let Some(c) = f.concept {
        add("i.concept_id = ?", Arg::Int(c));
    }
    if let Some(s) = f.stage {
        add("i.stage = ?", Arg::Text(s.code().into()));
    }
    if let Some(a) = &f.area {
        add(
            "EXISTS (SELECT 1 FROM concept_areas ca JOIN areas a ON a.id = ca.area_id \
             WHERE ca.concept_id = i.concept_id AND a.code = ?)",
            Arg::Text(a.clone()),
        );
    }
    if let Some(r) = &f.region {
        add(
            "EXISTS (SELECT 1 FROM concept_regions cr JOIN regions r ON r.id = cr.region_id \
             WHERE cr.concept_id = i.concept_id AND r.code = ?)",
            Arg::Text(r.clone()),
        );
    }
    if let Some(e) = &f.entity_type {
        add("i.entity_type = ?", Arg::Text(e.clone()));
    }
    if let Some(c) = &f.country {
        add("i.country_code = ?", Arg::Text(c.clone()));
    }
    if let Some(t) = f.from {
        add("i.created_at >= ?", Arg::Int(t));
    }
    if let Some(t) = f.to {
        add("i.created_at <= ?", Arg::Int(t));
    }
    (sql.join(" AND "), args)
}

const ROW: &str = "SELECT i.id, i.concept_id, t.title, i.organisation, i.entity_type, i.country_code, i.contact_name, \
       i.email, i.contribution, i.amount_usd, i.stage, u.name, i.agreed_usd, i.created_at, \
       CASE WHEN i.erased_at IS NULL THEN 0 ELSE 1 END \
     FROM interests i \
     JOIN concepts c ON c.id = i.concept_id \
     JOIN concept_translations t ON t.concept_id = c.id AND t.locale = c.original_locale \
     LEFT JOIN staff_users u ON u.id = i.owner_id";

type RowTuple = (
    i64,
    i64,
    String,
    String,
    String,
    Option<String>,
    String,
    String,
    String,
    Option<i64>,
    String,
    Option<String>,
    Option<i64>,
    i64,
    i64,
);

fn row(r: RowTuple) -> InterestRow {
    InterestRow {
        id: r.0,
        concept_id: r.1,
        concept_title: r.2,
        organisation: r.3,
        entity_type: r.4,
        country: r.5,
        contact_name: r.6,
        email: r.7,
        contribution: r.8,
        amount_usd: r.9,
        stage: r.10,
        owner: r.11,
        agreed_usd: r.12,
        created_at: r.13,
        erased: r.14 != 0,
    }
}

/// The filtered inbox, newest first; `limit` `None` for all (the export).
pub async fn list(conn: &mut AnyConnection, f: &Inbox, limit: Option<i64>) -> Result<Vec<InterestRow>, sqlx::Error> {
    let (sql, args) = conditions(f, 1);
    let limit = limit.map(|n| format!(" LIMIT {n}")).unwrap_or_default();
    let sql = format!("{ROW} WHERE {sql} ORDER BY i.created_at DESC, i.id DESC{limit}");
    let mut query = sqlx::query_as::<_, RowTuple>(sqlx::AssertSqlSafe(sql));
    for a in args {
        query = match a {
            Arg::Int(n) => query.bind(n),
            Arg::Text(s) => query.bind(s),
        };
    }
    Ok(query.fetch_all(conn).await?.into_iter().map(row).collect())
}

/// How many the filters find.
pub async fn count(conn: &mut AnyConnection, f: &Inbox) -> Result<i64, sqlx::Error> {
    let (sql, args) = conditions(f, 1);
    let mut query =
        sqlx::query_scalar::<_, i64>(sqlx::AssertSqlSafe(format!("SELECT COUNT(*) FROM interests i WHERE {sql}")));
    for a in args {
        query = match a {
            Arg::Int(n) => query.bind(n),
            Arg::Text(s) => query.bind(s),
        };
    }
    query.fetch_one(conn).await
}

/// One expression of interest: its row, the contact's role, the message, the partner's
/// language and the owner's id.
pub async fn get(
    conn: &mut AnyConnection,
    id: i64,
) -> Result<Option<(InterestRow, String, String, String, Option<i64>)>, sqlx::Error> {
    let Some(r) = sqlx::query_as::<_, RowTuple>(sqlx::AssertSqlSafe(format!("{ROW} WHERE i.id = $1")))
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?
    else {
        return Ok(None);
    };
    let (role, message, locale, owner): (String, String, String, Option<i64>) =
        sqlx::query_as("SELECT role, message, locale, owner_id FROM interests WHERE id = $1")
            .bind(id)
            .fetch_one(conn)
            .await?;
    Ok(Some((row(r), role, message, locale, owner)))
}

pub async fn notes(conn: &mut AnyConnection, id: i64) -> Result<Vec<Note>, sqlx::Error> {
    let rows: Vec<(Option<String>, String, i64)> = sqlx::query_as(
        "SELECT u.name, n.body, n.created_at FROM interest_notes n LEFT JOIN staff_users u ON u.id = n.author_id \
         WHERE n.interest_id = $1 ORDER BY n.created_at, n.id",
    )
    .bind(id)
    .fetch_all(conn)
    .await?;
    Ok(rows.into_iter().map(|(author, body, at)| Note { author, body, at }).collect())
}

pub async fn add_note(conn: &mut AnyConnection, id: i64, author: i64, body: &str, now: i64) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO interest_notes (interest_id, author_id, body, created_at) VALUES ($1, $2, $3, $4)")
        .bind(id)
        .bind(author)
        .bind(body)
        .bind(now)
        .execute(&mut *conn)
        .await?;
    touch(conn, id, now).await
}

async fn touch(conn: &mut AnyConnection, id: i64, now: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE interests SET updated_at = $1 WHERE id = $2").bind(now).bind(id).execute(conn).await.map(drop)
}

/// Active staff who may own an expression of interest: (id, name).
pub async fn staff(conn: &mut AnyConnection) -> Result<Vec<(i64, String)>, sqlx::Error> {
    sqlx::query_as("SELECT id, name FROM staff_users WHERE disabled_at IS NULL ORDER BY name, id").fetch_all(conn).await
}

/// Moves it in the pipeline; `false` when the owner is not an active member of staff.
pub async fn set_pipeline(conn: &mut AnyConnection, id: i64, p: &Pipeline, now: i64) -> Result<bool, sqlx::Error> {
    if let Some(owner) = p.owner {
        let active: Option<i64> =
            sqlx::query_scalar("SELECT id FROM staff_users WHERE id = $1 AND disabled_at IS NULL")
                .bind(owner)
                .fetch_optional(&mut *conn)
                .await?;
        if active.is_none() {
            return Ok(false);
        }
    }
    sqlx::query("UPDATE interests SET stage = $1, owner_id = $2, agreed_usd = $3, updated_at = $4 WHERE id = $5")
        .bind(p.stage.code())
        .bind(p.owner)
        .bind(p.agreed_usd)
        .bind(now)
        .bind(id)
        .execute(conn)
        .await?;
    Ok(true)
}

/// Removes the partner's personal data; the anonymised record keeps its concept, stage,
/// kind of entity, country and amounts, so the counts stay true. Notes go (they may name
/// people), and e-mails not yet sent are dropped.
pub async fn erase(conn: &mut AnyConnection, id: i64, now: i64) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE interests SET organisation = '', contact_name = '', email = '', role = '', message = '', \
           fingerprint = 'erased-' || CAST(id AS TEXT), erased_at = $1, updated_at = $1 WHERE id = $2",
    )
    .bind(now)
    .bind(id)
    .execute(&mut *conn)
    .await?;
    sqlx::query("DELETE FROM interest_notes WHERE interest_id = $1").bind(id).execute(&mut *conn).await?;
    sqlx::query(
        "UPDATE outbox SET status = 'skipped', locked_until = NULL WHERE interest_id = $1 AND status = 'queued'",
    )
    .bind(id)
    .execute(conn)
    .await
    .map(drop)
}

/// Expressions of interest per stage.
pub async fn stage_counts(conn: &mut AnyConnection) -> Result<Vec<(String, i64)>, sqlx::Error> {
    sqlx::query_as("SELECT stage, COUNT(*) FROM interests GROUP BY stage").fetch_all(conn).await
}

/// Interest and signed agreements per region (`region`) or area of action (`area`) of the
/// concepts, named in `locale`, in the taxonomy's order; an expression of interest counts
/// once in every region (area) of its concept.
pub async fn tallies(conn: &mut AnyConnection, by: &str, locale: &str) -> Result<Vec<Tally>, sqlx::Error> {
    let (terms, names, link, key) = match by {
        "area" => ("areas", "area_names", "concept_areas", "area_id"),
        _ => ("regions", "region_names", "concept_regions", "region_id"),
    };
    let rows: Vec<(String, String, i64, i64)> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT t.code, COALESCE(n.name, e.name, t.code), COUNT(i.id), \
           CAST(COALESCE(SUM(CASE WHEN i.stage = 'signed' THEN 1 ELSE 0 END), 0) AS BIGINT) \
         FROM {terms} t \
         LEFT JOIN {names} n ON n.{key} = t.id AND n.locale = $1 \
         LEFT JOIN {names} e ON e.{key} = t.id AND e.locale = 'en' \
         LEFT JOIN {link} l ON l.{key} = t.id \
         LEFT JOIN interests i ON i.concept_id = l.concept_id \
         GROUP BY t.id, t.code, n.name, e.name, t.position ORDER BY t.position"
    )))
    .bind(locale)
    .fetch_all(conn)
    .await?;
    Ok(rows.into_iter().map(|(code, name, interest, signed)| Tally { code, name, interest, signed }).collect())
}

/// The total of signed agreements, in US dollars.
pub async fn signed_total(conn: &mut AnyConnection) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT CAST(COALESCE(SUM(agreed_usd), 0) AS BIGINT) FROM interests WHERE stage = 'signed'")
        .fetch_one(conn)
        .await
}
