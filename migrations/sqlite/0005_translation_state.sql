-- A translation is a draft until its translator marks it complete; only complete ones (and
-- the original) are public. Translations written before this were all public: complete.
ALTER TABLE concept_translations ADD COLUMN state TEXT NOT NULL DEFAULT 'complete'
    CHECK (state IN ('draft', 'complete'));
