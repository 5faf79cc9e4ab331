-- The newborn worklist reads persons born in the last 90 days: index birth dates.
CREATE INDEX person_birth_date ON person (birth_date);
