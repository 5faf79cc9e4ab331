-- Latest revision of each renewal mark (续保): the kinds that count their year as covered (职工医保,
-- 外地参保) join paid enrolments in the coverage history the hub answers (/api/v1/history) and re-checks
-- quotes with, as a counter's own history does (HistoryDao). Filled from the marks held before by V32.
CREATE TABLE hub_mark (
    id          VARCHAR(36) PRIMARY KEY,
    person_id   VARCHAR(36) NOT NULL,
    policy_year INTEGER NOT NULL,
    kind        VARCHAR(30) NOT NULL,
    deleted     INTEGER NOT NULL,
    revision    INTEGER NOT NULL
);
CREATE INDEX hub_mark_person ON hub_mark (person_id);
