-- 参保通 local store. Every syncable row carries a client-made UUID (id), a revision, created/updated
-- timestamps (ISO-8601 UTC) and the operator who made each; deletions are tombstones (deleted = 1).
-- Dates are ISO yyyy-MM-dd text; money is whole fen (INTEGER).

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE household (
    id          TEXT PRIMARY KEY,
    number      TEXT NOT NULL,             -- 户号 / 户口簿号
    village     TEXT NOT NULL,             -- 村 / 社区
    group_name  TEXT,                      -- 组
    address     TEXT,
    phone       TEXT,
    revision    INTEGER NOT NULL,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    created_by  TEXT NOT NULL,
    updated_by  TEXT NOT NULL,
    deleted     INTEGER NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX household_number ON household (number COLLATE NOCASE);

CREATE TABLE person (
    id                          TEXT PRIMARY KEY,
    household_id                TEXT NOT NULL REFERENCES household (id),
    name                        TEXT NOT NULL,
    name_initials               TEXT NOT NULL,  -- pinyin initials, lower case: 张三 → zs
    id_number                   TEXT,           -- NULL for a newborn without one yet
    birth_certificate_no        TEXT,           -- 出生医学证明编号
    birth_date                  TEXT NOT NULL,
    sex                         TEXT,
    ethnicity                   TEXT,
    relation                    TEXT,           -- 与户主关系
    employee_insurance_ended_on TEXT,
    graduation_year             INTEGER,
    revision                    INTEGER NOT NULL,
    created_at                  TEXT NOT NULL,
    updated_at                  TEXT NOT NULL,
    created_by                  TEXT NOT NULL,
    updated_by                  TEXT NOT NULL,
    deleted                     INTEGER NOT NULL DEFAULT 0,
    CHECK (id_number IS NOT NULL OR birth_certificate_no IS NOT NULL)
);
-- the same ID number can never be two persons
CREATE UNIQUE INDEX person_id_number ON person (id_number) WHERE id_number IS NOT NULL;
CREATE UNIQUE INDEX person_birth_certificate ON person (birth_certificate_no) WHERE birth_certificate_no IS NOT NULL;
-- NOCASE so that LIKE 'prefix%' (bound as one value) can use the index
CREATE INDEX person_name ON person (name COLLATE NOCASE);
CREATE INDEX person_initials ON person (name_initials COLLATE NOCASE);
CREATE INDEX person_household ON person (household_id);

CREATE TABLE person_category (
    id           TEXT PRIMARY KEY,
    person_id    TEXT NOT NULL REFERENCES person (id),
    code         TEXT NOT NULL,
    certified_by TEXT,                     -- 认定部门
    certified_on TEXT,                     -- 认定日期
    revision     INTEGER NOT NULL,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    created_by   TEXT NOT NULL,
    updated_by   TEXT NOT NULL,
    deleted      INTEGER NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX person_category_live ON person_category (person_id, code) WHERE deleted = 0;

CREATE TABLE enrollment (
    id                 TEXT PRIMARY KEY,
    person_id          TEXT NOT NULL REFERENCES person (id),
    policy_year        INTEGER NOT NULL,
    kind               TEXT NOT NULL CHECK (kind IN ('own', 'with_guardian')),
    tier               INTEGER CHECK (tier IN (1, 2)),
    payment_date       TEXT,
    receipt_no         TEXT,
    status             TEXT NOT NULL CHECK (status IN ('draft', 'paid', 'cancelled')),
    guardian_person_id TEXT REFERENCES person (id),
    payable_fen        INTEGER NOT NULL,
    benefit_start      TEXT,
    benefit_end        TEXT,
    table_version      TEXT NOT NULL,
    quote_snapshot     TEXT NOT NULL,      -- JSON: amounts, benefit dates, rules cited, as shown to the family
    revision           INTEGER NOT NULL,
    created_at         TEXT NOT NULL,
    updated_at         TEXT NOT NULL,
    created_by         TEXT NOT NULL,
    updated_by         TEXT NOT NULL,
    CHECK (kind = 'own' OR guardian_person_id IS NOT NULL),
    CHECK (kind = 'with_guardian' OR (tier IS NOT NULL AND payment_date IS NOT NULL))
);
-- one live enrollment per person and policy year (避免重复参保)
CREATE UNIQUE INDEX enrollment_live ON enrollment (person_id, policy_year) WHERE status <> 'cancelled';
CREATE INDEX enrollment_year ON enrollment (policy_year, status);
