-- Every decision writes a handoff's entry in each of its indexes. A rep's open handoffs are now found by their
-- state (waiting for sales: 'pending'), through handoffs_state, which begins with (state, assignee_user) as
-- handoffs_open_by_assignee began with (status, assignee_user); status 'pending' also held unclaimed leads and
-- unclaimed leads recycled to nurture, which are nobody's load. Nothing reads handoffs_status.
DROP INDEX handoffs_open_by_assignee;
DROP INDEX handoffs_status;
