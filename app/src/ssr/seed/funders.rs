//! Demo funder profiles for a new database: 110 of the demo record's funders (about 30
//! governments and public bodies, 15 multilateral organisations, 8 development banks, 12
//! foundations, 35 companies and 10 others), each stating what its own agreements show —
//! its most frequent areas and regions, its usual amounts — so that suggestions for the demo
//! concepts have real evidence. About 70 % of the fields are filled, as the agency's own
//! profiles are; one in seven states a region its recent agreements have moved away from,
//! and a few state limitations.
use crate::ssr::infra::database::Db;
use crate::ssr::seed::agreements::Dice;
use crate::ssr::seed::error::SeedError;
use sqlx::AnyConnection;
use std::collections::BTreeMap;

/// How many profiles of each kind: (registry kinds, how many, a development bank).
const QUOTAS: [(&[&str], usize, bool); 6] = [
    (&["government", "other_public"], 30, false),
    (&["multilateral"], 15, false),
    (&["multilateral"], 8, true),
    (&["foundation"], 12, false),
    (&["private_sector"], 35, false),
    (&["ngo", "academic", "other"], 10, false),
];

/// The SDG an area of action serves first.
fn sdg_of(area: &str) -> i64 {
    match area {
        "capacity_building" => 4,
        "ict_applications" => 3,
        "climate_change" => 13,
        "cybersecurity" => 16,
        "emergency_telecommunications" => 11,
        "digital_inclusion" => 10,
        "infrastructure" | "innovation" => 9,
        _ => 17,
    }
}

/// What a demo funder's agreements show.
#[derive(Default)]
struct Observed {
    areas: BTreeMap<String, usize>,
    regions: BTreeMap<String, usize>,
    values: Vec<i64>,
}

/// Most frequent first, ties by code.
fn ranked(counts: &BTreeMap<String, usize>) -> Vec<String> {
    let mut v: Vec<(&String, &usize)> = counts.iter().collect();
    v.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    v.into_iter().map(|(c, _)| c.clone()).collect()
}

async fn observed(conn: &mut AnyConnection, organisation: i64) -> Result<Observed, SeedError> {
    let mut o = Observed::default();
    let funded = "SELECT p.agreement_id FROM agreement_parties p JOIN agreements a ON a.id = p.agreement_id \
                  WHERE p.organisation_id = $1 AND p.role = 'funding' AND a.amends_id IS NULL";
    let areas: Vec<String> = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
        "SELECT t.code FROM agreement_areas aa JOIN areas t ON t.id = aa.area_id WHERE aa.agreement_id IN ({funded})"
    )))
    .bind(organisation)
    .fetch_all(&mut *conn)
    .await?;
    for a in areas {
        *o.areas.entry(a).or_default() += 1;
    }
    let regions: Vec<String> = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
        "SELECT r.code FROM agreement_places pl LEFT JOIN countries c ON c.code = pl.country_code \
         JOIN regions r ON r.id = COALESCE(pl.region_id, c.region_id) WHERE pl.agreement_id IN ({funded})"
    )))
    .bind(organisation)
    .fetch_all(&mut *conn)
    .await?;
    for r in regions {
        *o.regions.entry(r).or_default() += 1;
    }
    o.values = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
        "SELECT usd_cents FROM agreements WHERE id IN ({funded}) AND usd_cents > 0 ORDER BY usd_cents"
    )))
    .bind(organisation)
    .fetch_all(&mut *conn)
    .await?;
    Ok(o)
}

/// The mandate, in the language of the organisation's name; `names` are the areas' names by
/// (code, locale).
fn mandate(name: &str, locale: &str, areas: &[String], names: &BTreeMap<(String, String), String>) -> String {
    let topics = areas
        .iter()
        .map(|a| names.get(&(a.clone(), locale.to_owned())).cloned().unwrap_or_else(|| a.replace('_', " ")))
        .collect::<Vec<_>>()
        .join(", ");
    match locale {
        "fr" => format!(
            "**{name}** soutient la transformation numérique des pays en développement.\n\n\
             Domaines prioritaires : {topics}. (Profil de démonstration, fictif.)"
        ),
        "es" => format!(
            "**{name}** apoya la transformación digital de los países en desarrollo.\n\n\
             Áreas prioritarias: {topics}. (Perfil de demostración, ficticio.)"
        ),
        _ => format!(
            "**{name}** supports the digital transformation of developing countries.\n\n\
             Priority areas: {topics}. (A fictional demo profile.)"
        ),
    }
}

/// Seeds the demo profiles into a database that has none and has the demo record; returns
/// how many were added.
pub async fn funders(db: &Db, now: i64) -> Result<usize, SeedError> {
    let mut tx = db.begin_write().await?;
    let conn = tx.conn();
    let existing: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM funder_profiles").fetch_one(&mut *conn).await?;
    if existing > 0 {
        return Ok(0);
    }
    let regions: Vec<String> =
        sqlx::query_scalar("SELECT code FROM regions WHERE code <> 'global' ORDER BY position, id")
            .fetch_all(&mut *conn)
            .await?;
    let area_ids: BTreeMap<String, i64> =
        sqlx::query_as("SELECT code, id FROM areas").fetch_all(&mut *conn).await?.into_iter().collect();
    let region_ids: BTreeMap<String, i64> =
        sqlx::query_as("SELECT code, id FROM regions").fetch_all(&mut *conn).await?.into_iter().collect();
    let area_names: BTreeMap<(String, String), String> = sqlx::query_as::<_, (String, String, String)>(
        "SELECT a.code, n.locale, n.name FROM areas a JOIN area_names n ON n.area_id = a.id",
    )
    .fetch_all(&mut *conn)
    .await?
    .into_iter()
    .map(|(code, locale, name)| ((code, locale), name))
    .collect();
    let mut dice = Dice(110);
    let mut added = 0;
    let mut taken: Vec<i64> = Vec::new();
    for (kinds, count, bank) in QUOTAS {
        let marks = (0..kinds.len()).map(|i| format!("${}", i + 2)).collect::<Vec<_>>().join(", ");
        let sql = format!(
            "SELECT o.id, o.name, COALESCE(o.name_locale, 'en'), o.kind, o.email_domain FROM organisations o \
             WHERE o.demo = 1 AND o.kind IN ({marks}) AND (o.name LIKE '%Bank%') = ($1 = 1) \
             ORDER BY (SELECT COUNT(*) FROM agreement_parties p WHERE p.organisation_id = o.id AND p.role = 'funding') DESC, \
               o.id"
        );
        let mut q = sqlx::query_as::<_, (i64, String, String, String, Option<String>)>(sqlx::AssertSqlSafe(sql))
            .bind(i64::from(bank));
        for k in kinds {
            q = q.bind(*k);
        }
        let rows: Vec<_> =
            q.fetch_all(&mut *conn).await?.into_iter().filter(|r| !taken.contains(&r.0)).take(count).collect();
        for (organisation, name, locale, kind, domain) in rows {
            taken.push(organisation);
            let seen = observed(&mut *conn, organisation).await?;
            let areas: Vec<String> = ranked(&seen.areas).into_iter().take(3).collect();
            let mut places = ranked(&seen.regions).into_iter().take(2).collect::<Vec<_>>();
            // One in seven states a region its agreements have left.
            if added % 7 == 3
                && let Some(first) = places.first_mut()
                && let Some(other) = regions.iter().find(|r| !seen.regions.contains_key(*r))
            {
                *first = other.clone();
            }
            let amount = (dice.chance(70) && !seen.values.is_empty()).then(|| {
                let round = |c: i64| c / 1_000_000 * 1_000_000;
                (round(seen.values[0]), round(seen.values[seen.values.len() - 1]).max(round(seen.values[0])))
            });
            let locale = if ["en", "fr", "es"].contains(&locale.as_str()) { locale } else { "en".to_owned() };
            let reviewed = dice.chance(70).then(|| {
                crate::domain::format::iso_date(now - 86_400 * (30 + i64::try_from(dice.below(700)).unwrap_or(0)))
            });
            let contact = dice.chance(40).then(|| {
                crate::domain::format::iso_date(now - 86_400 * (5 + i64::try_from(dice.below(500)).unwrap_or(0)))
            });
            let limitation_area = dice
                .chance(12)
                .then(|| area_ids.keys().find(|a| !seen.areas.contains_key(*a) && *a != "general").cloned())
                .flatten();
            let cycle = if dice.chance(50) {
                match kind.as_str() {
                    "government" | "other_public" => "Annual budget; proposals by 31 March for the following year.",
                    "multilateral" => "Calls for proposals twice a year.",
                    "foundation" => "Open call, reviewed quarterly.",
                    _ => "On request, any time of year.",
                }
            } else {
                ""
            };
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO funder_profiles (organisation_id, original_locale, amount_low_usd_cents, \
                   amount_high_usd_cents, currency, funding_cycle, limitations, source, reviewed_on, contacts, notes, \
                   last_contact_on, demo, created_at, updated_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 1, $13, $13) RETURNING id",
            )
            .bind(organisation)
            .bind(&locale)
            .bind(amount.map(|a| a.0))
            .bind(amount.map(|a| a.1))
            .bind(amount.map(|_| "USD"))
            .bind(cycle)
            .bind(if limitation_area.is_some() { "Does not fund work outside its stated priorities." } else { "" })
            .bind(if reviewed.is_some() { "Annual report and website (demo)" } else { "" })
            .bind(reviewed)
            .bind(domain.map(|d| format!("Partnerships desk (demo) <partnerships@{d}>")).unwrap_or_default())
            .bind("Demo notes: met at the regional forum; interested in co-financing.")
            .bind(contact)
            .bind(now)
            .fetch_one(&mut *conn)
            .await?;
            if dice.chance(90) {
                let strategy = if dice.chance(55) {
                    "1. Connect the unconnected.\n2. Skills for a digital economy.\n3. Data for decisions."
                } else {
                    ""
                };
                sqlx::query(
                    "INSERT INTO funder_translations (profile_id, locale, mandate, strategy) VALUES ($1, $2, $3, $4)",
                )
                .bind(id)
                .bind(&locale)
                .bind(mandate(&name, &locale, &areas, &area_names))
                .bind(strategy)
                .execute(&mut *conn)
                .await?;
            }
            if dice.chance(95) {
                for (i, a) in areas.iter().enumerate() {
                    if let Some(area) = area_ids.get(a) {
                        sqlx::query(
                            "INSERT INTO funder_areas (profile_id, area_id, weight, excluded) VALUES ($1, $2, $3, 0)",
                        )
                        .bind(id)
                        .bind(area)
                        .bind(3 - i64::try_from(i).unwrap_or(2).min(2))
                        .execute(&mut *conn)
                        .await?;
                    }
                }
            }
            if let Some(a) = limitation_area.as_ref().and_then(|a| area_ids.get(a)) {
                sqlx::query("INSERT INTO funder_areas (profile_id, area_id, weight, excluded) VALUES ($1, $2, 1, 1)")
                    .bind(id)
                    .bind(a)
                    .execute(&mut *conn)
                    .await?;
            }
            if dice.chance(80) {
                for (i, r) in places.iter().enumerate() {
                    if let Some(region) = region_ids.get(r) {
                        sqlx::query(
                            "INSERT INTO funder_places (profile_id, position, region_id, excluded) VALUES ($1, $2, $3, 0)",
                        )
                        .bind(id)
                        .bind(i64::try_from(i).unwrap_or(0))
                        .bind(region)
                        .execute(&mut *conn)
                        .await?;
                    }
                }
            }
            if dice.chance(60) {
                let mut sdgs: Vec<i64> = areas.iter().map(|a| sdg_of(a)).collect();
                sdgs.sort_unstable();
                sdgs.dedup();
                for sdg in sdgs {
                    sqlx::query("INSERT INTO funder_sdgs (profile_id, sdg) VALUES ($1, $2)")
                        .bind(id)
                        .bind(sdg)
                        .execute(&mut *conn)
                        .await?;
                }
            }
            let (types, mechanisms): (&[&str], &[&str]) = match (kind.as_str(), bank) {
                (_, true) => (&["grant", "loan"], &["project_type", "pooled_fund", "technical_assistance"]),
                ("government" | "other_public", _) => {
                    (&["grant", "expertise", "secondment"], &["project_type", "earmarked_fund", "personnel"])
                }
                ("multilateral", _) => (&["grant", "expertise"], &["pooled_fund", "core_contribution"]),
                ("foundation", _) => (&["grant"], &["project_type", "scholarships"]),
                ("private_sector", _) => (&["sponsorship", "in_kind", "expertise"], &["project_type"]),
                _ => (&["expertise", "in_kind"], &["technical_assistance"]),
            };
            if dice.chance(85) {
                for t in types {
                    sqlx::query("INSERT INTO funder_funding_types (profile_id, kind) VALUES ($1, $2)")
                        .bind(id)
                        .bind(*t)
                        .execute(&mut *conn)
                        .await?;
                }
            }
            if dice.chance(60) {
                for m in mechanisms {
                    sqlx::query("INSERT INTO funder_mechanisms (profile_id, kind) VALUES ($1, $2)")
                        .bind(id)
                        .bind(*m)
                        .execute(&mut *conn)
                        .await?;
                }
            }
            added += 1;
        }
    }
    tx.commit().await?;
    Ok(added)
}
