//! Subscribing with double opt-in, confirming, managing preferences, leaving and coming
//! back, and the dry run of criteria. The subscribe form answers the same whether the
//! address is new or known (the e-mail differs), so it reveals nothing about who subscribed.
use crate::domain::catalogue::FacetKind;
use crate::domain::subscription::{Criteria, DryRun, Preferences, Subscription, SubscriptionForm};
use crate::error::{AppError, FieldCode, FieldError};
use crate::i18n::Locale;
use crate::ssr::db::matching;
use crate::ssr::db::outbox::{self, JobKind};
use crate::ssr::db::{concepts, rate, subscribers};
use crate::ssr::infra::database::{Db, WriteTx};
use crate::ssr::infra::random::token_hash;
use serde_json::json;

/// The dry run looks this far back.
pub const DRY_RUN_DAYS: i64 = 90;
/// Subscribe requests allowed per address and per client address per hour.
pub const PER_EMAIL: i64 = 3;
pub const PER_IP: i64 = 20;

/// What criteria would have brought in the last 90 days: the count and the newest ten,
/// titled in `locale`. Unknown codes are left out (subscribing with them is refused).
pub async fn dry_run(db: &Db, locale: Locale, c: &Criteria) -> Result<DryRun, AppError> {
    let since = crate::ssr::infra::clock::now() - DRY_RUN_DAYS * 86_400;
    let mut conn = db.pool().acquire().await?;
    let (total, ids) = matching::dry_run(&mut conn, c, since, 10).await?;
    let concepts = concepts::cards(&mut conn, crate::domain::locale::code_of(locale), &ids).await?;
    Ok(DryRun { total, days: DRY_RUN_DAYS, concepts })
}

/// Subscribes an address (pending until confirmed) or, for a known address, sends it its
/// manage link. Either way the answer is the same.
pub async fn subscribe(db: &Db, form: &SubscriptionForm, client_ip: &str) -> Result<(), AppError> {
    let s = form.parse().map_err(AppError::Validation)?;
    let now = crate::ssr::infra::clock::now();
    let mut tx = db.begin_write().await?;
    let unknown = unknown_codes(&mut tx, &s).await?;
    if !unknown.is_empty() {
        return Err(AppError::Validation(unknown));
    }
    let hour_ago = now - 3600;
    let allowed = rate::allow(tx.conn(), &format!("subscribe-ip:{client_ip}"), PER_IP, hour_ago, now).await?
        && rate::allow(tx.conn(), &format!("subscribe-email:{}", s.email), PER_EMAIL, hour_ago, now).await?;
    if !allowed {
        // The counts are kept: they are what limits the next request.
        tx.commit().await?;
        return Err(AppError::RateLimited);
    }
    let consent = consent(&s, now);
    match subscribers::by_email(tx.conn(), s.email.as_str()).await? {
        None => {
            let id = subscribers::insert(tx.conn(), &s, &consent, now).await?;
            subscribers::set_criteria(tx.conn(), id, &s.criteria).await?;
            outbox::queue(tx.conn(), JobKind::Confirm, id, now).await?;
        }
        // Never confirmed: this is a new attempt, with what was typed now.
        Some((id, status)) if status == "pending" => {
            subscribers::update(tx.conn(), id, &s, &consent).await?;
            subscribers::set_criteria(tx.conn(), id, &s.criteria).await?;
            outbox::queue(tx.conn(), JobKind::Confirm, id, now).await?;
        }
        // Known: nothing changes; the address gets its manage link.
        Some((id, _)) => outbox::queue(tx.conn(), JobKind::AlreadySubscribed, id, now).await?,
    }
    tx.commit().await?;
    Ok(())
}

/// Confirms with a link from the confirmation e-mail (once, in time).
pub async fn confirm(db: &Db, token: &str) -> Result<(), AppError> {
    let now = crate::ssr::infra::clock::now();
    let mut tx = db.begin_write().await?;
    let id = subscribers::use_confirmation(tx.conn(), &token_hash(token), now)
        .await?
        .ok_or(AppError::invalid("token", FieldCode::Expired))?;
    subscribers::set_status(tx.conn(), id, "active", now).await?;
    tx.commit().await?;
    Ok(())
}

/// The subscription a manage link is for.
pub async fn preferences(db: &Db, token: &str) -> Result<Preferences, AppError> {
    let mut conn = db.pool().acquire().await?;
    let id = live_link(&mut conn, token).await?;
    let s = subscribers::get(&mut conn, id).await?.ok_or(AppError::invalid("token", FieldCode::Expired))?;
    let criteria = subscribers::criteria(&mut conn, id).await?;
    Ok(Preferences { status: s.status.clone(), form: subscribers::form_of(&s, criteria) })
}

/// Saves new preferences (the address stays: a new address subscribes anew). Saving from an
/// unsubscribed state subscribes again.
pub async fn save_preferences(db: &Db, token: &str, form: &SubscriptionForm) -> Result<(), AppError> {
    let now = crate::ssr::infra::clock::now();
    let mut tx = db.begin_write().await?;
    let id = live_link(tx.conn(), token).await?;
    let current = subscribers::get(tx.conn(), id).await?.ok_or(AppError::invalid("token", FieldCode::Expired))?;
    let form = SubscriptionForm { email: current.email.clone(), ..form.clone() };
    let s = form.parse().map_err(AppError::Validation)?;
    let unknown = unknown_codes(&mut tx, &s).await?;
    if !unknown.is_empty() {
        return Err(AppError::Validation(unknown));
    }
    subscribers::update(tx.conn(), id, &s, &consent(&s, now)).await?;
    subscribers::set_criteria(tx.conn(), id, &s.criteria).await?;
    if current.status != "active" {
        subscribers::set_status(tx.conn(), id, "active", now).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Leaves: no more alerts; the links keep working, so they can come back.
pub async fn unsubscribe(db: &Db, token: &str) -> Result<(), AppError> {
    let now = crate::ssr::infra::clock::now();
    let mut tx = db.begin_write().await?;
    let id = live_link(tx.conn(), token).await?;
    subscribers::set_status(tx.conn(), id, "unsubscribed", now).await?;
    tx.commit().await?;
    Ok(())
}

/// Ends every personal link but this one (a forwarded e-mail, say).
pub async fn revoke_other_links(db: &Db, token: &str) -> Result<u64, AppError> {
    let now = crate::ssr::infra::clock::now();
    let mut tx = db.begin_write().await?;
    let id = live_link(tx.conn(), token).await?;
    let revoked = subscribers::revoke_links(tx.conn(), id, &token_hash(token), now).await?;
    tx.commit().await?;
    Ok(revoked)
}

async fn live_link(conn: &mut sqlx::AnyConnection, token: &str) -> Result<i64, AppError> {
    let valid = token.len() == 64 && token.bytes().all(|b| b.is_ascii_hexdigit());
    if !valid {
        return Err(AppError::invalid("token", FieldCode::Expired));
    }
    subscribers::manage_link(conn, &token_hash(token), crate::ssr::infra::clock::now())
        .await?
        .ok_or(AppError::invalid("token", FieldCode::Expired))
}

/// What was agreed to, kept with the subscription.
fn consent(s: &Subscription, now: i64) -> String {
    json!({
        "at": now,
        "locale": s.locale,
        "frequency": s.frequency,
        "areas": s.criteria.areas,
        "regions": s.criteria.regions,
        "countries": s.criteria.countries,
        "groups": s.criteria.groups,
    })
    .to_string()
}

/// Codes the taxonomy does not know, as field errors.
async fn unknown_codes(tx: &mut WriteTx, s: &Subscription) -> Result<Vec<FieldError>, sqlx::Error> {
    let country: Vec<String> = s.country.clone().into_iter().collect();
    crate::ssr::services::taxonomy::unknown_choices(
        tx.conn(),
        &[
            ("areas", FacetKind::Area, &s.criteria.areas),
            ("regions", FacetKind::Region, &s.criteria.regions),
            ("countries", FacetKind::Country, &s.criteria.countries),
            ("country", FacetKind::Country, &country),
        ],
    )
    .await
}
