-- Quotes: a numbered, indicative offer (`Q-YYYY-NNNN`, not an invoice number) for the
-- activities a visitor chose at an event, for an organisation and its contact, valid until a
-- date, with the price book version it was priced from and its own lines, so it keeps its
-- prices whatever the price book becomes. Its page is reached by the token link its e-mail
-- carries (only the token's hash is kept, set when the e-mail is written). The e-mail goes through the outbox (`sponsorship_quote`), written in
-- the quote's transaction. SQLite cannot change a CHECK in place, so the outbox is built
-- again with its rows and indexes.
CREATE TABLE sponsorship_quote_numbers (
    year INTEGER PRIMARY KEY,
    last INTEGER NOT NULL
);

CREATE TABLE sponsorship_quotes (
    id INTEGER PRIMARY KEY,
    number TEXT NOT NULL UNIQUE,
    -- Set when the e-mail is written: the link it carries is the only way to the page.
    token_hash TEXT UNIQUE,
    event_id INTEGER NOT NULL REFERENCES sponsorship_events (id) ON DELETE CASCADE,
    price_book_id INTEGER NOT NULL REFERENCES sponsorship_price_books (id),
    organisation TEXT NOT NULL,
    contact_name TEXT NOT NULL,
    email TEXT NOT NULL,
    locale TEXT NOT NULL CHECK (locale IN ('ar', 'en', 'es', 'fr', 'ru', 'zh')),
    -- The organisation said it is a member of the agency (to be verified by staff).
    member_claimed INTEGER NOT NULL DEFAULT 0 CHECK (member_claimed IN (0, 1)),
    currency TEXT NOT NULL,
    total_minor INTEGER NOT NULL CHECK (total_minor >= 0),
    valid_until TEXT NOT NULL,
    state TEXT NOT NULL DEFAULT 'sent' CHECK (state IN ('sent', 'accepted', 'expired', 'declined')),
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE INDEX sponsorship_quotes_event ON sponsorship_quotes (event_id, state);

-- Its lines as priced: a list price (positive) or a discount (negative) of one activity.
CREATE TABLE sponsorship_quote_lines (
    quote_id INTEGER NOT NULL REFERENCES sponsorship_quotes (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    activity_id INTEGER NOT NULL REFERENCES sponsorship_activities (id),
    kind TEXT NOT NULL CHECK (kind IN ('list_price', 'member_discount', 'multi_discount')),
    rate_bp INTEGER NOT NULL DEFAULT 0 CHECK (rate_bp BETWEEN 0 AND 10000),
    rank INTEGER NOT NULL CHECK (rank >= 1),
    amount_minor INTEGER NOT NULL,
    PRIMARY KEY (quote_id, position)
);
CREATE INDEX sponsorship_quote_lines_activity ON sponsorship_quote_lines (activity_id);

CREATE TABLE outbox_next (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('confirm', 'already_subscribed', 'alert', 'digest',
        'interest_ack', 'interest_notice', 'obligation_reminder', 'sponsorship_quote')),
    subscriber_id INTEGER REFERENCES subscribers (id) ON DELETE CASCADE,
    concept_id INTEGER REFERENCES concepts (id) ON DELETE CASCADE,
    interest_id INTEGER REFERENCES interests (id) ON DELETE CASCADE,
    -- The address of a notice to staff.
    recipient TEXT,
    obligation_id INTEGER REFERENCES agreement_obligations (id) ON DELETE CASCADE,
    quote_id INTEGER REFERENCES sponsorship_quotes (id) ON DELETE CASCADE,
    status TEXT NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'sent', 'failed', 'skipped')),
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL,
    locked_until INTEGER,
    last_error TEXT,
    created_at INTEGER NOT NULL,
    sent_at INTEGER,
    CHECK ((kind IN ('interest_ack', 'interest_notice')) = (interest_id IS NOT NULL)),
    CHECK (kind IN ('interest_ack', 'interest_notice', 'obligation_reminder', 'sponsorship_quote') OR subscriber_id IS NOT NULL),
    CHECK (kind <> 'interest_notice' OR recipient IS NOT NULL),
    CHECK ((kind = 'obligation_reminder') = (obligation_id IS NOT NULL)),
    CHECK ((kind = 'sponsorship_quote') = (quote_id IS NOT NULL))
);
INSERT INTO outbox_next (id, kind, subscriber_id, concept_id, interest_id, recipient, obligation_id, status, attempts,
    next_attempt_at, locked_until, last_error, created_at, sent_at)
SELECT id, kind, subscriber_id, concept_id, interest_id, recipient, obligation_id, status, attempts, next_attempt_at,
    locked_until, last_error, created_at, sent_at FROM outbox;
DROP TABLE outbox;
ALTER TABLE outbox_next RENAME TO outbox;
CREATE INDEX outbox_due ON outbox (status, next_attempt_at);
CREATE INDEX outbox_concept ON outbox (concept_id, status);
CREATE INDEX outbox_interest ON outbox (interest_id);
CREATE UNIQUE INDEX outbox_one_alert ON outbox (subscriber_id, concept_id) WHERE kind = 'alert';
CREATE UNIQUE INDEX outbox_one_digest ON outbox (subscriber_id) WHERE kind = 'digest' AND status = 'queued';
CREATE UNIQUE INDEX outbox_one_reminder ON outbox (obligation_id) WHERE kind = 'obligation_reminder';
CREATE UNIQUE INDEX outbox_one_quote ON outbox (quote_id) WHERE kind = 'sponsorship_quote';
