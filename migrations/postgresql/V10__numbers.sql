-- PostgreSQL's version of sqlite/V10__numbers.sql: the same tables and columns; the triggers call plpgsql functions,
-- the first deadline is kept by a BEFORE trigger on the row being updated, and the covering index carries its extra
-- columns with INCLUDE, so that a period's numbers are index-only scans here too.
-- What the numbers of docs/NUMBERS.md need to stay exact and fast: when each lead entered the funnel and first
-- reached MQL, each handoff's first deadline, one covering index for a period's handoffs, and the review's change
-- request. Times are epoch milliseconds (UTC).

-- The stages that count as "reached MQL" (the MQL stage and every stage after it), written by the app from the
-- agreement at start-up; when they change, the app recomputes funnel_leads.mql_at.
CREATE TABLE funnel_stages (
    stage       TEXT    PRIMARY KEY,
    reaches_mql INTEGER NOT NULL CHECK (reaches_mql IN (0, 1))
);

-- One row per lead: when it entered the funnel (its first stage event or handoff, whatever the stage) and when it
-- first reached MQL or a later stage. A period's conversion is then two range scans, however long the history.
CREATE TABLE funnel_leads (
    lead_id    TEXT    PRIMARY KEY,
    entered_at BIGINT  NOT NULL,
    mql_at     BIGINT
);

CREATE INDEX funnel_leads_entered ON funnel_leads (entered_at, mql_at);
CREATE INDEX funnel_leads_mql ON funnel_leads (mql_at);

-- Kept in the transaction that stores the fact, so no writer has to remember it. least() passes over a NULL: the
-- earliest of the times that are known.
CREATE FUNCTION funnel_enter(entering_lead TEXT, entered_stage TEXT, entered BIGINT) RETURNS void
LANGUAGE sql AS $$
    INSERT INTO funnel_leads (lead_id, entered_at, mql_at)
    VALUES (entering_lead, entered,
        CASE WHEN EXISTS (SELECT 1 FROM funnel_stages f WHERE f.stage = entered_stage AND f.reaches_mql = 1)
            THEN entered END)
    ON CONFLICT (lead_id) DO UPDATE SET
        entered_at = least(funnel_leads.entered_at, excluded.entered_at),
        mql_at = least(funnel_leads.mql_at, excluded.mql_at);
$$;

CREATE FUNCTION stage_events_funnel() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM funnel_enter(NEW.lead_id, NEW.stage, NEW.at);
    RETURN NULL;
END
$$;

CREATE TRIGGER stage_events_funnel AFTER INSERT ON stage_events
    FOR EACH ROW EXECUTE FUNCTION stage_events_funnel();

-- A handoff is its lead entering the handoff's stage; the lead is its email, or the handoff's own key without one
-- (as the stats have always counted it).
CREATE FUNCTION handoffs_funnel() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM funnel_enter(coalesce(NEW.lead_email, NEW.external_id), NEW.stage, NEW.received_at);
    RETURN NULL;
END
$$;

CREATE TRIGGER handoffs_funnel AFTER INSERT ON handoffs
    FOR EACH ROW EXECUTE FUNCTION handoffs_funnel();

-- The deadline sales committed to at handoff. A reassignment gives the new rep a fresh due_at, but the commitment
-- to marketing stays the first one; this keeps it, whichever code moves due_at.
ALTER TABLE handoffs ADD COLUMN first_due_at BIGINT;

CREATE FUNCTION handoffs_first_deadline() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.first_due_at := OLD.due_at;
    RETURN NEW;
END
$$;

CREATE TRIGGER handoffs_first_deadline BEFORE UPDATE OF due_at ON handoffs
    FOR EACH ROW WHEN (OLD.first_due_at IS NULL AND NEW.due_at IS DISTINCT FROM OLD.due_at)
    EXECUTE FUNCTION handoffs_first_deadline();

-- Handoffs reassigned before this migration: their first round's deadline is the due time of its escalation timer.
UPDATE handoffs SET first_due_at = (
    SELECT t.due_at FROM timers t WHERE t.handoff_id = handoffs.id AND t.kind = 'escalate' AND t.round = 0)
WHERE reassignments > 0 AND first_due_at IS NULL;

-- Business time from a rejection to marketing's answer, stored at the answer as decision_business_ms is at the
-- decision, so the numbers rank it without recomputing business hours for every rejection of a quarter.
ALTER TABLE handoffs ADD COLUMN answer_business_ms BIGINT;

-- Every column the numbers read, in received order: a period's figures are range scans of this index alone.
DROP INDEX handoffs_period;
CREATE INDEX handoffs_period ON handoffs (received_at) INCLUDE (status, decided_at, due_at, first_due_at,
    decision_business_ms, reassignments, contacted_at, answer_business_ms, marketing_outcome, lead_persona,
    lead_source, decided_by, reject_reason);

-- A review that decided to change the agreement asks its owners to open the change; who said they did, and when.
ALTER TABLE reviews ADD COLUMN change_posted_at BIGINT;
ALTER TABLE reviews ADD COLUMN change_channel_id TEXT;
ALTER TABLE reviews ADD COLUMN change_ts TEXT;
ALTER TABLE reviews ADD COLUMN change_opened_by TEXT;
ALTER TABLE reviews ADD COLUMN change_opened_at BIGINT;
