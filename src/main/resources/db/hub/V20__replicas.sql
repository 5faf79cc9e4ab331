-- Several hub processes on one database (issue 17): the rules that one process used to keep by taking
-- one batch at a time are now the database's. Portable SQL (SQLite, PostgreSQL).

-- A record belongs to the device and township of its first upload. Claimed with INSERT … ON CONFLICT
-- DO NOTHING by whichever replica stores it first; the other reads the owner back (NOT_OWNER).
CREATE TABLE record_owner (
    entity   VARCHAR(20) NOT NULL,
    id       VARCHAR(36) NOT NULL,
    device   VARCHAR(100) NOT NULL,
    township VARCHAR(100) NOT NULL,
    PRIMARY KEY (entity, id)
);
INSERT INTO record_owner (entity, id, device, township)
SELECT r.entity, r.id, r.device, r.township FROM sync_record r
WHERE r.revision = (SELECT MIN(f.revision) FROM sync_record f WHERE f.entity = r.entity AND f.id = r.id);

-- One live enrolment per person (ID number, or birth certificate) and policy year, across devices: the
-- person's identity is kept on the enrolment (NULL for a person without either number, who is never
-- enrolled live) and a partial unique index makes a second one impossible, whichever replica races.
ALTER TABLE hub_enrollment ADD COLUMN person_identity VARCHAR(40);
-- Duplicates taken before this version (a person's ID number corrected after enrolling) are kept as
-- they are and left out of the index; a new revision of one is checked like any other.
ALTER TABLE hub_enrollment ADD COLUMN unchecked_duplicate INTEGER NOT NULL DEFAULT 0;
UPDATE hub_enrollment SET person_identity = (
    SELECT NULLIF(p.identity, 'cert:') FROM hub_person p WHERE p.id = hub_enrollment.person_id);
UPDATE hub_enrollment SET unchecked_duplicate = 1
WHERE status <> 'cancelled' AND person_identity IS NOT NULL AND EXISTS (
    SELECT 1 FROM hub_enrollment f
    WHERE f.person_identity = hub_enrollment.person_identity AND f.policy_year = hub_enrollment.policy_year
      AND f.status <> 'cancelled' AND f.id <> hub_enrollment.id
      AND (f.received_at < hub_enrollment.received_at
           OR (f.received_at = hub_enrollment.received_at AND f.id < hub_enrollment.id)));
CREATE UNIQUE INDEX hub_enrollment_live ON hub_enrollment (person_identity, policy_year)
    WHERE status <> 'cancelled' AND person_identity IS NOT NULL AND unchecked_duplicate = 0;
CREATE INDEX hub_enrollment_identity ON hub_enrollment (person_identity);
