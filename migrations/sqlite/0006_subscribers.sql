-- Entities that subscribe to alerts, and what they follow: areas of action and places
-- (regions, countries, country groups). No row in a criteria table means "all".

CREATE TABLE subscribers (
    id INTEGER PRIMARY KEY,
    -- Lower-cased.
    email TEXT NOT NULL UNIQUE,
    organisation TEXT NOT NULL,
    entity_type TEXT NOT NULL CHECK (entity_type IN ('government', 'private_sector', 'academia', 'ngo',
        'international_organisation', 'development_bank', 'foundation', 'other')),
    country_code TEXT REFERENCES countries (code),
    contact_name TEXT NOT NULL,
    -- The language of the alerts.
    locale TEXT NOT NULL CHECK (locale IN ('ar', 'en', 'es', 'fr', 'ru', 'zh')),
    frequency TEXT NOT NULL CHECK (frequency IN ('immediate', 'daily', 'weekly')),
    -- pending until the address is confirmed; only active subscribers are alerted.
    status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'active', 'unsubscribed')),
    created_at INTEGER NOT NULL,
    confirmed_at INTEGER,
    unsubscribed_at INTEGER
);
CREATE INDEX subscribers_status ON subscribers (status);

CREATE TABLE subscriber_areas (
    subscriber_id INTEGER NOT NULL REFERENCES subscribers (id) ON DELETE CASCADE,
    area_id INTEGER NOT NULL REFERENCES areas (id),
    PRIMARY KEY (subscriber_id, area_id)
);
CREATE INDEX subscriber_areas_area ON subscriber_areas (area_id);

CREATE TABLE subscriber_regions (
    subscriber_id INTEGER NOT NULL REFERENCES subscribers (id) ON DELETE CASCADE,
    region_id INTEGER NOT NULL REFERENCES regions (id),
    PRIMARY KEY (subscriber_id, region_id)
);
CREATE INDEX subscriber_regions_region ON subscriber_regions (region_id);

CREATE TABLE subscriber_countries (
    subscriber_id INTEGER NOT NULL REFERENCES subscribers (id) ON DELETE CASCADE,
    country_code TEXT NOT NULL REFERENCES countries (code),
    PRIMARY KEY (subscriber_id, country_code)
);
CREATE INDEX subscriber_countries_country ON subscriber_countries (country_code);

CREATE TABLE subscriber_groups (
    subscriber_id INTEGER NOT NULL REFERENCES subscribers (id) ON DELETE CASCADE,
    grp TEXT NOT NULL CHECK (grp IN ('ldc', 'lldc', 'sids')),
    PRIMARY KEY (subscriber_id, grp)
);
