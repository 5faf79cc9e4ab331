-- Latest revision of each person's subsidy categories, for recomputing quotes at the hub.
CREATE TABLE hub_category (
    id        VARCHAR(36) PRIMARY KEY,
    person_id VARCHAR(36) NOT NULL,
    code      VARCHAR(40) NOT NULL,
    deleted   INTEGER NOT NULL,
    revision  INTEGER NOT NULL
);
CREATE INDEX hub_category_person ON hub_category (person_id);
