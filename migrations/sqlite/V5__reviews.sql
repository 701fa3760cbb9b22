-- The agreement's reviews (step 6): one row per review period, posted once, followed up once, marked reviewed;
-- and the off-cycle "review recommended" alerts, at most one per quarter.

CREATE TABLE reviews (
    period              TEXT PRIMARY KEY,      -- the period whose start calls for the review, e.g. 2026-Q4
    due_at              INTEGER NOT NULL,
    posted_at           INTEGER,
    channel_id          TEXT,
    message_ts          TEXT,
    snoozed_until       INTEGER,               -- "remind me next week"
    follow_up_posted_at INTEGER,
    reviewed_at         INTEGER,
    reviewed_by         TEXT,
    outcome             TEXT CHECK (outcome IN ('keep', 'change')),
    notes               TEXT
);

CREATE TABLE review_alerts (
    quarter   TEXT PRIMARY KEY,
    posted_at INTEGER NOT NULL,
    detail    TEXT NOT NULL
);

-- A rep's own numbers on the App Home.
CREATE INDEX handoffs_decided_by ON handoffs (decided_by, received_at);
