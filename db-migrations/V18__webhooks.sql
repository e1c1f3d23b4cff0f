-- Outgoing webhooks (package webhook): subscriptions of the DPO's ticket system, and a durable outbox. An event row
-- and its deliveries are written in the same transaction as the change they report, so a committed change is never
-- without its notification and a rolled-back one never has one. No personal data: ids, states, dates and URLs only.
CREATE TABLE webhook_subscription (
    id              UUID PRIMARY KEY,
    url             VARCHAR(2000) NOT NULL,
    event_types     VARCHAR(2000) NOT NULL,              -- comma-separated event types, e.g. ticket.completed
    source_filter   VARCHAR(16),                         -- DPO | SWEEP | CANARY, or null for every ticket source
    secret_sealed   VARCHAR(500)  NOT NULL,              -- the signing secret, AES-GCM sealed with WEBHOOK_SECRET_KEY
    enabled         BOOLEAN       NOT NULL,
    created_by      VARCHAR(255)  NOT NULL,
    created_at      TIMESTAMPTZ   NOT NULL,
    updated_at      TIMESTAMPTZ   NOT NULL,
    version         BIGINT        NOT NULL DEFAULT 0
);

CREATE TABLE webhook_event (
    id              UUID PRIMARY KEY,                    -- the webhook-id receivers deduplicate by
    type            VARCHAR(64)   NOT NULL,
    source          VARCHAR(16),                         -- the ticket source the event concerns, if any
    payload         TEXT          NOT NULL,              -- the exact body that is signed and sent
    once_key        VARCHAR(200)  UNIQUE,                -- events that happen once (ticket.at_risk:<ticket>) publish once
    created_at      TIMESTAMPTZ   NOT NULL
);

CREATE TABLE webhook_delivery (
    id                  UUID PRIMARY KEY,
    event_id            UUID          NOT NULL REFERENCES webhook_event (id),
    subscription_id     UUID          NOT NULL REFERENCES webhook_subscription (id),
    state               VARCHAR(16)   NOT NULL,          -- PENDING | DELIVERED | DEAD
    attempts            INT           NOT NULL DEFAULT 0,
    next_attempt_at     TIMESTAMPTZ   NOT NULL,
    last_attempt_at     TIMESTAMPTZ,
    last_status         INT,                             -- the receiver's status code; its body is never kept
    last_response_size  BIGINT,
    last_duration_ms    BIGINT,
    last_error          VARCHAR(300),                    -- a transport failure (timeout, refused), never a body
    delivered_at        TIMESTAMPTZ,
    created_at          TIMESTAMPTZ   NOT NULL
);
CREATE INDEX webhook_delivery_due_idx ON webhook_delivery (next_attempt_at) WHERE state = 'PENDING';
CREATE INDEX webhook_delivery_subscription_idx ON webhook_delivery (subscription_id, created_at);
