-- 应参保人数 per village (村/社区), from the township's targets file: the denominator of the coverage
-- rate. One figure per village; a new import replaces it.
CREATE TABLE village_target (
    village    TEXT PRIMARY KEY COLLATE NOCASE,
    target     INTEGER NOT NULL CHECK (target >= 0),
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL
);
-- coverage is counted per village: households by village
CREATE INDEX household_village ON household (village COLLATE NOCASE);
