-- Dixa-side evidence of a completed erasure, captured once after the ticket completes: per conversation, the
-- activity-log entries as type, time and ids only. Never names, e-mail addresses, phone numbers or entry attributes
-- (which can quote notes and messages).

-- One row per ticket whose evidence was captured: its presence is what "captured" means, so a ticket is captured once.
CREATE TABLE evidence_capture (
    request_id     UUID         PRIMARY KEY REFERENCES erasure_request (id),
    captured_at    TIMESTAMPTZ  NOT NULL,
    conversations  INT          NOT NULL,
    entries        INT          NOT NULL
);

-- Each conversation the ticket erased (CONVERSATION and MESSAGE targets, the covered conversations of USER targets)
-- and what Dixa answered for its activity log: CAPTURED, or NOT_FOUND / BAD_REQUEST when Dixa had no log to give.
CREATE TABLE evidence_conversation (
    request_id       UUID         NOT NULL REFERENCES evidence_capture (request_id),
    conversation_id  BIGINT       NOT NULL,
    target_id        UUID         NOT NULL REFERENCES erasure_target (id),
    outcome          VARCHAR(32)  NOT NULL,
    entries          INT          NOT NULL,
    PRIMARY KEY (request_id, conversation_id)
);

-- One activity-log entry: Dixa's entry id, its _type, its timestamp and the author's id; nothing else.
CREATE TABLE evidence_activity (
    id               BIGSERIAL    PRIMARY KEY,
    request_id       UUID         NOT NULL,
    conversation_id  BIGINT       NOT NULL,
    entry_id         UUID,
    type             VARCHAR(100) NOT NULL,
    activity_at      TIMESTAMPTZ,
    author_id        UUID,
    FOREIGN KEY (request_id, conversation_id) REFERENCES evidence_conversation (request_id, conversation_id)
);
CREATE INDEX evidence_activity_conversation_idx ON evidence_activity (request_id, conversation_id, id);

-- Completed tickets still owing their evidence are found through this index.
CREATE INDEX erasure_request_completed_idx ON erasure_request (completed_at) WHERE state = 'COMPLETED';
