//! Demo organisations and agreements for a new database: about 450 fictional organisations
//! (marked as demo) and 990 agreements signed from 2000 to 2017, plus a few since. The years
//! 2014–2017 reproduce the agency's own report exactly, with the sponsorship seed's 2017
//! sponsorship agreements: 197 new agreements and 35 amendments worth US$36.6 million in all, 28 of the 2015 agreements being joint
//! capacity-building agreements with training centres of excellence. Generated from a fixed
//! seed, so every new database gets the same record.
use crate::domain::agreement::{
    Agreement, AgreementKind, AgreementStatus, ContributionType, Party, PartyRole, Place, RATE_SCALE, Rows, Share,
    Value, WHOLE, reference, usd_cents,
};
use crate::domain::organisation::{DueDiligence, Membership, Organisation, OrganisationKind};
use crate::ssr::db::agreements::{self as repo, Resolved};
use crate::ssr::db::organisations;
use crate::ssr::infra::database::Db;
use crate::ssr::seed::error::SeedError;
use std::collections::BTreeMap;

/// New agreements and amendments per year of the report, 2014 to 2017.
pub const REPORT_YEARS: [(i64, usize, usize); 4] = [(2014, 46, 8), (2015, 59, 9), (2016, 49, 9), (2017, 43, 9)];
/// What the report's agreements (new and amendments) are worth in all, in US cents.
pub const REPORT_TOTAL_CENTS: i64 = 3_660_000_000;
/// Agreements in all, from 2000 to 2017.
pub const UNTIL_2017: usize = 990;
/// Capacity-building agreements with centres of excellence in 2015.
pub const CENTRES_2015: usize = 28;
const ORGANISATIONS: usize = 450;
const SINCE_2018: usize = 12;

/// A small deterministic generator (64-bit linear congruential): the demo is the same on
/// every machine.
pub(super) struct Dice(pub(super) u64);

impl Dice {
    pub(super) fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }
    pub(super) fn below(&mut self, n: usize) -> usize {
        usize::try_from(self.next()).unwrap_or(0) % n.max(1)
    }
    pub(super) fn pick<'a, T>(&mut self, list: &'a [T]) -> &'a T {
        &list[self.below(list.len())]
    }
    pub(super) fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

const STEMS: [&str; 40] = [
    "Aldara", "Borea", "Cendra", "Dalmir", "Eskel", "Faron", "Galen", "Hesper", "Ilvan", "Jorun", "Kestra", "Lumen",
    "Marov", "Nerin", "Orlen", "Pavia", "Quara", "Rivel", "Sorin", "Talvo", "Umbra", "Valde", "Wenda", "Xanth",
    "Yarel", "Zefir", "Amaru", "Baobab", "Corvo", "Duna", "Elara", "Fenna", "Gaia", "Halo", "Iris", "Juno", "Kora",
    "Lira", "Mira", "Nova",
];
const COUNTRIES: [&str; 30] = [
    "FR", "DE", "CH", "JP", "KR", "CN", "US", "CA", "BR", "MX", "AR", "ES", "IT", "GB", "SE", "NO", "AE", "SA", "EG",
    "MA", "SN", "KE", "NG", "ZA", "IN", "ID", "RU", "KZ", "AU", "RW",
];
const PLACES: [&str; 24] = [
    "region:africa",
    "region:americas",
    "region:arab_states",
    "region:asia_pacific",
    "region:cis",
    "region:europe",
    "region:global",
    "country:SN",
    "country:ML",
    "country:KE",
    "country:RW",
    "country:ET",
    "country:BD",
    "country:NP",
    "country:VU",
    "country:FJ",
    "country:HT",
    "country:BO",
    "country:JO",
    "country:TN",
    "country:KG",
    "country:MD",
    "group:ldc",
    "group:sids",
];
const AREAS: [&str; 11] = [
    "climate_change",
    "statistics",
    "innovation",
    "digital_inclusion",
    "emergency_telecommunications",
    "enabling_environment",
    "cybersecurity",
    "infrastructure",
    "ict_applications",
    "capacity_building",
    "general",
];

/// An organisation's name for its kind, in the language such organisations write it in.
fn organisation_name(dice: &mut Dice, kind: OrganisationKind, n: usize) -> (String, &'static str) {
    let stem = STEMS[n % STEMS.len()];
    let second = STEMS[(n / STEMS.len() + 7) % STEMS.len()];
    match kind {
        OrganisationKind::Government => match dice.below(3) {
            0 => (format!("Ministry of Digital Affairs of {stem}land"), "en"),
            1 => (format!("Ministère de l'Économie numérique de {stem}"), "fr"),
            _ => (format!("Ministerio de Telecomunicaciones de {stem}"), "es"),
        },
        OrganisationKind::OtherPublic => (format!("{stem} National Regulatory Authority"), "en"),
        // A third are development banks (no draw: the rest of the demo stays as it was).
        OrganisationKind::Multilateral if n.is_multiple_of(3) => (format!("{stem}-{second} Development Bank"), "en"),
        OrganisationKind::Multilateral => (format!("{stem} Intergovernmental Fund for Digital Development"), "en"),
        OrganisationKind::Ngo => match dice.below(3) {
            0 => (format!("Association {stem} pour le numérique"), "fr"),
            1 => (format!("{stem} Connect Initiative"), "en"),
            _ => (format!("Red {stem} Solidaria"), "es"),
        },
        OrganisationKind::Foundation => match dice.below(2) {
            0 => (format!("Fundación {stem} {second}"), "es"),
            _ => (format!("{stem} {second} Foundation"), "en"),
        },
        OrganisationKind::PrivateSector => match dice.below(3) {
            0 => (format!("{stem}{} Telecom", second.to_lowercase()), "en"),
            1 => (format!("{stem} Networks SA"), "fr"),
            _ => (format!("{stem} Systems Ltd"), "en"),
        },
        OrganisationKind::Academic => (format!("{stem} Institute of Technology"), "en"),
        OrganisationKind::Other => (format!("{stem} Digital Alliance"), "en"),
    }
}

/// Titles by area of action, in English, French and Spanish.
fn title(area: &str, kind: AgreementKind, locale: &str, n: usize) -> String {
    let topic = match (area, locale) {
        ("climate_change", "fr") => "les changements climatiques et les déchets électroniques",
        ("climate_change", "es") => "el cambio climático y los residuos electrónicos",
        ("climate_change", _) => "climate change and e-waste",
        ("statistics", "fr") => "les statistiques du numérique",
        ("statistics", "es") => "las estadísticas de las TIC",
        ("statistics", _) => "digital statistics",
        ("innovation", "fr") => "l'innovation numérique",
        ("innovation", "es") => "la innovación digital",
        ("innovation", _) => "digital innovation",
        ("digital_inclusion", "fr") => "l'inclusion numérique",
        ("digital_inclusion", "es") => "la inclusión digital",
        ("digital_inclusion", _) => "digital inclusion",
        ("emergency_telecommunications", "fr") => "les télécommunications d'urgence",
        ("emergency_telecommunications", "es") => "las telecomunicaciones de emergencia",
        ("emergency_telecommunications", _) => "emergency telecommunications",
        ("enabling_environment", "fr") => "un environnement propice",
        ("enabling_environment", "es") => "un entorno propicio",
        ("enabling_environment", _) => "an enabling environment",
        ("cybersecurity", "fr") => "la cybersécurité",
        ("cybersecurity", "es") => "la ciberseguridad",
        ("cybersecurity", _) => "cybersecurity",
        ("infrastructure", "fr") => "les infrastructures large bande",
        ("infrastructure", "es") => "la infraestructura de banda ancha",
        ("infrastructure", _) => "broadband infrastructure",
        ("ict_applications", "fr") => "les applications des TIC",
        ("ict_applications", "es") => "las aplicaciones de las TIC",
        ("ict_applications", _) => "ICT applications",
        ("capacity_building", "fr") => "le renforcement des capacités",
        ("capacity_building", "es") => "la creación de capacidad",
        ("capacity_building", _) => "capacity building",
        (_, "fr") => "la coopération numérique",
        (_, "es") => "la cooperación digital",
        _ => "digital cooperation",
    };
    let lead = match (kind, locale) {
        (AgreementKind::Mou, "fr") => "Mémorandum d'accord sur",
        (AgreementKind::Mou, "es") => "Memorando de entendimiento sobre",
        (AgreementKind::Mou, _) => "Memorandum of understanding on",
        (AgreementKind::VoluntaryContribution, "fr") => "Contribution volontaire pour",
        (AgreementKind::VoluntaryContribution, "es") => "Contribución voluntaria para",
        (AgreementKind::VoluntaryContribution, _) => "Voluntary contribution for",
        (AgreementKind::ProjectDocument, "fr") => "Projet sur",
        (AgreementKind::ProjectDocument, "es") => "Proyecto sobre",
        (AgreementKind::ProjectDocument, _) => "Project on",
        (_, "fr") => "Coopération sur",
        (_, "es") => "Cooperación sobre",
        _ => "Cooperation on",
    };
    format!("{lead} {topic} ({})", n + 1)
}

/// One planned agreement before it is written.
struct Plan {
    year: i64,
    amendment: bool,
    centre: bool,
    /// Weight of its value among its group (0: no value).
    weight: u64,
}

/// Seeds the demo record into a database that has no agreement; returns how many agreements
/// were added.
pub async fn agreements(db: &Db, now: i64) -> Result<usize, SeedError> {
    let mut tx = db.begin_write().await?;
    let conn = tx.conn();
    let existing: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM agreements").fetch_one(&mut *conn).await?;
    if existing > 0 {
        return Ok(0);
    }
    let mut dice = Dice(2018);
    let mut area_ids = BTreeMap::new();
    for code in AREAS {
        if let Some(id) = repo::area_id(&mut *conn, code).await? {
            area_ids.insert(code, id);
        }
    }
    let mut region_ids = BTreeMap::new();
    for place in PLACES {
        if let Some(Place::Region(code)) = Place::parse(place)
            && let Some(id) = repo::region_id(&mut *conn, &code).await?
        {
            region_ids.insert(place, id);
        }
    }
    if area_ids.len() != AREAS.len() {
        return Err(SeedError::Data("the taxonomy must be loaded before the demo agreements".into()));
    }

    // Organisations: funders, partners, and the training centres of excellence.
    let kinds = [
        (OrganisationKind::Government, 18),
        (OrganisationKind::OtherPublic, 10),
        (OrganisationKind::Multilateral, 8),
        (OrganisationKind::Ngo, 14),
        (OrganisationKind::Foundation, 10),
        (OrganisationKind::PrivateSector, 26),
        (OrganisationKind::Academic, 10),
        (OrganisationKind::Other, 4),
    ];
    let mut orgs = Vec::new();
    let mut centres = Vec::new();
    for n in 0..ORGANISATIONS {
        let centre = n < 30;
        let mut roll = dice.below(100);
        let kind = if centre {
            OrganisationKind::Academic
        } else {
            kinds
                .iter()
                .find(|(_, p)| {
                    if roll < *p {
                        true
                    } else {
                        roll -= p;
                        false
                    }
                })
                .map_or(OrganisationKind::Other, |k| k.0)
        };
        let (name, locale) = if centre {
            (format!("{} Centre of Excellence for Digital Skills", STEMS[n % STEMS.len()]), "en")
        } else {
            organisation_name(&mut dice, kind, n)
        };
        let name = if n >= STEMS.len() && !centre { format!("{name} {}", n / STEMS.len()) } else { name };
        let member = dice.chance(45);
        let o = Organisation {
            name,
            name_locale: Some(locale.to_owned()),
            acronym: None,
            kind,
            country: Some((*dice.pick(&COUNTRIES)).to_owned()),
            website: None,
            email_domain: Some(format!("demo-org-{n}.example.org")),
            membership: member.then(|| {
                let m = if kind == OrganisationKind::Government {
                    Membership::MemberState
                } else if kind == OrganisationKind::Academic {
                    Membership::Academia
                } else {
                    Membership::SectorMember
                };
                (m, Some(format!("{}-01-01", 1990 + dice.below(30))))
            }),
            due_diligence: if dice.chance(80) { DueDiligence::Cleared } else { DueDiligence::Pending },
            due_diligence_on: Some(format!("{}-06-30", 2012 + dice.below(12))),
            parent: None,
        };
        let id = organisations::insert(&mut *conn, &o, true, now).await?;
        if centre {
            centres.push(id);
        } else {
            orgs.push(id);
        }
    }

    // The plan: 990 agreements from 2000 to 2017, the report's years exactly as reported.
    let mut plans = Vec::new();
    let report_rows: usize = REPORT_YEARS.iter().map(|(_, n, a)| n + a).sum();
    let earlier = UNTIL_2017 - report_rows;
    for i in 0..earlier {
        let year = 2000 + i64::try_from(i * 14 / earlier).unwrap_or(0);
        plans.push(Plan { year, amendment: dice.chance(14), centre: false, weight: 0 });
    }
    for (year, new, amended) in REPORT_YEARS {
        // The sponsorship seed records 2017's sponsorship agreements through its sponsorships.
        let new = if year == 2017 { new - super::sponsors_2017::COUNT } else { new };
        for i in 0..new {
            let centre = year == 2015 && i < CENTRES_2015;
            plans.push(Plan { year, amendment: false, centre, weight: 0 });
        }
        for _ in 0..amended {
            plans.push(Plan { year, amendment: true, centre: false, weight: 0 });
        }
    }
    for i in 0..SINCE_2018 {
        plans.push(Plan { year: 2018 + i64::try_from(i % 8).unwrap_or(0), amendment: false, centre: false, weight: 0 });
    }
    for p in &mut plans {
        // Most agreements carry a value; a few memoranda do not.
        p.weight = if dice.chance(88) { 20 + dice.next() % 400 } else { 0 };
    }
    // The report's years share US$36.6 million exactly (less what 2017's sponsorships, seeded
    // with the sponsorship platform, bring); the last of them (in US dollars) takes the
    // remainder of the rounding.
    let report_total = REPORT_TOTAL_CENTS - super::sponsors_2017::TOTAL_CENTS;
    let in_report = |p: &Plan| (2014..=2017).contains(&p.year);
    let report_weight: u64 = plans.iter().filter(|p| in_report(p)).map(|p| p.weight.max(1)).sum();
    let mut report_cents: Vec<i64> = Vec::new();
    let mut given = 0_i64;
    let report_count = plans.iter().filter(|p| in_report(p)).count();
    for p in plans.iter().filter(|p| in_report(p)) {
        let cents = if report_cents.len() + 1 == report_count {
            report_total - given
        } else {
            let share = i128::from(report_total) * i128::from(p.weight.max(1)) / i128::from(report_weight);
            // Whole hundreds of dollars, as agreements are written.
            i64::try_from(share / 10_000 * 10_000).unwrap_or(0)
        };
        given += cents;
        report_cents.push(cents);
    }

    let mut originals: Vec<(i64, String, i64, i64)> = Vec::new(); // (id, reference, year, organisation)
    let mut numbers: BTreeMap<i64, i64> = BTreeMap::new();
    let mut report_index = 0;
    let mut report_actual = 0_i64;
    let mut added = 0;
    for (n, p) in plans.iter().enumerate() {
        let month = 1 + dice.below(12);
        let day = 1 + dice.below(28);
        let signed = format!("{}-{month:02}-{day:02}", p.year);
        let agency_signed = signed.clone();
        let party_signed = format!("{}-{month:02}-{:02}", p.year, day.saturating_sub(dice.below(day)).max(1));
        let amends = if p.amendment {
            let older: Vec<&(i64, String, i64, i64)> =
                originals.iter().filter(|o| o.2 < p.year && o.2 >= p.year - 4).collect();
            older.get(dice.below(older.len())).map(|o| (*o).clone())
        } else {
            None
        };
        let kind = if p.centre {
            AgreementKind::Cooperation
        } else if amends.is_some() {
            AgreementKind::Other
        } else {
            *dice.pick(&[
                AgreementKind::Mou,
                AgreementKind::Cooperation,
                AgreementKind::Cooperation,
                AgreementKind::VoluntaryContribution,
                AgreementKind::VoluntaryContribution,
                AgreementKind::Sponsorship,
                AgreementKind::LetterOfIntent,
                AgreementKind::ProjectDocument,
                AgreementKind::Other,
            ])
        };
        let organisation = match &amends {
            Some(o) => o.3,
            None if p.centre => centres[n % centres.len()],
            None => *dice.pick(&orgs),
        };
        let mut parties = vec![Party { organisation, role: PartyRole::Funding, signed_on: Some(party_signed.clone()) }];
        if !p.centre && dice.chance(25) {
            let other = *dice.pick(&orgs);
            if other != organisation {
                parties.push(Party {
                    organisation: other,
                    role: PartyRole::Implementing,
                    signed_on: Some(party_signed.clone()),
                });
            }
        }
        let first_area = if p.centre { "capacity_building" } else { *dice.pick(&AREAS) };
        let mut areas = vec![first_area.to_owned()];
        if !p.centre && dice.chance(35) {
            let second = *dice.pick(&AREAS);
            if second != first_area {
                areas.push(second.to_owned());
            }
        }
        let area_shares: Vec<Share<String>> = match areas.len() {
            1 => vec![Share { item: areas[0].clone(), share: Some(WHOLE) }],
            _ if dice.chance(50) => areas.iter().map(|a| Share { item: a.clone(), share: None }).collect(),
            _ => vec![
                Share { item: areas[0].clone(), share: Some(6000) },
                Share { item: areas[1].clone(), share: Some(4000) },
            ],
        };
        let mut places = vec![*dice.pick(&PLACES)];
        if dice.chance(30) {
            let second = *dice.pick(&PLACES);
            if second != places[0] {
                places.push(second);
            }
        }
        let place_shares: Vec<Share<Place>> = places
            .iter()
            .filter_map(|code| {
                // One place takes it all; two share it equally.
                let share = if places.len() == 1 { WHOLE } else { WHOLE / 2 };
                Place::parse(code).map(|item| Share { item, share: Some(share) })
            })
            .collect();
        // The value: the report's years as planned; other years from the weight.
        let cents = if in_report(p) {
            let c = report_cents[report_index];
            report_index += 1;
            // The last of the report's agreements takes what the others left of the total.
            if report_index == report_count { report_total - report_actual } else { c }
        } else {
            i64::try_from(p.weight).unwrap_or(0) * 500_000
        };
        let value = (cents > 0 || in_report(p)).then(|| {
            let last_of_report = in_report(p) && report_index == report_count;
            if !last_of_report && dice.chance(25) {
                // In euros at the year's rate, written so the dollar figure is the one planned.
                let rate = 1_100_000_000 + i64::try_from(dice.below(200)).unwrap_or(0) * 1_000_000;
                let minor = i64::try_from(i128::from(cents) * i128::from(RATE_SCALE) / i128::from(rate)).unwrap_or(0);
                let minor = (minor..minor + 3).find(|m| usd_cents(*m, 2, rate) == cents).unwrap_or(minor);
                Value {
                    currency: "EUR".into(),
                    minor,
                    rate,
                    rate_on: Some(format!("{}-{month:02}-01", p.year)),
                    usd_cents: usd_cents(minor, 2, rate),
                }
            } else {
                Value { currency: "USD".into(), minor: cents, rate: RATE_SCALE, rate_on: None, usd_cents: cents }
            }
        });
        if in_report(p) {
            report_actual += value.as_ref().map_or(0, |v| v.usd_cents);
        }
        let locale = *dice.pick(&["en", "en", "en", "fr", "es"]);
        let a = Agreement {
            kind,
            original_locale: locale.to_owned(),
            title: if p.centre {
                format!("Joint capacity-building with a training centre of excellence ({})", n + 1)
            } else if let Some((_, r, _, _)) = &amends {
                format!("Amendment to {r}: {}", title(first_area, kind, "en", n))
            } else {
                title(first_area, kind, locale, n)
            },
            summary: String::new(),
            amends: amends.as_ref().map(|o| o.1.clone()),
            concept: None,
            interest: None,
            agency_role: if dice.chance(80) { PartyRole::Accountable } else { PartyRole::Implementing },
            agency_signed_on: Some(agency_signed),
            effective_on: Some(signed.clone()),
            expires_on: Some(format!("{}-12-31", p.year + 1 + i64::try_from(dice.below(4)).unwrap_or(0))),
            contribution: if value.is_some() {
                ContributionType::Financial
            } else {
                *dice.pick(&[ContributionType::InKind, ContributionType::Expertise])
            },
            value,
            parties,
            areas: area_shares,
            places: place_shares,
            transactions: Vec::new(),
            obligations: Vec::new(),
            rows: Rows::default(),
        };
        let resolved = Resolved {
            amends: amends.as_ref().map(|o| o.0),
            areas: a.areas.iter().filter_map(|s| area_ids.get(s.item.as_str()).copied()).collect(),
            regions: places.iter().map(|p| region_ids.get(p).copied()).collect(),
        };
        let number = numbers.entry(p.year).or_insert(0);
        *number += 1;
        let reference = reference(p.year, *number);
        let id = repo::insert(&mut *conn, &a, &resolved, &reference, true, now).await?;
        let status = if p.year >= 2024 {
            AgreementStatus::Active
        } else if dice.chance(4) {
            AgreementStatus::Terminated
        } else {
            AgreementStatus::Expired
        };
        repo::set_status(&mut *conn, id, status, now).await?;
        repo::set_public(&mut *conn, id, !dice.chance(12), now).await?;
        if amends.is_none() {
            originals.push((id, reference, p.year, organisation));
        }
        added += 1;
    }
    for (year, last) in numbers {
        sqlx::query("INSERT INTO agreement_numbers (year, last) VALUES ($1, $2)")
            .bind(year)
            .bind(last)
            .execute(&mut *conn)
            .await?;
    }
    tie_to_concepts(&mut *conn, now).await?;
    tx.commit().await?;
    Ok(added)
}

/// The interest stages of the demo's open leads, one for each concept after the first six.
const OPEN_STAGES: [&str; 4] = ["new", "contacted", "in_discussion", "proposal"];

/// Ties the record to the demo concepts, when there are any: each of the first six published
/// concepts gets one of the agreements signed since 2018, public, covering the concept's areas,
/// with the expression of interest it came from (at "agreement signed", linked to the
/// funder's registry entry); every published concept also gets an open lead from an
/// organisation that has worked with the agency in its first area, so the inbox, the
/// pipeline and the suggestions have evidence. No e-mail is queued for them.
async fn tie_to_concepts(conn: &mut sqlx::AnyConnection, now: i64) -> Result<(), SeedError> {
    let concepts: Vec<i64> = sqlx::query_scalar("SELECT id FROM concepts WHERE status = 'published' ORDER BY id")
        .fetch_all(&mut *conn)
        .await?;
    let recent: Vec<(i64, i64, String)> = sqlx::query_as(
        "SELECT id, usd_cents, contribution FROM agreements \
         WHERE signed_on >= '2018-01-01' AND amends_id IS NULL ORDER BY signed_on, id",
    )
    .fetch_all(&mut *conn)
    .await?;
    let mut n = 0;
    for (i, concept) in concepts.iter().enumerate() {
        let areas: Vec<i64> =
            sqlx::query_scalar("SELECT area_id FROM concept_areas WHERE concept_id = $1 ORDER BY area_id")
                .bind(concept)
                .fetch_all(&mut *conn)
                .await?;
        if let Some((agreement, cents, contribution)) = recent.get(i).filter(|_| i < 6) {
            let funder: Option<i64> = sqlx::query_scalar(
                "SELECT organisation_id FROM agreement_parties WHERE agreement_id = $1 ORDER BY position LIMIT 1",
            )
            .bind(agreement)
            .fetch_optional(&mut *conn)
            .await?;
            let Some(funder) = funder else { continue };
            let contribution = match contribution.as_str() {
                "financial" => "funding",
                other => other,
            };
            n += 1;
            let dollars = cents / 100;
            let interest =
                demo_interest(&mut *conn, *concept, funder, "signed", contribution, Some(dollars), n, now).await?;
            sqlx::query("UPDATE agreements SET concept_id = $1, interest_id = $2, public = 1 WHERE id = $3")
                .bind(concept)
                .bind(interest)
                .bind(agreement)
                .execute(&mut *conn)
                .await?;
            if !areas.is_empty() {
                sqlx::query("DELETE FROM agreement_areas WHERE agreement_id = $1")
                    .bind(agreement)
                    .execute(&mut *conn)
                    .await?;
                // One area takes the whole value; several each count it whole.
                let share = (areas.len() == 1).then_some(i64::from(WHOLE));
                for area in &areas {
                    sqlx::query("INSERT INTO agreement_areas (agreement_id, area_id, share) VALUES ($1, $2, $3)")
                        .bind(agreement)
                        .bind(area)
                        .bind(share)
                        .execute(&mut *conn)
                        .await?;
                }
            }
        }
        // An open lead from a past partner in the concept's first area.
        let Some(area) = areas.first() else { continue };
        let partner: Option<i64> = sqlx::query_scalar(
            "SELECT p.organisation_id FROM agreement_parties p JOIN agreement_areas a ON a.agreement_id = p.agreement_id \
             WHERE a.area_id = $1 AND p.role = 'funding' ORDER BY p.agreement_id DESC LIMIT 1 OFFSET $2",
        )
        .bind(area)
        .bind(i64::try_from(i).unwrap_or(0))
        .fetch_optional(&mut *conn)
        .await?;
        if let Some(partner) = partner {
            n += 1;
            let stage = OPEN_STAGES[i % OPEN_STAGES.len()];
            demo_interest(
                &mut *conn,
                *concept,
                partner,
                stage,
                "funding",
                Some(50_000 * (1 + i64::try_from(i % 5).unwrap_or(0))),
                n,
                now,
            )
            .await?;
        }
    }
    repo::bump_version(conn).await?;
    Ok(())
}

/// Records a demo expression of interest from a registry organisation, written from the
/// address of its e-mail domain; linked to the organisation when it reached "agreement
/// signed" (staff linked it), left for staff to link otherwise.
#[allow(clippy::too_many_arguments)]
async fn demo_interest(
    conn: &mut sqlx::AnyConnection,
    concept: i64,
    organisation: i64,
    stage: &str,
    contribution: &str,
    amount_usd: Option<i64>,
    n: usize,
    now: i64,
) -> Result<i64, SeedError> {
    let (name, kind, country, domain): (String, String, Option<String>, Option<String>) =
        sqlx::query_as("SELECT name, kind, country_code, email_domain FROM organisations WHERE id = $1")
            .bind(organisation)
            .fetch_one(&mut *conn)
            .await?;
    let entity = match kind.as_str() {
        "government" | "other_public" => "government",
        "multilateral" => "international_organisation",
        "academic" => "academia",
        "ngo" | "foundation" | "private_sector" => kind.as_str(),
        _ => "other",
    };
    let signed = stage == "signed";
    let agreed = if signed { amount_usd } else { None };
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO interests (concept_id, organisation, entity_type, country_code, contact_name, email, role, \
           contribution, amount_usd, message, locale, consented_at, stage, agreed_usd, fingerprint, organisation_id, \
           created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'en', $11, $12, $13, $14, $15, $11, $11) RETURNING id",
    )
    .bind(concept)
    .bind(&name)
    .bind(entity)
    .bind(country)
    .bind(format!("Demo Contact {n}"))
    .bind(format!("partnerships@{}", domain.unwrap_or_else(|| "demo.example.org".into())))
    .bind("Head of partnerships")
    .bind(contribution)
    .bind(amount_usd.filter(|_| contribution == "funding"))
    .bind("Demo lead: we would like to discuss how we could support this concept.")
    .bind(now - i64::try_from(n).unwrap_or(0) * 86_400)
    .bind(stage)
    .bind(agreed)
    .bind(format!("demo-interest-{n}"))
    .bind(signed.then_some(organisation))
    .fetch_one(&mut *conn)
    .await?;
    Ok(id)
}

/// Adds generated organisations and agreements (for benchmarks) until there are
/// `organisations` organisations named `Generated …` and `count` agreements referenced
/// `G…`: every kind, 2000 to 2026, one or two parties, areas and places with shares, values
/// in US dollars, most public. Written in batches of a thousand, each its own transaction.
pub async fn generated(db: &Db, count: usize, organisation_count: usize, now: i64) -> Result<usize, SeedError> {
    let mut dice = Dice(20_000 + count as u64);
    let mut area_ids = BTreeMap::new();
    let mut region_ids = BTreeMap::new();
    let mut orgs: Vec<i64> = {
        let mut conn = db.pool().acquire().await?;
        for code in AREAS {
            if let Some(id) = repo::area_id(&mut conn, code).await? {
                area_ids.insert(code, id);
            }
        }
        for place in PLACES {
            if let Some(Place::Region(code)) = Place::parse(place)
                && let Some(id) = repo::region_id(&mut conn, &code).await?
            {
                region_ids.insert(place, id);
            }
        }
        sqlx::query_scalar("SELECT id FROM organisations WHERE name LIKE 'Generated %' ORDER BY id")
            .fetch_all(&mut *conn)
            .await?
    };
    if area_ids.len() != AREAS.len() {
        return Err(SeedError::Data("the taxonomy must be loaded before generated agreements".into()));
    }
    const BATCH: usize = 1_000;
    while orgs.len() < organisation_count {
        let mut tx = db.begin_write().await?;
        for _ in 0..BATCH.min(organisation_count - orgs.len()) {
            let n = orgs.len();
            let kind = *dice.pick(OrganisationKind::ALL);
            let o = Organisation {
                name: format!("Generated {} {n:05}", STEMS[n % STEMS.len()]),
                name_locale: Some("en".into()),
                acronym: None,
                kind,
                country: Some((*dice.pick(&COUNTRIES)).to_owned()),
                website: None,
                email_domain: Some(format!("generated-{n}.example.test")),
                membership: None,
                due_diligence: DueDiligence::Cleared,
                due_diligence_on: None,
                parent: None,
            };
            orgs.push(organisations::insert(tx.conn(), &o, true, now).await?);
        }
        tx.commit().await?;
    }
    let existing: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM agreements WHERE reference LIKE 'G%'").fetch_one(db.pool()).await?;
    let mut made = usize::try_from(existing).unwrap_or(0);
    let start = made;
    while made < count {
        let mut tx = db.begin_write().await?;
        for _ in 0..BATCH.min(count - made) {
            made += 1;
            let year = 2000 + i64::try_from(dice.below(27)).unwrap_or(0);
            let signed = format!("{year}-{:02}-{:02}", 1 + dice.below(12), 1 + dice.below(28));
            let kind = *dice.pick(AgreementKind::ALL);
            let organisation = *dice.pick(&orgs);
            let mut parties = vec![Party { organisation, role: PartyRole::Funding, signed_on: Some(signed.clone()) }];
            let other = *dice.pick(&orgs);
            if other != organisation && dice.chance(25) {
                parties.push(Party {
                    organisation: other,
                    role: PartyRole::Implementing,
                    signed_on: Some(signed.clone()),
                });
            }
            let first = *dice.pick(&AREAS);
            let second = *dice.pick(&AREAS);
            let areas: Vec<Share<String>> = if second != first && dice.chance(35) {
                vec![Share { item: first.into(), share: Some(6000) }, Share { item: second.into(), share: Some(4000) }]
            } else {
                vec![Share { item: first.into(), share: Some(WHOLE) }]
            };
            let (p1, p2) = (*dice.pick(&PLACES), *dice.pick(&PLACES));
            let places: Vec<&str> = if p2 != p1 && dice.chance(30) { vec![p1, p2] } else { vec![p1] };
            let share = if places.len() == 1 { WHOLE } else { WHOLE / 2 };
            let cents = i64::try_from(20 + dice.next() % 400).unwrap_or(20) * 500_000;
            let locale = *dice.pick(&["en", "en", "en", "fr", "es"]);
            let a = Agreement {
                kind,
                original_locale: locale.to_owned(),
                title: title(first, kind, locale, made),
                summary: String::new(),
                amends: None,
                concept: None,
                interest: None,
                agency_role: PartyRole::Accountable,
                agency_signed_on: Some(signed.clone()),
                effective_on: Some(signed.clone()),
                expires_on: Some(format!("{}-12-31", year + 2)),
                contribution: ContributionType::Financial,
                value: Some(Value {
                    currency: "USD".into(),
                    minor: cents,
                    rate: RATE_SCALE,
                    rate_on: None,
                    usd_cents: cents,
                }),
                parties,
                areas,
                places: places
                    .iter()
                    .filter_map(|p| Place::parse(p).map(|item| Share { item, share: Some(share) }))
                    .collect(),
                transactions: Vec::new(),
                obligations: Vec::new(),
                rows: Rows::default(),
            };
            let resolved = Resolved {
                amends: None,
                areas: a.areas.iter().filter_map(|s| area_ids.get(s.item.as_str()).copied()).collect(),
                regions: places.iter().map(|p| region_ids.get(p).copied()).collect(),
            };
            let id = repo::insert(tx.conn(), &a, &resolved, &format!("G{made:07}"), true, now).await?;
            let status = if year >= 2024 { AgreementStatus::Active } else { AgreementStatus::Expired };
            repo::set_status(tx.conn(), id, status, now).await?;
            repo::set_public(tx.conn(), id, !dice.chance(12), now).await?;
        }
        tx.commit().await?;
    }
    Ok(made - start)
}
