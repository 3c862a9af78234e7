//! Sponsorship for staff: the quotes inbox (and its CSV), answering a quote, sponsorships
//! through contract, signature and payment, their checklists, and the revenue. Publishers
//! answer quotes and move sponsorships; editors see everything and tick the checklist.
//!
//! Accepting a quote is one transaction: the quote is answered only if it is still sent and
//! valid (so twice is refused), a place of each activity is taken by a conditional update
//! (so of two quotes racing for the last place one wins and the other changes nothing), the
//! sponsorship and its checklist are written and the whole is audited. Signing records the
//! sponsorship agreement in the same transaction; payment adds the money received to it.
use crate::domain::agreement::{AgreementStatus, Place, currency_exponent};
use crate::domain::format::iso_date;
use crate::domain::locale::code_of;
use crate::domain::organisation::{DueDiligence, Organisation, OrganisationKind, domain_of};
use crate::domain::sponsorship::{BenefitKind, LineKind};
use crate::domain::sponsorship_sale::{
    AcceptForm, CountedSale, Deliverable, DeliverableKind, MoveForm, QuoteFilter, QuoteInbox, QuoteReview,
    QuoteState, QuoteSummary, Revenue, SaleDetail, SaleState, SaleSummary, SignedSale, Sponsor, payment, revenue,
};
use crate::domain::staff::{Role, StaffMember};
use crate::error::{AppError, FieldCode};
use crate::i18n::Locale;
use crate::ssr::db::audit::{self, Subject};
use crate::ssr::db::sponsorship_sales::{self as repo, InboxRow, NewSale, SaleRow};
use crate::ssr::db::{agreements, organisations, sponsorship};
use crate::ssr::infra::database::{Db, WriteTx};
use crate::ssr::infra::spreadsheet::Sheet;
use serde_json::json;
use sqlx::AnyConnection;

fn publisher(member: &StaffMember) -> Result<(), AppError> {
    if member.role.includes(Role::Publisher) { Ok(()) } else { Err(AppError::Forbidden) }
}

fn summary_of(row: InboxRow, today: &str) -> QuoteSummary {
    let (q, sponsorship) = repo::split(row);
    let (_, number, event, event_slug, organisation, contact_name, email, _, member, currency, total, valid_until, _,
        state, created_at) = q;
    let stored = QuoteState::parse(&state).unwrap_or(QuoteState::Sent);
    QuoteSummary {
        number,
        event,
        event_slug,
        organisation,
        contact_name,
        email,
        member_claimed: member != 0,
        exponent: currency_exponent(&currency).unwrap_or(2),
        currency,
        total,
        issued_on: iso_date(created_at),
        state: stored.on(&valid_until, today),
        valid_until,
        sponsorship,
    }
}

fn sale_summary_of(r: &SaleRow) -> SaleSummary {
    SaleSummary {
        id: r.id,
        quote: r.quote_number.clone(),
        event: r.event.clone(),
        organisation: r.organisation.clone(),
        state: SaleState::parse(&r.state).unwrap_or(SaleState::Accepted),
        exponent: currency_exponent(&r.currency).unwrap_or(2),
        currency: r.currency.clone(),
        total: r.total,
        accepted_on: r.accepted_on.clone(),
        done: usize::try_from(r.done).unwrap_or(0),
        deliverables: usize::try_from(r.deliverables).unwrap_or(0),
    }
}

/// The quotes the filters find, the events to filter by, and the sponsorships.
pub async fn inbox(db: &Db, filter: &QuoteFilter, locale: Locale, now: i64) -> Result<QuoteInbox, AppError> {
    let f = filter.parse().map_err(AppError::Validation)?;
    let today = iso_date(now);
    let mut conn = db.pool().acquire().await?;
    let lang = code_of(locale);
    let rows = repo::inbox(&mut conn, lang, f.event.as_deref(), f.state, &today).await?;
    let events = sponsorship::all_events(&mut conn, lang).await?;
    let sponsorships = repo::sales(&mut conn, lang).await?.iter().map(sale_summary_of).collect();
    Ok(QuoteInbox { quotes: rows.into_iter().map(|r| summary_of(r, &today)).collect(), events, sponsorships })
}

/// The inbox's quotes as CSV (amounts in the currency's units).
pub async fn csv(db: &Db, filter: &QuoteFilter, now: i64) -> Result<String, AppError> {
    let inbox = inbox(db, filter, Locale::en, now).await?;
    let mut sheet = Sheet::new(&[
        "number",
        "issued_on",
        "event",
        "organisation",
        "contact_name",
        "email",
        "member_claimed",
        "currency",
        "total",
        "valid_until",
        "state",
        "sponsorship",
    ]);
    for q in inbox.quotes {
        sheet.row(&[
            q.number,
            q.issued_on,
            q.event,
            q.organisation,
            q.contact_name,
            q.email,
            q.member_claimed.to_string(),
            q.currency.clone(),
            crate::domain::agreement::format_fixed(i128::from(q.total), q.exponent),
            q.valid_until,
            q.state.code().to_owned(),
            q.sponsorship.map(|s| s.to_string()).unwrap_or_default(),
        ]);
    }
    Ok(sheet.finish())
}

/// A quote as staff answer it, with its lines and the registry entries it may be for.
pub async fn review(db: &Db, number: &str, locale: Locale, now: i64) -> Result<QuoteReview, AppError> {
    if number.len() > 20 {
        return Err(AppError::NotFound);
    }
    let mut conn = db.pool().acquire().await?;
    let lang = code_of(locale);
    let row = repo::quote_by_number(&mut conn, number, lang).await?.ok_or(AppError::NotFound)?;
    let (q, _) = repo::split(row.clone());
    let quote = crate::ssr::services::sponsorship::quote_of(&mut conn, q, lang).await?;
    let summary = summary_of(row, &iso_date(now));
    let domain = domain_of(&summary.email);
    let suggestions = organisations::suggestions(&mut conn, &summary.organisation, domain.as_deref()).await?;
    Ok(QuoteReview { summary, lines: quote.lines, price_book_version: quote.price_book_version, suggestions })
}

/// Accepts a quote for a registry entry (or a new one made from it): a place of each of
/// its activities reserved, the sponsorship and its checklist written. Publishers. Returns
/// the sponsorship's id.
pub async fn accept(db: &Db, member: &StaffMember, form: &AcceptForm, now: i64) -> Result<i64, AppError> {
    publisher(member)?;
    let (number, sponsor) = form.parse().map_err(AppError::Validation)?;
    let mut tx = db.begin_write().await?;
    let id = accept_in(&mut tx, Some(member.id), &number, sponsor, false, now).await?;
    tx.commit().await?;
    Ok(id)
}

/// [`accept`] in the caller's transaction, by `actor` (`None`: the system).
pub async fn accept_in(
    tx: &mut WriteTx,
    actor: Option<i64>,
    number: &str,
    sponsor: Sponsor,
    demo: bool,
    now: i64,
) -> Result<i64, AppError> {
    let today = iso_date(now);
    let row = repo::quote_by_number(tx.conn(), number, "en").await?.ok_or(AppError::NotFound)?;
    let (q, sponsorship) = repo::split(row);
    let (quote_id, _, _, event_slug, organisation_name, _, email, _, member_claimed, currency, total, valid_until, _,
        state, _) = q;
    let stored = QuoteState::parse(&state).unwrap_or(QuoteState::Sent);
    if sponsorship.is_some() || stored != QuoteState::Sent {
        return Err(AppError::invalid("quote", FieldCode::Answered));
    }
    if valid_until < today {
        return Err(AppError::invalid("quote", FieldCode::QuoteExpired));
    }
    let organisation = match sponsor {
        Sponsor::Registered(id) => {
            let entry = organisations::get(tx.conn(), id).await?;
            let Some(entry) = entry else { return Err(AppError::invalid("organisation", FieldCode::Unknown)) };
            // A member discount given on the organisation's word stands once the registry says so.
            if member_claimed != 0 && has_member_discount(tx.conn(), quote_id).await? && entry.membership.is_none() {
                return Err(AppError::invalid("organisation", FieldCode::MembershipUnconfirmed));
            }
            id
        }
        Sponsor::New => {
            if member_claimed != 0 && has_member_discount(tx.conn(), quote_id).await? {
                return Err(AppError::invalid("organisation", FieldCode::MembershipUnconfirmed));
            }
            let entry = Organisation {
                name: organisation_name.clone(),
                name_locale: None,
                acronym: None,
                kind: OrganisationKind::Other,
                country: None,
                website: None,
                email_domain: domain_of(&email),
                membership: None,
                due_diligence: DueDiligence::NotStarted,
                due_diligence_on: None,
                parent: None,
            };
            let id = organisations::insert(tx.conn(), &entry, demo, now).await?;
            let detail = json!({ "name": organisation_name, "from_quote": number });
            audit::record(tx.conn(), actor, Subject::Organisation(id), "organisation_created", &detail, now).await?;
            id
        }
    };
    if !repo::answer_quote(tx.conn(), quote_id, QuoteState::Accepted, Some(&today), now).await? {
        return Err(AppError::invalid("quote", FieldCode::Answered));
    }
    let activities = repo::quote_activities(tx.conn(), quote_id).await?;
    for activity in &activities {
        if !repo::reserve(tx.conn(), *activity).await? {
            // The caller drops the transaction: nothing of this is kept.
            return Err(AppError::invalid("quote", FieldCode::SoldOut));
        }
    }
    let event = sponsorship::event_id(tx.conn(), &event_slug).await?.ok_or(AppError::NotFound)?;
    let sale = NewSale { quote: quote_id, event, organisation, currency: &currency, total, accepted_on: &today, demo };
    let id = repo::insert_sale(tx.conn(), &sale, now).await?;
    // The checklist: the logo, then each benefit of each activity.
    repo::insert_deliverable(tx.conn(), id, 0, None, DeliverableKind::LogoReceived.code(), 1).await?;
    let benefits = sponsorship::benefits(tx.conn(), event).await?;
    let mut position = 1;
    for activity in &activities {
        for (_, kind, quantity) in benefits.iter().filter(|(a, _, _)| a == activity) {
            let Some(kind) = BenefitKind::parse(kind).map(DeliverableKind::Benefit) else { continue };
            repo::insert_deliverable(tx.conn(), id, position, Some(*activity), kind.code(), *quantity).await?;
            position += 1;
        }
    }
    let detail = json!({ "quote": number, "organisation": organisation, "total": total, "currency": currency });
    audit::record(tx.conn(), actor, Subject::Sponsorship(id), "sponsorship_accepted", &detail, now).await?;
    Ok(id)
}

async fn has_member_discount(conn: &mut AnyConnection, quote: i64) -> Result<bool, AppError> {
    let lines = sponsorship::quote_lines(conn, quote, "en").await?;
    Ok(lines.iter().any(|l| l.2 == LineKind::MemberDiscount.code()))
}

/// Declines a sent quote (publishers).
pub async fn decline(db: &Db, member: &StaffMember, number: &str, now: i64) -> Result<(), AppError> {
    publisher(member)?;
    let mut tx = db.begin_write().await?;
    let row = repo::quote_by_number(tx.conn(), number, "en").await?.ok_or(AppError::NotFound)?;
    let (q, _) = repo::split(row);
    // A lapsed quote can be declined too: it only says so.
    if !repo::answer_quote(tx.conn(), q.0, QuoteState::Declined, None, now).await? {
        return Err(AppError::invalid("quote", FieldCode::Answered));
    }
    let detail = json!({ "quote": number });
    audit::record(tx.conn(), Some(member.id), Subject::SponsorshipQuote(q.0), "quote_declined", &detail, now).await?;
    tx.commit().await?;
    Ok(())
}

/// A sponsorship with its lines and checklist, names in `locale`.
pub async fn sale(db: &Db, id: i64, locale: Locale) -> Result<SaleDetail, AppError> {
    let mut conn = db.pool().acquire().await?;
    let lang = code_of(locale);
    let r = repo::sale(&mut conn, id, lang).await?.ok_or(AppError::NotFound)?;
    let quote_row = sponsorship::quote(&mut conn, r.quote_id).await?.ok_or(AppError::NotFound)?;
    let quote = crate::ssr::services::sponsorship::quote_of(&mut conn, quote_row, lang).await?;
    let deliverables = repo::deliverables(&mut conn, id, lang)
        .await?
        .into_iter()
        .map(|(position, kind, activity, quantity, done_on)| Deliverable {
            position,
            kind: DeliverableKind::parse(&kind).unwrap_or(DeliverableKind::LogoReceived),
            activity,
            quantity,
            done_on,
        })
        .collect();
    Ok(SaleDetail {
        summary: sale_summary_of(&r),
        organisation_id: r.organisation_id,
        event_slug: r.event_slug.clone(),
        lines: quote.lines,
        contract_sent_on: r.contract_sent_on.clone(),
        signed_on: r.signed_on.clone(),
        paid_on: r.paid_on.clone(),
        usd_cents: r.usd_cents,
        agreement: r.agreement_id.zip(r.agreement_reference.clone()),
        deliverables,
    })
}

/// Moves a sponsorship (publishers): signing records its agreement, payment adds the money
/// received to it, cancelling gives its places back.
pub async fn move_sale(db: &Db, member: &StaffMember, id: i64, form: &MoveForm, now: i64) -> Result<(), AppError> {
    publisher(member)?;
    let mut tx = db.begin_write().await?;
    move_in(&mut tx, Some(member.id), id, form, false, now).await?;
    tx.commit().await?;
    Ok(())
}

/// [`move_sale`] in the caller's transaction; `public` makes the agreement signing records
/// public at once (the demo's).
pub async fn move_in(
    tx: &mut WriteTx,
    actor: Option<i64>,
    id: i64,
    form: &MoveForm,
    public: bool,
    now: i64,
) -> Result<(), AppError> {
    let today = iso_date(now);
    let r = repo::sale(tx.conn(), id, "en").await?.ok_or(AppError::NotFound)?;
    let from = SaleState::parse(&r.state).unwrap_or(SaleState::Accepted);
    let last = [&r.paid_on, &r.signed_on, &r.contract_sent_on]
        .into_iter()
        .find_map(|d| d.clone())
        .unwrap_or_else(|| r.accepted_on.clone());
    let step = form.parse(from, &r.currency, &today, &last).map_err(AppError::Validation)?;
    let exponent = currency_exponent(&r.currency).unwrap_or(2);
    let usd = match step.to {
        SaleState::Signed => {
            let signed = signed_sale(tx.conn(), &r, &step.on, step.rate.unwrap_or(1)).await?;
            let agreement = signed.agreement();
            let (agreement_id, reference) = crate::ssr::services::agreements::record(
                tx,
                actor,
                &agreement,
                None,
                "agreement_from_sponsorship",
                now,
            )
            .await?;
            agreements::set_status(tx.conn(), agreement_id, AgreementStatus::Signed, now).await?;
            if public {
                agreements::set_public(tx.conn(), agreement_id, true, now).await?;
            }
            repo::set_agreement(tx.conn(), id, agreement_id).await?;
            let detail = json!({ "sponsorship": id, "reference": reference });
            audit::record(tx.conn(), actor, Subject::Sponsorship(id), "sponsorship_agreement", &detail, now).await?;
            Some(signed.usd_cents())
        }
        SaleState::Paid => {
            if let Some(agreement_id) = r.agreement_id {
                // The rate of the signature: the agreement's value and its payment agree.
                let rate = agreements::value_rate(tx.conn(), agreement_id).await?.unwrap_or(1);
                agreements::add_transaction(tx.conn(), agreement_id, &payment(r.total, exponent, rate, &step.on)).await?;
            }
            None
        }
        SaleState::Cancelled => {
            for activity in repo::quote_activities(tx.conn(), r.quote_id).await? {
                repo::release(tx.conn(), activity).await?;
            }
            None
        }
        SaleState::Accepted | SaleState::ContractSent => None,
    };
    if !repo::move_sale(tx.conn(), id, from, step.to, &step.on, usd, now).await? {
        return Err(AppError::invalid("to", FieldCode::NotAllowed));
    }
    let detail = json!({ "from": from.code(), "to": step.to.code(), "on": step.on });
    audit::record(tx.conn(), actor, Subject::Sponsorship(id), "sponsorship_moved", &detail, now).await?;
    Ok(())
}

/// What signing sponsorship `r` on `on` at `rate` records.
async fn signed_sale(conn: &mut AnyConnection, r: &SaleRow, on: &str, rate: i64) -> Result<SignedSale, AppError> {
    let (locale, event, starts_on, ends_on, country) =
        repo::event_facts(conn, &r.event_slug).await?.ok_or(AppError::NotFound)?;
    let activities = repo::quote_activity_facts(conn, r.quote_id).await?;
    let names: Vec<&str> = activities.iter().map(|a| a.0.as_str()).collect();
    let concept = activities.iter().find_map(|a| a.1);
    let place = activities
        .iter()
        .find_map(|a| a.2.clone())
        .map(Place::Region)
        .or_else(|| country.map(Place::Country));
    Ok(SignedSale {
        title: format!("{event}: {}", names.join(", ")),
        locale,
        organisation: r.organisation_id,
        signed_on: on.to_owned(),
        event_starts_on: starts_on,
        event_ends_on: ends_on,
        exponent: currency_exponent(&r.currency).unwrap_or(2),
        currency: r.currency.clone(),
        total: r.total,
        rate,
        concept,
        place,
    })
}

/// Ticks checklist line `position` done today (or not done). Editors.
pub async fn tick(
    db: &Db,
    member: &StaffMember,
    id: i64,
    position: i64,
    done: bool,
    now: i64,
) -> Result<(), AppError> {
    let today = iso_date(now);
    let mut tx = db.begin_write().await?;
    let on = done.then_some(today.as_str());
    if !repo::set_deliverable(tx.conn(), id, position, on, Some(member.id)).await? {
        return Err(AppError::NotFound);
    }
    let detail = json!({ "position": position, "done": done });
    audit::record(tx.conn(), Some(member.id), Subject::Sponsorship(id), "sponsorship_delivered", &detail, now).await?;
    tx.commit().await?;
    Ok(())
}

/// The revenue of sponsorships signed and paid, by event, sponsor and year.
pub async fn revenue_of(db: &Db, locale: Locale) -> Result<Revenue, AppError> {
    let mut conn = db.pool().acquire().await?;
    let sales: Vec<CountedSale> = repo::counted(&mut conn, code_of(locale))
        .await?
        .into_iter()
        .map(|(event, event_slug, sponsor, organisation, signed_on, paid_on, usd_cents)| CountedSale {
            event,
            event_slug,
            sponsor,
            organisation,
            signed_on,
            paid_on,
            usd_cents,
        })
        .collect();
    Ok(revenue(&sales))
}
