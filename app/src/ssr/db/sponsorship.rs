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
