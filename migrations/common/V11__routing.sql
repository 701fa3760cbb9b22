-- Routing at intake: who a lead goes to and why, the weighted rotation of each stage's pool, what Slack says about
-- the reps (time zone, deactivated), and the assignee's direct message, sent before the channel post so it can be
-- edited to link to it. Written for SQLite and PostgreSQL alike. Times are epoch milliseconds (UTC).

ALTER TABLE handoffs ADD COLUMN route_note    TEXT;    -- why the assignee has it, or why nobody does, names unpinged
ALTER TABLE handoffs ADD COLUMN route_pool    TEXT;    -- the rotation whose turn the assignee took; NULL if none
ALTER TABLE handoffs ADD COLUMN dm_channel_id TEXT;    -- the assignee's direct message about it, once sent
ALTER TABLE handoffs ADD COLUMN dm_ts         TEXT;

-- Each pool's rotation, as weighted fair queueing: a rep's start grows by 1,000,000,000 / weight per lead, the
-- pool's virtual time by 1,000,000,000 / (the weights of the reps who could take it); a lead goes to the available
-- rep with the earliest finish (start + 1,000,000,000 / weight) among those the virtual time has reached. A rep
-- skipped while unavailable (missed = 1) rejoins at the virtual time, so a returning rep is not handed the backlog.
CREATE TABLE rotations (
    pool         TEXT   PRIMARY KEY,                    -- the stage id
    virtual_time BIGINT NOT NULL,
    picks        BIGINT NOT NULL DEFAULT 0              -- leads handed out, numbering each rep's last_pick
);

CREATE TABLE rotation_turns (
    pool      TEXT    NOT NULL,
    user_id   TEXT    NOT NULL,
    start     BIGINT  NOT NULL,
    missed    INTEGER NOT NULL DEFAULT 0 CHECK (missed IN (0, 1)),
    last_pick BIGINT  NOT NULL DEFAULT 0,               -- the pool's pick number of their last lead; ties go to the
                                                        -- rep who waited longest
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
