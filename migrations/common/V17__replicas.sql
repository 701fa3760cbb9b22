-- Several replicas on one PostgreSQL database. Each outbox lane is held by one replica at a time, under a lease it
-- renews while it works the lane; a replica that dies stops renewing, and another takes the lane once the lease has
-- run out. The lane's pace (when it may send next) is kept here too, so it holds whichever replica sends. Each replica
-- also says here that it is alive, for the health page. Times are epoch milliseconds (UTC). On SQLite one process
-- owns the database and these tables stay empty.

CREATE TABLE outbox_lanes (
    lane        TEXT   PRIMARY KEY,
    owner       TEXT,                       -- the replica holding the lane, if any
    lease_until BIGINT NOT NULL DEFAULT 0,  -- the holder's claim lapses after this
    opens_at    BIGINT NOT NULL DEFAULT 0   -- the lane's next item is not sent before this (Slack's pace)
);

CREATE INDEX outbox_lanes_owner ON outbox_lanes (owner);

CREATE TABLE replicas (
    id         TEXT   PRIMARY KEY,          -- host name, process id and a random suffix
    started_at BIGINT NOT NULL,
    seen_at    BIGINT NOT NULL              -- its last heartbeat
);
