-- 续保 worklist and season dashboard (issue 15): each person's enrolment of Y and of Y−1 is looked up by
-- (person, year); this index holds every column those lookups read, so they never visit the enrolment
-- row itself (which carries the quote snapshot, the bulk of the table: pages read and decrypted for
-- nothing). Partial like enrollment_live, which stays the duplicate guard.
CREATE INDEX enrollment_renewal ON enrollment (person_id, policy_year, status, kind, tier, guardian_person_id,
                                               created_at) WHERE status <> 'cancelled';
