-- Sponsorships: a quote staff accepted, with the registry organisation it is for. Accepting
-- reserves a place of each activity (a conditional update of `taken`) in the same
-- transaction; a quote is accepted once (`quote_id` is unique). A sponsorship moves
-- accepted → contract sent → signed → paid, or is cancelled before it is signed (its places
-- given back). It counts only once signed and paid, in the year of the later of the two.
-- Signing records it in the agreements record as a sponsorship agreement (`agreement_id`)
-- with its value in US dollars at the rate staff give; payment adds the money received.
CREATE TABLE sponsorships (
    id INTEGER PRIMARY KEY,
    quote_id INTEGER NOT NULL UNIQUE REFERENCES sponsorship_quotes (id),
    event_id INTEGER NOT NULL REFERENCES sponsorship_events (id),
    organisation_id INTEGER NOT NULL REFERENCES organisations (id),
    state TEXT NOT NULL DEFAULT 'accepted'
        CHECK (state IN ('accepted', 'contract_sent', 'signed', 'paid', 'cancelled')),
    currency TEXT NOT NULL,
    total_minor INTEGER NOT NULL CHECK (total_minor >= 0),
    -- The value in US cents at the rate given when it was signed.
    usd_cents INTEGER CHECK (usd_cents IS NULL OR usd_cents >= 0),
    agreement_id INTEGER REFERENCES agreements (id) ON DELETE SET NULL,
    accepted_on TEXT NOT NULL,
    contract_sent_on TEXT,
    signed_on TEXT,
    paid_on TEXT,
    demo INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    CHECK (state NOT IN ('signed', 'paid') OR (signed_on IS NOT NULL AND usd_cents IS NOT NULL)),
    CHECK (state <> 'paid' OR paid_on IS NOT NULL)
);
CREATE INDEX sponsorships_event ON sponsorships (event_id, state);
CREATE INDEX sponsorships_organisation ON sponsorships (organisation_id);

-- What the sponsor is owed and staff tick off: the logo received, then each benefit of each
-- activity with its quantity.
CREATE TABLE sponsorship_deliverables (
    sponsorship_id INTEGER NOT NULL REFERENCES sponsorships (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    activity_id INTEGER REFERENCES sponsorship_activities (id),
    kind TEXT NOT NULL CHECK (kind IN ('logo_received', 'logo_on_signage', 'logo_online', 'passes', 'speaking_slot',
        'booth', 'programme_mention', 'social_media', 'branded_items')),
    quantity INTEGER NOT NULL DEFAULT 1 CHECK (quantity >= 1),
    done_on TEXT,
    done_by INTEGER REFERENCES staff_users (id) ON DELETE SET NULL,
    PRIMARY KEY (sponsorship_id, position)
);
