-- The shift summary reads one day's enrolments: index them by when they were saved.
CREATE INDEX enrollment_created_at ON enrollment (created_at);
