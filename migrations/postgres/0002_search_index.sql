-- The search index: each normalised term of each translation of a concept, with a weight
-- (title terms weigh most). Terms compare byte by byte, so a prefix is a range scan.
CREATE TABLE search_terms (
    term TEXT COLLATE "C" NOT NULL,
    concept_id BIGINT NOT NULL REFERENCES concepts (id) ON DELETE CASCADE,
    weight INTEGER NOT NULL,
    PRIMARY KEY (term, concept_id)
);
CREATE INDEX search_terms_concept ON search_terms (concept_id);

-- Bumped by every write that changes what the public catalogue shows; servers reload their
-- in-memory catalogue when it changes.
INSERT INTO app_meta (key, value) VALUES ('catalogue_version', '0') ON CONFLICT (key) DO NOTHING;
