-- Telling the CRM: every handoff event goes to the agreement's webhook endpoints and the HubSpot writer through the
-- outbox (kinds webhook:<endpoint>, hubspot_contact and hubspot_note), which needs no table of its own. This one
-- keeps the endpoints that answered 410 Gone, so they stay disabled across restarts until their URL changes in the
-- agreement or someone redelivers to them. Times are epoch milliseconds (UTC).

CREATE TABLE disabled_endpoints (
    name        TEXT   PRIMARY KEY,   -- the endpoint's name in the agreement's webhooks:
    url         TEXT   NOT NULL,      -- the URL that answered 410 Gone
    disabled_at BIGINT NOT NULL,
    reason      TEXT   NOT NULL
);
