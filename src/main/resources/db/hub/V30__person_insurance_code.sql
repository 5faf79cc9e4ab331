-- The 医保电子凭证 code a counter scanned for a person (issue 18), as the person's latest accepted revision
-- carries it (null when it carries none): the county's reference at the medical-insurance platform.
-- Shown masked only (first four and last four characters), never logged. Numbered 30 to leave 23-29 to
-- other branches' migrations.
ALTER TABLE hub_person ADD COLUMN insurance_code VARCHAR(128);
