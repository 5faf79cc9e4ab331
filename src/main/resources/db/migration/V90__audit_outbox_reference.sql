-- An audit entry for a change that is also queued in the outbox no longer repeats the outbox payload
-- (issue 19): it holds the SHA-256 of the payload, and the outbox row is found by the entry's own
-- entity, entity_id and revision (the outbox's unique key; outbox rows are kept after upload, only their
-- status changes). Such an entry has no before (the row before is the outbox row of the revision before)
-- and an empty after. The column is added, no entry is rewritten: entries written before keep their
-- text and their hashes, and verify as they did.
ALTER TABLE audit_log ADD COLUMN payload_sha256 TEXT
    CHECK (payload_sha256 IS NULL OR (length(payload_sha256) = 64 AND before IS NULL AND after = ''));
