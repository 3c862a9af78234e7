//! Sponsorship set-up, for staff and the demo seed: writing events and their texts,
//! activities with their texts, benefits and conflicts, and new price book versions; and the
//! reads the staff pages edit them from. (The public reads are in `db::sponsorship`.)
use sqlx::AnyConnection;

/// An event's facts as stored (the slug is written once, by [`insert_event`]).
pub struct EventFacts<'a> {
    pub slug: &'a str,
    pub original_locale: &'a str,
    pub starts_on: &'a str,
    pub ends_on: &'a str,
    pub city: &'a str,
    pub country: Option<&'a str>,
    pub access: &'a str,
    pub currency: &'a str,
    pub sales_until: &'a str,
    pub state: &'a str,
}

/// A text in one language: locale, name, description.
pub type TextRow = (String, String, String);

/// Binds an event's facts but its slug, in the order the statements below name them.
fn bind_facts<'q>(
    query: sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments>,
    e: &EventFacts<'q>,
) -> sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments> {
    query
        .bind(e.original_locale)
        .bind(e.starts_on)
        .bind(e.ends_on)
        .bind(e.city)
        .bind(e.country)
        .bind(e.access)
        .bind(e.currency)
        .bind(e.sales_until)
        .bind(e.state)
}

pub async fn insert_event(
    conn: &mut AnyConnection,
    e: &EventFacts<'_>,
    demo: bool,
    now: i64,
) -> Result<i64, sqlx::Error> {
    let query = sqlx::query(
        "INSERT INTO sponsorship_events (slug, original_locale, starts_on, ends_on, city, country_code, access, \
         currency, sales_until, state, demo, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12) RETURNING id",
    )
    .bind(e.slug);
    let row = bind_facts(query, e).bind(i64::from(demo)).bind(now).fetch_one(conn).await?;
    sqlx::Row::try_get(&row, 0)
}

/// Writes an event's facts but its slug.
pub async fn update_event(conn: &mut AnyConnection, id: i64, e: &EventFacts<'_>, now: i64) -> Result<(), sqlx::Error> {
    let query = sqlx::query(
        "UPDATE sponsorship_events SET original_locale = $2, starts_on = $3, ends_on = $4, city = $5, \
         country_code = $6, access = $7, currency = $8, sales_until = $9, state = $10, updated_at = $11 WHERE id = $1",
    )
    .bind(id);
    bind_facts(query, e).bind(now).execute(conn).await.map(drop)
}

/// Marks event `id` changed; in a transaction, it also holds other writers of the event
/// until the end (PostgreSQL locks the row; SQLite has one writer).
pub async fn touch_event(conn: &mut AnyConnection, id: i64, now: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE sponsorship_events SET updated_at = $2 WHERE id = $1")
        .bind(id)
        .bind(now)
        .execute(conn)
        .await
        .map(drop)
}

/// What the texts of `table` are keyed by, for [`replace_texts`].
#[derive(Clone, Copy)]
pub enum Texts {
    Event(i64),
    Activity(i64),
}

/// Replaces the texts of an event or an activity by `texts` (locale, name, description).
pub async fn replace_texts(
    conn: &mut AnyConnection,
    of: Texts,
    texts: &[(&str, &str, &str)],
) -> Result<(), sqlx::Error> {
    let (table, key, id) = match of {
        Texts::Event(id) => ("sponsorship_event_texts", "event_id", id),
        Texts::Activity(id) => ("sponsorship_activity_texts", "activity_id", id),
    };
    sqlx::query(sqlx::AssertSqlSafe(format!("DELETE FROM {table} WHERE {key} = $1")))
        .bind(id)
        .execute(&mut *conn)
        .await?;
    for (locale, name, description) in texts {
        sqlx::query(sqlx::AssertSqlSafe(format!(
            "INSERT INTO {table} ({key}, locale, name, description) VALUES ($1, $2, $3, $4)"
        )))
        .bind(id)
        .bind(*locale)
        .bind(*name)
        .bind(*description)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// The texts of an event or an activity, in no particular order.
pub async fn texts(conn: &mut AnyConnection, of: Texts) -> Result<Vec<TextRow>, sqlx::Error> {
    let (table, key, id) = match of {
        Texts::Event(id) => ("sponsorship_event_texts", "event_id", id),
        Texts::Activity(id) => ("sponsorship_activity_texts", "activity_id", id),
    };
    sqlx::query_as(sqlx::AssertSqlSafe(format!("SELECT locale, name, description FROM {table} WHERE {key} = $1")))
        .bind(id)
        .fetch_all(conn)
        .await
}

/// An activity's facts as stored.
pub struct ActivityFacts<'a> {
    pub kind: &'a str,
    pub capacity: i64,
    pub seed_concept: Option<i64>,
    pub seed_region: Option<i64>,
}

/// Adds an activity after the event's others; returns its id.
pub async fn insert_activity(conn: &mut AnyConnection, event: i64, a: &ActivityFacts<'_>) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO sponsorship_activities (event_id, position, kind, capacity, seed_concept_id, seed_region_id) \
         VALUES ($1, (SELECT COALESCE(MAX(position), 0) + 1 FROM sponsorship_activities WHERE event_id = $1), \
         $2, $3, $4, $5) RETURNING id",
    )
    .bind(event)
    .bind(a.kind)
    .bind(a.capacity)
    .bind(a.seed_concept)
    .bind(a.seed_region)
    .fetch_one(conn)
    .await
}

/// Writes an activity's facts unless its places taken exceed the new capacity (a place
/// reserved since the form was read); whether it wrote them.
pub async fn update_activity(conn: &mut AnyConnection, id: i64, a: &ActivityFacts<'_>) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE sponsorship_activities SET kind = $2, capacity = $3, seed_concept_id = $4, seed_region_id = $5 \
         WHERE id = $1 AND taken <= $3",
    )
    .bind(id)
    .bind(a.kind)
    .bind(a.capacity)
    .bind(a.seed_concept)
    .bind(a.seed_region)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Replaces an activity's benefits by `benefits` (kind, quantity).
pub async fn replace_benefits(
    conn: &mut AnyConnection,
    activity: i64,
    benefits: &[(&str, i64)],
) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM sponsorship_benefits WHERE activity_id = $1").bind(activity).execute(&mut *conn).await?;
    for (kind, quantity) in benefits {
        sqlx::query("INSERT INTO sponsorship_benefits (activity_id, kind, quantity) VALUES ($1, $2, $3)")
            .bind(activity)
            .bind(*kind)
            .bind(*quantity)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

/// Replaces the activities `activity` cannot be taken with by `others`.
pub async fn replace_conflicts(conn: &mut AnyConnection, activity: i64, others: &[i64]) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM sponsorship_conflicts WHERE activity_id = $1 OR other_id = $1")
        .bind(activity)
        .execute(&mut *conn)
        .await?;
    for other in others.iter().filter(|o| **o != activity) {
        sqlx::query("INSERT INTO sponsorship_conflicts (activity_id, other_id) VALUES ($1, $2)")
            .bind(activity.min(*other))
            .bind(activity.max(*other))
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

/// Writes the next version of `event`'s price book (1 for its first) with its member
/// rate; returns its id and version. Callers hold the event ([`touch_event`]) first.
pub async fn insert_price_book(
    conn: &mut AnyConnection,
    event: i64,
    member_rate_bp: i64,
    actor: Option<i64>,
    now: i64,
) -> Result<(i64, i64), sqlx::Error> {
    sqlx::query_as(
        "INSERT INTO sponsorship_price_books (event_id, version, member_rate_bp, created_by, created_at) \
         VALUES ($1, (SELECT COALESCE(MAX(version), 0) + 1 FROM sponsorship_price_books WHERE event_id = $1), $2, $3, $4) \
         RETURNING id, version",
    )
    .bind(event)
    .bind(member_rate_bp)
    .bind(actor)
    .bind(now)
    .fetch_one(conn)
    .await
}

/// Adds a tier and list prices to price book `book`.
pub async fn fill_price_book(
    conn: &mut AnyConnection,
    book: i64,
    tiers: &[(i64, i64)],
    prices: &[(i64, i64)],
) -> Result<(), sqlx::Error> {
    for (from, bp) in tiers {
        sqlx::query("INSERT INTO sponsorship_price_tiers (price_book_id, from_rank, rate_bp) VALUES ($1, $2, $3)")
            .bind(book)
            .bind(*from)
            .bind(*bp)
            .execute(&mut *conn)
            .await?;
    }
    for (activity, amount) in prices {
        sqlx::query(
            "INSERT INTO sponsorship_list_prices (price_book_id, activity_id, amount_minor) VALUES ($1, $2, $3)",
        )
        .bind(book)
        .bind(*activity)
        .bind(*amount)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// An event of the staff list: slug, name (in `locale`, else as written), first and last
/// day, state, access, currency, activities, price book version in force, quotes.
pub type ListingRow = (String, String, String, String, String, String, String, i64, Option<i64>, i64);

/// Every event, latest first.
pub async fn listing(conn: &mut AnyConnection, locale: &str) -> Result<Vec<ListingRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT e.slug, COALESCE(t.name, o.name, e.slug), e.starts_on, e.ends_on, e.state, e.access, e.currency, \
         (SELECT COUNT(*) FROM sponsorship_activities a WHERE a.event_id = e.id), \
         (SELECT MAX(b.version) FROM sponsorship_price_books b WHERE b.event_id = e.id), \
         (SELECT COUNT(*) FROM sponsorship_quotes q WHERE q.event_id = e.id) \
         FROM sponsorship_events e \
         LEFT JOIN sponsorship_event_texts o ON o.event_id = e.id AND o.locale = e.original_locale \
         LEFT JOIN sponsorship_event_texts t ON t.event_id = e.id AND t.locale = $1 \
         ORDER BY e.starts_on DESC, e.id DESC",
    )
    .bind(locale)
    .fetch_all(conn)
    .await
}

/// An event's facts as edited: id, slug, original language, first and last day, city,
/// country, access, currency, sales deadline, state.
pub type FactsRow = (i64, String, String, String, String, String, Option<String>, String, String, String, String);

pub async fn facts(conn: &mut AnyConnection, slug: &str) -> Result<Option<FactsRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, slug, original_locale, starts_on, ends_on, city, country_code, access, currency, sales_until, state \
         FROM sponsorship_events WHERE slug = $1",
    )
    .bind(slug)
    .fetch_optional(conn)
    .await
}

/// How many quotes event `id` has given.
pub async fn quote_count(conn: &mut AnyConnection, event: i64) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT COUNT(*) FROM sponsorship_quotes WHERE event_id = $1").bind(event).fetch_one(conn).await
}

/// The versions of `event`'s price book, latest first: version, made at, by whom, quotes
/// priced from it.
pub async fn versions(
    conn: &mut AnyConnection,
    event: i64,
) -> Result<Vec<(i64, i64, Option<String>, i64)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT b.version, b.created_at, s.name, (SELECT COUNT(*) FROM sponsorship_quotes q WHERE q.price_book_id = b.id) \
         FROM sponsorship_price_books b LEFT JOIN staff_users s ON s.id = b.created_by \
         WHERE b.event_id = $1 ORDER BY b.version DESC",
    )
    .bind(event)
    .fetch_all(conn)
    .await
}

/// The list prices of price book `book`: activity, amount.
pub async fn list_prices(conn: &mut AnyConnection, book: i64) -> Result<Vec<(i64, i64)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT activity_id, amount_minor FROM sponsorship_list_prices WHERE price_book_id = $1 ORDER BY activity_id",
    )
    .bind(book)
    .fetch_all(conn)
    .await
}

/// An activity as edited: event, kind, capacity, places taken, seeded concept, seeded
/// region's code.
pub type ActivityFactsRow = (i64, String, i64, i64, Option<i64>, Option<String>);

pub async fn activity_facts(conn: &mut AnyConnection, id: i64) -> Result<Option<ActivityFactsRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT a.event_id, a.kind, a.capacity, a.taken, a.seed_concept_id, r.code \
         FROM sponsorship_activities a LEFT JOIN regions r ON r.id = a.seed_region_id WHERE a.id = $1",
    )
    .bind(id)
    .fetch_optional(conn)
    .await
}

/// The activities of `event`: id, name (in `locale`, else as written), places taken.
pub async fn activity_names(
    conn: &mut AnyConnection,
    event: i64,
    locale: &str,
) -> Result<Vec<(i64, String, i64)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT a.id, COALESCE(t.name, o.name, a.kind), a.taken FROM sponsorship_activities a \
         JOIN sponsorship_events e ON e.id = a.event_id \
         LEFT JOIN sponsorship_activity_texts o ON o.activity_id = a.id AND o.locale = e.original_locale \
         LEFT JOIN sponsorship_activity_texts t ON t.activity_id = a.id AND t.locale = $2 \
         WHERE a.event_id = $1 ORDER BY a.position, a.id",
    )
    .bind(event)
    .bind(locale)
    .fetch_all(conn)
    .await
}

/// Concepts an activity can seed: id and title (in `locale`, else as written), any status.
pub async fn concept_choices(conn: &mut AnyConnection, locale: &str) -> Result<Vec<(i64, String)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT c.id, COALESCE(t.title, o.title) FROM concepts c \
         JOIN concept_translations o ON o.concept_id = c.id AND o.locale = c.original_locale \
         LEFT JOIN concept_translations t ON t.concept_id = c.id AND t.locale = $1 \
         WHERE c.status <> 'archived' ORDER BY 2",
    )
    .bind(locale)
    .fetch_all(conn)
    .await
}

/// Regions an activity can seed the initiative of: code and name in `locale` (else English).
pub async fn region_choices(conn: &mut AnyConnection, locale: &str) -> Result<Vec<(String, String)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT r.code, COALESCE(n.name, e.name, r.code) FROM regions r \
         LEFT JOIN region_names n ON n.region_id = r.id AND n.locale = $1 \
         LEFT JOIN region_names e ON e.region_id = r.id AND e.locale = 'en' ORDER BY r.position, r.id",
    )
    .bind(locale)
    .fetch_all(conn)
    .await
}

/// The id of region `code`.
pub async fn region_id(conn: &mut AnyConnection, code: &str) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar("SELECT id FROM regions WHERE code = $1").bind(code).fetch_optional(conn).await
}

/// Whether concept `id` exists.
pub async fn concept_exists(conn: &mut AnyConnection, id: i64) -> Result<bool, sqlx::Error> {
    let found: Option<i64> =
        sqlx::query_scalar("SELECT id FROM concepts WHERE id = $1").bind(id).fetch_optional(conn).await?;
    Ok(found.is_some())
}
