-- Sponsorship: the agency's events, the activities a sponsor can take at each (with their
-- texts in any of the six languages, benefits, capacity and conflicts), and a versioned
-- price book per event (list prices, the member rate and the multi-sponsorship tiers). A
-- quote names the price book version it used; a new version never changes an old one.
-- Amounts are integers of the event currency's minor unit; rates are basis points (500 = 5 %).
CREATE TABLE sponsorship_events (
    id INTEGER PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE,
    -- The language the texts were written in.
    original_locale TEXT NOT NULL CHECK (original_locale IN ('ar', 'en', 'es', 'fr', 'ru', 'zh')),
    starts_on TEXT NOT NULL,
    ends_on TEXT NOT NULL,
    city TEXT NOT NULL DEFAULT '',
    country_code TEXT REFERENCES countries (code),
    access TEXT NOT NULL CHECK (access IN ('open', 'members')),
    currency TEXT NOT NULL,
    -- The last day quotes are given.
    sales_until TEXT NOT NULL,
    state TEXT NOT NULL DEFAULT 'draft' CHECK (state IN ('draft', 'open', 'suspended', 'closed')),
    demo INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    CHECK (starts_on <= ends_on)
);
CREATE INDEX sponsorship_events_starts ON sponsorship_events (starts_on);

CREATE TABLE sponsorship_event_texts (
    event_id INTEGER NOT NULL REFERENCES sponsorship_events (id) ON DELETE CASCADE,
    locale TEXT NOT NULL CHECK (locale IN ('ar', 'en', 'es', 'fr', 'ru', 'zh')),
    name TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (event_id, locale)
);

-- An activity takes `capacity` sponsors (1: exclusive); `taken` counts the places reserved,
-- raised only by a conditional update, so two quotes racing for the last place cannot both
-- have it. The money seeds a concept or a regional initiative, or funds the activity itself.
CREATE TABLE sponsorship_activities (
    id INTEGER PRIMARY KEY,
    event_id INTEGER NOT NULL REFERENCES sponsorship_events (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('side_event', 'reception', 'coffee_break', 'lunch', 'lanyards_bags',
        'wifi_app', 'exhibition', 'award', 'other')),
    capacity INTEGER NOT NULL CHECK (capacity >= 1),
    taken INTEGER NOT NULL DEFAULT 0 CHECK (taken >= 0),
    seed_concept_id INTEGER REFERENCES concepts (id) ON DELETE SET NULL,
    seed_region_id INTEGER REFERENCES regions (id),
    CHECK (taken <= capacity),
    CHECK (seed_concept_id IS NULL OR seed_region_id IS NULL)
);
CREATE INDEX sponsorship_activities_event ON sponsorship_activities (event_id, position);

CREATE TABLE sponsorship_activity_texts (
    activity_id INTEGER NOT NULL REFERENCES sponsorship_activities (id) ON DELETE CASCADE,
    locale TEXT NOT NULL CHECK (locale IN ('ar', 'en', 'es', 'fr', 'ru', 'zh')),
    name TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (activity_id, locale)
);

CREATE TABLE sponsorship_benefits (
    activity_id INTEGER NOT NULL REFERENCES sponsorship_activities (id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('logo_on_signage', 'logo_online', 'passes', 'speaking_slot', 'booth',
        'programme_mention', 'social_media', 'branded_items')),
    quantity INTEGER NOT NULL CHECK (quantity >= 1),
    PRIMARY KEY (activity_id, kind)
);

-- Two activities no sponsor may take together, stored once (the lower id first).
CREATE TABLE sponsorship_conflicts (
    activity_id INTEGER NOT NULL REFERENCES sponsorship_activities (id) ON DELETE CASCADE,
    other_id INTEGER NOT NULL REFERENCES sponsorship_activities (id) ON DELETE CASCADE,
    PRIMARY KEY (activity_id, other_id),
    CHECK (activity_id < other_id)
);
CREATE INDEX sponsorship_conflicts_other ON sponsorship_conflicts (other_id);

-- The event's price book, one row per version; the highest version is in force.
CREATE TABLE sponsorship_price_books (
    id INTEGER PRIMARY KEY,
    event_id INTEGER NOT NULL REFERENCES sponsorship_events (id) ON DELETE CASCADE,
    version INTEGER NOT NULL CHECK (version >= 1),
    member_rate_bp INTEGER NOT NULL DEFAULT 0 CHECK (member_rate_bp BETWEEN 0 AND 5000),
    created_by INTEGER REFERENCES staff_users (id) ON DELETE SET NULL,
    created_at INTEGER NOT NULL,
    UNIQUE (event_id, version)
);

-- From the `from_rank`-th activity (dearest first) each is discounted by `rate_bp`.
CREATE TABLE sponsorship_price_tiers (
    price_book_id INTEGER NOT NULL REFERENCES sponsorship_price_books (id) ON DELETE CASCADE,
    from_rank INTEGER NOT NULL CHECK (from_rank >= 2),
    rate_bp INTEGER NOT NULL CHECK (rate_bp BETWEEN 1 AND 5000),
    PRIMARY KEY (price_book_id, from_rank)
);

CREATE TABLE sponsorship_list_prices (
    price_book_id INTEGER NOT NULL REFERENCES sponsorship_price_books (id) ON DELETE CASCADE,
    activity_id INTEGER NOT NULL REFERENCES sponsorship_activities (id) ON DELETE CASCADE,
    amount_minor INTEGER NOT NULL CHECK (amount_minor >= 0),
    PRIMARY KEY (price_book_id, activity_id)
);
CREATE INDEX sponsorship_list_prices_activity ON sponsorship_list_prices (activity_id);
