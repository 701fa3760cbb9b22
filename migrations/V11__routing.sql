-- Routing at intake: who a lead goes to and why, the weighted rotation of each stage's pool, what Slack says about
-- the reps (time zone, deactivated), and the assignee's direct message, sent before the channel post so it can be
-- edited to link to it. Written for SQLite and PostgreSQL alike. Times are epoch milliseconds (UTC).

ALTER TABLE handoffs ADD COLUMN route_note    TEXT;    -- why the assignee has it, or why nobody does, names unpinged
ALTER TABLE handoffs ADD COLUMN route_pool    TEXT;    -- the rotation whose turn the assignee took; NULL if none
ALTER TABLE handoffs ADD COLUMN dm_channel_id TEXT;    -- the assignee's direct message about it, once sent
ALTER TABLE handoffs ADD COLUMN dm_ts         TEXT;

-- Each pool's rotation, by stride scheduling: a rep's pass grows by 1,000,000 / weight per lead; the lowest pass
-- among the reps who can take a lead gets it. A rep skipped while unavailable (missed = 1) rejoins at the pool's
-- virtual time (the pass of the last pick), so a returning rep is not handed the backlog.
CREATE TABLE rotations (
    pool         TEXT   PRIMARY KEY,                    -- the stage id
    virtual_time BIGINT NOT NULL,
    picks        BIGINT NOT NULL DEFAULT 0
);

CREATE TABLE rotation_turns (
    pool    TEXT    NOT NULL,
    user_id TEXT    NOT NULL,
    pass    BIGINT  NOT NULL,
    missed  INTEGER NOT NULL DEFAULT 0 CHECK (missed IN (0, 1)),
    PRIMARY KEY (pool, user_id)
);

-- What Slack's users.info (or a user_change event) last said about a rep; refreshed after a day.
CREATE TABLE rep_profiles (
    user_id    TEXT    PRIMARY KEY,
    name       TEXT,                                    -- display name, shown without pinging
    tz         TEXT,                                    -- IANA zone
    email      TEXT,                                    -- lower case
    deleted    INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    fetched_at BIGINT  NOT NULL
);

CREATE INDEX rep_profiles_email ON rep_profiles (email);

-- A rep's accepted handoffs still owing first contact count towards their cap.
CREATE INDEX handoffs_awaiting_contact ON handoffs (decided_by)
    WHERE status = 'accepted' AND contacted_at IS NULL AND contact_due_at IS NOT NULL;
