//! Sponsorship set-up for staff: the events, one event with its texts, activities and price
//! book to edit, an activity to edit, and saving each (publishers), checked by
//! `domain::sponsorship_editor` and audited in the change's transaction. A price book is
//! never changed: saving one writes the next version, and quotes keep the version (and the
//! lines) they were priced from.
use crate::domain::locale::code_of;
use crate::domain::sponsorship::{Access, ActivityKind, EventState, PriceRules, Rate, Tier};
use crate::domain::sponsorship_editor::{
    ActivityEdit, ActivityForm, ActivityListing, EventDraft, EventEdit, EventForm, EventListing, EventNow,
    PriceBookForm, PriceBookVersion, SeedChoice, Text, TextsForm, exponent_of,
};
use crate::domain::staff::{Role, StaffMember};
use crate::error::{AppError, FieldCode};
use crate::i18n::Locale;
use crate::ssr::db::audit::{self, Subject};
use crate::ssr::db::sponsorship as public;
use crate::ssr::db::sponsorship_editor::{self as repo, ActivityFacts, EventFacts, FactsRow, Texts};
use crate::ssr::infra::database::{Db, WriteTx};
use serde_json::json;
use sqlx::AnyConnection;

fn publisher(member: &StaffMember) -> Result<(), AppError> {
    if member.role.includes(Role::Publisher) { Ok(()) } else { Err(AppError::Forbidden) }
}

fn rate_of(bp: i64) -> Rate {
    Rate::from_basis_points(u32::try_from(bp).unwrap_or(0)).unwrap_or_default()
}

/// The texts as the database takes them.
fn text_rows(texts: &[Text]) -> Vec<(&str, &str, &str)> {
    texts.iter().map(|t| (t.locale, t.name.as_str(), t.description.as_str())).collect()
}

/// The name of a thing from its texts: in `locale`, else in `original`, else any.
fn name_in(texts: &[(String, String, String)], locale: &str, original: &str) -> String {
    let find = |l: &str| texts.iter().find(|t| t.0 == l).map(|t| t.1.clone());
    find(locale).or_else(|| find(original)).or_else(|| texts.first().map(|t| t.1.clone())).unwrap_or_default()
}

/// Event `slug` read in `tx` and held for the rest of it (two publishers saving at once
/// write one after the other), with its activities: id, name, places taken.
async fn hold_event(tx: &mut WriteTx, slug: &str, now: i64) -> Result<(FactsRow, Vec<(i64, String, i64)>), AppError> {
    let facts = repo::facts(tx.conn(), slug).await?.ok_or(AppError::NotFound)?;
    repo::touch_event(tx.conn(), facts.0, now).await?;
    let activities = repo::activity_names(tx.conn(), facts.0, &facts.2).await?;
    Ok((facts, activities))
}

/// Every event, latest first.
pub async fn events(db: &Db, locale: Locale) -> Result<Vec<EventListing>, AppError> {
    let mut conn = db.pool().acquire().await?;
    let rows = repo::listing(&mut conn, code_of(locale)).await?;
    Ok(rows
        .into_iter()
        .map(|(slug, name, starts_on, ends_on, state, access, currency, activities, version, quotes)| EventListing {
            slug,
            name,
            starts_on,
            ends_on,
            state: EventState::parse(&state).unwrap_or(EventState::Draft),
            access: Access::parse(&access).unwrap_or(Access::Open),
            currency,
            activities,
            version,
            quotes,
        })
        .collect())
}

fn form_of(f: &FactsRow, texts: &[(String, String, String)]) -> EventForm {
    let (_, slug, original_locale, starts_on, ends_on, city, country, access, currency, sales_until, state) = f;
    EventForm {
        slug: slug.clone(),
        original_locale: original_locale.clone(),
        starts_on: starts_on.clone(),
        ends_on: ends_on.clone(),
        city: city.clone(),
        country: country.clone().unwrap_or_default(),
        access: access.clone(),
        currency: currency.clone(),
        sales_until: sales_until.clone(),
        state: state.clone(),
        texts: TextsForm::of(texts),
    }
}

/// The price book in force of `event`: its id, rules and list prices.
async fn book_in_force(
    conn: &mut AnyConnection,
    event: i64,
) -> Result<Option<(i64, PriceRules, Vec<(i64, i64)>)>, AppError> {
    let Some((book, _, member_bp)) = public::price_book(conn, event).await? else { return Ok(None) };
    let tiers = public::tiers(conn, book).await?;
    let tiers =
        tiers.into_iter().map(|(from, bp)| Tier { from: u32::try_from(from).unwrap_or(u32::MAX), rate: rate_of(bp) });
    let rules = PriceRules::new(rate_of(member_bp), tiers.collect()).unwrap_or_default();
    Ok(Some((book, rules, repo::list_prices(conn, book).await?)))
}

/// The event `slug` as its staff page edits it.
pub async fn event(db: &Db, slug: &str, locale: Locale) -> Result<EventEdit, AppError> {
    let mut conn = db.pool().acquire().await?;
    let facts = repo::facts(&mut conn, slug).await?.ok_or(AppError::NotFound)?;
    let id = facts.0;
    let texts = repo::texts(&mut conn, Texts::Event(id)).await?;
    let currency = facts.8.clone();
    let exponent = exponent_of(&currency);
    let book = book_in_force(&mut conn, id).await?;
    let prices = book.as_ref().map(|b| b.2.clone()).unwrap_or_default();
    let price_book = match &book {
        Some((_, rules, prices)) => PriceBookForm::of(rules, prices, exponent),
        None => PriceBookForm::default(),
    };
    let mut activities = Vec::new();
    for (activity, name, _) in repo::activity_names(&mut conn, id, code_of(locale)).await? {
        let Some((_, kind, capacity, taken, _, _)) = repo::activity_facts(&mut conn, activity).await? else { continue };
        activities.push(ActivityListing {
            id: activity,
            name,
            kind: ActivityKind::parse(&kind).unwrap_or(ActivityKind::Other),
            capacity,
            taken,
            list_price: prices.iter().find(|p| p.0 == activity).map(|p| p.1),
        });
    }
    let versions = repo::versions(&mut conn, id)
        .await?
        .into_iter()
        .map(|(version, created_at, created_by, quotes)| PriceBookVersion { version, created_at, created_by, quotes })
        .collect();
    Ok(EventEdit {
        slug: facts.1.clone(),
        name: name_in(&texts, code_of(locale), &facts.2),
        form: form_of(&facts, &texts),
        quoted: repo::quote_count(&mut conn, id).await? > 0,
        exponent,
        activities,
        price_book,
        versions,
    })
}

fn facts_of(d: &EventDraft) -> EventFacts<'_> {
    EventFacts {
        slug: &d.slug,
        original_locale: d.original_locale,
        starts_on: &d.starts_on,
        ends_on: &d.ends_on,
        city: &d.city,
        country: d.country.as_deref(),
        access: d.access.code(),
        currency: &d.currency,
        sales_until: &d.sales_until,
        state: d.state.code(),
    }
}

/// A country the registry of places does not know is refused.
async fn check_country(conn: &mut AnyConnection, d: &EventDraft) -> Result<(), AppError> {
    match &d.country {
        Some(code) if !crate::ssr::db::taxonomy::known_country(conn, code).await? => {
            Err(AppError::invalid("country", FieldCode::Unknown))
        }
        _ => Ok(()),
    }
}

/// Makes a new event, a draft; returns its slug.
pub async fn create_event(db: &Db, member: &StaffMember, form: &EventForm, now: i64) -> Result<String, AppError> {
    publisher(member)?;
    let draft = form.parse(None).map_err(AppError::Validation)?;
    let mut tx = db.begin_write().await?;
    check_country(tx.conn(), &draft).await?;
    if repo::facts(tx.conn(), &draft.slug).await?.is_some() {
        return Err(AppError::invalid("slug", FieldCode::AddressTaken));
    }
    let id = repo::insert_event(tx.conn(), &facts_of(&draft), false, now).await?;
    repo::replace_texts(tx.conn(), Texts::Event(id), &text_rows(&draft.texts)).await?;
    let detail = json!({ "slug": draft.slug });
    audit::record(tx.conn(), Some(member.id), Subject::SponsorshipEvent(id), "sponsorship_event_created", &detail, now)
        .await?;
    tx.commit().await?;
    Ok(draft.slug)
}

/// Saves the facts and texts of event `slug`.
pub async fn update_event(
    db: &Db,
    member: &StaffMember,
    slug: &str,
    form: &EventForm,
    now: i64,
) -> Result<(), AppError> {
    publisher(member)?;
    let mut tx = db.begin_write().await?;
    let (facts, _) = hold_event(&mut tx, slug, now).await?;
    let id = facts.0;
    let priced = match book_in_force(tx.conn(), id).await? {
        Some((_, _, prices)) => !prices.is_empty(),
        None => false,
    };
    let before = EventNow {
        state: EventState::parse(&facts.10).unwrap_or(EventState::Draft),
        currency: facts.8.clone(),
        quoted: repo::quote_count(tx.conn(), id).await? > 0,
        priced,
    };
    let mut draft = form.parse(Some(&before)).map_err(AppError::Validation)?;
    draft.slug = facts.1.clone();
    check_country(tx.conn(), &draft).await?;
    repo::update_event(tx.conn(), id, &facts_of(&draft), now).await?;
    repo::replace_texts(tx.conn(), Texts::Event(id), &text_rows(&draft.texts)).await?;
    let detail = json!({ "slug": slug, "from": before.state.code(), "to": draft.state.code() });
    audit::record(tx.conn(), Some(member.id), Subject::SponsorshipEvent(id), "sponsorship_event_updated", &detail, now)
        .await?;
    tx.commit().await?;
    Ok(())
}

/// Activity `id` of event `slug` as its staff page edits it; `id` 0 for a new one.
pub async fn activity(db: &Db, slug: &str, id: i64, locale: Locale) -> Result<ActivityEdit, AppError> {
    let mut conn = db.pool().acquire().await?;
    let facts = repo::facts(&mut conn, slug).await?.ok_or(AppError::NotFound)?;
    let event = facts.0;
    let event_texts = repo::texts(&mut conn, Texts::Event(event)).await?;
    let names = repo::activity_names(&mut conn, event, code_of(locale)).await?;
    let (form, taken) = if id == 0 {
        (
            ActivityForm {
                kind: ActivityKind::Other.code().to_owned(),
                capacity: "1".into(),
                ..ActivityForm::default()
            },
            0,
        )
    } else {
        let Some((owner, kind, capacity, taken, concept, region)) = repo::activity_facts(&mut conn, id).await? else {
            return Err(AppError::NotFound);
        };
        if owner != event {
            return Err(AppError::NotFound);
        }
        let seeds = match (concept, region) {
            (Some(c), _) => SeedChoice::Concept(c),
            (None, Some(r)) => SeedChoice::Region(r),
            _ => SeedChoice::Activity,
        };
        let benefits = public::benefits(&mut conn, event).await?;
        let conflicts = public::conflicts(&mut conn, event).await?;
        let form = ActivityForm {
            kind,
            capacity: capacity.to_string(),
            seeds: seeds.code(),
            benefits: benefits.into_iter().filter(|b| b.0 == id).map(|(_, k, q)| (k, q.to_string())).collect(),
            conflicts: conflicts
                .into_iter()
                .filter_map(|(a, b)| match (a == id, b == id) {
                    (true, _) => Some(b.to_string()),
                    (_, true) => Some(a.to_string()),
                    _ => None,
                })
                .collect(),
            texts: TextsForm::of(&repo::texts(&mut conn, Texts::Activity(id)).await?),
        };
        (form, taken)
    };
    let concepts = repo::concept_choices(&mut conn, code_of(locale)).await?;
    let regions = repo::region_choices(&mut conn, code_of(locale)).await?;
    Ok(ActivityEdit {
        id,
        event_slug: facts.1.clone(),
        event_name: name_in(&event_texts, code_of(locale), &facts.2),
        original_locale: facts.2.clone(),
        form,
        taken,
        others: names.into_iter().filter(|(a, ..)| *a != id).map(|(a, name, _)| (a, name)).collect(),
        concepts: concepts.into_iter().map(|(c, title)| (SeedChoice::Concept(c).code(), title)).collect(),
        regions: regions.into_iter().map(|(r, name)| (SeedChoice::Region(r).code(), name)).collect(),
    })
}

/// Saves activity `id` of event `slug` (0: adds one); returns its id.
pub async fn save_activity(
    db: &Db,
    member: &StaffMember,
    slug: &str,
    id: i64,
    form: &ActivityForm,
    now: i64,
) -> Result<i64, AppError> {
    publisher(member)?;
    let mut tx = db.begin_write().await?;
    let (facts, names) = hold_event(&mut tx, slug, now).await?;
    let event = facts.0;
    let taken = match names.iter().find(|(a, ..)| *a == id) {
        Some((_, _, taken)) => u32::try_from(*taken).unwrap_or(u32::MAX),
        None if id == 0 => 0,
        None => return Err(AppError::NotFound),
    };
    let others: Vec<i64> = names.iter().map(|(a, ..)| *a).filter(|a| *a != id).collect();
    let draft = form.parse(&facts.2, &others, taken).map_err(AppError::Validation)?;
    let (seed_concept, seed_region) = match &draft.seeds {
        SeedChoice::Activity => (None, None),
        SeedChoice::Concept(c) if repo::concept_exists(tx.conn(), *c).await? => (Some(*c), None),
        SeedChoice::Region(code) => match repo::region_id(tx.conn(), code).await? {
            Some(r) => (None, Some(r)),
            None => return Err(AppError::invalid("seeds", FieldCode::Unknown)),
        },
        SeedChoice::Concept(_) => return Err(AppError::invalid("seeds", FieldCode::Unknown)),
    };
    let row = ActivityFacts { kind: draft.kind.code(), capacity: i64::from(draft.capacity), seed_concept, seed_region };
    let activity = if id == 0 {
        repo::insert_activity(tx.conn(), event, &row).await?
    } else if repo::update_activity(tx.conn(), id, &row).await? {
        id
    } else {
        return Err(AppError::invalid("capacity", FieldCode::BelowTaken));
    };
    repo::replace_texts(tx.conn(), Texts::Activity(activity), &text_rows(&draft.texts)).await?;
    let benefits: Vec<(&str, i64)> = draft.benefits.iter().map(|(k, q)| (k.code(), i64::from(*q))).collect();
    repo::replace_benefits(tx.conn(), activity, &benefits).await?;
    repo::replace_conflicts(tx.conn(), activity, &draft.conflicts).await?;
    let name = draft.texts.iter().find(|t| t.locale == facts.2).map(|t| t.name.clone()).unwrap_or_default();
    let action = if id == 0 { "sponsorship_activity_added" } else { "sponsorship_activity_updated" };
    let detail = json!({ "slug": slug, "activity": activity, "name": name });
    audit::record(tx.conn(), Some(member.id), Subject::SponsorshipEvent(event), action, &detail, now).await?;
    tx.commit().await?;
    Ok(activity)
}

/// Writes the next version of event `slug`'s price book from `form`; returns the version.
pub async fn save_price_book(
    db: &Db,
    member: &StaffMember,
    slug: &str,
    form: &PriceBookForm,
    now: i64,
) -> Result<i64, AppError> {
    publisher(member)?;
    let mut tx = db.begin_write().await?;
    let (facts, names) = hold_event(&mut tx, slug, now).await?;
    let event = facts.0;
    let activities: Vec<i64> = names.into_iter().map(|a| a.0).collect();
    let draft = form.parse(exponent_of(&facts.8), &activities).map_err(AppError::Validation)?;
    let open = EventState::parse(&facts.10) == Some(EventState::Open);
    if open && draft.prices.is_empty() {
        // An open event would be left with nothing to sell: suspend it first.
        return Err(AppError::invalid("prices", FieldCode::NothingPriced));
    }
    let member_bp = i64::from(draft.rules.member_rate().basis_points());
    let (book, version) = repo::insert_price_book(tx.conn(), event, member_bp, Some(member.id), now).await?;
    let tiers: Vec<(i64, i64)> =
        draft.rules.tiers().iter().map(|t| (i64::from(t.from), i64::from(t.rate.basis_points()))).collect();
    repo::fill_price_book(tx.conn(), book, &tiers, &draft.prices).await?;
    let detail = json!({ "slug": slug, "version": version });
    audit::record(tx.conn(), Some(member.id), Subject::SponsorshipEvent(event), "price_book_version", &detail, now)
        .await?;
    tx.commit().await?;
    Ok(version)
}

/// The audit history of event `slug`, newest first.
pub async fn history(db: &Db, slug: &str) -> Result<Vec<crate::domain::staff::AuditEntry>, AppError> {
    let mut conn = db.pool().acquire().await?;
    let facts = repo::facts(&mut conn, slug).await?.ok_or(AppError::NotFound)?;
    Ok(audit::list(&mut conn, Some(Subject::SponsorshipEvent(facts.0)), None, 100).await?)
}
