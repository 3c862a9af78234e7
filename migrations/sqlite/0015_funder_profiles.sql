-- Funding partners: at most one profile per registry organisation, with what it states it
-- funds (priority areas with a weight, SDGs, places, funding types, mechanisms, a typical
-- amount), its stated limitations (areas and places it does not fund, and in words), where
-- the profile comes from and when it was reviewed. The relationship fields (owner, contacts,
-- notes, last contact) are staff-only. Suggested funders a member of staff marked "not a fit"
-- for a concept are kept with the reason. Amounts are US cents; weights 1 (some interest) to
-- 3 (top priority).
CREATE TABLE funder_profiles (
    id INTEGER PRIMARY KEY,
    organisation_id INTEGER NOT NULL UNIQUE REFERENCES organisations (id) ON DELETE CASCADE,
    -- The language the mandate and strategy were written in.
    original_locale TEXT NOT NULL CHECK (original_locale IN ('ar', 'en', 'es', 'fr', 'ru', 'zh')),
    amount_low_usd_cents INTEGER CHECK (amount_low_usd_cents IS NULL OR amount_low_usd_cents >= 0),
    amount_high_usd_cents INTEGER CHECK (amount_high_usd_cents IS NULL OR amount_high_usd_cents >= 0),
    -- The currency it usually gives in (ISO 4217), for the reader.
    currency TEXT,
    funding_cycle TEXT NOT NULL DEFAULT '',
    limitations TEXT NOT NULL DEFAULT '',
    source TEXT NOT NULL DEFAULT '',
    reviewed_on TEXT,
    -- Staff-only.
    owner_id INTEGER REFERENCES staff_users (id) ON DELETE SET NULL,
    contacts TEXT NOT NULL DEFAULT '',
    notes TEXT NOT NULL DEFAULT '',
    last_contact_on TEXT,
    demo INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    CHECK (amount_low_usd_cents IS NULL OR amount_high_usd_cents IS NULL OR amount_low_usd_cents <= amount_high_usd_cents)
);

-- Mandate and development strategy (Markdown), in the original language and translations.
CREATE TABLE funder_translations (
    profile_id INTEGER NOT NULL REFERENCES funder_profiles (id) ON DELETE CASCADE,
    locale TEXT NOT NULL CHECK (locale IN ('ar', 'en', 'es', 'fr', 'ru', 'zh')),
    mandate TEXT NOT NULL DEFAULT '',
    strategy TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (profile_id, locale)
);

-- Priority areas (excluded = 0, with a weight) and areas it does not fund (excluded = 1).
CREATE TABLE funder_areas (
    profile_id INTEGER NOT NULL REFERENCES funder_profiles (id) ON DELETE CASCADE,
    area_id INTEGER NOT NULL REFERENCES areas (id),
    weight INTEGER NOT NULL DEFAULT 2 CHECK (weight BETWEEN 1 AND 3),
    excluded INTEGER NOT NULL DEFAULT 0 CHECK (excluded IN (0, 1)),
    PRIMARY KEY (profile_id, area_id)
);
CREATE INDEX funder_areas_area ON funder_areas (area_id);

-- Places it focuses on (excluded = 0) or does not fund (excluded = 1).
CREATE TABLE funder_places (
    profile_id INTEGER NOT NULL REFERENCES funder_profiles (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    region_id INTEGER REFERENCES regions (id),
    country_code TEXT REFERENCES countries (code),
    grp TEXT CHECK (grp IS NULL OR grp IN ('ldc', 'lldc', 'sids')),
    excluded INTEGER NOT NULL DEFAULT 0 CHECK (excluded IN (0, 1)),
    PRIMARY KEY (profile_id, position),
    CHECK ((region_id IS NOT NULL) + (country_code IS NOT NULL) + (grp IS NOT NULL) = 1)
);

CREATE TABLE funder_sdgs (
    profile_id INTEGER NOT NULL REFERENCES funder_profiles (id) ON DELETE CASCADE,
    sdg INTEGER NOT NULL CHECK (sdg BETWEEN 1 AND 17),
    PRIMARY KEY (profile_id, sdg)
);

CREATE TABLE funder_funding_types (
    profile_id INTEGER NOT NULL REFERENCES funder_profiles (id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('grant', 'in_kind', 'expertise', 'secondment', 'loan', 'sponsorship')),
    PRIMARY KEY (profile_id, kind)
);

CREATE TABLE funder_mechanisms (
    profile_id INTEGER NOT NULL REFERENCES funder_profiles (id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('project_type', 'pooled_fund', 'earmarked_fund', 'core_contribution',
        'technical_assistance', 'personnel', 'scholarships', 'budget_support')),
    PRIMARY KEY (profile_id, kind)
);

-- A suggested funder staff judged not a fit for a concept: hidden from its suggestions.
CREATE TABLE funder_not_a_fit (
    concept_id INTEGER NOT NULL REFERENCES concepts (id) ON DELETE CASCADE,
    organisation_id INTEGER NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    reason TEXT NOT NULL,
    staff_id INTEGER REFERENCES staff_users (id) ON DELETE SET NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (concept_id, organisation_id)
);
