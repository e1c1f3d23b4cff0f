-- Signed checkpoints of the audit chain: the head (sequence, hash) signed with an Ed25519 key held outside the
-- database (AUDIT_SIGNING_KEY). Whoever rewrites events and recomputes every later hash (the owner role can) cannot
-- re-sign the checkpoints, so verification finds the rewrite. The runtime role may add and read checkpoints only.
CREATE TABLE audit_checkpoint (
    sequence    BIGINT       PRIMARY KEY,
    hash        VARCHAR(64)  NOT NULL,
    signed_at   TIMESTAMPTZ  NOT NULL,
    key_id      VARCHAR(64)  NOT NULL,
    signature   VARCHAR(128) NOT NULL
);

CREATE FUNCTION audit_checkpoint_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_checkpoint is append-only: % is refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER audit_checkpoint_no_update_or_delete
    BEFORE UPDATE OR DELETE ON audit_checkpoint
    FOR EACH ROW EXECUTE FUNCTION audit_checkpoint_refuse_change();

CREATE TRIGGER audit_checkpoint_no_truncate
    BEFORE TRUNCATE ON audit_checkpoint
    FOR EACH STATEMENT EXECUTE FUNCTION audit_checkpoint_refuse_change();

DO $$
DECLARE
    runtime TEXT := '${runtime_role}';
BEGIN
    IF runtime <> '' AND runtime <> current_user THEN
        EXECUTE format('REVOKE ALL ON audit_checkpoint FROM %I', runtime);
        EXECUTE format('GRANT SELECT, INSERT ON audit_checkpoint TO %I', runtime);
    END IF;
END;
$$;

-- Free text stays out of the immutable chain: a deadline extension's reason (which a DPO may fill with a name) is kept
-- here, in an ordinary row that can be erased; the DEADLINE_EXTENDED event carries only its keyed hash (reasonHash).
CREATE TABLE deadline_extension (
    id           BIGSERIAL     PRIMARY KEY,
    request_id   UUID          NOT NULL REFERENCES erasure_request (id),
    extended_at  TIMESTAMPTZ   NOT NULL,
    due_at       TIMESTAMPTZ   NOT NULL,
    reason       VARCHAR(1000) NOT NULL,
    reason_hash  VARCHAR(64)   NOT NULL
);
CREATE INDEX deadline_extension_request_idx ON deadline_extension (request_id);
