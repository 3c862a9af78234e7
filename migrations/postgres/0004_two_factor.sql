-- A second factor for staff: TOTP (RFC 6238) with one-time recovery codes.

-- A secret offered during set-up, kept until the member proves their app has it.
ALTER TABLE staff_users ADD COLUMN totp_pending TEXT;
-- The last 30-second step whose code was accepted: a code is never accepted twice.
ALTER TABLE staff_users ADD COLUMN totp_last_step BIGINT;

CREATE TABLE staff_recovery_codes (
    user_id BIGINT NOT NULL REFERENCES staff_users (id) ON DELETE CASCADE,
    -- SHA-256 of the code as shown (lower case, without the hyphen).
    code_hash TEXT NOT NULL,
    used_at BIGINT,
    PRIMARY KEY (user_id, code_hash)
);
