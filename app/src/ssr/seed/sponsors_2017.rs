//! The agency's sponsorship year 2017, as the demo's history: three events (the global
//! regulators' symposium, the world development conference, the sector's 25th anniversary)
//! with ten activities each, and 14 sponsors whose sponsorships — asked for as quotes,
//! accepted, signed and paid through the same code staff use — come to exactly
//! US$590,329 ([`TOTAL_CENTS`]), some with member and multi-sponsorship discounts. Each
//! became a public sponsorship agreement of 2017 in the record, which the record's seed
//! leaves room for ([`COUNT`] of its 2017 agreements, [`TOTAL_CENTS`] of its value).
use super::sponsorship::{Activity, Event, SUMMIT, Seeds, Six, When, add};
use crate::domain::format::parse_iso_date;
use crate::domain::organisation::{DueDiligence, Membership, Organisation, OrganisationKind};
use crate::domain::sponsorship::{Chosen, price};
use crate::domain::sponsorship_sale::{MoveForm, Sponsor};
use crate::ssr::db::organisations;
use crate::ssr::db::sponsorship::{self as repo, NewQuote};
use crate::ssr::infra::database::Db;
use crate::ssr::seed::error::SeedError;
use crate::ssr::services::sponsorship::event as offer_of;
use crate::ssr::services::sponsorship_sales::{accept_in, move_in};

/// The sponsorships of 2017, one per sponsor, and what they brought in all (US cents).
pub const COUNT: usize = 14;
pub const TOTAL_CENTS: i64 = 59_032_900;

const RECEPTION: Six = SUMMIT.activities[0].names;
const COFFEE: Six = SUMMIT.activities[1].names;
const LUNCH: Six = SUMMIT.activities[2].names;
const LANYARDS: Six = SUMMIT.activities[3].names;
const WIFI: Six = SUMMIT.activities[4].names;
const APP: Six = SUMMIT.activities[5].names;
const BOOTH: Six = SUMMIT.activities[6].names;
const AWARD: Six = SUMMIT.activities[7].names;
const SIDE_EVENT: Six = [
    "فعالية جانبية: الشراكات الإقليمية",
    "Side event: regional partnerships",
    "Evento paralelo: alianzas regionales",
    "Événement parallèle : les partenariats régionaux",
    "Параллельное мероприятие: региональные партнёрства",
    "边会：区域伙伴关系",
];
const DINNER: Six = ["عشاء الحفل", "Gala dinner", "Cena de gala", "Dîner de gala", "Торжественный ужин", "晚宴"];

const fn activity(
    kind: &'static str,
    names: Six,
    capacity: i64,
    dollars: i64,
    benefits: &'static [(&'static str, i64)],
    seeds: Seeds,
) -> Activity {
    Activity { kind, names, description: "", capacity, price: dollars * 100, benefits, seeds }
}

const SIGNAGE: &[(&str, i64)] = &[("logo_on_signage", 1), ("programme_mention", 1)];
const STAGE: &[(&str, i64)] = &[("logo_on_signage", 1), ("passes", 5), ("speaking_slot", 1)];

/// Ten activities at an event's prices (in dollars): reception, coffee, lunch, lanyards,
/// Wi-Fi, app, booth, award, side event, dinner.
macro_rules! ten {
    ($p:expr, $region:expr) => {
        &[
            activity("reception", RECEPTION, 1, $p[0], STAGE, Seeds::Activity),
            activity("coffee_break", COFFEE, 3, $p[1], SIGNAGE, Seeds::Activity),
            activity("lunch", LUNCH, 2, $p[2], &[("logo_on_signage", 1), ("passes", 3)], Seeds::Activity),
            activity("lanyards_bags", LANYARDS, 1, $p[3], &[("branded_items", 1_000)], Seeds::Activity),
            activity("wifi_app", WIFI, 1, $p[4], &[("logo_online", 1)], Seeds::Activity),
            activity("wifi_app", APP, 1, $p[5], &[("logo_online", 1), ("social_media", 4)], Seeds::Activity),
            activity("exhibition", BOOTH, 10, $p[6], &[("booth", 1), ("passes", 2)], Seeds::Activity),
            activity("award", AWARD, 1, $p[7], &[("speaking_slot", 1), ("social_media", 2)], Seeds::FirstConcept),
            activity("side_event", SIDE_EVENT, 4, $p[8], SIGNAGE, Seeds::Region($region)),
            activity("reception", DINNER, 1, $p[9], STAGE, Seeds::Activity),
        ]
    };
}

const fn event(
    slug: &'static str,
    names: Six,
    starts: &'static str,
    days: i64,
    city: &'static str,
    country: &'static str,
    activities: &'static [Activity],
) -> Event {
    Event {
        slug,
        names,
        descriptions: names,
        starts: When::On(starts),
        days,
        city,
        country,
        access: "open",
        currency: "USD",
        member_bp: 1_000,
        tiers: &[(2, 500), (3, 1_000)],
        activities,
        conflicts: &[(4, 5)],
    }
}

/// The three events. The anniversary's gala dinner is priced last (see [`seed`]).
const EVENTS: [Event; 3] = [
    event(
        "global-symposium-for-regulators-2017",
        [
            "الندوة العالمية لمنظمي الاتصالات 2017",
            "Global Symposium for Regulators 2017",
            "Simposio Mundial para Organismos Reguladores 2017",
            "Colloque mondial des régulateurs 2017",
            "Глобальный симпозиум для регуляторных органов 2017",
            "2017年全球监管机构专题研讨会",
        ],
        "2017-07-11",
        4,
        "Nassau",
        "BS",
        ten!([60_000, 15_000, 30_000, 20_000, 18_000, 22_000, 8_000, 35_000, 12_000, 40_000], "americas"),
    ),
    event(
        "world-development-conference-2017",
        [
            "المؤتمر العالمي للتنمية 2017",
            "World Development Conference 2017",
            "Conferencia Mundial de Desarrollo 2017",
            "Conférence mondiale de développement 2017",
            "Всемирная конференция по развитию 2017",
            "2017年世界发展大会",
        ],
        "2017-10-09",
        12,
        "Buenos Aires",
        "AR",
        ten!([75_000, 18_750, 37_500, 25_000, 22_500, 27_500, 10_000, 43_750, 15_000, 50_000], "americas"),
    ),
    event(
        "sector-25th-anniversary-2017",
        [
            "الذكرى الخامسة والعشرون للقطاع",
            "The sector's 25th anniversary",
            "25.º aniversario del sector",
            "25e anniversaire du secteur",
            "25-летие сектора",
            "本部门成立二十五周年",
        ],
        "2017-05-17",
        1,
        "Geneva",
        "CH",
        ten!([48_000, 12_000, 24_000, 16_000, 14_400, 17_600, 6_400, 28_000, 9_600, 1], "africa"),
    ),
];

/// A sponsor of 2017: its registry entry (a member of the agency where `member`), the
/// event (by index), the activities it took (by position), when it signed and paid.
struct Sponsor2017 {
    name: &'static str,
    country: &'static str,
    kind: OrganisationKind,
    member: bool,
    event: usize,
    activities: &'static [usize],
    signed_on: &'static str,
    paid_on: &'static str,
}

const fn sponsor(
    name: &'static str,
    country: &'static str,
    kind: OrganisationKind,
    member: bool,
    event: usize,
    activities: &'static [usize],
    (signed_on, paid_on): (&'static str, &'static str),
) -> Sponsor2017 {
    Sponsor2017 { name, country, kind, member, event, activities, signed_on, paid_on }
}

use OrganisationKind::{Foundation, PrivateSector};

/// The sponsors, the last one taking the anniversary's gala dinner.
const SPONSORS: [Sponsor2017; COUNT] = [
    sponsor("Andes Telecom S.A.", "AR", PrivateSector, true, 1, &[0], ("2017-08-02", "2017-08-30")),
    sponsor("Nordlys Networks AS", "NO", PrivateSector, true, 0, &[1, 6], ("2017-05-10", "2017-06-01")),
    sponsor("Sahara Mobile Group", "MA", PrivateSector, false, 0, &[4], ("2017-05-22", "2017-06-20")),
    sponsor("Pacific Fibre Holdings", "AU", PrivateSector, true, 0, &[7, 8, 6], ("2017-04-28", "2017-05-31")),
    sponsor("Banco del Sur Digital", "AR", PrivateSector, false, 1, &[2], ("2017-08-15", "2017-09-12")),
    sponsor("Kibo Connect Ltd", "KE", PrivateSector, false, 1, &[8], ("2017-08-21", "2017-09-25")),
    sponsor("Meridian Satellite Corp.", "US", PrivateSector, true, 1, &[3, 1], ("2017-07-19", "2017-08-31")),
    sponsor("Fondation Numérique pour Tous", "FR", Foundation, false, 1, &[7], ("2017-09-01", "2017-09-29")),
    sponsor("Shinsei Data Co.", "JP", PrivateSector, true, 2, &[0, 4], ("2017-03-15", "2017-04-14")),
    sponsor("Volga Systems JSC", "RU", PrivateSector, false, 2, &[2], ("2017-03-29", "2017-04-27")),
    sponsor("Lumen Cloud GmbH", "DE", PrivateSector, true, 0, &[0, 2], ("2017-05-03", "2017-06-02")),
    sponsor("Caribbean Tower Company", "BS", PrivateSector, false, 0, &[3], ("2017-06-01", "2017-06-28")),
    sponsor("Han River Electronics", "KR", PrivateSector, true, 2, &[5, 1, 6], ("2017-04-03", "2017-05-02")),
    sponsor("Golden Gate Digital Foundation", "US", Foundation, false, 2, &[9], ("2017-04-10", "2017-05-08")),
];

/// Adds the 2017 events and their sponsorships once; returns how many events it added.
/// The gala dinner is priced at what the year's total leaves once the other 13 sponsors'
/// quotes are priced by the price function, so the year adds up to the reported total.
pub async fn seed(db: &Db) -> Result<usize, SeedError> {
    let mut tx = db.begin_write().await?;
    let exists: Option<i64> = sqlx::query_scalar("SELECT id FROM sponsorship_events WHERE slug = $1")
        .bind(EVENTS[0].slug)
        .fetch_optional(tx.conn())
        .await?;
    if exists.is_some() {
        return Ok(0);
    }
    let made = parse_iso_date("2017-01-15").unwrap_or(0);
    for e in &EVENTS {
        add(tx.conn(), e, made).await?;
    }
    tx.commit().await?;

    let mut given = 0_i64;
    for (n, s) in SPONSORS.iter().enumerate() {
        let e = &EVENTS[s.event];
        let asked = parse_iso_date(s.signed_on).unwrap_or(made) - 20 * 86_400;
        let offer = offer_of(db, e.slug, crate::i18n::Locale::en, asked).await?;
        let ids: Vec<i64> = s.activities.iter().map(|p| offer.activities[*p].offer.id).collect();
        let mut tx = db.begin_write().await?;
        // The last sponsor takes the gala dinner alone, at the year's remainder.
        let remainder = (n + 1 == COUNT).then(|| TOTAL_CENTS - given);
        if let Some(remainder) = remainder {
            sqlx::query("UPDATE sponsorship_list_prices SET amount_minor = $1 WHERE price_book_id = $2 AND activity_id = $3")
                .bind(remainder)
                .bind(offer.price_book)
                .bind(ids[0])
                .execute(tx.conn())
                .await?;
        }
        let chosen: Vec<Chosen> = offer
            .activities
            .iter()
            .filter(|a| ids.contains(&a.offer.id))
            .map(|a| Chosen { activity: a.offer.id, list_price: remainder.unwrap_or(a.offer.list_price) })
            .collect();
        let quoted = price(&offer.rules, offer.card.access, s.member, &chosen);
        given += quoted.total;
        let organisation = organisations::insert(
            tx.conn(),
            &Organisation {
                name: s.name.to_owned(),
                name_locale: None,
                acronym: None,
                kind: s.kind,
                country: Some(s.country.to_owned()),
                website: None,
                email_domain: None,
                membership: s.member.then(|| (Membership::SectorMember, Some("2010-01-01".to_owned()))),
                due_diligence: DueDiligence::Cleared,
                due_diligence_on: Some("2016-12-01".to_owned()),
                parent: None,
            },
            true,
            asked,
        )
        .await?;
        let number = crate::domain::sponsorship_quote::number(2017, repo::next_quote_number(tx.conn(), 2017).await?);
        let quote = NewQuote {
            number: &number,
            event: offer.id,
            price_book: offer.price_book,
            organisation: s.name,
            contact_name: "Partnerships office",
            email: "partnerships@example.org",
            locale: "en",
            member_claimed: s.member,
            currency: "USD",
            total: quoted.total,
            valid_until: s.signed_on,
        };
        repo::insert_quote(tx.conn(), &quote, &quoted.lines, asked).await?;
        let accepted = asked + 5 * 86_400;
        let sale = accept_in(&mut tx, None, &number, Sponsor::Registered(organisation), true, accepted)
            .await
            ?;
        let step = |to: &str, on: &str| MoveForm { to: to.to_owned(), on: on.to_owned(), usd_rate: String::new() };
        let signed = parse_iso_date(s.signed_on).unwrap_or(accepted);
        move_in(&mut tx, None, sale, &step("signed", s.signed_on), true, signed).await?;
        let paid = parse_iso_date(s.paid_on).unwrap_or(signed);
        move_in(&mut tx, None, sale, &step("paid", s.paid_on), true, paid).await?;
        tx.commit().await?;
    }
    debug_assert_eq!(given, TOTAL_CENTS);
    Ok(EVENTS.len())
}
