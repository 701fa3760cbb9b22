-- As postgresql/V18: a lead sent again rewrites its funnel_leads row only when one of its times gets earlier (times
-- here only ever get earlier), so a repeated lead costs the writer no page of its own.
DROP TRIGGER stage_events_funnel;
DROP TRIGGER handoffs_funnel;

CREATE TRIGGER stage_events_funnel AFTER INSERT ON stage_events
BEGIN
    INSERT INTO funnel_leads (lead_id, entered_at, mql_at)
    VALUES (new.lead_id, new.at,
        CASE WHEN EXISTS (SELECT 1 FROM funnel_stages f WHERE f.stage = new.stage AND f.reaches_mql = 1)
            THEN new.at END)
    ON CONFLICT (lead_id) DO UPDATE SET
        entered_at = min(entered_at, excluded.entered_at),
        mql_at = coalesce(min(mql_at, excluded.mql_at), mql_at, excluded.mql_at)
    WHERE excluded.entered_at < entered_at
       OR (excluded.mql_at IS NOT NULL AND (mql_at IS NULL OR excluded.mql_at < mql_at));
END;

CREATE TRIGGER handoffs_funnel AFTER INSERT ON handoffs
BEGIN
    INSERT INTO funnel_leads (lead_id, entered_at, mql_at)
    VALUES (coalesce(new.lead_email, new.external_id), new.received_at,
        CASE WHEN EXISTS (SELECT 1 FROM funnel_stages f WHERE f.stage = new.stage AND f.reaches_mql = 1)
            THEN new.received_at END)
    ON CONFLICT (lead_id) DO UPDATE SET
        entered_at = min(entered_at, excluded.entered_at),
        mql_at = coalesce(min(mql_at, excluded.mql_at), mql_at, excluded.mql_at)
    WHERE excluded.entered_at < entered_at
       OR (excluded.mql_at IS NOT NULL AND (mql_at IS NULL OR excluded.mql_at < mql_at));
END;
