-- The record of partnership agreements: every agreement the agency signed, with its parties
-- (registry organisations in IATI roles; the agency itself is a party by definition, its role
-- and signature kept on the agreement), the areas of action and beneficiary places it covers
-- with their shares, its value in its own currency and in US dollars, its transactions,
-- amendments (agreements that amend another) and obligations reminded by e-mail.
-- Money is integer minor units; shares are hundredths of a per cent; rates are US dollars per
-- unit times a billion.

-- The last number given in each year: references are YYYY-NNNN, assigned in order.
CREATE TABLE agreement_numbers (
    year INTEGER PRIMARY KEY,
    last INTEGER NOT NULL
);

CREATE TABLE agreements (
    id INTEGER PRIMARY KEY,
    reference TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL CHECK (kind IN ('mou', 'cooperation', 'voluntary_contribution', 'sponsorship',
        'letter_of_intent', 'project_document', 'other')),
    status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'signed', 'active', 'expired', 'terminated')),
    -- 1: shown on public pages, in the export and in the charts' public numbers.
    public INTEGER NOT NULL DEFAULT 0 CHECK (public IN (0, 1)),
    original_locale TEXT NOT NULL CHECK (original_locale IN ('ar', 'en', 'es', 'fr', 'ru', 'zh')),
    amends_id INTEGER REFERENCES agreements (id),
    concept_id INTEGER REFERENCES concepts (id) ON DELETE SET NULL,
    interest_id INTEGER REFERENCES interests (id) ON DELETE SET NULL,
    agency_role TEXT NOT NULL CHECK (agency_role IN ('funding', 'accountable', 'extending', 'implementing')),
    agency_signed_on TEXT,
    effective_on TEXT,
    expires_on TEXT,
    -- The day the last party signed: the year it counts in.
    signed_on TEXT,
    contribution TEXT NOT NULL CHECK (contribution IN ('financial', 'in_kind', 'expertise')),
    currency TEXT,
    value_minor INTEGER CHECK (value_minor IS NULL OR value_minor >= 0),
    usd_rate INTEGER CHECK (usd_rate IS NULL OR usd_rate > 0),
    rate_on TEXT,
    usd_cents INTEGER NOT NULL DEFAULT 0 CHECK (usd_cents >= 0),
    demo INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE INDEX agreements_signed ON agreements (signed_on);
CREATE INDEX agreements_amends ON agreements (amends_id);
CREATE INDEX agreements_concept ON agreements (concept_id);
CREATE INDEX agreements_interest ON agreements (interest_id);

-- Title and summary in the original language and any translations.
CREATE TABLE agreement_translations (
    agreement_id INTEGER NOT NULL REFERENCES agreements (id) ON DELETE CASCADE,
    locale TEXT NOT NULL CHECK (locale IN ('ar', 'en', 'es', 'fr', 'ru', 'zh')),
    title TEXT NOT NULL,
    summary TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (agreement_id, locale)
);

CREATE TABLE agreement_parties (
    agreement_id INTEGER NOT NULL REFERENCES agreements (id) ON DELETE CASCADE,
    organisation_id INTEGER NOT NULL REFERENCES organisations (id),
    role TEXT NOT NULL CHECK (role IN ('funding', 'accountable', 'extending', 'implementing')),
    signed_on TEXT,
    position INTEGER NOT NULL,
    PRIMARY KEY (agreement_id, organisation_id, role)
);
CREATE INDEX agreement_parties_organisation ON agreement_parties (organisation_id);

-- Areas of action with their share (NULL: the whole value counts for each).
CREATE TABLE agreement_areas (
    agreement_id INTEGER NOT NULL REFERENCES agreements (id) ON DELETE CASCADE,
    area_id INTEGER NOT NULL REFERENCES areas (id),
    share INTEGER CHECK (share IS NULL OR (share > 0 AND share <= 10000)),
    PRIMARY KEY (agreement_id, area_id)
);
CREATE INDEX agreement_areas_area ON agreement_areas (area_id);

-- Beneficiary places, each one region, country or country group, with its share.
CREATE TABLE agreement_places (
    agreement_id INTEGER NOT NULL REFERENCES agreements (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    region_id INTEGER REFERENCES regions (id),
    country_code TEXT REFERENCES countries (code),
    grp TEXT CHECK (grp IS NULL OR grp IN ('ldc', 'lldc', 'sids')),
    share INTEGER CHECK (share IS NULL OR (share > 0 AND share <= 10000)),
    PRIMARY KEY (agreement_id, position),
    CHECK ((region_id IS NOT NULL) + (country_code IS NOT NULL) + (grp IS NOT NULL) = 1)
);
CREATE INDEX agreement_places_region ON agreement_places (region_id);
CREATE INDEX agreement_places_country ON agreement_places (country_code);

CREATE TABLE agreement_transactions (
    agreement_id INTEGER NOT NULL REFERENCES agreements (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('pledge', 'commitment', 'received')),
    on_date TEXT NOT NULL,
    value_minor INTEGER NOT NULL CHECK (value_minor > 0),
    usd_cents INTEGER NOT NULL CHECK (usd_cents >= 0),
    PRIMARY KEY (agreement_id, position)
);

-- Report due, renewal, expiry: the owner is reminded by e-mail `remind_days` before the date.
CREATE TABLE agreement_obligations (
    id INTEGER PRIMARY KEY,
    agreement_id INTEGER NOT NULL REFERENCES agreements (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('report', 'renewal', 'expiry')),
    due_on TEXT NOT NULL,
    owner_id INTEGER REFERENCES staff_users (id) ON DELETE SET NULL,
    remind_days INTEGER NOT NULL CHECK (remind_days >= 0 AND remind_days <= 365),
    -- The day the reminder is due (due_on less remind_days), so the reminder sweep is a range scan.
    remind_on TEXT NOT NULL,
    reminded_at INTEGER
);
CREATE INDEX agreement_obligations_agreement ON agreement_obligations (agreement_id);
CREATE INDEX agreement_obligations_due ON agreement_obligations (remind_on) WHERE reminded_at IS NULL;

-- The search index of titles and summaries, as for concepts.
CREATE TABLE agreement_terms (
    term TEXT NOT NULL,
    agreement_id INTEGER NOT NULL REFERENCES agreements (id) ON DELETE CASCADE,
    weight INTEGER NOT NULL,
    PRIMARY KEY (term, agreement_id)
);
CREATE INDEX agreement_terms_agreement ON agreement_terms (agreement_id);
