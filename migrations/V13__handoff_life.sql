-- The handoff's life as an explicit state (docs/HANDOFFS.md, "The life of a handoff"), marketing's clock after a
-- rejection, and the notices with buttons the app sent, so their buttons can be closed once they no longer apply.
-- Portable SQL: it runs as it is on SQLite and on PostgreSQL 15. Times are epoch milliseconds (UTC).

-- `status` stays sales' answer (pending, accepted, rejected), which the numbers count; `state` is where the handoff
-- is in its life, which every change moves by compare-and-set.
ALTER TABLE handoffs ADD COLUMN state TEXT NOT NULL DEFAULT 'pending'
    CHECK (state IN ('pending', 'unclaimed', 'accepted', 'contacted', 'rejected', 'contested', 'upheld', 'recycled'));

-- Which round of deadlines is current: +1 for every reassignment, reopening or new clock, so a timer of an earlier
-- round is never taken for the current one. Until now that was the number of reassignments.
ALTER TABLE handoffs ADD COLUMN clock_round INTEGER NOT NULL DEFAULT 0;

-- Handoffs from before: their state follows from what was recorded. A pending handoff whose deadline passed and was
-- not reassigned waited for nobody: it is unclaimed, and shows up with Reassign… and Recycle to nurture.
UPDATE handoffs SET clock_round = reassignments, state = CASE
    WHEN status = 'accepted' AND contacted_at IS NOT NULL THEN 'contacted'
    WHEN status = 'accepted' THEN 'accepted'
    WHEN status = 'rejected' AND marketing_outcome = 'recycled' THEN 'recycled'
    WHEN status = 'rejected' AND marketing_outcome = 'contested' THEN 'contested'
    WHEN status = 'rejected' THEN 'rejected'
    WHEN overdue_at IS NOT NULL THEN 'unclaimed'
    ELSE 'pending' END;

-- The App Home's queues: a rep's open handoffs, the team's, marketing's, each in deadline order from an index.
CREATE INDEX handoffs_state ON handoffs (state, assignee_user, due_at, id);

-- Marketing's clock after a rejection: a reminder in the marketing channel, then the marketing owner is told.
-- The same rules as the SLA clock's timers: each fires once per handoff, kind and round.
CREATE TABLE marketing_timers (
    handoff_id BIGINT  NOT NULL REFERENCES handoffs (id),
    kind       TEXT    NOT NULL CHECK (kind IN ('followup_remind', 'followup_escalate')),
    round      INTEGER NOT NULL,
    due_at     BIGINT  NOT NULL,
    state      TEXT    NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'fired', 'skipped', 'cancelled')),
    settled_at BIGINT,
    PRIMARY KEY (handoff_id, kind, round)
);

CREATE INDEX marketing_timers_pending ON marketing_timers (due_at) WHERE state = 'pending';

-- Notices with buttons (direct messages to reps, the escalation and the contest in the thread, the marketing
-- owner's reminder), where they were posted, so their buttons are replaced by the outcome once the handoff moves on.
CREATE TABLE handoff_notices (
    channel_id TEXT   NOT NULL,
    ts         TEXT   NOT NULL,
    handoff_id BIGINT NOT NULL REFERENCES handoffs (id),
    kind       TEXT   NOT NULL,
    user_id    TEXT,
    posted_at  BIGINT NOT NULL,
    closed_at  BIGINT,
    PRIMARY KEY (channel_id, ts)
);

CREATE INDEX handoff_notices_open ON handoff_notices (handoff_id) WHERE closed_at IS NULL;

-- The last step a person took on the handoff (reassigned, taken, upheld, reopened, …), by whom and when, so messages
-- can say "Reopened by @lee" without reading the events.
ALTER TABLE handoffs ADD COLUMN last_step TEXT;
ALTER TABLE handoffs ADD COLUMN last_by TEXT;
ALTER TABLE handoffs ADD COLUMN last_at BIGINT;
