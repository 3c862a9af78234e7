//! Sponsorship events, their activities and price books: the reads the public pages are
//! built from. Texts come in the reader's language where there is one, else as written.
use sqlx::AnyConnection;

/// An event's row: id, slug, name, description, the language of the texts shown, first and
/// last day, city, the country's name, access, currency, sales deadline, state.
pub type EventRow =
    (i64, String, String, String, String, String, String, String, Option<String>, String, String, String, String);

const EVENT: &str = "SELECT e.id, e.slug, COALESCE(t.name, o.name), COALESCE(t.description, o.description), \
     COALESCE(t.locale, o.locale), e.starts_on, e.ends_on, e.city, COALESCE(cn.name, ce.name, e.country_code), \
     e.access, e.currency, e.sales_until, e.state \
     FROM sponsorship_events e \
     JOIN sponsorship_event_texts o ON o.event_id = e.id AND o.locale = e.original_locale \
     LEFT JOIN sponsorship_event_texts t ON t.event_id = e.id AND t.locale = $1 \
     LEFT JOIN country_names cn ON cn.country_code = e.country_code AND cn.locale = $1 \
     LEFT JOIN country_names ce ON ce.country_code = e.country_code AND ce.locale = 'en'";

/// The events the public sees, soonest first: any but drafts, not yet over on `today`.
pub async fn public_events(conn: &mut AnyConnection, locale: &str, today: &str) -> Result<Vec<EventRow>, sqlx::Error> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "{EVENT} WHERE e.state <> 'draft' AND e.ends_on >= $2 ORDER BY e.starts_on, e.id"
    )))
    .bind(locale)
    .bind(today)
    .fetch_all(conn)
    .await
}

/// The event `slug`, whatever its state.
pub async fn event(conn: &mut AnyConnection, slug: &str, locale: &str) -> Result<Option<EventRow>, sqlx::Error> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!("{EVENT} WHERE e.slug = $2")))
        .bind(locale)
        .bind(slug)
        .fetch_optional(conn)
        .await
}

/// Every event, `(slug, name)` (in `locale`, else as written), latest first: for staff filters.
pub async fn all_events(conn: &mut AnyConnection, locale: &str) -> Result<Vec<(String, String)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT e.slug, COALESCE(t.name, o.name) FROM sponsorship_events e \
         JOIN sponsorship_event_texts o ON o.event_id = e.id AND o.locale = e.original_locale \
         LEFT JOIN sponsorship_event_texts t ON t.event_id = e.id AND t.locale = $1 ORDER BY e.starts_on DESC, e.id",
    )
    .bind(locale)
    .fetch_all(conn)
    .await
}

/// The id of event `slug`.
pub async fn event_id(conn: &mut AnyConnection, slug: &str) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar("SELECT id FROM sponsorship_events WHERE slug = $1").bind(slug).fetch_optional(conn).await
}

/// The price book in force for `event` (the highest version): id, version, member rate.
pub async fn price_book(conn: &mut AnyConnection, event: i64) -> Result<Option<(i64, i64, i64)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, version, member_rate_bp FROM sponsorship_price_books WHERE event_id = $1 \
         ORDER BY version DESC LIMIT 1",
    )
    .bind(event)
    .fetch_optional(conn)
    .await
}

/// A price book's tiers: from which rank, at what rate (basis points).
pub async fn tiers(conn: &mut AnyConnection, price_book: i64) -> Result<Vec<(i64, i64)>, sqlx::Error> {
    sqlx::query_as("SELECT from_rank, rate_bp FROM sponsorship_price_tiers WHERE price_book_id = $1 ORDER BY from_rank")
        .bind(price_book)
        .fetch_all(conn)
        .await
}

/// An activity's row: id, kind, capacity, places taken, name, the language it is shown in,
/// description (the reader's language, else as written) and its language, list price in `price_book` (none: not on sale), the seeded concept's
/// slug, title in the reader's language (or as written) and status, the seeded region's name.
pub type ActivityRow = (
    i64,
    String,
    i64,
    i64,
    String,
    String,
    String,
    String,
    Option<i64>,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
);

/// The activities of `event` in their order, priced from `price_book`.
pub async fn activities(
    conn: &mut AnyConnection,
    event: i64,
    price_book: i64,
    locale: &str,
) -> Result<Vec<ActivityRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT a.id, a.kind, a.capacity, a.taken, COALESCE(t.name, o.name), COALESCE(t.locale, o.locale), \
         COALESCE(NULLIF(t.description, ''), o.description), \
         CASE WHEN t.description <> '' THEN t.locale ELSE o.locale END, p.amount_minor, c.slug, COALESCE(ct.title, co.title), c.status, \
         COALESCE(rn.name, re.name, r.code) \
         FROM sponsorship_activities a \
         JOIN sponsorship_events e ON e.id = a.event_id \
         JOIN sponsorship_activity_texts o ON o.activity_id = a.id AND o.locale = e.original_locale \
         LEFT JOIN sponsorship_activity_texts t ON t.activity_id = a.id AND t.locale = $3 \
         LEFT JOIN sponsorship_list_prices p ON p.activity_id = a.id AND p.price_book_id = $2 \
         LEFT JOIN concepts c ON c.id = a.seed_concept_id \
         LEFT JOIN concept_translations ct ON ct.concept_id = c.id AND ct.locale = $3 \
         LEFT JOIN concept_translations co ON co.concept_id = c.id AND co.locale = c.original_locale \
         LEFT JOIN regions r ON r.id = a.seed_region_id \
         LEFT JOIN region_names rn ON rn.region_id = r.id AND rn.locale = $3 \
         LEFT JOIN region_names re ON re.region_id = r.id AND re.locale = 'en' \
         WHERE a.event_id = $1 ORDER BY a.position, a.id",
    )
    .bind(event)
    .bind(price_book)
    .bind(locale)
    .fetch_all(conn)
    .await
}

/// The benefits of `event`'s activities: activity, kind, quantity.
pub async fn benefits(conn: &mut AnyConnection, event: i64) -> Result<Vec<(i64, String, i64)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT b.activity_id, b.kind, b.quantity FROM sponsorship_benefits b \
         JOIN sponsorship_activities a ON a.id = b.activity_id WHERE a.event_id = $1 ORDER BY b.activity_id, b.kind",
    )
    .bind(event)
    .fetch_all(conn)
    .await
}

/// The pairs of `event`'s activities that cannot be taken together.
pub async fn conflicts(conn: &mut AnyConnection, event: i64) -> Result<Vec<(i64, i64)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT c.activity_id, c.other_id FROM sponsorship_conflicts c \
         JOIN sponsorship_activities a ON a.id = c.activity_id WHERE a.event_id = $1",
    )
    .bind(event)
    .fetch_all(conn)
    .await
}

/// A quote to store: its number, what it was priced from and for whom, its total and until
/// when it holds.
pub struct NewQuote<'a> {
    pub number: &'a str,
    pub event: i64,
    pub price_book: i64,
    pub organisation: &'a str,
    pub contact_name: &'a str,
    pub email: &'a str,
    pub locale: &'a str,
    pub member_claimed: bool,
    pub currency: &'a str,
    pub total: i64,
    pub valid_until: &'a str,
}

/// The next quote number of `year`, taken in the caller's transaction: two writers cannot
/// get the same one on either engine (the row is locked or the writer is).
pub async fn next_quote_number(conn: &mut AnyConnection, year: i64) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO sponsorship_quote_numbers (year, last) VALUES ($1, 1) \
         ON CONFLICT (year) DO UPDATE SET last = sponsorship_quote_numbers.last + 1 RETURNING last",
    )
    .bind(year)
    .fetch_one(conn)
    .await
}

/// Stores a quote with its lines (in their order); returns its id.
pub async fn insert_quote(
    conn: &mut AnyConnection,
    q: &NewQuote<'_>,
    lines: &[crate::domain::sponsorship::PriceLine],
    now: i64,
) -> Result<i64, sqlx::Error> {
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO sponsorship_quotes (number, event_id, price_book_id, organisation, contact_name, \
         email, locale, member_claimed, currency, total_minor, valid_until, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12) RETURNING id",
    )
    .bind(q.number)
    .bind(q.event)
    .bind(q.price_book)
    .bind(q.organisation)
    .bind(q.contact_name)
    .bind(q.email)
    .bind(q.locale)
    .bind(i64::from(q.member_claimed))
    .bind(q.currency)
    .bind(q.total)
    .bind(q.valid_until)
    .bind(now)
    .fetch_one(&mut *conn)
    .await?;
    for (position, line) in (1_i64..).zip(lines) {
        sqlx::query(
            "INSERT INTO sponsorship_quote_lines (quote_id, position, activity_id, kind, rate_bp, rank, amount_minor) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(id)
        .bind(position)
        .bind(line.activity)
        .bind(line.kind.code())
        .bind(i64::from(line.rate.basis_points()))
        .bind(i64::from(line.rank))
        .bind(line.amount)
        .execute(&mut *conn)
        .await?;
    }
    Ok(id)
}

/// A stored quote's row: id, number, event name (in `locale`, else as written), event slug,
/// organisation, contact name, e-mail, the quote's language, member claimed, currency,
/// total, valid until, price book version, state, created at.
pub type QuoteRow =
    (i64, String, String, String, String, String, String, String, i64, String, i64, String, i64, String, i64);

/// The quote select, the event named in the language `locale` (an SQL expression), the
/// rows those `filter` keeps.
fn quote_select(locale: &str, filter: &str) -> String {
    format!(
        "SELECT q.id, q.number, COALESCE(t.name, o.name), e.slug, q.organisation, q.contact_name, q.email, \
         q.locale, q.member_claimed, q.currency, q.total_minor, q.valid_until, b.version, q.state, q.created_at \
         FROM sponsorship_quotes q \
         JOIN sponsorship_events e ON e.id = q.event_id \
         JOIN sponsorship_price_books b ON b.id = q.price_book_id \
         JOIN sponsorship_event_texts o ON o.event_id = e.id AND o.locale = e.original_locale \
         LEFT JOIN sponsorship_event_texts t ON t.event_id = e.id AND t.locale = {locale} \
         WHERE {filter}"
    )
}

/// The quote whose page token hashes to `token_hash`, with the event named in `locale`.
pub async fn quote_by_token(
    conn: &mut AnyConnection,
    token_hash: &str,
    locale: &str,
) -> Result<Option<QuoteRow>, sqlx::Error> {
    sqlx::query_as(sqlx::AssertSqlSafe(quote_select("$1", "q.token_hash = $2")))
        .bind(locale)
        .bind(token_hash)
        .fetch_optional(conn)
        .await
}

/// Gives quote `id` a new page token (its hash): the link of the e-mail being written.
pub async fn set_quote_token(conn: &mut AnyConnection, id: i64, token_hash: &str) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE sponsorship_quotes SET token_hash = $2 WHERE id = $1")
        .bind(id)
        .bind(token_hash)
        .execute(conn)
        .await
        .map(drop)
}

/// The quote `id`, with the event named in the quote's own language (for its e-mail).
pub async fn quote(conn: &mut AnyConnection, id: i64) -> Result<Option<QuoteRow>, sqlx::Error> {
    sqlx::query_as(sqlx::AssertSqlSafe(quote_select("q.locale", "q.id = $1"))).bind(id).fetch_optional(conn).await
}

/// A quote's lines in order: activity name in `locale` (else as written), kind, rate,
/// rank, amount.
pub async fn quote_lines(
    conn: &mut AnyConnection,
    quote: i64,
    locale: &str,
) -> Result<Vec<(i64, String, String, i64, i64, i64)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT l.activity_id, COALESCE(t.name, o.name), l.kind, l.rate_bp, l.rank, l.amount_minor \
         FROM sponsorship_quote_lines l \
         JOIN sponsorship_activities a ON a.id = l.activity_id \
         JOIN sponsorship_events e ON e.id = a.event_id \
         JOIN sponsorship_activity_texts o ON o.activity_id = a.id AND o.locale = e.original_locale \
         LEFT JOIN sponsorship_activity_texts t ON t.activity_id = a.id AND t.locale = $2 \
         WHERE l.quote_id = $1 ORDER BY l.position",
    )
    .bind(quote)
    .bind(locale)
    .fetch_all(conn)
    .await
}
