-- Controls a DPO relies on (issue 13): an emergency pause shared by every replica, legal holds, and the places where
-- targets and sweep candidates name the hold that keeps them.

-- One row: whether processing is paused, why, by whom. Every replica reads it (claims per query, writes through a
-- cache refreshed at least every second), so a pause is honoured everywhere within 2 s.
CREATE TABLE processing_control (
    id           INT           PRIMARY KEY CHECK (id = 1),
    paused       BOOLEAN       NOT NULL,
    reason       VARCHAR(1000),                         -- scrubbed of e-mail addresses and phone numbers
    changed_by   VARCHAR(255),
    changed_at   TIMESTAMPTZ
);
INSERT INTO processing_control (id, paused) VALUES (1, false);

-- A legal hold (GDPR Art. 17(3)(e)): the subject only as Dixa ids or the keyed hash of an e-mail/phone.
CREATE TABLE legal_hold (
    id              UUID          PRIMARY KEY,
    subject_type    VARCHAR(16)   NOT NULL,             -- END_USER | EMAIL | PHONE | CONVERSATIONS
    end_user_id     UUID,
    subject_hash    VARCHAR(64),
    reason          VARCHAR(1000) NOT NULL,             -- scrubbed
    ends_at         TIMESTAMPTZ,                        -- null: until released
    created_by      VARCHAR(255)  NOT NULL,
    created_at      TIMESTAMPTZ   NOT NULL,
    released_by     VARCHAR(255),
    released_at     TIMESTAMPTZ,
    release_reason  VARCHAR(1000)
);
CREATE INDEX legal_hold_active_end_user_idx ON legal_hold (end_user_id) WHERE released_at IS NULL AND end_user_id IS NOT NULL;
CREATE INDEX legal_hold_active_hash_idx ON legal_hold (subject_hash) WHERE released_at IS NULL AND subject_hash IS NOT NULL;
CREATE INDEX legal_hold_created_idx ON legal_hold (created_at DESC, id);

CREATE TABLE legal_hold_conversation (
    hold_id          UUID     NOT NULL REFERENCES legal_hold (id),
    conversation_id  BIGINT   NOT NULL,
    PRIMARY KEY (hold_id, conversation_id)
);
CREATE INDEX legal_hold_conversation_idx ON legal_hold_conversation (conversation_id);

-- An ON_HOLD target names its hold; a sweep candidate skipped as LEGAL_HOLD names it too.
ALTER TABLE erasure_target ADD COLUMN hold_id UUID;
CREATE INDEX erasure_target_on_hold_idx ON erasure_target (hold_id) WHERE state = 'ON_HOLD';
ALTER TABLE sweep_candidate ADD COLUMN hold_id UUID;
ALTER TABLE sweep_run ADD COLUMN held INT NOT NULL DEFAULT 0;

-- Four-eyes approval: who approved or rejected a ticket (the submitter is requested_by).
ALTER TABLE erasure_request ADD COLUMN decided_by VARCHAR(255);
ALTER TABLE erasure_request ADD COLUMN decided_at TIMESTAMPTZ;
