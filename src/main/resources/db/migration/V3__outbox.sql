-- Outbox for the end-of-shift upload (sync): every saved change of a syncable row is queued here in
-- the same transaction that saves it, as the row's JSON at that revision. The client UUID plus the
-- revision is the idempotency key the hub sees; seq is the upload order.
CREATE TABLE outbox (
    seq             INTEGER PRIMARY KEY AUTOINCREMENT,
    entity          TEXT NOT NULL CHECK (entity IN ('household', 'person', 'person_category', 'enrollment')),
    entity_id       TEXT NOT NULL,
    revision        INTEGER NOT NULL,
    payload         TEXT NOT NULL,
    queued_at       TEXT NOT NULL,
    status          TEXT NOT NULL DEFAULT 'pending'
                    CHECK (status IN ('pending', 'uploaded', 'duplicate', 'rejected', 'conflict')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    last_attempt_at TEXT,
    hub_code        TEXT,
    hub_message     TEXT,
    UNIQUE (entity, entity_id, revision)
);
CREATE INDEX outbox_status ON outbox (status, seq);
