-- Evidence captured per conversation as a ticket's targets finish, not all at once after completion: a work row per
-- conversation still to read (retried on its own, given up after a bounded number of attempts), and per ticket how
-- far its targets were planned. evidence_capture keeps its meaning: the ticket's evidence is complete.

-- Conversation rows are saved before the ticket's capture completes: they belong to the ticket, not to the capture.
ALTER TABLE evidence_conversation DROP CONSTRAINT evidence_conversation_request_id_fkey;
ALTER TABLE evidence_conversation ADD CONSTRAINT evidence_conversation_request_fk
    FOREIGN KEY (request_id) REFERENCES erasure_request (id);
-- UNAVAILABLE rows: why Dixa's activity log could not be read after every attempt (an outcome kind, never a message).
ALTER TABLE evidence_conversation ADD COLUMN reason VARCHAR(100);

-- A conversation whose activity log is still to be read. DPO work first (priority 0), then oldest due first.
CREATE TABLE evidence_task (
    request_id       UUID         NOT NULL REFERENCES erasure_request (id),
    conversation_id  BIGINT       NOT NULL,
    target_id        UUID         NOT NULL REFERENCES erasure_target (id),
    priority         INT          NOT NULL,
    attempts         INT          NOT NULL DEFAULT 0,
    next_attempt_at  TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (request_id, conversation_id)
);
CREATE INDEX evidence_task_due_idx ON evidence_task (priority, next_attempt_at);

-- How far a ticket's targets were planned, in creation order: the last target passed, how many erased conversations
-- were passed (the sample's ordinal) and how many were sampled; complete once the ticket completed and all were passed.
CREATE TABLE evidence_progress (
    request_id        UUID         PRIMARY KEY REFERENCES erasure_request (id),
    after_created_at  TIMESTAMPTZ,
    after_id          UUID,
    conversations     INT          NOT NULL DEFAULT 0,
    sampled           INT          NOT NULL DEFAULT 0,
    planned_all       BOOLEAN      NOT NULL DEFAULT false,
    checked_at        TIMESTAMPTZ  NOT NULL DEFAULT now()
);
