//! Subscribers, what they follow, and their personal links.
use crate::domain::subscription::{Criteria, Subscription, SubscriptionForm};
use sqlx::AnyConnection;

/// A subscriber as the delivery worker and the manage page need them.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct Subscriber {
    pub id: i64,
    pub email: String,
    pub organisation: String,
    pub entity_type: String,
    pub country_code: Option<String>,
    pub contact_name: String,
    pub locale: String,
    pub frequency: String,
    pub status: String,
}

pub async fn get(conn: &mut AnyConnection, id: i64) -> Result<Option<Subscriber>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, email, organisation, entity_type, country_code, contact_name, locale, frequency, status \
         FROM subscribers WHERE id = $1",
    )
    .bind(id)
    .fetch_optional(conn)
    .await
}

/// The subscriber with this address: id and status.
pub async fn by_email(conn: &mut AnyConnection, email: &str) -> Result<Option<(i64, String)>, sqlx::Error> {
    sqlx::query_as("SELECT id, status FROM subscribers WHERE email = $1").bind(email).fetch_optional(conn).await
}

/// A new, unconfirmed subscriber; returns its id.
pub async fn insert(conn: &mut AnyConnection, s: &Subscription, consent: &str, now: i64) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO subscribers (email, organisation, entity_type, country_code, contact_name, locale, frequency, \
           status, consent, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, 'pending', $8, $9) RETURNING id",
    )
    .bind(s.email.as_str())
    .bind(&s.organisation)
    .bind(&s.entity_type)
    .bind(s.country.as_deref())
    .bind(&s.contact_name)
    .bind(&s.locale)
    .bind(&s.frequency)
    .bind(consent)
    .bind(now)
    .fetch_one(conn)
    .await
}

/// Changes who they are, language, frequency and consent (not the address).
pub async fn update(conn: &mut AnyConnection, id: i64, s: &Subscription, consent: &str) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE subscribers SET organisation = $1, entity_type = $2, country_code = $3, contact_name = $4, \
           locale = $5, frequency = $6, consent = $7 WHERE id = $8",
    )
    .bind(&s.organisation)
    .bind(&s.entity_type)
    .bind(s.country.as_deref())
    .bind(&s.contact_name)
    .bind(&s.locale)
    .bind(&s.frequency)
    .bind(consent)
    .bind(id)
    .execute(conn)
    .await
    .map(drop)
}

/// Replaces what a subscriber follows. Unknown codes are refused by the foreign keys.
pub async fn set_criteria(conn: &mut AnyConnection, id: i64, c: &Criteria) -> Result<(), sqlx::Error> {
    for table in ["subscriber_areas", "subscriber_regions", "subscriber_countries", "subscriber_groups"] {
        sqlx::query(sqlx::AssertSqlSafe(format!("DELETE FROM {table} WHERE subscriber_id = $1")))
            .bind(id)
            .execute(&mut *conn)
            .await?;
    }
    let inserts: [(&str, &Vec<String>); 4] = [
        ("INSERT INTO subscriber_areas (subscriber_id, area_id) SELECT $1, id FROM areas WHERE code = $2", &c.areas),
        (
            "INSERT INTO subscriber_regions (subscriber_id, region_id) SELECT $1, id FROM regions WHERE code = $2",
            &c.regions,
        ),
        ("INSERT INTO subscriber_countries (subscriber_id, country_code) VALUES ($1, $2)", &c.countries),
        ("INSERT INTO subscriber_groups (subscriber_id, grp) VALUES ($1, $2)", &c.groups),
    ];
    for (sql, codes) in inserts {
        for code in codes {
            sqlx::query(sql).bind(id).bind(code).execute(&mut *conn).await?;
        }
    }
    Ok(())
}

/// What a subscriber follows, by code.
pub async fn criteria(conn: &mut AnyConnection, id: i64) -> Result<Criteria, sqlx::Error> {
    let list = |sql: &'static str| sqlx::query_scalar::<_, String>(sql).bind(id);
    Ok(Criteria {
        areas: list(
            "SELECT a.code FROM subscriber_areas s JOIN areas a ON a.id = s.area_id WHERE s.subscriber_id = $1 \
             ORDER BY a.position",
        )
        .fetch_all(&mut *conn)
        .await?,
        regions: list(
            "SELECT r.code FROM subscriber_regions s JOIN regions r ON r.id = s.region_id WHERE s.subscriber_id = $1 \
             ORDER BY r.position",
        )
        .fetch_all(&mut *conn)
        .await?,
        countries: list("SELECT country_code FROM subscriber_countries WHERE subscriber_id = $1 ORDER BY country_code")
            .fetch_all(&mut *conn)
            .await?,
        groups: list("SELECT grp FROM subscriber_groups WHERE subscriber_id = $1 ORDER BY grp")
            .fetch_all(&mut *conn)
            .await?,
    })
}

/// The form as the manage page fills it.
pub fn form_of(s: &Subscriber, c: Criteria) -> SubscriptionForm {
    SubscriptionForm {
        organisation: s.organisation.clone(),
        entity_type: s.entity_type.clone(),
        country: s.country_code.clone().unwrap_or_default(),
        contact_name: s.contact_name.clone(),
        email: s.email.clone(),
        locale: s.locale.clone(),
        frequency: s.frequency.clone(),
        areas: c.areas,
        regions: c.regions,
        countries: c.countries,
        groups: c.groups,
    }
}

/// `active` (confirmed or back), or `unsubscribed`.
pub async fn set_status(conn: &mut AnyConnection, id: i64, status: &str, now: i64) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE subscribers SET status = $1, \
           confirmed_at = CASE WHEN $1 = 'active' THEN COALESCE(confirmed_at, $2) ELSE confirmed_at END, \
           unsubscribed_at = CASE WHEN $1 = 'unsubscribed' THEN $2 ELSE NULL END WHERE id = $3",
    )
    .bind(status)
    .bind(now)
    .bind(id)
    .execute(conn)
    .await
    .map(drop)
}

/// Records a personal link (its hash).
pub async fn add_link(
    conn: &mut AnyConnection,
    token_hash: &str,
    subscriber_id: i64,
    purpose: &str,
    now: i64,
    expires_at: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO subscriber_links (token_hash, subscriber_id, purpose, created_at, expires_at) \
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(token_hash)
    .bind(subscriber_id)
    .bind(purpose)
    .bind(now)
    .bind(expires_at)
    .execute(conn)
    .await
    .map(drop)
}

/// Uses up a confirmation link; the subscriber it was for, if it was unused and in time.
pub async fn use_confirmation(
    conn: &mut AnyConnection,
    token_hash: &str,
    now: i64,
) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar(
        "UPDATE subscriber_links SET used_at = $1 WHERE token_hash = $2 AND purpose = 'confirm' \
           AND used_at IS NULL AND revoked_at IS NULL AND expires_at > $1 RETURNING subscriber_id",
    )
    .bind(now)
    .bind(token_hash)
    .fetch_optional(conn)
    .await
}

/// The subscriber a manage link is for, if it is live.
pub async fn manage_link(conn: &mut AnyConnection, token_hash: &str, now: i64) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT subscriber_id FROM subscriber_links WHERE token_hash = $1 AND purpose = 'manage' \
           AND revoked_at IS NULL AND expires_at > $2",
    )
    .bind(token_hash)
    .bind(now)
    .fetch_optional(conn)
    .await
}

/// Revokes every link of a subscriber but `keep`.
pub async fn revoke_links(conn: &mut AnyConnection, id: i64, keep: &str, now: i64) -> Result<u64, sqlx::Error> {
    Ok(sqlx::query(
        "UPDATE subscriber_links SET revoked_at = $1 WHERE subscriber_id = $2 AND token_hash <> $3 AND revoked_at IS NULL",
    )
    .bind(now)
    .bind(id)
    .bind(keep)
    .execute(conn)
    .await?
    .rows_affected())
}

/// A digest went out to `id` at `now`.
pub async fn digest_sent(conn: &mut AnyConnection, id: i64, now: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE subscribers SET last_digest_at = $1 WHERE id = $2")
        .bind(now)
        .bind(id)
        .execute(conn)
        .await
        .map(drop)
}

/// What a subscriber follows, named in `locale`, as an alert's reason gives it: the areas
/// they follow that `concept_id` has, the regions and countries they follow, and their
/// country groups' codes.
pub async fn followed_names(
    conn: &mut AnyConnection,
    id: i64,
    concept_id: i64,
    locale: &str,
) -> Result<(Vec<String>, Vec<String>, Vec<String>), sqlx::Error> {
    let areas: Vec<String> = sqlx::query_scalar(
        "SELECT COALESCE(n.name, a.code) FROM subscriber_areas sa JOIN concept_areas ca ON ca.area_id = sa.area_id \
         JOIN areas a ON a.id = sa.area_id LEFT JOIN area_names n ON n.area_id = a.id AND n.locale = $3 \
         WHERE sa.subscriber_id = $1 AND ca.concept_id = $2 ORDER BY a.position",
    )
    .bind(id)
    .bind(concept_id)
    .bind(locale)
    .fetch_all(&mut *conn)
    .await?;
    let mut places: Vec<String> = sqlx::query_scalar(
        "SELECT COALESCE(n.name, r.code) FROM subscriber_regions sr JOIN regions r ON r.id = sr.region_id \
         LEFT JOIN region_names n ON n.region_id = r.id AND n.locale = $2 WHERE sr.subscriber_id = $1 ORDER BY r.position",
    )
    .bind(id)
    .bind(locale)
    .fetch_all(&mut *conn)
    .await?;
    places.extend(
        sqlx::query_scalar::<_, String>(
            "SELECT COALESCE(n.name, sc.country_code) FROM subscriber_countries sc \
             LEFT JOIN country_names n ON n.country_code = sc.country_code AND n.locale = $2 \
             WHERE sc.subscriber_id = $1 ORDER BY 1",
        )
        .bind(id)
        .bind(locale)
        .fetch_all(&mut *conn)
        .await?,
    );
    let groups: Vec<String> =
        sqlx::query_scalar("SELECT grp FROM subscriber_groups WHERE subscriber_id = $1 ORDER BY grp")
            .bind(id)
            .fetch_all(&mut *conn)
            .await?;
    Ok((areas, places, groups))
}

/// Adds `count` generated subscribers (`generated-N@example.test`, a reserved domain),
/// active, alerted immediately, in the six languages in turn, each following one of the
/// first `areas` areas of action in turn and every place. Set-based: one statement per
/// table. Returns how many were added.
pub async fn insert_generated(conn: &mut AnyConnection, count: i64, areas: i64, now: i64) -> Result<u64, sqlx::Error> {
    let first: i64 = sqlx::query_scalar("SELECT COALESCE(MAX(id), 0) FROM subscribers").fetch_one(&mut *conn).await?;
    let added = sqlx::query(
        "WITH RECURSIVE g(n) AS (SELECT CAST($1 AS BIGINT) + 1 UNION ALL SELECT n + 1 FROM g WHERE n < $1 + $2) \
         INSERT INTO subscribers (email, organisation, entity_type, contact_name, locale, frequency, status, \
           consent, created_at, confirmed_at) \
         SELECT 'generated-' || n || '@example.test', 'Generated organisation ' || n, 'other', 'Subscriber ' || n, \
           CASE n % 6 WHEN 0 THEN 'ar' WHEN 1 THEN 'en' WHEN 2 THEN 'es' WHEN 3 THEN 'fr' WHEN 4 THEN 'ru' ELSE 'zh' END, \
           'immediate', 'active', '{}', $3, $3 FROM g",
    )
    .bind(first)
    .bind(count)
    .bind(now)
    .execute(&mut *conn)
    .await?
    .rows_affected();
    sqlx::query(
        "INSERT INTO subscriber_areas (subscriber_id, area_id) \
         SELECT s.id, a.id FROM subscribers s \
         JOIN (SELECT id, (SELECT COUNT(*) FROM areas b WHERE b.id < areas.id) AS k FROM areas) a \
           ON a.k = s.id % $2 \
         WHERE s.email LIKE 'generated-%@example.test' AND s.id > $1",
    )
    .bind(first)
    .bind(areas)
    .execute(conn)
    .await?;
    Ok(added)
}
