-- Taxonomy (areas of action, regions, countries and their UN groups) and concepts with their
-- translations, tags and media. Times are seconds since the Unix epoch; flags are rows in
-- relation tables, never booleans, so both engines read them the same way.

CREATE TABLE app_meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE areas (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    position INTEGER NOT NULL
);

CREATE TABLE area_names (
    area_id INTEGER NOT NULL REFERENCES areas (id) ON DELETE CASCADE,
    locale TEXT NOT NULL CHECK (locale IN ('ar', 'en', 'es', 'fr', 'ru', 'zh')),
    name TEXT NOT NULL,
    PRIMARY KEY (area_id, locale)
);

CREATE TABLE regions (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    position INTEGER NOT NULL
);

CREATE TABLE region_names (
    region_id INTEGER NOT NULL REFERENCES regions (id) ON DELETE CASCADE,
    locale TEXT NOT NULL CHECK (locale IN ('ar', 'en', 'es', 'fr', 'ru', 'zh')),
    name TEXT NOT NULL,
    PRIMARY KEY (region_id, locale)
);

CREATE TABLE countries (
    code TEXT PRIMARY KEY CHECK (length(code) = 2),
    region_id INTEGER NOT NULL REFERENCES regions (id)
);
CREATE INDEX countries_region ON countries (region_id);

CREATE TABLE country_names (
    country_code TEXT NOT NULL REFERENCES countries (code) ON DELETE CASCADE,
    locale TEXT NOT NULL CHECK (locale IN ('ar', 'en', 'es', 'fr', 'ru', 'zh')),
    name TEXT NOT NULL,
    PRIMARY KEY (country_code, locale)
);

-- Least developed countries, landlocked developing countries, small island developing states.
CREATE TABLE country_groups (
    country_code TEXT NOT NULL REFERENCES countries (code) ON DELETE CASCADE,
    grp TEXT NOT NULL CHECK (grp IN ('ldc', 'lldc', 'sids')),
    PRIMARY KEY (country_code, grp)
);
CREATE INDEX country_groups_grp ON country_groups (grp);

CREATE TABLE concepts (
    id INTEGER PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE,
    original_locale TEXT NOT NULL CHECK (original_locale IN ('ar', 'en', 'es', 'fr', 'ru', 'zh')),
    status TEXT NOT NULL DEFAULT 'draft'
        CHECK (status IN ('draft', 'in_review', 'published', 'closed', 'archived')),
    budget_usd INTEGER CHECK (budget_usd IS NULL OR budget_usd >= 0),
    starts_on TEXT,
    ends_on TEXT,
    focal_point_name TEXT NOT NULL DEFAULT '',
    focal_point_email TEXT NOT NULL DEFAULT '',
    version INTEGER NOT NULL DEFAULT 1,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    published_at INTEGER
);
CREATE INDEX concepts_status_published ON concepts (status, published_at);

CREATE TABLE concept_translations (
    concept_id INTEGER NOT NULL REFERENCES concepts (id) ON DELETE CASCADE,
    locale TEXT NOT NULL CHECK (locale IN ('ar', 'en', 'es', 'fr', 'ru', 'zh')),
    title TEXT NOT NULL,
    summary TEXT NOT NULL DEFAULT '',
    objectives TEXT NOT NULL DEFAULT '',
    beneficiaries TEXT NOT NULL DEFAULT '',
    body TEXT NOT NULL DEFAULT '',
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (concept_id, locale)
);

CREATE TABLE concept_areas (
    concept_id INTEGER NOT NULL REFERENCES concepts (id) ON DELETE CASCADE,
    area_id INTEGER NOT NULL REFERENCES areas (id),
    PRIMARY KEY (concept_id, area_id)
);
CREATE INDEX concept_areas_area ON concept_areas (area_id);

CREATE TABLE concept_regions (
    concept_id INTEGER NOT NULL REFERENCES concepts (id) ON DELETE CASCADE,
    region_id INTEGER NOT NULL REFERENCES regions (id),
    PRIMARY KEY (concept_id, region_id)
);
CREATE INDEX concept_regions_region ON concept_regions (region_id);

CREATE TABLE concept_countries (
    concept_id INTEGER NOT NULL REFERENCES concepts (id) ON DELETE CASCADE,
    country_code TEXT NOT NULL REFERENCES countries (code),
    PRIMARY KEY (concept_id, country_code)
);
CREATE INDEX concept_countries_country ON concept_countries (country_code);

CREATE TABLE concept_groups (
    concept_id INTEGER NOT NULL REFERENCES concepts (id) ON DELETE CASCADE,
    grp TEXT NOT NULL CHECK (grp IN ('ldc', 'lldc', 'sids')),
    PRIMARY KEY (concept_id, grp)
);

CREATE TABLE concept_contributions (
    concept_id INTEGER NOT NULL REFERENCES concepts (id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('funding', 'in_kind', 'expertise')),
    PRIMARY KEY (concept_id, kind)
);

CREATE TABLE concept_sdgs (
    concept_id INTEGER NOT NULL REFERENCES concepts (id) ON DELETE CASCADE,
    sdg INTEGER NOT NULL CHECK (sdg BETWEEN 1 AND 17),
    PRIMARY KEY (concept_id, sdg)
);

-- A medium is either a stored file (content-addressed by its SHA-256) or an external link.
CREATE TABLE media (
    id INTEGER PRIMARY KEY,
    concept_id INTEGER NOT NULL REFERENCES concepts (id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('concept_note', 'video', 'slides', 'brochure', 'captions', 'poster')),
    locale TEXT CHECK (locale IS NULL OR locale IN ('ar', 'en', 'es', 'fr', 'ru', 'zh')),
    title TEXT NOT NULL,
    storage_key TEXT,
    content_type TEXT,
    byte_size INTEGER,
    file_name TEXT,
    external_url TEXT,
    position INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL,
    CHECK ((storage_key IS NULL) <> (external_url IS NULL))
);
CREATE INDEX media_concept ON media (concept_id, position);
