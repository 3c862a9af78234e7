//! What the suggested funders are scored from: a concept's needs, the geography, and each
//! candidate's profile, agreements and relationship; and the funders staff marked "not a
//! fit" for a concept.
use crate::domain::agreement::Place;
use crate::domain::funder::{EXCLUDED, FunderFacts, FunderForm, FunderQuery, FundingType, ProfilePart};
use crate::domain::funder_fit::{Candidate, ConceptNeeds, Geography, Past, Stated};
use crate::domain::organisation::DueDiligence;
use sqlx::AnyConnection;
use std::collections::BTreeMap;

/// A funder's signed agreements (originals): the party `p` of agreement `a`.
const FUNDED_BY: &str =
    "p.role = 'funding' AND a.status IN ('signed', 'active', 'expired', 'terminated') AND a.amends_id IS NULL";

/// The concept's areas, places, sought contributions and budget; `None` when there is no
/// such concept.
pub async fn needs(conn: &mut AnyConnection, concept: i64) -> Result<Option<ConceptNeeds>, sqlx::Error> {
    let budget: Option<Option<i64>> = sqlx::query_scalar("SELECT budget_usd FROM concepts WHERE id = $1")
        .bind(concept)
        .fetch_optional(&mut *conn)
        .await?;
    let Some(budget) = budget else { return Ok(None) };
    let areas = sqlx::query_scalar(
        "SELECT a.code FROM concept_areas ca JOIN areas a ON a.id = ca.area_id WHERE ca.concept_id = $1 ORDER BY a.code",
    )
    .bind(concept)
    .fetch_all(&mut *conn)
    .await?;
    let rows: Vec<(Option<String>, Option<String>, Option<String>)> = sqlx::query_as(
        "SELECT r.code, NULL, NULL FROM concept_regions cr JOIN regions r ON r.id = cr.region_id WHERE cr.concept_id = $1 \
         UNION ALL SELECT NULL, country_code, NULL FROM concept_countries WHERE concept_id = $1 \
         UNION ALL SELECT NULL, NULL, grp FROM concept_groups WHERE concept_id = $1",
    )
    .bind(concept)
    .fetch_all(&mut *conn)
    .await?;
    let contributions =
        sqlx::query_scalar("SELECT kind FROM concept_contributions WHERE concept_id = $1 ORDER BY kind")
            .bind(concept)
            .fetch_all(&mut *conn)
            .await?;
    Ok(Some(ConceptNeeds {
        areas,
        places: rows.into_iter().filter_map(|(r, c, g)| Place::from_columns(r, c, g)).collect(),
        contributions,
        budget_usd_cents: budget.map(|dollars| dollars.saturating_mul(100)),
    }))
}

/// Every country's region and groups of today.
pub async fn geography(conn: &mut AnyConnection) -> Result<Geography, sqlx::Error> {
    let rows: Vec<(String, String)> =
        sqlx::query_as("SELECT c.code, r.code FROM countries c JOIN regions r ON r.id = c.region_id")
            .fetch_all(&mut *conn)
            .await?;
    let mut g = Geography::default();
    for (country, region) in rows {
        g.countries.insert(country, (region, Vec::new()));
    }
    let groups: Vec<(String, String)> =
        sqlx::query_as("SELECT country_code, grp FROM country_groups ORDER BY grp").fetch_all(&mut *conn).await?;
    for (country, group) in groups {
        if let Some((_, list)) = g.countries.get_mut(&country) {
            list.push(group);
        }
    }
    Ok(g)
}

/// The funders to score for a concept: every organisation with a profile, and every one that
/// funded a signed agreement in one of `areas`; each with its profile, its signed agreements
/// as a funder (originals, at their own value) and its relationship. Funders marked "not a
/// fit" for `concept` are left out.
pub async fn candidates(
    conn: &mut AnyConnection,
    concept: i64,
    areas: &[String],
    today: &str,
) -> Result<Vec<Candidate>, sqlx::Error> {
    // The area codes are checked codes of the taxonomy; bound one by one.
    let marks: Vec<String> = (0..areas.len()).map(|i| format!("${}", i + 2)).collect();
    let in_areas = if areas.is_empty() {
        String::new()
    } else {
        format!(
            "UNION SELECT p.organisation_id FROM agreement_parties p JOIN agreements a ON a.id = p.agreement_id \
             JOIN agreement_areas aa ON aa.agreement_id = a.id JOIN areas t ON t.id = aa.area_id \
             WHERE {FUNDED_BY} AND t.code IN ({})",
            marks.join(", ")
        )
    };
    let sql = format!(
        "SELECT o.id, o.name, o.due_diligence, o.membership, f.id, f.amount_low_usd_cents, f.amount_high_usd_cents, \
           f.last_contact_on \
         FROM organisations o LEFT JOIN funder_profiles f ON f.organisation_id = o.id \
         WHERE o.id IN (SELECT organisation_id FROM funder_profiles {in_areas}) \
           AND o.id NOT IN (SELECT organisation_id FROM funder_not_a_fit WHERE concept_id = $1) \
         ORDER BY o.id"
    );
    type Row = (i64, String, String, Option<String>, Option<i64>, Option<i64>, Option<i64>, Option<String>);
    let mut q = sqlx::query_as::<_, Row>(sqlx::AssertSqlSafe(sql)).bind(concept);
    for a in areas {
        q = q.bind(a);
    }
    let rows = q.fetch_all(&mut *conn).await?;
    let mut out: BTreeMap<i64, Candidate> = BTreeMap::new();
    let mut profiles: BTreeMap<i64, i64> = BTreeMap::new(); // profile → organisation
    for (id, name, due, membership, profile, low, high, contact) in rows {
        let stated = profile.map(|p| {
            profiles.insert(p, id);
            let amount = match (low, high) {
                (None, None) => None,
                (low, high) => Some((low.unwrap_or(0), high.unwrap_or(i64::MAX))),
            };
            Stated { amount_usd_cents: amount, ..Stated::default() }
        });
        out.insert(
            id,
            Candidate {
                organisation: id,
                name,
                due_diligence: DueDiligence::parse(&due).unwrap_or(DueDiligence::NotStarted),
                member: membership.is_some(),
                stated,
                history: Vec::new(),
                days_since_contact: contact.as_deref().and_then(|d| days_between(d, today)),
            },
        );
    }
    if out.is_empty() {
        return Ok(Vec::new());
    }
    read_profiles(conn, &profiles, &mut out).await?;
    read_history(conn, &mut out).await?;
    Ok(out.into_values().collect())
}

/// Fills the stated areas, places and funding types of the candidates with a profile.
async fn read_profiles(
    conn: &mut AnyConnection,
    profiles: &BTreeMap<i64, i64>,
    out: &mut BTreeMap<i64, Candidate>,
) -> Result<(), sqlx::Error> {
    fn stated<'a>(
        profiles: &BTreeMap<i64, i64>,
        out: &'a mut BTreeMap<i64, Candidate>,
        profile: i64,
    ) -> Option<&'a mut Stated> {
        profiles.get(&profile).and_then(|o| out.get_mut(o)).and_then(|c| c.stated.as_mut())
    }
    let areas: Vec<(i64, String, i64, i64)> = sqlx::query_as(
        "SELECT f.profile_id, a.code, f.weight, f.excluded FROM funder_areas f JOIN areas a ON a.id = f.area_id \
         ORDER BY f.profile_id, a.code",
    )
    .fetch_all(&mut *conn)
    .await?;
    for (profile, code, weight, excluded) in areas {
        if let Some(s) = stated(profiles, out, profile) {
            if excluded == 1 {
                s.excluded_areas.push(code);
            } else {
                s.areas.push((code, u8::try_from(weight).unwrap_or(1)));
            }
        }
    }
    let places: Vec<(i64, Option<String>, Option<String>, Option<String>, i64)> = sqlx::query_as(
        "SELECT f.profile_id, r.code, f.country_code, f.grp, f.excluded FROM funder_places f \
         LEFT JOIN regions r ON r.id = f.region_id ORDER BY f.profile_id, f.position",
    )
    .fetch_all(&mut *conn)
    .await?;
    for (profile, r, c, g, excluded) in places {
        if let (Some(s), Some(p)) = (stated(profiles, out, profile), Place::from_columns(r, c, g)) {
            if excluded == 1 { s.excluded_places.push(p) } else { s.places.push(p) }
        }
    }
    let types: Vec<(i64, String)> =
        sqlx::query_as("SELECT profile_id, kind FROM funder_funding_types ORDER BY profile_id, kind")
            .fetch_all(&mut *conn)
            .await?;
    for (profile, kind) in types {
        if let (Some(s), Some(t)) = (stated(profiles, out, profile), FundingType::parse(&kind)) {
            s.funding_types.push(t);
        }
    }
    Ok(())
}

/// Fills each candidate's signed agreements as a funder, with their areas and places.
async fn read_history(conn: &mut AnyConnection, out: &mut BTreeMap<i64, Candidate>) -> Result<(), sqlx::Error> {
    let funded = format!(
        "SELECT p.agreement_id FROM agreement_parties p JOIN agreements a ON a.id = p.agreement_id WHERE {FUNDED_BY}"
    );
    let rows: Vec<(i64, i64, Option<String>, i64, String)> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT p.organisation_id, a.id, a.signed_on, a.usd_cents, a.status FROM agreement_parties p \
         JOIN agreements a ON a.id = p.agreement_id WHERE {FUNDED_BY} ORDER BY p.organisation_id, a.id"
    )))
    .fetch_all(&mut *conn)
    .await?;
    let mut pasts: BTreeMap<i64, Past> = BTreeMap::new();
    let mut funders: Vec<(i64, i64)> = Vec::new(); // (organisation, agreement)
    for (organisation, agreement, signed_on, cents, status) in rows {
        if !out.contains_key(&organisation) {
            continue;
        }
        let year = signed_on.as_deref().and_then(|d| d.get(..4)).and_then(|y| y.parse().ok()).unwrap_or(0);
        pasts.entry(agreement).or_insert(Past {
            agreement,
            year,
            usd_cents: cents,
            areas: Vec::new(),
            places: Vec::new(),
            active: matches!(status.as_str(), "signed" | "active"),
        });
        funders.push((organisation, agreement));
    }
    let areas: Vec<(i64, String)> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT aa.agreement_id, t.code FROM agreement_areas aa JOIN areas t ON t.id = aa.area_id \
         WHERE aa.agreement_id IN ({funded}) ORDER BY aa.agreement_id, t.code"
    )))
    .fetch_all(&mut *conn)
    .await?;
    for (agreement, code) in areas {
        if let Some(p) = pasts.get_mut(&agreement) {
            p.areas.push(code);
        }
    }
    let places: Vec<(i64, Option<String>, Option<String>, Option<String>)> =
        sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT pl.agreement_id, r.code, pl.country_code, pl.grp FROM agreement_places pl \
             LEFT JOIN regions r ON r.id = pl.region_id WHERE pl.agreement_id IN ({funded}) \
             ORDER BY pl.agreement_id, pl.position"
        )))
        .fetch_all(&mut *conn)
        .await?;
    for (agreement, r, c, g) in places {
        if let (Some(p), Some(x)) = (pasts.get_mut(&agreement), Place::from_columns(r, c, g)) {
            p.places.push(x);
        }
    }
    for (organisation, agreement) in funders {
        if let (Some(c), Some(p)) = (out.get_mut(&organisation), pasts.get(&agreement)) {
            c.history.push(p.clone());
        }
    }
    Ok(())
}

/// Whole days from `from` to `to`, both `YYYY-MM-DD`.
fn days_between(from: &str, to: &str) -> Option<i64> {
    let day = crate::domain::format::parse_iso_date;
    Some((day(to)? - day(from)?) / 86_400)
}

/// Marks `organisation` not a fit for `concept` with the reason; `false` when it already was.
pub async fn mark_not_a_fit(
    conn: &mut AnyConnection,
    concept: i64,
    organisation: i64,
    reason: &str,
    staff: i64,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "INSERT INTO funder_not_a_fit (concept_id, organisation_id, reason, staff_id, created_at) \
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT (concept_id, organisation_id) DO NOTHING",
    )
    .bind(concept)
    .bind(organisation)
    .bind(reason)
    .bind(staff)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// The funders marked not a fit for `concept`: organisation, name, reason, who, when.
pub async fn not_a_fit(
    conn: &mut AnyConnection,
    concept: i64,
) -> Result<Vec<(i64, String, String, Option<String>, i64)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT n.organisation_id, o.name, n.reason, s.name, n.created_at FROM funder_not_a_fit n \
         JOIN organisations o ON o.id = n.organisation_id LEFT JOIN staff_users s ON s.id = n.staff_id \
         WHERE n.concept_id = $1 ORDER BY n.created_at DESC, o.name",
    )
    .bind(concept)
    .fetch_all(conn)
    .await
}

/// Takes a "not a fit" back; `false` when there was none.
pub async fn clear_not_a_fit(conn: &mut AnyConnection, concept: i64, organisation: i64) -> Result<bool, sqlx::Error> {
    let done = sqlx::query("DELETE FROM funder_not_a_fit WHERE concept_id = $1 AND organisation_id = $2")
        .bind(concept)
        .bind(organisation)
        .execute(conn)
        .await?;
    Ok(done.rows_affected() == 1)
}

/// The organisation's name, when both it and the concept exist.
pub async fn name_with_concept(
    conn: &mut AnyConnection,
    concept: i64,
    organisation: i64,
) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar("SELECT name FROM organisations WHERE id = $1 AND EXISTS (SELECT 1 FROM concepts WHERE id = $2)")
        .bind(organisation)
        .bind(concept)
        .fetch_optional(conn)
        .await
}

/// The names, in `locale` (English when it has none), of every area (`area:code`), region
/// (`region:code`) and country (`country:XX`).
pub async fn place_and_area_names(
    conn: &mut AnyConnection,
    locale: &str,
) -> Result<Vec<(String, String)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT 'area:' || a.code, COALESCE(n.name, e.name, a.code) FROM areas a \
           LEFT JOIN area_names n ON n.area_id = a.id AND n.locale = $1 \
           LEFT JOIN area_names e ON e.area_id = a.id AND e.locale = 'en' \
         UNION ALL SELECT 'region:' || r.code, COALESCE(n.name, e.name, r.code) FROM regions r \
           LEFT JOIN region_names n ON n.region_id = r.id AND n.locale = $1 \
           LEFT JOIN region_names e ON e.region_id = r.id AND e.locale = 'en' \
         UNION ALL SELECT 'country:' || c.code, COALESCE(n.name, e.name, c.code) FROM countries c \
           LEFT JOIN country_names n ON n.country_code = c.code AND n.locale = $1 \
           LEFT JOIN country_names e ON e.country_code = c.code AND e.locale = 'en'",
    )
    .bind(locale)
    .fetch_all(conn)
    .await
}

/// Directory pages hold this many funders.
pub const PAGE: i64 = 20;

/// The conditions of a directory search and their values, in order.
fn directory_filter(q: &FunderQuery) -> (String, Vec<String>) {
    let mut conditions = Vec::new();
    let mut values = Vec::new();
    let mut push = |condition: &str, value: String| {
        values.push(value);
        conditions.push(condition.replace('?', &format!("${}", values.len())));
    };
    let words = crate::domain::organisation::comparable(&q.q);
    if !words.is_empty() {
        push("o.name_key LIKE ?", format!("%{words}%"));
    }
    if let Some(k) = q.kind {
        push("o.kind = ?", k.code().to_owned());
    }
    if let Some(a) = &q.area {
        push(
            "EXISTS (SELECT 1 FROM funder_areas fa JOIN areas t ON t.id = fa.area_id \
             WHERE fa.profile_id = f.id AND fa.excluded = 0 AND t.code = ?)",
            a.clone(),
        );
    }
    if let Some(r) = &q.region {
        // A funder stating a country counts in its region; one stating Global, in every region.
        push(
            "EXISTS (SELECT 1 FROM funder_places fp LEFT JOIN countries c ON c.code = fp.country_code \
             JOIN regions r ON r.id = COALESCE(fp.region_id, c.region_id) \
             WHERE fp.profile_id = f.id AND fp.excluded = 0 AND (r.code = ? OR r.code = 'global'))",
            r.clone(),
        );
    }
    if let Some(t) = q.funding {
        push(
            "EXISTS (SELECT 1 FROM funder_funding_types ft WHERE ft.profile_id = f.id AND ft.kind = ?)",
            t.code().to_owned(),
        );
    }
    if let Some(m) = q.mechanism {
        push(
            "EXISTS (SELECT 1 FROM funder_mechanisms fm WHERE fm.profile_id = f.id AND fm.kind = ?)",
            m.code().to_owned(),
        );
    }
    let sql = if conditions.is_empty() { String::new() } else { format!("WHERE {}", conditions.join(" AND ")) };
    (sql, values)
}

/// A directory page: (organisation, profile, name, name's language, kind, country) and how
/// many match in all.
#[allow(clippy::type_complexity)]
pub async fn directory(
    conn: &mut AnyConnection,
    q: &FunderQuery,
) -> Result<(Vec<(i64, i64, String, Option<String>, String, Option<String>)>, i64), sqlx::Error> {
    let (filter, values) = directory_filter(q);
    let from = format!("FROM funder_profiles f JOIN organisations o ON o.id = f.organisation_id {filter}");
    let mut count = sqlx::query_scalar::<_, i64>(sqlx::AssertSqlSafe(format!("SELECT COUNT(*) {from}")));
    for v in &values {
        count = count.bind(v.clone());
    }
    let total = count.fetch_one(&mut *conn).await?;
    let offset = (q.page.max(1) - 1).saturating_mul(PAGE);
    let mut rows = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT o.id, f.id, o.name, o.name_locale, o.kind, o.country_code {from} ORDER BY o.name_key, o.id \
         LIMIT {PAGE} OFFSET {offset}"
    )));
    for v in &values {
        rows = rows.bind(v.clone());
    }
    Ok((rows.fetch_all(&mut *conn).await?, total))
}

/// The filled parts of each profile in `profiles`.
pub async fn filled_parts(
    conn: &mut AnyConnection,
    profiles: &[i64],
) -> Result<BTreeMap<i64, Vec<ProfilePart>>, sqlx::Error> {
    if profiles.is_empty() {
        return Ok(BTreeMap::new());
    }
    let ids = super::id_list(profiles);
    let flag = |condition: &str| format!("CAST(CASE WHEN {condition} THEN 1 ELSE 0 END AS BIGINT)");
    let sql = format!(
        "SELECT f.id, {}, {}, {}, {}, {}, {}, {}, {}, {}, {} FROM funder_profiles f WHERE f.id IN ({ids})",
        flag("EXISTS (SELECT 1 FROM funder_translations t WHERE t.profile_id = f.id AND t.mandate <> '')"),
        flag("EXISTS (SELECT 1 FROM funder_translations t WHERE t.profile_id = f.id AND t.strategy <> '')"),
        flag("EXISTS (SELECT 1 FROM funder_areas a WHERE a.profile_id = f.id AND a.excluded = 0)"),
        flag("EXISTS (SELECT 1 FROM funder_places p WHERE p.profile_id = f.id AND p.excluded = 0)"),
        flag("EXISTS (SELECT 1 FROM funder_sdgs s WHERE s.profile_id = f.id)"),
        flag("EXISTS (SELECT 1 FROM funder_funding_types t WHERE t.profile_id = f.id)"),
        flag("EXISTS (SELECT 1 FROM funder_mechanisms m WHERE m.profile_id = f.id)"),
        flag("(f.amount_low_usd_cents IS NOT NULL OR f.amount_high_usd_cents IS NOT NULL)"),
        flag("f.funding_cycle <> ''"),
        flag("(f.source <> '' AND f.reviewed_on IS NOT NULL)"),
    );
    type Row = (i64, i64, i64, i64, i64, i64, i64, i64, i64, i64, i64);
    let rows: Vec<Row> = sqlx::query_as(sqlx::AssertSqlSafe(sql)).fetch_all(&mut *conn).await?;
    Ok(rows
        .into_iter()
        .map(|r| {
            let flags = [r.1, r.2, r.3, r.4, r.5, r.6, r.7, r.8, r.9, r.10];
            let parts = ProfilePart::ALL.iter().zip(flags).filter(|(_, f)| *f == 1).map(|(p, _)| *p).collect();
            (r.0, parts)
        })
        .collect())
}

/// Each profile's stated priority areas (codes, highest weight first) and places (codes),
/// not counting what it excludes.
pub async fn stated_codes(
    conn: &mut AnyConnection,
    profiles: &[i64],
) -> Result<BTreeMap<i64, (Vec<(String, u8, bool)>, Vec<(Place, bool)>, Vec<FundingType>)>, sqlx::Error> {
    let mut out: BTreeMap<i64, (Vec<(String, u8, bool)>, Vec<(Place, bool)>, Vec<FundingType>)> = BTreeMap::new();
    if profiles.is_empty() {
        return Ok(out);
    }
    let ids = super::id_list(profiles);
    let areas: Vec<(i64, String, i64, i64)> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT f.profile_id, a.code, f.weight, f.excluded FROM funder_areas f JOIN areas a ON a.id = f.area_id \
         WHERE f.profile_id IN ({ids}) ORDER BY f.profile_id, f.excluded, f.weight DESC, a.position, a.code"
    )))
    .fetch_all(&mut *conn)
    .await?;
    for (p, code, weight, excluded) in areas {
        out.entry(p).or_default().0.push((code, u8::try_from(weight).unwrap_or(1), excluded == 1));
    }
    let places: Vec<(i64, Option<String>, Option<String>, Option<String>, i64)> =
        sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT f.profile_id, r.code, f.country_code, f.grp, f.excluded FROM funder_places f \
             LEFT JOIN regions r ON r.id = f.region_id WHERE f.profile_id IN ({ids}) ORDER BY f.profile_id, f.position"
        )))
        .fetch_all(&mut *conn)
        .await?;
    for (p, r, c, g, excluded) in places {
        if let Some(place) = Place::from_columns(r, c, g) {
            out.entry(p).or_default().1.push((place, excluded == 1));
        }
    }
    let types: Vec<(i64, String)> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT profile_id, kind FROM funder_funding_types WHERE profile_id IN ({ids}) ORDER BY profile_id, kind"
    )))
    .fetch_all(&mut *conn)
    .await?;
    for (p, kind) in types {
        if let Some(t) = FundingType::parse(&kind) {
            out.entry(p).or_default().2.push(t);
        }
    }
    Ok(out)
}

/// One profile's own row, by its organisation: (profile id, original language, amount low,
/// amount high, currency, cycle, limitations, source, reviewed on, owner's name, contacts,
/// notes, last contact).
pub type ProfileRow = (
    i64,
    String,
    Option<i64>,
    Option<i64>,
    Option<String>,
    String,
    String,
    String,
    Option<String>,
    Option<String>,
    String,
    String,
    Option<String>,
);

pub async fn profile_row(conn: &mut AnyConnection, organisation: i64) -> Result<Option<ProfileRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT f.id, f.original_locale, f.amount_low_usd_cents, f.amount_high_usd_cents, f.currency, f.funding_cycle, \
           f.limitations, f.source, f.reviewed_on, s.name, f.contacts, f.notes, f.last_contact_on \
         FROM funder_profiles f LEFT JOIN staff_users s ON s.id = f.owner_id WHERE f.organisation_id = $1",
    )
    .bind(organisation)
    .fetch_optional(conn)
    .await
}

/// The mandate and strategy in each language written: (locale, mandate, strategy).
pub async fn texts(conn: &mut AnyConnection, profile: i64) -> Result<Vec<(String, String, String)>, sqlx::Error> {
    sqlx::query_as("SELECT locale, mandate, strategy FROM funder_translations WHERE profile_id = $1 ORDER BY locale")
        .bind(profile)
        .fetch_all(conn)
        .await
}

pub async fn sdgs(conn: &mut AnyConnection, profile: i64) -> Result<Vec<i64>, sqlx::Error> {
    sqlx::query_scalar("SELECT sdg FROM funder_sdgs WHERE profile_id = $1 ORDER BY sdg")
        .bind(profile)
        .fetch_all(conn)
        .await
}

pub async fn mechanisms(conn: &mut AnyConnection, profile: i64) -> Result<Vec<String>, sqlx::Error> {
    sqlx::query_scalar("SELECT kind FROM funder_mechanisms WHERE profile_id = $1 ORDER BY kind")
        .bind(profile)
        .fetch_all(conn)
        .await
}

/// The funder's signed agreements (originals) as funder, newest first: (id, signed on, kind,
/// US cents); public ones only when `public_only`.
pub async fn funded(
    conn: &mut AnyConnection,
    organisation: i64,
    public_only: bool,
) -> Result<Vec<(i64, Option<String>, String, i64)>, sqlx::Error> {
    let public = if public_only { "AND a.public = 1" } else { "" };
    sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT a.id, a.signed_on, a.kind, a.usd_cents FROM agreement_parties p JOIN agreements a ON a.id = p.agreement_id \
         WHERE p.organisation_id = $1 AND {FUNDED_BY} {public} ORDER BY a.signed_on DESC, a.id DESC"
    )))
    .bind(organisation)
    .fetch_all(conn)
    .await
}

/// The area codes of each agreement in `ids`.
pub async fn areas_of(conn: &mut AnyConnection, ids: &[i64]) -> Result<Vec<(i64, String)>, sqlx::Error> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let ids = super::id_list(ids);
    sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT aa.agreement_id, t.code FROM agreement_areas aa JOIN areas t ON t.id = aa.area_id \
         WHERE aa.agreement_id IN ({ids}) ORDER BY aa.agreement_id, t.position"
    )))
    .fetch_all(conn)
    .await
}

/// The beneficiary region codes of each agreement in `ids` (a country counts in its region,
/// a country group as Global).
pub async fn regions_of(conn: &mut AnyConnection, ids: &[i64]) -> Result<Vec<(i64, String)>, sqlx::Error> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let ids = super::id_list(ids);
    sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT pl.agreement_id, COALESCE(r.code, 'global') FROM agreement_places pl \
         LEFT JOIN countries c ON c.code = pl.country_code LEFT JOIN regions r ON r.id = COALESCE(pl.region_id, c.region_id) \
         WHERE pl.agreement_id IN ({ids}) ORDER BY pl.agreement_id, pl.position"
    )))
    .fetch_all(conn)
    .await
}

/// The other parties of agreements in `ids`: (organisation, name, how many of them).
pub async fn cosignatories(
    conn: &mut AnyConnection,
    organisation: i64,
    ids: &[i64],
) -> Result<Vec<(i64, String, i64)>, sqlx::Error> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let ids = super::id_list(ids);
    sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT o.id, o.name, COUNT(DISTINCT p.agreement_id) AS n FROM agreement_parties p \
         JOIN organisations o ON o.id = p.organisation_id \
         WHERE p.agreement_id IN ({ids}) AND p.organisation_id <> $1 GROUP BY o.id, o.name ORDER BY n DESC, o.name LIMIT 20"
    )))
    .bind(organisation)
    .fetch_all(conn)
    .await
}

/// Whether `organisation` has a funder profile.
pub async fn has_profile(conn: &mut AnyConnection, organisation: i64) -> Result<bool, sqlx::Error> {
    let found: Option<i64> = sqlx::query_scalar("SELECT id FROM funder_profiles WHERE organisation_id = $1")
        .bind(organisation)
        .fetch_optional(conn)
        .await?;
    Ok(found.is_some())
}

/// The ids behind a checked profile's codes: an area id per area, and per place its region
/// id where it is a region.
pub struct ResolvedFunder {
    pub areas: Vec<i64>,
    pub regions: Vec<Option<i64>>,
}

/// Records or replaces organisation `organisation`'s profile with `f` (its review date,
/// demo flag and creation kept); returns the profile's id.
pub async fn save_profile(
    conn: &mut AnyConnection,
    organisation: i64,
    f: &FunderFacts,
    r: &ResolvedFunder,
    now: i64,
) -> Result<i64, sqlx::Error> {
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO funder_profiles (organisation_id, original_locale, amount_low_usd_cents, amount_high_usd_cents, \
           currency, funding_cycle, limitations, source, owner_id, contacts, notes, last_contact_on, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $13) \
         ON CONFLICT (organisation_id) DO UPDATE SET original_locale = excluded.original_locale, \
           amount_low_usd_cents = excluded.amount_low_usd_cents, amount_high_usd_cents = excluded.amount_high_usd_cents, \
           currency = excluded.currency, funding_cycle = excluded.funding_cycle, limitations = excluded.limitations, \
           source = excluded.source, owner_id = excluded.owner_id, contacts = excluded.contacts, notes = excluded.notes, \
           last_contact_on = excluded.last_contact_on, updated_at = excluded.updated_at \
         RETURNING id",
    )
    .bind(organisation)
    .bind(f.original_locale.as_str())
    .bind(f.amount_low_usd_cents)
    .bind(f.amount_high_usd_cents)
    .bind(f.currency.as_deref())
    .bind(f.funding_cycle.as_str())
    .bind(f.limitations.as_str())
    .bind(f.source.as_str())
    .bind(f.owner)
    .bind(f.contacts.as_str())
    .bind(f.notes.as_str())
    .bind(f.last_contact_on.as_deref())
    .bind(now)
    .fetch_one(&mut *conn)
    .await?;
    sqlx::query(
        "INSERT INTO funder_translations (profile_id, locale, mandate, strategy) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (profile_id, locale) DO UPDATE SET mandate = excluded.mandate, strategy = excluded.strategy",
    )
    .bind(id)
    .bind(f.original_locale.as_str())
    .bind(f.mandate.as_str())
    .bind(f.strategy.as_str())
    .execute(&mut *conn)
    .await?;
    for table in ["funder_areas", "funder_places", "funder_sdgs", "funder_funding_types", "funder_mechanisms"] {
        sqlx::query(sqlx::AssertSqlSafe(format!("DELETE FROM {table} WHERE profile_id = $1")))
            .bind(id)
            .execute(&mut *conn)
            .await?;
    }
    for ((_, weight), area) in f.areas.iter().zip(&r.areas) {
        sqlx::query("INSERT INTO funder_areas (profile_id, area_id, weight, excluded) VALUES ($1, $2, $3, $4)")
            .bind(id)
            .bind(area)
            .bind(i64::from(weight.unwrap_or(1)))
            .bind(i64::from(weight.is_none()))
            .execute(&mut *conn)
            .await?;
    }
    for (position, ((place, excluded), region)) in f.places.iter().zip(&r.regions).enumerate() {
        let (country, group) = match place {
            Place::Country(c) => (Some(c.as_str()), None),
            Place::Group(g) => (None, Some(g.as_str())),
            Place::Region(_) => (None, None),
        };
        sqlx::query(
            "INSERT INTO funder_places (profile_id, position, region_id, country_code, grp, excluded) \
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(id)
        .bind(i64::try_from(position).unwrap_or(i64::MAX))
        .bind(*region)
        .bind(country)
        .bind(group)
        .bind(i64::from(*excluded))
        .execute(&mut *conn)
        .await?;
    }
    for sdg in &f.sdgs {
        sqlx::query("INSERT INTO funder_sdgs (profile_id, sdg) VALUES ($1, $2)")
            .bind(id)
            .bind(sdg)
            .execute(&mut *conn)
            .await?;
    }
    let types = f.funding_types.iter().map(|t| ("funder_funding_types", t.code()));
    for (table, kind) in types.chain(f.mechanisms.iter().map(|m| ("funder_mechanisms", m.code()))) {
        sqlx::query(sqlx::AssertSqlSafe(format!("INSERT INTO {table} (profile_id, kind) VALUES ($1, $2)")))
            .bind(id)
            .bind(kind)
            .execute(&mut *conn)
            .await?;
    }
    Ok(id)
}

/// Organisation `organisation`'s profile as its edit form shows it; `None` without one.
pub async fn form_of(conn: &mut AnyConnection, organisation: i64) -> Result<Option<FunderForm>, sqlx::Error> {
    type Row = (
        i64,
        String,
        Option<i64>,
        Option<i64>,
        Option<String>,
        String,
        String,
        String,
        Option<i64>,
        String,
        String,
        Option<String>,
    );
    let row: Option<Row> = sqlx::query_as(
        "SELECT id, original_locale, amount_low_usd_cents, amount_high_usd_cents, currency, funding_cycle, limitations, \
           source, owner_id, contacts, notes, last_contact_on FROM funder_profiles WHERE organisation_id = $1",
    )
    .bind(organisation)
    .fetch_optional(&mut *conn)
    .await?;
    let Some(p) = row else { return Ok(None) };
    let (mandate, strategy) = texts(&mut *conn, p.0)
        .await?
        .into_iter()
        .find(|(l, _, _)| *l == p.1)
        .map(|(_, m, s)| (m, s))
        .unwrap_or_default();
    let areas: Vec<(String, i64, i64)> = sqlx::query_as(
        "SELECT t.code, f.weight, f.excluded FROM funder_areas f JOIN areas t ON t.id = f.area_id \
         WHERE f.profile_id = $1 ORDER BY f.excluded, f.weight DESC, t.position",
    )
    .bind(p.0)
    .fetch_all(&mut *conn)
    .await?;
    let places: Vec<(Option<String>, Option<String>, Option<String>, i64)> = sqlx::query_as(
        "SELECT r.code, f.country_code, f.grp, f.excluded FROM funder_places f LEFT JOIN regions r ON r.id = f.region_id \
         WHERE f.profile_id = $1 ORDER BY f.position",
    )
    .bind(p.0)
    .fetch_all(&mut *conn)
    .await?;
    let kinds: Vec<String> =
        sqlx::query_scalar("SELECT kind FROM funder_funding_types WHERE profile_id = $1 ORDER BY kind")
            .bind(p.0)
            .fetch_all(&mut *conn)
            .await?;
    let dollars = |cents: Option<i64>| cents.map(|c| (c / 100).to_string()).unwrap_or_default();
    let places: Vec<(String, bool)> = places
        .into_iter()
        .filter_map(|(r, c, g, excluded)| Place::from_columns(r, c, g).map(|p| (p.code(), excluded != 0)))
        .collect();
    Ok(Some(FunderForm {
        original_locale: p.1,
        mandate,
        strategy,
        area_weight: areas.iter().map(|(_, w, x)| if *x != 0 { EXCLUDED.to_owned() } else { w.to_string() }).collect(),
        area: areas.into_iter().map(|(code, _, _)| code).collect(),
        place_mode: places.iter().map(|(_, x)| if *x { EXCLUDED.to_owned() } else { "focus".to_owned() }).collect(),
        place: places.into_iter().map(|(code, _)| code).collect(),
        sdg: sdgs(&mut *conn, p.0).await?.into_iter().map(|n| n.to_string()).collect(),
        funding_type: kinds,
        mechanism: mechanisms(&mut *conn, p.0).await?,
        amount_low: dollars(p.2),
        amount_high: dollars(p.3),
        currency: p.4.unwrap_or_default(),
        funding_cycle: p.5,
        limitations: p.6,
        source: p.7,
        owner: p.8.map(|o| o.to_string()).unwrap_or_default(),
        contacts: p.9,
        notes: p.10,
        last_contact_on: p.11.unwrap_or_default(),
    }))
}

/// Marks a profile reviewed on `day`; `false` when the organisation has none.
pub async fn set_reviewed(
    conn: &mut AnyConnection,
    organisation: i64,
    day: &str,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query("UPDATE funder_profiles SET reviewed_on = $1, updated_at = $2 WHERE organisation_id = $3")
        .bind(day)
        .bind(now)
        .bind(organisation)
        .execute(conn)
        .await?;
    Ok(done.rows_affected() == 1)
}
