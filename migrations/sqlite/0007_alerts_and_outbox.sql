-- Consent, personal links, the alerts owed to each subscriber, and the outbox of e-mails.
-- Work that must survive a crash is a row here, written in the transaction of its cause and
-- done by the delivery worker, which records each attempt on the row.

-- What the subscriber agreed to (JSON: time, criteria, language), kept when they change it.
ALTER TABLE subscribers ADD COLUMN consent TEXT NOT NULL DEFAULT '{}';
-- When the last digest was sent (daily and weekly subscribers).
ALTER TABLE subscribers ADD COLUMN last_digest_at INTEGER;

-- Personal links. Each e-mail gets a new random token; only its SHA-256 is kept. A
-- confirmation link works once and expires; a manage link works until it expires or is revoked.
CREATE TABLE subscriber_links (
    token_hash TEXT PRIMARY KEY,
    subscriber_id INTEGER NOT NULL REFERENCES subscribers (id) ON DELETE CASCADE,
    purpose TEXT NOT NULL CHECK (purpose IN ('confirm', 'manage')),
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    used_at INTEGER,
    revoked_at INTEGER
);
CREATE INDEX subscriber_links_subscriber ON subscriber_links (subscriber_id);

-- One row per subscriber and concept, ever: nobody is alerted twice for one concept, however
-- often it is edited or published again.
CREATE TABLE alerts (
    subscriber_id INTEGER NOT NULL REFERENCES subscribers (id) ON DELETE CASCADE,
    concept_id INTEGER NOT NULL REFERENCES concepts (id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    -- The e-mail that carried it (its own, or a digest); NULL while owed.
    message_id INTEGER,
    PRIMARY KEY (subscriber_id, concept_id)
);
CREATE INDEX alerts_concept ON alerts (concept_id);
CREATE INDEX alerts_owed ON alerts (subscriber_id, message_id);

-- E-mails to send, rendered when sent from the ids here.
CREATE TABLE outbox (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('confirm', 'already_subscribed', 'alert', 'digest')),
    subscriber_id INTEGER NOT NULL REFERENCES subscribers (id) ON DELETE CASCADE,
    concept_id INTEGER REFERENCES concepts (id) ON DELETE CASCADE,
    -- skipped: nothing to send any more (the subscriber left, the concept was withdrawn).
    status TEXT NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'sent', 'failed', 'skipped')),
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL,
    -- A worker holds a job until then; a job whose worker died is taken again after it.
    locked_until INTEGER,
    last_error TEXT,
    created_at INTEGER NOT NULL,
    sent_at INTEGER
);
CREATE INDEX outbox_due ON outbox (status, next_attempt_at);
CREATE INDEX outbox_concept ON outbox (concept_id, status);
-- One alert e-mail per subscriber and concept.
CREATE UNIQUE INDEX outbox_one_alert ON outbox (subscriber_id, concept_id) WHERE kind = 'alert';
-- At most one digest waiting per subscriber.
CREATE UNIQUE INDEX outbox_one_digest ON outbox (subscriber_id) WHERE kind = 'digest' AND status = 'queued';
