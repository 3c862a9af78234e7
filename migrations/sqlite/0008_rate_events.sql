-- Requests counted for rate limits that must hold across every app server (subscribing,
-- say): one row per request, by key ('subscribe-ip:…', 'subscribe-email:…').
CREATE TABLE rate_events (
    key TEXT NOT NULL,
    at INTEGER NOT NULL
);
CREATE INDEX rate_events_key_at ON rate_events (key, at);
