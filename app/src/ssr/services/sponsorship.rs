//! Sponsorship for the public: the events that take sponsors and, for one event, its
//! activities with benefits, places left, conflicts, what the money goes to, and the price
//! book in force, which the page prices a choice with (`domain::sponsorship::price`).
use crate::domain::agreement::currency_exponent;
use crate::domain::format::iso_date;
use crate::domain::locale::code_of;
use crate::domain::sponsorship::{
    Access, ActivityKind, ActivityOffer, BenefitKind, EventCard, EventOffer, EventState, Offer, PriceRules, Rate,
    Seeds, Tier,
};
use crate::error::AppError;
use crate::i18n::Locale;
use crate::ssr::db::sponsorship::{self as repo, EventRow};
use crate::ssr::infra::database::Db;
use sqlx::AnyConnection;

/// The events not yet over, soonest first, drafts left out.
pub async fn events(db: &Db, locale: Locale, now: i64) -> Result<Vec<EventCard>, AppError> {
    let mut conn = db.pool().acquire().await?;
    let today = iso_date(now);
    let rows = repo::public_events(&mut conn, code_of(locale), &today).await?;
    let mut cards = Vec::with_capacity(rows.len());
    for row in rows {
        if let Some(offer) = offer(&mut conn, row, locale, &today).await? {
            cards.push(offer.card);
        }
    }
    Ok(cards)
}

/// The event `slug` with its activities, as the public sees it: drafts and events without a
/// price book are not found.
pub async fn event(db: &Db, slug: &str, locale: Locale, now: i64) -> Result<EventOffer, AppError> {
    let mut conn = db.pool().acquire().await?;
    let row = repo::event(&mut conn, slug, code_of(locale)).await?.ok_or(AppError::NotFound)?;
    if row.12 == EventState::Draft.code() {
        return Err(AppError::NotFound);
    }
    offer(&mut conn, row, locale, &iso_date(now)).await?.ok_or(AppError::NotFound)
}

/// The event of `row` with its price book in force; `None` when it has none.
async fn offer(
    conn: &mut AnyConnection,
    row: EventRow,
    locale: Locale,
    today: &str,
) -> Result<Option<EventOffer>, AppError> {
    let (
        id,
        slug,
        name,
        description,
        text_locale,
        starts_on,
        ends_on,
        city,
        country,
        access,
        currency,
        sales_until,
        state,
    ) = row;
    let Some((book, _version, member_bp)) = repo::price_book(conn, id).await? else { return Ok(None) };
    let rate = |bp: i64| Rate::from_basis_points(u32::try_from(bp).unwrap_or(0)).unwrap_or_default();
    let tiers = repo::tiers(conn, book).await?;
    let tiers =
        tiers.into_iter().map(|(from, bp)| Tier { from: u32::try_from(from).unwrap_or(u32::MAX), rate: rate(bp) });
    // The stored rules were checked when saved; rules that no longer pass give no discount.
    let rules = PriceRules::new(rate(member_bp), tiers.collect()).unwrap_or_default();
    let benefits = repo::benefits(conn, id).await?;
    let conflicts = repo::conflicts(conn, id).await?;
    let mut activities = Vec::new();
    for (
        activity,
        kind,
        capacity,
        taken,
        name,
        text_locale,
        description,
        description_locale,
        price,
        slug,
        title,
        status,
        region,
    ) in repo::activities(conn, id, book, code_of(locale)).await?
    {
        // An activity the price book does not price is not on sale.
        let Some(list_price) = price else { continue };
        let seeds = match (slug, title, status, region) {
            (Some(slug), Some(title), Some(status), _) if status == "published" => Seeds::Concept { slug, title },
            (Some(_), _, _, _) => Seeds::Project,
            (None, _, _, Some(region)) => Seeds::Region(region),
            _ => Seeds::Activity,
        };
        let count = |n: i64| u32::try_from(n.max(0)).unwrap_or(u32::MAX);
        activities.push(ActivityOffer {
            kind: ActivityKind::parse(&kind).unwrap_or(ActivityKind::Other),
            name,
            text_locale,
            description,
            description_locale,
            benefits: benefits
                .iter()
                .filter(|b| b.0 == activity)
                .filter_map(|b| Some((BenefitKind::parse(&b.1)?, count(b.2))))
                .collect(),
            offer: Offer {
                id: activity,
                list_price,
                capacity: count(capacity),
                taken: count(taken),
                conflicts: conflicts
                    .iter()
                    .filter_map(|&(a, b)| match (a == activity, b == activity) {
                        (true, _) => Some(b),
                        (_, true) => Some(a),
                        _ => None,
                    })
                    .collect(),
            },
            seeds,
        });
    }
    let open = |a: &&ActivityOffer| a.offer.places_left() > 0;
    let card = EventCard {
        slug,
        name,
        text_locale,
        starts_on,
        ends_on,
        city,
        country,
        access: Access::parse(&access).unwrap_or(Access::Open),
        exponent: currency_exponent(&currency).unwrap_or(2),
        currency,
        selling: state == EventState::Open.code() && today <= sales_until.as_str(),
        sales_until,
        from_price: activities.iter().filter(open).map(|a| a.offer.list_price).min(),
        places_left: activities.iter().map(|a| a.offer.places_left()).sum(),
    };
    Ok(Some(EventOffer { card, description, price_book: book, rules, activities }))
}
