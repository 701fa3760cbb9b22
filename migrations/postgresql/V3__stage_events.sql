-- PostgreSQL's version of sqlite/V3__stage_events.sql: the covering indexes carry their extra columns with INCLUDE,
-- so that a period's numbers are index-only scans here too.
-- Funnel facts sent by marketing's automation (POST /stage-events), and what the stats need to stay fast.
-- Times are epoch milliseconds (UTC).

-- A lead entered a stage at `at`. A lead enters each stage once: the first report wins, repeats change nothing.
CREATE TABLE stage_events (
    lead_id     TEXT    NOT NULL,
    stage       TEXT    NOT NULL,
    at          BIGINT  NOT NULL,
    received_at BIGINT  NOT NULL,
    PRIMARY KEY (lead_id, stage)
);

CREATE INDEX stage_events_stage_at ON stage_events (stage, at) INCLUDE (lead_id);

-- Business time from receipt to decision, stored at decision so medians and percentiles are one sorted read.
ALTER TABLE handoffs ADD COLUMN decision_business_ms BIGINT;

-- Every column the stats read, in received order: a period's numbers are a range scan of this index alone.
CREATE INDEX handoffs_period ON handoffs (received_at) INCLUDE (stage, status, decided_at, due_at,
    decision_business_ms, overdue_at, reassignments, lead_persona, lead_source, decided_by, reject_reason, lead_email,
    external_id, id);

-- Whether a handoff ever went overdue (a reassignment clears overdue_at) is one probe per handoff.
CREATE INDEX handoff_events_kind ON handoff_events (kind, handoff_id);
