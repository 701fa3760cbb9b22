-- The SLA clock: reminders and escalations as timers in the database (so each fires once, across restarts),
-- reassignment by round robin, reps who are away, and the first-contact commitment after an accept.

ALTER TABLE handoffs ADD COLUMN reassignments       INTEGER NOT NULL DEFAULT 0;
ALTER TABLE handoffs ADD COLUMN overdue_at          INTEGER;  -- the current deadline passed undecided
ALTER TABLE handoffs ADD COLUMN contact_due_at      INTEGER;  -- first contact owed by, once accepted
ALTER TABLE handoffs ADD COLUMN contacted_at        INTEGER;
ALTER TABLE handoffs ADD COLUMN contacted_by        TEXT;
ALTER TABLE handoffs ADD COLUMN contact_overdue_at  INTEGER;

CREATE TABLE timers (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    handoff_id  INTEGER NOT NULL REFERENCES handoffs (id),
    kind        TEXT    NOT NULL CHECK (kind IN ('remind', 'escalate', 'contact_remind', 'contact_escalate')),
    round       INTEGER NOT NULL,            -- 0 for the first assignment, +1 per reassignment
    due_at      INTEGER NOT NULL,
    state       TEXT    NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'fired', 'skipped', 'cancelled')),
    settled_at  INTEGER,
    UNIQUE (handoff_id, kind, round)
);

CREATE INDEX timers_due ON timers (state, due_at);

-- Who held a handoff, round by round: reassignment never goes back to one of them.
CREATE TABLE assignments (
    handoff_id  INTEGER NOT NULL REFERENCES handoffs (id),
    round       INTEGER NOT NULL,
    user_id     TEXT    NOT NULL,
    assigned_at INTEGER NOT NULL,
    PRIMARY KEY (handoff_id, round)
);

-- Reps who said they are away, through a local date (inclusive) of the agreement's calendar.
CREATE TABLE away (
    user_id    TEXT PRIMARY KEY,
    until_date TEXT    NOT NULL,
    set_at     INTEGER NOT NULL
);

-- Where round robin continues in the reassignment pool.
CREATE TABLE round_robin (
    pool       TEXT PRIMARY KEY,
    next_index INTEGER NOT NULL
);

-- Who a delivery is about when the handoff alone does not say (the rep who missed a deadline, the rep to tell).
ALTER TABLE deliveries ADD COLUMN detail TEXT;
