-- Staff accounts, their sessions (held here so they survive restarts and are shared by every
-- app server), sign-in attempts for rate limiting, and the audit log of every change.

CREATE TABLE staff_users (
    id INTEGER PRIMARY KEY,
    -- Lower-cased; compared as typed after trimming.
    email TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('editor', 'publisher', 'admin')),
    -- Argon2id in PHC string format.
    password_hash TEXT NOT NULL,
    -- Base32 TOTP secret once a second factor is set up; NULL otherwise.
    totp_secret TEXT,
    disabled_at INTEGER,
    created_at INTEGER NOT NULL,
    password_changed_at INTEGER NOT NULL
);

CREATE TABLE staff_sessions (
    -- SHA-256 of the random token in the cookie: a copy of this table opens no session.
    token_hash TEXT PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES staff_users (id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    last_seen_at INTEGER NOT NULL,
    -- Absolute expiry; idle expiry is last_seen_at plus the idle limit.
    expires_at INTEGER NOT NULL
);
CREATE INDEX staff_sessions_user ON staff_sessions (user_id);

CREATE TABLE sign_in_failures (
    -- 'email:<address>' or 'ip:<address>'.
    key TEXT NOT NULL,
    at INTEGER NOT NULL
);
CREATE INDEX sign_in_failures_key_at ON sign_in_failures (key, at);

CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY,
    at INTEGER NOT NULL,
    -- NULL for the system (seed, command line).
    actor_id INTEGER REFERENCES staff_users (id),
    -- 'concept', 'medium', 'staff_user', 'area', 'region'.
    subject_kind TEXT NOT NULL,
    subject_id INTEGER,
    action TEXT NOT NULL,
    -- JSON: what changed.
    detail TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_log_subject ON audit_log (subject_kind, subject_id, at);
CREATE INDEX audit_log_at ON audit_log (at);
