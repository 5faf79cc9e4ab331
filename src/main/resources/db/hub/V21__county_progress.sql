-- The county's progress page (issue 17): a household's village (filled for the households held so far
-- by the Java migration V22, from their latest payload), and the records the hub refused, so the page
-- can count those still waiting for a fix: a refused record is fixed once the hub holds that record at
-- the refused revision or a later one. Only the key, the code and who sent it: never the payload.
ALTER TABLE hub_household ADD COLUMN village VARCHAR(100);

CREATE TABLE hub_rejection (
    entity      VARCHAR(20) NOT NULL,
    id          VARCHAR(36) NOT NULL,
    revision    INTEGER NOT NULL,
    device      VARCHAR(100) NOT NULL,
    township    VARCHAR(100) NOT NULL,
    code        VARCHAR(40) NOT NULL,
    received_at VARCHAR(40) NOT NULL,
    PRIMARY KEY (entity, id, revision, device)
);
CREATE INDEX hub_rejection_township ON hub_rejection (township);
CREATE INDEX hub_person_household ON hub_person (household_id);
CREATE INDEX batch_device ON batch (device, received_at);
