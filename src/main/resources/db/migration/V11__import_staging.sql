-- A roster file is checked across its lines (the same ID number twice, a 户号 written with two villages,
-- the household's phone) in this table, inside the import's own transaction: it is filled and emptied
-- before that transaction ends, so it holds nothing between imports, and it is encrypted like every
-- other table. A million-line roster is checked here instead of in the program's memory.
CREATE TABLE import_roster_line (
    seq         INTEGER PRIMARY KEY,
    line        INTEGER NOT NULL,
    number_key  TEXT,
    number      TEXT,
    village     TEXT,
    group_name  TEXT,
    name        TEXT,
    id_number   TEXT,
    birth_date  TEXT,
    sex         TEXT,
    relation    TEXT,
    ethnicity   TEXT,
    phone       TEXT,
    is_head     INTEGER NOT NULL,
    ok          INTEGER NOT NULL
);
CREATE INDEX import_roster_line_id ON import_roster_line (id_number) WHERE id_number IS NOT NULL;
CREATE INDEX import_roster_line_household ON import_roster_line (number_key, is_head DESC, seq);
