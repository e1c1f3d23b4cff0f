-- Erasure tickets and their targets (one per Dixa entity), with the lease columns that keep replicas from working
-- the same target at once. No e-mail address, phone number or message content is ever stored: subjects are kept as
-- Dixa ids or as keyed hashes (HMAC-SHA256).

CREATE TABLE erasure_request (
    id             UUID PRIMARY KEY,
    ticket_ref     VARCHAR(128)  NOT NULL UNIQUE,
    source         VARCHAR(16)   NOT NULL,            -- DPO | SWEEP
    state          VARCHAR(32)   NOT NULL,            -- IN_PROGRESS | COMPLETED | FAILED | CANCELLED
    outcome        VARCHAR(64),                       -- ERASED | NO_DATA_FOUND | ...
    subject_type   VARCHAR(32)   NOT NULL,            -- END_USER | EMAIL | PHONE | CONVERSATIONS | MESSAGES
    subject_hash   VARCHAR(64),                       -- HMAC of the normalised e-mail/phone; never the value
    content_hash   VARCHAR(64)   NOT NULL,            -- HMAC of the canonical request, for idempotent resubmission
    close_policy   VARCHAR(32)   NOT NULL,            -- WAIT_THEN_FORCE | FORCE_NOW | NEVER
    reason         VARCHAR(1000),
    requested_by   VARCHAR(255)  NOT NULL,
    received_at    TIMESTAMPTZ   NOT NULL,
    due_at         TIMESTAMPTZ   NOT NULL,
    completed_at   TIMESTAMPTZ,
    last_error     VARCHAR(1000),
    version        BIGINT        NOT NULL DEFAULT 0
);
CREATE INDEX erasure_request_received_idx ON erasure_request (received_at);
CREATE INDEX erasure_request_state_idx ON erasure_request (state, due_at);
CREATE INDEX erasure_request_subject_idx ON erasure_request (subject_hash) WHERE subject_hash IS NOT NULL;

CREATE TABLE erasure_target (
    id                  UUID PRIMARY KEY,
    request_id          UUID          NOT NULL REFERENCES erasure_request (id),
    type                VARCHAR(16)   NOT NULL,       -- USER | CONVERSATION | MESSAGE
    dixa_id             VARCHAR(100)  NOT NULL,       -- user uuid, csid, or <csid>_<messageUuid> as Dixa names it
    conversation_id     BIGINT,                       -- CONVERSATION and MESSAGE targets
    message_id          UUID,                         -- MESSAGE targets
    end_user_id         UUID,                         -- USER targets
    state               VARCHAR(32)   NOT NULL,
    priority            INT           NOT NULL DEFAULT 0,  -- 0 = DPO ticket (first), 1 = retention sweep
    dixa_request_id     UUID,                         -- the latest Dixa anonymization request
    initiated_at        TIMESTAMPTZ,                  -- Dixa's initiatedAt of that request
    accepted_at         TIMESTAMPTZ,                  -- when the worker got Dixa's 202 (its own clock, for polling)
    processed_at        TIMESTAMPTZ,                  -- Dixa's processedAt
    processed_seen_at   TIMESTAMPTZ,                  -- when the worker first saw processedAt
    verified_at         TIMESTAMPTZ,
    verification        VARCHAR(32),                  -- VERIFIED | SAMPLED_OUT | NOT_APPLICABLE | MISMATCH
    note_posted_at      TIMESTAMPTZ,
    grace_until         TIMESTAMPTZ,
    force_closed_at     TIMESTAMPTZ,
    waiting_reason      VARCHAR(300),
    anonymize_requested_at TIMESTAMPTZ,               -- set before the first anonymize call: from then on no cancel
    failed_step         VARCHAR(32),                  -- the state a FAILED target was in, where a retry resumes
    attempts            INT           NOT NULL DEFAULT 0,
    last_error          VARCHAR(1000),
    next_attempt_at     TIMESTAMPTZ   NOT NULL,
    lease_owner         VARCHAR(100),
    lease_until         TIMESTAMPTZ,
    created_at          TIMESTAMPTZ   NOT NULL,
    updated_at          TIMESTAMPTZ   NOT NULL,
    version             BIGINT        NOT NULL DEFAULT 0,
    CONSTRAINT erasure_target_entity_once UNIQUE (request_id, type, dixa_id)
);
CREATE INDEX erasure_target_request_idx ON erasure_target (request_id);
CREATE INDEX erasure_target_due_idx ON erasure_target (priority, next_attempt_at)
    WHERE state NOT IN ('DONE', 'FAILED', 'CANCELLED', 'AWAITING_DIXA');
CREATE INDEX erasure_target_awaiting_idx ON erasure_target (initiated_at, id) WHERE state = 'AWAITING_DIXA';

-- The conversations an end-user erasure covers, as listed from Dixa before anonymizing the user.
CREATE TABLE erasure_target_conversation (
    target_id        UUID         NOT NULL REFERENCES erasure_target (id),
    conversation_id  BIGINT       NOT NULL,
    state_seen       VARCHAR(32),
    PRIMARY KEY (target_id, conversation_id)
);

-- Every AnonymizationRequestStatus observed: one row per distinct observation, counting identical repeats.
CREATE TABLE anonymization_observation (
    id                 BIGSERIAL    PRIMARY KEY,
    target_id          UUID         NOT NULL REFERENCES erasure_target (id),
    dixa_request_id    UUID         NOT NULL,
    entity_type        VARCHAR(16),
    target_entity_id   VARCHAR(100),
    requested_by       UUID,
    initiated_at       TIMESTAMPTZ,
    processed_at       TIMESTAMPTZ,
    first_observed_at  TIMESTAMPTZ  NOT NULL,
    last_observed_at   TIMESTAMPTZ  NOT NULL,
    times_observed     INT          NOT NULL
);
CREATE INDEX anonymization_observation_target_idx ON anonymization_observation (target_id, id);

-- What happened, in order: state changes, policy decisions, each Dixa call (method, path template, status,
-- duration), each status observation. Append-only and hash-chained: hash = SHA-256(previous_hash || canonical event);
-- the sequence is assigned by the application under the chain head's row lock (V3), so it is gapless and in chain
-- order even with several replicas writing.
CREATE TABLE audit_event (
    sequence       BIGINT        PRIMARY KEY,
    occurred_at    TIMESTAMPTZ   NOT NULL,
    actor          VARCHAR(255)  NOT NULL,
    request_id     UUID,
    target_id      UUID,
    type           VARCHAR(64)   NOT NULL,
    detail         JSONB         NOT NULL DEFAULT '{}'::jsonb,
    previous_hash  VARCHAR(64)   NOT NULL,
    hash           VARCHAR(64)   NOT NULL
);
CREATE INDEX audit_event_request_idx ON audit_event (request_id, sequence);
CREATE INDEX audit_event_occurred_idx ON audit_event (occurred_at);

-- Bucket4j's shared token bucket: one row per bucket, all replicas draw from it.
CREATE TABLE bucket (
    id     BIGINT PRIMARY KEY,
    state  BYTEA,
    expires_at BIGINT
);
