-- A rep's accepted leads still owing first contact, soonest due first, for their App Home: read from this index up to
-- the page's limit, instead of every lead the rep ever accepted sorted on each render (21 ms a render on PostgreSQL
-- with 20,000 accepted, the App Home being rendered once a second per user while they click).
CREATE INDEX handoffs_contact_due ON handoffs (decided_by, contact_due_at, id)
    WHERE state = 'accepted' AND contact_due_at IS NOT NULL;
