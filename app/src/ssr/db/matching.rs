//! The matching rule (PRODUCT.md): which subscribers a published concept alerts. One SQL
//! condition on a subscriber `s` and the concept `$1`, set-based, used for the reach a
//! publisher sees before publishing and for the alerts written when they publish.
use sqlx::AnyConnection;

/// True when subscriber `s` follows concept `$1`:
/// - no area chosen, or an area shared with the concept; and
/// - no place chosen, or a chosen place covers the concept: a region covers a concept tagged
///   with it or with one of its countries; a country covers a concept tagged with it; a group
///   covers a concept tagged with the group or with one of its member countries; a concept
///   tagged Global is covered by every place.
pub const MATCHES: &str = "\
    (NOT EXISTS (SELECT 1 FROM subscriber_areas sa WHERE sa.subscriber_id = s.id) \
     OR EXISTS (SELECT 1 FROM subscriber_areas sa JOIN concept_areas ca ON ca.area_id = sa.area_id \
                WHERE sa.subscriber_id = s.id AND ca.concept_id = $1)) \
    AND ( \
     (NOT EXISTS (SELECT 1 FROM subscriber_regions sr WHERE sr.subscriber_id = s.id) \
      AND NOT EXISTS (SELECT 1 FROM subscriber_countries sc WHERE sc.subscriber_id = s.id) \
      AND NOT EXISTS (SELECT 1 FROM subscriber_groups sg WHERE sg.subscriber_id = s.id)) \
     OR EXISTS (SELECT 1 FROM concept_regions cr JOIN regions r ON r.id = cr.region_id \
                WHERE cr.concept_id = $1 AND r.code = 'global') \
     OR EXISTS (SELECT 1 FROM subscriber_regions sr JOIN concept_regions cr ON cr.region_id = sr.region_id \
                WHERE sr.subscriber_id = s.id AND cr.concept_id = $1) \
     OR EXISTS (SELECT 1 FROM subscriber_regions sr JOIN countries co ON co.region_id = sr.region_id \
                JOIN concept_countries cc ON cc.country_code = co.code \
                WHERE sr.subscriber_id = s.id AND cc.concept_id = $1) \
     OR EXISTS (SELECT 1 FROM subscriber_countries sc JOIN concept_countries cc ON cc.country_code = sc.country_code \
                WHERE sc.subscriber_id = s.id AND cc.concept_id = $1) \
     OR EXISTS (SELECT 1 FROM subscriber_groups sg JOIN concept_groups cg ON cg.grp = sg.grp \
                WHERE sg.subscriber_id = s.id AND cg.concept_id = $1) \
     OR EXISTS (SELECT 1 FROM subscriber_groups sg JOIN country_groups g ON g.grp = sg.grp \
                JOIN concept_countries cc ON cc.country_code = g.country_code \
                WHERE sg.subscriber_id = s.id AND cc.concept_id = $1))";

/// How many active subscribers the concept would alert.
pub async fn reach(conn: &mut AnyConnection, concept_id: i64) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
        "SELECT COUNT(*) FROM subscribers s WHERE s.status = 'active' AND {MATCHES}"
    )))
    .bind(concept_id)
    .fetch_one(conn)
    .await
}
