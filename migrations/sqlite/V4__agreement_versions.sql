-- Every agreement the app has run with, what changed from the one before, and who of the two owners
-- acknowledged it.

CREATE TABLE agreement_versions (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    version      TEXT    NOT NULL,
    sha256       TEXT    NOT NULL,
    content      TEXT    NOT NULL,
    loaded_at    INTEGER NOT NULL,
    changes      TEXT,                      -- JSON array of plain-words lines; NULL for the first version loaded
    announced_at INTEGER,                   -- when the change was posted in the review channel
    channel_id   TEXT,
    message_ts   TEXT
);

CREATE TABLE agreement_acks (
    version_id INTEGER NOT NULL REFERENCES agreement_versions (id),
    role       TEXT    NOT NULL CHECK (role IN ('marketing', 'sales')),
    user_id    TEXT    NOT NULL,
    at         INTEGER NOT NULL,
    PRIMARY KEY (version_id, role)
);
