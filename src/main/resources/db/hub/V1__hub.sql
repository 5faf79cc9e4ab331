-- County hub: devices, the records they uploaded (one row per client UUID and revision), and the
-- answer given to every batch so a re-sent batch gets the same answer. Portable SQL (SQLite, PostgreSQL).
CREATE TABLE device (
    name       VARCHAR(100) PRIMARY KEY,
    token_hash VARCHAR(64) NOT NULL UNIQUE,
    created_at VARCHAR(40) NOT NULL
);

CREATE TABLE sync_record (
    entity       VARCHAR(20) NOT NULL,
    id           VARCHAR(36) NOT NULL,
    revision     INTEGER NOT NULL,
    content_hash VARCHAR(64) NOT NULL,
    payload      TEXT NOT NULL,
    device       VARCHAR(100) NOT NULL,
    township     VARCHAR(100) NOT NULL,
    batch_id     VARCHAR(36) NOT NULL,
    received_at  VARCHAR(40) NOT NULL,
    PRIMARY KEY (entity, id, revision)
);

CREATE TABLE batch (
    batch_id    VARCHAR(36) PRIMARY KEY,
    device      VARCHAR(100) NOT NULL,
    answer      TEXT NOT NULL,
    received_at VARCHAR(40) NOT NULL
);

-- the hub's own secrets, made on first open (the HMAC key that signs batch answers)
CREATE TABLE hub_setting (
    name  VARCHAR(50) PRIMARY KEY,
    value TEXT NOT NULL
);
