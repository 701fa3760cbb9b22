-- What the numbers of docs/NUMBERS.md need to stay exact and fast: when each lead entered the funnel and first
-- reached MQL, each handoff's first deadline, one covering index for a period's handoffs, and the review's change
-- request. Times are epoch milliseconds (UTC).

-- The stages that count as "reached MQL" (the MQL stage and every stage after it), written by the app from the
-- agreement at start-up; when they change, the app recomputes funnel_leads.mql_at.
CREATE TABLE funnel_stages (
    stage       TEXT    PRIMARY KEY,
    reaches_mql INTEGER NOT NULL CHECK (reaches_mql IN (0, 1))
) WITHOUT ROWID;

-- One row per lead: when it entered the funnel (its first stage event or handoff, whatever the stage) and when it
-- first reached MQL or a later stage. A period's conversion is then two range scans, however long the history.
CREATE TABLE funnel_leads (
    lead_id    TEXT    PRIMARY KEY,
    entered_at INTEGER NOT NULL,
    mql_at     INTEGER
) WITHOUT ROWID;

CREATE INDEX funnel_leads_entered ON funnel_leads (entered_at, mql_at);
CREATE INDEX funnel_leads_mql ON funnel_leads (mql_at);

-- Kept in the transaction that stores the fact, so no writer has to remember it. min() of a NULL is NULL, hence
-- the coalesce: the earliest of the times that are known.
CREATE TRIGGER stage_events_funnel AFTER INSERT ON stage_events
BEGIN
    INSERT INTO funnel_leads (lead_id, entered_at, mql_at)
    VALUES (new.lead_id, new.at,
        CASE WHEN EXISTS (SELECT 1 FROM funnel_stages f WHERE f.stage = new.stage AND f.reaches_mql = 1)
            THEN new.at END)
    ON CONFLICT (lead_id) DO UPDATE SET
        entered_at = min(entered_at, excluded.entered_at),
        mql_at = coalesce(min(mql_at, excluded.mql_at), mql_at, excluded.mql_at);
END;

-- A handoff is its lead entering the handoff's stage; the lead is its email, or the handoff's own key without one
-- (as the stats have always counted it).
CREATE TRIGGER handoffs_funnel AFTER INSERT ON handoffs
BEGIN
    INSERT INTO funnel_leads (lead_id, entered_at, mql_at)
    VALUES (coalesce(new.lead_email, new.external_id), new.received_at,
        CASE WHEN EXISTS (SELECT 1 FROM funnel_stages f WHERE f.stage = new.stage AND f.reaches_mql = 1)
            THEN new.received_at END)
    ON CONFLICT (lead_id) DO UPDATE SET
        entered_at = min(entered_at, excluded.entered_at),
        mql_at = coalesce(min(mql_at, excluded.mql_at), mql_at, excluded.mql_at);
END;

-- The deadline sales committed to at handoff. A reassignment gives the new rep a fresh due_at, but the commitment
-- to marketing stays the first one; this keeps it, whichever code moves due_at.
ALTER TABLE handoffs ADD COLUMN first_due_at INTEGER;

CREATE TRIGGER handoffs_first_deadline AFTER UPDATE OF due_at ON handoffs
WHEN old.first_due_at IS NULL AND new.due_at IS NOT old.due_at
BEGIN
    UPDATE handoffs SET first_due_at = old.due_at WHERE id = new.id;
END;

-- Handoffs reassigned before this migration: their first round's deadline is the due time of its escalation timer.
UPDATE handoffs SET first_due_at = (
    SELECT t.due_at FROM timers t WHERE t.handoff_id = handoffs.id AND t.kind = 'escalate' AND t.round = 0)
WHERE reassignments > 0 AND first_due_at IS NULL;

-- Business time from a rejection to marketing's answer, stored at the answer as decision_business_ms is at the
-- decision, so the numbers rank it without recomputing business hours for every rejection of a quarter.
ALTER TABLE handoffs ADD COLUMN answer_business_ms INTEGER;

-- Every column the numbers read, in received order: a period's figures are range scans of this index alone.
DROP INDEX handoffs_period;
CREATE INDEX handoffs_period ON handoffs (received_at, status, decided_at, due_at, first_due_at, decision_business_ms,
    reassignments, contacted_at, answer_business_ms, marketing_outcome, lead_persona, lead_source, decided_by,
    reject_reason);

-- A review that decided to change the agreement asks its owners to open the change; who said they did, and when.
ALTER TABLE reviews ADD COLUMN change_posted_at INTEGER;
ALTER TABLE reviews ADD COLUMN change_channel_id TEXT;
ALTER TABLE reviews ADD COLUMN change_ts TEXT;
ALTER TABLE reviews ADD COLUMN change_opened_by TEXT;
ALTER TABLE reviews ADD COLUMN change_opened_at INTEGER;
