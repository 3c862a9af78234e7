//! The organisation registry's use cases: record and change entries, link an interest's
//! organisation to one (suggested, never automatic), merge duplicates. Every change is
//! audited on the entry it touches.
use crate::domain::interest::InterestRow;
use crate::domain::organisation::{
    Organisation, OrganisationForm, OrganisationKind, OrganisationPage, OrganisationRecord, OrganisationRow,
    Suggestion, domain_of,
};
use crate::domain::staff::StaffMember;
use crate::error::{AppError, FieldCode};
use crate::i18n::Locale;
use crate::ssr::db::audit::{self, Subject};
use crate::ssr::db::organisations as repo;
use crate::ssr::db::taxonomy;
use crate::ssr::infra::database::{Db, WriteTx};
use serde_json::json;
use sqlx::AnyConnection;

/// A registry page: its lines and how many match in all.
pub async fn list(
    db: &Db,
    search: &str,
    kind: Option<OrganisationKind>,
    page: i64,
) -> Result<(Vec<OrganisationRow>, i64), AppError> {
    let mut conn = db.pool().acquire().await?;
    let offset = (page.max(1) - 1).saturating_mul(repo::PAGE);
    Ok(repo::list(&mut conn, search, kind, offset).await?)
}

/// Records a new entry; returns its id.
pub async fn create(db: &Db, member: &StaffMember, form: &OrganisationForm) -> Result<i64, AppError> {
    let o = form.parse().map_err(AppError::Validation)?;
    let now = crate::ssr::infra::clock::now();
    let mut tx = db.begin_write().await?;
    check_parent(&mut tx, None, o.parent).await?;
    let id = repo::insert(tx.conn(), &o, false, now).await?;
    audit::record(tx.conn(), Some(member.id), Subject::Organisation(id), "organisation_created", &facts(&o), now)
        .await?;
    tx.commit().await?;
    Ok(id)
}

/// Changes an entry's facts.
pub async fn update(db: &Db, member: &StaffMember, id: i64, form: &OrganisationForm) -> Result<(), AppError> {
    let o = form.parse().map_err(AppError::Validation)?;
    let now = crate::ssr::infra::clock::now();
    let mut tx = db.begin_write().await?;
    let before = repo::get(tx.conn(), id).await?.ok_or(AppError::NotFound)?;
    check_parent(&mut tx, Some(id), o.parent).await?;
    repo::update(tx.conn(), id, &o, now).await?;
    let before = before.form().parse().map(|b| facts(&b)).unwrap_or_default();
    let after = facts(&o);
    let changed = audit::changed(&before, &after);
    if !changed.is_empty() {
        let detail = json!({ "name": o.name, "changed": changed });
        audit::record(tx.conn(), Some(member.id), Subject::Organisation(id), "organisation_updated", &detail, now)
            .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// A parent must exist and must not be the entry itself or one of its descendants.
async fn check_parent(tx: &mut WriteTx, id: Option<i64>, parent: Option<i64>) -> Result<(), AppError> {
    let Some(parent) = parent else { return Ok(()) };
    let loops = match id {
        Some(id) => repo::is_ancestor_or_self(tx.conn(), parent, id).await?,
        None => false,
    };
    if loops || !repo::exists(tx.conn(), parent).await? {
        return Err(AppError::invalid("parent", FieldCode::Unknown));
    }
    Ok(())
}

/// The facts of an entry as the audit log keeps them.
fn facts(o: &Organisation) -> serde_json::Value {
    json!({
        "name": o.name,
        "name_locale": o.name_locale,
        "acronym": o.acronym,
        "kind": o.kind.code(),
        "country": o.country,
        "website": o.website,
        "email_domain": o.email_domain,
        "membership": o.membership.as_ref().map(|(m, _)| m.code()),
        "member_since": o.membership.as_ref().and_then(|(_, since)| since.clone()),
        "due_diligence": o.due_diligence.code(),
        "due_diligence_on": o.due_diligence_on,
        "parent": o.parent,
    })
}

/// The organisation page: the record, the interests and subscribers linked to it, the
/// entries under it, and its history.
pub async fn page(db: &Db, id: i64, reader: Locale) -> Result<OrganisationPage, AppError> {
    let mut conn = db.pool().acquire().await?;
    let record = repo::get(&mut conn, id).await?.ok_or(AppError::NotFound)?;
    let record = with_country_name(&mut conn, record, reader).await?;
    Ok(OrganisationPage {
        record,
        interests: repo::interests(&mut conn, id).await?,
        subscribers: repo::subscriber_count(&mut conn, id).await?,
        subscriber_links: repo::subscriber_links(&mut conn, id).await?,
        agreements: crate::ssr::db::agreements::count_of_organisation(&mut conn, id).await?,
        children: repo::children(&mut conn, id).await?,
        history: audit::list(&mut conn, Some(Subject::Organisation(id)), None, 100).await?,
    })
}

/// The record with its headquarters' country named in `reader`'s language.
pub async fn with_country_name(
    conn: &mut AnyConnection,
    mut record: OrganisationRecord,
    reader: Locale,
) -> Result<OrganisationRecord, AppError> {
    if let Some(code) = &record.country {
        record.country_name = taxonomy::country_name(conn, code, crate::domain::locale::code_of(reader)).await?;
    }
    Ok(record)
}

/// Entries that may be the organisation of an expression of interest (by the name typed
/// and the contact's e-mail domain), `linked` (the one it is linked to) left out.
pub async fn suggestions_for_interest(
    conn: &mut AnyConnection,
    row: &InterestRow,
    linked: Option<i64>,
) -> Result<Vec<Suggestion>, AppError> {
    if row.erased {
        return Ok(Vec::new());
    }
    let domain = domain_of(&row.email);
    let mut found = repo::suggestions(conn, &row.organisation, domain.as_deref()).await?;
    found.retain(|s| Some(s.id) != linked);
    Ok(found)
}

/// Links an expression of interest to an entry (`None`: unlinks it), audited on both.
/// Links a subscriber to entry `org` (or unlinks it with `None`), by hand: audited on both
/// entries concerned.
pub async fn link_subscriber(db: &Db, member: &StaffMember, subscriber: i64, org: Option<i64>) -> Result<(), AppError> {
    let now = crate::ssr::infra::clock::now();
    let mut tx = db.begin_write().await?;
    if let Some(org) = org
        && !repo::exists(tx.conn(), org).await?
    {
        return Err(AppError::invalid("organisation", FieldCode::Unknown));
    }
    let before = repo::of_subscriber(tx.conn(), subscriber).await?;
    if !repo::link_subscriber(tx.conn(), subscriber, org).await? {
        return Err(AppError::NotFound);
    }
    if before != org {
        for id in [before, org].into_iter().flatten() {
            let detail = json!({ "subscriber": subscriber, "linked": Some(id) == org });
            audit::record(tx.conn(), Some(member.id), Subject::Organisation(id), "subscriber_linked", &detail, now)
                .await?;
        }
    }
    tx.commit().await?;
    Ok(())
}

pub async fn link_interest(db: &Db, member: &StaffMember, interest: i64, org: Option<i64>) -> Result<(), AppError> {
    let now = crate::ssr::infra::clock::now();
    let mut tx = db.begin_write().await?;
    if let Some(org) = org
        && !repo::exists(tx.conn(), org).await?
    {
        return Err(AppError::invalid("organisation", FieldCode::Unknown));
    }
    let before = repo::of_interest(tx.conn(), interest).await?;
    if !repo::link_interest(tx.conn(), interest, org).await? {
        return Err(AppError::NotFound);
    }
    if before != org {
        let detail = json!({ "organisation": org, "before": before });
        audit::record(tx.conn(), Some(member.id), Subject::Interest(interest), "organisation_linked", &detail, now)
            .await?;
        for id in [before, org].into_iter().flatten() {
            let detail = json!({ "interest": interest, "linked": Some(id) == org });
            audit::record(tx.conn(), Some(member.id), Subject::Organisation(id), "interest_linked", &detail, now)
                .await?;
        }
    }
    tx.commit().await?;
    Ok(())
}

/// Merges `duplicate` into `survivor`: everything linked to the duplicate moves to the
/// survivor, then the duplicate is removed; recorded on the survivor with what moved.
pub async fn merge(db: &Db, admin: &StaffMember, survivor: i64, duplicate: i64) -> Result<(), AppError> {
    if survivor == duplicate {
        return Err(AppError::invalid("duplicate", FieldCode::Invalid));
    }
    let now = crate::ssr::infra::clock::now();
    let mut tx = db.begin_write().await?;
    let kept = repo::get(tx.conn(), survivor).await?.ok_or(AppError::NotFound)?;
    let gone = repo::get(tx.conn(), duplicate).await?.ok_or(AppError::invalid("duplicate", FieldCode::Unknown))?;
    let moved = repo::merge(tx.conn(), survivor, duplicate).await?;
    let detail = json!({
        "name": kept.name,
        "merged": gone.name,
        "merged_id": duplicate,
        "interests": moved.interests,
        "subscribers": moved.subscribers,
        "children": moved.children,
        "agreements": moved.agreements,
    });
    audit::record(tx.conn(), Some(admin.id), Subject::Organisation(survivor), "organisation_merged", &detail, now)
        .await?;
    tx.commit().await?;
    Ok(())
}
