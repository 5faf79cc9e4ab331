-- Why an enrolment was cancelled (作废), as the operator gave it: kept with the row, sent up with it and
-- written into the audit log's "after" by the same change (issue 20, defect 8). NULL for a live row
-- and for cancellations made before this column (and a draft replaced by its payment).
ALTER TABLE enrollment ADD COLUMN cancel_reason TEXT;
