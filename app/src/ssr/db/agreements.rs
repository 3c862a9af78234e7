//! The record of partnership agreements: the agreement rows with their lines (parties,
//! areas, places, transactions, obligations), their translations and search terms, the
//! reference numbers, and the searches staff and the public run on them.
use crate::domain::agreement::{
    Agreement, AgreementKind, AgreementRecord, AgreementRow, AgreementStatus, ContributionType, Covered,
    ObligationKind, ObligationRecord, PartyRecord, PartyRole, Place, Transaction, TransactionKind, Value,
};
use crate::ssr::infra::text_index::{self, QueryTerm};
use sqlx::AnyConnection;
use std::collections::BTreeMap;

/// Lines of a list shown per page.
pub const PAGE: i64 = 50;
/// Organisations the partners table shows at most (and its CSV holds).
pub const PARTNERS_MAX: usize = 200;
/// Organisations the partners table shows until the reader asks for all of them.
pub const PARTNERS_SHOWN: usize = 25;

/// The next reference of `year` (`YYYY-NNNN`), taken in the caller's transaction: two
/// writers cannot get the same number on either engine (the row is locked or the writer is).
pub async fn next_reference(conn: &mut AnyConnection, year: i64) -> Result<String, sqlx::Error> {
    let n: i64 = sqlx::query_scalar(
        "INSERT INTO agreement_numbers (year, last) VALUES ($1, 1) \
         ON CONFLICT (year) DO UPDATE SET last = agreement_numbers.last + 1 RETURNING last",
    )
    .bind(year)
    .fetch_one(conn)
    .await?;
    Ok(crate::domain::agreement::reference(year, n))
}

/// Keeps a reference given from outside (an imported file's): later numbers of its year
/// follow it. Taken in the caller's transaction, like [`next_reference`].
pub async fn claim_reference(conn: &mut AnyConnection, year: i64, n: i64) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO agreement_numbers (year, last) VALUES ($1, $2) ON CONFLICT (year) DO UPDATE \
         SET last = CASE WHEN agreement_numbers.last < $2 THEN $2 ELSE agreement_numbers.last END",
    )
    .bind(year)
    .bind(n)
    .execute(conn)
    .await?;
    Ok(())
}

/// Whether an agreement has this reference.
pub async fn reference_taken(conn: &mut AnyConnection, reference: &str) -> Result<bool, sqlx::Error> {
    let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM agreements WHERE reference = $1")
        .bind(reference)
        .fetch_one(conn)
        .await?;
    Ok(n > 0)
}

/// The ids the server checks an agreement's codes against: `None` where one is unknown.
pub async fn area_id(conn: &mut AnyConnection, code: &str) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar("SELECT id FROM areas WHERE code = $1").bind(code).fetch_optional(conn).await
}

pub async fn region_id(conn: &mut AnyConnection, code: &str) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar("SELECT id FROM regions WHERE code = $1").bind(code).fetch_optional(conn).await
}

/// An agreement's id and the one it amends, by reference.
pub async fn by_reference(
    conn: &mut AnyConnection,
    reference: &str,
) -> Result<Option<(i64, Option<i64>)>, sqlx::Error> {
    sqlx::query_as("SELECT id, amends_id FROM agreements WHERE reference = $1")
        .bind(reference)
        .fetch_optional(conn)
        .await
}

/// Everything about an agreement the server resolved: the ids behind its codes.
pub struct Resolved {
    pub amends: Option<i64>,
    /// Area ids, in the agreement's order.
    pub areas: Vec<i64>,
    /// Region ids of places that are regions, in the places' order (`None` for the others).
    pub regions: Vec<Option<i64>>,
}

/// Adds an agreement as a draft with its lines; returns its id.
pub async fn insert(
    conn: &mut AnyConnection,
    a: &Agreement,
    resolved: &Resolved,
    reference: &str,
    demo: bool,
    now: i64,
) -> Result<i64, sqlx::Error> {
    let row = bind_facts(
        sqlx::query(
            "INSERT INTO agreements (kind, original_locale, amends_id, concept_id, interest_id, agency_role, \
               agency_signed_on, effective_on, expires_on, signed_on, contribution, currency, value_minor, usd_rate, \
               rate_on, usd_cents, reference, demo, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $19) \
             RETURNING id",
        ),
        a,
        resolved,
    )
    .bind(reference)
    .bind(i64::from(demo))
    .bind(now)
    .fetch_one(&mut *conn)
    .await?;
    let id: i64 = sqlx::Row::try_get(&row, 0)?;
    write_lines(&mut *conn, id, a, resolved).await?;
    bump_version(conn).await?;
    Ok(id)
}

/// Replaces an agreement's facts and lines; `false` when there is no such agreement.
pub async fn update(
    conn: &mut AnyConnection,
    id: i64,
    a: &Agreement,
    resolved: &Resolved,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let done = bind_facts(
        sqlx::query(
            "UPDATE agreements SET kind = $1, original_locale = $2, amends_id = $3, concept_id = $4, interest_id = $5, \
               agency_role = $6, agency_signed_on = $7, effective_on = $8, expires_on = $9, signed_on = $10, \
               contribution = $11, currency = $12, value_minor = $13, usd_rate = $14, rate_on = $15, usd_cents = $16, \
               updated_at = $17 WHERE id = $18",
        ),
        a,
        resolved,
    )
    .bind(now)
    .bind(id)
    .execute(&mut *conn)
    .await?;
    if done.rows_affected() != 1 {
        return Ok(false);
    }
    for table in ["agreement_parties", "agreement_areas", "agreement_places", "agreement_transactions"] {
        sqlx::query(sqlx::AssertSqlSafe(format!("DELETE FROM {table} WHERE agreement_id = $1")))
            .bind(id)
            .execute(&mut *conn)
            .await?;
    }
    // Obligations keep their reminder state when their kind, date and owner stay.
    sqlx::query("DELETE FROM agreement_obligations WHERE agreement_id = $1 AND reminded_at IS NULL")
        .bind(id)
        .execute(&mut *conn)
        .await?;
    write_lines(&mut *conn, id, a, resolved).await?;
    bump_version(conn).await?;
    Ok(true)
}

/// Binds an agreement's facts as `$1` to `$16`, in the order both statements list them.
fn bind_facts<'q>(
    query: sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments>,
    a: &'q Agreement,
    r: &Resolved,
) -> sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments> {
    let v = a.value.as_ref();
    query
        .bind(a.kind.code())
        .bind(a.original_locale.as_str())
        .bind(r.amends)
        .bind(a.concept)
        .bind(a.interest)
        .bind(a.agency_role.code())
        .bind(a.agency_signed_on.as_deref())
        .bind(a.effective_on.as_deref())
        .bind(a.expires_on.as_deref())
        .bind(a.concluded_on())
        .bind(a.contribution.code())
        .bind(v.map(|v| v.currency.as_str()))
        .bind(v.map(|v| v.minor))
        .bind(v.map(|v| v.rate))
        .bind(v.and_then(|v| v.rate_on.as_deref()))
        .bind(v.map_or(0, |v| v.usd_cents))
}

/// The lines and the original-language text of an agreement, and its search terms.
async fn write_lines(conn: &mut AnyConnection, id: i64, a: &Agreement, r: &Resolved) -> Result<(), sqlx::Error> {
    for (position, p) in (0_i64..).zip(&a.parties) {
        sqlx::query(
            "INSERT INTO agreement_parties (agreement_id, organisation_id, role, signed_on, position) \
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(id)
        .bind(p.organisation)
        .bind(p.role.code())
        .bind(p.signed_on.as_deref())
        .bind(position)
        .execute(&mut *conn)
        .await?;
    }
    for (share, area) in a.areas.iter().zip(&r.areas) {
        sqlx::query("INSERT INTO agreement_areas (agreement_id, area_id, share) VALUES ($1, $2, $3)")
            .bind(id)
            .bind(*area)
            .bind(share.share.map(i64::from))
            .execute(&mut *conn)
            .await?;
    }
    for (position, (share, region)) in (0_i64..).zip(a.places.iter().zip(&r.regions)) {
        let (country, group) = match &share.item {
            Place::Region(_) => (None, None),
            Place::Country(c) => (Some(c.as_str()), None),
            Place::Group(g) => (None, Some(g.as_str())),
        };
        sqlx::query(
            "INSERT INTO agreement_places (agreement_id, position, region_id, country_code, grp, share) \
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(id)
        .bind(position)
        .bind(*region)
        .bind(country)
        .bind(group)
        .bind(share.share.map(i64::from))
        .execute(&mut *conn)
        .await?;
    }
    for (position, t) in (0_i64..).zip(&a.transactions) {
        insert_transaction(&mut *conn, id, position, t).await?;
    }
    for (position, o) in (0_i64..).zip(&a.obligations) {
        let remind_on = crate::domain::format::days_before(&o.due_on, o.remind_days);
        // An obligation already reminded is kept as it was (see `update`).
        let kept: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM agreement_obligations WHERE agreement_id = $1 AND kind = $2 AND due_on = $3 \
               AND reminded_at IS NOT NULL",
        )
        .bind(id)
        .bind(o.kind.code())
        .bind(o.due_on.as_str())
        .fetch_one(&mut *conn)
        .await?;
        if kept > 0 {
            continue;
        }
        sqlx::query(
            "INSERT INTO agreement_obligations (agreement_id, position, kind, due_on, owner_id, remind_days, remind_on) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(id)
        .bind(position)
        .bind(o.kind.code())
        .bind(o.due_on.as_str())
        .bind(o.owner)
        .bind(o.remind_days)
        .bind(remind_on)
        .execute(&mut *conn)
        .await?;
    }
    sqlx::query(
        "INSERT INTO agreement_translations (agreement_id, locale, title, summary) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (agreement_id, locale) DO UPDATE SET title = excluded.title, summary = excluded.summary",
    )
    .bind(id)
    .bind(a.original_locale.as_str())
    .bind(a.title.as_str())
    .bind(a.summary.as_str())
    .execute(&mut *conn)
    .await?;
    reindex(conn, id).await
}

/// An agreement's title and summary in each language they exist in, the original among
/// them: `(locale, title, summary)`, in locale order.
pub async fn translations(conn: &mut AnyConnection, id: i64) -> Result<Vec<(String, String, String)>, sqlx::Error> {
    sqlx::query_as("SELECT locale, title, summary FROM agreement_translations WHERE agreement_id = $1 ORDER BY locale")
        .bind(id)
        .fetch_all(conn)
        .await
}

/// Keeps an agreement's title and summary in `locale` (`None`: removes them) and indexes
/// its texts again.
pub async fn set_translation(
    conn: &mut AnyConnection,
    id: i64,
    locale: &str,
    texts: Option<&(String, String)>,
    now: i64,
) -> Result<(), sqlx::Error> {
    match texts {
        Some((title, summary)) => {
            sqlx::query(
                "INSERT INTO agreement_translations (agreement_id, locale, title, summary) VALUES ($1, $2, $3, $4) \
                 ON CONFLICT (agreement_id, locale) DO UPDATE SET title = excluded.title, summary = excluded.summary",
            )
            .bind(id)
            .bind(locale)
            .bind(title.as_str())
            .bind(summary.as_str())
            .execute(&mut *conn)
            .await?
        }
        None => {
            sqlx::query("DELETE FROM agreement_translations WHERE agreement_id = $1 AND locale = $2")
                .bind(id)
                .bind(locale)
                .execute(&mut *conn)
                .await?
        }
    };
    sqlx::query("UPDATE agreements SET updated_at = $1 WHERE id = $2").bind(now).bind(id).execute(&mut *conn).await?;
    // The snapshot keeps when each agreement last changed (the exports say it).
    bump_version(&mut *conn).await?;
    reindex(conn, id).await
}

/// The language an agreement was written in.
pub async fn original_locale(conn: &mut AnyConnection, id: i64) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar("SELECT original_locale FROM agreements WHERE id = $1").bind(id).fetch_optional(conn).await
}

/// Rebuilds the search terms of one agreement from all its texts (titles weigh most).
pub async fn reindex(conn: &mut AnyConnection, id: i64) -> Result<(), sqlx::Error> {
    let texts: Vec<(String, String)> =
        sqlx::query_as("SELECT title, summary FROM agreement_translations WHERE agreement_id = $1")
            .bind(id)
            .fetch_all(&mut *conn)
            .await?;
    let mut best: BTreeMap<String, i64> = BTreeMap::new();
    for (title, summary) in &texts {
        let mut terms = BTreeMap::new();
        text_index::terms(title, 8, &mut terms);
        text_index::terms(summary, 3, &mut terms);
        for (term, weight) in terms {
            let slot = best.entry(term).or_insert(0);
            *slot = (*slot).max(weight);
        }
    }
    sqlx::query("DELETE FROM agreement_terms WHERE agreement_id = $1").bind(id).execute(&mut *conn).await?;
    let terms: Vec<(String, i64)> = best.into_iter().collect();
    for chunk in terms.chunks(100) {
        let values = (0..chunk.len()).map(|i| format!("(${}, $1, ${})", 2 * i + 2, 2 * i + 3)).collect::<Vec<_>>();
        let sql = format!("INSERT INTO agreement_terms (term, agreement_id, weight) VALUES {}", values.join(", "));
        let mut query = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(id);
        for (term, weight) in chunk {
            query = query.bind(term.as_str()).bind(*weight);
        }
        query.execute(&mut *conn).await?;
    }
    Ok(())
}

/// Moves an agreement to `status`; `false` when there is no such agreement.
pub async fn set_status(
    conn: &mut AnyConnection,
    id: i64,
    status: AgreementStatus,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query("UPDATE agreements SET status = $1, updated_at = $2 WHERE id = $3")
        .bind(status.code())
        .bind(now)
        .bind(id)
        .execute(&mut *conn)
        .await?;
    bump_version(conn).await?;
    Ok(done.rows_affected() == 1)
}

/// The US-dollar rate an agreement's value was given at.
pub async fn value_rate(conn: &mut AnyConnection, id: i64) -> Result<Option<i64>, sqlx::Error> {
    let rate: Option<Option<i64>> =
        sqlx::query_scalar("SELECT usd_rate FROM agreements WHERE id = $1").bind(id).fetch_optional(conn).await?;
    Ok(rate.flatten())
}

async fn insert_transaction(
    conn: &mut AnyConnection,
    id: i64,
    position: i64,
    t: &crate::domain::agreement::Transaction,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO agreement_transactions (agreement_id, position, kind, on_date, value_minor, usd_cents) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(id)
    .bind(position)
    .bind(t.kind.code())
    .bind(t.on.as_str())
    .bind(t.minor)
    .bind(t.usd_cents)
    .execute(conn)
    .await
    .map(drop)
}

/// Adds a transaction after an agreement's others.
pub async fn add_transaction(
    conn: &mut AnyConnection,
    id: i64,
    t: &crate::domain::agreement::Transaction,
) -> Result<(), sqlx::Error> {
    let next: i64 = sqlx::query_scalar(
        "SELECT CAST(COALESCE(MAX(position) + 1, 0) AS BIGINT) FROM agreement_transactions WHERE agreement_id = $1",
    )
    .bind(id)
    .fetch_one(&mut *conn)
    .await?;
    insert_transaction(&mut *conn, id, next, t).await?;
    bump_version(conn).await
}

/// Makes an agreement public or staff-only.
pub async fn set_public(conn: &mut AnyConnection, id: i64, public: bool, now: i64) -> Result<bool, sqlx::Error> {
    let done = sqlx::query("UPDATE agreements SET public = $1, updated_at = $2 WHERE id = $3")
        .bind(i64::from(public))
        .bind(now)
        .bind(id)
        .execute(&mut *conn)
        .await?;
    bump_version(conn).await?;
    Ok(done.rows_affected() == 1)
}

/// Removes an agreement and its lines; its amendments go with it.
pub async fn delete(conn: &mut AnyConnection, id: i64) -> Result<bool, sqlx::Error> {
    sqlx::query("DELETE FROM agreements WHERE amends_id = $1").bind(id).execute(&mut *conn).await?;
    let done = sqlx::query("DELETE FROM agreements WHERE id = $1").bind(id).execute(&mut *conn).await?;
    bump_version(conn).await?;
    Ok(done.rows_affected() == 1)
}

type HeadRow = (
    i64,
    String,
    String,
    String,
    i64,
    String,
    Option<i64>,
    Option<String>,
    Option<i64>,
    Option<i64>,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
    String,
);

/// The value columns of an agreement: currency, minor units, rate, rate's date, US cents, demo.
type ValueRow = (Option<String>, Option<i64>, Option<i64>, Option<String>, i64, i64);

/// One agreement with its lines, names in `locale` (the original language where a name or
/// the text has no translation).
pub async fn get(conn: &mut AnyConnection, id: i64, locale: &str) -> Result<Option<AgreementRecord>, sqlx::Error> {
    let Some(h) = sqlx::query_as::<_, HeadRow>(
        "SELECT a.id, a.reference, a.kind, a.status, a.public, a.original_locale, a.amends_id, m.reference, \
           a.concept_id, a.interest_id, a.agency_role, a.agency_signed_on, a.effective_on, a.expires_on, a.signed_on, \
           a.contribution \
         FROM agreements a LEFT JOIN agreements m ON m.id = a.amends_id WHERE a.id = $1",
    )
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?
    else {
        return Ok(None);
    };
    let v: ValueRow = sqlx::query_as(
        "SELECT currency, value_minor, usd_rate, rate_on, usd_cents, demo FROM agreements WHERE id = $1",
    )
    .bind(id)
    .fetch_one(&mut *conn)
    .await?;
    let (title, summary): (String, String) = sqlx::query_as(
        "SELECT COALESCE(r.title, o.title), COALESCE(r.summary, o.summary) FROM agreements a \
         JOIN agreement_translations o ON o.agreement_id = a.id AND o.locale = a.original_locale \
         LEFT JOIN agreement_translations r ON r.agreement_id = a.id AND r.locale = $2 WHERE a.id = $1",
    )
    .bind(id)
    .bind(locale)
    .fetch_one(&mut *conn)
    .await?;
    let concept = match h.8 {
        None => None,
        Some(c) => {
            sqlx::query_as::<_, (i64, String, String)>(
                "SELECT c.id, c.slug, COALESCE(r.title, o.title) FROM concepts c \
             JOIN concept_translations o ON o.concept_id = c.id AND o.locale = c.original_locale \
             LEFT JOIN concept_translations r ON r.concept_id = c.id AND r.locale = $2 WHERE c.id = $1",
            )
            .bind(c)
            .bind(locale)
            .fetch_optional(&mut *conn)
            .await?
        }
    };
    let parties: Vec<(i64, String, Option<String>, String, Option<String>)> = sqlx::query_as(
        "SELECT o.id, COALESCE(n.name, o.name), o.acronym, p.role, p.signed_on FROM agreement_parties p \
         JOIN organisations o ON o.id = p.organisation_id \
         LEFT JOIN organisation_names n ON n.organisation_id = o.id AND n.locale = $2 \
         WHERE p.agreement_id = $1 ORDER BY p.position",
    )
    .bind(id)
    .bind(locale)
    .fetch_all(&mut *conn)
    .await?;
    let areas: Vec<(String, String, Option<i64>)> = sqlx::query_as(
        "SELECT t.code, COALESCE(n.name, e.name, t.code), aa.share FROM agreement_areas aa \
         JOIN areas t ON t.id = aa.area_id \
         LEFT JOIN area_names n ON n.area_id = t.id AND n.locale = $2 \
         LEFT JOIN area_names e ON e.area_id = t.id AND e.locale = 'en' \
         WHERE aa.agreement_id = $1 ORDER BY t.position",
    )
    .bind(id)
    .bind(locale)
    .fetch_all(&mut *conn)
    .await?;
    let places: Vec<(Option<String>, Option<String>, Option<String>, Option<String>, Option<i64>)> = sqlx::query_as(
        "SELECT r.code, p.country_code, p.grp, COALESCE(rn.name, cn.name, re.name, ce.name), p.share \
         FROM agreement_places p \
         LEFT JOIN regions r ON r.id = p.region_id \
         LEFT JOIN region_names rn ON rn.region_id = r.id AND rn.locale = $2 \
         LEFT JOIN region_names re ON re.region_id = r.id AND re.locale = 'en' \
         LEFT JOIN country_names cn ON cn.country_code = p.country_code AND cn.locale = $2 \
         LEFT JOIN country_names ce ON ce.country_code = p.country_code AND ce.locale = 'en' \
         WHERE p.agreement_id = $1 ORDER BY p.position",
    )
    .bind(id)
    .bind(locale)
    .fetch_all(&mut *conn)
    .await?;
    let transactions: Vec<(String, String, i64, i64)> = sqlx::query_as(
        "SELECT kind, on_date, value_minor, usd_cents FROM agreement_transactions WHERE agreement_id = $1 \
         ORDER BY position",
    )
    .bind(id)
    .fetch_all(&mut *conn)
    .await?;
    let obligations: Vec<(String, String, Option<i64>, Option<String>, i64, Option<i64>)> = sqlx::query_as(
        "SELECT o.kind, o.due_on, o.owner_id, u.name, o.remind_days, o.reminded_at FROM agreement_obligations o \
         LEFT JOIN staff_users u ON u.id = o.owner_id WHERE o.agreement_id = $1 ORDER BY o.due_on, o.position",
    )
    .bind(id)
    .fetch_all(&mut *conn)
    .await?;
    let share = |s: Option<i64>| s.and_then(|s| u32::try_from(s).ok());
    Ok(Some(AgreementRecord {
        id: h.0,
        reference: h.1,
        kind: AgreementKind::parse(&h.2).unwrap_or(AgreementKind::Other),
        status: AgreementStatus::parse(&h.3).unwrap_or(AgreementStatus::Draft),
        public: h.4 != 0,
        original_locale: h.5,
        title,
        summary,
        amends: h.6.zip(h.7),
        concept,
        interest: h.9,
        agency_role: PartyRole::parse(&h.10).unwrap_or(PartyRole::Accountable),
        agency_signed_on: h.11,
        effective_on: h.12,
        expires_on: h.13,
        signed_on: h.14,
        contribution: ContributionType::parse(&h.15).unwrap_or(ContributionType::Financial),
        value: match (v.0, v.1, v.2) {
            (Some(currency), Some(minor), Some(rate)) => {
                Some(Value { currency, minor, rate, rate_on: v.3, usd_cents: v.4 })
            }
            _ => None,
        },
        parties: parties
            .into_iter()
            .map(|(organisation, name, acronym, role, signed_on)| PartyRecord {
                organisation,
                name,
                acronym,
                role: PartyRole::parse(&role).unwrap_or(PartyRole::Funding),
                signed_on,
            })
            .collect(),
        areas: areas.into_iter().map(|(code, name, s)| Covered { code, name, share: share(s) }).collect(),
        places: places
            .into_iter()
            .filter_map(|(region, country, group, name, s)| {
                let place = Place::from_columns(region, country, group)?;
                let name = name.unwrap_or_else(|| match &place {
                    Place::Group(g) => g.to_uppercase(),
                    Place::Region(c) | Place::Country(c) => c.clone(),
                });
                Some(Covered { code: place.code(), name, share: share(s) })
            })
            .collect(),
        transactions: transactions
            .into_iter()
            .map(|(kind, on, minor, usd_cents)| Transaction {
                kind: TransactionKind::parse(&kind).unwrap_or(TransactionKind::Received),
                on,
                minor,
                usd_cents,
            })
            .collect(),
        obligations: obligations
            .into_iter()
            .map(|(kind, due_on, owner, owner_name, remind_days, reminded_at)| ObligationRecord {
                kind: ObligationKind::parse(&kind).unwrap_or(ObligationKind::Report),
                due_on,
                owner: owner.zip(owner_name),
                remind_days,
                reminded_at,
            })
            .collect(),
        demo: v.5 != 0,
    }))
}

/// The amendments of an agreement, oldest first.
pub async fn amendment_ids(conn: &mut AnyConnection, id: i64) -> Result<Vec<i64>, sqlx::Error> {
    sqlx::query_scalar("SELECT id FROM agreements WHERE amends_id = $1 ORDER BY id").bind(id).fetch_all(conn).await
}

/// An agreement's status and whether it is public.
pub async fn state(conn: &mut AnyConnection, id: i64) -> Result<Option<(AgreementStatus, bool)>, sqlx::Error> {
    let row: Option<(String, i64)> =
        sqlx::query_as("SELECT status, public FROM agreements WHERE id = $1").bind(id).fetch_optional(conn).await?;
    Ok(row.map(|(s, p)| (AgreementStatus::parse(&s).unwrap_or(AgreementStatus::Draft), p != 0)))
}

/// The version of the record's snapshot (see [`crate::ssr::record_engine`]).
pub async fn version(conn: &mut AnyConnection) -> Result<String, sqlx::Error> {
    Ok(super::app_meta::get(conn, "record_version").await?.unwrap_or_default())
}

/// Marks the record as changed; called in the transaction of the change by every repository
/// function that changes what the snapshot holds (agreements, their parties, areas and
/// places, the parties' names, the dated country groups).
pub async fn bump_version(conn: &mut AnyConnection) -> Result<(), sqlx::Error> {
    super::app_meta::bump(conn, "record_version").await
}

/// An agreement as the database gives it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Head {
    pub id: i64,
    /// `YYYY-MM-DD`, when every party has signed.
    pub signed_on: Option<String>,
    pub kind: String,
    pub status: String,
    pub public: bool,
    pub amendment: bool,
    pub usd_cents: i64,
    pub updated_at: i64,
}

/// One of an agreement's beneficiary places, with the region of its country.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PlaceRow {
    pub agreement_id: i64,
    pub region: Option<String>,
    pub country: Option<String>,
    pub country_region: Option<String>,
    pub group: Option<String>,
    /// Hundredths of a per cent; `None`: the whole value to each.
    pub share: Option<i64>,
}

/// A country's membership of a group from `since` until the day before `until` (`None`:
/// since before the record begins, or still a member).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Membership {
    pub country: String,
    pub group: String,
    pub since: Option<String>,
    pub until: Option<String>,
}

/// An organisation party to an agreement, as the organisations table shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PartyOrganisation {
    pub id: i64,
    pub name: String,
    pub acronym: Option<String>,
    pub kind: String,
    pub country: Option<String>,
}

/// Everything the record's snapshot ([`crate::ssr::record_engine`]) is built from; lines of agreements it does not know are ignored.
#[derive(Clone, Debug, Default)]
pub struct Sources {
    pub heads: Vec<Head>,
    /// `(agreement, area code, share)`, in each agreement's order.
    pub areas: Vec<(i64, String, Option<i64>)>,
    pub places: Vec<PlaceRow>,
    /// `(agreement, organisation)`.
    pub parties: Vec<(i64, i64)>,
    pub organisations: Vec<PartyOrganisation>,
    /// Dated memberships of country groups.
    pub periods: Vec<Membership>,
    /// Today's memberships: `(country, group)`.
    pub today: Vec<(String, String)>,
}

/// Everything the record's snapshot is built from.
pub async fn snapshot_sources(conn: &mut AnyConnection) -> Result<Sources, sqlx::Error> {
    let heads: Vec<(i64, Option<String>, String, String, i64, i64, i64, i64)> = sqlx::query_as(
        "SELECT id, signed_on, kind, status, public, CASE WHEN amends_id IS NULL THEN 0 ELSE 1 END, usd_cents, \
           updated_at FROM agreements",
    )
    .fetch_all(&mut *conn)
    .await?;
    let areas: Vec<(i64, String, Option<i64>)> = sqlx::query_as(
        "SELECT aa.agreement_id, t.code, aa.share FROM agreement_areas aa JOIN areas t ON t.id = aa.area_id \
         ORDER BY aa.agreement_id, t.position",
    )
    .fetch_all(&mut *conn)
    .await?;
    let places: Vec<(i64, Option<String>, Option<String>, Option<String>, Option<String>, Option<i64>)> =
        sqlx::query_as(
            "SELECT p.agreement_id, r.code, p.country_code, cr.code, p.grp, p.share FROM agreement_places p \
             LEFT JOIN regions r ON r.id = p.region_id \
             LEFT JOIN countries c ON c.code = p.country_code LEFT JOIN regions cr ON cr.id = c.region_id \
             ORDER BY p.agreement_id, p.position",
        )
        .fetch_all(&mut *conn)
        .await?;
    let parties: Vec<(i64, i64)> =
        sqlx::query_as("SELECT agreement_id, organisation_id FROM agreement_parties").fetch_all(&mut *conn).await?;
    let organisations: Vec<(i64, String, Option<String>, String, Option<String>)> = sqlx::query_as(
        "SELECT o.id, o.name, o.acronym, o.kind, o.country_code FROM organisations o \
         WHERE EXISTS (SELECT 1 FROM agreement_parties p WHERE p.organisation_id = o.id)",
    )
    .fetch_all(&mut *conn)
    .await?;
    let periods: Vec<(String, String, Option<String>, Option<String>)> =
        sqlx::query_as("SELECT country_code, grp, since, until FROM country_group_periods")
            .fetch_all(&mut *conn)
            .await?;
    let today: Vec<(String, String)> =
        sqlx::query_as("SELECT country_code, grp FROM country_groups").fetch_all(conn).await?;
    Ok(Sources {
        heads: heads
            .into_iter()
            .map(|h| Head {
                id: h.0,
                signed_on: h.1,
                kind: h.2,
                status: h.3,
                public: h.4 != 0,
                amendment: h.5 != 0,
                usd_cents: h.6,
                updated_at: h.7,
            })
            .collect(),
        areas,
        places: places
            .into_iter()
            .map(|p| PlaceRow {
                agreement_id: p.0,
                region: p.1,
                country: p.2,
                country_region: p.3,
                group: p.4,
                share: p.5,
            })
            .collect(),
        parties,
        organisations: organisations
            .into_iter()
            .map(|o| PartyOrganisation { id: o.0, name: o.1, acronym: o.2, kind: o.3, country: o.4 })
            .collect(),
        periods: periods.into_iter().map(|m| Membership { country: m.0, group: m.1, since: m.2, until: m.3 }).collect(),
        today,
    })
}

/// The agreements whose titles or summaries (in any language) have `term`, or with
/// `term.prefix` a word starting with it.
pub async fn term_ids(conn: &mut AnyConnection, term: &QueryTerm) -> Result<Vec<i64>, sqlx::Error> {
    if term.prefix {
        // Every term that starts with it sorts between it and it followed by the last code point.
        sqlx::query_scalar("SELECT DISTINCT agreement_id FROM agreement_terms WHERE term >= $1 AND term < $2")
            .bind(term.term.as_str())
            .bind(format!("{}\u{10FFFF}", term.term))
            .fetch_all(conn)
            .await
    } else {
        sqlx::query_scalar("SELECT DISTINCT agreement_id FROM agreement_terms WHERE term = $1")
            .bind(term.term.as_str())
            .fetch_all(conn)
            .await
    }
}

/// The list rows of agreements `ids`, in that order, titles and parties' names in `locale`.
pub async fn rows_by_id(conn: &mut AnyConnection, ids: &[i64], locale: &str) -> Result<Vec<AgreementRow>, sqlx::Error> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let list = super::id_list(ids);
    let rows: Vec<(i64, String, String, String, i64, String, Option<String>, i64, i64)> =
        sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT a.id, a.reference, a.kind, a.status, a.public, COALESCE(r.title, o.title), a.signed_on, a.usd_cents, \
               CASE WHEN a.amends_id IS NULL THEN 0 ELSE 1 END \
             FROM agreements a \
             JOIN agreement_translations o ON o.agreement_id = a.id AND o.locale = a.original_locale \
             LEFT JOIN agreement_translations r ON r.agreement_id = a.id AND r.locale = $1 \
             WHERE a.id IN ({list})"
        )))
        .bind(locale)
        .fetch_all(&mut *conn)
        .await?;
    // The parties of the whole page in one query, in each agreement's order.
    let mut names: BTreeMap<i64, Vec<String>> = BTreeMap::new();
    let parties: Vec<(i64, String)> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT p.agreement_id, COALESCE(n.name, o.name) FROM agreement_parties p \
         JOIN organisations o ON o.id = p.organisation_id \
         LEFT JOIN organisation_names n ON n.organisation_id = o.id AND n.locale = $1 \
         WHERE p.agreement_id IN ({list}) ORDER BY p.agreement_id, p.position"
    )))
    .bind(locale)
    .fetch_all(conn)
    .await?;
    for (agreement, name) in parties {
        let list = names.entry(agreement).or_default();
        // A party in two roles is named once.
        if !list.contains(&name) {
            list.push(name);
        }
    }
    let mut by_id: BTreeMap<i64, AgreementRow> = rows
        .into_iter()
        .map(|r| {
            let row = AgreementRow {
                id: r.0,
                reference: r.1,
                kind: AgreementKind::parse(&r.2).unwrap_or(AgreementKind::Other),
                status: AgreementStatus::parse(&r.3).unwrap_or(AgreementStatus::Draft),
                public: r.4 != 0,
                title: r.5,
                signed_on: r.6,
                usd_cents: r.7,
                parties: names.remove(&r.0).unwrap_or_default(),
                amendment: r.8 != 0,
            };
            (row.id, row)
        })
        .collect();
    Ok(ids.iter().filter_map(|id| by_id.remove(id)).collect())
}

/// Public, signed agreements of a concept: `(reference, the other parties' names)`.
pub async fn public_partners_of_concept(conn: &mut AnyConnection, concept: i64) -> Result<Vec<String>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT o.name FROM agreements a JOIN agreement_parties p ON p.agreement_id = a.id \
         JOIN organisations o ON o.id = p.organisation_id \
         WHERE a.concept_id = $1 AND a.public = 1 AND a.status <> 'draft' \
         GROUP BY o.id, o.name ORDER BY MIN(a.signed_on), o.name",
    )
    .bind(concept)
    .fetch_all(conn)
    .await
}

/// Moves an organisation's parts in agreements to `survivor` (where the survivor is not
/// already party in the same role); the rest go with the duplicate. Returns how many moved.
pub async fn move_parties(conn: &mut AnyConnection, survivor: i64, duplicate: i64) -> Result<u64, sqlx::Error> {
    let moved = sqlx::query(
        "UPDATE agreement_parties SET organisation_id = $1 WHERE organisation_id = $2 AND NOT EXISTS ( \
           SELECT 1 FROM agreement_parties s WHERE s.agreement_id = agreement_parties.agreement_id \
             AND s.role = agreement_parties.role AND s.organisation_id = $1)",
    )
    .bind(survivor)
    .bind(duplicate)
    .execute(&mut *conn)
    .await?
    .rows_affected();
    sqlx::query("DELETE FROM agreement_parties WHERE organisation_id = $1").bind(duplicate).execute(&mut *conn).await?;
    bump_version(conn).await?;
    Ok(moved)
}

/// How many agreements an organisation is party to.
pub async fn count_of_organisation(conn: &mut AnyConnection, organisation: i64) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT COUNT(DISTINCT agreement_id) FROM agreement_parties WHERE organisation_id = $1")
        .bind(organisation)
        .fetch_one(conn)
        .await
}

/// Staff members (id, name), for owners of obligations.
pub async fn staff_exists(conn: &mut AnyConnection, id: i64) -> Result<bool, sqlx::Error> {
    let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM staff_users WHERE id = $1").bind(id).fetch_one(conn).await?;
    Ok(n > 0)
}

/// Whether a concept or an expression of interest exists.
pub async fn concept_exists(conn: &mut AnyConnection, id: i64) -> Result<bool, sqlx::Error> {
    let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM concepts WHERE id = $1").bind(id).fetch_one(conn).await?;
    Ok(n > 0)
}

pub async fn interest_exists(conn: &mut AnyConnection, id: i64) -> Result<bool, sqlx::Error> {
    let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM interests WHERE id = $1").bind(id).fetch_one(conn).await?;
    Ok(n > 0)
}

/// A concept's areas (codes) and places ([`Place::code`]s: regions, countries, groups), in
/// the taxonomy's order.
pub async fn concept_coverage(
    conn: &mut AnyConnection,
    concept: i64,
) -> Result<(Vec<String>, Vec<String>), sqlx::Error> {
    let areas: Vec<String> = sqlx::query_scalar(
        "SELECT t.code FROM concept_areas ca JOIN areas t ON t.id = ca.area_id WHERE ca.concept_id = $1 ORDER BY t.position",
    )
    .bind(concept)
    .fetch_all(&mut *conn)
    .await?;
    let regions: Vec<String> = sqlx::query_scalar(
        "SELECT r.code FROM concept_regions cr JOIN regions r ON r.id = cr.region_id WHERE cr.concept_id = $1 \
         ORDER BY r.position",
    )
    .bind(concept)
    .fetch_all(&mut *conn)
    .await?;
    let countries: Vec<String> =
        sqlx::query_scalar("SELECT country_code FROM concept_countries WHERE concept_id = $1 ORDER BY country_code")
            .bind(concept)
            .fetch_all(&mut *conn)
            .await?;
    let groups: Vec<String> = sqlx::query_scalar("SELECT grp FROM concept_groups WHERE concept_id = $1 ORDER BY grp")
        .bind(concept)
        .fetch_all(conn)
        .await?;
    let places = regions
        .into_iter()
        .map(Place::Region)
        .chain(countries.into_iter().map(Place::Country))
        .chain(groups.into_iter().map(Place::Group))
        .map(|p| p.code())
        .collect();
    Ok((areas, places))
}

/// The agreements recorded from an expression of interest: `(id, reference)`.
pub async fn of_interest(conn: &mut AnyConnection, interest: i64) -> Result<Vec<(i64, String)>, sqlx::Error> {
    sqlx::query_as("SELECT id, reference FROM agreements WHERE interest_id = $1 ORDER BY id")
        .bind(interest)
        .fetch_all(conn)
        .await
}

/// How many agreements (amendments apart) have been signed, and the value of those and of
/// their signed amendments, in US cents.
pub async fn concluded_totals(conn: &mut AnyConnection) -> Result<(i64, i64), sqlx::Error> {
    sqlx::query_as(
        "SELECT CAST(COALESCE(SUM(CASE WHEN amends_id IS NULL THEN 1 ELSE 0 END), 0) AS BIGINT), \
           CAST(COALESCE(SUM(usd_cents), 0) AS BIGINT) FROM agreements WHERE status <> 'draft'",
    )
    .fetch_one(conn)
    .await
}

/// The kind (registry code) of each party to an agreement: `(organisation, kind)`.
pub async fn party_kinds(conn: &mut AnyConnection, id: i64) -> Result<Vec<(i64, String)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT o.id, o.kind FROM agreement_parties p JOIN organisations o ON o.id = p.organisation_id \
         WHERE p.agreement_id = $1",
    )
    .bind(id)
    .fetch_all(conn)
    .await
}

/// What the reminder of an obligation says, and to whom.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct ReminderRow {
    pub agreement_id: i64,
    pub reference: String,
    /// In the owner's language where translated, else the original.
    pub title: String,
    pub kind: String,
    pub due_on: String,
    pub owner_email: String,
    pub owner_name: String,
    pub owner_locale: String,
}

/// The reminder of an obligation; `None` once it has no owner, or the owner's account is
/// disabled.
pub async fn reminder(conn: &mut AnyConnection, obligation: i64) -> Result<Option<ReminderRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT a.id AS agreement_id, a.reference, COALESCE(r.title, t.title) AS title, o.kind, o.due_on, \
           u.email AS owner_email, u.name AS owner_name, u.locale AS owner_locale \
         FROM agreement_obligations o JOIN agreements a ON a.id = o.agreement_id \
         JOIN staff_users u ON u.id = o.owner_id \
         JOIN agreement_translations t ON t.agreement_id = a.id AND t.locale = a.original_locale \
         LEFT JOIN agreement_translations r ON r.agreement_id = a.id AND r.locale = u.locale \
         WHERE o.id = $1 AND u.disabled_at IS NULL",
    )
    .bind(obligation)
    .fetch_optional(conn)
    .await
}
