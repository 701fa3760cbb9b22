-- Funnel facts sent by marketing's automation (POST /stage-events), and what the stats need to stay fast.
-- Times are epoch milliseconds (UTC).

-- A lead entered a stage at `at`. A lead enters each stage once: the first report wins, repeats change nothing.
CREATE TABLE stage_events (
    lead_id     TEXT    NOT NULL,
    stage       TEXT    NOT NULL,
    at          INTEGER NOT NULL,
    received_at INTEGER NOT NULL,
    PRIMARY KEY (lead_id, stage)
);

CREATE INDEX stage_events_stage_at ON stage_events (stage, at);

-- Business time from receipt to decision, stored at decision so medians and percentiles are one sorted read.
ALTER TABLE handoffs ADD COLUMN decision_business_ms INTEGER;

-- The stats select handoffs of a stage received in a period, and handoffs that ever went overdue.
CREATE INDEX handoffs_stage_received ON handoffs (stage, received_at);
CREATE INDEX handoff_events_kind ON handoff_events (kind, handoff_id);
