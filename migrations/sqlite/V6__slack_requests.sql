-- Slack requests already handled, so a repeated one has no second effect: a replay of the same signed request
-- (key 'sig:' + its v0 signature) or an Events API retry of the same event (key 'event:' + team + event_id).
-- Rows are deleted once expired: signatures after the window in which their timestamp still verifies (plus
-- a margin), event ids after Slack's retries (delayed events retry for 24 hours) with room to spare.

CREATE TABLE slack_requests (
    key        TEXT PRIMARY KEY,
    seen_at    INTEGER NOT NULL,  -- epoch millis
    expires_at INTEGER NOT NULL   -- epoch millis; the row is deleted after this
) WITHOUT ROWID;

CREATE INDEX slack_requests_expiry ON slack_requests (expires_at);
