-- The organisation registry, shared by every tool: an organisation once, with its kind,
-- headquarters, membership of the agency and due diligence; interests and subscribers link
-- to it when staff say so (never automatically).

CREATE TABLE organisations (
    id INTEGER PRIMARY KEY,
    -- In the organisation's own language.
    name TEXT NOT NULL,
    -- The name reduced for comparison (lower case, no accents or punctuation): suggestions.
    name_key TEXT NOT NULL,
    -- The language of the name (an ISO 639 code), when known.
    name_locale TEXT,
    acronym TEXT,
    kind TEXT NOT NULL CHECK (kind IN ('government', 'other_public', 'multilateral', 'ngo', 'foundation',
        'private_sector', 'academic', 'other')),
    country_code TEXT REFERENCES countries (code),
    website TEXT,
    -- Lower-cased: the domain its staff write from.
    email_domain TEXT,
    membership TEXT CHECK (membership IN ('member_state', 'sector_member', 'associate', 'academia')),
    member_since TEXT,
    due_diligence TEXT NOT NULL DEFAULT 'not_started' CHECK (due_diligence IN ('not_started', 'pending',
        'cleared', 'failed')),
    due_diligence_on TEXT,
    parent_id INTEGER REFERENCES organisations (id) ON DELETE SET NULL,
    -- Demo content: fictional, marked so.
    demo INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE INDEX organisations_name_key ON organisations (name_key);
CREATE INDEX organisations_email_domain ON organisations (email_domain);
CREATE INDEX organisations_parent ON organisations (parent_id);

-- Optional translations of the name.
CREATE TABLE organisation_names (
    organisation_id INTEGER NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    locale TEXT NOT NULL CHECK (locale IN ('ar', 'en', 'es', 'fr', 'ru', 'zh')),
    name TEXT NOT NULL,
    PRIMARY KEY (organisation_id, locale)
);

ALTER TABLE interests ADD COLUMN organisation_id INTEGER REFERENCES organisations (id);
CREATE INDEX interests_organisation ON interests (organisation_id);
ALTER TABLE subscribers ADD COLUMN organisation_id INTEGER REFERENCES organisations (id);
CREATE INDEX subscribers_organisation ON subscribers (organisation_id);
