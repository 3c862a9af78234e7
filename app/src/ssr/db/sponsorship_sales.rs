//! What staff do with quotes: the inbox, answering a quote, reserving places, sponsorships
//! and their checklists, and the sponsorships that count in the revenue.
use crate::domain::sponsorship_sale::{QuoteState, SaleState};
use crate::ssr::db::sponsorship::QuoteRow;
use sqlx::AnyConnection;

/// The quotes select of [`super::sponsorship`], with the sponsorship each became.
fn inbox_select(filter: &str) -> String {
    format!(
        "SELECT q.id, q.number, COALESCE(t.name, o.name), e.slug, q.organisation, q.contact_name, q.email, \
         q.locale, q.member_claimed, q.currency, q.total_minor, q.valid_until, b.version, q.state, q.created_at, s.id \
         FROM sponsorship_quotes q \
         JOIN sponsorship_events e ON e.id = q.event_id \
         JOIN sponsorship_price_books b ON b.id = q.price_book_id \
         JOIN sponsorship_event_texts o ON o.event_id = e.id AND o.locale = e.original_locale \
         LEFT JOIN sponsorship_event_texts t ON t.event_id = e.id AND t.locale = $1 \
         LEFT JOIN sponsorships s ON s.quote_id = q.id \
         WHERE {filter}"
    )
}

/// A quote row and the sponsorship it became.
pub type InboxRow = (
    i64,
    String,
    String,
    String,
    String,
    String,
    String,
    String,
    i64,
    String,
    i64,
    String,
    i64,
    String,
    i64,
    Option<i64>,
);

/// Splits an inbox row into the quote's row and its sponsorship.
pub fn split(r: InboxRow) -> (QuoteRow, Option<i64>) {
    ((r.0, r.1, r.2, r.3, r.4, r.5, r.6, r.7, r.8, r.9, r.10, r.11, r.12, r.13, r.14), r.15)
}

/// The quotes of `event` (a slug; any when `None`) in `state` as it reads on `today` (a
/// sent quote past its validity reads as expired), newest first, at most 500.
pub async fn inbox(
    conn: &mut AnyConnection,
    locale: &str,
    event: Option<&str>,
    state: Option<QuoteState>,
    today: &str,
) -> Result<Vec<InboxRow>, sqlx::Error> {
    let state_filter = match state {
        None => "1 = 1",
        Some(QuoteState::Sent) => "q.state = 'sent' AND q.valid_until >= $3",
        Some(QuoteState::Expired) => "(q.state = 'expired' OR (q.state = 'sent' AND q.valid_until < $3))",
        Some(QuoteState::Accepted) => "q.state = 'accepted'",
        Some(QuoteState::Declined) => "q.state = 'declined'",
    };
    // Every parameter is used whatever the filter, as PostgreSQL wants.
    let filter =
        format!("($2 = '' OR e.slug = $2) AND $3 <> '' AND {state_filter} ORDER BY q.id DESC LIMIT 500");
    sqlx::query_as(sqlx::AssertSqlSafe(inbox_select(&filter)))
        .bind(locale)
        .bind(event.unwrap_or(""))
        .bind(today)
        .fetch_all(conn)
        .await
}

/// The quote numbered `number`, for staff.
pub async fn quote_by_number(
    conn: &mut AnyConnection,
    number: &str,
    locale: &str,
) -> Result<Option<InboxRow>, sqlx::Error> {
    sqlx::query_as(sqlx::AssertSqlSafe(inbox_select("q.number = $2")))
        .bind(locale)
        .bind(number)
        .fetch_optional(conn)
        .await
}

/// Answers a sent quote — one still valid on `valid_on` when a day is given: `false` when
/// it was answered already or has lapsed (the row is changed by one writer only).
pub async fn answer_quote(
    conn: &mut AnyConnection,
    id: i64,
    to: QuoteState,
    valid_on: Option<&str>,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE sponsorship_quotes SET state = $2, updated_at = $4 \
         WHERE id = $1 AND state = 'sent' AND ($3 = '' OR valid_until >= $3)",
    )
    .bind(id)
    .bind(to.code())
    .bind(valid_on.unwrap_or(""))
    .bind(now)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// The activities a quote holds, each once.
pub async fn quote_activities(conn: &mut AnyConnection, quote: i64) -> Result<Vec<i64>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT DISTINCT activity_id FROM sponsorship_quote_lines WHERE quote_id = $1 ORDER BY activity_id",
    )
    .bind(quote)
    .fetch_all(conn)
    .await
}

/// Takes a place of `activity` if one is left: `false` when all are taken. The condition is
/// in the update, so of two writers racing for the last place only one gets it.
pub async fn reserve(conn: &mut AnyConnection, activity: i64) -> Result<bool, sqlx::Error> {
    let done = sqlx::query("UPDATE sponsorship_activities SET taken = taken + 1 WHERE id = $1 AND taken < capacity")
        .bind(activity)
        .execute(conn)
        .await?;
    Ok(done.rows_affected() == 1)
}

/// Gives a place of `activity` back.
pub async fn release(conn: &mut AnyConnection, activity: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE sponsorship_activities SET taken = taken - 1 WHERE id = $1 AND taken > 0")
        .bind(activity)
        .execute(conn)
        .await
        .map(drop)
}

/// A sponsorship to store.
pub struct NewSale<'a> {
    pub quote: i64,
    pub event: i64,
    pub organisation: i64,
    pub currency: &'a str,
    pub total: i64,
    pub accepted_on: &'a str,
    pub demo: bool,
}

pub async fn insert_sale(conn: &mut AnyConnection, s: &NewSale<'_>, now: i64) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO sponsorships (quote_id, event_id, organisation_id, currency, total_minor, accepted_on, demo, \
         created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) RETURNING id",
    )
    .bind(s.quote)
    .bind(s.event)
    .bind(s.organisation)
    .bind(s.currency)
    .bind(s.total)
    .bind(s.accepted_on)
    .bind(i64::from(s.demo))
    .bind(now)
    .fetch_one(conn)
    .await
}

/// Adds a line to a sponsorship's checklist.
pub async fn insert_deliverable(
    conn: &mut AnyConnection,
    sale: i64,
    position: i64,
    activity: Option<i64>,
    kind: &str,
    quantity: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO sponsorship_deliverables (sponsorship_id, position, activity_id, kind, quantity) \
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(sale)
    .bind(position)
    .bind(activity)
    .bind(kind)
    .bind(quantity)
    .execute(conn)
    .await
    .map(drop)
}

/// A sponsorship as stored, with its quote's number, the event named in the reader's
/// language (else as written), the sponsor's name, its agreement's reference and how many
/// checklist lines are done of all.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct SaleRow {
    pub id: i64,
    pub quote_number: String,
    pub quote_id: i64,
    pub event: String,
    pub event_slug: String,
    pub organisation_id: i64,
    pub organisation: String,
    pub state: String,
    pub currency: String,
    pub total: i64,
    pub accepted_on: String,
    pub contract_sent_on: Option<String>,
    pub signed_on: Option<String>,
    pub paid_on: Option<String>,
    pub usd_cents: Option<i64>,
    pub agreement_id: Option<i64>,
    pub agreement_reference: Option<String>,
    pub done: i64,
    pub deliverables: i64,
}

fn sale_select(filter: &str) -> String {
    format!(
        "SELECT s.id, q.number AS quote_number, q.id AS quote_id, COALESCE(t.name, o.name) AS event, \
         e.slug AS event_slug, s.organisation_id, g.name AS organisation, s.state, s.currency, s.total_minor AS total, \
         s.accepted_on, s.contract_sent_on, s.signed_on, s.paid_on, s.usd_cents, s.agreement_id, \
         a.reference AS agreement_reference, \
         (SELECT COUNT(*) FROM sponsorship_deliverables d WHERE d.sponsorship_id = s.id AND d.done_on IS NOT NULL) AS done, \
         (SELECT COUNT(*) FROM sponsorship_deliverables d WHERE d.sponsorship_id = s.id) AS deliverables \
         FROM sponsorships s \
         JOIN sponsorship_quotes q ON q.id = s.quote_id \
         JOIN sponsorship_events e ON e.id = s.event_id \
         JOIN organisations g ON g.id = s.organisation_id \
         JOIN sponsorship_event_texts o ON o.event_id = e.id AND o.locale = e.original_locale \
         LEFT JOIN sponsorship_event_texts t ON t.event_id = e.id AND t.locale = $1 \
         LEFT JOIN agreements a ON a.id = s.agreement_id \
         WHERE {filter}"
    )
}

/// The sponsorships, newest first, at most 500.
pub async fn sales(conn: &mut AnyConnection, locale: &str) -> Result<Vec<SaleRow>, sqlx::Error> {
    sqlx::query_as(sqlx::AssertSqlSafe(sale_select("1 = 1 ORDER BY s.id DESC LIMIT 500")))
        .bind(locale)
        .fetch_all(conn)
        .await
}

pub async fn sale(conn: &mut AnyConnection, id: i64, locale: &str) -> Result<Option<SaleRow>, sqlx::Error> {
    sqlx::query_as(sqlx::AssertSqlSafe(sale_select("s.id = $2"))).bind(locale).bind(id).fetch_optional(conn).await
}

/// A sponsorship's checklist: position, kind, the activity's name (in `locale`, else as
/// written), quantity, done on.
pub async fn deliverables(
    conn: &mut AnyConnection,
    sale: i64,
    locale: &str,
) -> Result<Vec<(i64, String, Option<String>, i64, Option<String>)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT d.position, d.kind, COALESCE(t.name, o.name), d.quantity, d.done_on \
         FROM sponsorship_deliverables d \
         LEFT JOIN sponsorship_activities a ON a.id = d.activity_id \
         LEFT JOIN sponsorship_events e ON e.id = a.event_id \
         LEFT JOIN sponsorship_activity_texts o ON o.activity_id = a.id AND o.locale = e.original_locale \
         LEFT JOIN sponsorship_activity_texts t ON t.activity_id = a.id AND t.locale = $2 \
         WHERE d.sponsorship_id = $1 ORDER BY d.position",
    )
    .bind(sale)
    .bind(locale)
    .fetch_all(conn)
    .await
}

/// Ticks a checklist line done on `on` (or not done with `None`); `false` for no such line.
pub async fn set_deliverable(
    conn: &mut AnyConnection,
    sale: i64,
    position: i64,
    on: Option<&str>,
    by: Option<i64>,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE sponsorship_deliverables SET done_on = $3, done_by = $4 WHERE sponsorship_id = $1 AND position = $2",
    )
    .bind(sale)
    .bind(position)
    .bind(on)
    .bind(on.and(by))
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Moves a sponsorship from `from` to `to`, dating the step `on`: `false` when it was no
/// longer in `from` (someone else moved it).
pub async fn move_sale(
    conn: &mut AnyConnection,
    id: i64,
    from: SaleState,
    to: SaleState,
    on: &str,
    usd_cents: Option<i64>,
    now: i64,
) -> Result<bool, sqlx::Error> {
    // The day goes in the step's column; a cancelled sponsorship keeps the days it had.
    let column = match to {
        SaleState::ContractSent => "contract_sent_on",
        SaleState::Signed => "signed_on",
        SaleState::Paid => "paid_on",
        SaleState::Accepted | SaleState::Cancelled => {
            let done = sqlx::query("UPDATE sponsorships SET state = $3, updated_at = $4 WHERE id = $1 AND state = $2")
                .bind(id)
                .bind(from.code())
                .bind(to.code())
                .bind(now)
                .execute(conn)
                .await?;
            return Ok(done.rows_affected() == 1);
        }
    };
    let done = sqlx::query(sqlx::AssertSqlSafe(format!(
        "UPDATE sponsorships SET state = $3, {column} = $4, usd_cents = COALESCE($5, usd_cents), updated_at = $6 \
         WHERE id = $1 AND state = $2"
    )))
    .bind(id)
    .bind(from.code())
    .bind(to.code())
    .bind(on)
    .bind(usd_cents)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Links a signed sponsorship to the agreement it became.
pub async fn set_agreement(conn: &mut AnyConnection, id: i64, agreement: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE sponsorships SET agreement_id = $2 WHERE id = $1")
        .bind(id)
        .bind(agreement)
        .execute(conn)
        .await
        .map(drop)
}

/// What signing needs of a sponsorship's event: its original language, name in it, first
/// and last day, country.
pub async fn event_facts(
    conn: &mut AnyConnection,
    event: &str,
) -> Result<Option<(String, String, String, String, Option<String>)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT e.original_locale, o.name, e.starts_on, e.ends_on, e.country_code FROM sponsorship_events e \
         JOIN sponsorship_event_texts o ON o.event_id = e.id AND o.locale = e.original_locale WHERE e.slug = $1",
    )
    .bind(event)
    .fetch_optional(conn)
    .await
}

/// A quote's activities as signing needs them, in the quote's order: name in the event's
/// language, seeded concept, seeded region's code.
pub async fn quote_activity_facts(
    conn: &mut AnyConnection,
    quote: i64,
) -> Result<Vec<(String, Option<i64>, Option<String>)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT o.name, a.seed_concept_id, r.code FROM sponsorship_quote_lines l \
         JOIN sponsorship_activities a ON a.id = l.activity_id \
         JOIN sponsorship_events e ON e.id = a.event_id \
         JOIN sponsorship_activity_texts o ON o.activity_id = a.id AND o.locale = e.original_locale \
         LEFT JOIN regions r ON r.id = a.seed_region_id \
         WHERE l.quote_id = $1 AND l.kind = 'list_price' ORDER BY l.position",
    )
    .bind(quote)
    .fetch_all(conn)
    .await
}

/// The sponsorships that count (signed and paid): event name (in `locale`, else as
/// written) and slug, sponsor, its id, signed on, paid on, US cents.
pub async fn counted(
    conn: &mut AnyConnection,
    locale: &str,
) -> Result<Vec<(String, String, String, i64, String, String, i64)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT COALESCE(t.name, o.name), e.slug, g.name, g.id, s.signed_on, s.paid_on, s.usd_cents \
         FROM sponsorships s \
         JOIN sponsorship_events e ON e.id = s.event_id \
         JOIN organisations g ON g.id = s.organisation_id \
         JOIN sponsorship_event_texts o ON o.event_id = e.id AND o.locale = e.original_locale \
         LEFT JOIN sponsorship_event_texts t ON t.event_id = e.id AND t.locale = $1 \
         WHERE s.state = 'paid' ORDER BY s.id",
    )
    .bind(locale)
    .fetch_all(conn)
    .await
}

/// Moves a duplicate registry entry's sponsorships to the survivor.
pub async fn move_organisation(conn: &mut AnyConnection, survivor: i64, duplicate: i64) -> Result<u64, sqlx::Error> {
    let done = sqlx::query("UPDATE sponsorships SET organisation_id = $1 WHERE organisation_id = $2")
        .bind(survivor)
        .bind(duplicate)
        .execute(conn)
        .await?;
    Ok(done.rows_affected())
}
