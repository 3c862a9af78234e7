//! The record of partnership agreements: record and change an agreement (drafts by editors,
//! the rest by publishers), move it through its states, make it public, search it, and
//! offer a draft filled from an expression of interest that reached "agreement signed".
//! Every change is audited on the agreement.
use crate::domain::agreement::{
    Agreement, AgreementChoices, AgreementForm, AgreementPage, AgreementQuery, AgreementResults, AgreementStatus,
    Place, PublicAgreement, current_terms,
};
use crate::domain::agreement_chart::{AgreementCharts, Counting};
use crate::domain::staff::{Role, StaffMember};
use crate::error::{AppError, FieldCode, FieldError};
use crate::i18n::Locale;
use crate::ssr::db::agreements::{self as repo, Resolved};
use crate::ssr::db::audit::{self, Subject};
use crate::ssr::db::{organisations, taxonomy};
use crate::ssr::infra::database::{Db, WriteTx};
use crate::ssr::infra::text_index::Query;
use crate::ssr::record_engine::{self, RecordCache, Snapshot};
use serde_json::json;
use sqlx::AnyConnection;
use std::collections::HashSet;
use std::sync::Arc;

/// Checks the codes and ids an agreement names against the database; errors go on the
/// form's line they came from.
async fn resolve(tx: &mut WriteTx, a: &Agreement, own: Option<i64>) -> Result<Resolved, AppError> {
    let mut errors = Vec::new();
    let conn = tx.conn();
    for (p, row) in a.parties.iter().zip(&a.rows.parties) {
        if !organisations::exists(&mut *conn, p.organisation).await? {
            errors.push(FieldError::new(format!("party_org.{row}"), FieldCode::Unknown));
        }
    }
    let mut areas = Vec::new();
    for (share, row) in a.areas.iter().zip(&a.rows.areas) {
        match repo::area_id(&mut *conn, &share.item).await? {
            Some(id) => areas.push(id),
            None => errors.push(FieldError::new(format!("area.{row}"), FieldCode::Unknown)),
        }
    }
    let mut regions = Vec::new();
    for (share, row) in a.places.iter().zip(&a.rows.places) {
        let known = match &share.item {
            Place::Region(code) => {
                let id = repo::region_id(&mut *conn, code).await?;
                regions.push(id);
                id.is_some()
            }
            Place::Country(code) => {
                regions.push(None);
                taxonomy::known_country(&mut *conn, code).await?
            }
            Place::Group(_) => {
                regions.push(None);
                true
            }
        };
        if !known {
            errors.push(FieldError::new(format!("place.{row}"), FieldCode::Unknown));
        }
    }
    for (o, row) in a.obligations.iter().zip(&a.rows.obligations) {
        if let Some(owner) = o.owner
            && !repo::staff_exists(&mut *conn, owner).await?
        {
            errors.push(FieldError::new(format!("ob_owner.{row}"), FieldCode::Unknown));
        }
    }
    if let Some(c) = a.concept
        && !repo::concept_exists(&mut *conn, c).await?
    {
        errors.push(FieldError::new("concept", FieldCode::Unknown));
    }
    if let Some(i) = a.interest
        && !repo::interest_exists(&mut *conn, i).await?
    {
        errors.push(FieldError::new("interest", FieldCode::Unknown));
    }
    // An amendment of an amendment amends the original.
    let amends = match &a.amends {
        None => None,
        Some(reference) => match repo::by_reference(&mut *conn, reference).await? {
            Some((id, parent)) if Some(parent.unwrap_or(id)) != own => Some(parent.unwrap_or(id)),
            _ => {
                errors.push(FieldError::new("amends", FieldCode::Unknown));
                None
            }
        },
    };
    if errors.is_empty() { Ok(Resolved { amends, areas, regions }) } else { Err(AppError::Validation(errors)) }
}

/// The facts of an agreement as the audit log keeps them (and compares them).
fn facts(a: &Agreement) -> serde_json::Value {
    json!({
        "kind": a.kind.code(),
        "original_locale": a.original_locale,
        "title": a.title,
        "summary": a.summary,
        "amends": a.amends,
        "concept": a.concept,
        "interest": a.interest,
        "agency_role": a.agency_role.code(),
        "agency_signed_on": a.agency_signed_on,
        "effective_on": a.effective_on,
        "expires_on": a.expires_on,
        "contribution": a.contribution.code(),
        "value": a.value.as_ref().map(|v| json!({"currency": v.currency, "minor": v.minor, "rate": v.rate,
            "rate_on": v.rate_on, "usd_cents": v.usd_cents})),
        "parties": a.parties.iter().map(|p| json!([p.organisation, p.role.code(), p.signed_on])).collect::<Vec<_>>(),
        "areas": a.areas.iter().map(|s| json!([s.item, s.share])).collect::<Vec<_>>(),
        "places": a.places.iter().map(|s| json!([s.item.code(), s.share])).collect::<Vec<_>>(),
        "transactions": a.transactions.iter().map(|t| json!([t.kind.code(), t.on, t.minor])).collect::<Vec<_>>(),
        "obligations": a.obligations.iter().map(|o| json!([o.kind.code(), o.due_on, o.owner, o.remind_days]))
            .collect::<Vec<_>>(),
    })
}

fn parse(form: &AgreementForm) -> Result<Agreement, AppError> {
    form.parse().map_err(AppError::Validation)
}

/// The year an agreement is recorded in, for its reference.
fn this_year(now: i64) -> i64 {
    crate::domain::format::iso_date(now).get(0..4).and_then(|y| y.parse().ok()).unwrap_or(1970)
}

/// Records a new draft; returns its id.
pub async fn create(db: &Db, member: &StaffMember, form: &AgreementForm) -> Result<i64, AppError> {
    let a = parse(form)?;
    let now = crate::ssr::infra::clock::now();
    let mut tx = db.begin_write().await?;
    let (id, _) = record(&mut tx, Some(member.id), &a, None, "agreement_recorded", now).await?;
    tx.commit().await?;
    Ok(id)
}

/// Records a checked agreement as a draft in the caller's transaction: its codes resolved,
/// the given reference `(year, number)` kept or the next one of this year assigned, audited
/// as `event`. Returns its id and reference.
pub async fn record(
    tx: &mut WriteTx,
    actor: Option<i64>,
    a: &Agreement,
    reference: Option<(i64, i64)>,
    event: &str,
    now: i64,
) -> Result<(i64, String), AppError> {
    let resolved = resolve(tx, a, None).await?;
    let reference = match reference {
        Some((year, n)) => {
            repo::claim_reference(tx.conn(), year, n).await?;
            crate::domain::agreement::reference(year, n)
        }
        None => repo::next_reference(tx.conn(), this_year(now)).await?,
    };
    let id = repo::insert(tx.conn(), a, &resolved, &reference, false, now).await?;
    let detail = json!({ "reference": reference, "title": a.title });
    audit::record(tx.conn(), actor, Subject::Agreement(id), event, &detail, now).await?;
    Ok((id, reference))
}

/// Changes an agreement. Editors change drafts; publishers any agreement, and a signed one
/// must keep every signature date.
pub async fn update(db: &Db, member: &StaffMember, id: i64, form: &AgreementForm) -> Result<(), AppError> {
    let a = parse(form)?;
    let now = crate::ssr::infra::clock::now();
    let mut tx = db.begin_write().await?;
    let (status, _) = repo::state(tx.conn(), id).await?.ok_or(AppError::NotFound)?;
    if status != AgreementStatus::Draft {
        if !member.role.includes(Role::Publisher) {
            return Err(AppError::Forbidden);
        }
        let missing = a.unsigned_fields();
        if !missing.is_empty() {
            return Err(AppError::Validation(missing));
        }
    }
    let resolved = resolve(&mut tx, &a, Some(id)).await?;
    let before = repo::get(tx.conn(), id, &a.original_locale).await?.ok_or(AppError::NotFound)?;
    let before = before.form(0).parse().map(|b| facts(&b)).unwrap_or_default();
    repo::update(tx.conn(), id, &a, &resolved, now).await?;
    let after = facts(&a);
    let changed = audit::changed(&before, &after);
    if !changed.is_empty() {
        let detail = json!({ "changed": changed });
        audit::record(tx.conn(), Some(member.id), Subject::Agreement(id), "agreement_updated", &detail, now).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Moves an agreement to another state (publishers). Signing needs every signature date.
pub async fn set_status(db: &Db, member: &StaffMember, id: i64, to: AgreementStatus) -> Result<(), AppError> {
    if !member.role.includes(Role::Publisher) {
        return Err(AppError::Forbidden);
    }
    let now = crate::ssr::infra::clock::now();
    let mut tx = db.begin_write().await?;
    let (from, _) = repo::state(tx.conn(), id).await?.ok_or(AppError::NotFound)?;
    if !from.moves().contains(&to) {
        return Err(AppError::invalid("status", FieldCode::NotAllowed));
    }
    if to == AgreementStatus::Signed {
        let record = repo::get(tx.conn(), id, "en").await?.ok_or(AppError::NotFound)?;
        let missing = record.form(0).parse().map(|a| a.unsigned_fields()).unwrap_or_default();
        if !missing.is_empty() {
            return Err(AppError::Validation(missing));
        }
    }
    repo::set_status(tx.conn(), id, to, now).await?;
    let detail = json!({ "from": from.code(), "to": to.code() });
    audit::record(tx.conn(), Some(member.id), Subject::Agreement(id), "agreement_status", &detail, now).await?;
    tx.commit().await?;
    Ok(())
}

/// Makes an agreement public or staff-only (publishers).
pub async fn set_public(db: &Db, member: &StaffMember, id: i64, public: bool) -> Result<(), AppError> {
    if !member.role.includes(Role::Publisher) {
        return Err(AppError::Forbidden);
    }
    let now = crate::ssr::infra::clock::now();
    let mut tx = db.begin_write().await?;
    let (_, was) = repo::state(tx.conn(), id).await?.ok_or(AppError::NotFound)?;
    if was != public {
        repo::set_public(tx.conn(), id, public, now).await?;
        let detail = json!({ "public": public });
        audit::record(tx.conn(), Some(member.id), Subject::Agreement(id), "agreement_public", &detail, now).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Keeps a translation of an agreement's title and summary into `locale`, or removes it
/// when both are empty. Editors translate drafts; publishers any agreement.
pub async fn save_translation(
    db: &Db,
    member: &StaffMember,
    id: i64,
    locale: &str,
    title: &str,
    summary: &str,
) -> Result<(), AppError> {
    let now = crate::ssr::infra::clock::now();
    let mut tx = db.begin_write().await?;
    let (status, _) = repo::state(tx.conn(), id).await?.ok_or(AppError::NotFound)?;
    if status != AgreementStatus::Draft && !member.role.includes(Role::Publisher) {
        return Err(AppError::Forbidden);
    }
    let original = repo::original_locale(tx.conn(), id).await?.ok_or(AppError::NotFound)?;
    let texts =
        crate::domain::agreement::parse_translation(&original, locale, title, summary).map_err(AppError::Validation)?;
    let before = repo::translations(tx.conn(), id).await?.into_iter().find(|(l, _, _)| l == locale);
    let unchanged = match (&before, &texts) {
        (None, None) => true,
        (Some((_, t, s)), Some((title, summary))) => t == title && s == summary,
        _ => false,
    };
    if unchanged {
        return Ok(());
    }
    repo::set_translation(tx.conn(), id, locale, texts.as_ref(), now).await?;
    let detail = json!({ "locale": locale, "removed": texts.is_none() });
    audit::record(tx.conn(), Some(member.id), Subject::Agreement(id), "agreement_translated", &detail, now).await?;
    tx.commit().await?;
    Ok(())
}

/// Deletes an agreement and its amendments (administrators); the audit log keeps it.
pub async fn delete(db: &Db, admin: &StaffMember, id: i64) -> Result<(), AppError> {
    if !admin.role.includes(Role::Admin) {
        return Err(AppError::Forbidden);
    }
    let now = crate::ssr::infra::clock::now();
    let mut tx = db.begin_write().await?;
    let record = repo::get(tx.conn(), id, "en").await?.ok_or(AppError::NotFound)?;
    repo::delete(tx.conn(), id).await?;
    let detail = json!({ "reference": record.reference, "title": record.title });
    audit::record(tx.conn(), Some(admin.id), Subject::Agreement(id), "agreement_deleted", &detail, now).await?;
    tx.commit().await?;
    Ok(())
}

/// The agreement page for staff, names in `reader`'s language.
pub async fn page(db: &Db, id: i64, reader: Locale) -> Result<AgreementPage, AppError> {
    let locale = crate::domain::locale::code_of(reader);
    let mut conn = db.pool().acquire().await?;
    let record = repo::get(&mut conn, id, locale).await?.ok_or(AppError::NotFound)?;
    let mut amendments = Vec::new();
    for a in repo::amendment_ids(&mut conn, id).await? {
        if let Some(r) = repo::get(&mut conn, a, locale).await? {
            amendments.push(r);
        }
    }
    let terms = if record.amends.is_none() { current_terms(&record, &amendments) } else { Vec::new() };
    let documents =
        crate::ssr::db::agreement_documents::list(&mut conn, id, crate::ssr::services::concepts::media_url).await?;
    let translations = repo::translations(&mut conn, id).await?;
    // Staff read and edit the texts as written; translations are edited on their own.
    let mut record = record;
    if let Some((_, title, summary)) = translations.iter().find(|(l, _, _)| *l == record.original_locale) {
        record.title = title.clone();
        record.summary = summary.clone();
    }
    Ok(AgreementPage {
        record,
        amendments,
        terms,
        documents,
        translations,
        history: audit::list(&mut conn, Some(Subject::Agreement(id)), None, 100).await?,
    })
}

/// The public page of agreement `reference`, texts and names in `reader`'s language; not
/// found unless it is public and signed.
pub async fn public_page(db: &Db, reference: &str, reader: Locale) -> Result<PublicAgreement, AppError> {
    let locale = crate::domain::locale::code_of(reader);
    crate::domain::agreement::parse_reference(reference).ok_or(AppError::NotFound)?;
    let mut conn = db.pool().acquire().await?;
    let (id, amends) = repo::by_reference(&mut conn, reference).await?.ok_or(AppError::NotFound)?;
    let record = repo::get(&mut conn, id, locale).await?.ok_or(AppError::NotFound)?;
    if !record.public || record.status == AgreementStatus::Draft {
        return Err(AppError::NotFound);
    }
    let mut amendments = Vec::new();
    for a in repo::amendment_ids(&mut conn, id).await? {
        amendments.extend(repo::get(&mut conn, a, locale).await?);
    }
    let original_public = match amends {
        Some(original) => {
            repo::state(&mut conn, original).await?.is_some_and(|(s, public)| public && s != AgreementStatus::Draft)
        }
        None => false,
    };
    let concept_published = match &record.concept {
        Some((concept, _, _)) => crate::ssr::db::catalogue::published_concept(&mut conn, *concept).await?,
        None => false,
    };
    let mut funders = Vec::new();
    for p in &record.parties {
        if crate::ssr::db::funders::has_profile(&mut conn, p.organisation).await? {
            funders.push(p.organisation);
        }
    }
    let translated: Vec<String> = repo::translations(&mut conn, id).await?.into_iter().map(|(l, _, _)| l).collect();
    let documents =
        crate::ssr::db::agreement_documents::list(&mut conn, id, crate::ssr::services::concepts::media_url).await?;
    PublicAgreement::of(
        record,
        &amendments,
        documents,
        locale,
        &translated,
        &funders,
        original_public,
        concept_published,
    )
    .ok_or(AppError::NotFound)
}

/// The record held in memory, read again from the database when the record changed. The
/// version is read first, so a snapshot is never older than the version it is kept under.
pub async fn snapshot(conn: &mut AnyConnection, cache: &RecordCache) -> Result<Arc<Snapshot>, AppError> {
    let version = repo::version(&mut *conn).await?;
    if let Some(snapshot) = cache.held(&version) {
        return Ok(snapshot);
    }
    let _building = cache.building().await;
    if let Some(snapshot) = cache.held(&version) {
        return Ok(snapshot);
    }
    let started = std::time::Instant::now();
    let snapshot = Arc::new(Snapshot::build(repo::snapshot_sources(&mut *conn).await?));
    tracing::info!(agreements = snapshot.len(), ms = started.elapsed().as_millis(), "record read into memory");
    cache.keep(version, snapshot.clone());
    Ok(snapshot)
}

/// The ids whose titles or summaries have every word of `q`; `None` without words.
async fn found(conn: &mut AnyConnection, q: &str) -> Result<Option<HashSet<i64>>, AppError> {
    let words = Query::parse(q);
    if words.is_empty() {
        return Ok(None);
    }
    let mut found: Option<HashSet<i64>> = None;
    for term in &words.terms {
        let these: HashSet<i64> = repo::term_ids(&mut *conn, term).await?.into_iter().collect();
        let both: HashSet<i64> = match found {
            None => these,
            Some(before) => before.intersection(&these).copied().collect(),
        };
        let none = both.is_empty();
        found = Some(both);
        if none {
            break;
        }
    }
    Ok(found)
}

/// The agreements matching a search (`public_only`: the public, signed ones) with when each
/// last changed, in list order; at most `limit`.
pub async fn matching(
    db: &Db,
    cache: &RecordCache,
    query: &AgreementQuery,
    public_only: bool,
    limit: usize,
) -> Result<Vec<(i64, i64)>, AppError> {
    let mut conn = db.pool().acquire().await?;
    let snapshot = snapshot(&mut conn, cache).await?;
    let found = found(&mut conn, &query.q).await?;
    let matched = snapshot.matching(query, public_only, found.as_ref());
    Ok(matched.into_iter().take(limit).map(|e| (e.id, e.updated_at)).collect())
}

/// A page of a search with its totals and the organisations behind it; `public_only` for
/// what anyone may see.
pub async fn search(
    db: &Db,
    cache: &RecordCache,
    query: &AgreementQuery,
    public_only: bool,
    reader: Locale,
) -> Result<AgreementResults, AppError> {
    let locale = crate::domain::locale::code_of(reader);
    let mut conn = db.pool().acquire().await?;
    let snapshot = snapshot(&mut conn, cache).await?;
    let found = found(&mut conn, &query.q).await?;
    let matched = snapshot.matching(query, public_only, found.as_ref());
    let (total, usd_cents) = record_engine::totals(&matched);
    let page = usize::try_from(repo::PAGE).unwrap_or(50);
    let offset = usize::try_from(query.page.max(1) - 1).unwrap_or(0).saturating_mul(page);
    let ids: Vec<i64> = matched.iter().skip(offset).take(page).map(|e| e.id).collect();
    let rows = repo::rows_by_id(&mut conn, &ids, locale).await?;
    let shown = if query.all_partners { repo::PARTNERS_MAX } else { repo::PARTNERS_SHOWN };
    let (partners, partners_total) = snapshot.partners(&matched, shown);
    let partners_total = i64::try_from(partners_total).unwrap_or(i64::MAX);
    Ok(AgreementResults { rows, total, usd_cents, partners, partners_total, per_page: repo::PAGE })
}

/// A draft filled from an expression of interest: its organisation (when linked to the
/// registry) as funding party, its concept with the concept's areas and places (the whole
/// value to each), and the amount agreed in US dollars.
pub async fn draft_from_interest(db: &Db, interest: i64) -> Result<AgreementForm, AppError> {
    let mut conn = db.pool().acquire().await?;
    let (row, _, _, locale, _) =
        crate::ssr::db::interests::get(&mut conn, interest).await?.ok_or(AppError::NotFound)?;
    let organisation = organisations::of_interest(&mut conn, interest).await?;
    let (areas, places) = repo::concept_coverage(&mut conn, row.concept_id).await?;
    let title = format!("{} — {}", row.concept_title, row.organisation);
    let original_locale = if crate::domain::locale::parse(&locale).is_some() { locale } else { "en".to_owned() };
    let amount = row.agreed_usd.or(row.amount_usd);
    let contribution = match row.contribution.as_str() {
        "in_kind" => "in_kind",
        "expertise" => "expertise",
        _ => "financial",
    };
    Ok(AgreementForm {
        kind: "cooperation".into(),
        original_locale,
        title: title.chars().take(crate::domain::agreement::TITLE_MAX).collect(),
        concept: row.concept_id.to_string(),
        interest: interest.to_string(),
        agency_role: "accountable".into(),
        contribution: contribution.into(),
        currency: if amount.is_some() { "USD".into() } else { String::new() },
        value: amount.map(|a| a.to_string()).unwrap_or_default(),
        party_org: vec![organisation.map(|o| o.to_string()).unwrap_or_default()],
        party_role: vec!["funding".into()],
        party_signed: vec![String::new()],
        areas_whole: if areas.is_empty() { String::new() } else { "on".into() },
        area_share: vec![String::new(); areas.len()],
        area: areas,
        places_whole: if places.is_empty() { String::new() } else { "on".into() },
        place_share: vec![String::new(); places.len()],
        place: places,
        ..Default::default()
    })
}

/// Areas, regions and countries named in `reader`'s language; with `staff`, the staff
/// members who may own an obligation.
pub async fn choices(db: &Db, reader: Locale, staff: bool) -> Result<AgreementChoices, AppError> {
    use crate::domain::catalogue::FacetKind;
    use crate::domain::concept::Named;
    let code = crate::domain::locale::code_of(reader);
    let mut conn = db.pool().acquire().await?;
    let named = |rows: Vec<(String, String)>| rows.into_iter().map(|(code, name)| Named { code, name }).collect();
    Ok(AgreementChoices {
        areas: named(crate::ssr::db::catalogue::names(&mut conn, FacetKind::Area, code).await?),
        regions: named(crate::ssr::db::catalogue::names(&mut conn, FacetKind::Region, code).await?),
        countries: named(crate::ssr::db::editor::all_countries(&mut conn, code).await?),
        staff: if staff { crate::ssr::db::interests::staff(&mut conn).await? } else { Vec::new() },
    })
}

/// The charts of a search: per region, per area of action and per year, new agreements and
/// amendments apart, counted as `counting` says; names in `reader`'s language.
pub async fn charts(
    db: &Db,
    cache: &RecordCache,
    query: &AgreementQuery,
    counting: Counting,
    public_only: bool,
    reader: Locale,
) -> Result<AgreementCharts, AppError> {
    use crate::domain::catalogue::FacetKind;
    let code = crate::domain::locale::code_of(reader);
    let mut conn = db.pool().acquire().await?;
    let snapshot = snapshot(&mut conn, cache).await?;
    // The page and the organisations table's length do not change the charts.
    let asked = AgreementQuery { page: 1, all_partners: false, ..query.clone() };
    let key = format!("{public_only}|{}|{code}|{}", counting.code(), asked.to_query_string());
    if let Some(charts) = snapshot.remembered(&key) {
        return Ok(charts);
    }
    let found = found(&mut conn, &query.q).await?;
    let matched = snapshot.matching(query, public_only, found.as_ref());
    let regions = crate::ssr::db::catalogue::names(&mut conn, FacetKind::Region, code).await?;
    let areas = crate::ssr::db::catalogue::names(&mut conn, FacetKind::Area, code).await?;
    let charts = snapshot.charts(&matched, counting, &regions, &areas, query.from_year, query.to_year);
    snapshot.remember(key, &charts);
    Ok(charts)
}
