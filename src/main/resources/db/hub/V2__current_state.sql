-- The latest accepted revision of each household, person and enrolment, for the cross-device
-- duplicate check and the statistics. Rebuilt from sync_record if ever lost.
CREATE TABLE hub_household (
    id       VARCHAR(36) PRIMARY KEY,
    township VARCHAR(100) NOT NULL,
    revision INTEGER NOT NULL
);

CREATE TABLE hub_person (
    id           VARCHAR(36) PRIMARY KEY,
    household_id VARCHAR(36) NOT NULL,
    identity     VARCHAR(40) NOT NULL,   -- ID number, else "cert:" + birth certificate number
    revision     INTEGER NOT NULL
);
CREATE INDEX hub_person_identity ON hub_person (identity);

CREATE TABLE hub_enrollment (
    id           VARCHAR(36) PRIMARY KEY,
    person_id    VARCHAR(36) NOT NULL,
    policy_year  INTEGER NOT NULL,
    status       VARCHAR(20) NOT NULL,
    device       VARCHAR(100) NOT NULL,
    township     VARCHAR(100) NOT NULL,
    received_at  VARCHAR(40) NOT NULL,
    revision     INTEGER NOT NULL
);
CREATE INDEX hub_enrollment_person ON hub_enrollment (person_id, policy_year);
