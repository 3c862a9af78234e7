//! The organisation registry: entries, their links from interests and subscribers, and
//! merging two entries into one.
use crate::domain::organisation::{
    DueDiligence, Membership, Organisation, OrganisationKind, OrganisationRecord, OrganisationRow, SubscriberLink,
    Suggestion, comparable,
};
use sqlx::{AnyConnection, Row};

/// Registry lines shown per page.
pub const PAGE: i64 = 50;

/// Adds an entry; returns its id.
pub async fn insert(conn: &mut AnyConnection, o: &Organisation, demo: bool, now: i64) -> Result<i64, sqlx::Error> {
    let row = bind_facts(
        sqlx::query(
            "INSERT INTO organisations (name, name_key, name_locale, acronym, kind, country_code, website, \
               email_domain, membership, member_since, due_diligence, due_diligence_on, parent_id, demo, \
               created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $15) RETURNING id",
        ),
        o,
    )
    .bind(i64::from(demo))
    .bind(now)
    .fetch_one(conn)
    .await?;
    row.try_get(0)
}

/// Replaces an entry's facts; `false` when there is no such entry.
pub async fn update(conn: &mut AnyConnection, id: i64, o: &Organisation, now: i64) -> Result<bool, sqlx::Error> {
    let done = bind_facts(
        sqlx::query(
            "UPDATE organisations SET name = $1, name_key = $2, name_locale = $3, acronym = $4, kind = $5, \
               country_code = $6, website = $7, email_domain = $8, membership = $9, member_since = $10, \
               due_diligence = $11, due_diligence_on = $12, parent_id = $13, updated_at = $14 WHERE id = $15",
        ),
        o,
    )
    .bind(now)
    .bind(id)
    .execute(&mut *conn)
    .await?;
    // The record's organisations table shows the name, acronym, kind and country.
    super::agreements::bump_version(conn).await?;
    Ok(done.rows_affected() == 1)
}

/// Binds an entry's facts as parameters `$1` to `$13`, in the order both statements list them.
fn bind_facts<'q>(
    query: sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments>,
    o: &'q Organisation,
) -> sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments> {
    let (membership, since) = match &o.membership {
        Some((m, since)) => (Some(m.code()), since.as_deref()),
        None => (None, None),
    };
    query
        .bind(&o.name)
        .bind(comparable(&o.name))
        .bind(o.name_locale.as_deref())
        .bind(o.acronym.as_deref())
        .bind(o.kind.code())
        .bind(o.country.as_deref())
        .bind(o.website.as_deref())
        .bind(o.email_domain.as_deref())
        .bind(membership)
        .bind(since)
        .bind(o.due_diligence.code())
        .bind(o.due_diligence_on.as_deref())
        .bind(o.parent)
}

type RecordRow = (
    i64,
    String,
    Option<String>,
    Option<String>,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
    String,
    Option<String>,
    Option<i64>,
    Option<String>,
    i64,
);

/// One entry, with its parent's name.
pub async fn get(conn: &mut AnyConnection, id: i64) -> Result<Option<OrganisationRecord>, sqlx::Error> {
    let row: Option<RecordRow> = sqlx::query_as(
        "SELECT o.id, o.name, o.name_locale, o.acronym, o.kind, o.country_code, o.website, o.email_domain, \
           o.membership, o.member_since, o.due_diligence, o.due_diligence_on, o.parent_id, p.name, o.demo \
         FROM organisations o LEFT JOIN organisations p ON p.id = o.parent_id WHERE o.id = $1",
    )
    .bind(id)
    .fetch_optional(conn)
    .await?;
    Ok(row.map(|r| OrganisationRecord {
        id: r.0,
        name: r.1,
        name_locale: r.2,
        acronym: r.3,
        kind: OrganisationKind::parse(&r.4).unwrap_or(OrganisationKind::Other),
        country: r.5,
        country_name: None,
        website: r.6,
        email_domain: r.7,
        membership: r.8.as_deref().and_then(Membership::parse),
        member_since: r.9,
        due_diligence: DueDiligence::parse(&r.10).unwrap_or(DueDiligence::NotStarted),
        due_diligence_on: r.11,
        parent: r.12.zip(r.13),
        demo: r.14 != 0,
    }))
}

/// The organisations a name stands for: its name, a translation of it or its acronym,
/// letter case aside.
pub async fn by_name(conn: &mut AnyConnection, name: &str) -> Result<Vec<i64>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT o.id FROM organisations o WHERE LOWER(o.name) = LOWER($1) OR LOWER(o.acronym) = LOWER($1) \
           OR EXISTS (SELECT 1 FROM organisation_names n WHERE n.organisation_id = o.id AND LOWER(n.name) = LOWER($1)) \
         ORDER BY o.id",
    )
    .bind(name.trim())
    .fetch_all(conn)
    .await
}

/// Whether an entry exists.
pub async fn exists(conn: &mut AnyConnection, id: i64) -> Result<bool, sqlx::Error> {
    let n: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM organisations WHERE id = $1").bind(id).fetch_one(conn).await?;
    Ok(n > 0)
}

/// Whether `ancestor` is `id` or one of its parents (a parent cannot be its own descendant).
pub async fn is_ancestor_or_self(conn: &mut AnyConnection, id: i64, ancestor: i64) -> Result<bool, sqlx::Error> {
    let mut at = Some(id);
    // The chain is short; a cycle already stored (it cannot be) would stop after 100 steps.
    for _ in 0..100 {
        let Some(current) = at else { return Ok(false) };
        if current == ancestor {
            return Ok(true);
        }
        at = sqlx::query_scalar("SELECT parent_id FROM organisations WHERE id = $1")
            .bind(current)
            .fetch_optional(&mut *conn)
            .await?
            .flatten();
    }
    Ok(true)
}

/// Registry lines, by name: those whose name, acronym or domain contains `search` (as
/// compared by [`comparable`]), of `kind` when given, a page of [`PAGE`] from `offset`.
pub async fn list(
    conn: &mut AnyConnection,
    search: &str,
    kind: Option<OrganisationKind>,
    offset: i64,
) -> Result<(Vec<OrganisationRow>, i64), sqlx::Error> {
    let key = format!("%{}%", comparable(search).replace(['%', '_'], ""));
    let plain = format!("%{}%", search.trim().to_lowercase().replace(['%', '_'], ""));
    let filter = "(o.name_key LIKE $1 OR LOWER(COALESCE(o.acronym, '')) LIKE $2 OR COALESCE(o.email_domain, '') LIKE $2) \
                  AND ($3 = '' OR o.kind = $3)";
    let kind = kind.map(OrganisationKind::code).unwrap_or_default();
    let total: i64 =
        sqlx::query_scalar(sqlx::AssertSqlSafe(format!("SELECT COUNT(*) FROM organisations o WHERE {filter}")))
            .bind(&key)
            .bind(&plain)
            .bind(kind)
            .fetch_one(&mut *conn)
            .await?;
    let rows: Vec<(i64, String, Option<String>, String, Option<String>, String, i64, i64)> =
        sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT o.id, o.name, o.acronym, o.kind, o.country_code, o.due_diligence, \
               (SELECT COUNT(*) FROM interests i WHERE i.organisation_id = o.id), o.demo \
             FROM organisations o WHERE {filter} ORDER BY o.name_key, o.id LIMIT $4 OFFSET $5"
        )))
        .bind(&key)
        .bind(&plain)
        .bind(kind)
        .bind(PAGE)
        .bind(offset)
        .fetch_all(conn)
        .await?;
    let rows = rows
        .into_iter()
        .map(|r| OrganisationRow {
            id: r.0,
            name: r.1,
            acronym: r.2,
            kind: OrganisationKind::parse(&r.3).unwrap_or(OrganisationKind::Other),
            country: r.4,
            due_diligence: DueDiligence::parse(&r.5).unwrap_or(DueDiligence::NotStarted),
            interests: r.6,
            demo: r.7 != 0,
        })
        .collect();
    Ok((rows, total))
}

/// Entries that may be the organisation someone typed as `name` writing from `domain`:
/// the same e-mail domain, or a name (or acronym) that contains the typed one or is
/// contained in it. At most ten, same domain first.
pub async fn suggestions(
    conn: &mut AnyConnection,
    name: &str,
    domain: Option<&str>,
) -> Result<Vec<Suggestion>, sqlx::Error> {
    let key = comparable(name);
    let rows: Vec<(i64, String, Option<String>, String, Option<String>)> = sqlx::query_as(
        "SELECT id, name, acronym, name_key, email_domain FROM organisations \
         WHERE (email_domain IS NOT NULL AND email_domain = $1) \
            OR ($2 <> '' AND (name_key = $2 OR name_key LIKE $3 OR $2 LIKE '%' || name_key || '%' \
                              OR LOWER(COALESCE(acronym, '')) = $2)) \
         ORDER BY name_key LIMIT 50",
    )
    .bind(domain.unwrap_or(""))
    .bind(&key)
    .bind(format!("%{}%", key.replace(['%', '_'], "")))
    .fetch_all(conn)
    .await?;
    let mut out: Vec<Suggestion> = rows
        .into_iter()
        // A one- or two-letter stored name would be "contained" in almost anything.
        .filter(|r| r.3.chars().count() > 2 || r.4.is_some())
        .map(|(id, name, acronym, name_key, email_domain)| {
            let same_domain = domain.is_some() && email_domain.as_deref() == domain;
            let same_name = !key.is_empty()
                && (name_key == key
                    || (name_key.chars().count() > 2 && (key.contains(&name_key) || name_key.contains(&key)))
                    || acronym.as_deref().is_some_and(|a| a.to_lowercase() == key));
            Suggestion { id, name, acronym, same_domain, same_name }
        })
        .filter(|s| s.same_domain || s.same_name)
        .collect();
    out.sort_by_key(|s| (!s.same_domain, !s.same_name));
    out.truncate(10);
    Ok(out)
}

/// Links an interest to an entry (or unlinks it with `None`); `false` for no such interest.
pub async fn link_interest(conn: &mut AnyConnection, interest: i64, org: Option<i64>) -> Result<bool, sqlx::Error> {
    let done = sqlx::query("UPDATE interests SET organisation_id = $1 WHERE id = $2")
        .bind(org)
        .bind(interest)
        .execute(conn)
        .await?;
    Ok(done.rows_affected() == 1)
}

/// The subscribers linked to an entry (at most fifty), then those not linked to any entry
/// who may belong to it: an address at its e-mail domain, or the typed organisation being
/// its name or acronym (letter case, accents and punctuation aside). At most twenty of those.
pub async fn subscriber_links(conn: &mut AnyConnection, id: i64) -> Result<Vec<SubscriberLink>, sqlx::Error> {
    type SubscriberRow = (i64, String, String, String, String);
    let linked: Vec<SubscriberRow> = sqlx::query_as(
        "SELECT id, email, organisation, contact_name, status FROM subscribers WHERE organisation_id = $1 \
         ORDER BY email LIMIT 50",
    )
    .bind(id)
    .fetch_all(&mut *conn)
    .await?;
    let entry: Option<(String, Option<String>, Option<String>)> =
        sqlx::query_as("SELECT name, acronym, email_domain FROM organisations WHERE id = $1")
            .bind(id)
            .fetch_optional(&mut *conn)
            .await?;
    let Some((name, acronym, domain)) = entry else { return Ok(Vec::new()) };
    let mut out: Vec<SubscriberLink> = linked
        .into_iter()
        .map(|(id, email, organisation, contact_name, status)| SubscriberLink {
            id,
            email,
            organisation,
            contact_name,
            status,
            linked: true,
            same_domain: false,
            same_name: false,
        })
        .collect();
    // Candidates by domain in SQL; by name in Rust, which compares names as people write them.
    let domain = domain.unwrap_or_default();
    let candidates: Vec<SubscriberRow> = sqlx::query_as(
        "SELECT id, email, organisation, contact_name, status FROM subscribers \
         WHERE organisation_id IS NULL AND status <> 'unsubscribed' \
           AND (($1 <> '' AND email LIKE $2) OR LOWER(organisation) = LOWER($3) OR LOWER(organisation) = LOWER($4) \
                OR LOWER(organisation) LIKE $5) \
         ORDER BY email LIMIT 200",
    )
    .bind(&domain)
    .bind(format!("%@{}", domain.replace(['%', '_'], "")))
    .bind(&name)
    .bind(acronym.clone().unwrap_or_default())
    // The longest word of the name narrows the candidates most ("ministry" matches many).
    .bind(format!("%{}%", comparable(&name).split(' ').max_by_key(|w| w.chars().count()).unwrap_or("")))
    .fetch_all(&mut *conn)
    .await?;
    let key = comparable(&name);
    let acronym = acronym.map(|a| comparable(&a)).unwrap_or_default();
    let mut offered: Vec<SubscriberLink> = candidates
        .into_iter()
        .filter_map(|(id, email, organisation, contact_name, status)| {
            let same_domain = !domain.is_empty() && email.rsplit_once('@').is_some_and(|(_, d)| d == domain);
            let typed = comparable(&organisation);
            let same_name = !typed.is_empty() && (typed == key || (!acronym.is_empty() && typed == acronym));
            (same_domain || same_name).then_some(SubscriberLink {
                id,
                email,
                organisation,
                contact_name,
                status,
                linked: false,
                same_domain,
                same_name,
            })
        })
        .collect();
    offered.sort_by_key(|s| (!s.same_domain, !s.same_name));
    offered.truncate(20);
    out.extend(offered);
    Ok(out)
}

/// Which entry a subscriber is linked to; `None` for no such subscriber or none.
pub async fn of_subscriber(conn: &mut AnyConnection, subscriber: i64) -> Result<Option<i64>, sqlx::Error> {
    let row: Option<Option<i64>> = sqlx::query_scalar("SELECT organisation_id FROM subscribers WHERE id = $1")
        .bind(subscriber)
        .fetch_optional(conn)
        .await?;
    Ok(row.flatten())
}

/// Links a subscriber to an entry (or unlinks it with `None`); `false` for no such subscriber.
pub async fn link_subscriber(conn: &mut AnyConnection, subscriber: i64, org: Option<i64>) -> Result<bool, sqlx::Error> {
    let done = sqlx::query("UPDATE subscribers SET organisation_id = $1 WHERE id = $2")
        .bind(org)
        .bind(subscriber)
        .execute(conn)
        .await?;
    Ok(done.rows_affected() == 1)
}

/// The entry an interest is linked to.
pub async fn of_interest(conn: &mut AnyConnection, interest: i64) -> Result<Option<i64>, sqlx::Error> {
    Ok(sqlx::query_scalar("SELECT organisation_id FROM interests WHERE id = $1")
        .bind(interest)
        .fetch_optional(conn)
        .await?
        .flatten())
}

/// The interests linked to an entry: `(id, concept title in its original language, stage,
/// received)`, newest first.
pub async fn interests(conn: &mut AnyConnection, id: i64) -> Result<Vec<(i64, String, String, i64)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT i.id, t.title, i.stage, i.created_at FROM interests i \
         JOIN concepts c ON c.id = i.concept_id \
         JOIN concept_translations t ON t.concept_id = c.id AND t.locale = c.original_locale \
         WHERE i.organisation_id = $1 ORDER BY i.created_at DESC, i.id DESC",
    )
    .bind(id)
    .fetch_all(conn)
    .await
}

/// How many subscribers are linked to an entry.
pub async fn subscriber_count(conn: &mut AnyConnection, id: i64) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT COUNT(*) FROM subscribers WHERE organisation_id = $1").bind(id).fetch_one(conn).await
}

/// The entries whose parent is `id`: `(id, name)`.
pub async fn children(conn: &mut AnyConnection, id: i64) -> Result<Vec<(i64, String)>, sqlx::Error> {
    sqlx::query_as("SELECT id, name FROM organisations WHERE parent_id = $1 ORDER BY name_key")
        .bind(id)
        .fetch_all(conn)
        .await
}

/// What a merge moved: interests, subscribers, child entries.
#[derive(Debug, PartialEq, Eq)]
pub struct Moved {
    pub interests: u64,
    pub subscribers: u64,
    pub children: u64,
    /// Parts in agreements (where the survivor was not already party in the same role).
    pub agreements: u64,
}

/// Moves everything linked to `duplicate` to `survivor` (interests, subscribers, child
/// entries, parts in agreements, sponsorships, name translations the survivor lacks), then removes `duplicate`. In the
/// caller's transaction.
pub async fn merge(conn: &mut AnyConnection, survivor: i64, duplicate: i64) -> Result<Moved, sqlx::Error> {
    let interests = sqlx::query("UPDATE interests SET organisation_id = $1 WHERE organisation_id = $2")
        .bind(survivor)
        .bind(duplicate)
        .execute(&mut *conn)
        .await?
        .rows_affected();
    let subscribers = sqlx::query("UPDATE subscribers SET organisation_id = $1 WHERE organisation_id = $2")
        .bind(survivor)
        .bind(duplicate)
        .execute(&mut *conn)
        .await?
        .rows_affected();
    let children = sqlx::query("UPDATE organisations SET parent_id = $1 WHERE parent_id = $2 AND id <> $1")
        .bind(survivor)
        .bind(duplicate)
        .execute(&mut *conn)
        .await?
        .rows_affected();
    sqlx::query(
        "INSERT INTO organisation_names (organisation_id, locale, name) \
         SELECT $1, locale, name FROM organisation_names WHERE organisation_id = $2 ON CONFLICT DO NOTHING",
    )
    .bind(survivor)
    .bind(duplicate)
    .execute(&mut *conn)
    .await?;
    // The survivor's own parent may have been the duplicate.
    sqlx::query("UPDATE organisations SET parent_id = NULL WHERE id = $1 AND parent_id = $2")
        .bind(survivor)
        .bind(duplicate)
        .execute(&mut *conn)
        .await?;
    let agreements = super::agreements::move_parties(&mut *conn, survivor, duplicate).await?;
    super::sponsorship_sales::move_organisation(&mut *conn, survivor, duplicate).await?;
    sqlx::query("DELETE FROM organisations WHERE id = $1").bind(duplicate).execute(conn).await?;
    Ok(Moved { interests, subscribers, children, agreements })
}

/// How many entries the registry has.
pub async fn count(conn: &mut AnyConnection) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT COUNT(*) FROM organisations").fetch_one(conn).await
}
