-- A batch's membership is written before it is sent: after a crash or a dropped connection the same
-- batch id is sent again and the hub answers what it answered before (no record twice).
ALTER TABLE outbox ADD COLUMN batch_id TEXT;
CREATE INDEX outbox_batch ON outbox (batch_id);

-- The hub's signed answers, kept as proof of what was uploaded and when.
CREATE TABLE upload_receipt (
    batch_id    TEXT PRIMARY KEY,
    received_at TEXT NOT NULL,
    signature   TEXT NOT NULL,
    answer      TEXT NOT NULL
);
