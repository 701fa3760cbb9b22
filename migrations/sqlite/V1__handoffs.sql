-- Leads handed from marketing to sales, their life as events, and the Slack deliveries still owed.
-- Times are epoch milliseconds (UTC).

CREATE TABLE handoffs (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    external_id       TEXT    NOT NULL UNIQUE,       -- the sender's idempotency key
    body_sha256       TEXT    NOT NULL,              -- of the canonical request, to tell a retry from a conflict
    stage             TEXT    NOT NULL,
    lead_name         TEXT    NOT NULL,
    lead_email        TEXT,
    lead_title        TEXT,
    lead_company      TEXT,
    lead_persona      TEXT,
    lead_score        INTEGER,
    lead_source       TEXT,
    lead_crm_url      TEXT,
    assignee_input    TEXT,                          -- as sent: a user id or an email
    assignee_user     TEXT,                          -- the Slack user id once known
    note              TEXT,
    criteria_met      TEXT    NOT NULL DEFAULT '[]', -- JSON array of strings
    status            TEXT    NOT NULL DEFAULT 'pending'
                      CHECK (status IN ('pending', 'accepted', 'rejected')),
    received_at       INTEGER NOT NULL,
    due_at            INTEGER NOT NULL,
    decided_by        TEXT,
    decided_at        INTEGER,
    reject_reason     TEXT,
    reject_comment    TEXT,
    marketing_outcome TEXT    CHECK (marketing_outcome IN ('recycled', 'contested')),
    channel_id        TEXT,                          -- where the handoff message lives, once posted
    message_ts        TEXT,
    marketing_channel_id TEXT,                       -- where marketing was told of a rejection
    marketing_ts      TEXT,
    marketing_by      TEXT,
    marketing_at      INTEGER,
    agreement_version TEXT    NOT NULL
);

CREATE INDEX handoffs_status ON handoffs (status, due_at);
CREATE INDEX handoffs_received ON handoffs (received_at);

CREATE TABLE handoff_events (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    handoff_id INTEGER NOT NULL REFERENCES handoffs (id),
    kind       TEXT    NOT NULL,                     -- received, posted, accepted, rejected, recycled, contested, failed, ...
    actor      TEXT,                                 -- a Slack user id, or 'system'
    at         INTEGER NOT NULL,
    detail     TEXT
);

CREATE INDEX handoff_events_handoff ON handoff_events (handoff_id, id);

-- Slack calls owed, written in the same transaction as the change that needs them.
CREATE TABLE deliveries (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    handoff_id      INTEGER NOT NULL REFERENCES handoffs (id),
    kind            TEXT    NOT NULL,
    lane            TEXT    NOT NULL,                -- deliveries in one lane (a channel) go in order, paced
    state           TEXT    NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'done', 'failed')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL,
    last_error      TEXT,
    created_at      INTEGER NOT NULL,
    done_at         INTEGER
);

CREATE INDEX deliveries_pending ON deliveries (state, lane, id);
