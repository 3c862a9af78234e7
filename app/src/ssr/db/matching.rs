//! The matching rule (PRODUCT.md): which subscribers a published concept alerts. One SQL
//! condition on a subscriber `s` and a concept, set-based, used for the reach a publisher sees
//! before publishing, for the alerts written when they publish, and — over criteria not yet
//! stored — for the dry run of the subscribe form.
use crate::domain::subscription::Criteria;
use sqlx::AnyConnection;

/// Where a subscriber's criteria are read from: the subscription tables, or lists given for
/// a dry run (common table expressions with the same columns).
#[derive(Clone, Copy, Debug)]
pub struct Tables {
    pub areas: &'static str,
    pub regions: &'static str,
    pub countries: &'static str,
    pub groups: &'static str,
}

/// The stored criteria of subscribers.
pub const STORED: Tables = Tables {
    areas: "subscriber_areas",
    regions: "subscriber_regions",
    countries: "subscriber_countries",
    groups: "subscriber_groups",
};

/// True when subscriber `s` follows the concept whose id is the SQL expression `concept`:
/// - no area chosen, or an area shared with the concept; and
/// - no place chosen, or a chosen place covers the concept: a region covers a concept tagged
///   with it or with one of its countries; a country covers a concept tagged with it; a group
///   covers a concept tagged with the group or with one of its member countries; a concept
///   tagged Global is covered by every place.
pub fn condition(concept: &str, c: Tables) -> String {
    let Tables { areas, regions, countries, groups } = c;
    format!(
        "(NOT EXISTS (SELECT 1 FROM {areas} sa WHERE sa.subscriber_id = s.id) \
          OR EXISTS (SELECT 1 FROM {areas} sa JOIN concept_areas ca ON ca.area_id = sa.area_id \
                     WHERE sa.subscriber_id = s.id AND ca.concept_id = {concept})) \
         AND ( \
          (NOT EXISTS (SELECT 1 FROM {regions} sr WHERE sr.subscriber_id = s.id) \
           AND NOT EXISTS (SELECT 1 FROM {countries} sc WHERE sc.subscriber_id = s.id) \
           AND NOT EXISTS (SELECT 1 FROM {groups} sg WHERE sg.subscriber_id = s.id)) \
          OR EXISTS (SELECT 1 FROM concept_regions cr JOIN regions r ON r.id = cr.region_id \
                     WHERE cr.concept_id = {concept} AND r.code = 'global') \
          OR EXISTS (SELECT 1 FROM {regions} sr JOIN concept_regions cr ON cr.region_id = sr.region_id \
                     WHERE sr.subscriber_id = s.id AND cr.concept_id = {concept}) \
          OR EXISTS (SELECT 1 FROM {regions} sr JOIN countries co ON co.region_id = sr.region_id \
                     JOIN concept_countries cc ON cc.country_code = co.code \
                     WHERE sr.subscriber_id = s.id AND cc.concept_id = {concept}) \
          OR EXISTS (SELECT 1 FROM {countries} sc JOIN concept_countries cc ON cc.country_code = sc.country_code \
                     WHERE sc.subscriber_id = s.id AND cc.concept_id = {concept}) \
          OR EXISTS (SELECT 1 FROM {groups} sg JOIN concept_groups cg ON cg.grp = sg.grp \
                     WHERE sg.subscriber_id = s.id AND cg.concept_id = {concept}) \
          OR EXISTS (SELECT 1 FROM {groups} sg JOIN country_groups g ON g.grp = sg.grp \
                     JOIN concept_countries cc ON cc.country_code = g.country_code \
                     WHERE sg.subscriber_id = s.id AND cc.concept_id = {concept}))"
    )
}

/// How many active subscribers the concept would alert.
pub async fn reach(conn: &mut AnyConnection, concept_id: i64) -> Result<i64, sqlx::Error> {
    let matches = condition("$1", STORED);
    sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
        "SELECT COUNT(*) FROM subscribers s WHERE s.status = 'active' AND {matches}"
    )))
    .bind(concept_id)
    .fetch_one(conn)
    .await
}

/// Writes the alerts a concept owes to every matching active subscriber (none twice, ever),
/// and queues the e-mail of each immediate subscriber. In the publishing transaction.
/// Returns how many alerts were new.
pub async fn write_alerts(conn: &mut AnyConnection, concept_id: i64, now: i64) -> Result<u64, sqlx::Error> {
    let matches = condition("$1", STORED);
    let inserted = sqlx::query(sqlx::AssertSqlSafe(format!(
        "INSERT INTO alerts (subscriber_id, concept_id, created_at) \
         SELECT s.id, $1, $2 FROM subscribers s WHERE s.status = 'active' AND {matches} \
         ON CONFLICT DO NOTHING"
    )))
    .bind(concept_id)
    .bind(now)
    .execute(&mut *conn)
    .await?
    .rows_affected();
    super::outbox::queue_alerts(conn, concept_id, now).await?;
    Ok(inserted)
}

/// The published concepts (newest first) that criteria not yet stored would have matched
/// since `since`: the same rule, read from lists instead of tables.
pub async fn dry_run<'a>(
    conn: &mut AnyConnection,
    draft: &'a Criteria,
    since: i64,
    limit: i64,
) -> Result<(i64, Vec<i64>), sqlx::Error> {
    let mut binds: Vec<&str> = Vec::new();
    let mut list = |codes: &'a [String], select: &str| -> String {
        if codes.is_empty() {
            return format!("{select} WHERE 1 = 0");
        }
        let start = binds.len() + 2;
        let marks: Vec<String> = (start..start + codes.len()).map(|n| format!("${n}")).collect();
        binds.extend(codes.iter().map(String::as_str));
        format!("{select} WHERE code IN ({})", marks.join(", "))
    };
    let areas = list(&draft.areas, "SELECT 0 AS subscriber_id, id AS area_id FROM areas");
    let regions = list(&draft.regions, "SELECT 0 AS subscriber_id, id AS region_id FROM regions");
    let countries = list(&draft.countries, "SELECT 0 AS subscriber_id, code AS country_code FROM countries");
    let groups = list(
        &draft.groups,
        "SELECT 0 AS subscriber_id, code AS grp FROM \
         (SELECT 'ldc' AS code UNION ALL SELECT 'lldc' UNION ALL SELECT 'sids') g",
    );
    let draft_tables = Tables { areas: "d_areas", regions: "d_regions", countries: "d_countries", groups: "d_groups" };
    let matches = condition("c.id", draft_tables);
    let with = format!(
        "WITH d_areas AS ({areas}), d_regions AS ({regions}), d_countries AS ({countries}), d_groups AS ({groups})"
    );
    let from = format!(
        "FROM concepts c, (SELECT 0 AS id) s WHERE c.status = 'published' AND c.published_at >= $1 AND {matches}"
    );
    let mut query = sqlx::query_scalar::<_, i64>(sqlx::AssertSqlSafe(format!(
        "{with} SELECT c.id {from} ORDER BY c.published_at DESC, c.id DESC LIMIT {}",
        limit.max(0)
    )))
    .bind(since);
    let mut count =
        sqlx::query_scalar::<_, i64>(sqlx::AssertSqlSafe(format!("{with} SELECT COUNT(*) {from}"))).bind(since);
    for code in &binds {
        query = query.bind(code.to_string());
        count = count.bind(code.to_string());
    }
    let ids = query.fetch_all(&mut *conn).await?;
    let total = count.fetch_one(conn).await?;
    Ok((total, ids))
}

/// The alerts of `concepts` to `subscriber_id` went out in outbox job `job_id`.
pub async fn mark_delivered(
    conn: &mut AnyConnection,
    job_id: i64,
    subscriber_id: i64,
    concepts: &[i64],
) -> Result<(), sqlx::Error> {
    for concept_id in concepts {
        sqlx::query("UPDATE alerts SET message_id = $1 WHERE subscriber_id = $2 AND concept_id = $3")
            .bind(job_id)
            .bind(subscriber_id)
            .bind(concept_id)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

/// Concepts owed to a subscriber (alerts not yet sent), newest first.
pub async fn owed(conn: &mut AnyConnection, subscriber_id: i64) -> Result<Vec<i64>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT a.concept_id FROM alerts a JOIN concepts c ON c.id = a.concept_id \
         WHERE a.subscriber_id = $1 AND a.message_id IS NULL ORDER BY c.published_at DESC, c.id DESC",
    )
    .bind(subscriber_id)
    .fetch_all(conn)
    .await
}
