//! Expressions of interest: a partner's form on a concept page (acknowledged by e-mail in
//! their language, staff notified, both through the outbox in the same transaction), the
//! inbox and pipeline staff work them in, the dashboard, and a partner's data exported or
//! erased on request.
use crate::domain::interest::{
    Dashboard, Inbox, InterestDetail, InterestForm, InterestRow, NOTE_MAX, PipelineForm, Stage,
};
use crate::domain::staff::StaffMember;
use crate::error::{AppError, FieldCode, FieldError};
use crate::i18n::Locale;
use crate::ssr::db::audit::{self, Subject};
use crate::ssr::db::{interests as repo, outbox, rate};
use crate::ssr::infra::database::Db;
use crate::ssr::infra::spreadsheet::Sheet;
use serde_json::json;
use sha2::{Digest, Sha256};

/// Expressions of interest allowed per client address and per e-mail address per hour.
pub const PER_IP: i64 = 10;
pub const PER_EMAIL: i64 = 5;
/// Rows the inbox shows at once (the export has them all).
pub const INBOX_ROWS: i64 = 200;

/// Records an expression of interest in the concept `slug`. A robot's submission (the
/// hidden field filled in, or sent faster than a person types) is answered like any other
/// and stored nowhere; the same submission sent twice is recorded once.
pub async fn submit(db: &Db, slug: &str, locale: Locale, form: &InterestForm, client_ip: &str) -> Result<(), AppError> {
    let now = crate::ssr::infra::clock::now();
    if form.looks_automated(now) {
        tracing::info!(client_ip, "expression of interest from a robot dropped");
        return Ok(());
    }
    let interest = form.parse().map_err(AppError::Validation)?;
    let mut tx = db.begin_write().await?;
    let (concept_id, status, original_locale, focal_point) =
        repo::concept_by_slug(tx.conn(), slug).await?.ok_or(AppError::NotFound)?;
    match status.as_str() {
        "published" => {}
        "closed" | "archived" => return Err(AppError::invalid("concept", FieldCode::Closed)),
        _ => return Err(AppError::NotFound),
    }
    if let Some(country) = &interest.country
        && !crate::ssr::db::taxonomy::known_country(tx.conn(), country).await?
    {
        return Err(AppError::invalid("country", FieldCode::Unknown));
    }
    let hour_ago = now - 3600;
    let allowed = rate::allow(tx.conn(), &format!("interest-ip:{client_ip}"), PER_IP, hour_ago, now).await?
        && rate::allow(tx.conn(), &format!("interest-email:{}", interest.email), PER_EMAIL, hour_ago, now).await?;
    if !allowed {
        tx.commit().await?;
        return Err(AppError::RateLimited);
    }
    let fingerprint = hex(&Sha256::digest(
        format!(
            "{concept_id}\n{}\n{}",
            interest.email,
            interest.message.split_whitespace().collect::<Vec<_>>().join(" ")
        )
        .as_bytes(),
    ));
    let code = crate::domain::locale::code_of(locale);
    let Some(id) = repo::insert(tx.conn(), concept_id, &interest, code, &fingerprint, now).await? else {
        // Sent again (a double click, a resend): already recorded and acknowledged.
        tx.commit().await?;
        return Ok(());
    };
    outbox::queue_interest_mail(tx.conn(), id, None, now).await?;
    let mut notify = repo::publisher_emails(tx.conn()).await?;
    let focal_point = focal_point.trim().to_lowercase();
    if !focal_point.is_empty() && !notify.contains(&focal_point) {
        notify.insert(0, focal_point);
    }
    for address in &notify {
        outbox::queue_interest_mail(tx.conn(), id, Some(address), now).await?;
    }
    let detail = json!({ "concept": concept_id, "locale": code, "original_locale": original_locale });
    audit::record(tx.conn(), None, Subject::Interest(id), "interest_received", &detail, now).await?;
    tx.commit().await?;
    Ok(())
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The inbox under `filter`, newest first, and how many there are in all.
pub async fn inbox(db: &Db, filter: &Inbox) -> Result<(Vec<InterestRow>, i64), AppError> {
    let mut conn = db.pool().acquire().await?;
    let rows = repo::list(&mut conn, filter, Some(INBOX_ROWS)).await?;
    let total = repo::count(&mut conn, filter).await?;
    Ok((rows, total))
}

/// One expression of interest as staff read it in `reader`'s language.
pub async fn detail(db: &Db, id: i64, reader: Locale) -> Result<InterestDetail, AppError> {
    let mut conn = db.pool().acquire().await?;
    let (row, role, message, locale, owner_id) = repo::get(&mut conn, id).await?.ok_or(AppError::NotFound)?;
    let country_name = match &row.country {
        Some(code) => {
            crate::ssr::db::taxonomy::country_name(&mut conn, code, crate::domain::locale::code_of(reader)).await?
        }
        None => None,
    };
    let notes = repo::notes(&mut conn, id).await?;
    let staff = repo::staff(&mut conn).await?;
    let history = audit::list(&mut conn, Some(Subject::Interest(id)), None, 100).await?;
    let linked = crate::ssr::db::organisations::of_interest(&mut conn, id).await?;
    let suggestions = crate::ssr::services::organisations::suggestions_for_interest(&mut conn, &row, linked).await?;
    let organisation = match linked {
        Some(org) => match crate::ssr::db::organisations::get(&mut conn, org).await? {
            Some(record) => {
                Some(crate::ssr::services::organisations::with_country_name(&mut conn, record, reader).await?)
            }
            None => None,
        },
        None => None,
    };
    let funder_profile = match &organisation {
        Some(o) => crate::ssr::db::funders::has_profile(&mut conn, o.id).await?,
        None => false,
    };
    Ok(InterestDetail {
        funder_profile,
        row,
        country_name,
        role,
        message,
        locale,
        owner_id,
        notes,
        staff,
        history,
        organisation,
        suggestions,
        agreements: crate::ssr::db::agreements::of_interest(&mut conn, id).await?,
    })
}

/// Moves an expression of interest in the pipeline (stage, owner, amount agreed), audited.
pub async fn move_in_pipeline(db: &Db, member: &StaffMember, id: i64, form: &PipelineForm) -> Result<(), AppError> {
    let p = form.parse().map_err(AppError::Validation)?;
    let now = crate::ssr::infra::clock::now();
    let mut tx = db.begin_write().await?;
    let (before, ..) = repo::get(tx.conn(), id).await?.ok_or(AppError::NotFound)?;
    if before.erased && p.stage != Stage::parse(&before.stage).unwrap_or(Stage::New) {
        return Err(AppError::invalid("stage", FieldCode::Erased));
    }
    if !repo::set_pipeline(tx.conn(), id, &p, now).await? {
        return Err(AppError::invalid("owner", FieldCode::Unknown));
    }
    let detail = json!({
        "from": before.stage,
        "to": p.stage.code(),
        "owner": p.owner,
        "agreed_usd": p.agreed_usd,
    });
    audit::record(tx.conn(), Some(member.id), Subject::Interest(id), "pipeline_changed", &detail, now).await?;
    tx.commit().await?;
    Ok(())
}

pub async fn add_note(db: &Db, member: &StaffMember, id: i64, body: &str) -> Result<(), AppError> {
    let body = body.trim();
    if body.is_empty() {
        return Err(AppError::Validation(vec![FieldError { field: "note".into(), code: FieldCode::Required }]));
    }
    if body.chars().count() > NOTE_MAX {
        return Err(AppError::Validation(vec![FieldError { field: "note".into(), code: FieldCode::TooLong }]));
    }
    let now = crate::ssr::infra::clock::now();
    let mut tx = db.begin_write().await?;
    repo::get(tx.conn(), id).await?.ok_or(AppError::NotFound)?;
    repo::add_note(tx.conn(), id, member.id, body, now).await?;
    audit::record(tx.conn(), Some(member.id), Subject::Interest(id), "note_added", &json!({}), now).await?;
    tx.commit().await?;
    Ok(())
}

/// Everything recorded about the partner of an expression of interest, as JSON (a request
/// for their data).
pub async fn export_partner(db: &Db, admin: &StaffMember, id: i64) -> Result<String, AppError> {
    let d = detail(db, id, Locale::en).await?;
    let now = crate::ssr::infra::clock::now();
    let mut tx = db.begin_write().await?;
    audit::record(tx.conn(), Some(admin.id), Subject::Interest(id), "partner_exported", &json!({}), now).await?;
    tx.commit().await?;
    let r = &d.row;
    let data = json!({
        "organisation": r.organisation,
        "entity_type": r.entity_type,
        "country": r.country,
        "contact_name": r.contact_name,
        "email": r.email,
        "role": d.role,
        "contribution": r.contribution,
        "amount_usd": r.amount_usd,
        "message": d.message,
        "language": d.locale,
        "concept": r.concept_title,
        "stage": r.stage,
        "received_at": crate::domain::format::rfc3339(r.created_at),
        "notes": d.notes.iter().map(|n| json!({ "at": crate::domain::format::rfc3339(n.at), "text": n.body })).collect::<Vec<_>>(),
    });
    Ok(serde_json::to_string_pretty(&data).unwrap_or_default())
}

/// Erases the partner's personal data on request; the anonymised record stays.
pub async fn erase_partner(db: &Db, admin: &StaffMember, id: i64) -> Result<(), AppError> {
    let now = crate::ssr::infra::clock::now();
    let mut tx = db.begin_write().await?;
    let (row, ..) = repo::get(tx.conn(), id).await?.ok_or(AppError::NotFound)?;
    if !row.erased {
        repo::erase(tx.conn(), id, now).await?;
        audit::record(tx.conn(), Some(admin.id), Subject::Interest(id), "partner_erased", &json!({}), now).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// The pipeline in numbers, names in `locale`.
pub async fn dashboard(db: &Db, locale: Locale) -> Result<Dashboard, AppError> {
    let code = crate::domain::locale::code_of(locale);
    let mut conn = db.pool().acquire().await?;
    let counts = repo::stage_counts(&mut conn).await?;
    let by_stage: Vec<(String, i64)> = Stage::ALL
        .iter()
        .map(|s| (s.code().to_owned(), counts.iter().find(|(c, _)| c == s.code()).map_or(0, |(_, n)| *n)))
        .collect();
    let total = by_stage.iter().map(|(_, n)| n).sum();
    let signed = by_stage.iter().find(|(s, _)| s == "signed").map_or(0, |(_, n)| *n);
    let (recorded, recorded_usd_cents) = crate::ssr::db::agreements::concluded_totals(&mut conn).await?;
    Ok(Dashboard {
        recorded,
        recorded_usd_cents,
        by_region: repo::tallies(&mut conn, "region", code).await?,
        by_area: repo::tallies(&mut conn, "area", code).await?,
        signed_usd: repo::signed_total(&mut conn).await?,
        by_stage,
        total,
        signed,
    })
}

/// The filtered inbox as CSV: UTF-8 with a byte-order mark, so spreadsheet programs read
/// Arabic and Chinese right; fields quoted, and cells that would start a formula defused.
pub async fn csv(db: &Db, filter: &Inbox) -> Result<String, AppError> {
    let mut conn = db.pool().acquire().await?;
    let rows = repo::list(&mut conn, filter, None).await?;
    let mut sheet = Sheet::new(&[
        "id",
        "received",
        "concept",
        "organisation",
        "entity_type",
        "country",
        "contact_name",
        "email",
        "contribution",
        "amount_usd",
        "stage",
        "owner",
        "agreed_usd",
    ]);
    for r in rows {
        sheet.row(&[
            r.id.to_string(),
            crate::domain::format::rfc3339(r.created_at),
            r.concept_title,
            r.organisation,
            r.entity_type,
            r.country.unwrap_or_default(),
            r.contact_name,
            r.email,
            r.contribution,
            r.amount_usd.map(|n| n.to_string()).unwrap_or_default(),
            r.stage,
            r.owner.unwrap_or_default(),
            r.agreed_usd.map(|n| n.to_string()).unwrap_or_default(),
        ]);
    }
    Ok(sheet.finish())
}
