-- What CRMs send beyond the canonical lead: a phone number, the lead's recent touches, the lead's id in the CRM,
-- up to 30 extra fields kept as sent, and which intake source (a mapping of the agreement) the handoff came through.

ALTER TABLE handoffs ADD COLUMN lead_phone    TEXT;
ALTER TABLE handoffs ADD COLUMN lead_crm_id   TEXT;                          -- e.g. the HubSpot contact id
ALTER TABLE handoffs ADD COLUMN lead_touches  TEXT NOT NULL DEFAULT '[]';    -- JSON array of {"at", "what"}, as sent
ALTER TABLE handoffs ADD COLUMN lead_extras   TEXT NOT NULL DEFAULT '{}';    -- JSON object of scalars, in sent order
ALTER TABLE handoffs ADD COLUMN intake_source TEXT;                          -- NULL for the canonical POST /handoffs
