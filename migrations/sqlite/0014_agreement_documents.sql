-- An agreement's documents (the signed text, annexes, others): files in the media store,
-- staff-only unless marked public (and then shown only while the agreement itself is public
-- and signed).
CREATE TABLE agreement_documents (
    id INTEGER PRIMARY KEY,
    agreement_id INTEGER NOT NULL REFERENCES agreements (id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('signed', 'annex', 'other')),
    title TEXT NOT NULL,
    storage_key TEXT NOT NULL,
    file_name TEXT NOT NULL,
    content_type TEXT NOT NULL,
    byte_size INTEGER NOT NULL CHECK (byte_size > 0),
    public INTEGER NOT NULL DEFAULT 0 CHECK (public IN (0, 1)),
    created_at INTEGER NOT NULL
);
CREATE INDEX agreement_documents_agreement ON agreement_documents (agreement_id);
CREATE INDEX agreement_documents_key ON agreement_documents (storage_key);
