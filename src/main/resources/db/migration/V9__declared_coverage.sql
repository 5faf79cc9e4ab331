-- Coverage years a clerk declared for a person (职工医保, another province…) with a short evidence
-- note: one of the three sources of the history the 2025 waiting rule needs (POLICY.md). Kept with
-- the person; a declared year is never removed, only tombstoned.
CREATE TABLE declared_coverage (
    id          TEXT PRIMARY KEY,
    person_id   TEXT NOT NULL REFERENCES person (id),
    year        INTEGER NOT NULL CHECK (year BETWEEN 1900 AND 2100),
    evidence    TEXT NOT NULL,
    revision    INTEGER NOT NULL,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    created_by  TEXT NOT NULL,
    updated_by  TEXT NOT NULL,
    deleted     INTEGER NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX declared_coverage_live ON declared_coverage (person_id, year) WHERE deleted = 0;

-- the counter's own years of a person: enrolment_live covers (person_id, policy_year) already
