-- The 续保 worklist reads a township's enrolments of two years (Y−1 and Y) in one pass over this index
-- (RenewalStore.ENROLMENTS); the season dashboard looks up each person's enrolment of Y and of Y−1 by
-- (year, status, person). Covering for both, it never visits the enrolment row (which carries the quote
-- snapshot, the bulk of the table). It replaces the index on (policy_year, status), whose queries it
-- serves as well, and enrollment_renewal (V40: by person first, for a worklist that looked up every person
-- in turn): one index fewer to write on every enrolment saved. Not partial: queries by year and status need
-- not name status <> 'cancelled' to use it. One person's enrolments are found by enrollment_live.
DROP INDEX enrollment_year;
DROP INDEX enrollment_renewal;
CREATE INDEX enrollment_year ON enrollment (policy_year, status, person_id, kind, tier, guardian_person_id, created_at);
