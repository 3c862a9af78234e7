-- Obligations are reminded by e-mail through the outbox (`obligation_reminder`, one per
-- obligation), in the language the owner uses the staff area in (set at each sign-in).
-- SQLite cannot change a CHECK in place, so the outbox is built again with its rows and
-- indexes.
ALTER TABLE staff_users ADD COLUMN locale TEXT NOT NULL DEFAULT 'en'
    CHECK (locale IN ('ar', 'en', 'es', 'fr', 'ru', 'zh'));

CREATE TABLE outbox_next (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('confirm', 'already_subscribed', 'alert', 'digest',
        'interest_ack', 'interest_notice', 'obligation_reminder')),
    subscriber_id INTEGER REFERENCES subscribers (id) ON DELETE CASCADE,
    concept_id INTEGER REFERENCES concepts (id) ON DELETE CASCADE,
    interest_id INTEGER REFERENCES interests (id) ON DELETE CASCADE,
    -- The address of a notice to staff.
    recipient TEXT,
    obligation_id INTEGER REFERENCES agreement_obligations (id) ON DELETE CASCADE,
    status TEXT NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'sent', 'failed', 'skipped')),
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL,
    locked_until INTEGER,
    last_error TEXT,
    created_at INTEGER NOT NULL,
    sent_at INTEGER,
    CHECK ((kind IN ('interest_ack', 'interest_notice')) = (interest_id IS NOT NULL)),
    CHECK (kind IN ('interest_ack', 'interest_notice', 'obligation_reminder') OR subscriber_id IS NOT NULL),
    CHECK (kind <> 'interest_notice' OR recipient IS NOT NULL),
    CHECK ((kind = 'obligation_reminder') = (obligation_id IS NOT NULL))
);
INSERT INTO outbox_next (id, kind, subscriber_id, concept_id, interest_id, recipient, status, attempts,
    next_attempt_at, locked_until, last_error, created_at, sent_at)
SELECT id, kind, subscriber_id, concept_id, interest_id, recipient, status, attempts, next_attempt_at,
    locked_until, last_error, created_at, sent_at FROM outbox;
DROP TABLE outbox;
ALTER TABLE outbox_next RENAME TO outbox;
CREATE INDEX outbox_due ON outbox (status, next_attempt_at);
CREATE INDEX outbox_concept ON outbox (concept_id, status);
CREATE INDEX outbox_interest ON outbox (interest_id);
CREATE UNIQUE INDEX outbox_one_alert ON outbox (subscriber_id, concept_id) WHERE kind = 'alert';
CREATE UNIQUE INDEX outbox_one_digest ON outbox (subscriber_id) WHERE kind = 'digest' AND status = 'queued';
-- One reminder per obligation, whichever server's sweep queues it.
CREATE UNIQUE INDEX outbox_one_reminder ON outbox (obligation_id) WHERE kind = 'obligation_reminder';
