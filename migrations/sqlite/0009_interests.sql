-- Expressions of interest from potential partners, the pipeline staff move them through, their
-- internal notes, and the e-mails they cause (an acknowledgement to the partner, a notice to
-- staff), which join the outbox so that none is lost.

CREATE TABLE interests (
    id INTEGER PRIMARY KEY,
    concept_id INTEGER NOT NULL REFERENCES concepts (id),
    organisation TEXT NOT NULL,
    entity_type TEXT NOT NULL CHECK (entity_type IN ('government', 'private_sector', 'academia', 'ngo',
        'international_organisation', 'development_bank', 'foundation', 'other')),
    country_code TEXT REFERENCES countries (code),
    contact_name TEXT NOT NULL,
    -- Lower-cased.
    email TEXT NOT NULL,
    -- The contact's position in their organisation.
    role TEXT NOT NULL,
    contribution TEXT NOT NULL CHECK (contribution IN ('funding', 'in_kind', 'expertise', 'other')),
    -- Indicative, in US dollars, with funding.
    amount_usd INTEGER,
    message TEXT NOT NULL,
    -- The partner's language: the acknowledgement is written in it.
    locale TEXT NOT NULL CHECK (locale IN ('ar', 'en', 'es', 'fr', 'ru', 'zh')),
    -- When they agreed to be contacted (no submission without it).
    consented_at INTEGER NOT NULL,
    stage TEXT NOT NULL DEFAULT 'new' CHECK (stage IN ('new', 'contacted', 'in_discussion', 'proposal',
        'signed', 'declined', 'withdrawn')),
    -- The staff member following it up.
    owner_id INTEGER REFERENCES staff_users (id),
    -- Recorded when the agreement is signed, in US dollars.
    agreed_usd INTEGER,
    -- SHA-256 of concept, address and message: the same submission sent twice is one record.
    fingerprint TEXT NOT NULL UNIQUE,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    -- Personal data removed on request; the record stays, anonymised, so the counts stay true.
    erased_at INTEGER
);
CREATE INDEX interests_concept ON interests (concept_id);
CREATE INDEX interests_stage ON interests (stage, created_at);
CREATE INDEX interests_email ON interests (email);

CREATE TABLE interest_notes (
    id INTEGER PRIMARY KEY,
    interest_id INTEGER NOT NULL REFERENCES interests (id) ON DELETE CASCADE,
    author_id INTEGER REFERENCES staff_users (id),
    body TEXT NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX interest_notes_interest ON interest_notes (interest_id);

-- The outbox takes e-mails about an expression of interest: to the partner (`interest_ack`)
-- and to staff (`interest_notice`, to `recipient`). SQLite cannot change a CHECK in place,
-- so the table is built again with its rows and indexes.
CREATE TABLE outbox_next (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('confirm', 'already_subscribed', 'alert', 'digest',
        'interest_ack', 'interest_notice')),
    subscriber_id INTEGER REFERENCES subscribers (id) ON DELETE CASCADE,
    concept_id INTEGER REFERENCES concepts (id) ON DELETE CASCADE,
    interest_id INTEGER REFERENCES interests (id) ON DELETE CASCADE,
    -- The address of a notice to staff.
    recipient TEXT,
    status TEXT NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'sent', 'failed', 'skipped')),
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL,
    locked_until INTEGER,
    last_error TEXT,
    created_at INTEGER NOT NULL,
    sent_at INTEGER,
    CHECK ((kind IN ('interest_ack', 'interest_notice')) = (interest_id IS NOT NULL)),
    CHECK (kind IN ('interest_ack', 'interest_notice') OR subscriber_id IS NOT NULL),
    CHECK (kind <> 'interest_notice' OR recipient IS NOT NULL)
);
INSERT INTO outbox_next (id, kind, subscriber_id, concept_id, status, attempts, next_attempt_at, locked_until,
    last_error, created_at, sent_at)
SELECT id, kind, subscriber_id, concept_id, status, attempts, next_attempt_at, locked_until, last_error,
    created_at, sent_at FROM outbox;
DROP TABLE outbox;
ALTER TABLE outbox_next RENAME TO outbox;
CREATE INDEX outbox_due ON outbox (status, next_attempt_at);
CREATE INDEX outbox_concept ON outbox (concept_id, status);
CREATE INDEX outbox_interest ON outbox (interest_id);
CREATE UNIQUE INDEX outbox_one_alert ON outbox (subscriber_id, concept_id) WHERE kind = 'alert';
CREATE UNIQUE INDEX outbox_one_digest ON outbox (subscriber_id) WHERE kind = 'digest' AND status = 'queued';
