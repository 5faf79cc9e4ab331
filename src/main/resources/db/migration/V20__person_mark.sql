-- Marks that end the renewal chase (续保): 迁出 (moved_out), 死亡 (deceased), 职工医保
-- (employee_insurance: the year counts as covered), 外地参保 (elsewhere: covered in another place, the
-- year counts as covered) and 拒绝参保 (refused, with a reason). A mark is for one policy year; moved_out
-- and deceased also hold for the years after it. Syncable like any row: client UUID, revision, audit
-- fields, tombstone; queued in the outbox as entity 'person_mark'.
CREATE TABLE person_mark (
    id          TEXT PRIMARY KEY,
    person_id   TEXT NOT NULL REFERENCES person (id),
    policy_year INTEGER NOT NULL CHECK (policy_year BETWEEN 1900 AND 2100),
    kind        TEXT NOT NULL CHECK (kind IN ('moved_out', 'deceased', 'employee_insurance', 'elsewhere', 'refused')),
    reason      TEXT,
    marked_on   TEXT NOT NULL,
    revision    INTEGER NOT NULL,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    created_by  TEXT NOT NULL,
    updated_by  TEXT NOT NULL,
    deleted     INTEGER NOT NULL DEFAULT 0,
    CHECK (kind <> 'refused' OR (reason IS NOT NULL AND length(trim(reason)) > 0))
);
-- one live mark per person and year
CREATE UNIQUE INDEX person_mark_live ON person_mark (person_id, policy_year) WHERE deleted = 0;

-- The outbox's entity list is a CHECK constraint, which SQLite cannot alter: the table is rebuilt with
-- 'person_mark' added, rows and sequence kept (seq is the upload order).
CREATE TABLE outbox_rebuilt (
    seq             INTEGER PRIMARY KEY AUTOINCREMENT,
    entity          TEXT NOT NULL CHECK (entity IN ('household', 'person', 'person_category', 'enrollment',
                                                    'person_mark')),
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
    batch_id        TEXT,
    UNIQUE (entity, entity_id, revision)
);
INSERT INTO outbox_rebuilt (seq, entity, entity_id, revision, payload, queued_at, status, attempts,
                            last_attempt_at, hub_code, hub_message, batch_id)
SELECT seq, entity, entity_id, revision, payload, queued_at, status, attempts, last_attempt_at, hub_code,
       hub_message, batch_id FROM outbox;
-- the sequence goes on from the old table's (rows uploaded and removed must not have their numbers reused)
DELETE FROM sqlite_sequence WHERE name = 'outbox_rebuilt';
INSERT INTO sqlite_sequence (name, seq) SELECT 'outbox_rebuilt', seq FROM sqlite_sequence WHERE name = 'outbox';
DROP TABLE outbox;
ALTER TABLE outbox_rebuilt RENAME TO outbox;
CREATE INDEX outbox_status ON outbox (status, seq);
CREATE INDEX outbox_batch ON outbox (batch_id);
