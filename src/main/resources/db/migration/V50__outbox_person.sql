-- The person an outbox entry is about (the person's own id for a person, null for a household), kept
-- beside the payload when it is queued, so that the upload screen finds the person's name without
-- reading the payload's JSON (its shape is the sync codec's alone). Entries queued before are filled
-- once from their payloads, as the screen read them until now.
ALTER TABLE outbox ADD COLUMN person_id TEXT;
UPDATE outbox SET person_id = CASE entity WHEN 'person' THEN entity_id
                                          WHEN 'household' THEN NULL
                                          ELSE json_extract(payload, '$.person') END;
