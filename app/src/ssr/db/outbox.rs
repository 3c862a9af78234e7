//! The outbox: e-mails owed, claimed by delivery workers with a lease, and the record of
//! every attempt. A job whose worker dies is taken again when its lease ends (at least
//! once); a job is never lost, it ends `sent`, `failed` or `skipped`.
use crate::ssr::infra::database::Backend;
use sqlx::AnyConnection;

/// What a job sends; stored as its [`code`](JobKind::code).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum JobKind {
    /// The double opt-in link to a new subscriber.
    Confirm,
    /// To someone who subscribed again with an address already subscribed: their manage link.
    AlreadySubscribed,
    /// One published concept, to an immediate subscriber.
    Alert,
    /// The concepts owed to a daily or weekly subscriber.
    Digest,
    /// The acknowledgement to a partner who expressed interest.
    InterestAck,
    /// The notice of an expression of interest to a member of staff.
    InterestNotice,
    /// An agreement's obligation coming due, to its owner.
    ObligationReminder,
    /// A sponsorship quote, to the contact who asked for it.
    SponsorshipQuote,
}

impl JobKind {
    pub const ALL: [JobKind; 8] = [
        JobKind::Confirm,
        JobKind::AlreadySubscribed,
        JobKind::Alert,
        JobKind::Digest,
        JobKind::InterestAck,
        JobKind::InterestNotice,
        JobKind::ObligationReminder,
        JobKind::SponsorshipQuote,
    ];

    pub fn code(self) -> &'static str {
        match self {
            JobKind::Confirm => "confirm",
            JobKind::AlreadySubscribed => "already_subscribed",
            JobKind::Alert => "alert",
            JobKind::Digest => "digest",
            JobKind::InterestAck => "interest_ack",
            JobKind::InterestNotice => "interest_notice",
            JobKind::ObligationReminder => "obligation_reminder",
            JobKind::SponsorshipQuote => "sponsorship_quote",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == code)
    }
}

impl std::fmt::Display for JobKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

/// A claimed job.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Job {
    pub id: i64,
    pub kind: JobKind,
    /// For the e-mails to subscribers.
    pub subscriber_id: Option<i64>,
    pub concept_id: Option<i64>,
    /// For the e-mails about an expression of interest.
    pub interest_id: Option<i64>,
    /// The address of a notice to staff.
    pub recipient: Option<String>,
    /// For the reminder of an agreement's obligation.
    pub obligation_id: Option<i64>,
    /// For a sponsorship quote.
    pub quote_id: Option<i64>,
    /// Including this one.
    pub attempts: i64,
    /// When it was queued; with the id, names the message (its Message-ID) on every attempt.
    pub created_at: i64,
}

/// A claimed row as stored.
#[derive(sqlx::FromRow)]
struct JobRow {
    id: i64,
    kind: String,
    subscriber_id: Option<i64>,
    concept_id: Option<i64>,
    interest_id: Option<i64>,
    recipient: Option<String>,
    obligation_id: Option<i64>,
    quote_id: Option<i64>,
    attempts: i64,
    created_at: i64,
}

/// Queues a message about a subscriber (confirmation, "already subscribed").
pub async fn queue(conn: &mut AnyConnection, kind: JobKind, subscriber_id: i64, now: i64) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO outbox (kind, subscriber_id, next_attempt_at, created_at) VALUES ($1, $2, $3, $3)")
        .bind(kind.code())
        .bind(subscriber_id)
        .bind(now)
        .execute(conn)
        .await
        .map(drop)
}

/// Queues an e-mail about an expression of interest: the acknowledgement to the partner
/// (`recipient` `None`) or a notice to a member of staff.
pub async fn queue_interest_mail(
    conn: &mut AnyConnection,
    interest_id: i64,
    recipient: Option<&str>,
    now: i64,
) -> Result<(), sqlx::Error> {
    let kind = if recipient.is_some() { JobKind::InterestNotice } else { JobKind::InterestAck };
    sqlx::query(
        "INSERT INTO outbox (kind, interest_id, recipient, next_attempt_at, created_at) VALUES ($1, $2, $3, $4, $4)",
    )
    .bind(kind.code())
    .bind(interest_id)
    .bind(recipient)
    .bind(now)
    .execute(conn)
    .await
    .map(drop)
}

/// Queues the e-mail of sponsorship quote `quote_id` to its contact, in the quote's
/// transaction.
pub async fn queue_quote_mail(conn: &mut AnyConnection, quote_id: i64, now: i64) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO outbox (kind, quote_id, next_attempt_at, created_at) VALUES ($1, $2, $3, $3)")
        .bind(JobKind::SponsorshipQuote.code())
        .bind(quote_id)
        .bind(now)
        .execute(conn)
        .await
        .map(drop)
}

/// Queues the alert e-mail of every immediate subscriber owed `concept_id` (one per alert,
/// never two). In the transaction that wrote the alerts.
pub async fn queue_alerts(conn: &mut AnyConnection, concept_id: i64, now: i64) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO outbox (kind, subscriber_id, concept_id, next_attempt_at, created_at) \
         SELECT $3, a.subscriber_id, a.concept_id, $2, $2 FROM alerts a \
         JOIN subscribers s ON s.id = a.subscriber_id \
         WHERE a.concept_id = $1 AND a.message_id IS NULL AND s.frequency = 'immediate' \
         ON CONFLICT DO NOTHING",
    )
    .bind(concept_id)
    .bind(now)
    .bind(JobKind::Alert.code())
    .execute(conn)
    .await
    .map(drop)
}

/// Takes up to `limit` due jobs for `lease` seconds. On PostgreSQL, rows other workers are
/// taking are skipped (`FOR UPDATE SKIP LOCKED`); SQLite has one writer at a time, so the
/// update is the claim.
pub async fn claim(
    conn: &mut AnyConnection,
    backend: Backend,
    now: i64,
    lease: i64,
    limit: i64,
) -> Result<Vec<Job>, sqlx::Error> {
    let lock = match backend {
        Backend::Postgres => "FOR UPDATE SKIP LOCKED",
        Backend::Sqlite => "",
    };
    let rows: Vec<JobRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "UPDATE outbox SET locked_until = $1, attempts = attempts + 1 WHERE id IN ( \
           SELECT id FROM outbox WHERE status = 'queued' AND next_attempt_at <= $2 \
             AND (locked_until IS NULL OR locked_until < $2) \
           ORDER BY next_attempt_at, id LIMIT $3 {lock}) \
         RETURNING id, kind, subscriber_id, concept_id, interest_id, recipient, obligation_id, quote_id, attempts, \
         created_at"
    )))
    .bind(now + lease)
    .bind(now)
    .bind(limit)
    .fetch_all(&mut *conn)
    .await?;
    let mut jobs = Vec::with_capacity(rows.len());
    for row in rows {
        let Some(kind) = JobKind::parse(&row.kind) else {
            // Written by a binary that knows more kinds, or by hand: it fails where staff
            // see it (and can send it again once a server that knows it runs).
            tracing::error!(job = row.id, kind = %row.kind, "outbox job of an unknown kind");
            finish(&mut *conn, row.id, "failed", Some("unknown kind of message"), now).await?;
            continue;
        };
        jobs.push(Job {
            id: row.id,
            kind,
            subscriber_id: row.subscriber_id,
            concept_id: row.concept_id,
            interest_id: row.interest_id,
            recipient: row.recipient,
            obligation_id: row.obligation_id,
            quote_id: row.quote_id,
            attempts: row.attempts,
            created_at: row.created_at,
        });
    }
    Ok(jobs)
}

/// Gives back jobs claimed and not begun: free to take at once, the claim not counted as an
/// attempt.
pub async fn release(conn: &mut AnyConnection, ids: &[i64]) -> Result<(), sqlx::Error> {
    for id in ids {
        sqlx::query(
            "UPDATE outbox SET locked_until = NULL, attempts = attempts - 1 \
             WHERE id = $1 AND status = 'queued' AND attempts > 0",
        )
        .bind(id)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// Ends a job: `sent`, `failed` or `skipped` (with the reason).
pub async fn finish(
    conn: &mut AnyConnection,
    id: i64,
    status: &str,
    error: Option<&str>,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE outbox SET status = $1, last_error = $2, locked_until = NULL, \
           sent_at = CASE WHEN $1 = 'sent' THEN $3 ELSE sent_at END WHERE id = $4",
    )
    .bind(status)
    .bind(error)
    .bind(now)
    .bind(id)
    .execute(conn)
    .await
    .map(drop)
}

/// Puts a job back for another attempt at `at`.
pub async fn retry_at(conn: &mut AnyConnection, id: i64, at: i64, error: &str) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE outbox SET next_attempt_at = $1, last_error = $2, locked_until = NULL WHERE id = $3")
        .bind(at)
        .bind(error)
        .bind(id)
        .execute(conn)
        .await
        .map(drop)
}

/// Queues a digest for every daily or weekly subscriber whose period has passed and who is
/// owed alerts; at most one waits per subscriber. Returns how many were queued.
pub async fn queue_digests(conn: &mut AnyConnection, now: i64) -> Result<u64, sqlx::Error> {
    Ok(sqlx::query(
        "INSERT INTO outbox (kind, subscriber_id, next_attempt_at, created_at) \
         SELECT $2, s.id, $1, $1 FROM subscribers s \
         WHERE s.status = 'active' AND s.frequency IN ('daily', 'weekly') \
           AND COALESCE(s.last_digest_at, 0) <= $1 - CASE s.frequency WHEN 'daily' THEN 86400 ELSE 604800 END \
           AND EXISTS (SELECT 1 FROM alerts a WHERE a.subscriber_id = s.id AND a.message_id IS NULL) \
           AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.subscriber_id = s.id AND o.kind = $2 AND o.status = 'queued') \
         ON CONFLICT DO NOTHING",
    )
    .bind(now)
    .bind(JobKind::Digest.code())
    .execute(conn)
    .await?
    .rows_affected())
}

/// Queues the reminder of every obligation whose reminder day has come (`today`,
/// `YYYY-MM-DD`) and whose due date has not passed, that has an owner and belongs to an
/// agreement still in force or in preparation; marks them reminded in the same
/// transaction, so each is reminded once. Returns how many were queued.
pub async fn queue_reminders(conn: &mut AnyConnection, today: &str, now: i64) -> Result<u64, sqlx::Error> {
    let queued = sqlx::query(
        "INSERT INTO outbox (kind, obligation_id, next_attempt_at, created_at) \
         SELECT $3, o.id, $2, $2 FROM agreement_obligations o \
         WHERE o.reminded_at IS NULL AND o.remind_on <= $1 AND o.due_on >= $1 AND o.owner_id IS NOT NULL \
           AND EXISTS (SELECT 1 FROM agreements a WHERE a.id = o.agreement_id \
                       AND a.status NOT IN ('expired', 'terminated')) \
         ON CONFLICT DO NOTHING",
    )
    .bind(today)
    .bind(now)
    .bind(JobKind::ObligationReminder.code())
    .execute(&mut *conn)
    .await?
    .rows_affected();
    // Reminded: every obligation with its reminder in the outbox (queued here or by another server).
    sqlx::query(
        "UPDATE agreement_obligations SET reminded_at = $1 WHERE reminded_at IS NULL \
           AND id IN (SELECT obligation_id FROM outbox WHERE kind = $2)",
    )
    .bind(now)
    .bind(JobKind::ObligationReminder.code())
    .execute(conn)
    .await?;
    Ok(queued)
}

/// Every e-mail per kind and status: `(kind, status, count)`.
pub async fn counts_by_kind(conn: &mut AnyConnection) -> Result<Vec<(String, String, i64)>, sqlx::Error> {
    sqlx::query_as("SELECT kind, status, COUNT(*) FROM outbox GROUP BY kind, status ORDER BY kind, status")
        .fetch_all(conn)
        .await
}

/// The alert e-mails per concept, the concepts with the latest ones first: `(concept id,
/// original title, status, count)` rows, at most `limit` concepts.
pub async fn concept_counts(
    conn: &mut AnyConnection,
    limit: i64,
) -> Result<Vec<(i64, String, String, i64)>, sqlx::Error> {
    sqlx::query_as(
        "WITH latest AS (SELECT concept_id, MAX(id) AS last FROM outbox WHERE concept_id IS NOT NULL \
                         GROUP BY concept_id ORDER BY last DESC LIMIT $1) \
         SELECT o.concept_id, t.title, o.status, COUNT(*) FROM latest l \
         JOIN outbox o ON o.concept_id = l.concept_id \
         JOIN concepts c ON c.id = l.concept_id \
         JOIN concept_translations t ON t.concept_id = c.id AND t.locale = c.original_locale \
         GROUP BY o.concept_id, t.title, o.status, l.last ORDER BY l.last DESC, o.status",
    )
    .bind(limit)
    .fetch_all(conn)
    .await
}

/// Messages about no single concept (confirmations, digests…) per status.
pub async fn other_counts(conn: &mut AnyConnection) -> Result<Vec<(String, i64)>, sqlx::Error> {
    sqlx::query_as("SELECT status, COUNT(*) FROM outbox WHERE concept_id IS NULL GROUP BY status").fetch_all(conn).await
}

/// Queues the failed e-mails about a concept (or, with `None`, about no single concept)
/// again, from a first attempt; returns how many.
pub async fn retry_failed(conn: &mut AnyConnection, concept_id: Option<i64>, now: i64) -> Result<u64, sqlx::Error> {
    let which = if concept_id.is_some() { "concept_id = $2" } else { "concept_id IS NULL AND $2 IS NULL" };
    Ok(sqlx::query(sqlx::AssertSqlSafe(format!(
        "UPDATE outbox SET status = 'queued', attempts = 0, next_attempt_at = $1, locked_until = NULL \
         WHERE {which} AND status = 'failed'"
    )))
    .bind(now)
    .bind(concept_id)
    .execute(conn)
    .await?
    .rows_affected())
}

#[cfg(test)]
mod tests {
    use super::JobKind;

    #[test]
    fn every_job_kind_reads_back_from_its_code() {
        for kind in JobKind::ALL {
            assert_eq!(JobKind::parse(kind.code()), Some(kind));
        }
        assert_eq!(JobKind::parse("alerts"), None);
    }
}
