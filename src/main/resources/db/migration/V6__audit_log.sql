-- Audit trail: every create, change, cancel or deletion of a household, person, category or
-- enrolment, with who, when and the row before and after, appended in the transaction that makes
-- the change. Each entry's hash covers the previous entry's hash (a hash chain), so an edited,
-- removed or reordered entry breaks the chain at that point; settings.auditHead holds the last
-- sequence number and hash, so entries cut off the end are seen too (`audit verify`).
CREATE TABLE audit_log (
    seq        INTEGER PRIMARY KEY,
    at         TEXT NOT NULL,
    operator   TEXT NOT NULL,
    entity     TEXT NOT NULL,
    entity_id  TEXT NOT NULL,
    revision   INTEGER NOT NULL,
    action     TEXT NOT NULL CHECK (action IN ('create', 'change', 'cancel', 'delete')),
    before     TEXT,
    after      TEXT NOT NULL,
    prev_hash  TEXT NOT NULL,
    hash       TEXT NOT NULL
);
CREATE INDEX audit_log_entity ON audit_log (entity, entity_id, seq);
