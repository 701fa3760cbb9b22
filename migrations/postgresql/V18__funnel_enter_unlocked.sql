-- A lead sent again (the same email in another handoff or stage event) used to rewrite its funnel_leads row even when
-- nothing got earlier, and the upsert held that row's lock until commit: every concurrent intake of the same lead
-- queued behind the one before, commit and all. Times here only ever get earlier (least()), so a row that already
-- holds times no later than these needs no write; it is then only read, and nothing waits for it.
-- The rebuild at start-up (FunnelLeads.sync) still sees such a lead: it comes from the earlier facts that set the row.
CREATE OR REPLACE FUNCTION funnel_enter(entering_lead TEXT, entered_stage TEXT, entered BIGINT) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    reaches BOOLEAN := EXISTS (SELECT 1 FROM funnel_stages f WHERE f.stage = entered_stage AND f.reaches_mql = 1);
BEGIN
    IF EXISTS (SELECT 1 FROM funnel_leads l
               WHERE l.lead_id = entering_lead AND l.entered_at <= entered AND (NOT reaches OR l.mql_at <= entered)) THEN
        RETURN;
    END IF;
    INSERT INTO funnel_leads (lead_id, entered_at, mql_at)
    VALUES (entering_lead, entered, CASE WHEN reaches THEN entered END)
    ON CONFLICT (lead_id) DO UPDATE SET
        entered_at = least(funnel_leads.entered_at, excluded.entered_at),
        mql_at = least(funnel_leads.mql_at, excluded.mql_at);
END
$$;
