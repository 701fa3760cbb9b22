-- The outbox: every call the app owes the outside world (Slack posts, edits, replies, App Home views, uploads; later
-- webhooks and the CRM), written in the same transaction as the change that owes it and sent after the commit.
-- It replaces `deliveries`, which held only the handoffs' Slack calls; those rows move over as they are, pending
-- ones included, so nothing owed is lost. Times are epoch milliseconds (UTC).

CREATE TABLE outbox (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    kind            TEXT    NOT NULL,                -- which handler sends it, e.g. post_handoff, review_reminder
    lane            TEXT    NOT NULL,                -- items of one lane go one at a time, in order (a channel, a DM)
    subject         TEXT,                            -- what it is about, in its owner's terms: a handoff id, a period
    detail          TEXT,                            -- what else its handler needs (a user id, or a JSON object)
    state           TEXT    NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'done', 'failed')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL,
    last_error      TEXT,
    created_at      INTEGER NOT NULL,
    done_at         INTEGER
);

INSERT INTO outbox (id, kind, lane, subject, detail, state, attempts, next_attempt_at, last_error, created_at,
    done_at)
SELECT id, kind, lane, CAST(handoff_id AS TEXT), detail, state, attempts, next_attempt_at, last_error, created_at,
    done_at
FROM deliveries
ORDER BY id;

DROP TABLE deliveries;

-- The heads of the lanes, skipped through one lane at a time.
CREATE INDEX outbox_pending ON outbox (state, lane, id);
-- When the next item falls due, without reading every pending one.
CREATE INDEX outbox_due ON outbox (state, next_attempt_at);
-- An owner's items about one subject (a handoff's post, whether it failed).
CREATE INDEX outbox_subject ON outbox (subject, kind);
