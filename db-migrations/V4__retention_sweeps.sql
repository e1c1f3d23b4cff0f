-- Retention sweeps: the retention policy (one row), each sweep run with its progress, and the conversations a run
-- found. Only Dixa conversation ids are stored: the search hits carry nothing else.

CREATE TABLE retention_policy (
    id                         INT           PRIMARY KEY CHECK (id = 1),
    enabled                    BOOLEAN       NOT NULL,
    closed_more_than_days      INT           NOT NULL CHECK (closed_more_than_days >= 1),
    channels                   VARCHAR(1000),                    -- comma-separated Dixa search channel names; null = all
    cron                       VARCHAR(120)  NOT NULL,           -- Quartz cron, UTC
    max_conversations_per_run  INT           NOT NULL CHECK (max_conversations_per_run >= 1),
    sweep_rate_share           DOUBLE PRECISION NOT NULL CHECK (sweep_rate_share > 0 AND sweep_rate_share <= 1),
    dry_run                    BOOLEAN       NOT NULL,
    updated_at                 TIMESTAMPTZ   NOT NULL,
    updated_by                 VARCHAR(255)  NOT NULL,
    version                    BIGINT        NOT NULL DEFAULT 0
);
-- Off until an admin sets it: a fresh installation must not start erasing on its own.
INSERT INTO retention_policy (id, enabled, closed_more_than_days, channels, cron, max_conversations_per_run,
                              sweep_rate_share, dry_run, updated_at, updated_by)
VALUES (1, false, 365, NULL, '0 0 2 * * ?', 100000, 0.5, true, now(), 'system');

CREATE TABLE sweep_run (
    id                     UUID          PRIMARY KEY,
    state                  VARCHAR(16)   NOT NULL,     -- QUEUED | ENUMERATING | ENQUEUING | ERASING | COMPLETED | FAILED
    dry_run                BOOLEAN       NOT NULL,
    triggered_by           VARCHAR(255)  NOT NULL,     -- the API user, or 'scheduler'
    requested_at           TIMESTAMPTZ   NOT NULL,
    started_at             TIMESTAMPTZ,
    enumerated_at          TIMESTAMPTZ,
    finished_at            TIMESTAMPTZ,
    -- The policy as it was when the run was requested, so a resumed run searches exactly the same thing.
    cutoff                 TIMESTAMPTZ   NOT NULL,
    closed_more_than_days  INT           NOT NULL,
    channels               VARCHAR(1000),
    max_conversations      INT           NOT NULL,
    -- Enumeration progress, saved with each page: a restarted run continues at page_key.
    page_key               VARCHAR(2000),
    pages                  INT           NOT NULL DEFAULT 0,
    found                  INT           NOT NULL DEFAULT 0,
    skipped                INT           NOT NULL DEFAULT 0,
    limit_reached          BOOLEAN       NOT NULL DEFAULT false,
    -- Enqueue progress: targets are written in conversation-id order; the last id written is the cursor.
    enqueue_cursor         BIGINT,
    enqueued               INT           NOT NULL DEFAULT 0,
    ticket_id              UUID          REFERENCES erasure_request (id),
    attempts               INT           NOT NULL DEFAULT 0,
    next_attempt_at        TIMESTAMPTZ   NOT NULL,
    last_error             VARCHAR(1000),
    lease_owner            VARCHAR(100),
    lease_until            TIMESTAMPTZ,
    version                BIGINT        NOT NULL DEFAULT 0
);
-- At most one run enumerates or enqueues at a time, whoever triggers it (API, cron, several replicas).
CREATE UNIQUE INDEX sweep_run_one_active ON sweep_run ((true)) WHERE state IN ('QUEUED', 'ENUMERATING', 'ENQUEUING');
CREATE INDEX sweep_run_requested_idx ON sweep_run (requested_at DESC);

CREATE TABLE sweep_candidate (
    sweep_id         UUID         NOT NULL REFERENCES sweep_run (id),
    conversation_id  BIGINT       NOT NULL,
    skip_reason      VARCHAR(32),                      -- null = to erase; ALREADY_COVERED | RUN_LIMIT
    PRIMARY KEY (sweep_id, conversation_id)
);

-- The sweep skips conversations another ticket already erased or is erasing: these indexes keep that lookup cheap.
CREATE INDEX sweep_skip_target_conversation_idx ON erasure_target (conversation_id) WHERE conversation_id IS NOT NULL;
CREATE INDEX sweep_skip_covered_conversation_idx ON erasure_target_conversation (conversation_id);
