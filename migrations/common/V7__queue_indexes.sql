-- Indexes the hot paths need once thousands of timers and deliveries are pending (measured by the benchmark).
--
-- timers_due (state, due_at) made SQLite cancel a handoff's timers by walking every pending timer instead of using
-- the (handoff_id, kind, round) key: 5.7 ms per decision with 18,000 pending. A partial index over pending timers
-- serves "what is due next" just as well and leaves the planner no such choice.
DROP INDEX timers_due;
CREATE INDEX timers_pending ON timers (due_at) WHERE state = 'pending';

-- "When is the next delivery due" without reading every pending delivery.
CREATE INDEX deliveries_due ON deliveries (state, next_attempt_at);

-- A handoff's deliveries (its post state on a duplicate intake, whether its post failed).
CREATE INDEX deliveries_handoff ON deliveries (handoff_id, kind);

-- A rep's open handoffs for the App Home, and the unassigned ones, each read in deadline order from an index.
CREATE INDEX handoffs_open_by_assignee ON handoffs (status, assignee_user, due_at, id);
