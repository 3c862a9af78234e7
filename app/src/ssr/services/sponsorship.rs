//! Sponsorship for the public: the events that take sponsors and, for one event, its
//! activities with benefits, places left, conflicts, what the money goes to, and the price
//! book in force, which the page prices a choice with (`domain::sponsorship::price`); a
//! request for a quote, numbered and stored with its lines and its e-mail in one
//! transaction; and a quote's page by the token its e-mail carries.
use crate::domain::agreement::currency_exponent;
use crate::domain::format::iso_date;
use crate::domain::locale::code_of;
use crate::domain::sponsorship::{
    Access, ActivityKind, ActivityOffer, BenefitKind, EventCard, EventOffer, EventState, Offer, PriceRules, Rate,
    Seeds, Tier,
};
use crate::domain::sponsorship::{LineKind, PriceLine};
use crate::domain::sponsorship_quote::{self, Quote, QuoteForm, QuoteLine, VALID_DAYS, choice_errors};
use crate::error::{AppError, FieldCode};
use crate::i18n::Locale;
use crate::ssr::db::sponsorship::{self as repo, EventRow, NewQuote, QuoteRow};
use crate::ssr::db::{outbox, rate};
use crate::ssr::infra::database::Db;
use sqlx::AnyConnection;

/// Quotes allowed per client address and per e-mail address per hour.
pub const QUOTES_PER_IP: i64 = 10;
pub const QUOTES_PER_EMAIL: i64 = 5;

/// The events not yet over, soonest first, drafts left out.
pub async fn events(db: &Db, locale: Locale, now: i64) -> Result<Vec<EventCard>, AppError> {
    let mut conn = db.pool().acquire().await?;
    let today = iso_date(now);
    let rows = repo::public_events(&mut conn, code_of(locale), &today).await?;
    let mut cards = Vec::with_capacity(rows.len());
    for row in rows {
        if let Some(offer) = offer(&mut conn, row, locale, now).await? {
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
    offer(&mut conn, row, locale, now).await?.ok_or(AppError::NotFound)
}

/// The event of `row` with its price book in force; `None` when it has none.
async fn offer(
    conn: &mut AnyConnection,
    row: EventRow,
    locale: Locale,
    now: i64,
) -> Result<Option<EventOffer>, AppError> {
    let today = iso_date(now);
    let today = today.as_str();
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
    Ok(Some(EventOffer { id, card, description, price_book: book, rules, activities, served_at: now }))
}

/// Makes the quote a visitor asks for: checks the form, prices the choice from the price
/// book in force, numbers the quote, stores it with its lines and queues its e-mail, in one
/// transaction. A robot's request (the hidden field filled in, or sent faster than a person
/// types) is answered like any other and stored nowhere. Returns the quote's number.
pub async fn request_quote(
    db: &Db,
    locale: Locale,
    form: &QuoteForm,
    client_ip: &str,
    now: i64,
) -> Result<Option<String>, AppError> {
    if form.looks_automated(now) {
        tracing::info!(client_ip, "sponsorship quote request from a robot dropped");
        return Ok(None);
    }
    let request = form.parse().map_err(AppError::Validation)?;
    let slug = request.choice.event.clone().unwrap_or_default();
    let offer = match event(db, &slug, locale, now).await {
        Err(AppError::NotFound) => return Err(AppError::invalid("event", FieldCode::Unknown)),
        other => other?,
    };
    if !offer.card.selling {
        return Err(AppError::invalid("event", FieldCode::Closed));
    }
    let price = offer
        .price_of(&request.choice.activities, request.choice.member)
        .map_err(|e| AppError::Validation(choice_errors(&e)))?;
    let mut tx = db.begin_write().await?;
    let hour_ago = now - 3600;
    let allowed = rate::allow(tx.conn(), &format!("quote-ip:{client_ip}"), QUOTES_PER_IP, hour_ago, now).await?
        && rate::allow(tx.conn(), &format!("quote-email:{}", request.email.as_str()), QUOTES_PER_EMAIL, hour_ago, now)
            .await?;
    if !allowed {
        tx.commit().await?;
        return Err(AppError::RateLimited);
    }
    let today = iso_date(now);
    let year: i64 = today[..4].parse().unwrap_or(1970);
    let number = sponsorship_quote::number(year, repo::next_quote_number(tx.conn(), year).await?);
    let valid_until = iso_date(now + VALID_DAYS * 86_400).min(offer.card.sales_until.clone());
    let quote = NewQuote {
        number: &number,
        event: offer.id,
        price_book: offer.price_book,
        organisation: &request.organisation,
        contact_name: &request.contact_name,
        email: request.email.as_str(),
        locale: code_of(locale),
        member_claimed: request.choice.member,
        currency: &offer.card.currency,
        total: price.total,
        valid_until: &valid_until,
    };
    let id = repo::insert_quote(tx.conn(), &quote, &price.lines, now).await?;
    outbox::queue_quote_mail(tx.conn(), id, now).await?;
    tx.commit().await?;
    tracing::info!(quote = %number, "sponsorship quote made");
    Ok(Some(number))
}

/// The quote whose page token is `token`, its texts in `locale`; anything else not found.
pub async fn quote_by_token(db: &Db, token: &str, locale: Locale) -> Result<Quote, AppError> {
    if token.is_empty() || token.len() > 128 {
        return Err(AppError::NotFound);
    }
    let mut conn = db.pool().acquire().await?;
    let hash = crate::ssr::infra::random::token_hash(token);
    let row = repo::quote_by_token(&mut conn, &hash, code_of(locale)).await?.ok_or(AppError::NotFound)?;
    quote_of(&mut conn, row, code_of(locale)).await
}

/// The quote `id` in its own language (for its e-mail), or `None` when it is gone.
pub async fn quote_for_mail(conn: &mut AnyConnection, id: i64) -> Result<Option<(Quote, String, String)>, AppError> {
    let Some(row) = repo::quote(conn, id).await? else { return Ok(None) };
    let (email, locale) = (row.6.clone(), row.7.clone());
    Ok(Some((quote_of(conn, row, &locale).await?, email, locale)))
}

/// A stored quote with its lines, names in `locale`.
pub(crate) async fn quote_of(conn: &mut AnyConnection, row: QuoteRow, locale: &str) -> Result<Quote, AppError> {
    let (
        id,
        number,
        event,
        event_slug,
        organisation,
        contact_name,
        _email,
        _locale,
        member,
        currency,
        total,
        valid_until,
        version,
        state,
        created_at,
    ) = row;
    let lines = repo::quote_lines(conn, id, locale)
        .await?
        .into_iter()
        .map(|(activity_id, name, kind, rate, rank, amount)| QuoteLine {
            activity: name,
            line: PriceLine {
                activity: activity_id,
                kind: LineKind::parse(&kind).unwrap_or(LineKind::ListPrice),
                rate: Rate::from_basis_points(u32::try_from(rate).unwrap_or(0)).unwrap_or_default(),
                rank: u32::try_from(rank).unwrap_or(1),
                amount,
            },
        })
        .collect();
    Ok(Quote {
        number,
        event,
        event_slug,
        organisation,
        contact_name,
        member_claimed: member != 0,
        exponent: currency_exponent(&currency).unwrap_or(2),
        currency,
        lines,
        total,
        issued_on: iso_date(created_at),
        valid_until,
        price_book_version: version,
        state,
    })
}
