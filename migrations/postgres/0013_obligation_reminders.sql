-- Obligations are reminded by e-mail through the outbox (`obligation_reminder`, one per
-- obligation), in the language the owner uses the staff area in (set at each sign-in).
ALTER TABLE staff_users ADD COLUMN locale TEXT NOT NULL DEFAULT 'en'
    CHECK (locale IN ('ar', 'en', 'es', 'fr', 'ru', 'zh'));

ALTER TABLE outbox DROP CONSTRAINT outbox_kind_check;
ALTER TABLE outbox ADD CONSTRAINT outbox_kind_check CHECK (kind IN ('confirm', 'already_subscribed', 'alert',
    'digest', 'interest_ack', 'interest_notice', 'obligation_reminder'));
ALTER TABLE outbox ADD COLUMN obligation_id BIGINT REFERENCES agreement_obligations (id) ON DELETE CASCADE;
ALTER TABLE outbox DROP CONSTRAINT outbox_subscriber_check;
ALTER TABLE outbox ADD CONSTRAINT outbox_subscriber_check
    CHECK (kind IN ('interest_ack', 'interest_notice', 'obligation_reminder') OR subscriber_id IS NOT NULL);
ALTER TABLE outbox ADD CONSTRAINT outbox_obligation_check
    CHECK ((kind = 'obligation_reminder') = (obligation_id IS NOT NULL));
-- One reminder per obligation, whichever server's sweep queues it.
CREATE UNIQUE INDEX outbox_one_reminder ON outbox (obligation_id) WHERE kind = 'obligation_reminder';
