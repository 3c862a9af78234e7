//! The delivery worker: runs in every server process, claims due jobs from the outbox (a
//! lease per job, so several processes never take the same one and a crashed one's jobs come
//! back), renders each e-mail in its subscriber's language, sends it, and records the
//! outcome: sent, or another attempt later (exponential backoff with jitter), or failed after
//! the configured number of attempts or a permanent refusal.
use crate::error::AppError;
use crate::ssr::db::outbox::{self, Job, JobKind};
use crate::ssr::infra::mailer::{Mailer, SendError};
use crate::ssr::jobs::mail_layout::Rendered;
use crate::ssr::jobs::{interest_mail, obligation_mail, quote_mail, subscriber_mail};
use crate::ssr::state::AppState;
use std::time::Duration;
use tokio::sync::watch;

/// How often an idle worker looks for work.
const IDLE: Duration = Duration::from_secs(2);

/// Runs until `stop` turns true (or the process stops). Errors are logged and the loop
/// goes on. On stop, the sends under way finish and the jobs claimed but not begun are given
/// back, so another server takes them at once.
pub async fn run(state: AppState, mailer: Mailer, mut stop: watch::Receiver<bool>) {
    let mut last_digest_check = 0;
    while !*stop.borrow() {
        let now = crate::ssr::infra::clock::now();
        if now - last_digest_check >= 60 {
            last_digest_check = now;
            if let Err(e) = queue_digests(&state, now).await {
                tracing::warn!(error = %e, "could not queue digests");
            }
            if let Err(e) = queue_reminders(&state, now).await {
                tracing::warn!(error = %e, "could not queue obligation reminders");
            }
        }
        let idle = match work(&state, &mailer, Some(&stop)).await {
            Ok(n) => n == 0,
            Err(e) => {
                tracing::warn!(error = %e, "delivery round failed");
                true
            }
        };
        if idle {
            tokio::select! {
                () = tokio::time::sleep(IDLE) => {}
                _ = stop.changed() => {}
            }
        }
    }
    tracing::info!("delivery worker stopped");
}

async fn queue_digests(state: &AppState, now: i64) -> Result<(), AppError> {
    let mut tx = state.db.begin_write().await?;
    let queued = outbox::queue_digests(tx.conn(), now).await?;
    tx.commit().await?;
    if queued > 0 {
        tracing::info!(queued, "digests queued");
    }
    Ok(())
}

/// Queues the reminders of obligations whose day has come (once each).
pub async fn queue_reminders(state: &AppState, now: i64) -> Result<u64, AppError> {
    let today = crate::domain::format::iso_date(now);
    let mut tx = state.db.begin_write().await?;
    let queued = outbox::queue_reminders(tx.conn(), &today, now).await?;
    tx.commit().await?;
    if queued > 0 {
        tracing::info!(queued, "obligation reminders queued");
    }
    Ok(queued)
}

/// Claims a batch, sends it with the configured concurrency and rate, records every
/// outcome; returns how many jobs it handled.
pub async fn work_once(state: &AppState, mailer: &Mailer) -> Result<usize, AppError> {
    work(state, mailer, None).await
}

/// One batch; when `stop` turns true, the jobs not yet begun are given back.
async fn work(state: &AppState, mailer: &Mailer, stop: Option<&watch::Receiver<bool>>) -> Result<usize, AppError> {
    let config = &state.config.mail;
    let now = crate::ssr::infra::clock::now();
    let jobs = {
        let mut tx = state.db.begin_write().await?;
        let limit = i64::try_from(config.concurrency * 4).unwrap_or(16);
        let jobs = outbox::claim(tx.conn(), state.db.backend(), now, config.lease_seconds, limit).await?;
        tx.commit().await?;
        jobs
    };
    let mut handled = jobs.len();
    let gap = Duration::from_secs_f64(1.0 / f64::from(config.rate.max(1)));
    let mut running = tokio::task::JoinSet::new();
    let mut jobs = jobs.into_iter();
    while let Some(job) = jobs.next() {
        while running.len() >= config.concurrency.max(1) {
            running.join_next().await;
        }
        if stop.is_some_and(|s| *s.borrow()) {
            let unsent: Vec<i64> = std::iter::once(job.id).chain(jobs.by_ref().map(|j| j.id)).collect();
            handled -= unsent.len();
            give_back(state, &unsent).await;
            break;
        }
        let (state, mailer) = (state.clone(), mailer.clone());
        running.spawn(async move { deliver(&state, &mailer, job).await });
        tokio::time::sleep(gap).await;
    }
    while running.join_next().await.is_some() {}
    Ok(handled)
}

/// Releases jobs this worker claimed and did not begin, without counting an attempt.
async fn give_back(state: &AppState, ids: &[i64]) {
    let result = async {
        let mut tx = state.db.begin_write().await?;
        outbox::release(tx.conn(), ids).await?;
        tx.commit().await
    }
    .await;
    match result {
        Ok(()) => tracing::info!(jobs = ids.len(), "claimed e-mails given back"),
        // Their lease runs out and another worker takes them.
        Err(e) => tracing::warn!(error = %e, "could not give back claimed e-mails"),
    }
}

/// The e-mail of a job, by its kind; `None` when there is nothing to send any more.
async fn render(state: &AppState, job: &Job) -> Result<Option<Rendered>, AppError> {
    match job.kind {
        JobKind::InterestAck | JobKind::InterestNotice => {
            let Some(interest) = job.interest_id else { return Ok(None) };
            let mail = interest_mail::render(state, job, interest).await?;
            Ok(mail.map(|mail| Rendered { mail, concepts: Vec::new() }))
        }
        JobKind::ObligationReminder => {
            let Some(obligation) = job.obligation_id else { return Ok(None) };
            let mail = obligation_mail::render(state, obligation).await?;
            Ok(mail.map(|mail| Rendered { mail, concepts: Vec::new() }))
        }
        JobKind::SponsorshipQuote => {
            let Some(quote) = job.quote_id else { return Ok(None) };
            let mail = quote_mail::render(state, quote).await?;
            Ok(mail.map(|mail| Rendered { mail, concepts: Vec::new() }))
        }
        JobKind::Confirm | JobKind::AlreadySubscribed | JobKind::Alert | JobKind::Digest => {
            subscriber_mail::render(state, job).await
        }
    }
}

/// One job: render, send, record.
async fn deliver(state: &AppState, mailer: &Mailer, job: Job) {
    let outcome = match render(state, &job).await {
        Ok(Some(rendered)) => {
            let id = format!("pop.{}.{}", job.id, job.created_at);
            mailer.send(rendered.mail, &id).await.map(|()| Some(rendered.concepts))
        }
        // Nothing to send any more (the subscriber left, the concept was withdrawn…).
        Ok(None) => Ok(None),
        Err(e) => Err(SendError { permanent: false, reason: format!("cannot prepare the message: {e}") }),
    };
    record(state, &job, &outcome).await;
}

/// How long the outcome of a send is tried again while the database is away.
const RECORD_FOR: Duration = Duration::from_secs(60);

/// Records the outcome of a job. While the database is away (a restart, a fail-over) this
/// is tried again every second for up to a minute, so a message sent during a short outage
/// is recorded as soon as the database is back — before another worker could take the job
/// again once its lease has run out, and send it a second time.
async fn record(state: &AppState, job: &Job, outcome: &Result<Option<Vec<i64>>, SendError>) {
    let give_up = tokio::time::Instant::now() + RECORD_FOR;
    let mut wait = Duration::from_millis(100);
    loop {
        match record_once(state, job, outcome).await {
            Ok(()) => return,
            Err(e) if tokio::time::Instant::now() + wait < give_up => {
                tracing::warn!(job = job.id, error = %e, "could not record a delivery outcome yet; trying again");
                tokio::time::sleep(wait).await;
                wait = (wait * 2).min(Duration::from_secs(1));
            }
            Err(e) => {
                // The lease runs out and the job is taken again: at least once.
                tracing::error!(job = job.id, error = %e, "could not record a delivery outcome");
                return;
            }
        }
    }
}

async fn record_once(
    state: &AppState,
    job: &Job,
    outcome: &Result<Option<Vec<i64>>, SendError>,
) -> Result<(), AppError> {
    let now = crate::ssr::infra::clock::now();
    let mut tx = state.db.begin_write().await?;
    match outcome {
        Ok(Some(concepts)) => {
            subscriber_mail::delivered(tx.conn(), job, concepts, now).await?;
            outbox::finish(tx.conn(), job.id, "sent", None, now).await?;
        }
        Ok(None) => outbox::finish(tx.conn(), job.id, "skipped", None, now).await?,
        Err(e) if e.permanent || job.attempts >= state.config.mail.attempts => {
            tracing::warn!(job = job.id, kind = %job.kind, reason = %e.reason, "message failed");
            outbox::finish(tx.conn(), job.id, "failed", Some(&e.reason), now).await?;
        }
        Err(e) => {
            let at = now + backoff(job.attempts);
            tracing::info!(job = job.id, attempt = job.attempts, retry_at = at, reason = %e.reason, "message deferred");
            outbox::retry_at(tx.conn(), job.id, at, &e.reason).await?;
        }
    }
    tx.commit().await?;
    Ok(())
}

/// Seconds before attempt `attempts + 1`: 30 s doubling up to 6 h, with up to a quarter of
/// random jitter so that retries after an outage do not all arrive at once.
pub fn backoff(attempts: i64) -> i64 {
    let base = 30_i64.saturating_mul(1 << attempts.clamp(0, 10)).min(6 * 3600);
    let jitter = i64::from(crate::ssr::infra::random::new_token().as_bytes()[0] % 64) * base / 256;
    base + jitter
}

#[cfg(test)]
mod tests {
    use super::backoff;

    #[test]
    fn backoff_grows_is_capped_and_jittered() {
        let first = backoff(1);
        assert!((60..=75).contains(&first), "{first}");
        assert!(backoff(3) >= 240);
        assert!(backoff(30) <= 6 * 3600 + 6 * 3600 / 4);
    }
}
