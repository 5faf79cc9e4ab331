-- What the counter learnt from a person's documents at the counter (issue 18): the 医保电子凭证 code last
-- scanned for the person (the reference the hub may ask the medical-insurance platform about) and, when
-- an expired identity card was accepted, the clerk's reason and the card's last valid day. One row per
-- person, replaced on each change; every change is in the audit log. Numbered 30 to leave 10-29 to
-- other branches' migrations.
CREATE TABLE person_card_note (
    person_id             TEXT PRIMARY KEY REFERENCES person (id),
    insurance_code        TEXT,
    expired_card_reason   TEXT,
    expired_card_valid_to TEXT,
    updated_at            TEXT NOT NULL,
    updated_by            TEXT NOT NULL
);
